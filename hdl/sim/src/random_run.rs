//! One constrained-random lockstep run: the same random stimulus drives two
//! implementations of the router's pins (the RTL and the reference model),
//! every edge's outputs must agree, and an AXI checker watches the bus.
//! A failure names the seed, the edge and the differing pins, and the same
//! seed replays it exactly.

use crate::axi_check::AxiChecker;
use crate::stim::{Coverage, RandomStim};
use router_model::{PinsIn, PinsOut, RouterPins};

/// Field-by-field description of how two output sets differ.
pub fn diff(a: &PinsOut, b: &PinsOut) -> String {
    let (a, b) = (a.canonical(), b.canonical());
    let mut out = Vec::new();
    macro_rules! cmp {
        ($($f:ident),*) => {$(
            if a.$f != b.$f { out.push(format!("{}: {:#x?} vs {:#x?}", stringify!($f), a.$f, b.$f)); }
        )*};
    }
    cmp!(irq_oob, irq_inb, awready, wready, bvalid, bresp, arready, rvalid, rdata, rresp);
    out.join(", ")
}

#[derive(Debug)]
pub struct RunFailure {
    pub seed: u64,
    pub edge: u64,
    pub what: String,
    /// The last inputs before the failure, oldest first, for the report.
    pub recent: Vec<PinsIn>,
}

impl std::fmt::Display for RunFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "seed {:#x}: edge {}: {}", self.seed, self.edge, self.what)?;
        writeln!(f, "replay: ROUTER_SEED={:#x} (set ROUTER_TRACE=/tmp/fail.vcd for a waveform)", self.seed)?;
        for (k, i) in self.recent.iter().enumerate() {
            writeln!(f, "  edge {}: {:x?}", self.edge + 1 - (self.recent.len() - k) as u64, i)?;
        }
        Ok(())
    }
}

/// Run `edges` random edges on `a` and `b` in lockstep.
pub fn run_lockstep<A: RouterPins, B: RouterPins>(
    a: &mut A,
    b: &mut B,
    seed: u64,
    edges: u64,
) -> Result<Coverage, RunFailure> {
    assert_eq!(a.params(), b.params(), "lockstep of two differently parameterised routers");
    let mut stim = RandomStim::new(a.params(), seed);
    let mut check = AxiChecker::new();
    let mut recent: std::collections::VecDeque<PinsIn> = Default::default();
    a.reset();
    b.reset();
    let mut before = a.outputs();
    let fail = |edge, what: String, recent: &std::collections::VecDeque<PinsIn>| RunFailure {
        seed,
        edge,
        what,
        recent: recent.iter().copied().collect(),
    };
    if before.canonical() != b.outputs().canonical() {
        return Err(fail(0, format!("after reset: {}", diff(&before, &b.outputs())), &recent));
    }
    for edge in 1..=edges {
        let inp = stim.drive(&before);
        if recent.len() == 16 {
            recent.pop_front();
        }
        recent.push_back(inp);
        let oa = a.step(&inp);
        let ob = b.step(&inp);
        if oa.canonical() != ob.canonical() {
            return Err(fail(edge, format!("RTL vs model: {}", diff(&oa, &ob)), &recent));
        }
        if let Err(v) = check.edge(&inp, &before, &oa) {
            return Err(fail(edge, v.to_string(), &recent));
        }
        stim.observe(&inp, &before, &oa);
        before = oa;
    }
    Ok(stim.cov)
}
