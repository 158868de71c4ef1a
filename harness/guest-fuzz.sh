#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Runs the Landlock fuzzer inside the UML guest (as root, from guest-init.sh).
#
#   guest-fuzz.sh --bin FUZZER [--fs "tmpfs ext4 ..."]
#                 -- USER ARGS... [--- USER ARGS...]...
#
# Makes and mounts each file system of --fs that this kernel knows on a
# loop device of the guest (guest_mount_disk of guest-mounts.sh, as the
# layout tests of make check-uml), then runs the fuzzer once per group of
# arguments, on those file systems (--fs NAME:DIR) and on tmpfs (its own),
# as USER: root, or nobody (uid/gid 65534 without capabilities).  A file
# system that the kernel lacks or that cannot be made is skipped, with a
# message.  Exits with the highest status of the runs.
set -uo pipefail

# shellcheck source=guest-mounts.sh
source "$(dirname "${BASH_SOURCE[0]}")/guest-mounts.sh"

bin=""
fs_list="tmpfs"
while (($#)); do
	case "$1" in
	--bin) bin="$2"; shift 2 ;;
	--fs) fs_list="$2"; shift 2 ;;
	--) shift; break ;;
	*) break ;;
	esac
done
[[ -x "$bin" && $# -gt 0 ]] || {
	echo "usage: $0 --bin FUZZER [--fs LIST] -- USER ARGS... [--- USER ARGS...]" >&2
	exit 2
}

say() {
	printf '[guest-fuzz] %s\n' "$*"
}

fs_args=()
mounted=()
for fs in $fs_list; do
	if [[ "$fs" == tmpfs ]]; then
		fs_args+=(--fs tmpfs)
		continue
	fi
	if ! grep -qw "$fs" /proc/filesystems; then
		say "skipping $fs: not in this kernel"
		continue
	fi
	dir="/tmp/lfz-fs/$fs"
	if ! guest_mount_disk "$fs" "$dir"; then
		say "skipping $fs: cannot make or mount it on a loop device"
		guest_umount_disk "$dir"
		continue
	fi
	chmod 1777 "$dir"
	mounted+=("$dir")
	fs_args+=(--fs "$fs:$dir")
done
((${#fs_args[@]})) || fs_args=(--fs tmpfs)

# Runs the fuzzer: run USER ARGS...
worst=0
run() {
	local user="$1" as=()
	shift
	if [[ "$user" == nobody ]]; then
		as=(env HOME=/tmp setpriv --reuid=65534 --regid=65534
			--clear-groups --inh-caps=-all)
	fi
	say "running as $user: ${fs_args[*]} $*"
	"${as[@]}" "$bin" "${fs_args[@]}" "$@"
	local status=$?
	((status > worst)) && worst=$status
}

group=()
for arg in "$@" ---; do
	if [[ "$arg" == --- ]]; then
		((${#group[@]})) && run "${group[@]}"
		group=()
	else
		group+=("$arg")
	fi
done
for dir in "${mounted[@]}"; do
	guest_umount_disk "$dir"
done
exit "$worst"
