//! Random stimulus: no panics (overflow checks are on in tests), legal AXI
//! behaviour, and the invariants of spec §5 at every edge.

use super::*;
use crate::regs::ID_NONE;

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn run(prm: Params, seed: u64, edges: u64) {
    let mut rng = Rng(seed | 1);
    let mut b = bus_with(prm);
    let ncpu = prm.ncpu as u64;
    let mut claims = 0;
    for _ in 0..edges {
        // Sources toggle rarely.
        if rng.below(8) == 0 {
            b.inp.src ^= 1u128 << rng.below(prm.nsrc as u64);
        }
        b.inp.bready = rng.below(4) != 0;
        b.inp.rready = rng.below(4) != 0;
        let idle = !(b.inp.awvalid || b.inp.wvalid || b.inp.arvalid);
        // Secure and Non-secure masters mixed (spec §8).
        b.ns = rng.below(3) == 0;
        if idle && rng.below(3) == 0 {
            let c = rng.below(ncpu + 1) as usize % 8;
            let s = rng.below(2) as usize;
            let x = rng.next() as u32;
            if rng.below(2) == 0 {
                let (addr, data) = match rng.below(9) {
                    0 | 1 => (
                        g::SRC_CFG + 4 * rng.below(prm.nsrc as u64) as u32,
                        x & 0x337,
                    ),
                    2 => (pa(c, s, p::STALL), x & if x & 0x30 == 0 { 3 } else { 1 }),
                    3 => (pa(c, s, p::COMPLETE), x % (prm.nsrc + 2)),
                    4 => (pa(c, s, p::IPI_SEND), x & 0x010F_000F),
                    5 => (g::ERR, x),
                    6 => (g::LOCK, if x & 0xF == 0 { regs::LOCK_KEY } else { x }),
                    7 => match x >> 30 {
                        0 => (g::IPI_PRIO_INB + 4 * (x & 1), x),
                        1 => (g::IPI_PRIO_SET, x & 0x010F_0003),
                        2 => (g::IPI_OOB_NS, x),
                        _ => (g::OVERRUN_CLR, x),
                    },
                    _ => (rng.below(1 << 17) as u32 & !3, x),
                };
                b.post_write(addr, data);
                if rng.below(20) == 0 {
                    b.inp.wstrb = 0x3;
                }
            } else {
                let addr = match rng.below(4) {
                    0 | 1 => pa(c, s, p::CLAIM),
                    2 => pa(c, s, p::STALL_TAS),
                    _ => rng.below(1 << 17) as u32 & !3,
                };
                b.post_read(addr);
            }
        }
        let before = b.out;
        b.tick();
        let o = b.out;
        // AXI: payloads hold while waiting.
        if before.bvalid && !b.inp.bready {
            assert!(o.bvalid && o.bresp == before.bresp);
        }
        if before.rvalid && !b.inp.rready {
            assert!(o.rvalid && o.rdata == before.rdata && o.rresp == before.rresp);
        }
        if o.rvalid && !before.rvalid && o.rresp == 0 && o.rdata != ID_NONE {
            claims += 1;
        }
        // Lines: never asserted into a stalled stage; in-band gated by oob.
        for c in 0..prm.ncpu as usize {
            let open = |s| !b.dut.stall(c, s) || b.dut.wake(c, s);
            if o.line(c, OOB) {
                assert!(open(OOB));
            }
            if o.line(c, INB) {
                assert!(open(INB) && !b.dut.stall(c, OOB));
            }
        }
        assert_eq!(
            b.dut.pending_mask() >> prm.nsrc.min(127) >> (prm.nsrc / 128),
            0
        );
    }
    assert!(claims > 0);
}

#[test]
fn random_default() {
    for seed in 1..5 {
        run(Params::default(), seed, 50_000);
    }
    run(Params::default().lean(), 5, 50_000);
}

#[test]
fn random_extremes() {
    run(
        Params::new(8, 1, 1, 8),
        7,
        50_000,
    );
    run(
        Params::new(128, 8, 16, 32),
        9,
        50_000,
    );
    run(
        Params::new(33, 3, 5, 13),
        11,
        50_000,
    );
}

/// Throughput of `step`: `cargo test -p router-model --release -- --ignored --nocapture`.
#[test]
#[ignore]
fn throughput() {
    use crate::{PinsIn, RouterPins};
    let mut m = RouterModel::new(Params::new(128, 8, 16, 16))
    .unwrap();
    let n = 10_000_000u64;
    let t = std::time::Instant::now();
    let idle = PinsIn::idle();
    let mut acc = 0u64;
    for _ in 0..n {
        acc += m.step(&idle).irq_inb as u64;
    }
    let dt = t.elapsed();
    println!(
        "idle: {:.1} ns/edge ({acc})",
        dt.as_nanos() as f64 / n as f64
    );
    // Busy: toggling sources, all enabled, edge and level mixed.
    let mut b = bus_with(m.params());
    for i in 0..128 {
        set_cfg(
            &mut b,
            i,
            cfgw(true, i % 2 == 1, i % 3 == 0, (i % 4) as u32, (i % 8) as u32),
        );
    }
    let mut m = b.dut;
    let mut rng = Rng(12345);
    let t = std::time::Instant::now();
    let mut inp = PinsIn::idle();
    for k in 0..n {
        inp.src ^= 1u128 << (k % 128) | (rng.next() as u128) << 64;
        inp.arvalid = k % 7 == 0;
        inp.araddr = pa((k % 8) as usize, (k % 2) as usize, p::CLAIM);
        acc += m.step(&inp).rdata as u64;
    }
    let dt = t.elapsed();
    println!(
        "busy: {:.1} ns/edge ({acc})",
        dt.as_nanos() as f64 / n as f64
    );
}
