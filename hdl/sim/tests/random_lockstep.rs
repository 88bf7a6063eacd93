//! Constrained-random lockstep of the Verilated RTL against the reference
//! model, with an AXI protocol checker on the bus and Secure and Non-secure
//! masters mixed (spec §8).
//!
//! - The *checked* builds (formal properties checked at every edge, the RTL
//!   as synthesis sees it) of every built configuration: a few million edges.
//! - The *fast* builds (no properties, the RTL's word-level simulation forms)
//!   of the default size, full and lean: the long run, 50 million edges in
//!   all (`long_run_*`), spread over the test threads.
//!
//! Replay one seed: `ROUTER_SEED=0x... cargo test -p router-sim --test
//! random_lockstep replay` (add `ROUTER_TRACE=/tmp/f.vcd` for a waveform;
//! `ROUTER_CONFIG=32x4x8|32x4x8-lean|8x1x1|128x8x16` picks the configuration,
//! `ROUTER_FAST=1` the fast build, `ROUTER_EDGES` the length).

use router_model::RouterModel;
use router_sim::random_run::run_lockstep;
use router_sim::stim::Coverage;
use router_sim::{Config, RouterRtl};

fn run(cfg: Config, fast: bool, seed: u64, edges: u64) -> Coverage {
    let p = cfg.params();
    let mut rtl = if fast { RouterRtl::fast(p) } else { RouterRtl::new(p) }.expect("configuration is built");
    let mut model = RouterModel::new(p).expect("valid parameters");
    // An RTL assertion panics inside the step: name the seed in either case.
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        run_lockstep(&mut rtl, &mut model, seed, edges)
    }));
    let build = if fast { " (fast build, ROUTER_FAST=1)" } else { "" };
    match r {
        Ok(Ok(c)) => c,
        Ok(Err(f)) => panic!("{cfg:?}{build}: {f}"),
        Err(e) => {
            let msg = e.downcast_ref::<String>().cloned().unwrap_or_default();
            panic!("{cfg:?}{build} seed {seed:#x} (replay: ROUTER_SEED={seed:#x}): {msg}")
        }
    }
}

/// Runs `seeds` seeds of `edges` edges on `cfg` and checks that the run
/// really exercised the router (a random test that claims nothing proves
/// nothing).
fn campaign(cfg: Config, fast: bool, base: u64, seeds: u64, edges: u64) {
    let mut total = Coverage::default();
    for k in 0..seeds {
        total.add(&run(cfg, fast, base.wrapping_add(k), edges));
    }
    eprintln!("{cfg:?} fast={fast}: {seeds} seeds x {edges} edges: {total:?}");
    let n = seeds * edges;
    assert!(total.src_claims > n / 2000, "too few source claims: {total:?}");
    assert!(total.ipi_claims > n / 5000, "too few IPI claims: {total:?}");
    assert!(total.none_claims > 0 && total.slverr > 0, "{total:?}");
    assert!(total.line_rises > n / 5000, "lines hardly moved: {total:?}");
    assert!(total.bp_cycles > 0, "no back-pressure exercised: {total:?}");
    assert!(
        total.ns_writes > n / 1000 && total.ns_reads > n / 1000,
        "Secure and Non-secure not mixed: {total:?}"
    );
}

#[test]
fn default_config_2m_edges() {
    campaign(Config::C32x4x8, false, 0x5EED_0000, 8, 250_000);
}

#[test]
fn lean_config_1m_edges() {
    campaign(Config::C32x4x8Lean, false, 0x5EED_3000, 4, 250_000);
}

#[test]
fn minimum_config_1m_edges() {
    campaign(Config::C8x1x1, false, 0x5EED_1000, 4, 250_000);
}

/// The 128x8x16 model simulates several times slower than the default one,
/// so it gets fewer edges.
#[test]
fn maximum_config_100k_edges() {
    campaign(Config::C128x8x16, false, 0x5EED_2000, 2, 50_000);
}

/// The long run: 50 million edges over the fast builds, full and lean, in
/// four tests so that the test threads share them.
const LONG_SEEDS: u64 = 25;
const LONG_EDGES: u64 = 500_000;

#[test]
fn long_run_full_a() {
    campaign(Config::C32x4x8, true, 0x10_0000, LONG_SEEDS, LONG_EDGES);
}

#[test]
fn long_run_full_b() {
    campaign(Config::C32x4x8, true, 0x20_0000, LONG_SEEDS, LONG_EDGES);
}

#[test]
fn long_run_lean_a() {
    campaign(Config::C32x4x8Lean, true, 0x30_0000, LONG_SEEDS, LONG_EDGES);
}

#[test]
fn long_run_lean_b() {
    campaign(Config::C32x4x8Lean, true, 0x40_0000, LONG_SEEDS, LONG_EDGES);
}

#[test]
fn replay() {
    let Ok(seed) = std::env::var("ROUTER_SEED") else { return };
    let seed = u64::from_str_radix(seed.trim_start_matches("0x"), 16).expect("hex seed");
    let cfg = match std::env::var("ROUTER_CONFIG").as_deref() {
        Ok("8x1x1") => Config::C8x1x1,
        Ok("128x8x16") => Config::C128x8x16,
        Ok("32x4x8-lean") => Config::C32x4x8Lean,
        _ => Config::C32x4x8,
    };
    let fast = std::env::var("ROUTER_FAST").is_ok_and(|v| v == "1");
    let edges = std::env::var("ROUTER_EDGES").ok().and_then(|e| e.parse().ok()).unwrap_or(250_000);
    eprintln!("{:?}", run(cfg, fast, seed, edges));
}
