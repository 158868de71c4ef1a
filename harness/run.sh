#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# "make run": boots the UML kernel and runs harness/demo.sh in it (with the
# samples sandboxer and landlock-status), or, with
# CMD set, runs "sandboxer /bin/sh -c CMD" with the LL_* variables of the
# environment (defaults: LL_FS_RO=/usr:/bin:/lib:/lib64:/etc:/proc:/dev,
# LL_FS_RW=/tmp).  Exits with the status of the demo or of the command.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

sandboxer="$SAMPLES_OUT/sandboxer"
status="$SAMPLES_OUT/landlock-status"
[[ -x "$sandboxer" && -x "$status" ]] ||
	die "run: $sandboxer or $status missing (run 'make sandboxer')"

if [[ -z "${HARNESS_CMD:-}" ]]; then
	[[ -f "$HARNESS/demo.sh" ]] || die "run: no harness/demo.sh yet"
	guest_cmd="$(printf 'SANDBOXER=%q LANDLOCK_STATUS=%q bash %q' \
		"$sandboxer" "$status" "$HARNESS/demo.sh")"
	exec bash "$HARNESS/uml-run.sh" --log run-demo -- "$guest_cmd"
fi

export LL_FS_RO="${LL_FS_RO-/usr:/bin:/lib:/lib64:/etc:/proc:/dev}"
export LL_FS_RW="${LL_FS_RW-/tmp}"
# Hand every LL_* variable of the environment to the sandboxer.
assignments=()
for name in $(compgen -e); do
	if [[ "$name" == LL_* ]]; then
		assignments+=("$name=${!name}")
	fi
done
guest_cmd="$(printf '%q ' env "${assignments[@]}" "$sandboxer" \
	/bin/sh -c "$HARNESS_CMD")"
log "run: ${assignments[*]} sandboxer /bin/sh -c '$HARNESS_CMD'"
exec bash "$HARNESS/uml-run.sh" --log run -- "$guest_cmd"
