// SPDX-License-Identifier: GPL-2.0
/*
 * Landlock differential fuzzer: the text form of scenarios.
 *
 * One item per line, "#" starts a comment.  A scenario file starts with
 * "fs TYPE" and optional "seed N", "concurrent" and "ambiguous" (see
 * struct scenario) lines, then items:
 *
 *   layer L0 fs=read_file|write_file net=bind_tcp scope=signal
 *   rule L0 a/b fs=read_file
 *   port L0 20001 net=bind_tcp
 *   c bind a/b m0
 *   w0 open s1 a/b/f rdwr|creat
 *   w1 rename h0:x a/y exchange
 *
 * Paths are relative to the scenario's root, or to a handle of the worker
 * ("h2:x/y"); they never hold "..", and "." only alone.  The table below
 * gives each operation its actor and its arguments: one letter each,
 *
 *   L layer template    P path        Q second path (or symlink target)
 *   S slot (s- : none)  H handle      W worker (w- : the controller)
 *   N number            U socket name F flags (the operation's vocabulary)
 *   K a kind (in num, from a second vocabulary of the operation)
 *   r rights (fs=... net=... scope=..., each optional)
 */

#define _GNU_SOURCE
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

struct word {
	const char *name;
	uint64_t value;
};

/* A vocabulary: either bits that "|" joins, or one value among several. */
struct vocab {
	bool bits;
	const struct word *words;
};

static const struct word open_words[] = {
	{ "wronly", OF_WRONLY },     { "rdwr", OF_RDWR },
	{ "trunc", OF_TRUNC },	     { "creat", OF_CREAT },
	{ "excl", OF_EXCL },	     { "directory", OF_DIRECTORY },
	{ "nofollow", OF_NOFOLLOW }, {}
};

static const struct vocab open_vocab = { true, open_words };

static const struct word rename_words[] = { { "noreplace", RF_NOREPLACE },
					    { "exchange", RF_EXCHANGE },
					    { "whiteout", RF_WHITEOUT },
					    {} };

static const struct vocab rename_vocab = { true, rename_words };

static const struct word ftype_words[] = {
	{ "dir", FT_DIR },	 { "reg", FT_REG },
	{ "sym", FT_SYM },	 { "fifo", FT_FIFO },
	{ "sock", FT_SOCK },	 { "chr", FT_CHR },
	{ "zero", FT_CHR_ZERO }, { "whiteout", FT_WHITEOUT },
	{ "blk", FT_BLK },	 {}
};

static const struct vocab ftype_vocab = { false, ftype_words };

static const struct word ioctl_words[] = { { "fioclex", IOC_FIOCLEX },
					   { "fionclex", IOC_FIONCLEX },
					   { "fionbio", IOC_FIONBIO },
					   { "fioasync", IOC_FIOASYNC },
					   { "fioqsize", IOC_FIOQSIZE },
					   { "figetbsz", IOC_FIGETBSZ },
					   { "fionread", IOC_FIONREAD },
					   { "tcgets", IOC_TCGETS },
					   {} };

static const struct vocab ioctl_vocab = { false, ioctl_words };

static const struct word signal_words[] = { { "none", SIG_NONE },
					    { "urg", SIG_URG },
					    { "winch", SIG_WINCH },
					    { "chld", SIG_CHLD },
					    {} };

static const struct vocab signal_vocab = { false, signal_words };

static const struct word family_words[] = { { "inet", FAM_INET },
					    { "inet6", FAM_INET6 },
					    {} };

static const struct vocab family_vocab = { false, family_words };

static const struct word utype_words[] = { { "stream", UT_STREAM },
					   { "dgram", UT_DGRAM },
					   {} };

static const struct vocab utype_vocab = { false, utype_words };

static const struct word reopen_words[] = { { "pipe", RK_PIPE },
					    { "memfd", RK_MEMFD },
					    { "nsfs", RK_NSFS },
					    { "mqueue", RK_MQUEUE },
					    {} };

static const struct vocab reopen_vocab = { false, reopen_words };

static const struct word dev_words[] = { { "null", DEV_NULL },
					 { "zero", DEV_ZERO },
					 {} };

static const struct vocab dev_vocab = { false, dev_words };

static const struct word restrict_words[] = {
	{ "log_same_exec_off", LL_RESTRICT_LOG_SAME_EXEC_OFF },
	{ "log_new_exec_on", LL_RESTRICT_LOG_NEW_EXEC_ON },
	{ "log_subdomains_off", LL_RESTRICT_LOG_SUBDOMAINS_OFF },
	{ "tsync", LL_RESTRICT_TSYNC },
	{ "no_new_privs", LL_RESTRICT_NO_NEW_PRIVS },
	{}
};

static const struct vocab restrict_vocab = { true, restrict_words };

static const struct word fs_words[] = { { "execute", LL_FS_EXECUTE },
					{ "write_file", LL_FS_WRITE_FILE },
					{ "read_file", LL_FS_READ_FILE },
					{ "read_dir", LL_FS_READ_DIR },
					{ "remove_dir", LL_FS_REMOVE_DIR },
					{ "remove_file", LL_FS_REMOVE_FILE },
					{ "make_char", LL_FS_MAKE_CHAR },
					{ "make_dir", LL_FS_MAKE_DIR },
					{ "make_reg", LL_FS_MAKE_REG },
					{ "make_sock", LL_FS_MAKE_SOCK },
					{ "make_fifo", LL_FS_MAKE_FIFO },
					{ "make_block", LL_FS_MAKE_BLOCK },
					{ "make_sym", LL_FS_MAKE_SYM },
					{ "refer", LL_FS_REFER },
					{ "truncate", LL_FS_TRUNCATE },
					{ "ioctl_dev", LL_FS_IOCTL_DEV },
					{ "resolve_unix", LL_FS_RESOLVE_UNIX },
					{} };

static const struct vocab fs_vocab = { true, fs_words };

static const struct word net_words[] = { { "bind_tcp", LL_NET_BIND_TCP },
					 { "connect_tcp", LL_NET_CONNECT_TCP },
					 { "bind_udp", LL_NET_BIND_UDP },
					 { "connect_send_udp",
					   LL_NET_CONNECT_SEND_UDP },
					 {} };

static const struct vocab net_vocab = { true, net_words };

static const struct word scope_words[] = { { "abstract_unix_socket",
					     LL_SCOPE_ABSTRACT_UNIX },
					   { "signal", LL_SCOPE_SIGNAL },
					   {} };

static const struct vocab scope_vocab = { true, scope_words };

static const struct word perm_words[] = {
	{ "namespace_use", LL_PERM_NAMESPACE_USE },
	{ "capability_use", LL_PERM_CAPABILITY_USE },
	{}
};

static const struct vocab perm_vocab = { true, perm_words };

static const struct word ns_words[] = {
	{ "mnt", NS_MNT },	 { "cgroup", NS_CGROUP },
	{ "uts", NS_UTS },	 { "ipc", NS_IPC },
	{ "user", NS_USER },	 { "pid", NS_PID },
	{ "net", NS_NET },	 { "time", NS_TIME },
	{ "bit62", 1ULL << 62 }, {}
};

static const struct vocab ns_vocab = { true, ns_words };

/* What unshare(2) makes: no time namespace, which UML lacks (EINVAL). */
static const struct word unshare_words[] = {
	{ "mnt", NS_MNT },   { "cgroup", NS_CGROUP },
	{ "uts", NS_UTS },   { "ipc", NS_IPC },
	{ "user", NS_USER }, { "pid", NS_PID },
	{ "net", NS_NET },   {}
};

static const struct vocab unshare_vocab = { true, unshare_words };

static const struct word cap_words[] = {
	{ "chown", CAP_BIT(0) },
	{ "dac_override", CAP_BIT(FZ_CAP_DAC_OVERRIDE) },
	{ "dac_read_search", CAP_BIT(FZ_CAP_DAC_READ_SEARCH) },
	{ "kill", CAP_BIT(5) },
	{ "net_bind_service", CAP_BIT(FZ_CAP_NET_BIND_SERVICE) },
	{ "sys_chroot", CAP_BIT(18) },
	{ "sys_admin", CAP_BIT(FZ_CAP_SYS_ADMIN) },
	{ "mknod", CAP_BIT(FZ_CAP_MKNOD) },
	{ "bit63", 1ULL << 63 },
	{}
};

static const struct vocab cap_vocab = { true, cap_words };

/* The rights (and permission members) of declarations: "key=words". */
static const struct {
	const char *key;
	const struct vocab *vocab;
	size_t offset; /* in struct op */
} rights[] = {
	{ "fs", &fs_vocab, offsetof(struct op, fs) },
	{ "net", &net_vocab, offsetof(struct op, net) },
	{ "scope", &scope_vocab, offsetof(struct op, scope) },
	{ "perm", &perm_vocab, offsetof(struct op, perm) },
	{ "ns", &ns_vocab, offsetof(struct op, ns) },
	{ "cap", &cap_vocab, offsetof(struct op, cap) },
};

struct op_desc {
	const char *name;
	int actor; /* ACTOR_DECL, ACTOR_CTL, or 0 for a worker */
	const char *args;
	const struct vocab *vocab; /* for F */
	const struct vocab *kinds; /* for K */
};

static const struct op_desc ops[OP_COUNT] = {
	[OP_LAYER] = { "layer", ACTOR_DECL, "Lr", NULL },
	[OP_RULE] = { "rule", ACTOR_DECL, "LPr", NULL },
	[OP_PORT] = { "port", ACTOR_DECL, "LNr", NULL },
	[OP_NSRULE] = { "nsrule", ACTOR_DECL, "Lr", NULL },
	[OP_CAPRULE] = { "caprule", ACTOR_DECL, "Lr", NULL },
	[OP_BIND] = { "bind", ACTOR_CTL, "PQ", NULL },
	[OP_DEVBIND] = { "devbind", ACTOR_CTL, "FP", &dev_vocab },
	[OP_EXEBIND] = { "exebind", ACTOR_CTL, "P", NULL },
	[OP_UMOUNT] = { "umount", ACTOR_CTL, "P", NULL },
	[OP_LISTEN] = { "listen", ACTOR_CTL, "NF", &family_vocab },
	[OP_MOVER] = { "mover", ACTOR_CTL, "PQ", NULL },
	[OP_TOGGLE] = { "toggle", ACTOR_CTL, "PQ", NULL },
	[OP_OPEN] = { "open", 0, "SPF", &open_vocab },
	[OP_CLOSE] = { "close", 0, "S", NULL },
	[OP_HOLD] = { "hold", 0, "HP", NULL },
	[OP_DROP] = { "drop", 0, "H", NULL },
	[OP_MKDIR] = { "mkdir", 0, "P", NULL },
	[OP_MKNOD] = { "mknod", 0, "PF", &ftype_vocab },
	[OP_SYMLINK] = { "symlink", 0, "PQ", NULL },
	[OP_UNLINK] = { "unlink", 0, "P", NULL },
	[OP_RMDIR] = { "rmdir", 0, "P", NULL },
	[OP_LINK] = { "link", 0, "PQ", NULL },
	[OP_RENAME] = { "rename", 0, "PQF", &rename_vocab },
	[OP_TRUNCATE] = { "truncate", 0, "P", NULL },
	[OP_FTRUNCATE] = { "ftruncate", 0, "S", NULL },
	[OP_IOCTL] = { "ioctl", 0, "SF", &ioctl_vocab },
	[OP_EXEC] = { "exec", 0, "P", NULL },
	[OP_FORK] = { "fork", 0, "W", NULL },
	[OP_EXIT] = { "exit", 0, "", NULL },
	[OP_RESTRICT] = { "restrict", 0, "LF", &restrict_vocab },
	[OP_TCP_BIND] = { "tcp-bind", 0, "NF", &family_vocab },
	[OP_TCP_CONNECT] = { "tcp-connect", 0, "NF", &family_vocab },
	[OP_UDP_BIND] = { "udp-bind", 0, "NF", &family_vocab },
	[OP_KILL] = { "kill", 0, "WF", &signal_vocab },
	[OP_TKILL] = { "tkill", 0, "F", &signal_vocab },
	[OP_PTRACE] = { "ptrace", 0, "W", NULL },
	[OP_UNIX_LISTEN] = { "unix-listen", 0, "UF", &utype_vocab },
	[OP_UNIX_CONNECT] = { "unix-connect", 0, "UF", &utype_vocab },
	[OP_MOUNT] = { "mount", 0, "PQ", NULL },
	[OP_WUMOUNT] = { "wumount", 0, "P", NULL },
	[OP_REOPEN] = { "reopen", 0, "KF", &open_vocab, &reopen_vocab },
	[OP_SIGIO] = { "sigio", 0, "W", NULL },
	[OP_SIGPENDING] = { "sigpending", 0, "", NULL },
	[OP_PASS] = { "pass", 0, "SW", NULL },
	[OP_ADOPT] = { "adopt", 0, "S", NULL },
	[OP_UDP_CONNECT] = { "udp-connect", 0, "NF", &family_vocab },
	[OP_UDP_SEND] = { "udp-send", 0, "NF", &family_vocab },
	[OP_PATH_LISTEN] = { "path-listen", 0, "PF", &utype_vocab },
	[OP_PATH_CONNECT] = { "path-connect", 0, "PF", &utype_vocab },
	[OP_UNSHARE] = { "unshare", 0, "F", &unshare_vocab },
};

const char *op_name(int kind)
{
	return ops[kind].name;
}

static int parse_words(const struct vocab *v, const char *s, uint64_t *out)
{
	char buf[256], *tok, *save;
	const struct word *w;

	*out = 0;
	if (!strcmp(s, "0"))
		return 0;
	snprintf(buf, sizeof(buf), "%s", s);
	for (tok = strtok_r(buf, "|", &save); tok;
	     tok = strtok_r(NULL, "|", &save)) {
		for (w = v->words; w->name && strcmp(w->name, tok); w++)
			;
		if (w->name) {
			*out |= w->value;
		} else if (!strncmp(tok, "0x", 2)) {
			/* Bits without a name: unknown rights. */
			*out |= strtoull(tok, NULL, 16);
		} else {
			return -1;
		}
		if (!v->bits && strtok_r(NULL, "|", &save))
			return -1;
	}
	return 0;
}

static void format_words(const struct vocab *v, uint64_t value, char *buf,
			 int size)
{
	const struct word *w;
	int len = 0;

	buf[0] = '\0';
	for (w = v->words; w->name; w++) {
		bool match = v->bits ? (value & w->value) == w->value :
				       value == w->value;

		if (!match || (v->bits && !w->value))
			continue;
		len += snprintf(buf + len, size - len, "%s%s", len ? "|" : "",
				w->name);
		if (v->bits)
			value &= ~w->value;
		else
			return;
	}
	if (!len || value)
		snprintf(buf + len, size - len, "%s%#llx", len ? "|" : "",
			 (unsigned long long)value);
	if (!len && !value)
		snprintf(buf, size, "0");
}

/* A path: no "..", no leading "/", "." only alone; "hN:" prefix allowed. */
static bool valid_path(const char *p)
{
	const char *s = p;

	if (s[0] == 'h' && s[1] >= '0' && s[1] <= '9' && s[2] == ':')
		s += 3;
	if (!*s || *s == '/' || strlen(p) >= FZ_PATH)
		return false;
	if (!strcmp(s, "."))
		return true;
	for (;;) {
		const char *end = strchrnul(s, '/');
		size_t len = end - s;

		if (!len || (len == 1 && s[0] == '.') ||
		    (len == 2 && s[0] == '.' && s[1] == '.') || len >= FZ_NAME)
			return false;
		if (!*end)
			return true;
		s = end + 1;
	}
}

static int parse_index(const char *tok, char prefix, int max, int *out)
{
	char *end;
	long v;

	if (tok[0] != prefix)
		return -1;
	if (!strcmp(tok + 1, "-")) {
		*out = -1;
		return 0;
	}
	v = strtol(tok + 1, &end, 10);
	if (*end || end == tok + 1 || v < 0 || v >= max)
		return -1;
	*out = v;
	return 0;
}

static int parse_rights(struct op *op, char *tok)
{
	size_t i, len;
	uint64_t *value;

	for (i = 0; i < ARRAY_SIZE(rights); i++) {
		len = strlen(rights[i].key);
		if (strncmp(tok, rights[i].key, len) || tok[len] != '=')
			continue;
		value = (uint64_t *)((char *)op + rights[i].offset);
		return parse_words(rights[i].vocab, tok + len + 1, value);
	}
	return -1;
}

static int parse_arg(struct op *op, char type, char *tok)
{
	const struct vocab *v = ops[op->kind].vocab;
	char *end;

	switch (type) {
	case 'L':
		return parse_index(tok, 'L', FZ_TEMPLATES, &op->layer);
	case 'S':
		return parse_index(tok, 's', FZ_SLOTS, &op->slot);
	case 'H':
		return parse_index(tok, 'h', FZ_HANDLES, &op->handle);
	case 'W':
		return parse_index(tok, 'w', FZ_WORKERS, &op->peer);
	case 'U':
		return parse_index(tok, 'u', FZ_SOCKNAMES, &op->num);
	case 'N':
		op->num = strtol(tok, &end, 10);
		return *end || op->num < 0 || op->num > 65535 ? -1 : 0;
	case 'F':
		return parse_words(v, tok, &op->flags);
	case 'K': {
		uint64_t kind;

		if (parse_words(ops[op->kind].kinds, tok, &kind))
			return -1;
		op->num = kind;
		return 0;
	}
	case 'P':
	case 'Q':
		if (!valid_path(tok))
			return -1;
		strcpy(type == 'P' ? op->path : op->path2, tok);
		return 0;
	case 'r':
		return parse_rights(op, tok);
	}
	return -1;
}

static int find_op(const char *name, int actor)
{
	int k;

	for (k = 0; k < OP_COUNT; k++) {
		bool worker_op = ops[k].actor == 0;

		if (strcmp(ops[k].name, name))
			continue;
		if (worker_op ? actor >= 0 : actor == ops[k].actor)
			return k;
	}
	return -1;
}

/* Returns 1 for an item, 0 for an empty line, -1 for an error. */
int parse_item(const char *line, struct op *op)
{
	char buf[512], *tok, *save;
	const char *sig;
	int actor;

	memset(op, 0, sizeof(*op));
	op->slot = -1;
	op->handle = -1;
	op->peer = -1;
	snprintf(buf, sizeof(buf), "%s", line);
	buf[strcspn(buf, "#\n")] = '\0';
	tok = strtok_r(buf, " \t", &save);
	if (!tok)
		return 0;
	if (!strcmp(tok, "c")) {
		actor = ACTOR_CTL;
	} else if (tok[0] == 'w') {
		if (parse_index(tok, 'w', FZ_WORKERS, &actor) || actor < 0)
			return -1;
	} else {
		actor = ACTOR_DECL;
		op->kind = find_op(tok, actor);
		goto args;
	}
	tok = strtok_r(NULL, " \t", &save);
	if (!tok)
		return -1;
	op->kind = find_op(tok, actor);
args:
	if (op->kind < 0)
		return -1;
	op->actor = actor;
	for (sig = ops[op->kind].args; *sig; sig++) {
		tok = strtok_r(NULL, " \t", &save);
		if (*sig == 'r') {
			/* Rights: zero or more key=value tokens, last. */
			for (; tok; tok = strtok_r(NULL, " \t", &save))
				if (parse_rights(op, tok))
					return -1;
			return 1;
		}
		if (!tok || parse_arg(op, *sig, tok))
			return -1;
	}
	return strtok_r(NULL, " \t", &save) ? -1 : 1;
}

static int format_index(char *buf, int size, char prefix, int v)
{
	return v < 0 ? snprintf(buf, size, " %c-", prefix) :
		       snprintf(buf, size, " %c%d", prefix, v);
}

/* " key=words" for each right of a declaration that is not zero. */
static int format_rights(const struct op *op, char *buf, int size)
{
	char words[512];
	size_t i;
	int len = 0;
	uint64_t v;

	for (i = 0; i < ARRAY_SIZE(rights); i++) {
		memcpy(&v, (const char *)op + rights[i].offset, sizeof(v));
		if (!v)
			continue;
		format_words(rights[i].vocab, v, words, sizeof(words));
		len += snprintf(buf + len, size - len, " %s=%s", rights[i].key,
				words);
	}
	return len;
}

void format_item(const struct op *op, char *buf, int size)
{
	const struct op_desc *d = &ops[op->kind];
	char words[512];
	const char *sig;
	int len = 0;

	if (op->actor == ACTOR_CTL)
		len = snprintf(buf, size, "c %s", d->name);
	else if (op->actor >= 0)
		len = snprintf(buf, size, "w%d %s", op->actor, d->name);
	else
		len = snprintf(buf, size, "%s", d->name);
	for (sig = d->args; *sig && len < size; sig++) {
		switch (*sig) {
		case 'L':
			len += format_index(buf + len, size - len, 'L',
					    op->layer);
			break;
		case 'S':
			len += format_index(buf + len, size - len, 's',
					    op->slot);
			break;
		case 'H':
			len += format_index(buf + len, size - len, 'h',
					    op->handle);
			break;
		case 'W':
			len += format_index(buf + len, size - len, 'w',
					    op->peer);
			break;
		case 'U':
			len += format_index(buf + len, size - len, 'u',
					    op->num);
			break;
		case 'N':
			len += snprintf(buf + len, size - len, " %d", op->num);
			break;
		case 'F':
			format_words(d->vocab, op->flags, words, sizeof(words));
			len += snprintf(buf + len, size - len, " %s", words);
			break;
		case 'K':
			format_words(d->kinds, op->num, words, sizeof(words));
			len += snprintf(buf + len, size - len, " %s", words);
			break;
		case 'P':
			len += snprintf(buf + len, size - len, " %s", op->path);
			break;
		case 'Q':
			len += snprintf(buf + len, size - len, " %s",
					op->path2);
			break;
		case 'r':
			len += format_rights(op, buf + len, size - len);
			break;
		}
	}
}

static const char *err_name(int err)
{
	static char buf[16];
	const char *name;

	if (err == FZ_SKIP)
		return "skipped";
	if (!err)
		return "0";
	name = strerrorname_np(err);
	if (name)
		return name;
	snprintf(buf, sizeof(buf), "E%d", err);
	return buf;
}

void format_outcome(const struct op *op, const struct outcome *o, char *buf,
		    int size)
{
	int len, i;

	len = snprintf(buf, size, "%s", err_name(o->err));
	if (op->kind == OP_OPEN && (op->flags & OF_CREAT))
		len += snprintf(buf + len, size - len, " created=%d",
				o->created);
	if (op->kind == OP_SIGPENDING)
		len += snprintf(buf + len, size - len, " pending=%d",
				o->pending);
	if (op->kind != OP_RESTRICT)
		return;
	if (o->create_err)
		len += snprintf(buf + len, size - len, " create=%s",
				err_name(o->create_err));
	for (i = 0; i < FZ_RULES && len < size; i++)
		if (o->rule_err[i])
			len += snprintf(buf + len, size - len, " rule%d=%s", i,
					err_name(o->rule_err[i]));
}

bool outcome_equal(const struct op *op, const struct outcome *a,
		   const struct outcome *b)
{
	if (a->err != b->err)
		return false;
	if (op->kind == OP_OPEN && (op->flags & OF_CREAT) &&
	    a->created != b->created)
		return false;
	if (op->kind == OP_SIGPENDING && a->pending != b->pending)
		return false;
	if (op->kind == OP_RESTRICT)
		return a->create_err == b->create_err &&
		       !memcmp(a->rule_err, b->rule_err, sizeof(a->rule_err));
	return true;
}

/* Updates the templates with a declaration. */
/* Where a rule declaration keeps what it allows. */
static uint64_t *access_field(struct op *rule)
{
	switch (rule->kind) {
	case OP_PORT:
		return &rule->net;
	case OP_NSRULE:
		return &rule->ns;
	case OP_CAPRULE:
		return &rule->cap;
	default:
		return &rule->fs;
	}
}

/* What a rule declaration allows: rights, namespace types, capabilities. */
uint64_t rule_access_of(const struct op *rule)
{
	struct op copy = *rule;

	return *access_field(&copy);
}

/* The declaration of a rule of a template (the inverse of tmpl_apply()). */
void rule_decl(const struct rule_tmpl *r, int layer, struct op *rule)
{
	memset(rule, 0, sizeof(*rule));
	rule->kind = r->kind;
	rule->actor = ACTOR_DECL;
	rule->layer = layer;
	rule->num = r->number;
	snprintf(rule->path, sizeof(rule->path), "%s", r->path);
	*access_field(rule) = r->access;
}

void tmpl_apply(struct layer_tmpl *tmpls, const struct op *decl)
{
	struct layer_tmpl *t = &tmpls[decl->layer];
	struct rule_tmpl *r;

	if (decl->kind == OP_LAYER) {
		memset(t, 0, sizeof(*t));
		t->declared = true;
		t->fs = decl->fs;
		t->net = decl->net;
		t->scope = decl->scope;
		t->perm = decl->perm;
		return;
	}
	if (t->n >= FZ_RULES)
		return;
	r = &t->rules[t->n++];
	r->kind = decl->kind;
	snprintf(r->path, sizeof(r->path), "%s", decl->path);
	r->access = rule_access_of(decl);
	r->number = decl->num;
}

int scenario_load(const char *file, struct scenario *sc)
{
	char line[512];
	int lineno = 0;
	FILE *f;

	f = fopen(file, "r");
	if (!f)
		return -1;
	memset(sc, 0, sizeof(*sc));
	snprintf(sc->fs, sizeof(sc->fs), "tmpfs");
	while (fgets(line, sizeof(line), f)) {
		char word[32], arg[64];
		int r;

		lineno++;
		if (sscanf(line, "%31s %63s", word, arg) == 2 &&
		    !strcmp(word, "fs")) {
			snprintf(sc->fs, sizeof(sc->fs), "%.15s", arg);
			continue;
		}
		if (sscanf(line, "%31s %63s", word, arg) == 2 &&
		    !strcmp(word, "seed")) {
			sc->seed = strtoull(arg, NULL, 0);
			continue;
		}
		if (sscanf(line, "%31s", word) == 1 &&
		    !strcmp(word, "concurrent")) {
			sc->concurrent = true;
			continue;
		}
		if (sscanf(line, "%31s", word) == 1 &&
		    !strcmp(word, "ambiguous")) {
			sc->ambiguous = true;
			sc->concurrent = true;
			continue;
		}
		if (sc->n >= FZ_ITEMS) {
			fclose(f);
			return -1;
		}
		r = parse_item(line, &sc->items[sc->n]);
		if (r < 0) {
			fprintf(stderr, "%s:%d: cannot parse: %s", file, lineno,
				line);
			fclose(f);
			return -1;
		}
		sc->n += r;
	}
	fclose(f);
	return 0;
}

int scenario_save(const char *file, const struct scenario *sc,
		  const char *comment)
{
	char line[512];
	FILE *f;
	int i;

	f = fopen(file, "w");
	if (!f)
		return -1;
	fprintf(f,
		"# Landlock fuzzer scenario (replay: landlock-fuzz --replay FILE)\n");
	if (comment)
		fprintf(f, "%s", comment);
	fprintf(f, "fs %s\nseed %#llx\n", sc->fs, (unsigned long long)sc->seed);
	if (sc->ambiguous)
		fprintf(f, "ambiguous\n");
	else if (sc->concurrent)
		fprintf(f, "concurrent\n");
	for (i = 0; i < sc->n; i++) {
		format_item(&sc->items[i], line, sizeof(line));
		fprintf(f, "%s\n", line);
	}
	return fclose(f);
}
