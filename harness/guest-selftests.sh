#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Runs kselftest binaries inside the UML guest (as root, from guest-init.sh).
#
#   guest-selftests.sh --bindir DIR --logdir DIR [--users "root nobody"] BIN...
#
# Each binary runs once per user (root; nobody = uid/gid 65534 without any
# capability), in a fresh working directory on the guest's tmpfs, from a copy
# on tmpfs.  Its output goes to LOGDIR/USER/BIN.tap and its exit status to
# LOGDIR/USER/BIN.rc; the kernel log goes to LOGDIR/dmesg.log at the end.
# The host (harness/check.sh) judges the results.
set -euo pipefail

bindir=""
logdir=""
users="root nobody"
while (($#)); do
	case "$1" in
	--bindir) bindir="$2"; shift 2 ;;
	--logdir) logdir="$2"; shift 2 ;;
	--users) users="$2"; shift 2 ;;
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

for user in $users; do
	mkdir -p "$logdir/$user"
	for bin in "$@"; do
		tap="$logdir/$user/$bin.tap"
		rcfile="$logdir/$user/$bin.rc"
		rm -f "$tap" "$rcfile"
		if [[ ! -x "$scratch/bin/$bin" ]]; then
			echo "[guest-selftests] $user $bin: missing"
			continue
		fi
		work="$(mktemp -d "$scratch/work-$user-$bin.XXXXXX")"
		if [[ "$user" == root ]]; then
			run=()
		else
			chown 65534:65534 "$work"
			run=(env HOME=/tmp setpriv --reuid=65534 --regid=65534
				--clear-groups --inh-caps=-all)
		fi
		set +e
		(cd "$work" && timeout -k 10 "$timeout_s" "${run[@]}" \
			"$scratch/bin/$bin") >"$tap" 2>&1 </dev/null
		rc=$?
		set -e
		echo "$rc" >"$rcfile"
		echo "[guest-selftests] $user $bin: exit $rc," \
			"$(grep -m1 '^# Totals:' "$tap" || echo 'no Totals line')"
		rm -rf "$work" 2>/dev/null || true
	done
done

dmesg >"$logdir/dmesg.log" 2>&1 || true
