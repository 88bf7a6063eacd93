//! oob tick lateness under cross-core load (run by the `oob_path` bench
//! under `-icount shift=0,sleep=off`). Core 0 is the oob core: an rt-core
//! periodic timer on the oob tick spawns the `control` task every PERIOD_US.
//! For every period it records, in counter ticks (16 ns), how late the tick
//! handler's first line and the task's first line come after the deadline.
//!
//! Three phases of TICKS periods each:
//! 1. quiet: cores 1..3 sleep;
//! 2. load: core 1 logs a defmt line every ~50 us; core 2 posts a call into
//!    core 0's mailbox and sends it the CALL_FUNCTION oob IPI every ~5 us;
//!    core 3 spawns core 0's `remote` task (which logs a line) and sends
//!    the RESCHEDULE oob IPI every ~5 us, and logs a line every tenth time;
//! 3. heavy: the same with core 1 logging back to back and core 3 logging
//!    every time.
//!
//! Samples are kept in memory and logged after the phase, when the load
//! has stopped, so logging them does not disturb the measurement.
#![no_std]
#![no_main]
use core::sync::atomic::{AtomicU32, AtomicU64, Ordering::*};
use oob_core::irqs::{self, SGI_OOB_CALL_FUNCTION, SGI_OOB_RESCHEDULE};
use oob_core::rt::Rt;
use rt_core::ipi::{CallMailbox, OobIpi};
use rt_core::sched::{TaskDef, TaskId};
use rt_core::timer::{Mode, TickRate, TimerId};
use zynqmp_hal::{self as hal, gic::{Gic, IrqCtx}, timer};

hal::entry!(main);

const PERIOD_US: u64 = 50;
const TICKS: usize = 1000;
const CONTROL: TaskId = TaskId(0);
const REMOTE: TaskId = TaskId(1);
const T_CONTROL: TimerId = TimerId(0);

static RT: Rt<2, 1> = Rt::new(
    0,
    [TaskDef { name: "control", priority: 2 }, TaskDef { name: "remote", priority: 1 }],
    run_task,
);
static CALLS: CallMailbox<8> = CallMailbox::new();

/// The deadline of the tick being served (the comparator's value at the
/// handler's first line).
static DUE: AtomicU64 = AtomicU64::new(0);
static HANDLER_LATE: [AtomicU32; TICKS] = [const { AtomicU32::new(0) }; TICKS];
static TASK_LATE: [AtomicU32; TICKS] = [const { AtomicU32::new(0) }; TICKS];
static N: AtomicU32 = AtomicU32::new(0);

/// What the load cores do: 0 sleep, 1 load, 2 heavy, 3 stop.
static LEVEL: AtomicU32 = AtomicU32::new(0);
const STOP: u32 = 3;
static ONLINE: AtomicU32 = AtomicU32::new(0);
/// Load cores inside a loaded phase.
static ACTIVE: AtomicU32 = AtomicU32::new(0);
static CALLS_RUN: AtomicU32 = AtomicU32::new(0);
static CALLS_POSTED: AtomicU32 = AtomicU32::new(0);
static REMOTE_RUNS: AtomicU32 = AtomicU32::new(0);
static LINES: [AtomicU32; 4] = [const { AtomicU32::new(0) }; 4];

extern "C" fn rt_tick(_: IrqCtx) {
    let now = timer::now();
    let due = timer::tick().deadline();
    DUE.store(due, Relaxed);
    let n = N.load(Relaxed) as usize;
    if n < TICKS {
        HANDLER_LATE[n].store(now.wrapping_sub(due) as u32, Relaxed);
    }
    RT.on_tick();
}

fn run_task(id: TaskId) {
    if id == CONTROL {
        let now = timer::now();
        let n = N.load(Relaxed) as usize;
        if n < TICKS {
            TASK_LATE[n].store(now.wrapping_sub(DUE.load(Relaxed)) as u32, Relaxed);
            N.store(n as u32 + 1, Relaxed);
        }
        if n + 1 >= TICKS {
            let _ = RT.cancel(T_CONTROL);
        }
    } else {
        let r = REMOTE_RUNS.fetch_add(1, Relaxed) + 1;
        defmt::info!("load: remote task run {=u32} on core 0", r);
    }
}


extern "C" fn on_call_function(_: IrqCtx) {
    CALLS.run_pending();
}

extern "C" fn on_reschedule(_: IrqCtx) {}

fn count_call(_: usize) {
    CALLS_RUN.fetch_add(1, Relaxed);
}

/// QEMU runs the four vCPUs round-robin under -icount, each for a share
/// of the time to the next virtual timer deadline; with no deadline near,
/// one busy vCPU can run for milliseconds while the others wait. The load
/// cores therefore keep their virtual timer (interrupt masked in its CTL,
/// so the guest never sees it) armed QUANTUM ticks ahead: it bounds QEMU's
/// time slices, so the cores interleave finely as on silicon.
const QUANTUM: u64 = 62; // ~1 us

fn pace() {
    let at = timer::now() + QUANTUM;
    // SAFETY: this core's virtual timer, used only for this pacing.
    unsafe {
        core::arch::asm!("msr cntv_cval_el0, {}", "msr cntv_ctl_el0, {}", in(reg) at, in(reg) 3u64, options(nomem, nostack))
    };
}

/// Busy-waits `ticks` counter ticks, keeping the pacing timer armed.
fn pause(ticks: u64) {
    let until = timer::now() + ticks;
    while timer::now() < until {
        pace();
    }
}

/// One unit of load on `core` at `level` (1 load, 2 heavy).
fn load_step(core: usize, level: u32, n: u32) {
    match core {
        1 => {
            defmt::info!("load: core 1 line {=u32} at {=u64}", n, timer::now());
            if level == 1 {
                pause(3000);
            }
        }
        2 => {
            if CALLS.post(count_call, n as usize).is_ok() {
                CALLS_POSTED.fetch_add(1, Relaxed);
            }
            irqs::send_oob_ipi(OobIpi::CallFunction, 1 << 0);
            pause(300);
        }
        _ => {
            let _ = RT.sched.spawn(REMOTE);
            irqs::send_oob_ipi(OobIpi::Reschedule, 1 << 0);
            if level == 2 || n % 10 == 0 {
                defmt::info!("load: core 3 spawn {=u32}", n);
            }
            pause(300);
        }
    }
}

/// A load core: asleep (WFI, masked: a sleeping vCPU takes no QEMU time
/// slice) while LEVEL is 0, loaded while it is 1 or 2; core 0's SGI wakes it.
fn load_core(core: usize) -> ! {
    oob_core::init_secondary();
    irqs::setup_sgis();
    hal::sync::mask_all();
    ONLINE.fetch_add(1, Release);
    let mut n: u32 = 0;
    loop {
        let level = LEVEL.load(Acquire);
        match level {
            0 => hal::wfi(),
            STOP => break,
            _ => {
                ACTIVE.fetch_add(1, AcqRel);
                while LEVEL.load(Acquire) == level {
                    pace();
                    n += 1;
                    load_step(core, level, n);
                    // This loop is the core's lowest level: its idle.
                    hal::logger::drain();
                }
                ACTIVE.fetch_sub(1, AcqRel);
            }
        }
    }
    LINES[core].store(n, Relaxed);
    ONLINE.fetch_sub(1, Release);
    loop {
        hal::wfi();
    }
}

/// Runs TICKS periods with the load cores at `level`, then stops the load
/// and logs the samples.
fn phase(name: &str, level: u32, period: u64) {
    N.store(0, Relaxed);
    let locks = hal::sync::global_lock_taken(0);
    let missed = RT.timer_stats(T_CONTROL).expect("core 0 owns the queue").missed;
    LEVEL.store(level, Release);
    if level != 0 {
        Gic::send_sgi(irqs::SGI_OOB_TIMER, 0b1110, zynqmp_hal::gic::Group::Oob);
    }
    RT.arm(T_CONTROL, CONTROL, timer::now() + period, Mode::Periodic { period }).unwrap();
    let give_up = timer::now() + 4 * period * TICKS as u64;
    RT.idle_until(|| N.load(Relaxed) as usize >= TICKS || timer::now() > give_up);
    let _ = RT.cancel(T_CONTROL);
    LEVEL.store(0, Release);
    while ACTIVE.load(Acquire) != 0 {
        core::hint::spin_loop();
    }
    let locks = hal::sync::global_lock_taken(0) - locks;
    let missed = RT.timer_stats(T_CONTROL).expect("core 0 owns the queue").missed - missed;
    let n = N.load(Relaxed) as usize;
    defmt::info!("load: phase={=str} ticks={=usize} missed={=u32} core0_global_locks={=u32}", name, n, missed, locks);
    for i in 0..n {
        hal::logger::drain();
        defmt::info!(
            "load: phase={=str} i={=usize} handler={=u32} task={=u32}",
            name,
            i,
            HANDLER_LATE[i].load(Relaxed),
            TASK_LATE[i].load(Relaxed)
        );
    }
}


fn main(info: hal::BootInfo) -> ! {
    oob_core::init_primary(&info);
    irqs::setup_sgis();
    let t = info.tick_timer();
    irqs::setup_tick(t.kind.intid(), rt_tick);
    Gic::set_handler(SGI_OOB_CALL_FUNCTION, on_call_function);
    Gic::set_handler(SGI_OOB_RESCHEDULE, on_reschedule);
    oob_core::install_rt!(RT);
    hal::enable_interrupts();
    hal::mask_inband();
    let period = TickRate { hz: timer::frequency() }.from_micros(PERIOD_US);
    defmt::info!("load: period={=u64} ticks={=usize}", period, TICKS);
    for c in 1..4 {
        hal::smp::start_core(c, load_core);
    }
    while ONLINE.load(Acquire) < 3 {
        core::hint::spin_loop();
    }
    phase("quiet", 0, period);
    phase("load", 1, period);
    phase("heavy", 2, period);
    LEVEL.store(STOP, Release);
    Gic::send_sgi(irqs::SGI_OOB_TIMER, 0b1110, zynqmp_hal::gic::Group::Oob);
    while ONLINE.load(Acquire) > 0 {
        core::hint::spin_loop();
    }
    defmt::info!(
        "load: calls posted={=u32} run={=u32} remote runs={=u32} core1 lines={=u32} core3 spawns={=u32}",
        CALLS_POSTED.load(Relaxed),
        CALLS_RUN.load(Relaxed),
        REMOTE_RUNS.load(Relaxed),
        LINES[1].load(Relaxed),
        LINES[3].load(Relaxed)
    );
    defmt::info!(
        "load: log frames dropped core0={=u32} core1={=u32} core2={=u32} core3={=u32}",
        hal::logger::dropped(0),
        hal::logger::dropped(1),
        hal::logger::dropped(2),
        hal::logger::dropped(3)
    );
    hal::exit(0)
}
