// SPDX-License-Identifier: GPL-2.0-only
/*
 * Landlock: rulesets being built by user space
 */

#include <linux/err.h>
#include <linux/limits.h>
#include <linux/slab.h>

#include "id.h"
#include "ruleset.h"
#include "trace.h"

/**
 * landlock_ruleset_alloc - Create an empty ruleset
 * @handled_fs: Filesystem rights that the ruleset restricts.
 * @handled_net: Network rights that the ruleset restricts.
 * @scoped: Scopes that the ruleset forbids.
 *
 * Return: the new ruleset, or an ERR_PTR().
 */
struct landlock_ruleset *landlock_ruleset_alloc(const u32 handled_fs,
						const u32 handled_net,
						const u32 scoped)
{
	struct landlock_ruleset *ruleset;

	ruleset = kzalloc(sizeof(*ruleset), GFP_KERNEL_ACCOUNT);
	if (!ruleset)
		return ERR_PTR(-ENOMEM);
	ruleset->id = landlock_new_ruleset_id();
	mutex_init(&ruleset->lock);
	ruleset->rules[LL_KEY_INODE] = RB_ROOT;
	ruleset->rules[LL_KEY_PORT] = RB_ROOT;
	ruleset->handled[LL_KEY_INODE] = handled_fs;
	ruleset->handled[LL_KEY_PORT] = handled_net;
	ruleset->scoped = scoped;
	return ruleset;
}

/**
 * landlock_ruleset_free - Free a ruleset and drop its object references
 * @ruleset: Ruleset nobody else can reach any more, or NULL.
 */
void landlock_ruleset_free(struct landlock_ruleset *const ruleset)
{
	struct landlock_rule_node *rule, *next;
	int type;

	if (!ruleset)
		return;
	trace_landlock_free_ruleset(ruleset);
	for (type = 0; type < LL_KEY_TYPES; type++) {
		struct rb_root *const root = &ruleset->rules[type];

		rbtree_postorder_for_each_entry_safe(rule, next, root, node) {
			if (type == LL_KEY_INODE)
				landlock_put_object((void *)rule->key);
			kfree(rule);
		}
	}
	kfree(ruleset);
}

/**
 * landlock_ruleset_add - Grant rights on an object or a port
 * @ruleset: Ruleset to extend.
 * @type: Type of @key.
 * @key: Object (the caller keeps its own reference; the ruleset takes
 *       another one) or port the rule is tied to.
 * @access: Rights to grant; rules with the same key are merged.
 * @quiet: Mark the object quiet; a mark is never removed.
 *
 * Return: 0, -ENOMEM, or -E2BIG if the ruleset is full.
 */
int landlock_ruleset_add(struct landlock_ruleset *const ruleset,
			 const enum landlock_key_type type, const uintptr_t key,
			 const u32 access, const bool quiet)
{
	struct rb_node **link, *parent = NULL;
	struct landlock_rule_node *rule;
	int err = 0;

	mutex_lock(&ruleset->lock);
	link = &ruleset->rules[type].rb_node;
	while (*link) {
		rule = rb_entry(*link, struct landlock_rule_node, node);
		parent = *link;
		if (key < rule->key) {
			link = &parent->rb_left;
		} else if (key > rule->key) {
			link = &parent->rb_right;
		} else {
			rule->access |= access;
			rule->quiet |= quiet;
			goto out;
		}
	}
	if (ruleset->nr_rules[type] == U32_MAX) {
		err = -E2BIG;
		goto out;
	}
	rule = kmalloc(sizeof(*rule), GFP_KERNEL_ACCOUNT);
	if (!rule) {
		err = -ENOMEM;
		goto out;
	}
	if (type == LL_KEY_INODE)
		landlock_get_object((struct landlock_object *)key);
	rule->key = key;
	rule->access = access;
	rule->quiet = quiet;
	rb_link_node(&rule->node, parent, link);
	rb_insert_color(&rule->node, &ruleset->rules[type]);
	ruleset->nr_rules[type]++;
out:
	mutex_unlock(&ruleset->lock);
	return err;
}

/**
 * landlock_ruleset_add_perm - Allow members of a permission
 * @ruleset: Ruleset to extend, which handles @perm.
 * @perm: Permission.
 * @allowed: Members to allow (known ones only).
 * @quiet: Members whose denials are not to be logged (known ones only).
 *
 * Rules accumulate: the members are added to those of the earlier rules.
 */
void landlock_ruleset_add_perm(struct landlock_ruleset *const ruleset,
			       const enum landlock_perm perm, const u64 allowed,
			       const u64 quiet)
{
	mutex_lock(&ruleset->lock);
	ruleset->perm_allowed[perm] |= allowed;
	ruleset->perm_quiet[perm] |= quiet;
	mutex_unlock(&ruleset->lock);
}
