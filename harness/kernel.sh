#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Builds the UML kernel build/um/linux from build/linux (run tree.sh first).
#
#   kernel.sh            configure (when harness/configs/ changed) and build
#   kernel.sh headers    install the UAPI headers into build/um/usr/include
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

[[ -f "$TREE/Makefile" ]] || die "no tree in $TREE (run 'make tree')"

KMAKE=(make -C "$TREE" O="$UML_OUT" ARCH=um CC="ccache gcc" -j"$JOBS")
# Landlock's .kunitconfig too: the KUnit tests are built in, and run when
# kunit.sh boots the kernel with kunit.enable=1.  It comes first, so that our
# fragments override what it says (CONFIG_LSM: the LSMs of landlock.config).
FRAGMENTS=("$TREE/security/landlock/.kunitconfig" "$HARNESS"/configs/*.config)

build() {
	kconfig_merge "$TREE" "$UML_OUT" um "${FRAGMENTS[@]}"
	log "kernel: building $UML_BIN"
	# syncconfig runs here if a Kconfig file changed.
	"${KMAKE[@]}"
	kconfig_verify "$UML_OUT/.config" "${FRAGMENTS[@]}"
	[[ -x "$UML_BIN" ]] || die "kernel: $UML_BIN not built"
	log "kernel: $UML_BIN ready"
}

# UML cannot export headers itself: export the x86 ones (the guest's user
# space ABI is x86_64) from a separate output directory.
headers() {
	log "kernel: installing UAPI headers into $HDR_DIR"
	make -C "$TREE" O="$BUILD/headers" ARCH=x86 -j"$JOBS" -s \
		INSTALL_HDR_PATH="$UML_OUT/usr" headers_install
	[[ -f "$HDR_DIR/linux/landlock.h" ]] ||
		log "kernel: warning: no linux/landlock.h in the exported headers"
}

case "${1:-build}" in
build) build ;;
headers) headers ;;
*) die "usage: $0 [build|headers]" ;;
esac
