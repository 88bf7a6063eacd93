//! The oob core of the main job on QEMU (`scripts/run-main.sh --qemu`):
//! a program beside the main `oob-core` image, which runs partitioned mode
//! too but neither routes sources nor acknowledges them at the bridge's
//! source device. Partitioned mode: CPU 0 at Secure EL1 under
//! `el3-monitor`, Linux on CPUs 1-3, the Verilated router on QEMU's bus,
//! its sources driven by the router bridge from a scenario.
//!
//! 1. Route the scenario's oob sources, as the bridge's source device
//!    describes them (PLAN_SRC, host-tools/router-bridge/src/sources.rs),
//!    to this core's oob stage with their trigger and priority, allow
//!    Linux to send the oob IPIs of [`CALL_VECTOR`] and [`START_VECTOR`],
//!    and LOCK. Partitioned mode has one oob core: a scenario's `cpu` of
//!    an oob source or timer is not followed (every one runs here; the
//!    report says so).
//! 2. Lay out the channel to Linux (rt-core's rings in the shared region,
//!    `oob_core::linux_channel`) and open every CPU's oob stage: the router
//!    holds a CPU's in-band line while its oob stage is stalled (spec §5),
//!    and Linux's CPUs have no oob code of their own here.
//! 3. Serve CPU 0's oob line on FIQ with the driver's claim loop: a level
//!    source is acknowledged at the device before COMPLETE, as a handler
//!    clears its peripheral; IPI [`CALL_VECTOR`] is an in-band → oob call
//!    (run in the handler, costing the scenario's `call_cycles`);
//!    IPI [`START_VECTOR`] is Linux asking for the load to start: this
//!    core writes START at the source device and arms the scenario's oob
//!    timers (PLAN_TIMER) on rt-core's timer queue, their first deadline
//!    one period later, as the thread model does.
//! 4. Each timer expiry (the oob tick, rt-core's `Rt`) spawns the timer's
//!    task, which computes for the scenario's `task_cycles` and every
//!    `message_every`-th period posts a message to Linux on the channel
//!    (doorbell: the channel's SPI, when Linux may sleep). After the load's
//!    duration the timers stop.
//!
//! What the record of the bus cannot show is written to the source
//! device's TRACE register (sources.rs `trace`): each expiry's lateness
//! (generic-timer ticks from the deadline to the tick handler's first
//! line, measured here), each message posted or refused, each call run.
//! The host computes every figure from the record; nothing is summed here.
//! Costs are spent as busy time on the generic timer (the A53 clock of the
//! scenario, converted through the fabric clock), not as instruction counts.
#![no_std]
#![no_main]
use bridge_device::{self as dev, trace as tw};
use core::cell::RefCell;
use core::sync::atomic::{AtomicPtr, AtomicU32, AtomicU64, Ordering::{Acquire, Relaxed, Release}};
use critical_section::Mutex;
use oob_core::irqs;
use oob_core::linux_channel::{self, Channel};
use oob_core::rt::Rt;
use router_driver::{vectors, Claim, Mmio, Page, Priority, SourceConfig, Stage, Trigger};
use rt_core::sched::{TaskDef, TaskId};
use rt_core::timer::{Mode, TimerId};
use zynqmp_hal::{self as hal, gic::{Gic, Group, IrqCtx, Trigger as GicTrigger}, timer};

hal::entry!(main);

/// The bridge's source device (its map: the bridge-device crate).
const SRCDEV: usize = oob_core::router::ROUTER_BASE + dev::DEVICE_BASE as usize;
/// In-band → oob call-function IPI (router_driver::vectors).
const CALL_VECTOR: u8 = vectors::OOB_CALL_FUNCTION;
/// The main job's own oob IPI: Linux asks this core to start the load
/// (tests/qemu-partitioned/tool/mainjob-load.c sends it).
const START_VECTOR: u8 = 7;
/// Timers (and their tasks) this image holds: as many as PLAN_TIMER describes.
const MAX_TIMERS: usize = dev::MAX_TIMERS;
const NSRC: usize = 32;
const NCPU: u8 = 4;
const BUDGET: u32 = 32;

static OOB_PAGE: Mutex<RefCell<Option<Page<Mmio>>>> = Mutex::new(RefCell::new(None));
/// Bit i: source i is level-triggered (acknowledged at the device).
static LEVEL: AtomicU32 = AtomicU32::new(0);

/// One task per timer slot; slot k has priority 8 - k and slots are given
/// to the scenario's timers shortest period first (rate-monotonic, as the
/// thread model orders them).
static RT: Rt<MAX_TIMERS, MAX_TIMERS> = Rt::new(
    0,
    [
        TaskDef { name: "timer-slot0", priority: 8 },
        TaskDef { name: "timer-slot1", priority: 7 },
        TaskDef { name: "timer-slot2", priority: 6 },
        TaskDef { name: "timer-slot3", priority: 5 },
        TaskDef { name: "timer-slot4", priority: 4 },
        TaskDef { name: "timer-slot5", priority: 3 },
        TaskDef { name: "timer-slot6", priority: 2 },
        TaskDef { name: "timer-slot7", priority: 1 },
    ],
    run_timer_task,
);

/// A scenario timer in its slot, in generic-timer ticks.
#[derive(Clone, Copy)]
struct Slot {
    /// The scenario's index of this timer (PLAN_TIMER k, the trace's k).
    index: u32,
    period: u64,
    task: u64,
    message_every: u32,
    /// Expiries in the load's duration; the task cancels its timer after
    /// the last.
    expiries: u32,
}

/// Written in `main` before interrupts are enabled, read-only afterwards.
static mut SLOTS: [Option<Slot>; MAX_TIMERS] = [None; MAX_TIMERS];
/// Periods each slot's task has run.
static RUNS: [AtomicU32; MAX_TIMERS] = [const { AtomicU32::new(0) }; MAX_TIMERS];
static MESSAGES: AtomicU32 = AtomicU32::new(0);
static CALLS: AtomicU32 = AtomicU32::new(0);
/// This page's IPI_OVERRUN at the last call claim.
static OVERRUNS_SEEN: AtomicU32 = AtomicU32::new(0);
/// Costs in ticks: one call, one message.
static CALL_TICKS: AtomicU64 = AtomicU64::new(0);
static MSG_TICKS: AtomicU64 = AtomicU64::new(0);
static STARTED: AtomicU32 = AtomicU32::new(0);
static LINUX: AtomicPtr<Channel> = AtomicPtr::new(core::ptr::null_mut());

fn slots() -> &'static [Option<Slot>; MAX_TIMERS] {
    // SAFETY: written only in `main` before interrupts are enabled.
    unsafe { &*core::ptr::addr_of!(SLOTS) }
}

fn read_dev(off: u32) -> u32 {
    // SAFETY: the PL window is device memory (mmu.rs); the source device's
    // plan registers are read-only.
    unsafe { core::ptr::read_volatile(srcdev(off)) }
}

/// A word on the source device's trace port: kept in the bridge's record.
fn trace(word: u32) {
    // SAFETY: as in read_dev; TRACE is write-only and has no effect.
    unsafe { core::ptr::write_volatile(srcdev(dev::REG_TRACE), word) };
}

/// Busy for `ticks` of the generic timer: a cost of the scenario, spent.
fn spend(ticks: u64) {
    let end = timer::now() + ticks;
    while timer::now() < end {
        core::hint::spin_loop();
    }
}

/// Fabric cycles (the plan's unit) to generic-timer ticks, rounded.
fn ticks_of(cycles: u64, fabric_khz: u64) -> u64 {
    (cycles * timer::frequency() + fabric_khz * 500) / (fabric_khz * 1000)
}

/// The oob tick: rt-core's timer queue; each expiry's lateness goes to
/// the trace port before its task is spawned.
extern "C" fn on_tick(_: IrqCtx) {
    RT.on_tick_with(|id, due, now| {
        if let Some(s) = slots()[id.0 as usize] {
            let late = now.saturating_sub(due).min(0xFF_FFFF) as u32;
            trace(tw::timer_word(s.index, late));
        }
    });
}

/// A timer's task: the scenario's compute, then every `message_every`-th
/// period a message to Linux; after the last period of the load it
/// cancels its timer.
fn run_timer_task(t: TaskId) {
    let Some(s) = slots()[t.0 as usize] else { return };
    spend(s.task);
    let n = RUNS[t.0 as usize].fetch_add(1, Relaxed) + 1;
    if s.message_every > 0 && n % s.message_every == 0 {
        post_message();
    }
    if n >= s.expiries {
        let _ = RT.cancel(TimerId(t.0));
    }
}

fn post_message() {
    // SAFETY: null or the `'static` channel `main` laid out.
    let Some(chan) = (unsafe { LINUX.load(Acquire).as_ref() }) else { return };
    spend(MSG_TICKS.load(Relaxed));
    let seq = MESSAGES.load(Relaxed);
    match chan.to_linux.send(&seq.to_le_bytes()) {
        Ok(sent) => {
            MESSAGES.store(seq + 1, Relaxed);
            trace(tw::word(tw::MESSAGE, seq));
            if sent.ring_doorbell {
                linux_channel::ring_linux();
            }
        }
        Err(_) => trace(tw::word(tw::MESSAGE_FULL, seq)),
    }
}

/// Linux's START_VECTOR: start the load and the timers, once.
fn start_load() {
    if STARTED.swap(1, Relaxed) != 0 {
        return;
    }
    // SAFETY: as in read_dev; START is the device's write-only register.
    unsafe { core::ptr::write_volatile(srcdev(dev::REG_START), 1) };
    let now = timer::now();
    for (k, s) in slots().iter().enumerate() {
        if let Some(s) = s {
            RT.arm(TimerId(k as u8), TaskId(k as u8), now + s.period, Mode::Periodic { period: s.period })
                .expect("a timer per slot");
        }
    }
}

fn srcdev(off: u32) -> *mut u32 {
    (SRCDEV + off as usize) as *mut u32
}

/// CPU 0's oob line (FIQ): the driver's claim loop.
extern "C" fn on_oob_line(_ctx: IrqCtx) {
    let mut p = critical_section::with(|cs| OOB_PAGE.borrow_ref(cs).clone()).expect("oob page set before the line is enabled");
    let level = LEVEL.load(Relaxed);
    // The same page for the handler's own reads (a handle, not state).
    let mut page = p.clone();
    p.service(BUDGET, |c| match c {
        Claim::Source(s) => {
            if level >> (s as u32 % 32) & 1 != 0 {
                // SAFETY: the PL window is device memory (mmu.rs); ACK is the
                // device's write-only register.
                unsafe { core::ptr::write_volatile(srcdev(dev::REG_ACK), s as u32) };
            }
        }
        // No call queue crosses the worlds (rt-core's CallMailbox holds
        // function pointers of one image): a call is its IPI. One call per
        // claim, plus one per IPI the router coalesced since the last look
        // (IPI_OVERRUN of this page; only the call vector is sent more than
        // once). The counter is never cleared, so a coalescing between a
        // read and a clear cannot be lost; it saturates at 255, which the
        // host sees in the record and fails the run on.
        Claim::Ipi(CALL_VECTOR) => {
            let ovr = page.ipi_overruns() as u32;
            let extra = ovr.saturating_sub(OVERRUNS_SEEN.swap(ovr, Relaxed));
            for _ in 0..=extra {
                spend(CALL_TICKS.load(Relaxed));
                let n = CALLS.fetch_add(1, Relaxed) + 1;
                trace(tw::word(tw::CALL, n));
            }
        }
        Claim::Ipi(START_VECTOR) => start_load(),
        _ => {}
    });
}

fn main(info: hal::BootInfo) -> ! {
    if !info.under_monitor {
        defmt::panic!("mainjob: must be entered at Secure EL1 by el3-monitor (entered at EL{=u8})", info.entry_el);
    }
    oob_core::init_primary(&info);
    // As the main image does beside Linux: Linux owns group 1, whatever it
    // targets at this CPU stays pending here.
    Gic::disable_inband_signalling();
    let mut router = match oob_core::router::probe() {
        Ok(r) => r,
        Err(_) => defmt::panic!("mainjob: no router on the bus (is QEMU run with router-socket?)"),
    };
    let (mut oob, mut level) = (0u32, 0u32);
    for id in 0..NSRC as u16 {
        // SAFETY: as in on_oob_line; PLAN_SRC is read-only.
        let plan = unsafe { core::ptr::read_volatile(srcdev(dev::REG_PLAN_SRC + 4 * id as u32)) };
        if plan & (dev::PLAN_USED | dev::PLAN_OOB) != dev::PLAN_USED | dev::PLAN_OOB {
            continue;
        }
        let is_level = plan & dev::PLAN_LEVEL != 0;
        let cfg = SourceConfig {
            enabled: true,
            stage: Stage::Oob,
            cpu: 0,
            trigger: if is_level { Trigger::Level } else { Trigger::Edge },
            priority: Priority::new((plan >> dev::PLAN_PRIO_LSB & 3) as u8).expect("2-bit priority"),
        };
        router.configure_source(id, cfg).expect("route oob source");
        oob |= 1 << id;
        level |= (is_level as u32) << id;
    }
    LEVEL.store(level, Relaxed);
    router.allow_ns_oob_ipis(1 << CALL_VECTOR | 1 << START_VECTOR).expect("IPI vectors in range");
    router.lock().expect("lock");
    let page = router.page(0, Stage::Oob).expect("cpu 0");
    critical_section::with(|cs| OOB_PAGE.replace(cs, Some(page.clone())));

    // The scenario's timers, shortest period in slot 0.
    let khz = read_dev(dev::REG_FABRIC_KHZ) as u64;
    let load = read_dev(dev::REG_PLAN_LOAD) as u64;
    let ntimers = read_dev(dev::REG_PLAN_TIMERS);
    if ntimers as usize > MAX_TIMERS {
        defmt::panic!("mainjob: the scenario has {=u32} oob timers, this image holds {=usize}", ntimers, MAX_TIMERS);
    }
    CALL_TICKS.store(ticks_of(read_dev(dev::REG_PLAN_CALL_COST) as u64, khz), Relaxed);
    MSG_TICKS.store(ticks_of(read_dev(dev::REG_PLAN_MSG_COST) as u64, khz), Relaxed);
    let mut plan: [Option<(u64, Slot)>; MAX_TIMERS] = [None; MAX_TIMERS];
    for k in 0..ntimers as usize {
        let w = |i: usize| read_dev(dev::REG_PLAN_TIMER + 16 * k as u32 + 4 * i as u32);
        if w(3) & dev::PLAN_TIMER_USED == 0 {
            defmt::panic!("mainjob: PLAN_TIMER[{=usize}] is not in use", k);
        }
        let cycles = w(0) as u64;
        let slot = Slot {
            index: k as u32,
            period: ticks_of(cycles, khz).max(1),
            task: ticks_of(w(1) as u64, khz),
            message_every: w(2),
            expiries: (load / cycles.max(1)) as u32,
        };
        plan[k] = Some((cycles, slot));
    }
    plan[..ntimers as usize].sort_unstable_by_key(|p| p.map(|(c, s)| (c, s.index)));
    // SAFETY: interrupts are not enabled yet; nothing else reads SLOTS.
    unsafe {
        let slots = &mut *core::ptr::addr_of_mut!(SLOTS);
        for (slot, p) in slots.iter_mut().zip(plan) {
            *slot = p.map(|(_, s)| s);
        }
    }
    let chan: &'static Channel = {
        static mut RINGS: Option<Channel> = None;
        // SAFETY: written once here, before interrupts are enabled; read-only afterwards.
        unsafe { (*core::ptr::addr_of_mut!(RINGS)).insert(linux_channel::init()) }
    };
    LINUX.store(chan as *const Channel as *mut Channel, Release);
    trace(tw::word(tw::COUNTER_KHZ, (timer::frequency() / 1000).min(0xFF_FFFF) as u32));
    irqs::setup_tick(info.tick_timer().kind.intid(), on_tick);
    oob_core::install_rt!(RT);

    let line = irqs::router_oob_spi(0);
    Gic::configure(line, Group::Oob, irqs::PRIO_OOB_ROUTER, Some((1 << 0, GicTrigger::Level)));
    Gic::set_handler(line, on_oob_line);
    Gic::enable(line);
    hal::enable_interrupts();
    for cpu in 0..NCPU {
        router.page(cpu, Stage::Oob).expect("cpu in range").unstall();
    }
    defmt::info!(
        "mainjob: oob sources={=u32:#x} level={=u32:#x} timers={=u32} locked={=bool}, serving",
        oob,
        level,
        ntimers,
        router.is_locked()
    );
    // Idle: runs pending tasks, drains the defmt rings (frames leave them
    // only here), then sleeps until the next interrupt.
    RT.idle_until(|| false);
    hal::halt()
}
