//! EL3 exception vectors and the SMC entry.
//!
//! Only one kind of exception is expected at EL3: an SMC from a lower level
//! (lower-EL AArch64 synchronous, ESR_EL3.EC = 0x17). Its entry saves the
//! caller's x0-x30, FPCR/FPSR and q0-q31 on the CPU's EL3 stack (the Rust
//! code may use NEON registers, and SMCCC promises the caller that only
//! x0-x3 change), calls [`monitor_lower_sync`], restores everything but
//! the results, and returns to the instruction after the SMC (ELR_EL3 is
//! that already). Anything else that reaches EL3 is a monitor bug: it is
//! logged and the run ends with [`EXIT_UNEXPECTED`].
//!
//! The lower-EL FIQ vector is where co-located mode's world switch would
//! be entered (SCR_EL3.FIQ = 1 while Linux runs on a shared CPU).

use crate::{context, log, psci};

pub const EXIT_UNEXPECTED: u32 = 104;

/// The caller's registers as the entry code saved them.
#[repr(C)]
pub struct Frame {
    pub x: [u64; 31],
    _pad: u64,
    pub fpcr: u64,
    pub fpsr: u64,
    pub q: [u128; 32],
}
const FRAME_SIZE: usize = 784;
const _: () = assert!(core::mem::size_of::<Frame>() == FRAME_SIZE);
const _: () = assert!(core::mem::offset_of!(Frame, q) == 272);

core::arch::global_asm!(
    r#"
    // The workspace builds soft-float (no compiled code uses FP/SIMD), so
    // the assembler needs FP/SIMD enabled for the caller's FP save below.
    .arch_extension fp
    .arch_extension simd
    .macro UNEXPECTED kind
    .balign 128
    mov     x0, #\kind
    b       monitor_unexpected_entry
    .endm

    .section .text.vectors, "ax"
    .balign 2048
    .global monitor_vectors
monitor_vectors:
    UNEXPECTED 0        // current EL, SP_EL0: sync, IRQ, FIQ, SError
    UNEXPECTED 1
    UNEXPECTED 2
    UNEXPECTED 3
    UNEXPECTED 4        // current EL, SP_EL3
    UNEXPECTED 5
    UNEXPECTED 6
    UNEXPECTED 7
    .balign 128         // lower EL, AArch64: sync = SMC
    sub     sp, sp, #{frame}
    stp     x0, x1, [sp, #0]
    b       monitor_smc_entry
    UNEXPECTED 9        // lower EL IRQ (never routed to EL3)
    UNEXPECTED 10       // lower EL FIQ: co-located mode's world switch goes here
    UNEXPECTED 11
    UNEXPECTED 12       // lower EL, AArch32 (no AArch32 world)
    UNEXPECTED 13
    UNEXPECTED 14
    UNEXPECTED 15

    .balign 128
monitor_smc_entry:
    stp     x2, x3, [sp, #16 * 1]
    stp     x4, x5, [sp, #16 * 2]
    stp     x6, x7, [sp, #16 * 3]
    stp     x8, x9, [sp, #16 * 4]
    stp     x10, x11, [sp, #16 * 5]
    stp     x12, x13, [sp, #16 * 6]
    stp     x14, x15, [sp, #16 * 7]
    stp     x16, x17, [sp, #16 * 8]
    stp     x18, x19, [sp, #16 * 9]
    stp     x20, x21, [sp, #16 * 10]
    stp     x22, x23, [sp, #16 * 11]
    stp     x24, x25, [sp, #16 * 12]
    stp     x26, x27, [sp, #16 * 13]
    stp     x28, x29, [sp, #16 * 14]
    str     x30, [sp, #16 * 15]
    mrs     x0, fpcr
    mrs     x1, fpsr
    stp     x0, x1, [sp, #256]
    add     x0, sp, #272
    stp     q0, q1, [x0, #32 * 0]
    stp     q2, q3, [x0, #32 * 1]
    stp     q4, q5, [x0, #32 * 2]
    stp     q6, q7, [x0, #32 * 3]
    stp     q8, q9, [x0, #32 * 4]
    stp     q10, q11, [x0, #32 * 5]
    stp     q12, q13, [x0, #32 * 6]
    stp     q14, q15, [x0, #32 * 7]
    stp     q16, q17, [x0, #32 * 8]
    stp     q18, q19, [x0, #32 * 9]
    stp     q20, q21, [x0, #32 * 10]
    stp     q22, q23, [x0, #32 * 11]
    stp     q24, q25, [x0, #32 * 12]
    stp     q26, q27, [x0, #32 * 13]
    stp     q28, q29, [x0, #32 * 14]
    stp     q30, q31, [x0, #32 * 15]
    mov     x0, sp
    bl      {handler}
    add     x0, sp, #272
    ldp     q0, q1, [x0, #32 * 0]
    ldp     q2, q3, [x0, #32 * 1]
    ldp     q4, q5, [x0, #32 * 2]
    ldp     q6, q7, [x0, #32 * 3]
    ldp     q8, q9, [x0, #32 * 4]
    ldp     q10, q11, [x0, #32 * 5]
    ldp     q12, q13, [x0, #32 * 6]
    ldp     q14, q15, [x0, #32 * 7]
    ldp     q16, q17, [x0, #32 * 8]
    ldp     q18, q19, [x0, #32 * 9]
    ldp     q20, q21, [x0, #32 * 10]
    ldp     q22, q23, [x0, #32 * 11]
    ldp     q24, q25, [x0, #32 * 12]
    ldp     q26, q27, [x0, #32 * 13]
    ldp     q28, q29, [x0, #32 * 14]
    ldp     q30, q31, [x0, #32 * 15]
    ldp     x0, x1, [sp, #256]
    msr     fpcr, x0
    msr     fpsr, x1
    ldp     x0, x1, [sp, #16 * 0]
    ldp     x2, x3, [sp, #16 * 1]
    ldp     x4, x5, [sp, #16 * 2]
    ldp     x6, x7, [sp, #16 * 3]
    ldp     x8, x9, [sp, #16 * 4]
    ldp     x10, x11, [sp, #16 * 5]
    ldp     x12, x13, [sp, #16 * 6]
    ldp     x14, x15, [sp, #16 * 7]
    ldp     x16, x17, [sp, #16 * 8]
    ldp     x18, x19, [sp, #16 * 9]
    ldp     x20, x21, [sp, #16 * 10]
    ldp     x22, x23, [sp, #16 * 11]
    ldp     x24, x25, [sp, #16 * 12]
    ldp     x26, x27, [sp, #16 * 13]
    ldp     x28, x29, [sp, #16 * 14]
    ldr     x30, [sp, #16 * 15]
    add     sp, sp, #{frame}
    eret

monitor_unexpected_entry:
    bl      {unexpected}
"#,
    frame = const FRAME_SIZE,
    handler = sym monitor_lower_sync,
    unexpected = sym monitor_unexpected,
);

fn esr() -> u64 {
    let v: u64;
    // SAFETY: reads a system register.
    unsafe { core::arch::asm!("mrs {}, esr_el3", out(reg) v, options(nomem, nostack)) };
    v
}

/// Whether the exception came from the Non-secure world (SCR_EL3.NS).
fn from_normal_world() -> bool {
    let scr: u64;
    // SAFETY: reads a system register.
    unsafe { core::arch::asm!("mrs {}, scr_el3", out(reg) scr, options(nomem, nostack)) };
    scr & 1 != 0
}

extern "C" fn monitor_lower_sync(f: &mut Frame) {
    let esr = esr();
    let ec = esr >> 26;
    let cpu = context::cpu();
    if ec != 0x17 {
        // Nothing but SMC is trapped to EL3.
        log::line(format_args!("el3: cpu{cpu}: unexpected trap from a lower level, ESR_EL3={esr:#x}"));
        log::exit(EXIT_UNEXPECTED);
    }
    let call = psci::Call {
        cpu,
        normal_world: from_normal_world(),
        imm: (esr & 0xffff) as u16,
        fid: f.x[0] as u32,
        args: [f.x[1], f.x[2], f.x[3]],
    };
    f.x[0] = psci::handle(&call) as u64;
}

extern "C" fn monitor_unexpected(kind: u64) -> ! {
    let (esr, elr): (u64, u64);
    // SAFETY: reads system registers.
    unsafe { core::arch::asm!("mrs {}, esr_el3", "mrs {}, elr_el3", out(reg) esr, out(reg) elr, options(nomem, nostack)) };
    log::line(format_args!(
        "el3: cpu{}: unexpected exception (vector {kind}) ESR_EL3={esr:#x} ELR_EL3={elr:#x}",
        context::cpu()
    ));
    log::exit(EXIT_UNEXPECTED)
}
