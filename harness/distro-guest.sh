#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The tests of "make distro-boot", in the booted Debian 12 system (started
# by landlock-tests.service, see harness/distro-boot.sh): once systemd has
# finished booting, every selftest of /opt/landlock/tests as root then as
# uid/gid 65534 (with auditd stopped), then harness/distro-checks.sh, each sent to the host
# through ttyS1 (harness/guest-run.sh); then the kernel log, and power off.
export PATH=/opt/landlock/bin:/usr/sbin:/usr/bin:/sbin:/bin
export HOME=/tmp
here=/opt/landlock/harness

. "$here/guest-run.sh"

systemctl is-system-running --wait >/tmp/system-state 2>&1
# audit_test registers itself as the audit daemon: auditd stops during the
# selftests (its unit refuses "systemctl stop", SIGTERM ends it cleanly)
# and starts again for distro-checks.sh.
pkill -TERM -x auditd && sleep 2
for user in root nobody; do
	for t in /opt/landlock/tests/*_test; do
		run 64 "$user" "${t##*/}" "$t"
	done
done
systemctl start auditd
run check root system sh "$here/distro-checks.sh" "$(cat /tmp/system-state)"
send_kernel_state
systemctl poweroff
