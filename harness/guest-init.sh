#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# init (PID 1) of the UML guest started by harness/uml-run.sh.
#
# The root file system is the host's / (hostfs), so the guest sees the host's
# paths.  HARNESS_JOB (from the kernel command line) names a job file written
# by the host: it sets JOB_ROOT (repo root), JOB_CMD_FILE (the command),
# JOB_USER (1: run it as uid/gid 65534) and JOB_MARKER (exit marker).
#
# No "set -e" here: whatever happens, the guest must print the marker and
# power off, or the host would wait until its timeout.
set -uo pipefail

export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export HOME=/root
export TERM=dumb
umask 022

say() {
	printf '[guest-init] %s\n' "$*"
}

power_off() {
	sync
	poweroff -f 2>/dev/null
	busybox poweroff -f 2>/dev/null
	# Still alive: returning from PID 1 panics, which stops UML anyway.
	exit 1
}

finish() {
	local status="$1"
	# Leading newline: the marker must start a console line.
	printf '\n%s: %s\n' "${JOB_MARKER:-HARNESS-EXIT-unknown}" "$status"
	power_off
}

mountpoint -q /proc || mount -t proc proc /proc
mountpoint -q /sys || mount -t sysfs sysfs /sys
mountpoint -q /dev || mount -t devtmpfs devtmpfs /dev
mkdir -p /dev/pts /dev/shm
mountpoint -q /dev/pts || mount -t devpts devpts /dev/pts 2>/dev/null
mountpoint -q /dev/shm || mount -t tmpfs -o mode=1777 shm /dev/shm
# What a Debian system mounts: securityfs, cgroup2, debugfs, tracefs, bpffs,
# configfs, fusectl, mqueue (harness/guest-platform.sh checks them).
# shellcheck source=guest-mounts.sh
source "$(dirname "${BASH_SOURCE[0]}")/guest-mounts.sh"
guest_mount_all
# Read the job before /tmp gets hidden (the repository may be there).
if [[ -z "${HARNESS_JOB:-}" || ! -r "${HARNESS_JOB:-}" ]]; then
	say "no job file (HARNESS_JOB='${HARNESS_JOB:-}')"
	finish 125
fi
# shellcheck source=/dev/null
source "$HARNESS_JOB"

# The host's /tmp and /run are not the guest's business.
mount -t tmpfs -o mode=1777 tmpfs /tmp
mount -t tmpfs -o mode=755 tmpfs /run

echo 1 >/proc/sys/kernel/panic_on_warn
echo 1 >/proc/sys/kernel/panic_on_oops
ip link set lo up 2>/dev/null || ifconfig lo up 2>/dev/null ||
	busybox ip link set lo up 2>/dev/null || say "could not bring lo up"
hostname uml 2>/dev/null

# A repository under /tmp is hidden by the tmpfs: mount it back from the host.
case "$JOB_ROOT" in
/tmp/* | /run/*)
	mkdir -p "$JOB_ROOT"
	mount -t hostfs -o "$JOB_ROOT" hostfs "$JOB_ROOT" ||
		say "could not mount $JOB_ROOT from the host"
	;;
esac

cd "$JOB_ROOT" || finish 125

if [[ "${JOB_USER:-0}" == 1 ]]; then
	HOME=/tmp UML_USER=1 setpriv --reuid=65534 --regid=65534 \
		--clear-groups --inh-caps=-all /bin/sh -c "$(cat "$JOB_CMD_FILE")"
else
	/bin/sh -c "$(cat "$JOB_CMD_FILE")"
fi
finish "$?"
