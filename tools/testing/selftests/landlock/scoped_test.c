// SPDX-License-Identifier: GPL-2.0
/*
 * Landlock selftests: scopes (ABI 6)
 *
 * A domain whose ruleset restricts LANDLOCK_SCOPE_SIGNAL may not signal a
 * task outside of itself and of the domains nested under it;
 * LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET does the same for connecting or
 * sending to an abstract UNIX socket.  A parent and its child, sandboxed in
 * turn (before or after the fork, with or without the scope), check both
 * directions; other tests cover the threads of one process, the SIGIO and
 * SIGURG signals sent to a file's owner, every UNIX socket type, and
 * pathname sockets (never restricted by a scope).
 */

#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "common.h"
#include "unix_common.h"

#ifndef __NR_pidfd_send_signal
#define __NR_pidfd_send_signal 424
#endif
#ifndef __NR_pidfd_open
#define __NR_pidfd_open 434
#endif

/*
 * How long to wait for a signal that should come, and for one that should
 * not (it is sent synchronously: this is only a safety margin), in ms.
 */
#define WAIT_DELIVERED_MS 1000
#define WAIT_DENIED_MS 100

/*
 * Creates a domain (nested under the current one, if any) from a ruleset
 * that handles no access right and only restricts @scope.
 */
static void create_scoped_domain(struct __test_metadata *_metadata,
				 const __u64 scope)
{
	const struct landlock_ruleset_attr attr = {
		.scoped = scope,
	};
	const int ruleset_fd = landlock_create_ruleset(&attr, sizeof(attr), 0);

	ASSERT_LE(0, ruleset_fd)
	{
		TH_LOG("Failed to create a scoped ruleset: %s",
		       strerror(errno));
	}
	enforce_ruleset(_metadata, ruleset_fd);
	ASSERT_EQ(0, close(ruleset_fd));
}

/*
 * Same as create_scoped_domain() for the calling thread only, without the
 * harness (whose assertions may not be used from a second thread): returns
 * 0 or an errno.
 */
static int scope_thread(const __u64 scope)
{
	const struct landlock_ruleset_attr attr = {
		.scoped = scope,
	};
	int ruleset_fd, err = 0;

	ruleset_fd = landlock_create_ruleset(&attr, sizeof(attr), 0);
	if (ruleset_fd < 0)
		return errno;
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
	    landlock_restrict_self(ruleset_fd, 0))
		err = errno;
	close(ruleset_fd);
	return err;
}

static long sys_tgkill(const pid_t tgid, const pid_t tid, const int sig)
{
	return syscall(__NR_tgkill, tgid, tid, sig);
}

/*
 * Signals
 *
 * A signal is allowed or denied as a whole, whatever the way of sending it:
 * send_signals() uses one signal for each way, all of them blocked (see
 * block_signals()) so that take_signals() can tell which ones came.
 */

static void block_signals(struct __test_metadata *_metadata)
{
	sigset_t set;

	ASSERT_EQ(0, sigemptyset(&set));
	ASSERT_EQ(0, sigaddset(&set, SIGUSR1));
	ASSERT_EQ(0, sigaddset(&set, SIGUSR2));
	ASSERT_EQ(0, sigaddset(&set, SIGRTMIN));
	ASSERT_EQ(0, sigaddset(&set, SIGRTMIN + 1));
	ASSERT_EQ(0, sigaddset(&set, SIGIO));
	ASSERT_EQ(0, sigaddset(&set, SIGURG));
	ASSERT_EQ(0, sigprocmask(SIG_BLOCK, &set, NULL));
}

/*
 * Waits at most @timeout_ms for the blocked signal @sig and consumes it:
 * returns @sig, or -1 if it did not come.
 */
static int wait_signal(const int sig, const int timeout_ms)
{
	const struct timespec timeout = {
		.tv_sec = timeout_ms / 1000,
		.tv_nsec = (timeout_ms % 1000) * 1000000L,
	};
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, sig);
	return sigtimedwait(&set, NULL, &timeout);
}

/* Consumes the blocked signal @sig if it is pending: tells whether it was. */
static bool take_signal(const int sig)
{
	return wait_signal(sig, 0) == sig;
}

/*
 * Sends signals to the process @target in every way: kill() (signal 0 and
 * SIGUSR1), tgkill() to its main thread (SIGUSR2), sigqueue() (SIGRTMIN)
 * and pidfd_send_signal() (SIGRTMIN + 1).  Each must succeed if @err is 0,
 * else fail with @err.
 */
static void send_signals(struct __test_metadata *_metadata, const pid_t target,
			 const int err)
{
	const union sigval value = {
		.sival_int = 1,
	};
	int pidfd;

	ASSERT_EQ(err, ERR(kill(target, 0)));
	ASSERT_EQ(err, ERR(kill(target, SIGUSR1)));
	ASSERT_EQ(err, ERR(sys_tgkill(target, target, SIGUSR2)));
	ASSERT_EQ(err, ERR(sigqueue(target, SIGRTMIN, value)));
	pidfd = syscall(__NR_pidfd_open, target, 0);
	ASSERT_LE(0, pidfd);
	ASSERT_EQ(err, ERR(syscall(__NR_pidfd_send_signal, pidfd, SIGRTMIN + 1,
				   NULL, 0)));
	ASSERT_EQ(0, close(pidfd));
}

/* Consumes the signals of send_signals(): all of them, or none. */
static void take_signals(struct __test_metadata *_metadata,
			 const bool delivered)
{
	ASSERT_EQ(delivered, take_signal(SIGUSR1));
	ASSERT_EQ(delivered, take_signal(SIGUSR2));
	ASSERT_EQ(delivered, take_signal(SIGRTMIN));
	ASSERT_EQ(delivered, take_signal(SIGRTMIN + 1));
}

/*
 * UNIX sockets
 */

/*
 * Ruleset
 */

TEST(ruleset_scoped_only)
{
	const __u64 valid[] = {
		LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET,
		LANDLOCK_SCOPE_SIGNAL,
		SCOPE_ALL,
	};
	struct landlock_ruleset_attr attr = {};
	size_t i;
	int fd;

	/* A ruleset may restrict scopes and handle no access right at all. */
	for (i = 0; i < ARRAY_SIZE(valid); i++) {
		attr.scoped = valid[i];
		fd = landlock_create_ruleset(&attr, sizeof(attr), 0);
		ASSERT_LE(0, fd)
		{
			TH_LOG("Failed to create a ruleset with scopes 0x%llx: %s",
			       (unsigned long long)valid[i], strerror(errno));
		}
		ASSERT_EQ(0, close(fd));
	}

	/* Scopes and access rights together. */
	attr.handled_access_fs = LANDLOCK_ACCESS_FS_READ_FILE;
	attr.handled_access_net = LANDLOCK_ACCESS_NET_BIND_TCP;
	attr.scoped = SCOPE_ALL;
	fd = landlock_create_ruleset(&attr, sizeof(attr), 0);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, close(fd));

	/* Unknown scopes, alone or with known ones. */
	attr.handled_access_fs = 0;
	attr.handled_access_net = 0;
	attr.scoped = 1ULL << 2;
	ASSERT_EQ(-1, landlock_create_ruleset(&attr, sizeof(attr), 0));
	ASSERT_EQ(EINVAL, errno);
	attr.scoped = SCOPE_ALL | (1ULL << 2);
	ASSERT_EQ(-1, landlock_create_ruleset(&attr, sizeof(attr), 0));
	ASSERT_EQ(EINVAL, errno);
	attr.scoped = ~0ULL;
	ASSERT_EQ(-1, landlock_create_ruleset(&attr, sizeof(attr), 0));
	ASSERT_EQ(EINVAL, errno);

	/* Nothing handled nor scoped. */
	attr.scoped = 0;
	ASSERT_EQ(-1, landlock_create_ruleset(&attr, sizeof(attr), 0));
	ASSERT_EQ(ENOMSG, errno);
}

TEST(restrict_scoped_only)
{
	const struct landlock_ruleset_attr attr = {
		.scoped = SCOPE_ALL,
	};
	int ruleset_fd;

	/* Only no_new_privs should allow the restriction, not root's caps. */
	drop_all_caps(_metadata);
	ruleset_fd = landlock_create_ruleset(&attr, sizeof(attr), 0);
	ASSERT_LE(0, ruleset_fd);
	if (!prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0)) {
		ASSERT_EQ(-1, landlock_restrict_self(ruleset_fd, 0));
		ASSERT_EQ(EPERM, errno);
	}

	/* The test runner, our parent, is outside of any domain of ours. */
	ASSERT_EQ(0, kill(getppid(), 0));
	set_no_new_privs(_metadata);
	ASSERT_EQ(0, landlock_restrict_self(ruleset_fd, 0));
	ASSERT_EQ(0, close(ruleset_fd));
	ASSERT_EQ(-1, kill(getppid(), 0));
	ASSERT_EQ(EPERM, errno);
	ASSERT_EQ(0, kill(getpid(), 0));
}

/*
 * Parent and child
 *
 * Each of them may create a domain at some point, with the scope under test
 * or with the other scope only (a layer that does not restrict what is
 * tested).  Domains: S = created by the parent before the fork (shared with
 * the child), P = created by the parent after the fork, C = created by the
 * child after the fork; a "'" marks a domain with the other scope only.
 */
enum domain {
	NO_DOMAIN = 0,
	SCOPED_DOMAIN,
	OTHER_SCOPE_DOMAIN,
};

static void add_domain(struct __test_metadata *_metadata,
		       const enum domain domain, const __u64 scope)
{
	switch (domain) {
	case NO_DOMAIN:
		break;
	case SCOPED_DOMAIN:
		create_scoped_domain(_metadata, scope);
		break;
	case OTHER_SCOPE_DOMAIN:
		create_scoped_domain(_metadata, SCOPE_ALL & ~scope);
		break;
	}
}

FIXTURE(hierarchy)
{
	int to_parent[2];
	int to_child[2];
};

FIXTURE_VARIANT(hierarchy)
{
	enum domain shared;
	enum domain parent;
	enum domain child;
	/* errno of the child reaching its parent, and conversely. */
	int child_to_parent;
	int parent_to_child;
};

/* No domain at all. */
/* clang-format off */
FIXTURE_VARIANT_ADD(hierarchy, none) {
	/* clang-format on */
	.child_to_parent = 0,
	.parent_to_child = 0,
};

/* C only: the parent is outside of C, and not restricted. */
/* clang-format off */
FIXTURE_VARIANT_ADD(hierarchy, child_scoped) {
	/* clang-format on */
	.child = SCOPED_DOMAIN,
	.child_to_parent = EPERM,
	.parent_to_child = 0,
};

/* P only: the child is outside of P. */
/* clang-format off */
FIXTURE_VARIANT_ADD(hierarchy, parent_scoped) {
	/* clang-format on */
	.parent = SCOPED_DOMAIN,
	.child_to_parent = 0,
	.parent_to_child = EPERM,
};

/* P and C: sibling domains, each outside of the other. */
/* clang-format off */
FIXTURE_VARIANT_ADD(hierarchy, siblings) {
	/* clang-format on */
	.parent = SCOPED_DOMAIN,
	.child = SCOPED_DOMAIN,
	.child_to_parent = EPERM,
	.parent_to_child = EPERM,
};

/* S only: both in the same domain. */
/* clang-format off */
FIXTURE_VARIANT_ADD(hierarchy, same_domain) {
	/* clang-format on */
	.shared = SCOPED_DOMAIN,
	.child_to_parent = 0,
	.parent_to_child = 0,
};

/* C nested under S: the parent, in S, is outside of C. */
/* clang-format off */
FIXTURE_VARIANT_ADD(hierarchy, child_nested) {
	/* clang-format on */
	.shared = SCOPED_DOMAIN,
	.child = SCOPED_DOMAIN,
	.child_to_parent = EPERM,
	.parent_to_child = 0,
};

/* C' nested under S: only S restricts, and the parent is in S. */
/* clang-format off */
FIXTURE_VARIANT_ADD(hierarchy, child_nested_other_scope) {
	/* clang-format on */
	.shared = SCOPED_DOMAIN,
	.child = OTHER_SCOPE_DOMAIN,
	.child_to_parent = 0,
	.parent_to_child = 0,
};

/* P nested under S: the child, in S, is outside of P. */
/* clang-format off */
FIXTURE_VARIANT_ADD(hierarchy, parent_nested) {
	/* clang-format on */
	.shared = SCOPED_DOMAIN,
	.parent = SCOPED_DOMAIN,
	.child_to_parent = 0,
	.parent_to_child = EPERM,
};

/* C nested under S': the parent, in S', is outside of C. */
/* clang-format off */
FIXTURE_VARIANT_ADD(hierarchy, child_nested_under_other_scope) {
	/* clang-format on */
	.shared = OTHER_SCOPE_DOMAIN,
	.child = SCOPED_DOMAIN,
	.child_to_parent = EPERM,
	.parent_to_child = 0,
};

/* P' and C': sibling domains, neither of them restricting. */
/* clang-format off */
FIXTURE_VARIANT_ADD(hierarchy, siblings_other_scope) {
	/* clang-format on */
	.parent = OTHER_SCOPE_DOMAIN,
	.child = OTHER_SCOPE_DOMAIN,
	.child_to_parent = 0,
	.parent_to_child = 0,
};

/* P' and C' nested under S: both are in S, the only restricting layer. */
/* clang-format off */
FIXTURE_VARIANT_ADD(hierarchy, nested_siblings_other_scope) {
	/* clang-format on */
	.shared = SCOPED_DOMAIN,     .parent = OTHER_SCOPE_DOMAIN,
	.child = OTHER_SCOPE_DOMAIN, .child_to_parent = 0,
	.parent_to_child = 0,
};

FIXTURE_SETUP(hierarchy)
{
	ASSERT_EQ(0, pipe2(self->to_parent, O_CLOEXEC));
	ASSERT_EQ(0, pipe2(self->to_child, O_CLOEXEC));
}

FIXTURE_TEARDOWN(hierarchy)
{
}

/*
 * Forks once the parent is in S; the child creates C and the parent P,
 * restricting @scope.  Returns 0 to the child and the child's pid to the
 * parent, once both domains are in place.
 */
static pid_t fork_with_domains(struct __test_metadata *_metadata,
			       FIXTURE_DATA(hierarchy) *const self,
			       const FIXTURE_VARIANT(hierarchy) *const variant,
			       const __u64 scope)
{
	char c = 0;
	pid_t pid;

	add_domain(_metadata, variant->shared, scope);
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		ASSERT_EQ(0, close(self->to_parent[0]));
		ASSERT_EQ(0, close(self->to_child[1]));
		add_domain(_metadata, variant->child, scope);
		ASSERT_EQ(1, write(self->to_parent[1], &c, 1));
		ASSERT_EQ(1, read(self->to_child[0], &c, 1));
		return 0;
	}
	ASSERT_EQ(0, close(self->to_parent[1]));
	ASSERT_EQ(0, close(self->to_child[0]));
	ASSERT_EQ(1, read(self->to_parent[0], &c, 1));
	add_domain(_metadata, variant->parent, scope);
	ASSERT_EQ(1, write(self->to_child[1], &c, 1));
	return pid;
}

TEST_F(hierarchy, signal)
{
	const pid_t parent = getpid();
	char c = 0;
	pid_t pid;

	block_signals(_metadata);
	pid = fork_with_domains(_metadata, self, variant,
				LANDLOCK_SCOPE_SIGNAL);
	if (pid == 0) {
		send_signals(_metadata, parent, variant->child_to_parent);
		ASSERT_EQ(1, write(self->to_parent[1], &c, 1));
		/* Waits for the parent's signals. */
		ASSERT_EQ(1, read(self->to_child[0], &c, 1));
		take_signals(_metadata, !variant->parent_to_child);
		_exit(0);
	}

	/* The signals are pending as soon as the child's calls return. */
	ASSERT_EQ(1, read(self->to_parent[0], &c, 1));
	take_signals(_metadata, !variant->child_to_parent);
	send_signals(_metadata, pid, variant->parent_to_child);
	ASSERT_EQ(1, write(self->to_child[1], &c, 1));
	ASSERT_EQ(0, wait_child(_metadata, pid));
}

/*
 * Each of the parent and the child creates a listening abstract socket once
 * in its domains, and connects to the other's.
 */
TEST_F(hierarchy, abstract_unix_socket)
{
	struct unix_addr parent_addr, child_addr;
	int server;
	char c = 0;
	pid_t pid;

	set_abstract_addr(&parent_addr, getpid(), "parent");
	set_abstract_addr(&child_addr, getpid(), "child");
	pid = fork_with_domains(_metadata, self, variant,
				LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET);
	if (pid == 0) {
		server = unix_server(_metadata, SOCK_STREAM, &child_addr);
		ASSERT_EQ(1, write(self->to_parent[1], &c, 1));
		/* Waits for the parent's server and connection. */
		ASSERT_EQ(1, read(self->to_child[0], &c, 1));
		ASSERT_EQ(variant->parent_to_child == 0,
			  accept_pending(server));
		ASSERT_EQ(variant->child_to_parent,
			  test_connect(SOCK_STREAM, &parent_addr));
		_exit(0);
	}

	server = unix_server(_metadata, SOCK_STREAM, &parent_addr);
	ASSERT_EQ(1, read(self->to_parent[0], &c, 1));
	ASSERT_EQ(variant->parent_to_child,
		  test_connect(SOCK_STREAM, &child_addr));
	ASSERT_EQ(1, write(self->to_child[1], &c, 1));
	ASSERT_EQ(0, wait_child(_metadata, pid));
	/* A denied connection must not be left in the queue either. */
	ASSERT_EQ(variant->child_to_parent == 0, accept_pending(server));
	ASSERT_EQ(0, close(server));
}

/*
 * Nested domains: a child in a domain nested under its parent's may signal
 * its parent unless its own layer restricts signals too; a sibling outside
 * of the parent's domain can be signalled by neither.
 */
TEST(signal_nested_domains)
{
	int to_sibling[2], to_parent[2], to_child[2];
	pid_t parent, sibling, child;
	char c = 0;

	block_signals(_metadata);
	ASSERT_EQ(0, pipe2(to_sibling, O_CLOEXEC));
	ASSERT_EQ(0, pipe2(to_parent, O_CLOEXEC));
	ASSERT_EQ(0, pipe2(to_child, O_CLOEXEC));
	parent = getpid();

	/* An unsandboxed sibling, reporting whether it got SIGUSR1. */
	sibling = fork();
	ASSERT_LE(0, sibling);
	if (sibling == 0) {
		ASSERT_EQ(0, close(to_sibling[1]));
		while (read(to_sibling[0], &c, 1) > 0)
			;
		_exit(take_signal(SIGUSR1) ? 1 : 0);
	}
	ASSERT_EQ(0, close(to_sibling[0]));

	/* The parent's domain P restricts signals. */
	create_scoped_domain(_metadata, LANDLOCK_SCOPE_SIGNAL);
	ASSERT_EQ(-1, kill(sibling, 0));
	ASSERT_EQ(EPERM, errno);

	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		ASSERT_EQ(0, close(to_sibling[1]));
		ASSERT_EQ(0, close(to_parent[0]));
		ASSERT_EQ(0, close(to_child[1]));

		/* A domain nested under P, not restricting signals. */
		create_scoped_domain(_metadata,
				     LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET);
		ASSERT_EQ(0, kill(parent, SIGUSR1));
		ASSERT_EQ(-1, kill(sibling, 0));
		ASSERT_EQ(EPERM, errno);
		ASSERT_EQ(-1, kill(sibling, SIGUSR1));
		ASSERT_EQ(EPERM, errno);
		ASSERT_EQ(1, write(to_parent[1], &c, 1));
		ASSERT_EQ(1, read(to_child[0], &c, 1));

		/* One more, restricting signals: the parent is now outside. */
		create_scoped_domain(_metadata, LANDLOCK_SCOPE_SIGNAL);
		ASSERT_EQ(-1, kill(parent, SIGUSR2));
		ASSERT_EQ(EPERM, errno);
		ASSERT_EQ(0, kill(getpid(), 0));
		_exit(0);
	}
	ASSERT_EQ(0, close(to_parent[1]));
	ASSERT_EQ(0, close(to_child[0]));

	ASSERT_EQ(1, read(to_parent[0], &c, 1));
	/* The child's domain is nested under P. */
	ASSERT_EQ(0, kill(child, 0));
	ASSERT_EQ(1, write(to_child[1], &c, 1));
	ASSERT_EQ(0, wait_child(_metadata, child));
	ASSERT_TRUE(take_signal(SIGUSR1));
	ASSERT_FALSE(take_signal(SIGUSR2));

	ASSERT_EQ(0, close(to_sibling[1]));
	ASSERT_EQ(0, wait_child(_metadata, sibling));
}

/*
 * Threads
 *
 * landlock_restrict_self() only sandboxes the calling thread, but the
 * threads of a process may always signal each other.
 */

/*
 * Thread that ran the handler of SIGUSR1, and count of SIGUSR2 (lock-free
 * atomics, safe in a signal handler).
 */
static int usr1_tid;
static int usr2_count;

static void handle_signal(const int sig)
{
	if (sig == SIGUSR1)
		__atomic_store_n(&usr1_tid, gettid(), __ATOMIC_SEQ_CST);
	else if (sig == SIGUSR2)
		__atomic_add_fetch(&usr2_count, 1, __ATOMIC_SEQ_CST);
}

static int load_int(const int *const value)
{
	return __atomic_load_n(value, __ATOMIC_SEQ_CST);
}

static void set_handlers(struct __test_metadata *_metadata)
{
	const struct sigaction action = {
		.sa_handler = handle_signal,
		.sa_flags = SA_RESTART,
	};
	sigset_t set;

	__atomic_store_n(&usr1_tid, 0, __ATOMIC_SEQ_CST);
	__atomic_store_n(&usr2_count, 0, __ATOMIC_SEQ_CST);
	ASSERT_EQ(0, sigaction(SIGUSR1, &action, NULL));
	ASSERT_EQ(0, sigaction(SIGUSR2, &action, NULL));
	ASSERT_EQ(0, sigemptyset(&set));
	ASSERT_EQ(0, sigaddset(&set, SIGUSR1));
	ASSERT_EQ(0, sigaddset(&set, SIGUSR2));
	ASSERT_EQ(0, sigprocmask(SIG_UNBLOCK, &set, NULL));
}

struct thread_data {
	pid_t main_tid;
	pid_t tid;
	int ready[2];
	int go[2];
	/* Results of the thread's calls: errno or 0. */
	int err_scope;
	int err_tgkill;
	int err_kill;
	int err_outside;
};

static void *scoped_thread(void *const arg)
{
	struct thread_data *const data = arg;

	data->err_scope = scope_thread(LANDLOCK_SCOPE_SIGNAL);
	if (data->err_scope)
		return NULL;
	data->err_tgkill = ERR(sys_tgkill(getpid(), data->main_tid, SIGUSR1));
	data->err_kill = ERR(kill(getpid(), SIGUSR2));
	/* The test runner is outside of the thread's domain. */
	data->err_outside = ERR(kill(getppid(), 0));
	return NULL;
}

/* A thread sandboxes itself and signals the thread that created it. */
TEST(signal_threads_from_scoped_thread)
{
	struct thread_data data = {};
	pthread_t thread;

	set_handlers(_metadata);
	data.main_tid = gettid();
	ASSERT_EQ(0, pthread_create(&thread, NULL, scoped_thread, &data));
	ASSERT_EQ(0, pthread_join(thread, NULL));
	ASSERT_EQ(0, data.err_scope);
	ASSERT_EQ(EPERM, data.err_outside);
	ASSERT_EQ(0, data.err_tgkill);
	ASSERT_EQ(data.main_tid, load_int(&usr1_tid));
	ASSERT_EQ(0, data.err_kill);
	ASSERT_EQ(1, load_int(&usr2_count));
	/* Only the other thread was sandboxed. */
	ASSERT_EQ(0, kill(getppid(), 0));
}

static void *waiting_thread(void *const arg)
{
	struct thread_data *const data = arg;
	char c = 0;

	data->tid = gettid();
	if (write(data->ready[1], &c, 1) != 1)
		return NULL;
	while (read(data->go[0], &c, 1) < 0 && errno == EINTR)
		;
	data->err_outside = ERR(kill(getppid(), 0));
	return NULL;
}

/*
 * The main thread sandboxes itself after creating a thread, and signals
 * it.
 */
TEST(signal_threads_to_unsandboxed_thread)
{
	struct thread_data data = {};
	pthread_t thread;
	char c = 0;

	set_handlers(_metadata);
	ASSERT_EQ(0, pipe2(data.ready, O_CLOEXEC));
	ASSERT_EQ(0, pipe2(data.go, O_CLOEXEC));
	ASSERT_EQ(0, pthread_create(&thread, NULL, waiting_thread, &data));
	ASSERT_EQ(1, read(data.ready[0], &c, 1));

	create_scoped_domain(_metadata, LANDLOCK_SCOPE_SIGNAL);
	ASSERT_EQ(-1, kill(getppid(), 0));
	ASSERT_EQ(EPERM, errno);
	ASSERT_EQ(0, sys_tgkill(getpid(), data.tid, SIGUSR1));
	ASSERT_EQ(0, kill(getpid(), SIGUSR2));

	ASSERT_EQ(1, write(data.go[1], &c, 1));
	ASSERT_EQ(0, pthread_join(thread, NULL));
	ASSERT_EQ(data.tid, load_int(&usr1_tid));
	ASSERT_EQ(1, load_int(&usr2_count));
	/* The other thread is not sandboxed. */
	ASSERT_EQ(0, data.err_outside);
}

static void *sigio_thread(void *const arg)
{
	struct thread_data *const data = arg;

	data->err_scope = scope_thread(LANDLOCK_SCOPE_SIGNAL);
	if (!data->err_scope)
		data->err_kill = send_sigio(getpid());
	return NULL;
}

/*
 * A thread sandboxes itself and makes its own process the owner of a file:
 * SIGIO to its process is a signal between threads, always allowed.
 */
TEST(sigio_threads_from_scoped_thread)
{
	struct thread_data data = {};
	pthread_t thread;

	block_signals(_metadata);
	ASSERT_EQ(0, pthread_create(&thread, NULL, sigio_thread, &data));
	ASSERT_EQ(0, pthread_join(thread, NULL));
	ASSERT_EQ(0, data.err_scope);
	ASSERT_EQ(0, data.err_kill);
	ASSERT_TRUE(take_signal(SIGIO));
}

/*
 * SIGIO and SIGURG
 *
 * The child makes its parent the owner of a file shared with it (the read
 * end of a pipe, one end of a socket pair, or an accepted TCP socket), from
 * its domain or not.  Data (out-of-band data for TCP) then arrives on the
 * file, written by the parent or by the child: the signal to the owner is
 * allowed or not according to the domain of whoever set the owner, not of
 * whoever wrote.
 */
enum channel {
	CHANNEL_PIPE,
	CHANNEL_SOCKETPAIR,
	CHANNEL_TCP_URGENT,
};

FIXTURE(fown)
{
	int rx;
	int tx;
	int to_parent[2];
	int to_child[2];
};

FIXTURE_VARIANT(fown)
{
	enum channel channel;
	/* Scopes of the parent's domain, created before the fork (or 0). */
	__u64 parent_scope;
	/* Scopes of the child's domains before and after F_SETOWN (or 0). */
	__u64 scope_before_setown;
	__u64 scope_after_setown;
	/* The child writes the data, not the parent. */
	bool child_writes;
	bool delivered;
};

/* clang-format off */
FIXTURE_VARIANT_ADD(fown, pipe_unsandboxed) {
	/* clang-format on */
	.channel = CHANNEL_PIPE,
	.delivered = true,
};

/* Denied although the writer, the parent, is not sandboxed. */
/* clang-format off */
FIXTURE_VARIANT_ADD(fown, pipe_scoped_owner) {
	/* clang-format on */
	.channel = CHANNEL_PIPE,
	.scope_before_setown = LANDLOCK_SCOPE_SIGNAL,
	.delivered = false,
};

/* Allowed although the writer, the child, is sandboxed. */
/* clang-format off */
FIXTURE_VARIANT_ADD(fown, pipe_scoped_after_setown) {
	/* clang-format on */
	.channel = CHANNEL_PIPE,
	.scope_after_setown = LANDLOCK_SCOPE_SIGNAL,
	.child_writes = true,
	.delivered = true,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(fown, pipe_other_scope) {
	/* clang-format on */
	.channel = CHANNEL_PIPE,
	.scope_before_setown = LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET,
	.delivered = true,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(fown, pipe_same_domain) {
	/* clang-format on */
	.channel = CHANNEL_PIPE,
	.parent_scope = LANDLOCK_SCOPE_SIGNAL,
	.child_writes = true,
	.delivered = true,
};

/* The parent is outside of the child's nested domain. */
/* clang-format off */
FIXTURE_VARIANT_ADD(fown, pipe_nested_owner) {
	/* clang-format on */
	.channel = CHANNEL_PIPE,
	.parent_scope = LANDLOCK_SCOPE_SIGNAL,
	.scope_before_setown = LANDLOCK_SCOPE_SIGNAL,
	.delivered = false,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(fown, socketpair_unsandboxed) {
	/* clang-format on */
	.channel = CHANNEL_SOCKETPAIR,
	.delivered = true,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(fown, socketpair_scoped_owner) {
	/* clang-format on */
	.channel = CHANNEL_SOCKETPAIR,
	.scope_before_setown = LANDLOCK_SCOPE_SIGNAL,
	.delivered = false,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(fown, tcp_urgent_unsandboxed) {
	/* clang-format on */
	.channel = CHANNEL_TCP_URGENT,
	.delivered = true,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(fown, tcp_urgent_scoped_owner) {
	/* clang-format on */
	.channel = CHANNEL_TCP_URGENT,
	.scope_before_setown = LANDLOCK_SCOPE_SIGNAL,
	.delivered = false,
};

FIXTURE_SETUP(fown)
{
	self->rx = -1;
	self->tx = -1;
	ASSERT_EQ(0, pipe2(self->to_parent, O_CLOEXEC));
	ASSERT_EQ(0, pipe2(self->to_child, O_CLOEXEC));
}

FIXTURE_TEARDOWN(fown)
{
}

/*
 * Connects @rx (accepted) and @tx over TCP on the loopback interface:
 * returns 0, or an errno.
 */
static int open_tcp(int *const rx, int *const tx)
{
	struct sockaddr_in addr = {
		.sin_family = AF_INET,
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
	socklen_t len = sizeof(addr);
	int server, err = 0;

	server = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (server < 0)
		return errno;
	if (bind(server, (struct sockaddr *)&addr, len) || listen(server, 1) ||
	    getsockname(server, (struct sockaddr *)&addr, &len)) {
		err = errno;
		goto out;
	}
	*tx = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (*tx < 0 || connect(*tx, (struct sockaddr *)&addr, len)) {
		err = errno;
		goto out;
	}
	*rx = accept4(server, NULL, NULL, SOCK_CLOEXEC);
	if (*rx < 0)
		err = errno;
out:
	close(server);
	return err;
}

/* Writes one byte on @variant's channel (out of band for TCP). */
static void send_data(struct __test_metadata *_metadata,
		      FIXTURE_DATA(fown) *const self,
		      const FIXTURE_VARIANT(fown) *const variant)
{
	ssize_t ret;

	if (variant->channel == CHANNEL_TCP_URGENT)
		ret = send(self->tx, "!", 1, MSG_OOB);
	else
		ret = write(self->tx, "d", 1);
	ASSERT_EQ(1, ret);
}

TEST_F(fown, sigio)
{
	const bool tcp = variant->channel == CHANNEL_TCP_URGENT;
	const int sig = tcp ? SIGURG : SIGIO;
	struct pollfd pfd = {};
	int fds[2], flags, err;
	char c = 0;
	pid_t pid;

	switch (variant->channel) {
	case CHANNEL_PIPE:
		ASSERT_EQ(0, pipe2(fds, O_CLOEXEC));
		self->rx = fds[0];
		self->tx = fds[1];
		break;
	case CHANNEL_SOCKETPAIR:
		ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0,
					fds));
		self->rx = fds[0];
		self->tx = fds[1];
		break;
	case CHANNEL_TCP_URGENT:
		err = open_tcp(&self->rx, &self->tx);
		if (err)
			SKIP(return, "No loopback TCP: %s", strerror(err));
		break;
	}

	block_signals(_metadata);
	if (variant->parent_scope)
		create_scoped_domain(_metadata, variant->parent_scope);
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		ASSERT_EQ(0, close(self->to_parent[0]));
		ASSERT_EQ(0, close(self->to_child[1]));
		if (variant->scope_before_setown)
			create_scoped_domain(_metadata,
					     variant->scope_before_setown);
		ASSERT_EQ(0, fcntl(self->rx, F_SETOWN, getppid()));
		/* TCP sends SIGURG to the owner, whatever O_ASYNC. */
		if (!tcp) {
			flags = fcntl(self->rx, F_GETFL);
			ASSERT_LE(0, flags);
			ASSERT_EQ(0, fcntl(self->rx, F_SETFL, flags | O_ASYNC));
		}
		if (variant->scope_after_setown)
			create_scoped_domain(_metadata,
					     variant->scope_after_setown);
		if (variant->child_writes)
			send_data(_metadata, self, variant);
		ASSERT_EQ(1, write(self->to_parent[1], &c, 1));
		/* Keeps the owner's domain alive until the parent is done. */
		ASSERT_EQ(1, read(self->to_child[0], &c, 1));
		_exit(0);
	}
	ASSERT_EQ(0, close(self->to_parent[1]));
	ASSERT_EQ(0, close(self->to_child[0]));

	ASSERT_EQ(1, read(self->to_parent[0], &c, 1));
	if (!variant->child_writes)
		send_data(_metadata, self, variant);
	/* The signal is sent (or not) before the data can be seen. */
	pfd.fd = self->rx;
	pfd.events = tcp ? POLLPRI : POLLIN;
	ASSERT_EQ(1, poll(&pfd, 1, WAIT_DELIVERED_MS));
	ASSERT_TRUE(pfd.revents & pfd.events);
	ASSERT_EQ(variant->delivered ? sig : -1,
		  wait_signal(sig, variant->delivered ? WAIT_DELIVERED_MS :
							WAIT_DENIED_MS));

	ASSERT_EQ(1, write(self->to_child[1], &c, 1));
	ASSERT_EQ(0, wait_child(_metadata, pid));
	ASSERT_EQ(0, close(self->rx));
	ASSERT_EQ(0, close(self->tx));
}

/*
 * UNIX socket types
 *
 * An unsandboxed parent creates an abstract server and a pathname server;
 * its child sandboxes itself in two steps, and creates servers of its own
 * on the way.
 */
FIXTURE(unix_socket)
{
	struct scratch scratch;
};

FIXTURE_VARIANT(unix_socket)
{
	int type;
};

/* clang-format off */
FIXTURE_VARIANT_ADD(unix_socket, stream) {
	/* clang-format on */
	.type = SOCK_STREAM,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(unix_socket, seqpacket) {
	/* clang-format on */
	.type = SOCK_SEQPACKET,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(unix_socket, dgram) {
	/* clang-format on */
	.type = SOCK_DGRAM,
};

FIXTURE_SETUP(unix_socket)
{
	scratch_setup(_metadata, &self->scratch);
}

FIXTURE_TEARDOWN(unix_socket)
{
	scratch_teardown(_metadata, &self->scratch);
}

TEST_F(unix_socket, connect)
{
	const int type = variant->type;
	struct unix_addr outside, middle, inside, path;
	int outside_server, path_server;
	pid_t pid;

	set_abstract_addr(&outside, getpid(), "outside");
	set_abstract_addr(&middle, getpid(), "middle");
	set_abstract_addr(&inside, getpid(), "inside");
	set_path_addr(&path, "server.sock");
	outside_server = unix_server(_metadata, type, &outside);
	path_server = unix_server(_metadata, type, &path);

	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		int middle_server, inside_server;

		ASSERT_EQ(0, test_connect(type, &outside));

		/* A domain restricting signals only. */
		create_scoped_domain(_metadata, LANDLOCK_SCOPE_SIGNAL);
		ASSERT_EQ(0, test_connect(type, &outside));
		middle_server = unix_server(_metadata, type, &middle);

		/* A nested domain restricting abstract UNIX sockets. */
		create_scoped_domain(_metadata,
				     LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET);
		ASSERT_EQ(EPERM, test_connect(type, &outside));
		ASSERT_EQ(EPERM, test_connect(type, &middle));
		ASSERT_EQ(0, test_connect(type, &path));
		inside_server = unix_server(_metadata, type, &inside);
		ASSERT_EQ(0, test_connect(type, &inside));

		ASSERT_EQ(0, close(middle_server));
		ASSERT_EQ(0, close(inside_server));
		_exit(0);
	}
	ASSERT_EQ(0, wait_child(_metadata, pid));
	ASSERT_EQ(0, close(outside_server));
	ASSERT_EQ(0, close(path_server));
}

/*
 * Datagrams: sendto() with an address is checked like connect(); a socket
 * connected before the sandbox may still send to its peer.
 */
FIXTURE(unix_dgram)
{
	struct scratch scratch;
};

FIXTURE_SETUP(unix_dgram)
{
	scratch_setup(_metadata, &self->scratch);
}

FIXTURE_TEARDOWN(unix_dgram)
{
	scratch_teardown(_metadata, &self->scratch);
}

TEST_F(unix_dgram, send)
{
	struct unix_addr outside, inside, path;
	int outside_server, path_server;
	char buf[4];
	pid_t pid;

	set_abstract_addr(&outside, getpid(), "outside");
	set_abstract_addr(&inside, getpid(), "inside");
	set_path_addr(&path, "server.sock");
	outside_server = unix_server(_metadata, SOCK_DGRAM, &outside);
	path_server = unix_server(_metadata, SOCK_DGRAM, &path);

	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		int connected, unconnected, fresh, inside_server;

		/* Both sockets are created before the sandbox. */
		connected = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
		ASSERT_LE(0, connected);
		ASSERT_EQ(0, connect(connected,
				     (const struct sockaddr *)&outside.un,
				     outside.len));
		unconnected = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
		ASSERT_LE(0, unconnected);

		create_scoped_domain(_metadata,
				     LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET);
		ASSERT_EQ(1, send(connected, "c", 1, 0));

		/* The sandboxed caller is what counts, not the socket. */
		ASSERT_EQ(EPERM, test_sendto(unconnected, &outside));
		ASSERT_EQ(-1, connect(unconnected,
				      (const struct sockaddr *)&outside.un,
				      outside.len));
		ASSERT_EQ(EPERM, errno);

		fresh = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
		ASSERT_LE(0, fresh);
		ASSERT_EQ(EPERM, test_sendto(fresh, &outside));
		ASSERT_EQ(0, test_sendto(fresh, &path));
		inside_server = unix_server(_metadata, SOCK_DGRAM, &inside);
		ASSERT_EQ(0, test_sendto(fresh, &inside));
		ASSERT_EQ(1, recv(inside_server, buf, sizeof(buf), 0));
		ASSERT_EQ('s', buf[0]);

		ASSERT_EQ(0, close(connected));
		ASSERT_EQ(0, close(unconnected));
		ASSERT_EQ(0, close(fresh));
		ASSERT_EQ(0, close(inside_server));
		_exit(0);
	}
	ASSERT_EQ(0, wait_child(_metadata, pid));

	/* Only the datagram of the connected socket came from outside. */
	ASSERT_EQ(1, recv(outside_server, buf, sizeof(buf), 0));
	ASSERT_EQ('c', buf[0]);
	ASSERT_EQ(-1, recv(outside_server, buf, sizeof(buf), 0));
	ASSERT_EQ(EAGAIN, errno);
	ASSERT_EQ(1, recv(path_server, buf, sizeof(buf), 0));
	ASSERT_EQ('s', buf[0]);
	ASSERT_EQ(0, close(outside_server));
	ASSERT_EQ(0, close(path_server));
}

LANDLOCK_HARNESS_MAIN
