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
    assert!(calls.delivered >= 10 && m.traces.calls_run == calls.events, "{report}");
    assert_eq!(m.calls_posted.len(), 3, "each Linux CPU calls: {report}");
    assert_eq!((m.traces.messages_posted, m.messages_received), (16, Some(16)), "{report}");
    for class in ["oob timer tick", "ipi call-function"] {
        assert!(m.latency_rows().contains_key(&(cosim::scenario::StageSel::Oob, class.into())), "no {class} row: {report}");
        assert!(model.latency.contains_key(&(cosim::scenario::StageSel::Oob, class.into())), "the model has no {class} row");
    }
    // Each in-band source on its CPU (ethernet spread over 1, 2; the UART
    // pinned to 3), every oob source on 0: the record's claims say where.
    let on = |id: u16| m.claims.claimed_on[&id].keys().map(|p| p.1).collect::<Vec<_>>();
    assert_eq!([on(8), on(9), on(12), on(0), on(4)], [[1], [2], [3], [0], [0]], "{report}");
    assert!(m.linux.contains("irqr-consumer a0020000.irq-consumer: source 12 on CPU 2"), "Linux CPU 2 is core 3: {}", m.linux);
    // The router's own statistics (read from the RTL afterwards) agree with
    // the record on every page that saw claims, oob and in-band.
    let (table, diffs) = m.router_stats();
    assert!(diffs.is_empty(), "{diffs:?}\n{table}");
    assert!(table.contains("| oob CPU 0 |") && table.contains("| in-band CPU "), "{table}");
    assert_eq!(b.counters.error_responses, 0);
    assert_eq!(b.counters.late_line_changes, 0);
}

/// Partitioned mode's placement: oob on CPU 0 whatever the scenario says,
/// an in-band group without `cpu` spread over Linux's CPUs 1-3, an in-band
/// source asking for CPU 0 refused with a clear message (no QEMU needed).
#[test]
fn the_scenarios_cpus_map_onto_partitioned_mode_or_are_refused() {
    let root = qemu_linux::workspace_root();
    let sc = mainjob::Scenario::load(&root.join("scenarios/default.toml")).unwrap();
    let place = mainjob::placement(&sc).unwrap();
    // default.toml: encoders 0-3 and ADCs 4-5 (cpu 1) oob; ethernet 8-11
    // and DMA 16-19 spread; UARTs 12-13 spread.
    assert!((0..=6).all(|id| place[&id] == 0), "{place:?}");
    assert_eq!([8, 9, 10, 11, 12, 13, 16, 17, 18, 19].map(|id| place[&id]), [1, 2, 3, 1, 1, 2, 1, 2, 3, 1]);
    let text = std::fs::read_to_string(root.join("scenarios/qemu-short.toml")).unwrap().replace("cpu = 3", "cpu = 0");
    let bad = mainjob::Scenario::from_toml(&text).unwrap();
    let e = mainjob::placement(&bad).unwrap_err();
    assert!(e.contains("source 12") && e.contains("in-band on cpu 0") && e.contains("Linux has CPUs 1-3"), "{e}");
    // The same refusal before anything is built or run.
    let dir = scratch_dir("mainjob-bad");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("bad.toml");
    std::fs::write(&path, &text).unwrap();
    let e = mainjob::run(&path, &dir, Duration::from_secs(5), None, None).err().expect("refused");
    assert!(e.contains("bad.toml") && e.contains("in-band on cpu 0"), "{e}");
}

/// Two runs of the short scenario give the same record, access for access
/// (cycle, guest time, data), and the same Linux console: QEMU under
/// `-icount` with the same inputs (images, initramfs, device tree, RTC
/// base) must not depend on the host.
#[test]
fn two_runs_of_the_short_scenario_give_the_same_record() {
    let root = qemu_linux::workspace_root();
    let run = |n: u32| {
        mainjob::run(&root.join("scenarios/qemu-short.toml"), &scratch_dir(&format!("mainjob-twice-{n}")), Duration::from_secs(1200), Some(mainjob::DEFAULT_QUANTUM_NS), None)
            .unwrap_or_else(|e| panic!("{e}"))
    };
    let (a, b) = (run(1), run(2));
    let first_difference = |x: &str, y: &str| {
        x.lines().zip(y.lines()).enumerate().find(|(_, (p, q))| p != q).map(|(i, (p, q))| format!("line {}: {p:?} vs {q:?}", i + 1))
    };
    let (ra, rb) = (a.run.bridge.record.to_text(), b.run.bridge.record.to_text());
    assert!(
        ra == rb,
        "records differ at {:?} ({} and {} lines); Linux's consoles first differ at {:?}",
        first_difference(&ra, &rb),
        ra.lines().count(),
        rb.lines().count(),
        first_difference(&a.linux, &b.linux)
    );
    assert_eq!(a.linux, b.linux);
    assert_eq!(a.oob_log, b.oob_log);
}
