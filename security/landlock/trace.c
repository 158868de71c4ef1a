// SPDX-License-Identifier: GPL-2.0-only
/*
 * Landlock: tracepoints
 *
 * Instantiates the events of include/trace/events/landlock.h, whose
 * TP_fast_assign() code reads the structures and calls the helpers below,
 * and turns a denial into the event of its kind.
 */

#include <linux/bitops.h>
#include <linux/dcache.h>
#include <linux/fs.h>
#include <linux/lsm_audit.h>
#include <linux/pid.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <net/sock.h>

#include "audit.h"
#include "common.h"
#include "domain.h"
#include "ruleset.h"
#include "trace.h"

/*
 * Helpers of the TP_fast_assign() code of the events, which only runs when
 * an event is enabled.
 */

/* Device of the file or directory @dentry, or 0 if none. */
static dev_t __maybe_unused ll_dentry_dev(const struct dentry *const dentry)
{
	return dentry ? dentry->d_sb->s_dev : 0;
}

/* Inode number of the file or directory @dentry, or 0 if none. */
static unsigned long __maybe_unused
ll_dentry_ino(const struct dentry *const dentry)
{
	if (!dentry || d_really_is_negative(dentry))
		return 0;
	return d_backing_inode(dentry)->i_ino;
}

/* ID of the domain that @domain is nested in, or 0 for a first layer. */
static u64 __maybe_unused
ll_parent_id(const struct landlock_domain *const domain)
{
	return domain->hier->parent ? domain->hier->parent->id : 0;
}

/* Union of the rights that the layers grant through @rule. */
static u32 __maybe_unused
ll_rule_access(const struct landlock_domain *const domain,
	       const struct landlock_request *const req,
	       const struct landlock_dom_rule *const rule)
{
	const struct landlock_grant *grant =
		&domain->tables[req->type].grants[rule->first];
	u32 access = 0, i;

	for (i = 0; i < rule->count; i++, grant++)
		access |= grant->access;
	return access;
}

/*
 * Process that listens on @sk, or that connected it (see SO_PEERCRED), or
 * 0 for a socket that did neither, such as a datagram one.  The caller
 * holds @sk's state lock, which is taken before sk_peer_lock.
 */
static pid_t __maybe_unused ll_sock_pid(const struct sock *const sk)
{
	struct sock *const peer = (struct sock *)sk;
	pid_t nr;

	spin_lock(&peer->sk_peer_lock);
	nr = pid_nr(peer->sk_peer_pid);
	spin_unlock(&peer->sk_peer_lock);
	return nr;
}

#define CREATE_TRACE_POINTS
#include <trace/events/landlock.h>

/* The file or directory of a filesystem denial, if any. */
static const struct dentry *
denial_dentry(const struct common_audit_data *const object)
{
	switch (object->type) {
	case LSM_AUDIT_DATA_PATH:
		return object->u.path.dentry;
	case LSM_AUDIT_DATA_FILE:
		return object->u.file->f_path.dentry;
	case LSM_AUDIT_DATA_IOCTL_OP:
		return object->u.op->path.dentry;
	default:
		return NULL;
	}
}

/* The port of a network denial: the bound one, or the remote one. */
static u16 denial_port(const struct landlock_denial *const denial)
{
	const struct lsm_network_audit *const net = denial->object.u.net;
	const u32 bind = LANDLOCK_ACCESS_NET_BIND_TCP |
			 LANDLOCK_ACCESS_NET_BIND_UDP;

	return ntohs((denial->blockers & bind) ? net->sport : net->dport);
}

/* Traces a denial of a scope, @denial->blockers. */
static void emit_scope(const struct landlock_hier *const hier,
		       const bool same_exec, const bool logged,
		       const struct landlock_denial *const denial)
{
	const struct common_audit_data *const object = &denial->object;

	if (denial->blockers & LANDLOCK_SCOPE_SIGNAL) {
		trace_landlock_deny_scope_signal(hier, same_exec, logged,
						 object->u.tsk);
		return;
	}
	trace_landlock_deny_scope_abstract_unix_socket(hier, same_exec, logged,
						       object->u.net->sk);
}

/**
 * landlock_emit_denial - Trace a denial
 * @domain: Domain of the denied task, or NULL.
 * @exec_layers: Layers of @domain created by the program the task runs.
 * @denial: The denial.
 *
 * A change of the mount topology, which no right allows, is a filesystem
 * denial with no blocker.
 */
void landlock_emit_denial(const struct landlock_domain *const domain,
			  const u16 exec_layers,
			  const struct landlock_denial *const denial)
{
	const struct landlock_hier *hier;
	bool same_exec, logged;

	if (!domain || denial->layer >= domain->nr_layers)
		return;
	hier = landlock_layer_hier(domain, denial->layer);
	same_exec = exec_layers & BIT(denial->layer);
	logged = landlock_denial_logged(domain, exec_layers, denial);

	switch (denial->type) {
	case LL_BLOCKER_FS:
		trace_landlock_deny_access_fs(hier, same_exec, logged,
					      denial->blockers,
					      denial_dentry(&denial->object));
		break;
	case LL_BLOCKER_TOPOLOGY:
		trace_landlock_deny_access_fs(hier, same_exec, logged, 0,
					      denial_dentry(&denial->object));
		break;
	case LL_BLOCKER_NET:
		trace_landlock_deny_access_net(hier, same_exec, logged,
					       denial->blockers,
					       denial_port(denial));
		break;
	case LL_BLOCKER_PTRACE:
		trace_landlock_deny_ptrace(hier, same_exec, logged,
					   denial->object.u.tsk);
		break;
	case LL_BLOCKER_SCOPE:
		emit_scope(hier, same_exec, logged, denial);
		break;
	case LL_BLOCKER_NAMESPACE:
		trace_landlock_deny_permission_namespace(hier, same_exec,
							 logged, denial);
		break;
	case LL_BLOCKER_CAPABILITY:
		trace_landlock_deny_permission_capability(hier, same_exec,
							  logged, denial);
		break;
	}
}
