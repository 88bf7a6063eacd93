//! Shared bench for the directed tests (`directed_*.rs`): the RTL in lockstep
//! with the reference model behind an AXI master, plus small helpers that
//! take every address and field position from the SVD-generated constants.
//!
//! Built as its own (empty) test target too; the directed test files pull it
//! in with `#[path]`.
#![allow(dead_code)]

pub use irq_router_layout as g;

use router_model::RouterModel;
use router_sim::axi::Edge;
use router_sim::regmap::RegMap;
use router_sim::{AxiMaster, Config, Lockstep, Params, PinsOut, ReadOpts, Resp, RouterRtl, WriteOpts};
use std::sync::{Arc, Mutex};

pub const INB: u32 = 0;
pub const OOB: u32 = 1;
pub const LEVEL: u32 = 0;
pub const EDGE: u32 = 1;
/// Spec §6: NONE.
pub const NONE: u32 = 0x3FF;
/// Spec §6: IPI IDs start here.
pub const IPI_BASE: u32 = 0x100;
/// Spec §8: the LOCK key, ASCII "LOCK".
pub const KEY: u32 = 0x4C4F_434B;

pub const ERR_BAD_CPU: u32 = 1 << g::GLOBAL_ERR_BAD_CPU_LSB;
pub const ERR_BAD_VECTOR: u32 = 1 << g::GLOBAL_ERR_BAD_VECTOR_LSB;
pub const ERR_LOCKED: u32 = 1 << g::GLOBAL_ERR_LOCKED_LSB;
pub const ERR_BAD_COMPLETE: u32 = 1 << g::GLOBAL_ERR_BAD_COMPLETE_LSB;
pub const ERR_BAD_KEY: u32 = 1 << g::GLOBAL_ERR_BAD_KEY_LSB;
pub const ERR_DENIED: u32 = 1 << g::GLOBAL_ERR_DENIED_LSB;

pub const GST_LOCKED: u32 = 1 << g::GLOBAL_STATUS_LOCKED_LSB;
pub const GST_SECURE: u32 = 1 << g::GLOBAL_STATUS_SECURE_LSB;

pub const ST_LINE: u32 = 1 << g::PAGE_STATUS_LINE_LSB;
pub const ST_DELIV: u32 = 1 << g::PAGE_STATUS_DELIVERABLE_LSB;
pub const ST_STALLED: u32 = 1 << g::PAGE_STATUS_STALLED_LSB;
pub const ST_OOB_STALLED: u32 = 1 << g::PAGE_STATUS_OOB_STALLED_LSB;
pub const ST_WAKE: u32 = 1 << g::PAGE_STATUS_WAKE_LSB;

pub type Pair = Lockstep<RouterRtl, RouterModel>;

/// One recorded edge: master edge number, inputs, outputs before and after.
pub type Rec = Arc<Mutex<Vec<Edge>>>;

pub struct Dut {
    pub bus: AxiMaster<Pair>,
    pub p: Params,
    pub m: RegMap,
    pub rec: Rec,
}

impl Dut {
    pub fn new(cfg: Config) -> Dut {
        let p = cfg.params();
        let pair = Lockstep::new(
            RouterRtl::new(p).expect("configuration is built"),
            RouterModel::new(p).expect("valid parameters"),
        );
        let mut bus = AxiMaster::new(pair);
        let rec: Rec = Arc::new(Mutex::new(Vec::new()));
        let r2 = rec.clone();
        bus.on_edge(move |e| r2.lock().unwrap().push(*e));
        Dut { bus, p, m: RegMap::get(), rec }
    }

    pub fn c32() -> Dut {
        Dut::new(Config::C32x4x8)
    }

    pub fn model(&self) -> &RouterModel {
        &self.bus.dut().b
    }

    /// Idle until the histogram sweep after reset is over (spec §10), for
    /// tests that read HIST.
    pub fn past_sweep(&mut self) {
        while !self.model().hist_ready() {
            self.bus.tick();
        }
    }

    // ---- addresses --------------------------------------------------
    pub fn ga(&self, off: u32) -> u32 {
        g::GLOBAL_BASE + off
    }
    pub fn pa(&self, c: u32, s: u32, off: u32) -> u32 {
        self.m.page(c, s, off)
    }
    pub fn src_raw(&self, k: u32) -> u32 {
        self.ga(g::GLOBAL_SRC_RAW_OFFSET + k * g::GLOBAL_SRC_RAW_STRIDE)
    }
    pub fn src_pend(&self, k: u32) -> u32 {
        self.ga(g::GLOBAL_SRC_PEND_OFFSET + k * g::GLOBAL_SRC_PEND_STRIDE)
    }
    pub fn src_active(&self, k: u32) -> u32 {
        self.ga(g::GLOBAL_SRC_ACTIVE_OFFSET + k * g::GLOBAL_SRC_ACTIVE_STRIDE)
    }

    // ---- bus access -------------------------------------------------
    /// Read that must answer OKAY.
    pub fn r(&mut self, addr: u32) -> u32 {
        let (d, resp) = self.bus.read(addr);
        assert_eq!(resp, Resp::Okay, "read 0x{addr:05x}");
        d
    }
    /// Write that must answer OKAY.
    pub fn w(&mut self, addr: u32, data: u32) {
        let resp = self.bus.write(addr, data);
        assert_eq!(resp, Resp::Okay, "write 0x{addr:05x} <- 0x{data:08x}");
    }
    /// A Non-secure write (AWPROT[1] = 1) that must answer OKAY (a refused
    /// one too: spec §8).
    pub fn nw(&mut self, addr: u32, data: u32) {
        let r = self.bus.write_with(addr, data, &WriteOpts { prot: 0b010, ..WriteOpts::default() });
        assert_eq!(r, Resp::Okay, "Non-secure write 0x{addr:05x} <- 0x{data:08x}");
    }
    /// A Non-secure read that must answer OKAY.
    pub fn nr(&mut self, addr: u32) -> u32 {
        let (d, r) = self.bus.read_with(addr, &ReadOpts { prot: 0b010, ..ReadOpts::default() });
        assert_eq!(r, Resp::Okay, "Non-secure read 0x{addr:05x}");
        d
    }
    pub fn rresp(&mut self, addr: u32) -> Resp {
        self.bus.read(addr).1
    }
    pub fn wresp(&mut self, addr: u32, data: u32) -> Resp {
        self.bus.write(addr, data)
    }
    pub fn wstrb(&mut self, addr: u32, data: u32, strb: u8) -> Resp {
        self.bus.write_with(addr, data, &WriteOpts { wstrb: strb, ..WriteOpts::default() })
    }
    pub fn read_full(&mut self, addr: u32, o: ReadOpts) -> router_sim::axi::ReadDone {
        self.bus.read_full(addr, &o)
    }
    pub fn write_full(&mut self, addr: u32, data: u32, o: WriteOpts) -> router_sim::axi::WriteDone {
        self.bus.write_full(addr, data, &o)
    }

    // ---- register helpers -------------------------------------------
    pub fn cfg(&mut self, i: u32, en: bool, stage: u32, trig: u32, prio: u32, cpu: u32) {
        let v = self.m.cfg_value(en, stage, trig, prio, cpu);
        let a = self.m.src_cfg(i);
        self.w(a, v);
    }
    pub fn read_cfg(&mut self, i: u32) -> u32 {
        let a = self.m.src_cfg(i);
        self.r(a)
    }
    pub fn set_stall(&mut self, c: u32, s: u32, v: u32) {
        let a = self.pa(c, s, g::PAGE_STALL_OFFSET);
        self.w(a, v);
    }
    pub fn unstall(&mut self, c: u32, s: u32) {
        self.set_stall(c, s, 0);
    }
    pub fn stall(&mut self, c: u32, s: u32) -> u32 {
        let a = self.pa(c, s, g::PAGE_STALL_OFFSET);
        self.r(a)
    }
    pub fn tas(&mut self, c: u32, s: u32) -> u32 {
        let a = self.pa(c, s, g::PAGE_STALL_TAS_OFFSET);
        self.r(a)
    }
    pub fn claim(&mut self, c: u32, s: u32) -> u32 {
        let a = self.pa(c, s, g::PAGE_CLAIM_OFFSET);
        self.r(a)
    }
    pub fn complete(&mut self, c: u32, s: u32, id: u32) {
        let a = self.pa(c, s, g::PAGE_COMPLETE_OFFSET);
        self.w(a, id);
    }
    pub fn status(&mut self, c: u32, s: u32) -> u32 {
        let a = self.pa(c, s, g::PAGE_STATUS_OFFSET);
        self.r(a)
    }
    pub fn pend(&mut self, c: u32, s: u32, k: u32) -> u32 {
        let a = self.m.pend(c, s, k);
        self.r(a)
    }
    pub fn ipi_pend(&mut self, c: u32, s: u32) -> u32 {
        let a = self.pa(c, s, g::PAGE_IPI_PEND_OFFSET);
        self.r(a)
    }
    pub fn ipi_overrun(&mut self, c: u32, s: u32) -> u32 {
        let a = self.pa(c, s, g::PAGE_IPI_OVERRUN_OFFSET);
        self.r(a)
    }
    pub fn ipi_send_value(&self, mask: u32, v: u32, stage: u32) -> u32 {
        self.m.ipi_send_value(mask, v, stage)
    }
    /// IPI_SEND from the page (from_c, from_s); must answer OKAY.
    pub fn ipi_send(&mut self, from_c: u32, from_s: u32, mask: u32, v: u32, stage: u32) {
        let a = self.pa(from_c, from_s, g::PAGE_IPI_SEND_OFFSET);
        let d = self.ipi_send_value(mask, v, stage);
        self.w(a, d);
    }
    pub fn err(&mut self) -> u32 {
        let a = self.ga(g::GLOBAL_ERR_OFFSET);
        self.r(a)
    }
    pub fn clear_err(&mut self) {
        let a = self.ga(g::GLOBAL_ERR_OFFSET);
        self.w(a, 0xFFFF_FFFF);
        assert_eq!(self.err(), 0, "ERR did not clear");
    }
    pub fn overrun_byte(&mut self, i: u32) -> u32 {
        let a = self.m.overrun(i / g::GLOBAL_OVERRUN_CNT_COUNT);
        let word = self.r(a);
        (word >> ((i % g::GLOBAL_OVERRUN_CNT_COUNT) * g::GLOBAL_OVERRUN_CNT_STRIDE)) & 0xFF
    }
    pub fn lat_last(&mut self, c: u32, s: u32) -> u32 {
        let a = self.pa(c, s, g::PAGE_LAT_LAST_OFFSET);
        self.r(a)
    }
    pub fn lat_max(&mut self, c: u32, s: u32) -> u32 {
        let a = self.pa(c, s, g::PAGE_LAT_MAX_OFFSET);
        self.r(a)
    }
    pub fn hist(&mut self, c: u32, s: u32) -> Vec<u32> {
        (0..g::PAGE_HIST_COUNT)
            .map(|k| {
                let a = self.m.hist(c, s, k);
                self.r(a)
            })
            .collect()
    }
    pub fn ipi_prio_field(v: u32, prio: u32) -> u32 {
        prio << (g::GLOBAL_IPI_PRIO_INB_P_LSB + v * g::GLOBAL_IPI_PRIO_INB_P_STRIDE)
    }

    // ---- sources and time ---------------------------------------------
    pub fn src_on(&mut self, mask: u128) {
        let s = self.bus.src() | mask;
        self.bus.set_src(s);
    }
    pub fn src_off(&mut self, mask: u128) {
        let s = self.bus.src() & !mask;
        self.bus.set_src(s);
    }
    /// One-edge-high pulse: high for one edge, low for the next.
    pub fn pulse(&mut self, mask: u128) {
        self.src_on(mask);
        self.bus.tick();
        self.src_off(mask);
        self.bus.tick();
    }
    pub fn out(&self) -> PinsOut {
        self.bus.outputs()
    }
    pub fn line(&self, c: u32, s: u32) -> bool {
        self.out().line(c as usize, s as usize)
    }
    pub fn edges(&self) -> u64 {
        self.bus.edges()
    }
    /// The recorded edge with master number n.
    pub fn at(&self, n: u64) -> Edge {
        let v = self.rec.lock().unwrap();
        *v.iter().find(|e| e.n == n).unwrap_or_else(|| panic!("edge {n} not recorded"))
    }
    /// line(c, s) just after master edge n.
    pub fn line_after(&self, n: u64, c: u32, s: u32) -> bool {
        self.at(n).after.line(c as usize, s as usize)
    }
}
