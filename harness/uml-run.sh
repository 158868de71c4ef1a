#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Boots build/um/linux on the host's / (hostfs), runs a command in the guest
# and exits with its status.
#
#   uml-run.sh [--log NAME] [--append PARAM]... [--quiet] [--] [CMD]
#
# CMD defaults to $HARNESS_CMD (what "make uml-run CMD=..." passes).  It runs
# with /bin/sh -c in the repository root, as root, or as uid/gid 65534 with no
# capabilities if UML_USER=1.  The console goes to build/logs/NAME.log (and to
# stdout unless --quiet).  A kernel panic, a timeout (UML_TIMEOUT seconds,
# default 1800) or a missing exit marker make this script fail (status 125).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

log_name="uml-run"
quiet=0
append=()
while (($#)); do
	case "$1" in
	--log) log_name="$2"; shift 2 ;;
	--append) append+=("$2"); shift 2 ;;
	--quiet) quiet=1; shift ;;
	--) shift; break ;;
	-*) die "uml-run: unknown option $1" ;;
	*) break ;;
	esac
done
if (($#)); then
	cmd="$*"
else
	cmd="${HARNESS_CMD:-}"
fi
[[ -n "$cmd" ]] || die "uml-run: nothing to run (make uml-run CMD='...')"
[[ -x "$UML_BIN" ]] || die "uml-run: $UML_BIN missing (run 'make kernel')"

mkdir -p "$LOGS" "$BUILD/run"
job="$(mktemp "$BUILD/run/job.XXXXXX")"
cmd_file="$job.cmd"
marker="HARNESS-EXIT-$(basename "$job")-$RANDOM$RANDOM"
console="$LOGS/$log_name.log"
trap 'rm -f "$job" "$cmd_file"' EXIT

printf '%s\n' "$cmd" >"$cmd_file"
{
	printf 'JOB_ROOT=%q\n' "$ROOT"
	printf 'JOB_CMD_FILE=%q\n' "$cmd_file"
	printf 'JOB_USER=%q\n' "${UML_USER:-0}"
	printf 'JOB_MARKER=%q\n' "$marker"
} >"$job"

# shellcheck disable=SC2054 # the commas belong to con0=fd:0,fd:1
cmdline=(
	rootfstype=hostfs rootflags=/ rw mem=512M
	init="$HARNESS/guest-init.sh" con=null con0=fd:0,fd:1
	quiet panic_on_warn=1 oops=panic
	HARNESS_JOB="$job"
	"${append[@]}"
)

# UML's memory file goes to the host's TMPDIR; the guest's /tmp is a tmpfs
# (a repository under /tmp is mounted back over it by guest-init.sh).
export TMPDIR="${TMPDIR:-/tmp}"
timeout_s="${UML_TIMEOUT:-1800}"
# On a panic, UML kills its whole process group: give it its own session.
run_uml=(setsid --wait timeout -k 10 "$timeout_s" "$UML_BIN" "${cmdline[@]}")
start=$(date +%s.%N)
set +e
if ((quiet)); then
	"${run_uml[@]}" </dev/null >"$console" 2>&1
else
	# Not a terminal (CI, make): give UML an empty stdin.
	if [[ -t 0 ]]; then
		"${run_uml[@]}" 2>&1 | tee "$console"
	else
		"${run_uml[@]}" </dev/null 2>&1 | tee "$console"
	fi
fi
uml_status=${PIPESTATUS[0]}
set -e
elapsed=$(echo "$(date +%s.%N) - $start" | bc)

status="$(tr -d '\r' <"$console" |
	sed -n "s/^$marker: \([0-9][0-9]*\)\$/\1/p" | tail -n1)"
if grep -q 'Kernel panic' "$console"; then
	log "uml-run: KERNEL PANIC (see $console)"
	exit 125
fi
if [[ -z "$status" ]]; then
	if ((uml_status == 124 || uml_status == 137)); then
		log "uml-run: timeout after ${timeout_s}s (see $console)"
	else
		log "uml-run: no exit marker, UML exited with $uml_status (see $console)"
	fi
	exit 125
fi
log "uml-run: exit status $status, $(printf '%.1f' "$elapsed") s (console: $console)"
exit "$status"
