/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Landlock: domain IDs
 */

#ifndef _SECURITY_LANDLOCK_ID_H
#define _SECURITY_LANDLOCK_ID_H

#include <linux/types.h>

u64 landlock_new_domain_id(void);
u64 landlock_new_ruleset_id(void);

#endif /* _SECURITY_LANDLOCK_ID_H */
