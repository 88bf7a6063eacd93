//! The irq router's Linux driver in partitioned mode: Linux owns cores 1-3
//! only (its CPUs 0-2), the oob core owns core 0. The device tree gives
//! Linux the in-band lines of router CPUs 1-3, each tied to its core's CPU
//! node; the router is the RAM stand-in of tests/qemu-linux (stock QEMU has
//! none), its page 0 (the oob core's) answering source 5 to any claim.
//! Each line must target its core at the GIC, drain only its own page, and
//! hand its IPIs to the Linux CPU of that core; page 0 is never touched.

use std::path::Path;
use std::time::Duration;

use qemu_linux::{fake, glue_module, ipi_consumer_module, kernel_trouble};
use qemu_partitioned::Recipe;
use qemu_run::scratch_dir;

/// The router node: lines of router CPUs 1-3 (SPIs 94-96), owned by the
/// CPU nodes of cores 1-3 (the only ones partitioned mode leaves Linux).
/// The entries are listed out of order (3, 1, 2), so that neither "entry n
/// is router CPU n" nor "entry n is Linux CPU n" holds by chance.
const ROUTER_DT: &str = r#"
/ {
	interrupt-controller@fffc0000 {
		compatible = "irqpipe,irq-router-1.0";
		reg = <0x0 0xfffc0000 0x0 0x1000>, <0x0 0xfffc8000 0x0 0x8000>;
		reg-names = "global", "inband";
		interrupt-parent = <&{/axi/interrupt-controller@f9010000}>;
		interrupts = <0 96 4>, <0 94 4>, <0 95 4>;
		interrupt-names = "inband3", "inband1", "inband2";
		interrupt-affinity = <&{/cpus/cpu@3}>, <&{/cpus/cpu@1}>, <&{/cpus/cpu@2}>;
		interrupt-controller;
		#interrupt-cells = <2>;
		#address-cells = <0>;
	};
};
"#;

fn fields<'a>(t: &[&'a str], prefix: &str, first: &str) -> Vec<&'a str> {
    t.iter()
        .filter_map(|l| l.strip_prefix(prefix))
        .map(|l| l.split_whitespace().collect::<Vec<_>>())
        .find(|f| f.first() == Some(&first))
        .unwrap_or_default()
}

#[test]
fn router_lines_follow_the_cores_linux_owns() {
    let driver = glue_module().unwrap_or_else(|e| panic!("{e}"));
    let consumer = ipi_consumer_module().unwrap_or_else(|e| panic!("{e}"));
    let init = Path::new(env!("CARGO_MANIFEST_DIR")).join("router-init");
    let files = vec![
        (driver.ko.as_path(), "lib/modules/irq-router.ko".to_string()),
        (consumer.ko.as_path(), "lib/modules/ipi-consumer.ko".to_string()),
    ];
    let dir = scratch_dir("partitioned-router");
    let r = Recipe::prepare_with_dt(&dir, &init, &files, ROUTER_DT).unwrap_or_else(|e| panic!("{e}"));
    let image = dir.join("stand-in-router.bin");
    std::fs::write(&image, fake::image_remap()).unwrap();
    let run = r
        .qemu()
        .args([
            "-device".to_string(),
            format!("loader,file={},addr={:#x},force-raw=on", image.display(), fake::BASE),
        ])
        .timeout(Duration::from_secs(600))
        .run()
        .unwrap_or_else(|e| panic!("{e}"));
    let log = run.serial_text(0);
    let t: Vec<&str> = log
        .lines()
        .filter_map(|l| l.find("ROUTER-TEST: ").map(|i| l[i + 13..].trim_end_matches('\r')))
        .collect();
    eprintln!("partitioned router boot: {:?} in {:.1?}\n{}", run.status, run.elapsed, t.join("\n"));
    assert!(!run.timed_out && t.contains(&"done"), "the test /init did not finish:\n{log}");
    let trouble = kernel_trouble(&log);
    assert!(trouble.is_empty(), "kernel trouble: {trouble:?}\n{log}");
    assert!(t.iter().any(|l| l.starts_with("start cpus=3 online=0-2")), "{t:#?}");
    // Linux CPU n is core n + 1.
    for (cpu, node) in [(0, "cpu@1"), (1, "cpu@2"), (2, "cpu@3")] {
        assert!(t.contains(&format!("cpu{cpu} node {node}").as_str()), "{t:#?}");
    }
    assert!(
        log.contains("IRQR v1.1: 32 sources, 4 CPUs (3 in-band lines), 8 IPI vectors"),
        "{log}"
    );
    // Router CPU c belongs to Linux CPU c - 1 ...
    for rcpu in 1..4u32 {
        let l = fields(&t, "lines|", &rcpu.to_string());
        assert_eq!(l.get(1), Some(&(rcpu - 1).to_string().as_str()), "router CPU {rcpu}: {l:?}");
        // entries claims none spurious foreign budget: one entry, 32
        // claims, nothing foreign; page 3's source 6 has no consumer.
        let spurious = if rcpu == 3 { "32" } else { "0" };
        assert_eq!(l.get(7..13), Some(&["1", "32", "0", spurious, "0", "1"][..]), "router CPU {rcpu}: {l:?}");
    }
    // ... and its line targets core c at the GIC (CPU interface c).
    let w: Vec<u32> = t
        .iter()
        .find_map(|l| l.strip_prefix("itargets "))
        .unwrap_or_else(|| panic!("{t:#?}"))
        .split_whitespace()
        .map(|v| u32::from_str_radix(v.trim_start_matches("0x"), 16).unwrap())
        .collect();
    assert_eq!([w[0] >> 16 & 0xff, w[0] >> 24, w[1] & 0xff], [2, 4, 8], "{w:x?}");
    // Page 0 (the oob core's router CPU) was never claimed from.
    assert_eq!(fields(&t, "sources|", "5").get(8), Some(&"0"), "source 5 of page 0 claimed");
    // IPIs went to the Linux CPU of their core, each on its own descriptor.
    for (cpu, runs) in [(0, 32), (1, 32), (2, 0)] {
        assert!(
            log.lines().any(|l| l.contains(&format!("ipi-consumer: CPU{cpu} irq "))
                && l.ends_with(&format!("runs {runs} wrong-cpu 0"))),
            "CPU{cpu}: {runs} IPI runs on its own CPU expected:\n{log}"
        );
    }
    assert!(t.contains(&"ok: rmmod irq_router"), "{t:#?}");
}
