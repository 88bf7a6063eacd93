//! The main job on the real binaries with a short scenario
//! (scenarios/qemu-short.toml), through the same code as `run-main.sh
//! --qemu` (qemu_partitioned::mainjob): partitioned mode on the router
//! QEMU, the oob core's claim loop serving the scenario's oob sources and
//! Linux (glue module, test consumer) its in-band ones, the report computed
//! from the bridge's record, under the default quantum. Rung: QEMU with the
//! RTL (DESIGN.md §6, third rung).

use qemu_partitioned::mainjob;
use qemu_run::scratch_dir;
use std::time::Duration;

#[test]
fn a_short_scenario_runs_end_to_end_and_every_event_is_accounted_for() {
    let root = qemu_linux::workspace_root();
    let m = mainjob::run(&root.join("scenarios/qemu-short.toml"), &scratch_dir("mainjob"), Duration::from_secs(1200), Some(mainjob::DEFAULT_QUANTUM_NS), None)
        .unwrap_or_else(|e| panic!("{e}"));
    let model = mainjob::model_prediction(&m.scenario).unwrap_or_else(|e| panic!("{e}"));
    let report = mainjob::report(&m, Some(&model));
    eprintln!("{report}\n--- oob core ---\n{}", m.oob_log.join("\n"));
    let b = &m.run.bridge;
    assert_eq!(m.run.qemu.code(), Some(0), "Linux powers off through the monitor\n{}", m.linux);
    assert!(m.linux.contains("MAIN: done"), "{}", m.linux);
    assert!(
        m.oob_log.iter().any(|l| l.starts_with("mainjob: oob sources=0x53 level=0x10 timers=2 locked=true")),
        "the oob core routed the scenario's oob sources from PLAN_SRC: {:?}",
        m.oob_log
    );
    // Every event of the scenario driven, and accounted for from the record.
    let driven: u32 = b.driven.iter().sum::<u32>() + b.merged.iter().sum::<u32>();
    assert_eq!(driven as usize, b.scenario_events);
    let t = &m.claims.total;
    assert_eq!(t.events as usize, b.scenario_events, "{report}");
    assert_eq!((t.lost, t.phantom, m.claims.wrong_stage), (0, 0, 0), "{report}");
    assert_eq!(t.delivered + t.coalesced, t.events, "{report}");
    assert!(t.delivered > 100, "too few events to mean anything: {report}");
    // Linux's side: the glue module probed the router, the consumer took
    // every in-band source and saw each of them interrupt.
    assert!(m.linux.contains("irqr-consumer a0020000.irq-consumer: 3 router interrupts"), "{}", m.linux);
    for src in [8, 9, 12] {
        let line = m.linux.lines().find(|l| l.contains(&format!("MAIN: consumer| {src} "))).unwrap_or_else(|| panic!("no count of source {src}: {}", m.linux));
        let count: u32 = line.split_whitespace().rev().nth(2).and_then(|c| c.parse().ok()).unwrap_or_else(|| panic!("{line}"));
        assert!(count > 0, "{line}");
    }
    for class in ["motor encoder", "fault input", "adc frame", "ethernet", "uart (level)"] {
        assert!(m.claims.latency.keys().any(|k| k.1 == class), "no latency of {class}: {report}");
    }
    // The scenario's oob timers, in-band -> oob calls and messages: every
    // one accounted for (expiries traced, calls sent = claimed = run,
    // messages posted = received), and each ran.
    assert_eq!(m.problems(), Vec::<String>::new(), "{report}");
    let timers = m.timers();
    assert_eq!(timers.iter().map(|t| t.late.len()).collect::<Vec<_>>(), [40, 16], "{report}");
    let calls = m.calls();
    assert!(calls.delivered >= 10 && m.traces.calls_run == calls.delivered, "{report}");
    assert_eq!(m.calls_posted.len(), 3, "each Linux CPU calls: {report}");
    assert_eq!((m.traces.messages_posted, m.messages_received), (16, Some(16)), "{report}");
    for class in ["oob timer tick", "ipi call-function"] {
        assert!(m.latency_rows().contains_key(&(cosim::scenario::StageSel::Oob, class.into())), "no {class} row: {report}");
        assert!(model.latency.contains_key(&(cosim::scenario::StageSel::Oob, class.into())), "the model has no {class} row");
    }
    // The router's own statistics (read from the RTL afterwards) agree with
    // the record on every page that saw claims, oob and in-band.
    let (table, diffs) = m.router_stats();
    assert!(diffs.is_empty(), "{diffs:?}\n{table}");
    assert!(table.contains("| oob CPU 0 |") && table.contains("| in-band CPU "), "{table}");
    assert_eq!(b.counters.error_responses, 0);
    assert_eq!(b.counters.late_line_changes, 0);
}
