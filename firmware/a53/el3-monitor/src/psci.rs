//! SMC dispatch: PSCI 1.1 (Arm DEN0022D) for Linux's CPUs, SMCCC (Arm
//! DEN0028) "NOT_SUPPORTED" (-1) for every other function ID, including the
//! ZynqMP SiP calls of Xilinx's firmware interface and all yielding calls.
//!
//! Every call is logged (function, arguments, result) so the tests can list
//! the PSCI calls Linux made. Nothing here dereferences an address from the
//! caller: CPU_ON's entry point is checked against Linux's RAM and only
//! handed back to the Normal world on the target CPU, so an SMC cannot make
//! EL3 read or write Secure memory. The oob CPU is not Linux's: CPU_ON and
//! AFFINITY_INFO naming it get INVALID_PARAMETERS, and CPU_OFF/CPU_SUSPEND
//! only ever act on the calling CPU.

use crate::{log, power};
use partition_map as map;

pub const SUCCESS: i32 = 0;
pub const NOT_SUPPORTED: i32 = -1;
pub const INVALID_PARAMETERS: i32 = -2;
pub const DENIED: i32 = -3;
pub const ALREADY_ON: i32 = -4;
pub const ON_PENDING: i32 = -5;
pub const INVALID_ADDRESS: i32 = -9;

/// PSCI 1.1: major 1, minor 1.
pub const VERSION: i32 = 0x0001_0001;
/// MIGRATE_INFO_TYPE: 2 = no Trusted OS that needs migration (the oob core
/// is pinned to its own CPU and Linux never migrates it).
pub const MIGRATE_INFO_TYPE_NONE: i32 = 2;

pub const PSCI_VERSION: u32 = 0x8400_0000;
pub const CPU_SUSPEND: u32 = 0x8400_0001;
pub const CPU_SUSPEND64: u32 = 0xC400_0001;
pub const CPU_OFF: u32 = 0x8400_0002;
pub const CPU_ON: u32 = 0x8400_0003;
pub const CPU_ON64: u32 = 0xC400_0003;
pub const AFFINITY_INFO: u32 = 0x8400_0004;
pub const AFFINITY_INFO64: u32 = 0xC400_0004;
pub const MIGRATE_INFO_TYPE: u32 = 0x8400_0006;
pub const SYSTEM_OFF: u32 = 0x8400_0008;
pub const SYSTEM_RESET: u32 = 0x8400_0009;
pub const PSCI_FEATURES: u32 = 0x8400_000A;

/// Exit code of SYSTEM_RESET under QEMU (SYSTEM_OFF exits with 0).
pub const EXIT_RESET: u32 = 82;

/// One SMC as the entry code decoded it.
pub struct Call {
    pub cpu: usize,
    pub normal_world: bool,
    /// The SMC instruction's immediate (SMCCC callers use 0).
    pub imm: u16,
    pub fid: u32,
    pub args: [u64; 3],
}

pub fn name(fid: u32) -> &'static str {
    match fid {
        PSCI_VERSION => "PSCI_VERSION",
        CPU_SUSPEND | CPU_SUSPEND64 => "CPU_SUSPEND",
        CPU_OFF => "CPU_OFF",
        CPU_ON | CPU_ON64 => "CPU_ON",
        AFFINITY_INFO | AFFINITY_INFO64 => "AFFINITY_INFO",
        MIGRATE_INFO_TYPE => "MIGRATE_INFO_TYPE",
        SYSTEM_OFF => "SYSTEM_OFF",
        SYSTEM_RESET => "SYSTEM_RESET",
        PSCI_FEATURES => "PSCI_FEATURES",
        _ => "unknown",
    }
}

fn implemented(fid: u32) -> bool {
    name(fid) != "unknown"
}

/// Handles one SMC and returns x0.
pub fn handle(c: &Call) -> i32 {
    let world = if c.normal_world { "NS" } else { "S" };
    // The end of the run is logged before it happens.
    if matches!(c.fid, SYSTEM_OFF | SYSTEM_RESET) && c.imm == 0 {
        log::line(format_args!("el3: psci cpu{} {world} {}({:#x}) -> exit", c.cpu, name(c.fid), c.fid));
        log::exit(if c.fid == SYSTEM_OFF { 0 } else { EXIT_RESET });
    }
    if c.fid == CPU_OFF && c.imm == 0 {
        let r = cpu_off_allowed(c.cpu);
        log::line(format_args!("el3: psci cpu{} {world} CPU_OFF({:#x}) -> {}", c.cpu, c.fid, r.unwrap_or(SUCCESS)));
        if r.is_none() {
            power::cpu_off(c.cpu);
        }
        return DENIED;
    }
    let r = dispatch(c);
    log::line(format_args!(
        "el3: psci cpu{} {world} {}({:#x}, {:#x}, {:#x}, {:#x}) -> {r}",
        c.cpu,
        name(c.fid),
        c.fid,
        c.args[0],
        c.args[1],
        c.args[2]
    ));
    r
}

/// `None`: the caller may go off; `Some(code)`: refused.
fn cpu_off_allowed(cpu: usize) -> Option<i32> {
    if map::LINUX_CPUS.contains(&cpu) {
        None
    } else {
        Some(DENIED)
    }
}

/// A Linux CPU named by an MPIDR argument (Aff0 only: one cluster).
fn linux_cpu(mpidr: u64) -> Option<usize> {
    let cpu = (mpidr & 0xff) as usize;
    (mpidr & !0xff_u64 & 0xff_00ff_ffff == 0 && map::LINUX_CPUS.contains(&cpu)).then_some(cpu)
}

fn dispatch(c: &Call) -> i32 {
    // SMCCC: a non-zero immediate, a yielding call (bit 31 clear) or an
    // unknown fast call are all "not supported".
    if c.imm != 0 || !implemented(c.fid) {
        return NOT_SUPPORTED;
    }
    let smc64 = c.fid & (1 << 30) != 0;
    let arg = |i: usize| if smc64 { c.args[i] } else { c.args[i] & 0xffff_ffff };
    match c.fid {
        PSCI_VERSION => VERSION,
        PSCI_FEATURES => {
            let f = arg(0);
            if f <= u32::MAX as u64 && implemented(f as u32) {
                // CPU_SUSPEND: original power_state format, no OS-initiated
                // mode (bits 1 and 0 clear); others: supported.
                SUCCESS
            } else {
                NOT_SUPPORTED
            }
        }
        MIGRATE_INFO_TYPE => MIGRATE_INFO_TYPE_NONE,
        CPU_ON | CPU_ON64 => cpu_on(arg(0), arg(1), arg(2)),
        AFFINITY_INFO | AFFINITY_INFO64 => {
            if arg(1) != 0 {
                return INVALID_PARAMETERS; // only affinity level 0
            }
            match linux_cpu(arg(0)) {
                Some(cpu) => power::state(cpu) as i32,
                None => INVALID_PARAMETERS,
            }
        }
        CPU_SUSPEND | CPU_SUSPEND64 => cpu_suspend(c.cpu, arg(0)),
        _ => NOT_SUPPORTED,
    }
}

fn cpu_on(mpidr: u64, entry: u64, context_id: u64) -> i32 {
    let Some(cpu) = linux_cpu(mpidr) else { return INVALID_PARAMETERS };
    if !map::is_linux_entry(entry) {
        return INVALID_ADDRESS;
    }
    match power::cpu_on(cpu, entry, context_id) {
        Ok(()) => SUCCESS,
        Err(power::State::On) => ALREADY_ON,
        Err(_) => ON_PENDING,
    }
}

/// Standby states only (power_state.StateType, bit 16, clear): the core
/// waits for an interrupt here and returns. Power-down states would need
/// the core's context saved and a warm-boot entry: not offered.
fn cpu_suspend(cpu: usize, power_state: u64) -> i32 {
    if !map::LINUX_CPUS.contains(&cpu) {
        return DENIED;
    }
    if power_state & (1 << 16) != 0 {
        return INVALID_PARAMETERS;
    }
    // SAFETY: WFI only; a pending interrupt for the Normal world wakes the
    // core and is taken at EL1 after the return.
    unsafe { core::arch::asm!("dsb sy", "wfi", options(nomem, nostack)) };
    SUCCESS
}
