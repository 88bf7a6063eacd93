//! rt-core on the A53: one core's scheduler and timer queue, wired to the
//! oob tick (generic timer FIQ) and to interrupt exit. No lock anywhere:
//!
//! * Timer FIQ: [`Rt::on_tick`] expires due timers (each spawns its task)
//!   and reprograms the comparator with the queue's next deadline. It runs
//!   with FIQ masked, on the owning core.
//! * Tasks arming or cancelling timers ([`Rt::arm`], [`Rt::cancel`]) hold
//!   the queue under a GIC priority ceiling at the oob tick's priority
//!   ([`zynqmp_hal::gic::Ceiling`]): the tick, which shares the queue, is
//!   held off; any more urgent oob interrupt is not. Only the owning core
//!   may call them; another core sends a call-function IPI instead.
//! * Interrupt exit: [`Rt::install`] points the HAL's exit check at the
//!   scheduler's pending word, so an exit with nothing pending costs one
//!   load; otherwise [`Rt::dispatch_on_exit`] runs pending tasks above the
//!   current priority, nested on the interrupted stack (rt-core's
//!   single-stack, RTIC-style scheme). Each task is taken — its priority
//!   raised — with FIQ masked, and only its body runs with FIQ unmasked, so
//!   a more urgent oob interrupt preempts it while nesting stays bounded by
//!   the number of priority levels. IRQ (in-band) stays masked: in-band
//!   work never preempts oob tasks.
//! * Other cores may `spawn` (one atomic OR on the pending word) and then
//!   send the RESCHEDULE oob IPI.

use crate::irqs::PRIO_OOB_TIMER;
use core::cell::UnsafeCell;
use core::sync::atomic::{AtomicU8, Ordering};
use rt_core::sched::{Scheduler, Taken, TaskDef, TaskId};
use rt_core::timer::{Mode, TimerError, TimerId, TimerQueue, TimerStats};
use zynqmp_hal::gic::Ceiling;
use zynqmp_hal::{sync, timer};

/// Why an [`Rt`] request was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RtError {
    Timer(TimerError),
    /// The timer queue belongs to core `owner`; post a call to it instead.
    OtherCore { caller: usize, owner: usize },
}

impl From<TimerError> for RtError {
    fn from(e: TimerError) -> Self {
        RtError::Timer(e)
    }
}

/// One CPU's real-time core: `T` tasks, `Q` timers.
pub struct Rt<const T: usize, const Q: usize> {
    pub sched: Scheduler<T>,
    /// Touched only on core `cpu`: by the tick handler (FIQ masked) and by
    /// `arm`/`cancel`/`timer_stats` under the tick's priority ceiling.
    timers: UnsafeCell<TimerQueue<Q>>,
    /// Task spawned by each timer.
    timer_task: [AtomicU8; Q],
    run: fn(TaskId),
    cpu: usize,
}

// SAFETY: `timers` is reached only as its field comment says (checked by
// `owned`), the rest is atomics and plain data.
unsafe impl<const T: usize, const Q: usize> Sync for Rt<T, Q> {}

impl<const T: usize, const Q: usize> Rt<T, Q> {
    /// `run` executes a task body; `cpu` is the core that owns this core.
    pub const fn new(cpu: usize, tasks: [TaskDef; T], run: fn(TaskId)) -> Self {
        Rt {
            sched: Scheduler::new(tasks),
            timers: UnsafeCell::new(TimerQueue::new()),
            timer_task: [const { AtomicU8::new(0) }; Q],
            run,
            cpu,
        }
    }

    /// Makes interrupt exits on this core run pending tasks: `work` must
    /// call [`Rt::dispatch_on_exit`] on this `Rt` ([`install_rt!`] writes
    /// it). Call on the owning core before unmasking interrupts.
    pub fn install(&'static self, work: zynqmp_hal::exception::ExitWork) {
        assert_eq!(zynqmp_hal::core_id(), self.cpu, "Rt installed on a core it does not own");
        zynqmp_hal::exception::set_exit_work(self.sched.pending_word(), work);
    }

    fn owned(&self) -> Result<(), RtError> {
        let caller = zynqmp_hal::core_id();
        if caller == self.cpu {
            Ok(())
        } else {
            Err(RtError::OtherCore { caller, owner: self.cpu })
        }
    }

    /// Runs `f` on the timer queue under the tick's priority ceiling.
    fn with_queue<R>(&self, f: impl FnOnce(&mut TimerQueue<Q>) -> R) -> Result<R, RtError> {
        self.owned()?;
        let _ceiling = Ceiling::raise(PRIO_OOB_TIMER);
        // SAFETY: on the owning core, with the tick (the queue's other user)
        // held off by the ceiling; the FIQ handlers that may still preempt
        // are more urgent and do not touch the queue.
        Ok(f(unsafe { &mut *self.timers.get() }))
    }

    /// Arms timer `id` to spawn `task` at `deadline` (counter ticks), one-shot
    /// or periodic, and reprograms the comparator if it became the earliest.
    pub fn arm(&self, id: TimerId, task: TaskId, deadline: u64, mode: Mode) -> Result<(), RtError> {
        self.with_queue(|q| {
            q.arm_at(id, deadline, mode)?;
            if let Some(slot) = self.timer_task.get(id.0 as usize) {
                slot.store(task.0, Ordering::Relaxed);
            }
            Self::program(q.next_deadline());
            Ok(())
        })?
    }

    pub fn cancel(&self, id: TimerId) -> Result<(), RtError> {
        self.with_queue(|q| {
            q.cancel(id)?;
            Self::program(q.next_deadline());
            Ok(())
        })?
    }

    pub fn timer_stats(&self, id: TimerId) -> Result<TimerStats, RtError> {
        self.with_queue(|q| q.stats(id))
    }

    #[inline(always)]
    fn program(next: Option<u64>) {
        let t = timer::tick();
        match next {
            Some(d) => t.arm_at(d),
            None => t.stop(),
        }
    }

    /// The oob tick's interrupt handler body (FIQ masked, owning core).
    #[inline(always)]
    pub fn on_tick(&self) {
        self.on_tick_with(|_, _, _| {});
    }

    /// [`Rt::on_tick`], telling `expired(timer, deadline, now)` about each
    /// expiry before its task is spawned (counter ticks): a measurement of
    /// each timer's own lateness, where the comparator's deadline is only
    /// the earliest's.
    #[inline(always)]
    pub fn on_tick_with(&self, mut expired: impl FnMut(TimerId, u64, u64)) {
        let now = timer::now();
        // SAFETY: the tick handler runs on the owning core with FIQ masked,
        // and `arm`/`cancel` hold the queue only with the tick held off.
        let q = unsafe { &mut *self.timers.get() };
        let next = q.expire_then_next(now, |id, due| {
            expired(id, due, now);
            let task = TaskId(self.timer_task[id.0 as usize].load(Ordering::Relaxed));
            // The task table is static and timers only name its tasks.
            let _ = self.sched.spawn(task);
        });
        Self::program(next);
    }

    /// Runs pending tasks at interrupt exit (the HAL's exit work, called
    /// with every exception masked; returns in the same state).
    #[inline(always)]
    pub fn dispatch_on_exit(&self) {
        while let Some(t) = self.sched.take() {
            self.run_taken(t);
        }
    }

    /// Runs a task taken with FIQ masked: only its body runs unmasked.
    #[inline(always)]
    fn run_taken(&self, t: Taken) {
        sync::unmask_fiq();
        (self.run)(t.id);
        sync::mask_fiq();
        self.sched.finish(t);
    }

    /// The idle loop: drains the defmt rings, runs pending tasks at thread
    /// level (in-band masked, as at interrupt exit) and sleeps when there
    /// are none, until `done()`. Pending work and `done()` are checked with
    /// FIQ masked, so a task spawned by an interrupt just before the WFI
    /// cannot be slept through (WFI wakes on a pending, masked interrupt).
    pub fn idle_until(&self, done: impl Fn() -> bool) {
        zynqmp_hal::mask_inband();
        loop {
            zynqmp_hal::logger::drain();
            sync::mask_fiq();
            if let Some(t) = self.sched.take() {
                self.run_taken(t);
                sync::unmask_fiq();
                continue;
            }
            let finished = done();
            if !finished {
                zynqmp_hal::wfi();
            }
            // A pending FIQ is taken here.
            sync::unmask_fiq();
            if finished {
                return;
            }
        }
    }
}

/// Installs a `static` [`Rt`] on the calling core ([`Rt::install`]) with
/// the `extern "C"` exit work the vectors call: `install_rt!(RT)`.
#[macro_export]
macro_rules! install_rt {
    ($rt:path) => {{
        extern "C" fn rt_exit_work() {
            $rt.dispatch_on_exit();
        }
        $rt.install(rt_exit_work);
    }};
}
