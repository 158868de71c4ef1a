// SPDX-License-Identifier: GPL-2.0-only
/*
 * run-as: runs a program as another user with no supplementary group and no
 * capability left, for the initramfs of "make check-x86" (busybox's setpriv
 * has no --reuid/--regid).  Built statically by harness/x86.sh.
 *
 *   run-as UID GID PROGRAM [ARG]...
 */
#define _GNU_SOURCE
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/prctl.h>

int main(int argc, char *argv[])
{
	uid_t uid;
	gid_t gid;

	if (argc < 4) {
		fprintf(stderr, "usage: %s UID GID PROGRAM [ARG]...\n",
			argv[0]);
		return 2;
	}
	uid = strtoul(argv[1], NULL, 10);
	gid = strtoul(argv[2], NULL, 10);
	/* Changing the uid from 0 clears the permitted and effective sets. */
	if (prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0) || setgroups(0, NULL) ||
	    setresgid(gid, gid, gid) || setresuid(uid, uid, uid)) {
		perror("run-as");
		return 126;
	}
	if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0))
		perror("run-as: clearing the ambient capabilities");
	execv(argv[3], argv + 3);
	perror("run-as: execv");
	return 127;
}
