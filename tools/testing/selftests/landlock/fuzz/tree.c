// SPDX-License-Identifier: GPL-2.0
/*
 * Landlock differential fuzzer, model: files, mounts and path lookup.
 *
 * What Linux 6.1's VFS does for the paths of a scenario: names in
 * directories (nodes) tied to inodes, hard links, symlinks (relative
 * targets only), mounts stacked on directories or files, and the lookup of
 * a path from the scenario's root or from a worker's O_PATH handle.
 *
 * Nothing here is about Landlock; policy.c is.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

#define MAX_SYMLINKS 40 /* the kernel's MAXSYMLINKS */

void tree_init(struct model *m)
{
	int root = new_inode(m, FT_DIR);

	m->nodes[0] =
		(struct m_node){ .used = true, .parent = -1, .ino = root };
	m->inodes[root].links = 1;
	m->mounts[0] = (struct m_mount){
		.used = true, .root = 0, .parent = -1, .mountpoint = -1
	};
}

static void full(const char *what)
{
	fprintf(stderr, "landlock-fuzz: the model has no room for more %s\n",
		what);
	exit(2);
}

int new_inode(struct model *m, enum ftype type)
{
	int i;

	for (i = 0; i < M_INODES; i++) {
		if (!m->inodes[i].used) {
			m->inodes[i] =
				(struct m_inode){ .used = true, .type = type };
			return i;
		}
	}
	full("inodes");
	return -1;
}

int new_node(struct model *m, int parent, const char *name, int ino)
{
	int i;

	for (i = 0; i < M_NODES; i++) {
		if (!m->nodes[i].used) {
			m->nodes[i] = (struct m_node){ .used = true,
						       .parent = parent,
						       .ino = ino };
			snprintf(m->nodes[i].name, FZ_NAME, "%s", name);
			m->inodes[ino].links++;
			return i;
		}
	}
	full("names");
	return -1;
}

/* Removes a name; the node stays for the files opened through it. */
void kill_node(struct model *m, int node)
{
	m->nodes[node].dead = true;
	m->inodes[m->nodes[node].ino].links--;
}

int child_of(const struct model *m, int dir, const char *name)
{
	int i;

	for (i = 0; i < M_NODES; i++) {
		const struct m_node *n = &m->nodes[i];

		if (n->used && !n->dead && n->parent == dir &&
		    !strcmp(n->name, name))
			return i;
	}
	return -1;
}

enum ftype node_type(const struct model *m, int node)
{
	return m->inodes[m->nodes[node].ino].type;
}

bool is_dir(const struct model *m, int node)
{
	return node_type(m, node) == FT_DIR;
}

/* Whether anc is node or one of its parents in the file system. */
bool is_ancestor(const struct model *m, int anc, int node)
{
	for (; node >= 0; node = m->nodes[node].parent)
		if (node == anc)
			return true;
	return false;
}

/*
 * Whether the way up from w (as Landlock walks it: through the mount
 * points, up to the root of the tree) goes through node.
 */
bool way_up_meets(const struct model *m, struct where w, int node)
{
	int steps;

	for (steps = 0; w.node >= 0 && steps < M_NODES + M_MOUNTS; steps++) {
		if (w.node == node)
			return true;
		if (w.node != m->mounts[w.mnt].root) {
			w.node = m->nodes[w.node].parent;
		} else if (m->mounts[w.mnt].parent >= 0) {
			w = (struct where){ m->mounts[w.mnt].parent,
					    m->mounts[w.mnt].mountpoint };
		} else {
			break;
		}
	}
	return false;
}

bool is_mountpoint(const struct model *m, int node)
{
	int i;

	for (i = 0; i < M_MOUNTS; i++)
		if (m->mounts[i].used && m->mounts[i].mountpoint == node)
			return true;
	return false;
}

/* Enters the mounts stacked on w, the way a lookup does. */
struct where cross_mounts(const struct model *m, struct where w)
{
	int i;

again:
	for (i = 0; i < M_MOUNTS; i++) {
		const struct m_mount *mnt = &m->mounts[i];

		if (mnt->used && mnt->parent == w.mnt &&
		    mnt->mountpoint == w.node) {
			w = (struct where){ i, mnt->root };
			goto again;
		}
	}
	return w;
}

static void walk(const struct model *m, struct where dir, const char *path,
		 int flags, int *links, struct lookup *res);

/* Follows the symlink at obj, found in dir; res gets the result. */
static void follow(const struct model *m, struct where dir, struct where obj,
		   int flags, int *links, struct lookup *res)
{
	if (++*links > MAX_SYMLINKS) {
		res->err = ELOOP;
		return;
	}
	walk(m, dir, m->inodes[m->nodes[obj.node].ino].target, flags, links,
	     res);
}

/*
 * Looks up path (relative, no "..") from dir.  On success, res->parent and
 * res->last name the last component and res->obj what it is (node -1: no
 * such name); res->err is an error met before the last component.
 */
static void walk(const struct model *m, struct where dir, const char *path,
		 int flags, int *links, struct lookup *res)
{
	char comp[FZ_PATH];
	const char *end;
	struct where w;
	int child;

	memset(res, 0, sizeof(*res));
	res->obj.node = -1;
	if (!is_dir(m, dir.node)) {
		res->err = ENOTDIR;
		return;
	}
	if (!strcmp(path, ".")) {
		res->parent = dir;
		res->obj = dir;
		return;
	}
	for (;;) {
		end = strchrnul(path, '/');
		snprintf(comp, sizeof(comp), "%.*s", (int)(end - path), path);
		if (!*end)
			break;
		path = end + 1;
		child = m->nodes[dir.node].dead ? -1 :
						  child_of(m, dir.node, comp);
		if (child < 0) {
			res->err = ENOENT;
			return;
		}
		w = cross_mounts(m, (struct where){ dir.mnt, child });
		if (node_type(m, w.node) == FT_SYM) {
			follow(m, dir, w, LOOKUP_FOLLOW, links, res);
			if (res->err)
				return;
			if (res->obj.node < 0) {
				res->err = ENOENT;
				return;
			}
			w = res->obj;
		}
		if (!is_dir(m, w.node)) {
			res->err = ENOTDIR;
			return;
		}
		dir = w;
	}
	res->parent = dir;
	res->obj.node = -1;
	snprintf(res->last, FZ_NAME, "%.*s", FZ_NAME - 1, comp);
	child = m->nodes[dir.node].dead ? -1 : child_of(m, dir.node, comp);
	if (child < 0)
		return;
	w = (struct where){ dir.mnt, child };
	if (!(flags & LOOKUP_NOCROSS))
		w = cross_mounts(m, w);
	res->obj = w;
	if ((flags & LOOKUP_FOLLOW) && node_type(m, w.node) == FT_SYM)
		follow(m, dir, w, flags, links, res);
}

/* Looks up a path of the scenario for a worker (or the controller). */
void resolve(const struct model *m, int actor, const char *path, int flags,
	     struct lookup *res)
{
	struct where start = { 0, 0 };
	int links = 0;

	if (path[0] == 'h' && path[2] == ':') {
		int h = path[1] - '0';
		int file = actor >= 0 && h < FZ_HANDLES ?
				   m->workers[actor].handle[h] :
				   -1;

		if (file < 0) {
			memset(res, 0, sizeof(*res));
			res->obj.node = -1;
			res->err = EBADF;
			return;
		}
		start = m->files[file].at;
		path += 3;
	}
	walk(m, start, path, flags, &links, res);
}

int new_mount(struct model *m, struct where at, int root)
{
	int i;

	for (i = 1; i < M_MOUNTS; i++) {
		if (!m->mounts[i].used) {
			m->mounts[i] =
				(struct m_mount){ .used = true,
						  .root = root,
						  .parent = at.mnt,
						  .mountpoint = at.node };
			return i;
		}
	}
	full("mounts");
	return -1;
}

/* Whether umount(2) (without MNT_DETACH) gets EBUSY. */
bool mount_busy(const struct model *m, int mnt)
{
	int i;

	if (mnt == 0)
		return true; /* the workers' root directory */
	for (i = 0; i < M_MOUNTS; i++)
		if (m->mounts[i].used && m->mounts[i].parent == mnt)
			return true;
	for (i = 0; i < M_FILES; i++)
		if (m->files[i].refs && m->files[i].at.mnt == mnt)
			return true;
	/* A bound socket holds the mount of its directory. */
	for (i = 0; i < m->path_socks; i++)
		if (m->path_sock_mnt[i] == mnt)
			return true;
	return false;
}

int new_file(struct model *m, struct where at, bool opath, bool read,
	     bool write)
{
	int i;

	for (i = 0; i < M_FILES; i++) {
		if (!m->files[i].refs) {
			m->files[i] =
				(struct m_file){ .refs = 1,
						 .at = at,
						 .ino = m->nodes[at.node].ino,
						 .opath = opath,
						 .read = read,
						 .write = write };
			return i;
		}
	}
	full("open files");
	return -1;
}

void put_file(struct model *m, int file)
{
	if (file >= 0)
		m->files[file].refs--;
}

bool has_reader(const struct model *m, int ino)
{
	int i;

	for (i = 0; i < M_FILES; i++)
		if (m->files[i].refs && m->files[i].ino == ino &&
		    m->files[i].read)
			return true;
	return false;
}

bool has_writer(const struct model *m, int ino)
{
	int i;

	for (i = 0; i < M_FILES; i++)
		if (m->files[i].refs && m->files[i].ino == ino &&
		    m->files[i].write)
			return true;
	return false;
}
