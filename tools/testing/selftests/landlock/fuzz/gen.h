/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Landlock differential fuzzer: the generator of random scenarios.
 */

#ifndef _LANDLOCK_FUZZ_GEN_H
#define _LANDLOCK_FUZZ_GEN_H

#include "model.h"

struct gen {
	struct rng rng;
	struct env env;
	bool concurrent;
	int phase; /* enum phase of gen.c */
	int left; /* items left in the phase */
	int ports[6]; /* the ports the scenario uses */
	int templates; /* declared templates: L0 to L(templates - 1) */
	int ops; /* worker operations to generate */
	int actor; /* the worker of the last operation */
	int avoid; /* TAG_*: what not to generate (--avoid) */
	int queue_n, queue_i; /* items of a phase, given one by one */
	struct op queue[32];
};

void gen_init(struct gen *g, uint64_t seed, const struct env *env,
	      bool concurrent, int ops);
/* The next item, given the model's state; false at the end. */
bool gen_next(struct gen *g, const struct model *m, struct op *op);

#endif /* _LANDLOCK_FUZZ_GEN_H */
