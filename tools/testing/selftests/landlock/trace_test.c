// SPDX-License-Identifier: GPL-2.0
/*
 * Landlock tests - tracepoints
 *
 * Every test enables the events of events/landlock/ in a tracefs instance
 * of its own (a separate buffer), makes a child sandbox itself and act,
 * then reads the instance's buffer and checks the exact text of the
 * events: the fields of each one and their values.  Tracefs needs root:
 * the tests skip without it, and when the kernel has no tracefs.
 */

#define _GNU_SOURCE
#include <arpa/inet.h>
#include <linux/capability.h>
#include <linux/magic.h>
#include <netinet/in.h>
#include <sys/mount.h>
#include <sys/ptrace.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <time.h>

#include "common.h"
#include "unix_common.h"

#define TRACEFS "/sys/kernel/tracing"

/* Mounts tracefs on TRACEFS if it is not there; returns 0 or an errno. */
static int mount_tracefs(void)
{
	struct statfs sfs;

	if (statfs(TRACEFS, &sfs) == 0 && sfs.f_type == TRACEFS_MAGIC)
		return 0;
	/* In a mount namespace of the test's own: nothing leaks out. */
	if (unshare(CLONE_NEWNS) ||
	    mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) ||
	    mount("tracefs", TRACEFS, "tracefs", 0, NULL))
		return errno;
	return 0;
}

/* A tracefs instance with the Landlock events on, and a scratch directory. */
struct tracer {
	struct scratch scratch;
	/* Why the tests skip, or 0. */
	int err;
	char instance[128];
	/* The instance's buffer, as last read. */
	char *buf;
};

/* Writes @value to the file @name of the instance. */
static int write_instance(const struct tracer *const tr, const char *const name,
			  const char *const value)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/%s", tr->instance, name);
	return write_file_str(path, value);
}

static void tracer_setup(struct __test_metadata *_metadata,
			 struct tracer *const tr)
{
	scratch_setup(_metadata, &tr->scratch);
	if (geteuid() != 0) {
		tr->err = EPERM;
		return;
	}
	tr->err = mount_tracefs();
	if (tr->err)
		return;
	snprintf(tr->instance, sizeof(tr->instance),
		 TRACEFS "/instances/landlock-selftest-%d", getpid());
	ASSERT_EQ(0, mkdir(tr->instance, 0700))
	{
		TH_LOG("Failed to create %s: %s", tr->instance,
		       strerror(errno));
	}
	ASSERT_EQ(0, write_instance(tr, "buffer_size_kb", "256"));
	/* Events of kernel workers keep coming while the buffer is read. */
	ASSERT_EQ(0, write_instance(tr, "options/pause-on-trace", "0"));
	ASSERT_EQ(0, write_instance(tr, "events/landlock/enable", "1"))
	{
		TH_LOG("Failed to enable the events: %s", strerror(errno));
	}
}

static void tracer_teardown(struct __test_metadata *_metadata,
			    struct tracer *const tr)
{
	if (tr->instance[0]) {
		write_instance(tr, "events/landlock/enable", "0");
		EXPECT_EQ(0, rmdir(tr->instance));
	}
	free(tr->buf);
	scratch_teardown(_metadata, &tr->scratch);
}

#define SKIP_WITHOUT_TRACEFS(tr)                                               \
	do {                                                                   \
		const int tracefs_err = (tr)->err;                             \
		if (tracefs_err == EPERM)                                      \
			SKIP(return, "Tracefs needs root");                    \
		if (tracefs_err)                                               \
			SKIP(return, "No tracefs: %s", strerror(tracefs_err)); \
	} while (0)

/* Reads the whole buffer of the instance into tr->buf. */
static void read_trace(struct __test_metadata *_metadata,
		       struct tracer *const tr)
{
	char path[256];
	size_t size = 0, len = 0;
	ssize_t got;
	int fd;

	snprintf(path, sizeof(path), "%s/trace", tr->instance);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	ASSERT_LE(0, fd);
	do {
		if (len + 4096 >= size) {
			size = size ? 2 * size : 65536;
			tr->buf = realloc(tr->buf, size);
			ASSERT_NE(NULL, tr->buf);
		}
		got = read(fd, tr->buf + len, size - len - 1);
		ASSERT_LE(0, got);
		len += got;
	} while (got > 0);
	tr->buf[len] = '\0';
	ASSERT_EQ(0, close(fd));
}

/* The pid of the task of an event line; @cpu points at its " [CPU]". */
static pid_t line_pid(const char *const line, const char *const cpu)
{
	const char *dash = cpu;

	while (dash > line && *dash != '-')
		dash--;
	return atoi(dash + 1);
}

/*
 * Counts the events "@event: @fields" of the buffer (whole lines) from the
 * task @pid, or from any task if @pid is 0.  With @fields NULL, every event
 * @event counts.  A line is "TASK-PID [CPU] FLAGS TIMESTAMP: EVENT: FIELDS".
 */
static int count_events(const char *const buf, const pid_t pid,
			const char *const event, const char *const fields)
{
	char what[512];
	const char *line;
	int count = 0;

	snprintf(what, sizeof(what), ": %s: %s", event, fields ? fields : "");
	for (line = buf; line && *line;
	     line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
		const char *const end = strchrnul(line, '\n');
		const char *const cpu = strstr(line, " [");
		const char *const found = strstr(line, what);

		if (*line == '#' || !cpu || cpu > end || !found || found > end)
			continue;
		if (fields && found + strlen(what) != end)
			continue;
		if (pid && line_pid(line, cpu) != pid)
			continue;
		count++;
	}
	return count;
}

/*
 * Expects the event "@event: FIELDS" (FIELDS: the rest of the arguments, a
 * format) exactly @n times from @pid (0: any task), waiting up to 5 seconds
 * for events of a workqueue.
 */
#define EXPECT_EVENTS(n, pid, event, ...)                                    \
	do {                                                                 \
		const int _n = (n);                                          \
		const pid_t _pid = (pid);                                    \
		const char *const _event = (event);                          \
		char _fields[400];                                           \
		int _tries = 500, _count;                                    \
		snprintf(_fields, sizeof(_fields), __VA_ARGS__);             \
		for (;;) {                                                   \
			read_trace(_metadata, &self->tr);                    \
			_count = count_events(self->tr.buf, _pid, _event,    \
					      _fields);                      \
			if (_count >= _n || --_tries == 0)                   \
				break;                                       \
			usleep(10000);                                       \
		}                                                            \
		EXPECT_EQ(_n, _count)                                        \
		{                                                            \
			TH_LOG("Expected %d \"%s: %s\" from pid %d in:\n%s", \
			       _n, _event, _fields, _pid, self->tr.buf);     \
		}                                                            \
	} while (0)

/*
 * Returns the value of the first field @name (a word) of the first event
 * @event from @pid, in @value of @size bytes.
 */
static void event_field(struct __test_metadata *_metadata,
			struct tracer *const tr, const pid_t pid,
			const char *const event, const char *const name,
			char *const value, const size_t size)
{
	char what[128];
	const char *line, *field;

	read_trace(_metadata, tr);
	snprintf(what, sizeof(what), ": %s: ", event);
	for (line = strstr(tr->buf, what); line;
	     line = strstr(line + 1, what)) {
		const char *start = line, *cpu;

		while (start > tr->buf && start[-1] != '\n')
			start--;
		cpu = strstr(start, " [");
		if (!cpu || cpu > line || line_pid(start, cpu) != pid)
			continue;
		field = strstr(line, name);
		ASSERT_NE(NULL, field);
		field += strlen(name);
		snprintf(value, size, "%.*s", (int)strcspn(field, "\n "),
			 field);
		return;
	}
	ASSERT_TRUE(false)
	{
		TH_LOG("No %s from pid %d in:\n%s", event, pid, tr->buf);
	}
}

/*
 * Reads the IDs of the layers of the domain of @pid, oldest first, from
 * /proc/PID/attr/landlock/current: returns their number.
 */
static int read_domain_ids(struct __test_metadata *_metadata, const pid_t pid,
			   unsigned long long ids[], const int max)
{
	char path[64], desc[4096];
	const char *line;
	ssize_t len;
	int fd, n = 0;

	snprintf(path, sizeof(path), "/proc/%d/attr/landlock/current", pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	EXPECT_LE(0, fd);
	if (fd < 0)
		return 0;
	len = read(fd, desc, sizeof(desc) - 1);
	EXPECT_LT(0, len);
	close(fd);
	if (len <= 0)
		return 0;
	desc[len] = '\0';
	for (line = desc; line && *line && n < max;
	     line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
		if (sscanf(line, "domain=%llx ", &ids[n]) == 1)
			n++;
	}
	return n;
}

/* What a sandboxed child of the tests does. */
struct child_job {
	/* Ruleset of each layer (handled_access_fs, net, scoped, quiet). */
	struct landlock_ruleset_attr attr;
	/* Number of layers to stack (the same ruleset each time). */
	int layers;
	/* Flags of landlock_restrict_self() for the last layer. */
	__u32 flags;
	/* Adds rules to the ruleset: returns 0 or an errno. */
	int (*add_rules)(int ruleset_fd, const void *ctx);
	/* The action, once sandboxed: returns 0 or an errno. */
	int (*act)(const void *ctx);
	const void *ctx;
};

/* The child's part of run_child(): returns its exit code. */
static int child_main(const struct child_job *const job, const int ready,
		      const int go)
{
	int ruleset_fd, i, err;
	char c = 'r';

	ruleset_fd = landlock_create_ruleset(&job->attr, sizeof(job->attr), 0);
	if (ruleset_fd < 0)
		return 100;
	if (job->add_rules) {
		err = job->add_rules(ruleset_fd, job->ctx);
		if (err)
			return 101;
	}
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		return 102;
	for (i = 0; i < job->layers; i++) {
		const __u32 flags = i == job->layers - 1 ? job->flags : 0;

		if (landlock_restrict_self(ruleset_fd, flags))
			return 103;
	}
	close(ruleset_fd);
	if (write(ready, &c, 1) != 1 || read(go, &c, 1) != 1)
		return 104;
	return job->act ? job->act(job->ctx) : 0;
}

/*
 * Runs @job in a child.  Returns its exit code; *pid is the child's pid, and
 * ids[] the IDs of its domain's layers once sandboxed (read by the parent
 * before the child acts).
 */
static int run_child(struct __test_metadata *_metadata,
		     const struct child_job *const job, pid_t *const pid,
		     unsigned long long ids[])
{
	int ready[2], go[2];
	char c;

	ASSERT_EQ(0, pipe2(ready, O_CLOEXEC));
	ASSERT_EQ(0, pipe2(go, O_CLOEXEC));
	*pid = fork();
	ASSERT_LE(0, *pid);
	if (*pid == 0) {
		close(ready[0]);
		close(go[1]);
		_exit(child_main(job, ready[1], go[0]));
	}
	ASSERT_EQ(0, close(ready[1]));
	ASSERT_EQ(0, close(go[0]));
	if (read(ready[0], &c, 1) == 1)
		EXPECT_EQ(job->layers,
			  read_domain_ids(_metadata, *pid, ids, MAX_LAYERS));
	ASSERT_EQ(1, write(go[1], "g", 1));
	ASSERT_EQ(0, close(ready[0]));
	ASSERT_EQ(0, close(go[1]));
	return wait_child(_metadata, *pid);
}

/* Device and inode number of @path, as the events print them. */
static void dev_ino(struct __test_metadata *_metadata, const char *const path,
		    char *const buf, const size_t size)
{
	struct stat st;

	ASSERT_EQ(0, stat(path, &st));
	snprintf(buf, size, "dev=%u:%u ino=%llu", major(st.st_dev),
		 minor(st.st_dev), (unsigned long long)st.st_ino);
}

FIXTURE(trace)
{
	struct tracer tr;
};

FIXTURE_SETUP(trace)
{
	tracer_setup(_metadata, &self->tr);
}

FIXTURE_TEARDOWN(trace)
{
	tracer_teardown(_metadata, &self->tr);
}

/* Ruleset life: creation, each type of rule, release. */
TEST_F(trace, ruleset)
{
	const struct landlock_ruleset_attr attr = {
		.handled_access_fs = LANDLOCK_ACCESS_FS_READ_FILE |
				     LANDLOCK_ACCESS_FS_READ_DIR,
		.handled_access_net = LANDLOCK_ACCESS_NET_BIND_TCP |
				      LANDLOCK_ACCESS_NET_CONNECT_SEND_UDP,
		.scoped = LANDLOCK_SCOPE_SIGNAL,
		.quiet_access_fs = LANDLOCK_ACCESS_FS_READ_DIR,
		.quiet_access_net = LANDLOCK_ACCESS_NET_BIND_TCP,
		.quiet_scoped = LANDLOCK_SCOPE_SIGNAL,
	};
	struct landlock_path_beneath_attr path_beneath = {
		.allowed_access = LANDLOCK_ACCESS_FS_READ_FILE,
	};
	struct landlock_net_port_attr net_port = {
		.allowed_access = LANDLOCK_ACCESS_NET_BIND_TCP,
		.port = 8080,
	};
	char ruleset[64], dir[128], handled[128], quiet[128];
	int ruleset_fd;

	SKIP_WITHOUT_TRACEFS(&self->tr);
	create_dir(_metadata, "dir");
	dev_ino(_metadata, "dir", dir, sizeof(dir));

	ruleset_fd = landlock_create_ruleset(&attr, sizeof(attr), 0);
	ASSERT_LE(0, ruleset_fd);
	event_field(_metadata, &self->tr, getpid(), "landlock_create_ruleset",
		    "ruleset=", ruleset, sizeof(ruleset));
	snprintf(handled, sizeof(handled),
		 "handled_fs=0x%x handled_net=0x%x scoped=0x%x",
		 (int)attr.handled_access_fs, (int)attr.handled_access_net,
		 (int)attr.scoped);
	snprintf(quiet, sizeof(quiet),
		 "quiet_fs=0x%x quiet_net=0x%x quiet_scoped=0x%x",
		 (int)attr.quiet_access_fs, (int)attr.quiet_access_net,
		 (int)attr.quiet_scoped);
	EXPECT_EVENTS(1, getpid(), "landlock_create_ruleset",
		      "ruleset=%s %s handled_permissions=0x0 %s", ruleset,
		      handled, quiet);

	path_beneath.parent_fd = open("dir", O_PATH | O_CLOEXEC);
	ASSERT_LE(0, path_beneath.parent_fd);
	ASSERT_EQ(0, landlock_add_rule(ruleset_fd, LANDLOCK_RULE_PATH_BENEATH,
				       &path_beneath, LANDLOCK_ADD_RULE_QUIET));
	ASSERT_EQ(0, close(path_beneath.parent_fd));
	EXPECT_EVENTS(1, getpid(), "landlock_add_rule_path_beneath",
		      "ruleset=%s access_rights=0x%x flags=0x1 %s", ruleset,
		      (int)LANDLOCK_ACCESS_FS_READ_FILE, dir);

	ASSERT_EQ(0, landlock_add_rule(ruleset_fd, LANDLOCK_RULE_NET_PORT,
				       &net_port, 0));
	net_port.allowed_access = LANDLOCK_ACCESS_NET_CONNECT_SEND_UDP;
	net_port.port = 53;
	ASSERT_EQ(0, landlock_add_rule(ruleset_fd, LANDLOCK_RULE_NET_PORT,
				       &net_port, 0));
	/* A rule that fails is not traced. */
	net_port.port = 65536;
	ASSERT_EQ(-1, landlock_add_rule(ruleset_fd, LANDLOCK_RULE_NET_PORT,
					&net_port, 0));
	ASSERT_EQ(EINVAL, errno);
	EXPECT_EVENTS(1, getpid(), "landlock_add_rule_net_port",
		      "ruleset=%s access_rights=0x1 flags=0x0 port=8080",
		      ruleset);
	EXPECT_EVENTS(1, getpid(), "landlock_add_rule_net_port",
		      "ruleset=%s access_rights=0x8 flags=0x0 port=53",
		      ruleset);
	EXPECT_EQ(2, count_events(self->tr.buf, getpid(),
				  "landlock_add_rule_net_port", NULL));

	ASSERT_EQ(0, close(ruleset_fd));
	EXPECT_EVENTS(1, getpid(), "landlock_free_ruleset",
		      "ruleset=%s rules_path_beneath=1 rules_net_port=2",
		      ruleset);
}

/* Fields of a ruleset that handles no right, no scope, and is not quiet. */
#define NO_RIGHTS "handled_fs=0x0 handled_net=0x0 scoped=0x0"
#define NOT_QUIET "quiet_fs=0x0 quiet_net=0x0 quiet_scoped=0x0"

/* Fields of the rules of permissions: the rule's structure, as given. */
#define ADD_PERM_FIELDS \
	"ruleset=%s permissions=0x%llx allowed_%s=0x%llx quiet_%s=0x%llx"

/* Rules of permissions, with members this kernel does not know. */
TEST_F(trace, ruleset_permissions)
{
	const struct landlock_ruleset_attr attr = {
		.handled_permissions = LANDLOCK_PERMISSION_NAMESPACE_USE |
				       LANDLOCK_PERMISSION_CAPABILITY_USE,
	};
	const struct landlock_namespace_attr ns = {
		.permissions = LANDLOCK_PERMISSION_NAMESPACE_USE,
		.allowed_namespace_types = CLONE_NEWUTS | 1ULL << 40,
		.quiet_namespace_types = CLONE_NEWNET,
	};
	const struct landlock_capability_attr caps = {
		.permissions = LANDLOCK_PERMISSION_CAPABILITY_USE,
		.allowed_capabilities = 1ULL << CAP_CHOWN | 1ULL << 63,
	};
	char ruleset[64];
	int ruleset_fd;

	SKIP_WITHOUT_TRACEFS(&self->tr);
	ruleset_fd = landlock_create_ruleset(&attr, sizeof(attr), 0);
	ASSERT_LE(0, ruleset_fd);
	event_field(_metadata, &self->tr, getpid(), "landlock_create_ruleset",
		    "ruleset=", ruleset, sizeof(ruleset));
	EXPECT_EVENTS(1, getpid(), "landlock_create_ruleset",
		      "ruleset=%s " NO_RIGHTS
		      " handled_permissions=0x3 " NOT_QUIET,
		      ruleset);

	ASSERT_EQ(0, landlock_add_rule(ruleset_fd, LANDLOCK_RULE_NAMESPACE, &ns,
				       0));
	ASSERT_EQ(0, landlock_add_rule(ruleset_fd, LANDLOCK_RULE_CAPABILITY,
				       &caps, 0));
	/* A rule that fails is not traced. */
	ASSERT_EQ(-1, landlock_add_rule(ruleset_fd, LANDLOCK_RULE_CAPABILITY,
					&caps, LANDLOCK_ADD_RULE_QUIET));
	ASSERT_EQ(EINVAL, errno);
	EXPECT_EVENTS(1, getpid(), "landlock_add_rule_namespace",
		      ADD_PERM_FIELDS, ruleset, 1ULL, "namespace_types",
		      (unsigned long long)ns.allowed_namespace_types,
		      "namespace_types", (unsigned long long)CLONE_NEWNET);
	EXPECT_EVENTS(1, getpid(), "landlock_add_rule_capability",
		      ADD_PERM_FIELDS, ruleset, 2ULL, "capabilities",
		      (unsigned long long)caps.allowed_capabilities,
		      "capabilities", 0ULL);
	EXPECT_EQ(1, count_events(self->tr.buf, getpid(),
				  "landlock_add_rule_capability", NULL));
	ASSERT_EQ(0, close(ruleset_fd));
}

/* Domain life: creation (nested), enforcement, release. */
TEST_F(trace, domain)
{
	const struct child_job job = {
		.attr.handled_access_fs = LANDLOCK_ACCESS_FS_READ_FILE,
		.layers = 2,
		.flags = LANDLOCK_RESTRICT_SELF_LOG_NEW_EXEC_ON,
	};
	unsigned long long ids[MAX_LAYERS] = {};
	char ruleset[64];
	pid_t pid;

	SKIP_WITHOUT_TRACEFS(&self->tr);
	ASSERT_EQ(0, run_child(_metadata, &job, &pid, ids));
	event_field(_metadata, &self->tr, pid, "landlock_create_ruleset",
		    "ruleset=", ruleset, sizeof(ruleset));

	EXPECT_EVENTS(1, pid, "landlock_create_domain",
		      "domain=%llx parent=0 ruleset=%s layers=1", ids[0],
		      ruleset);
	EXPECT_EVENTS(1, pid, "landlock_enforce_domain",
		      "domain=%llx flags=0x0", ids[0]);
	EXPECT_EVENTS(1, pid, "landlock_create_domain",
		      "domain=%llx parent=%llx ruleset=%s layers=2", ids[1],
		      ids[0], ruleset);
	EXPECT_EVENTS(1, pid, "landlock_enforce_domain",
		      "domain=%llx flags=0x%x", ids[1],
		      LANDLOCK_RESTRICT_SELF_LOG_NEW_EXEC_ON);
	EXPECT_EVENTS(1, pid, "landlock_free_ruleset",
		      "ruleset=%s rules_path_beneath=0 rules_net_port=0",
		      ruleset);
	/* Released by a workqueue once the child is gone. */
	EXPECT_EVENTS(1, 0, "landlock_free_domain", "domain=%llx denials=0",
		      ids[1]);
	EXPECT_EVENTS(1, 0, "landlock_free_domain", "domain=%llx denials=0",
		      ids[0]);
}

/* Filesystem rule checks and denials, and what decides logged=. */
FIXTURE(trace_fs)
{
	struct tracer tr;
};

FIXTURE_SETUP(trace_fs)
{
	tracer_setup(_metadata, &self->tr);
}

FIXTURE_TEARDOWN(trace_fs)
{
	tracer_teardown(_metadata, &self->tr);
}

FIXTURE_VARIANT(trace_fs)
{
	/* restrict_self() flags. */
	__u32 flags;
	/* The denied open runs in a new program (execve). */
	bool new_exec;
	/* The denied file is under a quiet-only rule, READ_FILE quiet. */
	bool quiet;
	int same_exec;
	int logged;
	/* Denials counted for the release (only if some may be logged). */
	int denials;
};

/* clang-format off */
FIXTURE_VARIANT_ADD(trace_fs, default) {
	/* clang-format on */
	.same_exec = 1,
	.logged = 1,
	.denials = 1,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(trace_fs, same_exec_off) {
	/* clang-format on */
	.flags = LANDLOCK_RESTRICT_SELF_LOG_SAME_EXEC_OFF,
	.same_exec = 1,
	.logged = 0,
	.denials = 0,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(trace_fs, new_exec) {
	/* clang-format on */
	.new_exec = true,
	.same_exec = 0,
	.logged = 0,
	.denials = 1,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(trace_fs, new_exec_on) {
	/* clang-format on */
	.flags = LANDLOCK_RESTRICT_SELF_LOG_NEW_EXEC_ON,
	.new_exec = true,
	.same_exec = 0,
	.logged = 1,
	.denials = 1,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(trace_fs, quiet) {
	/* clang-format on */
	.quiet = true,
	.same_exec = 1,
	.logged = 0,
	.denials = 1,
};

static int add_fd_rule_at(const int ruleset_fd, const char *const path,
			  const __u64 access, const __u32 flags)
{
	struct landlock_path_beneath_attr attr = {
		.allowed_access = access,
	};
	int err = 0;

	attr.parent_fd = open(path, O_PATH | O_CLOEXEC);
	if (attr.parent_fd < 0)
		return errno;
	if (landlock_add_rule(ruleset_fd, LANDLOCK_RULE_PATH_BENEATH, &attr,
			      flags))
		err = errno;
	close(attr.parent_fd);
	return err;
}

/*
 * Allows reading "allowed" and the test program itself (for the execve of
 * the new_exec variants); a quiet-only rule on "denied" with @quiet.
 */
static int add_fs_rules(const int ruleset_fd, const void *const ctx)
{
	const __u64 exec_rights = LANDLOCK_ACCESS_FS_READ_FILE |
				  LANDLOCK_ACCESS_FS_EXECUTE;
	const bool *const quiet = ctx;
	int err;

	err = add_fd_rule_at(ruleset_fd, "allowed",
			     LANDLOCK_ACCESS_FS_READ_FILE, 0);
	if (err)
		return err;
	err = add_fd_rule_at(ruleset_fd, "/proc/self/exe", exec_rights, 0);
	if (err || !*quiet)
		return err;
	return add_fd_rule_at(ruleset_fd, "denied", 0, LANDLOCK_ADD_RULE_QUIET);
}

/* Opens an allowed file, then a denied one, in this program. */
static int open_files(const void *const ctx)
{
	return test_open("allowed/file", O_RDONLY) ?:
		       test_open("denied/file", O_RDONLY);
}

/* Opens an allowed file, then a denied one in a new program. */
static int open_files_exec(const void *const ctx)
{
	const int err = test_open("allowed/file", O_RDONLY);

	if (err)
		return err;
	execl("/proc/self/exe", "trace_test", HELPER_ARG, "open", "denied/file",
	      NULL);
	return 110;
}

TEST_F(trace_fs, open)
{
	struct child_job job = {
		.attr.handled_access_fs = LANDLOCK_ACCESS_FS_READ_FILE |
					  LANDLOCK_ACCESS_FS_EXECUTE,
		.attr.quiet_access_fs =
			variant->quiet ? LANDLOCK_ACCESS_FS_READ_FILE : 0,
		.layers = 1,
		.flags = variant->flags,
		.add_rules = add_fs_rules,
		.act = variant->new_exec ? open_files_exec : open_files,
		.ctx = &variant->quiet,
	};
	unsigned long long ids[MAX_LAYERS] = {};
	char allowed[128], denied_dir[128], denied[128];
	pid_t pid;

	SKIP_WITHOUT_TRACEFS(&self->tr);
	create_dir(_metadata, "allowed");
	create_file(_metadata, "allowed/file");
	create_dir(_metadata, "denied");
	create_file(_metadata, "denied/file");
	dev_ino(_metadata, "allowed", allowed, sizeof(allowed));
	dev_ino(_metadata, "denied", denied_dir, sizeof(denied_dir));
	dev_ino(_metadata, "denied/file", denied, sizeof(denied));

	ASSERT_EQ(EACCES, run_child(_metadata, &job, &pid, ids));

	/* The rule met on the way from allowed/file grants everything. */
	EXPECT_EVENTS(1, pid, "landlock_check_rule_inode",
		      "domain=%llx %s allowed=0x4 missing=0x0", ids[0],
		      allowed);
	/* The quiet-only rule met on the way from denied/file grants nothing. */
	EXPECT_EVENTS(variant->quiet ? 1 : 0, pid, "landlock_check_rule_inode",
		      "domain=%llx %s allowed=0x0 missing=0x4", ids[0],
		      denied_dir);
	EXPECT_EVENTS(1, pid, "landlock_deny_access_fs",
		      "domain=%llx same_exec=%d logged=%d blockers=0x4 %s",
		      ids[0], variant->same_exec, variant->logged, denied);
	EXPECT_EQ(1, count_events(self->tr.buf, pid, "landlock_deny_access_fs",
				  NULL));
	/* Counted for the audit record of the release. */
	EXPECT_EVENTS(1, 0, "landlock_free_domain", "domain=%llx denials=%d",
		      ids[0], variant->denials);
}

/* A change of the mount topology is a filesystem denial with no blocker. */
static int mount_tmpfs(const void *const ctx)
{
	return unshare(CLONE_NEWNS) ||
			       mount("tmpfs", "allowed", "tmpfs", 0, NULL) ?
		       errno :
		       0;
}

TEST_F(trace, fs_topology)
{
	const struct child_job job = {
		.attr.handled_access_fs = LANDLOCK_ACCESS_FS_READ_FILE,
		.layers = 1,
		.act = mount_tmpfs,
	};
	unsigned long long ids[MAX_LAYERS] = {};
	char allowed[128];
	pid_t pid;

	SKIP_WITHOUT_TRACEFS(&self->tr);
	create_dir(_metadata, "allowed");
	dev_ino(_metadata, "allowed", allowed, sizeof(allowed));

	ASSERT_EQ(EPERM, run_child(_metadata, &job, &pid, ids));
	EXPECT_EVENTS(1, pid, "landlock_deny_access_fs",
		      "domain=%llx same_exec=1 logged=1 blockers=0x0 %s",
		      ids[0], allowed);
}

/* Binds a TCP socket to @port (IPv4, any address): returns 0 or errno. */
static int bind_tcp(const unsigned short port)
{
	const struct sockaddr_in addr = {
		.sin_family = AF_INET,
		.sin_port = htons(port),
		.sin_addr.s_addr = htonl(INADDR_ANY),
	};
	const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	int err;

	if (fd < 0)
		return errno;
	err = ERR(bind(fd, (const struct sockaddr *)&addr, sizeof(addr)));
	close(fd);
	return err;
}

/* Sends a UDP datagram to @port on the loopback: returns 0 or errno. */
static int send_udp(const unsigned short port)
{
	const struct sockaddr_in addr = {
		.sin_family = AF_INET,
		.sin_port = htons(port),
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
	const int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	int err;

	if (fd < 0)
		return errno;
	err = ERR(sendto(fd, "u", 1, 0, (const struct sockaddr *)&addr,
			 sizeof(addr)));
	close(fd);
	return err;
}

static int add_net_rules(const int ruleset_fd, const void *const ctx)
{
	const struct landlock_net_port_attr attr = {
		.allowed_access = LANDLOCK_ACCESS_NET_BIND_TCP,
		.port = 7001,
	};

	return landlock_add_rule(ruleset_fd, LANDLOCK_RULE_NET_PORT, &attr, 0) ?
		       errno :
		       0;
}

/* In a network namespace of its own: TCP binds, then a UDP send. */
static int use_ports(const void *const ctx)
{
	int err;

	if (unshare(CLONE_NEWNET))
		return 120;
	err = bind_tcp(7001);
	if (err)
		return 121;
	err = bind_tcp(7002);
	if (err != EACCES)
		return 122;
	return send_udp(7003);
}

TEST_F(trace, net)
{
	const struct child_job job = {
		.attr.handled_access_net = LANDLOCK_ACCESS_NET_BIND_TCP |
					   LANDLOCK_ACCESS_NET_CONNECT_SEND_UDP,
		.layers = 1,
		.add_rules = add_net_rules,
		.act = use_ports,
	};
	unsigned long long ids[MAX_LAYERS] = {};
	pid_t pid;

	SKIP_WITHOUT_TRACEFS(&self->tr);
	ASSERT_EQ(EACCES, run_child(_metadata, &job, &pid, ids));
	EXPECT_EVENTS(1, pid, "landlock_check_rule_net_port",
		      "domain=%llx port=7001 allowed=0x1 missing=0x0", ids[0]);
	EXPECT_EQ(1, count_events(self->tr.buf, pid,
				  "landlock_check_rule_net_port", NULL));
	EXPECT_EVENTS(1, pid, "landlock_deny_access_net",
		      "domain=%llx same_exec=1 logged=1 blockers=0x1 port=7002",
		      ids[0]);
	EXPECT_EVENTS(1, pid, "landlock_deny_access_net",
		      "domain=%llx same_exec=1 logged=1 blockers=0x8 port=7003",
		      ids[0]);
}

static int attach_parent(const void *const ctx)
{
	return ptrace(PTRACE_ATTACH, getppid(), NULL, NULL) ? errno : 0;
}

static int signal_parent(const void *const ctx)
{
	return kill(getppid(), 0) ? errno : 0;
}

static int connect_abstract(const void *const ctx)
{
	return test_connect(SOCK_STREAM, ctx);
}

/* Denials of interactions with other processes: the parent, outside. */
TEST_F(trace, ptrace)
{
	const struct child_job job = {
		.attr.handled_access_fs = LANDLOCK_ACCESS_FS_READ_FILE,
		.layers = 1,
		.act = attach_parent,
	};
	unsigned long long ids[MAX_LAYERS] = {};
	pid_t pid;

	SKIP_WITHOUT_TRACEFS(&self->tr);
	ASSERT_EQ(EPERM, run_child(_metadata, &job, &pid, ids));
	EXPECT_EVENTS(1, pid, "landlock_deny_ptrace",
		      "domain=%llx same_exec=1 logged=1 tracee_pid=%d", ids[0],
		      getpid());
}

TEST_F(trace, scope_signal)
{
	const struct child_job job = {
		.attr.scoped = LANDLOCK_SCOPE_SIGNAL,
		.layers = 1,
		.act = signal_parent,
	};
	unsigned long long ids[MAX_LAYERS] = {};
	pid_t pid;

	SKIP_WITHOUT_TRACEFS(&self->tr);
	ASSERT_EQ(EPERM, run_child(_metadata, &job, &pid, ids));
	EXPECT_EVENTS(1, pid, "landlock_deny_scope_signal",
		      "domain=%llx same_exec=1 logged=1 target_pid=%d", ids[0],
		      getpid());
}

TEST_F(trace, scope_abstract_unix_socket)
{
	struct unix_addr addr;
	struct child_job job = {
		.attr.scoped = LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET,
		.layers = 1,
		.act = connect_abstract,
		.ctx = &addr,
	};
	unsigned long long ids[MAX_LAYERS] = {};
	pid_t pid;
	int server;

	SKIP_WITHOUT_TRACEFS(&self->tr);
	set_abstract_addr(&addr, getpid(), "trace");
	server = unix_server(_metadata, SOCK_STREAM, &addr);
	ASSERT_EQ(EPERM, run_child(_metadata, &job, &pid, ids));
	EXPECT_EVENTS(1, pid, "landlock_deny_scope_abstract_unix_socket",
		      "domain=%llx same_exec=1 logged=1 peer_pid=%d", ids[0],
		      getpid());
	ASSERT_EQ(0, close(server));
}

/* Creates a network namespace, then joins the one of the fd @ctx. */
static int use_namespaces(const void *const ctx)
{
	if (!unshare(CLONE_NEWNET))
		return 130;
	if (errno != EPERM)
		return 131;
	return setns(*(const int *)ctx, CLONE_NEWNET) ? errno : 0;
}

/* Fields of a namespace denial by the first layer of the test's child. */
#define NS_DENIAL_FIELDS \
	"domain=%llx same_exec=1 logged=1 namespace_type=0x%x namespace_id=%llu"

/* Denials of namespaces: 0 as the ID of a new one, the inode number else. */
TEST_F(trace, deny_permission_namespace)
{
	int ns_fd;
	const struct child_job job = {
		.attr.handled_permissions = LANDLOCK_PERMISSION_NAMESPACE_USE,
		.layers = 1,
		.act = use_namespaces,
		.ctx = &ns_fd,
	};
	unsigned long long ids[MAX_LAYERS] = {};
	struct stat ns;
	pid_t pid;

	SKIP_WITHOUT_TRACEFS(&self->tr);
	ns_fd = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	ASSERT_LE(0, ns_fd);
	ASSERT_EQ(0, fstat(ns_fd, &ns));
	ASSERT_EQ(EPERM, run_child(_metadata, &job, &pid, ids));
	EXPECT_EVENTS(1, pid, "landlock_deny_permission_namespace",
		      NS_DENIAL_FIELDS, ids[0], CLONE_NEWNET, 0ULL);
	EXPECT_EVENTS(1, pid, "landlock_deny_permission_namespace",
		      NS_DENIAL_FIELDS, ids[0], CLONE_NEWNET,
		      (unsigned long long)ns.st_ino);
	ASSERT_EQ(0, close(ns_fd));
}

/* Needs CAP_SYS_ADMIN (in the current user namespace). */
static int new_uts_namespace(const void *const ctx)
{
	return unshare(CLONE_NEWUTS) ? errno : 0;
}

TEST_F(trace, deny_permission_capability)
{
	const struct child_job job = {
		.attr.handled_permissions = LANDLOCK_PERMISSION_CAPABILITY_USE,
		.layers = 1,
		.act = new_uts_namespace,
	};
	unsigned long long ids[MAX_LAYERS] = {};
	pid_t pid;

	SKIP_WITHOUT_TRACEFS(&self->tr);
	ASSERT_EQ(EPERM, run_child(_metadata, &job, &pid, ids));
	EXPECT_EVENTS(1, pid, "landlock_deny_permission_capability",
		      "domain=%llx same_exec=1 logged=1 capability=%d", ids[0],
		      CAP_SYS_ADMIN);
}

#define TRUSTED_XATTR "trusted.landlock_test"

/* 0 if the extended attributes of the file @ctx do not show TRUSTED_XATTR. */
static int list_without_trusted(const void *const ctx)
{
	char list[256];
	const ssize_t len = listxattr(ctx, list, sizeof(list));

	if (len < 0)
		return errno;
	return memmem(list, len, TRUSTED_XATTR, sizeof(TRUSTED_XATTR)) ? 132 :
									 0;
}

/*
 * A capability check that the kernel makes without audit is denied like
 * any other, but emits no event, as it logs no record: tmpfs lists the
 * trusted.* attributes only to CAP_SYS_ADMIN, which it checks with
 * ns_capable_noaudit() (ext4 checks it with capable(): a tmpfs of our own).
 */
TEST_F(trace, deny_permission_capability_noaudit)
{
	const char *const file = "tmpfs/file";
	const struct child_job job = {
		.attr.handled_permissions = LANDLOCK_PERMISSION_CAPABILITY_USE,
		.layers = 1,
		.act = list_without_trusted,
		.ctx = file,
	};
	unsigned long long ids[MAX_LAYERS] = {};
	pid_t pid;
	int fd;

	SKIP_WITHOUT_TRACEFS(&self->tr);
	ASSERT_EQ(0, unshare(CLONE_NEWNS));
	ASSERT_EQ(0, mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL));
	ASSERT_EQ(0, mkdir("tmpfs", 0700));
	ASSERT_EQ(0, mount("tmpfs", "tmpfs", "tmpfs", 0, NULL));
	fd = open(file, O_CREAT | O_WRONLY | O_CLOEXEC, 0600);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, close(fd));
	ASSERT_EQ(0, setxattr(file, TRUSTED_XATTR, "1", 1, 0));
	/* Without a domain, the attribute is listed. */
	ASSERT_EQ(132, list_without_trusted(file));

	ASSERT_EQ(0, run_child(_metadata, &job, &pid, ids));
	read_trace(_metadata, &self->tr);
	EXPECT_EQ(0, count_events(self->tr.buf, pid,
				  "landlock_deny_permission_capability", NULL));

	ASSERT_EQ(0, umount("tmpfs"));
	ASSERT_EQ(0, rmdir("tmpfs"));
}

LANDLOCK_HARNESS_MAIN
