//! Register semantics: what a read returns (and which side effect it has),
//! what a write does (spec §6-§11), and the TrustZone rules of spec §8.

use crate::axi::{ReadReq, WriteReq};
use crate::claim::{self, Prio, Winner};
use crate::decode::{self, GlobalReg, PageReg, Reg, OOB};
use crate::regs::{self, cfg, err, gstatus, hwcfg, ipi_prio_set, ipi_send, pstatus, resp, stall};
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
    /// CYCLE_LO: copy cycle[63:32] to the shadow of world `ns` (spec §10).
    CycleLo { ns: bool },
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

fn flag(cond: bool, f: u32) -> u32 {
    if cond {
        f
    } else {
        0
    }
}

/// SRC_CFG after a write of `d` to a source configured `old`: the fields
/// whose write-enable bit is set, or every field when none is (spec §8).
fn merge_cfg(old: Cfg, d: u32) -> (Cfg, bool) {
    let new = Cfg::from_bits(d);
    let we = d & cfg::WE_ALL;
    let w = |bit: u32| we == 0 || we & bit != 0;
    let merged = Cfg {
        en: if w(cfg::WE_EN) { new.en } else { old.en },
        oob: if w(cfg::WE_STAGE) { new.oob } else { old.oob },
        edge: if w(cfg::WE_TRIG) { new.edge } else { old.edge },
        prio: if w(cfg::WE_PRIO) { new.prio } else { old.prio },
        cpu: if w(cfg::WE_CPU) { new.cpu } else { old.cpu },
    };
    (merged, w(cfg::WE_CPU))
}

impl RouterModel {
    /// Read `r.addr` against the current state: (rdata, rresp, side effect).
    /// `src_in` is `src_i` at the read's edge (SRC_RAW).
    pub(crate) fn eval_read(&self, r: ReadReq, src_in: u128) -> (u32, u8, ReadEffect) {
        match decode::decode(r.addr, false, &self.prm) {
            Err(code) => (0, code, ReadEffect::None),
            Ok(Reg::Global(g)) => {
                let (d, e) = self.read_global(g, r.ns, src_in);
                (d, resp::OKAY, e)
            }
            // Non-secure reads of an oob page answer zero, without effect (spec §8).
            Ok(Reg::Page { stage: OOB, .. }) if r.ns => (0, resp::OKAY, ReadEffect::None),
            Ok(Reg::Page { cpu, stage, reg }) => {
                let (d, e) = self.read_page(cpu, stage, reg);
                (d, resp::OKAY, e)
            }
        }
    }

    fn read_global(&self, r: GlobalReg, ns: bool, src_in: u128) -> (u32, ReadEffect) {
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
                    | (p.stats as u32) << hwcfg::STATS_SHIFT
                    | p.ovrw << hwcfg::OVRW_SHIFT
            }
            Err => st.err,
            Status => flag(st.lock, gstatus::LOCKED) | flag(!ns, gstatus::SECURE),
            CycleLo => return (st.cycle as u32, ReadEffect::CycleLo { ns }),
            CycleHi => st.cycle_hi_shadow[ns as usize],
            IpiPrio(s) => pack_prio(&st.ipi_prio[s], self.ipi_mask),
            IpiOobNs => st.ipi_ns as u32,
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
            Lock | IpiPrioSet | OverrunClr(_) => unreachable!("write-only, filtered by decode"),
        };
        (d, ReadEffect::None)
    }

    fn read_page(&self, c: usize, s: usize, r: PageReg) -> (u32, ReadEffect) {
        use PageReg::*;
        let st = &self.st;
        let cs = &st.cs[c][s];
        let stats = self.prm.stats;
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
            Stall => flag(st.stall(c, s), stall::STALL) | flag(st.wake(c, s), stall::WAKE),
            StallTas => {
                return (
                    st.stall(c, s) as u32,
                    ReadEffect::TestAndStall { cpu: c, stage: s },
                )
            }
            Status => {
                flag(st.line(c, s), pstatus::LINE)
                    | flag(st.deliverable(c, s), pstatus::DELIVERABLE)
                    | flag(st.stall(c, s), pstatus::STALLED)
                    | flag(st.stall(c, OOB), pstatus::OOB_STALLED)
                    | flag(st.wake(c, s), pstatus::WAKE)
            }
            IpiPend => cs.ipend as u32,
            IpiOverrun => cs.iovr as u32,
            Pend(k) => word(st.src.pend & st.src.route[c][s], k),
            LatLast if stats => cs.lat.last,
            LatMax if stats => cs.lat.max,
            Hist(k) if stats && self.sweep_done() => cs.lat.hist[k],
            LatLast | LatMax | Hist(_) => 0,
            Complete | IpiSend => unreachable!("write-only, filtered by decode"),
        };
        (d, ReadEffect::None)
    }

    /// Execute a write at this edge. Validation uses the state before the
    /// edge (this is the first change `step` makes to it). Every rule of
    /// spec §6-§8 that refuses the write raises its flag; the write applies
    /// only if none did.
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
            Reg::Global(r) => self.write_global(r, w.data, w.ns, &mut out),
            Reg::Page { cpu, stage, reg } => {
                // Non-secure masters have no business on an oob page (spec §8).
                out.flags |= flag(w.ns && stage == OOB, err::DENIED);
                self.write_page(cpu, stage, reg, w.data, w.ns, &mut out)
            }
        }
        out
    }

    fn write_global(&mut self, r: GlobalReg, d: u32, ns: bool, out: &mut WriteOutcome) {
        use GlobalReg::*;
        let prm = self.prm;
        let st = &mut self.st;
        let lock = st.lock;
        match r {
            Lock => {
                out.flags |= flag(ns, err::DENIED) | flag(!lock && d != regs::LOCK_KEY, err::BAD_KEY);
                if out.flags == 0 {
                    st.lock = true;
                }
            }
            // The DENIED flag is the Secure side's record: NS cannot clear it.
            Err => out.err_w1c = d & err::ALL & if ns { !err::DENIED } else { !0 },
            IpiPrio(s) => {
                out.flags |= flag(s == OOB && lock, err::LOCKED) | flag(s == OOB && ns, err::DENIED);
                if out.flags == 0 {
                    let p = &mut st.ipi_prio[s];
                    for v in 0..prm.nipi {
                        p.set(v, d >> (2 * v) & 3);
                    }
                }
            }
            IpiPrioSet => {
                let vector = d >> ipi_send::VECTOR_SHIFT & ipi_send::VECTOR_MASK;
                let s = (d >> ipi_send::STAGE_SHIFT & 1) as usize;
                out.flags |= flag(vector >= prm.nipi, err::BAD_VECTOR)
                    | flag(s == OOB && lock, err::LOCKED)
                    | flag(s == OOB && ns, err::DENIED);
                if out.flags == 0 {
                    st.ipi_prio[s].set(vector, d & ipi_prio_set::PRIO_MASK);
                }
            }
            IpiOobNs => {
                out.flags |= flag(lock, err::LOCKED) | flag(ns, err::DENIED);
                if out.flags == 0 {
                    st.ipi_ns = d as u16 & self.ipi_mask;
                }
            }
            SrcCfg(i) => {
                let old = st.src.cfg(i);
                let (new, cpu_written) = merge_cfg(old, d);
                let touches_oob = old.oob || new.oob;
                out.flags |= flag(cpu_written && new.cpu >= prm.ncpu, err::BAD_CPU)
                    | flag(lock && touches_oob, err::LOCKED)
                    | flag(ns && touches_oob, err::DENIED);
                if out.flags == 0 {
                    st.src.set_cfg(i, new);
                }
            }
            OverrunClr(k) => {
                let bits = (d as u128) << (32 * k) & self.src_mask;
                out.flags |= flag(ns && bits & st.src.stage != 0, err::DENIED);
                if out.flags == 0 {
                    let mut b = bits;
                    while b != 0 {
                        st.src.ovr[b.trailing_zeros() as usize] = 0;
                        b &= b - 1;
                    }
                }
            }
            Id | Version | Hwcfg | Status | CycleLo | CycleHi | SrcRaw(_) | SrcPend(_)
            | SrcActive(_) | Overrun(_) => unreachable!("read-only, filtered by decode"),
        }
    }

    fn write_page(&mut self, c: usize, s: usize, r: PageReg, d: u32, ns: bool, out: &mut WriteOutcome) {
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
                out.flags |= flag(!ok, err::BAD_COMPLETE);
                if out.flags == 0 {
                    st.src.active &= !(1u128 << id);
                }
            }
            Stall => {
                if out.flags == 0 {
                    st.set_stall(c, s, d & stall::STALL != 0);
                    st.set_wake(c, s, d & stall::WAKE != 0);
                }
            }
            IpiSend => {
                let cpus = d >> ipi_send::CPUMASK_SHIFT & ipi_send::CPUMASK_MASK;
                let vector = d >> ipi_send::VECTOR_SHIFT & ipi_send::VECTOR_MASK;
                let stage = (d >> ipi_send::STAGE_SHIFT & 1) as usize;
                // Interpretation: the checks apply even with an empty mask, so
                // {CPUMASK = 0, VECTOR >= NIPI} flags BAD_VECTOR; a valid empty
                // mask does nothing.
                out.flags |= flag(cpus & !self.cpu_mask != 0, err::BAD_CPU)
                    | flag(vector >= prm.nipi, err::BAD_VECTOR)
                    | flag(ns && stage == OOB && st.ipi_ns >> vector & 1 == 0, err::DENIED);
                if out.flags == 0 && cpus != 0 {
                    out.ipi = Some(self::IpiSend {
                        cpus,
                        vector,
                        stage,
                    });
                }
            }
            IpiOverrun => {
                if out.flags == 0 {
                    st.cs[c][s].iovr = 0;
                }
            }
            LatMax => {
                if out.flags == 0 {
                    st.cs[c][s].lat.max = 0;
                }
            }
            Claim | StallTas | Status | IpiPend | Pend(_) | LatLast | Hist(_) => {
                unreachable!("read-only, filtered by decode")
            }
        }
    }
}
