//! Partitioned mode on QEMU's ZCU102 (`secure=on`, stock QEMU 7.2): the EL3
//! monitor, the oob core on CPU 0 at Secure EL1 and Debian's Linux on CPUs
//! 1-3 in the Normal world, in one boot.

use std::path::Path;
use std::time::Duration;

use qemu_partitioned::{chan_tool, modules, Recipe};
use qemu_run::scratch_dir;

#[test]
fn two_worlds_boot_talk_and_power_off() {
    let m = modules().unwrap_or_else(|e| panic!("{e}"));
    let tool = chan_tool().unwrap_or_else(|e| panic!("{e}"));
    let init = Path::new(env!("CARGO_MANIFEST_DIR")).join("init");
    let files = vec![
        (m.chan.ko.as_path(), "lib/modules/irq-router-chan.ko".to_string()),
        (m.smc_probe.ko.as_path(), "lib/modules/smc-probe.ko".to_string()),
        (tool.as_path(), "bin/chan-test".to_string()),
    ];
    let r = Recipe::prepare(&scratch_dir("partitioned"), &init, &files).unwrap_or_else(|e| panic!("{e}"));
    let run = r.qemu().timeout(Duration::from_secs(900)).run().unwrap_or_else(|e| panic!("{e}"));
    let log = run.serial_text(0);
    eprintln!("status {:?} in {:.1?}\n--- monitor ---\n{}\n--- linux ---\n{log}", run.status, run.elapsed, run.stdout);
    assert!(!run.timed_out);
}
