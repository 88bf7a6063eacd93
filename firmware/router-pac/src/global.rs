// GENERATED FILE - DO NOT EDIT. Generated from hdl/regmap/irq_router.svd by svd2rust
// (the version in Cargo.lock) through `cargo run -p regmap-gen`; change the SVD
// and regenerate.

#[repr(C)]
///Register block
pub struct RegisterBlock {
    id: Id,
    version: Version,
    hwcfg: Hwcfg,
    lock: Lock,
    err: Err,
    status: Status,
    cycle_lo: CycleLo,
    cycle_hi: CycleHi,
    ipi_prio_inb: IpiPrioInb,
    ipi_prio_oob: IpiPrioOob,
    ipi_prio_set: IpiPrioSet,
    ipi_oob_ns: IpiOobNs,
    _reserved12: [u8; 0x10],
    src_raw: [SrcRaw; 4],
    src_pend: [SrcPend; 4],
    src_active: [SrcActive; 4],
    overrun_clr: [OverrunClr; 4],
    _reserved16: [u8; 0x80],
    src_cfg: [SrcCfg; 128],
    overrun: [Overrun; 32],
}
impl RegisterBlock {
    ///0x00 - Identification word that reads as the ASCII characters "IRQR", so software can check that a router answers at this address.
    #[inline(always)]
    pub const fn id(&self) -> &Id {
        &self.id
    }
    ///0x04 - Version of this register interface.
    #[inline(always)]
    pub const fn version(&self) -> &Version {
        &self.version
    }
    ///0x08 - Synthesis parameters of this router instance; its real value depends on the NSRC, NCPU, NIPI, TSW, STATS and OVRW parameters, so the reset value given here (0) is only a placeholder.
    #[inline(always)]
    pub const fn hwcfg(&self) -> &Hwcfg {
        &self.hwcfg
    }
    ///0x0c - Write-once lock: writing the key freezes the oob configuration (oob SRC_CFG entries, oob IPI priorities and IPI_OOB_NS) until reset, any other value sets ERR.BAD_KEY while unlocked, and writes after locking are ignored; Non-secure writes are refused (ERR.DENIED).
    #[inline(always)]
    pub const fn lock(&self) -> &Lock {
        &self.lock
    }
    ///0x10 - Sticky error flags, each set when the router rejects or ignores a write by a rule of the specification; writing 1 to a flag clears it, and a flag set at the same edge wins over the clear.
    #[inline(always)]
    pub const fn err(&self) -> &Err {
        &self.err
    }
    ///0x14 - Global status of the router.
    #[inline(always)]
    pub const fn status(&self) -> &Status {
        &self.status
    }
    ///0x18 - Low half of the free-running 64-bit cycle counter; reading it also copies the high half into the reading world's shadow that CYCLE_HI returns.
    #[inline(always)]
    pub const fn cycle_lo(&self) -> &CycleLo {
        &self.cycle_lo
    }
    ///0x1c - High half of the cycle counter as latched by the last CYCLE_LO read of the same TrustZone world (the shadow is banked by AxPROT\[1\]), so that reading LO then HI gives one consistent 64-bit sample.
    #[inline(always)]
    pub const fn cycle_hi(&self) -> &CycleHi {
        &self.cycle_hi
    }
    ///0x20 - Claim priority of each in-band IPI vector, two bits per vector; fields of vectors at or beyond NIPI read as zero.
    #[inline(always)]
    pub const fn ipi_prio_inb(&self) -> &IpiPrioInb {
        &self.ipi_prio_inb
    }
    ///0x24 - Claim priority of each oob IPI vector, two bits per vector; writes are rejected with ERR.LOCKED once the lock is set, and Non-secure writes with ERR.DENIED.
    #[inline(always)]
    pub const fn ipi_prio_oob(&self) -> &IpiPrioOob {
        &self.ipi_prio_oob
    }
    ///0x28 - Sets the claim priority of one IPI vector of one stage without touching the others (no read-modify-write); VECTOR at or beyond NIPI (ERR.BAD_VECTOR), STAGE oob while locked (ERR.LOCKED) or from a Non-secure master (ERR.DENIED) rejects the write.
    #[inline(always)]
    pub const fn ipi_prio_set(&self) -> &IpiPrioSet {
        &self.ipi_prio_set
    }
    ///0x2c - Oob IPI vectors that Non-secure masters (Linux) may send with IPI_SEND; an oob IPI of any other vector from a Non-secure master is refused with ERR.DENIED. Written only by Secure masters (ERR.DENIED otherwise), frozen by LOCK (ERR.LOCKED).
    #[inline(always)]
    pub const fn ipi_oob_ns(&self) -> &IpiOobNs {
        &self.ipi_oob_ns
    }
    ///0x40..0x50 - Input levels of sources 32n to 32n+31, n being the array index; words wholly at or beyond NSRC answer SLVERR and bits of sources at or beyond NSRC read as zero.
    #[inline(always)]
    pub const fn src_raw(&self, n: usize) -> &SrcRaw {
        &self.src_raw[n]
    }
    ///Iterator for array of:
    ///0x40..0x50 - Input levels of sources 32n to 32n+31, n being the array index; words wholly at or beyond NSRC answer SLVERR and bits of sources at or beyond NSRC read as zero.
    #[inline(always)]
    pub fn src_raw_iter(&self) -> impl Iterator<Item = &SrcRaw> {
        self.src_raw.iter()
    }
    ///0x50..0x60 - Pending (logged, not yet claimed) bits of sources 32n to 32n+31, n being the array index, whatever their routing and enable.
    #[inline(always)]
    pub const fn src_pend(&self, n: usize) -> &SrcPend {
        &self.src_pend[n]
    }
    ///Iterator for array of:
    ///0x50..0x60 - Pending (logged, not yet claimed) bits of sources 32n to 32n+31, n being the array index, whatever their routing and enable.
    #[inline(always)]
    pub fn src_pend_iter(&self) -> impl Iterator<Item = &SrcPend> {
        self.src_pend.iter()
    }
    ///0x60..0x70 - Active (claimed and not yet completed) bits of sources 32n to 32n+31, n being the array index.
    #[inline(always)]
    pub const fn src_active(&self, n: usize) -> &SrcActive {
        &self.src_active[n]
    }
    ///Iterator for array of:
    ///0x60..0x70 - Active (claimed and not yet completed) bits of sources 32n to 32n+31, n being the array index.
    #[inline(always)]
    pub fn src_active_iter(&self) -> impl Iterator<Item = &SrcActive> {
        self.src_active.iter()
    }
    ///0x70..0x80 - Clears overrun counters of sources 32n to 32n+31, n being the array index, without touching the others; words wholly at or beyond NSRC answer SLVERR, and a Non-secure write with a 1 in the bit of an oob source is refused whole (ERR.DENIED).
    #[inline(always)]
    pub const fn overrun_clr(&self, n: usize) -> &OverrunClr {
        &self.overrun_clr[n]
    }
    ///Iterator for array of:
    ///0x70..0x80 - Clears overrun counters of sources 32n to 32n+31, n being the array index, without touching the others; words wholly at or beyond NSRC answer SLVERR, and a Non-secure write with a 1 in the bit of an oob source is refused whole (ERR.DENIED).
    #[inline(always)]
    pub fn overrun_clr_iter(&self) -> impl Iterator<Item = &OverrunClr> {
        self.overrun_clr.iter()
    }
    ///0x100..0x300 - Routing and trigger configuration of source n, n being the array index; entries at or beyond NSRC answer SLVERR. A write changes the fields whose WE bit is set, or every field when bits 31:16 are all zero, so no read-modify-write is needed; a write naming a CPU at or beyond NCPU (ERR.BAD_CPU), touching an oob source while locked (ERR.LOCKED) or touching an oob source from a Non-secure master (ERR.DENIED) is rejected whole.
    #[inline(always)]
    pub const fn src_cfg(&self, n: usize) -> &SrcCfg {
        &self.src_cfg[n]
    }
    ///Iterator for array of:
    ///0x100..0x300 - Routing and trigger configuration of source n, n being the array index; entries at or beyond NSRC answer SLVERR. A write changes the fields whose WE bit is set, or every field when bits 31:16 are all zero, so no read-modify-write is needed; a write naming a CPU at or beyond NCPU (ERR.BAD_CPU), touching an oob source while locked (ERR.LOCKED) or touching an oob source from a Non-secure master (ERR.DENIED) is rejected whole.
    #[inline(always)]
    pub fn src_cfg_iter(&self) -> impl Iterator<Item = &SrcCfg> {
        self.src_cfg.iter()
    }
    ///0x300..0x380 - Overrun counters of sources 4n to 4n+3, n being the array index, one byte each; cleared through OVERRUN_CLR.
    #[inline(always)]
    pub const fn overrun(&self, n: usize) -> &Overrun {
        &self.overrun[n]
    }
    ///Iterator for array of:
    ///0x300..0x380 - Overrun counters of sources 4n to 4n+3, n being the array index, one byte each; cleared through OVERRUN_CLR.
    #[inline(always)]
    pub fn overrun_iter(&self) -> impl Iterator<Item = &Overrun> {
        self.overrun.iter()
    }
}
///ID (r) register accessor: Identification word that reads as the ASCII characters "IRQR", so software can check that a router answers at this address.
///
///You can [`read`](crate::Reg::read) this register and get [`id::R`]. See [API](https://docs.rs/svd2rust/#read--modify--write-api).
///
///For information about available fields see [`mod@id`] module
#[doc(alias = "ID")]
pub type Id = crate::Reg<id::IdSpec>;
///Identification word that reads as the ASCII characters "IRQR", so software can check that a router answers at this address.
pub mod id {
    ///Register `ID` reader
    pub type R = crate::R<IdSpec>;
    ///Field `VALUE` reader - Constant 0x49525152 ("IRQR").
    pub type ValueR = crate::FieldReader<u32>;
    impl R {
        ///Bits 0:31 - Constant 0x49525152 ("IRQR").
        #[inline(always)]
        pub fn value(&self) -> ValueR {
            ValueR::new(self.bits)
        }
    }
    ///Identification word that reads as the ASCII characters "IRQR", so software can check that a router answers at this address.
    ///
    ///You can [`read`](crate::Reg::read) this register and get [`id::R`](R). See [API](https://docs.rs/svd2rust/#read--modify--write-api).
    pub struct IdSpec;
    impl crate::RegisterSpec for IdSpec {
        type Ux = u32;
    }
    ///`read()` method returns [`id::R`](R) reader structure
    impl crate::Readable for IdSpec {}
    ///`reset()` method sets ID to value 0x4952_5152
    impl crate::Resettable for IdSpec {
        const RESET_VALUE: u32 = 0x4952_5152;
    }
}
///VERSION (r) register accessor: Version of this register interface.
///
///You can [`read`](crate::Reg::read) this register and get [`version::R`]. See [API](https://docs.rs/svd2rust/#read--modify--write-api).
///
///For information about available fields see [`mod@version`] module
#[doc(alias = "VERSION")]
pub type Version = crate::Reg<version::VersionSpec>;
///Version of this register interface.
pub mod version {
    ///Register `VERSION` reader
    pub type R = crate::R<VersionSpec>;
    ///Field `MINOR` reader - Minor version, raised for backward-compatible additions to the register map.
    pub type MinorR = crate::FieldReader<u16>;
    ///Field `MAJOR` reader - Major version, raised when a register or field changes incompatibly.
    pub type MajorR = crate::FieldReader<u16>;
    impl R {
        ///Bits 0:15 - Minor version, raised for backward-compatible additions to the register map.
        #[inline(always)]
        pub fn minor(&self) -> MinorR {
            MinorR::new((self.bits & 0xffff) as u16)
        }
        ///Bits 16:31 - Major version, raised when a register or field changes incompatibly.
        #[inline(always)]
        pub fn major(&self) -> MajorR {
            MajorR::new(((self.bits >> 16) & 0xffff) as u16)
        }
    }
    ///Version of this register interface.
    ///
    ///You can [`read`](crate::Reg::read) this register and get [`version::R`](R). See [API](https://docs.rs/svd2rust/#read--modify--write-api).
    pub struct VersionSpec;
    impl crate::RegisterSpec for VersionSpec {
        type Ux = u32;
    }
    ///`read()` method returns [`version::R`](R) reader structure
    impl crate::Readable for VersionSpec {}
    ///`reset()` method sets VERSION to value 0x0001_0001
    impl crate::Resettable for VersionSpec {
        const RESET_VALUE: u32 = 0x0001_0001;
    }
}
///HWCFG (r) register accessor: Synthesis parameters of this router instance; its real value depends on the NSRC, NCPU, NIPI, TSW, STATS and OVRW parameters, so the reset value given here (0) is only a placeholder.
///
///You can [`read`](crate::Reg::read) this register and get [`hwcfg::R`]. See [API](https://docs.rs/svd2rust/#read--modify--write-api).
///
///For information about available fields see [`mod@hwcfg`] module
#[doc(alias = "HWCFG")]
pub type Hwcfg = crate::Reg<hwcfg::HwcfgSpec>;
///Synthesis parameters of this router instance; its real value depends on the NSRC, NCPU, NIPI, TSW, STATS and OVRW parameters, so the reset value given here (0) is only a placeholder.
pub mod hwcfg {
    ///Register `HWCFG` reader
    pub type R = crate::R<HwcfgSpec>;
    ///Field `NSRC` reader - Number of external interrupt sources (parameter NSRC, 8 to 128).
    pub type NsrcR = crate::FieldReader;
    ///Field `NCPU` reader - Number of CPUs served, each with an in-band and an oob page (parameter NCPU, 1 to 8).
    pub type NcpuR = crate::FieldReader;
    ///Field `NIPI` reader - Number of IPI vectors per stage (parameter NIPI, 1 to 16).
    pub type NipiR = crate::FieldReader;
    ///Field `TSW` reader - Width in bits of timestamps and latency values (parameter TSW, 8 to 32).
    pub type TswR = crate::FieldReader;
    ///Field `STATS` reader - 1 if the instance keeps latency statistics (parameter STATS): per-source timestamps, LAT_LAST, LAT_MAX and HIST; 0 if those registers read zero.
    pub type StatsR = crate::BitReader;
    ///Field `OVRW` reader - Width of the overrun counters (parameter OVRW): 8 for saturating 8-bit counters, 1 for sticky bits.
    pub type OvrwR = crate::FieldReader;
    impl R {
        ///Bits 0:7 - Number of external interrupt sources (parameter NSRC, 8 to 128).
        #[inline(always)]
        pub fn nsrc(&self) -> NsrcR {
            NsrcR::new((self.bits & 0xff) as u8)
        }
        ///Bits 8:11 - Number of CPUs served, each with an in-band and an oob page (parameter NCPU, 1 to 8).
        #[inline(always)]
        pub fn ncpu(&self) -> NcpuR {
            NcpuR::new(((self.bits >> 8) & 0x0f) as u8)
        }
        ///Bits 12:16 - Number of IPI vectors per stage (parameter NIPI, 1 to 16).
        #[inline(always)]
        pub fn nipi(&self) -> NipiR {
            NipiR::new(((self.bits >> 12) & 0x1f) as u8)
        }
        ///Bits 17:22 - Width in bits of timestamps and latency values (parameter TSW, 8 to 32).
        #[inline(always)]
        pub fn tsw(&self) -> TswR {
            TswR::new(((self.bits >> 17) & 0x3f) as u8)
        }
        ///Bit 23 - 1 if the instance keeps latency statistics (parameter STATS): per-source timestamps, LAT_LAST, LAT_MAX and HIST; 0 if those registers read zero.
        #[inline(always)]
        pub fn stats(&self) -> StatsR {
            StatsR::new(((self.bits >> 23) & 1) != 0)
        }
        ///Bits 24:27 - Width of the overrun counters (parameter OVRW): 8 for saturating 8-bit counters, 1 for sticky bits.
        #[inline(always)]
        pub fn ovrw(&self) -> OvrwR {
            OvrwR::new(((self.bits >> 24) & 0x0f) as u8)
        }
    }
    ///Synthesis parameters of this router instance; its real value depends on the NSRC, NCPU, NIPI, TSW, STATS and OVRW parameters, so the reset value given here (0) is only a placeholder.
    ///
    ///You can [`read`](crate::Reg::read) this register and get [`hwcfg::R`](R). See [API](https://docs.rs/svd2rust/#read--modify--write-api).
    pub struct HwcfgSpec;
    impl crate::RegisterSpec for HwcfgSpec {
        type Ux = u32;
    }
    ///`read()` method returns [`hwcfg::R`](R) reader structure
    impl crate::Readable for HwcfgSpec {}
    ///`reset()` method sets HWCFG to value 0
    impl crate::Resettable for HwcfgSpec {}
}
///LOCK (w) register accessor: Write-once lock: writing the key freezes the oob configuration (oob SRC_CFG entries, oob IPI priorities and IPI_OOB_NS) until reset, any other value sets ERR.BAD_KEY while unlocked, and writes after locking are ignored; Non-secure writes are refused (ERR.DENIED).
///
///You can [`reset`](crate::Reg::reset), [`write`](crate::Reg::write), [`write_with_zero`](crate::Reg::write_with_zero) this register using [`lock::W`]. See [API](https://docs.rs/svd2rust/#read--modify--write-api).
///
///For information about available fields see [`mod@lock`] module
#[doc(alias = "LOCK")]
pub type Lock = crate::Reg<lock::LockSpec>;
///Write-once lock: writing the key freezes the oob configuration (oob SRC_CFG entries, oob IPI priorities and IPI_OOB_NS) until reset, any other value sets ERR.BAD_KEY while unlocked, and writes after locking are ignored; Non-secure writes are refused (ERR.DENIED).
pub mod lock {
    ///Register `LOCK` writer
    pub type W = crate::W<LockSpec>;
    ///Lock key; only the value 0x4C4F434B ("LOCK") sets the lock.
    ///
    ///Value on reset: 0
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    #[repr(u32)]
    pub enum LockKey {
        ///1280262987: The ASCII characters "LOCK", which set the lock.
        Key = 1280262987,
    }
    impl From<LockKey> for u32 {
        #[inline(always)]
        fn from(variant: LockKey) -> Self {
            variant as _
        }
    }
    impl crate::FieldSpec for LockKey {
        type Ux = u32;
    }
    impl crate::IsEnum for LockKey {}
    ///Field `KEY` writer - Lock key; only the value 0x4C4F434B ("LOCK") sets the lock.
    pub type KeyW<'a, REG> = crate::FieldWriter<'a, REG, 32, LockKey, crate::Safe>;
    impl<'a, REG> KeyW<'a, REG>
    where
        REG: crate::Writable + crate::RegisterSpec,
        REG::Ux: From<u32>,
    {
        ///The ASCII characters "LOCK", which set the lock.
        #[inline(always)]
        pub fn key(self) -> &'a mut crate::W<REG> {
            self.variant(LockKey::Key)
        }
    }
    impl W {
        ///Bits 0:31 - Lock key; only the value 0x4C4F434B ("LOCK") sets the lock.
        #[inline(always)]
        pub fn key(&mut self) -> KeyW<'_, LockSpec> {
            KeyW::new(self, 0)
        }
    }
    ///Write-once lock: writing the key freezes the oob configuration (oob SRC_CFG entries, oob IPI priorities and IPI_OOB_NS) until reset, any other value sets ERR.BAD_KEY while unlocked, and writes after locking are ignored; Non-secure writes are refused (ERR.DENIED).
    ///
    ///You can [`reset`](crate::Reg::reset), [`write`](crate::Reg::write), [`write_with_zero`](crate::Reg::write_with_zero) this register using [`lock::W`](W). See [API](https://docs.rs/svd2rust/#read--modify--write-api).
    pub struct LockSpec;
    impl crate::RegisterSpec for LockSpec {
        type Ux = u32;
    }
    ///`write(|w| ..)` method takes [`lock::W`](W) writer structure
    impl crate::Writable for LockSpec {
        type Safety = crate::Safe;
    }
    ///`reset()` method sets LOCK to value 0
    impl crate::Resettable for LockSpec {}
}
///ERR (rw) register accessor: Sticky error flags, each set when the router rejects or ignores a write by a rule of the specification; writing 1 to a flag clears it, and a flag set at the same edge wins over the clear.
///
///You can [`read`](crate::Reg::read) this register and get [`err::R`]. You can [`reset`](crate::Reg::reset), [`write`](crate::Reg::write), [`write_with_zero`](crate::Reg::write_with_zero) this register using [`err::W`]. You can also [`modify`](crate::Reg::modify) this register. See [API](https://docs.rs/svd2rust/#read--modify--write-api).
///
///For information about available fields see [`mod@err`] module
#[doc(alias = "ERR")]
pub type Err = crate::Reg<err::ErrSpec>;
///Sticky error flags, each set when the router rejects or ignores a write by a rule of the specification; writing 1 to a flag clears it, and a flag set at the same edge wins over the clear.
pub mod err {
    ///Register `ERR` reader
    pub type R = crate::R<ErrSpec>;
    ///Register `ERR` writer
    pub type W = crate::W<ErrSpec>;
    ///Field `BAD_CPU` reader - A SRC_CFG or IPI_SEND write named a CPU at or beyond NCPU and was rejected.
    pub type BadCpuR = crate::BitReader;
    ///Field `BAD_CPU` writer - A SRC_CFG or IPI_SEND write named a CPU at or beyond NCPU and was rejected.
    pub type BadCpuW<'a, REG> = crate::BitWriter1C<'a, REG>;
    ///Field `BAD_VECTOR` reader - An IPI_SEND write named a vector at or beyond NIPI and was rejected.
    pub type BadVectorR = crate::BitReader;
    ///Field `BAD_VECTOR` writer - An IPI_SEND write named a vector at or beyond NIPI and was rejected.
    pub type BadVectorW<'a, REG> = crate::BitWriter1C<'a, REG>;
    ///Field `LOCKED` reader - A write that would change the oob configuration (a SRC_CFG entry whose current or new stage is oob, an oob IPI priority or IPI_OOB_NS) was rejected because the lock is set.
    pub type LockedR = crate::BitReader;
    ///Field `LOCKED` writer - A write that would change the oob configuration (a SRC_CFG entry whose current or new stage is oob, an oob IPI priority or IPI_OOB_NS) was rejected because the lock is set.
    pub type LockedW<'a, REG> = crate::BitWriter1C<'a, REG>;
    ///Field `BAD_COMPLETE` reader - A COMPLETE write named an ID that is not an active source routed to that page and was ignored.
    pub type BadCompleteR = crate::BitReader;
    ///Field `BAD_COMPLETE` writer - A COMPLETE write named an ID that is not an active source routed to that page and was ignored.
    pub type BadCompleteW<'a, REG> = crate::BitWriter1C<'a, REG>;
    ///Field `BAD_KEY` reader - A LOCK write carried a value other than the key while unlocked and was ignored.
    pub type BadKeyR = crate::BitReader;
    ///Field `BAD_KEY` writer - A LOCK write carried a value other than the key while unlocked and was ignored.
    pub type BadKeyW<'a, REG> = crate::BitWriter1C<'a, REG>;
    ///Field `DENIED` reader - A Non-secure write (AxPROT\[1\] = 1) that would have changed oob state was refused; only a Secure write of 1 clears this flag.
    pub type DeniedR = crate::BitReader;
    ///Field `DENIED` writer - A Non-secure write (AxPROT\[1\] = 1) that would have changed oob state was refused; only a Secure write of 1 clears this flag.
    pub type DeniedW<'a, REG> = crate::BitWriter1C<'a, REG>;
    impl R {
        ///Bit 0 - A SRC_CFG or IPI_SEND write named a CPU at or beyond NCPU and was rejected.
        #[inline(always)]
        pub fn bad_cpu(&self) -> BadCpuR {
            BadCpuR::new((self.bits & 1) != 0)
        }
        ///Bit 1 - An IPI_SEND write named a vector at or beyond NIPI and was rejected.
        #[inline(always)]
        pub fn bad_vector(&self) -> BadVectorR {
            BadVectorR::new(((self.bits >> 1) & 1) != 0)
        }
        ///Bit 2 - A write that would change the oob configuration (a SRC_CFG entry whose current or new stage is oob, an oob IPI priority or IPI_OOB_NS) was rejected because the lock is set.
        #[inline(always)]
        pub fn locked(&self) -> LockedR {
            LockedR::new(((self.bits >> 2) & 1) != 0)
        }
        ///Bit 3 - A COMPLETE write named an ID that is not an active source routed to that page and was ignored.
        #[inline(always)]
        pub fn bad_complete(&self) -> BadCompleteR {
            BadCompleteR::new(((self.bits >> 3) & 1) != 0)
        }
        ///Bit 4 - A LOCK write carried a value other than the key while unlocked and was ignored.
        #[inline(always)]
        pub fn bad_key(&self) -> BadKeyR {
            BadKeyR::new(((self.bits >> 4) & 1) != 0)
        }
        ///Bit 5 - A Non-secure write (AxPROT\[1\] = 1) that would have changed oob state was refused; only a Secure write of 1 clears this flag.
        #[inline(always)]
        pub fn denied(&self) -> DeniedR {
            DeniedR::new(((self.bits >> 5) & 1) != 0)
        }
    }
    impl W {
        ///Bit 0 - A SRC_CFG or IPI_SEND write named a CPU at or beyond NCPU and was rejected.
        #[inline(always)]
        pub fn bad_cpu(&mut self) -> BadCpuW<'_, ErrSpec> {
            BadCpuW::new(self, 0)
        }
        ///Bit 1 - An IPI_SEND write named a vector at or beyond NIPI and was rejected.
        #[inline(always)]
        pub fn bad_vector(&mut self) -> BadVectorW<'_, ErrSpec> {
            BadVectorW::new(self, 1)
        }
        ///Bit 2 - A write that would change the oob configuration (a SRC_CFG entry whose current or new stage is oob, an oob IPI priority or IPI_OOB_NS) was rejected because the lock is set.
        #[inline(always)]
        pub fn locked(&mut self) -> LockedW<'_, ErrSpec> {
            LockedW::new(self, 2)
        }
        ///Bit 3 - A COMPLETE write named an ID that is not an active source routed to that page and was ignored.
        #[inline(always)]
        pub fn bad_complete(&mut self) -> BadCompleteW<'_, ErrSpec> {
            BadCompleteW::new(self, 3)
        }
        ///Bit 4 - A LOCK write carried a value other than the key while unlocked and was ignored.
        #[inline(always)]
        pub fn bad_key(&mut self) -> BadKeyW<'_, ErrSpec> {
            BadKeyW::new(self, 4)
        }
        ///Bit 5 - A Non-secure write (AxPROT\[1\] = 1) that would have changed oob state was refused; only a Secure write of 1 clears this flag.
        #[inline(always)]
        pub fn denied(&mut self) -> DeniedW<'_, ErrSpec> {
            DeniedW::new(self, 5)
        }
    }
    ///Sticky error flags, each set when the router rejects or ignores a write by a rule of the specification; writing 1 to a flag clears it, and a flag set at the same edge wins over the clear.
    ///
    ///You can [`read`](crate::Reg::read) this register and get [`err::R`](R). You can [`reset`](crate::Reg::reset), [`write`](crate::Reg::write), [`write_with_zero`](crate::Reg::write_with_zero) this register using [`err::W`](W). You can also [`modify`](crate::Reg::modify) this register. See [API](https://docs.rs/svd2rust/#read--modify--write-api).
    pub struct ErrSpec;
    impl crate::RegisterSpec for ErrSpec {
        type Ux = u32;
    }
    ///`read()` method returns [`err::R`](R) reader structure
    impl crate::Readable for ErrSpec {}
    ///`write(|w| ..)` method takes [`err::W`](W) writer structure
    impl crate::Writable for ErrSpec {
        type Safety = crate::Unsafe;
        const ONE_TO_MODIFY_FIELDS_BITMAP: u32 = 0x3f;
    }
    ///`reset()` method sets ERR to value 0
    impl crate::Resettable for ErrSpec {}
}
///STATUS (r) register accessor: Global status of the router.
///
///You can [`read`](crate::Reg::read) this register and get [`status::R`]. See [API](https://docs.rs/svd2rust/#read--modify--write-api).
///
///For information about available fields see [`mod@status`] module
#[doc(alias = "STATUS")]
pub type Status = crate::Reg<status::StatusSpec>;
///Global status of the router.
pub mod status {
    ///Register `STATUS` reader
    pub type R = crate::R<StatusSpec>;
    ///Field `LOCKED` reader - Reads 1 once the key has been written to LOCK, and stays 1 until reset.
    pub type LockedR = crate::BitReader;
    ///Field `SECURE` reader - Reads 1 when this read is a Secure transaction (AxPROT\[1\] = 0), 0 when it is Non-secure.
    pub type SecureR = crate::BitReader;
    impl R {
        ///Bit 0 - Reads 1 once the key has been written to LOCK, and stays 1 until reset.
        #[inline(always)]
        pub fn locked(&self) -> LockedR {
            LockedR::new((self.bits & 1) != 0)
        }
        ///Bit 1 - Reads 1 when this read is a Secure transaction (AxPROT\[1\] = 0), 0 when it is Non-secure.
        #[inline(always)]
        pub fn secure(&self) -> SecureR {
            SecureR::new(((self.bits >> 1) & 1) != 0)
        }
    }
    ///Global status of the router.
    ///
    ///You can [`read`](crate::Reg::read) this register and get [`status::R`](R). See [API](https://docs.rs/svd2rust/#read--modify--write-api).
    pub struct StatusSpec;
    impl crate::RegisterSpec for StatusSpec {
        type Ux = u32;
    }
    ///`read()` method returns [`status::R`](R) reader structure
    impl crate::Readable for StatusSpec {}
    ///`reset()` method sets STATUS to value 0
    impl crate::Resettable for StatusSpec {}
}
///CYCLE_LO (r) register accessor: Low half of the free-running 64-bit cycle counter; reading it also copies the high half into the reading world's shadow that CYCLE_HI returns.
///
///You can [`read`](crate::Reg::read) this register and get [`cycle_lo::R`]. See [API](https://docs.rs/svd2rust/#read--modify--write-api).
///
///<div class="warning">The register is <b>modified</b> in some way after a read operation.</div>
///
///For information about available fields see [`mod@cycle_lo`] module
#[doc(alias = "CYCLE_LO")]
pub type CycleLo = crate::Reg<cycle_lo::CycleLoSpec>;
///Low half of the free-running 64-bit cycle counter; reading it also copies the high half into the reading world's shadow that CYCLE_HI returns.
pub mod cycle_lo {
    ///Register `CYCLE_LO` reader
    pub type R = crate::R<CycleLoSpec>;
    ///Field `VALUE` reader - Bits 31:0 of the cycle counter at the read.
    pub type ValueR = crate::FieldReader<u32>;
    impl R {
        ///Bits 0:31 - Bits 31:0 of the cycle counter at the read.
        #[inline(always)]
        pub fn value(&self) -> ValueR {
            ValueR::new(self.bits)
        }
    }
    ///Low half of the free-running 64-bit cycle counter; reading it also copies the high half into the reading world's shadow that CYCLE_HI returns.
    ///
    ///You can [`read`](crate::Reg::read) this register and get [`cycle_lo::R`](R). See [API](https://docs.rs/svd2rust/#read--modify--write-api).
    ///
    ///<div class="warning">The register is <b>modified</b> in some way after a read operation.</div>
    pub struct CycleLoSpec;
    impl crate::RegisterSpec for CycleLoSpec {
        type Ux = u32;
    }
    ///`read()` method returns [`cycle_lo::R`](R) reader structure
    impl crate::Readable for CycleLoSpec {}
    ///`reset()` method sets CYCLE_LO to value 0
    impl crate::Resettable for CycleLoSpec {}
}
///CYCLE_HI (r) register accessor: High half of the cycle counter as latched by the last CYCLE_LO read of the same TrustZone world (the shadow is banked by AxPROT\[1\]), so that reading LO then HI gives one consistent 64-bit sample.
///
///You can [`read`](crate::Reg::read) this register and get [`cycle_hi::R`]. See [API](https://docs.rs/svd2rust/#read--modify--write-api).
///
///For information about available fields see [`mod@cycle_hi`] module
#[doc(alias = "CYCLE_HI")]
pub type CycleHi = crate::Reg<cycle_hi::CycleHiSpec>;
///High half of the cycle counter as latched by the last CYCLE_LO read of the same TrustZone world (the shadow is banked by AxPROT\[1\]), so that reading LO then HI gives one consistent 64-bit sample.
pub mod cycle_hi {
    ///Register `CYCLE_HI` reader
    pub type R = crate::R<CycleHiSpec>;
    ///Field `VALUE` reader - Bits 63:32 of the cycle counter at the last CYCLE_LO read of this world.
    pub type ValueR = crate::FieldReader<u32>;
    impl R {
        ///Bits 0:31 - Bits 63:32 of the cycle counter at the last CYCLE_LO read of this world.
        #[inline(always)]
        pub fn value(&self) -> ValueR {
            ValueR::new(self.bits)
        }
    }
    ///High half of the cycle counter as latched by the last CYCLE_LO read of the same TrustZone world (the shadow is banked by AxPROT\[1\]), so that reading LO then HI gives one consistent 64-bit sample.
    ///
    ///You can [`read`](crate::Reg::read) this register and get [`cycle_hi::R`](R). See [API](https://docs.rs/svd2rust/#read--modify--write-api).
    pub struct CycleHiSpec;
    impl crate::RegisterSpec for CycleHiSpec {
        type Ux = u32;
    }
    ///`read()` method returns [`cycle_hi::R`](R) reader structure
    impl crate::Readable for CycleHiSpec {}
    ///`reset()` method sets CYCLE_HI to value 0
    impl crate::Resettable for CycleHiSpec {}
}
///IPI_PRIO_INB (rw) register accessor: Claim priority of each in-band IPI vector, two bits per vector; fields of vectors at or beyond NIPI read as zero.
///
///You can [`read`](crate::Reg::read) this register and get [`ipi_prio_inb::R`]. You can [`reset`](crate::Reg::reset), [`write`](crate::Reg::write), [`write_with_zero`](crate::Reg::write_with_zero) this register using [`ipi_prio_inb::W`]. You can also [`modify`](crate::Reg::modify) this register. See [API](https://docs.rs/svd2rust/#read--modify--write-api).
///
///For information about available fields see [`mod@ipi_prio_inb`] module
#[doc(alias = "IPI_PRIO_INB")]
pub type IpiPrioInb = crate::Reg<ipi_prio_inb::IpiPrioInbSpec>;
///Claim priority of each in-band IPI vector, two bits per vector; fields of vectors at or beyond NIPI read as zero.
pub mod ipi_prio_inb {
    ///Register `IPI_PRIO_INB` reader
    pub type R = crate::R<IpiPrioInbSpec>;
    ///Register `IPI_PRIO_INB` writer
    pub type W = crate::W<IpiPrioInbSpec>;
    ///Field `P(0-15)` reader - Priority of in-band IPI vector i, i being the field index (3 is the highest).
    pub type PR = crate::FieldReader;
    ///Field `P(0-15)` writer - Priority of in-band IPI vector i, i being the field index (3 is the highest).
    pub type PW<'a, REG> = crate::FieldWriter<'a, REG, 2, u8, crate::Safe>;
    impl R {
        ///Priority of in-band IPI vector i, i being the field index (3 is the highest).
        ///
        ///<div class="warning">`n` is number of field in register. `n == 0` corresponds to `P0` field.</div>
        #[inline(always)]
        pub fn p(&self, n: u8) -> PR {
            #[allow(clippy::no_effect)]
            [(); 16][n as usize];
            PR::new(((self.bits >> (n * 2)) & 3) as u8)
        }
        ///Iterator for array of:
        ///Priority of in-band IPI vector i, i being the field index (3 is the highest).
        #[inline(always)]
        pub fn p_iter(&self) -> impl Iterator<Item = PR> + '_ {
            (0..16).map(move |n| PR::new(((self.bits >> (n * 2)) & 3) as u8))
        }
        ///Bits 0:1 - Priority of in-band IPI vector i, i being the field index (3 is the highest).
        #[inline(always)]
        pub fn p0(&self) -> PR {
            PR::new((self.bits & 3) as u8)
        }
        ///Bits 2:3 - Priority of in-band IPI vector i, i being the field index (3 is the highest).
        #[inline(always)]
        pub fn p1(&self) -> PR {
            PR::new(((self.bits >> 2) & 3) as u8)
        }
        ///Bits 4:5 - Priority of in-band IPI vector i, i being the field index (3 is the highest).
        #[inline(always)]
        pub fn p2(&self) -> PR {
            PR::new(((self.bits >> 4) & 3) as u8)
        }
        ///Bits 6:7 - Priority of in-band IPI vector i, i being the field index (3 is the highest).
        #[inline(always)]
        pub fn p3(&self) -> PR {
            PR::new(((self.bits >> 6) & 3) as u8)
        }
        ///Bits 8:9 - Priority of in-band IPI vector i, i being the field index (3 is the highest).
        #[inline(always)]
        pub fn p4(&self) -> PR {
            PR::new(((self.bits >> 8) & 3) as u8)
        }
        ///Bits 10:11 - Priority of in-band IPI vector i, i being the field index (3 is the highest).
        #[inline(always)]
        pub fn p5(&self) -> PR {
            PR::new(((self.bits >> 10) & 3) as u8)
        }
        ///Bits 12:13 - Priority of in-band IPI vector i, i being the field index (3 is the highest).
        #[inline(always)]
        pub fn p6(&self) -> PR {
            PR::new(((self.bits >> 12) & 3) as u8)
        }
        ///Bits 14:15 - Priority of in-band IPI vector i, i being the field index (3 is the highest).
        #[inline(always)]
        pub fn p7(&self) -> PR {
            PR::new(((self.bits >> 14) & 3) as u8)
        }
        ///Bits 16:17 - Priority of in-band IPI vector i, i being the field index (3 is the highest).
        #[inline(always)]
        pub fn p8(&self) -> PR {
            PR::new(((self.bits >> 16) & 3) as u8)
        }
        ///Bits 18:19 - Priority of in-band IPI vector i, i being the field index (3 is the highest).
        #[inline(always)]
        pub fn p9(&self) -> PR {
            PR::new(((self.bits >> 18) & 3) as u8)
        }
        ///Bits 20:21 - Priority of in-band IPI vector i, i being the field index (3 is the highest).
        #[inline(always)]
        pub fn p10(&self) -> PR {
            PR::new(((self.bits >> 20) & 3) as u8)
        }
        ///Bits 22:23 - Priority of in-band IPI vector i, i being the field index (3 is the highest).
        #[inline(always)]
        pub fn p11(&self) -> PR {
            PR::new(((self.bits >> 22) & 3) as u8)
        }
        ///Bits 24:25 - Priority of in-band IPI vector i, i being the field index (3 is the highest).
        #[inline(always)]
        pub fn p12(&self) -> PR {
            PR::new(((self.bits >> 24) & 3) as u8)
        }
        ///Bits 26:27 - Priority of in-band IPI vector i, i being the field index (3 is the highest).
        #[inline(always)]
        pub fn p13(&self) -> PR {
            PR::new(((self.bits >> 26) & 3) as u8)
        }
        ///Bits 28:29 - Priority of in-band IPI vector i, i being the field index (3 is the highest).
        #[inline(always)]
        pub fn p14(&self) -> PR {
            PR::new(((self.bits >> 28) & 3) as u8)
        }
        ///Bits 30:31 - Priority of in-band IPI vector i, i being the field index (3 is the highest).
        #[inline(always)]
        pub fn p15(&self) -> PR {
            PR::new(((self.bits >> 30) & 3) as u8)
        }
    }
    impl W {
        ///Priority of in-band IPI vector i, i being the field index (3 is the highest).
        ///
        ///<div class="warning">`n` is number of field in register. `n == 0` corresponds to `P0` field.</div>
        #[inline(always)]
        pub fn p(&mut self, n: u8) -> PW<'_, IpiPrioInbSpec> {
            #[allow(clippy::no_effect)]
            [(); 16][n as usize];
            PW::new(self, n * 2)
        }
        ///Bits 0:1 - Priority of in-band IPI vector i, i being the field index (3 is the highest).
        #[inline(always)]
        pub fn p0(&mut self) -> PW<'_, IpiPrioInbSpec> {
            PW::new(self, 0)
        }
        ///Bits 2:3 - Priority of in-band IPI vector i, i being the field index (3 is the highest).
        #[inline(always)]
        pub fn p1(&mut self) -> PW<'_, IpiPrioInbSpec> {
            PW::new(self, 2)
        }
        ///Bits 4:5 - Priority of in-band IPI vector i, i being the field index (3 is the highest).
        #[inline(always)]
        pub fn p2(&mut self) -> PW<'_, IpiPrioInbSpec> {
            PW::new(self, 4)
        }
        ///Bits 6:7 - Priority of in-band IPI vector i, i being the field index (3 is the highest).
        #[inline(always)]
        pub fn p3(&mut self) -> PW<'_, IpiPrioInbSpec> {
            PW::new(self, 6)
        }
        ///Bits 8:9 - Priority of in-band IPI vector i, i being the field index (3 is the highest).
        #[inline(always)]
        pub fn p4(&mut self) -> PW<'_, IpiPrioInbSpec> {
            PW::new(self, 8)
        }
        ///Bits 10:11 - Priority of in-band IPI vector i, i being the field index (3 is the highest).
        #[inline(always)]
        pub fn p5(&mut self) -> PW<'_, IpiPrioInbSpec> {
            PW::new(self, 10)
        }
        ///Bits 12:13 - Priority of in-band IPI vector i, i being the field index (3 is the highest).
        #[inline(always)]
        pub fn p6(&mut self) -> PW<'_, IpiPrioInbSpec> {
            PW::new(self, 12)
        }
        ///Bits 14:15 - Priority of in-band IPI vector i, i being the field index (3 is the highest).
        #[inline(always)]
        pub fn p7(&mut self) -> PW<'_, IpiPrioInbSpec> {
            PW::new(self, 14)
        }
        ///Bits 16:17 - Priority of in-band IPI vector i, i being the field index (3 is the highest).
        #[inline(always)]
        pub fn p8(&mut self) -> PW<'_, IpiPrioInbSpec> {
            PW::new(self, 16)
        }
        ///Bits 18:19 - Priority of in-band IPI vector i, i being the field index (3 is the highest).
        #[inline(always)]
        pub fn p9(&mut self) -> PW<'_, IpiPrioInbSpec> {
            PW::new(self, 18)
        }
        ///Bits 20:21 - Priority of in-band IPI vector i, i being the field index (3 is the highest).
        #[inline(always)]
        pub fn p10(&mut self) -> PW<'_, IpiPrioInbSpec> {
            PW::new(self, 20)
        }
        ///Bits 22:23 - Priority of in-band IPI vector i, i being the field index (3 is the highest).
        #[inline(always)]
        pub fn p11(&mut self) -> PW<'_, IpiPrioInbSpec> {
            PW::new(self, 22)
        }
        ///Bits 24:25 - Priority of in-band IPI vector i, i being the field index (3 is the highest).
        #[inline(always)]
        pub fn p12(&mut self) -> PW<'_, IpiPrioInbSpec> {
            PW::new(self, 24)
        }
        ///Bits 26:27 - Priority of in-band IPI vector i, i being the field index (3 is the highest).
        #[inline(always)]
        pub fn p13(&mut self) -> PW<'_, IpiPrioInbSpec> {
            PW::new(self, 26)
        }
        ///Bits 28:29 - Priority of in-band IPI vector i, i being the field index (3 is the highest).
        #[inline(always)]
        pub fn p14(&mut self) -> PW<'_, IpiPrioInbSpec> {
            PW::new(self, 28)
        }
        ///Bits 30:31 - Priority of in-band IPI vector i, i being the field index (3 is the highest).
        #[inline(always)]
        pub fn p15(&mut self) -> PW<'_, IpiPrioInbSpec> {
            PW::new(self, 30)
        }
    }
    ///Claim priority of each in-band IPI vector, two bits per vector; fields of vectors at or beyond NIPI read as zero.
    ///
    ///You can [`read`](crate::Reg::read) this register and get [`ipi_prio_inb::R`](R). You can [`reset`](crate::Reg::reset), [`write`](crate::Reg::write), [`write_with_zero`](crate::Reg::write_with_zero) this register using [`ipi_prio_inb::W`](W). You can also [`modify`](crate::Reg::modify) this register. See [API](https://docs.rs/svd2rust/#read--modify--write-api).
    pub struct IpiPrioInbSpec;
    impl crate::RegisterSpec for IpiPrioInbSpec {
        type Ux = u32;
    }
    ///`read()` method returns [`ipi_prio_inb::R`](R) reader structure
    impl crate::Readable for IpiPrioInbSpec {}
    ///`write(|w| ..)` method takes [`ipi_prio_inb::W`](W) writer structure
    impl crate::Writable for IpiPrioInbSpec {
        type Safety = crate::Unsafe;
    }
    ///`reset()` method sets IPI_PRIO_INB to value 0
    impl crate::Resettable for IpiPrioInbSpec {}
}
///IPI_PRIO_OOB (rw) register accessor: Claim priority of each oob IPI vector, two bits per vector; writes are rejected with ERR.LOCKED once the lock is set, and Non-secure writes with ERR.DENIED.
///
///You can [`read`](crate::Reg::read) this register and get [`ipi_prio_oob::R`]. You can [`reset`](crate::Reg::reset), [`write`](crate::Reg::write), [`write_with_zero`](crate::Reg::write_with_zero) this register using [`ipi_prio_oob::W`]. You can also [`modify`](crate::Reg::modify) this register. See [API](https://docs.rs/svd2rust/#read--modify--write-api).
///
///For information about available fields see [`mod@ipi_prio_oob`] module
#[doc(alias = "IPI_PRIO_OOB")]
pub type IpiPrioOob = crate::Reg<ipi_prio_oob::IpiPrioOobSpec>;
///Claim priority of each oob IPI vector, two bits per vector; writes are rejected with ERR.LOCKED once the lock is set, and Non-secure writes with ERR.DENIED.
pub mod ipi_prio_oob {
    ///Register `IPI_PRIO_OOB` reader
    pub type R = crate::R<IpiPrioOobSpec>;
    ///Register `IPI_PRIO_OOB` writer
    pub type W = crate::W<IpiPrioOobSpec>;
    ///Field `P(0-15)` reader - Priority of oob IPI vector i, i being the field index (3 is the highest).
    pub type PR = crate::FieldReader;
    ///Field `P(0-15)` writer - Priority of oob IPI vector i, i being the field index (3 is the highest).
    pub type PW<'a, REG> = crate::FieldWriter<'a, REG, 2, u8, crate::Safe>;
    impl R {
        ///Priority of oob IPI vector i, i being the field index (3 is the highest).
        ///
        ///<div class="warning">`n` is number of field in register. `n == 0` corresponds to `P0` field.</div>
        #[inline(always)]
        pub fn p(&self, n: u8) -> PR {
            #[allow(clippy::no_effect)]
            [(); 16][n as usize];
            PR::new(((self.bits >> (n * 2)) & 3) as u8)
        }
        ///Iterator for array of:
        ///Priority of oob IPI vector i, i being the field index (3 is the highest).
        #[inline(always)]
        pub fn p_iter(&self) -> impl Iterator<Item = PR> + '_ {
            (0..16).map(move |n| PR::new(((self.bits >> (n * 2)) & 3) as u8))
        }
        ///Bits 0:1 - Priority of oob IPI vector i, i being the field index (3 is the highest).
        #[inline(always)]
        pub fn p0(&self) -> PR {
            PR::new((self.bits & 3) as u8)
        }
        ///Bits 2:3 - Priority of oob IPI vector i, i being the field index (3 is the highest).
        #[inline(always)]
        pub fn p1(&self) -> PR {
            PR::new(((self.bits >> 2) & 3) as u8)
        }
        ///Bits 4:5 - Priority of oob IPI vector i, i being the field index (3 is the highest).
        #[inline(always)]
        pub fn p2(&self) -> PR {
            PR::new(((self.bits >> 4) & 3) as u8)
        }
        ///Bits 6:7 - Priority of oob IPI vector i, i being the field index (3 is the highest).
        #[inline(always)]
        pub fn p3(&self) -> PR {
            PR::new(((self.bits >> 6) & 3) as u8)
        }
        ///Bits 8:9 - Priority of oob IPI vector i, i being the field index (3 is the highest).
        #[inline(always)]
        pub fn p4(&self) -> PR {
            PR::new(((self.bits >> 8) & 3) as u8)
        }
        ///Bits 10:11 - Priority of oob IPI vector i, i being the field index (3 is the highest).
        #[inline(always)]
        pub fn p5(&self) -> PR {
            PR::new(((self.bits >> 10) & 3) as u8)
        }
        ///Bits 12:13 - Priority of oob IPI vector i, i being the field index (3 is the highest).
        #[inline(always)]
        pub fn p6(&self) -> PR {
            PR::new(((self.bits >> 12) & 3) as u8)
        }
        ///Bits 14:15 - Priority of oob IPI vector i, i being the field index (3 is the highest).
        #[inline(always)]
        pub fn p7(&self) -> PR {
            PR::new(((self.bits >> 14) & 3) as u8)
        }
        ///Bits 16:17 - Priority of oob IPI vector i, i being the field index (3 is the highest).
        #[inline(always)]
        pub fn p8(&self) -> PR {
            PR::new(((self.bits >> 16) & 3) as u8)
        }
        ///Bits 18:19 - Priority of oob IPI vector i, i being the field index (3 is the highest).
        #[inline(always)]
        pub fn p9(&self) -> PR {
            PR::new(((self.bits >> 18) & 3) as u8)
        }
        ///Bits 20:21 - Priority of oob IPI vector i, i being the field index (3 is the highest).
        #[inline(always)]
        pub fn p10(&self) -> PR {
            PR::new(((self.bits >> 20) & 3) as u8)
        }
        ///Bits 22:23 - Priority of oob IPI vector i, i being the field index (3 is the highest).
        #[inline(always)]
        pub fn p11(&self) -> PR {
            PR::new(((self.bits >> 22) & 3) as u8)
        }
        ///Bits 24:25 - Priority of oob IPI vector i, i being the field index (3 is the highest).
        #[inline(always)]
        pub fn p12(&self) -> PR {
            PR::new(((self.bits >> 24) & 3) as u8)
        }
        ///Bits 26:27 - Priority of oob IPI vector i, i being the field index (3 is the highest).
        #[inline(always)]
        pub fn p13(&self) -> PR {
            PR::new(((self.bits >> 26) & 3) as u8)
        }
        ///Bits 28:29 - Priority of oob IPI vector i, i being the field index (3 is the highest).
        #[inline(always)]
        pub fn p14(&self) -> PR {
            PR::new(((self.bits >> 28) & 3) as u8)
        }
        ///Bits 30:31 - Priority of oob IPI vector i, i being the field index (3 is the highest).
        #[inline(always)]
        pub fn p15(&self) -> PR {
            PR::new(((self.bits >> 30) & 3) as u8)
        }
    }
    impl W {
        ///Priority of oob IPI vector i, i being the field index (3 is the highest).
        ///
        ///<div class="warning">`n` is number of field in register. `n == 0` corresponds to `P0` field.</div>
        #[inline(always)]
        pub fn p(&mut self, n: u8) -> PW<'_, IpiPrioOobSpec> {
            #[allow(clippy::no_effect)]
            [(); 16][n as usize];
            PW::new(self, n * 2)
        }
        ///Bits 0:1 - Priority of oob IPI vector i, i being the field index (3 is the highest).
        #[inline(always)]
        pub fn p0(&mut self) -> PW<'_, IpiPrioOobSpec> {
            PW::new(self, 0)
        }
        ///Bits 2:3 - Priority of oob IPI vector i, i being the field index (3 is the highest).
        #[inline(always)]
        pub fn p1(&mut self) -> PW<'_, IpiPrioOobSpec> {
            PW::new(self, 2)
        }
        ///Bits 4:5 - Priority of oob IPI vector i, i being the field index (3 is the highest).
        #[inline(always)]
        pub fn p2(&mut self) -> PW<'_, IpiPrioOobSpec> {
            PW::new(self, 4)
        }
        ///Bits 6:7 - Priority of oob IPI vector i, i being the field index (3 is the highest).
        #[inline(always)]
        pub fn p3(&mut self) -> PW<'_, IpiPrioOobSpec> {
            PW::new(self, 6)
        }
        ///Bits 8:9 - Priority of oob IPI vector i, i being the field index (3 is the highest).
        #[inline(always)]
        pub fn p4(&mut self) -> PW<'_, IpiPrioOobSpec> {
            PW::new(self, 8)
        }
        ///Bits 10:11 - Priority of oob IPI vector i, i being the field index (3 is the highest).
        #[inline(always)]
        pub fn p5(&mut self) -> PW<'_, IpiPrioOobSpec> {
            PW::new(self, 10)
        }
        ///Bits 12:13 - Priority of oob IPI vector i, i being the field index (3 is the highest).
        #[inline(always)]
        pub fn p6(&mut self) -> PW<'_, IpiPrioOobSpec> {
            PW::new(self, 12)
        }
        ///Bits 14:15 - Priority of oob IPI vector i, i being the field index (3 is the highest).
        #[inline(always)]
        pub fn p7(&mut self) -> PW<'_, IpiPrioOobSpec> {
            PW::new(self, 14)
        }
        ///Bits 16:17 - Priority of oob IPI vector i, i being the field index (3 is the highest).
        #[inline(always)]
        pub fn p8(&mut self) -> PW<'_, IpiPrioOobSpec> {
            PW::new(self, 16)
        }
        ///Bits 18:19 - Priority of oob IPI vector i, i being the field index (3 is the highest).
        #[inline(always)]
        pub fn p9(&mut self) -> PW<'_, IpiPrioOobSpec> {
            PW::new(self, 18)
        }
        ///Bits 20:21 - Priority of oob IPI vector i, i being the field index (3 is the highest).
        #[inline(always)]
        pub fn p10(&mut self) -> PW<'_, IpiPrioOobSpec> {
            PW::new(self, 20)
        }
        ///Bits 22:23 - Priority of oob IPI vector i, i being the field index (3 is the highest).
        #[inline(always)]
        pub fn p11(&mut self) -> PW<'_, IpiPrioOobSpec> {
            PW::new(self, 22)
        }
        ///Bits 24:25 - Priority of oob IPI vector i, i being the field index (3 is the highest).
        #[inline(always)]
        pub fn p12(&mut self) -> PW<'_, IpiPrioOobSpec> {
            PW::new(self, 24)
        }
        ///Bits 26:27 - Priority of oob IPI vector i, i being the field index (3 is the highest).
        #[inline(always)]
        pub fn p13(&mut self) -> PW<'_, IpiPrioOobSpec> {
            PW::new(self, 26)
        }
        ///Bits 28:29 - Priority of oob IPI vector i, i being the field index (3 is the highest).
        #[inline(always)]
        pub fn p14(&mut self) -> PW<'_, IpiPrioOobSpec> {
            PW::new(self, 28)
        }
        ///Bits 30:31 - Priority of oob IPI vector i, i being the field index (3 is the highest).
        #[inline(always)]
        pub fn p15(&mut self) -> PW<'_, IpiPrioOobSpec> {
            PW::new(self, 30)
        }
    }
    ///Claim priority of each oob IPI vector, two bits per vector; writes are rejected with ERR.LOCKED once the lock is set, and Non-secure writes with ERR.DENIED.
    ///
    ///You can [`read`](crate::Reg::read) this register and get [`ipi_prio_oob::R`](R). You can [`reset`](crate::Reg::reset), [`write`](crate::Reg::write), [`write_with_zero`](crate::Reg::write_with_zero) this register using [`ipi_prio_oob::W`](W). You can also [`modify`](crate::Reg::modify) this register. See [API](https://docs.rs/svd2rust/#read--modify--write-api).
    pub struct IpiPrioOobSpec;
    impl crate::RegisterSpec for IpiPrioOobSpec {
        type Ux = u32;
    }
    ///`read()` method returns [`ipi_prio_oob::R`](R) reader structure
    impl crate::Readable for IpiPrioOobSpec {}
    ///`write(|w| ..)` method takes [`ipi_prio_oob::W`](W) writer structure
    impl crate::Writable for IpiPrioOobSpec {
        type Safety = crate::Unsafe;
    }
    ///`reset()` method sets IPI_PRIO_OOB to value 0
    impl crate::Resettable for IpiPrioOobSpec {}
}
///IPI_PRIO_SET (w) register accessor: Sets the claim priority of one IPI vector of one stage without touching the others (no read-modify-write); VECTOR at or beyond NIPI (ERR.BAD_VECTOR), STAGE oob while locked (ERR.LOCKED) or from a Non-secure master (ERR.DENIED) rejects the write.
///
///You can [`reset`](crate::Reg::reset), [`write`](crate::Reg::write), [`write_with_zero`](crate::Reg::write_with_zero) this register using [`ipi_prio_set::W`]. See [API](https://docs.rs/svd2rust/#read--modify--write-api).
///
///For information about available fields see [`mod@ipi_prio_set`] module
#[doc(alias = "IPI_PRIO_SET")]
pub type IpiPrioSet = crate::Reg<ipi_prio_set::IpiPrioSetSpec>;
///Sets the claim priority of one IPI vector of one stage without touching the others (no read-modify-write); VECTOR at or beyond NIPI (ERR.BAD_VECTOR), STAGE oob while locked (ERR.LOCKED) or from a Non-secure master (ERR.DENIED) rejects the write.
pub mod ipi_prio_set {
    ///Register `IPI_PRIO_SET` writer
    pub type W = crate::W<IpiPrioSetSpec>;
    ///Field `PRIO` writer - New priority of the vector (3 is the highest).
    pub type PrioW<'a, REG> = crate::FieldWriter<'a, REG, 2, u8, crate::Safe>;
    ///Field `VECTOR` writer - IPI vector whose priority is set.
    pub type VectorW<'a, REG> = crate::FieldWriter<'a, REG, 4, u8, crate::Safe>;
    ///Stage of the vector.
    ///
    ///Value on reset: 0
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum PrioStage {
        ///0: In-band stage (Linux).
        Inband = 0,
        ///1: Out-of-band stage (the real-time core).
        Oob = 1,
    }
    impl From<PrioStage> for bool {
        #[inline(always)]
        fn from(variant: PrioStage) -> Self {
            variant as u8 != 0
        }
    }
    ///Field `STAGE` writer - Stage of the vector.
    pub type StageW<'a, REG> = crate::BitWriter<'a, REG, PrioStage>;
    impl<'a, REG> StageW<'a, REG>
    where
        REG: crate::Writable + crate::RegisterSpec,
    {
        ///In-band stage (Linux).
        #[inline(always)]
        pub fn inband(self) -> &'a mut crate::W<REG> {
            self.variant(PrioStage::Inband)
        }
        ///Out-of-band stage (the real-time core).
        #[inline(always)]
        pub fn oob(self) -> &'a mut crate::W<REG> {
            self.variant(PrioStage::Oob)
        }
    }
    impl W {
        ///Bits 0:1 - New priority of the vector (3 is the highest).
        #[inline(always)]
        pub fn prio(&mut self) -> PrioW<'_, IpiPrioSetSpec> {
            PrioW::new(self, 0)
        }
        ///Bits 16:19 - IPI vector whose priority is set.
        #[inline(always)]
        pub fn vector(&mut self) -> VectorW<'_, IpiPrioSetSpec> {
            VectorW::new(self, 16)
        }
        ///Bit 24 - Stage of the vector.
        #[inline(always)]
        pub fn stage(&mut self) -> StageW<'_, IpiPrioSetSpec> {
            StageW::new(self, 24)
        }
    }
    ///Sets the claim priority of one IPI vector of one stage without touching the others (no read-modify-write); VECTOR at or beyond NIPI (ERR.BAD_VECTOR), STAGE oob while locked (ERR.LOCKED) or from a Non-secure master (ERR.DENIED) rejects the write.
    ///
    ///You can [`reset`](crate::Reg::reset), [`write`](crate::Reg::write), [`write_with_zero`](crate::Reg::write_with_zero) this register using [`ipi_prio_set::W`](W). See [API](https://docs.rs/svd2rust/#read--modify--write-api).
    pub struct IpiPrioSetSpec;
    impl crate::RegisterSpec for IpiPrioSetSpec {
        type Ux = u32;
    }
    ///`write(|w| ..)` method takes [`ipi_prio_set::W`](W) writer structure
    impl crate::Writable for IpiPrioSetSpec {
        type Safety = crate::Unsafe;
    }
    ///`reset()` method sets IPI_PRIO_SET to value 0
    impl crate::Resettable for IpiPrioSetSpec {}
}
///IPI_OOB_NS (rw) register accessor: Oob IPI vectors that Non-secure masters (Linux) may send with IPI_SEND; an oob IPI of any other vector from a Non-secure master is refused with ERR.DENIED. Written only by Secure masters (ERR.DENIED otherwise), frozen by LOCK (ERR.LOCKED).
///
///You can [`read`](crate::Reg::read) this register and get [`ipi_oob_ns::R`]. You can [`reset`](crate::Reg::reset), [`write`](crate::Reg::write), [`write_with_zero`](crate::Reg::write_with_zero) this register using [`ipi_oob_ns::W`]. You can also [`modify`](crate::Reg::modify) this register. See [API](https://docs.rs/svd2rust/#read--modify--write-api).
///
///For information about available fields see [`mod@ipi_oob_ns`] module
#[doc(alias = "IPI_OOB_NS")]
pub type IpiOobNs = crate::Reg<ipi_oob_ns::IpiOobNsSpec>;
///Oob IPI vectors that Non-secure masters (Linux) may send with IPI_SEND; an oob IPI of any other vector from a Non-secure master is refused with ERR.DENIED. Written only by Secure masters (ERR.DENIED otherwise), frozen by LOCK (ERR.LOCKED).
pub mod ipi_oob_ns {
    ///Register `IPI_OOB_NS` reader
    pub type R = crate::R<IpiOobNsSpec>;
    ///Register `IPI_OOB_NS` writer
    pub type W = crate::W<IpiOobNsSpec>;
    ///Field `ALLOW` reader - Bit v allows oob IPI vector v to Non-secure senders; bits at or beyond NIPI read as zero.
    pub type AllowR = crate::FieldReader<u16>;
    ///Field `ALLOW` writer - Bit v allows oob IPI vector v to Non-secure senders; bits at or beyond NIPI read as zero.
    pub type AllowW<'a, REG> = crate::FieldWriter<'a, REG, 16, u16>;
    impl R {
        ///Bits 0:15 - Bit v allows oob IPI vector v to Non-secure senders; bits at or beyond NIPI read as zero.
        #[inline(always)]
        pub fn allow(&self) -> AllowR {
            AllowR::new((self.bits & 0xffff) as u16)
        }
    }
    impl W {
        ///Bits 0:15 - Bit v allows oob IPI vector v to Non-secure senders; bits at or beyond NIPI read as zero.
        #[inline(always)]
        pub fn allow(&mut self) -> AllowW<'_, IpiOobNsSpec> {
            AllowW::new(self, 0)
        }
    }
    ///Oob IPI vectors that Non-secure masters (Linux) may send with IPI_SEND; an oob IPI of any other vector from a Non-secure master is refused with ERR.DENIED. Written only by Secure masters (ERR.DENIED otherwise), frozen by LOCK (ERR.LOCKED).
    ///
    ///You can [`read`](crate::Reg::read) this register and get [`ipi_oob_ns::R`](R). You can [`reset`](crate::Reg::reset), [`write`](crate::Reg::write), [`write_with_zero`](crate::Reg::write_with_zero) this register using [`ipi_oob_ns::W`](W). You can also [`modify`](crate::Reg::modify) this register. See [API](https://docs.rs/svd2rust/#read--modify--write-api).
    pub struct IpiOobNsSpec;
    impl crate::RegisterSpec for IpiOobNsSpec {
        type Ux = u32;
    }
    ///`read()` method returns [`ipi_oob_ns::R`](R) reader structure
    impl crate::Readable for IpiOobNsSpec {}
    ///`write(|w| ..)` method takes [`ipi_oob_ns::W`](W) writer structure
    impl crate::Writable for IpiOobNsSpec {
        type Safety = crate::Unsafe;
    }
    ///`reset()` method sets IPI_OOB_NS to value 0
    impl crate::Resettable for IpiOobNsSpec {}
}
///SRC_RAW (r) register accessor: Input levels of sources 32n to 32n+31, n being the array index; words wholly at or beyond NSRC answer SLVERR and bits of sources at or beyond NSRC read as zero.
///
///You can [`read`](crate::Reg::read) this register and get [`src_raw::R`]. See [API](https://docs.rs/svd2rust/#read--modify--write-api).
///
///For information about available fields see [`mod@src_raw`] module
#[doc(alias = "SRC_RAW")]
pub type SrcRaw = crate::Reg<src_raw::SrcRawSpec>;
///Input levels of sources 32n to 32n+31, n being the array index; words wholly at or beyond NSRC answer SLVERR and bits of sources at or beyond NSRC read as zero.
pub mod src_raw {
    ///Register `SRC_RAW[%s]` reader
    pub type R = crate::R<SrcRawSpec>;
    ///Field `VALUE` reader - Bit j is the input level of source 32n+j.
    pub type ValueR = crate::FieldReader<u32>;
    impl R {
        ///Bits 0:31 - Bit j is the input level of source 32n+j.
        #[inline(always)]
        pub fn value(&self) -> ValueR {
            ValueR::new(self.bits)
        }
    }
    ///Input levels of sources 32n to 32n+31, n being the array index; words wholly at or beyond NSRC answer SLVERR and bits of sources at or beyond NSRC read as zero.
    ///
    ///You can [`read`](crate::Reg::read) this register and get [`src_raw::R`](R). See [API](https://docs.rs/svd2rust/#read--modify--write-api).
    pub struct SrcRawSpec;
    impl crate::RegisterSpec for SrcRawSpec {
        type Ux = u32;
    }
    ///`read()` method returns [`src_raw::R`](R) reader structure
    impl crate::Readable for SrcRawSpec {}
    ///`reset()` method sets SRC_RAW[%s] to value 0
    impl crate::Resettable for SrcRawSpec {}
}
///SRC_PEND (r) register accessor: Pending (logged, not yet claimed) bits of sources 32n to 32n+31, n being the array index, whatever their routing and enable.
///
///You can [`read`](crate::Reg::read) this register and get [`src_pend::R`]. See [API](https://docs.rs/svd2rust/#read--modify--write-api).
///
///For information about available fields see [`mod@src_pend`] module
#[doc(alias = "SRC_PEND")]
pub type SrcPend = crate::Reg<src_pend::SrcPendSpec>;
///Pending (logged, not yet claimed) bits of sources 32n to 32n+31, n being the array index, whatever their routing and enable.
pub mod src_pend {
    ///Register `SRC_PEND[%s]` reader
    pub type R = crate::R<SrcPendSpec>;
    ///Field `VALUE` reader - Bit j is the pending bit of source 32n+j.
    pub type ValueR = crate::FieldReader<u32>;
    impl R {
        ///Bits 0:31 - Bit j is the pending bit of source 32n+j.
        #[inline(always)]
        pub fn value(&self) -> ValueR {
            ValueR::new(self.bits)
        }
    }
    ///Pending (logged, not yet claimed) bits of sources 32n to 32n+31, n being the array index, whatever their routing and enable.
    ///
    ///You can [`read`](crate::Reg::read) this register and get [`src_pend::R`](R). See [API](https://docs.rs/svd2rust/#read--modify--write-api).
    pub struct SrcPendSpec;
    impl crate::RegisterSpec for SrcPendSpec {
        type Ux = u32;
    }
    ///`read()` method returns [`src_pend::R`](R) reader structure
    impl crate::Readable for SrcPendSpec {}
    ///`reset()` method sets SRC_PEND[%s] to value 0
    impl crate::Resettable for SrcPendSpec {}
}
///SRC_ACTIVE (r) register accessor: Active (claimed and not yet completed) bits of sources 32n to 32n+31, n being the array index.
///
///You can [`read`](crate::Reg::read) this register and get [`src_active::R`]. See [API](https://docs.rs/svd2rust/#read--modify--write-api).
///
///For information about available fields see [`mod@src_active`] module
#[doc(alias = "SRC_ACTIVE")]
pub type SrcActive = crate::Reg<src_active::SrcActiveSpec>;
///Active (claimed and not yet completed) bits of sources 32n to 32n+31, n being the array index.
pub mod src_active {
    ///Register `SRC_ACTIVE[%s]` reader
    pub type R = crate::R<SrcActiveSpec>;
    ///Field `VALUE` reader - Bit j is the active bit of source 32n+j.
    pub type ValueR = crate::FieldReader<u32>;
    impl R {
        ///Bits 0:31 - Bit j is the active bit of source 32n+j.
        #[inline(always)]
        pub fn value(&self) -> ValueR {
            ValueR::new(self.bits)
        }
    }
    ///Active (claimed and not yet completed) bits of sources 32n to 32n+31, n being the array index.
    ///
    ///You can [`read`](crate::Reg::read) this register and get [`src_active::R`](R). See [API](https://docs.rs/svd2rust/#read--modify--write-api).
    pub struct SrcActiveSpec;
    impl crate::RegisterSpec for SrcActiveSpec {
        type Ux = u32;
    }
    ///`read()` method returns [`src_active::R`](R) reader structure
    impl crate::Readable for SrcActiveSpec {}
    ///`reset()` method sets SRC_ACTIVE[%s] to value 0
    impl crate::Resettable for SrcActiveSpec {}
}
///OVERRUN_CLR (w) register accessor: Clears overrun counters of sources 32n to 32n+31, n being the array index, without touching the others; words wholly at or beyond NSRC answer SLVERR, and a Non-secure write with a 1 in the bit of an oob source is refused whole (ERR.DENIED).
///
///You can [`reset`](crate::Reg::reset), [`write`](crate::Reg::write), [`write_with_zero`](crate::Reg::write_with_zero) this register using [`overrun_clr::W`]. See [API](https://docs.rs/svd2rust/#read--modify--write-api).
///
///For information about available fields see [`mod@overrun_clr`] module
#[doc(alias = "OVERRUN_CLR")]
pub type OverrunClr = crate::Reg<overrun_clr::OverrunClrSpec>;
///Clears overrun counters of sources 32n to 32n+31, n being the array index, without touching the others; words wholly at or beyond NSRC answer SLVERR, and a Non-secure write with a 1 in the bit of an oob source is refused whole (ERR.DENIED).
pub mod overrun_clr {
    ///Register `OVERRUN_CLR[%s]` writer
    pub type W = crate::W<OverrunClrSpec>;
    ///Field `CLR` writer - Writing 1 to bit j clears the overrun counter of source 32n+j; 0 leaves it.
    pub type ClrW<'a, REG> = crate::FieldWriter<'a, REG, 32, u32, crate::Safe>;
    impl W {
        ///Bits 0:31 - Writing 1 to bit j clears the overrun counter of source 32n+j; 0 leaves it.
        #[inline(always)]
        pub fn clr(&mut self) -> ClrW<'_, OverrunClrSpec> {
            ClrW::new(self, 0)
        }
    }
    ///Clears overrun counters of sources 32n to 32n+31, n being the array index, without touching the others; words wholly at or beyond NSRC answer SLVERR, and a Non-secure write with a 1 in the bit of an oob source is refused whole (ERR.DENIED).
    ///
    ///You can [`reset`](crate::Reg::reset), [`write`](crate::Reg::write), [`write_with_zero`](crate::Reg::write_with_zero) this register using [`overrun_clr::W`](W). See [API](https://docs.rs/svd2rust/#read--modify--write-api).
    pub struct OverrunClrSpec;
    impl crate::RegisterSpec for OverrunClrSpec {
        type Ux = u32;
    }
    ///`write(|w| ..)` method takes [`overrun_clr::W`](W) writer structure
    impl crate::Writable for OverrunClrSpec {
        type Safety = crate::Safe;
        const ONE_TO_MODIFY_FIELDS_BITMAP: u32 = 0xffff_ffff;
    }
    ///`reset()` method sets OVERRUN_CLR[%s] to value 0
    impl crate::Resettable for OverrunClrSpec {}
}
///SRC_CFG (rw) register accessor: Routing and trigger configuration of source n, n being the array index; entries at or beyond NSRC answer SLVERR. A write changes the fields whose WE bit is set, or every field when bits 31:16 are all zero, so no read-modify-write is needed; a write naming a CPU at or beyond NCPU (ERR.BAD_CPU), touching an oob source while locked (ERR.LOCKED) or touching an oob source from a Non-secure master (ERR.DENIED) is rejected whole.
///
///You can [`read`](crate::Reg::read) this register and get [`src_cfg::R`]. You can [`reset`](crate::Reg::reset), [`write`](crate::Reg::write), [`write_with_zero`](crate::Reg::write_with_zero) this register using [`src_cfg::W`]. You can also [`modify`](crate::Reg::modify) this register. See [API](https://docs.rs/svd2rust/#read--modify--write-api).
///
///For information about available fields see [`mod@src_cfg`] module
#[doc(alias = "SRC_CFG")]
pub type SrcCfg = crate::Reg<src_cfg::SrcCfgSpec>;
///Routing and trigger configuration of source n, n being the array index; entries at or beyond NSRC answer SLVERR. A write changes the fields whose WE bit is set, or every field when bits 31:16 are all zero, so no read-modify-write is needed; a write naming a CPU at or beyond NCPU (ERR.BAD_CPU), touching an oob source while locked (ERR.LOCKED) or touching an oob source from a Non-secure master (ERR.DENIED) is rejected whole.
pub mod src_cfg {
    ///Register `SRC_CFG[%s]` reader
    pub type R = crate::R<SrcCfgSpec>;
    ///Register `SRC_CFG[%s]` writer
    pub type W = crate::W<SrcCfgSpec>;
    ///Field `EN` reader - Enable: 1 lets the source log events and be delivered; 0 logs no new event but keeps a pending bit, which is delivered once the source is enabled again.
    pub type EnR = crate::BitReader;
    ///Field `EN` writer - Enable: 1 lets the source log events and be delivered; 0 logs no new event but keeps a pending bit, which is delivered once the source is enabled again.
    pub type EnW<'a, REG> = crate::BitWriter<'a, REG>;
    ///Stage whose log receives the source's events.
    ///
    ///Value on reset: 0
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum SrcStage {
        ///0: In-band stage (Linux).
        Inband = 0,
        ///1: Out-of-band stage (the real-time core).
        Oob = 1,
    }
    impl From<SrcStage> for bool {
        #[inline(always)]
        fn from(variant: SrcStage) -> Self {
            variant as u8 != 0
        }
    }
    ///Field `STAGE` reader - Stage whose log receives the source's events.
    pub type StageR = crate::BitReader<SrcStage>;
    impl StageR {
        ///Get enumerated values variant
        #[inline(always)]
        pub const fn variant(&self) -> SrcStage {
            match self.bits {
                false => SrcStage::Inband,
                true => SrcStage::Oob,
            }
        }
        ///In-band stage (Linux).
        #[inline(always)]
        pub fn is_inband(&self) -> bool {
            *self == SrcStage::Inband
        }
        ///Out-of-band stage (the real-time core).
        #[inline(always)]
        pub fn is_oob(&self) -> bool {
            *self == SrcStage::Oob
        }
    }
    ///Field `STAGE` writer - Stage whose log receives the source's events.
    pub type StageW<'a, REG> = crate::BitWriter<'a, REG, SrcStage>;
    impl<'a, REG> StageW<'a, REG>
    where
        REG: crate::Writable + crate::RegisterSpec,
    {
        ///In-band stage (Linux).
        #[inline(always)]
        pub fn inband(self) -> &'a mut crate::W<REG> {
            self.variant(SrcStage::Inband)
        }
        ///Out-of-band stage (the real-time core).
        #[inline(always)]
        pub fn oob(self) -> &'a mut crate::W<REG> {
            self.variant(SrcStage::Oob)
        }
    }
    ///How the input produces events.
    ///
    ///Value on reset: 0
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum SrcTrig {
        ///0: An event whenever the input is high and the source is not active.
        Level = 0,
        ///1: An event on each rising edge of the input.
        Edge = 1,
    }
    impl From<SrcTrig> for bool {
        #[inline(always)]
        fn from(variant: SrcTrig) -> Self {
            variant as u8 != 0
        }
    }
    ///Field `TRIG` reader - How the input produces events.
    pub type TrigR = crate::BitReader<SrcTrig>;
    impl TrigR {
        ///Get enumerated values variant
        #[inline(always)]
        pub const fn variant(&self) -> SrcTrig {
            match self.bits {
                false => SrcTrig::Level,
                true => SrcTrig::Edge,
            }
        }
        ///An event whenever the input is high and the source is not active.
        #[inline(always)]
        pub fn is_level(&self) -> bool {
            *self == SrcTrig::Level
        }
        ///An event on each rising edge of the input.
        #[inline(always)]
        pub fn is_edge(&self) -> bool {
            *self == SrcTrig::Edge
        }
    }
    ///Field `TRIG` writer - How the input produces events.
    pub type TrigW<'a, REG> = crate::BitWriter<'a, REG, SrcTrig>;
    impl<'a, REG> TrigW<'a, REG>
    where
        REG: crate::Writable + crate::RegisterSpec,
    {
        ///An event whenever the input is high and the source is not active.
        #[inline(always)]
        pub fn level(self) -> &'a mut crate::W<REG> {
            self.variant(SrcTrig::Level)
        }
        ///An event on each rising edge of the input.
        #[inline(always)]
        pub fn edge(self) -> &'a mut crate::W<REG> {
            self.variant(SrcTrig::Edge)
        }
    }
    ///Field `PRIO` reader - Claim priority of the source; 3 is the highest and ties go to the lowest ID.
    pub type PrioR = crate::FieldReader;
    ///Field `PRIO` writer - Claim priority of the source; 3 is the highest and ties go to the lowest ID.
    pub type PrioW<'a, REG> = crate::FieldWriter<'a, REG, 2, u8, crate::Safe>;
    ///Field `CPU` reader - CPU whose log receives the source's events (0 to NCPU-1).
    pub type CpuR = crate::FieldReader;
    ///Field `CPU` writer - CPU whose log receives the source's events (0 to NCPU-1).
    pub type CpuW<'a, REG> = crate::FieldWriter<'a, REG, 3, u8, crate::Safe>;
    ///Field `WE_EN` writer - Write 1 to change EN with this write (all WE bits 0: every field is written); reads as zero.
    pub type WeEnW<'a, REG> = crate::BitWriter<'a, REG>;
    ///Field `WE_STAGE` writer - Write 1 to change STAGE with this write; reads as zero.
    pub type WeStageW<'a, REG> = crate::BitWriter<'a, REG>;
    ///Field `WE_TRIG` writer - Write 1 to change TRIG with this write; reads as zero.
    pub type WeTrigW<'a, REG> = crate::BitWriter<'a, REG>;
    ///Field `WE_PRIO` writer - Write 1 to change PRIO with this write; reads as zero.
    pub type WePrioW<'a, REG> = crate::BitWriter<'a, REG>;
    ///Field `WE_CPU` writer - Write 1 to change CPU with this write; reads as zero.
    pub type WeCpuW<'a, REG> = crate::BitWriter<'a, REG>;
    impl R {
        ///Bit 0 - Enable: 1 lets the source log events and be delivered; 0 logs no new event but keeps a pending bit, which is delivered once the source is enabled again.
        #[inline(always)]
        pub fn en(&self) -> EnR {
            EnR::new((self.bits & 1) != 0)
        }
        ///Bit 1 - Stage whose log receives the source's events.
        #[inline(always)]
        pub fn stage(&self) -> StageR {
            StageR::new(((self.bits >> 1) & 1) != 0)
        }
        ///Bit 2 - How the input produces events.
        #[inline(always)]
        pub fn trig(&self) -> TrigR {
            TrigR::new(((self.bits >> 2) & 1) != 0)
        }
        ///Bits 4:5 - Claim priority of the source; 3 is the highest and ties go to the lowest ID.
        #[inline(always)]
        pub fn prio(&self) -> PrioR {
            PrioR::new(((self.bits >> 4) & 3) as u8)
        }
        ///Bits 8:10 - CPU whose log receives the source's events (0 to NCPU-1).
        #[inline(always)]
        pub fn cpu(&self) -> CpuR {
            CpuR::new(((self.bits >> 8) & 7) as u8)
        }
    }
    impl W {
        ///Bit 0 - Enable: 1 lets the source log events and be delivered; 0 logs no new event but keeps a pending bit, which is delivered once the source is enabled again.
        #[inline(always)]
        pub fn en(&mut self) -> EnW<'_, SrcCfgSpec> {
            EnW::new(self, 0)
        }
        ///Bit 1 - Stage whose log receives the source's events.
        #[inline(always)]
        pub fn stage(&mut self) -> StageW<'_, SrcCfgSpec> {
            StageW::new(self, 1)
        }
        ///Bit 2 - How the input produces events.
        #[inline(always)]
        pub fn trig(&mut self) -> TrigW<'_, SrcCfgSpec> {
            TrigW::new(self, 2)
        }
        ///Bits 4:5 - Claim priority of the source; 3 is the highest and ties go to the lowest ID.
        #[inline(always)]
        pub fn prio(&mut self) -> PrioW<'_, SrcCfgSpec> {
            PrioW::new(self, 4)
        }
        ///Bits 8:10 - CPU whose log receives the source's events (0 to NCPU-1).
        #[inline(always)]
        pub fn cpu(&mut self) -> CpuW<'_, SrcCfgSpec> {
            CpuW::new(self, 8)
        }
        ///Bit 16 - Write 1 to change EN with this write (all WE bits 0: every field is written); reads as zero.
        #[inline(always)]
        pub fn we_en(&mut self) -> WeEnW<'_, SrcCfgSpec> {
            WeEnW::new(self, 16)
        }
        ///Bit 17 - Write 1 to change STAGE with this write; reads as zero.
        #[inline(always)]
        pub fn we_stage(&mut self) -> WeStageW<'_, SrcCfgSpec> {
            WeStageW::new(self, 17)
        }
        ///Bit 18 - Write 1 to change TRIG with this write; reads as zero.
        #[inline(always)]
        pub fn we_trig(&mut self) -> WeTrigW<'_, SrcCfgSpec> {
            WeTrigW::new(self, 18)
        }
        ///Bit 20 - Write 1 to change PRIO with this write; reads as zero.
        #[inline(always)]
        pub fn we_prio(&mut self) -> WePrioW<'_, SrcCfgSpec> {
            WePrioW::new(self, 20)
        }
        ///Bit 24 - Write 1 to change CPU with this write; reads as zero.
        #[inline(always)]
        pub fn we_cpu(&mut self) -> WeCpuW<'_, SrcCfgSpec> {
            WeCpuW::new(self, 24)
        }
    }
    ///Routing and trigger configuration of source n, n being the array index; entries at or beyond NSRC answer SLVERR. A write changes the fields whose WE bit is set, or every field when bits 31:16 are all zero, so no read-modify-write is needed; a write naming a CPU at or beyond NCPU (ERR.BAD_CPU), touching an oob source while locked (ERR.LOCKED) or touching an oob source from a Non-secure master (ERR.DENIED) is rejected whole.
    ///
    ///You can [`read`](crate::Reg::read) this register and get [`src_cfg::R`](R). You can [`reset`](crate::Reg::reset), [`write`](crate::Reg::write), [`write_with_zero`](crate::Reg::write_with_zero) this register using [`src_cfg::W`](W). You can also [`modify`](crate::Reg::modify) this register. See [API](https://docs.rs/svd2rust/#read--modify--write-api).
    pub struct SrcCfgSpec;
    impl crate::RegisterSpec for SrcCfgSpec {
        type Ux = u32;
    }
    ///`read()` method returns [`src_cfg::R`](R) reader structure
    impl crate::Readable for SrcCfgSpec {}
    ///`write(|w| ..)` method takes [`src_cfg::W`](W) writer structure
    impl crate::Writable for SrcCfgSpec {
        type Safety = crate::Unsafe;
    }
    ///`reset()` method sets SRC_CFG[%s] to value 0
    impl crate::Resettable for SrcCfgSpec {}
}
///OVERRUN (r) register accessor: Overrun counters of sources 4n to 4n+3, n being the array index, one byte each; cleared through OVERRUN_CLR.
///
///You can [`read`](crate::Reg::read) this register and get [`overrun::R`]. See [API](https://docs.rs/svd2rust/#read--modify--write-api).
///
///For information about available fields see [`mod@overrun`] module
#[doc(alias = "OVERRUN")]
pub type Overrun = crate::Reg<overrun::OverrunSpec>;
///Overrun counters of sources 4n to 4n+3, n being the array index, one byte each; cleared through OVERRUN_CLR.
pub mod overrun {
    ///Register `OVERRUN[%s]` reader
    pub type R = crate::R<OverrunSpec>;
    ///Field `CNT(0-3)` reader - Saturating count (up to 255, or a sticky 1 when HWCFG.OVRW is 1) of edge events of source 4n+i, i being the field index, that were coalesced with an event already pending.
    pub type CntR = crate::FieldReader;
    impl R {
        ///Saturating count (up to 255, or a sticky 1 when HWCFG.OVRW is 1) of edge events of source 4n+i, i being the field index, that were coalesced with an event already pending.
        ///
        ///<div class="warning">`n` is number of field in register. `n == 0` corresponds to `CNT0` field.</div>
        #[inline(always)]
        pub fn cnt(&self, n: u8) -> CntR {
            #[allow(clippy::no_effect)]
            [(); 4][n as usize];
            CntR::new(((self.bits >> (n * 8)) & 0xff) as u8)
        }
        ///Iterator for array of:
        ///Saturating count (up to 255, or a sticky 1 when HWCFG.OVRW is 1) of edge events of source 4n+i, i being the field index, that were coalesced with an event already pending.
        #[inline(always)]
        pub fn cnt_iter(&self) -> impl Iterator<Item = CntR> + '_ {
            (0..4).map(move |n| CntR::new(((self.bits >> (n * 8)) & 0xff) as u8))
        }
        ///Bits 0:7 - Saturating count (up to 255, or a sticky 1 when HWCFG.OVRW is 1) of edge events of source 4n+i, i being the field index, that were coalesced with an event already pending.
        #[inline(always)]
        pub fn cnt0(&self) -> CntR {
            CntR::new((self.bits & 0xff) as u8)
        }
        ///Bits 8:15 - Saturating count (up to 255, or a sticky 1 when HWCFG.OVRW is 1) of edge events of source 4n+i, i being the field index, that were coalesced with an event already pending.
        #[inline(always)]
        pub fn cnt1(&self) -> CntR {
            CntR::new(((self.bits >> 8) & 0xff) as u8)
        }
        ///Bits 16:23 - Saturating count (up to 255, or a sticky 1 when HWCFG.OVRW is 1) of edge events of source 4n+i, i being the field index, that were coalesced with an event already pending.
        #[inline(always)]
        pub fn cnt2(&self) -> CntR {
            CntR::new(((self.bits >> 16) & 0xff) as u8)
        }
        ///Bits 24:31 - Saturating count (up to 255, or a sticky 1 when HWCFG.OVRW is 1) of edge events of source 4n+i, i being the field index, that were coalesced with an event already pending.
        #[inline(always)]
        pub fn cnt3(&self) -> CntR {
            CntR::new(((self.bits >> 24) & 0xff) as u8)
        }
    }
    ///Overrun counters of sources 4n to 4n+3, n being the array index, one byte each; cleared through OVERRUN_CLR.
    ///
    ///You can [`read`](crate::Reg::read) this register and get [`overrun::R`](R). See [API](https://docs.rs/svd2rust/#read--modify--write-api).
    pub struct OverrunSpec;
    impl crate::RegisterSpec for OverrunSpec {
        type Ux = u32;
    }
    ///`read()` method returns [`overrun::R`](R) reader structure
    impl crate::Readable for OverrunSpec {}
    ///`reset()` method sets OVERRUN[%s] to value 0
    impl crate::Resettable for OverrunSpec {}
}
