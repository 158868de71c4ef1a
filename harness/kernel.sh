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
# Landlock's .kunitconfig too: the KUnit kernel (kunit.sh) then has the same
# config and is built from ccache.
FRAGMENTS=("$HARNESS"/configs/*.config "$TREE/security/landlock/.kunitconfig")
CONFIG_STAMP="$UML_OUT/.harness-config.stamp"

configure() {
	log "kernel: configuring (allnoconfig + harness/configs/*.config +" \
		"security/landlock/.kunitconfig)"
	mkdir -p "$UML_OUT"
	# -n: allnoconfig with the fragments as KCONFIG_ALLCONFIG, so that what
	# a fragment turns on (e.g. NET) does not bring in default-y options.
	(cd "$TREE" && ARCH=um scripts/kconfig/merge_config.sh -n \
		-O "$UML_OUT" "${FRAGMENTS[@]}" >"$UML_OUT/merge_config.log" 2>&1) ||
		{ cat "$UML_OUT/merge_config.log" >&2; die "kernel: merge_config.sh failed"; }
	"${KMAKE[@]}" -s olddefconfig
}

# Fails if an option of a fragment is not set as requested in .config.
check_config() {
	local frag line sym want got bad=0
	for frag in "${FRAGMENTS[@]}"; do
		while IFS= read -r line; do
			if [[ "$line" =~ ^(CONFIG_[A-Za-z0-9_]+)=(.*)$ ]]; then
				sym="${BASH_REMATCH[1]}"
				want="$line"
			elif [[ "$line" =~ ^#\ (CONFIG_[A-Za-z0-9_]+)\ is\ not\ set$ ]]; then
				sym="${BASH_REMATCH[1]}"
				want=""
			else
				continue
			fi
			got="$(grep -E "^$sym=" "$UML_OUT/.config" || true)"
			if [[ "$got" != "$want" ]]; then
				printf '[harness] %s: requested "%s", got "%s"\n' \
					"${frag##*/}" "${want:-# $sym is not set}" \
					"${got:-# $sym is not set}" >&2
				bad=1
			fi
		done <"$frag"
	done
	((bad == 0)) || die "kernel: the config does not have what harness/configs/ asks for"
}

build() {
	local want
	want="$(cat "${FRAGMENTS[@]}" "$HARNESS/kernel.sh" | sha256sum | cut -d" " -f1)"
	if [[ ! -f "$UML_OUT/.config" || ! -f "$CONFIG_STAMP" ||
		"$(cat "$CONFIG_STAMP")" != "$want" ]]; then
		configure
		printf '%s\n' "$want" >"$CONFIG_STAMP"
	fi
	log "kernel: building $UML_BIN"
	# syncconfig runs here if a Kconfig file changed.
	"${KMAKE[@]}"
	check_config
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
