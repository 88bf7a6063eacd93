//! The router's pin-level interface, shared by the reference model and the
//! Verilated RTL so that one test bench can drive either, or both in lockstep.

/// Inputs sampled at a rising edge (see hdl/doc/spec.md §1).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PinsIn {
    /// `src_i`, bit i = source i (only the low NSRC bits are used).
    pub src: u128,
    pub awvalid: bool,
    pub awaddr: u32,
    pub awprot: u8,
    pub wvalid: bool,
    pub wdata: u32,
    pub wstrb: u8,
    pub bready: bool,
    pub arvalid: bool,
    pub araddr: u32,
    pub arprot: u8,
    pub rready: bool,
}

/// Outputs as they stand just after an edge (all are functions of state).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PinsOut {
    /// `irq_oob_o`, bit c = CPU c.
    pub irq_oob: u8,
    /// `irq_inb_o`, bit c = CPU c.
    pub irq_inb: u8,
    pub awready: bool,
    pub wready: bool,
    pub bvalid: bool,
    pub bresp: u8,
    pub arready: bool,
    pub rvalid: bool,
    pub rdata: u32,
    pub rresp: u8,
}

/// Build-time parameters of one router instance (spec §1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Params {
    pub nsrc: u32,
    pub ncpu: u32,
    pub nipi: u32,
    pub tsw: u32,
    /// STATS: per-source timestamps and per-page latency statistics.
    pub stats: bool,
    /// OVRW: width of the overrun counters (8, or 1 for sticky bits).
    pub ovrw: u32,
}

impl Default for Params {
    fn default() -> Self {
        Params::new(32, 4, 8, 16)
    }
}

/// Anything that behaves like the router at its pins: the model or the RTL.
pub trait RouterPins {
    fn params(&self) -> Params;
    /// Hold `rst_n` low for one edge (inputs idle), then release it.
    fn reset(&mut self);
    /// Present `inp`, take one rising edge, return the outputs after it.
    fn step(&mut self, inp: &PinsIn) -> PinsOut;
    /// Outputs as they stand now, without an edge.
    fn outputs(&self) -> PinsOut;
}

impl PinsIn {
    /// Inputs with every source low and the AXI master idle, but ready for
    /// responses (BREADY = RREADY = 1) and with full write strobes prepared.
    pub fn idle() -> Self {
        PinsIn {
            bready: true,
            rready: true,
            wstrb: 0xF,
            ..PinsIn::default()
        }
    }
}

impl PinsOut {
    /// The outputs with the response payloads zeroed while their VALID is low.
    ///
    /// The spec (§9) fixes BRESP/RRESP/RDATA only while BVALID/RVALID is high;
    /// the model keeps the last payload in between (as a register loaded only
    /// with a new response would), the RTL may do otherwise, so lockstep
    /// comparisons should compare `canonical()` values.
    pub fn canonical(&self) -> Self {
        let mut o = *self;
        if !o.bvalid {
            o.bresp = 0;
        }
        if !o.rvalid {
            o.rdata = 0;
            o.rresp = 0;
        }
        o
    }

    /// line(c, s) as seen at the pins (s: 0 = in-band, 1 = oob).
    pub fn line(&self, cpu: usize, stage: usize) -> bool {
        let bits = if stage == 0 {
            self.irq_inb
        } else {
            self.irq_oob
        };
        bits >> cpu & 1 != 0
    }
}

impl Params {
    /// The full configuration (statistics, 8-bit overrun counters) of a size.
    pub const fn new(nsrc: u32, ncpu: u32, nipi: u32, tsw: u32) -> Params {
        Params { nsrc, ncpu, nipi, tsw, stats: true, ovrw: 8 }
    }

    /// The same size in the lean configuration: no statistics, sticky
    /// overrun bits (spec §1).
    pub const fn lean(self) -> Params {
        Params { stats: false, ovrw: 1, ..self }
    }

    /// Whether this is the lean configuration (STATS = 0, OVRW = 1).
    pub const fn is_lean(&self) -> bool {
        !self.stats && self.ovrw == 1
    }

    /// Check the parameters against the ranges of spec §1.
    pub fn validate(&self) -> Result<(), ParamError> {
        let check = |name: &'static str, value: u32, min: u32, max: u32| {
            if (min..=max).contains(&value) {
                Ok(())
            } else {
                Err(ParamError {
                    name,
                    value,
                    min,
                    max,
                })
            }
        };
        check("NSRC", self.nsrc, 8, 128)?;
        check("NCPU", self.ncpu, 1, 8)?;
        check("NIPI", self.nipi, 1, 16)?;
        check("TSW", self.tsw, 8, 32)?;
        if self.ovrw != 1 && self.ovrw != 8 {
            return Err(ParamError { name: "OVRW", value: self.ovrw, min: 1, max: 8 });
        }
        Ok(())
    }
}

/// A parameter outside its range of spec §1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParamError {
    pub name: &'static str,
    pub value: u32,
    pub min: u32,
    pub max: u32,
}

impl core::fmt::Display for ParamError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        if self.name == "OVRW" {
            return write!(f, "OVRW = {} is neither 1 nor 8", self.value);
        }
        write!(
            f,
            "{} = {} is outside {}..={}",
            self.name, self.value, self.min, self.max
        )
    }
}

impl std::error::Error for ParamError {}

impl core::fmt::Display for Params {
    /// `NSRC=32 NCPU=4 NIPI=8 TSW=16`, then `full`, `lean`, or the two
    /// feature parameters when they are mixed.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "NSRC={} NCPU={} NIPI={} TSW={}", self.nsrc, self.ncpu, self.nipi, self.tsw)?;
        match (self.stats, self.ovrw) {
            (true, 8) => write!(f, " full"),
            (false, 1) => write!(f, " lean"),
            (s, w) => write!(f, " STATS={} OVRW={w}", s as u32),
        }
    }
}
