// SPDX-License-Identifier: GPL-2.0
/*
 * Landlock selftests: system call interfaces
 *
 * Version query, argument checks and their order, ruleset file descriptor
 * properties, layer limit and inheritance of a domain.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

#include "common.h"

/* A ruleset handling every right, without rules. */
static int new_ruleset(struct __test_metadata *_metadata)
{
	return create_ruleset(_metadata, ACCESS_FS_ALL, NULL);
}

/* Version query */

TEST(abi_version)
{
	ASSERT_EQ(LANDLOCK_ABI_TESTED,
		  landlock_create_ruleset(NULL, 0,
					  LANDLOCK_CREATE_RULESET_VERSION));
}

/* Errata query */

TEST(errata)
{
	/*
	 * Errata 1 (TCP rights applied to other stream protocols, from ABI 4),
	 * 2 (signals between threads, from ABI 6), 3 (disconnected
	 * directories, from ABI 1) and 4 (whiteouts, from ABI 1) apply to ABI
	 * 6 and later: bits 0 to 3.
	 */
	ASSERT_EQ(15, LANDLOCK_ERRATA_FIXED);
	ASSERT_EQ(LANDLOCK_ERRATA_FIXED,
		  landlock_create_ruleset(NULL, 0,
					  LANDLOCK_CREATE_RULESET_ERRATA));
}

/* A query takes neither a ruleset attribute nor a size. */
FIXTURE(query)
{
	int unused;
};

FIXTURE_VARIANT(query)
{
	__u32 flag;
};

/* clang-format off */
FIXTURE_VARIANT_ADD(query, version) {
	/* clang-format on */
	.flag = LANDLOCK_CREATE_RULESET_VERSION,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(query, errata) {
	/* clang-format on */
	.flag = LANDLOCK_CREATE_RULESET_ERRATA,
};

FIXTURE_SETUP(query)
{
}

FIXTURE_TEARDOWN(query)
{
}

TEST_F(query, with_attr)
{
	const struct landlock_ruleset_attr attr = {
		.handled_access_fs = LANDLOCK_ACCESS_FS_READ_FILE,
	};

	ASSERT_EQ(-1, landlock_create_ruleset(&attr, 0, variant->flag));
	ASSERT_EQ(EINVAL, errno);
	ASSERT_EQ(-1,
		  landlock_create_ruleset(&attr, sizeof(attr), variant->flag));
	ASSERT_EQ(EINVAL, errno);
}

TEST_F(query, with_size)
{
	ASSERT_EQ(-1,
		  landlock_create_ruleset(NULL, sizeof(__u64), variant->flag));
	ASSERT_EQ(EINVAL, errno);
	ASSERT_EQ(-1, landlock_create_ruleset(NULL, 1, variant->flag));
	ASSERT_EQ(EINVAL, errno);
}

TEST(errata_with_version)
{
	const struct landlock_ruleset_attr attr = {
		.handled_access_fs = LANDLOCK_ACCESS_FS_READ_FILE,
	};
	const __u32 both = LANDLOCK_CREATE_RULESET_VERSION |
			   LANDLOCK_CREATE_RULESET_ERRATA;

	/* Both queries at once: neither answer. */
	ASSERT_EQ(-1, landlock_create_ruleset(NULL, 0, both));
	ASSERT_EQ(EINVAL, errno);
	ASSERT_EQ(-1, landlock_create_ruleset(&attr, sizeof(attr), both));
	ASSERT_EQ(EINVAL, errno);
}

TEST(create_ruleset_unknown_flags)
{
	const struct landlock_ruleset_attr attr = {
		.handled_access_fs = LANDLOCK_ACCESS_FS_READ_FILE,
	};
	__u32 flag, query;

	for (flag = LANDLOCK_CREATE_RULESET_ERRATA << 1; flag; flag <<= 1) {
		/* The flags are checked first, even with a valid attr. */
		ASSERT_EQ(-1,
			  landlock_create_ruleset(&attr, sizeof(attr), flag));
		ASSERT_EQ(EINVAL, errno);
		ASSERT_EQ(-1, landlock_create_ruleset(NULL, 0, flag));
		ASSERT_EQ(EINVAL, errno);
		/* Even next to a query. */
		query = flag | LANDLOCK_CREATE_RULESET_VERSION;
		ASSERT_EQ(-1, landlock_create_ruleset(NULL, 0, query));
		ASSERT_EQ(EINVAL, errno);
		query = flag | LANDLOCK_CREATE_RULESET_ERRATA;
		ASSERT_EQ(-1, landlock_create_ruleset(NULL, 0, query));
		ASSERT_EQ(EINVAL, errno);
	}
}

/* landlock_create_ruleset() */

TEST(create_ruleset_ok)
{
	const struct landlock_ruleset_attr attr = {
		.handled_access_fs = ACCESS_FS_ALL,
	};
	const int fd = landlock_create_ruleset(&attr, sizeof(attr), 0);

	ASSERT_LE(0, fd);
	ASSERT_EQ(0, close(fd));
}

TEST(create_ruleset_every_right)
{
	struct landlock_ruleset_attr attr = {};
	__u64 access;
	int fd;

	for (access = 1; access <= ACCESS_FS_LAST; access <<= 1) {
		attr.handled_access_fs = access;
		fd = landlock_create_ruleset(&attr, sizeof(attr), 0);
		ASSERT_LE(0, fd);
		ASSERT_EQ(0, close(fd));
	}
}

TEST(create_ruleset_size_too_small)
{
	const struct landlock_ruleset_attr attr = {
		.handled_access_fs = LANDLOCK_ACCESS_FS_READ_FILE,
	};
	size_t size;

	for (size = 0; size < sizeof(__u64); size++) {
		ASSERT_EQ(-1, landlock_create_ruleset(&attr, size, 0));
		ASSERT_EQ(EINVAL, errno);
	}
}

TEST(create_ruleset_size_too_big)
{
	const long page_size = sysconf(_SC_PAGESIZE);
	char *buf;
	int fd;

	buf = calloc(1, page_size + 1);
	ASSERT_NE(NULL, buf);
	((struct landlock_ruleset_attr *)buf)->handled_access_fs =
		LANDLOCK_ACCESS_FS_READ_FILE;

	/* Exactly one page of zero-padded attribute is fine. */
	fd = landlock_create_ruleset((void *)buf, page_size, 0);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, close(fd));

	ASSERT_EQ(-1, landlock_create_ruleset((void *)buf, page_size + 1, 0));
	ASSERT_EQ(E2BIG, errno);
	ASSERT_EQ(-1, landlock_create_ruleset((void *)buf, SIZE_MAX, 0));
	ASSERT_EQ(E2BIG, errno);
	free(buf);
}

TEST(create_ruleset_zero_padded)
{
	struct {
		struct landlock_ruleset_attr attr;
		char padding[56];
	} big = {
		.attr.handled_access_fs = LANDLOCK_ACCESS_FS_READ_DIR,
	};
	int fd;

	fd = landlock_create_ruleset(&big.attr, sizeof(big), 0);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, close(fd));
	fd = landlock_create_ruleset(&big.attr, sizeof(big.attr) + 1, 0);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, close(fd));
}

TEST(create_ruleset_non_zero_trailing)
{
	struct {
		struct landlock_ruleset_attr attr;
		char padding[56];
	} big = {
		.attr.handled_access_fs = LANDLOCK_ACCESS_FS_READ_DIR,
	};
	int fd;

	big.padding[0] = 1;
	ASSERT_EQ(-1, landlock_create_ruleset(&big.attr, sizeof(big), 0));
	ASSERT_EQ(E2BIG, errno);
	big.padding[0] = 0;
	big.padding[sizeof(big.padding) - 1] = 0x80;
	ASSERT_EQ(-1, landlock_create_ruleset(&big.attr, sizeof(big), 0));
	ASSERT_EQ(E2BIG, errno);
	/* Bytes outside of the given size are not read. */
	fd = landlock_create_ruleset(&big.attr, sizeof(big) - 1, 0);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, close(fd));
}

TEST(create_ruleset_efault)
{
	const long page_size = sysconf(_SC_PAGESIZE);
	const size_t attr_size = sizeof(struct landlock_ruleset_attr);
	char *pages;

	ASSERT_EQ(-1, landlock_create_ruleset(NULL, sizeof(__u64), 0));
	ASSERT_EQ(EFAULT, errno);
	ASSERT_EQ(-1, landlock_create_ruleset((void *)1, attr_size, 0));
	ASSERT_EQ(EFAULT, errno);

	/* An attribute straddling a readable and an unreadable page. */
	pages = mmap(NULL, 2 * page_size, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, pages);
	ASSERT_EQ(0, mprotect(pages + page_size, page_size, PROT_NONE));
	ASSERT_EQ(-1, landlock_create_ruleset((void *)(pages + page_size - 4),
					      sizeof(__u64), 0));
	ASSERT_EQ(EFAULT, errno);
	ASSERT_EQ(0, munmap(pages, 2 * page_size));
}

TEST(create_ruleset_unknown_access)
{
	struct landlock_ruleset_attr attr = {};
	__u64 bit;

	for (bit = ACCESS_FS_LAST << 1; bit; bit <<= 1) {
		attr.handled_access_fs = bit;
		ASSERT_EQ(-1, landlock_create_ruleset(&attr, sizeof(attr), 0));
		ASSERT_EQ(EINVAL, errno);
		attr.handled_access_fs = bit | LANDLOCK_ACCESS_FS_READ_FILE;
		ASSERT_EQ(-1, landlock_create_ruleset(&attr, sizeof(attr), 0));
		ASSERT_EQ(EINVAL, errno);
	}
}

TEST(create_ruleset_unknown_scope)
{
	struct landlock_ruleset_attr attr = {};
	__u64 bit;

	for (bit = SCOPE_LAST << 1; bit; bit <<= 1) {
		attr.scoped = bit;
		ASSERT_EQ(-1, landlock_create_ruleset(&attr, sizeof(attr), 0));
		ASSERT_EQ(EINVAL, errno);
		attr.scoped = bit | LANDLOCK_SCOPE_SIGNAL;
		ASSERT_EQ(-1, landlock_create_ruleset(&attr, sizeof(attr), 0));
		ASSERT_EQ(EINVAL, errno);
	}
}

TEST(create_ruleset_scopes_only)
{
	struct landlock_ruleset_attr attr = {
		.scoped = SCOPE_ALL,
	};
	const size_t abi4_size = offsetof(struct landlock_ruleset_attr, scoped);
	int fd;

	/* 56 bytes with handled_permissions (ABI 12). */
	ASSERT_EQ(56, sizeof(attr));
	fd = landlock_create_ruleset(&attr, sizeof(attr), 0);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, close(fd));
	/* An ABI 4 structure has no scope field: nothing is handled. */
	ASSERT_EQ(16, abi4_size);
	ASSERT_EQ(-1, landlock_create_ruleset(&attr, abi4_size, 0));
	ASSERT_EQ(ENOMSG, errno);
	attr.handled_access_net = LANDLOCK_ACCESS_NET_BIND_TCP;
	fd = landlock_create_ruleset(&attr, abi4_size, 0);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, close(fd));
}

TEST(create_ruleset_nothing_handled)
{
	const struct landlock_ruleset_attr attr = {};
	struct {
		struct landlock_ruleset_attr attr;
		__u64 zero;
	} big = {};

	ASSERT_EQ(-1, landlock_create_ruleset(&attr, sizeof(attr), 0));
	ASSERT_EQ(ENOMSG, errno);
	ASSERT_EQ(-1, landlock_create_ruleset(&big.attr, sizeof(big), 0));
	ASSERT_EQ(ENOMSG, errno);
}

TEST(ruleset_fd_properties)
{
	const int fd = new_ruleset(_metadata);
	char buf[8] = {};
	int flags;

	flags = fcntl(fd, F_GETFD);
	ASSERT_LE(0, flags);
	ASSERT_EQ(FD_CLOEXEC, flags & FD_CLOEXEC);
	flags = fcntl(fd, F_GETFL);
	ASSERT_LE(0, flags);
	ASSERT_EQ(O_RDWR, flags & O_ACCMODE);

	ASSERT_EQ(-1, read(fd, buf, sizeof(buf)));
	ASSERT_EQ(EINVAL, errno);
	ASSERT_EQ(-1, write(fd, buf, sizeof(buf)));
	ASSERT_EQ(EINVAL, errno);
	ASSERT_EQ(0, close(fd));
}

TEST(ruleset_fd_not_inherited_by_exec)
{
	const int fd = new_ruleset(_metadata);
	char path[64];
	pid_t pid;

	/* The helper opens the fd's /proc entry: gone after the execve. */
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		execl("/proc/self/exe", "base_test", HELPER_ARG, "open", path,
		      NULL);
		_exit(99);
	}
	ASSERT_EQ(ENOENT, wait_child(_metadata, pid));
	ASSERT_EQ(0, close(fd));
}

/* landlock_add_rule() */

FIXTURE(add_rule)
{
	struct scratch scratch;
	int ruleset_fd;
	struct landlock_path_beneath_attr attr;
};

FIXTURE_SETUP(add_rule)
{
	const __u64 handled =
		LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_READ_DIR |
		LANDLOCK_ACCESS_FS_WRITE_FILE | LANDLOCK_ACCESS_FS_MAKE_REG;

	scratch_setup(_metadata, &self->scratch);
	create_dir(_metadata, "dir");
	create_file(_metadata, "file");
	self->ruleset_fd = create_ruleset(_metadata, handled, NULL);
	self->attr.allowed_access = LANDLOCK_ACCESS_FS_READ_FILE;
	self->attr.parent_fd = open("dir", O_PATH | O_DIRECTORY | O_CLOEXEC);
	ASSERT_LE(0, self->attr.parent_fd);
}

FIXTURE_TEARDOWN(add_rule)
{
	close(self->attr.parent_fd);
	close(self->ruleset_fd);
	scratch_teardown(_metadata, &self->scratch);
}

TEST_F(add_rule, ok)
{
	ASSERT_EQ(0, landlock_add_rule(self->ruleset_fd,
				       LANDLOCK_RULE_PATH_BENEATH, &self->attr,
				       0));
	/* The same rule twice, and more rights on the same directory. */
	ASSERT_EQ(0, landlock_add_rule(self->ruleset_fd,
				       LANDLOCK_RULE_PATH_BENEATH, &self->attr,
				       0));
	self->attr.allowed_access = LANDLOCK_ACCESS_FS_READ_DIR |
				    LANDLOCK_ACCESS_FS_MAKE_REG;
	ASSERT_EQ(0, landlock_add_rule(self->ruleset_fd,
				       LANDLOCK_RULE_PATH_BENEATH, &self->attr,
				       0));
}

TEST_F(add_rule, unknown_flags)
{
	__u32 flag;

	for (flag = LANDLOCK_ADD_RULE_QUIET << 1; flag; flag <<= 1) {
		ASSERT_EQ(-1, landlock_add_rule(self->ruleset_fd,
						LANDLOCK_RULE_PATH_BENEATH,
						&self->attr, flag));
		ASSERT_EQ(EINVAL, errno);
		/* Flags are checked before anything else. */
		ASSERT_EQ(-1, landlock_add_rule(-1, 0, NULL, flag));
		ASSERT_EQ(EINVAL, errno);
		ASSERT_EQ(-1,
			  landlock_add_rule(-1, 0, NULL,
					    flag | LANDLOCK_ADD_RULE_QUIET));
		ASSERT_EQ(EINVAL, errno);
	}
	/* A known flag: the ruleset is checked next. */
	ASSERT_EQ(-1, landlock_add_rule(-1, 0, NULL, LANDLOCK_ADD_RULE_QUIET));
	ASSERT_EQ(EBADF, errno);
}

/* The ruleset quiets nothing: no object can be marked quiet. */
TEST_F(add_rule, quiet_without_quiet_mask)
{
	ASSERT_EQ(-1, landlock_add_rule(self->ruleset_fd,
					LANDLOCK_RULE_PATH_BENEATH, &self->attr,
					LANDLOCK_ADD_RULE_QUIET));
	ASSERT_EQ(EINVAL, errno);
	self->attr.allowed_access = 0;
	ASSERT_EQ(-1, landlock_add_rule(self->ruleset_fd,
					LANDLOCK_RULE_PATH_BENEATH, &self->attr,
					LANDLOCK_ADD_RULE_QUIET));
	ASSERT_EQ(EINVAL, errno);
}

TEST_F(add_rule, bad_ruleset_fd)
{
	int fd;

	ASSERT_EQ(-1, landlock_add_rule(-1, LANDLOCK_RULE_PATH_BENEATH,
					&self->attr, 0));
	ASSERT_EQ(EBADF, errno);
	/* The ruleset is checked before the rule type and attribute. */
	ASSERT_EQ(-1, landlock_add_rule(-1, 0, NULL, 0));
	ASSERT_EQ(EBADF, errno);

	fd = dup(self->ruleset_fd);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, close(fd));
	ASSERT_EQ(-1, landlock_add_rule(fd, LANDLOCK_RULE_PATH_BENEATH,
					&self->attr, 0));
	ASSERT_EQ(EBADF, errno);
}

TEST_F(add_rule, not_a_ruleset_fd)
{
	int fds[2];
	int fd;

	fd = open("file", O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, fd);
	ASSERT_EQ(-1, landlock_add_rule(fd, LANDLOCK_RULE_PATH_BENEATH,
					&self->attr, 0));
	ASSERT_EQ(EBADFD, errno);
	ASSERT_EQ(-1, landlock_add_rule(fd, 0, NULL, 0));
	ASSERT_EQ(EBADFD, errno);
	ASSERT_EQ(0, close(fd));

	ASSERT_EQ(0, pipe2(fds, O_CLOEXEC));
	ASSERT_EQ(-1, landlock_add_rule(fds[1], LANDLOCK_RULE_PATH_BENEATH,
					&self->attr, 0));
	ASSERT_EQ(EBADFD, errno);
	ASSERT_EQ(0, close(fds[0]));
	ASSERT_EQ(0, close(fds[1]));

	fd = eventfd(0, EFD_CLOEXEC);
	ASSERT_LE(0, fd);
	ASSERT_EQ(-1, landlock_add_rule(fd, LANDLOCK_RULE_PATH_BENEATH,
					&self->attr, 0));
	ASSERT_EQ(EBADFD, errno);
	ASSERT_EQ(0, close(fd));
}

TEST_F(add_rule, unknown_rule_type)
{
	ASSERT_EQ(-1, landlock_add_rule(self->ruleset_fd, 0, &self->attr, 0));
	ASSERT_EQ(EINVAL, errno);
	ASSERT_EQ(-1, landlock_add_rule(self->ruleset_fd, 0x7fffffff,
					&self->attr, 0));
	ASSERT_EQ(EINVAL, errno);
	/* The type is checked before the attribute is read. */
	ASSERT_EQ(-1, landlock_add_rule(self->ruleset_fd, 0, NULL, 0));
	ASSERT_EQ(EINVAL, errno);
}

TEST_F(add_rule, efault)
{
	ASSERT_EQ(-1, landlock_add_rule(self->ruleset_fd,
					LANDLOCK_RULE_PATH_BENEATH, NULL, 0));
	ASSERT_EQ(EFAULT, errno);
	/* The packed 12-byte attribute, ending on an unreadable page. */
	check_add_rule_bounds(_metadata, self->ruleset_fd,
			      LANDLOCK_RULE_PATH_BENEATH, &self->attr,
			      sizeof(self->attr));
}

TEST_F(add_rule, no_access)
{
	self->attr.allowed_access = 0;
	ASSERT_EQ(-1, landlock_add_rule(self->ruleset_fd,
					LANDLOCK_RULE_PATH_BENEATH, &self->attr,
					0));
	ASSERT_EQ(ENOMSG, errno);
	/* Checked before the parent file descriptor. */
	self->attr.parent_fd = -1;
	ASSERT_EQ(-1, landlock_add_rule(self->ruleset_fd,
					LANDLOCK_RULE_PATH_BENEATH, &self->attr,
					0));
	ASSERT_EQ(ENOMSG, errno);
}

TEST_F(add_rule, access_not_handled)
{
	const int dir_fd = self->attr.parent_fd;

	self->attr.allowed_access = LANDLOCK_ACCESS_FS_EXECUTE;
	ASSERT_EQ(-1, landlock_add_rule(self->ruleset_fd,
					LANDLOCK_RULE_PATH_BENEATH, &self->attr,
					0));
	ASSERT_EQ(EINVAL, errno);
	/* One unhandled right among handled ones is enough. */
	self->attr.allowed_access = LANDLOCK_ACCESS_FS_READ_FILE |
				    LANDLOCK_ACCESS_FS_MAKE_DIR;
	ASSERT_EQ(-1, landlock_add_rule(self->ruleset_fd,
					LANDLOCK_RULE_PATH_BENEATH, &self->attr,
					0));
	ASSERT_EQ(EINVAL, errno);
	/* Unknown rights are not handled either. */
	self->attr.allowed_access = ACCESS_FS_LAST << 1;
	ASSERT_EQ(-1, landlock_add_rule(self->ruleset_fd,
					LANDLOCK_RULE_PATH_BENEATH, &self->attr,
					0));
	ASSERT_EQ(EINVAL, errno);
	/* Checked before the parent file descriptor. */
	self->attr.allowed_access = LANDLOCK_ACCESS_FS_EXECUTE;
	self->attr.parent_fd = -1;
	ASSERT_EQ(-1, landlock_add_rule(self->ruleset_fd,
					LANDLOCK_RULE_PATH_BENEATH, &self->attr,
					0));
	ASSERT_EQ(EINVAL, errno);
	self->attr.parent_fd = dir_fd;
}

TEST_F(add_rule, bad_parent_fd)
{
	const int dir_fd = self->attr.parent_fd;
	int fd;

	self->attr.parent_fd = -1;
	ASSERT_EQ(-1, landlock_add_rule(self->ruleset_fd,
					LANDLOCK_RULE_PATH_BENEATH, &self->attr,
					0));
	ASSERT_EQ(EBADF, errno);

	fd = dup(dir_fd);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, close(fd));
	self->attr.parent_fd = fd;
	ASSERT_EQ(-1, landlock_add_rule(self->ruleset_fd,
					LANDLOCK_RULE_PATH_BENEATH, &self->attr,
					0));
	ASSERT_EQ(EBADF, errno);
	self->attr.parent_fd = dir_fd;
}

static void check_internal_parent(struct __test_metadata *_metadata,
				  const int ruleset_fd, const int parent_fd)
{
	const struct landlock_path_beneath_attr attr = {
		.allowed_access = LANDLOCK_ACCESS_FS_READ_FILE,
		.parent_fd = parent_fd,
	};

	ASSERT_LE(0, parent_fd);
	ASSERT_EQ(-1, landlock_add_rule(ruleset_fd, LANDLOCK_RULE_PATH_BENEATH,
					&attr, 0));
	ASSERT_EQ(EBADFD, errno);
}

TEST_F(add_rule, parent_fd_pipe)
{
	int fds[2];

	ASSERT_EQ(0, pipe2(fds, O_CLOEXEC));
	check_internal_parent(_metadata, self->ruleset_fd, fds[0]);
	check_internal_parent(_metadata, self->ruleset_fd, fds[1]);
	ASSERT_EQ(0, close(fds[0]));
	ASSERT_EQ(0, close(fds[1]));
}

TEST_F(add_rule, parent_fd_socket)
{
	int fds[2];

	ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds));
	check_internal_parent(_metadata, self->ruleset_fd, fds[0]);
	ASSERT_EQ(0, close(fds[0]));
	ASSERT_EQ(0, close(fds[1]));
}

TEST_F(add_rule, parent_fd_ruleset)
{
	const int other = new_ruleset(_metadata);

	check_internal_parent(_metadata, self->ruleset_fd, other);
	/* Even the ruleset itself. */
	check_internal_parent(_metadata, self->ruleset_fd, self->ruleset_fd);
	ASSERT_EQ(0, close(other));
}

TEST_F(add_rule, parent_fd_anon_inode)
{
	const int fd = eventfd(0, EFD_CLOEXEC);

	check_internal_parent(_metadata, self->ruleset_fd, fd);
	ASSERT_EQ(0, close(fd));
}

TEST_F(add_rule, parent_fd_nsfs)
{
	const int fd = open("/proc/self/ns/mnt", O_RDONLY | O_CLOEXEC);

	check_internal_parent(_metadata, self->ruleset_fd, fd);
	ASSERT_EQ(0, close(fd));
}

TEST_F(add_rule, parent_fd_pipe_via_proc)
{
	char path[64];
	int fds[2];
	int fd;

	/* An O_PATH fd of a pipe, obtained through its /proc link. */
	ASSERT_EQ(0, pipe2(fds, O_CLOEXEC));
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fds[0]);
	fd = open(path, O_PATH | O_CLOEXEC);
	check_internal_parent(_metadata, self->ruleset_fd, fd);
	ASSERT_EQ(0, close(fd));
	ASSERT_EQ(0, close(fds[0]));
	ASSERT_EQ(0, close(fds[1]));
}

TEST_F(add_rule, file_with_directory_rights)
{
	struct landlock_path_beneath_attr attr = {};
	__u64 access;

	attr.parent_fd = open("file", O_PATH | O_CLOEXEC);
	ASSERT_LE(0, attr.parent_fd);

	attr.allowed_access = LANDLOCK_ACCESS_FS_READ_FILE |
			      LANDLOCK_ACCESS_FS_WRITE_FILE;
	ASSERT_EQ(0, landlock_add_rule(self->ruleset_fd,
				       LANDLOCK_RULE_PATH_BENEATH, &attr, 0));
	attr.allowed_access = LANDLOCK_ACCESS_FS_READ_DIR;
	ASSERT_EQ(-1, landlock_add_rule(self->ruleset_fd,
					LANDLOCK_RULE_PATH_BENEATH, &attr, 0));
	ASSERT_EQ(EINVAL, errno);
	attr.allowed_access = LANDLOCK_ACCESS_FS_READ_FILE |
			      LANDLOCK_ACCESS_FS_MAKE_REG;
	ASSERT_EQ(-1, landlock_add_rule(self->ruleset_fd,
					LANDLOCK_RULE_PATH_BENEATH, &attr, 0));
	ASSERT_EQ(EINVAL, errno);
	ASSERT_EQ(0, close(attr.parent_fd));

	/* Every directory right, one at a time, in a fully handled ruleset. */
	ASSERT_EQ(0, close(self->ruleset_fd));
	self->ruleset_fd = new_ruleset(_metadata);
	attr.parent_fd = open("file", O_RDONLY | O_CLOEXEC);
	ASSERT_LE(0, attr.parent_fd);
	for (access = 1; access <= ACCESS_FS_LAST; access <<= 1) {
		attr.allowed_access = access;
		if (access & ACCESS_FS_FILE) {
			ASSERT_EQ(0,
				  landlock_add_rule(self->ruleset_fd,
						    LANDLOCK_RULE_PATH_BENEATH,
						    &attr, 0));
		} else {
			ASSERT_EQ(-1,
				  landlock_add_rule(self->ruleset_fd,
						    LANDLOCK_RULE_PATH_BENEATH,
						    &attr, 0));
			ASSERT_EQ(EINVAL, errno);
		}
	}
	ASSERT_EQ(0, close(attr.parent_fd));
}

TEST_F(add_rule, refer_not_handled)
{
	/* REFER is denied even when not handled, but it cannot be granted. */
	self->attr.allowed_access = LANDLOCK_ACCESS_FS_REFER;
	ASSERT_EQ(-1, landlock_add_rule(self->ruleset_fd,
					LANDLOCK_RULE_PATH_BENEATH, &self->attr,
					0));
	ASSERT_EQ(EINVAL, errno);
	self->attr.allowed_access = LANDLOCK_ACCESS_FS_READ_FILE |
				    LANDLOCK_ACCESS_FS_REFER;
	ASSERT_EQ(-1, landlock_add_rule(self->ruleset_fd,
					LANDLOCK_RULE_PATH_BENEATH, &self->attr,
					0));
	ASSERT_EQ(EINVAL, errno);
}

TEST_F(add_rule, truncate_not_handled)
{
	self->attr.allowed_access = LANDLOCK_ACCESS_FS_WRITE_FILE |
				    LANDLOCK_ACCESS_FS_TRUNCATE;
	ASSERT_EQ(-1, landlock_add_rule(self->ruleset_fd,
					LANDLOCK_RULE_PATH_BENEATH, &self->attr,
					0));
	ASSERT_EQ(EINVAL, errno);
}

TEST_F(add_rule, refer_and_truncate)
{
	const __u64 handled = LANDLOCK_ACCESS_FS_REFER |
			      LANDLOCK_ACCESS_FS_TRUNCATE;
	struct landlock_path_beneath_attr attr = {};

	ASSERT_EQ(0, close(self->ruleset_fd));
	self->ruleset_fd = create_ruleset(_metadata, handled, NULL);
	/* Both on a directory. */
	self->attr.allowed_access = LANDLOCK_ACCESS_FS_REFER |
				    LANDLOCK_ACCESS_FS_TRUNCATE;
	ASSERT_EQ(0, landlock_add_rule(self->ruleset_fd,
				       LANDLOCK_RULE_PATH_BENEATH, &self->attr,
				       0));
	/* TRUNCATE is a file right, REFER a directory one. */
	attr.parent_fd = open("file", O_PATH | O_CLOEXEC);
	ASSERT_LE(0, attr.parent_fd);
	attr.allowed_access = LANDLOCK_ACCESS_FS_TRUNCATE;
	ASSERT_EQ(0, landlock_add_rule(self->ruleset_fd,
				       LANDLOCK_RULE_PATH_BENEATH, &attr, 0));
	attr.allowed_access = LANDLOCK_ACCESS_FS_REFER;
	ASSERT_EQ(-1, landlock_add_rule(self->ruleset_fd,
					LANDLOCK_RULE_PATH_BENEATH, &attr, 0));
	ASSERT_EQ(EINVAL, errno);
	attr.allowed_access = LANDLOCK_ACCESS_FS_REFER |
			      LANDLOCK_ACCESS_FS_TRUNCATE;
	ASSERT_EQ(-1, landlock_add_rule(self->ruleset_fd,
					LANDLOCK_RULE_PATH_BENEATH, &attr, 0));
	ASSERT_EQ(EINVAL, errno);
	ASSERT_EQ(0, close(attr.parent_fd));
}

TEST_F(add_rule, parent_fd_o_path)
{
	struct landlock_path_beneath_attr attr = {
		.allowed_access = LANDLOCK_ACCESS_FS_READ_FILE,
	};

	/* The fixture's directory fd is already O_PATH. */
	self->attr.allowed_access = LANDLOCK_ACCESS_FS_READ_DIR |
				    LANDLOCK_ACCESS_FS_READ_FILE;
	ASSERT_EQ(0, landlock_add_rule(self->ruleset_fd,
				       LANDLOCK_RULE_PATH_BENEATH, &self->attr,
				       0));
	attr.parent_fd = open("file", O_PATH | O_CLOEXEC);
	ASSERT_LE(0, attr.parent_fd);
	ASSERT_EQ(0, landlock_add_rule(self->ruleset_fd,
				       LANDLOCK_RULE_PATH_BENEATH, &attr, 0));
	ASSERT_EQ(0, close(attr.parent_fd));
	/* A regular read-only directory fd works as well. */
	attr.parent_fd = open("dir", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	ASSERT_LE(0, attr.parent_fd);
	ASSERT_EQ(0, landlock_add_rule(self->ruleset_fd,
				       LANDLOCK_RULE_PATH_BENEATH, &attr, 0));
	ASSERT_EQ(0, close(attr.parent_fd));
}

TEST_F(add_rule, after_enforcement)
{
	/*
	 * The ruleset can still be changed after it is enforced, but the
	 * domain is a snapshot: the new rule does not apply to it.
	 */
	enforce_ruleset(_metadata, self->ruleset_fd);
	ASSERT_EQ(EACCES, test_open("dir/../file", O_RDONLY));
	add_path_rule(_metadata, self->ruleset_fd, ".",
		      LANDLOCK_ACCESS_FS_READ_FILE);
	ASSERT_EQ(EACCES, test_open("file", O_RDONLY));
}

/* landlock_restrict_self() */

/* Quiet masks and rules (ABI 10) */

static int create_quiet_ruleset(const __u64 handled_fs, const __u64 quiet_fs,
				const __u64 handled_net, const __u64 quiet_net)
{
	const struct landlock_ruleset_attr attr = {
		.handled_access_fs = handled_fs,
		.handled_access_net = handled_net,
		.quiet_access_fs = quiet_fs,
		.quiet_access_net = quiet_net,
	};

	return landlock_create_ruleset(&attr, sizeof(attr), 0);
}

TEST(create_ruleset_quiet_subsets)
{
	struct landlock_ruleset_attr attr = {
		.handled_access_fs = LANDLOCK_ACCESS_FS_READ_FILE |
				     LANDLOCK_ACCESS_FS_REFER,
		.handled_access_net = LANDLOCK_ACCESS_NET_BIND_UDP,
		.scoped = LANDLOCK_SCOPE_SIGNAL,
		.quiet_access_fs = LANDLOCK_ACCESS_FS_READ_FILE |
				   LANDLOCK_ACCESS_FS_REFER,
		.quiet_access_net = LANDLOCK_ACCESS_NET_BIND_UDP,
		.quiet_scoped = LANDLOCK_SCOPE_SIGNAL,
	};
	int fd;

	fd = landlock_create_ruleset(&attr, sizeof(attr), 0);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, close(fd));

	/* Each quiet mask must be a subset of what its type handles. */
	attr.quiet_access_fs |= LANDLOCK_ACCESS_FS_EXECUTE;
	ASSERT_EQ(-1, landlock_create_ruleset(&attr, sizeof(attr), 0));
	ASSERT_EQ(EINVAL, errno);
	attr.quiet_access_fs = 0;
	attr.quiet_access_net = LANDLOCK_ACCESS_NET_BIND_TCP;
	ASSERT_EQ(-1, landlock_create_ruleset(&attr, sizeof(attr), 0));
	ASSERT_EQ(EINVAL, errno);
	attr.quiet_access_net = 0;
	attr.quiet_scoped = LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET;
	ASSERT_EQ(-1, landlock_create_ruleset(&attr, sizeof(attr), 0));
	ASSERT_EQ(EINVAL, errno);
	/* Unknown bits too. */
	attr.quiet_scoped = 1ULL << 63;
	ASSERT_EQ(-1, landlock_create_ruleset(&attr, sizeof(attr), 0));
	ASSERT_EQ(EINVAL, errno);
}

/* Nothing handled: a quiet mask makes it EINVAL rather than ENOMSG. */
TEST(create_ruleset_quiet_nothing_handled)
{
	ASSERT_EQ(-1,
		  create_quiet_ruleset(0, LANDLOCK_ACCESS_FS_READ_FILE, 0, 0));
	ASSERT_EQ(EINVAL, errno);
	ASSERT_EQ(-1, create_quiet_ruleset(0, 0, 0, 0));
	ASSERT_EQ(ENOMSG, errno);
}

/* The quiet masks are not read from the structures of older ABIs. */
TEST(create_ruleset_quiet_short_sizes)
{
	const struct landlock_ruleset_attr attr = {
		.handled_access_fs = LANDLOCK_ACCESS_FS_READ_FILE,
		.quiet_access_fs = LANDLOCK_ACCESS_FS_EXECUTE,
	};
	size_t size;
	int fd;

	for (size = sizeof(__u64); size <= 3 * sizeof(__u64); size++) {
		fd = landlock_create_ruleset(&attr, size, 0);
		ASSERT_LE(0, fd);
		ASSERT_EQ(0, close(fd));
	}
	ASSERT_EQ(-1, landlock_create_ruleset(&attr, size, 0));
	ASSERT_EQ(EINVAL, errno);
}

TEST(add_rule_quiet)
{
	const __u64 read = LANDLOCK_ACCESS_FS_READ_FILE;
	const __u64 write = LANDLOCK_ACCESS_FS_WRITE_FILE;
	const int fd = create_quiet_ruleset(read | write, read, 0, 0);
	struct landlock_path_beneath_attr attr = {
		.parent_fd = open("/", O_PATH | O_CLOEXEC),
	};

	ASSERT_LE(0, fd);
	ASSERT_LE(0, attr.parent_fd);
	/* A quiet-only rule, then a rule granting rights too. */
	ASSERT_EQ(0, landlock_add_rule(fd, LANDLOCK_RULE_PATH_BENEATH, &attr,
				       LANDLOCK_ADD_RULE_QUIET));
	attr.allowed_access = write;
	ASSERT_EQ(0, landlock_add_rule(fd, LANDLOCK_RULE_PATH_BENEATH, &attr,
				       LANDLOCK_ADD_RULE_QUIET));
	/* The quiet mask does not restrict what a quiet rule grants... */
	ASSERT_EQ(0,
		  landlock_add_rule(fd, LANDLOCK_RULE_PATH_BENEATH, &attr, 0));
	/* ... but the handled rights do. */
	attr.allowed_access = LANDLOCK_ACCESS_FS_EXECUTE;
	ASSERT_EQ(-1, landlock_add_rule(fd, LANDLOCK_RULE_PATH_BENEATH, &attr,
					LANDLOCK_ADD_RULE_QUIET));
	ASSERT_EQ(EINVAL, errno);
	/* Without the flag, a rule must grant something. */
	attr.allowed_access = 0;
	ASSERT_EQ(-1,
		  landlock_add_rule(fd, LANDLOCK_RULE_PATH_BENEATH, &attr, 0));
	ASSERT_EQ(ENOMSG, errno);
	/* The attribute is read first. */
	ASSERT_EQ(-1, landlock_add_rule(fd, LANDLOCK_RULE_PATH_BENEATH, NULL,
					LANDLOCK_ADD_RULE_QUIET));
	ASSERT_EQ(EFAULT, errno);
	/* Then the rights and the flag, before the parent. */
	attr.parent_fd = -1;
	ASSERT_EQ(-1, landlock_add_rule(fd, LANDLOCK_RULE_PATH_BENEATH, &attr,
					LANDLOCK_ADD_RULE_QUIET));
	ASSERT_EQ(EBADF, errno);
	ASSERT_EQ(-1,
		  landlock_add_rule(fd, LANDLOCK_RULE_PATH_BENEATH, &attr, 0));
	ASSERT_EQ(ENOMSG, errno);
	ASSERT_EQ(0, close(fd));
}

TEST(add_rule_quiet_port)
{
	const __u64 bind = LANDLOCK_ACCESS_NET_BIND_UDP;
	const int fd = create_quiet_ruleset(LANDLOCK_ACCESS_FS_READ_FILE, 0,
					    bind, bind);
	const int fd_loud = create_quiet_ruleset(LANDLOCK_ACCESS_FS_READ_FILE,
						 LANDLOCK_ACCESS_FS_READ_FILE,
						 bind, 0);
	struct landlock_net_port_attr attr = {
		.port = 53,
	};
	struct landlock_path_beneath_attr path_attr = {
		.parent_fd = open("/", O_PATH | O_CLOEXEC),
	};

	ASSERT_LE(0, fd);
	ASSERT_LE(0, fd_loud);
	ASSERT_LE(0, path_attr.parent_fd);
	ASSERT_EQ(0, landlock_add_rule(fd, LANDLOCK_RULE_NET_PORT, &attr,
				       LANDLOCK_ADD_RULE_QUIET));
	/* Each rule type needs its own quiet mask. */
	ASSERT_EQ(-1, landlock_add_rule(fd, LANDLOCK_RULE_PATH_BENEATH,
					&path_attr, LANDLOCK_ADD_RULE_QUIET));
	ASSERT_EQ(EINVAL, errno);
	ASSERT_EQ(-1, landlock_add_rule(fd_loud, LANDLOCK_RULE_NET_PORT, &attr,
					LANDLOCK_ADD_RULE_QUIET));
	ASSERT_EQ(EINVAL, errno);
	ASSERT_EQ(0, landlock_add_rule(fd_loud, LANDLOCK_RULE_PATH_BENEATH,
				       &path_attr, LANDLOCK_ADD_RULE_QUIET));
	/* The port is checked after the flag. */
	attr.port = 1ULL << 16;
	ASSERT_EQ(-1, landlock_add_rule(fd, LANDLOCK_RULE_NET_PORT, &attr,
					LANDLOCK_ADD_RULE_QUIET));
	ASSERT_EQ(EINVAL, errno);
	ASSERT_EQ(0, close(path_attr.parent_fd));
	ASSERT_EQ(0, close(fd_loud));
	ASSERT_EQ(0, close(fd));
}

TEST(restrict_self_unknown_flags)
{
	const int fd = new_ruleset(_metadata);
	__u32 flag;

	set_no_new_privs(_metadata);
	for (flag = RESTRICT_SELF_FLAG_LAST << 1; flag; flag <<= 1) {
		ASSERT_EQ(-1, landlock_restrict_self(fd, flag));
		ASSERT_EQ(EINVAL, errno);
		ASSERT_EQ(-1, landlock_restrict_self(-1, flag));
		ASSERT_EQ(EINVAL, errno);
	}
	ASSERT_EQ(0, close(fd));
}

/*
 * Without privilege, unknown flags: up to ABI 10, the privileges are
 * checked first (EPERM); from ABI 11, the flags are (EINVAL).
 */
TEST(restrict_self_unknown_flags_unprivileged)
{
	const int expected = LANDLOCK_ABI_TESTED >= 11 ? EINVAL : EPERM;
	const int fd = new_ruleset(_metadata);

	drop_all_caps(_metadata);
	ASSERT_EQ(-1, landlock_restrict_self(fd, 1U << 31));
	ASSERT_EQ(expected, errno);
	ASSERT_EQ(-1, landlock_restrict_self(-1, ~0U));
	ASSERT_EQ(expected, errno);
	ASSERT_EQ(0, close(fd));
}

TEST(restrict_self_without_nnp)
{
	const int fd = new_ruleset(_metadata);

	drop_all_caps(_metadata);
	ASSERT_EQ(0, prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0));
	ASSERT_EQ(-1, landlock_restrict_self(fd, 0));
	ASSERT_EQ(EPERM, errno);
	/* The privilege check comes before the file descriptor checks. */
	ASSERT_EQ(-1, landlock_restrict_self(-1, 0));
	ASSERT_EQ(EPERM, errno);
	/* Still not sandboxed. */
	ASSERT_EQ(0, test_open("/proc/self/status", O_RDONLY));

	set_no_new_privs(_metadata);
	ASSERT_EQ(0, landlock_restrict_self(fd, 0));
	ASSERT_EQ(EACCES, test_open("/proc/self/status", O_RDONLY));
	ASSERT_EQ(0, close(fd));
}

TEST(restrict_self_with_cap_sys_admin)
{
	int fd;

	/* Without no_new_privs, CAP_SYS_ADMIN (maybe in a new userns). */
	if (!has_cap(CAP_SYS_ADMIN)) {
		if (unshare(CLONE_NEWUSER))
			SKIP(return, "No user namespace: %s", strerror(errno));
		ASSERT_TRUE(has_cap(CAP_SYS_ADMIN));
	}
	ASSERT_EQ(0, prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0));
	fd = new_ruleset(_metadata);
	ASSERT_EQ(0, landlock_restrict_self(fd, 0));
	ASSERT_EQ(EACCES, test_open("/proc/self/status", O_RDONLY));
	/* CAP_SYS_ADMIN does not set no_new_privs. */
	ASSERT_EQ(0, prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0));
	ASSERT_EQ(0, close(fd));
}

/*
 * ABI 11: LANDLOCK_RESTRICT_SELF_NO_NEW_PRIVS stands for the privilege
 * check, needs a ruleset, and sets no_new_privs only when the call succeeds.
 */
TEST(restrict_self_nnp_flag)
{
	const __u32 nnp = LANDLOCK_RESTRICT_SELF_NO_NEW_PRIVS;
	const __u32 nnp_log = nnp | LANDLOCK_RESTRICT_SELF_LOG_SUBDOMAINS_OFF;
	const int fd = new_ruleset(_metadata);
	int fds[2];

	drop_all_caps(_metadata);
	ASSERT_EQ(0, prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0));
	ASSERT_EQ(-1, landlock_restrict_self(-1, nnp));
	ASSERT_EQ(EBADF, errno);
	ASSERT_EQ(-1, landlock_restrict_self(-1, nnp_log));
	ASSERT_EQ(EBADF, errno);
	ASSERT_EQ(0, pipe2(fds, O_CLOEXEC));
	ASSERT_EQ(-1, landlock_restrict_self(fds[0], nnp));
	ASSERT_EQ(EBADFD, errno);
	ASSERT_EQ(0, close(fds[0]));
	ASSERT_EQ(0, close(fds[1]));
	ASSERT_EQ(0, prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0));
	ASSERT_EQ(0, test_open("/proc/self/status", O_RDONLY));

	ASSERT_EQ(0, landlock_restrict_self(fd, nnp));
	ASSERT_EQ(1, prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0));
	ASSERT_EQ(EACCES, test_open("/proc/self/status", O_RDONLY));
	ASSERT_EQ(0, close(fd));
}

/* A call that fails for a lack of layers leaves no_new_privs unset. */
TEST(restrict_self_nnp_flag_e2big)
{
	int fd, i;

	if (!has_cap(CAP_SYS_ADMIN)) {
		if (unshare(CLONE_NEWUSER))
			SKIP(return, "No user namespace: %s", strerror(errno));
		ASSERT_TRUE(has_cap(CAP_SYS_ADMIN));
	}
	fd = create_ruleset(_metadata, LANDLOCK_ACCESS_FS_MAKE_BLOCK, NULL);
	for (i = 0; i < MAX_LAYERS; i++)
		ASSERT_EQ(0, landlock_restrict_self(fd, 0));
	ASSERT_EQ(-1, landlock_restrict_self(fd, RESTRICT_SELF_NNP));
	ASSERT_EQ(E2BIG, errno);
	ASSERT_EQ(0, prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0));
	ASSERT_EQ(0, close(fd));
}

TEST(restrict_self_bad_fd)
{
	int fd = new_ruleset(_metadata);

	set_no_new_privs(_metadata);
	ASSERT_EQ(0, close(fd));
	ASSERT_EQ(-1, landlock_restrict_self(fd, 0));
	ASSERT_EQ(EBADF, errno);
	ASSERT_EQ(-1, landlock_restrict_self(-1, 0));
	ASSERT_EQ(EBADF, errno);
	ASSERT_EQ(0, test_open("/proc/self/status", O_RDONLY));
}

TEST(restrict_self_not_a_ruleset)
{
	int fds[2];
	int fd;

	set_no_new_privs(_metadata);
	ASSERT_EQ(0, pipe2(fds, O_CLOEXEC));
	ASSERT_EQ(-1, landlock_restrict_self(fds[0], 0));
	ASSERT_EQ(EBADFD, errno);
	ASSERT_EQ(0, close(fds[0]));
	ASSERT_EQ(0, close(fds[1]));

	fd = open("/proc/self/status", O_RDONLY | O_CLOEXEC);
	ASSERT_LE(0, fd);
	ASSERT_EQ(-1, landlock_restrict_self(fd, 0));
	ASSERT_EQ(EBADFD, errno);
	ASSERT_EQ(0, close(fd));

	fd = eventfd(0, EFD_CLOEXEC);
	ASSERT_LE(0, fd);
	ASSERT_EQ(-1, landlock_restrict_self(fd, 0));
	ASSERT_EQ(EBADFD, errno);
	ASSERT_EQ(0, close(fd));
	ASSERT_EQ(0, test_open("/proc/self/status", O_RDONLY));
}

TEST(restrict_self_empty_ruleset)
{
	const int fd =
		create_ruleset(_metadata, LANDLOCK_ACCESS_FS_READ_DIR, NULL);

	ASSERT_EQ(0, test_open("/", O_RDONLY | O_DIRECTORY));
	enforce_ruleset(_metadata, fd);
	ASSERT_EQ(EACCES, test_open("/", O_RDONLY | O_DIRECTORY));
	/* Unhandled rights stay allowed. */
	ASSERT_EQ(0, test_open("/proc/self/status", O_RDONLY));
	ASSERT_EQ(0, close(fd));
}

TEST(restrict_self_max_layers)
{
	const int fd =
		create_ruleset(_metadata, LANDLOCK_ACCESS_FS_MAKE_BLOCK, NULL);
	int i;

	set_no_new_privs(_metadata);
	for (i = 0; i < MAX_LAYERS; i++)
		ASSERT_EQ(0, landlock_restrict_self(fd, 0))
		{
			TH_LOG("Layer %d: %s", i + 1, strerror(errno));
		}
	ASSERT_EQ(-1, landlock_restrict_self(fd, 0));
	ASSERT_EQ(E2BIG, errno);
	ASSERT_EQ(-1, landlock_restrict_self(fd, 0));
	ASSERT_EQ(E2BIG, errno);
	ASSERT_EQ(0, close(fd));
}

TEST(restrict_self_max_layers_inherited)
{
	const int fd =
		create_ruleset(_metadata, LANDLOCK_ACCESS_FS_MAKE_BLOCK, NULL);
	pid_t pid;
	int i;

	set_no_new_privs(_metadata);
	for (i = 0; i < MAX_LAYERS - 1; i++)
		ASSERT_EQ(0, landlock_restrict_self(fd, 0));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		/* The child inherits the 15 layers: one more fits. */
		if (landlock_restrict_self(fd, 0))
			_exit(1);
		if (landlock_restrict_self(fd, 0) != -1 || errno != E2BIG)
			_exit(2);
		_exit(0);
	}
	ASSERT_EQ(0, wait_child(_metadata, pid));
	ASSERT_EQ(0, landlock_restrict_self(fd, 0));
	ASSERT_EQ(-1, landlock_restrict_self(fd, 0));
	ASSERT_EQ(E2BIG, errno);
	ASSERT_EQ(0, close(fd));
}

/* Inheritance */

FIXTURE(inherit)
{
	struct scratch scratch;
};

FIXTURE_SETUP(inherit)
{
	scratch_setup(_metadata, &self->scratch);
	create_dir(_metadata, "allowed");
	create_file(_metadata, "allowed/file");
	create_dir(_metadata, "denied");
	create_file(_metadata, "denied/file");
}

FIXTURE_TEARDOWN(inherit)
{
	scratch_teardown(_metadata, &self->scratch);
}

static void sandbox_write(struct __test_metadata *_metadata)
{
	const struct rule rules[] = {
		{ "allowed", LANDLOCK_ACCESS_FS_WRITE_FILE }, {}
	};

	sandbox(_metadata, LANDLOCK_ACCESS_FS_WRITE_FILE, rules);
}

TEST_F(inherit, fork)
{
	pid_t pid;

	sandbox_write(_metadata);
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		if (test_open("allowed/file", O_WRONLY))
			_exit(1);
		_exit(test_open("denied/file", O_WRONLY));
	}
	ASSERT_EQ(EACCES, wait_child(_metadata, pid));
}

TEST_F(inherit, fork_then_sandbox_child)
{
	pid_t pid;

	/* A child's domain does not affect its parent. */
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		sandbox_write(_metadata);
		_exit(test_open("denied/file", O_WRONLY));
	}
	ASSERT_EQ(EACCES, wait_child(_metadata, pid));
	ASSERT_EQ(0, test_open("denied/file", O_WRONLY));
}

static int run_helper(struct __test_metadata *_metadata, const char *const op,
		      const char *const path)
{
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (pid == 0) {
		execl("/proc/self/exe", "base_test", HELPER_ARG, op, path,
		      NULL);
		_exit(99);
	}
	return wait_child(_metadata, pid);
}

TEST_F(inherit, execve)
{
	ASSERT_EQ(0, run_helper(_metadata, "openw", "denied/file"));
	sandbox_write(_metadata);
	ASSERT_EQ(0, run_helper(_metadata, "openw", "allowed/file"));
	ASSERT_EQ(EACCES, run_helper(_metadata, "openw", "denied/file"));
	/* Unhandled rights are still allowed after execve. */
	ASSERT_EQ(0, run_helper(_metadata, "open", "denied/file"));
}

TEST_F(inherit, layers_count_across_fork)
{
	pid_t pid;

	/* The parent's layer counts in the child's limit. */
	sandbox_write(_metadata);
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		const __u64 handled = LANDLOCK_ACCESS_FS_READ_FILE;
		const int fd = create_ruleset(_metadata, handled, NULL);
		int i;

		for (i = 1; i < MAX_LAYERS; i++)
			if (landlock_restrict_self(fd, 0))
				_exit(1);
		if (landlock_restrict_self(fd, 0) != -1 || errno != E2BIG)
			_exit(2);
		_exit(test_open("allowed/file", O_RDONLY));
	}
	ASSERT_EQ(EACCES, wait_child(_metadata, pid));
	ASSERT_EQ(0, test_open("allowed/file", O_RDONLY));
}

LANDLOCK_HARNESS_MAIN
