#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Landlock demo: runs a handful of file accesses under the sample sandbox
# manager (samples/landlock/sandboxer) and checks that each one is allowed
# or denied as the policy says.
#
# Meant to run inside the UML guest, as root, from the repository root, with
# SANDBOXER set to the absolute path of a statically linked sandboxer, and
# LANDLOCK_STATUS to that of landlock-status (samples/landlock/), which
# shows a sandboxed shell at the end.
# Exits non-zero if any access did not behave as expected.

set -u

if [ -z "${SANDBOXER:-}" ] || [ ! -x "$SANDBOXER" ]; then
	echo "demo: SANDBOXER must name the sandboxer executable" >&2
	exit 2
fi

DEMO=/tmp/demo
# Name of the files we try (and should fail) to create outside the
# scratch area; removed whatever happens.
PROBE=.landlock-demo-probe

passed=0
failed=0

cleanup() {
	rm -f "/etc/$PROBE" "/usr/$PROBE"
}
trap cleanup EXIT

# Prints the last line of $1, without the "/bin/sh: 1: " prefix of dash.
last_line() {
	printf '%s\n' "$1" | tail -n 1 | sed -e 's|^/bin/sh: [0-9]*: ||'
}

# Prints a detail line under the result of a check.
note() {
	printf '%-9s -> %s\n' "" "$1"
}

# check allowed|denied|scoped|refused COMMAND
#
# Runs COMMAND with /bin/sh inside the sandbox.  "allowed" expects success;
# "denied" expects failure with EACCES ("Permission denied"); "scoped" and
# "refused" with EPERM ("Operation not permitted"), the error of scopes and
# of permissions (namespaces, capabilities).
check() {
	expect=$1
	cmd=$2

	out=$("$SANDBOXER" /bin/sh -c "$cmd" 2>&1)
	rc=$?
	# Drop the sandboxer's own banner, keep what the command said.
	out=$(printf '%s\n' "$out" |
		grep -v -e '^sandboxer: Landlock ABI' -e '^sandboxer: warning:')

	result=FAIL
	case $expect in
	allowed)
		[ "$rc" -eq 0 ] && result=PASS
		;;
	denied)
		if [ "$rc" -ne 0 ]; then
			case $out in
			*"Permission denied"*) result=PASS ;;
			esac
		fi
		;;
	scoped | refused)
		if [ "$rc" -ne 0 ]; then
			case $out in
			*"Operation not permitted"*) result=PASS ;;
			esac
		fi
		;;
	esac

	printf '%-9s %-48s %s\n' "[$expect]" "$cmd" "$result"
	if [ "$result" = PASS ]; then
		passed=$((passed + 1))
		# Show the error that the denied access got.
		[ "$expect" != allowed ] && note "$(last_line "$out")"
	else
		failed=$((failed + 1))
		if [ "$rc" -eq 0 ]; then
			note "succeeded, expected an error"
		else
			note "$(last_line "$out") (exit status $rc)"
		fi
	fi
	cleanup
}

echo "=== Landlock demo ==="
echo "kernel:    $(uname -sr)"

# Scratch area: /tmp is a tmpfs in the guest.
rm -rf "$DEMO"
mkdir -p "$DEMO/rw" "$DEMO/ro-area" "$DEMO/other" || exit 1
echo "read-only data" >"$DEMO/ro-area/data.txt"
cp /bin/true "$DEMO/other/true" || exit 1

# System directories are readable; skip those this system lacks.
ro=
for dir in /usr /bin /lib /lib64 /etc /proc /dev; do
	[ -e "$dir" ] && ro="${ro:+$ro:}$dir"
done
LL_FS_RO="$ro:$DEMO/ro-area"
LL_FS_RW="$DEMO/rw"
# TCP: connecting to port 8080 only; binding to no port at all.
LL_TCP_CONNECT=8080
LL_TCP_BIND=
# UDP: sending to port 8053 only (binding, including the automatic bind of
# a first send, stays unrestricted: LL_UDP_BIND is not set).
LL_UDP_CONNECT=8053
# No signal to, and no abstract UNIX socket of, a process outside.
LL_SCOPED=as
export LL_FS_RO LL_FS_RW LL_TCP_CONNECT LL_TCP_BIND LL_UDP_CONNECT LL_SCOPED

ip link set lo up 2>/dev/null
# An unsandboxed TCP server on ports 8080 and 9090 of the loopback, on the
# abstract UNIX socket "@landlock-demo", and on two pathname UNIX sockets
# (one in the sandbox's writable area, one outside), for the network,
# socket and scope checks; it goes away by itself after ten minutes (a loaded machine may
# take more than one to run the checks), if the demo did not stop it.
python3 -c '
import select, socket, sys, time
servers = []
for port in (8080, 9090):
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", port))
    s.listen(8)
    servers.append(s)
for path in ["\0landlock-demo"] + sys.argv[1:]:
    s = socket.socket(socket.AF_UNIX)
    s.bind(path)
    s.listen(8)
    servers.append(s)
end = time.time() + 600
while time.time() < end:
    ready, _, _ = select.select(servers, [], [], 1)
    for s in ready:
        s.accept()[0].close()
' "$DEMO/rw/app.sock" "$DEMO/other/daemon.sock" &
server=$!
sleep 1

# The sandboxer reports the ABI version the kernel gives (or a warning
# when the kernel has no Landlock).
banner=$("$SANDBOXER" /bin/true 2>&1)
echo "landlock:  $(printf '%s\n' "$banner" | sed -e 's/^sandboxer: //')"
echo "policy:    LL_FS_RO=$LL_FS_RO"
echo "           LL_FS_RW=$LL_FS_RW"
echo "           LL_TCP_CONNECT=$LL_TCP_CONNECT LL_TCP_BIND=$LL_TCP_BIND"
echo "           LL_UDP_CONNECT=$LL_UDP_CONNECT"
echo "           LL_SCOPED=$LL_SCOPED"
echo

hostfile=/etc/hostname
[ -r "$hostfile" ] || hostfile=/etc/os-release

check allowed "cat $hostfile"
check allowed "ls /usr"
check allowed "cat $DEMO/ro-area/data.txt"
check allowed "echo hello >$DEMO/rw/hello.txt"
check allowed "mkdir $DEMO/rw/subdir"
check denied "echo hello >$DEMO/ro-area/hello.txt"
check denied "echo hello >/etc/$PROBE"
check denied "echo hello >/usr/$PROBE"
check denied "mkdir $DEMO/newdir"
check denied "$DEMO/other/true"
check allowed "bash -c 'echo hi >/dev/tcp/127.0.0.1/8080'"
check denied "bash -c 'echo hi >/dev/tcp/127.0.0.1/9090'"
check denied "python3 -c 'import socket; socket.socket().bind((\"127.0.0.1\", 8000))'"
check allowed "python3 -c 'import socket; socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b\"hi\", (\"127.0.0.1\", 8053))'"
check denied "python3 -c 'import socket; socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b\"hi\", (\"127.0.0.1\", 9053))'"
# Pathname UNIX sockets: those beneath LL_FS_RW only.
check allowed "python3 -c 'import socket; socket.socket(socket.AF_UNIX).connect(\"$DEMO/rw/app.sock\")'"
check denied "python3 -c 'import socket; socket.socket(socket.AF_UNIX).connect(\"$DEMO/other/daemon.sock\")'"
# Signals and abstract sockets: within the sandbox only.
check allowed 'kill -0 $$'
check scoped "kill -0 $server"
check scoped "python3 -c 'import socket; socket.socket(socket.AF_UNIX).connect(\"\\0landlock-demo\")'"
# Permissions (ABI 12): UTS namespaces only, and CAP_SYS_ADMIN (21), which
# creating one needs, as the only capability.
LL_NS=uts
LL_CAPS=21
export LL_NS LL_CAPS
echo "policy:    LL_NS=$LL_NS LL_CAPS=$LL_CAPS from here on"
check allowed "unshare --uts hostname sandboxed"
check refused "unshare --net true"
check refused "chown nobody $DEMO/rw/hello.txt"
unset LL_NS LL_CAPS

kill "$server" 2>/dev/null

# The sandbox seen from outside: a sandboxed shell waits in the background
# while landlock-status lists the sandboxed processes, then describes the
# shell alone.
if [ -n "${LANDLOCK_STATUS:-}" ]; then
	echo
	echo "=== A sandboxed shell, seen with landlock-status"
	"$SANDBOXER" /bin/sh -c 'while :; do sleep 1; done' >/dev/null 2>&1 &
	shell=$!
	# The sandboxer runs the shell once the sandbox is in place.
	tries=0
	while [ "$(cat "/proc/$shell/comm" 2>/dev/null)" != sh ] &&
		[ "$tries" -lt 50 ]; do
		sleep 0.1
		tries=$((tries + 1))
	done
	echo "\$ cat /proc/$shell/attr/landlock/current"
	cat "/proc/$shell/attr/landlock/current"
	echo "\$ landlock-status"
	"$LANDLOCK_STATUS"
	echo "\$ landlock-status $shell"
	out=$("$LANDLOCK_STATUS" "$shell")
	rc=$?
	printf '%s\n' "$out"
	result=FAIL
	case $out in
	"$shell (sh): 1 layer"*) [ "$rc" -eq 0 ] && result=PASS ;;
	esac
	printf '%-9s %-48s %s\n' "[status]" "landlock-status $shell" "$result"
	if [ "$result" = PASS ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
	fi
	kill "$shell" 2>/dev/null
	wait "$shell" 2>/dev/null
fi

echo
echo "demo: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
