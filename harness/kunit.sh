#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Runs Landlock's KUnit tests and writes the counts to
# build/logs/kunit.counts as "passed failed skipped".  Exits non-zero if a
# test failed or crashed, or if the run went wrong.
#
# The tests are built into build/um/linux (kernel.sh merges
# security/landlock/.kunitconfig into its config) and stay idle unless the
# kernel is booted with kunit.enable=1: this boots it so, has the guest
# write the kernel log (where the suites printed their KTAP results) and
# parses it with kunit.py.  No second kernel is built for KUnit.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

[[ -f "$TREE/Makefile" ]] || die "no tree in $TREE (run 'make tree')"
[[ -x "$UML_BIN" ]] || die "kunit: $UML_BIN missing (run 'make kernel')"
grep -q '^CONFIG_SECURITY_LANDLOCK_KUNIT_TEST=y' "$UML_OUT/.config" ||
	die "kunit: CONFIG_SECURITY_LANDLOCK_KUNIT_TEST is not enabled"

mkdir -p "$LOGS"
out="$LOGS/kunit.log"
raw="$LOGS/kunit-ktap.log"
counts="$LOGS/kunit.counts"
rm -f "$counts" "$raw"

log "kunit: booting $UML_BIN with kunit.enable=1 (log $out)"
if ! bash "$HARNESS/uml-run.sh" --log kunit-boot --quiet \
	--append kunit.enable=1 -- "dmesg >$raw"; then
	log "kunit: the boot failed (see $LOGS/kunit-boot.log)"
	echo "0 1 0" >"$counts"
	exit 1
fi

set +e
(cd "$TREE" && python3 tools/testing/kunit/kunit.py parse "$raw" \
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
total="$(grep -o 'Ran [0-9]*' <<<"$summary" | grep -o '[0-9]*' || true)"
if [[ -z "$summary" ]] || ((total == 0)); then
	# Landlock has KUnit tests: none run is a failure.
	log "kunit: no test result in $raw (kunit.py status $status)"
	echo "0 1 0" >"$counts"
	exit 1
fi
passed="$(count passed)"
failed=$(($(count failed) + $(count crashed)))
skipped="$(count skipped)"
if (($(count errors) > 0 && failed == 0)); then
	failed=1
fi
echo "$passed $failed $skipped" >"$counts"
log "kunit: $passed passed, $failed failed, $skipped skipped (kunit.py status $status)"
if ((status != 0 || failed > 0)); then
	exit 1
fi
