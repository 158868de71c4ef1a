/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Landlock: definitions shared by every part of the module
 */

#ifndef _SECURITY_LANDLOCK_COMMON_H
#define _SECURITY_LANDLOCK_COMMON_H

#include <linux/bits.h>
#include <linux/capability.h>
#include <uapi/linux/sched.h>
#include <linux/types.h>
#include <uapi/linux/landlock.h>

/* Highest ABI version whose features are all implemented. */
#define LANDLOCK_ABI_VERSION 12

/*
 * Errata (see LANDLOCK_CREATE_RULESET_ERRATA): erratum N is bit N - 1, and
 * is reported as fixed once the ABI version includes the feature it is
 * about.
 */
#define LL_ERRATUM_BIT(bit, since_abi) \
	(LANDLOCK_ABI_VERSION >= (since_abi) ? BIT(bit) : 0)
#define LANDLOCK_ERRATA                                                     \
	(LL_ERRATUM_BIT(0, 4) /* 1: TCP rights on other protocols */ |      \
	 LL_ERRATUM_BIT(1, 6) /* 2: signals between threads */ |            \
	 LL_ERRATUM_BIT(2, 1) /* 3: disconnected directories and REFER */ | \
	 LL_ERRATUM_BIT(3, 1) /* 4: whiteouts need MAKE_REG */)

/* A domain stacks at most this many rulesets. */
#define LANDLOCK_MAX_LAYERS 16

/*
 * Sets of access rights (filesystem or network) are u32 bitmaps: wider than
 * today's 17 filesystem rights, so that later rights fit without changing
 * any structure layout.  Sets of layers are u16 bitmaps, a bit per layer.
 */
static_assert(LANDLOCK_MAX_LAYERS <= 16);

#define LL_FS_LAST LANDLOCK_ACCESS_FS_RESOLVE_UNIX
#define LL_FS_ALL ((u32)((LL_FS_LAST << 1) - 1))

static_assert(LL_FS_ALL == (LL_FS_LAST << 1) - 1);

/* Rights that make sense on a non-directory file. */
#define LL_FS_FILE_RIGHTS                                                   \
	((u32)(LANDLOCK_ACCESS_FS_EXECUTE | LANDLOCK_ACCESS_FS_WRITE_FILE | \
	       LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_TRUNCATE | \
	       LANDLOCK_ACCESS_FS_IOCTL_DEV |                               \
	       LANDLOCK_ACCESS_FS_RESOLVE_UNIX))

/*
 * Rights decided when a file is opened, kept with the open file and
 * checked when it is used.
 */
#define LL_FS_OPEN_FILE_RIGHTS \
	((u32)(LANDLOCK_ACCESS_FS_TRUNCATE | LANDLOCK_ACCESS_FS_IOCTL_DEV))

#define LL_NET_LAST LANDLOCK_ACCESS_NET_CONNECT_SEND_UDP
#define LL_NET_ALL ((u32)((LL_NET_LAST << 1) - 1))

static_assert(LL_NET_ALL == (LL_NET_LAST << 1) - 1);

/* Flags of landlock_add_rule(). */
#define LL_ADD_RULE_FLAGS LANDLOCK_ADD_RULE_QUIET

/* Flags of landlock_restrict_self(). */
#define LL_RESTRICT_SELF_FLAGS                       \
	(LANDLOCK_RESTRICT_SELF_LOG_SAME_EXEC_OFF |  \
	 LANDLOCK_RESTRICT_SELF_LOG_NEW_EXEC_ON |    \
	 LANDLOCK_RESTRICT_SELF_LOG_SUBDOMAINS_OFF | \
	 LANDLOCK_RESTRICT_SELF_TSYNC | LANDLOCK_RESTRICT_SELF_NO_NEW_PRIVS)

#define LL_SCOPE_LAST LANDLOCK_SCOPE_SIGNAL
#define LL_SCOPE_ALL ((u32)((LL_SCOPE_LAST << 1) - 1))

static_assert(LL_SCOPE_ALL == (LL_SCOPE_LAST << 1) - 1);

/**
 * enum landlock_perm - Permissions, by bit index
 *
 * &struct landlock_ruleset_attr.handled_permissions bit N is
 * BIT(N) for the permission N of this list.
 *
 * @LL_PERM_NAMESPACE: %LANDLOCK_PERMISSION_NAMESPACE_USE, whose members are
 *                     namespace types (``CLONE_NEW...`` flags).
 * @LL_PERM_CAPABILITY: %LANDLOCK_PERMISSION_CAPABILITY_USE, whose members
 *                      are capabilities (bit N for capability N).
 * @LL_PERM_COUNT: Number of permissions.
 */
enum landlock_perm {
	LL_PERM_NAMESPACE,
	LL_PERM_CAPABILITY,
	LL_PERM_COUNT,
};

static_assert(BIT_ULL(LL_PERM_NAMESPACE) == LANDLOCK_PERMISSION_NAMESPACE_USE);
static_assert(BIT_ULL(LL_PERM_CAPABILITY) ==
	      LANDLOCK_PERMISSION_CAPABILITY_USE);

#define LL_PERM_ALL ((u32)(BIT(LL_PERM_COUNT) - 1))

/* Namespace types this kernel knows (CLONE_NS_ALL of later kernels). */
#define LL_NS_ALL                                                            \
	((u64)(CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC | \
	       CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWTIME))

/* Capabilities this kernel knows: bit N for capability N. */
#define LL_CAP_ALL GENMASK_ULL(CAP_LAST_CAP, 0)

static_assert(CAP_LAST_CAP < 64);

/**
 * enum landlock_key_type - What the rules of a table are tied to
 *
 * The key of a rule is a uintptr_t: the address of a &struct
 * landlock_object for %LL_KEY_INODE, a port number (host byte order) for
 * %LL_KEY_PORT.
 *
 * @LL_KEY_INODE: Rules tied to inodes, through a &struct landlock_object
 *                (filesystem rights).
 * @LL_KEY_PORT: Rules tied to a port number (network rights).
 * @LL_KEY_TYPES: Number of types.
 */
enum landlock_key_type {
	LL_KEY_INODE,
	LL_KEY_PORT,
	LL_KEY_TYPES,
};

#define LANDLOCK_NAME "landlock"

#endif /* _SECURITY_LANDLOCK_COMMON_H */
