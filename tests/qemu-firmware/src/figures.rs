//! The figures the `bench` and `load` firmware programs log, parsed once
//! for the budget tests and the `oob_path` benchmark, and the budgets.
//! Both programs run under `-icount shift=0,sleep=off`, where QEMU is
//! deterministic and the PMU counts instructions exactly, so a budget is an
//! exact instruction count, not a timing.

use crate::{field, run, FwRun, LogLine, SECURE};

/// Instruction budgets (issue 15). A test fails when a path grows past one.
pub mod budget {
    /// oob path: FIQ entry → handler's first line, plus handler's last line
    /// → back in the interrupted code, rt-core's "anything to run?" included.
    pub const OOB_PATH: u64 = 50;
    /// The same span of the in-band path (IRQ), which also saves ELR/SPSR,
    /// checks the group and unmasks FIQ around its handler.
    pub const INBAND_PATH: u64 = 64;
    /// rt-core: tick handler's first line → the started task's first line.
    pub const TICK_TO_TASK: u64 = 100;
}

/// The figures of the code before issue 15 (main at 2521e04; the `load`
/// program was added unchanged otherwise in 875f746), measured on QEMU 7.2
/// with the same programs, printed beside the current ones.
pub mod before {
    /// (entry, exit) instructions.
    pub const OOB: (u64, u64) = (87, 55);
    pub const INBAND: (u64, u64) = (87, 57);
    pub const TICK_TO_TASK: u64 = 159;
    /// `load` program, task lateness in counter ticks (p50, p99, p99.9,
    /// max) and missed periods: quiet and light load. Under heavy load the
    /// code before overflowed core 0's stack (113 nested FIQ frames of 800
    /// bytes at interrupt exit while the tick handler waited for the global
    /// lock) and crashed core 1.
    pub const QUIET_TASK: [u64; 4] = [19, 19, 19, 19];
    pub const LOAD_TASK: [u64; 4] = [201, 406, 563, 128_432];
    pub const LOAD_MISSED: u64 = 41;
    pub const QUIET_HANDLER: [u64; 4] = [5, 5, 5, 5];
    pub const LOAD_HANDLER: [u64; 4] = [66, 245, 306, 128_393];
    /// Light-load task lateness histogram: (bucket upper bound, samples).
    pub const LOAD_TASK_HIST: [(u64, u64); 7] = [(32, 125), (64, 27), (128, 35), (256, 487), (512, 323), (1024, 2), (131_072, 1)];
    pub const HEAVY: &str = "crashed: core 0's stack overflowed (nested FIQs at interrupt exit)";
}

/// QEMU arguments of every deterministic run.
pub const ICOUNT: [&str; 2] = ["-icount", "shift=0,sleep=off"];

/// One interrupt path's samples: (entry, exit) in instructions.
pub type PathSamples = Vec<(u64, u64)>;

/// What the `bench` program measured.
pub struct BenchFigures {
    /// oob: SGI, group 0 → FIQ.
    pub fiq: PathSamples,
    /// in-band: SGI, group 1 → IRQ.
    pub irq: PathSamples,
    /// rt-core: tick handler's first line → task's first line.
    pub tick_to_task: Vec<u64>,
    /// Oob tick: (lateness in counter ticks, instructions since the last tick).
    pub ticks: Vec<(u64, u64)>,
    /// Timer period in counter ticks.
    pub period: u64,
    /// The cost of one PMU read, subtracted from every figure.
    pub cal: u64,
}

fn lines<'a>(r: &'a FwRun, prefix: &str) -> Vec<&'a LogLine> {
    r.log.iter().filter(|l| l.message.starts_with(prefix)).collect()
}

fn num(l: &LogLine, key: &str) -> u64 {
    field(&l.message, key).unwrap_or_else(|| panic!("no {key}= in {:?}", l.message))
}

/// Runs the `bench` program deterministically; fails on a non-zero exit or
/// any error line.
pub fn run_bench(tag: &str) -> (FwRun, BenchFigures) {
    let r = run("bench", SECURE, tag, &ICOUNT);
    assert_eq!(r.code(), 0, "{}", r.dump());
    assert!(!r.log.iter().any(|l| l.level.as_deref() == Some("error")), "{}", r.dump());
    let path = |p: &str| -> PathSamples {
        lines(&r, &format!("bench: path={p} ")).into_iter().map(|l| (num(l, "entry"), num(l, "exit"))).collect()
    };
    let f = BenchFigures {
        fiq: path("fiq"),
        irq: path("irq"),
        tick_to_task: lines(&r, "bench: rt i=").into_iter().map(|l| num(l, "tick_to_task")).collect(),
        ticks: lines(&r, "bench: tick i=").into_iter().map(|l| (num(l, "late"), num(l, "instr"))).collect(),
        period: num(r.line("bench: timer period="), "period"),
        cal: num(r.line("bench: cal="), "cal"),
    };
    (r, f)
}

/// One phase of the `load` program.
pub struct Phase {
    pub name: String,
    pub ticks: u64,
    pub missed: u64,
    /// Global-lock acquisitions by core 0 (the oob core) during the phase.
    pub core0_global_locks: u64,
    /// Per period, counter ticks from the deadline to the tick handler's
    /// first line, and to the started task's first line.
    pub handler: Vec<u64>,
    pub task: Vec<u64>,
}

/// What the `load` program measured, and its load counters.
pub struct LoadFigures {
    pub phases: Vec<Phase>,
    pub summary: String,
    pub dropped: String,
}

/// Runs the `load` program deterministically; fails on a non-zero exit.
pub fn run_load(tag: &str) -> (FwRun, LoadFigures) {
    let r = run("load", SECURE, tag, &ICOUNT);
    assert_eq!(r.code(), 0, "{}", r.dump());
    let phases = ["quiet", "load", "heavy"]
        .iter()
        .map(|&name| {
            let head = r.line(&format!("load: phase={name} ticks="));
            let samples = lines(&r, &format!("load: phase={name} i="));
            Phase {
                name: name.to_string(),
                ticks: num(head, "ticks"),
                missed: num(head, "missed"),
                core0_global_locks: num(head, "core0_global_locks"),
                handler: samples.iter().map(|l| num(l, "handler")).collect(),
                task: samples.iter().map(|l| num(l, "task")).collect(),
            }
        })
        .collect();
    let summary = r.line("load: calls posted=").message.clone();
    let dropped = r.line("load: log frames dropped").message.clone();
    (r, LoadFigures { phases, summary, dropped })
}

/// The value at quantile `q` (0..=1) of `v`, nearest rank.
pub fn quantile(v: &[u64], q: f64) -> u64 {
    let mut s = v.to_vec();
    s.sort_unstable();
    let i = ((s.len() as f64 * q).ceil() as usize).clamp(1, s.len()) - 1;
    s[i]
}
