//! The A53 image's router paths on QEMU with the Verilated router on the
//! bus (rung 3 of DESIGN.md §6): QEMU built from Debian's source with
//! host-tools/qemu-router, the router bridge serving the PL window from a
//! thread of this test, `-icount shift=0,sleep=off`.
//!
//! The firmware program `router` probes, configures, LOCKs, exercises
//! stall/test-and-stall/restore and IPIs both ways, then serves the
//! scenario `scenarios/router-oob.toml` on FIQ. Its counts are checked
//! against the scenario, the bridge's source device and the bridge's own
//! record of every access and event; the router's latency statistics
//! against what the firmware read and what the record's cycles say.
use irq_router_layout as l;
use qemu_firmware::*;
use qemu_run::router::Outcome;
use router_bridge::protocol::AxiResp;
use std::collections::BTreeMap;
use std::os::unix::net::UnixListener;
use std::time::{Duration, Instant};

const SCENARIO: &str = "tests/qemu-firmware/scenarios/router-oob.toml";

fn scenario() -> cosim::scenario::Scenario {
    cosim::scenario::Scenario::load(&repo_root().join(SCENARIO)).unwrap()
}

fn num(msg: &str, key: &str) -> u64 {
    field(msg, key).unwrap_or_else(|| panic!("no {key}= in {msg:?}"))
}

/// Source claims on CPU 0's oob page in the bridge's record: (cycle of the
/// CLAIM read, source, the LAT_LAST the firmware read right after it).
fn claims_in_record(b: &Outcome) -> Vec<(u64, u16, u32)> {
    let claim = l::OOB_BASE + l::PAGE_CLAIM_OFFSET;
    let lat_last = l::OOB_BASE + l::PAGE_LAT_LAST_OFFSET;
    let acc: Vec<_> = b.record.accesses().collect();
    let mut out = Vec::new();
    for (i, a) in acc.iter().enumerate() {
        if !a.write && a.addr == claim && (a.data as u16) < 32 {
            let lat = acc[i + 1..].iter().find(|n| !n.write && n.addr == lat_last).expect("LAT_LAST read after the claim");
            out.push((a.cycle, a.data as u16, lat.data));
        }
    }
    out
}

#[test]
fn firmware_serves_the_scenario_on_the_real_rtl() {
    let r = run_with_router("router", SECURE, "secure", SCENARIO, &[]);
    let (fw, b) = (&r.fw, &r.bridge);
    assert_eq!(fw.code(), 0, "{}", fw.dump());
    assert!(!fw.log.iter().any(|l| l.level.as_deref() == Some("error")), "{}", fw.dump());
    assert_eq!(fw.line("router: found").message, "router: found at 0xa0000000, HwConfig { nsrc: 32, ncpu: 4, nipi: 8, tsw: 16, stats: true, ovrw: 8 }");
    assert_eq!(fw.line("rtest: srcdev").message, "rtest: srcdev id=0x53524344");

    // The firmware's plan is the scenario's oob sources.
    let sc = scenario();
    let want: Vec<String> = sc
        .sources
        .iter()
        .map(|s| format!("rtest: plan src={} level={} prio={}", s.id, s.level, s.priority))
        .collect();
    let got: Vec<&str> = fw.messages().into_iter().filter(|m| m.starts_with("rtest: plan")).collect();
    assert_eq!(got, want, "firmware PLAN and {SCENARIO} differ");
    assert!(sc.sources.iter().all(|s| s.stage == cosim::scenario::StageSel::Oob && s.cpu == 0));

    assert_eq!(fw.line("rtest: locked").message, "rtest: locked=true driver_refused=true router_held=true err_locked=true");
    assert_eq!(
        fw.line("rtest: stall").message,
        "rtest: stall reset_stalled=true held=true line=false deliverable=true held_after_restore=true \
         replayed=true tas_open=false held2=true replayed2=true"
    );
    assert_eq!(fw.line("rtest: ipi").message, "rtest: ipi rounds=10 pings=10 pongs=10");
    let load = fw.line("rtest: load").message.clone();
    assert!(load.starts_with("rtest: load done=true drained=true"), "{load}");

    // Every event claimed exactly once: the firmware's count, the device's,
    // the bridge's, and no coalescing anywhere.
    let mut total = 0;
    for s in &sc.sources {
        let m = &fw.line(&format!("rtest: src={} ", s.id)).message;
        let (claims, driven) = (num(m, "claims"), num(m, "driven"));
        assert_eq!((num(m, "merged"), num(m, "overrun")), (0, 0), "{m}");
        assert_eq!(claims, driven, "{m}");
        assert_eq!(claims, b.driven[s.id as usize] as u64, "{m}: the bridge drove {}", b.driven[s.id as usize]);
        assert!(claims >= 10, "{m}: too few events to mean anything");
        total += claims;
    }
    assert_eq!(total as usize, b.scenario_events, "every event of the scenario was driven and claimed");
    assert_eq!(fw.line("rtest: total").message, format!("rtest: total claims={total} driven={total} unplanned=0"));

    // The router's statistics equal what the firmware read claim by claim.
    let lat = &fw.line("rtest: lat_max").message;
    assert_eq!(num(lat, "router"), num(lat, "firmware"), "{lat}");
    let hist_r = fw.line("rtest: hist router=").message.trim_start_matches("rtest: hist router=").to_string();
    let hist_f = fw.line("rtest: hist firmware=").message.trim_start_matches("rtest: hist firmware=").to_string();
    assert_eq!(hist_r, hist_f);
    let fiq = &fw.line("rtest: fiq").message;
    for k in ["spurious", "budget_hit", "not_via_fiq", "gic_spurious"] {
        assert_eq!(num(fiq, k), 0, "{fiq}");
    }

    // The record: each claim is of an event driven before it, in order, once;
    // and the latency the router measured is exactly the record's cycles
    // between the event and the claim.
    let claims = claims_in_record(b);
    assert_eq!(claims.len() as u64, total);
    let mut events: BTreeMap<u16, Vec<u64>> = BTreeMap::new();
    for (cycle, src) in b.record.events() {
        events.entry(src).or_default().push(cycle);
    }
    let mut next: BTreeMap<u16, usize> = BTreeMap::new();
    for &(cycle, src, lat) in &claims {
        let k = next.entry(src).or_default();
        let ev = events[&src][*k];
        *k += 1;
        assert!(cycle > ev, "source {src}: claim at {cycle} before its event at {ev}");
        assert_eq!(lat as u64, cycle - ev, "source {src}: event at {ev}, claim read at {cycle}, router says {lat}");
    }
    for (src, evs) in &events {
        assert_eq!(next.get(src).copied().unwrap_or(0), evs.len(), "source {src}: events left unclaimed");
    }
    assert_eq!(b.counters.error_responses, 0);
    assert_eq!(b.counters.late_line_changes, 0, "a line changed where QEMU could not have heard of it");
    assert!(b.counters.syncs > 0 && b.counters.edges_skipped > b.counters.edges_evaluated, "{:?}", b.counters);
}

/// Under -icount the run is a function of its inputs: twice the same run,
/// the same cycle for every access and every line edge.
#[test]
fn the_same_run_twice_gives_the_same_cycles() {
    let a = run_with_router("router", SECURE, "det-a", SCENARIO, &[]);
    let b = run_with_router("router", SECURE, "det-b", SCENARIO, &[]);
    assert_eq!(a.fw.code(), 0, "{}", a.fw.dump());
    assert_eq!(b.fw.code(), 0, "{}", b.fw.dump());
    let (ra, rb) = (&a.bridge.record, &b.bridge.record);
    assert!(ra.accesses().count() > 500 && ra.line_changes().count() > 300, "too small a run to show anything");
    for (i, (x, y)) in ra.entries.iter().zip(&rb.entries).enumerate() {
        assert_eq!(x, y, "record entry {i} differs between two identical runs");
    }
    assert_eq!(ra.entries.len(), rb.entries.len());
    assert_eq!(a.fw.messages(), b.fw.messages());
}

/// The image's own probe (the `boot` program) finds the router when the
/// bridge serves the window, and the patched QEMU without `router-socket`
/// is QEMU as before: the window reads zero.
#[test]
fn the_image_probe_finds_the_router_only_when_attached() {
    let with = run_with_router("boot", SECURE, "with-router", SCENARIO, &[]);
    assert_eq!(with.fw.code(), 0, "{}", with.fw.dump());
    assert_eq!(with.fw.line("boot: router present").message, "boot: router present=true");
    let a: Vec<_> = with.bridge.record.accesses().map(|a| (a.addr, a.data, a.resp)).collect();
    assert_eq!(
        a,
        [(0x0, 0x4952_5152, AxiResp::Okay), (0x4, l::GLOBAL_VERSION_RESET, AxiResp::Okay), (0x8, HWCFG_32X4_FULL, AxiResp::Okay)],
        "the probe reads ID, VERSION and HWCFG and nothing else"
    );

    let q = invocation("boot", SECURE, "router-qemu-no-socket", &[], Duration::from_secs(60))
        .binary(qemu_run::router_qemu().unwrap_or_else(|e| panic!("{e}")))
        .run()
        .unwrap_or_else(|e| panic!("{e}"));
    let without = decode("boot", q, false);
    assert_eq!(without.code(), 0, "{}", without.dump());
    assert_eq!(without.line("boot: router present").message, "boot: router present=false");
}

/// GLOBAL.HWCFG of the bridge's router: 32 sources, 4 CPUs, 8 IPI vectors,
/// 16-bit timestamps, statistics, 8-bit overrun counters.
const HWCFG_32X4_FULL: u32 = 32 << l::GLOBAL_HWCFG_NSRC_LSB
    | 4 << l::GLOBAL_HWCFG_NCPU_LSB
    | 8 << l::GLOBAL_HWCFG_NIPI_LSB
    | 16 << l::GLOBAL_HWCFG_TSW_LSB
    | 1 << l::GLOBAL_HWCFG_STATS_LSB
    | 8 << l::GLOBAL_HWCFG_OVRW_LSB;

fn router_invocation(machine: &str, tag: &str, extra: &[&str]) -> qemu_run::Qemu {
    invocation("boot", machine, tag, extra, Duration::from_secs(60))
        .binary(qemu_run::router_qemu().unwrap_or_else(|e| panic!("{e}")))
}

fn router_qemu_with(machine: &str, tag: &str, extra: &[&str]) -> qemu_run::QemuRun {
    router_invocation(machine, tag, extra).run().unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn no_simulator_at_the_socket_is_a_clear_error() {
    let q = router_qemu_with(&format!("{SECURE},router-socket=/nonexistent/router.sock"), "no-simulator", &[]);
    assert_eq!(q.code(), Some(1), "{}", q.stderr);
    assert!(
        q.stderr.contains("cannot reach the simulator") && q.stderr.contains("/nonexistent/router.sock"),
        "{}",
        q.stderr
    );
}

/// A simulator that accepts and then never answers: QEMU must not hang on
/// its global lock for ever, but stop with the reason.
#[test]
fn a_silent_simulator_ends_qemu_with_a_timeout_error() {
    let sock = std::env::temp_dir().join(format!("zip-silent-{}.sock", std::process::id()));
    let _ = std::fs::remove_file(&sock);
    let listener = UnixListener::bind(&sock).unwrap();
    let hold = std::thread::spawn(move || {
        let (s, _) = listener.accept().unwrap();
        std::thread::sleep(Duration::from_secs(20));
        drop(s);
    });
    // The image and the router QEMU are built (or found) before the clock
    // starts: under a loaded test run either can take minutes.
    let qemu = router_invocation(
        &format!("{SECURE},router-socket={}", sock.display()),
        "silent-simulator",
        &["-global", "irq-router-bridge.timeout-ms=1500"],
    );
    let t = Instant::now();
    let q = qemu.run().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(q.code(), Some(1), "{}", q.stderr);
    assert!(q.stderr.contains("did not answer within 1500 ms"), "{}", q.stderr);
    assert!(t.elapsed() < Duration::from_secs(15), "QEMU waited {:?}", t.elapsed());
    let _ = std::fs::remove_file(&sock);
    drop(hold);
}
