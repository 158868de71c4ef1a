#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Runs Landlock's KUnit tests with kunit.py in build/kunit, and writes the
# counts to build/logs/kunit.counts as "passed failed skipped".  Zero tests
# (none written yet) is not a failure.  Exits non-zero if a test failed or
# crashed, or if the run went wrong.
#
# The KUnit kernel has the same config as build/um/linux (allnoconfig +
# security/landlock/.kunitconfig + harness/configs/*.config): it is
# built from ccache once build/um/linux is built (run "kernel.sh" first).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

[[ -f "$TREE/Makefile" ]] || die "no tree in $TREE (run 'make tree')"
landlock_kunitconfig="$TREE/security/landlock/.kunitconfig"
[[ -f "$landlock_kunitconfig" ]] || die "no security/landlock/.kunitconfig"

mkdir -p "$LOGS" "$KUNIT_OUT"
out="$LOGS/kunit.log"
counts="$LOGS/kunit.counts"
rm -f "$counts"

# The kunitconfig: the full config of build/um/linux, which already has
# security/landlock/.kunitconfig merged in (see kernel.sh).  kunit.py adds
# its configs/arch_uml.config (virtio PCI, which WARNs at boot without a
# device): say "not set" for what our config lacks.
uml_config="$UML_OUT/.config"
[[ -f "$uml_config" ]] || die "no $uml_config (run 'make kernel')"
grep -q '^CONFIG_SECURITY_LANDLOCK_KUNIT_TEST=y' "$uml_config" ||
	die "kunit: CONFIG_SECURITY_LANDLOCK_KUNIT_TEST is not enabled"
kconf_dir="$BUILD/kunit-config"
mkdir -p "$kconf_dir"
{
	cat "$uml_config"
	sed -n 's/^\(CONFIG_[A-Za-z0-9_]*\)=.*/\1/p' \
		"$TREE/tools/testing/kunit/configs/arch_uml.config" |
		while read -r sym; do
			grep -q "^$sym=\|^# $sym is not set" "$uml_config" ||
				echo "# $sym is not set"
		done
} >"$kconf_dir/.kunitconfig"

log "kunit: building and running (build dir $KUNIT_OUT, log $out)"
set +e
(cd "$TREE" && python3 tools/testing/kunit/kunit.py run \
	--kunitconfig "$kconf_dir" --build_dir="$KUNIT_OUT" \
	--jobs "$JOBS" --timeout 600 --make_options "CC=ccache gcc" \
	</dev/null) 2>&1 | tee "$out"
status=${PIPESTATUS[0]}
set -e

# "Testing complete. Ran 12 tests: passed: 11, failed: 1" (zero counts are
# left out of the line).
summary="$(sed 's/\x1b\[[0-9;]*m//g' "$out" |
	grep -o 'Testing complete\. Ran [0-9]* tests.*' | tail -n1 || true)"
count() {
	local n
	n="$(grep -o "$1: [0-9]*" <<<"$summary" | grep -o '[0-9]*$' || true)"
	echo "${n:-0}"
}
if [[ -z "$summary" ]]; then
	log "kunit: no summary line from kunit.py (status $status)"
	echo "0 1 0" >"$counts"
	exit 1
fi
total="$(grep -o 'Ran [0-9]*' <<<"$summary" | grep -o '[0-9]*')"
passed="$(count passed)"
failed=$(($(count failed) + $(count crashed)))
skipped="$(count skipped)"
errors="$(count errors)"

raw="$KUNIT_OUT/test.log"
if ((total == 0)) && [[ -f "$raw" ]] && grep -q '^\(.*\] \)\?1\.\.0$' "$raw" &&
	! grep -q 'Kernel panic' "$raw"; then
	# The kernel ran and reported an empty plan: no test written yet.
	log "kunit: no KUnit test (yet)"
	echo "0 0 0" >"$counts"
	exit 0
fi
if ((errors > 0 && failed == 0)); then
	failed=1
fi
echo "$passed $failed $skipped" >"$counts"
log "kunit: $passed passed, $failed failed, $skipped skipped (kunit.py status $status)"
if ((status != 0 || failed > 0)); then
	exit 1
fi
