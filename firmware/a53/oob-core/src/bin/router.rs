//! The router on QEMU's bus (tests/qemu-firmware `router_on_qemu`): run
//! with `-M xlnx-zcu102,secure=on,router-socket=...` and the router bridge
//! serving `tests/qemu-firmware/scenarios/router-oob.toml`.
//!
//! 1. Probe: the router (ID, VERSION, HWCFG) and the bridge's source
//!    device must answer.
//! 2. Configure the oob sources of [`PLAN`] (the scenario's) to CPU 0 and
//!    the IPI priorities, LOCK, and check that oob routing is frozen.
//! 3. Stall / test-and-stall / restore on CPU 0's oob page with an IPI in
//!    flight: the line holds while stalled, the IPI is replayed on unstall.
//! 4. IPIs through the router: CPU 0's oob side sends in-band IPIs to CPU
//!    1, whose in-band handler (group 1, IRQ) answers with an oob IPI to
//!    CPU 0 (group 0, FIQ).
//! 5. The load: START, serve the oob line on FIQ with the driver's claim
//!    loop (level sources acknowledged at the device before COMPLETE),
//!    count every claim, read LAT_LAST after each; when the device says
//!    every event was driven, compare the counts with the device's and the
//!    router's overrun counters, and the router's LAT_MAX and HIST with the
//!    latencies the firmware read.
//!
//! Everything is logged for the host test, which also checks the claims
//! against the bridge's own record.
#![no_std]
#![no_main]
use core::cell::RefCell;
use core::sync::atomic::{AtomicBool, AtomicU32, Ordering::*};
use critical_section::Mutex;
use oob_core::irqs;
use router_driver::{Claim, CpuMask, Error, Mmio, Page, Priority, Router, SourceConfig, Stage, Trigger};
use zynqmp_hal::{self as hal, gic::{Gic, Group, IrqCtx, Trigger as GicTrigger}, timer};

hal::entry!(main);

/// The bridge's source device (host-tools/router-bridge/src/sources.rs).
const SRCDEV: usize = oob_core::router::ROUTER_BASE + 0x2_0000;
const SRCDEV_ID: usize = 0x000;
const SRCDEV_START: usize = 0x004;
const SRCDEV_STATUS: usize = 0x008;
const SRCDEV_ACK: usize = 0x00C;
const SRCDEV_DRIVEN_SRC: usize = 0x100;
const SRCDEV_MERGED_SRC: usize = 0x180;
const STATUS_DONE: u32 = 2;

/// The oob sources of the scenario: (id, trigger, priority). The host test
/// checks this against the scenario file from the "plan" lines.
const PLAN: [(u16, Trigger, u8); 5] = [
    (0, Trigger::Edge, 3),
    (1, Trigger::Edge, 3),
    (2, Trigger::Edge, 2),
    (4, Trigger::Level, 1),
    (6, Trigger::Edge, 0),
];
const NSRC: usize = 32;
/// IPI vectors: the stall test's, the in-band ping, the oob pong.
const V_STALL: u8 = 1;
const V_PING: u8 = 3;
const V_PONG: u8 = 2;
const ROUNDS: u32 = 10;
const BUDGET: u32 = 32;
const HIST: usize = 16;

static ROUTER: Mutex<RefCell<Option<Router<Mmio>>>> = Mutex::new(RefCell::new(None));
static CLAIMS: [AtomicU32; NSRC] = [const { AtomicU32::new(0) }; NSRC];
static IPI_CLAIMS: [AtomicU32; 8] = [const { AtomicU32::new(0) }; 8];
static PINGS: AtomicU32 = AtomicU32::new(0);
static FW_HIST: [AtomicU32; HIST] = [const { AtomicU32::new(0) }; HIST];
static FW_MAX: AtomicU32 = AtomicU32::new(0);
static FIQ_ENTRIES: AtomicU32 = AtomicU32::new(0);
static SPURIOUS: AtomicU32 = AtomicU32::new(0);
static BUDGET_HIT: AtomicU32 = AtomicU32::new(0);
static NOT_VIA_FIQ: AtomicU32 = AtomicU32::new(0);
static CORE1_UP: AtomicBool = AtomicBool::new(false);

fn page(cpu: u8, stage: Stage) -> Page<Mmio> {
    critical_section::with(|cs| {
        let r = ROUTER.borrow_ref(cs);
        r.as_ref().expect("router probed").page(cpu, stage).expect("cpu in range")
    })
}

fn with_router<T>(f: impl FnOnce(&mut Router<Mmio>) -> T) -> T {
    critical_section::with(|cs| f(ROUTER.borrow_ref_mut(cs).as_mut().expect("router probed")))
}

fn srcdev_read(off: usize) -> u32 {
    // SAFETY: the PL window (2-4 GiB) is device memory (mmu.rs); the
    // bridge's source device answers at SRCDEV.
    unsafe { core::ptr::read_volatile((SRCDEV + off) as *const u32) }
}

fn srcdev_write(off: usize, v: u32) {
    // SAFETY: as srcdev_read.
    unsafe { core::ptr::write_volatile((SRCDEV + off) as *mut u32, v) }
}

fn is_level(src: u16) -> bool {
    PLAN.iter().any(|&(id, t, _)| id == src && t == Trigger::Level)
}

/// The firmware's own record of one claim's latency (LAT_LAST, which the
/// router writes the edge after the claim).
fn note_latency(lat: u32) {
    FW_MAX.fetch_max(lat, Relaxed);
    let b = if lat < 2 { 0 } else { (31 - lat.leading_zeros()) as usize };
    FW_HIST[b.min(HIST - 1)].fetch_add(1, Relaxed);
}

/// CPU 0's oob line (FIQ): the driver's claim loop.
extern "C" fn on_oob_line(ctx: IrqCtx) {
    FIQ_ENTRIES.fetch_add(1, Relaxed);
    if !ctx.via_fiq() {
        NOT_VIA_FIQ.fetch_add(1, Relaxed);
    }
    let mut p = page(0, Stage::Oob);
    let mut stats_page = p.clone();
    let st = p.service(BUDGET, |c| {
        note_latency(stats_page.latency_last());
        match c {
            Claim::Source(s) => {
                CLAIMS[s as usize % NSRC].fetch_add(1, Relaxed);
                if is_level(s) {
                    // The device's status is cleared before COMPLETE, so
                    // the router does not log the same assertion again.
                    srcdev_write(SRCDEV_ACK, s as u32);
                }
            }
            Claim::Ipi(v) => {
                IPI_CLAIMS[v as usize % 8].fetch_add(1, Relaxed);
            }
            _ => {}
        }
    });
    if st.spurious {
        SPURIOUS.fetch_add(1, Relaxed);
    }
    if st.budget_exhausted {
        BUDGET_HIT.fetch_add(1, Relaxed);
    }
}

/// CPU 1's in-band line (IRQ): a ping from CPU 0's oob side is answered with
/// an oob IPI back to CPU 0, sent from this in-band page.
extern "C" fn on_inband_line(_ctx: IrqCtx) {
    let mut p = page(1, Stage::Inband);
    p.service(BUDGET, |c| {
        if c == Claim::Ipi(V_PING) {
            PINGS.fetch_add(1, Relaxed);
            page(1, Stage::Inband).send_ipi(CpuMask::one(0), Stage::Oob, V_PONG).expect("valid IPI");
        }
    });
}

fn secondary(_core: usize) -> ! {
    oob_core::init_secondary();
    let id = irqs::router_inband_spi(1);
    Gic::set_handler(id, on_inband_line);
    Gic::enable(id);
    hal::enable_interrupts();
    page(1, Stage::Inband).unstall();
    CORE1_UP.store(true, Release);
    loop {
        hal::wfi();
    }
}

/// Spins until `cond` or `us` microseconds of timer time. Each turn ends
/// with YIELD: under `-icount`, QEMU runs one vCPU at a time and switches
/// at YIELD/WFI (else only every 100 ms of virtual time), so a core waiting
/// on another must let it run (on silicon YIELD is a hint and costs nothing).
fn wait_for(us: u64, cond: impl Fn() -> bool) -> bool {
    let give_up = timer::now() + timer::frequency() * us / 1_000_000;
    while !cond() {
        if timer::now() > give_up {
            return false;
        }
        // SAFETY: a hint instruction; no memory or register effects.
        unsafe { core::arch::asm!("yield", options(nomem, nostack, preserves_flags)) };
    }
    true
}

fn configure_and_lock() {
    with_router(|r| {
        for &(id, trigger, prio) in &PLAN {
            let cfg = SourceConfig {
                enabled: true,
                stage: Stage::Oob,
                cpu: 0,
                trigger,
                priority: Priority::new(prio).expect("2-bit priority"),
            };
            r.configure_source(id, cfg).expect("route oob source");
            defmt::info!("rtest: plan src={=u16} level={=bool} prio={=u8}", id, trigger == Trigger::Level, prio);
        }
        for v in [V_STALL, V_PONG] {
            r.set_ipi_priority(Stage::Oob, v, Priority::LOWEST).expect("ipi priority");
        }
        r.lock().expect("lock");
        let locked = r.is_locked();
        // Frozen: rerouting an oob source is refused by the driver, and a
        // raw write behind its back is rejected by the router.
        let refused = matches!(r.set_enabled(PLAN[0].0, false), Err(Error::Locked));
        let before = r.source_config(PLAN[0].0).expect("src");
        let cfg_off = router_driver::layout::GLOBAL_SRC_CFG_OFFSET + 4 * PLAN[0].0 as u32;
        router_driver::RegAccess::write(r.access(), cfg_off, 0);
        let held = r.source_config(PLAN[0].0).expect("src") == before;
        let err = r.errors();
        r.clear_errors(err);
        defmt::info!(
            "rtest: locked={=bool} driver_refused={=bool} router_held={=bool} err_locked={=bool}",
            locked,
            refused,
            held,
            err.0 & (1 << router_driver::layout::GLOBAL_ERR_LOCKED_LSB) != 0
        );
    });
}

/// Stall, test-and-stall and restore on CPU 0's oob page, an IPI in flight.
fn stall_tests() {
    let mut p = page(0, Stage::Oob);
    let taken = || IPI_CLAIMS[V_STALL as usize].load(Relaxed);
    // Reset state: stalled.
    let tas_reset = p.test_and_stall();
    p.send_ipi(CpuMask::one(0), Stage::Oob, V_STALL).expect("ipi");
    let held = !wait_for(200, || taken() > 0);
    let st = p.status();
    p.restore(tas_reset); // was stalled: stays stalled
    let held_after_restore = !wait_for(200, || taken() > 0);
    p.unstall();
    let replayed = wait_for(2000, || taken() == 1);
    // Open now: test-and-stall says so and closes it.
    let tas_open = p.test_and_stall();
    p.send_ipi(CpuMask::one(0), Stage::Oob, V_STALL).expect("ipi");
    let held2 = !wait_for(200, || taken() > 1);
    p.restore(tas_open); // was open: unstalls, replays
    let replayed2 = wait_for(2000, || taken() == 2);
    defmt::info!(
        "rtest: stall reset_stalled={=bool} held={=bool} line={=bool} deliverable={=bool} held_after_restore={=bool} replayed={=bool} tas_open={=bool} held2={=bool} replayed2={=bool}",
        tas_reset,
        held,
        st.line,
        st.deliverable,
        held_after_restore,
        replayed,
        tas_open,
        held2,
        replayed2
    );
}

fn ipi_ping_pong() {
    // Spec §5: CPU 1's in-band line is also held off while its oob stage
    // is stalled; the oob core owns every oob page, so it opens CPU 1's.
    page(1, Stage::Oob).unstall();
    let pongs = || IPI_CLAIMS[V_PONG as usize].load(Relaxed);
    let mut ok = 0;
    for round in 0..ROUNDS {
        page(0, Stage::Oob).send_ipi(CpuMask::one(1), Stage::Inband, V_PING).expect("valid IPI");
        if wait_for(5000, || pongs() > round) {
            ok += 1;
        }
    }
    defmt::info!("rtest: ipi rounds={=u32} pings={=u32} pongs={=u32}", ok, PINGS.load(Relaxed), pongs());
}

fn run_load() {
    srcdev_write(SRCDEV_START, 1);
    let t0 = timer::now();
    // The scenario lasts a few ms of fabric time; poll the device sparingly.
    let done = wait_for(200_000, || {
        let t = timer::now() + timer::frequency() / 20_000;
        while timer::now() < t {}
        srcdev_read(SRCDEV_STATUS) & STATUS_DONE != 0
    });
    // Everything driven: let the last claims finish.
    let mut p = page(0, Stage::Oob);
    let drained = wait_for(2000, || !p.clone().status().deliverable);
    let us = (timer::now() - t0) * 1_000_000 / timer::frequency();
    defmt::info!("rtest: load done={=bool} drained={=bool} us={=u64}", done, drained, us);
    let (mut claimed, mut driven_all) = (0, 0);
    for &(id, _, _) in &PLAN {
        let c = CLAIMS[id as usize].load(Relaxed);
        let driven = srcdev_read(SRCDEV_DRIVEN_SRC + 4 * id as usize);
        let merged = srcdev_read(SRCDEV_MERGED_SRC + 4 * id as usize);
        let overrun = with_router(|r| r.overruns(id).expect("src"));
        defmt::info!(
            "rtest: src={=u16} claims={=u32} driven={=u32} merged={=u32} overrun={=u8}",
            id,
            c,
            driven,
            merged,
            overrun
        );
        claimed += c;
        driven_all += driven;
    }
    let others: u32 = (0..NSRC).filter(|&i| !PLAN.iter().any(|p| p.0 as usize == i)).map(|i| CLAIMS[i].load(Relaxed)).sum();
    defmt::info!("rtest: total claims={=u32} driven={=u32} unplanned={=u32}", claimed, driven_all, others);
    let hist = p.latency_histogram();
    let mut fw = [0u32; HIST];
    for (b, slot) in fw.iter_mut().enumerate() {
        *slot = FW_HIST[b].load(Relaxed);
    }
    let lat_max = p.latency_max();
    defmt::info!("rtest: lat_max router={=u32} firmware={=u32}", lat_max, FW_MAX.load(Relaxed));
    defmt::info!("rtest: hist router={}", hist);
    defmt::info!("rtest: hist firmware={}", fw);
}

fn main(info: hal::BootInfo) -> ! {
    oob_core::init_primary(&info);
    let router = match oob_core::router::probe() {
        Ok(r) => r,
        Err(_) => defmt::panic!("rtest: no router on the bus (is QEMU run with router-socket?)"),
    };
    defmt::info!("rtest: srcdev id={=u32:#x}", srcdev_read(SRCDEV_ID));
    critical_section::with(|cs| ROUTER.replace(cs, Some(router)));

    // The router's lines as boards/README.md wires them: level, to their CPU.
    let (oob0, inb1) = (irqs::router_oob_spi(0), irqs::router_inband_spi(1));
    Gic::configure(oob0, Group::Oob, irqs::PRIO_OOB_ROUTER, Some((1 << 0, GicTrigger::Level)));
    Gic::configure(inb1, Group::InBand, irqs::PRIO_INBAND, Some((1 << 1, GicTrigger::Level)));
    Gic::set_handler(oob0, on_oob_line);
    Gic::enable(oob0);
    hal::enable_interrupts();

    configure_and_lock();
    stall_tests();
    hal::smp::start_core(1, secondary);
    if !wait_for(100_000, || CORE1_UP.load(Acquire)) {
        defmt::error!("rtest: core 1 did not come up");
    }
    ipi_ping_pong();
    run_load();
    defmt::info!(
        "rtest: fiq entries={=u32} spurious={=u32} budget_hit={=u32} not_via_fiq={=u32} gic_spurious={=u32}",
        FIQ_ENTRIES.load(Relaxed),
        SPURIOUS.load(Relaxed),
        BUDGET_HIT.load(Relaxed),
        NOT_VIA_FIQ.load(Relaxed),
        hal::gic::SPURIOUS_COUNT.load(Relaxed)
    );
    hal::exit(0)
}
