//! Partitioned mode on QEMU's ZCU102 (`secure=on`, stock QEMU 7.2, `-icount
//! shift=0,sleep=off`): the EL3 monitor, the oob core on CPU 0 at Secure EL1
//! and Debian's Linux on CPUs 1-3 in the Normal world, in one boot whose
//! /init (tests/qemu-partitioned/init) runs every scenario in turn. One
//! boot keeps CI cost down; each check below names what it shows.

use std::path::Path;
use std::sync::OnceLock;
use std::time::Duration;

use qemu_partitioned::{chan_tool, firmware, modules, Recipe};
use qemu_run::{scratch_dir, QemuRun};

/// What one boot left behind.
struct Boot {
    run: QemuRun,
    /// Linux's console (UART0).
    linux: String,
    /// The monitor's log (semihosting, QEMU's stdout).
    monitor: String,
    /// The oob core's decoded defmt log (UART1).
    oob: Vec<String>,
}

fn boot() -> &'static Boot {
    static B: OnceLock<Boot> = OnceLock::new();
    B.get_or_init(|| {
        let m = modules().unwrap_or_else(|e| panic!("{e}"));
        let tool = chan_tool().unwrap_or_else(|e| panic!("{e}"));
        let init = Path::new(env!("CARGO_MANIFEST_DIR")).join("init");
        let files = vec![
            (m.chan.ko.as_path(), "lib/modules/irq-router-chan.ko".to_string()),
            (m.smc_probe.ko.as_path(), "lib/modules/smc-probe.ko".to_string()),
            (tool.as_path(), "bin/chan-test".to_string()),
        ];
        let r = Recipe::prepare(&scratch_dir("partitioned"), &init, &files).unwrap_or_else(|e| panic!("{e}"));
        let run = r.qemu().timeout(Duration::from_secs(1200)).run().unwrap_or_else(|e| panic!("{e}"));
        let linux = run.serial_text(0);
        let elf = std::fs::read(&firmware().unwrap().oob).unwrap();
        let bytes: &[u8] = &run.serial[1];
        let oob = irqpipe::defmt_log::decode_all(&elf, bytes)
            .unwrap_or_else(|e| panic!("oob defmt log does not decode: {e:?}"))
            .iter()
            .map(|l| l.message.clone())
            .collect();
        // Semihosting output lands on QEMU's stderr or stdout depending on the
        // chardev set-up: take both.
        let monitor = format!("{}{}", run.stdout, run.stderr);
        eprintln!(
            "partitioned boot: {:?} in {:.1?} (captures in {})\n--- monitor ---\n{monitor}\n--- linux (tests) ---\n{}",
            run.status,
            run.elapsed,
            run.dir.display(),
            lines(&linux, "").join("\n")
        );
        Boot { run, linux, monitor, oob }
    })
}

/// Lines of the Linux log starting (after the timestamp) with `prefix`.
fn lines<'a>(log: &'a str, prefix: &str) -> Vec<&'a str> {
    log.lines()
        .filter_map(|l| {
            let t = l.find("] ").map_or(l, |i| &l[i + 2..]).trim_end_matches('\r');
            (t.starts_with("PART-TEST: ") || t.starts_with("CHAN: ") || t.starts_with("SMC-PROBE: "))
                .then_some(t)
                .filter(|t| t.starts_with(prefix))
        })
        .collect()
}

fn one<'a>(b: &'a Boot, prefix: &str) -> &'a str {
    let v = lines(&b.linux, prefix);
    assert_eq!(v.len(), 1, "expected one line {prefix:?}, got {v:?}\n{}", b.linux);
    v[0]
}

fn field(line: &str, key: &str) -> u64 {
    let at = line.find(&format!(" {key}=")).unwrap_or_else(|| panic!("no {key}= in {line:?}")) + key.len() + 2;
    line[at..].split(|c: char| !c.is_ascii_digit()).next().unwrap().parse().unwrap()
}

#[test]
fn linux_boots_on_three_cpus_through_psci_and_powers_off_cleanly() {
    let b = boot();
    assert!(!b.run.timed_out, "QEMU did not finish\n{}", b.linux);
    assert_eq!(b.run.code(), Some(0), "SYSTEM_OFF exits QEMU with 0\n{}", b.monitor);
    let start = one(b, "PART-TEST: start");
    assert!(start.contains("cpus=3 online=0-2"), "{start}");
    assert!(one(b, "PART-TEST: done") == "PART-TEST: done");
    let trouble = qemu_linux::kernel_trouble(&b.linux);
    assert!(trouble.is_empty() && !b.linux.contains("rcu: INFO"), "kernel trouble: {trouble:?}");
    let m = &b.monitor;
    assert!(m.contains("el3: cpu1 -> Non-secure EL1 at 0x200000, x0=0x4000000"), "{m}");
    for cpu in [2, 3] {
        assert!(m.contains(&format!("el3: psci cpu1 NS CPU_ON(0xc4000003, {cpu:#x}, ")), "CPU_ON of cpu{cpu}\n{m}");
        assert!(m.contains(&format!("el3: cpu{cpu} -> Non-secure EL1 at ")), "{m}");
    }
    assert!(m.contains("el3: psci cpu1 NS SYSTEM_OFF(0x84000008) -> exit"), "{m}");
    assert!(!m.contains("unexpected") && !m.contains("PANIC") && !m.contains("parked"), "{m}");
    let calls: Vec<&str> = m.lines().filter(|l| l.starts_with("el3: psci")).collect();
    eprintln!("PSCI/SMC calls the monitor answered:\n{}", calls.join("\n"));
}

/// 10,000 messages each way (8,000 pipelined non-blocking, 2,000 blocking
/// with a reader and a writer process), in order, every one accounted for
/// on both sides; a malformed slot from the oob side is counted and dropped.
#[test]
fn ten_thousand_messages_each_way_all_accounted_for() {
    let b = boot();
    let e = one(b, "CHAN: echo first=0 ");
    assert_eq!((field(e, "sent"), field(e, "received"), field(e, "bad")), (8000, 8000, 0), "{e}");
    assert!(field(e, "eagain") > 0, "a full ring must have given EAGAIN at least once: {e}");
    let r = one(b, "CHAN: echo-blocking reader");
    assert_eq!((field(r, "received"), field(r, "bad")), (2000, 0), "{r}");
    assert_eq!(one(b, "CHAN: echo-blocking writer"), "CHAN: echo-blocking writer sent=2000 reader-exit=0");
    // Before the load phase: 10,000 echoes, 2 stats, 1 malformed request.
    let s = lines(&b.linux, "CHAN: oob-stats")[1];
    assert_eq!(
        (field(s, "rx"), field(s, "bad_seq"), field(s, "malformed"), field(s, "unknown")),
        (10_000, 0, 0, 0),
        "{s}"
    );
    assert_eq!(field(s, "tx"), 10_002, "10,000 replies + stats + malformed: {s}");
    let stats: Vec<&str> = lines(&b.linux, "PART-TEST: chan-stats|");
    assert_eq!(
        stats,
        ["PART-TEST: chan-stats| rx 10002", "PART-TEST: chan-stats| tx 10002", "PART-TEST: chan-stats| malformed 1"]
            .iter()
            .copied()
            .chain(stats.iter().copied().skip(3))
            .collect::<Vec<_>>()
    );
    assert_eq!(one(b, "CHAN: malformed"), "CHAN: malformed reply-len=1");
    assert_eq!(one(b, "CHAN: errors write-63"), "CHAN: errors write-63 -1 Message too long");
    assert_eq!(one(b, "CHAN: errors read-8"), "CHAN: errors read-8 -1 Invalid argument");
    assert_eq!(one(b, "CHAN: errors read-empty"), "CHAN: errors read-empty -1 Resource temporarily unavailable");
}

/// Lateness of the oob tick (1 ms, Secure physical timer) with Linux idle
/// and with Linux busy (three CPU loops and a flood of in-band doorbell
/// interrupts), over the same guest time.
///
/// The bound: with `-icount`, QEMU runs the four vCPUs on one host thread in
/// turn, and a busy vCPU keeps it until the next virtual-clock deadline, so
/// the oob CPU can wait behind the Linux vCPUs' slices — up to one Linux
/// timer period (4 ms, HZ=250) per busy vCPU. That is QEMU's scheduler, not
/// the A53s, which run in parallel: the loaded worst case may exceed the
/// idle one by at most 3 x 4 ms = 750,000 counter ticks (62.5 MHz), and the
/// idle worst case must stay within 100 ticks (1.6 us).
#[test]
fn oob_tick_keeps_its_period_under_linux_load() {
    const IDLE_MAX_TICKS: u64 = 100;
    const LOAD_EXTRA_TICKS: u64 = 750_000;
    let b = boot();
    let report = |label: char| -> &str {
        let want = format!("lateness {}: ", label as u8);
        let v: Vec<&String> = b.oob.iter().filter(|l| l.starts_with(&want)).collect();
        assert_eq!(v.len(), 1, "one {label} report in the oob log: {:#?}", b.oob);
        v[0]
    };
    let (idle, load) = (report('I'), report('L'));
    eprintln!("oob tick lateness (counter ticks of 16 ns; hist bucket b = [2^(b-1), 2^b)):\n  idle:   {idle}\n  loaded: {load}");
    let (im, lm) = (field(&format!(" {idle}"), "max"), field(&format!(" {load}"), "max"));
    let (ic, lc) = (field(&format!(" {idle}"), "count"), field(&format!(" {load}"), "count"));
    assert!(ic >= 990, "idle phase: about 1,000 ticks in 1 s: {idle}");
    assert!(lc >= 500, "loaded phase: the tick keeps running: {load}");
    assert!(im <= IDLE_MAX_TICKS, "idle worst case {im} ticks");
    assert!(lm <= im + LOAD_EXTRA_TICKS, "loaded worst case {lm} exceeds idle {im} + {LOAD_EXTRA_TICKS}");
    let heartbeats = b.oob.iter().filter(|l| l.starts_with("heartbeat")).count();
    assert!(heartbeats >= 3, "{:#?}", b.oob);
}

/// CPU hotplug through PSCI (CPU_OFF, AFFINITY_INFO, CPU_ON) while the oob
/// core runs: its tick count keeps advancing across it.
#[test]
fn cpu_offline_and_online_while_the_oob_core_runs() {
    let b = boot();
    assert_eq!(one(b, "PART-TEST: online after off"), "PART-TEST: online after off: 0-1");
    assert_eq!(one(b, "PART-TEST: online after on"), "PART-TEST: online after on: 0-2");
    assert!(lines(&b.linux, "PART-TEST: ok: taskset -c 2 true").len() == 1);
    let m = &b.monitor;
    assert!(m.contains("el3: psci cpu3 NS CPU_OFF(0x84000002) -> 0"), "{m}");
    assert!(m.contains("el3: psci cpu1 NS AFFINITY_INFO(0xc4000004, 0x3, 0x0, 0x0) -> 1"), "{m}");
    // Whichever Linux CPU runs the write to `online` issues the second
    // CPU_ON (the oob core's timing shifts Linux's scheduling under -icount).
    assert_eq!(m.matches(" NS CPU_ON(0xc4000003, 0x3, ").count(), 2, "boot and online: {m}");
    let ticks: Vec<u64> = lines(&b.linux, "CHAN: oob-stats").iter().map(|s| field(s, "ticks")).collect();
    assert!(ticks.windows(2).all(|w| w[1] > w[0]), "oob ticks advance: {ticks:?}");
}

/// Unknown and refused SMCs from a Linux module: SMCCC -1 for everything
/// unknown, PSCI's codes for bad arguments, nothing that reaches the oob
/// CPU or the Secure carve-out; the oob core answers afterwards.
#[test]
fn smcs_from_linux_are_refused_without_harm() {
    let b = boot();
    let want = [
        ("unknown-psci-fn", -1),
        ("zynqmp-sip-pm-get-api-version", -1),
        ("yielding-call", -1),
        ("vendor-hyp-service", -1),
        ("arch-smccc-version", -1),
        ("features-unknown", -1),
        ("features-cpu-on64", 0),
        ("features-smccc-version", -1),
        ("cpu-on-oob-cpu", -2),
        ("cpu-on-secure-entry", -9),
        ("cpu-on-no-such-cpu", -2),
        ("cpu-on-cluster-1", -2),
        ("cpu-on-running-cpu", -4),
        ("affinity-oob-cpu", -2),
        ("affinity-cpu1", 0),
        ("affinity-level-1", -2),
        ("migrate-info-type", 2),
        ("cpu-suspend-powerdown", -2),
        ("smc-imm-1", -1),
        ("all-ones", -1),
    ];
    for (name, code) in want {
        assert_eq!(one(b, &format!("SMC-PROBE: {name} ")), format!("SMC-PROBE: {name} {code}"));
    }
    let e = one(b, "CHAN: echo first=10000 ");
    assert_eq!((field(e, "received"), field(e, "bad")), (10, 0), "{e}");
    let last = *lines(&b.linux, "CHAN: oob-stats").last().unwrap();
    assert_eq!((field(last, "rx"), field(last, "bad_seq")), (10_010, 0), "{last}");
}

/// The channel module and the test module build warning-free at W=1
/// against Debian's arm64 headers.
#[test]
fn modules_build_warning_free_at_w1() {
    let m = modules().unwrap_or_else(|e| panic!("{e}"));
    for b in [&m.chan, &m.smc_probe] {
        let d = qemu_linux::diagnostics(&b.log);
        assert!(d.is_empty(), "{}: W=1 build is not clean:\n{}", b.ko.display(), d.join("\n"));
    }
}
