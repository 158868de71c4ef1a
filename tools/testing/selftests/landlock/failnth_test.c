// SPDX-License-Identifier: GPL-2.0
/*
 * Landlock selftests: allocation failures
 *
 * With fault injection (setup_fail_nth() of common.h), each operation runs
 * again and again, each time in a new process, with its 1st, 2nd... n-th
 * allocation made to fail, until it no longer reaches its n-th allocation.
 * A call that fails must fail with the documented errno and change nothing;
 * a call that works despite a failed allocation (a fallback) must have its
 * whole effect.  Each test logs how many allocation sites its operation
 * reached ("fail-nth NAME: N allocation sites").
 */

#define _GNU_SOURCE
#include <dirent.h>
#include <linux/landlock.h>
#include <pthread.h>
#include <sys/ioctl.h>
#include <sys/time.h>

#include "audit_common.h"
#include "common.h"
#include "net_common.h"

/* Skips the test unless fail-nth works here. */
#define NEED_FAIL_NTH()                             \
	do {                                        \
		const char *why = setup_fail_nth(); \
		if (why)                            \
			SKIP(return, "%s", why);    \
	} while (0)

/* Seconds for one sweep (each try forks, on a debug kernel). */
#define SWEEP_TIMEOUT 120

/* Description of the calling thread's domain (patch 0007). */
#define OWN_DESC "/proc/thread-self/attr/landlock/current"
#define DESC_SIZE 4096

/* The lowest free file descriptor: what a leaked one would take. */
static int lowest_free_fd(void)
{
	const int fd = dup(STDERR_FILENO);

	if (fd >= 0)
		close(fd);
	return fd;
}

/*
 * Makes the @n-th next allocation of the thread fail, through @nth (its
 * fail-nth file, opened before any sandboxing).
 */
static void fail_nth_begin(struct __test_metadata *const _metadata,
			   const int nth, const unsigned int n)
{
	ASSERT_TRUE(set_fail_nth(nth, n));
}

/*
 * Stops the failure injection of fail_nth_begin() and returns what was left
 * of its count (0: the n-th allocation happened and failed), errno kept.
 */
static long fail_nth_end(struct __test_metadata *const _metadata, const int nth)
{
	const int err = errno;
	const long left = fail_nth_left(nth);

	ASSERT_TRUE(set_fail_nth(nth, 0));
	ASSERT_LE(0, left);
	errno = err;
	return left;
}

/*
 * Checks the errno @err of a call that should have given @expected (0 for
 * success): an injected failure may also give one of @alloc_errs (a
 * 0-terminated list).  Returns whether the call failed because of the
 * injected failure.
 */
static bool check_err(struct __test_metadata *const _metadata, const int err,
		      const int expected, const int alloc_errs[])
{
	int i;

	if (err == expected)
		return false;
	for (i = 0; alloc_errs[i]; i++) {
		if (err == alloc_errs[i])
			return true;
	}
	EXPECT_EQ(expected, err)
	{
		TH_LOG("Unexpected error: %s", strerror(err));
	}
	return true;
}

/* What a failed allocation may give in general. */
static const int enomem[] = { ENOMEM, 0 };

/* Reads the description of a domain through @fd (opened earlier). */
static void read_desc(struct __test_metadata *const _metadata, const int fd,
		      char *const buf)
{
	const ssize_t len = pread(fd, buf, DESC_SIZE - 1, 0);

	ASSERT_LE(0, len);
	buf[len] = '\0';
}

/* The number of layers of a description: one line each. */
static unsigned int desc_layers(const char *const desc)
{
	unsigned int lines = 0;
	const char *p;

	for (p = desc; *p; p++)
		lines += *p == '\n';
	return lines;
}

static bool get_no_new_privs(void)
{
	return prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) == 1;
}

/*
 * Stacks @nr layers that only handle making FIFOs (harmless here), without
 * setting no_new_privs (the caller has it or CAP_SYS_ADMIN).
 */
static void stack_layers(struct __test_metadata *const _metadata,
			 const unsigned int nr)
{
	unsigned int i;
	int fd;

	for (i = 0; i < nr; i++) {
		fd = create_ruleset(_metadata, LANDLOCK_ACCESS_FS_MAKE_FIFO,
				    NULL);
		ASSERT_EQ(0, landlock_restrict_self(fd, 0));
		ASSERT_EQ(0, close(fd));
	}
}

/* Returns the errno of opening the directory @path, or 0. */
static int open_dir(const char *const path)
{
	return test_open(path, O_RDONLY | O_DIRECTORY);
}

/*
 * Audit switched on and off for sweeps, without a daemon: the records of a
 * denial are then made (their allocations are failed in turn too), printed
 * (rate limited) and dropped.
 */
/* audit_status.enabled of a locked configuration (audit -e 2). */
#define AUDIT_ENABLED_LOCKED 2

struct audit_switch {
	int fd;
	__u32 seq;
	__u32 was_enabled;
};

/*
 * Opens the switch (@sw->fd is -1 before, and again if it cannot be
 * opened): returns NULL, or why audit cannot be switched (for SKIP).
 */
static const char *audit_switch_open(struct audit_switch *const sw)
{
	const struct timeval timeout = { .tv_sec = 2 };
	struct audit_status old;
	const char *why = NULL;

	sw->seq = 0;
	sw->fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_AUDIT);
	if (sw->fd < 0)
		return "No audit (CONFIG_AUDIT)";
	if (setsockopt(sw->fd, SOL_SOCKET, SO_RCVTIMEO, &timeout,
		       sizeof(timeout)) ||
	    audit_get(sw->fd, ++sw->seq, &old))
		why = "Cannot switch audit (no CAP_AUDIT_CONTROL in the initial namespace)";
	else if (old.enabled == AUDIT_ENABLED_LOCKED)
		why = "Audit is locked";
	if (why) {
		close(sw->fd);
		sw->fd = -1;
		return why;
	}
	sw->was_enabled = old.enabled;
	return NULL;
}

static void audit_switch(struct __test_metadata *const _metadata,
			 struct audit_switch *const sw, const __u32 enabled)
{
	const struct audit_status status = {
		.mask = AUDIT_STATUS_ENABLED,
		.enabled = enabled,
	};

	ASSERT_EQ(0, audit_set(sw->fd, ++sw->seq, &status));
}

/*
 * Gives audit back the state it had at audit_switch_open(), if it was
 * opened: called by the teardowns, which also run after a failed
 * assertion.
 */
static void audit_switch_close(struct __test_metadata *const _metadata,
			       struct audit_switch *const sw)
{
	const struct audit_status status = {
		.mask = AUDIT_STATUS_ENABLED,
		.enabled = sw->was_enabled,
	};

	if (sw->fd < 0)
		return;
	EXPECT_EQ(0, audit_set(sw->fd, ++sw->seq, &status));
	EXPECT_EQ(0, close(sw->fd));
	sw->fd = -1;
}

/*
 * Sweeps @try with audit disabled, then enabled (through @sw, which the
 * fixture's teardown closes if this does not): the outcome of each call
 * is checked by @try as without audit, and a call that @denies (and so is
 * logged) reaches more allocations.
 */
static void fail_nth_sweep_audited(struct __test_metadata *const _metadata,
				   struct audit_switch *const sw,
				   const char *const name,
				   const fail_try_fn try, const void *const arg,
				   const bool denies)
{
	struct fail_sweep plain, audited;
	const char *const why = audit_switch_open(sw);

	if (why)
		SKIP(return, "%s", why);
	audit_switch(_metadata, sw, 0);
	fail_nth_sweep(_metadata, name, try, arg, &plain);
	audit_switch(_metadata, sw, 1);
	fail_nth_sweep(_metadata, name, try, arg, &audited);
	audit_switch_close(_metadata, sw);
	/*
	 * A logged denial allocates its records too.  (How many allocations
	 * a call makes varies a little from sweep to sweep: the sites of an
	 * allowed call are not compared.)
	 */
	if (denies)
		EXPECT_LT(plain.sites, audited.sites);
}

/* landlock_create_ruleset(2): ENOMEM, and no file descriptor left. */
static int try_create_ruleset(struct __test_metadata *const _metadata,
			      const unsigned int n,
			      const void *const arg __maybe_unused)
{
	const struct landlock_ruleset_attr attr = {
		.handled_access_fs = ACCESS_FS_ALL,
		.handled_access_net = ACCESS_NET_ALL,
		.scoped = SCOPE_ALL,
	};
	const int nth = open_fail_nth();
	const int free_fd = lowest_free_fd();
	int ruleset_fd;
	bool failed;
	long left;

	ASSERT_LE(0, nth);
	fail_nth_begin(_metadata, nth, n);
	ruleset_fd = landlock_create_ruleset(&attr, sizeof(attr), 0);
	left = fail_nth_end(_metadata, nth);
	failed = ruleset_fd < 0;
	if (failed) {
		EXPECT_EQ(ENOMEM, errno);
		EXPECT_EQ(free_fd, lowest_free_fd());
	} else {
		EXPECT_EQ(free_fd, ruleset_fd);
		add_port_rule(_metadata, ruleset_fd,
			      LANDLOCK_ACCESS_NET_BIND_TCP, PORT_A);
	}
	return fail_try_outcome(_metadata, failed, left);
}

TEST(ruleset_creation)
{
	struct fail_sweep sweep;

	NEED_FAIL_NTH();
	fail_nth_sweep(_metadata, "create_ruleset", try_create_ruleset, NULL,
		       &sweep);
	EXPECT_LT(0, sweep.failed);
}

/*
 * landlock_add_rule(2) on a ruleset holding already nr_rules rules: ENOMEM,
 * and the ruleset, then enforced, behaves as before the call.
 */

FIXTURE(add_rule)
{
	struct scratch scratch;
};

FIXTURE_VARIANT(add_rule)
{
	enum landlock_rule_type type;
	unsigned int nr_rules;
};

/* clang-format off */
FIXTURE_VARIANT_ADD(add_rule, path_first) {
	/* clang-format on */
	.type = LANDLOCK_RULE_PATH_BENEATH,
	.nr_rules = 0,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(add_rule, path_second) {
	/* clang-format on */
	.type = LANDLOCK_RULE_PATH_BENEATH,
	.nr_rules = 1,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(add_rule, path_many) {
	/* clang-format on */
	.type = LANDLOCK_RULE_PATH_BENEATH,
	.nr_rules = 100,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(add_rule, port_first) {
	/* clang-format on */
	.type = LANDLOCK_RULE_NET_PORT,
	.nr_rules = 0,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(add_rule, port_second) {
	/* clang-format on */
	.type = LANDLOCK_RULE_NET_PORT,
	.nr_rules = 1,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(add_rule, port_many) {
	/* clang-format on */
	.type = LANDLOCK_RULE_NET_PORT,
	.nr_rules = 100,
};

/* Directories of the path rules, and the one of the rule added. */
#define RULE_DIR "d%u"
#define NEW_DIR "new"
#define OTHER_DIR "other"
/* Ports of the port rules, and the one of the rule added. */
#define RULE_PORT(i) (PORT_A + 10 + (i))
#define NEW_PORT PORT_B

FIXTURE_SETUP(add_rule)
{
	char path[16];
	unsigned int i;

	scratch_setup(_metadata, &self->scratch);
	create_dir(_metadata, NEW_DIR);
	create_dir(_metadata, OTHER_DIR);
	for (i = 0; i < variant->nr_rules; i++) {
		snprintf(path, sizeof(path), RULE_DIR, i);
		create_dir(_metadata, path);
	}
}

FIXTURE_TEARDOWN(add_rule)
{
	scratch_teardown(_metadata, &self->scratch);
}

/* Returns the errno of binding a new TCP socket to @port, or 0. */
static int bind_new(const __u16 port)
{
	const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	int err;

	if (fd < 0)
		return -errno;
	err = bind_port(fd, AF_INET, port);
	close(fd);
	return err;
}

/*
 * Whether the rule of the new directory or port (@added), of the first and
 * last older rules (if any) and of nothing else hold in the domain.
 */
static void check_rules(struct __test_metadata *const _metadata,
			const FIXTURE_VARIANT(add_rule) *const variant,
			const bool added)
{
	const unsigned int last = variant->nr_rules - 1;
	char path[16];

	if (variant->type == LANDLOCK_RULE_NET_PORT) {
		EXPECT_EQ(added ? 0 : EACCES, bind_new(NEW_PORT));
		EXPECT_EQ(EACCES, bind_new(PORT_C));
		if (variant->nr_rules) {
			EXPECT_EQ(0, bind_new(RULE_PORT(0)));
			EXPECT_EQ(0, bind_new(RULE_PORT(last)));
		}
		return;
	}
	EXPECT_EQ(added ? 0 : EACCES, open_dir(NEW_DIR));
	EXPECT_EQ(EACCES, open_dir(OTHER_DIR));
	if (variant->nr_rules) {
		snprintf(path, sizeof(path), RULE_DIR, 0);
		EXPECT_EQ(0, open_dir(path));
		snprintf(path, sizeof(path), RULE_DIR, last);
		EXPECT_EQ(0, open_dir(path));
	}
}

static int try_add_rule(struct __test_metadata *const _metadata,
			const unsigned int n, const void *const arg)
{
	const FIXTURE_VARIANT(add_rule) *const variant = arg;
	const bool net = variant->type == LANDLOCK_RULE_NET_PORT;
	const struct landlock_ruleset_attr attr = {
		.handled_access_fs = net ? 0 : LANDLOCK_ACCESS_FS_READ_DIR,
		.handled_access_net = net ? LANDLOCK_ACCESS_NET_BIND_TCP : 0,
	};
	struct landlock_path_beneath_attr path_attr = {
		.allowed_access = LANDLOCK_ACCESS_FS_READ_DIR,
	};
	const struct landlock_net_port_attr port_attr = {
		.allowed_access = LANDLOCK_ACCESS_NET_BIND_TCP,
		.port = NEW_PORT,
	};
	const int nth = open_fail_nth();
	const void *rule_attr;
	int ruleset_fd, ret;
	char path[16];
	unsigned int i;
	bool failed;
	long left;

	ASSERT_LE(0, nth);
	ruleset_fd = landlock_create_ruleset(&attr, sizeof(attr), 0);
	ASSERT_LE(0, ruleset_fd);
	for (i = 0; i < variant->nr_rules; i++) {
		if (net) {
			add_port_rule(_metadata, ruleset_fd,
				      LANDLOCK_ACCESS_NET_BIND_TCP,
				      RULE_PORT(i));
			continue;
		}
		snprintf(path, sizeof(path), RULE_DIR, i);
		add_path_rule(_metadata, ruleset_fd, path,
			      LANDLOCK_ACCESS_FS_READ_DIR);
	}
	path_attr.parent_fd = open(NEW_DIR, O_PATH | O_CLOEXEC);
	ASSERT_LE(0, path_attr.parent_fd);
	rule_attr = net ? (const void *)&port_attr : (const void *)&path_attr;

	fail_nth_begin(_metadata, nth, n);
	ret = landlock_add_rule(ruleset_fd, variant->type, rule_attr, 0);
	left = fail_nth_end(_metadata, nth);
	failed = ret != 0;
	if (failed)
		EXPECT_EQ(ENOMEM, errno);

	/* This process is disposable: it enforces the ruleset itself. */
	enforce_ruleset(_metadata, ruleset_fd);
	check_rules(_metadata, variant, !failed);
	return fail_try_outcome(_metadata, failed, left);
}

TEST_F_TIMEOUT(add_rule, fail_each, SWEEP_TIMEOUT)
{
	struct fail_sweep sweep;

	NEED_FAIL_NTH();
	if (variant->type == LANDLOCK_RULE_NET_PORT)
		enter_net_ns(_metadata);
	fail_nth_sweep(_metadata, "add_rule", try_add_rule, variant, &sweep);
	EXPECT_LT(0, sweep.failed);
}

/*
 * landlock_restrict_self(2) making a domain of @layers layers from a
 * ruleset of two path rules and @nr_ports port rules: ENOMEM, and the
 * thread keeps its domain and its no_new_privs.
 */
struct restrict_case {
	unsigned int layers;
	unsigned int nr_ports;
};

/* Creates the ruleset of a restrict_case. */
static int restrict_ruleset(struct __test_metadata *const _metadata,
			    const struct restrict_case *const rc)
{
	const struct rule rules[] = {
		{ .path = NEW_DIR, .access = LANDLOCK_ACCESS_FS_READ_DIR },
		{ .path = "/", .access = LANDLOCK_ACCESS_FS_READ_FILE },
		{},
	};
	const struct landlock_ruleset_attr attr = {
		.handled_access_fs = LANDLOCK_ACCESS_FS_READ_DIR |
				     LANDLOCK_ACCESS_FS_READ_FILE,
		.handled_access_net = LANDLOCK_ACCESS_NET_BIND_TCP,
		.scoped = SCOPE_ALL,
	};
	const int ruleset_fd = landlock_create_ruleset(&attr, sizeof(attr), 0);
	unsigned int i;

	ASSERT_LE(0, ruleset_fd);
	for (i = 0; rules[i].path; i++)
		add_path_rule(_metadata, ruleset_fd, rules[i].path,
			      rules[i].access);
	for (i = 0; i < rc->nr_ports; i++)
		add_port_rule(_metadata, ruleset_fd,
			      LANDLOCK_ACCESS_NET_BIND_TCP, 1024 + i);
	return ruleset_fd;
}

static int try_restrict_self(struct __test_metadata *const _metadata,
			     const unsigned int n, const void *const arg)
{
	const struct restrict_case *const rc = arg;
	const int nth = open_fail_nth();
	const int desc_fd = open(OWN_DESC, O_RDONLY | O_CLOEXEC);
	char before[DESC_SIZE], after[DESC_SIZE];
	bool failed, nnp;
	int ruleset_fd, ret;
	long left;

	ASSERT_LE(0, nth);
	ASSERT_LE(0, desc_fd);
	/* As root, no_new_privs stays unset: it must not change. */
	if (!has_cap(CAP_SYS_ADMIN))
		set_no_new_privs(_metadata);
	stack_layers(_metadata, rc->layers - 1);
	ruleset_fd = restrict_ruleset(_metadata, rc);
	read_desc(_metadata, desc_fd, before);
	ASSERT_EQ(rc->layers - 1, desc_layers(before));
	nnp = get_no_new_privs();

	fail_nth_begin(_metadata, nth, n);
	ret = landlock_restrict_self(ruleset_fd, 0);
	left = fail_nth_end(_metadata, nth);
	failed = ret != 0;
	read_desc(_metadata, desc_fd, after);
	EXPECT_EQ(nnp, get_no_new_privs());
	if (failed) {
		EXPECT_EQ(ENOMEM, errno);
		EXPECT_STREQ(before, after);
		EXPECT_EQ(0, open_dir(OTHER_DIR));
	} else {
		EXPECT_EQ(rc->layers, desc_layers(after));
		EXPECT_EQ(0, strncmp(before, after, strlen(before)));
		EXPECT_EQ(EACCES, open_dir(OTHER_DIR));
		EXPECT_EQ(0, open_dir(NEW_DIR));
	}
	return fail_try_outcome(_metadata, failed, left);
}

FIXTURE(restrict_self)
{
	struct scratch scratch;
};

FIXTURE_SETUP(restrict_self)
{
	scratch_setup(_metadata, &self->scratch);
	create_dir(_metadata, NEW_DIR);
	create_dir(_metadata, OTHER_DIR);
}

FIXTURE_TEARDOWN(restrict_self)
{
	scratch_teardown(_metadata, &self->scratch);
}

/* Domains of 1 to 16 layers, the last one from a small ruleset. */
TEST_F_TIMEOUT(restrict_self, layers, 5 * SWEEP_TIMEOUT)
{
	struct restrict_case rc = {};
	struct fail_sweep sweep;
	unsigned int total = 0;
	char name[32];

	NEED_FAIL_NTH();
	for (rc.layers = 1; rc.layers <= MAX_LAYERS; rc.layers++) {
		snprintf(name, sizeof(name), "restrict_self(%u layers)",
			 rc.layers);
		fail_nth_sweep(_metadata, name, try_restrict_self, &rc, &sweep);
		EXPECT_LT(0, sweep.failed);
		total += sweep.sites;
	}
	TH_LOG("fail-nth restrict_self: %u allocation sites over 16 domains",
	       total);
}

/* A domain of many rules: its arrays are too big for one page. */
TEST_F_TIMEOUT(restrict_self, many_rules, SWEEP_TIMEOUT)
{
	const struct restrict_case rc = {
		.layers = 2,
		.nr_ports = 1000,
	};
	struct fail_sweep sweep;

	NEED_FAIL_NTH();
	fail_nth_sweep(_metadata, "restrict_self(1002 rules)",
		       try_restrict_self, &rc, &sweep);
	EXPECT_LT(0, sweep.failed);
}

/*
 * TSYNC with sibling threads, all in a domain of one layer: ENOMEM, and no
 * thread changes; or every thread gets the caller's new domain.
 */
#define NR_SIBLINGS 3

static void *idle_thread(void *const arg)
{
	char c;

	/* Returns when the process exits (the pipe is never written). */
	while (read(*(const int *)arg, &c, 1) < 0)
		;
	return NULL;
}

/* Opens the descriptions of every thread of the process, into @fds. */
static unsigned int open_thread_descs(struct __test_metadata *const _metadata,
				      int fds[], const unsigned int max)
{
	unsigned int nr = 0;
	struct dirent *de;
	char path[320];
	DIR *dir;

	dir = opendir("/proc/self/task");
	ASSERT_NE(NULL, dir);
	while ((de = readdir(dir))) {
		if (de->d_name[0] == '.')
			continue;
		ASSERT_GT(max, nr);
		snprintf(path, sizeof(path),
			 "/proc/self/task/%s/attr/landlock/current",
			 de->d_name);
		fds[nr] = open(path, O_RDONLY | O_CLOEXEC);
		ASSERT_LE(0, fds[nr]);
		nr++;
	}
	closedir(dir);
	return nr;
}

static int try_tsync(struct __test_metadata *const _metadata,
		     const unsigned int n, const void *const arg)
{
	const struct restrict_case *const rc = arg;
	char before[NR_SIBLINGS + 1][DESC_SIZE];
	char after[NR_SIBLINGS + 1][DESC_SIZE];
	const int nth = open_fail_nth();
	int fds[NR_SIBLINGS + 1], pipe_fds[2];
	pthread_t thread;
	unsigned int i, nr;
	int ruleset_fd, ret;
	bool failed;
	long left;

	ASSERT_LE(0, nth);
	ASSERT_EQ(0, pipe2(pipe_fds, O_CLOEXEC));
	set_no_new_privs(_metadata);
	stack_layers(_metadata, rc->layers - 1);
	for (i = 0; i < NR_SIBLINGS; i++)
		ASSERT_EQ(0, pthread_create(&thread, NULL, idle_thread,
					    &pipe_fds[0]));
	nr = open_thread_descs(_metadata, fds, NR_SIBLINGS + 1);
	ASSERT_EQ(NR_SIBLINGS + 1, nr);
	ruleset_fd = restrict_ruleset(_metadata, rc);
	for (i = 0; i < nr; i++)
		read_desc(_metadata, fds[i], before[i]);

	fail_nth_begin(_metadata, nth, n);
	ret = landlock_restrict_self(ruleset_fd, LANDLOCK_RESTRICT_SELF_TSYNC);
	left = fail_nth_end(_metadata, nth);
	failed = ret != 0;
	if (failed)
		EXPECT_EQ(ENOMEM, errno);
	for (i = 0; i < nr; i++) {
		read_desc(_metadata, fds[i], after[i]);
		if (failed) {
			EXPECT_STREQ(before[i], after[i]);
		} else {
			EXPECT_EQ(rc->layers, desc_layers(after[i]));
			EXPECT_STRNE(before[i], after[i]);
		}
		/* Every thread shares one domain, before and after. */
		EXPECT_STREQ(before[0], before[i]);
		EXPECT_STREQ(after[0], after[i]);
	}
	return fail_try_outcome(_metadata, failed, left);
}

TEST_F_TIMEOUT(restrict_self, tsync_siblings, SWEEP_TIMEOUT)
{
	const struct restrict_case rc = {
		.layers = 2,
	};
	struct fail_sweep sweep;

	NEED_FAIL_NTH();
	fail_nth_sweep(_metadata, "restrict_self(TSYNC, 3 siblings)", try_tsync,
		       &rc, &sweep);
	EXPECT_LT(0, sweep.failed);
}

/*
 * Opens in a domain handling TRUNCATE and IOCTL_DEV: the open fails with
 * ENOMEM (or is denied as without any failure) and leaves no file open, or
 * it works and the file keeps the decisions that the open made.  (A denial
 * is only logged while audit is enabled: fail_each_audited makes the
 * allocations of its records fail in turn too, never the denial.)
 */
FIXTURE(open)
{
	struct scratch scratch;
	struct audit_switch audit;
};

FIXTURE_VARIANT(open)
{
	const char *path;
	int flags;
	/*
	 * Errnos without any failure: of open, ftruncate and FIONREAD (which
	 * IOCTL_DEV does not restrict on regular files).
	 */
	int open_err;
	int truncate_err;
	int ioctl_err;
};

#define FILE_TRUNC "trunc"
#define FILE_NO_TRUNC "no-trunc"

/* clang-format off */
FIXTURE_VARIANT_ADD(open, truncate_allowed) {
	/* clang-format on */
	.path = FILE_TRUNC,
	.flags = O_WRONLY | O_TRUNC,
	.truncate_err = 0,
	.ioctl_err = 0,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(open, truncate_denied) {
	/* clang-format on */
	.path = FILE_NO_TRUNC,
	.flags = O_WRONLY | O_TRUNC,
	.open_err = EACCES,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(open, ftruncate_denied) {
	/* clang-format on */
	.path = FILE_NO_TRUNC,
	.flags = O_WRONLY,
	.truncate_err = EACCES,
	.ioctl_err = 0,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(open, ioctl_dev_allowed) {
	/* clang-format on */
	.path = "/dev/null",
	.flags = O_RDWR,
	.truncate_err = EINVAL,
	.ioctl_err = ENOTTY,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(open, ioctl_dev_denied) {
	/* clang-format on */
	.path = "/dev/zero",
	.flags = O_RDWR,
	.truncate_err = EINVAL,
	.ioctl_err = EACCES,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(open, read_denied) {
	/* clang-format on */
	.path = "/dev/full",
	.flags = O_RDONLY,
	.open_err = EACCES,
};

FIXTURE_SETUP(open)
{
	self->audit.fd = -1;
	scratch_setup(_metadata, &self->scratch);
	create_file(_metadata, FILE_TRUNC);
	create_file(_metadata, FILE_NO_TRUNC);
}

FIXTURE_TEARDOWN(open)
{
	audit_switch_close(_metadata, &self->audit);
	scratch_teardown(_metadata, &self->scratch);
}

#define RW (LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_WRITE_FILE)

static int try_open(struct __test_metadata *const _metadata,
		    const unsigned int n, const void *const arg)
{
	const FIXTURE_VARIANT(open) *const variant = arg;
	const struct rule rules[] = {
		{ .path = FILE_TRUNC,
		  .access = RW | LANDLOCK_ACCESS_FS_TRUNCATE },
		{ .path = FILE_NO_TRUNC, .access = RW },
		{ .path = "/dev/null",
		  .access = RW | LANDLOCK_ACCESS_FS_IOCTL_DEV },
		{ .path = "/dev/zero", .access = RW },
		{},
	};
	const int nth = open_fail_nth();
	int free_fd, fd, arg_int;
	bool failed;
	long left;

	ASSERT_LE(0, nth);
	sandbox(_metadata,
		RW | LANDLOCK_ACCESS_FS_TRUNCATE | LANDLOCK_ACCESS_FS_IOCTL_DEV,
		rules);
	free_fd = lowest_free_fd();

	fail_nth_begin(_metadata, nth, n);
	fd = open(variant->path, variant->flags | O_CLOEXEC);
	left = fail_nth_end(_metadata, nth);
	if (fd < 0) {
		failed = check_err(_metadata, errno, variant->open_err, enomem);
		EXPECT_EQ(free_fd, lowest_free_fd());
	} else {
		EXPECT_EQ(0, variant->open_err);
		failed = false;
		EXPECT_EQ(variant->truncate_err, ERR(ftruncate(fd, 0)));
		EXPECT_EQ(variant->ioctl_err,
			  ERR(ioctl(fd, FIONREAD, &arg_int)));
		EXPECT_EQ(0, close(fd));
	}
	return fail_try_outcome(_metadata, failed, left);
}

TEST_F_TIMEOUT(open, fail_each, SWEEP_TIMEOUT)
{
	struct fail_sweep sweep;

	NEED_FAIL_NTH();
	fail_nth_sweep(_metadata, "open", try_open, variant, &sweep);
	EXPECT_LT(0, sweep.failed);
}

TEST_F_TIMEOUT(open, fail_each_audited, 2 * SWEEP_TIMEOUT)
{
	NEED_FAIL_NTH();
	fail_nth_sweep_audited(_metadata, &self->audit, "open (audited)",
			       try_open, variant, variant->open_err);
}

/*
 * bind(2) and connect(2) on TCP sockets of a domain with port rules: the
 * call is denied as without any failure, or fails as documented by the
 * network stack (bind: EADDRINUSE when the port's bucket cannot be
 * allocated; connect: ENOBUFS for a route or a SYN) and the socket can then
 * do it, or it works.
 */
FIXTURE(net)
{
	/* Why fail-nth does not work here (NULL: it works). */
	const char *why;
	struct audit_switch audit;
};

FIXTURE_VARIANT(net)
{
	bool connect;
	__u16 port;
	int err;
};

/* The port of the listening socket (connect), or allowed to bind. */
#define PORT_OK PORT_A
#define PORT_DENIED PORT_B

/* clang-format off */
FIXTURE_VARIANT_ADD(net, bind_allowed) {
	/* clang-format on */
	.port = PORT_OK,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(net, bind_denied) {
	/* clang-format on */
	.port = PORT_DENIED,
	.err = EACCES,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(net, connect_allowed) {
	/* clang-format on */
	.connect = true,
	.port = PORT_OK,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(net, connect_denied) {
	/* clang-format on */
	.connect = true,
	.port = PORT_DENIED,
	.err = EACCES,
};

FIXTURE_SETUP(net)
{
	self->audit.fd = -1;
	self->why = setup_fail_nth();
	enter_net_ns(_metadata);
}

FIXTURE_TEARDOWN(net)
{
	audit_switch_close(_metadata, &self->audit);
}

static const int bind_errs[] = { ENOMEM, EADDRINUSE, 0 };
static const int connect_errs[] = { ENOMEM, ENOBUFS, 0 };

static int try_net(struct __test_metadata *const _metadata,
		   const unsigned int n, const void *const arg)
{
	const FIXTURE_VARIANT(net) *const variant = arg;
	const struct port_rule rules[] = {
		{ .access = LANDLOCK_ACCESS_NET_BIND_TCP, .port = PORT_OK },
		{ .access = LANDLOCK_ACCESS_NET_CONNECT_TCP, .port = PORT_OK },
		{},
	};
	const int nth = open_fail_nth();
	const int one = 1;
	int listener, fd, err;
	bool failed;
	long left;

	ASSERT_LE(0, nth);
	listener = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	ASSERT_LE(0, listener);
	ASSERT_EQ(0, setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one,
				sizeof(one)));
	ASSERT_EQ(0, bind_port(listener, AF_INET, PORT_OK));
	ASSERT_EQ(0, listen(listener, 8));
	sandbox_net(_metadata,
		    LANDLOCK_ACCESS_NET_BIND_TCP |
			    LANDLOCK_ACCESS_NET_CONNECT_TCP,
		    rules);
	fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	ASSERT_LE(0, fd);
	if (!variant->connect) {
		/* The listener holds PORT_OK: it lets this socket share it. */
		ASSERT_EQ(0, close(listener));
	}

	fail_nth_begin(_metadata, nth, n);
	if (variant->connect)
		err = connect_port(fd, AF_INET, variant->port);
	else
		err = bind_port(fd, AF_INET, variant->port);
	left = fail_nth_end(_metadata, nth);
	failed = check_err(_metadata, err, variant->err,
			   variant->connect ? connect_errs : bind_errs);
	if (failed) {
		/* Nothing half done: a new try works as without failure. */
		if (variant->connect) {
			ASSERT_EQ(0, close(fd));
			fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
			ASSERT_LE(0, fd);
			EXPECT_EQ(variant->err,
				  connect_port(fd, AF_INET, variant->port));
		} else {
			EXPECT_EQ(variant->err,
				  bind_port(fd, AF_INET, variant->port));
		}
	} else if (!variant->err && !variant->connect) {
		EXPECT_EQ(variant->port, local_port(fd));
	}
	EXPECT_EQ(0, close(fd));
	return fail_try_outcome(_metadata, failed, left);
}

TEST_F_TIMEOUT(net, fail_each, SWEEP_TIMEOUT)
{
	struct fail_sweep sweep;

	if (self->why)
		SKIP(return, "%s", self->why);
	fail_nth_sweep(_metadata, "net", try_net, variant, &sweep);
	if (!variant->err)
		EXPECT_LT(0, sweep.failed);
}

TEST_F_TIMEOUT(net, fail_each_audited, 2 * SWEEP_TIMEOUT)
{
	if (self->why)
		SKIP(return, "%s", self->why);
	fail_nth_sweep_audited(_metadata, &self->audit, "net (audited)",
			       try_net, variant, variant->err);
}

LANDLOCK_HARNESS_MAIN
