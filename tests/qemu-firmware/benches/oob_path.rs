//! Benchmark of the oob interrupt path and of the oob timer's period jitter,
//! measured on QEMU xlnx-zcu102 (secure=on) under `-icount shift=0,sleep=off`:
//! one guest instruction = 1 ns of virtual time, and the PMU's INST_RETIRED
//! counts instructions exactly. Prints markdown tables. Figures come from
//! the firmware's `bench` program (firmware/a53/oob-core/src/bin/bench.rs);
//! nothing here is hard-coded.
//!
//! A third table compares with a plain Linux kernel's IRQ path, counted by
//! single-stepping (see `qemu_firmware::linux_irq`), when the Debian kernel
//! the qemu-linux tests download is cached; otherwise it says why not.
//!
//! Run: `cargo bench -p qemu-firmware --bench oob_path`.

use qemu_firmware::*;

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

fn main() {
    let r = run("bench", SECURE, "icount", &["-icount", "shift=0,sleep=off"]);
    if r.code() != 0 {
        eprintln!("bench program failed:\n{}", r.dump());
        std::process::exit(1);
    }
    let errors: Vec<&LogLine> = r.log.iter().filter(|l| l.level.as_deref() == Some("error")).collect();
    if !errors.is_empty() {
        eprintln!("bench program reported errors:\n{}", r.dump());
        std::process::exit(1);
    }
    let cal = field(&r.line("bench: cal=").message, "cal").expect("cal");

    println!("## oob interrupt path on QEMU xlnx-zcu102 (secure=on, Secure EL1), instructions (-icount shift=0, PMU INST_RETIRED)\n");
    println!("| path | exception entry → handler's first line | handler's last line → back in interrupted code | total | samples |");
    println!("|---|---|---|---|---|");
    let mut oob = (0, 0);
    for (path, name) in [("fiq", "oob: SGI, group 0 → FIQ"), ("irq", "in-band: SGI, group 1 → IRQ")] {
        let lines: Vec<&LogLine> =
            r.log.iter().filter(|l| l.message.starts_with(&format!("bench: path={path} "))).collect();
        let entry: Vec<u64> = lines.iter().map(|l| field(&l.message, "entry").unwrap()).collect();
        let exit: Vec<u64> = lines.iter().map(|l| field(&l.message, "exit").unwrap()).collect();
        let total: Vec<u64> = entry.iter().zip(&exit).map(|(a, b)| a + b).collect();
        let (e0, e1, _) = stats(&entry);
        let (x0, x1, _) = stats(&exit);
        let (t0, t1, _) = stats(&total);
        println!("| {name} | {} | {} | {} | {} |", range(e0, e1), range(x0, x1), range(t0, t1), lines.len());
        if path == "fiq" {
            oob = (e1, x1);
        }
    }
    println!(
        "\nEntry counts the vector stub, the full context save (x0–x30, ELR, SPSR, q0–q31, FPCR, FPSR), \
         the GICC_IAR acknowledge and the dispatch to the registered handler; exit counts the handler's \
         return, GICC_EOIR, the context restore and ERET. The triggering store and one PMU read \
         (cal = {cal}) are subtracted. The in-band path also unmasks FIQ around its handler.\n"
    );

    let period = field(&r.line("bench: timer period=").message, "period").expect("period");
    let ticks: Vec<&LogLine> = r.log.iter().filter(|l| l.message.starts_with("bench: tick i=")).collect();
    let late: Vec<u64> = ticks.iter().map(|l| field(&l.message, "late").unwrap()).collect();
    // The first tick has no predecessor.
    let instr: Vec<u64> = ticks.iter().skip(1).map(|l| field(&l.message, "instr").unwrap()).collect();
    let (l0, l1, lm) = stats(&late);
    let (i0, i1, _) = stats(&instr);
    let ns_per_tick = 1e9 / 62.5e6;
    println!("## oob timer (Secure physical timer, FIQ), periodic, {} periods of {period} counter ticks (1 ms), -icount shift=0\n", ticks.len());
    println!("| measure | min | max | mean | jitter (max − min) |");
    println!("|---|---|---|---|---|");
    println!(
        "| lateness: handler's first line − deadline (counter ticks of 16 ns) | {l0} | {l1} | {lm:.2} | {} |",
        l1 - l0
    );
    println!(
        "| lateness (ns of virtual time = instructions) | {:.0} | {:.0} | {:.0} | {:.0} |",
        l0 as f64 * ns_per_tick,
        l1 as f64 * ns_per_tick,
        lm * ns_per_tick,
        (l1 - l0) as f64 * ns_per_tick
    );
    println!(
        "| period between handler entries (instructions; ideal 1 000 000) | {i0} | {i1} | – | {} |",
        i1 - i0
    );
    let rt: Vec<u64> = r
        .log
        .iter()
        .filter(|l| l.message.starts_with("bench: rt i="))
        .map(|l| field(&l.message, "tick_to_task").unwrap())
        .collect();
    let (r0, r1, _) = stats(&rt);
    println!(
        "| rt-core: tick handler's first line → task's first line (expiry, spawn, reprogram, EOI, dispatch at exit; instructions, {} samples) | {r0} | {r1} | – | {} |",
        rt.len(),
        r1 - r0
    );
    println!(
        "\nUnder -icount QEMU is deterministic: zero jitter here shows a drift-free re-arm \
         (deadline + period) and a constant path, not silicon behaviour (caches, bus, \
         GIC synchroniser latency are not modelled)."
    );

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
            println!("| oob core: FIQ → registered handler (table above; Secure EL1, full FP/SIMD save) | {oob_entry} | {oob_exit} | 16 |");
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
