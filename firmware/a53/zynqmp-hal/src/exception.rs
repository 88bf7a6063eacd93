//! Rust side of the vectors: interrupt dispatch, the resume hook, and the
//! crash report for everything unexpected (and for panics).
//!
//! The crash report goes out as a defmt `error!` frame (ESR_EL1, ELR_EL1,
//! FAR_EL1, SPSR, exception class) and as one plain-text line on UART0, then
//! the core stops ([`crate::exit`]).

use crate::vectors::{Frame, Kind};
use aarch64_cpu::registers::{Readable, ESR_EL1, FAR_EL1};
use core::sync::atomic::{AtomicUsize, Ordering};

/// Called at the end of every IRQ/FIQ with the interrupted frame; returns the
/// frame to resume (a scheduler returns another task's frame to switch).
pub type ResumeHook = fn(*mut Frame) -> *mut Frame;

static RESUME_HOOK: AtomicUsize = AtomicUsize::new(0);

pub fn set_resume_hook(h: ResumeHook) {
    RESUME_HOOK.store(h as *const () as usize, Ordering::Release);
}

pub(crate) extern "C" fn dispatch(kind: u64, frame: *mut Frame) -> *mut Frame {
    match kind {
        1 => crate::gic::handle(true),
        2 => crate::gic::handle(false),
        // No synchronous exception is expected (no SVC, no lazy FP):
        // every one is a crash.
        0 => fatal(Kind::Sync, frame),
        3 => fatal(Kind::SError, frame),
        _ => fatal(Kind::Unexpected, frame),
    }
    let h = RESUME_HOOK.load(Ordering::Acquire);
    if h == 0 {
        frame
    } else {
        // SAFETY: only `ResumeHook` values are stored.
        let f: ResumeHook = unsafe { core::mem::transmute::<usize, ResumeHook>(h) };
        f(frame)
    }
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

fn fatal(kind: Kind, frame: *mut Frame) -> ! {
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
