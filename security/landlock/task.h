/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Landlock: credentials and interactions between tasks
 */

#ifndef _SECURITY_LANDLOCK_TASK_H
#define _SECURITY_LANDLOCK_TASK_H

#include <linux/init.h>

void __init landlock_add_task_hooks(void);

#endif /* _SECURITY_LANDLOCK_TASK_H */
