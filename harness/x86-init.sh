#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# /init of the initramfs of "make check-x86" (busybox sh, as PID 1).  Runs
# every selftest of /tests/64 and /tests/32 as root, then as uid/gid 65534
# (bin/run-as), each in a fresh directory on tmpfs, then, as root, the
# checks of harness/guest-platform.sh (the kernel and this init look like
# Debian).  Everything the host reads goes to ttyS1 (harness/guest-run.sh):
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

. /harness/guest-run.sh

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

send_kernel_state
reboot -f
