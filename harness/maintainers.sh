#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Puts our MAINTAINERS entry (MAINTAINERS.landlock in the repository) in the
# MAINTAINERS file of a kernel tree, in place of the base tree's Landlock
# entry (the entry with the same title).  Without such an entry, ours is
# inserted in alphabetical order.  Running it again changes nothing.
#
#   maintainers.sh [TREE]     (default: build/linux)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

tree="${1:-$TREE}"
entry="$ROOT/MAINTAINERS.landlock"
file="$tree/MAINTAINERS"

[[ -f "$entry" ]] || die "maintainers: $entry missing"
[[ -f "$file" ]] || die "maintainers: $file missing"
# The entry must look like one: a title, then "X:<tab>value" lines only.
awk 'NR == 1 && !/^[^[:space:]]/ { exit 1 }
     NR > 1 && !/^[A-Z]:\t[^[:space:]]/ { exit 1 }' "$entry" ||
	die "maintainers: $entry is not a MAINTAINERS entry"

tmp="$file.landlock.tmp"
LC_ALL=C awk -v entry="$entry" '
	BEGIN {
		n = 0
		while ((getline line < entry) > 0)
			ours[++n] = line
		title = ours[1]
	}
	function emit(   i) {
		for (i = 1; i <= n; i++)
			print ours[i]
		done = 1
	}
	{ lines[NR] = $0 }
	END {
		# Replace the entry with the same title, if there is one.
		for (i = 1; i <= NR; i++) {
			if (!done && lines[i] == title && lines[i - 1] == "") {
				emit()
				while (i < NR && lines[i + 1] != "")
					i++
				continue
			}
			print lines[i]
		}
		if (done)
			exit 0
		# No such entry: insert ours in order (second pass).
		exit 3
	}
' "$file" >"$tmp" || status=$?

if [[ "${status:-0}" == 3 ]]; then
	# Entries are sorted by title, with a few exceptions: insert ours
	# before the first title that follows it, when the title before sorts
	# before ours and the title after sorts after it.
	LC_ALL=C awk -v entry="$entry" '
		BEGIN {
			n = 0
			while ((getline line < entry) > 0)
				ours[++n] = line
			title = toupper(ours[1])
		}
		{ lines[NR] = $0 }
		END {
			nt = 0
			for (i = 1; i <= NR; i++) {
				if (lines[i - 1] == "" && lines[i] != "" &&
				    lines[i + 1] ~ /^[A-Z]:\t/)
					at[++nt] = i
			}
			for (k = 2; k < nt && !where; k++) {
				if (toupper(lines[at[k - 1]]) < title &&
				    toupper(lines[at[k]]) > title &&
				    toupper(lines[at[k + 1]]) > title)
					where = at[k]
			}
			if (!where)
				exit 1
			for (i = 1; i <= NR; i++) {
				if (i == where) {
					for (j = 1; j <= n; j++)
						print ours[j]
					print ""
				}
				print lines[i]
			}
		}
	' "$file" >"$tmp" || die "maintainers: no place for the entry in $file"
elif [[ "${status:-0}" != 0 ]]; then
	die "maintainers: failed to edit $file"
fi

if cmp -s "$tmp" "$file"; then
	rm -f "$tmp"
	log "maintainers: $file already has our entry"
else
	mv "$tmp" "$file"
	log "maintainers: $file now has our Landlock entry"
fi
