//! A deliberate data abort produces the defmt crash report (ESR, ELR, FAR)
//! and stops the machine with the fault exit code.
use qemu_firmware::*;

#[test]
fn data_abort_produces_crash_report() {
    let r = run("fault", SECURE, "secure", &[]);
    assert_eq!(r.code(), 101, "{}", r.dump());
    assert_eq!(r.line("fault: loading").message, "fault: loading from 0x100000000");
    let crash = r.line("CRASH");
    assert_eq!(crash.level.as_deref(), Some("error"));
    assert!(crash.location.as_deref().is_some_and(|l| l.contains("exception.rs")), "{crash:?}");
    let m = &crash.message;
    assert!(m.starts_with("CRASH core 0: Sync exception, "), "{m}");
    let esr = field(m, "ESR_EL1").expect("ESR_EL1");
    // EC 0x25: data abort from the current EL; DFSC 0b000101: translation
    // fault at level 1 (the address is beyond the identity map).
    assert_eq!(esr >> 26, 0x25, "{m}");
    assert_eq!(esr & 0x3f, 0x05, "{m}");
    assert!(m.contains("(EC 0x25 data abort)"), "{m}");
    assert_eq!(field(m, "FAR_EL1"), Some(0x1_0000_0000), "{m}");
    // ELR is the faulting load, inside `provoke_fault`.
    let elr = field(m, "ELR_EL1").expect("ELR_EL1");
    let (lo, hi) = symbol_range(&r.elf, "provoke_fault").expect("provoke_fault in the ELF");
    assert!((lo..hi).contains(&elr), "ELR {elr:#x} outside provoke_fault {lo:#x}..{hi:#x}");
    // The same report, as text, on UART0.
    assert!(r.text.contains(&format!("ELR_EL1={elr:#x} FAR_EL1=0x100000000")), "{}", r.text);
    // Nothing runs after the report.
    assert_eq!(r.log.last().unwrap().message, *m);
}
