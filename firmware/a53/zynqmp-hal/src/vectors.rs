//! EL1 exception vectors. The interrupt paths save only what a handler can
//! clobber; everything unexpected saves the whole register file for the
//! crash report.
//!
//! **What an interrupt saves, and why that is enough.** Handlers are Rust
//! (`extern "C"`), so by the AAPCS64 they preserve x19–x29 and SP, and may
//! clobber x0–x18 and x30: those twenty registers are the frame. ELR_EL1
//! and SPSR_EL1 change only when another exception is taken, which cannot
//! happen while PSTATE.F/I stay masked, so the FIQ path saves them only on
//! its slow exit, just before it unmasks FIQ to run rt-core tasks; the IRQ
//! path saves them on entry, since an in-band handler runs with FIQ
//! unmasked. No FP/SIMD register is saved: the image is compiled for
//! `aarch64-unknown-none-softfloat`, so no compiled code emits an FP/SIMD
//! instruction and the interrupted code's FP state is never touched (the
//! `fp` QEMU test and the static image check in tests/qemu-firmware hold
//! this up).
//!
//! **The FIQ path** (oob): save; acknowledge (GICC_IAR, issued early so the
//! stores overlap the device read); call the handler from the table; end
//! (GICC_EOIR); the rt-core check: the word this core registered with
//! [`crate::exception::set_exit_work`] (one that stays zero when nothing
//! is registered), found through TPIDR_EL1 — non-zero means tasks may be
//! pending, and the slow exit saves ELR/SPSR and calls the registered work;
//! restore; ERET.
//!
//! **The IRQ path** (in-band) adds the ELR/SPSR save and unmasks FIQ around
//! a group-1 handler, so oob preempts it. A group-0 interrupt acknowledged
//! through it (it became pending between the IRQ signal and the
//! acknowledge, and is more urgent) keeps FIQ masked: oob handlers may
//! rely on running with FIQ masked.

use core::fmt;

/// Why the fatal path was entered (the x0 argument of its Rust side).
#[derive(Clone, Copy, PartialEq, Eq, Debug, defmt::Format)]
#[repr(u64)]
pub enum Kind {
    Sync = 0,
    SError = 3,
    /// Taken from EL1 with SP_EL0, or from a lower EL: never expected.
    Unexpected = 4,
}

/// The interrupt frame; the layout is fixed by the assembly below.
#[repr(C, align(16))]
pub struct IrqFrame {
    /// x0–x17.
    pub x: [u64; 18],
    pub x18: u64,
    pub x30: u64,
    /// The GICC_IAR value, for the EOI.
    pub iar: u64,
    _pad: u64,
    /// Saved only when the path unmasks FIQ (IRQ path, slow exit).
    pub elr: u64,
    pub spsr: u64,
}

/// Bytes of an [`IrqFrame`].
pub const IRQ_FRAME: usize = 192;
const IRQ_FRAME_IAR: usize = 160;
const IRQ_FRAME_ELR: usize = 176;
const _: () = assert!(core::mem::size_of::<IrqFrame>() == IRQ_FRAME);
const _: () = assert!(core::mem::offset_of!(IrqFrame, iar) == IRQ_FRAME_IAR);
const _: () = assert!(core::mem::offset_of!(IrqFrame, elr) == IRQ_FRAME_ELR);

/// The frame of an unexpected exception: every general register.
#[repr(C, align(16))]
pub struct Frame {
    pub x: [u64; 31],
    pub elr: u64,
    pub spsr: u64,
    _pad: u64,
}

/// Bytes of a [`Frame`].
pub const FRAME_SIZE: usize = 272;
const _: () = assert!(core::mem::size_of::<Frame>() == FRAME_SIZE);

impl fmt::Debug for Frame {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Frame {{ elr: {:#x}, spsr: {:#x} }}", self.elr, self.spsr)
    }
}

/// Sets VIA_IRQ in the context the IRQ path hands its handler.
const _: () = assert!(crate::gic::VIA_IRQ == 1 << 31);

core::arch::global_asm!(
    r#"
    // Every unexpected exception: the whole register file, then Rust.
    .macro FATAL kind
    .balign 128
    sub     sp, sp, #{frame}
    stp     x0, x1, [sp, #0]
    mov     x0, #\kind
    b       zynqmp_fatal_entry
    .endm

    .macro SAVE_X2_X17
    stp     x2, x3, [sp, #16 * 1]
    stp     x4, x5, [sp, #16 * 2]
    stp     x6, x7, [sp, #16 * 3]
    stp     x8, x9, [sp, #16 * 4]
    stp     x10, x11, [sp, #16 * 5]
    stp     x12, x13, [sp, #16 * 6]
    stp     x14, x15, [sp, #16 * 7]
    stp     x16, x17, [sp, #16 * 8]
    .endm

    // x0-x18 and x30 (the registers a handler may clobber) to the frame;
    // the acknowledge is issued after the first pair, so the device read
    // overlaps the other stores. Leaves the IAR value in w0.
    .macro SAVE_AND_ACK
    sub     sp, sp, #{irq_frame}
    stp     x0, x1, [sp, #16 * 0]
    mov     x1, #{gicc}
    ldr     w0, [x1, #{iar}]
    SAVE_X2_X17
    stp     x18, x30, [sp, #16 * 9]
    .endm

    .macro RESTORE_AND_ERET
    ldp     x2, x3, [sp, #16 * 1]
    ldp     x4, x5, [sp, #16 * 2]
    ldp     x6, x7, [sp, #16 * 3]
    ldp     x8, x9, [sp, #16 * 4]
    ldp     x10, x11, [sp, #16 * 5]
    ldp     x12, x13, [sp, #16 * 6]
    ldp     x14, x15, [sp, #16 * 7]
    ldp     x16, x17, [sp, #16 * 8]
    ldp     x18, x30, [sp, #16 * 9]
    ldp     x0, x1, [sp, #16 * 0]
    add     sp, sp, #{irq_frame}
    eret
    .endm

    // GICC_EOIR with the saved IAR value, then the rt-core check: x0 = this
    // core's CoreExit (TPIDR_EL1), w1 = its exit word (non-zero: tasks may
    // be pending).
    .macro EOI_AND_CHECK
    ldr     w0, [sp, #{frame_iar}]
    mov     x1, #{gicc}
    str     w0, [x1, #{eoir}]
    mrs     x0, tpidr_el1
    ldr     x1, [x0]
    ldr     w1, [x1]
    .endm

    .section .text.vectors, "ax"
    .balign 2048
    .global zynqmp_vectors_el1
zynqmp_vectors_el1:
    FATAL 4         // current EL, SP_EL0: sync
    FATAL 4         //                     IRQ
    FATAL 4         //                     FIQ
    FATAL 4         //                     SError
    FATAL 0         // current EL, SP_ELx: sync

    // current EL, SP_ELx: IRQ (in-band)
    .balign 128
    SAVE_AND_ACK
    mrs     x2, elr_el1
    mrs     x3, spsr_el1
    stp     x2, x3, [sp, #{frame_elr}]
    b       zynqmp_irq_dispatch

    // current EL, SP_ELx: FIQ (oob)
    .balign 128
    SAVE_AND_ACK
    and     w2, w0, #0x3ff
    cmp     w2, #{max_irqs}
    b.hs    zynqmp_fiq_outside_table
    str     w0, [sp, #{frame_iar}]
    adrp    x3, {handlers}
    add     x3, x3, :lo12:{handlers}
    ldr     x3, [x3, x2, lsl #3]
    blr     x3
    b       zynqmp_fiq_exit

    FATAL 3         // current EL, SP_ELx: SError
    FATAL 4         // lower EL, AArch64
    FATAL 4
    FATAL 4
    FATAL 4
    FATAL 4         // lower EL, AArch32
    FATAL 4
    FATAL 4
    FATAL 4

    .balign 128
zynqmp_fiq_exit:
    EOI_AND_CHECK
    cbnz    w1, zynqmp_fiq_slow_exit
zynqmp_fiq_restore:
    RESTORE_AND_ERET

zynqmp_fiq_slow_exit:
    // rt-core work: it runs with FIQ unmasked, so ELR/SPSR are saved first.
    mrs     x1, elr_el1
    mrs     x2, spsr_el1
    stp     x1, x2, [sp, #{frame_elr}]
    ldr     x0, [x0, #{exit_work}]
    blr     x0
    ldp     x0, x1, [sp, #{frame_elr}]
    msr     elr_el1, x0
    msr     spsr_el1, x1
    b       zynqmp_fiq_restore

zynqmp_fiq_outside_table:
    bl      {outside_table}
    b       zynqmp_fiq_restore

zynqmp_irq_dispatch:
    and     w2, w0, #0x3ff
    cmp     w2, #{max_irqs}
    b.hs    zynqmp_irq_outside_table
    str     w0, [sp, #{frame_iar}]
    orr     w0, w0, #(1 << 31)          // VIA_IRQ
    adrp    x3, {group0}
    add     x3, x3, :lo12:{group0}
    lsr     w4, w2, #5
    ldr     w4, [x3, x4, lsl #2]
    lsr     w4, w4, w2                  // bit 0: this ID is group 0
    adrp    x3, {handlers}
    add     x3, x3, :lo12:{handlers}
    ldr     x3, [x3, x2, lsl #3]
    tbnz    w4, #0, 1f
    msr     daifclr, #1                 // in-band handler: oob may preempt
1:  blr     x3
    msr     daifset, #1
    EOI_AND_CHECK
    cbz     w1, zynqmp_irq_restore
    ldr     x0, [x0, #{exit_work}]
    blr     x0
zynqmp_irq_restore:
    ldp     x0, x1, [sp, #{frame_elr}]
    msr     elr_el1, x0
    msr     spsr_el1, x1
    RESTORE_AND_ERET

zynqmp_irq_outside_table:
    bl      {outside_table}
    b       zynqmp_irq_restore

zynqmp_fatal_entry:
    SAVE_X2_X17
    stp     x18, x19, [sp, #16 * 9]
    stp     x20, x21, [sp, #16 * 10]
    stp     x22, x23, [sp, #16 * 11]
    stp     x24, x25, [sp, #16 * 12]
    stp     x26, x27, [sp, #16 * 13]
    stp     x28, x29, [sp, #16 * 14]
    mrs     x1, elr_el1
    stp     x30, x1, [sp, #16 * 15]
    mrs     x2, spsr_el1
    str     x2, [sp, #16 * 16]
    mov     x1, sp
    bl      {fatal}
    b       .
"#,
    frame = const FRAME_SIZE,
    irq_frame = const IRQ_FRAME,
    frame_iar = const IRQ_FRAME_IAR,
    frame_elr = const IRQ_FRAME_ELR,
    gicc = const crate::gic::GICC_BASE,
    iar = const crate::gic::GICC_IAR,
    eoir = const crate::gic::GICC_EOIR,
    max_irqs = const crate::gic::MAX_IRQS,
    handlers = sym crate::gic::HANDLERS,
    group0 = sym crate::gic::GROUP0,
    exit_work = const crate::exception::CORE_EXIT_WORK,
    outside_table = sym crate::gic::acknowledged_outside_table,
    fatal = sym crate::exception::fatal_entry,
);
