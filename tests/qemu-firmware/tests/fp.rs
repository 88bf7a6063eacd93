//! The FP/SIMD state of interrupted code survives interrupts, although the
//! vectors save no FP register: the image is soft-float, so no compiled
//! code touches one (firmware/a53/oob-core/src/bin/fp.rs). Thread code holds
//! patterns in q0–q31, FPCR and FPSR while oob ticks start rt-core tasks,
//! oob IPIs run mailbox calls and in-band IPIs run through the IRQ path.
use qemu_firmware::figures::ICOUNT;
use qemu_firmware::*;

#[test]
fn fp_state_of_interrupted_code_survives_every_interrupt_path() {
    let r = run("fp", SECURE, "secure", &ICOUNT);
    assert_eq!(r.code(), 0, "{}", r.dump());
    assert_eq!(r.line("fp: patterns").message, "fp: patterns loaded=true fpcr=0x7c00000 fpsr=0x800009f", "{}", r.dump());
    let ev = &r.line("fp: events=").message;
    assert!(field(ev, "events").unwrap() >= 300, "{ev}");
    for k in ["tasks", "oob_calls", "inband_irqs"] {
        assert!(field(ev, k).unwrap() > 0, "no {k} while the FP registers were live: {ev}");
    }
    assert_eq!(
        r.line("fp: q registers").message,
        "fp: q registers changed=0 fpcr changed=false fpsr changed=false",
        "{}",
        r.dump()
    );
    assert!(!r.log.iter().any(|l| l.level.as_deref() == Some("error")), "{}", r.dump());
}
