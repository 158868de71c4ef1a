/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Landlock: enforcement on every thread of a process
 */

#ifndef _SECURITY_LANDLOCK_TSYNC_H
#define _SECURITY_LANDLOCK_TSYNC_H

#include <linux/cred.h>
#include <linux/types.h>

int landlock_commit_all_threads(struct cred *new, bool no_new_privs);
struct cred *landlock_sibling_cred(const struct cred *caller_old,
				   struct cred *caller_new);

#endif /* _SECURITY_LANDLOCK_TSYNC_H */
