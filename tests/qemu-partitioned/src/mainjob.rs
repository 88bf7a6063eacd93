//! The main job on the real binaries (`scripts/run-main.sh --qemu`):
//! partitioned mode on the router QEMU — the EL3 monitor, the oob core's
//! `mainjob` image on CPU 0 (firmware/a53/oob-core/src/bin/mainjob.rs),
//! Debian's Linux on CPUs 1-3 whose /init (`mainjob/init`) starts and ends
//! the load — with the router bridge driving a scenario's sources, under
//! `-icount shift=0,sleep=off`. The report comes from the bridge's record
//! ([`router_bridge::claims`]), beside the thread model's prediction for
//! the same scenario (`cosim`, hardware pipeline).
//!
//! What runs where: the scenario's oob sources are served by the oob core's
//! claim loop on FIQ (all on CPU 0, partitioned mode's one oob core); its
//! in-band sources by Linux: the glue module (linux-glue/driver) owns the
//! in-band lines of router CPUs 1-3 (the device tree ties each to its
//! core, [`linux_dt`]) and the test consumer (tests/qemu-linux/consumer)
//! requests every in-band source, acknowledging level ones at the bridge's
//! source device. The scenario's oob timers run on the oob core (rt-core's
//! timer queue and scheduler, all on CPU 0), their tasks posting messages
//! to Linux on the channel (linux-glue/chan, `/dev/oob-chan`); in-band →
//! oob calls are router oob IPIs (OOB_CALL_FUNCTION) that Linux sends from
//! each of its CPUs (`tool/mainjob-load.c`, through the glue driver) and
//! the oob core runs when it claims them. Every one is accounted for from
//! the bridge's record (IPI sends and claims; the firmware's TRACE words
//! for expiries, messages and calls run) and Linux's counts
//! ([`MainRun::problems`]).

use crate::{Recipe, Result};
use cosim::report::{accounting_table, class_of, latency_row, Dist};
pub use cosim::scenario::Scenario;
pub use router_bridge::Progress;
use cosim::scenario::StageSel;
use qemu_run::router::{Options, RouterRun};
use irq_router_layout as l;
use router_bridge::claims::{self, Claims, Traces};
use router_bridge::sources::{DEVICE_BASE, MAX_TIMERS, REG_START};
use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;
use std::time::Duration;

/// One run of a scenario on the real binaries.
pub struct MainRun {
    pub scenario: Scenario,
    pub quantum_ns: Option<u64>,
    pub run: RouterRun,
    pub claims: Claims,
    /// Linux's console (UART0) and the oob core's decoded defmt log (UART1).
    pub linux: String,
    pub oob_log: Vec<String>,
    /// The oob core's TRACE words in the record.
    pub traces: Traces,
    /// Linux's counts (mainjob-load): calls posted per Linux CPU (and
    /// writes refused), messages received.
    pub calls_posted: BTreeMap<u32, (u64, u64)>,
    pub messages_received: Option<u64>,
}

/// The figures of one oob timer on QEMU.
#[derive(Clone, Debug, PartialEq)]
pub struct TimerRun {
    /// The scenario's index of the timer.
    pub index: usize,
    pub expected: u64,
    /// Lateness of each traced expiry, fabric cycles.
    pub late: Vec<u64>,
}

impl MainRun {
    /// Guest time of the run, ns (the bridge's last recorded access or sync).
    pub fn guest_ns(&self) -> u64 {
        self.run.bridge.record.accesses().map(|a| a.ns).max().unwrap_or(0)
    }
    /// Simulated seconds per wall second, whole boot included.
    pub fn speed(&self) -> f64 {
        self.guest_ns() as f64 / 1e9 / self.run.qemu.elapsed.as_secs_f64()
    }
    /// The router's statistics of each page beside the record
    /// ([`claims::router_stats_table`]): the table, and the disagreements.
    pub fn router_stats(&self) -> (String, Vec<String>) {
        claims::router_stats_table(&self.claims, &self.run.bridge.page_stats)
    }

    /// The latency table's rows: every class of claims (sources, IPIs)
    /// from the record, and the oob timers' lateness ([`TIMER_ROW`]).
    pub fn latency_rows(&self) -> BTreeMap<(StageSel, String), Vec<u64>> {
        let mut rows = self.claims.latency.clone();
        if let Some(v) = rows.remove(&(StageSel::Oob, claims::ipi_class(StageSel::Oob, START_VECTOR))) {
            rows.insert((StageSel::Oob, START_ROW.into()), v);
        }
        let late: Vec<u64> = self.timers().into_iter().flat_map(|t| t.late).collect();
        if !late.is_empty() {
            rows.insert((StageSel::Oob, TIMER_ROW.into()), late);
        }
        rows
    }

    /// The oob timers' expiries and lateness (deadline to the tick
    /// handler's first line, as the firmware measured it, in fabric
    /// cycles), per scenario timer.
    pub fn timers(&self) -> Vec<TimerRun> {
        let sc = &self.scenario;
        let hz = self.traces.counter_hz.unwrap_or(0).max(1) as f64;
        sc.timers
            .iter()
            .enumerate()
            .map(|(k, t)| TimerRun {
                index: k,
                expected: sc.duration / t.period,
                late: self.traces.timer_late.get(&(k as u32)).map_or_else(Vec::new, |v| {
                    v.iter().map(|&ticks| (ticks as f64 / hz * sc.clocks.fabric_mhz * 1e6).round() as u64).collect()
                }),
            })
            .collect()
    }

    /// Calls the record shows: IPI_SEND writes of OOB_CALL_FUNCTION to the
    /// oob stage of router CPU 0, and their account there.
    pub fn calls(&self) -> claims::Account {
        let key = (StageSel::Oob, 0, router_driver::vectors::OOB_CALL_FUNCTION);
        self.claims.ipis.get(&key).cloned().unwrap_or_default()
    }

    /// What did not add up: every timer expiry of the load traced, every
    /// call Linux posted sent and run, every message posted received, no
    /// trace word out of order, every source claimed only on the CPU
    /// [`placement`] gives it. Empty: all accounted for.
    pub fn problems(&self) -> Vec<String> {
        let sc = &self.scenario;
        let t = &self.traces;
        let mut p = Vec::new();
        if !t.bad.is_empty() {
            p.push(format!("{} TRACE words out of order or of no known kind: {:#x?}", t.bad.len(), &t.bad[..t.bad.len().min(8)]));
        }
        if t.counter_hz.is_none() {
            p.push("the oob core never reported its counter frequency (no TRACE COUNTER_KHZ)".into());
        }
        for r in self.timers() {
            if r.late.len() as u64 != r.expected {
                p.push(format!("oob timer {}: {} expiries traced, {} in the load", r.index, r.late.len(), r.expected));
            }
        }
        let calls = self.calls();
        if sc.call_oob_gap.is_some() {
            let posted: u64 = self.calls_posted.values().map(|c| c.0).sum();
            let refused: u64 = self.calls_posted.values().map(|c| c.1).sum();
            if self.calls_posted.is_empty() {
                p.push("Linux reported no calls (no \"MAIN: load| calls\" line)".into());
            }
            if refused > 0 {
                p.push(format!("{refused} calls refused by the glue driver's ipi_oob"));
            }
            if posted != calls.events {
                p.push(format!("Linux posted {posted} calls, the record has {} IPI_SEND writes of them", calls.events));
            }
            if posted == 0 {
                p.push("the scenario asks for in-band → oob calls and none was made".into());
            }
        }
        if calls.lost + calls.phantom > 0 {
            p.push(format!("calls: {} never claimed, {} claims without a send", calls.lost, calls.phantom));
        }
        if t.calls_run != calls.events {
            p.push(format!(
                "{} calls sent ({} claimed, {} coalesced), {} traced as run",
                calls.events, calls.delivered, calls.coalesced, t.calls_run
            ));
        }
        let overrun = l::OOB_BASE + l::PAGE_IPI_OVERRUN_OFFSET;
        if self.run.bridge.record.accesses().any(|a| !a.write && a.addr == overrun && a.data & 0xFF == 0xFF) {
            p.push("the oob page's IPI_OVERRUN saturated (255): coalesced calls beyond it were not counted".into());
        }
        let wants_messages = sc.timers.iter().any(|t| t.message_every > 0 && sc.duration / t.period >= t.message_every as u64);
        if wants_messages && t.messages_posted == 0 {
            p.push("the scenario's timers post messages and none was posted".into());
        }
        if t.messages_refused > 0 {
            p.push(format!("{} messages refused: the ring to Linux was full", t.messages_refused));
        }
        match self.messages_received {
            Some(n) if n == t.messages_posted => {}
            Some(n) => p.push(format!("{} messages posted, Linux received {n}", t.messages_posted)),
            None => p.push("Linux reported no message count (no \"MAIN: load| messages\" line)".into()),
        }
        if let Ok(place) = placement(sc) {
            for (id, pages) in &self.claims.claimed_on {
                let Some(&cpu) = place.get(id) else { continue };
                let elsewhere: u64 = pages.iter().filter(|(p, _)| p.1 != cpu as u32).map(|(_, n)| n).sum();
                if elsewhere > 0 {
                    p.push(format!("source {id}: {elsewhere} claims on another CPU than {cpu}: {pages:?}"));
                }
            }
        }
        let start = self.claims.ipis.get(&(StageSel::Oob, 0, START_VECTOR)).cloned().unwrap_or_default();
        if (start.events, start.delivered) != (1, 1) {
            p.push(format!("the start request: {} sent, {} claimed (one each expected)", start.events, start.delivered));
        }
        p
    }

    /// The load alone: guest ns and wall time from the START write (the
    /// oob core's, on Linux's request) to
    /// the last access, from the bridge's wall clock of each reply.
    pub fn load_phase(&self) -> Option<(u64, std::time::Duration)> {
        let b = &self.run.bridge;
        let acc: Vec<_> = b.record.accesses().zip(&b.access_wall).collect();
        let start = acc.iter().position(|(a, _)| a.write && a.addr == DEVICE_BASE + REG_START)?;
        let (first, last) = (acc[start], acc[acc.len() - 1]);
        Some((last.0.ns - first.0.ns, last.1.saturating_sub(*first.1)))
    }
}

/// The main job's own oob IPI: Linux asks the oob core to start the load
/// (firmware/a53/oob-core/src/bin/mainjob.rs, tool/mainjob-load.c).
pub const START_VECTOR: u8 = 7;

/// "MAIN: load| calls cpu N posted P failed F" and "MAIN: load| messages
/// received N bytes B" from Linux's console.
fn linux_counts(linux: &str) -> (BTreeMap<u32, (u64, u64)>, Option<u64>) {
    let mut calls = BTreeMap::new();
    let mut received = None;
    for l in linux.lines() {
        let Some(rest) = l.split("MAIN: load| ").nth(1) else { continue };
        let w: Vec<&str> = rest.split_whitespace().collect();
        match w.as_slice() {
            ["calls", "cpu", c, "posted", p, "failed", f] => {
                if let (Ok(c), Ok(p), Ok(f)) = (c.parse(), p.parse(), f.parse()) {
                    calls.insert(c, (p, f));
                }
            }
            ["messages", "received", n, "bytes", _] => received = n.parse().ok(),
            _ => {}
        }
    }
    (calls, received)
}

/// The oob image's (and so the whole run's) /init.
fn init_script() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("mainjob/init")
}

/// The virtual-time quantum `run-main.sh --qemu` uses by default, ns: the
/// bridge asks QEMU for a sync at least this often, which bounds every
/// vCPU's round-robin slice (see [`run`]).
pub const DEFAULT_QUANTUM_NS: u64 = 1000;

/// Runs `scenario` on the real binaries in `dir` (captures and the record
/// land there), QEMU ending after `timeout` of wall time at most.
///
/// `quantum_ns`: under `-icount` QEMU 7.2 runs the four vCPUs on one thread,
/// round-robin, each until the next virtual-clock deadline, and an
/// interrupt raised for CPU 0 waits for the other vCPUs' slices
/// (firmware/a53/README.md, "The oob tick's lateness beside Linux"). Without
/// a quantum the only deadlines are the scenario's events and Linux's
/// timers, so the oob core's claim loop advances about one bus access per
/// deadline; a sync every `quantum_ns` from the START write on bounds
/// that wait. None: no quantum.
///
/// `progress`: updated by the bridge while it runs (a progress display).
pub fn run(
    scenario: &Path,
    dir: &Path,
    timeout: Duration,
    quantum_ns: Option<u64>,
    progress: Option<std::sync::Arc<Progress>>,
) -> Result<MainRun> {
    let mut opts = Options::from_scenario_file(scenario).map_err(|e| e.0)?;
    opts.quantum_ns = quantum_ns;
    opts.progress = progress;
    // Linux's boot needs no quantum, and a sync every quantum of it would
    // cost most of the run's wall time.
    opts.quantum_from_start = true;
    let sc = opts.scenario.clone();
    if sc.timers.len() > MAX_TIMERS {
        return Err(format!(
            "{}: {} oob timers; the oob core's mainjob image holds {MAX_TIMERS} (partitioned mode runs every oob timer on CPU 0)",
            scenario.display(),
            sc.timers.len()
        ));
    }
    if sc.duration > u32::MAX as u64 {
        return Err(format!(
            "{}: a load of {} fabric cycles does not fit the source device's 32-bit PLAN_LOAD (at most {} s at {} MHz)",
            scenario.display(),
            sc.duration,
            u32::MAX as f64 / sc.clocks.fabric_mhz / 1e6,
            sc.clocks.fabric_mhz
        ));
    }
    let place = placement(&sc).map_err(|e| format!("{}: {e}", scenario.display()))?;
    let dt = linux_dt(&sc, &place);
    let glue = qemu_linux::glue_module()?;
    let chan = &crate::modules()?.chan;
    let tool = crate::tool("mainjob-load")?;
    let mut files = vec![
        (glue.ko.as_path(), "lib/modules/irq-router.ko".to_string()),
        (chan.ko.as_path(), "lib/modules/irq-router-chan.ko".to_string()),
        (tool.as_path(), "bin/mainjob-load".to_string()),
    ];
    if sc.sources.iter().any(|s| s.stage == StageSel::Inband) {
        let consumer = qemu_linux::consumer_module()?;
        files.push((consumer.ko.as_path(), "lib/modules/irqr-consumer.ko".to_string()));
    }
    let mut recipe = Recipe::prepare_with_dt(dir, &init_script(), &files, &dt)?;
    recipe.firmware.oob = recipe.firmware.mainjob.clone();
    // The RTC on virtual time from a fixed date, so the host's date is not
    // an input. With the initramfs made byte for byte the same each time
    // (qemu_linux::make_initramfs_with: its cpio headers' inode numbers and
    // mtimes had differed, and Linux's boot with them), two runs give the
    // same record (tests/mainjob.rs, two_runs_...).
    let qemu = recipe.qemu().args(["-rtc", "base=2024-01-01T00:00:00,clock=vm"]).timeout(timeout);
    let run = qemu_run::router::run(qemu, opts)?;
    if run.qemu.timed_out {
        return Err(format!("QEMU did not finish within {timeout:?} (captures in {})", run.qemu.dir.display()));
    }
    let linux = run.qemu.serial_text(0);
    let elf = std::fs::read(&recipe.firmware.oob).map_err(|e| e.to_string())?;
    let oob_log: Vec<String> = irqpipe::defmt_log::decode_all(&elf, &run.qemu.serial[1])
        .map_err(|e| format!("the oob core's defmt log does not decode: {e:?}"))?
        .into_iter()
        .map(|l| l.message)
        .collect();
    if run.qemu.code() != Some(0) {
        return Err(format!(
            "QEMU exited with {:?} (Linux powers off through the monitor with 0); captures in {}\nQEMU stderr:\n{}\noob core:\n{}",
            run.qemu.status,
            run.qemu.dir.display(),
            run.qemu.stderr,
            oob_log.join("\n")
        ));
    }
    // QEMU ends with 0 on a signal too: only Linux's last line says the
    // load ran to its end.
    if !linux.contains("MAIN: done") {
        return Err(format!(
            "Linux did not finish the load (no \"MAIN: done\" on its console); captures in {}\noob core:\n{}",
            run.qemu.dir.display(),
            oob_log.join("\n")
        ));
    }
    let claims = claims::analyse(&sc, &run.bridge.record, &run.bridge.merged);
    let traces = claims::traces(&run.bridge.record);
    let (calls_posted, messages_received) = linux_counts(&linux);
    Ok(MainRun { scenario: sc, quantum_ns, run, claims, linux, oob_log, traces, calls_posted, messages_received })
}

/// Where each scenario source is served on QEMU: its router CPU. Partitioned
/// mode gives router CPU 0 (core 0) to the oob core and CPUs 1-3 to Linux,
/// so the scenario's `cpu` is followed where it can be and mapped where it
/// cannot, always the same way:
///
/// - an oob source (and an oob timer) runs on CPU 0, whatever its `cpu`;
/// - an in-band source with a `cpu` runs there; `cpu = 0` is an error
///   (that core is the oob core's);
/// - an in-band group without `cpu` is spread over Linux's CPUs 1, 2, 3 in
///   order (the thread model spreads over 0-3).
pub fn placement(sc: &Scenario) -> std::result::Result<BTreeMap<u16, u8>, String> {
    let mut out = BTreeMap::new();
    let mut k = 0usize;
    let mut group: Option<&str> = None;
    for s in &sc.sources {
        if group != Some(s.class.as_str()) {
            group = Some(s.class.as_str());
            k = 0;
        }
        let cpu = match s.stage {
            StageSel::Oob => 0,
            StageSel::Inband if s.cpu_given && s.cpu == 0 => {
                return Err(format!(
                    "source {} (class \"{}\"): in-band on cpu 0, but in partitioned mode CPU 0 is the oob core's and \
                     Linux has CPUs 1-3; name one of those, or leave `cpu` out to spread the group over them",
                    s.id, s.class
                ))
            }
            StageSel::Inband if s.cpu_given => s.cpu,
            StageSel::Inband => 1 + (k % 3) as u8,
        };
        k += 1;
        out.insert(s.id, cpu);
    }
    Ok(out)
}

/// The device tree Linux needs: the router where the SVD puts it, Linux
/// owning the in-band lines of router CPUs 1-3 (`pl_ps_irq0[4 + c]` = SPI
/// 93 + c, each tied to its core; router CPU 0 is the oob core's) — Linux
/// sends its calls and the start request through it — and, for the
/// scenario's in-band sources, the test consumer of every one of them, its
/// `reg` the bridge's source device, each pinned to its core
/// (`irqpipe,affinity`, [`placement`]).
pub fn linux_dt(sc: &Scenario, place: &BTreeMap<u16, u8>) -> String {
    let inband: Vec<_> = sc.sources.iter().filter(|s| s.stage == StageSel::Inband).collect();
    let irqs: Vec<String> = inband.iter().map(|s| format!("<{} {}>", s.id, if s.level { 4 } else { 1 })).collect();
    let cpus: Vec<String> = inband.iter().map(|s| format!("<&{{/cpus/cpu@{}}}>", place[&s.id])).collect();
    let consumer = if irqs.is_empty() {
        String::new()
    } else {
        format!(
            r#"
	irq-consumer@a0020000 {{
		compatible = "irqpipe,test-consumer";
		reg = <0x0 0xa0020000 0x0 0x1000>;
		interrupt-parent = <&router_main>;
		interrupts = {};
		irqpipe,affinity = {};
	}};
"#,
            irqs.join(", "),
            cpus.join(", ")
        )
    };
    format!(
        r#"
/ {{
	router_main: interrupt-controller@a0000000 {{
		compatible = "irqpipe,irq-router-1.0";
		reg = <0x0 0xa0000000 0x0 0x1000>, <0x0 0xa0008000 0x0 0x8000>;
		reg-names = "global", "inband";
		interrupt-parent = <&{{/axi/interrupt-controller@f9010000}}>;
		interrupts = <0 94 4>, <0 95 4>, <0 96 4>;
		interrupt-names = "inband1", "inband2", "inband3";
		interrupt-affinity = <&{{/cpus/cpu@1}}>, <&{{/cpus/cpu@2}}>, <&{{/cpus/cpu@3}}>;
		interrupt-controller;
		#interrupt-cells = <2>;
		#address-cells = <0>;
	}};
{consumer}}};
"#
    )
}

/// The thread model's prediction for a scenario (hardware pipeline).
#[derive(Clone, Debug, Default)]
pub struct Prediction {
    /// Claim latencies (event to CLAIM read) per (stage, class) of scenario
    /// sources and IPIs, and the oob timers' lateness (deadline to the tick
    /// handler) as the row (oob, "oob timer tick"), fabric cycles.
    pub latency: BTreeMap<(StageSel, String), Vec<u64>>,
    pub calls_posted: u64,
    pub calls_run: u64,
    pub messages_sent: u64,
    pub messages_received: u64,
}

/// The row of the oob timers' lateness, in both reports.
pub const TIMER_ROW: &str = "oob timer tick";
/// The row of the main job's start request (IPI [`START_VECTOR`]).
pub const START_ROW: &str = "ipi start request (QEMU only)";

/// Runs the thread model's hardware pipeline on the scenario.
pub fn model_prediction(sc: &Scenario) -> Result<Prediction> {
    let events = cosim::stimulus::generate(sc);
    let r = cosim::run::run(sc, cosim::kernel::Mode::Hardware, &events, &Default::default(), |_| {})?;
    let mut p = Prediction::default();
    for s in &r.analysis.samples {
        p.latency.entry((s.stage, class_of(sc, s))).or_default().push(s.claim_latency());
    }
    for &(_, due, start) in &r.analysis.timers {
        p.latency.entry((StageSel::Oob, TIMER_ROW.into())).or_default().push(start - due);
    }
    let sum = |f: &dyn Fn(&cosim::agent::AgentLog) -> u64| r.agents.iter().map(f).sum::<u64>();
    p.calls_posted = sum(&|a| a.calls_posted);
    p.calls_run = sum(&|a| a.calls_run);
    p.messages_sent = sum(&|a| a.messages_sent);
    p.messages_received = sum(&|a| a.messages_received);
    Ok(p)
}

/// The report's section on where each source was asked to run, where
/// partitioned mode put it, and where the record shows its claims.
fn placement_section(m: &MainRun) -> String {
    let sc = &m.scenario;
    let mut o = String::from(
        "## Where each source ran\n\nCPUs are the A53 cores (= router CPUs); the model's column is the scenario's \
         `cpu` (a group without one spread over 0-3), QEMU's the placement of partitioned mode; claims per (stage, \
         CPU) of the page, from the record.\n\n| source | class | stage | model CPU | QEMU CPU | claims |\n|---:|---|---|---:|---:|---|\n",
    );
    let place = placement(sc).unwrap_or_default();
    for s in &sc.sources {
        let claims: Vec<String> = m.claims.claimed_on.get(&s.id).map_or_else(Vec::new, |pages| {
            pages
                .iter()
                .map(|((st, c), n)| format!("{} CPU {c}: {n}", if *st == StageSel::Oob { "oob" } else { "in-band" }))
                .collect()
        });
        let _ = writeln!(
            o,
            "| {} | {} | {} | {}{} | {} | {} |",
            s.id,
            s.class,
            if s.stage == StageSel::Oob { "oob" } else { "in-band" },
            s.cpu,
            if s.cpu_given { "" } else { " (spread)" },
            place.get(&s.id).map_or("?".into(), |c| c.to_string()),
            claims.join(", ")
        );
    }
    o
}

/// The report's section on the scenario's oob timers, in-band → oob calls
/// and channel messages: what ran where, every one accounted for, the
/// model's counts beside, and whatever did not add up, loudly.
fn cross_stage_section(m: &MainRun, model: Option<&Prediction>) -> String {
    let sc = &m.scenario;
    let t = &m.traces;
    let mut o = String::new();
    let _ = writeln!(o, "## The oob timers, in-band → oob calls and channel messages
");
    let _ = writeln!(
        o,
        "Timers run on the oob core (CPU 0; partitioned mode has one, so a timer's `cpu` maps to it) on rt-core's \
         timer queue and scheduler, rate-monotonic, from the start request on; each task spends its `task_cycles` \
         (busy on the generic timer) and every `message_every`-th period posts a message on the channel to Linux \
         (rt-core's ring, /dev/oob-chan; doorbell: the channel's SPI 111 through the GIC, not a router IPI, so the \
         model's `ipi channel doorbell` row has no QEMU counterpart). Lateness: the firmware's generic-timer reading \
         at the tick handler's first line minus the deadline ({} Hz counter), in fabric cycles. In-band → oob calls: \
         each of Linux's CPUs sends router oob IPIs OOB_CALL_FUNCTION (glue driver, IPI_SEND on its in-band page) at \
         the scenario's `call_oob_hz`, exponential gaps; the oob core runs one call (`call_cycles`) per claim, plus \
         one per IPI the router coalesced (its IPI_OVERRUN count: no call queue crosses the worlds, the model's \
         CallMailbox holds function pointers). The model's four CPUs each call; here Linux's three do.\n",
        t.counter_hz.map_or("unknown".into(), |h| h.to_string())
    );
    let _ = writeln!(o, "| oob timer | `cpu` asked | ran on | period (cycles) | expiries in the load | traced | p50 late | max late |\n|---:|---:|---:|---:|---:|---:|---:|---:|");
    for r in m.timers() {
        let tm = &sc.timers[r.index];
        let d = Dist::of(r.late.clone());
        let _ = writeln!(
            o,
            "| {} | {} | 0 | {} | {} | {} | {} | {} |",
            r.index,
            tm.cpu,
            tm.period,
            r.expected,
            r.late.len(),
            d.as_ref().map_or(String::new(), |d| d.p50.to_string()),
            d.as_ref().map_or(String::new(), |d| d.max.to_string())
        );
    }
    let calls = m.calls();
    let posted: u64 = m.calls_posted.values().map(|c| c.0).sum();
    let per_cpu: Vec<String> = m.calls_posted.iter().map(|(c, (p, _))| format!("Linux CPU {c}: {p}")).collect();
    let _ = writeln!(o, "\n| what | QEMU | model |\n|---|---:|---:|");
    let md = |f: &dyn Fn(&Prediction) -> u64| model.map_or(String::new(), |p| f(p).to_string());
    let _ = writeln!(o, "| calls posted (Linux's count{}) | {posted} | {} |", if per_cpu.is_empty() { String::new() } else { format!(": {}", per_cpu.join(", ")) }, md(&|p| p.calls_posted));
    let _ = writeln!(o, "| calls sent (IPI_SEND in the record) / claimed / coalesced (run by IPI_OVERRUN) | {} / {} / {} | |", calls.events, calls.delivered, calls.coalesced);
    let _ = writeln!(o, "| calls run (oob core's trace) | {} | {} |", t.calls_run, md(&|p| p.calls_run));
    let _ = writeln!(o, "| messages posted to Linux / refused (ring full) | {} / {} | {} |", t.messages_posted, t.messages_refused, md(&|p| p.messages_sent));
    let _ = writeln!(o, "| messages received by Linux | {} | {} |", m.messages_received.map_or("not reported".into(), |n| n.to_string()), md(&|p| p.messages_received));
    let problems = m.problems();
    if problems.is_empty() {
        let _ = writeln!(o, "\nEvery timer expiry of the load, call and message is accounted for.");
    } else {
        let _ = writeln!(o, "\n**NOT ACCOUNTED FOR** (the run fails):\n");
        for p in problems {
            let _ = writeln!(o, "- {p}");
        }
    }
    o
}

/// The report, in the thread model's shape (cosim/src/report.rs).
pub fn report(m: &MainRun, model: Option<&Prediction>) -> String {
    let sc = &m.scenario;
    let b = &m.run.bridge;
    let mut o = String::new();
    let _ = writeln!(o, "# Main job on the real binaries: {}\n", sc.name);
    let _ = writeln!(
        o,
        "QEMU's xlnx-zcu102 (`-icount shift=0,sleep=off`) in partitioned mode: el3-monitor, the oob core's `mainjob` \
         image on CPU 0 at Secure EL1, Debian's Linux on CPUs 1-3; the Verilated irq_router on QEMU's bus (router \
         bridge), its sources driven from the scenario. Fabric clock {} MHz; load of {} cycles ({:.0} µs). Every oob \
         source is served by CPU 0 (partitioned mode's one oob core), whatever the scenario's `cpu`; in-band sources \
         by Linux (the glue module on router CPUs 1-3, the test consumer's handlers), each on the CPU the scenario \
         names, a group without one spread over CPUs 1-3 (see Where each source ran). \
         Guest time {:.3} ms in {:.1} s of wall time: {:.4} simulated s per wall s, boot included.\n",
        sc.clocks.fabric_mhz,
        sc.duration,
        sc.ns(sc.duration as f64) / 1000.0,
        m.guest_ns() as f64 / 1e6,
        m.run.qemu.elapsed.as_secs_f64(),
        m.speed()
    );
    let _ = writeln!(
        o,
        "{}\n",
        match m.quantum_ns {
            Some(q) => format!(
                "Quantum: from the START write on, the bridge syncs QEMU at least every {q} ns of virtual time, \
                 so a vCPU's round-robin slice \
                 (QEMU runs the four on one thread) is at most that long; a claim still waits for up to three \
                 other vCPUs' slices, which four A53s in parallel would not."
            ),
            None => "No quantum: QEMU's round-robin slices last until the next virtual-clock deadline (the \
                     scenario's events, Linux's timers), and the oob core waits for the other vCPUs' slices: \
                     latencies here are QEMU's scheduling, not the hardware's."
                .to_string(),
        }
    );
    if let Some((ns, wall)) = m.load_phase() {
        let _ = writeln!(
            o,
            "The load phase (the START write to the last access): {:.3} ms of guest time in {:.1} s of wall \
             time, {:.5} simulated s per wall s.\n",
            ns as f64 / 1e6,
            wall.as_secs_f64(),
            ns as f64 / 1e9 / wall.as_secs_f64().max(1e-9)
        );
    }
    let _ = writeln!(o, "{}", cross_stage_section(m, model));
    let _ = writeln!(o, "{}", placement_section(m));
    let _ = writeln!(
        o,
        "## Latency, event to CLAIM read\n\nFabric cycles, and in brackets ns at {} MHz. `QEMU`: the record of the \
         real run; `model`: the thread model's hardware pipeline on the same events (its estimated costs).\n",
        sc.clocks.fabric_mhz
    );
    let _ = writeln!(o, "| stage | class | pipeline | events | p50 | p99 | p99.9 | max |\n|---|---|---|---:|---:|---:|---:|---:|");
    let rows = m.latency_rows();
    let mut keys: Vec<_> = rows.keys().cloned().collect();
    if let Some(p) = model {
        keys.extend(p.latency.keys().cloned());
    }
    keys.sort();
    keys.dedup();
    let none = Vec::new();
    for k in &keys {
        let _ = writeln!(o, "{}", latency_row(sc, k.0, &k.1, "QEMU", rows.get(k).unwrap_or(&none)));
        if let Some(p) = model {
            let _ = writeln!(o, "{}", latency_row(sc, k.0, &k.1, "model", p.latency.get(k).unwrap_or(&none)));
        }
    }
    if let Some(p) = model {
        let _ = writeln!(o, "\n## The model's prediction beside the real run (p50 and max, cycles)\n");
        let _ = writeln!(o, "| class | QEMU p50 | model p50 | QEMU/model | QEMU max | model max |\n|---|---:|---:|---:|---:|---:|");
        for k in &keys {
            let q = rows.get(k).and_then(|v| Dist::of(v.clone()));
            let d = p.latency.get(k).and_then(|v| Dist::of(v.clone()));
            if let (Some(q), Some(d)) = (q, d) {
                let _ = writeln!(
                    o,
                    "| {} | {} | {} | {:.2} | {} | {} |",
                    k.1,
                    q.p50,
                    d.p50,
                    q.p50 as f64 / d.p50.max(1) as f64,
                    q.max,
                    d.max
                );
            }
        }
    }
    if model.is_some() {
        let _ = writeln!(
            o,
            "\nWhy they differ. *oob p50*: QEMU charges one instruction (1 ns) for the FIQ entry, the GIC \
             acknowledge and the CLAIM read, where the model charges its cost table's exception entry, GIC access \
             and the scenario's bus read cycles; QEMU's figure is an instruction path, not a silicon latency, and the \
             model's estimate is not corrected from it. *oob tails*: each bus access of the oob core can wait for the \
             other vCPUs' round-robin slices (see Quantum above), so an event queued behind others' claims, \
             acknowledges and completes waits about a quantum per access; four A53s in parallel would not. *in-band \
             p50*: QEMU's is Linux's real path (GIC, the glue module's chained handler, its CLAIM read) counted in \
             instructions; the model's is its cost table's estimate plus any wait behind its simulated critical \
             sections. *in-band tails and delivered counts*: the model's Linux disables interrupts for the \
             scenario's critical sections and runs its in-band handler costs, so it coalesces more and waits longer; \
             QEMU's Linux only runs the test consumer's handlers. *oob timer tick*: \
             under icount the tick fires at its deadline and QEMU counts the FIQ entry and rt-core's expiry in \
             instructions, where the model charges exception entry and its timer path; the tails are the other \
             vCPUs' slices, as for sources. *ipi call-function*: the same instruction path as a source claim, \
             from the IPI_SEND write's cycle; Linux's three CPUs call where the model's four do.\n"
        );
    }
    let (table, diffs) = m.router_stats();
    let _ = writeln!(
        o,
        "\n## The router's own latency statistics beside the record\n\nEach page's LAT_MAX and log2 HIST, read \
         from the RTL after QEMU had gone (Secure reads the guest never made), beside the claims the record \
         shows on that page, timed as the router times them: {} level events that came while their source was \
         active count from the COMPLETE that let the router log them.\n\n{table}{}",
        m.claims.relogged,
        if diffs.is_empty() { String::new() } else { format!("\n**Disagreements:** {}\n", diffs.join("; ")) }
    );
    let _ = writeln!(
        o,
        "\n## Every event accounted for\n\n{}",
        accounting_table(&[("QEMU: scenario sources", &m.claims.total), ("QEMU: IPIs (calls, start request)", &m.claims.ipi_total)])
    );
    let _ = writeln!(
        o,
        "Bridge: {} accesses, {} syncs, {} error responses, {} late line changes; {} of the scenario's {} events driven.",
        b.counters.accesses,
        b.counters.syncs,
        b.counters.error_responses,
        b.counters.late_line_changes,
        b.driven.iter().sum::<u32>(),
        b.scenario_events
    );
    o
}
