// SPDX-License-Identifier: GPL-2.0
/*
 * Landlock selftests: linking and renaming across directories (ABI 2)
 *
 * Moving a file or a directory to another directory needs REFER on both
 * directories (in every layer), the MAKE_* and REMOVE_* rights of the kinds
 * of file involved, and the moved file must not gain any right: EXDEV for
 * REFER and gains, EACCES for the rest, EACCES first.
 *
 * The tests use the layout described in fs_common.h.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "fs_common.h"

/* What moving a regular file needs on both directories. */
#define MOVE_REG (RIGHT(REFER) | RIGHT(MAKE_REG) | RIGHT(REMOVE_FILE))
/* What moving a directory needs on both directories. */
#define MOVE_DIR (RIGHT(REFER) | RIGHT(MAKE_DIR) | RIGHT(REMOVE_DIR))

/* Tells whether @path exists (without following a final symlink). */
static bool exists(const char *const path)
{
	struct stat st;

	return !lstat(path, &st);
}

FIXTURE(refer)
{
	struct scratch scratch;
};

FIXTURE_SETUP(refer)
{
	scratch_setup(_metadata, &self->scratch);
	create_layout(_metadata);
}

FIXTURE_TEARDOWN(refer)
{
	scratch_teardown(_metadata, &self->scratch);
}

/* REFER itself */

TEST_F(refer, not_handled)
{
	const __u64 access = RIGHT(MAKE_REG) | RIGHT(REMOVE_FILE) |
			     RIGHT(READ_FILE);

	/* Everything handled is granted everywhere, but not REFER. */
	sandbox_one(_metadata, access, ".", access);
	ASSERT_EQ(EXDEV, ERR(link(S1D1F1, S2D1 "/f3")));
	ASSERT_EQ(EXDEV, ERR(rename(S1D1F1, S2D1 "/f3")));
	ASSERT_EQ(EXDEV, ERR(rename(S1D2F1, S1D1 "/f3")));
	ASSERT_EQ(EXDEV, exchange(S1D1F1, S2D1F1));
	ASSERT_FALSE(exists(S2D1 "/f3"));
	ASSERT_FALSE(exists(S1D1 "/f3"));
	/* Within one directory, REFER is not needed. */
	ASSERT_EQ(0, ERR(rename(S1D1F1, S1D1 "/f3")));
	ASSERT_EQ(0, ERR(link(S1D1F2, S1D1 "/f4")));
	ASSERT_EQ(0, test_open(S1D1 "/f3", O_RDONLY));
}

TEST_F(refer, not_handled_directories)
{
	const __u64 access = RIGHT(MAKE_DIR) | RIGHT(REMOVE_DIR);

	sandbox_one(_metadata, access, ".", access);
	ASSERT_EQ(EXDEV, ERR(rename(S1D3, S2D1 "/s1d3")));
	ASSERT_EQ(EXDEV, ERR(rename(S2D2, S1D1 "/s2d2")));
	ASSERT_EQ(0, ERR(rename(S1D3, S1D2 "/moved")));
	ASSERT_TRUE(is_dir(S1D2 "/moved"));
}

TEST_F(refer, handled_not_granted)
{
	sandbox(_metadata, MOVE_REG,
		(const struct rule[]){
			{ S1D1, RIGHT(MAKE_REG) | RIGHT(REMOVE_FILE) },
			{ S2D1, RIGHT(MAKE_REG) | RIGHT(REMOVE_FILE) },
			{},
		});
	ASSERT_EQ(EXDEV, ERR(link(S1D1F1, S2D1 "/f3")));
	ASSERT_EQ(EXDEV, ERR(rename(S1D1F1, S2D1 "/f3")));
	ASSERT_EQ(EXDEV, ERR(rename(S2D1F1, S1D1 "/f3")));
	ASSERT_EQ(EXDEV, ERR(rename(S1D1F1, S1D3 "/f3")));
	ASSERT_EQ(0, ERR(rename(S1D1F1, S1D1 "/f3")));
}

TEST_F(refer, granted_on_one_side)
{
	sandbox(_metadata, MOVE_REG,
		(const struct rule[]){
			{ S1D1, MOVE_REG },
			{ S2D1, RIGHT(MAKE_REG) | RIGHT(REMOVE_FILE) },
			{},
		});
	ASSERT_EQ(EXDEV, ERR(rename(S1D1F1, S2D1 "/f3")));
	ASSERT_EQ(EXDEV, ERR(rename(S2D1F1, S1D1 "/f3")));
	ASSERT_EQ(EXDEV, ERR(link(S1D1F1, S2D1 "/f3")));
	ASSERT_EQ(EXDEV, ERR(link(S2D1F1, S1D1 "/f3")));
	ASSERT_TRUE(exists(S1D1F1));
	ASSERT_TRUE(exists(S2D1F1));
}

TEST_F(refer, granted_on_both_sides)
{
	sandbox(_metadata, MOVE_REG,
		(const struct rule[]){
			{ S1D1, MOVE_REG },
			{ S2D1, MOVE_REG },
			{},
		});
	ASSERT_EQ(0, ERR(rename(S1D1F1, S2D1 "/f3")));
	ASSERT_FALSE(exists(S1D1F1));
	ASSERT_TRUE(exists(S2D1 "/f3"));
	ASSERT_EQ(0, ERR(link(S2D1F1, S1D1 "/f4")));
	ASSERT_TRUE(exists(S2D1F1));
	ASSERT_TRUE(exists(S1D1 "/f4"));
	/* Also from and to subdirectories. */
	ASSERT_EQ(0, ERR(rename(S1D3F1, S2D2 "/f3")));
	ASSERT_EQ(0, ERR(renameat(AT_FDCWD, S2D2F1, AT_FDCWD, S1D2 "/f3")));
}

TEST_F(refer, common_ancestor)
{
	/* One rule above both directories grants REFER to both. */
	sandbox_one(_metadata, MOVE_REG, ".", MOVE_REG);
	ASSERT_EQ(0, ERR(rename(S1D3F1, S2D2 "/f3")));
	ASSERT_EQ(0, ERR(rename(S2D1F1, S1D3 "/f4")));
	ASSERT_EQ(0, ERR(link(S1D1F2, S2D2 "/f5")));
	ASSERT_EQ(0, ERR(rename(S1D1F1, S1D3 "/f6")));
}

TEST_F(refer, nested_directories)
{
	sandbox_one(_metadata, MOVE_REG, S1D1, MOVE_REG);
	ASSERT_EQ(0, ERR(rename(S1D3F1, S1D1 "/f3")));
	ASSERT_EQ(0, ERR(rename(S1D1F2, S1D3 "/f4")));
	ASSERT_EQ(0, ERR(link(S1D2F1, S1D3 "/f5")));
	/* Out of the hierarchy: no MAKE_REG there, which comes first. */
	ASSERT_EQ(EACCES, ERR(rename(S1D1F1, S2D1 "/f3")));
	ASSERT_EQ(EACCES, ERR(rename(S2D1F1, S1D1 "/f6")));
}

TEST_F(refer, refer_only_granted)
{
	/* Creation and removal are not handled: REFER is enough. */
	sandbox_one(_metadata, RIGHT(REFER), ".", RIGHT(REFER));
	ASSERT_EQ(0, ERR(rename(S1D1F1, S2D1 "/f3")));
	ASSERT_EQ(0, ERR(link(S2D1F1, S1D3 "/f3")));
	ASSERT_EQ(0, ERR(rename(S1D2, S2D2 "/s1d2")));
	ASSERT_EQ(0, test_open(S2D2 "/s1d2/s1d3/f3", O_RDWR));
}

TEST_F(refer, refer_only_denied)
{
	sandbox_one(_metadata, RIGHT(REFER), S1D1, RIGHT(REFER));
	ASSERT_EQ(EXDEV, ERR(rename(S1D1F1, S2D1 "/f3")));
	ASSERT_EQ(EXDEV, ERR(link(S2D1F1, S1D1 "/f3")));
	ASSERT_EQ(0, ERR(rename(S1D3F1, S1D1 "/f3")));
	/* Nothing else is restricted. */
	ASSERT_EQ(0, test_open(S2D1F1, O_RDWR));
	ASSERT_EQ(0, ERR(rename(S2D1F1, S2D1 "/f3")));
	ASSERT_EQ(0, ERR(mkdir(S2D1 "/new", 0700)));
}

/* MAKE_* and REMOVE_*: EACCES, before EXDEV */

TEST_F(refer, no_make)
{
	sandbox(_metadata, MOVE_REG,
		(const struct rule[]){
			{ S1D1, MOVE_REG },
			{ S2D1, RIGHT(REFER) | RIGHT(REMOVE_FILE) },
			{},
		});
	ASSERT_EQ(EACCES, ERR(rename(S1D1F1, S2D1 "/f3")));
	ASSERT_EQ(EACCES, ERR(link(S1D1F1, S2D1 "/f3")));
	ASSERT_TRUE(exists(S1D1F1));
	ASSERT_EQ(0, ERR(rename(S2D1F1, S1D1 "/f3")));
}

TEST_F(refer, no_remove)
{
	sandbox(_metadata, MOVE_REG,
		(const struct rule[]){
			{ S1D1, RIGHT(REFER) | RIGHT(MAKE_REG) },
			{ S2D1, MOVE_REG },
			{},
		});
	ASSERT_EQ(EACCES, ERR(rename(S1D1F1, S2D1 "/f3")));
	ASSERT_TRUE(exists(S1D1F1));
	/* A link removes nothing. */
	ASSERT_EQ(0, ERR(link(S1D1F1, S2D1 "/f3")));
	ASSERT_EQ(0, ERR(rename(S2D1F1, S1D1 "/f4")));
}

TEST_F(refer, eacces_over_exdev)
{
	sandbox(_metadata, MOVE_REG,
		(const struct rule[]){
			{ S1D1, RIGHT(MAKE_REG) | RIGHT(REMOVE_FILE) },
			{ S2D1, RIGHT(REFER) },
			{},
		});
	/* No REFER on s1d1 and no MAKE_REG on s2d1. */
	ASSERT_EQ(EACCES, ERR(rename(S1D1F1, S2D1 "/f3")));
	ASSERT_EQ(EACCES, ERR(link(S1D1F1, S2D1 "/f3")));
	/* Only REFER is missing (on s1d1). */
	ASSERT_EQ(EXDEV, ERR(link(S2D1F1, S1D1 "/f3")));
	/* No REMOVE_FILE on s2d1 either. */
	ASSERT_EQ(EACCES, ERR(rename(S2D1F1, S1D1 "/f3")));
}

TEST_F(refer, overwrite_needs_remove)
{
	sandbox(_metadata, MOVE_REG,
		(const struct rule[]){
			{ S1D1, MOVE_REG },
			{ S2D1, RIGHT(REFER) | RIGHT(MAKE_REG) },
			{},
		});
	/* Replacing s2d1/f1 removes it from s2d1. */
	ASSERT_EQ(EACCES, ERR(rename(S1D1F1, S2D1F1)));
	ASSERT_TRUE(exists(S1D1F1));
	ASSERT_EQ(0, ERR(rename(S1D1F1, S2D1 "/new")));
}

TEST_F(refer, overwrite_dir_needs_remove_dir)
{
	create_dir(_metadata, S2D1 "/empty");
	sandbox(_metadata, MOVE_DIR,
		(const struct rule[]){
			{ S1D1, MOVE_DIR },
			{ S2D1, RIGHT(REFER) | RIGHT(MAKE_DIR) },
			{},
		});
	ASSERT_EQ(EACCES, ERR(rename(S1D2, S2D1 "/empty")));
	ASSERT_TRUE(is_dir(S1D2));
	ASSERT_EQ(0, ERR(rename(S1D2, S2D1 "/new")));
	ASSERT_TRUE(exists(S2D1 "/new/s1d3/f1"));
}

TEST_F(refer, exchange_file_dir)
{
	const __u64 access = MOVE_REG | MOVE_DIR;

	sandbox(_metadata, access,
		(const struct rule[]){
			{ S1D1, access },
			{ S2D1, access },
			{},
		});
	ASSERT_EQ(0, exchange(S1D1F1, S2D2));
	ASSERT_TRUE(is_dir(S1D1F1));
	ASSERT_TRUE(exists(S1D1F1 "/f1"));
	ASSERT_FALSE(is_dir(S2D2));
	ASSERT_EQ(DATA_SIZE, file_size(S2D2));
}

TEST_F(refer, exchange_file_dir_no_remove_dir)
{
	const __u64 access = MOVE_REG | MOVE_DIR;

	sandbox(_metadata, access,
		(const struct rule[]){
			{ S1D1, access },
			{ S2D1, access & ~RIGHT(REMOVE_DIR) },
			{},
		});
	/* s2d2 leaves s2d1 (and would gain REMOVE_DIR: EACCES first). */
	ASSERT_EQ(EACCES, exchange(S1D1F1, S2D2));
	ASSERT_EQ(EACCES, exchange(S2D2, S1D1F1));
	ASSERT_FALSE(is_dir(S1D1F1));
	ASSERT_TRUE(is_dir(S2D2));
	/* Moving only the file is fine. */
	ASSERT_EQ(0, ERR(rename(S1D1F1, S2D1 "/new")));
}

TEST_F(refer, exchange_no_remove)
{
	sandbox(_metadata, MOVE_REG,
		(const struct rule[]){
			{ S1D1, MOVE_REG },
			{ S2D1, RIGHT(REFER) | RIGHT(MAKE_REG) },
			{},
		});
	ASSERT_EQ(EACCES, exchange(S1D1F1, S2D1F1));
	ASSERT_EQ(EACCES, exchange(S2D1F1, S1D1F1));
	ASSERT_EQ(0, ERR(rename(S1D1F1, S2D1 "/new")));
}

TEST_F(refer, same_dir_without_refer)
{
	const __u64 access = RIGHT(MAKE_REG) | RIGHT(REMOVE_FILE) |
			     RIGHT(MAKE_DIR) | RIGHT(REMOVE_DIR);

	sandbox_one(_metadata, ACCESS_FS_ALL, S1D1, access);
	ASSERT_EQ(0, ERR(rename(S1D1F1, S1D1 "/f3")));
	ASSERT_EQ(0, ERR(link(S1D1F2, S1D1 "/f4")));
	ASSERT_EQ(0, exchange(S1D1 "/f3", S1D2));
	ASSERT_TRUE(is_dir(S1D1 "/f3"));
	ASSERT_EQ(0, ERR(rename(S1D1 "/f3/s1d3/f1", S1D1 "/f3/s1d3/f5")));
	/* Another directory, even beneath. */
	ASSERT_EQ(EXDEV, ERR(rename(S1D1 "/f4", S1D1 "/f3/f6")));
}

/* No gain of rights for a moved file */

#define FILE_MOVE_ACCESS (MOVE_REG | RIGHT(READ_FILE) | RIGHT(WRITE_FILE))

TEST_F(refer, file_gain)
{
	sandbox(_metadata, FILE_MOVE_ACCESS,
		(const struct rule[]){
			{ S1D1, MOVE_REG | RIGHT(READ_FILE) },
			{ S2D1, FILE_MOVE_ACCESS },
			{},
		});
	/* Would be writable in s2d1. */
	ASSERT_EQ(EXDEV, ERR(rename(S1D1F1, S2D1 "/f3")));
	ASSERT_EQ(EXDEV, ERR(link(S1D1F1, S2D1 "/f3")));
	ASSERT_EQ(EXDEV, ERR(rename(S1D3F1, S2D2 "/f3")));
	ASSERT_TRUE(exists(S1D1F1));
	ASSERT_FALSE(exists(S2D1 "/f3"));
	/* Losing a right is fine, and the file then has the new ones. */
	ASSERT_EQ(0, test_open(S2D1F1, O_WRONLY));
	ASSERT_EQ(0, ERR(rename(S2D1F1, S1D1 "/f3")));
	ASSERT_EQ(EACCES, test_open(S1D1 "/f3", O_WRONLY));
	ASSERT_EQ(0, test_open(S1D1 "/f3", O_RDONLY));
	ASSERT_EQ(0, ERR(link(S2D2F1, S1D2 "/f3")));
}

TEST_F(refer, file_same_rights)
{
	sandbox(_metadata, FILE_MOVE_ACCESS,
		(const struct rule[]){
			{ S1D1, FILE_MOVE_ACCESS },
			{ S2D1, MOVE_REG },
			{ S2D1, RIGHT(READ_FILE) | RIGHT(WRITE_FILE) },
			{},
		});
	ASSERT_EQ(0, ERR(rename(S1D1F1, S2D1 "/f3")));
	ASSERT_EQ(0, ERR(rename(S2D1F1, S1D1 "/f4")));
	ASSERT_EQ(0, ERR(link(S1D3F1, S2D2 "/f5")));
	ASSERT_EQ(0, test_open(S2D1 "/f3", O_RDWR));
}

TEST_F(refer, file_gain_own_rule)
{
	/* The rule on s1d1/f1 goes with it: it gains nothing in s2d1. */
	sandbox(_metadata, FILE_MOVE_ACCESS,
		(const struct rule[]){
			{ S1D1, MOVE_REG | RIGHT(READ_FILE) },
			{ S1D1F1, RIGHT(WRITE_FILE) },
			{ S2D1, FILE_MOVE_ACCESS },
			{},
		});
	ASSERT_EQ(0, ERR(rename(S1D1F1, S2D1 "/f3")));
	ASSERT_EQ(0, test_open(S2D1 "/f3", O_RDWR));
	ASSERT_EQ(EXDEV, ERR(rename(S1D1F2, S2D1 "/f4")));
	ASSERT_EQ(EXDEV, ERR(link(S1D1F2, S2D1 "/f4")));
	/* Back to s1d1: still writable, thanks to its own rule. */
	ASSERT_EQ(0, ERR(rename(S2D1 "/f3", S1D1F1)));
	ASSERT_EQ(0, test_open(S1D1F1, O_WRONLY));
}

TEST_F(refer, file_own_rule_not_enough)
{
	sandbox(_metadata, FILE_MOVE_ACCESS,
		(const struct rule[]){
			{ S1D1, MOVE_REG | RIGHT(READ_FILE) },
			{ S1D1F1, RIGHT(READ_FILE) },
			{ S2D1, FILE_MOVE_ACCESS },
			{},
		});
	ASSERT_EQ(EXDEV, ERR(rename(S1D1F1, S2D1 "/f3")));
	ASSERT_EQ(EXDEV, ERR(link(S1D1F1, S2D1 "/f3")));
}

TEST_F(refer, file_ignores_dir_rights)
{
	const __u64 handled = MOVE_REG | MOVE_DIR | RIGHT(READ_FILE);

	sandbox(_metadata, handled,
		(const struct rule[]){
			{ S1D1, MOVE_REG | RIGHT(REMOVE_DIR) },
			{ S1D1, RIGHT(READ_FILE) },
			{ S2D1, handled },
			{},
		});
	/* s2d1 grants MAKE_DIR, which means nothing for a file... */
	ASSERT_EQ(0, ERR(rename(S1D1F1, S2D1 "/f3")));
	ASSERT_EQ(0, ERR(link(S1D3F1, S2D2 "/f3")));
	/* ... but is a gain for a directory. */
	ASSERT_EQ(EXDEV, ERR(rename(S1D2, S2D1 "/s1d2")));
	ASSERT_TRUE(is_dir(S1D2));
}

TEST_F(refer, file_rights_counted)
{
	const __u64 handled = MOVE_REG | RIGHT(EXECUTE) | RIGHT(TRUNCATE);

	sandbox(_metadata, handled,
		(const struct rule[]){
			{ S1D1, MOVE_REG },
			{ S1D2, RIGHT(EXECUTE) },
			{ S2D1, MOVE_REG | RIGHT(TRUNCATE) },
			{},
		});
	ASSERT_EQ(EXDEV, ERR(rename(S1D1F1, S1D2 "/f3")));
	ASSERT_EQ(EXDEV, ERR(rename(S1D1F1, S2D1 "/f3")));
	ASSERT_EQ(EXDEV, ERR(rename(S1D3F1, S2D1 "/f3")));
	ASSERT_EQ(EXDEV, ERR(rename(S2D1F1, S1D3 "/f3")));
	ASSERT_EQ(0, ERR(rename(S1D3F1, S1D1 "/f3")));
	ASSERT_EQ(0, ERR(rename(S2D2F1, S1D1 "/f4")));
	ASSERT_EQ(EACCES, ERR(truncate(S1D1 "/f4", 0)));
}

/* No gain of rights for a moved directory */

TEST_F(refer, dir_gain)
{
	sandbox(_metadata, MOVE_DIR | RIGHT(MAKE_REG),
		(const struct rule[]){
			{ S1D1, MOVE_DIR },
			{ S2D1, MOVE_DIR | RIGHT(MAKE_REG) },
			{},
		});
	ASSERT_EQ(EXDEV, ERR(rename(S1D2, S2D1 "/s1d2")));
	ASSERT_EQ(EXDEV, ERR(rename(S1D3, S2D2 "/s1d3")));
	ASSERT_TRUE(is_dir(S1D2));
	ASSERT_EQ(0, test_open(S2D2 "/new", O_CREAT | O_WRONLY));
	ASSERT_EQ(0, ERR(rename(S2D2, S1D1 "/s2d2")));
	/* Where it now is, nothing can be created. */
	ASSERT_EQ(EACCES, test_open(S1D1 "/s2d2/new2", O_CREAT | O_WRONLY));
}

TEST_F(refer, dir_same_rights)
{
	sandbox(_metadata, MOVE_DIR | RIGHT(MAKE_REG),
		(const struct rule[]){
			{ S1D1, MOVE_DIR },
			{ S2D1, MOVE_DIR },
			{},
		});
	ASSERT_EQ(0, ERR(rename(S1D2, S2D1 "/s1d2")));
	ASSERT_EQ(0, ERR(rename(S2D2, S1D1 "/s2d2")));
	ASSERT_TRUE(exists(S2D1 "/s1d2/s1d3/f1"));
	ASSERT_TRUE(exists(S1D1 "/s2d2/f1"));
}

TEST_F(refer, dir_gain_own_rule)
{
	create_dir(_metadata, S1D1 "/empty");
	sandbox(_metadata, MOVE_DIR | RIGHT(READ_FILE),
		(const struct rule[]){
			{ S1D1, MOVE_DIR },
			{ S1D2, RIGHT(READ_FILE) },
			{ S2D1, MOVE_DIR | RIGHT(READ_FILE) },
			{},
		});
	ASSERT_EQ(0, ERR(rename(S1D2, S2D1 "/s1d2")));
	ASSERT_EQ(0, test_open(S2D1 "/s1d2/s1d3/f1", O_RDONLY));
	ASSERT_EQ(EXDEV, ERR(rename(S1D1 "/empty", S2D1 "/empty")));
	ASSERT_TRUE(is_dir(S1D1 "/empty"));
}

TEST_F(refer, dir_with_deeper_rules)
{
	/* Rules on inodes beneath the moved directory go with them. */
	sandbox(_metadata, MOVE_DIR | RIGHT(READ_FILE),
		(const struct rule[]){
			{ S1D1, MOVE_DIR },
			{ S1D3, RIGHT(READ_FILE) },
			{ S2D1, MOVE_DIR },
			{},
		});
	ASSERT_EQ(0, ERR(rename(S1D2, S2D1 "/moved")));
	ASSERT_EQ(0, test_open(S2D1 "/moved/s1d3/f1", O_RDONLY));
	ASSERT_EQ(EACCES, test_open(S2D1 "/moved/f1", O_RDONLY));
	/* And the subdirectory itself can move on. */
	ASSERT_EQ(0, ERR(rename(S2D1 "/moved/s1d3", S2D2 "/s1d3")));
	ASSERT_EQ(0, test_open(S2D2 "/s1d3/f2", O_RDONLY));
	ASSERT_EQ(EACCES, test_open(S2D2F1, O_RDONLY));
}

TEST_F(refer, exchange_dirs_gain)
{
	sandbox(_metadata, MOVE_DIR | RIGHT(MAKE_REG),
		(const struct rule[]){
			{ S1D1, MOVE_DIR },
			{ S2D1, MOVE_DIR | RIGHT(MAKE_REG) },
			{},
		});
	ASSERT_EQ(EXDEV, exchange(S1D2, S2D2));
	ASSERT_EQ(EXDEV, exchange(S2D2, S1D2));
	ASSERT_TRUE(exists(S1D3F1));
	ASSERT_TRUE(exists(S2D2F1));
}

/* RENAME_EXCHANGE: both files move */

TEST_F(refer, exchange_gain)
{
	ASSERT_EQ(0, truncate(S2D1F1, 2));
	sandbox(_metadata, FILE_MOVE_ACCESS,
		(const struct rule[]){
			{ S1D1, MOVE_REG | RIGHT(READ_FILE) },
			{ S2D1, FILE_MOVE_ACCESS },
			{},
		});
	/* s1d1/f1 would gain WRITE_FILE, whatever the order. */
	ASSERT_EQ(EXDEV, exchange(S1D1F1, S2D1F1));
	ASSERT_EQ(EXDEV, exchange(S2D1F1, S1D1F1));
	ASSERT_EQ(DATA_SIZE, file_size(S1D1F1));
	ASSERT_EQ(2, file_size(S2D1F1));
}

TEST_F(refer, exchange_same_rights)
{
	ASSERT_EQ(0, truncate(S2D1F1, 2));
	sandbox(_metadata, FILE_MOVE_ACCESS,
		(const struct rule[]){
			{ S1D1, FILE_MOVE_ACCESS },
			{ S2D1, FILE_MOVE_ACCESS },
			{},
		});
	ASSERT_EQ(0, exchange(S1D1F1, S2D1F1));
	ASSERT_EQ(2, file_size(S1D1F1));
	ASSERT_EQ(DATA_SIZE, file_size(S2D1F1));
	ASSERT_EQ(0, exchange(S2D2F1, S1D3F1));
}

TEST_F(refer, exchange_own_rule_on_gainer)
{
	ASSERT_EQ(0, truncate(S2D1F1, 2));
	sandbox(_metadata, FILE_MOVE_ACCESS,
		(const struct rule[]){
			{ S1D1, MOVE_REG | RIGHT(READ_FILE) },
			{ S1D1F1, RIGHT(WRITE_FILE) },
			{ S2D1, FILE_MOVE_ACCESS },
			{},
		});
	/* s1d1/f1 keeps its own WRITE_FILE, s2d1/f1 loses it. */
	ASSERT_EQ(0, exchange(S1D1F1, S2D1F1));
	ASSERT_EQ(2, file_size(S1D1F1));
	ASSERT_EQ(DATA_SIZE, file_size(S2D1F1));
	ASSERT_EQ(EACCES, test_open(S1D1F1, O_WRONLY));
	ASSERT_EQ(0, test_open(S2D1F1, O_WRONLY));
}

TEST_F(refer, exchange_own_rule_on_loser)
{
	ASSERT_EQ(0, truncate(S2D1F1, 2));
	sandbox(_metadata, FILE_MOVE_ACCESS,
		(const struct rule[]){
			{ S1D1, MOVE_REG | RIGHT(READ_FILE) },
			{ S2D1, FILE_MOVE_ACCESS },
			{ S2D1F1, RIGHT(WRITE_FILE) },
			{},
		});
	ASSERT_EQ(EXDEV, exchange(S1D1F1, S2D1F1));
	ASSERT_EQ(EXDEV, exchange(S2D1F1, S1D1F1));
	ASSERT_EQ(DATA_SIZE, file_size(S1D1F1));
	ASSERT_EQ(2, file_size(S2D1F1));
}

/* Layers */

TEST_F(refer, layers_both_grant)
{
	sandbox(_metadata, MOVE_REG,
		(const struct rule[]){
			{ S1D1, MOVE_REG },
			{ S2D1, MOVE_REG },
			{},
		});
	sandbox_one(_metadata, MOVE_REG, ".", MOVE_REG);
	ASSERT_EQ(0, ERR(rename(S1D1F1, S2D1 "/f3")));
	ASSERT_EQ(0, ERR(link(S2D2F1, S1D3 "/f3")));
}

TEST_F(refer, layers_refer_needed_in_each)
{
	sandbox_one(_metadata, MOVE_REG, ".", MOVE_REG);
	/* A second layer that does not handle REFER. */
	sandbox_one(_metadata, RIGHT(READ_FILE), ".", RIGHT(READ_FILE));
	ASSERT_EQ(EXDEV, ERR(rename(S1D1F1, S2D1 "/f3")));
	ASSERT_EQ(EXDEV, ERR(link(S1D1F1, S2D1 "/f3")));
	ASSERT_EQ(0, ERR(rename(S1D1F1, S1D1 "/f3")));
}

TEST_F(refer, layers_refer_granted_elsewhere)
{
	sandbox_one(_metadata, MOVE_REG, ".", MOVE_REG);
	sandbox(_metadata, MOVE_REG,
		(const struct rule[]){
			{ S1D1, MOVE_REG },
			{ S2D1, RIGHT(MAKE_REG) | RIGHT(REMOVE_FILE) },
			{},
		});
	ASSERT_EQ(EXDEV, ERR(rename(S1D1F1, S2D1 "/f3")));
	ASSERT_EQ(0, ERR(rename(S1D1F1, S1D3 "/f3")));
}

TEST_F(refer, layers_gain_in_second)
{
	sandbox_one(_metadata, FILE_MOVE_ACCESS, ".", FILE_MOVE_ACCESS);
	sandbox(_metadata, FILE_MOVE_ACCESS,
		(const struct rule[]){
			{ S1D1, MOVE_REG | RIGHT(READ_FILE) },
			{ S2D1, FILE_MOVE_ACCESS },
			{},
		});
	ASSERT_EQ(EXDEV, ERR(rename(S1D1F1, S2D1 "/f3")));
	ASSERT_EQ(EXDEV, ERR(link(S1D1F1, S2D1 "/f3")));
	ASSERT_EQ(0, ERR(rename(S2D1F1, S1D1 "/f3")));
}

TEST_F(refer, layers_make_missing_in_second)
{
	sandbox_one(_metadata, MOVE_REG, ".", MOVE_REG);
	sandbox(_metadata, MOVE_REG,
		(const struct rule[]){
			{ S1D1, MOVE_REG },
			{ S2D1, RIGHT(REFER) | RIGHT(REMOVE_FILE) },
			{},
		});
	ASSERT_EQ(EACCES, ERR(rename(S1D1F1, S2D1 "/f3")));
	ASSERT_EQ(0, ERR(rename(S2D1F1, S1D1 "/f3")));
}

TEST_F(refer, layers_compared_separately)
{
	/*
	 * Each layer grants WRITE_FILE on one side only: no file is writable
	 * anywhere, yet a move would make a layer grant more to the file.
	 */
	sandbox(_metadata, MOVE_REG | RIGHT(WRITE_FILE),
		(const struct rule[]){
			{ ".", MOVE_REG },
			{ S1D1, RIGHT(WRITE_FILE) },
			{},
		});
	sandbox(_metadata, MOVE_REG | RIGHT(WRITE_FILE),
		(const struct rule[]){
			{ ".", MOVE_REG },
			{ S2D1, RIGHT(WRITE_FILE) },
			{},
		});
	ASSERT_EQ(EACCES, test_open(S1D1F1, O_WRONLY));
	ASSERT_EQ(EACCES, test_open(S2D1F1, O_WRONLY));
	ASSERT_EQ(EXDEV, ERR(rename(S1D1F1, S2D1 "/f3")));
	ASSERT_EQ(EXDEV, ERR(rename(S2D1F1, S1D1 "/f3")));
	ASSERT_EQ(EXDEV, exchange(S1D1F1, S2D1F1));
	/* Elsewhere, both layers grant the same. */
	ASSERT_EQ(0, ERR(rename(S1D1F1, S1D3 "/f3")));
}

/* Mount points */

FIXTURE(refer_mnt)
{
	struct scratch scratch;
	int ns_errno;
};

FIXTURE_SETUP(refer_mnt)
{
	scratch_setup(_metadata, &self->scratch);
	create_layout(_metadata);
	self->ns_errno = enter_mount_ns() ? errno : 0;
}

FIXTURE_TEARDOWN(refer_mnt)
{
	scratch_teardown(_metadata, &self->scratch);
}

TEST_F(refer_mnt, bind_mount)
{
	REQUIRE_MOUNT_NS();
	ASSERT_EQ(0, mount(S1D1, S3D1, NULL, MS_BIND, NULL));
	/* A rule through the bind mount is a rule on s1d1. */
	sandbox_one(_metadata, MOVE_REG, S3D1, MOVE_REG);
	ASSERT_EQ(0, ERR(rename(S3D1 "/f1", S3D1 "/s1d2/f3")));
	ASSERT_EQ(0, ERR(rename(S1D2F1, S1D3 "/f3")));
	ASSERT_TRUE(exists(S1D2 "/f3"));
	/* Out of the hierarchy. */
	ASSERT_EQ(EACCES, ERR(rename(S1D1F2, S2D1 "/f3")));
	/* Across mount points, the VFS refuses anyway. */
	ASSERT_EQ(EXDEV, ERR(rename(S1D1F2, S3D1 "/f4")));
}

TEST_F(refer_mnt, tmpfs_mount_point)
{
	REQUIRE_MOUNT_NS();
	mount_tmpfs(_metadata, S3D1);
	create_dir(_metadata, S3D1 "/a");
	create_dir(_metadata, S3D1 "/b");
	create_file(_metadata, S3D1 "/a/f1");
	create_file(_metadata, S3D1 "/a/f2");
	/* A rule on the root of a mounted filesystem covers all of it. */
	sandbox(_metadata, MOVE_REG,
		(const struct rule[]){
			{ S3D1, MOVE_REG },
			{ S1D1, MOVE_REG },
			{},
		});
	ASSERT_EQ(0, ERR(rename(S3D1 "/a/f1", S3D1 "/b/f1")));
	ASSERT_EQ(0, ERR(link(S3D1 "/a/f2", S3D1 "/b/f2")));
	ASSERT_EQ(EXDEV, ERR(rename(S3D1 "/a/f2", S1D1 "/f3")));
	ASSERT_EQ(EXDEV, ERR(rename(S1D1F1, S3D1 "/a/f1")));
}

/*
 * Disconnected directories
 *
 * s1d1/s1d2 is bind mounted on s3d1 and a directory is opened through the
 * bind mount at s3d1/s1d3.  Then s1d1/s1d2/s1d3 is moved (through the
 * original mount) to s2d1/s1d3: the open directory is now outside of the
 * root of the bind mount it was opened through.  Its real ancestors are
 * s2d1 and up; through its mount, it is reached from s3d1 (the root of the
 * bind mount, i.e. s1d2) and up.
 */

FIXTURE(disconnected)
{
	struct scratch scratch;
	int ns_errno;
	/* The disconnected directory, open with O_PATH. */
	int dir_fd;
};

FIXTURE_SETUP(disconnected)
{
	self->dir_fd = -1;
	scratch_setup(_metadata, &self->scratch);
	create_layout(_metadata);
	create_dir(_metadata, S1D2 "/w");
	self->ns_errno = enter_mount_ns() ? errno : 0;
	if (self->ns_errno)
		return;
	ASSERT_EQ(0, mount(S1D2, S3D1, NULL, MS_BIND, NULL));
	self->dir_fd = open(S3D1 "/s1d3", O_PATH | O_DIRECTORY | O_CLOEXEC);
	ASSERT_LE(0, self->dir_fd);
	ASSERT_EQ(0, rename(S1D3, S2D1 "/s1d3"));
	/* Without Landlock, it is still in the bind mount for the VFS. */
	ASSERT_EQ(0, renameat(self->dir_fd, "f2", AT_FDCWD, S3D1 "/f3"));
	ASSERT_EQ(0, renameat(AT_FDCWD, S3D1 "/f3", self->dir_fd, "f2"));
	ASSERT_EQ(0, faccessat(self->dir_fd, "f1", F_OK, 0));
}

FIXTURE_TEARDOWN(disconnected)
{
	if (self->dir_fd >= 0)
		close(self->dir_fd);
	scratch_teardown(_metadata, &self->scratch);
}

static int open_beneath(const int dir_fd, const char *const name,
			const int flags)
{
	const int fd = openat(dir_fd, name, flags | O_CLOEXEC);

	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

TEST_F(disconnected, open_real_parent)
{
	REQUIRE_MOUNT_NS();
	sandbox_one(_metadata, RIGHT(READ_FILE), S2D1, RIGHT(READ_FILE));
	ASSERT_EQ(0, open_beneath(self->dir_fd, "f1", O_RDONLY));
	ASSERT_EQ(0, test_open(S2D1 "/s1d3/f1", O_RDONLY));
}

TEST_F(disconnected, open_mount_root)
{
	REQUIRE_MOUNT_NS();
	sandbox_one(_metadata, RIGHT(READ_FILE), S3D1, RIGHT(READ_FILE));
	ASSERT_EQ(0, open_beneath(self->dir_fd, "f1", O_RDONLY));
	/* Through its real path, the bind mount is not on the way. */
	ASSERT_EQ(EACCES, test_open(S2D1 "/s1d3/f1", O_RDONLY));
}

TEST_F(disconnected, open_above_mount)
{
	REQUIRE_MOUNT_NS();
	/* Above the tmpfs holding the files: reached through the mount. */
	sandbox_one(_metadata, RIGHT(READ_FILE), "/", RIGHT(READ_FILE));
	ASSERT_EQ(0, open_beneath(self->dir_fd, "f1", O_RDONLY));
	ASSERT_EQ(0, open_beneath(self->dir_fd, "f2", O_RDONLY));
}

TEST_F(disconnected, open_former_parent)
{
	REQUIRE_MOUNT_NS();
	sandbox(_metadata, RIGHT(READ_FILE),
		(const struct rule[]){
			{ S1D1, RIGHT(READ_FILE) },
			{ S2D2, RIGHT(READ_FILE) },
			{ S3D1 "/w", RIGHT(READ_FILE) },
			{},
		});
	ASSERT_EQ(EACCES, open_beneath(self->dir_fd, "f1", O_RDONLY));
	ASSERT_EQ(0, test_open(S1D2F1, O_RDONLY));
	/* Through the bind mount, s1d1 is not on the way either. */
	ASSERT_EQ(EACCES, test_open(S3D1 "/f1", O_RDONLY));
}

TEST_F(disconnected, create_inside)
{
	REQUIRE_MOUNT_NS();
	sandbox(_metadata, RIGHT(MAKE_REG) | RIGHT(MAKE_DIR),
		(const struct rule[]){
			{ S2D1, RIGHT(MAKE_REG) },
			{ S3D1 "/w", RIGHT(MAKE_DIR) },
			{},
		});
	/* s3d1/w is not on the way. */
	ASSERT_EQ(EACCES, ERR(mkdirat(self->dir_fd, "new", 0700)));
	ASSERT_EQ(0, open_beneath(self->dir_fd, "new",
				  O_CREAT | O_EXCL | O_WRONLY));
	ASSERT_TRUE(exists(S2D1 "/s1d3/new"));
}

/*
 * Erratum 3: a disconnected directory has the rights met up to the root of
 * its filesystem and those met from the root of its mount up; moving files
 * through it is checked like any other move.
 */
TEST_F(disconnected, rename_from)
{
	REQUIRE_MOUNT_NS();
	sandbox_one(_metadata, ACCESS_FS_ALL, "/", ACCESS_FS_ALL);
	/* The same rename as in the setup. */
	ASSERT_EQ(0, ERR(renameat(self->dir_fd, "f2", AT_FDCWD, S3D1 "/f3")));
	ASSERT_EQ(0, ERR(linkat(AT_FDCWD, S3D1 "/f3", self->dir_fd, "f2", 0)));
	ASSERT_EQ(0, ERR(renameat(self->dir_fd, "f1", AT_FDCWD, S3D1 "/w/f1")));
	ASSERT_TRUE(exists(S3D1 "/f3"));
	ASSERT_TRUE(exists(S3D1 "/w/f1"));
	ASSERT_EQ(0, faccessat(self->dir_fd, "f2", F_OK, 0));
}

TEST_F(disconnected, rename_to)
{
	REQUIRE_MOUNT_NS();
	sandbox_one(_metadata, ACCESS_FS_ALL, "/", ACCESS_FS_ALL);
	ASSERT_EQ(0, ERR(renameat(AT_FDCWD, S3D1 "/f1", self->dir_fd, "f3")));
	ASSERT_EQ(0, ERR(linkat(self->dir_fd, "f3", AT_FDCWD, S3D1 "/f1", 0)));
	ASSERT_EQ(0, ERR(renameat(AT_FDCWD, S3D1 "/w", self->dir_fd, "w")));
	ASSERT_EQ(0, faccessat(self->dir_fd, "f3", F_OK, 0));
	ASSERT_EQ(0, faccessat(self->dir_fd, "w", F_OK, 0));
	ASSERT_TRUE(exists(S2D1 "/s1d3/f3"));
}

TEST_F(disconnected, exchange)
{
	REQUIRE_MOUNT_NS();
	sandbox_one(_metadata, ACCESS_FS_ALL, "/", ACCESS_FS_ALL);
	ASSERT_EQ(0, ERR(syscall(SYS_renameat2, self->dir_fd, "f1", AT_FDCWD,
				 S3D1 "/f1", RENAME_EXCHANGE)));
	ASSERT_EQ(0, ERR(syscall(SYS_renameat2, AT_FDCWD, S3D1 "/f1",
				 self->dir_fd, "f1", RENAME_EXCHANGE)));
}

/*
 * MAKE_REG only comes from the real parent of the disconnected directory,
 * REFER and REMOVE_FILE from the root of the bind mount: together, they
 * allow a move into it.
 */
TEST_F(disconnected, union_of_rights)
{
	REQUIRE_MOUNT_NS();
	sandbox(_metadata, MOVE_REG,
		(const struct rule[]){
			{ S2D1, RIGHT(MAKE_REG) },
			{ S3D1, RIGHT(REFER) | RIGHT(REMOVE_FILE) },
			{},
		});
	/* Into the disconnected directory: MAKE_REG from s2d1. */
	ASSERT_EQ(0, ERR(renameat(AT_FDCWD, S3D1 "/f1", self->dir_fd, "f3")));
	ASSERT_EQ(0, faccessat(self->dir_fd, "f3", F_OK, 0));
	/* Out of it, to the mount root, which does not grant MAKE_REG. */
	ASSERT_EQ(EACCES,
		  ERR(renameat(self->dir_fd, "f3", AT_FDCWD, S3D1 "/f1")));
	ASSERT_EQ(EACCES,
		  ERR(linkat(self->dir_fd, "f3", AT_FDCWD, S3D1 "/f1", 0)));
}

/* Without the rule on its real parent, MAKE_REG is missing. */
TEST_F(disconnected, union_missing_part)
{
	REQUIRE_MOUNT_NS();
	sandbox_one(_metadata, MOVE_REG, S3D1,
		    RIGHT(REFER) | RIGHT(REMOVE_FILE));
	ASSERT_EQ(EACCES,
		  ERR(renameat(AT_FDCWD, S3D1 "/f1", self->dir_fd, "f3")));
	ASSERT_TRUE(exists(S3D1 "/f1"));
}

TEST_F(disconnected, same_dir)
{
	REQUIRE_MOUNT_NS();
	sandbox_one(_metadata, ACCESS_FS_ALL, "/", ACCESS_FS_ALL);
	/* No reparenting: nothing to gain. */
	ASSERT_EQ(0, ERR(renameat(self->dir_fd, "f1", self->dir_fd, "f3")));
	ASSERT_EQ(0, ERR(linkat(self->dir_fd, "f2", self->dir_fd, "f4", 0)));
	ASSERT_TRUE(exists(S2D1 "/s1d3/f3"));
	ASSERT_TRUE(exists(S2D1 "/s1d3/f4"));
}

TEST_F(disconnected, no_gain)
{
	REQUIRE_MOUNT_NS();
	/*
	 * s3d1/w grants WRITE_FILE, which the disconnected directory gets
	 * from nowhere: moving a file there would be a gain.
	 */
	sandbox(_metadata, MOVE_REG | RIGHT(WRITE_FILE),
		(const struct rule[]){
			{ "/", MOVE_REG },
			{ S3D1 "/w", RIGHT(WRITE_FILE) },
			{},
		});
	ASSERT_EQ(EACCES, open_beneath(self->dir_fd, "f1", O_WRONLY));
	ASSERT_EQ(EXDEV,
		  ERR(renameat(self->dir_fd, "f1", AT_FDCWD, S3D1 "/w/f1")));
	ASSERT_EQ(EXDEV,
		  ERR(linkat(self->dir_fd, "f1", AT_FDCWD, S3D1 "/w/f1", 0)));
	ASSERT_FALSE(exists(S3D1 "/w/f1"));
	ASSERT_EQ(EACCES, open_beneath(self->dir_fd, "f1", O_WRONLY));
	ASSERT_EQ(EACCES, test_open(S2D1 "/s1d3/f1", O_WRONLY));
}

LANDLOCK_HARNESS_MAIN
