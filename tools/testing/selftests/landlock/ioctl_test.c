// SPDX-License-Identifier: GPL-2.0
/*
 * Landlock selftests: ioctl(2) on devices (LANDLOCK_ACCESS_FS_IOCTL_DEV, ABI 5)
 *
 * The device is /dev/null: it has no ioctl of its own, so a command that
 * Landlock lets through fails with ENOTTY, and one that Landlock refuses
 * fails with EACCES.  Built with -m32, the same tests go through the 32-bit
 * compat ioctl(2).
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "fs_common.h"

#define DEV_DIR "/dev"
#define DEV_NULL DEV_DIR "/null"

FIXTURE(ioctl)
{
	struct scratch scratch;
};

FIXTURE_SETUP(ioctl)
{
	struct stat st;

	scratch_setup(_metadata, &self->scratch);
	create_layout(_metadata);
	ASSERT_EQ(0, stat(DEV_NULL, &st));
	ASSERT_TRUE(S_ISCHR(st.st_mode));
}

FIXTURE_TEARDOWN(ioctl)
{
	scratch_teardown(_metadata, &self->scratch);
}

/* Returns 0 if ioctl(@fd, @cmd) succeeded, else errno. */
static int test_ioctl(const int fd, const unsigned long cmd)
{
	int arg = 0;

	return ERR(ioctl(fd, cmd, &arg));
}

static int open_null(struct __test_metadata *_metadata)
{
	const int fd = open(DEV_NULL, O_RDWR | O_CLOEXEC);

	ASSERT_LE(0, fd);
	return fd;
}

/* The right to open is not needed to hold the ioctl right, and vice versa. */
TEST_F(ioctl, denied_without_rule)
{
	int fd;

	sandbox(_metadata, RIGHT(IOCTL_DEV), NULL);
	fd = open_null(_metadata);
	ASSERT_EQ(EACCES, test_ioctl(fd, FIONREAD));
	ASSERT_EQ(EACCES, test_ioctl(fd, TCGETS));
	ASSERT_EQ(0, close(fd));
}

TEST_F(ioctl, allowed_by_rule_on_device)
{
	int fd;

	sandbox_one(_metadata, RIGHT(IOCTL_DEV), DEV_NULL, RIGHT(IOCTL_DEV));
	fd = open_null(_metadata);
	ASSERT_EQ(ENOTTY, test_ioctl(fd, FIONREAD));
	ASSERT_EQ(0, close(fd));
}

TEST_F(ioctl, allowed_by_rule_on_directory)
{
	int fd;

	sandbox_one(_metadata, RIGHT(IOCTL_DEV), DEV_DIR, RIGHT(IOCTL_DEV));
	fd = open_null(_metadata);
	ASSERT_EQ(ENOTTY, test_ioctl(fd, FIONREAD));
	ASSERT_EQ(0, close(fd));
}

TEST_F(ioctl, rule_elsewhere)
{
	int fd;

	sandbox_one(_metadata, RIGHT(IOCTL_DEV), S1D1, RIGHT(IOCTL_DEV));
	fd = open_null(_metadata);
	ASSERT_EQ(EACCES, test_ioctl(fd, FIONREAD));
	ASSERT_EQ(0, close(fd));
}

TEST_F(ioctl, not_handled)
{
	int fd;

	/* A domain restricting other rights only. */
	sandbox_one(_metadata, RIGHT(READ_FILE) | RIGHT(WRITE_FILE), DEV_DIR,
		    RIGHT(READ_FILE) | RIGHT(WRITE_FILE));
	fd = open_null(_metadata);
	ASSERT_EQ(ENOTTY, test_ioctl(fd, FIONREAD));
	ASSERT_EQ(0, close(fd));
}

TEST_F(ioctl, other_rights_do_not_grant_it)
{
	const __u64 all_but_ioctl = ACCESS_FS_FILE & ~RIGHT(IOCTL_DEV);
	int fd;

	sandbox_one(_metadata, ACCESS_FS_FILE, DEV_NULL, all_but_ioctl);
	fd = open_null(_metadata);
	ASSERT_EQ(EACCES, test_ioctl(fd, FIONREAD));
	ASSERT_EQ(0, close(fd));
}

TEST_F(ioctl, every_layer_must_grant)
{
	int fd;

	sandbox_one(_metadata, RIGHT(IOCTL_DEV), DEV_DIR, RIGHT(IOCTL_DEV));
	sandbox_one(_metadata, RIGHT(IOCTL_DEV), S1D1, RIGHT(IOCTL_DEV));
	fd = open_null(_metadata);
	ASSERT_EQ(EACCES, test_ioctl(fd, FIONREAD));
	ASSERT_EQ(0, close(fd));
}

TEST_F(ioctl, layer_not_handling_it)
{
	int fd;

	sandbox_one(_metadata, RIGHT(IOCTL_DEV), DEV_NULL, RIGHT(IOCTL_DEV));
	sandbox_one(_metadata, RIGHT(READ_FILE) | RIGHT(WRITE_FILE), DEV_DIR,
		    RIGHT(READ_FILE) | RIGHT(WRITE_FILE));
	fd = open_null(_metadata);
	ASSERT_EQ(ENOTTY, test_ioctl(fd, FIONREAD));
	ASSERT_EQ(0, close(fd));
}

/* Commands on the file descriptor or the file system are never refused. */
TEST_F(ioctl, generic_commands_allowed)
{
	int fd, flags;

	sandbox(_metadata, RIGHT(IOCTL_DEV), NULL);
	fd = open_null(_metadata);
	ASSERT_EQ(0, test_ioctl(fd, FIONCLEX));
	flags = fcntl(fd, F_GETFD);
	ASSERT_EQ(0, flags & FD_CLOEXEC);
	ASSERT_EQ(0, test_ioctl(fd, FIOCLEX));
	flags = fcntl(fd, F_GETFD);
	ASSERT_EQ(FD_CLOEXEC, flags & FD_CLOEXEC);
	ASSERT_EQ(0, test_ioctl(fd, FIONBIO));
	ASSERT_EQ(0, test_ioctl(fd, FIOASYNC));
	ASSERT_EQ(0, test_ioctl(fd, FIGETBSZ));
	/* Only answered for regular files, directories and symlinks. */
	ASSERT_EQ(ENOTTY, test_ioctl(fd, FIOQSIZE));
	/* Not in the list: the device decides, so Landlock does. */
	ASSERT_EQ(EACCES, test_ioctl(fd, FIONREAD));
	ASSERT_EQ(0, close(fd));
}

/* Only character and block devices are concerned. */
TEST_F(ioctl, regular_file_not_concerned)
{
	int fd, avail = -1;

	sandbox(_metadata, RIGHT(IOCTL_DEV), NULL);
	fd = open(S1D1F1, O_RDONLY | O_CLOEXEC);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, ioctl(fd, FIONREAD, &avail));
	ASSERT_EQ(DATA_SIZE, avail);
	ASSERT_EQ(0, close(fd));
}

TEST_F(ioctl, pipe_not_concerned)
{
	int fds[2], avail = -1;

	sandbox(_metadata, RIGHT(IOCTL_DEV), NULL);
	ASSERT_EQ(0, pipe2(fds, O_CLOEXEC));
	ASSERT_EQ(1, write(fds[1], "x", 1));
	ASSERT_EQ(0, ioctl(fds[0], FIONREAD, &avail));
	ASSERT_EQ(1, avail);
	ASSERT_EQ(0, close(fds[0]));
	ASSERT_EQ(0, close(fds[1]));
}

/* The right is decided at open(2) and stays with the open file. */
TEST_F(ioctl, opened_before_sandbox)
{
	const int fd = open_null(_metadata);

	sandbox(_metadata, RIGHT(IOCTL_DEV), NULL);
	ASSERT_EQ(ENOTTY, test_ioctl(fd, FIONREAD));
	ASSERT_EQ(0, close(fd));
}

TEST_F(ioctl, kept_after_more_layers)
{
	int fd;

	sandbox_one(_metadata, RIGHT(IOCTL_DEV), DEV_NULL, RIGHT(IOCTL_DEV));
	fd = open_null(_metadata);
	sandbox(_metadata, RIGHT(IOCTL_DEV), NULL);
	ASSERT_EQ(ENOTTY, test_ioctl(fd, FIONREAD));
	ASSERT_EQ(0, close(fd));
}

/*
 * A sandboxed child opens /dev/null (with the ioctl right if @granted) and
 * sends it to its unsandboxed parent, which tries an ioctl: returns errno.
 */
static int ioctl_passed_fd(struct __test_metadata *_metadata,
			   const bool granted)
{
	const struct rule rules[] = { { DEV_NULL, RIGHT(IOCTL_DEV) }, {} };
	const int fd = open_in_sandbox(_metadata, RIGHT(IOCTL_DEV),
				       granted ? rules : NULL, DEV_NULL,
				       O_RDWR);
	int err;

	ASSERT_LE(0, fd);
	err = test_ioctl(fd, FIONREAD);
	ASSERT_EQ(0, close(fd));
	return err;
}

TEST_F(ioctl, passed_fd_keeps_denial)
{
	const int fd = open_null(_metadata);

	ASSERT_EQ(EACCES, ioctl_passed_fd(_metadata, false));
	/* The parent's own open of the device is not restricted. */
	ASSERT_EQ(ENOTTY, test_ioctl(fd, FIONREAD));
	ASSERT_EQ(0, close(fd));
}

TEST_F(ioctl, passed_fd_keeps_grant)
{
	ASSERT_EQ(ENOTTY, ioctl_passed_fd(_metadata, true));
}

TEST_F(ioctl, inherited_by_child)
{
	const int fd = open_null(_metadata);
	pid_t pid;

	sandbox(_metadata, RIGHT(IOCTL_DEV), NULL);
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		const int child_fd = open(DEV_NULL, O_RDWR | O_CLOEXEC);

		/* The inherited file keeps its right, a new one has none. */
		if (test_ioctl(fd, FIONREAD) != ENOTTY)
			_exit(1);
		if (child_fd < 0 || test_ioctl(child_fd, FIONREAD) != EACCES)
			_exit(2);
		_exit(0);
	}
	ASSERT_EQ(0, wait_child(_metadata, pid));
	ASSERT_EQ(0, close(fd));
}

/* A rule on a non-directory may hold it. */
TEST_F(ioctl, rule_on_regular_file_accepted)
{
	const __u64 handled = RIGHT(IOCTL_DEV);
	const int ruleset_fd = create_ruleset(_metadata, handled, NULL);

	add_path_rule(_metadata, ruleset_fd, S1D1F1, handled);
	ASSERT_EQ(0, close(ruleset_fd));
}

TEST_HARNESS_MAIN
