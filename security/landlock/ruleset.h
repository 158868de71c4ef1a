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
	/** @node: Node in one of &landlock_ruleset.rules, ordered by @key. */
	struct rb_node node;
	/**
	 * @key: What the rule is tied to; for an inode rule, the object,
	 * of which the rule holds a reference.
	 */
	uintptr_t key;
	/** @access: Rights granted. */
	u32 access;
	/**
	 * @quiet: The object is marked quiet (%LANDLOCK_ADD_RULE_QUIET): the
	 * denials on it of the rights of &landlock_ruleset.quiet are not
	 * logged.
	 */
	bool quiet;
};

/**
 * struct landlock_ruleset - A ruleset, as user space builds it
 *
 * Owned by the file behind the ruleset file descriptor: it is freed when
 * that file is released.  The syscalls that use it hold a reference to the
 * file, so no other reference counting is needed.
 */
struct landlock_ruleset {
	/** @id: Names the ruleset in the tracepoints; never reused. */
	u64 id;
	/** @lock: Protects @rules and @nr_rules. */
	struct mutex lock;
	/** @rules: One tree of &struct landlock_rule_node per key type. */
	struct rb_root rules[LL_KEY_TYPES];
	/** @nr_rules: Number of nodes in each tree. */
	u32 nr_rules[LL_KEY_TYPES];
	/** @handled: Rights this ruleset restricts, per key type. */
	u32 handled[LL_KEY_TYPES];
	/** @scoped: Mask of the scopes this ruleset forbids. */
	u32 scoped;
	/**
	 * @quiet: Rights, among @handled, whose denials on objects marked
	 * quiet are not logged, per key type.
	 */
	u32 quiet[LL_KEY_TYPES];
	/** @quiet_scoped: Scopes, among @scoped, whose denials are not logged. */
	u32 quiet_scoped;
	/**
	 * @handled_perms: Permissions this ruleset restricts, a bit per
	 * &enum landlock_perm.
	 */
	u32 handled_perms;
	/**
	 * @perm_allowed: Members allowed by the rules, per permission (the
	 * union of the rules; only known members).
	 */
	u64 perm_allowed[LL_PERM_COUNT];
	/**
	 * @perm_quiet: Members whose denials are not logged, per permission.
	 */
	u64 perm_quiet[LL_PERM_COUNT];
};

struct landlock_ruleset *landlock_ruleset_alloc(u32 handled_fs, u32 handled_net,
						u32 scoped);
void landlock_ruleset_free(struct landlock_ruleset *ruleset);
int landlock_ruleset_add(struct landlock_ruleset *ruleset,
			 enum landlock_key_type type, uintptr_t key, u32 access,
			 bool quiet);
void landlock_ruleset_add_perm(struct landlock_ruleset *ruleset,
			       enum landlock_perm perm, u64 allowed, u64 quiet);

#endif /* _SECURITY_LANDLOCK_RULESET_H */
