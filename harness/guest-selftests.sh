#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Runs kselftest binaries inside the UML guest (as root, from guest-init.sh).
#
#   guest-selftests.sh --bindir DIR --logdir DIR [--users "root nobody"]
#                      [--disks "ext4 xfs ..." --disk-bins "BIN..."]
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
#
# --disks: the binaries of --disk-bins (the tests built on a file layout) run
# again, as root (as uid 65534 they only differ by the user namespace that
# their mounts need, which the tmpfs runs cover), with their working directory on each of these file
# systems, made on a loop device of the guest (or "overlay": an overlayfs),
# rather than on the tmpfs: results in LOGDIR/USER/BIN@FS.tap and .rc.
set -euo pipefail

bindir=""
logdir=""
users="root nobody"
checks=()
disks=""
disk_bins=""
while (($#)); do
	case "$1" in
	--bindir) bindir="$2"; shift 2 ;;
	--logdir) logdir="$2"; shift 2 ;;
	--users) users="$2"; shift 2 ;;
	--check) checks+=("$2"); shift 2 ;;
	--disks) disks="$2"; shift 2 ;;
	--disk-bins) disk_bins="$2"; shift 2 ;;
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

# shellcheck source=guest-mounts.sh
source "$(dirname "${BASH_SOURCE[0]}")/guest-mounts.sh"

# run_one USER NAME COMMAND...: runs COMMAND as USER in a fresh directory of
# $work_base.
work_base="$scratch"
run_one() {
	local user="$1" name="$2" work run rc t0
	shift 2
	local tap="$logdir/$user/$name.tap" rcfile="$logdir/$user/$name.rc"
	mkdir -p "$logdir/$user"
	rm -f "$tap" "$rcfile"
	work="$(mktemp -d "$work_base/work-$user-$name.XXXXXX")"
	if [[ "$user" == root ]]; then
		run=()
	else
		chown 65534:65534 "$work"
		run=(env HOME=/tmp setpriv --reuid=65534 --regid=65534
			--clear-groups --inh-caps=-all)
	fi
	t0=$SECONDS
	set +e
	(cd "$work" && timeout -k 10 "$timeout_s" "${run[@]}" "$@") \
		>"$tap" 2>&1 </dev/null
	rc=$?
	set -e
	echo "$rc" >"$rcfile"
	echo "[guest-selftests] $user $name: exit $rc, $((SECONDS - t0)) s," \
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
for fs in $disks; do
	work_base="/tmp/ll-disk-$fs"
	if ! guest_mount_disk "$fs" "$work_base"; then
		echo "[guest-selftests] could not mount $fs on $work_base"
		guest_umount_disk "$work_base"
		continue
	fi
	chmod 755 "$work_base"
	for bin in $disk_bins; do
		if [[ -x "$scratch/bin/$bin" ]]; then
			run_one root "$bin@$fs" "$scratch/bin/$bin"
		fi
	done
	guest_umount_disk "$work_base"
done
work_base="$scratch"
for check in "${checks[@]}"; do
	run_one root "${check%%:*}" /bin/sh -c "${check#*:}"
done

dmesg >"$logdir/dmesg.log" 2>&1 || true
