#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Builds the Landlock samples of build/linux/samples/landlock (sandboxer,
# landlock-status) as static binaries into build/samples/landlock/, against
# the UAPI headers of build/um/usr/include.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SAMPLES=(sandboxer landlock-status)

[[ -f "$HDR_DIR/linux/types.h" ]] || die "no headers in $HDR_DIR (run 'make headers')"

# build_sample NAME: samples/landlock/NAME.c -> build/samples/landlock/NAME
build_sample() {
	local name="$1"
	local src="$TREE/samples/landlock/$name.c"
	local out="$SAMPLES_OUT/$name"

	[[ -f "$src" ]] || die "samples: no samples/landlock/$name.c"
	log "samples: building $out"
	gcc -static -O2 -Wall -Wextra -Wno-unused-parameter -isystem "$HDR_DIR" \
		-o "$out.tmp" "$src"
	mv "$out.tmp" "$out"
}

mkdir -p "$SAMPLES_OUT"
for name in "${SAMPLES[@]}"; do
	build_sample "$name"
done
