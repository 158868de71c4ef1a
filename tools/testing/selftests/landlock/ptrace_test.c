// SPDX-License-Identifier: GPL-2.0
/*
 * Landlock selftests: ptrace restrictions
 *
 * A parent and its child, each of them sandboxed or not, before or after
 * the fork.  A sandboxed tracer may only trace a task whose domain is its
 * own or nested under it; PTRACE_TRACEME is checked with the parent as the
 * tracer; /proc files guarded by ptrace_may_access() follow the same rule.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common.h"

/* Creates a new domain (nested under the current one, if any). */
static void new_domain(struct __test_metadata *_metadata)
{
	/* Any handled right will do: the domain is what matters. */
	sandbox(_metadata, LANDLOCK_ACCESS_FS_MAKE_BLOCK, NULL);
}

FIXTURE(hierarchy)
{
	int to_parent[2];
	int to_child[2];
};

FIXTURE_VARIANT(hierarchy)
{
	/* Domains created by the parent before and after the fork. */
	bool parent_before_fork;
	bool parent_after_fork;
	/* Domain created by the child after the fork. */
	bool child_after_fork;
	/* errno of the parent tracing the child (0 if allowed). */
	int parent_traces_child;
	/* errno of the child asking to be traced by its parent. */
	int child_traceme;
	/* errno of the child opening its parent's /proc/<pid>/environ. */
	int child_reads_parent;
};

/*
 * Domains: P = the parent's, C = the child's.
 *
 * none: neither is sandboxed.
 */
/* clang-format off */
FIXTURE_VARIANT_ADD(hierarchy, none) {
	/* clang-format on */
	.parent_traces_child = 0,
	.child_traceme = 0,
	.child_reads_parent = 0,
};

/* Only C: an unsandboxed parent is not restricted. */
/* clang-format off */
FIXTURE_VARIANT_ADD(hierarchy, child_only) {
	/* clang-format on */
	.child_after_fork = true,
	.parent_traces_child = 0,
	.child_traceme = 0,
	.child_reads_parent = EACCES,
};

/* Only P, after the fork: C is outside of P's domain. */
/* clang-format off */
FIXTURE_VARIANT_ADD(hierarchy, parent_only) {
	/* clang-format on */
	.parent_after_fork = true,
	.parent_traces_child = EPERM,
	.child_traceme = EPERM,
	.child_reads_parent = 0,
};

/* P and C created separately after the fork: sibling domains. */
/* clang-format off */
FIXTURE_VARIANT_ADD(hierarchy, siblings) {
	/* clang-format on */
	.parent_after_fork = true,    .child_after_fork = true,
	.parent_traces_child = EPERM, .child_traceme = EPERM,
	.child_reads_parent = EACCES,
};

/* One domain, inherited by C: the same for both. */
/* clang-format off */
FIXTURE_VARIANT_ADD(hierarchy, same_domain) {
	/* clang-format on */
	.parent_before_fork = true,
	.parent_traces_child = 0,
	.child_traceme = 0,
	.child_reads_parent = 0,
};

/* C nested under P. */
/* clang-format off */
FIXTURE_VARIANT_ADD(hierarchy, child_nested) {
	/* clang-format on */
	.parent_before_fork = true,   .child_after_fork = true,
	.parent_traces_child = 0,     .child_traceme = 0,
	.child_reads_parent = EACCES,
};

/* P nested under C. */
/* clang-format off */
FIXTURE_VARIANT_ADD(hierarchy, parent_nested) {
	/* clang-format on */
	.parent_before_fork = true,   .parent_after_fork = true,
	.parent_traces_child = EPERM, .child_traceme = EPERM,
	.child_reads_parent = 0,
};

/* P and C both nested under a shared domain: siblings again. */
/* clang-format off */
FIXTURE_VARIANT_ADD(hierarchy, nested_siblings) {
	/* clang-format on */
	.parent_before_fork = true, .parent_after_fork = true,
	.child_after_fork = true,   .parent_traces_child = EPERM,
	.child_traceme = EPERM,	    .child_reads_parent = EACCES,
};

FIXTURE_SETUP(hierarchy)
{
	ASSERT_EQ(0, pipe2(self->to_parent, O_CLOEXEC));
	ASSERT_EQ(0, pipe2(self->to_child, O_CLOEXEC));
}

FIXTURE_TEARDOWN(hierarchy)
{
}

/* Yama (if built in) may restrict PTRACE_ATTACH beyond Landlock's rules. */
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

/*
 * Forks: the child sets up its domain, tells the parent, waits for the
 * parent to set up its own, then runs @child_fn whose result is its exit
 * code.  Returns the child's pid to the parent, once both are ready.
 */
static pid_t fork_with_domains(struct __test_metadata *_metadata,
			       FIXTURE_DATA(hierarchy) *const self,
			       const FIXTURE_VARIANT(hierarchy) *const variant,
			       int (*const child_fn)(void))
{
	pid_t pid;
	char c = 0;

	if (variant->parent_before_fork)
		new_domain(_metadata);
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		ASSERT_EQ(0, close(self->to_parent[0]));
		ASSERT_EQ(0, close(self->to_child[1]));
		if (variant->child_after_fork)
			new_domain(_metadata);
		ASSERT_EQ(1, write(self->to_parent[1], &c, 1));
		ASSERT_EQ(1, read(self->to_child[0], &c, 1));
		_exit(child_fn());
	}
	ASSERT_EQ(0, close(self->to_parent[1]));
	ASSERT_EQ(0, close(self->to_child[0]));
	ASSERT_EQ(1, read(self->to_parent[0], &c, 1));
	if (variant->parent_after_fork)
		new_domain(_metadata);
	ASSERT_EQ(1, write(self->to_child[1], &c, 1));
	return pid;
}

/* The child waits until the parent closes its pipe. */
static int child_wait_fd = -1;

static int child_wait(void)
{
	char c;

	while (read(child_wait_fd, &c, 1) > 0)
		;
	return 0;
}

TEST_F(hierarchy, parent_traces_child)
{
	int status;
	pid_t pid;

	if (yama_restricts_attach())
		SKIP(return, "Yama forbids PTRACE_ATTACH");
	/* The child blocks on its read end until the parent closes the pipe. */
	child_wait_fd = self->to_child[0];
	pid = fork_with_domains(_metadata, self, variant, child_wait);
	if (variant->parent_traces_child) {
		ASSERT_EQ(-1, ptrace(PTRACE_ATTACH, pid, NULL, NULL));
		ASSERT_EQ(variant->parent_traces_child, errno);
	} else {
		ASSERT_EQ(0, ptrace(PTRACE_ATTACH, pid, NULL, NULL));
		ASSERT_EQ(pid, waitpid(pid, &status, 0));
		ASSERT_TRUE(WIFSTOPPED(status));
		ASSERT_EQ(0, ptrace(PTRACE_DETACH, pid, NULL, 0));
	}
	ASSERT_EQ(0, close(self->to_child[1]));
	ASSERT_EQ(0, wait_child(_metadata, pid));
}

TEST_F(hierarchy, parent_reads_child_proc)
{
	const int expected = variant->parent_traces_child ? EACCES : 0;
	char path[64];
	pid_t pid;

	/* Only the domains should matter, not the capabilities of root. */
	drop_all_caps(_metadata);
	child_wait_fd = self->to_child[0];
	pid = fork_with_domains(_metadata, self, variant, child_wait);
	snprintf(path, sizeof(path), "/proc/%d/environ", pid);
	ASSERT_EQ(expected, test_open(path, O_RDONLY));
	snprintf(path, sizeof(path), "/proc/%d/mem", pid);
	ASSERT_EQ(expected, test_open(path, O_RDONLY));
	ASSERT_EQ(0, close(self->to_child[1]));
	ASSERT_EQ(0, wait_child(_metadata, pid));
}

static int child_traceme(void)
{
	if (ptrace(PTRACE_TRACEME, 0, NULL, NULL))
		return errno;
	/* Traced: stop, and let the parent see it. */
	raise(SIGSTOP);
	return 0;
}

TEST_F(hierarchy, child_traceme)
{
	int status;
	pid_t pid;

	pid = fork_with_domains(_metadata, self, variant, child_traceme);
	if (variant->child_traceme) {
		ASSERT_EQ(variant->child_traceme, wait_child(_metadata, pid));
		return;
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFSTOPPED(status));
	ASSERT_EQ(SIGSTOP, WSTOPSIG(status));
	ASSERT_EQ(0, ptrace(PTRACE_DETACH, pid, NULL, 0));
	ASSERT_EQ(0, wait_child(_metadata, pid));
}

static int child_reads_parent(void)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/environ", getppid());
	return test_open(path, O_RDONLY);
}

TEST_F(hierarchy, child_reads_parent_proc)
{
	pid_t pid;

	drop_all_caps(_metadata);
	pid = fork_with_domains(_metadata, self, variant, child_reads_parent);
	ASSERT_EQ(variant->child_reads_parent, wait_child(_metadata, pid));
}

LANDLOCK_HARNESS_MAIN
