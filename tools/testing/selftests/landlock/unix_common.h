/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Landlock selftests: helpers shared by the tests of UNIX sockets
 *
 * Addresses (abstract or pathname), servers, and the client side of
 * connect(2) and sendto(2), as used by the scope tests and by the tests of
 * LANDLOCK_ACCESS_FS_RESOLVE_UNIX.
 */

#ifndef _SELFTESTS_LANDLOCK_UNIX_COMMON_H
#define _SELFTESTS_LANDLOCK_UNIX_COMMON_H

#include <stddef.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "common.h"

struct unix_addr {
	socklen_t len;
	struct sockaddr_un un;
};

/*
 * Fills @a with the abstract address "\0landlock-selftest-<pid>-<tag>": the
 * pid of the test process makes it unique.
 */
static void __maybe_unused set_abstract_addr(struct unix_addr *const a,
					     const pid_t pid,
					     const char *const tag)
{
	int len;

	memset(a, 0, sizeof(*a));
	a->un.sun_family = AF_UNIX;
	len = snprintf(a->un.sun_path + 1, sizeof(a->un.sun_path) - 1,
		       "landlock-selftest-%d-%s", pid, tag);
	a->len = offsetof(struct sockaddr_un, sun_path) + 1 + len;
}

/* Fills @a with the pathname address @path (a short relative path). */
static void __maybe_unused set_path_addr(struct unix_addr *const a,
					 const char *const path)
{
	memset(a, 0, sizeof(*a));
	a->un.sun_family = AF_UNIX;
	strncpy(a->un.sun_path, path, sizeof(a->un.sun_path) - 1);
	a->len = offsetof(struct sockaddr_un, sun_path) + strlen(path) + 1;
}

/*
 * Returns a non-blocking socket of @type bound to @a, listening unless it
 * is a datagram socket.  Its domain is the one of the calling task.
 */
static int __maybe_unused unix_server(struct __test_metadata *_metadata,
				      const int type,
				      const struct unix_addr *const a)
{
	const int fd = socket(AF_UNIX, type | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);

	ASSERT_LE(0, fd);
	ASSERT_EQ(0, bind(fd, (const struct sockaddr *)&a->un, a->len))
	{
		TH_LOG("Failed to bind a UNIX socket: %s", strerror(errno));
	}
	if (type != SOCK_DGRAM)
		ASSERT_EQ(0, listen(fd, 8));
	return fd;
}

/*
 * Creates a socket of @type, connects it to @a and closes it: returns the
 * errno of connect() (or the negated errno of socket()), or 0.
 */
static int __maybe_unused test_connect(const int type,
				       const struct unix_addr *const a)
{
	const int fd = socket(AF_UNIX, type | SOCK_CLOEXEC, 0);
	int err;

	if (fd < 0)
		return -errno;
	err = ERR(connect(fd, (const struct sockaddr *)&a->un, a->len));
	close(fd);
	return err;
}

/* Sends one byte from @fd to @a: returns the errno of sendto(), or 0. */
static int __maybe_unused test_sendto(const int fd,
				      const struct unix_addr *const a)
{
	if (sendto(fd, "s", 1, 0, (const struct sockaddr *)&a->un, a->len) == 1)
		return 0;
	return errno ? errno : EIO;
}

/* Accepts (and closes) a pending connection on @server, if there is one. */
static bool __maybe_unused accept_pending(const int server)
{
	const int fd = accept4(server, NULL, NULL, SOCK_CLOEXEC);

	if (fd < 0)
		return false;
	close(fd);
	return true;
}

#endif /* _SELFTESTS_LANDLOCK_UNIX_COMMON_H */
