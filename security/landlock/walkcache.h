/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Landlock: summaries of path walks, reused while they stay true
 */

#ifndef _SECURITY_LANDLOCK_WALKCACHE_H
#define _SECURITY_LANDLOCK_WALKCACHE_H

#include <linux/types.h>

struct dentry;
struct landlock_domain;
struct landlock_request;
struct landlock_walk_cache;
struct vfsmount;

/**
 * struct landlock_walk_key - What the summary of a directory depends on
 *
 * The summary of a directory reached through a mount is what the walk from
 * it up to the root of the mount namespace grants.  It stays true while no
 * dentry is moved (@rename_seq) and no mount is added, removed or moved
 * (@mount_seq); the directory is identified by its dentry and by the
 * number that its inode got when that dentry was attached to it.
 */
struct landlock_walk_key {
	/** @dir: Directory, compared by address only. */
	const struct dentry *dir;
	/** @mnt: Mount through which @dir was reached. */
	const struct vfsmount *mnt;
	/** @dir_id: Number of @dir's inode when @dir was attached to it. */
	unsigned long dir_id;
	/** @rename_seq: Sequence count of rename_lock. */
	unsigned int rename_seq;
	/** @mount_seq: Sequence count of the mount tree. */
	unsigned int mount_seq;
	/** @born: When the counts were sampled (jiffies). */
	u64 born;
};

/* A domain's cache has 2^LL_WALK_SLOT_BITS slots. */
#define LL_WALK_SLOT_BITS 8

struct landlock_walk_cache *landlock_walk_cache_alloc(u32 nr_layers);
void landlock_walk_cache_free(struct landlock_walk_cache *cache);
size_t landlock_walk_cache_size(u32 nr_layers);

bool landlock_walk_stamp(struct landlock_walk_key *key);
bool landlock_walk_set_dir(struct landlock_walk_key *key,
			   const struct dentry *dir,
			   const struct vfsmount *mnt);
bool landlock_walk_still_true(const struct landlock_walk_key *key);
bool landlock_walk_cache_apply(const struct landlock_domain *domain,
			       const struct landlock_walk_key *key,
			       struct landlock_request *req);
void landlock_walk_cache_store(const struct landlock_domain *domain,
			       const struct landlock_walk_key *key,
			       const struct landlock_request *summary);

void landlock_add_walkcache_hooks(void);

#endif /* _SECURITY_LANDLOCK_WALKCACHE_H */
