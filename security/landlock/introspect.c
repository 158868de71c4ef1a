// SPDX-License-Identifier: GPL-2.0-only
/*
 * Landlock: description of a thread's domain in /proc
 *
 * /proc/PID/attr/landlock/current (and /proc/PID/task/TID/attr/landlock/
 * current) describes the domain of a thread: one line per layer, oldest
 * first, with the layer's ID (the one audit records show), what it
 * handles, and how many rules of each type it has.  The file is empty for
 * a thread outside of any sandbox.  The format is documented in
 * Documentation/userspace-api/landlock.rst; it only grows: new keys go at
 * the end of a line, new names in the lists.
 *
 * A thread may always read its own file.  Another thread's file needs the
 * right to read its state through ptrace (as some fields of
 * /proc/PID/stat do): its user, or CAP_SYS_PTRACE, and, for a sandboxed
 * reader, a target within the reader's domain (see task.c).  Otherwise,
 * reading fails with EACCES.
 */

#include <linux/cred.h>
#include <linux/kernel.h>
#include <linux/lsm_hooks.h>
#include <linux/ptrace.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "common.h"
#include "domain.h"
#include "introspect.h"
#include "names.h"

/*
 * Permissions, as the file names them: "<name>.use" in the handled list,
 * and the members that the layer allows as the "allowed_<members>" key.
 */
static const struct {
	const char *name;
	const char *members;
} perm_names[LL_PERM_COUNT] = {
	[LL_PERM_NAMESPACE] = { "namespace", "namespace_types" },
	[LL_PERM_CAPABILITY] = { "capability", "capabilities" },
};

/* Types of rules, as the file counts them: the names of the rule types. */
static const char *const rule_names[LL_KEY_TYPES] = {
	[LL_KEY_INODE] = "path_beneath",
	[LL_KEY_PORT] = "net_port",
};

/* Text being built, whose length goes on counting past the buffer's end. */
struct description {
	char *buf;
	size_t size;
	size_t len;
};

static __printf(2, 3) void describe(struct description *const desc,
				    const char *const fmt, ...)
{
	const size_t room = desc->len < desc->size ? desc->size - desc->len : 0;
	va_list args;

	va_start(args, fmt);
	desc->len +=
		vsnprintf(room ? desc->buf + desc->len : NULL, room, fmt, args);
	va_end(args);
}

static void describe_names(struct description *const desc,
			   const char *const prefix,
			   const char *const *const names,
			   const unsigned int nr_names, const u32 bits,
			   bool *const first)
{
	const unsigned long mask = bits;
	unsigned int bit;

	for_each_set_bit(bit, &mask, nr_names) {
		describe(desc, "%s%s.%s", *first ? "" : ",", prefix,
			 names[bit]);
		*first = false;
	}
}

/* Adds the permissions that @layer handles to its list of handled names. */
static void describe_perm_names(struct description *const desc,
				const struct landlock_domain *const domain,
				const u32 layer, bool *const first)
{
	int perm;

	for (perm = 0; perm < LL_PERM_COUNT; perm++) {
		if (!(domain->handled_perms[layer] & BIT(perm)))
			continue;
		describe(desc, "%s%s.use", *first ? "" : ",",
			 perm_names[perm].name);
		*first = false;
	}
}

/* Adds the members that @layer allows, for each permission it handles. */
static void describe_perm_members(struct description *const desc,
				  const struct landlock_domain *const domain,
				  const u32 layer)
{
	int perm;

	for (perm = 0; perm < LL_PERM_COUNT; perm++) {
		if (!(domain->handled_perms[layer] & BIT(perm)))
			continue;
		describe(desc, " allowed_%s=0x%llx", perm_names[perm].members,
			 domain->perm_allowed[perm][layer]);
	}
}

/* Counts the rules of each layer: every grant of a rule is one layer's. */
static void count_rules(const struct landlock_domain *const domain,
			u32 counts[LL_KEY_TYPES][LANDLOCK_MAX_LAYERS])
{
	int type;

	for (type = 0; type < LL_KEY_TYPES; type++) {
		const struct landlock_table *const table =
			&domain->tables[type];
		u32 i, j;

		for (i = 0; i < table->nr_rules; i++) {
			const struct landlock_grant *grant =
				&table->grants[table->rules[i].first];

			for (j = 0; j < table->rules[i].count; j++, grant++)
				counts[type][grant->layer]++;
		}
	}
}

/**
 * landlock_describe_domain - Describe a domain as /proc shows it
 * @domain: Domain, or NULL (no sandbox: empty description).
 * @buf: Buffer, or NULL if @size is 0.
 * @size: Size of @buf.
 *
 * Like snprintf(), writes at most @size bytes, the final NUL included,
 * and tells how long the whole description is, so that a caller can size
 * its buffer with a first call with a @size of 0.
 *
 * Return: the length of the description, without the final NUL.
 */
size_t landlock_describe_domain(const struct landlock_domain *const domain,
				char *const buf, const size_t size)
{
	u32 counts[LL_KEY_TYPES][LANDLOCK_MAX_LAYERS] = {};
	struct description desc = {
		.buf = buf,
		.size = size,
	};
	u32 layer;
	int type;

	if (size)
		buf[0] = '\0';
	if (!domain)
		return 0;
	count_rules(domain, counts);
	for (layer = 0; layer < domain->nr_layers; layer++) {
		bool first = true;

		describe(&desc, "domain=%llx handled=",
			 landlock_layer_hier(domain, layer)->id);
		describe_names(&desc, "fs", landlock_fs_names, LL_FS_COUNT,
			       domain->handled[LL_KEY_INODE][layer], &first);
		describe_names(&desc, "net", landlock_net_names, LL_NET_COUNT,
			       domain->handled[LL_KEY_PORT][layer], &first);
		describe_names(&desc, "scope", landlock_scope_names,
			       LL_SCOPE_COUNT, domain->scoped[layer], &first);
		describe_perm_names(&desc, domain, layer, &first);
		for (type = 0; type < LL_KEY_TYPES; type++)
			describe(&desc, " rules.%s=%u", rule_names[type],
				 counts[type][layer]);
		describe_perm_members(&desc, domain, layer);
		describe(&desc, "\n");
	}
	return desc.len;
}

/*
 * Whether the current task may see the domain of @task: its own, those of
 * the threads of its process, and those of the tasks it could read the
 * state of through ptrace.  A probe: a refusal is not logged.
 */
static bool may_describe(struct task_struct *const task)
{
	return task == current ||
	       ptrace_may_access(task, PTRACE_MODE_READ_FSCREDS |
					       PTRACE_MODE_NOAUDIT);
}

/*
 * Reads /proc/PID/attr/landlock/@name: returns the length of the text put
 * in *@value (to free with kfree()), or a negative errno.
 */
static int hook_getprocattr(struct task_struct *const task,
			    const char *const name, char **const value)
{
	const struct cred *cred;
	struct landlock_domain *domain;
	size_t len;
	char *text;

	if (strcmp(name, "current"))
		return -EINVAL;
	if (!may_describe(task))
		return -EACCES;

	cred = get_task_cred(task);
	domain = landlock_cred(cred)->domain;
	len = landlock_describe_domain(domain, NULL, 0);
	if (!len) {
		put_cred(cred);
		return 0;
	}
	text = kmalloc(len + 1, GFP_KERNEL_ACCOUNT);
	if (text)
		landlock_describe_domain(domain, text, len + 1);
	put_cred(cred);
	if (!text)
		return -ENOMEM;
	*value = text;
	return len;
}

static struct security_hook_list introspect_hooks[] __lsm_ro_after_init = {
	LSM_HOOK_INIT(getprocattr, hook_getprocattr),
};

/**
 * landlock_add_introspect_hooks - Register the /proc hook
 */
void __init landlock_add_introspect_hooks(void)
{
	security_add_hooks(introspect_hooks, ARRAY_SIZE(introspect_hooks),
			   LANDLOCK_NAME);
}
