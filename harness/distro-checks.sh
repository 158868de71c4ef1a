#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Checks, as root in the Debian 12 system of "make distro-boot", that it
# runs as Debian's would and that Landlock works in it with the programs it
# ships: systemd's state after the boot (the first argument), AppArmor and
# Landlock active, the sandboxer (samples/landlock) letting python3 and
# curl do what its rules allow and denying the rest, and auditd logging
# these denials.  Prints TAP with kselftest's "# Totals:" line.
#
#   distro-checks.sh STATE      (what "systemctl is-system-running" said)
set -u
. "$(dirname "$0")/guest-tap.sh"

state="$1"
sb=/opt/landlock/bin/sandboxer
# What any program needs to run: read-only system, a writable directory.
fs_ro=/usr:/lib:/lib64:/bin:/sbin:/etc:/proc:/dev
work=/tmp/landlock-distro
mkdir -p "$work/rw"

# systemd: "running", or "degraded" with its failed units shown.
case "$state" in
running) tap_result 0 "systemd: running" ;;
degraded) tap_result 0 "systemd: degraded" "$(systemctl --failed --no-legend)"
	echo "# system: degraded, failed units: $(systemctl --failed --no-legend | tr '\n' ' ')" ;;
*) tap_result 1 "systemd: $state" "$(systemctl --failed --no-legend)" ;;
esac
echo "# system: systemd is $state"

lsm="$(cat /sys/kernel/security/lsm)"
echo "# system: LSMs $lsm"
case ",$lsm," in
*,landlock,*apparmor,* | *,apparmor,*landlock,*) ok=0 ;;
*) ok=1 ;;
esac
tap_result "$ok" "LSMs: landlock and apparmor both active ($lsm)"
# shellcheck disable=SC2016 # expanded by the inner shell
tap_check "AppArmor: enabled, its profiles loaded by systemd" sh -c \
	'[ "$(cat /sys/module/apparmor/parameters/enabled)" = Y ] &&
	 grep -q . /sys/kernel/security/apparmor/profiles'
abi="$(python3 -c 'import ctypes
print(ctypes.CDLL(None).syscall(444, None, 0, 1))')"
tap_result "$([ "$abi" = 12 ] && echo 0 || echo 1)" "Landlock: ABI version $abi"

# expect_run DESCRIPTION WANT_STATUS PATTERN COMMAND...: COMMAND exits with
# WANT_STATUS and its output matches PATTERN (grep -E).
expect_run() {
	_desc="$1" _want="$2" _pat="$3"
	shift 3
	_out="$("$@" 2>&1)"
	_got=$?
	[ "$_got" = "$_want" ] && printf '%s\n' "$_out" | grep -Eq "$_pat"
	tap_result "$?" "$_desc" "exit $_got (expected $_want): $_out"
}

# python3: writes beneath LL_FS_RW, not elsewhere.
write_py='import sys; open(sys.argv[1], "w").write("x"); print("written")'
expect_run "sandboxer: python3 may write beneath LL_FS_RW" 0 '^written$' \
	env LL_FS_RO="$fs_ro" LL_FS_RW="$work/rw" "$sb" \
	python3 -c "$write_py" "$work/rw/file"
expect_run "sandboxer: python3 may not write elsewhere" 1 'PermissionError' \
	env LL_FS_RO="$fs_ro" LL_FS_RW="$work/rw" "$sb" \
	python3 -c "$write_py" "$work/denied"
tap_result "$([ ! -e "$work/denied" ] && echo 0 || echo 1)" \
	"sandboxer: the denied file was not created"

# curl: two local HTTP servers; the sandbox may connect to one port only.
for port in 8081 8082; do
	(cd "$work" && exec python3 -m http.server --bind 127.0.0.1 "$port") \
		>/dev/null 2>&1 &
	servers="${servers:-} $!"
done
sleep 3
# shellcheck disable=SC2016 # expanded by the inner shell
expect_run "curl: both servers answer outside the sandbox" 0 '^200 200$' \
	sh -c 'a=$(curl -s -o /dev/null -w %{http_code} http://127.0.0.1:8081/)
	       b=$(curl -s -o /dev/null -w %{http_code} http://127.0.0.1:8082/)
	       echo "$a $b"'
expect_run "sandboxer: curl may connect to port 8081 (LL_TCP_CONNECT)" 0 '^200$' \
	env LL_FS_RO="$fs_ro" LL_FS_RW="$work/rw:/dev/null" LL_TCP_CONNECT=8081 "$sb" \
	curl -s -o /dev/null -w '%{http_code}\n' http://127.0.0.1:8081/
expect_run "sandboxer: curl may not connect to port 8082" 7 'Couldn.t connect' \
	env LL_FS_RO="$fs_ro" LL_FS_RW="$work/rw:/dev/null" LL_TCP_CONNECT=8081 "$sb" \
	curl -sS -o /dev/null http://127.0.0.1:8082/
# shellcheck disable=SC2086 # a list of PIDs
kill $servers 2>/dev/null

# auditd: the denials above are in its log (Debian 12's auditd does not
# know the names of the Landlock records: UNKNOWN[1423]).
tap_check "auditd: active" systemctl is-active auditd
sleep 2
log=/var/log/audit/audit.log
rec='type=(LANDLOCK_ACCESS|UNKNOWN\[1423\])'
expect_run "auditd: logged python3's denied write" 0 'blockers=fs\.make_reg' \
	grep -E "$rec.*blockers=fs\.make_reg.*path=\"$work\"" "$log"
expect_run "auditd: logged curl's denied connect" 0 'blockers=net\.connect_tcp' \
	grep -E "$rec.*blockers=net\.connect_tcp.*dest=8082" "$log"
expect_run "auditd: logged the domains (LANDLOCK_DOMAIN)" 0 'status=allocated' \
	grep -E 'type=(LANDLOCK_DOMAIN|UNKNOWN\[1424\]).*status=allocated' "$log"
tap_done
