/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Landlock: summaries of path walks, reused while they stay true
 */

#ifndef _SECURITY_LANDLOCK_WALKCACHE_H
#define _SECURITY_LANDLOCK_WALKCACHE_H

#include <linux/dcache.h>
#include <linux/jiffies.h>
#include <linux/mount.h>
#include <linux/seqlock.h>
#include <linux/types.h>

#include "object.h"

struct landlock_domain;
struct landlock_request;
struct landlock_walk_cache;

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

bool landlock_walk_cache_apply(const struct landlock_domain *domain,
			       const struct landlock_walk_key *key,
			       struct landlock_request *req);
void landlock_walk_cache_store(const struct landlock_domain *domain,
			       const struct landlock_walk_key *key,
			       const struct landlock_request *summary);

void landlock_add_walkcache_hooks(void);

/* Called by every check that goes through the cache, hence inline. */

/*
 * Sequence counts have 32 bits: after 2^31 renames, the count of rename_lock
 * comes back to the same value, and directory numbers have 32 bits on 32-bit
 * kernels.  A summary is only used within one second of its walk, and a
 * check within one second of its stamp: far less than what so many renames
 * (each one a write section of a global lock) or directories take.
 */
static inline bool landlock_walk_is_young(const u64 born)
{
	return time_before64(get_jiffies_64(), born + HZ);
}

/**
 * landlock_walk_stamp - Start a key: sample the sequence counts
 * @key: Key to start.
 *
 * The counts are sampled before anything of the path is read.
 *
 * Return: false if a rename or a change of the mount tree is in progress:
 * nothing can be reused or stored then.
 */
static inline bool landlock_walk_stamp(struct landlock_walk_key *const key)
{
	key->rename_seq = raw_read_seqcount(&rename_lock.seqcount);
	key->mount_seq = mount_topology_seq();
	key->born = get_jiffies_64();
	return !((key->rename_seq | key->mount_seq) & 1);
}

/**
 * landlock_walk_set_dir - Complete a key with its directory
 * @key: Key started by landlock_walk_stamp().
 * @dir: Directory, read after the stamp; the caller holds RCU.
 * @mnt: Mount through which @dir is reached.
 *
 * Return: false if @dir has no number (a negative dentry, or a private
 * inode): its walk is not cached.
 */
static inline bool landlock_walk_set_dir(struct landlock_walk_key *const key,
					 const struct dentry *const dir,
					 const struct vfsmount *const mnt)
{
	const struct inode *const inode = d_backing_inode(dir);

	if (!inode)
		return false;
	key->dir = dir;
	key->mnt = mnt;
	key->dir_id = READ_ONCE(landlock_inode(inode)->dir_id);
	return key->dir_id != 0;
}

/**
 * landlock_walk_still_true - Whether nothing moved since the stamp
 * @key: Key started by landlock_walk_stamp().
 *
 * Return: true if no dentry was moved and the mount tree did not change
 * since @key was stamped: what was read of the path since then is one
 * consistent state.
 */
static inline bool
landlock_walk_still_true(const struct landlock_walk_key *const key)
{
	/* The path was read before the counts are read again. */
	smp_rmb();
	if (mount_topology_seq() != key->mount_seq ||
	    !landlock_walk_is_young(key->born))
		return false;
	/* Also ends what KCSAN sees as the read section. */
	return !read_seqcount_retry(&rename_lock.seqcount, key->rename_seq);
}

#endif /* _SECURITY_LANDLOCK_WALKCACHE_H */
