//! A small Zynq UltraScale+ (ZynqMP) platform layer for the Cortex-A53 oob
//! core: boot at any entry EL (runs at EL1, Secure when entered at EL3),
//! identity-mapped MMU with caches, EL1 vectors that save only what a
//! handler can clobber (no FP/SIMD: the image is soft-float), GIC-400
//! (oob = group 0 = FIQ, in-band = group 1 = IRQ) with priority ceilings,
//! ARM generic timer, Cadence UART, a lock-free per-core defmt logger,
//! crash reports, spin-table SMP.
//!
//! An image provides its main with [`entry!`]; it runs on core 0 with the
//! MMU on, both UARTs ready and exceptions masked.
#![no_std]

pub mod boot;
pub mod console;
pub mod exception;
pub mod exit;
pub mod gic;
pub mod logger;
pub mod mmu;
pub mod pmu;
pub mod smp;
pub mod sync;
pub mod timer;
pub mod uart;
pub mod vectors;

pub use exit::{exit, halt};

use aarch64_cpu::registers::{Readable, MPIDR_EL1};
use gic::SecurityView;

/// What the boot code found.
#[derive(Clone, Copy, Debug, defmt::Format)]
pub struct BootInfo {
    /// The exception level the core was entered at (1, 2 or 3).
    pub entry_el: u8,
    /// The level the firmware runs at (always 1).
    pub run_el: u8,
    /// Secure or Non-secure, as seen by the GIC.
    pub security: SecurityView,
    /// Entered at Secure EL1: an EL3 monitor (ours in partitioned mode, or
    /// TF-A) runs above us and Linux owns the GIC distributor's group 1 and
    /// UART0, so the image must set up only its own interrupts and keep its
    /// text off UART0.
    pub under_monitor: bool,
}

impl BootInfo {
    /// The timer this core should use for the oob tick (see timer.rs).
    pub fn tick_timer(&self) -> timer::Timer {
        timer::tick()
    }
}

/// The calling core's number (MPIDR_EL1.Aff0 within the APU cluster).
#[inline(always)]
pub fn core_id() -> usize {
    (MPIDR_EL1.get() & 0xff) as usize
}

/// Unmasks IRQ and FIQ on this core.
#[inline(always)]
pub fn enable_interrupts() {
    sync::unmask_irq_fiq();
}

/// Masks IRQ (in-band) only: FIQ (oob) still preempts.
#[inline(always)]
pub fn mask_inband() {
    sync::mask_irq();
}

/// Unmasks IRQ.
#[inline(always)]
pub fn unmask_inband() {
    sync::unmask_irq();
}

/// Waits for an interrupt.
#[inline(always)]
pub fn wfi() {
    aarch64_cpu::asm::wfi();
}

/// Sleeps until an interrupt unless `done()` already holds, without the
/// lost-wakeup race of "check, then WFI": the check runs with interrupts
/// masked, and WFI wakes on a pending interrupt even while it is masked
/// (Arm ARM, WFI wake-up events); the interrupt is taken once the mask is
/// restored. Drains the defmt rings first (this is idle). Returns `done()`'s
/// value.
pub fn wfi_unless(done: impl Fn() -> bool) -> bool {
    logger::drain();
    let daif = sync::mask_all();
    let d = done();
    if !d {
        wfi();
    }
    sync::restore(daif);
    d
}

extern "Rust" {
    fn __zynqmp_main(info: BootInfo) -> !;
}

/// Declares the image's main, `fn(BootInfo) -> !`.
#[macro_export]
macro_rules! entry {
    ($f:path) => {
        #[no_mangle]
        fn __zynqmp_main(info: $crate::BootInfo) -> ! {
            let f: fn($crate::BootInfo) -> ! = $f;
            f(info)
        }
    };
}

/// Core 0 after boot.rs: MMU/caches, UARTs, then the image's main.
pub(crate) extern "C" fn primary_entry(entry_el: u64) -> ! {
    exception::init_core();
    mmu::enable();
    let security = gic::Gic::security_view();
    let under_monitor = entry_el == 1 && security == SecurityView::Secure;
    console::init(!under_monitor);
    logger::init();
    pmu::init();
    let info = BootInfo { entry_el: entry_el as u8, run_el: 1, security, under_monitor };
    timer::select_tick(info.security == SecurityView::Secure);
    // SAFETY: defined by the image through `entry!`.
    unsafe { __zynqmp_main(info) }
}
