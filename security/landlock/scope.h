/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Landlock: scopes, boundaries around a domain with no rules
 */

#ifndef _SECURITY_LANDLOCK_SCOPE_H
#define _SECURITY_LANDLOCK_SCOPE_H

#include <linux/init.h>

void __init landlock_add_scope_hooks(void);

#endif /* _SECURITY_LANDLOCK_SCOPE_H */
