// SPDX-License-Identifier: GPL-2.0
/*
 * Landlock selftests: pathname UNIX sockets (ABI 9)
 *
 * Reaching a pathname UNIX socket, with connect(2) on any socket type or
 * with a datagram sent to an address, needs LANDLOCK_ACCESS_FS_RESOLVE_UNIX
 * from every layer that handles it.  A layer grants it through a rule on the
 * socket file or on a directory above it, or because the socket was created
 * by a task of the layer's domain or of a domain nested in it.  The kernel's
 * own errors come first; abstract sockets, socket pairs and sends on a
 * connected socket are not concerned.
 *
 * Every test but add_rule needs a kernel that reports ABI 9: they are
 * skipped on older ones.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common.h"
#include "unix_common.h"

#define RESOLVE_UNIX LANDLOCK_ACCESS_FS_RESOLVE_UNIX

/* Sends one byte from @fd to @a with sendmsg(2): returns its errno, or 0. */
static int test_sendmsg(const int fd, const struct unix_addr *const a)
{
	struct iovec iov = {
		.iov_base = "m",
		.iov_len = 1,
	};
	const struct msghdr msg = {
		.msg_name = (void *)&a->un,
		.msg_namelen = a->len,
		.msg_iov = &iov,
		.msg_iovlen = 1,
	};

	return sendmsg(fd, &msg, 0) == 1 ? 0 : errno;
}

/*
 * Reaches the socket file @path from new sockets of @type: returns the errno
 * of connect(2), or 0.  For datagram sockets, sendto(2) and sendmsg(2) with
 * the address, from an unconnected socket, must give the same result.
 */
static int reach(struct __test_metadata *const _metadata, const int type,
		 const char *const path)
{
	struct unix_addr a;
	int err, fd;

	set_path_addr(&a, path);
	err = test_connect(type, &a);
	if (type == SOCK_DGRAM) {
		fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
		ASSERT_LE(0, fd);
		EXPECT_EQ(err, test_sendto(fd, &a));
		EXPECT_EQ(err, test_sendmsg(fd, &a));
		ASSERT_EQ(0, close(fd));
	}
	return err;
}

/* Takes what reached @server (connections or datagrams): returns how many. */
static int take_pending(const int server, const int type)
{
	char buf[8];
	int count = 0;

	if (type == SOCK_DGRAM) {
		while (recv(server, buf, sizeof(buf), MSG_DONTWAIT) > 0)
			count++;
	} else {
		while (accept_pending(server))
			count++;
	}
	return count;
}

/*
 * Checks that reaching @path from sockets of @type gives @err, and that the
 * socket @server, bound to @path, got something only if it was reached: a
 * connection, or the two datagrams of reach().
 */
static void check_reach(struct __test_metadata *const _metadata,
			const int server, const int type,
			const char *const path, const int err)
{
	const int reached = type == SOCK_DGRAM ? 2 : 1;

	EXPECT_EQ(err, reach(_metadata, type, path))
	{
		TH_LOG("Reaching \"%s\" (type %d): %s", path, type,
		       strerror(err));
	}
	EXPECT_EQ(err ? 0 : reached, take_pending(server, type));
}

/* A server of @type bound to the pathname @path. */
static int path_server(struct __test_metadata *const _metadata, const int type,
		       const char *const path)
{
	struct unix_addr a;

	set_path_addr(&a, path);
	return unix_server(_metadata, type, &a);
}

/* A socket type other than @type. */
static int other_type(const int type)
{
	return type == SOCK_STREAM ? SOCK_DGRAM : SOCK_STREAM;
}

FIXTURE(unix_path)
{
	struct scratch scratch;
};

FIXTURE_VARIANT(unix_path)
{
	int type;
	/* Errno of sendto(2) with an address on a connected socket. */
	int sendto_connected;
};

/* The address is refused by the kernel: EISCONN. */
/* clang-format off */
FIXTURE_VARIANT_ADD(unix_path, stream) {
	/* clang-format on */
	.type = SOCK_STREAM,
	.sendto_connected = EISCONN,
};

/* The address is ignored: the data goes to the peer. */
/* clang-format off */
FIXTURE_VARIANT_ADD(unix_path, seqpacket) {
	/* clang-format on */
	.type = SOCK_SEQPACKET,
	.sendto_connected = 0,
};

/* The address is looked up, and checked. */
/* clang-format off */
FIXTURE_VARIANT_ADD(unix_path, dgram) {
	/* clang-format on */
	.type = SOCK_DGRAM,
	.sendto_connected = EACCES,
};

FIXTURE_SETUP(unix_path)
{
	scratch_setup(_metadata, &self->scratch);
}

FIXTURE_TEARDOWN(unix_path)
{
	scratch_teardown(_metadata, &self->scratch);
}

/*
 * A layer that does not handle RESOLVE_UNIX changes nothing; one that
 * handles it, without any rule, denies a server created outside of it.
 */
TEST_F(unix_path, no_rule)
{
	const int type = variant->type;
	int server;
	pid_t pid;

	SKIP_BEFORE_ABI(9);
	server = path_server(_metadata, type, "s.sock");
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		check_reach(_metadata, server, type, "s.sock", 0);
		sandbox(_metadata, ACCESS_FS_ALL & ~RESOLVE_UNIX, NULL);
		check_reach(_metadata, server, type, "s.sock", 0);
		sandbox(_metadata, RESOLVE_UNIX, NULL);
		check_reach(_metadata, server, type, "s.sock", EACCES);
		_exit(_metadata->passed ? 0 : 1);
	}
	ASSERT_EQ(0, wait_child(_metadata, pid));
	ASSERT_EQ(0, close(server));
}

/* A rule on a socket file grants that file only. */
TEST_F(unix_path, rule_on_socket_file)
{
	const int type = variant->type;
	const struct rule rules[] = {
		{ "a.sock", RESOLVE_UNIX },
		{},
	};
	int server_a, server_b;
	pid_t pid;

	SKIP_BEFORE_ABI(9);
	server_a = path_server(_metadata, type, "a.sock");
	server_b = path_server(_metadata, type, "b.sock");
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		sandbox(_metadata, RESOLVE_UNIX, rules);
		check_reach(_metadata, server_a, type, "a.sock", 0);
		check_reach(_metadata, server_b, type, "b.sock", EACCES);
		_exit(_metadata->passed ? 0 : 1);
	}
	ASSERT_EQ(0, wait_child(_metadata, pid));
	ASSERT_EQ(0, close(server_a));
	ASSERT_EQ(0, close(server_b));
}

/*
 * A rule on a directory grants the socket files beneath it, as reached: a
 * hard link elsewhere is denied, a symbolic link to it is not.  A rule
 * granting other rights grants nothing.
 */
TEST_F(unix_path, rule_on_directory)
{
	const int type = variant->type;
	const struct rule rules[] = {
		{ "srv", RESOLVE_UNIX },
		{ "other", LANDLOCK_ACCESS_FS_READ_FILE },
		{},
	};
	int server_a, server_b, server_c;
	pid_t pid;

	SKIP_BEFORE_ABI(9);
	create_dir(_metadata, "srv");
	create_dir(_metadata, "srv/sub");
	create_dir(_metadata, "other");
	server_a = path_server(_metadata, type, "srv/a.sock");
	server_b = path_server(_metadata, type, "srv/sub/b.sock");
	server_c = path_server(_metadata, type, "other/c.sock");
	ASSERT_EQ(0, link("srv/a.sock", "other/link.sock"));
	ASSERT_EQ(0, symlink("../srv/sub/b.sock", "other/symlink.sock"));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		sandbox(_metadata, RESOLVE_UNIX | LANDLOCK_ACCESS_FS_READ_FILE,
			rules);
		check_reach(_metadata, server_a, type, "srv/a.sock", 0);
		check_reach(_metadata, server_b, type, "srv/sub/b.sock", 0);
		check_reach(_metadata, server_c, type, "other/c.sock", EACCES);
		check_reach(_metadata, server_a, type, "other/link.sock",
			    EACCES);
		check_reach(_metadata, server_b, type, "other/symlink.sock", 0);
		_exit(_metadata->passed ? 0 : 1);
	}
	ASSERT_EQ(0, wait_child(_metadata, pid));
	ASSERT_EQ(0, close(server_a));
	ASSERT_EQ(0, close(server_b));
	ASSERT_EQ(0, close(server_c));
}

/*
 * A sandbox may reach, without any rule, the sockets it creates, from any of
 * its processes; not those created outside of it.
 */
TEST_F(unix_path, same_domain)
{
	const int type = variant->type;
	int outside, inside;
	pid_t pid, grandchild;

	SKIP_BEFORE_ABI(9);
	outside = path_server(_metadata, type, "outside.sock");
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		sandbox(_metadata, RESOLVE_UNIX, NULL);
		inside = path_server(_metadata, type, "inside.sock");
		check_reach(_metadata, inside, type, "inside.sock", 0);
		check_reach(_metadata, outside, type, "outside.sock", EACCES);
		grandchild = fork();
		ASSERT_LE(0, grandchild);
		if (grandchild == 0) {
			check_reach(_metadata, inside, type, "inside.sock", 0);
			_exit(_metadata->passed ? 0 : 1);
		}
		ASSERT_EQ(0, wait_child(_metadata, grandchild));
		_exit(_metadata->passed ? 0 : 1);
	}
	ASSERT_EQ(0, wait_child(_metadata, pid));
	ASSERT_EQ(0, close(outside));
}

/*
 * The task that created a socket decides, not the one that bound it: a
 * sandboxed child binds a socket it inherited from outside, and one it
 * created.
 */
TEST_F(unix_path, creator_not_binder)
{
	const int type = variant->type;
	struct unix_addr inherited_addr;
	int inherited, created;
	pid_t pid;

	SKIP_BEFORE_ABI(9);
	set_path_addr(&inherited_addr, "inherited.sock");
	inherited = socket(AF_UNIX, type | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	ASSERT_LE(0, inherited);
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		sandbox(_metadata, RESOLVE_UNIX, NULL);
		ASSERT_EQ(0, bind(inherited,
				  (const struct sockaddr *)&inherited_addr.un,
				  inherited_addr.len));
		if (type != SOCK_DGRAM)
			ASSERT_EQ(0, listen(inherited, 8));
		created = path_server(_metadata, type, "created.sock");
		check_reach(_metadata, inherited, type, "inherited.sock",
			    EACCES);
		check_reach(_metadata, created, type, "created.sock", 0);
		_exit(_metadata->passed ? 0 : 1);
	}
	ASSERT_EQ(0, wait_child(_metadata, pid));
	ASSERT_EQ(0, close(inherited));
}

/*
 * The kernel's own checks come before Landlock's: the sandbox, with no rule,
 * gets their errors rather than EACCES.  Without write permission on the
 * socket file (and without CAP_DAC_OVERRIDE), EACCES even with a rule.
 */
TEST_F(unix_path, kernel_errors_first)
{
	const int type = variant->type;
	const struct rule rules[] = {
		{ "read-only.sock", RESOLVE_UNIX },
		{},
	};
	int other, closed, read_only;
	pid_t pid;

	SKIP_BEFORE_ABI(9);
	create_file(_metadata, "file");
	other = path_server(_metadata, other_type(type), "other-type.sock");
	closed = path_server(_metadata, type, "closed.sock");
	ASSERT_EQ(0, close(closed));
	read_only = path_server(_metadata, type, "read-only.sock");
	ASSERT_EQ(0, chmod("read-only.sock", 0555));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		drop_all_caps(_metadata);
		sandbox(_metadata, RESOLVE_UNIX, rules);
		EXPECT_EQ(ENOENT, reach(_metadata, type, "missing.sock"));
		EXPECT_EQ(ENOTDIR, reach(_metadata, type, "file/a.sock"));
		EXPECT_EQ(ECONNREFUSED, reach(_metadata, type, "file"));
		EXPECT_EQ(ECONNREFUSED, reach(_metadata, type, "closed.sock"));
		EXPECT_EQ(EPROTOTYPE,
			  reach(_metadata, type, "other-type.sock"));
		check_reach(_metadata, read_only, type, "read-only.sock",
			    EACCES);
		_exit(_metadata->passed ? 0 : 1);
	}
	ASSERT_EQ(0, wait_child(_metadata, pid));
	ASSERT_EQ(0, close(other));
	ASSERT_EQ(0, close(read_only));
}

/*
 * A socket connected before the sandbox still sends to its peer; an address
 * given to sendto(2) is looked up (and checked) only on a datagram socket.
 */
TEST_F(unix_path, connected_before)
{
	const int type = variant->type;
	struct unix_addr a;
	int server, fd;
	pid_t pid;

	SKIP_BEFORE_ABI(9);
	set_path_addr(&a, "s.sock");
	server = unix_server(_metadata, type, &a);
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		fd = socket(AF_UNIX, type | SOCK_CLOEXEC, 0);
		ASSERT_LE(0, fd);
		ASSERT_EQ(0,
			  connect(fd, (const struct sockaddr *)&a.un, a.len));
		sandbox(_metadata, RESOLVE_UNIX, NULL);
		EXPECT_EQ(1, send(fd, "c", 1, 0));
		EXPECT_EQ(variant->sendto_connected, test_sendto(fd, &a));
		/* The connection, or the datagram sent with send(2). */
		EXPECT_EQ(1, take_pending(server, type));
		check_reach(_metadata, server, type, "s.sock", EACCES);
		ASSERT_EQ(0, close(fd));
		_exit(_metadata->passed ? 0 : 1);
	}
	ASSERT_EQ(0, wait_child(_metadata, pid));
	ASSERT_EQ(0, close(server));
}

/* Abstract sockets and socket pairs are not concerned. */
TEST_F(unix_path, abstract_and_pairs)
{
	const int type = variant->type;
	struct unix_addr a;
	int server, fd, pair[2];
	char buf[4];
	pid_t pid;

	SKIP_BEFORE_ABI(9);
	set_abstract_addr(&a, getpid(), "resolve-unix");
	server = unix_server(_metadata, type, &a);
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		sandbox(_metadata, RESOLVE_UNIX, NULL);
		fd = socket(AF_UNIX, type | SOCK_CLOEXEC, 0);
		ASSERT_LE(0, fd);
		EXPECT_EQ(0,
			  connect(fd, (const struct sockaddr *)&a.un, a.len));
		EXPECT_EQ(1, send(fd, "a", 1, 0));
		if (type == SOCK_DGRAM)
			EXPECT_EQ(0, test_sendto(fd, &a));
		ASSERT_EQ(0, close(fd));
		ASSERT_EQ(0, socketpair(AF_UNIX, type | SOCK_CLOEXEC, 0, pair));
		EXPECT_EQ(1, send(pair[0], "p", 1, 0));
		EXPECT_EQ(1, recv(pair[1], buf, sizeof(buf), 0));
		_exit(_metadata->passed ? 0 : 1);
	}
	ASSERT_EQ(0, wait_child(_metadata, pid));
	/* The connection, or the datagrams. */
	ASSERT_EQ(type == SOCK_DGRAM ? 2 : 1, take_pending(server, type));
	ASSERT_EQ(0, close(server));
}

/*
 * Nested layers: each layer that handles RESOLVE_UNIX is satisfied on its
 * own, by a rule on the servers' directory or because it contains the
 * domain where the servers were created.
 */

static const int types[] = { SOCK_STREAM, SOCK_SEQPACKET, SOCK_DGRAM };
static const char *const server_paths[] = {
	"srv/stream.sock",
	"srv/seqpacket.sock",
	"srv/dgram.sock",
};

enum server_time {
	BEFORE_LAYERS,
	BETWEEN_LAYERS,
	INSIDE_LAYERS,
};

FIXTURE(layers)
{
	struct scratch scratch;
};

FIXTURE_VARIANT(layers)
{
	/* When the servers are created: before, between or after the layers. */
	enum server_time server_time;
	/* Created by a child, in a new layer of its own. */
	bool server_layer;
	/* The outer layer has a rule on the servers' directory. */
	bool outer_rule;
	/* The inner layer handles RESOLVE_UNIX (otherwise only READ_FILE). */
	bool inner_handles;
	/* The inner layer has a rule on the servers' directory. */
	bool inner_rule;
	int err;
};

/* Created in the inner layer: no rule needed. */
/* clang-format off */
FIXTURE_VARIANT_ADD(layers, inside) {
	/* clang-format on */
	.server_time = INSIDE_LAYERS,
	.inner_handles = true,
	.err = 0,
};

/* Created in a layer nested in the inner layer. */
/* clang-format off */
FIXTURE_VARIANT_ADD(layers, nested_inside) {
	/* clang-format on */
	.server_time = INSIDE_LAYERS,
	.server_layer = true,
	.inner_handles = true,
	.err = 0,
};

/* Created before the inner layer: the outer layer only is satisfied. */
/* clang-format off */
FIXTURE_VARIANT_ADD(layers, between) {
	/* clang-format on */
	.server_time = BETWEEN_LAYERS,
	.inner_handles = true,
	.err = EACCES,
};

/* The outer layer by its domain, the inner one by its rule. */
/* clang-format off */
FIXTURE_VARIANT_ADD(layers, between_inner_rule) {
	/* clang-format on */
	.server_time = BETWEEN_LAYERS,
	.inner_handles = true,
	.inner_rule = true,
	.err = 0,
};

/* The inner layer does not handle the right. */
/* clang-format off */
FIXTURE_VARIANT_ADD(layers, between_inner_unhandled) {
	/* clang-format on */
	.server_time = BETWEEN_LAYERS,
	.err = 0,
};

/* Created in a sibling of the inner layer: the outer layer only. */
/* clang-format off */
FIXTURE_VARIANT_ADD(layers, sibling) {
	/* clang-format on */
	.server_time = BETWEEN_LAYERS,
	.server_layer = true,
	.inner_handles = true,
	.err = EACCES,
};

/* A sibling of the inner layer, which has a rule. */
/* clang-format off */
FIXTURE_VARIANT_ADD(layers, sibling_inner_rule) {
	/* clang-format on */
	.server_time = BETWEEN_LAYERS,
	.server_layer = true,
	.inner_handles = true,
	.inner_rule = true,
	.err = 0,
};

/* Created outside: a rule in the outer layer only. */
/* clang-format off */
FIXTURE_VARIANT_ADD(layers, before_outer_rule) {
	/* clang-format on */
	.server_time = BEFORE_LAYERS,
	.outer_rule = true,
	.inner_handles = true,
	.err = EACCES,
};

/* Created outside: a rule in the inner layer only. */
/* clang-format off */
FIXTURE_VARIANT_ADD(layers, before_inner_rule) {
	/* clang-format on */
	.server_time = BEFORE_LAYERS,
	.inner_handles = true,
	.inner_rule = true,
	.err = EACCES,
};

/* Created outside: a rule in each layer. */
/* clang-format off */
FIXTURE_VARIANT_ADD(layers, before_both_rules) {
	/* clang-format on */
	.server_time = BEFORE_LAYERS, .outer_rule = true, .inner_handles = true,
	.inner_rule = true,	      .err = 0,
};

/* Created outside: the outer layer, with no rule, denies. */
/* clang-format off */
FIXTURE_VARIANT_ADD(layers, before_inner_unhandled) {
	/* clang-format on */
	.server_time = BEFORE_LAYERS,
	.err = EACCES,
};

/* Created outside: the only layer handling the right has a rule. */
/* clang-format off */
FIXTURE_VARIANT_ADD(layers, before_outer_rule_inner_unhandled) {
	/* clang-format on */
	.server_time = BEFORE_LAYERS,
	.outer_rule = true,
	.err = 0,
};

FIXTURE_SETUP(layers)
{
	scratch_setup(_metadata, &self->scratch);
	create_dir(_metadata, "srv");
}

FIXTURE_TEARDOWN(layers)
{
	scratch_teardown(_metadata, &self->scratch);
}

/*
 * Fills @servers with a server of each type, created by the calling task or,
 * with @own_layer, by a child in a new layer (which passes them back).
 */
static void make_servers(struct __test_metadata *const _metadata, int servers[],
			 const bool own_layer)
{
	int pair[2], i;
	pid_t pid;

	if (!own_layer) {
		for (i = 0; i < ARRAY_SIZE(types); i++)
			servers[i] = path_server(_metadata, types[i],
						 server_paths[i]);
		return;
	}
	ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		sandbox(_metadata, RESOLVE_UNIX, NULL);
		for (i = 0; i < ARRAY_SIZE(types); i++)
			ASSERT_EQ(0, send_fd(pair[1],
					     path_server(_metadata, types[i],
							 server_paths[i])));
		_exit(_metadata->passed ? 0 : 1);
	}
	for (i = 0; i < ARRAY_SIZE(types); i++) {
		servers[i] = recv_fd(pair[0]);
		ASSERT_LE(0, servers[i]);
	}
	ASSERT_EQ(0, wait_child(_metadata, pid));
	ASSERT_EQ(0, close(pair[0]));
	ASSERT_EQ(0, close(pair[1]));
}

/* Adds a layer handling @handled, with a rule granting it on "srv" or not. */
static void add_layer(struct __test_metadata *const _metadata,
		      const __u64 handled, const bool rule)
{
	const struct rule rules[] = {
		{ "srv", handled },
		{},
	};

	sandbox(_metadata, handled, rule ? rules : NULL);
}

TEST_F(layers, reach)
{
	int servers[ARRAY_SIZE(types)], i;
	pid_t pid;

	SKIP_BEFORE_ABI(9);
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		if (variant->server_time == BEFORE_LAYERS)
			make_servers(_metadata, servers, variant->server_layer);
		add_layer(_metadata, RESOLVE_UNIX, variant->outer_rule);
		if (variant->server_time == BETWEEN_LAYERS)
			make_servers(_metadata, servers, variant->server_layer);
		add_layer(_metadata,
			  variant->inner_handles ? RESOLVE_UNIX :
						   LANDLOCK_ACCESS_FS_READ_FILE,
			  variant->inner_rule);
		if (variant->server_time == INSIDE_LAYERS)
			make_servers(_metadata, servers, variant->server_layer);
		for (i = 0; i < ARRAY_SIZE(types); i++)
			check_reach(_metadata, servers[i], types[i],
				    server_paths[i], variant->err);
		_exit(_metadata->passed ? 0 : 1);
	}
	ASSERT_EQ(0, wait_child(_metadata, pid));
}

/*
 * Rules: RESOLVE_UNIX may be granted on any file (a socket file, a regular
 * file) or directory, from ABI 9 on; an older kernel refuses it as an
 * unknown right.
 */

FIXTURE(rules)
{
	struct scratch scratch;
};

FIXTURE_SETUP(rules)
{
	scratch_setup(_metadata, &self->scratch);
}

FIXTURE_TEARDOWN(rules)
{
	scratch_teardown(_metadata, &self->scratch);
}

/* Adds a rule granting @access on @path: returns its errno, or 0. */
static int test_add_rule(const int ruleset_fd, const char *const path,
			 const __u64 access)
{
	struct landlock_path_beneath_attr rule = {
		.allowed_access = access,
	};
	int err;

	rule.parent_fd = open(path, O_PATH | O_CLOEXEC);
	if (rule.parent_fd < 0)
		return errno;
	err = ERR(landlock_add_rule(ruleset_fd, LANDLOCK_RULE_PATH_BENEATH,
				    &rule, 0));
	close(rule.parent_fd);
	return err;
}

TEST_F(rules, add_rule)
{
	struct landlock_ruleset_attr attr = {
		.handled_access_fs = RESOLVE_UNIX,
	};
	int ruleset_fd, server;

	if (landlock_abi() < 9) {
		ASSERT_EQ(-1, landlock_create_ruleset(&attr, sizeof(attr), 0));
		ASSERT_EQ(EINVAL, errno);
		return;
	}
	server = path_server(_metadata, SOCK_STREAM, "s.sock");
	create_file(_metadata, "file");
	create_dir(_metadata, "dir");
	attr.handled_access_fs |= LANDLOCK_ACCESS_FS_READ_DIR;
	ruleset_fd = landlock_create_ruleset(&attr, sizeof(attr), 0);
	ASSERT_LE(0, ruleset_fd);
	EXPECT_EQ(0, test_add_rule(ruleset_fd, "s.sock", RESOLVE_UNIX));
	EXPECT_EQ(0, test_add_rule(ruleset_fd, "file", RESOLVE_UNIX));
	EXPECT_EQ(0, test_add_rule(ruleset_fd, "dir",
				   RESOLVE_UNIX | LANDLOCK_ACCESS_FS_READ_DIR));
	/* A directory right on a socket file. */
	EXPECT_EQ(EINVAL,
		  test_add_rule(ruleset_fd, "s.sock",
				RESOLVE_UNIX | LANDLOCK_ACCESS_FS_READ_DIR));
	ASSERT_EQ(0, close(ruleset_fd));

	/* A ruleset that does not handle it may not grant it. */
	attr.handled_access_fs = LANDLOCK_ACCESS_FS_READ_DIR;
	ruleset_fd = landlock_create_ruleset(&attr, sizeof(attr), 0);
	ASSERT_LE(0, ruleset_fd);
	EXPECT_EQ(EINVAL, test_add_rule(ruleset_fd, "dir", RESOLVE_UNIX));
	ASSERT_EQ(0, close(ruleset_fd));
	ASSERT_EQ(0, close(server));
}

LANDLOCK_HARNESS_MAIN
