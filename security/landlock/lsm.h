/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Landlock: registration with the LSM framework
 */

#ifndef _SECURITY_LANDLOCK_LSM_H
#define _SECURITY_LANDLOCK_LSM_H

#include <linux/cache.h>
#include <linux/lsm_hooks.h>

/* Offsets of our blobs, filled in by the LSM framework at boot. */
extern struct lsm_blob_sizes landlock_blobs __ro_after_init;

/* True once Landlock registered its hooks (i.e. it is enabled at boot). */
extern bool landlock_enabled __ro_after_init;

#endif /* _SECURITY_LANDLOCK_LSM_H */
