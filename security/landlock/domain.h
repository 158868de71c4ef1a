/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Landlock: domains, the enforced and immutable form of stacked rulesets
 */

#ifndef _SECURITY_LANDLOCK_DOMAIN_H
#define _SECURITY_LANDLOCK_DOMAIN_H

#include <linux/cred.h>
#include <linux/refcount.h>
#include <linux/workqueue.h>

#include "common.h"
#include "lsm.h"
#include "object.h"
#include "ruleset.h"

/**
 * struct landlock_hier - Node of the tree of nested domains
 *
 * Each call to landlock_restrict_self() creates one node whose parent is
 * the node of the caller's previous domain.  Ptrace scoping compares
 * nodes: a domain is nested in another one if the other's node is on its
 * way to the root.  Nodes are much smaller than domains, so a domain only
 * keeps its ancestors' nodes alive, not their rules.
 */
struct landlock_hier {
	/** @usage: Domains and child nodes referring to this node. */
	refcount_t usage;
	/** @parent: Enclosing node, or NULL for a first layer. */
	struct landlock_hier *parent;
};

/**
 * struct landlock_grant - Rights that one layer grants through one rule
 */
struct landlock_grant {
	/** @access: Rights granted. */
	ll_access_t access;
	/** @layer: Index of the layer, 0 being the oldest. */
	u8 layer;
};

/**
 * struct landlock_dom_rule - Rule of a domain
 */
struct landlock_dom_rule {
	/** @object: Object the rule is tied to (a reference is held). */
	struct landlock_object *object;
	/** @first: Index of the rule's first grant in &landlock_domain.grants. */
	u32 first;
	/** @count: Number of grants, at most one per layer. */
	u32 count;
};

/**
 * struct landlock_domain - Stack of rulesets enforced on a set of tasks
 *
 * A domain never changes once created: tasks share it through their
 * credentials without any lock.  Its rules are kept in an array sorted by
 * object address, so a lookup is a binary search with no pointer chasing
 * beyond the array.
 */
struct landlock_domain {
	/** @usage: Credentials (and in-flight users) referring to it. */
	refcount_t usage;
	/** @nr_layers: Number of stacked rulesets, 1 to LANDLOCK_MAX_LAYERS. */
	u32 nr_layers;
	/** @nr_rules: Number of entries in @rules. */
	u32 nr_rules;
	/** @handled_fs_any: Union of @handled_fs over the layers. */
	ll_access_t handled_fs_any;
	/** @handled_fs: Filesystem rights restricted by each layer. */
	ll_access_t handled_fs[LANDLOCK_MAX_LAYERS];
	/** @hier: Node of the innermost layer. */
	struct landlock_hier *hier;
	/** @rules: Rules sorted by object address. */
	struct landlock_dom_rule *rules;
	/** @grants: Grants of all the rules, grouped by rule. */
	struct landlock_grant *grants;
	/** @free_work: Frees the domain in process context. */
	struct work_struct free_work;
};

/**
 * struct landlock_cred_sec - Landlock's part of a credential's blob
 */
struct landlock_cred_sec {
	/** @domain: Enforced domain, or NULL if not sandboxed. */
	struct landlock_domain *domain;
};

static inline struct landlock_cred_sec *
landlock_cred(const struct cred *const cred)
{
	return cred->security + landlock_blobs.lbs_cred;
}

static inline struct landlock_domain *landlock_current_domain(void)
{
	return landlock_cred(current_cred())->domain;
}

static inline void landlock_get_domain(struct landlock_domain *const domain)
{
	if (domain)
		refcount_inc(&domain->usage);
}

void landlock_put_domain(struct landlock_domain *domain);
struct landlock_domain *landlock_domain_create(struct landlock_domain *parent,
					       struct landlock_ruleset *ruleset);
const struct landlock_dom_rule *
landlock_domain_find(const struct landlock_domain *domain,
		     const struct landlock_object *object);
bool landlock_domain_is_nested(const struct landlock_domain *outer,
			       const struct landlock_domain *inner);

/**
 * struct landlock_request - Progress of an access check through a path
 *
 * For each layer, the rights that are still missing.  A layer that does
 * not handle a right never misses it.
 */
struct landlock_request {
	/** @missing: Rights still missing, per layer. */
	ll_access_t missing[LANDLOCK_MAX_LAYERS];
	/** @layers: Layers that still miss some right. */
	ll_layers_t layers;
};

bool landlock_request_init(struct landlock_request *req,
			   const struct landlock_domain *domain,
			   ll_access_t access);
bool landlock_request_grant(struct landlock_request *req,
			    const struct landlock_domain *domain,
			    const struct landlock_dom_rule *rule);

#endif /* _SECURITY_LANDLOCK_DOMAIN_H */
