//! The wire format between QEMU's `irq-router-bridge` device
//! (`host-tools/qemu-router/irq-router-bridge.c`) and the simulator.
//!
//! One Unix stream connection; QEMU connects, sends a request, and blocks
//! until the reply (so requests are strictly in order, one at a time).
//! Every frame is [`FRAME`] bytes, little-endian, both directions:
//!
//! | bytes | request (QEMU → simulator) | reply (simulator → QEMU) |
//! |---|---|---|
//! | 0 | kind: [`Kind`] | kind, echoed |
//! | 1 | access size in bytes (always 4) | AXI response: 0 OKAY, 2 SLVERR, 3 DECERR |
//! | 2 | AxPROT: bit 0 privileged, bit 1 non-secure | line levels: bit i = `pl_ps_irq0[i]` |
//! | 3 | 0 | 0 |
//! | 4..8 | byte offset in the window | read data |
//! | 8..16 | QEMU_CLOCK_VIRTUAL now, ns | when to send the next SYNC, ns ([`NO_SYNC`]: none) |
//! | 16..24 | write data (HELLO: protocol version) | router cycle after the access |
//! | 24..32 | HELLO: window size in bytes | 0 |
//!
//! The device's constants are checked against these by `tests/protocol.rs`.

use std::io::{self, Read, Write};

/// Bumped on any incompatible change of the frame layout or meaning.
pub const VERSION: u64 = 1;
/// Size of every request and reply.
pub const FRAME: usize = 32;
/// `next_sync_ns` meaning "no sync needed until the next access".
pub const NO_SYNC: u64 = u64::MAX;
/// AxPROT bits as the device fills them from QEMU's MemTxAttrs.
pub const PROT_PRIVILEGED: u8 = 1;
pub const PROT_NONSECURE: u8 = 2;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum Kind {
    /// First frame of a connection: protocol version and window size.
    Hello = 1,
    Read = 2,
    Write = 3,
    /// Nothing to access: advance to `time_ns` and report the lines.
    Sync = 4,
}

impl Kind {
    fn from_u8(v: u8) -> Option<Kind> {
        Some(match v {
            1 => Kind::Hello,
            2 => Kind::Read,
            3 => Kind::Write,
            4 => Kind::Sync,
            _ => return None,
        })
    }
}

/// An AXI response, in its AxRESP encoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum AxiResp {
    Okay = 0,
    SlvErr = 2,
    DecErr = 3,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Request {
    pub kind: Kind,
    pub size: u8,
    pub prot: u8,
    pub addr: u32,
    pub time_ns: u64,
    /// Write data; for HELLO the protocol version.
    pub data: u64,
    /// HELLO: the window size QEMU mapped.
    pub extra: u64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reply {
    pub kind: Kind,
    pub resp: AxiResp,
    pub lines: u8,
    pub data: u32,
    pub next_sync_ns: u64,
    pub cycle: u64,
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(b[at..at + 4].try_into().expect("4 bytes"))
}

fn u64_at(b: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(b[at..at + 8].try_into().expect("8 bytes"))
}

impl Request {
    pub fn encode(&self) -> [u8; FRAME] {
        let mut b = [0u8; FRAME];
        b[0] = self.kind as u8;
        b[1] = self.size;
        b[2] = self.prot;
        b[4..8].copy_from_slice(&self.addr.to_le_bytes());
        b[8..16].copy_from_slice(&self.time_ns.to_le_bytes());
        b[16..24].copy_from_slice(&self.data.to_le_bytes());
        b[24..32].copy_from_slice(&self.extra.to_le_bytes());
        b
    }

    pub fn decode(b: &[u8; FRAME]) -> Result<Request, String> {
        let kind = Kind::from_u8(b[0]).ok_or_else(|| format!("unknown request kind {}", b[0]))?;
        Ok(Request {
            kind,
            size: b[1],
            prot: b[2],
            addr: u32_at(b, 4),
            time_ns: u64_at(b, 8),
            data: u64_at(b, 16),
            extra: u64_at(b, 24),
        })
    }

    /// Reads one request; `Ok(None)` at a clean end of stream (QEMU exited).
    pub fn read_from(r: &mut impl Read) -> io::Result<Option<Request>> {
        let mut b = [0u8; FRAME];
        let mut got = 0;
        while got < FRAME {
            match r.read(&mut b[got..]) {
                Ok(0) if got == 0 => return Ok(None),
                Ok(0) => return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "truncated request")),
                Ok(n) => got += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        Request::decode(&b).map(Some).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
    }
}

impl Reply {
    pub fn encode(&self) -> [u8; FRAME] {
        let mut b = [0u8; FRAME];
        b[0] = self.kind as u8;
        b[1] = self.resp as u8;
        b[2] = self.lines;
        b[4..8].copy_from_slice(&self.data.to_le_bytes());
        b[8..16].copy_from_slice(&self.next_sync_ns.to_le_bytes());
        b[16..24].copy_from_slice(&self.cycle.to_le_bytes());
        b
    }

    pub fn decode(b: &[u8; FRAME]) -> Result<Reply, String> {
        let kind = Kind::from_u8(b[0]).ok_or_else(|| format!("unknown reply kind {}", b[0]))?;
        let resp = match b[1] {
            0 => AxiResp::Okay,
            2 => AxiResp::SlvErr,
            3 => AxiResp::DecErr,
            r => return Err(format!("bad AXI response {r}")),
        };
        Ok(Reply { kind, resp, lines: b[2], data: u32_at(b, 4), next_sync_ns: u64_at(b, 8), cycle: u64_at(b, 16) })
    }

    pub fn write_to(&self, w: &mut impl Write) -> io::Result<()> {
        w.write_all(&self.encode())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_round_trip() {
        let q = Request { kind: Kind::Write, size: 4, prot: 3, addr: 0x1_0004, time_ns: 123_456, data: 0xdead_beef, extra: 0 };
        assert_eq!(Request::decode(&q.encode()).unwrap(), q);
        let r = Reply { kind: Kind::Read, resp: AxiResp::SlvErr, lines: 0x81, data: 7, next_sync_ns: NO_SYNC, cycle: 99 };
        assert_eq!(Reply::decode(&r.encode()).unwrap(), r);
    }

    #[test]
    fn unknown_kinds_are_refused() {
        let mut b = [0u8; FRAME];
        b[0] = 9;
        assert!(Request::decode(&b).unwrap_err().contains("unknown request kind 9"));
    }
}
