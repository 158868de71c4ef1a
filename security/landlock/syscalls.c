// SPDX-License-Identifier: GPL-2.0-only
/*
 * Landlock: the three system calls
 *
 * landlock_create_ruleset() returns a file descriptor to a new ruleset,
 * landlock_add_rule() adds rules to it, and landlock_restrict_self()
 * enforces it on the calling thread, stacked on its current domain.
 */

#include <linux/anon_inodes.h>
#include <linux/build_bug.h>
#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/err.h>
#include <linux/fcntl.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/path.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>

#include "audit.h"
#include "common.h"
#include "domain.h"
#include "fs.h"
#include "lsm.h"
#include "object.h"
#include "ruleset.h"
#include "trace.h"
#include "tsync.h"

static int release_ruleset_file(struct inode *const inode,
				struct file *const file)
{
	landlock_ruleset_free(file->private_data);
	return 0;
}

static const struct file_operations ruleset_fops = {
	.release = release_ruleset_file,
	.llseek = noop_llseek,
};

/*
 * Reads the caller's struct landlock_ruleset_attr of @size bytes: missing
 * trailing fields are zero, extra trailing bytes must be zero.
 */
static int read_ruleset_attr(struct landlock_ruleset_attr *const attr,
			     const void __user *const uattr, const size_t size)
{
	/* As mainline: a NULL pointer is reported before any size issue. */
	if (!uattr)
		return -EFAULT;
	/* The first field is mandatory. */
	if (size < sizeof(attr->handled_access_fs))
		return -EINVAL;
	if (size > PAGE_SIZE)
		return -E2BIG;
	return copy_struct_from_user(attr, sizeof(*attr), uattr, size);
}

/*
 * Checks the masks of a ruleset attribute, in mainline's order: unknown
 * rights or scopes (EINVAL), quiet masks that are not subsets of what they
 * quiet (EINVAL), unknown permissions (EINVAL), nothing handled at all
 * (ENOMSG).
 */
static int check_ruleset_attr(const struct landlock_ruleset_attr *const attr)
{
	if ((attr->handled_access_fs & ~(__u64)LL_FS_ALL) ||
	    (attr->handled_access_net & ~(__u64)LL_NET_ALL) ||
	    (attr->scoped & ~(__u64)LL_SCOPE_ALL))
		return -EINVAL;
	if ((attr->quiet_access_fs & ~attr->handled_access_fs) ||
	    (attr->quiet_access_net & ~attr->handled_access_net) ||
	    (attr->quiet_scoped & ~attr->scoped))
		return -EINVAL;
	if (attr->handled_permissions & ~(__u64)LL_PERM_ALL)
		return -EINVAL;
	if (!attr->handled_access_fs && !attr->handled_access_net &&
	    !attr->scoped && !attr->handled_permissions)
		return -ENOMSG;
	return 0;
}

/**
 * sys_landlock_create_ruleset - Create a ruleset
 * @attr: Pointer to a &struct landlock_ruleset_attr, or NULL with
 *        %LANDLOCK_CREATE_RULESET_VERSION.
 * @size: Size of the structure @attr points to.
 * @flags: 0, %LANDLOCK_CREATE_RULESET_VERSION or
 *         %LANDLOCK_CREATE_RULESET_ERRATA.
 *
 * Return: a new ruleset file descriptor (read-write, close-on-exec), the
 * ABI version with %LANDLOCK_CREATE_RULESET_VERSION, the bitmask of fixed
 * errata with %LANDLOCK_CREATE_RULESET_ERRATA, or a negative errno:
 * -EOPNOTSUPP (Landlock disabled at boot), -EINVAL (unknown flag, unknown
 * right or permission, quiet mask larger than what it quiets, @size too
 * small), -E2BIG (@size too big or unknown non-zero trailing bytes),
 * -EFAULT, -ENOMSG (no right, scope nor permission handled).
 */
SYSCALL_DEFINE3(landlock_create_ruleset,
		const struct landlock_ruleset_attr __user *const, attr,
		const size_t, size, const __u32, flags)
{
	struct landlock_ruleset_attr kattr = {};
	struct landlock_ruleset *ruleset;
	int err, fd;

	if (!landlock_enabled)
		return -EOPNOTSUPP;

	if (flags) {
		/* Queries: no ruleset, and nothing to read. */
		if (attr || size)
			return -EINVAL;
		if (flags == LANDLOCK_CREATE_RULESET_VERSION)
			return LANDLOCK_ABI_VERSION;
		if (flags == LANDLOCK_CREATE_RULESET_ERRATA)
			return LANDLOCK_ERRATA;
		return -EINVAL;
	}

	err = read_ruleset_attr(&kattr, attr, size);
	if (err)
		return err;
	err = check_ruleset_attr(&kattr);
	if (err)
		return err;

	ruleset = landlock_ruleset_alloc(kattr.handled_access_fs,
					 kattr.handled_access_net,
					 kattr.scoped);
	if (IS_ERR(ruleset))
		return PTR_ERR(ruleset);
	/* Nobody else sees the ruleset yet. */
	ruleset->quiet[LL_KEY_INODE] = kattr.quiet_access_fs;
	ruleset->quiet[LL_KEY_PORT] = kattr.quiet_access_net;
	ruleset->quiet_scoped = kattr.quiet_scoped;
	ruleset->handled_perms = kattr.handled_permissions;
	trace_landlock_create_ruleset(ruleset);
	fd = anon_inode_getfd("[landlock-ruleset]", &ruleset_fops, ruleset,
			      O_RDWR | O_CLOEXEC);
	if (fd < 0)
		landlock_ruleset_free(ruleset);
	return fd;
}

/*
 * Gets the ruleset behind @fd, which must have been opened with @mode.
 * On success, @f holds the file reference the caller must drop.
 */
static struct landlock_ruleset *get_ruleset(const int fd, struct fd *const f,
					    const fmode_t mode)
{
	*f = fdget(fd);
	if (!f->file)
		return ERR_PTR(-EBADF);
	if (f->file->f_op != &ruleset_fops) {
		fdput(*f);
		return ERR_PTR(-EBADFD);
	}
	if (!(f->file->f_mode & mode)) {
		fdput(*f);
		return ERR_PTR(-EPERM);
	}
	return f->file->private_data;
}

/*
 * Checks the rights of a rule of @type, and its flags: a rule must grant
 * some right, unless it only marks its object quiet; it may only grant
 * rights that the ruleset handles, and only mark an object quiet if the
 * ruleset quiets some right of that type.
 */
static int check_rule_access(const struct landlock_ruleset *const ruleset,
			     const enum landlock_key_type type,
			     const __u64 access, const __u32 flags)
{
	if (!access && !(flags & LANDLOCK_ADD_RULE_QUIET))
		return -ENOMSG;
	if (access & ~(__u64)ruleset->handled[type])
		return -EINVAL;
	if ((flags & LANDLOCK_ADD_RULE_QUIET) && !ruleset->quiet[type])
		return -EINVAL;
	return 0;
}

static int add_path_beneath(struct landlock_ruleset *const ruleset,
			    const void __user *const uattr, const __u32 flags)
{
	struct landlock_path_beneath_attr attr;
	struct landlock_object *object;
	struct path path;
	int err;

	if (copy_from_user(&attr, uattr, sizeof(attr)))
		return -EFAULT;
	err = check_rule_access(ruleset, LL_KEY_INODE, attr.allowed_access,
				flags);
	if (err)
		return err;

	err = landlock_get_rule_path(attr.parent_fd, &path);
	if (err)
		return err;
	if (!d_is_dir(path.dentry) &&
	    (attr.allowed_access & ~(__u64)LL_FS_FILE_RIGHTS)) {
		err = -EINVAL;
		goto out;
	}
	object = landlock_object_of_inode(d_backing_inode(path.dentry));
	if (IS_ERR(object)) {
		err = PTR_ERR(object);
		goto out;
	}
	err = landlock_ruleset_add(ruleset, LL_KEY_INODE, (uintptr_t)object,
				   attr.allowed_access,
				   flags & LANDLOCK_ADD_RULE_QUIET);
	landlock_put_object(object);
	if (err)
		goto out;
	trace_landlock_add_rule_path_beneath(ruleset, attr.allowed_access,
					     flags, &path);
out:
	path_put(&path);
	return err;
}

static int add_net_port(struct landlock_ruleset *const ruleset,
			const void __user *const uattr, const __u32 flags)
{
	struct landlock_net_port_attr attr;
	int err;

	if (copy_from_user(&attr, uattr, sizeof(attr)))
		return -EFAULT;
	err = check_rule_access(ruleset, LL_KEY_PORT, attr.allowed_access,
				flags);
	if (err)
		return err;
	if (attr.port > U16_MAX)
		return -EINVAL;
	/* Without TCP/IP, there is nothing such a rule could allow. */
	if (!IS_ENABLED(CONFIG_INET))
		return -EAFNOSUPPORT;
	err = landlock_ruleset_add(ruleset, LL_KEY_PORT, attr.port,
				   attr.allowed_access,
				   flags & LANDLOCK_ADD_RULE_QUIET);
	if (!err)
		trace_landlock_add_rule_net_port(ruleset, attr.allowed_access,
						 flags, attr.port);
	return err;
}

/*
 * Checks and adds a rule allowing members of @perm, in mainline's order:
 * flags (EINVAL), no permission (ENOMSG), another permission or one the
 * ruleset does not handle (EINVAL), no member at all (ENOMSG, on the
 * values as given).  Members this kernel does not know (in @known) are
 * then ignored.
 */
static int add_perm(struct landlock_ruleset *const ruleset,
		    const enum landlock_perm perm, const __u64 permissions,
		    const __u64 allowed, const __u64 quiet, const __u64 known)
{
	if (!permissions)
		return -ENOMSG;
	if (permissions != BIT_ULL(perm) ||
	    !(ruleset->handled_perms & BIT(perm)))
		return -EINVAL;
	if (!allowed && !quiet)
		return -ENOMSG;
	landlock_ruleset_add_perm(ruleset, perm, allowed & known,
				  quiet & known);
	return 0;
}

static int add_namespace(struct landlock_ruleset *const ruleset,
			 const void __user *const uattr, const __u32 flags)
{
	struct landlock_namespace_attr attr;
	int err;

	if (flags)
		return -EINVAL;
	if (copy_from_user(&attr, uattr, sizeof(attr)))
		return -EFAULT;
	err = add_perm(ruleset, LL_PERM_NAMESPACE, attr.permissions,
		       attr.allowed_namespace_types, attr.quiet_namespace_types,
		       LL_NS_ALL);
	if (!err)
		trace_landlock_add_rule_namespace(ruleset, attr.permissions,
						  attr.allowed_namespace_types,
						  attr.quiet_namespace_types);
	return err;
}

static int add_capability(struct landlock_ruleset *const ruleset,
			  const void __user *const uattr, const __u32 flags)
{
	struct landlock_capability_attr attr;
	int err;

	if (flags)
		return -EINVAL;
	if (copy_from_user(&attr, uattr, sizeof(attr)))
		return -EFAULT;
	err = add_perm(ruleset, LL_PERM_CAPABILITY, attr.permissions,
		       attr.allowed_capabilities, attr.quiet_capabilities,
		       LL_CAP_ALL);
	if (!err)
		trace_landlock_add_rule_capability(ruleset, attr.permissions,
						   attr.allowed_capabilities,
						   attr.quiet_capabilities);
	return err;
}

/**
 * sys_landlock_add_rule - Add a rule to a ruleset
 * @ruleset_fd: Ruleset file descriptor, opened for writing.
 * @rule_type: %LANDLOCK_RULE_PATH_BENEATH, %LANDLOCK_RULE_NET_PORT,
 *             %LANDLOCK_RULE_NAMESPACE or %LANDLOCK_RULE_CAPABILITY.
 * @rule_attr: Pointer to the rule's attribute structure.
 * @flags: 0, or %LANDLOCK_ADD_RULE_QUIET to mark the rule's object quiet
 *         (path and port rules only).
 *
 * Return: 0, or a negative errno: -EOPNOTSUPP, -EINVAL (flags, rule type,
 * rights or permission not handled by the ruleset, a permission other than
 * the rule type's, %LANDLOCK_ADD_RULE_QUIET without a quiet mask for the
 * rule's type or on a permission rule, directory rights on a file, port
 * above 65535), -ENOMSG (no right and no quiet mark; no permission; no
 * allowed nor quiet member), -EBADF, -EBADFD (not a ruleset, or a
 * parent_fd outside any user-visible hierarchy), -EPERM (ruleset not
 * writable), -EFAULT, -EAFNOSUPPORT (port rule without TCP/IP support).
 */
SYSCALL_DEFINE4(landlock_add_rule, const int, ruleset_fd,
		const enum landlock_rule_type, rule_type,
		const void __user *const, rule_attr, const __u32, flags)
{
	struct landlock_ruleset *ruleset;
	struct fd f;
	int err;

	if (!landlock_enabled)
		return -EOPNOTSUPP;
	if (flags & ~LL_ADD_RULE_FLAGS)
		return -EINVAL;

	ruleset = get_ruleset(ruleset_fd, &f, FMODE_WRITE);
	if (IS_ERR(ruleset))
		return PTR_ERR(ruleset);

	switch (rule_type) {
	case LANDLOCK_RULE_PATH_BENEATH:
		err = add_path_beneath(ruleset, rule_attr, flags);
		break;
	case LANDLOCK_RULE_NET_PORT:
		err = add_net_port(ruleset, rule_attr, flags);
		break;
	case LANDLOCK_RULE_NAMESPACE:
		err = add_namespace(ruleset, rule_attr, flags);
		break;
	case LANDLOCK_RULE_CAPABILITY:
		err = add_capability(ruleset, rule_attr, flags);
		break;
	default:
		err = -EINVAL;
		break;
	}
	fdput(f);
	return err;
}

/*
 * Decides what is logged of the denials of the new layer of @domain (not
 * shared yet), created by a task with the credentials @lcred.
 */
static int set_logging(struct landlock_domain *const domain,
		       const struct landlock_cred_sec *const lcred,
		       const __u32 flags)
{
	struct landlock_hier *const hier = domain->hier;

	if (lcred->log_subdomains_off)
		return 0;
	hier->log_same_exec =
		!(flags & LANDLOCK_RESTRICT_SELF_LOG_SAME_EXEC_OFF);
	hier->log_new_exec = flags & LANDLOCK_RESTRICT_SELF_LOG_NEW_EXEC_ON;
	if (!IS_ENABLED(CONFIG_AUDIT) ||
	    (!hier->log_same_exec && !hier->log_new_exec))
		return 0;
	hier->details = landlock_get_details();
	return hier->details ? 0 : -ENOMEM;
}

/*
 * Commits @cred on the calling thread, and its Landlock state on the other
 * threads of the process with %LANDLOCK_RESTRICT_SELF_TSYNC.
 */
static int commit_restriction(struct cred *const cred, const __u32 flags)
{
	const bool nnp = (flags & LANDLOCK_RESTRICT_SELF_NO_NEW_PRIVS) ||
			 task_no_new_privs(current);

	if (flags & LANDLOCK_RESTRICT_SELF_TSYNC)
		return landlock_commit_all_threads(cred, nnp);
	/* Nothing can fail from here: no_new_privs only comes with success. */
	if (nnp)
		task_set_no_new_privs(current);
	return commit_creds(cred);
}

/**
 * sys_landlock_restrict_self - Enforce a ruleset on the calling thread
 * @ruleset_fd: Ruleset file descriptor, opened for reading; or -1 with
 *              %LANDLOCK_RESTRICT_SELF_LOG_SUBDOMAINS_OFF alone (or with
 *              %LANDLOCK_RESTRICT_SELF_TSYNC too).
 * @flags: Logging of the new domain's denials:
 *         %LANDLOCK_RESTRICT_SELF_LOG_SAME_EXEC_OFF,
 *         %LANDLOCK_RESTRICT_SELF_LOG_NEW_EXEC_ON,
 *         %LANDLOCK_RESTRICT_SELF_LOG_SUBDOMAINS_OFF; and
 *         %LANDLOCK_RESTRICT_SELF_TSYNC to restrict every thread of the
 *         process; %LANDLOCK_RESTRICT_SELF_NO_NEW_PRIVS to set no_new_privs
 *         on success; or 0.
 *
 * The ruleset becomes a new layer of the thread's domain.  The caller must
 * have no_new_privs set or CAP_SYS_ADMIN in its user namespace, or pass
 * %LANDLOCK_RESTRICT_SELF_NO_NEW_PRIVS.  With a @ruleset_fd of -1, only the
 * logging of the domains created later by the thread and its children
 * changes.  With %LANDLOCK_RESTRICT_SELF_TSYNC, the other threads of the
 * process get the calling thread's new Landlock state (and no_new_privs if
 * it has it or sets it), all or nothing.
 *
 * Return: 0, or a negative errno, in the order of the checks: -EOPNOTSUPP,
 * -EINVAL (flags), -EPERM (neither no_new_privs nor CAP_SYS_ADMIN, nor
 * %LANDLOCK_RESTRICT_SELF_NO_NEW_PRIVS), -EBADF (including -1 with
 * %LANDLOCK_RESTRICT_SELF_NO_NEW_PRIVS), -EBADFD, -EPERM (ruleset not
 * readable), -E2BIG (already LANDLOCK_MAX_LAYERS layers), -ENOMEM.  A failed
 * call leaves no_new_privs as it was.
 */
SYSCALL_DEFINE2(landlock_restrict_self, const int, ruleset_fd, const __u32,
		flags)
{
	struct landlock_cred_sec *lcred;
	struct landlock_domain *domain;
	struct landlock_ruleset *ruleset;
	struct cred *cred;
	struct fd f;
	int err;

	if (!landlock_enabled)
		return -EOPNOTSUPP;
	/*
	 * Since ABI 11 (whose flag replaces the privilege requirement), the
	 * flags are checked before the caller's privileges.
	 */
	if (flags & ~LL_RESTRICT_SELF_FLAGS)
		return -EINVAL;
	/*
	 * Without no_new_privs, a sandboxed set-user-ID program could be
	 * tricked by its unprivileged caller.  With
	 * %LANDLOCK_RESTRICT_SELF_NO_NEW_PRIVS, the call sets it on success.
	 */
	if (!(flags & LANDLOCK_RESTRICT_SELF_NO_NEW_PRIVS) &&
	    !task_no_new_privs(current) &&
	    !ns_capable_noaudit(current_user_ns(), CAP_SYS_ADMIN))
		return -EPERM;

	/* Only changes the logging of the domains to come. */
	if (ruleset_fd == -1 &&
	    (flags & ~LANDLOCK_RESTRICT_SELF_TSYNC) ==
		    LANDLOCK_RESTRICT_SELF_LOG_SUBDOMAINS_OFF) {
		cred = prepare_creds();
		if (!cred)
			return -ENOMEM;
		landlock_cred(cred)->log_subdomains_off = true;
		return commit_restriction(cred, flags);
	}

	ruleset = get_ruleset(ruleset_fd, &f, FMODE_READ);
	if (IS_ERR(ruleset))
		return PTR_ERR(ruleset);

	cred = prepare_creds();
	if (!cred) {
		fdput(f);
		return -ENOMEM;
	}
	lcred = landlock_cred(cred);
	domain = landlock_domain_create(lcred->domain, ruleset);
	fdput(f);
	if (IS_ERR(domain)) {
		abort_creds(cred);
		return PTR_ERR(domain);
	}
	err = set_logging(domain, lcred, flags);
	if (err) {
		landlock_put_domain(domain);
		abort_creds(cred);
		return err;
	}
	landlock_put_domain(lcred->domain);
	lcred->domain = domain;
	lcred->exec_layers |= BIT(domain->nr_layers - 1);
	if (flags & LANDLOCK_RESTRICT_SELF_LOG_SUBDOMAINS_OFF)
		lcred->log_subdomains_off = true;
	err = commit_restriction(cred, flags);
	if (!err)
		trace_landlock_enforce_domain(domain, flags);
	return err;
}
