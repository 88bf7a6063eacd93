//! The SEGGER RTT control block the board build's defmt frames go to: one
//! up channel, "defmt", in the layout probe-rs reads (the one defmt-rtt
//! uses, with 64-bit pointers on AArch64). Only [`super::drain`] writes it,
//! a whole frame at a time and never waiting: a frame that does not fit
//! stays in its core's ring until the probe has read enough.
//!
//! The probe reads memory through the debug port, which does not look into
//! the A53's caches, so every write is cleaned to the point of coherency
//! (`dc cvac`) before the write offset is published, and the offset after.
//! (QEMU has no caches to clean; on a board this is not verified here.)

use core::cell::UnsafeCell;
use core::sync::atomic::{AtomicU32, Ordering};

/// Bytes of the up buffer.
pub const SIZE: usize = 4096;

#[repr(C)]
struct Channel {
    name: *const u8,
    buffer: *mut u8,
    size: u32,
    /// Written by the target.
    write: AtomicU32,
    /// Written by the host.
    read: AtomicU32,
    flags: AtomicU32,
}

#[repr(C)]
pub struct Header {
    id: [u8; 16],
    max_up_channels: u32,
    max_down_channels: u32,
    up: Channel,
}

// SAFETY: the pointers are to statics; the buffer is written only by the
// drainer (one at a time, `DRAINING` in the logger) and read by the probe.
unsafe impl Sync for Header {}

struct Buffer(UnsafeCell<[u8; SIZE]>);
// SAFETY: as for Header.
unsafe impl Sync for Buffer {}

static BUFFER: Buffer = Buffer(UnsafeCell::new([0; SIZE]));
static NAME: [u8; 6] = *b"defmt\0";
/// Channel mode 0: skip (drop) what does not fit rather than block.
const MODE_NO_BLOCK_SKIP: u32 = 0;

#[no_mangle]
pub static _SEGGER_RTT: Header = Header {
    id: *b"SEGGER RTT\0\0\0\0\0\0",
    max_up_channels: 1,
    max_down_channels: 0,
    up: Channel {
        name: NAME.as_ptr(),
        buffer: BUFFER.0.get() as *mut u8,
        size: SIZE as u32,
        write: AtomicU32::new(0),
        read: AtomicU32::new(0),
        flags: AtomicU32::new(MODE_NO_BLOCK_SKIP),
    },
};

fn clean(addr: *const u8, len: usize) {
    const LINE: usize = 64;
    let mut a = addr as usize & !(LINE - 1);
    while a < addr as usize + len {
        // SAFETY: cache maintenance by VA of a static; memory is unchanged.
        unsafe { core::arch::asm!("dc cvac, {}", in(reg) a, options(nostack)) };
        a += LINE;
    }
    // SAFETY: a barrier only.
    unsafe { core::arch::asm!("dsb sy", options(nostack)) };
}

/// Appends the frame `a ++ b` if it fits whole; returns whether it did.
pub fn put_frame(a: &[u8], b: &[u8]) -> bool {
    let up = &_SEGGER_RTT.up;
    let len = a.len() + b.len();
    let write = up.write.load(Ordering::Relaxed) as usize;
    let read = up.read.load(Ordering::Acquire) as usize % SIZE;
    // One slot stays free: write == read means empty.
    let free = (read + SIZE - write - 1) % SIZE;
    if len > free {
        return false;
    }
    let buf = BUFFER.0.get() as *mut u8;
    let mut w = write;
    for &x in a.iter().chain(b) {
        // SAFETY: `w` < SIZE; the bytes between write and read are free.
        unsafe { buf.add(w).write_volatile(x) };
        w = (w + 1) % SIZE;
    }
    if w >= write {
        clean(buf.wrapping_add(write), len);
    } else {
        clean(buf.wrapping_add(write), SIZE - write);
        clean(buf, w);
    }
    up.write.store(w as u32, Ordering::Release);
    clean(up.write.as_ptr() as *const u8, 4);
    true
}
