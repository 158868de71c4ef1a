#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Builds the Landlock kselftests of build/linux into build/selftests/, against
# the UAPI headers of build/um/usr/include (run "kernel.sh headers" first).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

src="$TREE/tools/testing/selftests/landlock"
[[ -f "$HDR_DIR/linux/types.h" ]] || die "no headers in $HDR_DIR (run 'make headers')"
if [[ ! -f "$src/Makefile" ]]; then
	log "selftests: no $src/Makefile (no selftest written yet)"
	exit 0
fi

mkdir -p "$SELFTESTS_OUT"
# lib.mk does not track the kernel headers: rebuild all when ours change.
uapi_hash="$(sha256sum 2>/dev/null <"$HDR_DIR/linux/landlock.h" || true)"
if [[ "$(cat "$SELFTESTS_OUT/.uapi-hash" 2>/dev/null)" != "$uapi_hash" ]]; then
	find "$SELFTESTS_OUT" -mindepth 1 -maxdepth 1 ! -name '.*' \
		-exec rm -rf {} +
	printf '%s\n' "$uapi_hash" >"$SELFTESTS_OUT/.uapi-hash"
fi
log "selftests: building into $SELFTESTS_OUT"
# MAKEFLAGS from the top-level make would leak its variables (CMD...) in.
env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS \
	make -C "$src" OUTPUT="$SELFTESTS_OUT" \
	KHDR_INCLUDES="-isystem $HDR_DIR" -j"$JOBS" --keep-going || true

missing=0
for c in "$ROOT"/tools/testing/selftests/landlock/*_test.c; do
	[[ -e "$c" ]] || continue
	bin="$(basename "$c" .c)"
	# A binary older than its sources is a leftover of a previous build.
	for dep in "$src/$bin.c" "$src"/*.h; do
		if [[ -e "$dep" && "$dep" -nt "$SELFTESTS_OUT/$bin" ]]; then
			rm -f "$SELFTESTS_OUT/$bin"
		fi
	done
	if [[ ! -x "$SELFTESTS_OUT/$bin" ]]; then
		log "selftests: $bin was not built"
		missing=1
	fi
done
((missing == 0)) || die "selftests: some binaries could not be built"
log "selftests: built in $SELFTESTS_OUT"
