#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# "make deb": Debian kernel packages (linux-image and linux-headers, with
# the kernel's own "make bindeb-pkg") of build/linux in Debian's amd64
# configuration, in build/deb/.
#
# The configuration is harness/lib.sh's debian_config (Debian's, with
# landlock first in CONFIG_LSM), then two reductions, both checked below:
#  - modules: only those a QEMU virtual machine of Debian 12 loads
#    (harness/configs/deb/modules.lsmod, given to "make localmodconfig").
#    Debian builds about 4000 modules; with them the build takes many
#    hours on 2 cores.  Every built-in (=y) option of Debian's stays, but
#    those that depend on a module not built: the bool options of such a
#    module, and the helpers that only such modules select (listed in
#    build/deb/builtins-lost.txt).
#  - no debug information (DEBUG_INFO_NONE): Debian moves it to a separate
#    -dbg package, it multiplies the build time and disk space, and it
#    changes no code.
# Log: build/logs/deb.log.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DEB_DIR="$BUILD/deb"
DEB_OUT="$DEB_DIR/obj"
MODULES="$HARNESS/configs/deb/modules.lsmod"
KMAKE=(make -C "$TREE" O="$DEB_OUT" ARCH=x86_64 CC="ccache gcc" -j"$JOBS")
STAMP="$DEB_OUT/.harness-config.stamp"
LOCALVERSION="-landlock"

# The =y options of a configuration, without the debug information ones.
builtins() {
	grep -E '^CONFIG_[A-Za-z0-9_]+=y$' "$1" | grep -v '^CONFIG_DEBUG_INFO' | sort
}

configure() {
	local debian="$DEB_DIR/debian.config" lost="$DEB_DIR/builtins-lost.txt"

	log "deb: configuring $DEB_OUT from $DEBIAN_CONFIG"
	debian_config "$DEBIAN_CONFIG" "$DEB_OUT"
	cp "$DEB_OUT/.config" "$debian"
	"$TREE/scripts/config" --file "$DEB_OUT/.config" \
		--disable DEBUG_INFO_DWARF_TOOLCHAIN_DEFAULT \
		--disable DEBUG_INFO_DWARF4 --disable DEBUG_INFO_DWARF5 \
		--enable DEBUG_INFO_NONE
	"${KMAKE[@]}" -s olddefconfig
	"${KMAKE[@]}" -s LSMOD="$MODULES" localmodconfig </dev/null >"$LOGS/deb-config.log" 2>&1
	# localmodconfig may turn off a built-in option along with a module
	# that depends on it: every =y option of Debian's comes back, and
	# olddefconfig drops only those whose dependencies are modules that
	# are not built (their bool sub-options, helpers only they select).
	awk 'NR == FNR { y[$0] = 1; next }
		{ sym = $0; sub(/^# /, "", sym); sub(/[= ].*/, "", sym) }
		(sym "=y") in y { print sym "=y"; next } { print }' \
		<(builtins "$debian") "$DEB_OUT/.config" >"$DEB_OUT/.config.new"
	mv "$DEB_OUT/.config.new" "$DEB_OUT/.config"
	"${KMAKE[@]}" -s olddefconfig
	comm -23 <(builtins "$debian") <(builtins "$DEB_OUT/.config") >"$lost"
	log "deb: $(builtins "$debian" | wc -l) built-in options in Debian's" \
		"configuration, $(wc -l <"$lost") of them only with modules not built" \
		"(list: $lost); $(grep -c '=m$' "$debian") modules reduced to" \
		"$(grep -c '=m$' "$DEB_OUT/.config")"
}

[[ -f "$TREE/Makefile" ]] || die "no tree in $TREE (run 'make tree')"
[[ -f "$DEBIAN_CONFIG" ]] || ensure_packages linux-config-6.1
ensure_packages dpkg-dev fakeroot
mkdir -p "$DEB_DIR" "$LOGS"
config_id="$(sha256sum "$DEBIAN_CONFIG" "$MODULES" "$HARNESS/deb.sh" \
	"$HARNESS/lib.sh" | sha256sum | cut -d' ' -f1)"
if [[ ! -f "$DEB_OUT/.config" || "$(cat "$STAMP" 2>/dev/null)" != "$config_id" ]]; then
	configure
	printf '%s\n' "$config_id" >"$STAMP"
fi
start=$(date +%s)
log "deb: make bindeb-pkg (log: $LOGS/deb.log)"
rm -f "$DEB_DIR"/*.deb
"${KMAKE[@]}" LOCALVERSION="$LOCALVERSION" KDEB_PKGVERSION="6.1-landlock.1" \
	bindeb-pkg >"$LOGS/deb.log" 2>&1 ||
	{ tail -n 40 "$LOGS/deb.log"; die "deb: bindeb-pkg failed"; }
log "deb: built in $(($(date +%s) - start)) s:"
ls -l "$DEB_DIR"/*.deb >&2
