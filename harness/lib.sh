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
KUNIT_OUT="$BUILD/kunit"
LOGS="$BUILD/logs"
SAMPLES_OUT="$BUILD/samples/landlock"

TARBALL="${LINUX_TARBALL:-/usr/src/linux-source-6.1.tar.xz}"
TARBALL_TOPDIR="linux-source-6.1"

JOBS="${JOBS:-2}"

# The overlay: paths of the base tree that belong to us.  Directories are
# mirrored (rsync --delete), files are copied or removed.
OVERLAY_DIRS=(
	security/landlock
	tools/testing/selftests/landlock
	samples/landlock
)
OVERLAY_FILES=(
	include/uapi/linux/landlock.h
	Documentation/userspace-api/landlock.rst
	Documentation/security/landlock.rst
)

# ccache: relative paths under ROOT so that a fresh clone elsewhere (CI)
# still hits the cache filled by another clone.
export CCACHE_BASEDIR="$ROOT"
export CCACHE_NOHASHDIR=1
# ccache hashes the locale variables, and Python (kunit.py) exports
# LC_CTYPE=C.UTF-8 to its children when it starts in the C locale: one fixed
# locale for everything, so that the KUnit kernel reuses the objects of
# build/um/linux.
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
