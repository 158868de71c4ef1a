#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# "make check-x86": a minimal x86_64 kernel of build/linux, booted under
# qemu-system-x86_64 (TCG: no KVM here) with an initramfs of Debian's
# busybox-static and our static selftests.
#
#   x86.sh build   configure build/x86 (allnoconfig + harness/configs/x86/
#                  *.config + harness/configs/landlock.config +
#                  harness/configs/debian.config +
#                  harness/configs/debug.config) and build its bzImage
#   x86.sh check   build the selftests (64-bit, and 32-bit with -m32 when
#                  gcc-multilib and libcap-dev:i386 are there: the compat
#                  syscall path), the initramfs, boot, run every selftest as
#                  root then as uid 65534, then harness/guest-platform.sh
#                  (as root), scan for leaks (kmemleak), and
#                  print "x86: N passed, N failed, N skipped".  Fails on a
#                  failed test, a kernel splat or a leak.
#
# The guest writes the test output to its second serial port (ttyS1 ->
# build/logs/x86/results.txt), the console (ttyS0) goes to
# build/logs/x86/console.log.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$HARNESS/judge.sh"

X86_OUT="$BUILD/x86"
BZIMAGE="$X86_OUT/arch/x86/boot/bzImage"
FRAGMENTS=("$HARNESS"/configs/x86/*.config "$HARNESS/configs/landlock.config"
	"$HARNESS/configs/debian.config"
	"$HARNESS/configs/debug.config")
KMAKE=(make -C "$TREE" O="$X86_OUT" ARCH=x86_64 CC="ccache gcc" -j"$JOBS")
X86_LOGS="$LOGS/x86"
INITRAMFS="$BUILD/x86-initramfs"
SELFTESTS32_OUT="$BUILD/selftests32"

build() {
	[[ -f "$TREE/Makefile" ]] || die "no tree in $TREE (run 'make tree')"
	kconfig_merge "$TREE" "$X86_OUT" x86_64 "${FRAGMENTS[@]}"
	log "x86: building $BZIMAGE"
	"${KMAKE[@]}" bzImage
	kconfig_verify "$X86_OUT/.config" "${FRAGMENTS[@]}"
	[[ -f "$BZIMAGE" ]] || die "x86: $BZIMAGE not built"
}

# gcc -m32 and a static 32-bit libcap: gcc-multilib, and libcap-dev:i386
# (which needs the i386 architecture in dpkg).  Best effort: without them,
# the 32-bit selftests are not run (and the summary says so).
install_multilib() {
	local sudo=()
	((EUID == 0)) || sudo=(sudo)
	if [[ -f /usr/lib/i386-linux-gnu/libcap.a &&
		-d /usr/lib/gcc/x86_64-linux-gnu/12/32 ]]; then
		return 0
	fi
	log "x86: installing gcc-multilib and libcap-dev:i386 (32-bit selftests)"
	{
		dpkg --print-foreign-architectures | grep -qx i386 ||
			"${sudo[@]}" dpkg --add-architecture i386
		# A mirror in sync may fail one index: try the install anyway.
		"${sudo[@]}" apt-get update || true
		"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install \
			-y --no-install-recommends gcc-multilib libcap-dev:i386 \
			</dev/null
	} >"$X86_LOGS/multilib-install.log" 2>&1 ||
		log "x86: could not install them (see $X86_LOGS/multilib-install.log)"
}

# 32-bit selftests, if the toolchain and libcap for i386 are there.
build_selftests32() {
	local src="$TREE/tools/testing/selftests/landlock"
	rm -rf "$SELFTESTS32_OUT"
	[[ "${X86_M32:-1}" == 1 ]] || return 0
	if ! echo 'int main(void) { return 0; }' |
		gcc -m32 -static -x c -o /dev/null - -lcap 2>/dev/null; then
		log "x86: no -m32 static toolchain with libcap (gcc-multilib," \
			"libcap-dev:i386): the 32-bit selftests are not run"
		return 0
	fi
	mkdir -p "$SELFTESTS32_OUT"
	log "x86: building the 32-bit selftests into $SELFTESTS32_OUT"
	env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS CFLAGS=-m32 LDFLAGS=-m32 \
		make -C "$src" OUTPUT="$SELFTESTS32_OUT" -j"$JOBS" --keep-going \
		KHDR_INCLUDES="-isystem $HDR_DIR" >"$X86_LOGS/selftests32.log" 2>&1 ||
		log "x86: some 32-bit selftests could not be built (see $X86_LOGS/selftests32.log)"
}

make_initramfs() {
	local busybox=/bin/busybox applet dir="$INITRAMFS/root" bin
	[[ -x "$busybox" ]] || busybox=/usr/bin/busybox
	# ldd fails on a static binary.
	! ldd "$busybox" >/dev/null 2>&1 ||
		die "x86: $busybox is not static (install busybox-static)"
	rm -rf "$INITRAMFS"
	mkdir -p "$dir"/{bin,dev,proc,sys,tmp,tests/64,tests/32,harness}
	cp "$busybox" "$dir/bin/busybox"
	for applet in $("$busybox" --list); do
		[[ "$applet" == busybox ]] || ln -s busybox "$dir/bin/$applet"
	done
	gcc -static -O2 -Wall -Wextra -Werror -o "$dir/bin/run-as" \
		"$HARNESS/run-as.c"
	install -m 755 "$HARNESS/x86-init.sh" "$dir/init"
	install -m 644 "$HARNESS"/guest-{mounts,tap,platform,run}.sh "$dir/harness/"
	for bin in "${expected[@]}"; do
		[[ -x "$SELFTESTS_OUT/$bin" ]] &&
			install -m 755 "$SELFTESTS_OUT/$bin" "$dir/tests/64/$bin"
		[[ -x "$SELFTESTS32_OUT/$bin" ]] &&
			install -m 755 "$SELFTESTS32_OUT/$bin" "$dir/tests/32/$bin"
	done
	chmod 1777 "$dir/tmp"
	(cd "$dir" && find . -print0 | cpio --null -o -H newc --owner=0:0 \
		--quiet) >"$INITRAMFS/initramfs.cpio"
}

check() {
	[[ -f "$BZIMAGE" ]] || die "x86: $BZIMAGE missing (run 'make kernel-x86')"
	command -v qemu-system-x86_64 >/dev/null ||
		die "x86: no qemu-system-x86_64 (install qemu-system-x86)"
	local start
	start=$(date +%s)
	rm -rf "$X86_LOGS"
	mkdir -p "$X86_LOGS"

	bash "$HARNESS/selftests.sh" || log "x86: some selftests could not be built"
	[[ "${X86_M32:-1}" == 1 ]] && install_multilib
	build_selftests32

	local expected=() c
	for c in "$ROOT"/tools/testing/selftests/landlock/*_test.c; do
		[[ -e "$c" ]] && expected+=("$(basename "$c" .c)")
	done
	make_initramfs

	local console="$X86_LOGS/console.log" results="$X86_LOGS/results.txt"
	log "x86: booting $BZIMAGE (console: $console)"
	set +e
	timeout -k 10 "${X86_TIMEOUT:-2400}" qemu-system-x86_64 -accel tcg \
		-m 1G -smp 2 -nographic -no-reboot -monitor none \
		-serial "file:$console" -serial "file:$results" \
		-kernel "$BZIMAGE" -initrd "$INITRAMFS/initramfs.cpio" \
		-append 'console=ttyS0 panic=-1 panic_on_warn=1 oops=panic quiet' \
		</dev/null >"$X86_LOGS/qemu.log" 2>&1
	local qemu_status=$?
	set -e
	log "x86: qemu exited with $qemu_status after $(($(date +%s) - start)) s"

	# Split results.txt into one TAP file per run.
	split_results "$results" "$X86_LOGS"

	local passed failed skipped problems table abi user bin
	judge_init
	grep -q '^@@@ DONE' <(tr -d '\r' <"$results") ||
		problem "boot: the guest did not finish (qemu status $qemu_status, see $console)"
	for abi in 64 32; do
		[[ "$abi" == 32 && ! -d "$SELFTESTS32_OUT" ]] && continue
		for user in root nobody; do
			for bin in "${expected[@]}"; do
				judge "x86-$abi/$user" "$bin" \
					"$X86_LOGS/$abi-$user-$bin.tap" \
					"$(cat "$X86_LOGS/$abi-$user-$bin.rc" 2>/dev/null || true)"
			done
		done
	done
	judge "x86/root" platform "$X86_LOGS/check-root-platform.tap" \
		"$(cat "$X86_LOGS/check-root-platform.rc" 2>/dev/null || true)"
	judge_kmemleak "$X86_LOGS/kmemleak.txt"
	judge_splats "$console" "$X86_LOGS/dmesg.log"

	echo
	echo "=== x86_64 kernel under QEMU: kselftests (logs: $X86_LOGS/ABI-USER-BINARY.tap)"
	printf '%s\n' "${table[@]}"
	[[ -d "$SELFTESTS32_OUT" ]] ||
		echo "(no 32-bit selftests: gcc-multilib or libcap-dev:i386 missing)"
	if ((${#problems[@]} > 0)); then
		echo "=== Problems (x86_64)"
		printf '  %s\n' "${problems[@]}"
	fi
	echo "=== check-x86 took $(($(date +%s) - start)) s (after the kernel build)"
	echo "$passed $failed $skipped" >"$LOGS/x86.counts"
	echo "x86: $passed passed, $failed failed, $skipped skipped"
	((failed == 0))
}

case "${1:-check}" in
build) build ;;
check) check ;;
*) die "usage: $0 [build|check]" ;;
esac
