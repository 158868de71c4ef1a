# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=sh
# How a QEMU guest sends its results to the host (sourced, POSIX sh: by
# harness/x86-init.sh under busybox, and by harness/distro-guest.sh on
# Debian).  Everything goes to the second serial port, ttyS1, framed by
# "@@@" lines that harness/judge.sh's split_results reads back.

out=/dev/ttyS1
stty -F "$out" raw -echo 2>/dev/null

say() {
	echo "$*" >"$out"
}

# run ABI USER NAME COMMAND...: runs COMMAND as USER (root, or nobody:
# uid/gid 65534 with no capability, through run-as) in a fresh directory
# on /tmp, and sends its output and exit status to the host.
run() {
	r_abi="$1" r_user="$2" r_name="$3"
	shift 3
	work="$(mktemp -d /tmp/work.XXXXXX)"
	if [ "$r_user" = root ]; then
		(cd "$work" && timeout 900 "$@") >/tmp/tap 2>&1 </dev/null
	else
		chown 65534:65534 "$work"
		(cd "$work" && timeout 900 run-as 65534 65534 "$@") \
			>/tmp/tap 2>&1 </dev/null
	fi
	rc=$?
	say "@@@ BEGIN $r_abi $r_user $r_name"
	cat /tmp/tap >"$out"
	say "@@@ END $r_abi $r_user $r_name $rc"
	echo "[guest] $r_abi $r_user $r_name: exit $rc"
	rm -rf "$work"
}

# send_kernel_state: the kmemleak report (two scans with a pause: an
# object must be unreferenced for 5 s and seen by two scans to be
# reported), then the kernel log, then "@@@ DONE".
send_kernel_state() {
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
}
