# SPDX-License-Identifier: GPL-2.0-only
# The pseudo file systems a Debian 12 system has mounted (by systemd), with
# systemd's options: sourced (POSIX sh) by the inits of the guests
# (harness/guest-init.sh, harness/x86-init.sh) to mount them, and by
# harness/guest-platform.sh to check that they are there.
#
# One line per mount: TYPE DIRECTORY OPTIONS.  hugetlbfs only exists where
# the architecture has huge pages (x86_64, not UML).
GUEST_MOUNTS='
securityfs /sys/kernel/security nosuid,nodev,noexec
cgroup2 /sys/fs/cgroup nosuid,nodev,noexec,nsdelegate,memory_recursiveprot
debugfs /sys/kernel/debug nosuid,nodev,noexec
tracefs /sys/kernel/tracing nosuid,nodev,noexec
bpf /sys/fs/bpf nosuid,nodev,noexec,mode=700
configfs /sys/kernel/config nosuid,nodev,noexec
fusectl /sys/fs/fuse/connections nosuid,nodev,noexec
mqueue /dev/mqueue nosuid,nodev,noexec
hugetlbfs /dev/hugepages pagesize=2M
'

# guest_mounted TYPE DIR: whether a file system of TYPE is mounted on DIR.
guest_mounted() {
	awk -v t="$1" -v d="$2" '$2 == d && $3 == t { found = 1 }
		END { exit !found }' /proc/mounts
}

# Mounts each file system of the list that the kernel has and that is not
# mounted yet (once /proc, /sys and /dev are there).  Prints what fails.
guest_mount_all() {
	echo "$GUEST_MOUNTS" | while read -r type dir opts; do
		[ -n "$type" ] || continue
		grep -qw "$type" /proc/filesystems || continue
		guest_mounted "$type" "$dir" && continue
		mkdir -p "$dir" 2>/dev/null
		mount -t "$type" -o "$opts" "$type" "$dir" ||
			echo "[guest-mounts] could not mount $type on $dir"
	done
}

# guest_make_fs TYPE IMAGE: Debian's mkfs.TYPE, else busybox's.
guest_make_fs() {
	case "$1" in
	ext4)
		if command -v mkfs.ext4 >/dev/null; then
			mkfs.ext4 -q -F "$2"
		else
			mke2fs -F "$2"
		fi
		;;
	xfs) mkfs.xfs -q -f "$2" ;;
	btrfs) mkfs.btrfs -q -f "$2" ;;
	vfat)
		if command -v mkfs.vfat >/dev/null; then
			mkfs.vfat "$2"
		else
			mkdosfs "$2"
		fi
		;;
	*) echo "no mkfs for $1"; return 1 ;;
	esac
}

# guest_mount_disk TYPE DIR: makes TYPE in a sparse file of the guest's
# tmpfs (DIR.img) and mounts it on DIR through a loop device.  "overlay" is
# an overlayfs whose lower, upper and work directories are on the tmpfs
# (DIR.layers).  guest_umount_disk DIR undoes it.
guest_mount_disk() {
	mkdir -p "$2" || return 1
	if [ "$1" = overlay ]; then
		mkdir -p "$2.layers/lower" "$2.layers/upper" "$2.layers/work" &&
			mount -t overlay -o "lowerdir=$2.layers/lower,upperdir=$2.layers/upper,workdir=$2.layers/work" \
				overlay "$2"
		return
	fi
	# mkfs.xfs wants 300 MiB, mkfs.btrfs more than 109 MiB.
	case "$1" in
	xfs) _size=300M ;;
	btrfs) _size=128M ;;
	*) _size=32M ;;
	esac
	rm -f "$2.img" && truncate -s "$_size" "$2.img" &&
		guest_make_fs "$1" "$2.img" >/dev/null &&
		mount -t "$1" -o loop "$2.img" "$2"
}

guest_umount_disk() {
	umount "$1" 2>/dev/null
	rm -rf "$1.img" "$1.layers"
	rmdir "$1" 2>/dev/null
}
