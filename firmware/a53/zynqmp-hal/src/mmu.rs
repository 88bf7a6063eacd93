//! MMU and caches on, with a static identity map (4 KiB granule, 39-bit VA,
//! translation starting at level 1 with 1 GiB blocks):
//!
//! | VA = PA                    | memory type                                 |
//! |----------------------------|---------------------------------------------|
//! | 0x0000_0000..0x8000_0000   | Normal, write-back RW-allocate, inner shareable (DDR low) |
//! | partition-map `SHARED` (2 MiB) | the same, but **Non-secure** (NS = 1): the channel region Linux maps too |
//! | 0x8000_0000..0x1_0000_0000 | Device-nGnRE, execute-never (PL windows incl. the router, GIC, UART, OCM) |
//! | 0x1_0000_0000..            | unmapped: an access takes a translation fault |
//!
//! Descriptor and TCR/MAIR encodings: Arm ARM D8 (VMSAv8-64). ZynqMP memory
//! map: UG1085 ch. 10. Secure EL1 with NS = 0 in the descriptors: Secure PAs,
//! which on ZynqMP and QEMU alias the same DDR and peripherals. The shared
//! channel region is the exception: NS is part of the cache tag, so a
//! Secure mapping of it would not be coherent with Linux's Non-secure one.
//! The second GiB is therefore mapped by a level-2 table of 2 MiB blocks,
//! one of them with NS set. (Descriptors' NS bit is ignored outside the
//! Secure state, so the same table serves Non-secure entry too.)
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

const MIB2: u64 = 2 << 20;
const TABLE: u64 = 0b11;
const NS: u64 = 1 << 5;
const SHARED: partition_map::Region = partition_map::SHARED;
const _: () = assert!(SHARED.base >= GIB && SHARED.end() <= 2 * GIB && SHARED.base % MIB2 == 0);

/// The second GiB in 2 MiB blocks, the shared channel region Non-secure.
const fn second_gib() -> [u64; 512] {
    let mut t = [0u64; 512];
    let mut i = 0;
    while i < 512 {
        let pa = GIB + i as u64 * MIB2;
        let ns = if pa >= SHARED.base && pa < SHARED.end() { NS } else { 0 };
        t[i] = pa | VALID_BLOCK | ATTR_NORMAL | SH_INNER | AF | ns;
        i += 1;
    }
    t
}

static L2_GIB1: Table = Table(second_gib());

// The level-1 table points at L2_GIB1, whose address only the linker
// knows, so it is assembled data (a relocation) rather than a const array.
core::arch::global_asm!(
    ".section .rodata.zynqmp_mmu_l1, \"a\"",
    ".balign 4096",
    "zynqmp_mmu_l1:",
    ".quad {ddr0}",
    ".quad {l2} + {table}",
    ".quad {dev2}",
    ".quad {dev3}",
    ".fill 508, 8, 0",
    ".text",
    ddr0 = const VALID_BLOCK | ATTR_NORMAL | SH_INNER | AF,
    l2 = sym L2_GIB1,
    table = const TABLE,
    dev2 = const (2 * GIB) | VALID_BLOCK | ATTR_DEVICE | AF | PXN | UXN,
    dev3 = const (3 * GIB) | VALID_BLOCK | ATTR_DEVICE | AF | PXN | UXN,
);

extern "C" {
    static zynqmp_mmu_l1: Table;
}

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
    TTBR0_EL1.set_baddr(core::ptr::addr_of!(zynqmp_mmu_l1) as u64);
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
