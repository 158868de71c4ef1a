/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Landlock differential fuzzer: what every part shares.
 *
 * A scenario is a list of items, one per line of its text form (see
 * scenario.c): declarations of layer templates, actions of the unsandboxed
 * controller (bind mounts, TCP listeners) and operations of workers (one
 * process each, sandboxed or not).  The model (model.c and the files it
 * uses) tells what each operation must return; the executor (exec.c) runs it
 * on the kernel; the runner (main.c) compares both.
 *
 * The Landlock constants are the facts of the ABI documents
 * (../shared/spec/), written here so that the fuzzer does not depend on the
 * version of <linux/landlock.h> it is built against.
 */

#ifndef _LANDLOCK_FUZZ_H
#define _LANDLOCK_FUZZ_H

#include <stdbool.h>
#include <stdint.h>

/* Limits of a scenario. */
#define FZ_PATH 96 /* a path, a symlink target */
#define FZ_NAME 16 /* a file name */
#define FZ_WORKERS 8 /* worker processes, w0 to w7 */
#define FZ_SLOTS 8 /* open files per worker, s0 to s7 */
#define FZ_HANDLES 6 /* O_PATH handles per worker, h0 to h5 */
#define FZ_TEMPLATES 16 /* layer templates, L0 to L15 */
#define FZ_RULES 12 /* rules per template */
#define FZ_LAYERS 16 /* Landlock's limit of stacked layers */
#define FZ_SOCKNAMES 4 /* abstract UNIX socket names, u0 to u3 */
#define FZ_PATH_SOCKS 64 /* pathname UNIX sockets of a scenario */
#define FZ_ITEMS 4096 /* items of a scenario */

/* Landlock ABI facts (landlock-abi.md, landlock-abi-8-12.md). */
#define LL_FS_EXECUTE (1ULL << 0)
#define LL_FS_WRITE_FILE (1ULL << 1)
#define LL_FS_READ_FILE (1ULL << 2)
#define LL_FS_READ_DIR (1ULL << 3)
#define LL_FS_REMOVE_DIR (1ULL << 4)
#define LL_FS_REMOVE_FILE (1ULL << 5)
#define LL_FS_MAKE_CHAR (1ULL << 6)
#define LL_FS_MAKE_DIR (1ULL << 7)
#define LL_FS_MAKE_REG (1ULL << 8)
#define LL_FS_MAKE_SOCK (1ULL << 9)
#define LL_FS_MAKE_FIFO (1ULL << 10)
#define LL_FS_MAKE_BLOCK (1ULL << 11)
#define LL_FS_MAKE_SYM (1ULL << 12)
#define LL_FS_REFER (1ULL << 13)
#define LL_FS_TRUNCATE (1ULL << 14)
#define LL_FS_IOCTL_DEV (1ULL << 15)
#define LL_FS_RESOLVE_UNIX (1ULL << 16)
/* Rights a rule on a non-directory may grant (RESOLVE_UNIX from ABI 9). */
#define LL_FS_FILE                                                             \
	(LL_FS_EXECUTE | LL_FS_WRITE_FILE | LL_FS_READ_FILE | LL_FS_TRUNCATE | \
	 LL_FS_IOCTL_DEV | LL_FS_RESOLVE_UNIX)

#define LL_NET_BIND_TCP (1ULL << 0)
#define LL_NET_CONNECT_TCP (1ULL << 1)
#define LL_NET_BIND_UDP (1ULL << 2)
#define LL_NET_CONNECT_SEND_UDP (1ULL << 3)

#define LL_SCOPE_ABSTRACT_UNIX (1ULL << 0)
#define LL_SCOPE_SIGNAL (1ULL << 1)

#define LL_PERM_NAMESPACE_USE (1ULL << 0)
#define LL_PERM_CAPABILITY_USE (1ULL << 1)

#define LL_RULE_PATH_BENEATH 1
#define LL_RULE_NET_PORT 2
#define LL_RULE_NAMESPACE 3
#define LL_RULE_CAPABILITY 4

/* Namespace types (CLONE_NEW*) and capabilities of the permission rules. */
#define NS_MNT 0x00020000ULL
#define NS_CGROUP 0x02000000ULL
#define NS_UTS 0x04000000ULL
#define NS_IPC 0x08000000ULL
#define NS_USER 0x10000000ULL
#define NS_PID 0x20000000ULL
#define NS_NET 0x40000000ULL
#define NS_TIME 0x00000080ULL
#define NS_ALL                                                              \
	(NS_MNT | NS_CGROUP | NS_UTS | NS_IPC | NS_USER | NS_PID | NS_NET | \
	 NS_TIME)
#define CAP_BIT(cap) (1ULL << (cap))
#define CAP_ALL (CAP_BIT(41) - 1) /* 0 to CAP_LAST_CAP (40) */
#define FZ_CAP_DAC_OVERRIDE 1
#define FZ_CAP_DAC_READ_SEARCH 2
#define FZ_CAP_NET_BIND_SERVICE 10
#define FZ_CAP_SYS_ADMIN 21
#define FZ_CAP_MKNOD 27
#define LL_CREATE_RULESET_VERSION (1U << 0)
#define LL_RESTRICT_LOG_SAME_EXEC_OFF (1U << 0)
#define LL_RESTRICT_LOG_NEW_EXEC_ON (1U << 1)
#define LL_RESTRICT_LOG_SUBDOMAINS_OFF (1U << 2)
#define LL_RESTRICT_TSYNC (1U << 3)
#define LL_RESTRICT_NO_NEW_PRIVS (1U << 4)

/* What each ABI level accepts, per mask (landlock-abi-8-12.md, 2.3). */
uint64_t abi_fs_mask(int abi);
uint64_t abi_net_mask(int abi);
uint64_t abi_scope_mask(int abi);
uint64_t abi_perm_mask(int abi);
unsigned int abi_restrict_flags(int abi);

/*
 * Operations.  Each has a line in the table of scenario.c (name, actor,
 * arguments), a model in model.c, an execution in exec.c and a generator
 * in gen.c.  A new kind of operation is a new entry in each.
 */
enum op_kind {
	/* Declarations (no actor). */
	OP_LAYER, /* layer L fs= net= scope= perm= */
	OP_RULE, /* rule L PATH fs= */
	OP_PORT, /* port L PORT net= */
	OP_NSRULE, /* nsrule L ns=: namespace types it allows */
	OP_CAPRULE, /* caprule L cap=: capabilities it allows */
	/* Controller actions (actor "c"), unsandboxed. */
	OP_BIND, /* c bind SRC DST: bind mount of a directory */
	OP_DEVBIND, /* c devbind DEV DST: a file of /dev on a new file */
	OP_EXEBIND, /* c exebind DST: the fuzzer itself, read-only */
	OP_UMOUNT, /* c umount PATH */
	OP_LISTEN, /* c listen PORT FAMILY: a TCP listener */
	OP_MOVER, /* c mover DIR PARENT: a thread moves DIR to and fro */
	OP_TOGGLE, /* c toggle SRC DST: a thread mounts and unmounts */
	/* Worker operations (actor "wN"). */
	OP_OPEN, /* open SLOT PATH FLAGS */
	OP_CLOSE, /* close SLOT */
	OP_HOLD, /* hold HANDLE PATH: O_PATH */
	OP_DROP, /* drop HANDLE */
	OP_MKDIR, /* mkdir PATH */
	OP_MKNOD, /* mknod PATH TYPE */
	OP_SYMLINK, /* symlink PATH TARGET */
	OP_UNLINK, /* unlink PATH */
	OP_RMDIR, /* rmdir PATH */
	OP_LINK, /* link OLD NEW */
	OP_RENAME, /* rename OLD NEW FLAGS */
	OP_TRUNCATE, /* truncate PATH */
	OP_FTRUNCATE, /* ftruncate SLOT */
	OP_IOCTL, /* ioctl SLOT CMD */
	OP_EXEC, /* exec PATH: the worker executes itself again */
	OP_FORK, /* fork WORKER */
	OP_EXIT, /* exit */
	OP_RESTRICT, /* restrict L FLAGS */
	OP_TCP_BIND, /* tcp-bind PORT FAMILY */
	OP_TCP_CONNECT, /* tcp-connect PORT FAMILY */
	OP_UDP_BIND, /* udp-bind PORT FAMILY */
	OP_KILL, /* kill WORKER SIGNAL (w- is the controller) */
	OP_TKILL, /* tkill SIGNAL: to a thread of the same process */
	OP_PTRACE, /* ptrace WORKER: attach and detach */
	OP_UNIX_LISTEN, /* unix-listen NAME TYPE: abstract socket */
	OP_UNIX_CONNECT, /* unix-connect NAME TYPE */
	OP_MOUNT, /* mount SRC DST: bind mount by a worker */
	OP_WUMOUNT, /* wumount PATH: unmount by a worker */
	OP_REOPEN, /* reopen KIND FLAGS: a file of an internal mount */
	OP_SIGIO, /* sigio WORKER: SIGIO through F_SETOWN, to a worker */
	OP_SIGPENDING, /* sigpending: whether SIGIO came (then it is gone) */
	OP_PASS, /* pass SLOT WORKER: the open file, to the same slot there */
	OP_ADOPT, /* adopt SLOT: the receiving side of pass (executor only) */
	OP_UDP_CONNECT, /* udp-connect PORT FAMILY: a new, unbound socket */
	OP_UDP_SEND, /* udp-send PORT FAMILY: sendto, a new, unbound socket */
	OP_PATH_LISTEN, /* path-listen PATH TYPE: bind a pathname socket */
	OP_PATH_CONNECT, /* path-connect PATH TYPE: connect, or send to it */
	OP_UNSHARE, /* unshare TYPES: in a child, CLONE_NEW* flags (no time) */
	OP_COUNT
};

/* Who does an operation. */
#define ACTOR_DECL (-2)
#define ACTOR_CTL (-1)
#define NO_WORKER (-1) /* "w-": the controller, as a target */

struct op {
	int kind;
	int actor; /* worker index, ACTOR_CTL or ACTOR_DECL */
	int slot; /* sN */
	int handle; /* hN */
	int peer; /* wN: a target worker, or the new one */
	int layer; /* Ln: a layer template */
	int num; /* port, socket name */
	uint64_t flags; /* op-specific, see the vocabularies */
	uint64_t fs, net, scope, perm; /* rights of a declaration */
	uint64_t ns, cap; /* what a permission rule allows */
	char path[FZ_PATH];
	char path2[FZ_PATH]; /* second path, symlink target */
};

/* Open flags of OP_OPEN (ours, mapped to O_* by the executor). */
enum {
	OF_WRONLY = 1 << 0,
	OF_RDWR = 1 << 1,
	OF_TRUNC = 1 << 2,
	OF_CREAT = 1 << 3,
	OF_EXCL = 1 << 4,
	OF_DIRECTORY = 1 << 5,
	OF_NOFOLLOW = 1 << 6,
};

#define OF_ACCMODE (OF_WRONLY | OF_RDWR) /* both: O_ACCMODE (3) */

/* Rename flags of OP_RENAME. */
enum { RF_NOREPLACE = 1, RF_EXCHANGE = 2, RF_WHITEOUT = 4 };

/* File types (OP_MKNOD, and the model's inodes). */
enum ftype {
	FT_NONE,
	FT_DIR,
	FT_REG,
	FT_SYM,
	FT_FIFO,
	FT_SOCK,
	FT_CHR, /* mknod: 1:3, like /dev/null */
	FT_CHR_ZERO, /* mknod: 1:5, like /dev/zero */
	FT_WHITEOUT, /* character device 0:0 */
	FT_BLK, /* 7:250, no such loop device */
	FT_COUNT
};

/* ioctl commands of OP_IOCTL. */
enum {
	IOC_FIOCLEX,
	IOC_FIONCLEX,
	IOC_FIONBIO,
	IOC_FIOASYNC,
	IOC_FIOQSIZE,
	IOC_FIGETBSZ,
	IOC_FIONREAD,
	IOC_TCGETS,
	IOC_COUNT
};

/* Signals of OP_KILL and OP_TKILL. */
enum { SIG_NONE, SIG_URG, SIG_WINCH, SIG_CHLD, SIG_COUNT };

/* Address families of the TCP/UDP operations. */
enum { FAM_INET, FAM_INET6 };

/* Types of UNIX sockets (abstract and pathname). */
enum { UT_STREAM, UT_DGRAM };

/*
 * Files of internal mounts, for OP_REOPEN: a pipe and a memfd opened again
 * through /proc/self/fd, /proc/self/ns/net, a POSIX message queue.
 */
enum { RK_PIPE, RK_MEMFD, RK_NSFS, RK_MQUEUE, RK_COUNT };

/* Devices of OP_DEVBIND. */
enum { DEV_NULL, DEV_ZERO };

/*
 * The result of an operation: an errno (0 for success), and what else the
 * model predicts and the kernel reports.  FZ_SKIP: not run (a worker that
 * does not exist).
 */
#define FZ_SKIP (-1)

/* What the model notes about an outcome (for the reports, not compared). */
#define TAG_ERRATUM3 (1 << 0) /* a path went through a disconnected dir */
#define TAG_ERRATUM4 (1 << 1) /* a whiteout was made, linked or moved */
#define TAG_FIOQSIZE (1 << 2) /* FIOQSIZE on a device (issue 11, item 6) */
#define TAG_INTERNAL (1 << 3) /* a file of an internal mount (issue 11) */

struct outcome {
	int err;
	int tags;
	int created; /* OP_OPEN with O_CREAT: a file was created */
	int pending; /* OP_SIGPENDING: a SIGIO is pending */
	signed char rule_err[FZ_RULES]; /* OP_RESTRICT: add_rule errnos */
	int create_err; /* OP_RESTRICT: create_ruleset errno */
};

/* The errno of a system call the kernel lacks (CONFIG_POSIX_MQUEUE). */
#define NO_SYSCALL 38 /* ENOSYS */

/* Up to this many answers are acceptable (concurrency mode). */
#define FZ_ANSWERS 4

struct answers {
	int n;
	struct outcome v[FZ_ANSWERS];
};

/* A scenario: its items, and what it runs on. */
struct scenario {
	uint64_t seed;
	char fs[16]; /* file system type of the tree */
	bool concurrent; /* movers run during the operations */
	/*
	 * The last item is one that the generator must never make in
	 * concurrency mode (see dry_variants()): "--dry --replay" checks that
	 * the model finds it ambiguous.
	 */
	bool ambiguous;
	int n;
	struct op items[FZ_ITEMS];
};

/* The environment the scenario runs in (decided by the runner). */
struct env {
	int abi; /* Landlock ABI of the running kernel */
	bool root; /* real root, else uid 65534 in a user namespace */
	bool nodev; /* the tree's mount ignores device files */
	bool mqueue; /* the kernel has POSIX message queues */
	char fs[16];
};

/* scenario.c: the text form. */
const char *op_name(int kind);
int parse_item(const char *line, struct op *op);
void format_item(const struct op *op, char *buf, int size);
int scenario_load(const char *file, struct scenario *sc);
int scenario_save(const char *file, const struct scenario *sc,
		  const char *comment);
void format_outcome(const struct op *op, const struct outcome *o, char *buf,
		    int size);
bool outcome_equal(const struct op *op, const struct outcome *a,
		   const struct outcome *b);

/* Layer templates, built from the declarations in scenario order. */
struct rule_tmpl {
	int kind; /* OP_RULE, OP_PORT, OP_NSRULE or OP_CAPRULE */
	char path[FZ_PATH];
	uint64_t access;
	int number; /* port */
};

struct layer_tmpl {
	bool declared;
	uint64_t fs, net, scope, perm;
	int n;
	struct rule_tmpl rules[FZ_RULES];
};

void tmpl_apply(struct layer_tmpl *tmpls, const struct op *decl);
uint64_t rule_access_of(const struct op *rule);
void rule_decl(const struct rule_tmpl *r, int layer, struct op *rule);

/* A small deterministic PRNG (splitmix64), for seeds that replay. */
struct rng {
	uint64_t s;
};

uint64_t rng_next(struct rng *r);
unsigned int rng_below(struct rng *r, unsigned int n);
bool rng_chance(struct rng *r, unsigned int percent);

#endif /* _LANDLOCK_FUZZ_H */
