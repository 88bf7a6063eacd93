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
use std::time::Instant;

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

fn speed() -> (f64, f64, f64) {
    let p = Config::C32x4x8.params();
    let mut rtl = RouterRtl::new(p).unwrap();
    let idle = PinsIn::default();
    let n = 2_000_000u64;
    let t = Instant::now();
    for _ in 0..n {
        rtl.step(&idle);
    }
    let idle_rate = n as f64 / t.elapsed().as_secs_f64();

    // Random traffic on the RTL alone, then RTL + model in lockstep.
    let mut rtl = RouterRtl::new(p).unwrap();
    let mut stim = RandomStim::new(p, 7);
    let mut before = rtl.outputs();
    let t = Instant::now();
    for _ in 0..n {
        let inp = stim.drive(&before);
        let out = rtl.step(&inp);
        stim.observe(&inp, &before, &out);
        before = out;
    }
    let busy_rate = n as f64 / t.elapsed().as_secs_f64();

    let mut rtl = RouterRtl::new(p).unwrap();
    let mut model = RouterModel::new(p).unwrap();
    let t = Instant::now();
    run_lockstep(&mut rtl, &mut model, 7, n).expect("lockstep");
    let lock_rate = n as f64 / t.elapsed().as_secs_f64();
    (idle_rate, busy_rate, lock_rate)
}

fn main() {
    println!("irq_router latencies, NSRC=32 NCPU=4 NIPI=8 TSW=16 (cycles; aim <= 2)");
    println!("| path | cycles |");
    println!("|---|---|");
    println!("| source edge -> oob line | {} |", source_to_line(OOB));
    println!("| source edge -> in-band line (both stages unstalled) | {} |", source_to_line(INB));
    println!("| unstall write AW/W handshake -> line (replay) | {} |", unstall_to_line());
    println!("| CLAIM AR handshake -> RVALID with data | {} |", claim_to_data());
    let (idle, busy, lock) = speed();
    println!();
    println!("Verilator simulation speed, 32x4x8 (cycles per second of wall time; shared machine, indicative)");
    println!("| load | cycles/s |");
    println!("|---|---|");
    println!("| idle inputs | {idle:.3e} |");
    println!("| random traffic, RTL only | {busy:.3e} |");
    println!("| random traffic, RTL + reference model in lockstep | {lock:.3e} |");
}
