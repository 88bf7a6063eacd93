//! FP/SIMD state of interrupted code survives the interrupt paths, which
//! save no FP register (the image is soft-float; zynqmp-hal/src/vectors.rs).
//!
//! Thread code on core 0 fills q0–q31, FPCR and FPSR with patterns
//! (`fp_hold`, assembly: the only FP instructions in the image) and spins
//! until enough interrupts have been served meanwhile: oob ticks that start
//! an rt-core task at interrupt exit (the slow exit), oob call-function IPIs
//! and in-band IPIs from core 1 (the IRQ path, with FIQ unmasked inside).
//! Then it reads the registers back; the log says whether all 34 match.
#![no_std]
#![no_main]
use core::sync::atomic::{AtomicBool, AtomicU32, Ordering::*};
use oob_core::irqs::{self, SGI_INBAND, SGI_OOB_CALL_FUNCTION};
use oob_core::rt::Rt;
use rt_core::ipi::{CallMailbox, OobIpi};
use rt_core::sched::{TaskDef, TaskId};
use rt_core::timer::{Mode, TickRate, TimerId};
use zynqmp_hal::{self as hal, gic::{Gic, IrqCtx}, timer};

hal::entry!(main);

/// Interrupt-driven events to wait for while the FP registers are live.
const EVENTS: u32 = 300;

static RT: Rt<1, 1> = Rt::new(0, [TaskDef { name: "work", priority: 1 }], run_task);
static CALLS: CallMailbox<4> = CallMailbox::new();
static TASKS: AtomicU32 = AtomicU32::new(0);
static CALLS_RUN: AtomicU32 = AtomicU32::new(0);
static INBAND: AtomicU32 = AtomicU32::new(0);
/// Everything above, for `fp_hold`'s wait.
static EVENT_COUNT: AtomicU32 = AtomicU32::new(0);
static HOLDING: AtomicBool = AtomicBool::new(false);
static DONE: AtomicBool = AtomicBool::new(false);

/// q0..q31, then FPCR, FPSR (and padding): the layout `fp_hold` uses.
#[repr(C, align(16))]
struct FpState {
    q: [u128; 32],
    fpcr: u64,
    fpsr: u64,
}

core::arch::global_asm!(
    r#"
    .arch_extension fp
    .arch_extension simd
    .text
    // q0-q31, FPCR, FPSR to the FpState at \base.
    .macro STORE_FP base
    stp     q0, q1, [\base, #0]
    stp     q2, q3, [\base, #32]
    stp     q4, q5, [\base, #64]
    stp     q6, q7, [\base, #96]
    stp     q8, q9, [\base, #128]
    stp     q10, q11, [\base, #160]
    stp     q12, q13, [\base, #192]
    stp     q14, q15, [\base, #224]
    stp     q16, q17, [\base, #256]
    stp     q18, q19, [\base, #288]
    stp     q20, q21, [\base, #320]
    stp     q22, q23, [\base, #352]
    stp     q24, q25, [\base, #384]
    stp     q26, q27, [\base, #416]
    stp     q28, q29, [\base, #448]
    stp     q30, q31, [\base, #480]
    mrs     x6, fpcr
    str     x6, [\base, #512]
    mrs     x6, fpsr
    str     x6, [\base, #520]
    .endm

    .global fp_hold
    .type fp_hold, %function
    // fp_hold(x0 = &FpState patterns, x1 = &mut FpState before,
    //         x2 = &mut FpState after, x3 = &AtomicU32 events, w4 = target,
    //         x5 = spin limit): loads the patterns, records what the
    //         registers hold, spins until *events >= target (or the limit),
    //         records them again. d8-d15 and FPCR are restored on return
    //         (AAPCS64: callee-saved).
fp_hold:
    stp     d8, d9, [sp, #-64]!
    stp     d10, d11, [sp, #16]
    stp     d12, d13, [sp, #32]
    stp     d14, d15, [sp, #48]
    mrs     x7, fpcr
    ldp     q0, q1, [x0, #0]
    ldp     q2, q3, [x0, #32]
    ldp     q4, q5, [x0, #64]
    ldp     q6, q7, [x0, #96]
    ldp     q8, q9, [x0, #128]
    ldp     q10, q11, [x0, #160]
    ldp     q12, q13, [x0, #192]
    ldp     q14, q15, [x0, #224]
    ldp     q16, q17, [x0, #256]
    ldp     q18, q19, [x0, #288]
    ldp     q20, q21, [x0, #320]
    ldp     q22, q23, [x0, #352]
    ldp     q24, q25, [x0, #384]
    ldp     q26, q27, [x0, #416]
    ldp     q28, q29, [x0, #448]
    ldp     q30, q31, [x0, #480]
    ldr     x6, [x0, #512]
    msr     fpcr, x6
    ldr     x6, [x0, #520]
    msr     fpsr, x6
    STORE_FP x1
1:  ldr     w6, [x3]
    cmp     w6, w4
    b.hs    2f
    subs    x5, x5, #1
    b.ne    1b
2:  STORE_FP x2
    msr     fpcr, x7
    ldp     d10, d11, [sp, #16]
    ldp     d12, d13, [sp, #32]
    ldp     d14, d15, [sp, #48]
    ldp     d8, d9, [sp], #64
    ret
    .size fp_hold, . - fp_hold
"#
);

extern "C" {
    fn fp_hold(patterns: *const FpState, before: *mut FpState, after: *mut FpState, events: *const AtomicU32, target: u32, limit: u64);
}

fn event() {
    EVENT_COUNT.fetch_add(1, Relaxed);
}

fn run_task(_: TaskId) {
    TASKS.fetch_add(1, Relaxed);
    event();
}

extern "C" fn on_tick(_: IrqCtx) {
    RT.on_tick();
}

extern "C" fn on_call_function(_: IrqCtx) {
    CALLS.run_pending();
}

fn count_call(_: usize) {
    CALLS_RUN.fetch_add(1, Relaxed);
    event();
}

extern "C" fn on_inband(_: IrqCtx) {
    INBAND.fetch_add(1, Relaxed);
    event();
}


/// Core 1: while core 0 holds its FP registers, sends it oob call-function
/// IPIs and in-band IPIs, alternately, each after the last was served.
fn core1(_: usize) -> ! {
    oob_core::init_secondary();
    irqs::setup_sgis();
    while !HOLDING.load(Acquire) {
        core::hint::spin_loop();
    }
    let mut n = 0u32;
    while !DONE.load(Acquire) {
        let before = EVENT_COUNT.load(Relaxed);
        if n % 2 == 0 {
            if CALLS.post(count_call, 0).is_ok() {
                irqs::send_oob_ipi(OobIpi::CallFunction, 1 << 0);
            }
        } else {
            irqs::send_inband_ipi(1 << 0);
        }
        n += 1;
        let give_up = timer::now() + timer::frequency() / 1000;
        while EVENT_COUNT.load(Relaxed) == before && timer::now() < give_up && !DONE.load(Acquire) {
            core::hint::spin_loop();
        }
    }
    loop {
        hal::wfi();
    }
}

fn pattern(i: u32) -> u128 {
    let a = 0x0123_4567_89AB_CDEFu64.rotate_left(i * 5) ^ (i as u64) << 56;
    let b = 0xFEDC_BA98_7654_3210u64.rotate_right(i * 3) ^ i as u64;
    (a as u128) << 64 | b as u128
}

fn main(info: hal::BootInfo) -> ! {
    oob_core::init_primary(&info);
    irqs::setup_sgis();
    let t = info.tick_timer();
    irqs::setup_tick(t.kind.intid(), on_tick);
    Gic::set_handler(SGI_OOB_CALL_FUNCTION, on_call_function);
    Gic::set_handler(SGI_INBAND, on_inband);
    oob_core::install_rt!(RT);
    hal::smp::start_core(1, core1);

    let patterns = FpState {
        q: core::array::from_fn(|i| pattern(i as u32)),
        // FPCR: AHP, DN, FZ, RMode = toward zero; FPSR: every cumulative flag.
        fpcr: 0x07C0_0000,
        fpsr: 0x0800_009F,
    };
    let mut before = FpState { q: [0; 32], fpcr: 0, fpsr: 0 };
    let mut after = FpState { q: [0; 32], fpcr: 0, fpsr: 0 };
    let rate = TickRate { hz: timer::frequency() };
    let period = rate.from_micros(100);
    RT.arm(TimerId(0), TaskId(0), timer::now() + period, Mode::Periodic { period }).unwrap();
    // Thread level with both stages unmasked: ticks, tasks, oob and
    // in-band IPIs all interrupt fp_hold.
    hal::enable_interrupts();
    HOLDING.store(true, Release);
    // SAFETY: fp_hold reads `patterns` and the counter, writes `before` and
    // `after` (FpState layout), and follows the AAPCS64.
    unsafe { fp_hold(&patterns, &mut before, &mut after, &EVENT_COUNT, EVENTS, 500_000_000) };
    DONE.store(true, Release);
    hal::sync::mask_all();
    let _ = RT.cancel(TimerId(0));

    let loaded = before.q == patterns.q;
    let changed = (0..32).filter(|&i| before.q[i] != after.q[i]).count();
    defmt::info!(
        "fp: patterns loaded={=bool} fpcr={=u64:#x} fpsr={=u64:#x}",
        loaded,
        before.fpcr,
        before.fpsr
    );
    defmt::info!(
        "fp: events={=u32} tasks={=u32} oob_calls={=u32} inband_irqs={=u32}",
        EVENT_COUNT.load(Relaxed),
        TASKS.load(Relaxed),
        CALLS_RUN.load(Relaxed),
        INBAND.load(Relaxed)
    );
    for i in (0..32).filter(|&i| before.q[i] != after.q[i]) {
        defmt::error!("fp: q{=usize} was {=u128:#x}, now {=u128:#x}", i, before.q[i], after.q[i]);
    }
    defmt::info!(
        "fp: q registers changed={=usize} fpcr changed={=bool} fpsr changed={=bool}",
        changed,
        before.fpcr != after.fpcr,
        before.fpsr != after.fpsr
    );
    hal::exit(0)
}
