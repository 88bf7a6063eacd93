//! Deliberate fault: a load from an unmapped address (mmu::UNMAPPED) must
//! produce the defmt crash report (ESR/ELR/FAR) and stop with EXIT_FAULT.
#![no_std]
#![no_main]
use zynqmp_hal as hal;

hal::entry!(main);

/// The faulting load; its address range is looked up in the ELF by the test.
#[no_mangle]
#[inline(never)]
pub extern "C" fn provoke_fault(addr: usize) -> u32 {
    // SAFETY: not safe at all: this is the deliberate fault.
    unsafe { core::ptr::read_volatile(addr as *const u32) }
}

fn main(info: hal::BootInfo) -> ! {
    oob_core::init_primary(&info);
    defmt::info!("fault: loading from {=u64:#x}", hal::mmu::UNMAPPED as u64);
    let v = provoke_fault(hal::mmu::UNMAPPED);
    defmt::error!("fault: the load returned {=u32:#x} instead of faulting", v);
    hal::exit(1)
}
