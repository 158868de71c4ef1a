// SPDX-License-Identifier: GPL-2.0-only
/*
 * Landlock: domain and ruleset IDs
 *
 * Each layer of a domain gets a 64-bit ID when it is created.  Audit
 * records name domains by these IDs, and /proc/PID/attr/landlock/current
 * shows them, so that a denial in the log can be tied to the processes
 * that run in the domain.  IDs are allocated whether or not the kernel
 * has audit support.  Rulesets get IDs of their own, which only the
 * tracepoints show.
 */

#include <linux/atomic.h>
#include <linux/bits.h>
#include <linux/init.h>
#include <linux/random.h>

#include "id.h"

/* Next domain ID; starts at an unpredictable value, see init_domain_ids(). */
static atomic64_t next_domain_id = ATOMIC64_INIT(1ULL << 32);

/**
 * landlock_new_domain_id - Allocate a domain ID
 *
 * IDs are never reused: 2^64 IDs last for centuries at any allocation
 * rate.
 *
 * Return: an ID greater than every ID allocated before.
 */
u64 landlock_new_domain_id(void)
{
	return atomic64_inc_return(&next_domain_id);
}

/* Next ruleset ID: only the tracepoints show them. */
static atomic64_t next_ruleset_id = ATOMIC64_INIT(0);

/**
 * landlock_new_ruleset_id - Allocate a ruleset ID
 *
 * Rulesets are named by an ID rather than by their address, which the
 * kernel hashes when it prints it, into a useless "(____ptrval____)" as
 * long as the random pool is not ready, and which a later ruleset may
 * reuse.
 *
 * Return: an ID greater than every ruleset ID allocated before.
 */
u64 landlock_new_ruleset_id(void)
{
	return atomic64_inc_return(&next_ruleset_id);
}

/*
 * The first ID is random, so that an ID does not tell how many domains
 * were created since boot: every bit of it, down to the lowest, or the
 * low bits would count the domains modulo a power of two.  It is between
 * 2^32 and 2^32 + 2^40, far from 0 and from wrapping around.  Seeded at
 * the end of the boot, which gives the random pool time to gather
 * entropy.
 */
static int __init init_domain_ids(void)
{
	atomic64_set(&next_domain_id,
		     (1ULL << 32) + (get_random_u64() & GENMASK_ULL(39, 0)));
	return 0;
}
late_initcall(init_domain_ids);
