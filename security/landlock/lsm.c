// SPDX-License-Identifier: GPL-2.0-only
/*
 * Landlock: registration with the LSM framework
 */

#define pr_fmt(fmt) "landlock: " fmt

#include <linux/init.h>
#include <linux/lsm_hooks.h>

#include "common.h"
#include "domain.h"
#include "fs.h"
#include "introspect.h"
#include "lsm.h"
#include "net.h"
#include "object.h"
#include "perm.h"
#include "scope.h"
#include "task.h"
#include "walkcache.h"

bool landlock_enabled __ro_after_init;

struct lsm_blob_sizes landlock_blobs __ro_after_init = {
	.lbs_cred = sizeof(struct landlock_cred_sec),
	.lbs_file = sizeof(struct landlock_file_sec),
	.lbs_inode = sizeof(struct landlock_inode_sec),
	.lbs_superblock = sizeof(struct landlock_sb_sec),
};

static int __init landlock_init(void)
{
	landlock_add_task_hooks();
	landlock_add_fs_hooks();
	landlock_add_net_hooks();
	landlock_add_scope_hooks();
	landlock_add_perm_hooks();
	landlock_add_introspect_hooks();
	landlock_add_walkcache_hooks();
	landlock_enabled = true;
	pr_info("Up and running.\n");
	return 0;
}

DEFINE_LSM(landlock) = {
	.name = LANDLOCK_NAME,
	.init = landlock_init,
	.blobs = &landlock_blobs,
};
