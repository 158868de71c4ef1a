/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Landlock differential fuzzer: the executor, which runs scenarios on the
 * kernel.
 *
 * The controller (the fuzzer's process, never sandboxed) mounts a fresh
 * tree for each scenario, does the "c" actions itself and sends the
 * workers' operations to worker processes, in batches, over a SEQPACKET
 * socket each.  A worker runs them (sandboxing itself when asked) and sends
 * the outcomes back.  Workers fork new workers, and may execute the fuzzer
 * again through the tree: the new program goes on as the same worker.
 */

#ifndef _LANDLOCK_FUZZ_EXEC_H
#define _LANDLOCK_FUZZ_EXEC_H

#include "fuzz.h"

/* Once per run: the namespaces (and the user namespace as uid 65534). */
int exec_setup(struct env *env);

/* A scenario: a new tree on the file system at fs_dir, and worker w0. */
int exec_begin(const struct env *env, const char *fs_dir, bool own_tmpfs);
void exec_end(void);

/* A controller action, run at once (after the pending batch). */
int exec_ctl(const struct op *op, struct outcome *out);

/*
 * A worker operation: exec_add() queues it (with the template it enforces,
 * for OP_RESTRICT), exec_flush() runs the queue.  exec_single() tells the
 * operations that must be alone in their batch.
 */
bool exec_single(const struct op *op);
int exec_pending(void);
int exec_add(const struct op *op, const struct layer_tmpl *tmpl);
int exec_flush(struct outcome *out);

/* Concurrency mode: how many times the directory moved, the mount went. */
extern long exec_moves, exec_toggles;

/* The entry of a worker that executed the fuzzer again (--worker STATE). */
int worker_resume(const char *state);

#endif /* _LANDLOCK_FUZZ_EXEC_H */
