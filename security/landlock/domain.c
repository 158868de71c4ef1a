// SPDX-License-Identifier: GPL-2.0-only
/*
 * Landlock: domains, the enforced and immutable form of stacked rulesets
 */

#include <linux/bitops.h>
#include <linux/err.h>
#include <linux/mm.h>
#include <linux/overflow.h>
#include <linux/slab.h>
#include <linux/workqueue.h>

#include "domain.h"

static void put_hier(struct landlock_hier *hier)
{
	while (hier && refcount_dec_and_test(&hier->usage)) {
		struct landlock_hier *const parent = hier->parent;

		kfree(hier);
		hier = parent;
	}
}

static void free_domain(struct landlock_domain *const domain)
{
	u32 i;

	for (i = 0; i < domain->nr_rules; i++)
		landlock_put_object(domain->rules[i].object);
	kvfree(domain->rules);
	kvfree(domain->grants);
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

/*
 * Appends to @dst the rule for @object: the grants @parent has for it (if
 * any) followed by the new layer's grant (if any).
 */
static void merge_rule(struct landlock_domain *const dst,
		       struct landlock_object *const object,
		       const struct landlock_domain *const parent,
		       const struct landlock_dom_rule *const inherited,
		       const struct landlock_rule_node *const added)
{
	struct landlock_dom_rule *const rule = &dst->rules[dst->nr_rules++];
	u32 next = rule == dst->rules ? 0 : rule[-1].first + rule[-1].count;

	landlock_get_object(object);
	rule->object = object;
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
		grant->layer = dst->nr_layers - 1;
		rule->count++;
	}
}

/*
 * Merges the parent's sorted rules with the ruleset's tree, which is also
 * sorted by object address, into @domain.  The caller holds the ruleset's
 * lock.
 */
static void merge_rules(struct landlock_domain *const domain,
			const struct landlock_domain *const parent,
			const struct landlock_ruleset *const ruleset)
{
	const struct rb_node *node = rb_first(&ruleset->rules);
	u32 i = 0;
	const u32 nr_inherited = parent ? parent->nr_rules : 0;

	while (node || i < nr_inherited) {
		const struct landlock_dom_rule *inherited =
			i < nr_inherited ? &parent->rules[i] : NULL;
		const struct landlock_rule_node *added =
			node ? rb_entry(node, struct landlock_rule_node, node) :
			       NULL;

		if (inherited && added) {
			if (inherited->object < added->object)
				added = NULL;
			else if (inherited->object > added->object)
				inherited = NULL;
		}
		merge_rule(domain, inherited ? inherited->object :
					       added->object,
			   parent, inherited, added);
		if (inherited)
			i++;
		if (added)
			node = rb_next(node);
	}
}

static u32 count_grants(const struct landlock_domain *const domain)
{
	const struct landlock_dom_rule *last;

	if (!domain || !domain->nr_rules)
		return 0;
	last = &domain->rules[domain->nr_rules - 1];
	return last->first + last->count;
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
	const u32 parent_layers = parent ? parent->nr_layers : 0;
	u32 max_rules, max_grants;
	int err = -ENOMEM;

	if (parent_layers >= LANDLOCK_MAX_LAYERS)
		return ERR_PTR(-E2BIG);

	domain = kzalloc(sizeof(*domain), GFP_KERNEL_ACCOUNT);
	if (!domain)
		return ERR_PTR(-ENOMEM);
	refcount_set(&domain->usage, 1);
	INIT_WORK(&domain->free_work, free_domain_work);
	domain->nr_layers = parent_layers + 1;

	domain->hier = kzalloc(sizeof(*domain->hier), GFP_KERNEL_ACCOUNT);
	if (!domain->hier)
		goto out_free;
	refcount_set(&domain->hier->usage, 1);
	if (parent) {
		domain->hier->parent = parent->hier;
		refcount_inc(&parent->hier->usage);
		memcpy(domain->handled_fs, parent->handled_fs,
		       sizeof(domain->handled_fs));
		domain->handled_fs_any = parent->handled_fs_any;
	}

	mutex_lock(&ruleset->lock);
	domain->handled_fs[parent_layers] = ruleset->handled_fs;
	domain->handled_fs_any |= ruleset->handled_fs;

	max_grants = count_grants(parent);
	if (check_add_overflow(parent ? parent->nr_rules : 0,
			       ruleset->nr_rules, &max_rules) ||
	    check_add_overflow(max_grants, ruleset->nr_rules, &max_grants)) {
		err = -E2BIG;
		goto out_unlock;
	}
	if (max_rules) {
		domain->rules = kvcalloc(max_rules, sizeof(*domain->rules),
					 GFP_KERNEL_ACCOUNT);
		domain->grants = kvcalloc(max_grants, sizeof(*domain->grants),
					  GFP_KERNEL_ACCOUNT);
		if (!domain->rules || !domain->grants)
			goto out_unlock;
		merge_rules(domain, parent, ruleset);
	}
	mutex_unlock(&ruleset->lock);
	return domain;

out_unlock:
	mutex_unlock(&ruleset->lock);
out_free:
	free_domain(domain);
	return ERR_PTR(err);
}

/**
 * landlock_domain_find - Find the rule of a domain tied to an object
 * @domain: Domain to search.
 * @object: Object, possibly NULL; it is only compared, never dereferenced.
 *
 * Return: the rule, or NULL if the domain has none for @object.
 */
const struct landlock_dom_rule *
landlock_domain_find(const struct landlock_domain *const domain,
		     const struct landlock_object *const object)
{
	u32 lo = 0, hi = domain->nr_rules;

	if (!object)
		return NULL;
	while (lo < hi) {
		const u32 mid = lo + (hi - lo) / 2;
		const struct landlock_object *const key =
			domain->rules[mid].object;

		if (key == object)
			return &domain->rules[mid];
		if (key < object)
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
 * landlock_request_init - Start checking an access against a domain
 * @req: Request to initialise.
 * @domain: Domain of the subject.
 * @access: Rights the action needs.
 *
 * Return: true if some layer restricts one of the rights, i.e. if the
 * caller must look for rules; false if the access is allowed outright.
 */
bool landlock_request_init(struct landlock_request *const req,
			   const struct landlock_domain *const domain,
			   const ll_access_t access)
{
	u32 layer;

	req->layers = 0;
	for (layer = 0; layer < domain->nr_layers; layer++) {
		req->missing[layer] = access & domain->handled_fs[layer];
		if (req->missing[layer])
			req->layers |= BIT(layer);
	}
	return req->layers;
}

/**
 * landlock_request_grant - Apply a rule's grants to a request
 * @req: Request in progress.
 * @domain: Domain that @rule belongs to.
 * @rule: Rule met on the way, or NULL.
 *
 * Return: true if nothing is missing any more.
 */
bool landlock_request_grant(struct landlock_request *const req,
			    const struct landlock_domain *const domain,
			    const struct landlock_dom_rule *const rule)
{
	u32 i;

	if (!rule)
		return !req->layers;
	for (i = 0; i < rule->count; i++) {
		const struct landlock_grant *const grant =
			&domain->grants[rule->first + i];

		req->missing[grant->layer] &= ~grant->access;
		if (!req->missing[grant->layer])
			req->layers &= ~BIT(grant->layer);
	}
	return !req->layers;
}
