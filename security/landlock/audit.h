/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Landlock: audit records of denials and of domains
 */

#ifndef _SECURITY_LANDLOCK_AUDIT_H
#define _SECURITY_LANDLOCK_AUDIT_H

#include <linux/audit.h>
#include <linux/lsm_audit.h>
#include <linux/types.h>

#include "domain.h"
#include "trace.h"

/**
 * enum landlock_blocker - What a denial is about
 *
 * @LL_BLOCKER_FS: Filesystem rights (&landlock_denial.blockers).
 * @LL_BLOCKER_NET: Network rights.
 * @LL_BLOCKER_SCOPE: Scopes.
 * @LL_BLOCKER_TOPOLOGY: A change of the mount topology.
 * @LL_BLOCKER_PTRACE: Tracing a task outside of the domain.
 * @LL_BLOCKER_NAMESPACE: Creating or joining a namespace
 *                        (%LANDLOCK_PERMISSION_NAMESPACE_USE).
 * @LL_BLOCKER_CAPABILITY: Using a capability
 *                         (%LANDLOCK_PERMISSION_CAPABILITY_USE).
 */
enum landlock_blocker {
	LL_BLOCKER_FS,
	LL_BLOCKER_NET,
	LL_BLOCKER_SCOPE,
	LL_BLOCKER_TOPOLOGY,
	LL_BLOCKER_PTRACE,
	LL_BLOCKER_NAMESPACE,
	LL_BLOCKER_CAPABILITY,
};

/**
 * struct landlock_denial - A denied access, as it is logged
 */
struct landlock_denial {
	/** @type: Kind of @blockers. */
	enum landlock_blocker type;
	/** @blockers: Rights or scopes missing in @layer (for fs, net, scope). */
	u32 blockers;
	/** @layer: Youngest layer of the domain that denied the access. */
	u32 layer;
	/**
	 * @quiet_layers: Layers that mark the object quiet (a bit per layer;
	 * all of them for scopes, which need no mark).
	 */
	u16 quiet_layers;
	/**
	 * @member: For a permission, the member denied, as a bit: namespace
	 * type (``CLONE_NEW...`` flag) or BIT_ULL(capability).
	 */
	u64 member;
	/**
	 * @ns_id: For a namespace, the number logged as its ID: 0 for a new
	 * one, the inode number of its namespace file for one being joined.
	 */
	u64 ns_id;
	/** @object: What the access was about, for audit_log_lsm_data(). */
	struct common_audit_data object;
};

/**
 * struct landlock_details - Context of a domain's creation, for its record
 */
struct landlock_details {
	/** @pid: Thread group of the task that created the domain. */
	pid_t pid;
	/** @uid: Its user ID, in the initial user namespace. */
	uid_t uid;
	/** @comm: Its command name. */
	char comm[TASK_COMM_LEN];
	/** @exe: Path of its executable ("" if unknown). */
	char exe[];
};

#ifdef CONFIG_AUDIT

void landlock_audit_denial(const struct landlock_domain *domain,
			   u16 exec_layers,
			   const struct landlock_denial *denial);
bool landlock_denial_logged(const struct landlock_domain *domain,
			    u16 exec_layers,
			    const struct landlock_denial *denial);
void landlock_log_drop(struct landlock_hier *hier);
bool landlock_is_quiet(const struct landlock_domain *domain,
		       const struct landlock_denial *denial);
struct landlock_details *landlock_get_details(void);

#else /* CONFIG_AUDIT */

static inline void
landlock_audit_denial(const struct landlock_domain *const domain,
		      const u16 exec_layers,
		      const struct landlock_denial *const denial)
{
}

static inline bool
landlock_denial_logged(const struct landlock_domain *const domain,
		       const u16 exec_layers,
		       const struct landlock_denial *const denial)
{
	return false;
}

static inline void landlock_log_drop(struct landlock_hier *const hier)
{
}

static inline struct landlock_details *landlock_get_details(void)
{
	return NULL;
}

#endif /* CONFIG_AUDIT */

/**
 * landlock_log_denial - Trace a denial, count it and log it
 * @domain: Domain of the denied task.
 * @exec_layers: Layers of @domain created by the program the task runs
 *               (see &landlock_cred_sec.exec_layers).
 * @denial: The denial.
 *
 * Callable in atomic context.
 */
static inline void
landlock_log_denial(const struct landlock_domain *const domain,
		    const u16 exec_layers,
		    const struct landlock_denial *const denial)
{
	landlock_trace_denial(domain, exec_layers, denial);
	landlock_audit_denial(domain, exec_layers, denial);
}

/**
 * landlock_log_current - Trace, count and log a denial of the current task
 * @denial: The denial, with @denial->layer a layer of the current domain.
 */
static inline void landlock_log_current(const struct landlock_denial *denial)
{
	const struct landlock_cred_sec *const sec =
		landlock_cred(current_cred());

	landlock_log_denial(sec->domain, sec->exec_layers, denial);
}

#endif /* _SECURITY_LANDLOCK_AUDIT_H */
