//! Reset entry: whichever exception level the core is entered at, the rest of
//! the firmware runs at EL1 (SP_EL1, "EL1h").
//!
//! * EL3 (QEMU `secure=on`, or silicon straight out of the boot ROM without
//!   TF-A): a minimal shim configures SCR_EL3 for an AArch64 **Secure** EL1
//!   (NS=0, RW=1, ST=1 so that Secure EL1 owns the secure physical timer;
//!   IRQ/FIQ/EA not routed to EL3) and returns to Secure EL1. This is the
//!   position a TF-A Secure Payload (BL32) has: the GIC-400's group 0 / FIQ
//!   belong to the Secure world, so the oob core must be Secure to own them.
//! * EL2 (QEMU `virtualization=on`, TF-A handing over non-secure): HCR_EL2.RW,
//!   timer/FP traps off, then Non-secure EL1.
//! * EL1: stays.
//!
//! Field values come from the Arm ARM (DDI 0487) register descriptions of
//! SCR_EL3, HCR_EL2, CPTR_EL2/EL3, CNTHCTL_EL2, SPSR_ELx and SCTLR_EL1.
//!
//! Core 0 zeroes .bss and runs [`crate::primary_entry`]; cores 1..3 park in a
//! WFE loop on their spin-table slot (`CPU_RELEASE`) with the MMU off, and
//! [`crate::smp::start_core`] releases them.

use core::sync::atomic::AtomicU64;

/// Number of A53 cores in the ZynqMP APU.
pub const MAX_CORES: usize = 4;

/// Spin table: a non-zero entry is the address a parked core jumps to (with
/// x0 = core number, x1 = entry EL). Written by core 0 with caches on and
/// read by the parked core with the MMU off, so the writer cleans the line to
/// the point of coherency.
#[no_mangle]
pub static CPU_RELEASE: [AtomicU64; MAX_CORES] = [const { AtomicU64::new(0) }; MAX_CORES];

core::arch::global_asm!(
    r#"
    .section .text.boot, "ax"
    .global _start
_start:
    mrs     x19, mpidr_el1
    and     x19, x19, #0xff             // Aff0: core number in the APU cluster
    cmp     x19, #{max_cores}
    b.hs    9f                          // not a core this image knows: park
    mrs     x21, CurrentEL
    ubfx    x21, x21, #2, #2            // x21 = entry EL, kept for Rust
    ldr     x0, =0x30d00800             // SCTLR_EL1 RES1 bits: MMU, caches off
    cmp     x21, #3
    b.eq    3f
    cmp     x21, #2
    b.eq    2f
    msr     sctlr_el1, x0
    b       1f

3:  // EL3 -> Secure EL1
    msr     sctlr_el1, x0
    msr     cptr_el3, xzr               // no FP/SIMD traps to EL3
    mov     x0, #(1 << 17)              // MDCR_EL3.SPME: PMU counts in Secure state
    msr     mdcr_el3, x0
    mov     x0, #0xc30                  // SCR_EL3: ST | RW | RES1(5:4); NS=0
    msr     scr_el3, x0
    adr     x0, el3_vectors
    msr     vbar_el3, x0
    mov     x0, #0x3c5                  // SPSR: EL1h, DAIF masked
    msr     spsr_el3, x0
    adr     x0, 1f
    msr     elr_el3, x0
    isb
    eret

2:  // EL2 -> Non-secure EL1
    msr     sctlr_el1, x0
    mov     x0, #(1 << 31)              // HCR_EL2.RW: EL1 is AArch64
    msr     hcr_el2, x0
    mov     x0, #3                      // CNTHCTL_EL2: EL1PCTEN | EL1PCEN
    msr     cnthctl_el2, x0
    msr     cntvoff_el2, xzr
    mov     x0, #0x33ff                 // CPTR_EL2: RES1 bits, TFP = 0
    msr     cptr_el2, x0
    mov     x0, #0x3c5
    msr     spsr_el2, x0
    adr     x0, 1f
    msr     elr_el2, x0
    isb
    eret

1:  // EL1
    mov     x0, #(3 << 20)              // CPACR_EL1.FPEN: no FP/SIMD traps
    msr     cpacr_el1, x0
    ldr     x0, =zynqmp_vectors_el1
    msr     vbar_el1, x0
    isb
    ldr     x0, =__stacks_end
    sub     x0, x0, x19, lsl #16        // 64 KiB per core (link.x __stack_size)
    mov     sp, x0
    cbnz    x19, 5f
    ldr     x0, =__bss_start
    ldr     x1, =__bss_end
4:  cmp     x0, x1
    b.hs    6f
    stp     xzr, xzr, [x0], #16
    b       4b
6:  mov     x0, x21
    bl      {primary}
    b       9f

5:  // parked secondary: wait for a spin-table entry
    ldr     x1, ={release}
    add     x1, x1, x19, lsl #3
7:  wfe
    ldr     x2, [x1]
    cbz     x2, 7b
    mov     x0, x19
    mov     x1, x21
    blr     x2
9:  wfe
    b       9b

    // EL3 vectors: nothing is routed to EL3 once Secure EL1 runs (no SMC
    // is issued); anything that lands here is a bug, so the core stops.
    .balign 2048
el3_vectors:
    .rept 16
    wfe
    b       .-4
    .balign 128
    .endr
    .ltorg
"#,
    max_cores = const MAX_CORES,
    primary = sym crate::primary_entry,
    release = sym CPU_RELEASE,
);
