// SPDX-License-Identifier: GPL-2.0
/*
 * Landlock selftests: audit records and logging flags (ABI 7)
 *
 * Each test of the audit fixtures makes the test process the audit daemon
 * (AUDIT_SET through a NETLINK_AUDIT socket, which needs CAP_AUDIT_CONTROL:
 * without it, these tests are skipped), and reads the records that its
 * children cause.  A child creates a domain and is denied some access; the
 * test checks the AUDIT_LANDLOCK_DOMAIN record announcing the domain, the
 * AUDIT_LANDLOCK_ACCESS records of the denials, and, once the child is gone,
 * the AUDIT_LANDLOCK_DOMAIN record of the domain's release.
 *
 * That a denial is not logged is checked with a marker: once the denial is
 * done, the test sends a user message to the audit subsystem, which comes
 * back as a record after every record queued before it.  No Landlock record
 * of the child may come before the marker.
 *
 * The landlock_restrict_self() flags are also checked without audit: these
 * tests run as any user.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/audit.h>
#include <linux/magic.h>
#include <linux/netlink.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/time.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common.h"
#include "audit_common.h"
#include "unix_common.h"

#ifndef AUDIT_LANDLOCK_ACCESS
#define AUDIT_LANDLOCK_ACCESS 1423
#endif
#ifndef AUDIT_LANDLOCK_DOMAIN
#define AUDIT_LANDLOCK_DOMAIN 1424
#endif

/*
 * Type of the markers: a user message ("trusted application" in the audit
 * tools), in the range that the kernel accepts from user space.
 */
#define AUDIT_MARKER 1121

#define LOG_SAME_EXEC_OFF LANDLOCK_RESTRICT_SELF_LOG_SAME_EXEC_OFF
#define LOG_NEW_EXEC_ON LANDLOCK_RESTRICT_SELF_LOG_NEW_EXEC_ON
#define LOG_SUBDOMAINS_OFF LANDLOCK_RESTRICT_SELF_LOG_SUBDOMAINS_OFF
#define LOG_ALL_FLAGS (LOG_SAME_EXEC_OFF | LOG_NEW_EXEC_ON | LOG_SUBDOMAINS_OFF)
#define TSYNC LANDLOCK_RESTRICT_SELF_TSYNC

/*
 * How long to wait for a record that should come (the release of a domain
 * waits for RCU and a workqueue), in seconds.
 */
#define RECORD_TIMEOUT_S 2

/* Records kept per test, and the size kept of each. */
#define MAX_RECORDS 128
#define RECORD_SIZE 1024

/* An unprivileged TCP port. */
#define TEST_PORT 10101

struct record {
	int type;
	char text[RECORD_SIZE];
};

/* What the audit fixtures share. */
struct audit_env {
	/* NETLINK_AUDIT socket, or -1. */
	int fd;
	/* Why audit is not available (errno), or 0. */
	int err;
	/* The test process, the only one to tear down. */
	pid_t owner;
	unsigned int seq;
	unsigned int markers;
	/* Landlock records read so far, in order. */
	size_t nr_records;
	struct record *records;
	struct scratch scratch;
	/* A tmpfs is mounted on the scratch directory. */
	bool tmpfs;
	/* Our executable and command name, as the records show them. */
	char exe[PATH_MAX];
	char comm[32];
};

/*
 * Sets the audit status (enabled or not, daemon's pid) and waits for the
 * kernel's answer, skipping the records that may come first: returns 0 or
 * -errno.
 */
static int audit_set_status(struct audit_env *const env, const __u32 enabled,
			    const pid_t pid)
{
	const struct audit_status status = {
		.mask = AUDIT_STATUS_ENABLED | AUDIT_STATUS_PID,
		.enabled = enabled,
		.pid = pid,
	};

	return audit_set(env->fd, ++env->seq, &status);
}

/*
 * The records name the file system of their objects (dev=), and the tests
 * expect tmpfs, which /tmp may not be (Debian 12 keeps it on the root file
 * system): when the test can use audit, a tmpfs of its own is mounted on
 * its scratch directory, in a mount namespace of its own.
 */
static void scratch_on_tmpfs(struct __test_metadata *const _metadata,
			     struct audit_env *const env)
{
	ASSERT_EQ(0, unshare(CLONE_NEWNS));
	ASSERT_EQ(0, mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL));
	ASSERT_EQ(0, mount("tmpfs", env->scratch.path, "tmpfs", 0, NULL));
	env->tmpfs = true;
	ASSERT_EQ(0, chdir(env->scratch.path));
}

static void audit_env_setup(struct __test_metadata *const _metadata,
			    struct audit_env *const env)
{
	const struct timeval timeout = {
		.tv_sec = RECORD_TIMEOUT_S,
	};
	ssize_t len;

	env->fd = -1;
	env->owner = getpid();
	env->records = calloc(MAX_RECORDS, sizeof(*env->records));
	ASSERT_NE(NULL, env->records);
	len = readlink("/proc/self/exe", env->exe, sizeof(env->exe) - 1);
	ASSERT_LT(0, len);
	env->exe[len] = '\0';
	ASSERT_EQ(0, prctl(PR_GET_NAME, env->comm, 0, 0, 0));
	scratch_setup(_metadata, &env->scratch);

	env->fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_AUDIT);
	if (env->fd < 0) {
		/* No audit support. */
		env->err = errno;
		return;
	}
	ASSERT_EQ(0, setsockopt(env->fd, SOL_SOCKET, SO_RCVTIMEO, &timeout,
				sizeof(timeout)));
	env->err = -audit_set_status(env, 1, getpid());
	/*
	 * EPERM: no CAP_AUDIT_CONTROL; ECONNREFUSED: not in the initial user
	 * namespace; EEXIST: another audit daemon runs.
	 */
	ASSERT_TRUE(env->err == 0 || env->err == EPERM ||
		    env->err == ECONNREFUSED || env->err == EEXIST)
	{
		TH_LOG("Failed to become the audit daemon: %s",
		       strerror(env->err));
	}
	if (!env->err)
		scratch_on_tmpfs(_metadata, env);
}

/* Logs the Landlock records read so far. */
static void log_records(struct __test_metadata *const _metadata,
			const struct audit_env *const env)
{
	size_t i;

	for (i = 0; i < env->nr_records; i++)
		TH_LOG("record %d: %s", env->records[i].type,
		       env->records[i].text);
}

static void audit_env_teardown(struct __test_metadata *const _metadata,
			       struct audit_env *const env)
{
	/* A forked child failing an assertion also runs the teardown. */
	if (env->owner != getpid())
		return;
	/* What the test saw, to tell why it failed. */
	if (!_metadata->passed)
		log_records(_metadata, env);
	if (env->fd >= 0) {
		if (!env->err)
			EXPECT_EQ(0, audit_set_status(env, 0, 0));
		close(env->fd);
		env->fd = -1;
	}
	if (env->tmpfs) {
		EXPECT_EQ(0, chdir("/"));
		EXPECT_EQ(0, umount(env->scratch.path));
	}
	scratch_teardown(_metadata, &env->scratch);
	free(env->records);
	env->records = NULL;
}

#define SKIP_WITHOUT_AUDIT(env)                                        \
	do {                                                           \
		const int audit_err = (env)->err;                      \
		if (audit_err)                                         \
			SKIP(return, "Cannot be the audit daemon: %s", \
				   strerror(audit_err));               \
	} while (0)

/*
 * Records
 */

static bool is_landlock(const int type)
{
	return type == AUDIT_LANDLOCK_ACCESS || type == AUDIT_LANDLOCK_DOMAIN;
}

/*
 * Copies to @value the raw value of the field @key of the record @text
 * ("audit(<time>:<serial>): key=value key=value..."): tells whether it was
 * found.  Values never contain spaces: the kernel logs such strings in
 * hexadecimal.
 */
static bool get_field(const char *const text, const char *const key,
		      char *const value, const size_t size)
{
	const size_t key_len = strlen(key);
	const char *p = strstr(text, "): ");

	p = p ? p + 3 : text;
	while (*p) {
		const char *end;
		size_t len;

		while (*p == ' ')
			p++;
		end = strchrnul(p, ' ');
		if (strncmp(p, key, key_len) == 0 && p[key_len] == '=') {
			p += key_len + 1;
			len = end - p;
			if (len >= size)
				return false;
			memcpy(value, p, len);
			value[len] = '\0';
			return true;
		}
		p = end;
	}
	return false;
}

/* Same as get_field() for a number in @base: tells whether it was found. */
static bool get_number(const char *const text, const char *const key,
		       const int base, __u64 *const number)
{
	char value[32], *end;

	if (!get_field(text, key, value, sizeof(value)) || !value[0])
		return false;
	errno = 0;
	*number = strtoull(value, &end, base);
	return !errno && !*end;
}

/* Domain ID of a Landlock record, or 0. */
static __u64 record_domain(const struct record *const rec)
{
	__u64 id;

	if (!is_landlock(rec->type) ||
	    !get_number(rec->text, "domain", 16, &id))
		return 0;
	return id;
}

/* Whether @rec is an AUDIT_LANDLOCK_DOMAIN record with this status. */
static bool has_status(const struct record *const rec, const char *const status)
{
	char value[32];

	return rec->type == AUDIT_LANDLOCK_DOMAIN &&
	       get_field(rec->text, "status", value, sizeof(value)) &&
	       strcmp(value, status) == 0;
}

/*
 * Whether the Landlock record @rec names the process @pid: only the
 * allocation records of domains name one, their creator.
 */
static bool has_pid(const struct record *const rec, const pid_t pid)
{
	__u64 value;

	return is_landlock(rec->type) &&
	       get_number(rec->text, "pid", 10, &value) && value == (__u64)pid;
}

/*
 * Reads records until @stop is true for one of them: the Landlock ones are
 * kept in @env->records.  Returns 0, or -errno (-EAGAIN: timeout).
 */
static int collect(struct audit_env *const env,
		   bool (*const stop)(const struct record *, const void *),
		   const void *const arg)
{
	struct record rec;
	__u32 seq;
	int error;

	for (;;) {
		rec.type = audit_recv(env->fd, rec.text, sizeof(rec.text),
				      &error, &seq);
		if (rec.type < 0)
			return rec.type;
		if (is_landlock(rec.type)) {
			if (env->nr_records >= MAX_RECORDS)
				return -ENOSPC;
			env->records[env->nr_records++] = rec;
		}
		if (stop(&rec, arg))
			return 0;
	}
}

static bool is_marker(const struct record *const rec, const void *const arg)
{
	return rec->type == AUDIT_MARKER && strstr(rec->text, arg);
}

/*
 * Sends a marker through the audit subsystem and reads records until it
 * comes back: every record queued before it has then been read.
 */
static void sync_records(struct __test_metadata *const _metadata,
			 struct audit_env *const env)
{
	char marker[64], logged[80];
	int len;

	len = snprintf(marker, sizeof(marker), "landlock-selftest-marker-%d-%u",
		       getpid(), ++env->markers);
	/* The kernel logs it as msg='<marker>'. */
	snprintf(logged, sizeof(logged), "msg='%s'", marker);
	ASSERT_EQ(0, audit_send(env->fd, AUDIT_MARKER, 0, ++env->seq, marker,
				len + 1));
	ASSERT_EQ(0, collect(env, is_marker, logged))
	{
		TH_LOG("The marker did not come back");
	}
}

struct pid_status {
	pid_t pid;
	const char *status;
};

static bool is_domain_of(const struct record *const rec, const void *const arg)
{
	const struct pid_status *const ps = arg;

	return has_status(rec, ps->status) && has_pid(rec, ps->pid);
}

/*
 * Returns the first AUDIT_LANDLOCK_DOMAIN allocation record naming @pid as
 * the domain's creator, read now or earlier; NULL if none came in time.
 */
static const struct record *wait_allocated(struct audit_env *const env,
					   const pid_t pid)
{
	const struct pid_status ps = {
		.pid = pid,
		.status = "allocated",
	};
	size_t i;

	for (i = 0; i < env->nr_records; i++) {
		if (is_domain_of(&env->records[i], &ps))
			return &env->records[i];
	}
	if (collect(env, is_domain_of, &ps))
		return NULL;
	return &env->records[env->nr_records - 1];
}

static bool is_deallocated(const struct record *const rec,
			   const void *const arg)
{
	return has_status(rec, "deallocated") &&
	       record_domain(rec) == *(const __u64 *)arg;
}

/* Waits for the release record of the domain @id: tells whether it came. */
static bool wait_deallocated(struct audit_env *const env, const __u64 id)
{
	size_t i;

	for (i = 0; i < env->nr_records; i++) {
		if (is_deallocated(&env->records[i], &id))
			return true;
	}
	return !collect(env, is_deallocated, &id);
}

/*
 * Number of Landlock records read so far that name the process @pid: the
 * allocations of the domains it created.
 */
static size_t count_pid(const struct audit_env *const env, const pid_t pid)
{
	size_t i, count = 0;

	for (i = 0; i < env->nr_records; i++)
		count += has_pid(&env->records[i], pid);
	return count;
}

/*
 * Fills @recs with the records read so far about the domain @id, in order:
 * returns how many there are.
 */
static size_t domain_records(const struct audit_env *const env, const __u64 id,
			     const struct record *recs[], const size_t max)
{
	size_t i, n = 0;

	for (i = 0; i < env->nr_records; i++) {
		if (record_domain(&env->records[i]) == id) {
			if (n < max)
				recs[n] = &env->records[i];
			n++;
		}
	}
	return n;
}

/* The text of a record, after its "audit(<time>:<serial>): " prefix. */
static const char *record_body(const struct record *const rec)
{
	const char *const body = strstr(rec->text, "): ");

	return body ? body + 3 : rec->text;
}

/* An object field holding a string, as the kernel logs it. */
static void append_string(char *const buf, const size_t size,
			  const char *const key, const char *const value)
{
	const size_t len = strlen(buf);
	size_t i;

	for (i = 0; value[i]; i++) {
		if (value[i] == '"' || value[i] <= ' ' || value[i] > '~')
			break;
	}
	if (!value[i]) {
		snprintf(buf + len, size - len, " %s=\"%s\"", key, value);
		return;
	}
	snprintf(buf + len, size - len, " %s=", key);
	for (i = 0; value[i]; i++) {
		const size_t end = strlen(buf);

		snprintf(buf + end, size - end, "%02X",
			 (unsigned char)value[i]);
	}
}

/*
 * Checks a domain's allocation record, whole: created by the process @pid
 * (a fork of this one) with our uid and executable.  Returns the domain ID.
 */
static __u64 check_allocated(struct __test_metadata *const _metadata,
			     const struct audit_env *const env,
			     const struct record *const rec, const pid_t pid)
{
	char expected[RECORD_SIZE];
	__u64 id;

	ASSERT_NE(NULL, rec)
	{
		TH_LOG("No domain record for pid %d", pid);
	}
	ASSERT_EQ(AUDIT_LANDLOCK_DOMAIN, rec->type);
	ASSERT_TRUE(get_number(rec->text, "domain", 16, &id));
	/* IDs are 64-bit and start above 2^32. */
	ASSERT_LE(1ULL << 32, id);
	snprintf(expected, sizeof(expected),
		 "domain=%llx status=allocated mode=enforcing pid=%d uid=%u",
		 (unsigned long long)id, pid, getuid());
	append_string(expected, sizeof(expected), "exe", env->exe);
	append_string(expected, sizeof(expected), "comm", env->comm);
	ASSERT_STREQ(expected, record_body(rec));
	return id;
}

/*
 * Checks a denial record, whole: domain @id, missing rights @blockers, then
 * the fields describing the object, @object (see path_object() and
 * task_object()), and nothing else: the subject is not named.
 */
static void check_access(struct __test_metadata *const _metadata,
			 const struct record *const rec, const __u64 id,
			 const char *const blockers, const char *const object)
{
	char expected[RECORD_SIZE];

	ASSERT_EQ(AUDIT_LANDLOCK_ACCESS, rec->type);
	snprintf(expected, sizeof(expected), "domain=%llx blockers=%s%s",
		 (unsigned long long)id, blockers, object);
	ASSERT_STREQ(expected, record_body(rec));
}

/*
 * The object fields of a denial about @path: path, device (the filesystem
 * type's name for tmpfs and devtmpfs, which the tests use) and inode.
 */
static const char *path_object(struct __test_metadata *const _metadata,
			       char *const buf, const size_t size,
			       const char *const path)
{
	char real[PATH_MAX];
	struct statfs sfs;
	struct stat st;
	const char *dev;

	buf[0] = '\0';
	EXPECT_NE(NULL, realpath(path, real));
	EXPECT_EQ(0, stat(path, &st));
	EXPECT_EQ(0, statfs(path, &sfs));
	EXPECT_EQ(TMPFS_MAGIC, sfs.f_type);
	dev = strncmp(real, "/dev/", 5) == 0 ? "devtmpfs" : "tmpfs";
	append_string(buf, size, "path", real);
	append_string(buf, size, "dev", dev);
	snprintf(buf + strlen(buf), size - strlen(buf), " ino=%llu",
		 (unsigned long long)st.st_ino);
	return buf;
}

/* Checks a denial record about @path (see check_access()). */
static void check_access_path(struct __test_metadata *const _metadata,
			      const struct record *const rec, const __u64 id,
			      const char *const blockers,
			      const char *const path)
{
	char object[2 * PATH_MAX + 128];

	check_access(_metadata, rec, id, blockers,
		     path_object(_metadata, object, sizeof(object), path));
}

/* The object fields of a denial about the task @pid, named @comm. */
static const char *task_object(char *const buf, const size_t size,
			       const pid_t pid, const char *const comm)
{
	snprintf(buf, size, " opid=%d", pid);
	append_string(buf, size, "ocomm", comm);
	return buf;
}

/* Checks the release record of the domain @id, with @denials denials. */
static void check_deallocated(struct __test_metadata *const _metadata,
			      const struct record *const rec, const __u64 id,
			      const __u64 denials)
{
	char expected[128];

	ASSERT_EQ(AUDIT_LANDLOCK_DOMAIN, rec->type);
	snprintf(expected, sizeof(expected),
		 "domain=%llx status=deallocated denials=%llu",
		 (unsigned long long)id, (unsigned long long)denials);
	ASSERT_STREQ(expected, record_body(rec));
}

/*
 * Waits for the records of the domain created by the process @pid (which
 * must be gone, and waited for): its first logged denial, its allocation,
 * its other logged denials, its release, which counts @denials denials
 * (logged or not).  Checks all but the denials, which it returns in
 * @access (@nr_access of them).  Returns the domain ID.
 */
static __u64 check_domain_denials(struct __test_metadata *const _metadata,
				  struct audit_env *const env, const pid_t pid,
				  const struct record *access[],
				  const size_t nr_access, const __u64 denials)
{
	const struct record *recs[MAX_RECORDS];
	size_t n, i;
	__u64 id;

	id = check_allocated(_metadata, env, wait_allocated(env, pid), pid);
	ASSERT_TRUE(wait_deallocated(env, id))
	{
		TH_LOG("No release record for domain %llx",
		       (unsigned long long)id);
	}
	n = domain_records(env, id, recs, ARRAY_SIZE(recs));
	ASSERT_EQ(nr_access + 2, n);
	/* The first denial is logged before the domain is announced. */
	ASSERT_EQ(AUDIT_LANDLOCK_ACCESS, recs[0]->type);
	access[0] = recs[0];
	ASSERT_TRUE(has_status(recs[1], "allocated"));
	for (i = 1; i < nr_access; i++) {
		ASSERT_EQ(AUDIT_LANDLOCK_ACCESS, recs[i + 1]->type);
		access[i] = recs[i + 1];
	}
	check_deallocated(_metadata, recs[n - 1], id, denials);
	return id;
}

/* Same as check_domain_denials(), when every denial was logged. */
static __u64 check_domain(struct __test_metadata *const _metadata,
			  struct audit_env *const env, const pid_t pid,
			  const struct record *access[], const size_t nr_access)
{
	return check_domain_denials(_metadata, env, pid, access, nr_access,
				    nr_access);
}

/* Checks that no Landlock record names any of the processes @pids. */
static void check_silent(struct __test_metadata *const _metadata,
			 struct audit_env *const env, const pid_t pids[],
			 const size_t nr_pids)
{
	size_t i;

	sync_records(_metadata, env);
	for (i = 0; i < nr_pids; i++) {
		ASSERT_EQ(0, count_pid(env, pids[i]))
		{
			TH_LOG("Unexpected record about pid %d", pids[i]);
		}
	}
}

/*
 * Domains
 */

/*
 * A rule of restrict_rules(): on @path (LANDLOCK_RULE_PATH_BENEATH) or on
 * @port (LANDLOCK_RULE_NET_PORT), with landlock_add_rule() @flags.
 */
struct audit_rule {
	enum landlock_rule_type type;
	const char *path;
	__u64 port;
	__u64 access;
	__u32 flags;
};

static void add_audit_rule(struct __test_metadata *const _metadata,
			   const int ruleset_fd,
			   const struct audit_rule *const rule)
{
	struct landlock_path_beneath_attr path_attr = {
		.allowed_access = rule->access,
	};
	const struct landlock_net_port_attr port_attr = {
		.allowed_access = rule->access,
		.port = rule->port,
	};
	const void *attr = &port_attr;

	if (rule->type == LANDLOCK_RULE_PATH_BENEATH) {
		path_attr.parent_fd = open(rule->path, O_PATH | O_CLOEXEC);
		ASSERT_LE(0, path_attr.parent_fd);
		attr = &path_attr;
	}
	ASSERT_EQ(0,
		  landlock_add_rule(ruleset_fd, rule->type, attr, rule->flags))
	{
		TH_LOG("Failed to add a rule: %s", strerror(errno));
	}
	if (rule->type == LANDLOCK_RULE_PATH_BENEATH)
		ASSERT_EQ(0, close(path_attr.parent_fd));
}

/*
 * Creates a domain from @attr and @rules (possibly NULL, else terminated by
 * an entry with no type), with restrict_self() @flags.
 */
static void restrict_rules(struct __test_metadata *const _metadata,
			   const struct landlock_ruleset_attr *const attr,
			   const __u32 flags, const struct audit_rule rules[])
{
	const int ruleset_fd = landlock_create_ruleset(attr, sizeof(*attr), 0);
	size_t i;

	ASSERT_LE(0, ruleset_fd)
	{
		TH_LOG("Failed to create a ruleset: %s", strerror(errno));
	}
	for (i = 0; rules && rules[i].type; i++)
		add_audit_rule(_metadata, ruleset_fd, &rules[i]);
	set_no_new_privs(_metadata);
	ASSERT_EQ(0, landlock_restrict_self(ruleset_fd, flags))
	{
		TH_LOG("Failed to enforce a ruleset: %s", strerror(errno));
	}
	ASSERT_EQ(0, close(ruleset_fd));
}

/* Creates a domain from @attr (no rule), with restrict_self() @flags. */
static void restrict_attr(struct __test_metadata *const _metadata,
			  const struct landlock_ruleset_attr *const attr,
			  const __u32 flags)
{
	restrict_rules(_metadata, attr, flags, NULL);
}

/* Creates a domain handling the filesystem rights @handled, without rule. */
static void restrict_fs(struct __test_metadata *const _metadata,
			const __u64 handled, const __u32 flags)
{
	const struct landlock_ruleset_attr attr = {
		.handled_access_fs = handled,
	};

	restrict_attr(_metadata, &attr, flags);
}

/*
 * Restrict-self flags (without audit)
 */

TEST(restrict_self_flags)
{
	const __u32 no_ruleset[] = {
		0,
		LOG_SAME_EXEC_OFF,
		LOG_NEW_EXEC_ON,
		LOG_SAME_EXEC_OFF | LOG_NEW_EXEC_ON,
		LOG_SUBDOMAINS_OFF | LOG_SAME_EXEC_OFF,
		LOG_SUBDOMAINS_OFF | LOG_NEW_EXEC_ON,
		LOG_ALL_FLAGS,
	};
	char parent_environ[64];
	int ruleset_fd;
	__u32 flags;
	size_t i;

	ruleset_fd =
		create_ruleset(_metadata, LANDLOCK_ACCESS_FS_MAKE_BLOCK, NULL);
	/*
	 * Our parent (the test runner) is not in any domain: a sandboxed
	 * process may not read its environment, an unsandboxed one may.
	 */
	snprintf(parent_environ, sizeof(parent_environ), "/proc/%d/environ",
		 getppid());
	ASSERT_EQ(0, test_open(parent_environ, O_RDONLY));
	set_no_new_privs(_metadata);

	/* Unknown flags, alone or with the known ones, with or without fd. */
	for (flags = RESTRICT_SELF_FLAG_LAST << 1; flags; flags <<= 1) {
		ASSERT_EQ(-1, landlock_restrict_self(ruleset_fd, flags));
		ASSERT_EQ(EINVAL, errno);
		ASSERT_EQ(-1, landlock_restrict_self(ruleset_fd,
						     flags | LOG_ALL_FLAGS));
		ASSERT_EQ(EINVAL, errno);
		ASSERT_EQ(-1, landlock_restrict_self(-1, flags));
		ASSERT_EQ(EINVAL, errno);
		flags |= LOG_SUBDOMAINS_OFF;
		ASSERT_EQ(-1, landlock_restrict_self(-1, flags));
		ASSERT_EQ(EINVAL, errno);
		flags &= ~LOG_SUBDOMAINS_OFF;
	}

	/* Without a ruleset, only LOG_SUBDOMAINS_OFF alone is accepted. */
	for (i = 0; i < ARRAY_SIZE(no_ruleset); i++) {
		ASSERT_EQ(-1, landlock_restrict_self(-1, no_ruleset[i]));
		ASSERT_EQ(EBADF, errno)
		{
			TH_LOG("flags 0x%x", no_ruleset[i]);
		}
	}
	ASSERT_EQ(-1, landlock_restrict_self(-2, LOG_SUBDOMAINS_OFF));
	ASSERT_EQ(EBADF, errno);
	ASSERT_EQ(0, landlock_restrict_self(-1, LOG_SUBDOMAINS_OFF));
	ASSERT_EQ(0, landlock_restrict_self(-1, LOG_SUBDOMAINS_OFF));
	/* It created no domain. */
	ASSERT_EQ(0, test_open(parent_environ, O_RDONLY));

	/* With a ruleset, every combination of known flags stacks a layer. */
	for (flags = 0; flags <= LOG_ALL_FLAGS; flags++) {
		ASSERT_EQ(0, landlock_restrict_self(ruleset_fd, flags))
		{
			TH_LOG("flags 0x%x: %s", flags, strerror(errno));
		}
	}
	ASSERT_EQ(EACCES, test_open(parent_environ, O_RDONLY));
	ASSERT_EQ(0, landlock_restrict_self(-1, LOG_SUBDOMAINS_OFF));
	ASSERT_EQ(0, close(ruleset_fd));
}

TEST(restrict_self_flags_eperm)
{
	const __u32 all_flags[] = {
		0,
		LOG_SAME_EXEC_OFF,
		LOG_NEW_EXEC_ON,
		LOG_SUBDOMAINS_OFF,
		LOG_ALL_FLAGS,
	};
	const int ruleset_fd =
		create_ruleset(_metadata, LANDLOCK_ACCESS_FS_MAKE_BLOCK, NULL);
	size_t i;
	pid_t child;

	ASSERT_EQ(0, prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0));

	/* CAP_SYS_ADMIN is enough, without no_new_privs. */
	if (has_cap(CAP_SYS_ADMIN)) {
		child = fork();
		ASSERT_LE(0, child);
		if (child == 0) {
			const __u32 off = LOG_SUBDOMAINS_OFF;

			ASSERT_EQ(0, landlock_restrict_self(-1, off));
			ASSERT_EQ(0, landlock_restrict_self(ruleset_fd,
							    LOG_ALL_FLAGS));
			_exit(0);
		}
		ASSERT_EQ(0, wait_child(_metadata, child));
	}

	/* Neither no_new_privs nor CAP_SYS_ADMIN. */
	drop_all_caps(_metadata);
	for (i = 0; i < ARRAY_SIZE(all_flags); i++) {
		ASSERT_EQ(-1, landlock_restrict_self(ruleset_fd, all_flags[i]));
		ASSERT_EQ(EPERM, errno);
	}
	ASSERT_EQ(-1, landlock_restrict_self(-1, LOG_SUBDOMAINS_OFF));
	ASSERT_EQ(EPERM, errno);

	set_no_new_privs(_metadata);
	ASSERT_EQ(0, landlock_restrict_self(-1, LOG_SUBDOMAINS_OFF));
	ASSERT_EQ(0, landlock_restrict_self(ruleset_fd, 0));
	ASSERT_EQ(0, close(ruleset_fd));
}

/*
 * Audit records
 */

FIXTURE(audit)
{
	struct audit_env env;
};

FIXTURE_SETUP(audit)
{
	audit_env_setup(_metadata, &self->env);
}

FIXTURE_TEARDOWN(audit)
{
	audit_env_teardown(_metadata, &self->env);
}

/* One denied write: the three records, and every field of them. */
TEST_F(audit, fs_write_denied)
{
	const struct record *access[1];
	pid_t child;
	__u64 id;

	SKIP_WITHOUT_AUDIT(&self->env);
	create_file(_metadata, "file");
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		restrict_fs(_metadata, LANDLOCK_ACCESS_FS_WRITE_FILE, 0);
		_exit(test_open("file", O_WRONLY));
	}
	ASSERT_EQ(EACCES, wait_child(_metadata, child));
	id = check_domain(_metadata, &self->env, child, access, 1);
	check_access_path(_metadata, access[0], id, "fs.write_file", "file");
}

/* Two denials of one domain: announced once, released with denials=2. */
TEST_F(audit, two_denials)
{
	const struct record *access[2];
	pid_t child;
	__u64 id;

	SKIP_WITHOUT_AUDIT(&self->env);
	create_file(_metadata, "file");
	create_file(_metadata, "other");
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		restrict_fs(_metadata, LANDLOCK_ACCESS_FS_WRITE_FILE, 0);
		ASSERT_EQ(EACCES, test_open("file", O_WRONLY));
		/* Allowed: not logged. */
		ASSERT_EQ(0, test_open("file", O_RDONLY));
		_exit(test_open("other", O_WRONLY));
	}
	ASSERT_EQ(EACCES, wait_child(_metadata, child));
	id = check_domain(_metadata, &self->env, child, access, 2);
	check_access_path(_metadata, access[0], id, "fs.write_file", "file");
	check_access_path(_metadata, access[1], id, "fs.write_file", "other");
}

/*
 * The same denial twice: the second check may reuse the first one's walk
 * (the summary of the directory), and must log the same record.
 */
TEST_F(audit, same_denial_twice)
{
	const struct record *access[2];
	pid_t child;
	__u64 id;
	int i;

	SKIP_WITHOUT_AUDIT(&self->env);
	create_dir(_metadata, "a");
	create_dir(_metadata, "a/b");
	create_file(_metadata, "a/b/file");
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		restrict_fs(_metadata, LANDLOCK_ACCESS_FS_WRITE_FILE, 0);
		ASSERT_EQ(EACCES, test_open("a/b/file", O_WRONLY));
		_exit(test_open("a/b/file", O_WRONLY));
	}
	ASSERT_EQ(EACCES, wait_child(_metadata, child));
	id = check_domain(_metadata, &self->env, child, access, 2);
	for (i = 0; i < 2; i++)
		check_access_path(_metadata, access[i], id, "fs.write_file",
				  "a/b/file");
}

/* Several rights missing in one layer: all of them, in bit order. */
TEST_F(audit, several_blockers)
{
	const struct record *access[1];
	pid_t child;
	__u64 id;

	SKIP_WITHOUT_AUDIT(&self->env);
	create_file(_metadata, "file");
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		restrict_fs(_metadata,
			    LANDLOCK_ACCESS_FS_READ_FILE |
				    LANDLOCK_ACCESS_FS_WRITE_FILE |
				    LANDLOCK_ACCESS_FS_EXECUTE,
			    0);
		_exit(test_open("file", O_RDWR));
	}
	ASSERT_EQ(EACCES, wait_child(_metadata, child));
	id = check_domain(_metadata, &self->env, child, access, 1);
	check_access_path(_metadata, access[0], id,
			  "fs.write_file,fs.read_file", "file");
}

/*
 * The children forked by the creator run the same program: their denials
 * are logged too, and the domain record still names the creator.
 */
TEST_F(audit, forked_child)
{
	const struct record *access[2];
	pid_t child, grandchild;
	int pipe_fds[2];
	__u64 id;

	SKIP_WITHOUT_AUDIT(&self->env);
	create_file(_metadata, "file");
	ASSERT_EQ(0, pipe2(pipe_fds, O_CLOEXEC));
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		restrict_fs(_metadata, LANDLOCK_ACCESS_FS_WRITE_FILE, 0);
		grandchild = fork();
		ASSERT_LE(0, grandchild);
		if (grandchild == 0)
			_exit(test_open("file", O_WRONLY));
		ASSERT_EQ(sizeof(grandchild),
			  write(pipe_fds[1], &grandchild, sizeof(grandchild)));
		ASSERT_EQ(EACCES, wait_child(_metadata, grandchild));
		_exit(test_open("file", O_WRONLY));
	}
	ASSERT_EQ(0, close(pipe_fds[1]));
	ASSERT_EQ(sizeof(grandchild),
		  read(pipe_fds[0], &grandchild, sizeof(grandchild)));
	ASSERT_EQ(0, close(pipe_fds[0]));
	ASSERT_EQ(EACCES, wait_child(_metadata, child));
	id = check_domain(_metadata, &self->env, child, access, 2);
	check_access_path(_metadata, access[0], id, "fs.write_file", "file");
	check_access_path(_metadata, access[1], id, "fs.write_file", "file");
	/* Only the creator is named, in the allocation record. */
	ASSERT_EQ(0, count_pid(&self->env, grandchild));
}

/* LOG_SAME_EXEC_OFF: nothing is logged, for the creator or its children. */
TEST_F(audit, same_exec_off)
{
	pid_t pids[2];
	int pipe_fds[2];

	SKIP_WITHOUT_AUDIT(&self->env);
	create_file(_metadata, "file");
	ASSERT_EQ(0, pipe2(pipe_fds, O_CLOEXEC));
	pids[0] = fork();
	ASSERT_LE(0, pids[0]);
	if (pids[0] == 0) {
		restrict_fs(_metadata, LANDLOCK_ACCESS_FS_WRITE_FILE,
			    LOG_SAME_EXEC_OFF);
		ASSERT_EQ(EACCES, test_open("file", O_WRONLY));
		pids[1] = fork();
		ASSERT_LE(0, pids[1]);
		if (pids[1] == 0)
			_exit(test_open("file", O_WRONLY));
		ASSERT_EQ(sizeof(pids[1]),
			  write(pipe_fds[1], &pids[1], sizeof(pids[1])));
		ASSERT_EQ(EACCES, wait_child(_metadata, pids[1]));
		_exit(0);
	}
	ASSERT_EQ(0, close(pipe_fds[1]));
	ASSERT_EQ(sizeof(pids[1]),
		  read(pipe_fds[0], &pids[1], sizeof(pids[1])));
	ASSERT_EQ(0, close(pipe_fds[0]));
	ASSERT_EQ(0, wait_child(_metadata, pids[0]));
	check_silent(_metadata, &self->env, pids, ARRAY_SIZE(pids));
}

/*
 * Nested domains: a denial names the youngest layer that denies it, with
 * the rights that this layer misses.
 */
TEST_F(audit, nested_youngest_layer)
{
	const struct record *recs[MAX_RECORDS];
	const struct record *outer_access, *inner_access[2];
	__u64 outer = 0, inner;
	pid_t child;
	size_t i, n;

	SKIP_WITHOUT_AUDIT(&self->env);
	create_file(_metadata, "file");
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		restrict_fs(_metadata, LANDLOCK_ACCESS_FS_WRITE_FILE, 0);
		restrict_fs(_metadata, LANDLOCK_ACCESS_FS_READ_FILE, 0);
		/* Only the inner layer handles reading. */
		ASSERT_EQ(EACCES, test_open("file", O_RDONLY));
		/* Only the outer layer handles writing. */
		ASSERT_EQ(EACCES, test_open("file", O_WRONLY));
		/* Both layers deny: the inner one is logged, for reading. */
		_exit(test_open("file", O_RDWR));
	}
	ASSERT_EQ(EACCES, wait_child(_metadata, child));

	/* The inner layer is announced first, after its first denial. */
	inner = check_allocated(_metadata, &self->env,
				wait_allocated(&self->env, child), child);
	ASSERT_TRUE(wait_deallocated(&self->env, inner));
	/* The outer layer, created by the same child. */
	for (i = 0; i < self->env.nr_records; i++) {
		const struct record *const rec = &self->env.records[i];

		if (has_status(rec, "allocated") && has_pid(rec, child) &&
		    record_domain(rec) != inner) {
			ASSERT_EQ(0, outer);
			outer = check_allocated(_metadata, &self->env, rec,
						child);
		}
	}
	ASSERT_NE(0, outer);
	ASSERT_TRUE(wait_deallocated(&self->env, outer));
	/* The inner layer was created last. */
	ASSERT_LT(outer, inner);

	n = domain_records(&self->env, inner, recs, ARRAY_SIZE(recs));
	ASSERT_EQ(4, n);
	inner_access[0] = recs[0];
	ASSERT_TRUE(has_status(recs[1], "allocated"));
	inner_access[1] = recs[2];
	check_deallocated(_metadata, recs[3], inner, 2);

	n = domain_records(&self->env, outer, recs, ARRAY_SIZE(recs));
	ASSERT_EQ(3, n);
	outer_access = recs[0];
	ASSERT_TRUE(has_status(recs[1], "allocated"));
	check_deallocated(_metadata, recs[2], outer, 1);

	check_access_path(_metadata, inner_access[0], inner, "fs.read_file",
			  "file");
	check_access_path(_metadata, outer_access, outer, "fs.write_file",
			  "file");
	check_access_path(_metadata, inner_access[1], inner, "fs.read_file",
			  "file");
	/* The records come in the order of the denials. */
	ASSERT_LT(inner_access[0], outer_access);
	ASSERT_LT(outer_access, inner_access[1]);
}

/* The flags of the layer that denies an access decide. */
TEST_F(audit, flags_per_layer)
{
	const struct record *access[1];
	pid_t child;
	__u64 id;

	SKIP_WITHOUT_AUDIT(&self->env);
	create_file(_metadata, "file");
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		restrict_fs(_metadata, LANDLOCK_ACCESS_FS_WRITE_FILE,
			    LOG_SAME_EXEC_OFF);
		restrict_fs(_metadata, LANDLOCK_ACCESS_FS_READ_FILE, 0);
		/* Denied by the quiet outer layer only. */
		ASSERT_EQ(EACCES, test_open("file", O_WRONLY));
		/* Denied by the inner layer only. */
		_exit(test_open("file", O_RDONLY));
	}
	ASSERT_EQ(EACCES, wait_child(_metadata, child));
	id = check_domain(_metadata, &self->env, child, access, 1);
	check_access_path(_metadata, access[0], id, "fs.read_file", "file");
	/* The inner domain's records only. */
	ASSERT_EQ(1, count_pid(&self->env, child));
}

/* Sibling domains get different IDs, increasing. */
TEST_F(audit, ids_increase)
{
	const struct record *access[1];
	__u64 first, second;
	pid_t child;

	SKIP_WITHOUT_AUDIT(&self->env);
	create_file(_metadata, "file");
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		restrict_fs(_metadata, LANDLOCK_ACCESS_FS_WRITE_FILE, 0);
		_exit(test_open("file", O_WRONLY));
	}
	ASSERT_EQ(EACCES, wait_child(_metadata, child));
	first = check_domain(_metadata, &self->env, child, access, 1);

	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		restrict_fs(_metadata, LANDLOCK_ACCESS_FS_WRITE_FILE, 0);
		_exit(test_open("file", O_WRONLY));
	}
	ASSERT_EQ(EACCES, wait_child(_metadata, child));
	second = check_domain(_metadata, &self->env, child, access, 1);
	ASSERT_LT(first, second);
}

/*
 * LOG_SUBDOMAINS_OFF without a ruleset: the domains created later by the
 * thread and by its children are silent.
 */
TEST_F(audit, subdomains_off_no_ruleset)
{
	pid_t pids[2];
	int pipe_fds[2];

	SKIP_WITHOUT_AUDIT(&self->env);
	create_file(_metadata, "file");
	ASSERT_EQ(0, pipe2(pipe_fds, O_CLOEXEC));
	pids[0] = fork();
	ASSERT_LE(0, pids[0]);
	if (pids[0] == 0) {
		set_no_new_privs(_metadata);
		ASSERT_EQ(0, landlock_restrict_self(-1, LOG_SUBDOMAINS_OFF));
		pids[1] = fork();
		ASSERT_LE(0, pids[1]);
		if (pids[1] == 0) {
			restrict_fs(_metadata, LANDLOCK_ACCESS_FS_WRITE_FILE,
				    LOG_NEW_EXEC_ON);
			_exit(test_open("file", O_WRONLY));
		}
		ASSERT_EQ(sizeof(pids[1]),
			  write(pipe_fds[1], &pids[1], sizeof(pids[1])));
		ASSERT_EQ(EACCES, wait_child(_metadata, pids[1]));
		restrict_fs(_metadata, LANDLOCK_ACCESS_FS_READ_FILE, 0);
		_exit(test_open("file", O_RDONLY));
	}
	ASSERT_EQ(0, close(pipe_fds[1]));
	ASSERT_EQ(sizeof(pids[1]),
		  read(pipe_fds[0], &pids[1], sizeof(pids[1])));
	ASSERT_EQ(0, close(pipe_fds[0]));
	ASSERT_EQ(EACCES, wait_child(_metadata, pids[0]));
	check_silent(_metadata, &self->env, pids, ARRAY_SIZE(pids));
}

/*
 * LOG_SUBDOMAINS_OFF with a ruleset: the new domain is logged, the ones
 * nested in it later are not; its own denials are still logged after.
 */
TEST_F(audit, subdomains_off_with_ruleset)
{
	const struct record *access[2];
	pid_t child;
	__u64 id;

	SKIP_WITHOUT_AUDIT(&self->env);
	create_file(_metadata, "file");
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		restrict_fs(_metadata, LANDLOCK_ACCESS_FS_WRITE_FILE,
			    LOG_SUBDOMAINS_OFF);
		ASSERT_EQ(EACCES, test_open("file", O_WRONLY));
		restrict_fs(_metadata, LANDLOCK_ACCESS_FS_READ_FILE, 0);
		/* Denied by the nested domain only: silent. */
		ASSERT_EQ(EACCES, test_open("file", O_RDONLY));
		/* Denied by the first domain only: logged. */
		_exit(test_open("file", O_WRONLY));
	}
	ASSERT_EQ(EACCES, wait_child(_metadata, child));
	id = check_domain(_metadata, &self->env, child, access, 2);
	check_access_path(_metadata, access[0], id, "fs.write_file", "file");
	check_access_path(_metadata, access[1], id, "fs.write_file", "file");
	/* Nothing about the nested domain came before the release. */
	ASSERT_EQ(1, count_pid(&self->env, child));
}

/* LOG_SUBDOMAINS_OFF does not silence the domains created before. */
TEST_F(audit, subdomains_off_keeps_older)
{
	const struct record *access[1];
	pid_t child;
	__u64 id;

	SKIP_WITHOUT_AUDIT(&self->env);
	create_file(_metadata, "file");
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		restrict_fs(_metadata, LANDLOCK_ACCESS_FS_WRITE_FILE, 0);
		ASSERT_EQ(0, landlock_restrict_self(-1, LOG_SUBDOMAINS_OFF));
		restrict_fs(_metadata, LANDLOCK_ACCESS_FS_READ_FILE, 0);
		ASSERT_EQ(EACCES, test_open("file", O_RDONLY));
		_exit(test_open("file", O_WRONLY));
	}
	ASSERT_EQ(EACCES, wait_child(_metadata, child));
	id = check_domain(_metadata, &self->env, child, access, 1);
	check_access_path(_metadata, access[0], id, "fs.write_file", "file");
	ASSERT_EQ(1, count_pid(&self->env, child));
}

/*
 * Thread synchronisation (LANDLOCK_RESTRICT_SELF_TSYNC)
 *
 * The child runs a second thread, which runs functions on request.
 */

struct sibling {
	pthread_t thread;
	int cmd[2];
	int res[2];
};

typedef int (*sibling_fn)(void);

static void *sibling_main(void *const data)
{
	struct sibling *const s = data;
	sibling_fn fn;
	int ret;

	while (read(s->cmd[0], &fn, sizeof(fn)) == sizeof(fn) && fn) {
		ret = fn();
		if (write(s->res[1], &ret, sizeof(ret)) != sizeof(ret))
			break;
	}
	return NULL;
}

static void sibling_start(struct __test_metadata *const _metadata,
			  struct sibling *const s)
{
	ASSERT_EQ(0, pipe2(s->cmd, O_CLOEXEC));
	ASSERT_EQ(0, pipe2(s->res, O_CLOEXEC));
	ASSERT_EQ(0, pthread_create(&s->thread, NULL, sibling_main, s));
}

/* Runs @fn in the second thread: returns its result. */
static int sibling_run(struct __test_metadata *const _metadata,
		       struct sibling *const s, const sibling_fn fn)
{
	int ret;

	ASSERT_EQ(sizeof(fn), write(s->cmd[1], &fn, sizeof(fn)));
	ASSERT_EQ(sizeof(ret), read(s->res[0], &ret, sizeof(ret)))
	{
		TH_LOG("The second thread did not answer");
	}
	return ret;
}

static int sibling_write_file(void)
{
	return test_open("file", O_WRONLY);
}

/*
 * New credentials for the second thread alone, with the same content: it
 * no longer shares the first thread's ones.
 */
static int sibling_own_cred(void)
{
	return prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0) ? errno : 0;
}

/* LOG_SUBDOMAINS_OFF for the second thread alone. */
static int sibling_mute(void)
{
	return landlock_restrict_self(-1, LOG_SUBDOMAINS_OFF) ? errno : 0;
}

/* A domain of its own (nested), which forbids writing. */
static int sibling_restrict_write(void)
{
	const struct landlock_ruleset_attr attr = {
		.handled_access_fs = LANDLOCK_ACCESS_FS_WRITE_FILE,
	};
	const int ruleset_fd = landlock_create_ruleset(&attr, sizeof(attr), 0);
	int err = 0;

	if (ruleset_fd < 0)
		return errno;
	if (landlock_restrict_self(ruleset_fd, 0))
		err = errno;
	close(ruleset_fd);
	return err;
}

/*
 * The threads share the caller's new domain: the denials of the other
 * threads (one that shared the caller's credentials, one that had its own)
 * are those of the same domain, and are logged as those of the program
 * that created it.
 */
TEST_F(audit, tsync_shared_domain)
{
	const struct record *access[3];
	struct sibling s[2];
	pid_t child;
	size_t i;
	__u64 id;

	SKIP_WITHOUT_AUDIT(&self->env);
	create_file(_metadata, "file");
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		sibling_start(_metadata, &s[0]);
		sibling_start(_metadata, &s[1]);
		ASSERT_EQ(0, sibling_run(_metadata, &s[1], sibling_own_cred));
		restrict_fs(_metadata, LANDLOCK_ACCESS_FS_WRITE_FILE, TSYNC);
		ASSERT_EQ(EACCES, test_open("file", O_WRONLY));
		ASSERT_EQ(EACCES,
			  sibling_run(_metadata, &s[0], sibling_write_file));
		_exit(sibling_run(_metadata, &s[1], sibling_write_file));
	}
	ASSERT_EQ(EACCES, wait_child(_metadata, child));
	id = check_domain(_metadata, &self->env, child, access, 3);
	for (i = 0; i < ARRAY_SIZE(access); i++) {
		check_access_path(_metadata, access[i], id, "fs.write_file",
				  "file");
	}
}

/*
 * LOG_SUBDOMAINS_OFF is part of what TSYNC copies to the other threads:
 * the second thread (maybe muted first) creates a domain of its own after
 * the caller's call, and is denied a write by it: logged or not.
 */

FIXTURE(audit_tsync)
{
	struct audit_env env;
};

FIXTURE_VARIANT(audit_tsync)
{
	/* The second thread gets credentials of its own first. */
	bool sibling_own_cred;
	/* The second thread sets LOG_SUBDOMAINS_OFF for itself first. */
	bool sibling_muted;
	/* The caller's ruleset (0: a ruleset_fd of -1) and flags. */
	__u64 handled;
	__u32 flags;
	bool logged;
};

/* clang-format off */
FIXTURE_VARIANT_ADD(audit_tsync, no_ruleset_muted) {
	/* clang-format on */
	.sibling_own_cred = false,
	.sibling_muted = false,
	.handled = 0,
	.flags = LOG_SUBDOMAINS_OFF | TSYNC,
	.logged = false,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(audit_tsync, no_ruleset_caller_only) {
	/* clang-format on */
	.sibling_own_cred = false,   .sibling_muted = false, .handled = 0,
	.flags = LOG_SUBDOMAINS_OFF, .logged = true,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(audit_tsync, ruleset_muted) {
	/* clang-format on */
	.sibling_own_cred = true,
	.sibling_muted = false,
	.handled = LANDLOCK_ACCESS_FS_READ_FILE,
	.flags = LOG_SUBDOMAINS_OFF | TSYNC,
	.logged = false,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(audit_tsync, ruleset_unmutes) {
	/* clang-format on */
	.sibling_own_cred = false,
	.sibling_muted = true,
	.handled = LANDLOCK_ACCESS_FS_READ_FILE,
	.flags = TSYNC,
	.logged = true,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(audit_tsync, ruleset_caller_only) {
	/* clang-format on */
	.sibling_own_cred = false,
	.sibling_muted = true,
	.handled = LANDLOCK_ACCESS_FS_READ_FILE,
	.flags = 0,
	.logged = false,
};

FIXTURE_SETUP(audit_tsync)
{
	audit_env_setup(_metadata, &self->env);
}

FIXTURE_TEARDOWN(audit_tsync)
{
	audit_env_teardown(_metadata, &self->env);
}

TEST_F(audit_tsync, sibling_subdomain)
{
	const struct record *access[1];
	struct sibling s;
	pid_t child;
	__u64 id;

	SKIP_WITHOUT_AUDIT(&self->env);
	create_file(_metadata, "file");
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		/* The second thread inherits no_new_privs. */
		set_no_new_privs(_metadata);
		sibling_start(_metadata, &s);
		if (variant->sibling_own_cred)
			ASSERT_EQ(0,
				  sibling_run(_metadata, &s, sibling_own_cred));
		if (variant->sibling_muted)
			ASSERT_EQ(0, sibling_run(_metadata, &s, sibling_mute));
		if (variant->handled)
			restrict_fs(_metadata, variant->handled,
				    variant->flags);
		else
			ASSERT_EQ(0,
				  landlock_restrict_self(-1, variant->flags));
		ASSERT_EQ(0,
			  sibling_run(_metadata, &s, sibling_restrict_write));
		_exit(sibling_run(_metadata, &s, sibling_write_file));
	}
	ASSERT_EQ(EACCES, wait_child(_metadata, child));
	if (!variant->logged) {
		check_silent(_metadata, &self->env, &child, 1);
		return;
	}
	id = check_domain(_metadata, &self->env, child, access, 1);
	check_access_path(_metadata, access[0], id, "fs.write_file", "file");
}

/* Rights on directories: the record names the parent directory. */
TEST_F(audit, fs_dir_rights)
{
	static const char *const blockers[] = {
		"fs.make_reg",	 "fs.make_dir",	 "fs.make_sym",
		"fs.make_fifo",	 "fs.make_sock", "fs.remove_file",
		"fs.remove_dir",
	};
	const struct record *access[ARRAY_SIZE(blockers)];
	pid_t child;
	size_t i;
	__u64 id;

	SKIP_WITHOUT_AUDIT(&self->env);
	create_dir(_metadata, "dir");
	create_dir(_metadata, "dir/subdir");
	create_file(_metadata, "dir/file");
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		restrict_fs(_metadata,
			    LANDLOCK_ACCESS_FS_MAKE_REG |
				    LANDLOCK_ACCESS_FS_MAKE_DIR |
				    LANDLOCK_ACCESS_FS_MAKE_SYM |
				    LANDLOCK_ACCESS_FS_MAKE_FIFO |
				    LANDLOCK_ACCESS_FS_MAKE_SOCK |
				    LANDLOCK_ACCESS_FS_REMOVE_FILE |
				    LANDLOCK_ACCESS_FS_REMOVE_DIR,
			    0);
		ASSERT_EQ(EACCES, test_open("dir/new", O_WRONLY | O_CREAT));
		ASSERT_EQ(EACCES, ERR(mkdir("dir/new", 0700)));
		ASSERT_EQ(EACCES, ERR(symlink("file", "dir/new")));
		ASSERT_EQ(EACCES, ERR(mknod("dir/new", S_IFIFO | 0600, 0)));
		ASSERT_EQ(EACCES, ERR(mknod("dir/new", S_IFSOCK | 0600, 0)));
		ASSERT_EQ(EACCES, ERR(unlink("dir/file")));
		_exit(ERR(rmdir("dir/subdir")));
	}
	ASSERT_EQ(EACCES, wait_child(_metadata, child));
	id = check_domain(_metadata, &self->env, child, access,
			  ARRAY_SIZE(access));
	for (i = 0; i < ARRAY_SIZE(access); i++)
		check_access_path(_metadata, access[i], id, blockers[i], "dir");
}

/*
 * Links and renames to another directory: one record per directory that
 * misses some right, with the rights that the move needs (REFER included)
 * or, when the file would gain rights by moving, every right it misses.
 */

FIXTURE(audit_move)
{
	struct audit_env env;
};

FIXTURE_VARIANT(audit_move)
{
	__u64 handled;
	/* Rights granted by a rule on "a", on "b" (none if 0). */
	__u64 rule_a, rule_b;
	/* Link "a/file" as "b/file" rather than rename it. */
	bool link;
	int err;
	/* Blockers logged about "a" and "b", NULL if none. */
	const char *blockers_a, *blockers_b;
};

#define MOVE_RIGHTS                                               \
	(LANDLOCK_ACCESS_FS_REFER | LANDLOCK_ACCESS_FS_MAKE_REG | \
	 LANDLOCK_ACCESS_FS_REMOVE_FILE)

/* clang-format off */
FIXTURE_VARIANT_ADD(audit_move, refer_only) {
	/* clang-format on */
	.handled = LANDLOCK_ACCESS_FS_REFER,
	.err = EXDEV,
	.blockers_a = "fs.refer",
	.blockers_b = "fs.refer",
};

/* clang-format off */
FIXTURE_VARIANT_ADD(audit_move, rename_nothing_allowed) {
	/* clang-format on */
	.handled = MOVE_RIGHTS,
	.err = EACCES,
	.blockers_a = "fs.remove_file,fs.refer",
	.blockers_b = "fs.make_reg,fs.refer",
};

/* clang-format off */
FIXTURE_VARIANT_ADD(audit_move, link_nothing_allowed) {
	/* clang-format on */
	.handled = MOVE_RIGHTS,
	.link = true,
	.err = EACCES,
	.blockers_a = "fs.refer",
	.blockers_b = "fs.make_reg,fs.refer",
};

/* clang-format off */
FIXTURE_VARIANT_ADD(audit_move, source_allowed) {
	/* clang-format on */
	.handled = MOVE_RIGHTS,
	.rule_a = MOVE_RIGHTS,
	.err = EACCES,
	.blockers_b = "fs.make_reg,fs.refer",
};

/* clang-format off */
FIXTURE_VARIANT_ADD(audit_move, gains_rights) {
	/* clang-format on */
	.handled = MOVE_RIGHTS | LANDLOCK_ACCESS_FS_READ_FILE,
	.rule_a = MOVE_RIGHTS,
	.rule_b = MOVE_RIGHTS | LANDLOCK_ACCESS_FS_READ_FILE,
	.err = EXDEV,
	.blockers_a = "fs.read_file",
};

/* clang-format off */
FIXTURE_VARIANT_ADD(audit_move, refer_not_handled) {
	/* clang-format on */
	.handled = LANDLOCK_ACCESS_FS_MAKE_REG | LANDLOCK_ACCESS_FS_REMOVE_FILE,
	.rule_a = LANDLOCK_ACCESS_FS_MAKE_REG | LANDLOCK_ACCESS_FS_REMOVE_FILE,
	.rule_b = LANDLOCK_ACCESS_FS_MAKE_REG | LANDLOCK_ACCESS_FS_REMOVE_FILE,
	.err = EXDEV,
	.blockers_a = "fs.refer",
	.blockers_b = "fs.refer",
};

FIXTURE_SETUP(audit_move)
{
	audit_env_setup(_metadata, &self->env);
	create_dir(_metadata, "a");
	create_dir(_metadata, "b");
	create_file(_metadata, "a/file");
}

FIXTURE_TEARDOWN(audit_move)
{
	audit_env_teardown(_metadata, &self->env);
}

TEST_F(audit_move, records)
{
	const struct rule rules[] = {
		{ variant->rule_a ? "a" : NULL, variant->rule_a },
		{ variant->rule_b ? "b" : NULL, variant->rule_b },
		{},
	};
	const struct rule *const first = rules[0].path ? rules : rules + 1;
	const size_t nr_access = !!variant->blockers_a + !!variant->blockers_b;
	const struct record *access[2];
	size_t i = 0;
	pid_t child;
	__u64 id;

	SKIP_WITHOUT_AUDIT(&self->env);
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		sandbox(_metadata, variant->handled, first);
		if (variant->link)
			_exit(ERR(link("a/file", "b/file")));
		_exit(ERR(rename("a/file", "b/file")));
	}
	ASSERT_EQ(variant->err, wait_child(_metadata, child));
	id = check_domain(_metadata, &self->env, child, access, nr_access);
	if (variant->blockers_a)
		check_access_path(_metadata, access[i++], id,
				  variant->blockers_a, "a");
	if (variant->blockers_b)
		check_access_path(_metadata, access[i], id, variant->blockers_b,
				  "b");
}

/*
 * Truncation: through a path, and through a file opened without the right
 * (the denial decided at open is logged at use).
 */
TEST_F(audit, fs_truncate)
{
	const struct record *access[2];
	pid_t child;
	__u64 id;
	int fd;

	SKIP_WITHOUT_AUDIT(&self->env);
	create_file(_metadata, "file");
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		restrict_fs(_metadata, LANDLOCK_ACCESS_FS_TRUNCATE, 0);
		ASSERT_EQ(EACCES, ERR(truncate("file", 0)));
		fd = open("file", O_WRONLY | O_CLOEXEC);
		ASSERT_LE(0, fd);
		_exit(ERR(ftruncate(fd, 0)));
	}
	ASSERT_EQ(EACCES, wait_child(_metadata, child));
	id = check_domain(_metadata, &self->env, child, access, 2);
	check_access_path(_metadata, access[0], id, "fs.truncate", "file");
	check_access_path(_metadata, access[1], id, "fs.truncate", "file");
}

/* A device ioctl: the record also has the command. */
TEST_F(audit, fs_ioctl_dev)
{
	const struct record *access[1];
	char object[PATH_MAX + 128];
	pid_t child;
	__u64 id;
	int fd, n;

	SKIP_WITHOUT_AUDIT(&self->env);
	fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		SKIP(return, "No /dev/null: %s", strerror(errno));
	/* Not a command of /dev/null, but not denied without Landlock. */
	ASSERT_NE(EACCES, ERR(ioctl(fd, FIONREAD, &n)));
	ASSERT_EQ(0, close(fd));
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		restrict_fs(_metadata, LANDLOCK_ACCESS_FS_IOCTL_DEV, 0);
		fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
		ASSERT_LE(0, fd);
		_exit(ERR(ioctl(fd, FIONREAD, &n)));
	}
	ASSERT_EQ(EACCES, wait_child(_metadata, child));
	id = check_domain(_metadata, &self->env, child, access, 1);
	path_object(_metadata, object, sizeof(object), "/dev/null");
	snprintf(object + strlen(object), sizeof(object) - strlen(object),
		 " ioctlcmd=0x%x", FIONREAD);
	check_access(_metadata, access[0], id, "fs.ioctl_dev", object);
}

/*
 * Pathname UNIX sockets (ABI 9): a denied connect(2), and a denied sendto(2),
 * name the socket file.
 */
TEST_F(audit, fs_resolve_unix)
{
	struct unix_addr stream_addr, dgram_addr;
	const struct record *access[2];
	int stream, dgram, fd;
	pid_t child;
	__u64 id;

	SKIP_WITHOUT_AUDIT(&self->env);
	SKIP_BEFORE_ABI(9);
	set_path_addr(&stream_addr, "stream.sock");
	set_path_addr(&dgram_addr, "dgram.sock");
	stream = unix_server(_metadata, SOCK_STREAM, &stream_addr);
	dgram = unix_server(_metadata, SOCK_DGRAM, &dgram_addr);
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		restrict_fs(_metadata, LANDLOCK_ACCESS_FS_RESOLVE_UNIX, 0);
		ASSERT_EQ(EACCES, test_connect(SOCK_STREAM, &stream_addr));
		fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
		ASSERT_LE(0, fd);
		_exit(test_sendto(fd, &dgram_addr));
	}
	ASSERT_EQ(EACCES, wait_child(_metadata, child));
	ASSERT_EQ(0, close(stream));
	ASSERT_EQ(0, close(dgram));
	id = check_domain(_metadata, &self->env, child, access, 2);
	check_access_path(_metadata, access[0], id, "fs.resolve_unix",
			  "stream.sock");
	check_access_path(_metadata, access[1], id, "fs.resolve_unix",
			  "dgram.sock");
}

/*
 * The youngest layer that denies the access is logged: here the outer one,
 * created by the first child, as the inner one grants the access by a rule.
 */
TEST_F(audit, fs_resolve_unix_outer_layer)
{
	const struct rule rules[] = {
		{ "s.sock", LANDLOCK_ACCESS_FS_RESOLVE_UNIX },
		{},
	};
	const struct record *access[1];
	struct unix_addr addr;
	size_t i, allocated = 0;
	pid_t outer, inner;
	int server;
	__u64 id;

	SKIP_WITHOUT_AUDIT(&self->env);
	SKIP_BEFORE_ABI(9);
	set_path_addr(&addr, "s.sock");
	server = unix_server(_metadata, SOCK_STREAM, &addr);
	outer = fork();
	ASSERT_LE(0, outer);
	if (outer == 0) {
		restrict_fs(_metadata, LANDLOCK_ACCESS_FS_RESOLVE_UNIX, 0);
		inner = fork();
		ASSERT_LE(0, inner);
		if (inner == 0) {
			sandbox(_metadata, LANDLOCK_ACCESS_FS_RESOLVE_UNIX,
				rules);
			_exit(test_connect(SOCK_STREAM, &addr));
		}
		_exit(wait_child(_metadata, inner) == EACCES ? 0 : 1);
	}
	ASSERT_EQ(0, wait_child(_metadata, outer));
	ASSERT_EQ(0, close(server));
	id = check_domain(_metadata, &self->env, outer, access, 1);
	check_access_path(_metadata, access[0], id, "fs.resolve_unix",
			  "s.sock");
	/* The inner layer, which denied nothing, is never announced. */
	sync_records(_metadata, &self->env);
	for (i = 0; i < self->env.nr_records; i++)
		allocated += has_status(&self->env.records[i], "allocated");
	ASSERT_EQ(1, allocated);
}

/*
 * The kernel's own errors come first: no Landlock denial, hence no record,
 * for a missing file, a socket file without a socket, a socket of another
 * type, or a socket file that DAC forbids writing to.
 */
TEST_F(audit, fs_resolve_unix_kernel_errors)
{
	struct unix_addr missing, closed, other, read_only;
	int other_fd, read_only_fd;
	pid_t child;

	SKIP_WITHOUT_AUDIT(&self->env);
	SKIP_BEFORE_ABI(9);
	set_path_addr(&missing, "missing.sock");
	set_path_addr(&closed, "closed.sock");
	set_path_addr(&other, "other.sock");
	set_path_addr(&read_only, "read-only.sock");
	ASSERT_EQ(0, close(unix_server(_metadata, SOCK_STREAM, &closed)));
	other_fd = unix_server(_metadata, SOCK_DGRAM, &other);
	read_only_fd = unix_server(_metadata, SOCK_STREAM, &read_only);
	ASSERT_EQ(0, chmod("read-only.sock", 0555));
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		drop_all_caps(_metadata);
		restrict_fs(_metadata, LANDLOCK_ACCESS_FS_RESOLVE_UNIX, 0);
		ASSERT_EQ(ENOENT, test_connect(SOCK_STREAM, &missing));
		ASSERT_EQ(ECONNREFUSED, test_connect(SOCK_STREAM, &closed));
		ASSERT_EQ(EPROTOTYPE, test_connect(SOCK_STREAM, &other));
		_exit(test_connect(SOCK_STREAM, &read_only));
	}
	ASSERT_EQ(EACCES, wait_child(_metadata, child));
	check_silent(_metadata, &self->env, &child, 1);
	ASSERT_EQ(0, close(other_fd));
	ASSERT_EQ(0, close(read_only_fd));
}

/* Changing the mount topology in a domain that handles fs rights. */
TEST_F(audit, fs_change_topology)
{
	const struct record *access[1];
	pid_t child;
	__u64 id;

	SKIP_WITHOUT_AUDIT(&self->env);
	if (!has_cap(CAP_SYS_ADMIN))
		SKIP(return, "Mounting needs CAP_SYS_ADMIN");
	create_dir(_metadata, "mnt");
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		/* Should the denial fail, the mount goes nowhere. */
		ASSERT_EQ(0, unshare(CLONE_NEWNS));
		ASSERT_EQ(0, mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL));
		restrict_fs(_metadata, LANDLOCK_ACCESS_FS_MAKE_BLOCK, 0);
		_exit(ERR(mount("tmpfs", "mnt", "tmpfs", 0, NULL)));
	}
	ASSERT_EQ(EPERM, wait_child(_metadata, child));
	id = check_domain(_metadata, &self->env, child, access, 1);
	check_access_path(_metadata, access[0], id, "fs.change_topology",
			  "mnt");
}

/*
 * TCP bind and connect: the records have the socket's own addresses, if
 * any (laddr, lport, faddr, fport), then the address asked for (saddr and
 * src for bind, daddr and dest for connect); zeros are left out.
 */
TEST_F(audit, net_tcp)
{
	const struct landlock_ruleset_attr attr = {
		.handled_access_net = LANDLOCK_ACCESS_NET_BIND_TCP |
				      LANDLOCK_ACCESS_NET_CONNECT_TCP,
	};
	struct sockaddr_in in = {
		.sin_family = AF_INET,
		.sin_port = htons(TEST_PORT),
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
	struct sockaddr_in bound = in, unspec = {
		.sin_family = AF_UNSPEC,
		.sin_port = htons(TEST_PORT),
		.sin_addr.s_addr = htonl(INADDR_ANY),
	};
	struct sockaddr_in6 in6 = {
		.sin6_family = AF_INET6,
		.sin6_port = htons(TEST_PORT),
		.sin6_addr = IN6ADDR_LOOPBACK_INIT,
	};
	char expected[4][128];
	const struct record *access[5];
	int fd, fd_bound, fd6, err;
	pid_t child;
	__u64 id;

	SKIP_WITHOUT_AUDIT(&self->env);
	bound.sin_port = htons(TEST_PORT + 1);
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
		ASSERT_LE(0, fd);
		fd_bound = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
		ASSERT_LE(0, fd_bound);
		fd6 = socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0);
		ASSERT_LE(0, fd6);
		ASSERT_EQ(0, bind(fd_bound, (struct sockaddr *)&bound,
				  sizeof(bound)));
		restrict_attr(_metadata, &attr, 0);
		ASSERT_EQ(EACCES,
			  ERR(bind(fd, (struct sockaddr *)&in, sizeof(in))));
		ASSERT_EQ(EACCES,
			  ERR(connect(fd, (struct sockaddr *)&in, sizeof(in))));
		ASSERT_EQ(EACCES, ERR(connect(fd_bound, (struct sockaddr *)&in,
					      sizeof(in))));
		ASSERT_EQ(EACCES,
			  ERR(bind(fd6, (struct sockaddr *)&in6, sizeof(in6))));
		err = ERR(bind(fd, (struct sockaddr *)&unspec, sizeof(unspec)));
		_exit(err);
	}
	ASSERT_EQ(EACCES, wait_child(_metadata, child));
	id = check_domain(_metadata, &self->env, child, access, 5);
	snprintf(expected[0], sizeof(expected[0]), " saddr=127.0.0.1 src=%d",
		 TEST_PORT);
	check_access(_metadata, access[0], id, "net.bind_tcp", expected[0]);
	snprintf(expected[1], sizeof(expected[1]), " daddr=127.0.0.1 dest=%d",
		 TEST_PORT);
	check_access(_metadata, access[1], id, "net.connect_tcp", expected[1]);
	snprintf(expected[2], sizeof(expected[2]),
		 " laddr=127.0.0.1 lport=%d daddr=127.0.0.1 dest=%d",
		 TEST_PORT + 1, TEST_PORT);
	check_access(_metadata, access[2], id, "net.connect_tcp", expected[2]);
	snprintf(expected[3], sizeof(expected[3]), " saddr=::1 src=%d",
		 TEST_PORT);
	check_access(_metadata, access[3], id, "net.bind_tcp", expected[3]);
	/* AF_UNSPEC: no address to show. */
	check_access(_metadata, access[4], id, "net.bind_tcp", "");
}

/*
 * UDP: an explicit bind, the implicit bind of a send (without address nor
 * port), a denied destination, and a datagram to AF_UNSPEC from an IPv6
 * socket (without address).
 */
TEST_F(audit, net_udp)
{
	const struct landlock_ruleset_attr attr = {
		.handled_access_net = LANDLOCK_ACCESS_NET_BIND_UDP |
				      LANDLOCK_ACCESS_NET_CONNECT_SEND_UDP,
	};
	const struct audit_rule rules[] = {
		{
			.type = LANDLOCK_RULE_NET_PORT,
			.port = TEST_PORT,
			.access = LANDLOCK_ACCESS_NET_CONNECT_SEND_UDP,
		},
		{},
	};
	struct sockaddr_in in = {
		.sin_family = AF_INET,
		.sin_port = htons(TEST_PORT + 1),
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
	struct sockaddr_in6 in6 = {
		.sin6_family = AF_INET6,
		.sin6_port = htons(TEST_PORT + 1),
		.sin6_addr = IN6ADDR_LOOPBACK_INIT,
	};
	char expected[4][128];
	const struct record *access[5];
	int fd, fd6;
	pid_t child;
	__u64 id;

	SKIP_WITHOUT_AUDIT(&self->env);
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
		fd6 = socket(AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0);
		ASSERT_LE(0, fd);
		ASSERT_LE(0, fd6);
		restrict_rules(_metadata, &attr, 0, rules);
		ASSERT_EQ(EACCES,
			  ERR(bind(fd, (struct sockaddr *)&in, sizeof(in))));
		in.sin_port = htons(TEST_PORT);
		ASSERT_EQ(EACCES,
			  ERR(sendto(fd, "u", 1, 0, (struct sockaddr *)&in,
				     sizeof(in))));
		in.sin_port = htons(TEST_PORT + 1);
		ASSERT_EQ(EACCES,
			  ERR(sendto(fd, "u", 1, 0, (struct sockaddr *)&in,
				     sizeof(in))));
		ASSERT_EQ(EACCES,
			  ERR(bind(fd6, (struct sockaddr *)&in6, sizeof(in6))));
		in6.sin6_family = AF_UNSPEC;
		_exit(ERR(sendto(fd6, "u", 1, 0, (struct sockaddr *)&in6,
				 sizeof(in6))));
	}
	ASSERT_EQ(EACCES, wait_child(_metadata, child));
	id = check_domain(_metadata, &self->env, child, access, 5);
	snprintf(expected[0], sizeof(expected[0]), " saddr=127.0.0.1 src=%d",
		 TEST_PORT + 1);
	check_access(_metadata, access[0], id, "net.bind_udp", expected[0]);
	check_access(_metadata, access[1], id, "net.bind_udp", "");
	snprintf(expected[1], sizeof(expected[1]), " daddr=127.0.0.1 dest=%d",
		 TEST_PORT + 1);
	check_access(_metadata, access[2], id, "net.connect_send_udp",
		     expected[1]);
	snprintf(expected[2], sizeof(expected[2]), " saddr=::1 src=%d",
		 TEST_PORT + 1);
	check_access(_metadata, access[3], id, "net.bind_udp", expected[2]);
	check_access(_metadata, access[4], id, "net.connect_send_udp", "");
}

/* Checks a denial record about the task @pid (this process). */
static void check_access_task(struct __test_metadata *const _metadata,
			      const struct audit_env *const env,
			      const struct record *const rec, const __u64 id,
			      const char *const blockers, const pid_t pid)
{
	char object[128];

	check_access(_metadata, rec, id, blockers,
		     task_object(object, sizeof(object), pid, env->comm));
}

/* A signal to a task outside of the domain. */
TEST_F(audit, scope_signal)
{
	const struct landlock_ruleset_attr attr = {
		.scoped = LANDLOCK_SCOPE_SIGNAL,
	};
	const struct record *access[1];
	pid_t child;
	__u64 id;

	SKIP_WITHOUT_AUDIT(&self->env);
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		restrict_attr(_metadata, &attr, 0);
		_exit(ERR(kill(getppid(), 0)));
	}
	ASSERT_EQ(EPERM, wait_child(_metadata, child));
	id = check_domain(_metadata, &self->env, child, access, 1);
	check_access_task(_metadata, &self->env, access[0], id, "scope.signal",
			  getpid());
}

/*
 * SIGIO sent on behalf of the domain that set the owner of a file: logged
 * while the writer (here, the same child) causes it.
 */
TEST_F(audit, scope_signal_sigio)
{
	const struct landlock_ruleset_attr attr = {
		.scoped = LANDLOCK_SCOPE_SIGNAL,
	};
	const struct record *access[1];
	sigset_t set, pending;
	pid_t child;
	__u64 id;

	SKIP_WITHOUT_AUDIT(&self->env);
	/* Should the signal wrongly come, it stays pending. */
	ASSERT_EQ(0, sigemptyset(&set));
	ASSERT_EQ(0, sigaddset(&set, SIGIO));
	ASSERT_EQ(0, sigprocmask(SIG_BLOCK, &set, NULL));
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		restrict_attr(_metadata, &attr, 0);
		_exit(send_sigio(getppid()));
	}
	ASSERT_EQ(0, wait_child(_metadata, child));
	id = check_domain(_metadata, &self->env, child, access, 1);
	check_access_task(_metadata, &self->env, access[0], id, "scope.signal",
			  getpid());
	ASSERT_EQ(0, sigpending(&pending));
	ASSERT_FALSE(sigismember(&pending, SIGIO));
}

/* A connection to an abstract UNIX socket created outside of the domain. */
TEST_F(audit, scope_abstract_unix_socket)
{
	const struct landlock_ruleset_attr attr = {
		.scoped = LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET,
	};
	const struct record *access[1];
	struct sockaddr_un addr = {
		.sun_family = AF_UNIX,
	};
	char expected[2 * sizeof(addr.sun_path) + 8];
	socklen_t addr_len;
	int server, fd, len, i;
	pid_t child;
	__u64 id;

	SKIP_WITHOUT_AUDIT(&self->env);
	len = snprintf(addr.sun_path + 1, sizeof(addr.sun_path) - 1,
		       "landlock-audit-%d", getpid());
	addr_len = offsetof(struct sockaddr_un, sun_path) + 1 + len;
	server = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	ASSERT_LE(0, server);
	ASSERT_EQ(0, bind(server, (struct sockaddr *)&addr, addr_len));
	ASSERT_EQ(0, listen(server, 1));
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		restrict_attr(_metadata, &attr, 0);
		fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
		ASSERT_LE(0, fd);
		_exit(ERR(connect(fd, (struct sockaddr *)&addr, addr_len)));
	}
	ASSERT_EQ(EPERM, wait_child(_metadata, child));
	ASSERT_EQ(0, close(server));
	id = check_domain(_metadata, &self->env, child, access, 1);
	/* The name in hexadecimal, with its leading NUL byte. */
	strcpy(expected, " path=");
	for (i = 0; i < len + 1; i++)
		sprintf(expected + strlen(expected), "%02X",
			(unsigned char)addr.sun_path[i]);
	check_access(_metadata, access[0], id, "scope.abstract_unix_socket",
		     expected);
}

/* Yama (if built in) may forbid PTRACE_ATTACH whatever Landlock says. */
static bool yama_restricts_attach(void)
{
	char buf[4] = {};
	int fd;

	fd = open("/proc/sys/kernel/yama/ptrace_scope", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	if (read(fd, buf, sizeof(buf) - 1) < 1)
		buf[0] = '0';
	close(fd);
	return buf[0] >= '2';
}

/* Tracing a task outside of the domain. */
TEST_F(audit, ptrace)
{
	const struct record *access[1];
	pid_t child, parent;
	int status;
	__u64 id;

	SKIP_WITHOUT_AUDIT(&self->env);
	if (yama_restricts_attach())
		SKIP(return, "Yama forbids PTRACE_ATTACH");
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		parent = getppid();
		restrict_fs(_metadata, LANDLOCK_ACCESS_FS_MAKE_BLOCK, 0);
		if (ptrace(PTRACE_ATTACH, parent, NULL, NULL) == 0) {
			/* Wrongly allowed: let the parent go on. */
			waitpid(parent, &status, __WALL);
			ptrace(PTRACE_DETACH, parent, NULL, 0);
			_exit(0);
		}
		_exit(errno);
	}
	ASSERT_EQ(EPERM, wait_child(_metadata, child));
	id = check_domain(_metadata, &self->env, child, access, 1);
	check_access_task(_metadata, &self->env, access[0], id, "ptrace",
			  getpid());
}

/*
 * Permissions (ABI 12)
 */

#define NS_USE LANDLOCK_PERMISSION_NAMESPACE_USE
#define CAP_USE LANDLOCK_PERMISSION_CAPABILITY_USE
#define CAP_BIT(cap) (1ULL << (cap))

/* The object fields of a namespace denial: type, and 0 for a new one. */
static const char *ns_object(char *const buf, const size_t size,
			     const unsigned int type, const __u64 id)
{
	snprintf(buf, size, " namespace_type=0x%x namespace_id=%llu", type,
		 (unsigned long long)id);
	return buf;
}

/* The object field of a capability denial, with its trailing space. */
static const char *cap_object(char *const buf, const size_t size, const int cap)
{
	snprintf(buf, size, " capability=%d ", cap);
	return buf;
}

/* Creating a namespace: no ID yet, 0. */
TEST_F(audit, namespace_create)
{
	const struct perm_layer layer = {
		.handled = NS_USE,
		.ns = CLONE_NEWNET,
	};
	const struct record *access[2];
	char object[128];
	pid_t child;
	__u64 id;

	SKIP_WITHOUT_AUDIT(&self->env);
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		restrict_perms(_metadata, &layer);
		ASSERT_EQ(-1, unshare(CLONE_NEWUTS));
		ASSERT_EQ(EPERM, errno);
		/* Allowed: not logged. */
		ASSERT_EQ(0, unshare(CLONE_NEWNET));
		_exit(unshare(CLONE_NEWIPC | CLONE_NEWNET) ? errno : 0);
	}
	ASSERT_EQ(EPERM, wait_child(_metadata, child));
	id = check_domain(_metadata, &self->env, child, access, 2);
	check_access(_metadata, access[0], id, "namespace.use",
		     ns_object(object, sizeof(object), CLONE_NEWUTS, 0));
	check_access(_metadata, access[1], id, "namespace.use",
		     ns_object(object, sizeof(object), CLONE_NEWIPC, 0));
}

/*
 * Joining a namespace: this kernel has no namespace IDs, the record shows
 * the inode number of the namespace file.
 */
TEST_F(audit, namespace_setns)
{
	const struct perm_layer layer = {
		.handled = NS_USE,
		.ns = CLONE_NEWNET,
	};
	const struct record *access[1];
	char object[128];
	struct stat st;
	pid_t child;
	__u64 id;
	int fd;

	SKIP_WITHOUT_AUDIT(&self->env);
	fd = open("/proc/self/ns/uts", O_RDONLY | O_CLOEXEC);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, fstat(fd, &st));
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		restrict_perms(_metadata, &layer);
		_exit(setns(fd, CLONE_NEWUTS) ? errno : 0);
	}
	ASSERT_EQ(EPERM, wait_child(_metadata, child));
	ASSERT_EQ(0, close(fd));
	id = check_domain(_metadata, &self->env, child, access, 1);
	check_access(_metadata, access[0], id, "namespace.use",
		     ns_object(object, sizeof(object), CLONE_NEWUTS,
			       st.st_ino));
}

TEST_F(audit, capability)
{
	const struct perm_layer layer = {
		.handled = CAP_USE,
		.caps = ~CAP_BIT(CAP_CHOWN),
	};
	const struct record *access[1];
	char object[64];
	pid_t child;
	__u64 id;

	SKIP_WITHOUT_AUDIT(&self->env);
	create_file(_metadata, "file");
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		restrict_perms(_metadata, &layer);
		_exit(chown("file", 1, 1) ? errno : 0);
	}
	ASSERT_EQ(EPERM, wait_child(_metadata, child));
	id = check_domain(_metadata, &self->env, child, access, 1);
	check_access(_metadata, access[0], id, "capability.use",
		     cap_object(object, sizeof(object), CAP_CHOWN));
}

/*
 * A probe that asks not to be logged (here, the privilege check of
 * landlock_restrict_self()) is denied without a record, and not counted.
 */
TEST_F(audit, capability_noaudit_probe)
{
	const struct perm_layer layer = {
		.handled = CAP_USE,
		.caps = ~CAP_BIT(CAP_SYS_ADMIN),
	};
	const struct record *access[1];
	char object[64];
	pid_t child;
	__u64 id;

	SKIP_WITHOUT_AUDIT(&self->env);
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		const int fd = create_perm_ruleset(_metadata, &layer);

		ASSERT_EQ(0, unshare(CLONE_NEWUTS));
		/* CAP_SYS_ADMIN instead of no_new_privs. */
		ASSERT_EQ(0, landlock_restrict_self(fd, 0));
		ASSERT_EQ(-1, landlock_restrict_self(fd, 0));
		ASSERT_EQ(EPERM, errno);
		_exit(sethostname("landlock", 8) ? errno : 0);
	}
	ASSERT_EQ(EPERM, wait_child(_metadata, child));
	id = check_domain(_metadata, &self->env, child, access, 1);
	check_access(_metadata, access[0], id, "capability.use",
		     cap_object(object, sizeof(object), CAP_SYS_ADMIN));
}

/*
 * Creating a network namespace needs CAP_SYS_ADMIN first: its denial is
 * the only one, the namespace type is not checked.
 */
TEST_F(audit, capability_before_namespace)
{
	const struct perm_layer layer = {
		.handled = NS_USE | CAP_USE,
		.ns = CLONE_NEWUTS,
		.caps = ~CAP_BIT(CAP_SYS_ADMIN),
	};
	const struct record *access[1];
	char object[64];
	pid_t child;
	__u64 id;

	SKIP_WITHOUT_AUDIT(&self->env);
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		restrict_perms(_metadata, &layer);
		_exit(unshare(CLONE_NEWNET) ? errno : 0);
	}
	ASSERT_EQ(EPERM, wait_child(_metadata, child));
	id = check_domain(_metadata, &self->env, child, access, 1);
	check_access(_metadata, access[0], id, "capability.use",
		     cap_object(object, sizeof(object), CAP_SYS_ADMIN));
}

/*
 * Quiet members: not logged but counted, and only by the youngest layer
 * that denies.
 */
TEST_F(audit, permission_quiet)
{
	const struct perm_layer outer = {
		.handled = NS_USE | CAP_USE,
		.ns = CLONE_NEWNET,
		.ns_quiet = CLONE_NEWUTS | CLONE_NEWIPC,
		.caps = ~CAP_BIT(CAP_CHOWN),
		.caps_quiet = CAP_BIT(CAP_CHOWN),
	};
	const struct perm_layer inner = {
		.handled = NS_USE,
		.ns = CLONE_NEWNET | CLONE_NEWUTS,
	};
	const struct record *access[1];
	size_t i, allocated = 0;
	char object[128];
	pid_t child;
	__u64 id;

	SKIP_WITHOUT_AUDIT(&self->env);
	create_file(_metadata, "file");
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		restrict_perms(_metadata, &outer);
		ASSERT_EQ(EPERM, chown("file", 1, 1) ? errno : 0);
		ASSERT_EQ(EPERM, unshare(CLONE_NEWUTS) ? errno : 0);
		/* The inner layer denies IPC too, loudly. */
		restrict_perms(_metadata, &inner);
		ASSERT_EQ(EPERM, unshare(CLONE_NEWUTS) ? errno : 0);
		_exit(unshare(CLONE_NEWIPC) ? errno : 0);
	}
	ASSERT_EQ(EPERM, wait_child(_metadata, child));
	id = check_domain(_metadata, &self->env, child, access, 1);
	check_access(_metadata, access[0], id, "namespace.use",
		     ns_object(object, sizeof(object), CLONE_NEWIPC, 0));
	/* The outer layer logged nothing: it was never announced. */
	sync_records(_metadata, &self->env);
	for (i = 0; i < self->env.nr_records; i++) {
		if (has_status(&self->env.records[i], "allocated") &&
		    has_pid(&self->env.records[i], child))
			allocated++;
	}
	ASSERT_EQ(1, allocated);
}

/*
 * The domain ID that /proc/PID/attr/landlock/current shows is the one of
 * the records, and the domain is released once its last process is gone.
 */
TEST_F(audit, proc_id)
{
	const struct record *access[1];
	unsigned long long proc_id;
	char desc[512];
	int pipe_fds[2], fd;
	ssize_t len;
	pid_t child;

	SKIP_WITHOUT_AUDIT(&self->env);
	create_file(_metadata, "file");
	ASSERT_EQ(0, pipe2(pipe_fds, O_CLOEXEC));
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		restrict_fs(_metadata, LANDLOCK_ACCESS_FS_WRITE_FILE, 0);
		fd = open("/proc/thread-self/attr/landlock/current",
			  O_RDONLY | O_CLOEXEC);
		ASSERT_LE(0, fd);
		len = read(fd, desc, sizeof(desc));
		ASSERT_LT(0, len);
		ASSERT_EQ(len, write(pipe_fds[1], desc, len));
		_exit(test_open("file", O_WRONLY));
	}
	ASSERT_EQ(0, close(pipe_fds[1]));
	len = read(pipe_fds[0], desc, sizeof(desc) - 1);
	ASSERT_LT(0, len);
	desc[len] = '\0';
	ASSERT_EQ(0, close(pipe_fds[0]));
	len = sscanf(desc, "domain=%llx ", &proc_id);
	ASSERT_EQ(1, len);
	ASSERT_EQ(EACCES, wait_child(_metadata, child));
	ASSERT_EQ(proc_id,
		  check_domain(_metadata, &self->env, child, access, 1));
}

/*
 * Reading the file of a process out of the domain is refused, as for
 * ptrace, but it is a probe: no record.
 */
TEST_F(audit, proc_read_denied)
{
	pid_t child;

	SKIP_WITHOUT_AUDIT(&self->env);
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		char path[64], c;
		int fd;

		restrict_fs(_metadata, LANDLOCK_ACCESS_FS_MAKE_BLOCK, 0);
		snprintf(path, sizeof(path), "/proc/%d/attr/landlock/current",
			 getppid());
		fd = open(path, O_RDONLY | O_CLOEXEC);
		ASSERT_LE(0, fd);
		ASSERT_EQ(-1, read(fd, &c, 1));
		_exit(errno);
	}
	ASSERT_EQ(EACCES, wait_child(_metadata, child));
	check_silent(_metadata, &self->env, &child, 1);
}

/*
 * Quiet rules (ABI 10): a denial made by the youngest denying layer, of
 * rights all in its quiet mask, on an object it marks quiet, is not logged
 * but still counts.
 */

#define QUIET_READ_ATTR                                              \
	{                                                            \
		.handled_access_fs = LANDLOCK_ACCESS_FS_READ_FILE |  \
				     LANDLOCK_ACCESS_FS_WRITE_FILE | \
				     LANDLOCK_ACCESS_FS_TRUNCATE,    \
		.quiet_access_fs = LANDLOCK_ACCESS_FS_READ_FILE |    \
				   LANDLOCK_ACCESS_FS_TRUNCATE,      \
	}

/* A quiet mark on "q", granting nothing. */
static const struct audit_rule quiet_q[] = {
	{
		.type = LANDLOCK_RULE_PATH_BENEATH,
		.path = "q",
		.flags = LANDLOCK_ADD_RULE_QUIET,
	},
	{},
};

FIXTURE(audit_quiet)
{
	struct audit_env env;
};

FIXTURE_SETUP(audit_quiet)
{
	audit_env_setup(_metadata, &self->env);
	create_dir(_metadata, "q");
	create_dir(_metadata, "q/sub");
	create_file(_metadata, "q/sub/f");
	create_file(_metadata, "other");
}

FIXTURE_TEARDOWN(audit_quiet)
{
	audit_env_teardown(_metadata, &self->env);
}

/*
 * Beneath the mark, reading is quiet; writing is not in the quiet mask.
 * The domain is announced after its first logged denial.
 */
TEST_F(audit_quiet, fs)
{
	const struct landlock_ruleset_attr attr = QUIET_READ_ATTR;
	const struct record *access[2];
	pid_t child;
	__u64 id;

	SKIP_WITHOUT_AUDIT(&self->env);
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		restrict_rules(_metadata, &attr, 0, quiet_q);
		ASSERT_EQ(EACCES, test_open("q/sub/f", O_RDONLY));
		ASSERT_EQ(EACCES, test_open("q/sub/f", O_RDWR));
		ASSERT_EQ(EACCES, test_open("q/sub/f", O_RDONLY));
		_exit(test_open("other", O_RDONLY));
	}
	ASSERT_EQ(EACCES, wait_child(_metadata, child));
	id = check_domain_denials(_metadata, &self->env, child, access, 2, 4);
	check_access_path(_metadata, access[0], id,
			  "fs.write_file,fs.read_file", "q/sub/f");
	check_access_path(_metadata, access[1], id, "fs.read_file", "other");
}

/* A quiet mark of an older layer does not hide a younger one's denial. */
TEST_F(audit_quiet, youngest_layer_decides)
{
	const struct landlock_ruleset_attr attr = QUIET_READ_ATTR;
	const struct record *access[1];
	pid_t child;
	__u64 id;

	SKIP_WITHOUT_AUDIT(&self->env);
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		restrict_rules(_metadata, &attr, 0, quiet_q);
		/* Quiet: only the first layer denies. */
		restrict_fs(_metadata, LANDLOCK_ACCESS_FS_EXECUTE, 0);
		ASSERT_EQ(EACCES, test_open("q/sub/f", O_RDONLY));
		/* Logged: the third layer denies too. */
		restrict_fs(_metadata, LANDLOCK_ACCESS_FS_READ_FILE, 0);
		_exit(test_open("q/sub/f", O_RDONLY));
	}
	ASSERT_EQ(EACCES, wait_child(_metadata, child));
	id = check_domain(_metadata, &self->env, child, access, 1);
	check_access_path(_metadata, access[0], id, "fs.read_file", "q/sub/f");
}

/* Rights decided at open: the mark is looked up then. */
TEST_F(audit_quiet, truncate_decided_at_open)
{
	const struct landlock_ruleset_attr attr = QUIET_READ_ATTR;
	const struct audit_rule rules[] = {
		{
			.type = LANDLOCK_RULE_PATH_BENEATH,
			.path = "q",
			.access = LANDLOCK_ACCESS_FS_WRITE_FILE,
			.flags = LANDLOCK_ADD_RULE_QUIET,
		},
		{
			.type = LANDLOCK_RULE_PATH_BENEATH,
			.path = "other",
			.access = LANDLOCK_ACCESS_FS_WRITE_FILE,
		},
		{},
	};
	const struct record *access[1];
	pid_t child;
	__u64 id;
	int fd;

	SKIP_WITHOUT_AUDIT(&self->env);
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		restrict_rules(_metadata, &attr, 0, rules);
		fd = open("q/sub/f", O_WRONLY | O_CLOEXEC);
		ASSERT_LE(0, fd);
		ASSERT_EQ(EACCES, ERR(ftruncate(fd, 0)));
		fd = open("other", O_WRONLY | O_CLOEXEC);
		ASSERT_LE(0, fd);
		_exit(ERR(ftruncate(fd, 0)));
	}
	ASSERT_EQ(EACCES, wait_child(_metadata, child));
	id = check_domain_denials(_metadata, &self->env, child, access, 1, 2);
	check_access_path(_metadata, access[0], id, "fs.truncate", "other");
}

/* A quiet port: the denial of sending to it is not logged. */
TEST_F(audit_quiet, net)
{
	const struct landlock_ruleset_attr attr = {
		.handled_access_net = LANDLOCK_ACCESS_NET_CONNECT_SEND_UDP,
		.quiet_access_net = LANDLOCK_ACCESS_NET_CONNECT_SEND_UDP,
	};
	const struct audit_rule rules[] = {
		{
			.type = LANDLOCK_RULE_NET_PORT,
			.port = TEST_PORT,
			.flags = LANDLOCK_ADD_RULE_QUIET,
		},
		{},
	};
	struct sockaddr_in in = {
		.sin_family = AF_INET,
		.sin_port = htons(TEST_PORT),
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
	const struct record *access[1];
	char expected[64];
	pid_t child;
	__u64 id;
	int fd;

	SKIP_WITHOUT_AUDIT(&self->env);
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
		ASSERT_LE(0, fd);
		restrict_rules(_metadata, &attr, 0, rules);
		ASSERT_EQ(EACCES,
			  ERR(sendto(fd, "q", 1, 0, (struct sockaddr *)&in,
				     sizeof(in))));
		in.sin_port = htons(TEST_PORT + 1);
		_exit(ERR(sendto(fd, "q", 1, 0, (struct sockaddr *)&in,
				 sizeof(in))));
	}
	ASSERT_EQ(EACCES, wait_child(_metadata, child));
	id = check_domain_denials(_metadata, &self->env, child, access, 1, 2);
	snprintf(expected, sizeof(expected), " daddr=127.0.0.1 dest=%d",
		 TEST_PORT + 1);
	check_access(_metadata, access[0], id, "net.connect_send_udp",
		     expected);
}

/* A quiet scope needs no mark: nothing is logged at all. */
TEST_F(audit_quiet, scope)
{
	const struct landlock_ruleset_attr attr = {
		.scoped = LANDLOCK_SCOPE_SIGNAL,
		.quiet_scoped = LANDLOCK_SCOPE_SIGNAL,
	};
	pid_t child;

	SKIP_WITHOUT_AUDIT(&self->env);
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		restrict_attr(_metadata, &attr, 0);
		_exit(ERR(kill(getppid(), 0)));
	}
	ASSERT_EQ(EPERM, wait_child(_metadata, child));
	check_silent(_metadata, &self->env, &child, 1);
}

/* Changing the mount topology is never quiet. */
TEST_F(audit_quiet, change_topology)
{
	const struct landlock_ruleset_attr attr = QUIET_READ_ATTR;
	const struct audit_rule rules[] = {
		{
			.type = LANDLOCK_RULE_PATH_BENEATH,
			.path = "/",
			.flags = LANDLOCK_ADD_RULE_QUIET,
		},
		{},
	};
	const struct record *access[1];
	pid_t child;
	__u64 id;

	SKIP_WITHOUT_AUDIT(&self->env);
	if (!has_cap(CAP_SYS_ADMIN))
		SKIP(return, "Mounting needs CAP_SYS_ADMIN");
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		ASSERT_EQ(0, unshare(CLONE_NEWNS));
		ASSERT_EQ(0, mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL));
		restrict_rules(_metadata, &attr, 0, rules);
		_exit(ERR(mount("tmpfs", "q", "tmpfs", 0, NULL)));
	}
	ASSERT_EQ(EPERM, wait_child(_metadata, child));
	id = check_domain(_metadata, &self->env, child, access, 1);
	check_access_path(_metadata, access[0], id, "fs.change_topology", "q");
}

/*
 * execve
 *
 * The child creates a domain with the variant's flags, is denied a write
 * (file "pre"), then runs this program again as a helper that is denied a
 * write too (file "post").
 */

FIXTURE(audit_exec)
{
	struct audit_env env;
};

FIXTURE_VARIANT(audit_exec)
{
	__u32 flags;
	bool log_before;
	bool log_after;
};

/* clang-format off */
FIXTURE_VARIANT_ADD(audit_exec, default_flags) {
	/* clang-format on */
	.flags = 0,
	.log_before = true,
	.log_after = false,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(audit_exec, same_exec_off) {
	/* clang-format on */
	.flags = LOG_SAME_EXEC_OFF,
	.log_before = false,
	.log_after = false,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(audit_exec, new_exec_on) {
	/* clang-format on */
	.flags = LOG_NEW_EXEC_ON,
	.log_before = true,
	.log_after = true,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(audit_exec, same_exec_off_new_exec_on) {
	/* clang-format on */
	.flags = LOG_SAME_EXEC_OFF | LOG_NEW_EXEC_ON,
	.log_before = false,
	.log_after = true,
};

FIXTURE_SETUP(audit_exec)
{
	audit_env_setup(_metadata, &self->env);
}

FIXTURE_TEARDOWN(audit_exec)
{
	audit_env_teardown(_metadata, &self->env);
}

TEST_F(audit_exec, write_before_and_after)
{
	const size_t nr_access = variant->log_before + variant->log_after;
	const struct record *access[2];
	size_t i = 0;
	pid_t child;
	__u64 id;

	SKIP_WITHOUT_AUDIT(&self->env);
	create_file(_metadata, "pre");
	create_file(_metadata, "post");
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		restrict_fs(_metadata, LANDLOCK_ACCESS_FS_WRITE_FILE,
			    variant->flags);
		ASSERT_EQ(EACCES, test_open("pre", O_WRONLY));
		execl("/proc/self/exe", "audit_test", HELPER_ARG, "openw",
		      "post", NULL);
		_exit(200);
	}
	ASSERT_EQ(EACCES, wait_child(_metadata, child));
	if (!nr_access) {
		check_silent(_metadata, &self->env, &child, 1);
		return;
	}
	/* Both denials count, logged or not. */
	id = check_domain_denials(_metadata, &self->env, child, access,
				  nr_access, 2);
	if (variant->log_before) {
		check_access_path(_metadata, access[i], id, "fs.write_file",
				  "pre");
		i++;
	}
	if (variant->log_after) {
		check_access_path(_metadata, access[i], id, "fs.write_file",
				  "post");
	}
}

/*
 * SIGIO is judged, and logged, as a signal of the task that set the owner
 * of the file, as it was then: the program that created the domain, then
 * the one it runs.
 */
TEST_F(audit_exec, sigio_before_and_after)
{
	const size_t nr_access = variant->log_before + variant->log_after;
	const struct landlock_ruleset_attr attr = {
		.scoped = LANDLOCK_SCOPE_SIGNAL,
	};
	const struct record *access[2];
	char parent[16];
	sigset_t set;
	pid_t child;
	size_t i;
	__u64 id;

	SKIP_WITHOUT_AUDIT(&self->env);
	/* Should a signal wrongly come, it stays pending. */
	ASSERT_EQ(0, sigemptyset(&set));
	ASSERT_EQ(0, sigaddset(&set, SIGIO));
	ASSERT_EQ(0, sigprocmask(SIG_BLOCK, &set, NULL));
	snprintf(parent, sizeof(parent), "%d", getpid());
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		restrict_attr(_metadata, &attr, variant->flags);
		ASSERT_EQ(0, send_sigio(getppid()));
		execl("/proc/self/exe", "audit_test", HELPER_ARG, "sigio",
		      parent, NULL);
		_exit(200);
	}
	ASSERT_EQ(0, wait_child(_metadata, child));
	if (!nr_access) {
		check_silent(_metadata, &self->env, &child, 1);
		return;
	}
	id = check_domain_denials(_metadata, &self->env, child, access,
				  nr_access, 2);
	for (i = 0; i < nr_access; i++)
		check_access_task(_metadata, &self->env, access[i], id,
				  "scope.signal", getpid());
}

LANDLOCK_HARNESS_MAIN
