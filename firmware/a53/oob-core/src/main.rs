//! The oob real-time core image (core 0 of the APU, Secure EL1).
//!
//! * rt-core on the oob tick: a `heartbeat` task every second logs uptime
//!   and counters (the place an application's periodic tasks go).
//! * The router, when the PL has one: its oob line for this CPU is a
//!   group-0 SPI (FIQ); the handler claims entries through router-driver
//!   (Dovetail: oob handlers run at once) and maps oob IPI vectors to
//!   rt-core: RESCHEDULE (dispatch at exit), CALL_FUNCTION (mailbox),
//!   TIMER (reprogram the tick), CHANNEL (drain the in-band -> oob ring).
//!   The oob page resets stalled, so it is unstalled once set up.
//! * Without a router (QEMU has no PL): the same IPIs arrive as SGIs.
//!
//! On a board the bitstream must be loaded before this image starts (see
//! router.rs: the probe reads the PL window).
#![no_std]
#![no_main]

use core::sync::atomic::{AtomicU32, Ordering::Relaxed};
use oob_core::irqs::{self, SGI_OOB_CALL_FUNCTION, SGI_OOB_CHANNEL, SGI_OOB_RESCHEDULE, SGI_OOB_TIMER};
use oob_core::rt::Rt;
use router_driver::{Claim, Mmio, Page, Stage};
use rt_core::channel::Ring;
use rt_core::ipi::{CallMailbox, OobIpi};
use rt_core::sched::{TaskDef, TaskId};
use rt_core::timer::{Mode, TickRate, TimerId};
use zynqmp_hal::{self as hal, gic::{Gic, Group, IrqCtx, Trigger}, sync::CoreLocal, timer};

hal::entry!(main);

const HEARTBEAT: TaskId = TaskId(0);
const T_HEARTBEAT: TimerId = TimerId(0);
/// Claims served per router interrupt before giving others a turn.
const CLAIM_BUDGET: u32 = 16;

static RT: Rt<1, 2> = Rt::new(0, [TaskDef { name: "heartbeat", priority: 1 }], run_task);
static CALLS: CallMailbox<8> = CallMailbox::new();
/// in-band -> oob messages (the in-band side produces).
static FROM_INBAND: Ring<32> = Ring::new();
/// The router's oob page of core 0: its FIQ handler's own state.
static OOB_PAGE: CoreLocal<Option<Page<Mmio>>> = CoreLocal::new(0, None);
static SOURCES: AtomicU32 = AtomicU32::new(0);
static IPIS: AtomicU32 = AtomicU32::new(0);
static MESSAGES: AtomicU32 = AtomicU32::new(0);
static BEATS: AtomicU32 = AtomicU32::new(0);

fn run_task(id: TaskId) {
    if id == HEARTBEAT {
        let n = BEATS.fetch_add(1, Relaxed) + 1;
        defmt::info!(
            "oob-core: heartbeat {=u32}: router sources {=u32}, ipis {=u32}, in-band messages {=u32}, spurious {=u32}",
            n,
            SOURCES.load(Relaxed),
            IPIS.load(Relaxed),
            MESSAGES.load(Relaxed),
            hal::gic::SPURIOUS_COUNT.load(Relaxed)
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

    oob_core::install_rt!(RT);
    let second = TickRate { hz: timer::frequency() }.from_micros(1_000_000);
    RT.arm(T_HEARTBEAT, HEARTBEAT, timer::now() + second, Mode::Periodic { period: second })
        .expect("heartbeat timer");
    hal::enable_interrupts();
    defmt::info!("oob-core: running");
    RT.idle_until(|| false);
    hal::halt()
}
