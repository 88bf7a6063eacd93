//! Debian's arm64 kernel on `qemu-system-aarch64 -M xlnx-zcu102` with a
//! busybox initramfs and Debian's ZCU102 device tree plus a router node:
//! the module is inserted, its effect read from the kernel log, removed,
//! and the machine powered off, all under a timeout.

use std::io::{BufRead, BufReader, Write};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use qemu_linux::{
    boot_log, check_finished, fake, glue_module, BOOT_TIMEOUT, ipi_consumer_module, linux_qemu_with, linux_run_dir,
    mirror_bench_module, mirror_module, test_lines, Kernel,
};
use qemu_run::Qemu;

/// What a scenario boots: its name (the /init case and the run directory),
/// device-tree fragments, modules besides the driver, stand-in images.
struct Scenario<'a> {
    name: &'a str,
    /// More kernel command line.
    cmdline: &'a str,
    /// The driver module, when not the plain build ([`glue_module`]).
    driver: Option<PathBuf>,
    fragments: &'a [&'a str],
    modules: Vec<PathBuf>,
    images: Vec<(Vec<u8>, u64)>,
}

impl Scenario<'_> {
    /// The QEMU command line for it ([`qemu_linux::linux_qemu_with`]), the
    /// stand-in images placed by QEMU's loader; its files are written under
    /// [`Scenario::dir`].
    fn qemu(&self) -> Qemu {
        let plain = || glue_module().unwrap_or_else(|e| panic!("{e}")).ko.clone();
        let driver = self.driver.clone().unwrap_or_else(plain);
        let dir = self.dir();
        std::fs::create_dir_all(&dir).unwrap();
        let mut loaders = Vec::new();
        for (i, (img, base)) in self.images.iter().enumerate() {
            let file = dir.join(format!("stand-in-{i}.bin"));
            std::fs::write(&file, img).unwrap();
            loaders.push("-device".to_string());
            loaders.push(format!("loader,file={},addr={base:#x},force-raw=on", file.display()));
        }
        let mods: Vec<&Path> = self.modules.iter().map(PathBuf::as_path).collect();
        linux_qemu_with(self.name, &driver, self.fragments, &mods, self.cmdline, &loaders)
    }

    fn dir(&self) -> PathBuf {
        linux_run_dir(self.name)
    }

    /// Boots to completion; the kernel log, checked for a finished /init
    /// and for kernel trouble.
    fn boot(&self) -> String {
        let run = self.qemu().run().unwrap_or_else(|e| panic!("{e}"));
        boot_log(self.name, &run)
    }
}

fn has(lines: &[&str], want: &str) -> bool {
    lines.contains(&want)
}

/// The whitespace-separated fields of the first `prefix` line whose first
/// field is `first_field`.
fn line_of<'a>(t: &[&'a str], prefix: &str, first_field: &str) -> Vec<&'a str> {
    t.iter()
        .filter_map(|l| l.strip_prefix(prefix))
        .map(str::trim)
        .find(|l| l.split_whitespace().next() == Some(first_field))
        .map(|l| l.split_whitespace().collect())
        .unwrap_or_default()
}

/// A debugfs `lines` row, by router CPU: rcpu cpu irq stall status ipi_pend
/// ipi_ovr entries claims none spurious foreign budget.
fn line_row<'a>(t: &[&'a str], prefix: &str, rcpu: u32) -> Vec<&'a str> {
    let row = line_of(t, prefix, &rcpu.to_string());
    assert_eq!(row.len(), 13, "{prefix} router CPU {rcpu}: {row:?}");
    row
}

/// The counters of a `lines` row: entries claims none spurious foreign budget.
fn counters<'a, 'b>(row: &'b [&'a str]) -> &'b [&'a str] {
    &row[7..13]
}

/// A debugfs `stall` row by Linux CPU: cpu rcpu stall.
fn stall_row<'a>(t: &[&'a str], prefix: &str, cpu: u32) -> Vec<&'a str> {
    line_of(t, prefix, &cpu.to_string())
}

fn hex(v: &str) -> u32 {
    u32::from_str_radix(v.trim().trim_start_matches("0x").trim_start_matches("0X"), 16)
        .unwrap_or_else(|e| panic!("{v}: {e}"))
}

/// GICD_ITARGETSR bytes of IDs 125..128, the in-band lines of router CPUs
/// 0..3, from an `itargets` report.
fn targets(t: &[&str], key: &str) -> [u32; 4] {
    let w: Vec<u32> = t
        .iter()
        .find_map(|l| l.strip_prefix(key).and_then(|r| r.strip_prefix(' ')))
        .unwrap_or_else(|| panic!("no {key}: {t:#?}"))
        .split_whitespace()
        .map(hex)
        .collect();
    [w[0] >> 8 & 0xff, w[0] >> 16 & 0xff, w[0] >> 24, w[1] & 0xff]
}

/// Per-CPU counts (CPU0..3) of the /proc/interrupts row ending in `name`.
fn proc_counts(t: &[&str], prefix: &str, name: &str) -> Vec<u64> {
    t.iter()
        .filter_map(|l| l.strip_prefix(prefix))
        .find(|l| l.trim_end().ends_with(name))
        .map(|l| {
            l.split_whitespace()
                .skip(1)
                .take(4)
                .map(|n| n.parse().unwrap())
                .collect()
        })
        .unwrap_or_else(|| panic!("no {name} in {prefix}: {t:#?}"))
}

fn failed(t: &[&str], cmd_part: &str) -> bool {
    t.iter()
        .any(|l| l.starts_with("failed (") && l.contains(cmd_part))
}

/// The in-band line of router CPU `rcpu` could not be moved from user space.
fn unmovable(t: &[&str], rcpu: u32) -> bool {
    let no_entry = format!("line of router CPU {rcpu} (irq ");
    t.iter().any(|l| l.starts_with(&no_entry) && l.ends_with("no /proc/irq entry"))
        || t.iter().any(|l| l.starts_with("failed (") && l.contains("/smp_affinity") && l.contains("echo 4 > /proc/irq/"))
}

fn ok(t: &[&str], cmd_part: &str) -> bool {
    t.iter().any(|l| l.starts_with("ok: ") && l.contains(cmd_part))
}

/// The scenario: on QEMU the PL window reads as zero, so the router
/// node at the SVD's address must be refused by the identity check, with
/// exactly our message and nothing else, and the module must unload.
#[test]
fn identity_check_fails_cleanly_without_a_router() {
    let log = Scenario {
        name: "real",
        driver: None,
        cmdline: "",
        fragments: &["router-real.dtsi"],
        modules: vec![],
        images: vec![],
    }
    .boot();
    let t = test_lines(&log);
    // dev_err_probe() puts the errno before the message.
    let expected =
        "irq-router a0000000.interrupt-controller: error -ENODEV: no irq router here: ID reads \
                    0x00000000, expected 0x49525152 (\"IRQR\"); is the PL configured?";
    let hits: Vec<&str> = log
        .lines()
        .filter(|l| l.contains("irq-router a0000000"))
        .collect();
    assert_eq!(
        hits.len(),
        1,
        "expected exactly one message from the device, got:\n{}",
        hits.join("\n")
    );
    assert!(
        hits[0].ends_with(expected),
        "got:\n{}\nwant a line ending in:\n{expected}",
        hits[0]
    );
    assert!(has(&t, "ok: insmod /lib/modules/irq-router.ko"), "{t:#?}");
    assert!(has(&t, "bound: 0"), "the device must stay unbound: {t:#?}");
    assert!(
        has(&t, "debugfs: "),
        "no per-device debugfs may remain: {t:#?}"
    );
    assert!(has(&t, "interrupts: 0"), "no router IRQ may exist: {t:#?}");
    assert!(has(&t, "ok: rmmod irq_router"), "{t:#?}");
    assert!(has(&t, "loaded after rmmod: 0"), "{t:#?}");
    assert!(
        !log.contains("probe of a0000000.interrupt-controller failed"),
        "{log}"
    );
}

fn gpio_keys() -> PathBuf {
    let k = Kernel::get().unwrap_or_else(|e| panic!("{e}"));
    k.modules
        .join("kernel/drivers/input/keyboard/gpio_keys.ko")
}

fn ipi_consumer() -> PathBuf {
    ipi_consumer_module()
        .unwrap_or_else(|e| panic!("{e}"))
        .ko
        .clone()
}

/// A stand-in router in OCM (see dt/router-fake.dtsi, src/fake.rs) so that
/// probe succeeds: the domain serves ordinary consumers (gpio-keys) with the
/// DT trigger types, the chained handlers run when the GIC raises the lines
/// and stay bounded, IPIs reach their CPU's consumer, debugfs reads the
/// right registers, and everything is undone on rmmod (twice). What it does
/// not prove: anything about the router hardware (RAM does not clear on
/// claim nor react to STALL).
#[test]
fn fake_router_probe_domain_handlers_debugfs_and_teardown() {
    let log = Scenario {
        name: "fake",
        driver: None,
        cmdline: "",
        fragments: &["router-fake.dtsi", "router-fake-bad.dtsi"],
        modules: vec![gpio_keys(), ipi_consumer()],
        images: vec![
            (fake::image(), fake::BASE),
            (fake::image(), fake::BASE_SMALL_WINDOW),
            (fake::image_no_lines(), fake::BASE_NO_LINES),
            (fake::image_v2(), fake::BASE_V2),
        ],
    }
    .boot();
    let t = test_lines(&log);
    let dev = "irq-router fffc0000.interrupt-controller: ";

    // Probe: identity, HWCFG decoded; what the hardware says is wrong is said.
    assert!(
        log.contains(&format!(
            "{dev}IRQR v1.1: {} sources, {} CPUs (4 in-band lines), {} IPI vectors, {}-bit timestamps",
            fake::NSRC, fake::NCPU, fake::NIPI, fake::TSW
        )),
        "probe message missing:\n{log}"
    );
    assert!(has(&t, "debugfs: fffc0000.interrupt-controller "), "{t:#?}");
    // ERR flags left by someone else are reported, and readable in debugfs.
    assert_eq!(
        log.matches(&format!("{dev}ERR reads 0x{:08x} (BAD_COMPLETE) before Linux wrote anything", fake::ERR)).count(),
        2,
        "ERR must be reported at each probe:\n{log}"
    );
    assert_eq!(line_of(&t, "errors|", "0x00000008"), ["0x00000008", "BAD_COMPLETE"]);
    // A line held low by its oob stage is reported (only router CPU 0's).
    let held = "in-band line of router CPU 0 is held low while its oob stage is stalled; \
                the firmware must unstall it";
    assert!(log.contains(&format!("{dev}{held}")), "{log}");
    assert!(!log.contains("router CPU 1 is held low"), "{log}");

    // Bad nodes refused with a clear message, the same on reload (so the
    // failed probe released what it had taken, e.g. its register regions).
    for (dev, msg) in [
        (
            "fffe0000",
            "error -EINVAL: \"inband\" window [mem 0xfffe8000-0xfffe9fff] too small for router CPU 3",
        ),
        (
            "fffd0000",
            "error -EINVAL: no in-band lines in \"interrupts\"",
        ),
        (
            "ffff0000",
            "error -ENODEV: register interface version 2.0 unsupported (driver: 1.1 and later 1.x)",
        ),
        (
            "fffd1000",
            "error -EINVAL: \"global\" window [mem 0xfffd1000-0xfffd10ff] smaller than 4096 bytes",
        ),
        (
            "fffd2000",
            "error -EINVAL: interrupt \"inband7\" names no in-band line of router CPUs 0..3",
        ),
    ] {
        let prefix = format!("irq-router {dev}.interrupt-controller: ");
        let got: Vec<&str> = log.lines().filter(|l| l.contains(&prefix)).collect();
        assert_eq!(
            got.len(),
            2,
            "{dev}: one message per load expected: {got:#?}"
        );
        for g in &got {
            assert!(
                g.ends_with(&format!("{prefix}{msg}")),
                "{dev}: got {g}\nwant {prefix}{msg}"
            );
        }
    }

    // The domain: consumers named sources 5 (rising edge) and 6 (high
    // level) through interrupt-parent/interrupts and got Linux IRQs; the
    // IPI consumer got one IRQ per CPU for vector 2.
    let proc: Vec<&str> = t.iter().filter_map(|l| l.strip_prefix("proc| ")).collect();
    let find = |chip: &str, hw: &str, trig: &str, name: &str| {
        proc.iter().any(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            f.windows(4).any(|w| w == [chip, hw, trig, name])
        })
    };
    assert!(
        find("irq-router", "5", "Edge", "router-src5"),
        "source 5 not an edge IRQ of the domain: {proc:#?}"
    );
    assert!(
        find("irq-router", "6", "Level", "router-src6"),
        "source 6 not a level IRQ of the domain: {proc:#?}"
    );
    for c in 0..4u32 {
        // hwirq 0x100 + 16 * router CPU + vector
        let hw = (0x100 + 16 * c + 2).to_string();
        let name = format!("router-ipi2-cpu{c}");
        assert!(
            proc.iter().any(|l| l.contains(&format!("irq-router-ipi {hw} ")) && l.ends_with(&name)),
            "IPI 2 of CPU{c} (hwirq {hw}) missing: {proc:#?}"
        );
    }
    assert_eq!(
        proc.len(),
        6,
        "only sources 5, 6 and four IPIs may be mapped (7 is oob): {proc:#?}"
    );
    assert!(
        log.contains("ipi-consumer: bad vector: -22, bad CPU: -6"),
        "{log}"
    );
    // ... and SRC_CFG: the driver changes it by masked writes (interface
    // 1.1: one write per change, naming only its fields); the RAM standing
    // in for the router keeps each write whole instead of merging it, so
    // here only what every write carries (STAGE in-band) can be checked,
    // the trigger in /proc/interrupts above, and the merging on the RTL
    // (tests/router.rs, hdl/sim directed_trustzone).
    for src in ["5", "6"] {
        let s = line_of(&t, "sources-before|", src);
        assert_eq!(s.get(2), Some(&"inband"), "never STAGE = oob: {s:?}");
    }
    // The oob source was refused, the firmware's configuration untouched.
    let s7 = line_of(&t, "sources-before|", "7");
    assert_eq!(s7.get(1..3), Some(&["1", "oob"][..]), "{s7:?}");
    assert!(
        log.contains("source 7 is routed to the oob stage; Linux may not use it"),
        "{log}"
    );
    // A trigger type the router cannot detect is refused, with a message.
    assert!(
        log.contains("irq-router: /interrupt-controller@fffc0000: source 8: trigger type 2 unsupported (rising edge or high level only)"),
        "{log}"
    );
    let s8 = line_of(&t, "sources-before|", "8");
    assert_eq!(s8.get(1), Some(&"0"), "source 8 must stay disabled: {s8:?}");

    // Pending and overrun columns come from SRC_PEND and OVERRUN.
    let s5 = line_of(&t, "sources-before|", "5");
    assert_eq!(s5.get(6), Some(&"1"), "pend of source 5: {s5:?}");
    assert_eq!(
        s5.get(9),
        Some(&fake::SRC5_OVERRUN.to_string().as_str()),
        "overrun of source 5: {s5:?}"
    );

    // The lines, after each was raised once.
    let budget = "32";
    for c in 0..4u32 {
        let l = line_row(&t, "lines|", c);
        assert_eq!(l[1], c.to_string(), "router CPU {c} is CPU{c}'s: {l:?}");
        assert_eq!(l[3], "0", "CPU{c} must have opened its page: {l:?}");
        assert_eq!(l[7], "1", "router CPU {c}'s line ran its handler once: {l:?}");
        assert_eq!(l[11], "0", "nothing foreign on router CPU {c}: {l:?}");
    }
    assert_eq!(
        counters(&line_row(&t, "lines|", 0)),
        ["1", "0", "1", "0", "0", "0"],
        "CPU0: an empty claim counts as none"
    );
    assert_eq!(
        counters(&line_row(&t, "lines|", 1)),
        ["1", budget, "0", "0", "0", "1"],
        "CPU1: endless claims stop at the budget"
    );
    assert_eq!(
        counters(&line_row(&t, "lines|", 2)),
        ["1", budget, "0", budget, "0", "1"],
        "CPU2: invalid IDs are spurious"
    );
    assert_eq!(
        counters(&line_row(&t, "lines|", 3)),
        ["1", budget, "0", "0", "0", "1"],
        "CPU3: its IPI is dispatched to its consumer"
    );
    // Each in-band line targets its own CPU at the GIC.
    assert_eq!(
        targets(&t, "itargets"),
        [1, 2, 4, 8],
        "in-band lines not pinned to CPU0..3"
    );
    // ... and user space (irqbalance) cannot move them: Debian's 6.1 gives
    // an IRQ mapped after boot and never requested no /proc/irq entry at
    // all; where a kernel does, IRQ_NO_BALANCING refuses the write.
    assert!(
        unmovable(&t, 1),
        "the line of router CPU 1 was moved from user space: {t:#?}"
    );
    assert_eq!(targets(&t, "itargets-after-move"), [1, 2, 4, 8]);

    // CPU hotplug: while CPU1 is offline its page is stalled and its line,
    // moved by the kernel, claims nothing where it lands; back online the
    // line is pinned to CPU1 again and the page opened.
    let off = targets(&t, "itargets-cpu1-off")[1];
    assert!(
        off != 0 && off & 2 == 0,
        "CPU1's line still targets CPU1 while offline: {off:#x}"
    );
    assert_eq!(stall_row(&t, "stall-cpu1-off|", 1), ["1", "1", "1"], "{t:#?}");
    assert_eq!(stall_row(&t, "stall-cpu1-off|", 0), ["0", "0", "0"], "{t:#?}");
    assert_eq!(
        counters(&line_row(&t, "lines-cpu1-off|", 1)),
        ["2", budget, "0", "0", "1", "1"],
        "CPU1 offline: its line's late entry elsewhere is foreign, no claim"
    );
    assert_eq!(targets(&t, "itargets-cpu1-on")[1], 2, "CPU1's line not pinned back");
    assert_eq!(stall_row(&t, "stall-cpu1-on|", 1), ["1", "1", "0"], "{t:#?}");

    // CPU1's claims were dispatched to the gpio-keys handler of source 5,
    // CPU3's to its own IPI consumer: /proc/interrupts counts them.
    let s5 = line_of(&t, "sources|", "5");
    assert_eq!(s5.get(8), Some(&budget), "count of source 5: {s5:?}");
    assert_eq!(proc_counts(&t, "proc-after| ", "router-src5"), [0, 32, 0, 0]);
    assert_eq!(proc_counts(&t, "proc-after| ", "router-ipi2-cpu3"), [0, 0, 0, 32]);
    for c in 0..3 {
        assert_eq!(
            proc_counts(&t, "proc-after| ", &format!("router-ipi2-cpu{c}")),
            [0, 0, 0, 0]
        );
    }

    // The stall knob wrote the page of the writer's CPU, and opened it again.
    assert_eq!(stall_row(&t, "stall-stalled|", 0), ["0", "0", "1"], "{t:#?}");
    assert_eq!(stall_row(&t, "stall-stalled|", 1), ["1", "1", "0"], "{t:#?}");
    assert_eq!(stall_row(&t, "stall-after|", 0), ["0", "0", "0"], "{t:#?}");

    // Latency statistics straight from LAT_LAST, LAT_MAX and HIST.
    for c in 0..fake::NCPU {
        let l = line_of(&t, "latency|", &c.to_string());
        let mut want = vec![
            c.to_string(),
            fake::lat_last(c).to_string(),
            fake::lat_max(c).to_string(),
        ];
        want.extend((0..16).map(|b| fake::hist(c, b).to_string()));
        assert_eq!(l, want, "latency of CPU{c}");
    }

    // Affinity moves the source in SRC_CFG.
    let moved = line_of(&t, "sources-moved|", "5");
    assert_eq!(
        moved.get(5),
        Some(&"1"),
        "source 5 must be routed to CPU1 now: {moved:?}"
    );
    // The lazily disabled source: its events while disabled, and the resend.
    assert!(ok(&t, "echo 256 > /sys/devices/platform/router-keys/disabled_keys"), "{t:#?}");
    assert!(ok(&t, "echo > /sys/devices/platform/router-keys/disabled_keys"), "{t:#?}");
    assert_eq!(
        proc_counts(&t, "proc-resend| ", "router-src5").iter().sum::<u64>(),
        32 + 1,
        "the first 32 claims, then (claims while disabled are not counted) one software resend"
    );

    // IPI input checking: bad vector, bad CPU, junk refused; a good one accepted.
    for bad in ["'1 99'", "'100 1'", "'junk'"] {
        assert!(failed(&t, bad), "{bad} must be refused: {t:#?}");
    }
    assert!(ok(&t, "'3 1'"), "{t:#?}");
    assert_eq!(
        log.matches("write error: Invalid argument").count(),
        3,
        "{log}"
    );

    // Teardown: pinned while consumers hold IRQs, gone once they let go,
    // and loadable again. The IPI consumer saw its IPIs on its CPU only.
    let rm: Vec<&&str> = t
        .iter()
        .filter(|l| l.ends_with("rmmod irq_router"))
        .collect();
    assert!(
        rm.len() == 3
            && rm[0].starts_with("failed (")
            && rm[1].starts_with("ok: ")
            && rm[2].starts_with("ok: "),
        "{rm:?}"
    );
    // EAGAIN: the module's reference count, held by the requested IRQs.
    assert!(
        log.contains("can't unload module 'irq_router': Resource temporarily unavailable"),
        "{log}"
    );
    assert!(has(&t, "ok: rmmod gpio_keys"), "{t:#?}");
    assert!(has(&t, "ok: rmmod ipi_consumer"), "{t:#?}");
    for (c, runs) in [(0, 0), (1, 0), (2, 0), (3, 32)] {
        assert!(
            log.lines().any(|l| l.contains(&format!("ipi-consumer: CPU{c} irq "))
                && l.ends_with(&format!("runs {runs} wrong-cpu 0"))),
            "CPU{c}'s IPI: {runs} runs on its own CPU expected:\n{log}"
        );
    }
    assert!(has(&t, "after rmmod: debugfs=0 interrupts=0"), "{t:#?}");

    // What the driver last wrote, read back from OCM after unloading.
    let reg = |addr: &str| -> String {
        let p = format!("reg {addr} ");
        t.iter()
            .find_map(|l| l.strip_prefix(&p))
            .unwrap_or_else(|| panic!("no read of {addr}: {t:#?}"))
            .to_ascii_lowercase()
    };
    // IPI_SEND of page 0: CPUMASK 3, VECTOR 1, STAGE oob, from `echo '3 1'`.
    assert_eq!(reg("0xfffc8010"), "0x01010003", "IPI_SEND");
    // COMPLETE goes to the page of the source's routing: page 0 while
    // source 5 was routed to CPU0, page 1 for its claims while disabled.
    // The software resend, with the source routed to CPU2, completes
    // nothing: the router delivered no new event.
    assert_eq!(reg("0xfffc8004"), "0x00000005", "page 0 COMPLETE");
    assert_eq!(reg("0xfffc9004"), "0x00000005", "page 1 COMPLETE");
    assert_eq!(
        reg("0xfffca004"),
        "0x00000000",
        "page 2 COMPLETE: the resend of a lazily disabled edge source completed it again"
    );
    // Unload stalls every page (their reset state).
    for a in ["0xfffc8008", "0xfffc9008", "0xfffca008", "0xfffcb008"] {
        assert_eq!(reg(a), "0x00000001", "STALL at {a} after unload");
    }
    // SRC_CFG: the last write to 5 and 6 disabled them, naming EN alone
    // (WE_EN, EN = 0: a router keeps every other field, the RAM standing in
    // for it keeps the write whole); 7 (oob) exactly as the firmware left it.
    assert_eq!(reg("0xfffc0114"), "0x00010000", "SRC_CFG[5]");
    assert_eq!(reg("0xfffc0118"), "0x00010000", "SRC_CFG[6]");
    assert_eq!(reg("0xfffc011c"), "0x00000003", "SRC_CFG[7]");
    assert!(
        has(&t, "reloaded: fffc0000.interrupt-controller "),
        "{t:#?}"
    );
}

/// Linux's CPU numbers are not the router's, and Linux owns only router
/// CPUs 1..3 (dt/router-remap.dtsi): Linux CPU1 is core 3, CPU3 is core 1,
/// CPU0 (core 0) owns no line. Each line must be pinned to the core of its
/// router CPU, drain only its own page, and give its IPIs to that CPU;
/// page 0 must never be claimed from.
#[test]
fn lines_follow_the_device_tree_cpu_association() {
    let log = Scenario {
        name: "remap",
        driver: None,
        cmdline: "",
        fragments: &["router-remap.dtsi"],
        modules: vec![gpio_keys(), ipi_consumer()],
        images: vec![(fake::image_remap(), fake::BASE)],
    }
    .boot();
    let t = test_lines(&log);
    for (c, node) in [(0, "cpu@0"), (1, "cpu@1"), (2, "cpu@2"), (3, "cpu@3")] {
        assert!(has(&t, &format!("cpu{c} node {node}")), "{t:#?}");
    }
    assert!(
        log.contains("IRQR v1.1: 32 sources, 4 CPUs (3 in-band lines), 8 IPI vectors"),
        "{log}"
    );
    // rcpu -> Linux CPU, as the device tree says.
    for (rcpu, cpu) in [(1, "3"), (2, "2"), (3, "1")] {
        assert_eq!(line_row(&t, "lines|", rcpu)[1], cpu, "router CPU {rcpu}");
    }
    assert!(line_of(&t, "lines|", "0").is_empty(), "router CPU 0 is not Linux's");
    // At the GIC, router CPU c's line targets core c (CPU interface c),
    // whatever Linux calls it.
    let it = targets(&t, "itargets");
    assert_eq!(&it[1..], [2, 4, 8], "lines not on the cores of their router CPUs: {it:?}");
    // Each line drained its own page: IPI 2 on router CPUs 1 and 2, source 6
    // on router CPU 3; source 5 (page 0's) was never claimed.
    for rcpu in 1..4 {
        let l = line_row(&t, "lines|", rcpu);
        assert_eq!(counters(&l), ["1", "32", "0", "0", "0", "1"], "router CPU {rcpu}: {l:?}");
    }
    assert_eq!(line_of(&t, "sources|", "5").get(8), Some(&"0"), "page 0 was claimed");
    assert_eq!(line_of(&t, "sources|", "6").get(8), Some(&"32"));
    // The two claims of vector 2 ran two descriptors, each on its own CPU.
    assert_eq!(proc_counts(&t, "proc| ", "router-ipi2-cpu3"), [0, 0, 0, 32]);
    assert_eq!(proc_counts(&t, "proc| ", "router-ipi2-cpu2"), [0, 0, 32, 0]);
    assert_eq!(proc_counts(&t, "proc| ", "router-ipi2-cpu1"), [0, 0, 0, 0]);
    assert!(log.contains("ipi-consumer: CPU0 vector 2: irq -6"), "CPU0 has no IPIs:\n{log}");
    for (c, runs) in [(1, 0), (2, 32), (3, 32)] {
        assert!(
            log.lines().any(|l| l.contains(&format!("ipi-consumer: CPU{c} irq "))
                && l.ends_with(&format!("runs {runs} wrong-cpu 0"))),
            "CPU{c}'s IPI: {runs} runs on its own CPU expected:\n{log}"
        );
    }
    // Linux CPU1 stalls router page 3; CPU0 has no page to stall.
    assert_eq!(stall_row(&t, "stall-cpu1|", 1), ["1", "3", "1"], "{t:#?}");
    assert_eq!(stall_row(&t, "stall-cpu1|", 3), ["3", "1", "0"], "{t:#?}");
    assert!(failed(&t, "taskset 1 sh -c echo 1 >"), "{t:#?}");
    // Source 6 cannot go to CPU0; on CPU3 it is routed to router CPU 1, on
    // CPU1 to router CPU 3.
    assert!(failed(&t, "echo 1 > /proc/irq/"), "{t:#?}");
    assert!(ok(&t, "echo 8 > /proc/irq/"), "{t:#?}");
    assert_eq!(line_of(&t, "sources-cpu3|", "6").get(5), Some(&"1"));
    assert!(ok(&t, "echo 2 > /proc/irq/"), "{t:#?}");
    assert_eq!(line_of(&t, "sources-cpu1|", "6").get(5), Some(&"3"));
    assert!(unmovable(&t, 3), "a parent line was moved: {t:#?}");
    // CPU2 offline: page 2 stalled, a late entry claims nothing; back online.
    assert_eq!(stall_row(&t, "stall-cpu2-off|", 2), ["2", "2", "1"], "{t:#?}");
    assert_eq!(
        counters(&line_row(&t, "lines-cpu2-off|", 2)),
        ["2", "32", "0", "0", "1", "1"]
    );
    assert_eq!(targets(&t, "itargets-cpu2-on")[2], 4);
    assert_eq!(stall_row(&t, "stall-cpu2-on|", 2), ["2", "2", "0"], "{t:#?}");
    for m in ["gpio_keys", "ipi_consumer", "irq_router"] {
        assert!(has(&t, &format!("ok: rmmod {m}")), "{t:#?}");
    }
}

/// A qtest connection to a running QEMU: writes to guest memory from
/// outside, as a reset of the PL would change the router's registers.
struct Qtest(BufReader<UnixStream>);

impl Qtest {
    fn cmd(&mut self, c: &str) {
        let s = self.0.get_mut();
        writeln!(s, "{c}").unwrap();
        let mut reply = String::new();
        self.0.read_line(&mut reply).unwrap();
        assert!(reply.starts_with("OK"), "qtest {c}: {reply}");
    }
}

fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < BOOT_TIMEOUT, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Suspend to idle with the stand-in's registers reset behind the kernel's
/// back (by QEMU's qtest, as a PL reset would): on resume the driver puts
/// back the configuration of Linux's sources and opens the pages again. The
/// wakeup comes through the router: CPU1's line, whose page claims source
/// 5, a wakeup source. Source 6 is a wakeup source that never fires: the
/// kernel's resume unmasks the sources it masked or disabled for suspend
/// (which rewrites their SRC_CFG anyway), not an armed wake source, so
/// source 6 is the one that fails if the driver's resume restores nothing.
#[test]
fn suspend_resume_restores_what_a_pl_reset_lost() {
    let scenario = Scenario {
        name: "suspend",
        driver: None,
        // The driver's dev_dbg() resume report (enabled by its dyndbg=+p).
        cmdline: "loglevel=8",
        fragments: &["router-fake.dtsi", "router-wake.dtsi"],
        modules: vec![gpio_keys()],
        images: vec![(fake::image(), fake::BASE)],
    };
    let dir = scenario.dir();
    let sock = dir.join("qtest.sock");
    std::fs::create_dir_all(&dir).unwrap();
    let _ = std::fs::remove_file(&sock);
    let listener = UnixListener::bind(&sock).unwrap();
    let mut qemu = scenario
        .qemu()
        .args(["-accel", "tcg", "-qtest"])
        .args([format!("unix:{}", sock.display())])
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    listener.set_nonblocking(true).unwrap();
    let mut conn = None;
    wait_for("QEMU's qtest connection", || {
        conn = listener.accept().ok().map(|(s, _)| s);
        conn.is_some()
    });
    let conn = conn.unwrap();
    conn.set_nonblocking(false).unwrap();
    conn.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let mut qt = Qtest(BufReader::new(conn));

    wait_for("the guest to suspend", || {
        assert!(qemu.is_running(), "QEMU exited:\n{}", qemu.serial_text(0));
        qemu.serial_text(0).contains("IRQR-TEST: suspending")
    });
    // The registers a PL reset brings back to their reset values.
    let global = fake::BASE;
    for src in [5u64, 6] {
        qt.cmd(&format!("writel {:#x} 0x0", global + 0x100 + 4 * src));
    }
    for page in 0..4u64 {
        qt.cmd(&format!("writel {:#x} 0x1", global + 0x8000 + 0x1000 * page + 8));
    }
    // Pulse CPU1's line (SPI 94, GIC input 94) until the guest is back: a
    // second high, then low (on RAM every claim returns source 5, so a line
    // left high would keep CPU1 busy for ever). A qtest write to the
    // distributor has no CPU to bank it by, which QEMU's GIC needs, so the
    // line is driven as the PL would drive it.
    wait_for("the guest to wake up", || {
        qt.cmd("set_irq_in /machine/soc/gic unnamed-gpio-in 94 1");
        std::thread::sleep(Duration::from_secs(1));
        qt.cmd("set_irq_in /machine/soc/gic unnamed-gpio-in 94 0");
        std::thread::sleep(Duration::from_secs(1));
        qemu.serial_text(0).contains("IRQR-TEST: resumed")
    });
    wait_for("the guest to power off", || !qemu.is_running());
    let log = qemu.serial_text(0);
    eprintln!("--- suspend, serial in {} ---\n{}", dir.display(), test_lines(&log).join("\n"));
    check_finished(&log, "");
    let t = test_lines(&log);
    assert!(ok(&t, "echo freeze > /sys/power/state"), "{log}");
    assert!(log.contains("PM: suspend exit"), "{log}");
    // Before: source 5 on CPU0 (edge, the wakeup source), 6 moved to CPU2.
    // The driver changes SRC_CFG by masked writes (interface 1.1), which the
    // RAM standing in for the router keeps whole instead of merging: before
    // the suspend it shows only the fields of the last write.
    let before5 = line_of(&t, "sources-before|", "5");
    let before6 = line_of(&t, "sources-before|", "6");
    assert_eq!(before5.get(2), Some(&"inband"), "{before5:?}");
    assert_eq!(before6.get(2), Some(&"inband"), "{before6:?}");
    // After: resume writes Linux's whole record of each source back,
    // although the host cleared both meanwhile (SRC_CFG = 0: disabled);
    // then the core's unmask, a masked write of EN, is what the RAM shows
    // last. So here: enabled and in-band again. That the record carries the
    // trigger and CPU (edge/CPU0, level/CPU2) needs a router that merges
    // masked writes: not checked on the RAM stand-in (issue 12, left to do:
    // the same suspend on the RTL through the bridge).
    for (src, before) in [("5", &before5), ("6", &before6)] {
        let after = line_of(&t, "sources-after|", src);
        assert_eq!(after.get(1..3), Some(&["1", "inband"][..]), "source {src} not re-enabled: {after:?} (before {before:?})");
    }
    for c in 0..4u32 {
        assert_eq!(stall_row(&t, "stall-before|", c).get(2), Some(&"0"));
        assert_eq!(
            stall_row(&t, "stall-after|", c).get(2),
            Some(&"0"),
            "CPU{c}'s page left stalled after resume: {t:#?}"
        );
    }
    assert!(
        log.contains("irq-router fffc0000.interrupt-controller: resumed: 2 sources restored, pages reopened"),
        "{log}"
    );
}

/// Instructions per `local_irq_save()`/`local_irq_restore()` pair, with and
/// without the stall mirror, counted under `-icount shift=0` (one guest
/// instruction, one nanosecond of virtual time) on one CPU. A stock kernel
/// has no Dovetail stage primitives to patch: the bench module calls the
/// mirror's hooks after the native save and restore, as the patched
/// primitives call them after changing the stall bit, with the mirror
/// compiled into the driver (see modules/mirror-bench, modules/stock-
/// mirror.h). The difference is what the patch adds to each pair on a
/// Dovetail kernel; linux-glue/patches/README.md has the same figures from
/// a Dovetail kernel built with the patch.
#[test]
fn mirror_cost_per_irqflags_pair() {
    let bench = mirror_bench_module().unwrap_or_else(|e| panic!("{e}"));
    let driver = mirror_module().unwrap_or_else(|e| panic!("{e}"));
    let scenario = Scenario {
        name: "bench",
        cmdline: "maxcpus=1",
        driver: Some(driver.ko.clone()),
        fragments: &["router-fake.dtsi"],
        modules: vec![bench.ko.clone()],
        images: vec![(fake::image(), fake::BASE)],
    };
    let run = scenario
        .qemu()
        .args(["-icount", "shift=0,sleep=off"])
        .run()
        .unwrap_or_else(|e| panic!("{e}"));
    let log = boot_log(scenario.name, &run);
    assert!(has(&test_lines(&log), "mirrored: 1"), "the mirror is not on:\n{log}");
    let figure = |what: &str| -> f64 {
        let key = format!("mirror-bench: {what} ");
        log.lines()
            .find_map(|l| l.find(&key).map(|i| &l[i + key.len()..]))
            .and_then(|r| r.split_whitespace().next())
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("no {what} figure in:\n{log}"))
    };
    let (plain, mirror) = (figure("plain"), figure("mirror"));
    let (plain_off, mirror_off) = (figure("plain-key-off"), figure("mirror-key-off"));
    println!(
        "\n| instructions per local_irq_save/restore pair (QEMU -icount, stock 6.1 kernel) | |\n\
         |---|---|\n\
         | native pair | {plain:.2} |\n\
         | native pair + mirror hooks, router bound (key on) | {mirror:.2} |\n\
         | native pair + mirror hooks, no router (key off) | {mirror_off:.2} |\n\
         | mirror cost, key on (2 posted writes per pair) | {:.2} |\n\
         | mirror cost, key off | {:.2} |\n",
        mirror - plain,
        mirror_off - plain_off
    );
    // Budgets: a handful of instructions per stall change, and the
    // patched-out branches (one NOP each) when no router is bound.
    assert!(mirror - plain <= MIRROR_BUDGET, "mirror costs {} > {MIRROR_BUDGET}", mirror - plain);
    assert!(mirror_off - plain_off <= 2.5, "key off costs {}", mirror_off - plain_off);
}

/// Instructions the mirror may add to one save/restore pair (two calls).
const MIRROR_BUDGET: f64 = 45.0;
