// SPDX-License-Identifier: GPL-2.0
/*
 * Landlock soak test: many processes and threads at once, for a while,
 * creating rulesets, restricting themselves (with and without TSYNC),
 * forking, exec'ing, opening, renaming, mounting and unmounting, sending
 * signals and connecting sockets across domains.
 *
 *   soak SECONDS
 *
 * Run as root (harness/debug.sh soak, in the debug UML guest): it works in
 * a private mount namespace and a directory of /tmp.  Each worker process
 * has a directory, a TCP listener and an abstract UNIX listener of its own;
 * its threads pick operations at random.  A sandboxed child checks what its
 * domain must deny (EACCES or EPERM, never anything else).  At the end, it
 * prints the operations done per kind and per second, and exits with 1 if
 * any result was unexpected or a worker did not stop (a hang: the kernel's
 * hung task detector then has the time to report it).  The kernel log is
 * judged by the harness (splats, kmemleak).
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/landlock.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define NR_WORKERS 6
#define NR_THREADS 3
#define BASE_PORT 21000
#define SOAK_DIR "/tmp/landlock-soak"
/* After the deadline, how long the workers may take to stop. */
#define STOP_GRACE_S 90

enum kind {
	K_RULESET,
	K_RESTRICT,
	K_TSYNC,
	K_FORK,
	K_EXEC,
	K_OPEN,
	K_RENAME,
	K_MOUNT,
	K_SIGNAL,
	K_CONNECT,
	K_DENIED,
	NR_KINDS,
};

static const char *const kind_names[NR_KINDS] = {
	"create_ruleset", "restrict_self", "tsync",  "fork",
	"exec",		  "open",	   "rename", "mount+umount",
	"signal",	  "connect",	   "denied",
};

/* Shared by every process. */
struct shared {
	unsigned long counts[NR_KINDS];
	unsigned long unexpected;
	int ready;
	int listening;
	int stop;
	int done;
	pid_t workers[NR_WORKERS];
};

static struct shared *shared;
static int worker_id;
/*
 * Seed of the calling thread's random numbers.  Not rand(): its lock may
 * be held by another thread when one forks, and the child, which has only
 * the forking thread, would then wait for it forever.
 */
static __thread unsigned int seed;
/* This program, which a domain lets its processes execute. */
static char self_exe[256];

static int random_int(void)
{
	return rand_r(&seed);
}

static void count(const enum kind k)
{
	__atomic_fetch_add(&shared->counts[k], 1, __ATOMIC_RELAXED);
}

static bool stopping(void)
{
	return __atomic_load_n(&shared->stop, __ATOMIC_RELAXED);
}

/* Records a result other than @want (an errno, 0 for success). */
static void expect(const char *const what, const int want, const int got)
{
	if (want == got)
		return;
	if (__atomic_fetch_add(&shared->unexpected, 1, __ATOMIC_RELAXED) < 20)
		fprintf(stderr,
			"soak: worker %d (%d/%ld): %s: %s instead of %s\n",
			worker_id, getpid(), syscall(SYS_gettid), what,
			got ? strerror(got) : "success",
			want ? strerror(want) : "success");
}

#define ERR(ret) ((ret) < 0 ? errno : 0)

static int create_ruleset(const __u64 fs, const __u64 net, const __u64 scoped)
{
	const struct landlock_ruleset_attr attr = {
		.handled_access_fs = fs,
		.handled_access_net = net,
		.scoped = scoped,
	};

	return syscall(__NR_landlock_create_ruleset, &attr, sizeof(attr), 0);
}

static int add_path_rule(const int fd, const char *const path,
			 const __u64 access)
{
	struct landlock_path_beneath_attr attr = {
		.allowed_access = access,
	};
	int err;

	attr.parent_fd = open(path, O_PATH | O_CLOEXEC);
	if (attr.parent_fd < 0)
		return errno;
	err = ERR(syscall(__NR_landlock_add_rule, fd,
			  LANDLOCK_RULE_PATH_BENEATH, &attr, 0));
	close(attr.parent_fd);
	return err;
}

static int add_port_rule(const int fd, const __u64 access, const __u64 port)
{
	const struct landlock_net_port_attr attr = {
		.allowed_access = access,
		.port = port,
	};

	return ERR(syscall(__NR_landlock_add_rule, fd, LANDLOCK_RULE_NET_PORT,
			   &attr, 0));
}

#define FS_HANDLED                                                      \
	(LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_WRITE_FILE | \
	 LANDLOCK_ACCESS_FS_READ_DIR | LANDLOCK_ACCESS_FS_REMOVE_FILE | \
	 LANDLOCK_ACCESS_FS_MAKE_REG | LANDLOCK_ACCESS_FS_REFER |       \
	 LANDLOCK_ACCESS_FS_TRUNCATE)
#define NET_HANDLED \
	(LANDLOCK_ACCESS_NET_BIND_TCP | LANDLOCK_ACCESS_NET_CONNECT_TCP)
#define SCOPED (LANDLOCK_SCOPE_SIGNAL | LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET)

static void worker_dir(char *const buf, const size_t size, const int id)
{
	snprintf(buf, size, SOAK_DIR "/w%d", id);
}

/* A ruleset allowing the worker's directory and TCP port. */
static int worker_ruleset(void)
{
	char dir[64];
	int fd;

	fd = create_ruleset(FS_HANDLED, NET_HANDLED, SCOPED);
	expect("create_ruleset", 0, ERR(fd));
	if (fd < 0)
		return fd;
	worker_dir(dir, sizeof(dir), worker_id);
	expect("add_rule(path)", 0, add_path_rule(fd, dir, FS_HANDLED));
	expect("add_rule(exe)", 0,
	       add_path_rule(fd, self_exe, LANDLOCK_ACCESS_FS_READ_FILE));
	/* Execution is not handled: /proc/self/exe can be run. */
	expect("add_rule(port)", 0,
	       add_port_rule(fd, NET_HANDLED, BASE_PORT + worker_id));
	count(K_RULESET);
	return fd;
}

static int tcp_connect(const int port)
{
	const struct sockaddr_in addr = {
		.sin_family = AF_INET,
		.sin_port = htons(port),
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
	const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	int err;

	if (fd < 0)
		return errno;
	err = ERR(connect(fd, (const struct sockaddr *)&addr, sizeof(addr)));
	close(fd);
	return err;
}

static socklen_t abstract_addr(struct sockaddr_un *const addr, const int id)
{
	memset(addr, 0, sizeof(*addr));
	addr->sun_family = AF_UNIX;
	return offsetof(struct sockaddr_un, sun_path) + 1 +
	       snprintf(addr->sun_path + 1, sizeof(addr->sun_path) - 1,
			"landlock-soak-%d", id);
}

static int unix_connect(const int id)
{
	struct sockaddr_un addr;
	const socklen_t len = abstract_addr(&addr, id);
	const int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	int err;

	if (fd < 0)
		return errno;
	err = ERR(connect(fd, (const struct sockaddr *)&addr, len));
	close(fd);
	return err;
}

static int other_worker(void)
{
	return (worker_id + 1 + random_int() % (NR_WORKERS - 1)) % NR_WORKERS;
}

/* Creates or truncates @path: returns 0 or errno. */
static int touch(const char *const path)
{
	const int fd =
		open(path, O_CREAT | O_WRONLY | O_TRUNC | O_CLOEXEC, 0600);

	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

/* What a sandboxed thread may do, and what it may not. */
static void sandboxed_ops(void)
{
	const int other = other_worker();
	char path[96], dir[64];

	worker_dir(dir, sizeof(dir), worker_id);
	snprintf(path, sizeof(path), "%s/f%d", dir, getpid() % 64);
	expect("sandboxed open", 0, touch(path));
	count(K_OPEN);
	expect("sandboxed connect", 0, tcp_connect(BASE_PORT + worker_id));
	count(K_CONNECT);

	worker_dir(dir, sizeof(dir), other);
	snprintf(path, sizeof(path), "%s/common", dir);
	expect("denied open", EACCES, ERR(open(path, O_RDONLY | O_CLOEXEC)));
	expect("denied connect", EACCES, tcp_connect(BASE_PORT + other));
	snprintf(path, sizeof(path), "denied signal to %d",
		 shared->workers[other]);
	expect(path, EPERM, ERR(kill(shared->workers[other], SIGURG)));
	expect("denied unix connect", EPERM, unix_connect(other));
	expect("denied mount", EPERM,
	       ERR(mount("none", dir, "tmpfs", 0, NULL)));
	count(K_DENIED);
}

static void *tsync_sibling(void *const arg)
{
	char c;

	seed = syscall(SYS_gettid);
	/* Woken once the caller has restricted every thread. */
	if (read(*(int *)arg, &c, 1) == 1)
		sandboxed_ops();
	return NULL;
}

/*
 * In a child: 1 to 3 layers, the last one with TSYNC and two sibling
 * threads half of the time; then the checks, then an exec of this program,
 * which checks again.
 */
static void sandboxed_child(void)
{
	const bool tsync = random_int() % 2;
	const int layers = 1 + random_int() % 3;
	pthread_t threads[2];
	int pipe_fds[2], i, fd;
	char arg[16];

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) || pipe2(pipe_fds, 0))
		_exit(2);
	for (i = 0; tsync && i < 2; i++)
		if (pthread_create(&threads[i], NULL, tsync_sibling,
				   &pipe_fds[0]))
			_exit(2);
	for (i = 0; i < layers; i++) {
		fd = worker_ruleset();
		expect("restrict_self", 0,
		       ERR(syscall(__NR_landlock_restrict_self, fd,
				   i == layers - 1 && tsync ?
					   LANDLOCK_RESTRICT_SELF_TSYNC :
					   0)));
		close(fd);
		count(K_RESTRICT);
	}
	if (tsync) {
		count(K_TSYNC);
		if (write(pipe_fds[1], "gg", 2) != 2)
			_exit(2);
		for (i = 0; i < 2; i++)
			pthread_join(threads[i], NULL);
	}
	sandboxed_ops();
	snprintf(arg, sizeof(arg), "%d", worker_id);
	count(K_EXEC);
	execl("/proc/self/exe", "soak", "--sandboxed", arg, NULL);
	expect("exec", 0, errno);
	_exit(1);
}

static void op_restrict(void)
{
	pid_t child;
	int status;

	child = fork();
	if (child < 0) {
		expect("fork", 0, errno);
		return;
	}
	if (child == 0)
		sandboxed_child();
	count(K_FORK);
	if (waitpid(child, &status, 0) != child)
		expect("waitpid", 0, errno);
	else if (!WIFEXITED(status) || WEXITSTATUS(status))
		expect("sandboxed child", 0, EIO);
}

static void op_rename(const int thread)
{
	char a[96], b[96], dir[64];

	worker_dir(dir, sizeof(dir), worker_id);
	snprintf(a, sizeof(a), "%s/t%d-a", dir, thread);
	snprintf(b, sizeof(b), "%s/sub/t%d-b", dir, thread);
	expect("create", 0, touch(a));
	expect("rename", 0, ERR(rename(a, b)));
	expect("rename back", 0, ERR(rename(b, a)));
	count(K_RENAME);
}

static void op_mount(const int thread)
{
	char mnt[96], dir[64];

	worker_dir(dir, sizeof(dir), worker_id);
	snprintf(mnt, sizeof(mnt), "%s/m%d", dir, thread);
	expect("mount", 0, ERR(mount("none", mnt, "tmpfs", 0, "size=64k")));
	expect("umount", 0, ERR(umount2(mnt, MNT_DETACH)));
	count(K_MOUNT);
}

static void op_misc(void)
{
	char path[96], dir[64];
	int fd;

	switch (random_int() % 4) {
	case 0:
		fd = worker_ruleset();
		if (fd >= 0)
			close(fd);
		break;
	case 1:
		worker_dir(dir, sizeof(dir), other_worker());
		snprintf(path, sizeof(path), "%s/common", dir);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		expect("open", 0, ERR(fd));
		if (fd >= 0)
			close(fd);
		count(K_OPEN);
		break;
	case 2:
		/* SIGURG is ignored by default. */
		expect("signal", 0,
		       ERR(kill(shared->workers[other_worker()], SIGURG)));
		count(K_SIGNAL);
		break;
	default:
		expect("connect", 0, tcp_connect(BASE_PORT + other_worker()));
		expect("unix connect", 0, unix_connect(other_worker()));
		count(K_CONNECT);
		break;
	}
}

static void *worker_thread(void *const arg)
{
	const int thread = (int)(long)arg;

	seed = syscall(SYS_gettid);
	while (!stopping()) {
		switch (random_int() % 4) {
		case 0:
			op_restrict();
			break;
		case 1:
			op_rename(thread);
			break;
		case 2:
			op_mount(thread);
			break;
		default:
			op_misc();
			break;
		}
	}
	return NULL;
}

/* Accepts and closes connections until the process exits. */
static void *listener_thread(void *const arg)
{
	const int fd = (int)(long)arg;
	int conn;

	for (;;) {
		conn = accept4(fd, NULL, NULL, SOCK_CLOEXEC);
		if (conn >= 0)
			close(conn);
	}
	return NULL;
}

static void listen_on(const int fd, const struct sockaddr *const addr,
		      const socklen_t len)
{
	pthread_t thread;

	if (fd < 0 || bind(fd, addr, len) || listen(fd, 64) ||
	    pthread_create(&thread, NULL, listener_thread, (void *)(long)fd)) {
		perror("soak: listener");
		exit(1);
	}
}

static void worker(void)
{
	const struct sockaddr_in addr = {
		.sin_family = AF_INET,
		.sin_port = htons(BASE_PORT + worker_id),
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
	pthread_t threads[NR_THREADS];
	struct sockaddr_un un;
	const socklen_t un_len = abstract_addr(&un, worker_id);
	long i;

	seed = getpid();
	/* Every worker PID must be known first (signals, see other_worker()). */
	while (!__atomic_load_n(&shared->ready, __ATOMIC_ACQUIRE))
		usleep(1000);
	listen_on(socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0),
		  (const struct sockaddr *)&addr, sizeof(addr));
	listen_on(socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0),
		  (const struct sockaddr *)&un, un_len);
	__atomic_fetch_add(&shared->listening, 1, __ATOMIC_RELEASE);
	while (__atomic_load_n(&shared->listening, __ATOMIC_ACQUIRE) <
	       NR_WORKERS)
		usleep(1000);
	for (i = 0; i < NR_THREADS; i++)
		if (pthread_create(&threads[i], NULL, worker_thread, (void *)i))
			exit(1);
	for (i = 0; i < NR_THREADS; i++)
		pthread_join(threads[i], NULL);
	/* The others may still connect to this one, or signal it. */
	__atomic_fetch_add(&shared->done, 1, __ATOMIC_RELEASE);
	while (__atomic_load_n(&shared->done, __ATOMIC_ACQUIRE) < NR_WORKERS)
		usleep(1000);
	exit(0);
}

static void make_dirs(const int id)
{
	char path[96], dir[64];
	int i;

	worker_dir(dir, sizeof(dir), id);
	mkdir(dir, 0700);
	snprintf(path, sizeof(path), "%s/sub", dir);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/common", dir);
	touch(path);
	for (i = 0; i < NR_THREADS; i++) {
		snprintf(path, sizeof(path), "%s/m%d", dir, i);
		mkdir(path, 0700);
	}
}

static void nothing(int sig)
{
}

static void write_str(const char *const path, const char *const str)
{
	const int fd = open(path, O_WRONLY | O_CLOEXEC);

	if (fd >= 0) {
		if (write(fd, str, strlen(str)) < 0)
			perror(path);
		close(fd);
	}
}

/* The exec'd program in a domain: the same checks again. */
static int sandboxed_main(const char *const id)
{
	shared = mmap(NULL, sizeof(*shared), PROT_READ | PROT_WRITE,
		      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (shared == MAP_FAILED)
		return 2;
	worker_id = atoi(id);
	/* The worker PIDs are not known here: signal PID 1 instead. */
	for (int i = 0; i < NR_WORKERS; i++)
		shared->workers[i] = 1;
	seed = getpid();
	sandboxed_ops();
	return shared->unexpected ? 1 : 0;
}

int main(int argc, char *argv[])
{
	struct timespec start, end;
	const struct sigaction on_alarm = {
		.sa_handler = nothing,
	};
	int seconds, i, status, failed = 0;
	pid_t pid;
	unsigned long total = 0;
	double elapsed;

	if (readlink("/proc/self/exe", self_exe, sizeof(self_exe) - 1) <= 0)
		return 2;
	if (argc == 3 && strcmp(argv[1], "--sandboxed") == 0)
		return sandboxed_main(argv[2]);
	seconds = argc == 2 ? atoi(argv[1]) : 0;
	if (seconds <= 0) {
		fprintf(stderr, "usage: %s SECONDS\n", argv[0]);
		return 2;
	}
	shared = mmap(NULL, sizeof(*shared), PROT_READ | PROT_WRITE,
		      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (shared == MAP_FAILED || unshare(CLONE_NEWNS) ||
	    mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL)) {
		perror("soak: setup (run as root)");
		return 2;
	}
	mkdir(SOAK_DIR, 0700);
	if (mount("none", SOAK_DIR, "tmpfs", 0, NULL)) {
		perror("soak: tmpfs");
		return 2;
	}
	for (i = 0; i < NR_WORKERS; i++)
		make_dirs(i);
	signal(SIGURG, SIG_IGN);
	clock_gettime(CLOCK_MONOTONIC, &start);
	for (i = 0; i < NR_WORKERS; i++) {
		pid = fork();
		if (pid == 0) {
			worker_id = i;
			worker();
		}
		shared->workers[i] = pid;
	}
	__atomic_store_n(&shared->ready, 1, __ATOMIC_RELEASE);
	printf("soak: %d workers of %d threads for %d s\n", NR_WORKERS,
	       NR_THREADS, seconds);
	fflush(stdout);
	sleep(seconds);
	__atomic_store_n(&shared->stop, 1, __ATOMIC_RELAXED);
	/* A worker that does not stop: waitpid() fails with EINTR. */
	sigaction(SIGALRM, &on_alarm, NULL);
	for (i = 0; i < NR_WORKERS; i++) {
		alarm(STOP_GRACE_S);
		if (waitpid(shared->workers[i], &status, 0) < 0) {
			fprintf(stderr, "soak: worker %d did not stop\n", i);
			/* The blocked tasks and their stacks, in the log. */
			write_str("/proc/sysrq-trigger", "w");
			/* Not waited for again: the next ones are judged. */
			kill(shared->workers[i], SIGKILL);
			failed = 1;
		} else if (!WIFEXITED(status) || WEXITSTATUS(status)) {
			fprintf(stderr, "soak: worker %d: status %#x\n", i,
				status);
			failed = 1;
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &end);
	elapsed =
		end.tv_sec - start.tv_sec + (end.tv_nsec - start.tv_nsec) / 1e9;
	for (i = 0; i < NR_KINDS; i++) {
		printf("soak: %-16s %10lu ops %10.1f ops/s\n", kind_names[i],
		       shared->counts[i], shared->counts[i] / elapsed);
		total += shared->counts[i];
	}
	printf("soak: total %lu ops in %.0f s, %.1f ops/s, %lu unexpected\n",
	       total, elapsed, total / elapsed, shared->unexpected);
	umount2(SOAK_DIR, MNT_DETACH);
	return failed || shared->unexpected ? 1 : 0;
}
