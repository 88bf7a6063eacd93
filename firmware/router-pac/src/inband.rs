// GENERATED FILE - DO NOT EDIT. Generated from hdl/regmap/irq_router.svd by svd2rust
// (the version in Cargo.lock) through `cargo run -p regmap-gen`; change the SVD
// and regenerate.

#[repr(C)]
///Register block
pub struct RegisterBlock {
    page: (),
}
impl RegisterBlock {
    ///0x00..0x600 - Interface page of CPU c (c being the array index) for this stage; pages of CPUs at or beyond NCPU answer DECERR.
    #[inline(always)]
    pub const fn page(&self, n: usize) -> &Page {
        #[allow(clippy::no_effect)]
        [(); 8][n];
        unsafe { &*core::ptr::from_ref(self).cast::<u8>().add(4096 * n).cast() }
    }
    ///Iterator for array of:
    ///0x00..0x600 - Interface page of CPU c (c being the array index) for this stage; pages of CPUs at or beyond NCPU answer DECERR.
    #[inline(always)]
    pub fn page_iter(&self) -> impl Iterator<Item = &Page> {
        (0..8)
            .map(move |n| unsafe { &*core::ptr::from_ref(self).cast::<u8>().add(4096 * n).cast() })
    }
}
///Interface page of CPU c (c being the array index) for this stage; pages of CPUs at or beyond NCPU answer DECERR.
pub use self::page::Page;
///Cluster
///Interface page of CPU c (c being the array index) for this stage; pages of CPUs at or beyond NCPU answer DECERR.
pub mod page {
    #[repr(C)]
    ///Interface page of CPU c (c being the array index) for this stage; pages of CPUs at or beyond NCPU answer DECERR.
    #[doc(alias = "PAGE")]
    pub struct Page {
        claim: Claim,
        complete: Complete,
        stall: Stall,
        stall_tas: StallTas,
        ipi_send: IpiSend,
        status: Status,
        ipi_pend: IpiPend,
        ipi_overrun: IpiOverrun,
        pend: [Pend; 4],
        _reserved9: [u8; 0x10],
        lat_last: LatLast,
        lat_max: LatMax,
        _reserved11: [u8; 0x38],
        hist: [Hist; 16],
    }
    impl Page {
        ///0x00 - Reading claims the highest-priority deliverable entry of this page's log (ties: lowest ID), removes it from the log, marks a source active and records its latency.
        #[inline(always)]
        pub const fn claim(&self) -> &Claim {
            &self.claim
        }
        ///0x04 - Writing the ID of an active source routed to this page ends its service, so a level source still high logs a new event; any other ID is ignored and sets ERR.BAD_COMPLETE.
        #[inline(always)]
        pub const fn complete(&self) -> &Complete {
            &self.complete
        }
        ///0x08 - Stall and wake bits of this page's stage: while STALL is set and WAKE clear the line stays low (an in-band line also stays low while the CPU's oob stage is stalled) and events are still logged; clearing STALL (or setting WAKE) re-asserts the line at once if the log holds a deliverable entry.
        #[inline(always)]
        pub const fn stall(&self) -> &Stall {
            &self.stall
        }
        ///0x0c - Test-and-stall: reading returns the stall bit and sets it at the same edge, winning over a STALL write that executes at that edge; WAKE is left as it is.
        #[inline(always)]
        pub const fn stall_tas(&self) -> &StallTas {
            &self.stall_tas
        }
        ///0x10 - Writing logs IPI vector VECTOR in stage STAGE of every CPU in CPUMASK; a CPU at or beyond NCPU (ERR.BAD_CPU), a vector at or beyond NIPI (ERR.BAD_VECTOR), or an oob vector that IPI_OOB_NS does not allow to a Non-secure master (ERR.DENIED) rejects the whole write.
        #[inline(always)]
        pub const fn ipi_send(&self) -> &IpiSend {
            &self.ipi_send
        }
        ///0x14 - Line and stall state of this page's CPU and stage.
        #[inline(always)]
        pub const fn status(&self) -> &Status {
            &self.status
        }
        ///0x18 - Pending IPI vectors of this page's log.
        #[inline(always)]
        pub const fn ipi_pend(&self) -> &IpiPend {
            &self.ipi_pend
        }
        ///0x1c - Overrun counter of the IPIs of this page's log; any write clears it.
        #[inline(always)]
        pub const fn ipi_overrun(&self) -> &IpiOverrun {
            &self.ipi_overrun
        }
        ///0x20..0x30 - Pending sources of this page's log among sources 32n to 32n+31, n being the array index; words wholly at or beyond NSRC answer SLVERR.
        #[inline(always)]
        pub const fn pend(&self, n: usize) -> &Pend {
            &self.pend[n]
        }
        ///Iterator for array of:
        ///0x20..0x30 - Pending sources of this page's log among sources 32n to 32n+31, n being the array index; words wholly at or beyond NSRC answer SLVERR.
        #[inline(always)]
        pub fn pend_iter(&self) -> impl Iterator<Item = &Pend> {
            self.pend.iter()
        }
        ///0x40 - Latency, in cycles from event to claim, of the last entry claimed from this page; reads zero without statistics (HWCFG.STATS = 0).
        #[inline(always)]
        pub const fn lat_last(&self) -> &LatLast {
            &self.lat_last
        }
        ///0x44 - Largest claim latency seen on this page since reset or the last clear; any write clears it; reads zero without statistics (HWCFG.STATS = 0).
        #[inline(always)]
        pub const fn lat_max(&self) -> &LatMax {
            &self.lat_max
        }
        ///0x80..0xc0 - Log2 latency histogram of the claims on this page: bucket 0 counts latencies below 2 cycles, bucket b the latencies in \[2^b, 2^(b+1)), and bucket 15 everything from 2^15 on; cleared only by reset (a sweep of the first 32 x NCPU edges, during which it reads zero and counts nothing); reads zero without statistics (HWCFG.STATS = 0).
        #[inline(always)]
        pub const fn hist(&self, n: usize) -> &Hist {
            &self.hist[n]
        }
        ///Iterator for array of:
        ///0x80..0xc0 - Log2 latency histogram of the claims on this page: bucket 0 counts latencies below 2 cycles, bucket b the latencies in \[2^b, 2^(b+1)), and bucket 15 everything from 2^15 on; cleared only by reset (a sweep of the first 32 x NCPU edges, during which it reads zero and counts nothing); reads zero without statistics (HWCFG.STATS = 0).
        #[inline(always)]
        pub fn hist_iter(&self) -> impl Iterator<Item = &Hist> {
            self.hist.iter()
        }
    }
    ///CLAIM (r) register accessor: Reading claims the highest-priority deliverable entry of this page's log (ties: lowest ID), removes it from the log, marks a source active and records its latency.
    ///
    ///You can [`read`](crate::Reg::read) this register and get [`claim::R`]. See [API](https://docs.rs/svd2rust/#read--modify--write-api).
    ///
    ///<div class="warning">The register is <b>modified</b> in some way after a read operation.</div>
    ///
    ///For information about available fields see [`mod@claim`] module
    #[doc(alias = "CLAIM")]
    pub type Claim = crate::Reg<claim::ClaimSpec>;
    ///Reading claims the highest-priority deliverable entry of this page's log (ties: lowest ID), removes it from the log, marks a source active and records its latency.
    pub mod claim {
        ///Register `CLAIM` reader
        pub type R = crate::R<ClaimSpec>;
        ///ID of the claimed entry: source i reads as i, IPI vector v as IPI_BASE + v, and an empty log as NONE.
        ///
        ///Value on reset: 1023
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        #[repr(u16)]
        pub enum ClaimId {
            ///1023: Nothing deliverable was pending.
            None = 1023,
            ///256: IPI vector 0; IDs IPI_BASE + v are IPI vector v.
            IpiBase = 256,
        }
        impl From<ClaimId> for u16 {
            #[inline(always)]
            fn from(variant: ClaimId) -> Self {
                variant as _
            }
        }
        impl crate::FieldSpec for ClaimId {
            type Ux = u16;
        }
        impl crate::IsEnum for ClaimId {}
        ///Field `ID` reader - ID of the claimed entry: source i reads as i, IPI vector v as IPI_BASE + v, and an empty log as NONE.
        pub type IdR = crate::FieldReader<ClaimId>;
        impl IdR {
            ///Get enumerated values variant
            #[inline(always)]
            pub const fn variant(&self) -> Option<ClaimId> {
                match self.bits {
                    1023 => Some(ClaimId::None),
                    256 => Some(ClaimId::IpiBase),
                    _ => None,
                }
            }
            ///Nothing deliverable was pending.
            #[inline(always)]
            pub fn is_none(&self) -> bool {
                *self == ClaimId::None
            }
            ///IPI vector 0; IDs IPI_BASE + v are IPI vector v.
            #[inline(always)]
            pub fn is_ipi_base(&self) -> bool {
                *self == ClaimId::IpiBase
            }
        }
        impl R {
            ///Bits 0:9 - ID of the claimed entry: source i reads as i, IPI vector v as IPI_BASE + v, and an empty log as NONE.
            #[inline(always)]
            pub fn id(&self) -> IdR {
                IdR::new((self.bits & 0x03ff) as u16)
            }
        }
        ///Reading claims the highest-priority deliverable entry of this page's log (ties: lowest ID), removes it from the log, marks a source active and records its latency.
        ///
        ///You can [`read`](crate::Reg::read) this register and get [`claim::R`](R). See [API](https://docs.rs/svd2rust/#read--modify--write-api).
        ///
        ///<div class="warning">The register is <b>modified</b> in some way after a read operation.</div>
        pub struct ClaimSpec;
        impl crate::RegisterSpec for ClaimSpec {
            type Ux = u32;
        }
        ///`read()` method returns [`claim::R`](R) reader structure
        impl crate::Readable for ClaimSpec {}
        ///`reset()` method sets CLAIM to value 0x03ff
        impl crate::Resettable for ClaimSpec {
            const RESET_VALUE: u32 = 0x03ff;
        }
    }
    ///COMPLETE (w) register accessor: Writing the ID of an active source routed to this page ends its service, so a level source still high logs a new event; any other ID is ignored and sets ERR.BAD_COMPLETE.
    ///
    ///You can [`reset`](crate::Reg::reset), [`write`](crate::Reg::write), [`write_with_zero`](crate::Reg::write_with_zero) this register using [`complete::W`]. See [API](https://docs.rs/svd2rust/#read--modify--write-api).
    ///
    ///For information about available fields see [`mod@complete`] module
    #[doc(alias = "COMPLETE")]
    pub type Complete = crate::Reg<complete::CompleteSpec>;
    ///Writing the ID of an active source routed to this page ends its service, so a level source still high logs a new event; any other ID is ignored and sets ERR.BAD_COMPLETE.
    pub mod complete {
        ///Register `COMPLETE` writer
        pub type W = crate::W<CompleteSpec>;
        ///Field `ID` writer - ID of the source being completed, as returned by CLAIM.
        pub type IdW<'a, REG> = crate::FieldWriter<'a, REG, 10, u16, crate::Safe>;
        impl W {
            ///Bits 0:9 - ID of the source being completed, as returned by CLAIM.
            #[inline(always)]
            pub fn id(&mut self) -> IdW<'_, CompleteSpec> {
                IdW::new(self, 0)
            }
        }
        ///Writing the ID of an active source routed to this page ends its service, so a level source still high logs a new event; any other ID is ignored and sets ERR.BAD_COMPLETE.
        ///
        ///You can [`reset`](crate::Reg::reset), [`write`](crate::Reg::write), [`write_with_zero`](crate::Reg::write_with_zero) this register using [`complete::W`](W). See [API](https://docs.rs/svd2rust/#read--modify--write-api).
        pub struct CompleteSpec;
        impl crate::RegisterSpec for CompleteSpec {
            type Ux = u32;
        }
        ///`write(|w| ..)` method takes [`complete::W`](W) writer structure
        impl crate::Writable for CompleteSpec {
            type Safety = crate::Unsafe;
        }
        ///`reset()` method sets COMPLETE to value 0
        impl crate::Resettable for CompleteSpec {}
    }
    ///STALL (rw) register accessor: Stall and wake bits of this page's stage: while STALL is set and WAKE clear the line stays low (an in-band line also stays low while the CPU's oob stage is stalled) and events are still logged; clearing STALL (or setting WAKE) re-asserts the line at once if the log holds a deliverable entry.
    ///
    ///You can [`read`](crate::Reg::read) this register and get [`stall::R`]. You can [`reset`](crate::Reg::reset), [`write`](crate::Reg::write), [`write_with_zero`](crate::Reg::write_with_zero) this register using [`stall::W`]. You can also [`modify`](crate::Reg::modify) this register. See [API](https://docs.rs/svd2rust/#read--modify--write-api).
    ///
    ///For information about available fields see [`mod@stall`] module
    #[doc(alias = "STALL")]
    pub type Stall = crate::Reg<stall::StallSpec>;
    ///Stall and wake bits of this page's stage: while STALL is set and WAKE clear the line stays low (an in-band line also stays low while the CPU's oob stage is stalled) and events are still logged; clearing STALL (or setting WAKE) re-asserts the line at once if the log holds a deliverable entry.
    pub mod stall {
        ///Register `STALL` reader
        pub type R = crate::R<StallSpec>;
        ///Register `STALL` writer
        pub type W = crate::W<StallSpec>;
        ///Field `STALL` reader - 1 stalls the stage (reset value: nothing is delivered until software unstalls), 0 lets the line follow the log.
        pub type StallR = crate::BitReader;
        ///Field `STALL` writer - 1 stalls the stage (reset value: nothing is delivered until software unstalls), 0 lets the line follow the log.
        pub type StallW<'a, REG> = crate::BitWriter<'a, REG>;
        ///Field `WAKE` reader - Idle wake: 1 lets the line follow the log even while the stage is stalled, so a CPU waiting in WFI with its stage stalled wakes on a logged event (spec section 11); reset 0, set and cleared by software.
        pub type WakeR = crate::BitReader;
        ///Field `WAKE` writer - Idle wake: 1 lets the line follow the log even while the stage is stalled, so a CPU waiting in WFI with its stage stalled wakes on a logged event (spec section 11); reset 0, set and cleared by software.
        pub type WakeW<'a, REG> = crate::BitWriter<'a, REG>;
        impl R {
            ///Bit 0 - 1 stalls the stage (reset value: nothing is delivered until software unstalls), 0 lets the line follow the log.
            #[inline(always)]
            pub fn stall(&self) -> StallR {
                StallR::new((self.bits & 1) != 0)
            }
            ///Bit 1 - Idle wake: 1 lets the line follow the log even while the stage is stalled, so a CPU waiting in WFI with its stage stalled wakes on a logged event (spec section 11); reset 0, set and cleared by software.
            #[inline(always)]
            pub fn wake(&self) -> WakeR {
                WakeR::new(((self.bits >> 1) & 1) != 0)
            }
        }
        impl W {
            ///Bit 0 - 1 stalls the stage (reset value: nothing is delivered until software unstalls), 0 lets the line follow the log.
            #[inline(always)]
            pub fn stall(&mut self) -> StallW<'_, StallSpec> {
                StallW::new(self, 0)
            }
            ///Bit 1 - Idle wake: 1 lets the line follow the log even while the stage is stalled, so a CPU waiting in WFI with its stage stalled wakes on a logged event (spec section 11); reset 0, set and cleared by software.
            #[inline(always)]
            pub fn wake(&mut self) -> WakeW<'_, StallSpec> {
                WakeW::new(self, 1)
            }
        }
        ///Stall and wake bits of this page's stage: while STALL is set and WAKE clear the line stays low (an in-band line also stays low while the CPU's oob stage is stalled) and events are still logged; clearing STALL (or setting WAKE) re-asserts the line at once if the log holds a deliverable entry.
        ///
        ///You can [`read`](crate::Reg::read) this register and get [`stall::R`](R). You can [`reset`](crate::Reg::reset), [`write`](crate::Reg::write), [`write_with_zero`](crate::Reg::write_with_zero) this register using [`stall::W`](W). You can also [`modify`](crate::Reg::modify) this register. See [API](https://docs.rs/svd2rust/#read--modify--write-api).
        pub struct StallSpec;
        impl crate::RegisterSpec for StallSpec {
            type Ux = u32;
        }
        ///`read()` method returns [`stall::R`](R) reader structure
        impl crate::Readable for StallSpec {}
        ///`write(|w| ..)` method takes [`stall::W`](W) writer structure
        impl crate::Writable for StallSpec {
            type Safety = crate::Unsafe;
        }
        ///`reset()` method sets STALL to value 0x01
        impl crate::Resettable for StallSpec {
            const RESET_VALUE: u32 = 0x01;
        }
    }
    ///STALL_TAS (r) register accessor: Test-and-stall: reading returns the stall bit and sets it at the same edge, winning over a STALL write that executes at that edge; WAKE is left as it is.
    ///
    ///You can [`read`](crate::Reg::read) this register and get [`stall_tas::R`]. See [API](https://docs.rs/svd2rust/#read--modify--write-api).
    ///
    ///<div class="warning">The register is <b>modified</b> in some way after a read operation.</div>
    ///
    ///For information about available fields see [`mod@stall_tas`] module
    #[doc(alias = "STALL_TAS")]
    pub type StallTas = crate::Reg<stall_tas::StallTasSpec>;
    ///Test-and-stall: reading returns the stall bit and sets it at the same edge, winning over a STALL write that executes at that edge; WAKE is left as it is.
    pub mod stall_tas {
        ///Register `STALL_TAS` reader
        pub type R = crate::R<StallTasSpec>;
        ///Field `WAS_STALLED` reader - The stall bit as it was before this read stalled the stage.
        pub type WasStalledR = crate::BitReader;
        impl R {
            ///Bit 0 - The stall bit as it was before this read stalled the stage.
            #[inline(always)]
            pub fn was_stalled(&self) -> WasStalledR {
                WasStalledR::new((self.bits & 1) != 0)
            }
        }
        ///Test-and-stall: reading returns the stall bit and sets it at the same edge, winning over a STALL write that executes at that edge; WAKE is left as it is.
        ///
        ///You can [`read`](crate::Reg::read) this register and get [`stall_tas::R`](R). See [API](https://docs.rs/svd2rust/#read--modify--write-api).
        ///
        ///<div class="warning">The register is <b>modified</b> in some way after a read operation.</div>
        pub struct StallTasSpec;
        impl crate::RegisterSpec for StallTasSpec {
            type Ux = u32;
        }
        ///`read()` method returns [`stall_tas::R`](R) reader structure
        impl crate::Readable for StallTasSpec {}
        ///`reset()` method sets STALL_TAS to value 0x01
        impl crate::Resettable for StallTasSpec {
            const RESET_VALUE: u32 = 0x01;
        }
    }
    ///IPI_SEND (w) register accessor: Writing logs IPI vector VECTOR in stage STAGE of every CPU in CPUMASK; a CPU at or beyond NCPU (ERR.BAD_CPU), a vector at or beyond NIPI (ERR.BAD_VECTOR), or an oob vector that IPI_OOB_NS does not allow to a Non-secure master (ERR.DENIED) rejects the whole write.
    ///
    ///You can [`reset`](crate::Reg::reset), [`write`](crate::Reg::write), [`write_with_zero`](crate::Reg::write_with_zero) this register using [`ipi_send::W`]. See [API](https://docs.rs/svd2rust/#read--modify--write-api).
    ///
    ///For information about available fields see [`mod@ipi_send`] module
    #[doc(alias = "IPI_SEND")]
    pub type IpiSend = crate::Reg<ipi_send::IpiSendSpec>;
    ///Writing logs IPI vector VECTOR in stage STAGE of every CPU in CPUMASK; a CPU at or beyond NCPU (ERR.BAD_CPU), a vector at or beyond NIPI (ERR.BAD_VECTOR), or an oob vector that IPI_OOB_NS does not allow to a Non-secure master (ERR.DENIED) rejects the whole write.
    pub mod ipi_send {
        ///Register `IPI_SEND` writer
        pub type W = crate::W<IpiSendSpec>;
        ///Field `CPUMASK` writer - Target CPUs, bit c for CPU c; an empty mask does nothing.
        pub type CpumaskW<'a, REG> = crate::FieldWriter<'a, REG, 8, u8, crate::Safe>;
        ///Field `VECTOR` writer - IPI vector to log in each target's log.
        pub type VectorW<'a, REG> = crate::FieldWriter<'a, REG, 4, u8, crate::Safe>;
        ///Stage of the targets' logs that receives the IPI; in-band pages may send oob IPIs too (Non-secure masters only the vectors IPI_OOB_NS allows).
        ///
        ///Value on reset: 0
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum IpiStage {
            ///0: In-band stage (Linux).
            Inband = 0,
            ///1: Out-of-band stage (the real-time core).
            Oob = 1,
        }
        impl From<IpiStage> for bool {
            #[inline(always)]
            fn from(variant: IpiStage) -> Self {
                variant as u8 != 0
            }
        }
        ///Field `STAGE` writer - Stage of the targets' logs that receives the IPI; in-band pages may send oob IPIs too (Non-secure masters only the vectors IPI_OOB_NS allows).
        pub type StageW<'a, REG> = crate::BitWriter<'a, REG, IpiStage>;
        impl<'a, REG> StageW<'a, REG>
        where
            REG: crate::Writable + crate::RegisterSpec,
        {
            ///In-band stage (Linux).
            #[inline(always)]
            pub fn inband(self) -> &'a mut crate::W<REG> {
                self.variant(IpiStage::Inband)
            }
            ///Out-of-band stage (the real-time core).
            #[inline(always)]
            pub fn oob(self) -> &'a mut crate::W<REG> {
                self.variant(IpiStage::Oob)
            }
        }
        impl W {
            ///Bits 0:7 - Target CPUs, bit c for CPU c; an empty mask does nothing.
            #[inline(always)]
            pub fn cpumask(&mut self) -> CpumaskW<'_, IpiSendSpec> {
                CpumaskW::new(self, 0)
            }
            ///Bits 16:19 - IPI vector to log in each target's log.
            #[inline(always)]
            pub fn vector(&mut self) -> VectorW<'_, IpiSendSpec> {
                VectorW::new(self, 16)
            }
            ///Bit 24 - Stage of the targets' logs that receives the IPI; in-band pages may send oob IPIs too (Non-secure masters only the vectors IPI_OOB_NS allows).
            #[inline(always)]
            pub fn stage(&mut self) -> StageW<'_, IpiSendSpec> {
                StageW::new(self, 24)
            }
        }
        ///Writing logs IPI vector VECTOR in stage STAGE of every CPU in CPUMASK; a CPU at or beyond NCPU (ERR.BAD_CPU), a vector at or beyond NIPI (ERR.BAD_VECTOR), or an oob vector that IPI_OOB_NS does not allow to a Non-secure master (ERR.DENIED) rejects the whole write.
        ///
        ///You can [`reset`](crate::Reg::reset), [`write`](crate::Reg::write), [`write_with_zero`](crate::Reg::write_with_zero) this register using [`ipi_send::W`](W). See [API](https://docs.rs/svd2rust/#read--modify--write-api).
        pub struct IpiSendSpec;
        impl crate::RegisterSpec for IpiSendSpec {
            type Ux = u32;
        }
        ///`write(|w| ..)` method takes [`ipi_send::W`](W) writer structure
        impl crate::Writable for IpiSendSpec {
            type Safety = crate::Unsafe;
        }
        ///`reset()` method sets IPI_SEND to value 0
        impl crate::Resettable for IpiSendSpec {}
    }
    ///STATUS (r) register accessor: Line and stall state of this page's CPU and stage.
    ///
    ///You can [`read`](crate::Reg::read) this register and get [`status::R`]. See [API](https://docs.rs/svd2rust/#read--modify--write-api).
    ///
    ///For information about available fields see [`mod@status`] module
    #[doc(alias = "STATUS")]
    pub type Status = crate::Reg<status::StatusSpec>;
    ///Line and stall state of this page's CPU and stage.
    pub mod status {
        ///Register `STATUS` reader
        pub type R = crate::R<StatusSpec>;
        ///Field `LINE` reader - Current level of this page's interrupt output line.
        pub type LineR = crate::BitReader;
        ///Field `DELIVERABLE` reader - The log holds an enabled pending source or a pending IPI, so a CLAIM would return an entry.
        pub type DeliverableR = crate::BitReader;
        ///Field `STALLED` reader - Stall bit of this page's stage.
        pub type StalledR = crate::BitReader;
        ///Field `OOB_STALLED` reader - Stall bit of the oob stage of the same CPU, which also holds off the in-band line.
        pub type OobStalledR = crate::BitReader;
        ///Field `WAKE` reader - Wake bit of this page's stage (STALL.WAKE).
        pub type WakeR = crate::BitReader;
        impl R {
            ///Bit 0 - Current level of this page's interrupt output line.
            #[inline(always)]
            pub fn line(&self) -> LineR {
                LineR::new((self.bits & 1) != 0)
            }
            ///Bit 1 - The log holds an enabled pending source or a pending IPI, so a CLAIM would return an entry.
            #[inline(always)]
            pub fn deliverable(&self) -> DeliverableR {
                DeliverableR::new(((self.bits >> 1) & 1) != 0)
            }
            ///Bit 2 - Stall bit of this page's stage.
            #[inline(always)]
            pub fn stalled(&self) -> StalledR {
                StalledR::new(((self.bits >> 2) & 1) != 0)
            }
            ///Bit 3 - Stall bit of the oob stage of the same CPU, which also holds off the in-band line.
            #[inline(always)]
            pub fn oob_stalled(&self) -> OobStalledR {
                OobStalledR::new(((self.bits >> 3) & 1) != 0)
            }
            ///Bit 4 - Wake bit of this page's stage (STALL.WAKE).
            #[inline(always)]
            pub fn wake(&self) -> WakeR {
                WakeR::new(((self.bits >> 4) & 1) != 0)
            }
        }
        ///Line and stall state of this page's CPU and stage.
        ///
        ///You can [`read`](crate::Reg::read) this register and get [`status::R`](R). See [API](https://docs.rs/svd2rust/#read--modify--write-api).
        pub struct StatusSpec;
        impl crate::RegisterSpec for StatusSpec {
            type Ux = u32;
        }
        ///`read()` method returns [`status::R`](R) reader structure
        impl crate::Readable for StatusSpec {}
        ///`reset()` method sets STATUS to value 0x0c
        impl crate::Resettable for StatusSpec {
            const RESET_VALUE: u32 = 0x0c;
        }
    }
    ///IPI_PEND (r) register accessor: Pending IPI vectors of this page's log.
    ///
    ///You can [`read`](crate::Reg::read) this register and get [`ipi_pend::R`]. See [API](https://docs.rs/svd2rust/#read--modify--write-api).
    ///
    ///For information about available fields see [`mod@ipi_pend`] module
    #[doc(alias = "IPI_PEND")]
    pub type IpiPend = crate::Reg<ipi_pend::IpiPendSpec>;
    ///Pending IPI vectors of this page's log.
    pub mod ipi_pend {
        ///Register `IPI_PEND` reader
        pub type R = crate::R<IpiPendSpec>;
        ///Field `PENDING` reader - Bit v is set while IPI vector v is pending; bits at or beyond NIPI read as zero.
        pub type PendingR = crate::FieldReader<u16>;
        impl R {
            ///Bits 0:15 - Bit v is set while IPI vector v is pending; bits at or beyond NIPI read as zero.
            #[inline(always)]
            pub fn pending(&self) -> PendingR {
                PendingR::new((self.bits & 0xffff) as u16)
            }
        }
        ///Pending IPI vectors of this page's log.
        ///
        ///You can [`read`](crate::Reg::read) this register and get [`ipi_pend::R`](R). See [API](https://docs.rs/svd2rust/#read--modify--write-api).
        pub struct IpiPendSpec;
        impl crate::RegisterSpec for IpiPendSpec {
            type Ux = u32;
        }
        ///`read()` method returns [`ipi_pend::R`](R) reader structure
        impl crate::Readable for IpiPendSpec {}
        ///`reset()` method sets IPI_PEND to value 0
        impl crate::Resettable for IpiPendSpec {}
    }
    ///IPI_OVERRUN (rw) register accessor: Overrun counter of the IPIs of this page's log; any write clears it.
    ///
    ///You can [`read`](crate::Reg::read) this register and get [`ipi_overrun::R`]. You can [`reset`](crate::Reg::reset), [`write`](crate::Reg::write), [`write_with_zero`](crate::Reg::write_with_zero) this register using [`ipi_overrun::W`]. You can also [`modify`](crate::Reg::modify) this register. See [API](https://docs.rs/svd2rust/#read--modify--write-api).
    ///
    ///For information about available fields see [`mod@ipi_overrun`] module
    #[doc(alias = "IPI_OVERRUN")]
    pub type IpiOverrun = crate::Reg<ipi_overrun::IpiOverrunSpec>;
    ///Overrun counter of the IPIs of this page's log; any write clears it.
    pub mod ipi_overrun {
        ///Register `IPI_OVERRUN` reader
        pub type R = crate::R<IpiOverrunSpec>;
        ///Register `IPI_OVERRUN` writer
        pub type W = crate::W<IpiOverrunSpec>;
        ///Field `CNT` reader - Saturating count (up to 255, or a sticky 1 when HWCFG.OVRW is 1) of IPIs coalesced with the same vector already pending.
        pub type CntR = crate::FieldReader;
        ///Field `CNT` writer - Saturating count (up to 255, or a sticky 1 when HWCFG.OVRW is 1) of IPIs coalesced with the same vector already pending.
        pub type CntW<'a, REG> = crate::FieldWriter<'a, REG, 8, u8, crate::Safe>;
        impl R {
            ///Bits 0:7 - Saturating count (up to 255, or a sticky 1 when HWCFG.OVRW is 1) of IPIs coalesced with the same vector already pending.
            #[inline(always)]
            pub fn cnt(&self) -> CntR {
                CntR::new((self.bits & 0xff) as u8)
            }
        }
        impl W {
            ///Bits 0:7 - Saturating count (up to 255, or a sticky 1 when HWCFG.OVRW is 1) of IPIs coalesced with the same vector already pending.
            #[inline(always)]
            pub fn cnt(&mut self) -> CntW<'_, IpiOverrunSpec> {
                CntW::new(self, 0)
            }
        }
        ///Overrun counter of the IPIs of this page's log; any write clears it.
        ///
        ///You can [`read`](crate::Reg::read) this register and get [`ipi_overrun::R`](R). You can [`reset`](crate::Reg::reset), [`write`](crate::Reg::write), [`write_with_zero`](crate::Reg::write_with_zero) this register using [`ipi_overrun::W`](W). You can also [`modify`](crate::Reg::modify) this register. See [API](https://docs.rs/svd2rust/#read--modify--write-api).
        pub struct IpiOverrunSpec;
        impl crate::RegisterSpec for IpiOverrunSpec {
            type Ux = u32;
        }
        ///`read()` method returns [`ipi_overrun::R`](R) reader structure
        impl crate::Readable for IpiOverrunSpec {}
        ///`write(|w| ..)` method takes [`ipi_overrun::W`](W) writer structure
        impl crate::Writable for IpiOverrunSpec {
            type Safety = crate::Unsafe;
        }
        ///`reset()` method sets IPI_OVERRUN to value 0
        impl crate::Resettable for IpiOverrunSpec {}
    }
    ///PEND (r) register accessor: Pending sources of this page's log among sources 32n to 32n+31, n being the array index; words wholly at or beyond NSRC answer SLVERR.
    ///
    ///You can [`read`](crate::Reg::read) this register and get [`pend::R`]. See [API](https://docs.rs/svd2rust/#read--modify--write-api).
    ///
    ///For information about available fields see [`mod@pend`] module
    #[doc(alias = "PEND")]
    pub type Pend = crate::Reg<pend::PendSpec>;
    ///Pending sources of this page's log among sources 32n to 32n+31, n being the array index; words wholly at or beyond NSRC answer SLVERR.
    pub mod pend {
        ///Register `PEND[%s]` reader
        pub type R = crate::R<PendSpec>;
        ///Field `VALUE` reader - Bit j is set while source 32n+j is pending and routed to this page.
        pub type ValueR = crate::FieldReader<u32>;
        impl R {
            ///Bits 0:31 - Bit j is set while source 32n+j is pending and routed to this page.
            #[inline(always)]
            pub fn value(&self) -> ValueR {
                ValueR::new(self.bits)
            }
        }
        ///Pending sources of this page's log among sources 32n to 32n+31, n being the array index; words wholly at or beyond NSRC answer SLVERR.
        ///
        ///You can [`read`](crate::Reg::read) this register and get [`pend::R`](R). See [API](https://docs.rs/svd2rust/#read--modify--write-api).
        pub struct PendSpec;
        impl crate::RegisterSpec for PendSpec {
            type Ux = u32;
        }
        ///`read()` method returns [`pend::R`](R) reader structure
        impl crate::Readable for PendSpec {}
        ///`reset()` method sets PEND[%s] to value 0
        impl crate::Resettable for PendSpec {}
    }
    ///LAT_LAST (r) register accessor: Latency, in cycles from event to claim, of the last entry claimed from this page; reads zero without statistics (HWCFG.STATS = 0).
    ///
    ///You can [`read`](crate::Reg::read) this register and get [`lat_last::R`]. See [API](https://docs.rs/svd2rust/#read--modify--write-api).
    ///
    ///For information about available fields see [`mod@lat_last`] module
    #[doc(alias = "LAT_LAST")]
    pub type LatLast = crate::Reg<lat_last::LatLastSpec>;
    ///Latency, in cycles from event to claim, of the last entry claimed from this page; reads zero without statistics (HWCFG.STATS = 0).
    pub mod lat_last {
        ///Register `LAT_LAST` reader
        pub type R = crate::R<LatLastSpec>;
        ///Field `VALUE` reader - Latency in cycles, TSW bits wide (upper bits read as zero); waits of 2^TSW cycles or more wrap.
        pub type ValueR = crate::FieldReader<u32>;
        impl R {
            ///Bits 0:31 - Latency in cycles, TSW bits wide (upper bits read as zero); waits of 2^TSW cycles or more wrap.
            #[inline(always)]
            pub fn value(&self) -> ValueR {
                ValueR::new(self.bits)
            }
        }
        ///Latency, in cycles from event to claim, of the last entry claimed from this page; reads zero without statistics (HWCFG.STATS = 0).
        ///
        ///You can [`read`](crate::Reg::read) this register and get [`lat_last::R`](R). See [API](https://docs.rs/svd2rust/#read--modify--write-api).
        pub struct LatLastSpec;
        impl crate::RegisterSpec for LatLastSpec {
            type Ux = u32;
        }
        ///`read()` method returns [`lat_last::R`](R) reader structure
        impl crate::Readable for LatLastSpec {}
        ///`reset()` method sets LAT_LAST to value 0
        impl crate::Resettable for LatLastSpec {}
    }
    ///LAT_MAX (rw) register accessor: Largest claim latency seen on this page since reset or the last clear; any write clears it; reads zero without statistics (HWCFG.STATS = 0).
    ///
    ///You can [`read`](crate::Reg::read) this register and get [`lat_max::R`]. You can [`reset`](crate::Reg::reset), [`write`](crate::Reg::write), [`write_with_zero`](crate::Reg::write_with_zero) this register using [`lat_max::W`]. You can also [`modify`](crate::Reg::modify) this register. See [API](https://docs.rs/svd2rust/#read--modify--write-api).
    ///
    ///For information about available fields see [`mod@lat_max`] module
    #[doc(alias = "LAT_MAX")]
    pub type LatMax = crate::Reg<lat_max::LatMaxSpec>;
    ///Largest claim latency seen on this page since reset or the last clear; any write clears it; reads zero without statistics (HWCFG.STATS = 0).
    pub mod lat_max {
        ///Register `LAT_MAX` reader
        pub type R = crate::R<LatMaxSpec>;
        ///Register `LAT_MAX` writer
        pub type W = crate::W<LatMaxSpec>;
        ///Field `VALUE` reader - Maximum latency in cycles, TSW bits wide (upper bits read as zero).
        pub type ValueR = crate::FieldReader<u32>;
        ///Field `VALUE` writer - Maximum latency in cycles, TSW bits wide (upper bits read as zero).
        pub type ValueW<'a, REG> = crate::FieldWriter<'a, REG, 32, u32, crate::Safe>;
        impl R {
            ///Bits 0:31 - Maximum latency in cycles, TSW bits wide (upper bits read as zero).
            #[inline(always)]
            pub fn value(&self) -> ValueR {
                ValueR::new(self.bits)
            }
        }
        impl W {
            ///Bits 0:31 - Maximum latency in cycles, TSW bits wide (upper bits read as zero).
            #[inline(always)]
            pub fn value(&mut self) -> ValueW<'_, LatMaxSpec> {
                ValueW::new(self, 0)
            }
        }
        ///Largest claim latency seen on this page since reset or the last clear; any write clears it; reads zero without statistics (HWCFG.STATS = 0).
        ///
        ///You can [`read`](crate::Reg::read) this register and get [`lat_max::R`](R). You can [`reset`](crate::Reg::reset), [`write`](crate::Reg::write), [`write_with_zero`](crate::Reg::write_with_zero) this register using [`lat_max::W`](W). You can also [`modify`](crate::Reg::modify) this register. See [API](https://docs.rs/svd2rust/#read--modify--write-api).
        pub struct LatMaxSpec;
        impl crate::RegisterSpec for LatMaxSpec {
            type Ux = u32;
        }
        ///`read()` method returns [`lat_max::R`](R) reader structure
        impl crate::Readable for LatMaxSpec {}
        ///`write(|w| ..)` method takes [`lat_max::W`](W) writer structure
        impl crate::Writable for LatMaxSpec {
            type Safety = crate::Safe;
        }
        ///`reset()` method sets LAT_MAX to value 0
        impl crate::Resettable for LatMaxSpec {}
    }
    ///HIST (r) register accessor: Log2 latency histogram of the claims on this page: bucket 0 counts latencies below 2 cycles, bucket b the latencies in \[2^b, 2^(b+1)), and bucket 15 everything from 2^15 on; cleared only by reset (a sweep of the first 32 x NCPU edges, during which it reads zero and counts nothing); reads zero without statistics (HWCFG.STATS = 0).
    ///
    ///You can [`read`](crate::Reg::read) this register and get [`hist::R`]. See [API](https://docs.rs/svd2rust/#read--modify--write-api).
    ///
    ///For information about available fields see [`mod@hist`] module
    #[doc(alias = "HIST")]
    pub type Hist = crate::Reg<hist::HistSpec>;
    ///Log2 latency histogram of the claims on this page: bucket 0 counts latencies below 2 cycles, bucket b the latencies in \[2^b, 2^(b+1)), and bucket 15 everything from 2^15 on; cleared only by reset (a sweep of the first 32 x NCPU edges, during which it reads zero and counts nothing); reads zero without statistics (HWCFG.STATS = 0).
    pub mod hist {
        ///Register `HIST[%s]` reader
        pub type R = crate::R<HistSpec>;
        ///Field `COUNT` reader - Number of claims in this bucket, wrapping at 2^32 (software takes differences).
        pub type CountR = crate::FieldReader<u32>;
        impl R {
            ///Bits 0:31 - Number of claims in this bucket, wrapping at 2^32 (software takes differences).
            #[inline(always)]
            pub fn count(&self) -> CountR {
                CountR::new(self.bits)
            }
        }
        ///Log2 latency histogram of the claims on this page: bucket 0 counts latencies below 2 cycles, bucket b the latencies in \[2^b, 2^(b+1)), and bucket 15 everything from 2^15 on; cleared only by reset (a sweep of the first 32 x NCPU edges, during which it reads zero and counts nothing); reads zero without statistics (HWCFG.STATS = 0).
        ///
        ///You can [`read`](crate::Reg::read) this register and get [`hist::R`](R). See [API](https://docs.rs/svd2rust/#read--modify--write-api).
        pub struct HistSpec;
        impl crate::RegisterSpec for HistSpec {
            type Ux = u32;
        }
        ///`read()` method returns [`hist::R`](R) reader structure
        impl crate::Readable for HistSpec {}
        ///`reset()` method sets HIST[%s] to value 0
        impl crate::Resettable for HistSpec {}
    }
}
