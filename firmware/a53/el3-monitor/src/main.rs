//! The EL3 monitor of partitioned mode: the first code on every A53.
//!
//! * CPU 0, cold (QEMU's loader points its PC at `_start`): zeroes .bss,
//!   turns on the EL3 MMU, sets up the GIC distributor for two worlds
//!   ([`gic`]), cleans Linux's images to the point of coherency, releases
//!   Linux's boot CPU ([`power`]) and drops to **Secure EL1** at the oob
//!   image ([`partition_map::OOB_IMAGE`]).
//! * CPUs 1-3, out of reset (RVBAR points at `_start`): MMU on, banked GIC
//!   state for group 1, then **Non-secure EL1** at the entry point their
//!   power state holds: the kernel with x0 = DTB for the boot CPU, or what
//!   a PSCI CPU_ON asked for ([`power`]).
//! * Afterwards EL3 runs only for SMCs ([`smc`]): PSCI 1.1 and SMCCC
//!   "not supported" for everything else.
//!
//! Per-CPU world contexts ([`context`]) hold each CPU's entry state per
//! world. Co-located mode (oob and Linux on one CPU) would add the EL1
//! system-register half of the context and a world switch on FIQ: see
//! `context.rs` and `vectors` below for where it goes.
#![no_std]
#![no_main]

mod context;
mod gic;
mod log;
mod mmu;
mod power;
mod psci;
mod smc;

use partition_map as map;

core::arch::global_asm!(
    r#"
    .section .text.boot, "ax"
    .global _start
_start:
    mrs     x19, mpidr_el1
    and     x19, x19, #0xff             // Aff0: CPU number in the APU cluster
    cmp     x19, #{ncpu}
    b.hs    9f
    ldr     x0, =0x30c50838             // SCTLR_EL3: RES1 bits, MMU/caches off
    msr     sctlr_el3, x0
    isb
    msr     cptr_el3, xzr               // no FP/SIMD traps to EL3 (the SMC path saves Q regs)
    ldr     x0, =monitor_vectors
    msr     vbar_el3, x0
    ldr     x0, =__stacks_end
    lsl     x1, x19, #14                // 16 KiB per CPU (link.x __stack_size)
    sub     sp, x0, x1
    cbnz    x19, 2f
    ldr     x0, =__bss_start            // CPU 0 only: zero .bss
    ldr     x1, =__bss_end
1:  cmp     x0, x1
    b.hs    2f
    stp     xzr, xzr, [x0], #16
    b       1b
2:  mov     x0, x19
    bl      {main}
9:  wfe
    b       9b
    .ltorg
"#,
    ncpu = const map::NUM_CPUS,
    main = sym monitor_main,
);

/// Rust entry of every CPU at EL3, with a stack and the MMU still off.
extern "C" fn monitor_main(cpu: u64) -> ! {
    let cpu = cpu as usize;
    mmu::enable();
    if cpu == map::OOB_CPU {
        gic::init_distributor();
        gic::init_cpu(cpu);
        power::init();
        power::clean_linux_images();
        log::line(format_args!("el3: cold boot on cpu{cpu}; starting Linux on cpu{}", map::LINUX_BOOT_CPU));
        power::boot_linux_cpu();
        log::line(format_args!("el3: cpu{cpu} -> Secure EL1 oob image at {:#x}", map::OOB_IMAGE.base));
        context::enter(&context::oob_entry())
    } else {
        gic::init_cpu(cpu);
        let entry = power::warm_boot(cpu);
        context::enter(&entry)
    }
}

#[panic_handler]
fn panic(info: &core::panic::PanicInfo) -> ! {
    log::line(format_args!("el3: PANIC on cpu{}: {}", context::cpu(), info.message()));
    log::exit(log::EXIT_PANIC)
}
