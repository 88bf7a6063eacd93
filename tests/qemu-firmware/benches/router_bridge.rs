//! What the Verilated router on QEMU's bus costs in wall-clock time: per
//! MMIO access, per sync, guest seconds simulated per wall second idle and
//! loaded, and the QEMU build cold and cached. Prints a markdown table.
//! Wall-clock figures depend on the host and its load; they are measured,
//! never asserted.
//!
//! - Accesses and idle: the firmware's `bridgebench` program (20 000 router
//!   reads back to back, then 20 ms of WFI), phases delimited by marker
//!   reads the bridge's record shows; wall times from the bridge's clock.
//! - Syncs: the same idle phase with the bridge asking for a sync every
//!   10 µs of virtual time; the extra wall time over the plain idle phase,
//!   per sync.
//! - Loaded: the firmware test's load (`router` program, scenario
//!   `router-oob.toml`), from START to the read that saw it done.
//! - QEMU build: the cold build's time as scripts/build-qemu.sh recorded it
//!   in the cache (`build-info.txt`), and the cached lookup timed here.
//!
//! Run: `cargo bench -p qemu-firmware --bench router_bridge`.

use qemu_firmware::*;
use router_bridge::record::Entry;
use std::time::{Duration, Instant};

const SCENARIO: &str = "tests/qemu-firmware/scenarios/router-oob.toml";
const SRCDEV: u32 = router_bridge::sources::DEVICE_BASE;

/// Indices into `accesses()` of the phase markers (reads of the source
/// device's ID).
fn markers(b: &qemu_run::router::Outcome) -> Vec<usize> {
    b.record
        .accesses()
        .enumerate()
        .filter(|(_, a)| !a.write && a.addr == SRCDEV + router_bridge::sources::REG_ID)
        .map(|(i, _)| i)
        .collect()
}

fn checked(r: RouterFwRun, what: &str) -> RouterFwRun {
    if r.fw.code() != 0 {
        eprintln!("{what} failed:\n{}", r.fw.dump());
        std::process::exit(1);
    }
    r
}

fn secs(d: Duration) -> f64 {
    d.as_secs_f64()
}

fn main() {
    // QEMU build, cached (the cold figure is the one recorded at build time).
    let t = Instant::now();
    let qemu = qemu_run::router_qemu().unwrap_or_else(|e| panic!("{e}"));
    let cached = t.elapsed();
    let info = std::fs::read_to_string(qemu.with_file_name("build-info.txt")).unwrap_or_default();
    let cold = info
        .lines()
        .find_map(|l| l.strip_prefix("cold-build-seconds: "))
        .map_or("unknown".to_string(), |s| format!("{s} s"));

    let plain = checked(run_with_router("bridgebench", SECURE, "bench-plain", SCENARIO, &[]), "bridgebench");
    let mut opts = router_options(SCENARIO);
    opts.quantum_ns = Some(10_000);
    let synced = checked(run_with_bridge("bridgebench", SECURE, "bench-sync", opts, &[]), "bridgebench with syncs");
    let loaded = checked(run_with_router("router", SECURE, "bench-loaded", SCENARIO, &[]), "router");
    // The same access loop without -icount (multi-threaded TCG, virtual
    // time from the host clock): no instruction counting to keep exact.
    let q = invocation("bridgebench", SECURE, "bench-no-icount", &[], Duration::from_secs(300));
    let free = qemu_run::router::run(q, router_options(SCENARIO)).unwrap_or_else(|e| panic!("{e}"));
    let fm = markers(&free.bridge);
    let per_access_free = secs(free.bridge.access_wall[fm[1]] - free.bridge.access_wall[fm[0]]) / (fm[1] - fm[0]) as f64;

    // Accesses: between markers 0 and 1, each one round trip.
    let m = markers(&plain.bridge);
    let acc: Vec<_> = plain.bridge.record.accesses().copied().collect();
    let w = &plain.bridge.access_wall;
    let n = (m[1] - m[0]) as f64;
    let per_access = secs(w[m[1]] - w[m[0]]) / n;
    let guest_per_access = (acc[m[1]].ns - acc[m[0]].ns) as f64 / n;

    // Idle: markers 1 and 2.
    let idle_guest = (acc[m[2]].ns - acc[m[1]].ns) as f64 * 1e-9;
    let idle_wall = secs(w[m[2]] - w[m[1]]);
    let ms = markers(&synced.bridge);
    let sacc: Vec<_> = synced.bridge.record.accesses().copied().collect();
    let sw = &synced.bridge.access_wall;
    let sync_idle_wall = secs(sw[ms[2]] - sw[ms[1]]);
    let (from, to) = (sacc[ms[1]].cycle, sacc[ms[2]].cycle);
    let syncs = synced
        .bridge
        .record
        .entries
        .iter()
        .filter(|e| matches!(e, Entry::Sync { cycle, .. } if (from..to).contains(cycle)))
        .count();
    let sync_guest = (sacc[ms[2]].ns - sacc[ms[1]].ns) as f64 * 1e-9;
    let per_sync = (sync_idle_wall - idle_wall) / syncs as f64;

    // Loaded: START write .. the STATUS read that saw "done".
    let lacc: Vec<_> = loaded.bridge.record.accesses().copied().collect();
    let lw = &loaded.bridge.access_wall;
    let start = lacc.iter().position(|a| a.write && a.addr == SRCDEV + router_bridge::sources::REG_START).expect("START");
    let done = lacc
        .iter()
        .rposition(|a| !a.write && a.addr == SRCDEV + router_bridge::sources::REG_STATUS && a.data & router_bridge::sources::STATUS_DONE != 0)
        .expect("done");
    let load_guest = (lacc[done].ns - lacc[start].ns) as f64 * 1e-9;
    let load_wall = secs(lw[done] - lw[start]);
    let load_accesses = done - start;
    let c = loaded.bridge.counters;

    println!("## Router on QEMU's bus: wall-clock costs (this host, one run)\n");
    println!("| measure | value | how |");
    println!("|---|---|---|");
    println!(
        "| MMIO access, wall | {:.1} µs | {} reads of the router's ID back to back (guest: {:.0} ns each under icount) |",
        per_access * 1e6,
        m[1] - m[0],
        guest_per_access
    );
    println!(
        "| MMIO access, wall, without -icount | {:.1} µs | the same loop, multi-threaded TCG (not deterministic; virtual time follows the host clock) |",
        per_access_free * 1e6
    );
    println!(
        "| sync, wall | {:.1} µs | {syncs} syncs at 10 µs of virtual time over {:.0} ms idle, minus the same idle without syncs |",
        per_sync * 1e6,
        sync_guest * 1e3
    );
    println!(
        "| idle: guest s per wall s | {:.0} | {:.0} ms of WFI (icount sleep=off: no sync needed, time warps) in {:.2} ms wall |",
        idle_guest / idle_wall,
        idle_guest * 1e3,
        idle_wall * 1e3
    );
    println!(
        "| idle with 10 µs syncs: guest s per wall s | {:.3} | same phase, {syncs} syncs in {:.2} s wall |",
        sync_guest / sync_idle_wall,
        sync_idle_wall
    );
    println!(
        "| loaded: guest s per wall s | {:.4} | {:.1} ms of the firmware serving {} events ({} accesses, {} syncs) in {:.2} s wall |",
        load_guest / load_wall,
        load_guest * 1e3,
        loaded.bridge.driven.iter().sum::<u32>(),
        load_accesses,
        c.syncs,
        load_wall
    );
    println!(
        "| router edges evaluated / skipped (loaded run) | {} / {} | skipped = idle stretches advanced without evaluation |",
        c.edges_evaluated, c.edges_skipped
    );
    println!(
        "| bridge's share of the loaded run's wall time | {:.0} % | time serving requests (simulation + socket writes) / connection time |",
        100.0 * secs(loaded.bridge.busy) / secs(loaded.bridge.wall)
    );
    println!("| QEMU build, cold | {cold} | scripts/build-qemu.sh from nothing: apt source, build deps, configure, ninja (recorded in the cache) |");
    println!("| QEMU build, cached | {:.1} s | scripts/build-qemu.sh finding the cache (apt's source version, key hash) |", secs(cached));
}
