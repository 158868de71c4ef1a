#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Installs the Debian packages the harness needs, only if some are missing.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PACKAGES=(
	linux-source-6.1 build-essential flex bison bc libelf-dev libssl-dev
	libcap-dev python3 ccache busybox-static qemu-system-x86 kmod cpio
	xz-utils rsync util-linux
	# Used in the UML guest, which runs on the host's /: the disk file
	# systems made on loop devices (harness/guest-platform.sh), and the
	# audit daemon (harness/guest-auditd.sh; on a host booted with
	# systemd, installing it also starts it there).
	e2fsprogs xfsprogs btrfs-progs dosfstools auditd
	# Debian's own kernel configurations (harness/distro.sh, deb.sh).
	linux-config-6.1
	# The patch series (harness/series.sh): applied with quilt.
	quilt
)

ensure_packages "${PACKAGES[@]}"
