// SPDX-License-Identifier: GPL-2.0
/*
 * Landlock differential fuzzer, model: Landlock's decisions.
 *
 * Written from ../shared/spec/landlock-abi.md and landlock-abi-8-12.md:
 *
 * - A domain is a stack of layers; a handled right is denied unless, in
 *   every layer, a rule met on the way from the object up to the root
 *   grants it.  Unhandled rights are allowed, except REFER, which every
 *   layer denies unless one of its rules grants it.  A domain whose layers
 *   handle no file system right does not restrict the file system at all.
 * - The way up goes through the parents of the object, from a mount's root
 *   to where the mount is mounted, and so on.  Erratum 3: when it reaches
 *   the root of the file system without meeting the root of the mount (a
 *   directory moved out of a bind mount: "disconnected"), it goes on from
 *   the mount's root; the rights are the union of both ways.
 * - Link and rename across directories need REFER on both directories,
 *   MAKE_* on the destination, REMOVE_* on the source (rename), both ways
 *   for RENAME_EXCHANGE; the moved file must not gain any right it did not
 *   have (EXDEV); EACCES wins over EXDEV.  Erratum 4: whiteouts are made
 *   with MAKE_REG, RENAME_WHITEOUT also needs MAKE_REG on the source.
 * - Scopes: a domain may not reach (signal, abstract UNIX socket) a task or
 *   socket outside the domain of any of its layers that scopes it.
 * - Ptrace: a sandboxed tracer only traces tasks in its domain or nested
 *   domains.
 */

#include <errno.h>
#include <string.h>

#include "model.h"

uint64_t abi_fs_mask(int abi)
{
	if (abi >= 9)
		return (1ULL << 17) - 1;
	if (abi >= 5)
		return (1ULL << 16) - 1;
	if (abi >= 3)
		return (1ULL << 15) - 1;
	if (abi >= 2)
		return (1ULL << 14) - 1;
	return (1ULL << 13) - 1;
}

uint64_t abi_net_mask(int abi)
{
	if (abi >= 10)
		return 0xf;
	return abi >= 4 ? 0x3 : 0;
}

uint64_t abi_scope_mask(int abi)
{
	return abi >= 6 ? 0x3 : 0;
}

uint64_t abi_perm_mask(int abi)
{
	return abi >= 12 ? LL_PERM_NAMESPACE_USE | LL_PERM_CAPABILITY_USE : 0;
}

unsigned int abi_restrict_flags(int abi)
{
	if (abi >= 11)
		return 0xf | LL_RESTRICT_NO_NEW_PRIVS;
	if (abi >= 8)
		return 0xf;
	return abi >= 7 ? 0x7 : 0;
}

/* The layers of a domain, oldest first; returns how many. */
static int layers_of(const struct model *m, int dom,
		     const struct m_layer **layers)
{
	int n = dom < 0 ? 0 : m->domains[dom].depth;
	int i;

	for (i = n - 1; i >= 0; i--, dom = m->domains[dom].parent)
		layers[i] = &m->domains[dom].layer;
	return n;
}

/* Whether domain anc is dom or one of its parents. */
static bool domain_contains(const struct model *m, int anc, int dom)
{
	for (; dom >= 0; dom = m->domains[dom].parent)
		if (dom == anc)
			return true;
	return false;
}

bool dom_handles_fs(const struct model *m, int dom)
{
	for (; dom >= 0; dom = m->domains[dom].parent)
		if (m->domains[dom].layer.fs)
			return true;
	return false;
}

int policy_tags;

/* Adds, per layer, what the rules tied to an inode grant. */
static void grant_inode(const struct m_layer **layers, int n, int ino,
			uint64_t *granted)
{
	int i, r;

	for (i = 0; i < n; i++)
		for (r = 0; r < layers[i]->nfs; r++)
			if (layers[i]->fs_rules[r].ino == ino)
				granted[i] |= layers[i]->fs_rules[r].access;
}

/*
 * What each layer grants at w: the rules met from w up to the top.  The
 * directory a mount covers is hidden: its own rules do not apply.
 */
static void walk_grants(const struct model *m, const struct m_layer **layers,
			int n, struct where w, uint64_t *granted)
{
	int steps;

	memset(granted, 0, sizeof(*granted) * FZ_LAYERS);
	for (steps = 0; steps < M_NODES + M_MOUNTS; steps++) {
		grant_inode(layers, n, m->nodes[w.node].ino, granted);
		while (w.node == m->mounts[w.mnt].root) {
			const struct m_mount *mnt = &m->mounts[w.mnt];

			if (mnt->parent < 0)
				return;
			w = (struct where){ mnt->parent, mnt->mountpoint };
		}
		if (m->nodes[w.node].parent < 0) {
			/* Disconnected: on from the mount's root (erratum 3). */
			w.node = m->mounts[w.mnt].root;
			policy_tags |= TAG_ERRATUM3;
		} else {
			w.node = m->nodes[w.node].parent;
		}
	}
}

/* Whether every layer grants what it handles of access (REFER: always). */
static bool layers_allow(const struct m_layer **layers, int n,
			 const uint64_t *granted, uint64_t access)
{
	int i;

	for (i = 0; i < n; i++) {
		uint64_t need = access & (layers[i]->fs | LL_FS_REFER);

		if (need & ~granted[i])
			return false;
	}
	return true;
}

int fs_check(const struct model *m, int dom, struct where w, uint64_t access)
{
	const struct m_layer *layers[FZ_LAYERS];
	uint64_t granted[FZ_LAYERS];
	int n = layers_of(m, dom, layers);

	if (!dom_handles_fs(m, dom))
		return 0;
	walk_grants(m, layers, n, w, granted);
	return layers_allow(layers, n, granted, access) ? 0 : EACCES;
}

/* A file whose way up meets no rule (the root of an internal mount). */
int fs_check_no_rules(const struct model *m, int dom, uint64_t access)
{
	const struct m_layer *layers[FZ_LAYERS];
	uint64_t granted[FZ_LAYERS] = {};
	int n = layers_of(m, dom, layers);

	if (!dom_handles_fs(m, dom))
		return 0;
	return layers_allow(layers, n, granted, access) ? 0 : EACCES;
}

uint64_t make_right(enum ftype type)
{
	switch (type) {
	case FT_DIR:
		return LL_FS_MAKE_DIR;
	case FT_SYM:
		return LL_FS_MAKE_SYM;
	case FT_FIFO:
		return LL_FS_MAKE_FIFO;
	case FT_SOCK:
		return LL_FS_MAKE_SOCK;
	case FT_CHR:
	case FT_CHR_ZERO:
		return LL_FS_MAKE_CHAR;
	case FT_BLK:
		return LL_FS_MAKE_BLOCK;
	default:
		/* Regular files, and whiteouts (erratum 4). */
		return LL_FS_MAKE_REG;
	}
}

static uint64_t remove_right(enum ftype type)
{
	return type == FT_DIR ? LL_FS_REMOVE_DIR : LL_FS_REMOVE_FILE;
}

/*
 * Whether a file moved from src to dst gains a right in some layer: the
 * rights that matter are all of them for a directory, the file rights
 * otherwise; own are the rights its own rules give it.
 */
static bool gains(const struct m_layer **layers, int n, enum ftype type,
		  const uint64_t *own, const uint64_t *src, const uint64_t *dst)
{
	uint64_t relevant = type == FT_DIR ? ~0ULL : LL_FS_FILE;
	int i;

	for (i = 0; i < n; i++) {
		uint64_t handled = (layers[i]->fs | LL_FS_REFER) & relevant;

		if ((dst[i] | own[i]) & handled & ~(src[i] | own[i]))
			return true;
	}
	return false;
}

int refer_check(const struct model *m, int dom, const struct refer *r)
{
	const struct m_layer *layers[FZ_LAYERS];
	uint64_t src[FZ_LAYERS], dst[FZ_LAYERS], own_src[FZ_LAYERS] = {},
						 own_dst[FZ_LAYERS] = {};
	enum ftype src_type = m->inodes[r->src_ino].type;
	enum ftype dst_type = r->dst_ino < 0 ? FT_NONE :
					       m->inodes[r->dst_ino].type;
	uint64_t need_src = 0, need_dst = make_right(src_type);
	int n = layers_of(m, dom, layers);

	if (src_type == FT_WHITEOUT || dst_type == FT_WHITEOUT || r->whiteout)
		policy_tags |= TAG_ERRATUM4;
	if (!dom_handles_fs(m, dom))
		return 0;
	if (r->removable) {
		need_src |= remove_right(src_type);
		if (dst_type != FT_NONE)
			need_dst |= remove_right(dst_type);
	}
	if (r->exchange)
		need_src |= make_right(dst_type);
	if (r->whiteout)
		need_src |= LL_FS_MAKE_REG;
	if (r->src_dir.node == r->dst_dir.node)
		return fs_check(m, dom, r->src_dir, need_src | need_dst);

	walk_grants(m, layers, n, r->src_dir, src);
	walk_grants(m, layers, n, r->dst_dir, dst);
	if (!layers_allow(layers, n, src, need_src) ||
	    !layers_allow(layers, n, dst, need_dst))
		return EACCES;
	if (!layers_allow(layers, n, src, LL_FS_REFER) ||
	    !layers_allow(layers, n, dst, LL_FS_REFER))
		return EXDEV;
	grant_inode(layers, n, r->src_ino, own_src);
	if (gains(layers, n, src_type, own_src, src, dst))
		return EXDEV;
	if (r->exchange) {
		grant_inode(layers, n, r->dst_ino, own_dst);
		if (gains(layers, n, dst_type, own_dst, dst, src))
			return EXDEV;
	}
	return 0;
}

int net_check(const struct model *m, int dom, uint64_t right, int port)
{
	const struct m_layer *layers[FZ_LAYERS];
	int i, r, n = layers_of(m, dom, layers);

	for (i = 0; i < n; i++) {
		bool granted = false;

		if (!(layers[i]->net & right))
			continue;
		for (r = 0; r < layers[i]->nnet; r++)
			if (layers[i]->net_rules[r].port == port &&
			    (layers[i]->net_rules[r].access & right))
				granted = true;
		if (!granted)
			return EACCES;
	}
	return 0;
}

/*
 * Permissions (landlock-abi-8-12.md, 8): each layer that handles @perm
 * must allow every member of @members (namespace types or capabilities).
 */
bool perm_denied(const struct model *m, int dom, uint64_t perm,
		 uint64_t members)
{
	for (; dom >= 0; dom = m->domains[dom].parent) {
		const struct m_layer *l = &m->domains[dom].layer;
		uint64_t allowed = perm == LL_PERM_NAMESPACE_USE ? l->ns :
								   l->cap;

		if ((l->perm & perm) && (members & ~allowed))
			return true;
	}
	return false;
}

/*
 * RESOLVE_UNIX (landlock-abi-8-12.md, 5): each layer that handles it is
 * satisfied by a rule met from the socket file up, or by the socket's
 * domain being that layer's domain or nested under it.
 */
int resolve_unix_check(const struct model *m, int dom, struct where w,
		       int server)
{
	const struct m_layer *layers[FZ_LAYERS];
	uint64_t granted[FZ_LAYERS];
	int i, n = layers_of(m, dom, layers), anc[FZ_LAYERS];

	for (i = n - 1; i >= 0; i--, dom = m->domains[dom].parent)
		anc[i] = dom;
	walk_grants(m, layers, n, w, granted);
	for (i = 0; i < n; i++) {
		if (!(layers[i]->fs & LL_FS_RESOLVE_UNIX) ||
		    (granted[i] & LL_FS_RESOLVE_UNIX) ||
		    domain_contains(m, anc[i], server))
			continue;
		return EACCES;
	}
	return 0;
}

/*
 * Whether domain "from" may not reach an object of domain "to" for a scope:
 * some layer of "from" scopes it and "to" is outside that layer's domain.
 */
bool scope_denies(const struct model *m, int from, int to, uint64_t scope)
{
	for (; from >= 0; from = m->domains[from].parent)
		if ((m->domains[from].layer.scope & scope) &&
		    !domain_contains(m, from, to))
			return true;
	return false;
}

bool ptrace_denies(const struct model *m, int tracer, int tracee)
{
	return tracer >= 0 && !domain_contains(m, tracer, tracee);
}
