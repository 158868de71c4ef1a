# SPDX-License-Identifier: GPL-2.0-only
#
# Landlock for Debian's Linux 6.1: build, boot and test harness.
# Run "make help" for the targets.  The scripts doing the work are in harness/.

SHELL := /bin/bash
ROOT := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
BUILD := $(ROOT)/build
H := $(ROOT)/harness
DEPS_STAMP := $(BUILD)/deps.stamp

# CMD may hold anything ($, quotes...): hand it to the scripts verbatim.
export HARNESS_CMD := $(value CMD)
export UML_USER

# The steps share the two cores and build/: never run them concurrently.
.NOTPARALLEL:
.DEFAULT_GOAL := help

.PHONY: help deps tree kernel headers selftests sandboxer kunit uml-run \
	check check-uml run clean fuzz check-fuzz

help:
	@echo 'Landlock on Debian 6.1 (User-Mode Linux). Targets:'
	@echo '  make run            build what is missing, boot, run harness/demo.sh'
	@echo "  make run CMD='...'  run a command under the sandboxer (LL_FS_RO/LL_FS_RW)"
	@echo '  make check          every test and gate below (check-uml, check-fuzz,'
	@echo '                      check-debug, lint, check-distro, series-check, check-x86),'
	@echo '                      then the totals'
	@echo '  make check-uml      KUnit and the kselftests on UML (the quick one)'
	@echo '  make fuzz           the differential fuzzer: FUZZ_OPS (1000000), FUZZ_SEED,'
	@echo '                      FUZZ_FS, FUZZ_USER=nobody, FUZZ_CONCURRENT=1, FUZZ_ARGS'
	@echo '  make check-fuzz     its smoke slice (fixed seeds, regressions; ~2 minutes)'
	@echo '  make deps           install the Debian packages needed'
	@echo '  make tree           prepare build/linux (base + our files + patches/)'
	@echo '  make kernel         build the UML kernel build/um/linux'
	@echo '  make headers        install the UAPI headers in build/um/usr/include'
	@echo '  make selftests      build the kselftests into build/selftests/'
	@echo '  make sandboxer      build the samples sandboxer and landlock-status (static)'
	@echo '  make kunit          run the Landlock KUnit tests (boot with kunit.enable=1)'
	@echo "  make uml-run CMD='...' [UML_USER=1]  run a command in the guest"
	@echo '  make lint           checkpatch, W=1, sparse, clang-format, kernel-doc, coccicheck'
	@echo '  make check-debug    the kselftests on the debug UML kernel (KASAN, lockdep...)'
	@echo '  make soak [DURATION=10m]  the soak test on the debug UML kernel'
	@echo '  make check-distro   W=1 build of our code in Debian'"'"'s amd64 config'
	@echo '  make check-x86      the kselftests on an x86_64 kernel under QEMU'
	@echo '  make bench          our Landlock against the base tarball'"'"'s (2 x86_64 kernels, QEMU)'
	@echo '  make series         the patch series for a distribution, in build/series/'
	@echo '  make series-check   the series applied to the tarball equals build/linux'
	@echo '  make deb            Debian packages of the kernel in Debian'"'"'s config (build/deb/)'
	@echo '  make distro-boot    a debootstrapped Debian 12 booting that package (QEMU)'
	@echo '  make clean          remove build/ (the ccache stays)'

$(DEPS_STAMP): $(H)/deps.sh
	bash $(H)/deps.sh
	@mkdir -p $(BUILD) && touch $@

deps:
	bash $(H)/deps.sh
	@mkdir -p $(BUILD) && touch $(DEPS_STAMP)

# The following targets are always run: the scripts and kbuild decide what
# is out of date, so every step is incremental.
tree: $(DEPS_STAMP)
	bash $(H)/tree.sh

kernel: tree
	bash $(H)/kernel.sh build

headers: tree
	bash $(H)/kernel.sh headers

selftests: headers
	bash $(H)/selftests.sh

sandboxer: headers
	bash $(H)/sandboxer.sh

kunit: kernel
	bash $(H)/kunit.sh

uml-run: kernel
	bash $(H)/uml-run.sh

check: $(DEPS_STAMP)
	bash $(H)/check-all.sh

check-uml: kernel headers
	bash $(H)/check.sh

run: kernel sandboxer
	bash $(H)/run.sh

# The differential fuzzer (issue 15): harness/fuzz.sh.
fuzz: kernel
	bash $(H)/fuzz.sh fuzz

check-fuzz: kernel
	bash $(H)/fuzz.sh smoke

clean:
	rm -rf $(BUILD)

# Quality gates (issue 5): static checks, a debug kernel, Debian's config,
# an x86_64 boot.  "make check" runs them all (harness/check-all.sh).
.PHONY: lint kernel-debug check-debug check-distro kernel-x86 check-x86

lint: headers
	bash $(H)/lint.sh

kernel-debug: tree
	bash $(H)/debug.sh build

check-debug: kernel-debug headers
	bash $(H)/debug.sh check

# The soak test on the debug kernel (issue 15): DURATION=10m by default
# ("make check-debug" runs a one-minute slice of it).
.PHONY: soak
DURATION ?= 10m
soak: kernel-debug headers
	bash $(H)/debug.sh soak $(DURATION)

check-distro: tree
	bash $(H)/distro.sh

kernel-x86: tree
	bash $(H)/x86.sh build

check-x86: kernel-x86 headers
	bash $(H)/x86.sh check

# Benchmark (issue 6): our Landlock against the base tarball's own, two
# x86_64 kernels booted in turn under QEMU; see harness/bench.sh.
.PHONY: bench

bench: tree
	bash $(H)/bench.sh

.PHONY: docs
docs: tree
	bash $(H)/docs.sh

# For distributions (issue 17): the patch series, a Debian kernel package,
# a Debian 12 system booting it.
.PHONY: series series-check deb distro-boot

series: tree
	bash $(H)/series.sh make

series-check: tree
	bash $(H)/series.sh check

deb: tree
	bash $(H)/deb.sh

distro-boot: deb
	bash $(H)/distro-boot.sh
