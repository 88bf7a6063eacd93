//! Per-CPU, per-world contexts and the drop from EL3 to a lower level.
//!
//! In partitioned mode a CPU belongs to one world for good, so what EL3
//! keeps per CPU and world is the state that world is (re-)entered with:
//! PC, x0, SPSR and SCR_EL3 ([`Entry`]). An SMC saves the caller's general
//! and FP/SIMD registers on the CPU's EL3 stack and returns to the same
//! world ([`crate::smc`]).
//!
//! **Co-located mode** (the oob core and Linux on one CPU) would extend
//! this to the full world context TF-A keeps: the EL1 system registers
//! (SCTLR, TTBR0/1, TCR, MAIR, VBAR, SP_EL0/1, ELR/SPSR_EL1, ESR, FAR,
//! TPIDR*, CNTKCTL, CPACR, CONTEXTIDR, PAR, AMAIR, ...) plus the saved GP/FP
//! frame, one per world, swapped on a world switch. The switch is entered
//! by a FIQ routed to EL3 (SCR_EL3.FIQ = 1 while the Normal world runs on
//! that CPU; the lower-EL FIQ vector in `smc.rs` is where it lands) and by
//! the oob core's "done" SMC back. In partitioned mode SCR_EL3.FIQ stays 0
//! and group-0 FIQs go straight to Secure EL1 without EL3.

use partition_map as map;

/// Where and how a world is entered on one CPU.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    pub pc: u64,
    pub x0: u64,
    pub spsr: u64,
    pub scr: u64,
}

/// SCR_EL3 bits (Arm ARM D17.2.117): NS, RES1 (5:4), SMD, RW, ST.
const SCR_NS: u64 = 1 << 0;
const SCR_RES1: u64 = 0b11 << 4;
const SCR_RW: u64 = 1 << 10;
const SCR_ST: u64 = 1 << 11;

/// SCR_EL3 for the Secure world (oob core): AArch64 EL1, Secure EL1 owns the
/// Secure physical timer (ST), IRQ/FIQ/SError not routed to EL3.
pub const SCR_SECURE: u64 = SCR_RES1 | SCR_RW | SCR_ST;
/// SCR_EL3 for the Normal world (Linux): NS, AArch64 EL1; SMC enabled
/// (SMD = 0); nothing routed to EL3. Without `virtualization=on` QEMU's
/// A53 has no EL2, so Linux starts at EL1 (HCE stays 0).
pub const SCR_NORMAL: u64 = SCR_NS | SCR_RES1 | SCR_RW;
/// SPSR for entering EL1h with D, A, I and F masked (Linux's boot protocol
/// and the oob core's boot code both expect that).
pub const SPSR_EL1H_MASKED: u64 = 0x3c5;
/// SCTLR_EL1 RES1 bits with MMU and caches off.
const SCTLR_EL1_OFF: u64 = 0x30d0_0800;

pub fn oob_entry() -> Entry {
    Entry { pc: map::OOB_IMAGE.base, x0: 0, spsr: SPSR_EL1H_MASKED, scr: SCR_SECURE }
}

pub fn linux_entry(pc: u64, x0: u64) -> Entry {
    Entry { pc, x0, spsr: SPSR_EL1H_MASKED, scr: SCR_NORMAL }
}

/// The calling CPU's number (MPIDR_EL1.Aff0).
pub fn cpu() -> usize {
    let mpidr: u64;
    // SAFETY: reads an ID register.
    unsafe { core::arch::asm!("mrs {}, mpidr_el1", out(reg) mpidr, options(nomem, nostack)) };
    (mpidr & 0xff) as usize
}

/// Leaves EL3 for `e`, with EL1's MMU off and every other general register
/// zero (Linux's arm64 boot protocol: x1-x3 reserved, must be 0).
pub fn enter(e: &Entry) -> ! {
    // SAFETY: programs the lower level's entry state and erets; nothing of
    // this stack frame is used again on this CPU until the next exception,
    // which starts from the top of the EL3 stack (SP_EL3 is reset below).
    unsafe {
        core::arch::asm!(
            "msr sctlr_el1, {sctlr}",
            "msr scr_el3, {scr}",
            "msr spsr_el3, {spsr}",
            "msr elr_el3, {pc}",
            "mov x1, #(1 << 17)",           // MDCR_EL3.SPME: the oob core's PMU counts in Secure state
            "msr mdcr_el3, x1",
            "ldr x1, =__stacks_end",        // the next exception starts with an empty stack
            "mrs x2, mpidr_el1",
            "and x2, x2, #0xff",
            "lsl x2, x2, #14",
            "sub sp, x1, x2",
            "isb",
            "mov x1, xzr", "mov x2, xzr", "mov x3, xzr", "mov x4, xzr", "mov x5, xzr",
            "mov x6, xzr", "mov x7, xzr", "mov x8, xzr", "mov x9, xzr", "mov x10, xzr",
            "mov x11, xzr", "mov x12, xzr", "mov x13, xzr", "mov x14, xzr", "mov x15, xzr",
            "mov x16, xzr", "mov x17, xzr", "mov x18, xzr", "mov x19, xzr", "mov x20, xzr",
            "mov x21, xzr", "mov x22, xzr", "mov x23, xzr", "mov x24, xzr", "mov x25, xzr",
            "mov x26, xzr", "mov x27, xzr", "mov x28, xzr", "mov x29, xzr", "mov x30, xzr",
            "eret",
            sctlr = in(reg) SCTLR_EL1_OFF,
            scr = in(reg) e.scr,
            spsr = in(reg) e.spsr,
            pc = in(reg) e.pc,
            in("x0") e.x0,
            options(noreturn)
        )
    }
}
