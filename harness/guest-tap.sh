# SPDX-License-Identifier: GPL-2.0-only
# TAP helpers of the guest-side checks written in shell (sourced, POSIX sh:
# by harness/guest-platform.sh and harness/guest-auditd.sh, in the UML guest
# and in the busybox initramfs of check-x86).  The output ends with
# kselftest's "# Totals:" line, so that the host counts these checks like
# the selftests.

tap_n=0
tap_pass=0
tap_fail=0

echo "TAP version 13"

# tap_result STATUS DESCRIPTION [DETAIL]: STATUS 0 is a pass.
tap_result() {
	tap_n=$((tap_n + 1))
	if [ "$1" -eq 0 ]; then
		tap_pass=$((tap_pass + 1))
		echo "ok $tap_n $2"
	else
		tap_fail=$((tap_fail + 1))
		echo "not ok $tap_n $2"
		[ -z "${3:-}" ] || printf '%s\n' "$3" | sed 's/^/#   /'
	fi
}

# tap_check DESCRIPTION COMMAND...: a pass if COMMAND succeeds; its output
# is shown under a failure.
tap_check() {
	_desc="$1"
	shift
	_out="$("$@" 2>&1)"
	tap_result "$?" "$_desc" "$_out"
}

# tap_bail REASON: a check that cannot run at all.
tap_bail() {
	tap_result 1 "$1"
	tap_done
}

# Prints the plan and the totals, and exits with kselftest's status.
tap_done() {
	echo "1..$tap_n"
	echo "# Totals: pass:$tap_pass fail:$tap_fail xfail:0 xpass:0 skip:0 error:0"
	[ "$tap_fail" -eq 0 ] && exit 0
	exit 1
}
