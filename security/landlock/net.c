// SPDX-License-Identifier: GPL-2.0-only
/*
 * Landlock: network access control
 *
 * Only TCP sockets, IPv4 and IPv6, are restricted.  The hooks run before
 * the network stack looks at the address: for an address that the stack
 * will refuse anyway (too short, wrong family), they let the stack report
 * its own error rather than EACCES, and they only decode the port when the
 * stack would go on and use it.
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
 * Finds the port that bind(2) or connect(2) is about to use on a TCP
 * socket.  Returns false if the stack will not use any port: it will fail
 * on its own, or it is an AF_UNSPEC connect, which disconnects.
 */
static bool get_port(const struct sock *const sk,
		     const struct sockaddr *const addr, const int addrlen,
		     const bool bind, __be16 *const port)
{
	const sa_family_t family = sk->sk_family;

	if (addrlen < (int)offsetofend(struct sockaddr, sa_family))
		return false;

	if (family == AF_INET) {
		const struct sockaddr_in *const in = (const void *)addr;

		if (addrlen < (int)sizeof(*in))
			return false;
		/*
		 * IPv4 bind accepts AF_UNSPEC as AF_INET with the wildcard
		 * address; connect takes AF_UNSPEC as a disconnection.
		 */
		if (in->sin_family == AF_UNSPEC && bind &&
		    in->sin_addr.s_addr == htonl(INADDR_ANY)) {
			*port = in->sin_port;
			return true;
		}
		if (in->sin_family != AF_INET)
			return false;
		*port = in->sin_port;
		return true;
	}

	if (IS_ENABLED(CONFIG_IPV6) && family == AF_INET6) {
		const struct sockaddr_in6 *const in6 = (const void *)addr;

		if (addrlen < SIN6_LEN_RFC2133 || in6->sin6_family != AF_INET6)
			return false;
		*port = in6->sin6_port;
		return true;
	}
	return false;
}

/* Logs the denial of @access (a single right) on @port. */
static void log_port(const struct sock *const sk,
		     const struct landlock_request *const req, const u32 access,
		     const __be16 port)
{
	struct lsm_network_audit net = {
		.family = sk->sk_family,
	};
	struct landlock_denial denial = {
		.type = LL_BLOCKER_NET,
		.blockers = access,
		.layer = fls(req->layers) - 1,
		.object.type = LSM_AUDIT_DATA_NET,
		.object.u.net = &net,
	};

	if (!landlock_audit_on())
		return;
	if (access == LANDLOCK_ACCESS_NET_BIND_TCP)
		net.sport = port;
	else
		net.dport = port;
	landlock_log_current(&denial);
}

static int check_port(struct socket *const sock,
		      const struct sockaddr *const addr, const int addrlen,
		      const u32 access)
{
	const struct landlock_domain *const domain = landlock_current_domain();
	struct landlock_request req;
	__be16 port;

	if (!landlock_domain_handles(domain, LL_KEY_PORT))
		return 0;
	if (!sock->sk || !is_tcp(sock->sk))
		return 0;
	if (!landlock_request_init(&req, domain, LL_KEY_PORT, access))
		return 0;
	if (!get_port(sock->sk, addr, addrlen,
		      access == LANDLOCK_ACCESS_NET_BIND_TCP, &port))
		return 0;
	if (landlock_request_grant(&req, domain,
				   landlock_domain_find(domain, LL_KEY_PORT,
							ntohs(port))))
		return 0;
	log_port(sock->sk, &req, access, port);
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
