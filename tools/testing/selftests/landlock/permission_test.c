// SPDX-License-Identifier: GPL-2.0
/*
 * Landlock selftests: permissions (ABI 12)
 *
 * The handled_permissions field and the namespace and capability rules
 * (argument checks and their order), then what they restrict: creating and
 * joining namespaces of each type (unshare, clone3, setns through a
 * namespace file or a pidfd, anonymous mount namespaces), and using
 * capabilities, whatever user namespace they are held in.  The namespace
 * tests run unprivileged too, in a user namespace of their own; the
 * capability tests that need real root skip otherwise.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/sched.h>
#include <netinet/in.h>
#include <sched.h>
#include <signal.h>
#include <stddef.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common.h"

#ifndef __NR_pidfd_open
#define __NR_pidfd_open 434
#endif

#define NS_USE LANDLOCK_PERMISSION_NAMESPACE_USE
#define CAP_USE LANDLOCK_PERMISSION_CAPABILITY_USE

/* The namespace types of clone(2) (CLONE_NS_ALL of later headers). */
#define NS_ALL                                                                 \
	((__u64)(CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC | \
		 CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWTIME))

#define CAP_BIT(cap) (1ULL << (cap))

/*
 * A SKIP() in a fixture's setup marks the test skipped but does not stop
 * it: each test of such a fixture starts with this.
 */
#define RETURN_IF_SKIPPED()          \
	do {                         \
		if (_metadata->skip) \
			return;      \
	} while (0)

/* Returns the inode number of /proc/self/ns/@name, or 0. */
static ino_t ns_ino(const char *const name)
{
	char path[64];
	struct stat st;

	snprintf(path, sizeof(path), "/proc/self/ns/%s", name);
	if (stat(path, &st))
		return 0;
	return st.st_ino;
}

/* Opens /proc/self/ns/@name, or returns -1. */
static int ns_open(const char *const name)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/self/ns/%s", name);
	return open(path, O_RDONLY | O_CLOEXEC);
}

/* Returns the errno of clone3() with @flags, or 0 once its child exited. */
static int test_clone3(const __u64 flags)
{
	struct clone_args args = {
		.flags = flags,
		.exit_signal = SIGCHLD,
	};
	int status;
	pid_t pid;

	pid = syscall(__NR_clone3, &args, sizeof(args));
	if (pid < 0)
		return errno;
	if (pid == 0)
		_exit(0);
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status))
		return -1;
	return 0;
}

/*
 * Argument checks
 */

TEST(create_ruleset_permissions)
{
	struct landlock_ruleset_attr attr = {
		.handled_permissions = PERMISSION_ALL,
	};
	int fd;

	ASSERT_EQ(56, sizeof(attr));
	ASSERT_EQ(3, PERMISSION_ALL);

	/* A ruleset may handle only permissions. */
	fd = landlock_create_ruleset(&attr, sizeof(attr), 0);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, close(fd));

	attr.handled_permissions = PERMISSION_LAST << 1;
	ASSERT_EQ(-1, landlock_create_ruleset(&attr, sizeof(attr), 0));
	ASSERT_EQ(EINVAL, errno);
	attr.handled_permissions = 1ULL << 63;
	ASSERT_EQ(-1, landlock_create_ruleset(&attr, sizeof(attr), 0));
	ASSERT_EQ(EINVAL, errno);

	/* Nothing handled: ENOMSG, also with the field left out. */
	attr = (struct landlock_ruleset_attr){};
	ASSERT_EQ(-1, landlock_create_ruleset(&attr, sizeof(attr), 0));
	ASSERT_EQ(ENOMSG, errno);
	attr.handled_permissions = NS_USE;
	ASSERT_EQ(-1,
		  landlock_create_ruleset(&attr,
					  offsetof(struct landlock_ruleset_attr,
						   handled_permissions),
					  0));
	ASSERT_EQ(ENOMSG, errno);
}

/* The two rule types, which check their arguments the same way. */
FIXTURE(perm_rule)
{
	int fd;
	/* Ruleset handling the other permission only. */
	int other_fd;
};

FIXTURE_VARIANT(perm_rule)
{
	enum landlock_rule_type type;
	__u64 perm;
	__u64 other;
	/* Some known member, and the first unknown one. */
	__u64 known;
	__u64 unknown;
};

/* clang-format off */
FIXTURE_VARIANT_ADD(perm_rule, namespace) {
	/* clang-format on */
	.type = LANDLOCK_RULE_NAMESPACE,
	.perm = NS_USE,
	.other = CAP_USE,
	.known = CLONE_NEWUTS,
	/* Not a namespace type. */
	.unknown = 1ULL << 1,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(perm_rule, capability) {
	/* clang-format on */
	.type = LANDLOCK_RULE_CAPABILITY,
	.perm = CAP_USE,
	.other = NS_USE,
	.known = CAP_BIT(CAP_SYS_ADMIN),
	.unknown = CAP_BIT(CAP_LAST_CAP + 1),
};

FIXTURE_SETUP(perm_rule)
{
	struct landlock_ruleset_attr attr = {
		.handled_permissions = variant->perm,
	};

	self->fd = landlock_create_ruleset(&attr, sizeof(attr), 0);
	ASSERT_LE(0, self->fd);
	attr.handled_permissions = variant->other;
	self->other_fd = landlock_create_ruleset(&attr, sizeof(attr), 0);
	ASSERT_LE(0, self->other_fd);
}

FIXTURE_TEARDOWN(perm_rule)
{
	EXPECT_EQ(0, close(self->fd));
	EXPECT_EQ(0, close(self->other_fd));
}

/*
 * Both rule structures have the same layout: permissions, allowed members,
 * quiet members.
 */
struct perm_attr {
	__u64 permissions;
	__u64 allowed;
	__u64 quiet;
};

static int add_perm_rule(const int fd, const enum landlock_rule_type type,
			 const __u64 permissions, const __u64 allowed,
			 const __u64 quiet, const __u32 flags)
{
	const struct perm_attr attr = {
		.permissions = permissions,
		.allowed = allowed,
		.quiet = quiet,
	};

	return landlock_add_rule(fd, type, &attr, flags);
}

TEST_F(perm_rule, layout)
{
	ASSERT_EQ(24, sizeof(struct landlock_namespace_attr));
	ASSERT_EQ(24, sizeof(struct landlock_capability_attr));
	ASSERT_EQ(8, offsetof(struct landlock_namespace_attr,
			      allowed_namespace_types));
	ASSERT_EQ(16, offsetof(struct landlock_namespace_attr,
			       quiet_namespace_types));
	ASSERT_EQ(8, offsetof(struct landlock_capability_attr,
			      allowed_capabilities));
	ASSERT_EQ(16, offsetof(struct landlock_capability_attr,
			       quiet_capabilities));
	ASSERT_EQ(3, LANDLOCK_RULE_NAMESPACE);
	ASSERT_EQ(4, LANDLOCK_RULE_CAPABILITY);
}

/* Each error, and which one comes first when several apply. */
TEST_F(perm_rule, errors_in_order)
{
	const enum landlock_rule_type type = variant->type;

	/* Flags, QUIET included, before the attribute is read. */
	ASSERT_EQ(-1, landlock_add_rule(self->fd, type, NULL,
					LANDLOCK_ADD_RULE_QUIET));
	ASSERT_EQ(EINVAL, errno);
	ASSERT_EQ(-1,
		  add_perm_rule(self->fd, type, variant->perm, variant->known,
				0, LANDLOCK_ADD_RULE_QUIET));
	ASSERT_EQ(EINVAL, errno);

	ASSERT_EQ(-1, landlock_add_rule(self->fd, type, NULL, 0));
	ASSERT_EQ(EFAULT, errno);

	/* No permission, even in a ruleset that does not handle it. */
	ASSERT_EQ(-1,
		  add_perm_rule(self->other_fd, type, 0, variant->known, 0, 0));
	ASSERT_EQ(ENOMSG, errno);

	/* Another permission, or an extra one. */
	ASSERT_EQ(-1, add_perm_rule(self->fd, type, variant->other,
				    variant->known, 0, 0));
	ASSERT_EQ(EINVAL, errno);
	ASSERT_EQ(-1,
		  add_perm_rule(self->fd, type, variant->perm | variant->other,
				variant->known, 0, 0));
	ASSERT_EQ(EINVAL, errno);
	ASSERT_EQ(-1, add_perm_rule(self->fd, type, PERMISSION_LAST << 1,
				    variant->known, 0, 0));
	ASSERT_EQ(EINVAL, errno);

	/* A permission the ruleset does not handle, before empty masks. */
	ASSERT_EQ(-1,
		  add_perm_rule(self->other_fd, type, variant->perm, 0, 0, 0));
	ASSERT_EQ(EINVAL, errno);

	ASSERT_EQ(-1, add_perm_rule(self->fd, type, variant->perm, 0, 0, 0));
	ASSERT_EQ(ENOMSG, errno);
}

/* Members the kernel does not know are accepted, and ignored. */
TEST_F(perm_rule, unknown_members)
{
	const enum landlock_rule_type type = variant->type;

	ASSERT_EQ(0, add_perm_rule(self->fd, type, variant->perm,
				   variant->unknown, 0, 0));
	ASSERT_EQ(0, add_perm_rule(self->fd, type, variant->perm, 1ULL << 63,
				   1ULL << 63, 0));
	ASSERT_EQ(0, add_perm_rule(self->fd, type, variant->perm, 0,
				   variant->unknown, 0));
	ASSERT_EQ(0, add_perm_rule(self->fd, type, variant->perm, ~0ULL, ~0ULL,
				   0));
	/* Only quiet members. */
	ASSERT_EQ(0, add_perm_rule(self->fd, type, variant->perm, 0,
				   variant->known, 0));
}

/* add_rule() reads exactly the 24 bytes of the structure. */
TEST_F(perm_rule, bounds)
{
	const struct perm_attr attr = {
		.permissions = variant->perm,
		.allowed = variant->known,
	};

	check_add_rule_bounds(_metadata, self->fd, variant->type, &attr,
			      sizeof(attr));
}

/*
 * Namespaces, per type
 */

FIXTURE(ns_type)
{
	int unused;
};

FIXTURE_VARIANT(ns_type)
{
	__u64 type;
	/* Name in /proc/self/ns/, and the one that unshare(2) changes. */
	const char *name;
	const char *unshared;
};

/* clang-format off */
FIXTURE_VARIANT_ADD(ns_type, mnt) {
	/* clang-format on */
	.type = CLONE_NEWNS,
	.name = "mnt",
	.unshared = "mnt",
};

/* clang-format off */
FIXTURE_VARIANT_ADD(ns_type, cgroup) {
	/* clang-format on */
	.type = CLONE_NEWCGROUP,
	.name = "cgroup",
	.unshared = "cgroup",
};

/* clang-format off */
FIXTURE_VARIANT_ADD(ns_type, uts) {
	/* clang-format on */
	.type = CLONE_NEWUTS,
	.name = "uts",
	.unshared = "uts",
};

/* clang-format off */
FIXTURE_VARIANT_ADD(ns_type, ipc) {
	/* clang-format on */
	.type = CLONE_NEWIPC,
	.name = "ipc",
	.unshared = "ipc",
};

/* clang-format off */
FIXTURE_VARIANT_ADD(ns_type, user) {
	/* clang-format on */
	.type = CLONE_NEWUSER,
	.name = "user",
	.unshared = "user",
};

/* clang-format off */
FIXTURE_VARIANT_ADD(ns_type, pid) {
	/* clang-format on */
	.type = CLONE_NEWPID,
	.name = "pid",
	.unshared = "pid_for_children",
};

/* clang-format off */
FIXTURE_VARIANT_ADD(ns_type, net) {
	/* clang-format on */
	.type = CLONE_NEWNET,
	.name = "net",
	.unshared = "net",
};

/* clang-format off */
FIXTURE_VARIANT_ADD(ns_type, time) {
	/* clang-format on */
	.type = CLONE_NEWTIME,
	.name = "time",
	.unshared = "time_for_children",
};

/*
 * Every test runs with CAP_SYS_ADMIN over the namespaces it creates (in a
 * user namespace of its own when not root), so that only Landlock can deny.
 */
FIXTURE_SETUP(ns_type)
{
	if (!ns_ino(variant->name))
		SKIP(return, "No %s namespaces", variant->name);
	ASSERT_EQ(0, enter_admin_userns())
	{
		TH_LOG("Cannot create a user namespace: %s", strerror(errno));
	}
}

FIXTURE_TEARDOWN(ns_type)
{
}

/* A layer handling namespaces and allowing @allowed. */
static void restrict_ns(struct __test_metadata *const _metadata,
			const __u64 allowed)
{
	const struct perm_layer layer = {
		.handled = NS_USE,
		.ns = allowed,
	};

	restrict_perms(_metadata, &layer);
}

/*
 * Moves to a new namespace of the type, owned by our user namespace, and
 * returns a file descriptor of it that setns(2) accepts (the new namespace
 * for children, for PID and time namespaces).  For a user namespace, our
 * own: setns(2) then fails with EINVAL, once Landlock allowed it.
 */
static int setns_target(struct __test_metadata *const _metadata,
			const FIXTURE_VARIANT(ns_type) *const variant)
{
	int pipe_fds[2], fd;
	char c;

	if (variant->type != CLONE_NEWUSER)
		ASSERT_EQ(0, unshare(variant->type));
	if (variant->type == CLONE_NEWPID) {
		/*
		 * A PID namespace needs its first process to be opened: a
		 * child that lives as long as the test (and the pipe).
		 */
		ASSERT_EQ(0, pipe2(pipe_fds, O_CLOEXEC));
		if (fork() == 0) {
			close(pipe_fds[1]);
			_exit(read(pipe_fds[0], &c, 1));
		}
		ASSERT_EQ(0, close(pipe_fds[0]));
	}
	fd = ns_open(variant->unshared);
	ASSERT_LE(0, fd);
	return fd;
}

/* What setns(2) to setns_target() gives when allowed. */
static int setns_allowed_err(const FIXTURE_VARIANT(ns_type) *const variant)
{
	return variant->type == CLONE_NEWUSER ? EINVAL : 0;
}

TEST_F(ns_type, unshare_denied)
{
	const ino_t before = ns_ino(variant->unshared);

	RETURN_IF_SKIPPED();

	restrict_ns(_metadata, NS_ALL & ~variant->type);
	ASSERT_EQ(-1, unshare(variant->type));
	ASSERT_EQ(EPERM, errno);
	ASSERT_EQ(before, ns_ino(variant->unshared));
}

TEST_F(ns_type, unshare_allowed)
{
	const ino_t before = ns_ino(variant->unshared);

	RETURN_IF_SKIPPED();

	restrict_ns(_metadata, variant->type);
	ASSERT_EQ(0, unshare(variant->type));
	ASSERT_NE(before, ns_ino(variant->unshared));
}

/*
 * The kernel's limit on the number of namespaces of a type comes before
 * Landlock: ENOSPC, not EPERM.  The limit is the one of a user namespace
 * of our own, in which we hold CAP_SYS_RESOURCE.
 */
TEST_F(ns_type, limit_first)
{
	char path[64];

	RETURN_IF_SKIPPED();
	ASSERT_EQ(0, unshare(CLONE_NEWUSER));
	snprintf(path, sizeof(path), "/proc/sys/user/max_%s_namespaces",
		 variant->name);
	ASSERT_EQ(0, write_file_str(path, "0"));
	restrict_ns(_metadata, NS_ALL & ~variant->type);
	ASSERT_EQ(ENOSPC, ERR(unshare(variant->type)));
}

/* The types of a domain that does not handle namespaces are all allowed. */
TEST_F(ns_type, unshare_not_handled)
{
	const struct perm_layer layer = {
		.handled = CAP_USE,
		.caps = ~0ULL,
	};

	RETURN_IF_SKIPPED();
	restrict_perms(_metadata, &layer);
	sandbox(_metadata, LANDLOCK_ACCESS_FS_MAKE_BLOCK, NULL);
	ASSERT_EQ(0, unshare(variant->type));
}

/* clone3(2) is checked in the parent, which gets the error. */
TEST_F(ns_type, clone3)
{
	RETURN_IF_SKIPPED();
	restrict_ns(_metadata, NS_ALL & ~variant->type);
	ASSERT_EQ(EPERM, test_clone3(variant->type));
	/* The other types are allowed. */
	ASSERT_EQ(0, test_clone3(variant->type == CLONE_NEWUTS ? CLONE_NEWIPC :
								 CLONE_NEWUTS));
	restrict_ns(_metadata, variant->type | CLONE_NEWUTS | CLONE_NEWIPC);
	ASSERT_EQ(EPERM, test_clone3(variant->type));
}

TEST_F(ns_type, clone3_allowed)
{
	RETURN_IF_SKIPPED();
	restrict_ns(_metadata, variant->type);
	ASSERT_EQ(0, test_clone3(variant->type));
}

/*
 * setns(2) with a file opened before the domain existed is denied, before
 * the namespace's own checks (EINVAL for our own user namespace).
 */
TEST_F(ns_type, setns_denied)
{
	int fd;

	RETURN_IF_SKIPPED();
	fd = setns_target(_metadata, variant);
	restrict_ns(_metadata, NS_ALL & ~variant->type);
	ASSERT_EQ(-1, setns(fd, variant->type));
	ASSERT_EQ(EPERM, errno);
	ASSERT_EQ(-1, setns(fd, 0));
	ASSERT_EQ(EPERM, errno);
	ASSERT_EQ(0, close(fd));
}

TEST_F(ns_type, setns_allowed)
{
	int fd;

	RETURN_IF_SKIPPED();
	fd = setns_target(_metadata, variant);
	restrict_ns(_metadata, variant->type);
	ASSERT_EQ(setns_allowed_err(variant), ERR(setns(fd, variant->type)));
	ASSERT_EQ(0, close(fd));
}

/*
 * setns(2) through a pidfd of a child, in a namespace of the type that we
 * created (for PID and time namespaces, the one for children), so that the
 * namespace's own checks let us join it: only Landlock may deny, even for
 * a namespace the caller is already in.  The child is forked once the
 * domain exists (ptrace access to it is checked).
 */
static void setns_pidfd_child(struct __test_metadata *const _metadata,
			      const FIXTURE_VARIANT(ns_type) *const variant,
			      const __u64 allowed, const int expected)
{
	pid_t child;
	int pidfd;

	if (variant->type != CLONE_NEWUSER)
		ASSERT_EQ(0, unshare(variant->type));
	restrict_ns(_metadata, allowed);
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		pause();
		_exit(0);
	}
	pidfd = syscall(__NR_pidfd_open, child, 0);
	ASSERT_LE(0, pidfd);
	EXPECT_EQ(expected, ERR(setns(pidfd, variant->type)));
	ASSERT_EQ(0, kill(child, SIGKILL));
	ASSERT_EQ(child, waitpid(child, NULL, 0));
	ASSERT_EQ(0, close(pidfd));
}

TEST_F(ns_type, setns_pidfd_denied)
{
	RETURN_IF_SKIPPED();
	setns_pidfd_child(_metadata, variant, NS_ALL & ~variant->type, EPERM);
}

TEST_F(ns_type, setns_pidfd_allowed)
{
	RETURN_IF_SKIPPED();
	setns_pidfd_child(_metadata, variant, variant->type,
			  setns_allowed_err(variant));
}

/*
 * Several types at once
 */

FIXTURE(ns_multi)
{
	int unused;
};

FIXTURE_SETUP(ns_multi)
{
	ASSERT_EQ(0, enter_admin_userns())
	{
		TH_LOG("Cannot create a user namespace: %s", strerror(errno));
	}
}

FIXTURE_TEARDOWN(ns_multi)
{
}

/* One denied type fails the call, which creates nothing. */
TEST_F(ns_multi, unshare_all_or_nothing)
{
	const ino_t uts = ns_ino("uts");

	restrict_ns(_metadata, NS_ALL & ~CLONE_NEWIPC);
	ASSERT_EQ(-1, unshare(CLONE_NEWUTS | CLONE_NEWIPC));
	ASSERT_EQ(EPERM, errno);
	ASSERT_EQ(uts, ns_ino("uts"));
	ASSERT_EQ(EPERM,
		  test_clone3(CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNET));
	ASSERT_EQ(0, test_clone3(CLONE_NEWUTS | CLONE_NEWNET));
	ASSERT_EQ(0, unshare(CLONE_NEWUTS | CLONE_NEWNET));
	ASSERT_NE(uts, ns_ino("uts"));
}

/*
 * A new user namespace and another type: the user namespace is not kept
 * when the other type is denied.
 */
TEST_F(ns_multi, unshare_user_and_other)
{
	const ino_t user = ns_ino("user");

	restrict_ns(_metadata, CLONE_NEWUSER);
	ASSERT_EQ(-1, unshare(CLONE_NEWUSER | CLONE_NEWUTS));
	ASSERT_EQ(EPERM, errno);
	ASSERT_EQ(user, ns_ino("user"));
	ASSERT_EQ(0, unshare(CLONE_NEWUSER));
	ASSERT_NE(user, ns_ino("user"));
}

/* Every layer that handles namespaces must allow the type. */
TEST_F(ns_multi, layers)
{
	restrict_ns(_metadata, CLONE_NEWUTS | CLONE_NEWNET);
	/* A layer that does not handle namespaces changes nothing. */
	sandbox(_metadata, LANDLOCK_ACCESS_FS_MAKE_BLOCK, NULL);
	ASSERT_EQ(0, unshare(CLONE_NEWUTS));
	ASSERT_EQ(EPERM, ERR(unshare(CLONE_NEWIPC)));
	/* A nested layer cannot allow what an outer one denies. */
	restrict_ns(_metadata, CLONE_NEWNET | CLONE_NEWIPC);
	ASSERT_EQ(EPERM, ERR(unshare(CLONE_NEWUTS)));
	ASSERT_EQ(EPERM, ERR(unshare(CLONE_NEWIPC)));
	ASSERT_EQ(0, unshare(CLONE_NEWNET));
}

/* Rules accumulate; unknown types in them change nothing. */
TEST_F(ns_multi, rules_accumulate)
{
	const struct landlock_ruleset_attr attr = {
		.handled_permissions = NS_USE,
	};
	struct landlock_namespace_attr rule = {
		.permissions = NS_USE,
		.allowed_namespace_types = CLONE_NEWUTS | (1ULL << 63),
	};
	const int fd = landlock_create_ruleset(&attr, sizeof(attr), 0);

	ASSERT_LE(0, fd);
	ASSERT_EQ(0, landlock_add_rule(fd, LANDLOCK_RULE_NAMESPACE, &rule, 0));
	rule.allowed_namespace_types = CLONE_NEWNET | (1ULL << 1);
	ASSERT_EQ(0, landlock_add_rule(fd, LANDLOCK_RULE_NAMESPACE, &rule, 0));
	enforce_ruleset(_metadata, fd);
	ASSERT_EQ(0, close(fd));
	ASSERT_EQ(0, unshare(CLONE_NEWUTS | CLONE_NEWNET));
	ASSERT_EQ(EPERM, ERR(unshare(CLONE_NEWIPC)));
}

/*
 * setns(2) with a pidfd and several types joins none if one is denied: the
 * target is a child (of the same domain, for ptrace's sake) in a new UTS
 * namespace and in our IPC namespace.  The UTS namespace comes first.
 */
static void setns_pidfd_multi(struct __test_metadata *const _metadata,
			      const __u64 allowed, const int expected)
{
	int pipe_fds[2], pidfd;
	ino_t uts = ns_ino("uts");
	pid_t child;
	char c;

	/* An IPC namespace of our own (user) namespace, to join again. */
	ASSERT_EQ(0, unshare(CLONE_NEWIPC));
	restrict_ns(_metadata, allowed);
	ASSERT_EQ(0, pipe2(pipe_fds, O_CLOEXEC));
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		/* Until the parent is done, even if it fails an assertion. */
		ASSERT_EQ(0, prctl(PR_SET_PDEATHSIG, SIGKILL));
		ASSERT_EQ(0, unshare(CLONE_NEWUTS));
		ASSERT_EQ(1, write(pipe_fds[1], "r", 1));
		pause();
		_exit(0);
	}
	ASSERT_EQ(1, read(pipe_fds[0], &c, 1));
	pidfd = syscall(__NR_pidfd_open, child, 0);
	ASSERT_LE(0, pidfd);

	ASSERT_EQ(expected, ERR(setns(pidfd, CLONE_NEWUTS | CLONE_NEWIPC)));
	/* Joined both namespaces, or none. */
	ASSERT_EQ(!expected, uts != ns_ino("uts"));
	ASSERT_EQ(0, kill(child, SIGKILL));
	ASSERT_EQ(child, waitpid(child, NULL, 0));
	ASSERT_EQ(0, close(pidfd));
	ASSERT_EQ(0, close(pipe_fds[0]));
	ASSERT_EQ(0, close(pipe_fds[1]));
}

TEST_F(ns_multi, setns_pidfd_one_denied)
{
	setns_pidfd_multi(_metadata, CLONE_NEWUTS, EPERM);
}

TEST_F(ns_multi, setns_pidfd_allowed)
{
	setns_pidfd_multi(_metadata, CLONE_NEWUTS | CLONE_NEWIPC, 0);
}

/*
 * Anonymous mount namespaces: a clone of a mount tree, and a new mount,
 * each get one.
 */

FIXTURE(anon_mnt)
{
	int unused;
};

FIXTURE_VARIANT(anon_mnt)
{
	__u64 allowed;
	int expected;
};

/* clang-format off */
FIXTURE_VARIANT_ADD(anon_mnt, denied) {
	/* clang-format on */
	.allowed = NS_ALL & ~CLONE_NEWNS,
	.expected = EPERM,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(anon_mnt, allowed) {
	/* clang-format on */
	.allowed = CLONE_NEWNS,
	.expected = 0,
};

FIXTURE_SETUP(anon_mnt)
{
	ASSERT_EQ(0, enter_mount_ns())
	{
		TH_LOG("Cannot create a mount namespace: %s", strerror(errno));
	}
}

FIXTURE_TEARDOWN(anon_mnt)
{
}

TEST_F(anon_mnt, open_tree_clone)
{
	int fd;

	restrict_ns(_metadata, variant->allowed);
	/* Recursive: the mounts under "/" are locked in a user namespace. */
	fd = open_tree(AT_FDCWD, "/",
		       OPEN_TREE_CLONE | AT_RECURSIVE | OPEN_TREE_CLOEXEC);
	ASSERT_EQ(variant->expected, ERR(fd));
	if (fd >= 0)
		ASSERT_EQ(0, close(fd));
	/* Without OPEN_TREE_CLONE, no namespace: always allowed. */
	fd = open_tree(AT_FDCWD, "/", OPEN_TREE_CLOEXEC);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, close(fd));
}

TEST_F(anon_mnt, fsmount)
{
	int fs_fd, fd;

	restrict_ns(_metadata, variant->allowed);
	fs_fd = fsopen("tmpfs", FSOPEN_CLOEXEC);
	ASSERT_LE(0, fs_fd);
	ASSERT_EQ(0, fsconfig(fs_fd, FSCONFIG_CMD_CREATE, NULL, NULL, 0));
	fd = fsmount(fs_fd, FSMOUNT_CLOEXEC, 0);
	ASSERT_EQ(variant->expected, ERR(fd));
	if (fd >= 0)
		ASSERT_EQ(0, close(fd));
	ASSERT_EQ(0, close(fs_fd));
}

/*
 * Capabilities
 */

/* A layer handling capabilities and allowing @allowed. */
static void restrict_caps(struct __test_metadata *const _metadata,
			  const __u64 allowed)
{
	const struct perm_layer layer = {
		.handled = CAP_USE,
		.caps = allowed,
	};

	restrict_perms(_metadata, &layer);
}

/*
 * CAP_SYS_ADMIN over a UTS namespace of our own: held through a user
 * namespace when not root, and restricted all the same.
 */
FIXTURE(cap_uts)
{
	int unused;
};

FIXTURE_SETUP(cap_uts)
{
	ASSERT_EQ(0, enter_admin_userns())
	{
		TH_LOG("Cannot create a user namespace: %s", strerror(errno));
	}
	ASSERT_EQ(0, unshare(CLONE_NEWUTS));
}

FIXTURE_TEARDOWN(cap_uts)
{
}

TEST_F(cap_uts, denied)
{
	restrict_caps(_metadata, ~CAP_BIT(CAP_SYS_ADMIN));
	ASSERT_EQ(-1, sethostname("landlock", 8));
	ASSERT_EQ(EPERM, errno);
	/* The capability sets do not change. */
	ASSERT_TRUE(has_cap(CAP_SYS_ADMIN));
}

TEST_F(cap_uts, allowed)
{
	restrict_caps(_metadata, CAP_BIT(CAP_SYS_ADMIN));
	ASSERT_EQ(0, sethostname("landlock", 8));
}

/* Bits above the last capability do not stand for any capability. */
TEST_F(cap_uts, unknown_bits)
{
	restrict_caps(_metadata, ~((1ULL << (CAP_LAST_CAP + 1)) - 1));
	ASSERT_EQ(EPERM, ERR(sethostname("landlock", 8)));
}

TEST_F(cap_uts, layers)
{
	restrict_caps(_metadata, CAP_BIT(CAP_SYS_ADMIN) | CAP_BIT(CAP_CHOWN));
	sandbox(_metadata, LANDLOCK_ACCESS_FS_MAKE_BLOCK, NULL);
	ASSERT_EQ(0, sethostname("landlock", 8));
	restrict_caps(_metadata, CAP_BIT(CAP_CHOWN));
	ASSERT_EQ(EPERM, ERR(sethostname("landlock", 8)));
}

/*
 * Creating a namespace (other than a user namespace) needs both the type
 * and CAP_SYS_ADMIN, even in a user namespace of our own (the order of the
 * two checks is in audit_test, which sees which one denied).
 */
TEST_F(cap_uts, namespace_and_capability)
{
	const struct perm_layer layer = {
		.handled = NS_USE | CAP_USE,
		.ns = CLONE_NEWUTS | CLONE_NEWUSER,
		.caps = ~CAP_BIT(CAP_SYS_ADMIN),
	};

	restrict_perms(_metadata, &layer);
	ASSERT_EQ(EPERM, ERR(unshare(CLONE_NEWUTS)));
	/* The capability is checked in the new user namespace too. */
	ASSERT_EQ(EPERM, ERR(unshare(CLONE_NEWUSER | CLONE_NEWUTS)));
	ASSERT_EQ(0, unshare(CLONE_NEWUSER));
	ASSERT_TRUE(has_cap(CAP_SYS_ADMIN));
	ASSERT_EQ(EPERM, ERR(unshare(CLONE_NEWUTS)));
}

/*
 * The privilege check of landlock_restrict_self() (CAP_SYS_ADMIN without
 * no_new_privs) is a capability check too.
 */
TEST_F(cap_uts, restrict_self_probe)
{
	const struct perm_layer deny = {
		.handled = CAP_USE,
		.caps = CAP_BIT(CAP_CHOWN),
	};
	const struct perm_layer allow = {
		.handled = CAP_USE,
		.caps = CAP_BIT(CAP_SYS_ADMIN),
	};
	const __u32 nnp = LANDLOCK_RESTRICT_SELF_NO_NEW_PRIVS;
	int deny_fd, allow_fd;

	ASSERT_EQ(0, prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0));
	deny_fd = create_perm_ruleset(_metadata, &deny);
	allow_fd = create_perm_ruleset(_metadata, &allow);

	ASSERT_EQ(0, landlock_restrict_self(allow_fd, 0));
	ASSERT_EQ(0, landlock_restrict_self(deny_fd, 0));
	/* CAP_SYS_ADMIN is now denied: no_new_privs is needed. */
	ASSERT_EQ(-1, landlock_restrict_self(allow_fd, 0));
	ASSERT_EQ(EPERM, errno);
	ASSERT_EQ(0, landlock_restrict_self(allow_fd, nnp));
	ASSERT_EQ(0, close(deny_fd));
	ASSERT_EQ(0, close(allow_fd));
}

/* Capabilities that only real root has. */
FIXTURE(cap_root)
{
	struct scratch scratch;
};

FIXTURE_SETUP(cap_root)
{
	if (!has_cap(CAP_CHOWN) || !has_cap(CAP_NET_BIND_SERVICE) ||
	    !has_cap(CAP_SYS_ADMIN))
		SKIP(return, "Needs root");
	scratch_setup(_metadata, &self->scratch);
}

FIXTURE_TEARDOWN(cap_root)
{
	if (has_cap(CAP_CHOWN))
		scratch_teardown(_metadata, &self->scratch);
}

TEST_F(cap_root, chown)
{
	RETURN_IF_SKIPPED();
	create_file(_metadata, "file");
	restrict_caps(_metadata, CAP_BIT(CAP_CHOWN));
	ASSERT_EQ(0, chown("file", 1, 1));
	restrict_caps(_metadata, CAP_BIT(CAP_CHOWN) | CAP_BIT(CAP_FOWNER));
	ASSERT_EQ(0, chown("file", 2, 2));
	restrict_caps(_metadata, CAP_BIT(CAP_FOWNER));
	ASSERT_EQ(-1, chown("file", 3, 3));
	ASSERT_EQ(EPERM, errno);
}

/* A denied CAP_NET_BIND_SERVICE gives the EACCES of bind(2). */
static int bind_privileged_port(void)
{
	const struct sockaddr_in addr = {
		.sin_family = AF_INET,
		.sin_port = htons(1023),
		.sin_addr.s_addr = htonl(INADDR_ANY),
	};
	const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	int err;

	if (fd < 0)
		return -1;
	err = ERR(bind(fd, (const struct sockaddr *)&addr, sizeof(addr)));
	close(fd);
	return err;
}

TEST_F(cap_root, bind)
{
	RETURN_IF_SKIPPED();
	/* Our own network namespace: the port is free. */
	ASSERT_EQ(0, unshare(CLONE_NEWNET));
	restrict_caps(_metadata, CAP_BIT(CAP_NET_BIND_SERVICE));
	ASSERT_EQ(0, bind_privileged_port());
	restrict_caps(_metadata, CAP_BIT(CAP_SYS_ADMIN));
	ASSERT_EQ(EACCES, bind_privileged_port());
}

LANDLOCK_HARNESS_MAIN
