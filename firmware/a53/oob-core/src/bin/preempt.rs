//! oob preempts in-band: three scenarios, each recording events in order;
//! the event list is logged at the end and checked by the host test.
//!
//! 1. In-band masked (PSTATE.I set, as Linux's hard_local_irq_disable):
//!    an in-band SGI stays pending, an oob SGI is taken at once; unmasking
//!    then delivers the in-band one.
//! 2. An oob SGI raised inside an in-band handler preempts that handler.
//! 3. Asynchronous: the oob timer expires while code spins with in-band
//!    masked, and its FIQ interrupts the spin.
//! 4. A priority ceiling (`gic::Ceiling`, GICC_PMR) at the oob IPIs'
//!    priority holds an oob IPI off while the more urgent oob timer still
//!    gets through.
//!
//! Each oob handler records the interrupted PSTATE.I (SPSR_EL1 bit 7) and
//! the in-band handler nesting depth at the time it ran.
#![no_std]
#![no_main]
use aarch64_cpu::registers::{Readable, SPSR_EL1};
use core::sync::atomic::{AtomicBool, AtomicU32, AtomicU8, AtomicUsize, Ordering::*};
use oob_core::irqs::{self, SGI_INBAND, SGI_OOB_CALL_FUNCTION};
use zynqmp_hal::{self as hal, gic::{Ceiling, Gic, Group, IrqCtx}, timer};

hal::entry!(main);

#[derive(Clone, Copy, defmt::Format, PartialEq)]
#[repr(u8)]
enum Ev {
    Main = 1,
    /// oob handler ran; interrupted code had in-band masked, nesting depth 0.
    OobMaskedDepth0,
    /// oob handler ran inside the in-band handler (depth 1).
    OobNestedInInband,
    /// oob handler ran with in-band unmasked at depth 0, or not through the
    /// FIQ vector (not expected here).
    OobOther,
    InbandEnter,
    InbandExit,
    TimerPreemptedSpin,
    SpinGaveUp,
}

static EVENTS: [AtomicU8; 32] = [const { AtomicU8::new(0) }; 32];
static N: AtomicUsize = AtomicUsize::new(0);
static DEPTH: AtomicU32 = AtomicU32::new(0);
static OOB_SEEN: AtomicU32 = AtomicU32::new(0);
static NEST_IN_HANDLER: AtomicBool = AtomicBool::new(false);
static TIMER_FIRED: AtomicBool = AtomicBool::new(false);
static INBAND_SEEN: AtomicU32 = AtomicU32::new(0);

/// Interrupt delivery is not synchronous with the GICD_SGIR write (QEMU
/// takes it at the end of the translation block, silicon after the GIC's
/// own latency): wait, bounded, for `cond`. Returns whether it came true.
fn wait_for(cond: impl Fn() -> bool) -> bool {
    let give_up = timer::now() + timer::frequency() / 10;
    while !cond() {
        if timer::now() > give_up {
            return false;
        }
        core::hint::spin_loop();
    }
    true
}

fn record(e: Ev) {
    let i = N.fetch_add(1, Relaxed);
    if i < EVENTS.len() {
        EVENTS[i].store(e as u8, Relaxed);
    }
}

fn oob_kind(ctx: IrqCtx) -> Ev {
    let inband_masked = SPSR_EL1.get() & (1 << 7) != 0;
    if !ctx.via_fiq() {
        return Ev::OobOther;
    }
    match (DEPTH.load(Relaxed), inband_masked) {
        (0, true) => Ev::OobMaskedDepth0,
        (1, _) => Ev::OobNestedInInband,
        _ => Ev::OobOther,
    }
}

extern "C" fn on_oob_sgi(ctx: IrqCtx) {
    record(oob_kind(ctx));
    OOB_SEEN.fetch_add(1, Relaxed);
}

extern "C" fn on_oob_timer(ctx: IrqCtx) {
    timer::tick().stop();
    let k = oob_kind(ctx);
    if k == Ev::OobMaskedDepth0 {
        TIMER_FIRED.store(true, Relaxed);
    } else {
        record(k);
    }
}

extern "C" fn on_inband_sgi(_: IrqCtx) {
    DEPTH.fetch_add(1, Relaxed);
    record(Ev::InbandEnter);
    if NEST_IN_HANDLER.load(Relaxed) {
        let before = OOB_SEEN.load(Relaxed);
        Gic::send_sgi_self(SGI_OOB_CALL_FUNCTION, Group::Oob);
        wait_for(|| OOB_SEEN.load(Relaxed) != before);
    }
    record(Ev::InbandExit);
    DEPTH.fetch_sub(1, Relaxed);
    INBAND_SEEN.fetch_add(1, Relaxed);
}

fn main(info: hal::BootInfo) -> ! {
    oob_core::init_primary(&info);
    irqs::setup_sgis();
    Gic::set_handler(SGI_OOB_CALL_FUNCTION, on_oob_sgi);
    Gic::set_handler(SGI_INBAND, on_inband_sgi);
    let t = info.tick_timer();
    irqs::setup_tick(t.kind.intid(), on_oob_timer);
    hal::enable_interrupts();

    // 1. in-band masked; in-band SGI pends, oob SGI preempts.
    defmt::info!("preempt: scenario 1");
    hal::mask_inband();
    Gic::send_sgi_self(SGI_INBAND, Group::InBand);
    Gic::send_sgi_self(SGI_OOB_CALL_FUNCTION, Group::Oob);
    let oob = wait_for(|| OOB_SEEN.load(Relaxed) == 1);
    // Give the masked in-band SGI the same chance to (wrongly) get through.
    let inband = wait_for(|| INBAND_SEEN.load(Relaxed) != 0);
    defmt::info!("preempt: masked: oob taken={=bool}, in-band taken={=bool}", oob, inband);
    record(Ev::Main);
    hal::unmask_inband();
    let inband = wait_for(|| INBAND_SEEN.load(Relaxed) == 1);
    defmt::info!("preempt: unmasked: in-band taken={=bool}", inband);
    record(Ev::Main);

    // 2. oob SGI raised inside the in-band handler.
    defmt::info!("preempt: scenario 2");
    NEST_IN_HANDLER.store(true, Relaxed);
    Gic::send_sgi_self(SGI_INBAND, Group::InBand);
    wait_for(|| INBAND_SEEN.load(Relaxed) == 2);
    NEST_IN_HANDLER.store(false, Relaxed);
    record(Ev::Main);

    // 3. asynchronous oob timer while spinning with in-band masked.
    defmt::info!("preempt: scenario 3");
    hal::mask_inband();
    let period = timer::frequency() / 5000; // 200 us
    t.arm_at(timer::now() + period);
    wait_for(|| TIMER_FIRED.load(Relaxed));
    record(if TIMER_FIRED.load(Relaxed) { Ev::TimerPreemptedSpin } else { Ev::SpinGaveUp });
    hal::unmask_inband();

    // 4. A priority ceiling at the oob IPIs' priority (GICC_PMR): the oob
    //    IPI stays pending, the more urgent oob timer still preempts, and
    //    the IPI runs when the ceiling drops.
    defmt::info!("preempt: scenario 4");
    hal::mask_inband();
    TIMER_FIRED.store(false, Relaxed);
    let seen = OOB_SEEN.load(Relaxed);
    let ceiling = Ceiling::raise(irqs::PRIO_OOB_IPI);
    Gic::send_sgi_self(SGI_OOB_CALL_FUNCTION, Group::Oob);
    let ipi_held = !wait_for(|| OOB_SEEN.load(Relaxed) != seen);
    t.arm_at(timer::now() + period);
    let timer_through = wait_for(|| TIMER_FIRED.load(Relaxed));
    drop(ceiling);
    let ipi_after = wait_for(|| OOB_SEEN.load(Relaxed) != seen);
    hal::unmask_inband();
    defmt::info!(
        "preempt: ceiling: oob IPI held={=bool}, oob timer through={=bool}, IPI after the ceiling={=bool}",
        ipi_held,
        timer_through,
        ipi_after
    );

    // Spurious: with nothing pending, an acknowledge reads ID 1023, which
    // the driver reports as "nothing" and counts (no EOI is owed).
    let daif = hal::sync::mask_all();
    let before = hal::gic::SPURIOUS_COUNT.load(Relaxed);
    let ack = Gic::acknowledge();
    hal::sync::restore(daif);
    defmt::info!(
        "preempt: idle acknowledge={=bool}, spurious counted={=u32}",
        ack.is_some(),
        hal::gic::SPURIOUS_COUNT.load(Relaxed) - before
    );

    let n = N.load(Relaxed).min(EVENTS.len());
    for (i, e) in EVENTS.iter().take(n).enumerate() {
        // SAFETY: only Ev discriminants are stored.
        let ev: Ev = unsafe { core::mem::transmute::<u8, Ev>(e.load(Relaxed)) };
        defmt::info!("event {=usize}: {}", i, ev);
    }
    defmt::info!("preempt: {=usize} events, spurious {=u32}", n, hal::gic::SPURIOUS_COUNT.load(Relaxed));
    hal::exit(0)
}
