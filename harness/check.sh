#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The test run of "make check" (the kernel and the headers are built by the
# Makefile before this runs):
#  0. builds the selftests (harness/selftests.sh),
#  1. KUnit (harness/kunit.sh),
#  2. one boot with Landlock enabled: every selftest binary as root, then as
#     uid 65534 (harness/guest-selftests.sh); then the tests built on a
#     file layout (fs, refer, truncate, ioctl) again, as root, with their
#     working directory on ext4, xfs and btrfs (loop devices) and on
#     overlayfs,
#  3. one boot with lsm=capability (Landlock built but not enabled):
#     boot_disabled_test, if it exists,
#  4. two short boots, each printing the ID of its first domain (the
#     sandboxer running cat on its /proc/thread-self/attr/landlock/current):
#     the IDs must differ, as they start at a random value at each boot,
#  5. one boot for the guest-side checks, as root: the kernel and the guest
#     look like Debian (harness/guest-platform.sh), and Debian's auditd logs
#     the sandboxer's denials with mainline's records (guest-auditd.sh),
#  6. a summary: a table per binary, then as the last line
#     "N passed, N failed, N skipped".
# A crash (no "# Totals:" line), an unexpected exit status, a missing binary
# or a kernel splat (BUG:, WARNING:, Oops...) in a log count as failures.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

start=$(date +%s)
results="$LOGS/check"
summary_file="$LOGS/check-summary.txt"
rm -rf "$results" "$summary_file"
mkdir -p "$results"

passed=0
failed=0
skipped=0
problems=()

problem() {
	problems+=("$*")
	failed=$((failed + 1))
}

# The selftests are built here rather than by the Makefile, so that one that
# does not build is counted as a failure while the others still run.
log "check: building the selftests and the samples"
if ! bash "$HARNESS/selftests.sh"; then
	log "check: some selftests could not be built"
fi
if ! bash "$HARNESS/sandboxer.sh"; then
	log "check: the samples could not be built"
fi

# 1. KUnit
log "check: KUnit"
if ! bash "$HARNESS/kunit.sh"; then
	log "check: KUnit reported a failure"
fi
if read -r k_pass k_fail k_skip <"$LOGS/kunit.counts" 2>/dev/null; then
	passed=$((passed + k_pass))
	failed=$((failed + k_fail))
	skipped=$((skipped + k_skip))
	((k_fail == 0)) || problems+=("kunit: $k_fail failed (see $LOGS/kunit.log)")
else
	k_pass=0 k_fail=1 k_skip=0
	problem "kunit: no result"
fi

# Expected selftests: one per tools/testing/selftests/landlock/*_test.c.
expected=()
for c in "$ROOT"/tools/testing/selftests/landlock/*_test.c; do
	if [[ -e "$c" ]]; then
		expected+=("$(basename "$c" .c)")
	fi
done
present=()
for bin in "${expected[@]}"; do
	if [[ -x "$SELFTESTS_OUT/$bin" ]]; then
		present+=("$bin")
	fi
done

# boot NAME USERS APPEND ARG...: runs guest-selftests.sh in a fresh guest,
# with ARG... after its --bindir, --logdir and --users options.
boot() {
	local name="$1" users="$2" append="$3"
	shift 3
	local guest_cmd
	guest_cmd="$(printf '%q ' bash "$HARNESS/guest-selftests.sh" \
		--bindir "$SELFTESTS_OUT" --logdir "$results/$name" \
		--users "$users" "$@")"
	local args=(--log "check-$name")
	if [[ -n "$append" ]]; then
		args+=(--append "$append")
	fi
	log "check: boot '$name'${append:+ ($append)}: ${*:-no selftest}"
	if ! UML_USER=0 bash "$HARNESS/uml-run.sh" "${args[@]}" -- "$guest_cmd"; then
		problem "boot $name: the guest run failed (see $LOGS/check-$name.log)"
	fi
}

# The tests built on a file layout also run on disk file systems.
disks=(ext4 xfs btrfs overlay)
disk_bins=()
for bin in fs_test refer_test truncate_test ioctl_test; do
	if [[ " ${present[*]} " == *" $bin "* ]]; then
		disk_bins+=("$bin")
	fi
done
boot landlock "root nobody" "" --disks "${disks[*]}" \
	--disk-bins "${disk_bins[*]}" -- "${present[@]}"
disabled=()
if [[ -x "$SELFTESTS_OUT/boot_disabled_test" ]]; then
	disabled=(boot_disabled_test)
	boot lsm-off root "lsm=capability" -- boot_disabled_test
fi

# 4. The first domain ID of two boots.  Prints the ID, or nothing.
first_domain_id() {
	local name="$1" cmd
	cmd="$(printf 'LL_FS_RO=/ LL_FS_RW= %q /bin/cat %q' \
		"$SAMPLES_OUT/sandboxer" /proc/thread-self/attr/landlock/current)"
	UML_USER=0 bash "$HARNESS/uml-run.sh" --quiet --log "check-$name" \
		-- "$cmd" >/dev/null 2>&1 || return 0
	tr -d '\r' <"$LOGS/check-$name.log" |
		sed -n 's/^domain=\([0-9a-f]*\) .*/\1/p' | head -n1
}

log "check: boots 'ids-1' and 'ids-2': the ID of their first domain"
id1=""
id2=""
if [[ -x "$SAMPLES_OUT/sandboxer" ]]; then
	id1="$(first_domain_id ids-1)"
	id2="$(first_domain_id ids-2)"
fi
if [[ -n "$id1" && -n "$id2" && "$id1" != "$id2" ]]; then
	passed=$((passed + 1))
	ids_row=(1 0 0 - "ok ($id1, $id2)")
else
	problem "domain IDs: first domain of two boots: '$id1' and '$id2'" \
		"(see $LOGS/check-ids-1.log, check-ids-2.log)"
	ids_row=(0 1 0 - "FAIL ('$id1', '$id2')")
fi

# 5. The guest-side checks (each a TAP file, counted like a selftest).
mkdir -p "$results/system"
system_checks=(platform auditd)
boot system root "" \
	--check "platform:$(printf '%q ' sh "$HARNESS/guest-platform.sh" \
		--fs "ext4 xfs btrfs vfat")" \
	--check "auditd:$(printf '%q ' bash "$HARNESS/guest-auditd.sh" \
		"$SAMPLES_OUT/sandboxer" "$results/system/audit.log")" --

# 6. Results per binary
table=()
row() {
	table+=("$(printf '%-9s %-7s %-28s %5s %5s %5s %5s  %s' "$@")")
}
row BOOT USER BINARY PASS FAIL SKIP EXIT RESULT

# judge BOOT USER BINARY [check]: reads the results of one binary run (or
# of one guest-side check).
judge() {
	local name="$1" user="$2" bin="$3" kind="${4:-}"
	local tap="$results/$name/$user/$bin.tap"
	local rcfile="$results/$name/$user/$bin.rc"
	local totals rc p f xf xp s e bad

	if [[ "$kind" != check && ! -x "$SELFTESTS_OUT/${bin%@*}" ]]; then
		row "$name" "$user" "$bin" - - - - "FAIL (not built)"
		problem "$bin: not built"
		return
	fi
	if [[ ! -f "$rcfile" ]]; then
		row "$name" "$user" "$bin" - - - - "FAIL (did not run)"
		problem "$name/$user/$bin: did not run"
		return
	fi
	rc="$(cat "$rcfile")"
	totals="$(grep -m1 '^# Totals:' "$tap" || true)"
	if [[ -z "$totals" ]]; then
		row "$name" "$user" "$bin" - - - "$rc" "FAIL (no Totals line)"
		problem "$name/$user/$bin: no Totals line, exit $rc (see $tap)"
		return
	fi
	field() {
		sed -n "s/.* $1:\([0-9]*\).*/\1/p" <<<"$totals"
	}
	p="$(field pass)" f="$(field fail)" xf="$(field xfail)"
	xp="$(field xpass)" s="$(field skip)" e="$(field error)"
	passed=$((passed + p + xf))
	skipped=$((skipped + s))
	bad=$((f + xp + e))
	failed=$((failed + bad))
	# 4 is KSFT_SKIP.
	if [[ "$rc" != 0 && "$rc" != 4 ]] && ((bad == 0)); then
		problem "$name/$user/$bin: exit status $rc (see $tap)"
		row "$name" "$user" "$bin" "$((p + xf))" "$bad" "$s" "$rc" "FAIL (exit status)"
		return
	fi
	if ((bad > 0)); then
		problems+=("$name/$user/$bin: $bad failed (see $tap)")
		row "$name" "$user" "$bin" "$((p + xf))" "$bad" "$s" "$rc" FAIL
	else
		row "$name" "$user" "$bin" "$((p + xf))" "$bad" "$s" "$rc" ok
	fi
}

for user in root nobody; do
	for bin in "${expected[@]}"; do
		judge landlock "$user" "$bin"
	done
done
for fs in "${disks[@]}"; do
	for bin in "${disk_bins[@]}"; do
		judge landlock root "$bin@$fs"
	done
done
for bin in "${disabled[@]}"; do
	judge lsm-off root "$bin"
done
row ids-1,2 root first-domain-ids "${ids_row[@]}"
for bin in "${system_checks[@]}"; do
	judge system root "$bin" check
done
if ((${#expected[@]} == 0)); then
	log "check: no selftest in tools/testing/selftests/landlock yet"
fi

# Kernel splats, in the console logs and in the dmesg of each boot.
splat_re='BUG:|WARNING:|Oops|Kernel panic|Busy inodes|refcount_t:|general protection|UBSAN|KASAN'
# The consoles are check-BOOT.log; check-all-PART.log are make check's own.
kernel_logs=("$LOGS"/check-landlock.log "$LOGS"/check-lsm-off.log
	"$LOGS"/check-ids-1.log "$LOGS"/check-ids-2.log "$LOGS"/check-system.log
	"$results"/*/dmesg.log "$LOGS"/kunit-boot.log "$LOGS"/kunit-ktap.log)
splats="$(cat "${kernel_logs[@]}" 2>/dev/null | tr -d '\r' |
	grep -E "$splat_re" | sed 's/^\[ *[0-9.]*\] //' | sort -u || true)"
if [[ -n "$splats" ]]; then
	while IFS= read -r line; do
		problem "kernel: $line"
	done <<<"$splats"
fi

echo
echo "=== KUnit: $k_pass passed, $k_fail failed, $k_skip skipped (log: $LOGS/kunit.log)"
echo "=== kselftests (logs: $results/BOOT/USER/BINARY.tap)"
printf '%s\n' "${table[@]}"
if ((${#problems[@]} > 0)); then
	echo "=== Problems"
	printf '  %s\n' "${problems[@]}"
fi
echo "=== make check took $(($(date +%s) - start)) s (after the builds)"
summary="$passed passed, $failed failed, $skipped skipped"
echo "$summary" >"$summary_file"
echo "$summary"
((failed == 0))
