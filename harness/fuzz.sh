#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# "make fuzz" and part check-fuzz of "make check": the differential fuzzer
# of tools/testing/selftests/landlock/fuzz/ (Landlock against a reference
# model of its specification) in the UML guest.
#
#   fuzz.sh [fuzz|smoke]      (default: fuzz)
#
# fuzz   one boot: FUZZ_OPS operations (default 1000000) from FUZZ_SEED
#        (default: a random one, printed), on each file system of FUZZ_FS
#        (default "tmpfs ext4 xfs btrfs overlay") that the guest kernel
#        has (made on loop devices of the guest, an overlayfs on its tmpfs:
#        harness/guest-mounts.sh);
#        FUZZ_USER=nobody runs it as uid 65534, FUZZ_CONCURRENT=1 in
#        concurrency mode, FUZZ_ARGS adds options of
#        landlock-fuzz (e.g. "--known erratum3,erratum4").  Prints the
#        operations per second and the divergences; each one is written,
#        then shrunk, to build/fuzz/out/ as a scenario that
#        "landlock-fuzz --replay" runs again.
# smoke  what "make check" runs, about two minutes, in one boot: fixed seeds
#        (a sequential and a concurrent slice as root, a slice as uid
#        65534; FUZZ_SMOKE_OPS, default 1500, sets their size), 600000
#        operations of the model alone in concurrency mode and the
#        scenarios of fuzz/ambiguous/ (see --dry in main.c), and the
#        regression scenarios of fuzz/regressions/ as root and as uid
#        65534; one test per scenario; the last line is
#        "check-fuzz: N passed, N failed, N skipped".
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$HARNESS/judge.sh"

mode="${1:-fuzz}"
SRC="$ROOT/tools/testing/selftests/landlock/fuzz"
FUZZ_DIR="$BUILD/fuzz"
BIN="$FUZZ_DIR/landlock-fuzz"
OUT="$FUZZ_DIR/out"
FS_LIST="${FUZZ_FS:-tmpfs ext4 xfs btrfs overlay}"

build_fuzzer() {
	mkdir -p "$FUZZ_DIR"
	log "fuzz: building $BIN"
	env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS \
		make -s -C "$SRC" OUTPUT="$FUZZ_DIR" CC=gcc ||
		die "fuzz: the fuzzer does not build"
}

# The guest command: runs of the fuzzer, "USER ARGS..." separated by "---".
guest_cmd() {
	printf '%q ' bash "$HARNESS/guest-fuzz.sh" --bin "$BIN" \
		--fs "$FS_LIST" -- "$@"
}

boot() {
	local name="$1" cmd="$2"
	log "fuzz: boot '$name'"
	UML_USER=0 bash "$HARNESS/uml-run.sh" --log "$name" -- "$cmd" || true
}

prepare() {
	build_fuzzer
	rm -rf "$OUT"
	mkdir -p "$OUT"
	chmod 1777 "$OUT" "$FUZZ_DIR"
}

do_fuzz() {
	local seed="${FUZZ_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}"
	local ops="${FUZZ_OPS:-1000000}" user="${FUZZ_USER:-root}"
	local args=(--out "$OUT" --seed "$seed" --ops "$ops")
	local console="$LOGS/fuzz.log" summary
	[[ "${FUZZ_CONCURRENT:-0}" == 1 ]] && args+=(--concurrent)
	# shellcheck disable=SC2206 # FUZZ_ARGS is a list of options
	args+=(${FUZZ_ARGS:-})
	prepare
	log "fuzz: seed $seed, $ops operations, as $user, on: $FS_LIST"
	# A generous time limit: at least 50 operations per second.
	UML_TIMEOUT="${UML_TIMEOUT:-$((ops / 50 > 1800 ? ops / 50 : 1800))}" \
		boot fuzz "$(guest_cmd "$user" "${args[@]}")"
	summary="$(tr -d '\r' <"$console" | grep -E '^landlock-fuzz: [0-9]+ scenarios' | tail -n1)"
	echo
	echo "=== make fuzz: seed $seed, as $user (console: $console)"
	tr -d '\r' <"$console" | grep -E '^\[guest-fuzz\] skipping|DIVERGENCE|^# |wrote' || true
	[[ -n "$summary" ]] || die "fuzz: no summary (see $console)"
	echo "$summary"
	judge_init
	judge_splats "$console"
	((failed == 0)) || { printf '  %s\n' "${problems[@]}"; exit 1; }
	[[ "$summary" =~ \ 0\ divergences,.*\ 0\ errors ]]
}

# Sums the "N passed, N failed[, N skipped]" lines of the fuzzer's runs.
count_results() {
	local line p f s
	while IFS= read -r line; do
		[[ "$line" =~ ([0-9]+)\ passed,\ ([0-9]+)\ failed(,\ ([0-9]+)\ skipped)? ]] || continue
		p="${BASH_REMATCH[1]}" f="${BASH_REMATCH[2]}" s="${BASH_REMATCH[4]:-0}"
		passed=$((passed + p))
		failed=$((failed + f))
		skipped=$((skipped + s))
		runs=$((runs + 1))
	done < <(tr -d '\r' <"$1" | grep -E '^(landlock-fuzz|replay): [0-9]+ passed')
}

do_smoke() {
	local ops="${FUZZ_SMOKE_OPS:-1500}" runs_wanted=5 runs=0
	local regressions=() ambiguous=()
	local console="$LOGS/fuzz-smoke.log" common=(--out "$OUT" --shrink-runs 0)
	prepare
	mapfile -t regressions < <(find "$SRC/regressions" -name '*.scn' 2>/dev/null | sort)
	mapfile -t ambiguous < <(find "$SRC/ambiguous" -name '*.scn' | sort)
	# One boot (the file systems mounted once): fixed seeds as root,
	# sequential and concurrent, as uid 65534; the model alone in
	# concurrency mode (no operation that the generator must not make,
	# and the scenarios of such operations found as such); the regressions
	# as both users.
	local runs_args=(root "${common[@]}" --seed 1 --ops "$ops"
		--- root "${common[@]}" --seed 2 --ops $((ops / 6)) --concurrent
		--- nobody "${common[@]}" --seed 3 --ops $((ops * 3 / 5))
		--- root "${common[@]}" --seed 4 --ops $((ops * 400)) --concurrent --dry
		--- root --dry --replay "${ambiguous[@]}")
	if ((${#regressions[@]})); then
		runs_args+=(--- root --replay "${regressions[@]}"
			--- nobody --replay "${regressions[@]}")
		runs_wanted=7
	fi
	judge_init
	boot fuzz-smoke "$(guest_cmd "${runs_args[@]}")"
	count_results "$console"
	judge_splats "$console"
	tr -d '\r' <"$console" | grep -E 'DIVERGENCE|^FAIL|^# |error in' || true
	if ((runs != runs_wanted)); then
		problem "check-fuzz: $runs of $runs_wanted fuzzer runs reported (see $console)"
	fi
	((${#problems[@]} == 0)) || printf '  %s\n' "${problems[@]}"
	echo "check-fuzz: $passed passed, $failed failed, $skipped skipped"
	((failed == 0))
}

case "$mode" in
fuzz) do_fuzz ;;
smoke) do_smoke ;;
*) die "usage: fuzz.sh [fuzz|smoke]" ;;
esac
