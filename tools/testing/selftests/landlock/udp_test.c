// SPDX-License-Identifier: GPL-2.0
/*
 * Landlock selftests: UDP (ABI 10)
 *
 * LANDLOCK_ACCESS_NET_BIND_UDP restricts the local ports UDP sockets bind
 * to, explicitly, or implicitly (port 0) when an unbound socket connects or
 * sends; LANDLOCK_ACCESS_NET_CONNECT_SEND_UDP restricts the remote ports
 * they connect to, and the ones that a datagram is sent to with an explicit
 * address.  As in net_test, every test of the "udp" fixture runs sandboxed
 * and unsandboxed, for IPv4 and IPv6, in a network namespace of its own.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "net_common.h"

#define BIND_UDP LANDLOCK_ACCESS_NET_BIND_UDP
#define SEND_UDP LANDLOCK_ACCESS_NET_CONNECT_SEND_UDP
#define ACCESS_UDP (BIND_UDP | SEND_UDP)
#define ACCESS_TCP \
	(LANDLOCK_ACCESS_NET_BIND_TCP | LANDLOCK_ACCESS_NET_CONNECT_TCP)

/* How long a test waits for a datagram that should come, in ms. */
#define WAIT_MS 2000

static int udp_socket(const int family)
{
	return socket(family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
}

/* Returns the errno of sendto(@fd, @a), or 0. */
static int send_addr(const int fd, const struct inet_addr *const a)
{
	return sendto(fd, "d", 1, 0, &a->sa, a->len) < 0 ? errno : 0;
}

/* Sends to the loopback address and @port: returns errno or 0. */
static int send_port(const int fd, const int family, const __u16 port)
{
	struct inet_addr a;

	init_addr(&a, family, port, false);
	return send_addr(fd, &a);
}

/* Tells whether a datagram is waiting on @fd, and consumes it. */
static bool received(const int fd)
{
	struct pollfd pfd = {
		.fd = fd,
		.events = POLLIN,
	};
	char c;

	if (poll(&pfd, 1, WAIT_MS) != 1)
		return false;
	return recv(fd, &c, 1, 0) == 1;
}

/* Returns a UDP socket bound to the loopback address and @port. */
static int udp_server(struct __test_metadata *const _metadata, const int family,
		      const __u16 port)
{
	const int fd = udp_socket(family);

	ASSERT_LE(0, fd);
	ASSERT_EQ(0, bind_port(fd, family, port));
	return fd;
}

FIXTURE(udp)
{
	int family;
	/* Result of a denied operation: EACCES, or 0 outside a sandbox. */
	int denied;
	/* Servers on PORT_A and PORT_B. */
	int server_a, server_b;
};

FIXTURE_VARIANT(udp)
{
	int family;
	bool sandboxed;
};

/* clang-format off */
FIXTURE_VARIANT_ADD(udp, ipv4_sandboxed) {
	/* clang-format on */
	.family = AF_INET,
	.sandboxed = true,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(udp, ipv4_unsandboxed) {
	/* clang-format on */
	.family = AF_INET,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(udp, ipv6_sandboxed) {
	/* clang-format on */
	.family = AF_INET6,
	.sandboxed = true,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(udp, ipv6_unsandboxed) {
	/* clang-format on */
	.family = AF_INET6,
};

FIXTURE_SETUP(udp)
{
	enter_net_ns(_metadata);
	self->family = variant->family;
	self->denied = variant->sandboxed ? EACCES : 0;
	self->server_a = udp_server(_metadata, self->family, PORT_A);
	self->server_b = udp_server(_metadata, self->family, PORT_B);
}

FIXTURE_TEARDOWN(udp)
{
	close(self->server_a);
	close(self->server_b);
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

/* Binds a new UDP socket to @port: returns errno or 0. */
static int test_bind_udp(const int family, const __u16 port)
{
	struct inet_addr a;

	init_addr(&a, family, port, false);
	return test_bind_addr(family, SOCK_DGRAM, 0, &a);
}

TEST_F(udp, bind)
{
	const struct port_rule rules[] = {
		{ BIND_UDP, PORT_C },
		{},
	};
	struct inet_addr a;

	sandbox_if(_metadata, variant->sandboxed, ACCESS_UDP, rules);
	EXPECT_EQ(0, test_bind_udp(self->family, PORT_C));
	EXPECT_EQ(self->denied, test_bind_udp(self->family, PORT_D));
	/* Port 0 needs a rule of its own. */
	EXPECT_EQ(self->denied, test_bind_udp(self->family, 0));
	/* The wildcard address and an explicit IPPROTO_UDP alike. */
	init_addr(&a, self->family, PORT_C, true);
	EXPECT_EQ(0, test_bind_addr(self->family, SOCK_DGRAM, IPPROTO_UDP, &a));
	init_addr(&a, self->family, PORT_D, true);
	EXPECT_EQ(self->denied,
		  test_bind_addr(self->family, SOCK_DGRAM, IPPROTO_UDP, &a));
	/* Rules are in host byte order. */
	EXPECT_EQ(self->denied,
		  test_bind_udp(self->family, swap_bytes(PORT_C)));
}

TEST_F(udp, bind_port_zero)
{
	const struct port_rule rules[] = {
		{ BIND_UDP, 0 },
		{},
	};
	const int fd = udp_socket(self->family);

	ASSERT_LE(0, fd);
	sandbox_if(_metadata, variant->sandboxed, ACCESS_UDP, rules);
	EXPECT_EQ(0, bind_port(fd, self->family, 0));
	EXPECT_LT(0, local_port(fd));
	EXPECT_EQ(self->denied, test_bind_udp(self->family, PORT_C));
	ASSERT_EQ(0, close(fd));
}

/* Connecting and sending, with binding not handled. */
TEST_F(udp, connect_and_send)
{
	const struct port_rule rules[] = {
		{ SEND_UDP, PORT_A },
		{},
	};
	const int fd = udp_socket(self->family);

	ASSERT_LE(0, fd);
	sandbox_if(_metadata, variant->sandboxed, SEND_UDP, rules);
	EXPECT_EQ(0, send_port(fd, self->family, PORT_A));
	EXPECT_TRUE(received(self->server_a));
	EXPECT_EQ(self->denied, send_port(fd, self->family, PORT_B));
	EXPECT_EQ(!variant->sandboxed, received(self->server_b));
	EXPECT_EQ(self->denied, connect_port(fd, self->family, PORT_B));
	EXPECT_EQ(0, connect_port(fd, self->family, PORT_A));
	/* To the connected peer, without an address: not checked. */
	EXPECT_EQ(1, send(fd, "c", 1, 0));
	EXPECT_TRUE(received(self->server_a));
	/* An explicit address is checked even when connected. */
	EXPECT_EQ(self->denied, send_port(fd, self->family, PORT_B));
	EXPECT_EQ(!variant->sandboxed, received(self->server_b));
	ASSERT_EQ(0, close(fd));
}

/* sendmsg(2) and sendmmsg(2) with addresses. */
TEST_F(udp, sendmsg_sendmmsg)
{
	const struct port_rule rules[] = {
		{ SEND_UDP, PORT_A },
		{},
	};
	struct inet_addr a, b;
	struct iovec iov = {
		.iov_base = "m",
		.iov_len = 1,
	};
	struct mmsghdr msgs[2] = {};
	const int fd = udp_socket(self->family);
	int i;

	ASSERT_LE(0, fd);
	init_addr(&a, self->family, PORT_A, false);
	init_addr(&b, self->family, PORT_B, false);
	for (i = 0; i < 2; i++) {
		msgs[i].msg_hdr.msg_iov = &iov;
		msgs[i].msg_hdr.msg_iovlen = 1;
	}
	msgs[0].msg_hdr.msg_name = &a.sa;
	msgs[0].msg_hdr.msg_namelen = a.len;
	msgs[1].msg_hdr.msg_name = &b.sa;
	msgs[1].msg_hdr.msg_namelen = b.len;
	sandbox_if(_metadata, variant->sandboxed, SEND_UDP, rules);

	EXPECT_EQ(1, sendmsg(fd, &msgs[0].msg_hdr, 0));
	EXPECT_TRUE(received(self->server_a));
	EXPECT_EQ(IF_SANDBOXED(-1, 1), sendmsg(fd, &msgs[1].msg_hdr, 0));
	EXPECT_EQ(!variant->sandboxed, received(self->server_b));
	/* The first message goes, the second one is denied. */
	EXPECT_EQ(IF_SANDBOXED(1, 2), sendmmsg(fd, msgs, 2, 0));
	EXPECT_TRUE(received(self->server_a));
	EXPECT_EQ(!variant->sandboxed, received(self->server_b));
	EXPECT_EQ(IF_SANDBOXED(-1, 1), sendmmsg(fd, &msgs[1], 1, 0));
	if (variant->sandboxed)
		EXPECT_EQ(EACCES, errno);
	ASSERT_EQ(0, close(fd));
}

/*
 * An unbound socket that connects or sends is bound to an ephemeral port:
 * BIND_UDP for port 0, once the destination is allowed.
 */
TEST_F(udp, autobind)
{
	const struct port_rule rules[] = {
		{ SEND_UDP, PORT_A },
		{},
	};
	const int fd_bound = udp_socket(self->family);
	int fd_connect, fd_send, fd_nowhere;

	ASSERT_LE(0, fd_bound);
	ASSERT_EQ(0, bind_port(fd_bound, self->family, 0));
	fd_connect = udp_socket(self->family);
	fd_send = udp_socket(self->family);
	fd_nowhere = udp_socket(self->family);
	ASSERT_LE(0, fd_connect);
	ASSERT_LE(0, fd_send);
	ASSERT_LE(0, fd_nowhere);
	sandbox_if(_metadata, variant->sandboxed, ACCESS_UDP, rules);

	EXPECT_EQ(self->denied, connect_port(fd_connect, self->family, PORT_A));
	EXPECT_EQ(self->denied, send_port(fd_send, self->family, PORT_A));
	EXPECT_EQ(!variant->sandboxed, received(self->server_a));
	/* Without an address, and without a peer. */
	EXPECT_EQ(-1, send(fd_nowhere, "n", 1, 0));
	EXPECT_EQ(IF_SANDBOXED(EACCES, EDESTADDRREQ), errno);
	/* A socket bound beforehand. */
	EXPECT_EQ(0, send_port(fd_bound, self->family, PORT_A));
	EXPECT_TRUE(received(self->server_a));
	EXPECT_EQ(0, connect_port(fd_bound, self->family, PORT_A));
	/* A denied destination is reported as such, before the bind. */
	EXPECT_EQ(self->denied, send_port(fd_bound, self->family, PORT_B));
	ASSERT_EQ(0, close(fd_nowhere));
	ASSERT_EQ(0, close(fd_send));
	ASSERT_EQ(0, close(fd_connect));
	ASSERT_EQ(0, close(fd_bound));
}

/* With a rule for port 0, the implicit bind is allowed. */
TEST_F(udp, autobind_allowed)
{
	const struct port_rule rules[] = {
		{ SEND_UDP, PORT_A },
		{ BIND_UDP, 0 },
		{},
	};
	const int fd = udp_socket(self->family);

	ASSERT_LE(0, fd);
	sandbox_if(_metadata, variant->sandboxed, ACCESS_UDP, rules);
	EXPECT_EQ(0, send_port(fd, self->family, PORT_A));
	EXPECT_TRUE(received(self->server_a));
	EXPECT_LT(0, local_port(fd));
	ASSERT_EQ(0, close(fd));
}

/* Binding alone handled: connecting is free, the implicit bind is not. */
TEST_F(udp, autobind_bind_only)
{
	const int fd = udp_socket(self->family);

	ASSERT_LE(0, fd);
	sandbox_if(_metadata, variant->sandboxed, BIND_UDP, NULL);
	EXPECT_EQ(self->denied, connect_port(fd, self->family, PORT_A));
	EXPECT_EQ(self->denied, send_port(fd, self->family, PORT_B));
	ASSERT_EQ(0, close(fd));
}

/* AF_UNSPEC connect: a disconnection, always allowed, binding nothing. */
TEST_F(udp, connect_unspec)
{
	const int fd = udp_socket(self->family);
	const int fd_unbound = udp_socket(self->family);
	struct inet_addr unspec, peer;

	ASSERT_LE(0, fd);
	ASSERT_LE(0, fd_unbound);
	ASSERT_EQ(0, connect_port(fd, self->family, PORT_A));
	/* Nothing allowed. */
	sandbox_if(_metadata, variant->sandboxed, ACCESS_UDP, NULL);
	init_addr(&unspec, self->family, PORT_B, false);
	unspec.sa.sa_family = AF_UNSPEC;
	EXPECT_EQ(0, connect_addr(fd, &unspec));
	peer.len = sizeof(peer.ss);
	EXPECT_EQ(-1, getpeername(fd, &peer.sa, &peer.len));
	EXPECT_EQ(ENOTCONN, errno);
	unspec.len = sizeof(sa_family_t);
	EXPECT_EQ(0, connect_addr(fd_unbound, &unspec));
	EXPECT_EQ(0, local_port(fd_unbound));
	ASSERT_EQ(0, close(fd_unbound));
	ASSERT_EQ(0, close(fd));
}

/*
 * A datagram to an AF_UNSPEC address: for an IPv4 socket, an IPv4 address
 * (checked as such); for an IPv6 socket, denied whatever the rules.
 */
TEST_F(udp, send_unspec)
{
	const struct port_rule rules[] = {
		{ ACCESS_UDP, PORT_A },
		{ ACCESS_UDP, PORT_B },
		{ BIND_UDP, 0 },
		{},
	};
	const int fd = udp_socket(self->family);
	struct inet_addr unspec;

	ASSERT_LE(0, fd);
	ASSERT_EQ(0, bind_port(fd, self->family, PORT_C));
	sandbox_if(_metadata, variant->sandboxed, ACCESS_UDP, rules);
	init_addr(&unspec, self->family, PORT_A, false);
	unspec.sa.sa_family = AF_UNSPEC;
	if (self->family == AF_INET) {
		EXPECT_EQ(0, send_addr(fd, &unspec));
		EXPECT_TRUE(received(self->server_a));
		unspec.len = sizeof(struct sockaddr_in) - 1;
		EXPECT_EQ(EINVAL, send_addr(fd, &unspec));
	} else {
		/* The stack takes it as no address at all. */
		EXPECT_EQ(IF_SANDBOXED(EACCES, EDESTADDRREQ),
			  send_addr(fd, &unspec));
		ASSERT_EQ(0, connect_port(fd, self->family, PORT_B));
		EXPECT_EQ(self->denied, send_addr(fd, &unspec));
		EXPECT_EQ(!variant->sandboxed, received(self->server_b));
		unspec.len = sizeof(sa_family_t);
		EXPECT_EQ(self->denied, send_addr(fd, &unspec));
	}
	ASSERT_EQ(0, close(fd));
}

/* AF_UNSPEC bind: as for TCP. */
TEST_F(udp, bind_unspec)
{
	const struct port_rule rules[] = {
		{ BIND_UDP, PORT_C },
		{},
	};
	struct inet_addr a;

	sandbox_if(_metadata, variant->sandboxed, ACCESS_UDP, rules);
	init_addr(&a, self->family, PORT_C, true);
	a.sa.sa_family = AF_UNSPEC;
	if (self->family == AF_INET) {
		EXPECT_EQ(0, test_bind_addr(AF_INET, SOCK_DGRAM, 0, &a));
		a.in.sin_port = htons(PORT_D);
		EXPECT_EQ(self->denied,
			  test_bind_addr(AF_INET, SOCK_DGRAM, 0, &a));
		a.in.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		EXPECT_EQ(EAFNOSUPPORT,
			  test_bind_addr(AF_INET, SOCK_DGRAM, 0, &a));
		a.len = sizeof(struct sockaddr_in) - 1;
		EXPECT_EQ(EINVAL, test_bind_addr(AF_INET, SOCK_DGRAM, 0, &a));
	} else {
		EXPECT_EQ(EAFNOSUPPORT,
			  test_bind_addr(AF_INET6, SOCK_DGRAM, 0, &a));
		a.len = SIN6_LEN_RFC2133 - 1;
		EXPECT_EQ(EINVAL, test_bind_addr(AF_INET6, SOCK_DGRAM, 0, &a));
	}
}

/*
 * Malformed addresses: Landlock (when it handles the right) refuses an IP
 * address too short for its family or of the other family with EINVAL,
 * whatever the stack would have done; it leaves other families to the
 * stack.
 */
TEST_F(udp, malformed)
{
	const struct port_rule rules[] = {
		{ ACCESS_UDP, PORT_A },
		{ BIND_UDP, 0 },
		{},
	};
	const int other = self->family == AF_INET ? AF_INET6 : AF_INET;
	const int fd = udp_socket(self->family);
	const int fd_unbound = udp_socket(self->family);
	struct inet_addr a;

	ASSERT_LE(0, fd);
	ASSERT_LE(0, fd_unbound);
	ASSERT_EQ(0, bind_port(fd, self->family, PORT_C));
	sandbox_if(_metadata, variant->sandboxed, ACCESS_UDP, rules);
	init_addr(&a, self->family, PORT_A, false);
	a.len = 1;
	EXPECT_EQ(EINVAL, send_addr(fd, &a));
	a.len = self->family == AF_INET ? sizeof(struct sockaddr_in) - 1 :
					  SIN6_LEN_RFC2133 - 1;
	EXPECT_EQ(EINVAL, send_addr(fd, &a));
	/*
	 * The other family: an IPv4 socket refuses an IPv6 address, an
	 * unbound IPv6 one sends to an IPv4 address.
	 */
	init_addr(&a, other, PORT_A, false);
	EXPECT_EQ(IF_SANDBOXED(EINVAL,
			       self->family == AF_INET ? EAFNOSUPPORT : 0),
		  send_addr(fd_unbound, &a));
	/* Another family altogether. */
	init_addr(&a, self->family, PORT_A, false);
	a.sa.sa_family = AF_UNIX;
	EXPECT_EQ(self->family == AF_INET ? EAFNOSUPPORT : EINVAL,
		  send_addr(fd, &a));
	ASSERT_EQ(0, close(fd_unbound));
	ASSERT_EQ(0, close(fd));
}

/* IPv4-mapped addresses are IPv6 addresses, with the same ports. */
TEST_F(udp, ipv4_mapped)
{
	const struct port_rule rules[] = {
		{ SEND_UDP, PORT_A },
		{ BIND_UDP, 0 },
		{},
	};
	const int server = udp_server(_metadata, AF_INET, PORT_C);
	const int fd = udp_socket(AF_INET6);
	struct inet_addr a;

	ASSERT_LE(0, fd);
	sandbox_if(_metadata, variant->sandboxed, ACCESS_UDP, rules);
	init_mapped_addr(&a, PORT_C);
	EXPECT_EQ(self->denied, send_addr(fd, &a));
	EXPECT_EQ(!variant->sandboxed, received(server));
	ASSERT_EQ(0, close(fd));
	ASSERT_EQ(0, close(server));
}

TEST_F(udp, tcp_rights_do_not_restrict_udp)
{
	const int fd = udp_socket(self->family);

	ASSERT_LE(0, fd);
	sandbox_if(_metadata, variant->sandboxed, ACCESS_TCP, NULL);
	EXPECT_EQ(0, test_bind_udp(self->family, PORT_C));
	EXPECT_EQ(0, send_port(fd, self->family, PORT_A));
	EXPECT_TRUE(received(self->server_a));
	ASSERT_EQ(0, close(fd));
}

TEST_F(udp, udp_rights_do_not_restrict_tcp)
{
	struct inet_addr a;

	sandbox_if(_metadata, variant->sandboxed, ACCESS_UDP, NULL);
	init_addr(&a, self->family, PORT_C, false);
	EXPECT_EQ(0, test_bind_addr(self->family, SOCK_STREAM, 0, &a));
}

/* Other datagram protocols are not restricted. */
TEST_F(udp, other_protocols)
{
	const int server = socket(self->family, SOCK_DGRAM | SOCK_CLOEXEC,
				  IPPROTO_UDPLITE);
	const int fd = socket(self->family, SOCK_DGRAM | SOCK_CLOEXEC,
			      IPPROTO_UDPLITE);
	struct inet_addr a;

	ASSERT_LE(0, server);
	ASSERT_LE(0, fd);
	sandbox_if(_metadata, variant->sandboxed, ACCESS_UDP, NULL);
	/* UDP-Lite: binding (explicitly and implicitly) and sending. */
	init_addr(&a, self->family, PORT_C, false);
	EXPECT_EQ(0, bind_addr(server, &a));
	EXPECT_EQ(0, send_addr(fd, &a));
	EXPECT_TRUE(received(server));
	EXPECT_EQ(0, connect_addr(fd, &a));
	ASSERT_EQ(0, close(fd));
	ASSERT_EQ(0, close(server));
}

/* UNIX datagram sockets are not restricted by network rights. */
TEST_F(udp, unix_dgram)
{
	struct sockaddr_un addr = {
		.sun_family = AF_UNIX,
	};
	const socklen_t len = offsetof(struct sockaddr_un, sun_path) + 16;
	int server, fd;

	snprintf(addr.sun_path + 1, 15, "ll-udp-%d", getpid());
	server = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	ASSERT_LE(0, server);
	ASSERT_LE(0, fd);
	sandbox_if(_metadata, variant->sandboxed, ACCESS_UDP, NULL);
	ASSERT_EQ(0, bind(server, (struct sockaddr *)&addr, len));
	EXPECT_EQ(1, sendto(fd, "u", 1, 0, (struct sockaddr *)&addr, len));
	EXPECT_TRUE(received(server));
	ASSERT_EQ(0, close(fd));
	ASSERT_EQ(0, close(server));
}

/* Each layer that handles a right must allow it. */
TEST_F(udp, layers)
{
	const struct port_rule first[] = {
		{ ACCESS_UDP, PORT_A },
		{ ACCESS_UDP, PORT_B },
		{ BIND_UDP, PORT_C },
		{},
	};
	const struct port_rule second[] = {
		{ SEND_UDP, PORT_A },
		{},
	};
	const int fd = udp_socket(self->family);

	ASSERT_LE(0, fd);
	ASSERT_EQ(0, bind_port(fd, self->family, 0));
	sandbox_if(_metadata, variant->sandboxed, ACCESS_UDP, first);
	/* The second layer does not handle binding. */
	sandbox_if(_metadata, variant->sandboxed, SEND_UDP, second);
	EXPECT_EQ(0, send_port(fd, self->family, PORT_A));
	EXPECT_EQ(self->denied, send_port(fd, self->family, PORT_B));
	EXPECT_EQ(0, test_bind_udp(self->family, PORT_C));
	EXPECT_EQ(self->denied, test_bind_udp(self->family, PORT_D));
	ASSERT_EQ(0, close(fd));
}

LANDLOCK_HARNESS_MAIN
