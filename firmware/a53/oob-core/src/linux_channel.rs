//! The oob side of the channel to Linux in partitioned mode: two
//! `rt_core::channel::Ring`s in the shared region of `partition-map`
//! (mapped Non-secure by zynqmp-hal's MMU set-up, as Linux maps it), a
//! header Linux's channel module checks before it trusts the layout, and
//! the doorbells: oob -> Linux sets the channel's SPI pending at the GIC
//! distributor; Linux -> oob raises group-0 SGI 8 at this CPU.
//!
//! [`Service`] is the small request/reply protocol the QEMU tests drive
//! from Linux user space (through the module's character device). It only
//! takes a request when a reply slot is free, so a full oob -> Linux ring
//! never loses a reply: requests wait in their ring and are picked up on
//! the next doorbell or tick.

use core::sync::atomic::{fence, AtomicU32, AtomicU64, Ordering};
use partition_map::{self as map, shm};
use rt_core::channel::{Malformed, Ring, MAX_PAYLOAD};
use zynqmp_hal::gic::{self, Gic, Group};
use zynqmp_hal::timer;

pub type ChanRing = Ring<{ shm::RING_SLOTS }>;

fn at<T>(off: usize) -> *mut T {
    (map::SHARED.base as usize + off) as *mut T
}

/// The two rings, once [`init`] has laid them out.
pub struct Channel {
    pub to_linux: &'static ChanRing,
    pub to_oob: &'static ChanRing,
}

/// Lays out the shared region: rings empty, header filled, magic last
/// (release), so Linux never sees a half-made layout.
pub fn init() -> Channel {
    // SAFETY: the shared region is ours to lay out until the magic is
    // written; Linux's module refuses it before that. Addresses come from
    // partition-map and are mapped Non-secure, Normal, by mmu.rs.
    unsafe {
        let magic = &*at::<AtomicU64>(shm::HEADER_MAGIC);
        magic.store(0, Ordering::Relaxed);
        at::<ChanRing>(shm::TO_LINUX).write(Ring::new());
        at::<ChanRing>(shm::TO_OOB).write(Ring::new());
        at::<u32>(shm::HEADER_VERSION).write_volatile(shm::VERSION);
        at::<u32>(shm::HEADER_SLOTS).write_volatile(shm::RING_SLOTS as u32);
        at::<u32>(shm::HEADER_TO_LINUX).write_volatile(shm::TO_LINUX as u32);
        at::<u32>(shm::HEADER_TO_OOB).write_volatile(shm::TO_OOB as u32);
        fence(Ordering::SeqCst);
        magic.store(shm::MAGIC, Ordering::Release);
        Channel { to_linux: &*at::<ChanRing>(shm::TO_LINUX), to_oob: &*at::<ChanRing>(shm::TO_OOB) }
    }
}

/// Rings Linux's doorbell: its SPI pending at the distributor (a Secure
/// write may set any interrupt pending; Linux owns the SPI's group-1
/// configuration and its target CPU).
pub fn ring_linux() {
    // Messages before the doorbell.
    fence(Ordering::SeqCst);
    Gic::set_pending(map::DOORBELL_TO_LINUX_ID);
}

/// Routes Linux's doorbell (group-0 SGI 8) to this CPU's FIQ.
pub fn setup_doorbell(priority: u8, handler: zynqmp_hal::gic::Handler) {
    Gic::configure(map::DOORBELL_TO_OOB_SGI, Group::Oob, priority, None);
    Gic::set_handler(map::DOORBELL_TO_OOB_SGI, handler);
    Gic::enable(map::DOORBELL_TO_OOB_SGI);
}

/// Request and reply codes (first payload byte; little-endian fields).
pub mod op {
    /// [ECHO, seq u32] -> [ECHO_REPLY, seq u32]
    pub const ECHO: u8 = 0x01;
    /// [STATS] -> [STATS_REPLY, 0, 0, 0, rx, tx, malformed, bad_seq,
    /// unknown, ticks, work, doorbells, unhandled, spurious] (u32 each;
    /// `unhandled`: interrupts this CPU acknowledged without a handler,
    /// i.e. anything of Linux's that reached it).
    pub const STATS: u8 = 0x02;
    /// [LATENESS, b'R', 0, 0, deadlines u32] starts a window of that many
    /// deadlines of the oob tick (1 to [`MAX_WINDOW`](super::MAX_WINDOW)),
    /// [LATENESS, b'R'] one of [`DEFAULT_WINDOW`](super::DEFAULT_WINDOW);
    /// [LATENESS, label] reports it: [LATENESS_REPLY, label, complete, 0,
    /// count u32, max u32], its histogram going to the defmt log.
    pub const LATENESS: u8 = 0x03;
    /// [MALFORMED] -> one slot whose length word is 0xFFFF, then
    /// [MALFORMED_REPLY]: lets the test check Linux drops and counts it.
    pub const MALFORMED: u8 = 0x04;
    /// [WORK, 0, 0, 0, us u32] -> [WORK_REPLY, 0, 0, 0, us u32] after `us`
    /// microseconds (at most [`MAX_WORK_US`](super::MAX_WORK_US)) of work
    /// in the service: the stand-in for an expensive call into the oob
    /// core, which must never delay the oob tick.
    pub const WORK: u8 = 0x05;
    pub const REPLY: u8 = 0x80;
    pub const UNKNOWN_REPLY: u8 = 0xFF;
}

/// Lateness windows: the default length, and the longest (100 s of 1 ms
/// ticks) a request may ask for.
pub const DEFAULT_WINDOW: u32 = 1000;
pub const MAX_WINDOW: u32 = 100_000;

/// The longest WORK request the service honours.
pub const MAX_WORK_US: u32 = 1000;

/// Counters of the service (oob side).
#[derive(Default)]
pub struct Counters {
    pub rx: AtomicU32,
    pub tx: AtomicU32,
    pub malformed: AtomicU32,
    pub bad_seq: AtomicU32,
    pub unknown: AtomicU32,
    pub next_seq: AtomicU32,
    /// WORK requests served.
    pub work: AtomicU32,
    /// Doorbells taken from Linux.
    pub doorbells: AtomicU32,
}

impl Counters {
    pub const fn new() -> Self {
        Counters {
            rx: AtomicU32::new(0),
            tx: AtomicU32::new(0),
            malformed: AtomicU32::new(0),
            bad_seq: AtomicU32::new(0),
            unknown: AtomicU32::new(0),
            next_seq: AtomicU32::new(0),
            work: AtomicU32::new(0),
            doorbells: AtomicU32::new(0),
        }
    }
}

/// What a request needs from the image beyond the rings.
pub trait Host {
    /// Oob ticks so far.
    fn ticks(&self) -> u32;
    /// LATENESS R: starts a window of `deadlines` samples.
    fn lateness_start(&self, deadlines: u32);
    /// LATENESS with another label: logs the window's histogram under it.
    /// Returns (count, max, window complete).
    fn lateness(&self, label: u8) -> (u32, u32, bool);
}

pub struct Service<'a> {
    pub chan: &'a Channel,
    pub counters: &'a Counters,
}

impl Service<'_> {
    /// Serves requests while a reply slot is free. Returns how many were
    /// taken. Runs only on the oob CPU (the rings' single consumer and
    /// producer on this side).
    pub fn poll(&self, host: &dyn Host) -> u32 {
        let mut served = 0;
        let mut ring = false;
        let mut buf = [0u8; MAX_PAYLOAD];
        // One slot for the reply, two for MALFORMED (bad slot + reply).
        while self.chan.to_linux.len() + 2 <= shm::RING_SLOTS {
            let Some(r) = self.chan.to_oob.recv(&mut buf) else { break };
            served += 1;
            match r {
                Ok(len) => ring |= self.serve(&buf[..len], host),
                Err(Malformed::Length(_)) => {
                    self.counters.malformed.fetch_add(1, Ordering::Relaxed);
                }
                Err(Malformed::Index { .. }) => {
                    self.counters.malformed.fetch_add(1, Ordering::Relaxed);
                    break;
                }
            }
        }
        if ring {
            ring_linux();
        }
        served
    }

    fn reply(&self, msg: &[u8]) -> bool {
        match self.chan.to_linux.send(msg) {
            Ok(s) => {
                self.counters.tx.fetch_add(1, Ordering::Relaxed);
                s.ring_doorbell
            }
            // `poll` checked for room: only a Linux side that corrupted the
            // ring's index gets here; the reply is dropped, never forced.
            Err(_) => false,
        }
    }

    fn serve(&self, m: &[u8], host: &dyn Host) -> bool {
        let c = self.counters;
        let u32_at = |i: usize| m.get(i..i + 4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]));
        match (m.first().copied(), m.len()) {
            (Some(op::ECHO), 5) => {
                c.rx.fetch_add(1, Ordering::Relaxed);
                let seq = u32_at(1).unwrap_or(0);
                if seq != c.next_seq.load(Ordering::Relaxed) {
                    c.bad_seq.fetch_add(1, Ordering::Relaxed);
                }
                c.next_seq.store(seq.wrapping_add(1), Ordering::Relaxed);
                let mut r = [0u8; 5];
                r[0] = op::ECHO | op::REPLY;
                r[1..5].copy_from_slice(&seq.to_le_bytes());
                self.reply(&r)
            }
            (Some(op::STATS), 1) => {
                let mut r = [0u8; 44];
                r[0] = op::STATS | op::REPLY;
                let vals = [
                    c.rx.load(Ordering::Relaxed),
                    c.tx.load(Ordering::Relaxed),
                    c.malformed.load(Ordering::Relaxed),
                    c.bad_seq.load(Ordering::Relaxed),
                    c.unknown.load(Ordering::Relaxed),
                    host.ticks(),
                    c.work.load(Ordering::Relaxed),
                    c.doorbells.load(Ordering::Relaxed),
                    gic::UNHANDLED_COUNT.load(Ordering::Relaxed),
                    gic::SPURIOUS_COUNT.load(Ordering::Relaxed),
                ];
                for (i, v) in vals.iter().enumerate() {
                    r[4 + 4 * i..8 + 4 * i].copy_from_slice(&v.to_le_bytes());
                }
                self.reply(&r)
            }
            (Some(op::LATENESS), 2 | 8) => {
                let (count, max, complete) = if m[1] == b'R' {
                    let n = if m.len() == 8 { u32_at(4).unwrap_or(0) } else { DEFAULT_WINDOW };
                    if !(1..=MAX_WINDOW).contains(&n) {
                        c.unknown.fetch_add(1, Ordering::Relaxed);
                        return self.reply(&[op::UNKNOWN_REPLY]);
                    }
                    host.lateness_start(n);
                    (0, 0, false)
                } else if m.len() == 2 {
                    host.lateness(m[1])
                } else {
                    c.unknown.fetch_add(1, Ordering::Relaxed);
                    return self.reply(&[op::UNKNOWN_REPLY]);
                };
                let mut r = [0u8; 12];
                r[0] = op::LATENESS | op::REPLY;
                r[1] = m[1];
                r[2] = complete as u8;
                r[4..8].copy_from_slice(&count.to_le_bytes());
                r[8..12].copy_from_slice(&max.to_le_bytes());
                self.reply(&r)
            }
            (Some(op::WORK), 8) => {
                let us = u32_at(4).unwrap_or(0).min(MAX_WORK_US);
                work_for(us);
                c.work.fetch_add(1, Ordering::Relaxed);
                let mut r = [0u8; 8];
                r[0] = op::WORK | op::REPLY;
                r[4..8].copy_from_slice(&us.to_le_bytes());
                self.reply(&r)
            }
            (Some(op::MALFORMED), 1) => {
                let bad = self.chan.to_linux.send_with_length(u16::MAX, b"bad").map(|s| s.ring_doorbell).unwrap_or(false);
                bad | self.reply(&[op::MALFORMED | op::REPLY])
            }
            _ => {
                c.unknown.fetch_add(1, Ordering::Relaxed);
                self.reply(&[op::UNKNOWN_REPLY])
            }
        }
    }
}

/// Busy for `us` microseconds of the system counter.
fn work_for(us: u32) {
    let end = timer::now() + timer::frequency() * us as u64 / 1_000_000;
    while timer::now() < end {
        core::hint::spin_loop();
    }
}
