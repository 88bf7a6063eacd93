//! Interrupt source traffic: when each source fires, drawn once per run
//! from the scenario's seed so that the hardware and software pipelines see
//! exactly the same events.

use crate::scenario::{Dist, Rate, Scenario};

/// SplitMix64: small, fast, and reproducible across platforms; the quality
/// a load generator needs, with no dependency.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in [lo, hi].
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next_u64() % (hi - lo + 1)
    }

    /// Exponential with the given mean (rounded, at least 1).
    pub fn exp(&mut self, mean: f64) -> u64 {
        ((-(1.0 - self.unit()).ln() * mean).round() as u64).max(1)
    }

    pub fn draw(&mut self, d: Dist) -> u64 {
        match d {
            Dist::Fixed(n) => n,
            Dist::Uniform(lo, hi) => self.range(lo, hi),
            Dist::Exp(mean) => self.exp(mean),
        }
    }
}

/// Cycles an edge source's pulse stays high. Two events of one source are
/// always at least `PULSE + 1` cycles apart, so the router sees each rise.
pub const PULSE: u64 = 3;

/// One source event: the cycle at which its input rises.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Event {
    pub at: u64,
    pub src: u16,
}

/// Every source event of the run, in time order (ties by source).
pub fn generate(sc: &Scenario) -> Vec<Event> {
    let mut all = Vec::new();
    for s in &sc.sources {
        // Each source draws from its own stream: adding a source to a
        // scenario does not reshuffle the others.
        let mut rng = Rng::new(sc.seed.wrapping_mul(1_000_003).wrapping_add(s.id as u64));
        let mut times = Vec::new();
        match s.rate {
            Rate::Periodic { period, jitter } => {
                let mut k = rng.range(0, period - 1); // random phase
                while k < sc.duration {
                    times.push(k + if jitter > 0 { rng.range(0, jitter) } else { 0 });
                    k += period;
                }
            }
            Rate::Poisson { mean_gap } => {
                let mut t = rng.exp(mean_gap);
                while t < sc.duration {
                    times.push(t);
                    t += rng.exp(mean_gap);
                }
            }
            Rate::Burst {
                every,
                count,
                spacing,
            } => {
                let mut k = rng.range(0, every - 1);
                while k < sc.duration {
                    for j in 0..count as u64 {
                        times.push(k + j * spacing);
                    }
                    k += every;
                }
            }
        }
        let mut last: Option<u64> = None;
        for t in times {
            let t = match last {
                Some(l) if t < l + PULSE + 1 => l + PULSE + 1,
                _ => t,
            };
            if t >= sc.duration {
                break;
            }
            all.push(Event { at: t, src: s.id });
            last = Some(t);
        }
    }
    all.sort();
    all
}
