//! The oob core of partitioned mode (CPU 0, Secure EL1, started by
//! `el3-monitor` while Linux runs on CPUs 1-3 in the Normal world).
//!
//! * The oob tick: the Secure physical timer every millisecond, as a
//!   group-0 FIQ; its handler's first line records its lateness after the
//!   compare value ([`oob_core::lateness`]) and re-arms drift-free.
//! * The channel to Linux ([`oob_core::linux_channel`]): laid out at start,
//!   served on Linux's doorbell (group-0 SGI 8, allowed to Linux by the
//!   monitor's GICD_NSACR set-up) and on every tick, so a request that
//!   waited for a free reply slot is never stranded.
//! * Everything it says goes out as defmt frames on UART1; UART0 is Linux's.
//!   Logging happens at thread level only (idle loop), never in a handler.
#![no_std]
#![no_main]

use core::sync::atomic::{AtomicBool, AtomicU32, AtomicU8, Ordering::Relaxed};
use oob_core::lateness::{Lateness, Snapshot};
use oob_core::linux_channel::{self, Channel, Counters, Host, Service};
use oob_core::irqs;
use zynqmp_hal::{self as hal, gic::IrqCtx, sync::CoreLocal, timer};

hal::entry!(main);

const TICK_US: u64 = 1000;
const HEARTBEAT_TICKS: u32 = 1000;

static LATE: Lateness = Lateness::new();
static TICKS: AtomicU32 = AtomicU32::new(0);
static MISSED: AtomicU32 = AtomicU32::new(0);
static COUNTERS: Counters = Counters::new();
static mut CHANNEL: Option<Channel> = None;
static mut PERIOD: u64 = 0;
/// A lateness report waiting for the idle loop to log it: set by the
/// handlers, taken by the idle loop, all on CPU 0 (no global lock).
static REPORT: CoreLocal<Option<(u8, Snapshot)>> = CoreLocal::new(0, None);
static HEARTBEAT_DUE: AtomicBool = AtomicBool::new(false);
static LAST_LABEL: AtomicU8 = AtomicU8::new(0);

struct Oob;

impl Host for Oob {
    fn ticks(&self) -> u32 {
        TICKS.load(Relaxed)
    }
    fn lateness_report(&self, label: u8) -> (u32, u32) {
        let s = LATE.take();
        LAST_LABEL.store(label, Relaxed);
        if label != b'R' {
            REPORT.with(|r| *r = Some((label, s)));
        }
        (s.count, s.max.min(u32::MAX as u64) as u32)
    }
}

fn channel() -> &'static Channel {
    // SAFETY: written once in main before any interrupt is enabled.
    unsafe { (*core::ptr::addr_of!(CHANNEL)).as_ref().expect("channel laid out") }
}

fn serve() {
    Service { chan: channel(), counters: &COUNTERS }.poll(&Oob);
}

extern "C" fn on_tick(_: IrqCtx) {
    let t = timer::tick();
    let now = timer::now();
    let deadline = t.deadline();
    LATE.record(now.saturating_sub(deadline));
    // SAFETY: set once before interrupts are enabled.
    let period = unsafe { PERIOD };
    let mut next = deadline + period;
    while next <= now {
        next += period;
        MISSED.fetch_add(1, Relaxed);
    }
    t.arm_at(next);
    let n = TICKS.fetch_add(1, Relaxed) + 1;
    if n % HEARTBEAT_TICKS == 0 {
        HEARTBEAT_DUE.store(true, Relaxed);
    }
    serve();
}

extern "C" fn on_doorbell(_: IrqCtx) {
    serve();
}

fn log_pending() {
    if let Some((label, s)) = REPORT.with(|r| r.take()) {
        defmt::info!(
            "lateness {=u8}: count={=u32} max={=u64} sum={=u64} hist={=[?]}",
            label,
            s.count,
            s.max,
            s.sum,
            &s.hist[..]
        );
    }
    if HEARTBEAT_DUE.swap(false, Relaxed) {
        defmt::info!(
            "heartbeat ticks={=u32} missed={=u32} rx={=u32} tx={=u32} malformed={=u32}",
            TICKS.load(Relaxed),
            MISSED.load(Relaxed),
            COUNTERS.rx.load(Relaxed),
            COUNTERS.tx.load(Relaxed),
            COUNTERS.malformed.load(Relaxed)
        );
    }
}

fn main(info: hal::BootInfo) -> ! {
    if !info.under_monitor {
        defmt::panic!("the partitioned oob image must be entered at Secure EL1 by el3-monitor (entered at EL{=u8})", info.entry_el);
    }
    defmt::info!("partitioned: oob core on cpu{=usize} at Secure EL{=u8}", hal::core_id(), info.run_el);
    oob_core::init_primary(&info);
    let chan = linux_channel::init();
    // SAFETY: single-threaded start-up, before interrupts.
    unsafe { CHANNEL = Some(chan) };
    linux_channel::setup_doorbell(irqs::PRIO_OOB_IPI, on_doorbell);
    let t = info.tick_timer();
    let period = timer::frequency() * TICK_US / 1_000_000;
    // SAFETY: as above.
    unsafe { PERIOD = period };
    irqs::setup_tick(t.kind.intid(), on_tick);
    t.arm_at(timer::now() + period);
    defmt::info!("partitioned: channel at {=u64:#x}, tick {=u64} us, running", partition_map::SHARED.base, TICK_US);
    hal::enable_interrupts();
    loop {
        let busy = || HEARTBEAT_DUE.load(Relaxed) || REPORT.with(|r| r.is_some());
        hal::wfi_unless(busy);
        log_pending();
    }
}
