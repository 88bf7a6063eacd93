//! Cycle-level unit tests of the model, one module per area of the spec.
//!
//! Convention: `Bus::edge` counts edges since reset, so after edge n the
//! model's cycle counter is n and "cycle before edge n" is n - 1.

use crate::regs::{self, cfg, global as g, page as p, page_addr, resp};
use crate::txn::Bus;
use crate::{Params, RouterModel, RouterPins, INB, OOB};

mod axi;
mod claim;
mod ipi;
mod lines;
mod lock;
mod log;
mod params;
mod random;
mod registers;
mod stats;
mod trustzone;
mod wake;

pub type B = Bus<RouterModel>;

pub fn bus() -> B {
    bus_with(Params::default())
}

pub fn bus_with(prm: Params) -> B {
    let b = Bus::new(RouterModel::new(prm).unwrap());
    assert_eq!(b.dut.cycle(), 0);
    b
}

/// A SRC_CFG word.
pub fn cfgw(en: bool, oob: bool, edge: bool, prio: u32, cpu: u32) -> u32 {
    let flag = |b: bool, f: u32| if b { f } else { 0 };
    flag(en, cfg::EN)
        | flag(oob, cfg::STAGE)
        | flag(edge, cfg::TRIG)
        | prio << cfg::PRIO_SHIFT
        | cpu << cfg::CPU_SHIFT
}

pub fn pa(cpu: usize, stage: usize, off: u32) -> u32 {
    page_addr(cpu as u32, stage as u32, off)
}

/// Write and expect OKAY; returns the execution edge.
pub fn wr(b: &mut B, addr: u32, data: u32) -> u64 {
    let r = b.write(addr, data);
    assert_eq!(r.resp, resp::OKAY, "write {addr:#x} <- {data:#x}");
    r.edge
}

/// Read and expect OKAY.
pub fn rd(b: &mut B, addr: u32) -> u32 {
    let r = b.read(addr);
    assert_eq!(r.resp, resp::OKAY, "read {addr:#x}");
    r.data
}

pub fn set_cfg(b: &mut B, i: usize, w: u32) {
    wr(b, g::SRC_CFG + 4 * i as u32, w);
    assert_eq!(b.dut.src_cfg(i).bits(), w & 0x737);
}

pub fn set_stall(b: &mut B, cpu: usize, stage: usize, v: bool) -> u64 {
    wr(b, pa(cpu, stage, p::STALL), v as u32)
}

/// Unstall both stages of `cpu` (oob first).
pub fn unstall_cpu(b: &mut B, cpu: usize) {
    set_stall(b, cpu, OOB, false);
    set_stall(b, cpu, INB, false);
}

pub fn claim(b: &mut B, cpu: usize, stage: usize) -> u32 {
    rd(b, pa(cpu, stage, p::CLAIM))
}

pub fn complete(b: &mut B, cpu: usize, stage: usize, id: u32) -> u64 {
    wr(b, pa(cpu, stage, p::COMPLETE), id)
}

/// A rising edge of source i: low for one edge, then high for one edge, then low.
pub fn pulse(b: &mut B, i: usize) -> u64 {
    b.inp.src &= !(1u128 << i);
    b.tick();
    b.inp.src |= 1u128 << i;
    b.tick();
    let n = b.edge;
    b.inp.src &= !(1u128 << i);
    n
}

/// Take edges until the histogram sweep after reset is over (spec §10).
pub fn skip_sweep(b: &mut B) {
    while !b.dut.hist_ready() {
        b.tick();
    }
}

/// Take edges until the bus is idle (pending responses consumed).
pub fn settle(b: &mut B) {
    b.ticks(2);
    assert!(!b.out.bvalid && !b.out.rvalid);
}

pub fn ipi_send_word(cpus: u32, vector: u32, stage: usize) -> u32 {
    cpus | vector << 16 | (stage as u32) << 24
}

#[allow(unused)]
pub(crate) use regs::ID_NONE as NONE;
