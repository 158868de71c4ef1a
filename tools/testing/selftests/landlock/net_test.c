// SPDX-License-Identifier: GPL-2.0
/*
 * Landlock selftests: network (ABI 4)
 *
 * bind(2) and connect(2) of TCP sockets restricted by port, for IPv4 and
 * IPv6.  Every test of the "tcp" fixture runs once sandboxed and once not:
 * the unsandboxed variants check that the same calls succeed, or fail with
 * the same error, without Landlock, so that a denial is known to come from
 * it.  Each of these tests runs in a network namespace of its own (in a new
 * user namespace when not privileged, with every capability dropped
 * afterwards) with only the loopback interface up: no port is ever held by
 * another test.
 */

#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "net_common.h"

#ifndef IPPROTO_MPTCP
#define IPPROTO_MPTCP 262
#endif

/* The TCP rights, which the tests of the "tcp" fixture handle. */
#define ACCESS_TCP \
	(LANDLOCK_ACCESS_NET_BIND_TCP | LANDLOCK_ACCESS_NET_CONNECT_TCP)

/* How long a test waits for a connection that should come, in ms. */
#define WAIT_MS 5000

static int tcp_socket(const int family)
{
	return socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0);
}

/* Same as test_bind_addr() with a TCP socket and a loopback address. */
static int test_bind(const int family, const __u16 port)
{
	struct inet_addr a;

	init_addr(&a, family, port, false);
	return test_bind_addr(family, SOCK_STREAM, 0, &a);
}

/*
 * Creates a TCP socket, connects it to the loopback address and @port and
 * closes it: returns the errno of connect(), or 0.
 */
static int test_connect(const int family, const __u16 port)
{
	const int fd = tcp_socket(family);
	int err;

	if (fd < 0)
		return -errno;
	err = connect_port(fd, family, port);
	close(fd);
	return err;
}

/* Returns a TCP socket listening on @a. */
static int listen_addr(struct __test_metadata *const _metadata,
		       const struct inet_addr *const a)
{
	const int fd = socket(a->sa.sa_family, SOCK_STREAM | SOCK_CLOEXEC, 0);

	ASSERT_LE(0, fd);
	ASSERT_EQ(0, bind_addr(fd, a))
	{
		TH_LOG("Failed to bind a server: %s", strerror(errno));
	}
	ASSERT_EQ(0, listen(fd, 32));
	return fd;
}

/* Returns a TCP socket listening on the loopback address and @port. */
static int listen_port(struct __test_metadata *const _metadata,
		       const int family, const __u16 port)
{
	struct inet_addr a;

	init_addr(&a, family, port, false);
	return listen_addr(_metadata, &a);
}

/*
 * Accepts a connection on @server, waiting at most @timeout_ms for it:
 * returns the new socket, or -1 with errno set (EAGAIN if none came).
 */
static int accept_wait(const int server, const int timeout_ms)
{
	struct pollfd pfd = {
		.fd = server,
		.events = POLLIN,
	};
	const int ret = poll(&pfd, 1, timeout_ms);

	if (ret < 0)
		return -1;
	if (ret == 0) {
		errno = EAGAIN;
		return -1;
	}
	return accept4(server, NULL, NULL, SOCK_CLOEXEC);
}

/* Sends @msg on @from and checks that it arrives on @to. */
static void check_transfer(struct __test_metadata *const _metadata,
			   const int from, const int to, const char *const msg)
{
	const size_t len = strlen(msg);
	char buf[64] = {};

	ASSERT_GT(sizeof(buf), len);
	ASSERT_EQ(len, send(from, msg, len, 0));
	ASSERT_EQ(len, recv(to, buf, sizeof(buf), 0));
	ASSERT_EQ(0, memcmp(msg, buf, len));
}

/* Syscall interface of the network rules */

TEST(errata_tcp_only)
{
	const __u32 flag = LANDLOCK_CREATE_RULESET_ERRATA;
	const int errata = landlock_create_ruleset(NULL, 0, flag);

	/* Erratum 1: the TCP rights do not apply to other protocols. */
	ASSERT_LE(0, errata);
	ASSERT_EQ(1, errata & 1);
	ASSERT_LE(4, landlock_create_ruleset(NULL, 0,
					     LANDLOCK_CREATE_RULESET_VERSION));
}

TEST(create_ruleset_net_only)
{
	struct landlock_ruleset_attr attr = {};
	__u64 handled;
	int fd;

	for (handled = 1; handled <= ACCESS_NET_ALL; handled++) {
		attr.handled_access_net = handled;
		fd = landlock_create_ruleset(&attr, sizeof(attr), 0);
		ASSERT_LE(0, fd)
		{
			TH_LOG("handled_access_net %llu: %s",
			       (unsigned long long)handled, strerror(errno));
		}
		ASSERT_EQ(0, close(fd));
	}
	/* Both kinds of rights at once. */
	attr.handled_access_fs = LANDLOCK_ACCESS_FS_READ_FILE;
	fd = landlock_create_ruleset(&attr, sizeof(attr), 0);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, close(fd));
}

TEST(create_ruleset_net_unknown_access)
{
	struct landlock_ruleset_attr attr = {};
	__u64 bit;

	for (bit = ACCESS_NET_LAST << 1; bit; bit <<= 1) {
		attr.handled_access_net = bit;
		ASSERT_EQ(-1, landlock_create_ruleset(&attr, sizeof(attr), 0));
		ASSERT_EQ(EINVAL, errno);
		attr.handled_access_net = bit | LANDLOCK_ACCESS_NET_BIND_TCP;
		ASSERT_EQ(-1, landlock_create_ruleset(&attr, sizeof(attr), 0));
		ASSERT_EQ(EINVAL, errno);
		/* Even with valid filesystem rights. */
		attr.handled_access_fs = LANDLOCK_ACCESS_FS_READ_FILE;
		ASSERT_EQ(-1, landlock_create_ruleset(&attr, sizeof(attr), 0));
		ASSERT_EQ(EINVAL, errno);
		attr.handled_access_fs = 0;
	}
}

TEST(create_ruleset_nothing_handled)
{
	const struct landlock_ruleset_attr attr = {};

	/* The ABI 12 structure, and the ABI 10, 6, 4 and 1 prefixes of it. */
	ASSERT_EQ(56, sizeof(attr));
	ASSERT_EQ(-1, landlock_create_ruleset(&attr, sizeof(attr), 0));
	ASSERT_EQ(ENOMSG, errno);
	ASSERT_EQ(-1, landlock_create_ruleset(&attr, 6 * sizeof(__u64), 0));
	ASSERT_EQ(ENOMSG, errno);
	ASSERT_EQ(-1, landlock_create_ruleset(&attr, 3 * sizeof(__u64), 0));
	ASSERT_EQ(ENOMSG, errno);
	ASSERT_EQ(-1, landlock_create_ruleset(&attr, 2 * sizeof(__u64), 0));
	ASSERT_EQ(ENOMSG, errno);
	ASSERT_EQ(-1, landlock_create_ruleset(&attr, sizeof(__u64), 0));
	ASSERT_EQ(ENOMSG, errno);
}

TEST(create_ruleset_sizes)
{
	const struct landlock_net_port_attr rule = {
		.allowed_access = LANDLOCK_ACCESS_NET_BIND_TCP,
		.port = PORT_A,
	};
	struct {
		struct landlock_ruleset_attr attr;
		__u8 trailing[48];
	} big = {
		.attr.handled_access_fs = LANDLOCK_ACCESS_FS_READ_FILE,
		.attr.handled_access_net = LANDLOCK_ACCESS_NET_BIND_TCP,
	};
	int fd;

	/*
	 * The 48-byte structure of ABI 10, the 24-byte one of ABI 6, and the
	 * 16-byte one of ABI 4.
	 */
	fd = landlock_create_ruleset(&big.attr, sizeof(big.attr), 0);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, landlock_add_rule(fd, LANDLOCK_RULE_NET_PORT, &rule, 0));
	ASSERT_EQ(0, close(fd));
	fd = landlock_create_ruleset(&big.attr, 3 * sizeof(__u64), 0);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, landlock_add_rule(fd, LANDLOCK_RULE_NET_PORT, &rule, 0));
	ASSERT_EQ(0, close(fd));
	fd = landlock_create_ruleset(&big.attr, 2 * sizeof(__u64), 0);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, landlock_add_rule(fd, LANDLOCK_RULE_NET_PORT, &rule, 0));
	ASSERT_EQ(0, close(fd));

	/* The 8-byte structure of ABI 1: handled_access_net is not read. */
	fd = landlock_create_ruleset(&big.attr, sizeof(__u64), 0);
	ASSERT_LE(0, fd);
	ASSERT_EQ(-1, landlock_add_rule(fd, LANDLOCK_RULE_NET_PORT, &rule, 0));
	ASSERT_EQ(EINVAL, errno);
	ASSERT_EQ(0, close(fd));

	/* A larger structure padded with zeros. */
	fd = landlock_create_ruleset(&big.attr, sizeof(big), 0);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, landlock_add_rule(fd, LANDLOCK_RULE_NET_PORT, &rule, 0));
	ASSERT_EQ(0, close(fd));
	fd = landlock_create_ruleset(&big.attr, sizeof(big.attr) + 1, 0);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, close(fd));

	/* A larger structure with unknown non-zero bytes. */
	big.trailing[0] = 1;
	ASSERT_EQ(-1, landlock_create_ruleset(&big.attr, sizeof(big), 0));
	ASSERT_EQ(E2BIG, errno);
	ASSERT_EQ(-1,
		  landlock_create_ruleset(&big.attr, sizeof(big.attr) + 1, 0));
	ASSERT_EQ(E2BIG, errno);
	big.trailing[0] = 0;
	big.trailing[sizeof(big.trailing) - 1] = 1;
	ASSERT_EQ(-1, landlock_create_ruleset(&big.attr, sizeof(big), 0));
	ASSERT_EQ(E2BIG, errno);
	/* Not read when outside of the given size. */
	fd = landlock_create_ruleset(&big.attr, sizeof(big) - 1, 0);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, close(fd));
}

TEST(create_ruleset_net_only_8_bytes)
{
	const struct landlock_ruleset_attr attr = {
		.handled_access_net = ACCESS_NET_ALL,
	};

	/* The net field is beyond an 8-byte structure: nothing is handled. */
	ASSERT_EQ(-1, landlock_create_ruleset(&attr, sizeof(__u64), 0));
	ASSERT_EQ(ENOMSG, errno);
}

FIXTURE(net_rule)
{
	int ruleset_fd;
	struct landlock_net_port_attr attr;
};

FIXTURE_SETUP(net_rule)
{
	const __u64 handled = LANDLOCK_ACCESS_NET_BIND_TCP;

	self->ruleset_fd = create_net_ruleset(_metadata, 0, handled, NULL);
	self->attr.allowed_access = LANDLOCK_ACCESS_NET_BIND_TCP;
	self->attr.port = PORT_A;
}

FIXTURE_TEARDOWN(net_rule)
{
	close(self->ruleset_fd);
}

static int add_net_rule(const int ruleset_fd, const __u64 access,
			const __u64 port)
{
	const struct landlock_net_port_attr attr = {
		.allowed_access = access,
		.port = port,
	};

	return landlock_add_rule(ruleset_fd, LANDLOCK_RULE_NET_PORT, &attr, 0) ?
		       errno :
		       0;
}

TEST_F(net_rule, ok)
{
	const int fd = self->ruleset_fd;

	ASSERT_EQ(0, landlock_add_rule(fd, LANDLOCK_RULE_NET_PORT, &self->attr,
				       0));
	/* The same rule again. */
	ASSERT_EQ(0, landlock_add_rule(fd, LANDLOCK_RULE_NET_PORT, &self->attr,
				       0));
}

TEST_F(net_rule, port_range)
{
	const int fd = self->ruleset_fd;
	const __u64 bind = LANDLOCK_ACCESS_NET_BIND_TCP;

	EXPECT_EQ(0, add_net_rule(fd, bind, 0));
	EXPECT_EQ(0, add_net_rule(fd, bind, 1));
	EXPECT_EQ(0, add_net_rule(fd, bind, 1023));
	EXPECT_EQ(0, add_net_rule(fd, bind, 1024));
	EXPECT_EQ(0, add_net_rule(fd, bind, 65534));
	EXPECT_EQ(0, add_net_rule(fd, bind, 65535));

	EXPECT_EQ(EINVAL, add_net_rule(fd, bind, 65536));
	/* Not truncated to 16 bits. */
	EXPECT_EQ(EINVAL, add_net_rule(fd, bind, 65536 + PORT_A));
	EXPECT_EQ(EINVAL, add_net_rule(fd, bind, 1ULL << 32));
	EXPECT_EQ(EINVAL, add_net_rule(fd, bind, (1ULL << 32) + PORT_A));
	EXPECT_EQ(EINVAL, add_net_rule(fd, bind, 1ULL << 63));
	EXPECT_EQ(EINVAL, add_net_rule(fd, bind, UINT64_MAX));
}

TEST_F(net_rule, no_access)
{
	EXPECT_EQ(ENOMSG, add_net_rule(self->ruleset_fd, 0, PORT_A));
	EXPECT_EQ(ENOMSG, add_net_rule(self->ruleset_fd, 0, 0));
}

TEST_F(net_rule, access_not_handled)
{
	const int fd = self->ruleset_fd;
	int connect_fd;
	__u64 bit;

	/* Only BIND_TCP is handled. */
	EXPECT_EQ(EINVAL,
		  add_net_rule(fd, LANDLOCK_ACCESS_NET_CONNECT_TCP, PORT_A));
	EXPECT_EQ(EINVAL, add_net_rule(fd, ACCESS_NET_ALL, PORT_A));
	/*
	 * Filesystem rights beyond the network ones, and unknown bits (the
	 * bits of each rule type have their own meaning: bit 0 is both
	 * LANDLOCK_ACCESS_FS_EXECUTE and LANDLOCK_ACCESS_NET_BIND_TCP).
	 */
	EXPECT_EQ(EINVAL,
		  add_net_rule(fd, LANDLOCK_ACCESS_FS_READ_FILE, PORT_A));
	EXPECT_EQ(EINVAL,
		  add_net_rule(fd, LANDLOCK_ACCESS_FS_TRUNCATE, PORT_A));
	EXPECT_EQ(EINVAL, add_net_rule(fd,
				       LANDLOCK_ACCESS_FS_READ_FILE |
					       LANDLOCK_ACCESS_NET_BIND_TCP,
				       PORT_A));
	for (bit = ACCESS_NET_LAST << 1; bit; bit <<= 1)
		EXPECT_EQ(EINVAL, add_net_rule(fd, bit, PORT_A));

	/* Only CONNECT_TCP is handled. */
	connect_fd = create_net_ruleset(_metadata, 0,
					LANDLOCK_ACCESS_NET_CONNECT_TCP, NULL);
	EXPECT_EQ(EINVAL, add_net_rule(connect_fd, LANDLOCK_ACCESS_NET_BIND_TCP,
				       PORT_A));
	EXPECT_EQ(0, add_net_rule(connect_fd, LANDLOCK_ACCESS_NET_CONNECT_TCP,
				  PORT_A));
	ASSERT_EQ(0, close(connect_fd));
}

TEST_F(net_rule, no_net_handled)
{
	struct landlock_ruleset_attr attr = {
		.handled_access_fs = LANDLOCK_ACCESS_FS_READ_FILE,
	};
	const int fd = landlock_create_ruleset(&attr, sizeof(attr), 0);

	ASSERT_LE(0, fd);
	EXPECT_EQ(EINVAL,
		  add_net_rule(fd, LANDLOCK_ACCESS_NET_BIND_TCP, PORT_A));
	EXPECT_EQ(EINVAL,
		  add_net_rule(fd, LANDLOCK_ACCESS_NET_CONNECT_TCP, PORT_A));
	EXPECT_EQ(EINVAL, add_net_rule(fd, ACCESS_NET_ALL, 0));
	/* A filesystem right through a port rule. */
	EXPECT_EQ(EINVAL,
		  add_net_rule(fd, LANDLOCK_ACCESS_FS_READ_FILE, PORT_A));
	ASSERT_EQ(0, close(fd));
}

TEST_F(net_rule, no_fs_handled)
{
	const struct landlock_path_beneath_attr path_attr = {
		.allowed_access = LANDLOCK_ACCESS_FS_READ_FILE,
		.parent_fd = open("/", O_PATH | O_CLOEXEC),
	};

	/* A path rule on a ruleset handling only network rights. */
	ASSERT_LE(0, path_attr.parent_fd);
	ASSERT_EQ(-1,
		  landlock_add_rule(self->ruleset_fd,
				    LANDLOCK_RULE_PATH_BENEATH, &path_attr, 0));
	ASSERT_EQ(EINVAL, errno);
	ASSERT_EQ(0, close(path_attr.parent_fd));
}

TEST_F(net_rule, flags)
{
	__u32 flag;

	for (flag = 1; flag; flag <<= 1) {
		ASSERT_EQ(-1, landlock_add_rule(self->ruleset_fd,
						LANDLOCK_RULE_NET_PORT,
						&self->attr, flag));
		ASSERT_EQ(EINVAL, errno);
	}
}

TEST_F(net_rule, bad_fd)
{
	int fds[2];

	ASSERT_EQ(-1, landlock_add_rule(-1, LANDLOCK_RULE_NET_PORT, &self->attr,
					0));
	ASSERT_EQ(EBADF, errno);
	ASSERT_EQ(0, pipe2(fds, O_CLOEXEC));
	ASSERT_EQ(-1, landlock_add_rule(fds[0], LANDLOCK_RULE_NET_PORT,
					&self->attr, 0));
	ASSERT_EQ(EBADFD, errno);
	ASSERT_EQ(0, close(fds[0]));
	ASSERT_EQ(0, close(fds[1]));
}

TEST_F(net_rule, efault)
{
	ASSERT_EQ(-1, landlock_add_rule(self->ruleset_fd,
					LANDLOCK_RULE_NET_PORT, NULL, 0));
	ASSERT_EQ(EFAULT, errno);
	/* The 16-byte attribute, ending on an unreadable page. */
	check_add_rule_bounds(_metadata, self->ruleset_fd,
			      LANDLOCK_RULE_NET_PORT, &self->attr,
			      sizeof(self->attr));
}

/* TCP restrictions */

FIXTURE(tcp)
{
	int family;
	/* Result of a denied bind(2) or connect(2): EACCES or 0. */
	int denied;
};

FIXTURE_VARIANT(tcp)
{
	int family;
	bool sandboxed;
};

/* clang-format off */
FIXTURE_VARIANT_ADD(tcp, ipv4_sandboxed) {
	/* clang-format on */
	.family = AF_INET,
	.sandboxed = true,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(tcp, ipv4_unsandboxed) {
	/* clang-format on */
	.family = AF_INET,
	.sandboxed = false,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(tcp, ipv6_sandboxed) {
	/* clang-format on */
	.family = AF_INET6,
	.sandboxed = true,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(tcp, ipv6_unsandboxed) {
	/* clang-format on */
	.family = AF_INET6,
	.sandboxed = false,
};

FIXTURE_SETUP(tcp)
{
	enter_net_ns(_metadata);
	self->family = variant->family;
	self->denied = variant->sandboxed ? EACCES : 0;
}

FIXTURE_TEARDOWN(tcp)
{
}

/* Stacks a network layer, in the sandboxed variants only. */
static void sandbox_if(struct __test_metadata *const _metadata,
		       const bool sandboxed, const __u64 handled_net,
		       const struct port_rule rules[])
{
	if (sandboxed)
		sandbox_net(_metadata, handled_net, rules);
}

/* Sandboxed result, or else unsandboxed result. */
#define IF_SANDBOXED(sandboxed_err, err) \
	(variant->sandboxed ? (sandboxed_err) : (err))

TEST_F(tcp, bind)
{
	const struct port_rule rules[] = {
		{ LANDLOCK_ACCESS_NET_BIND_TCP, PORT_A },
		{ LANDLOCK_ACCESS_NET_BIND_TCP, PORT_C },
		{},
	};
	struct inet_addr a;

	sandbox_if(_metadata, variant->sandboxed, ACCESS_TCP, rules);
	EXPECT_EQ(0, test_bind(self->family, PORT_A));
	EXPECT_EQ(0, test_bind(self->family, PORT_C));
	EXPECT_EQ(self->denied, test_bind(self->family, PORT_B));
	EXPECT_EQ(self->denied, test_bind(self->family, PORT_A - 1));
	EXPECT_EQ(self->denied, test_bind(self->family, PORT_D));
	/* Rules are in host byte order. */
	EXPECT_EQ(self->denied, test_bind(self->family, swap_bytes(PORT_A)));

	/* The same with an explicit IPPROTO_TCP. */
	init_addr(&a, self->family, PORT_A, false);
	EXPECT_EQ(0,
		  test_bind_addr(self->family, SOCK_STREAM, IPPROTO_TCP, &a));
	init_addr(&a, self->family, PORT_B, false);
	EXPECT_EQ(self->denied,
		  test_bind_addr(self->family, SOCK_STREAM, IPPROTO_TCP, &a));
}

TEST_F(tcp, bind_wildcard)
{
	const struct port_rule rules[] = {
		{ LANDLOCK_ACCESS_NET_BIND_TCP, PORT_A },
		{},
	};
	struct inet_addr a;

	sandbox_if(_metadata, variant->sandboxed, ACCESS_TCP, rules);
	init_addr(&a, self->family, PORT_A, true);
	EXPECT_EQ(0, test_bind_addr(self->family, SOCK_STREAM, 0, &a));
	init_addr(&a, self->family, PORT_B, true);
	EXPECT_EQ(self->denied,
		  test_bind_addr(self->family, SOCK_STREAM, 0, &a));
}

TEST_F(tcp, bind_port_zero)
{
	const struct port_rule rules[] = {
		{ LANDLOCK_ACCESS_NET_BIND_TCP, 0 },
		{},
	};
	int fd, port;

	/* A rule for port 0 allows binding to an ephemeral port... */
	sandbox_if(_metadata, variant->sandboxed, ACCESS_TCP, rules);
	fd = tcp_socket(self->family);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, bind_port(fd, self->family, 0));
	port = local_port(fd);
	EXPECT_LT(0, port);
	ASSERT_EQ(0, close(fd));

	/* ... but not to the port that the kernel chose, or any other. */
	EXPECT_EQ(self->denied, test_bind(self->family, port));
	EXPECT_EQ(self->denied, test_bind(self->family, PORT_A));
}

TEST_F(tcp, bind_port_zero_denied)
{
	const struct port_rule rules[] = {
		{ LANDLOCK_ACCESS_NET_BIND_TCP, PORT_A },
		{},
	};

	sandbox_if(_metadata, variant->sandboxed, ACCESS_TCP, rules);
	EXPECT_EQ(self->denied, test_bind(self->family, 0));
	EXPECT_EQ(0, test_bind(self->family, PORT_A));
}

TEST_F(tcp, bind_port_max)
{
	const struct port_rule rules[] = {
		{ LANDLOCK_ACCESS_NET_BIND_TCP, 65535 },
		{},
	};

	sandbox_if(_metadata, variant->sandboxed, ACCESS_TCP, rules);
	EXPECT_EQ(0, test_bind(self->family, 65535));
	EXPECT_EQ(self->denied, test_bind(self->family, 65534));
	EXPECT_EQ(self->denied, test_bind(self->family, 0));
	EXPECT_EQ(self->denied, test_bind(self->family, 0xff00));
}

TEST_F(tcp, bind_denied_then_allowed)
{
	const struct port_rule rules[] = {
		{ LANDLOCK_ACCESS_NET_BIND_TCP, PORT_A },
		{},
	};
	const int fd = tcp_socket(self->family);

	/* A denied bind leaves the socket as it was. */
	ASSERT_LE(0, fd);
	sandbox_if(_metadata, variant->sandboxed, ACCESS_TCP, rules);
	EXPECT_EQ(self->denied, bind_port(fd, self->family, PORT_B));
	EXPECT_EQ(IF_SANDBOXED(0, EINVAL), bind_port(fd, self->family, PORT_A));
	EXPECT_EQ(IF_SANDBOXED(PORT_A, PORT_B), local_port(fd));
	ASSERT_EQ(0, close(fd));
}

TEST_F(tcp, connect)
{
	const struct port_rule rules[] = {
		{ LANDLOCK_ACCESS_NET_CONNECT_TCP, PORT_A },
		{ LANDLOCK_ACCESS_NET_CONNECT_TCP, PORT_D },
		{},
	};
	const int server_a = listen_port(_metadata, self->family, PORT_A);
	const int server_b = listen_port(_metadata, self->family, PORT_B);

	sandbox_if(_metadata, variant->sandboxed, ACCESS_TCP, rules);
	EXPECT_EQ(0, test_connect(self->family, PORT_A));
	EXPECT_EQ(self->denied, test_connect(self->family, PORT_B));
	/* Checked before the stack looks for a listener. */
	EXPECT_EQ(IF_SANDBOXED(EACCES, ECONNREFUSED),
		  test_connect(self->family, PORT_C));
	/* An allowed connection goes on to the stack. */
	EXPECT_EQ(ECONNREFUSED, test_connect(self->family, PORT_D));
	ASSERT_EQ(0, close(server_a));
	ASSERT_EQ(0, close(server_b));
}

TEST_F(tcp, connect_accepted)
{
	const struct port_rule rules[] = {
		{ LANDLOCK_ACCESS_NET_CONNECT_TCP, PORT_A },
		{},
	};
	const int server = listen_port(_metadata, self->family, PORT_A);
	int client, peer;

	sandbox_if(_metadata, variant->sandboxed, ACCESS_TCP, rules);
	client = tcp_socket(self->family);
	ASSERT_LE(0, client);
	ASSERT_EQ(0, connect_port(client, self->family, PORT_A));
	peer = accept_wait(server, WAIT_MS);
	ASSERT_LE(0, peer);
	check_transfer(_metadata, client, peer, "ping");
	check_transfer(_metadata, peer, client, "pong");
	ASSERT_EQ(0, close(peer));
	ASSERT_EQ(0, close(client));
	ASSERT_EQ(0, close(server));
}

/* Returns the errno of a TCP Fast Open sendto(2) of one byte, or 0. */
static int fastopen_port(const int family, const __u16 port)
{
	struct inet_addr a;
	const int fd = tcp_socket(family);
	ssize_t sent;
	int err;

	if (fd < 0)
		return -errno;
	init_addr(&a, family, port, false);
	sent = sendto(fd, "x", 1, MSG_FASTOPEN, &a.sa, a.len);
	err = sent < 0 ? errno : (sent == 1 ? 0 : EIO);
	close(fd);
	return err;
}

/* TCP Fast Open connects from sendto(2), without calling connect(2). */
TEST_F(tcp, connect_fastopen)
{
	const struct port_rule rules[] = {
		{ LANDLOCK_ACCESS_NET_CONNECT_TCP, PORT_A },
		{},
	};
	const int server_a = listen_port(_metadata, self->family, PORT_A);
	const int server_b = listen_port(_metadata, self->family, PORT_B);

	sandbox_if(_metadata, variant->sandboxed, ACCESS_TCP, rules);
	EXPECT_EQ(0, fastopen_port(self->family, PORT_A));
	EXPECT_EQ(self->denied, fastopen_port(self->family, PORT_B));
	ASSERT_EQ(0, close(server_a));
	ASSERT_EQ(0, close(server_b));
}

TEST_F(tcp, connect_denied_then_allowed)
{
	const struct port_rule rules[] = {
		{ LANDLOCK_ACCESS_NET_CONNECT_TCP, PORT_A },
		{},
	};
	const int server_a = listen_port(_metadata, self->family, PORT_A);
	const int server_b = listen_port(_metadata, self->family, PORT_B);
	const int fd = tcp_socket(self->family);

	/* A denied connect leaves the socket usable. */
	ASSERT_LE(0, fd);
	sandbox_if(_metadata, variant->sandboxed, ACCESS_TCP, rules);
	EXPECT_EQ(self->denied, connect_port(fd, self->family, PORT_B));
	EXPECT_EQ(IF_SANDBOXED(0, EISCONN),
		  connect_port(fd, self->family, PORT_A));
	ASSERT_EQ(0, close(fd));
	ASSERT_EQ(0, close(server_a));
	ASSERT_EQ(0, close(server_b));
}

TEST_F(tcp, connect_nonblocking)
{
	const struct port_rule rules[] = {
		{ LANDLOCK_ACCESS_NET_CONNECT_TCP, PORT_A },
		{},
	};
	const int server_a = listen_port(_metadata, self->family, PORT_A);
	const int server_b = listen_port(_metadata, self->family, PORT_B);
	struct pollfd pfd = {
		.events = POLLOUT,
	};
	int fd, err;
	socklen_t len = sizeof(err);

	sandbox_if(_metadata, variant->sandboxed, ACCESS_TCP, rules);
	fd = socket(self->family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
		    0);
	ASSERT_LE(0, fd);
	/* A denial is immediate, not EINPROGRESS. */
	EXPECT_EQ(IF_SANDBOXED(EACCES, EINPROGRESS),
		  connect_port(fd, self->family, PORT_B));
	ASSERT_EQ(0, close(fd));

	fd = socket(self->family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
		    0);
	ASSERT_LE(0, fd);
	EXPECT_EQ(EINPROGRESS, connect_port(fd, self->family, PORT_A));
	pfd.fd = fd;
	ASSERT_EQ(1, poll(&pfd, 1, WAIT_MS));
	ASSERT_EQ(0, getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len));
	EXPECT_EQ(0, err);
	ASSERT_EQ(0, close(fd));
	ASSERT_EQ(0, close(server_a));
	ASSERT_EQ(0, close(server_b));
}

TEST_F(tcp, bind_handled_only)
{
	const int server = listen_port(_metadata, self->family, PORT_A);

	/* CONNECT_TCP is not handled: allowed everywhere. */
	sandbox_if(_metadata, variant->sandboxed, LANDLOCK_ACCESS_NET_BIND_TCP,
		   NULL);
	EXPECT_EQ(0, test_connect(self->family, PORT_A));
	EXPECT_EQ(ECONNREFUSED, test_connect(self->family, PORT_C));
	EXPECT_EQ(self->denied, test_bind(self->family, PORT_B));
	EXPECT_EQ(self->denied, test_bind(self->family, 0));
	ASSERT_EQ(0, close(server));
}

TEST_F(tcp, connect_handled_only)
{
	int server;

	/* BIND_TCP is not handled: allowed everywhere. */
	sandbox_if(_metadata, variant->sandboxed,
		   LANDLOCK_ACCESS_NET_CONNECT_TCP, NULL);
	EXPECT_EQ(0, test_bind(self->family, PORT_B));
	EXPECT_EQ(0, test_bind(self->family, 0));
	server = listen_port(_metadata, self->family, PORT_A);
	EXPECT_EQ(self->denied, test_connect(self->family, PORT_A));
	ASSERT_EQ(0, close(server));
}

TEST_F(tcp, rights_per_port)
{
	const struct port_rule rules[] = {
		{ LANDLOCK_ACCESS_NET_BIND_TCP, PORT_A },
		{ LANDLOCK_ACCESS_NET_CONNECT_TCP, PORT_B },
		{},
	};
	const int server_b = listen_port(_metadata, self->family, PORT_B);
	int server_a;

	sandbox_if(_metadata, variant->sandboxed, ACCESS_TCP, rules);
	/* BIND_TCP on A, but not CONNECT_TCP. */
	server_a = listen_port(_metadata, self->family, PORT_A);
	EXPECT_EQ(self->denied, test_connect(self->family, PORT_A));
	/* CONNECT_TCP on B, but not BIND_TCP: checked before EADDRINUSE. */
	EXPECT_EQ(0, test_connect(self->family, PORT_B));
	EXPECT_EQ(IF_SANDBOXED(EACCES, EADDRINUSE),
		  test_bind(self->family, PORT_B));
	ASSERT_EQ(0, close(server_a));
	ASSERT_EQ(0, close(server_b));
}

TEST_F(tcp, rules_accumulate)
{
	int ruleset_fd, server;

	/* Two rules on the same port add up. */
	if (variant->sandboxed) {
		ruleset_fd = create_net_ruleset(_metadata, 0, ACCESS_TCP, NULL);
		add_port_rule(_metadata, ruleset_fd,
			      LANDLOCK_ACCESS_NET_BIND_TCP, PORT_A);
		add_port_rule(_metadata, ruleset_fd,
			      LANDLOCK_ACCESS_NET_CONNECT_TCP, PORT_A);
		add_port_rule(_metadata, ruleset_fd,
			      LANDLOCK_ACCESS_NET_CONNECT_TCP, PORT_B);
		add_port_rule(_metadata, ruleset_fd,
			      LANDLOCK_ACCESS_NET_BIND_TCP, PORT_C);
		enforce_ruleset(_metadata, ruleset_fd);
		ASSERT_EQ(0, close(ruleset_fd));
	}
	server = listen_port(_metadata, self->family, PORT_A);
	EXPECT_EQ(0, test_connect(self->family, PORT_A));
	EXPECT_EQ(self->denied, test_bind(self->family, PORT_B));
	EXPECT_EQ(0, test_bind(self->family, PORT_C));
	EXPECT_EQ(self->denied, test_bind(self->family, PORT_D));
	ASSERT_EQ(0, close(server));
}

TEST_F(tcp, socket_before_sandbox)
{
	const int server = listen_port(_metadata, self->family, PORT_B);
	const int fd_bind = tcp_socket(self->family);
	const int fd_connect = tcp_socket(self->family);

	/* The check is made at bind or connect time, not at socket(). */
	ASSERT_LE(0, fd_bind);
	ASSERT_LE(0, fd_connect);
	sandbox_if(_metadata, variant->sandboxed, ACCESS_TCP, NULL);
	EXPECT_EQ(self->denied, bind_port(fd_bind, self->family, PORT_A));
	EXPECT_EQ(self->denied, connect_port(fd_connect, self->family, PORT_B));
	ASSERT_EQ(0, close(fd_bind));
	ASSERT_EQ(0, close(fd_connect));
	ASSERT_EQ(0, close(server));
}

/*
 * Malformed addresses: every right is handled and no port is allowed, but
 * an address that the stack refuses gets the stack's error, the same as
 * without a sandbox.
 */
static int op_new_socket(const int family,
			 int (*const op)(int, const struct inet_addr *),
			 const struct inet_addr *const a)
{
	const int fd = tcp_socket(family);
	int err;

	if (fd < 0)
		return -errno;
	err = op(fd, a);
	close(fd);
	return err;
}

static void check_malformed(struct __test_metadata *const _metadata,
			    const int family,
			    int (*const op)(int, const struct inet_addr *),
			    const int denied)
{
	const int other_family = denied ? EINVAL : EAFNOSUPPORT;
	struct inet_addr a;
	int fd;

	fd = tcp_socket(family);
	ASSERT_LE(0, fd);

	/* Shorter than sa_family. */
	init_addr(&a, family, PORT_A, false);
	a.len = 0;
	EXPECT_EQ(EINVAL, op(fd, &a));
	a.len = 1;
	EXPECT_EQ(EINVAL, op(fd, &a));

	/* Shorter than the address of the family. */
	if (family == AF_INET) {
		a.len = sizeof(sa_family_t);
		EXPECT_EQ(EINVAL, op(fd, &a));
		a.len = sizeof(struct sockaddr_in) - 1;
		EXPECT_EQ(EINVAL, op(fd, &a));
	} else {
		a.len = sizeof(sa_family_t);
		EXPECT_EQ(EINVAL, op(fd, &a));
		a.len = sizeof(struct sockaddr_in);
		EXPECT_EQ(EINVAL, op(fd, &a));
		a.len = SIN6_LEN_RFC2133 - 1;
		EXPECT_EQ(EINVAL, op(fd, &a));
	}

	/* Longer than sockaddr_storage. */
	a.len = sizeof(a.ss) + 1;
	EXPECT_EQ(EINVAL, op(fd, &a));

	/*
	 * An address of the other IP family: the stack refuses it with
	 * EAFNOSUPPORT, Landlock (when it handles the right) with EINVAL.
	 */
	if (family == AF_INET) {
		init_addr(&a, AF_INET6, PORT_A, false);
		EXPECT_EQ(other_family, op(fd, &a));
		init_addr(&a, AF_INET, PORT_A, false);
		a.in.sin_family = AF_INET6;
		EXPECT_EQ(other_family, op(fd, &a));
	} else {
		/* Too short for IPv6. */
		init_addr(&a, AF_INET, PORT_A, false);
		EXPECT_EQ(EINVAL, op(fd, &a));
		init_addr(&a, AF_INET6, PORT_A, false);
		a.in6.sin6_family = AF_INET;
		EXPECT_EQ(other_family, op(fd, &a));
	}
	/* Another family altogether. */
	init_addr(&a, family, PORT_A, false);
	a.sa.sa_family = AF_UNIX;
	EXPECT_EQ(EAFNOSUPPORT, op(fd, &a));

	ASSERT_EQ(0, close(fd));

	/* Valid addresses (on new sockets), possibly longer than needed. */
	init_addr(&a, family, PORT_A, false);
	EXPECT_EQ(denied, op_new_socket(family, op, &a));
	a.len = sizeof(a.ss);
	EXPECT_EQ(denied, op_new_socket(family, op, &a));
	if (family == AF_INET6) {
		/* The RFC 2133 size is enough. */
		a.len = SIN6_LEN_RFC2133;
		EXPECT_EQ(denied, op_new_socket(family, op, &a));
	}
}

TEST_F(tcp, malformed_bind)
{
	sandbox_if(_metadata, variant->sandboxed, ACCESS_TCP, NULL);
	check_malformed(_metadata, self->family, bind_addr, self->denied);
}

TEST_F(tcp, malformed_connect)
{
	const int server = listen_port(_metadata, self->family, PORT_A);

	sandbox_if(_metadata, variant->sandboxed, ACCESS_TCP, NULL);
	check_malformed(_metadata, self->family, connect_addr, self->denied);
	ASSERT_EQ(0, close(server));
}

TEST_F(tcp, connect_unspec)
{
	const int server = listen_port(_metadata, self->family, PORT_A);
	const int fd = tcp_socket(self->family);
	const int fd_short = tcp_socket(self->family);
	const int fd_unconnected = tcp_socket(self->family);
	struct inet_addr unspec, peer;

	ASSERT_LE(0, fd);
	ASSERT_LE(0, fd_short);
	ASSERT_LE(0, fd_unconnected);
	ASSERT_EQ(0, connect_port(fd, self->family, PORT_A));
	ASSERT_EQ(0, connect_port(fd_short, self->family, PORT_A));

	/* Connecting is denied everywhere... */
	sandbox_if(_metadata, variant->sandboxed, ACCESS_TCP, NULL);

	/* ... but disconnecting with AF_UNSPEC is allowed. */
	init_addr(&unspec, self->family, PORT_A, false);
	unspec.sa.sa_family = AF_UNSPEC;
	EXPECT_EQ(0, connect_addr(fd, &unspec));
	peer.len = sizeof(peer.ss);
	EXPECT_EQ(-1, getpeername(fd, &peer.sa, &peer.len));
	EXPECT_EQ(ENOTCONN, errno);
	/* Reconnecting is a connection like any other. */
	EXPECT_EQ(self->denied, connect_port(fd, self->family, PORT_A));

	/* Just the family is enough. */
	unspec.len = sizeof(sa_family_t);
	EXPECT_EQ(0, connect_addr(fd_short, &unspec));
	peer.len = sizeof(peer.ss);
	EXPECT_EQ(-1, getpeername(fd_short, &peer.sa, &peer.len));
	EXPECT_EQ(ENOTCONN, errno);

	/* Also on a socket that is not connected. */
	EXPECT_EQ(0, connect_addr(fd_unconnected, &unspec));
	EXPECT_EQ(self->denied,
		  connect_port(fd_unconnected, self->family, PORT_A));

	ASSERT_EQ(0, close(fd));
	ASSERT_EQ(0, close(fd_short));
	ASSERT_EQ(0, close(fd_unconnected));
	ASSERT_EQ(0, close(server));
}

/*
 * Binds a new TCP socket of @family to an AF_UNSPEC address with @port and
 * the wildcard (if @any) or loopback address: returns errno or 0.
 */
static int test_bind_unspec(const int family, const __u16 port, const bool any)
{
	struct inet_addr a;

	init_addr(&a, family, port, any);
	a.sa.sa_family = AF_UNSPEC;
	return test_bind_addr(family, SOCK_STREAM, 0, &a);
}

TEST_F(tcp, bind_unspec)
{
	const struct port_rule rules[] = {
		{ LANDLOCK_ACCESS_NET_BIND_TCP, PORT_A },
		{},
	};

	sandbox_if(_metadata, variant->sandboxed, ACCESS_TCP, rules);
	if (self->family == AF_INET) {
		/* AF_UNSPEC with INADDR_ANY: a bind to the wildcard address. */
		EXPECT_EQ(0, test_bind_unspec(AF_INET, PORT_A, true));
		EXPECT_EQ(self->denied,
			  test_bind_unspec(AF_INET, PORT_B, true));
		EXPECT_EQ(self->denied, test_bind_unspec(AF_INET, 0, true));
		/* With another address, the stack refuses it. */
		EXPECT_EQ(EAFNOSUPPORT,
			  test_bind_unspec(AF_INET, PORT_A, false));
		EXPECT_EQ(EAFNOSUPPORT,
			  test_bind_unspec(AF_INET, PORT_B, false));
	} else {
		/* IPv6 has no such compatibility: always refused. */
		EXPECT_EQ(EAFNOSUPPORT,
			  test_bind_unspec(AF_INET6, PORT_A, true));
		EXPECT_EQ(EAFNOSUPPORT,
			  test_bind_unspec(AF_INET6, PORT_B, true));
		EXPECT_EQ(EAFNOSUPPORT,
			  test_bind_unspec(AF_INET6, PORT_B, false));
	}
}

TEST_F(tcp, fs_only_domain)
{
	const int server = listen_port(_metadata, self->family, PORT_A);
	int ruleset_fd, fd;

	/* A domain handling only filesystem rights does not restrict TCP. */
	if (variant->sandboxed) {
		ruleset_fd =
			create_net_ruleset(_metadata, ACCESS_FS_ALL, 0, NULL);
		enforce_ruleset(_metadata, ruleset_fd);
		ASSERT_EQ(0, close(ruleset_fd));
	}
	EXPECT_EQ(self->denied, test_open("/", O_RDONLY | O_DIRECTORY));
	EXPECT_EQ(0, test_bind(self->family, PORT_B));
	EXPECT_EQ(0, test_bind(self->family, 0));
	EXPECT_EQ(0, test_connect(self->family, PORT_A));
	fd = listen_port(_metadata, self->family, PORT_C);
	EXPECT_EQ(0, test_connect(self->family, PORT_C));
	ASSERT_EQ(0, close(fd));
	ASSERT_EQ(0, close(server));
}

TEST_F(tcp, net_only_domain)
{
	struct scratch scratch;
	int fd;

	/* A domain handling only network rights does not restrict files. */
	scratch_setup(_metadata, &scratch);
	sandbox_if(_metadata, variant->sandboxed, ACCESS_TCP, NULL);
	EXPECT_EQ(self->denied, test_bind(self->family, PORT_A));

	EXPECT_EQ(0, test_open("/", O_RDONLY | O_DIRECTORY));
	EXPECT_EQ(0, test_open("/proc/self/status", O_RDONLY));
	create_dir(_metadata, "dir");
	create_file(_metadata, "dir/file");
	EXPECT_EQ(0, test_open("dir/file", O_RDWR | O_TRUNC));
	EXPECT_EQ(0, rename("dir/file", "file"));
	EXPECT_EQ(0, link("file", "dir/link"));
	EXPECT_EQ(0, symlink("file", "symlink"));
	EXPECT_EQ(0, mkfifo("fifo", 0600));
	fd = open("dir", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	EXPECT_LE(0, fd);
	EXPECT_EQ(0, close(fd));
	EXPECT_EQ(0, unlink("dir/link"));
	EXPECT_EQ(0, rmdir("dir"));
	scratch_teardown(_metadata, &scratch);
}

TEST_F(tcp, udp_not_restricted)
{
	struct inet_addr a, b;
	int server, client, fd;
	char buf[8];

	/* Every TCP right is handled, no port is allowed. */
	sandbox_if(_metadata, variant->sandboxed, ACCESS_TCP, NULL);
	EXPECT_EQ(self->denied, test_bind(self->family, PORT_A));

	init_addr(&a, self->family, PORT_A, false);
	init_addr(&b, self->family, PORT_B, false);
	server = socket(self->family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	ASSERT_LE(0, server);
	ASSERT_EQ(0, bind_addr(server, &a));
	client = socket(self->family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	ASSERT_LE(0, client);
	ASSERT_EQ(0, bind_addr(client, &b));
	ASSERT_EQ(0, connect_addr(client, &a));
	check_transfer(_metadata, client, server, "udp");

	/* Implicit bind on sendto() from an unbound socket. */
	fd = socket(self->family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	ASSERT_LE(0, fd);
	ASSERT_EQ(4, sendto(fd, "udp2", 4, 0, &a.sa, a.len));
	ASSERT_EQ(4, recv(server, buf, sizeof(buf), 0));
	ASSERT_EQ(0, close(fd));

	/* Explicit IPPROTO_UDP and port 0. */
	init_addr(&a, self->family, 0, false);
	EXPECT_EQ(0, test_bind_addr(self->family, SOCK_DGRAM, IPPROTO_UDP, &a));
	init_addr(&a, self->family, PORT_C, true);
	EXPECT_EQ(0, test_bind_addr(self->family, SOCK_DGRAM, IPPROTO_UDP, &a));

	/* UDP-Lite is always built with IPv4 and IPv6. */
	init_addr(&a, self->family, PORT_D, false);
	EXPECT_EQ(0, test_bind_addr(self->family, SOCK_DGRAM, IPPROTO_UDPLITE,
				    &a));

	ASSERT_EQ(0, close(client));
	ASSERT_EQ(0, close(server));
}

TEST_F(tcp, unix_not_restricted)
{
	struct sockaddr_un addr = {
		.sun_family = AF_UNIX,
	};
	const socklen_t len = offsetof(struct sockaddr_un, sun_path) + 1 +
			      snprintf(addr.sun_path + 1,
				       sizeof(addr.sun_path) - 1,
				       "landlock-net-test-%d", getpid());
	int server, client, peer, pair[2];

	sandbox_if(_metadata, variant->sandboxed, ACCESS_TCP, NULL);
	EXPECT_EQ(self->denied, test_bind(self->family, PORT_A));

	/* An abstract stream socket. */
	server = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	ASSERT_LE(0, server);
	ASSERT_EQ(0, bind(server, (struct sockaddr *)&addr, len));
	ASSERT_EQ(0, listen(server, 4));
	client = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	ASSERT_LE(0, client);
	ASSERT_EQ(0, connect(client, (struct sockaddr *)&addr, len));
	peer = accept_wait(server, WAIT_MS);
	ASSERT_LE(0, peer);
	check_transfer(_metadata, client, peer, "unix");
	ASSERT_EQ(0, close(peer));
	ASSERT_EQ(0, close(client));
	ASSERT_EQ(0, close(server));

	/* A datagram socket pair. */
	ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, pair));
	check_transfer(_metadata, pair[0], pair[1], "pair");
	ASSERT_EQ(0, close(pair[0]));
	ASSERT_EQ(0, close(pair[1]));
}

/*
 * Another stream protocol of the IP families: not restricted (erratum 1).
 * Skipped when the kernel lacks it.
 */
static void check_other_protocol(struct __test_metadata *const _metadata,
				 const int family, const bool sandboxed,
				 const int protocol, const char *const name)
{
	struct inet_addr a;
	int server, client;

	server = socket(family, SOCK_STREAM | SOCK_CLOEXEC, protocol);
	if (server < 0 && (errno == EPROTONOSUPPORT ||
			   errno == ESOCKTNOSUPPORT || errno == EAFNOSUPPORT))
		SKIP(return, "%s unsupported: %s", name, strerror(errno));
	ASSERT_LE(0, server);

	sandbox_if(_metadata, sandboxed, ACCESS_TCP, NULL);
	EXPECT_EQ(sandboxed ? EACCES : 0, test_bind(family, PORT_C));

	init_addr(&a, family, PORT_A, false);
	ASSERT_EQ(0, bind_addr(server, &a));
	ASSERT_EQ(0, listen(server, 4));
	client = socket(family, SOCK_STREAM | SOCK_CLOEXEC, protocol);
	ASSERT_LE(0, client);
	EXPECT_EQ(0, connect_addr(client, &a));
	ASSERT_EQ(0, close(client));
	ASSERT_EQ(0, close(server));
}

TEST_F(tcp, mptcp_not_restricted)
{
	check_other_protocol(_metadata, self->family, variant->sandboxed,
			     IPPROTO_MPTCP, "MPTCP");
}

TEST_F(tcp, sctp_not_restricted)
{
	check_other_protocol(_metadata, self->family, variant->sandboxed,
			     IPPROTO_SCTP, "SCTP");
}

TEST_F(tcp, layers_intersection)
{
	/* Binds on A, B, C; connections to PORT_A + 10, + 11, + 12. */
	const struct port_rule layer1[] = {
		{ LANDLOCK_ACCESS_NET_BIND_TCP, PORT_A },
		{ LANDLOCK_ACCESS_NET_BIND_TCP, PORT_B },
		{ LANDLOCK_ACCESS_NET_CONNECT_TCP, PORT_A + 10 },
		{ LANDLOCK_ACCESS_NET_CONNECT_TCP, PORT_A + 11 },
		{},
	};
	const struct port_rule layer2[] = {
		{ LANDLOCK_ACCESS_NET_BIND_TCP, PORT_B },
		{ LANDLOCK_ACCESS_NET_BIND_TCP, PORT_C },
		{ ACCESS_TCP, PORT_A + 11 },
		{ LANDLOCK_ACCESS_NET_CONNECT_TCP, PORT_A + 12 },
		{},
	};
	const int server_a = listen_port(_metadata, self->family, PORT_A + 10);
	const int server_b = listen_port(_metadata, self->family, PORT_A + 11);
	const int server_c = listen_port(_metadata, self->family, PORT_A + 12);

	sandbox_if(_metadata, variant->sandboxed, ACCESS_TCP, layer1);
	sandbox_if(_metadata, variant->sandboxed, ACCESS_TCP, layer2);
	/* Allowed only by all the layers together. */
	EXPECT_EQ(self->denied, test_bind(self->family, PORT_A));
	EXPECT_EQ(0, test_bind(self->family, PORT_B));
	EXPECT_EQ(self->denied, test_bind(self->family, PORT_C));
	EXPECT_EQ(self->denied, test_bind(self->family, PORT_D));
	EXPECT_EQ(self->denied, test_connect(self->family, PORT_A + 10));
	EXPECT_EQ(0, test_connect(self->family, PORT_A + 11));
	EXPECT_EQ(self->denied, test_connect(self->family, PORT_A + 12));
	ASSERT_EQ(0, close(server_a));
	ASSERT_EQ(0, close(server_b));
	ASSERT_EQ(0, close(server_c));
}

TEST_F(tcp, layers_handled_rights)
{
	const struct port_rule connect_layer[] = {
		{ LANDLOCK_ACCESS_NET_CONNECT_TCP, PORT_A },
		{},
	};
	const struct port_rule bind_layer[] = {
		{ LANDLOCK_ACCESS_NET_BIND_TCP, PORT_C },
		{},
	};
	const int server_a = listen_port(_metadata, self->family, PORT_A);
	const int server_b = listen_port(_metadata, self->family, PORT_B);

	/* Each layer only restricts the rights it handles. */
	sandbox_if(_metadata, variant->sandboxed,
		   LANDLOCK_ACCESS_NET_CONNECT_TCP, connect_layer);
	sandbox_if(_metadata, variant->sandboxed, LANDLOCK_ACCESS_NET_BIND_TCP,
		   bind_layer);
	EXPECT_EQ(0, test_connect(self->family, PORT_A));
	EXPECT_EQ(self->denied, test_connect(self->family, PORT_B));
	EXPECT_EQ(0, test_bind(self->family, PORT_C));
	EXPECT_EQ(self->denied, test_bind(self->family, PORT_D));
	ASSERT_EQ(0, close(server_a));
	ASSERT_EQ(0, close(server_b));
}

TEST_F(tcp, layers_fs_and_net)
{
	const struct port_rule rules[] = {
		{ LANDLOCK_ACCESS_NET_BIND_TCP, PORT_A },
		{},
	};
	int ruleset_fd;

	/* A first layer handling only fs rights does not allow more. */
	if (variant->sandboxed) {
		const __u64 fs = LANDLOCK_ACCESS_FS_MAKE_CHAR;

		ruleset_fd = create_net_ruleset(_metadata, fs, 0, NULL);
		enforce_ruleset(_metadata, ruleset_fd);
		ASSERT_EQ(0, close(ruleset_fd));
	}
	sandbox_if(_metadata, variant->sandboxed, LANDLOCK_ACCESS_NET_BIND_TCP,
		   rules);
	EXPECT_EQ(0, test_bind(self->family, PORT_A));
	EXPECT_EQ(self->denied, test_bind(self->family, PORT_B));
}

#define MANY_BASE 20000
#define MANY_COUNT 1200

/* Ports of the many_rules test without a rule. */
static bool many_denied(const unsigned int i)
{
	return i % 100 == 37;
}

TEST_F(tcp, many_rules)
{
	const int server_ok =
		listen_port(_metadata, self->family, MANY_BASE + 1);
	const int server_denied =
		listen_port(_metadata, self->family, MANY_BASE + 137);
	const int server_out =
		listen_port(_metadata, self->family, MANY_BASE + MANY_COUNT);
	unsigned int k, i, count = 0;
	int ruleset_fd;

	if (variant->sandboxed) {
		ruleset_fd = create_net_ruleset(_metadata, 0, ACCESS_TCP, NULL);
		/* In a scattered order (7 and MANY_COUNT are coprime). */
		for (k = 0; k < MANY_COUNT; k++) {
			i = (k * 7) % MANY_COUNT;
			if (many_denied(i))
				continue;
			add_port_rule(_metadata, ruleset_fd, ACCESS_TCP,
				      MANY_BASE + i);
			count++;
		}
		ASSERT_EQ(MANY_COUNT - MANY_COUNT / 100, count);
		enforce_ruleset(_metadata, ruleset_fd);
		ASSERT_EQ(0, close(ruleset_fd));
	}

	EXPECT_EQ(0, test_bind(self->family, MANY_BASE));
	EXPECT_EQ(0, test_bind(self->family, MANY_BASE + 36));
	EXPECT_EQ(0, test_bind(self->family, MANY_BASE + 38));
	EXPECT_EQ(0, test_bind(self->family, MANY_BASE + 600));
	EXPECT_EQ(0, test_bind(self->family, MANY_BASE + MANY_COUNT - 1));
	EXPECT_EQ(self->denied, test_bind(self->family, MANY_BASE - 1));
	EXPECT_EQ(self->denied, test_bind(self->family, MANY_BASE + 37));
	EXPECT_EQ(self->denied, test_bind(self->family, MANY_BASE + 637));
	EXPECT_EQ(self->denied,
		  test_bind(self->family, MANY_BASE + MANY_COUNT - 63));
	EXPECT_EQ(self->denied,
		  test_bind(self->family, MANY_BASE + MANY_COUNT + 1));
	EXPECT_EQ(self->denied, test_bind(self->family, 0));

	EXPECT_EQ(0, test_connect(self->family, MANY_BASE + 1));
	EXPECT_EQ(self->denied, test_connect(self->family, MANY_BASE + 137));
	EXPECT_EQ(self->denied,
		  test_connect(self->family, MANY_BASE + MANY_COUNT));
	ASSERT_EQ(0, close(server_ok));
	ASSERT_EQ(0, close(server_denied));
	ASSERT_EQ(0, close(server_out));
}

TEST_F(tcp, inherit_fork)
{
	const struct port_rule rules[] = {
		{ LANDLOCK_ACCESS_NET_BIND_TCP, PORT_A },
		{ LANDLOCK_ACCESS_NET_CONNECT_TCP, PORT_C },
		{},
	};
	const int server_c = listen_port(_metadata, self->family, PORT_C);
	const int server_d = listen_port(_metadata, self->family, PORT_D);
	pid_t pid;

	sandbox_if(_metadata, variant->sandboxed, ACCESS_TCP, rules);
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		if (test_bind(self->family, PORT_A) != 0)
			_exit(1);
		if (test_bind(self->family, PORT_B) != self->denied)
			_exit(2);
		if (test_connect(self->family, PORT_C) != 0)
			_exit(3);
		if (test_connect(self->family, PORT_D) != self->denied)
			_exit(4);
		_exit(0);
	}
	ASSERT_EQ(0, wait_child(_metadata, pid));
	ASSERT_EQ(0, close(server_c));
	ASSERT_EQ(0, close(server_d));
}

TEST_F(tcp, sandboxed_client)
{
	const struct port_rule rules[] = {
		{ LANDLOCK_ACCESS_NET_CONNECT_TCP, PORT_A },
		{},
	};
	const int server_a = listen_port(_metadata, self->family, PORT_A);
	const int server_b = listen_port(_metadata, self->family, PORT_B);
	int peer;
	pid_t pid;

	/* The parent stays unsandboxed: only the child is restricted. */
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		sandbox_if(_metadata, variant->sandboxed, ACCESS_TCP, rules);
		if (test_connect(self->family, PORT_A) != 0)
			_exit(1);
		if (test_connect(self->family, PORT_B) != self->denied)
			_exit(2);
		_exit(0);
	}
	ASSERT_EQ(0, wait_child(_metadata, pid));

	/* The child has exited: its connections are already queued. */
	peer = accept_wait(server_a, WAIT_MS);
	ASSERT_LE(0, peer);
	ASSERT_EQ(0, close(peer));
	peer = accept_wait(server_b, 0);
	if (variant->sandboxed) {
		EXPECT_EQ(-1, peer);
		EXPECT_EQ(EAGAIN, errno);
	} else {
		ASSERT_LE(0, peer);
		ASSERT_EQ(0, close(peer));
	}
	/* The parent is not restricted. */
	EXPECT_EQ(0, test_connect(self->family, PORT_B));
	EXPECT_EQ(0, test_bind(self->family, PORT_C));
	ASSERT_EQ(0, close(server_a));
	ASSERT_EQ(0, close(server_b));
}

TEST_F(tcp, connected_before_sandbox)
{
	const int server = listen_port(_metadata, self->family, PORT_A);
	const int client = tcp_socket(self->family);
	int peer;

	ASSERT_LE(0, client);
	ASSERT_EQ(0, connect_port(client, self->family, PORT_A));
	peer = accept_wait(server, WAIT_MS);
	ASSERT_LE(0, peer);

	/* An established connection keeps working. */
	sandbox_if(_metadata, variant->sandboxed, ACCESS_TCP, NULL);
	check_transfer(_metadata, client, peer, "request");
	check_transfer(_metadata, peer, client, "response");
	EXPECT_EQ(self->denied, test_connect(self->family, PORT_A));
	EXPECT_EQ(0, shutdown(client, SHUT_WR));
	ASSERT_EQ(0, close(peer));
	ASSERT_EQ(0, close(client));
	ASSERT_EQ(0, close(server));
}

TEST_F(tcp, listen_accept)
{
	const int server = tcp_socket(self->family);
	int pipe_fds[2], peer, unbound;
	pid_t pid;
	char c = 0;

	ASSERT_LE(0, server);
	ASSERT_EQ(0, bind_port(server, self->family, PORT_A));
	ASSERT_EQ(0, pipe2(pipe_fds, O_CLOEXEC));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		/* Unsandboxed client, once the server listens. */
		close(pipe_fds[1]);
		if (read(pipe_fds[0], &c, 1) != 1)
			_exit(1);
		_exit(test_connect(self->family, PORT_A));
	}
	ASSERT_EQ(0, close(pipe_fds[0]));

	/* Neither listen() nor accept() is restricted. */
	sandbox_if(_metadata, variant->sandboxed, ACCESS_TCP, NULL);
	ASSERT_EQ(0, listen(server, 4));
	ASSERT_EQ(1, write(pipe_fds[1], &c, 1));
	peer = accept_wait(server, WAIT_MS);
	ASSERT_LE(0, peer);
	ASSERT_EQ(0, close(peer));
	ASSERT_EQ(0, wait_child(_metadata, pid));
	ASSERT_EQ(0, close(pipe_fds[1]));

	/* listen() on an unbound socket picks a port: not a bind(2). */
	unbound = tcp_socket(self->family);
	ASSERT_LE(0, unbound);
	ASSERT_EQ(0, listen(unbound, 4));
	EXPECT_LT(0, local_port(unbound));
	ASSERT_EQ(0, close(unbound));
	ASSERT_EQ(0, close(server));
}

TEST_F(tcp, other_family_peer)
{
	const struct port_rule rules[] = {
		{ LANDLOCK_ACCESS_NET_CONNECT_TCP, PORT_A },
		{ LANDLOCK_ACCESS_NET_BIND_TCP, PORT_C },
		{},
	};
	struct inet_addr a, b;
	int server_a, server_b;

	/*
	 * IPv4 clients connect to a dual-stack IPv6 server; IPv6 clients
	 * use IPv4-mapped addresses to reach an IPv4 server.  The port is
	 * what counts.
	 */
	if (self->family == AF_INET) {
		init_addr(&a, AF_INET6, PORT_A, true);
		init_addr(&b, AF_INET6, PORT_B, true);
	} else {
		init_addr(&a, AF_INET, PORT_A, false);
		init_addr(&b, AF_INET, PORT_B, false);
	}
	server_a = listen_addr(_metadata, &a);
	server_b = listen_addr(_metadata, &b);

	sandbox_if(_metadata, variant->sandboxed, ACCESS_TCP, rules);
	if (self->family == AF_INET) {
		EXPECT_EQ(0, test_connect(AF_INET, PORT_A));
		EXPECT_EQ(self->denied, test_connect(AF_INET, PORT_B));
	} else {
		int fd = tcp_socket(AF_INET6);

		ASSERT_LE(0, fd);
		init_mapped_addr(&a, PORT_A);
		EXPECT_EQ(0, connect_addr(fd, &a));
		ASSERT_EQ(0, close(fd));
		fd = tcp_socket(AF_INET6);
		ASSERT_LE(0, fd);
		init_mapped_addr(&b, PORT_B);
		EXPECT_EQ(self->denied, connect_addr(fd, &b));
		ASSERT_EQ(0, close(fd));

		/* Binding to a mapped address. */
		init_mapped_addr(&a, PORT_C);
		EXPECT_EQ(0, test_bind_addr(AF_INET6, SOCK_STREAM, 0, &a));
		init_mapped_addr(&a, PORT_D);
		EXPECT_EQ(self->denied,
			  test_bind_addr(AF_INET6, SOCK_STREAM, 0, &a));
	}
	ASSERT_EQ(0, close(server_a));
	ASSERT_EQ(0, close(server_b));
}

LANDLOCK_HARNESS_MAIN
