# SPDX-License-Identifier: GPL-2.0-only
# Sourced by harness/debug.sh and harness/x86.sh: counts the results of
# kselftest runs into the caller's variables passed, failed, skipped, and the
# arrays problems and table.

judge_init() {
	passed=0
	failed=0
	skipped=0
	problems=()
	table=("$(printf '%-16s %-24s %5s %5s %5s %5s  %s' RUN BINARY PASS FAIL SKIP EXIT RESULT)")
}

problem() {
	problems+=("$*")
	failed=$((failed + 1))
}

# judge LABEL BINARY TAPFILE RC: RC is empty if the binary did not run.
judge() {
	local label="$1" bin="$2" tap="$3" rc="$4" totals p f s e
	local fmt='%-16s %-24s %5s %5s %5s %5s  %s'
	if [[ -z "$rc" ]]; then
		problem "$label/$bin: did not run"
		table+=("$(printf "$fmt" "$label" "$bin" - - - - "FAIL (did not run)")")
		return
	fi
	totals="$(grep -m1 '^# Totals:' "$tap" 2>/dev/null || true)"
	if [[ -z "$totals" ]]; then
		problem "$label/$bin: no Totals line, exit $rc (see $tap)"
		table+=("$(printf "$fmt" "$label" "$bin" - - - "$rc" "FAIL (no Totals)")")
		return
	fi
	field() {
		local n
		n="$(sed -n "s/.* $1:\([0-9]*\).*/\1/p" <<<"$totals")"
		echo "${n:-0}"
	}
	p=$(($(field pass) + $(field xfail)))
	f=$(($(field fail) + $(field xpass) + $(field error)))
	s="$(field skip)"
	passed=$((passed + p))
	skipped=$((skipped + s))
	failed=$((failed + f))
	if ((f > 0)); then
		problems+=("$label/$bin: $f failed (see $tap)")
		table+=("$(printf "$fmt" "$label" "$bin" "$p" "$f" "$s" "$rc" FAIL)")
	elif [[ "$rc" != 0 && "$rc" != 4 ]]; then
		# 4 is KSFT_SKIP.
		problem "$label/$bin: exit status $rc (see $tap)"
		table+=("$(printf "$fmt" "$label" "$bin" "$p" 0 "$s" "$rc" "FAIL (exit status)")")
	else
		table+=("$(printf "$fmt" "$label" "$bin" "$p" 0 "$s" "$rc" ok)")
	fi
}

# Kernel splats in the given logs (console, dmesg).
SPLAT_RE='BUG:|WARNING:|Oops|Kernel panic|Busy inodes|refcount_t:|general protection|UBSAN|KASAN|ODEBUG|INFO: |list_add corruption|list_del corruption|circular locking|suspicious RCU|kmemleak: .*(disabled|error)|Call Trace:'
judge_splats() {
	local splats line
	splats="$(cat "$@" 2>/dev/null | tr -d '\r' | grep -E "$SPLAT_RE" |
		sed 's/^\[ *[0-9.]*\] //' | sort -u || true)"
	if [[ -n "$splats" ]]; then
		while IFS= read -r line; do
			problem "kernel: $line"
		done <<<"$splats"
	fi
}

# judge_kmemleak FILE: the output of guest-kmemleak.sh (or of the x86 init).
judge_kmemleak() {
	local leaks="$1"
	if [[ ! -f "$leaks" ]]; then
		problem "kmemleak: no scan result"
	elif grep -q '^kmemleak-unavailable' "$leaks"; then
		problem "kmemleak: $(grep -m1 '^kmemleak-unavailable' "$leaks")"
	elif grep -q 'unreferenced object' "$leaks"; then
		problem "kmemleak: $(grep -c 'unreferenced object' "$leaks") suspected leak(s) (see $leaks)"
	fi
}

# Known splats of the base kernel, not ours, that the debug UML kernel prints
# at every boot: 6.1's UML walks the maple tree of an mm without the RCU
# read lock or the mmap lock ("suspicious RCU usage" at lib/maple_tree.c,
# from the first exec of init).  Prints the log without those reports, if
# their backtrace does not mention landlock; anything else is kept.
filter_known_splats() {
	tr -d '\r' <"$1" | awk '
		function flush(drop) {
			if (!drop)
				printf "%s", buf
			buf = ""; inblock = 0; intrace = 0
		}
		/WARNING: suspicious RCU usage/ { flush(0); inblock = 1; maple = 0;
			ours = 0; buf = $0 "\n"; next }
		inblock {
			if (intrace && $0 !~ /\[<[0-9a-f]+>\]/) {
				flush(maple && !ours)
				print
				next
			}
			buf = buf $0 "\n"
			if ($0 ~ /lib\/maple_tree\.c:[0-9]+ suspicious rcu_dereference/)
				maple = 1
			if ($0 ~ /landlock/)
				ours = 1
			if ($0 ~ /Call Trace:/)
				intrace = 1
			next
		}
		{ print }
		END { if (inblock) flush(maple && !ours) }'
}

# split_results RESULTS DIR: the output of a QEMU guest (harness/
# guest-run.sh) into DIR/ABI-USER-NAME.tap and .rc, DIR/kmemleak.txt and
# DIR/dmesg.log.
split_results() {
	tr -d '\r' <"$1" | awk -v dir="$2" '
		/^@@@ BEGIN / { out = dir "/" $3 "-" $4 "-" $5 ".tap"; next }
		/^@@@ END / { print $6 > (dir "/" $3 "-" $4 "-" $5 ".rc");
			close(out); out = ""; next }
		/^@@@ KMEMLEAK BEGIN/ { out = dir "/kmemleak.txt"; printf "" > out; next }
		/^@@@ DMESG BEGIN/ { out = dir "/dmesg.log"; next }
		/^@@@ (KMEMLEAK|DMESG) END/ { close(out); out = ""; next }
		out != "" { print > out }'
}
