//! A minimal AXI4-Lite master that drives any [`RouterPins`] one edge at a
//! time, for unit tests and small directed benches.
//!
//! BREADY and RREADY are held high, so each response is visible for exactly
//! one edge (the edge that produced it) and consumed at the next one.
//! Transactions are Secure unless [`Bus::ns`] is set (AxPROT[1], spec §8).

use crate::pins::{PinsIn, PinsOut, RouterPins};

/// A response seen at the pins.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Resp {
    /// RDATA (0 for writes).
    pub data: u32,
    pub resp: u8,
    /// Edge (counted by the [`Bus`]) at which the access executed: the write
    /// execution edge, or the AR handshake edge of a read.
    pub edge: u64,
}

pub struct Bus<D: RouterPins> {
    pub dut: D,
    /// Inputs presented at the next edge; tests may set `src` freely.
    pub inp: PinsIn,
    /// Outputs after the last edge.
    pub out: PinsOut,
    /// Edges taken since the last `reset` (or since creation).
    pub edge: u64,
    /// Responses that arrived during `tick`s, oldest first.
    pub writes: Vec<Resp>,
    pub reads: Vec<Resp>,
    /// Issue the next transactions as Non-secure (AxPROT = 0b010).
    pub ns: bool,
}

impl<D: RouterPins> Bus<D> {
    /// Wrap `dut` and reset it.
    pub fn new(mut dut: D) -> Self {
        dut.reset();
        let out = dut.outputs();
        Bus {
            dut,
            inp: PinsIn::idle(),
            out,
            edge: 0,
            writes: Vec::new(),
            reads: Vec::new(),
            ns: false,
        }
    }

    pub fn reset(&mut self) {
        self.dut.reset();
        self.out = self.dut.outputs();
        self.inp = PinsIn {
            src: self.inp.src,
            ..PinsIn::idle()
        };
        self.edge = 0;
        self.writes.clear();
        self.reads.clear();
    }

    /// Take one edge with the current inputs; drop each VALID once its
    /// handshake happened, and record the responses that appear.
    pub fn tick(&mut self) -> PinsOut {
        let before = self.out;
        let aw_hs = self.inp.awvalid && before.awready;
        let w_hs = self.inp.wvalid && before.wready;
        let ar_hs = self.inp.arvalid && before.arready;
        self.out = self.dut.step(&self.inp);
        self.edge += 1;
        if aw_hs {
            self.inp.awvalid = false;
        }
        if w_hs {
            self.inp.wvalid = false;
        }
        if ar_hs {
            self.inp.arvalid = false;
            self.reads.push(Resp {
                data: self.out.rdata,
                resp: self.out.rresp,
                edge: self.edge,
            });
        }
        // A write executes only when no response is waiting, so a BVALID that
        // rises is always a new response.
        if self.out.bvalid && (!before.bvalid || self.inp.bready) {
            self.writes.push(Resp {
                data: 0,
                resp: self.out.bresp,
                edge: self.edge,
            });
        }
        self.out
    }

    /// Take `n` edges.
    pub fn ticks(&mut self, n: u64) {
        for _ in 0..n {
            self.tick();
        }
    }

    /// Present AW and W (full strobes) for the next edge; the write executes
    /// one edge after both handshakes. Does not take an edge.
    pub fn post_write(&mut self, addr: u32, data: u32) {
        self.post_write_strb(addr, data, 0xF);
    }

    pub fn post_write_strb(&mut self, addr: u32, data: u32, strb: u8) {
        self.inp.awvalid = true;
        self.inp.awaddr = addr;
        self.inp.awprot = if self.ns { 0b010 } else { 0 };
        self.inp.wvalid = true;
        self.inp.wdata = data;
        self.inp.wstrb = strb;
    }

    /// Present AR for the next edge (the read executes at its handshake).
    pub fn post_read(&mut self, addr: u32) {
        self.inp.arvalid = true;
        self.inp.araddr = addr;
        self.inp.arprot = if self.ns { 0b010 } else { 0 };
    }

    /// A whole write: returns once its response is visible.
    pub fn write_strb(&mut self, addr: u32, data: u32, strb: u8) -> Resp {
        let n = self.writes.len();
        self.post_write_strb(addr, data, strb);
        for _ in 0..1000 {
            self.tick();
            if self.writes.len() > n {
                return self.writes[n];
            }
        }
        panic!("write to {addr:#x} got no response");
    }

    pub fn write(&mut self, addr: u32, data: u32) -> Resp {
        self.write_strb(addr, data, 0xF)
    }

    /// A whole read: returns once its data is visible.
    pub fn read(&mut self, addr: u32) -> Resp {
        let n = self.reads.len();
        self.post_read(addr);
        for _ in 0..1000 {
            self.tick();
            if self.reads.len() > n {
                return self.reads[n];
            }
        }
        panic!("read of {addr:#x} got no response");
    }
}
