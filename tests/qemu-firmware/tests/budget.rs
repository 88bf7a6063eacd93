//! The interrupt paths stay within their instruction budgets (issue 15).
//! Under `-icount shift=0,sleep=off` QEMU is deterministic and the PMU
//! counts instructions exactly, so each figure is one exact number: every
//! sample of a path must be the same, and the budget is a hard limit.
use qemu_firmware::figures::{budget, run_bench};

fn constant(name: &str, v: &[u64]) -> u64 {
    assert!(!v.is_empty(), "{name}: no samples");
    assert!(v.iter().all(|x| *x == v[0]), "{name}: samples differ under -icount: {v:?}");
    v[0]
}

#[test]
fn interrupt_paths_stay_within_their_instruction_budgets() {
    let (r, f) = run_bench("budget");
    assert_eq!(f.fiq.len(), 16, "{}", r.dump());
    assert_eq!(f.irq.len(), 16, "{}", r.dump());
    assert_eq!(f.ticks.len(), 200, "{}", r.dump());
    assert_eq!(f.tick_to_task.len(), 16, "{}", r.dump());

    let path = |name: &str, s: &[(u64, u64)]| {
        let total: Vec<u64> = s.iter().map(|(e, x)| e + x).collect();
        let e = constant(name, &s.iter().map(|x| x.0).collect::<Vec<_>>());
        let x = constant(name, &s.iter().map(|x| x.1).collect::<Vec<_>>());
        (e, x, constant(name, &total))
    };
    let (e, x, oob) = path("oob (FIQ)", &f.fiq);
    assert!(
        oob <= budget::OOB_PATH,
        "oob path: entry {e} + exit {x} = {oob} instructions, budget {}",
        budget::OOB_PATH
    );
    let (e, x, inband) = path("in-band (IRQ)", &f.irq);
    assert!(
        inband <= budget::INBAND_PATH,
        "in-band path: entry {e} + exit {x} = {inband} instructions, budget {}",
        budget::INBAND_PATH
    );
    let t = constant("tick -> task", &f.tick_to_task);
    assert!(t <= budget::TICK_TO_TASK, "rt-core tick -> task: {t} instructions, budget {}", budget::TICK_TO_TASK);
    // The periodic tick re-arms drift-free: every period is exactly
    // `period` counter ticks = 16 instructions each at shift=0.
    let periods: Vec<u64> = f.ticks.iter().skip(1).map(|t| t.1).collect();
    assert_eq!(constant("tick period", &periods), f.period * 16);
}
