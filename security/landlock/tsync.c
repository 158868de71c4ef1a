// SPDX-License-Identifier: GPL-2.0-only
/*
 * Landlock: enforcement on every thread of a process
 *
 * With LANDLOCK_RESTRICT_SELF_TSYNC, landlock_restrict_self() gives every
 * other thread of the calling process (its siblings) the Landlock part of
 * the caller's new credentials, &struct landlock_cred_sec, all or nothing.
 *
 * Only a task may change its own credentials (commit_creds() works on
 * current), so the caller queues a task work on each sibling with
 * TWA_SIGNAL: it breaks the sibling out of an interruptible sleep and runs
 * before the sibling returns to user space (or while it exits).  The
 * siblings then change their own credentials in two phases, driven by
 * &struct tsync_op on the caller's stack:
 *
 * 1. Each sibling prepares its new credentials: its own ones with the
 *    caller's Landlock state (a sibling keeps its IDs, capabilities and
 *    the state of the other LSMs), or, if it still shares the caller's old
 *    credentials, a reference to the caller's new ones, which cannot fail.
 *    It reports to the caller (&tsync_op.preparing) and waits for the
 *    decision.
 * 2. Once every sibling has reported, the caller decides: commit if every
 *    preparation succeeded, abort otherwise.  Each sibling commits (setting
 *    no_new_privs first, if asked) or discards its new credentials, and
 *    reports again (&tsync_op.running).  The caller waits for all of them,
 *    then commits or discards its own credentials.
 *
 * Which threads: the thread list is scanned under RCU, and a work is
 * queued on each thread that has none yet, except the caller, the threads
 * already exiting (they never run user code again) and io_uring's workers
 * (they run requests with the credentials of their submitters).  A sibling
 * may create a thread before its work runs, with its old credentials: the
 * caller scans again once every work has reported, and repeats until a
 * scan finds no new thread.  That last scan is complete: every thread it
 * sees is blocked in its work (or exiting), so none can be creating a
 * thread, and a thread created before a sibling's work ran was added to the
 * list before that work reported, hence before the scan.  A work whose
 * thread exits before running it runs in do_exit() and skips the change; a
 * thread past that point cannot get a work (task_work_add() fails) and is
 * skipped.
 *
 * Locking: the caller holds the process's exec_update_lock from before the
 * first work is queued until every work has finished or been cancelled, so
 * at most one TSYNC operation runs in a process, and a task has at most one
 * work of ours queued.  It is taken with a trylock (a caller that would
 * have to wait restarts the system call: it then runs the work that the
 * holder may have queued on it, instead of waiting for it), for writing,
 * and immediately downgraded to reading: other TSYNC callers (which need
 * it for writing) are kept out, while the many readers of that lock
 * (/proc/PID/{mem,maps,...}, kcmp(2), futex and perf code), which a
 * sibling may be blocked on before it can run its work, are not.  The
 * only other writer is execve(2), which takes it after killing the other
 * threads: the caller then sees SIGKILL, aborts and releases it.
 *
 * Signals: the caller waits for the preparations interruptibly.  On a
 * signal (or a task work for the caller itself), it aborts: it cancels the
 * works not started yet, lets the started ones discard what they prepared,
 * waits for them and restarts the system call (-ERESTARTNOINTR, invisible
 * to user space).  A sibling waits for the decision uninterruptibly (but as
 * an idle task, not to be reported as hung): the caller always decides,
 * as soon as every sibling has reported or as soon as it is interrupted,
 * and it is interrupted by any signal, SIGKILL and the stop signals
 * included.
 *
 * execve(2) by a sibling: if it checks for signals before its point of no
 * return, it restarts after running its work; past that point, it kills
 * the other threads before it goes on, so the caller aborts and cancels
 * the sibling's work, which never runs.
 *
 * Lifetimes: &struct tsync_op and the works are owned by the caller, which
 * returns only after every work has finished or been cancelled; a work
 * touches neither after its last report.  The caller holds a reference to
 * each task it queued a work on, for the cancellation.  The caller's new
 * credentials (and so its new domain) stay alive until it commits or
 * discards them, after the siblings: a sibling takes its own reference to
 * the domain, or to these credentials, while it prepares.
 */

#include <linux/atomic.h>
#include <linux/bsearch.h>
#include <linux/completion.h>
#include <linux/cred.h>
#include <linux/errno.h>
#include <linux/overflow.h>
#include <linux/rcupdate.h>
#include <linux/rwsem.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/string.h>
#include <linux/task_work.h>

#include "domain.h"
#include "tsync.h"

/**
 * struct tsync_op - One TSYNC operation, shared with the siblings' works
 */
struct tsync_op {
	/** @old_cred: Caller's credentials when the operation started. */
	const struct cred *old_cred;
	/** @new_cred: Caller's new credentials (prepared, not committed). */
	struct cred *new_cred;
	/** @no_new_privs: Set no_new_privs on every sibling that commits. */
	bool no_new_privs;
	/**
	 * @preparing: Works of the current scan round that have not reported
	 * their preparation, plus one held by the caller while it queues them.
	 */
	atomic_t preparing;
	/** @prepared: Completed when @preparing drops to zero. */
	struct completion prepared;
	/** @error: First error of a preparation, or 0. */
	int error;
	/** @commit: The decision, written before @decided is completed. */
	bool commit;
	/** @decided: Completed (for all) once the caller has decided. */
	struct completion decided;
	/**
	 * @running: Works queued and neither finished nor cancelled, plus one
	 * held by the caller until it has decided.
	 */
	atomic_t running;
	/** @finished: Completed when @running drops to zero. */
	struct completion finished;
};

/**
 * struct tsync_work - Task work queued on a sibling
 */
struct tsync_work {
	/** @head: Queued on @task (see task_work_add()). */
	struct callback_head head;
	/** @task: Sibling it is queued on, referenced by the caller. */
	struct task_struct *task;
	/** @op: Operation it belongs to. */
	struct tsync_op *op;
};

/**
 * struct tsync_works - Works of an operation, owned by the caller
 *
 * @works[0..@nr_queued) were queued, sorted by task (to find whether a
 * thread already has one); @works[@nr_queued..@nr_alloc) are spare: they
 * are allocated before the scans, which run under RCU.
 */
struct tsync_works {
	/** @works: Array of @capacity pointers. */
	struct tsync_work **works;
	/** @nr_queued: Number of works queued. */
	unsigned int nr_queued;
	/** @nr_alloc: Number of works allocated. */
	unsigned int nr_alloc;
	/** @capacity: Size of @works. */
	unsigned int capacity;
};

/**
 * landlock_sibling_cred - New credentials of a sibling
 * @caller_old: The caller's credentials before the call.
 * @caller_new: The caller's new credentials.
 *
 * Called by the sibling itself.
 *
 * Return: credentials to commit or abort: @caller_new (with a new
 * reference) if the sibling still uses @caller_old, or else a copy of the
 * sibling's own credentials with the Landlock state of @caller_new; NULL
 * if out of memory.
 */
struct cred *landlock_sibling_cred(const struct cred *const caller_old,
				   struct cred *const caller_new)
{
	struct landlock_cred_sec *sec;
	struct cred *cred;

	if (current_real_cred() == caller_old)
		return get_new_cred(caller_new);

	cred = prepare_creds();
	if (!cred)
		return NULL;
	sec = landlock_cred(cred);
	/* prepare_creds() took a reference to the sibling's own domain. */
	landlock_put_domain(sec->domain);
	*sec = *landlock_cred(caller_new);
	landlock_get_domain(sec->domain);
	return cred;
}

/* Runs on a sibling (see the two phases above). */
static void run_work(struct callback_head *const head)
{
	struct tsync_work *const work =
		container_of(head, struct tsync_work, head);
	struct tsync_op *const op = work->op;
	struct cred *cred = NULL;

	if (!(current->flags & PF_EXITING)) {
		cred = landlock_sibling_cred(op->old_cred, op->new_cred);
		if (!cred)
			cmpxchg(&op->error, 0, -ENOMEM);
	}
	if (atomic_dec_and_test(&op->preparing))
		complete(&op->prepared);

	if (cred) {
		wait_for_completion_state(&op->decided, TASK_IDLE);
		if (op->commit) {
			if (op->no_new_privs)
				task_set_no_new_privs(current);
			commit_creds(cred);
		} else {
			abort_creds(cred);
		}
	}
	/* The caller may free @op and @work as soon as this is done. */
	if (atomic_dec_and_test(&op->running))
		complete(&op->finished);
}

/* Gets room for @count more spare works. */
static int add_spares(struct tsync_works *const set, const unsigned int count)
{
	unsigned int want;

	if (check_add_overflow(set->nr_alloc, count, &want))
		return -ENOMEM;
	if (want > set->capacity) {
		const unsigned int capacity = max(want, 2 * set->capacity);
		struct tsync_work **works;

		works = kvmalloc_array(capacity, sizeof(*works),
				       GFP_KERNEL_ACCOUNT);
		if (!works)
			return -ENOMEM;
		if (set->nr_alloc)
			memcpy(works, set->works,
			       set->nr_alloc * sizeof(*works));
		kvfree(set->works);
		set->works = works;
		set->capacity = capacity;
	}
	while (set->nr_alloc < want) {
		struct tsync_work *const work =
			kzalloc(sizeof(*work), GFP_KERNEL_ACCOUNT);

		if (!work)
			return -ENOMEM;
		set->works[set->nr_alloc++] = work;
	}
	return 0;
}

static int cmp_works(const void *const a, const void *const b)
{
	const struct task_struct *const ta =
		(*(struct tsync_work *const *)a)->task;
	const struct task_struct *const tb =
		(*(struct tsync_work *const *)b)->task;

	return ta < tb ? -1 : ta > tb;
}

static int cmp_task_work(const void *const key, const void *const elt)
{
	const struct task_struct *const task = key;
	const struct task_struct *const other =
		(*(struct tsync_work *const *)elt)->task;

	return task < other ? -1 : task > other;
}

/*
 * Queues a work on each sibling that needs one and has none yet, as long
 * as there are spare works; adds the number of works queued to @queued.
 *
 * Return: the number of siblings left without a work for lack of spares.
 */
static unsigned int queue_works(struct tsync_op *const op,
				struct tsync_works *const set,
				unsigned int *const queued)
{
	const unsigned int nr_known = set->nr_queued;
	unsigned int missing = 0;
	struct task_struct *thread;

	rcu_read_lock();
	for_each_thread(current, thread) {
		struct tsync_work *work;

		if (thread == current ||
		    (READ_ONCE(thread->flags) & (PF_EXITING | PF_IO_WORKER)))
			continue;
		/* Those queued in this scan are not sorted yet, nor needed. */
		if (bsearch(thread, set->works, nr_known, sizeof(*set->works),
			    cmp_task_work))
			continue;
		if (set->nr_queued == set->nr_alloc) {
			missing++;
			continue;
		}

		work = set->works[set->nr_queued];
		init_task_work(&work->head, run_work);
		work->op = op;
		work->task = thread;
		/* Neither count can drop to zero here: the caller holds one. */
		atomic_inc(&op->preparing);
		atomic_inc(&op->running);
		if (task_work_add(thread, &work->head, TWA_SIGNAL)) {
			/* It already ran its last task works: it is exiting. */
			atomic_dec(&op->preparing);
			atomic_dec(&op->running);
			continue;
		}
		/* The task cannot be freed before the end of the RCU section. */
		get_task_struct(thread);
		set->nr_queued++;
		(*queued)++;
	}
	rcu_read_unlock();

	sort(set->works, set->nr_queued, sizeof(*set->works), cmp_works, NULL);
	return missing;
}

/*
 * Phase 1: queues works on the siblings, scan after scan, until every
 * sibling has reported and a last scan finds no new one.
 *
 * Return: 0, -ENOMEM (here or in a sibling) or -ERESTARTNOINTR (the caller
 * was interrupted).
 */
static int prepare_siblings(struct tsync_op *const op,
			    struct tsync_works *const set)
{
	for (;;) {
		unsigned int queued = 0, missing, threads;
		int err;

		reinit_completion(&op->prepared);
		atomic_set(&op->preparing, 1);
		/* The caller, and maybe dead threads, are counted: no matter. */
		threads = READ_ONCE(current->signal->nr_threads);
		missing = threads > set->nr_alloc ? threads - set->nr_alloc : 0;
		do {
			err = add_spares(set, missing);
			if (err)
				return err;
			missing = queue_works(op, set, &queued);
		} while (missing);

		if (!atomic_dec_and_test(&op->preparing) &&
		    wait_for_completion_interruptible(&op->prepared))
			return -ERESTARTNOINTR;
		err = READ_ONCE(op->error);
		if (err)
			return err;
		if (!queued)
			return 0;
	}
}

/*
 * Phase 2: tells the siblings to commit or to abort, and waits until they
 * are done.  A work not started yet is cancelled: this can only happen
 * when aborting.
 */
static void decide(struct tsync_op *const op,
		   const struct tsync_works *const set, const bool commit)
{
	unsigned int i;

	op->commit = commit;
	if (!commit) {
		for (i = 0; i < set->nr_queued; i++) {
			struct tsync_work *const work = set->works[i];

			if (task_work_cancel(work->task, &work->head))
				atomic_dec(&op->running);
		}
	}
	complete_all(&op->decided);
	if (!atomic_dec_and_test(&op->running))
		wait_for_completion(&op->finished);
}

static void free_works(struct tsync_works *const set)
{
	unsigned int i;

	for (i = 0; i < set->nr_alloc; i++) {
		if (i < set->nr_queued)
			put_task_struct(set->works[i]->task);
		kfree(set->works[i]);
	}
	kvfree(set->works);
}

/**
 * landlock_commit_all_threads - Commit credentials on every thread
 * @new: The calling thread's new credentials, from prepare_creds(); the
 *       reference is consumed.
 * @no_new_privs: Set no_new_privs on every thread, the caller included.
 *
 * Commits @new on the calling thread, and the Landlock state of @new on
 * every other thread of the process that does not exit, all or nothing.
 *
 * Return: 0, -ENOMEM, or -ERESTARTNOINTR (with a signal pending, or a
 * restart requested) if the caller was interrupted or another thread of
 * the process holds the lock.
 */
int landlock_commit_all_threads(struct cred *const new, const bool no_new_privs)
{
	struct rw_semaphore *const lock = &current->signal->exec_update_lock;
	struct tsync_op op = {
		.old_cred = current_real_cred(),
		.new_cred = new,
		.no_new_privs = no_new_privs,
		.running = ATOMIC_INIT(1),
	};
	struct tsync_works set = {};
	int err;

	/* No sibling, and none can appear while we are here. */
	if (thread_group_empty(current))
		goto commit;

	if (!down_write_trylock(lock)) {
		abort_creds(new);
		return restart_syscall();
	}
	downgrade_write(lock);
	init_completion(&op.prepared);
	init_completion(&op.decided);
	init_completion(&op.finished);

	err = prepare_siblings(&op, &set);
	decide(&op, &set, !err);
	up_read(lock);
	free_works(&set);
	if (err) {
		abort_creds(new);
		return err == -ERESTARTNOINTR ? restart_syscall() : err;
	}

commit:
	if (no_new_privs)
		task_set_no_new_privs(current);
	return commit_creds(new);
}
