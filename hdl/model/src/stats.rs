//! Latency statistics of one (CPU, stage) page (spec §6, §10).

use crate::regs::HIST_BUCKETS;

/// Histogram bucket of latency `l`: 0 for l < 2, else min(floor(log2 l), 15).
#[inline]
pub fn bucket(l: u32) -> usize {
    if l < 2 {
        0
    } else {
        ((31 - l.leading_zeros()) as usize).min(HIST_BUCKETS - 1)
    }
}

/// LAT_LAST, LAT_MAX and HIST of one page.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LatStats {
    pub last: u32,
    pub max: u32,
    /// 32-bit counters, wrapping.
    pub hist: [u32; HIST_BUCKETS],
}

impl LatStats {
    /// Account a claim with latency `l` (already reduced mod 2^TSW); the
    /// histogram counts it only if `hist` (its sweep after reset is over).
    #[inline]
    pub fn record(&mut self, l: u32, hist: bool) {
        self.last = l;
        self.max = self.max.max(l);
        if hist {
            let b = bucket(l);
            self.hist[b] = self.hist[b].wrapping_add(1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets() {
        let cases = [
            (0, 0),
            (1, 0),
            (2, 1),
            (3, 1),
            (4, 2),
            (7, 2),
            (8, 3),
            (1023, 9),
            (1024, 10),
            (32767, 14),
            (32768, 15),
            (65535, 15),
            (u32::MAX, 15),
        ];
        for (l, b) in cases {
            assert_eq!(bucket(l), b, "latency {l}");
        }
    }

    #[test]
    fn record_updates_all() {
        let mut s = LatStats::default();
        s.record(5, true);
        s.record(3, true);
        assert_eq!((s.last, s.max), (3, 5));
        assert_eq!(s.hist[2], 1);
        assert_eq!(s.hist[1], 1);
        s.hist[0] = u32::MAX;
        s.record(0, true);
        assert_eq!(s.hist[0], 0, "32-bit histogram counters wrap");
    }
}
