#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# "make lint": the static checks a kernel maintainer runs, on our files only.
# Every step runs even if an earlier one failed; the last line is
# "lint: N passed, N failed" (one count per step).  Logs: build/logs/lint/.
#
#  checkpatch   scripts/checkpatch.pl --strict on every file we own and on
#               patches/*.patch: no error, warning or check.  SPDX tags are
#               checked too (spdxcheck.py needs a git repository holding
#               LICENSES/: one is made in build/lint/spdx-root).  Ignored
#               types, for the user-space files only (see the lists below).
#  w1           W=1 build of security/landlock/ (UML, build/lint/um): any
#               compiler diagnostic fails (KCFLAGS=-Werror is not usable on
#               UML: its archprepare step, arch/x86/um/user-offsets.c, has a
#               W=1 warning of its own and is rebuilt with the same flags).
#  user-cflags  the selftests (except the harness idioms below), the fuzzer
#               and the samples with -Wall -Wextra -Werror.
#  sparse       make C=2 CF=-Wsparse-error security/landlock/
#  clang-format clang-format --dry-run --Werror with the kernel's
#               .clang-format on security/landlock/*.[ch] (the other files
#               are reported, not judged).
#  kernel-doc   scripts/kernel-doc -Werror -none on the UAPI header and
#               security/landlock/*.[ch]: any output fails too.
#  coccicheck   make coccicheck MODE=report on security/landlock: no report.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

[[ -f "$TREE/Makefile" ]] || die "no tree in $TREE (run 'make tree')"

# Debian's tools, not a python3 of a virtual environment earlier in PATH
# (spdxcheck.py needs python3-ply and python3-git).
export PATH="/usr/bin:/bin:/usr/sbin:/sbin:$PATH"

PACKAGES=(sparse coccinelle ocaml-nox clang-format python3-ply python3-git
	perl git)
LINT="$BUILD/lint"
LINT_UM="$LINT/um"
LINT_LOGS="$LOGS/lint"

# checkpatch types ignored in the user-space files, and why:
#  MACRO_WITH_FLOW_CONTROL: the kselftest harness is built on macros that
#    return (SKIP(return, ...), ASSERT_*); our REQUIRE_*() helpers wrap them.
#  PREFER_DEFINED_ATTRIBUTE_MACRO: user space has no compiler_attributes.h;
#    common.h defines __maybe_unused itself, with the attribute.
#  ENOSYS: the sample and the tests check the errno that the kernel returns
#    for a missing syscall; the rule is about kernel code returning it.
# And one filtered message (not a whole type): CHECK:SPACING "spaces
# preferred around that '*'" on a line declaring a FIXTURE_DATA(x) or
# FIXTURE_VARIANT(x) pointer: checkpatch does not know these macros are types.
CP_IGNORE_SELFTESTS=MACRO_WITH_FLOW_CONTROL,PREFER_DEFINED_ATTRIBUTE_MACRO
# The fuzzer (tools/testing/selftests/landlock/fuzz/), user space too:
#  USE_NEGATIVE_ERRNO: it compares errno values (positive in user space);
#  BIT_MACRO: user space has no BIT().
CP_IGNORE_FUZZ=$CP_IGNORE_SELFTESTS,USE_NEGATIVE_ERRNO,BIT_MACRO
CP_IGNORE_SAMPLES=ENOSYS
# gcc warnings disabled for the selftests, and why:
#  unused-parameter: TEST_F()/FIXTURE_SETUP() expand to functions taking
#    _metadata, self and variant, whether a test uses them or not.
#  sign-compare: ASSERT_EQ(16, sizeof(x)) stores both sides in __typeof__
#    variables, so a literal becomes a signed int compared with a size_t.
SELFTESTS_NO_WARN=(-Wno-unused-parameter -Wno-sign-compare)

install_missing() {
	local pkg status missing=()
	for pkg in "${PACKAGES[@]}"; do
		status="$(dpkg-query -W -f='${db:Status-Status}' "$pkg" \
			2>/dev/null || true)"
		[[ "$status" == installed ]] || missing+=("$pkg")
	done
	((${#missing[@]} == 0)) && return
	log "lint: installing ${missing[*]}"
	local sudo=()
	if ((EUID != 0)); then
		command -v sudo >/dev/null || die "not root and no sudo"
		sudo=(sudo)
	fi
	"${sudo[@]}" apt-get update ||
		log "lint: apt-get update failed; trying the install anyway"
	"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
		apt-get install -y --no-install-recommends "${missing[@]}" \
		</dev/null || log "lint: could not install ${missing[*]}"
}

# Files we own, relative to ROOT.
owned() {
	local f
	for f in security/landlock/* include/uapi/linux/landlock.h \
		include/trace/events/landlock.h \
		samples/landlock/* tools/testing/selftests/landlock/* \
		tools/testing/selftests/landlock/soak/* \
		tools/testing/selftests/landlock/fuzz/*.[ch]; do
		[[ -f "$ROOT/$f" ]] && printf '%s\n' "$f"
	done
	return 0
}

# A kernel tree whose LICENSES/ is in a git repository, for spdxcheck.py
# (run by checkpatch from --root); everything else is a symlink to TREE.
spdx_root() {
	local root="$LINT/spdx-root" e
	if [[ -d "$root/.git" && -f "$root/.stamp" &&
		"$(cat "$root/.stamp")" == "$(cat "$BUILD/tree.stamp" 2>/dev/null)" ]]; then
		return
	fi
	rm -rf "$root"
	mkdir -p "$root"
	for e in "$TREE"/*; do
		[[ "$(basename "$e")" == LICENSES ]] && continue
		ln -s "$e" "$root/$(basename "$e")"
	done
	cp -r "$TREE/LICENSES" "$root/LICENSES"
	(cd "$root" && git init -q && git add LICENSES &&
		git -c user.name=lint -c user.email=lint@localhost \
			commit -qm LICENSES) >/dev/null
	cat "$BUILD/tree.stamp" >"$root/.stamp" 2>/dev/null || true
}

step_checkpatch() {
	spdx_root
	local root="$LINT/spdx-root"
	# GIT_DIR: the SPDX repository, in which our files are not tracked
	# (checkpatch treats a git-tracked patches/*.patch as a source file).
	local cp=(env GIT_DIR="$root/.git" "$TREE/scripts/checkpatch.pl"
		--root="$root" --strict --terse --show-types --no-summary
		--color=never)
	local kernel=() selftests=() samples=() fuzz=() f out status=0
	while IFS= read -r f; do
		case "$f" in
		tools/*/fuzz/*) fuzz+=("$f") ;;
		tools/*) selftests+=("$f") ;;
		samples/*) samples+=("$f") ;;
		*) kernel+=("$f") ;;
		esac
	done < <(owned)
	out="$(cd "$ROOT" && {
		((${#kernel[@]} == 0)) || "${cp[@]}" -f "${kernel[@]}"
		((${#samples[@]} == 0)) ||
			"${cp[@]}" --ignore "$CP_IGNORE_SAMPLES" -f "${samples[@]}"
		((${#selftests[@]} == 0)) ||
			"${cp[@]}" --ignore "$CP_IGNORE_SELFTESTS" \
				-f "${selftests[@]}" | filter_fixture_spacing
		((${#fuzz[@]} == 0)) ||
			"${cp[@]}" --ignore "$CP_IGNORE_FUZZ" -f "${fuzz[@]}"
		shopt -s nullglob
		local patches=(patches/*.patch)
		((${#patches[@]} == 0)) || "${cp[@]}" "${patches[@]}"
	} 2>&1)" || true
	out="$(grep -v '^$' <<<"$out" || true)"
	if [[ -n "$out" ]]; then
		printf '%s\n' "$out"
		return 1
	fi
	echo "checkpatch --strict: ${#kernel[@]} kernel, ${#samples[@]} sample," \
		"${#selftests[@]} selftest, ${#fuzz[@]} fuzzer files and the" \
		"patches are clean"
}

# Drops CHECK:SPACING about '*' on FIXTURE_DATA()/FIXTURE_VARIANT() lines.
filter_fixture_spacing() {
	local line file num src
	while IFS= read -r line; do
		if [[ "$line" =~ ^([^:]+):([0-9]+):\ CHECK:SPACING:\ spaces\ preferred\ around\ that\ \'\*\' ]]; then
			file="${BASH_REMATCH[1]}"
			num="${BASH_REMATCH[2]}"
			src="$(sed -n "${num}p" "$file")"
			if [[ "$src" =~ FIXTURE_(DATA|VARIANT)\([A-Za-z0-9_]+\)\ \* ]]; then
				continue
			fi
		fi
		printf '%s\n' "$line"
	done
}

# build/lint/um: the UML configuration of build/um, prepared once.
lint_um() {
	local frags=("$HARNESS"/configs/*.config
		"$TREE/security/landlock/.kunitconfig")
	kconfig_merge "$TREE" "$LINT_UM" um "${frags[@]}" || return 1
	# W=1 here too, so that the landlock step does not rebuild it.
	make -C "$TREE" O="$LINT_UM" ARCH=um CC="ccache gcc" -j"$JOBS" -s \
		W=1 prepare >"$LINT_LOGS/prepare.log" 2>&1 ||
		{ tail -n 30 "$LINT_LOGS/prepare.log"; return 1; }
}

step_w1() {
	lint_um || return 1
	rm -f "$LINT_UM"/security/landlock/*.o
	local out
	out="$(make -C "$TREE" O="$LINT_UM" ARCH=um CC="ccache gcc" \
		-j"$JOBS" W=1 security/landlock/ 2>&1)" || {
		printf '%s\n' "$out"
		return 1
	}
	# archprepare's own W=1 warnings (UML's asm-offsets generators) are
	# not ours; prepare is built with W=1 by lint_um, so they seldom show.
	if grep -E 'warning:|error:|note:' <<<"$out" |
		grep -vE 'arch/x86/um/(user-offsets\.c|shared/sysdep/kernel-offsets\.h):'; then
		return 1
	fi
	echo "W=1 build of security/landlock/: no diagnostic" \
		"($(grep -c '^  CC ' <<<"$out") objects)"
}

step_sparse() {
	lint_um || return 1
	local out status=0
	out="$(make -C "$TREE" O="$LINT_UM" ARCH=um CC="ccache gcc" \
		-j"$JOBS" -k C=2 CF=-Wsparse-error security/landlock/ 2>&1)" ||
		status=1
	if ((status != 0)) || grep -qE 'warning:|error:' <<<"$out"; then
		grep -E 'warning:|error:|\*\*\*' <<<"$out" || printf '%s\n' "$out"
		return 1
	fi
	echo "sparse: $(grep -c '^  CHECK .*security/landlock/' <<<"$out")" \
		"files of security/landlock/ checked, no warning"
}

step_user_cflags() {
	local hdr="$UML_OUT/usr/include"
	[[ -f "$hdr/linux/landlock.h" ]] ||
		{ echo "no UAPI headers in $hdr (run 'make headers')"; return 1; }
	local out="$LINT/user" status=0 src
	rm -rf "$out"
	mkdir -p "$out"
	src="$TREE/tools/testing/selftests/landlock"
	if [[ -f "$src/Makefile" ]]; then
		# CFLAGS from the environment: the Makefile appends its own.
		env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS \
			CFLAGS="-Wall -Wextra -Werror ${SELFTESTS_NO_WARN[*]}" \
			make -C "$src" OUTPUT="$out" -k -j"$JOBS" \
			KHDR_INCLUDES="-isystem $hdr" >"$LINT_LOGS/selftests.log" 2>&1 ||
			status=1
		grep -E 'warning:|error:|note:' "$LINT_LOGS/selftests.log" || true
	fi
	for src in "$TREE"/samples/landlock/*.c; do
		[[ -f "$src" ]] || continue
		gcc -O2 -Wall -Wextra -Werror -isystem "$hdr" \
			-o "$out/$(basename "$src" .c)" "$src" || status=1
	done
	# The fuzzer's Makefile adds -Wall -Wextra -Wno-unused-parameter.
	src="$TREE/tools/testing/selftests/landlock/fuzz"
	if [[ -f "$src/Makefile" ]]; then
		env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS CFLAGS="-O2 -Werror" \
			make -C "$src" OUTPUT="$out" >"$LINT_LOGS/fuzz.log" 2>&1 ||
			status=1
		grep -E 'warning:|error:|note:' "$LINT_LOGS/fuzz.log" || true
	fi
	((status == 0)) || return 1
	echo "selftests (-Wall -Wextra -Werror ${SELFTESTS_NO_WARN[*]}), the" \
		"fuzzer and the samples (-Wall -Wextra -Werror): no diagnostic"
}

step_clang_format() {
	local style="file:$TREE/.clang-format" f files=()
	command -v clang-format >/dev/null || { echo "no clang-format"; return 1; }
	while IFS= read -r f; do
		case "$f" in
		*.[ch]) files+=("$f") ;;
		esac
	done < <(owned)
	(cd "$ROOT" && clang-format --dry-run --Werror --style="$style" \
		"${files[@]}") 2>&1 || return 1
	echo "clang-format: ${#files[@]} C files formatted"
}

step_kernel_doc() {
	local out status=0
	out="$(cd "$ROOT" && "$TREE/scripts/kernel-doc" -Werror -none \
		include/uapi/linux/landlock.h security/landlock/*.[ch] 2>&1)" ||
		status=1
	if ((status != 0)) || [[ -n "$out" ]]; then
		printf '%s\n' "$out"
		return 1
	fi
	echo "kernel-doc -Werror -none: no warning"
}

step_coccicheck() {
	if ! command -v spatch >/dev/null; then
		echo "SKIPPED: coccinelle (spatch) is not installed and could not be"
		return 2
	fi
	lint_um || return 1
	local out status=0
	# M= must be absolute: it is relative to the output directory.
	out="$(make -C "$TREE" O="$LINT_UM" ARCH=um coccicheck MODE=report \
		M="$TREE/security/landlock" J="$JOBS" 2>&1)" || status=1
	local reports
	reports="$(grep -E '^(/[^ ]*/)?security/landlock/[^ ]*:[0-9]+' <<<"$out" || true)"
	if ((status != 0)) || [[ -n "$reports" ]] ||
		grep -q 'coccicheck failed' <<<"$out"; then
		printf '%s\n' "${reports:-$out}"
		return 1
	fi
	echo "coccicheck: $(grep -c '^/usr/bin/spatch' <<<"$out") semantic" \
		"patches, no report"
}

main() {
	local steps=(checkpatch w1 user-cflags sparse clang-format kernel-doc
		coccicheck)
	if (($#)); then
		steps=("$@")
	fi
	install_missing
	mkdir -p "$LINT" "$LINT_LOGS"
	local step passed=0 failed=0 skipped=0 status t0 results=()
	for step in "${steps[@]}"; do
		t0=$(date +%s)
		log "lint: $step"
		status=0
		"step_${step//-/_}" >"$LINT_LOGS/$step.log" 2>&1 || status=$?
		sed 's/^/    /' "$LINT_LOGS/$step.log"
		case "$status" in
		0) passed=$((passed + 1)); results+=("ok    $step") ;;
		2) skipped=$((skipped + 1)); results+=("SKIP  $step") ;;
		*) failed=$((failed + 1)); results+=("FAIL  $step") ;;
		esac
		results[-1]+=" ($(($(date +%s) - t0)) s)"
	done
	echo "=== lint (logs: $LINT_LOGS/STEP.log)"
	printf '  %s\n' "${results[@]}"
	echo "lint: $passed passed, $failed failed, $skipped skipped"
	((failed == 0))
}

main "$@"
