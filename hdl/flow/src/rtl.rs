//! The RTL sources and parameter sets.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::{FlowError, Result};

/// Top module.
pub const TOP: &str = "irq_router";
/// Generated register package (from the SVD by `cargo run -p regmap-gen`);
/// listed first because every other file refers to it.
pub const REGS_PKG: &str = "irq_router_regs_pkg.sv";
/// Properties, `include`d by the top module under `ifdef FORMAL`.
pub const PROPS: &str = "irq_router_props.svh";

/// Repository root (this crate lives in `hdl/flow`).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap_or_else(|_| Path::new(env!("CARGO_MANIFEST_DIR")).join("../.."))
}

/// `hdl/rtl`.
pub fn rtl_dir() -> PathBuf {
    repo_root().join("hdl/rtl")
}

/// The files of one RTL directory, in compilation order: the register
/// package, then every other `*.sv` sorted by name. The directory is also the
/// include directory (for `irq_router_props.svh`).
#[derive(Clone, Debug)]
pub struct RtlSources {
    pub dir: PathBuf,
    pub files: Vec<PathBuf>,
}

impl RtlSources {
    /// The project's RTL (`hdl/rtl`).
    pub fn project() -> Result<Self> {
        Self::from_dir(&rtl_dir())
    }

    /// The RTL in `dir` (the project's or a mutated copy).
    pub fn from_dir(dir: &Path) -> Result<Self> {
        let pkg = dir.join(REGS_PKG);
        if !pkg.is_file() {
            return Err(FlowError::Rtl(format!(
                "{} is missing; generate it from the SVD with `cargo run -p regmap-gen`",
                pkg.display()
            )));
        }
        let mut others = Vec::new();
        let entries = std::fs::read_dir(dir)
            .map_err(|e| FlowError::io(format!("list {}", dir.display()), e))?;
        for entry in entries {
            let entry = entry.map_err(|e| FlowError::io(format!("list {}", dir.display()), e))?;
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.ends_with(".sv") && name != REGS_PKG && path.is_file() {
                others.push(path);
            }
        }
        others.sort();
        if !others
            .iter()
            .any(|p| p.file_name().is_some_and(|n| n == "irq_router.sv"))
        {
            return Err(FlowError::Rtl(format!(
                "no irq_router.sv in {}",
                dir.display()
            )));
        }
        let mut files = vec![pkg];
        files.extend(others);
        Ok(RtlSources {
            dir: dir.to_path_buf(),
            files,
        })
    }
}

/// One parameter set of the router (spec §1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Params {
    pub nsrc: u32,
    pub ncpu: u32,
    pub nipi: u32,
    pub tsw: u32,
    /// STATS: latency statistics (1) or none (0).
    pub stats: u32,
    /// OVRW: overrun counter width, 8 or 1 (sticky bits).
    pub ovrw: u32,
}

impl Params {
    /// The RTL's defaults: 32 sources, 4 CPUs, 8 IPIs, 16-bit timestamps,
    /// full features.
    pub const DEFAULT: Params = Params::new(32, 4, 8, 16);
    /// The configuration of the formal proofs (see hdl/formal/README.md).
    pub const FORMAL: Params = Params::new(8, 2, 2, 8);

    /// A size in the full configuration (STATS = 1, OVRW = 8).
    pub const fn new(nsrc: u32, ncpu: u32, nipi: u32, tsw: u32) -> Self {
        Params {
            nsrc,
            ncpu,
            nipi,
            tsw,
            stats: 1,
            ovrw: 8,
        }
    }

    /// The same size in the lean configuration (STATS = 0, OVRW = 1).
    pub const fn lean(self) -> Self {
        Params {
            stats: 0,
            ovrw: 1,
            ..self
        }
    }

    /// Name/value pairs as the RTL spells the parameters.
    pub fn pairs(&self) -> [(&'static str, u32); 6] {
        [
            ("NSRC", self.nsrc),
            ("NCPU", self.ncpu),
            ("NIPI", self.nipi),
            ("TSW", self.tsw),
            ("STATS", self.stats),
            ("OVRW", self.ovrw),
        ]
    }

    /// `-set NAME VALUE ...` for Yosys' `chparam` command, which the scripts
    /// run before `hierarchy` (Yosys 0.23's `hierarchy -chparam` fails an
    /// internal assertion on this design: it derives a submodule twice).
    pub fn yosys_chparam(&self) -> String {
        self.pairs()
            .iter()
            .map(|(n, v)| format!("-set {n} {v}"))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// `-GNAME=VALUE ...` for Verilator.
    pub fn verilator_args(&self) -> Vec<String> {
        self.pairs()
            .iter()
            .map(|(n, v)| format!("-G{n}={v}"))
            .collect()
    }
}

impl fmt::Display for Params {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "NSRC={} NCPU={} NIPI={} TSW={}",
            self.nsrc, self.ncpu, self.nipi, self.tsw
        )?;
        match (self.stats, self.ovrw) {
            (1, 8) => write!(f, " full"),
            (0, 1) => write!(f, " lean"),
            (s, w) => write!(f, " STATS={s} OVRW={w}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn package_comes_first() {
        let src = RtlSources::project().unwrap();
        assert!(src.files[0].ends_with(REGS_PKG));
        assert!(src.files[1..].iter().all(|f| !f.ends_with(REGS_PKG)));
        assert!(src.files.iter().any(|f| f.ends_with("irq_router.sv")));
        assert!(src
            .files
            .iter()
            .all(|f| f.extension().is_some_and(|e| e == "sv")));
    }

    #[test]
    fn param_arguments() {
        let p = Params::FORMAL;
        assert_eq!(
            p.yosys_chparam(),
            "-set NSRC 8 -set NCPU 2 -set NIPI 2 -set TSW 8 -set STATS 1 -set OVRW 8"
        );
        assert_eq!(
            p.lean().verilator_args(),
            ["-GNSRC=8", "-GNCPU=2", "-GNIPI=2", "-GTSW=8", "-GSTATS=0", "-GOVRW=1"]
        );
    }
}
