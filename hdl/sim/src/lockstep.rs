//! Two implementations of the router's pins stepped with the same inputs;
//! the first difference of their outputs is a panic that says where.

use router_model::{Params, PinsIn, PinsOut, RouterPins};
use std::collections::VecDeque;

/// Inputs kept for the mismatch report.
const HISTORY: usize = 8;

/// Steps `a` and `b` with the same inputs and compares their outputs after
/// every edge (and after reset). Outputs are compared as
/// [`PinsOut::canonical`] (response payloads only while VALID is high)
/// unless [`Lockstep::exact`] is used. `RouterPins::outputs` returns `a`'s.
pub struct Lockstep<A, B> {
    pub a: A,
    pub b: B,
    names: (String, String),
    canonical: bool,
    edges: u64,
    since_reset: u64,
    history: VecDeque<PinsIn>,
}

fn short_type_name<T>() -> String {
    let full = std::any::type_name::<T>();
    // "router_sim::RouterRtl" -> "RouterRtl"; keep generics readable.
    let base = full.split('<').next().unwrap_or(full);
    base.rsplit("::").next().unwrap_or(base).to_string()
}

impl<A: RouterPins, B: RouterPins> Lockstep<A, B> {
    /// Pairs `a` and `b` (same parameters) and checks that their current
    /// outputs already agree.
    pub fn new(a: A, b: B) -> Self {
        let (na, nb) = (short_type_name::<A>(), short_type_name::<B>());
        let names = if na == nb { (format!("{na} (a)"), format!("{nb} (b)")) } else { (na, nb) };
        Self::with_names(a, b, &names.0, &names.1)
    }

    /// Like `new`, with the names used in mismatch reports.
    pub fn with_names(a: A, b: B, name_a: &str, name_b: &str) -> Self {
        assert_eq!(
            a.params(),
            b.params(),
            "Lockstep: {name_a} and {name_b} have different parameters"
        );
        let s = Lockstep {
            a,
            b,
            names: (name_a.into(), name_b.into()),
            canonical: true,
            edges: 0,
            since_reset: 0,
            history: VecDeque::with_capacity(HISTORY),
        };
        s.compare("at creation", &s.a.outputs(), &s.b.outputs(), None);
        s
    }

    /// Compare every output bit, payloads included while VALID is low.
    pub fn exact(mut self) -> Self {
        self.canonical = false;
        self
    }

    /// Edges taken (reset edges included).
    pub fn edges(&self) -> u64 {
        self.edges
    }

    pub fn into_parts(self) -> (A, B) {
        (self.a, self.b)
    }

    fn compare(&self, when: &str, oa: &PinsOut, ob: &PinsOut, inp: Option<&PinsIn>) {
        let (ca, cb) = if self.canonical { (oa.canonical(), ob.canonical()) } else { (*oa, *ob) };
        if ca == cb {
            return;
        }
        let (na, nb) = (&self.names.0, &self.names.1);
        let mut msg = format!(
            "lockstep mismatch {when} (edge {} since creation, {} since the last reset; NSRC={} NCPU={} NIPI={} TSW={}):\n",
            self.edges,
            self.since_reset,
            self.a.params().nsrc,
            self.a.params().ncpu,
            self.a.params().nipi,
            self.a.params().tsw
        );
        for (field, va, vb) in diff(&ca, &cb) {
            msg += &format!("  {field}: {na} = {va}, {nb} = {vb}\n");
        }
        if let Some(inp) = inp {
            msg += &format!("inputs at this edge: {inp:x?}\n");
        }
        if self.history.len() > 1 {
            msg += "earlier inputs, newest first:\n";
            for (k, h) in self.history.iter().rev().skip(1).enumerate() {
                msg += &format!("  edge {}: {h:x?}\n", self.edges - 1 - k as u64);
            }
        }
        msg += &format!("{na}: {oa:x?}\n{nb}: {ob:x?}");
        panic!("{msg}");
    }
}

/// Fields that differ, with both values formatted.
pub fn diff(a: &PinsOut, b: &PinsOut) -> Vec<(&'static str, String, String)> {
    let mut d = Vec::new();
    let mut bits = |name: &'static str, x: u8, y: u8| {
        if x != y {
            let cpus: Vec<String> =
                (0..8).filter(|c| (x ^ y) >> c & 1 != 0).map(|c| c.to_string()).collect();
            d.push((name, format!("{x:#010b}"), format!("{y:#010b} (differ for CPU {})", cpus.join(", "))));
        }
    };
    bits("irq_oob", a.irq_oob, b.irq_oob);
    bits("irq_inb", a.irq_inb, b.irq_inb);
    let mut flag = |name: &'static str, x: bool, y: bool| {
        if x != y {
            d.push((name, x.to_string(), y.to_string()));
        }
    };
    flag("awready", a.awready, b.awready);
    flag("wready", a.wready, b.wready);
    flag("bvalid", a.bvalid, b.bvalid);
    flag("arready", a.arready, b.arready);
    flag("rvalid", a.rvalid, b.rvalid);
    if a.bresp != b.bresp {
        d.push(("bresp", format!("{:#04b}", a.bresp), format!("{:#04b}", b.bresp)));
    }
    if a.rresp != b.rresp {
        d.push(("rresp", format!("{:#04b}", a.rresp), format!("{:#04b}", b.rresp)));
    }
    if a.rdata != b.rdata {
        d.push(("rdata", format!("{:#010x}", a.rdata), format!("{:#010x}", b.rdata)));
    }
    d
}

impl<A: RouterPins, B: RouterPins> RouterPins for Lockstep<A, B> {
    fn params(&self) -> Params {
        self.a.params()
    }

    fn reset(&mut self) {
        self.a.reset();
        self.b.reset();
        self.edges += 1;
        self.since_reset = 0;
        self.history.clear();
        self.compare("after reset", &self.a.outputs(), &self.b.outputs(), None);
    }

    fn step(&mut self, inp: &PinsIn) -> PinsOut {
        let oa = self.a.step(inp);
        let ob = self.b.step(inp);
        self.edges += 1;
        self.since_reset += 1;
        if self.history.len() == HISTORY {
            self.history.pop_front();
        }
        self.history.push_back(*inp);
        self.compare("after an edge", &oa, &ob, Some(inp));
        oa
    }

    fn outputs(&self) -> PinsOut {
        self.a.outputs()
    }
}

impl<A, B> std::fmt::Debug for Lockstep<A, B> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lockstep")
            .field("names", &self.names)
            .field("edges", &self.edges)
            .finish()
    }
}
