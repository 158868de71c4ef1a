// SPDX-License-Identifier: GPL-2.0
/*
 * Landlock differential fuzzer: the generator of random scenarios.
 *
 * A scenario is generated in phases, each item from the state of the model
 * (which names exist, which workers live), so that most operations make
 * sense and some do not:
 *
 *  tree      w0, not sandboxed, makes directories and files of every type
 *  targets   directories m0..m2, on which bind mounts go
 *  mounts    bind mounts, /dev/null and /dev/zero on new files, the fuzzer
 *            itself on a file (read-only), TCP listeners of the controller
 *  disconnect  a directory held (h4 of w0) through a bind mount, then moved
 *            out of the mount's source: a disconnected directory
 *  movers    (concurrency mode) a directory "mv" that a thread moves between
 *            two parents (w0 holds it as h5), a mount a thread toggles
 *  layers    templates of layers: handled rights, rules on paths and ports
 *  ops       random operations of random workers, restrictions among them
 *
 * The same seed gives the same scenario, on the same model.
 */

#include <stdio.h>
#include <string.h>

#include "gen.h"

#define MOVER_HANDLE (FZ_HANDLES - 1)
#define DISCONNECTED_HANDLE (FZ_HANDLES - 2)

static const char *const names[] = { "a", "b", "c", "d", "e", "f", "g", "h" };

uint64_t rng_next(struct rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

unsigned int rng_below(struct rng *r, unsigned int n)
{
	return n ? rng_next(r) % n : 0;
}

bool rng_chance(struct rng *r, unsigned int percent)
{
	return rng_below(r, 100) < percent;
}

/* A random subset of mask (each bit with one chance in two). */
static uint64_t subset(struct gen *g, uint64_t mask)
{
	return mask & rng_next(&g->rng);
}

static struct op *push(struct gen *g, int kind, int actor)
{
	struct op *op = &g->queue[g->queue_n++];

	memset(op, 0, sizeof(*op));
	op->kind = kind;
	op->actor = actor;
	op->slot = -1;
	op->handle = -1;
	op->peer = -1;
	return op;
}

/* ---- paths ---- */

/*
 * What random walks do not enter: in concurrency mode, the moving directory
 * (reached through its handle only) and the mount that comes and goes
 * (opened read-only, by toggled_path()).
 */
static bool reserved(const struct model *m, int node)
{
	return (m->mover.on && node == m->mover.node) ||
	       (m->toggle.on && node == m->mounts[m->toggle.mount].mountpoint);
}

/* What a path should lead to. */
enum target { WANT_ANY, WANT_DIR, WANT_FILE };

static bool wanted(const struct model *m, int node, enum target want)
{
	if (want == WANT_ANY)
		return true;
	return is_dir(m, node) == (want == WANT_DIR);
}

/* A random live name in dir, of the type wanted, or -1. */
static int random_child(struct gen *g, const struct model *m, int dir,
			enum target want)
{
	int found[M_NODES], n = 0, i;

	for (i = 0; i < M_NODES; i++) {
		const struct m_node *node = &m->nodes[i];

		if (!node->used || node->dead || node->parent != dir)
			continue;
		if (!wanted(m, i, want) || reserved(m, i))
			continue;
		found[n++] = i;
	}
	return n ? found[rng_below(&g->rng, n)] : -1;
}

static void append(char *path, const char *name)
{
	size_t len = strlen(path);

	bool slash = len && path[len - 1] != ':';

	if (len + strlen(name) + 2 >= FZ_PATH)
		return;
	snprintf(path + len, FZ_PATH - len, "%s%s", slash ? "/" : "", name);
}

/*
 * A random walk from the root (or from a handle of the actor) down the
 * tree; stops at a directory if dirs.  Reserved names (mount targets, the
 * moving directory) are not entered.
 */
/*
 * A random walk from w down the tree, appended to path: 0 to 3 names, or
 * 1 to 4 when a file is wanted (then the last name is a file if the last
 * directory has one).
 */
static struct where walk_from(struct gen *g, const struct model *m,
			      struct where w, enum target want, char *path)
{
	int depth = rng_below(&g->rng, 4) + (want == WANT_FILE), child;

	while (depth-- > 0) {
		child = -1;
		if (!depth && want != WANT_ANY)
			child = random_child(g, m, w.node, want);
		if (child < 0)
			child = random_child(g, m, w.node,
					     depth ? WANT_DIR : WANT_ANY);
		if (child < 0)
			break;
		append(path, m->nodes[child].name);
		w = cross_mounts(m, (struct where){ w.mnt, child });
		if (node_type(m, w.node) != FT_DIR)
			break;
	}
	if (!path[0] || path[strlen(path) - 1] == ':')
		strcat(path, ".");
	return w;
}

static struct where random_walk(struct gen *g, const struct model *m, int actor,
				enum target want, char *path)
{
	struct where w = { 0, 0 };

	path[0] = '\0';
	if (actor >= 0 && rng_chance(&g->rng, m->mover.on ? 40 : 25)) {
		/*
		 * Often through the disconnected directory, or the moving
		 * one of the concurrency mode.
		 */
		int h = rng_chance(&g->rng, 50) ?
				(m->mover.on ? MOVER_HANDLE :
					       DISCONNECTED_HANDLE) :
				(int)rng_below(&g->rng, FZ_HANDLES);
		int file = m->workers[actor].handle[h];

		if (file >= 0 && is_dir(m, m->files[file].at.node)) {
			snprintf(path, FZ_PATH, "h%d:", h);
			w = m->files[file].at;
		}
	}
	return walk_from(g, m, w, want, path);
}

/* An existing path (sometimes not). */
static void some_path(struct gen *g, const struct model *m, int actor,
		      enum target want, char *path)
{
	struct where w = random_walk(g, m, actor, want, path);

	if (rng_chance(&g->rng, 85) && w.node != 0)
		return;
	if (!strcmp(path + strlen(path) - 1, "."))
		path[strlen(path) - 1] = '\0';
	append(path, names[rng_below(&g->rng, 8)]);
}

/*
 * A name to create in a random directory (sometimes an existing one);
 * returns the directory.
 */
static struct where new_path(struct gen *g, const struct model *m, int actor,
			     char *path)
{
	struct where dir = random_walk(g, m, actor, WANT_DIR, path);

	if (!strcmp(path + strlen(path) - 1, "."))
		path[strlen(path) - 1] = '\0';
	append(path, names[rng_below(&g->rng, 8)]);
	return dir;
}

/* A symlink: a new name, and a target relative to its directory. */
static void new_symlink(struct gen *g, const struct model *m, struct op *op)
{
	struct where dir = new_path(g, m, op->actor, op->path);

	op->path2[0] = '\0';
	walk_from(g, m, dir, WANT_ANY, op->path2);
	if (rng_chance(&g->rng, 20)) {
		if (!strcmp(op->path2, "."))
			op->path2[0] = '\0';
		append(op->path2, names[rng_below(&g->rng, 8)]);
	}
}

/* The path from the root to a node, if no mount hides it. */
static bool node_path(const struct model *m, int node, char *path)
{
	int chain[32], n = 0;

	path[0] = '\0';
	for (; node > 0 && n < 32; node = m->nodes[node].parent) {
		if (m->nodes[node].dead || node < 0)
			return false;
		chain[n++] = node;
	}
	if (node != 0)
		return false;
	while (n--) {
		if (is_mountpoint(m, chain[n]) && n)
			return false;
		append(path, m->nodes[chain[n]].name);
	}
	if (!path[0])
		strcpy(path, ".");
	return true;
}

/* A node by name (the first live one), or -1. */
static int find_name(const struct model *m, const char *name)
{
	int i;

	for (i = 0; i < M_NODES; i++)
		if (m->nodes[i].used && !m->nodes[i].dead &&
		    !strcmp(m->nodes[i].name, name))
			return i;
	return -1;
}

/*
 * Where to reach a pathname socket: mostly the path of a bound one (and of
 * its type), else any file.
 */
static void socket_path(struct gen *g, const struct model *m, struct op *op)
{
	int nodes[M_NODES], n = 0, i;

	for (i = 0; i < M_NODES; i++)
		if (m->nodes[i].used && !m->nodes[i].dead &&
		    m->inodes[m->nodes[i].ino].sock)
			nodes[n++] = i;
	op->flags = rng_below(&g->rng, 2);
	if (n && rng_chance(&g->rng, 75)) {
		i = nodes[rng_below(&g->rng, n)];
		if (node_path(m, i, op->path)) {
			if (rng_chance(&g->rng, 85))
				op->flags = m->inodes[m->nodes[i].ino].sock - 1;
			return;
		}
	}
	some_path(g, m, op->actor, WANT_FILE, op->path);
}

/* A directory in which to put a reserved name: not itself reserved. */
static void plain_dir(struct gen *g, const struct model *m, char *path)
{
	random_walk(g, m, -1, WANT_DIR, path);
}

/* ---- phases ---- */

static void gen_tree(struct gen *g, const struct model *m)
{
	static const int types[] = { FT_REG, FT_REG,	  FT_FIFO, FT_SOCK,
				     FT_CHR, FT_WHITEOUT, FT_BLK };
	unsigned int r = rng_below(&g->rng, 100);
	struct op *op;

	if (r < 50) {
		op = push(g, OP_MKDIR, 0);
		new_path(g, m, 0, op->path);
	} else if (r < 80) {
		op = push(g, OP_MKNOD, 0);
		new_path(g, m, 0, op->path);
		op->flags = types[rng_below(&g->rng, g->env.root ? 7 : 4)];
		if ((g->avoid & TAG_ERRATUM4) && op->flags == FT_WHITEOUT)
			op->flags = FT_REG;
	} else if (r < 92) {
		op = push(g, OP_SYMLINK, 0);
		new_symlink(g, m, op);
	} else {
		op = push(g, OP_LINK, 0);
		some_path(g, m, 0, WANT_FILE, op->path);
		new_path(g, m, 0, op->path2);
	}
}

static void gen_targets(struct gen *g, const struct model *m)
{
	struct op *op = push(g, OP_MKDIR, 0);
	char name[8];

	plain_dir(g, m, op->path);
	if (!strcmp(op->path, "."))
		op->path[0] = '\0';
	snprintf(name, sizeof(name), "m%d", g->left);
	append(op->path, name);
}

static void gen_mounts(struct gen *g, const struct model *m)
{
	static const char *const external_names[] = { "dn", "dz", "x" };
	char name[8];
	struct op *op;
	int i, node;

	for (i = 0; i < 3; i++) {
		snprintf(name, sizeof(name), "m%d", i);
		node = find_name(m, name);
		if (node < 0 || rng_chance(&g->rng, 30))
			continue;
		op = push(g, OP_BIND, ACTOR_CTL);
		random_walk(g, m, -1, WANT_DIR, op->path);
		if (!node_path(m, node, op->path2))
			g->queue_n--;
	}
	for (i = 0; i < 3; i++) {
		if (rng_chance(&g->rng, 25))
			continue;
		op = push(g, i == 2 ? OP_EXEBIND : OP_DEVBIND, ACTOR_CTL);
		op->flags = i;
		plain_dir(g, m, op->path);
		if (!strcmp(op->path, "."))
			op->path[0] = '\0';
		append(op->path, external_names[i]);
	}
	for (i = 0; i < 3; i++) {
		op = push(g, OP_LISTEN, ACTOR_CTL);
		op->num = g->ports[rng_below(&g->rng, 4)];
		op->flags = rng_below(&g->rng, 2);
	}
}

/* A bind mount of a directory of the tree, or -1. */
static int tree_bind_mount(struct gen *g, const struct model *m)
{
	int found[M_MOUNTS], n = 0, i;

	for (i = 1; i < M_MOUNTS; i++)
		if (m->mounts[i].used && is_dir(m, m->mounts[i].root) &&
		    !m->inodes[m->nodes[m->mounts[i].root].ino].external)
			found[n++] = i;
	return n ? found[rng_below(&g->rng, n)] : -1;
}

/*
 * A directory held through a bind mount (h4 of w0), then moved out of the
 * mount's source, in the file system: the handle is now disconnected.
 */
static void gen_disconnect(struct gen *g, const struct model *m)
{
	char src[FZ_PATH], mnt[FZ_PATH], dst[FZ_PATH], name[8];
	int k = tree_bind_mount(g, m);
	struct lookup l;
	struct op *op;

	if (k < 0 || !node_path(m, m->mounts[k].root, src) ||
	    !node_path(m, m->mounts[k].mountpoint, mnt))
		return;
	random_walk(g, m, -1, WANT_DIR, dst);
	resolve(m, -1, dst, LOOKUP_FOLLOW, &l);
	if (l.err || l.obj.node < 0 || l.obj.mnt ||
	    is_ancestor(m, m->mounts[k].root, l.obj.node))
		return;
	snprintf(name, sizeof(name), "x%d", (int)rng_below(&g->rng, 10));
	op = push(g, OP_MKDIR, 0);
	snprintf(op->path, FZ_PATH, "%s", strcmp(src, ".") ? src : "");
	append(op->path, name);
	op = push(g, OP_HOLD, 0);
	op->handle = DISCONNECTED_HANDLE;
	snprintf(op->path, FZ_PATH, "%s", mnt);
	append(op->path, name);
	op = push(g, OP_RENAME, 0);
	snprintf(op->path, FZ_PATH, "%s", g->queue[0].path);
	snprintf(op->path2, FZ_PATH, "%s", strcmp(dst, ".") ? dst : "");
	append(op->path2, name);
}

/* Concurrency mode: a directory that moves, a mount that comes and goes. */
static void gen_movers(struct gen *g, const struct model *m)
{
	char parent[FZ_PATH], other[FZ_PATH];
	struct op *op;
	int node;

	plain_dir(g, m, parent);
	do
		plain_dir(g, m, other);
	while (!strcmp(other, parent) && rng_chance(&g->rng, 90));
	if (!strcmp(parent, "."))
		parent[0] = '\0';
	op = push(g, OP_MKDIR, 0);
	snprintf(op->path, FZ_PATH, "%s", parent);
	append(op->path, "mv");
	op = push(g, OP_HOLD, 0);
	op->handle = MOVER_HANDLE;
	snprintf(op->path, FZ_PATH, "%s", g->queue[0].path);
	op = push(g, OP_MOVER, ACTOR_CTL);
	snprintf(op->path, FZ_PATH, "%s", g->queue[0].path);
	snprintf(op->path2, FZ_PATH, "%s", other);
	node = find_name(m, "m0");
	if (node < 0 || is_mountpoint(m, node))
		return;
	op = push(g, OP_TOGGLE, ACTOR_CTL);
	random_walk(g, m, -1, WANT_DIR, op->path);
	if (!node_path(m, node, op->path2))
		g->queue_n--;
}

static uint64_t handled(struct gen *g, uint64_t mask)
{
	unsigned int r = rng_below(&g->rng, 100);

	if (r < 30)
		return mask;
	if (r < 70)
		return subset(g, mask);
	if (r < 85)
		return subset(g, subset(g, mask));
	return 0;
}

/* Rights for a rule: mostly a subset of what the layer handles. */
static uint64_t rule_access(struct gen *g, uint64_t handled_mask,
			    uint64_t valid)
{
	uint64_t access = rng_chance(&g->rng, 30) ? handled_mask :
						    subset(g, handled_mask);

	if (rng_chance(&g->rng, 5))
		access |= 1ULL << rng_below(&g->rng, 17);
	return access & (valid | (rng_chance(&g->rng, 5) ? ~0ULL : 0));
}

/*
 * Concurrency mode: a path to one of the parents of the moving directory,
 * or to the source of the mount that comes and goes (sometimes).
 *
 * Not a path to the directory on which that mount comes and goes, nor
 * below it: the file that such a path names, and so the file a rule is
 * tied to, depends on whether the mount is there when the worker adds the
 * rule.  The answer of landlock_add_rule() is the same either way, so the
 * model could not tell which file the kernel took, and went on from one
 * of the states (the first): a rule on another file than the kernel's.
 */
static bool mover_rule(struct gen *g, const struct model *m, char *path)
{
	int node;

	if (!m->mover.on || !rng_chance(&g->rng, 40))
		return false;
	if (m->toggle.on && rng_chance(&g->rng, 30))
		node = m->mounts[m->toggle.mount].root;
	else
		node = m->mover.parents[rng_below(&g->rng, 2)];
	if (m->toggle.on &&
	    is_ancestor(m, m->mounts[m->toggle.mount].mountpoint, node))
		return false;
	return node_path(m, node, path);
}

/* Namespace types that unshare(2) makes here (no time namespaces). */
#define NS_GEN \
	(NS_MNT | NS_CGROUP | NS_UTS | NS_IPC | NS_USER | NS_PID | NS_NET)

/* Capabilities that the workers' operations test, and others. */
#define CAP_GEN                                                         \
	(CAP_BIT(FZ_CAP_NET_BIND_SERVICE) | CAP_BIT(FZ_CAP_SYS_ADMIN) | \
	 CAP_BIT(FZ_CAP_MKNOD) | CAP_BIT(FZ_CAP_DAC_OVERRIDE) |         \
	 CAP_BIT(FZ_CAP_DAC_READ_SEARCH) | CAP_BIT(0) | CAP_BIT(5))

/* A namespace or capability rule, sometimes empty or with unknown bits. */
static void gen_perm_rule(struct gen *g, int layer)
{
	const bool ns = rng_chance(&g->rng, 50);
	struct op *r = push(g, ns ? OP_NSRULE : OP_CAPRULE, ACTOR_DECL);
	uint64_t *allowed = ns ? &r->ns : &r->cap;

	r->layer = layer;
	*allowed = subset(g, ns ? NS_GEN | NS_TIME : CAP_GEN);
	if (rng_chance(&g->rng, 5))
		*allowed |= ns ? 1ULL << 62 : 1ULL << 63;
}

static void gen_layer(struct gen *g, const struct model *m, int layer)
{
	int abi = g->env.abi, i, rules = rng_below(&g->rng, 9);
	struct op *decl = push(g, OP_LAYER, ACTOR_DECL);
	struct lookup l;

	decl->layer = layer;
	decl->fs = handled(g, abi_fs_mask(abi));
	decl->net = rng_chance(&g->rng, 40) ? handled(g, abi_net_mask(abi)) : 0;
	decl->scope =
		rng_chance(&g->rng, 40) ? handled(g, abi_scope_mask(abi)) : 0;
	decl->perm = rng_chance(&g->rng, 30) ? handled(g, abi_perm_mask(abi)) :
					       0;
	if (!decl->fs && !decl->net && !decl->scope && !decl->perm &&
	    rng_chance(&g->rng, 90))
		decl->fs = abi_fs_mask(abi);
	for (i = 0; i < rules && g->queue_n < 30; i++) {
		struct op *r;

		if (decl->perm && rng_chance(&g->rng, 30)) {
			gen_perm_rule(g, layer);
			continue;
		}

		if (decl->net && rng_chance(&g->rng, 25)) {
			r = push(g, OP_PORT, ACTOR_DECL);
			r->layer = layer;
			r->num = g->ports[rng_below(&g->rng, 6)];
			r->net = rule_access(g, decl->net, abi_net_mask(abi));
			continue;
		}
		r = push(g, OP_RULE, ACTOR_DECL);
		r->layer = layer;
		/* Concurrency mode: rules where the moving parts go. */
		if (!mover_rule(g, m, r->path))
			random_walk(g, m, m->workers[0].alive ? 0 : -1,
				    WANT_ANY, r->path);
		resolve(m, 0, r->path, LOOKUP_FOLLOW, &l);
		r->fs = rule_access(g, decl->fs,
				    l.obj.node >= 0 && !is_dir(m, l.obj.node) ?
					    LL_FS_FILE & abi_fs_mask(abi) :
					    abi_fs_mask(abi));
	}
}

/* ---- operations ---- */

/* A slot or handle, mostly a used one. */
static int pick(struct gen *g, const int *table, int n)
{
	int used[FZ_SLOTS + FZ_HANDLES], k = 0, i;

	for (i = 0; i < n; i++)
		if (table[i] >= 0)
			used[k++] = i;
	if (k && rng_chance(&g->rng, 80))
		return used[rng_below(&g->rng, k)];
	return rng_below(&g->rng, n);
}

static int random_worker(struct gen *g, const struct model *m, bool alive)
{
	int ids[FZ_WORKERS], n = 0, i;

	for (i = 0; i < FZ_WORKERS; i++)
		if (m->workers[i].alive == alive)
			ids[n++] = i;
	return n ? ids[rng_below(&g->rng, n)] : -1;
}

static int alive_workers(const struct model *m)
{
	int i, n = 0;

	for (i = 0; i < FZ_WORKERS; i++)
		n += m->workers[i].alive;
	return n;
}

/* Whether a path leads to the fuzzer's executable (never written). */
static bool leads_to_exe(const struct model *m, int actor, const char *path)
{
	struct lookup l;

	resolve(m, actor, path, LOOKUP_FOLLOW, &l);
	return !l.err && l.obj.node >= 0 &&
	       m->inodes[m->nodes[l.obj.node].ino].exe;
}

/* Whether the concurrency mode forbids changing what a path names. */
static bool pinned(const struct model *m, int actor, const char *path)
{
	struct lookup l;
	int node;

	if (!m->mover.on && !m->toggle.on)
		return false;
	resolve(m, actor, path, LOOKUP_NOCROSS, &l);
	node = l.obj.node;
	if (l.err || node < 0)
		return false;
	return (m->mover.on &&
		(node == m->mover.node || node == m->mover.parents[0] ||
		 node == m->mover.parents[1])) ||
	       is_mountpoint(m, node) || reserved(m, node) ||
	       (m->toggle.on && node == m->mounts[m->toggle.mount].root);
}

/*
 * Concurrency mode: a path through the mount that comes and goes, opened
 * and closed at once; what is found differs, nothing changes.
 */
static void toggled_path(struct gen *g, const struct model *m, struct op *op)
{
	const struct m_mount *mnt = &m->mounts[m->toggle.mount];
	char rest[FZ_PATH] = "";

	if (!node_path(m, mnt->mountpoint, op->path)) {
		some_path(g, m, op->actor, WANT_ANY, op->path);
		return;
	}
	walk_from(g, m, (struct where){ m->toggle.mount, mnt->root }, WANT_ANY,
		  rest);
	if (strcmp(rest, "."))
		append(op->path, rest);
	op->slot = -1;
}

/*
 * Concurrency mode: whether a path leads to the moving directory or into
 * it, a mount inside it included.  The way up from such a file goes through
 * one parent or the other, so the rights that an open file keeps (TRUNCATE,
 * IOCTL_DEV) depend on where the directory was at the open, while the
 * answer of the open may be the same: the model could not tell which
 * rights the kernel gave.
 */
static bool under_mover(const struct model *m, int actor, const char *path)
{
	struct lookup l;

	if (!m->mover.on)
		return false;
	resolve(m, actor, path, LOOKUP_FOLLOW, &l);
	return !l.err && way_up_meets(m, l.obj.node >= 0 ? l.obj : l.parent,
				      m->mover.node);
}

static void gen_open(struct gen *g, const struct model *m, struct op *op)
{
	static const uint64_t acc[] = { 0,	   0,	      0,       0,
					OF_WRONLY, OF_WRONLY, OF_RDWR, OF_RDWR,
					OF_RDWR,   OF_ACCMODE };
	uint64_t f = acc[rng_below(&g->rng, 10)];

	op->slot = rng_chance(&g->rng, 15) ? -1 :
					     (int)rng_below(&g->rng, FZ_SLOTS);
	f |= rng_chance(&g->rng, 20) ? OF_TRUNC : 0;
	if (rng_chance(&g->rng, 25))
		f |= OF_CREAT | (rng_chance(&g->rng, 30) ? OF_EXCL : 0);
	f |= rng_chance(&g->rng, 10) ? OF_DIRECTORY : 0;
	f |= rng_chance(&g->rng, 10) ? OF_NOFOLLOW : 0;
	if (f & OF_CREAT) {
		new_path(g, m, op->actor, op->path);
	} else if (m->toggle.on && rng_chance(&g->rng, 30)) {
		toggled_path(g, m, op);
		f &= ~OF_TRUNC;
	} else {
		some_path(g, m, op->actor,
			  rng_chance(&g->rng, 70) ? WANT_FILE : WANT_ANY,
			  op->path);
	}
	if (leads_to_exe(m, op->actor, op->path))
		f &= ~(OF_ACCMODE | OF_TRUNC);
	/* Opened and closed at once, like the files of the toggled mount. */
	if (under_mover(m, op->actor, op->path))
		op->slot = -1;
	op->flags = f;
}

static void gen_rename(struct gen *g, const struct model *m, struct op *op)
{
	static const uint64_t flags[] = { 0,	       0,
					  0,	       0,
					  0,	       RF_NOREPLACE,
					  RF_EXCHANGE, RF_EXCHANGE,
					  RF_WHITEOUT, RF_WHITEOUT };

	some_path(g, m, op->actor, WANT_ANY, op->path);
	if (rng_chance(&g->rng, 50))
		some_path(g, m, op->actor, WANT_ANY, op->path2);
	else
		new_path(g, m, op->actor, op->path2);
	op->flags = flags[rng_below(&g->rng, 10)];
	if (rng_chance(&g->rng, 3))
		op->flags = rng_below(&g->rng, 8);
	if (g->avoid & TAG_ERRATUM4)
		op->flags &= ~RF_WHITEOUT;
}

static void gen_mount_target(struct gen *g, const struct model *m, char *path)
{
	char name[8];
	int node;

	snprintf(name, sizeof(name), "m%d", rng_below(&g->rng, 3));
	node = find_name(m, name);
	if (node < 0 || !node_path(m, node, path))
		some_path(g, m, -1, WANT_DIR, path);
}

/* One random operation; returns false to pick again. */
static bool gen_op(struct gen *g, const struct model *m, int actor)
{
	static const int make_ops[] = { OP_MKDIR, OP_MKNOD, OP_SYMLINK };
	static const int net_ops[] = { OP_TCP_BIND, OP_TCP_CONNECT,
				       OP_UDP_BIND };
	static const int task_ops[] = { OP_KILL, OP_TKILL, OP_PTRACE };
	unsigned int r = rng_below(&g->rng, 141);
	struct op *op = push(g, OP_COUNT, actor);
	bool conc = g->concurrent;
	int i;

	if (r < 30) {
		op->kind = OP_OPEN;
		gen_open(g, m, op);
	} else if (r < 33) {
		op->kind = OP_CLOSE;
		op->slot = pick(g, m->workers[actor].slot, FZ_SLOTS);
	} else if (r < 37) {
		/* h4 and h5 are the disconnected and the moving directory. */
		op->kind = OP_HOLD;
		op->handle = rng_below(&g->rng, DISCONNECTED_HANDLE);
		some_path(g, m, actor, WANT_DIR, op->path);
	} else if (r < 38) {
		op->kind = OP_DROP;
		op->handle =
			pick(g, m->workers[actor].handle, DISCONNECTED_HANDLE);
	} else if (r < 50) {
		op->kind = make_ops[r % 3];
		op->flags = rng_below(&g->rng, FT_COUNT);
		if ((g->avoid & TAG_ERRATUM4) && op->flags == FT_WHITEOUT)
			op->flags = FT_REG;
		if (op->kind == OP_SYMLINK)
			new_symlink(g, m, op);
		else
			new_path(g, m, actor, op->path);
	} else if (r < 58) {
		op->kind = r < 54 ? OP_UNLINK : OP_RMDIR;
		some_path(g, m, actor,
			  op->kind == OP_UNLINK ? WANT_FILE : WANT_DIR,
			  op->path);
	} else if (r < 63) {
		op->kind = OP_LINK;
		some_path(g, m, actor, WANT_FILE, op->path);
		new_path(g, m, actor, op->path2);
	} else if (r < 77) {
		op->kind = OP_RENAME;
		gen_rename(g, m, op);
	} else if (r < 81) {
		op->kind = OP_TRUNCATE;
		some_path(g, m, actor, WANT_FILE, op->path);
	} else if (r < 89) {
		op->kind = r < 84 ? OP_FTRUNCATE : OP_IOCTL;
		op->slot = pick(g, m->workers[actor].slot, FZ_SLOTS);
		op->flags = rng_below(&g->rng, IOC_COUNT);
		if (op->flags == IOC_FIOQSIZE && (g->avoid & TAG_FIOQSIZE))
			op->flags = IOC_FIOCLEX;
	} else if (r < 90) {
		op->kind = OP_EXEC;
		if (!rng_chance(&g->rng, 50) ||
		    !node_path(m, find_name(m, "x"), op->path))
			some_path(g, m, actor, WANT_FILE, op->path);
	} else if (r < 93) {
		/* Forks are slow under UML: fewer of them. */
		op->kind = OP_FORK;
		op->peer = random_worker(g, m, false);
		if (op->peer < 0 || rng_chance(&g->rng, 50))
			goto again;
	} else if (r < 94) {
		op->kind = OP_EXIT;
		if (alive_workers(m) < 2)
			goto again;
	} else if (r < 99) {
		op->kind = OP_RESTRICT;
		op->layer = rng_below(&g->rng, g->templates);
		if (rng_chance(&g->rng, 15))
			op->flags = rng_below(&g->rng, 16);
		/* Sometimes a burst, towards the limit of 16 layers. */
		for (i = rng_chance(&g->rng, 10) ? rng_below(&g->rng, 8) : 0;
		     i > 0 && g->queue_n < 30; i--)
			*push(g, OP_RESTRICT, actor) = *op;
	} else if (r < 109) {
		op->kind = net_ops[r % 3];
		op->num = g->ports[rng_below(&g->rng, 6)];
		op->flags = rng_below(&g->rng, 2);
	} else if (r < 113) {
		op->kind = r < 112 ? OP_SIGIO : OP_SIGPENDING;
		op->peer = random_worker(g, m, true);
	} else if (r < 116) {
		op->kind = task_ops[r % 3];
		op->flags = rng_below(&g->rng, SIG_COUNT);
		op->peer = rng_chance(&g->rng, 15) && op->kind == OP_KILL ?
				   -1 :
				   random_worker(g, m, true);
		if (op->kind == OP_PTRACE && op->peer == actor)
			goto again;
	} else if (r < 123) {
		op->kind = r < 119 ? OP_UNIX_LISTEN : OP_UNIX_CONNECT;
		op->num = rng_below(&g->rng, FZ_SOCKNAMES);
		op->flags = rng_below(&g->rng, 2);
	} else if (r < 125) {
		op->kind = OP_REOPEN;
		op->num = rng_below(&g->rng, RK_COUNT);
		op->flags = rng_below(&g->rng, 4);
		if (op->num == RK_MQUEUE &&
		    (!g->env.mqueue || (g->avoid & TAG_INTERNAL)))
			goto again;
	} else if (r < 126) {
		if (conc)
			goto again;
		op->kind = OP_MOUNT;
		random_walk(g, m, actor, WANT_DIR, op->path);
		gen_mount_target(g, m, op->path2);
	} else if (r < 127) {
		if (conc)
			goto again;
		op->kind = OP_WUMOUNT;
		gen_mount_target(g, m, op->path);
	} else if (r < 129) {
		op->kind = OP_PASS;
		op->slot = pick(g, m->workers[actor].slot, FZ_SLOTS);
		op->peer = random_worker(g, m, true);
	} else if (r < 131) {
		op->kind = r < 130 ? OP_UDP_CONNECT : OP_UDP_SEND;
		op->num = g->ports[rng_below(&g->rng, 6)];
		op->flags = rng_below(&g->rng, 2);
	} else if (r < 133) {
		op->kind = OP_PATH_LISTEN;
		op->flags = rng_below(&g->rng, 2);
		new_path(g, m, actor, op->path);
	} else if (r < 135) {
		op->kind = OP_PATH_CONNECT;
		socket_path(g, m, op);
	} else if (r < 137) {
		op->kind = OP_UNSHARE;
		op->flags = subset(g, NS_GEN) |
			    (rng_chance(&g->rng, 50) ? NS_USER : 0);
	} else {
		/* A new template, or another version of one. */
		int layer = rng_below(&g->rng, g->templates + 1);

		g->queue_n--;
		if (layer >= FZ_TEMPLATES)
			return false;
		gen_layer(g, m, layer);
		if (layer == g->templates)
			g->templates++;
		return true;
	}
	if (conc && op->kind != OP_OPEN &&
	    (pinned(m, actor, op->path) || pinned(m, actor, op->path2)))
		goto again;
	return true;
again:
	g->queue_n--;
	return false;
}

/* Workers act in runs of operations (which the executor batches). */
static void gen_ops(struct gen *g, const struct model *m)
{
	int actor = g->actor;

	for (;;) {
		if (actor < 0 || !m->workers[actor].alive ||
		    rng_chance(&g->rng, 12))
			actor = random_worker(g, m, true);
		if (actor < 0 || gen_op(g, m, actor))
			break;
	}
	g->actor = actor;
}

enum phase {
	PH_TREE,
	PH_TARGETS,
	PH_MOUNTS,
	PH_DISCONNECT,
	PH_MOVERS,
	PH_LAYERS,
	PH_OPS,
	PH_DONE
};

/* How many times each phase runs. */
static int phase_length(struct gen *g, int phase)
{
	switch (phase) {
	case PH_TREE:
		return 10 + rng_below(&g->rng, 20);
	case PH_TARGETS:
		return 3;
	case PH_MOUNTS:
		return 1;
	case PH_DISCONNECT:
		return rng_chance(&g->rng, 70);
	case PH_MOVERS:
		return g->concurrent;
	case PH_LAYERS:
		return g->templates;
	case PH_OPS:
		return g->ops;
	}
	return 0;
}

void gen_init(struct gen *g, uint64_t seed, const struct env *env,
	      bool concurrent, int ops)
{
	int base, i;

	memset(g, 0, sizeof(*g));
	g->rng.s = seed;
	g->env = *env;
	g->concurrent = concurrent;
	g->ops = ops;
	g->phase = -1;
	g->actor = -1;
	g->templates = 1 + rng_below(&g->rng, 6);
	/* Below the ephemeral ports (32768-60999), which connect(2) takes. */
	base = 20000 + rng_below(&g->rng, 12000);
	for (i = 0; i < 4; i++)
		g->ports[i] = base + i;
	g->ports[4] = 0;
	g->ports[5] = env->root ? 1000 + (int)rng_below(&g->rng, 20) : base + 4;
}

bool gen_next(struct gen *g, const struct model *m, struct op *op)
{
	while (g->queue_i >= g->queue_n) {
		g->queue_i = 0;
		g->queue_n = 0;
		while (g->left <= 0) {
			if (++g->phase >= PH_DONE)
				return false;
			g->left = phase_length(g, g->phase);
		}
		g->left--;
		switch (g->phase) {
		case PH_TREE:
			gen_tree(g, m);
			break;
		case PH_TARGETS:
			gen_targets(g, m);
			break;
		case PH_MOUNTS:
			gen_mounts(g, m);
			break;
		case PH_DISCONNECT:
			gen_disconnect(g, m);
			break;
		case PH_MOVERS:
			gen_movers(g, m);
			break;
		case PH_LAYERS:
			gen_layer(g, m, g->left);
			break;
		case PH_OPS:
			gen_ops(g, m);
			break;
		}
	}
	*op = g->queue[g->queue_i++];
	return true;
}
