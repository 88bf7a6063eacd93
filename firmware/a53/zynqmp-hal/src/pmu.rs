//! PMU counters used by the benchmark: PMCCNTR (cycles) and event counter 0
//! counting INST_RETIRED (event 0x08). Under QEMU with `-icount shift=0`
//! instructions are counted exactly. Register encodings: Arm ARM D13 (PMU).

/// Enables the cycle counter and counter 0 = INST_RETIRED at EL1.
pub fn init() {
    // SAFETY: PMU control registers only.
    unsafe {
        core::arch::asm!(
            "msr pmselr_el0, xzr",
            "mov {t}, #0x08",            // INST_RETIRED; EL1 counted (P = 0)
            "msr pmxevtyper_el0, {t}",
            "msr pmccfiltr_el0, xzr",
            "mov {t}, #1",
            "orr {t}, {t}, #0x80000000", // C (cycle counter) | P0
            "msr pmcntenset_el0, {t}",
            "mov {t}, #0x7",             // E | P (reset events) | C (reset cycles)
            "msr pmcr_el0, {t}",
            "isb",
            t = out(reg) _,
            options(nostack)
        )
    };
}

/// Instructions retired so far (event counter 0).
#[inline(always)]
pub fn instructions() -> u64 {
    let v: u64;
    // SAFETY: reads a PMU counter.
    unsafe { core::arch::asm!("mrs {}, pmevcntr0_el0", out(reg) v, options(nomem, nostack)) };
    v
}
