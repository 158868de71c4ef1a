// SPDX-License-Identifier: GPL-2.0-only
/*
 * Landlock: permissions, namespace types and capabilities
 *
 * A layer that handles a permission denies each of its members (namespace
 * types for %LANDLOCK_PERMISSION_NAMESPACE_USE, capabilities for
 * %LANDLOCK_PERMISSION_CAPABILITY_USE) that its rules do not allow.  The
 * checks only ever turn an allowed operation into a denied one:
 *
 * - namespaces, before the current task allocates one (namespace_init:
 *   clone, clone3, unshare, anonymous mount namespaces) or joins one
 *   (namespace_install: setns), after the kernel's own capability checks
 *   on creation and before them on setns;
 * - capabilities, in the capable hook, which runs after the capability
 *   module's: for any capability check of any credentials, whatever user
 *   namespace it is about.
 */

#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/lsm_audit.h>
#include <linux/lsm_hooks.h>
#include <linux/ns_common.h>
#include <linux/proc_ns.h>
#include <linux/security.h>

#include "audit.h"
#include "common.h"
#include "domain.h"
#include "perm.h"

/*
 * Counts and logs the denial of @member by @layer of the domain of @sec,
 * whose record describes @object.
 */
static void log_perm(const struct landlock_cred_sec *const sec,
		     const enum landlock_blocker type, const int layer,
		     const u64 member, const u64 ns_id,
		     const struct common_audit_data *const object)
{
	struct landlock_denial denial = {
		.type = type,
		.layer = layer,
		/* Permissions need no mark to be quiet. */
		.quiet_layers = U16_MAX,
		.member = member,
		.ns_id = ns_id,
		.object = *object,
	};

	landlock_log_denial(sec->domain, sec->exec_layers, &denial);
}

/*
 * Whether the current task may acquire a namespace of @type (a CLONE_NEW*
 * flag); @ns_id is what the audit record shows as its ID.
 */
static int check_namespace(const int type, const u64 ns_id)
{
	const struct landlock_cred_sec *const sec =
		landlock_cred(current_cred());
	const struct common_audit_data object = {
		.type = LSM_AUDIT_DATA_NONE,
	};
	int layer;

	layer = landlock_perm_denier(sec->domain, LL_PERM_NAMESPACE, (u32)type);
	if (layer < 0)
		return 0;
	log_perm(sec, LL_BLOCKER_NAMESPACE, layer, (u32)type, ns_id, &object);
	return -EPERM;
}

/*
 * A new namespace has no number yet (this kernel has no namespace IDs, and
 * the inode number is allocated later): its records show 0.
 */
static int hook_namespace_init(const int type,
			       struct user_namespace *const user_ns)
{
	return check_namespace(type, 0);
}

/*
 * This kernel has no namespace IDs: the records show the inode number of
 * the namespace file instead, which /proc/PID/ns/ links and stat(2) of a
 * namespace file show.
 */
static int hook_namespace_install(const struct nsset *const nsset,
				  struct ns_common *const ns)
{
	return check_namespace(ns->ops->type, ns->inum);
}

/*
 * Called after the capability module's own check (the first module),
 * only if it granted @cap.
 */
static int hook_capable(const struct cred *const cred,
			struct user_namespace *const ns, const int cap,
			const unsigned int opts)
{
	const struct landlock_cred_sec *const sec = landlock_cred(cred);
	const u64 member = cap >= 0 && cap < 64 ? BIT_ULL(cap) : 0;
	struct common_audit_data object;
	int layer;

	layer = landlock_perm_denier(sec->domain, LL_PERM_CAPABILITY, member);
	if (layer < 0)
		return 0;
	/*
	 * Probes (such as the privilege check of landlock_restrict_self())
	 * ask not to be logged: they are not counted either.
	 */
	if (!(opts & CAP_OPT_NOAUDIT)) {
		object.type = LSM_AUDIT_DATA_CAP;
		object.u.cap = cap;
		log_perm(sec, LL_BLOCKER_CAPABILITY, layer, member, 0, &object);
	}
	return -EPERM;
}

static struct security_hook_list perm_hooks[] __lsm_ro_after_init = {
	LSM_HOOK_INIT(namespace_init, hook_namespace_init),
	LSM_HOOK_INIT(namespace_install, hook_namespace_install),
	LSM_HOOK_INIT(capable, hook_capable),
};

/**
 * landlock_add_perm_hooks - Register the hooks of the permissions
 */
void __init landlock_add_perm_hooks(void)
{
	security_add_hooks(perm_hooks, ARRAY_SIZE(perm_hooks), LANDLOCK_NAME);
}
