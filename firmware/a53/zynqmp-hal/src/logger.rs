//! defmt transport. Default: rzcobs-encoded frames on UART1 (the second
//! QEMU `-serial`), keeping UART0 for plain text. With feature `rtt`,
//! defmt-rtt is the global logger instead (probe-rs on a board).
//!
//! Frames from several cores and from interrupt handlers must not
//! interleave, so a frame is written inside the SMP critical section
//! (exceptions masked on this core, global lock): logging adds to interrupt
//! latency while a frame is being written, which is why oob hot paths log
//! nothing.

// defmt-rtt registers its own `#[global_logger]`; this pulls it in.
#[cfg(feature = "rtt")]
use defmt_rtt as _;

defmt::timestamp!("{=u64:us}", {
    let f = crate::timer::frequency().max(1);
    crate::timer::now() as u128 as u64 * 1_000_000 / f
});

#[cfg(not(feature = "rtt"))]
mod uart_logger {
    use crate::uart::{Uart, UART1_BASE};
    use core::cell::UnsafeCell;

    #[defmt::global_logger]
    struct UartLogger;

    struct State {
        encoder: defmt::Encoder,
        restore: critical_section::RestoreState,
        uart: Uart,
    }

    struct Shared(UnsafeCell<State>);
    // SAFETY: only touched between acquire and release, inside the SMP
    // critical section.
    unsafe impl Sync for Shared {}

    static STATE: Shared = Shared(UnsafeCell::new(State {
        encoder: defmt::Encoder::new(),
        restore: critical_section::RestoreState::invalid(),
        // SAFETY: UART1 is owned by this logger.
        uart: unsafe { Uart::new(UART1_BASE) },
    }));

    // SAFETY: acquire/release bracket every access to STATE with the
    // critical section; defmt calls write/flush only in between.
    unsafe impl defmt::Logger for UartLogger {
        fn acquire() {
            // SAFETY: released in `release`.
            let restore = unsafe { critical_section::acquire() };
            // SAFETY: we hold the critical section.
            let s = unsafe { &mut *STATE.0.get() };
            s.restore = restore;
            let uart = &mut s.uart;
            s.encoder.start_frame(|b| b.iter().for_each(|&x| uart.write_byte(x)));
        }

        unsafe fn flush() {
            // SAFETY: between acquire and release.
            unsafe { (*STATE.0.get()).uart.flush_tx() };
        }

        unsafe fn release() {
            // SAFETY: between acquire and release.
            let s = unsafe { &mut *STATE.0.get() };
            let uart = &mut s.uart;
            s.encoder.end_frame(|b| b.iter().for_each(|&x| uart.write_byte(x)));
            let restore = s.restore;
            // SAFETY: pairs with the acquire above.
            unsafe { critical_section::release(restore) };
        }

        unsafe fn write(bytes: &[u8]) {
            // SAFETY: between acquire and release.
            let s = unsafe { &mut *STATE.0.get() };
            let uart = &mut s.uart;
            s.encoder.write(bytes, |b| b.iter().for_each(|&x| uart.write_byte(x)));
        }
    }
}

/// Initialises the UART the defmt frames go to (nothing for RTT).
pub(crate) fn init() {
    #[cfg(not(feature = "rtt"))]
    {
        // SAFETY: called once on core 0 before anything logs.
        let mut u = unsafe { crate::uart::Uart::new(crate::uart::UART1_BASE) };
        u.init(None);
    }
}
