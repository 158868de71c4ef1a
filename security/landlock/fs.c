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

#include "audit.h"
#include "common.h"
#include "domain.h"
#include "fs.h"
#include "lsm.h"
#include "object.h"

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

	/* Most directories are not tied to any rule at all. */
	if (!key)
		return !req->layers;
	rule = landlock_domain_find(domain, LL_KEY_INODE, key);
	return landlock_request_grant(req, domain, rule);
}

/* Result of walk_mount_rcu(). */
enum rcu_walk {
	/* Nothing is missing any more. */
	RCU_WALK_GRANTED,
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
				    struct landlock_request *const req)
{
	const struct dentry *const root = path->mnt->mnt_root;
	const struct dentry *dentry = path->dentry;
	enum rcu_walk result;
	unsigned int seq;

	rcu_read_lock();
	seq = read_seqbegin(&rename_lock);
	for (;;) {
		if (grant_inode(req, domain, d_backing_inode(dentry))) {
			result = RCU_WALK_GRANTED;
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

/*
 * Slow path of walk_path(), taking references: crosses mount points and
 * handles disconnected dentries.  With @above, @path itself was already
 * applied.
 */
static bool walk_path_ref(const struct landlock_domain *const domain,
			  const struct path *const path,
			  struct landlock_request *const req, bool above)
{
	struct path walk = *path;
	bool disconnected = false;

	path_get(&walk);
	for (;;) {
		struct dentry *parent;
		bool done;

		if (!above) {
			rcu_read_lock();
			done = grant_inode(req, domain,
					   d_backing_inode(walk.dentry));
			rcu_read_unlock();
			if (done)
				break;
		}
		above = false;
climb:
		if (walk.dentry == walk.mnt->mnt_root) {
			/*
			 * The directory a mount covers is hidden by it: skip
			 * it and go on with its parent.
			 */
			if (follow_up(&walk))
				goto climb;
			/* Root of the mount namespace. */
			break;
		}
		if (unlikely(IS_ROOT(walk.dentry))) {
			/*
			 * Outside of its mount's tree: a directory moved out
			 * of a bind mount, or a dentry from a file handle.
			 * Its real ancestors were applied; go on with the
			 * hierarchy it was reached through.
			 */
			disconnected = true;
			dput(walk.dentry);
			walk.dentry = dget(walk.mnt->mnt_root);
			continue;
		}
		parent = dget_parent(walk.dentry);
		dput(walk.dentry);
		walk.dentry = parent;
	}
	path_put(&walk);
	return disconnected;
}

/*
 * Applies to @req the rules met from @path up to the root of the mount
 * namespace, and stops as soon as nothing is missing.  Returns true if the
 * walk went through a disconnected directory.
 */
static bool walk_path(const struct landlock_domain *const domain,
		      const struct path *const path,
		      struct landlock_request *const req)
{
	const struct landlock_request initial = *req;
	const struct path mount_root = {
		.mnt = path->mnt,
		.dentry = path->mnt->mnt_root,
	};

	switch (walk_mount_rcu(domain, path, req)) {
	case RCU_WALK_GRANTED:
		return false;
	case RCU_WALK_MOUNT_ROOT:
		return walk_path_ref(domain, &mount_root, req, true);
	case RCU_WALK_RETRY:
		break;
	}
	*req = initial;
	return walk_path_ref(domain, path, req, false);
}

/*
 * Files of internal filesystems (pipes, sockets, anonymous inodes...) are
 * reachable through /proc/<pid>/fd/ but are not part of any hierarchy that
 * rules could describe: Landlock does not restrict them.
 */
static bool is_internal(const struct path *const path)
{
	return (path->mnt->mnt_flags & MNT_INTERNAL) ||
	       IS_PRIVATE(d_backing_inode(path->dentry));
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
	int layer;

	if (!landlock_audit_on())
		return;
	layer = youngest_missing(req, among);
	if (layer < 0)
		return;
	denial.layer = layer;
	denial.blockers = req->missing[layer] & among;
	landlock_log_current(&denial);
}

static int check_path(const struct landlock_domain *const domain,
		      const struct path *const path, const u32 access)
{
	struct landlock_request req;

	if (!domain ||
	    !landlock_request_init(&req, domain, LL_KEY_INODE, access))
		return 0;
	if (is_internal(path))
		return 0;
	walk_path(domain, path, &req);
	if (!req.layers)
		return 0;
	log_fs(&req, access, path);
	return -EACCES;
}

static int check_dir(const struct path *const dir, const u32 access)
{
	return check_path(landlock_current_domain(), dir, access);
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
	return check_dir(dir, landlock_make_access(mode));
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

/* Rights that the rule tied to @dentry's inode grants, per layer. */
static void own_grants(const struct landlock_domain *const domain,
		       struct dentry *const dentry,
		       u32 own[LANDLOCK_MAX_LAYERS])
{
	const struct landlock_dom_rule *rule;
	u32 i;

	memset(own, 0, sizeof(*own) * LANDLOCK_MAX_LAYERS);
	rcu_read_lock();
	rule = landlock_domain_find(domain, LL_KEY_INODE,
				    inode_key(d_backing_inode(dentry)));
	for (i = 0; rule && i < rule->count; i++) {
		const struct landlock_grant *const grant =
			&domain->tables[LL_KEY_INODE].grants[rule->first + i];

		own[grant->layer] |= grant->access;
	}
	rcu_read_unlock();
}

/*
 * Whether @moved, going from a directory where the layers grant @from to
 * one where they grant @to, would gain a right in some layer.  The rule
 * tied to @moved itself goes with it.  Only file rights matter for a file;
 * all rights matter for a directory, for the sake of its content.
 *
 * Returns the youngest layer in which @moved would gain a right, or -1.
 */
static int move_gains(const struct landlock_domain *const domain,
		      struct dentry *const moved,
		      const struct landlock_request *const from,
		      const struct landlock_request *const to)
{
	const u32 scope = d_is_dir(moved) ? LL_FS_ALL : LL_FS_FILE_RIGHTS;
	u32 own[LANDLOCK_MAX_LAYERS];
	int layer;

	own_grants(domain, moved, own);
	for (layer = domain->nr_layers - 1; layer >= 0; layer--) {
		/* Granted = handled and no longer missing. */
		const u32 granted_to = domain->handled[LL_KEY_INODE][layer] &
				       ~to->missing[layer];
		const u32 granted_from = domain->handled[LL_KEY_INODE][layer] &
					 ~from->missing[layer];

		if (granted_to & scope & ~own[layer] & ~granted_from)
			return layer;
	}
	return -1;
}

/* Logs a link or rename denied for lack of REFER (EXDEV) in @layer. */
static void log_refer(const int layer, const struct path *const dst_dir)
{
	struct landlock_denial denial = {
		.type = LL_BLOCKER_FS,
		.blockers = LANDLOCK_ACCESS_FS_REFER,
		.layer = layer,
		.object.type = LSM_AUDIT_DATA_PATH,
		.object.u.path = *dst_dir,
	};

	landlock_log_current(&denial);
}

/*
 * Link or rename to another directory.  Each directory's rules are
 * collected up to the root, for every right, so that the two places can
 * be compared.
 */
static int check_reparent(const struct landlock_domain *const domain,
			  const struct path *const src_dir,
			  const struct path *const dst_dir,
			  struct dentry *const src_dentry,
			  struct dentry *const dst_dentry,
			  const struct landlock_move_rights *const need,
			  const bool exchange)
{
	struct landlock_request src, dst;
	bool disconnected;
	int layer;

	landlock_request_init(&src, domain, LL_KEY_INODE, LL_FS_ALL);
	landlock_request_init(&dst, domain, LL_KEY_INODE, LL_FS_ALL);
	disconnected = walk_path(domain, src_dir, &src);
	disconnected |= walk_path(domain, dst_dir, &dst);

	if (landlock_request_missing(domain, &src) & need->src_dir) {
		log_fs(&src, need->src_dir, src_dir);
		return -EACCES;
	}
	if (landlock_request_missing(domain, &dst) & need->dst_dir) {
		log_fs(&dst, need->dst_dir, dst_dir);
		return -EACCES;
	}

	/*
	 * A directory outside of its mount's tree has two sets of
	 * ancestors: comparing places would be meaningless (erratum 3).
	 */
	layer = domain->nr_layers - 1;
	if (disconnected)
		goto deny_refer;

	/* REFER must be handled and granted on both sides by every layer. */
	for (layer = domain->nr_layers - 1; layer >= 0; layer--) {
		if ((src.missing[layer] | dst.missing[layer] |
		     ~domain->handled[LL_KEY_INODE][layer]) &
		    LANDLOCK_ACCESS_FS_REFER)
			goto deny_refer;
	}
	layer = move_gains(domain, src_dentry, &src, &dst);
	if (layer < 0 && exchange && d_is_positive(dst_dentry))
		layer = move_gains(domain, dst_dentry, &dst, &src);
	if (layer < 0)
		return 0;

deny_refer:
	log_refer(layer, dst_dir);
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
		      const bool exchange)
{
	const struct landlock_domain *const domain = landlock_current_domain();
	const umode_t dst_mode = d_is_positive(dst_dentry) ?
					 d_backing_inode(dst_dentry)->i_mode :
					 0;
	struct landlock_move_rights need;

	if (!landlock_domain_handles(domain, LL_KEY_INODE))
		return 0;
	need = landlock_move_access(d_backing_inode(src_dentry)->i_mode,
				    dst_mode, is_link, exchange);
	if (src_dir->dentry == dst_dir->dentry)
		return check_path(domain, dst_dir, need.src_dir | need.dst_dir);
	return check_reparent(domain, src_dir, dst_dir, src_dentry, dst_dentry,
			      &need, exchange);
}

static int hook_path_link(struct dentry *const old_dentry,
			  const struct path *const new_dir,
			  struct dentry *const new_dentry)
{
	struct path old_dir;
	int err;

	if (!landlock_current_domain())
		return 0;
	/* Unlike rename, link does not lock the source directory. */
	old_dir.mnt = new_dir->mnt;
	old_dir.dentry = dget_parent(old_dentry);
	err = check_move(&old_dir, new_dir, old_dentry, new_dentry, true,
			 false);
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
			  flags & RENAME_EXCHANGE);
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

/*
 * Keeps, with a file being opened, what is needed to log the later uses of
 * the rights among LL_FS_OPEN_FILE_RIGHTS that @domain denied (@denied).
 */
static void keep_denial(struct landlock_file_sec *const sec,
			struct landlock_domain *const domain,
			const struct landlock_request *const req,
			const u32 denied)
{
	if (!IS_ENABLED(CONFIG_AUDIT))
		return;
	/* A new file: nobody else sees its blob yet. */
	landlock_get_domain(domain);
	sec->open_domain = domain;
	if (denied & LANDLOCK_ACCESS_FS_TRUNCATE)
		sec->truncate_layer =
			youngest_missing(req, LANDLOCK_ACCESS_FS_TRUNCATE);
	if (denied & LANDLOCK_ACCESS_FS_IOCTL_DEV)
		sec->ioctl_layer =
			youngest_missing(req, LANDLOCK_ACCESS_FS_IOCTL_DEV);
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
	struct landlock_request req;
	u32 missing;

	if (!domain ||
	    !landlock_request_init(&req, domain, LL_KEY_INODE, needed | later))
		return 0;
	if (is_internal(&file->f_path))
		return 0;
	walk_path(domain, &file->f_path, &req);
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
static void log_file(struct file *const file, const u32 right, const u8 layer,
		     struct common_audit_data *const object)
{
	const struct landlock_file_sec *const sec = landlock_file(file);
	const struct landlock_cred_sec *const subject =
		landlock_cred(current_cred());
	struct landlock_denial denial = {
		.type = LL_BLOCKER_FS,
		.blockers = right,
		.layer = layer,
		.object = *object,
	};

	if (!landlock_audit_on() || !sec->open_domain)
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
		 landlock_file(file)->truncate_layer, &object);
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
		 landlock_file(file)->ioctl_layer, &object);
	return -EACCES;
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
	if (landlock_audit_on()) {
		/* The youngest layer that handles a filesystem right. */
		layer = domain->nr_layers - 1;
		while (layer > 0 && !domain->handled[LL_KEY_INODE][layer])
			layer--;
		denial.layer = layer;
		if (path)
			denial.object.u.path = *path;
		landlock_log_current(&denial);
	}
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
	if (is_internal(&f.file->f_path) ||
	    (f.file->f_path.dentry->d_sb->s_flags & SB_NOUSER) ||
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
};

/**
 * landlock_add_fs_hooks - Register the filesystem hooks
 */
void __init landlock_add_fs_hooks(void)
{
	security_add_hooks(fs_hooks, ARRAY_SIZE(fs_hooks), LANDLOCK_NAME);
}
