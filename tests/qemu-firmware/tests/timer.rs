//! The periodic oob timer fires exactly the programmed number of times, on
//! drift-free deadlines, through its FIQ, and not once after it is stopped.
use qemu_firmware::*;

const TICKS: usize = 50;
/// 1 ms at the 62.5 MHz counter.
const PERIOD: u64 = 62_500;

#[test]
fn periodic_timer_fires_programmed_count() {
    let r = run("timer", SECURE, "secure", &[]);
    assert_eq!(r.code(), 0, "{}", r.dump());
    assert_eq!(
        r.line("timer: SecurePhysical").message,
        format!("timer: SecurePhysical (PPI 29), {TICKS} periods of {PERIOD} ticks")
    );
    let ticks: Vec<&LogLine> = r.log.iter().filter(|l| l.message.starts_with("tick ")).collect();
    assert_eq!(ticks.len(), TICKS, "{}", r.dump());
    for (i, t) in ticks.iter().enumerate() {
        // "tick N deadline+D late L": consecutive deadlines exactly one
        // period apart (the comparator is re-armed from the last deadline,
        // not from "now"), and every expiry after its deadline.
        let want = format!("tick {} deadline+{PERIOD} late ", i + 1);
        assert!(t.message.starts_with(&want), "{:?} != {want:?}...\n{}", t.message, r.dump());
        let late: u64 = t.message[want.len()..].parse().expect("lateness");
        assert!(late < 1 << 40, "expiry before its deadline (wrapped): {late}");
    }
    assert_eq!(r.line("timer: fired").message, format!("timer: fired {TICKS} times, 0 after stop"));
}

#[test]
fn periodic_timer_nonsecure_uses_el1_physical_timer() {
    let r = run("timer", DEFAULT_EL1, "el1", &[]);
    assert_eq!(r.code(), 0, "{}", r.dump());
    assert!(r.line("timer: Physical").message.starts_with("timer: Physical (PPI 30)"));
    assert_eq!(r.line("timer: fired").message, format!("timer: fired {TICKS} times, 0 after stop"));
}
