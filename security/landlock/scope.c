// SPDX-License-Identifier: GPL-2.0-only
/*
 * Landlock: scopes, boundaries around a domain with no rules
 *
 * A ruleset may forbid interactions that cross the boundary of the domain
 * it becomes (see landlock_scope_allows()): signals to tasks outside it,
 * and connections to abstract UNIX sockets created outside it.  The other
 * end of the interaction is found through credentials: the target task's,
 * or those a socket's file was opened with, i.e. its creator's.
 */

#include <linux/cred.h>
#include <linux/fs.h>
#include <linux/lsm_audit.h>
#include <linux/lsm_hooks.h>
#include <linux/net.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <net/af_unix.h>
#include <net/sock.h>

#include "audit.h"
#include "common.h"
#include "domain.h"
#include "fs.h"
#include "scope.h"

static const struct landlock_domain *
task_domain(const struct task_struct *const task)
{
	return landlock_cred(__task_cred(task))->domain;
}

/* Signals */

/*
 * Logs the denial of @scope to a task of @subject, whose layers created by
 * the running program are @exec_layers.
 */
static void log_scope(const struct landlock_domain *const subject,
		      const u16 exec_layers, const u32 scope,
		      const struct common_audit_data *const object)
{
	struct landlock_denial denial = {
		.type = LL_BLOCKER_SCOPE,
		.blockers = scope,
		.layer = landlock_scope_layer(subject, scope),
		/* Scopes need no mark to be quiet. */
		.quiet_layers = U16_MAX,
		.object = *object,
	};

	landlock_log_denial(subject, exec_layers, &denial);
}

/*
 * Whether a task in @subject may signal @target.  @exec_layers are the
 * layers of @subject created by the program that sends the signal, for
 * the audit records.
 */
static int check_signal(const struct landlock_domain *const subject,
			const u16 exec_layers, struct task_struct *const target)
{
	const struct common_audit_data object = {
		.type = LSM_AUDIT_DATA_TASK,
		.u.tsk = target,
	};
	bool allowed;

	if (!subject || !(subject->scoped_any & LANDLOCK_SCOPE_SIGNAL))
		return 0;

	rcu_read_lock();
	allowed = landlock_scope_allows(subject, task_domain(target),
					LANDLOCK_SCOPE_SIGNAL);
	rcu_read_unlock();
	if (allowed)
		return 0;
	log_scope(subject, exec_layers, LANDLOCK_SCOPE_SIGNAL, &object);
	return -EPERM;
}

static int hook_task_kill(struct task_struct *const p,
			  struct kernel_siginfo *const info, const int sig,
			  const struct cred *const cred)
{
	const struct landlock_cred_sec *sender;

	/*
	 * @cred is the sender's for signals sent on behalf of another task
	 * (USB asynchronous I/O); otherwise the sender is the current task,
	 * whose threads may always signal each other.
	 */
	if (cred) {
		sender = landlock_cred(cred);
	} else {
		sender = landlock_cred(current_cred());
		if (same_thread_group(p, current))
			return 0;
	}
	return check_signal(sender->domain, sender->exec_layers, p);
}

/*
 * Whether the owner just set for @fown is a task of the current process:
 * threads of a process may always signal each other (erratum 2), through
 * SIGIO and SIGURG too.  For a process group, its first task tells.
 */
static bool owner_is_own_process(const struct fown_struct *const fown)
{
	struct task_struct *task;
	bool own;

	rcu_read_lock();
	task = pid_task(fown->pid, fown->pid_type);
	own = task && same_thread_group(task, current);
	rcu_read_unlock();
	return own;
}

/*
 * Called with the owner's lock held for writing, interrupts off: only
 * reference counting here, and landlock_put_domain() does not sleep.  The
 * signals that the file will send are judged as if the task setting the
 * owner sent them.
 */
static void hook_file_set_fowner(struct file *const file)
{
	struct landlock_file_sec *const sec = landlock_file(file);
	const struct landlock_cred_sec *const setter =
		landlock_cred(current_cred());
	struct landlock_domain *const old = sec->fown_domain;
	struct landlock_domain *domain = NULL;

	if (!owner_is_own_process(&file->f_owner))
		domain = setter->domain;
	landlock_get_domain(domain);
	sec->fown_domain = domain;
	sec->fown_exec_layers = setter->exec_layers;
	landlock_put_domain(old);
}

/* Called with the owner's lock held for reading (see send_sigio()). */
static int hook_file_send_sigiotask(struct task_struct *const tsk,
				    struct fown_struct *const fown,
				    const int signum)
{
	const struct landlock_file_sec *const sec =
		landlock_file(container_of(fown, struct file, f_owner));

	return check_signal(sec->fown_domain, sec->fown_exec_layers, tsk);
}

/* Abstract UNIX sockets */

static bool is_abstract(const struct sock *const sk)
{
	const struct unix_address *addr;

	/* Pairs with the release that publishes the address at bind(2). */
	addr = smp_load_acquire(&unix_sk(sk)->addr);

	/* Bound to a name that starts with a NUL byte (see unix(7)). */
	return addr && addr->len > offsetof(struct sockaddr_un, sun_path) &&
	       addr->name->sun_path[0] == '\0';
}

/*
 * Whether the current task may reach the socket @other: the callers hold
 * @other's state lock and have checked that it is not dead, so its socket
 * and file are still attached.  A socket with no file (created by the
 * kernel) has no creator domain: it is outside every domain.
 */
static int check_unix_peer(const struct sock *const other)
{
	const struct landlock_domain *const subject = landlock_current_domain();
	const struct landlock_domain *object = NULL;
	struct lsm_network_audit net = {
		.sk = other,
	};
	const struct common_audit_data audit = {
		.type = LSM_AUDIT_DATA_NET,
		.u.net = &net,
	};
	const struct socket *sock;
	const struct file *file;
	bool allowed;

	if (!subject ||
	    !(subject->scoped_any & LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET))
		return 0;
	if (!is_abstract(other))
		return 0;

	rcu_read_lock();
	sock = READ_ONCE(other->sk_socket);
	file = sock ? READ_ONCE(sock->file) : NULL;
	if (file)
		object = landlock_cred(file->f_cred)->domain;
	allowed = landlock_scope_allows(subject, object,
					LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET);
	rcu_read_unlock();
	if (allowed)
		return 0;
	log_scope(subject, landlock_cred(current_cred())->exec_layers,
		  LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET, &audit);
	return -EPERM;
}

static int hook_unix_stream_connect(struct sock *const sock,
				    struct sock *const other,
				    struct sock *const newsk)
{
	return check_unix_peer(other);
}

static int hook_unix_may_send(struct socket *const sock,
			      struct socket *const other)
{
	/*
	 * Called for connect(2) on a datagram socket and for every datagram
	 * sent: sending to the connected peer is not a new interaction.
	 */
	if (READ_ONCE(unix_peer(sock->sk)) == other->sk)
		return 0;
	return check_unix_peer(other->sk);
}

static struct security_hook_list scope_hooks[] __lsm_ro_after_init = {
	LSM_HOOK_INIT(task_kill, hook_task_kill),
	LSM_HOOK_INIT(file_set_fowner, hook_file_set_fowner),
	LSM_HOOK_INIT(file_send_sigiotask, hook_file_send_sigiotask),
	LSM_HOOK_INIT(unix_stream_connect, hook_unix_stream_connect),
	LSM_HOOK_INIT(unix_may_send, hook_unix_may_send),
};

/**
 * landlock_add_scope_hooks - Register the hooks of the scopes
 */
void __init landlock_add_scope_hooks(void)
{
	security_add_hooks(scope_hooks, ARRAY_SIZE(scope_hooks), LANDLOCK_NAME);
}
