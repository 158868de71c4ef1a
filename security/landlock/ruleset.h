/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Landlock: rulesets being built by user space
 */

#ifndef _SECURITY_LANDLOCK_RULESET_H
#define _SECURITY_LANDLOCK_RULESET_H

#include <linux/mutex.h>
#include <linux/rbtree.h>

#include "common.h"
#include "object.h"

/**
 * struct landlock_rule_node - One rule of a ruleset
 */
struct landlock_rule_node {
	/** @node: Node in &landlock_ruleset.rules, ordered by @object. */
	struct rb_node node;
	/** @object: Object the rule is tied to (a reference is held). */
	struct landlock_object *object;
	/** @access: Rights granted on @object and beneath it. */
	ll_access_t access;
};

/**
 * struct landlock_ruleset - A ruleset, as user space builds it
 *
 * Owned by the file behind the ruleset file descriptor: it is freed when
 * that file is released.  The syscalls that use it hold a reference to the
 * file, so no other reference counting is needed.
 */
struct landlock_ruleset {
	/** @lock: Protects @rules and @nr_rules. */
	struct mutex lock;
	/** @rules: Tree of &struct landlock_rule_node, keyed by object. */
	struct rb_root rules;
	/** @nr_rules: Number of nodes in @rules. */
	u32 nr_rules;
	/** @handled_fs: Filesystem rights this ruleset restricts. */
	ll_access_t handled_fs;
};

struct landlock_ruleset *landlock_ruleset_alloc(ll_access_t handled_fs);
void landlock_ruleset_free(struct landlock_ruleset *ruleset);
int landlock_ruleset_add(struct landlock_ruleset *ruleset,
			 struct landlock_object *object, ll_access_t access);

#endif /* _SECURITY_LANDLOCK_RULESET_H */
