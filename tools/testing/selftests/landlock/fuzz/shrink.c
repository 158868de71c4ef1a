// SPDX-License-Identifier: GPL-2.0
/*
 * Landlock differential fuzzer: the shrinker.
 *
 * Delta debugging (ddmin) on the items of a scenario: remove chunks, halve
 * the chunks while nothing can go, and end with single items.  Any item may
 * go (declarations, rules, controller actions, operations): the model and
 * the executor give a defined result to an operation whose worker, slot or
 * handle no longer exists, and the test replays the whole candidate on a
 * fresh tree.
 */

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "shrink.h"

/* The scenario without items [from, to). */
static void without(const struct scenario *sc, int from, int to,
		    struct scenario *out)
{
	memcpy(out, sc, offsetof(struct scenario, items));
	memcpy(out->items, sc->items, sizeof(sc->items[0]) * from);
	memcpy(out->items + from, sc->items + to,
	       sizeof(sc->items[0]) * (sc->n - to));
	out->n = sc->n - (to - from);
}

int shrink(struct scenario *sc, shrink_test *test, void *ctx, int budget)
{
	struct scenario *cand = malloc(sizeof(*cand));
	int chunks = 2, runs = 0;

	if (!cand)
		return 0;
	while (sc->n > 1 && runs < budget) {
		int size = (sc->n + chunks - 1) / chunks, from;
		bool removed = false;

		/* From the end: late items depend on early ones, not back. */
		for (from = sc->n - size; from > -size && runs < budget;
		     from -= size) {
			int start = from < 0 ? 0 : from;

			without(sc, start, from + size, cand);
			runs++;
			if (test(cand, ctx)) {
				memcpy(sc, cand, sizeof(*sc));
				removed = true;
			}
		}
		if (!removed && size == 1)
			break;
		if (removed)
			chunks = chunks > 2 ? chunks - 1 : 2;
		else
			chunks = chunks * 2 > sc->n ? sc->n : chunks * 2;
	}
	free(cand);
	return runs;
}
