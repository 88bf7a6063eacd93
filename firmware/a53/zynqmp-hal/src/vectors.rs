//! EL1 exception vectors with a full context save: x0-x30, ELR, SPSR, and the
//! FP/SIMD state (q0-q31, FPCR, FPSR), because handlers are ordinary Rust
//! built for aarch64-unknown-none, which uses NEON registers freely.
//!
//! The frame lives on the interrupted stack (SP_EL1). The Rust dispatcher
//! returns the frame to resume, so a scheduler can switch tasks by returning
//! another task's saved frame. IRQ handlers run with FIQ unmasked, so an oob
//! (group 0) interrupt preempts an in-band handler; FIQ handlers run with
//! everything masked.

use core::fmt;

/// Why the vector was entered (the x0 argument of the dispatcher).
#[derive(Clone, Copy, PartialEq, Eq, Debug, defmt::Format)]
#[repr(u64)]
pub enum Kind {
    Sync = 0,
    Irq = 1,
    Fiq = 2,
    SError = 3,
    /// Taken from EL1 with SP_EL0, or from a lower EL: never expected.
    Unexpected = 4,
}

/// Saved context; the layout is fixed by the assembly below.
#[repr(C, align(16))]
pub struct Frame {
    pub x: [u64; 31],
    pub elr: u64,
    pub spsr: u64,
    pub fpcr: u64,
    pub fpsr: u64,
    _pad: u64,
    pub q: [u128; 32],
}

/// Bytes of a [`Frame`]; the assembly uses the same constant.
pub const FRAME_SIZE: usize = 800;
const _: () = assert!(core::mem::size_of::<Frame>() == FRAME_SIZE);
const _: () = assert!(core::mem::offset_of!(Frame, q) == 288);

impl fmt::Debug for Frame {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Frame {{ elr: {:#x}, spsr: {:#x} }}", self.elr, self.spsr)
    }
}

core::arch::global_asm!(
    r#"
    .macro VENTRY kind
    .balign 128
    sub     sp, sp, #{frame}
    stp     x0, x1, [sp, #0]
    mov     x0, #\kind
    b       zynqmp_exc_common
    .endm

    .section .text.vectors, "ax"
    .balign 2048
    .global zynqmp_vectors_el1
zynqmp_vectors_el1:
    VENTRY 4        // current EL, SP_EL0: sync
    VENTRY 4        //                     IRQ
    VENTRY 4        //                     FIQ
    VENTRY 4        //                     SError
    VENTRY 0        // current EL, SP_ELx: sync
    VENTRY 1        //                     IRQ
    VENTRY 2        //                     FIQ
    VENTRY 3        //                     SError
    VENTRY 4        // lower EL, AArch64
    VENTRY 4
    VENTRY 4
    VENTRY 4
    VENTRY 4        // lower EL, AArch32
    VENTRY 4
    VENTRY 4
    VENTRY 4

    .balign 128
    .global zynqmp_exc_common
zynqmp_exc_common:
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
    mrs     x1, elr_el1
    stp     x30, x1, [sp, #16 * 15]
    mrs     x2, spsr_el1
    mrs     x3, fpcr
    stp     x2, x3, [sp, #16 * 16]
    mrs     x4, fpsr
    str     x4, [sp, #16 * 17]
    add     x5, sp, #288
    stp     q0, q1, [x5, #32 * 0]
    stp     q2, q3, [x5, #32 * 1]
    stp     q4, q5, [x5, #32 * 2]
    stp     q6, q7, [x5, #32 * 3]
    stp     q8, q9, [x5, #32 * 4]
    stp     q10, q11, [x5, #32 * 5]
    stp     q12, q13, [x5, #32 * 6]
    stp     q14, q15, [x5, #32 * 7]
    stp     q16, q17, [x5, #32 * 8]
    stp     q18, q19, [x5, #32 * 9]
    stp     q20, q21, [x5, #32 * 10]
    stp     q22, q23, [x5, #32 * 11]
    stp     q24, q25, [x5, #32 * 12]
    stp     q26, q27, [x5, #32 * 13]
    stp     q28, q29, [x5, #32 * 14]
    stp     q30, q31, [x5, #32 * 15]
    mov     x1, sp
    bl      {dispatch}
    mov     sp, x0                      // frame to resume (maybe another task's)
    add     x5, sp, #288
    ldp     q0, q1, [x5, #32 * 0]
    ldp     q2, q3, [x5, #32 * 1]
    ldp     q4, q5, [x5, #32 * 2]
    ldp     q6, q7, [x5, #32 * 3]
    ldp     q8, q9, [x5, #32 * 4]
    ldp     q10, q11, [x5, #32 * 5]
    ldp     q12, q13, [x5, #32 * 6]
    ldp     q14, q15, [x5, #32 * 7]
    ldp     q16, q17, [x5, #32 * 8]
    ldp     q18, q19, [x5, #32 * 9]
    ldp     q20, q21, [x5, #32 * 10]
    ldp     q22, q23, [x5, #32 * 11]
    ldp     q24, q25, [x5, #32 * 12]
    ldp     q26, q27, [x5, #32 * 13]
    ldp     q28, q29, [x5, #32 * 14]
    ldp     q30, q31, [x5, #32 * 15]
    ldp     x2, x3, [sp, #16 * 16]
    msr     spsr_el1, x2
    msr     fpcr, x3
    ldr     x4, [sp, #16 * 17]
    msr     fpsr, x4
    ldp     x30, x1, [sp, #16 * 15]
    msr     elr_el1, x1
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
    ldp     x0, x1, [sp, #0]
    add     sp, sp, #{frame}
    eret
"#,
    frame = const FRAME_SIZE,
    dispatch = sym crate::exception::dispatch,
);
