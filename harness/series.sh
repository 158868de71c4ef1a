#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The patch series for a distribution (issue 17), against the unmodified
# linux-source-6.1 tarball:
#
#   series.sh make    write build/series/: the numbered patches
#                     (git format-patch), a cover letter, and a quilt
#                     "series" file (debian/patches style)
#   series.sh check   make, then apply the series with quilt to a fresh
#                     extraction of the tarball and compare the result with
#                     build/linux, the tree "make tree" prepares: identical,
#                     or it fails
#
# The series is made in a small git repository, build/series-git, that
# holds only the files the series touches, taken from the tarball.  Its
# patches, in order:
#  1. patches/series/00-remove.msg: remove the base tree's Landlock;
#  2. patches/*.patch, our core-kernel patches, as they are;
#  3. patches/series/[0-9]*.msg but 00: each adds the files of its
#     "Files:" line (as they are in this repository) and restores from the
#     tarball the files of its "Restore:" line; 01-maintainers.msg puts
#     MAINTAINERS.landlock in MAINTAINERS (harness/maintainers.sh).
# Every file of the overlay (harness/lib.sh) must be in exactly one
# "Files:" line.  The author of every patch is the one of patches/0001.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SERIES="$BUILD/series"
REPO="$BUILD/series-git"
CHECK_DIR="$BUILD/series-check"
MSGS="$ROOT/patches/series"

author="$(sed -n '1s/^From: //p' "$ROOT"/patches/0001-*.patch)"
[[ -n "$author" ]] || die "series: no From: line in patches/0001-*.patch"
# Fixed dates, so that the same repository makes the same series.
date="$(git -C "$ROOT" log -1 --format=%cI 2>/dev/null || echo 2026-01-01T00:00:00Z)"
export GIT_AUTHOR_NAME="${author% <*}" GIT_AUTHOR_EMAIL="${author##*<}"
GIT_AUTHOR_EMAIL="${GIT_AUTHOR_EMAIL%>}"
export GIT_COMMITTER_NAME="$GIT_AUTHOR_NAME" GIT_COMMITTER_EMAIL="$GIT_AUTHOR_EMAIL"
export GIT_AUTHOR_DATE="$date" GIT_COMMITTER_DATE="$date"
git_() {
	git -C "$REPO" -c core.autocrlf=false -c advice.detachedHead=false "$@"
}

# msg_field FILE NAME: the value of the "NAME:" header line of FILE.
msg_field() {
	sed -n "/^\$/q; s/^$2: *//p" "$1"
}

# commit_msg FILE: the commit message of a step: subject, body, sign-off.
commit_msg() {
	msg_field "$1" Subject
	echo
	sed '1,/^$/d' "$1"
	echo
	echo "Signed-off-by: $author"
}

# The paths of the base tree the series touches: its Landlock, the files
# our patches change, and what steps change.
base_paths() {
	grep -v '^#' "$BUILD/base-landlock-files.txt" | grep -v '/$' |
		sed "s|^$TARBALL_TOPDIR/||"
	sed -n 's|^--- a/\([^[:space:]]*\).*|\1|p' "$ROOT"/patches/*.patch
	echo MAINTAINERS
	cat "$MSGS"/*.msg | sed -n 's/^Restore: *//p' | tr ' ' '\n'
}

init_repo() {
	local paths
	mapfile -t paths < <(base_paths | grep . | sort -u |
		grep -vxF -f <(patch_created_files))
	rm -rf "$REPO"
	mkdir -p "$REPO"
	tar -xf "$TARBALL" -C "$REPO" --strip-components=1 \
		"${paths[@]/#/$TARBALL_TOPDIR/}"
	git_ init -q
	git_ add -A
	git_ commit -q -m "linux-source-6.1 (the files the series touches)"
	git_ tag base
}

step_remove() {
	local path
	for path in "${OVERLAY_DIRS[@]}" "${OVERLAY_FILES[@]}"; do
		[[ -e "$REPO/$path" ]] && git_ rm -q -r "$path"
	done
	sed -i '\|^source "security/landlock/Kconfig"$|d' "$REPO/security/Kconfig"
	git_ commit -q -a -F <(commit_msg "$1")
}

declare -A added=()
step_files() {
	local msg="$1" path file
	for path in $(msg_field "$msg" Files); do
		[[ -e "$ROOT/$path" ]] || die "series: $(basename "$msg"): no $path"
		while IFS= read -r file; do
			[[ -v "added[$file]" ]] &&
				die "series: $file is in ${added[$file]} and $(basename "$msg")"
			added[$file]="$(basename "$msg")"
			mkdir -p "$REPO/$(dirname "$file")"
			cp -p "$ROOT/$file" "$REPO/$file"
		done < <(cd "$ROOT" && find "$path" -type f)
	done
	for path in $(msg_field "$msg" Restore); do
		git_ checkout -q base -- "$path"
	done
	[[ "$(basename "$msg")" == 01-maintainers.msg ]] &&
		bash "$HARNESS/maintainers.sh" "$REPO" >/dev/null 2>&1
	git_ add -A
	git_ commit -q -F <(commit_msg "$msg")
}

# Every file of the overlay is in the series, and nothing else.
check_coverage() {
	local path bad=0
	for path in "${OVERLAY_DIRS[@]}" "${OVERLAY_FILES[@]}"; do
		if [[ -e "$ROOT/$path" ]]; then
			diff -r "$ROOT/$path" "$REPO/$path" >&2 || bad=1
		elif [[ -e "$REPO/$path" ]]; then
			echo "series: $path is not ours but is in the series" >&2
			bad=1
		fi
	done
	((bad == 0)) || die "series: the steps do not add exactly the overlay"
}

make_series() {
	local msg p n
	[[ -f "$BUILD/base-landlock-files.txt" ]] || die "run 'make tree' first"
	log "series: building the series in $REPO"
	init_repo
	step_remove "$MSGS/00-remove.msg"
	for p in "$ROOT"/patches/*.patch; do
		# They have no Date: header: the fixed date.
		sed "1a Date: $(date -R -d "$date")" "$p" | git_ am -q --keep-cr ||
			die "series: $(basename "$p") does not apply"
	done
	for msg in "$MSGS"/[0-9]*.msg; do
		[[ "$(basename "$msg")" == 00-* ]] || step_files "$msg"
	done
	check_coverage
	rm -rf "$SERIES"
	git_ format-patch -q --no-signature --cover-letter -o "$SERIES" base..HEAD
	sed -i -e "s/\*\*\* SUBJECT HERE \*\*\*/$(msg_field "$MSGS/cover.msg" Subject)/" \
		-e "/\*\*\* BLURB HERE \*\*\*/{r /dev/stdin" -e 'd}' \
		"$SERIES"/0000-cover-letter.patch < <(sed '1,/^$/d' "$MSGS/cover.msg")
	for p in "$SERIES"/[0-9]*.patch; do
		[[ "$(basename "$p")" == 0000-* ]] || basename "$p"
	done >"$SERIES/series"
	n="$(wc -l <"$SERIES/series")"
	log "series: $n patches in $SERIES (quilt series file: $SERIES/series)"
}

# Applies the series to a fresh extraction of the tarball, and compares.
check_series() {
	local tree="$CHECK_DIR/$TARBALL_TOPDIR" n
	log "series: applying it to a fresh extraction of $TARBALL"
	rm -rf "$CHECK_DIR"
	mkdir -p "$CHECK_DIR"
	tar -xf "$TARBALL" -C "$CHECK_DIR"
	(cd "$tree" && QUILT_PATCHES="$SERIES" QUILT_PC=.pc \
		quilt push -a -q --fuzz=0 >"$LOGS/series-quilt.log" 2>&1) ||
		{ tail -n 20 "$LOGS/series-quilt.log"; die "series: quilt push -a failed"; }
	rm -rf "$tree/.pc"
	n="$(wc -l <"$SERIES/series")"
	if ! diff -r --no-dereference "$tree" "$TREE" >"$LOGS/series-diff.log" 2>&1; then
		head -n 40 "$LOGS/series-diff.log"
		echo "series-check: the $n patches applied do not give build/linux"
		echo "series-check: 0 passed, 1 failed"
		exit 1
	fi
	rm -rf "$CHECK_DIR"
	echo "series-check: the $n patches apply with quilt (fuzz 0) to" \
		"$(basename "$TARBALL") and give build/linux exactly"
	echo "series-check: 1 passed, 0 failed"
}

mkdir -p "$LOGS"
case "${1:-}" in
make) make_series ;;
check)
	make_series
	check_series
	;;
*) die "usage: series.sh make|check" ;;
esac
