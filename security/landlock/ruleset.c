// SPDX-License-Identifier: GPL-2.0-only
/*
 * Landlock: rulesets being built by user space
 */

#include <linux/err.h>
#include <linux/limits.h>
#include <linux/slab.h>

#include "ruleset.h"

/**
 * landlock_ruleset_alloc - Create an empty ruleset
 * @handled_fs: Filesystem rights that the ruleset restricts.
 *
 * Return: the new ruleset, or an ERR_PTR().
 */
struct landlock_ruleset *landlock_ruleset_alloc(const ll_access_t handled_fs)
{
	struct landlock_ruleset *ruleset;

	ruleset = kzalloc(sizeof(*ruleset), GFP_KERNEL_ACCOUNT);
	if (!ruleset)
		return ERR_PTR(-ENOMEM);
	mutex_init(&ruleset->lock);
	ruleset->rules = RB_ROOT;
	ruleset->handled_fs = handled_fs;
	return ruleset;
}

/**
 * landlock_ruleset_free - Free a ruleset and drop its object references
 * @ruleset: Ruleset nobody else can reach any more, or NULL.
 */
void landlock_ruleset_free(struct landlock_ruleset *const ruleset)
{
	struct landlock_rule_node *rule, *next;

	if (!ruleset)
		return;
	rbtree_postorder_for_each_entry_safe(rule, next, &ruleset->rules,
					     node) {
		landlock_put_object(rule->object);
		kfree(rule);
	}
	kfree(ruleset);
}

/**
 * landlock_ruleset_add - Grant rights on an object
 * @ruleset: Ruleset to extend.
 * @object: Object the rule is tied to; the caller keeps its own reference.
 * @access: Rights to grant; rules on the same object are merged.
 *
 * Return: 0, -ENOMEM, or -E2BIG if the ruleset is full.
 */
int landlock_ruleset_add(struct landlock_ruleset *const ruleset,
			 struct landlock_object *const object,
			 const ll_access_t access)
{
	struct rb_node **link, *parent = NULL;
	struct landlock_rule_node *rule;
	int err = 0;

	mutex_lock(&ruleset->lock);
	link = &ruleset->rules.rb_node;
	while (*link) {
		rule = rb_entry(*link, struct landlock_rule_node, node);
		parent = *link;
		if (object < rule->object) {
			link = &parent->rb_left;
		} else if (object > rule->object) {
			link = &parent->rb_right;
		} else {
			rule->access |= access;
			goto out;
		}
	}
	if (ruleset->nr_rules == U32_MAX) {
		err = -E2BIG;
		goto out;
	}
	rule = kmalloc(sizeof(*rule), GFP_KERNEL_ACCOUNT);
	if (!rule) {
		err = -ENOMEM;
		goto out;
	}
	landlock_get_object(object);
	rule->object = object;
	rule->access = access;
	rb_link_node(&rule->node, parent, link);
	rb_insert_color(&rule->node, &ruleset->rules);
	ruleset->nr_rules++;
out:
	mutex_unlock(&ruleset->lock);
	return err;
}
