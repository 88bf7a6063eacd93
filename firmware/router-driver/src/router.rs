//! The router as a whole: probe and the GLOBAL page.

use crate::access::RegAccess;
use crate::config::{HwConfig, Priority, SourceConfig, SourceUpdate, Stage};
use crate::error::{ErrFlags, Error, ProbeError};
use crate::page::Page;
use irq_router_layout as l;

/// Interface major version this driver implements.
pub(crate) const SUPPORTED_MAJOR: u16 =
    (l::GLOBAL_VERSION_RESET >> l::GLOBAL_VERSION_MAJOR_LSB) as u16;
/// Lowest minor version it needs: 1.1 added the registers it writes without
/// read-modify-write (IPI_PRIO_SET, OVERRUN_CLR, SRC_CFG's write-enables).
pub(crate) const MIN_MINOR: u16 = (l::GLOBAL_VERSION_RESET >> l::GLOBAL_VERSION_MINOR_LSB) as u16;

/// A probed router: its register access and its instance parameters.
#[derive(Debug)]
pub struct Router<A> {
    io: A,
    hw: HwConfig,
}

impl<A: RegAccess> Router<A> {
    /// Checks that a router of a supported interface version answers, and
    /// reads its parameters. Only ID, VERSION and HWCFG are read, all without
    /// side effects, so probing a wrong address disturbs nothing (on QEMU,
    /// whose PL window reads as zero, this fails with `NotARouter { id: 0 }`).
    pub fn probe(mut io: A) -> Result<Router<A>, ProbeError> {
        let id = io.read(l::GLOBAL_ID_OFFSET);
        if id != l::GLOBAL_ID_RESET {
            return Err(ProbeError::NotARouter { id });
        }
        let v = io.read(l::GLOBAL_VERSION_OFFSET);
        let major = (v >> l::GLOBAL_VERSION_MAJOR_LSB) as u16;
        let minor = (v >> l::GLOBAL_VERSION_MINOR_LSB) as u16;
        if major != SUPPORTED_MAJOR || minor < MIN_MINOR {
            return Err(ProbeError::Version { major, minor });
        }
        let hwcfg = io.read(l::GLOBAL_HWCFG_OFFSET);
        let hw = HwConfig::decode(hwcfg).ok_or(ProbeError::BadHwcfg { hwcfg })?;
        Ok(Router { io, hw })
    }

    pub fn hw(&self) -> HwConfig {
        self.hw
    }

    /// The register access, for what the driver does not wrap.
    pub fn access(&mut self) -> &mut A {
        &mut self.io
    }

    /// The interface of `cpu` to `stage`; each CPU's code keeps its own.
    pub fn page(&self, cpu: u8, stage: Stage) -> Result<Page<A>, Error>
    where
        A: Clone,
    {
        self.check_cpu(cpu)?;
        Ok(Page::new(self.io.clone(), cpu, stage, self.hw))
    }

    fn check_src(&self, src: u16) -> Result<(), Error> {
        if src < self.hw.nsrc {
            Ok(())
        } else {
            Err(Error::NoSuchSource(src))
        }
    }

    pub(crate) fn check_cpu(&self, cpu: u8) -> Result<(), Error> {
        if cpu < self.hw.ncpu {
            Ok(())
        } else {
            Err(Error::NoSuchCpu(cpu))
        }
    }

    fn src_cfg_offset(src: u16) -> u32 {
        l::GLOBAL_SRC_CFG_OFFSET + src as u32 * l::GLOBAL_SRC_CFG_STRIDE
    }

    pub fn source_config(&mut self, src: u16) -> Result<SourceConfig, Error> {
        self.check_src(src)?;
        Ok(SourceConfig::decode(self.io.read(Self::src_cfg_offset(src))))
    }

    /// Routes source `src`. Refused without touching the bus for an unknown
    /// source or CPU, or for a change involving the oob stage once locked; a
    /// write the router still rejects (another agent locked it in between)
    /// is detected by reading the entry back.
    pub fn configure_source(&mut self, src: u16, cfg: SourceConfig) -> Result<(), Error> {
        self.check_src(src)?;
        self.check_cpu(cfg.cpu)?;
        let off = Self::src_cfg_offset(src);
        if self.is_locked() {
            let old = SourceConfig::decode(self.io.read(off));
            if old.stage == Stage::Oob || cfg.stage == Stage::Oob {
                return Err(Error::Locked);
            }
        }
        let value = cfg.encode();
        self.io.write(off, value);
        if self.io.read(off) != value {
            return Err(Error::Rejected(self.errors()));
        }
        Ok(())
    }

    /// Enables or disables a source, keeping the rest of its routing
    /// (Linux's mask/unmask of a PL interrupt): one write of EN alone.
    pub fn set_enabled(&mut self, src: u16, enabled: bool) -> Result<(), Error> {
        self.update_source(src, SourceUpdate { enabled: Some(enabled), ..SourceUpdate::NONE })
    }

    /// Changes only the fields of `src` that `u` names, in one write that
    /// carries their write-enables (SRC_CFG bits 31:16, spec §8): no read of
    /// the entry, so a field the other side changed meanwhile is not put
    /// back. Refused without touching the bus for an unknown source or CPU,
    /// or for a change involving the oob stage once locked; a write the
    /// router still rejects is detected by reading the entry back.
    pub fn update_source(&mut self, src: u16, u: SourceUpdate) -> Result<(), Error> {
        self.check_src(src)?;
        if let Some(cpu) = u.cpu {
            self.check_cpu(cpu)?;
        }
        let off = Self::src_cfg_offset(src);
        let locked = self.is_locked();
        let old = SourceConfig::decode(self.io.read(off));
        if locked && (old.stage == Stage::Oob || u.stage == Some(Stage::Oob)) {
            return Err(Error::Locked);
        }
        let (value, want) = u.encode(old);
        self.io.write(off, value);
        if self.io.read(off) != want.encode() {
            return Err(Error::Rejected(self.errors()));
        }
        Ok(())
    }

    /// LSB of `vector`'s field in IPI_PRIO_*, checked against NIPI.
    fn ipi_prio_lsb(&self, vector: u8) -> Result<u32, Error> {
        if vector >= self.hw.nipi {
            return Err(Error::NoSuchVector(vector));
        }
        Ok(l::GLOBAL_IPI_PRIO_INB_P_LSB + vector as u32 * l::GLOBAL_IPI_PRIO_INB_P_STRIDE)
    }

    fn ipi_prio_offset(stage: Stage) -> u32 {
        match stage {
            Stage::Inband => l::GLOBAL_IPI_PRIO_INB_OFFSET,
            Stage::Oob => l::GLOBAL_IPI_PRIO_OOB_OFFSET,
        }
    }

    /// Claim priority of IPI `vector` of `stage` (IPIs lose ties to sources):
    /// one IPI_PRIO_SET write, so the other vectors' priorities are never
    /// rewritten (no read-modify-write race with another CPU or Linux).
    pub fn set_ipi_priority(&mut self, stage: Stage, vector: u8, prio: Priority) -> Result<(), Error> {
        self.ipi_prio_lsb(vector)?;
        if stage == Stage::Oob && self.is_locked() {
            return Err(Error::Locked);
        }
        self.io.write(
            l::GLOBAL_IPI_PRIO_SET_OFFSET,
            (prio.get() as u32) << l::GLOBAL_IPI_PRIO_SET_PRIO_LSB
                | (vector as u32) << l::GLOBAL_IPI_PRIO_SET_VECTOR_LSB
                | stage.bits() << l::GLOBAL_IPI_PRIO_SET_STAGE_LSB,
        );
        if self.ipi_priority(stage, vector)? != prio {
            return Err(Error::Rejected(self.errors()));
        }
        Ok(())
    }

    /// Oob IPI vectors Linux (Non-secure masters) may send, bit v for vector
    /// v (IPI_OOB_NS, spec §8); the others it sends are refused. The oob side
    /// sets this before LOCK, which freezes it.
    pub fn allow_ns_oob_ipis(&mut self, vectors: u16) -> Result<(), Error> {
        let v = vectors as u32;
        if v >> self.hw.nipi != 0 {
            return Err(Error::NoSuchVector((16 - vectors.leading_zeros() - 1) as u8));
        }
        if self.is_locked() {
            return Err(Error::Locked);
        }
        self.io.write(l::GLOBAL_IPI_OOB_NS_OFFSET, v);
        if self.ns_oob_ipis() != vectors {
            return Err(Error::Rejected(self.errors()));
        }
        Ok(())
    }

    /// The oob IPI vectors Non-secure masters may send (IPI_OOB_NS).
    pub fn ns_oob_ipis(&mut self) -> u16 {
        self.io.read(l::GLOBAL_IPI_OOB_NS_OFFSET) as u16
    }

    /// Whether this agent's accesses reach the router as Secure transactions
    /// (GLOBAL.STATUS.SECURE: the oob core's must, Linux's must not).
    pub fn is_secure(&mut self) -> bool {
        self.io.read(l::GLOBAL_STATUS_OFFSET) >> l::GLOBAL_STATUS_SECURE_LSB & 1 != 0
    }

    pub fn ipi_priority(&mut self, stage: Stage, vector: u8) -> Result<Priority, Error> {
        let lsb = self.ipi_prio_lsb(vector)?;
        let p = (self.io.read(Self::ipi_prio_offset(stage)) >> lsb) & 3;
        Ok(Priority::new(p as u8).expect("2-bit field"))
    }

    /// Freezes oob routing until reset (the oob core does this once its
    /// sources are set up, before Linux runs).
    pub fn lock(&mut self) -> Result<(), Error> {
        self.io.write(l::GLOBAL_LOCK_OFFSET, l::GLOBAL_LOCK_KEY_KEY);
        if self.is_locked() {
            Ok(())
        } else {
            Err(Error::Rejected(self.errors()))
        }
    }

    pub fn is_locked(&mut self) -> bool {
        self.io.read(l::GLOBAL_STATUS_OFFSET) >> l::GLOBAL_STATUS_LOCKED_LSB & 1 != 0
    }

    /// The sticky error flags (shared by every agent on the bus).
    pub fn errors(&mut self) -> ErrFlags {
        ErrFlags(self.io.read(l::GLOBAL_ERR_OFFSET))
    }

    /// Clears the given flags (write 1 to clear); others stay. DENIED only
    /// clears from the Secure side.
    pub fn clear_errors(&mut self, flags: ErrFlags) {
        self.io.write(l::GLOBAL_ERR_OFFSET, flags.0);
    }

    /// The 64-bit cycle counter. CYCLE_HI is a shadow latched by the
    /// CYCLE_LO read, shared by all CPUs: callers on several CPUs must not
    /// interleave their pairs of reads (the oob core reads it from one CPU).
    pub fn cycles(&mut self) -> u64 {
        let lo = self.io.read(l::GLOBAL_CYCLE_LO_OFFSET);
        let hi = self.io.read(l::GLOBAL_CYCLE_HI_OFFSET);
        (hi as u64) << 32 | lo as u64
    }

    fn per_source_word(&mut self, base: u32, src: u16) -> Result<bool, Error> {
        self.check_src(src)?;
        let w = self.io.read(base + (src as u32 / 32) * 4);
        Ok(w >> (src % 32) & 1 != 0)
    }

    /// Whether the source is logged and not yet claimed.
    pub fn is_pending(&mut self, src: u16) -> Result<bool, Error> {
        self.per_source_word(l::GLOBAL_SRC_PEND_OFFSET, src)
    }

    /// Whether the source is claimed and not yet completed.
    pub fn is_active(&mut self, src: u16) -> Result<bool, Error> {
        self.per_source_word(l::GLOBAL_SRC_ACTIVE_OFFSET, src)
    }

    /// The source's input level as the router samples it.
    pub fn raw_level(&mut self, src: u16) -> Result<bool, Error> {
        self.per_source_word(l::GLOBAL_SRC_RAW_OFFSET, src)
    }

    /// Events coalesced on an edge source while it was pending (saturates at
    /// 255, or 1 when the instance keeps sticky bits: [`HwConfig::ovrw`]).
    pub fn overruns(&mut self, src: u16) -> Result<u8, Error> {
        self.check_src(src)?;
        let w = self.io.read(l::GLOBAL_OVERRUN_OFFSET + (src as u32 / 4) * l::GLOBAL_OVERRUN_STRIDE);
        Ok((w >> ((src as u32 % 4) * l::GLOBAL_OVERRUN_CNT_STRIDE)) as u8)
    }

    /// Clears the overrun counter of `src` alone (OVERRUN_CLR).
    pub fn clear_overruns(&mut self, src: u16) -> Result<(), Error> {
        self.check_src(src)?;
        self.io.write(
            l::GLOBAL_OVERRUN_CLR_OFFSET + (src as u32 / 32) * l::GLOBAL_OVERRUN_CLR_STRIDE,
            1 << (src % 32),
        );
        Ok(())
    }
}
