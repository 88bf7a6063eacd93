//! Debian's arm64 kernel on `qemu-system-aarch64 -M xlnx-zcu102` with a
//! busybox initramfs and Debian's ZCU102 device tree plus a router node:
//! the module is inserted, its effect read from the kernel log, removed,
//! and the machine powered off, all under a timeout.

use std::path::Path;

use qemu_linux::{boot_log, fake, linux_qemu, test_lines, Kernel};
use qemu_run::{scratch_dir, QemuRun};

fn boot(
    name: &str,
    fragments: &[&str],
    extra_modules: &[&Path],
    qemu_args: &[String],
) -> (QemuRun, String) {
    let run = linux_qemu(name, fragments, extra_modules, qemu_args)
        .run()
        .unwrap_or_else(|e| panic!("{e}"));
    let log = boot_log(name, &run);
    (run, log)
}

fn has(lines: &[&str], want: &str) -> bool {
    lines.contains(&want)
}

/// The scenario: on QEMU the PL window reads as zero, so the router
/// node at the SVD's address must be refused by the identity check, with
/// exactly our message and nothing else, and the module must unload.
#[test]
fn identity_check_fails_cleanly_without_a_router() {
    let (_run, log) = boot("real", &["router-real.dtsi"], &[], &[]);
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

fn line_of<'a>(t: &[&'a str], prefix: &str, first_field: &str) -> Vec<&'a str> {
    t.iter()
        .filter_map(|l| l.strip_prefix(prefix))
        .map(str::trim)
        .find(|l| l.split_whitespace().next() == Some(first_field))
        .map(|l| l.split_whitespace().collect())
        .unwrap_or_default()
}

/// A stand-in router in OCM (see dt/router-fake.dtsi, src/fake.rs) so that
/// probe succeeds: the domain serves ordinary consumers (gpio-keys) with the
/// DT trigger types, the chained handlers run when the GIC raises the lines
/// and stay bounded, debugfs reads the right registers, and everything is
/// undone on rmmod (twice). What it does not prove: anything about the
/// router hardware (RAM does not clear on claim nor react to STALL).
#[test]
fn fake_router_probe_domain_handlers_debugfs_and_teardown() {
    let k = Kernel::get().unwrap_or_else(|e| panic!("{e}"));
    let dir = scratch_dir("qemu-linux-fake");
    std::fs::create_dir_all(&dir).unwrap();
    let img = dir.join("fake-router.bin");
    std::fs::write(&img, fake::image()).unwrap();
    let img_v2 = dir.join("fake-router-v2.bin");
    std::fs::write(&img_v2, fake::image_v2()).unwrap();
    let gpio_keys = k.modules.join("kernel/drivers/input/keyboard/gpio_keys.ko");
    let loader = |file: &Path, base: u64| {
        [
            "-device".to_string(),
            format!("loader,file={},addr={base:#x},force-raw=on", file.display()),
        ]
    };
    let (_run, log) = boot(
        "fake",
        &["router-fake.dtsi", "router-fake-bad.dtsi"],
        &[&gpio_keys],
        &[
            loader(&img, fake::BASE),
            loader(&img, fake::BASE_SMALL_WINDOW),
            loader(&img, fake::BASE_NO_LINES),
            loader(&img_v2, fake::BASE_V2),
        ]
        .concat(),
    );
    let t = test_lines(&log);

    // Probe: identity, HWCFG decoded.
    assert!(
        log.contains(&format!(
            "irq-router fffc0000.interrupt-controller: IRQR v1.1: {} sources, {} CPUs ({} in-band lines), {} IPI vectors, {}-bit timestamps",
            fake::NSRC, fake::NCPU, fake::NCPU, fake::NIPI, fake::TSW
        )),
        "probe message missing:\n{log}"
    );
    assert!(has(&t, "debugfs: fffc0000.interrupt-controller "), "{t:#?}");

    // Bad nodes refused with a clear message, the same on reload (so the
    // failed probe released what it had taken, e.g. its register regions).
    for (dev, msg) in [
        (
            "fffe0000",
            "error -EINVAL: \"inband\" window [mem 0xfffe8000-0xfffe9fff] too small for 4 CPUs",
        ),
        (
            "fffd0000",
            "error -EINVAL: no in-band lines in \"interrupts\"",
        ),
        (
            "ffff0000",
            "error -ENODEV: register interface version 2.0 unsupported (driver: 1.1 and later 1.x)",
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
    // level) through interrupt-parent/interrupts and got Linux IRQs.
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
    assert!(
        find("irq-router-ipi", "258", "Edge", "router-ipi2"),
        "IPI vector 2 (0x102) not an IRQ of the domain: {proc:#?}"
    );
    assert_eq!(
        proc.len(),
        3,
        "only sources 5, 6 and IPI 2 may be mapped (7 is oob): {proc:#?}"
    );
    // ... and SRC_CFG says so: enabled, in-band, CPU0. The driver changes
    // SRC_CFG by masked writes (interface 1.1: one write per change, only
    // the fields it names); the RAM standing in for the router keeps the
    // last write whole instead of merging its fields, so the trigger (set
    // by an earlier write) is checked in /proc/interrupts above, and here
    // what the last write, the unmask, carried.
    for src in ["5", "6"] {
        let s = line_of(&t, "sources-before|", src);
        assert_eq!(s.get(1..3), Some(&["1", "inband"][..]), "{s:?}");
        assert_eq!(s.get(5), Some(&"0"), "CPU0: {s:?}");
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

    // The lines: cpu irq stall status ipi_pend ipi_ovr entries claims none spurious deferred budget
    let budget = "32";
    let l0 = line_of(&t, "lines|", "0");
    let l1 = line_of(&t, "lines|", "1");
    let l2 = line_of(&t, "lines|", "2");
    let l3 = line_of(&t, "lines|", "3");
    for (c, l) in [&l0, &l1, &l2, &l3].iter().enumerate() {
        assert_eq!(l.len(), 12, "line {c}: {l:?}");
        assert_eq!(l[2], "0", "probe must unstall CPU{c}'s page: {l:?}");
        assert_eq!(
            l[6], "1",
            "CPU{c}'s line must have run its handler once: {l:?}"
        );
        assert_eq!(l[10], "0", "nothing deferred on CPU{c}: {l:?}");
    }
    assert_eq!(
        &l0[7..12],
        ["0", "1", "0", "0", "0"],
        "CPU0: an empty claim counts as none: {l0:?}"
    );
    assert_eq!(
        &l1[7..12],
        [budget, "0", "0", "0", "1"],
        "CPU1: endless claims stop at the budget: {l1:?}"
    );
    assert_eq!(
        &l2[7..12],
        [budget, "0", budget, "0", "1"],
        "CPU2: invalid IDs are spurious: {l2:?}"
    );
    assert_eq!(
        &l3[7..12],
        [budget, "0", "0", "0", "1"],
        "CPU3: a requested IPI is dispatched: {l3:?}"
    );
    // Each in-band line targets its own CPU at the GIC: ITARGETSR bytes of
    // IDs 121..124 (SPI 89..92) are CPU masks 1, 2, 4, 8.
    let it: Vec<u32> = t
        .iter()
        .find_map(|l| l.strip_prefix("itargets "))
        .unwrap_or_else(|| panic!("no ITARGETSR read: {t:#?}"))
        .split_whitespace()
        .map(|w| {
            u32::from_str_radix(w.trim_start_matches("0x").trim_start_matches("0X"), 16).unwrap()
        })
        .collect();
    let targets = [
        it[0] >> 8 & 0xff,
        it[0] >> 16 & 0xff,
        it[0] >> 24,
        it[1] & 0xff,
    ];
    assert_eq!(
        targets,
        [1, 2, 4, 8],
        "in-band lines not pinned to CPU0..3: {it:x?}"
    );
    // CPU hotplug: CPU1's line (ID 122) leaves it while offline and is
    // pinned back when it returns.
    let word = |key: &str| -> u32 {
        let v = t
            .iter()
            .find_map(|l| l.strip_prefix(key))
            .unwrap_or_else(|| panic!("no {key}: {t:#?}"));
        u32::from_str_radix(
            v.trim().trim_start_matches("0x").trim_start_matches("0X"),
            16,
        )
        .unwrap()
    };
    let off = word("itargets-cpu1-off ") >> 16 & 0xff;
    assert!(
        off != 0 && off & 2 == 0,
        "CPU1's line still targets CPU1 while offline: {off:#x}"
    );
    assert_eq!(
        word("itargets-cpu1-on ") >> 16 & 0xff,
        2,
        "CPU1's line not pinned back"
    );

    // CPU1's claims were dispatched to the gpio-keys handler of source 5,
    // CPU3's to the one of IPI vector 2: /proc/interrupts counts them.
    let s5 = line_of(&t, "sources|", "5");
    assert_eq!(s5.get(8), Some(&budget), "count of source 5: {s5:?}");
    let counts: Vec<&str> = t
        .iter()
        .filter_map(|l| l.strip_prefix("proc-after| "))
        .collect();
    let row = |name: &str| -> Vec<&str> {
        counts
            .iter()
            .find(|l| l.ends_with(name))
            .map(|l| l.split_whitespace().collect())
            .unwrap_or_default()
    };
    assert_eq!(
        row("router-src5").get(1..5),
        Some(&["0", budget, "0", "0"][..]),
        "{counts:#?}"
    );
    assert_eq!(
        row("router-ipi2").get(1..5),
        Some(&["0", "0", "0", budget][..]),
        "{counts:#?}"
    );
    assert!(
        t.iter()
            .any(|l| l.starts_with("ok: sh -c echo 2 > /proc/irq/")),
        "{t:#?}"
    );

    // The stall backend: CPU0 stalled through debugfs, its line raised.
    // The handler deferred instead of claiming, STALL was written, and
    // unstall cleared both copies. (On the fake nothing re-raises the
    // line, so the replay itself is not seen here.)
    let s0 = line_of(&t, "lines-stalled|", "0");
    assert_eq!(s0.len(), 12, "{s0:?}");
    assert_eq!(
        s0[2], "1",
        "CPU0's STALL register must read 1 while stalled: {s0:?}"
    );
    assert_eq!(
        &s0[6..12],
        ["2", "0", "1", "0", "1", "0"],
        "CPU0: second entry deferred, no claim: {s0:?}"
    );
    assert_eq!(line_of(&t, "stall-stalled|", "0"), ["0", "1"], "{t:#?}");
    assert_eq!(line_of(&t, "stall-stalled|", "1"), ["1", "0"], "{t:#?}");
    assert_eq!(line_of(&t, "stall-after|", "0"), ["0", "0"], "{t:#?}");
    let u0 = line_of(&t, "lines-unstalled|", "0");
    assert_eq!(
        u0.get(2),
        Some(&"0"),
        "CPU0's STALL register must read 0 after unstall: {u0:?}"
    );

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

    // IPI input checking: bad vector, bad CPU, junk refused; a good one accepted.
    for bad in ["'1 99'", "'100 1'", "'junk'"] {
        assert!(
            t.iter()
                .any(|l| l.starts_with("failed (") && l.contains(bad)),
            "{bad} must be refused: {t:#?}"
        );
    }
    assert!(
        t.iter()
            .any(|l| l.starts_with("ok: ") && l.contains("'3 1'")),
        "{t:#?}"
    );
    assert_eq!(
        log.matches("write error: Invalid argument").count(),
        3,
        "{log}"
    );

    // Teardown: pinned while gpio-keys holds IRQs, gone once it let go, and
    // loadable again.
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
    // COMPLETE goes to the page of the source's routing (CPU0 when source 5
    // was dispatched); page 1 never got one, IPIs are never completed.
    assert_eq!(reg("0xfffc8004"), "0x00000005", "page 0 COMPLETE");
    assert_eq!(reg("0xfffc9004"), "0x00000000", "page 1 COMPLETE");
    // Unload re-stalls every page (their reset state).
    for a in ["0xfffc8008", "0xfffc9008", "0xfffca008", "0xfffcb008"] {
        assert_eq!(reg(a), "0x00000001", "STALL at {a} after unload");
    }
    // SRC_CFG: the last write to 5 and 6 disabled them, naming EN alone
    // (WE_EN, EN = 0: the router keeps every other field); 7 (oob) exactly
    // as the firmware left it.
    assert_eq!(reg("0xfffc0114"), "0x00010000", "SRC_CFG[5]");
    assert_eq!(reg("0xfffc0118"), "0x00010000", "SRC_CFG[6]");
    assert_eq!(reg("0xfffc011c"), "0x00000003", "SRC_CFG[7]");
    assert!(
        has(&t, "reloaded: fffc0000.interrupt-controller "),
        "{t:#?}"
    );
}
