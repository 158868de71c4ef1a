// SPDX-License-Identifier: GPL-2.0
/*
 * Landlock differential fuzzer: the workers (see exec.h and worker.h).
 *
 * A worker runs the operations it gets, one system call (or a few) each,
 * and sends their outcomes back.  Paths of the scenario are used relative
 * to the root of the tree or to a handle; the system calls without an
 * *at() variant (truncate(2), mount(2), umount(2)) get them through
 * /proc/self/fd.  Each worker has a second thread, started before it
 * sandboxes itself, to which it sends signals.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <linux/fs.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "exec.h"
#include "worker.h"

struct proc me = { .chan = -1, .root = -1, .new_chan = -1 };

int err_of(long ret)
{
	return ret < 0 ? errno : 0;
}

/* The directory and relative path of a path of the scenario. */
int at(const char *path, const char **rel)
{
	if (path[0] == 'h' && path[2] == ':') {
		int h = path[1] - '0';

		*rel = path + 3;
		return h < FZ_HANDLES ? me.handle[h] : -1;
	}
	*rel = path;
	return me.root;
}

const char *proc_path(const char *path, char *buf, size_t size)
{
	const char *rel;
	int fd = at(path, &rel);

	snprintf(buf, size, "/proc/self/fd/%d/%s", fd, rel);
	return buf;
}

static int slot_fd(int slot)
{
	return slot < 0 ? -1 : me.slot[slot];
}

static void store(int *table, int index, int fd)
{
	if (index < 0) {
		close(fd);
		return;
	}
	if (table[index] >= 0)
		close(table[index]);
	table[index] = fd;
}

static socklen_t loopback(int family, int port, struct sockaddr_storage *ss)
{
	struct sockaddr_in *a4 = (struct sockaddr_in *)ss;

	memset(ss, 0, sizeof(*ss));
	if (family == FAM_INET6) {
		struct sockaddr_in6 *a = (struct sockaddr_in6 *)ss;

		a->sin6_family = AF_INET6;
		a->sin6_port = htons(port);
		a->sin6_addr = in6addr_loopback;
		return sizeof(*a);
	}
	a4->sin_family = AF_INET;
	a4->sin_port = htons(port);
	a4->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return sizeof(*a4);
}

static socklen_t abstract_name(int name, struct sockaddr_un *a)
{
	memset(a, 0, sizeof(*a));
	a->sun_family = AF_UNIX;
	snprintf(a->sun_path + 1, sizeof(a->sun_path) - 1, "%su%d", me.prefix,
		 name);
	return offsetof(struct sockaddr_un, sun_path) + 1 +
	       strlen(a->sun_path + 1);
}

int send_msg(int chan, const void *buf, size_t len, const int *fds, int nfds)
{
	char control[CMSG_SPACE(sizeof(int) * BATCH_MAX)] = {};
	struct iovec iov = { (void *)buf, len };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1 };

	if (nfds) {
		struct cmsghdr *c;

		msg.msg_control = control;
		msg.msg_controllen = CMSG_SPACE(sizeof(int) * nfds);
		c = CMSG_FIRSTHDR(&msg);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN(sizeof(int) * nfds);
		memcpy(CMSG_DATA(c), fds, sizeof(int) * nfds);
	}
	return sendmsg(chan, &msg, MSG_NOSIGNAL) < 0 ? -1 : 0;
}

/* Returns the length received (0: closed), fds gets what came with it. */
ssize_t recv_msg(int chan, void *buf, size_t len, int *fds, int *nfds)
{
	char control[CMSG_SPACE(sizeof(int) * BATCH_MAX)];
	struct iovec iov = { buf, len };
	struct msghdr msg = { .msg_iov = &iov,
			      .msg_iovlen = 1,
			      .msg_control = control,
			      .msg_controllen = sizeof(control) };
	struct cmsghdr *c;
	ssize_t n;

	do
		n = recvmsg(chan, &msg, 0);
	while (n < 0 && errno == EINTR);
	*nfds = 0;
	for (c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
		if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
			*nfds = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
			memcpy(fds, CMSG_DATA(c), sizeof(int) * *nfds);
		}
	}
	return n;
}

/* ---- worker operations ---- */

typedef int exec_fn(const struct op *op, struct outcome *o);

static int open_flags(uint64_t f)
{
	static const int acc[] = { O_RDONLY, O_WRONLY, O_RDWR, O_ACCMODE };
	int flags = acc[f & OF_ACCMODE] | O_NONBLOCK | O_NOCTTY;

	if (f & OF_TRUNC)
		flags |= O_TRUNC;
	if (f & OF_CREAT)
		flags |= O_CREAT;
	if (f & OF_EXCL)
		flags |= O_EXCL;
	if (f & OF_DIRECTORY)
		flags |= O_DIRECTORY;
	if (f & OF_NOFOLLOW)
		flags |= O_NOFOLLOW;
	return flags;
}

static int x_open(const struct op *op, struct outcome *o)
{
	bool creat = op->flags & OF_CREAT, existed = false;
	const char *rel;
	int dfd = at(op->path, &rel), fd, err;
	struct stat st;

	if (creat)
		existed = !fstatat(dfd, rel, &st, 0);
	fd = openat(dfd, rel, open_flags(op->flags), 0777);
	err = err_of(fd);
	if (creat)
		o->created = !existed && !fstatat(dfd, rel, &st, 0);
	if (fd >= 0)
		store(me.slot, op->slot, fd);
	return err;
}

static int x_close(const struct op *op, struct outcome *o)
{
	int err = err_of(close(slot_fd(op->slot)));

	if (op->slot >= 0)
		me.slot[op->slot] = -1;
	return err;
}

static int x_hold(const struct op *op, struct outcome *o)
{
	const char *rel;
	int dfd = at(op->path, &rel);
	int fd = openat(dfd, rel, O_PATH);

	if (fd < 0)
		return errno;
	store(me.handle, op->handle, fd);
	return 0;
}

static int x_drop(const struct op *op, struct outcome *o)
{
	int fd = op->handle < 0 ? -1 : me.handle[op->handle];

	if (op->handle >= 0)
		me.handle[op->handle] = -1;
	return err_of(close(fd));
}

static int x_mkdir(const struct op *op, struct outcome *o)
{
	const char *rel;
	int dfd = at(op->path, &rel);

	return err_of(mkdirat(dfd, rel, 0777));
}

static int x_mknod(const struct op *op, struct outcome *o)
{
	static const struct {
		mode_t mode;
		unsigned int major, minor;
	} types[FT_COUNT] = {
		[FT_NONE] = { 0 },
		[FT_DIR] = { S_IFDIR },
		[FT_REG] = { S_IFREG },
		[FT_SYM] = { S_IFLNK },
		[FT_FIFO] = { S_IFIFO },
		[FT_SOCK] = { S_IFSOCK },
		[FT_CHR] = { S_IFCHR, 1, 3 },
		[FT_CHR_ZERO] = { S_IFCHR, 1, 5 },
		[FT_WHITEOUT] = { S_IFCHR, 0, 0 },
		[FT_BLK] = { S_IFBLK, 7, 250 },
	};
	const char *rel;
	int dfd = at(op->path, &rel), t = op->flags < FT_COUNT ? op->flags : 0;

	return err_of(mknodat(dfd, rel, types[t].mode | 0777,
			      makedev(types[t].major, types[t].minor)));
}

static int x_symlink(const struct op *op, struct outcome *o)
{
	const char *rel;
	int dfd = at(op->path, &rel);

	return err_of(symlinkat(op->path2, dfd, rel));
}

static int x_unlink(const struct op *op, struct outcome *o)
{
	int flags = op->kind == OP_RMDIR ? AT_REMOVEDIR : 0;
	const char *rel;
	int dfd = at(op->path, &rel);

	return err_of(unlinkat(dfd, rel, flags));
}

static int x_link(const struct op *op, struct outcome *o)
{
	const char *rel1, *rel2;
	int dfd1 = at(op->path, &rel1), dfd2 = at(op->path2, &rel2);

	return err_of(linkat(dfd1, rel1, dfd2, rel2, 0));
}

static int x_rename(const struct op *op, struct outcome *o)
{
	static const unsigned int flags[] = {
		[RF_NOREPLACE] = 1, [RF_EXCHANGE] = 2, [RF_WHITEOUT] = 4
	};
	const char *rel1, *rel2;
	int dfd1 = at(op->path, &rel1), dfd2 = at(op->path2, &rel2);
	unsigned int f = 0, bit;

	for (bit = 1; bit <= RF_WHITEOUT; bit <<= 1)
		if (op->flags & bit)
			f |= flags[bit];
	return err_of(syscall(SYS_renameat2, dfd1, rel1, dfd2, rel2, f));
}

static int x_truncate(const struct op *op, struct outcome *o)
{
	char buf[FZ_PATH + 32];

	return err_of(truncate(proc_path(op->path, buf, sizeof(buf)), 0));
}

static int x_ftruncate(const struct op *op, struct outcome *o)
{
	return err_of(ftruncate(slot_fd(op->slot), 0));
}

static int x_ioctl(const struct op *op, struct outcome *o)
{
	static const unsigned long cmds[IOC_COUNT] = {
		[IOC_FIOCLEX] = FIOCLEX,   [IOC_FIONCLEX] = FIONCLEX,
		[IOC_FIONBIO] = FIONBIO,   [IOC_FIOASYNC] = FIOASYNC,
		[IOC_FIOQSIZE] = FIOQSIZE, [IOC_FIGETBSZ] = FIGETBSZ,
		[IOC_FIONREAD] = FIONREAD, [IOC_TCGETS] = TCGETS,
	};
	union {
		int i;
		long long ll;
		struct termios t;
		char pad[256];
	} arg = {};

	if (op->flags >= IOC_COUNT)
		return EINVAL;
	return err_of(ioctl(slot_fd(op->slot), cmds[op->flags], &arg));
}

/* The state a worker passes to the program it executes. */
static void format_state(char *buf, size_t size)
{
	int len, i;

	len = snprintf(buf, size, "%d,%d,%d,%s", me.id, me.chan, me.root,
		       me.prefix);
	for (i = 0; i < FZ_SLOTS; i++)
		len += snprintf(buf + len, size - len, ",%d", me.slot[i]);
	for (i = 0; i < FZ_HANDLES; i++)
		len += snprintf(buf + len, size - len, ",%d", me.handle[i]);
}

static int x_exec(const struct op *op, struct outcome *o)
{
	char state[256], *argv[4], *envp[1] = {};
	const char *rel;
	int dfd = at(op->path, &rel);

	format_state(state, sizeof(state));
	argv[0] = (char *)"landlock-fuzz";
	argv[1] = (char *)"--worker";
	argv[2] = state;
	argv[3] = NULL;
	syscall(SYS_execveat, dfd, rel, argv, envp, 0);
	return errno;
}

static void start_helper(void);

int hello(void)
{
	int pid = getpid();

	return send_msg(me.chan, &pid, sizeof(pid), NULL, 0);
}

/*
 * A new worker, child of this one (which reaps it when it exits; if this
 * one exits first, the controller, a subreaper, adopts it).
 */
static int x_fork(const struct op *op, struct outcome *o)
{
	pid_t child;

	if (me.new_chan < 0)
		return EBADF;
	child = fork();
	if (child < 0)
		return errno;
	if (!child) {
		close(me.chan);
		me.chan = me.new_chan;
		me.id = op->peer;
		me.children = false;
		start_helper();
		if (hello())
			_exit(1);
		worker_loop();
	}
	close(me.new_chan);
	me.new_chan = -1;
	me.children = true;
	return 0;
}

/*
 * The loop exits after the reply, and nobody waits for the end of this
 * process: its files are released now, before the reply, as the model has
 * it (an executable still open for writing would give ETXTBSY).
 */
static int x_exit(const struct op *op, struct outcome *o)
{
	if ((me.chan > STDERR_FILENO + 1 &&
	     close_range(STDERR_FILENO + 1, me.chan - 1, 0)) ||
	    close_range(me.chan + 1, ~0U, 0))
		return errno;
	return 0;
}

static int add_rule(int ruleset, const struct rule_tmpl *r)
{
	struct __attribute__((packed)) {
		uint64_t allowed;
		int32_t parent;
	} path = { r->access, -1 };
	struct {
		uint64_t allowed, port;
	} port = { r->access, r->number };
	/* landlock_namespace_attr and landlock_capability_attr */
	struct {
		uint64_t permissions, allowed, quiet;
	} perm = { r->kind == OP_NSRULE ? LL_PERM_NAMESPACE_USE :
					  LL_PERM_CAPABILITY_USE,
		   r->access, 0 };
	const char *rel;
	int err, dfd;

	if (r->kind == OP_PORT)
		return err_of(syscall(__NR_landlock_add_rule, ruleset,
				      LL_RULE_NET_PORT, &port, 0));
	if (r->kind != OP_RULE)
		return err_of(syscall(__NR_landlock_add_rule, ruleset,
				      r->kind == OP_NSRULE ? LL_RULE_NAMESPACE :
							     LL_RULE_CAPABILITY,
				      &perm, 0));
	dfd = at(r->path, &rel);
	path.parent = openat(dfd, rel, O_PATH | O_CLOEXEC);
	if (path.parent < 0)
		return errno;
	err = err_of(syscall(__NR_landlock_add_rule, ruleset,
			     LL_RULE_PATH_BENEATH, &path, 0));
	close(path.parent);
	return err;
}

static int x_restrict(const struct op *op, struct outcome *o)
{
	const struct layer_tmpl *t = &me.tmpl[op->layer];
	/* ABI 12's struct, quiet fields zero (fine for older ABIs). */
	struct {
		uint64_t fs, net, scope, quiet[3], perm;
	} attr = { t->fs, t->net, t->scope, { 0 }, t->perm };
	int ruleset, i, err;

	ruleset = syscall(__NR_landlock_create_ruleset, &attr, sizeof(attr), 0);
	o->create_err = err_of(ruleset);
	for (i = 0; ruleset >= 0 && i < t->n; i++)
		o->rule_err[i] = add_rule(ruleset, &t->rules[i]);
	err = err_of(syscall(__NR_landlock_restrict_self, ruleset,
			     (unsigned int)op->flags));
	if (ruleset >= 0)
		close(ruleset);
	return err;
}

/* A socket bound to a loopback port; closed at once (but for listeners). */
int bind_port(int family, int type, int port, int *fdp)
{
	struct sockaddr_storage ss;
	socklen_t len = loopback(family, port, &ss);
	int fd, one = 1, err;

	fd = socket(family == FAM_INET6 ? AF_INET6 : AF_INET,
		    type | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return errno;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	err = err_of(bind(fd, (struct sockaddr *)&ss, len));
	if (fdp && !err)
		*fdp = fd;
	else
		close(fd);
	return err;
}

/* unshare(2) in a child, which then exits: the worker keeps its own. */
static int x_unshare(const struct op *op, struct outcome *o)
{
	pid_t child = fork();
	int status;

	if (child < 0)
		return errno;
	if (!child)
		_exit(unshare((int)op->flags) ? errno : 0);
	if (waitpid(child, &status, 0) != child || !WIFEXITED(status))
		return ECHILD;
	return WEXITSTATUS(status);
}

static int x_tcp_bind(const struct op *op, struct outcome *o)
{
	return bind_port(op->flags, SOCK_STREAM, op->num, NULL);
}

static int x_udp_bind(const struct op *op, struct outcome *o)
{
	return bind_port(op->flags, SOCK_DGRAM, op->num, NULL);
}

static int x_tcp_connect(const struct op *op, struct outcome *o)
{
	struct sockaddr_storage ss;
	socklen_t len = loopback(op->flags, op->num, &ss);
	int fd, err;

	fd = socket(op->flags == FAM_INET6 ? AF_INET6 : AF_INET,
		    SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return errno;
	err = err_of(connect(fd, (struct sockaddr *)&ss, len));
	close(fd);
	return err;
}

/* connect(2) or sendto(2) on a new UDP socket, to a loopback port. */
static int udp_reach(const struct op *op, bool send)
{
	struct sockaddr_storage ss;
	socklen_t len = loopback(op->flags, op->num, &ss);
	int fd, err;

	fd = socket(op->flags == FAM_INET6 ? AF_INET6 : AF_INET,
		    SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return errno;
	if (send)
		err = err_of(sendto(fd, "", 1, MSG_DONTWAIT,
				    (struct sockaddr *)&ss, len));
	else
		err = err_of(connect(fd, (struct sockaddr *)&ss, len));
	close(fd);
	return err;
}

static int x_udp_connect(const struct op *op, struct outcome *o)
{
	return udp_reach(op, false);
}

static int x_udp_send(const struct op *op, struct outcome *o)
{
	return udp_reach(op, true);
}

static const int signals[SIG_COUNT] = { [SIG_NONE] = 0,
					[SIG_URG] = SIGURG,
					[SIG_WINCH] = SIGWINCH,
					[SIG_CHLD] = SIGCHLD };

static int peer_pid(int peer)
{
	return peer < 0 ? me.hdr.ctl_pid : me.hdr.pids[peer];
}

static int x_kill(const struct op *op, struct outcome *o)
{
	return err_of(kill(peer_pid(op->peer), signals[op->flags % SIG_COUNT]));
}

static int x_tkill(const struct op *op, struct outcome *o)
{
	return err_of(syscall(SYS_tgkill, getpid(), me.helper,
			      signals[op->flags % SIG_COUNT]));
}

static int x_ptrace(const struct op *op, struct outcome *o)
{
	pid_t pid = peer_pid(op->peer);
	int status;

	if (ptrace(PTRACE_ATTACH, pid, 0, 0))
		return errno;
	waitpid(pid, &status, __WALL);
	ptrace(PTRACE_DETACH, pid, 0, 0);
	return 0;
}

/*
 * A UNIX socket of the type of op bound to @a (listening if a stream one),
 * handed to the controller, which keeps it.
 */
static int unix_listen(const struct op *op, const struct sockaddr_un *a,
		       socklen_t len)
{
	int type = op->flags == UT_DGRAM ? SOCK_DGRAM : SOCK_STREAM;
	int fd = socket(AF_UNIX, type | SOCK_CLOEXEC, 0), err;

	if (fd < 0)
		return errno;
	err = err_of(bind(fd, (const struct sockaddr *)a, len));
	if (!err && type == SOCK_STREAM)
		err = err_of(listen(fd, 64));
	if (err) {
		close(fd);
		return err;
	}
	me.fds_out[me.nfds_out++] = fd;
	return 0;
}

/* Connects a new socket of the type of op to @a, or sends it a datagram. */
static int unix_reach(const struct op *op, const struct sockaddr_un *a,
		      socklen_t len)
{
	int type = op->flags == UT_DGRAM ? SOCK_DGRAM : SOCK_STREAM;
	int fd = socket(AF_UNIX, type | SOCK_CLOEXEC, 0), err;

	if (fd < 0)
		return errno;
	if (type == SOCK_STREAM)
		err = err_of(connect(fd, (const struct sockaddr *)a, len));
	else
		err = err_of(sendto(fd, "", 1, MSG_DONTWAIT,
				    (const struct sockaddr *)a, len));
	close(fd);
	return err;
}

static int x_unix_listen(const struct op *op, struct outcome *o)
{
	struct sockaddr_un a;
	socklen_t len = abstract_name(op->num, &a);

	return unix_listen(op, &a, len);
}

static int x_unix_connect(const struct op *op, struct outcome *o)
{
	struct sockaddr_un a;
	socklen_t len = abstract_name(op->num, &a);

	return unix_reach(op, &a, len);
}

/*
 * The address of a pathname socket, relative to the directory of op->path
 * (made the current one: a path fits in sun_path, a handle's does not;
 * leave_dir() undoes it).
 */
static socklen_t path_name(const char *path, struct sockaddr_un *a)
{
	const char *rel;
	int dfd = at(path, &rel);

	memset(a, 0, sizeof(*a));
	a->sun_family = AF_UNIX;
	/* "" would be an abstract name: "." is what the model resolves. */
	snprintf(a->sun_path, sizeof(a->sun_path), "%s", *rel ? rel : ".");
	if (fchdir(dfd))
		return 0;
	return offsetof(struct sockaddr_un, sun_path) + strlen(a->sun_path) + 1;
}

/*
 * Back to the root of the tree, which holds no mount but the tree's: a
 * current directory left in a bind mount would keep it busy (EBUSY for
 * umount(2), where the model, which has no current directories, expects
 * 0).  Returns @err.
 */
static int leave_dir(int err)
{
	if (fchdir(me.root))
		_exit(1);
	return err;
}

/* A socket bound to a path, to the controller (which keeps it). */
static int x_path_listen(const struct op *op, struct outcome *o)
{
	struct sockaddr_un a;
	socklen_t len = path_name(op->path, &a);

	return leave_dir(len ? unix_listen(op, &a, len) : errno);
}

static int x_path_connect(const struct op *op, struct outcome *o)
{
	struct sockaddr_un a;
	socklen_t len = path_name(op->path, &a);

	return leave_dir(len ? unix_reach(op, &a, len) : errno);
}

void queue_name(char *buf, size_t size)
{
	snprintf(buf, size, "%sq", me.prefix);
}

/* A file of an internal mount, opened (again) with the flags of op. */
static int x_reopen(const struct op *op, struct outcome *o)
{
	int flags = open_flags(op->flags) | O_CLOEXEC, fds[2] = { -1, -1 };
	char path[64];
	int fd, err;

	switch (op->num) {
	case RK_PIPE:
		if (pipe2(fds, O_CLOEXEC))
			return errno;
		break;
	case RK_MEMFD:
		fds[0] = memfd_create("landlock-fuzz", MFD_CLOEXEC);
		if (fds[0] < 0)
			return errno;
		break;
	case RK_NSFS:
		snprintf(path, sizeof(path), "/proc/self/ns/net");
		break;
	case RK_MQUEUE:
		queue_name(path, sizeof(path));
		fd = syscall(SYS_mq_open, path, flags | O_CREAT, 0600, NULL);
		err = err_of(fd);
		if (fd >= 0)
			close(fd);
		return err;
	default:
		return EINVAL;
	}
	if (fds[0] >= 0)
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fds[0]);
	fd = open(path, flags);
	err = err_of(fd);
	if (fd >= 0)
		close(fd);
	if (fds[0] >= 0)
		close(fds[0]);
	if (fds[1] >= 0)
		close(fds[1]);
	return err;
}

/* SIGIO to a worker: a pipe whose reader it owns gets a byte. */
static int x_sigio(const struct op *op, struct outcome *o)
{
	int fds[2], err = 0;

	if (pipe2(fds, O_CLOEXEC | O_NONBLOCK))
		return errno;
	if (fcntl(fds[0], F_SETOWN, peer_pid(op->peer)) ||
	    fcntl(fds[0], F_SETFL, O_ASYNC | O_NONBLOCK) ||
	    write(fds[1], "", 1) != 1)
		err = errno;
	close(fds[0]);
	close(fds[1]);
	return err;
}

/* Whether a SIGIO is pending (workers block it), and takes it. */
static int x_sigpending(const struct op *op, struct outcome *o)
{
	struct timespec zero = {};
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGIO);
	o->pending = sigtimedwait(&set, NULL, &zero) == SIGIO;
	return 0;
}

/* An open file, to the controller, which hands it to another worker. */
static int x_pass(const struct op *op, struct outcome *o)
{
	int fd = dup(slot_fd(op->slot));

	if (fd < 0)
		return errno;
	me.fds_out[me.nfds_out++] = fd;
	return 0;
}

/* The receiving side of x_pass(): the file came with the request. */
static int x_adopt(const struct op *op, struct outcome *o)
{
	if (me.new_chan < 0)
		return EBADF;
	store(me.slot, op->slot, me.new_chan);
	me.new_chan = -1;
	return 0;
}

static int x_mount(const struct op *op, struct outcome *o)
{
	char src[FZ_PATH + 32], dst[FZ_PATH + 32];

	return err_of(mount(proc_path(op->path, src, sizeof(src)),
			    proc_path(op->path2, dst, sizeof(dst)), NULL,
			    MS_BIND, NULL));
}

static int x_umount(const struct op *op, struct outcome *o)
{
	char buf[FZ_PATH + 32];

	return err_of(umount2(proc_path(op->path, buf, sizeof(buf)), 0));
}

static exec_fn *const worker_ops[OP_COUNT] = {
	[OP_OPEN] = x_open,
	[OP_CLOSE] = x_close,
	[OP_HOLD] = x_hold,
	[OP_DROP] = x_drop,
	[OP_MKDIR] = x_mkdir,
	[OP_MKNOD] = x_mknod,
	[OP_SYMLINK] = x_symlink,
	[OP_UNLINK] = x_unlink,
	[OP_RMDIR] = x_unlink,
	[OP_LINK] = x_link,
	[OP_RENAME] = x_rename,
	[OP_TRUNCATE] = x_truncate,
	[OP_FTRUNCATE] = x_ftruncate,
	[OP_IOCTL] = x_ioctl,
	[OP_EXEC] = x_exec,
	[OP_FORK] = x_fork,
	[OP_EXIT] = x_exit,
	[OP_RESTRICT] = x_restrict,
	[OP_TCP_BIND] = x_tcp_bind,
	[OP_TCP_CONNECT] = x_tcp_connect,
	[OP_UDP_BIND] = x_udp_bind,
	[OP_KILL] = x_kill,
	[OP_TKILL] = x_tkill,
	[OP_PTRACE] = x_ptrace,
	[OP_UNIX_LISTEN] = x_unix_listen,
	[OP_UNIX_CONNECT] = x_unix_connect,
	[OP_MOUNT] = x_mount,
	[OP_WUMOUNT] = x_umount,
	[OP_REOPEN] = x_reopen,
	[OP_SIGIO] = x_sigio,
	[OP_SIGPENDING] = x_sigpending,
	[OP_PASS] = x_pass,
	[OP_ADOPT] = x_adopt,
	[OP_UDP_CONNECT] = x_udp_connect,
	[OP_UDP_SEND] = x_udp_send,
	[OP_PATH_LISTEN] = x_path_listen,
	[OP_PATH_CONNECT] = x_path_connect,
	[OP_UNSHARE] = x_unshare,
};

/* ---- the worker process ---- */

static void *helper_main(void *arg)
{
	__atomic_store_n(&me.helper, gettid(), __ATOMIC_RELEASE);
	for (;;)
		pause();
	return NULL;
}

/* A second thread, for the signals between threads of a process. */
static void start_helper(void)
{
	pthread_attr_t attr;
	pthread_t t;

	me.helper = 0;
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, PTHREAD_STACK_MIN + 16384);
	if (pthread_create(&t, &attr, helper_main, NULL))
		_exit(1);
	pthread_attr_destroy(&attr);
	while (!__atomic_load_n(&me.helper, __ATOMIC_ACQUIRE))
		sched_yield();
}

/* Runs the items of a request; returns the number of outcomes. */
static int run_request(char *text, struct outcome *out, bool *exiting)
{
	char *line, *save;
	struct op op;
	int n = 0;

	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		if (parse_item(line, &op) <= 0)
			continue;
		if (op.actor == ACTOR_DECL) {
			tmpl_apply(me.tmpl, &op);
			continue;
		}
		memset(&out[n], 0, sizeof(out[n]));
		out[n].err = worker_ops[op.kind] ?
				     worker_ops[op.kind](&op, &out[n]) :
				     EINVAL;
		*exiting |= op.kind == OP_EXIT;
		n++;
	}
	return n;
}

static int send_reply(const struct outcome *out, int n)
{
	char buf[sizeof(struct reply_hdr) + sizeof(*out) * BATCH_MAX];
	struct reply_hdr *h = (struct reply_hdr *)buf;
	int err, i;

	h->nout = n;
	h->nfds = me.nfds_out;
	memcpy(buf + sizeof(*h), out, sizeof(*out) * n);
	err = send_msg(me.chan, buf, sizeof(*h) + sizeof(*out) * n, me.fds_out,
		       me.nfds_out);
	for (i = 0; i < me.nfds_out; i++)
		close(me.fds_out[i]);
	me.nfds_out = 0;
	return err;
}

void worker_loop(void)
{
	static char buf[MSG_SIZE];
	struct outcome out[BATCH_MAX];
	int fds[BATCH_MAX], nfds, n;
	bool exiting = false;
	ssize_t len;

	for (;;) {
		len = recv_msg(me.chan, buf, sizeof(buf) - 1, fds, &nfds);
		if (len < (ssize_t)sizeof(me.hdr))
			_exit(0);
		buf[len] = '\0';
		while (me.children && waitpid(-1, NULL, WNOHANG) > 0)
			;
		memcpy(&me.hdr, buf, sizeof(me.hdr));
		me.new_chan = nfds ? fds[0] : -1;
		n = run_request(buf + sizeof(me.hdr), out, &exiting);
		if (send_reply(out, n) || exiting)
			_exit(0);
	}
}

static void drop_capabilities(void)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2] = {};

	syscall(SYS_capset, &h, d);
}

void worker_init(int id, int chan, bool root)
{
	sigset_t sigio;
	int i;

	me.id = id;
	me.chan = chan;
	for (i = 0; i < FZ_SLOTS; i++)
		me.slot[i] = -1;
	for (i = 0; i < FZ_HANDLES; i++)
		me.handle[i] = -1;
	umask(0);
	prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
	prctl(PR_SET_PTRACER, PR_SET_PTRACER_ANY, 0, 0, 0);
	if (!root)
		drop_capabilities();
	/* SIGIO stays pending, for OP_SIGPENDING (and its helper blocks it). */
	sigemptyset(&sigio);
	sigaddset(&sigio, SIGIO);
	sigprocmask(SIG_BLOCK, &sigio, NULL);
	start_helper();
}

int worker_resume(const char *state)
{
	struct outcome out = {};
	const char *p;
	int i, fd;

	if (sscanf(state, "%d,%d,%d,%47[^,]", &me.id, &me.chan, &me.root,
		   me.prefix) != 4)
		return 2;
	p = state;
	for (i = 0; i < 4; i++)
		p = strchr(p, ',') + 1;
	for (i = 0; i < FZ_SLOTS + FZ_HANDLES; i++) {
		fd = strtol(p, (char **)&p, 10);
		p++;
		/* Files marked close-on-exec are gone. */
		if (fd >= 0 && fcntl(fd, F_GETFD) < 0)
			fd = -1;
		if (i < FZ_SLOTS)
			me.slot[i] = fd;
		else
			me.handle[i - FZ_SLOTS] = fd;
	}
	start_helper();
	if (send_reply(&out, 1))
		return 1;
	worker_loop();
}
