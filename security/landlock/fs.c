// SPDX-License-Identifier: GPL-2.0-only
/*
 * Landlock: filesystem access control
 *
 * An access to a file is checked by walking from the file (or from the
 * directory where an entry is created or removed) up to the root of the
 * caller's mount namespace, crossing mount points, and applying at each
 * step the rule tied to the inode met, if any.  The walk stops as soon as
 * every layer of the domain has granted every right it restricts.
 */

#include <asm/ioctls.h>
#include <linux/dcache.h>
#include <linux/err.h>
#include <linux/fiemap.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/lsm_hooks.h>
#include <linux/mount.h>
#include <linux/namei.h>
#include <linux/path.h>
#include <linux/rcupdate.h>
#include <linux/stat.h>
#include <net/sock.h>

#include "audit.h"
#include "common.h"
#include "domain.h"
#include "fs.h"
#include "lsm.h"
#include "object.h"
#include "trace.h"
#include "walkcache.h"

/**
 * landlock_make_access - Right needed to create a file of a given type
 * @mode: Mode of the new file (only its type bits matter; no type bits
 *        means a regular file, as for mknod(2)).
 *
 * Return: the matching LANDLOCK_ACCESS_FS_MAKE_* right, or 0 for an
 * unknown type.
 */
u32 landlock_make_access(const umode_t mode)
{
	switch (mode & S_IFMT) {
	case 0:
	case S_IFREG:
		return LANDLOCK_ACCESS_FS_MAKE_REG;
	case S_IFDIR:
		return LANDLOCK_ACCESS_FS_MAKE_DIR;
	case S_IFLNK:
		return LANDLOCK_ACCESS_FS_MAKE_SYM;
	case S_IFCHR:
		return LANDLOCK_ACCESS_FS_MAKE_CHAR;
	case S_IFBLK:
		return LANDLOCK_ACCESS_FS_MAKE_BLOCK;
	case S_IFIFO:
		return LANDLOCK_ACCESS_FS_MAKE_FIFO;
	case S_IFSOCK:
		return LANDLOCK_ACCESS_FS_MAKE_SOCK;
	}
	return 0;
}

/**
 * landlock_remove_access - Right needed to remove a file of a given type
 * @mode: Mode of the file to remove.
 *
 * Return: REMOVE_DIR for a directory, REMOVE_FILE otherwise.
 */
u32 landlock_remove_access(const umode_t mode)
{
	return S_ISDIR(mode) ? LANDLOCK_ACCESS_FS_REMOVE_DIR :
			       LANDLOCK_ACCESS_FS_REMOVE_FILE;
}

/**
 * landlock_open_access - Rights needed to open a file
 * @f_mode: Mode of the file being opened.
 * @f_flags: Flags of the file being opened (execve() sets __FMODE_EXEC).
 * @i_mode: Mode of the inode.
 *
 * Return: the rights to check.
 */
u32 landlock_open_access(const fmode_t f_mode, const unsigned int f_flags,
			 const umode_t i_mode)
{
	u32 access = 0;

	if (S_ISDIR(i_mode))
		return (f_mode & FMODE_READ) ? LANDLOCK_ACCESS_FS_READ_DIR : 0;
	if (f_mode & FMODE_READ)
		access |= LANDLOCK_ACCESS_FS_READ_FILE;
	if (f_mode & FMODE_WRITE)
		access |= LANDLOCK_ACCESS_FS_WRITE_FILE;
	if (f_flags & __FMODE_EXEC)
		access |= LANDLOCK_ACCESS_FS_EXECUTE;
	return access;
}

static bool is_device(const umode_t mode)
{
	return S_ISCHR(mode) || S_ISBLK(mode);
}

/**
 * landlock_open_file_rights - Rights decided when a file is opened
 * @i_mode: Mode of the inode being opened.
 *
 * Return: the rights among %LL_FS_OPEN_FILE_RIGHTS that an open file of
 * this type may later use (truncation, and ioctls for a device), hence
 * those to decide when it is opened: none for a directory.
 */
u32 landlock_open_file_rights(const umode_t i_mode)
{
	if (S_ISDIR(i_mode))
		return 0;
	if (is_device(i_mode))
		return LL_FS_OPEN_FILE_RIGHTS;
	return LL_FS_OPEN_FILE_RIGHTS & ~LANDLOCK_ACCESS_FS_IOCTL_DEV;
}

/**
 * landlock_ioctl_is_generic - Whether an ioctl command is never restricted
 * @cmd: Command of ioctl(2), native or 32-bit compat.
 *
 * Return: true for the commands that act on the file descriptor or on the
 * file system rather than on the device behind the file, which
 * %LANDLOCK_ACCESS_FS_IOCTL_DEV does not cover (FIOQSIZE only answers for
 * regular files, directories and symbolic links).  Their numbers are the
 * same for 32-bit callers.
 */
bool landlock_ioctl_is_generic(const unsigned int cmd)
{
	switch (cmd) {
	case FIOCLEX:
	case FIONCLEX:
	case FIONBIO:
	case FIOASYNC:
	case FIOQSIZE:
	case FIFREEZE:
	case FITHAW:
	case FIGETBSZ:
	case FS_IOC_FIEMAP:
	case FICLONE:
	case FICLONERANGE:
	case FIDEDUPERANGE:
		return true;
	default:
		return false;
	}
}

/**
 * landlock_move_access - Rights needed to link or rename a file
 * @src_mode: Mode of the file being linked or renamed.
 * @dst_mode: Mode of the file it replaces (or exchanges with), 0 if none.
 * @is_link: The source stays in place (link(2)).
 * @exchange: RENAME_EXCHANGE: the destination moves to the source too.
 *
 * Return: the rights needed on each of the two directories (which may be
 * the same directory).
 */
struct landlock_move_rights landlock_move_access(const umode_t src_mode,
						 const umode_t dst_mode,
						 const bool is_link,
						 const bool exchange)
{
	struct landlock_move_rights need = {
		.dst_dir = landlock_make_access(src_mode),
	};

	if (!is_link)
		need.src_dir = landlock_remove_access(src_mode);
	if (dst_mode) {
		need.dst_dir |= landlock_remove_access(dst_mode);
		if (exchange)
			need.src_dir |= landlock_make_access(dst_mode);
	}
	return need;
}

/* Key of the rules tied to @inode (0 if none); the caller holds RCU. */
static uintptr_t inode_key(const struct inode *const inode)
{
	return (uintptr_t)landlock_peek_object(inode);
}

/*
 * Applies the rule tied to @inode, if any; returns true once nothing is
 * missing.  The caller holds rcu_read_lock().
 */
static bool grant_inode(struct landlock_request *const req,
			const struct landlock_domain *const domain,
			const struct inode *const inode)
{
	const uintptr_t key = inode_key(inode);
	const struct landlock_dom_rule *rule;
	bool done;

	/* Most directories are not tied to any rule at all. */
	if (!key)
		return !req->layers;
	rule = landlock_domain_find(domain, LL_KEY_INODE, key);
	done = landlock_request_grant(req, domain, rule);
	trace_landlock_check_rule_inode(domain, req, rule, inode);
	return done;
}

/*
 * A walk in progress: the request of the check and, when the walk also
 * summarises the directory it starts from for the domain's cache, a request
 * for every right of every layer.  The walk stops once the check's request
 * is complete; with a summary, it goes on for at most %LL_WALK_SPARE more
 * directories to complete the summary too, and gives the summary up if
 * that is not enough: a check that misses the cache costs about what it
 * costs without a cache.
 */
struct walk {
	/* Request of the check. */
	struct landlock_request *req;
	/* Request for every right, or NULL. */
	struct landlock_request *summary;
	/* Directories the summary may still take once the check is done. */
	unsigned int spare;
	/* The summary is not complete. */
	bool gave_up;
};

#define LL_WALK_SPARE 32

/*
 * Applies the rule tied to @inode, if any; returns true once the walk can
 * stop.  The caller holds rcu_read_lock().
 */
static bool walk_grant(struct walk *const w,
		       const struct landlock_domain *const domain,
		       const struct inode *const inode)
{
	const struct landlock_dom_rule *rule = NULL;
	uintptr_t key;
	bool done;

	if (!w->summary)
		return grant_inode(w->req, domain, inode);
	key = inode_key(inode);
	if (key) {
		rule = landlock_domain_find(domain, LL_KEY_INODE, key);
		trace_landlock_check_rule_inode(domain, w->req, rule, inode);
	}
	done = landlock_request_grant(w->req, domain, rule);
	/* The summary misses all that the check misses, and more. */
	if (landlock_request_grant(w->summary, domain, rule))
		return true;
	if (!done)
		return false;
	if (w->spare) {
		w->spare--;
		return false;
	}
	w->gave_up = true;
	return true;
}

/* Result of walk_mount_rcu(). */
enum rcu_walk {
	/* The walk can stop. */
	RCU_WALK_DONE,
	/* The mount's root was reached (and applied). */
	RCU_WALK_MOUNT_ROOT,
	/* A rename raced, or a disconnected dentry was met: walk again. */
	RCU_WALK_RETRY,
};

/*
 * Fast path of walk_path(): applies the rules met from @path up to the
 * root of its mount without taking any reference, under RCU.  Dentries and
 * inode blobs are freed after an RCU grace period, and the rename seqlock
 * tells whether the chain of parents changed meanwhile.  Mount crossings
 * and disconnected dentries are left to the slow path.
 */
static enum rcu_walk walk_mount_rcu(const struct landlock_domain *const domain,
				    const struct path *const path,
				    struct walk *const w)
{
	const struct dentry *const root = path->mnt->mnt_root;
	const struct dentry *dentry = path->dentry;
	enum rcu_walk result;
	unsigned int seq;

	rcu_read_lock();
	seq = read_seqbegin(&rename_lock);
	for (;;) {
		if (walk_grant(w, domain, d_backing_inode(dentry))) {
			result = RCU_WALK_DONE;
			break;
		}
		if (dentry == root) {
			result = RCU_WALK_MOUNT_ROOT;
			break;
		}
		if (IS_ROOT(dentry)) {
			result = RCU_WALK_RETRY;
			break;
		}
		dentry = READ_ONCE(dentry->d_parent);
	}
	if (read_seqretry(&rename_lock, seq))
		result = RCU_WALK_RETRY;
	rcu_read_unlock();
	return result;
}

/* Result of one step of climb(). */
enum climb {
	/* Moved one directory up. */
	CLIMB_UP,
	/* At the root of the mount namespace: the walk is over. */
	CLIMB_ROOT,
	/*
	 * At a disconnected root of an internal mount (memfd...): the file
	 * is outside of any hierarchy that a rule could be tied to.
	 */
	CLIMB_OUTSIDE,
};

/*
 * Moves @walk, which holds references, one directory up towards the root of
 * the mount namespace.  A directory on which something is mounted is hidden
 * by the mount: from the root of a mount, the walk goes on with the parent
 * of the mount point.  A directory outside of its mount's tree (moved out of
 * a bind mount, or reached through a file handle) is disconnected: once its
 * own ancestors, up to the root of its filesystem, were met, the walk goes
 * on from the root of the mount it was reached through, so that it gets the
 * rights of both hierarchies (erratum 3).
 */
static enum climb climb(struct path *const walk)
{
	struct dentry *parent;

	while (walk->dentry == walk->mnt->mnt_root) {
		if (!follow_up(walk))
			return CLIMB_ROOT;
	}
	if (unlikely(IS_ROOT(walk->dentry))) {
		if (walk->mnt->mnt_flags & MNT_INTERNAL)
			return CLIMB_OUTSIDE;
		dput(walk->dentry);
		walk->dentry = dget(walk->mnt->mnt_root);
		return CLIMB_UP;
	}
	parent = dget_parent(walk->dentry);
	dput(walk->dentry);
	walk->dentry = parent;
	return CLIMB_UP;
}

/* Same as walk_grant(), for a dentry the caller holds a reference to. */
static bool walk_grant_dentry(struct walk *const w,
			      const struct landlock_domain *const domain,
			      const struct dentry *const dentry)
{
	bool done;

	rcu_read_lock();
	done = walk_grant(w, domain, d_backing_inode(dentry));
	rcu_read_unlock();
	return done;
}

/* Applies the rule tied to @dentry; returns true once nothing is missing. */
static bool grant_dentry(struct landlock_request *const req,
			 const struct landlock_domain *const domain,
			 const struct dentry *const dentry)
{
	struct walk w = { .req = req };

	return walk_grant_dentry(&w, domain, dentry);
}

/* Nothing is missing any more. */
static void grant_all(struct landlock_request *const req)
{
	req->layers = 0;
	memset(req->missing, 0, sizeof(req->missing));
}

/*
 * Slow path of walk_path(), taking references: crosses mount points and
 * handles disconnected directories.  With @above, @path itself was already
 * applied.
 */
static void walk_path_ref(const struct landlock_domain *const domain,
			  const struct path *const path, struct walk *const w,
			  const bool above)
{
	struct path walk = *path;
	enum climb step = CLIMB_UP;

	path_get(&walk);
	if (above)
		step = climb(&walk);
	while (step == CLIMB_UP && !walk_grant_dentry(w, domain, walk.dentry))
		step = climb(&walk);
	if (step == CLIMB_OUTSIDE) {
		grant_all(w->req);
		if (w->summary)
			grant_all(w->summary);
	}
	path_put(&walk);
}

/*
 * Applies to the requests of @w the rules met from @path up to the root of
 * the mount namespace, and stops as soon as it can.
 */
static void walk_path(const struct landlock_domain *const domain,
		      const struct path *const path, struct walk *const w)
{
	const struct landlock_request initial = *w->req;
	const struct walk start = *w;
	struct landlock_request initial_summary;
	const struct path mount_root = {
		.mnt = path->mnt,
		.dentry = path->mnt->mnt_root,
	};

	if (w->summary)
		initial_summary = *w->summary;
	switch (walk_mount_rcu(domain, path, w)) {
	case RCU_WALK_DONE:
		return;
	case RCU_WALK_MOUNT_ROOT:
		walk_path_ref(domain, &mount_root, w, true);
		return;
	case RCU_WALK_RETRY:
		break;
	}
	*w = start;
	*w->req = initial;
	if (w->summary)
		*w->summary = initial_summary;
	walk_path_ref(domain, path, w, false);
}

/* Walks @path for @req alone. */
static void walk_request(const struct landlock_domain *const domain,
			 const struct path *const path,
			 struct landlock_request *const req)
{
	struct walk w = { .req = req };

	walk_path(domain, path, &w);
}

/*
 * Directory whose summary completes a walk from @path: @path itself for a
 * directory, the parent of anything else (whose own rule applies first).
 * NULL for a file at the root of its mount or disconnected, whose walk
 * crosses a mount or a disconnected root before any directory.  The caller
 * holds RCU.
 */
static const struct dentry *summary_dir(const struct path *const path)
{
	const struct dentry *const dentry = path->dentry;

	if (d_is_dir(dentry))
		return dentry;
	if (dentry == path->mnt->mnt_root || IS_ROOT(dentry))
		return NULL;
	return READ_ONCE(dentry->d_parent);
}

/*
 * Applies to @req the summary of the directory of @key, if the cache holds
 * it and nothing moved since @key was stamped; otherwise leaves @req as it
 * is.
 */
static bool apply_cached_summary(const struct landlock_domain *const domain,
				 struct landlock_request *const req,
				 const struct landlock_walk_key *const key)
{
	/* Filled up to the domain's layers, the only entries read. */
	struct landlock_request summary __uninitialized;

	if (!landlock_walk_cache_read(domain, key, &summary) ||
	    !landlock_walk_still_true(key))
		return false;
	landlock_request_apply_summary(req, domain, &summary);
	return true;
}

/* Result of walk_from_cache(). */
enum cached_walk {
	/* The request is complete. */
	CACHED_WALK_DONE,
	/* No summary of the directory: summarise it. */
	CACHED_WALK_MISS,
	/* The path has no directory to summarise: walk it. */
	CACHED_WALK_NONE,
};

/*
 * Completes @req, under RCU and without any reference, with the rule of
 * @path and the cached summary of its directory, if both are still true
 * since @key was stamped.  Otherwise, @key is completed with the directory
 * for summarise_dir(), and @req may have the file's own rule applied
 * (applying it again is harmless).
 */
static enum cached_walk
walk_from_cache(const struct landlock_domain *const domain,
		const struct path *const path,
		struct landlock_request *const req,
		struct landlock_walk_key *const key)
{
	enum cached_walk result = CACHED_WALK_NONE;
	const struct dentry *dir;

	rcu_read_lock();
	dir = summary_dir(path);
	if (!dir)
		goto out;
	if (dir != path->dentry &&
	    grant_inode(req, domain, d_backing_inode(path->dentry))) {
		result = CACHED_WALK_DONE;
		goto out;
	}
	if (!landlock_walk_set_dir(key, dir, path->mnt))
		goto out;
	result = apply_cached_summary(domain, req, key) ? CACHED_WALK_DONE :
							  CACHED_WALK_MISS;
out:
	rcu_read_unlock();
	return result;
}

/*
 * Walks @path for @req from the directory of @key (after the file's own
 * rule), summarising the directory on the way, and stores the summary if it
 * is complete and nothing moved meanwhile.  Returns false if the directory
 * is no longer the parent of the file of @path: @req must then be walked.
 * @key is passed by value so that, on a hit, the caller keeps it in
 * registers.
 */
static bool summarise_dir(const struct landlock_domain *const domain,
			  const struct path *const path,
			  struct landlock_request *const req,
			  const struct landlock_walk_key key)
{
	struct landlock_request summary;
	struct walk w = {
		.req = req,
		.summary = &summary,
		.spare = LL_WALK_SPARE,
	};
	struct path dir = *path;

	if (key.dir != path->dentry) {
		dir.dentry = dget_parent(path->dentry);
		if (dir.dentry != key.dir) {
			dput(dir.dentry);
			return false;
		}
	}
	landlock_request_init(&summary, domain, LL_KEY_INODE, LL_FS_ALL);
	walk_path(domain, &dir, &w);
	if (dir.dentry != path->dentry)
		dput(dir.dentry);
	if (!w.gave_up && landlock_walk_still_true(&key))
		landlock_walk_cache_store(domain, &key, &summary);
	return true;
}

/*
 * Same as walk_request(), through the domain's cache of summaries when it
 * has one: a file's own rule, then the summary of its directory, which is
 * what the rules from that directory up to the root grant.  The decision is
 * the same, and so is the request once it misses something: it then went
 * through the whole path either way.  While the rules met are traced, every
 * walk is made without the cache, so that each rule is.
 */
static void walk_path_cached(const struct landlock_domain *const domain,
			     const struct path *const path,
			     struct landlock_request *const req)
{
	struct landlock_walk_key key;

	if (!domain->walk_cache || trace_landlock_check_rule_inode_enabled() ||
	    !landlock_walk_stamp(&key)) {
		walk_request(domain, path, req);
		return;
	}
	switch (walk_from_cache(domain, path, req, &key)) {
	case CACHED_WALK_DONE:
		return;
	case CACHED_WALK_MISS:
		if (summarise_dir(domain, path, req, key))
			return;
		break;
	case CACHED_WALK_NONE:
		break;
	}
	walk_request(domain, path, req);
}

/*
 * Fast path of the checks of a path, before any request: true if the cache
 * shows that no layer misses any of @access on @path, i.e. the file has no
 * rule of its own and the summary of its directory misses none of @access
 * (every layer's summary is within what the layer handles, so what a layer
 * does not handle is never missing).  This is the decision that the walk
 * would make; otherwise, the caller makes the usual check, which also tells
 * what is missing and in which layer.
 */
static bool cache_allows(const struct landlock_domain *const domain,
			 const struct path *const path, const u32 access)
{
	struct landlock_walk_key key;
	const struct dentry *dir;
	bool allowed = false;

	if (!domain->walk_cache || trace_landlock_check_rule_inode_enabled() ||
	    !landlock_walk_stamp(&key))
		return false;
	rcu_read_lock();
	dir = summary_dir(path);
	if (dir &&
	    (dir == path->dentry ||
	     !inode_key(d_backing_inode(path->dentry))) &&
	    landlock_walk_set_dir(&key, dir, path->mnt))
		allowed = landlock_walk_cache_allows(domain, &key, access) &&
			  landlock_walk_still_true(&key);
	rcu_read_unlock();
	return allowed;
}

/*
 * Files of pseudo filesystems that user space can never mount (pipes,
 * sockets, anonymous inodes, namespaces: SB_NOUSER), and the private inodes
 * of other modules, are reachable through /proc/<pid>/fd/ but belong to no
 * hierarchy that rules could describe: Landlock does not restrict them.
 * Every other file, internal mounts included, is checked.
 */
static bool is_unchecked(const struct dentry *const dentry)
{
	return (dentry->d_sb->s_flags & SB_NOUSER) ||
	       (d_is_positive(dentry) &&
		unlikely(IS_PRIVATE(d_backing_inode(dentry))));
}

/* Youngest layer of @req that misses some of @rights, or -1. */
static int youngest_missing(const struct landlock_request *const req,
			    const u32 rights)
{
	int layer;

	for (layer = fls(req->layers) - 1; layer >= 0; layer--) {
		if ((req->layers & BIT(layer)) &&
		    (req->missing[layer] & rights))
			return layer;
	}
	return -1;
}

/*
 * Logs the denial of the rights among @among that @req still misses, on
 * @path, by the current task: the youngest layer that misses some of them
 * is the one the record names.
 */
static void log_fs(const struct landlock_request *const req, const u32 among,
		   const struct path *const path)
{
	struct landlock_denial denial = {
		.type = LL_BLOCKER_FS,
		.object.type = LSM_AUDIT_DATA_PATH,
		.object.u.path = *path,
	};
	const int layer = youngest_missing(req, among);

	if (layer < 0)
		return;
	denial.layer = layer;
	denial.blockers = req->missing[layer] & among;
	denial.quiet_layers = req->quiet;
	landlock_log_current(&denial);
}

/*
 * Completes @req, a request for @access on @path, with the rules met from
 * @path up: 0 if nothing is missing any more, or -EACCES (logged).
 */
static int check_request(const struct landlock_domain *const domain,
			 const struct path *const path,
			 struct landlock_request *const req, const u32 access)
{
	if (!req->layers || is_unchecked(path->dentry))
		return 0;
	walk_path_cached(domain, path, req);
	if (!req->layers)
		return 0;
	log_fs(req, access, path);
	return -EACCES;
}

static int check_path(const struct landlock_domain *const domain,
		      const struct path *const path, const u32 access)
{
	struct landlock_request req __uninitialized;

	if (!domain || cache_allows(domain, path, access) ||
	    !landlock_request_init(&req, domain, LL_KEY_INODE, access))
		return 0;
	return check_request(domain, path, &req, access);
}

static int check_dir(const struct path *const dir, const u32 access)
{
	return check_path(landlock_current_domain(), dir, access);
}

/**
 * landlock_node_type - Type of a file, as the rights to create it see it
 * @mode: Mode of the file.
 * @dev: Its device number, for a device.
 *
 * A whiteout (a character device numbered 0:0, which an overlay filesystem
 * reads as a removed file) is created and moved like a regular file: it
 * needs %LANDLOCK_ACCESS_FS_MAKE_REG, not %LANDLOCK_ACCESS_FS_MAKE_CHAR
 * (erratum 4).
 *
 * Return: the type bits of @mode, %S_IFREG for a whiteout.
 */
umode_t landlock_node_type(const umode_t mode, const dev_t dev)
{
	if (S_ISCHR(mode) && dev == WHITEOUT_DEV)
		return S_IFREG;
	return mode & S_IFMT;
}

static umode_t dentry_type(const struct dentry *const dentry)
{
	const struct inode *const inode = d_backing_inode(dentry);

	if (d_is_negative(dentry))
		return 0;
	return landlock_node_type(inode->i_mode, inode->i_rdev);
}

/* Hooks on the creation and removal of directory entries. */

static int hook_path_mkdir(const struct path *const dir,
			   struct dentry *const dentry, const umode_t mode)
{
	return check_dir(dir, LANDLOCK_ACCESS_FS_MAKE_DIR);
}

static int hook_path_mknod(const struct path *const dir,
			   struct dentry *const dentry, const umode_t mode,
			   const unsigned int dev)
{
	return check_dir(dir,
			 landlock_make_access(landlock_node_type(mode, dev)));
}

static int hook_path_symlink(const struct path *const dir,
			     struct dentry *const dentry,
			     const char *const old_name)
{
	return check_dir(dir, LANDLOCK_ACCESS_FS_MAKE_SYM);
}

static int hook_path_unlink(const struct path *const dir,
			    struct dentry *const dentry)
{
	return check_dir(dir, LANDLOCK_ACCESS_FS_REMOVE_FILE);
}

static int hook_path_rmdir(const struct path *const dir,
			   struct dentry *const dentry)
{
	return check_dir(dir, LANDLOCK_ACCESS_FS_REMOVE_DIR);
}

/*
 * Starts a request for every right that some layer restricts, REFER
 * included: REFER is restricted by every layer, handled or not, so that no
 * file changes directory unless every layer allows it explicitly.
 */
static void init_move_request(struct landlock_request *const req,
			      const struct landlock_domain *const domain)
{
	u32 layer;

	landlock_request_init(req, domain, LL_KEY_INODE, LL_FS_ALL);
	for (layer = 0; layer < domain->nr_layers; layer++)
		req->missing[layer] |= LANDLOCK_ACCESS_FS_REFER;
	req->layers = GENMASK(domain->nr_layers - 1, 0);
}

/* From now on, only the rights among @need matter to @req. */
static void narrow_request(struct landlock_request *const req, const u32 need)
{
	unsigned long layers = req->layers;
	unsigned int layer;

	for_each_set_bit(layer, &layers, LANDLOCK_MAX_LAYERS) {
		req->missing[layer] &= need;
		if (!req->missing[layer])
			req->layers &= ~BIT(layer);
	}
}

/*
 * Applies the rules met from @dir up to the root of its mount, or up to the
 * root of its filesystem if @dir is disconnected (the rest of the walk is
 * common to both directories of a move).
 */
static void walk_below_mount(const struct landlock_domain *const domain,
			     const struct path *const dir,
			     struct landlock_request *const req)
{
	struct dentry *dentry = dget(dir->dentry);

	while (!grant_dentry(req, domain, dentry) &&
	       dentry != dir->mnt->mnt_root && !IS_ROOT(dentry)) {
		struct dentry *const parent = dget_parent(dentry);

		dput(dentry);
		dentry = parent;
	}
	dput(dentry);
}

/*
 * Whether @moved, going from where the layers miss @from to where they miss
 * @to, would gain a right: some layer that denies it a right (neither
 * granted in its old place nor by its own rule, whose missing rights are
 * @own) would grant it in the new place.  Only file rights matter for a
 * file; every right matters for a directory, for the sake of its content.
 */
static bool move_gains(const struct landlock_domain *const domain,
		       const struct dentry *const moved,
		       const struct landlock_request *const from,
		       const struct landlock_request *const own,
		       const struct landlock_request *const to)
{
	const u32 scope = d_is_dir(moved) ? LL_FS_ALL : LL_FS_FILE_RIGHTS;
	u32 layer;

	for (layer = 0; layer < domain->nr_layers; layer++) {
		if (from->missing[layer] & own->missing[layer] &
		    ~to->missing[layer] & scope)
			return true;
	}
	return false;
}

/*
 * A link or rename from @src_dir to another directory @dst_dir (on the same
 * mount), of @src (and, for an exchange, of @dst the other way).
 *
 * First, both directories are walked, for every restricted right, up to
 * their mount's root.  The walk then goes on from there for both at once:
 * as long as a moved file would gain some right in its new place, every
 * restricted right must be granted on both sides; once no file gains
 * anything any more (checked before each rule is applied), only the rights
 * that the move needs matter.  Both directories are logged if they miss
 * something; a missing right other than REFER is EACCES, anything else
 * (REFER, or a gain of rights) is EXDEV.
 */
static int check_reparent(const struct landlock_domain *const domain,
			  const struct path *const src_dir,
			  const struct path *const dst_dir,
			  const struct dentry *const src,
			  const struct dentry *const dst,
			  const struct landlock_move_rights *const need)
{
	struct landlock_request from, to, src_own, dst_own;
	struct path walk = {
		.mnt = dst_dir->mnt,
		.dentry = dst_dir->mnt->mnt_root,
	};
	enum climb step = CLIMB_UP;
	bool narrowed = false;

	init_move_request(&from, domain);
	init_move_request(&to, domain);
	init_move_request(&src_own, domain);
	init_move_request(&dst_own, domain);
	grant_dentry(&src_own, domain, src);
	if (dst)
		grant_dentry(&dst_own, domain, dst);
	walk_below_mount(domain, src_dir, &from);
	walk_below_mount(domain, dst_dir, &to);

	path_get(&walk);
	while (from.layers || to.layers) {
		if (!narrowed &&
		    !move_gains(domain, src, &from, &src_own, &to) &&
		    !(dst && move_gains(domain, dst, &to, &dst_own, &from))) {
			narrowed = true;
			narrow_request(&from, need->src_dir |
						      LANDLOCK_ACCESS_FS_REFER);
			narrow_request(&to, need->dst_dir |
						    LANDLOCK_ACCESS_FS_REFER);
			continue;
		}
		grant_dentry(&from, domain, walk.dentry);
		grant_dentry(&to, domain, walk.dentry);
		if (!from.layers && !to.layers)
			break;
		step = climb(&walk);
		if (step != CLIMB_UP)
			break;
	}
	path_put(&walk);
	if (step == CLIMB_OUTSIDE || (!from.layers && !to.layers))
		return 0;

	log_fs(&from, LL_FS_ALL, src_dir);
	log_fs(&to, LL_FS_ALL, dst_dir);
	if ((landlock_request_missing(domain, &from) & need->src_dir &
	     ~LANDLOCK_ACCESS_FS_REFER) ||
	    (landlock_request_missing(domain, &to) & need->dst_dir &
	     ~LANDLOCK_ACCESS_FS_REFER))
		return -EACCES;
	return -EXDEV;
}

/*
 * Common part of link and rename.  The VFS already refused (EXDEV) moves
 * between different mounts, so both directories are on the same mount.
 */
static int check_move(const struct path *const src_dir,
		      const struct path *const dst_dir,
		      struct dentry *const src_dentry,
		      struct dentry *const dst_dentry, const bool is_link,
		      const unsigned int flags)
{
	const struct landlock_domain *const domain = landlock_current_domain();
	const bool exchange = flags & RENAME_EXCHANGE;
	struct landlock_move_rights need;

	if (!landlock_domain_handles(domain, LL_KEY_INODE) ||
	    is_unchecked(dst_dir->dentry))
		return 0;
	need = landlock_move_access(dentry_type(src_dentry),
				    dentry_type(dst_dentry), is_link, exchange);
	/* The whiteout left in place of the source (erratum 4). */
	if (flags & RENAME_WHITEOUT)
		need.src_dir |= LANDLOCK_ACCESS_FS_MAKE_REG;
	if (src_dir->dentry == dst_dir->dentry)
		return check_path(domain, dst_dir, need.src_dir | need.dst_dir);
	return check_reparent(domain, src_dir, dst_dir, src_dentry,
			      exchange ? dst_dentry : NULL, &need);
}

static int hook_path_link(struct dentry *const old_dentry,
			  const struct path *const new_dir,
			  struct dentry *const new_dentry)
{
	struct path old_dir = {
		.mnt = new_dir->mnt,
	};
	int err;

	if (!landlock_current_domain())
		return 0;
	/*
	 * Unlike rename, link does not lock the source directory.  The root
	 * of a mount (a bind-mounted file) stands for its own directory.
	 */
	if (old_dentry == new_dir->mnt->mnt_root)
		old_dir.dentry = dget(old_dentry);
	else
		old_dir.dentry = dget_parent(old_dentry);
	err = check_move(&old_dir, new_dir, old_dentry, new_dentry, true, 0);
	dput(old_dir.dentry);
	return err;
}

static int hook_path_rename(const struct path *const old_dir,
			    struct dentry *const old_dentry,
			    const struct path *const new_dir,
			    struct dentry *const new_dentry,
			    const unsigned int flags)
{
	return check_move(old_dir, new_dir, old_dentry, new_dentry, false,
			  flags);
}

static int hook_path_truncate(const struct path *const path)
{
	return check_path(landlock_current_domain(), path,
			  LANDLOCK_ACCESS_FS_TRUNCATE);
}

static int hook_file_alloc_security(struct file *const file)
{
	/* Files not opened through file_open (pipes...) are unrestricted. */
	landlock_file(file)->allowed = LL_FS_OPEN_FILE_RIGHTS;
	return 0;
}

/* Keeps the youngest layer of @req that denies @right, and its quiet mark. */
static void keep_layer(struct landlock_open_denial *const kept,
		       const struct landlock_request *const req,
		       const u32 right)
{
	kept->layer = youngest_missing(req, right);
	kept->quiet = req->quiet & BIT(kept->layer);
}

/*
 * Keeps, with a file being opened, what is needed to log the later uses of
 * the rights among LL_FS_OPEN_FILE_RIGHTS that @domain denied (@denied).
 */
static void keep_denial(struct landlock_file_sec *const sec,
			struct landlock_domain *const domain,
			const struct landlock_request *const req,
			const u32 denied)
{
	/* Without audit, only the tracing of the later denials needs it. */
	if (!IS_ENABLED(CONFIG_AUDIT) &&
	    !trace_landlock_deny_access_fs_enabled())
		return;
	/* A new file: nobody else sees its blob yet. */
	landlock_get_domain(domain);
	sec->open_domain = domain;
	if (denied & LANDLOCK_ACCESS_FS_TRUNCATE)
		keep_layer(&sec->truncate, req, LANDLOCK_ACCESS_FS_TRUNCATE);
	if (denied & LANDLOCK_ACCESS_FS_IOCTL_DEV)
		keep_layer(&sec->ioctl, req, LANDLOCK_ACCESS_FS_IOCTL_DEV);
}

/*
 * Checks the rights needed to open the file, and decides at the same time
 * the rights that stay with the open file (truncation, device ioctls): they
 * are checked later against the file, whoever uses it.
 */
static int hook_file_open(struct file *const file)
{
	struct landlock_domain *const domain = landlock_current_domain();
	const umode_t mode = file_inode(file)->i_mode;
	const u32 needed =
		landlock_open_access(file->f_mode, file->f_flags, mode);
	const u32 later = landlock_open_file_rights(mode);
	struct landlock_request req __uninitialized;
	u32 missing;

	if (!domain || cache_allows(domain, &file->f_path, needed | later) ||
	    !landlock_request_init(&req, domain, LL_KEY_INODE, needed | later))
		return 0;
	if (is_unchecked(file->f_path.dentry))
		return 0;
	walk_path_cached(domain, &file->f_path, &req);
	missing = landlock_request_missing(domain, &req);
	if (missing & needed) {
		log_fs(&req, needed, &file->f_path);
		return -EACCES;
	}
	if (missing & later)
		keep_denial(landlock_file(file), domain, &req, missing & later);
	landlock_file(file)->allowed &= ~missing;
	return 0;
}

static void hook_file_free_security(struct file *const file)
{
	landlock_put_domain(landlock_file(file)->fown_domain);
	landlock_put_domain(landlock_file(file)->open_domain);
}

/* Logs the use of a right among LL_FS_OPEN_FILE_RIGHTS denied at open. */
static void log_file(struct file *const file, const u32 right,
		     const struct landlock_open_denial *const kept,
		     struct common_audit_data *const object)
{
	const struct landlock_file_sec *const sec = landlock_file(file);
	const struct landlock_cred_sec *const subject =
		landlock_cred(current_cred());
	struct landlock_denial denial = {
		.type = LL_BLOCKER_FS,
		.blockers = right,
		.layer = kept->layer,
		.quiet_layers = kept->quiet ? BIT(kept->layer) : 0,
		.object = *object,
	};

	if (!sec->open_domain)
		return;
	/*
	 * The denial was decided by the domain of the task that opened the
	 * file; it is logged as one of the program that opened it, unless
	 * the task using it now runs in that domain.
	 */
	landlock_log_denial(sec->open_domain,
			    subject->domain == sec->open_domain ?
				    subject->exec_layers :
				    U16_MAX,
			    &denial);
}

static int hook_file_truncate(struct file *const file)
{
	struct common_audit_data object = {
		.type = LSM_AUDIT_DATA_FILE,
		.u.file = file,
	};

	if (landlock_file(file)->allowed & LANDLOCK_ACCESS_FS_TRUNCATE)
		return 0;
	log_file(file, LANDLOCK_ACCESS_FS_TRUNCATE,
		 &landlock_file(file)->truncate, &object);
	return -EACCES;
}

/*
 * Used for the native ioctl(2) and for the 32-bit compat one
 * (file_ioctl_compat, called before the command is translated).
 */
static int hook_file_ioctl(struct file *const file, const unsigned int cmd,
			   const unsigned long arg)
{
	if (!is_device(file_inode(file)->i_mode))
		return 0;
	if (landlock_ioctl_is_generic(cmd))
		return 0;
	struct lsm_ioctlop_audit ioctl = {
		.path = file->f_path,
		.cmd = cmd,
	};
	struct common_audit_data object = {
		.type = LSM_AUDIT_DATA_IOCTL_OP,
		.u.op = &ioctl,
	};

	if (landlock_file(file)->allowed & LANDLOCK_ACCESS_FS_IOCTL_DEV)
		return 0;
	log_file(file, LANDLOCK_ACCESS_FS_IOCTL_DEV,
		 &landlock_file(file)->ioctl, &object);
	return -EACCES;
}

/* Pathname UNIX sockets */

/*
 * Removes from @req the layers that contain the domain of the task that
 * created the socket @other (its file's credentials): a sandbox may always
 * reach its own sockets.  Returns false if @other is dying or has no file,
 * i.e. nothing to check: af_unix finds a dead socket out and looks it up
 * again.
 */
static bool grant_same_domain(struct landlock_request *const req,
			      const struct landlock_domain *const domain,
			      const struct sock *const other)
{
	const struct socket *sock;
	const struct file *file;
	u32 layer;

	rcu_read_lock();
	sock = READ_ONCE(other->sk_socket);
	file = sock ? READ_ONCE(sock->file) : NULL;
	if (!file || sock_flag(other, SOCK_DEAD)) {
		rcu_read_unlock();
		return false;
	}
	layer = landlock_shared_layers(domain,
				       landlock_cred(file->f_cred)->domain);
	rcu_read_unlock();
	while (layer--) {
		req->missing[layer] = 0;
		req->layers &= ~BIT(layer);
	}
	return true;
}

/*
 * Called by connect(2) and by sends with an address, once af_unix found the
 * socket @other bound to the socket file @path.  Each layer that restricts
 * LANDLOCK_ACCESS_FS_RESOLVE_UNIX allows it if it contains the socket's
 * creator, or else if a rule grants it on @path or on a directory above.
 * The SOCK_COREDUMP lookup flag of later kernels, which skips the check,
 * does not exist in this one: @flags is always 0.
 */
static int hook_unix_find(const struct path *const path,
			  struct sock *const other, const int flags)
{
	const struct landlock_domain *const domain = landlock_current_domain();
	const u32 access = LANDLOCK_ACCESS_FS_RESOLVE_UNIX;
	struct landlock_request req;

	if (!domain ||
	    !landlock_request_init(&req, domain, LL_KEY_INODE, access))
		return 0;
	if (!grant_same_domain(&req, domain, other))
		return 0;
	return check_request(domain, path, &req, access);
}

/* Hooks on changes of the mount topology. */

/* @path: Where the change happens, or NULL if no path is at hand. */
static int deny_topology_change(const struct path *const path)
{
	const struct landlock_domain *const domain = landlock_current_domain();
	struct landlock_denial denial = {
		.type = LL_BLOCKER_TOPOLOGY,
		.object.type = path ? LSM_AUDIT_DATA_PATH : LSM_AUDIT_DATA_NONE,
	};
	int layer;

	if (!landlock_domain_handles(domain, LL_KEY_INODE))
		return 0;
	/* The youngest layer that handles a filesystem right. */
	layer = domain->nr_layers - 1;
	while (layer > 0 && !domain->handled[LL_KEY_INODE][layer])
		layer--;
	denial.layer = layer;
	if (path)
		denial.object.u.path = *path;
	landlock_log_current(&denial);
	return -EPERM;
}

static int hook_sb_mount(const char *const dev_name,
			 const struct path *const path, const char *const type,
			 const unsigned long flags, void *const data)
{
	return deny_topology_change(path);
}

static int hook_move_mount(const struct path *const from_path,
			   const struct path *const to_path)
{
	return deny_topology_change(to_path);
}

static int hook_sb_umount(struct vfsmount *const mnt, const int flags)
{
	const struct path root = {
		.mnt = mnt,
		.dentry = mnt->mnt_root,
	};

	return deny_topology_change(&root);
}

static int hook_sb_remount(struct super_block *const sb, void *const opts)
{
	return deny_topology_change(NULL);
}

static int hook_sb_pivotroot(const struct path *const old_path,
			     const struct path *const new_path)
{
	return deny_topology_change(new_path);
}

/* Hooks on the life of inodes and superblocks. */

static void hook_inode_free_security(struct inode *const inode)
{
	/* A tied object holds a reference: the inode cannot go first. */
	WARN_ON_ONCE(rcu_access_pointer(landlock_inode(inode)->object));
}

static void hook_sb_delete(struct super_block *const sb)
{
	landlock_object_release_sb(sb);
}

/**
 * landlock_get_rule_path - Get the path a rule is about
 * @fd: File descriptor given as &landlock_path_beneath_attr.parent_fd; it
 *      may be an O_PATH one.
 * @path: Filled with the file's path, with a reference the caller drops.
 *
 * Return: 0, -EBADF if @fd is not open, or -EBADFD if it refers to a file
 * outside of any user-visible hierarchy (pipe, socket, namespace, ruleset).
 */
int landlock_get_rule_path(const int fd, struct path *const path)
{
	struct fd f = fdget_raw(fd);
	int err = 0;

	if (!f.file)
		return -EBADF;
	if ((f.file->f_path.mnt->mnt_flags & MNT_INTERNAL) ||
	    is_unchecked(f.file->f_path.dentry) ||
	    d_is_negative(f.file->f_path.dentry)) {
		err = -EBADFD;
	} else {
		*path = f.file->f_path;
		path_get(path);
	}
	fdput(f);
	return err;
}

static struct security_hook_list fs_hooks[] __lsm_ro_after_init = {
	LSM_HOOK_INIT(inode_free_security, hook_inode_free_security),
	LSM_HOOK_INIT(sb_delete, hook_sb_delete),
	LSM_HOOK_INIT(sb_mount, hook_sb_mount),
	LSM_HOOK_INIT(move_mount, hook_move_mount),
	LSM_HOOK_INIT(sb_umount, hook_sb_umount),
	LSM_HOOK_INIT(sb_remount, hook_sb_remount),
	LSM_HOOK_INIT(sb_pivotroot, hook_sb_pivotroot),
	LSM_HOOK_INIT(path_mkdir, hook_path_mkdir),
	LSM_HOOK_INIT(path_mknod, hook_path_mknod),
	LSM_HOOK_INIT(path_symlink, hook_path_symlink),
	LSM_HOOK_INIT(path_unlink, hook_path_unlink),
	LSM_HOOK_INIT(path_rmdir, hook_path_rmdir),
	LSM_HOOK_INIT(path_link, hook_path_link),
	LSM_HOOK_INIT(path_rename, hook_path_rename),
	LSM_HOOK_INIT(path_truncate, hook_path_truncate),
	LSM_HOOK_INIT(file_alloc_security, hook_file_alloc_security),
	LSM_HOOK_INIT(file_free_security, hook_file_free_security),
	LSM_HOOK_INIT(file_open, hook_file_open),
	LSM_HOOK_INIT(file_truncate, hook_file_truncate),
	LSM_HOOK_INIT(file_ioctl, hook_file_ioctl),
	LSM_HOOK_INIT(file_ioctl_compat, hook_file_ioctl),
	LSM_HOOK_INIT(unix_find, hook_unix_find),
};

/**
 * landlock_add_fs_hooks - Register the filesystem hooks
 */
void __init landlock_add_fs_hooks(void)
{
	security_add_hooks(fs_hooks, ARRAY_SIZE(fs_hooks), LANDLOCK_NAME);
}
