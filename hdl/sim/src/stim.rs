//! Constrained-random stimulus for the router's pins: random edges and levels
//! on every source, and a protocol-correct AXI4-Lite master that issues
//! random accesses (claims, completes, stall/unstall, test-and-stall, IPIs,
//! configuration, LOCK attempts, bad addresses and values) with random
//! delays between AW and W and random B/R back-pressure.
//!
//! The stimulus only has to be legal and varied: correctness is judged by
//! running the RTL and the reference model in lockstep on it.

use crate::regmap::RegMap;
use router_model::{Params, PinsIn, PinsOut};

/// A small, fast, seedable generator (xorshift64*), so a seed replays exactly
/// on any machine and with any crate versions.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: u32) -> u32 {
        ((self.next_u64() >> 32) * n as u64 >> 32) as u32
    }
    /// True with probability `pct` percent.
    pub fn pct(&mut self, pct: u32) -> bool {
        self.below(100) < pct
    }
}

/// Knobs of one random run; `for_seed` draws a different mix per seed so that
/// many seeds cover quiet and stormy regimes.
#[derive(Clone, Debug)]
pub struct Knobs {
    /// Per source and cycle, chance (in 1/65536) that its input toggles.
    pub src_toggle: u32,
    /// Chance (%) per idle cycle that the master starts a write / a read.
    pub write_rate: u32,
    pub read_rate: u32,
    /// Chance (%) that BREADY / RREADY is high in a cycle.
    pub bready: u32,
    pub rready: u32,
    /// Largest delay (cycles) before raising AWVALID, WVALID or ARVALID.
    pub max_delay: u32,
    /// Chance (%) of an access that is deliberately bad (address, strobe, value).
    pub bad: u32,
    /// Chance (%) that an access is Non-secure (AxPROT[1] = 1, spec §8).
    pub ns: u32,
}

impl Knobs {
    pub fn for_seed(rng: &mut Rng) -> Self {
        Knobs {
            src_toggle: [16, 128, 1024, 8192][rng.below(4) as usize],
            write_rate: 10 + rng.below(70),
            read_rate: 10 + rng.below(70),
            bready: [100, 80, 30][rng.below(3) as usize],
            rready: [100, 80, 30][rng.below(3) as usize],
            max_delay: [0, 2, 6][rng.below(3) as usize],
            bad: [0, 3, 10][rng.below(3) as usize],
            ns: [10, 50, 90][rng.below(3) as usize],
        }
    }
}

/// What a completed read was, so its data can feed later accesses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ReadKind {
    Claim { cpu: u32, stage: u32 },
    Other,
}

/// Counts of interesting things seen, so a test can prove it exercised them.
#[derive(Clone, Debug, Default)]
pub struct Coverage {
    pub writes: u64,
    pub reads: u64,
    pub src_claims: u64,
    pub ipi_claims: u64,
    pub none_claims: u64,
    pub slverr: u64,
    pub decerr: u64,
    pub line_rises: u64,
    pub bp_cycles: u64,
    /// Non-secure writes and reads issued (AW / AR handshakes).
    pub ns_writes: u64,
    pub ns_reads: u64,
}

impl Coverage {
    pub fn add(&mut self, o: &Coverage) {
        self.writes += o.writes;
        self.reads += o.reads;
        self.src_claims += o.src_claims;
        self.ipi_claims += o.ipi_claims;
        self.none_claims += o.none_claims;
        self.slverr += o.slverr;
        self.decerr += o.decerr;
        self.line_rises += o.line_rises;
        self.bp_cycles += o.bp_cycles;
        self.ns_writes += o.ns_writes;
        self.ns_reads += o.ns_reads;
    }
}

pub struct RandomStim {
    rng: Rng,
    p: Params,
    map: RegMap,
    pub knobs: Knobs,
    src: u128,
    // Write channel: address/data waiting for their handshake, delays left.
    aw: Option<(u32, u32, u8)>, // (addr, delay, prot)
    w: Option<(u32, u8, u32)>, // (data, strb, delay)
    write_open: bool,
    ar: Option<(u32, u32, u8)>,
    read_open: Option<ReadKind>,
    ar_kind: ReadKind,
    /// Sources and vectors claimed and not yet completed, per (cpu, stage).
    claimed: Vec<(u32, u32, u32)>,
    pub cov: Coverage,
}

const OKAY: u8 = 0;
const SLVERR: u8 = 2;
const DECERR: u8 = 3;

impl RandomStim {
    pub fn new(p: Params, seed: u64) -> Self {
        let mut rng = Rng::new(seed);
        let knobs = Knobs::for_seed(&mut rng);
        RandomStim {
            rng,
            p,
            map: RegMap::get(),
            knobs,
            src: 0,
            aw: None,
            w: None,
            write_open: false,
            ar: None,
            read_open: None,
            ar_kind: ReadKind::Other,
            claimed: Vec::new(),
            cov: Coverage::default(),
        }
    }

    fn src_mask(&self) -> u128 {
        if self.p.nsrc >= 128 { u128::MAX } else { (1u128 << self.p.nsrc) - 1 }
    }

    /// Inputs for the next edge, given the outputs as they stand now.
    pub fn drive(&mut self, now: &PinsOut) -> PinsIn {
        // Sources: independent random toggles.
        let mut flips = 0u128;
        for i in 0..self.p.nsrc {
            if self.rng.below(65536) < self.knobs.src_toggle {
                flips |= 1 << i;
            }
        }
        self.src = (self.src ^ flips) & self.src_mask();

        // Start new transactions when the channels are free.
        if self.aw.is_none() && self.w.is_none() && !self.write_open && self.rng.pct(self.knobs.write_rate) {
            let (addr, data, strb) = self.random_write();
            let d = self.knobs.max_delay;
            let prot = self.random_prot();
            self.aw = Some((addr, self.rng.below(d + 1), prot));
            self.w = Some((data, strb, self.rng.below(d + 1)));
            self.write_open = true;
        }
        if self.ar.is_none() && self.read_open.is_none() && self.rng.pct(self.knobs.read_rate) {
            let (addr, kind) = self.random_read();
            let prot = self.random_prot();
            self.ar = Some((addr, self.rng.below(self.knobs.max_delay + 1), prot));
            self.ar_kind = kind;
        }

        let mut inp = PinsIn { src: self.src, ..PinsIn::default() };
        if let Some((a, d, prot)) = self.aw {
            if d == 0 {
                inp.awvalid = true;
                inp.awaddr = a;
                inp.awprot = prot;
            }
        }
        if let Some((data, strb, d)) = self.w {
            if d == 0 {
                inp.wvalid = true;
                inp.wdata = data;
                inp.wstrb = strb;
            }
        }
        if let Some((a, d, prot)) = self.ar {
            if d == 0 {
                inp.arvalid = true;
                inp.araddr = a;
                inp.arprot = prot;
            }
        }
        inp.bready = self.rng.pct(self.knobs.bready);
        inp.rready = self.rng.pct(self.knobs.rready);
        if (now.bvalid && !inp.bready) || (now.rvalid && !inp.rready) {
            self.cov.bp_cycles += 1;
        }
        inp
    }

    /// Account for the edge taken with `inp`: handshakes done, responses seen.
    pub fn observe(&mut self, inp: &PinsIn, before: &PinsOut, after: &PinsOut) {
        let tick = |ch: &mut Option<(u32, u32, u8)>| {
            if let Some((_, d, _)) = ch {
                *d = d.saturating_sub(1);
            }
        };
        if inp.awvalid && before.awready {
            self.aw = None;
            self.cov.ns_writes += u64::from(inp.awprot & 2 != 0);
        } else {
            tick(&mut self.aw);
        }
        if inp.wvalid && before.wready {
            self.w = None;
        } else if let Some((_, _, d)) = &mut self.w {
            *d = d.saturating_sub(1);
        }
        if inp.arvalid && before.arready {
            self.ar = None;
            self.cov.ns_reads += u64::from(inp.arprot & 2 != 0);
            self.read_open = Some(self.ar_kind);
        } else {
            tick(&mut self.ar);
        }
        if before.bvalid && inp.bready {
            self.write_open = false;
            self.cov.writes += 1;
            self.count_resp(before.bresp);
        }
        if before.rvalid && inp.rready {
            self.cov.reads += 1;
            self.count_resp(before.rresp);
            if let Some(ReadKind::Claim { cpu, stage }) = self.read_open {
                if before.rresp == OKAY {
                    self.note_claim(cpu, stage, before.rdata);
                }
            }
            self.read_open = None;
        }
        let rises = (after.irq_oob & !before.irq_oob) | (after.irq_inb & !before.irq_inb);
        self.cov.line_rises += rises.count_ones() as u64;
    }

    fn count_resp(&mut self, resp: u8) {
        match resp {
            SLVERR => self.cov.slverr += 1,
            DECERR => self.cov.decerr += 1,
            _ => {}
        }
    }

    fn note_claim(&mut self, cpu: u32, stage: u32, id: u32) {
        if id == self.map.id_none {
            self.cov.none_claims += 1;
        } else if id >= self.map.id_ipi_base {
            self.cov.ipi_claims += 1;
        } else {
            self.cov.src_claims += 1;
            if self.claimed.len() < 64 {
                self.claimed.push((cpu, stage, id));
            }
        }
    }

    fn page(&mut self) -> (u32, u32) {
        // Mostly existing CPUs; sometimes one past the end (DECERR).
        let cpu = if self.rng.pct(self.knobs.bad) { self.p.ncpu + self.rng.below(8 - self.p.ncpu.min(7)) } else { self.rng.below(self.p.ncpu) };
        (cpu.min(7), self.rng.below(2))
    }

    fn random_write(&mut self) -> (u32, u32, u8) {
        let m = self.map.clone();
        let mut strb = 0xF;
        if self.rng.pct(self.knobs.bad) {
            strb = self.rng.below(16) as u8;
        }
        let r = self.rng.below(100);
        let (addr, data) = if r < 22 {
            let i = self.maybe_past(self.p.nsrc, 128);
            (m.src_cfg(i), self.random_cfg())
        } else if r < 40 {
            let (c, s) = self.page();
            // Unstall more often than stall, so lines get delivered; now and
            // then arm the idle wake (bit 1).
            let wake = if self.rng.pct(15) { 2 } else { 0 };
            (m.page(c, s, m.stall), u32::from(self.rng.pct(35)) | wake)
        } else if r < 55 {
            let (addr, id) = match self.claimed.pop() {
                Some((c, s, id)) if !self.rng.pct(10) => (m.page(c, s, m.complete), id),
                _ => {
                    let (c, s) = self.page();
                    (m.page(c, s, m.complete), self.rng.below(self.p.nsrc + 4))
                }
            };
            (addr, id)
        } else if r < 72 {
            let (c, s) = self.page();
            let ncpu_mask = (1u32 << self.p.ncpu) - 1;
            let mask = if self.rng.pct(self.knobs.bad) { self.rng.below(256) } else { self.rng.below(256) & ncpu_mask };
            let vec = if self.rng.pct(self.knobs.bad) { self.rng.below(16) } else { self.rng.below(self.p.nipi) };
            let stage = self.rng.below(2);
            (m.page(c, s, m.ipi_send), m.ipi_send_value(mask, vec, stage))
        } else if r < 77 {
            match self.rng.below(4) {
                0 => (m.ipi_prio_inb, self.rng.next_u64() as u32),
                1 => (m.ipi_prio_oob, self.rng.next_u64() as u32),
                2 => {
                    let vec = if self.rng.pct(self.knobs.bad) { self.rng.below(16) } else { self.rng.below(self.p.nipi) };
                    (m.ipi_prio_set, m.ipi_prio_set_value(self.rng.below(4), vec, self.rng.below(2)))
                }
                // Which oob vectors Non-secure masters may send.
                _ => (m.ipi_oob_ns, self.rng.next_u64() as u32),
            }
        } else if r < 82 {
            let (c, s) = self.page();
            match self.rng.below(3) {
                0 => {
                    let k = self.maybe_past(self.p.nsrc.div_ceil(32), 4);
                    let bits = if self.rng.pct(50) { u32::MAX } else { self.rng.next_u64() as u32 };
                    (m.overrun_clr(k), bits)
                }
                1 => (m.page(c, s, m.ipi_overrun), 0),
                _ => (m.page(c, s, m.lat_max), 0),
            }
        } else if r < 84 {
            let key = if self.rng.pct(50) { m.lock_key } else { self.rng.next_u64() as u32 };
            (m.lock, key)
        } else if r < 88 {
            (m.err, self.rng.next_u64() as u32)
        } else if r < 94 {
            // Read-only registers: must answer SLVERR and change nothing.
            let a = *m.readable.get(self.rng.below(m.readable.len() as u32) as usize).unwrap();
            let (c, s) = self.page();
            (m.resolve(a, c, s), self.rng.next_u64() as u32)
        } else {
            (self.random_addr(), self.rng.next_u64() as u32)
        };
        (addr, data, strb)
    }

    fn random_read(&mut self) -> (u32, ReadKind) {
        let m = self.map.clone();
        let r = self.rng.below(100);
        if r < 40 {
            let (c, s) = self.page();
            (m.page(c, s, m.claim), ReadKind::Claim { cpu: c, stage: s })
        } else if r < 50 {
            let (c, s) = self.page();
            (m.page(c, s, m.stall_tas), ReadKind::Other)
        } else if r < 90 {
            let a = *m.readable.get(self.rng.below(m.readable.len() as u32) as usize).unwrap();
            let (c, s) = self.page();
            (m.resolve(a, c, s), ReadKind::Other)
        } else {
            (self.random_addr(), ReadKind::Other)
        }
    }

    fn random_cfg(&mut self) -> u32 {
        let m = &self.map;
        let cpu = if self.rng.pct(self.knobs.bad) { self.rng.below(8) } else { self.rng.below(self.p.ncpu) };
        let mut v = m.cfg_value(self.rng.pct(85), self.rng.below(2), self.rng.below(2), self.rng.below(4), cpu);
        if self.rng.pct(30) {
            // A masked write of some fields only (spec §8).
            v |= m.cfg_we(self.rng.below(32));
        }
        if self.rng.pct(self.knobs.bad) {
            v |= self.rng.next_u64() as u32; // reserved bits set
        }
        v
    }

    /// AxPROT of the next transaction: Secure or Non-secure (bit 1), the
    /// other two bits random (the router ignores them).
    fn random_prot(&mut self) -> u8 {
        let other = (self.rng.below(4) as u8 & 1) | (self.rng.below(2) as u8) << 2;
        other | if self.rng.pct(self.knobs.ns) { 0b010 } else { 0 }
    }

    /// An index below `n` mostly; sometimes up to `max` (past the end).
    fn maybe_past(&mut self, n: u32, max: u32) -> u32 {
        if self.rng.pct(self.knobs.bad) { self.rng.below(max) } else { self.rng.below(n) }
    }

    fn random_addr(&mut self) -> u32 {
        let a = self.rng.below(1 << self.map.addr_width);
        if self.rng.pct(70) { a & !3 } else { a }
    }
}
