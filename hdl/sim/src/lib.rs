//! The irq_router RTL, Verilated, behind `router_model::RouterPins`.
//!
//! - [`RouterRtl`]: one Verilated model of a configuration built into this
//!   crate (see [`Config`] and [`RouterRtl::built`]).
//! - [`axi::AxiMaster`]: a cycle-level AXI4-Lite master driving any
//!   `RouterPins` (the RTL, the model, or a [`Lockstep`] pair).
//! - [`Lockstep`]: steps two implementations with the same inputs and panics
//!   on the first difference of their outputs.
//!
//! Waveforms: set `ROUTER_TRACE=path.vcd` when a model is created (`.fst`
//! needs the crate feature `fst`); every edge is dumped to that file. If a
//! process creates several models, the second and later ones write
//! `path.1.vcd`, `path.2.vcd`, ... (the file actually used is printed on
//! stderr and returned by [`RouterRtl::trace_path`]).
//!
//! Errors raised by the RTL (a failed `assert`, `$error`, `$stop`, `$fatal`,
//! `$finish`) become a Rust panic carrying the message Verilator printed.
//!
//! ```
//! use router_model::RouterModel;
//! use router_sim::{AxiMaster, Config, Lockstep, Resp, RouterPins, RouterRtl, WriteOpts};
//!
//! let p = Config::C32x4x8.params();
//! // RTL and reference model fed the same inputs; any output difference panics.
//! let mut bus = AxiMaster::new(Lockstep::new(RouterRtl::new(p)?, RouterModel::new(p)?));
//! bus.set_src(0b101); // sources 0 and 2 high during the transactions below
//! assert_eq!(bus.read(0x0), (0x4952_5152, Resp::Okay)); // GLOBAL ID
//! // W before AW, BREADY held low for 3 edges of BVALID; ID is read-only.
//! let opts = WriteOpts { aw_delay: 2, b_delay: 3, ..WriteOpts::default() };
//! assert_eq!(bus.write_with(0x0, 1, &opts), Resp::SlvErr);
//! let out = bus.idle(10); // 10 edges without bus traffic
//! assert_eq!(out.irq_inb, 0);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod axi;
pub mod lockstep;
mod ffi;

// Random lockstep infrastructure (stimulus, protocol checker, register map
// from the SVD).
pub mod axi_check;
pub mod cputime;
pub mod random_run;
pub mod regmap;
pub mod stim;

pub use axi::{AxiMaster, ReadOpts, Resp, WriteOpts};
pub use lockstep::Lockstep;
pub use router_model::{Params, PinsIn, PinsOut, RouterPins};

use std::ffi::{CStr, CString};
use std::path::{Path, PathBuf};
use std::ptr::NonNull;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The configurations this crate always builds (more can be built with the
/// `ROUTER_SIM_CONFIGS` build-time variable; reach those through [`Params`]).
/// Each has a checked build (test profiles: with the formal properties) and
/// the first two also a fast one ([`RouterRtl::fast`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Config {
    /// NSRC=32, NCPU=4, NIPI=8, TSW=16, full: the defaults of spec §1.
    C32x4x8,
    /// The same size, lean (STATS=0, OVRW=1).
    C32x4x8Lean,
    /// NSRC=8, NCPU=1, NIPI=1, TSW=8: every parameter at its minimum.
    C8x1x1,
    /// NSRC=128, NCPU=8, NIPI=16, TSW=32: every parameter at its maximum.
    C128x8x16,
}

impl Config {
    pub const ALL: [Config; 4] = [Config::C32x4x8, Config::C32x4x8Lean, Config::C8x1x1, Config::C128x8x16];

    pub const fn params(self) -> Params {
        match self {
            Config::C32x4x8 => Params::new(32, 4, 8, 16),
            Config::C32x4x8Lean => Params::new(32, 4, 8, 16).lean(),
            Config::C8x1x1 => Params::new(8, 1, 1, 8),
            Config::C128x8x16 => Params::new(128, 8, 16, 32),
        }
    }
}

impl From<Config> for Params {
    fn from(c: Config) -> Params {
        c.params()
    }
}

/// Why a model could not be created.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SimError {
    /// No configuration with these parameters was compiled into the crate.
    Unsupported { wanted: Params, available: Vec<Params> },
    /// The model or its trace file could not be set up.
    Init(String),
}

fn fmt_params(p: &Params) -> String {
    p.to_string()
}

impl std::fmt::Display for SimError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SimError::Unsupported { wanted, available } => {
                let list: Vec<String> = available.iter().map(fmt_params).collect();
                write!(
                    f,
                    "no Verilated configuration {} in router-sim; built: [{}] \
                     (add it to DEFAULT_CONFIGS in hdl/sim/build.rs or to ROUTER_SIM_CONFIGS; \
                     release and bench profiles build only the fast variants)",
                    fmt_params(wanted),
                    list.join("; ")
                )
            }
            SimError::Init(msg) => write!(f, "cannot create the Verilated router: {msg}"),
        }
    }
}

impl std::error::Error for SimError {}

/// Evaluated edges with unchanged inputs after which [`RouterRtl::skip_idle`]
/// is exact (spec: the longest chain from an input to its last effect,
/// COMPLETE -> re-log of a level source -> line, is two edges; two more of
/// margin).
pub const SETTLE_EDGES: u64 = 4;

/// Trace format compiled in (Verilator generates one per build).
pub const TRACE_EXT: &str = if cfg!(feature = "fst") { "fst" } else { "vcd" };

static TRACE_COUNT: AtomicUsize = AtomicUsize::new(0);

/// The Verilated `irq_router` of one built configuration.
///
/// `new` applies a reset, so a fresh model is in the reset state like
/// `RouterModel`'s. Outputs after `step` are those just after the rising edge.
pub struct RouterRtl {
    sim: NonNull<ffi::RawSim>,
    params: Params,
    fast: bool,
    src_mask: u128,
    out: PinsOut,
    edges: u64,
    /// Normal edges since the last reset edge (for `skip_idle`).
    since_reset: u64,
    /// The inputs of the last edge (`skip_idle` evaluates with them).
    last_in: PinsIn,
    trace: Option<PathBuf>,
}

// The model is only touched through &mut self; the wrapper rebinds
// Verilator's thread-local context at every step, so moving it between
// threads is fine.
unsafe impl Send for RouterRtl {}

impl RouterRtl {
    /// A model of a built configuration (`Config::C32x4x8`, or any `Params`
    /// listed by [`RouterRtl::built`]): its checked build (formal properties
    /// checked at every edge) where there is one, else its fast build.
    /// Traces if `ROUTER_TRACE` is set.
    pub fn new(cfg: impl Into<Params>) -> Result<Self, SimError> {
        Self::create(cfg.into(), Self::env_trace(), false)
    }

    /// The fast build of a configuration (no properties, the RTL's word-level
    /// simulation forms): for long runs and benchmarks.
    pub fn fast(cfg: impl Into<Params>) -> Result<Self, SimError> {
        Self::create(cfg.into(), Self::env_trace(), true)
    }

    /// Like `new` but always traces, to exactly `path` (its extension must
    /// be [`TRACE_EXT`]), whatever `ROUTER_TRACE` says.
    pub fn with_trace(cfg: impl Into<Params>, path: impl AsRef<Path>) -> Result<Self, SimError> {
        Self::create(cfg.into(), Some(path.as_ref().to_path_buf()), false)
    }

    fn env_trace() -> Option<PathBuf> {
        let trace = std::env::var_os("ROUTER_TRACE").filter(|s| !s.is_empty()).map(PathBuf::from);
        trace.map(|p| numbered_trace_path(&p))
    }

    /// Parameters of every configuration compiled into this crate.
    pub fn built() -> Vec<Params> {
        let mut v: Vec<Params> = Vec::new();
        for b in ffi::BUILT.iter().filter(|b| !b.reference) {
            if !v.contains(&b.params) {
                v.push(b.params);
            }
        }
        v
    }

    /// Whether this model is a fast build (see [`RouterRtl::fast`]).
    pub fn is_fast(&self) -> bool {
        self.fast
    }

    /// The reference RTL (another version of the router, typically 1.0,
    /// built only when `ROUTER_SIM_REF_RTL` was set at build time), for
    /// benchmarks that compare before and after in one run. Its register map
    /// is its own; `None` if it was not built.
    pub fn reference() -> Option<Result<Self, SimError>> {
        let b = ffi::BUILT.iter().find(|b| b.reference)?;
        Some(Self::from_built(b, b.params, None))
    }

    fn create(params: Params, trace: Option<PathBuf>, want_fast: bool) -> Result<Self, SimError> {
        let of = |fast: bool| {
            ffi::BUILT.iter().find(|b| b.params == params && b.fast == fast && !b.reference)
        };
        let found = if want_fast { of(true) } else { of(false).or_else(|| of(true)) };
        let built = found.ok_or_else(|| SimError::Unsupported { wanted: params, available: Self::built() })?;
        Self::from_built(built, params, trace)
    }

    fn from_built(built: &ffi::Built, params: Params, trace: Option<PathBuf>) -> Result<Self, SimError> {
        let c_trace = match &trace {
            Some(p) => Some(
                CString::new(p.to_string_lossy().into_owned())
                    .map_err(|_| SimError::Init(format!("bad trace path {}", p.display())))?,
            ),
            None => None,
        };
        let mut err = vec![0u8; 4096];
        let raw = unsafe {
            (built.new)(
                c_trace.as_ref().map_or(std::ptr::null(), |c| c.as_ptr()),
                err.as_mut_ptr().cast(),
                err.len(),
            )
        };
        let sim = NonNull::new(raw).ok_or_else(|| {
            let msg = CStr::from_bytes_until_nul(&err).map(|c| c.to_string_lossy().into_owned());
            SimError::Init(msg.unwrap_or_default())
        })?;
        if let Some(p) = &trace {
            eprintln!("router-sim: tracing {} to {}", fmt_params(&params), p.display());
        }
        let src_mask = if params.nsrc >= 128 { u128::MAX } else { (1u128 << params.nsrc) - 1 };
        let fast = built.fast;
        let mut rtl = RouterRtl { sim, params, fast, src_mask, out: PinsOut::default(), edges: 0, since_reset: 0, last_in: PinsIn::default(), trace };
        rtl.out = rtl.raw_outputs();
        rtl.reset();
        Ok(rtl)
    }

    /// The waveform file this model writes, if any.
    /// Pauses (`false`) or resumes dumping edges to the trace file, so that
    /// a long run can record only a window of interest. No effect without a
    /// trace.
    pub fn set_tracing(&mut self, on: bool) {
        // SAFETY: `sim` is the live model this value owns.
        unsafe { ffi::rs_set_tracing(self.sim.as_ptr(), on as std::os::raw::c_int) }
    }

    pub fn trace_path(&self) -> Option<&Path> {
        self.trace.as_deref()
    }

    /// Rising edges taken since creation, reset edges included.
    pub fn edges(&self) -> u64 {
        self.edges
    }

    /// Advances the router's free-running cycle counter by `n`, exactly as
    /// `n` edges with the current inputs would, without evaluating them:
    /// the co-simulation with QEMU (host-tools/router-bridge) skips idle
    /// stretches of guest time this way, since one evaluated edge costs
    /// ~4 µs and a guest second holds 10^8 of them.
    ///
    /// Only exact when such edges would change nothing but the counter:
    /// the inputs (sources and AXI channels) must have been held unchanged
    /// for [`SETTLE_EDGES`] evaluated edges, with no transaction in flight
    /// (spec: every effect of an input shows within two edges).
    /// `tests/skip_idle.rs` checks this against evaluated edges. Counted in
    /// [`RouterRtl::edges`]; the trace shows a jump of time and of the
    /// counter. The edges of the histogram sweep after reset (spec §10: one
    /// counter zeroed per edge, STATS = 1) are not idle: those are evaluated
    /// with the last inputs, and only the rest is skipped.
    pub fn skip_idle(&mut self, n: u64) {
        let sweep = if self.params.stats {
            // 2·NCPU pages × 16 buckets, and the edge that records "done".
            2 * self.params.ncpu as u64 * 16 + 1
        } else {
            0
        };
        let eval = n.min(sweep.saturating_sub(self.since_reset));
        let inp = self.last_in;
        for _ in 0..eval {
            self.step_rst(&inp, true);
        }
        let rest = n - eval;
        // SAFETY: `sim` is the live model this value owns.
        unsafe { ffi::rs_skip_idle(self.sim.as_ptr(), rest) }
        self.edges += rest;
        self.since_reset += rest;
    }

    /// One edge with an explicit `rst_n` level (e.g. a reset longer than one
    /// edge, or a reset with sources high).
    pub fn step_rst(&mut self, inp: &PinsIn, rst_n: bool) -> PinsOut {
        let s = inp.src & self.src_mask;
        let raw = ffi::RawIn {
            src: [s as u32, (s >> 32) as u32, (s >> 64) as u32, (s >> 96) as u32],
            awaddr: inp.awaddr & 0x1_FFFF,
            wdata: inp.wdata,
            araddr: inp.araddr & 0x1_FFFF,
            rst_n: rst_n as u8,
            awprot: inp.awprot & 7,
            awvalid: inp.awvalid as u8,
            wstrb: inp.wstrb & 0xF,
            wvalid: inp.wvalid as u8,
            bready: inp.bready as u8,
            arprot: inp.arprot & 7,
            arvalid: inp.arvalid as u8,
            rready: inp.rready as u8,
            pad: [0; 3],
        };
        let mut out = ffi::RawOut::default();
        let rc = unsafe { ffi::rs_step(self.sim.as_ptr(), &raw, &mut out) };
        self.edges += 1;
        self.since_reset = if rst_n { self.since_reset + 1 } else { 0 };
        self.last_in = *inp;
        if rc != 0 {
            let msg = unsafe { CStr::from_ptr(ffi::rs_error(self.sim.as_ptr())) }
                .to_string_lossy()
                .into_owned();
            unsafe { ffi::rs_clear_error(self.sim.as_ptr()) };
            panic!(
                "RTL error at edge {} ({}), inputs {:x?}:\n{}",
                self.edges,
                fmt_params(&self.params),
                inp,
                msg.trim_end()
            );
        }
        self.out = convert(&out);
        self.out
    }

    fn raw_outputs(&self) -> PinsOut {
        let mut out = ffi::RawOut::default();
        unsafe { ffi::rs_outputs(self.sim.as_ptr(), &mut out) };
        convert(&out)
    }
}

fn convert(o: &ffi::RawOut) -> PinsOut {
    PinsOut {
        irq_oob: o.irq_oob,
        irq_inb: o.irq_inb,
        awready: o.awready != 0,
        wready: o.wready != 0,
        bvalid: o.bvalid != 0,
        bresp: o.bresp,
        arready: o.arready != 0,
        rvalid: o.rvalid != 0,
        rdata: o.rdata,
        rresp: o.rresp,
    }
}

/// `ROUTER_TRACE` path for the n-th model of the process: the path itself for
/// the first, `stem.n.ext` after; the extension is forced to the built format.
fn numbered_trace_path(p: &Path) -> PathBuf {
    let n = TRACE_COUNT.fetch_add(1, Ordering::Relaxed);
    let ext_ok = p.extension().is_some_and(|e| e.eq_ignore_ascii_case(TRACE_EXT));
    if !ext_ok {
        eprintln!(
            "router-sim: this build writes .{TRACE_EXT} traces (FST needs the `fst` feature); \
             ROUTER_TRACE={} gets a .{TRACE_EXT} extension",
            p.display()
        );
    }
    let stem = if ext_ok { p.with_extension("") } else { p.to_path_buf() };
    if n == 0 {
        stem.with_extension(TRACE_EXT)
    } else {
        let mut s = stem.into_os_string();
        s.push(format!(".{n}.{TRACE_EXT}"));
        PathBuf::from(s)
    }
}

impl RouterPins for RouterRtl {
    fn params(&self) -> Params {
        self.params
    }

    fn reset(&mut self) {
        self.step_rst(&PinsIn::default(), false);
    }

    fn step(&mut self, inp: &PinsIn) -> PinsOut {
        self.step_rst(inp, true)
    }

    fn outputs(&self) -> PinsOut {
        self.out
    }
}

impl Drop for RouterRtl {
    fn drop(&mut self) {
        // Runs final blocks, then flushes and closes the trace file.
        unsafe { ffi::rs_free(self.sim.as_ptr()) };
    }
}

impl std::fmt::Debug for RouterRtl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RouterRtl")
            .field("params", &self.params)
            .field("fast", &self.fast)
            .field("edges", &self.edges)
            .field("trace", &self.trace)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ffi_layouts_match_the_wrapper() {
        assert_eq!(unsafe { ffi::rs_in_size() }, std::mem::size_of::<ffi::RawIn>());
        assert_eq!(unsafe { ffi::rs_out_size() }, std::mem::size_of::<ffi::RawOut>());
    }

    #[test]
    fn unsupported_params_name_the_built_ones() {
        let p = Params::new(9, 1, 1, 8);
        let e = RouterRtl::new(p).unwrap_err();
        let text = e.to_string();
        let first = fmt_params(&RouterRtl::built()[0]);
        assert!(text.contains("NSRC=9 NCPU=1") && text.contains(&first), "{text}");
        assert!(RouterRtl::fast(Config::C8x1x1).is_err(), "no fast build of 8x1x1");
    }

    #[test]
    fn trace_names_are_numbered() {
        // Only the shape: the counter is shared with other tests.
        let p = numbered_trace_path(Path::new("/tmp/x.vcd"));
        let s = p.to_string_lossy();
        assert!(s.ends_with(&format!(".{TRACE_EXT}")), "{s}");
    }
}
