// SPDX-License-Identifier: GPL-2.0-only
/*
 * Landlock: names of the access rights and scopes
 */

#include <linux/build_bug.h>
#include <linux/kernel.h>

#include "names.h"

const char *const landlock_fs_names[] = {
	"execute",     "write_file",   "read_file", "read_dir", "remove_dir",
	"remove_file", "make_char",    "make_dir",  "make_reg", "make_sock",
	"make_fifo",   "make_block",   "make_sym",  "refer",	"truncate",
	"ioctl_dev",   "resolve_unix",
};

static_assert(ARRAY_SIZE(landlock_fs_names) == LL_FS_COUNT);

const char *const landlock_net_names[] = {
	"bind_tcp",
	"connect_tcp",
	"bind_udp",
	"connect_send_udp",
};

static_assert(ARRAY_SIZE(landlock_net_names) == LL_NET_COUNT);

const char *const landlock_scope_names[] = {
	"abstract_unix_socket",
	"signal",
};

static_assert(ARRAY_SIZE(landlock_scope_names) == LL_SCOPE_COUNT);
