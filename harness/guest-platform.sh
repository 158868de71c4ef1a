#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Checks, as root in a guest, that the test kernel and the guest's init look
# like a Debian 12 system, as the selftests expect (harness/configs/
# landlock.config and debian.config, harness/guest-mounts.sh): the LSMs
# stacked and active, Yama's default, the pseudo file systems mounted, disk
# file systems made and mounted on loop devices, FUSE, MPTCP and SCTP.  A
# kernel that lost one of these would make some selftests skip or pass for
# the wrong reason.  POSIX sh: runs under bash (UML) and busybox (x86).
#
#   guest-platform.sh [--hugetlbfs] [--fs "ext4 xfs btrfs vfat"]
#
# --hugetlbfs: hugetlbfs must be mounted too (x86_64; UML has none).
# --fs: the disk file systems to make (mkfs.TYPE, or busybox's mke2fs and
# mkdosfs) and mount through a loop device.
# Prints TAP with kselftest's "# Totals:" line; exits non-zero on a failure.
set -u

here="$(dirname "$0")"
. "$here/guest-tap.sh"
. "$here/guest-mounts.sh"

hugetlbfs=0
fs_list=""
while [ $# -gt 0 ]; do
	case "$1" in
	--hugetlbfs) hugetlbfs=1; shift ;;
	--fs) fs_list="$2"; shift 2 ;;
	*) tap_bail "usage: $0 [--hugetlbfs] [--fs LIST] (got '$1')" ;;
	esac
done

# expect_file DESCRIPTION FILE WANT: FILE holds exactly WANT.
expect_file() {
	_got="$(cat "$2" 2>&1)"
	[ "$_got" = "$3" ]
	tap_result "$?" "$1" "$2: '$_got', expected '$3'"
}

# LSMs: Landlock first, then Debian's order (harness/configs/landlock.config).
expect_file "lsm: landlock first, then yama and apparmor" \
	/sys/kernel/security/lsm capability,landlock,yama,apparmor
expect_file "lsm: apparmor enabled" /sys/module/apparmor/parameters/enabled Y
expect_file "lsm: yama with Debian's ptrace_scope" \
	/proc/sys/kernel/yama/ptrace_scope 0

while read -r type dir opts; do
	[ -n "$type" ] || continue
	[ "$type" = hugetlbfs ] && [ "$hugetlbfs" = 0 ] && continue
	tap_check "mount: $type on $dir" guest_mounted "$type" "$dir"
done <<EOF
$GUEST_MOUNTS
EOF

# loop_fs TYPE: mounts TYPE made on a loop device, writes and reads a file
# back, unmounts.
loop_fs() {
	_dir="/tmp/platform-$1"
	guest_mount_disk "$1" "$_dir" &&
		echo data >"$_dir/file" && [ "$(cat "$_dir/file")" = data ] &&
		guest_mounted "$1" "$_dir"
	_rc=$?
	guest_umount_disk "$_dir"
	return "$_rc"
}

for fs in $fs_list; do
	tap_check "block: $fs on a loop device" loop_fs "$fs"
done

# FUSE: a mount on /dev/fuse (no server: the connection is aborted when the
# descriptor is closed, then unmounted).
fuse_mount() {
	_dir=/tmp/platform-fuse
	mkdir -p "$_dir" || return 1
	exec 3<>/dev/fuse || return 1
	mount -i -t fuse -o fd=3,rootmode=40000,user_id=0,group_id=0 \
		platform "$_dir"
	_rc=$?
	exec 3>&-
	[ "$_rc" -eq 0 ] && guest_mounted fuse "$_dir"
	_rc=$?
	umount "$_dir" 2>/dev/null || umount -l "$_dir"
	rmdir "$_dir"
	return "$_rc"
}
tap_check "fuse: a mount on /dev/fuse" fuse_mount

# Protocols that the TCP rights must not restrict (erratum 1); the net
# selftests skip their cases when these are missing.
for proto in MPTCP MPTCPv6 SCTP SCTPv6; do
	tap_check "net: $proto registered" \
		awk -v p="$proto" '$1 == p { found = 1 } END { exit !found }' \
		/proc/net/protocols
done

tap_done
