//! Address decoding: page selection (DECERR) and register selection (SLVERR),
//! spec §8 and §9.

use crate::pins::Params;
use crate::regs::{self, global as g, page as p, resp};

/// Stage index: 0 = in-band, 1 = oob.
pub const INB: usize = 0;
pub const OOB: usize = 1;

/// A register of the GLOBAL page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GlobalReg {
    Id,
    Version,
    Hwcfg,
    Lock,
    Err,
    Status,
    CycleLo,
    CycleHi,
    /// IPI_PRIO_INB (stage 0) / IPI_PRIO_OOB (stage 1).
    IpiPrio(usize),
    IpiPrioSet,
    IpiOobNs,
    SrcRaw(usize),
    SrcPend(usize),
    SrcActive(usize),
    OverrunClr(usize),
    SrcCfg(usize),
    Overrun(usize),
}

/// A register of a per-CPU page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageReg {
    Claim,
    Complete,
    Stall,
    StallTas,
    IpiSend,
    Status,
    IpiPend,
    IpiOverrun,
    Pend(usize),
    LatLast,
    LatMax,
    Hist(usize),
}

/// A decoded register.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reg {
    Global(GlobalReg),
    Page {
        cpu: usize,
        stage: usize,
        reg: PageReg,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Access {
    Ro,
    Wo,
    Rw,
}

impl GlobalReg {
    fn access(self) -> Access {
        use GlobalReg::*;
        match self {
            Lock | IpiPrioSet | OverrunClr(_) => Access::Wo,
            Err | IpiPrio(_) | IpiOobNs | SrcCfg(_) => Access::Rw,
            Id | Version | Hwcfg | Status | CycleLo | CycleHi | SrcRaw(_) | SrcPend(_)
            | SrcActive(_) | Overrun(_) => Access::Ro,
        }
    }
}

impl PageReg {
    fn access(self) -> Access {
        use PageReg::*;
        match self {
            Complete | IpiSend => Access::Wo,
            Stall | IpiOverrun | LatMax => Access::Rw,
            Claim | StallTas | Status | IpiPend | Pend(_) | LatLast | Hist(_) => Access::Ro,
        }
    }
}

impl Reg {
    fn access(self) -> Access {
        match self {
            Reg::Global(r) => r.access(),
            Reg::Page { reg, .. } => reg.access(),
        }
    }
}

/// Index of an array entry at `off` in an array of `count` words at `base`.
fn entry(off: u32, base: u32, count: usize) -> Option<usize> {
    let k = (off.checked_sub(base)? / 4) as usize;
    (k < count).then_some(k)
}

fn decode_global(off: u32, prm: &Params) -> Option<GlobalReg> {
    use GlobalReg::*;
    let words32 = prm.nsrc.div_ceil(32) as usize;
    let nsrc = prm.nsrc as usize;
    Some(match off {
        g::ID => Id,
        g::VERSION => Version,
        g::HWCFG => Hwcfg,
        g::LOCK => Lock,
        g::ERR => Err,
        g::STATUS => Status,
        g::CYCLE_LO => CycleLo,
        g::CYCLE_HI => CycleHi,
        g::IPI_PRIO_INB => IpiPrio(INB),
        g::IPI_PRIO_OOB => IpiPrio(OOB),
        g::IPI_PRIO_SET => IpiPrioSet,
        g::IPI_OOB_NS => IpiOobNs,
        0x040..=0x04F => SrcRaw(entry(off, g::SRC_RAW, words32)?),
        0x050..=0x05F => SrcPend(entry(off, g::SRC_PEND, words32)?),
        0x060..=0x06F => SrcActive(entry(off, g::SRC_ACTIVE, words32)?),
        0x070..=0x07F => OverrunClr(entry(off, g::OVERRUN_CLR, words32)?),
        0x100..=0x2FF => SrcCfg(entry(off, g::SRC_CFG, nsrc)?),
        0x300..=0x37F => Overrun(entry(off, g::OVERRUN, prm.nsrc.div_ceil(4) as usize)?),
        _ => return None,
    })
}

fn decode_page(off: u32, prm: &Params) -> Option<PageReg> {
    use PageReg::*;
    Some(match off {
        p::CLAIM => Claim,
        p::COMPLETE => Complete,
        p::STALL => Stall,
        p::STALL_TAS => StallTas,
        p::IPI_SEND => IpiSend,
        p::STATUS => Status,
        p::IPI_PEND => IpiPend,
        p::IPI_OVERRUN => IpiOverrun,
        0x020..=0x03F => Pend(entry(off, p::PEND, prm.nsrc.div_ceil(32) as usize)?),
        p::LAT_LAST => LatLast,
        p::LAT_MAX => LatMax,
        0x080..=0x0BF => Hist(entry(off, p::HIST, regs::HIST_BUCKETS)?),
        _ => return None,
    })
}

/// Which page an address selects: `None` = no page (DECERR).
/// The address is first cut to the 17 bits of the AXI address ports.
pub fn page_of(addr: u32, prm: &Params) -> Option<(Option<(usize, usize)>, u32)> {
    let addr = addr & regs::ADDR_MASK;
    let off = addr & (regs::PAGE_SIZE - 1);
    let page = addr / regs::PAGE_SIZE;
    let inb0 = regs::INBAND_BASE / regs::PAGE_SIZE;
    let oob0 = regs::OOB_BASE / regs::PAGE_SIZE;
    if addr < regs::GLOBAL_BASE + regs::PAGE_SIZE {
        return Some((None, off));
    }
    for (stage, first) in [(INB, inb0), (OOB, oob0)] {
        if page >= first && page < first + 8 {
            let cpu = (page - first) as usize;
            return (cpu < prm.ncpu as usize).then_some((Some((cpu, stage)), off));
        }
    }
    None
}

/// Decode an address for a read (`write == false`) or a write.
///
/// **Interpretation**: DECERR is checked before alignment, so a misaligned
/// address outside every page answers DECERR; inside a page every other
/// problem (misaligned, no register, wrong direction) answers SLVERR.
pub fn decode(addr: u32, write: bool, prm: &Params) -> Result<Reg, u8> {
    let (page, off) = page_of(addr, prm).ok_or(resp::DECERR)?;
    if off & 3 != 0 {
        return Err(resp::SLVERR);
    }
    let reg = match page {
        None => Reg::Global(decode_global(off, prm).ok_or(resp::SLVERR)?),
        Some((cpu, stage)) => Reg::Page {
            cpu,
            stage,
            reg: decode_page(off, prm).ok_or(resp::SLVERR)?,
        },
    };
    match (reg.access(), write) {
        (Access::Ro, true) | (Access::Wo, false) => Err(resp::SLVERR),
        _ => Ok(reg),
    }
}
