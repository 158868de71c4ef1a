#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Audit with the real user space, as root in the UML guest: starts Debian's
# auditd (logging to a file of the guest's tmpfs), runs the sample sandboxer
# on a command whose file read is denied, and checks that auditd's log holds
# mainline's records, with their exact fields and in mainline's order:
#
#   type=1423 ... domain=ID blockers=fs.read_file path="..." dev="..." ino=N
#   type=1424 ... domain=ID status=allocated mode=enforcing pid=N uid=N
#                 exe="..." comm="..."            (same event, after it)
#   type=1424 ... domain=ID status=deallocated denials=1   (when freed)
#
# and nothing else from Landlock (a first run with LL_LOG=0 logs nothing).
# Debian 12's auditd does not know these types: it writes UNKNOWN[1423]
# and UNKNOWN[1424] (newer ones LANDLOCK_ACCESS and LANDLOCK_DOMAIN).
#
#   guest-auditd.sh SANDBOXER [COPY]
#
# COPY: where to copy auditd's log for the host.  Prints TAP with
# kselftest's "# Totals:" line; exits non-zero on a failure.
set -u

source "$(dirname "${BASH_SOURCE[0]}")/guest-tap.sh"

sandboxer="${1:-}"
copy="${2:-}"
work=/tmp/ll-auditd
files=/tmp/ll-auditd-files
audit_log="$work/audit.log"
auditd_pid=

[[ -x "$sandboxer" ]] || tap_bail "no sandboxer at '$sandboxer' (make sandboxer)"
for tool in auditd auditctl; do
	command -v "$tool" >/dev/null ||
		tap_bail "no $tool: install Debian's auditd package (make deps)"
done

stop_auditd() {
	if [[ -n "$auditd_pid" ]]; then
		kill -TERM "$auditd_pid" 2>/dev/null
		wait "$auditd_pid" 2>/dev/null
		auditd_pid=
	fi
	if [[ -n "$copy" && -f "$audit_log" ]]; then
		cp "$audit_log" "$copy"
	fi
}
trap stop_auditd EXIT

# Everything auditd writes stays on the guest's tmpfs (/ is the host's).
rm -rf "$work" "$files"
mkdir -m 700 "$work" "$work/plugins.d"
cat >"$work/auditd.conf" <<EOF
local_events = yes
write_logs = yes
log_file = $audit_log
log_group = root
log_format = RAW
flush = SYNC
priority_boost = 0
name_format = NONE
max_log_file = 0
max_log_file_action = IGNORE
space_left = 2
space_left_action = IGNORE
admin_space_left = 1
admin_space_left_action = IGNORE
disk_full_action = IGNORE
disk_error_action = IGNORE
plugin_dir = $work/plugins.d
EOF
chmod 600 "$work/auditd.conf"

# Enables audit, and registers itself as the audit daemon.
auditd -n -c "$work" >"$work/auditd.out" 2>&1 &
auditd_pid=$!
registered=1
for _ in $(seq 50); do
	status="$(auditctl -s 2>/dev/null)"
	if grep -qx "pid $auditd_pid" <<<"$status" &&
		grep -qx 'enabled 1' <<<"$status"; then
		registered=0
		break
	fi
	sleep 0.2
done
tap_result "$registered" "auditd: enabled audit and registered as the daemon" \
	"$(auditctl -s 2>&1; cat "$work/auditd.out")"
((registered == 0)) || tap_done

mkdir -m 755 "$files"
secret="$files/secret"
echo secret >"$secret"
ino="$(stat -c %i "$secret")"
# The s_id of the guest's /tmp.
dev=tmpfs
exe="$(readlink -f "$sandboxer")"
export LL_FS_RO=/usr:/bin:/lib:/lib64:/etc LL_FS_RW=

# sandboxed_cat [VAR=VALUE]...: runs "SANDBOXER cat SECRET" with these
# variables; sets pid, cat_status and out.
sandboxed_cat() {
	env "$@" "$sandboxer" /bin/cat "$secret" >"$work/cat.out" 2>&1 &
	pid=$!
	wait "$pid"
	cat_status=$?
	out="$(grep -v '^sandboxer: Landlock ABI' "$work/cat.out")"
}

# Not logged: LL_LOG=0 (LANDLOCK_RESTRICT_SELF_LOG_SAME_EXEC_OFF alone).
sandboxed_cat LL_LOG=0
# Logged: LOG_SAME_EXEC_OFF | LOG_NEW_EXEC_ON, the sandboxer's default.
sandboxed_cat
[[ "$cat_status" != 0 && "$out" == *"$secret: Permission denied" ]]
tap_result "$?" "sandboxer: the read of $secret is denied" \
	"cat exited with $cat_status: $out"

# Landlock's records: "INDEX TYPE STAMP REST" per line of the log.
records() {
	awk '{
		type = ""
		if ($1 ~ /^type=(UNKNOWN\[1423\]|LANDLOCK_ACCESS)$/)
			type = "access"
		else if ($1 ~ /^type=(UNKNOWN\[1424\]|LANDLOCK_DOMAIN)$/)
			type = "domain"
		if (type == "" || $2 !~ /^msg=audit\([0-9.]+:[0-9]+\):$/)
			next
		stamp = substr($2, 11, length($2) - 12)
		rest = $0
		sub(/^[^ ]+ [^ ]+ /, "", rest)
		print NR, type, stamp, rest
	}' "$audit_log"
}

# Waits (5 s at most) for a Landlock record matching the regex $1.
wait_record() {
	for _ in $(seq 50); do
		records | grep -qE "$1" && return 0
		sleep 0.1
	done
	return 1
}

hex='[0-9a-f]+'
wait_record "^[0-9]+ domain [^ ]+ domain=$hex status=allocated "
access_line="$(records | grep -m1 ' access ')"
read -r access_index _ access_stamp access_rest <<<"$access_line"
domain_line="$(records | grep -m1 -E " domain=$hex status=allocated ")"
read -r domain_index _ domain_stamp domain_rest <<<"$domain_line"
# The domain's ID: the one the allocated record names.
domain="$(sed -nE "s/^domain=($hex) .*/\1/p" <<<"$domain_rest")"

want="domain=$domain blockers=fs.read_file path=\"$secret\" dev=\"$dev\" ino=$ino"
[[ -n "$domain" && "$access_rest" == "$want" ]]
tap_result "$?" "access record: $want" "got: ${access_line:-no access record}"

want="domain=$domain status=allocated mode=enforcing pid=$pid uid=0 exe=\"$exe\" comm=\"sandboxer\""
[[ -n "$domain" && "$domain_rest" == "$want" ]]
tap_result "$?" "domain record: $want" "got: ${domain_line:-no allocated record}"

[[ -n "$access_index" && -n "$domain_index" ]] &&
	((access_index < domain_index)) &&
	[[ "$access_stamp" == "$domain_stamp" ]]
tap_result "$?" "order: the access record, then the allocated record of the same event" \
	"access record at line ${access_index:-none} (${access_stamp:-}), allocated record at line ${domain_index:-none} (${domain_stamp:-})"

want="domain=$domain status=deallocated denials=1"
wait_record "^[0-9]+ domain [^ ]+ $want\$"
tap_result "$?" "domain record when freed: $want" \
	"got: $(records | grep ' status=deallocated' || echo none)"

# Exactly these three: nothing from the LL_LOG=0 run, one denial logged.
count="$(records | wc -l)"
((count == 3))
tap_result "$?" "no other Landlock record (LL_LOG=0 logs nothing)" \
	"$count records:
$(records)"

stop_auditd
tap_done
