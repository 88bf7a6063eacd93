//! ARM generic timer as the oob tick.
//!
//! Secure EL1 uses the **Secure physical timer** (CNTPS_*_EL1, PPI 29): it is
//! the Secure world's own, so Linux's timers (the virtual timer at NS-EL1,
//! PPI 27, or the EL2 timer) are never touched. Access from Secure EL1 needs
//! SCR_EL3.ST = 1, which the EL3 shim (or TF-A) sets. In a Non-secure setup
//! the EL1 physical timer (CNTP_*_EL0, PPI 30) is used instead. PPI numbers:
//! ZynqMP TRM UG1085 (GIC interrupt map) and TOOLCHAIN.md.
//!
//! The timer runs on absolute compare values (CVAL), so a periodic timer
//! re-arms at `previous deadline + period` and never drifts with handler
//! latency.

use aarch64_cpu::registers::{Readable, CNTFRQ_EL0, CNTPCT_EL0};
use core::sync::atomic::{AtomicBool, Ordering};

/// Which comparator this core programs.
#[derive(Clone, Copy, PartialEq, Eq, Debug, defmt::Format)]
pub enum TimerKind {
    /// CNTPS: Secure physical timer, PPI 29.
    SecurePhysical,
    /// CNTP: EL1 physical timer, PPI 30.
    Physical,
}

impl TimerKind {
    /// The GIC interrupt ID of the timer's PPI.
    pub const fn intid(self) -> u32 {
        match self {
            TimerKind::SecurePhysical => 29,
            TimerKind::Physical => 30,
        }
    }
}

/// The counter frequency (62.5 MHz on QEMU's ZCU102; set by firmware on a board).
pub fn frequency() -> u64 {
    CNTFRQ_EL0.get()
}

/// The system counter, read after an ISB so it is not sampled early.
#[inline(always)]
pub fn now() -> u64 {
    aarch64_cpu::asm::barrier::isb(aarch64_cpu::asm::barrier::SY);
    CNTPCT_EL0.get()
}

static TICK_IS_SECURE: AtomicBool = AtomicBool::new(false);

/// Records which comparator is the oob tick (boot code, from the security
/// state: Secure EL1 uses CNTPS, otherwise CNTP).
pub(crate) fn select_tick(secure: bool) {
    TICK_IS_SECURE.store(secure, Ordering::Relaxed);
}

/// The calling core's oob tick comparator.
pub fn tick() -> Timer {
    Timer::new(if TICK_IS_SECURE.load(Ordering::Relaxed) { TimerKind::SecurePhysical } else { TimerKind::Physical })
}

/// One core's comparator.
#[derive(Clone, Copy, Debug)]
pub struct Timer {
    pub kind: TimerKind,
}

macro_rules! sysreg_w {
    ($reg:literal, $v:expr) => {
        // SAFETY: timer registers only; no memory is touched.
        unsafe { core::arch::asm!(concat!("msr ", $reg, ", {}"), in(reg) $v, options(nomem, nostack)) }
    };
}
macro_rules! sysreg_r {
    ($reg:literal) => {{
        let v: u64;
        // SAFETY: as above.
        unsafe { core::arch::asm!(concat!("mrs {}, ", $reg), out(reg) v, options(nomem, nostack)) };
        v
    }};
}

impl Timer {
    pub const fn new(kind: TimerKind) -> Timer {
        Timer { kind }
    }

    /// Arms the comparator for absolute counter value `deadline` and enables
    /// it with its interrupt unmasked (CTL.ENABLE = 1, IMASK = 0).
    #[inline(always)]
    pub fn arm_at(&self, deadline: u64) {
        match self.kind {
            TimerKind::SecurePhysical => {
                sysreg_w!("cntps_cval_el1", deadline);
                sysreg_w!("cntps_ctl_el1", 1u64);
            }
            TimerKind::Physical => {
                sysreg_w!("cntp_cval_el0", deadline);
                sysreg_w!("cntp_ctl_el0", 1u64);
            }
        }
    }

    /// The programmed deadline.
    pub fn deadline(&self) -> u64 {
        match self.kind {
            TimerKind::SecurePhysical => sysreg_r!("cntps_cval_el1"),
            TimerKind::Physical => sysreg_r!("cntp_cval_el0"),
        }
    }

    /// Stops the comparator (the level interrupt drops).
    pub fn stop(&self) {
        match self.kind {
            TimerKind::SecurePhysical => sysreg_w!("cntps_ctl_el1", 0u64),
            TimerKind::Physical => sysreg_w!("cntp_ctl_el0", 0u64),
        }
    }

    /// CTL.ISTATUS: the condition is met.
    pub fn fired(&self) -> bool {
        let ctl = match self.kind {
            TimerKind::SecurePhysical => sysreg_r!("cntps_ctl_el1"),
            TimerKind::Physical => sysreg_r!("cntp_ctl_el0"),
        };
        ctl & 0b100 != 0
    }
}
