//! Rust side of the vectors: the per-core exit work (how rt-core runs its
//! tasks at interrupt exit), and the crash report for everything unexpected
//! (and for panics).
//!
//! **Exit work.** Every interrupt exit tests one 32-bit word found through
//! TPIDR_EL1 (`vectors.rs`). A core that runs an rt-core scheduler names its
//! pending-task word with [`set_exit_work`], together with the function that
//! dispatches; every other core names a word that stays zero. So "anything
//! to run?" costs four instructions on the interrupt path, and only a
//! non-zero word takes the slow exit, which calls the function.
//!
//! The crash report goes out as a defmt `error!` frame (ESR_EL1, ELR_EL1,
//! FAR_EL1, SPSR, exception class) and as one plain-text line on UART0, then
//! the core stops ([`crate::exit`]).

use crate::boot::MAX_CORES;
use crate::vectors::{Frame, Kind};
use aarch64_cpu::registers::{Readable, ESR_EL1, FAR_EL1};
use core::sync::atomic::{AtomicPtr, AtomicU32, Ordering};

/// Called at interrupt exit, with every exception masked, when this core's
/// exit word is non-zero; returns with every exception masked. `extern "C"`:
/// the vectors call it from assembly.
pub type ExitWork = extern "C" fn();

/// What TPIDR_EL1 points at: the word the vectors test on every interrupt
/// exit, and the function they call when it is non-zero. The layout is
/// fixed by the assembly (word at 0, work at 8).
#[repr(C)]
pub(crate) struct CoreExit {
    word: AtomicPtr<AtomicU32>,
    work: AtomicPtr<()>,
}
pub(crate) const CORE_EXIT_WORK: usize = 8;
const _: () = assert!(core::mem::offset_of!(CoreExit, work) == CORE_EXIT_WORK);

/// The exit word of cores without exit work: always zero.
static NOTHING_TO_RUN: AtomicU32 = AtomicU32::new(0);
extern "C" fn no_work() {}

static CORE_EXIT: [CoreExit; MAX_CORES] = [const {
    CoreExit {
        word: AtomicPtr::new(&NOTHING_TO_RUN as *const AtomicU32 as *mut AtomicU32),
        work: AtomicPtr::new(no_work as ExitWork as *mut ()),
    }
}; MAX_CORES];

/// Per-core vector state, before this core unmasks interrupts: no exit work.
pub(crate) fn init_core() {
    let e = &CORE_EXIT[crate::core_id()];
    e.word.store(&NOTHING_TO_RUN as *const AtomicU32 as *mut AtomicU32, Ordering::Relaxed);
    e.work.store(no_work as ExitWork as *mut (), Ordering::Relaxed);
    // SAFETY: TPIDR_EL1 is this HAL's per-core pointer, read by the vectors
    // only. No `nomem`: the stores above must not sink below it.
    unsafe { core::arch::asm!("msr tpidr_el1, {}", in(reg) e as *const CoreExit, options(nostack)) };
}

/// Makes the calling core run `work` at the exit of any interrupt taken
/// while `word` is non-zero (an rt-core scheduler's pending word). Call it
/// with interrupts masked or before unmasking them.
pub fn set_exit_work(word: &'static AtomicU32, work: ExitWork) {
    let e = &CORE_EXIT[crate::core_id()];
    // The work first: an exit that sees the new word must find its work.
    e.work.store(work as *mut (), Ordering::Relaxed);
    e.word.store(word as *const AtomicU32 as *mut AtomicU32, Ordering::Relaxed);
}

/// A short name for an ESR exception class (Arm ARM D17.2.37).
pub fn ec_name(ec: u8) -> &'static str {
    match ec {
        0x00 => "unknown reason",
        0x01 => "WFI/WFE trap",
        0x07 => "FP/SIMD access trap",
        0x0E => "illegal execution state",
        0x15 => "SVC",
        0x18 => "MSR/MRS trap",
        0x20 | 0x21 => "instruction abort",
        0x22 => "PC alignment fault",
        0x24 | 0x25 => "data abort",
        0x26 => "SP alignment fault",
        0x2F => "SError",
        0x3C => "BRK",
        _ => "other",
    }
}

/// The vectors' fatal path (vectors.rs): no synchronous exception is
/// expected (no SVC, no FP trap), so every one is a crash.
pub(crate) extern "C" fn fatal_entry(kind: u64, frame: *mut Frame) -> ! {
    let kind = match kind {
        0 => Kind::Sync,
        3 => Kind::SError,
        _ => Kind::Unexpected,
    };
    // SAFETY: the vector passes the frame it just saved.
    let f = unsafe { &*frame };
    let esr = ESR_EL1.get();
    let far = FAR_EL1.get();
    let ec = (esr >> 26) as u8;
    let core = crate::core_id();
    defmt::error!(
        "CRASH core {=usize}: {} exception, ESR_EL1={=u64:#010x} (EC {=u8:#04x} {=str}) ELR_EL1={=u64:#x} FAR_EL1={=u64:#x} SPSR={=u64:#x}",
        core, kind, esr, ec, ec_name(ec), f.elr, far, f.spsr
    );
    crate::println!(
        "CRASH core {}: {:?} exception ESR_EL1={:#010x} ({}) ELR_EL1={:#x} FAR_EL1={:#x}",
        core, kind, esr, ec_name(ec), f.elr, far
    );
    crate::exit(crate::exit::EXIT_FAULT)
}

#[panic_handler]
fn panic(info: &core::panic::PanicInfo) -> ! {
    let core = crate::core_id();
    let (file, line) = info.location().map(|l| (l.file(), l.line())).unwrap_or(("?", 0));
    defmt::error!("PANIC core {=usize} at {=str}:{=u32}: {}", core, file, line, defmt::Display2Format(&info.message()));
    crate::println!("PANIC core {} at {}:{}: {}", core, file, line, info.message());
    crate::exit(crate::exit::EXIT_PANIC)
}

#[defmt::panic_handler]
fn defmt_panic() -> ! {
    core::panic!("defmt panic")
}
