// SPDX-License-Identifier: GPL-2.0
/*
 * Landlock differential fuzzer: the executor (see exec.h).
 *
 * Messages: a request is a header (the pids of the workers, to signal or
 * trace them) and the text of the items, one per line (a restriction is
 * preceded by the declaration of its template); a reply is a header and one
 * outcome per operation, with the file descriptors of the abstract UNIX
 * sockets that were bound (the controller keeps them).  A new worker says
 * hello (its pid) on its channel.
 *
 * Paths of the scenario are used relative to the root of the tree or to a
 * handle; the system calls without an *at() variant (truncate(2),
 * mount(2), umount(2)) get them through /proc/self/fd.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
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

#ifndef __NR_landlock_create_ruleset
#define __NR_landlock_create_ruleset 444
#define __NR_landlock_add_rule 445
#define __NR_landlock_restrict_self 446
#endif

#define BATCH_MAX 16
#define MSG_SIZE 32768
#define CTL_LISTENERS 16

struct req_hdr {
	int pids[FZ_WORKERS];
	int ctl_pid;
};

struct reply_hdr {
	int nout;
	int nfds;
};

/* What a process (worker or controller) uses to find the scenario's files. */
static struct {
	int id, chan, root;
	int slot[FZ_SLOTS];
	int handle[FZ_HANDLES];
	pid_t helper;
	char prefix[48];		/* of the abstract socket names */
	struct layer_tmpl tmpl[FZ_TEMPLATES];
	struct req_hdr hdr;		/* of the last request */
	int fds_out[BATCH_MAX], nfds_out;
	int new_chan;			/* received with a fork request */
	bool children;			/* forked workers, to reap */
} me = { .chan = -1, .root = -1, .new_chan = -1 };

static char exe_path[4096];

/* ---- helpers ---- */

static int err_of(long ret)
{
	return ret < 0 ? errno : 0;
}

/* The directory and relative path of a path of the scenario. */
static int at(const char *path, const char **rel)
{
	if (path[0] == 'h' && path[2] == ':') {
		int h = path[1] - '0';

		*rel = path + 3;
		return h < FZ_HANDLES ? me.handle[h] : -1;
	}
	*rel = path;
	return me.root;
}

static const char *proc_path(const char *path, char *buf, size_t size)
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
	memset(ss, 0, sizeof(*ss));
	if (family == FAM_INET6) {
		struct sockaddr_in6 *a = (struct sockaddr_in6 *)ss;

		a->sin6_family = AF_INET6;
		a->sin6_port = htons(port);
		a->sin6_addr = in6addr_loopback;
		return sizeof(*a);
	} else {
		struct sockaddr_in *a = (struct sockaddr_in *)ss;

		a->sin_family = AF_INET;
		a->sin_port = htons(port);
		a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		return sizeof(*a);
	}
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

static int send_msg(int chan, const void *buf, size_t len, const int *fds,
		    int nfds)
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
static ssize_t recv_msg(int chan, void *buf, size_t len, int *fds, int *nfds)
{
	char control[CMSG_SPACE(sizeof(int) * BATCH_MAX)];
	struct iovec iov = { buf, len };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1,
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
	const char *rel;
	int dfd = at(op->path, &rel);

	return err_of(unlinkat(dfd, rel, op->kind == OP_RMDIR ? AT_REMOVEDIR :
								 0));
}

static int x_link(const struct op *op, struct outcome *o)
{
	const char *rel1, *rel2;
	int dfd1 = at(op->path, &rel1), dfd2 = at(op->path2, &rel2);

	return err_of(linkat(dfd1, rel1, dfd2, rel2, 0));
}

static int x_rename(const struct op *op, struct outcome *o)
{
	static const unsigned int flags[] = { [RF_NOREPLACE] = 1,
					      [RF_EXCHANGE] = 2,
					      [RF_WHITEOUT] = 4 };
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
	char state[256];
	char *argv[] = { "landlock-fuzz", "--worker", state, NULL };
	char *envp[] = { NULL };
	const char *rel;
	int dfd = at(op->path, &rel);

	format_state(state, sizeof(state));
	syscall(SYS_execveat, dfd, rel, argv, envp, 0);
	return errno;
}

static void worker_loop(void) __attribute__((noreturn));
static void start_helper(void);

static int hello(void)
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

static int x_exit(const struct op *op, struct outcome *o)
{
	return 0;		/* the loop exits after the reply */
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
	const char *rel;
	int err, dfd;

	if (r->port)
		return err_of(syscall(__NR_landlock_add_rule, ruleset,
				      LL_RULE_NET_PORT, &port, 0));
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
	struct {
		uint64_t fs, net, scope;
	} attr = { t->fs, t->net, t->scope };
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
static int bind_port(int family, int type, int port, int *fdp)
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

static const int signals[SIG_COUNT] = { [SIG_NONE] = 0, [SIG_URG] = SIGURG,
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

static int x_unix_listen(const struct op *op, struct outcome *o)
{
	struct sockaddr_un a;
	socklen_t len = abstract_name(op->num, &a);
	int type = op->flags == UT_DGRAM ? SOCK_DGRAM : SOCK_STREAM;
	int fd = socket(AF_UNIX, type, 0), err;

	if (fd < 0)
		return errno;
	err = err_of(bind(fd, (struct sockaddr *)&a, len));
	if (!err && type == SOCK_STREAM)
		err = err_of(listen(fd, 64));
	if (err) {
		close(fd);
		return err;
	}
	me.fds_out[me.nfds_out++] = fd;
	return 0;
}

static int x_unix_connect(const struct op *op, struct outcome *o)
{
	struct sockaddr_un a;
	socklen_t len = abstract_name(op->num, &a);
	int type = op->flags == UT_DGRAM ? SOCK_DGRAM : SOCK_STREAM;
	int fd = socket(AF_UNIX, type | SOCK_CLOEXEC, 0), err;

	if (fd < 0)
		return errno;
	if (type == SOCK_STREAM)
		err = err_of(connect(fd, (struct sockaddr *)&a, len));
	else
		err = err_of(sendto(fd, "", 1, MSG_DONTWAIT,
				    (struct sockaddr *)&a, len));
	close(fd);
	return err;
}

static void queue_name(char *buf, size_t size)
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
				     ENOSYS;
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

static void worker_loop(void)
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

static void worker_init(int id, int chan, bool root)
{
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

/* ---- the controller ---- */

static struct {
	bool active, own_tmpfs;
	char dir[4096];
	int chan[FZ_WORKERS];
	struct req_hdr hdr;
	int listeners[CTL_LISTENERS];
	int nlisteners;
	int unix_socks[FZ_SOCKNAMES][2];
	int counter;
	bool root;
	/* The pending batch. */
	int worker, n, len;
	struct op ops[BATCH_MAX];
	char text[MSG_SIZE];
	int fork_fd;		/* the new worker's end of its channel */
	int fork_chan;		/* ours */
	/* Concurrency mode. */
	pthread_t threads[2];
	int nthreads;
	bool stop;
} x;

static void write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);

	if (fd >= 0) {
		if (write(fd, text, strlen(text)) < 0)
			perror(path);
		close(fd);
	}
}

/*
 * Our own mount namespace; as a user other than root, in a user namespace
 * of our own too (mapping only ourselves), where the workers drop every
 * capability and the tmpfs of the tree ignores device files.
 */
int exec_setup(struct env *env)
{
	char map[64];
	uid_t uid = getuid();
	gid_t gid = getgid();
	ssize_t len;

	env->root = !uid;
	env->nodev = !env->root;
	if (unshare(CLONE_NEWNS | (env->root ? 0 : CLONE_NEWUSER))) {
		perror("landlock-fuzz: unshare");
		return -1;
	}
	if (!env->root) {
		snprintf(map, sizeof(map), "%d %d 1", uid, uid);
		write_file("/proc/self/uid_map", map);
		write_file("/proc/self/setgroups", "deny");
		snprintf(map, sizeof(map), "%d %d 1", gid, gid);
		write_file("/proc/self/gid_map", map);
	}
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL)) {
		perror("landlock-fuzz: mount --make-rprivate /");
		return -1;
	}
	prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
	signal(SIGPIPE, SIG_IGN);
	len = readlink("/proc/self/exe", exe_path, sizeof(exe_path) - 1);
	if (len < 0)
		return -1;
	exe_path[len] = '\0';
	env->abi = syscall(__NR_landlock_create_ruleset, NULL, 0,
			   LL_CREATE_RULESET_VERSION);
	env->mqueue = !(syscall(SYS_mq_open, "landlock-fuzz-probe", O_RDONLY,
				0, NULL) < 0 && errno == ENOSYS);
	x.root = env->root;
	return env->abi > 0 ? 0 : -1;
}

static int recv_hello(int chan)
{
	int pid = -1, fds[BATCH_MAX], nfds;

	if (recv_msg(chan, &pid, sizeof(pid), fds, &nfds) != sizeof(pid))
		return -1;
	return pid;
}

static int spawn_first_worker(void)
{
	int sv[2];
	pid_t pid;

	if (socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv))
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (!pid) {
		close(sv[0]);
		worker_init(0, sv[1], x.root);
		if (hello())
			_exit(1);
		worker_loop();
	}
	close(sv[1]);
	x.chan[0] = sv[0];
	x.hdr.pids[0] = recv_hello(sv[0]);
	return x.hdr.pids[0] > 0 ? 0 : -1;
}

int exec_begin(const struct env *env, const char *fs_dir, bool own_tmpfs)
{
	int i, j, err;

	memset(&x.hdr, 0, sizeof(x.hdr));
	x.hdr.ctl_pid = getpid();
	for (i = 0; i < FZ_WORKERS; i++)
		x.chan[i] = -1;
	for (i = 0; i < FZ_SOCKNAMES; i++)
		for (j = 0; j < 2; j++)
			x.unix_socks[i][j] = -1;
	x.nlisteners = x.n = x.len = x.nthreads = 0;
	x.fork_fd = x.fork_chan = -1;
	x.stop = false;
	x.own_tmpfs = own_tmpfs;
	snprintf(x.dir, sizeof(x.dir), "%s/s%d", fs_dir, x.counter);
	snprintf(me.prefix, sizeof(me.prefix), "lfz-%d-%d-", getpid(),
		 x.counter++);
	if (mkdir(x.dir, 0777) && errno != EEXIST)
		return -1;
	if (own_tmpfs)
		err = mount("lfz", x.dir, "tmpfs", 0, "mode=0777,size=32m");
	else
		err = mount(x.dir, x.dir, NULL, MS_BIND, NULL) ||
		      chmod(x.dir, 0777);
	if (err) {
		perror("landlock-fuzz: mounting the tree");
		return -1;
	}
	me.root = open(x.dir, O_PATH | O_DIRECTORY);
	for (i = 0; i < FZ_HANDLES; i++)
		me.handle[i] = -1;
	x.active = true;
	return me.root < 0 ? -1 : spawn_first_worker();
}

static int remove_entry(const char *path, const struct stat *st, int type,
			struct FTW *ftw)
{
	return remove(path) && errno != ENOENT ? -1 : 0;
}

void exec_end(void)
{
	char buf[64];
	int i, j, status;

	if (!x.active)
		return;
	__atomic_store_n(&x.stop, true, __ATOMIC_RELEASE);
	for (i = 0; i < x.nthreads; i++)
		pthread_join(x.threads[i], NULL);
	for (i = 0; i < FZ_WORKERS; i++) {
		if (x.hdr.pids[i] > 0)
			kill(x.hdr.pids[i], SIGKILL);
		if (x.chan[i] >= 0)
			close(x.chan[i]);
	}
	while (wait(&status) > 0 || errno == EINTR)
		;
	for (i = 0; i < x.nlisteners; i++)
		close(x.listeners[i]);
	for (i = 0; i < FZ_SOCKNAMES; i++)
		for (j = 0; j < 2; j++)
			if (x.unix_socks[i][j] >= 0)
				close(x.unix_socks[i][j]);
	if (x.fork_chan >= 0)
		close(x.fork_chan);
	if (x.fork_fd >= 0)
		close(x.fork_fd);
	close(me.root);
	me.root = -1;
	queue_name(buf, sizeof(buf));
	syscall(SYS_mq_unlink, buf);
	if (umount2(x.dir, MNT_DETACH))
		perror("landlock-fuzz: unmounting the tree");
	if (!x.own_tmpfs)
		nftw(x.dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
	rmdir(x.dir);
	x.active = false;
}

/* Accepts and reads what the workers' connections left. */
static void drain(void)
{
	char buf[64];
	int i, j, fd;

	for (i = 0; i < x.nlisteners; i++)
		while ((fd = accept4(x.listeners[i], NULL, NULL,
				     SOCK_CLOEXEC)) >= 0)
			close(fd);
	for (i = 0; i < FZ_SOCKNAMES; i++) {
		for (j = 0; j < 2; j++) {
			fd = x.unix_socks[i][j];
			if (fd < 0)
				continue;
			if (j == UT_STREAM)
				while ((fd = accept4(x.unix_socks[i][j], NULL,
						     NULL, SOCK_CLOEXEC)) >= 0)
					close(fd);
			else
				while (recv(fd, buf, sizeof(buf),
					    MSG_DONTWAIT) >= 0)
					;
		}
	}
}

/* ---- controller actions ---- */

static int c_bind(const struct op *op)
{
	char src[FZ_PATH + 32], dst[FZ_PATH + 32];

	return err_of(mount(proc_path(op->path, src, sizeof(src)),
			    proc_path(op->path2, dst, sizeof(dst)), NULL,
			    MS_BIND, NULL));
}

/* A new regular file, and a file from outside the tree mounted on it. */
static int c_bind_external(const struct op *op, const char *what, bool ro)
{
	char dst[FZ_PATH + 32];
	const char *rel;
	int dfd = at(op->path, &rel);

	if (mknodat(dfd, rel, S_IFREG | 0777, 0))
		return errno;
	proc_path(op->path, dst, sizeof(dst));
	if (mount(what, dst, NULL, MS_BIND, NULL))
		return errno;
	if (ro && mount(NULL, dst, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY,
			NULL))
		return errno;
	return 0;
}

static int c_listen(const struct op *op)
{
	int fd, err;

	if (x.nlisteners >= CTL_LISTENERS)
		return ENOSPC;
	err = bind_port(op->flags, SOCK_STREAM | SOCK_NONBLOCK, op->num, &fd);
	if (!err && listen(fd, 64)) {
		err = errno;
		close(fd);
	}
	if (!err)
		x.listeners[x.nlisteners++] = fd;
	return err;
}

struct mover {
	int from, to;		/* the two parents */
	char name[FZ_NAME];
	char src[FZ_PATH + 32], dst[FZ_PATH + 32]; /* of a toggled mount */
};

static bool stopping(void)
{
	return __atomic_load_n(&x.stop, __ATOMIC_ACQUIRE);
}

/* Moves a directory between two parents until the scenario ends. */
static void *mover_main(void *arg)
{
	struct mover *mv = arg;

	while (!stopping()) {
		if (!renameat(mv->from, mv->name, mv->to, mv->name)) {
			int t = mv->from;

			mv->from = mv->to;
			mv->to = t;
		}
	}
	close(mv->from);
	close(mv->to);
	free(mv);
	return NULL;
}

/* Unmounts and mounts a bind mount again until the scenario ends. */
static void *toggle_main(void *arg)
{
	struct mover *mv = arg;
	bool mounted = true;

	while (!stopping()) {
		if (mounted)
			mounted = !!umount2(mv->dst, 0);
		else
			mounted = !mount(mv->src, mv->dst, NULL, MS_BIND, NULL);
	}
	free(mv);
	return NULL;
}

static int start_thread(void *(*fn)(void *), struct mover *mv)
{
	if (x.nthreads >= 2 ||
	    pthread_create(&x.threads[x.nthreads], NULL, fn, mv)) {
		free(mv);
		return EAGAIN;
	}
	x.nthreads++;
	return 0;
}

static int c_mover(const struct op *op)
{
	struct mover *mv = calloc(1, sizeof(*mv));
	char parent[FZ_PATH];
	const char *slash = strrchr(op->path, '/');
	const char *rel;
	int dfd;

	snprintf(parent, sizeof(parent), "%.*s",
		 slash ? (int)(slash - op->path) : 1, slash ? op->path : ".");
	snprintf(mv->name, sizeof(mv->name), "%.*s", FZ_NAME - 1,
		 slash ? slash + 1 : op->path);
	dfd = at(parent, &rel);
	mv->from = openat(dfd, rel, O_PATH | O_DIRECTORY);
	dfd = at(op->path2, &rel);
	mv->to = openat(dfd, rel, O_PATH | O_DIRECTORY);
	if (mv->from < 0 || mv->to < 0) {
		close(mv->from);
		close(mv->to);
		free(mv);
		return ENOENT;
	}
	return start_thread(mover_main, mv);
}

static int c_toggle(const struct op *op)
{
	struct mover *mv = calloc(1, sizeof(*mv));
	int err = c_bind(op);

	if (err) {
		free(mv);
		return err;
	}
	proc_path(op->path, mv->src, sizeof(mv->src));
	proc_path(op->path2, mv->dst, sizeof(mv->dst));
	return start_thread(toggle_main, mv);
}

int exec_ctl(const struct op *op, struct outcome *out)
{
	char buf[FZ_PATH + 32];
	int err;

	memset(out, 0, sizeof(*out));
	err = exec_flush(NULL);
	if (err)
		return err;
	switch (op->kind) {
	case OP_BIND:
		out->err = c_bind(op);
		break;
	case OP_DEVBIND:
		out->err = c_bind_external(op, op->flags == DEV_NULL ?
						       "/dev/null" :
						       "/dev/zero", false);
		break;
	case OP_EXEBIND:
		out->err = c_bind_external(op, exe_path, true);
		break;
	case OP_UMOUNT:
		out->err = err_of(umount2(proc_path(op->path, buf, sizeof(buf)),
					  0));
		break;
	case OP_LISTEN:
		out->err = c_listen(op);
		break;
	case OP_MOVER:
		out->err = c_mover(op);
		break;
	case OP_TOGGLE:
		out->err = c_toggle(op);
		break;
	default:
		out->err = ENOSYS;
	}
	return 0;
}

/* ---- batches of worker operations ---- */

bool exec_single(const struct op *op)
{
	return op->kind == OP_EXEC || op->kind == OP_FORK ||
	       op->kind == OP_EXIT;
}

int exec_pending(void)
{
	return x.n;
}

static void append_line(const struct op *op)
{
	format_item(op, x.text + x.len, sizeof(x.text) - x.len - 1);
	x.len += strlen(x.text + x.len);
	x.text[x.len++] = '\n';
	x.text[x.len] = '\0';
}

/* The declarations that rebuild a template in the worker. */
static void append_template(int layer, const struct layer_tmpl *t)
{
	struct op decl = { .kind = OP_LAYER, .actor = ACTOR_DECL,
			   .layer = layer, .fs = t->fs, .net = t->net,
			   .scope = t->scope };
	int i;

	append_line(&decl);
	for (i = 0; i < t->n; i++) {
		const struct rule_tmpl *r = &t->rules[i];
		struct op rule = { .actor = ACTOR_DECL, .layer = layer };

		if (r->port) {
			rule.kind = OP_PORT;
			rule.num = r->number;
			rule.net = r->access;
		} else {
			rule.kind = OP_RULE;
			rule.fs = r->access;
			snprintf(rule.path, sizeof(rule.path), "%s", r->path);
		}
		append_line(&rule);
	}
}

int exec_add(const struct op *op, const struct layer_tmpl *tmpl)
{
	if (x.n && (x.worker != op->actor || x.n >= BATCH_MAX ||
		    exec_single(op) || exec_single(&x.ops[0])))
		if (exec_flush(NULL))
			return -1;
	if (x.chan[op->actor] < 0)
		return -1;
	x.worker = op->actor;
	x.ops[x.n++] = *op;
	if (op->kind == OP_RESTRICT)
		append_template(op->layer, tmpl);
	if (op->kind == OP_FORK) {
		int sv[2];

		if (socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv))
			return -1;
		x.fork_chan = sv[0];
		x.fork_fd = sv[1];
	}
	append_line(op);
	return 0;
}

/* After the reply: the new worker of a fork, the end of an exit. */
static int after_reply(const struct op *op, const struct outcome *o)
{
	if (op->kind == OP_FORK) {
		close(x.fork_fd);
		x.fork_fd = -1;
		if (!o->err && op->peer >= 0) {
			x.chan[op->peer] = x.fork_chan;
			x.hdr.pids[op->peer] = recv_hello(x.fork_chan);
			x.fork_chan = -1;
			return x.hdr.pids[op->peer] > 0 ? 0 : -1;
		}
		close(x.fork_chan);
		x.fork_chan = -1;
	}
	if (op->kind == OP_EXIT && !o->err) {
		/* Its parent, or we (subreaper), reaps it. */
		close(x.chan[op->actor]);
		x.chan[op->actor] = -1;
		waitpid(x.hdr.pids[op->actor], NULL, WNOHANG);
		x.hdr.pids[op->actor] = 0;
	}
	return 0;
}

/* Keeps the sockets the workers bound (their name stays theirs). */
static void keep_sockets(const struct outcome *out, const int *fds, int nfds)
{
	int i, k = 0;

	for (i = 0; i < x.n; i++) {
		const struct op *op = &x.ops[i];

		if (op->kind != OP_UNIX_LISTEN || out[i].err || k >= nfds)
			continue;
		fcntl(fds[k], F_SETFL, O_NONBLOCK);
		x.unix_socks[op->num][op->flags] = fds[k++];
	}
	for (; k < nfds; k++)
		close(fds[k]);
}

int exec_flush(struct outcome *out)
{
	static char buf[MSG_SIZE];
	struct outcome scratch[BATCH_MAX];
	struct reply_hdr *h = (struct reply_hdr *)buf;
	int fds[BATCH_MAX], nfds, i, chan = x.chan[x.worker];
	bool connected = false;
	ssize_t len;

	if (!x.n)
		return 0;
	if (!out)
		out = scratch;
	memcpy(buf, &x.hdr, sizeof(x.hdr));
	memcpy(buf + sizeof(x.hdr), x.text, x.len + 1);
	if (send_msg(chan, buf, sizeof(x.hdr) + x.len, &x.fork_fd,
		     x.fork_fd >= 0))
		return -1;
	len = recv_msg(chan, buf, sizeof(buf), fds, &nfds);
	if (len < (ssize_t)sizeof(*h) || h->nout != x.n) {
		fprintf(stderr, "landlock-fuzz: worker %d did not answer\n",
			x.worker);
		return -1;
	}
	memcpy(out, buf + sizeof(*h), sizeof(*out) * x.n);
	keep_sockets(out, fds, nfds);
	for (i = 0; i < x.n; i++) {
		if (after_reply(&x.ops[i], &out[i]))
			return -1;
		if (x.ops[i].kind == OP_TCP_CONNECT ||
		    x.ops[i].kind == OP_UNIX_CONNECT)
			connected = true;
	}
	if (connected)
		drain();
	x.n = x.len = 0;
	return 0;
}
