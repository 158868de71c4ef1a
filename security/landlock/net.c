// SPDX-License-Identifier: GPL-2.0-only
/*
 * Landlock: network access control
 *
 * Only TCP and UDP sockets, IPv4 and IPv6, are restricted, by port.  The
 * hooks run before the network stack looks at the address: a malformed IP
 * address is refused with EINVAL rather than EACCES, an address the stack
 * refuses on its own is left to it, and the port is only checked when the
 * stack would go on and use it.
 *
 * An unbound UDP socket that connects or sends gets bound to an ephemeral
 * port by the stack (autobind): that is checked as a bind to port 0, once
 * the destination was allowed.
 */

#include <linux/in.h>
#include <linux/in6.h>
#include <linux/lsm_audit.h>
#include <linux/lsm_hooks.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <net/inet_sock.h>
#include <net/ipv6.h>
#include <net/sock.h>

#include "audit.h"
#include "common.h"
#include "domain.h"
#include "net.h"
#include "trace.h"

static bool is_inet(const struct sock *const sk)
{
	return sk->sk_family == AF_INET || sk->sk_family == AF_INET6;
}

static bool is_tcp(const struct sock *const sk)
{
	return is_inet(sk) && sk->sk_type == SOCK_STREAM &&
	       sk->sk_protocol == IPPROTO_TCP;
}

/* UDP proper: not UDP-Lite, which is also a SOCK_DGRAM protocol. */
static bool is_udp(const struct sock *const sk)
{
	return is_inet(sk) && sk->sk_type == SOCK_DGRAM &&
	       sk->sk_protocol == IPPROTO_UDP;
}

/* The right that @op needs on @sk, or 0 if Landlock does not restrict it. */
static u32 op_right(const struct sock *const sk, const enum landlock_net_op op)
{
	if (is_tcp(sk))
		return op == LL_NET_BIND ? LANDLOCK_ACCESS_NET_BIND_TCP :
					   LANDLOCK_ACCESS_NET_CONNECT_TCP;
	if (is_udp(sk))
		return op == LL_NET_BIND ? LANDLOCK_ACCESS_NET_BIND_UDP :
					   LANDLOCK_ACCESS_NET_CONNECT_SEND_UDP;
	return 0;
}

/*
 * AF_UNSPEC as the address of an operation on @sk: an IPv4 bind takes it
 * as AF_INET with the wildcard address, a connect as a disconnection.  A
 * datagram sent to an AF_UNSPEC address goes to an IPv4 address for an
 * IPv4 socket; for an IPv6 socket, whose family may change at any time,
 * it is denied.
 */
static int read_unspec(const struct sock *const sk,
		       const struct sockaddr_in *const in, const int addrlen,
		       const enum landlock_net_op op, __be16 *const port)
{
	switch (op) {
	case LL_NET_CONNECT:
		return LL_ADDR_IGNORED;
	case LL_NET_BIND:
		/* Anything else, the stack refuses on its own. */
		if (sk->sk_family != AF_INET || addrlen < (int)sizeof(*in) ||
		    in->sin_addr.s_addr != htonl(INADDR_ANY))
			return LL_ADDR_IGNORED;
		break;
	case LL_NET_SEND:
		if (sk->sk_family != AF_INET)
			return LL_ADDR_DENIED;
		if (addrlen < (int)sizeof(*in))
			return -EINVAL;
		break;
	}
	*port = in->sin_port;
	return LL_ADDR_CHECKED;
}

/**
 * landlock_net_read_addr - Read the address of a socket operation
 * @sk: Socket, TCP or UDP.
 * @addr: Address given to the operation.
 * @addrlen: Its length.
 * @op: The operation.
 * @net: Filled with the family, port and IP address (network byte order)
 *       for the records.
 *
 * Return: an &enum landlock_addr_verdict, or -EINVAL for an IP address too
 * short for its family or of the other IP family, so that such a request
 * fails the same way whatever the rules.
 */
int landlock_net_read_addr(const struct sock *const sk,
			   const struct sockaddr *const addr, const int addrlen,
			   const enum landlock_net_op op,
			   struct lsm_network_audit *const net)
{
	const struct sockaddr_in *const in = (const void *)addr;
	const struct sockaddr_in6 *const in6 = (const void *)addr;
	const bool bind = op == LL_NET_BIND;
	__be16 port;
	int verdict = LL_ADDR_CHECKED;

	if (addrlen < (int)offsetofend(struct sockaddr, sa_family))
		return -EINVAL;

	switch (addr->sa_family) {
	case AF_UNSPEC:
		verdict = read_unspec(sk, in, addrlen, op, &port);
		if (verdict != LL_ADDR_CHECKED)
			return verdict;
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
		return LL_ADDR_IGNORED;
	}
	net->family = addr->sa_family;
	if (bind)
		net->sport = port;
	else
		net->dport = port;
	return verdict;
}

/*
 * Checks @access (a single right) for @port, host byte order, in the
 * current domain; logs a denial about @net.  @deny: denied whatever the
 * rules.
 */
static int check_port(const struct landlock_domain *const domain,
		      const u32 access, const u16 port, const bool deny,
		      struct lsm_network_audit *const net)
{
	struct landlock_denial denial = {
		.type = LL_BLOCKER_NET,
		.blockers = access,
		.object.type = LSM_AUDIT_DATA_NET,
		.object.u.net = net,
	};
	struct landlock_request req;
	const struct landlock_dom_rule *rule;
	bool granted;

	if (!landlock_request_init(&req, domain, LL_KEY_PORT, access))
		return 0;
	/* Without a rule, landlock_request_grant() only tells what is missing. */
	rule = deny ? NULL : landlock_domain_find(domain, LL_KEY_PORT, port);
	granted = landlock_request_grant(&req, domain, rule);
	trace_landlock_check_rule_net_port(domain, &req, rule, port);
	if (granted)
		return 0;
	denial.layer = fls(req.layers) - 1;
	denial.quiet_layers = req.quiet;
	landlock_log_current(&denial);
	return -EACCES;
}

/*
 * The implicit bind of an unbound UDP socket that connects or sends: a bind
 * to port 0, which the records show without address nor port.
 */
static int check_autobind(const struct landlock_domain *const domain,
			  struct sock *const sk)
{
	struct lsm_network_audit net = {
		.sk = sk,
		.family = sk->sk_family,
	};

	if (!is_udp(sk) || READ_ONCE(inet_sk(sk)->inet_num))
		return 0;
	return check_port(domain, LANDLOCK_ACCESS_NET_BIND_UDP, 0, false, &net);
}

/*
 * Checks @op on @sock, to or from @addr (of @addrlen bytes), in a domain
 * that handles network rights.
 */
static int check_addr(const struct landlock_domain *const domain,
		      struct socket *const sock,
		      const struct sockaddr *const addr, const int addrlen,
		      const enum landlock_net_op op)
{
	struct lsm_network_audit net = {
		.sk = sock->sk,
	};
	const u32 access = op_right(sock->sk, op);
	int verdict, err;

	if (access && (domain->handled_any[LL_KEY_PORT] & access)) {
		verdict = landlock_net_read_addr(sock->sk, addr, addrlen, op,
						 &net);
		if (verdict < 0)
			return verdict;
		if (verdict != LL_ADDR_IGNORED) {
			err = check_port(domain, access,
					 ntohs(op == LL_NET_BIND ? net.sport :
								   net.dport),
					 verdict == LL_ADDR_DENIED, &net);
			if (err)
				return err;
		}
	}
	if (op == LL_NET_BIND)
		return 0;
	/*
	 * The stack refuses a connect without a family; an AF_UNSPEC one
	 * disconnects, and binds nothing.
	 */
	if (op == LL_NET_CONNECT &&
	    (addrlen < (int)offsetofend(struct sockaddr, sa_family) ||
	     addr->sa_family == AF_UNSPEC))
		return 0;
	return check_autobind(domain, sock->sk);
}

static int hook_socket_bind(struct socket *const sock,
			    struct sockaddr *const address, const int addrlen)
{
	const struct landlock_domain *const domain = landlock_current_domain();

	if (!landlock_domain_handles(domain, LL_KEY_PORT) || !sock->sk)
		return 0;
	return check_addr(domain, sock, address, addrlen, LL_NET_BIND);
}

static int hook_socket_connect(struct socket *const sock,
			       struct sockaddr *const address,
			       const int addrlen)
{
	const struct landlock_domain *const domain = landlock_current_domain();

	if (!landlock_domain_handles(domain, LL_KEY_PORT) || !sock->sk)
		return 0;
	return check_addr(domain, sock, address, addrlen, LL_NET_CONNECT);
}

/*
 * A datagram sent with an address needs the right to send to it; TCP Fast
 * Open connects from sendto(2) or sendmsg(2) with MSG_FASTOPEN and a
 * destination address, without going through the connect hook.  Any send
 * on an unbound UDP socket binds it.
 */
static int hook_socket_sendmsg(struct socket *const sock,
			       struct msghdr *const msg, const int size)
{
	const struct landlock_domain *const domain = landlock_current_domain();
	struct sock *const sk = sock->sk;

	if (!landlock_domain_handles(domain, LL_KEY_PORT) || !sk)
		return 0;
	if (is_tcp(sk)) {
		if (!(msg->msg_flags & MSG_FASTOPEN) || !msg->msg_name)
			return 0;
		return check_addr(domain, sock, msg->msg_name, msg->msg_namelen,
				  LL_NET_CONNECT);
	}
	if (!is_udp(sk))
		return 0;
	if (!msg->msg_name)
		return check_autobind(domain, sk);
	return check_addr(domain, sock, msg->msg_name, msg->msg_namelen,
			  LL_NET_SEND);
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
