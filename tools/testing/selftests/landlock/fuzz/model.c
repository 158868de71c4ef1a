// SPDX-License-Identifier: GPL-2.0
/*
 * Landlock differential fuzzer, model: what each operation returns.
 *
 * One function per operation: it computes the outcome the kernel must give
 * (the errno, in the order the checks of Linux 6.1 are made: the VFS
 * errors before and after the Landlock hooks) and applies the operation's
 * effects to the model.  tree.c knows the files, policy.c Landlock.
 *
 * The scenario's files belong to the user running it (root, or uid 65534 in
 * a user namespace, where the tree's tmpfs is nodev), with mode 0777: the
 * DAC checks only matter for the fuzzer's own executable (root's, 0755, on
 * a read-only bind mount, and being executed by the controller).
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "model.h"

typedef void op_fn(struct model *m, const struct op *op, struct outcome *o);

static struct m_worker *me(struct model *m, const struct op *op)
{
	return &m->workers[op->actor];
}

/*
 * truncate(2), mount(2) and umount(2) have no *at() variant: the executor
 * gives them the path through /proc/self/fd, where a bad handle is ENOENT.
 */
static void resolve_proc(const struct model *m, int actor, const char *path,
			 int flags, struct lookup *l)
{
	resolve(m, actor, path, flags, l);
	if (l->err == EBADF)
		l->err = ENOENT;
}

static int dom_of(const struct model *m, const struct op *op)
{
	return op->actor >= 0 ? m->workers[op->actor].domain : -1;
}

/*
 * Whether a worker's capability test of @cap passes: only root's workers
 * hold capabilities, and CAPABILITY_USE can deny them (after commoncap).
 */
static bool has_cap(const struct model *m, const struct op *op, int cap)
{
	return m->env.root &&
	       !perm_denied(m, dom_of(m, op), LL_PERM_CAPABILITY_USE,
			    CAP_BIT(cap));
}

/*
 * The tree on an overlayfs (with an empty lower layer): it makes no
 * whiteout for user space (EPERM from mknod(2), EINVAL from
 * RENAME_WHITEOUT) and has no block size (FIGETBSZ: EINVAL).
 */
static bool on_overlay(const struct model *m)
{
	return !strcmp(m->env.fs, "overlay");
}

static enum ftype type_at(const struct model *m, struct where w)
{
	return node_type(m, w.node);
}

static bool is_device(enum ftype t)
{
	return t == FT_CHR || t == FT_CHR_ZERO || t == FT_WHITEOUT ||
	       t == FT_BLK;
}

static bool is_exe(const struct model *m, struct where w)
{
	return m->inodes[m->nodes[w.node].ino].exe;
}

static bool has_children(const struct model *m, int dir)
{
	int i;

	for (i = 0; i < M_NODES; i++)
		if (m->nodes[i].used && !m->nodes[i].dead &&
		    m->nodes[i].parent == dir)
			return true;
	return false;
}

/* Creates a file named l->last in l->parent; returns its path. */
static struct where create(struct model *m, const struct lookup *l,
			   enum ftype type)
{
	int ino = new_inode(m, type);

	return (struct where){ l->parent.mnt,
			       new_node(m, l->parent.node, l->last, ino) };
}

/*
 * The checks of filename_create() (mkdir, mknod, symlink, the new name of
 * link): returns an errno, or 0 when the name may be created.
 */
static int create_lookup(const struct model *m, const struct lookup *l)
{
	if (l->err)
		return l->err;
	if (!l->last[0])
		return EEXIST;
	if (m->nodes[l->parent.node].dead)
		return ENOENT;
	return l->obj.node >= 0 ? EEXIST : 0;
}

static void set_slot(struct model *m, int worker, int slot, int file)
{
	struct m_worker *w = &m->workers[worker];

	if (slot < 0) {
		put_file(m, file);
		return;
	}
	put_file(m, w->slot[slot]);
	w->slot[slot] = file;
	w->cloexec[slot] = false;
}

static int slot_file(const struct model *m, const struct op *op)
{
	if (op->slot < 0)
		return -1;
	return m->workers[op->actor].slot[op->slot];
}

/* What the driver of an opened file says (after the LSM hooks). */
static int driver_open(const struct model *m, struct where w, int acc)
{
	switch (type_at(m, w)) {
	case FT_SOCK:
	case FT_WHITEOUT:
	case FT_BLK:
		return ENXIO;
	case FT_FIFO:
		if (acc == OF_ACCMODE)
			return EINVAL;
		if (acc == OF_WRONLY && !has_reader(m, m->nodes[w.node].ino))
			return ENXIO;
		return 0;
	default:
		return 0;
	}
}

/*
 * inode_permission() of the file at @w, for reading and/or writing: only
 * a file of mode 000 denies, unless CAP_DAC_OVERRIDE (or, for reading
 * alone, CAP_DAC_READ_SEARCH) passes.
 */
static bool dac_denied(const struct model *m, const struct op *op,
		       struct where w, bool read, bool write)
{
	if (!m->inodes[m->nodes[w.node].ino].mode0 || (!read && !write))
		return false;
	return !has_cap(m, op, FZ_CAP_DAC_OVERRIDE) &&
	       (write || !has_cap(m, op, FZ_CAP_DAC_READ_SEARCH));
}

/* may_open() and do_dentry_open(), up to and with Landlock's file_open. */
static int open_checks(const struct model *m, const struct op *op,
		       struct where w, bool created)
{
	const int dom = dom_of(m, op);
	const uint64_t flags = op->flags;
	enum ftype type = type_at(m, w);
	int acc = flags & OF_ACCMODE;
	bool fread = acc == 0 || acc == OF_RDWR;
	bool fwrite = acc == OF_WRONLY || acc == OF_RDWR;
	bool may_write = acc || (flags & OF_TRUNC);
	uint64_t access;

	if (!created) {
		if ((flags & OF_TRUNC) && type == FT_REG && is_exe(m, w))
			return EROFS;
		if (type == FT_SYM)
			return ELOOP;
		if (type == FT_DIR && may_write)
			return EISDIR;
		if (is_device(type) && m->env.nodev &&
		    !m->inodes[m->nodes[w.node].ino].external)
			return EACCES;
		if (is_exe(m, w) && may_write && !m->env.root)
			return EACCES;
		/* ACC_MODE(): O_ACCMODE reads and writes; O_TRUNC writes. */
		if (dac_denied(m, op, w, acc != OF_WRONLY, may_write))
			return EACCES;
	}
	if (fwrite && (type == FT_REG || type == FT_DIR) && is_exe(m, w))
		return ETXTBSY;
	if (type == FT_DIR)
		access = fread ? LL_FS_READ_DIR : 0;
	else
		access = (fread ? LL_FS_READ_FILE : 0) |
			 (fwrite ? LL_FS_WRITE_FILE : 0);
	if (fs_check(m, dom, w, access))
		return EACCES;
	return driver_open(m, w, acc);
}

static void do_open(struct model *m, const struct op *op, struct outcome *o)
{
	uint64_t f = op->flags;
	bool creat = f & OF_CREAT, created = false;
	int follow = (f & OF_NOFOLLOW) || (creat && (f & OF_EXCL)) ?
			     0 :
			     LOOKUP_FOLLOW;
	int acc = f & OF_ACCMODE, dom = dom_of(m, op), file;
	struct lookup l;
	struct where w;

	if (creat && (f & OF_DIRECTORY)) {
		o->err = EINVAL;
		return;
	}
	resolve(m, op->actor, op->path, follow, &l);
	if (l.err) {
		o->err = l.err;
		return;
	}
	w = l.obj;
	if (w.node < 0) {
		if (!creat || m->nodes[l.parent.node].dead) {
			o->err = ENOENT;
			return;
		}
		if (fs_check(m, dom, l.parent, LL_FS_MAKE_REG)) {
			o->err = EACCES;
			return;
		}
		w = create(m, &l, FT_REG);
		created = true;
		o->created = true;
	} else if (creat && (f & OF_EXCL)) {
		o->err = EEXIST;
		return;
	} else if (creat && type_at(m, w) == FT_DIR) {
		o->err = EISDIR;
		return;
	} else if ((f & OF_DIRECTORY) && type_at(m, w) != FT_DIR) {
		o->err = ENOTDIR;
		return;
	}
	o->err = open_checks(m, op, w, created);
	if (o->err)
		return;
	if ((f & OF_TRUNC) && !created && type_at(m, w) == FT_REG &&
	    fs_check(m, dom, w, LL_FS_TRUNCATE)) {
		o->err = EACCES;
		return;
	}
	file = new_file(m, w, false, acc == 0 || acc == OF_RDWR,
			acc == OF_WRONLY || acc == OF_RDWR);
	m->files[file].trunc_ok = !fs_check(m, dom, w, LL_FS_TRUNCATE);
	m->files[file].ioctl_ok = !fs_check(m, dom, w, LL_FS_IOCTL_DEV);
	set_slot(m, op->actor, op->slot, file);
}

static void do_close(struct model *m, const struct op *op, struct outcome *o)
{
	int file = slot_file(m, op);

	if (file < 0) {
		o->err = EBADF;
		return;
	}
	put_file(m, file);
	me(m, op)->slot[op->slot] = -1;
}

static void do_hold(struct model *m, const struct op *op, struct outcome *o)
{
	struct m_worker *w = me(m, op);
	struct lookup l;

	resolve(m, op->actor, op->path, LOOKUP_FOLLOW, &l);
	o->err = l.err ? l.err : l.obj.node < 0 ? ENOENT : 0;
	if (o->err || op->handle < 0)
		return;
	put_file(m, w->handle[op->handle]);
	w->handle[op->handle] = new_file(m, l.obj, true, false, false);
}

static void do_drop(struct model *m, const struct op *op, struct outcome *o)
{
	struct m_worker *w = me(m, op);

	if (op->handle < 0 || w->handle[op->handle] < 0) {
		o->err = EBADF;
		return;
	}
	put_file(m, w->handle[op->handle]);
	w->handle[op->handle] = -1;
}

/* mkdir, mknod and symlink: filename_create(), then Landlock. */
static void make(struct model *m, const struct op *op, struct outcome *o,
		 enum ftype type)
{
	struct lookup l;
	struct where w;

	resolve(m, op->actor, op->path, LOOKUP_NOCROSS, &l);
	o->err = create_lookup(m, &l);
	if (!o->err && fs_check(m, dom_of(m, op), l.parent, make_right(type)))
		o->err = EACCES;
	if (!o->err &&
	    (type == FT_CHR || type == FT_CHR_ZERO || type == FT_BLK) &&
	    !has_cap(m, op, FZ_CAP_MKNOD))
		o->err = EPERM;
	if (!o->err && type == FT_WHITEOUT && on_overlay(m))
		o->err = EPERM; /* ovl_mknod() */
	if (o->err)
		return;
	w = create(m, &l, type);
	if (type == FT_SYM)
		snprintf(m->inodes[m->nodes[w.node].ino].target, FZ_PATH, "%s",
			 op->path2);
}

static void do_mkdir(struct model *m, const struct op *op, struct outcome *o)
{
	make(m, op, o, FT_DIR);
}

static void do_mknod(struct model *m, const struct op *op, struct outcome *o)
{
	if (op->flags == FT_DIR)
		o->err = EPERM;
	else if (op->flags == FT_SYM)
		o->err = EINVAL;
	else /* A zero type is a regular file. */
		make(m, op, o, op->flags == FT_NONE ? FT_REG : op->flags);
	if (op->flags == FT_WHITEOUT)
		o->tags |= TAG_ERRATUM4;
}

static void do_symlink(struct model *m, const struct op *op, struct outcome *o)
{
	make(m, op, o, FT_SYM);
}

/* unlink and rmdir: the name, Landlock on its directory, then the VFS. */
static void remove_name(struct model *m, const struct op *op, struct outcome *o,
			bool dir)
{
	struct lookup l;
	int node;

	resolve(m, op->actor, op->path, LOOKUP_NOCROSS, &l);
	node = l.obj.node;
	if (l.err)
		o->err = l.err;
	else if (!l.last[0])
		o->err = dir ? EINVAL : EISDIR;
	else if (node < 0)
		o->err = ENOENT;
	else if (fs_check(m, dom_of(m, op), l.parent,
			  dir ? LL_FS_REMOVE_DIR : LL_FS_REMOVE_FILE))
		o->err = EACCES;
	else if (dir != is_dir(m, node))
		o->err = dir ? ENOTDIR : EISDIR;
	else if (is_mountpoint(m, node))
		o->err = EBUSY;
	else if (dir && has_children(m, node))
		o->err = ENOTEMPTY;
	else
		kill_node(m, node);
}

static void do_unlink(struct model *m, const struct op *op, struct outcome *o)
{
	remove_name(m, op, o, false);
}

static void do_rmdir(struct model *m, const struct op *op, struct outcome *o)
{
	remove_name(m, op, o, true);
}

/*
 * The directory of the source of link(2), as seen through its mount.  The
 * root of a mount (what the lookup of a mount point gives) has no parent
 * in that mount: going up from it leaves the mount, and the parent of its
 * dentry, if any, lies outside of the hierarchy seen through it.  Rules
 * follow the file hierarchy as seen through mounts, so the root stands for
 * its own directory: linking it into that mount changes no directory, and
 * needs neither REFER nor the rights of the other side (the VFS then
 * refuses a directory with EPERM).  Same for the root of the tree.
 */
static struct where dir_of(const struct model *m, struct where w)
{
	int parent = m->nodes[w.node].parent;

	if (parent < 0 || w.node == m->mounts[w.mnt].root)
		return w;
	return (struct where){ w.mnt, parent };
}

static void do_link(struct model *m, const struct op *op, struct outcome *o)
{
	struct lookup old, new;
	struct refer r = { .dst_ino = -1 };

	resolve(m, op->actor, op->path, 0, &old);
	resolve(m, op->actor, op->path2, LOOKUP_NOCROSS, &new);
	if (old.err || old.obj.node < 0) {
		o->err = old.err ? old.err : ENOENT;
		return;
	}
	o->err = create_lookup(m, &new);
	if (o->err)
		return;
	if (old.obj.mnt != new.parent.mnt) {
		o->err = EXDEV;
		return;
	}
	r.src_dir = dir_of(m, old.obj);
	r.dst_dir = new.parent;
	r.src_ino = m->nodes[old.obj.node].ino;
	o->err = refer_check(m, dom_of(m, op), &r);
	if (!o->err && is_dir(m, old.obj.node))
		o->err = EPERM;
	if (!o->err)
		new_node(m, new.parent.node, new.last, r.src_ino);
}

/* The checks of do_renameat2() before the Landlock hook. */
static int rename_lookup(const struct model *m, const struct op *op,
			 const struct lookup *old, const struct lookup *new)
{
	uint64_t f = op->flags;
	int src = old->obj.node, tgt = new->obj.node;

	if ((f & (RF_NOREPLACE | RF_WHITEOUT)) && (f & RF_EXCHANGE))
		return EINVAL;
	if (old->err)
		return old->err;
	if (new->err)
		return new->err;
	if (old->parent.mnt != new->parent.mnt)
		return EXDEV;
	if (!old->last[0])
		return EBUSY;
	if (!new->last[0])
		return f & RF_NOREPLACE ? EEXIST : EBUSY;
	if (src < 0 || m->nodes[new->parent.node].dead)
		return ENOENT;
	if ((f & RF_NOREPLACE) && tgt >= 0)
		return EEXIST;
	if ((f & RF_EXCHANGE) && tgt < 0)
		return ENOENT;
	if (old->parent.node == new->parent.node)
		return 0;
	if (is_ancestor(m, src, new->parent.node))
		return EINVAL;
	if (tgt >= 0 && is_ancestor(m, tgt, old->parent.node))
		return f & RF_EXCHANGE ? EINVAL : ENOTEMPTY;
	return 0;
}

/* vfs_rename() and the file system, after the Landlock hook. */
static int rename_vfs(const struct model *m, const struct op *op, int src,
		      int tgt)
{
	bool exchange = op->flags & RF_EXCHANGE;

	if (tgt >= 0 && !exchange && is_dir(m, src) != is_dir(m, tgt))
		return is_dir(m, src) ? ENOTDIR : EISDIR;
	if (is_mountpoint(m, src) || (tgt >= 0 && is_mountpoint(m, tgt)))
		return EBUSY;
	/* The file system's rename(): flags first, then an empty target. */
	if ((op->flags & RF_WHITEOUT) && on_overlay(m))
		return EINVAL;
	if (tgt >= 0 && !exchange && is_dir(m, tgt) && has_children(m, tgt))
		return strcmp(m->env.fs, "xfs") ? ENOTEMPTY : EEXIST;
	return 0;
}

static void move_node(struct model *m, int node, int parent, const char *name)
{
	m->nodes[node].parent = parent;
	snprintf(m->nodes[node].name, FZ_NAME, "%s", name);
}

static void do_rename(struct model *m, const struct op *op, struct outcome *o)
{
	struct lookup old, new;
	struct refer r = { .removable = true };
	int src, tgt;

	resolve(m, op->actor, op->path, LOOKUP_NOCROSS, &old);
	resolve(m, op->actor, op->path2, LOOKUP_NOCROSS, &new);
	o->err = rename_lookup(m, op, &old, &new);
	if (o->err)
		return;
	src = old.obj.node;
	tgt = new.obj.node;
	r.src_dir = old.parent;
	r.dst_dir = new.parent;
	r.src_ino = m->nodes[src].ino;
	r.dst_ino = tgt < 0 ? -1 : m->nodes[tgt].ino;
	r.exchange = op->flags & RF_EXCHANGE;
	r.whiteout = op->flags & RF_WHITEOUT;
	o->err = refer_check(m, dom_of(m, op), &r);
	if (o->err || r.src_ino == r.dst_ino)
		return;
	o->err = rename_vfs(m, op, src, tgt);
	if (o->err)
		return;
	if (r.exchange)
		move_node(m, tgt, old.parent.node, old.last);
	else if (tgt >= 0)
		kill_node(m, tgt);
	move_node(m, src, new.parent.node, new.last);
	if (r.whiteout) {
		struct where w = create(m, &old, FT_WHITEOUT);

		m->inodes[m->nodes[w.node].ino].mode0 = true;
	}
}

static void do_truncate(struct model *m, const struct op *op, struct outcome *o)
{
	struct lookup l;
	enum ftype type;

	resolve_proc(m, op->actor, op->path, LOOKUP_FOLLOW, &l);
	if (l.err || l.obj.node < 0) {
		o->err = l.err ? l.err : ENOENT;
		return;
	}
	type = type_at(m, l.obj);
	if (type == FT_DIR)
		o->err = EISDIR;
	else if (type != FT_REG)
		o->err = EINVAL;
	else if (is_exe(m, l.obj))
		o->err = EROFS;
	else if (fs_check(m, dom_of(m, op), l.obj, LL_FS_TRUNCATE))
		o->err = EACCES;
}

static void do_ftruncate(struct model *m, const struct op *op,
			 struct outcome *o)
{
	int file = slot_file(m, op);
	const struct m_file *f = &m->files[file];

	if (file < 0)
		o->err = EBADF;
	else if (m->inodes[f->ino].type != FT_REG || !f->write)
		o->err = EINVAL;
	else if (!f->trunc_ok)
		o->err = EACCES;
}

/*
 * IOCTL_DEV only covers devices, and never the ioctls that do not reach
 * the driver (FIOCLEX, FIONCLEX, FIONBIO, FIOASYNC, FIGETBSZ and FIOQSIZE
 * here).  Then what do_vfs_ioctl() and the drivers of /dev/null and
 * /dev/zero (no ioctl at all), pipes and the file systems answer.
 *
 * FIOQSIZE is not in the list of always allowed ioctls of landlock-abi.md
 * ("Semantics"), which would make it EACCES on a device; issue 11 (item 6)
 * says that mainline lets it through (ENOTTY from the VFS), and our kernel
 * does.  The model follows issue 11 until the two documents agree.
 */
static void do_ioctl(struct model *m, const struct op *op, struct outcome *o)
{
	int file = slot_file(m, op);
	enum ftype type;
	bool vfs_only;

	if (file < 0) {
		o->err = EBADF;
		return;
	}
	type = m->inodes[m->files[file].ino].type;
	vfs_only = op->flags != IOC_FIONREAD && op->flags != IOC_TCGETS;
	if (is_device(type) && !vfs_only && !m->files[file].ioctl_ok) {
		o->err = EACCES;
		return;
	}
	if (is_device(type) && op->flags == IOC_FIOQSIZE &&
	    !m->files[file].ioctl_ok)
		o->tags |= TAG_FIOQSIZE;
	switch (op->flags) {
	case IOC_FIOCLEX:
	case IOC_FIONCLEX:
		me(m, op)->cloexec[op->slot] = op->flags == IOC_FIOCLEX;
		break;
	case IOC_FIOQSIZE:
		if (type != FT_DIR && type != FT_REG)
			o->err = ENOTTY;
		break;
	case IOC_FIONREAD:
		if (type != FT_REG && type != FT_FIFO)
			o->err = ENOTTY;
		break;
	case IOC_TCGETS:
		o->err = ENOTTY;
		break;
	case IOC_FIGETBSZ:
		if (on_overlay(m) && !m->inodes[m->files[file].ino].external)
			o->err = EINVAL;
		break;
	}
}

/* Execution closes the files marked close-on-exec. */
static void exec_closes(struct model *m, struct m_worker *w)
{
	int s;

	for (s = 0; s < FZ_SLOTS; s++) {
		if (w->cloexec[s]) {
			put_file(m, w->slot[s]);
			w->slot[s] = -1;
			w->cloexec[s] = false;
		}
	}
}

static void do_exec(struct model *m, const struct op *op, struct outcome *o)
{
	struct lookup l;

	resolve(m, op->actor, op->path, LOOKUP_FOLLOW, &l);
	if (l.err || l.obj.node < 0)
		o->err = l.err ? l.err : ENOENT;
	else if (type_at(m, l.obj) != FT_REG)
		o->err = EACCES;
	else if (fs_check(m, dom_of(m, op), l.obj,
			  LL_FS_READ_FILE | LL_FS_EXECUTE))
		o->err = EACCES;
	else if (has_writer(m, m->nodes[l.obj.node].ino))
		o->err = ETXTBSY;
	else if (!is_exe(m, l.obj))
		o->err = ENOEXEC; /* the scenario's files are empty */
	else
		exec_closes(m, me(m, op));
}

static void do_fork(struct model *m, const struct op *op, struct outcome *o)
{
	struct m_worker *child;
	int i;

	if (op->peer < 0 || m->workers[op->peer].alive) {
		o->err = FZ_SKIP;
		return;
	}
	child = &m->workers[op->peer];
	*child = *me(m, op);
	child->sigio = false; /* pending signals are not inherited */
	for (i = 0; i < FZ_SLOTS; i++)
		if (child->slot[i] >= 0)
			m->files[child->slot[i]].refs++;
	for (i = 0; i < FZ_HANDLES; i++)
		if (child->handle[i] >= 0)
			m->files[child->handle[i]].refs++;
}

static void do_exit(struct model *m, const struct op *op, struct outcome *o)
{
	struct m_worker *w = me(m, op);
	int i;

	for (i = 0; i < FZ_SLOTS; i++)
		put_file(m, w->slot[i]);
	for (i = 0; i < FZ_HANDLES; i++)
		put_file(m, w->handle[i]);
	w->alive = false;
}

/* landlock_create_ruleset() with the masks of a template. */
static int ruleset_err(int abi, const struct layer_tmpl *t)
{
	/* The worker passes ABI 12's attribute: past an older kernel's. */
	if (t->perm && abi < 12)
		return E2BIG;
	if ((t->fs & ~abi_fs_mask(abi)) || (t->net & ~abi_net_mask(abi)) ||
	    (t->scope & ~abi_scope_mask(abi)) ||
	    (t->perm & ~abi_perm_mask(abi)))
		return EINVAL;
	return t->fs || t->net || t->scope || t->perm ? 0 : ENOMSG;
}

/*
 * A namespace or capability rule (landlock-abi-8-12.md, 3.2): the members
 * it allows add up in the layer; unknown ones are dropped.
 */
static int add_perm_rule(const struct model *m, struct m_layer *layer,
			 const struct rule_tmpl *r)
{
	const bool ns = r->kind == OP_NSRULE;
	const uint64_t perm = ns ? LL_PERM_NAMESPACE_USE :
				   LL_PERM_CAPABILITY_USE;

	if (m->env.abi < 12 || !(layer->perm & perm))
		return EINVAL;
	if (!r->access)
		return ENOMSG;
	if (ns)
		layer->ns |= r->access & NS_ALL;
	else
		layer->cap |= r->access & CAP_ALL;
	return 0;
}

/* landlock_add_rule(), after the worker opened the path (O_PATH). */
static int add_rule(const struct model *m, int actor, struct m_layer *layer,
		    const struct rule_tmpl *r)
{
	struct lookup l;

	if (r->kind == OP_NSRULE || r->kind == OP_CAPRULE)
		return add_perm_rule(m, layer, r);
	if (r->kind == OP_PORT) {
		if (!r->access)
			return ENOMSG;
		if (r->access & ~layer->net)
			return EINVAL;
		layer->net_rules[layer->nnet].port = r->number;
		layer->net_rules[layer->nnet++].access = r->access;
		return 0;
	}
	resolve(m, actor, r->path, LOOKUP_FOLLOW, &l);
	if (l.err || l.obj.node < 0)
		return l.err ? l.err : ENOENT;
	if (!r->access)
		return ENOMSG;
	if (r->access & ~layer->fs)
		return EINVAL;
	if (!is_dir(m, l.obj.node) &&
	    (r->access & ~(LL_FS_FILE & abi_fs_mask(m->env.abi))))
		return EINVAL;
	layer->fs_rules[layer->nfs].ino = m->nodes[l.obj.node].ino;
	layer->fs_rules[layer->nfs++].access = r->access;
	return 0;
}

/* A ruleset from a template, its rules, then landlock_restrict_self(). */
static void do_restrict(struct model *m, const struct op *op, struct outcome *o)
{
	const struct layer_tmpl *t = &m->tmpl[op->layer];
	struct m_worker *w = me(m, op);
	struct m_layer layer = {
		.fs = t->fs, .net = t->net, .scope = t->scope, .perm = t->perm
	};
	unsigned int fd_less = LL_RESTRICT_LOG_SUBDOMAINS_OFF;
	int i, depth = w->domain < 0 ? 0 : m->domains[w->domain].depth;
	struct m_domain *d;

	o->create_err = ruleset_err(m->env.abi, t);
	for (i = 0; i < t->n && !o->create_err; i++)
		o->rule_err[i] = add_rule(m, op->actor, &layer, &t->rules[i]);
	if (op->flags & ~abi_restrict_flags(m->env.abi))
		o->err = EINVAL;
	else if (o->create_err)
		o->err = (op->flags & ~LL_RESTRICT_TSYNC) == fd_less ? 0 :
								       EBADF;
	else if (depth >= FZ_LAYERS)
		o->err = E2BIG;
	if (o->err || o->create_err)
		return;
	if (m->ndomains >= M_DOMAINS) {
		o->err = FZ_SKIP;
		return;
	}
	d = &m->domains[m->ndomains];
	d->parent = w->domain;
	d->depth = depth + 1;
	d->layer = layer;
	w->domain = m->ndomains++;
}

static bool listening(const struct model *m, int port, int family)
{
	int i;

	for (i = 0; i < m->nlisteners; i++)
		if (m->listeners[i].port == port &&
		    m->listeners[i].family == family)
			return true;
	return false;
}

/* bind(2) of TCP and UDP: Landlock, then the port's privilege, then use. */
static int bind_err(const struct model *m, const struct op *op, uint64_t right)
{
	if (right && net_check(m, dom_of(m, op), right, op->num))
		return EACCES;
	if (op->num && op->num < 1024 &&
	    !has_cap(m, op, FZ_CAP_NET_BIND_SERVICE))
		return EACCES;
	return 0;
}

static void do_tcp_bind(struct model *m, const struct op *op, struct outcome *o)
{
	o->err = bind_err(m, op, LL_NET_BIND_TCP);
	if (!o->err && op->num && listening(m, op->num, op->flags))
		o->err = EADDRINUSE;
}

static void do_tcp_connect(struct model *m, const struct op *op,
			   struct outcome *o)
{
	if (net_check(m, dom_of(m, op), LL_NET_CONNECT_TCP, op->num))
		o->err = EACCES;
	else if (!listening(m, op->num, op->flags))
		o->err = ECONNREFUSED;
}

static void do_udp_bind(struct model *m, const struct op *op, struct outcome *o)
{
	o->err = bind_err(m, op, m->env.abi >= 10 ? LL_NET_BIND_UDP : 0);
}

/* UDP port 0 is no destination (udp_sendmsg(), udpv6_sendmsg()). */
static int udp_dest_err(const struct op *op, bool send)
{
	return send && !op->num ? EINVAL : 0;
}

/*
 * connect(2) and sendto(2) on a new UDP socket (landlock-abi-8-12.md,
 * 6.1): CONNECT_SEND_UDP for the destination, then the implicit bind to
 * port 0 (autobind) needs BIND_UDP for port 0.
 */
static void udp_reach(struct model *m, const struct op *op, struct outcome *o,
		      bool send)
{
	int dom = dom_of(m, op);

	if (m->env.abi >= 10 &&
	    (net_check(m, dom, LL_NET_CONNECT_SEND_UDP, op->num) ||
	     net_check(m, dom, LL_NET_BIND_UDP, 0)))
		o->err = EACCES;
	else
		o->err = udp_dest_err(op, send);
}

static void do_udp_connect(struct model *m, const struct op *op,
			   struct outcome *o)
{
	udp_reach(m, op, o, false);
}

static void do_udp_send(struct model *m, const struct op *op, struct outcome *o)
{
	udp_reach(m, op, o, true);
}

/* The domain of a target worker (w-: the controller), or FZ_SKIP. */
static int peer_domain(const struct model *m, const struct op *op, int *dom)
{
	if (op->peer < 0) {
		*dom = -1;
		return 0;
	}
	if (!m->workers[op->peer].alive)
		return FZ_SKIP;
	*dom = m->workers[op->peer].domain;
	return 0;
}

static void do_kill(struct model *m, const struct op *op, struct outcome *o)
{
	int dom;

	o->err = peer_domain(m, op, &dom);
	if (!o->err && op->peer != op->actor &&
	    scope_denies(m, dom_of(m, op), dom, LL_SCOPE_SIGNAL))
		o->err = EPERM;
}

/*
 * SIGIO, sent by the kernel to the owner of a file, is judged by the
 * domain of whoever set the owner (F_SETOWN): here the actor itself, just
 * before.  The owner gets it or not; the sender sees nothing.
 */
static void do_sigio(struct model *m, const struct op *op, struct outcome *o)
{
	int dom;

	o->err = peer_domain(m, op, &dom);
	if (!o->err && op->peer < 0)
		o->err = FZ_SKIP;
	if (o->err)
		return;
	if (op->peer == op->actor ||
	    !scope_denies(m, dom_of(m, op), dom, LL_SCOPE_SIGNAL))
		m->workers[op->peer].sigio = true;
}

static void do_sigpending(struct model *m, const struct op *op,
			  struct outcome *o)
{
	o->pending = me(m, op)->sigio;
	me(m, op)->sigio = false;
}

/*
 * An open file passed to another worker (SCM_RIGHTS, through the
 * controller) keeps the rights decided when it was opened, whoever gets it.
 */
static void do_pass(struct model *m, const struct op *op, struct outcome *o)
{
	int file = slot_file(m, op);

	if (file < 0)
		o->err = EBADF;
	else if (op->peer < 0 || !m->workers[op->peer].alive)
		o->err = FZ_SKIP;
	if (o->err)
		return;
	m->files[file].refs++;
	set_slot(m, op->peer, op->slot, file);
}

static void do_tkill(struct model *m, const struct op *op, struct outcome *o)
{
	/* Erratum 2: threads of a process may always signal each other. */
}

static void do_ptrace(struct model *m, const struct op *op, struct outcome *o)
{
	int dom;

	o->err = peer_domain(m, op, &dom);
	if (!o->err && (op->peer < 0 || op->peer == op->actor))
		o->err = FZ_SKIP;
	if (!o->err && ptrace_denies(m, dom_of(m, op), dom))
		o->err = EPERM;
}

static void do_unix_listen(struct model *m, const struct op *op,
			   struct outcome *o)
{
	typeof(m->unix_socks[0][0]) *s = &m->unix_socks[op->num][op->flags];

	if (s->used) {
		o->err = EADDRINUSE;
		return;
	}
	s->used = true;
	s->domain = dom_of(m, op);
}

static void do_unix_connect(struct model *m, const struct op *op,
			    struct outcome *o)
{
	typeof(m->unix_socks[0][0]) *s = &m->unix_socks[op->num][op->flags];

	if (!s->used)
		o->err = ECONNREFUSED;
	else if (scope_denies(m, dom_of(m, op), s->domain,
			      LL_SCOPE_ABSTRACT_UNIX))
		o->err = EPERM;
}

/*
 * bind(2) of a pathname UNIX socket: mknod of a socket file (MAKE_SOCK),
 * EEXIST told as EADDRINUSE; the controller keeps the socket, bound to the
 * inode whatever becomes of its names, and holding the mount (EBUSY).
 */
static void do_path_listen(struct model *m, const struct op *op,
			   struct outcome *o)
{
	struct lookup l;
	struct where w;

	if (m->path_socks >= FZ_PATH_SOCKS) {
		o->err = FZ_SKIP;
		return;
	}
	resolve(m, op->actor, op->path, LOOKUP_NOCROSS, &l);
	o->err = create_lookup(m, &l);
	if (!o->err && fs_check(m, dom_of(m, op), l.parent, LL_FS_MAKE_SOCK))
		o->err = EACCES;
	if (o->err == EEXIST)
		o->err = EADDRINUSE;
	if (o->err)
		return;
	m->path_sock_mnt[m->path_socks++] = l.parent.mnt;
	w = create(m, &l, FT_SOCK);
	m->inodes[m->nodes[w.node].ino].sock = op->flags + 1;
	m->inodes[m->nodes[w.node].ino].sock_domain = dom_of(m, op);
}

/*
 * connect(2) (stream) or sendto(2) (datagram) to a pathname socket:
 * unix_find_bsd() looks the name up (ENOENT...), needs write permission
 * (not on the fuzzer's executable as uid 65534; a read-only mount does not
 * count), a socket file with a bound socket
 * (ECONNREFUSED) of the same type (EPROTOTYPE); then RESOLVE_UNIX.
 */
static void do_path_connect(struct model *m, const struct op *op,
			    struct outcome *o)
{
	const struct m_inode *ino;
	struct lookup l;

	resolve(m, op->actor, op->path, LOOKUP_FOLLOW, &l);
	if (l.err || l.obj.node < 0) {
		o->err = l.err ? l.err : ENOENT;
		return;
	}
	ino = &m->inodes[m->nodes[l.obj.node].ino];
	if ((is_exe(m, l.obj) && !m->env.root) ||
	    dac_denied(m, op, l.obj, false, true))
		o->err = EACCES;
	else if (ino->type != FT_SOCK || !ino->sock)
		o->err = ECONNREFUSED;
	else if ((uint64_t)ino->sock != op->flags + 1)
		o->err = EPROTOTYPE;
	else if (resolve_unix_check(m, dom_of(m, op), l.obj, ino->sock_domain))
		o->err = EACCES;
}

/*
 * Files that no path of a mount that user space can mount names escape
 * the checks: pipes (SB_NOUSER), memfd (SB_NOUSER, like every file of the
 * kernel's own tmpfs), namespaces (a disconnected root of an internal
 * mount).  A POSIX message queue is a file of an internal mount, checked
 * like any other: no rule can be met on its way up (the root of the
 * mount), so what a layer handles is denied.  Creating a queue is not
 * checked (no path hook), opening it is.
 */
static void do_reopen(struct model *m, const struct op *op, struct outcome *o)
{
	int acc = op->flags & OF_ACCMODE;
	uint64_t access =
		(acc == 0 || acc == OF_RDWR ? LL_FS_READ_FILE : 0) |
		(acc == OF_WRONLY || acc == OF_RDWR ? LL_FS_WRITE_FILE : 0);

	switch (op->num) {
	case RK_PIPE:
		if (acc == OF_ACCMODE)
			o->err = EINVAL; /* fifo_open() */
		break;
	case RK_NSFS:
		if (acc)
			o->err = EPERM; /* S_IMMUTABLE */
		break;
	case RK_MQUEUE:
		/* One queue per scenario, made by the first mq_open(). */
		o->tags |= TAG_INTERNAL;
		if (!m->env.mqueue)
			o->err = NO_SYSCALL;
		else if (m->mqueue_made && acc == OF_ACCMODE)
			o->err = EINVAL;
		else
			o->err = fs_check_no_rules(m, dom_of(m, op), access);
		m->mqueue_made = m->env.mqueue;
		break;
	}
}

/* Lookup of both paths of a bind mount; returns the source's path. */
static int bind_lookup(const struct model *m, const struct op *op,
		       struct where *dst, struct where *src, bool sandbox)
{
	struct lookup l;

	resolve_proc(m, op->actor, op->path2, LOOKUP_FOLLOW, &l);
	if (l.err || l.obj.node < 0)
		return l.err ? l.err : ENOENT;
	/* lock_mount(): on top of the mounts there (a path may end in "."). */
	*dst = cross_mounts(m, l.obj);
	if (sandbox && !has_cap(m, op, FZ_CAP_SYS_ADMIN))
		return EPERM;
	if (sandbox && dom_handles_fs(m, dom_of(m, op)))
		return EPERM;
	resolve_proc(m, op->actor, op->path, LOOKUP_FOLLOW, &l);
	if (l.err || l.obj.node < 0)
		return l.err ? l.err : ENOENT;
	*src = l.obj;
	if (m->nodes[dst->node].dead)
		return ENOENT; /* d_set_mounted() on a removed directory */
	if (m->nodes[src->node].dead)
		return ENOENT; /* a removed directory is not bound either */
	return is_dir(m, dst->node) != is_dir(m, src->node) ? ENOTDIR : 0;
}

/* Returns the new mount, or -1. */
static int bind(struct model *m, const struct op *op, struct outcome *o,
		bool sandbox)
{
	struct where dst, src;

	o->err = bind_lookup(m, op, &dst, &src, sandbox);
	return o->err ? -1 : new_mount(m, dst, src.node);
}

static void do_bind(struct model *m, const struct op *op, struct outcome *o)
{
	bind(m, op, o, false);
}

static void do_mount(struct model *m, const struct op *op, struct outcome *o)
{
	bind(m, op, o, true);
}

static void umount(struct model *m, const struct op *op, struct outcome *o,
		   bool sandbox)
{
	struct lookup l;

	resolve_proc(m, op->actor, op->path, LOOKUP_FOLLOW, &l);
	/* LOOKUP_MOUNTPOINT: the mounts on the last name too, even ".". */
	if (!l.err && l.obj.node >= 0)
		l.obj = cross_mounts(m, l.obj);
	if (l.err || l.obj.node < 0)
		o->err = l.err ? l.err : ENOENT;
	else if (sandbox && !has_cap(m, op, FZ_CAP_SYS_ADMIN))
		o->err = EPERM;
	else if (l.obj.node != m->mounts[l.obj.mnt].root)
		o->err = EINVAL;
	else if (sandbox && dom_handles_fs(m, dom_of(m, op)))
		o->err = EPERM;
	else if (mount_busy(m, l.obj.mnt))
		o->err = EBUSY;
	else
		m->mounts[l.obj.mnt].used = false;
}

static void do_umount(struct model *m, const struct op *op, struct outcome *o)
{
	umount(m, op, o, false);
}

static void do_wumount(struct model *m, const struct op *op, struct outcome *o)
{
	umount(m, op, o, true);
}

/* A new file at path, with an external file (of /dev, the fuzzer) on it. */
static void bind_external(struct model *m, const struct op *op,
			  struct outcome *o, enum ftype type, bool exe)
{
	struct lookup l;
	struct where w;
	int ino, root;

	resolve(m, op->actor, op->path, LOOKUP_NOCROSS, &l);
	o->err = create_lookup(m, &l);
	if (o->err)
		return;
	w = create(m, &l, FT_REG);
	ino = new_inode(m, type);
	m->inodes[ino].external = true;
	m->inodes[ino].exe = exe;
	root = new_node(m, -1, "", ino);
	new_mount(m, w, root);
}

static void do_devbind(struct model *m, const struct op *op, struct outcome *o)
{
	bind_external(m, op, o, op->flags == DEV_NULL ? FT_CHR : FT_CHR_ZERO,
		      false);
}

static void do_exebind(struct model *m, const struct op *op, struct outcome *o)
{
	bind_external(m, op, o, FT_REG, true);
}

static void do_listen(struct model *m, const struct op *op, struct outcome *o)
{
	if (listening(m, op->num, op->flags)) {
		o->err = EADDRINUSE;
		return;
	}
	if (m->nlisteners >= M_LISTENERS) {
		o->err = FZ_SKIP;
		return;
	}
	m->listeners[m->nlisteners].port = op->num;
	m->listeners[m->nlisteners++].family = op->flags;
}

/* A thread moves the directory at path to and fro path2 (its name kept). */
static void do_mover(struct model *m, const struct op *op, struct outcome *o)
{
	struct lookup dir, to;

	resolve(m, op->actor, op->path, LOOKUP_NOCROSS, &dir);
	resolve(m, op->actor, op->path2, LOOKUP_FOLLOW, &to);
	if (dir.err || to.err || dir.obj.node < 0 || to.obj.node < 0 ||
	    !is_dir(m, dir.obj.node) || !is_dir(m, to.obj.node)) {
		o->err = ENOENT;
		return;
	}
	m->mover.on = true;
	m->mover.node = dir.obj.node;
	m->mover.parents[0] = dir.parent.node;
	m->mover.parents[1] = to.obj.node;
}

/* A bind mount that a thread unmounts and mounts again. */
static void do_toggle(struct model *m, const struct op *op, struct outcome *o)
{
	int mnt = bind(m, op, o, false);

	if (mnt < 0)
		return;
	m->toggle.on = true;
	m->toggle.mount = mnt;
}

/*
 * unshare(2) (landlock-abi-8-12.md, 8.2): a new user namespace needs no
 * capability and gives every one in it, the other types need CAP_SYS_ADMIN
 * (CAPABILITY_USE ignores the namespace), and NAMESPACE_USE must allow
 * each type.  Every failure is EPERM, and nothing is made.  (This assumes
 * Debian's kernel.unprivileged_userns_clone at its default, 1: at 0, a new
 * user namespace needs CAP_SYS_ADMIN too.)
 */
static void do_unshare(struct model *m, const struct op *op, struct outcome *o)
{
	const uint64_t types = op->flags & NS_ALL;
	const bool user = types & NS_USER;

	if ((types & ~NS_USER) &&
	    (!(m->env.root || user) ||
	     perm_denied(m, dom_of(m, op), LL_PERM_CAPABILITY_USE,
			 CAP_BIT(FZ_CAP_SYS_ADMIN))))
		o->err = EPERM;
	else if (perm_denied(m, dom_of(m, op), LL_PERM_NAMESPACE_USE, types))
		o->err = EPERM;
}

static op_fn *const model_ops[OP_COUNT] = {
	[OP_MOVER] = do_mover,
	[OP_TOGGLE] = do_toggle,
	[OP_BIND] = do_bind,
	[OP_DEVBIND] = do_devbind,
	[OP_EXEBIND] = do_exebind,
	[OP_UMOUNT] = do_umount,
	[OP_LISTEN] = do_listen,
	[OP_OPEN] = do_open,
	[OP_CLOSE] = do_close,
	[OP_HOLD] = do_hold,
	[OP_DROP] = do_drop,
	[OP_MKDIR] = do_mkdir,
	[OP_MKNOD] = do_mknod,
	[OP_SYMLINK] = do_symlink,
	[OP_UNLINK] = do_unlink,
	[OP_RMDIR] = do_rmdir,
	[OP_LINK] = do_link,
	[OP_RENAME] = do_rename,
	[OP_TRUNCATE] = do_truncate,
	[OP_FTRUNCATE] = do_ftruncate,
	[OP_IOCTL] = do_ioctl,
	[OP_EXEC] = do_exec,
	[OP_FORK] = do_fork,
	[OP_EXIT] = do_exit,
	[OP_RESTRICT] = do_restrict,
	[OP_TCP_BIND] = do_tcp_bind,
	[OP_TCP_CONNECT] = do_tcp_connect,
	[OP_UDP_BIND] = do_udp_bind,
	[OP_KILL] = do_kill,
	[OP_TKILL] = do_tkill,
	[OP_PTRACE] = do_ptrace,
	[OP_UNIX_LISTEN] = do_unix_listen,
	[OP_UNIX_CONNECT] = do_unix_connect,
	[OP_MOUNT] = do_mount,
	[OP_WUMOUNT] = do_wumount,
	[OP_REOPEN] = do_reopen,
	[OP_SIGIO] = do_sigio,
	[OP_SIGPENDING] = do_sigpending,
	[OP_PASS] = do_pass,
	[OP_UDP_CONNECT] = do_udp_connect,
	[OP_UDP_SEND] = do_udp_send,
	[OP_PATH_LISTEN] = do_path_listen,
	[OP_PATH_CONNECT] = do_path_connect,
	[OP_UNSHARE] = do_unshare,
};

void model_init(struct model *m, const struct env *env)
{
	int i;

	memset(m, 0, sizeof(*m));
	m->env = *env;
	tree_init(m);
	for (i = 0; i < FZ_WORKERS; i++) {
		struct m_worker *w = &m->workers[i];

		w->domain = -1;
		memset(w->slot, -1, sizeof(w->slot));
		memset(w->handle, -1, sizeof(w->handle));
	}
	m->workers[0].alive = true;
}

/* Runs an item in the model: its expected outcome, and its effects. */
void model_step(struct model *m, const struct op *op, struct outcome *out)
{
	memset(out, 0, sizeof(*out));
	if (op->actor == ACTOR_DECL) {
		tmpl_apply(m->tmpl, op);
		out->err = FZ_SKIP;
		return;
	}
	if (op->actor >= 0 && !m->workers[op->actor].alive) {
		out->err = FZ_SKIP;
		return;
	}
	policy_tags = 0;
	model_ops[op->kind](m, op, out);
	out->tags |= policy_tags;
}

/* The model in one state of the movers (concurrency mode). */
static void set_movers(struct model *m, int state)
{
	if (m->mover.on)
		m->nodes[m->mover.node].parent = m->mover.parents[state & 1];
	if (m->toggle.on)
		m->mounts[m->toggle.mount].used = state & 2;
}

/*
 * Whether the moving directory can be in parent @i: not if that parent is
 * now the directory itself or below it, where rename(2) cannot put it
 * (EINVAL), so that it stays in the other one.
 */
static bool mover_can_be(const struct model *m, int i)
{
	return !m->mover.on ||
	       !is_ancestor(m, m->mover.node, m->mover.parents[i]);
}

/*
 * Concurrency mode: runs op in a copy of the model for each state of the
 * movers; copies[i] is the model after the answer ans->v[i].  Returns how
 * many copies there are (the answers may repeat).
 */
int model_variants(const struct model *m, const struct op *op,
		   struct model *copies, struct answers *ans)
{
	int state, n = 0;

	for (state = 0; state < FZ_ANSWERS; state++) {
		if ((state & 1) && !m->mover.on)
			continue;
		if ((state & 2) && !m->toggle.on)
			continue;
		if (!mover_can_be(m, state & 1))
			continue;
		copies[n] = *m;
		set_movers(&copies[n], state);
		model_step(&copies[n], op, &ans->v[n]);
		n++;
	}
	ans->n = n;
	return n;
}

/*
 * Whether two copies made by model_variants() differ in more than the
 * state of the movers: if they gave the same answer, that answer would not
 * tell which state the kernel was in, nor which model to go on with.
 */
/* Clears what is left in the free entries of the model's tables. */
static void clear_free_entries(struct model *m)
{
	int i;

	for (i = 0; i < M_FILES; i++)
		if (!m->files[i].refs)
			memset(&m->files[i], 0, sizeof(m->files[i]));
	for (i = 0; i < M_INODES; i++)
		if (!m->inodes[i].used)
			memset(&m->inodes[i], 0, sizeof(m->inodes[i]));
	for (i = 0; i < M_NODES; i++)
		if (!m->nodes[i].used)
			memset(&m->nodes[i], 0, sizeof(m->nodes[i]));
}

bool model_variants_differ(const struct model *a, const struct model *b)
{
	static struct model x, y;

	x = *a;
	y = *b;
	set_movers(&x, 0);
	set_movers(&y, 0);
	clear_free_entries(&x);
	clear_free_entries(&y);
	return memcmp(&x, &y, sizeof(x)) != 0;
}
