//! defmt transport: rzcobs-encoded frames into a per-core ring in memory,
//! drained at idle to UART1 (the second QEMU `-serial`, keeping UART0 for
//! plain text), or with feature `rtt` into a SEGGER RTT up channel for
//! probe-rs on a board ([`rtt`]).
//!
//! **No lock, no device on the logging path.** A frame is encoded into the
//! logging core's own ring with that core's interrupts masked (so a handler
//! cannot interleave a frame of its own), which takes a few hundred
//! instructions and touches nothing another core uses except the ring's
//! published head. Frames leave the rings only through [`drain`], which
//! whoever runs at idle calls (rt-core's idle loop, [`crate::wfi_unless`], a
//! test program's wait loop) with interrupts unmasked; a try-lock lets one
//! core drain at a time, and a core that finds it taken goes on without
//! waiting. [`crate::exit`] drains everything that is complete.
//!
//! Each ring is single-producer (its core) single-consumer (the drainer):
//! the producer writes a frame past the published head and publishes it
//! (Release) at the frame's end; the drainer moves whole frames (each ends
//! in the rzcobs terminator, a zero byte) and frees their space by
//! publishing the tail (Release). A frame that does not fit in its ring is
//! dropped whole and counted ([`dropped`]), never waited for: an oob handler
//! must not block on a device.

use crate::boot::MAX_CORES;
use core::cell::UnsafeCell;
use core::sync::atomic::{AtomicBool, AtomicU32, Ordering};

#[cfg(feature = "rtt")]
pub mod rtt;

defmt::timestamp!("{=u64:us}", {
    let f = crate::timer::frequency().max(1);
    crate::timer::now() as u128 as u64 * 1_000_000 / f
});

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

struct CoreLog {
    buf: UnsafeCell<[u8; RING]>,
    head: AtomicU32,
    tail: AtomicU32,
    dropped: AtomicU32,
    encoder: UnsafeCell<defmt::Encoder>,
    cursor: UnsafeCell<Cursor>,
}

// SAFETY: `encoder`, `cursor` and the bytes past `head` belong to the
// owning core (interrupts masked); bytes between `tail` and `head` are read
// only by the drainer holding DRAINING; the indices are atomics. Bytes are
// reached through raw pointers, never a reference to the whole array.
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

    fn byte(&self, i: u32) -> *mut u8 {
        (self.buf.get() as *mut u8).wrapping_add(i as usize % RING)
    }

    /// The cursor (owning core, between acquire and release).
    #[allow(clippy::mut_from_ref)]
    fn cursor(&self) -> &mut Cursor {
        // SAFETY: see the Sync impl; every borrow is short and none
        // overlaps another.
        unsafe { &mut *self.cursor.get() }
    }

    /// The encoder (owning core, between acquire and release).
    #[allow(clippy::mut_from_ref)]
    fn encoder(&self) -> &mut defmt::Encoder {
        // SAFETY: as for `cursor`; the encoder's callback touches only the
        // cursor and the buffer.
        unsafe { &mut *self.encoder.get() }
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
            // SAFETY: slot `pos` is past the published head and short of
            // the tail's wrap, so only this core touches it.
            unsafe { self.byte(c.pos).write(b) };
            c.pos = c.pos.wrapping_add(1);
        }
    }

    /// Hands every published frame to `sink`, oldest first, until the ring
    /// is empty or the sink is full (the drainer only). Returns the bytes
    /// moved and whether the ring was emptied.
    fn drain_to(&self, sink: &mut impl Sink) -> (usize, bool) {
        let head = self.head.load(Ordering::Acquire);
        let mut tail = self.tail.load(Ordering::Relaxed);
        let mut n = 0;
        while tail != head {
            // The published bytes end on a frame's terminator, so one is
            // found before `head`.
            let mut end = tail;
            // SAFETY: published by the producer (Acquire above) and not
            // reused until `tail` moves past it.
            while unsafe { self.byte(end).read() } != 0 {
                end = end.wrapping_add(1);
            }
            let len = end.wrapping_sub(tail) as usize + 1;
            let start = tail as usize % RING;
            let first = len.min(RING - start);
            // SAFETY: as above; the slices cover published bytes only.
            let (a, b) = unsafe {
                (
                    core::slice::from_raw_parts(self.byte(tail), first),
                    core::slice::from_raw_parts(self.buf.get() as *const u8, len - first),
                )
            };
            if !sink.frame(a, b) {
                return (n, false);
            }
            tail = end.wrapping_add(1);
            self.tail.store(tail, Ordering::Release);
            n += len;
        }
        (n, true)
    }
}

static LOGS: [CoreLog; MAX_CORES] = [const { CoreLog::new() }; MAX_CORES];
static DRAINING: AtomicBool = AtomicBool::new(false);

#[defmt::global_logger]
struct RingLogger;

fn mine() -> &'static CoreLog {
    &LOGS[crate::core_id()]
}

// SAFETY: acquire masks this core's interrupts until release, so frames of
// one core never interleave; different cores use different rings.
unsafe impl defmt::Logger for RingLogger {
    fn acquire() {
        let daif = crate::sync::mask_all();
        let log = mine();
        // Re-entered only by a crash inside the logger: starting from the
        // published head abandons the broken frame.
        let c = log.cursor();
        c.daif = daif;
        c.pos = log.head.load(Ordering::Relaxed);
        c.overflow = false;
        log.encoder().start_frame(|b| log.push(b));
    }

    unsafe fn flush() {
        // Frames are complete in memory once released; moving them out is
        // `drain`'s job, at idle, never inside a frame.
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

/// Where drained frames go.
trait Sink {
    /// Takes the frame `a ++ b` whole, or refuses it (full for now).
    fn frame(&mut self, a: &[u8], b: &[u8]) -> bool;
}

/// UART1, polled: always takes the frame.
#[cfg(not(feature = "rtt"))]
struct Out(crate::uart::Uart);

#[cfg(not(feature = "rtt"))]
impl Sink for Out {
    fn frame(&mut self, a: &[u8], b: &[u8]) -> bool {
        a.iter().chain(b).for_each(|&x| self.0.write_byte(x));
        true
    }
}

#[cfg(not(feature = "rtt"))]
fn out() -> Out {
    // SAFETY: UART1 belongs to the drainer, which holds DRAINING.
    Out(unsafe { crate::uart::Uart::new(crate::uart::UART1_BASE) })
}

/// The RTT up channel: takes a frame when it fits.
#[cfg(feature = "rtt")]
struct Out;

#[cfg(feature = "rtt")]
impl Sink for Out {
    fn frame(&mut self, a: &[u8], b: &[u8]) -> bool {
        rtt::put_frame(a, b)
    }
}

#[cfg(feature = "rtt")]
fn out() -> Out {
    Out
}

fn drain_locked() -> usize {
    let mut sink = out();
    let mut n = 0;
    for log in &LOGS {
        let (moved, emptied) = log.drain_to(&mut sink);
        n += moved;
        if !emptied {
            break;
        }
    }
    n
}

/// Moves complete defmt frames from the per-core rings to UART1 (or RTT),
/// unless another core is at it. Call at idle (interrupts unmasked), never
/// from an oob handler. Returns the bytes moved.
pub fn drain() -> usize {
    if DRAINING.compare_exchange(false, true, Ordering::Acquire, Ordering::Relaxed).is_err() {
        return 0;
    }
    let n = drain_locked();
    DRAINING.store(false, Ordering::Release);
    n
}

/// Frames `core` dropped because its ring was full.
pub fn dropped(core: usize) -> u32 {
    LOGS.get(core).map_or(0, |l| l.dropped.load(Ordering::Relaxed))
}

/// Drains at the end of the run ([`crate::exit`]): waits a bounded time for
/// a drain in progress elsewhere, then drains regardless (a core that
/// crashed while draining must not keep the last frames in).
pub(crate) fn drain_final() {
    let mut spins = 0u32;
    while DRAINING.compare_exchange(false, true, Ordering::Acquire, Ordering::Relaxed).is_err() && spins < 1_000_000 {
        spins += 1;
        core::hint::spin_loop();
    }
    drain_locked();
    #[cfg(not(feature = "rtt"))]
    out().0.flush_tx();
    DRAINING.store(false, Ordering::Release);
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
