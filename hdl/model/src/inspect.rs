//! Read-only views of the model's state, for tests and for diagnosing a
//! lockstep mismatch. Stages: 0 = in-band ([`INB`]), 1 = oob ([`OOB`]).

use crate::decode::{INB, OOB};
use crate::router::RouterModel;
use crate::state::SrcCfg;
use crate::stats::LatStats;

impl RouterModel {
    /// Edges since reset (the 64-bit cycle counter).
    pub fn cycle(&self) -> u64 {
        self.st.cycle
    }
    /// `pend[i]`: source i is in its log (enabled or not).
    pub fn pending(&self, i: usize) -> bool {
        self.st.src.pend >> i & 1 != 0
    }
    /// All pend bits.
    pub fn pending_mask(&self) -> u128 {
        self.st.src.pend
    }
    /// `active[i]`: claimed and not completed.
    pub fn active(&self, i: usize) -> bool {
        self.st.src.active >> i & 1 != 0
    }
    /// The overrun counter of source i.
    pub fn overrun(&self, i: usize) -> u8 {
        self.st.src.ovr[i]
    }
    /// `ts[i]`, the TSW-bit timestamp of the event that set `pend[i]`.
    pub fn timestamp(&self, i: usize) -> u32 {
        self.st.src.ts[i]
    }
    /// `cfg[i]`, decoded.
    pub fn src_cfg(&self, i: usize) -> SrcCfg {
        self.st.src.cfg(i)
    }
    pub fn stall(&self, cpu: usize, stage: usize) -> bool {
        self.st.stall(cpu, stage)
    }
    /// STALL.WAKE of (cpu, stage) (spec §11).
    pub fn wake(&self, cpu: usize, stage: usize) -> bool {
        self.st.wake(cpu, stage)
    }
    /// IPI_OOB_NS: oob vectors Non-secure masters may send.
    pub fn ipi_ns(&self) -> u16 {
        self.st.ipi_ns
    }
    /// The histogram sweep after reset is over (spec §10).
    pub fn hist_ready(&self) -> bool {
        self.sweep_done()
    }
    /// The registered line output of (cpu, stage).
    pub fn line(&self, cpu: usize, stage: usize) -> bool {
        self.st.line(cpu, stage)
    }
    /// deliverable(cpu, stage) of spec §5, on the current state.
    pub fn deliverable(&self, cpu: usize, stage: usize) -> bool {
        self.st.deliverable(cpu, stage)
    }
    /// `ipend[cpu][stage]`, bit v.
    pub fn ipi_pending(&self, cpu: usize, stage: usize) -> u16 {
        self.st.cs[cpu][stage].ipend
    }
    pub fn ipi_timestamp(&self, cpu: usize, stage: usize, v: usize) -> u32 {
        self.st.cs[cpu][stage].its[v]
    }
    pub fn ipi_overrun(&self, cpu: usize, stage: usize) -> u8 {
        self.st.cs[cpu][stage].iovr
    }
    /// `ipi_prio[stage][v]`.
    pub fn ipi_prio(&self, stage: usize, v: usize) -> u32 {
        self.st.ipi_prio[stage].get(v as u32)
    }
    /// LAT_LAST, LAT_MAX and HIST of (cpu, stage) as the next read will
    /// see them: a claim's statistics land one edge after it (spec §6), and
    /// no read can execute in between.
    pub fn lat_stats(&self, cpu: usize, stage: usize) -> LatStats {
        let mut s = self.st.cs[cpu][stage].lat;
        if let Some((c, st, lat)) = self.st.stat_pending {
            if (c, st) == (cpu, stage) {
                s.record(lat, self.sweep_done());
            }
        }
        s
    }
    /// The sticky ERR flags.
    pub fn err(&self) -> u32 {
        self.st.err
    }
    pub fn locked(&self) -> bool {
        self.st.lock
    }
    /// A Secure read of `addr` without side effects and without an edge:
    /// (data, response) as an AR handshake now would return them. SRC_RAW
    /// shows the inputs sampled at the last edge.
    pub fn peek(&self, addr: u32) -> (u32, u8) {
        let (d, r, _) = self.eval_read(crate::axi::ReadReq { addr, ns: false }, self.st.src.prev);
        (d, r)
    }
    /// The stage constants, re-exported for convenience.
    pub const INB: usize = INB;
    pub const OOB: usize = OOB;
}
