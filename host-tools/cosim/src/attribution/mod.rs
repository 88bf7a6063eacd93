//! Where an oob event's latency went, measured on the run's own timeline.
//!
//! Each delivered oob event (a [`Sample`]) is followed along what the
//! simulation did for it: the edge the source was sampled, the edge its
//! CPU's line was seen high (hardware: the router's oob line; software: the
//! GIC's pending state, at the event's own edge), the cycle the CPU took the
//! exception and the cycle its entry code was done (both logged by the
//! agent), the cycle the claim was asked for, the cycle the bus master took
//! it and the cycle the CPU had its value (the kernel's bus log; software:
//! the IAR access), and the handler's first line. Every part is the
//! difference of two consecutive moments of that chain, each clamped to
//! start no earlier than the event, so the parts sum to the event's
//! latency exactly: nothing is estimated or subtracted from a cost table.
//!
//! Two parts are broken down further from the kernel's bus log:
//! - *bus wait* (the claim asked for the bus, another transaction held it):
//!   whose transactions, which register, in-band (Non-secure) or oob
//!   (Secure) code;
//! - *CPU busy* (the line was up but the CPU could not take the exception):
//!   the CPU's own bus reads (during which an exception cannot be taken: a
//!   Device load blocks the A53; its writes are posted and block nothing),
//!   with their own wait for the bus, and the rest, code running with FIQ
//!   masked (another oob handler's exit, a message, a remote call).
//!
//! What the model merges is reported merged: exception entry and the GIC
//! acknowledge are one computation in the agent (`costs.exception_entry +
//! costs.gic_access`), and the model gives the GIC no propagation delay, so
//! "entry + IAR" is one column.

use crate::agent::{AgentLog, Claimed};
use crate::analysis::Sample;
use crate::kernel::{BusTxn, Mode};
use crate::proto::World;
use crate::run::RunResult;
use crate::scenario::{Scenario, StageSel};
use router_driver::layout as l;
use std::collections::{BTreeMap, HashMap};

mod section;
pub use section::{section, WORST};

/// The parts of one event's latency, in fabric cycles; they sum to
/// [`Parts::total`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Parts {
    /// Source edge → the line seen high by the CPU.
    pub line: u64,
    /// Line up → exception taken: the CPU could not take it (its own bus
    /// access, or code with FIQ masked).
    pub cpu_busy: u64,
    /// Exception entry and the GIC acknowledge (software: also the
    /// pipeline's prologue).
    pub entry: u64,
    /// Behind earlier claims and handlers of the same exception.
    pub earlier: u64,
    /// The claim waiting for the bus master.
    pub bus_wait: u64,
    /// The claim read itself, master taken → value at the CPU (software:
    /// the IAR access).
    pub claim: u64,
    /// Claim value → the handler's first line (decode, dispatch).
    pub dispatch: u64,
}

impl Parts {
    pub fn total(&self) -> u64 {
        self.line
            + self.cpu_busy
            + self.entry
            + self.earlier
            + self.bus_wait
            + self.claim
            + self.dispatch
    }

    fn add(&mut self, o: &Parts) {
        self.line += o.line;
        self.cpu_busy += o.cpu_busy;
        self.entry += o.entry;
        self.earlier += o.earlier;
        self.bus_wait += o.bus_wait;
        self.claim += o.claim;
        self.dispatch += o.dispatch;
    }

    /// The columns in table order.
    pub fn columns(&self) -> [u64; 7] {
        [
            self.line,
            self.cpu_busy,
            self.entry,
            self.earlier,
            self.bus_wait,
            self.claim,
            self.dispatch,
        ]
    }
}

/// Column headers of [`Parts::columns`].
pub const COLUMNS: [&str; 7] = [
    "line",
    "CPU busy",
    "entry + IAR",
    "earlier claims",
    "bus wait",
    "claim read",
    "to handler",
];

/// Which of the two broken-down parts a [`Behind`] belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Where {
    /// The claim's own wait for the bus.
    BusWait,
    /// The CPU's own read, waiting for the bus (behind another CPU's
    /// access or its own posted writes).
    OwnAccessWaiting,
    /// The CPU's own read, on the bus.
    OwnAccess,
    /// The CPU running code with FIQ masked.
    Masked,
}

/// A bus transaction as the attribution names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Txn {
    pub cpu: u8,
    /// In-band (Non-secure, Linux) or oob (Secure, firmware) code made it.
    pub inband: bool,
    pub reg: &'static str,
    pub write: bool,
}

impl Txn {
    fn of(t: &BusTxn) -> Txn {
        Txn {
            cpu: t.cpu,
            inband: t.world == World::NonSecure,
            reg: reg_name(t.addr),
            write: t.write,
        }
    }

    pub fn label(&self) -> String {
        format!(
            "CPU {} {} {} {}",
            self.cpu,
            if self.inband { "in-band" } else { "oob" },
            self.reg,
            if self.write { "write" } else { "read" }
        )
    }
}

/// Cycles of one part spent behind one transaction (`txn` None: masked code).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Behind {
    pub part: Where,
    pub txn: Option<Txn>,
    /// For `OwnAccessWaiting`: the CPU's own access that waited.
    pub own: Option<Txn>,
    pub cycles: u64,
}

/// One oob event, attributed.
#[derive(Clone, Debug)]
pub struct Attributed {
    pub sample: Sample,
    /// The in-band stage of its CPU was stalled at the event.
    pub stalled: bool,
    pub parts: Parts,
    pub behind: Vec<Behind>,
}

/// The name of the register at a router address (the page's kind and the
/// register, from the generated layout).
pub fn reg_name(addr: u32) -> &'static str {
    let page = |base: u32| addr >= base && addr < base + 8 * l::PAGE_STRIDE;
    if !(page(l::INBAND_BASE) || page(l::OOB_BASE)) {
        return "GLOBAL";
    }
    match addr % l::PAGE_STRIDE {
        l::PAGE_CLAIM_OFFSET => "CLAIM",
        l::PAGE_COMPLETE_OFFSET => "COMPLETE",
        l::PAGE_STALL_OFFSET => "STALL",
        l::PAGE_STALL_TAS_OFFSET => "STALL_TAS",
        l::PAGE_IPI_SEND_OFFSET => "IPI_SEND",
        l::PAGE_STATUS_OFFSET => "STATUS",
        _ => "page register",
    }
}

/// Length of [a, b) ∩ [lo, hi).
fn overlap(a: u64, b: u64, lo: u64, hi: u64) -> u64 {
    b.min(hi).saturating_sub(a.max(lo))
}

/// The transactions that held the master during [lo, hi), with the cycles
/// each held it then. `bus` is in grant order and its holdings
/// [granted, done) do not overlap, as there is one master.
fn holders(bus: &[BusTxn], lo: u64, hi: u64) -> impl Iterator<Item = (&BusTxn, u64)> {
    let first = bus.partition_point(|t| t.done <= lo);
    bus[first..]
        .iter()
        .take_while(move |t| t.granted < hi)
        .map(move |t| (t, overlap(t.granted, t.done, lo, hi)))
        .filter(|x| x.1 > 0)
}

/// The first edge at or after `from` at which the CPU's line was high,
/// from its list of changes (edge, level).
fn line_high_from(changes: &[(u64, bool)], from: u64) -> Option<u64> {
    let k = changes.partition_point(|&(t, _)| t <= from);
    if k > 0 && changes[k - 1].1 {
        return Some(from);
    }
    changes[k..].iter().find(|c| c.1).map(|c| c.0)
}

/// Attributes every delivered oob event of a run (claims only: the oob
/// tick is not a claim and has its own row in the latency table).
pub fn attribute(r: &RunResult) -> Vec<Attributed> {
    // Claims by (cpu, claim edge): one CPU makes one claim per edge.
    let mut claims: HashMap<(u8, u64), &Claimed> = HashMap::new();
    for log in &r.agents {
        for c in log
            .claims
            .iter()
            .filter(|c| c.stage == StageSel::Oob && c.delivered)
        {
            claims.insert((c.cpu, c.claim_edge), c);
        }
    }
    // Bus transactions per CPU, and CLAIM reads by (cpu, edge).
    let bus = &r.kernel.bus;
    // Each port's transactions: holdings of one master never overlap.
    let ports: Vec<Vec<BusTxn>> = (0..r.kernel.ports.max(1))
        .map(|p| bus.iter().filter(|t| t.port == p).copied().collect())
        .collect();
    let mut own: BTreeMap<u8, Vec<&BusTxn>> = BTreeMap::new();
    let mut by_edge: HashMap<(u8, u64), &BusTxn> = HashMap::new();
    for t in bus {
        own.entry(t.cpu).or_default().push(t);
        if !t.write {
            by_edge.insert((t.cpu, t.edge), t);
        }
    }
    let mut out = Vec::new();
    for s in r
        .analysis
        .samples
        .iter()
        .filter(|s| s.stage == StageSel::Oob)
    {
        let c = claims
            .get(&(s.cpu, s.claim))
            .unwrap_or_else(|| panic!("no claim record for {s:?}"));
        let log: &AgentLog = &r.agents[s.cpu as usize];
        let exc = log.exceptions[c.exception];
        let txn = match r.mode {
            Mode::Hardware => Some(
                **by_edge
                    .get(&(s.cpu, s.claim))
                    .unwrap_or_else(|| panic!("no bus record of the claim {s:?}")),
            ),
            Mode::Software => None,
        };
        let granted = txn.map_or(c.issued, |t| t.granted);
        let e = s.event;
        // The chain of moments after the line, each no earlier than the last.
        let chain = [
            exc.taken,
            exc.entry_end,
            c.issued,
            granted,
            c.answered,
            s.handler,
        ];
        debug_assert!(chain.windows(2).all(|w| w[0] <= w[1]), "{chain:?}");
        // The line: hardware, the first edge after the event's with the
        // router's oob line high (logged at e, visible at e + 1, spec §5);
        // software, the GIC holds it pending from the event's edge. Never
        // later than the next moment that is after the event.
        let next = chain.iter().copied().find(|&t| t > e).unwrap_or(s.handler);
        let seen = match r.mode {
            Mode::Hardware => {
                line_high_from(&r.kernel.oob_line[s.cpu as usize], e + 1).unwrap_or(next)
            }
            Mode::Software => e,
        };
        let t_line = seen.clamp(e, next.max(e));
        let seg = |a: u64, b: u64| b.saturating_sub(a.max(t_line));
        let mut parts = Parts {
            line: t_line - e,
            cpu_busy: seg(t_line, exc.taken),
            entry: seg(exc.taken, exc.entry_end),
            earlier: seg(exc.entry_end, c.issued),
            bus_wait: seg(c.issued, granted),
            claim: seg(granted, c.answered),
            dispatch: seg(c.answered, s.handler),
        };
        let mut behind = Vec::new();
        // With two ports, a claim on its way can still wait at the router
        // for the read channel the other port holds: bus wait too.
        if let Some(t) = txn.filter(|t| t.chan_wait > 0) {
            let n = t.chan_wait.min(parts.claim);
            parts.claim -= n;
            parts.bus_wait += n;
            behind.push(Behind {
                part: Where::BusWait,
                txn: t.chan_behind.map(|k| Txn::of(&bus[k])),
                own: None,
                cycles: n,
            });
        }
        if let Some(claim_txn) = txn.filter(|_| granted > c.issued.max(t_line)) {
            let (lo, hi) = (c.issued.max(t_line), granted);
            for (t, n) in holders(&ports[claim_txn.port as usize], lo, hi) {
                behind.push(Behind {
                    part: Where::BusWait,
                    txn: Some(Txn::of(t)),
                    own: None,
                    cycles: n,
                });
            }
        }
        if parts.cpu_busy > 0 {
            let (lo, hi) = (t_line, exc.taken);
            let mut in_own = 0;
            for t in own
                .get(&s.cpu)
                .into_iter()
                .flatten()
                .filter(|t| !t.posted && t.queued < hi && t.done > lo)
            {
                let w = overlap(t.queued, t.granted, lo, hi);
                let f = overlap(t.granted, t.done, lo, hi);
                if w > 0 {
                    // Its own wait, broken down by who held the bus.
                    for (o, n) in
                        holders(&ports[t.port as usize], t.queued.max(lo), t.granted.min(hi))
                    {
                        behind.push(Behind {
                            part: Where::OwnAccessWaiting,
                            txn: Some(Txn::of(o)),
                            own: Some(Txn::of(t)),
                            cycles: n,
                        });
                    }
                }
                if f > 0 {
                    behind.push(Behind {
                        part: Where::OwnAccess,
                        txn: Some(Txn::of(t)),
                        own: None,
                        cycles: f,
                    });
                }
                in_own += w + f;
            }
            if parts.cpu_busy > in_own {
                behind.push(Behind {
                    part: Where::Masked,
                    txn: None,
                    own: None,
                    cycles: parts.cpu_busy - in_own,
                });
            }
        }
        out.push(Attributed {
            sample: *s,
            stalled: crate::report::stalled_at(r, s.cpu, e),
            parts,
            behind,
        });
    }
    out
}

/// The `n` worst events, worst first (ties: earlier event first).
pub fn worst(v: &[Attributed], n: usize) -> Vec<Attributed> {
    let mut w = v.to_vec();
    w.sort_by_key(|a| {
        (
            std::cmp::Reverse(a.sample.handler_latency()),
            a.sample.event,
            a.sample.cpu,
        )
    });
    w.truncate(n);
    w
}

/// Sum of the parts of a set of events.
pub fn sum(v: &[Attributed]) -> Parts {
    let mut p = Parts::default();
    v.iter().for_each(|a| p.add(&a.parts));
    p
}

/// What stood in an event's way.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Cause {
    /// In-band STALL or STALL_TAS accesses: the stall/unstall traffic
    /// issue 13 suspects.
    InbandStall,
    /// Other in-band accesses (CLAIM, COMPLETE, IPI_SEND, ...).
    InbandOther,
    /// Oob (Secure) accesses.
    Oob,
    /// Oob code running with FIQ masked.
    Masked,
    /// Earlier claims and handlers of the same exception.
    Earlier,
}

impl Cause {
    pub const ALL: [Cause; 5] = [
        Cause::InbandStall,
        Cause::InbandOther,
        Cause::Oob,
        Cause::Masked,
        Cause::Earlier,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Cause::InbandStall => "in-band stall traffic (STALL, STALL_TAS)",
            Cause::InbandOther => "other in-band accesses (CLAIM, COMPLETE, IPI_SEND, ...)",
            Cause::Oob => "oob accesses",
            Cause::Masked => "oob code with FIQ masked",
            Cause::Earlier => "earlier claims and handlers of the same exception",
        }
    }

    fn of(t: &Txn) -> Cause {
        match (t.inband, t.reg) {
            (true, "STALL" | "STALL_TAS") => Cause::InbandStall,
            (true, _) => Cause::InbandOther,
            (false, _) => Cause::Oob,
        }
    }
}

/// Cycles in an event's way, by cause: `(cause, on the claim's bus wait)`
/// → cycles; the rest is CPU busy (the CPU's own access counts as the
/// kind of that access, whoever it waited behind) or earlier claims.
pub fn in_the_way(a: &Attributed) -> BTreeMap<(Cause, bool), u64> {
    let mut m = BTreeMap::new();
    for b in &a.behind {
        let (cause, wait) = match (b.part, b.txn, b.own) {
            (Where::BusWait, Some(t), _) => (Cause::of(&t), true),
            (Where::OwnAccessWaiting, _, Some(own)) | (Where::OwnAccess, Some(own), _) => {
                (Cause::of(&own), false)
            }
            (Where::Masked, ..) => (Cause::Masked, false),
            _ => unreachable!("{b:?}"),
        };
        *m.entry((cause, wait)).or_default() += b.cycles;
    }
    if a.parts.earlier > 0 {
        *m.entry((Cause::Earlier, false)).or_default() += a.parts.earlier;
    }
    m
}

/// [`in_the_way`] summed over a set of events.
pub fn in_the_way_sum(v: &[Attributed]) -> BTreeMap<(Cause, bool), u64> {
    let mut m = BTreeMap::new();
    for a in v {
        for (k, n) in in_the_way(a) {
            *m.entry(k).or_default() += n;
        }
    }
    m
}

fn cause_total(m: &BTreeMap<(Cause, bool), u64>, c: Cause) -> u64 {
    m.get(&(c, true)).copied().unwrap_or(0) + m.get(&(c, false)).copied().unwrap_or(0)
}

/// The largest cause of a map (ties: the first in [`Cause::ALL`]), if any cycles.
fn largest(m: &BTreeMap<(Cause, bool), u64>) -> Option<(Cause, u64)> {
    Cause::ALL
        .iter()
        .map(|&c| (c, cause_total(m, c)))
        .filter(|x| x.1 > 0)
        .fold(None, |best: Option<(Cause, u64)>, x| match best {
            Some(b) if b.1 >= x.1 => Some(b),
            _ => Some(x),
        })
}

/// The event at the p99.9 rank (the quantile [`crate::report::Dist`] uses)
/// of a set, and the set's maximum latency.
pub fn p999_event(v: &[Attributed]) -> Option<Attributed> {
    let mut w = v.to_vec();
    if w.is_empty() {
        return None;
    }
    w.sort_by_key(|a| {
        (
            a.sample.handler_latency(),
            std::cmp::Reverse(a.sample.event),
        )
    });
    let k = ((0.999 * w.len() as f64).ceil() as usize).clamp(1, w.len()) - 1;
    Some(w[k].clone())
}

/// Whether the run confirms issue 13's explanation: the in-band stall
/// traffic is the largest cause in the way of the worst events *and* of
/// the in-band-stalled p99.9 event.
pub fn stall_traffic_explains(all: &[Attributed]) -> bool {
    let w = worst(all, WORST);
    let top = largest(&in_the_way_sum(&w)).map(|x| x.0);
    let st: Vec<_> = all.iter().filter(|a| a.stalled).cloned().collect();
    let st_top = p999_event(&st)
        .and_then(|a| largest(&in_the_way(&a)))
        .map(|x| x.0);
    top == Some(Cause::InbandStall) && st_top == Some(Cause::InbandStall)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_is_found_from_its_changes() {
        let ch = [(10, true), (20, false), (30, true)];
        assert_eq!(line_high_from(&ch, 5), Some(10));
        assert_eq!(line_high_from(&ch, 12), Some(12));
        assert_eq!(line_high_from(&ch, 20), Some(30));
        assert_eq!(line_high_from(&ch, 31), Some(31));
        assert_eq!(line_high_from(&[(10, true), (20, false)], 25), None);
    }

    #[test]
    fn registers_are_named_from_the_layout() {
        assert_eq!(
            reg_name(l::OOB_BASE + 2 * l::PAGE_STRIDE + l::PAGE_CLAIM_OFFSET),
            "CLAIM"
        );
        assert_eq!(
            reg_name(l::INBAND_BASE + l::PAGE_STALL_TAS_OFFSET),
            "STALL_TAS"
        );
        assert_eq!(
            reg_name(l::INBAND_BASE + 3 * l::PAGE_STRIDE + l::PAGE_STALL_OFFSET),
            "STALL"
        );
        assert_eq!(reg_name(l::GLOBAL_ERR_OFFSET), "GLOBAL");
    }

    /// An event of `total` cycles, stalled or not, with one cause in its way.
    fn ev(event: u64, total: u64, stalled: bool, reg: &'static str, inband: bool) -> Attributed {
        let t = Txn {
            cpu: 1,
            inband,
            reg,
            write: reg == "STALL",
        };
        Attributed {
            sample: Sample {
                cpu: 0,
                stage: StageSel::Oob,
                what: crate::agent::What::Source(0),
                event,
                claim: event + total - 3,
                handler: event + total,
            },
            stalled,
            parts: Parts {
                line: 1,
                entry: 18,
                bus_wait: total - 34,
                claim: 12,
                dispatch: 3,
                ..Parts::default()
            },
            behind: vec![Behind {
                part: Where::BusWait,
                txn: Some(t),
                own: None,
                cycles: total - 34,
            }],
        }
    }

    #[test]
    fn the_verdict_follows_what_was_in_the_way() {
        // Stall traffic in the way of the worst events and of the stalled
        // p99.9 event: confirmed.
        let mut v: Vec<_> = (0..30)
            .map(|k| ev(k * 100, 34, k % 2 == 0, "CLAIM", true))
            .collect();
        v.push(ev(5000, 60, true, "STALL_TAS", true));
        v.push(ev(6000, 50, false, "STALL", true));
        assert!(stall_traffic_explains(&v));
        assert_eq!(p999_event(&v).unwrap().sample.event, 5000);
        // The stalled worst waited behind an oob claim instead: refuted.
        v.push(ev(7000, 70, true, "CLAIM", false));
        assert!(!stall_traffic_explains(&v));
        // In-band claims dominate the worst: refuted too.
        let w: Vec<_> = (0..25)
            .map(|k| ev(k * 100, 40 + k, true, "CLAIM", true))
            .collect();
        assert!(!stall_traffic_explains(&w));
        let way = in_the_way_sum(&worst(&w, WORST));
        assert_eq!(largest(&way).map(|x| x.0), Some(Cause::InbandOther));
    }

    #[test]
    fn overlaps_are_intersections() {
        assert_eq!(overlap(0, 10, 5, 20), 5);
        assert_eq!(overlap(0, 10, 10, 20), 0);
        assert_eq!(overlap(12, 15, 10, 20), 3);
    }
}
