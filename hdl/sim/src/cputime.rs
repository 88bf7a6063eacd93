//! CPU time of the calling thread, so that simulation-speed figures hold on
//! a loaded machine (wall time would count other processes' share).

use std::time::Instant;

/// A stopwatch of this thread's CPU time (Linux: /proc/thread-self/schedstat,
/// nanoseconds); wall time where that file does not exist.
pub struct CpuClock {
    wall: Instant,
    cpu_ns: Option<u64>,
}

fn thread_cpu_ns() -> Option<u64> {
    std::fs::read_to_string("/proc/thread-self/schedstat").ok()?.split_whitespace().next()?.parse().ok()
}

impl CpuClock {
    pub fn start() -> CpuClock {
        CpuClock { wall: Instant::now(), cpu_ns: thread_cpu_ns() }
    }

    /// Seconds since `start`.
    pub fn secs(&self) -> f64 {
        match (self.cpu_ns, thread_cpu_ns()) {
            (Some(a), Some(b)) => (b - a) as f64 / 1e9,
            _ => self.wall.elapsed().as_secs_f64(),
        }
    }
}
