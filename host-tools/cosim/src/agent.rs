//! One simulated A53: the oob firmware (the router driver and the
//! real-time core from `firmware/`, the very code that runs on the board)
//! and a Linux-like in-band side (a thread with critical sections, IRQ
//! handlers, IPIs both ways), in hardware mode on the router and in software
//! mode on a Dovetail-style pipeline kept in memory.
//!
//! The code reads like the firmware and the glue do: straight-line, with
//! exceptions taken at the points where the kernel interrupts a
//! computation (an A53 takes them between instructions; here between
//! "compute" steps and bus accesses, which are atomic as on the bus).

use crate::kernel::{Mode, Port};
use crate::proto::{
    Exception, GicOp, Mask, Req, Resp, World, GIC_SGI_BASE, GIC_SPURIOUS, GIC_TIMER,
};
use crate::scenario::{Scenario, StageSel, NSRC};
use crate::stimulus::Rng;
use router_driver::{
    vectors, Claim, CpuMask, Page, Priority, RegAccess, Router, SourceConfig, Stage, Trigger,
};
use rt_core::channel::Ring;
use rt_core::ipi::{CallMailbox, OobIpi};
use rt_core::sched::{Scheduler, TaskDef, TaskId};
use rt_core::timer::{Mode as TimerMode, TimerId, TimerQueue};
use std::cell::Cell;
use std::collections::BTreeSet;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// Memory the CPUs share: the oob call mailboxes and the oob → in-band
/// message rings, one each per CPU.
pub struct Shared {
    pub mailboxes: Vec<CallMailbox<16>>,
    pub rings: Vec<Ring<64>>,
    pub stopping: AtomicBool,
    /// The glue before its lazy rule: the mirror also writes the stall
    /// changes arm64 Dovetail's IRQ entry and exit code make and undo with
    /// hard IRQs off. The glue itself (`irq_router_mirror()`) leaves out
    /// every stall made with hard IRQs off, the router's in-band line cannot
    /// interrupt then (`RunOptions::eager_mirror`).
    pub eager_mirror: bool,
}

impl Shared {
    pub fn new(ncpu: usize) -> Shared {
        Shared {
            mailboxes: (0..ncpu).map(|_| CallMailbox::new()).collect(),
            rings: (0..ncpu).map(|_| Ring::new()).collect(),
            stopping: AtomicBool::new(false),
            eager_mirror: false,
        }
    }
}

/// What an interrupt claim handed over, as the report needs it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum What {
    Source(u16),
    Ipi(u8),
}

#[derive(Clone, Copy, Debug)]
pub struct Claimed {
    /// False for an acknowledge whose IRQ was already in the software log:
    /// Dovetail's log coalesces it, its handler never runs for it.
    pub delivered: bool,
    pub cpu: u8,
    pub stage: StageSel,
    pub what: What,
    /// Hardware: the edge the CLAIM read executed. Software: the GIC ack.
    pub claim_edge: u64,
    /// The cycle the handler's first line ran.
    pub handler_start: u64,
    /// The exception (index in `AgentLog::exceptions`) whose handler made
    /// this claim.
    pub exception: usize,
    /// When the claim began (hardware: the CLAIM read was asked of the bus;
    /// software: the IAR access began) and when the CPU had its value.
    pub issued: u64,
    pub answered: u64,
}

/// An exception as the CPU took it: the cycle its computation was cut
/// short, and the cycle its entry code (vector, context save, GIC
/// acknowledge; software: also the pipeline's prologue) was done.
#[derive(Clone, Copy, Debug)]
pub struct ExceptionTaken {
    pub kind: Exception,
    pub taken: u64,
    pub entry_end: u64,
}

#[derive(Clone, Copy, Debug)]
pub struct IpiSent {
    /// The edge the IPI_SEND write executed (hardware: filled in from the
    /// kernel's record of posted write `post` after the run, `run::run`),
    /// or the SGI reached the GIC (software).
    pub edge: u64,
    pub post: Option<usize>,
    pub targets: u8,
    pub stage: StageSel,
    pub vector: u8,
}

#[derive(Clone, Copy, Debug)]
pub struct TimerFired {
    pub cpu: u8,
    pub due: u64,
    pub handler_start: u64,
}

/// Everything one CPU observed, returned when its thread ends.
#[derive(Debug, Default)]
pub struct AgentLog {
    pub claims: Vec<Claimed>,
    /// (source, edge the COMPLETE executed): hardware mode, filled in after
    /// the run from `completes_posted` (source, posted write).
    pub completes: Vec<(u16, u64)>,
    pub completes_posted: Vec<(u16, usize)>,
    pub ipis: Vec<IpiSent>,
    pub timers: Vec<TimerFired>,
    pub spurious: u32,
    pub critical_sections: u64,
    pub messages_sent: u64,
    pub messages_received: u64,
    pub calls_posted: u64,
    pub calls_run: u64,
    pub failed_sends: u64,
    /// Every in-band critical section: the cycles Dovetail's stall bit in
    /// memory was set and cleared again.
    pub stalled: Vec<(u64, u64)>,
    /// Exceptions taken (FIQ + IRQ), and those taken while the in-band
    /// stage was stalled only to log an in-band event (software pipeline;
    /// hardware: an in-band line that won the race with a posted stall).
    pub entries: u64,
    pub entries_to_log_only: u64,
    /// Hardware: the stall mirror's posted STALL writes, of 1 and of 0 (a
    /// change of Dovetail's in-band stall bit that differed from the value
    /// last written).
    pub mirror_writes: [u64; 2],
    /// Hardware: syncs of the in-band log (Dovetail's
    /// `sync_current_irq_stage()`: on IRQ exit and on unstall).
    pub inband_syncs: u64,
    /// Hardware: stall/unstall pairs of arm64 Dovetail's IRQ entry and
    /// exit code over unstalled in-band code (two per such IRQ).
    pub entry_flips: u64,
    /// Every exception taken, in order.
    pub exceptions: Vec<ExceptionTaken>,
}

thread_local! {
    static CALLS_RUN: Cell<u64> = const { Cell::new(0) };
}

/// The oob call the in-band side makes (its cost is charged by the caller
/// of `run_pending`, which counts the calls through this).
fn oob_call(_arg: usize) {
    CALLS_RUN.with(|c| c.set(c.get() + 1));
}

/// The CPU's link to the kernel, shared by the agent and its register
/// accessors.
struct Cpu {
    port: Port,
    now: Cell<u64>,
    /// The edge the CPU's last read executed at the router.
    last_edge: Cell<u64>,
    /// The number of its last posted write (`KernelLog::posted`).
    last_post: Cell<Option<usize>>,
    stopped: Cell<bool>,
}

impl Cpu {
    fn call(&self, r: Req) -> Resp {
        let resp = self.port.call(r);
        self.now.set(resp.now());
        if let Resp::Stop { .. } = resp {
            self.stopped.set(true);
        }
        resp
    }
}

/// The driver's register access in the co-simulation: one AXI-lite
/// transaction on the simulated router per call, carrying the TrustZone
/// world of the code that makes it (the oob firmware Secure, Linux
/// Non-secure), so the router's isolation is in force during the run.
/// Reads wait for their value; writes are posted (the A53's write buffer,
/// see `crate::kernel`).
#[derive(Clone)]
struct SimAccess(Rc<Cpu>, World);

impl RegAccess for SimAccess {
    fn read(&mut self, offset: u32) -> u32 {
        match self.0.call(Req::Read(offset, self.1)) {
            Resp::Read { value, edge, .. } => {
                self.0.last_edge.set(edge);
                value
            }
            // The run was cut short: claim loops see an empty log.
            Resp::Stop { .. } => router_driver::layout::PAGE_CLAIM_ID_NONE,
            r => panic!("read answered with {r:?}"),
        }
    }

    fn write(&mut self, offset: u32, value: u32) {
        match self.0.call(Req::Write(offset, value, self.1)) {
            Resp::Posted { id, .. } => self.0.last_post.set(Some(id)),
            Resp::Stop { .. } => self.0.last_post.set(None),
            r => panic!("write answered with {r:?}"),
        }
    }
}

/// Where code runs, which decides what may interrupt it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ctx {
    /// The in-band thread, unstalled.
    Thread,
    /// The in-band thread inside a critical section (stage stalled).
    CriticalSection,
    /// A Linux IRQ handler. Hardware: also Linux code with hard IRQs off
    /// (PSTATE.I set; the oob FIQ still comes in).
    InbandHandler,
    /// Oob handlers, or the software pipeline's hard-IRQs-off code.
    HardOff,
    /// An oob task: preemptible by oob interrupts (whose handlers may
    /// release higher-priority tasks), never by in-band ones.
    OobTask,
}

pub struct Agent {
    id: u8,
    mode: Mode,
    sc: Arc<Scenario>,
    shared: Arc<Shared>,
    cpu: Rc<Cpu>,
    rng: Rng,
    log: AgentLog,
    // hardware mode
    router: Option<Router<SimAccess>>,
    oob: Option<Page<SimAccess>>,
    inb: Option<Page<SimAccess>>,
    // the real-time core
    timers: TimerQueue<4>,
    timer_tasks: Vec<(u64, u32)>,
    sched: Rc<Scheduler<4>>,
    period_count: Vec<u32>,
    /// Dovetail's in-band stall bit in memory (both pipelines: in hardware
    /// the glue mirrors its changes into the router page).
    inband_stalled: bool,
    // hardware pipeline: the stall mirror and Dovetail's log of claimed
    // router entries
    /// The value the mirror last wrote to the page's STALL.
    mirror_last: bool,
    /// Claimed in-band entries waiting in Dovetail's log (their handlers
    /// run at the next sync): what, and the claim's record.
    hw_log: Vec<(What, u64, (usize, u64, u64))>,
    /// The glue's `rt->active` bitmap: sources claimed and not completed.
    /// An edge source can be claimed again before its first handler has
    /// run (a new event); its flow then ends twice, and only the first end
    /// writes COMPLETE (`router_src_eoi()`), as the router takes one.
    inb_active: u128,
    // software pipeline state
    sw_log: BTreeSet<u32>,
    /// Acknowledged in-band IRQs waiting in the log: (GIC ID, ack cycle,
    /// exception, IAR access start).
    sw_pending_claims: Vec<(u32, u64, usize, u64)>,
}

const TASK_NAMES: [&str; 4] = ["timer0", "timer1", "timer2", "timer3"];

impl Agent {
    pub fn new(id: u8, mode: Mode, sc: Arc<Scenario>, shared: Arc<Shared>, port: Port) -> Agent {
        let mine: Vec<_> = sc.timers.iter().filter(|t| t.cpu == id).take(4).collect();
        // Shorter periods get higher priorities (rate-monotonic).
        let mut prios: Vec<u64> = mine.iter().map(|t| t.period).collect();
        prios.sort_unstable();
        let defs: [TaskDef; 4] = std::array::from_fn(|i| TaskDef {
            name: TASK_NAMES[i],
            priority: mine.get(i).map_or(1, |t| {
                4 - prios.iter().position(|p| *p == t.period).unwrap_or(3) as u8
            }),
        });
        Agent {
            id,
            mode,
            rng: Rng::new(sc.seed ^ (0xC0FFEE + id as u64)),
            timer_tasks: mine.iter().map(|t| (t.task, t.message_every)).collect(),
            period_count: vec![0; mine.len()],
            sc,
            shared,
            cpu: Rc::new(Cpu {
                port,
                now: Cell::new(0),
                last_edge: Cell::new(0),
                last_post: Cell::new(None),
                stopped: Cell::new(false),
            }),
            log: AgentLog::default(),
            router: None,
            oob: None,
            inb: None,
            timers: TimerQueue::new(),
            sched: Rc::new(Scheduler::new(defs)),
            inband_stalled: false,
            mirror_last: false,
            hw_log: Vec::new(),
            inb_active: 0,
            sw_log: BTreeSet::new(),
            sw_pending_claims: Vec::new(),
        }
    }

    fn now(&self) -> u64 {
        self.cpu.now.get()
    }

    fn stopped(&self) -> bool {
        self.cpu.stopped.get()
    }

    fn mask(&self, ctx: Ctx) -> Mask {
        match (self.mode, ctx) {
            (_, Ctx::HardOff) => Mask::NONE,
            (Mode::Hardware, Ctx::OobTask) => Mask::FIQ,
            // Linux handlers run with PSTATE.I set; FIQ (oob) still comes in.
            (Mode::Hardware, Ctx::InbandHandler) => Mask::FIQ,
            (Mode::Hardware, _) => Mask::ALL,
            // Dovetail: the in-band stall is virtual, hard IRQs stay on
            // everywhere but in the pipeline's own code.
            (Mode::Software, _) => Mask {
                fiq: false,
                irq: true,
            },
        }
    }

    /// Runs for `cycles`, taking every exception the context lets in.
    fn compute(&mut self, cycles: u64, ctx: Ctx) {
        let mut left = cycles;
        loop {
            let req = Req::Compute {
                cycles: left,
                mask: self.mask(ctx),
                timer: self.timers.next_deadline(),
                idle: false,
            };
            match self.cpu.call(req) {
                Resp::Computed {
                    exception: None, ..
                } => return,
                Resp::Computed {
                    exception: Some(e),
                    remaining,
                    ..
                } => {
                    left = remaining;
                    self.take(e, ctx);
                }
                Resp::Stop { .. } => return,
                r => panic!("compute answered with {r:?}"),
            }
            if self.stopped() {
                return;
            }
        }
    }

    fn take(&mut self, e: Exception, ctx: Ctx) {
        self.log.entries += 1;
        let k = self.log.exceptions.len();
        self.log.exceptions.push(ExceptionTaken {
            kind: e,
            taken: self.now(),
            entry_end: self.now(),
        });
        match (self.mode, e) {
            (Mode::Hardware, Exception::Fiq) => self.hw_fiq(k),
            (Mode::Hardware, Exception::Irq) => self.hw_irq(ctx, k),
            (Mode::Software, _) => self.sw_irq(ctx, k),
        }
    }

    /// Marks the entry code of exception `k` as done now; returns `k`.
    fn entry_done(&mut self, k: usize) -> usize {
        self.log.exceptions[k].entry_end = self.now();
        k
    }

    pub fn run(mut self) -> AgentLog {
        match self.mode {
            Mode::Hardware => self.hw_setup(),
            Mode::Software => {}
        }
        match self.cpu.call(Req::Ready) {
            Resp::Done { .. } => {}
            Resp::Stop { .. } => return self.finish(),
            r => panic!("ready answered with {r:?}"),
        }
        let start = self.now();
        self.arm_timers_at(start);
        let mut next_call = self.sc.call_oob_gap.map(|g| start + self.rng.exp(g));
        while !self.shared.stopping.load(Ordering::Acquire) && !self.stopped() {
            let gap = self.rng.draw(self.sc.gap);
            self.compute(gap, Ctx::Thread);
            if next_call.is_some_and(|t| self.now() >= t) {
                self.call_oob();
                next_call = self.sc.call_oob_gap.map(|g| self.now() + self.rng.exp(g));
            }
            let cs = self.rng.draw(self.sc.critical_section);
            let t0 = self.now();
            let was = self.stall();
            self.compute(cs, Ctx::CriticalSection);
            let t1 = self.restore(was);
            self.log.stalled.push((t0, t1));
            self.log.critical_sections += 1;
        }
        // The load is over: stop the oob timers and idle until the kernel
        // has seen every log drained.
        for i in 0..4 {
            let _ = self.timers.cancel(TimerId(i));
        }
        while !self.stopped() {
            let req = Req::Compute {
                cycles: 0,
                mask: self.mask(Ctx::Thread),
                timer: None,
                idle: true,
            };
            match self.cpu.call(req) {
                Resp::Computed {
                    exception: Some(e), ..
                } => self.take(e, Ctx::Thread),
                Resp::Stop { .. } => break,
                r => panic!("idle answered with {r:?}"),
            }
        }
        self.finish()
    }

    fn finish(self) -> AgentLog {
        let _ = self.cpu.port.tx.send(Req::Exit);
        self.log
    }

    fn arm_timers_at(&mut self, start: u64) {
        let mine: Vec<_> = self
            .sc
            .timers
            .iter()
            .filter(|t| t.cpu == self.id)
            .take(4)
            .cloned()
            .collect();
        for (i, t) in mine.iter().enumerate() {
            // The first period starts with the load.
            self.timers
                .arm_at(
                    TimerId(i as u8),
                    start + t.period,
                    TimerMode::Periodic { period: t.period },
                )
                .expect("4 slots");
        }
    }

    // ---- the in-band side's view of irqflags ---------------------------------

    /// `local_irq_save()`: Dovetail's `test_and_stall_inband_nocheck()`.
    /// Hardware: the bit in memory first, then the glue's mirror posts the
    /// STALL write (spec §5, "Posting the STALL write"); an in-band line
    /// that wins the race is claimed and logged (`hw_irq`).
    fn stall(&mut self) -> bool {
        let was = self.inband_stalled;
        self.inband_stalled = true;
        self.compute(
            self.sc.cpu_cycles(self.sc.costs.sw_stall),
            Ctx::CriticalSection,
        );
        if self.mode == Mode::Hardware {
            self.mirror(Ctx::CriticalSection);
        }
        was
    }

    /// `local_irq_restore()`: Dovetail's `__inband_irq_enable()`, hard IRQs
    /// off: the bit cleared, then (hardware) the unstall posted by the
    /// mirror, the router replaying its own log as the write executes; then
    /// a sync of whatever Dovetail logged meanwhile. Returns the cycle the
    /// bit was cleared.
    fn restore(&mut self, was: bool) -> u64 {
        if was {
            // Stays stalled: nothing changes, the mirror has nothing to write.
            return self.now();
        }
        self.compute(
            self.sc.cpu_cycles(self.sc.costs.sw_stall),
            Ctx::InbandHandler,
        );
        self.inband_stalled = false;
        let cleared = self.now();
        match self.mode {
            Mode::Hardware => {
                self.mirror(Ctx::InbandHandler);
                if !self.hw_log.is_empty() {
                    self.hw_sync_inband();
                }
            }
            Mode::Software => {
                if !self.sw_log.is_empty() {
                    self.sw_sync_inband();
                }
            }
        }
        cleared
    }

    /// The glue's `irq_router_mirror()`, called after each change of the
    /// in-band stall bit: one posted STALL write when the bit differs from
    /// the value last written, nothing otherwise (no read, no read-back).
    /// Its cost (`costs.hw_mirror`) is charged only when it writes.
    fn mirror(&mut self, ctx: Ctx) {
        let v = self.inband_stalled;
        if self.mirror_last == v {
            return;
        }
        self.mirror_last = v;
        self.compute(self.sc.cpu_cycles(self.sc.costs.hw_mirror), ctx);
        let page = self.inb.as_mut().expect("hw");
        if v {
            page.stall();
        } else {
            page.unstall();
        }
        self.log.mirror_writes[!v as usize] += 1;
    }

    /// Dovetail's `sync_current_irq_stage()` for the in-band stage, on the
    /// router: stall (mirrored), run the logged entries' handlers lowest ID
    /// first with hard IRQs on and the stage stalled (an IRQ then is
    /// claimed and logged), each followed by its COMPLETE, unstall
    /// (mirrored). An entry claimed again while in the log is merged into
    /// it, as Dovetail's log merges a second post of one IRQ.
    fn hw_sync_inband(&mut self) {
        let c = self.sc.costs;
        self.log.inband_syncs += 1;
        let was = self.inband_stalled;
        self.inband_stalled = true;
        self.mirror(Ctx::InbandHandler);
        while let Some(what) = self.hw_log.iter().map(|e| e.0).min() {
            self.compute(self.sc.cpu_cycles(c.sw_sync_per_irq), Ctx::InbandHandler);
            let now = self.now();
            let mut first = true;
            let mut claims = Vec::new();
            self.hw_log.retain(|&(w, edge, at)| {
                if w != what {
                    return true;
                }
                claims.push((first, edge, at));
                first = false;
                false
            });
            for (delivered, edge, (exception, issued, answered)) in claims {
                self.log.claims.push(Claimed {
                    delivered,
                    cpu: self.id,
                    stage: StageSel::Inband,
                    what,
                    claim_edge: edge,
                    handler_start: now,
                    exception,
                    issued,
                    answered,
                });
            }
            match what {
                What::Source(s) => {
                    self.run_source_handler(s, Ctx::CriticalSection);
                    if self.inb_active & 1 << s != 0 {
                        self.inb_active &= !(1 << s);
                        self.hw_complete(StageSel::Inband, s);
                    }
                }
                What::Ipi(v) => {
                    if v == vectors::INBAND_CHANNEL {
                        self.drain_messages(Ctx::CriticalSection);
                    }
                }
            }
            if self.stopped() {
                return;
            }
        }
        self.inband_stalled = was;
        self.mirror(Ctx::InbandHandler);
    }

    /// An in-band → oob cross-CPU call (Dovetail's oob remote call).
    fn call_oob(&mut self) {
        let target = (self.id + 1) % crate::scenario::NCPU;
        if self.shared.mailboxes[target as usize]
            .post(oob_call, self.id as usize)
            .is_err()
        {
            self.log.failed_sends += 1;
            return;
        }
        self.log.calls_posted += 1;
        self.send_ipi(
            target,
            StageSel::Oob,
            OobIpi::CallFunction.vector(),
            Ctx::Thread,
        );
    }

    fn send_ipi(&mut self, target: u8, stage: StageSel, vector: u8, ctx: Ctx) {
        match self.mode {
            Mode::Hardware => {
                let st = if stage == StageSel::Oob {
                    Stage::Oob
                } else {
                    Stage::Inband
                };
                // Oob code sends from its oob page, Linux from its in-band page.
                let page = if ctx == Ctx::HardOff {
                    self.oob.as_mut()
                } else {
                    self.inb.as_mut()
                };
                page.expect("hw")
                    .send_ipi(CpuMask::one(target), st, vector)
                    .expect("valid IPI");
                // Posted: its edge comes from the kernel's record.
                let Some(post) = self.cpu.last_post.take() else {
                    return;
                };
                self.log.ipis.push(IpiSent {
                    edge: 0,
                    post: Some(post),
                    targets: 1 << target,
                    stage,
                    vector,
                });
            }
            Mode::Software => {
                self.compute(self.sc.cpu_cycles(self.sc.costs.gic_access), ctx);
                let id = sgi_id(stage, vector);
                let edge = match self.cpu.call(Req::Gic(GicOp::Sgi {
                    targets: 1 << target,
                    id,
                })) {
                    Resp::Gic { value, .. } => value as u64,
                    _ => return,
                };
                self.log.ipis.push(IpiSent {
                    edge,
                    post: None,
                    targets: 1 << target,
                    stage,
                    vector,
                });
            }
        }
    }

    // ---- the oob real-time core -----------------------------------------------

    /// The oob tick: fires due timers (rt-core's queue), releasing their tasks.
    fn expire_timers(&mut self) {
        let now = self.now();
        let mut fired = Vec::new();
        self.timers.expire(now, |id, due| fired.push((id, due)));
        for (id, due) in fired {
            self.log.timers.push(TimerFired {
                cpu: self.id,
                due,
                handler_start: now,
            });
            self.sched.spawn(TaskId(id.0)).expect("task per timer");
        }
    }

    /// On the way out of an oob interrupt: runs the released tasks above
    /// the interrupted priority (rt-core's scheduler), oob interrupts on.
    fn dispatch_tasks(&mut self) {
        let sched = self.sched.clone();
        sched.dispatch(|t| self.run_task(t));
    }

    fn run_task(&mut self, t: TaskId) {
        let (cost, every) = self.timer_tasks[t.0 as usize];
        self.compute(cost, Ctx::OobTask);
        self.period_count[t.0 as usize] += 1;
        if every > 0 && self.period_count[t.0 as usize] % every == 0 {
            self.post_message();
        }
    }

    /// A message to Linux on this CPU's ring, with a doorbell when Linux
    /// may be asleep on it.
    fn post_message(&mut self) {
        self.compute(self.sc.message, Ctx::HardOff);
        let n = self.log.messages_sent.to_le_bytes();
        match self.shared.rings[self.id as usize].send(&n) {
            Ok(sent) => {
                self.log.messages_sent += 1;
                if sent.ring_doorbell {
                    self.send_ipi(
                        self.id,
                        StageSel::Inband,
                        vectors::INBAND_CHANNEL,
                        Ctx::HardOff,
                    );
                }
            }
            Err(_) => self.log.failed_sends += 1,
        }
    }

    fn drain_messages(&mut self, ctx: Ctx) {
        let n = self.shared.rings[self.id as usize].drain(|_| {});
        self.log.messages_received += n as u64;
        self.compute(self.sc.message * n as u64, ctx);
    }

    fn run_calls(&mut self) {
        let before = CALLS_RUN.with(|c| c.get());
        self.shared.mailboxes[self.id as usize].run_pending();
        let n = CALLS_RUN.with(|c| c.get()) - before;
        self.log.calls_run += n;
        self.compute(self.sc.call * n, Ctx::HardOff);
    }

    /// Records a claim whose handler starts now: made by the handler of
    /// exception `exc`, asked for at `issued`, answered at `answered`.
    fn record(
        &mut self,
        stage: StageSel,
        what: What,
        edge: u64,
        (exc, issued, answered): (usize, u64, u64),
    ) {
        let c = Claimed {
            delivered: true,
            cpu: self.id,
            stage,
            what,
            claim_edge: edge,
            handler_start: self.now(),
            exception: exc,
            issued,
            answered,
        };
        self.log.claims.push(c);
    }

    /// A PL source's handler: its work, then (level sources) the write to
    /// the device that lowers its line.
    fn run_source_handler(&mut self, s: u16, ctx: Ctx) {
        let (cost, level) = self.handler_cost(s);
        self.compute(cost, ctx);
        if level {
            self.device_ack(s);
        }
    }

    /// COMPLETE on the page the source was claimed from.
    fn hw_complete(&mut self, stage: StageSel, s: u16) {
        let page = if stage == StageSel::Oob {
            self.oob.as_mut()
        } else {
            self.inb.as_mut()
        };
        page.expect("hw").complete(s).expect("claimed source");
        // Posted: its edge comes from the kernel's record.
        if let Some(post) = self.cpu.last_post.take() {
            self.log.completes_posted.push((s, post));
        }
    }

    fn handler_cost(&self, src: u16) -> (u64, bool) {
        self.sc
            .source(src)
            .map_or((self.sc.inband_handler, false), |s| (s.handler, s.level))
    }

    fn device_ack(&mut self, src: u16) {
        self.cpu.call(Req::DeviceAck(src));
    }

    // ---- hardware pipeline ------------------------------------------------------

    /// Boot of the oob firmware (Secure): CPU 0 probes the router, routes
    /// every source, sets IPI priorities, allows Linux the oob IPIs it sends
    /// and locks the oob configuration; each CPU then unstalls its oob stage,
    /// and Linux (Non-secure) its in-band stage.
    fn hw_setup(&mut self) {
        let access = SimAccess(self.cpu.clone(), World::Secure);
        let mut router = Router::probe(access).expect("the Verilated router probes");
        assert!(router.is_secure(), "the oob firmware's accesses are Secure");
        if self.id == 0 {
            for s in &self.sc.sources {
                let cfg = SourceConfig {
                    enabled: true,
                    stage: if s.stage == StageSel::Oob {
                        Stage::Oob
                    } else {
                        Stage::Inband
                    },
                    cpu: s.cpu,
                    trigger: if s.level {
                        Trigger::Level
                    } else {
                        Trigger::Edge
                    },
                    priority: Priority::new(s.priority).expect("validated"),
                };
                router
                    .configure_source(s.id, cfg)
                    .expect("routing accepted");
            }
            // Timer and reschedule IPIs above device interrupts' default.
            for v in [vectors::OOB_TIMER, vectors::OOB_RESCHEDULE] {
                router
                    .set_ipi_priority(Stage::Oob, v, Priority::new(2).unwrap())
                    .expect("valid vector");
            }
            // Linux's oob remote calls (OOB_CALL_FUNCTION) and channel
            // doorbell are the oob IPIs it may send; nothing else.
            router
                .allow_ns_oob_ipis(1 << vectors::OOB_CALL_FUNCTION | 1 << vectors::OOB_CHANNEL)
                .expect("valid vectors");
            router.lock().expect("lock");
        }
        let mut oob = router.page(self.id, Stage::Oob).expect("cpu served");
        let mut linux = Router::probe(SimAccess(self.cpu.clone(), World::NonSecure))
            .expect("Linux probes the router");
        assert!(!linux.is_secure(), "Linux's accesses are Non-secure");
        let mut inb = linux.page(self.id, Stage::Inband).expect("cpu served");
        oob.unstall();
        inb.unstall();
        self.oob = Some(oob);
        self.inb = Some(inb);
        self.router = Some(router);
    }

    /// The oob line (FIQ): the firmware's claim loop on its oob page, then
    /// the oob tick and the tasks released.
    fn hw_fiq(&mut self, k: usize) {
        let c = &self.sc.costs;
        let (entry, exit, dispatch) = (c.exception_entry, c.exception_exit, c.hw_dispatch);
        // The router's oob line (or the oob tick) reaches the CPU as a GIC
        // group-0 interrupt: acknowledge it (IAR) before claiming, and
        // end it (EOIR) on the way out.
        self.compute(self.sc.cpu_cycles(entry + c.gic_access), Ctx::HardOff);
        let exc = self.entry_done(k);
        loop {
            let issued = self.now();
            let claim = self.oob.as_mut().expect("hw").claim();
            let edge = self.cpu.last_edge.get();
            let at = (exc, issued, self.now());
            if self.stopped() {
                return;
            }
            match claim {
                Claim::None => break,
                Claim::Invalid(raw) => panic!("CPU {} claimed an invalid ID {raw:#x}", self.id),
                Claim::Source(s) => {
                    self.compute(self.sc.cpu_cycles(dispatch), Ctx::HardOff);
                    self.record(StageSel::Oob, What::Source(s), edge, at);
                    self.run_source_handler(s, Ctx::HardOff);
                    self.hw_complete(StageSel::Oob, s);
                }
                Claim::Ipi(v) => {
                    self.compute(self.sc.cpu_cycles(dispatch), Ctx::HardOff);
                    self.record(StageSel::Oob, What::Ipi(v), edge, at);
                    match OobIpi::from_vector(v) {
                        Some(OobIpi::CallFunction) => self.run_calls(),
                        // Reschedule / timer: the dispatch below does the work.
                        Some(_) => {}
                        None => panic!("unknown oob vector {v}"),
                    }
                }
            }
        }
        if self.timers.next_deadline().is_some_and(|d| self.now() >= d) {
            self.expire_timers();
        }
        self.compute(self.sc.cpu_cycles(self.sc.costs.gic_access), Ctx::HardOff);
        self.dispatch_tasks();
        self.compute(self.sc.cpu_cycles(exit), Ctx::HardOff);
    }

    /// The in-band line (IRQ) on a Dovetail kernel: the pipeline's entry
    /// runs the glue's chained handler at once, hard IRQs off, whatever the
    /// in-band stall bit says; it claims from the router page until NONE
    /// and posts each entry to Dovetail's in-band log (`costs.sw_log`, as
    /// the software pipeline logs). On the way out the log is synced if
    /// the interrupted in-band code was not stalled; otherwise (the line
    /// won the race with a posted stall) the entries wait for the unstall,
    /// as spec §5's posting rule requires: no handler runs while the
    /// memory bit says stalled.
    fn hw_irq(&mut self, ctx: Ctx, k: usize) {
        let c = &self.sc.costs;
        let (entry, exit, gic, log) = (c.exception_entry, c.exception_exit, c.gic_access, c.sw_log);
        // Over unstalled in-band code, arm64 Dovetail's entry (`__el1_irq()`,
        // and `enter_from_user_mode()` alike) stalls around the kernel-entry
        // prologue and unstalls again, and its exit stalls around
        // `exit_to_kernel_mode()` and unstalls: each change goes through
        // the mirror, so two posted pairs per IRQ (not modelled: the extra
        // pair of `arm64_preempt_schedule_irq()` under CONFIG_PREEMPTION).
        let flips = ctx == Ctx::Thread && !self.inband_stalled;
        self.compute(self.sc.cpu_cycles(entry), Ctx::InbandHandler);
        if flips {
            self.entry_flip();
        }
        // Linux's GIC driver acknowledges the router's in-band SPI, then the
        // glue's chained handler claims from the router.
        self.compute(self.sc.cpu_cycles(gic), Ctx::InbandHandler);
        let exc = self.entry_done(k);
        let mut first = true;
        loop {
            let issued = self.now();
            let claim = self.inb.as_mut().expect("hw").claim();
            let edge = self.cpu.last_edge.get();
            let at = (exc, issued, self.now());
            if self.stopped() {
                return;
            }
            let what = match claim {
                Claim::None => {
                    if first {
                        self.log.spurious += 1;
                    }
                    break;
                }
                Claim::Invalid(raw) => panic!("CPU {} claimed an invalid ID {raw:#x}", self.id),
                Claim::Source(s) => {
                    self.inb_active |= 1 << s;
                    What::Source(s)
                }
                Claim::Ipi(v) => What::Ipi(v),
            };
            self.compute(self.sc.cpu_cycles(log), Ctx::InbandHandler);
            self.hw_log.push((what, edge, at));
            first = false;
        }
        self.compute(self.sc.cpu_cycles(gic), Ctx::InbandHandler);
        if !first && (self.inband_stalled || ctx != Ctx::Thread) {
            self.log.entries_to_log_only += 1;
        }
        // synchronize_pipeline_on_irq(): only over unstalled in-band code.
        if !self.inband_stalled && ctx == Ctx::Thread && !self.hw_log.is_empty() {
            self.hw_sync_inband();
        }
        if flips && !self.stopped() {
            self.entry_flip();
        }
        self.compute(self.sc.cpu_cycles(exit), Ctx::InbandHandler);
    }

    /// One stall/unstall pair of the arm64 entry or exit code, hard IRQs
    /// off, each change mirrored.
    fn entry_flip(&mut self) {
        self.log.entry_flips += 1;
        for v in [true, false] {
            self.inband_stalled = v;
            self.compute(
                self.sc.cpu_cycles(self.sc.costs.sw_stall),
                Ctx::InbandHandler,
            );
            if self.shared.eager_mirror {
                self.mirror(Ctx::InbandHandler);
            }
        }
    }

    // ---- software pipeline (Dovetail in memory) ------------------------------------

    fn is_oob_id(&self, id: u32) -> bool {
        if id == GIC_TIMER {
            return true;
        }
        if id >= GIC_SGI_BASE {
            return id - GIC_SGI_BASE < 8;
        }
        u16::try_from(id)
            .ok()
            .and_then(|id| self.sc.source(id))
            .is_some_and(|s| s.stage == StageSel::Oob)
    }

    /// `handle_irq_pipelined`: hard IRQs off, ack everything the GIC has,
    /// run oob handlers at once, log in-band ones; then replay the in-band
    /// log if the in-band stage is not stalled.
    fn sw_irq(&mut self, ctx: Ctx, k: usize) {
        let c = self.sc.costs;
        self.compute(
            self.sc.cpu_cycles(c.exception_entry + c.sw_pipeline_entry),
            Ctx::HardOff,
        );
        let exc = self.entry_done(k);
        let mut only_logged = true;
        loop {
            let issued = self.now();
            self.compute(self.sc.cpu_cycles(c.gic_access), Ctx::HardOff);
            let id = match self.cpu.call(Req::Gic(GicOp::Ack)) {
                Resp::Gic { value, .. } => value,
                Resp::Stop { .. } => return,
                r => panic!("ack answered with {r:?}"),
            };
            let acked = self.now();
            if id == GIC_SPURIOUS {
                break;
            }
            if self.is_oob_id(id) {
                only_logged = false;
                if id == GIC_TIMER {
                    self.expire_timers();
                } else {
                    let what = gic_what(id);
                    self.log.claims.push(Claimed {
                        delivered: true,
                        cpu: self.id,
                        stage: StageSel::Oob,
                        what,
                        claim_edge: acked,
                        handler_start: self.now(),
                        exception: exc,
                        issued,
                        answered: acked,
                    });
                    match what {
                        What::Source(s) => {
                            self.run_source_handler(s, Ctx::HardOff);
                        }
                        What::Ipi(v) if v == vectors::OOB_CALL_FUNCTION => self.run_calls(),
                        What::Ipi(_) => {}
                    }
                }
            } else {
                self.compute(self.sc.cpu_cycles(c.sw_log), Ctx::HardOff);
                self.sw_log.insert(id);
                self.sw_pending_claims.push((id, acked, exc, issued));
            }
            self.compute(self.sc.cpu_cycles(c.gic_access), Ctx::HardOff);
            self.cpu.call(Req::Gic(GicOp::Eoi(id)));
        }
        if only_logged && (self.inband_stalled || ctx != Ctx::Thread) {
            self.log.entries_to_log_only += 1;
        }
        self.dispatch_tasks();
        // synchronize_pipeline_on_irq: replay only if the interrupted
        // in-band code was not stalled and not itself replaying.
        if !self.inband_stalled && ctx == Ctx::Thread && !self.sw_log.is_empty() {
            self.sw_sync_inband();
        }
        self.compute(self.sc.cpu_cycles(c.exception_exit), Ctx::HardOff);
    }

    /// `sync_current_irq_stage` for the in-band stage: stall, play the log
    /// lowest ID first with hard IRQs on around each handler, unstall.
    fn sw_sync_inband(&mut self) {
        let c = self.sc.costs;
        let was = self.inband_stalled;
        self.inband_stalled = true;
        while let Some(id) = self.sw_log.pop_first() {
            self.compute(self.sc.cpu_cycles(c.sw_sync_per_irq), Ctx::HardOff);
            // Every acknowledge of this IRQ since it was logged: the first is
            // delivered now, the later ones were coalesced by the log.
            let what = gic_what(id);
            let now = self.now();
            let mut first = true;
            self.sw_pending_claims
                .retain(|&(i, acked, exception, issued)| {
                    if i != id {
                        return true;
                    }
                    self.log.claims.push(Claimed {
                        delivered: first,
                        cpu: self.id,
                        stage: StageSel::Inband,
                        what,
                        claim_edge: acked,
                        handler_start: now,
                        exception,
                        issued,
                        answered: acked,
                    });
                    first = false;
                    false
                });
            match what {
                What::Source(s) => {
                    self.run_source_handler(s, Ctx::InbandHandler);
                }
                What::Ipi(v) if v == vectors::INBAND_CHANNEL => {
                    self.drain_messages(Ctx::InbandHandler)
                }
                What::Ipi(_) => {}
            }
        }
        self.inband_stalled = was;
    }
}

fn sgi_id(stage: StageSel, vector: u8) -> u32 {
    GIC_SGI_BASE + vector as u32 + if stage == StageSel::Inband { 8 } else { 0 }
}

fn gic_what(id: u32) -> What {
    if id >= GIC_SGI_BASE {
        What::Ipi(((id - GIC_SGI_BASE) % 8) as u8)
    } else {
        assert!(id < NSRC as u32, "GIC id {id}");
        What::Source(id as u16)
    }
}
