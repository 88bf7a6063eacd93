//! The oob-core image itself (firmware/a53/oob-core/src/main.rs) on QEMU:
//! it comes up in Secure EL1, finds no router (QEMU has no PL), runs the
//! rt-core heartbeat task on the oob tick, and never stops by itself.
use qemu_firmware::*;
use std::time::Duration;

#[test]
fn oob_core_image_runs_heartbeat() {
    let r = run_for("oob-core", SECURE, "secure", Duration::from_secs(4));
    assert!(r.qemu.timed_out, "the image must keep running:\n{}", r.dump());
    assert_eq!(r.log[0].message, "oob-core: entered at EL3, running at EL1, Secure", "{}", r.dump());
    assert!(r.line("router: none at 0xa0000000").level.as_deref() == Some("warn"));
    assert!(!r.log.iter().any(|l| l.message.starts_with("oob-core: router oob line")));
    r.line("oob-core: running");
    let beats: Vec<&LogLine> = r.log.iter().filter(|l| l.message.starts_with("oob-core: heartbeat ")).collect();
    // 4 s of wall time and a 1 s period: the first beat is due 1 s after
    // boot, which leaves QEMU 3 s to start even on a loaded machine.
    assert!(!beats.is_empty(), "{}", r.dump());
    for (i, b) in beats.iter().enumerate() {
        assert!(
            b.message.starts_with(&format!("oob-core: heartbeat {}: router sources 0, ipis 0, in-band messages 0, spurious 0", i + 1)),
            "{}",
            b.message
        );
    }
}
