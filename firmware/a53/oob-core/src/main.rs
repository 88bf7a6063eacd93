//! The oob real-time core image (core 0 of the APU, Secure EL1).
//!
//! * rt-core on the oob tick: a `heartbeat` task every second logs uptime
//!   and counters (the place an application's periodic tasks go). The tick
//!   handler's first line records how late it ran after the comparator's
//!   deadline ([`oob_core::lateness`]).
//! * The router, when the PL has one: its oob line for this CPU is a
//!   group-0 SPI (FIQ); the handler claims entries through router-driver
//!   (Dovetail: oob handlers run at once) and maps oob IPI vectors to
//!   rt-core: RESCHEDULE (dispatch at exit), CALL_FUNCTION (mailbox),
//!   TIMER (reprogram the tick), CHANNEL (drain the in-band -> oob ring).
//!   The oob page resets stalled, so it is unstalled once set up.
//! * Without a router (QEMU has no PL): the same IPIs arrive as SGIs.
//! * **Beside Linux** (partitioned mode: entered at Secure EL1 under an EL3
//!   monitor, [`hal::BootInfo::under_monitor`]): the channel to Linux
//!   ([`oob_core::linux_channel`]) is served by the `channel` task, which
//!   Linux's doorbell (group-0 SGI 8) and a 1 ms oob tick spawn. Linux's
//!   requests therefore run as a task (FIQ unmasked), never in an
//!   interrupt handler: however much Linux asks, the oob tick preempts it.
//!   This CPU's interface stops signalling group 1 (Linux's interrupts).
//!
//! On a board the bitstream must be loaded before this image starts (see
//! router.rs: the probe reads the PL window).
#![no_std]
#![no_main]

use core::sync::atomic::{AtomicPtr, AtomicU32, Ordering::{Acquire, Relaxed, Release}};
use oob_core::irqs::{self, SGI_OOB_CALL_FUNCTION, SGI_OOB_CHANNEL, SGI_OOB_RESCHEDULE, SGI_OOB_TIMER};
use oob_core::lateness::Lateness;
use oob_core::linux_channel::{self, Channel, Counters, Host, Service};
use oob_core::rt::Rt;
use router_driver::{Claim, Mmio, Page, Stage};
use rt_core::channel::Ring;
use rt_core::ipi::{CallMailbox, OobIpi};
use rt_core::sched::{TaskDef, TaskId};
use rt_core::timer::{Mode, TickRate, TimerId};
use zynqmp_hal::{self as hal, gic::{Gic, Group, IrqCtx, Trigger}, sync::CoreLocal, timer};

hal::entry!(main);

const HEARTBEAT: TaskId = TaskId(0);
/// Serves Linux's requests (partitioned mode only).
const LINUX_CHANNEL: TaskId = TaskId(1);
const T_HEARTBEAT: TimerId = TimerId(0);
/// The 1 ms oob tick of partitioned mode: spawns `LINUX_CHANNEL`, so a
/// request that waited for a free reply slot is never stranded.
const T_TICK: TimerId = TimerId(1);
const TICK_US: u64 = 1000;
/// Claims served per router interrupt before giving others a turn.
const CLAIM_BUDGET: u32 = 16;

static RT: Rt<2, 2> = Rt::new(
    0,
    [TaskDef { name: "heartbeat", priority: 1 }, TaskDef { name: "linux-channel", priority: 2 }],
    run_task,
);
static CALLS: CallMailbox<8> = CallMailbox::new();
/// in-band -> oob messages (the in-band side produces).
static FROM_INBAND: Ring<32> = Ring::new();
/// The router's oob page of core 0: its FIQ handler's own state.
static OOB_PAGE: CoreLocal<Option<Page<Mmio>>> = CoreLocal::new(0, None);
static SOURCES: AtomicU32 = AtomicU32::new(0);
static IPIS: AtomicU32 = AtomicU32::new(0);
static MESSAGES: AtomicU32 = AtomicU32::new(0);
static BEATS: AtomicU32 = AtomicU32::new(0);
/// Timer interrupts taken, and how late each ran after its deadline.
static TICKS: AtomicU32 = AtomicU32::new(0);
static LATE: Lateness = Lateness::new();
/// T_TICK's missed periods when the lateness window opened.
static MISSED_AT_START: AtomicU32 = AtomicU32::new(0);
/// The channel to Linux, once laid out (partitioned mode): published once
/// before interrupts are enabled, read lock-free afterwards.
static LINUX: AtomicPtr<Channel> = AtomicPtr::new(core::ptr::null_mut());
static LINUX_COUNTERS: Counters = Counters::new();

fn run_task(id: TaskId) {
    match id {
        HEARTBEAT => heartbeat(),
        LINUX_CHANNEL => serve_linux(),
        _ => {}
    }
}

fn heartbeat() {
    let n = BEATS.fetch_add(1, Relaxed) + 1;
    defmt::info!(
        "oob-core: heartbeat {=u32}: router sources {=u32}, ipis {=u32}, in-band messages {=u32}, spurious {=u32}",
        n,
        SOURCES.load(Relaxed),
        IPIS.load(Relaxed),
        MESSAGES.load(Relaxed),
        hal::gic::SPURIOUS_COUNT.load(Relaxed)
    );
    if linux_channel().is_some() {
        let c = &LINUX_COUNTERS;
        defmt::info!(
            "oob-core: linux channel: ticks {=u32}, doorbells {=u32}, rx {=u32}, tx {=u32}, malformed {=u32}, work {=u32}, unhandled irqs {=u32}",
            TICKS.load(Relaxed),
            c.doorbells.load(Relaxed),
            c.rx.load(Relaxed),
            c.tx.load(Relaxed),
            c.malformed.load(Relaxed),
            c.work.load(Relaxed),
            hal::gic::UNHANDLED_COUNT.load(Relaxed)
        );
    }
}

fn on_oob_ipi(ipi: OobIpi) {
    IPIS.fetch_add(1, Relaxed);
    match ipi {
        // The dispatch at interrupt exit does the rescheduling.
        OobIpi::Reschedule => {}
        // Another CPU changed this CPU's timers: reprogramming happens on
        // the tick path, so run it now.
        OobIpi::Timer => RT.on_tick(),
        OobIpi::CallFunction => {
            CALLS.run_pending();
        }
        OobIpi::Channel => {
            FROM_INBAND.drain(|_msg| {
                MESSAGES.fetch_add(1, Relaxed);
            });
        }
    }
}

extern "C" fn on_tick(_: IrqCtx) {
    let late = timer::now().saturating_sub(timer::tick().deadline());
    LATE.record(late);
    TICKS.fetch_add(1, Relaxed);
    RT.on_tick();
}

extern "C" fn on_sgi(ctx: IrqCtx) {
    let ipi = match ctx.intid() {
        SGI_OOB_RESCHEDULE => OobIpi::Reschedule,
        SGI_OOB_TIMER => OobIpi::Timer,
        SGI_OOB_CALL_FUNCTION => OobIpi::CallFunction,
        SGI_OOB_CHANNEL => OobIpi::Channel,
        _ => return,
    };
    on_oob_ipi(ipi);
}

/// The router's oob line: claim until empty (bounded), complete sources.
extern "C" fn on_router(_: IrqCtx) {
    OOB_PAGE.with(|page| {
        if let Some(page) = page.as_mut() {
            page.service(CLAIM_BUDGET, |c| match c {
                Claim::Source(_) => {
                    SOURCES.fetch_add(1, Relaxed);
                }
                Claim::Ipi(v) => {
                    if let Some(ipi) = OobIpi::from_vector(v) {
                        on_oob_ipi(ipi);
                    }
                }
                Claim::None | Claim::Invalid(_) => {}
            });
        }
    });
}

fn linux_channel() -> Option<&'static Channel> {
    // SAFETY: null or a pointer to the `'static` channel `start_beside_linux` laid out.
    unsafe { LINUX.load(Acquire).as_ref() }
}

/// Linux rang: the work is the channel task's (interrupt exit), not ours.
extern "C" fn on_linux_doorbell(_: IrqCtx) {
    LINUX_COUNTERS.doorbells.fetch_add(1, Relaxed);
    // The task table is static and names this task.
    let _ = RT.sched.spawn(LINUX_CHANNEL);
}

fn serve_linux() {
    if let Some(chan) = linux_channel() {
        Service { chan, counters: &LINUX_COUNTERS }.poll(&LinuxHost);
    }
}

struct LinuxHost;

fn missed_ticks() -> u32 {
    RT.timer_stats(T_TICK).map_or(0, |s| s.missed)
}

impl Host for LinuxHost {
    fn ticks(&self) -> u32 {
        TICKS.load(Relaxed)
    }

    fn lateness_start(&self, deadlines: u32) {
        MISSED_AT_START.store(missed_ticks(), Relaxed);
        LATE.start(deadlines);
    }

    fn lateness(&self, label: u8) -> (u32, u32, bool) {
        let missed = missed_ticks();
        let s = LATE.snapshot();
        defmt::info!(
            "lateness {=u8}: count={=u32} max={=u64} sum={=u64} missed={=u32} complete={=bool} hist={=[?]}",
            label,
            s.count,
            s.max,
            s.sum,
            missed.wrapping_sub(MISSED_AT_START.load(Relaxed)),
            s.complete,
            &s.hist[..]
        );
        (s.count, s.max.min(u32::MAX as u64) as u32, s.complete)
    }
}

/// Partitioned mode: Linux owns group 1 and the distributor; this CPU
/// takes none of Linux's interrupts, lays out the channel and answers its
/// doorbell.
fn start_beside_linux() {
    Gic::disable_inband_signalling();
    let chan: &'static Channel = {
        static mut RINGS: Option<Channel> = None;
        // SAFETY: written once here, before interrupts are enabled; read-only afterwards.
        unsafe { (*core::ptr::addr_of_mut!(RINGS)).insert(linux_channel::init()) }
    };
    LINUX.store(chan as *const Channel as *mut Channel, Release);
    linux_channel::setup_doorbell(irqs::PRIO_OOB_IPI, on_linux_doorbell);
    defmt::info!(
        "oob-core: beside Linux: channel at {=u64:#x}, oob tick {=u64} us",
        partition_map::SHARED.base,
        TICK_US
    );
}

fn main(info: hal::BootInfo) -> ! {
    defmt::info!("oob-core: entered at EL{=u8}, running at EL{=u8}, {}", info.entry_el, info.run_el, info.security);
    oob_core::init_primary(&info);
    irqs::setup_sgis();
    for sgi in [SGI_OOB_RESCHEDULE, SGI_OOB_TIMER, SGI_OOB_CALL_FUNCTION, SGI_OOB_CHANNEL] {
        Gic::set_handler(sgi, on_sgi);
    }
    let t = info.tick_timer();
    irqs::setup_tick(t.kind.intid(), on_tick);

    let cpu = hal::core_id() as u8;
    if let Ok(router) = oob_core::router::probe() {
        match router.page(cpu, Stage::Oob) {
            Ok(mut page) => {
                let spi = irqs::router_oob_spi(cpu as u32);
                Gic::configure(spi, Group::Oob, irqs::PRIO_OOB_ROUTER, Some((1 << cpu, Trigger::Level)));
                Gic::set_handler(spi, on_router);
                Gic::enable(spi);
                page.unstall();
                OOB_PAGE.with(|p| *p = Some(page));
                defmt::info!("oob-core: router oob line on SPI {=u32}", spi);
            }
            Err(e) => defmt::error!("oob-core: router has no page for CPU {=u8}: {}", cpu, defmt::Debug2Format(&e)),
        }
    }
    if info.under_monitor {
        start_beside_linux();
    }

    oob_core::install_rt!(RT);
    let rate = TickRate { hz: timer::frequency() };
    let (second, tick) = (rate.from_micros(1_000_000), rate.from_micros(TICK_US));
    // One base for both timers: every thousandth tick and the heartbeat
    // share one interrupt.
    let base = timer::now();
    RT.arm(T_HEARTBEAT, HEARTBEAT, base + second, Mode::Periodic { period: second }).expect("heartbeat timer");
    if info.under_monitor {
        RT.arm(T_TICK, LINUX_CHANNEL, base + tick, Mode::Periodic { period: tick }).expect("oob tick");
    }
    hal::enable_interrupts();
    defmt::info!("oob-core: running");
    RT.idle_until(|| false);
    hal::halt()
}
