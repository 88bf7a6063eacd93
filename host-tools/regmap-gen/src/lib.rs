//! Register-map generator: one SVD file in, every derived artefact out.
//!
//! `hdl/regmap/irq_router.svd` is the only place where offsets and field
//! positions are written by hand. [`generate_all`] turns it into
//!
//! - `hdl/rtl/irq_router_regs_pkg.sv` (SystemVerilog `localparam`s, [`sv`]),
//! - `linux-glue/include/irq_router_regs.h` (C header, [`c_header`]),
//! - `hdl/doc/registers.md` (register tables, [`doc`]),
//! - `hdl/regmap/layout/src/layout.rs` (crate `irq-router-layout`: the same
//!   constants as plain Rust `u32`s, [`rust_consts`]) for code that reaches
//!   the registers through something other than a pointer: the firmware's
//!   register-access trait and the test benches,
//! - `firmware/router-pac/src/*.rs` (svd2rust PAC, [`pac`]).
//!
//! Output is deterministic: the same SVD gives byte-identical files.
//! The `regmap-gen` binary writes them (or checks them with `--check`), and
//! the crate's tests fail when a committed file is stale.

use std::fmt;
use std::path::{Path, PathBuf};

pub mod c_header;
pub mod doc;
pub mod model;
pub mod pac;
pub mod rust_consts;
pub mod sv;

pub use model::RegMap;

/// Path of the SVD relative to the repository root.
pub const SVD_PATH: &str = "hdl/regmap/irq_router.svd";
/// Outputs, relative to the repository root.
pub const SV_PATH: &str = "hdl/rtl/irq_router_regs_pkg.sv";
pub const C_HEADER_PATH: &str = "linux-glue/include/irq_router_regs.h";
pub const DOC_PATH: &str = "hdl/doc/registers.md";
pub const RUST_CONSTS_PATH: &str = "hdl/regmap/layout/src/layout.rs";
/// Directory owned entirely by the generator (every `.rs` file in it).
pub const PAC_SRC_DIR: &str = "firmware/router-pac/src";

/// The command that regenerates everything, quoted in headers and errors.
pub const REGEN_COMMAND: &str = "cargo run -p regmap-gen";

/// One generated file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Relative to the repository root.
    pub path: PathBuf,
    pub contents: String,
}

/// Everything that can go wrong; every variant carries a readable message.
#[derive(Debug)]
pub enum Error {
    /// A file could not be read or written.
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The SVD is not well-formed XML or not valid CMSIS-SVD.
    Parse(String),
    /// The SVD parses but breaks a rule the outputs rely on (overlap,
    /// alignment, unsupported construct, name collision, ...).
    Invalid(String),
    /// svd2rust rejected the SVD or its output did not parse.
    Pac(String),
    /// rustfmt could not be run or failed.
    Format(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { path, source } => write!(f, "{}: {source}", path.display()),
            Error::Parse(m) => write!(f, "cannot parse the SVD: {m}"),
            Error::Invalid(m) => write!(f, "invalid register map: {m}"),
            Error::Pac(m) => write!(f, "cannot generate the PAC: {m}"),
            Error::Format(m) => write!(f, "cannot format the PAC: {m}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

fn read(path: &Path) -> Result<String, Error> {
    std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// Reads, parses and validates an SVD file.
pub fn load(svd_path: &Path) -> Result<RegMap, Error> {
    RegMap::from_svd(&read(svd_path)?, &svd_path.display().to_string())
}

/// Generates every output from the SVD at `svd_path`. Paths in the result
/// are relative to the repository root.
pub fn generate_all(svd_path: &Path) -> Result<Vec<GeneratedFile>, Error> {
    let text = read(svd_path)?;
    let map = RegMap::from_svd(&text, &svd_path.display().to_string())?;
    let scopes = names::scopes(&map)?;
    let mut out = vec![
        GeneratedFile {
            path: SV_PATH.into(),
            contents: sv::generate(&map, &scopes)?,
        },
        GeneratedFile {
            path: C_HEADER_PATH.into(),
            contents: c_header::generate(&map, &scopes)?,
        },
        GeneratedFile {
            path: DOC_PATH.into(),
            contents: doc::generate(&map),
        },
        GeneratedFile {
            path: RUST_CONSTS_PATH.into(),
            contents: rust_consts::generate(&map, &scopes)?,
        },
    ];
    // rustfmt looks for a config from the SVD's directory upwards, as
    // `cargo fmt` would from the PAC's.
    let fmt_dir = svd_path.parent().unwrap_or(Path::new("."));
    for (name, contents) in pac::generate(&text, &map, fmt_dir)? {
        out.push(GeneratedFile {
            path: Path::new(PAC_SRC_DIR).join(name),
            contents,
        });
    }
    Ok(out)
}

/// Differences between generated files and a tree rooted at `root`.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Staleness {
    /// Generated files that are missing or differ on disk.
    pub stale: Vec<PathBuf>,
    /// Files in a generator-owned directory that the generator no longer
    /// produces.
    pub extra: Vec<PathBuf>,
}

impl Staleness {
    pub fn is_clean(&self) -> bool {
        self.stale.is_empty() && self.extra.is_empty()
    }
}

impl fmt::Display for Staleness {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for p in &self.stale {
            writeln!(f, "  stale:    {}", p.display())?;
        }
        for p in &self.extra {
            writeln!(f, "  leftover: {} (no longer generated)", p.display())?;
        }
        write!(f, "regenerate with `{REGEN_COMMAND}` and commit the result")
    }
}

/// `.rs` files under the generator-owned PAC directory, relative to `root`.
fn owned_files(root: &Path) -> Result<Vec<PathBuf>, Error> {
    let mut out = Vec::new();
    let mut todo = vec![PathBuf::from(PAC_SRC_DIR)];
    while let Some(dir) = todo.pop() {
        let abs = root.join(&dir);
        let entries = match std::fs::read_dir(&abs) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(source) => return Err(Error::Io { path: abs, source }),
        };
        for entry in entries {
            let entry = entry.map_err(|source| Error::Io {
                path: abs.clone(),
                source,
            })?;
            let rel = dir.join(entry.file_name());
            if entry.path().is_dir() {
                todo.push(rel);
            } else if rel.extension().is_some_and(|e| e == "rs") {
                out.push(rel);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Compares `files` with what is on disk under `root`.
pub fn check(root: &Path, files: &[GeneratedFile]) -> Result<Staleness, Error> {
    let mut s = Staleness::default();
    for f in files {
        let on_disk = std::fs::read_to_string(root.join(&f.path)).ok();
        if on_disk.as_deref() != Some(f.contents.as_str()) {
            s.stale.push(f.path.clone());
        }
    }
    for p in owned_files(root)? {
        if !files.iter().any(|f| f.path == p) {
            s.extra.push(p);
        }
    }
    Ok(s)
}

/// Writes `files` under `root` (only those that changed) and removes
/// leftover files from generator-owned directories. Returns what changed.
pub fn write(root: &Path, files: &[GeneratedFile]) -> Result<Staleness, Error> {
    write_with(root, files, |path, bytes| std::fs::write(path, bytes))
}

/// [`write`], storing each file through `store` (irqpipe's `gen` passes
/// its temp-file-and-rename writer, so an interrupted run leaves no half
/// file).
pub fn write_with(
    root: &Path,
    files: &[GeneratedFile],
    mut store: impl FnMut(&Path, &[u8]) -> std::io::Result<()>,
) -> Result<Staleness, Error> {
    let s = check(root, files)?;
    for p in &s.stale {
        let f = files
            .iter()
            .find(|f| &f.path == p)
            .expect("stale file is generated");
        let abs = root.join(p);
        if let Some(dir) = abs.parent() {
            std::fs::create_dir_all(dir).map_err(|source| Error::Io {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        store(&abs, f.contents.as_bytes()).map_err(|source| Error::Io { path: abs, source })?;
    }
    for p in &s.extra {
        let abs = root.join(p);
        std::fs::remove_file(&abs).map_err(|source| Error::Io { path: abs, source })?;
    }
    Ok(s)
}

/// The mechanical naming scheme shared by the SV package and the C header.
pub mod names {
    use super::model::{Cluster, RegMap, Register};
    use super::Error;

    /// A set of registers that share a constant prefix: the registers placed
    /// directly in a peripheral (prefix = peripheral name) or those of a
    /// cluster (prefix = cluster name, emitted once even if several
    /// peripherals contain it, e.g. through `derivedFrom`).
    pub struct Scope<'a> {
        pub prefix: String,
        /// Peripherals that hold these registers.
        pub peripherals: Vec<String>,
        pub cluster: Option<&'a Cluster>,
        pub registers: Vec<&'a Register>,
    }

    impl Scope<'_> {
        /// Where the registers live, for comments: `GLOBAL`, `INBAND/OOB PAGE[c]`.
        pub fn location(&self) -> String {
            let periphs = self.peripherals.join("/");
            match self.cluster {
                Some(c) if c.array.is_some() => format!("{periphs} {}[c]", c.name),
                Some(c) => format!("{periphs} {}", c.name),
                None => periphs,
            }
        }
    }

    pub fn scopes(map: &RegMap) -> Result<Vec<Scope<'_>>, Error> {
        let mut out: Vec<Scope<'_>> = Vec::new();
        for p in &map.peripherals {
            let direct: Vec<&Register> = p.registers().collect();
            if !direct.is_empty() {
                if out.iter().any(|s| s.prefix == p.name) {
                    return Err(Error::Invalid(format!(
                        "constant prefix {} is used twice (peripheral and cluster names must be distinct)",
                        p.name
                    )));
                }
                // Derived peripherals share their base's constants.
                if p.derived_from.is_none() {
                    out.push(Scope {
                        prefix: p.name.clone(),
                        peripherals: vec![p.name.clone()],
                        cluster: None,
                        registers: direct,
                    });
                }
            }
            for c in p.clusters() {
                if c.offset != 0 {
                    return Err(Error::Invalid(format!(
                        "cluster {}.{} starts at offset {:#x}; the naming scheme needs clusters at offset 0",
                        p.name, c.name, c.offset
                    )));
                }
                if let Some(s) = out.iter_mut().find(|s| s.prefix == c.name) {
                    if s.cluster != Some(c) {
                        return Err(Error::Invalid(format!(
                            "two different clusters named {} (their constants would collide)",
                            c.name
                        )));
                    }
                    s.peripherals.push(p.name.clone());
                    continue;
                }
                out.push(Scope {
                    prefix: c.name.clone(),
                    peripherals: vec![p.name.clone()],
                    cluster: Some(c),
                    registers: c.registers.iter().collect(),
                });
            }
        }
        Ok(out)
    }

    /// Fails on a name produced twice.
    pub fn unique(names: impl IntoIterator<Item = String>) -> Result<(), Error> {
        let mut seen = std::collections::BTreeSet::new();
        for n in names {
            if !seen.insert(n.clone()) {
                return Err(Error::Invalid(format!(
                    "the constant name {n} is generated twice; rename a register or field"
                )));
            }
        }
        Ok(())
    }
}
