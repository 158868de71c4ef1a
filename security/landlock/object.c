// SPDX-License-Identifier: GPL-2.0-only
/*
 * Landlock: identity of the inodes that rules are tied to
 *
 * Locking: an object's lock and its inode's i_lock are never held at the
 * same time; each protects its own pointer (object->inode, and the inode's
 * pointer to the object).
 */

#include <linux/bug.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/wait_bit.h>

#include "object.h"

/**
 * landlock_object_of_inode - Get (or create) the object of an inode
 * @inode: Inode that a rule is about to be tied to; the caller holds a
 *         reference to it (through a path).
 *
 * Return: a new reference to the inode's object, or an ERR_PTR().
 */
struct landlock_object *landlock_object_of_inode(struct inode *const inode)
{
	struct landlock_inode_sec *const isec = landlock_inode(inode);
	struct landlock_object *object, *fresh;

	rcu_read_lock();
	object = rcu_dereference(isec->object);
	if (object && refcount_inc_not_zero(&object->usage)) {
		rcu_read_unlock();
		return object;
	}
	rcu_read_unlock();

	fresh = kzalloc(sizeof(*fresh), GFP_KERNEL_ACCOUNT);
	if (!fresh)
		return ERR_PTR(-ENOMEM);
	refcount_set(&fresh->usage, 1);
	spin_lock_init(&fresh->lock);
	fresh->inode = inode;

	spin_lock(&inode->i_lock);
	object = rcu_dereference_protected(isec->object,
					   lockdep_is_held(&inode->i_lock));
	if (object && refcount_inc_not_zero(&object->usage)) {
		/* Somebody else won the race. */
		spin_unlock(&inode->i_lock);
		kfree(fresh);
		return object;
	}
	/*
	 * Either no object, or a dying one whose landlock_put_object() will
	 * notice that it was replaced and leave the pointer alone.
	 */
	ihold(inode);
	rcu_assign_pointer(isec->object, fresh);
	spin_unlock(&inode->i_lock);
	return fresh;
}

/*
 * Drops the inode reference that a dying object, or an unmount, took over
 * from @object, after detaching @object from the inode.
 */
static void untie_inode(struct landlock_object *const object,
			struct inode *const inode)
{
	struct landlock_inode_sec *const isec = landlock_inode(inode);

	spin_lock(&inode->i_lock);
	if (rcu_access_pointer(isec->object) == object)
		RCU_INIT_POINTER(isec->object, NULL);
	spin_unlock(&inode->i_lock);
	iput(inode);
}

/**
 * landlock_put_object - Drop a reference to an object
 * @object: Object to release, or NULL.
 *
 * The last reference unties the object from its inode (if an unmount did
 * not already do it) and frees it after an RCU grace period.  May sleep
 * (iput), so it is only called from process context.
 */
void landlock_put_object(struct landlock_object *const object)
{
	struct inode *inode;
	struct super_block *sb;

	might_sleep();
	if (!object)
		return;
	if (!refcount_dec_and_test(&object->usage))
		return;

	/*
	 * Nobody can get a new reference any more (landlock_object_of_inode()
	 * only revives a non-zero count), but an unmount may race for the
	 * inode: the lock decides who drops its reference.
	 */
	spin_lock(&object->lock);
	inode = object->inode;
	object->inode = NULL;
	sb = inode ? inode->i_sb : NULL;
	/*
	 * Counted before the lock is released: an unmount that finds this
	 * object already untied waits for the iput() below.
	 */
	if (sb)
		atomic_long_inc(&landlock_sb(sb)->releasing);
	spin_unlock(&object->lock);

	if (sb) {
		atomic_long_t *const releasing = &landlock_sb(sb)->releasing;

		untie_inode(object, inode);
		if (atomic_long_dec_and_test(releasing))
			wake_up_var(releasing);
	}
	kfree_rcu(object, rcu);
}

/*
 * Takes over the inode reference of the object tied to @inode, if any.
 * Returns the object whose tie was cut, or NULL.
 */
static struct landlock_object *take_inode_tie(struct inode *const inode)
{
	struct landlock_object *object;
	bool taken = false;

	rcu_read_lock();
	object = rcu_dereference(landlock_inode(inode)->object);
	if (object) {
		spin_lock(&object->lock);
		if (object->inode == inode) {
			object->inode = NULL;
			taken = true;
		}
		spin_unlock(&object->lock);
	}
	rcu_read_unlock();
	return taken ? object : NULL;
}

/**
 * landlock_object_release_sb - Cut every object tie of a superblock
 * @sb: Superblock being shut down.
 *
 * Called by the sb_delete hook, after the VFS evicted unused inodes and
 * before it checks for busy ones: drops the inode references that objects
 * hold, so that rules never keep a filesystem busy.  The objects survive,
 * untied, as long as rules refer to them; such rules can no longer match
 * anything.
 */
void landlock_object_release_sb(struct super_block *const sb)
{
	struct inode *inode, *prev = NULL;
	atomic_long_t *const releasing = &landlock_sb(sb)->releasing;

	spin_lock(&sb->s_inode_list_lock);
	list_for_each_entry(inode, &sb->s_inodes, i_sb_list) {
		struct landlock_object *object;

		if (!rcu_access_pointer(landlock_inode(inode)->object))
			continue;

		spin_lock(&inode->i_lock);
		if (inode->i_state & (I_FREEING | I_WILL_FREE | I_NEW) ||
		    !atomic_read(&inode->i_count)) {
			spin_unlock(&inode->i_lock);
			continue;
		}
		/* Keeps @inode on the list while the list lock is dropped. */
		__iget(inode);
		spin_unlock(&inode->i_lock);
		spin_unlock(&sb->s_inode_list_lock);

		iput(prev);
		prev = inode;

		object = take_inode_tie(inode);
		if (object)
			untie_inode(object, inode);

		cond_resched();
		spin_lock(&sb->s_inode_list_lock);
	}
	spin_unlock(&sb->s_inode_list_lock);
	iput(prev);

	/* Waits for concurrent landlock_put_object() calls to finish. */
	wait_var_event(releasing, !atomic_long_read(releasing));
}
