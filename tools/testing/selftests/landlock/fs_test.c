// SPDX-License-Identifier: GPL-2.0
/*
 * Landlock selftests: filesystem access control
 *
 * Each test runs in its own scratch directory with the layout described in
 * fs_common.h.
 */

#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <unistd.h>

#include "fs_common.h"

FIXTURE(layout)
{
	struct scratch scratch;
};

FIXTURE_SETUP(layout)
{
	scratch_setup(_metadata, &self->scratch);
	create_layout(_metadata);
}

FIXTURE_TEARDOWN(layout)
{
	scratch_teardown(_metadata, &self->scratch);
}

static int test_mknod(const char *const path, const mode_t type,
		      const dev_t dev)
{
	return ERR(mknod(path, type | 0600, dev));
}

static int test_bind_unix(const char *const path)
{
	struct sockaddr_un addr = {
		.sun_family = AF_UNIX,
	};
	int fd, err = 0;

	strncpy(addr.sun_path, path, sizeof(addr.sun_path) - 1);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	if (bind(fd, (struct sockaddr *)&addr, sizeof(addr)))
		err = errno;
	close(fd);
	return err;
}

/* Expected result of creating a device node once Landlock allows it. */
static int mknod_dev_result(void)
{
	return has_cap(CAP_MKNOD) ? 0 : EPERM;
}

/* Reads the entries of an open directory: returns their number or -1. */
static int count_entries(const int dir_fd)
{
	char buf[4096];
	long len, count = 0, pos;

	while ((len = syscall(SYS_getdents64, dir_fd, buf, sizeof(buf))) > 0) {
		for (pos = 0; pos < len;) {
			const struct dirent64 *const ent = (void *)(buf + pos);

			count++;
			pos += ent->d_reclen;
		}
	}
	return len < 0 ? -1 : count;
}

/* One right at a time */

TEST_F(layout, execute_allowed)
{
	copy_self(_metadata, S1D1 "/bin");
	copy_self(_metadata, S1D3 "/bin");
	sandbox_one(_metadata, RIGHT(EXECUTE), S1D1, RIGHT(EXECUTE));
	ASSERT_EQ(0, test_execute(_metadata, S1D1 "/bin"));
	ASSERT_EQ(0, test_execute(_metadata, S1D3 "/bin"));
}

TEST_F(layout, execute_denied)
{
	copy_self(_metadata, S2D1 "/bin");
	ASSERT_EQ(0, test_execute(_metadata, S2D1 "/bin"));
	sandbox_one(_metadata, RIGHT(EXECUTE), S1D1, RIGHT(EXECUTE));
	ASSERT_EQ(EACCES, test_execute(_metadata, S2D1 "/bin"));
	/* Reading the program is not executing it. */
	ASSERT_EQ(0, test_open(S2D1 "/bin", O_RDONLY));
}

TEST_F(layout, execute_rule_on_file)
{
	copy_self(_metadata, S1D1 "/bin");
	copy_self(_metadata, S1D1 "/bin2");
	sandbox_one(_metadata, RIGHT(EXECUTE), S1D1 "/bin", RIGHT(EXECUTE));
	ASSERT_EQ(0, test_execute(_metadata, S1D1 "/bin"));
	ASSERT_EQ(EACCES, test_execute(_metadata, S1D1 "/bin2"));
}

TEST_F(layout, write_file_allowed)
{
	sandbox_one(_metadata, RIGHT(WRITE_FILE), S1D1, RIGHT(WRITE_FILE));
	ASSERT_EQ(0, test_open(S1D1F1, O_WRONLY));
	ASSERT_EQ(0, test_open(S1D3F1, O_WRONLY));
	ASSERT_EQ(0, test_open(S1D3F1, O_RDWR));
	ASSERT_EQ(0, test_open(S1D3F1, O_WRONLY | O_APPEND));
}

TEST_F(layout, write_file_denied)
{
	sandbox_one(_metadata, RIGHT(WRITE_FILE), S1D1, RIGHT(WRITE_FILE));
	ASSERT_EQ(EACCES, test_open(S2D1F1, O_WRONLY));
	ASSERT_EQ(EACCES, test_open(S2D1F1, O_RDWR));
	ASSERT_EQ(EACCES, test_open(S2D2F1, O_WRONLY | O_APPEND));
	/* Reading is not handled. */
	ASSERT_EQ(0, test_open(S2D1F1, O_RDONLY));
}

TEST_F(layout, read_file_allowed)
{
	char buf[8];
	int fd;

	sandbox_one(_metadata, RIGHT(READ_FILE), S1D1, RIGHT(READ_FILE));
	fd = open(S1D3F1, O_RDONLY | O_CLOEXEC);
	ASSERT_LE(0, fd);
	ASSERT_EQ(5, read(fd, buf, sizeof(buf)));
	ASSERT_EQ(0, close(fd));
	ASSERT_EQ(0, test_open(S1D1F1, O_RDONLY));
	ASSERT_EQ(0, test_open(S1D1F2, O_RDWR));
}

TEST_F(layout, read_file_denied)
{
	sandbox_one(_metadata, RIGHT(READ_FILE), S1D1, RIGHT(READ_FILE));
	ASSERT_EQ(EACCES, test_open(S2D1F1, O_RDONLY));
	ASSERT_EQ(EACCES, test_open(S2D2F1, O_RDWR));
	/* Writing is not handled. */
	ASSERT_EQ(0, test_open(S2D1F1, O_WRONLY));
}

TEST_F(layout, read_write_needs_both)
{
	const struct rule rules[] = { { S1D1, RIGHT(READ_FILE) },
				      { S1D2, RIGHT(WRITE_FILE) },
				      {} };

	sandbox(_metadata, RIGHT(READ_FILE) | RIGHT(WRITE_FILE), rules);
	ASSERT_EQ(EACCES, test_open(S1D1F1, O_RDWR));
	ASSERT_EQ(EACCES, test_open(S1D1F1, O_WRONLY));
	ASSERT_EQ(0, test_open(S1D1F1, O_RDONLY));
	/* Rules met on the way up add up. */
	ASSERT_EQ(0, test_open(S1D2F1, O_RDWR));
	ASSERT_EQ(0, test_open(S1D3F1, O_RDWR));
}

TEST_F(layout, read_dir_allowed)
{
	int fd;

	sandbox_one(_metadata, RIGHT(READ_DIR), S1D1, RIGHT(READ_DIR));
	fd = open(S1D1, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	ASSERT_LE(0, fd);
	/* ".", "..", f1, f2 and s1d2. */
	ASSERT_EQ(5, count_entries(fd));
	ASSERT_EQ(0, close(fd));
	ASSERT_EQ(0, test_open(S1D3, O_RDONLY | O_DIRECTORY));
	ASSERT_EQ(0, test_open(S1D2, O_RDONLY));
}

TEST_F(layout, read_dir_denied)
{
	sandbox_one(_metadata, RIGHT(READ_DIR), S1D1, RIGHT(READ_DIR));
	ASSERT_EQ(EACCES, test_open(S2D1, O_RDONLY | O_DIRECTORY));
	ASSERT_EQ(EACCES, test_open(S2D2, O_RDONLY));
	ASSERT_EQ(EACCES, test_open(".", O_RDONLY));
	ASSERT_EQ(EACCES, test_open("/", O_RDONLY | O_DIRECTORY));
	/* Files are not directories. */
	ASSERT_EQ(0, test_open(S2D1F1, O_RDONLY));
}

TEST_F(layout, remove_dir_allowed)
{
	create_dir(_metadata, S1D1 "/empty");
	create_dir(_metadata, S1D3 "/empty");
	sandbox_one(_metadata, RIGHT(REMOVE_DIR), S1D1, RIGHT(REMOVE_DIR));
	ASSERT_EQ(0, ERR(rmdir(S1D1 "/empty")));
	ASSERT_EQ(0, ERR(rmdir(S1D3 "/empty")));
	ASSERT_EQ(0, ERR(unlinkat(AT_FDCWD, S1D2 "/f1", 0)));
}

TEST_F(layout, remove_dir_denied)
{
	create_dir(_metadata, S2D1 "/empty");
	create_dir(_metadata, S2D2 "/empty");
	sandbox_one(_metadata, RIGHT(REMOVE_DIR), S1D1, RIGHT(REMOVE_DIR));
	ASSERT_EQ(EACCES, ERR(rmdir(S2D1 "/empty")));
	ASSERT_EQ(EACCES, ERR(unlinkat(AT_FDCWD, S2D2 "/empty", AT_REMOVEDIR)));
	/* Removing files is not handled. */
	ASSERT_EQ(0, ERR(unlink(S2D1F1)));
}

TEST_F(layout, remove_dir_rule_on_itself)
{
	/* Removing a directory is an action on its parent. */
	create_dir(_metadata, S2D1 "/empty");
	sandbox_one(_metadata, RIGHT(REMOVE_DIR), S2D1 "/empty",
		    RIGHT(REMOVE_DIR));
	ASSERT_EQ(EACCES, ERR(rmdir(S2D1 "/empty")));
}

TEST_F(layout, remove_file_allowed)
{
	ASSERT_EQ(0, ERR(symlink("f1", S1D2 "/link")));
	ASSERT_EQ(0, test_mknod(S1D3 "/fifo", S_IFIFO, 0));
	sandbox_one(_metadata, RIGHT(REMOVE_FILE), S1D1, RIGHT(REMOVE_FILE));
	ASSERT_EQ(0, ERR(unlink(S1D1F1)));
	ASSERT_EQ(0, ERR(unlink(S1D3F1)));
	ASSERT_EQ(0, ERR(unlink(S1D2 "/link")));
	ASSERT_EQ(0, ERR(unlink(S1D3 "/fifo")));
}

TEST_F(layout, remove_file_denied)
{
	ASSERT_EQ(0, ERR(symlink("f1", S2D1 "/link")));
	ASSERT_EQ(0, test_mknod(S2D2 "/fifo", S_IFIFO, 0));
	create_dir(_metadata, S2D1 "/empty");
	sandbox_one(_metadata, RIGHT(REMOVE_FILE), S1D1, RIGHT(REMOVE_FILE));
	ASSERT_EQ(EACCES, ERR(unlink(S2D1F1)));
	ASSERT_EQ(EACCES, ERR(unlink(S2D2F1)));
	ASSERT_EQ(EACCES, ERR(unlink(S2D1 "/link")));
	ASSERT_EQ(EACCES, ERR(unlinkat(AT_FDCWD, S2D2 "/fifo", 0)));
	/* Removing directories is not handled. */
	ASSERT_EQ(0, ERR(rmdir(S2D1 "/empty")));
}

TEST_F(layout, remove_kinds_distinct)
{
	create_dir(_metadata, S1D1 "/empty");
	sandbox_one(_metadata, RIGHT(REMOVE_DIR) | RIGHT(REMOVE_FILE), S1D1,
		    RIGHT(REMOVE_FILE));
	ASSERT_EQ(EACCES, ERR(rmdir(S1D1 "/empty")));
	ASSERT_EQ(0, ERR(unlink(S1D1F1)));
}

TEST_F(layout, make_char_allowed)
{
	sandbox_one(_metadata, RIGHT(MAKE_CHAR), S1D1, RIGHT(MAKE_CHAR));
	ASSERT_EQ(mknod_dev_result(),
		  test_mknod(S1D1 "/null", S_IFCHR, makedev(1, 3)));
	ASSERT_EQ(mknod_dev_result(),
		  test_mknod(S1D3 "/null", S_IFCHR, makedev(1, 3)));
}

TEST_F(layout, make_char_denied)
{
	sandbox_one(_metadata, RIGHT(MAKE_CHAR), S1D1, RIGHT(MAKE_CHAR));
	ASSERT_EQ(EACCES, test_mknod(S2D2 "/null", S_IFCHR, makedev(1, 3)));
	ASSERT_EQ(0, test_mknod(S2D1 "/fifo", S_IFIFO, 0));
	/* A whiteout is no character device for Landlock (erratum 4). */
	ASSERT_EQ(0, test_mknod(S2D1 "/whiteout", S_IFCHR, makedev(0, 0)));
}

/*
 * Erratum 4: a whiteout (a 0:0 character device, which unprivileged users
 * may create) is created like a regular file, with MAKE_REG.
 */
TEST_F(layout, make_whiteout_needs_make_reg)
{
	sandbox(_metadata, RIGHT(MAKE_REG) | RIGHT(MAKE_CHAR),
		(const struct rule[]){
			{ S1D1, RIGHT(MAKE_REG) },
			{ S2D1, RIGHT(MAKE_CHAR) },
			{},
		});
	ASSERT_EQ(0, test_mknod(S1D1 "/whiteout", S_IFCHR, makedev(0, 0)));
	ASSERT_EQ(EACCES, test_mknod(S2D1 "/whiteout", S_IFCHR, makedev(0, 0)));
	ASSERT_EQ(EACCES, test_mknod(S1D1 "/null", S_IFCHR, makedev(1, 3)));
	ASSERT_EQ(mknod_dev_result(),
		  test_mknod(S2D1 "/null", S_IFCHR, makedev(1, 3)));
}

static int rename_whiteout(const char *const from, const char *const to)
{
	return ERR(syscall(SYS_renameat2, AT_FDCWD, from, AT_FDCWD, to,
			   RENAME_WHITEOUT));
}

/* The whiteout left at the source of a rename needs MAKE_REG there. */
TEST_F(layout, rename_whiteout_needs_make_reg)
{
	const __u64 move_fifo = RIGHT(REMOVE_FILE) | RIGHT(MAKE_FIFO);
	struct stat st;

	ASSERT_EQ(0, test_mknod(S1D1 "/fifo", S_IFIFO, 0));
	ASSERT_EQ(0, test_mknod(S2D1 "/fifo", S_IFIFO, 0));
	sandbox(_metadata, move_fifo | RIGHT(MAKE_REG) | RIGHT(MAKE_CHAR),
		(const struct rule[]){
			{ S1D1, move_fifo | RIGHT(MAKE_REG) },
			{ S2D1, move_fifo | RIGHT(MAKE_CHAR) },
			{},
		});
	ASSERT_EQ(0, rename_whiteout(S1D1 "/fifo", S1D1 "/fifo2"));
	ASSERT_EQ(0, lstat(S1D1 "/fifo", &st));
	ASSERT_TRUE(S_ISCHR(st.st_mode));
	ASSERT_EQ(0, st.st_rdev);
	ASSERT_EQ(EACCES, rename_whiteout(S2D1 "/fifo", S2D1 "/fifo2"));
	ASSERT_EQ(0, ERR(rename(S2D1 "/fifo", S2D1 "/fifo2")));
}

/* Moving an existing whiteout is moving a regular file. */
TEST_F(layout, move_whiteout_needs_make_reg)
{
	ASSERT_EQ(0, test_mknod(S1D1 "/wh", S_IFCHR, makedev(0, 0)));
	ASSERT_EQ(0, test_mknod(S2D1 "/wh", S_IFCHR, makedev(0, 0)));
	sandbox(_metadata,
		RIGHT(MAKE_REG) | RIGHT(MAKE_CHAR) | RIGHT(REMOVE_FILE),
		(const struct rule[]){
			{ S1D1, RIGHT(MAKE_REG) | RIGHT(REMOVE_FILE) },
			{ S2D1, RIGHT(MAKE_CHAR) | RIGHT(REMOVE_FILE) },
			{},
		});
	ASSERT_EQ(0, ERR(link(S1D1 "/wh", S1D1 "/wh2")));
	ASSERT_EQ(0, ERR(rename(S1D1 "/wh", S1D1 "/wh3")));
	ASSERT_EQ(EACCES, ERR(link(S2D1 "/wh", S2D1 "/wh2")));
	ASSERT_EQ(EACCES, ERR(rename(S2D1 "/wh", S2D1 "/wh3")));
}

TEST_F(layout, make_block_allowed)
{
	sandbox_one(_metadata, RIGHT(MAKE_BLOCK), S1D1, RIGHT(MAKE_BLOCK));
	ASSERT_EQ(mknod_dev_result(),
		  test_mknod(S1D1 "/blk", S_IFBLK, makedev(7, 0)));
	ASSERT_EQ(mknod_dev_result(),
		  test_mknod(S1D3 "/blk", S_IFBLK, makedev(7, 0)));
}

TEST_F(layout, make_block_denied)
{
	sandbox_one(_metadata, RIGHT(MAKE_BLOCK), S1D1, RIGHT(MAKE_BLOCK));
	ASSERT_EQ(EACCES, test_mknod(S2D1 "/blk", S_IFBLK, makedev(7, 0)));
	ASSERT_EQ(EACCES, test_mknod(S2D2 "/blk", S_IFBLK, makedev(7, 0)));
	ASSERT_EQ(0, test_mknod(S2D1 "/whiteout", S_IFCHR, makedev(0, 0)));
}

TEST_F(layout, make_dir_allowed)
{
	sandbox_one(_metadata, RIGHT(MAKE_DIR), S1D1, RIGHT(MAKE_DIR));
	ASSERT_EQ(0, ERR(mkdir(S1D1 "/new", 0700)));
	ASSERT_EQ(0, ERR(mkdir(S1D1 "/new/sub", 0700)));
	ASSERT_EQ(0, ERR(mkdirat(AT_FDCWD, S1D3 "/new", 0700)));
}

TEST_F(layout, make_dir_denied)
{
	sandbox_one(_metadata, RIGHT(MAKE_DIR), S1D1, RIGHT(MAKE_DIR));
	ASSERT_EQ(EACCES, ERR(mkdir(S2D1 "/new", 0700)));
	ASSERT_EQ(EACCES, ERR(mkdir(S2D2 "/new", 0700)));
	ASSERT_EQ(EACCES, ERR(mkdir("new", 0700)));
	/* An existing name is reported as such, not denied. */
	ASSERT_EQ(EEXIST, ERR(mkdir(S2D2, 0700)));
	ASSERT_EQ(0, test_open(S2D1 "/reg", O_CREAT | O_WRONLY));
}

TEST_F(layout, make_reg_allowed)
{
	int fd;

	sandbox_one(_metadata, RIGHT(MAKE_REG), S1D1, RIGHT(MAKE_REG));
	ASSERT_EQ(0, test_mknod(S1D1 "/mknod", S_IFREG, 0));
	ASSERT_EQ(0, test_mknod(S1D3 "/mknod0", 0, 0));
	ASSERT_EQ(0, test_open(S1D2 "/open", O_CREAT | O_WRONLY));
	ASSERT_EQ(0, test_open(S1D2 "/excl", O_CREAT | O_EXCL | O_RDWR));
	fd = creat(S1D3 "/creat", 0600);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, close(fd));
}

TEST_F(layout, make_reg_denied)
{
	sandbox_one(_metadata, RIGHT(MAKE_REG), S1D1, RIGHT(MAKE_REG));
	ASSERT_EQ(EACCES, test_mknod(S2D1 "/mknod", S_IFREG, 0));
	ASSERT_EQ(EACCES, test_mknod(S2D1 "/mknod0", 0, 0));
	ASSERT_EQ(EACCES, test_open(S2D1 "/open", O_CREAT | O_WRONLY));
	ASSERT_EQ(EACCES, test_open(S2D2 "/open", O_CREAT | O_RDONLY));
	ASSERT_EQ(EACCES, ERR(creat(S2D2 "/creat", 0600)));
	ASSERT_EQ(ENOENT, test_open(S2D1 "/open", O_RDONLY));
}

TEST_F(layout, make_reg_open_existing)
{
	/* Opening an existing file with O_CREAT creates nothing. */
	sandbox(_metadata, RIGHT(MAKE_REG), NULL);
	ASSERT_EQ(0, test_open(S2D1F1, O_CREAT | O_WRONLY));
	ASSERT_EQ(EEXIST, test_open(S2D1F1, O_CREAT | O_EXCL | O_WRONLY));
	ASSERT_EQ(EACCES, test_open(S2D1 "/new", O_CREAT | O_WRONLY));
}

TEST_F(layout, make_sock_allowed)
{
	sandbox_one(_metadata, RIGHT(MAKE_SOCK), S1D1, RIGHT(MAKE_SOCK));
	ASSERT_EQ(0, test_bind_unix(S1D1 "/sock"));
	ASSERT_EQ(0, test_bind_unix(S1D3 "/sock"));
	ASSERT_EQ(0, test_mknod(S1D2 "/sock", S_IFSOCK, 0));
}

TEST_F(layout, make_sock_denied)
{
	sandbox_one(_metadata, RIGHT(MAKE_SOCK), S1D1, RIGHT(MAKE_SOCK));
	ASSERT_EQ(EACCES, test_bind_unix(S2D1 "/sock"));
	ASSERT_EQ(EACCES, test_bind_unix(S2D2 "/sock"));
	ASSERT_EQ(EACCES, test_mknod(S2D1 "/sock2", S_IFSOCK, 0));
	ASSERT_EQ(0, test_mknod(S2D1 "/fifo", S_IFIFO, 0));
}

TEST_F(layout, make_fifo_allowed)
{
	sandbox_one(_metadata, RIGHT(MAKE_FIFO), S1D1, RIGHT(MAKE_FIFO));
	ASSERT_EQ(0, test_mknod(S1D1 "/fifo", S_IFIFO, 0));
	ASSERT_EQ(0, ERR(mkfifo(S1D3 "/fifo", 0600)));
}

TEST_F(layout, make_fifo_denied)
{
	sandbox_one(_metadata, RIGHT(MAKE_FIFO), S1D1, RIGHT(MAKE_FIFO));
	ASSERT_EQ(EACCES, test_mknod(S2D1 "/fifo", S_IFIFO, 0));
	ASSERT_EQ(EACCES, ERR(mkfifo(S2D2 "/fifo", 0600)));
	ASSERT_EQ(0, test_bind_unix(S2D1 "/sock"));
}

TEST_F(layout, make_sym_allowed)
{
	sandbox_one(_metadata, RIGHT(MAKE_SYM), S1D1, RIGHT(MAKE_SYM));
	ASSERT_EQ(0, ERR(symlink("f1", S1D1 "/link")));
	ASSERT_EQ(0, ERR(symlinkat("/nowhere", AT_FDCWD, S1D3 "/link")));
}

TEST_F(layout, make_sym_denied)
{
	sandbox_one(_metadata, RIGHT(MAKE_SYM), S1D1, RIGHT(MAKE_SYM));
	ASSERT_EQ(EACCES, ERR(symlink("f1", S2D1 "/link")));
	ASSERT_EQ(EACCES, ERR(symlink("../" S1D1F1, S2D2 "/link")));
	ASSERT_EQ(0, ERR(mkdir(S2D1 "/dir", 0700)));
}

TEST_F(layout, make_kinds_distinct)
{
	sandbox_one(_metadata, ACCESS_FS_ALL, S1D1, RIGHT(MAKE_DIR));
	ASSERT_EQ(0, ERR(mkdir(S1D1 "/dir", 0700)));
	ASSERT_EQ(EACCES, test_mknod(S1D1 "/fifo", S_IFIFO, 0));
	ASSERT_EQ(EACCES, test_mknod(S1D1 "/reg", S_IFREG, 0));
	ASSERT_EQ(EACCES, test_mknod(S1D1 "/sock", S_IFSOCK, 0));
	ASSERT_EQ(EACCES, test_mknod(S1D1 "/wh", S_IFCHR, makedev(0, 0)));
	ASSERT_EQ(EACCES, test_mknod(S1D1 "/blk", S_IFBLK, makedev(7, 0)));
	ASSERT_EQ(EACCES, ERR(symlink("f1", S1D1 "/link")));
	ASSERT_EQ(EACCES, test_open(S1D1 "/new", O_CREAT | O_RDWR));
}

TEST_F(layout, fifo_open_checked)
{
	ASSERT_EQ(0, test_mknod(S1D1 "/fifo", S_IFIFO, 0));
	ASSERT_EQ(0, test_mknod(S2D1 "/fifo", S_IFIFO, 0));
	sandbox_one(_metadata, RIGHT(READ_FILE) | RIGHT(WRITE_FILE), S1D1,
		    RIGHT(READ_FILE));
	ASSERT_EQ(0, test_open(S1D1 "/fifo", O_RDONLY | O_NONBLOCK));
	ASSERT_EQ(EACCES, test_open(S2D1 "/fifo", O_RDONLY | O_NONBLOCK));
	ASSERT_EQ(EACCES, test_open(S1D1 "/fifo", O_RDWR | O_NONBLOCK));
}

/* What a domain does not restrict */

TEST_F(layout, truncate_not_handled)
{
	int fd;

	/* Every right but TRUNCATE, as a first-ABI sandbox would do. */
	fd = open(S1D1F1, O_WRONLY | O_CLOEXEC);
	ASSERT_LE(0, fd);
	sandbox_one(_metadata, ACCESS_FS_ALL & ~RIGHT(TRUNCATE), S1D1,
		    RIGHT(READ_FILE) | RIGHT(WRITE_FILE));
	ASSERT_EQ(EACCES, test_open(S2D1F1, O_WRONLY));
	ASSERT_EQ(0, ERR(truncate(S2D1F1, 0)));
	ASSERT_EQ(0, file_size(S2D1F1));
	ASSERT_EQ(0, ERR(ftruncate(fd, 1)));
	ASSERT_EQ(1, fd_size(fd));
	ASSERT_EQ(0, close(fd));
	ASSERT_EQ(0, test_open(S1D1F2, O_WRONLY | O_TRUNC));
	ASSERT_EQ(0, file_size(S1D1F2));
}

TEST_F(layout, metadata_unrestricted)
{
	struct stat st;

	sandbox(_metadata, ACCESS_FS_ALL, NULL);
	ASSERT_EQ(0, ERR(stat(S2D1F1, &st)));
	ASSERT_EQ(0, ERR(access(S2D1F1, R_OK | W_OK)));
	ASSERT_EQ(0, ERR(chmod(S2D1F1, 0644)));
	ASSERT_EQ(0, ERR(utimensat(AT_FDCWD, S2D1F1, NULL, 0)));
	ASSERT_EQ(0, ERR(chdir(S2D1)));
	ASSERT_EQ(EACCES, test_open("f1", O_RDONLY));
	ASSERT_EQ(EACCES, test_open(".", O_RDONLY | O_DIRECTORY));
}

TEST_F(layout, unix_connect_unrestricted)
{
	struct sockaddr_un addr = {
		.sun_family = AF_UNIX,
		.sun_path = S2D1 "/sock",
	};
	int server, client;

	server = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	ASSERT_LE(0, server);
	ASSERT_EQ(0, bind(server, (struct sockaddr *)&addr, sizeof(addr)));
	ASSERT_EQ(0, listen(server, 1));
	/* Only RESOLVE_UNIX (ABI 9, see unix_test.c) restricts connecting. */
	sandbox(_metadata, ACCESS_FS_ALL & ~LANDLOCK_ACCESS_FS_RESOLVE_UNIX,
		NULL);
	client = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	ASSERT_LE(0, client);
	ASSERT_EQ(0, connect(client, (struct sockaddr *)&addr, sizeof(addr)));
	ASSERT_EQ(0, close(client));
	ASSERT_EQ(0, close(server));
	/* Opening the socket file is another matter. */
	ASSERT_EQ(EACCES, test_open(S2D1 "/sock", O_RDONLY));
}

/* Link and rename */

TEST_F(layout, link_same_dir_allowed)
{
	sandbox_one(_metadata, RIGHT(MAKE_REG) | RIGHT(REMOVE_FILE), S1D1,
		    RIGHT(MAKE_REG));
	ASSERT_EQ(0, ERR(link(S1D1F1, S1D1 "/f3")));
	ASSERT_EQ(0, ERR(link(S1D3F1, S1D3 "/f3")));
}

TEST_F(layout, link_same_dir_denied)
{
	sandbox_one(_metadata, RIGHT(MAKE_REG) | RIGHT(REMOVE_FILE), S1D1,
		    RIGHT(REMOVE_FILE));
	ASSERT_EQ(EACCES, ERR(link(S1D1F1, S1D1 "/f3")));
	ASSERT_EQ(EACCES, ERR(link(S2D1F1, S2D1 "/f3")));
	ASSERT_EQ(ENOENT, ERR(access(S1D1 "/f3", F_OK)));
}

TEST_F(layout, link_needs_type_right)
{
	ASSERT_EQ(0, test_mknod(S1D1 "/fifo", S_IFIFO, 0));
	sandbox_one(_metadata, RIGHT(MAKE_REG) | RIGHT(MAKE_FIFO), S1D1,
		    RIGHT(MAKE_REG));
	ASSERT_EQ(EACCES, ERR(link(S1D1 "/fifo", S1D1 "/fifo2")));
	ASSERT_EQ(0, ERR(link(S1D1F1, S1D1 "/f3")));
}

TEST_F(layout, rename_same_dir_allowed)
{
	sandbox_one(_metadata, RIGHT(MAKE_REG) | RIGHT(REMOVE_FILE), S1D1,
		    RIGHT(MAKE_REG) | RIGHT(REMOVE_FILE));
	ASSERT_EQ(0, ERR(rename(S1D1F1, S1D1 "/f3")));
	/* Replacing an existing file. */
	ASSERT_EQ(0, ERR(rename(S1D1 "/f3", S1D1F2)));
	ASSERT_EQ(0, ERR(renameat(AT_FDCWD, S1D3F1, AT_FDCWD, S1D3F2)));
	ASSERT_EQ(ENOENT, ERR(access(S1D1F1, F_OK)));
}

TEST_F(layout, rename_same_dir_no_remove)
{
	sandbox_one(_metadata, RIGHT(MAKE_REG) | RIGHT(REMOVE_FILE), S1D1,
		    RIGHT(MAKE_REG));
	ASSERT_EQ(EACCES, ERR(rename(S1D1F1, S1D1 "/f3")));
	ASSERT_EQ(EACCES, ERR(rename(S1D1F1, S1D1F2)));
	ASSERT_EQ(0, ERR(access(S1D1F1, F_OK)));
}

TEST_F(layout, rename_same_dir_no_make)
{
	sandbox_one(_metadata, RIGHT(MAKE_REG) | RIGHT(REMOVE_FILE), S1D1,
		    RIGHT(REMOVE_FILE));
	ASSERT_EQ(EACCES, ERR(rename(S1D1F1, S1D1 "/f3")));
	ASSERT_EQ(EACCES, ERR(rename(S1D3F1, S1D3F2)));
	ASSERT_EQ(0, ERR(unlink(S1D1F1)));
}

TEST_F(layout, rename_needs_type_right)
{
	/* The destination gets a FIFO: MAKE_FIFO, whatever it replaces. */
	ASSERT_EQ(0, test_mknod(S1D1 "/fifo", S_IFIFO, 0));
	ASSERT_EQ(0, test_mknod(S2D1 "/fifo", S_IFIFO, 0));
	sandbox(_metadata,
		RIGHT(MAKE_REG) | RIGHT(MAKE_FIFO) | RIGHT(REMOVE_FILE),
		(const struct rule[]){
			{ S1D1, RIGHT(MAKE_REG) | RIGHT(REMOVE_FILE) },
			{ S2D1, RIGHT(MAKE_FIFO) | RIGHT(REMOVE_FILE) },
			{},
		});
	ASSERT_EQ(EACCES, ERR(rename(S1D1 "/fifo", S1D1F1)));
	ASSERT_EQ(0, ERR(rename(S2D1 "/fifo", S2D1F1)));
}

TEST_F(layout, rename_dir_allowed)
{
	create_dir(_metadata, S1D1 "/empty");
	sandbox_one(_metadata, RIGHT(MAKE_DIR) | RIGHT(REMOVE_DIR), S1D1,
		    RIGHT(MAKE_DIR) | RIGHT(REMOVE_DIR));
	ASSERT_EQ(0, ERR(rename(S1D2, S1D1 "/moved")));
	/* Over an empty directory. */
	ASSERT_EQ(0, ERR(rename(S1D1 "/moved", S1D1 "/empty")));
	ASSERT_EQ(0, ERR(access(S1D1 "/empty/s1d3/f1", F_OK)));
}

TEST_F(layout, rename_dir_denied)
{
	sandbox_one(_metadata, ACCESS_FS_ALL, S1D1,
		    RIGHT(MAKE_DIR) | RIGHT(REMOVE_FILE) | RIGHT(MAKE_REG));
	ASSERT_EQ(EACCES, ERR(rename(S1D2, S1D1 "/moved")));
	ASSERT_EQ(0, ERR(rename(S1D1F1, S1D1 "/moved")));
}

TEST_F(layout, exchange_same_dir_allowed)
{
	sandbox_one(_metadata, RIGHT(MAKE_REG) | RIGHT(REMOVE_FILE), S1D1,
		    RIGHT(MAKE_REG) | RIGHT(REMOVE_FILE));
	ASSERT_EQ(0, exchange(S1D1F1, S1D1F2));
	ASSERT_EQ(0, exchange(S1D3F1, S1D3F2));
}

TEST_F(layout, exchange_same_dir_denied)
{
	sandbox_one(_metadata, RIGHT(MAKE_REG) | RIGHT(REMOVE_FILE), S1D1,
		    RIGHT(MAKE_REG));
	ASSERT_EQ(EACCES, exchange(S1D1F1, S1D1F2));
	ASSERT_EQ(EACCES, exchange(S2D1F1, S2D1 "/s2d2"));
}

/* Without REFER, moving a file to another directory is refused with EXDEV. */

TEST_F(layout, link_cross_dir_exdev)
{
	sandbox(_metadata, RIGHT(MAKE_REG) | RIGHT(REMOVE_FILE),
		(const struct rule[]){
			{ S1D1, RIGHT(MAKE_REG) | RIGHT(REMOVE_FILE) },
			{ S2D1, RIGHT(MAKE_REG) | RIGHT(REMOVE_FILE) },
			{},
		});
	ASSERT_EQ(EXDEV, ERR(link(S1D1F1, S2D1 "/f3")));
	ASSERT_EQ(EXDEV, ERR(link(S1D1F1, S1D2 "/f3")));
	ASSERT_EQ(EXDEV, ERR(link(S1D2F1, S1D1 "/f3")));
	/* The same directory is fine. */
	ASSERT_EQ(0, ERR(link(S2D1F1, S2D1 "/f3")));
}

TEST_F(layout, link_cross_dir_eacces)
{
	/* EACCES wins over EXDEV. */
	sandbox_one(_metadata, RIGHT(MAKE_REG) | RIGHT(REMOVE_FILE), S1D1,
		    RIGHT(MAKE_REG) | RIGHT(REMOVE_FILE));
	ASSERT_EQ(EACCES, ERR(link(S1D1F1, S2D1 "/f3")));
	ASSERT_EQ(EXDEV, ERR(link(S2D1F1, S1D1 "/f3")));
}

TEST_F(layout, rename_cross_dir_exdev)
{
	create_dir(_metadata, S2D1 "/empty");
	/* Every right but REFER, which is handled. */
	sandbox(_metadata, ACCESS_FS_ALL,
		(const struct rule[]){
			{ S1D1, ACCESS_FS_ALL & ~RIGHT(REFER) },
			{ S2D1, ACCESS_FS_ALL & ~RIGHT(REFER) },
			{},
		});
	ASSERT_EQ(EXDEV, ERR(rename(S1D1F1, S2D1 "/f3")));
	ASSERT_EQ(EXDEV, ERR(rename(S1D1F1, S2D1F1)));
	ASSERT_EQ(EXDEV, ERR(rename(S1D2F1, S1D3 "/f3")));
	ASSERT_EQ(EXDEV, ERR(rename(S1D3, S2D1 "/empty")));
	ASSERT_EQ(0, ERR(rename(S1D1F1, S1D1 "/f3")));
}

TEST_F(layout, rename_cross_dir_no_remove)
{
	sandbox(_metadata, RIGHT(MAKE_REG) | RIGHT(REMOVE_FILE),
		(const struct rule[]){
			{ S1D1, RIGHT(MAKE_REG) },
			{ S2D1, RIGHT(MAKE_REG) | RIGHT(REMOVE_FILE) },
			{},
		});
	ASSERT_EQ(EACCES, ERR(rename(S1D1F1, S2D1 "/f3")));
	ASSERT_EQ(EXDEV, ERR(rename(S2D1F1, S1D1 "/f3")));
}

TEST_F(layout, rename_cross_dir_no_make)
{
	sandbox(_metadata, RIGHT(MAKE_REG) | RIGHT(REMOVE_FILE),
		(const struct rule[]){
			{ S1D1, RIGHT(REMOVE_FILE) },
			{ S2D1, RIGHT(MAKE_REG) | RIGHT(REMOVE_FILE) },
			{},
		});
	ASSERT_EQ(EACCES, ERR(rename(S2D1F1, S1D1 "/f3")));
	ASSERT_EQ(EXDEV, ERR(rename(S1D1F1, S2D1 "/f3")));
}

TEST_F(layout, rename_cross_dir_replace_no_remove)
{
	/* Replacing a file removes it: the destination needs REMOVE_FILE. */
	sandbox(_metadata, RIGHT(MAKE_REG) | RIGHT(REMOVE_FILE),
		(const struct rule[]){
			{ S1D1, RIGHT(MAKE_REG) | RIGHT(REMOVE_FILE) },
			{ S2D1, RIGHT(MAKE_REG) },
			{},
		});
	ASSERT_EQ(EACCES, ERR(rename(S1D1F1, S2D1F1)));
	ASSERT_EQ(EXDEV, ERR(rename(S1D1F1, S2D1 "/new")));
}

TEST_F(layout, reparent_any_domain)
{
	/* Even a domain handling no creation or removal right. */
	sandbox(_metadata, RIGHT(EXECUTE), NULL);
	ASSERT_EQ(EXDEV, ERR(link(S1D1F1, S2D1 "/f3")));
	ASSERT_EQ(EXDEV, ERR(rename(S1D1F1, S2D1 "/f3")));
	ASSERT_EQ(0, ERR(rename(S1D1F1, S1D1 "/f3")));
	ASSERT_EQ(0, ERR(link(S1D1F2, S1D1 "/f4")));
}

/* File hierarchy */

TEST_F(layout, rule_covers_subtree)
{
	sandbox_one(_metadata, RIGHT(READ_FILE) | RIGHT(READ_DIR), S1D2,
		    RIGHT(READ_FILE) | RIGHT(READ_DIR));
	ASSERT_EQ(0, test_open(S1D2F1, O_RDONLY));
	ASSERT_EQ(0, test_open(S1D3F2, O_RDONLY));
	ASSERT_EQ(0, test_open(S1D3, O_RDONLY | O_DIRECTORY));
	ASSERT_EQ(0, test_open(S1D2, O_RDONLY | O_DIRECTORY));
	/* The parent is not covered. */
	ASSERT_EQ(EACCES, test_open(S1D1F1, O_RDONLY));
	ASSERT_EQ(EACCES, test_open(S1D1, O_RDONLY | O_DIRECTORY));
}

TEST_F(layout, rule_on_file)
{
	sandbox_one(_metadata, RIGHT(READ_FILE) | RIGHT(WRITE_FILE), S1D2F1,
		    RIGHT(READ_FILE));
	ASSERT_EQ(0, test_open(S1D2F1, O_RDONLY));
	ASSERT_EQ(EACCES, test_open(S1D2F1, O_WRONLY));
	ASSERT_EQ(EACCES, test_open(S1D2F2, O_RDONLY));
	ASSERT_EQ(EACCES, test_open(S1D3F1, O_RDONLY));
}

TEST_F(layout, sibling_dirs_denied)
{
	sandbox_one(_metadata, RIGHT(READ_FILE), S1D1, RIGHT(READ_FILE));
	ASSERT_EQ(0, test_open(S1D1F1, O_RDONLY));
	ASSERT_EQ(EACCES, test_open(S2D1F1, O_RDONLY));
	ASSERT_EQ(EACCES, test_open(S2D2F1, O_RDONLY));
	ASSERT_EQ(EACCES, test_open("/proc/self/status", O_RDONLY));
}

TEST_F(layout, rules_union_in_layer)
{
	const __u64 handled = RIGHT(READ_FILE) | RIGHT(WRITE_FILE);
	const int fd = create_ruleset(_metadata, handled, NULL);

	/* Two rules on the same directory, and one on another. */
	add_path_rule(_metadata, fd, S1D1, RIGHT(READ_FILE));
	add_path_rule(_metadata, fd, S1D1, RIGHT(WRITE_FILE));
	add_path_rule(_metadata, fd, S2D2, RIGHT(WRITE_FILE));
	enforce_ruleset(_metadata, fd);
	ASSERT_EQ(0, close(fd));
	ASSERT_EQ(0, test_open(S1D1F1, O_RDWR));
	ASSERT_EQ(0, test_open(S1D3F1, O_RDWR));
	ASSERT_EQ(0, test_open(S2D2F1, O_WRONLY));
	ASSERT_EQ(EACCES, test_open(S2D2F1, O_RDONLY));
	ASSERT_EQ(EACCES, test_open(S2D1F1, O_WRONLY));
}

TEST_F(layout, unhandled_rights_allowed)
{
	sandbox(_metadata, RIGHT(READ_FILE), NULL);
	ASSERT_EQ(EACCES, test_open(S1D1F1, O_RDONLY));
	ASSERT_EQ(0, test_open(S1D1F1, O_WRONLY));
	ASSERT_EQ(0, test_open(S1D1, O_RDONLY | O_DIRECTORY));
	ASSERT_EQ(0, ERR(mkdir(S2D1 "/new", 0700)));
	ASSERT_EQ(0, ERR(rmdir(S2D1 "/new")));
	ASSERT_EQ(0, ERR(unlink(S2D1F1)));
	ASSERT_EQ(0, ERR(symlink("x", S2D1 "/link")));
	ASSERT_EQ(0, test_open(S2D1 "/new", O_CREAT | O_WRONLY));
}

TEST_F(layout, everything_denied_without_rules)
{
	sandbox(_metadata, ACCESS_FS_ALL, NULL);
	ASSERT_EQ(EACCES, test_open("/", O_RDONLY | O_DIRECTORY));
	ASSERT_EQ(EACCES, test_open(".", O_RDONLY | O_DIRECTORY));
	ASSERT_EQ(EACCES, test_open(S1D1F1, O_RDONLY));
	ASSERT_EQ(EACCES, test_open(S1D1F1, O_WRONLY));
	ASSERT_EQ(EACCES, ERR(mkdir("new", 0700)));
	ASSERT_EQ(EACCES, ERR(unlink(S1D1F1)));
	ASSERT_EQ(EACCES, ERR(rmdir(S3D1)));
	ASSERT_EQ(EACCES, test_open("/proc/self/status", O_RDONLY));
}

TEST_F(layout, dotdot_resolved)
{
	/* The checked file is the one reached, not the path written. */
	sandbox_one(_metadata, RIGHT(READ_FILE), S1D2, RIGHT(READ_FILE));
	ASSERT_EQ(EACCES, test_open(S1D2 "/../f1", O_RDONLY));
	ASSERT_EQ(0, test_open(S1D3 "/../f1", O_RDONLY));
	ASSERT_EQ(0, test_open(S2D1 "/../" S1D2F1, O_RDONLY));
}

TEST_F(layout, symlink_followed)
{
	ASSERT_EQ(0, ERR(symlink("../" S1D1F1, S2D1 "/to_s1")));
	ASSERT_EQ(0, ERR(symlink("../" S2D1F1, S1D1 "/to_s2")));
	sandbox_one(_metadata, RIGHT(READ_FILE), S1D1, RIGHT(READ_FILE));
	ASSERT_EQ(0, test_open(S2D1 "/to_s1", O_RDONLY));
	ASSERT_EQ(EACCES, test_open(S1D1 "/to_s2", O_RDONLY));
}

TEST_F(layout, hard_link_dir_rule)
{
	/* A rule on a directory only covers the paths beneath it. */
	ASSERT_EQ(0, ERR(link(S1D1F1, S2D1 "/hl")));
	sandbox_one(_metadata, RIGHT(READ_FILE), S1D1, RIGHT(READ_FILE));
	ASSERT_EQ(0, test_open(S1D1F1, O_RDONLY));
	ASSERT_EQ(EACCES, test_open(S2D1 "/hl", O_RDONLY));
}

TEST_F(layout, hard_link_file_rule)
{
	/* A rule on a file applies to the file, whatever its name. */
	ASSERT_EQ(0, ERR(link(S1D1F1, S2D1 "/hl")));
	sandbox_one(_metadata, RIGHT(READ_FILE), S1D1F1, RIGHT(READ_FILE));
	ASSERT_EQ(0, test_open(S2D1 "/hl", O_RDONLY));
	ASSERT_EQ(EACCES, test_open(S2D1F1, O_RDONLY));
}

TEST_F(layout, opened_before_enforcement)
{
	const int rfd = open(S2D1F1, O_RDONLY | O_CLOEXEC);
	const int wfd = open(S2D2F1, O_WRONLY | O_CLOEXEC);
	const int dfd = open(S2D1, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	char buf[8];

	ASSERT_LE(0, rfd);
	ASSERT_LE(0, wfd);
	ASSERT_LE(0, dfd);
	sandbox(_metadata, ACCESS_FS_ALL, NULL);
	ASSERT_EQ(5, read(rfd, buf, sizeof(buf)));
	ASSERT_EQ(5, write(wfd, "more\n", 5));
	/* ".", "..", f1 and s2d2. */
	ASSERT_EQ(4, count_entries(dfd));
	/* New opens are checked, even relative to an old directory fd. */
	ASSERT_EQ(EACCES, test_open(S2D1F1, O_RDONLY));
	ASSERT_EQ(EACCES, ERR(openat(dfd, "f1", O_RDONLY | O_CLOEXEC)));
	ASSERT_EQ(0, close(rfd));
	ASSERT_EQ(0, close(wfd));
	ASSERT_EQ(0, close(dfd));
}

TEST_F(layout, o_path_not_checked)
{
	char path[64];
	struct stat st;
	int fd, dfd;

	sandbox(_metadata, ACCESS_FS_ALL, NULL);
	fd = open(S1D1F1, O_PATH | O_CLOEXEC);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, fstat(fd, &st));
	ASSERT_TRUE(S_ISREG(st.st_mode));
	dfd = open(S1D1, O_PATH | O_DIRECTORY | O_CLOEXEC);
	ASSERT_LE(0, dfd);
	/* Re-opening for real is checked. */
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	ASSERT_EQ(EACCES, test_open(path, O_RDONLY));
	ASSERT_EQ(EACCES, ERR(openat(dfd, "f2", O_RDONLY | O_CLOEXEC)));
	ASSERT_EQ(0, close(fd));
	ASSERT_EQ(0, close(dfd));
}

TEST_F(layout, internal_files_allowed)
{
	char path[64], buf[4];
	int fds[2], fd;

	ASSERT_EQ(0, pipe2(fds, O_CLOEXEC));
	sandbox(_metadata, RIGHT(READ_FILE) | RIGHT(WRITE_FILE), NULL);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fds[1]);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	ASSERT_LE(0, fd);
	ASSERT_EQ(3, write(fd, "abc", 3));
	ASSERT_EQ(0, close(fd));
	ASSERT_EQ(3, read(fds[0], buf, sizeof(buf)));
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fds[0]);
	ASSERT_EQ(0, test_open(path, O_RDONLY | O_NONBLOCK));
	/* Files of /proc are not internal. */
	ASSERT_EQ(EACCES, test_open("/proc/self/status", O_RDONLY));
	ASSERT_EQ(0, close(fds[0]));
	ASSERT_EQ(0, close(fds[1]));
}

TEST_F(layout, proc_fd_socket)
{
	char path[64];
	int fds[2], fd;

	ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds));
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fds[0]);
	/* A socket cannot be opened, with or without Landlock... */
	ASSERT_EQ(ENXIO, test_open(path, O_RDWR));
	sandbox(_metadata, ACCESS_FS_ALL, NULL);
	/* ... which does not deny it first. */
	ASSERT_EQ(ENXIO, test_open(path, O_RDWR));
	ASSERT_EQ(ENXIO, test_open(path, O_RDONLY));
	fd = open(path, O_PATH | O_CLOEXEC);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, close(fd));
	ASSERT_EQ(3, write(fds[0], "abc", 3));
	ASSERT_EQ(0, close(fds[0]));
	ASSERT_EQ(0, close(fds[1]));
}

TEST_F(layout, proc_self_rule)
{
	char path[64];
	pid_t pid;

	/* The rule is on /proc/<pid>, where /proc/self points to. */
	sandbox_one(_metadata, RIGHT(READ_FILE), "/proc/self",
		    RIGHT(READ_FILE));
	ASSERT_EQ(0, test_open("/proc/self/status", O_RDONLY));
	snprintf(path, sizeof(path), "/proc/%d/cmdline", getpid());
	ASSERT_EQ(0, test_open(path, O_RDONLY));
	snprintf(path, sizeof(path), "/proc/self/task/%d/status", getpid());
	ASSERT_EQ(0, test_open(path, O_RDONLY));
	ASSERT_EQ(EACCES, test_open("/proc/1/status", O_RDONLY));
	ASSERT_EQ(EACCES, test_open(S1D1F1, O_RDONLY));
	/* Another process has another directory. */
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0)
		_exit(test_open("/proc/self/status", O_RDONLY));
	ASSERT_EQ(EACCES, wait_child(_metadata, pid));
}

TEST_F(layout, rule_on_root)
{
	/* A rule on / grants everything, REFER included. */
	copy_self(_metadata, S1D1 "/bin");
	sandbox_one(_metadata, ACCESS_FS_ALL, "/", ACCESS_FS_ALL);
	ASSERT_EQ(0, test_open(S1D3F1, O_RDWR));
	ASSERT_EQ(0, test_open("/proc/self/status", O_RDONLY));
	ASSERT_EQ(0, test_open("/", O_RDONLY | O_DIRECTORY));
	ASSERT_EQ(0, ERR(mkdir(S2D1 "/new", 0700)));
	ASSERT_EQ(0, ERR(rename(S1D1F1, S2D1 "/new/f1")));
	ASSERT_EQ(0, ERR(link(S1D2F1, S2D2 "/f3")));
	ASSERT_EQ(0, ERR(rename(S1D3, S2D1 "/new/s1d3")));
	ASSERT_EQ(0, ERR(truncate(S2D1F1, 0)));
	ASSERT_EQ(0, ERR(unlink(S2D1F1)));
	ASSERT_EQ(0, ERR(symlink("x", S1D1 "/link")));
	ASSERT_EQ(0, test_execute(_metadata, S1D1 "/bin"));
}

/* Scripts and symbolic links to programs */

/*
 * Creates @path, a script interpreted by a copy of this program at
 * @interp (which INTERP_ARG makes read the script).
 */
static void create_script(struct __test_metadata *_metadata,
			  const char *const path, const char *const interp)
{
	char cwd[128], line[256];
	int fd, len;

	ASSERT_NE(NULL, getcwd(cwd, sizeof(cwd)));
	copy_self(_metadata, interp);
	len = snprintf(line, sizeof(line), "#!%s/%s %s\n", cwd, interp,
		       INTERP_ARG);
	fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0700);
	ASSERT_LE(0, fd);
	ASSERT_EQ(len, write(fd, line, len));
	ASSERT_EQ(0, close(fd));
}

#define SCRIPT S1D1 "/script"
#define INTERP S2D1 "/interp"

TEST_F(layout, script_allowed)
{
	create_script(_metadata, SCRIPT, INTERP);
	ASSERT_EQ(0, test_execute(_metadata, SCRIPT));
	sandbox(_metadata, RIGHT(EXECUTE),
		(const struct rule[]){
			{ S1D1, RIGHT(EXECUTE) },
			{ S2D1, RIGHT(EXECUTE) },
			{},
		});
	ASSERT_EQ(0, test_execute(_metadata, SCRIPT));
}

TEST_F(layout, script_interpreter_denied)
{
	create_script(_metadata, SCRIPT, INTERP);
	sandbox_one(_metadata, RIGHT(EXECUTE), S1D1, RIGHT(EXECUTE));
	ASSERT_EQ(EACCES, test_execute(_metadata, SCRIPT));
	ASSERT_EQ(EACCES, test_execute(_metadata, INTERP));
}

TEST_F(layout, script_denied)
{
	create_script(_metadata, SCRIPT, INTERP);
	sandbox_one(_metadata, RIGHT(EXECUTE), S2D1, RIGHT(EXECUTE));
	ASSERT_EQ(EACCES, test_execute(_metadata, SCRIPT));
	ASSERT_EQ(0, test_execute(_metadata, INTERP));
}

TEST_F(layout, script_read_needed)
{
	const __u64 access = RIGHT(EXECUTE) | RIGHT(READ_FILE);

	create_script(_metadata, SCRIPT, INTERP);
	sandbox(_metadata, access,
		(const struct rule[]){
			{ S1D1, RIGHT(EXECUTE) },
			{ S2D1, access },
			{},
		});
	/* The script is read: by execve(), then by its interpreter. */
	ASSERT_EQ(EACCES, test_execute(_metadata, SCRIPT));
	ASSERT_EQ(EACCES, test_open(SCRIPT, O_RDONLY));
	ASSERT_EQ(0, test_execute(_metadata, INTERP));
}

TEST_F(layout, script_read_granted)
{
	const __u64 access = RIGHT(EXECUTE) | RIGHT(READ_FILE);

	create_script(_metadata, SCRIPT, INTERP);
	sandbox(_metadata, access,
		(const struct rule[]){
			{ S1D1, access },
			{ S2D1, access },
			{},
		});
	ASSERT_EQ(0, test_execute(_metadata, SCRIPT));
}

TEST_F(layout, script_interpreter_read_needed)
{
	const __u64 access = RIGHT(EXECUTE) | RIGHT(READ_FILE);

	create_script(_metadata, SCRIPT, INTERP);
	sandbox(_metadata, access,
		(const struct rule[]){
			{ S1D1, access },
			{ S2D1, RIGHT(EXECUTE) },
			{},
		});
	ASSERT_EQ(EACCES, test_execute(_metadata, SCRIPT));
	ASSERT_EQ(EACCES, test_execute(_metadata, INTERP));
}

TEST_F(layout, symlink_to_program_target_rule)
{
	copy_self(_metadata, S1D1 "/bin");
	ASSERT_EQ(0, ERR(symlink("../" S1D1 "/bin", S2D1 "/link")));
	sandbox_one(_metadata, RIGHT(EXECUTE), S1D1, RIGHT(EXECUTE));
	ASSERT_EQ(0, test_execute(_metadata, S2D1 "/link"));
}

TEST_F(layout, symlink_to_program_link_rule)
{
	copy_self(_metadata, S1D1 "/bin");
	ASSERT_EQ(0, ERR(symlink("../" S1D1 "/bin", S2D1 "/link")));
	/* The rule on the directory of the link does not count. */
	sandbox_one(_metadata, RIGHT(EXECUTE), S2D1, RIGHT(EXECUTE));
	ASSERT_EQ(EACCES, test_execute(_metadata, S2D1 "/link"));
	ASSERT_EQ(EACCES, test_execute(_metadata, S1D1 "/bin"));
}

/* openat2(2) */

static int test_openat2(const int dir_fd, const char *const path,
			const __u64 resolve)
{
	struct open_how how = {
		.flags = O_RDONLY | O_CLOEXEC,
		.resolve = resolve,
	};
	const int fd = syscall(SYS_openat2, dir_fd, path, &how, sizeof(how));

	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

TEST_F(layout, openat2_resolve_beneath)
{
	const int dir_fd = open(S1D1, O_PATH | O_DIRECTORY | O_CLOEXEC);

	ASSERT_LE(0, dir_fd);
	sandbox_one(_metadata, RIGHT(READ_FILE), S1D2, RIGHT(READ_FILE));
	ASSERT_EQ(0, test_openat2(dir_fd, "s1d2/f1", RESOLVE_BENEATH));
	ASSERT_EQ(0, test_openat2(dir_fd, "s1d2/s1d3/../f2", RESOLVE_BENEATH));
	ASSERT_EQ(EACCES, test_openat2(dir_fd, "f1", RESOLVE_BENEATH));
	/* Escaping is refused by the path walk, as without Landlock. */
	ASSERT_EQ(EXDEV, test_openat2(dir_fd, "../" S2D1F1, RESOLVE_BENEATH));
	ASSERT_EQ(EXDEV, test_openat2(dir_fd, "/etc/passwd", RESOLVE_BENEATH));
	ASSERT_EQ(0, close(dir_fd));
}

TEST_F(layout, openat2_resolve_no_symlinks)
{
	ASSERT_EQ(0, ERR(symlink("f1", S1D2 "/link")));
	ASSERT_EQ(0, ERR(symlink("../" S1D2F1, S2D1 "/link")));
	sandbox_one(_metadata, RIGHT(READ_FILE), S1D2, RIGHT(READ_FILE));
	ASSERT_EQ(ELOOP,
		  test_openat2(AT_FDCWD, S1D2 "/link", RESOLVE_NO_SYMLINKS));
	ASSERT_EQ(0, test_openat2(AT_FDCWD, S1D2F1, RESOLVE_NO_SYMLINKS));
	ASSERT_EQ(EACCES, test_openat2(AT_FDCWD, S1D1F1, RESOLVE_NO_SYMLINKS));
	/* Followed, the link leads to an allowed file. */
	ASSERT_EQ(0, test_openat2(AT_FDCWD, S2D1 "/link", 0));
	ASSERT_EQ(ELOOP,
		  test_openat2(AT_FDCWD, S2D1 "/link", RESOLVE_NO_SYMLINKS));
}

TEST_F(layout, openat2_resolve_in_root)
{
	const int dir_fd = open(S1D1, O_PATH | O_DIRECTORY | O_CLOEXEC);

	ASSERT_LE(0, dir_fd);
	ASSERT_EQ(0, ERR(symlink("/s1d2/f1", S1D1 "/abs")));
	sandbox_one(_metadata, RIGHT(READ_FILE), S1D2, RIGHT(READ_FILE));
	/* "/" and ".." stay in s1d1. */
	ASSERT_EQ(0, test_openat2(dir_fd, "/s1d2/f1", RESOLVE_IN_ROOT));
	ASSERT_EQ(0, test_openat2(dir_fd, "../../s1d2/f2", RESOLVE_IN_ROOT));
	ASSERT_EQ(0, test_openat2(dir_fd, "abs", RESOLVE_IN_ROOT));
	ASSERT_EQ(EACCES, test_openat2(dir_fd, "/f1", RESOLVE_IN_ROOT));
	ASSERT_EQ(EACCES, test_openat2(dir_fd, "../f1", RESOLVE_IN_ROOT));
	ASSERT_EQ(ENOENT, test_openat2(dir_fd, "/" S2D1F1, RESOLVE_IN_ROOT));
	ASSERT_EQ(0, close(dir_fd));
}

/* Layers */

TEST_F(layout, layers_intersection)
{
	sandbox_one(_metadata, RIGHT(READ_FILE), S1D1, RIGHT(READ_FILE));
	ASSERT_EQ(0, test_open(S1D1F1, O_RDONLY));
	sandbox_one(_metadata, RIGHT(READ_FILE), S1D2, RIGHT(READ_FILE));
	ASSERT_EQ(0, test_open(S1D2F1, O_RDONLY));
	ASSERT_EQ(0, test_open(S1D3F1, O_RDONLY));
	ASSERT_EQ(EACCES, test_open(S1D1F1, O_RDONLY));
	ASSERT_EQ(EACCES, test_open(S2D1F1, O_RDONLY));
}

TEST_F(layout, layers_disjoint)
{
	sandbox_one(_metadata, RIGHT(READ_FILE), S1D1, RIGHT(READ_FILE));
	sandbox_one(_metadata, RIGHT(READ_FILE), S2D1, RIGHT(READ_FILE));
	ASSERT_EQ(EACCES, test_open(S1D1F1, O_RDONLY));
	ASSERT_EQ(EACCES, test_open(S2D1F1, O_RDONLY));
}

TEST_F(layout, layer_cannot_widen)
{
	sandbox_one(_metadata, RIGHT(WRITE_FILE), S1D2, RIGHT(WRITE_FILE));
	/* A wider rule in a new layer. */
	sandbox_one(_metadata, RIGHT(WRITE_FILE), ".", RIGHT(WRITE_FILE));
	ASSERT_EQ(EACCES, test_open(S1D1F1, O_WRONLY));
	ASSERT_EQ(EACCES, test_open(S2D1F1, O_WRONLY));
	ASSERT_EQ(0, test_open(S1D2F1, O_WRONLY));
}

TEST_F(layout, layers_different_rights)
{
	sandbox_one(_metadata, RIGHT(READ_FILE), S1D1, RIGHT(READ_FILE));
	sandbox_one(_metadata, RIGHT(WRITE_FILE), S2D1, RIGHT(WRITE_FILE));
	ASSERT_EQ(0, test_open(S1D1F1, O_RDONLY));
	ASSERT_EQ(EACCES, test_open(S1D1F1, O_WRONLY));
	ASSERT_EQ(0, test_open(S2D1F1, O_WRONLY));
	ASSERT_EQ(EACCES, test_open(S2D1F1, O_RDONLY));
	ASSERT_EQ(EACCES, test_open(S2D1F1, O_RDWR));
	/* Neither layer handles directory creation. */
	ASSERT_EQ(0, ERR(mkdir(S2D2 "/new", 0700)));
}

TEST_F(layout, layers_same_ruleset_twice)
{
	const int fd = create_ruleset(_metadata, RIGHT(READ_FILE), NULL);

	add_path_rule(_metadata, fd, S1D1, RIGHT(READ_FILE));
	enforce_ruleset(_metadata, fd);
	enforce_ruleset(_metadata, fd);
	ASSERT_EQ(0, close(fd));
	ASSERT_EQ(0, test_open(S1D3F1, O_RDONLY));
	ASSERT_EQ(EACCES, test_open(S2D1F1, O_RDONLY));
}

/* Sixteen layers, one of which may deny. */

FIXTURE(stack)
{
	struct scratch scratch;
};

FIXTURE_VARIANT(stack)
{
	/* Index of the layer granting nothing on s1d1, or -1. */
	int deny_layer;
};

/* clang-format off */
FIXTURE_VARIANT_ADD(stack, all_allow) {
	/* clang-format on */
	.deny_layer = -1,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(stack, first_denies) {
	/* clang-format on */
	.deny_layer = 0,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(stack, middle_denies) {
	/* clang-format on */
	.deny_layer = 7,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(stack, last_denies) {
	/* clang-format on */
	.deny_layer = MAX_LAYERS - 1,
};

FIXTURE_SETUP(stack)
{
	int i;

	scratch_setup(_metadata, &self->scratch);
	create_layout(_metadata);
	for (i = 0; i < MAX_LAYERS; i++) {
		if (i == variant->deny_layer)
			sandbox_one(_metadata, RIGHT(READ_FILE), S2D1,
				    RIGHT(READ_FILE));
		else
			sandbox_one(_metadata, RIGHT(READ_FILE), S1D1,
				    RIGHT(READ_FILE));
	}
}

FIXTURE_TEARDOWN(stack)
{
	scratch_teardown(_metadata, &self->scratch);
}

TEST_F(stack, read)
{
	const int expected = variant->deny_layer < 0 ? 0 : EACCES;

	ASSERT_EQ(expected, test_open(S1D1F1, O_RDONLY));
	ASSERT_EQ(expected, test_open(S1D3F2, O_RDONLY));
	ASSERT_EQ(EACCES, test_open(S2D1F1, O_RDONLY));
}

TEST_F(stack, full)
{
	/* No room for a 17th layer, and unhandled rights stay allowed. */
	const int fd = create_ruleset(_metadata, RIGHT(WRITE_FILE), NULL);

	ASSERT_EQ(-1, landlock_restrict_self(fd, 0));
	ASSERT_EQ(E2BIG, errno);
	ASSERT_EQ(0, close(fd));
	ASSERT_EQ(0, test_open(S2D1F1, O_WRONLY));
}

/*
 * Reuse of earlier walks: a sandboxed child opens f1 through a directory it
 * keeps open, the parent (not sandboxed) moves that directory, one of its
 * ancestors or a mount above it, mounts something beneath it, detaches its
 * mount or makes it the root (pivot_root), then the child opens f1 again.  The second
 * open must see the new place, however recently the first one was decided.
 * The only rule grants READ_FILE on S1D1.
 */

FIXTURE(walk_reuse)
{
	struct scratch scratch;
	int ns_errno;
};

FIXTURE_VARIANT(walk_reuse)
{
	/* Directory the child keeps open. */
	const char *dir;
	/* File the child opens beneath @dir (f1 if NULL). */
	const char *file;
	/* Mounted (tmpfs, with an f1) on @dir before the child starts. */
	bool mount_dir;
	/* What the parent does between the two opens: 0 or -1. */
	int (*move)(void);
	/* Errno of the opens before and after the move. */
	int before, after;
	/* Errno of a move that the guest cannot make (skipped), or 0. */
	int cannot;
};

static int move_dir_out(void)
{
	return rename(S1D3, S2D1 "/s1d3");
}

static int move_ancestor_out(void)
{
	return rename(S1D2, S2D1 "/s1d2");
}

static int move_dir_in(void)
{
	return rename(S2D2, S1D1 "/s2d2");
}

static int exchange_ancestors(void)
{
	return syscall(SYS_renameat2, AT_FDCWD, S1D2, AT_FDCWD, S2D2,
		       RENAME_EXCHANGE);
}

static int move_mount_out(void)
{
	return mount(S1D2, S2D2, NULL, MS_MOVE, NULL);
}

static int move_mount_in(void)
{
	return mount(S2D2, S1D2 "/s1d3", NULL, MS_MOVE, NULL);
}

static int bind_allowed_dir_over(void)
{
	return mount(S1D1, S2D2, NULL, MS_BIND, NULL);
}

static int detach_mount(void)
{
	return umount2(S1D2, MNT_DETACH);
}

/*
 * Makes the tmpfs on S1D2 the root of the mount namespace, the old root
 * going beneath it, then puts the test process back in the old root (its
 * current directory is left where it was).  EINVAL if the old root is not a
 * mount with a parent, as an initramfs is.
 */
static int pivot_root_to_dir(void)
{
	if (mkdir(S1D2 "/old", 0700) ||
	    syscall(SYS_pivot_root, S1D2, S1D2 "/old"))
		return -1;
	return chroot("/old");
}

/* clang-format off */
FIXTURE_VARIANT_ADD(walk_reuse, dir_moved_out) {
	/* clang-format on */
	.dir = S1D3,
	.move = move_dir_out,
	.before = 0,
	.after = EACCES,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(walk_reuse, ancestor_moved_out) {
	/* clang-format on */
	.dir = S1D3,
	.move = move_ancestor_out,
	.before = 0,
	.after = EACCES,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(walk_reuse, dir_moved_in) {
	/* clang-format on */
	.dir = S2D2,
	.move = move_dir_in,
	.before = EACCES,
	.after = 0,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(walk_reuse, ancestors_exchanged) {
	/* clang-format on */
	.dir = S1D3,
	.move = exchange_ancestors,
	.before = 0,
	.after = EACCES,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(walk_reuse, mount_moved_out) {
	.dir = S1D2,
	.mount_dir = true,
	.move = move_mount_out,
	.before = 0,
	.after = EACCES,
	/* clang-format on */
};

/* clang-format off */
FIXTURE_VARIANT_ADD(walk_reuse, mount_moved_in) {
	.dir = S2D2,
	.mount_dir = true,
	.move = move_mount_in,
	.before = EACCES,
	.after = 0,
	/* clang-format on */
};

/* clang-format off */
FIXTURE_VARIANT_ADD(walk_reuse, allowed_dir_bound_over) {
	.dir = S2D1,
	.file = "s2d2/f1",
	.move = bind_allowed_dir_over,
	.before = EACCES,
	.after = 0,
	/* clang-format on */
};

/* The root of the namespace has nothing above it either. */
/* clang-format off */
FIXTURE_VARIANT_ADD(walk_reuse, pivot_root_to_mount) {
	.dir = S1D2,
	.mount_dir = true,
	.move = pivot_root_to_dir,
	.before = 0,
	.after = EACCES,
	.cannot = EINVAL,
	/* clang-format on */
};

/* A mount detached from the tree has nothing above its root. */
/* clang-format off */
FIXTURE_VARIANT_ADD(walk_reuse, mount_detached) {
	.dir = S1D2,
	.mount_dir = true,
	.move = detach_mount,
	.before = 0,
	.after = EACCES,
	/* clang-format on */
};

FIXTURE_SETUP(walk_reuse)
{
	scratch_setup(_metadata, &self->scratch);
	create_layout(_metadata);
	self->ns_errno = enter_mount_ns() ? errno : 0;
}

FIXTURE_TEARDOWN(walk_reuse)
{
	scratch_teardown(_metadata, &self->scratch);
}

/* Errno of opening @name in @dir_fd for reading, or 0. */
static int open_in(const int dir_fd, const char *const name)
{
	const int fd = openat(dir_fd, name, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

/*
 * The child's part: both opens before the move (the second one may reuse
 * the first one's walk), one after.  Exits with 0, or with the number of the
 * open that went wrong.
 */
static void walk_reuse_child(struct __test_metadata *_metadata,
			     const FIXTURE_VARIANT(walk_reuse) * variant,
			     const int ready, const int moved)
{
	const int dir_fd = open(variant->dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	const char *const file = variant->file ?: "f1";
	char c = 0;

	if (dir_fd < 0)
		_exit(10);
	sandbox_one(_metadata, RIGHT(READ_FILE), S1D1, RIGHT(READ_FILE));
	if (open_in(dir_fd, file) != variant->before)
		_exit(1);
	if (open_in(dir_fd, file) != variant->before)
		_exit(2);
	if (write(ready, &c, 1) != 1 || read(moved, &c, 1) != 1)
		_exit(11);
	if (open_in(dir_fd, file) != variant->after)
		_exit(3);
	_exit(0);
}

TEST_F(walk_reuse, second_open_sees_the_move)
{
	int ready[2], moved[2];
	char c = 0;
	pid_t pid;

	REQUIRE_MOUNT_NS();
	if (variant->mount_dir) {
		char f1[64];

		snprintf(f1, sizeof(f1), "%s/f1", variant->dir);
		mount_tmpfs(_metadata, variant->dir);
		create_file(_metadata, f1);
	}
	ASSERT_EQ(0, pipe2(ready, O_CLOEXEC));
	ASSERT_EQ(0, pipe2(moved, O_CLOEXEC));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0)
		walk_reuse_child(_metadata, variant, ready[1], moved[0]);
	ASSERT_EQ(1, read(ready[0], &c, 1));
	if (variant->move()) {
		const int err = errno;

		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		if (variant->cannot && err == variant->cannot)
			SKIP(return, "Cannot move here: %s", strerror(err));
		ASSERT_EQ(0, err)
		{
			TH_LOG("Failed to move: %s", strerror(err));
		}
	}
	ASSERT_EQ(1, write(moved[1], &c, 1));
	EXPECT_EQ(0, wait_child(_metadata, pid));
	ASSERT_EQ(0, close(ready[0]));
	ASSERT_EQ(0, close(ready[1]));
	ASSERT_EQ(0, close(moved[0]));
	ASSERT_EQ(0, close(moved[1]));
}

/* Mount points */

FIXTURE(mnt)
{
	struct scratch scratch;
	int ns_errno;
};

FIXTURE_SETUP(mnt)
{
	scratch_setup(_metadata, &self->scratch);
	create_layout(_metadata);
	create_file(_metadata, S3D1 "/under");
	self->ns_errno = enter_mount_ns() ? errno : 0;
}

FIXTURE_TEARDOWN(mnt)
{
	scratch_teardown(_metadata, &self->scratch);
}

TEST_F(mnt, covered_dir_rule_ignored)
{
	const int covered = open(S3D1, O_PATH | O_DIRECTORY | O_CLOEXEC);
	int ruleset_fd, fd;

	REQUIRE_MOUNT_NS();
	ASSERT_LE(0, covered);
	mount_tmpfs(_metadata, S3D1);
	create_file(_metadata, S3D1 "/f1");
	ruleset_fd = create_ruleset(_metadata, RIGHT(READ_FILE), NULL);
	add_fd_rule(_metadata, ruleset_fd, covered, RIGHT(READ_FILE));
	enforce_ruleset(_metadata, ruleset_fd);
	ASSERT_EQ(EACCES, test_open(S3D1 "/f1", O_RDONLY));
	/* The rule still applies to the covered directory's own files. */
	fd = openat(covered, "under", O_RDONLY | O_CLOEXEC);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, close(fd));
	ASSERT_EQ(0, close(covered));
	ASSERT_EQ(0, close(ruleset_fd));
}

TEST_F(mnt, mount_root_rule)
{
	REQUIRE_MOUNT_NS();
	mount_tmpfs(_metadata, S3D1);
	create_file(_metadata, S3D1 "/f1");
	create_dir(_metadata, S3D1 "/dir");
	create_file(_metadata, S3D1 "/dir/f1");
	sandbox_one(_metadata, RIGHT(READ_FILE), S3D1, RIGHT(READ_FILE));
	ASSERT_EQ(0, test_open(S3D1 "/f1", O_RDONLY));
	ASSERT_EQ(0, test_open(S3D1 "/dir/f1", O_RDONLY));
	ASSERT_EQ(EACCES, test_open(S1D1F1, O_RDONLY));
}

TEST_F(mnt, parent_rule_crosses_mount)
{
	REQUIRE_MOUNT_NS();
	mount_tmpfs(_metadata, S1D2);
	create_file(_metadata, S1D2 "/g");
	sandbox_one(_metadata, RIGHT(READ_FILE), S1D1, RIGHT(READ_FILE));
	ASSERT_EQ(0, test_open(S1D2 "/g", O_RDONLY));
	ASSERT_EQ(0, test_open(S1D1F1, O_RDONLY));
	ASSERT_EQ(EACCES, test_open(S2D1F1, O_RDONLY));
}

TEST_F(mnt, nested_mounts)
{
	REQUIRE_MOUNT_NS();
	mount_tmpfs(_metadata, S3D1);
	create_dir(_metadata, S3D1 "/sub");
	mount_tmpfs(_metadata, S3D1 "/sub");
	create_file(_metadata, S3D1 "/sub/f1");
	sandbox_one(_metadata, RIGHT(READ_FILE), S3D1, RIGHT(READ_FILE));
	ASSERT_EQ(0, test_open(S3D1 "/sub/f1", O_RDONLY));
	ASSERT_EQ(EACCES, test_open(S1D1F1, O_RDONLY));
}

TEST_F(mnt, stacked_mount_hides_rule)
{
	int ruleset_fd;

	REQUIRE_MOUNT_NS();
	mount_tmpfs(_metadata, S3D1);
	ruleset_fd = create_ruleset(_metadata, RIGHT(READ_FILE), NULL);
	add_path_rule(_metadata, ruleset_fd, S3D1, RIGHT(READ_FILE));
	/* A second tmpfs covers the first one's root. */
	mount_tmpfs(_metadata, S3D1);
	create_file(_metadata, S3D1 "/f1");
	enforce_ruleset(_metadata, ruleset_fd);
	ASSERT_EQ(EACCES, test_open(S3D1 "/f1", O_RDONLY));
	ASSERT_EQ(0, close(ruleset_fd));
}

TEST_F(mnt, bind_mount_rule_on_source)
{
	REQUIRE_MOUNT_NS();
	ASSERT_EQ(0, mount(S1D1, S3D1, NULL, MS_BIND, NULL));
	sandbox_one(_metadata, RIGHT(READ_FILE), S1D1, RIGHT(READ_FILE));
	ASSERT_EQ(0, test_open(S3D1 "/f1", O_RDONLY));
	ASSERT_EQ(0, test_open(S3D1 "/s1d2/s1d3/f1", O_RDONLY));
	ASSERT_EQ(EACCES, test_open(S2D1F1, O_RDONLY));
}

TEST_F(mnt, bind_mount_rule_on_target)
{
	REQUIRE_MOUNT_NS();
	ASSERT_EQ(0, mount(S1D1, S3D1, NULL, MS_BIND, NULL));
	sandbox_one(_metadata, RIGHT(READ_FILE), S3D1 "/s1d2",
		    RIGHT(READ_FILE));
	ASSERT_EQ(0, test_open(S1D2F1, O_RDONLY));
	ASSERT_EQ(0, test_open(S3D1 "/s1d2/f1", O_RDONLY));
	ASSERT_EQ(EACCES, test_open(S1D1F1, O_RDONLY));
	ASSERT_EQ(EACCES, test_open(S3D1 "/f1", O_RDONLY));
}

TEST_F(mnt, bind_mount_outside_rule)
{
	/*
	 * Through the bind mount of s1d2, s1d1 is not on the path: its rule
	 * does not apply there.
	 */
	REQUIRE_MOUNT_NS();
	ASSERT_EQ(0, mount(S1D2, S3D1, NULL, MS_BIND, NULL));
	sandbox_one(_metadata, RIGHT(READ_FILE), S1D1, RIGHT(READ_FILE));
	ASSERT_EQ(0, test_open(S1D2F1, O_RDONLY));
	ASSERT_EQ(EACCES, test_open(S3D1 "/f1", O_RDONLY));
	ASSERT_EQ(EACCES, test_open(S3D1 "/s1d3/f1", O_RDONLY));
}

TEST_F(mnt, umount_with_ruleset)
{
	int ruleset_fd;

	REQUIRE_MOUNT_NS();
	mount_tmpfs(_metadata, S3D1);
	create_file(_metadata, S3D1 "/f1");
	ruleset_fd = create_ruleset(_metadata, RIGHT(READ_FILE), NULL);
	add_path_rule(_metadata, ruleset_fd, S3D1, RIGHT(READ_FILE));
	add_path_rule(_metadata, ruleset_fd, S3D1 "/f1", RIGHT(READ_FILE));
	/* A rule does not keep its filesystem busy. */
	ASSERT_EQ(0, umount(S3D1));
	ASSERT_EQ(0, close(ruleset_fd));
	/* And the mount point can be used again. */
	mount_tmpfs(_metadata, S3D1);
	ASSERT_EQ(0, umount(S3D1));
	ASSERT_EQ(0, test_open(S3D1 "/under", O_RDONLY));
}

TEST_F(mnt, umount_then_enforce)
{
	int ruleset_fd;

	REQUIRE_MOUNT_NS();
	mount_tmpfs(_metadata, S3D1);
	ruleset_fd = create_ruleset(_metadata, RIGHT(READ_FILE), NULL);
	add_path_rule(_metadata, ruleset_fd, S3D1, RIGHT(READ_FILE));
	add_path_rule(_metadata, ruleset_fd, S1D1, RIGHT(READ_FILE));
	ASSERT_EQ(0, umount(S3D1));
	/* The rule on the gone filesystem does not grant anything else. */
	enforce_ruleset(_metadata, ruleset_fd);
	ASSERT_EQ(0, close(ruleset_fd));
	ASSERT_EQ(EACCES, test_open(S3D1 "/under", O_RDONLY));
	ASSERT_EQ(0, test_open(S1D1F1, O_RDONLY));
}

TEST_F(mnt, umount_lazy_with_ruleset)
{
	int ruleset_fd, fd;
	char buf[8];

	REQUIRE_MOUNT_NS();
	mount_tmpfs(_metadata, S3D1);
	create_file(_metadata, S3D1 "/f1");
	fd = open(S3D1 "/f1", O_RDONLY | O_CLOEXEC);
	ASSERT_LE(0, fd);
	ruleset_fd = create_ruleset(_metadata, RIGHT(READ_FILE), NULL);
	add_path_rule(_metadata, ruleset_fd, S3D1, RIGHT(READ_FILE));
	/* Busy: only a lazy unmount works. */
	ASSERT_EQ(EBUSY, ERR(umount(S3D1)));
	ASSERT_EQ(0, umount2(S3D1, MNT_DETACH));
	ASSERT_EQ(5, read(fd, buf, sizeof(buf)));
	ASSERT_EQ(0, close(ruleset_fd));
	ASSERT_EQ(0, close(fd));
	ASSERT_EQ(0, test_open(S3D1 "/under", O_RDONLY));
}

TEST_F(mnt, umount_with_domain)
{
	int to_parent[2], to_child[2];
	char c = 0;
	pid_t pid;

	REQUIRE_MOUNT_NS();
	mount_tmpfs(_metadata, S3D1);
	create_file(_metadata, S3D1 "/f1");
	ASSERT_EQ(0, pipe2(to_parent, O_CLOEXEC));
	ASSERT_EQ(0, pipe2(to_child, O_CLOEXEC));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		sandbox_one(_metadata, RIGHT(READ_FILE), S3D1,
			    RIGHT(READ_FILE));
		if (test_open(S3D1 "/f1", O_RDONLY))
			_exit(1);
		if (write(to_parent[1], &c, 1) != 1 ||
		    read(to_child[0], &c, 1) != 1)
			_exit(2);
		/* Back to the covered directory: no rule there. */
		_exit(test_open(S3D1 "/under", O_RDONLY));
	}
	ASSERT_EQ(1, read(to_parent[0], &c, 1));
	ASSERT_EQ(0, umount(S3D1));
	ASSERT_EQ(1, write(to_child[1], &c, 1));
	ASSERT_EQ(EACCES, wait_child(_metadata, pid));
	ASSERT_EQ(0, test_open(S3D1 "/under", O_RDONLY));
}

/* Changes of the mount topology */

TEST_F(mnt, mount_denied)
{
	REQUIRE_MOUNT_NS();
	mount_tmpfs(_metadata, S3D1);
	ASSERT_EQ(0, umount(S3D1));
	sandbox(_metadata, RIGHT(EXECUTE), NULL);
	ASSERT_EQ(EPERM, ERR(mount("tmpfs", S3D1, "tmpfs", 0, NULL)));
}

TEST_F(mnt, bind_mount_denied)
{
	REQUIRE_MOUNT_NS();
	ASSERT_EQ(0, mount(S1D1, S3D1, NULL, MS_BIND, NULL));
	ASSERT_EQ(0, umount(S3D1));
	sandbox(_metadata, RIGHT(MAKE_BLOCK), NULL);
	ASSERT_EQ(EPERM, ERR(mount(S1D1, S3D1, NULL, MS_BIND, NULL)));
	ASSERT_EQ(EPERM, ERR(mount(S1D1, S3D1, NULL, MS_BIND | MS_REC, NULL)));
}

TEST_F(mnt, umount_denied)
{
	REQUIRE_MOUNT_NS();
	mount_tmpfs(_metadata, S3D1);
	sandbox(_metadata, RIGHT(READ_DIR), NULL);
	ASSERT_EQ(EPERM, ERR(umount(S3D1)));
	ASSERT_EQ(EPERM, ERR(umount2(S3D1, MNT_DETACH)));
}

TEST_F(mnt, remount_denied)
{
	REQUIRE_MOUNT_NS();
	mount_tmpfs(_metadata, S3D1);
	ASSERT_EQ(0, mount(NULL, S3D1, NULL, MS_REMOUNT | MS_RDONLY, NULL));
	ASSERT_EQ(0, mount(NULL, S3D1, NULL, MS_REMOUNT, NULL));
	sandbox(_metadata, RIGHT(EXECUTE), NULL);
	ASSERT_EQ(EPERM,
		  ERR(mount(NULL, S3D1, NULL, MS_REMOUNT | MS_RDONLY, NULL)));
	ASSERT_EQ(EPERM, ERR(mount(NULL, S3D1, NULL,
				   MS_REMOUNT | MS_BIND | MS_RDONLY, NULL)));
	/* Still writable. */
	ASSERT_EQ(0, test_open(S3D1 "/new", O_CREAT | O_WRONLY));
}

TEST_F(mnt, propagation_change_denied)
{
	REQUIRE_MOUNT_NS();
	mount_tmpfs(_metadata, S3D1);
	ASSERT_EQ(0, mount(NULL, S3D1, NULL, MS_SHARED, NULL));
	ASSERT_EQ(0, mount(NULL, S3D1, NULL, MS_PRIVATE, NULL));
	sandbox(_metadata, RIGHT(EXECUTE), NULL);
	ASSERT_EQ(EPERM, ERR(mount(NULL, S3D1, NULL, MS_SHARED, NULL)));
}

TEST_F(mnt, move_mount_denied)
{
	REQUIRE_MOUNT_NS();
	create_dir(_metadata, "s4d1");
	mount_tmpfs(_metadata, S3D1);
	ASSERT_EQ(0, mount(S3D1, "s4d1", NULL, MS_MOVE, NULL));
	ASSERT_EQ(0, ERR(syscall(SYS_move_mount, AT_FDCWD, "s4d1", AT_FDCWD,
				 S3D1, 0)));
	sandbox(_metadata, RIGHT(EXECUTE), NULL);
	ASSERT_EQ(EPERM, ERR(mount(S3D1, "s4d1", NULL, MS_MOVE, NULL)));
	ASSERT_EQ(EPERM, ERR(syscall(SYS_move_mount, AT_FDCWD, S3D1, AT_FDCWD,
				     "s4d1", 0)));
}

/* Runs pivot_root() in a child with its own mount namespace. */
/*
 * pivot_root(2) from a root that is itself mounted somewhere: the test's own
 * root may be the initramfs, which cannot be pivoted (EINVAL).  S3D1 is a
 * tmpfs, the child mounts another one on S3D1/new, makes S3D1 its root and
 * swaps the two.
 */
static int test_pivot_root(struct __test_metadata *_metadata,
			   const bool sandboxed)
{
	const pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (pid == 0) {
		if (unshare(CLONE_NEWNS) ||
		    mount("tmpfs", S3D1 "/new", "tmpfs", 0, NULL) ||
		    mkdir(S3D1 "/new/old", 0700) || chroot(S3D1) || chdir("/"))
			_exit(100);
		if (sandboxed)
			sandbox(_metadata, RIGHT(EXECUTE), NULL);
		if (syscall(SYS_pivot_root, "/new", "/new/old"))
			_exit(errno);
		_exit(0);
	}
	return wait_child(_metadata, pid);
}

TEST_F(mnt, pivot_root_denied)
{
	REQUIRE_MOUNT_NS();
	mount_tmpfs(_metadata, S3D1);
	create_dir(_metadata, S3D1 "/new");
	ASSERT_EQ(0, test_pivot_root(_metadata, false));
	ASSERT_EQ(EPERM, test_pivot_root(_metadata, true));
}

TEST_F(mnt, chroot_allowed)
{
	REQUIRE_MOUNT_NS();
	sandbox_one(_metadata, ACCESS_FS_ALL, S1D1, RIGHT(READ_FILE));
	ASSERT_EQ(0, ERR(chroot(S1D1)));
	ASSERT_EQ(0, ERR(chdir("/")));
	ASSERT_EQ(0, test_open("/f1", O_RDONLY));
	ASSERT_EQ(0, test_open("/s1d2/f1", O_RDONLY));
	ASSERT_EQ(EACCES, test_open("/s1d2", O_RDONLY | O_DIRECTORY));
}

TEST_F(mnt, chroot_rule_inside)
{
	REQUIRE_MOUNT_NS();
	sandbox_one(_metadata, RIGHT(READ_FILE), S1D3, RIGHT(READ_FILE));
	ASSERT_EQ(0, ERR(chroot(S1D2)));
	ASSERT_EQ(0, ERR(chdir("/")));
	ASSERT_EQ(0, test_open("/s1d3/f1", O_RDONLY));
	ASSERT_EQ(0, test_open("/../s1d3/f2", O_RDONLY));
	ASSERT_EQ(EACCES, test_open("/f1", O_RDONLY));
	ASSERT_EQ(EACCES, test_open("/../f1", O_RDONLY));
}

TEST_F(mnt, chroot_rule_outside)
{
	REQUIRE_MOUNT_NS();
	/* The rule is above the new root: it still applies. */
	sandbox_one(_metadata, RIGHT(READ_FILE), S1D1, RIGHT(READ_FILE));
	ASSERT_EQ(0, ERR(chroot(S1D2)));
	ASSERT_EQ(0, ERR(chdir("/")));
	ASSERT_EQ(0, test_open("/f1", O_RDONLY));
	ASSERT_EQ(0, test_open("/s1d3/f1", O_RDONLY));
	/* Chrooting again, in a subdirectory. */
	ASSERT_EQ(0, ERR(chroot("s1d3")));
	ASSERT_EQ(0, test_open("/f2", O_RDONLY));
}

/* ".." out of a mount point */

TEST_F(mnt, dotdot_out_of_mount)
{
	REQUIRE_MOUNT_NS();
	mount_tmpfs(_metadata, S3D1);
	create_file(_metadata, S3D1 "/f1");
	create_dir(_metadata, S3D1 "/dir");
	sandbox_one(_metadata, RIGHT(READ_FILE), S3D1, RIGHT(READ_FILE));
	ASSERT_EQ(0, test_open(S3D1 "/f1", O_RDONLY));
	ASSERT_EQ(0, test_open(S3D1 "/dir/../f1", O_RDONLY));
	/* The file reached is in s2d1: the rule on s3d1 does not count. */
	ASSERT_EQ(EACCES, test_open(S3D1 "/../" S2D1F1, O_RDONLY));
	ASSERT_EQ(EACCES, test_open(S3D1 "/dir/../../" S2D1F1, O_RDONLY));
	ASSERT_EQ(0, test_open(S3D1 "/../" S3D1 "/f1", O_RDONLY));
}

TEST_F(mnt, dotdot_out_of_mount_parent_rule)
{
	REQUIRE_MOUNT_NS();
	mount_tmpfs(_metadata, S3D1);
	create_file(_metadata, S3D1 "/f1");
	sandbox_one(_metadata, RIGHT(READ_FILE), S2D1, RIGHT(READ_FILE));
	ASSERT_EQ(0, test_open(S3D1 "/../" S2D1F1, O_RDONLY));
	ASSERT_EQ(EACCES, test_open(S3D1 "/f1", O_RDONLY));
}

TEST_F(mnt, dotdot_out_of_bind_mount)
{
	REQUIRE_MOUNT_NS();
	ASSERT_EQ(0, mount(S1D2, S3D1, NULL, MS_BIND, NULL));
	sandbox_one(_metadata, RIGHT(READ_FILE), S1D1, RIGHT(READ_FILE));
	/* ".." of the mount root goes to the mount point's parent. */
	ASSERT_EQ(0, test_open(S3D1 "/../" S1D1F1, O_RDONLY));
	ASSERT_EQ(ENOENT, test_open(S3D1 "/../f1", O_RDONLY));
	/* Through the bind mount, s1d1 is not on the way. */
	ASSERT_EQ(EACCES, test_open(S3D1 "/s1d3/../f1", O_RDONLY));
	ASSERT_EQ(0, test_open(S1D3 "/../f1", O_RDONLY));
}

/* OverlayFS: each layer and the merged tree are separate hierarchies. */

#define OVL S3D1
#define OVL_LOWER OVL "/lower"
#define OVL_UPPER OVL "/upper"
#define OVL_WORK OVL "/work"
#define OVL_MERGED OVL "/merged"

/*
 * Mounts on s3d1 a tmpfs with lower/lf, upper/uf and an overlay of them on
 * merged.  Returns 0, or the errno of the overlay mount (if not allowed).
 */
static int mount_overlay(struct __test_metadata *_metadata)
{
	char cwd[128], opts[1024];
	int err;

	mount_tmpfs(_metadata, OVL);
	create_dir(_metadata, OVL_LOWER);
	create_dir(_metadata, OVL_UPPER);
	create_dir(_metadata, OVL_WORK);
	create_dir(_metadata, OVL_MERGED);
	create_file(_metadata, OVL_LOWER "/lf");
	create_file(_metadata, OVL_UPPER "/uf");
	ASSERT_NE(NULL, getcwd(cwd, sizeof(cwd)));
	snprintf(opts, sizeof(opts),
		 "lowerdir=%s/%s,upperdir=%s/%s,workdir=%s/%s", cwd, OVL_LOWER,
		 cwd, OVL_UPPER, cwd, OVL_WORK);
	if (!mount("overlay", OVL_MERGED, "overlay", 0, opts))
		return 0;
	/* In a user namespace, only "user." extended attributes work. */
	strncat(opts, ",userxattr", sizeof(opts) - strlen(opts) - 1);
	if (!mount("overlay", OVL_MERGED, "overlay", 0, opts))
		return 0;
	err = errno;
	ASSERT_EQ(EPERM, err)
	{
		TH_LOG("Failed to mount an overlay: %s", strerror(err));
	}
	return err;
}

#define REQUIRE_OVERLAY()                                           \
	do {                                                        \
		const int _err = mount_overlay(_metadata);          \
		if (_err)                                           \
			SKIP(return, "Cannot mount an overlay: %s", \
				   strerror(_err));                 \
	} while (0)

TEST_F(mnt, overlay_merged)
{
	REQUIRE_MOUNT_NS();
	REQUIRE_OVERLAY();
	ASSERT_EQ(0, test_open(OVL_MERGED "/lf", O_RDONLY));
	ASSERT_EQ(0, test_open(OVL_MERGED "/uf", O_RDONLY));
	sandbox_one(_metadata, RIGHT(READ_FILE), OVL_MERGED, RIGHT(READ_FILE));
	ASSERT_EQ(0, test_open(OVL_MERGED "/lf", O_RDONLY));
	ASSERT_EQ(0, test_open(OVL_MERGED "/uf", O_RDONLY));
	ASSERT_EQ(EACCES, test_open(OVL_LOWER "/lf", O_RDONLY));
	ASSERT_EQ(EACCES, test_open(OVL_UPPER "/uf", O_RDONLY));
}

TEST_F(mnt, overlay_lower)
{
	REQUIRE_MOUNT_NS();
	REQUIRE_OVERLAY();
	sandbox_one(_metadata, RIGHT(READ_FILE), OVL_LOWER, RIGHT(READ_FILE));
	ASSERT_EQ(0, test_open(OVL_LOWER "/lf", O_RDONLY));
	ASSERT_EQ(EACCES, test_open(OVL_MERGED "/lf", O_RDONLY));
	ASSERT_EQ(EACCES, test_open(OVL_MERGED "/uf", O_RDONLY));
}

TEST_F(mnt, overlay_upper)
{
	REQUIRE_MOUNT_NS();
	REQUIRE_OVERLAY();
	sandbox_one(_metadata, RIGHT(READ_FILE), OVL_UPPER, RIGHT(READ_FILE));
	ASSERT_EQ(0, test_open(OVL_UPPER "/uf", O_RDONLY));
	ASSERT_EQ(EACCES, test_open(OVL_MERGED "/uf", O_RDONLY));
	ASSERT_EQ(EACCES, test_open(OVL_MERGED "/lf", O_RDONLY));
}

TEST_F(mnt, overlay_copy_up)
{
	const __u64 rights = RIGHT(READ_FILE) | RIGHT(WRITE_FILE);

	REQUIRE_MOUNT_NS();
	REQUIRE_OVERLAY();
	sandbox_one(_metadata, rights, OVL_MERGED, rights);
	/* Writing copies the file up: the copy is still out of reach. */
	ASSERT_EQ(0, test_open(OVL_MERGED "/lf", O_WRONLY));
	ASSERT_EQ(0, ERR(access(OVL_UPPER "/lf", F_OK)));
	ASSERT_EQ(EACCES, test_open(OVL_UPPER "/lf", O_RDONLY));
	ASSERT_EQ(0, test_open(OVL_MERGED "/lf", O_RDWR));
}

/*
 * hostfs (the root filesystem of the UML test guests) keeps one inode per
 * host file, found by its inode number when its dentry was evicted.  It must
 * not give the inode of a removed host file, which a rule keeps in memory,
 * to a new host file that got the same inode number: the rule would then
 * apply to that other file.
 */
#define HOSTFS_SUPER_MAGIC 0x00c0ffee
#define HOSTFS_TRIES 64

/* Evicts the unused dentries and inodes: the next lookups go to the host. */
static void evict_dentries(struct __test_metadata *_metadata)
{
	sync();
	ASSERT_EQ(0, write_file_str("/proc/sys/vm/drop_caches", "2"));
}

TEST(hostfs_recycled_inode)
{
	char dir[] = "/var/tmp/landlock-hostfs-XXXXXX", path[64];
	struct statfs sfs;
	struct stat old, st;
	int ruleset_fd, i;

	if (statfs("/var/tmp", &sfs) || sfs.f_type != HOSTFS_SUPER_MAGIC)
		SKIP(return, "/var/tmp is not on hostfs");
	if (!has_cap(CAP_SYS_ADMIN))
		SKIP(return, "Dropping the caches needs CAP_SYS_ADMIN");
	ASSERT_NE(NULL, mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/f", dir);
	create_file(_metadata, path);
	/* The rule is tied to the inode of a lookup. */
	evict_dentries(_metadata);
	ASSERT_EQ(0, stat(path, &old));
	ruleset_fd = create_ruleset(_metadata, RIGHT(READ_FILE),
				    (const struct rule[]){
					    { path, RIGHT(READ_FILE) },
					    {},
				    });
	/* The host reuses the inode numbers of removed files. */
	for (i = 0; i < HOSTFS_TRIES; i++) {
		ASSERT_EQ(0, unlink(path));
		create_file(_metadata, path);
		ASSERT_EQ(0, stat(path, &st));
		if (st.st_ino == old.st_ino)
			break;
	}
	if (i == HOSTFS_TRIES) {
		unlink(path);
		rmdir(dir);
		SKIP(return, "The host did not reuse the inode number");
	}
	evict_dentries(_metadata);
	enforce_ruleset(_metadata, ruleset_fd);
	EXPECT_EQ(EACCES, test_open(path, O_RDONLY));
	ASSERT_EQ(0, close(ruleset_fd));
	EXPECT_EQ(0, unlink(path));
	EXPECT_EQ(0, rmdir(dir));
}

LANDLOCK_HARNESS_MAIN
