#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# "make check-distro": Landlock and the files patches/ touch, compiled with
# W=1 in Debian's own amd64 configuration (package linux-config-6.1), with
# landlock first in its CONFIG_LSM list, in build/distro (out of tree, from
# build/linux).  Only these objects are compiled, not the whole kernel.
#
# Fails on any W=1 diagnostic in security/landlock/, and on any diagnostic
# of a patched file that the same file of the base tree does not have: W=1
# already warns about the base's own code (e.g. kernel-doc comments of
# security/apparmor/lsm.c), which is not ours to fix.  The baseline is
# compiled in build/distro-base from build/distro-base/src: a tree of
# symlinks to build/linux, except the files patches/ touch, which are
# extracted unmodified from the tarball.  Logs: build/logs/distro*.log.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DISTRO_OUT="$BUILD/distro"
KMAKE=(make -C "$TREE" O="$DISTRO_OUT" ARCH=x86_64 CC="ccache gcc" -j"$JOBS")
STAMP="$DISTRO_OUT/.harness-config.stamp"
out_log="$LOGS/distro.log"

[[ -f "$TREE/Makefile" ]] || die "no tree in $TREE (run 'make tree')"
[[ -f "$DEBIAN_CONFIG" ]] || ensure_packages linux-config-6.1

# The objects to compile: our directory, and the object of every .c file
# a patch touches (hostfs and arch/*/um are UML-only: not in an amd64
# kernel).  The files that a patch creates have no version in the base
# tree: the baseline has none of them.
targets=(security/landlock/)
touched=()
mapfile -t created < <(patch_created_files)
while IFS= read -r path; do
	case "$path" in
	fs/hostfs/* | arch/um/* | arch/x86/um/*) continue ;;
	security/landlock/* | include/uapi/linux/landlock.h) continue ;;
	*.c) targets+=("${path%.c}.o") ;;
	esac
	touched+=("$path")
done < <(sed -n 's|^+++ b/\([^[:space:]]*\).*|\1|p' "$ROOT"/patches/*.patch |
	sort -u | grep -vxF -f <(printf '%s\n' "${created[@]}"))

BASE_SRC="$BUILD/distro-base/src"
BASE_OUT="$BUILD/distro-base/out"

configure() {
	log "distro: configuring $DISTRO_OUT from $DEBIAN_CONFIG"
	debian_config "$DEBIAN_CONFIG" "$DISTRO_OUT"
}

# The base tree's version of the touched files, in a tree of symlinks.
make_base_src() {
	local stamp="$BUILD/distro-base/src.stamp" want
	want="$(cat "$BUILD/tree.stamp" 2>/dev/null)"
	[[ -d "$BASE_SRC" && "$(cat "$stamp" 2>/dev/null)" == "$want" ]] && return
	log "distro: baseline source tree $BASE_SRC (${touched[*]} from the tarball)"
	rm -rf "$BUILD/distro-base"
	mkdir -p "$BUILD/distro-base/pristine"
	cp -as "$TREE" "$BASE_SRC"
	local members=() p
	for p in "${touched[@]}"; do
		members+=("$TARBALL_TOPDIR/$p")
	done
	tar -xf "$TARBALL" -C "$BUILD/distro-base/pristine" "${members[@]}"
	for p in "${touched[@]}"; do
		rm -f "$BASE_SRC/$p"
		cp "$BUILD/distro-base/pristine/$TARBALL_TOPDIR/$p" "$BASE_SRC/$p"
	done
	for p in "${created[@]}"; do
		rm -f "$BASE_SRC/$p"
	done
	printf '%s\n' "$want" >"$stamp"
}

# Diagnostics of a build log, without paths, line and column numbers.
diagnostics() {
	grep -E 'warning:|error:' "$1" |
		sed -E -e "s#^($TREE|$BASE_SRC)/##" \
			-e 's#^([^:]*):[0-9]+(:[0-9]+)?:#\1:#' |
		sort || true
}

# compile OUT SRC LOG TARGET...: from scratch (ccache replays diagnostics).
compile() {
	local out="$1" src="$2" clog="$3" t
	shift 3
	for t in "$@"; do
		case "$t" in
		*/) rm -f "$out/$t"*.o ;;
		*) rm -f "$out/$t" ;;
		esac
	done
	make -C "$src" O="$out" ARCH=x86_64 CC="ccache gcc" -j"$JOBS" -k \
		W=1 "$@" >"$clog" 2>&1
}

mkdir -p "$LOGS"
start=$(date +%s)
want="$(sha256sum "$DEBIAN_CONFIG" "$HARNESS/distro.sh" | sha256sum | cut -d' ' -f1)"
if [[ ! -f "$DISTRO_OUT/.config" || "$(cat "$STAMP" 2>/dev/null)" != "$want" ]]; then
	configure
	printf '%s\n' "$want" >"$STAMP"
fi
log "distro: make prepare (W=1, so that the objects below do not rebuild it)"
"${KMAKE[@]}" -s W=1 prepare >"$LOGS/distro-prepare.log" 2>&1 ||
	{ tail -n 40 "$LOGS/distro-prepare.log"; die "distro: make prepare failed"; }
prepared=$(date +%s)
log "distro: prepared in $((prepared - start)) s; compiling ${targets[*]}"

status=0
compile "$DISTRO_OUT" "$TREE" "$LOGS/distro.log" "${targets[@]}" || status=1
log "distro: compiled in $(($(date +%s) - prepared)) s"
objs="$(grep -c '^  CC ' "$LOGS/distro.log" || true)"
ours="$(diagnostics "$LOGS/distro.log" | grep -E '^security/landlock/|landlock' || true)"

# The baseline: the same objects but security/landlock/, unpatched.
base_start=$(date +%s)
make_base_src
mkdir -p "$BASE_OUT"
cp "$DISTRO_OUT/.config" "$BASE_OUT/.config"
make -C "$BASE_SRC" O="$BASE_OUT" ARCH=x86_64 CC="ccache gcc" -j"$JOBS" -s \
	W=1 olddefconfig prepare >"$LOGS/distro-base-prepare.log" 2>&1 ||
	{ tail -n 40 "$LOGS/distro-base-prepare.log"; die "distro: baseline prepare failed"; }
compile "$BASE_OUT" "$BASE_SRC" "$LOGS/distro-base.log" "${targets[@]:1}" || true
log "distro: baseline in $(($(date +%s) - base_start)) s"
new="$(comm -23 <(diagnostics "$LOGS/distro.log" | grep -v landlock || true) \
	<(diagnostics "$LOGS/distro-base.log"))"

if ((status != 0)); then
	grep -E 'error|\*\*\*' "$LOGS/distro.log" | head -n 40
fi
if [[ -n "$ours" ]]; then
	echo "=== W=1 diagnostics in Landlock:"
	printf '%s\n' "$ours"
fi
if [[ -n "$new" ]]; then
	echo "=== W=1 diagnostics the patches add (not in the base tree):"
	printf '%s\n' "$new"
fi
base_count="$(diagnostics "$LOGS/distro-base.log" | grep -c . || true)"
echo "check-distro: $objs objects (${targets[*]}) with W=1 in Debian's amd64" \
	"config, CONFIG_LSM=\"$(sed -n 's/^CONFIG_LSM="\(.*\)"$/\1/p' \
	"$DISTRO_OUT/.config")\"; the base tree's own diagnostics in the" \
	"patched files, ignored: $base_count (see $LOGS/distro-base.log)"
if ((status != 0)) || [[ -n "$ours$new" ]]; then
	echo "distro: 0 passed, 1 failed"
	exit 1
fi
echo "distro: 1 passed, 0 failed"
