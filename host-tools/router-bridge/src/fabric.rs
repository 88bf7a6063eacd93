//! The simulated PL: the Verilated router behind one AXI4-Lite master, its
//! source inputs driven by [`Sources`], advanced to QEMU's time on demand.
//!
//! Time only moves forward, and only when QEMU asks (an access or a sync).
//! Catching up is exact but cheap: edges are evaluated while anything can
//! change, and once the inputs have been still for `SETTLE_EDGES` evaluated
//! edges the rest of a quiet stretch is skipped (`RouterRtl::skip_idle`),
//! up to the next input change the scenario holds. A guest second is 10^8
//! router cycles at 100 MHz; evaluating them would take minutes.

use crate::protocol::AxiResp;
use crate::record::{Access, Entry, Record};
use crate::sources::{DeviceResult, Sources, DEVICE_BASE, DEVICE_SIZE};
use crate::time::TimeMap;
use router_model::{Params, PinsIn, PinsOut, RouterPins};
use router_sim::{AxiMaster, Config, ReadOpts, Resp, RouterRtl, SimError, WriteOpts, SETTLE_EDGES};
use std::path::Path;

/// The router instance on the bus (NSRC 32, NCPU 4, NIPI 8): the main job's.
pub const ROUTER_CONFIG: Config = Config::C32x4x8;
/// The router's share of the window: its 17-bit AXI address space.
pub const ROUTER_SIZE: u32 = 1 << irq_router_layout::REGMAP_ADDR_WIDTH;

/// Where an access lands in the bridge's window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Router(u32),
    Device(u32),
    /// No slave: the interconnect answers DECERR.
    Nothing,
}

pub fn decode(addr: u32) -> Target {
    if addr < ROUTER_SIZE {
        Target::Router(addr)
    } else if (DEVICE_BASE..DEVICE_BASE + DEVICE_SIZE).contains(&addr) {
        Target::Device(addr - DEVICE_BASE)
    } else {
        Target::Nothing
    }
}

/// Counters of one run, for the summary and the benchmark.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counters {
    pub accesses: u64,
    pub syncs: u64,
    pub edges_evaluated: u64,
    pub edges_skipped: u64,
    pub error_responses: u64,
    /// Line changes at an edge whose inputs had been still for more than
    /// `SETTLE_EDGES` edges: must be 0, or skipping would not be exact and
    /// QEMU could miss a change (checked by the tests).
    pub late_line_changes: u64,
}

/// The router with its sources wired in: every edge the AXI master takes
/// gets the scenario's source levels, and changes of the lines and source
/// events are recorded.
struct Driven {
    rtl: RouterRtl,
    sources: Sources,
    /// The router's CYCLE value: edges since reset.
    now: u64,
    last_inputs: PinsIn,
    /// Evaluated edges since the inputs last changed.
    still: u64,
    levels: u8,
    record: Record,
    counters: Counters,
    risen: Vec<u16>,
}

fn levels(o: &PinsOut) -> u8 {
    (o.irq_oob & 0xF) | (o.irq_inb & 0xF) << 4
}

impl RouterPins for Driven {
    fn params(&self) -> Params {
        self.rtl.params()
    }

    fn reset(&mut self) {
        unreachable!("the bridge's router is reset once, when it is created");
    }

    fn step(&mut self, inp: &PinsIn) -> PinsOut {
        let mut inp = *inp;
        inp.src = self.sources.inputs_at(self.now, &mut self.risen);
        for src in self.risen.drain(..) {
            self.record.push(Entry::Event { cycle: self.now, src });
        }
        if inp == self.last_inputs {
            self.still += 1;
        } else {
            self.still = 0;
            self.last_inputs = inp;
        }
        let out = self.rtl.step(&inp);
        self.now += 1;
        self.counters.edges_evaluated += 1;
        let l = levels(&out);
        if l != self.levels {
            if self.still > SETTLE_EDGES {
                self.counters.late_line_changes += 1;
            }
            self.levels = l;
            self.record.push(Entry::Lines { cycle: self.now, levels: l });
        }
        out
    }

    fn outputs(&self) -> PinsOut {
        self.rtl.outputs()
    }
}

/// A cycle window to dump as VCD.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VcdWindow {
    pub from: u64,
    pub to: u64,
}

pub struct Fabric {
    bus: AxiMaster<Driven>,
    time: TimeMap,
    vcd: Option<VcdWindow>,
}

impl Fabric {
    /// A router fresh out of reset at cycle 0, sources from `sources`;
    /// with `vcd`, waveforms of the window's cycles go to that file.
    pub fn new(sources: Sources, time: TimeMap, vcd: Option<(&Path, VcdWindow)>) -> Result<Fabric, SimError> {
        let rtl = match vcd {
            Some((path, _)) => RouterRtl::with_trace(ROUTER_CONFIG, path)?,
            None => RouterRtl::new(ROUTER_CONFIG)?,
        };
        let driven = Driven {
            rtl,
            sources,
            now: 0,
            last_inputs: PinsIn::default(),
            still: 0,
            levels: 0,
            record: Record::default(),
            counters: Counters::default(),
            risen: Vec::new(),
        };
        let mut f = Fabric { bus: AxiMaster::new(driven), time, vcd: vcd.map(|(_, w)| w) };
        f.update_tracing();
        Ok(f)
    }

    fn d(&self) -> &Driven {
        self.bus.dut()
    }

    fn dm(&mut self) -> &mut Driven {
        self.bus.dut_mut()
    }

    pub fn now(&self) -> u64 {
        self.d().now
    }

    pub fn time(&self) -> TimeMap {
        self.time
    }

    pub fn levels(&self) -> u8 {
        self.d().levels
    }

    pub fn record(&self) -> &Record {
        &self.d().record
    }

    pub fn record_mut(&mut self) -> &mut Record {
        &mut self.dm().record
    }

    pub fn counters(&self) -> Counters {
        self.d().counters
    }

    pub fn sources(&self) -> &Sources {
        &self.d().sources
    }

    fn in_vcd_window(&self, cycle: u64) -> bool {
        self.vcd.is_some_and(|w| (w.from..w.to).contains(&cycle))
    }

    fn update_tracing(&mut self) {
        if self.vcd.is_some() {
            let on = self.in_vcd_window(self.now());
            self.dm().rtl.set_tracing(on);
        }
    }

    /// One evaluated idle edge (no transaction).
    fn tick(&mut self) {
        self.bus.tick();
        self.update_tracing();
    }

    /// Advances the router to cycle `target` (no-op if already there).
    pub fn advance_to(&mut self, target: u64) {
        while self.now() < target {
            let now = self.now();
            if self.d().still >= SETTLE_EDGES && !self.in_vcd_window(now) {
                let mut until = target;
                if let Some(c) = self.d().sources.next_change() {
                    until = until.min(c);
                }
                if let Some(w) = self.vcd.filter(|w| w.from > now) {
                    until = until.min(w.from);
                }
                if until > now {
                    let d = self.dm();
                    d.rtl.skip_idle(until - now);
                    d.now = until;
                    d.counters.edges_skipped += until - now;
                    self.update_tracing();
                    continue;
                }
            }
            self.tick();
        }
    }

    /// Lets the effects of the last input change reach the lines: evaluated
    /// edges until the inputs have been still for `SETTLE_EDGES` (the
    /// return path of an access, before QEMU hears the reply).
    fn settle(&mut self) {
        while self.d().still < SETTLE_EDGES {
            self.tick();
        }
    }

    /// One guest access at QEMU time `ns`: catch up, run the transaction,
    /// settle, record. Returns the read data and the response.
    pub fn access(&mut self, write: bool, addr: u32, data: u32, prot: u8, ns: u64) -> (u32, AxiResp) {
        let at = self.time.cycle_at(ns).max(self.now());
        self.advance_to(at);
        let cycle = self.now();
        let (value, resp) = match decode(addr) {
            Target::Router(off) if write => {
                (data, self.bus.write_with(off, data, &WriteOpts { prot, ..WriteOpts::default() }).into())
            }
            Target::Router(off) => {
                let (v, r) = self.bus.read_with(off, &ReadOpts { prot, ..ReadOpts::default() });
                (v, r.into())
            }
            Target::Device(off) => {
                let was_started = self.d().sources.started_at().is_some();
                let r = if write {
                    self.dm().sources.write(off, data, cycle)
                } else {
                    self.d().sources.read_at(off, cycle)
                };
                if !was_started && self.d().sources.started_at().is_some() {
                    self.record_mut().push(Entry::Start { cycle });
                }
                match r {
                    DeviceResult::Ok(v) => (if write { data } else { v }, AxiResp::Okay),
                    DeviceResult::SlvErr => (if write { data } else { 0 }, AxiResp::SlvErr),
                }
            }
            Target::Nothing => (if write { data } else { 0 }, AxiResp::DecErr),
        };
        self.finish(write, addr, value, prot, ns, cycle, resp)
    }

    #[allow(clippy::too_many_arguments)]
    fn finish(&mut self, write: bool, addr: u32, data: u32, prot: u8, ns: u64, cycle: u64, resp: AxiResp) -> (u32, AxiResp) {
        self.settle();
        let d = self.dm();
        d.counters.accesses += 1;
        if resp != AxiResp::Okay {
            d.counters.error_responses += 1;
        }
        d.record.push(Entry::Access(Access { cycle, ns, write, addr, data, resp, prot }));
        (data, resp)
    }

    /// A Secure, privileged read of router register `off` that is neither
    /// recorded nor counted: for reading the router's own statistics after
    /// the guest is gone (LAT_*, HIST reads have no side effects).
    pub fn peek_router(&mut self, off: u32) -> u32 {
        let opts = ReadOpts { prot: crate::protocol::PROT_PRIVILEGED, ..ReadOpts::default() };
        let (v, _) = self.bus.read_with(off, &opts);
        self.settle();
        v
    }

    /// Stands in for the oob firmware where none runs (a Linux-only test):
    /// opens every CPU's oob stage with a Secure, privileged write of STALL
    /// = 0, as the firmware does at boot. Needed because the router holds a
    /// CPU's in-band line low while its oob stage is stalled (spec §5), and
    /// every stage is stalled at reset. Recorded like any access, at ns 0.
    pub fn open_oob_stages(&mut self) {
        let ncpu = self.bus.params().ncpu;
        for cpu in 0..ncpu {
            let off = irq_router_layout::OOB_BASE + cpu * irq_router_layout::PAGE_STRIDE + irq_router_layout::PAGE_STALL_OFFSET;
            self.access(true, off, 0, crate::protocol::PROT_PRIVILEGED, 0);
        }
    }

    /// A sync at QEMU time `ns`: catch up and settle.
    pub fn sync(&mut self, ns: u64) {
        let at = self.time.cycle_at(ns).max(self.now());
        self.advance_to(at);
        self.settle();
        let now = self.now();
        let d = self.dm();
        d.counters.syncs += 1;
        d.record.push(Entry::Sync { cycle: now, ns });
    }

    /// The QEMU time at which the lines may next change without an access:
    /// the next source event plus the edges it takes to reach a line.
    pub fn next_sync_ns(&self) -> Option<u64> {
        self.d().sources.next_event().map(|c| self.time.ns_at(c + SETTLE_EDGES))
    }
}

impl From<Resp> for AxiResp {
    fn from(r: Resp) -> AxiResp {
        match r {
            Resp::Okay => AxiResp::Okay,
            Resp::SlvErr => AxiResp::SlvErr,
            Resp::DecErr => AxiResp::DecErr,
        }
    }
}

