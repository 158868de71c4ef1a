/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Landlock: tracepoints
 */

#ifndef _SECURITY_LANDLOCK_TRACE_H
#define _SECURITY_LANDLOCK_TRACE_H

#include <trace/events/landlock.h>

#endif /* _SECURITY_LANDLOCK_TRACE_H */
