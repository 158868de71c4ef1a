/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Landlock selftests: helpers shared by the network tests
 *
 * IPv4 and IPv6 socket addresses, port rules, and a network namespace of
 * the test's own with the loopback interface up.
 */

#ifndef _SELFTESTS_LANDLOCK_NET_COMMON_H
#define _SELFTESTS_LANDLOCK_NET_COMMON_H

#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#include "common.h"

/* Shortest IPv6 address the network stack accepts (no sin6_scope_id). */
#ifndef SIN6_LEN_RFC2133
#define SIN6_LEN_RFC2133 24
#endif

/* Unprivileged ports whose byte-swapped values are unprivileged too. */
#define PORT_A 10001
#define PORT_B 10002
#define PORT_C 10003
#define PORT_D 10004

/* An IPv4 or IPv6 socket address. */
struct inet_addr {
	socklen_t len;
	union {
		struct sockaddr sa;
		struct sockaddr_in in;
		struct sockaddr_in6 in6;
		struct sockaddr_storage ss;
	};
};

/*
 * Fills @a with the loopback address (or the wildcard address if @any) of
 * @family and @port.
 */
static void __maybe_unused init_addr(struct inet_addr *const a,
				     const int family, const __u16 port,
				     const bool any)
{
	memset(a, 0, sizeof(*a));
	if (family == AF_INET) {
		a->in.sin_family = AF_INET;
		a->in.sin_port = htons(port);
		a->in.sin_addr.s_addr =
			htonl(any ? INADDR_ANY : INADDR_LOOPBACK);
		a->len = sizeof(a->in);
	} else {
		a->in6.sin6_family = AF_INET6;
		a->in6.sin6_port = htons(port);
		a->in6.sin6_addr = any ? in6addr_any : in6addr_loopback;
		a->len = sizeof(a->in6);
	}
}

/* Fills @a with the IPv4-mapped IPv6 address ::ffff:127.0.0.1 and @port. */
static void __maybe_unused init_mapped_addr(struct inet_addr *const a,
					    const __u16 port)
{
	init_addr(a, AF_INET6, port, true);
	a->in6.sin6_addr.s6_addr[10] = 0xff;
	a->in6.sin6_addr.s6_addr[11] = 0xff;
	a->in6.sin6_addr.s6_addr[12] = 127;
	a->in6.sin6_addr.s6_addr[15] = 1;
}

static inline __u16 swap_bytes(const __u16 port)
{
	return (__u16)((port >> 8) | (port << 8));
}

/* Returns the errno of bind(@fd, @a), or 0. */
static int __maybe_unused bind_addr(const int fd,
				    const struct inet_addr *const a)
{
	return bind(fd, &a->sa, a->len) ? errno : 0;
}

/* Returns the errno of connect(@fd, @a), or 0. */
static int __maybe_unused connect_addr(const int fd,
				       const struct inet_addr *const a)
{
	return connect(fd, &a->sa, a->len) ? errno : 0;
}

/* Binds @fd to the loopback address and @port: returns errno or 0. */
static int __maybe_unused bind_port(const int fd, const int family,
				    const __u16 port)
{
	struct inet_addr a;

	init_addr(&a, family, port, false);
	return bind_addr(fd, &a);
}

/* Connects @fd to the loopback address and @port: returns errno or 0. */
static int __maybe_unused connect_port(const int fd, const int family,
				       const __u16 port)
{
	struct inet_addr a;

	init_addr(&a, family, port, false);
	return connect_addr(fd, &a);
}

/*
 * Creates a socket of @family, @type and @protocol, binds it to @a and
 * closes it: returns the errno of socket() (negated, to tell it apart) or
 * bind(), or 0.
 */
static int __maybe_unused test_bind_addr(const int family, const int type,
					 const int protocol,
					 const struct inet_addr *const a)
{
	const int fd = socket(family, type | SOCK_CLOEXEC, protocol);
	int err;

	if (fd < 0)
		return -errno;
	err = bind_addr(fd, a);
	close(fd);
	return err;
}

/* Returns the local port of @fd, or -1. */
static int __maybe_unused local_port(const int fd)
{
	struct inet_addr a = {};

	a.len = sizeof(a.ss);
	if (getsockname(fd, &a.sa, &a.len))
		return -1;
	if (a.sa.sa_family == AF_INET)
		return ntohs(a.in.sin_port);
	if (a.sa.sa_family == AF_INET6)
		return ntohs(a.in6.sin6_port);
	return -1;
}

/* Port rules, terminated by an entry with no access right. */
struct port_rule {
	__u64 access;
	__u64 port;
};

static void __maybe_unused add_port_rule(struct __test_metadata *const _metadata,
					 const int ruleset_fd,
					 const __u64 access, const __u64 port)
{
	const struct landlock_net_port_attr attr = {
		.allowed_access = access,
		.port = port,
	};

	ASSERT_EQ(0, landlock_add_rule(ruleset_fd, LANDLOCK_RULE_NET_PORT,
				       &attr, 0))
	{
		TH_LOG("Failed to add a rule on port %llu: %s",
		       (unsigned long long)port, strerror(errno));
	}
}

static inline int create_net_ruleset(struct __test_metadata *const _metadata,
				     const __u64 handled_fs,
				     const __u64 handled_net,
				     const struct port_rule rules[])
{
	const struct landlock_ruleset_attr attr = {
		.handled_access_fs = handled_fs,
		.handled_access_net = handled_net,
	};
	int ruleset_fd, i;

	ruleset_fd = landlock_create_ruleset(&attr, sizeof(attr), 0);
	ASSERT_LE(0, ruleset_fd)
	{
		TH_LOG("Failed to create a ruleset: %s", strerror(errno));
	}
	for (i = 0; rules && rules[i].access; i++)
		add_port_rule(_metadata, ruleset_fd, rules[i].access,
			      rules[i].port);
	return ruleset_fd;
}

/* Stacks a layer handling @handled_net (and no fs right) with @rules. */
static void __maybe_unused sandbox_net(struct __test_metadata *const _metadata,
				       const __u64 handled_net,
				       const struct port_rule rules[])
{
	const int ruleset_fd =
		create_net_ruleset(_metadata, 0, handled_net, rules);

	enforce_ruleset(_metadata, ruleset_fd);
	ASSERT_EQ(0, close(ruleset_fd));
}

static void __maybe_unused
set_loopback_up(struct __test_metadata *const _metadata)
{
	struct ifreq ifr = {};
	const int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	ASSERT_LE(0, fd);
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "lo");
	ASSERT_EQ(0, ioctl(fd, SIOCGIFFLAGS, &ifr));
	ifr.ifr_flags |= IFF_UP;
	ASSERT_EQ(0, ioctl(fd, SIOCSIFFLAGS, &ifr))
	{
		TH_LOG("Failed to bring lo up: %s", strerror(errno));
	}
	ASSERT_EQ(0, close(fd));
}

/*
 * Moves the calling process to a new network namespace with the loopback
 * interface up.  Without CAP_SYS_ADMIN, it first enters a new user
 * namespace (mapping its IDs to root), and then drops every capability:
 * the test goes on unprivileged.
 */
static void __maybe_unused enter_net_ns(struct __test_metadata *const _metadata)
{
	const bool privileged = has_cap(CAP_SYS_ADMIN);
	const uid_t uid = getuid();
	const gid_t gid = getgid();
	char map[64];

	if (privileged) {
		ASSERT_EQ(0, unshare(CLONE_NEWNET))
		{
			TH_LOG("Failed to create a network namespace: %s",
			       strerror(errno));
		}
	} else {
		ASSERT_EQ(0, unshare(CLONE_NEWUSER | CLONE_NEWNET))
		{
			TH_LOG("Failed to create namespaces: %s",
			       strerror(errno));
		}
		ASSERT_EQ(0, write_file_str("/proc/self/setgroups", "deny"));
		snprintf(map, sizeof(map), "0 %u 1", uid);
		ASSERT_EQ(0, write_file_str("/proc/self/uid_map", map));
		snprintf(map, sizeof(map), "0 %u 1", gid);
		ASSERT_EQ(0, write_file_str("/proc/self/gid_map", map));
	}
	set_loopback_up(_metadata);
	if (!privileged)
		drop_all_caps(_metadata);
}

#endif /* _SELFTESTS_LANDLOCK_NET_COMMON_H */
