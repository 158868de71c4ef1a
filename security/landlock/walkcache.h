/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Landlock: summaries of path walks, reused while they stay true
 */

#ifndef _SECURITY_LANDLOCK_WALKCACHE_H
#define _SECURITY_LANDLOCK_WALKCACHE_H

#include <linux/atomic.h>
#include <linux/dcache.h>
#include <linux/hash.h>
#include <linux/jiffies.h>
#include <linux/mount.h>
#include <linux/stddef.h>
#include <linux/seqlock.h>
#include <linux/types.h>

#include "domain.h"
#include "object.h"

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

/**
 * struct landlock_walk_slot - Summary of one directory's walk
 *
 * Every field but @seq is written only while @seq is odd.
 */
struct landlock_walk_slot {
	/** @seq: Even when the slot is stable, odd while it is written. */
	atomic_t seq;
	/** @rename_seq: &landlock_walk_key.rename_seq of the summary. */
	unsigned int rename_seq;
	/** @mount_seq: &landlock_walk_key.mount_seq of the summary. */
	unsigned int mount_seq;
	/** @missing_any: Union of @missing over the layers. */
	u32 missing_any;
	/** @born: Time of the walk (jiffies); see landlock_walk_is_young(). */
	u64 born;
	/** @dir_id: &landlock_walk_key.dir_id (0: the slot is empty). */
	unsigned long dir_id;
	/** @dir: &landlock_walk_key.dir, never dereferenced. */
	const struct dentry *dir;
	/** @mnt: &landlock_walk_key.mnt, never dereferenced. */
	const struct vfsmount *mnt;
	/** @quiet: Layers in which a rule met marks the object quiet. */
	u16 quiet;
	/** @missing: Rights still missing after the walk, per layer. */
	u32 missing[];
};

/*
 * A domain's cache, struct landlock_walk_cache, is nothing but its slots:
 * 2^LL_WALK_SLOT_BITS of them, landlock_walk_slot_size() bytes each (a
 * header would push a cache of 16 KiB into the next size of allocation).
 */
struct landlock_walk_cache;

/*
 * Size of a slot of a domain of @nr_layers layers: the entries of @missing
 * start right after @quiet, not at the end of the padded structure.
 */
static inline size_t landlock_walk_slot_size(const u32 nr_layers)
{
	return ALIGN(offsetof(struct landlock_walk_slot, missing) +
			     nr_layers * sizeof(u32),
		     sizeof(u64));
}

struct landlock_walk_cache *landlock_walk_cache_alloc(u32 nr_layers);
void landlock_walk_cache_free(struct landlock_walk_cache *cache);
size_t landlock_walk_cache_size(u32 nr_layers);

void landlock_walk_cache_store(const struct landlock_domain *domain,
			       const struct landlock_walk_key *key,
			       const struct landlock_request *summary);

void landlock_add_walkcache_hooks(void);

/* Called by every check that goes through the cache, hence inline. */

/*
 * Sequence counts have 32 bits: after 2^31 renames, the count of rename_lock
 * comes back to the same value, and directory numbers have 32 bits on 32-bit
 * kernels.  A check uses a summary only if its walk started less than a
 * second before the check's stamp (landlock_walk_cache_read()), and only
 * within one second of that stamp (here): a summary is thus used at most
 * two seconds after its walk, far less than what so many renames (each one
 * a write section of a global lock) or directories take.
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

/* Slot of the summary of @key in the cache of @domain. */
static inline struct landlock_walk_slot *
landlock_walk_slot_of(const struct landlock_domain *const domain,
		      const struct landlock_walk_key *const key)
{
	const u32 index =
		hash_long(key->dir_id ^ (uintptr_t)key->mnt, LL_WALK_SLOT_BITS);

	return (void *)domain->walk_cache +
	       index * landlock_walk_slot_size(domain->nr_layers);
}

/*
 * Whether @slot, whose count was @seq, holds a summary of @key made less than
 * a second before @key was stamped (see landlock_walk_is_young()).  The key
 * is compared as a whole, without a branch per member.
 */
static inline bool
landlock_walk_slot_matches(const struct landlock_walk_slot *const slot,
			   const unsigned int seq,
			   const struct landlock_walk_key *const key)
{
	const unsigned long differ =
		(seq & 1) | (READ_ONCE(slot->dir_id) ^ key->dir_id) |
		((uintptr_t)READ_ONCE(slot->dir) ^ (uintptr_t)key->dir) |
		((uintptr_t)READ_ONCE(slot->mnt) ^ (uintptr_t)key->mnt) |
		(READ_ONCE(slot->rename_seq) ^ key->rename_seq) |
		(READ_ONCE(slot->mount_seq) ^ key->mount_seq);

	return !differ && time_before64(key->born, READ_ONCE(slot->born) + HZ);
}

/* Whether @slot was not rewritten since its count was @seq. */
static inline bool
landlock_walk_slot_unchanged(const struct landlock_walk_slot *const slot,
			     const unsigned int seq)
{
	/* Pairs with the release of the store: the slot was read before. */
	smp_rmb();
	return atomic_read(&slot->seq) == seq;
}

/**
 * landlock_walk_cache_read - Read the cached summary of a directory
 * @domain: Domain of the check, with a cache.
 * @key: Complete key of the directory.
 * @summary: Filled, on success, with the rights that the summary misses for
 *           each of @domain's layers and with its quiet layers; its other
 *           members are left as they are.
 *
 * The slot is read without any lock: the copy is only used if the slot's
 * count was even and did not change meanwhile.
 *
 * Return: true if the slot holds a summary of @key, read whole.
 */
static inline bool
landlock_walk_cache_read(const struct landlock_domain *const domain,
			 const struct landlock_walk_key *const key,
			 struct landlock_request *const summary)
{
	const struct landlock_walk_slot *const slot =
		landlock_walk_slot_of(domain, key);
	const unsigned int seq = atomic_read_acquire(&slot->seq);
	u32 layer;

	if (!landlock_walk_slot_matches(slot, seq, key))
		return false;
	for (layer = 0; layer < domain->nr_layers; layer++)
		summary->missing[layer] = READ_ONCE(slot->missing[layer]);
	summary->quiet = READ_ONCE(slot->quiet);
	return landlock_walk_slot_unchanged(slot, seq);
}

/**
 * landlock_walk_cache_allows - Whether a cached summary misses no right
 * @domain: Domain of the check, with a cache.
 * @key: Complete key of the directory.
 * @access: Rights of the check.
 *
 * The fast path of a check that the directory's summary alone decides: no
 * layer misses any of @access, whatever they handle.
 *
 * Return: true if the slot holds a summary of @key, read whole, in which no
 * layer misses any of @access.
 */
static inline bool
landlock_walk_cache_allows(const struct landlock_domain *const domain,
			   const struct landlock_walk_key *const key,
			   const u32 access)
{
	const struct landlock_walk_slot *const slot =
		landlock_walk_slot_of(domain, key);
	const unsigned int seq = atomic_read_acquire(&slot->seq);

	return landlock_walk_slot_matches(slot, seq, key) &&
	       !(READ_ONCE(slot->missing_any) & access) &&
	       landlock_walk_slot_unchanged(slot, seq);
}

#endif /* _SECURITY_LANDLOCK_WALKCACHE_H */
