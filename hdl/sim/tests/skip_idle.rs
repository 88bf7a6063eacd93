//! `RouterRtl::skip_idle` against evaluated edges: two Verilated routers get
//! the same random traffic (routing, source toggles, claims, completes,
//! stalls, IPIs); at random points, once the inputs have been held for
//! `SETTLE_EDGES` edges, one takes `k` evaluated idle edges and the other
//! skips `k`. Their outputs must agree at every edge after, and a dump of
//! every register at the end must be identical (cycle counter included).
//! A skip taken without settling is shown to be caught.

use irq_router_layout as g;
use router_sim::{AxiMaster, Config, PinsOut, ReadOpts, Resp, RouterRtl, WriteOpts, SETTLE_EDGES};

struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn bus() -> AxiMaster<RouterRtl> {
    AxiMaster::new(RouterRtl::new(Config::C32x4x8).expect("built"))
}

const PAGES: [u32; 2] = [g::INBAND_BASE, g::OOB_BASE];

/// One random bus operation (same on both routers).
fn random_op(r: &mut Lcg) -> (bool, u32, u32, u8) {
    let src = r.below(32) as u32;
    let cpu = r.below(4) as u32;
    let page = PAGES[r.below(2) as usize] + cpu * g::PAGE_STRIDE;
    let prot = if page >= g::OOB_BASE { 0 } else { 2 };
    match r.below(8) {
        0 | 1 => {
            let cfg = 1 | (r.below(2) as u32) << g::GLOBAL_SRC_CFG_STAGE_LSB
                | (r.below(2) as u32) << g::GLOBAL_SRC_CFG_TRIG_LSB
                | (r.below(4) as u32) << g::GLOBAL_SRC_CFG_PRIO_LSB
                | cpu << g::GLOBAL_SRC_CFG_CPU_LSB;
            (true, g::GLOBAL_SRC_CFG_OFFSET + 4 * src, cfg, 0)
        }
        2 | 3 => (false, page + g::PAGE_CLAIM_OFFSET, 0, prot),
        4 => (true, page + g::PAGE_COMPLETE_OFFSET, src, prot),
        5 => (true, page + g::PAGE_STALL_OFFSET, r.below(2) as u32, prot),
        6 => (true, page + g::PAGE_IPI_SEND_OFFSET, (r.below(16) as u32) | (r.below(8) as u32) << 16, prot),
        _ => (false, page + g::PAGE_STALL_TAS_OFFSET, 0, prot),
    }
}

fn do_op(b: &mut AxiMaster<RouterRtl>, op: (bool, u32, u32, u8)) -> (u32, Resp) {
    let (write, addr, data, prot) = op;
    if write {
        (0, b.write_with(addr, data, &WriteOpts { prot, ..WriteOpts::default() }))
    } else {
        b.read_with(addr, &ReadOpts { prot, ..ReadOpts::default() })
    }
}

/// Every register of the instance, read in a fixed order (side effects
/// included: both routers see the same sequence).
fn dump(b: &mut AxiMaster<RouterRtl>) -> Vec<(u32, u32, Resp)> {
    let mut out = Vec::new();
    for off in (0..0x400).step_by(4) {
        let (v, r) = b.read(off);
        out.push((off, v, r));
    }
    for base in PAGES {
        for cpu in 0..4 {
            for off in (0..0x100).step_by(4) {
                let a = base + cpu * g::PAGE_STRIDE + off;
                let (v, r) = b.read_with(a, &ReadOpts { prot: if base == g::OOB_BASE { 0 } else { 2 }, ..ReadOpts::default() });
                out.push((a, v, r));
            }
        }
    }
    out
}

fn lines(o: PinsOut) -> (u8, u8) {
    (o.irq_oob, o.irq_inb)
}

/// Runs the random traffic on two routers; `settle` edges are evaluated on
/// both before each skip. Returns whether they ever disagreed.
fn run(seed: u64, settle: u64) -> Result<(), String> {
    let (mut a, mut b) = (bus(), bus());
    let mut r = Lcg(seed);
    let mut src: u128 = 0;
    let mut skipped = 0u64;
    for step in 0..400 {
        match r.below(4) {
            0 => src ^= 1u128 << r.below(32),
            1 | 2 => {
                let op = random_op(&mut r);
                let (x, y) = (do_op(&mut a, op), do_op(&mut b, op));
                if x != y {
                    return Err(format!("step {step}: {op:x?} gave {x:x?} and {y:x?}"));
                }
            }
            _ => {
                a.set_src(src);
                b.set_src(src);
                for _ in 0..settle {
                    a.tick();
                    b.tick();
                }
                let k = 1 + r.below(1500);
                for _ in 0..k {
                    a.tick();
                }
                b.dut_mut().skip_idle(k);
                skipped += k;
                // What the evaluated router shows after k edges, the
                // skipping one must show without evaluating.
                if lines(a.outputs()) != lines(b.outputs()) {
                    return Err(format!("step {step}: after a skip of {k}: lines {:?} vs {:?}", lines(a.outputs()), lines(b.outputs())));
                }
            }
        }
        a.set_src(src);
        b.set_src(src);
        let (oa, ob) = (a.tick(), b.tick());
        if lines(oa) != lines(ob) {
            return Err(format!("step {step}: lines {:?} vs {:?}", lines(oa), lines(ob)));
        }
    }
    assert!(skipped > 20_000, "the run skipped too little to mean anything");
    assert_eq!(a.dut().edges(), b.dut().edges());
    let (da, db) = (dump(&mut a), dump(&mut b));
    if let Some((x, y)) = da.iter().zip(&db).find(|(x, y)| x != y) {
        return Err(format!("register dump differs: {x:x?} vs {y:x?}"));
    }
    Ok(())
}

#[test]
fn skipping_settled_idle_edges_equals_evaluating_them() {
    for seed in [1, 2, 3] {
        run(seed, SETTLE_EDGES).unwrap_or_else(|e| panic!("seed {seed}: {e}"));
    }
}

#[test]
fn skipping_before_the_inputs_settle_is_caught() {
    // Without settling, a skip right after a source toggle or a COMPLETE
    // jumps over the edges that log it: the comparison must notice.
    let failed = (1..=3).filter(|&s| run(s, 0).is_err()).count();
    assert!(failed > 0, "a skip without settling went unnoticed in every run");
}

#[test]
fn the_cycle_counter_counts_skipped_edges() {
    let mut b = bus();
    b.idle(SETTLE_EDGES as u32);
    let lo = |b: &mut AxiMaster<RouterRtl>| b.read(g::GLOBAL_CYCLE_LO_OFFSET).0 as u64;
    let before = lo(&mut b);
    b.dut_mut().skip_idle(1_000_000);
    let after = lo(&mut b);
    // The read itself takes a fixed number of edges, the same both times.
    let (x, y) = (lo(&mut b), lo(&mut b));
    assert_eq!(after - before, 1_000_000 + (y - x));
}

#[test]
fn a_skip_carries_into_the_high_half_of_the_cycle_counter() {
    // The 1.1 counter is two 32-bit halves (spec §10): a skip over 2^32
    // edges must carry, exactly as evaluated edges would.
    let mut b = bus();
    b.idle(SETTLE_EDGES as u32);
    let sample = |b: &mut AxiMaster<RouterRtl>| {
        let lo = b.read(g::GLOBAL_CYCLE_LO_OFFSET).0 as u64;
        let hi = b.read(g::GLOBAL_CYCLE_HI_OFFSET).0 as u64;
        hi << 32 | lo
    };
    let before = sample(&mut b);
    b.idle(SETTLE_EDGES as u32);
    b.dut_mut().skip_idle((1 << 32) + 12345);
    let after = sample(&mut b);
    let (x, y) = (sample(&mut b), sample(&mut b));
    assert_eq!(after - before, (1 << 32) + 12345 + SETTLE_EDGES + (y - x));
    assert_eq!(after >> 32, 1);
}
