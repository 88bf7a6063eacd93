//! Scenarios: what load the main job runs, in small TOML files
//! (`scenarios/*.toml`). Times are in microseconds, rates in hertz, CPU-side
//! costs in A53 cycles; everything is converted to fabric cycles, the
//! simulation's one time base, by [`Scenario::from_toml`].
//!
//! A scenario that does not parse or does not make sense is refused with a
//! message naming the field, before anything runs.

use serde::Deserialize;
use std::fmt;
use std::path::Path;

/// The router instance the co-simulation uses (one of router-sim's builds).
pub const NSRC: u16 = 32;
pub const NCPU: u8 = 4;

/// The longest load a scenario may ask for, µs of fabric time. A guard
/// against a mistyped duration, not a limit of the simulation: the thread
/// model steps the RTL in lockstep with its reference model every fabric
/// cycle and the QEMU run keeps every bus access in memory, so wall time
/// and memory grow with the duration (README.md has measured figures for
/// 1 s). It was 50 M fabric cycles (500 ms at 100 MHz), checked in cycles
/// though the message said µs; the main job on QEMU needed a simulated
/// second (issue 17).
pub const MAX_DURATION_US: f64 = 10_000_000.0;

#[derive(Debug)]
pub struct ScenarioError(pub String);

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ScenarioError {}

fn bad<T>(msg: impl Into<String>) -> Result<T, ScenarioError> {
    Err(ScenarioError(msg.into()))
}

// ---- the file format ---------------------------------------------------------

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    name: String,
    #[serde(default)]
    description: String,
    #[serde(default = "one")]
    seed: u64,
    duration_us: f64,
    #[serde(default)]
    clocks: Clocks,
    #[serde(default)]
    bus: Bus,
    #[serde(default)]
    costs: Costs,
    inband: InbandFile,
    #[serde(default)]
    oob: OobFile,
    sources: Vec<SourceFile>,
}

fn one() -> u64 {
    1
}

#[derive(Debug, Deserialize, Clone, Copy)]
#[serde(deny_unknown_fields)]
pub struct Clocks {
    /// The router's clock (the HPM0 AXI clock it shares).
    pub fabric_mhz: f64,
    /// The A53 clock.
    pub cpu_mhz: f64,
}

impl Clocks {
    /// A53 cycles to fabric cycles, rounded up: a cost is never free.
    pub fn cpu_to_fabric(&self, n: u32) -> u64 {
        ((n as f64) * self.fabric_mhz / self.cpu_mhz).ceil() as u64
    }
}

impl Default for Clocks {
    fn default() -> Self {
        Clocks {
            fabric_mhz: 100.0,
            cpu_mhz: 1200.0,
        }
    }
}

/// Fixed PS-side cost of one AXI-lite access to the PL, in fabric cycles,
/// on top of the router's own cycles (which the simulation counts exactly):
/// the A53 → CCI → FPD main switch → HPM0 path and back.
#[derive(Debug, Deserialize, Clone, Copy)]
#[serde(deny_unknown_fields)]
pub struct Bus {
    pub read_cycles: u32,
    pub write_cycles: u32,
}

impl Default for Bus {
    fn default() -> Self {
        Bus {
            read_cycles: 12,
            write_cycles: 6,
        }
    }
}

/// CPU-side costs, in A53 cycles (see the report's cost table for where each
/// estimate comes from).
#[derive(Debug, Deserialize, Clone, Copy)]
#[serde(deny_unknown_fields, default)]
pub struct Costs {
    /// Exception entry: vector, saving the interrupted context.
    pub exception_entry: u32,
    /// Exception return: restoring the context, `eret`.
    pub exception_exit: u32,
    /// One GIC CPU-interface access (IAR read, EOIR write, SGIR write).
    pub gic_access: u32,
    /// Software pipeline: `handle_irq_pipelined` prologue/epilogue (stage
    /// switch, preempt count, RCU NMI enter/exit).
    pub sw_pipeline_entry: u32,
    /// Software pipeline: logging one in-band IRQ (`irq_post_stage`).
    pub sw_log: u32,
    /// Software pipeline: pulling one IRQ from the log during a sync.
    pub sw_sync_per_irq: u32,
    /// Software pipeline: a virtual stall or unstall (a per-CPU bit).
    pub sw_stall: u32,
    /// Hardware pipeline: the oob dispatcher's work per claimed entry
    /// besides the handler (decode, bookkeeping).
    pub hw_dispatch: u32,
    /// Hardware pipeline: the glue's stall mirror when it writes (per-CPU
    /// loads, compare, one posted store), on top of `sw_stall`.
    pub hw_mirror: u32,
}

impl Default for Costs {
    fn default() -> Self {
        Costs {
            exception_entry: 150,
            exception_exit: 120,
            gic_access: 60,
            sw_pipeline_entry: 250,
            sw_log: 40,
            sw_sync_per_irq: 60,
            sw_stall: 8,
            hw_dispatch: 30,
            // linux-glue/patches/README.md: +37 instructions per
            // local_irq_save()/restore() pair with two mirrored writes
            // (Dovetail 5.13 on QEMU, -icount), taken as one cycle each.
            hw_mirror: 18,
        }
    }
}

#[derive(Debug, Deserialize, Clone, Copy)]
#[serde(deny_unknown_fields, tag = "kind", rename_all = "lowercase")]
enum DistFile {
    Fixed { us: f64 },
    Uniform { min_us: f64, max_us: f64 },
    Exp { mean_us: f64 },
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct InbandFile {
    /// Time between two critical sections of the in-band thread.
    gap: DistFile,
    /// Length of an in-band critical section (interrupts "disabled").
    critical_section: DistFile,
    /// Cost of a Linux IRQ handler for a PL source.
    handler_cycles: u32,
    /// Rate, per CPU, of in-band → oob call-function IPIs.
    #[serde(default)]
    call_oob_hz: f64,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct OobFile {
    #[serde(default)]
    timers: Vec<TimerFile>,
    /// Cost of one oob cross-CPU function call.
    #[serde(default = "call_cost")]
    call_cycles: u32,
    /// Cost, each side, of one channel message.
    #[serde(default = "msg_cost")]
    message_cycles: u32,
}

fn call_cost() -> u32 {
    400
}
fn msg_cost() -> u32 {
    200
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TimerFile {
    cpu: u8,
    period_us: f64,
    /// Cost of the periodic task the timer releases.
    task_cycles: u32,
    /// Every n-th period the task posts a message to the in-band side
    /// (0: never).
    #[serde(default)]
    message_every: u32,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceFile {
    class: String,
    ids: Vec<u16>,
    stage: StageName,
    /// A CPU number, or absent to spread the group over all CPUs.
    cpu: Option<u8>,
    #[serde(default = "edge")]
    trigger: TriggerName,
    #[serde(default)]
    priority: u8,
    handler_cycles: u32,
    rate: RateFile,
}

fn edge() -> TriggerName {
    TriggerName::Edge
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
enum StageName {
    Oob,
    Inband,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
enum TriggerName {
    Edge,
    Level,
}

#[derive(Debug, Deserialize, Clone, Copy)]
#[serde(deny_unknown_fields, tag = "kind", rename_all = "lowercase")]
enum RateFile {
    Periodic {
        period_us: f64,
        #[serde(default)]
        jitter_us: f64,
    },
    Poisson {
        hz: f64,
    },
    Burst {
        every_us: f64,
        count: u32,
        spacing_us: f64,
    },
}

// ---- the validated scenario, in fabric cycles -----------------------------------

/// A random duration, in fabric cycles.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Dist {
    Fixed(u64),
    Uniform(u64, u64),
    Exp(f64),
}

/// When a source fires, in fabric cycles.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Rate {
    Periodic {
        period: u64,
        jitter: u64,
    },
    Poisson {
        mean_gap: f64,
    },
    Burst {
        every: u64,
        count: u32,
        spacing: u64,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StageSel {
    Oob,
    Inband,
}

#[derive(Debug, Clone)]
pub struct Source {
    pub id: u16,
    pub class: String,
    pub stage: StageSel,
    pub cpu: u8,
    /// The scenario named `cpu` (else the group is spread over the CPUs).
    pub cpu_given: bool,
    pub level: bool,
    pub priority: u8,
    /// Handler cost in fabric cycles.
    pub handler: u64,
    pub rate: Rate,
}

#[derive(Debug, Clone)]
pub struct Timer {
    pub cpu: u8,
    pub period: u64,
    pub task: u64,
    pub message_every: u32,
}

#[derive(Debug, Clone)]
pub struct Scenario {
    pub name: String,
    pub description: String,
    pub seed: u64,
    pub duration: u64,
    pub clocks: Clocks,
    pub bus: Bus,
    pub costs: Costs,
    pub gap: Dist,
    pub critical_section: Dist,
    pub inband_handler: u64,
    /// Mean gap between in-band → oob calls per CPU, fabric cycles (None: no calls).
    pub call_oob_gap: Option<f64>,
    pub timers: Vec<Timer>,
    pub call: u64,
    pub message: u64,
    pub sources: Vec<Source>,
    /// `sources` index of each source ID, for the per-event lookups.
    by_id: Vec<Option<usize>>,
}

impl Scenario {
    /// The source with this ID, if the scenario drives it.
    pub fn source(&self, id: u16) -> Option<&Source> {
        self.by_id
            .get(id as usize)
            .copied()
            .flatten()
            .map(|k| &self.sources[k])
    }

    pub fn load(path: &Path) -> Result<Scenario, ScenarioError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| ScenarioError(format!("cannot read scenario {}: {e}", path.display())))?;
        Scenario::from_toml(&text)
            .map_err(|e| ScenarioError(format!("{}: {}", path.display(), e.0)))
    }

    pub fn from_toml(text: &str) -> Result<Scenario, ScenarioError> {
        let f: File = toml::from_str(text).map_err(|e| ScenarioError(e.to_string()))?;
        let c = f.clocks;
        if !(c.fabric_mhz > 0.0 && c.fabric_mhz <= 1000.0) {
            return bad(format!(
                "clocks.fabric_mhz = {} is not a fabric clock (0 < f <= 1000)",
                c.fabric_mhz
            ));
        }
        if !(c.cpu_mhz >= c.fabric_mhz && c.cpu_mhz <= 5000.0) {
            return bad(format!(
                "clocks.cpu_mhz = {} must be at least the fabric clock and at most 5000",
                c.cpu_mhz
            ));
        }
        let us = |field: &str, v: f64| -> Result<u64, ScenarioError> {
            if !(v.is_finite() && v >= 0.0) {
                return bad(format!("{field} = {v} must be a finite, non-negative time"));
            }
            Ok((v * c.fabric_mhz).round() as u64)
        };
        let positive_us = |field: &str, v: f64| -> Result<u64, ScenarioError> {
            let n = us(field, v)?;
            if n == 0 {
                return bad(format!("{field} = {v} µs is less than one fabric cycle"));
            }
            Ok(n)
        };
        let cpu = |n: u32| c.cpu_to_fabric(n);
        let dist = |field: &str, d: DistFile| -> Result<Dist, ScenarioError> {
            Ok(match d {
                DistFile::Fixed { us: v } => Dist::Fixed(us(field, v)?),
                DistFile::Uniform { min_us, max_us } => {
                    if min_us > max_us {
                        return bad(format!("{field}: min_us {min_us} > max_us {max_us}"));
                    }
                    Dist::Uniform(us(field, min_us)?, us(field, max_us)?)
                }
                DistFile::Exp { mean_us } => Dist::Exp(positive_us(field, mean_us)? as f64),
            })
        };
        let duration = positive_us("duration_us", f.duration_us)?;
        if f.duration_us > MAX_DURATION_US {
            return bad(format!(
                "duration_us = {} is over {MAX_DURATION_US} µs ({} s) of fabric time: too long to simulate",
                f.duration_us,
                MAX_DURATION_US / 1e6
            ));
        }
        let mut by_id: Vec<Option<usize>> = vec![None; NSRC as usize];
        let mut sources = Vec::new();
        for (g, s) in f.sources.iter().enumerate() {
            let at = format!("sources[{g}] (class \"{}\")", s.class);
            if s.ids.is_empty() {
                return bad(format!("{at}: ids is empty"));
            }
            if s.priority > 3 {
                return bad(format!(
                    "{at}: priority {} is out of range 0..=3",
                    s.priority
                ));
            }
            if let Some(cpu) = s.cpu {
                if cpu >= NCPU {
                    return bad(format!(
                        "{at}: cpu {cpu} does not exist (the router serves {NCPU} CPUs)"
                    ));
                }
            }
            let rate = match s.rate {
                RateFile::Periodic {
                    period_us,
                    jitter_us,
                } => {
                    let period = positive_us(&format!("{at}.rate.period_us"), period_us)?;
                    let jitter = us(&format!("{at}.rate.jitter_us"), jitter_us)?;
                    if jitter >= period {
                        return bad(format!("{at}: jitter_us must be smaller than period_us"));
                    }
                    Rate::Periodic { period, jitter }
                }
                RateFile::Poisson { hz } => {
                    if !(hz > 0.0 && hz.is_finite()) {
                        return bad(format!("{at}: rate.hz = {hz} must be positive"));
                    }
                    Rate::Poisson {
                        mean_gap: c.fabric_mhz * 1e6 / hz,
                    }
                }
                RateFile::Burst {
                    every_us,
                    count,
                    spacing_us,
                } => {
                    let every = positive_us(&format!("{at}.rate.every_us"), every_us)?;
                    let spacing = positive_us(&format!("{at}.rate.spacing_us"), spacing_us)?;
                    if count == 0 || spacing * count as u64 >= every {
                        return bad(format!("{at}: a burst of {count} every {every_us} µs spaced {spacing_us} µs does not fit"));
                    }
                    Rate::Burst {
                        every,
                        count,
                        spacing,
                    }
                }
            };
            for (k, &id) in s.ids.iter().enumerate() {
                if id >= NSRC {
                    return bad(format!(
                        "{at}: source {id} does not exist (the router has {NSRC})"
                    ));
                }
                if let Some(k) = by_id[id as usize] {
                    let other: &Source = &sources[k];
                    return bad(format!(
                        "{at}: source {id} is already in class \"{}\"",
                        other.class
                    ));
                }
                by_id[id as usize] = Some(sources.len());
                sources.push(Source {
                    id,
                    class: s.class.clone(),
                    stage: if s.stage == StageName::Oob {
                        StageSel::Oob
                    } else {
                        StageSel::Inband
                    },
                    cpu: s.cpu.unwrap_or((k % NCPU as usize) as u8),
                    cpu_given: s.cpu.is_some(),
                    level: s.trigger == TriggerName::Level,
                    priority: s.priority,
                    handler: cpu(s.handler_cycles),
                    rate,
                });
            }
        }
        let mut timers = Vec::new();
        for (k, t) in f.oob.timers.iter().enumerate() {
            if t.cpu >= NCPU {
                return bad(format!("oob.timers[{k}]: cpu {} does not exist", t.cpu));
            }
            timers.push(Timer {
                cpu: t.cpu,
                period: positive_us(&format!("oob.timers[{k}].period_us"), t.period_us)?,
                task: cpu(t.task_cycles),
                message_every: t.message_every,
            });
        }
        let call_oob_gap = match f.inband.call_oob_hz {
            hz if hz == 0.0 => None,
            hz if hz > 0.0 && hz.is_finite() => Some(c.fabric_mhz * 1e6 / hz),
            hz => return bad(format!("inband.call_oob_hz = {hz} must be positive or 0")),
        };
        Ok(Scenario {
            name: f.name,
            description: f.description,
            seed: f.seed,
            duration,
            clocks: c,
            bus: f.bus,
            costs: f.costs,
            gap: dist("inband.gap", f.inband.gap)?,
            critical_section: dist("inband.critical_section", f.inband.critical_section)?,
            inband_handler: cpu(f.inband.handler_cycles),
            call_oob_gap,
            timers,
            call: cpu(f.oob.call_cycles),
            message: cpu(f.oob.message_cycles),
            sources,
            by_id,
        })
    }

    /// CPU cycles to fabric cycles, rounded up.
    pub fn cpu_cycles(&self, n: u32) -> u64 {
        self.clocks.cpu_to_fabric(n)
    }

    /// Fabric cycles to nanoseconds.
    pub fn ns(&self, cycles: f64) -> f64 {
        cycles * 1000.0 / self.clocks.fabric_mhz
    }
}
