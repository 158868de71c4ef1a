/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Landlock: tracepoints (events/landlock/ in tracefs)
 *
 * The life of rulesets and domains, the rules met by access checks, and
 * the denials.  Their format is not a stable interface; see "Tracing" in
 * Documentation/userspace-api/landlock.rst for what each event shows.
 *
 * The events only take pointers to what the caller already has: everything
 * they print is read in TP_fast_assign(), so that a disabled event costs a
 * static branch and nothing else.  That code reads Landlock's private
 * structures: it is only compiled in security/landlock/trace.c, which
 * includes their definitions (and the helpers called below) first.
 */

#undef TRACE_SYSTEM
#define TRACE_SYSTEM landlock

#if !defined(_TRACE_LANDLOCK_H) || defined(TRACE_HEADER_MULTI_READ)
#define _TRACE_LANDLOCK_H

#include <linux/kdev_t.h>
#include <linux/tracepoint.h>
#include <linux/types.h>

struct dentry;
struct landlock_denial;
struct landlock_dom_rule;
struct landlock_domain;
struct landlock_hier;
struct landlock_request;
struct landlock_ruleset;
struct path;
struct sock;
struct task_struct;

/* The layout of the tracepoint macros, which clang-format does not know. */
/* clang-format off */

/* Rulesets */

TRACE_EVENT(landlock_create_ruleset,
	    TP_PROTO(const struct landlock_ruleset *ruleset),
	    TP_ARGS(ruleset),
	    TP_STRUCT__entry(__field(u64, ruleset)
			     __field(u32, handled_fs)
			     __field(u32, handled_net)
			     __field(u32, scoped)
			     __field(u32, handled_permissions)
			     __field(u32, quiet_fs)
			     __field(u32, quiet_net)
			     __field(u32, quiet_scoped)),
	    TP_fast_assign(__entry->ruleset = ruleset->id;
			   __entry->handled_fs = ruleset->handled[LL_KEY_INODE];
			   __entry->handled_net = ruleset->handled[LL_KEY_PORT];
			   __entry->scoped = ruleset->scoped;
			   __entry->handled_permissions = ruleset->handled_perms;
			   __entry->quiet_fs = ruleset->quiet[LL_KEY_INODE];
			   __entry->quiet_net = ruleset->quiet[LL_KEY_PORT];
			   __entry->quiet_scoped = ruleset->quiet_scoped;),
	    TP_printk("ruleset=%llu handled_fs=0x%x handled_net=0x%x scoped=0x%x handled_permissions=0x%x quiet_fs=0x%x quiet_net=0x%x quiet_scoped=0x%x",
		      __entry->ruleset, __entry->handled_fs,
		      __entry->handled_net, __entry->scoped,
		      __entry->handled_permissions, __entry->quiet_fs,
		      __entry->quiet_net, __entry->quiet_scoped));

TRACE_EVENT(landlock_free_ruleset,
	    TP_PROTO(const struct landlock_ruleset *ruleset),
	    TP_ARGS(ruleset),
	    TP_STRUCT__entry(__field(u64, ruleset)
			     __field(u32, rules_path_beneath)
			     __field(u32, rules_net_port)),
	    TP_fast_assign(__entry->ruleset = ruleset->id;
			   __entry->rules_path_beneath =
				ruleset->nr_rules[LL_KEY_INODE];
			   __entry->rules_net_port =
				ruleset->nr_rules[LL_KEY_PORT];),
	    TP_printk("ruleset=%llu rules_path_beneath=%u rules_net_port=%u",
		      __entry->ruleset, __entry->rules_path_beneath,
		      __entry->rules_net_port));

/* Rules added to a ruleset, one event per rule type */

TRACE_EVENT(landlock_add_rule_path_beneath,
	    TP_PROTO(const struct landlock_ruleset *ruleset, u64 access,
		     u32 flags, const struct path *path),
	    TP_ARGS(ruleset, access, flags, path),
	    TP_STRUCT__entry(__field(u64, ruleset)
			     __field(u64, access)
			     __field(u32, flags)
			     __field(dev_t, dev)
			     __field(unsigned long, ino)),
	    TP_fast_assign(__entry->ruleset = ruleset->id;
			   __entry->access = access;
			   __entry->flags = flags;
			   __entry->dev = ll_dentry_dev(path->dentry);
			   __entry->ino = ll_dentry_ino(path->dentry);),
	    TP_printk("ruleset=%llu access_rights=0x%llx flags=0x%x dev=%u:%u ino=%lu",
		      __entry->ruleset, __entry->access, __entry->flags,
		      MAJOR(__entry->dev), MINOR(__entry->dev), __entry->ino));

TRACE_EVENT(landlock_add_rule_net_port,
	    TP_PROTO(const struct landlock_ruleset *ruleset, u64 access,
		     u32 flags, u64 port),
	    TP_ARGS(ruleset, access, flags, port),
	    TP_STRUCT__entry(__field(u64, ruleset)
			     __field(u64, access)
			     __field(u32, flags)
			     __field(u64, port)),
	    TP_fast_assign(__entry->ruleset = ruleset->id;
			   __entry->access = access;
			   __entry->flags = flags;
			   __entry->port = port;),
	    TP_printk("ruleset=%llu access_rights=0x%llx flags=0x%x port=%llu",
		      __entry->ruleset, __entry->access, __entry->flags,
		      __entry->port));

/*
 * Rules of a permission: @permissions as given, the members allowed and
 * the members quiet, as given too (members this kernel does not know
 * included).  The class prints the fields of a namespace rule, and the
 * capability event its own.
 */
DECLARE_EVENT_CLASS(landlock_add_rule_perm,
		    TP_PROTO(const struct landlock_ruleset *ruleset,
			     u64 permissions, u64 allowed, u64 quiet),
		    TP_ARGS(ruleset, permissions, allowed, quiet),
		    TP_STRUCT__entry(__field(u64, ruleset)
				     __field(u64, permissions)
				     __field(u64, allowed)
				     __field(u64, quiet)),
		    TP_fast_assign(__entry->ruleset = ruleset->id;
				   __entry->permissions = permissions;
				   __entry->allowed = allowed;
				   __entry->quiet = quiet;),
		    TP_printk("ruleset=%llu permissions=0x%llx allowed_namespace_types=0x%llx quiet_namespace_types=0x%llx",
			      __entry->ruleset, __entry->permissions,
			      __entry->allowed, __entry->quiet));

DEFINE_EVENT(landlock_add_rule_perm, landlock_add_rule_namespace,
	     TP_PROTO(const struct landlock_ruleset *ruleset, u64 permissions,
		      u64 allowed, u64 quiet),
	     TP_ARGS(ruleset, permissions, allowed, quiet));

DEFINE_EVENT_PRINT(landlock_add_rule_perm, landlock_add_rule_capability,
		   TP_PROTO(const struct landlock_ruleset *ruleset,
			    u64 permissions, u64 allowed, u64 quiet),
		   TP_ARGS(ruleset, permissions, allowed, quiet),
		   TP_printk("ruleset=%llu permissions=0x%llx allowed_capabilities=0x%llx quiet_capabilities=0x%llx",
			     __entry->ruleset, __entry->permissions,
			     __entry->allowed, __entry->quiet));

/* Domains */

TRACE_EVENT(landlock_create_domain,
	    TP_PROTO(const struct landlock_domain *domain,
		     const struct landlock_ruleset *ruleset),
	    TP_ARGS(domain, ruleset),
	    TP_STRUCT__entry(__field(u64, domain)
			     __field(u64, parent)
			     __field(u64, ruleset)
			     __field(u32, layers)),
	    TP_fast_assign(__entry->domain = domain->hier->id;
			   __entry->parent = ll_parent_id(domain);
			   __entry->ruleset = ruleset->id;
			   __entry->layers = domain->nr_layers;),
	    TP_printk("domain=%llx parent=%llx ruleset=%llu layers=%u",
		      __entry->domain, __entry->parent, __entry->ruleset,
		      __entry->layers));

TRACE_EVENT(landlock_enforce_domain,
	    TP_PROTO(const struct landlock_domain *domain, u32 flags),
	    TP_ARGS(domain, flags),
	    TP_STRUCT__entry(__field(u64, domain)
			     __field(u32, flags)),
	    TP_fast_assign(__entry->domain = domain->hier->id;
			   __entry->flags = flags;),
	    TP_printk("domain=%llx flags=0x%x", __entry->domain, __entry->flags));

TRACE_EVENT(landlock_free_domain,
	    TP_PROTO(const struct landlock_hier *hier),
	    TP_ARGS(hier),
	    TP_STRUCT__entry(__field(u64, domain)
			     __field(u64, denials)),
	    TP_fast_assign(__entry->domain = hier->id;
			   __entry->denials = atomic64_read(&hier->denials);),
	    TP_printk("domain=%llx denials=%llu", __entry->domain,
		      __entry->denials));

/*
 * Rules met by an access check, one event per rule type: @req is the
 * request once the rule was applied, and @rule may be NULL (the object is
 * tied to rules of other domains only), in which case nothing is traced.
 */

TRACE_EVENT_CONDITION(landlock_check_rule_inode,
		      TP_PROTO(const struct landlock_domain *domain,
			       const struct landlock_request *req,
			       const struct landlock_dom_rule *rule,
			       const struct inode *inode),
		      TP_ARGS(domain, req, rule, inode),
		      TP_CONDITION(rule),
		      TP_STRUCT__entry(__field(u64, domain)
				       __field(dev_t, dev)
				       __field(unsigned long, ino)
				       __field(u32, allowed)
				       __field(u32, missing)),
		      TP_fast_assign(__entry->domain = domain->hier->id;
				     __entry->dev = inode->i_sb->s_dev;
				     __entry->ino = inode->i_ino;
				     __entry->allowed =
					ll_rule_access(domain, req, rule);
				     __entry->missing =
					landlock_request_missing(domain, req);),
		      TP_printk("domain=%llx dev=%u:%u ino=%lu allowed=0x%x missing=0x%x",
				__entry->domain, MAJOR(__entry->dev),
				MINOR(__entry->dev), __entry->ino,
				__entry->allowed, __entry->missing));

TRACE_EVENT_CONDITION(landlock_check_rule_net_port,
		      TP_PROTO(const struct landlock_domain *domain,
			       const struct landlock_request *req,
			       const struct landlock_dom_rule *rule, u16 port),
		      TP_ARGS(domain, req, rule, port),
		      TP_CONDITION(rule),
		      TP_STRUCT__entry(__field(u64, domain)
				       __field(u16, port)
				       __field(u32, allowed)
				       __field(u32, missing)),
		      TP_fast_assign(__entry->domain = domain->hier->id;
				     __entry->port = port;
				     __entry->allowed =
					ll_rule_access(domain, req, rule);
				     __entry->missing =
					landlock_request_missing(domain, req);),
		      TP_printk("domain=%llx port=%u allowed=0x%x missing=0x%x",
				__entry->domain, __entry->port,
				__entry->allowed, __entry->missing));

/*
 * Denials: @hier is the node of the youngest layer that denied the access
 * (the domain that audit names), @same_exec tells whether the denied task
 * still runs the program that created that layer, and @logged whether the
 * layer's log flags and quiet settings let audit log the denial.
 */

TRACE_EVENT(landlock_deny_access_fs,
	    TP_PROTO(const struct landlock_hier *hier, bool same_exec,
		     bool logged, u32 blockers, const struct dentry *dentry),
	    TP_ARGS(hier, same_exec, logged, blockers, dentry),
	    TP_STRUCT__entry(__field(u64, domain)
			     __field(bool, same_exec)
			     __field(bool, logged)
			     __field(u32, blockers)
			     __field(dev_t, dev)
			     __field(unsigned long, ino)),
	    TP_fast_assign(__entry->domain = hier->id;
			   __entry->same_exec = same_exec;
			   __entry->logged = logged;
			   __entry->blockers = blockers;
			   __entry->dev = ll_dentry_dev(dentry);
			   __entry->ino = ll_dentry_ino(dentry);),
	    TP_printk("domain=%llx same_exec=%d logged=%d blockers=0x%x dev=%u:%u ino=%lu",
		      __entry->domain, __entry->same_exec, __entry->logged,
		      __entry->blockers, MAJOR(__entry->dev),
		      MINOR(__entry->dev), __entry->ino));

TRACE_EVENT(landlock_deny_access_net,
	    TP_PROTO(const struct landlock_hier *hier, bool same_exec,
		     bool logged, u32 blockers, u16 port),
	    TP_ARGS(hier, same_exec, logged, blockers, port),
	    TP_STRUCT__entry(__field(u64, domain)
			     __field(bool, same_exec)
			     __field(bool, logged)
			     __field(u32, blockers)
			     __field(u16, port)),
	    TP_fast_assign(__entry->domain = hier->id;
			   __entry->same_exec = same_exec;
			   __entry->logged = logged;
			   __entry->blockers = blockers;
			   __entry->port = port;),
	    TP_printk("domain=%llx same_exec=%d logged=%d blockers=0x%x port=%u",
		      __entry->domain, __entry->same_exec, __entry->logged,
		      __entry->blockers, __entry->port));

TRACE_EVENT(landlock_deny_ptrace,
	    TP_PROTO(const struct landlock_hier *hier, bool same_exec,
		     bool logged, struct task_struct *tracee),
	    TP_ARGS(hier, same_exec, logged, tracee),
	    TP_STRUCT__entry(__field(u64, domain)
			     __field(bool, same_exec)
			     __field(bool, logged)
			     __field(pid_t, tracee_pid)),
	    TP_fast_assign(__entry->domain = hier->id;
			   __entry->same_exec = same_exec;
			   __entry->logged = logged;
			   __entry->tracee_pid = task_pid_nr(tracee);),
	    TP_printk("domain=%llx same_exec=%d logged=%d tracee_pid=%d",
		      __entry->domain, __entry->same_exec, __entry->logged,
		      __entry->tracee_pid));

TRACE_EVENT(landlock_deny_scope_signal,
	    TP_PROTO(const struct landlock_hier *hier, bool same_exec,
		     bool logged, struct task_struct *target),
	    TP_ARGS(hier, same_exec, logged, target),
	    TP_STRUCT__entry(__field(u64, domain)
			     __field(bool, same_exec)
			     __field(bool, logged)
			     __field(pid_t, target_pid)),
	    TP_fast_assign(__entry->domain = hier->id;
			   __entry->same_exec = same_exec;
			   __entry->logged = logged;
			   __entry->target_pid = task_pid_nr(target);),
	    TP_printk("domain=%llx same_exec=%d logged=%d target_pid=%d",
		      __entry->domain, __entry->same_exec, __entry->logged,
		      __entry->target_pid));

TRACE_EVENT(landlock_deny_scope_abstract_unix_socket,
	    TP_PROTO(const struct landlock_hier *hier, bool same_exec,
		     bool logged, const struct sock *peer),
	    TP_ARGS(hier, same_exec, logged, peer),
	    TP_STRUCT__entry(__field(u64, domain)
			     __field(bool, same_exec)
			     __field(bool, logged)
			     __field(pid_t, peer_pid)),
	    TP_fast_assign(__entry->domain = hier->id;
			   __entry->same_exec = same_exec;
			   __entry->logged = logged;
			   __entry->peer_pid = ll_sock_pid(peer);),
	    TP_printk("domain=%llx same_exec=%d logged=%d peer_pid=%d",
		      __entry->domain, __entry->same_exec, __entry->logged,
		      __entry->peer_pid));

/*
 * Denials of permissions: the namespace type (CLONE_NEW* flag) and the ID
 * that the audit record shows (0 for a namespace being created, the inode
 * number of its namespace file for one being joined), or the capability.
 */
TRACE_EVENT(landlock_deny_permission_namespace,
	    TP_PROTO(const struct landlock_hier *hier, bool same_exec,
		     bool logged, const struct landlock_denial *denial),
	    TP_ARGS(hier, same_exec, logged, denial),
	    TP_STRUCT__entry(__field(u64, domain)
			     __field(bool, same_exec)
			     __field(bool, logged)
			     __field(u32, type)
			     __field(u64, id)),
	    TP_fast_assign(__entry->domain = hier->id;
			   __entry->same_exec = same_exec;
			   __entry->logged = logged;
			   __entry->type = denial->member;
			   __entry->id = denial->ns_id;),
	    TP_printk("domain=%llx same_exec=%d logged=%d namespace_type=0x%x namespace_id=%llu",
		      __entry->domain, __entry->same_exec, __entry->logged,
		      __entry->type, __entry->id));

TRACE_EVENT(landlock_deny_permission_capability,
	    TP_PROTO(const struct landlock_hier *hier, bool same_exec,
		     bool logged, const struct landlock_denial *denial),
	    TP_ARGS(hier, same_exec, logged, denial),
	    TP_STRUCT__entry(__field(u64, domain)
			     __field(bool, same_exec)
			     __field(bool, logged)
			     __field(int, cap)),
	    TP_fast_assign(__entry->domain = hier->id;
			   __entry->same_exec = same_exec;
			   __entry->logged = logged;
			   __entry->cap = denial->object.u.cap;),
	    TP_printk("domain=%llx same_exec=%d logged=%d capability=%d",
		      __entry->domain, __entry->same_exec, __entry->logged,
		      __entry->cap));

/* clang-format on */

#endif /* _TRACE_LANDLOCK_H */

/* This part must be outside protection */
#include <trace/define_trace.h>
