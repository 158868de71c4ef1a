#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# "make distro-boot": a Debian 12 system, made with debootstrap from
# Debian's own packages, with our kernel package (make deb) installed by
# dpkg -i, booted under qemu-system-x86_64 (TCG) with systemd as init.
# In the guest, harness/distro-guest.sh (a systemd service) waits for the
# boot to end, runs our kselftests as root and as uid 65534, then
# harness/distro-checks.sh: systemd's state, AppArmor and Landlock active,
# the sandboxer confining python3 and curl, auditd logging the denials.
# Prints "distro-boot: N passed, N failed".
#
# The debootstrapped root (build/distro-root) is kept and made again only
# when its package list changes; each run copies it, installs the package
# and the tests, and makes an ext4 image of it (mkfs.ext4 -d).  Logs:
# build/logs/distro-boot/.  Needs root (chroot, dpkg in the chroot).
# DISTRO_KERNEL_DEB=FILE boots another linux-image package instead (such
# as Debian's own, to compare).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$HARNESS/judge.sh"

BASE_ROOT="$BUILD/distro-root"
WORK="$BUILD/distro-boot"
ROOTFS="$WORK/root"
IMAGE="$WORK/disk.img"
BOOT_LOGS="$LOGS/distro-boot"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
# The system: systemd, AppArmor and auditd as Debian installs them, and
# the programs the checks confine.
GUEST_PACKAGES=systemd-sysv,udev,dbus,apparmor,auditd,curl,python3,initramfs-tools,kmod,iproute2,procps

((EUID == 0)) || die "distro-boot: needs root (debootstrap, chroot)"
ensure_packages debootstrap e2fsprogs qemu-system-x86

make_base_root() {
	local root_id="bookworm $MIRROR $GUEST_PACKAGES"
	[[ "$(cat "$BASE_ROOT/.harness-stamp" 2>/dev/null)" == "$root_id" ]] && return
	log "distro-boot: debootstrap bookworm into $BASE_ROOT (log: $BOOT_LOGS/debootstrap.log)"
	rm -rf "$BASE_ROOT" "$BASE_ROOT.tmp"
	debootstrap --variant=minbase --include="$GUEST_PACKAGES" bookworm \
		"$BASE_ROOT.tmp" "$MIRROR" >"$BOOT_LOGS/debootstrap.log" 2>&1 ||
		{ tail -n 20 "$BOOT_LOGS/debootstrap.log"; die "distro-boot: debootstrap failed"; }
	printf '%s\n' "$root_id" >"$BASE_ROOT.tmp/.harness-stamp"
	mv "$BASE_ROOT.tmp" "$BASE_ROOT"
}

# in_root COMMAND...: runs COMMAND chrooted in the copy, with /proc, /sys
# and /dev.
in_root() {
	local m status=0
	for m in proc sys dev; do
		mount --bind "/$m" "$ROOTFS/$m"
	done
	chroot "$ROOTFS" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin "$@" || status=$?
	for m in dev sys proc; do
		umount -l "$ROOTFS/$m"
	done
	return "$status"
}

make_root() {
	local image bin
	rm -rf "$ROOTFS"
	cp -a "$BASE_ROOT" "$ROOTFS"
	image="${DISTRO_KERNEL_DEB:-$(ls "$BUILD"/deb/linux-image-*.deb)}"
	cp "$image" "$ROOTFS/tmp/"
	log "distro-boot: dpkg -i $(basename "$image")"
	in_root dpkg -i "/tmp/$(basename "$image")" >"$BOOT_LOGS/dpkg.log" 2>&1 ||
		{ tail -n 20 "$BOOT_LOGS/dpkg.log"; die "distro-boot: dpkg -i failed"; }
	rm "$ROOTFS/tmp/$(basename "$image")"
	echo landlock-debian >"$ROOTFS/etc/hostname"
	echo '/dev/vda / ext4 defaults 0 1' >"$ROOTFS/etc/fstab"

	mkdir -p "$ROOTFS/opt/landlock"/{bin,tests,harness}
	install -m 644 "$HARNESS"/guest-{run,tap}.sh "$ROOTFS/opt/landlock/harness/"
	install -m 755 "$HARNESS"/distro-{guest,checks}.sh "$ROOTFS/opt/landlock/harness/"
	gcc -static -O2 -Wall -Wextra -Werror -o "$ROOTFS/opt/landlock/bin/run-as" \
		"$HARNESS/run-as.c"
	install -m 755 "$SAMPLES_OUT/sandboxer" "$ROOTFS/opt/landlock/bin/"
	for bin in "${expected[@]}"; do
		install -m 755 "$SELFTESTS_OUT/$bin" "$ROOTFS/opt/landlock/tests/$bin"
	done
	cat >"$ROOTFS/etc/systemd/system/landlock-tests.service" <<-'UNIT'
		[Unit]
		Description=Landlock tests of make distro-boot
		After=multi-user.target

		[Service]
		Type=simple
		ExecStart=/opt/landlock/harness/distro-guest.sh
		StandardOutput=journal+console

		[Install]
		WantedBy=multi-user.target
	UNIT
	ln -sf /etc/systemd/system/landlock-tests.service \
		"$ROOTFS/etc/systemd/system/multi-user.target.wants/"
	rm -f "$IMAGE"
	mkfs.ext4 -q -F -L root -d "$ROOTFS" "$IMAGE" 4G
}

boot() {
	local vmlinuz initrd start status=0
	vmlinuz="$(ls "$ROOTFS"/boot/vmlinuz-*)"
	initrd="$(ls "$ROOTFS"/boot/initrd.img-*)"
	log "distro-boot: booting $(basename "$vmlinuz") (console: $BOOT_LOGS/console.log)"
	start=$(date +%s)
	timeout -k 10 "${DISTRO_BOOT_TIMEOUT:-3600}" qemu-system-x86_64 -accel tcg \
		-m 2G -smp 2 -nographic -no-reboot -monitor none -nic none \
		-serial "file:$BOOT_LOGS/console.log" \
		-serial "file:$BOOT_LOGS/results.txt" \
		-drive "file=$IMAGE,format=raw,if=virtio" \
		-kernel "$vmlinuz" -initrd "$initrd" \
		-append 'root=/dev/vda rw console=ttyS0 panic=-1' \
		</dev/null >"$BOOT_LOGS/qemu.log" 2>&1 || status=$?
	log "distro-boot: qemu exited with $status after $(($(date +%s) - start)) s"
}

rm -rf "$BOOT_LOGS"
mkdir -p "$BOOT_LOGS" "$WORK"
[[ -n "${DISTRO_KERNEL_DEB:-}" ]] || ls "$BUILD"/deb/linux-image-*.deb >/dev/null 2>&1 ||
	die "no package: run 'make deb'"
make -C "$ROOT" --no-print-directory selftests sandboxer >"$BOOT_LOGS/build.log" 2>&1 ||
	{ tail -n 20 "$BOOT_LOGS/build.log"; die "distro-boot: building the tests failed"; }
expected=()
for c in "$ROOT"/tools/testing/selftests/landlock/*_test.c; do
	expected+=("$(basename "$c" .c)")
done
make_base_root
make_root
boot
split_results "$BOOT_LOGS/results.txt" "$BOOT_LOGS"

judge_init
grep -q '^@@@ DONE' <(tr -d '\r' <"$BOOT_LOGS/results.txt") ||
	problem "boot: the guest did not finish (see $BOOT_LOGS/console.log)"
for user in root nobody; do
	for bin in "${expected[@]}"; do
		judge "debian/$user" "$bin" "$BOOT_LOGS/64-$user-$bin.tap" \
			"$(cat "$BOOT_LOGS/64-$user-$bin.rc" 2>/dev/null || true)"
	done
done
judge "debian/root" system "$BOOT_LOGS/check-root-system.tap" \
	"$(cat "$BOOT_LOGS/check-root-system.rc" 2>/dev/null || true)"
judge_splats "$BOOT_LOGS/dmesg.log"

echo
echo "=== Debian 12 with our kernel package, under QEMU (logs: $BOOT_LOGS)"
printf '%s\n' "${table[@]}"
sed -n 's/^# system: //p' "$BOOT_LOGS/check-root-system.tap" 2>/dev/null
if ((${#problems[@]} > 0)); then
	echo "=== Problems"
	printf '  %s\n' "${problems[@]}"
fi
echo "distro-boot: $passed passed, $failed failed, $skipped skipped"
((failed == 0))
