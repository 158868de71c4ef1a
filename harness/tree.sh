#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Prepares the kernel source tree in build/linux:
#  - extracts Debian's linux-source-6.1 tarball without its Landlock (only
#    when the tree is missing, or the tarball or patches/*.patch changed),
#  - overlays our Landlock files (rsync by checksum: unchanged files keep their
#    mtime, so incremental rebuilds stay incremental),
#  - applies patches/*.patch in order (on a fresh extraction),
#  - checks that no file of the base tree's Landlock is left.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

STAMP="$BUILD/tree.stamp"
BASE_LIST="$BUILD/base-landlock-files.txt"

[[ -f "$TARBALL" ]] || die "$TARBALL not found (run 'make deps')"
mkdir -p "$BUILD"

# Identity of the base tarball and of the patch set.
base_id="$(stat -c '%n %s %Y' "$TARBALL")"
patches=()
shopt -s nullglob
for p in "$ROOT"/patches/*.patch; do
	patches+=("$p")
done
shopt -u nullglob
patch_hash="$( (
	for p in "${patches[@]}"; do
		printf '%s\n' "$(basename "$p")"
		cat "$p"
	done
) | sha256sum | cut -d' ' -f1)"
want_stamp="$base_id patches:${#patches[@]}:$patch_hash"

# Paths of the base's Landlock, as tar members (names only, never contents).
base_members=()
for path in "${OVERLAY_DIRS[@]}"; do
	base_members+=("$TARBALL_TOPDIR/$path")
done
for path in "${OVERLAY_FILES[@]}"; do
	base_members+=("$TARBALL_TOPDIR/$path")
done

list_base_landlock() {
	if [[ -f "$BASE_LIST" ]] &&
		[[ "$(head -n1 "$BASE_LIST")" == "# $base_id" ]]; then
		return
	fi
	log "tree: listing the base tree's Landlock files"
	local re
	re="$(printf '%s|' "${base_members[@]}")"
	re="^(${re%|})(/|$)"
	{
		printf '# %s\n' "$base_id"
		tar -tf "$TARBALL" | grep -E "$re" || true
	} >"$BASE_LIST.tmp"
	mv "$BASE_LIST.tmp" "$BASE_LIST"
}

overlay() {
	local dest="$1" path
	local rsync_opts=(--recursive --links --perms --checksum --delete
		--exclude='*.o' --exclude='.*.cmd' --exclude='*~'
		--exclude='.*.sw?' --exclude='*.orig' --exclude='*.rej')

	# No --times: a changed file gets a fresh mtime even if the repo's copy
	# is older than the objects built from the previous version.
	for path in "${OVERLAY_DIRS[@]}"; do
		if [[ -d "$ROOT/$path" ]]; then
			mkdir -p "$dest/$path"
			rsync "${rsync_opts[@]}" "$ROOT/$path/" "$dest/$path/"
		else
			rm -rf "${dest:?}/$path"
		fi
	done
	for path in "${OVERLAY_FILES[@]}"; do
		if [[ -f "$ROOT/$path" ]]; then
			mkdir -p "$(dirname "$dest/$path")"
			rsync --links --perms --checksum "$ROOT/$path" "$dest/$path"
		else
			rm -f "$dest/$path"
		fi
	done
}

extract() {
	local tmp="$BUILD/linux.extract"

	log "tree: extracting $TARBALL (without its Landlock)"
	rm -rf "$tmp"
	mkdir -p "$tmp"
	local excludes=()
	for m in "${base_members[@]}"; do
		excludes+=(--exclude="$m")
	done
	tar -xf "$TARBALL" -C "$tmp" --anchored "${excludes[@]}"
	[[ -d "$tmp/$TARBALL_TOPDIR" ]] ||
		die "$TARBALL has no top directory $TARBALL_TOPDIR"
	for path in "${OVERLAY_DIRS[@]}" "${OVERLAY_FILES[@]}"; do
		rm -rf "${tmp:?}/$TARBALL_TOPDIR/$path"
	done

	overlay "$tmp/$TARBALL_TOPDIR"

	for p in "${patches[@]}"; do
		log "tree: applying patches/$(basename "$p")"
		patch -d "$tmp/$TARBALL_TOPDIR" -p1 --batch --forward \
			--no-backup-if-mismatch <"$p" ||
			die "patches/$(basename "$p") does not apply to $base_id"
	done

	rm -rf "$TREE"
	mv "$tmp/$TARBALL_TOPDIR" "$TREE"
	rmdir "$tmp"
	printf '%s\n' "$want_stamp" >"$STAMP"
}

check_no_base_landlock() {
	local member rel bad=0
	while IFS= read -r member; do
		[[ "$member" == "#"* || "$member" == */ ]] && continue
		rel="${member#"$TARBALL_TOPDIR"/}"
		[[ -e "$TREE/$rel" || -L "$TREE/$rel" ]] || continue
		if ! cmp -s "$ROOT/$rel" "$TREE/$rel"; then
			printf '[harness] base Landlock file left in tree: %s\n' \
				"$rel" >&2
			bad=1
		fi
	done <"$BASE_LIST"
	((bad == 0)) || die "tree: the base tree's Landlock is not fully replaced"
}

list_base_landlock
if [[ ! -d "$TREE" || ! -f "$STAMP" ||
	"$(cat "$STAMP")" != "$want_stamp" ]]; then
	extract
else
	overlay "$TREE"
fi
bash "$HARNESS/maintainers.sh" "$TREE"
check_no_base_landlock
log "tree: $TREE ready (${#patches[@]} patches)"
