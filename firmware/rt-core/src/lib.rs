//! The oob real-time core's portable logic: everything that does not touch
//! an A53 register, so it builds for bare-metal AArch64 and is unit- and
//! property-tested on the host. The platform layer (`firmware/a53`) supplies
//! the hardware: it tests [`sched::Scheduler::pending_word`] on interrupt
//! exit and runs tasks with [`sched::Scheduler::take`]/`finish`, programs
//! the generic timer from [`timer::TimerQueue::expire_then_next`], and gives
//! [`ipi`] a way to send router IPIs.
//!
//! - [`sched`]: fixed-priority preemptive tasks from a static table, run to
//!   completion on one stack per CPU (preemption by nesting, as in RTIC's
//!   Stack Resource Policy): no heap, no per-task stack, bounded dispatch.
//! - [`timer`]: one-shot and periodic oob timers in a fixed-size queue,
//!   drift-free periodic deadlines, missed periods counted, never bursted.
//! - [`ipi`]: Dovetail's oob IPIs (reschedule, timer, call-function) on the
//!   router's IPI vectors, with a lock-free call-function mailbox.
//! - [`channel`]: a single-producer single-consumer ring in shared memory
//!   between the oob core and Linux, with a doorbell IPI whose lost-wakeup
//!   race is closed by construction.
// Host tests use std; the library itself never does.
#![cfg_attr(not(test), no_std)]

pub mod channel;
pub mod ipi;
pub mod sched;
pub mod timer;
