/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Landlock differential fuzzer: the shrinker of diverging scenarios.
 */

#ifndef _LANDLOCK_FUZZ_SHRINK_H
#define _LANDLOCK_FUZZ_SHRINK_H

#include "fuzz.h"

/* Whether a candidate still shows the divergence being shrunk. */
typedef bool shrink_test(const struct scenario *sc, void *ctx);

/* Removes items while test() holds, within budget runs; returns the runs. */
int shrink(struct scenario *sc, shrink_test *test, void *ctx, int budget);

#endif /* _LANDLOCK_FUZZ_SHRINK_H */
