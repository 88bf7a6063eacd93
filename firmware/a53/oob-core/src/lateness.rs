//! Lateness of a periodic deadline: how long after the programmed compare
//! value the handler's first line ran, in counter ticks, as a log2
//! histogram (bucket b counts lateness in [2^(b-1), 2^b), bucket 0 counts
//! 0) plus count, maximum and sum.
//!
//! Figures are taken over a **window** of a fixed number of deadlines
//! ([`Lateness::start`]), so two measurements compare the same guest time
//! whatever the other side does meanwhile; outside a window nothing is
//! recorded. Written only by the tick handler of one core; started and
//! read by that core's tasks (which the tick may preempt), so plain
//! atomics suffice.

use core::sync::atomic::{AtomicU32, AtomicU64, Ordering::Relaxed};

pub const BUCKETS: usize = 16;

pub struct Lateness {
    hist: [AtomicU32; BUCKETS],
    count: AtomicU32,
    max: AtomicU64,
    sum: AtomicU64,
    /// Deadlines still to record in the current window.
    remaining: AtomicU32,
}

/// A copy of the figures.
#[derive(Clone, Copy, Debug, defmt::Format)]
pub struct Snapshot {
    pub hist: [u32; BUCKETS],
    pub count: u32,
    pub max: u64,
    pub sum: u64,
    /// The window has recorded all its deadlines.
    pub complete: bool,
}

impl Default for Lateness {
    fn default() -> Self {
        Self::new()
    }
}

impl Lateness {
    pub const fn new() -> Self {
        Lateness {
            hist: [const { AtomicU32::new(0) }; BUCKETS],
            count: AtomicU32::new(0),
            max: AtomicU64::new(0),
            sum: AtomicU64::new(0),
            remaining: AtomicU32::new(0),
        }
    }

    /// The bucket of a lateness of `ticks`.
    pub const fn bucket(ticks: u64) -> usize {
        let b = (u64::BITS - ticks.leading_zeros()) as usize;
        if b >= BUCKETS {
            BUCKETS - 1
        } else {
            b
        }
    }

    /// Starts a window of `deadlines` samples with fresh figures. Recording
    /// stops first, so a tick preempting this never sees half-reset figures.
    pub fn start(&self, deadlines: u32) {
        self.remaining.store(0, Relaxed);
        for h in &self.hist {
            h.store(0, Relaxed);
        }
        self.count.store(0, Relaxed);
        self.max.store(0, Relaxed);
        self.sum.store(0, Relaxed);
        self.remaining.store(deadlines, Relaxed);
    }

    /// Records one deadline's lateness if a window is open.
    pub fn record(&self, ticks: u64) {
        let left = self.remaining.load(Relaxed);
        if left == 0 {
            return;
        }
        self.hist[Self::bucket(ticks)].fetch_add(1, Relaxed);
        self.count.fetch_add(1, Relaxed);
        self.sum.fetch_add(ticks, Relaxed);
        if ticks > self.max.load(Relaxed) {
            self.max.store(ticks, Relaxed);
        }
        self.remaining.store(left - 1, Relaxed);
    }

    /// The figures of the current (or last) window.
    pub fn snapshot(&self) -> Snapshot {
        let mut hist = [0; BUCKETS];
        for (h, a) in hist.iter_mut().zip(&self.hist) {
            *h = a.load(Relaxed);
        }
        Snapshot {
            hist,
            count: self.count.load(Relaxed),
            max: self.max.load(Relaxed),
            sum: self.sum.load(Relaxed),
            complete: self.remaining.load(Relaxed) == 0,
        }
    }
}
