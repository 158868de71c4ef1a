// SPDX-License-Identifier: GPL-2.0
/*
 * Landlock selftests: domains seen through /proc
 *
 * /proc/PID/attr/landlock/current describes a thread's domain: one line per
 * layer, oldest first, "domain=<ID> handled=<names> rules.path_beneath=<N>
 * rules.net_port=<N>".  The tests enforce known rulesets, parse the file
 * back and compare; check who may read it (the thread itself, the threads
 * of its process, and whoever may read its state through ptrace); and
 * check the IDs: one per layer, kept through fork() and execve(), never
 * the same for two domains.
 *
 * The sample samples/landlock/landlock-status.c is built into this program
 * (its main() renamed), to check its output for a known domain.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common.h"

#define main landlock_status_main
#include "../../../../samples/landlock/landlock-status.c"
#undef main

/* Largest description: 16 layers with every right take less than 8 KiB. */
#define DESC_SIZE 16384

/* One layer to enforce: what it handles and how many rules it has. */
struct layer_spec {
	__u64 fs;
	__u64 net;
	__u64 scoped;
	/* Handled permissions, and the members their rules allow. */
	__u64 perms;
	__u64 namespace_types;
	__u64 capabilities;
	unsigned int path_rules;
	unsigned int port_rules;
};

/* One line of a description, parsed. */
struct layer_desc {
	__u64 id;
	struct layer_spec spec;
};

/* Names of the rights and scopes, in bit order, with their prefix. */
static const char *const fs_names[] = {
	"execute",     "write_file",   "read_file", "read_dir", "remove_dir",
	"remove_file", "make_char",    "make_dir",  "make_reg", "make_sock",
	"make_fifo",   "make_block",   "make_sym",  "refer",	"truncate",
	"ioctl_dev",   "resolve_unix",
};

static const char *const net_names[] = {
	"bind_tcp",
	"connect_tcp",
	"bind_udp",
	"connect_send_udp",
};

static const char *const scope_names[] = {
	"abstract_unix_socket",
	"signal",
};

/* Permissions: "NAME.use", and the key "allowed_MEMBERS" of their rules. */
static const struct {
	const char *name;
	const char *members;
} perm_names[] = {
	{ "namespace", "namespace_types" },
	{ "capability", "capabilities" },
};

/* First TCP port of the port rules. */
#define FIRST_PORT 20000

/* Directories of the path rules, in the scratch directory. */
#define RULE_DIR "dir%u"

/* Description of the calling thread. */
#define OWN_DESC "/proc/thread-self/attr/landlock/current"

/*
 * Reads the description at @path, in one read(2) as documented, into @buf
 * (NUL-terminated): returns 0 or an errno.
 */
static int read_desc(const char *const path, char *const buf, const size_t size)
{
	ssize_t len;
	int fd, err = 0;

	buf[0] = '\0';
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno;
	len = read(fd, buf, size - 1);
	if (len < 0)
		err = errno;
	else
		buf[len] = '\0';
	close(fd);
	return err;
}

/*
 * Same as read_desc() through @fd, opened earlier: the description is the
 * current one, read anew.
 */
static int read_fd_desc(const int fd, char *const buf, const size_t size)
{
	const ssize_t len = pread(fd, buf, size - 1, 0);

	if (len < 0) {
		buf[0] = '\0';
		return errno;
	}
	buf[len] = '\0';
	return 0;
}

/* Same as read_desc() for the thread @tid of the process @pid. */
static int read_task_desc(const pid_t pid, const pid_t tid, char *const buf,
			  const size_t size)
{
	char path[96];

	snprintf(path, sizeof(path), "/proc/%d/task/%d/attr/landlock/current",
		 pid, tid);
	return read_desc(path, buf, size);
}

static pid_t sys_gettid(void)
{
	return syscall(SYS_gettid);
}

/* Appends to @buf the names of the bits of @mask, with commas. */
static void append_names(char *const buf, const size_t size,
			 const char *const prefix,
			 const char *const *const names, const size_t nr_names,
			 const __u64 mask)
{
	size_t bit;

	for (bit = 0; bit < nr_names; bit++) {
		if (!(mask & (1ULL << bit)))
			continue;
		snprintf(buf + strlen(buf), size - strlen(buf), "%s%s.%s",
			 buf[0] ? "," : "", prefix, names[bit]);
	}
}

/* A line of the description, without its newline and permission keys. */
#define LAYER_FORMAT \
	"domain=%llx handled=%s rules.path_beneath=%u rules.net_port=%u"

/* What the rules of the permission @perm (its bit number) allow. */
static __u64 *perm_members(struct layer_spec *const spec, const size_t perm)
{
	return perm ? &spec->capabilities : &spec->namespace_types;
}

/* Writes the line that describes a layer, as the kernel should. */
static void format_layer(char *const buf, const size_t size,
			 const struct layer_desc *const layer)
{
	struct layer_spec spec = layer->spec;
	char handled[1024] = "";
	size_t perm;

	append_names(handled, sizeof(handled), "fs", fs_names,
		     ARRAY_SIZE(fs_names), layer->spec.fs);
	append_names(handled, sizeof(handled), "net", net_names,
		     ARRAY_SIZE(net_names), layer->spec.net);
	append_names(handled, sizeof(handled), "scope", scope_names,
		     ARRAY_SIZE(scope_names), layer->spec.scoped);
	for (perm = 0; perm < ARRAY_SIZE(perm_names); perm++) {
		if (spec.perms & (1ULL << perm))
			snprintf(handled + strlen(handled),
				 sizeof(handled) - strlen(handled), "%s%s.use",
				 handled[0] ? "," : "", perm_names[perm].name);
	}
	snprintf(buf, size, LAYER_FORMAT, (unsigned long long)layer->id,
		 handled, spec.path_rules, spec.port_rules);
	for (perm = 0; perm < ARRAY_SIZE(perm_names); perm++) {
		if (spec.perms & (1ULL << perm))
			snprintf(buf + strlen(buf), size - strlen(buf),
				 " allowed_%s=0x%llx", perm_names[perm].members,
				 (unsigned long long)*perm_members(&spec,
								   perm));
	}
}

/* Sets the bit of @name in the mask of its category: tells whether known. */
static bool parse_name(const char *const name, struct layer_spec *const spec)
{
	const struct {
		const char *prefix;
		const char *const *names;
		size_t nr_names;
		__u64 *mask;
	} cats[] = {
		{ "fs", fs_names, ARRAY_SIZE(fs_names), &spec->fs },
		{ "net", net_names, ARRAY_SIZE(net_names), &spec->net },
		{ "scope", scope_names, ARRAY_SIZE(scope_names),
		  &spec->scoped },
	};
	const char *const dot = strchr(name, '.');
	size_t i, bit;

	if (!dot)
		return false;
	for (i = 0; i < ARRAY_SIZE(perm_names); i++) {
		if (strlen(perm_names[i].name) == (size_t)(dot - name) &&
		    !strncmp(name, perm_names[i].name, dot - name) &&
		    !strcmp(dot + 1, "use")) {
			spec->perms |= 1ULL << i;
			return true;
		}
	}
	for (i = 0; i < ARRAY_SIZE(cats); i++) {
		if (strlen(cats[i].prefix) != (size_t)(dot - name) ||
		    strncmp(name, cats[i].prefix, dot - name))
			continue;
		for (bit = 0; bit < cats[i].nr_names; bit++) {
			if (strcmp(dot + 1, cats[i].names[bit]) == 0) {
				*cats[i].mask |= 1ULL << bit;
				return true;
			}
		}
	}
	return false;
}

/*
 * Parses one line (without its newline): returns 0, or -1 if it is not
 * exactly in the documented format.
 */
static int parse_layer(const char *const line, struct layer_desc *const layer)
{
	char handled[1024], *name, *save, again[1024], key[64];
	unsigned long long id, members;
	int end = -1, len;
	size_t perm;

	memset(layer, 0, sizeof(*layer));
	if (sscanf(line,
		   "domain=%llx handled=%1023s rules.path_beneath=%u rules.net_port=%u%n",
		   &id, handled, &layer->spec.path_rules,
		   &layer->spec.port_rules, &end) != 4)
		return -1;
	layer->id = id;
	for (name = strtok_r(handled, ",", &save); name;
	     name = strtok_r(NULL, ",", &save)) {
		if (!parse_name(name, &layer->spec))
			return -1;
	}
	for (perm = 0; perm < ARRAY_SIZE(perm_names); perm++) {
		if (!(layer->spec.perms & (1ULL << perm)))
			continue;
		snprintf(key, sizeof(key), " allowed_%s=0x%%llx%%n",
			 perm_names[perm].members);
		len = -1;
		if (sscanf(line + end, key, &members, &len) != 1 || len < 0)
			return -1;
		*perm_members(&layer->spec, perm) = members;
		end += len;
	}
	if (line[end] != '\0')
		return -1;
	/* Same text when printed back: lowercase ID, names in bit order... */
	format_layer(again, sizeof(again), layer);
	return strcmp(again, line) ? -1 : 0;
}

/*
 * Parses a whole description into @layers: returns the number of layers,
 * or -1 if it is not in the documented format.
 */
static int parse_desc(const char *const desc, struct layer_desc *const layers,
		      const size_t max)
{
	const char *line = desc;
	size_t n = 0;

	while (*line) {
		const char *const end = strchr(line, '\n');
		char buf[1024];

		if (!end || n >= max || (size_t)(end - line) >= sizeof(buf))
			return -1;
		memcpy(buf, line, end - line);
		buf[end - line] = '\0';
		if (parse_layer(buf, &layers[n]))
			return -1;
		n++;
		line = end + 1;
	}
	return n;
}

/*
 * Checks the description @desc against the layers @specs: same rights,
 * scopes and rule counts, IDs increasing from the oldest layer.  Copies
 * the IDs to @ids if not NULL.
 */
static void check_desc(struct __test_metadata *const _metadata,
		       const char *const desc,
		       const struct layer_spec *const specs,
		       const size_t nr_specs, __u64 *const ids)
{
	struct layer_desc layers[MAX_LAYERS + 1];
	size_t i;

	ASSERT_EQ(nr_specs, parse_desc(desc, layers, ARRAY_SIZE(layers)))
	{
		TH_LOG("Unexpected description:\n%s", desc);
	}
	for (i = 0; i < nr_specs; i++) {
		EXPECT_EQ(specs[i].fs, layers[i].spec.fs);
		EXPECT_EQ(specs[i].net, layers[i].spec.net);
		EXPECT_EQ(specs[i].scoped, layers[i].spec.scoped);
		EXPECT_EQ(specs[i].perms, layers[i].spec.perms);
		EXPECT_EQ(specs[i].namespace_types,
			  layers[i].spec.namespace_types);
		EXPECT_EQ(specs[i].capabilities, layers[i].spec.capabilities);
		EXPECT_EQ(specs[i].path_rules, layers[i].spec.path_rules);
		EXPECT_EQ(specs[i].port_rules, layers[i].spec.port_rules);
		/* Unpredictable, but never small enough to count domains. */
		EXPECT_LE(1ULL << 32, layers[i].id);
		if (i)
			EXPECT_LT(layers[i - 1].id, layers[i].id);
		if (ids)
			ids[i] = layers[i].id;
	}
}

/* The ID of the innermost layer of the description @desc. */
static __u64 last_id(struct __test_metadata *const _metadata,
		     const char *const desc)
{
	struct layer_desc layers[MAX_LAYERS];
	int n;

	n = parse_desc(desc, layers, ARRAY_SIZE(layers));
	EXPECT_LT(0, n)
	{
		TH_LOG("Unexpected description:\n%s", desc);
	}
	return n > 0 ? layers[n - 1].id : 0;
}

/*
 * Enforces @spec as a new layer: path rules on directories of the scratch
 * directory (created by the fixture), port rules on successive ports.
 */
static void enforce_spec(struct __test_metadata *const _metadata,
			 const struct layer_spec *const spec)
{
	const struct landlock_ruleset_attr attr = {
		.handled_access_fs = spec->fs,
		.handled_access_net = spec->net,
		.scoped = spec->scoped,
		.handled_permissions = spec->perms,
	};
	const struct landlock_namespace_attr ns = {
		.permissions = LANDLOCK_PERMISSION_NAMESPACE_USE,
		.allowed_namespace_types = spec->namespace_types,
	};
	const struct landlock_capability_attr caps = {
		.permissions = LANDLOCK_PERMISSION_CAPABILITY_USE,
		.allowed_capabilities = spec->capabilities,
	};
	char path[32];
	unsigned int i;
	int ruleset_fd;

	ruleset_fd = landlock_create_ruleset(&attr, sizeof(attr), 0);
	ASSERT_LE(0, ruleset_fd);
	for (i = 0; i < spec->path_rules; i++) {
		snprintf(path, sizeof(path), RULE_DIR, i);
		add_path_rule(_metadata, ruleset_fd, path, spec->fs);
	}
	for (i = 0; i < spec->port_rules; i++) {
		const struct landlock_net_port_attr port = {
			.allowed_access = spec->net,
			.port = FIRST_PORT + i,
		};

		ASSERT_EQ(0,
			  landlock_add_rule(ruleset_fd, LANDLOCK_RULE_NET_PORT,
					    &port, 0));
	}
	if (spec->namespace_types)
		ASSERT_EQ(0,
			  landlock_add_rule(ruleset_fd, LANDLOCK_RULE_NAMESPACE,
					    &ns, 0));
	if (spec->capabilities)
		ASSERT_EQ(0, landlock_add_rule(ruleset_fd,
					       LANDLOCK_RULE_CAPABILITY, &caps,
					       0));
	enforce_ruleset(_metadata, ruleset_fd);
	ASSERT_EQ(0, close(ruleset_fd));
}

/* A layer that only matters as a domain: it handles MAKE_BLOCK. */
static const struct layer_spec plain_layer = {
	.fs = LANDLOCK_ACCESS_FS_MAKE_BLOCK,
};

/* Creates the scratch directory, and in it the directories of the rules. */
static void setup_rule_dirs(struct __test_metadata *const _metadata,
			    struct scratch *const scratch)
{
	char path[32];
	unsigned int i;

	scratch_setup(_metadata, scratch);
	for (i = 0; i < MAX_LAYERS; i++) {
		snprintf(path, sizeof(path), RULE_DIR, i);
		create_dir(_metadata, path);
	}
}

/*
 * A layer that handles READ_FILE without a rule for /proc forbids opening
 * the file, as any other: the tests that enforce such layers open it
 * beforehand, as such a sandbox would.
 */
static int open_own(struct __test_metadata *const _metadata)
{
	const int fd = open(OWN_DESC, O_RDONLY | O_CLOEXEC);

	EXPECT_LE(0, fd);
	return fd;
}

FIXTURE(introspect)
{
	struct scratch scratch;
	int own_fd;
	char desc[DESC_SIZE];
};

FIXTURE_SETUP(introspect)
{
	setup_rule_dirs(_metadata, &self->scratch);
	self->own_fd = open_own(_metadata);
}

FIXTURE_TEARDOWN(introspect)
{
	close(self->own_fd);
	scratch_teardown(_metadata, &self->scratch);
}

/* Outside of any sandbox, the file is empty: through every path to it. */
TEST_F(introspect, unsandboxed)
{
	char path[96];

	memset(self->desc, 'x', sizeof(self->desc));
	ASSERT_EQ(0, read_desc(OWN_DESC, self->desc, sizeof(self->desc)));
	ASSERT_STREQ("", self->desc);
	ASSERT_EQ(0, read_desc("/proc/self/attr/landlock/current", self->desc,
			       sizeof(self->desc)));
	ASSERT_STREQ("", self->desc);
	snprintf(path, sizeof(path), "/proc/%d/attr/landlock/current",
		 getpid());
	ASSERT_EQ(0, read_desc(path, self->desc, sizeof(self->desc)));
	ASSERT_STREQ("", self->desc);
	ASSERT_EQ(0, read_task_desc(getpid(), sys_gettid(), self->desc,
				    sizeof(self->desc)));
	ASSERT_STREQ("", self->desc);
}

/* Layers enforced one after the other, checked after each one. */
FIXTURE(layers)
{
	struct scratch scratch;
	int own_fd;
	char desc[DESC_SIZE];
};

FIXTURE_VARIANT(layers)
{
	const struct layer_spec *specs;
	size_t nr_specs;
};

FIXTURE_SETUP(layers)
{
	setup_rule_dirs(_metadata, &self->scratch);
	self->own_fd = open_own(_metadata);
}

FIXTURE_TEARDOWN(layers)
{
	close(self->own_fd);
	scratch_teardown(_metadata, &self->scratch);
}

/* clang-format off */
FIXTURE_VARIANT_ADD(layers, fs) {
	/* clang-format on */
	.specs =
		(const struct layer_spec[]){
			{
				.fs = LANDLOCK_ACCESS_FS_READ_FILE |
				      LANDLOCK_ACCESS_FS_WRITE_FILE,
				.path_rules = 2,
			},
		},
	.nr_specs = 1,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(layers, net) {
	/* clang-format on */
	.specs =
		(const struct layer_spec[]){
			{
				.net = LANDLOCK_ACCESS_NET_CONNECT_TCP,
				.port_rules = 1,
			},
		},
	.nr_specs = 1,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(layers, scope) {
	/* clang-format on */
	.specs =
		(const struct layer_spec[]){
			{
				.scoped = LANDLOCK_SCOPE_SIGNAL,
			},
		},
	.nr_specs = 1,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(layers, everything) {
	/* clang-format on */
	.specs =
		(const struct layer_spec[]){
			{
				.fs = ACCESS_FS_ALL,
				.net = ACCESS_NET_ALL,
				.scoped = SCOPE_ALL,
				.path_rules = 3,
				.port_rules = 2,
			},
		},
	.nr_specs = 1,
};

/*
 * Permissions: the members that each layer's rules allow, only for the
 * permissions it handles (nothing allowed: 0).
 */
/* clang-format off */
FIXTURE_VARIANT_ADD(layers, permissions) {
	/* clang-format on */
	.specs =
		(const struct layer_spec[]){
			{
				.perms = LANDLOCK_PERMISSION_NAMESPACE_USE |
					 LANDLOCK_PERMISSION_CAPABILITY_USE,
				.namespace_types = CLONE_NEWUTS | CLONE_NEWNET,
				.capabilities = 1ULL << CAP_NET_BIND_SERVICE |
						1ULL << CAP_SYS_ADMIN,
			},
			{
				.fs = LANDLOCK_ACCESS_FS_READ_DIR,
				.perms = LANDLOCK_PERMISSION_NAMESPACE_USE,
				.path_rules = 1,
			},
			{
				.perms = LANDLOCK_PERMISSION_CAPABILITY_USE,
				.capabilities = 1ULL << CAP_SYS_ADMIN,
			},
		},
	.nr_specs = 3,
};

/*
 * Three layers: each line tells its own layer's rights and rules, not the
 * union with the others, even for rules on the same directories.
 */
/* clang-format off */
FIXTURE_VARIANT_ADD(layers, three_layers) {
	/* clang-format on */
	.specs =
		(const struct layer_spec[]){
			{
				.fs = LANDLOCK_ACCESS_FS_READ_DIR,
				.net = LANDLOCK_ACCESS_NET_BIND_TCP,
				.path_rules = 4,
				.port_rules = 3,
			},
			{
				.scoped = LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET,
			},
			{
				.fs = LANDLOCK_ACCESS_FS_READ_DIR |
				      LANDLOCK_ACCESS_FS_REFER,
				.path_rules = 1,
			},
		},
	.nr_specs = 3,
};

/*
 * Each new layer adds a line at the end; the older lines do not change.
 * The description is the same through every path to the file, when the
 * domain lets the thread open it.
 */
TEST_F(layers, enforce)
{
	char other[DESC_SIZE];
	int expected = 0;
	size_t i;

	for (i = 0; i < variant->nr_specs; i++) {
		enforce_spec(_metadata, &variant->specs[i]);
		ASSERT_EQ(0, read_fd_desc(self->own_fd, self->desc,
					  sizeof(self->desc)));
		check_desc(_metadata, self->desc, variant->specs, i + 1, NULL);
		if (variant->specs[i].fs & LANDLOCK_ACCESS_FS_READ_FILE)
			expected = EACCES;
	}
	ASSERT_EQ(expected, read_desc(OWN_DESC, other, sizeof(other)));
	ASSERT_STREQ(expected ? "" : self->desc, other);
	ASSERT_EQ(expected,
		  read_task_desc(getpid(), sys_gettid(), other, sizeof(other)));
	ASSERT_STREQ(expected ? "" : self->desc, other);
	ASSERT_EQ(expected, read_desc("/proc/self/attr/landlock/current", other,
				      sizeof(other)));
	ASSERT_STREQ(expected ? "" : self->desc, other);
}

/* The most layers a domain may have, each different. */
TEST_F(introspect, max_layers)
{
	struct layer_spec specs[MAX_LAYERS] = {};
	__u64 ids[MAX_LAYERS];
	char before[DESC_SIZE];
	unsigned int i;
	int ruleset_fd;

	for (i = 0; i < MAX_LAYERS; i++) {
		specs[i].fs = 1ULL << i;
		specs[i].net = i % 4;
		specs[i].scoped = (i / 4) % 4;
		/* Only directory rights in rules: one of them is handled. */
		specs[i].fs |= LANDLOCK_ACCESS_FS_READ_DIR;
		specs[i].path_rules = i % 3;
		specs[i].port_rules = specs[i].net ? i % 5 : 0;
		enforce_spec(_metadata, &specs[i]);
	}
	ASSERT_EQ(0,
		  read_fd_desc(self->own_fd, self->desc, sizeof(self->desc)));
	check_desc(_metadata, self->desc, specs, MAX_LAYERS, ids);
	for (i = 1; i < MAX_LAYERS; i++)
		ASSERT_NE(ids[i - 1], ids[i]);

	/* A 17th layer is refused, and changes nothing. */
	memcpy(before, self->desc, sizeof(before));
	ruleset_fd = create_ruleset(_metadata, ACCESS_FS_ALL, NULL);
	ASSERT_EQ(-1, landlock_restrict_self(ruleset_fd, 0));
	ASSERT_EQ(E2BIG, errno);
	ASSERT_EQ(0, close(ruleset_fd));
	ASSERT_EQ(0,
		  read_fd_desc(self->own_fd, self->desc, sizeof(self->desc)));
	ASSERT_STREQ(before, self->desc);
}

/*
 * The IDs go with the domain: a forked child and the program it executes
 * have the same description as their parent.
 */
TEST_F(introspect, fork_and_exec)
{
	int exec_done[2], child_stdin[2];
	char child_desc[DESC_SIZE], c;
	pid_t child;

	enforce_spec(_metadata, &plain_layer);
	ASSERT_EQ(0, read_desc(OWN_DESC, self->desc, sizeof(self->desc)));
	ASSERT_EQ(0, pipe2(exec_done, O_CLOEXEC));
	ASSERT_EQ(0, pipe2(child_stdin, O_CLOEXEC));
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		char *const argv[] = { "introspect_test", INTERP_ARG,
				       "/proc/self/fd/0", NULL };

		ASSERT_EQ(0,
			  read_desc(OWN_DESC, child_desc, sizeof(child_desc)));
		ASSERT_STREQ(self->desc, child_desc);
		/* Blocks reading its standard input once executed. */
		ASSERT_EQ(0, dup2(child_stdin[0], STDIN_FILENO));
		execv("/proc/self/exe", argv);
		_exit(errno);
	}
	ASSERT_EQ(0, close(exec_done[1]));
	ASSERT_EQ(0, close(child_stdin[0]));
	/* The end of the pipe closed on exec. */
	ASSERT_EQ(0, read(exec_done[0], &c, 1));
	ASSERT_EQ(0,
		  read_task_desc(child, child, child_desc, sizeof(child_desc)));
	ASSERT_STREQ(self->desc, child_desc);
	ASSERT_EQ(0, close(child_stdin[1]));
	ASSERT_EQ(0, wait_child(_metadata, child));
	ASSERT_EQ(0, close(exec_done[0]));
}

/*
 * Forks a child that creates a domain from @spec, sends its description
 * through a pipe and exits: returns the ID of its innermost layer.
 */
static __u64 child_domain_id(struct __test_metadata *const _metadata,
			     const struct layer_spec *const spec)
{
	char desc[DESC_SIZE];
	int pipe_fds[2];
	ssize_t len;
	pid_t child;

	ASSERT_EQ(0, pipe2(pipe_fds, O_CLOEXEC));
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		enforce_spec(_metadata, spec);
		ASSERT_EQ(0, read_desc(OWN_DESC, desc, sizeof(desc)));
		len = strlen(desc);
		ASSERT_EQ(len, write(pipe_fds[1], desc, len));
		_exit(0);
	}
	ASSERT_EQ(0, close(pipe_fds[1]));
	len = read(pipe_fds[0], desc, sizeof(desc) - 1);
	ASSERT_LT(0, len);
	desc[len] = '\0';
	ASSERT_EQ(0, close(pipe_fds[0]));
	ASSERT_EQ(0, wait_child(_metadata, child));
	return last_id(_metadata, desc);
}

/*
 * Two domains never have the same ID, even from the same ruleset, even
 * once the first one is gone; nested domains keep their parent's IDs.
 */
TEST_F(introspect, ids_unique)
{
	const __u64 first = child_domain_id(_metadata, &plain_layer);
	const __u64 second = child_domain_id(_metadata, &plain_layer);
	struct layer_spec specs[2] = { plain_layer, plain_layer };
	__u64 ids[2], nested;

	ASSERT_NE(first, second);
	ASSERT_LT(first, second);
	enforce_spec(_metadata, &plain_layer);
	ASSERT_EQ(0, read_desc(OWN_DESC, self->desc, sizeof(self->desc)));
	check_desc(_metadata, self->desc, specs, 1, ids);
	ASSERT_LT(second, ids[0]);
	nested = child_domain_id(_metadata, &plain_layer);
	ASSERT_LT(ids[0], nested);
	/* The child's outer layer was ours. */
	enforce_spec(_metadata, &plain_layer);
	ASSERT_EQ(0, read_desc(OWN_DESC, self->desc, sizeof(self->desc)));
	check_desc(_metadata, self->desc, specs, 2, ids);
	ASSERT_LT(nested, ids[1]);
}

/*
 * Threads
 */

struct thread_arg {
	/* Set by the thread: its ID, and 0 or an errno for each step. */
	pid_t tid;
	int sandboxed;
	int read_main;
	/* What the thread read of the main thread's description. */
	char main_desc[DESC_SIZE];
	/* The main thread's ID, and a pipe to let the thread go on. */
	pid_t main_tid;
	int go[2];
	int ready[2];
};

static int thread_sandbox(void)
{
	const struct landlock_ruleset_attr attr = {
		.handled_access_fs = plain_layer.fs,
	};
	const int fd = landlock_create_ruleset(&attr, sizeof(attr), 0);
	int err = 0;

	if (fd < 0)
		return errno;
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
	    landlock_restrict_self(fd, 0))
		err = errno;
	close(fd);
	return err;
}

/* Sandboxes itself (only this thread), then reads the main thread's file. */
static void *sandboxed_thread(void *const data)
{
	struct thread_arg *const arg = data;
	char c = 0;

	arg->tid = sys_gettid();
	arg->sandboxed = thread_sandbox();
	if (write(arg->ready[1], &c, 1) != 1 || read(arg->go[0], &c, 1) != 1)
		return NULL;
	arg->read_main = read_task_desc(getpid(), arg->main_tid, arg->main_desc,
					sizeof(arg->main_desc));
	return NULL;
}

/*
 * Threads of a process may have different domains: each file shows its
 * thread's, /proc/PID/attr/ its main thread's.  Threads of a process read
 * each other's files, sandboxed or not.
 */
TEST_F(introspect, threads)
{
	struct thread_arg *const arg = calloc(1, sizeof(*arg));
	const struct layer_spec specs[] = { plain_layer };
	__u64 thread_id[1], main_id[1];
	pthread_t thread;
	char c = 0;

	ASSERT_NE(NULL, arg);
	arg->main_tid = sys_gettid();
	ASSERT_EQ(0, pipe2(arg->go, O_CLOEXEC));
	ASSERT_EQ(0, pipe2(arg->ready, O_CLOEXEC));
	ASSERT_EQ(0, pthread_create(&thread, NULL, sandboxed_thread, arg));
	ASSERT_EQ(1, read(arg->ready[0], &c, 1));
	ASSERT_EQ(0, arg->sandboxed);

	/* The thread is sandboxed, the main thread and process are not. */
	ASSERT_EQ(0, read_task_desc(getpid(), arg->tid, self->desc,
				    sizeof(self->desc)));
	check_desc(_metadata, self->desc, specs, 1, thread_id);
	ASSERT_EQ(0, read_desc(OWN_DESC, self->desc, sizeof(self->desc)));
	ASSERT_STREQ("", self->desc);
	ASSERT_EQ(0, read_desc("/proc/self/attr/landlock/current", self->desc,
			       sizeof(self->desc)));
	ASSERT_STREQ("", self->desc);

	/* The main thread gets a domain of its own: another ID. */
	enforce_spec(_metadata, &plain_layer);
	ASSERT_EQ(0, read_desc(OWN_DESC, self->desc, sizeof(self->desc)));
	check_desc(_metadata, self->desc, specs, 1, main_id);
	ASSERT_NE(thread_id[0], main_id[0]);

	/* The sandboxed thread reads the main thread's, out of its domain. */
	ASSERT_EQ(1, write(arg->go[1], &c, 1));
	ASSERT_EQ(0, pthread_join(thread, NULL));
	ASSERT_EQ(0, arg->read_main);
	ASSERT_STREQ(self->desc, arg->main_desc);
	free(arg);
}

/*
 * Access between processes
 */

FIXTURE(access)
{
	struct scratch scratch;
};

FIXTURE_VARIANT(access)
{
	/* Domains created by the parent before and after the fork. */
	bool parent_before_fork;
	bool parent_after_fork;
	/* Domain created by the child after the fork. */
	bool child_after_fork;
	/* errno of the parent reading the child's file, and the reverse. */
	int parent_reads_child;
	int child_reads_parent;
};

/* clang-format off */
FIXTURE_VARIANT_ADD(access, none) {
	/* clang-format on */
	.parent_reads_child = 0,
	.child_reads_parent = 0,
};

/* An unsandboxed parent reads its sandboxed child's, not the reverse. */
/* clang-format off */
FIXTURE_VARIANT_ADD(access, child_sandboxed) {
	/* clang-format on */
	.child_after_fork = true,
	.parent_reads_child = 0,
	.child_reads_parent = EACCES,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(access, parent_sandboxed) {
	/* clang-format on */
	.parent_after_fork = true,
	.parent_reads_child = EACCES,
	.child_reads_parent = 0,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(access, same_domain) {
	/* clang-format on */
	.parent_before_fork = true,
	.parent_reads_child = 0,
	.child_reads_parent = 0,
};

/* A sandboxed reader reads the domains nested in its own. */
/* clang-format off */
FIXTURE_VARIANT_ADD(access, child_nested) {
	/* clang-format on */
	.parent_before_fork = true,
	.child_after_fork = true,
	.parent_reads_child = 0,
	.child_reads_parent = EACCES,
};

/* clang-format off */
FIXTURE_VARIANT_ADD(access, siblings) {
	/* clang-format on */
	.parent_after_fork = true,
	.child_after_fork = true,
	.parent_reads_child = EACCES,
	.child_reads_parent = EACCES,
};

FIXTURE_SETUP(access)
{
	scratch_setup(_metadata, &self->scratch);
}

FIXTURE_TEARDOWN(access)
{
	scratch_teardown(_metadata, &self->scratch);
}

/*
 * Reads the file of the process @pid: returns 0 if it fails with
 * @expected, or if it is allowed as expected and the same as @own, what
 * the process sent of its own; else an exit code for a child.
 */
static int check_read(const pid_t pid, const int expected,
		      const char *const own)
{
	char desc[DESC_SIZE];
	const int err = read_task_desc(pid, pid, desc, sizeof(desc));

	if (err != expected)
		return err ? err : 100;
	if (!err && strcmp(desc, own))
		return 101;
	return 0;
}

/* Sends the caller's description through @fd, receives the other's. */
static int exchange_desc(const int out, const int in, char *const other)
{
	char own[DESC_SIZE];
	size_t len;
	ssize_t got;

	if (read_desc(OWN_DESC, own, sizeof(own)))
		return -1;
	len = strlen(own) + 1;
	if (write(out, own, len) != (ssize_t)len)
		return -1;
	got = read(in, other, DESC_SIZE);
	return got > 0 && other[got - 1] == '\0' ? 0 : -1;
}

/*
 * Each process reads the other's file, with no capability: allowed as
 * ptrace would be, and then the same as what the other reads itself.
 */
TEST_F(access, read_each_other)
{
	int to_child[2], to_parent[2];
	char other[DESC_SIZE];
	pid_t child;

	drop_all_caps(_metadata);
	ASSERT_EQ(0, pipe2(to_child, O_CLOEXEC));
	ASSERT_EQ(0, pipe2(to_parent, O_CLOEXEC));
	if (variant->parent_before_fork)
		enforce_spec(_metadata, &plain_layer);
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		if (variant->child_after_fork)
			enforce_spec(_metadata, &plain_layer);
		ASSERT_EQ(0, exchange_desc(to_parent[1], to_child[0], other));
		_exit(check_read(getppid(), variant->child_reads_parent,
				 other));
	}
	if (variant->parent_after_fork)
		enforce_spec(_metadata, &plain_layer);
	ASSERT_EQ(0, exchange_desc(to_child[1], to_parent[0], other));
	ASSERT_EQ(0, check_read(child, variant->parent_reads_child, other));
	ASSERT_EQ(0, wait_child(_metadata, child));
}

/*
 * Other users: a user reads the files of another user's processes only
 * with CAP_SYS_PTRACE.  As root: a child turned into uid 65534 cannot read
 * its root parent's file, while the parent reads the child's until it drops
 * its capabilities.  As another user: the file of init (root) is out of
 * reach.
 */
TEST(other_user)
{
	char desc[DESC_SIZE];
	int to_parent[2], to_child[2];
	pid_t child;
	char c;

	if (getuid() != 0) {
		ASSERT_EQ(EACCES, read_task_desc(1, 1, desc, sizeof(desc)));
		return;
	}
	ASSERT_EQ(0, read_task_desc(1, 1, desc, sizeof(desc)));
	ASSERT_EQ(0, pipe2(to_parent, O_CLOEXEC));
	ASSERT_EQ(0, pipe2(to_child, O_CLOEXEC));
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		ASSERT_EQ(0, close(to_child[1]));
		ASSERT_EQ(0, setresgid(65534, 65534, 65534));
		ASSERT_EQ(0, setresuid(65534, 65534, 65534));
		/* Not an obstacle to its own user's processes. */
		ASSERT_EQ(0, prctl(PR_SET_DUMPABLE, 1, 0, 0, 0));
		c = read_task_desc(getppid(), getppid(), desc, sizeof(desc));
		ASSERT_EQ(1, write(to_parent[1], &c, 1));
		/* Waits for the parent to be done. */
		ASSERT_EQ(0, read(to_child[0], &c, 1));
		_exit(0);
	}
	ASSERT_EQ(0, close(to_child[0]));
	ASSERT_EQ(1, read(to_parent[0], &c, 1));
	ASSERT_EQ(EACCES, c);
	ASSERT_EQ(0, read_task_desc(child, child, desc, sizeof(desc)));
	ASSERT_STREQ("", desc);
	drop_all_caps(_metadata);
	ASSERT_EQ(EACCES, read_task_desc(child, child, desc, sizeof(desc)));
	ASSERT_EQ(0, close(to_child[1]));
	ASSERT_EQ(0, wait_child(_metadata, child));
	ASSERT_EQ(0, close(to_parent[1]));
	ASSERT_EQ(0, close(to_parent[0]));
}

/*
 * The file is read-only: opening it for writing needs CAP_DAC_OVERRIDE,
 * and write(2) then fails with EINVAL, for one's own file or another's.
 */
TEST(write_fails)
{
	const char *const paths[] = {
		OWN_DESC,
		"/proc/1/attr/landlock/current",
	};
	size_t i;
	int fd;

	for (i = 0; i < ARRAY_SIZE(paths); i++) {
		fd = open(paths[i], O_WRONLY | O_CLOEXEC);
		if (!has_cap(CAP_DAC_OVERRIDE)) {
			ASSERT_EQ(-1, fd);
			ASSERT_EQ(EACCES, errno);
			continue;
		}
		ASSERT_LE(0, fd);
		ASSERT_EQ(-1, write(fd, "x", 1));
		ASSERT_EQ(EINVAL, errno);
		ASSERT_EQ(0, close(fd));
	}
	drop_all_caps(_metadata);
	ASSERT_EQ(EACCES, test_open(OWN_DESC, O_WRONLY));
	ASSERT_EQ(EACCES, test_open(OWN_DESC, O_RDWR));
}

/*
 * The files of /proc/PID/attr/ that belong to other modules (current,
 * exec...) never show Landlock's description, whatever the order of the
 * modules: what they give does not change with a domain.
 */
TEST(shared_attr_files)
{
	const char *const paths[] = {
		"/proc/thread-self/attr/current",
		"/proc/thread-self/attr/prev",
		"/proc/thread-self/attr/exec",
	};
	char before[ARRAY_SIZE(paths)][256], after[256];
	int err_before[ARRAY_SIZE(paths)];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(paths); i++)
		err_before[i] =
			read_desc(paths[i], before[i], sizeof(before[i]));
	sandbox(_metadata, plain_layer.fs, NULL);
	for (i = 0; i < ARRAY_SIZE(paths); i++) {
		ASSERT_EQ(err_before[i],
			  read_desc(paths[i], after, sizeof(after)));
		ASSERT_STREQ(before[i], after);
		ASSERT_EQ(NULL, strstr(after, "domain="));
	}
}

/*
 * landlock-status
 */

/* What the sample printed, and its exit status. */
struct status_run {
	char out[DESC_SIZE];
	char err[1024];
	int status;
};

/* Reads the whole file @path into @buf. */
static void read_all(struct __test_metadata *const _metadata,
		     const char *const path, char *const buf, const size_t size)
{
	const int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t len;

	ASSERT_LE(0, fd);
	len = read(fd, buf, size - 1);
	ASSERT_LE(0, len);
	ASSERT_GT(size - 1, len);
	buf[len] = '\0';
	ASSERT_EQ(0, close(fd));
}

/*
 * Runs the sample with the arguments @args (NULL-terminated) in a child,
 * sandboxed with @spec if not NULL; its outputs go through files of the
 * scratch directory.
 */
static void run_status(struct __test_metadata *const _metadata,
		       const struct layer_spec *const spec,
		       const char *const args[], struct status_run *const run)
{
	char *argv[8] = { "landlock-status" };
	size_t argc = 1;
	pid_t child;

	while (args[argc - 1]) {
		ASSERT_GT(ARRAY_SIZE(argv) - 1, argc);
		argv[argc] = (char *)args[argc - 1];
		argc++;
	}
	argv[argc] = NULL;
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		const int out = open("out", O_WRONLY | O_CREAT | O_TRUNC, 0600);
		const int err = open("err", O_WRONLY | O_CREAT | O_TRUNC, 0600);

		ASSERT_LE(0, out);
		ASSERT_LE(0, err);
		ASSERT_EQ(STDOUT_FILENO, dup2(out, STDOUT_FILENO));
		ASSERT_EQ(STDERR_FILENO, dup2(err, STDERR_FILENO));
		if (spec)
			enforce_spec(_metadata, spec);
		run->status = landlock_status_main(argc, argv);
		fflush(stdout);
		fflush(stderr);
		_exit(run->status);
	}
	run->status = wait_child(_metadata, child);
	read_all(_metadata, "out", run->out, sizeof(run->out));
	read_all(_metadata, "err", run->err, sizeof(run->err));
}

/* The layers of the known domain. */
static const struct layer_spec known_domain[] = {
	{
		.fs = LANDLOCK_ACCESS_FS_READ_FILE |
		      LANDLOCK_ACCESS_FS_WRITE_FILE,
		.net = LANDLOCK_ACCESS_NET_BIND_TCP,
		.scoped = LANDLOCK_SCOPE_SIGNAL,
		.path_rules = 2,
		.port_rules = 1,
	},
	{
		.fs = LANDLOCK_ACCESS_FS_EXECUTE,
	},
};

FIXTURE(status)
{
	struct scratch scratch;
	/* A child in the known domain, waiting for the end of the test. */
	pid_t child;
	int stop[2];
	__u64 ids[ARRAY_SIZE(known_domain)];
	char comm[32];
	char pid_arg[16];
	struct status_run run;
};

FIXTURE_SETUP(status)
{
	char path[32], desc[DESC_SIZE], c;
	unsigned int i;
	int ready[2];

	scratch_setup(_metadata, &self->scratch);
	for (i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), RULE_DIR, i);
		create_dir(_metadata, path);
	}
	ASSERT_EQ(0, prctl(PR_GET_NAME, self->comm, 0, 0, 0));
	ASSERT_EQ(0, pipe2(self->stop, O_CLOEXEC));
	ASSERT_EQ(0, pipe2(ready, O_CLOEXEC));
	self->child = fork();
	ASSERT_LE(0, self->child);
	if (self->child == 0) {
		for (i = 0; i < ARRAY_SIZE(known_domain); i++)
			enforce_spec(_metadata, &known_domain[i]);
		ASSERT_EQ(1, write(ready[1], "", 1));
		ASSERT_EQ(0, close(self->stop[1]));
		ASSERT_EQ(0, read(self->stop[0], &c, 1));
		_exit(0);
	}
	ASSERT_EQ(0, close(ready[1]));
	ASSERT_EQ(1, read(ready[0], &c, 1));
	ASSERT_EQ(0, close(ready[0]));
	ASSERT_EQ(0,
		  read_task_desc(self->child, self->child, desc, sizeof(desc)));
	check_desc(_metadata, desc, known_domain, ARRAY_SIZE(known_domain),
		   self->ids);
	snprintf(self->pid_arg, sizeof(self->pid_arg), "%d", self->child);
}

FIXTURE_TEARDOWN(status)
{
	/* A forked child failing an assertion also runs the teardown. */
	if (self->child > 0 && self->scratch.owner_pid == getpid()) {
		close(self->stop[1]);
		close(self->stop[0]);
		EXPECT_EQ(0, wait_child(_metadata, self->child));
	}
	scratch_teardown(_metadata, &self->scratch);
}

/* The text for the known domain (the process @pid, the child). */
static void expected_text(const FIXTURE_DATA(status) *const self,
			  char *const buf, const size_t size)
{
	snprintf(buf, size,
		 "%d (%s): 2 layers\n"
		 "  layer 1: domain %llx\n"
		 "    filesystem: write_file, read_file\n"
		 "    network: bind_tcp\n"
		 "    scopes: signal\n"
		 "    rules: 2 path rules, 1 port rule\n"
		 "  layer 2: domain %llx\n"
		 "    filesystem: execute\n"
		 "    network: (none)\n"
		 "    scopes: (none)\n"
		 "    rules: 0 path rules, 0 port rules\n",
		 self->child, self->comm, (unsigned long long)self->ids[0],
		 (unsigned long long)self->ids[1]);
}

/* The JSON object for the known domain (printf arguments as above). */
#define KNOWN_JSON                                                          \
	"{\"pid\": %d, \"command\": \"%s\", \"sandboxed\": true, "          \
	"\"layers\": [{\"domain\": \"%llx\", \"handled\": {\"fs\": "        \
	"[\"write_file\", \"read_file\"], \"net\": [\"bind_tcp\"], "        \
	"\"scope\": [\"signal\"], \"other\": []}, \"rules\": "              \
	"{\"path_beneath\": 2, \"net_port\": 1}}, {\"domain\": \"%llx\", "  \
	"\"handled\": {\"fs\": [\"execute\"], \"net\": [], \"scope\": [], " \
	"\"other\": []}, \"rules\": {\"path_beneath\": 0, \"net_port\": 0}}]}"

static void expected_json(const FIXTURE_DATA(status) *const self,
			  char *const buf, const size_t size)
{
	snprintf(buf, size, KNOWN_JSON, self->child, self->comm,
		 (unsigned long long)self->ids[0],
		 (unsigned long long)self->ids[1]);
}

TEST_F(status, one_pid)
{
	const char *const args[] = { self->pid_arg, NULL };
	char expected[DESC_SIZE];

	run_status(_metadata, NULL, args, &self->run);
	expected_text(self, expected, sizeof(expected));
	ASSERT_STREQ(expected, self->run.out);
	ASSERT_STREQ("", self->run.err);
	ASSERT_EQ(0, self->run.status);
}

TEST_F(status, one_pid_json)
{
	const char *const args[] = { "--json", self->pid_arg, NULL };
	char expected[DESC_SIZE], object[4096];

	run_status(_metadata, NULL, args, &self->run);
	expected_json(self, object, sizeof(object));
	snprintf(expected, sizeof(expected), "{\"processes\": [\n  %s\n]}\n",
		 object);
	ASSERT_STREQ(expected, self->run.out);
	ASSERT_EQ(0, self->run.status);
}

/* The list has the child, among the other sandboxed processes. */
TEST_F(status, list)
{
	const char *const args[] = { NULL };
	const char *const json_args[] = { "--json", NULL };
	char expected[DESC_SIZE];

	run_status(_metadata, NULL, args, &self->run);
	ASSERT_EQ(0, self->run.status);
	expected_text(self, expected, sizeof(expected));
	ASSERT_NE(NULL, strstr(self->run.out, expected))
	{
		TH_LOG("Output:\n%s", self->run.out);
	}
	ASSERT_NE(NULL, strstr(self->run.out, " sandboxed by Landlock.\n"));

	run_status(_metadata, NULL, json_args, &self->run);
	ASSERT_EQ(0, self->run.status);
	expected_json(self, expected, sizeof(expected));
	ASSERT_NE(NULL, strstr(self->run.out, expected))
	{
		TH_LOG("Output:\n%s", self->run.out);
	}
	ASSERT_EQ(0, strncmp(self->run.out, "{\"processes\": [\n", 16));
}

/* From within a sandbox: itself only, the child's domain is out of reach. */
TEST_F(status, sandboxed)
{
	const char *const args[] = { self->pid_arg, NULL };
	const char *const self_args[] = { "--json", NULL };
	char expected[256], child_pid[32];

	run_status(_metadata, &plain_layer, args, &self->run);
	snprintf(expected, sizeof(expected),
		 "landlock-status: %d: permission denied\n", self->child);
	ASSERT_STREQ(expected, self->run.err);
	ASSERT_STREQ("", self->run.out);
	ASSERT_EQ(4, self->run.status);

	run_status(_metadata, &plain_layer, self_args, &self->run);
	ASSERT_EQ(0, self->run.status);
	snprintf(child_pid, sizeof(child_pid), "\"pid\": %d,", self->child);
	ASSERT_EQ(NULL, strstr(self->run.out, child_pid));
	ASSERT_NE(NULL, strstr(self->run.out, "\"sandboxed\": 1,"));
}

TEST_F(status, errors)
{
	const char *const unknown_option[] = { "--nope", NULL };
	const char *const not_pid[] = { "12ab", NULL };
	const char *const gone[] = { self->pid_arg, NULL };
	const char *const unknown_err =
		"landlock-status: unknown option: --nope\nUsage: ";
	const char *const not_pid_err =
		"landlock-status: not a PID: 12ab\nUsage: ";
	char expected[256];

	run_status(_metadata, NULL, unknown_option, &self->run);
	ASSERT_EQ(2, self->run.status);
	ASSERT_EQ(0, strncmp(self->run.err, unknown_err, strlen(unknown_err)));
	ASSERT_STREQ("", self->run.out);
	run_status(_metadata, NULL, not_pid, &self->run);
	ASSERT_EQ(2, self->run.status);
	ASSERT_EQ(0, strncmp(self->run.err, not_pid_err, strlen(not_pid_err)));

	/* Once the child is gone, as ps -p. */
	ASSERT_EQ(0, close(self->stop[1]));
	ASSERT_EQ(0, wait_child(_metadata, self->child));
	self->child = 0;
	run_status(_metadata, NULL, gone, &self->run);
	snprintf(expected, sizeof(expected),
		 "landlock-status: %s: no such process\n", self->pid_arg);
	ASSERT_STREQ(expected, self->run.err);
	ASSERT_STREQ("", self->run.out);
	ASSERT_EQ(1, self->run.status);
}

LANDLOCK_HARNESS_MAIN
