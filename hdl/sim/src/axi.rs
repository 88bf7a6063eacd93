//! A cycle-level AXI4-Lite master (bus-functional model) for anything that
//! implements [`RouterPins`]: the Verilated RTL, the reference model, or a
//! [`Lockstep`](crate::Lockstep) pair.
//!
//! The master owns a `PinsIn` template ([`AxiMaster::pins`]): every edge it
//! takes starts from the template, so the sources (`pins.src`, or
//! [`AxiMaster::set_src`]) hold their value while transactions run, and
//! BREADY/RREADY between transactions are the template's (high by default).
//! During a transaction the master drives the channels it uses.
//!
//! Edges are numbered from 1 in the order the master takes them
//! ([`AxiMaster::edges`]); the `*_full` calls report at which edge each
//! handshake happened, for latency checks. A handshake that does not complete
//! within [`AxiMaster::timeout`] edges panics with the channel's name.

use router_model::{Params, PinsIn, PinsOut, RouterPins};

/// An AXI response (EXOKAY is not legal on AXI4-Lite and panics).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Resp {
    Okay,
    SlvErr,
    DecErr,
}

impl Resp {
    /// Decode BRESP/RRESP.
    pub fn from_bits(bits: u8) -> Resp {
        match bits & 3 {
            0b00 => Resp::Okay,
            0b10 => Resp::SlvErr,
            0b11 => Resp::DecErr,
            _ => panic!("AXI4-Lite slave answered EXOKAY (0b01), which AXI4-Lite does not allow"),
        }
    }

    pub fn bits(self) -> u8 {
        match self {
            Resp::Okay => 0b00,
            Resp::SlvErr => 0b10,
            Resp::DecErr => 0b11,
        }
    }
}

/// Options of a write. Delays count edges from the start of the transaction
/// (so `aw_delay: 3` with `w_delay: 0` sends W first); `b_delay` holds BREADY
/// low for that many edges of BVALID before accepting the response.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WriteOpts {
    pub wstrb: u8,
    pub prot: u8,
    pub aw_delay: u32,
    pub w_delay: u32,
    pub b_delay: u32,
}

impl Default for WriteOpts {
    fn default() -> Self {
        WriteOpts { wstrb: 0xF, prot: 0, aw_delay: 0, w_delay: 0, b_delay: 0 }
    }
}

/// Options of a read: `ar_delay` edges before ARVALID, RREADY held low for
/// `r_delay` edges of RVALID.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReadOpts {
    pub prot: u8,
    pub ar_delay: u32,
    pub r_delay: u32,
}

/// A finished write and the edges (master numbering) of its handshakes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WriteDone {
    pub resp: Resp,
    pub aw_edge: u64,
    pub w_edge: u64,
    /// Edge at which the response was accepted (BVALID & BREADY).
    pub b_edge: u64,
    /// First edge after which BVALID was visible (the write executed there).
    pub bvalid_edge: u64,
}

/// A finished read and the edges (master numbering) of its handshakes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReadDone {
    pub data: u32,
    pub resp: Resp,
    /// Edge of the AR handshake (the read executed there).
    pub ar_edge: u64,
    /// Edge at which the data was accepted (RVALID & RREADY).
    pub r_edge: u64,
}

/// What an observer sees at every edge the master takes.
#[derive(Clone, Copy, Debug)]
pub struct Edge {
    /// Master edge number (1 = first edge taken through this master).
    pub n: u64,
    pub inp: PinsIn,
    /// Outputs just before the edge.
    pub before: PinsOut,
    /// Outputs just after the edge.
    pub after: PinsOut,
}

type Observer = Box<dyn FnMut(&Edge) + Send>;

pub struct AxiMaster<P: RouterPins> {
    dut: P,
    /// Template of the inputs of every edge (sources, idle ready levels).
    pub pins: PinsIn,
    /// Edges a handshake may wait before the master panics.
    pub timeout: u32,
    edges: u64,
    observer: Option<Observer>,
}

struct WriteTx {
    addr: u32,
    data: u32,
    o: WriteOpts,
    aw: Option<u64>,
    w: Option<u64>,
    bvalid_seen: u32,
    bvalid_edge: Option<u64>,
    waited_b: u32,
    done: Option<WriteDone>,
}

struct ReadTx {
    addr: u32,
    o: ReadOpts,
    ar: Option<u64>,
    rvalid_seen: u32,
    waited_r: u32,
    done: Option<ReadDone>,
}

impl<P: RouterPins> AxiMaster<P> {
    /// A master with all sources low and BREADY/RREADY high between
    /// transactions. Takes no edge.
    pub fn new(dut: P) -> Self {
        AxiMaster { dut, pins: PinsIn::idle(), timeout: 1000, edges: 0, observer: None }
    }

    pub fn dut(&self) -> &P {
        &self.dut
    }

    /// The device itself; edges taken on it directly are not counted or observed.
    pub fn dut_mut(&mut self) -> &mut P {
        &mut self.dut
    }

    pub fn into_inner(self) -> P {
        self.dut
    }

    pub fn params(&self) -> Params {
        self.dut.params()
    }

    /// Sources driven from now on (bit i = source i).
    pub fn set_src(&mut self, src: u128) {
        self.pins.src = src;
    }

    pub fn src(&self) -> u128 {
        self.pins.src
    }

    /// Edges taken through this master so far.
    pub fn edges(&self) -> u64 {
        self.edges
    }

    /// Current outputs of the device.
    pub fn outputs(&self) -> PinsOut {
        self.dut.outputs()
    }

    /// Called with every edge the master takes (e.g. to feed a protocol
    /// checker or record line changes).
    pub fn on_edge(&mut self, f: impl FnMut(&Edge) + Send + 'static) {
        self.observer = Some(Box::new(f));
    }

    /// Reset the device (one edge with `rst_n` low; not counted).
    pub fn reset(&mut self) {
        self.dut.reset();
    }

    /// One edge with exactly these inputs (the template is not used).
    pub fn step_with(&mut self, inp: &PinsIn) -> PinsOut {
        let before = self.dut.outputs();
        let after = self.dut.step(inp);
        self.edges += 1;
        if let Some(f) = self.observer.as_mut() {
            f(&Edge { n: self.edges, inp: *inp, before, after });
        }
        after
    }

    /// One edge with the template inputs (no transaction).
    pub fn tick(&mut self) -> PinsOut {
        let inp = self.idle_inputs();
        self.step_with(&inp)
    }

    /// `n` edges with the template inputs; returns the outputs after the last.
    pub fn idle(&mut self, n: u32) -> PinsOut {
        let mut out = self.dut.outputs();
        for _ in 0..n {
            out = self.tick();
        }
        out
    }

    fn idle_inputs(&self) -> PinsIn {
        PinsIn { awvalid: false, wvalid: false, arvalid: false, ..self.pins }
    }

    pub fn write(&mut self, addr: u32, data: u32) -> Resp {
        self.write_full(addr, data, &WriteOpts::default()).resp
    }

    pub fn write_with(&mut self, addr: u32, data: u32, opts: &WriteOpts) -> Resp {
        self.write_full(addr, data, opts).resp
    }

    pub fn write_full(&mut self, addr: u32, data: u32, opts: &WriteOpts) -> WriteDone {
        let mut w = Some(WriteTx::new(addr, data, *opts));
        self.run(&mut w, &mut None);
        w.unwrap().done.unwrap()
    }

    pub fn read(&mut self, addr: u32) -> (u32, Resp) {
        let d = self.read_full(addr, &ReadOpts::default());
        (d.data, d.resp)
    }

    pub fn read_with(&mut self, addr: u32, opts: &ReadOpts) -> (u32, Resp) {
        let d = self.read_full(addr, opts);
        (d.data, d.resp)
    }

    pub fn read_full(&mut self, addr: u32, opts: &ReadOpts) -> ReadDone {
        let mut r = Some(ReadTx::new(addr, *opts));
        self.run(&mut None, &mut r);
        r.unwrap().done.unwrap()
    }

    /// A write and a read issued together (both start at the same edge; use
    /// the delays to line up the write's execution with the AR handshake).
    pub fn write_read(
        &mut self,
        waddr: u32,
        wdata: u32,
        wopts: &WriteOpts,
        raddr: u32,
        ropts: &ReadOpts,
    ) -> (WriteDone, ReadDone) {
        let mut w = Some(WriteTx::new(waddr, wdata, *wopts));
        let mut r = Some(ReadTx::new(raddr, *ropts));
        self.run(&mut w, &mut r);
        (w.unwrap().done.unwrap(), r.unwrap().done.unwrap())
    }

    fn run(&mut self, w: &mut Option<WriteTx>, r: &mut Option<ReadTx>) {
        let timeout = self.timeout;
        let mut t: u32 = 0; // edges since the transaction(s) started
        loop {
            let w_open = w.as_ref().is_some_and(|w| w.done.is_none());
            let r_open = r.as_ref().is_some_and(|r| r.done.is_none());
            if !w_open && !r_open {
                return;
            }
            let before = self.dut.outputs();
            let mut inp = self.idle_inputs();
            if let Some(w) = w.as_mut().filter(|w| w.done.is_none()) {
                if w.aw.is_none() && t >= w.o.aw_delay {
                    inp.awvalid = true;
                    inp.awaddr = w.addr;
                    inp.awprot = w.o.prot;
                    if t - w.o.aw_delay >= timeout {
                        panic!(
                            "AXI master: AW channel timed out: AWVALID high for {timeout} edges without \
                             AWREADY (write 0x{:05x} <- 0x{:08x}, master edge {})",
                            w.addr, w.data, self.edges + 1
                        );
                    }
                }
                if w.w.is_none() && t >= w.o.w_delay {
                    inp.wvalid = true;
                    inp.wdata = w.data;
                    inp.wstrb = w.o.wstrb;
                    if t - w.o.w_delay >= timeout {
                        panic!(
                            "AXI master: W channel timed out: WVALID high for {timeout} edges without \
                             WREADY (write 0x{:05x} <- 0x{:08x}, master edge {})",
                            w.addr, w.data, self.edges + 1
                        );
                    }
                }
                // BREADY: low until both handshakes are done, then low for
                // `b_delay` edges of BVALID, then high.
                inp.bready = w.aw.is_some() && w.w.is_some() && w.bvalid_seen >= w.o.b_delay;
                if w.aw.is_some() && w.w.is_some() && !before.bvalid {
                    if w.waited_b >= timeout {
                        panic!(
                            "AXI master: B channel timed out: no BVALID within {timeout} edges after \
                             the AW and W handshakes (write 0x{:05x} <- 0x{:08x}, master edge {})",
                            w.addr, w.data, self.edges + 1
                        );
                    }
                    w.waited_b += 1;
                }
            }
            if let Some(r) = r.as_mut().filter(|r| r.done.is_none()) {
                if r.ar.is_none() && t >= r.o.ar_delay {
                    inp.arvalid = true;
                    inp.araddr = r.addr;
                    inp.arprot = r.o.prot;
                    if t - r.o.ar_delay >= timeout {
                        panic!(
                            "AXI master: AR channel timed out: ARVALID high for {timeout} edges without \
                             ARREADY (read 0x{:05x}, master edge {})",
                            r.addr, self.edges + 1
                        );
                    }
                }
                inp.rready = r.ar.is_some() && r.rvalid_seen >= r.o.r_delay;
                if r.ar.is_some() && !before.rvalid {
                    if r.waited_r >= timeout {
                        panic!(
                            "AXI master: R channel timed out: no RVALID within {timeout} edges after \
                             the AR handshake (read 0x{:05x}, master edge {})",
                            r.addr, self.edges + 1
                        );
                    }
                    r.waited_r += 1;
                }
            }

            let after = self.step_with(&inp);
            let e = self.edges;
            t += 1;

            if let Some(w) = w.as_mut().filter(|w| w.done.is_none()) {
                if inp.awvalid && before.awready {
                    w.aw = Some(e);
                }
                if inp.wvalid && before.wready {
                    w.w = Some(e);
                }
                if inp.bready && before.bvalid {
                    w.done = Some(WriteDone {
                        resp: Resp::from_bits(before.bresp),
                        aw_edge: w.aw.unwrap(),
                        w_edge: w.w.unwrap(),
                        b_edge: e,
                        bvalid_edge: w.bvalid_edge.unwrap_or(e - 1),
                    });
                } else if before.bvalid && w.aw.is_some() && w.w.is_some() {
                    w.bvalid_seen += 1;
                }
                if after.bvalid && w.bvalid_edge.is_none() && w.aw.is_some() && w.w.is_some() {
                    w.bvalid_edge = Some(e);
                }
            }
            if let Some(r) = r.as_mut().filter(|r| r.done.is_none()) {
                if inp.arvalid && before.arready {
                    r.ar = Some(e);
                }
                if inp.rready && before.rvalid {
                    r.done = Some(ReadDone {
                        data: before.rdata,
                        resp: Resp::from_bits(before.rresp),
                        ar_edge: r.ar.unwrap(),
                        r_edge: e,
                    });
                } else if before.rvalid && r.ar.is_some() {
                    r.rvalid_seen += 1;
                }
            }
        }
    }
}

impl WriteTx {
    fn new(addr: u32, data: u32, o: WriteOpts) -> Self {
        WriteTx { addr, data, o, aw: None, w: None, bvalid_seen: 0, bvalid_edge: None, waited_b: 0, done: None }
    }
}

impl ReadTx {
    fn new(addr: u32, o: ReadOpts) -> Self {
        ReadTx { addr, o, ar: None, rvalid_seen: 0, waited_r: 0, done: None }
    }
}

impl<P: RouterPins + std::fmt::Debug> std::fmt::Debug for AxiMaster<P> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AxiMaster")
            .field("dut", &self.dut)
            .field("pins", &self.pins)
            .field("timeout", &self.timeout)
            .field("edges", &self.edges)
            .finish()
    }
}
