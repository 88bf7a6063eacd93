//! SMP: cores 1..3 are started (APU RVBAR + CRF reset release, as QEMU
//! models the ZynqMP) and exchange SGIs with core 0: an oob IPI (group 0)
//! out, an in-band IPI (group 1) back, with the sender's CPU ID checked.
//! SPIs configured as the router's lines reach their target core through
//! the right vector.
use qemu_firmware::*;

fn smp(machine: &str, tag: &str) {
    let r = run("smp", machine, tag, &[]);
    assert_eq!(r.code(), 0, "{}", r.dump());
    for c in 1..4 {
        assert_eq!(
            r.line(&format!("smp: core {c} online")).message,
            format!("smp: core {c} online=true gic cpu interface {c}"),
            "{}",
            r.dump()
        );
        assert_eq!(
            r.line(&format!("smp: core {c} pings")).message,
            format!("smp: core {c} pings=20 pongs=20"),
            "{}",
            r.dump()
        );
    }
    // The router's lines of CPU 2 (SPIs 123 and 127), pended from software:
    // oob arrives as FIQ, in-band as IRQ, only on the target core.
    assert_eq!(
        r.line("smp: oob line").message,
        "smp: oob line SPI 123: on core 2=true, via FIQ=true, via IRQ=false, elsewhere=false"
    );
    assert_eq!(
        r.line("smp: in-band line").message,
        "smp: in-band line SPI 127: on core 2=true, via FIQ=false, via IRQ=true, elsewhere=false"
    );
    assert!(!r.log.iter().any(|l| l.level.as_deref() == Some("error")), "{}", r.dump());
    assert_eq!(r.line("smp: misdelivered").message, "smp: misdelivered=0 spurious=0");
}

#[test]
fn sgi_ipis_between_four_cores_secure() {
    smp(SECURE, "secure");
}

#[test]
fn sgi_ipis_between_four_cores_el1() {
    smp(DEFAULT_EL1, "el1");
}
