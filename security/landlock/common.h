/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Landlock: definitions shared by every part of the module
 */

#ifndef _SECURITY_LANDLOCK_COMMON_H
#define _SECURITY_LANDLOCK_COMMON_H

#include <linux/bits.h>
#include <linux/types.h>
#include <uapi/linux/landlock.h>

/* Highest ABI version whose features are all implemented. */
#define LANDLOCK_ABI_VERSION 3

/*
 * Errata (see LANDLOCK_CREATE_RULESET_ERRATA): erratum @n is reported as
 * fixed when the ABI version includes the feature it is about.
 */
#define LL_ERRATUM(n, since_abi)                                             \
	(LANDLOCK_ABI_VERSION >= (since_abi) ? BIT((n) - 1) : 0)
#define LANDLOCK_ERRATA                                                      \
	(LL_ERRATUM(1, 4) | LL_ERRATUM(2, 6) | LL_ERRATUM(3, 1))

/* A domain stacks at most this many rulesets. */
#define LANDLOCK_MAX_LAYERS 16

/*
 * Set of access rights of one kind (filesystem for now).  The type is wider
 * than today's 15 filesystem rights so that later rights fit without
 * changing any structure layout.
 */
typedef u32 ll_access_t;

/* Bitmap of layers, one bit per layer of a domain. */
typedef u16 ll_layers_t;

static_assert(BITS_PER_TYPE(ll_layers_t) >= LANDLOCK_MAX_LAYERS);

#define LL_FS_LAST LANDLOCK_ACCESS_FS_TRUNCATE
#define LL_FS_ALL ((ll_access_t)((LL_FS_LAST << 1) - 1))

static_assert(LL_FS_LAST <= BIT_ULL(BITS_PER_TYPE(ll_access_t) - 1));

/* Rights that make sense on a non-directory file. */
#define LL_FS_FILE_RIGHTS                                                    \
	((ll_access_t)(LANDLOCK_ACCESS_FS_EXECUTE |                          \
		       LANDLOCK_ACCESS_FS_WRITE_FILE |                       \
		       LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_TRUNCATE))

/*
 * Rights decided when a file is opened, kept with the open file and
 * checked when it is used.
 */
#define LL_FS_OPEN_FILE_RIGHTS ((ll_access_t)LANDLOCK_ACCESS_FS_TRUNCATE)

#define LANDLOCK_NAME "landlock"

#endif /* _SECURITY_LANDLOCK_COMMON_H */
