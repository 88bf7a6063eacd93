//! The router's architectural state (spec §3), held as bitmaps so that one
//! edge costs a handful of 128-bit operations when nothing happens.

use crate::claim::Prio;
use crate::decode::{INB, OOB};
use crate::regs::cfg;
use crate::stats::LatStats;

pub const MAX_SRC: usize = 128;
pub const MAX_CPU: usize = 8;
pub const MAX_IPI: usize = 16;

/// Per-source state; bit / index i = source i.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sources {
    // cfg[i]
    pub en: u128,
    /// 1 = oob.
    pub stage: u128,
    /// 1 = edge.
    pub trig: u128,
    pub prio: Prio<u128>,
    pub cpu: [u8; MAX_SRC],
    /// Derived from cfg: sources routed to (c, s), enabled or not.
    pub route: [[u128; 2]; MAX_CPU],
    // dynamic state
    pub prev: u128,
    pub pend: u128,
    pub active: u128,
    /// Overrun counters, saturating at 2^OVRW - 1.
    pub ovr: [u8; MAX_SRC],
    /// TSW-bit timestamps (kept only with STATS).
    pub ts: [u32; MAX_SRC],
}

impl Default for Sources {
    fn default() -> Self {
        let mut route = [[0; 2]; MAX_CPU];
        // Reset cfg: disabled, in-band, CPU 0: every source is in log(0, inb).
        route[0][0] = u128::MAX;
        Sources {
            en: 0,
            stage: 0,
            trig: 0,
            prio: Prio::default(),
            cpu: [0; MAX_SRC],
            route,
            prev: 0,
            pend: 0,
            active: 0,
            ovr: [0; MAX_SRC],
            ts: [0; MAX_SRC],
        }
    }
}

/// One SRC_CFG value, decoded.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SrcCfg {
    pub en: bool,
    pub oob: bool,
    pub edge: bool,
    pub prio: u32,
    pub cpu: u32,
}

impl SrcCfg {
    pub fn from_bits(w: u32) -> Self {
        SrcCfg {
            en: w & cfg::EN != 0,
            oob: w & cfg::STAGE != 0,
            edge: w & cfg::TRIG != 0,
            prio: w >> cfg::PRIO_SHIFT & cfg::PRIO_MASK,
            cpu: w >> cfg::CPU_SHIFT & cfg::CPU_MASK,
        }
    }
    pub fn bits(&self) -> u32 {
        let flag = |b: bool, f: u32| if b { f } else { 0 };
        flag(self.en, cfg::EN)
            | flag(self.oob, cfg::STAGE)
            | flag(self.edge, cfg::TRIG)
            | self.prio << cfg::PRIO_SHIFT
            | self.cpu << cfg::CPU_SHIFT
    }
    pub fn stage(&self) -> usize {
        self.oob as usize
    }
}

impl Sources {
    pub fn cfg(&self, i: usize) -> SrcCfg {
        let b = |m: u128| m >> i & 1 != 0;
        SrcCfg {
            en: b(self.en),
            oob: b(self.stage),
            edge: b(self.trig),
            prio: self.prio.get(i as u32),
            cpu: self.cpu[i] as u32,
        }
    }

    pub fn set_cfg(&mut self, i: usize, c: SrcCfg) {
        let bit = 1u128 << i;
        let put = |m: &mut u128, v: bool| *m = (*m & !bit) | if v { bit } else { 0 };
        put(&mut self.en, c.en);
        put(&mut self.stage, c.oob);
        put(&mut self.trig, c.edge);
        self.prio.set(i as u32, c.prio);
        let old = (self.cpu[i] as usize, (self.stage >> i & 1) as usize);
        self.route[old.0][0] &= !bit;
        self.route[old.0][1] &= !bit;
        self.cpu[i] = c.cpu as u8;
        self.route[c.cpu as usize][c.stage()] |= bit;
    }

    /// The stage (0/1) source i is routed to.
    pub fn stage_of(&self, i: usize) -> usize {
        (self.stage >> i & 1) as usize
    }
}

/// State of one (CPU, stage). Its stall bit and line live in the packed
/// masks of [`State`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StageState {
    /// `ipend[v]`, bit v.
    pub ipend: u16,
    pub its: [u32; MAX_IPI],
    pub iovr: u8,
    pub lat: LatStats,
}

impl Default for StageState {
    fn default() -> Self {
        StageState {
            ipend: 0,
            its: [0; MAX_IPI],
            iovr: 0,
            lat: LatStats::default(),
        }
    }
}

/// Everything that is not the AXI slave.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct State {
    pub src: Sources,
    /// Indexed `[cpu][stage]`; entries of CPUs >= NCPU stay at reset values.
    pub cs: [[StageState; 2]; MAX_CPU],
    /// `stall[s]`, bit c. Resets to 1 (spec §3).
    pub stall: [u8; 2],
    /// `wake[s]`, bit c: the idle-wake control (spec §11). Resets to 0.
    pub wake: [u8; 2],
    /// The registered lines: `line[s]`, bit c (the `irq_*_o` ports).
    pub line: [u8; 2],
    /// Derived: bit c of `ipi_any[s]` iff `ipend[c][s]` != 0.
    pub ipi_any: [u8; 2],
    pub lock: bool,
    pub err: u32,
    /// `ipi_prio[s]`, bit v.
    pub ipi_prio: [Prio<u16>; 2],
    /// IPI_OOB_NS: oob vectors Non-secure masters may send (bit v).
    pub ipi_ns: u16,
    pub cycle: u64,
    /// CYCLE_HI's shadow per TrustZone world: `[0]` Secure, `[1]` Non-secure.
    pub cycle_hi_shadow: [u32; 2],
    /// Histogram clearing position after reset (spec §10); the sweep is
    /// done when it reaches 2 * NCPU * 16.
    pub sweep: u32,
    /// (cpu, stage, latency) of a claim at the previous edge, recorded in
    /// that page's statistics at this edge (spec §6).
    pub stat_pending: Option<(usize, usize, u32)>,
}

impl Default for State {
    fn default() -> Self {
        State {
            src: Sources::default(),
            cs: Default::default(),
            stall: [0xFF; 2],
            wake: [0; 2],
            line: [0; 2],
            ipi_any: [0; 2],
            lock: false,
            err: 0,
            ipi_prio: Default::default(),
            ipi_ns: 0,
            cycle: 0,
            cycle_hi_shadow: [0; 2],
            sweep: 0,
            stat_pending: None,
        }
    }
}

impl State {
    #[inline]
    pub fn stall(&self, c: usize, s: usize) -> bool {
        self.stall[s] >> c & 1 != 0
    }

    #[inline]
    pub fn set_stall(&mut self, c: usize, s: usize, v: bool) {
        self.stall[s] = (self.stall[s] & !(1 << c)) | (v as u8) << c;
    }

    #[inline]
    pub fn wake(&self, c: usize, s: usize) -> bool {
        self.wake[s] >> c & 1 != 0
    }

    #[inline]
    pub fn set_wake(&mut self, c: usize, s: usize, v: bool) {
        self.wake[s] = (self.wake[s] & !(1 << c)) | (v as u8) << c;
    }

    #[inline]
    pub fn line(&self, c: usize, s: usize) -> bool {
        self.line[s] >> c & 1 != 0
    }

    /// Set or clear IPI log bits of (c, s), keeping `ipi_any` current.
    #[inline]
    pub fn set_ipend(&mut self, c: usize, s: usize, ipend: u16) {
        self.cs[c][s].ipend = ipend;
        self.ipi_any[s] = (self.ipi_any[s] & !(1 << c)) | ((ipend != 0) as u8) << c;
    }

    /// Enabled pending sources of log(c, s).
    #[inline]
    pub fn deliverable_srcs(&self, c: usize, s: usize) -> u128 {
        self.src.pend & self.src.en & self.src.route[c][s]
    }

    /// deliverable(c, s) of spec §5.
    #[inline]
    pub fn deliverable(&self, c: usize, s: usize) -> bool {
        self.deliverable_srcs(c, s) != 0 || self.cs[c][s].ipend != 0
    }

    /// deliverable(c, s) for all (c, s) with c < `ncpu`: `result[s]`, bit c.
    #[inline]
    pub fn deliverable_bits(&self, ncpu: usize) -> [u8; 2] {
        let mut d = self.ipi_any;
        let live = self.src.pend & self.src.en;
        if live != 0 {
            for c in 0..ncpu {
                for (s, ds) in d.iter_mut().enumerate() {
                    *ds |= ((live & self.src.route[c][s] != 0) as u8) << c;
                }
            }
        }
        d
    }

    /// The line rule of spec §5, from `deliv` (before the edge) and the
    /// stall and wake bits after it.
    #[inline]
    pub fn update_lines(&mut self, deliv: [u8; 2]) {
        let oob_stalled = self.stall[OOB];
        let open = |s: usize| !self.stall[s] | self.wake[s];
        self.line[OOB] = deliv[OOB] & open(OOB);
        self.line[INB] = deliv[INB] & open(INB) & !oob_stalled;
    }
}
