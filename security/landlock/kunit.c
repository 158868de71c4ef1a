// SPDX-License-Identifier: GPL-2.0-only
/*
 * Landlock: KUnit tests of the internals
 *
 * These tests build rulesets and domains from objects that are not tied to
 * any inode, so they do not depend on Landlock being enabled at boot.
 */

#include <asm/ioctls.h>
#include <kunit/test.h>
#include <linux/cred.h>
#include <linux/delay.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/in.h>
#include <linux/jiffies.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/stat.h>
#include <net/sock.h>

#include "audit.h"
#include "common.h"
#include "domain.h"
#include "fs.h"
#include "introspect.h"
#include "lsm.h"
#include "net.h"
#include "object.h"
#include "ruleset.h"
#include "tsync.h"
#include "walkcache.h"

#define R LANDLOCK_ACCESS_FS_READ_FILE
#define W LANDLOCK_ACCESS_FS_WRITE_FILE
#define X LANDLOCK_ACCESS_FS_EXECUTE
#define D LANDLOCK_ACCESS_FS_READ_DIR

/* Objects with no inode, freed by the test's cleanup. */
static struct landlock_object *fake_object(struct kunit *const test)
{
	struct landlock_object *const object =
		kzalloc(sizeof(*object), GFP_KERNEL);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, object);
	refcount_set(&object->usage, 1);
	spin_lock_init(&object->lock);
	return object;
}

static struct landlock_ruleset *new_ruleset(struct kunit *const test,
					    const u32 handled)
{
	struct landlock_ruleset *const ruleset =
		landlock_ruleset_alloc(handled, 0, 0);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, ruleset);
	return ruleset;
}

static struct landlock_domain *enforce(struct kunit *const test,
				       struct landlock_domain *const parent,
				       struct landlock_ruleset *const ruleset)
{
	struct landlock_domain *const domain =
		landlock_domain_create(parent, ruleset);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, domain);
	return domain;
}

static int add_inode(struct landlock_ruleset *const ruleset,
		     struct landlock_object *const object, const u32 access)
{
	return landlock_ruleset_add(ruleset, LL_KEY_INODE, (uintptr_t)object,
				    access, false);
}

static const struct landlock_dom_rule *
find_inode(const struct landlock_domain *const domain,
	   const struct landlock_object *const object)
{
	return landlock_domain_find(domain, LL_KEY_INODE, (uintptr_t)object);
}

/* Whether @domain allows @access on @object alone (no walk). */
static bool allows(const struct landlock_domain *const domain,
		   const struct landlock_object *const object, const u32 access)
{
	struct landlock_request req;

	if (!landlock_request_init(&req, domain, LL_KEY_INODE, access))
		return true;
	return landlock_request_grant(&req, domain, find_inode(domain, object));
}

static void test_make_access_types(struct kunit *const test)
{
	KUNIT_EXPECT_EQ(test, landlock_make_access(S_IFREG | 0644),
			(u32)LANDLOCK_ACCESS_FS_MAKE_REG);
	KUNIT_EXPECT_EQ(test, landlock_make_access(0644),
			(u32)LANDLOCK_ACCESS_FS_MAKE_REG);
	KUNIT_EXPECT_EQ(test, landlock_make_access(S_IFDIR),
			(u32)LANDLOCK_ACCESS_FS_MAKE_DIR);
	KUNIT_EXPECT_EQ(test, landlock_make_access(S_IFLNK),
			(u32)LANDLOCK_ACCESS_FS_MAKE_SYM);
	KUNIT_EXPECT_EQ(test, landlock_make_access(S_IFCHR),
			(u32)LANDLOCK_ACCESS_FS_MAKE_CHAR);
	KUNIT_EXPECT_EQ(test, landlock_make_access(S_IFBLK),
			(u32)LANDLOCK_ACCESS_FS_MAKE_BLOCK);
	KUNIT_EXPECT_EQ(test, landlock_make_access(S_IFIFO),
			(u32)LANDLOCK_ACCESS_FS_MAKE_FIFO);
	KUNIT_EXPECT_EQ(test, landlock_make_access(S_IFSOCK),
			(u32)LANDLOCK_ACCESS_FS_MAKE_SOCK);
}

static void test_make_access_unknown_type(struct kunit *const test)
{
	/* 0030000 is not a valid file type. */
	KUNIT_EXPECT_EQ(test, landlock_make_access(0030000), (u32)0);
}

static void test_node_type_whiteout(struct kunit *const test)
{
	/* A whiteout is created like a regular file (erratum 4). */
	KUNIT_EXPECT_EQ(test, landlock_node_type(S_IFCHR | 0600, WHITEOUT_DEV),
			(umode_t)S_IFREG);
	KUNIT_EXPECT_EQ(test,
			landlock_make_access(landlock_node_type(S_IFCHR, 0)),
			(u32)LANDLOCK_ACCESS_FS_MAKE_REG);
	/* Any other character device is one. */
	KUNIT_EXPECT_EQ(test, landlock_node_type(S_IFCHR, MKDEV(1, 3)),
			(umode_t)S_IFCHR);
	KUNIT_EXPECT_EQ(test, landlock_node_type(S_IFCHR, MKDEV(0, 1)),
			(umode_t)S_IFCHR);
	/* A block device numbered 0:0 is no whiteout. */
	KUNIT_EXPECT_EQ(test, landlock_node_type(S_IFBLK | 0600, 0),
			(umode_t)S_IFBLK);
	KUNIT_EXPECT_EQ(test, landlock_node_type(S_IFDIR | 0755, 0),
			(umode_t)S_IFDIR);
	/* No type bits: a regular file, as for mknod(2). */
	KUNIT_EXPECT_EQ(test, landlock_node_type(0644, 0), (umode_t)0);
}

static void test_remove_access(struct kunit *const test)
{
	KUNIT_EXPECT_EQ(test, landlock_remove_access(S_IFDIR | 0755),
			(u32)LANDLOCK_ACCESS_FS_REMOVE_DIR);
	KUNIT_EXPECT_EQ(test, landlock_remove_access(S_IFREG),
			(u32)LANDLOCK_ACCESS_FS_REMOVE_FILE);
	KUNIT_EXPECT_EQ(test, landlock_remove_access(S_IFLNK),
			(u32)LANDLOCK_ACCESS_FS_REMOVE_FILE);
	KUNIT_EXPECT_EQ(test, landlock_remove_access(S_IFSOCK),
			(u32)LANDLOCK_ACCESS_FS_REMOVE_FILE);
}

static void test_open_access(struct kunit *const test)
{
	KUNIT_EXPECT_EQ(test, landlock_open_access(FMODE_READ, 0, S_IFREG),
			(u32)R);
	KUNIT_EXPECT_EQ(test, landlock_open_access(FMODE_WRITE, 0, S_IFREG),
			(u32)W);
	KUNIT_EXPECT_EQ(test,
			landlock_open_access(FMODE_READ | FMODE_WRITE, 0,
					     S_IFCHR),
			(u32)(R | W));
	KUNIT_EXPECT_EQ(test,
			landlock_open_access(FMODE_READ, __FMODE_EXEC, S_IFREG),
			(u32)(R | X));
	KUNIT_EXPECT_EQ(test, landlock_open_access(FMODE_READ, 0, S_IFDIR),
			(u32)D);
	/* Neither read nor write, e.g. O_PATH or open(O_WRONLY|3). */
	KUNIT_EXPECT_EQ(test, landlock_open_access(0, 0, S_IFREG), (u32)0);
	KUNIT_EXPECT_EQ(test, landlock_open_access(0, 0, S_IFDIR), (u32)0);
}

static void test_open_file_rights(struct kunit *const test)
{
	const u32 truncate = LANDLOCK_ACCESS_FS_TRUNCATE;
	const u32 ioctl_dev = LANDLOCK_ACCESS_FS_IOCTL_DEV;

	KUNIT_EXPECT_EQ(test, landlock_open_file_rights(S_IFREG), truncate);
	KUNIT_EXPECT_EQ(test, landlock_open_file_rights(S_IFCHR),
			truncate | ioctl_dev);
	KUNIT_EXPECT_EQ(test, landlock_open_file_rights(S_IFBLK),
			truncate | ioctl_dev);
	KUNIT_EXPECT_EQ(test, landlock_open_file_rights(S_IFIFO), truncate);
	KUNIT_EXPECT_EQ(test, landlock_open_file_rights(S_IFSOCK), truncate);
	KUNIT_EXPECT_EQ(test, landlock_open_file_rights(S_IFDIR), (u32)0);
}

static void test_ioctl_is_generic(struct kunit *const test)
{
	KUNIT_EXPECT_TRUE(test, landlock_ioctl_is_generic(FIOCLEX));
	KUNIT_EXPECT_TRUE(test, landlock_ioctl_is_generic(FIONBIO));
	KUNIT_EXPECT_TRUE(test, landlock_ioctl_is_generic(FIGETBSZ));
	KUNIT_EXPECT_TRUE(test, landlock_ioctl_is_generic(FICLONE));
	KUNIT_EXPECT_TRUE(test, landlock_ioctl_is_generic(FIDEDUPERANGE));
	KUNIT_EXPECT_TRUE(test, landlock_ioctl_is_generic(FIOQSIZE));
	/* Commands that devices implement. */
	KUNIT_EXPECT_FALSE(test, landlock_ioctl_is_generic(FIONREAD));
	KUNIT_EXPECT_FALSE(test, landlock_ioctl_is_generic(TCGETS));
	KUNIT_EXPECT_FALSE(test, landlock_ioctl_is_generic(FS_IOC_GETFLAGS));
	KUNIT_EXPECT_FALSE(test, landlock_ioctl_is_generic(0));
}

static void test_move_access_rename(struct kunit *const test)
{
	const struct landlock_move_rights need =
		landlock_move_access(S_IFREG, 0, false, false);

	KUNIT_EXPECT_EQ(test, need.src_dir,
			(u32)LANDLOCK_ACCESS_FS_REMOVE_FILE);
	KUNIT_EXPECT_EQ(test, need.dst_dir, (u32)LANDLOCK_ACCESS_FS_MAKE_REG);
}

static void test_move_access_overwrite(struct kunit *const test)
{
	const struct landlock_move_rights need =
		landlock_move_access(S_IFDIR, S_IFDIR, false, false);

	KUNIT_EXPECT_EQ(test, need.src_dir, (u32)LANDLOCK_ACCESS_FS_REMOVE_DIR);
	KUNIT_EXPECT_EQ(test, need.dst_dir,
			(u32)(LANDLOCK_ACCESS_FS_MAKE_DIR |
			      LANDLOCK_ACCESS_FS_REMOVE_DIR));
}

static void test_move_access_exchange(struct kunit *const test)
{
	const struct landlock_move_rights need =
		landlock_move_access(S_IFIFO, S_IFLNK, false, true);

	KUNIT_EXPECT_EQ(test, need.src_dir,
			(u32)(LANDLOCK_ACCESS_FS_REMOVE_FILE |
			      LANDLOCK_ACCESS_FS_MAKE_SYM));
	KUNIT_EXPECT_EQ(test, need.dst_dir,
			(u32)(LANDLOCK_ACCESS_FS_MAKE_FIFO |
			      LANDLOCK_ACCESS_FS_REMOVE_FILE));
}

static void test_move_access_link(struct kunit *const test)
{
	const struct landlock_move_rights need =
		landlock_move_access(S_IFSOCK, 0, true, false);

	KUNIT_EXPECT_EQ(test, need.src_dir, (u32)0);
	KUNIT_EXPECT_EQ(test, need.dst_dir, (u32)LANDLOCK_ACCESS_FS_MAKE_SOCK);
}

static void test_ruleset_merges_same_object(struct kunit *const test)
{
	struct landlock_object *const obj = fake_object(test);
	struct landlock_ruleset *const ruleset = new_ruleset(test, R | W | X);
	struct landlock_rule_node *rule;

	KUNIT_ASSERT_EQ(test, add_inode(ruleset, obj, R), 0);
	KUNIT_ASSERT_EQ(test, add_inode(ruleset, obj, W), 0);
	KUNIT_EXPECT_EQ(test, ruleset->nr_rules[LL_KEY_INODE], 1U);
	rule = rb_entry(rb_first(&ruleset->rules[LL_KEY_INODE]),
			struct landlock_rule_node, node);
	KUNIT_EXPECT_EQ(test, rule->key, (uintptr_t)obj);
	KUNIT_EXPECT_EQ(test, rule->access, (u32)(R | W));
	/* The ruleset holds one reference, the test another. */
	KUNIT_EXPECT_EQ(test, refcount_read(&obj->usage), 2U);
	landlock_ruleset_free(ruleset);
	KUNIT_EXPECT_EQ(test, refcount_read(&obj->usage), 1U);
	landlock_put_object(obj);
}

static void test_request_unhandled(struct kunit *const test)
{
	struct landlock_ruleset *const ruleset = new_ruleset(test, R);
	struct landlock_domain *const domain = enforce(test, NULL, ruleset);
	struct landlock_request req;

	/* Writing is not handled: nothing to look for. */
	KUNIT_EXPECT_FALSE(test, landlock_request_init(&req, domain,
						       LL_KEY_INODE, W));
	KUNIT_EXPECT_TRUE(test, landlock_request_init(&req, domain,
						      LL_KEY_INODE, R | W));
	KUNIT_EXPECT_EQ(test, req.missing[0], (u32)R);
	KUNIT_EXPECT_EQ(test, req.layers, (u16)1);
	landlock_put_domain(domain);
	landlock_ruleset_free(ruleset);
}

static void test_request_per_layer(struct kunit *const test)
{
	struct landlock_ruleset *const first = new_ruleset(test, R | W);
	struct landlock_ruleset *const second = new_ruleset(test, W | X);
	struct landlock_domain *const outer = enforce(test, NULL, first);
	struct landlock_domain *const inner = enforce(test, outer, second);
	struct landlock_request req;

	KUNIT_EXPECT_EQ(test, inner->nr_layers, 2U);
	KUNIT_EXPECT_EQ(test, inner->handled_any[LL_KEY_INODE],
			(u32)(R | W | X));
	KUNIT_ASSERT_TRUE(test, landlock_request_init(&req, inner, LL_KEY_INODE,
						      R | W | X | D));
	KUNIT_EXPECT_EQ(test, req.missing[0], (u32)(R | W));
	KUNIT_EXPECT_EQ(test, req.missing[1], (u32)(W | X));
	KUNIT_EXPECT_EQ(test, req.layers, (u16)3);
	/* No rule: nothing changes. */
	KUNIT_EXPECT_FALSE(test, landlock_request_grant(&req, inner, NULL));
	KUNIT_EXPECT_EQ(test, req.layers, (u16)3);
	landlock_put_domain(inner);
	landlock_put_domain(outer);
	landlock_ruleset_free(second);
	landlock_ruleset_free(first);
}

static void test_grant_partial_then_full(struct kunit *const test)
{
	struct landlock_object *const file = fake_object(test);
	struct landlock_object *const dir = fake_object(test);
	struct landlock_ruleset *const ruleset = new_ruleset(test, R | W);
	const struct landlock_dom_rule *rule;
	struct landlock_domain *domain;
	struct landlock_request req;

	KUNIT_ASSERT_EQ(test, add_inode(ruleset, file, R), 0);
	KUNIT_ASSERT_EQ(test, add_inode(ruleset, dir, W), 0);
	domain = enforce(test, NULL, ruleset);
	KUNIT_ASSERT_TRUE(test, landlock_request_init(&req, domain,
						      LL_KEY_INODE, R | W));
	/* The file's rule grants reading only... */
	KUNIT_EXPECT_FALSE(test,
			   landlock_request_grant(&req, domain,
						  find_inode(domain, file)));
	KUNIT_EXPECT_EQ(test, req.missing[0], (u32)W);
	/* ... and its parent directory's rule grants the rest. */
	rule = find_inode(domain, dir);
	KUNIT_EXPECT_TRUE(test, landlock_request_grant(&req, domain, rule));
	landlock_put_domain(domain);
	landlock_ruleset_free(ruleset);
	landlock_put_object(dir);
	landlock_put_object(file);
}

static void test_domain_lookup(struct kunit *const test)
{
	struct landlock_object *const in = fake_object(test);
	struct landlock_object *const out = fake_object(test);
	struct landlock_ruleset *const ruleset = new_ruleset(test, R);
	struct landlock_domain *domain;

	KUNIT_ASSERT_EQ(test, add_inode(ruleset, in, R), 0);
	domain = enforce(test, NULL, ruleset);
	KUNIT_EXPECT_EQ(test, domain->tables[LL_KEY_INODE].nr_rules, 1U);
	KUNIT_EXPECT_NOT_ERR_OR_NULL(test, find_inode(domain, in));
	KUNIT_EXPECT_PTR_EQ(test, find_inode(domain, out),
			    (const struct landlock_dom_rule *)NULL);
	KUNIT_EXPECT_PTR_EQ(test, find_inode(domain, NULL),
			    (const struct landlock_dom_rule *)NULL);
	/* The domain holds its own reference. */
	KUNIT_EXPECT_EQ(test, refcount_read(&in->usage), 3U);
	landlock_put_domain(domain);
	landlock_ruleset_free(ruleset);
	landlock_put_object(out);
	landlock_put_object(in);
}

#define MANY 1000

static void test_domain_lookup_many(struct kunit *const test)
{
	struct landlock_object **objects;
	struct landlock_ruleset *const ruleset = new_ruleset(test, R | W);
	struct landlock_domain *domain;
	int i, err;

	objects = kunit_kcalloc(test, MANY, sizeof(*objects), GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, objects);
	for (i = 0; i < MANY; i++) {
		objects[i] = fake_object(test);
		err = add_inode(ruleset, objects[i], i % 2 ? R : W);
		KUNIT_ASSERT_EQ(test, err, 0);
	}
	domain = enforce(test, NULL, ruleset);
	KUNIT_EXPECT_EQ(test, domain->tables[LL_KEY_INODE].nr_rules, (u32)MANY);
	for (i = 1; i < MANY; i++)
		KUNIT_EXPECT_LT(test,
				domain->tables[LL_KEY_INODE].rules[i - 1].key,
				domain->tables[LL_KEY_INODE].rules[i].key);
	for (i = 0; i < MANY; i++) {
		KUNIT_EXPECT_TRUE(test,
				  allows(domain, objects[i], i % 2 ? R : W));
		KUNIT_EXPECT_FALSE(test,
				   allows(domain, objects[i], i % 2 ? W : R));
	}
	landlock_put_domain(domain);
	landlock_ruleset_free(ruleset);
	for (i = 0; i < MANY; i++)
		landlock_put_object(objects[i]);
}

static void test_layers_intersect(struct kunit *const test)
{
	struct landlock_object *const a = fake_object(test);
	struct landlock_object *const b = fake_object(test);
	struct landlock_ruleset *const first = new_ruleset(test, R | W);
	struct landlock_ruleset *const second = new_ruleset(test, R | W);
	struct landlock_domain *outer, *inner;

	KUNIT_ASSERT_EQ(test, add_inode(first, a, R | W), 0);
	KUNIT_ASSERT_EQ(test, add_inode(first, b, R), 0);
	KUNIT_ASSERT_EQ(test, add_inode(second, a, R), 0);
	outer = enforce(test, NULL, first);
	inner = enforce(test, outer, second);

	KUNIT_EXPECT_EQ(test, inner->tables[LL_KEY_INODE].nr_rules, 2U);
	KUNIT_EXPECT_TRUE(test, allows(outer, a, R | W));
	KUNIT_EXPECT_TRUE(test, allows(inner, a, R));
	/* The second layer does not grant writing to a. */
	KUNIT_EXPECT_FALSE(test, allows(inner, a, W));
	/* The second layer has no rule for b at all. */
	KUNIT_EXPECT_TRUE(test, allows(outer, b, R));
	KUNIT_EXPECT_FALSE(test, allows(inner, b, R));
	landlock_put_domain(inner);
	landlock_put_domain(outer);
	landlock_ruleset_free(second);
	landlock_ruleset_free(first);
	landlock_put_object(b);
	landlock_put_object(a);
}

static void test_merge_keeps_parent_grants(struct kunit *const test)
{
	struct landlock_object *const a = fake_object(test);
	struct landlock_object *const b = fake_object(test);
	struct landlock_ruleset *const first = new_ruleset(test, R);
	struct landlock_ruleset *const second = new_ruleset(test, W);
	struct landlock_domain *outer, *inner;
	const struct landlock_dom_rule *rule;
	const struct landlock_grant *grants, *grant;

	KUNIT_ASSERT_EQ(test, add_inode(first, a, R), 0);
	KUNIT_ASSERT_EQ(test, add_inode(second, a, W), 0);
	KUNIT_ASSERT_EQ(test, add_inode(second, b, W), 0);
	outer = enforce(test, NULL, first);
	inner = enforce(test, outer, second);
	grants = inner->tables[LL_KEY_INODE].grants;

	rule = find_inode(inner, a);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, rule);
	KUNIT_ASSERT_EQ(test, rule->count, 2U);
	grant = &grants[rule->first];
	KUNIT_EXPECT_EQ(test, grant[0].layer, 0);
	KUNIT_EXPECT_EQ(test, grant[0].access, (u32)R);
	KUNIT_EXPECT_EQ(test, grant[1].layer, 1);
	KUNIT_EXPECT_EQ(test, grant[1].access, (u32)W);
	rule = find_inode(inner, b);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, rule);
	KUNIT_ASSERT_EQ(test, rule->count, 1U);
	KUNIT_EXPECT_EQ(test, grants[rule->first].layer, 1);
	/* Each layer only restricts what it handles. */
	KUNIT_EXPECT_TRUE(test, allows(inner, a, R | W));
	KUNIT_EXPECT_FALSE(test, allows(inner, b, R | W));
	KUNIT_EXPECT_TRUE(test, allows(inner, b, W));
	/* The parent domain is untouched. */
	KUNIT_EXPECT_EQ(test, outer->tables[LL_KEY_INODE].nr_rules, 1U);
	landlock_put_domain(inner);
	landlock_put_domain(outer);
	landlock_ruleset_free(second);
	landlock_ruleset_free(first);
	landlock_put_object(b);
	landlock_put_object(a);
}

static void test_max_layers(struct kunit *const test)
{
	struct landlock_ruleset *const ruleset = new_ruleset(test, R);
	struct landlock_domain *domains[LANDLOCK_MAX_LAYERS] = {};
	struct landlock_domain *parent = NULL, *extra;
	int i;

	for (i = 0; i < LANDLOCK_MAX_LAYERS; i++) {
		domains[i] = enforce(test, parent, ruleset);
		parent = domains[i];
	}
	KUNIT_EXPECT_EQ(test, parent->nr_layers, (u32)LANDLOCK_MAX_LAYERS);
	extra = landlock_domain_create(parent, ruleset);
	KUNIT_EXPECT_EQ(test, PTR_ERR_OR_ZERO(extra), -E2BIG);
	for (i = LANDLOCK_MAX_LAYERS - 1; i >= 0; i--)
		landlock_put_domain(domains[i]);
	landlock_ruleset_free(ruleset);
}

static void test_nesting(struct kunit *const test)
{
	struct landlock_ruleset *const ruleset = new_ruleset(test, R);
	struct landlock_domain *const root = enforce(test, NULL, ruleset);
	struct landlock_domain *const child = enforce(test, root, ruleset);
	struct landlock_domain *const sibling = enforce(test, root, ruleset);
	struct landlock_domain *const grandchild =
		enforce(test, child, ruleset);

	KUNIT_EXPECT_TRUE(test, landlock_domain_is_nested(NULL, NULL));
	KUNIT_EXPECT_TRUE(test, landlock_domain_is_nested(NULL, child));
	KUNIT_EXPECT_FALSE(test, landlock_domain_is_nested(root, NULL));
	KUNIT_EXPECT_TRUE(test, landlock_domain_is_nested(root, root));
	KUNIT_EXPECT_TRUE(test, landlock_domain_is_nested(root, grandchild));
	KUNIT_EXPECT_TRUE(test, landlock_domain_is_nested(child, grandchild));
	KUNIT_EXPECT_FALSE(test, landlock_domain_is_nested(child, root));
	KUNIT_EXPECT_FALSE(test, landlock_domain_is_nested(sibling, child));
	KUNIT_EXPECT_FALSE(test,
			   landlock_domain_is_nested(sibling, grandchild));
	landlock_put_domain(grandchild);
	landlock_put_domain(sibling);
	landlock_put_domain(child);
	landlock_put_domain(root);
	landlock_ruleset_free(ruleset);
}

static void test_nesting_outlives_parent(struct kunit *const test)
{
	struct landlock_ruleset *const ruleset = new_ruleset(test, R);
	struct landlock_domain *const root = enforce(test, NULL, ruleset);
	struct landlock_domain *const child = enforce(test, root, ruleset);
	struct landlock_hier *const root_hier = root->hier;
	struct landlock_domain stub = {};
	int waited;

	/* The child keeps its ancestors' hierarchy nodes alive. */
	KUNIT_EXPECT_EQ(test, refcount_read(&root_hier->usage), 2U);
	KUNIT_EXPECT_PTR_EQ(test, child->hier->parent, root_hier);
	/* Pins the node for the test; the child's reference stays. */
	refcount_inc(&root_hier->usage);
	landlock_put_domain(root);
	/* The domain is freed by a work item: wait for it (1 s at most). */
	for (waited = 0; waited < 1000; waited++) {
		if (refcount_read(&root_hier->usage) == 2)
			break;
		usleep_range(1000, 2000);
	}
	KUNIT_EXPECT_EQ(test, refcount_read(&root_hier->usage), 2U);
	/* Nesting is still decided with the freed domain's node. */
	stub.hier = root_hier;
	KUNIT_EXPECT_TRUE(test, landlock_domain_is_nested(&stub, child));
	refcount_dec(&root_hier->usage);
	landlock_put_domain(child);
	landlock_ruleset_free(ruleset);
}

static int add_port(struct landlock_ruleset *const ruleset, const u16 port,
		    const u32 access)
{
	return landlock_ruleset_add(ruleset, LL_KEY_PORT, port, access, false);
}

#define BIND LANDLOCK_ACCESS_NET_BIND_TCP
#define CONNECT LANDLOCK_ACCESS_NET_CONNECT_TCP

static bool allows_port(const struct landlock_domain *const domain,
			const u16 port, const u32 access)
{
	const struct landlock_dom_rule *rule;
	struct landlock_request req;

	if (!landlock_request_init(&req, domain, LL_KEY_PORT, access))
		return true;
	rule = landlock_domain_find(domain, LL_KEY_PORT, port);
	return landlock_request_grant(&req, domain, rule);
}

static void test_port_rules(struct kunit *const test)
{
	struct landlock_ruleset *const ruleset =
		landlock_ruleset_alloc(R, BIND | CONNECT, 0);
	struct landlock_domain *domain;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, ruleset);
	KUNIT_ASSERT_EQ(test, add_port(ruleset, 80, CONNECT), 0);
	KUNIT_ASSERT_EQ(test, add_port(ruleset, 0, BIND), 0);
	KUNIT_ASSERT_EQ(test, add_port(ruleset, 80, BIND), 0);
	KUNIT_EXPECT_EQ(test, ruleset->nr_rules[LL_KEY_PORT], 2U);
	KUNIT_EXPECT_EQ(test, ruleset->nr_rules[LL_KEY_INODE], 0U);
	domain = enforce(test, NULL, ruleset);
	KUNIT_EXPECT_TRUE(test, allows_port(domain, 80, BIND | CONNECT));
	KUNIT_EXPECT_TRUE(test, allows_port(domain, 0, BIND));
	KUNIT_EXPECT_FALSE(test, allows_port(domain, 0, CONNECT));
	KUNIT_EXPECT_FALSE(test, allows_port(domain, 443, CONNECT));
	/* Port keys never match inode rules, and the other way round. */
	KUNIT_EXPECT_PTR_EQ(test,
			    landlock_domain_find(domain, LL_KEY_INODE, 80),
			    (const struct landlock_dom_rule *)NULL);
	landlock_put_domain(domain);
	landlock_ruleset_free(ruleset);
}

static void test_port_layers(struct kunit *const test)
{
	struct landlock_ruleset *const first =
		landlock_ruleset_alloc(0, BIND, 0);
	struct landlock_ruleset *const second =
		landlock_ruleset_alloc(R, CONNECT, 0);
	struct landlock_domain *outer, *inner;
	u16 port;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, first);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, second);
	for (port = 1000; port < 1100; port++)
		KUNIT_ASSERT_EQ(test, add_port(first, port, BIND), 0);
	KUNIT_ASSERT_EQ(test, add_port(second, 1050, CONNECT), 0);
	outer = enforce(test, NULL, first);
	inner = enforce(test, outer, second);
	KUNIT_EXPECT_EQ(test, inner->tables[LL_KEY_PORT].nr_rules, 100U);
	KUNIT_EXPECT_EQ(test, inner->handled_any[LL_KEY_PORT],
			(u32)(BIND | CONNECT));
	KUNIT_EXPECT_EQ(test, inner->handled_any[LL_KEY_INODE], (u32)R);
	/* The first layer does not restrict connecting, the second binding. */
	KUNIT_EXPECT_TRUE(test, allows_port(inner, 1050, BIND | CONNECT));
	KUNIT_EXPECT_TRUE(test, allows_port(inner, 1099, BIND));
	KUNIT_EXPECT_FALSE(test, allows_port(inner, 1099, CONNECT));
	KUNIT_EXPECT_FALSE(test, allows_port(inner, 1100, BIND));
	KUNIT_EXPECT_TRUE(test, allows_port(outer, 1100, CONNECT));
	landlock_put_domain(inner);
	landlock_put_domain(outer);
	landlock_ruleset_free(second);
	landlock_ruleset_free(first);
}

#define BIND_UDP LANDLOCK_ACCESS_NET_BIND_UDP
#define SEND_UDP LANDLOCK_ACCESS_NET_CONNECT_SEND_UDP

#ifdef CONFIG_AUDIT
/*
 * Quiet rules: the decision of the youngest denying layer, for the rights
 * in its quiet mask, on objects it marks.
 */
static void test_quiet_decision(struct kunit *const test)
{
	struct landlock_ruleset *const outer =
		landlock_ruleset_alloc(R | W, BIND_UDP | SEND_UDP, 0);
	struct landlock_ruleset *const inner =
		landlock_ruleset_alloc(R, BIND_UDP, 0);
	struct landlock_domain *first, *domain;
	const struct landlock_dom_rule *rule;
	struct landlock_request req;
	struct landlock_denial denial = {
		.type = LL_BLOCKER_NET,
	};
	int err;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, outer);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, inner);
	outer->quiet[LL_KEY_PORT] = SEND_UDP;
	outer->quiet[LL_KEY_INODE] = R | W;
	err = landlock_ruleset_add(outer, LL_KEY_PORT, 53, 0, true);
	KUNIT_ASSERT_EQ(test, err, 0);
	/* A later rule without the flag keeps the mark. */
	KUNIT_ASSERT_EQ(test,
			landlock_ruleset_add(outer, LL_KEY_PORT, 53, BIND_UDP,
					     false),
			0);
	KUNIT_ASSERT_EQ(test,
			landlock_ruleset_add(inner, LL_KEY_PORT, 53, BIND_UDP,
					     false),
			0);
	first = enforce(test, NULL, outer);
	domain = enforce(test, first, inner);

	/* Sending to port 53: only the outer layer denies, quietly. */
	KUNIT_ASSERT_TRUE(test, landlock_request_init(&req, domain, LL_KEY_PORT,
						      SEND_UDP));
	rule = landlock_domain_find(domain, LL_KEY_PORT, 53);
	KUNIT_EXPECT_FALSE(test, landlock_request_grant(&req, domain, rule));
	KUNIT_EXPECT_EQ(test, req.quiet, (u16)BIT(0));
	denial.layer = fls(req.layers) - 1;
	denial.blockers = SEND_UDP;
	denial.quiet_layers = req.quiet;
	KUNIT_EXPECT_EQ(test, denial.layer, 0U);
	KUNIT_EXPECT_TRUE(test, landlock_is_quiet(domain, &denial));
	/* Another port is not marked. */
	denial.quiet_layers = 0;
	KUNIT_EXPECT_FALSE(test, landlock_is_quiet(domain, &denial));
	/* A right outside the quiet mask is logged. */
	denial.quiet_layers = BIT(0);
	denial.blockers = SEND_UDP | BIND_UDP;
	KUNIT_EXPECT_FALSE(test, landlock_is_quiet(domain, &denial));
	/* The inner layer denies: its quiet setting (none) decides. */
	denial.layer = 1;
	denial.blockers = BIND_UDP;
	denial.quiet_layers = BIT(0) | BIT(1);
	KUNIT_EXPECT_FALSE(test, landlock_is_quiet(domain, &denial));
	/* Marks and masks are per type. */
	denial.type = LL_BLOCKER_FS;
	denial.layer = 0;
	denial.blockers = R;
	KUNIT_EXPECT_TRUE(test, landlock_is_quiet(domain, &denial));
	denial.type = LL_BLOCKER_PTRACE;
	denial.blockers = 0;
	KUNIT_EXPECT_FALSE(test, landlock_is_quiet(domain, &denial));

	landlock_put_domain(domain);
	landlock_put_domain(first);
	landlock_ruleset_free(inner);
	landlock_ruleset_free(outer);
}

/*
 * The decision that audit and the denial tracepoints (logged=) share: the
 * layer's flags for the program the task runs, then quiet settings.
 */
static void test_denial_logged(struct kunit *const test)
{
	struct landlock_ruleset *const ruleset =
		landlock_ruleset_alloc(R | W, 0, 0);
	struct landlock_denial denial = {
		.type = LL_BLOCKER_FS,
		.blockers = R,
	};
	struct landlock_domain *domain;
	struct landlock_hier *hier;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, ruleset);
	ruleset->quiet[LL_KEY_INODE] = R;
	domain = enforce(test, NULL, ruleset);
	hier = domain->hier;
	hier->log_same_exec = true;
	/* No details: logging is off for this layer (flags or no audit). */
	KUNIT_EXPECT_FALSE(test,
			   landlock_denial_logged(domain, BIT(0), &denial));
	hier->details = kzalloc(sizeof(*hier->details), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, hier->details);
	KUNIT_EXPECT_TRUE(test,
			  landlock_denial_logged(domain, BIT(0), &denial));
	/* After execve(2), the layer's flag for new programs decides. */
	KUNIT_EXPECT_FALSE(test, landlock_denial_logged(domain, 0, &denial));
	hier->log_new_exec = true;
	KUNIT_EXPECT_TRUE(test, landlock_denial_logged(domain, 0, &denial));
	hier->log_same_exec = false;
	KUNIT_EXPECT_FALSE(test,
			   landlock_denial_logged(domain, BIT(0), &denial));
	/* A quiet denial is not logged; one with a right not quiet is. */
	hier->log_same_exec = true;
	denial.quiet_layers = BIT(0);
	KUNIT_EXPECT_FALSE(test,
			   landlock_denial_logged(domain, BIT(0), &denial));
	denial.blockers = R | W;
	KUNIT_EXPECT_TRUE(test,
			  landlock_denial_logged(domain, BIT(0), &denial));

	landlock_put_domain(domain);
	landlock_ruleset_free(ruleset);
}
#endif /* CONFIG_AUDIT */

/*
 * A ruleset handling the permissions @handled (a bit per &enum
 * landlock_perm), allowing the namespace types @ns and the capabilities
 * @caps.
 */
static struct landlock_ruleset *perm_ruleset(struct kunit *const test,
					     const u32 handled, const u64 ns,
					     const u64 caps)
{
	struct landlock_ruleset *const ruleset = new_ruleset(test, 0);

	ruleset->handled_perms = handled;
	landlock_ruleset_add_perm(ruleset, LL_PERM_NAMESPACE, ns, 0);
	landlock_ruleset_add_perm(ruleset, LL_PERM_CAPABILITY, caps, 0);
	return ruleset;
}

#define NS_USE BIT(LL_PERM_NAMESPACE)
#define CAP_USE BIT(LL_PERM_CAPABILITY)

static int ns_denier(const struct landlock_domain *const domain, const u64 type)
{
	return landlock_perm_denier(domain, LL_PERM_NAMESPACE, type);
}

static int cap_denier(const struct landlock_domain *const domain, const int cap)
{
	return landlock_perm_denier(domain, LL_PERM_CAPABILITY, BIT_ULL(cap));
}

/* A domain, or layers, not handling a permission allow all its members. */
static void test_perm_not_handled(struct kunit *const test)
{
	struct landlock_ruleset *const fs = new_ruleset(test, R);
	struct landlock_ruleset *const caps = perm_ruleset(test, CAP_USE, 0, 0);
	struct landlock_domain *first, *domain;

	KUNIT_EXPECT_EQ(test, ns_denier(NULL, CLONE_NEWUTS), -1);
	first = enforce(test, NULL, fs);
	domain = enforce(test, first, caps);
	KUNIT_EXPECT_EQ(test, domain->handled_perms_any, CAP_USE);
	KUNIT_EXPECT_EQ(test, ns_denier(domain, CLONE_NEWUTS), -1);
	KUNIT_EXPECT_EQ(test, cap_denier(domain, CAP_SYS_ADMIN), 1);

	landlock_put_domain(domain);
	landlock_put_domain(first);
	landlock_ruleset_free(caps);
	landlock_ruleset_free(fs);
}

/*
 * Every layer handling a permission must allow the member; the youngest
 * one that does not is the denier.
 */
static void test_perm_layers(struct kunit *const test)
{
	const u64 caps = BIT_ULL(CAP_SYS_ADMIN);
	struct landlock_ruleset *outer, *middle, *inner;
	struct landlock_domain *d0, *d1, *d2;

	outer = perm_ruleset(test, NS_USE, CLONE_NEWUTS | CLONE_NEWNET, 0);
	middle = perm_ruleset(test, CAP_USE, 0, caps);
	inner = perm_ruleset(test, NS_USE | CAP_USE,
			     CLONE_NEWNET | CLONE_NEWIPC, ~0ULL);
	d0 = enforce(test, NULL, outer);
	d1 = enforce(test, d0, middle);
	d2 = enforce(test, d1, inner);

	KUNIT_EXPECT_EQ(test, d2->handled_perms_any, NS_USE | CAP_USE);
	KUNIT_EXPECT_EQ(test, ns_denier(d2, CLONE_NEWNET), -1);
	KUNIT_EXPECT_EQ(test, ns_denier(d2, CLONE_NEWUTS), 2);
	KUNIT_EXPECT_EQ(test, ns_denier(d2, CLONE_NEWIPC), 0);
	KUNIT_EXPECT_EQ(test, ns_denier(d2, CLONE_NEWPID), 2);
	KUNIT_EXPECT_EQ(test, cap_denier(d2, CAP_SYS_ADMIN), -1);
	KUNIT_EXPECT_EQ(test, cap_denier(d2, CAP_CHOWN), 1);
	/* The parent domains do not change. */
	KUNIT_EXPECT_EQ(test, ns_denier(d1, CLONE_NEWUTS), -1);
	KUNIT_EXPECT_EQ(test, cap_denier(d0, CAP_CHOWN), -1);

	landlock_put_domain(d2);
	landlock_put_domain(d1);
	landlock_put_domain(d0);
	landlock_ruleset_free(inner);
	landlock_ruleset_free(middle);
	landlock_ruleset_free(outer);
}

/* The rules of a layer add up, allowed and quiet members alike. */
static void test_perm_rules_accumulate(struct kunit *const test)
{
	struct landlock_ruleset *const ruleset =
		perm_ruleset(test, NS_USE, CLONE_NEWUTS, 0);
	struct landlock_domain *domain;

	landlock_ruleset_add_perm(ruleset, LL_PERM_NAMESPACE, CLONE_NEWIPC,
				  CLONE_NEWNET);
	landlock_ruleset_add_perm(ruleset, LL_PERM_NAMESPACE, 0, CLONE_NEWPID);
	KUNIT_EXPECT_EQ(test, ruleset->perm_allowed[LL_PERM_NAMESPACE],
			(u64)(CLONE_NEWUTS | CLONE_NEWIPC));
	KUNIT_EXPECT_EQ(test, ruleset->perm_quiet[LL_PERM_NAMESPACE],
			(u64)(CLONE_NEWNET | CLONE_NEWPID));
	domain = enforce(test, NULL, ruleset);
	KUNIT_EXPECT_EQ(test, domain->perm_allowed[LL_PERM_NAMESPACE][0],
			(u64)(CLONE_NEWUTS | CLONE_NEWIPC));
	KUNIT_EXPECT_EQ(test, domain->perm_quiet[LL_PERM_NAMESPACE][0],
			(u64)(CLONE_NEWNET | CLONE_NEWPID));
	KUNIT_EXPECT_EQ(test, ns_denier(domain, CLONE_NEWIPC), -1);
	/* Members are bits: nothing is allowed by "no member". */
	KUNIT_EXPECT_EQ(test, ns_denier(domain, 0), 0);

	landlock_put_domain(domain);
	landlock_ruleset_free(ruleset);
}

#ifdef CONFIG_AUDIT
/*
 * A permission denial is quiet if its member is in the quiet set of the
 * youngest layer that denied it, whatever the older layers quiet.
 */
static void test_perm_quiet(struct kunit *const test)
{
	struct landlock_ruleset *const outer = perm_ruleset(test, NS_USE, 0, 0);
	struct landlock_ruleset *const inner =
		perm_ruleset(test, NS_USE | CAP_USE, CLONE_NEWIPC, 0);
	struct landlock_domain *first, *domain;
	struct landlock_denial denial = {
		.type = LL_BLOCKER_NAMESPACE,
		.quiet_layers = U16_MAX,
	};

	landlock_ruleset_add_perm(outer, LL_PERM_NAMESPACE, 0,
				  CLONE_NEWUTS | CLONE_NEWIPC);
	landlock_ruleset_add_perm(inner, LL_PERM_CAPABILITY, 0,
				  BIT_ULL(CAP_CHOWN));
	first = enforce(test, NULL, outer);
	domain = enforce(test, first, inner);

	/* IPC: only the outer layer denies, and quiets it. */
	denial.member = CLONE_NEWIPC;
	denial.layer = ns_denier(domain, denial.member);
	KUNIT_EXPECT_EQ(test, denial.layer, 0U);
	KUNIT_EXPECT_TRUE(test, landlock_is_quiet(domain, &denial));
	/* UTS: the inner layer denies too, and does not quiet it. */
	denial.member = CLONE_NEWUTS;
	denial.layer = ns_denier(domain, denial.member);
	KUNIT_EXPECT_EQ(test, denial.layer, 1U);
	KUNIT_EXPECT_FALSE(test, landlock_is_quiet(domain, &denial));
	/* Quiet sets are per permission. */
	denial.type = LL_BLOCKER_CAPABILITY;
	denial.member = BIT_ULL(CAP_CHOWN);
	KUNIT_EXPECT_TRUE(test, landlock_is_quiet(domain, &denial));
	denial.member = BIT_ULL(CAP_SYS_ADMIN);
	KUNIT_EXPECT_FALSE(test, landlock_is_quiet(domain, &denial));
	denial.layer = 0;
	denial.member = BIT_ULL(CAP_CHOWN);
	KUNIT_EXPECT_FALSE(test, landlock_is_quiet(domain, &denial));

	landlock_put_domain(domain);
	landlock_put_domain(first);
	landlock_ruleset_free(inner);
	landlock_ruleset_free(outer);
}
#endif /* CONFIG_AUDIT */

#ifdef CONFIG_INET
/* Reads @addr for @op on a socket of @family: the verdict or -errno. */
static int read_test_addr(struct kunit *const test, const sa_family_t family,
			  const void *const addr, const int addrlen,
			  const enum landlock_net_op op,
			  struct lsm_network_audit *const net)
{
	struct sock *const sk = kunit_kzalloc(test, sizeof(*sk), GFP_KERNEL);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, sk);
	sk->sk_family = family;
	memset(net, 0, sizeof(*net));
	return landlock_net_read_addr(sk, addr, addrlen, op, net);
}

static void test_net_read_addr_inet(struct kunit *const test)
{
	struct sockaddr_in in = {
		.sin_family = AF_INET,
		.sin_port = htons(53),
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
	struct lsm_network_audit net;

	KUNIT_EXPECT_EQ(test,
			read_test_addr(test, AF_INET, &in, sizeof(in),
				       LL_NET_SEND, &net),
			(int)LL_ADDR_CHECKED);
	KUNIT_EXPECT_EQ(test, net.family, (u16)AF_INET);
	KUNIT_EXPECT_EQ(test, ntohs(net.dport), 53);
	KUNIT_EXPECT_EQ(test, ntohl(net.v4info.daddr), INADDR_LOOPBACK);
	KUNIT_EXPECT_EQ(test, ntohs(net.sport), 0);
	KUNIT_EXPECT_EQ(test,
			read_test_addr(test, AF_INET, &in, sizeof(in),
				       LL_NET_BIND, &net),
			(int)LL_ADDR_CHECKED);
	KUNIT_EXPECT_EQ(test, ntohs(net.sport), 53);
	KUNIT_EXPECT_EQ(test, ntohl(net.v4info.saddr), INADDR_LOOPBACK);
	/* Too short, or for the other family. */
	KUNIT_EXPECT_EQ(test,
			read_test_addr(test, AF_INET, &in, sizeof(in) - 1,
				       LL_NET_SEND, &net),
			-EINVAL);
	KUNIT_EXPECT_EQ(test,
			read_test_addr(test, AF_INET, &in, 1, LL_NET_CONNECT,
				       &net),
			-EINVAL);
	KUNIT_EXPECT_EQ(test,
			read_test_addr(test, AF_INET6, &in, sizeof(in),
				       LL_NET_SEND, &net),
			-EINVAL);
	/* Other families are left to the stack. */
	in.sin_family = AF_UNIX;
	KUNIT_EXPECT_EQ(test,
			read_test_addr(test, AF_INET, &in, sizeof(in),
				       LL_NET_SEND, &net),
			(int)LL_ADDR_IGNORED);
}

static void test_net_read_addr_unspec(struct kunit *const test)
{
	const struct sockaddr_in unspec = {
		.sin_family = AF_UNSPEC,
		.sin_port = htons(53),
	};
	struct lsm_network_audit net;

	/* A disconnection, for any socket. */
	KUNIT_EXPECT_EQ(test,
			read_test_addr(test, AF_INET6, &unspec,
				       sizeof(sa_family_t), LL_NET_CONNECT,
				       &net),
			(int)LL_ADDR_IGNORED);
	/* A datagram: to IPv4 for an IPv4 socket, denied for IPv6. */
	KUNIT_EXPECT_EQ(test,
			read_test_addr(test, AF_INET, &unspec, sizeof(unspec),
				       LL_NET_SEND, &net),
			(int)LL_ADDR_CHECKED);
	KUNIT_EXPECT_EQ(test, ntohs(net.dport), 53);
	KUNIT_EXPECT_EQ(test, net.family, (u16)AF_UNSPEC);
	KUNIT_EXPECT_EQ(test,
			read_test_addr(test, AF_INET, &unspec,
				       sizeof(unspec) - 1, LL_NET_SEND, &net),
			-EINVAL);
	KUNIT_EXPECT_EQ(test,
			read_test_addr(test, AF_INET6, &unspec, sizeof(unspec),
				       LL_NET_SEND, &net),
			(int)LL_ADDR_DENIED);
	/* A bind: IPv4 to the wildcard address only. */
	KUNIT_EXPECT_EQ(test,
			read_test_addr(test, AF_INET, &unspec, sizeof(unspec),
				       LL_NET_BIND, &net),
			(int)LL_ADDR_CHECKED);
	KUNIT_EXPECT_EQ(test, ntohs(net.sport), 53);
	KUNIT_EXPECT_EQ(test,
			read_test_addr(test, AF_INET6, &unspec, sizeof(unspec),
				       LL_NET_BIND, &net),
			(int)LL_ADDR_IGNORED);
}
#endif /* CONFIG_INET */

#define SIG LANDLOCK_SCOPE_SIGNAL
#define UNIX LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET

/* A layer with no rules that forbids @scoped (and restricts reading). */
static struct landlock_domain *scope(struct kunit *const test,
				     struct landlock_domain *const parent,
				     const u32 scoped)
{
	struct landlock_ruleset *const ruleset =
		landlock_ruleset_alloc(R, 0, scoped);
	struct landlock_domain *domain;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, ruleset);
	domain = enforce(test, parent, ruleset);
	landlock_ruleset_free(ruleset);
	return domain;
}

static void test_scope_single_layer(struct kunit *const test)
{
	struct landlock_domain *const sealed = scope(test, NULL, SIG);
	struct landlock_domain *const open = scope(test, NULL, 0);
	struct landlock_domain *const nested = scope(test, sealed, 0);

	KUNIT_EXPECT_EQ(test, sealed->scoped_any, (u32)SIG);
	KUNIT_EXPECT_EQ(test, nested->scoped[0], (u32)SIG);
	KUNIT_EXPECT_EQ(test, nested->scoped[1], 0U);
	/* Itself and nested domains only. */
	KUNIT_EXPECT_TRUE(test, landlock_scope_allows(sealed, sealed, SIG));
	KUNIT_EXPECT_TRUE(test, landlock_scope_allows(sealed, nested, SIG));
	KUNIT_EXPECT_FALSE(test, landlock_scope_allows(sealed, NULL, SIG));
	KUNIT_EXPECT_FALSE(test, landlock_scope_allows(sealed, open, SIG));
	/* Another scope is not forbidden. */
	KUNIT_EXPECT_TRUE(test, landlock_scope_allows(sealed, NULL, UNIX));
	/* Unsandboxed and unscoped subjects reach anything. */
	KUNIT_EXPECT_TRUE(test, landlock_scope_allows(NULL, sealed, SIG));
	KUNIT_EXPECT_TRUE(test, landlock_scope_allows(open, sealed, SIG));
	KUNIT_EXPECT_TRUE(test, landlock_scope_allows(open, NULL, SIG));
	/* A nested domain inherits its parent's bound. */
	KUNIT_EXPECT_TRUE(test, landlock_scope_allows(nested, sealed, SIG));
	KUNIT_EXPECT_FALSE(test, landlock_scope_allows(nested, open, SIG));
	KUNIT_EXPECT_FALSE(test, landlock_scope_allows(nested, NULL, SIG));
	landlock_put_domain(nested);
	landlock_put_domain(open);
	landlock_put_domain(sealed);
}

static void test_scope_innermost_bound(struct kunit *const test)
{
	struct landlock_domain *const outer = scope(test, NULL, UNIX);
	struct landlock_domain *const middle = scope(test, outer, SIG);
	struct landlock_domain *const inner = scope(test, middle, 0);
	struct landlock_domain *const sibling = scope(test, outer, 0);

	KUNIT_EXPECT_EQ(test, inner->scoped_any, (u32)(SIG | UNIX));
	/* Signals are bound by the middle layer, sockets by the outer one. */
	KUNIT_EXPECT_TRUE(test, landlock_scope_allows(inner, middle, SIG));
	KUNIT_EXPECT_FALSE(test, landlock_scope_allows(inner, outer, SIG));
	KUNIT_EXPECT_FALSE(test, landlock_scope_allows(inner, sibling, SIG));
	KUNIT_EXPECT_TRUE(test, landlock_scope_allows(inner, outer, UNIX));
	KUNIT_EXPECT_TRUE(test, landlock_scope_allows(inner, sibling, UNIX));
	KUNIT_EXPECT_FALSE(test, landlock_scope_allows(inner, NULL, UNIX));
	/* The outer layer does not forbid signals: it reaches anyone. */
	KUNIT_EXPECT_TRUE(test, landlock_scope_allows(outer, NULL, SIG));
	KUNIT_EXPECT_TRUE(test, landlock_scope_allows(sibling, middle, SIG));
	KUNIT_EXPECT_TRUE(test, landlock_scope_allows(sibling, middle, UNIX));
	landlock_put_domain(sibling);
	landlock_put_domain(inner);
	landlock_put_domain(middle);
	landlock_put_domain(outer);
}

static void test_layer_nodes_and_ids(struct kunit *const test)
{
	struct landlock_domain *const first = scope(test, NULL, 0);
	struct landlock_domain *const second = scope(test, first, SIG);
	struct landlock_domain *const third = scope(test, second, 0);

	KUNIT_EXPECT_PTR_EQ(test, landlock_layer_hier(third, 0), first->hier);
	KUNIT_EXPECT_PTR_EQ(test, landlock_layer_hier(third, 1), second->hier);
	KUNIT_EXPECT_PTR_EQ(test, landlock_layer_hier(third, 2), third->hier);
	KUNIT_EXPECT_EQ(test, landlock_scope_layer(third, SIG), 1U);
	/*
	 * IDs, with or without audit: unique, increasing, and not small
	 * enough to count domains.
	 */
	KUNIT_EXPECT_GE(test, first->hier->id, 1ULL << 32);
	KUNIT_EXPECT_GT(test, second->hier->id, first->hier->id);
	KUNIT_EXPECT_GT(test, third->hier->id, second->hier->id);
	landlock_put_domain(third);
	landlock_put_domain(second);
	landlock_put_domain(first);
}

/*
 * Description of domains (/proc/PID/attr/landlock/current)
 */

/* Formats a string in a buffer freed by the test's cleanup. */
static __printf(2, 3) char *format(struct kunit *const test,
				   const char *const fmt, ...)
{
	va_list args;
	char *buf;
	int len;

	va_start(args, fmt);
	len = vsnprintf(NULL, 0, fmt, args);
	va_end(args);
	buf = kunit_kzalloc(test, len + 1, GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, buf);
	va_start(args, fmt);
	vsnprintf(buf, len + 1, fmt, args);
	va_end(args);
	return buf;
}

/* Describes @domain in a buffer freed by the test's cleanup. */
static char *describe(struct kunit *const test,
		      const struct landlock_domain *const domain)
{
	const size_t len = landlock_describe_domain(domain, NULL, 0);
	char *const buf = kunit_kzalloc(test, len + 1, GFP_KERNEL);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, buf);
	KUNIT_EXPECT_EQ(test, landlock_describe_domain(domain, buf, len + 1),
			len);
	KUNIT_EXPECT_EQ(test, strlen(buf), len);
	return buf;
}

static void test_describe_no_domain(struct kunit *const test)
{
	char buf[4] = "xyz";

	KUNIT_EXPECT_EQ(test, landlock_describe_domain(NULL, buf, sizeof(buf)),
			(size_t)0);
	KUNIT_EXPECT_STREQ(test, buf, "");
	KUNIT_EXPECT_EQ(test, landlock_describe_domain(NULL, NULL, 0),
			(size_t)0);
}

/* The descriptions of the layers of test_describe_layers(). */
#define OUTER_LINE                                                     \
	"domain=%llx handled=fs.write_file,fs.read_file,net.bind_tcp," \
	"scope.signal rules.path_beneath=2 rules.net_port=1\n"
#define INNER_LINE \
	"domain=%llx handled=fs.execute rules.path_beneath=1 rules.net_port=0\n"

/*
 * Two layers: each line has its own layer's ID, handled rights, scopes and
 * rules, whatever the rules of the other layer on the same objects.
 */
static void test_describe_layers(struct kunit *const test)
{
	struct landlock_object *const a = fake_object(test);
	struct landlock_object *const b = fake_object(test);
	struct landlock_ruleset *const first =
		landlock_ruleset_alloc(R | W, BIND, SIG);
	struct landlock_ruleset *const second = new_ruleset(test, X);
	struct landlock_domain *outer, *inner;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, first);
	KUNIT_ASSERT_EQ(test, add_inode(first, a, R), 0);
	KUNIT_ASSERT_EQ(test, add_inode(first, b, R | W), 0);
	/* The same object twice: one rule. */
	KUNIT_ASSERT_EQ(test, add_inode(first, b, R), 0);
	KUNIT_ASSERT_EQ(test, add_port(first, 443, BIND), 0);
	KUNIT_ASSERT_EQ(test, add_inode(second, a, X), 0);
	outer = enforce(test, NULL, first);
	inner = enforce(test, outer, second);

	KUNIT_EXPECT_STREQ(test, describe(test, outer),
			   format(test, OUTER_LINE, outer->hier->id));
	KUNIT_EXPECT_STREQ(test, describe(test, inner),
			   format(test, OUTER_LINE INNER_LINE, outer->hier->id,
				  inner->hier->id));

	landlock_put_domain(inner);
	landlock_put_domain(outer);
	landlock_ruleset_free(second);
	landlock_ruleset_free(first);
	landlock_put_object(b);
	landlock_put_object(a);
}

/* Every right and scope, in the order of the file. */
#define ALL_NAMES                                                \
	"fs.execute,fs.write_file,fs.read_file,fs.read_dir,"     \
	"fs.remove_dir,fs.remove_file,fs.make_char,fs.make_dir," \
	"fs.make_reg,fs.make_sock,fs.make_fifo,fs.make_block,"   \
	"fs.make_sym,fs.refer,fs.truncate,fs.ioctl_dev,"         \
	"fs.resolve_unix,net.bind_tcp,net.connect_tcp,"          \
	"net.bind_udp,net.connect_send_udp,"                     \
	"scope.abstract_unix_socket,scope.signal"
#define ALL_NAMES_LINE                   \
	"domain=%llx handled=" ALL_NAMES \
	" rules.path_beneath=0 rules.net_port=0\n"

/*
 * Every right and scope, at every layer: the names are part of the
 * user-space interface, spelled out here.
 */
static void test_describe_all_names(struct kunit *const test)
{
	struct landlock_ruleset *const ruleset =
		landlock_ruleset_alloc(LL_FS_ALL, LL_NET_ALL, LL_SCOPE_ALL);
	struct landlock_domain *domains[LANDLOCK_MAX_LAYERS] = {};
	struct landlock_domain *parent = NULL;
	char *expected = "";
	int i;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, ruleset);
	for (i = 0; i < LANDLOCK_MAX_LAYERS; i++) {
		domains[i] = enforce(test, parent, ruleset);
		parent = domains[i];
		expected = format(test, "%s" ALL_NAMES_LINE, expected,
				  parent->hier->id);
	}
	KUNIT_EXPECT_STREQ(test, describe(test, parent), expected);
	for (i = LANDLOCK_MAX_LAYERS - 1; i >= 0; i--)
		landlock_put_domain(domains[i]);
	landlock_ruleset_free(ruleset);
}

/* A short buffer gets the beginning, terminated; the length is the full one. */
static void test_describe_truncated(struct kunit *const test)
{
	struct landlock_ruleset *const ruleset = new_ruleset(test, R);
	struct landlock_domain *const domain = enforce(test, NULL, ruleset);
	const char *const full = describe(test, domain);
	const size_t len = strlen(full);
	char buf[12];
	size_t ret;

	memset(buf, 'x', sizeof(buf));
	ret = landlock_describe_domain(domain, buf, sizeof(buf));
	KUNIT_EXPECT_EQ(test, ret, len);
	KUNIT_EXPECT_EQ(test, strlen(buf), sizeof(buf) - 1);
	KUNIT_EXPECT_EQ(test, strncmp(buf, full, sizeof(buf) - 1), 0);
	/* Nothing is written with a size of 0. */
	buf[0] = 'x';
	KUNIT_EXPECT_EQ(test, landlock_describe_domain(domain, buf, 0), len);
	KUNIT_EXPECT_EQ(test, buf[0], 'x');
	landlock_put_domain(domain);
	landlock_ruleset_free(ruleset);
}

static void test_shared_layers(struct kunit *const test)
{
	struct landlock_domain *const first = scope(test, NULL, 0);
	struct landlock_domain *const second = scope(test, first, 0);
	struct landlock_domain *const third = scope(test, second, 0);
	struct landlock_domain *const sibling = scope(test, first, 0);
	struct landlock_domain *const nephew = scope(test, sibling, 0);
	struct landlock_domain *const other = scope(test, NULL, 0);

	/* Itself, and the domains nested in it, fill every layer. */
	KUNIT_EXPECT_EQ(test, landlock_shared_layers(third, third), 3U);
	KUNIT_EXPECT_EQ(test, landlock_shared_layers(second, third), 2U);
	KUNIT_EXPECT_EQ(test, landlock_shared_layers(first, nephew), 1U);
	/* An enclosing domain fills its own layers only. */
	KUNIT_EXPECT_EQ(test, landlock_shared_layers(third, second), 2U);
	KUNIT_EXPECT_EQ(test, landlock_shared_layers(third, first), 1U);
	/* Branches meet at their common ancestor. */
	KUNIT_EXPECT_EQ(test, landlock_shared_layers(third, sibling), 1U);
	KUNIT_EXPECT_EQ(test, landlock_shared_layers(third, nephew), 1U);
	KUNIT_EXPECT_EQ(test, landlock_shared_layers(nephew, second), 1U);
	/* Unrelated domains, and no domain. */
	KUNIT_EXPECT_EQ(test, landlock_shared_layers(third, other), 0U);
	KUNIT_EXPECT_EQ(test, landlock_shared_layers(third, NULL), 0U);
	KUNIT_EXPECT_EQ(test, landlock_shared_layers(NULL, third), 0U);
	landlock_put_domain(other);
	landlock_put_domain(nephew);
	landlock_put_domain(sibling);
	landlock_put_domain(third);
	landlock_put_domain(second);
	landlock_put_domain(first);
}

/*
 * Credentials of a sibling thread (TSYNC).  They need Landlock's part of
 * the credentials, which only exists if Landlock is enabled at boot.
 */

/* Still the caller's old credentials: switches to the new ones. */
static void test_sibling_cred_shared(struct kunit *const test)
{
	struct cred *caller_new, *cred;

	if (!landlock_enabled)
		kunit_skip(test, "Landlock is not enabled at boot");
	caller_new = prepare_creds();
	KUNIT_ASSERT_NOT_NULL(test, caller_new);
	cred = landlock_sibling_cred(current_real_cred(), caller_new);
	KUNIT_EXPECT_PTR_EQ(test, cred, caller_new);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&caller_new->usage), 2L);
	abort_creds(cred);
	abort_creds(caller_new);
}

/*
 * Credentials of its own: a copy of them with the caller's Landlock state
 * (and a reference to its domain).
 */
static void test_sibling_cred_own(struct kunit *const test)
{
	struct cred *caller_old, *caller_new, *cred;
	struct landlock_ruleset *ruleset;
	struct landlock_domain *domain;
	struct landlock_cred_sec *sec;

	if (!landlock_enabled)
		kunit_skip(test, "Landlock is not enabled at boot");
	ruleset = new_ruleset(test, R);
	domain = enforce(test, NULL, ruleset);
	caller_old = prepare_creds();
	KUNIT_ASSERT_NOT_NULL(test, caller_old);
	caller_new = prepare_creds();
	KUNIT_ASSERT_NOT_NULL(test, caller_new);
	/* The caller's new state, in credentials that differ otherwise. */
	caller_new->fsuid = KUIDT_INIT(65534);
	sec = landlock_cred(caller_new);
	sec->domain = domain;
	sec->exec_layers = BIT(0);
	sec->log_subdomains_off = true;

	cred = landlock_sibling_cred(caller_old, caller_new);
	KUNIT_ASSERT_NOT_NULL(test, cred);
	KUNIT_EXPECT_PTR_NE(test, cred, caller_new);
	KUNIT_EXPECT_PTR_NE(test, cred, caller_old);
	sec = landlock_cred(cred);
	KUNIT_EXPECT_PTR_EQ(test, sec->domain, domain);
	KUNIT_EXPECT_EQ(test, sec->exec_layers, BIT(0));
	KUNIT_EXPECT_TRUE(test, sec->log_subdomains_off);
	KUNIT_EXPECT_EQ(test, refcount_read(&domain->usage), 2U);
	/* Its other credentials are the sibling's (here, the test's). */
	KUNIT_EXPECT_TRUE(test, uid_eq(cred->fsuid, current_fsuid()));

	abort_creds(cred);
	/* Credentials are freed after an RCU grace period. */
	rcu_barrier();
	KUNIT_EXPECT_EQ(test, refcount_read(&domain->usage), 1U);
	abort_creds(caller_new);
	abort_creds(caller_old);
	landlock_ruleset_free(ruleset);
}

/* Walk cache: two layers, R | W handled by the first, R by the second. */
static struct landlock_domain *walk_domain(struct kunit *const test)
{
	struct landlock_ruleset *const first = new_ruleset(test, R | W);
	struct landlock_ruleset *const second = new_ruleset(test, R);
	struct landlock_domain *const outer = enforce(test, NULL, first);
	struct landlock_domain *const inner = enforce(test, outer, second);

	landlock_put_domain(outer);
	landlock_ruleset_free(second);
	landlock_ruleset_free(first);
	KUNIT_ASSERT_NOT_NULL(test, inner->walk_cache);
	return inner;
}

static struct landlock_walk_key walk_key(void)
{
	return (struct landlock_walk_key){
		.dir = (const struct dentry *)0x1000,
		.mnt = (const struct vfsmount *)0x2000,
		.dir_id = 42,
		.rename_seq = 2,
		.mount_seq = 4,
		.born = get_jiffies_64(),
	};
}

/* Stores a summary missing W in layer 0 and R in layer 1, layer 1 quiet. */
static void store_summary(const struct landlock_domain *const domain,
			  const struct landlock_walk_key *const key)
{
	struct landlock_request summary;

	landlock_request_init(&summary, domain, LL_KEY_INODE, LL_FS_ALL);
	summary.missing[0] = W;
	summary.quiet = BIT(1);
	landlock_walk_cache_store(domain, key, &summary);
}

/* Applies the cached summary of @key to @req, as a check does. */
static bool cache_apply(const struct landlock_domain *const domain,
			const struct landlock_walk_key *const key,
			struct landlock_request *const req)
{
	struct landlock_request summary;

	if (!landlock_walk_cache_read(domain, key, &summary))
		return false;
	landlock_request_apply_summary(req, domain, &summary);
	return true;
}

static void test_walk_cache_hit(struct kunit *const test)
{
	struct landlock_domain *const domain = walk_domain(test);
	const struct landlock_walk_key key = walk_key();
	struct landlock_request req;

	KUNIT_ASSERT_TRUE(test, landlock_request_init(&req, domain,
						      LL_KEY_INODE, R | W));
	KUNIT_EXPECT_FALSE(test, cache_apply(domain, &key, &req));
	store_summary(domain, &key);
	KUNIT_ASSERT_TRUE(test, cache_apply(domain, &key, &req));
	KUNIT_EXPECT_EQ(test, req.missing[0], (u32)W);
	KUNIT_EXPECT_EQ(test, req.missing[1], (u32)R);
	KUNIT_EXPECT_EQ(test, req.layers, (u16)3);
	KUNIT_EXPECT_EQ(test, req.quiet, (u16)BIT(1));

	/* Reading only: the first layer has nothing missing any more. */
	landlock_request_init(&req, domain, LL_KEY_INODE, R);
	KUNIT_ASSERT_TRUE(test, cache_apply(domain, &key, &req));
	KUNIT_EXPECT_EQ(test, req.missing[0], 0U);
	KUNIT_EXPECT_EQ(test, req.layers, (u16)BIT(1));
	landlock_put_domain(domain);
}

/* The fast path: no layer of the summary misses any of the rights. */
static void test_walk_cache_allows(struct kunit *const test)
{
	struct landlock_domain *const domain = walk_domain(test);
	struct landlock_walk_key key = walk_key();
	/* No layer handles it: never missing. */
	const u32 unhandled = LANDLOCK_ACCESS_FS_EXECUTE;

	KUNIT_EXPECT_FALSE(test,
			   landlock_walk_cache_allows(domain, &key, unhandled));
	store_summary(domain, &key);
	/* Layer 0 misses W, layer 1 R (and all it handles but what it got). */
	KUNIT_EXPECT_FALSE(test, landlock_walk_cache_allows(domain, &key, W));
	KUNIT_EXPECT_FALSE(test, landlock_walk_cache_allows(domain, &key, R));
	KUNIT_EXPECT_TRUE(test,
			  landlock_walk_cache_allows(domain, &key, unhandled));
	key.mount_seq += 2;
	KUNIT_EXPECT_FALSE(test,
			   landlock_walk_cache_allows(domain, &key, unhandled));
	landlock_put_domain(domain);
}

static void test_walk_cache_key_mismatch(struct kunit *const test)
{
	struct landlock_domain *const domain = walk_domain(test);
	const struct landlock_walk_key stored = walk_key();
	struct landlock_walk_key keys[6];
	struct landlock_request req;
	int i;

	for (i = 0; i < ARRAY_SIZE(keys); i++)
		keys[i] = stored;
	keys[0].dir_id++;
	keys[1].dir = (const struct dentry *)0x1008;
	keys[2].mnt = (const struct vfsmount *)0x2008;
	keys[3].rename_seq += 2;
	keys[4].mount_seq += 2;
	store_summary(domain, &stored);
	for (i = 0; i < ARRAY_SIZE(keys) - 1; i++) {
		bool hit;

		landlock_request_init(&req, domain, LL_KEY_INODE, R | W);
		hit = cache_apply(domain, &keys[i], &req);
		KUNIT_EXPECT_FALSE(test, hit);
		KUNIT_EXPECT_EQ(test, req.missing[0], (u32)(R | W));
	}
	/* The slot was left as it was. */
	KUNIT_EXPECT_TRUE(test, cache_apply(domain, &keys[5], &req));
	landlock_put_domain(domain);
}

static void test_walk_cache_ages(struct kunit *const test)
{
	struct landlock_domain *const domain = walk_domain(test);
	struct landlock_walk_key key = walk_key();
	struct landlock_request req;

	/* Made a second before the check was stamped: too old. */
	key.born -= HZ;
	store_summary(domain, &key);
	key.born += HZ;
	landlock_request_init(&req, domain, LL_KEY_INODE, R | W);
	KUNIT_EXPECT_FALSE(test, cache_apply(domain, &key, &req));
	/* A tick younger, it is used. */
	key.born -= HZ - 1;
	store_summary(domain, &key);
	key.born += HZ - 1;
	KUNIT_EXPECT_TRUE(test, cache_apply(domain, &key, &req));
	landlock_put_domain(domain);
}

static void test_walk_cache_only_for_fs(struct kunit *const test)
{
	struct landlock_ruleset *const ruleset =
		landlock_ruleset_alloc(0, LANDLOCK_ACCESS_NET_BIND_TCP, 0);
	struct landlock_domain *domain;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, ruleset);
	domain = enforce(test, NULL, ruleset);
	KUNIT_EXPECT_NULL(test, domain->walk_cache);
	landlock_put_domain(domain);
	landlock_ruleset_free(ruleset);
	if (!IS_ENABLED(CONFIG_64BIT))
		return;
	/* 256 slots of 52 bytes and 4 per layer, aligned to 8: 16 KiB. */
	KUNIT_EXPECT_EQ(test, landlock_walk_cache_size(1), (size_t)(256 * 56));
	KUNIT_EXPECT_EQ(test, landlock_walk_cache_size(2), (size_t)SZ_16K);
	KUNIT_EXPECT_EQ(test, landlock_walk_cache_size(3), (size_t)SZ_16K);
}

static struct kunit_case landlock_cases[] = {
	KUNIT_CASE(test_make_access_types),
	KUNIT_CASE(test_make_access_unknown_type),
	KUNIT_CASE(test_node_type_whiteout),
	KUNIT_CASE(test_remove_access),
	KUNIT_CASE(test_open_access),
	KUNIT_CASE(test_open_file_rights),
	KUNIT_CASE(test_ioctl_is_generic),
	KUNIT_CASE(test_move_access_rename),
	KUNIT_CASE(test_move_access_overwrite),
	KUNIT_CASE(test_move_access_exchange),
	KUNIT_CASE(test_move_access_link),
	KUNIT_CASE(test_ruleset_merges_same_object),
	KUNIT_CASE(test_request_unhandled),
	KUNIT_CASE(test_request_per_layer),
	KUNIT_CASE(test_grant_partial_then_full),
	KUNIT_CASE(test_domain_lookup),
	KUNIT_CASE(test_domain_lookup_many),
	KUNIT_CASE(test_layers_intersect),
	KUNIT_CASE(test_merge_keeps_parent_grants),
	KUNIT_CASE(test_max_layers),
	KUNIT_CASE(test_nesting),
	KUNIT_CASE(test_nesting_outlives_parent),
	KUNIT_CASE(test_port_rules),
	KUNIT_CASE(test_port_layers),
	KUNIT_CASE(test_perm_not_handled),
	KUNIT_CASE(test_perm_layers),
	KUNIT_CASE(test_perm_rules_accumulate),
#ifdef CONFIG_AUDIT
	KUNIT_CASE(test_quiet_decision),
	KUNIT_CASE(test_perm_quiet),
	KUNIT_CASE(test_denial_logged),
#endif
#ifdef CONFIG_INET
	KUNIT_CASE(test_net_read_addr_inet),
	KUNIT_CASE(test_net_read_addr_unspec),
#endif
	KUNIT_CASE(test_scope_single_layer),
	KUNIT_CASE(test_scope_innermost_bound),
	KUNIT_CASE(test_layer_nodes_and_ids),
	KUNIT_CASE(test_describe_no_domain),
	KUNIT_CASE(test_describe_layers),
	KUNIT_CASE(test_describe_all_names),
	KUNIT_CASE(test_describe_truncated),
	KUNIT_CASE(test_shared_layers),
	KUNIT_CASE(test_sibling_cred_shared),
	KUNIT_CASE(test_sibling_cred_own),
	KUNIT_CASE(test_walk_cache_hit),
	KUNIT_CASE(test_walk_cache_key_mismatch),
	KUNIT_CASE(test_walk_cache_allows),
	KUNIT_CASE(test_walk_cache_ages),
	KUNIT_CASE(test_walk_cache_only_for_fs),
	{}
};

static struct kunit_suite landlock_suite = {
	.name = "landlock",
	.test_cases = landlock_cases,
};

kunit_test_suite(landlock_suite);
