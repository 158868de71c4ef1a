#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Builds samples/landlock/sandboxer (from build/linux) as a static binary,
# against the UAPI headers of build/um/usr/include.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

src="$TREE/samples/landlock/sandboxer.c"
out="$SAMPLES_OUT/sandboxer"
[[ -f "$src" ]] || die "sandboxer: no samples/landlock/sandboxer.c yet"
[[ -f "$HDR_DIR/linux/types.h" ]] || die "no headers in $HDR_DIR (run 'make headers')"

mkdir -p "$SAMPLES_OUT"
log "sandboxer: building $out"
gcc -static -O2 -Wall -Wextra -Wno-unused-parameter -isystem "$HDR_DIR" \
	-o "$out.tmp" "$src"
mv "$out.tmp" "$out"
