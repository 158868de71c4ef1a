/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Landlock: domains, the enforced and immutable form of stacked rulesets
 */

#ifndef _SECURITY_LANDLOCK_DOMAIN_H
#define _SECURITY_LANDLOCK_DOMAIN_H

#include <linux/atomic.h>
#include <linux/cred.h>
#include <linux/refcount.h>
#include <linux/workqueue.h>

#include "common.h"
#include "lsm.h"
#include "object.h"
#include "ruleset.h"

struct landlock_details;
struct landlock_walk_cache;

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
	/** @id: Domain ID of the layer, unique for the life of the system. */
	u64 id;
	/** @denials: Number of denials logged for this layer. */
	atomic64_t denials;
	/**
	 * @announced: Whether the record of the domain's creation was
	 * logged, which calls for one of its release.
	 */
	atomic_t announced;
	/**
	 * @log_same_exec: Log the denials of the program that created the
	 * layer (until it runs execve(2)).  Set before the node is shared.
	 */
	bool log_same_exec;
	/** @log_new_exec: Log the denials of the programs run later. */
	bool log_new_exec;
	/**
	 * @details: Context of the creation of the layer, for the records;
	 * NULL if its denials are never logged.
	 */
	struct landlock_details *details;
};

/**
 * struct landlock_grant - Rights that one layer grants through one rule
 */
struct landlock_grant {
	/** @access: Rights granted. */
	u32 access;
	/** @layer: Index of the layer, 0 being the oldest. */
	u8 layer;
	/** @quiet: The layer marks the rule's object quiet. */
	bool quiet;
};

/**
 * struct landlock_dom_rule - Rule of a domain
 */
struct landlock_dom_rule {
	/** @key: What the rule is tied to (see &enum landlock_key_type). */
	uintptr_t key;
	/** @first: Index of the rule's first grant in &landlock_table.grants. */
	u32 first;
	/** @count: Number of grants, at most one per layer. */
	u32 count;
};

/**
 * struct landlock_table - Rules of a domain tied to one type of key
 */
struct landlock_table {
	/** @rules: Rules sorted by key. */
	struct landlock_dom_rule *rules;
	/** @grants: Grants of all the rules, grouped by rule. */
	struct landlock_grant *grants;
	/** @nr_rules: Number of entries in @rules. */
	u32 nr_rules;
};

/**
 * struct landlock_domain - Stack of rulesets enforced on a set of tasks
 *
 * A domain never changes once created: tasks share it through their
 * credentials without any lock.  Its rules are kept in arrays sorted by
 * key, so a lookup is a binary search with no pointer chasing beyond the
 * array.
 */
struct landlock_domain {
	/** @usage: Credentials (and in-flight users) referring to it. */
	refcount_t usage;
	/** @nr_layers: Number of stacked rulesets, 1 to LANDLOCK_MAX_LAYERS. */
	u32 nr_layers;
	/** @handled_any: Union over the layers of @handled, per key type. */
	u32 handled_any[LL_KEY_TYPES];
	/** @handled: Rights restricted by each layer, per key type. */
	u32 handled[LL_KEY_TYPES][LANDLOCK_MAX_LAYERS];
	/** @scoped_any: Union over the layers of @scoped. */
	u32 scoped_any;
	/** @scoped: Mask of the scopes forbidden by each layer. */
	u32 scoped[LANDLOCK_MAX_LAYERS];
	/**
	 * @quiet: Rights whose denials on the objects marked quiet are not
	 * logged, per key type and layer.
	 */
	u32 quiet[LL_KEY_TYPES][LANDLOCK_MAX_LAYERS];
	/** @quiet_scoped: Scopes whose denials are not logged, per layer. */
	u32 quiet_scoped[LANDLOCK_MAX_LAYERS];
	/** @handled_perms_any: Union over the layers of @handled_perms. */
	u32 handled_perms_any;
	/**
	 * @handled_perms: Permissions restricted by each layer, a bit per
	 * &enum landlock_perm.
	 */
	u32 handled_perms[LANDLOCK_MAX_LAYERS];
	/** @perm_allowed: Members allowed, per permission and layer. */
	u64 perm_allowed[LL_PERM_COUNT][LANDLOCK_MAX_LAYERS];
	/**
	 * @perm_quiet: Members whose denials are not logged, per permission
	 * and layer.
	 */
	u64 perm_quiet[LL_PERM_COUNT][LANDLOCK_MAX_LAYERS];
	/** @hier: Node of the innermost layer. */
	struct landlock_hier *hier;
	/** @tables: Rules, per key type. */
	struct landlock_table tables[LL_KEY_TYPES];
	/**
	 * @walk_cache: Summaries of the walks of this domain's filesystem
	 * checks, or NULL (no filesystem right restricted, or no memory).
	 */
	struct landlock_walk_cache *walk_cache;
	/** @free_work: Frees the domain in process context. */
	struct work_struct free_work;
};

/**
 * struct landlock_cred_sec - Landlock's part of a credential's blob
 */
struct landlock_cred_sec {
	/** @domain: Enforced domain, or NULL if not sandboxed. */
	struct landlock_domain *domain;
	/**
	 * @exec_layers: Layers of @domain created by the running program,
	 * i.e. since its last execve(2), a bit per layer.
	 */
	u16 exec_layers;
	/**
	 * @log_subdomains_off: Never log the denials of the layers created
	 * from now on (%LANDLOCK_RESTRICT_SELF_LOG_SUBDOMAINS_OFF).
	 */
	bool log_subdomains_off;
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
struct landlock_domain *
landlock_domain_create(struct landlock_domain *parent,
		       struct landlock_ruleset *ruleset);
const struct landlock_dom_rule *
landlock_domain_find(const struct landlock_domain *domain,
		     enum landlock_key_type type, uintptr_t key);
bool landlock_domain_is_nested(const struct landlock_domain *outer,
			       const struct landlock_domain *inner);
bool landlock_scope_allows(const struct landlock_domain *subject,
			   const struct landlock_domain *object, u32 scope);
u32 landlock_scope_layer(const struct landlock_domain *subject, u32 scope);
struct landlock_hier *landlock_layer_hier(const struct landlock_domain *domain,
					  u32 layer);
u32 landlock_shared_layers(const struct landlock_domain *subject,
			   const struct landlock_domain *object);
int landlock_perm_denier(const struct landlock_domain *domain,
			 enum landlock_perm perm, u64 member);

/**
 * struct landlock_request - Progress of an access check
 *
 * For each layer, the rights that are still missing.  A layer that does
 * not handle a right never misses it.  Only the entries of the domain's
 * layers are ever read, and landlock_request_init() sets them and every
 * other member: the hooks declare their requests __uninitialized, which
 * spares zeroing the whole array on every check with
 * CONFIG_INIT_STACK_ALL_ZERO (as Debian builds its kernels).
 */
struct landlock_request {
	/** @missing: Rights still missing, per layer. */
	u32 missing[LANDLOCK_MAX_LAYERS];
	/** @layers: Layers that still miss some right. */
	u16 layers;
	/** @quiet: Layers in which a rule met marks the object quiet. */
	u16 quiet;
	/** @type: Type of the keys of the rules that can grant them. */
	enum landlock_key_type type;
};

bool landlock_request_grant(struct landlock_request *req,
			    const struct landlock_domain *domain,
			    const struct landlock_dom_rule *rule);

/**
 * landlock_domain_handles - Whether a domain restricts rights of a type
 * @domain: Domain, or NULL.
 * @type: Key type of the rights.
 *
 * Return: true if some layer of @domain restricts a right of @type.
 */
static inline bool
landlock_domain_handles(const struct landlock_domain *const domain,
			const enum landlock_key_type type)
{
	return domain && domain->handled_any[type];
}

/**
 * landlock_request_init - Start checking an access against a domain
 * @req: Request to initialise.
 * @domain: Domain of the subject.
 * @type: Key type of the rules that can grant @access.
 * @access: Rights the action needs.
 *
 * Return: true if some layer restricts one of the rights, i.e. if the
 * caller must look for rules; false if the access is allowed outright.
 */
static inline bool
landlock_request_init(struct landlock_request *const req,
		      const struct landlock_domain *const domain,
		      const enum landlock_key_type type, const u32 access)
{
	u32 layer;

	req->type = type;
	req->layers = 0;
	req->quiet = 0;
	for (layer = 0; layer < domain->nr_layers; layer++) {
		req->missing[layer] = access & domain->handled[type][layer];
		if (req->missing[layer])
			req->layers |= BIT(layer);
	}
	return req->layers;
}

/**
 * landlock_request_missing - Rights that some layer still misses
 * @domain: Domain of the request.
 * @req: Request.
 *
 * Return: the union over the layers of the missing rights.
 */
static inline u32
landlock_request_missing(const struct landlock_domain *const domain,
			 const struct landlock_request *const req)
{
	u32 missing = 0;
	u32 layer;

	for (layer = 0; layer < domain->nr_layers; layer++)
		missing |= req->missing[layer];
	return missing;
}

/**
 * landlock_request_apply_summary - Complete a request with a summary
 * @req: Request in progress.
 * @domain: Domain of the request.
 * @summary: What the rules from some directory up to the root leave
 *           missing, for every right of every layer of @domain.
 *
 * Keeps missing, in each layer, only the rights that @summary misses too,
 * and adds the quiet layers of @summary.
 */
static inline void
landlock_request_apply_summary(struct landlock_request *const req,
			       const struct landlock_domain *const domain,
			       const struct landlock_request *const summary)
{
	u32 layer;

	for (layer = 0; layer < domain->nr_layers; layer++) {
		req->missing[layer] &= summary->missing[layer];
		if (!req->missing[layer])
			req->layers &= ~BIT(layer);
	}
	req->quiet |= summary->quiet;
}

#endif /* _SECURITY_LANDLOCK_DOMAIN_H */
