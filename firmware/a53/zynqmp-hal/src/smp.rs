//! Secondary cores.
//!
//! QEMU's xlnx-zcu102 holds cores 1..3 powered off and in reset (measured:
//! they never run an ELF's entry point). What releases them is the ZynqMP
//! reset path that TF-A's ZynqMP port uses when it has no PMU firmware:
//! write the core's reset vector into APU.RVBARADDRn{L,H} (APU block at
//! 0xFD5C_0000, RVBARADDR0L at +0x40, 8 bytes per core) and clear
//! ACPUn_RESET (bit n) and ACPUn_PWRON_RESET (bit 10 + n) in
//! CRF_APB.RST_FPD_APU (0xFD1A_0104). Sources: UG1087 (APU and CRF_APB
//! modules); QEMU models exactly this (hw/misc/xlnx-zynqmp-crf.c
//! `rst_fpd_apu_prew` powers the core on and resets it, which starts it at
//! RVBAR). On silicon with PMU firmware the core's power island must also be
//! up (TF-A asks the PMU); with TF-A present, PSCI CPU_ON is the way.
//!
//! The released core runs `_start` (at EL3 under `secure=on`, so through the
//! same shim as core 0), parks on its spin-table slot, finds it already
//! filled, and jumps to [`secondary_entry`].

use crate::boot::{CPU_RELEASE, MAX_CORES};
use core::ptr::{read_volatile, write_volatile};
use core::sync::atomic::{AtomicUsize, Ordering};

const APU_RVBARADDR0L: usize = 0xFD5C_0040;
const CRF_APB_RST_FPD_APU: usize = 0xFD1A_0104;

static ENTRY: [AtomicUsize; MAX_CORES] = [const { AtomicUsize::new(0) }; MAX_CORES];

extern "C" {
    fn _start();
}

/// Starts core `core` (1..3) in `entry(core)`, at EL1 with the MMU and
/// caches on and the same exception vectors.
pub fn start_core(core: usize, entry: fn(usize) -> !) {
    assert!(core > 0 && core < MAX_CORES, "no such secondary core");
    ENTRY[core].store(entry as *const () as usize, Ordering::Release);
    let slot = &CPU_RELEASE[core];
    slot.store(secondary_entry as *const () as u64, Ordering::Release);
    // The core reads its slot with the MMU (and so its cache) off: clean
    // the line to the point of coherency first.
    // SAFETY: cache maintenance by VA of a static; no memory is changed.
    unsafe { core::arch::asm!("dc civac, {0}", "dsb sy", in(reg) slot.as_ptr(), options(nostack)) };
    let start = _start as *const () as usize as u64;
    // SAFETY: APU and CRF_APB registers (device memory); this core owns the
    // bring-up of the others.
    unsafe {
        write_volatile((APU_RVBARADDR0L + 8 * core) as *mut u32, start as u32);
        write_volatile((APU_RVBARADDR0L + 8 * core + 4) as *mut u32, (start >> 32) as u32);
        let rst = read_volatile(CRF_APB_RST_FPD_APU as *const u32);
        let release = (1u32 << core) | (1u32 << (10 + core));
        write_volatile(CRF_APB_RST_FPD_APU as *mut u32, rst & !release);
        // A core that was already running (parked in boot.rs) wakes on SEV.
        core::arch::asm!("sev", options(nomem, nostack));
    }
}

extern "C" fn secondary_entry(core: u64, _entry_el: u64) -> ! {
    crate::exception::init_core();
    crate::mmu::enable();
    let e = ENTRY[core as usize].load(Ordering::Acquire);
    // SAFETY: `start_core` stored a `fn(usize) -> !` before releasing us.
    let f: fn(usize) -> ! = unsafe { core::mem::transmute::<usize, fn(usize) -> !>(e) };
    f(core as usize)
}
