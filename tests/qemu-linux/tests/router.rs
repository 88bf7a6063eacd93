//! Debian's arm64 kernel and the real module on QEMU with the Verilated
//! router on the bus (rung 3 of DESIGN.md §6): the identity check passes,
//! the test consumer (consumer/irqr-consumer.c) gets the scenario's in-band
//! interrupts through the module's domain on every CPU, a CPU goes offline
//! and comes back under traffic, a stalled stage holds its line and the
//! unstall replays, debugfs shows the router's own statistics, a bad node
//! is refused, and rmmod is clean; and the stall mirror's idle wake lets
//! the router's log wake a CPU that waits stalled. Under `-icount
//! shift=0,sleep=off`.
//!
//! Each count is checked three ways: the consumer's, the bridge's source
//! device's (what the PL drove), and the bridge's record of every access.

use irq_router_layout as l;
use qemu_linux::{boot_log, consumer_module, idle_wake_module, linux_qemu, linux_qemu_with, mirror_module, test_lines};
use qemu_run::router::{Options, RouterRun};
use router_bridge::record::Access;
use std::collections::BTreeMap;

const SCENARIO: &str = "tests/qemu-linux/scenarios/router-inband.toml";
const SOURCES: [u16; 6] = [8, 9, 10, 11, 12, 13];

fn boot_with_router() -> (RouterRun, String) {
    let m = consumer_module().unwrap_or_else(|e| panic!("{e}"));
    let q = linux_qemu("bridge", &["router-real.dtsi", "router-bridge.dtsi"], &[&m.ko], &icount());
    run_with_router("bridge", q, None)
}

/// Deterministic guest: instruction-counted time, and an RTC that runs on
/// it from a fixed date (Linux seeds from it).
fn icount() -> [String; 4] {
    ["-icount", "shift=0,sleep=off", "-rtc", "base=2024-01-01T00:00:00,clock=vm"].map(String::from)
}

fn run_with_router(name: &str, q: qemu_run::Qemu, quantum_ns: Option<u64>) -> (RouterRun, String) {
    let root = qemu_linux::workspace_root();
    let mut opts = Options::from_scenario_file(&root.join(SCENARIO)).unwrap_or_else(|e| panic!("{e}"));
    // No oob firmware runs here: the bridge opens the oob stages at reset
    // as it would (the router holds in-band lines while oob is stalled).
    opts.oob_stand_in = true;
    opts.quantum_ns = quantum_ns;
    let r = qemu_run::router::run(q, opts).unwrap_or_else(|e| panic!("{e}"));
    let log = boot_log(name, &r.qemu);
    (r, log)
}

/// Whitespace-split fields of the /init line `<tag>| ...` whose first field is `first`.
fn row<'a>(t: &[&'a str], tag: &str, first: &str) -> Vec<&'a str> {
    t.iter()
        .filter_map(|l| l.strip_prefix(&format!("{tag}| ")))
        .map(|l| l.split_whitespace().collect::<Vec<_>>())
        .find(|f| f.first() == Some(&first))
        .unwrap_or_else(|| panic!("no `{tag}| {first} ...` line in {t:#?}"))
}

fn in_band_page(a: &Access) -> Option<(u32, u32)> {
    let off = a.addr.checked_sub(l::INBAND_BASE)?;
    (off < 4 * l::PAGE_STRIDE).then(|| (off / l::PAGE_STRIDE, off % l::PAGE_STRIDE))
}

#[test]
fn the_module_serves_the_scenario_on_the_real_rtl() {
    let (r, log) = boot_with_router();
    let t = test_lines(&log);
    let b = &r.bridge;

    // Identity check passes on the real RTL; the wrong peripheral is refused.
    assert!(
        log.contains("irq-router a0000000.interrupt-controller: IRQR v1.1: 32 sources, 4 CPUs (4 in-band lines), 8 IPI vectors, 16-bit timestamps"),
        "{log}"
    );
    assert!(
        log.contains("irq-router a0020000.interrupt-controller: error -ENODEV: no irq router here: ID reads 0x53524344"),
        "the bad node (its GLOBAL page is the source device) must be refused:\n{log}"
    );
    assert!(t.contains(&"bound: 1"), "{t:#?}");
    assert!(t.contains(&"load done=1"), "{t:#?}");

    // Zero lost, zero doubled: the consumer's count of each source equals
    // what the device drove, nothing coalesced in the router or the device.
    for s in SOURCES {
        let c = row(&t, "counts", &s.to_string());
        let count: u32 = c[1].parse().unwrap();
        let dev = t.iter().find(|l| l.starts_with(&format!("device {s} "))).expect("device line");
        assert_eq!(*dev, format!("device {s} driven={count} merged=0"), "source {s}: consumer saw {count}");
        assert_eq!(count, b.driven[s as usize], "source {s}: the bridge drove {}", b.driven[s as usize]);
        assert!(count >= 20, "source {s}: {count} events are too few to mean anything");
        let src = row(&t, "sources", &s.to_string());
        let overrun = src.last().unwrap();
        assert_eq!(*overrun, "0", "source {s}: router overrun, in {src:?}");
    }
    let total: u32 = SOURCES.iter().map(|&s| b.driven[s as usize]).sum();
    assert_eq!(total as usize, b.scenario_events, "every event of the scenario was driven");
    // Source 14 is in no scenario: the test raised it once during the first
    // stall, twice during the second (the second an overrun: the router
    // keeps one pending event per source and counts the other).
    assert_eq!(row(&t, "counts", "14")[1], "2", "{t:#?}");
    assert!(t.contains(&"device 14 driven=3 merged=0"), "{t:#?}");
    let src14 = row(&t, "sources", "14");
    assert_eq!((src14[5], *src14.last().unwrap()), ("1", "1"), "source 14 on router CPU 1, one overrun: {src14:?}");

    // The record: claims on each in-band page, by Linux (Non-secure).
    let mut claims_per_page: BTreeMap<u32, u64> = BTreeMap::new();
    let mut claims_per_src: BTreeMap<u16, u32> = BTreeMap::new();
    for a in b.record.accesses() {
        if let Some((page, off)) = in_band_page(a) {
            assert_eq!(a.prot & router_bridge::protocol::PROT_NONSECURE, router_bridge::protocol::PROT_NONSECURE, "{a:?}");
            if !a.write && off == l::PAGE_CLAIM_OFFSET && a.data != l::PAGE_CLAIM_ID_NONE {
                *claims_per_page.entry(page).or_default() += 1;
                *claims_per_src.entry(a.data as u16).or_default() += 1;
            }
        }
    }
    for s in SOURCES {
        assert_eq!(claims_per_src.get(&s).copied().unwrap_or(0), b.driven[s as usize], "source {s}");
    }
    assert_eq!(claims_per_src.get(&14).copied(), Some(2), "source 14: driven 3, one overrun");
    // Every CPU served some, and CPU1's sources kept going across hotplug.
    for page in 0..4 {
        assert!(claims_per_page.get(&page).copied().unwrap_or(0) > 10, "page {page}: {claims_per_page:?}");
    }

    // debugfs latency: each page's histogram counts exactly the claims the
    // record holds for that page.
    for page in 0..4u32 {
        let f = row(&t, "latency", &page.to_string());
        let hist: u64 = f[3..].iter().map(|v| v.parse::<u64>().unwrap()).sum();
        assert_eq!(hist, claims_per_page[&page], "page {page}: debugfs {f:?}");
    }

    // Stall and replay on CPU 0: while its in-band STALL was set, source 14
    // (routed to CPU 0) was raised, the in-band line 0 stayed low, nothing
    // was claimed on page 0, and right after the unstall the line rose.
    let stall_at = l::INBAND_BASE + l::PAGE_STALL_OFFSET;
    let acc: Vec<&Access> = b.record.accesses().collect();
    let stall = acc.iter().position(|a| a.write && a.addr == stall_at && a.data == 1).expect("a stall of CPU 0's in-band stage");
    let unstall = stall + acc[stall..].iter().position(|a| a.write && a.addr == stall_at && a.data == 0).expect("an unstall");
    let (from, to) = (acc[stall].cycle, acc[unstall].cycle);
    assert!(
        b.record.events().any(|(c, s)| s == 14 && (from..to).contains(&c)),
        "source 14 was not raised while stalled ({from}..{to})"
    );
    let rises: Vec<u64> = b.record.line_changes().filter(|&(c, l)| c > from && l & 0x10 != 0).map(|(c, _)| c).collect();
    assert!(rises.first().is_some_and(|&c| c > to), "in-band line 0 rose at {rises:?} while stalled ({from}..{to})");
    assert!(
        !acc[stall..unstall].iter().any(|a| !a.write && a.addr == l::INBAND_BASE + l::PAGE_CLAIM_OFFSET),
        "a claim on page 0 while stalled"
    );
    // Spec §5: the line rises as the unstall write executes.
    assert!(rises[0] <= to + 4, "no replay right after the unstall at {to}: line rose at {}", rises[0]);

    // A source moved with its event pending (spec §3): during CPU 0's second
    // stall source 14 was raised twice and moved to CPU 1 (a masked
    // SRC_CFG write of its CPU field); CPU 1 claimed the pending event,
    // once, while CPU 0's page was still stalled; page 0 claimed nothing.
    let stall2 = unstall + acc[unstall..].iter().position(|a| a.write && a.addr == stall_at && a.data == 1).expect("a second stall");
    let unstall2 = stall2 + acc[stall2..].iter().position(|a| a.write && a.addr == stall_at && a.data == 0).expect("its unstall");
    let window = &acc[stall2..unstall2];
    let claims_of_14 = |page: u32| {
        window.iter().filter(|a| !a.write && in_band_page(a) == Some((page, l::PAGE_CLAIM_OFFSET)) && a.data == 14).count()
    };
    assert_eq!((claims_of_14(0), claims_of_14(1)), (0, 1), "claims of 14 on pages 0 and 1 while page 0 stalled");
    let raised = b.record.events().filter(|&(c, s)| s == 14 && (acc[stall2].cycle..acc[unstall2].cycle).contains(&c)).count();
    assert_eq!(raised, 2, "source 14 raised twice in the second stall");

    // TrustZone (spec §8): an oob IPI from Linux, whose vector no firmware
    // allowed (IPI_OOB_NS = 0), is refused by the router and reported by
    // the driver: ERR.DENIED, decoded by name; the oob line never rose.
    assert_eq!(row(&t, "errors-before", "0x00000000"), ["0x00000000", "none"], "{t:#?}");
    assert_eq!(row(&t, "errors-after", "0x00000020"), ["0x00000020", "DENIED"], "{t:#?}");
    assert!(t.iter().any(|l| l.starts_with("failed") && l.contains("ipi_oob")), "the knob must fail: {t:#?}");
    let send = acc.iter().rfind(|a| a.write && in_band_page(a) == Some((0, l::PAGE_IPI_SEND_OFFSET))).expect("the IPI_SEND");
    assert!(!b.record.line_changes().any(|(c, l)| c >= send.cycle && l & 0x01 != 0), "oob line 0 rose after a refused IPI");

    // Hotplug and teardown.
    for want in [
        "ok: sh -c echo 0 > /sys/devices/system/cpu/cpu1/online",
        "ok: sh -c echo 1 > /sys/devices/system/cpu/cpu1/online",
        "ok: rmmod irqr_consumer",
        "ok: rmmod irq_router",
        "after rmmod: debugfs=0 interrupts=0",
    ] {
        assert!(t.contains(&want), "missing `{want}` in {t:#?}");
    }
    assert!(
        t.iter().any(|l| l.starts_with("failed") && l.ends_with("rmmod irq_router")),
        "rmmod must be refused while the consumer holds its IRQs: {t:#?}"
    );
    assert_eq!(b.counters.error_responses, 0, "an access was answered with an error");
    assert_eq!(b.counters.late_line_changes, 0);
}

/// The stall mirror's idle wake (linux-glue/patches: Dovetail's
/// `irq_cpuidle_enter()` calls `irq_router_mirror_idle_wake()` once the CPU
/// may idle). A stock kernel has no idle gate to patch, so
/// `modules/idle-wake` does on CPU 0 what a Dovetail kernel's idle path
/// does — stall (hard mask + the mirror's stall hook), arm, WFI, unstall —
/// with the driver built with the mirror, and raises source 14 (routed to
/// CPU 0's in-band stage) before the WFI or, from CPU 1, during it. Without
/// the arm (rounds 1 and 3) the stalled page holds the line low until the
/// unstall: the CPU would sleep through the event. Armed (rounds 2 and 4)
/// the line rises at once, although the page stays stalled.
#[test]
fn the_idle_wake_lets_the_router_log_wake_a_stalled_cpu() {
    let driver = mirror_module().unwrap_or_else(|e| panic!("{e}"));
    let consumer = consumer_module().unwrap_or_else(|e| panic!("{e}"));
    let idle = idle_wake_module().unwrap_or_else(|e| panic!("{e}"));
    let q = linux_qemu_with(
        "idle",
        &driver.ko,
        &["router-real.dtsi", "router-bridge.dtsi"],
        &[&consumer.ko, &idle.ko],
        "",
        &icount(),
    );
    // Under -icount QEMU runs the vCPUs round-robin on one thread, each
    // until the next virtual-clock deadline: a line raised by CPU 1's
    // store would wake CPU 0 only at its next turn (firmware/a53/README.md). A
    // bridge sync every 20 µs gives the clock a deadline that often.
    let (r, log) = run_with_router("idle", q, Some(20_000));
    let t = test_lines(&log);
    let b = &r.bridge;
    assert!(t.contains(&"mirrored: 1"), "the mirror is not on: {t:#?}");
    assert!(t.contains(&"idle-wake: done"), "{t:#?}");

    // CPU 0's in-band STALL writes after the probe opened the page: one
    // round per stall (1), each ending with the unstall (0), armed rounds
    // with STALL|WAKE (3) in between.
    let stall_at = l::INBAND_BASE + l::PAGE_STALL_OFFSET;
    let writes: Vec<(u64, u32)> =
        b.record.accesses().filter(|a| a.write && a.addr == stall_at).map(|a| (a.cycle, a.data)).collect();
    let first = writes.iter().position(|&(_, d)| d == 1).expect("no stall of CPU 0's page");
    let rounds: Vec<&[(u64, u32)]> = writes[first..].chunk_by(|_, &(_, d)| d != 1).collect();
    let shape: Vec<Vec<u32>> = rounds.iter().map(|r| r.iter().map(|&(_, d)| d).collect()).collect();
    let armed = 1 << l::PAGE_STALL_STALL_LSB | 1 << l::PAGE_STALL_WAKE_LSB;
    assert_eq!(shape, [vec![1, 0], vec![1, armed, 0], vec![1, 0], vec![1, armed, 0]], "{writes:?}");

    let events: Vec<u64> = b.record.events().filter(|&(_, s)| s == 14).map(|(c, _)| c).collect();
    let rises: Vec<u64> = b
        .record
        .line_changes()
        .scan(false, |high, (c, lines)| {
            let was = std::mem::replace(high, lines & 0x10 != 0);
            Some((!was && *high).then_some(c))
        })
        .flatten()
        .collect();
    for (i, round) in rounds.iter().enumerate() {
        let (from, to) = (round[0].0, round.last().unwrap().0);
        let event = *events.iter().find(|&&c| (from..to).contains(&c)).unwrap_or_else(|| {
            panic!("round {}: source 14 not raised while stalled ({from}..{to}); events {events:?}", i + 1)
        });
        let rise = *rises.iter().find(|&&c| c > from).unwrap_or_else(|| panic!("round {}: the line never rose", i + 1));
        if round.len() == 2 {
            // Not armed: the stalled page holds the event until the unstall.
            assert!(rise >= to && rise <= to + 4, "round {}: line rose at {rise}, stalled {from}..{to}", i + 1);
        } else {
            // Armed (spec §11): the line follows the log, page still stalled.
            let arm = round[1].0;
            let cause = arm.max(event);
            assert!(
                rise >= cause && rise <= cause + 4 && rise < to,
                "round {}: line rose at {rise}; armed at {arm}, event at {event}, unstalled at {to}",
                i + 1
            );
        }
    }

    // What the module saw: an armed WFI with the event already logged
    // returns at once; every event reached the consumer exactly once.
    let wfi_ns = |what: &str| -> u64 {
        let key = format!("idle-wake: event {what}: wfi lasted ");
        t.iter()
            .find_map(|l| l.strip_prefix(&key))
            .and_then(|r| r.split_whitespace().next())
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("no `{key}` line in {t:#?}"))
    };
    for what in ["before wfi, not armed", "before wfi, armed", "during wfi, not armed", "during wfi, armed"] {
        println!("WFI, event {what}: {} ns", wfi_ns(what));
    }
    assert!(wfi_ns("before wfi, armed") < 2_000, "an armed WFI with a logged event must return at once");
    // The event comes 100 µs into the wait (or the tick ends it earlier).
    assert!(wfi_ns("during wfi, armed") < 100_000 + 2 * 20_000 + 10_000, "an armed WFI must return on the event");
    assert_eq!(row(&t, "counts", "14")[1], "4", "{t:#?}");
    assert!(t.contains(&"device 14 driven=4"), "{t:#?}");
    assert_eq!(b.counters.error_responses, 0, "an access was answered with an error");
}
