//! Plain-text console on UART0, for people and for the fault report's
//! human-readable copy. Serialised across cores by the critical section.
//!
//! Under an EL3 monitor (partitioned mode) UART0 is Linux's console: the
//! text then goes out as defmt frames on the firmware's own channel
//! instead, and UART0 is never touched.

use crate::uart::{Uart, UART0_BASE};
use core::fmt::Write;
use core::sync::atomic::{AtomicBool, Ordering};

static ON_UART0: AtomicBool = AtomicBool::new(false);

pub(crate) fn init(uart0: bool) {
    if uart0 {
        // SAFETY: UART0 belongs to the console; called once on core 0.
        let mut u = unsafe { Uart::new(UART0_BASE) };
        u.init(None);
    }
    ON_UART0.store(uart0, Ordering::Relaxed);
}

/// Writes formatted text to UART0 (used by the `println!` macro), or to
/// the defmt log when UART0 is not ours.
pub fn write_fmt(args: core::fmt::Arguments) {
    if !ON_UART0.load(Ordering::Relaxed) {
        defmt::println!("{}", defmt::Display2Format(&args));
        return;
    }
    critical_section::with(|_| {
        // SAFETY: serialised by the critical section.
        let mut u = unsafe { Uart::new(UART0_BASE) };
        let _ = u.write_fmt(args);
    });
}

/// `println!` to the UART0 console.
#[macro_export]
macro_rules! println {
    ($($arg:tt)*) => {
        $crate::console::write_fmt(format_args!("{}\n", format_args!($($arg)*)))
    };
}
