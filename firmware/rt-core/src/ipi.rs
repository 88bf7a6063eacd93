//! Dovetail's oob IPIs on the router, and the call-function mailbox.
//!
//! Dovetail gives the oob stage three IPIs of its own: reschedule, timer and
//! call-function (DOVETAIL-NOTES). Here each is an IPI vector of the
//! router's oob stage ([`router_driver::vectors`]), so sending one is a
//! single register write and receiving one is a CLAIM that returns it —
//! the same path, priorities and latency statistics as device interrupts.

use core::sync::atomic::{AtomicU8, AtomicUsize, Ordering};
use router_driver::vectors;

/// The oob IPIs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OobIpi {
    Reschedule,
    Timer,
    CallFunction,
    /// The in-band side posted on its channel to the oob core.
    Channel,
}

impl OobIpi {
    pub const fn vector(self) -> u8 {
        match self {
            OobIpi::Reschedule => vectors::OOB_RESCHEDULE,
            OobIpi::Timer => vectors::OOB_TIMER,
            OobIpi::CallFunction => vectors::OOB_CALL_FUNCTION,
            OobIpi::Channel => vectors::OOB_CHANNEL,
        }
    }

    pub const fn from_vector(v: u8) -> Option<OobIpi> {
        match v {
            vectors::OOB_RESCHEDULE => Some(OobIpi::Reschedule),
            vectors::OOB_TIMER => Some(OobIpi::Timer),
            vectors::OOB_CALL_FUNCTION => Some(OobIpi::CallFunction),
            vectors::OOB_CHANNEL => Some(OobIpi::Channel),
            _ => None,
        }
    }
}

const FREE: u8 = 0;
const WRITING: u8 = 1;
const READY: u8 = 2;
const TAKING: u8 = 3;

/// A function to run on another CPU, with one word of argument.
pub type CallFn = fn(usize);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MailboxFull;

/// The call-function mailbox of one target CPU: any CPU posts, the target
/// runs the calls when its CALL_FUNCTION IPI is claimed. Lock-free (each slot
/// has its own state word), so posting from an oob context never waits for
/// a lock another CPU holds. Calls posted by different CPUs may run in any
/// order; calls from one CPU run in posting order only if it posts one at a
/// time and waits (the Linux `smp_call_function_single(wait=1)` pattern).
pub struct CallMailbox<const N: usize> {
    state: [AtomicU8; N],
    func: [AtomicUsize; N],
    arg: [AtomicUsize; N],
}

impl<const N: usize> Default for CallMailbox<N> {
    fn default() -> Self {
        Self::new()
    }
}

impl<const N: usize> CallMailbox<N> {
    pub const fn new() -> Self {
        CallMailbox {
            state: [const { AtomicU8::new(FREE) }; N],
            func: [const { AtomicUsize::new(0) }; N],
            arg: [const { AtomicUsize::new(0) }; N],
        }
    }

    /// Posts a call; the caller then sends [`OobIpi::CallFunction`] to the target.
    pub fn post(&self, f: CallFn, arg: usize) -> Result<(), MailboxFull> {
        for i in 0..N {
            if self.state[i]
                .compare_exchange(FREE, WRITING, Ordering::Acquire, Ordering::Relaxed)
                .is_ok()
            {
                self.func[i].store(f as usize, Ordering::Relaxed);
                self.arg[i].store(arg, Ordering::Relaxed);
                self.state[i].store(READY, Ordering::Release);
                return Ok(());
            }
        }
        Err(MailboxFull)
    }

    /// Runs every posted call (on the target CPU); returns how many ran.
    pub fn run_pending(&self) -> u32 {
        let mut n = 0;
        for i in 0..N {
            if self.state[i]
                .compare_exchange(READY, TAKING, Ordering::Acquire, Ordering::Relaxed)
                .is_ok()
            {
                let f = self.func[i].load(Ordering::Relaxed);
                let arg = self.arg[i].load(Ordering::Relaxed);
                self.state[i].store(FREE, Ordering::Release);
                // SAFETY: only `post` writes `func`, always from a `CallFn`,
                // and READY is published after it (Release/Acquire).
                let f: CallFn = unsafe { core::mem::transmute::<usize, CallFn>(f) };
                f(arg);
                n += 1;
            }
        }
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicU64;
    use std::sync::Arc;

    #[test]
    fn vectors_round_trip_and_unknown_vectors_are_none() {
        for k in [OobIpi::Reschedule, OobIpi::Timer, OobIpi::CallFunction, OobIpi::Channel] {
            assert_eq!(OobIpi::from_vector(k.vector()), Some(k));
        }
        assert_eq!(OobIpi::from_vector(15), None);
    }

    static SUM: AtomicU64 = AtomicU64::new(0);
    fn add(x: usize) {
        SUM.fetch_add(x as u64, Ordering::Relaxed);
    }

    #[test]
    fn mailbox_runs_each_call_exactly_once_across_threads() {
        let mb = Arc::new(CallMailbox::<4>::new());
        let posted = Arc::new(AtomicU64::new(0));
        let senders: Vec<_> = (0..3)
            .map(|t| {
                let (mb, posted) = (mb.clone(), posted.clone());
                std::thread::spawn(move || {
                    for k in 1..=2000usize {
                        let v = t * 10_000 + k;
                        while mb.post(add, v).is_err() {
                            std::hint::spin_loop();
                        }
                        posted.fetch_add(v as u64, Ordering::Relaxed);
                    }
                })
            })
            .collect();
        let mut ran = 0;
        while senders.iter().any(|s| !s.is_finished()) {
            ran += mb.run_pending();
        }
        for s in senders {
            s.join().unwrap();
        }
        ran += mb.run_pending();
        assert_eq!(ran, 6000);
        assert_eq!(SUM.load(Ordering::Relaxed), posted.load(Ordering::Relaxed));
        assert_eq!(mb.run_pending(), 0);
    }

    #[test]
    fn a_full_mailbox_refuses() {
        let mb = CallMailbox::<2>::new();
        mb.post(add, 0).unwrap();
        mb.post(add, 0).unwrap();
        assert_eq!(mb.post(add, 0), Err(MailboxFull));
        assert_eq!(mb.run_pending(), 2);
        assert!(mb.post(add, 0).is_ok());
    }
}
