#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The debug UML kernel: build/um-debug/linux, configured like build/um/linux
# (allnoconfig + security/landlock/.kunitconfig + harness/configs/*.config)
# plus harness/configs/um-debug/*.config (KASAN, lockdep, PROVE_RCU,
# DEBUG_OBJECTS, kmemleak, UBSAN, DEBUG_VM, DEBUG_LIST...).
#
#   debug.sh build   configure (when the fragments changed) and build
#   debug.sh check   boot it once: every selftest as root, then as uid 65534,
#                    then a soak of SOAK_SECONDS seconds (60 by default,
#                    0 for none; counted as one test), then two kmemleak
#                    scans; print a table and the line "debug: N passed,
#                    N failed, N skipped" (counts also in
#                    build/logs/debug.counts).
#                    Fails on a failed test, a kernel splat (KASAN, lockdep,
#                    UBSAN, ODEBUG, WARNING, a hung task...) or a kmemleak
#                    report.  DEBUG_TESTS="a_test b_test" runs only those
#                    selftests (a quicker run while working on them).
#   debug.sh soak [DURATION]
#                    boot it for the soak test only (DURATION: 600, 90s,
#                    10m or 1h; default 10m): tools/testing/selftests/
#                    landlock/soak/soak.c, many processes and threads
#                    sandboxing themselves and acting across domains, then
#                    the kmemleak scans; same verdicts.
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

SOAK_SRC="$ROOT/tools/testing/selftests/landlock/soak/soak.c"
SOAK_BIN="$BUILD/soak/soak"
# The guest's hung task timeout during the soak (the config's is 30 s).
SOAK_HUNG_S=20

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

build_soak() {
	[[ -f "$HDR_DIR/linux/landlock.h" ]] || die "no headers in $HDR_DIR (run 'make headers')"
	mkdir -p "$(dirname "$SOAK_BIN")"
	gcc -static -O2 -Wall -Wextra -Wno-unused-parameter -Werror \
		-isystem "$HDR_DIR" -o "$SOAK_BIN" "$SOAK_SRC" -lpthread
}

# The guest command running the soak for $1 seconds: output and exit
# status in $2/soak.txt and soak.rc, kernel log then in $2/dmesg-soak.log.
soak_cmd() {
	printf 'echo %d >/proc/sys/kernel/hung_task_timeout_secs; ' "$SOAK_HUNG_S"
	printf '%q %d >%q 2>&1; echo $? >%q; ' "$SOAK_BIN" "$1" \
		"$2/soak.txt" "$2/soak.rc"
	printf 'dmesg >%q 2>&1' "$2/dmesg-soak.log"
}

# judge_soak DIR: one test, passed if the soak exited with 0.
judge_soak() {
	local rc fmt='%-16s %-24s %5s %5s %5s %5s  %s'
	rc="$(cat "$1/soak.rc" 2>/dev/null || true)"
	grep '^soak: total' "$1/soak.txt" 2>/dev/null || true
	if [[ "$rc" == 0 ]]; then
		passed=$((passed + 1))
		table+=("$(printf "$fmt" debug/root soak 1 0 0 0 ok)")
	else
		problem "soak: exit status '${rc:-none}' (see $1/soak.txt)"
		table+=("$(printf "$fmt" debug/root soak 0 1 0 "${rc:--}" FAIL)")
	fi
}

# judge_kernel DIR CONSOLE: kmemleak report and splats of the console and
# of the kernel logs saved in DIR.
judge_kernel() {
	local f files=("$2" "$1/dmesg.log" "$1/dmesg-soak.log")
	judge_kmemleak "$1/kmemleak.txt"
	for f in "${files[@]}"; do
		[[ -f "$f" ]] && filter_known_splats "$f" >"$f.filtered"
	done
	judge_splats "${files[@]/%/.filtered}"
}

# Seconds of a duration: N, Ns, Nm or Nh.
seconds_of() {
	case "$1" in
	*[0-9]s | *[0-9]) echo "${1%s}" ;;
	*[0-9]m) echo $((${1%m} * 60)) ;;
	*[0-9]h) echo $((${1%h} * 3600)) ;;
	*) die "debug: bad duration '$1' (N, Ns, Nm or Nh)" ;;
	esac
}

soak() {
	[[ -x "$DEBUG_BIN" ]] || die "debug: $DEBUG_BIN missing (run 'make kernel-debug')"
	local secs start results status passed failed skipped problems table
	secs="$(seconds_of "${1:-10m}")"
	start=$(date +%s)
	results="$LOGS/soak"
	rm -rf "$results"
	mkdir -p "$results"
	build_soak
	status="$(UML_TIMEOUT=$((secs + 900)) boot soak "$(soak_cmd "$secs" "$results")
$(printf '%q ' bash "$HARNESS/guest-kmemleak.sh" "$results/kmemleak.txt")")"
	judge_init
	[[ "$status" == 0 ]] ||
		problem "boot: guest exit status '$status' (see $LOGS/soak.log)"
	judge_soak "$results"
	judge_kernel "$results" "$LOGS/soak.log"
	cat "$results/soak.txt" 2>/dev/null || true
	if ((${#problems[@]} > 0)); then
		echo "=== Problems (soak)"
		printf '  %s\n' "${problems[@]}"
	fi
	echo "=== soak took $(($(date +%s) - start)) s"
	echo "soak: $passed passed, $failed failed, $skipped skipped"
	((failed == 0))
}

check() {
	[[ -x "$DEBUG_BIN" ]] || die "debug: $DEBUG_BIN missing (run 'make kernel-debug')"
	local start results counts soak_s=${SOAK_SECONDS:-60}
	start=$(date +%s)
	results="$LOGS/debug"
	counts="$LOGS/debug.counts"
	rm -rf "$results" "$counts"
	mkdir -p "$results"

	# Selftests: built by "make check-uml" too; tolerate a failed build here,
	# a missing binary is counted below.
	bash "$HARNESS/selftests.sh" || log "debug: some selftests could not be built"
	build_soak

	local expected=() present=() c bin
	for c in "$ROOT"/tools/testing/selftests/landlock/*_test.c; do
		[[ -e "$c" ]] || continue
		bin="$(basename "$c" .c)"
		# boot_disabled_test needs lsm=capability: check-uml runs it.
		[[ "$bin" == boot_disabled_test ]] && continue
		# DEBUG_TESTS="a_test b_test": only these (while working on them).
		[[ -z "${DEBUG_TESTS:-}" || " $DEBUG_TESTS " == *" $bin "* ]] ||
			continue
		expected+=("$bin")
		[[ -x "$SELFTESTS_OUT/$bin" ]] && present+=("$bin")
	done

	local guest_cmd status
	guest_cmd="$(printf '%q ' bash "$HARNESS/guest-selftests.sh" \
		--bindir "$SELFTESTS_OUT" --logdir "$results" \
		--users "root nobody" -- "${present[@]}")"
	if ((soak_s > 0)); then
		guest_cmd+="; $(soak_cmd "$soak_s" "$results")"
	fi
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
	if ((soak_s > 0)); then
		judge_soak "$results"
	fi
	judge_kernel "$results" "$LOGS/debug.log"

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
soak) soak "${2:-}" ;;
*) die "usage: $0 [build|check|soak [DURATION]]" ;;
esac
