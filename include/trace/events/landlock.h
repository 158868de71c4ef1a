/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Landlock: tracepoints (events/landlock/ in tracefs)
 *
 * The life of rulesets and domains.  Their format is not a stable
 * interface; see "Tracing" in Documentation/userspace-api/landlock.rst for
 * what each event shows.
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

struct landlock_domain;
struct landlock_hier;
struct landlock_ruleset;
struct path;

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
			     __field(u32, quiet_fs)
			     __field(u32, quiet_net)
			     __field(u32, quiet_scoped)),
	    TP_fast_assign(__entry->ruleset = ruleset->id;
			   __entry->handled_fs = ruleset->handled[LL_KEY_INODE];
			   __entry->handled_net = ruleset->handled[LL_KEY_PORT];
			   __entry->scoped = ruleset->scoped;
			   __entry->quiet_fs = ruleset->quiet[LL_KEY_INODE];
			   __entry->quiet_net = ruleset->quiet[LL_KEY_PORT];
			   __entry->quiet_scoped = ruleset->quiet_scoped;),
	    /* ABI 12 adds handled_permissions= here. */
	    TP_printk("ruleset=%llu handled_fs=0x%x handled_net=0x%x scoped=0x%x quiet_fs=0x%x quiet_net=0x%x quiet_scoped=0x%x",
		      __entry->ruleset, __entry->handled_fs,
		      __entry->handled_net, __entry->scoped, __entry->quiet_fs,
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
 * ABI 12: landlock_add_rule_namespace and landlock_add_rule_capability
 * belong here.
 */

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

/* clang-format on */

#endif /* _TRACE_LANDLOCK_H */

/* This part must be outside protection */
#include <trace/define_trace.h>
