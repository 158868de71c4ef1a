// SPDX-License-Identifier: GPL-2.0-only
/*
 * Landlock: summaries of path walks, reused while they stay true
 *
 * Each domain that restricts filesystem rights has a small table of
 * summaries, one per slot, chosen by hashing the key of the directory.  A
 * slot is written by at most one task at a time, which takes it by making
 * its sequence count odd, and read without any lock: a reader copies the
 * slot and uses the copy only if the count was even and did not change.
 * A task that finds the slot taken does not wait, it simply does not store
 * its summary.  See Documentation/security/landlock.rst for why a summary
 * that matches its key is true.
 */

#include <linux/atomic.h>
#include <linux/dcache.h>
#include <linux/fs.h>
#include <linux/hash.h>
#include <linux/jiffies.h>
#include <linux/lsm_hooks.h>
#include <linux/mount.h>
#include <linux/percpu.h>
#include <linux/slab.h>

#include "common.h"
#include "domain.h"
#include "object.h"
#include "walkcache.h"

/**
 * landlock_walk_cache_size - Memory of the cache of a domain
 * @nr_layers: Number of layers of the domain.
 *
 * Return: the size in bytes of what landlock_walk_cache_alloc() allocates.
 */
size_t landlock_walk_cache_size(const u32 nr_layers)
{
	return landlock_walk_slot_size(nr_layers) << LL_WALK_SLOT_BITS;
}

/**
 * landlock_walk_cache_alloc - Allocate the empty cache of a new domain
 * @nr_layers: Number of layers of the domain.
 *
 * The memory is charged to the task that creates the domain.
 *
 * Return: the cache, or NULL if memory is short (the domain then walks
 * every path).
 */
struct landlock_walk_cache *landlock_walk_cache_alloc(const u32 nr_layers)
{
	return kvzalloc(landlock_walk_cache_size(nr_layers),
			GFP_KERNEL_ACCOUNT | __GFP_NOWARN);
}

/**
 * landlock_walk_cache_free - Free a domain's cache
 * @cache: Cache, or NULL.
 */
void landlock_walk_cache_free(struct landlock_walk_cache *const cache)
{
	kvfree(cache);
}

/**
 * landlock_walk_cache_store - Store the summary of a directory
 * @domain: Domain of the summary, with a cache.
 * @key: Complete key of the directory, still true after the walk.
 * @summary: Request for every right of every layer, completed by the walk
 *           from the directory.
 *
 * Replaces whatever the slot held, unless another task is writing it.
 */
void landlock_walk_cache_store(const struct landlock_domain *const domain,
			       const struct landlock_walk_key *const key,
			       const struct landlock_request *const summary)
{
	struct landlock_walk_slot *const slot =
		landlock_walk_slot_of(domain, key);
	const unsigned int seq = atomic_read(&slot->seq);
	u32 layer, missing_any = 0;

	/* A fully ordered exchange: the odd count is seen before any field. */
	if ((seq & 1) || atomic_cmpxchg(&slot->seq, seq, seq + 1) != seq)
		return;
	/* Readers miss the slot while it is odd: keep that short. */
	preempt_disable();
	WRITE_ONCE(slot->dir_id, key->dir_id);
	WRITE_ONCE(slot->dir, key->dir);
	WRITE_ONCE(slot->mnt, key->mnt);
	WRITE_ONCE(slot->rename_seq, key->rename_seq);
	WRITE_ONCE(slot->mount_seq, key->mount_seq);
	WRITE_ONCE(slot->born, key->born);
	for (layer = 0; layer < domain->nr_layers; layer++) {
		WRITE_ONCE(slot->missing[layer], summary->missing[layer]);
		missing_any |= summary->missing[layer];
	}
	WRITE_ONCE(slot->missing_any, missing_any);
	WRITE_ONCE(slot->quiet, summary->quiet);
	atomic_set_release(&slot->seq, seq + 2);
	preempt_enable();
}

/*
 * Numbers of directories: each CPU takes them by batches from a global
 * counter, so that numbering a directory seldom writes to shared memory.
 * Numbers start at 1; they wrap around only on 32-bit kernels, after 2^32
 * directories (see landlock_walk_is_young()).
 */
#define DIR_ID_BATCH 1024

static DEFINE_PER_CPU(unsigned long, next_dir_id);
static atomic_long_t dir_id_batches = ATOMIC_LONG_INIT(0);

static unsigned long new_dir_id(void)
{
	unsigned long *const next = get_cpu_ptr(&next_dir_id);
	unsigned long id = *next;

	if (unlikely(!(id & (DIR_ID_BATCH - 1)))) {
		id = atomic_long_add_return(DIR_ID_BATCH, &dir_id_batches) -
		     DIR_ID_BATCH + 1;
		/* After a wrap around, 0 stays "no number". */
		if (unlikely(!id))
			id = 1;
	}
	*next = id + 1;
	put_cpu_ptr(next);
	return id;
}

/*
 * A dentry is being attached to @inode: a new dentry, or one found again
 * after its last one was freed, possibly somewhere else in the tree without
 * any rename (a remote filesystem).  Give the directory a new number, before
 * the dentry is visible, so that no summary made through an earlier dentry
 * matches it.
 */
static void hook_d_instantiate(struct dentry *const dentry,
			       struct inode *const inode)
{
	if (inode && S_ISDIR(inode->i_mode))
		WRITE_ONCE(landlock_inode(inode)->dir_id, new_dir_id());
}

static struct security_hook_list walkcache_hooks[] __lsm_ro_after_init = {
	LSM_HOOK_INIT(d_instantiate, hook_d_instantiate),
};

/**
 * landlock_add_walkcache_hooks - Register the hook that numbers directories
 */
void __init landlock_add_walkcache_hooks(void)
{
	security_add_hooks(walkcache_hooks, ARRAY_SIZE(walkcache_hooks),
			   LANDLOCK_NAME);
}
