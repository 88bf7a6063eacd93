//! The AXI4-Lite slave handshake state machine of spec §9.
//!
//! Per edge: (1) AW (address and AxPROT[1]) and W handshakes store their
//! payloads independently;
//! (2) a write whose address and data were both held before the edge, with no
//! response waiting, executes at the edge; (3) B handshake; (4) an AR
//! handshake executes the read at the edge; (5) R handshake.

use crate::pins::PinsIn;
use crate::regs;

/// A write that executes at the coming edge.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WriteReq {
    pub addr: u32,
    pub data: u32,
    pub strb: u8,
    /// Non-secure (AWPROT[1] of the AW handshake), spec §8.
    pub ns: bool,
}

/// A read that executes at the coming edge.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReadReq {
    pub addr: u32,
    /// Non-secure (ARPROT[1]).
    pub ns: bool,
}

/// AxPROT[1] = 1: a Non-secure transaction.
#[inline]
pub fn prot_ns(prot: u8) -> bool {
    prot & 2 != 0
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AxiSlave {
    pub aw_full: bool,
    pub awaddr: u32,
    pub aw_ns: bool,
    pub w_full: bool,
    pub wdata: u32,
    pub wstrb: u8,
    pub b_valid: bool,
    pub bresp: u8,
    pub r_valid: bool,
    pub rdata: u32,
    pub rresp: u8,
}

impl AxiSlave {
    pub fn awready(&self) -> bool {
        !self.aw_full
    }
    pub fn wready(&self) -> bool {
        !self.w_full
    }
    pub fn arready(&self) -> bool {
        !self.r_valid
    }

    /// The write that executes at the coming edge, if any (from the state
    /// before the edge only).
    #[inline]
    pub fn write_to_execute(&self) -> Option<WriteReq> {
        (self.aw_full && self.w_full && !self.b_valid).then_some(WriteReq {
            addr: self.awaddr,
            data: self.wdata,
            strb: self.wstrb,
            ns: self.aw_ns,
        })
    }

    /// The read that executes at the coming edge (the AR handshake).
    #[inline]
    pub fn read_to_execute(&self, inp: &PinsIn) -> Option<ReadReq> {
        (inp.arvalid && self.arready()).then_some(ReadReq {
            addr: inp.araddr & regs::ADDR_MASK,
            ns: prot_ns(inp.arprot),
        })
    }

    /// Take the edge: `bresp` is the response of the write that executed at
    /// this edge (if one did), `read` the data and response of the read.
    #[inline]
    pub fn edge(&mut self, inp: &PinsIn, bresp: Option<u8>, read: Option<(u32, u8)>) {
        let aw_hs = inp.awvalid && self.awready();
        let w_hs = inp.wvalid && self.wready();
        // Write execution (implies both buffers were full, so no AW/W handshake now).
        if let Some(r) = bresp {
            self.aw_full = false;
            self.w_full = false;
            self.b_valid = true;
            self.bresp = r;
        } else if self.b_valid && inp.bready {
            self.b_valid = false;
        }
        if aw_hs {
            self.aw_full = true;
            self.awaddr = inp.awaddr & regs::ADDR_MASK;
            self.aw_ns = prot_ns(inp.awprot);
        }
        if w_hs {
            self.w_full = true;
            self.wdata = inp.wdata;
            // The port is 4 bits wide.
            self.wstrb = inp.wstrb & 0xF;
        }
        // Read (an AR handshake implies no R data was waiting).
        if let Some((d, r)) = read {
            self.r_valid = true;
            self.rdata = d;
            self.rresp = r;
        } else if self.r_valid && inp.rready {
            self.r_valid = false;
        }
    }
}
