//! The cycle-accurate model: one call of `step` is one rising edge of `clk`.
//!
//! Every value of the new state is computed from the state and inputs just
//! before the edge (spec §2). Where several things touch the same state bit
//! at one edge, they are applied in this order, which implements the
//! same-edge rules of the spec:
//!
//! 1. everything that is *read* (deliverable for the lines, CLAIM selection,
//!    read data, events, write validation) is evaluated on the old state;
//! 2. the executing write is applied (clears of OVERRUN / IPI_OVERRUN /
//!    LAT_MAX / ERR, configuration, STALL, LOCK, COMPLETE);
//! 3. the latency of the previous edge's claim is recorded (after a LAT_MAX
//!    clear of this edge), then this edge's claim (pend/ipend cleared,
//!    active set, latency kept for the next edge), so a claim wins over a
//!    COMPLETE of the same source;
//! 4. the source events, then the IPI_SEND, which see a bit cleared by the
//!    claim as empty (new timestamp, no overrun) and come after the clears;
//! 5. test-and-stall (wins over a STALL write), the CYCLE_HI shadow, the
//!    ERR flags of the edge (win over the W1C);
//! 6. prev, cycle, the lines (deliverable from 1, stall from 5), the slave.

use crate::axi::AxiSlave;
use crate::claim::Winner;
use crate::decode::{INB, OOB};
use crate::pins::{ParamError, Params, PinsIn, PinsOut, RouterPins};
use crate::regio::{IpiSend, ReadEffect};
use crate::regs::HIST_BUCKETS;
use crate::state::State;

/// The reference model of one router instance.
#[derive(Clone, Debug)]
pub struct RouterModel {
    pub(crate) prm: Params,
    /// Bits 0..NSRC.
    pub(crate) src_mask: u128,
    /// Bits 0..TSW.
    pub(crate) ts_mask: u32,
    /// Bits 0..NCPU of a CPU mask.
    pub(crate) cpu_mask: u32,
    /// Bits 0..NIPI of a vector mask.
    pub(crate) ipi_mask: u16,
    /// Largest overrun count: 2^OVRW - 1.
    pub(crate) ovr_max: u8,
    /// Edges of the histogram sweep after reset: 2 * NCPU * 16.
    pub(crate) sweep_len: u32,
    pub(crate) st: State,
    pub(crate) axi: AxiSlave,
}

impl RouterModel {
    /// A model in its reset state; fails for parameters outside spec §1.
    pub fn new(prm: Params) -> Result<Self, ParamError> {
        prm.validate()?;
        let src_mask = if prm.nsrc == 128 {
            u128::MAX
        } else {
            (1u128 << prm.nsrc) - 1
        };
        let mut m = RouterModel {
            prm,
            src_mask,
            ts_mask: ((1u64 << prm.tsw) - 1) as u32,
            cpu_mask: (1u32 << prm.ncpu) - 1,
            ipi_mask: ((1u32 << prm.nipi) - 1) as u16,
            ovr_max: ((1u32 << prm.ovrw) - 1) as u8,
            sweep_len: 2 * prm.ncpu * HIST_BUCKETS as u32,
            st: State::default(),
            axi: AxiSlave::default(),
        };
        m.reset();
        Ok(m)
    }

    fn ncpu(&self) -> usize {
        self.prm.ncpu as usize
    }

    /// The histogram sweep after reset is over (spec §10): HIST counts and reads.
    #[inline]
    pub(crate) fn sweep_done(&self) -> bool {
        self.st.sweep >= self.sweep_len
    }

    /// The state reached by holding `rst_n` low: every register at its reset
    /// value, so lines 0, AW/W/AR ready, no B/R response.
    fn reset_state(&mut self) {
        self.st = State::default();
        self.st.src.route[0][0] = self.src_mask;
        self.axi = AxiSlave::default();
    }

    #[inline]
    fn apply_claim(&mut self, cpu: usize, stage: usize, w: Winner, cyc: u32) {
        let ts = match w {
            Winner::Source(i) => {
                let bit = 1u128 << i;
                self.st.src.pend &= !bit;
                self.st.src.active |= bit;
                self.st.src.ts[i as usize]
            }
            Winner::Ipi(v) => {
                let ipend = self.st.cs[cpu][stage].ipend & !(1 << v);
                self.st.set_ipend(cpu, stage, ipend);
                self.st.cs[cpu][stage].its[v as usize]
            }
        };
        if self.prm.stats {
            let lat = cyc.wrapping_sub(ts) & self.ts_mask;
            // Recorded at the next edge (spec §6).
            self.st.stat_pending = Some((cpu, stage, lat));
        }
    }

    /// Log source events (spec §4); `edge_ev` are the events of edge-triggered
    /// sources (those that count overruns).
    #[inline]
    fn apply_events(&mut self, ev: u128, edge_ev: u128, cyc: u32) {
        let max = self.ovr_max;
        let s = &mut self.st.src;
        let mut new = ev & !s.pend;
        let mut over = ev & s.pend & edge_ev;
        s.pend |= ev;
        if self.prm.stats {
            while new != 0 {
                let i = new.trailing_zeros() as usize;
                new &= new - 1;
                s.ts[i] = cyc;
            }
        }
        while over != 0 {
            let i = over.trailing_zeros() as usize;
            over &= over - 1;
            s.ovr[i] = s.ovr[i].saturating_add(1).min(max);
        }
    }

    #[inline]
    fn apply_ipi_send(&mut self, send: IpiSend, cyc: u32) {
        let bit = 1u16 << send.vector;
        let max = self.ovr_max;
        for c in 0..self.ncpu() {
            if send.cpus >> c & 1 == 0 {
                continue;
            }
            let cs = &mut self.st.cs[c][send.stage];
            if cs.ipend & bit != 0 {
                cs.iovr = cs.iovr.saturating_add(1).min(max);
            } else {
                cs.its[send.vector as usize] = cyc;
                let ipend = cs.ipend | bit;
                self.st.set_ipend(c, send.stage, ipend);
            }
        }
    }
}

impl RouterPins for RouterModel {
    fn params(&self) -> Params {
        self.prm
    }

    fn reset(&mut self) {
        self.reset_state();
    }

    fn step(&mut self, inp: &PinsIn) -> PinsOut {
        let ncpu = self.ncpu();
        let src_in = inp.src & self.src_mask;
        let cycle = self.st.cycle;
        let cyc = (cycle as u32) & self.ts_mask;

        // 1. Evaluate on the state before the edge.
        let deliv = self.st.deliverable_bits(ncpu);
        let hist_on = self.sweep_done();
        let wreq = self.axi.write_to_execute();
        let read = self
            .axi
            .read_to_execute(inp)
            .map(|a| self.eval_read(a, src_in));
        let claimed_src = match read {
            Some((
                _,
                _,
                ReadEffect::Claim {
                    win: Winner::Source(i),
                    ..
                },
            )) => 1u128 << i,
            _ => 0,
        };
        // Events use cfg (EN, TRIG) from before the edge: a SRC_CFG write that
        // enables a source takes part in events from the next edge on.
        let s = &self.st.src;
        let en_in = src_in & s.en;
        let edge_ev = en_in & s.trig & !s.prev;
        // A source claimed at this edge counts as active (spec §4).
        let level_ev = en_in & !s.trig & !(s.active | claimed_src);
        let ev = edge_ev | level_ev;

        // 2. The write.
        let mut flags = 0;
        let mut w1c = 0;
        let mut ipi = None;
        let bresp = wreq.map(|w| {
            let out = self.exec_write(w);
            flags = out.flags;
            w1c = out.err_w1c;
            ipi = out.ipi;
            out.resp
        });

        // 3. The previous claim's statistics, then the read's side effects.
        if let Some((c, st, lat)) = self.st.stat_pending.take() {
            self.st.cs[c][st].lat.record(lat, hist_on);
        }
        if !hist_on {
            // The sweep clears one histogram counter per edge (spec §10):
            // counter b of (c, s) is entry (2c + s) * 16 + b.
            let k = self.st.sweep as usize;
            let (cs, b) = (k / HIST_BUCKETS, k % HIST_BUCKETS);
            self.st.cs[cs / 2][cs % 2].lat.hist[b] = 0;
            self.st.sweep += 1;
        }
        let mut tas = None;
        if let Some((_, _, eff)) = read {
            match eff {
                ReadEffect::None => {}
                ReadEffect::Claim { cpu, stage, win } => self.apply_claim(cpu, stage, win, cyc),
                ReadEffect::TestAndStall { cpu, stage } => tas = Some((cpu, stage)),
                ReadEffect::CycleLo { ns } => self.st.cycle_hi_shadow[ns as usize] = (cycle >> 32) as u32,
            }
        }

        // 4. Events and IPIs.
        if ev != 0 {
            self.apply_events(ev, edge_ev, cyc);
        }
        if let Some(send) = ipi {
            self.apply_ipi_send(send, cyc);
        }

        // 5. Test-and-stall after the STALL write; ERR flags after the W1C.
        if let Some((c, st)) = tas {
            self.st.set_stall(c, st, true);
        }
        self.st.err = (self.st.err & !w1c) | flags;

        // 6. Free-running state, lines, the slave.
        self.st.src.prev = src_in;
        self.st.cycle = cycle.wrapping_add(1);
        self.st.update_lines(deliv);
        self.axi.edge(inp, bresp, read.map(|(d, r, _)| (d, r)));
        self.outputs()
    }

    fn outputs(&self) -> PinsOut {
        PinsOut {
            irq_oob: self.st.line[OOB],
            irq_inb: self.st.line[INB],
            awready: self.axi.awready(),
            wready: self.axi.wready(),
            bvalid: self.axi.b_valid,
            bresp: self.axi.bresp,
            arready: self.axi.arready(),
            rvalid: self.axi.r_valid,
            rdata: self.axi.rdata,
            rresp: self.axi.rresp,
        }
    }
}
