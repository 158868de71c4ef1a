// SPDX-License-Identifier: GPL-2.0-only
/*
 * Landlock: domains, the enforced and immutable form of stacked rulesets
 */

#include <linux/bitops.h>
#include <linux/err.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/overflow.h>
#include <linux/slab.h>
#include <linux/workqueue.h>

#include "audit.h"
#include "domain.h"
#include "id.h"
#include "trace.h"
#include "walkcache.h"

static void put_hier(struct landlock_hier *hier)
{
	while (hier && refcount_dec_and_test(&hier->usage)) {
		struct landlock_hier *const parent = hier->parent;

		trace_landlock_free_domain(hier);
		landlock_log_drop(hier);
		kfree(hier->details);
		kfree(hier);
		hier = parent;
	}
}

static void free_domain(struct landlock_domain *const domain)
{
	struct landlock_table *const inodes = &domain->tables[LL_KEY_INODE];
	u32 i;
	int type;

	for (i = 0; i < inodes->nr_rules; i++)
		landlock_put_object((void *)inodes->rules[i].key);
	for (type = 0; type < LL_KEY_TYPES; type++) {
		kvfree(domain->tables[type].rules);
		kvfree(domain->tables[type].grants);
	}
	landlock_walk_cache_free(domain->walk_cache);
	put_hier(domain->hier);
	kfree(domain);
}

static void free_domain_work(struct work_struct *const work)
{
	free_domain(container_of(work, struct landlock_domain, free_work));
}

/**
 * landlock_put_domain - Drop a reference to a domain
 * @domain: Domain, or NULL.
 *
 * Callable from any context, including the RCU callback that frees
 * credentials: the last reference defers the release of the objects
 * (which may sleep) to a workqueue.
 */
void landlock_put_domain(struct landlock_domain *const domain)
{
	if (domain && refcount_dec_and_test(&domain->usage))
		queue_work(system_unbound_wq, &domain->free_work);
}

static u32 count_grants(const struct landlock_table *const table)
{
	const struct landlock_dom_rule *last;

	if (!table->nr_rules)
		return 0;
	last = &table->rules[table->nr_rules - 1];
	return last->first + last->count;
}

/*
 * Appends to @dst the rule for @key: the grants of @inherited (a rule of
 * @parent), if any, followed by the new layer's grant, if any.
 */
static void merge_rule(struct landlock_table *const dst, const u8 new_layer,
		       const enum landlock_key_type type, const uintptr_t key,
		       const struct landlock_table *const parent,
		       const struct landlock_dom_rule *const inherited,
		       const struct landlock_rule_node *const added)
{
	struct landlock_dom_rule *const rule = &dst->rules[dst->nr_rules];
	const u32 next = count_grants(dst);

	if (type == LL_KEY_INODE)
		landlock_get_object((struct landlock_object *)key);
	rule->key = key;
	rule->first = next;
	rule->count = 0;
	if (inherited) {
		memcpy(&dst->grants[next], &parent->grants[inherited->first],
		       inherited->count * sizeof(*dst->grants));
		rule->count = inherited->count;
	}
	if (added) {
		struct landlock_grant *const grant =
			&dst->grants[next + rule->count];

		grant->access = added->access;
		grant->layer = new_layer;
		grant->quiet = added->quiet;
		rule->count++;
	}
	dst->nr_rules++;
}

/*
 * Merges the parent's sorted rules with the ruleset's tree, which is also
 * sorted by key, into @dst.  The caller holds the ruleset's lock.
 */
static int merge_table(struct landlock_table *const dst, const u8 new_layer,
		       const enum landlock_key_type type,
		       const struct landlock_table *const parent,
		       const struct landlock_ruleset *const ruleset)
{
	const struct rb_node *node = rb_first(&ruleset->rules[type]);
	const u32 nr_inherited = parent ? parent->nr_rules : 0;
	u32 i = 0, max_rules, max_grants;

	if (check_add_overflow(nr_inherited, ruleset->nr_rules[type],
			       &max_rules) ||
	    check_add_overflow(parent ? count_grants(parent) : 0,
			       ruleset->nr_rules[type], &max_grants))
		return -E2BIG;
	if (!max_rules)
		return 0;
	/* Sizes that user space drives: fail, rather than warn, if huge. */
	dst->rules = kvcalloc(max_rules, sizeof(*dst->rules),
			      GFP_KERNEL_ACCOUNT | __GFP_NOWARN);
	dst->grants = kvcalloc(max_grants, sizeof(*dst->grants),
			       GFP_KERNEL_ACCOUNT | __GFP_NOWARN);
	if (!dst->rules || !dst->grants)
		return -ENOMEM;

	while (node || i < nr_inherited) {
		const struct landlock_dom_rule *inherited =
			i < nr_inherited ? &parent->rules[i] : NULL;
		const struct landlock_rule_node *added =
			node ? rb_entry(node, struct landlock_rule_node, node) :
			       NULL;

		if (inherited && added) {
			if (inherited->key < added->key)
				added = NULL;
			else if (inherited->key > added->key)
				inherited = NULL;
		}
		merge_rule(dst, new_layer, type,
			   inherited ? inherited->key : added->key, parent,
			   inherited, added);
		if (inherited)
			i++;
		if (added)
			node = rb_next(node);
	}
	return 0;
}

/**
 * landlock_domain_create - Stack a ruleset on top of a domain
 * @parent: Current domain of the caller, or NULL; it is not modified.
 * @ruleset: Ruleset to enforce as the new innermost layer.
 *
 * Return: a new domain with one reference, or an ERR_PTR(): -E2BIG if
 * @parent already has LANDLOCK_MAX_LAYERS layers or too many rules,
 * -ENOMEM.
 */
struct landlock_domain *
landlock_domain_create(struct landlock_domain *const parent,
		       struct landlock_ruleset *const ruleset)
{
	struct landlock_domain *domain;
	const u32 layer = parent ? parent->nr_layers : 0;
	int type, perm, err = -ENOMEM;

	if (layer >= LANDLOCK_MAX_LAYERS)
		return ERR_PTR(-E2BIG);

	domain = kzalloc(sizeof(*domain), GFP_KERNEL_ACCOUNT);
	if (!domain)
		return ERR_PTR(-ENOMEM);
	refcount_set(&domain->usage, 1);
	INIT_WORK(&domain->free_work, free_domain_work);
	domain->nr_layers = layer + 1;

	domain->hier = kzalloc(sizeof(*domain->hier), GFP_KERNEL_ACCOUNT);
	if (!domain->hier)
		goto out_free;
	refcount_set(&domain->hier->usage, 1);
	domain->hier->id = landlock_new_domain_id();
	if (parent) {
		domain->hier->parent = parent->hier;
		refcount_inc(&parent->hier->usage);
		memcpy(domain->handled, parent->handled,
		       sizeof(domain->handled));
		memcpy(domain->handled_any, parent->handled_any,
		       sizeof(domain->handled_any));
		memcpy(domain->scoped, parent->scoped, sizeof(domain->scoped));
		domain->scoped_any = parent->scoped_any;
		memcpy(domain->quiet, parent->quiet, sizeof(domain->quiet));
		memcpy(domain->quiet_scoped, parent->quiet_scoped,
		       sizeof(domain->quiet_scoped));
		domain->handled_perms_any = parent->handled_perms_any;
		memcpy(domain->handled_perms, parent->handled_perms,
		       sizeof(domain->handled_perms));
		memcpy(domain->perm_allowed, parent->perm_allowed,
		       sizeof(domain->perm_allowed));
		memcpy(domain->perm_quiet, parent->perm_quiet,
		       sizeof(domain->perm_quiet));
	}

	/* From now on, a failure is traced as the release of the domain. */
	trace_landlock_create_domain(domain, ruleset);

	mutex_lock(&ruleset->lock);
	domain->scoped[layer] = ruleset->scoped;
	domain->scoped_any |= ruleset->scoped;
	domain->quiet_scoped[layer] = ruleset->quiet_scoped;
	domain->handled_perms[layer] = ruleset->handled_perms;
	domain->handled_perms_any |= ruleset->handled_perms;
	for (perm = 0; perm < LL_PERM_COUNT; perm++) {
		domain->perm_allowed[perm][layer] = ruleset->perm_allowed[perm];
		domain->perm_quiet[perm][layer] = ruleset->perm_quiet[perm];
	}
	for (type = 0; type < LL_KEY_TYPES; type++) {
		domain->quiet[type][layer] = ruleset->quiet[type];
		domain->handled[type][layer] = ruleset->handled[type];
		domain->handled_any[type] |= ruleset->handled[type];
		err = merge_table(&domain->tables[type], layer, type,
				  parent ? &parent->tables[type] : NULL,
				  ruleset);
		if (err)
			break;
	}
	mutex_unlock(&ruleset->lock);
	if (err)
		goto out_free;
	/* Optional: without it, every check walks its whole path. */
	if (domain->handled_any[LL_KEY_INODE])
		domain->walk_cache =
			landlock_walk_cache_alloc(domain->nr_layers);
	return domain;

out_free:
	free_domain(domain);
	return ERR_PTR(err);
}

/**
 * landlock_domain_find - Find the rule of a domain tied to a key
 * @domain: Domain to search.
 * @type: Type of @key.
 * @key: Object address (possibly 0; only compared, never dereferenced) or
 *       port.
 *
 * Return: the rule, or NULL if the domain has none for @key.
 */
const struct landlock_dom_rule *
landlock_domain_find(const struct landlock_domain *const domain,
		     const enum landlock_key_type type, const uintptr_t key)
{
	const struct landlock_table *const table = &domain->tables[type];
	u32 lo = 0, hi = table->nr_rules;

	while (lo < hi) {
		const u32 mid = lo + (hi - lo) / 2;
		const uintptr_t found = table->rules[mid].key;

		if (found == key)
			return &table->rules[mid];
		if (found < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/**
 * landlock_domain_is_nested - Check that a domain is within another one
 * @outer: Domain that should enclose @inner, or NULL (no sandbox).
 * @inner: Domain to check, or NULL.
 *
 * Return: true if @outer is NULL, or is @inner or one of its ancestors.
 */
bool landlock_domain_is_nested(const struct landlock_domain *const outer,
			       const struct landlock_domain *const inner)
{
	const struct landlock_hier *hier;

	if (!outer)
		return true;
	if (!inner)
		return false;
	for (hier = inner->hier; hier; hier = hier->parent) {
		if (hier == outer->hier)
			return true;
	}
	return false;
}

/**
 * landlock_scope_allows - Check an interaction against a scope
 * @subject: Domain of the task that acts, or NULL.
 * @object: Domain of the task acted upon (or that created the object
 *          acted upon), or NULL.
 * @scope: A single scope, such as %LANDLOCK_SCOPE_SIGNAL.
 *
 * Each layer of @subject that forbids @scope confines the interaction to
 * the tasks of that layer's domain and of the domains nested in it.  The
 * innermost such layer is the strictest bound: being within it implies
 * being within the outer ones, as the nodes of the outer layers are its
 * ancestors.  Layer N of a domain is the node N levels below the root, so
 * the bound is found by climbing from @subject's innermost node.
 *
 * The nodes compared are kept alive by @subject and @object, which the
 * caller holds (through credentials under RCU, or references): an address
 * match cannot be a recycled node.
 *
 * Return: true if no layer of @subject forbids @scope, or if @object is
 * nested in the innermost layer of @subject that forbids it.
 */
bool landlock_scope_allows(const struct landlock_domain *const subject,
			   const struct landlock_domain *const object,
			   const u32 scope)
{
	const struct landlock_hier *bound, *hier;

	if (!subject || !(subject->scoped_any & scope))
		return true;
	bound = landlock_layer_hier(subject,
				    landlock_scope_layer(subject, scope));
	if (!object)
		return false;
	for (hier = object->hier; hier; hier = hier->parent) {
		if (hier == bound)
			return true;
	}
	return false;
}

/**
 * landlock_scope_layer - Find the innermost layer that forbids a scope
 * @subject: Domain that forbids @scope in some layer.
 * @scope: A single scope, such as %LANDLOCK_SCOPE_SIGNAL.
 *
 * Return: the index of the layer.
 */
u32 landlock_scope_layer(const struct landlock_domain *const subject,
			 const u32 scope)
{
	u32 layer = subject->nr_layers - 1;

	while (layer > 0 && !(subject->scoped[layer] & scope))
		layer--;
	return layer;
}

/**
 * landlock_layer_hier - Find the hierarchy node of a layer
 * @domain: Domain.
 * @layer: Index of one of its layers.
 *
 * Layer N is N levels below the first layer's node: the node is found by
 * climbing from @domain's innermost node.
 *
 * Return: the node, which @domain keeps alive.
 */
struct landlock_hier *landlock_layer_hier(const struct landlock_domain *domain,
					  const u32 layer)
{
	struct landlock_hier *hier = domain->hier;
	u32 level;

	for (level = domain->nr_layers - 1; level > layer; level--)
		hier = hier->parent;
	return hier;
}

/**
 * landlock_shared_layers - Count the layers a domain shares with another one
 * @subject: Domain, or NULL.
 * @object: Domain, or NULL.
 *
 * Layer N of @subject contains @object if @object is the domain of that
 * layer or is nested in it: both then have the same node N levels below
 * the root.  The layers below N then contain @object too, as their nodes
 * are that node's ancestors.  The nodes compared are kept alive by
 * @subject and @object, which the caller holds.
 *
 * Return: the number of layers of @subject, counted from the first one,
 * that contain @object; 0 if either is NULL.
 */
u32 landlock_shared_layers(const struct landlock_domain *const subject,
			   const struct landlock_domain *const object)
{
	const struct landlock_hier *mine, *theirs;
	u32 shared;

	if (!subject || !object)
		return 0;
	shared = min(subject->nr_layers, object->nr_layers);
	mine = landlock_layer_hier(subject, shared - 1);
	theirs = landlock_layer_hier(object, shared - 1);
	/* Both nodes are at the same depth: climb until they meet. */
	while (mine != theirs) {
		mine = mine->parent;
		theirs = theirs->parent;
		shared--;
	}
	return shared;
}

/**
 * landlock_perm_denier - Find the youngest layer that denies a member
 * @domain: Domain of the subject, or NULL.
 * @perm: Permission.
 * @member: The member of @perm, as a bit: a namespace type (``CLONE_NEW...``
 *          flag) or BIT_ULL(capability).
 *
 * Every layer that handles @perm must allow @member; the layers that do
 * not handle it are skipped.
 *
 * Return: the index of the youngest layer that handles @perm without
 * allowing @member, or -1 if @member is allowed.
 */
int landlock_perm_denier(const struct landlock_domain *const domain,
			 const enum landlock_perm perm, const u64 member)
{
	int layer;

	if (!domain || !(domain->handled_perms_any & BIT(perm)))
		return -1;
	for (layer = domain->nr_layers - 1; layer >= 0; layer--) {
		if ((domain->handled_perms[layer] & BIT(perm)) &&
		    !(domain->perm_allowed[perm][layer] & member))
			return layer;
	}
	return -1;
}

/**
 * landlock_request_grant - Apply a rule's grants to a request
 * @req: Request in progress.
 * @domain: Domain that @rule belongs to.
 * @rule: Rule of @req's key type met on the way, or NULL.
 *
 * Return: true if nothing is missing any more.
 */
bool landlock_request_grant(struct landlock_request *const req,
			    const struct landlock_domain *const domain,
			    const struct landlock_dom_rule *const rule)
{
	const struct landlock_grant *grant;
	u32 i;

	if (!rule)
		return !req->layers;
	grant = &domain->tables[req->type].grants[rule->first];
	for (i = 0; i < rule->count; i++, grant++) {
		if (grant->quiet)
			req->quiet |= BIT(grant->layer);
		req->missing[grant->layer] &= ~grant->access;
		if (!req->missing[grant->layer])
			req->layers &= ~BIT(grant->layer);
	}
	return !req->layers;
}
