/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Landlock selftests: shared helpers
 *
 * System call wrappers, capability and no_new_privs helpers, ruleset
 * builders and a per-test scratch directory that is removed by a helper
 * process which is never sandboxed.
 */

#ifndef _SELFTESTS_LANDLOCK_COMMON_H
#define _SELFTESTS_LANDLOCK_COMMON_H

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <linux/landlock.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/capability.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../kselftest_harness.h"

#ifndef __NR_landlock_create_ruleset
#define __NR_landlock_create_ruleset 444
#endif
#ifndef __NR_landlock_add_rule
#define __NR_landlock_add_rule 445
#endif
#ifndef __NR_landlock_restrict_self
#define __NR_landlock_restrict_self 446
#endif

#ifndef __maybe_unused
#define __maybe_unused __attribute__((unused))
#endif

/* The ABI version these tests are written for. */
#define LANDLOCK_ABI_TESTED 12

/*
 * Fixed errata (bit N - 1 for erratum N) of a kernel at this ABI: 1 (TCP
 * rights only apply to TCP), 2 (signals between threads of a process), 3
 * (disconnected directories) and 4 (whiteouts need MAKE_REG).
 */
#define LANDLOCK_ERRATA_FIXED \
	((1U << (1 - 1)) | (1U << (2 - 1)) | (1U << (3 - 1)) | (1U << (4 - 1)))

/*
 * Every filesystem right of the ABI tested: the fifth ABI's, and
 * RESOLVE_UNIX from the ninth on.
 */
#define ACCESS_FS_LAST                                                \
	(LANDLOCK_ABI_TESTED >= 9 ? LANDLOCK_ACCESS_FS_RESOLVE_UNIX : \
				    LANDLOCK_ACCESS_FS_IOCTL_DEV)
#define ACCESS_FS_ALL ((ACCESS_FS_LAST << 1) - 1)

/* The last flag of landlock_restrict_self() in the ABI tested. */
#define RESTRICT_SELF_NNP LANDLOCK_RESTRICT_SELF_NO_NEW_PRIVS
#define RESTRICT_SELF_FLAG_LAST RESTRICT_SELF_NNP

/* Every network right of the tenth ABI. */
#define ACCESS_NET_LAST LANDLOCK_ACCESS_NET_CONNECT_SEND_UDP
#define ACCESS_NET_ALL ((ACCESS_NET_LAST << 1) - 1)

/* Every scope of the sixth ABI. */
#define SCOPE_LAST LANDLOCK_SCOPE_SIGNAL
#define SCOPE_ALL ((SCOPE_LAST << 1) - 1)

/* Every permission of the twelfth ABI. */
#define PERMISSION_LAST LANDLOCK_PERMISSION_CAPABILITY_USE
#define PERMISSION_ALL ((PERMISSION_LAST << 1) - 1)

/* Rights that a rule tied to a non-directory may hold. */
#define ACCESS_FS_FILE                                                \
	(LANDLOCK_ACCESS_FS_EXECUTE | LANDLOCK_ACCESS_FS_WRITE_FILE | \
	 LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_TRUNCATE | \
	 LANDLOCK_ACCESS_FS_IOCTL_DEV |                               \
	 (ACCESS_FS_ALL & LANDLOCK_ACCESS_FS_RESOLVE_UNIX))

/* Rights that only make sense on a directory. */
#define ACCESS_FS_DIR (ACCESS_FS_ALL & ~ACCESS_FS_FILE)

/* Maximum number of stacked layers for one thread. */
#define MAX_LAYERS 16

/* First argument that turns a test binary into a small helper program. */
#define HELPER_ARG "--landlock-selftest-helper"

/*
 * First argument that turns a test binary into a script interpreter (for a
 * "#!" line): it reads the script and exits with 0, or with
 * INTERP_ERR(errno) if the script could not be read.
 */
#define INTERP_ARG "--landlock-selftest-interp"
#define INTERP_ERR(err) (128 + (err))

static inline int
landlock_create_ruleset(const struct landlock_ruleset_attr *const attr,
			const size_t size, const __u32 flags)
{
	return syscall(__NR_landlock_create_ruleset, attr, size, flags);
}

/* The ABI version of the running kernel, or -1 (errno set). */
static inline int landlock_abi(void)
{
	return landlock_create_ruleset(NULL, 0,
				       LANDLOCK_CREATE_RULESET_VERSION);
}

/*
 * Skips a test of a feature of the ABI version @abi on an older kernel:
 * the tests of a feature run as soon as the kernel reports its ABI.
 */
#define SKIP_BEFORE_ABI(abi)                                        \
	do {                                                        \
		const int needed_abi = (abi);                       \
		const int running_abi = landlock_abi();             \
		if (running_abi < needed_abi)                       \
			SKIP(return, "Landlock ABI %d (%d needed)", \
				   running_abi, needed_abi);        \
	} while (0)

static inline int landlock_add_rule(const int ruleset_fd,
				    const enum landlock_rule_type rule_type,
				    const void *const rule_attr,
				    const __u32 flags)
{
	return syscall(__NR_landlock_add_rule, ruleset_fd, rule_type, rule_attr,
		       flags);
}

static inline int landlock_restrict_self(const int ruleset_fd,
					 const __u32 flags)
{
	return syscall(__NR_landlock_restrict_self, ruleset_fd, flags);
}

/* Tells whether @cap is in the effective set of the calling thread. */
static inline bool has_cap(const cap_value_t cap)
{
	cap_flag_value_t value = CAP_CLEAR;
	cap_t caps = cap_get_proc();

	if (!caps)
		return false;
	if (cap_get_flag(caps, cap, CAP_EFFECTIVE, &value))
		value = CAP_CLEAR;
	cap_free(caps);
	return value == CAP_SET;
}

/* Clears the effective, permitted and inheritable capability sets. */
static void __maybe_unused drop_all_caps(struct __test_metadata *_metadata)
{
	cap_t caps = cap_init();

	ASSERT_NE(NULL, caps);
	ASSERT_EQ(0, cap_set_proc(caps));
	ASSERT_EQ(0, cap_free(caps));
	ASSERT_FALSE(has_cap(CAP_SYS_ADMIN));
}

static inline void set_no_new_privs(struct __test_metadata *_metadata)
{
	ASSERT_EQ(0, prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0));
}

/* One rule of a compact rule list, terminated by a NULL path. */
struct rule {
	const char *path;
	__u64 access;
};

static void __maybe_unused add_path_rule(struct __test_metadata *_metadata,
					 const int ruleset_fd,
					 const char *const path,
					 const __u64 access)
{
	struct landlock_path_beneath_attr attr = {
		.allowed_access = access,
	};

	attr.parent_fd = open(path, O_PATH | O_CLOEXEC);
	ASSERT_LE(0, attr.parent_fd)
	{
		TH_LOG("Failed to open \"%s\": %s", path, strerror(errno));
	}
	ASSERT_EQ(0, landlock_add_rule(ruleset_fd, LANDLOCK_RULE_PATH_BENEATH,
				       &attr, 0))
	{
		TH_LOG("Failed to add a rule on \"%s\": %s", path,
		       strerror(errno));
	}
	ASSERT_EQ(0, close(attr.parent_fd));
}

static void __maybe_unused add_fd_rule(struct __test_metadata *_metadata,
				       const int ruleset_fd,
				       const int parent_fd, const __u64 access)
{
	const struct landlock_path_beneath_attr attr = {
		.allowed_access = access,
		.parent_fd = parent_fd,
	};

	ASSERT_EQ(0, landlock_add_rule(ruleset_fd, LANDLOCK_RULE_PATH_BENEATH,
				       &attr, 0))
	{
		TH_LOG("Failed to add a rule: %s", strerror(errno));
	}
}

/* Creates a ruleset handling @handled, filled with @rules (may be NULL). */
static int __maybe_unused create_ruleset(struct __test_metadata *_metadata,
					 const __u64 handled,
					 const struct rule rules[])
{
	const struct landlock_ruleset_attr attr = {
		.handled_access_fs = handled,
	};
	int ruleset_fd, i;

	ruleset_fd = landlock_create_ruleset(&attr, sizeof(attr), 0);
	ASSERT_LE(0, ruleset_fd)
	{
		TH_LOG("Failed to create a ruleset: %s", strerror(errno));
	}
	for (i = 0; rules && rules[i].path; i++)
		add_path_rule(_metadata, ruleset_fd, rules[i].path,
			      rules[i].access);
	return ruleset_fd;
}

/*
 * landlock_add_rule() must read the whole @size bytes of @attr: with the last
 * byte on an unreadable page, EFAULT; with all of them readable, success.
 */
static inline void check_add_rule_bounds(struct __test_metadata *_metadata,
					 const int ruleset_fd,
					 const enum landlock_rule_type type,
					 const void *attr, const size_t size)
{
	const long page_size = sysconf(_SC_PAGESIZE);
	char *pages, *copy;

	pages = mmap(NULL, 2 * page_size, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, pages);
	ASSERT_EQ(0, mprotect(pages + page_size, page_size, PROT_NONE));
	copy = pages + page_size - size + 1;
	memcpy(copy, attr, size - 1);
	ASSERT_EQ(-1, landlock_add_rule(ruleset_fd, type, copy, 0));
	ASSERT_EQ(EFAULT, errno);
	copy--;
	memcpy(copy, attr, size);
	ASSERT_EQ(0, landlock_add_rule(ruleset_fd, type, copy, 0));
	ASSERT_EQ(0, munmap(pages, 2 * page_size));
}

/* Sends @fd over the UNIX socket @sock. */
static int __maybe_unused send_fd(const int sock, const int fd)
{
	char cbuf[CMSG_SPACE(sizeof(fd))] = {};
	char data = 'f';
	struct iovec iov = {
		.iov_base = &data,
		.iov_len = 1,
	};
	struct msghdr msg = {
		.msg_iov = &iov,
		.msg_iovlen = 1,
		.msg_control = cbuf,
		.msg_controllen = sizeof(cbuf),
	};
	struct cmsghdr *const cmsg = CMSG_FIRSTHDR(&msg);

	cmsg->cmsg_level = SOL_SOCKET;
	cmsg->cmsg_type = SCM_RIGHTS;
	cmsg->cmsg_len = CMSG_LEN(sizeof(fd));
	memcpy(CMSG_DATA(cmsg), &fd, sizeof(fd));
	return sendmsg(sock, &msg, 0) == 1 ? 0 : -1;
}

/* Receives a file descriptor from the UNIX socket @sock, or -1. */
static int __maybe_unused recv_fd(const int sock)
{
	char cbuf[CMSG_SPACE(sizeof(int))] = {};
	char data;
	struct iovec iov = {
		.iov_base = &data,
		.iov_len = 1,
	};
	struct msghdr msg = {
		.msg_iov = &iov,
		.msg_iovlen = 1,
		.msg_control = cbuf,
		.msg_controllen = sizeof(cbuf),
	};
	struct cmsghdr *cmsg;
	int fd;

	if (recvmsg(sock, &msg, MSG_CMSG_CLOEXEC) != 1)
		return -1;
	cmsg = CMSG_FIRSTHDR(&msg);
	if (!cmsg || cmsg->cmsg_level != SOL_SOCKET ||
	    cmsg->cmsg_type != SCM_RIGHTS ||
	    cmsg->cmsg_len != CMSG_LEN(sizeof(fd)))
		return -1;
	memcpy(&fd, CMSG_DATA(cmsg), sizeof(fd));
	return fd;
}

/* Sets no_new_privs and stacks the ruleset as a new layer. */
static void __maybe_unused enforce_ruleset(struct __test_metadata *_metadata,
					   const int ruleset_fd)
{
	set_no_new_privs(_metadata);
	ASSERT_EQ(0, landlock_restrict_self(ruleset_fd, 0))
	{
		TH_LOG("Failed to enforce a ruleset: %s", strerror(errno));
	}
}

/* Creates, enforces and closes a ruleset. */
static void __maybe_unused sandbox(struct __test_metadata *_metadata,
				   const __u64 handled,
				   const struct rule rules[])
{
	const int ruleset_fd = create_ruleset(_metadata, handled, rules);

	enforce_ruleset(_metadata, ruleset_fd);
	ASSERT_EQ(0, close(ruleset_fd));
}

/*
 * A layer of restrict_perms(): the permissions it handles, the namespace
 * types (CLONE_NEW* flags) and the capabilities (bit N for capability N) it
 * allows and quiets.  A rule is added for each handled permission that has
 * a non-zero mask.
 */
struct perm_layer {
	__u64 handled;
	__u64 ns;
	__u64 ns_quiet;
	__u64 caps;
	__u64 caps_quiet;
};

/* Creates a ruleset for @layer (see struct perm_layer). */
static int __maybe_unused create_perm_ruleset(struct __test_metadata *_metadata,
					      const struct perm_layer *layer)
{
	const struct landlock_ruleset_attr attr = {
		.handled_permissions = layer->handled,
	};
	const struct landlock_namespace_attr ns_attr = {
		.permissions = LANDLOCK_PERMISSION_NAMESPACE_USE,
		.allowed_namespace_types = layer->ns,
		.quiet_namespace_types = layer->ns_quiet,
	};
	const struct landlock_capability_attr cap_attr = {
		.permissions = LANDLOCK_PERMISSION_CAPABILITY_USE,
		.allowed_capabilities = layer->caps,
		.quiet_capabilities = layer->caps_quiet,
	};
	const int ruleset_fd = landlock_create_ruleset(&attr, sizeof(attr), 0);

	ASSERT_LE(0, ruleset_fd)
	{
		TH_LOG("Failed to create a ruleset: %s", strerror(errno));
	}
	if ((layer->handled & LANDLOCK_PERMISSION_NAMESPACE_USE) &&
	    (layer->ns || layer->ns_quiet))
		ASSERT_EQ(0,
			  landlock_add_rule(ruleset_fd, LANDLOCK_RULE_NAMESPACE,
					    &ns_attr, 0));
	if ((layer->handled & LANDLOCK_PERMISSION_CAPABILITY_USE) &&
	    (layer->caps || layer->caps_quiet))
		ASSERT_EQ(0, landlock_add_rule(ruleset_fd,
					       LANDLOCK_RULE_CAPABILITY,
					       &cap_attr, 0));
	return ruleset_fd;
}

/* Enforces a new layer (see struct perm_layer), setting no_new_privs. */
static void __maybe_unused restrict_perms(struct __test_metadata *_metadata,
					  const struct perm_layer *layer)
{
	const int ruleset_fd = create_perm_ruleset(_metadata, layer);

	enforce_ruleset(_metadata, ruleset_fd);
	ASSERT_EQ(0, close(ruleset_fd));
}

/*
 * Scratch directory
 *
 * Each test gets its own directory under /tmp and runs with it as its
 * working directory.  A helper process, forked before any sandboxing and
 * blocked on a pipe, removes the directory once every holder of the pipe's
 * write end is gone: the test process may be sandboxed (and unable to clean
 * up) or may die on a failed assertion, the directory goes away anyway.
 */
struct scratch {
	char path[64];
	int cleaner_fd;
	pid_t cleaner_pid;
	pid_t owner_pid;
};

static int remove_entry(const char *const path,
			const struct stat *const st __maybe_unused,
			const int type __maybe_unused,
			struct FTW *const ftw __maybe_unused)
{
	remove(path);
	return 0;
}

static inline void remove_tree(const char *const path)
{
	nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static void __maybe_unused scratch_setup(struct __test_metadata *_metadata,
					 struct scratch *const s)
{
	int pipe_fds[2];
	char c;

	strcpy(s->path, "/tmp/landlock-selftest-XXXXXX");
	ASSERT_NE(NULL, mkdtemp(s->path))
	{
		TH_LOG("Failed to create a directory in /tmp: %s",
		       strerror(errno));
	}
	ASSERT_EQ(0, pipe2(pipe_fds, O_CLOEXEC));
	s->owner_pid = getpid();
	s->cleaner_pid = fork();
	ASSERT_LE(0, s->cleaner_pid);
	if (s->cleaner_pid == 0) {
		close(pipe_fds[1]);
		if (chdir("/"))
			_exit(1);
		while (read(pipe_fds[0], &c, 1) > 0)
			;
		remove_tree(s->path);
		_exit(0);
	}
	ASSERT_EQ(0, close(pipe_fds[0]));
	s->cleaner_fd = pipe_fds[1];
	ASSERT_EQ(0, chdir(s->path));
}

static void __maybe_unused scratch_teardown(struct __test_metadata *_metadata,
					    struct scratch *const s)
{
	int status;

	/* A forked child failing an assertion also runs the teardown. */
	if (s->owner_pid != getpid() || s->cleaner_pid <= 0)
		return;
	close(s->cleaner_fd);
	if (waitpid(s->cleaner_pid, &status, 0) == s->cleaner_pid)
		EXPECT_EQ(0, access(s->path, F_OK) ? 0 : -1);
	s->cleaner_pid = 0;
}

static void __maybe_unused create_dir(struct __test_metadata *_metadata,
				      const char *const path)
{
	ASSERT_EQ(0, mkdir(path, 0700))
	{
		TH_LOG("Failed to create directory \"%s\": %s", path,
		       strerror(errno));
	}
}

static void __maybe_unused create_file(struct __test_metadata *_metadata,
				       const char *const path)
{
	const int fd =
		open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);

	ASSERT_LE(0, fd)
	{
		TH_LOG("Failed to create file \"%s\": %s", path,
		       strerror(errno));
	}
	ASSERT_EQ(5, write(fd, "data\n", 5));
	ASSERT_EQ(0, close(fd));
}

/* Copies the running (static) test program to @path, executable. */
static void __maybe_unused copy_self(struct __test_metadata *_metadata,
				     const char *const path)
{
	char buf[4096];
	ssize_t len;
	int in, out;

	in = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
	ASSERT_LE(0, in);
	out = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0700);
	ASSERT_LE(0, out);
	while ((len = read(in, buf, sizeof(buf))) > 0)
		ASSERT_EQ(len, write(out, buf, len));
	ASSERT_EQ(0, len);
	ASSERT_EQ(0, close(in));
	ASSERT_EQ(0, close(out));
}

/* Returns 0 if @ret (a system call's result) is not negative, else errno. */
#define ERR(ret) ((ret) < 0 ? errno : 0)

/*
 * Returns the errno of open(@path, @flags), or 0 if it succeeded (the file
 * is then closed).  @flags may include O_CREAT (mode 0600).
 */
static inline int test_open(const char *const path, const int flags)
{
	const int fd = open(path, flags | O_CLOEXEC, 0600);

	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

/*
 * Waits for @pid and returns its exit code, or -1 (with a log) if it did not
 * exit normally.
 */
static int __maybe_unused wait_child(struct __test_metadata *_metadata,
				     const pid_t pid)
{
	int status;

	if (waitpid(pid, &status, 0) != pid) {
		TH_LOG("waitpid failed: %s", strerror(errno));
		return -1;
	}
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (WIFSIGNALED(status))
		TH_LOG("child %d killed by signal %d", pid, WTERMSIG(status));
	return -1;
}

static int write_file_str(const char *const path, const char *const str)
{
	const int fd = open(path, O_WRONLY | O_CLOEXEC);
	const ssize_t len = strlen(str);
	int err = 0;

	if (fd < 0)
		return -1;
	if (write(fd, str, len) != len)
		err = -1;
	close(fd);
	return err;
}

/*
 * Gives the calling process CAP_SYS_ADMIN over the namespaces it creates:
 * it keeps its own when it has CAP_SYS_ADMIN, or else moves to a new user
 * namespace mapping the caller's IDs to root (so that it may also create
 * nested user namespaces).  Returns 0, or -1 with errno set when the system
 * does not allow it.
 */
static int __maybe_unused enter_admin_userns(void)
{
	const uid_t uid = getuid();
	const gid_t gid = getgid();
	char map[64];

	if (has_cap(CAP_SYS_ADMIN))
		return 0;
	if (unshare(CLONE_NEWUSER))
		return -1;
	if (write_file_str("/proc/self/setgroups", "deny"))
		return -1;
	snprintf(map, sizeof(map), "0 %u 1", uid);
	if (write_file_str("/proc/self/uid_map", map))
		return -1;
	snprintf(map, sizeof(map), "0 %u 1", gid);
	return write_file_str("/proc/self/gid_map", map);
}

/*
 * Moves the calling process to a new mount namespace in which it may mount
 * filesystems (see enter_admin_userns()).  Every mount is made private so
 * that nothing propagates to the initial namespace.  Returns 0, or -1 with
 * errno set when the system does not allow it.
 */
static int __maybe_unused enter_mount_ns(void)
{
	if (enter_admin_userns() || unshare(CLONE_NEWNS))
		return -1;
	return mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL);
}

/*
 * Makes a new pipe send SIGIO to the process @pid (F_SETOWN, O_ASYNC, then a
 * write): returns 0 or errno.  A signal that Landlock refuses is dropped,
 * without error.
 */
static int __maybe_unused send_sigio(const pid_t pid)
{
	int pipe_fds[2], err = 0;

	if (pipe2(pipe_fds, O_CLOEXEC))
		return errno;
	if (fcntl(pipe_fds[0], F_SETOWN, pid) ||
	    fcntl(pipe_fds[0], F_SETFL, O_ASYNC) ||
	    write(pipe_fds[1], "s", 1) != 1 ||
	    /* Closing the pipe would send another signal. */
	    fcntl(pipe_fds[0], F_SETFL, 0))
		err = errno;
	close(pipe_fds[0]);
	close(pipe_fds[1]);
	return err;
}

/*
 * Failure injection (CONFIG_FAULT_INJECTION): writing N to the fail-nth file
 * of a thread makes its N-th next allocation fail, slab (CONFIG_FAILSLAB)
 * or page (CONFIG_FAIL_PAGE_ALLOC) allocation, once failslab and
 * fail_page_alloc are told, in debugfs, not to ignore the allocations that
 * may sleep.  That setting is global and needs root: a run as root makes
 * it, a later run as another user finds it (a probe tells).
 */
#define FAULT_DEBUGFS "/sys/kernel/debug"
#define PAGE_FAULTS "fail_page_alloc"

/*
 * Writes @value to the attribute @name of the fault @type: tells whether it
 * could.
 */
static inline bool set_fault_attr(const char *const type,
				  const char *const name,
				  const char *const value)
{
	char path[128];

	snprintf(path, sizeof(path), FAULT_DEBUGFS "/%s/%s", type, name);
	return !write_file_str(path, value);
}

/*
 * The fail-nth file of the calling thread, opened before any sandboxing
 * (it is opened for writing).
 */
static inline int open_fail_nth(void)
{
	return open("/proc/thread-self/fail-nth", O_RDWR | O_CLOEXEC);
}

/*
 * Makes the @n-th next allocation of the thread of @fd fail (0: none): tells
 * whether it could.
 */
static inline bool set_fail_nth(const int fd, const unsigned int n)
{
	char buf[16];
	const int len = snprintf(buf, sizeof(buf), "%u", n);

	return write(fd, buf, len) == len;
}

/* Reads back what is left of a fail-nth count: 0 once it failed. */
static inline long fail_nth_left(const int fd)
{
	char buf[16] = {};

	if (pread(fd, buf, sizeof(buf) - 1, 0) <= 0)
		return -1;
	return strtol(buf, NULL, 10);
}

/* Tells whether fail-nth makes the (sleeping) allocation of a ruleset fail. */
static inline bool fail_nth_reaches_rulesets(void)
{
	const struct landlock_ruleset_attr attr = {
		.handled_access_fs = LANDLOCK_ACCESS_FS_READ_FILE,
	};
	const int fd = open_fail_nth();
	int ruleset_fd;
	long left;

	if (fd < 0 || !set_fail_nth(fd, 1))
		return false;
	ruleset_fd = landlock_create_ruleset(&attr, sizeof(attr), 0);
	left = fail_nth_left(fd);
	set_fail_nth(fd, 0);
	close(fd);
	if (ruleset_fd >= 0)
		close(ruleset_fd);
	return left == 0 && ruleset_fd < 0;
}

/*
 * Makes fail-nth usable in this process (which gets its own mount namespace
 * for debugfs if it has none): returns NULL, or the reason why not (for
 * SKIP).  Only fail-nth makes allocations fail: the probability stays 0.
 */
static __maybe_unused const char *setup_fail_nth(void)
{
	if (access("/proc/thread-self/fail-nth", W_OK))
		return "No fault injection (CONFIG_FAULT_INJECTION)";
	if (has_cap(CAP_SYS_ADMIN)) {
		if (access(FAULT_DEBUGFS "/failslab", F_OK) &&
		    (unshare(CLONE_NEWNS) ||
		     mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) ||
		     mount("debugfs", FAULT_DEBUGFS, "debugfs", 0, NULL)))
			return "Cannot mount debugfs";
		if (access(FAULT_DEBUGFS "/failslab", F_OK))
			return "No failslab (CONFIG_FAILSLAB)";
		if (!set_fault_attr("failslab", "ignore-gfp-wait", "N") ||
		    !set_fault_attr("failslab", "verbose", "0"))
			return "Cannot configure failslab";
		/* Page allocations of any order too, where the kernel can. */
		if (!access(FAULT_DEBUGFS "/" PAGE_FAULTS, F_OK) &&
		    (!set_fault_attr(PAGE_FAULTS, "ignore-gfp-wait", "N") ||
		     !set_fault_attr(PAGE_FAULTS, "min-order", "0") ||
		     !set_fault_attr(PAGE_FAULTS, "verbose", "0")))
			return "Cannot configure fail_page_alloc";
	}
	if (!fail_nth_reaches_rulesets())
		return "Fault injection ignores sleeping allocations (a run as root configures it)";
	return NULL;
}

/*
 * What one try of a fail-nth sweep tells: the exit code of its process
 * (far from the small codes of a test process that failed an assertion).
 */
enum fail_try {
	/* The call failed as documented, and nothing changed. */
	FAIL_TRY_FAILED = 40,
	/* The n-th allocation failed, but the call worked (a fallback). */
	FAIL_TRY_ABSORBED,
	/* The call made fewer than n allocations, and worked. */
	FAIL_TRY_NOT_REACHED,
	/* An expectation was not met. */
	FAIL_TRY_BROKEN,
};

/* The outcome of a try that checked what it could: see enum fail_try. */
static inline int fail_try_outcome(const struct __test_metadata *_metadata,
				   const bool call_failed, const long left)
{
	if (!_metadata->passed || left < 0)
		return FAIL_TRY_BROKEN;
	if (call_failed)
		return FAIL_TRY_FAILED;
	return left ? FAIL_TRY_NOT_REACHED : FAIL_TRY_ABSORBED;
}

/*
 * A try: makes the @n-th allocation of one call fail (in a process of its
 * own), checks the outcome and returns it (enum fail_try).
 */
typedef int (*fail_try_fn)(struct __test_metadata *_metadata,
			   const unsigned int n, const void *arg);

struct fail_sweep {
	unsigned int sites;
	unsigned int failed;
	unsigned int absorbed;
};

/* Beyond this many allocations, a call is considered runaway. */
#define FAIL_NTH_MAX 2000

/*
 * Runs @try for n = 1, 2... in a new process each, until the call no longer
 * reaches its n-th allocation: every allocation site that the call reaches
 * fails once.  Fills @sweep and logs it with @name.
 */
static void __maybe_unused fail_nth_sweep(struct __test_metadata *_metadata,
					  const char *const name,
					  const fail_try_fn try,
					  const void *const arg,
					  struct fail_sweep *const sweep)
{
	unsigned int n;
	pid_t child;
	int status;

	memset(sweep, 0, sizeof(*sweep));
	for (n = 1; n <= FAIL_NTH_MAX; n++) {
		fflush(NULL);
		child = fork();
		ASSERT_LE(0, child);
		if (child == 0)
			_exit(try(_metadata, n, arg));
		status = wait_child(_metadata, child);
		if (status == FAIL_TRY_NOT_REACHED)
			break;
		ASSERT_TRUE(status == FAIL_TRY_FAILED ||
			    status == FAIL_TRY_ABSORBED)
		{
			TH_LOG("%s: failing allocation %u: exit %d", name, n,
			       status);
		}
		sweep->failed += status == FAIL_TRY_FAILED;
		sweep->absorbed += status == FAIL_TRY_ABSORBED;
	}
	ASSERT_GE(FAIL_NTH_MAX, n);
	sweep->sites = n - 1;
	TH_LOG("fail-nth %s: %u allocation sites, %u failed calls, %u absorbed",
	       name, sweep->sites, sweep->failed, sweep->absorbed);
}

/*
 * Helper mode of the test programs (argv[1] == HELPER_ARG):
 * - "exit": exits with 0;
 * - "open PATH": exits with the errno of open(PATH, O_RDONLY) (0 on success);
 * - "openw PATH": same with O_WRONLY;
 * - "sigio PID": exits with send_sigio(PID).
 */
static int __maybe_unused helper_main(const int argc, char *const argv[])
{
	if (argc >= 1 && strcmp(argv[0], "exit") == 0)
		return 0;
	if (argc >= 2 && strcmp(argv[0], "sigio") == 0)
		return send_sigio(atoi(argv[1]));
	if (argc >= 2 && strcmp(argv[0], "open") == 0)
		return test_open(argv[1], O_RDONLY);
	if (argc >= 2 && strcmp(argv[0], "openw") == 0)
		return test_open(argv[1], O_WRONLY);
	return 100;
}

/* Interpreter mode (argv[1] == INTERP_ARG): reads the script @path. */
static int __maybe_unused interp_main(const char *const path)
{
	char buf[64];
	int fd, err = 0;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return INTERP_ERR(errno);
	if (read(fd, buf, sizeof(buf)) < 0)
		err = INTERP_ERR(errno);
	close(fd);
	return err;
}

/*
 * Replaces TEST_HARNESS_MAIN: the same program can then be executed as a
 * helper or as an interpreter by the tests.
 */
#define LANDLOCK_HARNESS_MAIN                                              \
	static void __attribute__((constructor))                           \
	__constructor_order_last(void)                                     \
	{                                                                  \
		if (!__constructor_order)                                  \
			__constructor_order = _CONSTRUCTOR_ORDER_BACKWARD; \
	}                                                                  \
	int main(int argc, char **argv)                                    \
	{                                                                  \
		if (argc >= 2 && strcmp(argv[1], HELPER_ARG) == 0)         \
			return helper_main(argc - 2, argv + 2);            \
		if (argc >= 3 && strcmp(argv[1], INTERP_ARG) == 0)         \
			return interp_main(argv[2]);                       \
		return test_harness_run(argc, argv);                       \
	}

#endif /* _SELFTESTS_LANDLOCK_COMMON_H */
