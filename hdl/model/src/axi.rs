//! The AXI4-Lite slave handshake state machine of spec §9.
//!
//! Per edge: (1) AW and W handshakes store their payloads independently;
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
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AxiSlave {
    pub aw_full: bool,
    pub awaddr: u32,
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
        })
    }

    /// The address of the read that executes at the coming edge (the AR handshake).
    #[inline]
    pub fn read_to_execute(&self, inp: &PinsIn) -> Option<u32> {
        (inp.arvalid && self.arready()).then_some(inp.araddr & regs::ADDR_MASK)
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
