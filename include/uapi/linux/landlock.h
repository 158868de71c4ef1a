/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * Landlock: user-space interface
 *
 * Types and constants shared between the kernel and the programs that
 * sandbox themselves with the landlock_create_ruleset(),
 * landlock_add_rule() and landlock_restrict_self() system calls.
 */

#ifndef _UAPI_LINUX_LANDLOCK_H
#define _UAPI_LINUX_LANDLOCK_H

#include <linux/types.h>

/**
 * struct landlock_ruleset_attr - Ruleset definition
 *
 * Passed to landlock_create_ruleset().  The kernel reads as many bytes as
 * the caller says the structure has: a shorter structure means the fields
 * it lacks are zero, and the bytes of a longer one that the kernel does not
 * know must be zero.
 */
struct landlock_ruleset_attr {
	/**
	 * @handled_access_fs: Set of filesystem actions (see
	 * `Filesystem access rights`_) that the ruleset restricts.  An action
	 * in this set is denied unless a rule of the ruleset allows it; an
	 * action outside of it is not restricted by this ruleset.
	 */
	__u64 handled_access_fs;
	/**
	 * @handled_access_net: Set of network actions (see `Network access
	 * rights`_) that the ruleset restricts (ABI 4).
	 */
	__u64 handled_access_net;
	/**
	 * @scoped: Set of interactions with the world outside the domain
	 * (see `Scopes`_) that the ruleset forbids (ABI 6).
	 */
	__u64 scoped;
	/**
	 * @quiet_access_fs: Filesystem actions, among @handled_access_fs,
	 * whose denials are not logged when they happen on an object marked
	 * with %LANDLOCK_ADD_RULE_QUIET (ABI 10).
	 */
	__u64 quiet_access_fs;
	/**
	 * @quiet_access_net: Network actions, among @handled_access_net,
	 * whose denials are not logged when they are about a port marked
	 * with %LANDLOCK_ADD_RULE_QUIET (ABI 10).
	 */
	__u64 quiet_access_net;
	/**
	 * @quiet_scoped: Scopes, among @scoped, whose denials are not logged
	 * (ABI 10).
	 */
	__u64 quiet_scoped;
	/**
	 * @handled_permissions: Set of permissions (see `Permissions`_) that
	 * the ruleset restricts: every member of such a category (namespace
	 * type, capability) is denied unless a rule of the ruleset allows it
	 * (ABI 12).
	 */
	__u64 handled_permissions;
};

/*
 * Flags of landlock_create_ruleset().
 */
/**
 * define LANDLOCK_CREATE_RULESET_VERSION - Ask for the ABI version
 *
 * With this flag, and with a NULL attribute pointer and a zero size,
 * landlock_create_ruleset() creates nothing and returns the highest Landlock
 * ABI version that the running kernel fully supports.
 */
#define LANDLOCK_CREATE_RULESET_VERSION (1U << 0)

/**
 * define LANDLOCK_CREATE_RULESET_ERRATA - Ask which errata are fixed
 *
 * With this flag, and with a NULL attribute pointer and a zero size,
 * landlock_create_ruleset() creates nothing and returns a bitmask of the
 * Landlock errata that the running kernel fixes: bit N-1 stands for
 * erratum N.  Only the errata that apply to the kernel's ABI version are
 * reported.
 */
#define LANDLOCK_CREATE_RULESET_ERRATA (1U << 1)

/*
 * Flags of landlock_restrict_self().  The first three (ABI 7) say what the
 * audit subsystem logs of the denials of the new domain.  By default, the
 * denials of the program that enforces the domain are logged, until it runs
 * execve(2).  The fourth (ABI 8) says which threads are restricted, the
 * fifth (ABI 11) lets the call set no_new_privs itself.
 */
/**
 * define LANDLOCK_RESTRICT_SELF_LOG_SAME_EXEC_OFF - Quiet the creator
 *
 * Do not log the denials of the program that creates the domain (and of
 * its children running the same program).
 */
#define LANDLOCK_RESTRICT_SELF_LOG_SAME_EXEC_OFF (1U << 0)
/**
 * define LANDLOCK_RESTRICT_SELF_LOG_NEW_EXEC_ON - Log the next programs
 *
 * Also log the denials of the programs run with execve(2) in the domain,
 * which are not logged by default.
 */
#define LANDLOCK_RESTRICT_SELF_LOG_NEW_EXEC_ON (1U << 1)
/**
 * define LANDLOCK_RESTRICT_SELF_LOG_SUBDOMAINS_OFF - Quiet nested domains
 *
 * Never log the denials of the domains that the calling thread (and its
 * future children) will create from now on, whatever their flags.  This is
 * the only flag accepted with a @ruleset_fd of -1 (apart from
 * %LANDLOCK_RESTRICT_SELF_TSYNC), which changes this setting without
 * creating a domain.
 */
#define LANDLOCK_RESTRICT_SELF_LOG_SUBDOMAINS_OFF (1U << 2)
/**
 * define LANDLOCK_RESTRICT_SELF_TSYNC - Restrict every thread of the process
 *
 * Give every other thread of the calling process the Landlock state that
 * the calling thread gets: the same domain, the same logging of its
 * denials, and the same %LANDLOCK_RESTRICT_SELF_LOG_SUBDOMAINS_OFF setting,
 * whatever Landlock state these threads had before.  Their other
 * credentials (user and group IDs, capabilities...) do not change.  If the
 * calling thread has no_new_privs, so do they afterwards.  It is all or
 * nothing: if the call fails, no thread changed.  Threads that are already
 * exiting are left alone; threads created during the call are included.
 *
 * The other threads do the change themselves, interrupted as by a signal
 * that has no handler: a system call they are blocked in is restarted, or
 * fails with EINTR if it would fail so after a signal (e.g. epoll_wait(2)).
 * The call waits until every thread changed.
 *
 * With a @ruleset_fd of -1, this flag is only accepted together with
 * %LANDLOCK_RESTRICT_SELF_LOG_SUBDOMAINS_OFF alone: no domain is created,
 * and every thread gets the calling thread's Landlock state with that
 * setting on.
 */
#define LANDLOCK_RESTRICT_SELF_TSYNC (1U << 3)
/**
 * define LANDLOCK_RESTRICT_SELF_NO_NEW_PRIVS - Set no_new_privs on success
 *
 * Enforce the ruleset without having no_new_privs or CAP_SYS_ADMIN
 * beforehand: the call sets no_new_privs on the calling thread (and, with
 * %LANDLOCK_RESTRICT_SELF_TSYNC, on every other thread of the process) if,
 * and only if, it succeeds.  It needs a ruleset: with a @ruleset_fd of -1,
 * the call fails with EBADF.
 */
#define LANDLOCK_RESTRICT_SELF_NO_NEW_PRIVS (1U << 4)

/*
 * Flags of landlock_add_rule().
 */
/**
 * define LANDLOCK_ADD_RULE_QUIET - Do not log denials on the rule's object
 *
 * Marks the object of the rule (a file hierarchy, or a port) as quiet in
 * the ruleset: a denial that the domain created from this ruleset is the
 * youngest layer to make, on this object (or, for a file, beneath it), is
 * not logged if every right it denies is in the ruleset's quiet mask of
 * that type (&struct landlock_ruleset_attr.quiet_access_fs or
 * .quiet_access_net).  The access is still denied.  With this flag, the
 * rule may grant no right at all (ABI 10).
 */
#define LANDLOCK_ADD_RULE_QUIET (1U << 0)

/**
 * enum landlock_rule_type - Landlock rule type
 *
 * Selects the structure that landlock_add_rule() reads.
 */
enum landlock_rule_type {
	/**
	 * @LANDLOCK_RULE_PATH_BENEATH: Grants access to a file hierarchy;
	 * the attribute is a &struct landlock_path_beneath_attr.
	 */
	LANDLOCK_RULE_PATH_BENEATH = 1,
	/**
	 * @LANDLOCK_RULE_NET_PORT: Grants access to a TCP or UDP port; the
	 * attribute is a &struct landlock_net_port_attr (ABI 4).
	 */
	LANDLOCK_RULE_NET_PORT,
	/**
	 * @LANDLOCK_RULE_NAMESPACE: Allows namespace types; the attribute is
	 * a &struct landlock_namespace_attr (ABI 12).
	 */
	LANDLOCK_RULE_NAMESPACE,
	/**
	 * @LANDLOCK_RULE_CAPABILITY: Allows capabilities; the attribute is a
	 * &struct landlock_capability_attr (ABI 12).
	 */
	LANDLOCK_RULE_CAPABILITY,
};

/**
 * struct landlock_path_beneath_attr - Rule granting access to a hierarchy
 *
 * Argument of landlock_add_rule() for %LANDLOCK_RULE_PATH_BENEATH.
 */
struct landlock_path_beneath_attr {
	/**
	 * @allowed_access: Filesystem actions (see `Filesystem access
	 * rights`_) allowed on the file hierarchy, or on the single file,
	 * that @parent_fd designates.
	 */
	__u64 allowed_access;
	/**
	 * @parent_fd: File descriptor, possibly opened with ``O_PATH``, of the
	 * directory at the top of the hierarchy, or of the file itself.
	 */
	__s32 parent_fd;
	/*
	 * Packed: this structure is 12 bytes long, and user space relies on
	 * that layout.
	 */
} __attribute__((packed));

/**
 * struct landlock_net_port_attr - Rule granting access to a port
 *
 * Argument of landlock_add_rule() for %LANDLOCK_RULE_NET_PORT.
 */
struct landlock_net_port_attr {
	/**
	 * @allowed_access: Network actions (see `Network access rights`_)
	 * allowed on @port.
	 */
	__u64 allowed_access;
	/**
	 * @port: Port number, in host byte order, from 0 to 65535.
	 *
	 * For %LANDLOCK_ACCESS_NET_BIND_TCP and %LANDLOCK_ACCESS_NET_BIND_UDP,
	 * port 0 stands for binding to an ephemeral port chosen by the kernel
	 * (bind(2) with port 0, or the implicit bind of an unbound UDP socket
	 * that connects or sends): a sandbox that should be able to do so
	 * needs a rule for port 0.
	 */
	__u64 port;
};

/**
 * struct landlock_namespace_attr - Rule allowing namespace types
 *
 * Argument of landlock_add_rule() for %LANDLOCK_RULE_NAMESPACE.  The
 * flags of the call must be 0.
 */
struct landlock_namespace_attr {
	/**
	 * @permissions: Must be %LANDLOCK_PERMISSION_NAMESPACE_USE.
	 */
	__u64 permissions;
	/**
	 * @allowed_namespace_types: Namespace types, as ``CLONE_NEW*`` flags
	 * (see clone(2)), that the sandboxed tasks may create and join.
	 * Flags that the kernel does not know are ignored.
	 */
	__u64 allowed_namespace_types;
	/**
	 * @quiet_namespace_types: Namespace types, as ``CLONE_NEW*`` flags,
	 * whose denials by the domain that the ruleset becomes are not
	 * logged.
	 */
	__u64 quiet_namespace_types;
};

/**
 * struct landlock_capability_attr - Rule allowing capabilities
 *
 * Argument of landlock_add_rule() for %LANDLOCK_RULE_CAPABILITY.  The
 * flags of the call must be 0.
 */
struct landlock_capability_attr {
	/**
	 * @permissions: Must be %LANDLOCK_PERMISSION_CAPABILITY_USE.
	 */
	__u64 permissions;
	/**
	 * @allowed_capabilities: Capabilities that the sandboxed tasks may
	 * use, bit N standing for the capability N (``1ULL << CAP_SYS_ADMIN``
	 * for ``CAP_SYS_ADMIN``, see capabilities(7)).  Bits above the last
	 * capability that the kernel knows are ignored.
	 */
	__u64 allowed_capabilities;
	/**
	 * @quiet_capabilities: Capabilities, in the same encoding, whose
	 * denials by the domain that the ruleset becomes are not logged.
	 */
	__u64 quiet_capabilities;
};

/**
 * DOC: fs_access
 *
 * Filesystem access rights
 * ~~~~~~~~~~~~~~~~~~~~~~~~
 *
 * A right is a bit of &struct landlock_ruleset_attr.handled_access_fs and
 * of &struct landlock_path_beneath_attr.allowed_access.  A rule tied to a
 * directory applies to every file beneath it; a rule tied to another kind
 * of file applies to that file only, and may only hold the first group of
 * rights below.
 *
 * Rights that apply to files (and to the files of a directory):
 *
 * - %LANDLOCK_ACCESS_FS_EXECUTE: execute a file.
 * - %LANDLOCK_ACCESS_FS_WRITE_FILE: open a file for writing.
 * - %LANDLOCK_ACCESS_FS_READ_FILE: open a file for reading.
 * - %LANDLOCK_ACCESS_FS_TRUNCATE: truncate a file with truncate(2),
 *   ftruncate(2), creat(2), or open(2) with ``O_TRUNC``.  For an open
 *   file, the right is decided when the file is opened and stays with it,
 *   even if it is passed to another process (ABI 3).
 * - %LANDLOCK_ACCESS_FS_IOCTL_DEV: use ioctl(2) on a character or block
 *   device.  Like %LANDLOCK_ACCESS_FS_TRUNCATE, the right is decided when
 *   the device is opened and stays with the open file (ABI 5).  Other
 *   files are not concerned, and a few commands that act on the file
 *   descriptor or on the file system rather than on the device are always
 *   allowed: ``FIOCLEX``, ``FIONCLEX``, ``FIONBIO``, ``FIOASYNC``,
 *   ``FIOQSIZE``, ``FIFREEZE``, ``FITHAW``, ``FIGETBSZ``,
 *   ``FS_IOC_FIEMAP``, ``FICLONE``, ``FICLONERANGE`` and
 *   ``FIDEDUPERANGE``, through the 64-bit and the 32-bit ioctl(2) alike.
 * - %LANDLOCK_ACCESS_FS_RESOLVE_UNIX: reach a UNIX domain socket through
 *   its socket file, i.e. connect(2) to a pathname socket (stream,
 *   seqpacket or datagram), or send a datagram to one with sendto(2),
 *   sendmsg(2) or sendmmsg(2) and an explicit address (ABI 9).  A socket
 *   created by a process of the same sandbox (the domain of the layer, or
 *   one nested in it) may always be reached: each layer allows either
 *   that, or the socket file through a rule.  Abstract sockets (see
 *   %LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET), socketpair(2), and sends on a
 *   connected socket without an address are not concerned.  The kernel's
 *   own checks come first (``ENOENT``, ``EACCES`` without write permission
 *   on the socket file, ``ECONNREFUSED``, ``EPROTOTYPE``); a denial is
 *   ``EACCES``.
 *
 * Rights that apply to directories only:
 *
 * - %LANDLOCK_ACCESS_FS_READ_DIR: open a directory or list its entries.
 * - %LANDLOCK_ACCESS_FS_REMOVE_DIR: remove an empty directory, or rename
 *   one away.
 * - %LANDLOCK_ACCESS_FS_REMOVE_FILE: unlink a non-directory file, or rename
 *   one away.
 * - %LANDLOCK_ACCESS_FS_MAKE_CHAR: create (mknod, link or rename into
 *   place) a character device, other than a whiteout.
 * - %LANDLOCK_ACCESS_FS_MAKE_DIR: create or rename into place a directory.
 * - %LANDLOCK_ACCESS_FS_MAKE_REG: create, link or rename into place a
 *   regular file or a whiteout (a 0:0 character device, made by mknod(2)
 *   or left at the source of renameat2(2) with ``RENAME_WHITEOUT``).
 * - %LANDLOCK_ACCESS_FS_MAKE_SOCK: create, link or rename into place a UNIX
 *   domain socket file.
 * - %LANDLOCK_ACCESS_FS_MAKE_FIFO: create, link or rename into place a named
 *   pipe.
 * - %LANDLOCK_ACCESS_FS_MAKE_BLOCK: create, link or rename into place a
 *   block device.
 * - %LANDLOCK_ACCESS_FS_MAKE_SYM: create, link or rename into place a
 *   symbolic link.
 * - %LANDLOCK_ACCESS_FS_REFER: link or rename a file into or out of the
 *   directory, i.e. give it another parent directory (ABI 2).  Unlike every
 *   other right, it is denied even by a ruleset that does not handle it:
 *   a sandbox that restricts any filesystem right refuses cross-directory
 *   links and renames with ``EXDEV`` unless each of its layers handles and
 *   grants %LANDLOCK_ACCESS_FS_REFER on both directories.  Even then, such
 *   a move is refused with ``EXDEV`` if the file would get, in its new
 *   place, a right that it does not have in its current one.  Missing
 *   MAKE or REMOVE rights are reported first, with ``EACCES``.  An
 *   application getting ``EXDEV`` should fall back to copying.
 *
 * A sandboxed thread whose domain restricts any filesystem right can no
 * longer change the mount topology (mount, umount, remount, move a mount,
 * pivot_root).
 */
/* clang-format off */
#define LANDLOCK_ACCESS_FS_EXECUTE			(1ULL << 0)
#define LANDLOCK_ACCESS_FS_WRITE_FILE			(1ULL << 1)
#define LANDLOCK_ACCESS_FS_READ_FILE			(1ULL << 2)
#define LANDLOCK_ACCESS_FS_READ_DIR			(1ULL << 3)
#define LANDLOCK_ACCESS_FS_REMOVE_DIR			(1ULL << 4)
#define LANDLOCK_ACCESS_FS_REMOVE_FILE			(1ULL << 5)
#define LANDLOCK_ACCESS_FS_MAKE_CHAR			(1ULL << 6)
#define LANDLOCK_ACCESS_FS_MAKE_DIR			(1ULL << 7)
#define LANDLOCK_ACCESS_FS_MAKE_REG			(1ULL << 8)
#define LANDLOCK_ACCESS_FS_MAKE_SOCK			(1ULL << 9)
#define LANDLOCK_ACCESS_FS_MAKE_FIFO			(1ULL << 10)
#define LANDLOCK_ACCESS_FS_MAKE_BLOCK			(1ULL << 11)
#define LANDLOCK_ACCESS_FS_MAKE_SYM			(1ULL << 12)
#define LANDLOCK_ACCESS_FS_REFER			(1ULL << 13)
#define LANDLOCK_ACCESS_FS_TRUNCATE			(1ULL << 14)
#define LANDLOCK_ACCESS_FS_IOCTL_DEV			(1ULL << 15)
#define LANDLOCK_ACCESS_FS_RESOLVE_UNIX			(1ULL << 16)
/* clang-format on */

/**
 * DOC: net_access
 *
 * Network access rights
 * ~~~~~~~~~~~~~~~~~~~~~
 *
 * A right is a bit of &struct landlock_ruleset_attr.handled_access_net and
 * of &struct landlock_net_port_attr.allowed_access (ABI 4).  They apply to
 * TCP and UDP sockets (IPv4 and IPv6) only; other protocols, including
 * other stream protocols such as MPTCP, SCTP and SMC, UDP-Lite, and ICMP
 * and raw sockets, are not restricted.
 *
 * - %LANDLOCK_ACCESS_NET_BIND_TCP: bind a TCP socket to a local port.
 * - %LANDLOCK_ACCESS_NET_CONNECT_TCP: connect a TCP socket to a remote
 *   port.
 * - %LANDLOCK_ACCESS_NET_BIND_UDP: bind a UDP socket to a local port,
 *   explicitly or, for port 0, implicitly when an unbound socket connects
 *   or sends (ABI 10).
 * - %LANDLOCK_ACCESS_NET_CONNECT_SEND_UDP: connect a UDP socket to a
 *   remote port, or send a datagram to a remote port given with the
 *   datagram (ABI 10).
 *
 * A denied action fails with ``EACCES``.
 */
/* clang-format off */
#define LANDLOCK_ACCESS_NET_BIND_TCP			(1ULL << 0)
#define LANDLOCK_ACCESS_NET_CONNECT_TCP			(1ULL << 1)
#define LANDLOCK_ACCESS_NET_BIND_UDP			(1ULL << 2)
#define LANDLOCK_ACCESS_NET_CONNECT_SEND_UDP		(1ULL << 3)
/* clang-format on */

/**
 * DOC: scope
 *
 * Scopes
 * ~~~~~~
 *
 * A scope is a bit of &struct landlock_ruleset_attr.scoped.  It cuts the
 * tasks of the new domain off from one kind of interaction with any task
 * that is neither in that domain nor in a domain nested in it (i.e. created
 * later by one of its tasks).  Scopes take no rules: the boundary is the
 * domain itself.
 *
 * - %LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET: connect(2) a UNIX socket to, or
 *   send a datagram with an explicit address to, an abstract UNIX socket
 *   (see unix(7)) created by a task outside the domain.  Pathname sockets
 *   and already connected sockets are not concerned.
 * - %LANDLOCK_SCOPE_SIGNAL: send a signal (kill(2), tgkill(2),
 *   sigqueue(3)...) to a task outside the domain.  Signals between the
 *   threads of one process are always allowed.  A signal that a file sends
 *   to its owner (%SIGIO, %SIGURG, see fcntl(2) ``F_SETOWN``) is judged by
 *   the domain of the task that set the owner.
 *
 * A denied interaction fails with ``EPERM``.
 */
/* clang-format off */
#define LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET		(1ULL << 0)
#define LANDLOCK_SCOPE_SIGNAL				(1ULL << 1)
/* clang-format on */

/**
 * DOC: perm
 *
 * Permissions
 * ~~~~~~~~~~~
 *
 * A permission is a bit of &struct landlock_ruleset_attr.handled_permissions
 * and of the ``permissions`` field of the rules that allow its members
 * (ABI 12).  Each one restricts a category of operations: once handled, a
 * member of the category (a namespace type, a capability) is denied unless
 * a rule of the ruleset allows it.  The allowed members of a layer are the
 * union of its rules; each layer that handles the permission must allow the
 * member.  Members that the kernel does not know are ignored in rules, and
 * members that later kernels add are denied until a rule allows them.
 *
 * - %LANDLOCK_PERMISSION_NAMESPACE_USE: create (clone(2), clone3(2),
 *   unshare(2), and the anonymous mount namespaces of open_tree(2) with
 *   ``OPEN_TREE_CLONE`` and of fsmount(2)) or join (setns(2), through a
 *   namespace file or a pidfd) a namespace of a type.  Rules are
 *   &struct landlock_namespace_attr.  A denial fails with ``EPERM``, and a
 *   call that asks for several types creates nothing if one is denied.
 *   The kernel's own capability checks come first on creation, and after
 *   Landlock's on setns(2).
 * - %LANDLOCK_PERMISSION_CAPABILITY_USE: use a capability (see
 *   capabilities(7)), whatever user namespace it is checked in, including
 *   the capabilities that a task gets in the user namespaces it creates.
 *   Rules are &struct landlock_capability_attr.  The capability sets of the
 *   tasks do not change; a denied capability check fails as it would if the
 *   task did not have the capability (usually with ``EPERM``).
 */
/* clang-format off */
#define LANDLOCK_PERMISSION_NAMESPACE_USE		(1ULL << 0)
#define LANDLOCK_PERMISSION_CAPABILITY_USE		(1ULL << 1)
/* clang-format on */

#endif /* _UAPI_LINUX_LANDLOCK_H */
