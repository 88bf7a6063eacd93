//! The one mapping between the router's clock and QEMU's virtual time.
//!
//! The router leaves reset when QEMU's machine starts (QEMU_CLOCK_VIRTUAL =
//! 0) and runs at the scenario's fabric clock (`[clocks] fabric_mhz`, 100
//! MHz by default) from then on, so at virtual time `t` ns the router's
//! CYCLE counter has reached `cycle_at(t) = floor(t · f_fabric)`.
//!
//! An access is served at cycle `max(cycle_at(t), end of the previous
//! access)`: the AXI transaction and the edges after it that let its
//! effects show on the lines take router cycles, and QEMU does not charge
//! them to the guest (see README: where a board differs). Source events of
//! the scenario happen at `start + at` cycles, `start` being the cycle of
//! the write that started the load.

/// Fabric cycles ↔ QEMU virtual nanoseconds, in integer arithmetic (exact
/// and the same on every host, so a run under `-icount` is reproducible).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimeMap {
    khz: u64,
}

impl TimeMap {
    /// A fabric clock of `mhz` MHz, kept to 1 kHz.
    pub fn new(mhz: f64) -> TimeMap {
        assert!(mhz > 0.0 && mhz.is_finite(), "fabric clock {mhz} MHz");
        TimeMap { khz: (mhz * 1000.0).round().max(1.0) as u64 }
    }

    pub fn fabric_khz(&self) -> u64 {
        self.khz
    }

    /// The router cycle reached at virtual time `ns`.
    pub fn cycle_at(&self, ns: u64) -> u64 {
        (ns as u128 * self.khz as u128 / 1_000_000) as u64
    }

    /// The first virtual time at which cycle `cycle` has been reached.
    pub fn ns_at(&self, cycle: u64) -> u64 {
        let ns = (cycle as u128 * 1_000_000).div_ceil(self.khz as u128);
        ns.min(u64::MAX as u128 - 1) as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hundred_mhz_is_ten_ns_a_cycle() {
        let t = TimeMap::new(100.0);
        assert_eq!(t.cycle_at(0), 0);
        assert_eq!(t.cycle_at(9), 0);
        assert_eq!(t.cycle_at(10), 1);
        assert_eq!(t.ns_at(1), 10);
        assert_eq!(t.cycle_at(1_000_000_000), 100_000_000);
    }

    #[test]
    fn ns_at_is_the_inverse_from_above() {
        for mhz in [100.0, 250.0, 187.5, 33.333] {
            let t = TimeMap::new(mhz);
            for c in [0, 1, 2, 3, 7, 1000, 123_456_789] {
                let ns = t.ns_at(c);
                assert!(t.cycle_at(ns) >= c, "{mhz} MHz cycle {c}");
                assert!(ns == 0 || t.cycle_at(ns - 1) < c, "{mhz} MHz cycle {c}: not the first ns");
            }
        }
    }
}
