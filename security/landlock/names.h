/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Landlock: names of the access rights and scopes
 */

#ifndef _SECURITY_LANDLOCK_NAMES_H
#define _SECURITY_LANDLOCK_NAMES_H

#include <linux/bitops.h>

#include "common.h"

#define LL_FS_COUNT __const_hweight32(LL_FS_ALL)
#define LL_NET_COUNT __const_hweight32(LL_NET_ALL)
#define LL_SCOPE_COUNT __const_hweight32(LL_SCOPE_ALL)

/*
 * Names of the rights and scopes, in bit order.  Audit records and
 * /proc/PID/attr/landlock/current show them with a prefix: "fs.", "net."
 * or "scope.".  They are part of the user-space interface: never rename
 * one.  Each table has one name per bit of LL_*_ALL (LL_*_COUNT names).
 */
extern const char *const landlock_fs_names[];
extern const char *const landlock_net_names[];
extern const char *const landlock_scope_names[];

#endif /* _SECURITY_LANDLOCK_NAMES_H */
