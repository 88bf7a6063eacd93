//! Secondary cores. QEMU starts every core of an ELF image at its entry
//! point (boot.rs parks cores 1..3 on the spin table); on a board TF-A's PSCI
//! CPU_ON would start them at `_start` the same way. [`start_core`] fills the
//! core's spin-table slot and wakes it with SEV.

use crate::boot::{CPU_RELEASE, MAX_CORES};
use core::sync::atomic::{AtomicUsize, Ordering};

static ENTRY: [AtomicUsize; MAX_CORES] = [const { AtomicUsize::new(0) }; MAX_CORES];

/// Releases parked core `core` into `entry(core)`, which runs at EL1 with the
/// MMU and caches on and the same exception vectors.
pub fn start_core(core: usize, entry: fn(usize) -> !) {
    assert!(core > 0 && core < MAX_CORES, "no such secondary core");
    ENTRY[core].store(entry as *const () as usize, Ordering::Release);
    let slot = &CPU_RELEASE[core];
    slot.store(secondary_entry as *const () as u64, Ordering::Release);
    // The parked core reads with its MMU (and so its cache) off: clean the
    // line to the point of coherency, then wake it.
    // SAFETY: cache maintenance and SEV; no memory is changed.
    unsafe {
        core::arch::asm!(
            "dc civac, {0}", "dsb sy", "sev",
            in(reg) slot.as_ptr(), options(nostack)
        )
    };
}

extern "C" fn secondary_entry(core: u64, _entry_el: u64) -> ! {
    crate::mmu::enable();
    let e = ENTRY[core as usize].load(Ordering::Acquire);
    // SAFETY: `start_core` stored a `fn(usize) -> !` before releasing us.
    let f: fn(usize) -> ! = unsafe { core::mem::transmute::<usize, fn(usize) -> !>(e) };
    f(core as usize)
}
