/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Landlock: identity of the inodes that rules are tied to
 */

#ifndef _SECURITY_LANDLOCK_OBJECT_H
#define _SECURITY_LANDLOCK_OBJECT_H

#include <linux/atomic.h>
#include <linux/fs.h>
#include <linux/rcupdate.h>
#include <linux/refcount.h>
#include <linux/spinlock.h>

#include "lsm.h"

/**
 * struct landlock_object - Identity of an inode that some rule refers to
 *
 * Rules do not point to inodes directly: an inode may go away (when its
 * filesystem is unmounted) while rulesets and domains that mention it live
 * on.  Rules point to this small object instead; its address is the key
 * of every rule lookup.
 *
 * Lifetime: @usage counts the rules (in rulesets and domains) that refer
 * to the object.  While the object is tied to an inode it holds a
 * reference to that inode, so that the inode stays in the inode cache and
 * a later lookup of the same file finds the same object.  The tie is cut
 * either when the last rule goes away or when the filesystem is unmounted
 * (see landlock_object_release_sb()), whichever comes first.  The memory
 * is freed after an RCU grace period, because path walks read the
 * inode's pointer to the object without taking a reference.
 */
struct landlock_object {
	/** @usage: Number of rules referring to this object. */
	refcount_t usage;
	/** @lock: Protects @inode. */
	spinlock_t lock;
	/**
	 * @inode: Inode this object stands for, with a reference held, or
	 * NULL once the tie is cut.  Whoever sets it to NULL under @lock owns
	 * the inode reference and must drop it.
	 */
	struct inode *inode;
	/** @rcu: Delays freeing after concurrent lock-less readers. */
	struct rcu_head rcu;
};

/**
 * struct landlock_inode_sec - Landlock's part of an inode's security blob
 */
struct landlock_inode_sec {
	/**
	 * @object: Object of this inode, if some rule refers to it.  Written
	 * under the inode's i_lock, read under RCU.
	 */
	struct landlock_object __rcu *object;
	/**
	 * @dir_id: For a directory, a number given anew each time a dentry is
	 * attached to the inode: the identity of the directory in the
	 * domains' caches of walks (walkcache.c).  0 if none.
	 */
	unsigned long dir_id;
};

/**
 * struct landlock_sb_sec - Landlock's part of a superblock's security blob
 */
struct landlock_sb_sec {
	/**
	 * @releasing: Number of inode references of this superblock that
	 * are being dropped by landlock_put_object(); unmounting waits for
	 * it to reach zero.
	 */
	atomic_long_t releasing;
};

static inline struct landlock_inode_sec *
landlock_inode(const struct inode *const inode)
{
	return inode->i_security + landlock_blobs.lbs_inode;
}

static inline struct landlock_sb_sec *
landlock_sb(const struct super_block *const sb)
{
	return sb->s_security + landlock_blobs.lbs_superblock;
}

struct landlock_object *landlock_object_of_inode(struct inode *inode);
void landlock_put_object(struct landlock_object *object);
void landlock_object_release_sb(struct super_block *sb);

static inline void landlock_get_object(struct landlock_object *const object)
{
	refcount_inc(&object->usage);
}

/**
 * landlock_peek_object - Read the object of an inode, without reference
 * @inode: Inode to look at, or NULL.
 *
 * The caller must hold rcu_read_lock(), and may only compare the result
 * with the keys of rules: it must not dereference it.
 *
 * Return: the inode's object, or NULL.
 */
static inline const struct landlock_object *
landlock_peek_object(const struct inode *const inode)
{
	if (!inode)
		return NULL;
	return rcu_dereference(landlock_inode(inode)->object);
}

#endif /* _SECURITY_LANDLOCK_OBJECT_H */
