// SPDX-License-Identifier: GPL-2.0-only
/*
 * Landlock: network access control
 *
 * Only TCP sockets, IPv4 and IPv6, are restricted.  The hooks run before
 * the network stack looks at the address: a malformed IP address is
 * refused with EINVAL rather than EACCES, an address the stack refuses on
 * its own is left to it, and the port is only checked when the stack would
 * go on and use it.
 */

#include <linux/in.h>
#include <linux/in6.h>
#include <linux/lsm_audit.h>
#include <linux/lsm_hooks.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <net/ipv6.h>
#include <net/sock.h>

#include "audit.h"
#include "common.h"
#include "domain.h"
#include "net.h"

static bool is_tcp(const struct sock *const sk)
{
	return sk->sk_type == SOCK_STREAM && sk->sk_protocol == IPPROTO_TCP &&
	       (sk->sk_family == AF_INET || sk->sk_family == AF_INET6);
}

/*
 * Reads the address that bind(2) or connect(2) is about to use on a TCP
 * socket, into @net for the records (family, port and address, in network
 * byte order).  Returns 1 if the port must be checked; 0 if the stack will
 * not use any port (an AF_UNSPEC connect, which disconnects, or an address
 * of a family the stack refuses on its own); -EINVAL for an IP address too
 * short for its family or of the other IP family, so that such a request
 * fails the same way whatever the rules.
 */
static int read_addr(const struct sock *const sk,
		     const struct sockaddr *const addr, const int addrlen,
		     const bool bind, struct lsm_network_audit *const net)
{
	const struct sockaddr_in *const in = (const void *)addr;
	const struct sockaddr_in6 *const in6 = (const void *)addr;
	__be16 port;

	if (addrlen < (int)offsetofend(struct sockaddr, sa_family))
		return -EINVAL;

	switch (addr->sa_family) {
	case AF_UNSPEC:
		/*
		 * IPv4 bind accepts AF_UNSPEC as AF_INET with the wildcard
		 * address; connect takes AF_UNSPEC as a disconnection.
		 */
		if (!bind || sk->sk_family != AF_INET ||
		    addrlen < (int)sizeof(*in) ||
		    in->sin_addr.s_addr != htonl(INADDR_ANY))
			return 0;
		port = in->sin_port;
		break;
	case AF_INET:
		if (addrlen < (int)sizeof(*in) || sk->sk_family != AF_INET)
			return -EINVAL;
		port = in->sin_port;
		if (bind)
			net->v4info.saddr = in->sin_addr.s_addr;
		else
			net->v4info.daddr = in->sin_addr.s_addr;
		break;
#if IS_ENABLED(CONFIG_IPV6)
	case AF_INET6:
		if (addrlen < SIN6_LEN_RFC2133 || sk->sk_family != AF_INET6)
			return -EINVAL;
		port = in6->sin6_port;
		if (bind)
			net->v6info.saddr = in6->sin6_addr;
		else
			net->v6info.daddr = in6->sin6_addr;
		break;
#endif /* IS_ENABLED(CONFIG_IPV6) */
	default:
		return 0;
	}
	net->family = addr->sa_family;
	if (bind)
		net->sport = port;
	else
		net->dport = port;
	return 1;
}

static int check_port(struct socket *const sock,
		      const struct sockaddr *const addr, const int addrlen,
		      const u32 access)
{
	const struct landlock_domain *const domain = landlock_current_domain();
	const bool bind = access == LANDLOCK_ACCESS_NET_BIND_TCP;
	struct lsm_network_audit net = {
		.sk = sock->sk,
	};
	struct landlock_denial denial = {
		.type = LL_BLOCKER_NET,
		.blockers = access,
		.object.type = LSM_AUDIT_DATA_NET,
		.object.u.net = &net,
	};
	struct landlock_request req;
	const struct landlock_dom_rule *rule;
	int err;

	if (!landlock_domain_handles(domain, LL_KEY_PORT))
		return 0;
	if (!sock->sk || !is_tcp(sock->sk))
		return 0;
	if (!landlock_request_init(&req, domain, LL_KEY_PORT, access))
		return 0;
	err = read_addr(sock->sk, addr, addrlen, bind, &net);
	if (err <= 0)
		return err;
	rule = landlock_domain_find(domain, LL_KEY_PORT,
				    ntohs(bind ? net.sport : net.dport));
	if (landlock_request_grant(&req, domain, rule))
		return 0;
	denial.layer = fls(req.layers) - 1;
	landlock_log_current(&denial);
	return -EACCES;
}

static int hook_socket_bind(struct socket *const sock,
			    struct sockaddr *const address, const int addrlen)
{
	return check_port(sock, address, addrlen, LANDLOCK_ACCESS_NET_BIND_TCP);
}

static int hook_socket_connect(struct socket *const sock,
			       struct sockaddr *const address,
			       const int addrlen)
{
	return check_port(sock, address, addrlen,
			  LANDLOCK_ACCESS_NET_CONNECT_TCP);
}

/*
 * TCP Fast Open connects from sendto(2) or sendmsg(2) with MSG_FASTOPEN
 * and a destination address, without going through the connect hook.
 */
static int hook_socket_sendmsg(struct socket *const sock,
			       struct msghdr *const msg, const int size)
{
	if (!(msg->msg_flags & MSG_FASTOPEN) || !msg->msg_name)
		return 0;
	return check_port(sock, msg->msg_name, msg->msg_namelen,
			  LANDLOCK_ACCESS_NET_CONNECT_TCP);
}

static struct security_hook_list net_hooks[] __lsm_ro_after_init = {
	LSM_HOOK_INIT(socket_bind, hook_socket_bind),
	LSM_HOOK_INIT(socket_connect, hook_socket_connect),
	LSM_HOOK_INIT(socket_sendmsg, hook_socket_sendmsg),
};

/**
 * landlock_add_net_hooks - Register the network hooks
 */
void __init landlock_add_net_hooks(void)
{
	security_add_hooks(net_hooks, ARRAY_SIZE(net_hooks), LANDLOCK_NAME);
}
