// SPDX-License-Identifier: GPL-2.0-only
/*
 * Landlock: credentials and interactions between tasks
 *
 * A domain lives in the credentials of the tasks it sandboxes: it is
 * inherited through fork, clone and execve like any credential, and only
 * replaced by landlock_restrict_self(), with a domain nested in it.
 */

#include <linux/binfmts.h>
#include <linux/cred.h>
#include <linux/lsm_hooks.h>
#include <linux/ptrace.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>

#include "audit.h"
#include "common.h"
#include "domain.h"
#include "task.h"

static int hook_cred_prepare(struct cred *const new,
			     const struct cred *const old, const gfp_t gfp)
{
	*landlock_cred(new) = *landlock_cred(old);
	landlock_get_domain(landlock_cred(new)->domain);
	return 0;
}

static void hook_cred_transfer(struct cred *const new,
			       const struct cred *const old)
{
	hook_cred_prepare(new, old, 0);
}

static void hook_cred_free(struct cred *const cred)
{
	landlock_put_domain(landlock_cred(cred)->domain);
}

/* The new program did not create any layer (see landlock_log_denial()). */
static int hook_bprm_creds_for_exec(struct linux_binprm *const bprm)
{
	landlock_cred(bprm->cred)->exec_layers = 0;
	return 0;
}

/*
 * Whether @tracer may act on @tracee: a sandboxed tracer only reaches
 * tasks of its own domain or of domains nested in it.
 */
static int check_tracer(const struct task_struct *const tracer,
			const struct task_struct *const tracee)
{
	const struct landlock_domain *outer, *inner;
	bool allowed;

	rcu_read_lock();
	outer = landlock_cred(__task_cred(tracer))->domain;
	inner = landlock_cred(__task_cred(tracee))->domain;
	allowed = landlock_domain_is_nested(outer, inner);
	rcu_read_unlock();
	return allowed ? 0 : -EPERM;
}

static int hook_ptrace_access_check(struct task_struct *const child,
				    const unsigned int mode)
{
	const struct landlock_domain *const domain = landlock_current_domain();
	int err;

	if (!domain)
		return 0;
	err = check_tracer(current, child);
	/* Probes such as the access checks of /proc ask not to be logged. */
	if (err && !(mode & PTRACE_MODE_NOAUDIT)) {
		/* The innermost layer is the first that the tracee is out of. */
		struct landlock_denial denial = {
			.type = LL_BLOCKER_PTRACE,
			.layer = domain->nr_layers - 1,
			.object.type = LSM_AUDIT_DATA_TASK,
			.object.u.tsk = child,
		};

		landlock_log_current(&denial);
	}
	return err;
}

static int hook_ptrace_traceme(struct task_struct *const parent)
{
	return check_tracer(parent, current);
}

static struct security_hook_list task_hooks[] __lsm_ro_after_init = {
	LSM_HOOK_INIT(cred_prepare, hook_cred_prepare),
	LSM_HOOK_INIT(cred_transfer, hook_cred_transfer),
	LSM_HOOK_INIT(cred_free, hook_cred_free),
	LSM_HOOK_INIT(bprm_creds_for_exec, hook_bprm_creds_for_exec),
	LSM_HOOK_INIT(ptrace_access_check, hook_ptrace_access_check),
	LSM_HOOK_INIT(ptrace_traceme, hook_ptrace_traceme),
};

/**
 * landlock_add_task_hooks - Register the credential and ptrace hooks
 */
void __init landlock_add_task_hooks(void)
{
	security_add_hooks(task_hooks, ARRAY_SIZE(task_hooks), LANDLOCK_NAME);
}
