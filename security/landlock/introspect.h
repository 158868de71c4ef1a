/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Landlock: description of a thread's domain in /proc
 */

#ifndef _SECURITY_LANDLOCK_INTROSPECT_H
#define _SECURITY_LANDLOCK_INTROSPECT_H

#include <linux/init.h>
#include <linux/types.h>

#include "domain.h"

size_t landlock_describe_domain(const struct landlock_domain *domain, char *buf,
				size_t size);
void __init landlock_add_introspect_hooks(void);

#endif /* _SECURITY_LANDLOCK_INTROSPECT_H */
