//! CPU power states and the ZynqMP mechanisms that start and stop an A53.
//!
//! A CPU is started by pointing APU.RVBARADDRn at the monitor's `_start` and
//! clearing its ACPUn_RESET / ACPUn_PWRON_RESET bits in CRF_APB.RST_FPD_APU
//! (UG1087; the same path `zynqmp-hal`'s smp.rs uses, and what QEMU's CRF
//! model implements: clearing the bit resets the core and starts it at
//! RVBAR, setting it powers the core off). CPU_OFF marks the caller OFF and
//! parks it in a WFI loop at EL3 with everything masked; the next CPU_ON
//! asserts and then releases its reset, so each start goes through
//! `_start` and [`warm_boot`], which picks up the entry point CPU_ON
//! recorded. (A core cannot assert its own reset here: QEMU powers it off
//! in the middle of the register write, before it could drop the lock
//! that serialises the register. On a board the PMU powers a core down
//! once it is in WFI.)
//!
//! On a board with PMU firmware the core's power island must also be
//! switched on (TF-A asks the PMU over IPI: `pm_cpu_wakeup`); QEMU has no
//! PMU firmware and models no power islands.

use crate::context::{self, Entry};
use crate::log;
use core::ptr::{read_volatile, write_volatile};
use core::sync::atomic::{AtomicBool, AtomicU64, AtomicU8, Ordering};
use partition_map as map;

const APU_RVBARADDR0L: usize = 0xFD5C_0040;
const CRF_APB_RST_FPD_APU: usize = 0xFD1A_0104;

/// PSCI AFFINITY_INFO values (PSCI spec, DEN0022, §5.7).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum State {
    On = 0,
    Off = 1,
    OnPending = 2,
}

static STATE: [AtomicU8; map::NUM_CPUS] = [const { AtomicU8::new(State::Off as u8) }; map::NUM_CPUS];
static ENTRY_PC: [AtomicU64; map::NUM_CPUS] = [const { AtomicU64::new(0) }; map::NUM_CPUS];
static ENTRY_X0: [AtomicU64; map::NUM_CPUS] = [const { AtomicU64::new(0) }; map::NUM_CPUS];
/// Serialises read-modify-writes of RST_FPD_APU (CPU_ON and CPU_OFF may run
/// on two CPUs at once).
static RESET_LOCK: AtomicBool = AtomicBool::new(false);

pub fn state(cpu: usize) -> State {
    match STATE[cpu].load(Ordering::Acquire) {
        0 => State::On,
        2 => State::OnPending,
        _ => State::Off,
    }
}

/// CPU 0, cold boot: it runs (the oob core's), the others are off.
pub fn init() {
    STATE[map::OOB_CPU].store(State::On as u8, Ordering::Release);
}

/// Cleans Linux's images (kernel, DTB, initramfs area) to the point of
/// coherency: Linux starts with its MMU and caches off, and on a board a
/// loader that ran with caches on may have left lines dirty.
pub fn clean_linux_images() {
    let mut a = map::KERNEL;
    while a < map::INITRD + map::INITRD_MAX {
        // SAFETY: cache maintenance by VA of identity-mapped DDR; no data changes.
        unsafe { core::arch::asm!("dc cvac, {}", in(reg) a, options(nostack)) };
        a += 64;
    }
    // SAFETY: barrier only.
    unsafe { core::arch::asm!("dsb sy", options(nostack)) };
}

fn with_reset_register(f: impl FnOnce(u32) -> u32) {
    while RESET_LOCK.compare_exchange(false, true, Ordering::Acquire, Ordering::Relaxed).is_err() {
        core::hint::spin_loop();
    }
    // SAFETY: CRF_APB register, Device memory; serialised by RESET_LOCK.
    unsafe {
        let v = read_volatile(CRF_APB_RST_FPD_APU as *const u32);
        core::arch::asm!("dsb sy", options(nostack));
        write_volatile(CRF_APB_RST_FPD_APU as *mut u32, f(v));
    }
    RESET_LOCK.store(false, Ordering::Release);
}

/// Points `cpu`'s reset vector at the monitor and takes it out of reset.
fn release(cpu: usize) {
    extern "C" {
        fn _start();
    }
    let start = _start as *const () as usize as u64;
    // SAFETY: APU control registers (Device memory); only the monitor writes them.
    unsafe {
        write_volatile((APU_RVBARADDR0L + 8 * cpu) as *mut u32, start as u32);
        write_volatile((APU_RVBARADDR0L + 8 * cpu + 4) as *mut u32, (start >> 32) as u32);
    }
    // Assert (a parked core: powered off) and release: the core restarts
    // at RVBAR. A core still in reset from power-on sees only the release.
    with_reset_register(|v| {
        // SAFETY: as in with_reset_register, whose lock we hold.
        unsafe { write_volatile(CRF_APB_RST_FPD_APU as *mut u32, v | (1 << cpu)) };
        v & !((1 << cpu) | (1 << (10 + cpu)))
    });
}

/// Starts Linux's boot CPU at the kernel with x0 = DTB.
pub fn boot_linux_cpu() {
    let cpu = map::LINUX_BOOT_CPU;
    ENTRY_PC[cpu].store(map::KERNEL, Ordering::Relaxed);
    ENTRY_X0[cpu].store(map::DTB, Ordering::Relaxed);
    STATE[cpu].store(State::OnPending as u8, Ordering::Release);
    release(cpu);
}

/// A CPU out of reset: the entry its CPU_ON recorded. A CPU nobody asked
/// for (which should not happen) stays parked.
pub fn warm_boot(cpu: usize) -> Entry {
    if STATE[cpu].compare_exchange(State::OnPending as u8, State::On as u8, Ordering::AcqRel, Ordering::Acquire).is_err() {
        log::line(format_args!("el3: cpu{cpu} came out of reset without CPU_ON; parked"));
        park()
    }
    let e = context::linux_entry(ENTRY_PC[cpu].load(Ordering::Relaxed), ENTRY_X0[cpu].load(Ordering::Relaxed));
    log::line(format_args!("el3: cpu{cpu} -> Non-secure EL1 at {:#x}, x0={:#x}", e.pc, e.x0));
    e
}

/// PSCI CPU_ON's effect once the arguments are valid: `Err(state)` if the
/// CPU is not off.
pub fn cpu_on(cpu: usize, pc: u64, x0: u64) -> Result<(), State> {
    STATE[cpu]
        .compare_exchange(State::Off as u8, State::OnPending as u8, Ordering::AcqRel, Ordering::Acquire)
        .map_err(|s| if s == State::On as u8 { State::On } else { State::OnPending })?;
    ENTRY_PC[cpu].store(pc, Ordering::Relaxed);
    ENTRY_X0[cpu].store(x0, Ordering::Relaxed);
    // The target reads these after its reset, with its MMU on: the release
    // below is ordered after them by the lock's acquire/`dsb`.
    release(cpu);
    Ok(())
}

/// PSCI CPU_OFF of the calling CPU: never returns.
pub fn cpu_off(cpu: usize) -> ! {
    STATE[cpu].store(State::Off as u8, Ordering::Release);
    park()
}

/// Waits at EL3 with every exception masked until a reset.
pub fn park() -> ! {
    loop {
        // SAFETY: PSTATE and WFI only.
        unsafe { core::arch::asm!("msr daifset, #0xf", "wfi", options(nomem, nostack)) };
    }
}
