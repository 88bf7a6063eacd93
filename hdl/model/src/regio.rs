//! Register semantics: what a read returns (and which side effect it has),
//! what a write does (spec §6-§10).

use crate::axi::WriteReq;
use crate::claim::{self, Prio, Winner};
use crate::decode::{self, GlobalReg, PageReg, Reg, OOB};
use crate::regs::{self, err, gstatus, hwcfg, ipi_send, pstatus, resp};
use crate::router::RouterModel;
use crate::state::SrcCfg as Cfg;

/// The side effect of a read, applied by `step` after the write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReadEffect {
    None,
    /// CLAIM of a non-empty log.
    Claim {
        cpu: usize,
        stage: usize,
        win: Winner,
    },
    TestAndStall {
        cpu: usize,
        stage: usize,
    },
    /// CYCLE_LO: copy cycle[63:32] to the shadow.
    CycleLo,
}

/// An accepted IPI_SEND, applied by `step` after any claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IpiSend {
    pub cpus: u32,
    pub vector: u32,
    pub stage: usize,
}

/// What an executed write did beyond its direct state changes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WriteOutcome {
    pub resp: u8,
    /// ERR flags raised by this write.
    pub flags: u32,
    /// ERR bits this write clears (W1C).
    pub err_w1c: u32,
    pub ipi: Option<IpiSend>,
}

fn pack_prio(p: &Prio<u16>, mask: u16) -> u32 {
    let mut w = 0;
    for v in 0..16 {
        if mask >> v & 1 != 0 {
            w |= p.get(v) << (2 * v);
        }
    }
    w
}

fn word(bits: u128, k: usize) -> u32 {
    (bits >> (32 * k)) as u32
}

impl RouterModel {
    /// Read `addr` against the current state: (rdata, rresp, side effect).
    /// `src_in` is `src_i` at the read's edge (SRC_RAW).
    pub(crate) fn eval_read(&self, addr: u32, src_in: u128) -> (u32, u8, ReadEffect) {
        match decode::decode(addr, false, &self.prm) {
            Err(r) => (0, r, ReadEffect::None),
            Ok(Reg::Global(r)) => {
                let (d, e) = self.read_global(r, src_in);
                (d, resp::OKAY, e)
            }
            Ok(Reg::Page { cpu, stage, reg }) => {
                let (d, e) = self.read_page(cpu, stage, reg);
                (d, resp::OKAY, e)
            }
        }
    }

    fn read_global(&self, r: GlobalReg, src_in: u128) -> (u32, ReadEffect) {
        use GlobalReg::*;
        let st = &self.st;
        let p = &self.prm;
        let d = match r {
            Id => regs::ID_VALUE,
            Version => regs::VERSION_VALUE,
            Hwcfg => {
                p.nsrc << hwcfg::NSRC_SHIFT
                    | p.ncpu << hwcfg::NCPU_SHIFT
                    | p.nipi << hwcfg::NIPI_SHIFT
                    | p.tsw << hwcfg::TSW_SHIFT
            }
            Lock => 0,
            Err => st.err,
            Status => {
                if st.lock {
                    gstatus::LOCKED
                } else {
                    0
                }
            }
            CycleLo => return (st.cycle as u32, ReadEffect::CycleLo),
            CycleHi => st.cycle_hi_shadow,
            IpiPrio(s) => pack_prio(&st.ipi_prio[s], self.ipi_mask),
            // Interpretation: SRC_RAW is `src_i` as sampled at the read's own
            // edge (the input level at the AR handshake), not `prev`.
            SrcRaw(k) => word(src_in, k),
            SrcPend(k) => word(st.src.pend, k),
            SrcActive(k) => word(st.src.active, k),
            SrcCfg(i) => st.src.cfg(i).bits(),
            Overrun(k) => (0..4)
                .map(|j| 4 * k + j)
                .filter(|&i| i < p.nsrc as usize)
                .map(|i| (st.src.ovr[i] as u32) << (8 * (i % 4)))
                .sum(),
        };
        (d, ReadEffect::None)
    }

    fn read_page(&self, c: usize, s: usize, r: PageReg) -> (u32, ReadEffect) {
        use PageReg::*;
        let st = &self.st;
        let cs = &st.cs[c][s];
        let d = match r {
            // Interpretation: CLAIM ignores the stall bit (stall only gates the
            // line), and it selects on the state before the edge, so a write
            // that re-routes, disables or re-prioritises at the same edge
            // does not affect it.
            Claim => {
                let win = claim::select(
                    st.deliverable_srcs(c, s),
                    &st.src.prio,
                    cs.ipend,
                    &st.ipi_prio[s],
                );
                return match win {
                    Some(win) => (
                        win.id(),
                        ReadEffect::Claim {
                            cpu: c,
                            stage: s,
                            win,
                        },
                    ),
                    // Interpretation: an empty claim has no side effect.
                    None => (regs::ID_NONE, ReadEffect::None),
                };
            }
            Complete | IpiSend => 0, // write-only, filtered by decode
            Stall => st.stall(c, s) as u32,
            StallTas => {
                return (
                    st.stall(c, s) as u32,
                    ReadEffect::TestAndStall { cpu: c, stage: s },
                )
            }
            Status => {
                (if st.line(c, s) { pstatus::LINE } else { 0 })
                    | (if st.deliverable(c, s) {
                        pstatus::DELIVERABLE
                    } else {
                        0
                    })
                    | (if st.stall(c, s) { pstatus::STALLED } else { 0 })
                    | (if st.stall(c, OOB) {
                        pstatus::OOB_STALLED
                    } else {
                        0
                    })
            }
            IpiPend => cs.ipend as u32,
            IpiOverrun => cs.iovr as u32,
            Pend(k) => word(st.src.pend & st.src.route[c][s], k),
            LatLast => cs.lat.last,
            LatMax => cs.lat.max,
            Hist(k) => cs.lat.hist[k],
        };
        (d, ReadEffect::None)
    }

    /// Execute a write at this edge. Validation uses the state before the
    /// edge (this is the first change `step` makes to it).
    pub(crate) fn exec_write(&mut self, w: WriteReq) -> WriteOutcome {
        let reg = match decode::decode(w.addr, true, &self.prm) {
            Err(r) => {
                return WriteOutcome {
                    resp: r,
                    ..Default::default()
                }
            }
            Ok(reg) => reg,
        };
        if w.strb != 0xF {
            return WriteOutcome {
                resp: resp::SLVERR,
                ..Default::default()
            };
        }
        let mut out = WriteOutcome::default();
        match reg {
            Reg::Global(r) => self.write_global(r, w.data, &mut out),
            Reg::Page { cpu, stage, reg } => self.write_page(cpu, stage, reg, w.data, &mut out),
        }
        out
    }

    fn write_global(&mut self, r: GlobalReg, d: u32, out: &mut WriteOutcome) {
        use GlobalReg::*;
        let st = &mut self.st;
        match r {
            Lock => {
                if !st.lock {
                    if d == regs::LOCK_KEY {
                        st.lock = true;
                    } else {
                        out.flags |= err::BAD_KEY;
                    }
                }
            }
            Err => out.err_w1c = d & err::ALL,
            IpiPrio(s) => {
                if s == OOB && st.lock {
                    out.flags |= err::LOCKED;
                } else {
                    let p = &mut st.ipi_prio[s];
                    for v in 0..self.prm.nipi {
                        p.set(v, d >> (2 * v) & 3);
                    }
                }
            }
            SrcCfg(i) => {
                let new = Cfg::from_bits(d);
                let old_oob = st.src.stage_of(i) == OOB;
                if new.cpu >= self.prm.ncpu {
                    out.flags |= err::BAD_CPU;
                }
                if st.lock && (old_oob || new.oob) {
                    out.flags |= err::LOCKED;
                }
                if out.flags == 0 {
                    st.src.set_cfg(i, new);
                }
            }
            Overrun(k) => {
                for i in 4 * k..(4 * k + 4).min(self.prm.nsrc as usize) {
                    st.src.ovr[i] = 0;
                }
            }
            Id | Version | Hwcfg | Status | CycleLo | CycleHi | SrcRaw(_) | SrcPend(_)
            | SrcActive(_) => unreachable!("read-only, filtered by decode"),
        }
    }

    fn write_page(&mut self, c: usize, s: usize, r: PageReg, d: u32, out: &mut WriteOutcome) {
        use PageReg::*;
        let prm = self.prm;
        let st = &mut self.st;
        match r {
            // Interpretation: validity (active, routed here) is judged on the
            // state before the edge, so a COMPLETE of a source that is being
            // claimed at the same edge but was not active before it is
            // flagged BAD_COMPLETE (and the claim leaves it active). A
            // disabled source can be completed.
            Complete => {
                let id = (d & regs::ID_MASK) as usize;
                let ok = id < prm.nsrc as usize
                    && st.src.active >> id & 1 != 0
                    && st.src.cpu[id] as usize == c
                    && st.src.stage_of(id) == s;
                if ok {
                    st.src.active &= !(1u128 << id);
                } else {
                    out.flags |= err::BAD_COMPLETE;
                }
            }
            Stall => st.set_stall(c, s, d & 1 != 0),
            IpiSend => {
                let cpus = d >> ipi_send::CPUMASK_SHIFT & ipi_send::CPUMASK_MASK;
                let vector = d >> ipi_send::VECTOR_SHIFT & ipi_send::VECTOR_MASK;
                let stage = (d >> ipi_send::STAGE_SHIFT & 1) as usize;
                if cpus & !self.cpu_mask != 0 {
                    out.flags |= err::BAD_CPU;
                }
                if vector >= prm.nipi {
                    out.flags |= err::BAD_VECTOR;
                }
                // Interpretation: the checks apply even with an empty mask, so
                // {CPUMASK = 0, VECTOR >= NIPI} flags BAD_VECTOR; a valid empty
                // mask does nothing.
                if out.flags == 0 && cpus != 0 {
                    out.ipi = Some(self::IpiSend {
                        cpus,
                        vector,
                        stage,
                    });
                }
            }
            IpiOverrun => st.cs[c][s].iovr = 0,
            LatMax => st.cs[c][s].lat.max = 0,
            Claim | StallTas | Status | IpiPend | Pend(_) | LatLast | Hist(_) => {
                unreachable!("read-only, filtered by decode")
            }
        }
    }
}
