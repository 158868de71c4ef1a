// SPDX-License-Identifier: GPL-2.0
/*
 * Landlock selftests: Landlock built in but not enabled at boot
 *
 * Meant for a boot with an "lsm=" list that leaves Landlock out: then every
 * Landlock system call fails with EOPNOTSUPP, the version and errata queries
 * included, and /proc/PID/attr/landlock/current cannot be read (EINVAL).
 * Skipped when Landlock is enabled.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "common.h"

/*
 * Returns 1 if "landlock" is in the list of enabled LSMs, 0 if not, or -1
 * if the list cannot be read.
 */
static int landlock_enabled(void)
{
	char buf[512] = {};
	char *token, *saveptr;
	ssize_t len;
	int fd;

	fd = open("/sys/kernel/security/lsm", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	len = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (len < 0)
		return -1;
	for (token = strtok_r(buf, ",\n", &saveptr); token;
	     token = strtok_r(NULL, ",\n", &saveptr))
		if (strcmp(token, "landlock") == 0)
			return 1;
	return 0;
}

#define REQUIRE_DISABLED()                                                    \
	do {                                                                  \
		const int enabled = landlock_enabled();                       \
		if (enabled < 0)                                              \
			SKIP(return, "Cannot read /sys/kernel/security/lsm"); \
		if (enabled)                                                  \
			SKIP(return, "Landlock is enabled");                  \
	} while (0)

TEST(version_query)
{
	REQUIRE_DISABLED();
	ASSERT_EQ(-1, landlock_create_ruleset(NULL, 0,
					      LANDLOCK_CREATE_RULESET_VERSION));
	ASSERT_EQ(EOPNOTSUPP, errno);
}

TEST(errata_query)
{
	REQUIRE_DISABLED();
	ASSERT_EQ(-1, landlock_create_ruleset(NULL, 0,
					      LANDLOCK_CREATE_RULESET_ERRATA));
	ASSERT_EQ(EOPNOTSUPP, errno);
}

TEST(syscalls)
{
	const struct landlock_ruleset_attr attr = {
		.handled_access_fs = LANDLOCK_ACCESS_FS_READ_FILE,
	};
	const struct landlock_path_beneath_attr path_beneath = {
		.allowed_access = LANDLOCK_ACCESS_FS_READ_FILE,
		.parent_fd = -1,
	};

	REQUIRE_DISABLED();
	ASSERT_EQ(-1, landlock_create_ruleset(&attr, sizeof(attr), 0));
	ASSERT_EQ(EOPNOTSUPP, errno);
	/* Even invalid arguments are not looked at. */
	ASSERT_EQ(-1, landlock_create_ruleset(NULL, 0, 0));
	ASSERT_EQ(EOPNOTSUPP, errno);
	ASSERT_EQ(-1, landlock_add_rule(-1, LANDLOCK_RULE_PATH_BENEATH,
					&path_beneath, 0));
	ASSERT_EQ(EOPNOTSUPP, errno);
	ASSERT_EQ(-1, landlock_restrict_self(-1, 0));
	ASSERT_EQ(EOPNOTSUPP, errno);
	set_no_new_privs(_metadata);
	ASSERT_EQ(-1, landlock_restrict_self(-1, 0));
	ASSERT_EQ(EOPNOTSUPP, errno);
}

/* The /proc file exists, but there is no domain to describe. */
TEST(proc_attr)
{
	char c;
	int fd;

	REQUIRE_DISABLED();
	fd = open("/proc/thread-self/attr/landlock/current",
		  O_RDONLY | O_CLOEXEC);
	ASSERT_LE(0, fd);
	ASSERT_EQ(-1, read(fd, &c, 1));
	ASSERT_EQ(EINVAL, errno);
	ASSERT_EQ(0, close(fd));
}

LANDLOCK_HARNESS_MAIN
