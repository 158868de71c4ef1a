// SPDX-License-Identifier: GPL-2.0
/*
 * Landlock differential fuzzer: the runner.
 *
 *   landlock-fuzz [--seed N] [--ops N] [--scenario-ops N] [--concurrent]
 *                 [--fs tmpfs|NAME:DIR]... [--out DIR] [--shrink-runs N]
 *                 [--known TAGS] [--avoid TAGS] [--verbose]
 *   landlock-fuzz --replay FILE... [--fs NAME:DIR]... [--verbose]
 *   landlock-fuzz --shrink FILE [--fs NAME:DIR]... [--out DIR]
 *
 * Fuzzing: scenario after scenario (each from its own seed, derived from
 * --seed; the file systems taken in turn), until --ops operations ran.
 * Each item goes to the model, then to the kernel; the first difference
 * ends the scenario, which is written to --out (default: the current
 * directory), shrunk, and written again: div-SEED.scn and div-SEED-min.scn
 * (only the first divergence of each kind: operation, answers, notes).
 * Replay: runs scenario files (regression tests) and reports each.
 *
 * --dry: the model alone.  In concurrency mode, it also fails on an
 * operation that the generator must not make (dry_variants()); a replayed
 * scenario marked "ambiguous" must end with such an operation.
 *
 * --known TAGS: divergences on which the model notes one of TAGS (a
 * comma-separated list of erratum3, erratum4, fioqsize, internal: fixes our
 * kernel may lack) are counted apart (known-SEED.scn), not as failures;
 * --avoid TAGS: the generator makes none of those operations (but
 * erratum3, which comes from what other operations do).  Both help to look
 * for other divergences on a kernel that lacks these fixes.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "exec.h"
#include "gen.h"
#include "model.h"
#include "shrink.h"

#define MAX_FS 8
#define BATCH 16

struct fs {
	char name[16];
	char dir[4096];
	bool own_tmpfs;
};

static struct {
	uint64_t seed;
	long ops;
	int scenario_ops;
	bool concurrent, verbose;
	bool dry; /* the model alone: its speed, its own checks */
	bool profile; /* time per kind of operation */
	double kind_time[OP_COUNT];
	long kind_count[OP_COUNT];
	double setup_time; /* new trees and first workers, and their end */
	long two_answers; /* concurrency mode: operations with two answers */
	long tagged[4]; /* --dry: operations per TAG_* */
	const char *out;
	int shrink_runs;
	int known; /* TAG_*: divergences known, not failures */
	int avoid; /* TAG_*: what the generator avoids */
	struct fs fs[MAX_FS];
	int nfs;
	struct env env;
	long done; /* operations run */
} cfg = { .seed = 1,
	  .ops = 1000000,
	  .scenario_ops = 300,
	  .out = ".",
	  .shrink_runs = 400 };

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* --profile: the time of a batch, shared by its operations. */
static void account(const struct scenario *sc, const int *items, int n,
		    double start)
{
	double share = (now() - start) / n;
	int i;

	for (i = 0; i < n; i++) {
		cfg.kind_time[sc->items[items[i]].kind] += share;
		cfg.kind_count[sc->items[items[i]].kind]++;
	}
}

static void print_profile(void)
{
	int k;

	for (k = 0; k < OP_COUNT; k++)
		if (cfg.kind_count[k])
			printf("profile: %-14s %7ld ops %8.2f ms/op %6.1f s\n",
			       op_name(k), cfg.kind_count[k],
			       cfg.kind_time[k] * 1000 / cfg.kind_count[k],
			       cfg.kind_time[k]);
}

/* A divergence: the item, what the model accepts, what the kernel did. */
struct divergence {
	int index;
	struct answers expected;
	struct outcome actual;
	/* --dry: two states of the movers give actual and leave two models */
	bool ambiguous;
};

/* Where a scenario runs: its own tmpfs, or a directory of a mounted fs. */
static const struct fs *fs_for(const char *name)
{
	int i;

	for (i = 0; i < cfg.nfs; i++)
		if (!strcmp(cfg.fs[i].name, name))
			return &cfg.fs[i];
	return NULL;
}

static void print_item(const char *prefix, const struct op *op)
{
	char line[512];

	format_item(op, line, sizeof(line));
	printf("%s%s\n", prefix, line);
}

static void print_divergence(const struct scenario *sc,
			     const struct divergence *d, FILE *f)
{
	const struct op *op = &sc->items[d->index];
	char line[512], buf[256];
	int i;

	format_item(op, line, sizeof(line));
	fprintf(f, "# divergence at item %d: %s\n", d->index + 1, line);
	for (i = 0; i < d->expected.n; i++) {
		format_outcome(op, &d->expected.v[i], buf, sizeof(buf));
		fprintf(f, "#   model: %s\n", buf);
	}
	format_outcome(op, &d->actual, buf, sizeof(buf));
	if (d->ambiguous)
		fprintf(f,
			"#   ambiguous: %s in two states, which leave two models\n",
			buf);
	else
		fprintf(f, "#   kernel: %s\n", buf);
	if (d->expected.v[0].tags & TAG_ERRATUM3)
		fprintf(f,
			"#   note: through a disconnected directory (erratum 3)\n");
	if (d->expected.v[0].tags & TAG_ERRATUM4)
		fprintf(f,
			"#   note: a whiteout is made, linked or moved (erratum 4)\n");
	if (d->expected.v[0].tags & TAG_INTERNAL)
		fprintf(f,
			"#   note: a file of an internal mount (issue 11)\n");
	if (d->expected.v[0].tags & TAG_FIOQSIZE)
		fprintf(f,
			"#   note: FIOQSIZE, not for IOCTL_DEV (issue 11, item 6)\n");
}

/* The state of a scenario being run. */
struct run {
	struct scenario *sc;
	struct gen *gen; /* NULL: replay */
	struct model m;
	struct divergence *div;
	int pending[BATCH]; /* items in the batch, their expectations */
	struct outcome expected[BATCH];
	int npending;
};

static struct model copies[FZ_ANSWERS];

/* --verbose: an item, the model's outcome, the kernel's (if act). */
static void print_result(const struct op *op, const struct outcome *exp,
			 const struct outcome *act)
{
	char line[512], e[128], a[128] = "";

	format_item(op, line, sizeof(line));
	format_outcome(op, exp, e, sizeof(e));
	if (act)
		format_outcome(op, act, a, sizeof(a));
	printf("  %-50s model %s%s%s\n", line, e, act ? ", kernel " : "", a);
}

/* Runs the batch; returns 1 on a divergence, -1 on an error. */
static int flush(struct run *r)
{
	struct outcome actual[BATCH];
	double start = now();
	int i;

	if (!r->npending)
		return 0;
	if (exec_flush(actual))
		return -1;
	account(r->sc, r->pending, r->npending, start);
	cfg.done += r->npending;
	for (i = 0; i < r->npending; i++) {
		const struct op *op = &r->sc->items[r->pending[i]];

		if (cfg.verbose)
			print_result(op, &r->expected[i], &actual[i]);
		if (outcome_equal(op, &r->expected[i], &actual[i]))
			continue;
		r->div->index = r->pending[i];
		r->div->expected.n = 1;
		r->div->expected.v[0] = r->expected[i];
		r->div->actual = actual[i];
		r->npending = 0;
		return 1;
	}
	r->npending = 0;
	return 0;
}

/* Runs one item on the kernel; returns its outcome in actual. */
static int run_now(struct run *r, const struct op *op, struct outcome *act)
{
	if (op->actor == ACTOR_CTL)
		return exec_ctl(op, act) ? -1 : 0;
	if (exec_add(op, &r->m.tmpl[op->layer]) || exec_flush(act))
		return -1;
	return 0;
}

static bool all_skipped(const struct answers *ans)
{
	int i;

	for (i = 0; i < ans->n; i++)
		if (ans->v[i].err != FZ_SKIP)
			return false;
	return true;
}

/* Concurrency mode: any state of the movers may give the answer. */
static int step_concurrent(struct run *r, int index)
{
	const struct op *op = &r->sc->items[index];
	struct answers ans;
	struct outcome act;
	int i, n = model_variants(&r->m, op, copies, &ans);

	if (all_skipped(&ans))
		return 0;
	for (i = 1; i < n; i++) {
		if (!outcome_equal(op, &ans.v[0], &ans.v[i])) {
			cfg.two_answers++;
			break;
		}
	}
	if (run_now(r, op, &act))
		return -1;
	cfg.done++;
	for (i = 0; i < n; i++) {
		if (outcome_equal(op, &ans.v[i], &act)) {
			r->m = copies[i];
			return 0;
		}
	}
	r->div->index = index;
	r->div->expected = ans;
	r->div->actual = act;
	return 1;
}

static bool batch_ends(const struct run *r, const struct op *op)
{
	const struct op *last;

	if (!r->npending)
		return false;
	last = &r->sc->items[r->pending[r->npending - 1]];
	return r->npending >= BATCH || last->actor != op->actor ||
	       exec_single(op) || exec_single(last);
}

static int step(struct run *r, int index)
{
	const struct op *op = &r->sc->items[index];
	struct outcome exp, act;
	int ret;

	if (r->sc->concurrent && op->actor != ACTOR_DECL)
		return step_concurrent(r, index);
	model_step(&r->m, op, &exp);
	if (exp.err == FZ_SKIP)
		return 0;
	if (op->actor == ACTOR_CTL || batch_ends(r, op)) {
		ret = flush(r);
		if (ret)
			return ret;
	}
	if (op->actor == ACTOR_CTL) {
		double start = now();

		if (exec_ctl(op, &act))
			return -1;
		account(r->sc, &index, 1, start);
		cfg.done++;
		if (cfg.verbose)
			print_result(op, &exp, &act);
		if (outcome_equal(op, &exp, &act))
			return 0;
		r->div->index = index;
		r->div->expected.n = 1;
		r->div->expected.v[0] = exp;
		r->div->actual = act;
		return 1;
	}
	if (exec_add(op, &r->m.tmpl[op->layer]))
		return -1;
	r->pending[r->npending] = index;
	r->expected[r->npending++] = exp;
	return 0;
}

/* Whether an item survives its text form (what workers and replays get). */
static bool round_trips(const struct op *op)
{
	char line[512], again[512];
	struct op parsed;

	format_item(op, line, sizeof(line));
	if (parse_item(line, &parsed) != 1)
		return false;
	format_item(&parsed, again, sizeof(again));
	return !strcmp(line, again);
}

/*
 * --dry --concurrent: counts the operations with two answers, and finds
 * those that the generator must never make: two states of the movers give
 * the same answer but leave different models, so that the kernel's answer
 * would not tell the model which one to go on with.  Returns 1 for such an
 * operation (@d tells it), else 0.
 */
static int dry_variants(struct run *r, const int index)
{
	const struct op *op = &r->sc->items[index];
	struct answers ans;
	int i, j, n = model_variants(&r->m, op, copies, &ans);
	bool two = false;

	for (i = 0; i < n; i++) {
		for (j = i + 1; j < n; j++) {
			if (!outcome_equal(op, &ans.v[i], &ans.v[j])) {
				two = true;
			} else if (model_variants_differ(&copies[i],
							 &copies[j])) {
				r->div->index = index;
				r->div->expected = ans;
				r->div->actual = ans.v[i];
				r->div->ambiguous = true;
				return 1;
			}
		}
	}
	if (two) {
		cfg.two_answers++;
		if (cfg.verbose)
			print_item("  two answers: ", op);
	}
	return 0;
}

/* --dry: generates and runs the scenario in the model only. */
static int dry_run(struct run *r)
{
	struct outcome exp;
	int i, t;

	for (i = 0;
	     r->gen ? gen_next(r->gen, &r->m, &r->sc->items[i]) : i < r->sc->n;
	     i++) {
		if (r->gen)
			r->sc->n = i + 1;
		if (!round_trips(&r->sc->items[i]))
			return -1;
		if (r->sc->concurrent && dry_variants(r, i))
			return 1;
		model_step(&r->m, &r->sc->items[i], &exp);
		cfg.done += exp.err != FZ_SKIP;
		for (t = 0; t < 4; t++)
			cfg.tagged[t] += !!(exp.tags & (1 << t));
		if (cfg.verbose && exp.err != FZ_SKIP)
			print_result(&r->sc->items[i], &exp, NULL);
		if (r->sc->n >= FZ_ITEMS)
			break;
	}
	return 0;
}

/*
 * Runs a scenario (generating it if gen): 0 if the kernel agreed, 1 on a
 * divergence (d), -1 on an error of the fuzzer or of a worker.
 */
static int run_scenario(struct scenario *sc, struct gen *gen,
			const struct fs *fs, struct divergence *d)
{
	static struct run r;
	int i, ret = 0;
	double start;

	memset(&r, 0, sizeof(r));
	r.sc = sc;
	r.gen = gen;
	r.div = d;
	d->ambiguous = false;
	snprintf(cfg.env.fs, sizeof(cfg.env.fs), "%s", fs->name);
	cfg.env.nodev = !cfg.env.root && fs->own_tmpfs;
	model_init(&r.m, &cfg.env);
	if (cfg.dry)
		return dry_run(&r);
	start = now();
	if (exec_begin(&cfg.env, fs->dir, fs->own_tmpfs)) {
		exec_end();
		return -1;
	}
	cfg.setup_time += now() - start;
	for (i = 0; !ret; i++) {
		if (gen) {
			if (sc->n >= FZ_ITEMS ||
			    !gen_next(gen, &r.m, &sc->items[i]))
				break;
			sc->n = i + 1;
			if (!round_trips(&sc->items[i])) {
				print_item("landlock-fuzz: bad item: ",
					   &sc->items[i]);
				ret = -1;
				break;
			}
		} else if (i >= sc->n) {
			break;
		}
		ret = step(&r, i);
	}
	if (!ret)
		ret = flush(&r);
	start = now();
	exec_end();
	cfg.setup_time += now() - start;
	return ret;
}

/* The divergence being shrunk: the same operation, the same answers. */
struct shrink_ctx {
	const struct fs *fs;
	struct op op;
	struct divergence div;
};

static bool same_divergence(const struct scenario *cand, void *arg)
{
	struct shrink_ctx *ctx = arg;
	static struct scenario copy;
	struct divergence d;
	const struct op *op;

	copy = *cand;
	if (run_scenario(&copy, NULL, ctx->fs, &d) != 1)
		return false;
	op = &copy.items[d.index];
	return op->kind == ctx->op.kind &&
	       d.actual.err == ctx->div.actual.err &&
	       d.expected.v[0].err == ctx->div.expected.v[0].err;
}

static void save(const char *name, const struct scenario *sc,
		 const struct divergence *d)
{
	char path[4096], *comment = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&comment, &size);

	if (f) {
		if (d)
			print_divergence(sc, d, f);
		fclose(f);
	}
	snprintf(path, sizeof(path), "%s/%s", cfg.out, name);
	if (scenario_save(path, sc, comment))
		perror(path);
	else
		printf("landlock-fuzz: wrote %s\n", path);
	free(comment);
}

/* Writes a diverging scenario, shrinks it, writes the result. */
/*
 * Whether a divergence of the same kind (operation, answers, tags) was
 * already shrunk in this run: a kernel bug met again and again is shrunk
 * once.
 */
static bool seen_before(const struct scenario *sc, const struct divergence *d)
{
	static struct {
		int kind, expected, actual, tags;
	} seen[64];
	static int nseen;
	int kind = sc->items[d->index].kind, i;

	for (i = 0; i < nseen; i++)
		if (seen[i].kind == kind &&
		    seen[i].expected == d->expected.v[0].err &&
		    seen[i].actual == d->actual.err &&
		    seen[i].tags == d->expected.v[0].tags)
			return true;
	if (nseen < 64) {
		seen[nseen].kind = kind;
		seen[nseen].expected = d->expected.v[0].err;
		seen[nseen].actual = d->actual.err;
		seen[nseen++].tags = d->expected.v[0].tags;
	}
	return false;
}

static void report(struct scenario *sc, const struct fs *fs,
		   struct divergence *d, bool always_shrink)
{
	static struct shrink_ctx ctx;
	static struct scenario min;
	char name[64];
	int runs, ret;
	long done;

	sc->n = d->index + 1;
	print_divergence(sc, d, stdout);
	snprintf(name, sizeof(name), "div-%#llx.scn",
		 (unsigned long long)sc->seed);
	save(name, sc, d);
	if (!always_shrink && seen_before(sc, d)) {
		printf("landlock-fuzz: like an earlier divergence: not shrunk\n");
		return;
	}
	ctx.fs = fs;
	ctx.op = sc->items[d->index];
	ctx.div = *d;
	min = *sc;
	/* The operations of the shrinker do not count as fuzzing. */
	done = cfg.done;
	runs = shrink(&min, same_divergence, &ctx, cfg.shrink_runs);
	/* The last run may not be the minimum: run it again for d. */
	ret = run_scenario(&min, NULL, fs, d);
	cfg.done = done;
	if (ret == 1) {
		min.n = d->index + 1;
		printf("landlock-fuzz: shrunk to %d items in %d runs\n", min.n,
		       runs);
		print_divergence(&min, d, stdout);
		snprintf(name, sizeof(name), "div-%#llx-min.scn",
			 (unsigned long long)sc->seed);
		save(name, &min, d);
	}
}

static uint64_t scenario_seed(int i)
{
	struct rng r = { cfg.seed + (uint64_t)i * 0x9e3779b97f4a7c15ULL };

	return rng_next(&r);
}

static int run_fuzzing(void)
{
	static struct scenario sc;
	static struct gen gen;
	struct divergence d;
	int i, divergences = 0, known = 0, errors = 0, ret;
	double start = now(), last = start;

	printf("landlock-fuzz: seed %#llx, %ld operations, ABI %d, %s, %s\n",
	       (unsigned long long)cfg.seed, cfg.ops, cfg.env.abi,
	       cfg.env.root ? "root" : "uid 65534 (user namespace)",
	       cfg.concurrent ? "concurrent" : "sequential");
	fflush(stdout);
	for (i = 0; cfg.done < cfg.ops; i++) {
		const struct fs *fs = &cfg.fs[i % cfg.nfs];

		memset(&sc, 0, offsetof(struct scenario, items));
		sc.seed = scenario_seed(i);
		sc.concurrent = cfg.concurrent;
		snprintf(sc.fs, sizeof(sc.fs), "%s", fs->name);
		gen_init(&gen, sc.seed, &cfg.env, cfg.concurrent,
			 cfg.scenario_ops);
		gen.avoid = cfg.avoid;
		if (cfg.verbose)
			printf("scenario %d: seed %#llx on %s\n", i,
			       (unsigned long long)sc.seed, fs->name);
		ret = run_scenario(&sc, &gen, fs, &d);
		if (ret < 0) {
			char name[64];

			errors++;
			printf("landlock-fuzz: error in scenario seed %#llx on %s\n",
			       (unsigned long long)sc.seed, fs->name);
			snprintf(name, sizeof(name), "err-%#llx.scn",
				 (unsigned long long)sc.seed);
			save(name, &sc, NULL);
			if (errors > 3)
				break;
		} else if (ret > 0 && (d.expected.v[0].tags & cfg.known)) {
			char name[64];

			known++;
			printf("landlock-fuzz: known divergence in scenario seed %#llx on %s\n",
			       (unsigned long long)sc.seed, fs->name);
			sc.n = d.index + 1;
			print_divergence(&sc, &d, stdout);
			snprintf(name, sizeof(name), "known-%#llx.scn",
				 (unsigned long long)sc.seed);
			save(name, &sc, &d);
		} else if (ret > 0) {
			divergences++;
			printf("landlock-fuzz: DIVERGENCE in scenario seed %#llx on %s\n",
			       (unsigned long long)sc.seed, fs->name);
			report(&sc, fs, &d, false);
		}
		if (now() - last >= 10) {
			last = now();
			printf("landlock-fuzz: %ld operations, %.0f ops/s\n",
			       cfg.done, cfg.done / (last - start));
		}
		fflush(stdout);
	}
	printf("landlock-fuzz: %d scenarios, %ld operations in %.1f s (%.0f ops/s), ",
	       i, cfg.done, now() - start, cfg.done / (now() - start));
	printf("%d divergences, %d known, %d errors\n", divergences, known,
	       errors);
	if (cfg.concurrent)
		printf("landlock-fuzz: %ld moves, %ld unmounts, %ld operations with two answers\n",
		       exec_moves, exec_toggles, cfg.two_answers);
	printf("landlock-fuzz: %d passed, %d failed, %d skipped\n",
	       i - divergences - known - errors, divergences + errors, known);
	if (cfg.dry)
		printf("tags: %ld erratum3, %ld erratum4, %ld fioqsize, %ld internal\n",
		       cfg.tagged[0], cfg.tagged[1], cfg.tagged[2],
		       cfg.tagged[3]);
	if (cfg.profile) {
		print_profile();
		printf("profile: scenario setup and teardown %.1f s\n",
		       cfg.setup_time);
	}
	return errors ? 2 : divergences ? 1 : 0;
}

static int run_replays(char **files, int n)
{
	static struct scenario sc;
	int i, passed = 0, failed = 0, skipped = 0, ret;
	struct divergence d;
	const struct fs *fs;

	for (i = 0; i < n; i++) {
		if (scenario_load(files[i], &sc)) {
			printf("FAIL %s: cannot load\n", files[i]);
			failed++;
			continue;
		}
		fs = fs_for(sc.fs);
		if (!fs) {
			printf("SKIP %s: no %s here\n", files[i], sc.fs);
			skipped++;
			continue;
		}
		if (sc.ambiguous && !cfg.dry) {
			printf("SKIP %s: for the model alone (--dry)\n",
			       files[i]);
			skipped++;
			continue;
		}
		ret = run_scenario(&sc, NULL, fs, &d);
		if (sc.ambiguous)
			ret = ret == 1 && d.ambiguous && d.index == sc.n - 1 ?
				      0 :
				      -1;
		if (ret == 0) {
			printf("ok %s\n", files[i]);
			passed++;
			continue;
		}
		printf("FAIL %s: %s\n", files[i],
		       ret < 0 ? "error" : "divergence");
		if (ret > 0)
			print_divergence(&sc, &d, stdout);
		failed++;
	}
	printf("replay: %d passed, %d failed, %d skipped\n", passed, failed,
	       skipped);
	return failed ? 1 : 0;
}

/* --shrink FILE: shrinks a diverging scenario (kept in --out). */
static int shrink_file(const char *file)
{
	static struct scenario sc;
	struct divergence d;
	const struct fs *fs;
	int ret;

	fs = scenario_load(file, &sc) ? NULL : fs_for(sc.fs);
	if (!fs) {
		printf("landlock-fuzz: cannot run %s\n", file);
		return 2;
	}
	ret = run_scenario(&sc, NULL, fs, &d);
	if (ret <= 0) {
		printf("landlock-fuzz: %s does not diverge\n", file);
		return ret ? 2 : 0;
	}
	report(&sc, fs, &d, true);
	return 1;
}

/* erratum3,erratum4,fioqsize,internal: TAG_* */
static int parse_tags(const char *list)
{
	return (strstr(list, "erratum3") ? TAG_ERRATUM3 : 0) |
	       (strstr(list, "erratum4") ? TAG_ERRATUM4 : 0) |
	       (strstr(list, "fioqsize") ? TAG_FIOQSIZE : 0) |
	       (strstr(list, "internal") ? TAG_INTERNAL : 0);
}

static int add_fs(const char *spec)
{
	struct fs *fs = &cfg.fs[cfg.nfs];
	const char *colon = strchr(spec, ':');

	if (cfg.nfs >= MAX_FS)
		return -1;
	if (!colon) {
		if (strcmp(spec, "tmpfs"))
			return -1;
		snprintf(fs->name, sizeof(fs->name), "tmpfs");
		snprintf(fs->dir, sizeof(fs->dir), "/tmp/lfz-%d", getpid());
		fs->own_tmpfs = true;
		mkdir(fs->dir, 0777);
	} else {
		snprintf(fs->name, sizeof(fs->name), "%.*s",
			 (int)(colon - spec), spec);
		snprintf(fs->dir, sizeof(fs->dir), "%s", colon + 1);
	}
	cfg.nfs++;
	return 0;
}

static void print_usage(void)
{
	fprintf(stderr,
		"usage: landlock-fuzz [--seed N] [--ops N] [--scenario-ops N] [--concurrent]\n"
		"                     [--fs tmpfs|NAME:DIR]... [--out DIR] [--shrink-runs N]\n"
		"                     [--known TAGS] [--avoid TAGS] [--verbose]\n"
		"       landlock-fuzz --replay FILE... [--fs NAME:DIR]... [--verbose]\n"
		"       landlock-fuzz --shrink FILE [--fs NAME:DIR]... [--out DIR]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	char **files = NULL, *shrink_path = NULL;
	int i, nfiles = 0, ret;

	if (argc == 3 && !strcmp(argv[1], "--worker"))
		return worker_resume(argv[2]);
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(a, "--verbose")) {
			cfg.verbose = true;
		} else if (!strcmp(a, "--dry")) {
			cfg.dry = true;
			cfg.env.abi = 12; /* what our kernel reports */
			cfg.env.root = true;
		} else if (!strcmp(a, "--profile")) {
			cfg.profile = true;
		} else if (!strcmp(a, "--concurrent")) {
			cfg.concurrent = true;
		} else if (!strcmp(a, "--replay")) {
			files = argv + i + 1;
			while (i + 1 < argc && strncmp(argv[i + 1], "--", 2)) {
				i++;
				nfiles++;
			}
		} else if (!v) {
			print_usage();
		} else if (!strcmp(a, "--shrink")) {
			shrink_path = argv[++i];
		} else if (!strcmp(a, "--seed")) {
			cfg.seed = strtoull(v, NULL, 0), i++;
		} else if (!strcmp(a, "--ops")) {
			cfg.ops = strtol(v, NULL, 0), i++;
		} else if (!strcmp(a, "--scenario-ops")) {
			cfg.scenario_ops = strtol(v, NULL, 0), i++;
		} else if (!strcmp(a, "--out")) {
			cfg.out = v, i++;
		} else if (!strcmp(a, "--shrink-runs")) {
			cfg.shrink_runs = strtol(v, NULL, 0), i++;
		} else if (!strcmp(a, "--known")) {
			cfg.known = parse_tags(v);
			i++;
		} else if (!strcmp(a, "--avoid")) {
			cfg.avoid = parse_tags(v);
			i++;
		} else if (!strcmp(a, "--fs")) {
			if (add_fs(v))
				print_usage();
			i++;
		} else {
			print_usage();
		}
	}
	if (!cfg.dry && exec_setup(&cfg.env)) {
		fprintf(stderr,
			"landlock-fuzz: cannot set up (Landlock enabled? ABI %d)\n",
			cfg.env.abi);
		return 2;
	}
	/* Replays may always use a tmpfs; fuzzing, the file systems asked. */
	if ((nfiles || shrink_path || !cfg.nfs) && !fs_for("tmpfs"))
		add_fs("tmpfs");
	if (shrink_path)
		ret = shrink_file(shrink_path);
	else
		ret = nfiles ? run_replays(files, nfiles) : run_fuzzing();
	for (i = 0; i < cfg.nfs; i++)
		if (cfg.fs[i].own_tmpfs)
			rmdir(cfg.fs[i].dir);
	return ret;
}
