//! One CPU's interface to one stage: a 4 KiB page of the router.

use crate::access::RegAccess;
use crate::config::{CpuMask, HwConfig, Stage};
use crate::error::Error;
use crate::id::Claim;
use irq_router_layout as l;

/// The page of (`cpu`, `stage`). Obtained from [`crate::Router::page`]; the
/// in-band pages are what Linux maps, the oob pages only the oob core.
#[derive(Debug, Clone)]
pub struct Page<A> {
    io: A,
    base: u32,
    cpu: u8,
    stage: Stage,
    hw: HwConfig,
}

/// STATUS of a page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PageStatus {
    /// The line to the GIC is asserted.
    pub line: bool,
    /// The log holds a deliverable entry.
    pub deliverable: bool,
    /// This stage is stalled.
    pub stalled: bool,
    /// The CPU's oob stage is stalled (which also holds the in-band line low).
    pub oob_stalled: bool,
    /// The idle wake is armed ([`Page::arm_idle_wake`]).
    pub wake: bool,
}

/// What one [`Page::service`] pass did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ServiceStats {
    /// Sources claimed, handled and completed.
    pub sources: u32,
    /// IPIs claimed and handled.
    pub ipis: u32,
    /// The first claim found nothing: the interrupt was spurious (already
    /// claimed elsewhere, or the line fell before the CPU took it).
    pub spurious: bool,
    /// IDs outside the interface (a broken device): the pass stopped there.
    pub invalid: u32,
    /// The pass stopped at its budget with entries possibly left; the line
    /// stays asserted, so the CPU is interrupted again.
    pub budget_exhausted: bool,
}

fn bit(v: u32, lsb: u32) -> bool {
    v >> lsb & 1 != 0
}

impl<A: RegAccess> Page<A> {
    pub(crate) fn new(io: A, cpu: u8, stage: Stage, hw: HwConfig) -> Page<A> {
        let base = stage.window() + cpu as u32 * l::PAGE_STRIDE;
        Page { io, base, cpu, stage, hw }
    }

    pub fn cpu(&self) -> u8 {
        self.cpu
    }

    pub fn stage(&self) -> Stage {
        self.stage
    }

    fn read(&mut self, off: u32) -> u32 {
        self.io.read(self.base + off)
    }

    fn write(&mut self, off: u32, v: u32) {
        self.io.write(self.base + off, v)
    }

    /// Takes the highest-priority deliverable entry out of the log.
    pub fn claim(&mut self) -> Claim {
        let raw = self.read(l::PAGE_CLAIM_OFFSET);
        Claim::decode(raw, self.hw.nsrc, self.hw.nipi)
    }

    /// Ends the service of a claimed source, so a level source still
    /// asserted is logged again.
    pub fn complete(&mut self, src: u16) -> Result<(), Error> {
        if src >= self.hw.nsrc {
            return Err(Error::NoSuchSource(src));
        }
        self.write(l::PAGE_COMPLETE_OFFSET, (src as u32) << l::PAGE_COMPLETE_ID_LSB);
        Ok(())
    }

    /// Claims and handles entries until the log is empty or `budget` entries
    /// were taken, completing each source after its handler returns.
    ///
    /// The budget bounds the time spent in one interrupt: whatever is left
    /// keeps the line asserted and is taken on the next entry, after
    /// higher-priority work had its chance. A `Claim::Invalid` stops the pass
    /// at once: a device returning garbage must not be looped on.
    pub fn service(&mut self, budget: u32, mut handler: impl FnMut(Claim)) -> ServiceStats {
        let mut st = ServiceStats::default();
        for n in 0..budget {
            match self.claim() {
                Claim::None => {
                    st.spurious = n == 0;
                    return st;
                }
                Claim::Invalid(_) => {
                    st.invalid += 1;
                    return st;
                }
                c @ Claim::Source(src) => {
                    handler(c);
                    // `src` came from the router itself, so it is in range.
                    let _ = self.complete(src);
                    st.sources += 1;
                }
                c @ Claim::Ipi(_) => {
                    handler(c);
                    st.ipis += 1;
                }
            }
        }
        st.budget_exhausted = true;
        st
    }

    // -- virtualized irqflags ------------------------------------------------

    /// Stalls the stage (Dovetail's `stall_inband()` / `stall_oob()`): the
    /// line drops, events keep being logged. The write is posted: the line
    /// may still interrupt the CPU once after this returns, which the caller
    /// must tolerate (see [`Page::stall_sync`]). Disarms the idle wake.
    pub fn stall(&mut self) {
        self.write(l::PAGE_STALL_OFFSET, 1 << l::PAGE_STALL_STALL_LSB);
    }

    /// Stalls and waits for the router to have taken the write, by reading
    /// back: after this returns the line is low (the read completes after the
    /// write on the same device, Device-nGnRE ordering).
    pub fn stall_sync(&mut self) {
        self.stall();
        let _ = self.read(l::PAGE_STALL_OFFSET);
    }

    /// Unstalls the stage; anything logged meanwhile is replayed (the line
    /// rises as the write executes). Disarms the idle wake.
    pub fn unstall(&mut self) {
        self.write(l::PAGE_STALL_OFFSET, 0);
    }

    /// Stalls and returns whether the stage was already stalled, in one bus
    /// access (Dovetail's `test_and_stall_*()`).
    pub fn test_and_stall(&mut self) -> bool {
        bit(self.read(l::PAGE_STALL_TAS_OFFSET), l::PAGE_STALL_TAS_WAS_STALLED_LSB)
    }

    /// Puts back the state a [`Page::test_and_stall`] returned (the
    /// `local_irq_restore()` pattern).
    pub fn restore(&mut self, was_stalled: bool) {
        if !was_stalled {
            self.unstall();
        }
    }

    pub fn is_stalled(&mut self) -> bool {
        bit(self.read(l::PAGE_STALL_OFFSET), l::PAGE_STALL_STALL_LSB)
    }

    // -- idle wake (spec §11) -------------------------------------------------

    /// Before WFI with the stage stalled and hard IRQs off: keeps the stage
    /// stalled but lets its line follow the log, so a logged event (already
    /// there or arriving later) raises the line and the pending GIC
    /// interrupt ends the WFI. Returns whether the log already holds
    /// something (then the caller may skip the WFI).
    pub fn arm_idle_wake(&mut self) -> bool {
        self.write(
            l::PAGE_STALL_OFFSET,
            1 << l::PAGE_STALL_STALL_LSB | 1 << l::PAGE_STALL_WAKE_LSB,
        );
        self.status().deliverable
    }

    /// After the WFI: disarms the wake, leaving the stage stalled, or
    /// unstalled if `unstall` (then the log replays as the write executes).
    pub fn disarm_idle_wake(&mut self, unstall: bool) {
        if unstall {
            self.unstall();
        } else {
            self.stall();
        }
    }

    pub fn status(&mut self) -> PageStatus {
        let s = self.read(l::PAGE_STATUS_OFFSET);
        PageStatus {
            line: bit(s, l::PAGE_STATUS_LINE_LSB),
            deliverable: bit(s, l::PAGE_STATUS_DELIVERABLE_LSB),
            stalled: bit(s, l::PAGE_STATUS_STALLED_LSB),
            oob_stalled: bit(s, l::PAGE_STATUS_OOB_STALLED_LSB),
            wake: bit(s, l::PAGE_STATUS_WAKE_LSB),
        }
    }

    // -- IPIs ------------------------------------------------------------------

    /// Logs IPI `vector` in `stage` of every CPU in `cpus`. Checked here, so
    /// the router never has to reject it.
    pub fn send_ipi(&mut self, cpus: CpuMask, stage: Stage, vector: u8) -> Result<(), Error> {
        if let Some(c) = (0..8).find(|c| cpus.0 >> c & 1 != 0 && *c >= self.hw.ncpu) {
            return Err(Error::NoSuchCpu(c));
        }
        if vector >= self.hw.nipi {
            return Err(Error::NoSuchVector(vector));
        }
        let v = (cpus.0 as u32) << l::PAGE_IPI_SEND_CPUMASK_LSB
            | (vector as u32) << l::PAGE_IPI_SEND_VECTOR_LSB
            | stage.bits() << l::PAGE_IPI_SEND_STAGE_LSB;
        self.write(l::PAGE_IPI_SEND_OFFSET, v);
        Ok(())
    }

    /// IPI vectors logged on this page and not yet claimed (bit v = vector v).
    pub fn ipi_pending(&mut self) -> u16 {
        self.read(l::PAGE_IPI_PEND_OFFSET) as u16
    }

    /// IPIs coalesced on this page since the last clear (saturates at 255).
    pub fn ipi_overruns(&mut self) -> u8 {
        self.read(l::PAGE_IPI_OVERRUN_OFFSET) as u8
    }

    pub fn clear_ipi_overruns(&mut self) {
        self.write(l::PAGE_IPI_OVERRUN_OFFSET, 0);
    }

    /// Whether source `src` is in this page's log.
    pub fn is_pending(&mut self, src: u16) -> Result<bool, Error> {
        if src >= self.hw.nsrc {
            return Err(Error::NoSuchSource(src));
        }
        let w = self.read(l::PAGE_PEND_OFFSET + (src as u32 / 32) * l::PAGE_PEND_STRIDE);
        Ok(w >> (src % 32) & 1 != 0)
    }

    // -- hardware latency statistics -------------------------------------------

    /// Cycles from event to claim of the last entry claimed on this page.
    pub fn latency_last(&mut self) -> u32 {
        self.read(l::PAGE_LAT_LAST_OFFSET)
    }

    /// Largest claim latency since reset or [`Page::clear_latency_max`].
    pub fn latency_max(&mut self) -> u32 {
        self.read(l::PAGE_LAT_MAX_OFFSET)
    }

    pub fn clear_latency_max(&mut self) {
        self.write(l::PAGE_LAT_MAX_OFFSET, 0);
    }

    /// The log2 histogram: bucket 0 counts latencies below 2 cycles, bucket b
    /// those in [2^b, 2^(b+1)), the last one everything above. Counters wrap
    /// and are never cleared: take differences.
    pub fn latency_histogram(&mut self) -> [u32; l::PAGE_HIST_COUNT as usize] {
        let mut h = [0; l::PAGE_HIST_COUNT as usize];
        for (b, slot) in h.iter_mut().enumerate() {
            *slot = self.read(l::PAGE_HIST_OFFSET + b as u32 * l::PAGE_HIST_STRIDE);
        }
        h
    }
}
