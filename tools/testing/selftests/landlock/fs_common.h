/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Landlock selftests: helpers shared by the filesystem tests
 *
 * The tests run in their own scratch directory (the working directory) with
 * this layout, on the guest's /tmp tmpfs:
 *
 *   s1d1/            f1 f2
 *   s1d1/s1d2/       f1 f2
 *   s1d1/s1d2/s1d3/  f1 f2
 *   s2d1/            f1
 *   s2d1/s2d2/       f1
 *   s3d1/            (empty, used as a mount point)
 *
 * Every file is created with the 5 bytes "data\n".
 */

#ifndef _SELFTESTS_LANDLOCK_FS_COMMON_H
#define _SELFTESTS_LANDLOCK_FS_COMMON_H

#include "common.h"

#define S1D1 "s1d1"
#define S1D1F1 S1D1 "/f1"
#define S1D1F2 S1D1 "/f2"
#define S1D2 S1D1 "/s1d2"
#define S1D2F1 S1D2 "/f1"
#define S1D2F2 S1D2 "/f2"
#define S1D3 S1D2 "/s1d3"
#define S1D3F1 S1D3 "/f1"
#define S1D3F2 S1D3 "/f2"
#define S2D1 "s2d1"
#define S2D1F1 S2D1 "/f1"
#define S2D2 S2D1 "/s2d2"
#define S2D2F1 S2D2 "/f1"
#define S3D1 "s3d1"

/* Size of the files of the layout. */
#define DATA_SIZE 5

#define RIGHT(name) LANDLOCK_ACCESS_FS_##name

static void __maybe_unused create_layout(struct __test_metadata *_metadata)
{
	create_dir(_metadata, S1D1);
	create_file(_metadata, S1D1F1);
	create_file(_metadata, S1D1F2);
	create_dir(_metadata, S1D2);
	create_file(_metadata, S1D2F1);
	create_file(_metadata, S1D2F2);
	create_dir(_metadata, S1D3);
	create_file(_metadata, S1D3F1);
	create_file(_metadata, S1D3F2);
	create_dir(_metadata, S2D1);
	create_file(_metadata, S2D1F1);
	create_dir(_metadata, S2D2);
	create_file(_metadata, S2D2F1);
	create_dir(_metadata, S3D1);
}

/* Sandboxes with one rule granting @access on @path, handling @handled. */
static void __maybe_unused sandbox_one(struct __test_metadata *_metadata,
				       const __u64 handled,
				       const char *const path,
				       const __u64 access)
{
	const struct rule rules[] = { { path, access }, {} };

	sandbox(_metadata, handled, rules);
}

/*
 * Opens @path with @flags in a child sandboxed with @handled and @rules
 * (possibly NULL), which must be allowed, and returns the file descriptor
 * that the child sends back: the file keeps the rights decided when the
 * child opened it, whoever uses it.
 */
static int __maybe_unused open_in_sandbox(struct __test_metadata *_metadata,
					  const __u64 handled,
					  const struct rule rules[],
					  const char *const path,
					  const int flags)
{
	int socks[2], fd;
	pid_t pid;

	ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, socks));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		ASSERT_EQ(0, close(socks[0]));
		sandbox(_metadata, handled, rules);
		fd = open(path, flags | O_CLOEXEC);
		if (fd < 0)
			_exit(1);
		if (send_fd(socks[1], fd))
			_exit(2);
		_exit(0);
	}
	ASSERT_EQ(0, close(socks[1]));
	fd = recv_fd(socks[0]);
	ASSERT_EQ(0, wait_child(_metadata, pid));
	ASSERT_EQ(0, close(socks[0]));
	return fd;
}

/*
 * Executes @path as a helper in a child; returns 0 if it ran, the errno of
 * execve(), or the helper's (or interpreter's) non-zero exit code.
 */
static int __maybe_unused test_execute(struct __test_metadata *_metadata,
				       const char *const path)
{
	const pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (pid == 0) {
		execl(path, path, HELPER_ARG, "exit", NULL);
		_exit(errno);
	}
	return wait_child(_metadata, pid);
}

/* renameat2(RENAME_EXCHANGE): returns 0 or errno. */
static int __maybe_unused exchange(const char *const a, const char *const b)
{
	return ERR(syscall(SYS_renameat2, AT_FDCWD, a, AT_FDCWD, b,
			   RENAME_EXCHANGE));
}

/* Returns the size of @path, or -1 if it cannot be known. */
static off_t __maybe_unused file_size(const char *const path)
{
	struct stat st;

	if (stat(path, &st))
		return -1;
	return st.st_size;
}

/* Returns the size of the file open as @fd, or -1. */
static off_t __maybe_unused fd_size(const int fd)
{
	struct stat st;

	if (fstat(fd, &st))
		return -1;
	return st.st_size;
}

/* Tells whether @path is a directory (false if it does not exist). */
static bool __maybe_unused is_dir(const char *const path)
{
	struct stat st;

	return !lstat(path, &st) && S_ISDIR(st.st_mode);
}

/*
 * Fixtures that mount things have a "ns_errno" field set by their setup to
 * the result of enter_mount_ns(): SKIP() from FIXTURE_SETUP() would still
 * run the test.
 */
#define REQUIRE_MOUNT_NS()                                                  \
	do {                                                                \
		if (self->ns_errno)                                         \
			SKIP(return, "Cannot create a mount namespace: %s", \
				   strerror(self->ns_errno));               \
	} while (0)

static void __maybe_unused mount_tmpfs(struct __test_metadata *_metadata,
				       const char *const path)
{
	ASSERT_EQ(0, mount("tmpfs", path, "tmpfs", 0, "size=1m,mode=0700"))
	{
		TH_LOG("Failed to mount a tmpfs on \"%s\": %s", path,
		       strerror(errno));
	}
}

#endif /* _SELFTESTS_LANDLOCK_FS_COMMON_H */
