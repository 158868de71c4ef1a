#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Runs kselftest binaries inside the UML guest (as root, from guest-init.sh).
#
#   guest-selftests.sh --bindir DIR --logdir DIR [--users "root nobody"]
#                      [--check NAME:COMMAND]... BIN...
#
# Each binary runs once per user (root; nobody = uid/gid 65534 without any
# capability), in a fresh working directory on the guest's tmpfs, from a copy
# on tmpfs.  Its output goes to LOGDIR/USER/BIN.tap and its exit status to
# LOGDIR/USER/BIN.rc.  Then each COMMAND (a shell command line running a
# guest-side check that prints TAP, such as harness/guest-platform.sh) runs
# once, as root, its results in LOGDIR/root/NAME.tap and .rc.  The kernel
# log goes to LOGDIR/dmesg.log at the end.  The host (harness/check.sh)
# judges the results.
set -euo pipefail

bindir=""
logdir=""
users="root nobody"
checks=()
while (($#)); do
	case "$1" in
	--bindir) bindir="$2"; shift 2 ;;
	--logdir) logdir="$2"; shift 2 ;;
	--users) users="$2"; shift 2 ;;
	--check) checks+=("$2"); shift 2 ;;
	--) shift; break ;;
	*) break ;;
	esac
done
[[ -d "$bindir" && -n "$logdir" ]] || {
	echo "usage: $0 --bindir DIR --logdir DIR [--users LIST] BIN..." >&2
	exit 2
}

timeout_s="${SELFTEST_TIMEOUT:-900}"
scratch=/tmp/ll-selftests
mkdir -p "$scratch/bin"
chmod 755 "$scratch" "$scratch/bin"
for bin in "$@"; do
	if [[ -f "$bindir/$bin" ]]; then
		install -m 755 "$bindir/$bin" "$scratch/bin/$bin"
	fi
done

# run_one USER NAME COMMAND...: runs COMMAND as USER in a fresh directory.
run_one() {
	local user="$1" name="$2" work run rc
	shift 2
	local tap="$logdir/$user/$name.tap" rcfile="$logdir/$user/$name.rc"
	mkdir -p "$logdir/$user"
	rm -f "$tap" "$rcfile"
	work="$(mktemp -d "$scratch/work-$user-$name.XXXXXX")"
	if [[ "$user" == root ]]; then
		run=()
	else
		chown 65534:65534 "$work"
		run=(env HOME=/tmp setpriv --reuid=65534 --regid=65534
			--clear-groups --inh-caps=-all)
	fi
	set +e
	(cd "$work" && timeout -k 10 "$timeout_s" "${run[@]}" "$@") \
		>"$tap" 2>&1 </dev/null
	rc=$?
	set -e
	echo "$rc" >"$rcfile"
	echo "[guest-selftests] $user $name: exit $rc," \
		"$(grep -m1 '^# Totals:' "$tap" || echo 'no Totals line')"
	rm -rf "$work" 2>/dev/null || true
}

for user in $users; do
	for bin in "$@"; do
		if [[ ! -x "$scratch/bin/$bin" ]]; then
			echo "[guest-selftests] $user $bin: missing"
			rm -f "$logdir/$user/$bin.tap" "$logdir/$user/$bin.rc"
			continue
		fi
		run_one "$user" "$bin" "$scratch/bin/$bin"
	done
done
for check in "${checks[@]}"; do
	run_one root "${check%%:*}" /bin/sh -c "${check#*:}"
done

dmesg >"$logdir/dmesg.log" 2>&1 || true
