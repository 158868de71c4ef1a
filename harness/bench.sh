#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# "make bench": our Landlock against the base tarball's own (the reference),
# on the same base, the same config and the same machine, in one run.
#
#   bench.sh [all|build|run|report]      (default: all)
#   bench.sh image | boot ours|ref       (development: initramfs, one boot)
#
#  build   builds two x86_64 kernels from /usr/src/linux-source-6.1.tar.xz
#          with allnoconfig + harness/configs/bench/x86_64.config:
#            ours       build/linux (make tree)       -> build/bench/ours
#            reference  the tarball, untouched, in
#                       build/bench/ref-src            -> build/bench/ref
#          the static benchmark program
#          (tools/testing/selftests/landlock/bench/) and an initramfs with
#          Debian's busybox-static.
#  run     boots both under qemu-system-x86_64 (TCG, 1 vCPU, 1 GiB),
#          alternating ours, ref, ours, ref... BENCH_BOOTS times each
#          (default 5); each boot runs the benchmark program once.
#  report  median and min-max over the boots, per row and kernel, the ratio
#          ours/reference: a table on stdout, build/bench/results.csv,
#          build/bench/results.md and build/bench/depth.png (gnuplot).
#
# Other knobs: BENCH_SCALE (time per measurement, default 1), BENCH_DEPTH,
# BENCH_MANY (see the benchmark program), BENCH_TIMEOUT (per boot, s).
#
# The reference tree is only extracted and built: no file of it is read here.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

BENCH="$BUILD/bench"
REF_SRC="$BENCH/ref-src"
FRAGMENT="$HARNESS/configs/bench/x86_64.config"
PROG_SRC="$ROOT/tools/testing/selftests/landlock/bench/landlock_bench.c"
PROG="$BENCH/landlock-bench"
INITRAMFS="$BENCH/initramfs.cpio"
BOOTS="${BENCH_BOOTS:-5}"
KERNELS=(ours ref)

kernel_src() {
	case "$1" in
	ours) echo "$TREE" ;;
	ref) echo "$REF_SRC" ;;
	esac
}

bzimage() {
	echo "$BENCH/$1/arch/x86/boot/bzImage"
}

# Installs the Debian packages needed here and not by the rest of the
# harness, only if missing.
bench_deps() {
	local pkgs=() cmd pkg
	for cmd in gnuplot:gnuplot-nox qemu-system-x86_64:qemu-system-x86 \
		cpio:cpio; do
		pkg="${cmd#*:}"
		command -v "${cmd%%:*}" >/dev/null || pkgs+=("$pkg")
	done
	dpkg-query -W -f='${db:Status-Status}' busybox-static 2>/dev/null |
		grep -qx installed || pkgs+=(busybox-static)
	((${#pkgs[@]} == 0)) && return
	log "bench: installing ${pkgs[*]}"
	local sudo=()
	((EUID == 0)) || sudo=(sudo)
	local install=("${sudo[@]}" env DEBIAN_FRONTEND=noninteractive
		apt-get install -y -q --no-install-recommends "${pkgs[@]}")
	mkdir -p "$BENCH"
	{ "${install[@]}" || { "${sudo[@]}" apt-get update -q && "${install[@]}"; }; } \
		</dev/null >"$BENCH/apt.log" 2>&1 ||
		{ tail -n 20 "$BENCH/apt.log" >&2; die "bench: apt-get failed"; }
}

# The reference: the tarball as it is, extracted once per tarball version.
extract_ref() {
	local stamp="$BENCH/ref-src.stamp" want
	want="$(stat -c '%n %s %Y' "$TARBALL")"
	if [[ -f "$REF_SRC/Makefile" && -f "$stamp" &&
		"$(cat "$stamp")" == "$want" ]]; then
		return
	fi
	log "bench: extracting the reference tree (untouched) into $REF_SRC"
	rm -rf "$REF_SRC" "$BENCH/ref-src.tmp" "$BENCH/ref" "$stamp"
	mkdir -p "$BENCH/ref-src.tmp"
	tar -xf "$TARBALL" -C "$BENCH/ref-src.tmp"
	mv "$BENCH/ref-src.tmp/$TARBALL_TOPDIR" "$REF_SRC"
	rmdir "$BENCH/ref-src.tmp"
	printf '%s\n' "$want" >"$stamp"
}

build_kernel() {
	local name="$1" src out start
	src="$(kernel_src "$name")"
	out="$BENCH/$name"
	local kmake=(make -C "$src" O="$out" ARCH=x86_64 CC="ccache gcc"
		-j"$JOBS")
	[[ -f "$src/Makefile" ]] || die "bench: no kernel tree in $src"
	start=$(date +%s)
	kconfig_merge "$src" "$out" x86_64 "$FRAGMENT"
	log "bench: building the $name kernel in $out"
	"${kmake[@]}" bzImage >"$out/build.log" 2>&1 ||
		{ tail -n 40 "$out/build.log" >&2; die "bench: the $name kernel does not build (see $out/build.log)"; }
	kconfig_verify "$out/.config" "$FRAGMENT"
	[[ -f "$(bzimage "$name")" ]] || die "bench: no $(bzimage "$name")"
	log "bench: $name kernel ready ($(($(date +%s) - start)) s)"
}

build_prog() {
	mkdir -p "$BENCH"
	if [[ -x "$PROG" && "$PROG" -nt "$PROG_SRC" &&
		"$PROG" -nt "$ROOT/include/uapi/linux/landlock.h" ]]; then
		return
	fi
	log "bench: building $PROG"
	# Our UAPI header, the system's for the rest.
	gcc -static -O2 -Wall -Wextra -Wno-unused-parameter \
		-I"$ROOT/include/uapi" -o "$PROG.tmp" "$PROG_SRC"
	mv "$PROG.tmp" "$PROG"
}

build_initramfs() {
	local dir="$BENCH/initramfs" busybox
	busybox="$(command -v busybox || echo /bin/busybox)"
	rm -rf "$dir"
	mkdir -p "$dir"/{bin,dev,etc,home/user,proc,root,sys,tmp,usr/bin,var}
	cp "$busybox" "$dir/bin/busybox"
	cp "$PROG" "$dir/usr/bin/landlock-bench"
	cat >"$dir/init" <<'EOF'
#!/bin/busybox sh
# init of the benchmark guest (written by harness/bench.sh)
/bin/busybox --install -s /bin
export PATH=/bin:/usr/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mount -t tmpfs -o mode=1777 tmpfs /tmp
ip link set lo up
echo "@BENCH,info,kernel,-,-,-,$(uname -r)"
echo "@BENCH,info,clocksource,-,-,-,$(cat /sys/devices/system/clocksource/clocksource0/current_clocksource)"
/usr/bin/landlock-bench
echo "@BENCH-EXIT $?"
sync
reboot -f
EOF
	chmod 755 "$dir/init"
	(cd "$dir" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) \
		>"$INITRAMFS.tmp"
	mv "$INITRAMFS.tmp" "$INITRAMFS"
}

do_build() {
	local start
	start=$(date +%s)
	[[ -f "$TARBALL" ]] || die "$TARBALL not found (run 'make deps')"
	[[ -f "$TREE/Makefile" ]] || die "no tree in $TREE (run 'make tree')"
	bench_deps
	mkdir -p "$BENCH"
	extract_ref
	build_kernel ours
	build_kernel ref
	build_prog
	build_initramfs
	log "bench: build done in $(($(date +%s) - start)) s"
}

# One boot of kernel $1 (run number $2): the console goes to logs/.
boot() {
	local name="$1" n="$2" console status
	console="$BENCH/logs/$name-$n.log"
	local append="console=ttyS0 quiet panic=-1 oops=panic"
	# Without ACPI/HPET the guest cannot calibrate its TSC and would time
	# with jiffies: give it the host's TSC rate (TCG's guest TSC).
	[[ -n "${TSC_KHZ:-}" ]] || TSC_KHZ="$("$PROG" --tsc-khz || true)"
	[[ -n "$TSC_KHZ" ]] && append+=" tsc_early_khz=$TSC_KHZ tsc=reliable"
	append+=" BENCH_SCALE=${BENCH_SCALE:-1}"
	[[ -n "${BENCH_DEPTH:-}" ]] && append+=" BENCH_DEPTH=$BENCH_DEPTH"
	[[ -n "${BENCH_MANY:-}" ]] && append+=" BENCH_MANY=$BENCH_MANY"
	set +e
	timeout -k 5 "${BENCH_TIMEOUT:-600}" qemu-system-x86_64 -accel tcg \
		-m 1G -smp 1 -nographic -no-reboot \
		-kernel "$(bzimage "$name")" -initrd "$INITRAMFS" \
		-append "$append" </dev/null >"$console" 2>&1
	status=$?
	set -e
	tr -d '\r' <"$console" >"$console.tmp" && mv "$console.tmp" "$console"
	if ((status != 0)) || ! grep -q '^@BENCH-EXIT 0$' "$console"; then
		tail -n 30 "$console" >&2
		die "bench: boot $name #$n failed (qemu status $status, see $console)"
	fi
	grep '^@BENCH,' "$console" | sed "s/^@BENCH,/$name,$n,/" \
		>>"${BOOT_CSV:-$BENCH/raw.csv}"
}

do_run() {
	local i name start t
	for name in "${KERNELS[@]}"; do
		[[ -f "$(bzimage "$name")" ]] || die "bench: no $name kernel (run '$0 build')"
	done
	[[ -f "$INITRAMFS" ]] || die "bench: no initramfs (run '$0 build')"
	rm -rf "$BENCH/logs" "$BENCH/raw.csv"
	mkdir -p "$BENCH/logs"
	echo "kernel,boot,row,case,param,mode,unit,value" >"$BENCH/raw.csv"
	start=$(date +%s)
	for ((i = 1; i <= BOOTS; i++)); do
		for name in "${KERNELS[@]}"; do
			t=$(date +%s)
			boot "$name" "$i"
			log "bench: boot $i/$BOOTS of $name: $(($(date +%s) - t)) s"
		done
	done
	log "bench: $((2 * BOOTS)) boots in $(($(date +%s) - start)) s"
}

do_report() {
	[[ -f "$BENCH/raw.csv" ]] || die "bench: no $BENCH/raw.csv (run '$0 run')"
	python3 "$HARNESS/bench-report.py" "$BENCH" "$(uname -n)" \
		"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
	if [[ -s "$BENCH/depth.dat" ]]; then
		# pngcairo is nicer; the plain png terminal if it is missing.
		gnuplot "$BENCH/depth.gp" 2>/dev/null ||
			sed 's/^set terminal pngcairo/set terminal png/' \
				"$BENCH/depth.gp" | gnuplot ||
			log "bench: gnuplot failed"
		[[ -f "$BENCH/depth.png" ]] && log "bench: plot in $BENCH/depth.png"
	fi
}

case "${1:-all}" in
all)
	t0=$(date +%s)
	do_build
	do_run
	do_report
	log "bench: make bench took $(($(date +%s) - t0)) s"
	;;
build) do_build ;;
image)
	build_prog
	build_initramfs
	;;
boot)
	# One boot for a quick look: bench.sh boot ours|ref
	mkdir -p "$BENCH/logs"
	: >"$BENCH/raw-boot.csv"
	BOOT_CSV="$BENCH/raw-boot.csv" boot "${2:-ours}" 0
	cat "$BENCH/raw-boot.csv"
	;;
run) do_run ;;
report) do_report ;;
*) die "usage: $0 [all|build|run|report|image|boot ours|ref]" ;;
esac
