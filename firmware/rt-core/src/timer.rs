//! Oob timers: one-shot and periodic, in a fixed-size queue, on one
//! monotonic tick (the ARM generic timer's count on the A53).
//!
//! The platform programs its hardware comparator with [`TimerQueue::next_deadline`]
//! and calls [`TimerQueue::expire`] from the timer interrupt. Periodic
//! deadlines advance by exactly one period from the *programmed* deadline, not
//! from the time the interrupt was taken, so the period does not drift with
//! interrupt latency. When the interrupt comes so late that whole periods
//! passed, those periods are counted as missed and skipped rather than
//! fired in a burst (a control loop wants the next sample on time, not five
//! stale ones at once).
//!
//! The queue is a small array scanned linearly: with the handful of timers an
//! oob core runs, a scan is cheaper and more predictable than a heap.

/// Index of a timer slot.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TimerId(pub u8);

/// How a timer re-arms after firing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    OneShot,
    /// Fires every `period` ticks (> 0).
    Periodic { period: u64 },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimerError {
    NoSuchTimer(TimerId),
    ZeroPeriod,
}

#[derive(Clone, Copy, Debug, Default)]
struct Slot {
    armed: bool,
    deadline: u64,
    /// 0 for one-shot.
    period: u64,
    fired: u32,
    missed: u32,
}

/// Per-timer counters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TimerStats {
    pub fired: u32,
    /// Periods skipped because the timer was serviced too late.
    pub missed: u32,
}

/// A queue of `N` timers on one CPU (owned by that CPU's timer interrupt;
/// tasks that arm it hold off that interrupt, e.g. with a priority ceiling).
#[derive(Debug)]
pub struct TimerQueue<const N: usize> {
    slots: [Slot; N],
}

impl<const N: usize> Default for TimerQueue<N> {
    fn default() -> Self {
        Self::new()
    }
}

impl<const N: usize> TimerQueue<N> {
    pub const fn new() -> TimerQueue<N> {
        TimerQueue {
            slots: [Slot { armed: false, deadline: 0, period: 0, fired: 0, missed: 0 }; N],
        }
    }

    fn slot(&mut self, id: TimerId) -> Result<&mut Slot, TimerError> {
        self.slots.get_mut(id.0 as usize).ok_or(TimerError::NoSuchTimer(id))
    }

    /// Arms (or re-arms) timer `id` to fire first at tick `deadline`.
    pub fn arm_at(&mut self, id: TimerId, deadline: u64, mode: Mode) -> Result<(), TimerError> {
        let period = match mode {
            Mode::OneShot => 0,
            Mode::Periodic { period: 0 } => return Err(TimerError::ZeroPeriod),
            Mode::Periodic { period } => period,
        };
        let s = self.slot(id)?;
        s.armed = true;
        s.deadline = deadline;
        s.period = period;
        Ok(())
    }

    pub fn cancel(&mut self, id: TimerId) -> Result<(), TimerError> {
        self.slot(id)?.armed = false;
        Ok(())
    }

    pub fn is_armed(&self, id: TimerId) -> bool {
        self.slots.get(id.0 as usize).is_some_and(|s| s.armed)
    }

    pub fn stats(&self, id: TimerId) -> TimerStats {
        self.slots
            .get(id.0 as usize)
            .map_or(TimerStats::default(), |s| TimerStats { fired: s.fired, missed: s.missed })
    }

    /// The earliest armed deadline: what the hardware comparator must hold.
    pub fn next_deadline(&self) -> Option<u64> {
        self.earliest().map(|i| self.slots[i].deadline)
    }

    /// The armed slot with the earliest deadline (ties: lowest id).
    fn earliest(&self) -> Option<usize> {
        let mut best: Option<usize> = None;
        for (i, s) in self.slots.iter().enumerate() {
            if s.armed && best.map_or(true, |b| s.deadline < self.slots[b].deadline) {
                best = Some(i);
            }
        }
        best
    }

    /// Fires every timer due at `now`, earliest deadline first (ties: lowest
    /// id), calling `fire(id, deadline)` with the deadline it was due at, and
    /// re-arms periodic ones. Returns the number fired.
    pub fn expire(&mut self, now: u64, fire: impl FnMut(TimerId, u64)) -> u32 {
        let mut n = 0;
        let mut fire = fire;
        self.expire_then_next(now, |id, due| {
            n += 1;
            fire(id, due)
        });
        n
    }

    /// [`TimerQueue::expire`], returning [`TimerQueue::next_deadline`]
    /// afterwards: the scan that finds nothing more due also finds the next
    /// deadline, so the tick handler scans the queue once per timer fired,
    /// plus once.
    pub fn expire_then_next(&mut self, now: u64, mut fire: impl FnMut(TimerId, u64)) -> Option<u64> {
        loop {
            let i = self.earliest()?;
            let s = &mut self.slots[i];
            let due = s.deadline;
            if due > now {
                return Some(due);
            }
            s.fired = s.fired.wrapping_add(1);
            if s.period == 0 {
                s.armed = false;
            } else {
                // Next deadline strictly after `now`, on the period grid;
                // the division only when a whole period was missed.
                let next = due + s.period;
                if next > now {
                    s.deadline = next;
                } else {
                    let skip = (now - due) / s.period;
                    s.missed = s.missed.wrapping_add(skip as u32);
                    s.deadline = due + (skip + 1) * s.period;
                }
            }
            fire(TimerId(i as u8), due);
        }
    }
}

/// Converts between time and ticks of a counter running at `hz`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TickRate {
    pub hz: u64,
}

impl TickRate {
    /// Ticks in `us` microseconds, rounded up (a timer never fires early).
    pub fn from_micros(self, us: u64) -> u64 {
        ((us as u128 * self.hz as u128).div_ceil(1_000_000)) as u64
    }

    /// Nanoseconds in `ticks`, rounded down.
    pub fn to_nanos(self, ticks: u64) -> u64 {
        (ticks as u128 * 1_000_000_000 / self.hz as u128) as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn one_shot_fires_once_periodic_keeps_its_grid() {
        let mut q = TimerQueue::<3>::new();
        q.arm_at(TimerId(0), 100, Mode::OneShot).unwrap();
        q.arm_at(TimerId(1), 50, Mode::Periodic { period: 40 }).unwrap();
        assert_eq!(q.next_deadline(), Some(50));
        let mut fired = Vec::new();
        q.expire(49, |id, d| fired.push((id.0, d)));
        assert!(fired.is_empty());
        q.expire(57, |id, d| fired.push((id.0, d))); // 7 ticks late
        assert_eq!(q.next_deadline(), Some(90), "grid kept despite the late service");
        q.expire(129, |id, d| fired.push((id.0, d)));
        assert_eq!(fired, [(1, 50), (1, 90), (0, 100)]);
        assert!(!q.is_armed(TimerId(0)));
        assert_eq!(q.next_deadline(), Some(130));
        // Serviced a whole period late: one fire, the 170 point is skipped.
        q.expire(175, |id, d| fired.push((id.0, d)));
        assert_eq!(fired[3..], [(1, 130)]);
        assert_eq!(q.next_deadline(), Some(210));
        assert_eq!(q.stats(TimerId(1)), TimerStats { fired: 3, missed: 1 });
    }

    #[test]
    fn late_service_skips_missed_periods_without_a_burst() {
        let mut q = TimerQueue::<1>::new();
        q.arm_at(TimerId(0), 10, Mode::Periodic { period: 10 }).unwrap();
        let n = q.expire(45, |_, d| assert_eq!(d, 10));
        assert_eq!(n, 1);
        assert_eq!(q.stats(TimerId(0)), TimerStats { fired: 1, missed: 3 });
        assert_eq!(q.next_deadline(), Some(50));
    }

    #[test]
    fn bad_requests_are_refused() {
        let mut q = TimerQueue::<1>::new();
        assert_eq!(q.arm_at(TimerId(1), 0, Mode::OneShot), Err(TimerError::NoSuchTimer(TimerId(1))));
        assert_eq!(q.arm_at(TimerId(0), 0, Mode::Periodic { period: 0 }), Err(TimerError::ZeroPeriod));
        assert!(!q.is_armed(TimerId(0)));
        assert_eq!(q.cancel(TimerId(5)), Err(TimerError::NoSuchTimer(TimerId(5))));
    }

    #[test]
    fn tick_rate_rounds_so_timers_never_fire_early() {
        let r = TickRate { hz: 62_500_000 }; // QEMU's CNTFRQ (TOOLCHAIN.md)
        assert_eq!(r.from_micros(1000), 62_500);
        assert_eq!(TickRate { hz: 3 }.from_micros(1), 1);
        assert_eq!(r.to_nanos(62_500), 1_000_000);
    }

    proptest! {
        /// Serviced at arbitrary (monotonic) times, a periodic timer's fires +
        /// missed periods equal the grid points passed, each fire reports a
        /// grid deadline, and fires come in deadline order across timers.
        #[test]
        fn periodic_accounting_is_exact(
            timers in proptest::collection::vec((0u64..1000, 1u64..300), 1..4),
            steps in proptest::collection::vec(0u64..500, 1..60),
        ) {
            let mut q = TimerQueue::<4>::new();
            for (i, &(start, period)) in timers.iter().enumerate() {
                q.arm_at(TimerId(i as u8), start, Mode::Periodic { period }).unwrap();
            }
            let mut now = 0;
            for dt in steps {
                now += dt;
                let mut last = 0;
                let next = q.expire_then_next(now, |id, due| {
                    let (start, period) = timers[id.0 as usize];
                    assert!(due >= start && (due - start) % period == 0, "off-grid deadline {due}");
                    assert!(due <= now && due >= last, "deadline order");
                    last = due;
                });
                prop_assert_eq!(next, q.next_deadline());
                if let Some(d) = next {
                    prop_assert!(d > now, "nothing due is left behind");
                }
            }
            for (i, &(start, period)) in timers.iter().enumerate() {
                let s = q.stats(TimerId(i as u8));
                let grid = if now >= start { (now - start) / period + 1 } else { 0 };
                prop_assert_eq!((s.fired + s.missed) as u64, grid);
            }
        }
    }
}
