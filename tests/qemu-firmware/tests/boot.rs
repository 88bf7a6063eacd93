//! The image boots at every entry level QEMU offers and logs through defmt,
//! decoded on the host by `irqpipe::defmt_log`.
use qemu_firmware::*;

fn boot(machine: &str, tag: &str, entry_el: u8, security: &str) {
    let r = run("boot", machine, tag, &["-d", "guest_errors"]);
    assert_eq!(r.code(), 0, "{}", r.dump());
    let first = r.line("boot: entered");
    assert_eq!(first.message, format!("boot: entered at EL{entry_el}, running at EL1, {security}"), "{}", r.dump());
    assert_eq!(first.level.as_deref(), Some("info"));
    assert!(first.timestamp.is_some(), "defmt timestamps are on");
    assert!(first.location.as_deref().is_some_and(|l| l.contains("boot.rs")), "{first:?}");
    assert_eq!(r.line("mmu:").message, "mmu: enabled=true");
    // 192 interrupt IDs: GICD_TYPER.ITLinesNumber = 5 on ZynqMP.
    assert_eq!(r.line("gic:").message, format!("gic: 192 interrupt IDs, {security}, cpu interface 0"));
    let t = r.line("timer:");
    let timer = if security == "Secure" { "SecurePhysical" } else { "Physical" };
    assert_eq!(t.message, format!("timer: 62500000 Hz, oob tick on {timer}"));
    // No PL in QEMU: the router window reads as zero, so the probe must say
    // "no router", and QEMU must have logged the read as unimplemented.
    let router = r.line("router:");
    assert_eq!(router.level.as_deref(), Some("warn"));
    assert!(router.message.starts_with("router: none at 0xa0000000: no irq_router here: ID reads 0x00000000"), "{}", router.message);
    // QEMU 7.2 wording under `-d guest_errors`: the read reached no device.
    assert!(
        r.qemu.stderr.contains("Invalid read at addr 0xA0000000, size 4"),
        "QEMU did not log the PL access as unbacked:\n{}",
        r.qemu.stderr
    );
    assert_eq!(r.line("boot: router present").message, "boot: router present=false");
    assert_eq!(r.log.last().unwrap().message, "boot: done");
    assert!(r.text.contains(&format!("boot: entered at EL{entry_el}, running at EL1")), "{}", r.text);
}

#[test]
fn boots_secure_from_el3() {
    boot(SECURE, "secure", 3, "Secure");
}

#[test]
fn boots_from_el2() {
    boot(EL2, "el2", 2, "NoExtensions");
}

#[test]
fn boots_from_el1() {
    boot(DEFAULT_EL1, "el1", 1, "NoExtensions");
}
