/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Landlock: tracepoints of denials
 */

#ifndef _SECURITY_LANDLOCK_TRACE_H
#define _SECURITY_LANDLOCK_TRACE_H

#include <linux/types.h>
#include <trace/events/landlock.h>

struct landlock_denial;
struct landlock_domain;

void landlock_emit_denial(const struct landlock_domain *domain, u16 exec_layers,
			  const struct landlock_denial *denial);

/**
 * landlock_trace_denial - Trace a denial, if one of the denial events is on
 * @domain: Domain of the denied task.
 * @exec_layers: Layers of @domain created by the program the task runs.
 * @denial: The denial.
 *
 * With every denial event disabled, this is a few static branches.
 */
static inline void
landlock_trace_denial(const struct landlock_domain *const domain,
		      const u16 exec_layers,
		      const struct landlock_denial *const denial)
{
	if (trace_landlock_deny_access_fs_enabled() ||
	    trace_landlock_deny_access_net_enabled() ||
	    trace_landlock_deny_ptrace_enabled() ||
	    trace_landlock_deny_scope_signal_enabled() ||
	    trace_landlock_deny_scope_abstract_unix_socket_enabled() ||
	    trace_landlock_deny_permission_namespace_enabled() ||
	    trace_landlock_deny_permission_capability_enabled())
		landlock_emit_denial(domain, exec_layers, denial);
}

#endif /* _SECURITY_LANDLOCK_TRACE_H */
