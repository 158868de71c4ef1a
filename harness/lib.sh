# SPDX-License-Identifier: GPL-2.0-only
# Common settings of the host-side harness scripts (sourced, not run).
#
# Every path is derived from the location of this file, so the repository
# may be cloned anywhere (except under a path with spaces).

HARNESS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HARNESS")"
BUILD="$ROOT/build"
TREE="$BUILD/linux"
UML_OUT="$BUILD/um"
UML_BIN="$UML_OUT/linux"
HDR_DIR="$UML_OUT/usr/include"
SELFTESTS_OUT="$BUILD/selftests"
LOGS="$BUILD/logs"
SAMPLES_OUT="$BUILD/samples/landlock"

TARBALL="${LINUX_TARBALL:-/usr/src/linux-source-6.1.tar.xz}"
TARBALL_TOPDIR="linux-source-6.1"

JOBS="${JOBS:-2}"

# Debian's amd64 kernel configuration (package linux-config-6.1).
DEBIAN_CONFIG="${DEBIAN_CONFIG:-/usr/src/linux-config-6.1/config.amd64_none_amd64.xz}"

# The overlay: paths of the base tree that belong to us.  Directories are
# mirrored (rsync --delete), files are copied or removed.
OVERLAY_DIRS=(
	security/landlock
	tools/testing/selftests/landlock
	samples/landlock
)
OVERLAY_FILES=(
	include/uapi/linux/landlock.h
	include/trace/events/landlock.h
	Documentation/userspace-api/landlock.rst
	Documentation/security/landlock.rst
)

# ccache: relative paths under ROOT so that a fresh clone elsewhere (CI)
# still hits the cache filled by another clone.
export CCACHE_BASEDIR="$ROOT"
export CCACHE_NOHASHDIR=1
# ccache hashes the locale variables: one fixed locale for every build, so
# that a build started from a shell with another locale (or from Python,
# which exports LC_CTYPE=C.UTF-8) still hits the cache.
export LC_ALL=C.UTF-8

log() {
	printf '[harness] %s\n' "$*" >&2
}

die() {
	printf '[harness] ERROR: %s\n' "$*" >&2
	exit 1
}

case "$ROOT" in
*[[:space:]]*) die "the repository path must not contain spaces: '$ROOT'" ;;
esac

# kconfig_merge SRC OUT ARCH FRAGMENT...
# Writes OUT/.config as allnoconfig plus the fragments (merge_config.sh -n:
# what a fragment turns on does not bring in default-y options), then
# olddefconfig.  Done again only when the fragments or this file changed.
kconfig_merge() {
	local src="$1" out="$2" arch="$3"
	shift 3
	local stamp="$out/.harness-config.stamp" want
	want="$(cat "$@" "$HARNESS/lib.sh" | sha256sum | cut -d' ' -f1)"
	if [[ -f "$out/.config" && "$(cat "$stamp" 2>/dev/null)" == "$want" ]]; then
		return 0
	fi
	log "kconfig: configuring $out (allnoconfig + ${*##*/})"
	mkdir -p "$out"
	(cd "$src" && ARCH="$arch" scripts/kconfig/merge_config.sh -n \
		-O "$out" "$@" >"$out/merge_config.log" 2>&1) ||
		{ cat "$out/merge_config.log" >&2; die "kconfig: merge_config.sh failed for $out"; }
	make -C "$src" O="$out" ARCH="$arch" -s olddefconfig
	printf '%s\n' "$want" >"$stamp"
}

# kconfig_verify CONFIG FRAGMENT...
# Fails if an option of a fragment does not have the requested value in
# CONFIG (a dependency is missing, or the option does not exist).  As in
# merge_config.sh, a later fragment overrides an earlier one.
kconfig_verify() {
	local config="$1"
	shift
	local frag line sym got bad=0
	local -A want=() from=()
	local order=()
	for frag in "$@"; do
		while IFS= read -r line; do
			if [[ "$line" =~ ^(CONFIG_[A-Za-z0-9_]+)=(.*)$ ]]; then
				sym="${BASH_REMATCH[1]}"
				want[$sym]="$line"
			elif [[ "$line" =~ ^#\ (CONFIG_[A-Za-z0-9_]+)\ is\ not\ set$ ]]; then
				sym="${BASH_REMATCH[1]}"
				want[$sym]=""
			else
				continue
			fi
			[[ -v "from[$sym]" ]] || order+=("$sym")
			from[$sym]="${frag#"$ROOT"/}"
		done <"$frag"
	done
	for sym in "${order[@]}"; do
		got="$(grep -E "^$sym=" "$config" || true)"
		if [[ "$got" != "${want[$sym]}" ]]; then
			printf '[harness] %s: requested "%s", got "%s"\n' \
				"${from[$sym]}" "${want[$sym]:-# $sym is not set}" \
				"${got:-# $sym is not set}" >&2
			bad=1
		fi
	done
	((bad == 0)) || die "kconfig: $config does not have what the fragments ask for"
}

# patch_created_files: the files that patches/*.patch create (their
# "--- /dev/null" diffs), one per line, sorted.
patch_created_files() {
	awk '/^--- \/dev\/null/ { getline; sub(/^\+\+\+ b\//, "");
		sub(/[[:space:]].*/, ""); print }' "$ROOT"/patches/*.patch | sort -u
}

# debian_config CONFIG_XZ OUT
# Writes OUT/.config as Debian's configuration CONFIG_XZ (package
# linux-config-6.1) with landlock first in CONFIG_LSM, Landlock built in,
# no Debian signing keys (theirs are not ours) and no BTF (pahole), then
# olddefconfig for this tree.
debian_config() {
	local config="$1" out="$2" lsm
	mkdir -p "$out"
	xzcat "$config" >"$out/.config"
	lsm="$(sed -n 's/^CONFIG_LSM="\(.*\)"$/\1/p' "$out/.config")"
	lsm="$(tr ',' '\n' <<<"$lsm" | grep -vx landlock | paste -sd, -)"
	"$TREE/scripts/config" --file "$out/.config" \
		--set-str LSM "landlock${lsm:+,$lsm}" \
		--enable SECURITY_LANDLOCK \
		--set-str SYSTEM_TRUSTED_KEYS "" \
		--set-str SYSTEM_REVOCATION_KEYS "" \
		--disable DEBUG_INFO_BTF
	make -C "$TREE" O="$out" ARCH=x86_64 -s olddefconfig
	grep -q '^CONFIG_SECURITY_LANDLOCK=y' "$out/.config" ||
		die "$out: SECURITY_LANDLOCK is not enabled after olddefconfig"
	grep -q '^CONFIG_LSM="landlock,' "$out/.config" ||
		die "$out: landlock is not first in CONFIG_LSM"
}

# ensure_packages PKG...: installs those of the Debian packages that are
# missing (apt-get, as root or with sudo).
ensure_packages() {
	local pkg missing=() sudo=()

	for pkg in "$@"; do
		# One line per installed architecture (multiarch).
		if ! dpkg-query -W -f='${db:Status-Status}\n' "$pkg" 2>/dev/null |
			grep -x installed >/dev/null; then
			missing+=("$pkg")
		fi
	done
	if ((${#missing[@]} == 0)); then
		log "deps: all $# packages installed"
		return 0
	fi
	log "deps: installing ${missing[*]}"
	if ((EUID != 0)); then
		command -v sudo >/dev/null || die "not root and no sudo"
		sudo=(sudo)
	fi
	# A stale or half-synced index of the mirror should not stop the
	# install: apt-get install fails anyway if a package cannot be had.
	"${sudo[@]}" apt-get update || log "deps: apt-get update failed, trying anyway"
	"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
		apt-get install -y --no-install-recommends "${missing[@]}" </dev/null
}
