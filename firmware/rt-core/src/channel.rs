//! The message channel between the oob core and Linux: a single-producer,
//! single-consumer ring in memory both sides map (cacheable, coherent: the
//! A53 cluster's cores share the SCU), plus a doorbell IPI through the
//! router (`vectors::INBAND_CHANNEL` towards Linux, `vectors::OOB_CHANNEL`
//! back).
//!
//! Layout ([`Ring`], `#[repr(C)]`): a header of two 32-bit indices on separate
//! 64-byte cache lines (no false sharing between producer and consumer),
//! then `N` slots of [`SLOT`] bytes, each a 16-bit length and a payload.
//! Indices count messages and wrap at 2^32; `N` is a power of two.
//!
//! **The doorbell race.** The producer rings only when the consumer may be
//! asleep, so a busy consumer is not interrupted for every message. The
//! classic lost wakeup: the consumer sees the ring empty and goes to sleep
//! just as the producer, having seen the consumer still busy, skips the
//! doorbell. Both sides therefore publish their index and then, after a full
//! barrier (`SeqCst` fence — `dmb ish` on the A53), read the other's:
//! - producer: store `head`; fence; load `tail`; ring iff `tail` == the old
//!   `head` (the consumer had drained everything before this message);
//! - consumer, before sleeping: store `tail`; fence; load `head`; sleep only
//!   if it equals `tail`, else keep draining.
//!
//! With both fences, at least one side sees the other's store (store-buffer
//! litmus test), so either the producer rings or the consumer sees the new
//! message; both may happen, which costs one spurious doorbell, never a lost
//! message.

use core::cell::UnsafeCell;
use core::sync::atomic::{fence, AtomicU32, Ordering};

/// Bytes per slot, length word included.
pub const SLOT: usize = 64;
/// Largest payload of one message.
pub const MAX_PAYLOAD: usize = SLOT - 2;

#[repr(C, align(64))]
struct Index(AtomicU32);

/// The shared ring. Place it in memory both sides map; exactly one producer
/// and one consumer may use it at a time.
#[repr(C)]
pub struct Ring<const N: usize> {
    head: Index,
    tail: Index,
    slots: [UnsafeCell<[u8; SLOT]>; N],
}

// SAFETY: slots are written only by the single producer before it publishes
// `head` (Release) and read only by the single consumer after it observes it
// (Acquire), and symmetrically for `tail`.
unsafe impl<const N: usize> Sync for Ring<N> {}

/// A message the consumer could not trust; it is dropped and counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Malformed {
    /// The slot's length word exceeds [`MAX_PAYLOAD`].
    Length(u16),
    /// The producer's `head` is more than `N` messages ahead of `tail`.
    Index { head: u32, tail: u32 },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SendError {
    /// All `N` slots hold unread messages.
    Full,
    /// The payload is longer than [`MAX_PAYLOAD`].
    TooLong(usize),
}

/// What a successful send asks of the caller.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[must_use = "when `ring_doorbell` is set the consumer may be asleep: send the IPI"]
pub struct Sent {
    pub ring_doorbell: bool,
}

impl<const N: usize> Default for Ring<N> {
    fn default() -> Self {
        Self::new()
    }
}

impl<const N: usize> Ring<N> {
    pub const fn new() -> Self {
        assert!(N.is_power_of_two() && N <= 1 << 16, "N must be a power of two");
        Ring {
            head: Index(AtomicU32::new(0)),
            tail: Index(AtomicU32::new(0)),
            slots: [const { UnsafeCell::new([0; SLOT]) }; N],
        }
    }

    /// Producer side: copies `msg` into the ring.
    pub fn send(&self, msg: &[u8]) -> Result<Sent, SendError> {
        self.send_with_length(msg.len().min(u16::MAX as usize) as u16, msg)
    }

    /// Consumer side: takes one message into `buf`, returning its length,
    /// or the reason it could not be trusted. A slot whose length word is
    /// larger than [`MAX_PAYLOAD`] is consumed and reported, never copied
    /// (the other side is not trusted to be bug-free); a `head` more than
    /// `N` ahead of `tail` is reported without consuming anything.
    pub fn recv(&self, buf: &mut [u8; MAX_PAYLOAD]) -> Option<Result<usize, Malformed>> {
        let tail = self.tail.0.load(Ordering::Relaxed);
        let head = self.head.0.load(Ordering::Acquire);
        if head == tail {
            return None;
        }
        if head.wrapping_sub(tail) as usize > N {
            return Some(Err(Malformed::Index { head, tail }));
        }
        // SAFETY: published by the producer (Acquire above); the producer
        // does not reuse the slot until `tail` moves past it below.
        let slot = unsafe { &*self.slots[tail as usize % N].get() };
        let len = u16::from_le_bytes([slot[0], slot[1]]);
        let r = if len as usize > MAX_PAYLOAD {
            Err(Malformed::Length(len))
        } else {
            buf[..len as usize].copy_from_slice(&slot[2..2 + len as usize]);
            Ok(len as usize)
        };
        self.tail.0.store(tail.wrapping_add(1), Ordering::Release);
        Some(r)
    }

    /// Consumer side, after a doorbell: hands every message to `f` and
    /// returns only when the ring is empty *and* the producer is sure to ring
    /// for the next one (see the module docs). Malformed messages are
    /// dropped. Returns the count of good messages.
    pub fn drain(&self, f: impl FnMut(&[u8])) -> usize {
        self.drain_with(f, |_| {})
    }

    /// [`Ring::drain`], telling `bad` about each malformed message (counted
    /// and dropped). A corrupt index ends the drain: nothing in the ring can
    /// be trusted until the producer fixes it.
    pub fn drain_with(&self, mut f: impl FnMut(&[u8]), mut bad: impl FnMut(Malformed)) -> usize {
        let mut buf = [0; MAX_PAYLOAD];
        let mut n = 0;
        loop {
            while let Some(r) = self.recv(&mut buf) {
                match r {
                    Ok(len) => {
                        f(&buf[..len]);
                        n += 1;
                    }
                    Err(e @ Malformed::Length(_)) => bad(e),
                    Err(e @ Malformed::Index { .. }) => {
                        bad(e);
                        return n;
                    }
                }
            }
            fence(Ordering::SeqCst);
            if self.head.0.load(Ordering::Acquire) == self.tail.0.load(Ordering::Relaxed) {
                return n;
            }
        }
    }

    /// Producer side, for tests that play a faulty producer: publishes a
    /// slot whose length word claims `claimed_len` while carrying `msg`.
    #[doc(hidden)]
    pub fn send_with_length(&self, claimed_len: u16, msg: &[u8]) -> Result<Sent, SendError> {
        if msg.len() > MAX_PAYLOAD {
            return Err(SendError::TooLong(msg.len()));
        }
        let head = self.head.0.load(Ordering::Relaxed);
        let tail = self.tail.0.load(Ordering::Acquire);
        if head.wrapping_sub(tail) as usize >= N {
            return Err(SendError::Full);
        }
        // SAFETY: as in `send`.
        let slot = unsafe { &mut *self.slots[head as usize % N].get() };
        slot[..2].copy_from_slice(&claimed_len.to_le_bytes());
        slot[2..2 + msg.len()].copy_from_slice(msg);
        self.head.0.store(head.wrapping_add(1), Ordering::Release);
        fence(Ordering::SeqCst);
        let tail_now = self.tail.0.load(Ordering::Relaxed);
        Ok(Sent { ring_doorbell: tail_now == head })
    }

    /// Messages waiting.
    pub fn len(&self) -> usize {
        self.head.0.load(Ordering::Acquire).wrapping_sub(self.tail.0.load(Ordering::Acquire)) as usize
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicBool;
    use std::sync::{Arc, Condvar, Mutex};
    use std::time::Duration;

    #[test]
    fn messages_come_out_in_order_and_full_is_refused() {
        let r = Ring::<4>::new();
        assert!(r.send(b"a").unwrap().ring_doorbell, "first message wakes the consumer");
        assert!(!r.send(b"bc").unwrap().ring_doorbell, "consumer not done yet: no second doorbell");
        let _ = r.send(b"").unwrap();
        let _ = r.send(&[7; MAX_PAYLOAD]).unwrap();
        assert_eq!(r.send(b"x"), Err(SendError::Full));
        assert_eq!(r.send(&[0; MAX_PAYLOAD + 1]), Err(SendError::TooLong(MAX_PAYLOAD + 1)));
        let mut got = Vec::new();
        assert_eq!(r.drain(|m| got.push(m.to_vec())), 4);
        assert_eq!(got, [b"a".to_vec(), b"bc".to_vec(), vec![], vec![7; MAX_PAYLOAD]]);
        assert!(r.send(b"again").unwrap().ring_doorbell, "drained: the next one rings");
    }

    #[test]
    fn malformed_lengths_are_dropped_and_reported_never_copied() {
        let r = Ring::<4>::new();
        let _ = r.send(b"one").unwrap();
        let _ = r.send_with_length(MAX_PAYLOAD as u16 + 1, b"bad").unwrap();
        let _ = r.send_with_length(u16::MAX, b"").unwrap();
        let _ = r.send(b"two").unwrap();
        let (mut good, mut bad) = (Vec::new(), Vec::new());
        assert_eq!(r.drain_with(|m| good.push(m.to_vec()), |e| bad.push(e)), 2);
        assert_eq!(good, [b"one".to_vec(), b"two".to_vec()], "order kept around the dropped ones");
        assert_eq!(bad, [Malformed::Length(MAX_PAYLOAD as u16 + 1), Malformed::Length(u16::MAX)]);
        assert!(r.is_empty());
    }

    #[test]
    fn a_corrupt_head_is_reported_and_nothing_is_read() {
        let r = Ring::<4>::new();
        r.head.0.store(9, Ordering::Relaxed);
        let mut bad = Vec::new();
        assert_eq!(r.drain_with(|_| panic!("read from a corrupt ring"), |e| bad.push(e)), 0);
        assert_eq!(bad, [Malformed::Index { head: 9, tail: 0 }]);
        assert_eq!(r.send(b"x"), Err(SendError::Full), "the producer side refuses too");
    }

    #[test]
    fn header_indices_sit_on_their_own_cache_lines() {
        assert_eq!(core::mem::offset_of!(Ring<8>, tail), 64);
        assert_eq!(core::mem::offset_of!(Ring<8>, slots), 128);
        assert_eq!(core::mem::size_of::<Ring<8>>(), 128 + 8 * SLOT);
    }

    /// A consumer that sleeps until a doorbell, against a producer that
    /// rings only when told to: every message arrives, in order, with far
    /// fewer doorbells than messages. A lost wakeup would leave the consumer
    /// asleep with messages queued: the wait below has a generous safety
    /// timeout that turns such a hang into a failure.
    #[test]
    fn doorbells_are_never_lost() {
        const COUNT: u32 = 200_000;
        let ring = Arc::new(Ring::<16>::new());
        let bell = Arc::new((Mutex::new(0u64), Condvar::new()));
        let done = Arc::new(AtomicBool::new(false));
        let consumer = {
            let (ring, bell, done) = (ring.clone(), bell.clone(), done.clone());
            std::thread::spawn(move || {
                let (mut next, mut seen_rings) = (0u32, 0u64);
                while next < COUNT {
                    ring.drain(|m| {
                        assert_eq!(m, &next.to_le_bytes()[..], "order");
                        next += 1;
                    });
                    if next == COUNT {
                        break;
                    }
                    let (m, cv) = &*bell;
                    let mut rung = m.lock().unwrap();
                    while *rung == seen_rings {
                        let (g, t) = cv.wait_timeout(rung, Duration::from_secs(20)).unwrap();
                        assert!(!t.timed_out(), "consumer asleep with {} queued: lost wakeup", ring.len());
                        rung = g;
                    }
                    seen_rings = *rung;
                }
                done.store(true, Ordering::Release);
                next
            })
        };
        let mut rings = 0u64;
        for i in 0..COUNT {
            loop {
                match ring.send(&i.to_le_bytes()) {
                    Ok(s) => {
                        if s.ring_doorbell {
                            rings += 1;
                            let (m, cv) = &*bell;
                            *m.lock().unwrap() += 1;
                            cv.notify_one();
                        }
                        break;
                    }
                    Err(SendError::Full) => {
                        // A consumer that gave up (lost wakeup) must fail
                        // the test, not leave the producer spinning.
                        if consumer.is_finished() {
                            let r = consumer.join();
                            panic!("consumer stopped early: {:?}", r.map_err(|e| e.downcast_ref::<String>().cloned()));
                        }
                        std::thread::yield_now()
                    }
                    Err(e) => panic!("{e:?}"),
                }
            }
        }
        assert_eq!(consumer.join().unwrap(), COUNT);
        assert!(done.load(Ordering::Acquire));
        assert!(rings >= 1 && rings <= COUNT as u64);
    }
}
