// SPDX-License-Identifier: GPL-2.0
/*
 * Landlock selftests: files of internal mounts and pseudo filesystems
 *
 * Only two kinds of files escape the filesystem checks, because no path can
 * name them and no rule can be tied to their hierarchy: those of pseudo
 * filesystems that user space can never mount (pipes, sockets, anonymous
 * inodes, namespaces), and those whose walk ends at a disconnected root of
 * an internal mount (memfd).  Every other file is checked, including the
 * files of internal mounts that user space reaches otherwise: the POSIX
 * message queues of mq_open(3), and the trees that securityfs entries link
 * into (AppArmor's policy).  Such a walk ends at the root of the internal
 * mount: without a rule on that root (possible only where the same
 * filesystem is also mounted by user space), a handled right is denied.
 *
 * Objects that are not checked must behave in a sandbox exactly as they do
 * outside: each such case runs in a child without a domain and in a
 * sandboxed child, and both must get the same result.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fs_common.h"

#define READ_WRITE (RIGHT(READ_FILE) | RIGHT(WRITE_FILE) | RIGHT(READ_DIR))

/* A message queue of the test's IPC namespace. */
#define QUEUE "/landlock-selftest"

/* Opens the message queue @name with @flags: returns 0 or errno. */
static int test_mq_open(const char *const name, const int flags)
{
	struct mq_attr attr = {
		.mq_maxmsg = 1,
		.mq_msgsize = 8,
	};
	const mqd_t mq = mq_open(name, flags | O_CLOEXEC, 0600, &attr);

	if (mq == (mqd_t)-1)
		return errno;
	mq_close(mq);
	return 0;
}

/*
 * Each test runs in a new mount and IPC namespace, with the message queue
 * filesystem of that IPC namespace mounted on "mq" (the same superblock as
 * the internal mount mq_open() uses) and a queue QUEUE in it.
 */
FIXTURE(objects)
{
	struct scratch scratch;
	/* Why the message queues cannot be tested, or 0. */
	int mq_errno;
};

#define REQUIRE_MQUEUE()                                                     \
	do {                                                                 \
		if (self->mq_errno)                                          \
			SKIP(return, "Cannot mount a mqueue filesystem: %s", \
				   strerror(self->mq_errno));                \
	} while (0)

FIXTURE_SETUP(objects)
{
	scratch_setup(_metadata, &self->scratch);
	create_dir(_metadata, "mq");
	if (enter_mount_ns() || unshare(CLONE_NEWIPC)) {
		self->mq_errno = errno;
		return;
	}
	/* ENODEV: a kernel without CONFIG_POSIX_MQUEUE. */
	if (mount("mqueue", "mq", "mqueue", 0, NULL)) {
		self->mq_errno = errno;
		return;
	}
	ASSERT_EQ(0, test_mq_open(QUEUE, O_CREAT | O_RDWR));
}

FIXTURE_TEARDOWN(objects)
{
	scratch_teardown(_metadata, &self->scratch);
}

/* Message queues: denied without a rule, through the internal mount. */
TEST_F(objects, mq_open_denied)
{
	REQUIRE_MQUEUE();
	sandbox(_metadata, READ_WRITE, NULL);
	ASSERT_EQ(EACCES, test_mq_open(QUEUE, O_RDONLY));
	ASSERT_EQ(EACCES, test_mq_open(QUEUE, O_WRONLY));
	ASSERT_EQ(EACCES, test_mq_open(QUEUE, O_RDWR));
	/* Opening the new queue fails once it is created. */
	ASSERT_EQ(EACCES, test_mq_open(QUEUE "-new", O_CREAT | O_RDONLY));
	/* Seen through the user mount too. */
	ASSERT_EQ(EACCES, test_open("mq" QUEUE, O_RDONLY));
}

/* A rule on the root of the mqueue filesystem covers every queue. */
TEST_F(objects, mq_open_allowed_by_rule)
{
	REQUIRE_MQUEUE();
	sandbox_one(_metadata, READ_WRITE, "mq",
		    RIGHT(READ_FILE) | RIGHT(WRITE_FILE));
	ASSERT_EQ(0, test_mq_open(QUEUE, O_RDWR));
	ASSERT_EQ(0, test_mq_open(QUEUE "-new", O_CREAT | O_RDWR));
	ASSERT_EQ(0, test_open("mq" QUEUE, O_RDONLY));
	/* The rule grants no more than it says. */
	ASSERT_EQ(EACCES, test_open("mq", O_RDONLY | O_DIRECTORY));
}

/* A rule on one queue (a file rule) covers that queue only. */
TEST_F(objects, mq_open_rule_on_queue)
{
	REQUIRE_MQUEUE();
	ASSERT_EQ(0, test_mq_open(QUEUE "-other", O_CREAT | O_RDWR));
	sandbox_one(_metadata, READ_WRITE, "mq" QUEUE, RIGHT(READ_FILE));
	ASSERT_EQ(0, test_mq_open(QUEUE, O_RDONLY));
	ASSERT_EQ(EACCES, test_mq_open(QUEUE, O_WRONLY));
	ASSERT_EQ(EACCES, test_mq_open(QUEUE "-other", O_RDONLY));
}

/* Rights that the domain does not handle stay allowed. */
TEST_F(objects, mq_open_unhandled)
{
	REQUIRE_MQUEUE();
	sandbox(_metadata, RIGHT(EXECUTE), NULL);
	ASSERT_EQ(0, test_mq_open(QUEUE, O_RDWR));
}

/*
 * Objects that escape the checks
 */

/* Kinds of object reached through /proc/self/fd/. */
enum object_kind {
	OBJECT_PIPE,
	OBJECT_SOCKET,
	OBJECT_EVENTFD,
	OBJECT_MEMFD,
	OBJECT_NAMESPACE,
};

/* Creates an object of @kind: returns a file descriptor, or -errno. */
static int new_object(const enum object_kind kind)
{
	int fds[2], fd = -1;

	switch (kind) {
	case OBJECT_PIPE:
		/* The write end stays open: reopening does not block. */
		if (pipe2(fds, O_CLOEXEC))
			return -errno;
		return fds[0];
	case OBJECT_SOCKET:
		fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
		break;
	case OBJECT_EVENTFD:
		fd = eventfd(0, EFD_CLOEXEC);
		break;
	case OBJECT_MEMFD:
		fd = memfd_create("landlock-selftest", MFD_CLOEXEC);
		break;
	case OBJECT_NAMESPACE:
		fd = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
		break;
	}
	return fd < 0 ? -errno : fd;
}

/*
 * Reopens a new object of @kind through /proc/self/fd/ with @flags (in a
 * sandbox handling READ_WRITE without any rule if @sandboxed; /proc itself
 * is then denied, hence the file descriptor opened on /proc/self/fd
 * before): returns 0 or errno.
 */
static int reopen_object(struct __test_metadata *const _metadata,
			 const enum object_kind kind, const int flags,
			 const bool sandboxed)
{
	const int fd_dir = open("/proc/self/fd", O_PATH | O_CLOEXEC);
	const int fd = new_object(kind);
	char name[16];
	int err = 0, reopened;

	if (fd_dir < 0 || fd < 0)
		return 255;
	snprintf(name, sizeof(name), "%d", fd);
	if (sandboxed)
		sandbox(_metadata, READ_WRITE, NULL);
	reopened = openat(fd_dir, name, flags | O_CLOEXEC);
	if (reopened < 0)
		err = errno;
	else
		close(reopened);
	close(fd);
	close(fd_dir);
	return err;
}

/* Reopens an object in a child: returns the errno it got. */
static int reopen_in_child(struct __test_metadata *const _metadata,
			   const enum object_kind kind, const int flags,
			   const bool sandboxed)
{
	const pid_t child = fork();

	ASSERT_LE(0, child);
	if (child == 0)
		_exit(reopen_object(_metadata, kind, flags, sandboxed));
	return wait_child(_metadata, child);
}

FIXTURE(unchecked)
{
	int unused;
};

FIXTURE_VARIANT(unchecked)
{
	enum object_kind kind;
	int flags;
};

/* clang-format off */
FIXTURE_VARIANT_ADD(unchecked, pipe_read) {
	/* clang-format on */
	.kind = OBJECT_PIPE,
	.flags = O_RDONLY,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(unchecked, pipe_write) {
	/* clang-format on */
	.kind = OBJECT_PIPE,
	.flags = O_WRONLY,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(unchecked, socket) {
	/* clang-format on */
	.kind = OBJECT_SOCKET,
	.flags = O_RDWR,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(unchecked, eventfd) {
	/* clang-format on */
	.kind = OBJECT_EVENTFD,
	.flags = O_RDWR,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(unchecked, memfd_read) {
	/* clang-format on */
	.kind = OBJECT_MEMFD,
	.flags = O_RDONLY,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(unchecked, memfd_write_truncate) {
	/* clang-format on */
	.kind = OBJECT_MEMFD,
	.flags = O_RDWR | O_TRUNC,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(unchecked, namespace) {
	/* clang-format on */
	.kind = OBJECT_NAMESPACE,
	.flags = O_RDONLY,
};

FIXTURE_SETUP(unchecked)
{
}

FIXTURE_TEARDOWN(unchecked)
{
}

TEST_F(unchecked, same_as_outside)
{
	const int outside = reopen_in_child(_metadata, variant->kind,
					    variant->flags, false);

	ASSERT_NE(255, outside);
	ASSERT_EQ(outside, reopen_in_child(_metadata, variant->kind,
					   variant->flags, true));
}

/* A memfd's truncation is not restricted either. */
TEST(memfd_truncate)
{
	const int fd = memfd_create("landlock-selftest", MFD_CLOEXEC);

	ASSERT_LE(0, fd);
	sandbox(_metadata, READ_WRITE | RIGHT(TRUNCATE), NULL);
	ASSERT_EQ(0, ftruncate(fd, 4096));
	ASSERT_EQ(0, close(fd));
}

/*
 * Rules cannot be tied to files outside of any user-visible hierarchy: the
 * internal mounts and the pseudo filesystems.
 */
TEST(no_rule_on_internal_objects)
{
	const enum object_kind kinds[] = {
		OBJECT_PIPE,  OBJECT_SOCKET,	OBJECT_EVENTFD,
		OBJECT_MEMFD, OBJECT_NAMESPACE,
	};
	struct landlock_path_beneath_attr attr = {
		.allowed_access = RIGHT(READ_FILE),
	};
	const int ruleset_fd = create_ruleset(_metadata, READ_WRITE, NULL);
	size_t i;

	for (i = 0; i < ARRAY_SIZE(kinds); i++) {
		attr.parent_fd = new_object(kinds[i]);
		ASSERT_LE(0, attr.parent_fd);
		ASSERT_EQ(-1, landlock_add_rule(ruleset_fd,
						LANDLOCK_RULE_PATH_BENEATH,
						&attr, 0));
		ASSERT_EQ(EBADFD, errno)
		{
			TH_LOG("object kind %d", kinds[i]);
		}
		ASSERT_EQ(0, close(attr.parent_fd));
	}
	ASSERT_EQ(0, close(ruleset_fd));
}

/*
 * securityfs links into AppArmor's own internal mount: what is under them
 * is checked, and denied, since no rule can reach that mount.
 */
#define AA_POLICY "/sys/kernel/security/apparmor/policy"

TEST(securityfs_link_to_internal_mount)
{
	struct landlock_path_beneath_attr attr = {
		.allowed_access = RIGHT(READ_FILE),
	};
	int ruleset_fd;

	if (access(AA_POLICY, F_OK))
		SKIP(return, "No AppArmor policy directory");
	attr.parent_fd = open(AA_POLICY, O_PATH | O_CLOEXEC);
	ASSERT_LE(0, attr.parent_fd);
	ruleset_fd = create_ruleset(_metadata, READ_WRITE, NULL);
	ASSERT_EQ(-1, landlock_add_rule(ruleset_fd, LANDLOCK_RULE_PATH_BENEATH,
					&attr, 0));
	ASSERT_EQ(EBADFD, errno);
	ASSERT_EQ(0, close(attr.parent_fd));
	ASSERT_EQ(0, close(ruleset_fd));

	/* Even a rule on securityfs's root does not reach it. */
	sandbox_one(_metadata, READ_WRITE, "/sys/kernel/security", READ_WRITE);
	ASSERT_EQ(0, test_open("/sys/kernel/security/lsm", O_RDONLY));
	ASSERT_EQ(EACCES, test_open(AA_POLICY, O_RDONLY | O_DIRECTORY));
	ASSERT_EQ(EACCES, test_open(AA_POLICY "/.remove", O_WRONLY));
	ASSERT_EQ(EACCES, test_open(AA_POLICY "/profiles", O_RDONLY));
}

LANDLOCK_HARNESS_MAIN
