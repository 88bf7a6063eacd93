//! `cargo bench -p router-sim`: the router's latencies in clock cycles,
//! measured on the Verilated RTL at its pins (spec §2 convention: the edge
//! that samples the cause counts as 1), and the simulation speed.
//! Synthesis figures (LUT/FF/CARRY, logic depth) come from
//! `cargo bench -p router-flow`.

use router_model::{PinsIn, RouterModel, RouterPins};
use router_sim::random_run::run_lockstep;
use router_sim::regmap::RegMap;
use router_sim::stim::RandomStim;
use router_sim::{AxiMaster, Config, Resp, RouterRtl};
use router_sim::cputime::CpuClock;

const OOB: u32 = 1;
const INB: u32 = 0;

fn master() -> AxiMaster<RouterRtl> {
    AxiMaster::new(RouterRtl::new(Config::C32x4x8).expect("default config is built"))
}

fn ok(r: Resp) {
    assert_eq!(r, Resp::Okay);
}

/// Edges from the one that samples `cause` until `done` holds after an edge.
fn edges_until(m: &mut AxiMaster<RouterRtl>, cause: PinsIn, done: impl Fn(&router_model::PinsOut) -> bool) -> u32 {
    let mut inp = cause;
    for n in 1..=100 {
        let out = m.step_with(&inp);
        if done(&out) {
            return n;
        }
        // The cause is presented once: drop the request valids after it.
        inp.awvalid = false;
        inp.wvalid = false;
        inp.arvalid = false;
    }
    panic!("effect never seen within 100 edges");
}

fn source_to_line(stage: u32) -> u32 {
    let map = RegMap::get();
    let mut m = master();
    ok(m.write(map.src_cfg(0), map.cfg_value(true, stage, 1, 0, 0)));
    ok(m.write(map.page(0, OOB, map.stall), 0));
    ok(m.write(map.page(0, INB, map.stall), 0));
    m.idle(2);
    let cause = PinsIn { src: 1, bready: true, rready: true, ..PinsIn::default() };
    edges_until(&mut m, cause, |o| if stage == OOB { o.irq_oob & 1 != 0 } else { o.irq_inb & 1 != 0 })
}

fn unstall_to_line() -> u32 {
    let map = RegMap::get();
    let mut m = master();
    ok(m.write(map.src_cfg(0), map.cfg_value(true, OOB, 1, 0, 0)));
    m.set_src(1);
    m.idle(4); // logged while stalled
    let cause = PinsIn {
        src: 1,
        awvalid: true,
        awaddr: map.page(0, OOB, map.stall),
        wvalid: true,
        wdata: 0,
        wstrb: 0xF,
        bready: true,
        rready: true,
        ..PinsIn::default()
    };
    edges_until(&mut m, cause, |o| o.irq_oob & 1 != 0)
}

fn claim_to_data() -> u32 {
    let map = RegMap::get();
    let mut m = master();
    ok(m.write(map.src_cfg(0), map.cfg_value(true, OOB, 1, 0, 0)));
    m.set_src(1);
    m.idle(4);
    let cause = PinsIn { src: 1, arvalid: true, araddr: map.page(0, OOB, map.claim), rready: true, bready: true, ..PinsIn::default() };
    let n = edges_until(&mut m, cause, |o| o.rvalid);
    assert_eq!(m.outputs().rdata, 0, "CLAIM returned source 0");
    n
}

/// Simulated cycles per CPU-second of this thread (CPU time, so the figure
/// holds on a loaded machine) of `rtl` under idle inputs and under random
/// traffic (RandomStim: sources and AXI from Secure and Non-secure masters).
fn rtl_speed(mut rtl: RouterRtl, n: u64) -> (f64, f64) {
    let p = rtl.params();
    let idle = PinsIn::default();
    let t = CpuClock::start();
    for _ in 0..n {
        rtl.step(&idle);
    }
    let idle_rate = n as f64 / t.secs();
    rtl.reset();
    let mut stim = RandomStim::new(p, 7);
    let mut before = rtl.outputs();
    let t = CpuClock::start();
    for _ in 0..n {
        let inp = stim.drive(&before);
        let out = rtl.step(&inp);
        stim.observe(&inp, &before, &out);
        before = out;
    }
    (idle_rate, n as f64 / t.secs())
}

/// Random traffic, RTL and reference model in lockstep (every edge compared).
fn lockstep_speed(cfg: Config, n: u64) -> f64 {
    let p = cfg.params();
    let mut rtl = RouterRtl::fast(p).expect("fast build");
    let mut model = RouterModel::new(p).unwrap();
    let t = CpuClock::start();
    run_lockstep(&mut rtl, &mut model, 7, n).expect("lockstep");
    n as f64 / t.secs()
}

fn speed_table() {
    let n: u64 = std::env::var("SPEED_EDGES").ok().and_then(|s| s.parse().ok()).unwrap_or(2_000_000);
    println!(
        "Verilator simulation speed, 32x4x8 (simulated cycles per CPU-second of the bench thread, {n} cycles each)"
    );
    println!("| RTL | build | idle inputs | random traffic, RTL only | random traffic, RTL + model in lockstep |");
    println!("|---|---|---|---|---|");
    match RouterRtl::reference() {
        Some(r) => {
            let (idle, busy) = rtl_speed(r.expect("reference RTL"), n);
            println!("| before (ROUTER_SIM_REF_RTL) | as built then | {idle:.3e} | {busy:.3e} | (its model is gone) |");
        }
        None => println!("| before | not built (run scripts/bench-compare.sh) | | | |"),
    }
    for cfg in [Config::C32x4x8, Config::C32x4x8Lean] {
        let name = if cfg == Config::C32x4x8 { "1.1 full" } else { "1.1 lean" };
        let (idle, busy) = rtl_speed(RouterRtl::fast(cfg).expect("fast build"), n);
        let lock = lockstep_speed(cfg, n);
        println!("| {name} | fast (no properties) | {idle:.3e} | {busy:.3e} | {lock:.3e} |");
    }
    // The checked builds (properties at every edge) exist in test profiles
    // only; `cargo bench` builds the fast ones.
    if let Ok(rtl) = RouterRtl::new(Config::C32x4x8) {
        if !rtl.is_fast() {
            let (idle, busy) = rtl_speed(rtl, n / 4);
            println!("| 1.1 full | checked (properties) | {idle:.3e} | {busy:.3e} | |");
        }
    }
}

fn main() {
    println!("irq_router latencies, NSRC=32 NCPU=4 NIPI=8 TSW=16 (cycles; aim <= 2)");
    println!("| path | cycles |");
    println!("|---|---|");
    println!("| source edge -> oob line | {} |", source_to_line(OOB));
    println!("| source edge -> in-band line (both stages unstalled) | {} |", source_to_line(INB));
    println!("| unstall write AW/W handshake -> line (replay) | {} |", unstall_to_line());
    println!("| CLAIM AR handshake -> RVALID with data | {} |", claim_to_data());
    println!();
    speed_table();
}
