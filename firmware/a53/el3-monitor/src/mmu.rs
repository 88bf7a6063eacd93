//! The EL3 MMU: an identity map from a static table (4 KiB granule, 39-bit
//! VA, level-1 1 GiB blocks), so the monitor's state lives in cacheable
//! Normal memory. That is what makes its atomics (per-CPU power state
//! compare-and-swap) reliable on silicon: exclusives need Normal memory.
//!
//! | VA = PA                    | memory type                                  |
//! |----------------------------|----------------------------------------------|
//! | 0x0000_0000..0x8000_0000   | Normal write-back, inner shareable (DDR)     |
//! | 0x8000_0000..0x1_0000_0000 | Device-nGnRE, execute-never (GIC, CRF, APU)  |
//!
//! Encodings: Arm ARM D8 (VMSAv8-64), the EL3 registers TCR_EL3, MAIR_EL3,
//! SCTLR_EL3. The monitor only ever reads and writes its own data and the
//! control registers; it never dereferences an address a caller passes.

#[repr(C, align(4096))]
struct Table([u64; 512]);

const GIB: u64 = 1 << 30;
const BLOCK: u64 = 0b01;
const NORMAL: u64 = 0 << 2; // MAIR index 0
const DEVICE: u64 = 1 << 2; // MAIR index 1
const INNER_SHAREABLE: u64 = 0b11 << 8;
const AF: u64 = 1 << 10;
const XN: u64 = 1 << 54;

static L1: Table = {
    let mut t = [0u64; 512];
    t[0] = BLOCK | NORMAL | INNER_SHAREABLE | AF;
    t[1] = GIB | BLOCK | NORMAL | INNER_SHAREABLE | AF;
    t[2] = (2 * GIB) | BLOCK | DEVICE | AF | XN;
    t[3] = (3 * GIB) | BLOCK | DEVICE | AF | XN;
    Table(t)
};

/// Turns on the EL3 MMU and caches of the calling CPU.
pub fn enable() {
    // TCR_EL3: T0SZ = 25 (39-bit), IRGN0/ORGN0 = WB RA WA, SH0 = inner,
    // TG0 = 4 KiB, PS = 40 bits, RES1 bits 31 and 23.
    let tcr: u64 = 25 | (0b01 << 8) | (0b01 << 10) | (0b11 << 12) | (0b010 << 16) | (1 << 23) | (1 << 31);
    // SAFETY: the table is static and identity-maps everything the monitor
    // touches; the MMU is turned on with the code running at its PA.
    unsafe {
        core::arch::asm!(
            "msr mair_el3, {mair}",
            "msr tcr_el3, {tcr}",
            "msr ttbr0_el3, {ttbr}",
            "tlbi alle3",
            "dsb sy",
            "isb",
            "mrs {t}, sctlr_el3",
            "orr {t}, {t}, #(1 << 0)",      // M
            "orr {t}, {t}, #(1 << 2)",      // C
            "orr {t}, {t}, #(1 << 12)",     // I
            "msr sctlr_el3, {t}",
            "isb",
            mair = in(reg) 0x04_FFu64,
            tcr = in(reg) tcr,
            ttbr = in(reg) &L1 as *const Table as u64,
            t = out(reg) _,
            options(nostack)
        )
    };
}
