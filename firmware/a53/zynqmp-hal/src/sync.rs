//! Interrupt masking on this core, and the cross-core lock behind the
//! `critical-section` implementation.
//!
//! **The oob path takes no global lock.** Per-core state is guarded by
//! masking this core's interrupts (DAIF, below) or by a GIC priority
//! ceiling ([`crate::gic::Ceiling`]); cross-core communication is lock-free
//! (rt-core's mailbox and ring, the logger's per-core buffers). The
//! `critical-section` implementation remains a global recursive spin lock,
//! because that crate's contract is exclusion across all cores: it serves
//! code off the oob path (the UART0 console, a PAC's
//! `take()`). Each core counts its acquisitions ([`global_lock_taken`]), so
//! a test can check that the oob core never took it.
//!
//! Every DAIF write below is an `asm!` *without* `nomem`: the compiler must
//! then assume the instruction reads and writes any memory, so it cannot
//! move a load or store of the guarded data across the mask or the unmask
//! (`nomem` allowed exactly that). The CPU needs no barrier: a PSTATE write
//! by `msr daifset/daifclr` applies to the instructions after it without an
//! ISB (Arm ARM, PSTATE writes by MSR immediate), interrupts are taken
//! between instructions, and a handler on this core sees this core's
//! earlier accesses in program order.

use core::cell::UnsafeCell;
use core::sync::atomic::{AtomicBool, AtomicU32, AtomicUsize, Ordering};

/// Masks D, A, I and F and returns the previous DAIF.
#[inline(always)]
pub fn mask_all() -> u64 {
    let daif: u64;
    // SAFETY: PSTATE.DAIF only; no `nomem`, so a compiler barrier (above).
    unsafe { core::arch::asm!("mrs {}, daif", "msr daifset, #0xf", out(reg) daif, options(nostack)) };
    daif
}

/// Restores a DAIF value returned by [`mask_all`].
#[inline(always)]
pub fn restore(daif: u64) {
    // SAFETY: PSTATE.DAIF only; a compiler barrier.
    unsafe { core::arch::asm!("msr daif, {}", in(reg) daif, options(nostack)) };
}

/// Masks FIQ (the oob stage) on this core.
#[inline(always)]
pub fn mask_fiq() {
    // SAFETY: PSTATE.F only; a compiler barrier.
    unsafe { core::arch::asm!("msr daifset, #1", options(nostack)) };
}

/// Unmasks FIQ on this core.
#[inline(always)]
pub fn unmask_fiq() {
    // SAFETY: PSTATE.F only; a compiler barrier.
    unsafe { core::arch::asm!("msr daifclr, #1", options(nostack)) };
}

/// Masks IRQ (the in-band stage) on this core; FIQ still preempts.
#[inline(always)]
pub fn mask_irq() {
    // SAFETY: PSTATE.I only; a compiler barrier.
    unsafe { core::arch::asm!("msr daifset, #2", options(nostack)) };
}

/// Unmasks IRQ on this core.
#[inline(always)]
pub fn unmask_irq() {
    // SAFETY: PSTATE.I only; a compiler barrier.
    unsafe { core::arch::asm!("msr daifclr, #2", options(nostack)) };
}

/// Unmasks IRQ and FIQ on this core.
#[inline(always)]
pub fn unmask_irq_fiq() {
    // SAFETY: PSTATE.I and F only; a compiler barrier.
    unsafe { core::arch::asm!("msr daifclr, #3", options(nostack)) };
}

/// Runs `f` with every exception masked on this core only (no lock): the
/// guard for state that belongs to this core.
#[inline(always)]
pub fn with_local_masked<R>(f: impl FnOnce() -> R) -> R {
    let daif = mask_all();
    let r = f();
    restore(daif);
    r
}

/// State that belongs to one core and is touched only there, with that
/// core's interrupts masked: what the oob path uses instead of a lock (an
/// oob handler's own state, e.g. the router page its handler claims from).
pub struct CoreLocal<T> {
    core: usize,
    busy: AtomicBool,
    value: UnsafeCell<T>,
}

// SAFETY: the value is reached only through `with`, on its core, with
// interrupts masked, and never re-entered (`busy`): one borrow at a time.
unsafe impl<T: Send> Sync for CoreLocal<T> {}

impl<T> CoreLocal<T> {
    pub const fn new(core: usize, value: T) -> CoreLocal<T> {
        CoreLocal { core, busy: AtomicBool::new(false), value: UnsafeCell::new(value) }
    }

    /// Runs `f` on the value with this core's interrupts masked. Panics when
    /// called on another core, or from inside `f` on the same value.
    pub fn with<R>(&self, f: impl FnOnce(&mut T) -> R) -> R {
        let me = crate::core_id();
        assert!(me == self.core, "CoreLocal of core {} used on core {}", self.core, me);
        with_local_masked(|| {
            assert!(!self.busy.swap(true, Ordering::Relaxed), "CoreLocal re-entered");
            // SAFETY: see the Sync impl.
            let r = f(unsafe { &mut *self.value.get() });
            self.busy.store(false, Ordering::Relaxed);
            r
        })
    }
}

const FREE: usize = usize::MAX;
static OWNER: AtomicUsize = AtomicUsize::new(FREE);
/// Restore-state flag: this acquire nested inside one the core already held.
const NESTED: u64 = 1 << 63;
static TAKEN: [AtomicU32; crate::boot::MAX_CORES] = [const { AtomicU32::new(0) }; crate::boot::MAX_CORES];

/// How many times `core` has taken the global lock (outermost acquires).
pub fn global_lock_taken(core: usize) -> u32 {
    TAKEN.get(core).map_or(0, |t| t.load(Ordering::Relaxed))
}

struct Cs;
critical_section::set_impl!(Cs);

// SAFETY: acquire masks exceptions and takes the global lock (recursively per
// core); release undoes exactly what its acquire did. It needs the MMU on
// (exclusives on Normal memory).
unsafe impl critical_section::Impl for Cs {
    unsafe fn acquire() -> critical_section::RawRestoreState {
        let daif = mask_all();
        let me = crate::core_id();
        if OWNER.load(Ordering::Relaxed) == me {
            return daif | NESTED;
        }
        while OWNER.compare_exchange_weak(FREE, me, Ordering::Acquire, Ordering::Relaxed).is_err() {
            core::hint::spin_loop();
        }
        TAKEN[me].fetch_add(1, Ordering::Relaxed);
        daif
    }

    unsafe fn release(state: critical_section::RawRestoreState) {
        if state & NESTED == 0 {
            OWNER.store(FREE, Ordering::Release);
        }
        restore(state & !NESTED);
    }
}
