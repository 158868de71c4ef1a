// SPDX-License-Identifier: GPL-2.0-only
/*
 * Landlock: tracepoints
 *
 * Instantiates the events of include/trace/events/landlock.h, whose
 * TP_fast_assign() code reads the structures and calls the helpers below.
 */

#include <linux/dcache.h>
#include <linux/fs.h>

#include "common.h"
#include "domain.h"
#include "ruleset.h"
#include "trace.h"

/*
 * Helpers of the TP_fast_assign() code of the events, which only runs when
 * an event is enabled.
 */

/* Device of the file or directory @dentry, or 0 if none. */
static dev_t __maybe_unused ll_dentry_dev(const struct dentry *const dentry)
{
	return dentry ? dentry->d_sb->s_dev : 0;
}

/* Inode number of the file or directory @dentry, or 0 if none. */
static unsigned long __maybe_unused
ll_dentry_ino(const struct dentry *const dentry)
{
	if (!dentry || d_really_is_negative(dentry))
		return 0;
	return d_backing_inode(dentry)->i_ino;
}

/* ID of the domain that @domain is nested in, or 0 for a first layer. */
static u64 __maybe_unused
ll_parent_id(const struct landlock_domain *const domain)
{
	return domain->hier->parent ? domain->hier->parent->id : 0;
}

#define CREATE_TRACE_POINTS
#include <trace/events/landlock.h>
