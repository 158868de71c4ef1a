#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Runs in the debug UML guest (as root) after the selftests: two kmemleak
# scans with a pause (an object must stay unreferenced for 5 s and be seen by
# two scans to be reported), then writes what kmemleak reports to OUT (empty:
# no leak), or "kmemleak-unavailable: REASON".
set -uo pipefail

out="$1"
kml=/sys/kernel/debug/kmemleak
mountpoint -q /sys/kernel/debug ||
	mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
if [[ ! -w "$kml" ]]; then
	echo "kmemleak-unavailable: no $kml" >"$out"
	exit 0
fi
# Let the last test's RCU callbacks and deferred frees run first.
sleep 2
for i in 1 2; do
	if ! echo scan >"$kml" 2>/dev/null; then
		echo "kmemleak-unavailable: scan failed (disabled?)" >"$out"
		exit 0
	fi
	((i == 1)) && sleep 6
done
cat "$kml" >"$out"
echo "[guest-kmemleak] $(grep -c 'unreferenced object' "$out") suspected leak(s)"
