#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# "make check": every test and every gate, one after the other, each run even
# if an earlier one failed:
#
#   check-uml     KUnit, then the kselftests on UML as root and as uid 65534,
#                 and boot_disabled_test with lsm=capability
#   check-fuzz    the smoke slice of the differential fuzzer (fixed seeds,
#                 regression scenarios), as root and as uid 65534
#   check-debug   the kselftests on the debug UML kernel (KASAN, lockdep,
#                 kmemleak, UBSAN...)
#   lint          checkpatch, W=1, sparse, clang-format, kernel-doc, coccicheck
#   check-distro  W=1 build of our code in Debian's amd64 configuration
#   series-check  the patch series (harness/series.sh) applied to the
#                 tarball gives build/linux
#   check-x86     the kselftests (64 and 32-bit) on x86_64 under QEMU
#
# The debug and x86_64 kernels are built in the background while the parts
# before theirs run (see start_prebuilds).  Prints a line per part, then as
# the last line the sums of the parts ("N passed, N failed, N skipped":
# tests for the kernels, steps for lint and check-distro), also written to
# build/logs/check-all.txt.  Exits non-zero if any part failed.
# CHECK_PARTS="check-uml lint" runs a subset.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

read -ra parts <<<"${CHECK_PARTS:-check-uml check-fuzz check-debug lint check-distro series-check check-x86}"
summary_file="$LOGS/check-all.txt"
mkdir -p "$LOGS"
rm -f "$summary_file"

# The counts line of a part: its own file where it writes one, else the last
# "[name: ]N passed, N failed[, N skipped]" line of its output.
counts_of() {
	local part="$1" out="$2" line
	case "$part" in
	check-uml) line="$(cat "$LOGS/check-summary.txt" 2>/dev/null)" ;;
	check-debug) line="$(cat "$LOGS/debug.counts" 2>/dev/null)" ;;
	check-x86) line="$(cat "$LOGS/x86.counts" 2>/dev/null)" ;;
	*) line="$(grep -E '[0-9]+ passed, [0-9]+ failed' "$out" | tail -n1)" ;;
	esac
	# "P F S" (counts files) or "...P passed, F failed[, S skipped]".
	if [[ "$line" =~ ([0-9]+)\ passed,\ ([0-9]+)\ failed(,\ ([0-9]+)\ skipped)? ]]; then
		echo "${BASH_REMATCH[1]} ${BASH_REMATCH[2]} ${BASH_REMATCH[4]:-0}"
	elif [[ "$line" =~ ^([0-9]+)\ ([0-9]+)\ ([0-9]+)$ ]]; then
		echo "$line"
	fi
}

# The kernels of the later parts are built in the background, one after the
# other with one job, while the earlier parts run: their guests (UML, and
# the tests between builds) keep one CPU busy, so a cold make check gets
# the other one for compiling.  A part waits for its kernel before it
# starts; if that build failed, the part's own make builds again and
# reports the failure.
prebuild_pid=
prebuild_dir="$LOGS/prebuild"
start_prebuilds() {
	local part jobs=()

	for part in "${parts[@]}"; do
		case "$part" in
		check-debug) jobs+=("debug.sh") ;;
		check-x86) jobs+=("x86.sh") ;;
		esac
	done
	((${#jobs[@]} > 0)) || return 0
	rm -rf "$prebuild_dir"
	mkdir -p "$prebuild_dir"
	# One tree for every build: prepared here, before any of them starts.
	make -C "$ROOT" --no-print-directory tree || return 0
	# Its own process group (setsid), so that it can be stopped whole.
	# shellcheck disable=SC2016 # expanded by the inner shell
	setsid bash -c 'dir="$1" harness="$2"; shift 2
		for job; do
			JOBS=1 nice bash "$harness/$job" build \
				>"$dir/$job.log" 2>&1
			touch "$dir/$job.done"
		done' prebuild "$prebuild_dir" "$HARNESS" "${jobs[@]}" &
	prebuild_pid=$!
	log "check: building ${jobs[*]%.sh} kernels in the background" \
		"(logs: $prebuild_dir)"
}

wait_prebuild() {
	local job

	case "$1" in
	check-debug) job=debug.sh ;;
	check-x86) job=x86.sh ;;
	*) return 0 ;;
	esac
	[[ -n "$prebuild_pid" ]] || return 0
	while [[ ! -e "$prebuild_dir/$job.done" ]] &&
		kill -0 "$prebuild_pid" 2>/dev/null; do
		sleep 5
	done
}

trap '[[ -z "$prebuild_pid" ]] || kill -- "-$prebuild_pid" 2>/dev/null' EXIT
start_prebuilds

total_pass=0
total_fail=0
total_skip=0
status=0
rows=()
for part in "${parts[@]}"; do
	out="$LOGS/check-all-$part.log"
	rm -f "$LOGS/check-summary.txt" "$LOGS/debug.counts" "$LOGS/x86.counts"
	wait_prebuild "$part"
	start=$(date +%s)
	log "check: make $part"
	make -C "$ROOT" --no-print-directory "$part" 2>&1 | tee "$out"
	rc=${PIPESTATUS[0]}
	secs=$(($(date +%s) - start))
	counts="$(counts_of "$part" "$out")"
	if [[ -z "$counts" ]]; then
		# It stopped before counting anything (a build failed...).
		counts="0 1 0"
	fi
	read -r p f s <<<"$counts"
	if ((rc != 0 && f == 0)); then
		f=1
	fi
	((rc == 0 && f == 0)) || status=1
	total_pass=$((total_pass + p))
	total_fail=$((total_fail + f))
	total_skip=$((total_skip + s))
	rows+=("$(printf '%-13s %6d %6d %6d %6ss  %s' "$part" "$p" "$f" "$s" \
		"$secs" "$([[ $rc == 0 && $f == 0 ]] && echo ok || echo FAIL)")")
done

echo
echo "=== make check (logs: $LOGS/check-all-PART.log)"
printf '%-13s %6s %6s %6s %7s  %s\n' PART PASS FAIL SKIP TIME RESULT
printf '%s\n' "${rows[@]}"
summary="$total_pass passed, $total_fail failed, $total_skip skipped"
echo "$summary" >"$summary_file"
echo "$summary"
exit "$status"
