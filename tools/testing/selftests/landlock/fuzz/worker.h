/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Landlock differential fuzzer: what the controller (exec.c) and the
 * workers (worker.c) share.
 *
 * Messages: a request is a header (the pids of the workers, to signal or
 * trace them) and the text of the items, one per line (a restriction is
 * preceded by the declaration of its template); a reply is a header and one
 * outcome per operation, with the file descriptors of the abstract UNIX
 * sockets that were bound (the controller keeps them).  A new worker says
 * hello (its pid) on its channel.
 */

#ifndef _LANDLOCK_FUZZ_WORKER_H
#define _LANDLOCK_FUZZ_WORKER_H

#include <sys/types.h>

#include "fuzz.h"

#ifndef __NR_landlock_create_ruleset
#define __NR_landlock_create_ruleset 444
#define __NR_landlock_add_rule 445
#define __NR_landlock_restrict_self 446
#endif

#define BATCH_MAX 16
#define MSG_SIZE 32768

struct req_hdr {
	int pids[FZ_WORKERS];
	int ctl_pid;
};

struct reply_hdr {
	int nout;
	int nfds;
};

/* What a process (worker or controller) uses to find the scenario's files. */
struct proc {
	int id, chan, root;
	int slot[FZ_SLOTS];
	int handle[FZ_HANDLES];
	pid_t helper;
	char prefix[48]; /* of the abstract socket names */
	struct layer_tmpl tmpl[FZ_TEMPLATES];
	struct req_hdr hdr; /* of the last request */
	int fds_out[BATCH_MAX], nfds_out;
	int new_chan; /* received with a fork (or adopt) request */
	bool children; /* forked workers, to reap */
};

extern struct proc me;

int err_of(long ret);
int at(const char *path, const char **rel);
const char *proc_path(const char *path, char *buf, size_t size);
int send_msg(int chan, const void *buf, size_t len, const int *fds, int nfds);
ssize_t recv_msg(int chan, void *buf, size_t len, int *fds, int *nfds);
int bind_port(int family, int type, int port, int *fdp);
void queue_name(char *buf, size_t size);
int hello(void);
void worker_init(int id, int chan, bool root);
__attribute__((noreturn)) void worker_loop(void);

#endif /* _LANDLOCK_FUZZ_WORKER_H */
