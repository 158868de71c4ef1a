/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Landlock: network access control
 */

#ifndef _SECURITY_LANDLOCK_NET_H
#define _SECURITY_LANDLOCK_NET_H

#include <linux/init.h>
#include <linux/lsm_audit.h>
#include <linux/socket.h>

struct sock;

/**
 * enum landlock_net_op - What a socket operation does with an address
 *
 * @LL_NET_BIND: bind(2).
 * @LL_NET_CONNECT: connect(2).
 * @LL_NET_SEND: sendmsg(2) and the like, with an explicit destination.
 */
enum landlock_net_op {
	LL_NET_BIND,
	LL_NET_CONNECT,
	LL_NET_SEND,
};

/**
 * enum landlock_addr_verdict - What landlock_net_read_addr() found
 *
 * @LL_ADDR_IGNORED: The stack will not use any port: nothing to check.
 * @LL_ADDR_CHECKED: The port must be checked.
 * @LL_ADDR_DENIED: Denied whatever the rules.
 */
enum landlock_addr_verdict {
	LL_ADDR_IGNORED,
	LL_ADDR_CHECKED,
	LL_ADDR_DENIED,
};

#if IS_ENABLED(CONFIG_INET)
int landlock_net_read_addr(const struct sock *sk, const struct sockaddr *addr,
			   int addrlen, enum landlock_net_op op,
			   struct lsm_network_audit *net);
void __init landlock_add_net_hooks(void);
#else
static inline void landlock_add_net_hooks(void)
{
}
#endif

#endif /* _SECURITY_LANDLOCK_NET_H */
