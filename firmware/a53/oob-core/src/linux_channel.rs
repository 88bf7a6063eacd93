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
use zynqmp_hal::gic::{Gic, Group};

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
    /// [STATS] -> [STATS_REPLY, 0, 0, 0, rx, tx, malformed, bad_seq, unknown, ticks] (u32 each)
    pub const STATS: u8 = 0x02;
    /// [LATENESS, label] -> [LATENESS_REPLY, label, 0, 0, count u32, max u32];
    /// the histogram since the last LATENESS goes to the defmt log.
    pub const LATENESS: u8 = 0x03;
    /// [MALFORMED] -> one slot whose length word is 0xFFFF, then
    /// [MALFORMED_REPLY]: lets the test check Linux drops and counts it.
    pub const MALFORMED: u8 = 0x04;
    pub const REPLY: u8 = 0x80;
    pub const UNKNOWN_REPLY: u8 = 0xFF;
}

/// Counters of the service (oob side).
#[derive(Default)]
pub struct Counters {
    pub rx: AtomicU32,
    pub tx: AtomicU32,
    pub malformed: AtomicU32,
    pub bad_seq: AtomicU32,
    pub unknown: AtomicU32,
    pub next_seq: AtomicU32,
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
        }
    }
}

/// What a request needs from the image beyond the rings.
pub trait Host {
    /// Oob ticks so far.
    fn ticks(&self) -> u32;
    /// LATENESS: log and reset the histogram; returns (count, max).
    fn lateness_report(&self, label: u8) -> (u32, u32);
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
                let mut r = [0u8; 28];
                r[0] = op::STATS | op::REPLY;
                let vals = [
                    c.rx.load(Ordering::Relaxed),
                    c.tx.load(Ordering::Relaxed),
                    c.malformed.load(Ordering::Relaxed),
                    c.bad_seq.load(Ordering::Relaxed),
                    c.unknown.load(Ordering::Relaxed),
                    host.ticks(),
                ];
                for (i, v) in vals.iter().enumerate() {
                    r[4 + 4 * i..8 + 4 * i].copy_from_slice(&v.to_le_bytes());
                }
                self.reply(&r)
            }
            (Some(op::LATENESS), 2) => {
                let (count, max) = host.lateness_report(m[1]);
                let mut r = [0u8; 12];
                r[0] = op::LATENESS | op::REPLY;
                r[1] = m[1];
                r[4..8].copy_from_slice(&count.to_le_bytes());
                r[8..12].copy_from_slice(&max.to_le_bytes());
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
