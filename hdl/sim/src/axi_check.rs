//! AXI4-Lite protocol checker for one slave port, fed with what crosses the
//! pins at every edge. It checks the slave's obligations (responses held until
//! accepted, no response without a request) and the master's (valid held
//! until ready, payload stable), so a bad test bench is caught as surely as a
//! bad slave.

use router_model::{PinsIn, PinsOut};

/// A protocol violation, with the edge it happened at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    pub edge: u64,
    pub rule: &'static str,
    pub detail: String,
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "AXI-lite violation at edge {}: {} ({})", self.edge, self.rule, self.detail)
    }
}

#[derive(Debug, Default)]
pub struct AxiChecker {
    edge: u64,
    /// AW handshakes not yet answered on B.
    aw_open: u64,
    /// W handshakes not yet answered on B.
    w_open: u64,
    /// AR handshakes not yet answered on R.
    ar_open: u64,
    /// Master-side valid signals left pending at the previous edge.
    prev_in: Option<PinsIn>,
    prev_ready: (bool, bool, bool),
}

impl AxiChecker {
    pub fn new() -> Self {
        Self::default()
    }

    /// Reset: the slave forgets outstanding transactions.
    pub fn reset(&mut self) {
        *self = Self { edge: self.edge, ..Self::default() };
    }

    /// One edge: `inp` was presented, `before` were the outputs just before
    /// the edge and `after` are the outputs just after it.
    pub fn edge(&mut self, inp: &PinsIn, before: &PinsOut, after: &PinsOut) -> Result<(), Violation> {
        self.edge += 1;
        let e = self.edge;
        let fail = |rule: &'static str, detail: String| Err(Violation { edge: e, rule, detail });

        // Master obligations: a valid not yet accepted stays, payload stable.
        if let Some(p) = self.prev_in {
            let (awr, wr, arr) = self.prev_ready;
            if p.awvalid && !awr && (!inp.awvalid || inp.awaddr != p.awaddr || inp.awprot != p.awprot) {
                return fail("master: AWVALID dropped or AW payload changed before AWREADY", format!("{p:x?} -> {inp:x?}"));
            }
            if p.wvalid && !wr && (!inp.wvalid || inp.wdata != p.wdata || inp.wstrb != p.wstrb) {
                return fail("master: WVALID dropped or W payload changed before WREADY", format!("{p:x?} -> {inp:x?}"));
            }
            if p.arvalid && !arr && (!inp.arvalid || inp.araddr != p.araddr || inp.arprot != p.arprot) {
                return fail("master: ARVALID dropped or AR payload changed before ARREADY", format!("{p:x?} -> {inp:x?}"));
            }
        }
        self.prev_in = Some(*inp);
        self.prev_ready = (before.awready, before.wready, before.arready);

        // Slave obligations: a response not accepted at this edge is held.
        if before.bvalid && !inp.bready && (!after.bvalid || after.bresp != before.bresp) {
            return fail("slave: BVALID dropped or BRESP changed before BREADY", format!("{before:x?} -> {after:x?}"));
        }
        if before.rvalid && !inp.rready
            && (!after.rvalid || after.rdata != before.rdata || after.rresp != before.rresp)
        {
            return fail("slave: RVALID dropped or R payload changed before RREADY", format!("{before:x?} -> {after:x?}"));
        }
        for (name, resp) in [("BRESP", after.bresp), ("RRESP", after.rresp)] {
            if resp == 0b01 {
                return fail("slave: EXOKAY is not allowed on AXI4-Lite", format!("{name}=0b01"));
            }
        }

        // Book-keeping of outstanding transactions.
        if inp.awvalid && before.awready {
            self.aw_open += 1;
        }
        if inp.wvalid && before.wready {
            self.w_open += 1;
        }
        if inp.arvalid && before.arready {
            self.ar_open += 1;
        }
        if before.bvalid && inp.bready {
            // The response accepted at this edge was for the oldest write.
            self.aw_open -= 1;
            self.w_open -= 1;
        }
        if before.rvalid && inp.rready {
            self.ar_open -= 1;
        }
        // A response shown after this edge that was not shown before (or was
        // just accepted) is a new one: it needs a request behind it.
        let new_b = after.bvalid && (!before.bvalid || inp.bready);
        if new_b && (self.aw_open == 0 || self.w_open == 0) {
            return fail("slave: write response without a complete AW+W", format!("aw_open={} w_open={}", self.aw_open, self.w_open));
        }
        let new_r = after.rvalid && (!before.rvalid || inp.rready);
        if new_r && self.ar_open == 0 {
            return fail("slave: read response without a read request", String::new());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn idle_out() -> PinsOut {
        PinsOut { awready: true, wready: true, arready: true, ..PinsOut::default() }
    }

    #[test]
    fn unrequested_read_response_is_caught() {
        let mut c = AxiChecker::new();
        let after = PinsOut { rvalid: true, ..idle_out() };
        let v = c.edge(&PinsIn::default(), &idle_out(), &after).unwrap_err();
        assert!(v.rule.contains("read response without"), "{v}");
    }

    #[test]
    fn dropped_bvalid_is_caught() {
        let mut c = AxiChecker::new();
        let w = PinsIn { awvalid: true, wvalid: true, wstrb: 0xF, ..PinsIn::default() };
        c.edge(&w, &idle_out(), &PinsOut { awready: false, wready: false, ..idle_out() }).unwrap();
        let b = PinsOut { bvalid: true, ..idle_out() };
        c.edge(&PinsIn::default(), &PinsOut { awready: false, wready: false, ..idle_out() }, &b).unwrap();
        let v = c.edge(&PinsIn::default(), &b, &idle_out()).unwrap_err();
        assert!(v.rule.contains("BVALID dropped"), "{v}");
    }

    #[test]
    fn master_dropping_arvalid_is_caught() {
        let mut c = AxiChecker::new();
        let busy = PinsOut { arready: false, ..idle_out() };
        let ar = PinsIn { arvalid: true, araddr: 4, ..PinsIn::default() };
        c.edge(&ar, &busy, &busy).unwrap();
        let v = c.edge(&PinsIn::default(), &busy, &busy).unwrap_err();
        assert!(v.rule.contains("ARVALID dropped"), "{v}");
    }
}
