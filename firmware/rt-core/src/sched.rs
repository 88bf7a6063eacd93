//! Fixed-priority preemptive tasks, run to completion, from a static table.
//!
//! A task is a function with a fixed priority (1 = lowest; 0 is the level of
//! code that is not a task, e.g. the idle loop). Spawning marks it pending;
//! [`Scheduler::dispatch`] runs every pending task whose priority is above
//! the one currently running, highest first. The platform calls `dispatch`
//! at the end of each interrupt handler (and the idle loop calls it too), so
//! a task spawned by an interrupt preempts a lower-priority task by running
//! nested on the same stack, and a lower-priority one waits until the
//! running task returns. This is the single-stack scheme of RTIC (Stack
//! Resource Policy): no context switch, a stack bound of the sum of one frame
//! per priority level, and a dispatch cost bounded by the table size. A
//! platform that unmasks interrupts for task bodies uses [`Scheduler::take`]
//! and [`Scheduler::finish`] around each body instead (what `dispatch` does
//! inside), so the priority is raised before anything can nest, and checks
//! [`Scheduler::pending_word`] on each interrupt exit before calling in.
//!
//! One `Scheduler` per CPU; `spawn` may be called from that CPU's interrupt
//! handlers (nested) and, being one atomic OR, from other CPUs, which then
//! send the target a reschedule IPI so it dispatches.

use core::sync::atomic::{AtomicU32, AtomicU8, Ordering};

/// Index of a task in its scheduler's table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TaskId(pub u8);

/// One entry of the static task table.
#[derive(Clone, Copy, Debug)]
pub struct TaskDef {
    pub name: &'static str,
    /// 1 (lowest) ..= 255. Tasks of equal priority never preempt each other
    /// and run in table order.
    pub priority: u8,
}

/// A task [`Scheduler::take`] started; hand it back to
/// [`Scheduler::finish`] when its body has returned.
#[derive(Debug)]
#[must_use = "finish the task, or the scheduler keeps its priority"]
pub struct Taken {
    pub id: TaskId,
    /// The priority to return to.
    floor: u8,
}

/// Why a spawn was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpawnError {
    NoSuchTask(TaskId),
}

/// The per-CPU scheduler over a table of up to 32 tasks.
pub struct Scheduler<const N: usize> {
    tasks: [TaskDef; N],
    /// Bit i: task i is pending.
    pending: AtomicU32,
    /// Priority of what runs now (0 outside tasks). Only the owning CPU
    /// reads or writes it (its interrupts see its accesses in program
    /// order), so every access is Relaxed.
    current: AtomicU8,
    runs: [AtomicU32; N],
    preemptions: AtomicU32,
}

impl<const N: usize> Scheduler<N> {
    /// Builds the scheduler; usable in a `static`. Panics (at compile time
    /// in a const context) on a table too large or a priority of 0.
    pub const fn new(tasks: [TaskDef; N]) -> Scheduler<N> {
        assert!(N <= 32, "at most 32 tasks per CPU");
        let mut i = 0;
        while i < N {
            assert!(tasks[i].priority > 0, "task priority 0 is reserved for non-task code");
            i += 1;
        }
        Scheduler {
            tasks,
            pending: AtomicU32::new(0),
            current: AtomicU8::new(0),
            runs: [const { AtomicU32::new(0) }; N],
            preemptions: AtomicU32::new(0),
        }
    }

    pub fn task(&self, id: TaskId) -> Option<&TaskDef> {
        self.tasks.get(id.0 as usize)
    }

    /// Marks a task pending. Spawning a task that is already pending is one
    /// activation (like an interrupt log bit: coalesced).
    pub fn spawn(&self, id: TaskId) -> Result<(), SpawnError> {
        if (id.0 as usize) >= N {
            return Err(SpawnError::NoSuchTask(id));
        }
        self.pending.fetch_or(1 << id.0, Ordering::AcqRel);
        Ok(())
    }

    /// The pending-task bits: non-zero whenever a task may be waiting to
    /// run. The platform checks this one word on every interrupt exit and
    /// calls its dispatch only when it is non-zero (it may be non-zero with
    /// nothing above the current priority; dispatch then finds nothing).
    pub fn pending_word(&self) -> &AtomicU32 {
        &self.pending
    }

    /// Priority of the task running now (0 outside tasks).
    pub fn current_priority(&self) -> u8 {
        self.current.load(Ordering::Relaxed)
    }

    /// Whether a pending task would preempt what runs now.
    pub fn preemption_pending(&self) -> bool {
        self.highest_pending_above(self.current_priority()).is_some()
    }

    fn highest_pending_above(&self, floor: u8) -> Option<usize> {
        // Relaxed: `take` claims the bit with an AcqRel RMW, which is what
        // synchronises with the spawner's release.
        let pending = self.pending.load(Ordering::Relaxed);
        let mut best: Option<usize> = None;
        for i in 0..N {
            if pending >> i & 1 != 0 && self.tasks[i].priority > floor {
                match best {
                    Some(b) if self.tasks[b].priority >= self.tasks[i].priority => {}
                    _ => best = Some(i),
                }
            }
        }
        best
    }

    /// Starts the highest pending task above the current priority: clears
    /// its pending bit and raises the current priority to its own. The
    /// platform calls this with its interrupts masked and unmasks them only
    /// to run the body, so an interrupt that nests finds the priority
    /// already raised and cannot start the same or a lower task again:
    /// nesting is bounded by the number of priority levels, however fast
    /// interrupts come.
    pub fn take(&self) -> Option<Taken> {
        let floor = self.current_priority();
        let i = self.highest_pending_above(floor)?;
        // Only this CPU clears bits, so the bit is still ours to take.
        self.pending.fetch_and(!(1 << i), Ordering::AcqRel);
        if floor > 0 {
            self.preemptions.fetch_add(1, Ordering::Relaxed);
        }
        self.current.store(self.tasks[i].priority, Ordering::Relaxed);
        Some(Taken { id: TaskId(i as u8), floor })
    }

    /// Ends a task started by [`Scheduler::take`] (interrupts masked again).
    pub fn finish(&self, t: Taken) {
        self.current.store(t.floor, Ordering::Relaxed);
        self.runs[t.id.0 as usize].fetch_add(1, Ordering::Relaxed);
    }

    /// Runs every pending task above the current priority, highest first,
    /// each to completion (tasks spawned meanwhile are taken in the same
    /// pass): [`Scheduler::take`], run, [`Scheduler::finish`]. Returns the
    /// number of tasks run at this nesting level.
    pub fn dispatch(&self, mut run: impl FnMut(TaskId)) -> u32 {
        let mut n = 0;
        while let Some(t) = self.take() {
            run(t.id);
            self.finish(t);
            n += 1;
        }
        n
    }

    /// Completed runs of a task.
    pub fn runs(&self, id: TaskId) -> u32 {
        self.runs.get(id.0 as usize).map_or(0, |r| r.load(Ordering::Relaxed))
    }

    /// Tasks started while another task was running (nested dispatches).
    pub fn preemptions(&self) -> u32 {
        self.preemptions.load(Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use core::cell::RefCell;

    const fn t(name: &'static str, priority: u8) -> TaskDef {
        TaskDef { name, priority }
    }

    #[test]
    fn runs_highest_first_and_ties_in_table_order() {
        let s = Scheduler::new([t("a", 1), t("b", 3), t("c", 2), t("d", 3)]);
        for i in 0..4 {
            s.spawn(TaskId(i)).unwrap();
        }
        let order = RefCell::new([0u8; 4]);
        let mut k = 0;
        assert_eq!(s.dispatch(|id| {
            order.borrow_mut()[k] = id.0;
            k += 1;
        }), 4);
        assert_eq!(*order.borrow(), [1, 3, 2, 0]);
        assert_eq!(s.dispatch(|_| panic!("nothing pending")), 0);
        assert_eq!(s.spawn(TaskId(4)), Err(SpawnError::NoSuchTask(TaskId(4))));
    }

    #[test]
    fn a_higher_task_spawned_inside_a_task_preempts_it_a_lower_one_waits() {
        static S: Scheduler<3> = Scheduler::new([t("low", 1), t("mid", 2), t("high", 3)]);
        fn run(id: TaskId, log: &RefCell<String>) {
            log.borrow_mut().push_str(&format!("<{}", id.0));
            if id.0 == 1 {
                // An "interrupt" inside mid: spawns high and low, then the
                // platform dispatches on its way out.
                S.spawn(TaskId(2)).unwrap();
                S.spawn(TaskId(0)).unwrap();
                S.dispatch(|i| run(i, log));
                assert_eq!(S.current_priority(), 2, "back in mid after the nested run");
            }
            log.borrow_mut().push_str(&format!(">{}", id.0));
        }
        let log = RefCell::new(String::new());
        S.spawn(TaskId(1)).unwrap();
        S.dispatch(|i| run(i, &log));
        // mid starts, high preempts and ends, mid ends, then low runs.
        assert_eq!(log.borrow().as_str(), "<1<2>2>1<0>0");
        assert_eq!(S.preemptions(), 1);
        assert_eq!((S.runs(TaskId(0)), S.runs(TaskId(1)), S.runs(TaskId(2))), (1, 1, 1));
        assert_eq!(S.current_priority(), 0);
    }

    /// An interrupt nested between `take` and the task's body (the window
    /// where the platform has unmasked) sees the raised priority: it starts
    /// only strictly higher tasks, never the same one or a lower one again.
    #[test]
    fn take_raises_the_priority_before_the_body_runs() {
        let s = Scheduler::new([t("low", 1), t("high", 2)]);
        s.spawn(TaskId(0)).unwrap();
        let low = s.take().expect("low is pending");
        assert_eq!(s.current_priority(), 1);
        s.spawn(TaskId(0)).unwrap();
        assert!(s.take().is_none(), "same priority: waits");
        assert_ne!(s.pending_word().load(Ordering::Relaxed), 0, "still pending");
        s.spawn(TaskId(1)).unwrap();
        let high = s.take().expect("higher preempts");
        assert_eq!(s.current_priority(), 2);
        assert!(s.take().is_none());
        s.finish(high);
        s.finish(low);
        assert_eq!(s.current_priority(), 0);
        assert_eq!(s.dispatch(|id| assert_eq!(id, TaskId(0))), 1);
        assert_eq!(s.pending_word().load(Ordering::Relaxed), 0);
    }

    #[test]
    fn spawning_a_pending_task_coalesces() {
        let s = Scheduler::new([t("a", 1)]);
        s.spawn(TaskId(0)).unwrap();
        s.spawn(TaskId(0)).unwrap();
        assert_eq!(s.dispatch(|_| {}), 1);
    }
}
