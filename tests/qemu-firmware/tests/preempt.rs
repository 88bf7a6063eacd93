//! An oob interrupt (group 0, FIQ) preempts code that holds in-band
//! interrupts masked, and preempts an in-band (group 1, IRQ) handler; a
//! priority ceiling holds off oob interrupts at or below it only.
use qemu_firmware::*;

#[test]
fn oob_preempts_masked_inband_code_and_handlers() {
    let r = run("preempt", SECURE, "secure", &[]);
    assert_eq!(r.code(), 0, "{}", r.dump());
    assert_eq!(r.line("preempt: masked:").message, "preempt: masked: oob taken=true, in-band taken=false");
    assert_eq!(r.line("preempt: unmasked:").message, "preempt: unmasked: in-band taken=true");
    let events: Vec<&str> = r
        .log
        .iter()
        .filter_map(|l| l.message.strip_prefix("event ").and_then(|m| m.split_once(": ")).map(|(_, e)| e))
        .collect();
    assert_eq!(
        events,
        [
            // 1: in-band masked; the oob SGI is taken, the in-band one waits
            // for the unmask.
            "OobMaskedDepth0",
            "Main",
            "InbandEnter",
            "InbandExit",
            "Main",
            // 2: the oob SGI sent inside the in-band handler runs nested in it.
            "InbandEnter",
            "OobNestedInInband",
            "InbandExit",
            "Main",
            // 3: the oob timer FIQ interrupted a spin with in-band masked.
            "TimerPreemptedSpin",
            // 4: the oob IPI held off by the priority ceiling runs once it
            // drops (the timer that got through records nothing here).
            "OobMaskedDepth0",
        ],
        "{}",
        r.dump()
    );
    assert_eq!(
        r.line("preempt: ceiling:").message,
        "preempt: ceiling: oob IPI held=true, oob timer through=true, IPI after the ceiling=true",
        "{}",
        r.dump()
    );
    // Acknowledging with nothing pending reads the special ID 1023: the
    // driver returns "nothing" and counts it; no real interrupt was spurious.
    assert_eq!(r.line("preempt: idle acknowledge").message, "preempt: idle acknowledge=false, spurious counted=1");
    assert_eq!(r.line("preempt: 11 events").message, "preempt: 11 events, spurious 1");
}
