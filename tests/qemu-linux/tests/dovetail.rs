//! A Dovetail kernel built with linux-glue's patch (the driver built in,
//! the stall mirror on) booting on QEMU with the Verilated router: the
//! mirror's bus traffic read from the bridge's record under a syscall-heavy
//! load, and the idle wake on the kernel that really calls it (the patched
//! `irq_cpuidle_enter()`), while the scenario's sources fire into idle CPUs.
//!
//! **By hand, not in CI**: CI cannot fetch a Dovetail tree. Run with
//! `DOVETAIL_TREE=<tree> cargo test -p qemu-linux --test dovetail --
//! --ignored --nocapture` (linux-glue/patches/README.md says which tree
//! and what it printed). The test applies the patch to the tree if it is
//! not applied (`apply.sh`), configures it (`allnoconfig` +
//! `patches/check.config`) and builds `Image` and the consumer module in it.

use qemu_linux::{boot_log, build_module_in, linux_qemu_on, test_lines, workspace_root};
use qemu_run::router::Options;
use router_bridge::record::Access;
use std::path::{Path, PathBuf};
use std::process::Command;

const SCENARIO: &str = "tests/qemu-linux/scenarios/router-inband.toml";
const SOURCES: [u16; 6] = [8, 9, 10, 11, 12, 13];

fn run(cmd: &mut Command) -> Result<String, String> {
    let out = cmd.output().map_err(|e| format!("{cmd:?}: {e}"))?;
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    if out.status.success() {
        Ok(text)
    } else {
        Err(format!("{cmd:?} failed ({}):\n{text}", out.status))
    }
}

fn kmake(tree: &Path) -> Command {
    let mut c = Command::new("make");
    c.arg("-C").arg(tree).args(["ARCH=arm64", "CROSS_COMPILE=aarch64-linux-gnu-"]);
    c
}

/// `VERSION.PATCHLEVEL` of the tree's top Makefile.
fn tree_version(tree: &Path) -> Result<(u32, u32), String> {
    let mk = std::fs::read_to_string(tree.join("Makefile")).map_err(|e| format!("{}: {e}", tree.display()))?;
    let field = |k: &str| {
        mk.lines()
            .find_map(|l| l.strip_prefix(k)?.trim().strip_prefix('=')?.trim().parse().ok())
            .ok_or_else(|| format!("no {k} in {}/Makefile", tree.display()))
    };
    Ok((field("VERSION")?, field("PATCHLEVEL")?))
}

/// Patches, configures and builds the tree; returns its `Image`.
fn build_kernel(tree: &Path) -> Result<PathBuf, String> {
    let glue = workspace_root().join("linux-glue");
    println!("{}", run(Command::new("sh").arg(glue.join("patches/apply.sh")).arg(tree))?.trim_end());
    if tree_version(tree)? < (5, 17) {
        // Three helpers the driver uses are newer than the tree.
        let irqchip = tree.join("drivers/irqchip");
        std::fs::copy(glue.join("patches/compat-5.13.h"), irqchip.join("irq-router-compat.h")).map_err(|e| e.to_string())?;
        let mk = std::fs::read_to_string(irqchip.join("Makefile")).map_err(|e| e.to_string())?;
        let line = "CFLAGS_irq-router.o := -include $(srctree)/drivers/irqchip/irq-router-compat.h";
        if !mk.contains(line) {
            std::fs::write(irqchip.join("Makefile"), format!("{mk}{line}\n")).map_err(|e| e.to_string())?;
        }
    }
    let fragment = glue.join("patches/check.config");
    run(kmake(tree).arg("allnoconfig"))?;
    run(Command::new(tree.join("scripts/kconfig/merge_config.sh"))
        .current_dir(tree)
        .env("ARCH", "arm64")
        .env("CROSS_COMPILE", "aarch64-linux-gnu-")
        .args(["-m", ".config"])
        .arg(&fragment))?;
    run(kmake(tree).arg("olddefconfig"))?;
    let config = std::fs::read_to_string(tree.join(".config")).map_err(|e| e.to_string())?;
    for want in std::fs::read_to_string(&fragment).unwrap().lines().filter(|l| l.starts_with("CONFIG_")) {
        if !config.lines().any(|l| l == want) {
            return Err(format!("{want} did not stick in {}/.config (missing dependency?)", tree.display()));
        }
    }
    let jobs = std::thread::available_parallelism().map_or(1, |n| n.get());
    let log = run(kmake(tree).arg(format!("-j{jobs}")).args(["Image", "modules"]))?;
    let warnings: Vec<&str> = log.lines().filter(|l| l.contains("irq-router") && l.contains("warning")).collect();
    println!("driver warnings in the tree build: {warnings:#?}");
    Ok(tree.join("arch/arm64/boot/Image"))
}

/// Router accesses between two records of the phase markers.
struct Phase<'a> {
    name: &'static str,
    ns: u64,
    accesses: &'a [&'a Access],
}

impl Phase<'_> {
    fn stall_writes(&self, value: Option<u32>) -> usize {
        self.accesses
            .iter()
            .filter(|a| a.write && in_band_offset(a) == Some(irq_router_layout::PAGE_STALL_OFFSET))
            .filter(|a| value.is_none_or(|v| a.data == v))
            .count()
    }

    fn per_s(&self, n: usize) -> f64 {
        n as f64 * 1e9 / self.ns as f64
    }
}

fn in_band_offset(a: &Access) -> Option<u32> {
    let l = irq_router_layout::INBAND_BASE;
    let off = a.addr.checked_sub(l)?;
    (off < 4 * irq_router_layout::PAGE_STRIDE).then_some(off % irq_router_layout::PAGE_STRIDE)
}

#[test]
#[ignore = "by hand: needs DOVETAIL_TREE=<Dovetail kernel tree> (linux-glue/patches/README.md)"]
fn a_dovetail_kernel_with_the_patch_on_the_real_rtl() {
    let tree = PathBuf::from(std::env::var("DOVETAIL_TREE").unwrap_or_else(|_| {
        panic!("set DOVETAIL_TREE to a Dovetail kernel tree; linux-glue/patches/README.md says which")
    }));
    let image = build_kernel(&tree).unwrap_or_else(|e| panic!("{e}"));
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let consumer = build_module_in(
        &tree,
        "irqr-consumer-dovetail",
        &here.join("consumer"),
        &workspace_root().join("linux-glue/include"),
        &[],
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let icount = ["-icount", "shift=0,sleep=off", "-rtc", "base=2024-01-01T00:00:00,clock=vm"].map(String::from);
    let q = linux_qemu_on("dovetail", &image, &["router-real.dtsi", "router-bridge.dtsi"], &[&consumer.ko], "", &icount);
    let mut opts = Options::from_scenario_file(&workspace_root().join(SCENARIO)).unwrap_or_else(|e| panic!("{e}"));
    opts.oob_stand_in = true;
    // QEMU's round-robin vCPUs under -icount: a line raised from one vCPU
    // reaches a halted one at its next turn; a sync every 20 µs bounds it.
    opts.quantum_ns = Some(20_000);
    let r = qemu_run::router::run(q, opts).unwrap_or_else(|e| panic!("{e}"));
    let log = boot_log("dovetail", &r.qemu);
    let t = test_lines(&log);
    let b = &r.bridge;
    assert!(t.contains(&"mirrored: 1"), "the stall mirror is not on: {t:#?}");

    // Every event of the scenario (fired during the idle phase) delivered
    // once: the idle CPUs woke for their router events.
    for s in SOURCES {
        let count = t
            .iter()
            .filter_map(|l| l.strip_prefix("counts| "))
            .find(|l| l.split_whitespace().next() == Some(&s.to_string()))
            .and_then(|l| l.split_whitespace().nth(1)?.parse::<u32>().ok())
            .unwrap_or_else(|| panic!("no count of source {s}: {t:#?}"));
        assert_eq!(count, b.driven[s as usize], "source {s}: consumer {count}, driven {}", b.driven[s as usize]);
        assert!(t.contains(&format!("device {s} driven={count} merged=0").as_str()), "source {s}: {t:#?}");
    }

    // The phases, framed by the marker reads of the ID register (the last
    // three reads of offset 0; the probe's identity check reads it first).
    let acc: Vec<&Access> = b.record.accesses().collect();
    let marks: Vec<usize> = acc.iter().enumerate().filter(|(_, a)| !a.write && a.addr == 0).map(|(i, _)| i).collect();
    assert!(marks.len() >= 3, "marker reads missing: {marks:?}");
    let m = &marks[marks.len() - 3..];
    let phase = |name, from: usize, to: usize| Phase { name, ns: acc[to].ns - acc[from].ns, accesses: &acc[from + 1..to] };
    let phases = [phase("load (ls -R /sys, cat /proc/...)", m[0], m[1]), phase("idle, scenario sources firing", m[1], m[2])];
    let armed = 1 << irq_router_layout::PAGE_STALL_STALL_LSB | 1 << irq_router_layout::PAGE_STALL_WAKE_LSB;
    println!("\n| phase | virtual ms | router accesses/s | STALL writes/s | of which idle-wake arms/s |\n|---|---|---|---|---|");
    for p in &phases {
        println!(
            "| {} | {:.1} | {:.0} | {:.0} | {:.0} |",
            p.name,
            p.ns as f64 / 1e6,
            p.per_s(p.accesses.len()),
            p.per_s(p.stall_writes(None)),
            p.per_s(p.stall_writes(Some(armed)))
        );
    }
    assert!(phases[1].stall_writes(Some(armed)) > 0, "no idle-wake arm while idle: is the idle hook in the kernel?");
    for l in t.iter().filter(|l| l.starts_with("latency| ") || l.starts_with("lines| ")) {
        println!("{l}");
    }
}
