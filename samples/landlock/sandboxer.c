// SPDX-License-Identifier: GPL-2.0
/*
 * sandboxer - run a command inside a Landlock sandbox
 *
 * The sandbox is described with environment variables:
 *
 *   LL_FS_RO        colon-separated paths that may be read and executed
 *   LL_FS_RW        colon-separated paths that may be read, written and
 *                   modified in any way, including connecting to the UNIX
 *                   sockets there (ABI 9+)
 *   LL_TCP_BIND     colon-separated TCP ports that may be bound (ABI 4+,
 *                   when built with a header that knows them)
 *   LL_TCP_CONNECT  colon-separated TCP ports that may be connected to
 *                   (ABI 4+)
 *   LL_UDP_BIND     colon-separated UDP ports that may be bound (ABI 10+);
 *                   port 0 also allows the implicit bind of a socket
 *                   that sends or connects without binding first
 *   LL_UDP_CONNECT  colon-separated UDP ports that may be connected or sent
 *                   to (ABI 10+)
 *   LL_FS_QUIET     colon-separated paths beneath which denied filesystem
 *                   accesses are not logged (ABI 10+)
 *   LL_SCOPED       letters naming what the sandbox may not reach outside
 *                   of itself (ABI 6+): "a" abstract UNIX sockets, "s"
 *                   signals
 *   LL_LOG          "0" not to log the command's denials through audit
 *                   (ABI 7+; logged by default, when audit is enabled)
 *   LL_NS           colon-separated namespace types that may be created and
 *                   joined (ABI 12+): mnt, cgroup, uts, ipc, user, pid, net,
 *                   time
 *   LL_CAPS         colon-separated capability numbers (see
 *                   <linux/capability.h>) that may be used (ABI 12+)
 *
 * Every filesystem access right known both to this program and to the
 * running kernel is restricted: what LL_FS_RO and LL_FS_RW do not allow is
 * denied.  TCP and UDP ports, namespaces and capabilities are restricted
 * only when their variable is set (possibly empty: nothing allowed).  With
 * ABI 8 and later, the sandbox covers every thread of this program, not
 * only the one that enforces it (LANDLOCK_RESTRICT_SELF_TSYNC).
 *
 * The program is best-effort: it asks the kernel for its Landlock ABI
 * version and only uses the rights that this version provides.  On a kernel
 * without Landlock it warns and runs the command without a sandbox.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/landlock.h>
#include <linux/prctl.h>
#include <linux/sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

/* Unified numbers (all architectures but alpha), for an older libc. */
#ifndef __NR_landlock_create_ruleset
#define __NR_landlock_create_ruleset 444
#endif
#ifndef __NR_landlock_add_rule
#define __NR_landlock_add_rule 445
#endif
#ifndef __NR_landlock_restrict_self
#define __NR_landlock_restrict_self 446
#endif

#define ENV_FS_RO "LL_FS_RO"
#define ENV_FS_RW "LL_FS_RW"
#define ENV_TCP_BIND "LL_TCP_BIND"
#define ENV_TCP_CONNECT "LL_TCP_CONNECT"
#define ENV_UDP_BIND "LL_UDP_BIND"
#define ENV_UDP_CONNECT "LL_UDP_CONNECT"
#define ENV_FS_QUIET "LL_FS_QUIET"
#define ENV_SCOPED "LL_SCOPED"
#define ENV_LOG "LL_LOG"
#define ENV_NS "LL_NS"
#define ENV_CAPS "LL_CAPS"

#define ENV_SEPARATOR ":"

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

static const char *prog = "sandboxer";

static int ll_create_ruleset(const struct landlock_ruleset_attr *attr,
			     size_t size, __u32 flags)
{
	return syscall(__NR_landlock_create_ruleset, attr, size, flags);
}

static int ll_add_rule(int ruleset_fd, enum landlock_rule_type type,
		       const void *attr, __u32 flags)
{
	return syscall(__NR_landlock_add_rule, ruleset_fd, type, attr, flags);
}

static int ll_restrict_self(int ruleset_fd, __u32 flags)
{
	return syscall(__NR_landlock_restrict_self, ruleset_fd, flags);
}

/*
 * Rights that Landlock knows, grouped by the ABI version that introduced
 * them.  A right newer than the running kernel is left out of the ruleset
 * (the kernel would reject it), and a right unknown to the header this
 * program is built with cannot be named at all: each later group is only
 * compiled in when the header defines it.
 *
 * To support a new ABI version, add one entry at the end.
 */
struct ll_abi_rights {
	int abi;
	/* Filesystem rights that also apply to a single non-directory file. */
	__u64 fs_file;
	/* Filesystem rights that only make sense on a directory. */
	__u64 fs_dir;
	/* Network rights. */
	__u64 net;
	/* Scopes. */
	__u64 scoped;
	/* Permissions. */
	__u64 perms;
};

static const struct ll_abi_rights abi_rights[] = {
	{
		.abi = 1,
		.fs_file = LANDLOCK_ACCESS_FS_EXECUTE |
			   LANDLOCK_ACCESS_FS_WRITE_FILE |
			   LANDLOCK_ACCESS_FS_READ_FILE,
		.fs_dir = LANDLOCK_ACCESS_FS_READ_DIR |
			  LANDLOCK_ACCESS_FS_REMOVE_DIR |
			  LANDLOCK_ACCESS_FS_REMOVE_FILE |
			  LANDLOCK_ACCESS_FS_MAKE_CHAR |
			  LANDLOCK_ACCESS_FS_MAKE_DIR |
			  LANDLOCK_ACCESS_FS_MAKE_REG |
			  LANDLOCK_ACCESS_FS_MAKE_SOCK |
			  LANDLOCK_ACCESS_FS_MAKE_FIFO |
			  LANDLOCK_ACCESS_FS_MAKE_BLOCK |
			  LANDLOCK_ACCESS_FS_MAKE_SYM,
	},
#ifdef LANDLOCK_ACCESS_FS_REFER
	{
		.abi = 2,
		.fs_dir = LANDLOCK_ACCESS_FS_REFER,
	},
#endif
#ifdef LANDLOCK_ACCESS_FS_TRUNCATE
	{
		.abi = 3,
		.fs_file = LANDLOCK_ACCESS_FS_TRUNCATE,
	},
#endif
#ifdef LANDLOCK_ACCESS_NET_BIND_TCP
	{
		.abi = 4,
		.net = LANDLOCK_ACCESS_NET_BIND_TCP |
		       LANDLOCK_ACCESS_NET_CONNECT_TCP,
	},
#endif
#ifdef LANDLOCK_ACCESS_FS_IOCTL_DEV
	{
		.abi = 5,
		.fs_file = LANDLOCK_ACCESS_FS_IOCTL_DEV,
	},
#endif
#ifdef LANDLOCK_SCOPE_SIGNAL
	{
		.abi = 6,
		.scoped = LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET |
			  LANDLOCK_SCOPE_SIGNAL,
	},
#endif
#ifdef LANDLOCK_RESTRICT_SELF_LOG_NEW_EXEC_ON
	{
		/* No new right: audit records and their flags. */
		.abi = 7,
	},
#endif
#ifdef LANDLOCK_RESTRICT_SELF_TSYNC
	{
		/* No new right: restricting every thread. */
		.abi = 8,
	},
#endif
#ifdef LANDLOCK_ACCESS_FS_RESOLVE_UNIX
	{
		.abi = 9,
		.fs_file = LANDLOCK_ACCESS_FS_RESOLVE_UNIX,
	},
#endif
#ifdef LANDLOCK_ACCESS_NET_BIND_UDP
	{
		/* Also the quiet masks and rules. */
		.abi = 10,
		.net = LANDLOCK_ACCESS_NET_BIND_UDP |
		       LANDLOCK_ACCESS_NET_CONNECT_SEND_UDP,
	},
#endif
#ifdef LANDLOCK_RESTRICT_SELF_NO_NEW_PRIVS
	{
		/* No new right: no_new_privs set by landlock_restrict_self(). */
		.abi = 11,
	},
#endif
#ifdef LANDLOCK_PERMISSION_NAMESPACE_USE
	{
		.abi = 12,
		.perms = LANDLOCK_PERMISSION_NAMESPACE_USE |
			 LANDLOCK_PERMISSION_CAPABILITY_USE,
	},
#endif
};

/*
 * Network rights, each restricted only when its variable (a list of the
 * ports it is allowed on) is set.
 */
static const struct {
	const char *env;
	__u64 right;
} net_vars[] = {
#ifdef LANDLOCK_ACCESS_NET_BIND_TCP
	{ ENV_TCP_BIND, LANDLOCK_ACCESS_NET_BIND_TCP },
	{ ENV_TCP_CONNECT, LANDLOCK_ACCESS_NET_CONNECT_TCP },
#endif
#ifdef LANDLOCK_ACCESS_NET_BIND_UDP
	{ ENV_UDP_BIND, LANDLOCK_ACCESS_NET_BIND_UDP },
	{ ENV_UDP_CONNECT, LANDLOCK_ACCESS_NET_CONNECT_SEND_UDP },
#endif
};

/*
 * Rights granted by LL_FS_RO (further limited to the handled rights).
 * Connecting to a pathname UNIX socket (RESOLVE_UNIX) is not one of them:
 * it sends data to the socket's server, and the kernel itself asks for
 * write permission on the socket file.  Only LL_FS_RW grants it, on the
 * socket files beneath its paths (and on its socket files themselves); a
 * socket that the command creates may always be reached from the sandbox.
 */
#define ACCESS_FS_READ_ONLY                                          \
	(LANDLOCK_ACCESS_FS_EXECUTE | LANDLOCK_ACCESS_FS_READ_FILE | \
	 LANDLOCK_ACCESS_FS_READ_DIR)

/* What the sandbox restricts, for the ABI version in use. */
struct sandbox_rights {
	__u64 fs_all;
	__u64 fs_file;
	__u64 net;
	__u64 scoped;
	__u64 perms;
};

static void usage(void)
{
	fprintf(stderr,
		"Usage: %s=<paths> %s=<paths> %s <command> [args...]\n"
		"\n"
		"Runs <command> in a Landlock sandbox.  <paths> is a list of\n"
		"files or directories separated with '%s' (possibly empty).\n"
		"\n"
		"  %-15s paths that may be read and executed\n"
		"  %-15s paths that may also be written and modified\n"
		"  %-15s (and their UNIX sockets connected to, ABI 9+)\n",
		ENV_FS_RO, ENV_FS_RW, prog, ENV_SEPARATOR, ENV_FS_RO, ENV_FS_RW,
		"");
#ifdef LANDLOCK_ACCESS_NET_BIND_TCP
	fprintf(stderr,
		"\n"
		"Optional (Landlock ABI 4 and later), each a list of ports:\n"
		"  %-15s TCP ports that may be bound\n"
		"  %-15s TCP ports that may be connected to\n"
		"An unset variable leaves that kind of access unrestricted.\n",
		ENV_TCP_BIND, ENV_TCP_CONNECT);
#endif
#ifdef LANDLOCK_ACCESS_NET_BIND_UDP
	fprintf(stderr,
		"\n"
		"Optional (Landlock ABI 10 and later):\n"
		"  %-15s UDP ports that may be bound (0: implicitly too)\n"
		"  %-15s UDP ports that may be connected or sent to\n"
		"  %-15s paths beneath which denials are not logged\n",
		ENV_UDP_BIND, ENV_UDP_CONNECT, ENV_FS_QUIET);
#endif
#ifdef LANDLOCK_SCOPE_SIGNAL
	fprintf(stderr,
		"\n"
		"Optional (Landlock ABI 6 and later):\n"
		"  %-15s what may not be reached outside of the sandbox:\n"
		"  %-15s \"a\" abstract UNIX sockets, \"s\" signals\n",
		ENV_SCOPED, "");
#endif
#ifdef LANDLOCK_RESTRICT_SELF_LOG_NEW_EXEC_ON
	fprintf(stderr,
		"\n"
		"Optional (Landlock ABI 7 and later):\n"
		"  %-15s \"0\" not to log the command's denials (audit)\n",
		ENV_LOG);
#endif
#ifdef LANDLOCK_PERMISSION_NAMESPACE_USE
	fprintf(stderr,
		"\n"
		"Optional (Landlock ABI 12 and later), each a list (possibly\n"
		"empty) of what may be used; an unset variable leaves it\n"
		"unrestricted:\n"
		"  %-15s namespace types: mnt cgroup uts ipc user pid net time\n"
		"  %-15s capability numbers (e.g. 10 for CAP_NET_BIND_SERVICE)\n",
		ENV_NS, ENV_CAPS);
#endif
	fprintf(stderr,
		"\n"
		"Example:\n"
		"  %s=/usr:/bin:/lib:/etc %s=/tmp %s /bin/sh -i\n",
		ENV_FS_RO, ENV_FS_RW, prog);
}

typedef int (*env_item_fn)(const char *name, const char *item, void *data);

/*
 * Calls @fn on each non-empty element of the list held by the environment
 * variable @name.  Stops at, and returns, the first non-zero value of @fn.
 */
static int walk_env_list(const char *name, env_item_fn fn, void *data)
{
	const char *value = getenv(name);
	char *copy, *cursor, *item;
	int ret = 0;

	if (!value)
		return 0;
	copy = strdup(value);
	if (!copy) {
		fprintf(stderr, "%s: out of memory\n", prog);
		return -1;
	}
	cursor = copy;
	while ((item = strsep(&cursor, ENV_SEPARATOR))) {
		if (!*item)
			continue;
		ret = fn(name, item, data);
		if (ret)
			break;
	}
	free(copy);
	return ret;
}

struct fs_rule_ctx {
	int ruleset_fd;
	__u64 access;
	__u32 flags;
	const struct sandbox_rights *rights;
};

static int add_fs_rule(const char *name, const char *path, void *data)
{
	const struct fs_rule_ctx *ctx = data;
	struct landlock_path_beneath_attr attr = {
		.allowed_access = ctx->access,
	};
	struct stat st;
	int err;

	attr.parent_fd = open(path, O_PATH | O_CLOEXEC);
	if (attr.parent_fd < 0) {
		fprintf(stderr, "%s: %s: cannot open \"%s\": %s\n", prog, name,
			path, strerror(errno));
		return -1;
	}
	if (fstat(attr.parent_fd, &st)) {
		fprintf(stderr, "%s: %s: cannot stat \"%s\": %s\n", prog, name,
			path, strerror(errno));
		close(attr.parent_fd);
		return -1;
	}
	/* Directory-only rights are refused on other kinds of files. */
	if (!S_ISDIR(st.st_mode))
		attr.allowed_access &= ctx->rights->fs_file;

	err = ll_add_rule(ctx->ruleset_fd, LANDLOCK_RULE_PATH_BENEATH, &attr,
			  ctx->flags);
	if (err)
		fprintf(stderr, "%s: %s: cannot add a rule for \"%s\": %s\n",
			prog, name, path, strerror(errno));
	close(attr.parent_fd);
	return err ? -1 : 0;
}

#ifdef LANDLOCK_ACCESS_NET_BIND_TCP

struct net_rule_ctx {
	int ruleset_fd;
	__u64 access;
};

static int add_net_rule(const char *name, const char *item, void *data)
{
	const struct net_rule_ctx *ctx = data;
	struct landlock_net_port_attr attr = {
		.allowed_access = ctx->access,
	};
	unsigned long port;
	char *end;

	errno = 0;
	port = strtoul(item, &end, 10);
	if (errno || *end || end == item || port > 65535) {
		fprintf(stderr, "%s: %s: \"%s\" is not a port number\n", prog,
			name, item);
		return -1;
	}
	attr.port = port;
	if (ll_add_rule(ctx->ruleset_fd, LANDLOCK_RULE_NET_PORT, &attr, 0)) {
		fprintf(stderr, "%s: %s: cannot add a rule for port %lu: %s\n",
			prog, name, port, strerror(errno));
		return -1;
	}
	return 0;
}

#endif /* LANDLOCK_ACCESS_NET_BIND_TCP */

#ifdef LANDLOCK_PERMISSION_NAMESPACE_USE

/* Namespace types, by their names in /proc/PID/ns/. */
static const struct {
	const char *name;
	__u64 type;
} ns_types[] = {
	{ "mnt", CLONE_NEWNS },	   { "cgroup", CLONE_NEWCGROUP },
	{ "uts", CLONE_NEWUTS },   { "ipc", CLONE_NEWIPC },
	{ "user", CLONE_NEWUSER }, { "pid", CLONE_NEWPID },
	{ "net", CLONE_NEWNET },   { "time", CLONE_NEWTIME },
};

static int add_ns_type(const char *name, const char *item, void *data)
{
	__u64 *types = data;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(ns_types); i++) {
		if (strcmp(item, ns_types[i].name) == 0) {
			*types |= ns_types[i].type;
			return 0;
		}
	}
	fprintf(stderr, "%s: %s: unknown namespace type \"%s\"\n", prog, name,
		item);
	return -1;
}

static int add_cap(const char *name, const char *item, void *data)
{
	__u64 *caps = data;
	unsigned long cap;
	char *end;

	errno = 0;
	cap = strtoul(item, &end, 10);
	/* Numbers the kernel does not know are accepted, and ignored. */
	if (errno || *end || end == item || cap > 63) {
		fprintf(stderr, "%s: %s: \"%s\" is not a capability number\n",
			prog, name, item);
		return -1;
	}
	*caps |= 1ULL << cap;
	return 0;
}

/*
 * Adds the rules of the permissions that the ruleset handles: the members
 * listed in their variables.  An empty list allows nothing, and needs no
 * rule.  Returns 0, or -1 after printing why it failed.
 */
static int add_perm_rules(int ruleset_fd, __u64 perms)
{
	struct landlock_namespace_attr ns = {
		.permissions = LANDLOCK_PERMISSION_NAMESPACE_USE,
	};
	struct landlock_capability_attr caps = {
		.permissions = LANDLOCK_PERMISSION_CAPABILITY_USE,
	};

	if (perms & LANDLOCK_PERMISSION_NAMESPACE_USE) {
		if (walk_env_list(ENV_NS, add_ns_type,
				  &ns.allowed_namespace_types))
			return -1;
		if (ns.allowed_namespace_types &&
		    ll_add_rule(ruleset_fd, LANDLOCK_RULE_NAMESPACE, &ns, 0)) {
			fprintf(stderr, "%s: %s: cannot add a rule: %s\n", prog,
				ENV_NS, strerror(errno));
			return -1;
		}
	}
	if (perms & LANDLOCK_PERMISSION_CAPABILITY_USE) {
		if (walk_env_list(ENV_CAPS, add_cap,
				  &caps.allowed_capabilities))
			return -1;
		if (caps.allowed_capabilities &&
		    ll_add_rule(ruleset_fd, LANDLOCK_RULE_CAPABILITY, &caps,
				0)) {
			fprintf(stderr, "%s: %s: cannot add a rule: %s\n", prog,
				ENV_CAPS, strerror(errno));
			return -1;
		}
	}
	return 0;
}

/*
 * The permissions to handle: those whose variable is set, among @known (a
 * warning if the kernel has none of them).
 */
static __u64 get_perms(__u64 known)
{
	__u64 perms = 0;

	if (getenv(ENV_NS))
		perms |= LANDLOCK_PERMISSION_NAMESPACE_USE;
	if (getenv(ENV_CAPS))
		perms |= LANDLOCK_PERMISSION_CAPABILITY_USE;
	if (perms & ~known) {
		fprintf(stderr,
			"%s: %s and %s ignored: this kernel's Landlock cannot restrict namespaces nor capabilities\n",
			prog, ENV_NS, ENV_CAPS);
		perms &= known;
	}
	return perms;
}

#endif /* LANDLOCK_PERMISSION_NAMESPACE_USE */

/* Sums up the rights of every ABI version up to @abi. */
static void get_rights(int abi, struct sandbox_rights *rights)
{
	size_t i;

	memset(rights, 0, sizeof(*rights));
	for (i = 0; i < ARRAY_SIZE(abi_rights); i++) {
		if (abi_rights[i].abi > abi)
			continue;
		rights->fs_file |= abi_rights[i].fs_file;
		rights->fs_all |= abi_rights[i].fs_file | abi_rights[i].fs_dir;
		rights->net |= abi_rights[i].net;
		rights->scoped |= abi_rights[i].scoped;
		rights->perms |= abi_rights[i].perms;
	}
}

#ifdef LANDLOCK_SCOPE_SIGNAL

/*
 * Reads LL_SCOPED into the scopes to forbid, among @known.  Returns 0, or
 * -1 after printing why the value is wrong.
 */
static int parse_scopes(__u64 known, __u64 *scoped)
{
	const char *value = getenv(ENV_SCOPED);
	const char *c;

	*scoped = 0;
	for (c = value ? value : ""; *c; c++) {
		switch (*c) {
		case 'a':
			*scoped |= LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET;
			break;
		case 's':
			*scoped |= LANDLOCK_SCOPE_SIGNAL;
			break;
		default:
			fprintf(stderr, "%s: unknown scope '%c' in %s\n", prog,
				*c, ENV_SCOPED);
			return -1;
		}
	}
	if (*scoped & ~known) {
		fprintf(stderr,
			"%s: %s ignored: this kernel's Landlock has no scopes\n",
			prog, ENV_SCOPED);
		*scoped &= known;
	}
	return 0;
}

#endif /* LANDLOCK_SCOPE_SIGNAL */

/*
 * Flags of landlock_restrict_self(): the denials that matter are those of
 * the command this program runs, after execve(2), not its own.
 */
static __u32 log_flags(int abi)
{
#ifdef LANDLOCK_RESTRICT_SELF_LOG_NEW_EXEC_ON
	const char *value = getenv(ENV_LOG);

	if (abi < 7)
		return 0;
	if (value && strcmp(value, "0") == 0)
		return LANDLOCK_RESTRICT_SELF_LOG_SAME_EXEC_OFF;
	return LANDLOCK_RESTRICT_SELF_LOG_SAME_EXEC_OFF |
	       LANDLOCK_RESTRICT_SELF_LOG_NEW_EXEC_ON;
#else
	return 0;
#endif
}

/*
 * Flags of landlock_restrict_self(): the logging flags, and, with ABI 8 and
 * later, every thread of this process restricted, so that no thread a
 * library may have started stays outside of the sandbox.
 */
static __u32 restrict_flags(int abi)
{
	__u32 flags = log_flags(abi);

#ifdef LANDLOCK_RESTRICT_SELF_TSYNC
	if (abi >= 8)
		flags |= LANDLOCK_RESTRICT_SELF_TSYNC;
#endif
#ifdef LANDLOCK_RESTRICT_SELF_NO_NEW_PRIVS
	if (abi >= 11)
		flags |= LANDLOCK_RESTRICT_SELF_NO_NEW_PRIVS;
#endif
	return flags;
}

/*
 * Sets no_new_privs, which landlock_restrict_self() requires without
 * CAP_SYS_ADMIN, unless the kernel sets it on success (ABI 11): then a
 * failure leaves this process as it was.
 */
static int prepare_no_new_privs(__u32 flags)
{
#ifdef LANDLOCK_RESTRICT_SELF_NO_NEW_PRIVS
	if (flags & LANDLOCK_RESTRICT_SELF_NO_NEW_PRIVS)
		return 0;
#endif
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)) {
		fprintf(stderr, "%s: cannot set no_new_privs: %s\n", prog,
			strerror(errno));
		return -1;
	}
	return 0;
}

/*
 * Builds the ruleset and enforces it on this process.  Returns 0 on
 * success, or -1 after printing why it failed.
 */
static int sandbox(int abi)
{
	struct landlock_ruleset_attr ruleset_attr = { 0 };
	struct sandbox_rights rights;
	struct fs_rule_ctx fs_ctx = { 0 };
	int ruleset_fd;
	size_t i;

	get_rights(abi, &rights);
	ruleset_attr.handled_access_fs = rights.fs_all;

	/* Only restrict the kinds of network accesses the user asked for. */
	for (i = 0; i < ARRAY_SIZE(net_vars); i++) {
		if (!getenv(net_vars[i].env))
			rights.net &= ~net_vars[i].right;
	}
	ruleset_attr.handled_access_net = rights.net;
#ifdef LANDLOCK_ADD_RULE_QUIET
	/* Quiet paths quiet every filesystem right. */
	if (abi >= 10 && getenv(ENV_FS_QUIET))
		ruleset_attr.quiet_access_fs = rights.fs_all;
#endif
#ifdef LANDLOCK_SCOPE_SIGNAL
	if (parse_scopes(rights.scoped, &rights.scoped))
		return -1;
	ruleset_attr.scoped = rights.scoped;
#endif
#ifdef LANDLOCK_PERMISSION_NAMESPACE_USE
	rights.perms = get_perms(rights.perms);
	ruleset_attr.handled_permissions = rights.perms;
#endif

	ruleset_fd = ll_create_ruleset(&ruleset_attr, sizeof(ruleset_attr), 0);
	if (ruleset_fd < 0) {
		fprintf(stderr, "%s: cannot create a ruleset: %s\n", prog,
			strerror(errno));
		return -1;
	}

	fs_ctx.ruleset_fd = ruleset_fd;
	fs_ctx.rights = &rights;
	fs_ctx.access = ACCESS_FS_READ_ONLY & rights.fs_all;
	if (walk_env_list(ENV_FS_RO, add_fs_rule, &fs_ctx))
		goto err_close;
	fs_ctx.access = rights.fs_all;
	if (walk_env_list(ENV_FS_RW, add_fs_rule, &fs_ctx))
		goto err_close;
#ifdef LANDLOCK_ADD_RULE_QUIET
	if (ruleset_attr.quiet_access_fs) {
		/* Quiet-only rules: they grant nothing. */
		fs_ctx.access = 0;
		fs_ctx.flags = LANDLOCK_ADD_RULE_QUIET;
		if (walk_env_list(ENV_FS_QUIET, add_fs_rule, &fs_ctx))
			goto err_close;
	}
#endif

#ifdef LANDLOCK_ACCESS_NET_BIND_TCP
	for (i = 0; i < ARRAY_SIZE(net_vars); i++) {
		struct net_rule_ctx net_ctx = {
			.ruleset_fd = ruleset_fd,
			.access = net_vars[i].right,
		};

		if (!(rights.net & net_vars[i].right))
			continue;
		if (walk_env_list(net_vars[i].env, add_net_rule, &net_ctx))
			goto err_close;
	}
#endif
#ifdef LANDLOCK_PERMISSION_NAMESPACE_USE
	if (add_perm_rules(ruleset_fd, rights.perms))
		goto err_close;
#endif

	if (prepare_no_new_privs(restrict_flags(abi)))
		goto err_close;
	if (ll_restrict_self(ruleset_fd, restrict_flags(abi))) {
		fprintf(stderr, "%s: cannot enforce the ruleset: %s\n", prog,
			strerror(errno));
		goto err_close;
	}
	close(ruleset_fd);
	return 0;

err_close:
	close(ruleset_fd);
	return -1;
}

int main(int argc, char *argv[])
{
	int abi, known_abi, err;

	if (argc > 0 && argv[0][0]) {
		const char *slash = strrchr(argv[0], '/');

		prog = slash && slash[1] ? slash + 1 : argv[0];
	}
	if (argc < 2 || !getenv(ENV_FS_RO) || !getenv(ENV_FS_RW)) {
		if (argc >= 2)
			fprintf(stderr, "%s: %s and %s must both be set\n\n",
				prog, ENV_FS_RO, ENV_FS_RW);
		usage();
		return 1;
	}

	abi = ll_create_ruleset(NULL, 0, LANDLOCK_CREATE_RULESET_VERSION);
	if (abi < 0) {
		switch (errno) {
		case ENOSYS:
			fprintf(stderr,
				"%s: warning: this kernel does not support Landlock; running the command WITHOUT a sandbox\n",
				prog);
			break;
		case EOPNOTSUPP:
			fprintf(stderr,
				"%s: warning: Landlock is disabled on this system (see the \"lsm=\" boot parameter); running the command WITHOUT a sandbox\n",
				prog);
			break;
		default:
			fprintf(stderr,
				"%s: cannot get the Landlock ABI version: %s\n",
				prog, strerror(errno));
			return 1;
		}
	} else {
		known_abi = abi_rights[ARRAY_SIZE(abi_rights) - 1].abi;
		if (abi > known_abi)
			fprintf(stderr,
				"%s: Landlock ABI version: %d (this program knows the rights of ABI %d and older)\n",
				prog, abi, known_abi);
		else
			fprintf(stderr, "%s: Landlock ABI version: %d\n", prog,
				abi);
		if (sandbox(abi))
			return 1;
	}

	execvp(argv[1], argv + 1);
	err = errno;
	fprintf(stderr, "%s: cannot execute \"%s\": %s\n", prog, argv[1],
		strerror(err));
	return err == ENOENT ? 127 : 126;
}
