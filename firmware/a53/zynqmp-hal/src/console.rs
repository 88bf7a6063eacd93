//! Plain-text console on UART0, for people and for the fault report's
//! human-readable copy. Serialised across cores by the critical section.

use crate::uart::{Uart, UART0_BASE};
use core::fmt::Write;

pub(crate) fn init() {
    // SAFETY: UART0 belongs to the console; called once on core 0.
    let mut u = unsafe { Uart::new(UART0_BASE) };
    u.init(None);
}

/// Writes formatted text to UART0 (used by the `println!` macro).
pub fn write_fmt(args: core::fmt::Arguments) {
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
