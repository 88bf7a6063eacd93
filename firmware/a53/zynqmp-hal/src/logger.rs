//! defmt transport. Default: rzcobs-encoded frames into a per-core ring in
//! memory, drained to UART1 (the second QEMU `-serial`, keeping UART0 for
//! plain text) at idle. With feature `rtt`, defmt-rtt is the global logger
//! instead (probe-rs on a board; see the README for what that costs).
//!
//! **No lock, no UART on the logging path.** A frame is encoded into the
//! logging core's own ring with that core's interrupts masked (so a handler
//! cannot interleave a frame of its own), which takes a few hundred
//! instructions and touches nothing another core uses except the ring's
//! published head. The UART is written only by [`drain`], which whoever
//! runs at idle calls (rt-core's idle loop, [`crate::wfi_unless`], a test
//! program's wait loop) with interrupts unmasked; a try-lock lets one core
//! drain at a time, and a core that finds it taken goes on without waiting.
//! [`crate::exit`] drains everything that is complete.
//!
//! Each ring is single-producer (its core) single-consumer (the drainer):
//! the producer writes a frame past the published head and publishes it
//! (Release) at the frame's end; the drainer reads up to the head (Acquire)
//! and frees space by publishing the tail (Release). A frame that does not
//! fit is dropped whole and counted ([`dropped`]), never waited for: an oob
//! handler must not block on the UART.

// defmt-rtt registers its own `#[global_logger]`; this pulls it in.
#[cfg(feature = "rtt")]
use defmt_rtt as _;

defmt::timestamp!("{=u64:us}", {
    let f = crate::timer::frequency().max(1);
    crate::timer::now() as u128 as u64 * 1_000_000 / f
});

#[cfg(not(feature = "rtt"))]
mod ring_logger {
    use crate::boot::MAX_CORES;
    use crate::uart::{Uart, UART1_BASE};
    use core::cell::UnsafeCell;
    use core::sync::atomic::{AtomicBool, AtomicU32, Ordering};

    /// Bytes per core's ring (a power of two).
    pub const RING: usize = 16 * 1024;

    /// The frame being written, touched only by the owning core between
    /// `acquire` and `release` (interrupts masked). Kept apart from the
    /// encoder, whose byte callback updates it.
    struct Cursor {
        daif: u64,
        /// Where the frame goes on (ahead of the published `head`).
        pos: u32,
        overflow: bool,
    }

    pub struct CoreLog {
        buf: UnsafeCell<[u8; RING]>,
        head: AtomicU32,
        tail: AtomicU32,
        pub dropped: AtomicU32,
        encoder: UnsafeCell<defmt::Encoder>,
        cursor: UnsafeCell<Cursor>,
    }

    // SAFETY: `encoder`, `cursor` and the bytes past `head` belong to the
    // owning core (interrupts masked); bytes between `tail` and `head` are
    // read only by the drainer holding DRAINING; the indices are atomics.
    unsafe impl Sync for CoreLog {}

    impl CoreLog {
        const fn new() -> CoreLog {
            CoreLog {
                buf: UnsafeCell::new([0; RING]),
                head: AtomicU32::new(0),
                tail: AtomicU32::new(0),
                dropped: AtomicU32::new(0),
                encoder: UnsafeCell::new(defmt::Encoder::new()),
                cursor: UnsafeCell::new(Cursor { daif: 0, pos: 0, overflow: false }),
            }
        }

        /// The cursor (owning core, between acquire and release).
        #[allow(clippy::mut_from_ref)]
        fn cursor(&self) -> &mut Cursor {
            // SAFETY: see the Sync impl; every borrow is short and none
            // overlaps another.
            unsafe { &mut *self.cursor.get() }
        }

        /// Appends the bytes of the current frame (owning core only).
        fn push(&self, bytes: &[u8]) {
            let c = self.cursor();
            let tail = self.tail.load(Ordering::Acquire);
            for &b in bytes {
                if c.overflow || c.pos.wrapping_sub(tail) as usize >= RING {
                    c.overflow = true;
                    return;
                }
                // SAFETY: slot `pos` is past the published head and short
                // of the tail's wrap, so only this core touches it.
                unsafe { (*self.buf.get())[c.pos as usize % RING] = b };
                c.pos = c.pos.wrapping_add(1);
            }
        }

        /// The encoder (owning core, between acquire and release).
        #[allow(clippy::mut_from_ref)]
        fn encoder(&self) -> &mut defmt::Encoder {
            // SAFETY: as for `cursor`; the encoder's callback touches only
            // the cursor and the buffer.
            unsafe { &mut *self.encoder.get() }
        }

        /// Copies every published byte to `uart` (the drainer only).
        fn drain_to(&self, uart: &mut Uart) -> usize {
            let head = self.head.load(Ordering::Acquire);
            let mut tail = self.tail.load(Ordering::Relaxed);
            let n = head.wrapping_sub(tail) as usize;
            while tail != head {
                // SAFETY: published by the producer (Acquire above) and not
                // reused until `tail` moves past it.
                let b = unsafe { (*self.buf.get())[tail as usize % RING] };
                uart.write_byte(b);
                tail = tail.wrapping_add(1);
                if tail % 256 == 0 {
                    self.tail.store(tail, Ordering::Release);
                }
            }
            self.tail.store(tail, Ordering::Release);
            n
        }
    }

    pub static LOGS: [CoreLog; MAX_CORES] = [const { CoreLog::new() }; MAX_CORES];
    static DRAINING: AtomicBool = AtomicBool::new(false);

    #[defmt::global_logger]
    struct RingLogger;

    fn mine() -> &'static CoreLog {
        &LOGS[crate::core_id()]
    }

    // SAFETY: acquire masks this core's interrupts until release, so frames
    // of one core never interleave; different cores use different rings.
    unsafe impl defmt::Logger for RingLogger {
        fn acquire() {
            let daif = crate::sync::mask_all();
            let log = mine();
            // Re-entered only by a crash inside the logger: starting from
            // the published head abandons the broken frame.
            let c = log.cursor();
            c.daif = daif;
            c.pos = log.head.load(Ordering::Relaxed);
            c.overflow = false;
            log.encoder().start_frame(|b| log.push(b));
        }

        unsafe fn flush() {
            // Frames are complete in memory once released; moving them to
            // the UART is `drain`'s job, at idle, never inside a frame.
        }

        unsafe fn release() {
            let log = mine();
            log.encoder().end_frame(|b| log.push(b));
            let c = log.cursor();
            if c.overflow {
                log.dropped.fetch_add(1, Ordering::Relaxed);
            } else {
                log.head.store(c.pos, Ordering::Release);
            }
            crate::sync::restore(c.daif);
        }

        unsafe fn write(bytes: &[u8]) {
            let log = mine();
            log.encoder().write(bytes, |b| log.push(b));
        }
    }

    /// Drains every core's published frames to UART1 unless another core
    /// is draining. Returns the bytes written.
    pub fn drain() -> usize {
        if DRAINING.compare_exchange(false, true, Ordering::Acquire, Ordering::Relaxed).is_err() {
            return 0;
        }
        let n = drain_locked();
        DRAINING.store(false, Ordering::Release);
        n
    }

    fn drain_locked() -> usize {
        // SAFETY: UART1 belongs to the drainer, and DRAINING is held.
        let mut uart = unsafe { Uart::new(UART1_BASE) };
        LOGS.iter().map(|l| l.drain_to(&mut uart)).sum()
    }

    /// Drains at the end of the run: waits a bounded time for a drain in
    /// progress elsewhere, then drains regardless (a core that crashed
    /// while draining must not keep the last frames in).
    pub fn drain_final() {
        let mut spins = 0u32;
        while DRAINING.compare_exchange(false, true, Ordering::Acquire, Ordering::Relaxed).is_err() && spins < 1_000_000 {
            spins += 1;
            core::hint::spin_loop();
        }
        drain_locked();
        // SAFETY: as in drain_locked.
        unsafe { Uart::new(UART1_BASE) }.flush_tx();
        DRAINING.store(false, Ordering::Release);
    }
}

/// Moves complete defmt frames from the per-core rings to UART1, unless
/// another core is at it. Call at idle (interrupts unmasked), never from
/// an oob handler. Returns the bytes written (0 with feature `rtt`).
pub fn drain() -> usize {
    #[cfg(not(feature = "rtt"))]
    return ring_logger::drain();
    #[cfg(feature = "rtt")]
    0
}

/// Frames `core` dropped because its ring was full.
pub fn dropped(core: usize) -> u32 {
    #[cfg(not(feature = "rtt"))]
    return ring_logger::LOGS.get(core).map_or(0, |l| l.dropped.load(core::sync::atomic::Ordering::Relaxed));
    #[cfg(feature = "rtt")]
    {
        let _ = core;
        0
    }
}

/// Drains everything before the machine stops ([`crate::exit`]).
pub(crate) fn drain_final() {
    #[cfg(not(feature = "rtt"))]
    ring_logger::drain_final();
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
