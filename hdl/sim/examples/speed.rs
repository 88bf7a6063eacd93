//! Simulated edges per second of the Verilated router, idle and with random
//! source toggling (plus the same through the AXI master).
//! `cargo run --release -p router-sim --example speed [config]`

use router_sim::{AxiMaster, Config, PinsIn, RouterPins, RouterRtl};
use std::time::Instant;

/// CPU time of this thread (Linux: /proc/thread-self/schedstat, ns), so the
/// figures hold on a loaded machine; wall time elsewhere.
struct Clock(Instant);

impl Clock {
    fn cpu_ns() -> Option<u64> {
        std::fs::read_to_string("/proc/thread-self/schedstat").ok()?.split_whitespace().next()?.parse().ok()
    }
    fn start() -> (Clock, Option<u64>) {
        (Clock(Instant::now()), Self::cpu_ns())
    }
    fn secs((c, cpu0): &(Clock, Option<u64>)) -> f64 {
        match (cpu0, Self::cpu_ns()) {
            (Some(a), Some(b)) => (b - a) as f64 / 1e9,
            _ => c.0.elapsed().as_secs_f64(),
        }
    }
}

fn rate(name: &str, edges: u64, f: impl FnOnce()) {
    let t = Clock::start();
    f();
    let s = Clock::secs(&t);
    println!("{name:<40} {:>8.3} M edges/s ({edges} edges in {s:.2} s CPU)", edges as f64 / s / 1e6);
}

fn main() {
    let cfg = match std::env::args().nth(1).as_deref() {
        Some("8x1x1") => Config::C8x1x1,
        Some("128x8x16") => Config::C128x8x16,
        _ => Config::C32x4x8,
    };
    let n: u64 = std::env::var("SPEED_EDGES").ok().and_then(|s| s.parse().ok()).unwrap_or(1_000_000);
    println!("{cfg:?}");
    let mut rtl = RouterRtl::new(cfg).unwrap();
    let idle = PinsIn::idle();
    rate("idle", n, || {
        for _ in 0..n {
            rtl.step(&idle);
        }
    });
    // xorshift: every source toggles with probability 1/2 per edge.
    let mut x: u64 = 0x1234_5678_9abc_def1;
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    rate("random src (all bits, every edge)", n, || {
        let mut inp = idle;
        for _ in 0..n {
            inp.src = (next() as u128) << 64 | next() as u128;
            rtl.step(&inp);
        }
    });
    let mut m = AxiMaster::new(rtl);
    let reads = n / 4;
    let e0 = m.edges();
    let t = Clock::start();
    for i in 0..reads {
        m.set_src(next() as u128);
        let _ = m.read(((i as u32) % 16) * 4);
    }
    let s = Clock::secs(&t);
    let edges = m.edges() - e0;
    println!(
        "{:<40} {:>8.3} M edges/s ({edges} edges in {s:.2} s CPU, {:.3} M reads/s)",
        "AXI reads, random src",
        edges as f64 / s / 1e6,
        reads as f64 / s / 1e6
    );
}
