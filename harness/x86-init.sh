#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# /init of the initramfs of "make check-x86" (busybox sh, as PID 1).  Runs
# every selftest of /tests/64 and /tests/32 as root, then as uid/gid 65534
# (bin/run-as), each in a fresh directory on tmpfs, then, as root, the
# checks of harness/guest-platform.sh (the kernel and this init look like
# Debian).  Everything the host reads goes to ttyS1, framed by "@@@" lines:
# the TAP output and exit status of each run, the kmemleak report, dmesg,
# then "@@@ DONE".  Then reboots, which ends QEMU (-no-reboot).
export PATH=/bin
export HOME=/tmp

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mount -t tmpfs -o mode=1777 tmpfs /tmp
# What a Debian system mounts (harness/guest-mounts.sh): securityfs,
# cgroup2, debugfs, tracefs, bpffs, configfs, fusectl, mqueue, hugetlbfs.
. /harness/guest-mounts.sh
guest_mount_all
echo 1 >/proc/sys/kernel/panic_on_warn
echo 1 >/proc/sys/kernel/panic_on_oops
ip link set lo up
hostname x86

out=/dev/ttyS1
stty -F "$out" raw -echo 2>/dev/null
say() {
	echo "$*" >"$out"
}

# run ABI USER NAME COMMAND...: runs COMMAND as USER (root or nobody) in a
# fresh directory, and sends its output and status to the host.
run() {
	r_abi="$1" r_user="$2" r_name="$3"
	shift 3
	work="$(mktemp -d /tmp/work.XXXXXX)"
	if [ "$r_user" = root ]; then
		(cd "$work" && timeout 900 "$@") >/tmp/tap 2>&1 </dev/null
	else
		chown 65534:65534 "$work"
		(cd "$work" && timeout 900 /bin/run-as 65534 65534 "$@") \
			>/tmp/tap 2>&1 </dev/null
	fi
	rc=$?
	say "@@@ BEGIN $r_abi $r_user $r_name"
	cat /tmp/tap >"$out"
	say "@@@ END $r_abi $r_user $r_name $rc"
	echo "[x86-init] $r_abi $r_user $r_name: exit $rc"
	rm -rf "$work"
}

for abi in 64 32; do
	for user in root nobody; do
		for t in /tests/"$abi"/*_test; do
			[ -x "$t" ] || continue
			run "$abi" "$user" "${t##*/}" "$t"
		done
	done
done
# Busybox makes ext2 (mounted as ext4) and vfat.
run check root platform sh /harness/guest-platform.sh --hugetlbfs \
	--fs "ext4 vfat"

# Leaks: two scans with a pause (an object must be unreferenced for 5 s and
# seen by two scans to be reported).
kml=/sys/kernel/debug/kmemleak
say "@@@ KMEMLEAK BEGIN"
if [ -w "$kml" ]; then
	sleep 2
	echo scan >"$kml" && sleep 6 && echo scan >"$kml" &&
		cat "$kml" >"$out" ||
		say "kmemleak-unavailable: scan failed (disabled?)"
else
	say "kmemleak-unavailable: no $kml"
fi
say "@@@ KMEMLEAK END"
say "@@@ DMESG BEGIN"
dmesg >"$out"
say "@@@ DMESG END"
say "@@@ DONE"
sync
reboot -f
