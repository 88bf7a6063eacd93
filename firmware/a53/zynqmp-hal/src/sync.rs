//! A cross-core spin lock and the `critical-section` implementation.
//!
//! The critical section masks every exception on the calling core (DAIF) and
//! takes a global recursive spin lock, so it is a real critical section on
//! SMP too (the defmt-rtt logger and `critical_section::Mutex` users rely
//! on it). It needs the MMU on (exclusives on Normal memory).

use core::sync::atomic::{AtomicUsize, Ordering};

const FREE: usize = usize::MAX;
static OWNER: AtomicUsize = AtomicUsize::new(FREE);
/// Restore-state flag: this acquire nested inside one the core already held.
const NESTED: u64 = 1 << 63;

/// Masks D, A, I and F and returns the previous DAIF.
#[inline(always)]
pub fn mask_all() -> u64 {
    let daif: u64;
    // SAFETY: reads and sets PSTATE.DAIF only.
    unsafe { core::arch::asm!("mrs {}, daif", "msr daifset, #0xf", out(reg) daif, options(nomem, nostack)) };
    daif
}

/// Restores a DAIF value returned by [`mask_all`].
#[inline(always)]
pub fn restore(daif: u64) {
    // SAFETY: writes PSTATE.DAIF only.
    unsafe { core::arch::asm!("msr daif, {}", in(reg) daif, options(nomem, nostack)) };
}

struct Cs;
critical_section::set_impl!(Cs);

// SAFETY: acquire masks exceptions and takes the global lock (recursively per
// core); release undoes exactly what its acquire did.
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
        daif
    }

    unsafe fn release(state: critical_section::RawRestoreState) {
        if state & NESTED == 0 {
            OWNER.store(FREE, Ordering::Release);
        }
        restore(state & !NESTED);
    }
}
