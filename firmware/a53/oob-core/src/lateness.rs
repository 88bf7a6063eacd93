//! Lateness of a periodic deadline: how long after the programmed compare
//! value the handler's first line ran, in counter ticks, as a log2
//! histogram (bucket b counts lateness in [2^(b-1), 2^b), bucket 0 counts
//! 0) plus count, maximum and sum. Written only by the tick handler of one
//! core; read and reset by that core's own tasks, so plain atomics suffice.

use core::sync::atomic::{AtomicU32, AtomicU64, Ordering::Relaxed};

pub const BUCKETS: usize = 16;

pub struct Lateness {
    hist: [AtomicU32; BUCKETS],
    count: AtomicU32,
    max: AtomicU64,
    sum: AtomicU64,
}

/// A copy of the figures.
#[derive(Clone, Copy, Debug, defmt::Format)]
pub struct Snapshot {
    pub hist: [u32; BUCKETS],
    pub count: u32,
    pub max: u64,
    pub sum: u64,
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

    pub fn record(&self, ticks: u64) {
        self.hist[Self::bucket(ticks)].fetch_add(1, Relaxed);
        self.count.fetch_add(1, Relaxed);
        self.sum.fetch_add(ticks, Relaxed);
        if ticks > self.max.load(Relaxed) {
            self.max.store(ticks, Relaxed);
        }
    }

    /// The figures so far, and a fresh start.
    pub fn take(&self) -> Snapshot {
        let mut hist = [0; BUCKETS];
        for (h, a) in hist.iter_mut().zip(&self.hist) {
            *h = a.swap(0, Relaxed);
        }
        Snapshot { hist, count: self.count.swap(0, Relaxed), max: self.max.swap(0, Relaxed), sum: self.sum.swap(0, Relaxed) }
    }
}
