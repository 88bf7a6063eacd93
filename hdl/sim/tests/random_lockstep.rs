//! Constrained-random lockstep of the Verilated RTL against the reference
//! model, in every built configuration, with an AXI protocol checker on the
//! bus. Together the seeds below simulate over 11 million edges.
//!
//! Replay one seed: `ROUTER_SEED=0x... cargo test --release -p router-sim
//! --test random_lockstep replay` (add `ROUTER_TRACE=/tmp/f.vcd` for a
//! waveform; `ROUTER_CONFIG=8x1x1|32x4x8|128x8x16` picks the configuration).

use router_model::RouterModel;
use router_sim::random_run::run_lockstep;
use router_sim::stim::Coverage;
use router_sim::{Config, RouterRtl};

fn run(cfg: Config, seed: u64, edges: u64) -> Coverage {
    let p = cfg.params();
    let mut rtl = RouterRtl::new(p).expect("configuration is built");
    let mut model = RouterModel::new(p).expect("valid parameters");
    // An RTL assertion panics inside the step: name the seed in either case.
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        run_lockstep(&mut rtl, &mut model, seed, edges)
    }));
    match r {
        Ok(Ok(c)) => c,
        Ok(Err(f)) => panic!("{cfg:?}: {f}"),
        Err(e) => {
            let msg = e.downcast_ref::<String>().cloned().unwrap_or_default();
            panic!("{cfg:?} seed {seed:#x} (replay: ROUTER_SEED={seed:#x}): {msg}")
        }
    }
}

/// Runs `seeds` seeds of `edges` edges on `cfg` and checks that the run
/// really exercised the router (a random test that claims nothing proves
/// nothing).
fn campaign(cfg: Config, base: u64, seeds: u64, edges: u64) {
    let mut total = Coverage::default();
    for k in 0..seeds {
        total.add(&run(cfg, base.wrapping_add(k), edges));
    }
    eprintln!("{cfg:?}: {} seeds x {edges} edges: {total:?}", seeds);
    let n = seeds * edges;
    assert!(total.src_claims > n / 2000, "too few source claims: {total:?}");
    assert!(total.ipi_claims > n / 5000, "too few IPI claims: {total:?}");
    assert!(total.none_claims > 0 && total.slverr > 0, "{total:?}");
    assert!(total.line_rises > n / 5000, "lines hardly moved: {total:?}");
    assert!(total.bp_cycles > 0, "no back-pressure exercised: {total:?}");
}

#[test]
fn default_config_8m_edges() {
    campaign(Config::C32x4x8, 0x5EED_0000, 32, 250_000);
}

#[test]
fn minimum_config_3m_edges() {
    campaign(Config::C8x1x1, 0x5EED_1000, 12, 250_000);
}

/// The 128x8x16 model simulates ~50x slower than the default one (about
/// 4.5k edges per CPU-second here), so it gets fewer edges.
#[test]
fn maximum_config_100k_edges() {
    campaign(Config::C128x8x16, 0x5EED_2000, 2, 50_000);
}

#[test]
fn replay() {
    let Ok(seed) = std::env::var("ROUTER_SEED") else { return };
    let seed = u64::from_str_radix(seed.trim_start_matches("0x"), 16).expect("hex seed");
    let cfg = match std::env::var("ROUTER_CONFIG").as_deref() {
        Ok("8x1x1") => Config::C8x1x1,
        Ok("128x8x16") => Config::C128x8x16,
        _ => Config::C32x4x8,
    };
    let edges = std::env::var("ROUTER_EDGES").ok().and_then(|e| e.parse().ok()).unwrap_or(250_000);
    eprintln!("{:?}", run(cfg, seed, edges));
}
