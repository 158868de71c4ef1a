#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Runs the Landlock fuzzer inside the UML guest (as root, from guest-init.sh).
#
#   guest-fuzz.sh --bin FUZZER --images DIR [--fs "tmpfs ext4 ..."]
#                 [--user root|nobody] -- FUZZER-ARGS...
#
# Mounts each file system of --fs that this kernel knows, from the image
# DIR/NAME.img (made by harness/fuzz.sh on the host) on a loop device, and
# runs the fuzzer on them (--fs NAME:DIR), tmpfs being the fuzzer's own.  A
# file system the kernel or the host lacks is skipped, with a message.  With
# --user nobody, the fuzzer runs as uid/gid 65534 without capabilities.
set -uo pipefail

bin=""
images=""
fs_list="tmpfs"
user=root
while (($#)); do
	case "$1" in
	--bin) bin="$2"; shift 2 ;;
	--images) images="$2"; shift 2 ;;
	--fs) fs_list="$2"; shift 2 ;;
	--user) user="$2"; shift 2 ;;
	--) shift; break ;;
	*) break ;;
	esac
done
[[ -x "$bin" ]] || {
	echo "usage: $0 --bin FUZZER --images DIR [--fs LIST] [--user U] -- ARGS" >&2
	exit 2
}

say() {
	printf '[guest-fuzz] %s\n' "$*"
}

fs_args=()
for fs in $fs_list; do
	if [[ "$fs" == tmpfs ]]; then
		fs_args+=(--fs tmpfs)
		continue
	fi
	if ! grep -qw "$fs" /proc/filesystems; then
		say "skipping $fs: not in this kernel"
		continue
	fi
	if [[ ! -f "$images/$fs.img" ]]; then
		say "skipping $fs: no image (no mkfs.$fs on the host?)"
		continue
	fi
	dir="/tmp/lfz-fs/$fs"
	mkdir -p "$dir"
	if ! mount -o loop "$images/$fs.img" "$dir" 2>/dev/null; then
		say "skipping $fs: cannot mount $images/$fs.img on a loop device"
		continue
	fi
	chmod 1777 "$dir"
	fs_args+=(--fs "$fs:$dir")
done
((${#fs_args[@]})) || fs_args=(--fs tmpfs)

run=()
if [[ "$user" == nobody ]]; then
	run=(env HOME=/tmp setpriv --reuid=65534 --regid=65534 --clear-groups
		--inh-caps=-all)
fi
say "running as $user: ${fs_args[*]} $*"
"${run[@]}" "$bin" "${fs_args[@]}" "$@"
status=$?
for fs in $fs_list; do
	mountpoint -q "/tmp/lfz-fs/$fs" && umount "/tmp/lfz-fs/$fs"
done
exit "$status"
