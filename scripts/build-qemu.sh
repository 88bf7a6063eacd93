#!/usr/bin/env bash
# Builds the QEMU that has the irq router on its bus: qemu-system-aarch64
# from Debian's own qemu source package, with host-tools/qemu-router applied
# (the irq-router-bridge device and the xlnx-zcu102 `router-socket`
# property), configured for the xlnx-zcu102 machine only.
#
# The build is cached outside the clone, so CI's fresh clones reuse it:
#   ~/.cache/zynq-irq-pipeline/qemu-<key>/qemu-system-aarch64
# where <key> hashes the Debian source version, the configure flags and
# every file of host-tools/qemu-router. A missing cache entry is rebuilt
# from nothing (~3 min on 2 cores, see host-tools/qemu-router/README.md).
#
# Usage: scripts/build-qemu.sh [--print-path]
#   --print-path   print only the binary's path on stdout (progress on stderr)
# Environment: ZYNQ_IRQ_PIPELINE_CACHE overrides ~/.cache/zynq-irq-pipeline.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
QR=$ROOT/host-tools/qemu-router
CACHE_ROOT=${ZYNQ_IRQ_PIPELINE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/zynq-irq-pipeline}
DEVICES=zcu102-router
CONFIGURE_FLAGS=(--target-list=aarch64-softmmu --without-default-features
                 --without-default-devices --with-devices-aarch64=$DEVICES
                 --enable-tcg --enable-fdt=system --disable-docs --disable-werror)
BUILD_DEPS=(dpkg-dev build-essential pkg-config python3 ninja-build meson
            libglib2.0-dev libpixman-1-dev libfdt-dev zlib1g-dev)

print_path=false
[[ ${1:-} == --print-path ]] && print_path=true
say() { echo "build-qemu: $*" >&2; }
die() { echo "build-qemu: $*" >&2; exit 1; }

as_root() {
    if [[ $(id -u) -eq 0 ]]; then "$@"
    elif command -v sudo >/dev/null; then sudo "$@"
    else die "needs root for: $* (run as root, or install sudo)"; fi
}

# --- Debian's source package: deb-src lines, then the version apt would fetch.
DEB_SRC=/etc/apt/sources.list.d/zynq-irq-pipeline-src.sources
# The .dsc file name apt would fetch (URL-decoded: "%2b" is "+").
source_uri() {
    local u
    u=$(apt-get source --print-uris qemu 2>/dev/null | grep -o "qemu_[^' ]*\.dsc" | head -1 || true)
    printf '%b' "${u//%/\\x}"
}
dsc=$(source_uri)
if [[ -z $dsc ]]; then
    command -v apt-get >/dev/null || die "apt-get not found: this script needs Debian/Ubuntu"
    codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
    [[ -n $codename ]] || die "cannot tell the Debian release from /etc/os-release"
    say "adding deb-src lines for $codename to $DEB_SRC"
    as_root tee "$DEB_SRC" >/dev/null <<EOF
# Added by zynq-irq-pipeline scripts/build-qemu.sh: Debian's QEMU source.
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: $codename $codename-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb-src
URIs: http://deb.debian.org/debian-security
Suites: $codename-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
    as_root apt-get update -qq
    dsc=$(source_uri)
    [[ -n $dsc ]] || die "apt cannot find Debian's qemu source package even with deb-src lines ($DEB_SRC)"
fi
version=${dsc#qemu_}; version=${version%.dsc}

# --- The cache key: source version, configure flags, our files.
key=$( { echo "$version"; echo "${CONFIGURE_FLAGS[*]}";
         (cd "$QR" && find . -type f -not -name README.md | LC_ALL=C sort | xargs sha256sum); } \
       | sha256sum | cut -c1-16)
OUT=$CACHE_ROOT/qemu-$key
BIN=$OUT/qemu-system-aarch64
finish() {
    if $print_path; then echo "$BIN"; else say "ready: $BIN"; fi
    exit 0
}
[[ -x $BIN ]] && finish

mkdir -p "$CACHE_ROOT"
exec 9>"$CACHE_ROOT/qemu.lock"
say "waiting for the build lock ($CACHE_ROOT/qemu.lock)"
flock 9
[[ -x $BIN ]] && finish   # another process built it meanwhile

say "building QEMU $version with the router bridge into $OUT (cold: a few minutes)"
start=$(date +%s)
missing=()
for p in "${BUILD_DEPS[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
    say "installing build dependencies: ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends \
        "${missing[@]}" >&2 || die "cannot install ${missing[*]}"
fi

WORK=$(mktemp -d "$CACHE_ROOT/qemu-build.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
(
    cd "$WORK"
    apt-get source --download-only qemu >/dev/null 2>&1 \
        || die "apt-get source --download-only qemu failed (network? deb-src lines in $DEB_SRC)"
    dpkg-source -x "$dsc" src >dpkg-source.log 2>&1 || { cat dpkg-source.log >&2; die "dpkg-source -x $dsc failed"; }
    cp "$QR/irq-router-bridge.c" src/hw/misc/
    cp "$QR/zcu102-devices.mak" "src/configs/devices/aarch64-softmmu/$DEVICES.mak"
    for p in "$QR"/patches/*.patch; do
        patch -d src -p1 --quiet --forward < "$p" || die "patch $(basename "$p") does not apply to $version"
    done
    # Configure from a separate directory: run inside the source tree,
    # QEMU 7.2's configure deletes the build/ it created.
    mkdir build && cd build
    ../src/configure "${CONFIGURE_FLAGS[@]}" >configure.log 2>&1 \
        || { tail -30 configure.log >&2; die "configure failed (log above)"; }
    nice ninja qemu-system-aarch64 >ninja.log 2>&1 \
        || { grep -B2 -A10 -m3 "error" ninja.log >&2 || tail -30 ninja.log >&2; die "build failed (log above)"; }
) || exit 1
took=$(( $(date +%s) - start ))

STAGE=$WORK/out
mkdir -p "$STAGE"
cp "$WORK/build/qemu-system-aarch64" "$STAGE/"
cat > "$STAGE/build-info.txt" <<EOF
debian-source: $version
configure: ${CONFIGURE_FLAGS[*]}
key: $key
cold-build-seconds: $took
built: $(date -u +%Y-%m-%dT%H:%M:%SZ)
EOF
rm -rf "$OUT"
mv "$STAGE" "$OUT"
say "built in ${took}s"
finish
