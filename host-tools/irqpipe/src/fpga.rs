//! `bit load`: programming the PL from Linux, through the FPGA manager's
//! sysfs interface or a configfs device-tree overlay.
//!
//! Both paths follow the kernel's own interfaces, rooted at directories
//! that the caller chooses (`--sysfs-root`, `--configfs-root`,
//! `--firmware-dir`), so tests can run the whole path against a directory
//! tree that behaves like the kernel's:
//!
//! - FPGA manager (Xilinx kernels; mainline has no `firmware` attribute):
//!   the `.bin` goes to the firmware directory, `flags` gets 0 (full
//!   reconfiguration) or 1 (partial, `FPGA_MGR_PARTIAL_RECONFIG`), the file
//!   name is written to `firmware`, and `state` is polled until it reads
//!   `operating` or one of the manager's error states (the state names of
//!   `drivers/fpga/fpga-mgr.c`: `write init error`, `write error`, ...).
//! - Overlay (`CONFIG_OF_CONFIGFS`, Xilinx kernels): a directory under
//!   `device-tree/overlays/`, the `.dtbo` written to its `dtbo` attribute;
//!   the overlay's fpga-region `firmware-name` makes the kernel load the
//!   `.bin`; `status` must read `applied`, and the manager's state (when a
//!   manager is visible) must end in `operating`.
//!
//! A failed load removes what it added (the overlay directory, a firmware
//! file it installed) and puts back a firmware file it replaced, byte for
//! byte, so that nothing is left half-done. An existing, different firmware
//! file is replaced only when the caller allows it (`--force`).

use std::fmt;
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::atomic::{Backup, Existing};
use crate::bitfile::{self, BitError};
use crate::boards::Board;

/// How to load.
#[derive(Clone, Debug)]
pub enum Method {
    /// Write the firmware name to the FPGA manager's `firmware` attribute.
    Manager,
    /// Apply this compiled overlay (.dtbo) through configfs.
    Overlay { dtbo: PathBuf },
}

/// Where the kernel interfaces are and how long to wait.
#[derive(Clone, Debug)]
pub struct LoadOptions {
    /// The sysfs mount (`/sys`).
    pub sysfs_root: PathBuf,
    /// The configfs mount (`/sys/kernel/config`).
    pub configfs_root: PathBuf,
    /// Where the kernel's firmware loader looks (`/lib/firmware`).
    pub firmware_dir: PathBuf,
    /// The manager under `class/fpga_manager/` (`fpga0`).
    pub manager: String,
    /// File name of the `.bin` in the firmware directory.
    pub firmware_name: String,
    /// Name of the overlay directory in configfs.
    pub overlay_name: String,
    pub partial: bool,
    pub timeout: Duration,
    pub method: Method,
    /// Replace a firmware file of the same name whose content differs.
    pub replace_firmware: bool,
}

/// The outcome of a successful load.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadReport {
    pub part: String,
    pub firmware: PathBuf,
    /// The manager's final state (`operating`), if a manager is visible.
    pub state: Option<String>,
    /// The overlay's final status (`applied`) for an overlay load.
    pub overlay_status: Option<String>,
    /// The manager's `name` (e.g. "Xilinx ZynqMP FPGA Manager"), if visible.
    pub manager_name: Option<String>,
}

#[derive(Debug)]
pub enum LoadError {
    Bit(BitError),
    WrongPart {
        part: String,
        board: &'static str,
        expected: &'static str,
    },
    NoManager {
        path: PathBuf,
    },
    NoFirmwareAttribute {
        path: PathBuf,
    },
    NoOverlaySupport {
        path: PathBuf,
    },
    OverlayMissesFirmware {
        dtbo: PathBuf,
        firmware: String,
    },
    ErrorState {
        state: String,
    },
    NotApplied {
        status: String,
    },
    Timeout {
        state: String,
        waited: Duration,
    },
    Permission {
        path: PathBuf,
    },
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// A different firmware file of that name exists and replacing it was
    /// not allowed.
    FirmwareExists {
        path: PathBuf,
    },
    /// The load failed and the previous firmware file could not be put
    /// back; it waits at `saved`.
    NotRestored {
        cause: Box<LoadError>,
        path: PathBuf,
        saved: PathBuf,
        source: std::io::Error,
    },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Bit(e) => e.fmt(f),
            LoadError::WrongPart { part, board, expected } => write!(
                f,
                "the bitstream is for {part}, but {board} has a {expected}; refusing to load it"
            ),
            LoadError::NoManager { path } => write!(
                f,
                "no FPGA manager at {} (is CONFIG_FPGA_MGR_ZYNQMP_FPGA enabled and the driver bound?)",
                path.display()
            ),
            LoadError::NoFirmwareAttribute { path } => write!(
                f,
                "{} does not exist: this kernel's FPGA manager cannot load by name (mainline lacks it); use --overlay",
                path.display()
            ),
            LoadError::NoOverlaySupport { path } => write!(
                f,
                "no configfs overlay support at {} (needs CONFIG_OF_CONFIGFS and configfs mounted)",
                path.display()
            ),
            LoadError::OverlayMissesFirmware { dtbo, firmware } => write!(
                f,
                "{} does not name firmware \"{firmware}\" (its fpga-region's firmware-name must match --firmware-name)",
                dtbo.display()
            ),
            LoadError::ErrorState { state } => {
                write!(f, "the FPGA manager ended in state \"{state}\": the PL is not programmed")
            }
            LoadError::NotApplied { status } => write!(
                f,
                "the overlay was not applied (status \"{status}\"); it has been removed"
            ),
            LoadError::Timeout { state, waited } => write!(
                f,
                "the FPGA manager was still in state \"{state}\" after {:.1} s",
                waited.as_secs_f64()
            ),
            LoadError::Permission { path } => {
                write!(f, "permission denied on {} (run as root)", path.display())
            }
            LoadError::Io { path, source } => write!(f, "{}: {source}", path.display()),
            LoadError::FirmwareExists { path } => write!(
                f,
                "{} exists and differs from this bitstream's .bin; pass --force to replace it \
                 (it is put back if the load fails)",
                path.display()
            ),
            LoadError::NotRestored {
                cause,
                path,
                saved,
                source,
            } => write!(
                f,
                "{cause}; and the previous {} could not be put back ({source}): it is in {}",
                path.display(),
                saved.display()
            ),
        }
    }
}

impl std::error::Error for LoadError {}

impl LoadError {
    pub fn exit_code(&self) -> u8 {
        use crate::exit;
        match self {
            LoadError::Bit(e) => crate::cli_errors::bit_exit_code(e),
            LoadError::WrongPart { .. } => exit::WRONG_PART,
            LoadError::NoManager { .. }
            | LoadError::NoFirmwareAttribute { .. }
            | LoadError::NoOverlaySupport { .. } => exit::NO_FPGA_MANAGER,
            LoadError::OverlayMissesFirmware { .. } => exit::USAGE,
            LoadError::ErrorState { .. } | LoadError::NotApplied { .. } => exit::FPGA_ERROR,
            LoadError::Timeout { .. } => exit::FPGA_TIMEOUT,
            LoadError::Permission { .. } => exit::PERMISSION,
            LoadError::Io { .. } => exit::IO,
            LoadError::FirmwareExists { .. } => exit::USAGE,
            LoadError::NotRestored { cause, .. } => cause.exit_code(),
        }
    }
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> LoadError + '_ {
    move |source| {
        if source.kind() == ErrorKind::PermissionDenied {
            LoadError::Permission {
                path: path.to_path_buf(),
            }
        } else {
            LoadError::Io {
                path: path.to_path_buf(),
                source,
            }
        }
    }
}

/// Writes a sysfs/configfs attribute that must already exist (the kernel
/// creates attributes; we never create one).
fn write_attr(path: &Path, value: &[u8]) -> Result<(), LoadError> {
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .truncate(true)
        .open(path)
        .map_err(io_err(path))?;
    f.write_all(value).map_err(io_err(path))
}

fn read_attr(path: &Path) -> Result<String, LoadError> {
    std::fs::read_to_string(path)
        .map(|s| s.trim().to_string())
        .map_err(io_err(path))
}

/// Reads and checks the bitstream for `board` before anything on the system
/// is touched, and returns it converted to `.bin`.
pub fn prepare(bit: &[u8], board: &Board) -> Result<(String, Vec<u8>), LoadError> {
    let file = bitfile::parse(bit).map_err(LoadError::Bit)?;
    if file.header.device() != board.device {
        return Err(LoadError::WrongPart {
            part: file.header.part.clone(),
            board: board.name,
            expected: board.device,
        });
    }
    Ok((file.header.part.clone(), bitfile::to_zynqmp_bin(&file)))
}

/// The manager's directory.
pub fn manager_dir(opts: &LoadOptions) -> PathBuf {
    opts.sysfs_root
        .join("class/fpga_manager")
        .join(&opts.manager)
}

/// Callbacks for progress display, so the library does not draw anything.
pub trait Progress {
    fn installing(&mut self, _total: u64) {}
    fn installed_bytes(&mut self, _n: u64) {}
    fn waiting(&mut self, _state: &str) {}
}

/// No progress display.
pub struct Quiet;
impl Progress for Quiet {}

/// Loads `bit` onto `board` as `opts` says.
pub fn load(
    bit: &[u8],
    board: &Board,
    opts: &LoadOptions,
    progress: &mut dyn Progress,
) -> Result<LoadReport, LoadError> {
    let (part, bin) = prepare(bit, board)?;
    let mgr = manager_dir(opts);
    let have_manager = mgr.is_dir();
    let overlays = opts.configfs_root.join("device-tree/overlays");
    let dtbo = match &opts.method {
        Method::Manager => {
            if !have_manager {
                return Err(LoadError::NoManager { path: mgr });
            }
            if !mgr.join("firmware").exists() {
                return Err(LoadError::NoFirmwareAttribute {
                    path: mgr.join("firmware"),
                });
            }
            None
        }
        Method::Overlay { dtbo } => {
            if !overlays.is_dir() {
                return Err(LoadError::NoOverlaySupport { path: overlays });
            }
            let bytes = std::fs::read(dtbo).map_err(io_err(dtbo))?;
            if !names_firmware(&bytes, &opts.firmware_name) {
                return Err(LoadError::OverlayMissesFirmware {
                    dtbo: dtbo.clone(),
                    firmware: opts.firmware_name.clone(),
                });
            }
            Some(bytes)
        }
    };

    let firmware = opts.firmware_dir.join(&opts.firmware_name);
    match std::fs::read(&firmware) {
        Ok(old) if old != bin && !opts.replace_firmware => {
            return Err(LoadError::FirmwareExists { path: firmware });
        }
        Ok(_) => {}
        Err(e) if e.kind() == ErrorKind::NotFound => {}
        Err(e) => return Err(io_err(&firmware)(e)),
    }
    let previous = Backup::take(&firmware).map_err(io_err(&firmware))?;
    progress.installing(bin.len() as u64);
    let result = crate::atomic::write_file(&firmware, &bin, Existing::Replace, |n| {
        progress.installed_bytes(n)
    })
    .map_err(io_err(&firmware))
    .and_then(|()| match dtbo {
        None => load_by_manager(opts, &mgr, progress).map(|state| (Some(state), None)),
        Some(bytes) => load_by_overlay(
            opts,
            &overlays,
            &bytes,
            have_manager.then_some(&mgr),
            progress,
        ),
    });
    match result {
        Ok((state, overlay_status)) => {
            previous.discard();
            Ok(LoadReport {
                part,
                firmware,
                state,
                overlay_status,
                manager_name: read_attr(&mgr.join("name")).ok(),
            })
        }
        Err(cause) => {
            let saved = previous.saved_at().map(Path::to_path_buf);
            match (previous.restore(), saved) {
                (Err(source), Some(saved)) => Err(LoadError::NotRestored {
                    cause: Box::new(cause),
                    path: firmware,
                    saved,
                    source,
                }),
                _ => Err(cause),
            }
        }
    }
}

fn load_by_manager(
    opts: &LoadOptions,
    mgr: &Path,
    progress: &mut dyn Progress,
) -> Result<String, LoadError> {
    let flags = if opts.partial { "1" } else { "0" };
    write_attr(&mgr.join("flags"), flags.as_bytes())?;
    write_attr(&mgr.join("firmware"), opts.firmware_name.as_bytes())?;
    wait_operating(mgr, opts.timeout, progress)
}

/// Polls `state` until `operating`, an error state, or the timeout.
fn wait_operating(
    mgr: &Path,
    timeout: Duration,
    progress: &mut dyn Progress,
) -> Result<String, LoadError> {
    let start = Instant::now();
    let path = mgr.join("state");
    loop {
        let state = read_attr(&path)?;
        progress.waiting(&state);
        if state == "operating" {
            return Ok(state);
        }
        if state.ends_with("error") {
            return Err(LoadError::ErrorState { state });
        }
        if start.elapsed() >= timeout {
            return Err(LoadError::Timeout {
                state,
                waited: start.elapsed(),
            });
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

type OverlayOutcome = (Option<String>, Option<String>);

fn load_by_overlay(
    opts: &LoadOptions,
    overlays: &Path,
    dtbo: &[u8],
    mgr: Option<&PathBuf>,
    progress: &mut dyn Progress,
) -> Result<OverlayOutcome, LoadError> {
    let dir = overlays.join(&opts.overlay_name);
    std::fs::create_dir(&dir).map_err(io_err(&dir))?;
    let applied = apply_overlay(opts, &dir, dtbo, mgr, progress);
    if applied.is_err() {
        // configfs removes the overlay (and its attributes) on rmdir; a plain
        // directory in a test tree needs its files removed first.
        if std::fs::remove_dir(&dir).is_err() {
            let _ = std::fs::remove_dir_all(&dir);
        }
    }
    applied
}

fn apply_overlay(
    opts: &LoadOptions,
    dir: &Path,
    dtbo: &[u8],
    mgr: Option<&PathBuf>,
    progress: &mut dyn Progress,
) -> Result<OverlayOutcome, LoadError> {
    // configfs creates the attributes with the directory; wait briefly for
    // them (immediate on a real kernel).
    let attr = dir.join("dtbo");
    let start = Instant::now();
    while !attr.exists() {
        if start.elapsed() >= opts.timeout {
            return Err(LoadError::NoOverlaySupport { path: attr });
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let status_path = dir.join("status");
    // A manager error explains a failed overlay better than its status.
    let manager_error = || -> Option<LoadError> {
        let state = read_attr(&mgr?.join("state")).ok()?;
        state
            .ends_with("error")
            .then_some(LoadError::ErrorState { state })
    };
    if let Err(e) = write_attr(&attr, dtbo) {
        // The kernel applies the overlay inside this write and fails it
        // when the apply (and so the PL load) fails.
        if let LoadError::Io { source, .. } = &e {
            if let Some(m) = manager_error() {
                return Err(m);
            }
            let status = read_attr(&status_path).unwrap_or_default();
            return Err(LoadError::NotApplied {
                status: format!("{status}; the kernel said: {source}"),
            });
        }
        return Err(e);
    }
    let status = loop {
        let s = read_attr(&status_path)?;
        progress.waiting(&format!("overlay {s}"));
        if s == "applied" {
            break s;
        }
        if let Some(m) = manager_error() {
            return Err(m);
        }
        if start.elapsed() >= opts.timeout {
            break s;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    if status != "applied" {
        return Err(LoadError::NotApplied { status });
    }
    let state = match mgr {
        Some(m) => Some(wait_operating(m, opts.timeout, progress)?),
        None => None,
    };
    Ok((state, Some(status)))
}

/// True if a flattened device tree blob contains `firmware-name` and the
/// string `name` (a cheap check that the overlay loads this file; a full
/// FDT parse would add nothing the kernel will not check itself).
pub fn names_firmware(dtb: &[u8], name: &str) -> bool {
    let contains = |needle: &[u8]| dtb.windows(needle.len()).any(|w| w == needle);
    let mut quoted = name.as_bytes().to_vec();
    quoted.push(0);
    contains(b"firmware-name\0") && contains(&quoted)
}
