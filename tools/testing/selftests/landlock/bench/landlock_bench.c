// SPDX-License-Identifier: GPL-2.0
/*
 * Landlock benchmark: costs of the sandboxed operations, and of the same
 * operations with no Landlock at all, on the running kernel.
 *
 * Run as root (PID 1's child) in a guest whose /tmp is a tmpfs; see
 * harness/bench.sh, which boots two kernels in turn and compares them.  Not a
 * kselftest: it checks nothing, it measures.
 *
 * Every figure is printed on one line:
 *
 *   @BENCH,<row>,<case>,<param>,<mode>,<unit>,<value>
 *
 * where mode is "none" (no Landlock) or "landlock", unit is "ns" (per
 * operation, CLOCK_MONOTONIC) or "B" (bytes per rule), and value is "na" when
 * the kernel cannot do it (TCP rules below ABI 4).  The unsandboxed
 * figures are measured in this process; each sandboxed one in a child that
 * enforces its own ruleset, so that the parent stays unsandboxed.
 *
 * Only the rights of the kernel's ABI are used, capped at ABI 2 (the
 * reference) by default, so that both kernels handle the same rights.
 *
 * "landlock_bench --tsc-khz" prints the TSC frequency (host side).
 *
 * Environment: BENCH_SCALE (time budget factor, default 1), BENCH_DEPTH
 * (deepest chain, default 10000), BENCH_MANY (rules of rows 3 and 4, default
 * 100000), BENCH_ABI_CAP (highest ABI used for file system rights, default 2).
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/landlock.h>
#include <math.h>
#include <netinet/in.h>
#include <sched.h>
#include <spawn.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#ifdef __x86_64__
#include <x86intrin.h>
#endif

#ifndef __NR_landlock_create_ruleset
#define __NR_landlock_create_ruleset 444
#endif
#ifndef __NR_landlock_add_rule
#define __NR_landlock_add_rule 445
#endif
#ifndef __NR_landlock_restrict_self
#define __NR_landlock_restrict_self 446
#endif

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) ((int)(sizeof(a) / sizeof((a)[0])))
#endif

#define RIGHT(n) (1ULL << (n))
#define FS_EXECUTE RIGHT(0)
#define FS_WRITE_FILE RIGHT(1)
#define FS_READ_FILE RIGHT(2)
#define FS_READ_DIR RIGHT(3)
#define FS_REMOVE_DIR RIGHT(4)
#define FS_REMOVE_FILE RIGHT(5)
#define FS_MAKE_DIR RIGHT(7)
#define FS_MAKE_REG RIGHT(8)
#define FS_REFER RIGHT(13)
#define NET_BIND_TCP RIGHT(0)
#define NET_CONNECT_TCP RIGHT(1)

/* Rights of a rule on a regular file, up to ABI 2. */
#define FS_FILE_RIGHTS (FS_EXECUTE | FS_WRITE_FILE | FS_READ_FILE)
#define FS_RO (FS_EXECUTE | FS_READ_FILE | FS_READ_DIR)

#define CHAIN_DIR "/tmp/bench/chain"
#define MANY_DIR "/tmp/bench/many"
#define NOOP_PATH "/usr/libexec/bench/bin/noop"
#define PORT_BASE 20000
#define BATCHES 9

static int abi;
static __u64 fs_all;
static double scale = 1.0;
static int max_depth = 10000;
static int many = 100000;

static const int depths[] = { 1, 10, 100, 1000, 10000 };

/* Directory fds of the chain: chain_fd[i] is the directory at depth i. */
static int *chain_fd;
/* O_PATH fds of the files of rows 3 and 4. */
static int *many_fd;

static void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "landlock-bench: ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, ": %s\n", strerror(errno));
	va_end(ap);
	exit(1);
}

static void say(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	printf("# ");
	vprintf(fmt, ap);
	printf("\n");
	va_end(ap);
	fflush(stdout);
}

static void result(const char *row, const char *name, const char *param,
		   const char *mode, const char *unit, double value)
{
	if (isnan(value))
		printf("@BENCH,%s,%s,%s,%s,%s,na\n", row, name, param, mode,
		       unit);
	else
		printf("@BENCH,%s,%s,%s,%s,%s,%.1f\n", row, name, param, mode,
		       unit, value);
	fflush(stdout);
}

static int ll_create_ruleset(__u64 fs, __u64 net)
{
	const struct landlock_ruleset_attr attr = {
		.handled_access_fs = fs,
		.handled_access_net = net,
	};
	/* An ABI 1-3 kernel only knows the first field. */
	const size_t size = net ? offsetof(typeof(attr), handled_access_net) +
					    sizeof(attr.handled_access_net) :
				  sizeof(attr.handled_access_fs);

	return syscall(__NR_landlock_create_ruleset, &attr, size, 0);
}

static int ll_add_path(int ruleset_fd, int parent_fd, __u64 access)
{
	const struct landlock_path_beneath_attr attr = {
		.allowed_access = access,
		.parent_fd = parent_fd,
	};

	return syscall(__NR_landlock_add_rule, ruleset_fd,
		       LANDLOCK_RULE_PATH_BENEATH, &attr, 0);
}

static int ll_add_port(int ruleset_fd, __u64 port, __u64 access)
{
	const struct landlock_net_port_attr attr = {
		.allowed_access = access,
		.port = port,
	};

	return syscall(__NR_landlock_add_rule, ruleset_fd,
		       LANDLOCK_RULE_NET_PORT, &attr, 0);
}

static void ll_enforce(int ruleset_fd)
{
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		die("prctl(PR_SET_NO_NEW_PRIVS)");
	if (syscall(__NR_landlock_restrict_self, ruleset_fd, 0))
		die("landlock_restrict_self");
}

static void add_path_or_die(int ruleset_fd, int parent_fd, __u64 access)
{
	if (ll_add_path(ruleset_fd, parent_fd, access))
		die("landlock_add_rule");
}

static int add_path_name(int ruleset_fd, const char *path, __u64 access)
{
	struct stat st;
	int fd, ret;

	fd = open(path, O_PATH | O_CLOEXEC);
	if (fd < 0)
		die("open(%s)", path);
	if (fstat(fd, &st))
		die("fstat(%s)", path);
	if (!S_ISDIR(st.st_mode))
		access &= FS_FILE_RIGHTS;
	ret = ll_add_path(ruleset_fd, fd, access);
	if (ret)
		die("landlock_add_rule(%s)", path);
	close(fd);
	return ret;
}

static inline __u64 now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (__u64)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

typedef void (*op_fn)(void *ctx, long n);

static int cmp_double(const void *a, const void *b)
{
	const double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/*
 * Runs @op in batches and returns the lowest ns per operation of the
 * batches: anything else running on the host only adds time (the guest's
 * clock is the host's TSC), so the fastest batch is the least disturbed one.
 * A batch lasts about 10 ms (times BENCH_SCALE): its size is calibrated by
 * doubling, after a warm-up.
 */
static double measure(op_fn op, void *ctx)
{
	const double batch_ns = 10e6 * scale;
	double best = 0, per_op;
	__u64 start, elapsed;
	long n = 1;
	int i;

	op(ctx, 1);
	for (;;) {
		start = now_ns();
		op(ctx, n);
		elapsed = now_ns() - start;
		if (elapsed >= batch_ns / 4 || n >= (1L << 30))
			break;
		n *= 2;
	}
	n = (long)(n * batch_ns / (elapsed ? elapsed : 1));
	if (n < 1)
		n = 1;
	for (i = 0; i < BATCHES; i++) {
		start = now_ns();
		op(ctx, n);
		per_op = (double)(now_ns() - start) / n;
		if (!i || per_op < best)
			best = per_op;
	}
	return best;
}

/* Forks a child running @fn; waits for it and fails if it failed. */
static void in_child(void (*fn)(void *arg), void *arg)
{
	int status;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0) {
		fn(arg);
		fflush(stdout);
		_exit(0);
	}
	if (waitpid(pid, &status, 0) != pid)
		die("waitpid");
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		errno = 0;
		die("a measuring child failed (status 0x%x)", status);
	}
}

/* mkdir -p */
static void make_dirs(const char *path)
{
	char buf[4096];
	char *p;

	snprintf(buf, sizeof(buf), "%s", path);
	for (p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0755) && errno != EEXIST)
			die("mkdir(%s)", buf);
		*p = '/';
	}
	if (mkdir(buf, 0755) && errno != EEXIST)
		die("mkdir(%s)", buf);
}

static void write_file(const char *path, const void *data, size_t size,
		       mode_t mode)
{
	int fd;

	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
	if (fd < 0)
		die("open(%s)", path);
	if (write(fd, data, size) != (ssize_t)size)
		die("write(%s)", path);
	close(fd);
}

/* Lets this process open @n more fds. */
static void raise_nofile(int n)
{
	struct rlimit lim = {
		.rlim_cur = n + 1024,
		.rlim_max = n + 1024,
	};

	if (setrlimit(RLIMIT_NOFILE, &lim))
		die("setrlimit(RLIMIT_NOFILE, %d)", n + 1024);
}

/* Row 1: openat() + close() at the bottom of a directory chain. */

struct open_ctx {
	int dir_fd;
	bool denied;
};

static void open_once(const struct open_ctx *const ctx)
{
	const int fd = openat(ctx->dir_fd, "f", O_RDONLY | O_CLOEXEC);

	if (fd >= 0)
		close(fd);
	else if (!ctx->denied || errno != EACCES)
		die("openat(fd %d)", ctx->dir_fd);
}

static void op_open(void *arg, long n)
{
	long i;

	for (i = 0; i < n; i++)
		open_once(arg);
}

/*
 * Row 6: a rename storm during opens.  Each open follows the rename of a
 * file in another directory, which moves a dentry: whatever a kernel keeps
 * of earlier walks can no longer be trusted, as under a storm of renames.
 */
#define STORM_DIR "/tmp/bench/storm"

static void op_rename_open(void *arg, long n)
{
	const char *const a = STORM_DIR "/a", *const b = STORM_DIR "/b";
	long i;

	for (i = 0; i < n; i++) {
		/* The file is wherever the last measure left it. */
		if (rename(a, b) && (errno != ENOENT || rename(b, a)))
			die("rename(%s)", STORM_DIR);
		open_once(arg);
	}
}

static void setup_chain(void)
{
	int fd, i, j;

	raise_nofile(max_depth + 1);
	chain_fd = calloc(max_depth + 1, sizeof(*chain_fd));
	if (!chain_fd)
		die("calloc");
	make_dirs(CHAIN_DIR);
	fd = open(CHAIN_DIR, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		die("open(%s)", CHAIN_DIR);
	chain_fd[0] = fd;
	for (i = 1; i <= max_depth; i++) {
		if (mkdirat(chain_fd[i - 1], "d", 0755))
			die("mkdirat(depth %d)", i);
		chain_fd[i] = openat(chain_fd[i - 1], "d",
				     O_PATH | O_DIRECTORY | O_CLOEXEC);
		if (chain_fd[i] < 0)
			die("openat(depth %d)", i);
	}
	for (j = 0; j < ARRAY_SIZE(depths) && depths[j] <= max_depth; j++) {
		fd = openat(chain_fd[depths[j]], "f",
			    O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
		if (fd < 0)
			die("create(depth %d)", depths[j]);
		close(fd);
	}
	make_dirs(STORM_DIR);
	write_file(STORM_DIR "/a", "", 0, 0644);
}

/*
 * A measure of row 1 or 6: rules on every directory of the chain down to
 * the file, or on its top directory only; each grants READ_DIR, and also
 * READ_FILE unless the open is to be denied.
 */
struct chain_job {
	const char *row;
	int depth;
	bool denied;
	bool top_only;
	op_fn op;
};

static const char *chain_case(const struct chain_job *const job)
{
	static const char *const names[2][2][2] = {
		{ { "open-allowed", "open-allowed-top" },
		  { "open-denied", "open-denied-top" } },
		{ { "rename+open-allowed", "rename+open-allowed-top" },
		  { "rename+open-denied", "rename+open-denied-top" } },
	};

	return names[job->op == op_rename_open][job->denied][job->top_only];
}

static void chain_child(void *arg)
{
	const struct chain_job *job = arg;
	const __u64 grant = job->denied ? FS_READ_DIR :
					  FS_READ_FILE | FS_READ_DIR;
	struct open_ctx ctx = {
		.dir_fd = chain_fd[job->depth],
		.denied = job->denied,
	};
	char param[16];
	int ruleset_fd, i, fd;

	ruleset_fd = ll_create_ruleset(FS_READ_FILE | FS_READ_DIR, 0);
	if (ruleset_fd < 0)
		die("landlock_create_ruleset");
	for (i = 1; i <= (job->top_only ? 1 : job->depth); i++)
		add_path_or_die(ruleset_fd, chain_fd[i], grant);
	ll_enforce(ruleset_fd);
	close(ruleset_fd);

	/* Check that the sandbox does what it should. */
	fd = openat(ctx.dir_fd, "f", O_RDONLY | O_CLOEXEC);
	if (job->denied ? fd >= 0 || errno != EACCES : fd < 0) {
		errno = fd < 0 ? errno : 0;
		die("depth %d: unexpected result of the %s open", job->depth,
		    job->denied ? "denied" : "allowed");
	}
	if (fd >= 0)
		close(fd);

	snprintf(param, sizeof(param), "%d", job->depth);
	result(job->row, chain_case(job), param, "landlock", "ns",
	       measure(job->op, &ctx));
}

/*
 * Measures @op at @depth with no Landlock, then in the four sandboxes:
 * allowed or denied, rules at every level or at the top only.
 */
static void chain_depth(const char *const row, const op_fn op, const int depth)
{
	struct chain_job job = { .row = row, .depth = depth, .op = op };
	struct open_ctx ctx = { .dir_fd = chain_fd[depth] };
	char param[16];
	double none;
	int k;

	snprintf(param, sizeof(param), "%d", depth);
	none = measure(op, &ctx);
	for (k = 0; k < 4; k++) {
		job.denied = k & 1;
		job.top_only = k & 2;
		result(row, chain_case(&job), param, "none", "ns", none);
		in_child(chain_child, &job);
	}
}

static void row_depth_child(void *arg)
{
	static const int storm_depths[] = { 10, 1000 };
	int j;

	say("row 1: openat+close at depth 1..%d", max_depth);
	setup_chain();
	for (j = 0; j < ARRAY_SIZE(depths) && depths[j] <= max_depth; j++)
		chain_depth("1", op_open, depths[j]);
	say("row 6: rename+openat+close (rename storm)");
	for (j = 0; j < ARRAY_SIZE(storm_depths); j++) {
		if (storm_depths[j] <= max_depth)
			chain_depth("6", op_rename_open, storm_depths[j]);
	}
}

/* Row 2: a typical sandbox with two layers. */

static const char *const typical_files[] = {
	"/etc/bench/conf.d/app.conf",
	"/usr/share/bench/doc/a/README",
	"/usr/lib/bench/x86_64/plugins/v1/libplugin.so",
	"/home/user/projects/app/src/main.c",
	"/tmp/work/app/cache/a/b/c/data.bin",
};

/* A static x86_64 ELF executable calling exit(0). */
static const unsigned char noop_elf[] = {
	/* ELF header */
	0x7f,
	'E',
	'L',
	'F',
	2,
	1,
	1,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	2,
	0,
	0x3e,
	0,
	1,
	0,
	0,
	0,
	0x78,
	0x00,
	0x40,
	0,
	0,
	0,
	0,
	0, /* e_entry 0x400078 */
	0x40,
	0,
	0,
	0,
	0,
	0,
	0,
	0, /* e_phoff */
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0, /* e_shoff */
	0,
	0,
	0,
	0, /* e_flags */
	0x40,
	0,
	0x38,
	0,
	1,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	/* program header: PT_LOAD, R+X, the whole file at 0x400000 */
	1,
	0,
	0,
	0,
	5,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0,
	0, /* p_offset */
	0,
	0,
	0x40,
	0,
	0,
	0,
	0,
	0, /* p_vaddr */
	0,
	0,
	0x40,
	0,
	0,
	0,
	0,
	0, /* p_paddr */
	0x84,
	0,
	0,
	0,
	0,
	0,
	0,
	0, /* p_filesz */
	0x84,
	0,
	0,
	0,
	0,
	0,
	0,
	0, /* p_memsz */
	0,
	0x10,
	0,
	0,
	0,
	0,
	0,
	0, /* p_align */
	/* mov $60, %eax; xor %edi, %edi; syscall */
	0xb8,
	0x3c,
	0,
	0,
	0,
	0x31,
	0xff,
	0x0f,
	0x05,
	0xf4,
	0xf4,
	0xf4,
};

static void setup_typical(void)
{
	char dir[4096];
	int i;

	for (i = 0; i < ARRAY_SIZE(typical_files); i++) {
		snprintf(dir, sizeof(dir), "%s", typical_files[i]);
		*strrchr(dir, '/') = '\0';
		make_dirs(dir);
		write_file(typical_files[i], "data\n", 5, 0644);
	}
	make_dirs("/usr/libexec/bench/bin");
	write_file(NOOP_PATH, noop_elf, sizeof(noop_elf), 0755);
	make_dirs("/home/user/projects/app/build");
	make_dirs("/var/cache");
}

static void op_typical_open(void *ctx, long n)
{
	long i;
	int fd;

	for (i = 0; i < n; i++) {
		fd = open(typical_files[i % ARRAY_SIZE(typical_files)],
			  O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			die("open(%s)",
			    typical_files[i % ARRAY_SIZE(typical_files)]);
		close(fd);
	}
}

static void op_typical_stat(void *ctx, long n)
{
	struct stat st;
	long i;

	for (i = 0; i < n; i++) {
		if (stat(typical_files[i % ARRAY_SIZE(typical_files)], &st))
			die("stat(%s)",
			    typical_files[i % ARRAY_SIZE(typical_files)]);
	}
}

static void op_typical_create(void *ctx, long n)
{
	static const char *const files[] = {
		"/home/user/projects/app/build/main.o",
		"/tmp/work/app/cache/a/b/c/new.tmp",
	};
	const char *path;
	long i;
	int fd;

	for (i = 0; i < n; i++) {
		path = files[i % 2];
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
		if (fd < 0)
			die("create(%s)", path);
		close(fd);
		if (unlink(path))
			die("unlink(%s)", path);
	}
}

/* posix_spawn() (a vfork) + execve() + wait. */
static void op_typical_exec(void *ctx, long n)
{
	static char *const argv[] = { NOOP_PATH, NULL };
	static char *const envp[] = { NULL };
	int status, err;
	long i;
	pid_t pid;

	for (i = 0; i < n; i++) {
		err = posix_spawn(&pid, NOOP_PATH, NULL, NULL, argv, envp);
		if (err) {
			errno = err;
			die("posix_spawn(%s)", NOOP_PATH);
		}
		if (waitpid(pid, &status, 0) != pid)
			die("waitpid");
		if (!WIFEXITED(status) || WEXITSTATUS(status)) {
			errno = 0;
			die("exec(%s): status 0x%x", NOOP_PATH, status);
		}
	}
}

static const struct {
	const char *name;
	op_fn op;
} typical_ops[] = {
	{ "open", op_typical_open },
	{ "stat", op_typical_stat },
	{ "create-unlink", op_typical_create },
	{ "exec", op_typical_exec },
};

/* Measures each operation of row 2 into @figures. */
static void measure_typical(double *const figures)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(typical_ops); i++)
		figures[i] = measure(typical_ops[i].op, NULL);
}

/* Enforces the typical sandbox, then measures into @arg. */
static void typical_child(void *arg)
{
	const __u64 rw = fs_all & ~FS_REFER;
	const __u64 handled2 = FS_EXECUTE | FS_WRITE_FILE | FS_READ_FILE |
			       FS_READ_DIR | FS_REMOVE_FILE | FS_MAKE_REG |
			       FS_MAKE_DIR | FS_REMOVE_DIR;
	int ruleset_fd;

	/* Layer 1: a whole system, mostly read-only. */
	ruleset_fd = ll_create_ruleset(fs_all, 0);
	if (ruleset_fd < 0)
		die("landlock_create_ruleset");
	add_path_name(ruleset_fd, "/usr", FS_RO);
	add_path_name(ruleset_fd, "/etc", FS_READ_FILE | FS_READ_DIR);
	add_path_name(ruleset_fd, "/bin", FS_RO);
	add_path_name(ruleset_fd, "/proc", FS_READ_FILE | FS_READ_DIR);
	add_path_name(ruleset_fd, "/dev",
		      FS_READ_FILE | FS_WRITE_FILE | FS_READ_DIR);
	add_path_name(ruleset_fd, "/dev/null", FS_READ_FILE | FS_WRITE_FILE);
	add_path_name(ruleset_fd, "/home/user", rw);
	add_path_name(ruleset_fd, "/tmp", rw);
	add_path_name(ruleset_fd, "/var/cache", rw);
	add_path_name(ruleset_fd, NOOP_PATH, FS_EXECUTE | FS_READ_FILE);
	ll_enforce(ruleset_fd);
	close(ruleset_fd);

	/* Layer 2: one application, narrower. */
	ruleset_fd = ll_create_ruleset(handled2, 0);
	if (ruleset_fd < 0)
		die("landlock_create_ruleset");
	add_path_name(ruleset_fd, "/usr", FS_RO);
	add_path_name(ruleset_fd, "/etc/bench", FS_READ_FILE | FS_READ_DIR);
	add_path_name(ruleset_fd, "/home/user/projects", handled2);
	add_path_name(ruleset_fd, "/tmp/work", handled2);
	ll_enforce(ruleset_fd);
	close(ruleset_fd);

	measure_typical(arg);
}

/* Keeps in @best the lower of itself and each figure of @round. */
static void keep_best(double *const best, const double *const round,
		      const bool first)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(typical_ops); i++)
		if (first || round[i] < best[i])
			best[i] = round[i];
}

/*
 * The overhead of the typical sandbox is a few percent, about the drift of
 * TCG's timing within a boot: the unsandboxed and the sandboxed figures are
 * measured in turn, TYPICAL_ROUNDS times each, and each figure is the best
 * of its rounds.  The sandboxed child writes its figures to a shared page.
 */
#define TYPICAL_ROUNDS 3

static void row_typical(void)
{
	double none[ARRAY_SIZE(typical_ops)], *landlock, *round;
	int r, i;

	say("row 2: typical sandbox");
	setup_typical();
	round = mmap(NULL, sizeof(none) * 2, PROT_READ | PROT_WRITE,
		     MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (round == MAP_FAILED)
		die("mmap");
	landlock = round + ARRAY_SIZE(typical_ops);
	for (r = 0; r < TYPICAL_ROUNDS; r++) {
		measure_typical(round);
		keep_best(none, round, !r);
		in_child(typical_child, round);
		keep_best(landlock, round, !r);
	}
	for (i = 0; i < ARRAY_SIZE(typical_ops); i++) {
		result("2", typical_ops[i].name, "2x14", "none", "ns", none[i]);
		result("2", typical_ops[i].name, "2x14", "landlock", "ns",
		       landlock[i]);
	}
	munmap(round, sizeof(none) * 2);
}

/* Row 3: landlock_restrict_self() + fork(), and landlock_add_rule(). */

/* Creates the files of rows 3 and 4 (no fd is kept open). */
static void setup_many(void)
{
	char name[32];
	int dir_fd, fd, i;

	make_dirs(MANY_DIR);
	dir_fd = open(MANY_DIR, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (dir_fd < 0)
		die("open(%s)", MANY_DIR);
	for (i = 0; i < many; i++) {
		snprintf(name, sizeof(name), "f%d", i);
		fd = openat(dir_fd, name, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
		if (fd < 0)
			die("create(%s/%s)", MANY_DIR, name);
		close(fd);
	}
	close(dir_fd);
}

/* Opens the first @n files of setup_many() with O_PATH, in many_fd[]. */
static void open_many(int n)
{
	char name[32];
	int dir_fd, i;

	raise_nofile(n);
	many_fd = calloc(n, sizeof(*many_fd));
	if (!many_fd)
		die("calloc");
	dir_fd = open(MANY_DIR, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (dir_fd < 0)
		die("open(%s)", MANY_DIR);
	for (i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "f%d", i);
		many_fd[i] = openat(dir_fd, name, O_PATH | O_CLOEXEC);
		if (many_fd[i] < 0)
			die("open(%s/%s)", MANY_DIR, name);
	}
	close(dir_fd);
}

static void close_many(int n)
{
	int i;

	for (i = 0; i < n; i++)
		close(many_fd[i]);
	free(many_fd);
	many_fd = NULL;
}

static int many_ruleset(int nr_rules)
{
	int ruleset_fd, i;

	ruleset_fd = ll_create_ruleset(FS_READ_FILE | FS_READ_DIR, 0);
	if (ruleset_fd < 0)
		die("landlock_create_ruleset");
	for (i = 0; i < nr_rules; i++)
		add_path_or_die(ruleset_fd, many_fd[i], FS_READ_FILE);
	return ruleset_fd;
}

static void op_fork(void *ctx, long n)
{
	const int *ruleset_fd = ctx;
	int status;
	long i;
	pid_t pid;

	for (i = 0; i < n; i++) {
		pid = fork();
		if (pid < 0)
			die("fork");
		if (pid == 0) {
			if (ruleset_fd && syscall(__NR_landlock_restrict_self,
						  *ruleset_fd, 0))
				_exit(1);
			_exit(0);
		}
		if (waitpid(pid, &status, 0) != pid)
			die("waitpid");
		if (!WIFEXITED(status) || WEXITSTATUS(status)) {
			errno = 0;
			die("fork child: status 0x%x", status);
		}
	}
}

static const int restrict_rules[] = { 1, 100, 10000 };
static int restrict_fd[ARRAY_SIZE(restrict_rules)];

static void fork_in_domain_child(void *arg)
{
	const int i = *(const int *)arg;
	char param[16];

	ll_enforce(restrict_fd[i]);
	snprintf(param, sizeof(param), "%d", restrict_rules[i]);
	result("3", "fork-in-domain", param, "landlock", "ns",
	       measure(op_fork, NULL));
}

/*
 * Row 3 (fork): a fork copies the fd table, so the rulesets are built first,
 * then every other fd is closed.
 */
static void fork_row_child(void *arg)
{
	int i, n = 0;
	char param[16];

	for (i = 0; i < ARRAY_SIZE(restrict_rules); i++)
		if (restrict_rules[i] <= many)
			n = i + 1;
	open_many(restrict_rules[n - 1]);
	for (i = 0; i < n; i++)
		restrict_fd[i] = many_ruleset(restrict_rules[i]);
	close_many(restrict_rules[n - 1]);
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		die("prctl(PR_SET_NO_NEW_PRIVS)");

	result("3", "restrict-fork", "-", "none", "ns", measure(op_fork, NULL));
	for (i = 0; i < n; i++) {
		snprintf(param, sizeof(param), "%d", restrict_rules[i]);
		result("3", "restrict-fork", param, "landlock", "ns",
		       measure(op_fork, &restrict_fd[i]));
	}
	result("3", "fork-in-domain", "-", "none", "ns",
	       measure(op_fork, NULL));
	for (i = 0; i < n; i++)
		in_child(fork_in_domain_child, &i);
}

struct meminfo {
	long free_kb, slab_kb, vmalloc_kb;
};

/* /proc/meminfo, opened before any sandbox. */
static int meminfo_fd = -1;

static struct meminfo read_meminfo(void)
{
	struct meminfo m = { -1, -1, -1 };
	char buf[8192], *line;
	ssize_t len;

	if (meminfo_fd < 0)
		meminfo_fd = open("/proc/meminfo", O_RDONLY | O_CLOEXEC);
	if (meminfo_fd < 0)
		die("open(/proc/meminfo)");
	len = pread(meminfo_fd, buf, sizeof(buf) - 1, 0);
	if (len < 0)
		die("read(/proc/meminfo)");
	buf[len] = '\0';
	for (line = buf; line; line = strchr(line, '\n')) {
		while (*line == '\n')
			line++;
		if (sscanf(line, "MemFree: %ld kB", &m.free_kb) == 1 ||
		    sscanf(line, "Slab: %ld kB", &m.slab_kb) == 1 ||
		    sscanf(line, "VmallocUsed: %ld kB", &m.vmalloc_kb) == 1)
			continue;
	}
	if (m.free_kb < 0 || m.slab_kb < 0 || m.vmalloc_kb < 0) {
		errno = 0;
		die("/proc/meminfo lacks MemFree, Slab or VmallocUsed");
	}
	return m;
}

/*
 * Bytes of kernel memory used per rule: slab (which includes large kmalloc
 * buffers) + vmalloc, and, as "-all", the drop of free memory.
 */
static void mem_result(const char *name, struct meminfo before,
		       struct meminfo after, int nr_rules)
{
	char param[16];

	snprintf(param, sizeof(param), "%d", nr_rules);
	result("4", name, param, "landlock", "B",
	       (after.slab_kb + after.vmalloc_kb - before.slab_kb -
		before.vmalloc_kb) *
		       1024.0 / nr_rules);
	snprintf(param, sizeof(param), "%d-all", nr_rules);
	result("4", name, param, "landlock", "B",
	       (before.free_kb - after.free_kb) * 1024.0 / nr_rules);
}

static void domain_mem_child(void *arg)
{
	const int ruleset_fd = *(const int *)arg;
	struct meminfo before, after;

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		die("prctl(PR_SET_NO_NEW_PRIVS)");
	/* Let the deferred frees of earlier processes settle. */
	usleep(100000);
	before = read_meminfo();
	if (syscall(__NR_landlock_restrict_self, ruleset_fd, 0))
		die("landlock_restrict_self");
	after = read_meminfo();
	mem_result("mem-domain", before, after, many);
}

/*
 * Row 4, small domains: SMALL_DOMAINS processes each hold a domain of one
 * layer and one rule (ours: with its cache of walks), or no domain; the
 * difference of their kernel memory (slab + vmalloc) is that of the
 * domains.
 */
#define SMALL_DOMAINS 128

/* A child of small_domains_kb(): enforces if asked, then waits for EOF. */
static void hold_small_domain(const bool enforce, const int ready_fd,
			      const int release_fd)
{
	int ruleset_fd;
	char c = 0;

	if (enforce) {
		ruleset_fd = ll_create_ruleset(FS_READ_FILE | FS_READ_DIR, 0);
		if (ruleset_fd < 0)
			die("landlock_create_ruleset");
		add_path_name(ruleset_fd, "/usr", FS_READ_FILE | FS_READ_DIR);
		ll_enforce(ruleset_fd);
		close(ruleset_fd);
	}
	if (write(ready_fd, &c, 1) != 1)
		die("write");
	/* Returns at EOF, once the parent has measured. */
	if (read(release_fd, &c, 1) < 0)
		die("read");
	_exit(0);
}

/* Kernel memory (kB) of SMALL_DOMAINS children, with or without domains. */
static long small_domains_kb(const bool enforce)
{
	int ready[2], release[2], i;
	struct meminfo before, after;
	char c;

	if (pipe(ready) || pipe(release))
		die("pipe");
	/* Let the deferred frees of earlier processes settle. */
	usleep(100000);
	before = read_meminfo();
	for (i = 0; i < SMALL_DOMAINS; i++) {
		const pid_t pid = fork();

		if (pid < 0)
			die("fork");
		if (pid == 0) {
			close(ready[0]);
			close(release[1]);
			hold_small_domain(enforce, ready[1], release[0]);
		}
	}
	for (i = 0; i < SMALL_DOMAINS; i++)
		if (read(ready[0], &c, 1) != 1)
			die("a child holding a domain failed");
	usleep(100000);
	after = read_meminfo();
	close(release[1]);
	for (i = 0; i < SMALL_DOMAINS; i++)
		if (wait(NULL) < 0)
			die("wait");
	close(release[0]);
	close(ready[0]);
	close(ready[1]);
	return after.slab_kb + after.vmalloc_kb - before.slab_kb -
	       before.vmalloc_kb;
}

/* Bytes per small domain: the median of three differences. */
static void row_small_domains(void)
{
	double samples[3];
	char param[16];
	int i;

	for (i = 0; i < ARRAY_SIZE(samples); i++)
		samples[i] =
			(small_domains_kb(true) - small_domains_kb(false)) *
			1024.0 / SMALL_DOMAINS;
	qsort(samples, ARRAY_SIZE(samples), sizeof(samples[0]), cmp_double);
	snprintf(param, sizeof(param), "%dx1", SMALL_DOMAINS);
	result("4", "mem-domain-small", param, "landlock", "B", samples[1]);
}

/* Row 3 (add_rule) and row 4: the last ruleset is kept for row 4. */
static void add_rule_row_child(void *arg)
{
	const int sizes[] = { many / 10, many };
	struct meminfo before, after;
	double samples[BATCHES];
	int i, j, reps, ruleset_fd = -1;
	char param[16];
	__u64 start;

	open_many(many);
	for (j = 0; j < 2; j++) {
		reps = j ? 3 : 5;
		for (i = 0; i < reps; i++) {
			usleep(100000);
			before = read_meminfo();
			start = now_ns();
			ruleset_fd = many_ruleset(sizes[j]);
			samples[i] = (double)(now_ns() - start) / sizes[j];
			after = read_meminfo();
			if (i < reps - 1 || !j)
				close(ruleset_fd);
		}
		qsort(samples, reps, sizeof(samples[0]), cmp_double);
		snprintf(param, sizeof(param), "%d", sizes[j]);
		/* The fastest run, as in measure(). */
		result("3", "add-rule", param, "landlock", "ns", samples[0]);
	}
	mem_result("mem-ruleset", before, after, many);
	in_child(domain_mem_child, &ruleset_fd);
	close(ruleset_fd);
}

static void row_rules(void)
{
	say("row 3: restrict_self+fork, add_rule; row 4: memory (%d rules)",
	    many);
	setup_many();
	in_child(fork_row_child, NULL);
	in_child(add_rule_row_child, NULL);
	row_small_domains();
}

/* Row 5: TCP bind() and connect() with port rules (ABI 4). */

struct tcp_ctx {
	int listen_fd;
	struct sockaddr_in addr;
};

static void op_bind(void *arg, long n)
{
	const struct tcp_ctx *ctx = arg;
	const int one = 1;
	long i;
	int fd;

	for (i = 0; i < n; i++) {
		fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (fd < 0)
			die("socket");
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
		if (bind(fd, (const struct sockaddr *)&ctx->addr,
			 sizeof(ctx->addr)))
			die("bind(%d)", ntohs(ctx->addr.sin_port));
		close(fd);
	}
}

static void op_connect(void *arg, long n)
{
	const struct tcp_ctx *ctx = arg;
	const struct linger lin = { .l_onoff = 1, .l_linger = 0 };
	long i;
	int fd, peer;

	for (i = 0; i < n; i++) {
		fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (fd < 0)
			die("socket");
		if (connect(fd, (const struct sockaddr *)&ctx->addr,
			    sizeof(ctx->addr)))
			die("connect(%d)", ntohs(ctx->addr.sin_port));
		peer = accept4(ctx->listen_fd, NULL, NULL, SOCK_CLOEXEC);
		if (peer < 0)
			die("accept");
		/* A reset: no TIME_WAIT socket left behind. */
		setsockopt(fd, SOL_SOCKET, SO_LINGER, &lin, sizeof(lin));
		close(fd);
		close(peer);
	}
}

struct net_job {
	const char *name;
	op_fn op;
	struct tcp_ctx *ctx;
	int nr_rules;
};

/* Enforces nr_rules port rules, centered on the port of the operation. */
static void net_child(void *arg)
{
	const struct net_job *job = arg;
	const int port = ntohs(job->ctx->addr.sin_port);
	const int first = port - job->nr_rules / 2;
	int ruleset_fd, i;
	char param[16];

	ruleset_fd = ll_create_ruleset(0, NET_BIND_TCP | NET_CONNECT_TCP);
	if (ruleset_fd < 0)
		die("landlock_create_ruleset(net)");
	for (i = 0; i < job->nr_rules; i++) {
		if (ll_add_port(ruleset_fd, first + i,
				NET_BIND_TCP | NET_CONNECT_TCP))
			die("landlock_add_rule(port %d)", first + i);
	}
	ll_enforce(ruleset_fd);
	close(ruleset_fd);
	snprintf(param, sizeof(param), "%d", job->nr_rules);
	result("5", job->name, param, "landlock", "ns",
	       measure(job->op, job->ctx));
}

static void row_net(void)
{
	static const int nr_rules[] = { 1, 1000 };
	struct tcp_ctx bind_ctx = {}, connect_ctx = {};
	struct net_job jobs[] = {
		{ .name = "tcp-bind", .op = op_bind, .ctx = &bind_ctx },
		{ .name = "tcp-connect", .op = op_connect, .ctx = &connect_ctx },
	};
	char param[16];
	double none[2];
	int i, j;

	say("row 5: TCP bind/connect");
	bind_ctx.addr.sin_family = AF_INET;
	bind_ctx.addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	bind_ctx.addr.sin_port = htons(PORT_BASE);
	connect_ctx.addr = bind_ctx.addr;
	connect_ctx.addr.sin_port = htons(PORT_BASE + 2000);
	connect_ctx.listen_fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (connect_ctx.listen_fd < 0)
		die("socket");
	if (bind(connect_ctx.listen_fd,
		 (const struct sockaddr *)&connect_ctx.addr,
		 sizeof(connect_ctx.addr)))
		die("bind(listener)");
	if (listen(connect_ctx.listen_fd, 64))
		die("listen");

	for (j = 0; j < ARRAY_SIZE(jobs); j++)
		none[j] = measure(jobs[j].op, jobs[j].ctx);
	for (i = 0; i < ARRAY_SIZE(nr_rules); i++) {
		snprintf(param, sizeof(param), "%d", nr_rules[i]);
		for (j = 0; j < ARRAY_SIZE(jobs); j++) {
			result("5", jobs[j].name, param, "none", "ns", none[j]);
			if (abi < 4) {
				result("5", jobs[j].name, param, "landlock",
				       "ns", NAN);
				continue;
			}
			jobs[j].nr_rules = nr_rules[i];
			in_child(net_child, &jobs[j]);
		}
	}
	close(connect_ctx.listen_fd);
}

/*
 * Host side: prints the TSC frequency in kHz.  TCG's guest TSC runs at the
 * host's rate but the guest cannot calibrate it (no HPET without ACPI): the
 * harness passes it as tsc_early_khz=, so that CLOCK_MONOTONIC has a
 * nanosecond resolution instead of jiffies.
 */
static int print_tsc_khz(void)
{
#ifdef __x86_64__
	__u64 start_ns, start_tsc, ns, cycles;

	start_ns = now_ns();
	start_tsc = __rdtsc();
	usleep(200000);
	cycles = __rdtsc() - start_tsc;
	ns = now_ns() - start_ns;
	printf("%llu\n", (unsigned long long)(cycles * 1000000ULL / ns));
	return 0;
#else
	return 1;
#endif
}

static long env_long(const char *name, long def)
{
	const char *v = getenv(name);

	return v && *v ? strtol(v, NULL, 0) : def;
}

int main(int argc, char *argv[])
{
	const char *v;
	__u64 start = now_ns();
	int abi_cap;

	if (argc > 1 && !strcmp(argv[1], "--tsc-khz"))
		return print_tsc_khz();

	setvbuf(stdout, NULL, _IOLBF, 0);
	v = getenv("BENCH_SCALE");
	if (v && *v)
		scale = strtod(v, NULL);
	max_depth = env_long("BENCH_DEPTH", max_depth);
	many = env_long("BENCH_MANY", many);
	abi_cap = env_long("BENCH_ABI_CAP", 2);

	abi = syscall(__NR_landlock_create_ruleset, NULL, 0,
		      LANDLOCK_CREATE_RULESET_VERSION);
	if (abi < 1)
		die("Landlock is not available");
	/* File system rights: those of ABI min(abi, abi_cap). */
	fs_all = (RIGHT(13) - 1);
	if (abi >= 2 && abi_cap >= 2)
		fs_all |= FS_REFER;
	if (abi >= 3 && abi_cap >= 3)
		fs_all |= RIGHT(14);
	printf("@BENCH,info,abi,-,-,-,%d\n", abi);
	say("Landlock ABI %d, fs rights 0x%llx, scale %.2f", abi,
	    (unsigned long long)fs_all, scale);

	/* Each row that keeps many fds open runs in its own process. */
	row_typical();
	in_child(row_depth_child, NULL);
	row_rules();
	row_net();
	say("done in %.1f s", (now_ns() - start) / 1e9);
	return 0;
}
