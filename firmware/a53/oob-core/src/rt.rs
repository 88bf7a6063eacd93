//! rt-core on the A53: the per-CPU scheduler and timer queue of `rt-core`
//! wired to the oob tick (generic timer FIQ) and to interrupt exit.
//!
//! * Timer FIQ: [`Rt::on_tick`] expires due timers (each spawns its task)
//!   and reprograms the comparator with the queue's next deadline.
//! * Interrupt exit: the HAL's resume hook calls [`Rt::dispatch_on_exit`],
//!   which runs pending tasks above the current priority, nested on the
//!   interrupted stack (rt-core's single-stack, RTIC-style scheme), with FIQ
//!   unmasked so a more urgent oob interrupt preempts a task, and IRQ
//!   (in-band) left masked: in-band work never preempts oob tasks.
//!
//! The timer queue is shared between tasks (arming) and the tick handler,
//! so it sits behind the SMP critical section.

use core::arch::asm;
use core::cell::RefCell;
use core::sync::atomic::{AtomicU8, Ordering};
use critical_section::Mutex;
use rt_core::sched::{Scheduler, TaskDef, TaskId};
use rt_core::timer::{Mode, TimerError, TimerId, TimerQueue, TimerStats};
use zynqmp_hal::timer;

/// One CPU's real-time core: `T` tasks, `Q` timers.
pub struct Rt<const T: usize, const Q: usize> {
    pub sched: Scheduler<T>,
    timers: Mutex<RefCell<TimerQueue<Q>>>,
    /// Task spawned by each timer.
    timer_task: [AtomicU8; Q],
    run: fn(TaskId),
    cpu: usize,
}

impl<const T: usize, const Q: usize> Rt<T, Q> {
    /// `run` executes a task body; `cpu` is the core that owns this core.
    pub const fn new(cpu: usize, tasks: [TaskDef; T], run: fn(TaskId)) -> Self {
        Rt {
            sched: Scheduler::new(tasks),
            timers: Mutex::new(RefCell::new(TimerQueue::new())),
            timer_task: [const { AtomicU8::new(0) }; Q],
            run,
            cpu,
        }
    }

    /// Arms timer `id` to spawn `task` at `deadline` (counter ticks), one-shot
    /// or periodic, and reprograms the comparator if it became the earliest.
    pub fn arm(&self, id: TimerId, task: TaskId, deadline: u64, mode: Mode) -> Result<(), TimerError> {
        critical_section::with(|cs| {
            let mut q = self.timers.borrow_ref_mut(cs);
            q.arm_at(id, deadline, mode)?;
            if let Some(slot) = self.timer_task.get(id.0 as usize) {
                slot.store(task.0, Ordering::Relaxed);
            }
            Self::program(q.next_deadline());
            Ok(())
        })
    }

    pub fn cancel(&self, id: TimerId) -> Result<(), TimerError> {
        critical_section::with(|cs| {
            let mut q = self.timers.borrow_ref_mut(cs);
            q.cancel(id)?;
            Self::program(q.next_deadline());
            Ok(())
        })
    }

    pub fn timer_stats(&self, id: TimerId) -> TimerStats {
        critical_section::with(|cs| self.timers.borrow_ref(cs).stats(id))
    }

    fn program(next: Option<u64>) {
        let t = timer::tick();
        match next {
            Some(d) => t.arm_at(d),
            None => t.stop(),
        }
    }

    /// The oob tick's interrupt handler body.
    pub fn on_tick(&self) {
        let now = timer::now();
        critical_section::with(|cs| {
            let mut q = self.timers.borrow_ref_mut(cs);
            q.expire(now, |id, _due| {
                let task = TaskId(self.timer_task[id.0 as usize].load(Ordering::Relaxed));
                // The task table is static and timers only name its tasks.
                let _ = self.sched.spawn(task);
            });
            Self::program(q.next_deadline());
        });
    }

    /// Runs pending tasks at interrupt exit (called from the HAL's resume
    /// hook with every exception masked; returns in the same state).
    pub fn dispatch_on_exit(&self) {
        if zynqmp_hal::core_id() != self.cpu || !self.sched.preemption_pending() {
            return;
        }
        // SAFETY: the interrupted context is saved in this exception's
        // frame; a nested FIQ saves its own. Masked again before returning.
        unsafe { asm!("msr daifclr, #1", options(nomem, nostack)) };
        self.sched.dispatch(self.run);
        // SAFETY: back to the masked state the vector code expects.
        unsafe { asm!("msr daifset, #1", options(nomem, nostack)) };
    }

    /// The idle loop: runs pending tasks at thread level (in-band masked, as
    /// at interrupt exit) and sleeps when there are none, until `done()`.
    /// Pending work and `done()` are checked with FIQ masked, so a task
    /// spawned by an interrupt just before the WFI cannot be slept through.
    pub fn idle_until(&self, done: impl Fn() -> bool) {
        zynqmp_hal::mask_inband();
        loop {
            // SAFETY: PSTATE only; FIQ is unmasked again on every path.
            unsafe { asm!("msr daifset, #1", options(nomem, nostack)) };
            if self.sched.preemption_pending() {
                // SAFETY: as above.
                unsafe { asm!("msr daifclr, #1", options(nomem, nostack)) };
                self.sched.dispatch(self.run);
                continue;
            }
            let finished = done();
            if !finished {
                zynqmp_hal::wfi();
            }
            // SAFETY: as above; a pending FIQ is taken here.
            unsafe { asm!("msr daifclr, #1", options(nomem, nostack)) };
            if finished {
                return;
            }
        }
    }
}
