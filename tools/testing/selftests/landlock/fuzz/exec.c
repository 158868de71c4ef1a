// SPDX-License-Identifier: GPL-2.0
/*
 * Landlock differential fuzzer: the controller (see exec.h).
 *
 * Once per run, the namespaces; per scenario, the tree (a new tmpfs, or a
 * directory of another file system bind-mounted on itself) and worker w0;
 * then the controller's actions (mounts, listeners, the threads of the
 * concurrency mode) and the batches of the workers' operations.
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
#include "worker.h"

#define CTL_LISTENERS 16

static char exe_path[4096];

long exec_moves, exec_toggles;

static struct {
	bool active, own_tmpfs;
	char dir[4096];
	int chan[FZ_WORKERS];
	struct req_hdr hdr;
	int listeners[CTL_LISTENERS];
	int nlisteners;
	int unix_socks[FZ_SOCKNAMES][2];
	int path_socks[FZ_PATH_SOCKS], npath_socks;
	int counter;
	bool root;
	/* The pending batch. */
	int worker, n, len;
	struct op ops[BATCH_MAX];
	char text[MSG_SIZE];
	int fork_fd; /* the new worker's end of its channel */
	int fork_chan; /* ours */
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
	env->nodev = !env->root; /* for its own tmpfs; see main.c */
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
	env->mqueue = syscall(SYS_mq_open, "landlock-fuzz-probe", O_RDONLY, 0,
			      NULL) >= 0 ||
		      errno != NO_SYSCALL;
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
	x.nlisteners = 0;
	x.npath_socks = 0;
	x.n = 0;
	x.len = 0;
	x.nthreads = 0;
	x.fork_fd = -1;
	x.fork_chan = -1;
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
	for (i = 0; i < x.npath_socks; i++)
		close(x.path_socks[i]);
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
	/* Stream listeners accept, datagram sockets read. */
	for (i = 0; i < x.npath_socks; i++) {
		while ((fd = accept4(x.path_socks[i], NULL, NULL,
				     SOCK_CLOEXEC)) >= 0)
			close(fd);
		while (recv(x.path_socks[i], buf, sizeof(buf), MSG_DONTWAIT) >=
		       0)
			;
	}
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
	if (ro &&
	    mount(NULL, dst, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY, NULL))
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
	int from, to; /* the two parents */
	char name[FZ_NAME];
	/*
	 * Of a toggled mount: the source through an O_PATH descriptor taken
	 * once, so that it stays the directory the model mounts even if a
	 * rename changes what its path names; the mount point by path (the
	 * generator never moves it).
	 */
	int src_fd;
	char src[32], dst[FZ_PATH + 32];
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
			__atomic_add_fetch(&exec_moves, 1, __ATOMIC_RELAXED);
		}
		sched_yield();
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
		if (!mounted)
			__atomic_add_fetch(&exec_toggles, 1, __ATOMIC_RELAXED);
		sched_yield();
	}
	close(mv->src_fd);
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
	const char *rel;
	int dfd = at(op->path, &rel);
	int err;

	/* Before the mount, which may cover the source (m0/x on m0). */
	mv->src_fd = openat(dfd, rel, O_PATH);
	err = c_bind(op);
	if (err || mv->src_fd < 0) {
		if (mv->src_fd >= 0)
			close(mv->src_fd);
		free(mv);
		return err ?: ENOENT;
	}
	snprintf(mv->src, sizeof(mv->src), "/proc/self/fd/%d", mv->src_fd);
	proc_path(op->path2, mv->dst, sizeof(mv->dst));
	dfd = mv->src_fd;
	err = start_thread(toggle_main, mv);
	if (err)
		close(dfd);
	return err;
}

int exec_ctl(const struct op *op, struct outcome *out)
{
	char buf[FZ_PATH + 32];
	const char *dev;
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
		dev = op->flags == DEV_NULL ? "/dev/null" : "/dev/zero";
		out->err = c_bind_external(op, dev, false);
		break;
	case OP_EXEBIND:
		out->err = c_bind_external(op, exe_path, true);
		break;
	case OP_UMOUNT:
		proc_path(op->path, buf, sizeof(buf));
		out->err = err_of(umount2(buf, 0));
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
		out->err = EINVAL;
	}
	return 0;
}

/* ---- batches of worker operations ---- */

/*
 * A pass is alone too: the receiver gets the file after the batch, and it
 * may be the sender itself.
 */
bool exec_single(const struct op *op)
{
	return op->kind == OP_EXEC || op->kind == OP_FORK ||
	       op->kind == OP_EXIT || op->kind == OP_PASS;
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
	struct op decl = { .kind = OP_LAYER,
			   .actor = ACTOR_DECL,
			   .layer = layer,
			   .fs = t->fs,
			   .net = t->net,
			   .scope = t->scope,
			   .perm = t->perm };
	int i;

	append_line(&decl);
	for (i = 0; i < t->n; i++) {
		struct op rule;

		rule_decl(&t->rules[i], layer, &rule);
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

/* Hands a file passed by a worker to another one: "wN adopt sM". */
static int hand_over(const struct op *pass, int fd)
{
	struct op adopt = { .kind = OP_ADOPT,
			    .actor = pass->peer,
			    .slot = pass->slot };
	char buf[sizeof(x.hdr) + 64];
	struct {
		struct reply_hdr h;
		struct outcome o;
	} reply;
	int chan = x.chan[pass->peer], len, nfds, fds[BATCH_MAX];

	memcpy(buf, &x.hdr, sizeof(x.hdr));
	format_item(&adopt, buf + sizeof(x.hdr), sizeof(buf) - sizeof(x.hdr));
	len = sizeof(x.hdr) + strlen(buf + sizeof(x.hdr));
	if (chan < 0 || send_msg(chan, buf, len, &fd, 1) ||
	    recv_msg(chan, &reply, sizeof(reply), fds, &nfds) !=
		    sizeof(reply) ||
	    reply.o.err)
		return -1;
	return 0;
}

/*
 * The files that came with a reply: the sockets the workers bound (kept:
 * their name, abstract or a file, stays theirs), the files passed to
 * other workers.
 */
static int take_files(const struct outcome *out, const int *fds, int nfds)
{
	int i, k = 0, err = 0;

	for (i = 0; i < x.n && k < nfds; i++) {
		const struct op *op = &x.ops[i];

		if (out[i].err)
			continue;
		if (op->kind == OP_UNIX_LISTEN) {
			fcntl(fds[k], F_SETFL, O_NONBLOCK);
			x.unix_socks[op->num][op->flags] = fds[k++];
		} else if (op->kind == OP_PATH_LISTEN &&
			   x.npath_socks < FZ_PATH_SOCKS) {
			fcntl(fds[k], F_SETFL, O_NONBLOCK);
			x.path_socks[x.npath_socks++] = fds[k++];
		} else if (op->kind == OP_PASS) {
			err |= hand_over(op, fds[k]);
			close(fds[k++]);
		}
	}
	for (; k < nfds; k++)
		close(fds[k]);
	return err;
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
	if (take_files(out, fds, nfds))
		return -1;
	for (i = 0; i < x.n; i++) {
		if (after_reply(&x.ops[i], &out[i]))
			return -1;
		if (x.ops[i].kind == OP_TCP_CONNECT ||
		    x.ops[i].kind == OP_UNIX_CONNECT ||
		    x.ops[i].kind == OP_PATH_CONNECT)
			connected = true;
	}
	if (connected)
		drain();
	x.n = 0;
	x.len = 0;
	return 0;
}
