//! The simulation kernel: one fabric-cycle time base, the interrupt
//! hardware of the chosen pipeline, the stimulus, and the CPUs' threads.
//!
//! Every cycle the kernel applies the source inputs, advances the AXI-lite
//! transaction in flight by one cycle (hardware mode: on the Verilated
//! router; only one transaction at a time, as on the single HPM port), and
//! checks each computing CPU for an exception its mask lets in. A CPU's
//! thread runs only between the kernel's answer and its next request, so
//! exactly one thread runs at any time and a run is reproducible.
//!
//! Reads block their CPU until the value is back. Writes are *posted*: the
//! A53 puts a store to Device memory in its write buffer and goes on, so
//! the kernel answers a write at once ([`Resp::Posted`]) and carries it on
//! the bus later, as a transaction like any other. Each CPU's accesses go
//! to the bus in program order per port (Device-nGnRE: no reordering to one
//! peripheral), so a read waits behind its own CPU's posted writes. **Write
//! buffer depth: unbounded in the model** (a store never stalls its CPU);
//! the kernel records the deepest a CPU's buffer got
//! ([`KernelLog::max_posted`]), so a run shows whether the assumption
//! mattered: the A53's buffer holds a handful of entries, and a run that
//! needs more than that overstates what posting buys.

use crate::proto::{Exception, GicOp, Mask, Req, Resp, World, GIC_SPURIOUS, GIC_TIMER};
use crate::scenario::{Scenario, NCPU, NSRC};
use crate::stimulus::{Event, PULSE};
use router_model::RouterModel;
use router_model::{PinsIn, PinsOut, RouterPins};
use router_sim::{Config, Lockstep, RouterRtl};
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender};

/// Which interrupt pipeline a run simulates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// The router in the fabric (Verilated RTL): logs and stalls in hardware.
    Hardware,
    /// Dovetail in software: every interrupt through the GIC and the CPU's
    /// pipeline entry code, logs and stalls in per-CPU memory.
    Software,
}

/// The CPU end of a kernel connection.
pub struct Port {
    pub tx: Sender<Req>,
    pub rx: Receiver<Resp>,
}

impl Port {
    pub fn call(&self, r: Req) -> Resp {
        self.tx.send(r).expect("kernel alive");
        self.rx.recv().expect("kernel answers")
    }
}

struct Conn {
    tx: Sender<Resp>,
    rx: Receiver<Req>,
}

#[derive(Clone, Copy, Debug)]
enum CpuState {
    /// The thread runs; its next request has not come yet.
    Running,
    /// Blocked on its read: queued behind the CPU's earlier accesses, waiting
    /// for the master, or on the bus.
    Reading,
    Computing {
        until: u64,
        mask: Mask,
        idle: bool,
    },
    /// Set up and waiting for every CPU to be, before the load starts.
    Ready,
    Exited,
}

/// One AXI-lite transaction, cycle by cycle.
#[derive(Clone, Copy, Debug)]
enum Phase {
    Idle,
    /// PS-side path to the PL: cycles before the request reaches the router.
    Out {
        left: u32,
        req: Req,
    },
    Ar {
        addr: u32,
        prot: u8,
    },
    R {
        edge: u64,
    },
    AwW {
        addr: u32,
        data: u32,
        prot: u8,
        aw: bool,
        w: bool,
    },
    B,
    /// PS-side path back: cycles before the CPU has the answer.
    Back {
        left: u32,
        resp: Resp,
    },
}

struct Master {
    phase: Phase,
    cpu: usize,
    /// Its entry in `KernelLog::bus`.
    txn: usize,
    /// A posted write: nobody waits for its answer.
    posted: bool,
}

/// An access a CPU asked for that no master has taken yet.
#[derive(Clone, Copy, Debug)]
struct Queued {
    req: Req,
    /// The cycle the CPU asked for it.
    at: u64,
    /// A posted write's number (`KernelLog::posted`); None for a read.
    post: Option<usize>,
    /// Asked for before the load began (set-up).
    setup: bool,
}

/// One bus transaction as the kernel ran it (hardware mode): who asked,
/// for what, and the four moments of its life on the single master. The
/// attribution of oob latency (`crate::attribution`) reads these, so what
/// it says an access waited behind is what the simulation did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BusTxn {
    pub cpu: u8,
    /// The master (PS-PL port) it went through: 0, or 1 for the oob
    /// (Secure) side when the run models a second port.
    pub port: u8,
    pub addr: u32,
    pub world: World,
    pub write: bool,
    /// A write's data (0 for a read).
    pub data: u32,
    /// The cycle the CPU asked for the bus (a posted write: the cycle it
    /// went into the write buffer).
    pub queued: u64,
    /// The cycle the master took it (its PS-side path begins).
    pub granted: u64,
    /// The edge it executed at the router (AR handshake; a write's B).
    pub edge: u64,
    /// The cycle the CPU had the answer.
    pub done: u64,
    /// Cycles it waited at the router for its channel (read or write) while
    /// the other port's transaction held it, and that transaction (index in
    /// the log); always 0 and None with one port.
    pub chan_wait: u64,
    pub chan_behind: Option<usize>,
    /// A posted write: its CPU went on at `queued` and never waited for it.
    pub posted: bool,
    /// Asked for during the set-up, before the load began.
    pub setup: bool,
}

/// The software pipeline's GIC-400 model: per CPU, pending and active sets;
/// all interrupts at one priority (as Linux configures them), lowest ID first.
#[derive(Default)]
struct Gic {
    pending: Vec<BTreeSet<u32>>,
    active: Vec<BTreeSet<u32>>,
}

impl Gic {
    fn new() -> Gic {
        Gic {
            pending: vec![BTreeSet::new(); NCPU as usize],
            active: vec![BTreeSet::new(); NCPU as usize],
        }
    }
    /// Returns false when the interrupt was already pending (coalesced).
    fn raise(&mut self, cpu: usize, id: u32) -> bool {
        self.pending[cpu].insert(id)
    }
    fn line(&self, cpu: usize) -> bool {
        !self.pending[cpu].is_empty()
    }
    fn ack(&mut self, cpu: usize) -> u32 {
        match self.pending[cpu].pop_first() {
            Some(id) => {
                self.active[cpu].insert(id);
                id
            }
            None => GIC_SPURIOUS,
        }
    }
}

/// What the kernel saw, for the report.
#[derive(Debug, Default)]
pub struct KernelLog {
    /// Edge at which each source event was sampled (hardware: by the
    /// router; software: by the GIC), in time order.
    pub events: Vec<(u64, u16)>,
    /// Level-source events that arrived while the line was still high:
    /// absorbed by the device (its status bit was already set).
    pub device_coalesced: Vec<u32>,
    /// Edges simulated, load phase plus drain.
    pub edges: u64,
    /// The edge at which every CPU was set up and the load began.
    pub load_start: u64,
    /// The edge at which the load stopped.
    pub load_end: u64,
    pub drained: bool,
    /// Bus transactions and their total cycles (hardware mode).
    pub bus_ops: u64,
    pub bus_cycles: u64,
    /// Every bus transaction, in the order the masters took them (hardware).
    pub bus: Vec<BusTxn>,
    /// PS-PL masters the run modelled: 1 (the design: one HPM port), or 2
    /// (a prediction: the oob side's accesses on a port of their own).
    pub ports: u8,
    /// Per CPU, the changes of its oob line as the CPUs saw them: (edge, level)
    /// (hardware mode; the line's value after that edge).
    pub oob_line: Vec<Vec<(u64, bool)>>,
    /// Every posted write by its number ([`Resp::Posted`]): its index in
    /// `bus` once a master took it (None: never taken, a run cut short).
    pub posted: Vec<Option<usize>>,
    /// Per CPU, the most posted writes it had waiting at once (in its write
    /// buffer, not yet executed at the router).
    pub max_posted: Vec<usize>,
}

impl KernelLog {
    /// The edge a posted write executed at the router, if it did.
    pub fn posted_edge(&self, post: usize) -> Option<u64> {
        self.posted
            .get(post)
            .copied()
            .flatten()
            .map(|k| self.bus[k].edge)
    }
}

pub struct Kernel<'a> {
    sc: &'a Scenario,
    mode: Mode,
    /// The Verilated router, stepped in lockstep with the reference model:
    /// any difference of their outputs under this load stops the run.
    rtl: Option<Lockstep<RouterRtl, RouterModel>>,
    out: PinsOut,
    gic: Gic,
    conns: Vec<Conn>,
    state: Vec<CpuState>,
    /// Per CPU, its accesses not yet taken by a master, in program order.
    queue: Vec<std::collections::VecDeque<Queued>>,
    /// Per CPU, posted writes not yet executed.
    in_buffer: Vec<usize>,
    timers: Vec<Option<u64>>,
    timer_raised: Vec<Option<u64>>,
    /// One master per PS-PL port, each with its own PS-side path and its
    /// own round-robin among the CPUs.
    masters: Vec<Master>,
    rr: Vec<usize>,
    /// The master whose read (write) is at the router: the router's slave
    /// takes one read and one write at a time, so with two ports they take
    /// turns, the oob port first.
    rd_owner: Option<usize>,
    wr_owner: Option<usize>,
    now: u64,
    /// Level of each source input, and when an edge pulse ends.
    src_bits: u128,
    pulse_end: Vec<u64>,
    pub log: KernelLog,
    /// A trace window [start, end) of edges, when tracing.
    trace_window: Option<(u64, u64)>,
    /// The edge at which every CPU was set up and the load began.
    load_start: Option<u64>,
    /// SGIs written this cycle, raised at the next edge.
    sgi_queue: Vec<(u8, u32)>,
}

/// How the kernel is connected to one CPU thread.
pub fn channel() -> (Port, (Sender<Resp>, Receiver<Req>)) {
    let (req_tx, req_rx) = std::sync::mpsc::channel();
    let (resp_tx, resp_rx) = std::sync::mpsc::channel();
    (
        Port {
            tx: req_tx,
            rx: resp_rx,
        },
        (resp_tx, req_rx),
    )
}

impl<'a> Kernel<'a> {
    /// `conns`: the kernel ends of the CPU threads' ports, CPU 0 first;
    /// `ports`: PS-PL masters (1, or 2 to predict a second port for the
    /// oob side).
    pub fn new(
        sc: &'a Scenario,
        mode: Mode,
        conns: Vec<(Sender<Resp>, Receiver<Req>)>,
        vcd: Option<(PathBuf, u64, u64)>,
        ports: u8,
    ) -> Result<Kernel<'a>, String> {
        assert!(ports == 1 || ports == 2, "one or two PS-PL ports");
        let (rtl, trace_window) = match mode {
            Mode::Hardware => {
                let p = Config::C32x4x8.params();
                let rtl = match &vcd {
                    Some((path, _, _)) => RouterRtl::with_trace(p, path),
                    None => RouterRtl::new(p),
                }
                .map_err(|e| format!("cannot build the Verilated router: {e}"))?;
                let model = RouterModel::new(p).map_err(|e| format!("reference model: {e:?}"))?;
                let mut rtl = Lockstep::new(rtl, model);
                rtl.reset();
                let w = vcd.as_ref().map(|(_, a, b)| (*a, *b));
                if w.is_some() {
                    rtl.a.set_tracing(false);
                }
                (Some(rtl), w)
            }
            Mode::Software => (None, None),
        };
        let out = rtl.as_ref().map(|r| r.outputs()).unwrap_or_default();
        let n = conns.len();
        Ok(Kernel {
            sc,
            mode,
            rtl,
            out,
            gic: Gic::new(),
            conns: conns.into_iter().map(|(tx, rx)| Conn { tx, rx }).collect(),
            state: vec![CpuState::Running; n],
            queue: vec![Default::default(); n],
            in_buffer: vec![0; n],
            timers: vec![None; n],
            timer_raised: vec![None; n],
            masters: (0..ports)
                .map(|_| Master {
                    phase: Phase::Idle,
                    cpu: 0,
                    txn: 0,
                    posted: false,
                })
                .collect(),
            rr: vec![0; ports as usize],
            rd_owner: None,
            wr_owner: None,
            now: 0,
            src_bits: 0,
            pulse_end: vec![0; NSRC as usize],
            log: KernelLog {
                oob_line: vec![Vec::new(); n],
                max_posted: vec![0; n],
                ports,
                ..KernelLog::default()
            },
            trace_window,
            load_start: None,
            sgi_queue: Vec::new(),
        })
    }

    fn reply(&mut self, cpu: usize, r: Resp) {
        // A thread that panicked has dropped its receiver; its panic is
        // reported when it is joined.
        let _ = self.conns[cpu].tx.send(r);
        self.state[cpu] = CpuState::Running;
    }

    fn computed(&mut self, cpu: usize, exception: Option<Exception>, remaining: u64) {
        let now = self.now;
        self.reply(
            cpu,
            Resp::Computed {
                exception,
                remaining,
                now,
            },
        );
    }

    fn exception_for(&self, cpu: usize, mask: Mask) -> Option<Exception> {
        match self.mode {
            Mode::Hardware => {
                let timer = self.timers[cpu].is_some_and(|d| self.now >= d);
                if mask.fiq && (self.out.irq_oob >> cpu & 1 != 0 || timer) {
                    Some(Exception::Fiq)
                } else if mask.irq && self.out.irq_inb >> cpu & 1 != 0 {
                    Some(Exception::Irq)
                } else {
                    None
                }
            }
            Mode::Software => (mask.irq && self.gic.line(cpu)).then_some(Exception::Irq),
        }
    }

    /// Takes requests from every running thread until each waits on
    /// something that needs simulated time.
    fn collect(&mut self) {
        for cpu in 0..self.state.len() {
            while let CpuState::Running = self.state[cpu] {
                let req = match self.conns[cpu].rx.recv() {
                    Ok(r) => r,
                    Err(_) => {
                        // The thread died (panicked): it is reported at join.
                        self.state[cpu] = CpuState::Exited;
                        break;
                    }
                };
                match req {
                    Req::Read(..) | Req::Write(..) => {
                        if self.mode == Mode::Software {
                            panic!("CPU {cpu} made a router access in the software pipeline");
                        }
                        let post = matches!(req, Req::Write(..)).then_some(self.log.posted.len());
                        self.queue[cpu].push_back(Queued {
                            req,
                            at: self.now,
                            post,
                            setup: self.load_start.is_none(),
                        });
                        match post {
                            // Into the write buffer; the CPU goes on.
                            Some(id) => {
                                self.log.posted.push(None);
                                self.in_buffer[cpu] += 1;
                                let m = &mut self.log.max_posted[cpu];
                                *m = (*m).max(self.in_buffer[cpu]);
                                let now = self.now;
                                self.reply(cpu, Resp::Posted { id, now });
                            }
                            None => self.state[cpu] = CpuState::Reading,
                        }
                    }
                    Req::Compute {
                        cycles,
                        mask,
                        timer,
                        idle,
                    } => {
                        self.timers[cpu] = timer;
                        if let Some(e) = self.exception_for(cpu, mask) {
                            self.computed(cpu, Some(e), cycles);
                        } else if cycles == 0 && !idle {
                            self.computed(cpu, None, 0);
                        } else {
                            let until = if idle { u64::MAX } else { self.now + cycles };
                            self.state[cpu] = CpuState::Computing { until, mask, idle };
                        }
                    }
                    Req::DeviceAck(src) => {
                        self.src_bits &= !(1u128 << src);
                        self.reply(cpu, Resp::Done { now: self.now });
                    }
                    Req::Gic(op) => {
                        let value = match op {
                            GicOp::Ack => self.gic.ack(cpu),
                            GicOp::Eoi(id) => {
                                self.gic.active[cpu].remove(&id);
                                0
                            }
                            GicOp::Sgi { targets, id } => {
                                // Reaches the GIC with the next edge, like a
                                // PL line: the answer is that edge.
                                self.sgi_queue.push((targets, id));
                                (self.now + 1) as u32
                            }
                        };
                        self.reply(
                            cpu,
                            Resp::Gic {
                                value,
                                now: self.now,
                            },
                        );
                    }
                    Req::Ready => self.state[cpu] = CpuState::Ready,
                    Req::Exit => self.state[cpu] = CpuState::Exited,
                }
            }
        }
    }

    /// Source inputs for the edge about to be taken; records sampled events.
    fn apply_stimulus(&mut self, events: &[Event], next: &mut usize) {
        let Some(start) = self.load_start else { return };
        let edge = self.now + 1;
        while *next < events.len() && events[*next].at + start <= self.now {
            let e = events[*next];
            *next += 1;
            let bit = 1u128 << e.src;
            if self.sc.source(e.src).is_some_and(|s| s.level) {
                if self.src_bits & bit != 0 {
                    self.log.device_coalesced.push(e.src as u32);
                    continue;
                }
                self.src_bits |= bit;
            } else {
                self.src_bits |= bit;
                self.pulse_end[e.src as usize] = self.now + PULSE;
            }
            if self.mode == Mode::Software {
                // The PL line reaches the GIC as an SPI; an event while the
                // SPI is pending is coalesced there.
                let cpu = self.sc.source(e.src).map_or(0, |s| s.cpu);
                self.gic.raise(cpu as usize, e.src as u32);
            }
            self.log.events.push((edge, e.src));
        }
        for s in &self.sc.sources {
            let i = s.id as usize;
            if !s.level && self.src_bits >> i & 1 != 0 && self.now >= self.pulse_end[i] {
                self.src_bits &= !(1u128 << i);
            }
        }
    }

    /// The master a request goes through: the oob (Secure) side's own
    /// port when there are two.
    fn port_of(&self, req: &Req) -> usize {
        match req {
            Req::Read(_, World::Secure) | Req::Write(_, _, World::Secure)
                if self.masters.len() == 2 =>
            {
                1
            }
            _ => 0,
        }
    }

    fn bus_cycle(&mut self, inp: &mut PinsIn) {
        let n = self.state.len();
        for m in 0..self.masters.len() {
            if !matches!(self.masters[m].phase, Phase::Idle) {
                continue;
            }
            for k in 0..n {
                let cpu = (self.rr[m] + k) % n;
                // The CPU's oldest access for this port (program order).
                let Some(qi) = self.queue[cpu]
                    .iter()
                    .position(|q| self.port_of(&q.req) == m)
                else {
                    continue;
                };
                let Queued {
                    req,
                    at,
                    post,
                    setup,
                } = self.queue[cpu][qi];
                self.queue[cpu].remove(qi);
                let left = match req {
                    Req::Read(..) => self.sc.bus.read_cycles / 2,
                    _ => self.sc.bus.write_cycles,
                };
                let (addr, world, write, data) = match req {
                    Req::Read(a, w) => (a, w, false, 0),
                    Req::Write(a, d, w) => (a, w, true, d),
                    _ => unreachable!(),
                };
                self.log.bus.push(BusTxn {
                    cpu: cpu as u8,
                    port: m as u8,
                    addr,
                    world,
                    write,
                    data,
                    queued: at,
                    granted: self.now,
                    edge: 0,
                    done: 0,
                    chan_wait: 0,
                    chan_behind: None,
                    posted: post.is_some(),
                    setup,
                });
                let txn = self.log.bus.len() - 1;
                if let Some(id) = post {
                    self.log.posted[id] = Some(txn);
                }
                self.masters[m] = Master {
                    phase: Phase::Out { left, req },
                    cpu,
                    txn,
                    posted: post.is_some(),
                };
                self.rr[m] = (cpu + 1) % n;
                self.log.bus_ops += 1;
                break;
            }
        }
        if self.masters.iter().any(|m| !matches!(m.phase, Phase::Idle)) {
            self.log.bus_cycles += 1;
        }
        for m in 0..self.masters.len() {
            if let Phase::Out { left: 0, req } = self.masters[m].phase {
                self.masters[m].phase = match req {
                    Req::Read(addr, world) => Phase::Ar {
                        addr,
                        prot: world.prot(),
                    },
                    Req::Write(addr, data, world) => Phase::AwW {
                        addr,
                        data,
                        prot: world.prot(),
                        aw: false,
                        w: false,
                    },
                    _ => unreachable!(),
                };
            }
        }
        // The router's channels: a free one goes to the oob port first.
        for m in (0..self.masters.len()).rev() {
            match self.masters[m].phase {
                Phase::Ar { .. } if self.rd_owner.is_none() => self.rd_owner = Some(m),
                Phase::AwW { .. } if self.wr_owner.is_none() => self.wr_owner = Some(m),
                _ => {}
            }
        }
        for m in 0..self.masters.len() {
            let (rd, wr) = (self.rd_owner == Some(m), self.wr_owner == Some(m));
            let holder = |o: Option<usize>| o.map(|o| self.masters[o].txn);
            let (rd_holder, wr_holder) = (holder(self.rd_owner), holder(self.wr_owner));
            let txn = self.masters[m].txn;
            match self.masters[m].phase {
                Phase::Out { ref mut left, .. } => *left -= 1,
                Phase::Ar { addr, prot } if rd => {
                    inp.arvalid = true;
                    inp.araddr = addr;
                    inp.arprot = prot;
                }
                Phase::AwW {
                    addr,
                    data,
                    prot,
                    aw,
                    w,
                } if wr => {
                    inp.awvalid = !aw;
                    inp.awaddr = addr;
                    inp.awprot = prot;
                    inp.wvalid = !w;
                    inp.wdata = data;
                    inp.wstrb = 0xF;
                }
                Phase::Ar { .. } | Phase::AwW { .. } => {
                    let t = &mut self.log.bus[txn];
                    t.chan_wait += 1;
                    let by = if matches!(self.masters[m].phase, Phase::Ar { .. }) {
                        rd_holder
                    } else {
                        wr_holder
                    };
                    t.chan_behind = t.chan_behind.or(by);
                }
                _ => {}
            }
        }
    }

    fn bus_after_edge(&mut self, inp: &PinsIn, before: &PinsOut) {
        for m in 0..self.masters.len() {
            self.master_after_edge(m, inp, before);
        }
    }

    fn master_after_edge(&mut self, m: usize, inp: &PinsIn, before: &PinsOut) {
        let edge = self.now;
        let (rd, wr) = (self.rd_owner == Some(m), self.wr_owner == Some(m));
        let master = &mut self.masters[m];
        match master.phase {
            Phase::Ar { .. } if rd && inp.arvalid && before.arready => {
                master.phase = Phase::R { edge };
                // R comes at the AR edge (spec §6); the outer call then
                // takes the first cycle of the way back as well, as the
                // one-master kernel always has.
                self.master_after_edge(m, inp, before);
            }
            Phase::R { edge: ar } if self.out.rvalid => {
                let back = self.sc.bus.read_cycles - self.sc.bus.read_cycles / 2;
                let resp = Resp::Read {
                    value: self.out.rdata,
                    edge: ar,
                    now: 0,
                };
                if self.out.rresp != 0 {
                    panic!(
                        "router answered {:#b} to a read by CPU {}",
                        self.out.rresp, master.cpu
                    );
                }
                master.phase = Phase::Back { left: back, resp };
                self.rd_owner = None;
            }
            Phase::AwW {
                addr,
                data,
                prot,
                mut aw,
                mut w,
            } if wr => {
                aw |= inp.awvalid && before.awready;
                w |= inp.wvalid && before.wready;
                master.phase = if aw && w {
                    Phase::B
                } else {
                    Phase::AwW {
                        addr,
                        data,
                        prot,
                        aw,
                        w,
                    }
                };
            }
            Phase::B if self.out.bvalid => {
                if self.out.bresp != 0 {
                    panic!(
                        "router answered {:#b} to a write by CPU {}",
                        self.out.bresp, master.cpu
                    );
                }
                master.phase = Phase::Back {
                    left: 0,
                    resp: Resp::Written { edge, now: 0 },
                };
                self.wr_owner = None;
            }
            _ => {}
        }
        let master = &mut self.masters[m];
        if let Phase::Back { left, resp } = master.phase {
            if left == 0 {
                let (cpu, posted) = (master.cpu, master.posted);
                master.phase = Phase::Idle;
                let t = &mut self.log.bus[master.txn];
                t.done = self.now;
                t.edge = match resp {
                    Resp::Read { edge, .. } | Resp::Written { edge, .. } => edge,
                    _ => unreachable!(),
                };
                let resp = match resp {
                    Resp::Read { value, edge, .. } => Resp::Read {
                        value,
                        edge,
                        now: self.now,
                    },
                    Resp::Written { edge, .. } => Resp::Written {
                        edge,
                        now: self.now,
                    },
                    r => r,
                };
                if posted {
                    // Out of the write buffer; its CPU went on long ago.
                    self.in_buffer[cpu] -= 1;
                } else {
                    self.reply(cpu, resp);
                }
            } else {
                master.phase = Phase::Back {
                    left: left - 1,
                    resp,
                };
            }
        }
    }

    fn quiescent(&self) -> bool {
        let all_idle = self
            .state
            .iter()
            .all(|s| matches!(s, CpuState::Computing { idle: true, .. } | CpuState::Exited));
        let lines = match self.mode {
            Mode::Hardware => self.out.irq_oob | self.out.irq_inb == 0,
            Mode::Software => (0..NCPU as usize).all(|c| !self.gic.line(c)),
        };
        all_idle
            && lines
            && self.src_bits == 0
            && self.queue.iter().all(|q| q.is_empty())
            && self.masters.iter().all(|m| matches!(m.phase, Phase::Idle))
    }

    /// Runs the load for the scenario's duration, then lets the CPUs drain
    /// (they stop their load when `stopping` is set) for at most
    /// `drain_limit` more cycles. `progress` is called now and then with the
    /// current edge.
    pub fn run(
        &mut self,
        events: &[Event],
        stopping: &std::sync::atomic::AtomicBool,
        drain_limit: u64,
        mut progress: impl FnMut(u64),
    ) {
        let mut next = 0;
        // Set-up (routing, unstalling) gets a bounded time of its own.
        let setup_limit = 1_000_000;
        loop {
            self.collect();
            if self.load_start.is_none()
                && self
                    .state
                    .iter()
                    .all(|s| matches!(s, CpuState::Ready | CpuState::Exited))
            {
                self.load_start = Some(self.now);
                self.log.load_start = self.now;
                for cpu in 0..self.state.len() {
                    if let CpuState::Ready = self.state[cpu] {
                        let now = self.now;
                        self.reply(cpu, Resp::Done { now });
                    }
                }
                continue;
            }
            let Some(start) = self
                .load_start
                .or((self.now >= setup_limit).then_some(self.now))
            else {
                self.step_once(events, &mut next);
                continue;
            };
            let end = start + self.sc.duration;
            if self.now >= end && !stopping.load(std::sync::atomic::Ordering::Acquire) {
                stopping.store(true, std::sync::atomic::Ordering::Release);
                self.log.load_end = self.now;
            }
            if self.load_start.is_none() || self.now >= end + drain_limit {
                break;
            }
            if self.now >= end && self.quiescent() {
                self.log.drained = true;
                break;
            }
            if self.state.iter().all(|s| matches!(s, CpuState::Exited)) {
                break;
            }
            if self.now % 65_536 == 0 {
                progress(self.now - start);
            }
            self.step_once(events, &mut next);
        }
        self.log.edges = self.now;
        // Release every thread: idle ones get Stop, the rest (a drain that
        // did not finish) get Stop on their next request.
        loop {
            for cpu in 0..self.state.len() {
                if !matches!(self.state[cpu], CpuState::Exited | CpuState::Running) {
                    let now = self.now;
                    self.reply(cpu, Resp::Stop { now });
                }
            }
            let mut any = false;
            for cpu in 0..self.state.len() {
                if let CpuState::Running = self.state[cpu] {
                    any = true;
                    match self.conns[cpu].rx.recv() {
                        Ok(Req::Exit) | Err(_) => self.state[cpu] = CpuState::Exited,
                        Ok(_) => {
                            let now = self.now;
                            self.reply(cpu, Resp::Stop { now });
                        }
                    }
                }
            }
            if !any {
                break;
            }
        }
    }

    /// One edge: stimulus, one cycle of the bus, the router (or the GIC
    /// model), then exceptions and ends of computations.
    fn step_once(&mut self, events: &[Event], next: &mut usize) {
        self.apply_stimulus(events, next);
        let mut inp = PinsIn {
            src: self.src_bits,
            bready: true,
            rready: true,
            ..PinsIn::default()
        };
        if let Some(rtl) = self.rtl.as_mut() {
            if let (Some((a, b)), Some(base)) = (self.trace_window, self.load_start) {
                // The window counts from the start of the load.
                if self.now == base + a {
                    rtl.a.set_tracing(true);
                } else if self.now == base + b {
                    rtl.a.set_tracing(false);
                }
            }
        }
        if self.mode == Mode::Hardware {
            self.bus_cycle(&mut inp);
            let before = self.out;
            self.out = self.rtl.as_mut().expect("hardware mode").step(&inp);
            self.now += 1;
            let changed = before.irq_oob ^ self.out.irq_oob;
            if changed != 0 {
                for (cpu, line) in self.log.oob_line.iter_mut().enumerate() {
                    if changed >> cpu & 1 != 0 {
                        line.push((self.now, self.out.irq_oob >> cpu & 1 != 0));
                    }
                }
            }
            self.bus_after_edge(&inp, &before);
        } else {
            self.now += 1;
            for (targets, id) in std::mem::take(&mut self.sgi_queue) {
                for t in 0..NCPU as usize {
                    if targets >> t & 1 != 0 {
                        self.gic.raise(t, id);
                    }
                }
            }
            for cpu in 0..self.timers.len() {
                if let Some(d) = self.timers[cpu] {
                    if self.now >= d && self.timer_raised[cpu] != Some(d) {
                        self.timer_raised[cpu] = Some(d);
                        self.gic.raise(cpu, GIC_TIMER);
                    }
                }
            }
        }
        for cpu in 0..self.state.len() {
            if let CpuState::Computing { until, mask, .. } = self.state[cpu] {
                if let Some(e) = self.exception_for(cpu, mask) {
                    let remaining = until.saturating_sub(self.now);
                    self.reply(
                        cpu,
                        Resp::Computed {
                            exception: Some(e),
                            remaining,
                            now: self.now,
                        },
                    );
                } else if self.now >= until {
                    self.computed(cpu, None, 0);
                }
            }
        }
    }

    /// Direct register access after the run (the report reads the router's
    /// statistics); hardware mode only.
    pub fn read_reg(&mut self, addr: u32) -> u32 {
        let rtl = self.rtl.as_mut().expect("hardware mode");
        let mut bus = router_sim::AxiMaster::new(RtlRef(rtl));
        let (v, r) = bus.read(addr);
        assert_eq!(r, router_sim::Resp::Okay, "statistics read at {addr:#x}");
        v
    }
}

/// Lets an `AxiMaster` borrow the kernel's router without a reset.
struct RtlRef<'r, P: RouterPins>(&'r mut P);

impl<P: RouterPins> RouterPins for RtlRef<'_, P> {
    fn params(&self) -> router_model::Params {
        self.0.params()
    }
    fn reset(&mut self) {
        self.0.reset()
    }
    fn step(&mut self, inp: &PinsIn) -> PinsOut {
        self.0.step(inp)
    }
    fn outputs(&self) -> PinsOut {
        self.0.outputs()
    }
}
