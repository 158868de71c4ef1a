// SPDX-License-Identifier: GPL-2.0
/*
 * Landlock selftests: restricting every thread of a process (ABI 8)
 *
 * With LANDLOCK_RESTRICT_SELF_TSYNC, every other thread of the process gets
 * the calling thread's new Landlock state, all or nothing.  The tests run
 * a pool of worker threads, each idle in its own way (blocked in read(2),
 * nanosleep(2) or poll(2), or spinning in user space), and then ask every
 * thread to try a read and a write of a file, and to tell whether it has
 * no_new_privs: what the threads may do tells which domain they are in.
 *
 * A worker is asked to run a function by setting it and "kicking" it with
 * SIGUSR1, which has a handler without SA_RESTART: a blocked worker wakes
 * up with EINTR.  A worker whose blocking call returns for any other reason
 * (in particular with EINTR but without the handler having run, as the
 * synchronisation could wrongly cause) records it, and the tests check it.
 *
 * The audit side (which thread's denials are logged) is in audit_test.c.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "common.h"

#define TSYNC LANDLOCK_RESTRICT_SELF_TSYNC
#define LOG_SAME_EXEC_OFF LANDLOCK_RESTRICT_SELF_LOG_SAME_EXEC_OFF
#define LOG_NEW_EXEC_ON LANDLOCK_RESTRICT_SELF_LOG_NEW_EXEC_ON
#define LOG_SUBDOMAINS_OFF LANDLOCK_RESTRICT_SELF_LOG_SUBDOMAINS_OFF

#ifndef sigev_notify_thread_id
#define sigev_notify_thread_id _sigev_un._tid
#endif

/* Workers of the pool of most tests, and of the large one. */
#define NR_WORKERS 16
#define NR_MANY_WORKERS 256
/* Workers created while a call is in progress, at most. */
#define NR_SPAWNED 64

/* How long a worker may take to start a function, or to run it, in ms. */
#define WORKER_TIMEOUT_MS 10000

/* The file that the threads try to read and write (in the scratch dir). */
#define FILE_PATH "file"

enum idle_mode {
	IDLE_READ,
	IDLE_NANOSLEEP,
	IDLE_POLL,
	IDLE_SPIN,
	NR_IDLE_MODES,
};

static const char *const idle_names[NR_IDLE_MODES] = {
	[IDLE_READ] = "read",
	[IDLE_NANOSLEEP] = "nanosleep",
	[IDLE_POLL] = "poll",
	[IDLE_SPIN] = "spin",
};

struct worker;
typedef void (*worker_fn)(struct worker *);

struct worker {
	pthread_t thread;
	pid_t tid;
	int index;
	enum idle_mode mode;
	/* Read end of a pipe nobody writes to: read(2) and poll(2) block. */
	int idle_fd;
	/* Function to run, set by the main thread, cleared once run. */
	worker_fn fn;
	/* Whether the worker has taken @fn. */
	bool taken;
	/* A blocking call of the idle loop returned without a kick. */
	bool spurious;
	/* Results of check_thread(). */
	int read_err, write_err, nnp;
	/* Argument and result of the other functions. */
	long arg, ret;
};

/* Set by the SIGUSR1 handler, cleared by a worker before it blocks. */
static __thread bool kicked;

static void on_kick(int sig)
{
	__atomic_store_n(&kicked, true, __ATOMIC_RELAXED);
}

/* The function that makes a worker return. */
static void stop_fn(struct worker *const w)
{
}

static void idle(struct worker *const w)
{
	const struct timespec forever = {
		.tv_sec = 1000,
	};
	struct pollfd pfd = {
		.fd = w->idle_fd,
		.events = POLLIN,
	};
	char c;
	int ret, spin;

	switch (w->mode) {
	case IDLE_READ:
		ret = read(w->idle_fd, &c, 1);
		break;
	case IDLE_NANOSLEEP:
		ret = nanosleep(&forever, NULL);
		break;
	case IDLE_POLL:
		ret = poll(&pfd, 1, -1);
		break;
	default:
		/* In user space, without system call, most of the time. */
		for (spin = 0; spin < 100000; spin++)
			__atomic_signal_fence(__ATOMIC_SEQ_CST);
		sched_yield();
		return;
	}
	if (ret != -1 || errno != EINTR ||
	    !__atomic_load_n(&kicked, __ATOMIC_RELAXED))
		__atomic_store_n(&w->spurious, true, __ATOMIC_RELAXED);
}

static void *worker_main(void *const data)
{
	struct worker *const w = data;

	__atomic_store_n(&w->tid, gettid(), __ATOMIC_RELEASE);
	for (;;) {
		const worker_fn fn = __atomic_load_n(&w->fn, __ATOMIC_ACQUIRE);

		if (fn) {
			__atomic_store_n(&w->taken, true, __ATOMIC_RELEASE);
			fn(w);
			if (fn == stop_fn)
				return NULL;
			__atomic_store_n(&w->fn, NULL, __ATOMIC_RELEASE);
			continue;
		}
		__atomic_store_n(&kicked, false, __ATOMIC_RELAXED);
		idle(w);
	}
}

static void sleep_ms(const long ms)
{
	const struct timespec ts = {
		.tv_sec = ms / 1000,
		.tv_nsec = (ms % 1000) * 1000000,
	};

	nanosleep(&ts, NULL);
}

/*
 * Makes the worker run @fn, without waiting for it to finish: tells
 * whether it took it in time.  Kicks again until it does: a kick may come
 * just before the worker blocks.
 */
static bool start_on(struct worker *const w, const worker_fn fn)
{
	int waited;

	__atomic_store_n(&w->taken, false, __ATOMIC_RELAXED);
	__atomic_store_n(&w->fn, fn, __ATOMIC_RELEASE);
	for (waited = 0; waited < WORKER_TIMEOUT_MS; waited++) {
		if (__atomic_load_n(&w->taken, __ATOMIC_ACQUIRE))
			return true;
		pthread_kill(w->thread, SIGUSR1);
		sleep_ms(1);
	}
	return false;
}

/* Waits for the worker to finish its function: tells whether it did. */
static bool wait_on(struct worker *const w)
{
	int waited;

	for (waited = 0; waited < WORKER_TIMEOUT_MS; waited++) {
		if (!__atomic_load_n(&w->fn, __ATOMIC_ACQUIRE))
			return true;
		sleep_ms(1);
	}
	return false;
}

static void run_on(struct __test_metadata *const _metadata,
		   struct worker *const w, const worker_fn fn)
{
	ASSERT_TRUE(start_on(w, fn) && wait_on(w))
	{
		TH_LOG("Worker %d (%s) is stuck", w->index,
		       idle_names[w->mode]);
	}
}

/*
 * What a thread's domain allows, and whether it has no_new_privs: also
 * run by the main thread (on a struct worker of its own).
 */
static void check_thread(struct worker *const w)
{
	w->read_err = test_open(FILE_PATH, O_RDONLY);
	w->write_err = test_open(FILE_PATH, O_WRONLY);
	w->nnp = prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0);
}

/* New credentials, with the same content: not shared anymore. */
static void own_cred_fn(struct worker *const w)
{
	w->ret = prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0) ? errno : 0;
}

static void set_nnp_fn(struct worker *const w)
{
	w->ret = prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ? errno : 0;
}

/* Restricts the worker alone, with the ruleset @w->arg. */
static void restrict_fn(struct worker *const w)
{
	w->ret = landlock_restrict_self(w->arg, 0) ? errno : 0;
}

/* Same with TSYNC, once the main thread says so (see concurrent_callers). */
static bool go;

static void restrict_tsync_fn(struct worker *const w)
{
	while (!__atomic_load_n(&go, __ATOMIC_ACQUIRE))
		;
	w->ret = landlock_restrict_self(w->arg, TSYNC) ? errno : 0;
}

struct pool {
	struct worker *workers;
	int nr;
	int max;
	int idle_fds[2];
	pthread_attr_t attr;
	/* The main thread's results of check_thread(). */
	struct worker main;
};

static void install_kick(struct __test_metadata *const _metadata)
{
	const struct sigaction action = {
		.sa_handler = on_kick,
	};

	ASSERT_EQ(0, sigaction(SIGUSR1, &action, NULL));
}

static void pool_init(struct __test_metadata *const _metadata,
		      struct pool *const pool, const int max)
{
	memset(pool, 0, sizeof(*pool));
	install_kick(_metadata);
	pool->workers = calloc(max, sizeof(*pool->workers));
	ASSERT_NE(NULL, pool->workers);
	pool->max = max;
	ASSERT_EQ(0, pipe2(pool->idle_fds, O_CLOEXEC));
	ASSERT_EQ(0, pthread_attr_init(&pool->attr));
	ASSERT_EQ(0, pthread_attr_setstacksize(&pool->attr, 256 * 1024));
	pool->main.index = -1;
}

/*
 * Starts one more worker: returns it, or NULL if the pool is full or the
 * thread could not be created.  Not for the harness: may be called by any
 * thread, but one at a time.  Only the fourth one spins (they slow down
 * everything else); the others block in turn in each system call.
 */
static struct worker *pool_add(struct pool *const pool)
{
	const int index = __atomic_load_n(&pool->nr, __ATOMIC_ACQUIRE);
	struct worker *const w = &pool->workers[index];

	if (index >= pool->max)
		return NULL;
	w->index = index;
	w->mode = index == IDLE_SPIN ? IDLE_SPIN : index % IDLE_SPIN;
	w->idle_fd = pool->idle_fds[0];
	if (pthread_create(&w->thread, &pool->attr, worker_main, w))
		return NULL;
	__atomic_store_n(&pool->nr, index + 1, __ATOMIC_RELEASE);
	return w;
}

static void pool_start(struct __test_metadata *const _metadata,
		       struct pool *const pool, const int nr)
{
	int i;

	for (i = 0; i < nr; i++)
		ASSERT_NE(NULL, pool_add(pool));
}

/* Stops and joins the workers, if they can (else they die with us). */
static void pool_stop(struct pool *const pool)
{
	int i;

	for (i = 0; i < pool->nr; i++) {
		if (start_on(&pool->workers[i], stop_fn))
			pthread_join(pool->workers[i].thread, NULL);
	}
	pool->nr = 0;
	free(pool->workers);
	pool->workers = NULL;
	pthread_attr_destroy(&pool->attr);
	close(pool->idle_fds[0]);
	close(pool->idle_fds[1]);
}

/* Runs check_thread() on every thread. */
static void pool_check(struct __test_metadata *const _metadata,
		       struct pool *const pool)
{
	int i;

	for (i = 0; i < pool->nr; i++)
		ASSERT_TRUE(start_on(&pool->workers[i], check_thread));
	for (i = 0; i < pool->nr; i++) {
		ASSERT_TRUE(wait_on(&pool->workers[i]))
		{
			TH_LOG("Worker %d is stuck", i);
		}
	}
	check_thread(&pool->main);
}

/* Checks the results of check_thread() for one thread. */
static void expect_thread(struct __test_metadata *const _metadata,
			  const struct worker *const w, const int read_err,
			  const int write_err, const int nnp)
{
	const char *const name = w->index < 0 ? "main" : idle_names[w->mode];

	EXPECT_EQ(read_err, w->read_err)
	{
		TH_LOG("Thread %d (%s): read: %s", w->index, name,
		       strerror(w->read_err));
	}
	EXPECT_EQ(write_err, w->write_err)
	{
		TH_LOG("Thread %d (%s): write: %s", w->index, name,
		       strerror(w->write_err));
	}
	EXPECT_EQ(nnp, w->nnp)
	{
		TH_LOG("Thread %d (%s): no_new_privs", w->index, name);
	}
	EXPECT_FALSE(__atomic_load_n(&w->spurious, __ATOMIC_RELAXED))
	{
		TH_LOG("Thread %d (%s): woken up without a kick", w->index,
		       name);
	}
}

/* Checks the results of check_thread() for the workers from @first on. */
static void expect_workers(struct __test_metadata *const _metadata,
			   const struct pool *const pool, const int first,
			   const int read_err, const int write_err,
			   const int nnp)
{
	int i;

	for (i = first; i < pool->nr; i++)
		expect_thread(_metadata, &pool->workers[i], read_err, write_err,
			      nnp);
}

static int new_ruleset(struct __test_metadata *const _metadata,
		       const __u64 handled)
{
	return create_ruleset(_metadata, handled, NULL);
}

/* Makes the worker restrict itself alone with @handled (and no rule). */
static void restrict_worker(struct __test_metadata *const _metadata,
			    struct worker *const w, const __u64 handled)
{
	w->arg = new_ruleset(_metadata, handled);
	run_on(_metadata, w, set_nnp_fn);
	ASSERT_EQ(0, w->ret);
	run_on(_metadata, w, restrict_fn);
	ASSERT_EQ(0, w->ret);
	ASSERT_EQ(0, close(w->arg));
}

FIXTURE(tsync)
{
	struct scratch scratch;
	struct pool pool;
};

FIXTURE_SETUP(tsync)
{
	scratch_setup(_metadata, &self->scratch);
	create_file(_metadata, FILE_PATH);
	pool_init(_metadata, &self->pool, NR_WORKERS);
	pool_start(_metadata, &self->pool, NR_WORKERS);
	/* Nobody is sandboxed yet. */
	pool_check(_metadata, &self->pool);
	expect_thread(_metadata, &self->pool.main, 0, 0, 0);
	expect_workers(_metadata, &self->pool, 0, 0, 0, 0);
}

FIXTURE_TEARDOWN(tsync)
{
	pool_stop(&self->pool);
	scratch_teardown(_metadata, &self->scratch);
}

/*
 * Every thread gets the domain, and no_new_privs, those that share the
 * caller's credentials and one that has its own.
 */
TEST_F(tsync, restrict_all)
{
	const int ruleset_fd =
		new_ruleset(_metadata, LANDLOCK_ACCESS_FS_READ_FILE);

	run_on(_metadata, &self->pool.workers[0], own_cred_fn);
	ASSERT_EQ(0, self->pool.workers[0].ret);
	set_no_new_privs(_metadata);
	ASSERT_EQ(0, landlock_restrict_self(ruleset_fd, TSYNC));
	ASSERT_EQ(0, close(ruleset_fd));
	pool_check(_metadata, &self->pool);
	expect_thread(_metadata, &self->pool.main, EACCES, 0, 1);
	expect_workers(_metadata, &self->pool, 0, EACCES, 0, 1);
}

/* Without TSYNC, only the calling thread changes. */
TEST_F(tsync, caller_only)
{
	const int ruleset_fd =
		new_ruleset(_metadata, LANDLOCK_ACCESS_FS_READ_FILE);

	set_no_new_privs(_metadata);
	ASSERT_EQ(0, landlock_restrict_self(ruleset_fd, 0));
	ASSERT_EQ(0, close(ruleset_fd));
	pool_check(_metadata, &self->pool);
	expect_thread(_metadata, &self->pool.main, EACCES, 0, 1);
	expect_workers(_metadata, &self->pool, 0, 0, 0, 0);
}

/* With CAP_SYS_ADMIN instead of no_new_privs: no thread gets it. */
TEST_F(tsync, no_nnp_with_cap_sys_admin)
{
	const int ruleset_fd =
		new_ruleset(_metadata, LANDLOCK_ACCESS_FS_READ_FILE);

	if (!has_cap(CAP_SYS_ADMIN))
		SKIP(return, "Needs CAP_SYS_ADMIN");
	ASSERT_EQ(0, landlock_restrict_self(ruleset_fd, TSYNC));
	ASSERT_EQ(0, close(ruleset_fd));
	pool_check(_metadata, &self->pool);
	expect_thread(_metadata, &self->pool.main, EACCES, 0, 0);
	expect_workers(_metadata, &self->pool, 0, EACCES, 0, 0);
}

/*
 * ABI 11: without privilege, LANDLOCK_RESTRICT_SELF_NO_NEW_PRIVS with TSYNC
 * gives every thread the domain and no_new_privs.
 */
TEST_F(tsync, nnp_flag)
{
	const int ruleset_fd =
		new_ruleset(_metadata, LANDLOCK_ACCESS_FS_READ_FILE);

	drop_all_caps(_metadata);
	ASSERT_EQ(0, landlock_restrict_self(ruleset_fd,
					    TSYNC | RESTRICT_SELF_NNP));
	ASSERT_EQ(0, close(ruleset_fd));
	pool_check(_metadata, &self->pool);
	expect_thread(_metadata, &self->pool.main, EACCES, 0, 1);
	expect_workers(_metadata, &self->pool, 0, EACCES, 0, 1);
}

/* Neither no_new_privs nor CAP_SYS_ADMIN: nothing changes. */
TEST_F(tsync, eperm)
{
	const int ruleset_fd =
		new_ruleset(_metadata, LANDLOCK_ACCESS_FS_READ_FILE);

	drop_all_caps(_metadata);
	ASSERT_EQ(-1, landlock_restrict_self(ruleset_fd, TSYNC));
	ASSERT_EQ(EPERM, errno);
	ASSERT_EQ(-1, landlock_restrict_self(-1, LOG_SUBDOMAINS_OFF | TSYNC));
	ASSERT_EQ(EPERM, errno);
	ASSERT_EQ(0, close(ruleset_fd));
	pool_check(_metadata, &self->pool);
	expect_thread(_metadata, &self->pool.main, 0, 0, 0);
	expect_workers(_metadata, &self->pool, 0, 0, 0, 0);
}

/*
 * A worker that restricted itself alone loses its domain for the caller's
 * one, even though its own one was the only one to forbid writing.
 */
TEST_F(tsync, replaces_own_domain)
{
	const int ruleset_fd =
		new_ruleset(_metadata, LANDLOCK_ACCESS_FS_READ_FILE);
	struct worker *const w = &self->pool.workers[0];

	restrict_worker(_metadata, w, LANDLOCK_ACCESS_FS_WRITE_FILE);
	pool_check(_metadata, &self->pool);
	expect_thread(_metadata, w, 0, EACCES, 1);

	set_no_new_privs(_metadata);
	ASSERT_EQ(0, landlock_restrict_self(ruleset_fd, TSYNC));
	ASSERT_EQ(0, close(ruleset_fd));
	pool_check(_metadata, &self->pool);
	expect_thread(_metadata, &self->pool.main, EACCES, 0, 1);
	expect_workers(_metadata, &self->pool, 0, EACCES, 0, 1);
}

/*
 * Reads the description of the domain of the thread @tid of this process
 * (/proc/.../attr/landlock/current): returns 0 or an errno.
 */
static int read_desc(const pid_t tid, char *const buf, const size_t size)
{
	char path[64];
	ssize_t len;
	int fd, err = 0;

	snprintf(path, sizeof(path), "/proc/self/task/%d/attr/landlock/current",
		 tid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno;
	len = read(fd, buf, size - 1);
	if (len < 0)
		err = errno;
	else
		buf[len] = '\0';
	close(fd);
	return err;
}

/*
 * After the call, /proc describes the same domain (the same layer, with
 * the same ID) for every thread, the worker that had a layer of its own
 * included.
 */
TEST_F(tsync, same_description)
{
	/* Not READ_FILE: /proc is read through the file system. */
	const int ruleset_fd =
		new_ruleset(_metadata, LANDLOCK_ACCESS_FS_WRITE_FILE);
	struct worker *const w = &self->pool.workers[0];
	char main_desc[512], desc[512];
	int i;

	restrict_worker(_metadata, w, LANDLOCK_ACCESS_FS_MAKE_BLOCK);
	ASSERT_EQ(0, read_desc(w->tid, desc, sizeof(desc)));
	ASSERT_EQ(0, strncmp(desc, "domain=", strlen("domain=")));

	set_no_new_privs(_metadata);
	ASSERT_EQ(0, landlock_restrict_self(ruleset_fd, TSYNC));
	ASSERT_EQ(0, close(ruleset_fd));
	ASSERT_EQ(0, read_desc(gettid(), main_desc, sizeof(main_desc)));
	/* One layer, not the worker's. */
	ASSERT_EQ(0, strncmp(main_desc, "domain=", strlen("domain=")));
	ASSERT_NE(0, strcmp(main_desc, desc));
	ASSERT_EQ(strchr(main_desc, '\n') + 1, main_desc + strlen(main_desc));
	for (i = 0; i < self->pool.nr; i++) {
		ASSERT_EQ(0, read_desc(self->pool.workers[i].tid, desc,
				       sizeof(desc)));
		EXPECT_STREQ(main_desc, desc)
		{
			TH_LOG("Thread %d (%s)", i,
			       idle_names[self->pool.workers[i].mode]);
		}
	}
}

/*
 * The caller has the maximum number of layers: E2BIG, and no thread
 * changes, whatever its own number of layers.
 */
TEST_F(tsync, e2big_changes_nothing)
{
	const int read_fd =
		new_ruleset(_metadata, LANDLOCK_ACCESS_FS_READ_FILE);
	const int other_fd =
		new_ruleset(_metadata, LANDLOCK_ACCESS_FS_MAKE_BLOCK);
	struct worker *const w = &self->pool.workers[0];
	int i;

	restrict_worker(_metadata, w, LANDLOCK_ACCESS_FS_WRITE_FILE);
	set_no_new_privs(_metadata);
	for (i = 0; i < MAX_LAYERS; i++)
		ASSERT_EQ(0, landlock_restrict_self(other_fd, 0));
	ASSERT_EQ(-1, landlock_restrict_self(read_fd, TSYNC));
	ASSERT_EQ(E2BIG, errno);
	ASSERT_EQ(0, close(read_fd));
	ASSERT_EQ(0, close(other_fd));

	pool_check(_metadata, &self->pool);
	expect_thread(_metadata, &self->pool.main, 0, 0, 1);
	expect_thread(_metadata, w, 0, EACCES, 1);
	expect_workers(_metadata, &self->pool, 1, 0, 0, 0);
}

/* A ruleset_fd of -1: no domain, but no_new_privs is carried over. */
TEST_F(tsync, no_ruleset)
{
	set_no_new_privs(_metadata);
	ASSERT_EQ(0, landlock_restrict_self(-1, LOG_SUBDOMAINS_OFF | TSYNC));
	pool_check(_metadata, &self->pool);
	expect_thread(_metadata, &self->pool.main, 0, 0, 1);
	expect_workers(_metadata, &self->pool, 0, 0, 0, 1);
}

/* A ruleset_fd of -1 gives every thread the caller's current domain. */
TEST_F(tsync, no_ruleset_copies_domain)
{
	const int ruleset_fd =
		new_ruleset(_metadata, LANDLOCK_ACCESS_FS_READ_FILE);

	set_no_new_privs(_metadata);
	ASSERT_EQ(0, landlock_restrict_self(ruleset_fd, 0));
	ASSERT_EQ(0, close(ruleset_fd));
	pool_check(_metadata, &self->pool);
	expect_workers(_metadata, &self->pool, 0, 0, 0, 0);

	ASSERT_EQ(0, landlock_restrict_self(-1, LOG_SUBDOMAINS_OFF | TSYNC));
	pool_check(_metadata, &self->pool);
	expect_thread(_metadata, &self->pool.main, EACCES, 0, 1);
	expect_workers(_metadata, &self->pool, 0, EACCES, 0, 1);
}

/* A ruleset_fd of -1 with any other set of flags: EBADF, no change. */
TEST_F(tsync, no_ruleset_ebadf)
{
	const __u32 flags[] = {
		TSYNC,
		TSYNC | LOG_SAME_EXEC_OFF,
		TSYNC | LOG_NEW_EXEC_ON,
		TSYNC | LOG_SUBDOMAINS_OFF | LOG_SAME_EXEC_OFF,
		TSYNC | LOG_SUBDOMAINS_OFF | LOG_NEW_EXEC_ON,
		TSYNC | LOG_SUBDOMAINS_OFF | LOG_SAME_EXEC_OFF |
			LOG_NEW_EXEC_ON,
	};
	size_t i;

	set_no_new_privs(_metadata);
	for (i = 0; i < ARRAY_SIZE(flags); i++) {
		ASSERT_EQ(-1, landlock_restrict_self(-1, flags[i]));
		ASSERT_EQ(EBADF, errno)
		{
			TH_LOG("flags 0x%x", flags[i]);
		}
	}
	/* Only -1 skips the file descriptor. */
	ASSERT_EQ(-1, landlock_restrict_self(-2, LOG_SUBDOMAINS_OFF | TSYNC));
	ASSERT_EQ(EBADF, errno);
	pool_check(_metadata, &self->pool);
	expect_thread(_metadata, &self->pool.main, 0, 0, 1);
	expect_workers(_metadata, &self->pool, 0, 0, 0, 0);
}

/*
 * Two threads call TSYNC at the same time: both succeed, and every thread
 * ends up with both layers.
 */
TEST_F(tsync, concurrent_callers)
{
	const int read_fd =
		new_ruleset(_metadata, LANDLOCK_ACCESS_FS_READ_FILE);
	const int write_fd =
		new_ruleset(_metadata, LANDLOCK_ACCESS_FS_WRITE_FILE);
	struct worker *const w = &self->pool.workers[IDLE_SPIN];
	int i;

	set_no_new_privs(_metadata);
	run_on(_metadata, w, set_nnp_fn);
	ASSERT_EQ(0, w->ret);
	w->arg = write_fd;
	for (i = 0; i < MAX_LAYERS / 2; i++) {
		__atomic_store_n(&go, false, __ATOMIC_RELEASE);
		ASSERT_TRUE(start_on(w, restrict_tsync_fn));
		__atomic_store_n(&go, true, __ATOMIC_RELEASE);
		ASSERT_EQ(0, landlock_restrict_self(read_fd, TSYNC))
		{
			TH_LOG("Round %d: %s", i, strerror(errno));
		}
		ASSERT_TRUE(wait_on(w));
		ASSERT_EQ(0, w->ret)
		{
			TH_LOG("Round %d: worker: %s", i, strerror(w->ret));
		}
	}
	ASSERT_EQ(0, close(read_fd));
	ASSERT_EQ(0, close(write_fd));
	pool_check(_metadata, &self->pool);
	expect_thread(_metadata, &self->pool.main, EACCES, EACCES, 1);
	expect_workers(_metadata, &self->pool, 0, EACCES, EACCES, 1);
}

/*
 * Threads
 */

struct churn {
	struct pool *pool;
	bool stop;
	/* Threads created by the churner, which exit at once. */
	unsigned long nr_exited;
};

static void *exit_at_once(void *const data)
{
	return NULL;
}

/* Adds workers to the pool until it is full or told to stop. */
static void *spawn_main(void *const data)
{
	struct churn *const churn = data;

	while (!__atomic_load_n(&churn->stop, __ATOMIC_ACQUIRE) &&
	       pool_add(churn->pool))
		sched_yield();
	return NULL;
}

/* Creates threads that exit at once, and waits for them, until told. */
static void *exit_main(void *const data)
{
	struct churn *const churn = data;
	pthread_t thread;

	while (!__atomic_load_n(&churn->stop, __ATOMIC_ACQUIRE)) {
		if (pthread_create(&thread, &churn->pool->attr, exit_at_once,
				   NULL))
			break;
		pthread_join(thread, NULL);
		__atomic_add_fetch(&churn->nr_exited, 1, __ATOMIC_RELAXED);
	}
	return NULL;
}

/*
 * Threads created and threads exiting while the call runs, in a new process:
 * every thread there is afterwards is restricted, those created then
 * included.  Returns whether every check passed.
 */
static bool come_and_go(struct __test_metadata *const _metadata)
{
	struct churn churn = {};
	pthread_t spawner, exiter;
	struct pool pool;
	int ruleset_fd;

	pool_init(_metadata, &pool, NR_WORKERS + NR_SPAWNED);
	pool_start(_metadata, &pool, NR_WORKERS);
	ruleset_fd = new_ruleset(_metadata, LANDLOCK_ACCESS_FS_READ_FILE);
	set_no_new_privs(_metadata);

	churn.pool = &pool;
	ASSERT_EQ(0, pthread_create(&exiter, &pool.attr, exit_main, &churn));
	ASSERT_EQ(0, pthread_create(&spawner, &pool.attr, spawn_main, &churn));
	/* Let both start. */
	while (__atomic_load_n(&pool.nr, __ATOMIC_ACQUIRE) < NR_WORKERS + 2 ||
	       !__atomic_load_n(&churn.nr_exited, __ATOMIC_RELAXED))
		sched_yield();
	ASSERT_EQ(0, landlock_restrict_self(ruleset_fd, TSYNC));
	__atomic_store_n(&churn.stop, true, __ATOMIC_RELEASE);
	ASSERT_EQ(0, pthread_join(spawner, NULL));
	ASSERT_EQ(0, pthread_join(exiter, NULL));
	ASSERT_EQ(0, close(ruleset_fd));

	pool_check(_metadata, &pool);
	expect_thread(_metadata, &pool.main, EACCES, 0, 1);
	expect_workers(_metadata, &pool, 0, EACCES, 0, 1);
	/* The harness only sees the exit code of this process. */
	return _metadata->passed;
}

/* Each try races differently. */
#define NR_COME_AND_GO 8

TEST(threads_come_and_go)
{
	struct scratch scratch;
	pid_t child;
	int i;

	scratch_setup(_metadata, &scratch);
	create_file(_metadata, FILE_PATH);
	for (i = 0; i < NR_COME_AND_GO; i++) {
		child = fork();
		ASSERT_LE(0, child);
		if (child == 0)
			_exit(come_and_go(_metadata) ? 0 : 1);
		ASSERT_EQ(0, wait_child(_metadata, child))
		{
			TH_LOG("Try %d failed", i);
		}
	}
	scratch_teardown(_metadata, &scratch);
}

/* Many threads. */
TEST(many_threads)
{
	struct scratch scratch;
	struct pool pool;
	int ruleset_fd;

	scratch_setup(_metadata, &scratch);
	create_file(_metadata, FILE_PATH);
	pool_init(_metadata, &pool, NR_MANY_WORKERS);
	pool_start(_metadata, &pool, NR_MANY_WORKERS);
	ruleset_fd = new_ruleset(_metadata, LANDLOCK_ACCESS_FS_WRITE_FILE);
	set_no_new_privs(_metadata);
	ASSERT_EQ(0, landlock_restrict_self(ruleset_fd, TSYNC));
	ASSERT_EQ(0, close(ruleset_fd));
	pool_check(_metadata, &pool);
	expect_thread(_metadata, &pool.main, 0, EACCES, 1);
	expect_workers(_metadata, &pool, 0, 0, EACCES, 1);
	pool_stop(&pool);
	scratch_teardown(_metadata, &scratch);
}

/*
 * Signals
 */

/* Set around the call, and counted by the handler if it came during it. */
static bool in_call;
static int interrupted;

static void on_timer(int sig)
{
	if (__atomic_load_n(&in_call, __ATOMIC_RELAXED))
		__atomic_add_fetch(&interrupted, 1, __ATOMIC_RELAXED);
}

/* vfork(2): the worker waits for its child, and cannot run its work. */
#define VFORK_CHILD_MS 400
#define TIMER_MS 100

/*
 * Waits for the worker @w to be in the state @state (as /proc shows it):
 * tells whether it came in time.
 */
static bool wait_state(struct worker *const w, const char state)
{
	char path[64], buf[256], *end;
	int waited, fd;
	ssize_t len;

	for (waited = 0; waited < WORKER_TIMEOUT_MS; waited++) {
		snprintf(path, sizeof(path), "/proc/self/task/%d/stat",
			 __atomic_load_n(&w->tid, __ATOMIC_ACQUIRE));
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd >= 0) {
			len = read(fd, buf, sizeof(buf) - 1);
			close(fd);
			buf[len > 0 ? len : 0] = '\0';
			/* "TID (COMM) STATE ..." */
			end = strrchr(buf, ')');
			if (end && end[1] == ' ' && end[2] == state)
				return true;
		}
		sleep_ms(1);
	}
	return false;
}

static void vfork_fn(struct worker *const w)
{
	int status;
	pid_t pid;

	pid = vfork();
	if (pid == 0) {
		sleep_ms(VFORK_CHILD_MS);
		_exit(0);
	}
	w->ret = -1;
	if (pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status))
		w->ret = WEXITSTATUS(status);
}

/*
 * The caller waits for a worker blocked in vfork(2), and a signal (with a
 * handler, without SA_RESTART) interrupts it: the call is restarted
 * without the caller seeing it, and succeeds.
 */
TEST_F(tsync, interrupted_caller)
{
	const struct sigaction action = {
		.sa_handler = on_timer,
	};
	struct sigevent event = {
		.sigev_notify = SIGEV_THREAD_ID,
		.sigev_signo = SIGUSR2,
	};
	const struct itimerspec delay = {
		.it_value.tv_nsec = TIMER_MS * 1000000,
	};
	struct worker *const w = &self->pool.workers[0];
	int ruleset_fd, ret;
	timer_t timer;

	ASSERT_EQ(0, sigaction(SIGUSR2, &action, NULL));
	event.sigev_notify_thread_id = gettid();
	ASSERT_EQ(0, timer_create(CLOCK_MONOTONIC, &event, &timer));
	ruleset_fd = new_ruleset(_metadata, LANDLOCK_ACCESS_FS_READ_FILE);
	set_no_new_privs(_metadata);

	ASSERT_TRUE(start_on(w, vfork_fn));
	/* Waiting for its child, killable only. */
	ASSERT_TRUE(wait_state(w, 'D'));
	ASSERT_EQ(0, timer_settime(timer, 0, &delay, NULL));
	__atomic_store_n(&in_call, true, __ATOMIC_RELAXED);
	ret = landlock_restrict_self(ruleset_fd, TSYNC);
	__atomic_store_n(&in_call, false, __ATOMIC_RELAXED);
	ASSERT_EQ(0, ret)
	{
		TH_LOG("Failed to restrict the threads: %s", strerror(errno));
	}
	ASSERT_EQ(1, __atomic_load_n(&interrupted, __ATOMIC_RELAXED));
	ASSERT_TRUE(wait_on(w));
	ASSERT_EQ(0, w->ret);
	ASSERT_EQ(0, timer_delete(timer));
	ASSERT_EQ(0, close(ruleset_fd));

	pool_check(_metadata, &self->pool);
	expect_thread(_metadata, &self->pool.main, EACCES, 0, 1);
	expect_workers(_metadata, &self->pool, 0, EACCES, 0, 1);
}

/*
 * Failure injection (setup_fail_nth() of common.h): the allocations of a
 * thread fail when asked through its fail-nth file.
 */

static void open_fail_fn(struct worker *const w)
{
	w->ret = open_fail_nth();
}

static void fail_next_fn(struct worker *const w)
{
	w->ret = set_fail_nth(w->arg, 1) ? 0 : errno;
}

static void fail_left_fn(struct worker *const w)
{
	w->ret = fail_nth_left(w->arg);
	close(w->arg);
}

/*
 * A worker that does not share the caller's credentials fails to prepare
 * its own: ENOMEM, and no thread changes.  Then the call works.
 */
TEST_F(tsync, sibling_enomem)
{
	const int ruleset_fd =
		new_ruleset(_metadata, LANDLOCK_ACCESS_FS_READ_FILE);
	struct worker *const w = &self->pool.workers[IDLE_READ];
	const char *const why = setup_fail_nth();
	int fail_fd;

	if (why)
		SKIP(return, "%s", why);
	run_on(_metadata, w, open_fail_fn);
	ASSERT_LE(0, w->ret);
	fail_fd = w->ret;
	restrict_worker(_metadata, w, LANDLOCK_ACCESS_FS_WRITE_FILE);
	set_no_new_privs(_metadata);
	w->arg = fail_fd;
	run_on(_metadata, w, fail_next_fn);
	ASSERT_EQ(0, w->ret);
	ASSERT_EQ(-1, landlock_restrict_self(ruleset_fd, TSYNC));
	ASSERT_EQ(ENOMEM, errno);
	w->arg = fail_fd;
	run_on(_metadata, w, fail_left_fn);
	ASSERT_EQ(0, w->ret);

	pool_check(_metadata, &self->pool);
	expect_thread(_metadata, &self->pool.main, 0, 0, 1);
	expect_thread(_metadata, w, 0, EACCES, 1);
	expect_workers(_metadata, &self->pool, IDLE_READ + 1, 0, 0, 0);

	ASSERT_EQ(0, landlock_restrict_self(ruleset_fd, TSYNC));
	ASSERT_EQ(0, close(ruleset_fd));
	pool_check(_metadata, &self->pool);
	expect_thread(_metadata, &self->pool.main, EACCES, 0, 1);
	expect_workers(_metadata, &self->pool, 0, EACCES, 0, 1);
}

/*
 * In a new process with workers (one of them with credentials of its
 * own), makes the @n-th allocation of the caller fail: either the call
 * fails with ENOMEM and nothing changed, or it succeeds (the failure was
 * absorbed, or came after the call) and every thread changed.
 */
static int try_caller_enomem(struct __test_metadata *const _metadata,
			     const unsigned int n,
			     const void *const arg __maybe_unused)
{
	struct pool pool;
	int ruleset_fd, fd, ret, err;
	long left;

	pool_init(_metadata, &pool, NR_IDLE_MODES);
	pool_start(_metadata, &pool, NR_IDLE_MODES);
	restrict_worker(_metadata, &pool.workers[0],
			LANDLOCK_ACCESS_FS_WRITE_FILE);
	ruleset_fd = new_ruleset(_metadata, LANDLOCK_ACCESS_FS_READ_FILE);
	set_no_new_privs(_metadata);

	fd = open_fail_nth();
	ASSERT_LE(0, fd);
	ASSERT_TRUE(set_fail_nth(fd, n));
	ret = landlock_restrict_self(ruleset_fd, TSYNC);
	err = errno;
	left = fail_nth_left(fd);
	/* Nothing else may fail. */
	ASSERT_TRUE(set_fail_nth(fd, 0));
	ASSERT_EQ(0, close(fd));
	ASSERT_LE(0, left);

	pool_check(_metadata, &pool);
	if (ret) {
		ASSERT_EQ(ENOMEM, err);
		expect_thread(_metadata, &pool.main, 0, 0, 1);
		expect_thread(_metadata, &pool.workers[0], 0, EACCES, 1);
		expect_workers(_metadata, &pool, 1, 0, 0, 0);
	} else {
		expect_thread(_metadata, &pool.main, EACCES, 0, 1);
		expect_workers(_metadata, &pool, 0, EACCES, 0, 1);
	}
	/* The harness only sees the exit code of this process. */
	return fail_try_outcome(_metadata, ret, left);
}

/* Every allocation of the caller fails in turn. */
TEST(caller_enomem)
{
	const char *const why = setup_fail_nth();
	struct fail_sweep sweep;
	struct scratch scratch;

	if (why)
		SKIP(return, "%s", why);
	scratch_setup(_metadata, &scratch);
	create_file(_metadata, FILE_PATH);
	fail_nth_sweep(_metadata, "restrict_self(TSYNC)", try_caller_enomem,
		       NULL, &sweep);
	ASSERT_LT(0, sweep.failed);
	scratch_teardown(_metadata, &scratch);
}

/*
 * Scopes: after the call, the threads share one domain, and what a worker
 * creates then belongs to the caller's domain.  Without TSYNC, it does not.
 */

FIXTURE(tsync_scope)
{
	struct scratch scratch;
	struct pool pool;
};

FIXTURE_VARIANT(tsync_scope)
{
	__u32 flags;
	int err;
};

/* clang-format off */
FIXTURE_VARIANT_ADD(tsync_scope, synced) {
	/* clang-format on */
	.flags = TSYNC,
	.err = 0,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(tsync_scope, caller_only) {
	/* clang-format on */
	.flags = 0,
	.err = EPERM,
};

FIXTURE_SETUP(tsync_scope)
{
	const struct landlock_ruleset_attr attr = {
		.scoped = LANDLOCK_SCOPE_SIGNAL |
			  LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET,
	};
	int ruleset_fd;

	scratch_setup(_metadata, &self->scratch);
	pool_init(_metadata, &self->pool, 1);
	pool_start(_metadata, &self->pool, 1);
	ruleset_fd = landlock_create_ruleset(&attr, sizeof(attr), 0);
	ASSERT_LE(0, ruleset_fd);
	set_no_new_privs(_metadata);
	ASSERT_EQ(0, landlock_restrict_self(ruleset_fd, variant->flags));
	ASSERT_EQ(0, close(ruleset_fd));
}

FIXTURE_TEARDOWN(tsync_scope)
{
	pool_stop(&self->pool);
	scratch_teardown(_metadata, &self->scratch);
}

static void fork_fn(struct worker *const w)
{
	w->ret = fork();
	if (w->ret == 0) {
		pause();
		_exit(0);
	}
}

static void reap_fn(struct worker *const w)
{
	int status;

	kill(w->ret, SIGKILL);
	w->ret = waitpid(w->ret, &status, 0) == w->ret ? 0 : errno;
}

/* A signal to a process forked by a worker. */
TEST_F(tsync_scope, signal)
{
	struct worker *const w = &self->pool.workers[0];

	run_on(_metadata, w, fork_fn);
	ASSERT_LT(0, w->ret);
	EXPECT_EQ(variant->err, ERR(kill(w->ret, 0)));
	run_on(_metadata, w, reap_fn);
	ASSERT_EQ(0, w->ret);
}

static socklen_t abstract_addr(struct sockaddr_un *const addr)
{
	memset(addr, 0, sizeof(*addr));
	addr->sun_family = AF_UNIX;
	return offsetof(struct sockaddr_un, sun_path) + 1 +
	       snprintf(addr->sun_path + 1, sizeof(addr->sun_path) - 1,
			"landlock-tsync-%d", getpid());
}

static void listen_fn(struct worker *const w)
{
	struct sockaddr_un addr;
	const socklen_t len = abstract_addr(&addr);
	const int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

	w->ret = -1;
	if (fd < 0)
		return;
	if (bind(fd, (struct sockaddr *)&addr, len) || listen(fd, 1)) {
		close(fd);
		return;
	}
	w->ret = fd;
}

/* A connection to an abstract UNIX socket created by a worker. */
TEST_F(tsync_scope, abstract_unix_socket)
{
	struct worker *const w = &self->pool.workers[0];
	struct sockaddr_un addr;
	const socklen_t len = abstract_addr(&addr);
	int fd;

	run_on(_metadata, w, listen_fn);
	ASSERT_LE(0, w->ret);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	ASSERT_LE(0, fd);
	EXPECT_EQ(variant->err,
		  ERR(connect(fd, (struct sockaddr *)&addr, len)));
	ASSERT_EQ(0, close(fd));
	ASSERT_EQ(0, close(w->ret));
}

LANDLOCK_HARNESS_MAIN
