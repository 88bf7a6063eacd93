//! rt-core on the A53, end to end. Core 0 is the oob core: four tasks, oob
//! timers on the generic timer, dispatch at interrupt exit. Core 1 plays the
//! in-band side: it drains the oob->in-band channel on its doorbell IPI, and
//! sends core 0 a call-function and a reschedule oob IPI.
//!
//! | task      | prio | started by                          | body |
//! |-----------|------|-------------------------------------|------|
//! | control   | 3    | timer 0, periodic 1 ms, 50 runs     | counts, cancels itself at 50 |
//! | oneshot   | 2    | timer 1, one-shot at +2.5 ms        | counts |
//! | remote    | 2    | core 1: spawn + RESCHEDULE IPI      | counts |
//! | telemetry | 1    | timer 2, periodic 5 ms, 10 runs     | spins 2.5 ms (control preempts it), sends a channel message |
#![no_std]
#![no_main]
use core::sync::atomic::{AtomicBool, AtomicU32, AtomicUsize, Ordering::*};
use oob_core::irqs::{self, SGI_INBAND, SGI_OOB_CALL_FUNCTION, SGI_OOB_RESCHEDULE};
use oob_core::rt::Rt;
use rt_core::channel::Ring;
use rt_core::ipi::{CallMailbox, OobIpi};
use rt_core::sched::{TaskDef, TaskId};
use rt_core::timer::{Mode, TickRate, TimerId};
use zynqmp_hal::{self as hal, gic::{Gic, IrqCtx}, timer};

hal::entry!(main);

const CONTROL: TaskId = TaskId(0);
const ONESHOT: TaskId = TaskId(1);
const REMOTE: TaskId = TaskId(2);
const TELEMETRY: TaskId = TaskId(3);
const T_CONTROL: TimerId = TimerId(0);
const T_ONESHOT: TimerId = TimerId(1);
const T_TELEMETRY: TimerId = TimerId(2);
const CONTROL_RUNS: u32 = 50;
const TELEMETRY_RUNS: u32 = 10;

static RT: Rt<4, 3> = Rt::new(
    0,
    [
        TaskDef { name: "control", priority: 3 },
        TaskDef { name: "oneshot", priority: 2 },
        TaskDef { name: "remote", priority: 2 },
        TaskDef { name: "telemetry", priority: 1 },
    ],
    run_task,
);
/// oob -> in-band messages.
static TO_INBAND: Ring<16> = Ring::new();
/// Calls posted to core 0.
static CALLS: CallMailbox<4> = CallMailbox::new();

static CONTROL_N: AtomicU32 = AtomicU32::new(0);
static TELEMETRY_N: AtomicU32 = AtomicU32::new(0);
/// Control runs seen while telemetry was in its body (preemption witness).
static CONTROL_INSIDE_TELEMETRY: AtomicU32 = AtomicU32::new(0);
static IN_TELEMETRY: AtomicBool = AtomicBool::new(false);
static CALL_ARG: AtomicUsize = AtomicUsize::new(0);
static CALL_CORE: AtomicUsize = AtomicUsize::new(99);
static RECEIVED: AtomicU32 = AtomicU32::new(0);
static OUT_OF_ORDER: AtomicU32 = AtomicU32::new(0);
static DOORBELLS: AtomicU32 = AtomicU32::new(0);
static CORE1_READY: AtomicBool = AtomicBool::new(false);

fn run_task(id: TaskId) {
    match id {
        CONTROL => {
            if IN_TELEMETRY.load(Relaxed) {
                CONTROL_INSIDE_TELEMETRY.fetch_add(1, Relaxed);
            }
            if CONTROL_N.fetch_add(1, Relaxed) + 1 == CONTROL_RUNS {
                let _ = RT.cancel(T_CONTROL);
            }
        }
        ONESHOT | REMOTE => {}
        TELEMETRY => {
            IN_TELEMETRY.store(true, Relaxed);
            let until = timer::now() + TickRate { hz: timer::frequency() }.from_micros(2500);
            while timer::now() < until {
                core::hint::spin_loop();
            }
            IN_TELEMETRY.store(false, Relaxed);
            let n = TELEMETRY_N.fetch_add(1, Relaxed) + 1;
            match TO_INBAND.send(&n.to_le_bytes()) {
                Ok(sent) if sent.ring_doorbell => irqs::send_inband_ipi(1 << 1),
                Ok(_) => {}
                Err(_) => defmt::error!("rtcore: channel full"),
            }
            if n == TELEMETRY_RUNS {
                let _ = RT.cancel(T_TELEMETRY);
            }
        }
        _ => defmt::error!("rtcore: unknown task {=u8}", id.0),
    }
}

extern "C" fn on_tick(_: IrqCtx) {
    RT.on_tick();
}

extern "C" fn on_call_function(_: IrqCtx) {
    CALLS.run_pending();
}

/// The reschedule IPI has nothing to do itself: the dispatch at interrupt
/// exit runs what the sender spawned.
extern "C" fn on_reschedule(_: IrqCtx) {}


fn remote_call(arg: usize) {
    CALL_ARG.store(arg, Relaxed);
    CALL_CORE.store(hal::core_id(), Relaxed);
}

/// Core 1, in-band side: doorbell handler drains the channel.
extern "C" fn on_doorbell(ctx: IrqCtx) {
    if ctx.core() != 1 {
        return;
    }
    DOORBELLS.fetch_add(1, Relaxed);
    TO_INBAND.drain(|msg| {
        let n = u32::from_le_bytes(msg.try_into().unwrap_or([0; 4]));
        if n != RECEIVED.load(Relaxed) + 1 {
            OUT_OF_ORDER.fetch_add(1, Relaxed);
        }
        RECEIVED.store(n, Relaxed);
    });
}

fn core1(_: usize) -> ! {
    oob_core::init_secondary();
    irqs::setup_sgis();
    hal::enable_interrupts();
    CORE1_READY.store(true, Release);
    // Ask core 0 to run a function, then to run a task.
    CALLS.post(remote_call, 0xC0FFEE).expect("mailbox has room");
    irqs::send_oob_ipi(OobIpi::CallFunction, 1 << 0);
    RT.sched.spawn(REMOTE).expect("task exists");
    irqs::send_oob_ipi(OobIpi::Reschedule, 1 << 0);
    loop {
        hal::wfi();
    }
}


fn main(info: hal::BootInfo) -> ! {
    oob_core::init_primary(&info);
    irqs::setup_sgis();
    let t = info.tick_timer();
    irqs::setup_tick(t.kind.intid(), on_tick);
    Gic::set_handler(SGI_OOB_CALL_FUNCTION, on_call_function);
    Gic::set_handler(SGI_OOB_RESCHEDULE, on_reschedule);
    Gic::set_handler(SGI_INBAND, on_doorbell);
    oob_core::install_rt!(RT);
    hal::enable_interrupts();
    // In-band work on this core is not ours: the oob core keeps IRQ masked.
    hal::mask_inband();

    let rate = TickRate { hz: timer::frequency() };
    let t0 = timer::now();
    let ms = rate.from_micros(1000);
    RT.arm(T_CONTROL, CONTROL, t0 + ms, Mode::Periodic { period: ms }).unwrap();
    RT.arm(T_ONESHOT, ONESHOT, t0 + rate.from_micros(2500), Mode::OneShot).unwrap();
    RT.arm(T_TELEMETRY, TELEMETRY, t0 + 5 * ms, Mode::Periodic { period: 5 * ms }).unwrap();
    defmt::info!("rtcore: timers armed, tick on {}", t.kind);
    hal::smp::start_core(1, core1);

    // Idle until both periodic tasks have cancelled their timers (the
    // host test's QEMU timeout bounds a hang).
    RT.idle_until(|| CONTROL_N.load(Relaxed) >= CONTROL_RUNS && TELEMETRY_N.load(Relaxed) >= TELEMETRY_RUNS);
    // Quiet period: nothing may run once the timers are cancelled.
    let quiet_until = timer::now() + 10 * ms;
    let (c, tl) = (CONTROL_N.load(Relaxed), TELEMETRY_N.load(Relaxed));
    while timer::now() < quiet_until {
        core::hint::spin_loop();
    }
    let after = (CONTROL_N.load(Relaxed) - c) + (TELEMETRY_N.load(Relaxed) - tl);
    // Let core 1 drain the last doorbell.
    let drain_until = timer::now() + 10 * ms;
    while RECEIVED.load(Relaxed) < TELEMETRY_RUNS && timer::now() < drain_until {
        core::hint::spin_loop();
    }

    for (id, timer_id) in [(CONTROL, Some(T_CONTROL)), (ONESHOT, Some(T_ONESHOT)), (REMOTE, None), (TELEMETRY, Some(T_TELEMETRY))] {
        let name = RT.sched.task(id).map_or("?", |t| t.name);
        let st = timer_id.map(|t| RT.timer_stats(t).expect("core 0 owns the queue")).unwrap_or_default();
        defmt::info!(
            "rtcore: task {=str} runs={=u32} timer_fired={=u32} timer_missed={=u32}",
            name,
            RT.sched.runs(id),
            st.fired,
            st.missed
        );
    }
    defmt::info!(
        "rtcore: preemptions={=u32} control_inside_telemetry={=u32} runs_after_cancel={=u32}",
        RT.sched.preemptions(),
        CONTROL_INSIDE_TELEMETRY.load(Relaxed),
        after
    );
    defmt::info!(
        "rtcore: call_function arg={=usize:#x} on core {=usize}",
        CALL_ARG.load(Relaxed),
        CALL_CORE.load(Relaxed)
    );
    defmt::info!(
        "rtcore: channel received={=u32} out_of_order={=u32} doorbells>0={=bool} core1_ready={=bool}",
        RECEIVED.load(Relaxed),
        OUT_OF_ORDER.load(Relaxed),
        DOORBELLS.load(Relaxed) > 0,
        CORE1_READY.load(Relaxed)
    );
    hal::exit(0)
}
