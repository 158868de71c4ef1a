// SPDX-License-Identifier: GPL-2.0-only
/*
 * Landlock: audit records of denials and of domains
 *
 * A denial is logged as an AUDIT_LANDLOCK_ACCESS record naming the domain
 * (the ID of the youngest layer that denied it), what was missing, and the
 * object.  The first logged denial of a layer is preceded by an
 * AUDIT_LANDLOCK_DOMAIN record describing who created it; once such a
 * record was logged, the release of the layer is logged too, with the
 * number of its logged denials.
 *
 * Whether a denial is logged depends on the flags given to
 * landlock_restrict_self() when the layer was created, and on whether the
 * denied task still runs the program that created it.
 */

#include <linux/atomic.h>
#include <linux/audit.h>
#include <linux/bitops.h>
#include <linux/cred.h>
#include <linux/file.h>
#include <linux/lsm_audit.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/uidgid.h>

#include "audit.h"
#include "common.h"
#include "domain.h"
#include "names.h"

static void log_names(struct audit_buffer *const ab, const char *const prefix,
		      const char *const *const names, const size_t nr_names,
		      const u32 bits, bool *const first)
{
	unsigned long mask = bits;
	unsigned int bit;

	for_each_set_bit(bit, &mask, nr_names) {
		audit_log_format(ab, "%s%s.%s", *first ? "" : ",", prefix,
				 names[bit]);
		*first = false;
	}
}

static void log_blockers(struct audit_buffer *const ab,
			 const struct landlock_denial *const denial)
{
	bool first = true;

	switch (denial->type) {
	case LL_BLOCKER_FS:
		log_names(ab, "fs", landlock_fs_names, LL_FS_COUNT,
			  denial->blockers, &first);
		break;
	case LL_BLOCKER_NET:
		log_names(ab, "net", landlock_net_names, LL_NET_COUNT,
			  denial->blockers, &first);
		break;
	case LL_BLOCKER_SCOPE:
		log_names(ab, "scope", landlock_scope_names, LL_SCOPE_COUNT,
			  denial->blockers, &first);
		break;
	case LL_BLOCKER_TOPOLOGY:
		audit_log_format(ab, "fs.change_topology");
		break;
	case LL_BLOCKER_PTRACE:
		audit_log_format(ab, "ptrace");
		break;
	case LL_BLOCKER_NAMESPACE:
		audit_log_format(ab, "namespace.use");
		break;
	case LL_BLOCKER_CAPABILITY:
		audit_log_format(ab, "capability.use");
		break;
	}
}

/*
 * Logs the creation of the layer of @hier, once: concurrent first denials
 * race for @hier->announced.
 */
static void log_domain_created(struct landlock_hier *const hier)
{
	const struct landlock_details *const details = hier->details;
	struct audit_buffer *ab;

	if (atomic_xchg(&hier->announced, 1))
		return;
	ab = audit_log_start(audit_context(), GFP_ATOMIC | __GFP_NOWARN,
			     AUDIT_LANDLOCK_DOMAIN);
	if (!ab) {
		/* Filtered out, or out of memory: the next denial retries. */
		atomic_set(&hier->announced, 0);
		return;
	}
	audit_log_format(ab, "domain=%llx status=allocated mode=enforcing",
			 hier->id);
	audit_log_format(ab, " pid=%d uid=%u exe=", details->pid, details->uid);
	audit_log_untrustedstring(ab, details->exe);
	audit_log_format(ab, " comm=");
	audit_log_untrustedstring(ab, details->comm);
	audit_log_end(ab);
}

/**
 * landlock_is_quiet - Whether a denial is quiet
 * @domain: Domain that made the denial.
 * @denial: The denial.
 *
 * Only the youngest layer that denied an access decides: a quiet setting of
 * another layer never hides its denials.
 *
 * Return: true if the object is marked quiet in the layer that denied the
 * access, and every right (or scope) it misses is in that layer's quiet
 * mask of the same type; for a permission (which needs no mark), if the
 * member is in that layer's quiet set.
 */
bool landlock_is_quiet(const struct landlock_domain *const domain,
		       const struct landlock_denial *const denial)
{
	u32 quiet;

	if (!(denial->quiet_layers & BIT(denial->layer)))
		return false;
	switch (denial->type) {
	case LL_BLOCKER_FS:
		quiet = domain->quiet[LL_KEY_INODE][denial->layer];
		break;
	case LL_BLOCKER_NET:
		quiet = domain->quiet[LL_KEY_PORT][denial->layer];
		break;
	case LL_BLOCKER_SCOPE:
		quiet = domain->quiet_scoped[denial->layer];
		break;
	case LL_BLOCKER_NAMESPACE:
		return domain->perm_quiet[LL_PERM_NAMESPACE][denial->layer] &
		       denial->member;
	case LL_BLOCKER_CAPABILITY:
		return domain->perm_quiet[LL_PERM_CAPABILITY][denial->layer] &
		       denial->member;
	default:
		return false;
	}
	return !(denial->blockers & ~quiet);
}

/* Whether the denials of @hier by a task running @same_exec are logged. */
static bool is_logged(const struct landlock_hier *const hier,
		      const bool same_exec)
{
	return same_exec ? hier->log_same_exec : hier->log_new_exec;
}

/**
 * landlock_denial_logged - Whether a denial is to be logged
 * @domain: Domain of the denied task.
 * @exec_layers: Layers of @domain created by the program the task runs
 *               (see &landlock_cred_sec.exec_layers).
 * @denial: The denial, with @denial->layer a layer of @domain.
 *
 * Return: true if the flags of the layer that denied the access log its
 * denials for the program the task runs, and the denial is not quiet;
 * whether audit is enabled or not.
 */
bool landlock_denial_logged(const struct landlock_domain *const domain,
			    const u16 exec_layers,
			    const struct landlock_denial *const denial)
{
	const struct landlock_hier *const hier =
		landlock_layer_hier(domain, denial->layer);

	return hier->details &&
	       is_logged(hier, exec_layers & BIT(denial->layer)) &&
	       !landlock_is_quiet(domain, denial);
}

/**
 * landlock_audit_denial - Count a denial, and log it if its layer says so
 * @domain: Domain of the denied task.
 * @exec_layers: Layers of @domain created by the program the task runs
 *               (see &landlock_cred_sec.exec_layers).
 * @denial: The denial.
 *
 * Every denial counts in the number of denials of its layer that the
 * release record shows, whether it is logged or not (audit off, filtered
 * out, silenced by the layer's flags, or quiet).  The record of the denial comes
 * first; the record of the layer's creation follows the first one.
 *
 * Callable in atomic context.
 */
void landlock_audit_denial(const struct landlock_domain *const domain,
			   const u16 exec_layers,
			   const struct landlock_denial *const denial)
{
	struct landlock_hier *hier;
	struct audit_buffer *ab;

	if (!domain || denial->layer >= domain->nr_layers)
		return;
	hier = landlock_layer_hier(domain, denial->layer);
	/* Never logged: nobody will ever read the count either. */
	if (!hier->details)
		return;
	atomic64_inc(&hier->denials);
	if (!audit_enabled ||
	    !landlock_denial_logged(domain, exec_layers, denial))
		return;

	ab = audit_log_start(audit_context(), GFP_ATOMIC | __GFP_NOWARN,
			     AUDIT_LANDLOCK_ACCESS);
	if (!ab)
		return;
	audit_log_format(ab, "domain=%llx blockers=", hier->id);
	log_blockers(ab, denial);
	audit_log_lsm_data(ab, &denial->object);
	/* No LSM_AUDIT_DATA_NS in this kernel: the fields are ours. */
	if (denial->type == LL_BLOCKER_NAMESPACE)
		audit_log_format(ab, " namespace_type=0x%x namespace_id=%llu",
				 (u32)denial->member, denial->ns_id);
	audit_log_end(ab);

	log_domain_created(hier);
}

/**
 * landlock_log_drop - Log the release of a layer
 * @hier: Node of the layer, no longer referred to.
 *
 * Only a layer whose creation was logged gets a record.
 */
void landlock_log_drop(struct landlock_hier *const hier)
{
	struct audit_buffer *ab;

	if (!audit_enabled || !atomic_read(&hier->announced))
		return;
	/* Never wait for the audit daemon here: called from a workqueue. */
	ab = audit_log_start(audit_context(), GFP_ATOMIC | __GFP_NOWARN,
			     AUDIT_LANDLOCK_DOMAIN);
	if (!ab)
		return;
	audit_log_format(ab, "domain=%llx status=deallocated denials=%llu",
			 hier->id, (u64)atomic64_read(&hier->denials));
	audit_log_end(ab);
}

/**
 * landlock_get_details - Describe the current task for a domain's record
 *
 * Return: a description to free with kfree(), or NULL if out of memory.
 */
struct landlock_details *landlock_get_details(void)
{
	struct landlock_details *details;
	struct file *exe = get_task_exe_file(current);
	char *buf = NULL;
	const char *path = "";
	size_t len;

	if (exe) {
		buf = kmalloc(PATH_MAX, GFP_KERNEL_ACCOUNT);
		if (buf) {
			path = d_path(&exe->f_path, buf, PATH_MAX);
			if (IS_ERR(path))
				path = "";
		}
	}
	len = strlen(path) + 1;
	details = kzalloc(struct_size(details, exe, len), GFP_KERNEL_ACCOUNT);
	if (details) {
		details->pid = task_tgid_nr(current);
		details->uid = from_kuid(&init_user_ns, current_uid());
		get_task_comm(details->comm, current);
		memcpy(details->exe, path, len);
	}
	kfree(buf);
	if (exe)
		fput(exe);
	return details;
}
