#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The debug UML kernel: build/um-debug/linux, configured like build/um/linux
# (allnoconfig + security/landlock/.kunitconfig + harness/configs/*.config)
# plus harness/configs/um-debug/*.config (KASAN, lockdep, PROVE_RCU,
# DEBUG_OBJECTS, kmemleak, UBSAN, DEBUG_VM, DEBUG_LIST...).
#
#   debug.sh build   configure (when the fragments changed) and build
#   debug.sh check   boot it once: every selftest as root, then as uid 65534,
#                    then two kmemleak scans; print a table and the line
#                    "debug: N passed, N failed, N skipped" (counts also in
#                    build/logs/debug.counts).  Fails on a failed test, a
#                    kernel splat (KASAN, lockdep, UBSAN, ODEBUG, WARNING...)
#                    or a kmemleak report.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$HARNESS/judge.sh"

DEBUG_OUT="$BUILD/um-debug"
DEBUG_BIN="$DEBUG_OUT/linux"
FRAGMENTS=("$TREE/security/landlock/.kunitconfig" "$HARNESS"/configs/*.config
	"$HARNESS"/configs/um-debug/*.config)

# UML has no UBSAN_SANITIZE_ALL: instrument our objects and those of the
# files patches/ touch.
ubsan_vars() {
	local f objs=()
	for f in "$ROOT"/security/landlock/*.c; do
		[[ -e "$f" ]] && objs+=("$(basename "$f" .c)")
	done
	for f in $(sed -n 's|^+++ b/\(.*\)\.c\([[:space:]].*\)\?$|\1|p' \
		"$ROOT"/patches/*.patch 2>/dev/null); do
		objs+=("$(basename "$f")")
	done
	for f in $(printf '%s\n' "${objs[@]}" | sort -u); do
		printf 'UBSAN_SANITIZE_%s.o=y\n' "$f"
	done
}

KMAKE=(make -C "$TREE" O="$DEBUG_OUT" ARCH=um CC="ccache gcc" -j"$JOBS")

build() {
	[[ -f "$TREE/Makefile" ]] || die "no tree in $TREE (run 'make tree')"
	kconfig_merge "$TREE" "$DEBUG_OUT" um "${FRAGMENTS[@]}"
	log "debug: building $DEBUG_BIN"
	mapfile -t ubsan < <(ubsan_vars)
	"${KMAKE[@]}" "${ubsan[@]}"
	kconfig_verify "$DEBUG_OUT/.config" "${FRAGMENTS[@]}"
	[[ -x "$DEBUG_BIN" ]] || die "debug: $DEBUG_BIN not built"
	log "debug: $DEBUG_BIN ready"
}

# Boots the debug kernel with guest-init.sh (same job protocol as
# uml-run.sh) and runs CMD as root.  Console: $LOGS/NAME.log.
boot() {
	local name="$1" cmd="$2"
	local job marker console status
	mkdir -p "$LOGS" "$BUILD/run"
	job="$(mktemp "$BUILD/run/job.XXXXXX")"
	marker="HARNESS-EXIT-$(basename "$job")-$RANDOM$RANDOM"
	console="$LOGS/$name.log"
	printf '%s\n' "$cmd" >"$job.cmd"
	{
		printf 'JOB_ROOT=%q\n' "$ROOT"
		printf 'JOB_CMD_FILE=%q\n' "$job.cmd"
		printf 'JOB_USER=0\n'
		printf 'JOB_MARKER=%q\n' "$marker"
	} >"$job"
	# kmemleak needs memory for its own metadata: 1G, not 512M.
	local cmdline=(
		rootfstype=hostfs rootflags=/ rw mem=1G
		init="$HARNESS/guest-init.sh" con=null con0=fd:0,fd:1
		quiet panic_on_warn=1 oops=panic
		HARNESS_JOB="$job"
	)
	log "debug: booting $DEBUG_BIN (console: $console)"
	set +e
	TMPDIR="${TMPDIR:-/tmp}" setsid --wait timeout -k 10 \
		"${UML_TIMEOUT:-2400}" "$DEBUG_BIN" "${cmdline[@]}" \
		</dev/null >"$console" 2>&1
	set -e
	rm -f "$job" "$job.cmd"
	status="$(tr -d '\r' <"$console" |
		sed -n "s/^$marker: \([0-9][0-9]*\)\$/\1/p" | tail -n1)"
	echo "${status:-none}"
}

check() {
	[[ -x "$DEBUG_BIN" ]] || die "debug: $DEBUG_BIN missing (run 'make kernel-debug')"
	local start results counts
	start=$(date +%s)
	results="$LOGS/debug"
	counts="$LOGS/debug.counts"
	rm -rf "$results" "$counts"
	mkdir -p "$results"

	# Selftests: built by "make check-uml" too; tolerate a failed build here,
	# a missing binary is counted below.
	bash "$HARNESS/selftests.sh" || log "debug: some selftests could not be built"

	local expected=() present=() c bin
	for c in "$ROOT"/tools/testing/selftests/landlock/*_test.c; do
		[[ -e "$c" ]] || continue
		bin="$(basename "$c" .c)"
		# boot_disabled_test needs lsm=capability: check-uml runs it.
		[[ "$bin" == boot_disabled_test ]] && continue
		expected+=("$bin")
		[[ -x "$SELFTESTS_OUT/$bin" ]] && present+=("$bin")
	done

	local guest_cmd status
	guest_cmd="$(printf '%q ' bash "$HARNESS/guest-selftests.sh" \
		--bindir "$SELFTESTS_OUT" --logdir "$results" \
		--users "root nobody" -- "${present[@]}")"
	guest_cmd+="; $(printf '%q ' bash "$HARNESS/guest-kmemleak.sh" \
		"$results/kmemleak.txt")"
	status="$(boot debug "$guest_cmd")"

	local passed failed skipped problems table user
	judge_init
	[[ "$status" == 0 ]] ||
		problem "boot: guest exit status '$status' (see $LOGS/debug.log)"
	for user in root nobody; do
		for bin in "${expected[@]}"; do
			judge "debug/$user" "$bin" "$results/$user/$bin.tap" \
				"$(cat "$results/$user/$bin.rc" 2>/dev/null || true)"
		done
	done
	judge_kmemleak "$results/kmemleak.txt"
	local f
	for f in "$LOGS/debug.log" "$results/dmesg.log"; do
		[[ -f "$f" ]] && filter_known_splats "$f" >"$f.filtered"
	done
	judge_splats "$LOGS/debug.log.filtered" "$results/dmesg.log.filtered"

	echo
	echo "=== debug kernel ($DEBUG_BIN): kselftests (logs: $results/USER/BINARY.tap)"
	printf '%s\n' "${table[@]}"
	if ((${#problems[@]} > 0)); then
		echo "=== Problems (debug kernel)"
		printf '  %s\n' "${problems[@]}"
	fi
	echo "=== debug check took $(($(date +%s) - start)) s"
	echo "$passed $failed $skipped" >"$counts"
	echo "debug: $passed passed, $failed failed, $skipped skipped"
	((failed == 0))
}

case "${1:-build}" in
build) build ;;
check) check ;;
*) die "usage: $0 [build|check]" ;;
esac
