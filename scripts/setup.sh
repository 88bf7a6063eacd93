#!/usr/bin/env bash
# Installs everything the project needs on a fresh Debian/Ubuntu machine:
# Debian packages (Verilator, Yosys, QEMU, the aarch64 cross compiler, dtc,
# U-Boot's mkimage for the boot images irqpipe's tests must recognise)
# and the Rust targets. Idempotent: does nothing that is already done.
set -euo pipefail

APT_PACKAGES=(verilator yosys qemu-system-arm gcc-aarch64-linux-gnu libc6-dev-arm64-cross make python3-venv sparse
              u-boot-tools
              device-tree-compiler cpio flex bison libelf-dev bc zlib1g-dev)
RUST_TARGETS=(aarch64-unknown-none aarch64-unknown-none-softfloat aarch64-unknown-linux-gnu)
RUST_COMPONENTS=(rustfmt)

missing=()
for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
    if [[ $(id -u) -ne 0 ]] && ! command -v sudo >/dev/null; then
        echo "setup: missing Debian packages: ${missing[*]}" >&2
        echo "setup: run as root, or: apt-get install ${missing[*]}" >&2
        exit 1
    fi
    SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO=sudo
    echo "setup: installing ${missing[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! command -v cargo >/dev/null; then
    echo "setup: cargo not found; install Rust with rustup (https://rustup.rs) first" >&2
    exit 1
fi
installed=$(rustup target list --installed 2>/dev/null || true)
for t in "${RUST_TARGETS[@]}"; do
    grep -qx "$t" <<<"$installed" || rustup target add "$t"
done
# regmap-gen formats the generated PAC with rustfmt.
components=$(rustup component list --installed 2>/dev/null || true)
for c in "${RUST_COMPONENTS[@]}"; do
    grep -q "^$c" <<<"$components" || rustup component add "$c"
done

# Verilator 5.006 and Yosys 0.23 are the versions this project is checked with.
echo "setup: $(verilator --version | head -1); $(yosys -V)"

# --- linux-glue (issue 4): Debian's arm64 kernel for tests/qemu-linux -------
# The module tests fetch Debian's arm64 kernel image, headers and
# busybox-static with `apt-get download` (nothing is installed), which
# needs the arm64 architecture in apt's package lists.
# (Outputs are captured first: `grep -q` closing a pipe early would make
# the pipeline fail under pipefail.)
archs=$(dpkg --print-foreign-architectures)
arm64_headers=$(apt-cache policy linux-headers-arm64:arm64 2>/dev/null || true)
if ! grep -qx arm64 <<<"$archs" || ! grep -q 'Candidate: [0-9]' <<<"$arm64_headers"; then
    if [[ $(id -u) -ne 0 ]] && ! command -v sudo >/dev/null; then
        echo "setup: apt lacks the arm64 architecture needed by tests/qemu-linux;" >&2
        echo "setup: as root run: dpkg --add-architecture arm64 && apt-get update" >&2
        exit 1
    fi
    SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO=sudo
    echo "setup: adding the arm64 architecture to apt (downloads only, installs nothing)"
    $SUDO dpkg --add-architecture arm64
    $SUDO apt-get update -qq
fi
