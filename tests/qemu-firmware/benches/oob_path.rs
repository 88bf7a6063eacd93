//! Benchmark of the oob interrupt path and of the oob timer's period jitter,
//! measured on QEMU xlnx-zcu102 (secure=on) under `-icount shift=0,sleep=off`:
//! one guest instruction = 1 ns of virtual time, and the PMU's INST_RETIRED
//! counts instructions exactly. Prints markdown tables. Figures come from
//! the firmware's `bench` and `load` programs (firmware/a53/oob-core/src/
//! bin); the only constants are the budgets and the figures of the code
//! before issue 15 (`qemu_firmware::figures`), printed beside them.
//!
//! A last table compares with a plain Linux kernel's IRQ path, counted by
//! single-stepping (see `qemu_firmware::linux_irq`), when the Debian kernel
//! the qemu-linux tests download is cached; otherwise it says why not.
//!
//! Run: `cargo bench -p qemu-firmware --bench oob_path`.

use qemu_firmware::figures::{before, budget, quantile, run_bench, run_load};

fn stats(v: &[u64]) -> (u64, u64, f64) {
    let min = *v.iter().min().expect("samples");
    let max = *v.iter().max().expect("samples");
    let mean = v.iter().sum::<u64>() as f64 / v.len() as f64;
    (min, max, mean)
}

fn range(min: u64, max: u64) -> String {
    if min == max {
        format!("{min}")
    } else {
        format!("{min}–{max}")
    }
}

/// Prints one path's row; returns its (entry, exit) maxima.
fn path_row(name: &str, s: &[(u64, u64)], before: (u64, u64), budget: u64) -> (u64, u64) {
    let entry: Vec<u64> = s.iter().map(|x| x.0).collect();
    let exit: Vec<u64> = s.iter().map(|x| x.1).collect();
    let total: Vec<u64> = s.iter().map(|x| x.0 + x.1).collect();
    let (e0, e1, _) = stats(&entry);
    let (x0, x1, _) = stats(&exit);
    let (t0, t1, _) = stats(&total);
    println!(
        "| {name} | {} | {} | {} | {budget} | {} / {} / {} | {} |",
        range(e0, e1),
        range(x0, x1),
        range(t0, t1),
        before.0,
        before.1,
        before.0 + before.1,
        s.len()
    );
    (e1, x1)
}

/// Nearest-rank p50 / p99 / p99.9 / max.
fn quantiles(v: &[u64]) -> [u64; 4] {
    [0.5, 0.99, 0.999, 1.0].map(|q| quantile(v, q))
}

fn q4(v: [u64; 4]) -> String {
    format!("{} / {} / {} / {}", v[0], v[1], v[2], v[3])
}

/// Log2 buckets of counter ticks: upper bounds 16, 32, 64, ...
fn bucket(x: u64) -> u64 {
    let mut b = 16;
    while b <= x {
        b *= 2;
    }
    b
}

fn lateness_tables() {
    let (_, f) = run_load("bench");
    println!("## oob tick lateness under cross-core load (`load` program; QEMU secure=on, -icount shift=0,sleep=off)\n");
    println!(
        "Core 0 runs an rt-core periodic timer every 50 us (3125 counter ticks of 16 ns) for 1000 periods per phase; \
         lateness is counted from the deadline to the tick handler's first line and to the started task's first line. \
         quiet: cores 1..3 asleep. load: core 1 logs a defmt line every ~50 us, core 2 posts a mailbox call + CALL_FUNCTION IPI \
         to core 0 every ~5 us, core 3 spawns a core-0 task (which logs) + RESCHEDULE IPI every ~5 us and logs every tenth time. \
         heavy: core 1 logs back to back, core 3 logs every time. {}\n",
        f.summary
    );
    println!("| phase | task lateness p50 / p99 / p99.9 / max (ticks) | handler lateness p50 / p99 / p99.9 / max | missed periods | core-0 global-lock takes | before: task lateness | before: handler lateness | before: missed |");
    println!("|---|---|---|---|---|---|---|---|");
    for p in &f.phases {
        let (bt, bh, bm) = match p.name.as_str() {
            "quiet" => (q4(before::QUIET_TASK), q4(before::QUIET_HANDLER), "0".to_string()),
            "load" => (q4(before::LOAD_TASK), q4(before::LOAD_HANDLER), before::LOAD_MISSED.to_string()),
            _ => (before::HEAVY.to_string(), "–".to_string(), "–".to_string()),
        };
        println!(
            "| {} | {} | {} | {} | {} | {bt} | {bh} | {bm} |",
            p.name,
            q4(quantiles(&p.task)),
            q4(quantiles(&p.handler)),
            p.missed,
            p.core0_global_locks
        );
    }
    println!("\nTask lateness histogram (samples per bucket; bucket = counter ticks below the bound):\n");
    let mut bounds: Vec<u64> = f.phases.iter().flat_map(|p| p.task.iter().map(|&x| bucket(x))).collect();
    bounds.extend(before::LOAD_TASK_HIST.iter().map(|b| b.0));
    bounds.sort_unstable();
    bounds.dedup();
    println!("| < ticks | quiet | load | heavy | before: load |");
    println!("|---|---|---|---|---|");
    for b in bounds {
        let n = |v: &[u64]| v.iter().filter(|&&x| bucket(x) == b).count();
        let before = before::LOAD_TASK_HIST.iter().find(|h| h.0 == b).map_or(0, |h| h.1);
        println!("| {b} | {} | {} | {} | {before} |", n(&f.phases[0].task), n(&f.phases[1].task), n(&f.phases[2].task));
    }
    println!(
        "\nQEMU runs the four vCPUs round-robin under -icount (one at a time, so a vCPU waits up to three time slices \
         for its turn; the load cores keep QEMU's slices at ~1 us). Figures are instruction-exact and repeatable; they \
         say how the code behaves under contention, not what silicon's caches and bus add. On silicon the old lock \
         was worse than here: a logging core held it while waiting for UART FIFO space (~87 us per byte at 115200 Bd).\n"
    );
}

fn main() {
    let (r, f) = run_bench("icount");
    println!("## oob interrupt path on QEMU xlnx-zcu102 (secure=on, Secure EL1), instructions (-icount shift=0, PMU INST_RETIRED)\n");
    println!("| path | exception entry → handler's first line | handler's last line → back in interrupted code | total | budget | before (entry / exit / total) | samples |");
    println!("|---|---|---|---|---|---|---|");
    let oob = path_row("oob: SGI, group 0 → FIQ", &f.fiq, before::OOB, budget::OOB_PATH);
    path_row("in-band: SGI, group 1 → IRQ", &f.irq, before::INBAND, budget::INBAND_PATH);
    println!(
        "\nEntry counts the vector's save of x0–x18 and x30 (the registers a handler may clobber; no FP/SIMD state: \
         the image is soft-float), the GICC_IAR acknowledge and the call through the handler table; exit counts the \
         handler's return, GICC_EOIR, rt-core's \"anything to run?\" check (one word through TPIDR_EL1), the restore \
         and ERET. The in-band path also saves ELR/SPSR, checks the group and unmasks FIQ around its handler. The \
         triggering store and one PMU read (cal = {}) are subtracted. \"before\": the code before issue 15 (full \
         x0–x30 + q0–q31 frame, Rust dispatch).\n",
        f.cal
    );

    let period = f.period;
    let late: Vec<u64> = f.ticks.iter().map(|t| t.0).collect();
    // The first tick has no predecessor.
    let instr: Vec<u64> = f.ticks.iter().skip(1).map(|t| t.1).collect();
    let (l0, l1, lm) = stats(&late);
    let (i0, i1, _) = stats(&instr);
    let ns_per_tick = 1e9 / 62.5e6;
    println!("## oob timer (Secure physical timer, FIQ), periodic, {} periods of {period} counter ticks (1 ms), -icount shift=0\n", f.ticks.len());
    println!("| measure | min | max | mean | jitter (max − min) |");
    println!("|---|---|---|---|---|");
    println!("| lateness: handler's first line − deadline (counter ticks of 16 ns) | {l0} | {l1} | {lm:.2} | {} |", l1 - l0);
    println!(
        "| lateness (ns of virtual time = instructions) | {:.0} | {:.0} | {:.0} | {:.0} |",
        l0 as f64 * ns_per_tick,
        l1 as f64 * ns_per_tick,
        lm * ns_per_tick,
        (l1 - l0) as f64 * ns_per_tick
    );
    println!("| period between handler entries (instructions; ideal 1 000 000) | {i0} | {i1} | – | {} |", i1 - i0);
    let (r0, r1, _) = stats(&f.tick_to_task);
    println!(
        "| rt-core: tick handler's first line → task's first line (expiry, spawn, reprogram, EOI, exit check, dispatch; instructions, {} samples; budget {}, before {}) | {r0} | {r1} | – | {} |",
        f.tick_to_task.len(),
        budget::TICK_TO_TASK,
        before::TICK_TO_TASK,
        r1 - r0
    );
    println!(
        "\nUnder -icount QEMU is deterministic: zero jitter here shows a drift-free re-arm \
         (deadline + period) and a constant path, not silicon behaviour (caches, bus, \
         GIC synchroniser latency are not modelled).\n"
    );
    drop(r);

    lateness_tables();
    linux_comparison(oob);
}

fn median(v: &mut [u64]) -> u64 {
    v.sort_unstable();
    v[v.len() / 2]
}

/// The same path in a plain Linux kernel, counted by single-stepping
/// (qemu_firmware::linux_irq). Needs the kernel the qemu-linux tests cache.
fn linux_comparison((oob_entry, oob_exit): (u64, u64)) {
    println!("\n## Comparison: plain Linux IRQ entry (Debian arm64 6.1 on QEMU xlnx-zcu102, Non-secure EL1)\n");
    let samples = 8;
    match qemu_firmware::linux_irq::measure(samples) {
        Ok(s) => {
            let mut entry: Vec<u64> = s.iter().map(|x| x.entry).collect();
            let mut exit: Vec<u64> = s.iter().map(|x| x.exit).collect();
            let (e0, e1, _) = stats(&entry);
            let (x0, x1, _) = stats(&exit);
            let (em, xm) = (median(&mut entry), median(&mut exit));
            println!("| path | vector → handler's first instruction (min / median / max) | handler's `ret` → `eret` (min / median / max) | samples |");
            println!("|---|---|---|---|");
            println!("| Linux: IRQ from EL1 → `arch_timer_handler_virt` | {e0} / {em} / {e1} | {x0} / {xm} / {x1} | {} |", s.len());
            println!("| oob core: FIQ → registered handler (table above; Secure EL1, caller-saved registers only) | {oob_entry} | {oob_exit} | 16 |");
            println!(
                "\nLinux counts come from single-stepping the guest through QEMU's gdbstub from \
                 `vectors + 0x280` (no FP/SIMD save: the kernel does not use it in IRQ context), \
                 with `nokaslr maxcpus=1`. Entry includes irq_enter and, when the CPU was idle, \
                 the NO_HZ tick restart; exit includes irq_exit's softirq processing, hence \
                 its spread. The first interrupts after /init starts are included."
            );
        }
        Err(e) => println!("not measured: {e}. (It needs the Debian arm64 kernel that `cargo test -p qemu-linux` downloads into target/qemu-linux.)"),
    }
}
