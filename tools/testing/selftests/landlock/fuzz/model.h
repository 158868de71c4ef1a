/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Landlock differential fuzzer: the reference model's state.
 *
 * The model is a plain structure, copied as a whole when the concurrency
 * mode needs to evaluate an operation in several states.  Three files use
 * it: tree.c (files, mounts, path lookup: what the VFS of Linux 6.1 does),
 * policy.c (Landlock: domains, rights met on a path, REFER, scopes) and
 * model.c (what each operation returns, and its effects).
 */

#ifndef _LANDLOCK_FUZZ_MODEL_H
#define _LANDLOCK_FUZZ_MODEL_H

#include "fuzz.h"

#define M_NODES 512
#define M_INODES 512
#define M_MOUNTS 24
#define M_FILES 160
#define M_DOMAINS 160
#define M_LISTENERS 16

/* An inode: rules of layers are tied to these. */
struct m_inode {
	bool used;
	enum ftype type;
	bool external; /* not of the tree: /dev/null, the fuzzer */
	bool exe; /* the fuzzer's executable (read-only mount) */
	bool mode0; /* mode 000: a whiteout left by RENAME_WHITEOUT */
	int links; /* names left */
	int sock; /* a socket bound to it (path-listen): UT_* + 1, else 0 */
	int sock_domain; /* the domain of the process that made that socket */
	char target[FZ_PATH]; /* symlink */
};

/* A name in a directory (a dentry).  Dead names stay, for open files. */
struct m_node {
	bool used, dead;
	int parent; /* node, -1 for the root of a file system */
	int ino;
	char name[FZ_NAME];
};

/* A mount: its root node, and where it is mounted (-1: top). */
struct m_mount {
	bool used;
	int root;
	int parent;
	int mountpoint;
};

/* A path: a mount and a node of it. */
struct where {
	int mnt;
	int node;
};

/* An open file description, shared by the slots of forked workers. */
struct m_file {
	int refs;
	struct where at;
	int ino;
	bool opath, read, write;
	bool trunc_ok, ioctl_ok; /* Landlock's decisions at open time */
};

struct m_layer {
	uint64_t fs, net, scope, perm;
	uint64_t ns, cap; /* allowed by the permission rules */
	int nfs, nnet;
	struct {
		int ino;
		uint64_t access;
	} fs_rules[FZ_RULES];
	struct {
		int port;
		uint64_t access;
	} net_rules[FZ_RULES];
};

/* A domain: a layer stacked on its parent domain (-1: none). */
struct m_domain {
	int parent;
	int depth;
	struct m_layer layer;
};

struct m_worker {
	bool alive;
	int domain; /* -1: not sandboxed */
	int slot[FZ_SLOTS]; /* m_file, or -1 */
	bool cloexec[FZ_SLOTS];
	int handle[FZ_HANDLES]; /* m_file (O_PATH), or -1 */
	bool sigio; /* a SIGIO is pending */
};

/*
 * Concurrency mode: a directory moving between two parents, a mount
 * coming and going.  The model evaluates each operation in every state.
 */
struct m_mover {
	bool on;
	int node;
	int parents[2];
};

struct m_toggle {
	bool on;
	int mount;
};

struct model {
	struct env env;
	struct layer_tmpl tmpl[FZ_TEMPLATES];
	struct m_inode inodes[M_INODES];
	struct m_node nodes[M_NODES];
	struct m_mount mounts[M_MOUNTS];
	struct m_file files[M_FILES];
	struct m_domain domains[M_DOMAINS];
	int ndomains;
	struct m_worker workers[FZ_WORKERS];
	struct {
		bool used;
		int domain;
	} unix_socks[FZ_SOCKNAMES][2];
	struct {
		int port, family;
	} listeners[M_LISTENERS];
	int nlisteners;
	int path_socks; /* bound by path-listen (the controller keeps them) */
	int path_sock_mnt[FZ_PATH_SOCKS]; /* the mount each one holds */
	bool mqueue_made;
	struct m_mover mover;
	struct m_toggle toggle;
};

/* tree.c */
#define LOOKUP_FOLLOW 1 /* follow a trailing symlink */
#define LOOKUP_NOCROSS 2 /* do not enter a mount at the last name */

struct lookup {
	int err; /* an error before the last name */
	struct where parent; /* the directory of the last name */
	char last[FZ_NAME]; /* "" for "." */
	struct where obj; /* node -1: no such name */
};

void tree_init(struct model *m);
int new_inode(struct model *m, enum ftype type);
int new_node(struct model *m, int parent, const char *name, int ino);
void kill_node(struct model *m, int node);
int child_of(const struct model *m, int dir, const char *name);
bool is_dir(const struct model *m, int node);
enum ftype node_type(const struct model *m, int node);
bool is_ancestor(const struct model *m, int anc, int node);
bool way_up_meets(const struct model *m, struct where w, int node);
bool is_mountpoint(const struct model *m, int node);
struct where cross_mounts(const struct model *m, struct where w);
void resolve(const struct model *m, int actor, const char *path, int flags,
	     struct lookup *res);
int new_mount(struct model *m, struct where at, int root);
bool mount_busy(const struct model *m, int mnt);
int new_file(struct model *m, struct where at, bool opath, bool read,
	     bool write);
void put_file(struct model *m, int file);
bool has_reader(const struct model *m, int ino);
bool has_writer(const struct model *m, int ino);

/* policy.c */
extern int policy_tags; /* TAG_* of the last decisions */
bool dom_handles_fs(const struct model *m, int dom);
int fs_check(const struct model *m, int dom, struct where w, uint64_t access);
int fs_check_no_rules(const struct model *m, int dom, uint64_t access);

struct refer {
	struct where src_dir, dst_dir;
	int src_ino, dst_ino; /* dst_ino -1: no target */
	bool removable; /* rename, not link */
	bool exchange, whiteout;
};

int refer_check(const struct model *m, int dom, const struct refer *r);
int net_check(const struct model *m, int dom, uint64_t right, int port);
bool perm_denied(const struct model *m, int dom, uint64_t perm,
		 uint64_t members);
int resolve_unix_check(const struct model *m, int dom, struct where w,
		       int server);
bool scope_denies(const struct model *m, int from, int to, uint64_t scope);
bool ptrace_denies(const struct model *m, int tracer, int tracee);
uint64_t make_right(enum ftype type);

/* model.c */
void model_init(struct model *m, const struct env *env);
void model_step(struct model *m, const struct op *op, struct outcome *out);
bool model_variants_differ(const struct model *a, const struct model *b);
int model_variants(const struct model *m, const struct op *op,
		   struct model *copies, struct answers *ans);

#endif /* _LANDLOCK_FUZZ_MODEL_H */
