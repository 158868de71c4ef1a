/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Landlock: filesystem access control
 */

#ifndef _SECURITY_LANDLOCK_FS_H
#define _SECURITY_LANDLOCK_FS_H

#include <linux/fs.h>
#include <linux/init.h>
#include <linux/path.h>
#include <linux/types.h>

#include "common.h"
#include "lsm.h"

struct landlock_domain;

/**
 * struct landlock_open_denial - A right denied when a file was opened
 */
struct landlock_open_denial {
	/** @layer: Youngest layer of the domain that denied it. */
	u8 layer;
	/** @quiet: That layer marks the file quiet. */
	bool quiet;
};

/**
 * struct landlock_file_sec - Landlock's part of an open file's blob
 */
struct landlock_file_sec {
	/**
	 * @allowed: Rights among LL_FS_OPEN_FILE_RIGHTS that were granted
	 * when the file was opened (all of them for a file opened outside of
	 * any sandbox).  Set once by the file_open hook, before the file is
	 * shared: read without lock.
	 */
	u32 allowed;
	/**
	 * @fown_domain: Domain of the task that last set the file's owner
	 * (fcntl(2) F_SETOWN), which judges the signals the file sends to
	 * its owner; NULL if that task was not sandboxed, or if the owner
	 * is a task of its own process.  Holds a reference.  Written under
	 * the owner's lock (&file.f_owner.lock, for writing), read under it.
	 */
	struct landlock_domain *fown_domain;
	/**
	 * @fown_exec_layers: &landlock_cred_sec.exec_layers of that task,
	 * for the records.  Written and read like @fown_domain.
	 */
	u16 fown_exec_layers;
	/**
	 * @open_domain: Domain that denied some of LL_FS_OPEN_FILE_RIGHTS
	 * when the file was opened, for the records of their later denials;
	 * NULL if none was denied.  Holds a reference.  Set by the file_open
	 * hook, like @allowed.
	 */
	struct landlock_domain *open_domain;
	/**
	 * @truncate: What of @open_domain denied %LANDLOCK_ACCESS_FS_TRUNCATE.
	 */
	struct landlock_open_denial truncate;
	/**
	 * @ioctl: What of @open_domain denied %LANDLOCK_ACCESS_FS_IOCTL_DEV.
	 */
	struct landlock_open_denial ioctl;
};

static inline struct landlock_file_sec *
landlock_file(const struct file *const file)
{
	return file->f_security + landlock_blobs.lbs_file;
}

/**
 * struct landlock_move_rights - Rights needed to link or rename a file
 */
struct landlock_move_rights {
	/** @src_dir: Rights needed on the source directory. */
	u32 src_dir;
	/** @dst_dir: Rights needed on the destination directory. */
	u32 dst_dir;
};

u32 landlock_make_access(umode_t mode);
umode_t landlock_node_type(umode_t mode, dev_t dev);
u32 landlock_remove_access(umode_t mode);
u32 landlock_open_access(fmode_t f_mode, unsigned int f_flags, umode_t i_mode);
u32 landlock_open_file_rights(umode_t i_mode);
bool landlock_ioctl_is_generic(unsigned int cmd);
struct landlock_move_rights landlock_move_access(umode_t src_mode,
						 umode_t dst_mode, bool is_link,
						 bool exchange);
int landlock_get_rule_path(int fd, struct path *path);
void __init landlock_add_fs_hooks(void);

#endif /* _SECURITY_LANDLOCK_FS_H */
