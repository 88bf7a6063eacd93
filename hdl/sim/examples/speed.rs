//! Simulated edges per second of the Verilated router, idle and with random
//! source toggling (plus the same through the AXI master).
//! `cargo run --release -p router-sim --example speed [config]`

use router_sim::cputime::CpuClock;
use router_sim::{AxiMaster, Config, PinsIn, RouterPins, RouterRtl};

fn rate(name: &str, edges: u64, f: impl FnOnce()) {
    let t = CpuClock::start();
    f();
    let s = t.secs();
    println!("{name:<40} {:>8.3} M edges/s ({edges} edges in {s:.2} s CPU)", edges as f64 / s / 1e6);
}

fn main() {
    let cfg = match std::env::args().nth(1).as_deref() {
        Some("8x1x1") => Config::C8x1x1,
        Some("128x8x16") => Config::C128x8x16,
        Some("32x4x8-lean") => Config::C32x4x8Lean,
        _ => Config::C32x4x8,
    };
    let n: u64 = std::env::var("SPEED_EDGES").ok().and_then(|s| s.parse().ok()).unwrap_or(1_000_000);
    println!("{cfg:?}");
    let mut rtl = RouterRtl::fast(cfg).or_else(|_| RouterRtl::new(cfg)).unwrap();
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
    let t = CpuClock::start();
    for i in 0..reads {
        m.set_src(next() as u128);
        let _ = m.read(((i as u32) % 16) * 4);
    }
    let s = t.secs();
    let edges = m.edges() - e0;
    println!(
        "{:<40} {:>8.3} M edges/s ({edges} edges in {s:.2} s CPU, {:.3} M reads/s)",
        "AXI reads, random src",
        edges as f64 / s / 1e6,
        reads as f64 / s / 1e6
    );
}
