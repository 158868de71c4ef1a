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
