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
//! claim loop on FIQ (all on CPU 0, partitioned mode's one oob core).
//! In-band sources are refused for now ([`run`] says why): the glue
//! module numbers router CPUs by Linux's logical CPU, which in partitioned
//! mode is physical CPU − 1.

use crate::{Recipe, Result};
use cosim::report::{class_of, Dist};
pub use cosim::scenario::Scenario;
use cosim::scenario::StageSel;
use qemu_run::router::{Options, RouterRun};
use router_bridge::claims::{self, accounting_table, latency_row, Claims};
use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;
use std::time::Duration;

/// One run of a scenario on the real binaries.
pub struct MainRun {
    pub scenario: Scenario,
    pub run: RouterRun,
    pub claims: Claims,
    /// Linux's console (UART0) and the oob core's decoded defmt log (UART1).
    pub linux: String,
    pub oob_log: Vec<String>,
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
}

/// The oob image's (and so the whole run's) /init.
fn init_script() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("mainjob/init")
}

/// Runs `scenario` on the real binaries in `dir` (captures and the record
/// land there), QEMU ending after `timeout` of wall time at most.
pub fn run(scenario: &Path, dir: &Path, timeout: Duration) -> Result<MainRun> {
    let opts = Options::from_scenario_file(scenario).map_err(|e| e.0)?;
    let sc = opts.scenario.clone();
    if let Some(s) = sc.sources.iter().find(|s| s.stage == StageSel::Inband) {
        return Err(format!(
            "{}: in-band source {} ({}): the QEMU mode serves oob sources only so far (the glue module numbers router \
             CPUs by Linux's logical CPU, physical CPU - 1 in partitioned mode)",
            scenario.display(),
            s.id,
            s.class
        ));
    }
    let mut recipe = Recipe::prepare(dir, &init_script(), &[])?;
    recipe.firmware.oob = recipe.firmware.mainjob.clone();
    let run = qemu_run::router::run(recipe.qemu().timeout(timeout), opts)?;
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
    Ok(MainRun { scenario: sc, run, claims, linux, oob_log })
}

/// The thread model's claim latencies (event to CLAIM read) per (stage,
/// class) of scenario sources, hardware pipeline.
pub fn model_prediction(sc: &Scenario) -> Result<BTreeMap<(StageSel, String), Vec<u64>>> {
    let events = cosim::stimulus::generate(sc);
    let r = cosim::run::run(sc, cosim::kernel::Mode::Hardware, &events, &Default::default(), |_| {})?;
    let mut out: BTreeMap<_, Vec<u64>> = BTreeMap::new();
    for s in &r.analysis.samples {
        if matches!(s.what, cosim::agent::What::Source(_)) {
            out.entry((s.stage, class_of(sc, s))).or_default().push(s.claim_latency());
        }
    }
    Ok(out)
}

/// The report, in the thread model's shape (cosim/src/report.rs).
pub fn report(m: &MainRun, model: Option<&BTreeMap<(StageSel, String), Vec<u64>>>) -> String {
    let sc = &m.scenario;
    let b = &m.run.bridge;
    let mut o = String::new();
    let _ = writeln!(o, "# Main job on the real binaries: {}\n", sc.name);
    let _ = writeln!(
        o,
        "QEMU's xlnx-zcu102 (`-icount shift=0,sleep=off`) in partitioned mode: el3-monitor, the oob core's `mainjob` \
         image on CPU 0 at Secure EL1, Debian's Linux on CPUs 1-3; the Verilated irq_router on QEMU's bus (router \
         bridge), its sources driven from the scenario. Fabric clock {} MHz; load of {} cycles ({:.0} µs). Every oob \
         source is served by CPU 0 (partitioned mode's one oob core), whatever the scenario's `cpu`. Guest time {:.3} \
         ms in {:.1} s of wall time: {:.4} simulated s per wall s (boot included).\n",
        sc.clocks.fabric_mhz,
        sc.duration,
        sc.ns(sc.duration as f64) / 1000.0,
        m.guest_ns() as f64 / 1e6,
        m.run.qemu.elapsed.as_secs_f64(),
        m.speed()
    );
    let _ = writeln!(
        o,
        "## Latency, event to CLAIM read\n\nFabric cycles, and in brackets ns at {} MHz. `QEMU`: the record of the \
         real run; `model`: the thread model's hardware pipeline on the same events (its estimated costs).\n",
        sc.clocks.fabric_mhz
    );
    let _ = writeln!(o, "| stage | class | pipeline | events | p50 | p99 | p99.9 | max |\n|---|---|---|---:|---:|---:|---:|---:|");
    let mut keys: Vec<_> = m.claims.latency.keys().cloned().collect();
    if let Some(p) = model {
        keys.extend(p.keys().cloned());
    }
    keys.sort();
    keys.dedup();
    let none = Vec::new();
    for k in &keys {
        let _ = writeln!(o, "{}", latency_row(sc, k.0, &k.1, "QEMU", m.claims.latency.get(k).unwrap_or(&none)));
        if let Some(p) = model {
            let _ = writeln!(o, "{}", latency_row(sc, k.0, &k.1, "model", p.get(k).unwrap_or(&none)));
        }
    }
    if let Some(p) = model {
        let _ = writeln!(o, "\n## The model's prediction beside the real run (p50 and max, cycles)\n");
        let _ = writeln!(o, "| class | QEMU p50 | model p50 | QEMU/model | QEMU max | model max |\n|---|---:|---:|---:|---:|---:|");
        for k in &keys {
            let q = m.claims.latency.get(k).and_then(|v| Dist::of(v.clone()));
            let d = p.get(k).and_then(|v| Dist::of(v.clone()));
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
    let _ = writeln!(o, "\n## Every event accounted for\n\n{}", accounting_table(&[("QEMU", &m.claims.total)]));
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
