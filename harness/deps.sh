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
)

missing=()
for pkg in "${PACKAGES[@]}"; do
	# One line per installed architecture (multiarch).
	if ! dpkg-query -W -f='${db:Status-Status}\n' "$pkg" 2>/dev/null |
		grep -x installed >/dev/null; then
		missing+=("$pkg")
	fi
done

if ((${#missing[@]} == 0)); then
	log "deps: all ${#PACKAGES[@]} packages installed"
	exit 0
fi

log "deps: installing ${missing[*]}"
sudo=()
if ((EUID != 0)); then
	command -v sudo >/dev/null || die "not root and no sudo"
	sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
# A stale or half-synced index of the mirror should not stop the install:
# apt-get install fails anyway if a package really cannot be had.
"${sudo[@]}" apt-get update || log "deps: apt-get update failed, trying anyway"
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
	apt-get install -y --no-install-recommends "${missing[@]}" </dev/null
