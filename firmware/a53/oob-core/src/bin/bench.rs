//! Benchmark program (run by tests/qemu-firmware/benches/oob_path.rs under
//! `-icount shift=0,sleep=off`, where QEMU's PMU counts instructions
//! exactly). It logs raw samples; the host computes the table.
//!
//! 1. Interrupt path: a self-targeted SGI is raised by a store to GICD_SGIR
//!    between two reads of PMEVCNTR0 (INST_RETIRED); the handler reads the
//!    counter at its first and last line. entry = instructions from the
//!    store to the handler's first line, exit = from the handler's last
//!    line back to the interrupted code, each less the cost of one counter
//!    read (`cal`) and, for entry, the store itself. Done for an oob SGI
//!    (group 0, FIQ) and an in-band one (group 1, IRQ), with rt-core
//!    installed, so every exit runs its "anything to run?" check.
//! 2. Timer period jitter: the oob tick runs TICKS periods of PERIOD_US
//!    while the core spins; the handler's first line samples the counter
//!    (CNTPCT) and the PMU. Lateness = sample - deadline.
//! 3. rt-core path: a periodic rt-core timer spawns a task; instructions
//!    from the tick handler's first line (timer expiry, spawn, comparator
//!    reprogram, EOI, dispatch at interrupt exit) to the task's first line.
#![no_std]
#![no_main]
use core::sync::atomic::{AtomicU64, AtomicU32, Ordering::*};
use oob_core::irqs::{self, SGI_INBAND, SGI_OOB_CALL_FUNCTION};
use oob_core::rt::Rt;
use rt_core::sched::{TaskDef, TaskId};
use rt_core::timer::{Mode, TimerId};
use zynqmp_hal::{self as hal, gic::{Gic, Group, IrqCtx}, pmu, timer};

hal::entry!(main);

const SAMPLES: usize = 16;
const TICKS: u32 = 200;
const PERIOD_US: u64 = 1000;

static H_FIRST: AtomicU64 = AtomicU64::new(0);
static H_LAST: AtomicU64 = AtomicU64::new(0);
static TICK_N: AtomicU32 = AtomicU32::new(0);
static PERIOD: AtomicU64 = AtomicU64::new(0);
static TICK_LATE: [AtomicU64; TICKS as usize] = [const { AtomicU64::new(0) }; TICKS as usize];
static TICK_INSTR: [AtomicU64; TICKS as usize] = [const { AtomicU64::new(0) }; TICKS as usize];

const RT_SAMPLES: usize = 16;
static RT: Rt<1, 1> = Rt::new(0, [TaskDef { name: "bench", priority: 1 }], rt_task);
static RT_TICK: AtomicU64 = AtomicU64::new(0);
static RT_N: AtomicU32 = AtomicU32::new(0);
static RT_DELTA: [AtomicU64; RT_SAMPLES] = [const { AtomicU64::new(0) }; RT_SAMPLES];

extern "C" fn rt_tick(_: IrqCtx) {
    RT_TICK.store(pmu::instructions(), Relaxed);
    RT.on_tick();
}

fn rt_task(_: TaskId) {
    let now = pmu::instructions();
    let n = RT_N.fetch_add(1, Relaxed) as usize;
    if n < RT_SAMPLES {
        RT_DELTA[n].store(now - RT_TICK.load(Relaxed), Relaxed);
    }
    if n + 1 == RT_SAMPLES {
        let _ = RT.cancel(TimerId(0));
    }
}


extern "C" fn on_sgi(_: IrqCtx) {
    let first = pmu::instructions();
    H_FIRST.store(first, Relaxed);
    let last = pmu::instructions();
    H_LAST.store(last, Relaxed);
}

extern "C" fn on_tick(_: IrqCtx) {
    let now = timer::now();
    let instr = pmu::instructions();
    let t = timer::tick();
    let deadline = t.deadline();
    let n = TICK_N.load(Relaxed);
    if (n as usize) < TICK_LATE.len() {
        TICK_LATE[n as usize].store(now.wrapping_sub(deadline), Relaxed);
        TICK_INSTR[n as usize].store(instr, Relaxed);
    }
    TICK_N.store(n + 1, Relaxed);
    if n + 1 < TICKS {
        t.arm_at(deadline + PERIOD.load(Relaxed));
    } else {
        t.stop();
    }
}

/// Two adjacent counter reads: what one read adds to a difference.
#[inline(never)]
fn calibrate() -> u64 {
    let (a, b): (u64, u64);
    // SAFETY: PMU reads only.
    unsafe { core::arch::asm!("isb", "mrs {a}, pmevcntr0_el0", "mrs {b}, pmevcntr0_el0", a = out(reg) a, b = out(reg) b, options(nostack)) };
    b - a
}

/// Raises the SGI with one store between two counter reads; returns them.
#[inline(never)]
fn trigger(sgir_value: u32) -> (u64, u64) {
    let (before, after): (u64, u64);
    // SAFETY: a GICD_SGIR write (device memory) between PMU reads; the
    // interrupt it raises is taken right after the store and returns here.
    unsafe {
        core::arch::asm!(
            "dsb ishst",
            "isb",
            "mrs {b}, pmevcntr0_el0",
            "str {v:w}, [{r}]",
            "mrs {a}, pmevcntr0_el0",
            b = out(reg) before,
            a = out(reg) after,
            v = in(reg) sgir_value,
            r = in(reg) Gic::SGIR_ADDR,
            options(nostack)
        )
    };
    (before, after)
}

fn path(name: &str, sgi: u32, group: Group, cal: u64) {
    // TargetListFilter 0b10 (self), NSATT for group 1 (see gic.rs).
    let nsatt = if group == Group::InBand { 1 << 15 } else { 0 };
    let value = (0b10 << 24) | nsatt | sgi;
    for i in 0..SAMPLES {
        H_FIRST.store(0, Relaxed);
        let (t0, t3) = trigger(value);
        let (t1, t2) = (H_FIRST.load(Relaxed), H_LAST.load(Relaxed));
        if t1 == 0 || t1 > t3 {
            defmt::error!("bench: {=str} sample {=usize}: the handler did not run between the reads t0={=u64} t3={=u64} t1={=u64}", name, i, t0, t3, H_FIRST.load(Relaxed));
            continue;
        }
        // entry: store + vector..first line; exit: last line..back.
        let entry = t1 - t0 - cal - 1;
        let exit = t3 - t2 - cal;
        defmt::info!("bench: path={=str} i={=usize} entry={=u64} exit={=u64}", name, i, entry, exit);
    }
}


fn main(info: hal::BootInfo) -> ! {
    oob_core::init_primary(&info);
    irqs::setup_sgis();
    let pmceid0: u64;
    // SAFETY: PMU ID register read.
    unsafe { core::arch::asm!("mrs {}, pmceid0_el0", out(reg) pmceid0, options(nomem, nostack)) };
    let inst_ok = pmceid0 & (1 << 8) != 0;
    defmt::info!("bench: INST_RETIRED counted={=bool}", inst_ok);
    if !inst_ok {
        defmt::error!("bench: no INST_RETIRED event: run QEMU with -icount");
        hal::exit(2);
    }
    Gic::set_handler(SGI_OOB_CALL_FUNCTION, on_sgi);
    Gic::set_handler(SGI_INBAND, on_sgi);
    // rt-core's exit check reads RT's pending word on every path measured
    // (nothing is pending until the rt-core part spawns).
    oob_core::install_rt!(RT);
    hal::enable_interrupts();
    let cal = calibrate();
    defmt::info!("bench: cal={=u64}", cal);
    path("fiq", SGI_OOB_CALL_FUNCTION, Group::Oob, cal);
    path("irq", SGI_INBAND, Group::InBand, cal);

    // Timer jitter.
    let t = info.tick_timer();
    let period = timer::frequency() * PERIOD_US / 1_000_000;
    PERIOD.store(period, Relaxed);
    irqs::setup_tick(t.kind.intid(), on_tick);
    defmt::info!("bench: timer period={=u64} ticks freq={=u64}", period, timer::frequency());
    t.arm_at(timer::now() + period);
    let give_up = timer::now() + 2 * period * TICKS as u64;
    while TICK_N.load(Relaxed) < TICKS && timer::now() < give_up {
        core::hint::spin_loop();
    }
    let n = TICK_N.load(Relaxed).min(TICKS) as usize;
    for i in 0..n {
        let since = if i == 0 { 0 } else { TICK_INSTR[i].load(Relaxed) - TICK_INSTR[i - 1].load(Relaxed) };
        defmt::info!("bench: tick i={=usize} late={=u64} instr={=u64}", i, TICK_LATE[i].load(Relaxed), since);
    }
    defmt::info!("bench: ticks={=usize}", n);

    // rt-core path.
    Gic::set_handler(t.kind.intid(), rt_tick);
    RT.arm(TimerId(0), TaskId(0), timer::now() + period, Mode::Periodic { period }).unwrap();
    let give_up = timer::now() + 2 * period * RT_SAMPLES as u64;
    while RT_N.load(Relaxed) < RT_SAMPLES as u32 && timer::now() < give_up {
        core::hint::spin_loop();
    }
    for (i, d) in RT_DELTA.iter().enumerate().take(RT_N.load(Relaxed).min(RT_SAMPLES as u32) as usize) {
        defmt::info!("bench: rt i={=usize} tick_to_task={=u64}", i, d.load(Relaxed) - cal);
    }
    hal::exit(0)
}
