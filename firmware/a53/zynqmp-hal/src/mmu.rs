//! MMU and caches on, with a static identity map (4 KiB granule, 39-bit VA,
//! translation starting at level 1 with 1 GiB blocks):
//!
//! | VA = PA                    | memory type                                 |
//! |----------------------------|---------------------------------------------|
//! | 0x0000_0000..0x8000_0000   | Normal, write-back RW-allocate, inner shareable (DDR low) |
//! | 0x8000_0000..0x1_0000_0000 | Device-nGnRE, execute-never (PL windows incl. the router, GIC, UART, OCM) |
//! | 0x1_0000_0000..            | unmapped: an access takes a translation fault |
//!
//! Descriptor and TCR/MAIR encodings: Arm ARM D8 (VMSAv8-64). ZynqMP memory
//! map: UG1085 ch. 10. Secure EL1 with NS = 0 in the descriptors: Secure PAs,
//! which on ZynqMP and QEMU alias the same DDR and peripherals.
//!
//! The tables are built at compile time and read-only, so every core enables
//! the same map without any core writing it. On silicon the A53 invalidates
//! its caches itself at reset (Cortex-A53 TRM, L1/L2RSTDISABLE low), so no
//! set/way invalidation is done here.

use aarch64_cpu::asm::barrier;
use aarch64_cpu::registers::{ReadWriteable, Readable, Writeable, MAIR_EL1, SCTLR_EL1, TCR_EL1, TTBR0_EL1};

#[repr(C, align(4096))]
struct Table([u64; 512]);

const GIB: u64 = 1 << 30;
const VALID_BLOCK: u64 = 0b01;
const ATTR_NORMAL: u64 = 0 << 2; // MAIR index 0
const ATTR_DEVICE: u64 = 1 << 2; // MAIR index 1
const SH_INNER: u64 = 0b11 << 8;
const AF: u64 = 1 << 10;
const PXN: u64 = 1 << 53;
const UXN: u64 = 1 << 54;

const fn level1() -> [u64; 512] {
    let mut t = [0u64; 512];
    t[0] = VALID_BLOCK | ATTR_NORMAL | SH_INNER | AF;
    t[1] = GIB | VALID_BLOCK | ATTR_NORMAL | SH_INNER | AF;
    t[2] = (2 * GIB) | VALID_BLOCK | ATTR_DEVICE | AF | PXN | UXN;
    t[3] = (3 * GIB) | VALID_BLOCK | ATTR_DEVICE | AF | PXN | UXN;
    t
}

static L1: Table = Table(level1());

/// First address that is not mapped (fault tests use it).
pub const UNMAPPED: usize = 0x1_0000_0000;

/// Enables the MMU and both caches on the calling core. Must run before any
/// atomic read-modify-write (exclusives need Normal memory on silicon).
pub fn enable() {
    // attr0: Normal, inner/outer write-back non-transient RW-allocate;
    // attr1: Device-nGnRE.
    MAIR_EL1.set(0x04_FF);
    TCR_EL1.write(
        TCR_EL1::T0SZ.val(25)
            + TCR_EL1::IRGN0::WriteBack_ReadAlloc_WriteAlloc_Cacheable
            + TCR_EL1::ORGN0::WriteBack_ReadAlloc_WriteAlloc_Cacheable
            + TCR_EL1::SH0::Inner
            + TCR_EL1::TG0::KiB_4
            + TCR_EL1::EPD1::DisableTTBR1Walks
            + TCR_EL1::IPS::Bits_40,
    );
    TTBR0_EL1.set_baddr(&L1 as *const Table as u64);
    // SAFETY: invalidating this core's EL1 TLB entries before first use.
    unsafe { core::arch::asm!("tlbi vmalle1", options(nostack)) };
    barrier::dsb(barrier::ISH);
    barrier::isb(barrier::SY);
    SCTLR_EL1.modify(
        SCTLR_EL1::M::Enable + SCTLR_EL1::C::Cacheable + SCTLR_EL1::I::Cacheable + SCTLR_EL1::SA::Enable,
    );
    barrier::isb(barrier::SY);
}

/// Whether this core runs with the MMU on.
pub fn enabled() -> bool {
    SCTLR_EL1.is_set(SCTLR_EL1::M)
}
