/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Landlock: permissions, namespace types and capabilities
 */

#ifndef _SECURITY_LANDLOCK_PERM_H
#define _SECURITY_LANDLOCK_PERM_H

#include <linux/init.h>

void __init landlock_add_perm_hooks(void);

#endif /* _SECURITY_LANDLOCK_PERM_H */
