// SPDX-License-Identifier: GPL-2.0
/*
 * landlock-status - show which processes Landlock sandboxes, and how
 *
 * Usage: landlock-status [--json] [PID...]
 *
 * Without PID, lists every sandboxed process that the caller may inspect;
 * with PIDs, describes these processes, sandboxed or not.  For each
 * process: its command name, and each layer of its Landlock domain, oldest
 * first: the domain ID (the one that audit records show), the access
 * rights and scopes that the layer restricts, and its number of rules.  A
 * thread whose domain differs from its process's is shown on its own, as
 * PID/TID.
 *
 * The information comes from /proc/PID/attr/landlock/current (and
 * /proc/PID/task/TID/attr/landlock/current), which a process may read for
 * itself, and for the processes it could inspect with ptrace(2).
 *
 * Exit status:
 *   0  success (with PIDs: each was described);
 *   1  a PID is not a process (as ps -p), or some other error;
 *   2  wrong usage;
 *   3  this kernel does not show Landlock domains (Landlock disabled at
 *      boot, or a kernel without this /proc interface);
 *   4  permission denied for a PID (or for /proc, in a sandbox).
 * With several PIDs, the highest status of them.
 */

#define _GNU_SOURCE
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define STATUS_OK 0
#define STATUS_ERROR 1
#define STATUS_USAGE 2
#define STATUS_UNAVAILABLE 3
#define STATUS_DENIED 4

/*
 * The description is built anew at each read(2): read it in one call.  16
 * layers with every right take less than 8 KiB.
 */
#define ATTR_SIZE (64 * 1024)

/* Key/value pairs per line, and lines, that a description may have. */
#define FIELDS_MAX 64
#define LAYERS_MAX 64

static const char *const prog = "landlock-status";

/* One "key=value" of a layer's line. */
struct field {
	const char *key;
	const char *value;
};

/* One line of a description: a layer. */
struct layer {
	struct field fields[FIELDS_MAX];
	unsigned int nr_fields;
};

/* The domain of a process (@tid is 0) or of one of its threads. */
struct entry {
	int pid;
	int tid;
	char comm[64];
	/* The description, as read. */
	char *raw;
	/* A copy of it, cut into fields. */
	char *text;
	struct layer layers[LAYERS_MAX];
	unsigned int nr_layers;
};

/* Display names of the categories of rights ("fs" for "fs.read_file"). */
static const struct {
	const char *prefix;
	const char *label;
} categories[] = {
	{ "fs", "filesystem" },
	{ "net", "network" },
	{ "scope", "scopes" },
};

/* Display names of the rule counts ("rules.path_beneath"). */
static const struct {
	const char *type;
	const char *singular;
	const char *plural;
} rule_types[] = {
	{ "path_beneath", "path rule", "path rules" },
	{ "net_port", "port rule", "port rules" },
};

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

static void print_usage(FILE *const out)
{
	fprintf(out,
		"Usage: %s [--json] [PID...]\n"
		"\n"
		"Shows the Landlock domains of processes: without PID, of every\n"
		"sandboxed process that may be inspected; with PIDs, of these\n"
		"processes.  Each layer of a domain is shown, oldest first, with\n"
		"its domain ID (as audit records name it), the rights and scopes\n"
		"it restricts, and its number of rules.\n"
		"\n"
		"  --json   print JSON instead of text\n"
		"  --help   print this help\n"
		"\n"
		"Exit status: 0 success, 1 no such process or other error,\n"
		"2 wrong usage, 3 Landlock domains not shown by this kernel,\n"
		"4 permission denied.\n",
		prog);
}

/*
 * Reads the description at @path into a new string (*@text): returns 0 or
 * a negative errno.
 */
static int read_description(const char *const path, char **const text)
{
	char *buf;
	ssize_t len;
	int fd, err = 0;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	buf = malloc(ATTR_SIZE);
	if (!buf) {
		close(fd);
		return -ENOMEM;
	}
	len = read(fd, buf, ATTR_SIZE);
	if (len < 0)
		err = -errno;
	else if (len == ATTR_SIZE)
		err = -EFBIG;
	close(fd);
	if (err) {
		free(buf);
		return err;
	}
	buf[len] = '\0';
	*text = buf;
	return 0;
}

/* Reads the command name of a task, or leaves "?". */
static void read_comm(const int pid, const int tid, char *const comm,
		      const size_t size)
{
	char path[64];
	ssize_t len;
	int fd;

	snprintf(comm, size, "?");
	snprintf(path, sizeof(path), "/proc/%d/task/%d/comm", pid, tid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	len = read(fd, comm, size - 1);
	close(fd);
	if (len <= 0) {
		snprintf(comm, size, "?");
		return;
	}
	comm[len] = '\0';
	comm[strcspn(comm, "\n")] = '\0';
}

/*
 * Cuts @entry's text into layers and fields, in place.  Returns false if
 * it does not have the expected format: lines of space-separated
 * "key=value" fields, the first one being the domain ID.
 */
static bool parse_description(struct entry *const entry)
{
	char *line, *next;

	entry->nr_layers = 0;
	for (line = entry->text; *line; line = next) {
		struct layer *layer;
		char *field, *save;

		next = strchr(line, '\n');
		if (!next)
			return false;
		*next++ = '\0';
		if (entry->nr_layers >= LAYERS_MAX)
			return false;
		layer = &entry->layers[entry->nr_layers++];
		layer->nr_fields = 0;
		for (field = strtok_r(line, " ", &save); field;
		     field = strtok_r(NULL, " ", &save)) {
			char *const eq = strchr(field, '=');

			if (!eq || layer->nr_fields >= FIELDS_MAX)
				return false;
			*eq = '\0';
			layer->fields[layer->nr_fields].key = field;
			layer->fields[layer->nr_fields].value = eq + 1;
			layer->nr_fields++;
		}
		if (!layer->nr_fields ||
		    strcmp(layer->fields[0].key, "domain") != 0 ||
		    !layer->fields[0].value[0])
			return false;
	}
	return true;
}

/* Value of the field @key of @layer, or NULL. */
static const char *layer_field(const struct layer *const layer,
			       const char *const key)
{
	unsigned int i;

	for (i = 0; i < layer->nr_fields; i++) {
		if (strcmp(layer->fields[i].key, key) == 0)
			return layer->fields[i].value;
	}
	return NULL;
}

/* How print_names() prints the names it finds. */
enum name_output {
	NAMES_COUNT,
	NAMES_TEXT,
	NAMES_JSON,
};

/* Prints @len bytes of @str as a JSON string. */
static void print_json_string(const char *const str, const size_t len)
{
	size_t i;

	putchar('"');
	for (i = 0; i < len; i++) {
		const unsigned char c = str[i];

		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20 || c == 0x7f)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

/* Whether the @len bytes at @name are @prefix. */
static bool is_prefix(const char *const name, const size_t len,
		      const char *const prefix)
{
	return strlen(prefix) == len && strncmp(name, prefix, len) == 0;
}

/* Whether @key is a field this program knows about, besides "domain". */
static bool is_known_key(const char *const key)
{
	return strcmp(key, "handled") == 0 || strncmp(key, "rules.", 6) == 0;
}

/*
 * Prints the names of the comma-separated list @list whose prefix (up to
 * the first dot) is @prefix, without it; with a NULL @prefix, the names
 * of no known category, whole.  Returns how many such names there are.
 */
static unsigned int print_names(const char *const list,
				const char *const prefix,
				const enum name_output output)
{
	const char *name = list;
	unsigned int count = 0;

	while (name && *name) {
		const char *const end = strchrnul(name, ',');
		const char *const dot = memchr(name, '.', end - name);
		const size_t prefix_len = dot ? (size_t)(dot - name) : 0;
		const char *shown = NULL;
		bool known = false;
		unsigned int i;

		for (i = 0; dot && i < ARRAY_LEN(categories); i++) {
			if (is_prefix(name, prefix_len, categories[i].prefix))
				known = true;
		}
		if (prefix && known && is_prefix(name, prefix_len, prefix))
			shown = dot + 1;
		else if (!prefix && !known)
			shown = name;
		if (shown && output == NAMES_TEXT)
			printf("%s%.*s", count ? ", " : " ", (int)(end - shown),
			       shown);
		if (shown && output == NAMES_JSON) {
			printf("%s", count ? ", " : "");
			print_json_string(shown, end - shown);
		}
		count += !!shown;
		name = *end ? end + 1 : NULL;
	}
	return count;
}

/*
 * Text output
 */

static void print_text_layer(const struct layer *const layer,
			     const unsigned int index)
{
	const char *const handled = layer_field(layer, "handled");
	unsigned int i;
	bool first = true;

	printf("  layer %u: domain %s\n", index + 1, layer->fields[0].value);
	for (i = 0; handled && i < ARRAY_LEN(categories); i++) {
		printf("    %s:", categories[i].label);
		if (!print_names(handled, categories[i].prefix, NAMES_TEXT))
			printf(" (none)");
		printf("\n");
	}
	/* Names of categories this program does not know about. */
	if (handled && print_names(handled, NULL, NAMES_COUNT)) {
		printf("    other:");
		print_names(handled, NULL, NAMES_TEXT);
		printf("\n");
	}
	printf("    rules:");
	for (i = 0; i < ARRAY_LEN(rule_types); i++) {
		char key[64];
		const char *count;

		snprintf(key, sizeof(key), "rules.%s", rule_types[i].type);
		count = layer_field(layer, key);
		if (!count)
			continue;
		printf("%s %s %s", first ? "" : ",", count,
		       strcmp(count, "1") ? rule_types[i].plural :
					    rule_types[i].singular);
		first = false;
	}
	printf("%s\n", first ? " (none)" : "");
	/* Fields this program does not know about, as they are. */
	for (i = 1; i < layer->nr_fields; i++) {
		const char *const key = layer->fields[i].key;

		if (is_known_key(key))
			continue;
		printf("    %s: %s\n", key, layer->fields[i].value);
	}
}

static void print_text_entry(const struct entry *const entry)
{
	unsigned int i;

	if (entry->tid)
		printf("%d/%d (%s): ", entry->pid, entry->tid, entry->comm);
	else
		printf("%d (%s): ", entry->pid, entry->comm);
	if (!entry->nr_layers) {
		printf("not sandboxed\n");
		return;
	}
	printf("%u %s\n", entry->nr_layers,
	       entry->nr_layers == 1 ? "layer" : "layers");
	for (i = 0; i < entry->nr_layers; i++)
		print_text_layer(&entry->layers[i], i);
}

/*
 * JSON output
 */

/* A decimal number as is, anything else as a string. */
static void print_json_value(const char *const value)
{
	const size_t len = strlen(value);

	if (len && len <= 15 && strspn(value, "0123456789") == len &&
	    (value[0] != '0' || len == 1))
		printf("%s", value);
	else
		print_json_string(value, len);
}

static void print_json_layer(const struct layer *const layer)
{
	const char *const handled = layer_field(layer, "handled");
	unsigned int i;
	bool first = true;

	printf("{\"domain\": ");
	print_json_string(layer->fields[0].value,
			  strlen(layer->fields[0].value));
	printf(", \"handled\": {");
	for (i = 0; handled && i < ARRAY_LEN(categories); i++) {
		printf("%s\"%s\": [", i ? ", " : "", categories[i].prefix);
		print_names(handled, categories[i].prefix, NAMES_JSON);
		printf("]");
	}
	if (handled) {
		printf(", \"other\": [");
		print_names(handled, NULL, NAMES_JSON);
		printf("]");
	}
	printf("}, \"rules\": {");
	for (i = 1; i < layer->nr_fields; i++) {
		if (strncmp(layer->fields[i].key, "rules.", 6) != 0)
			continue;
		printf("%s", first ? "" : ", ");
		print_json_string(layer->fields[i].key + 6,
				  strlen(layer->fields[i].key + 6));
		printf(": ");
		print_json_value(layer->fields[i].value);
		first = false;
	}
	printf("}");
	/* Fields this program does not know about, as they are. */
	for (i = 1; i < layer->nr_fields; i++) {
		const char *const key = layer->fields[i].key;

		if (is_known_key(key))
			continue;
		printf(", ");
		print_json_string(key, strlen(key));
		printf(": ");
		print_json_value(layer->fields[i].value);
	}
	printf("}");
}

static void print_json_entry(const struct entry *const entry)
{
	unsigned int i;

	printf("{\"pid\": %d", entry->pid);
	if (entry->tid)
		printf(", \"tid\": %d", entry->tid);
	printf(", \"command\": ");
	print_json_string(entry->comm, strlen(entry->comm));
	printf(", \"sandboxed\": %s, \"layers\": [",
	       entry->nr_layers ? "true" : "false");
	for (i = 0; i < entry->nr_layers; i++) {
		printf("%s", i ? ", " : "");
		print_json_layer(&entry->layers[i]);
	}
	printf("]}");
}

/*
 * Processes
 */

struct options {
	bool json;
	/* Entries printed so far. */
	unsigned int printed;
};

static void print_entry(struct options *const opts,
			const struct entry *const entry)
{
	if (opts->json) {
		printf("%s\n  ", opts->printed ? "," : "");
		print_json_entry(entry);
	} else {
		print_text_entry(entry);
	}
	opts->printed++;
}

static void free_entry(struct entry *const entry)
{
	free(entry->raw);
	free(entry->text);
	entry->raw = NULL;
	entry->text = NULL;
}

/*
 * Reads the domain of the thread @tid of the process @pid (the whole
 * process if @tid is 0) into @entry: returns 0 or a negative errno
 * (-EBADMSG for an unexpected format).
 */
static int read_entry(const int pid, const int tid, struct entry *const entry)
{
	char path[96];
	int err;

	memset(entry, 0, sizeof(*entry));
	entry->pid = pid;
	entry->tid = tid;
	if (tid)
		snprintf(path, sizeof(path),
			 "/proc/%d/task/%d/attr/landlock/current", pid, tid);
	else
		snprintf(path, sizeof(path), "/proc/%d/attr/landlock/current",
			 pid);
	err = read_description(path, &entry->raw);
	if (err)
		return err;
	entry->text = strdup(entry->raw);
	if (!entry->text) {
		free_entry(entry);
		return -ENOMEM;
	}
	read_comm(pid, tid ? tid : pid, entry->comm, sizeof(entry->comm));
	if (!parse_description(entry)) {
		free_entry(entry);
		return -EBADMSG;
	}
	return 0;
}

/*
 * Prints the threads of @pid whose domain differs from @raw, the
 * description of the process's (i.e. its main thread's): returns how many
 * of them are sandboxed.
 */
static unsigned int print_threads(struct options *const opts, const int pid,
				  const char *const raw)
{
	struct entry *entry = NULL;
	unsigned int sandboxed = 0;
	struct dirent *de;
	char path[64];
	DIR *dir;

	snprintf(path, sizeof(path), "/proc/%d/task", pid);
	dir = opendir(path);
	if (!dir)
		return 0;
	while ((de = readdir(dir))) {
		const int tid = atoi(de->d_name);

		if (tid <= 0 || tid == pid)
			continue;
		if (!entry) {
			entry = malloc(sizeof(*entry));
			if (!entry)
				break;
		}
		if (read_entry(pid, tid, entry))
			continue;
		if (strcmp(entry->raw, raw) != 0) {
			print_entry(opts, entry);
			sandboxed += entry->nr_layers > 0;
		}
		free_entry(entry);
	}
	free(entry);
	closedir(dir);
	return sandboxed;
}

/* Message for the negative errno @err. */
static const char *describe_error(const int err)
{
	switch (err) {
	case -ENOENT:
	case -ESRCH:
		return "no such process";
	case -EACCES:
	case -EPERM:
		return "permission denied";
	case -EBADMSG:
		return "unexpected format of its Landlock description";
	default:
		return strerror(-err);
	}
}

/* Describes the process @pid: returns an exit status. */
static int show_pid(struct options *const opts, const int pid)
{
	struct entry *const entry = malloc(sizeof(*entry));
	const char *message;
	int err;

	err = entry ? read_entry(pid, 0, entry) : -ENOMEM;
	if (err) {
		free(entry);
		message = describe_error(err);
		fprintf(stderr, "%s: %d: %s\n", prog, pid, message);
		if (opts->json) {
			printf("%s\n  {\"pid\": %d, \"error\": ",
			       opts->printed++ ? "," : "", pid);
			print_json_string(message, strlen(message));
			printf("}");
		}
		return (err == -EACCES || err == -EPERM) ? STATUS_DENIED :
							   STATUS_ERROR;
	}
	print_entry(opts, entry);
	print_threads(opts, pid, entry->raw);
	free_entry(entry);
	free(entry);
	return STATUS_OK;
}

/*
 * Lists the sandboxed processes and threads that may be inspected: returns
 * an exit status.
 */
static int show_all(struct options *const opts)
{
	unsigned int sandboxed = 0, denied = 0;
	struct entry *const entry = malloc(sizeof(*entry));
	struct dirent *de;
	DIR *proc;

	proc = opendir("/proc");
	if (!proc || !entry) {
		fprintf(stderr, "%s: /proc: %s\n", prog,
			strerror(entry ? errno : ENOMEM));
		free(entry);
		if (proc)
			closedir(proc);
		return STATUS_ERROR;
	}
	if (opts->json)
		printf("{\"processes\": [");
	while ((de = readdir(proc))) {
		const int pid = atoi(de->d_name);
		unsigned int threads;
		int err;

		if (pid <= 0)
			continue;
		err = read_entry(pid, 0, entry);
		if (err == -EACCES || err == -EPERM)
			denied++;
		if (err)
			continue;
		if (entry->nr_layers)
			print_entry(opts, entry);
		threads = print_threads(opts, pid, entry->raw);
		sandboxed += entry->nr_layers || threads;
		free_entry(entry);
	}
	closedir(proc);
	free(entry);
	if (opts->json) {
		printf("%s],\n \"sandboxed\": %u, \"inaccessible\": %u}\n",
		       opts->printed ? "\n" : "", sandboxed, denied);
	} else {
		printf("%s%u %s sandboxed by Landlock.\n",
		       opts->printed ? "\n" : "", sandboxed,
		       sandboxed == 1 ? "process is" : "processes are");
	}
	if (denied)
		fprintf(stderr,
			"%s: %u %s could not be inspected (permission denied)\n",
			prog, denied, denied == 1 ? "process" : "processes");
	return STATUS_OK;
}

/*
 * Checks that the kernel shows Landlock domains, with the caller's own
 * file: returns an exit status.
 */
static int check_available(void)
{
	char *text;
	int err;

	err = read_description("/proc/thread-self/attr/landlock/current",
			       &text);
	if (!err) {
		free(text);
		return STATUS_OK;
	}
	if (err == -ENOENT)
		fprintf(stderr,
			"%s: no /proc/thread-self/attr/landlock/current: this kernel does not show Landlock domains (or /proc is not mounted)\n",
			prog);
	else if (err == -EINVAL)
		fprintf(stderr, "%s: Landlock is not enabled\n", prog);
	else
		fprintf(stderr,
			"%s: /proc/thread-self/attr/landlock/current: %s\n",
			prog, strerror(-err));
	/* A sandbox may forbid reading /proc. */
	if (err == -EACCES)
		return STATUS_DENIED;
	return STATUS_UNAVAILABLE;
}

/* Parses a PID: returns it, or 0 if @arg is not a PID. */
static int parse_pid(const char *const arg)
{
	char *end;
	long pid;

	if (!isdigit((unsigned char)arg[0]))
		return 0;
	errno = 0;
	pid = strtol(arg, &end, 10);
	if (errno || *end || pid <= 0 || pid > 0x3fffffff)
		return 0;
	return pid;
}

int main(const int argc, char *const argv[])
{
	struct options opts = {};
	int i, first_pid, status;

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		if (strcmp(argv[i], "--json") == 0) {
			opts.json = true;
			continue;
		}
		if (strcmp(argv[i], "--help") == 0 ||
		    strcmp(argv[i], "-h") == 0) {
			print_usage(stdout);
			return STATUS_OK;
		}
		fprintf(stderr, "%s: unknown option: %s\n", prog, argv[i]);
		print_usage(stderr);
		return STATUS_USAGE;
	}
	first_pid = i;
	for (i = first_pid; i < argc; i++) {
		if (!parse_pid(argv[i])) {
			fprintf(stderr, "%s: not a PID: %s\n", prog, argv[i]);
			print_usage(stderr);
			return STATUS_USAGE;
		}
	}

	status = check_available();
	if (status)
		return status;

	if (first_pid == argc)
		return show_all(&opts);
	if (opts.json)
		printf("{\"processes\": [");
	status = STATUS_OK;
	for (i = first_pid; i < argc; i++) {
		const int ret = show_pid(&opts, parse_pid(argv[i]));

		if (ret > status)
			status = ret;
	}
	if (opts.json)
		printf("%s]}\n", opts.printed ? "\n" : "");
	return status;
}
