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
//! core, [`inband_dt`]) and the test consumer (tests/qemu-linux/consumer)
//! requests every in-band source, acknowledging level ones at the bridge's
//! source device. The scenario's oob timers, in-band → oob calls and
//! channel messages are not run here (the report says so).

use crate::{Recipe, Result};
use cosim::report::{accounting_table, class_of, latency_row, Dist};
pub use cosim::scenario::Scenario;
pub use router_bridge::Progress;
use cosim::scenario::StageSel;
use qemu_run::router::{Options, RouterRun};
use router_bridge::claims::{self, Claims};
use router_bridge::sources::{DEVICE_BASE, REG_START};
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

    /// The load alone: guest ns and wall time from Linux's START write to
    /// the last access, from the bridge's wall clock of each reply.
    pub fn load_phase(&self) -> Option<(u64, std::time::Duration)> {
        let b = &self.run.bridge;
        let acc: Vec<_> = b.record.accesses().zip(&b.access_wall).collect();
        let start = acc.iter().position(|(a, _)| a.write && a.addr == DEVICE_BASE + REG_START)?;
        let (first, last) = (acc[start], acc[acc.len() - 1]);
        Some((last.0.ns - first.0.ns, last.1.saturating_sub(*first.1)))
    }
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
/// deadline; a sync every `quantum_ns` from Linux's START write on bounds
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
    let dt = inband_dt(&sc);
    let mut files = Vec::new();
    if !dt.is_empty() {
        let glue = qemu_linux::glue_module()?;
        let consumer = qemu_linux::consumer_module()?;
        files.push((glue.ko.as_path(), "lib/modules/irq-router.ko".to_string()));
        files.push((consumer.ko.as_path(), "lib/modules/irqr-consumer.ko".to_string()));
    }
    let mut recipe = Recipe::prepare_with_dt(dir, &init_script(), &files, &dt)?;
    recipe.firmware.oob = recipe.firmware.mainjob.clone();
    // The RTC on virtual time from a fixed date, so the host's date is not
    // an input. Runs are still not reproducible: two runs of qemu-short
    // diverged in Linux's boot (the initramfs unpack finished at another
    // point), the load started at another virtual time and the tails
    // differed by a few hundred cycles (issue 17's notes; cause not found).
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
    Ok(MainRun { scenario: sc, quantum_ns, run, claims, linux, oob_log })
}

/// The device tree Linux needs for the scenario's in-band sources (empty
/// without any): the router where the SVD puts it, Linux owning the in-band
/// lines of router CPUs 1-3 (`pl_ps_irq0[4 + c]` = SPI 93 + c, each tied
/// to its core; router CPU 0 is the oob core's), and the test consumer of
/// every in-band source, its `reg` the bridge's source device.
pub fn inband_dt(sc: &Scenario) -> String {
    let irqs: Vec<String> = sc
        .sources
        .iter()
        .filter(|s| s.stage == StageSel::Inband)
        .map(|s| format!("<{} {}>", s.id, if s.level { 4 } else { 1 }))
        .collect();
    if irqs.is_empty() {
        return String::new();
    }
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

	irq-consumer@a0020000 {{
		compatible = "irqpipe,test-consumer";
		reg = <0x0 0xa0020000 0x0 0x1000>;
		interrupt-parent = <&router_main>;
		interrupts = {};
	}};
}};
"#,
        irqs.join(", ")
    )
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
         source is served by CPU 0 (partitioned mode's one oob core), whatever the scenario's `cpu`; in-band sources \
         by Linux (the glue module on router CPUs 1-3, the test consumer's handlers), on the CPU Linux gives them. \
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
                "Quantum: from Linux's START write on, the bridge syncs QEMU at least every {q} ns of virtual time, \
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
            "The load phase (Linux's START write to the last access): {:.3} ms of guest time in {:.1} s of wall \
             time, {:.5} simulated s per wall s.\n",
            ns as f64 / 1e6,
            wall.as_secs_f64(),
            ns as f64 / 1e9 / wall.as_secs_f64().max(1e-9)
        );
    }
    let mut absent = Vec::new();
    if !sc.timers.is_empty() {
        absent.push(format!("{} oob timers and their messages to Linux", sc.timers.len()));
    }
    if sc.call_oob_gap.is_some() {
        absent.push("in-band → oob calls".to_string());
    }
    if !absent.is_empty() {
        let _ = writeln!(
            o,
            "**Not run on QEMU** (the thread model runs them; the `mainjob` image has no tasks yet): {}. The model's \
             column below includes their effect on the sources' latencies.\n",
            absent.join(", ")
        );
    }
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
             QEMU's Linux only runs the test consumer's handlers, all on the CPU Linux chose.\n"
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
