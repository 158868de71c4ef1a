// SPDX-License-Identifier: GPL-2.0
/*
 * Landlock selftests: truncating files (ABI 3)
 *
 * truncate(2) needs TRUNCATE on the path.  For ftruncate(2), the right is
 * decided when the file is opened and stays with the open file, wherever
 * it goes.  open(O_TRUNC) and creat(2) of an existing file need it too.
 * File sizes show whether a truncation happened.
 *
 * The tests use the layout described in fs_common.h.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fs_common.h"

FIXTURE(truncate)
{
	struct scratch scratch;
};

FIXTURE_SETUP(truncate)
{
	scratch_setup(_metadata, &self->scratch);
	create_layout(_metadata);
}

FIXTURE_TEARDOWN(truncate)
{
	scratch_teardown(_metadata, &self->scratch);
}

/* Returns 0 if ftruncate(@fd, @length) succeeded, else errno. */
static int test_ftruncate(const int fd, const off_t length)
{
	return ERR(ftruncate(fd, length));
}

/* Opens @path with @flags, asserting success. */
static int open_ok(struct __test_metadata *_metadata, const char *const path,
		   const int flags)
{
	const int fd = open(path, flags | O_CLOEXEC, 0600);

	ASSERT_LE(0, fd)
	{
		TH_LOG("Failed to open \"%s\": %s", path, strerror(errno));
	}
	return fd;
}

/* truncate(2) */

TEST_F(truncate, path_allowed)
{
	sandbox_one(_metadata, RIGHT(TRUNCATE), S1D1, RIGHT(TRUNCATE));
	ASSERT_EQ(0, ERR(truncate(S1D1F1, 0)));
	ASSERT_EQ(0, file_size(S1D1F1));
	ASSERT_EQ(0, ERR(truncate(S1D3F1, 2)));
	ASSERT_EQ(2, file_size(S1D3F1));
	/* Growing a file is truncating it too. */
	ASSERT_EQ(0, ERR(truncate(S1D2F1, 100)));
	ASSERT_EQ(100, file_size(S1D2F1));
}

TEST_F(truncate, path_denied)
{
	sandbox_one(_metadata, RIGHT(TRUNCATE), S1D1, RIGHT(TRUNCATE));
	ASSERT_EQ(EACCES, ERR(truncate(S2D1F1, 0)));
	ASSERT_EQ(EACCES, ERR(truncate(S2D2F1, 100)));
	ASSERT_EQ(DATA_SIZE, file_size(S2D1F1));
	ASSERT_EQ(DATA_SIZE, file_size(S2D2F1));
	/* Writing is not handled. */
	ASSERT_EQ(0, test_open(S2D1F1, O_WRONLY));
}

TEST_F(truncate, path_without_write_right)
{
	/* Neither needs the other. */
	sandbox(_metadata, RIGHT(TRUNCATE) | RIGHT(WRITE_FILE),
		(const struct rule[]){
			{ S1D1, RIGHT(TRUNCATE) },
			{ S2D1, RIGHT(WRITE_FILE) },
			{},
		});
	ASSERT_EQ(EACCES, test_open(S1D1F1, O_WRONLY));
	ASSERT_EQ(0, ERR(truncate(S1D1F1, 1)));
	ASSERT_EQ(1, file_size(S1D1F1));
	ASSERT_EQ(0, test_open(S2D1F1, O_WRONLY));
	ASSERT_EQ(EACCES, ERR(truncate(S2D1F1, 1)));
	ASSERT_EQ(DATA_SIZE, file_size(S2D1F1));
}

TEST_F(truncate, not_a_file)
{
	/* The VFS refuses first, as without Landlock. */
	sandbox(_metadata, RIGHT(TRUNCATE), NULL);
	ASSERT_EQ(EISDIR, ERR(truncate(S1D1, 0)));
	ASSERT_EQ(ENOENT, ERR(truncate(S1D1 "/nothing", 0)));
}

TEST_F(truncate, rule_on_file)
{
	sandbox_one(_metadata, RIGHT(TRUNCATE), S1D1F1, RIGHT(TRUNCATE));
	ASSERT_EQ(0, ERR(truncate(S1D1F1, 0)));
	ASSERT_EQ(EACCES, ERR(truncate(S1D1F2, 0)));
	ASSERT_EQ(0, file_size(S1D1F1));
	ASSERT_EQ(DATA_SIZE, file_size(S1D1F2));
}

TEST_F(truncate, layers)
{
	sandbox_one(_metadata, RIGHT(TRUNCATE), S1D1, RIGHT(TRUNCATE));
	sandbox_one(_metadata, RIGHT(TRUNCATE), S1D2, RIGHT(TRUNCATE));
	ASSERT_EQ(EACCES, ERR(truncate(S1D1F1, 0)));
	ASSERT_EQ(0, ERR(truncate(S1D2F1, 0)));
	ASSERT_EQ(0, ERR(truncate(S1D3F1, 0)));
	ASSERT_EQ(DATA_SIZE, file_size(S1D1F1));
}

TEST_F(truncate, layer_not_handling)
{
	sandbox_one(_metadata, RIGHT(TRUNCATE), S1D1, RIGHT(TRUNCATE));
	sandbox_one(_metadata, RIGHT(WRITE_FILE), S2D1, RIGHT(WRITE_FILE));
	ASSERT_EQ(0, ERR(truncate(S1D1F1, 0)));
	ASSERT_EQ(EACCES, ERR(truncate(S2D1F1, 0)));
}

/* ftruncate(2) */

TEST_F(truncate, ftruncate_opened_in_sandbox)
{
	int fd_allowed, fd_denied;

	sandbox(_metadata, RIGHT(TRUNCATE) | RIGHT(WRITE_FILE),
		(const struct rule[]){
			{ S1D1, RIGHT(TRUNCATE) | RIGHT(WRITE_FILE) },
			{ S2D1, RIGHT(WRITE_FILE) },
			{},
		});
	fd_allowed = open_ok(_metadata, S1D1F1, O_WRONLY);
	fd_denied = open_ok(_metadata, S2D1F1, O_RDWR);
	ASSERT_EQ(0, test_ftruncate(fd_allowed, 0));
	ASSERT_EQ(0, fd_size(fd_allowed));
	ASSERT_EQ(EACCES, test_ftruncate(fd_denied, 0));
	ASSERT_EQ(EACCES, test_ftruncate(fd_denied, 100));
	ASSERT_EQ(DATA_SIZE, fd_size(fd_denied));
	/* Writing through it is fine. */
	ASSERT_EQ(3, write(fd_denied, "abc", 3));
	ASSERT_EQ(0, close(fd_allowed));
	ASSERT_EQ(0, close(fd_denied));
}

TEST_F(truncate, ftruncate_opened_before)
{
	const int fd = open_ok(_metadata, S2D1F1, O_WRONLY);

	sandbox(_metadata, ACCESS_FS_ALL, NULL);
	ASSERT_EQ(0, test_ftruncate(fd, 1));
	ASSERT_EQ(1, fd_size(fd));
	ASSERT_EQ(EACCES, ERR(truncate(S2D1F1, 0)));
	ASSERT_EQ(1, file_size(S2D1F1));
	ASSERT_EQ(0, close(fd));
}

TEST_F(truncate, ftruncate_right_kept_by_file)
{
	int fd1, fd2, fd_dup;

	sandbox_one(_metadata, RIGHT(TRUNCATE), S1D1, RIGHT(TRUNCATE));
	fd1 = open_ok(_metadata, S1D1F1, O_WRONLY);
	/* A new layer does not change what the file allows. */
	sandbox(_metadata, RIGHT(TRUNCATE), NULL);
	fd2 = open_ok(_metadata, S1D1F2, O_WRONLY);
	fd_dup = dup(fd1);
	ASSERT_LE(0, fd_dup);
	ASSERT_EQ(0, test_ftruncate(fd1, 1));
	ASSERT_EQ(0, test_ftruncate(fd_dup, 2));
	ASSERT_EQ(2, file_size(S1D1F1));
	ASSERT_EQ(EACCES, test_ftruncate(fd2, 1));
	ASSERT_EQ(EACCES, ERR(truncate(S1D1F1, 0)));
	ASSERT_EQ(DATA_SIZE, file_size(S1D1F2));
	ASSERT_EQ(0, close(fd1));
	ASSERT_EQ(0, close(fd2));
	ASSERT_EQ(0, close(fd_dup));
}

TEST_F(truncate, ftruncate_reopened_through_proc)
{
	const int fd = open_ok(_metadata, S1D1F1, O_RDWR);
	char path[64];
	int fd2;

	sandbox(_metadata, RIGHT(TRUNCATE), NULL);
	/* Opening again is a new open, checked now. */
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	fd2 = open_ok(_metadata, path, O_WRONLY);
	ASSERT_EQ(EACCES, test_ftruncate(fd2, 0));
	ASSERT_EQ(0, test_ftruncate(fd, 1));
	ASSERT_EQ(1, file_size(S1D1F1));
	ASSERT_EQ(0, close(fd));
	ASSERT_EQ(0, close(fd2));
}

TEST_F(truncate, ftruncate_inherited)
{
	int fd_allowed, fd_denied;
	pid_t pid;

	sandbox_one(_metadata, RIGHT(TRUNCATE), S1D1, RIGHT(TRUNCATE));
	fd_allowed = open_ok(_metadata, S1D1F1, O_WRONLY);
	fd_denied = open_ok(_metadata, S2D1F1, O_WRONLY);
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		if (test_ftruncate(fd_allowed, 1))
			_exit(1);
		_exit(test_ftruncate(fd_denied, 1));
	}
	ASSERT_EQ(EACCES, wait_child(_metadata, pid));
	ASSERT_EQ(1, file_size(S1D1F1));
	ASSERT_EQ(DATA_SIZE, file_size(S2D1F1));
	ASSERT_EQ(0, close(fd_allowed));
	ASSERT_EQ(0, close(fd_denied));
}

/*
 * A sandboxed child opens @path for writing (with WRITE_FILE, and
 * TRUNCATE if @with_truncate) and sends the file to its unsandboxed parent,
 * which tries ftruncate(): returns its result.
 */
static int ftruncate_passed_fd(struct __test_metadata *_metadata,
			       const char *const path, const bool with_truncate)
{
	const struct rule rules[] = {
		{ ".",
		  RIGHT(WRITE_FILE) | (with_truncate ? RIGHT(TRUNCATE) : 0) },
		{},
	};
	const int fd = open_in_sandbox(_metadata,
				       RIGHT(TRUNCATE) | RIGHT(WRITE_FILE),
				       rules, path, O_WRONLY);
	int err;

	ASSERT_LE(0, fd);
	err = test_ftruncate(fd, 1);
	ASSERT_EQ(0, close(fd));
	return err;
}

TEST_F(truncate, ftruncate_passed_denied)
{
	int fd;

	ASSERT_EQ(EACCES, ftruncate_passed_fd(_metadata, S1D1F1, false));
	ASSERT_EQ(DATA_SIZE, file_size(S1D1F1));
	/* The parent's own open of the same file is not restricted. */
	fd = open_ok(_metadata, S1D1F1, O_WRONLY);
	ASSERT_EQ(0, test_ftruncate(fd, 2));
	ASSERT_EQ(2, file_size(S1D1F1));
	ASSERT_EQ(0, close(fd));
}

TEST_F(truncate, ftruncate_passed_allowed)
{
	ASSERT_EQ(0, ftruncate_passed_fd(_metadata, S1D1F1, true));
	ASSERT_EQ(1, file_size(S1D1F1));
}

TEST_F(truncate, ftruncate_memfd)
{
	int fd;

	/* A file that no open() created is not restricted. */
	sandbox(_metadata, ACCESS_FS_ALL, NULL);
	fd = memfd_create("landlock", MFD_CLOEXEC);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, test_ftruncate(fd, 100));
	ASSERT_EQ(100, fd_size(fd));
	ASSERT_EQ(0, test_ftruncate(fd, 0));
	ASSERT_EQ(0, close(fd));
}

/* open(O_TRUNC) */

TEST_F(truncate, open_trunc_allowed)
{
	const __u64 access = RIGHT(TRUNCATE) | RIGHT(WRITE_FILE) |
			     RIGHT(READ_FILE);

	sandbox_one(_metadata, access, S1D1, access);
	ASSERT_EQ(0, test_open(S1D1F1, O_WRONLY | O_TRUNC));
	ASSERT_EQ(0, file_size(S1D1F1));
	ASSERT_EQ(0, test_open(S1D3F1, O_RDWR | O_TRUNC));
	ASSERT_EQ(0, file_size(S1D3F1));
}

TEST_F(truncate, open_trunc_denied)
{
	sandbox_one(_metadata, RIGHT(TRUNCATE) | RIGHT(WRITE_FILE), S1D1,
		    RIGHT(WRITE_FILE));
	ASSERT_EQ(EACCES, test_open(S1D1F1, O_WRONLY | O_TRUNC));
	ASSERT_EQ(EACCES, test_open(S1D1F1, O_RDWR | O_TRUNC));
	ASSERT_EQ(EACCES, test_open(S1D1F1, O_WRONLY | O_TRUNC | O_APPEND));
	ASSERT_EQ(DATA_SIZE, file_size(S1D1F1));
	ASSERT_EQ(0, test_open(S1D1F1, O_WRONLY));
	ASSERT_EQ(DATA_SIZE, file_size(S1D1F1));
}

TEST_F(truncate, open_trunc_write_not_handled)
{
	sandbox(_metadata, RIGHT(TRUNCATE), NULL);
	ASSERT_EQ(EACCES, test_open(S1D1F1, O_WRONLY | O_TRUNC));
	ASSERT_EQ(DATA_SIZE, file_size(S1D1F1));
	ASSERT_EQ(0, test_open(S1D1F1, O_WRONLY));
}

TEST_F(truncate, open_rdonly_trunc)
{
	/* Truncation without write access to the open file. */
	sandbox(_metadata, RIGHT(TRUNCATE) | RIGHT(READ_FILE),
		(const struct rule[]){
			{ S1D1, RIGHT(TRUNCATE) | RIGHT(READ_FILE) },
			{ S2D1, RIGHT(READ_FILE) },
			{},
		});
	ASSERT_EQ(EACCES, test_open(S2D1F1, O_RDONLY | O_TRUNC));
	ASSERT_EQ(DATA_SIZE, file_size(S2D1F1));
	ASSERT_EQ(0, test_open(S2D1F1, O_RDONLY));
	ASSERT_EQ(0, test_open(S1D1F1, O_RDONLY | O_TRUNC));
	ASSERT_EQ(0, file_size(S1D1F1));
}

TEST_F(truncate, open_trunc_right_kept)
{
	int fd;

	/* A file opened with O_TRUNC may be truncated again. */
	sandbox_one(_metadata, RIGHT(TRUNCATE), S1D1, RIGHT(TRUNCATE));
	fd = open_ok(_metadata, S1D1F1, O_WRONLY | O_TRUNC);
	ASSERT_EQ(0, fd_size(fd));
	ASSERT_EQ(3, write(fd, "abc", 3));
	ASSERT_EQ(0, test_ftruncate(fd, 1));
	ASSERT_EQ(1, fd_size(fd));
	ASSERT_EQ(0, close(fd));
}

TEST_F(truncate, open_trunc_not_a_regular_file)
{
	/* Nothing to truncate: O_TRUNC is ignored for a FIFO. */
	ASSERT_EQ(0, mkfifo(S1D1 "/fifo", 0600));
	sandbox_one(_metadata,
		    RIGHT(TRUNCATE) | RIGHT(WRITE_FILE) | RIGHT(READ_FILE),
		    S1D1, RIGHT(WRITE_FILE) | RIGHT(READ_FILE));
	ASSERT_EQ(0, test_open(S1D1 "/fifo", O_RDWR | O_TRUNC | O_NONBLOCK));
	ASSERT_EQ(EACCES, test_open(S1D1F1, O_RDWR | O_TRUNC));
}

/* creat(2) and O_CREAT */

TEST_F(truncate, creat_existing_denied)
{
	const __u64 access = RIGHT(TRUNCATE) | RIGHT(WRITE_FILE) |
			     RIGHT(MAKE_REG);

	sandbox_one(_metadata, access, S1D1,
		    RIGHT(WRITE_FILE) | RIGHT(MAKE_REG));
	ASSERT_EQ(EACCES, ERR(creat(S1D1F1, 0600)));
	ASSERT_EQ(EACCES, test_open(S1D1F1, O_CREAT | O_TRUNC | O_WRONLY));
	ASSERT_EQ(DATA_SIZE, file_size(S1D1F1));
	/* Without O_TRUNC, or for a new file, TRUNCATE is not needed. */
	ASSERT_EQ(0, test_open(S1D1F1, O_CREAT | O_WRONLY));
	ASSERT_EQ(DATA_SIZE, file_size(S1D1F1));
	ASSERT_EQ(0, test_open(S1D1 "/new", O_CREAT | O_TRUNC | O_WRONLY));
	ASSERT_EQ(0, file_size(S1D1 "/new"));
}

TEST_F(truncate, creat_existing_allowed)
{
	const __u64 access = RIGHT(TRUNCATE) | RIGHT(WRITE_FILE) |
			     RIGHT(MAKE_REG);
	int fd;

	sandbox_one(_metadata, access, S1D1, access);
	fd = creat(S1D1F1, 0600);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, fd_size(fd));
	ASSERT_EQ(0, close(fd));
	ASSERT_EQ(0, test_open(S1D3F1, O_CREAT | O_TRUNC | O_RDWR));
	ASSERT_EQ(0, file_size(S1D3F1));
}

TEST_F(truncate, creat_new_file)
{
	int fd;

	/* A new file needs MAKE_REG (and WRITE_FILE), not TRUNCATE. */
	sandbox(_metadata,
		RIGHT(TRUNCATE) | RIGHT(WRITE_FILE) | RIGHT(MAKE_REG),
		(const struct rule[]){
			{ S1D1, RIGHT(WRITE_FILE) | RIGHT(MAKE_REG) },
			{ S2D1, RIGHT(WRITE_FILE) | RIGHT(TRUNCATE) },
			{},
		});
	fd = creat(S1D1 "/new", 0600);
	ASSERT_LE(0, fd);
	ASSERT_EQ(3, write(fd, "abc", 3));
	/* No TRUNCATE in s1d1: the new file cannot be truncated. */
	ASSERT_EQ(EACCES, test_ftruncate(fd, 0));
	ASSERT_EQ(0, close(fd));
	ASSERT_EQ(EACCES, ERR(creat(S2D1 "/new", 0600)));
	ASSERT_EQ(EACCES, test_open(S2D1 "/new", O_CREAT | O_TRUNC | O_WRONLY));
	ASSERT_EQ(-1, file_size(S2D1 "/new"));
	/* An existing file in s2d1 can be. */
	ASSERT_EQ(0, test_open(S2D1F1, O_CREAT | O_TRUNC | O_WRONLY));
	ASSERT_EQ(0, file_size(S2D1F1));
}

LANDLOCK_HARNESS_MAIN
