#!/usr/bin/env bash
# The main job: the whole system on the embedded default — the Verilated
# router, the oob firmware's router driver and real-time core, and a
# Linux-like in-band load — under the default interrupt load, beside a
# software Dovetail-style pipeline; prints the latency report and writes it
# with its plots to target/cosim/.
#
#   bash scripts/run-main.sh                       # scenarios/default.toml
#   bash scripts/run-main.sh scenarios/mine.toml   # your own load
#   bash scripts/run-main.sh -- --vcd /tmp/r.vcd --window 1000:5000
#   bash scripts/run-main.sh --qemu scenarios/qemu-short.toml
#       # the real binaries: partitioned mode on QEMU with the Verilated
#       # router (host-tools/main-qemu); report in target/cosim/report-qemu.md
#
# Exit status: 0 all checks passed; 1 a check failed (an event lost or
# delivered twice, router statistics disagreeing with the software's view);
# 2 a bad scenario or argument; 3 the simulation could not run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
qemu=0
if [[ ${1:-} == --qemu ]]; then
    qemu=1
    shift
fi
scenario=scenarios/default.toml
if [[ $# -gt 0 && $1 != --* ]]; then
    scenario=$1
    shift
fi
[[ ${1:-} == -- ]] && shift
if [[ $qemu == 1 ]]; then
    bash scripts/build-qemu.sh >/dev/null
    cargo build --release --locked -p main-qemu
    exec target/release/main-qemu "$scenario" --out target/cosim "$@"
fi
cargo build --release --locked -p cosim
exec target/release/cosim "$scenario" --out target/cosim "$@"
