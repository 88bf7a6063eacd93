//! Runs `qemu-system-aarch64` for the system tests: a bounded run (QEMU is
//! always killed at the deadline), each serial port captured to a file, and a
//! clear error when QEMU is not installed.
//!
//! Serial ports go to files rather than pipes so that a binary stream (defmt
//! frames) and text can be kept apart and read after the run, and so that a
//! failing test leaves them behind to look at.

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// The QEMU binary, overridable for unusual installs.
pub fn qemu_binary() -> PathBuf {
    std::env::var_os("QEMU_SYSTEM_AARCH64")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("qemu-system-aarch64"))
}

/// The QEMU with the irq router on its bus: Debian's QEMU 7.2 built with
/// `host-tools/qemu-router` by `scripts/build-qemu.sh`, cached under
/// `~/.cache/zynq-irq-pipeline/qemu-<key>/` (built on the first call of a
/// machine, a few minutes; then found in seconds). `ROUTER_QEMU` names a
/// binary to use instead. Everything else runs Debian's stock QEMU
/// ([`qemu_binary`]); this one is only for runs with `router-socket=`.
pub fn router_qemu() -> Result<PathBuf, QemuError> {
    static PATH: std::sync::OnceLock<Result<PathBuf, String>> = std::sync::OnceLock::new();
    if let Some(p) = std::env::var_os("ROUTER_QEMU") {
        return Ok(PathBuf::from(p));
    }
    let r = PATH.get_or_init(|| {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/build-qemu.sh");
        let out = Command::new("bash")
            .arg(&script)
            .arg("--print-path")
            .stderr(Stdio::inherit())
            .output()
            .map_err(|e| format!("cannot run {}: {e}", script.display()))?;
        let path = String::from_utf8_lossy(&out.stdout).trim().to_string();
        if !out.status.success() || path.is_empty() {
            return Err(format!("{} failed ({}); its messages are above", script.display(), out.status));
        }
        Ok(PathBuf::from(path))
    });
    r.clone().map_err(QemuError::Build)
}

/// What went wrong starting or running QEMU.
#[derive(Debug)]
pub enum QemuError {
    /// QEMU could not be started (not installed, or not executable).
    NotFound { binary: PathBuf, source: std::io::Error },
    /// A file operation around the run failed.
    Io { what: String, source: std::io::Error },
    /// The router QEMU could not be built.
    Build(String),
}

impl fmt::Display for QemuError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QemuError::NotFound { binary, source } => write!(
                f,
                "cannot start {}: {source}; install Debian's qemu-system-arm \
                 (`bash scripts/setup.sh`) or set QEMU_SYSTEM_AARCH64",
                binary.display()
            ),
            QemuError::Io { what, source } => write!(f, "{what}: {source}"),
            QemuError::Build(m) => write!(f, "cannot build the router QEMU: {m}"),
        }
    }
}

impl std::error::Error for QemuError {}

/// How a run ended.
#[derive(Debug)]
pub struct QemuRun {
    /// `None` when QEMU was killed at the deadline.
    pub status: Option<ExitStatus>,
    pub timed_out: bool,
    pub elapsed: Duration,
    /// Captured bytes of each serial port, in `-serial` order.
    pub serial: Vec<Vec<u8>>,
    /// QEMU's own stdout and stderr (monitor disabled; `-d` output lands here).
    pub stdout: String,
    pub stderr: String,
    /// The directory holding the serial files and the command line.
    pub dir: PathBuf,
}

impl QemuRun {
    /// Serial port `n` as (lossy) text.
    pub fn serial_text(&self, n: usize) -> String {
        String::from_utf8_lossy(&self.serial[n]).into_owned()
    }

    /// The exit code, when QEMU exited by itself.
    pub fn code(&self) -> Option<i32> {
        self.status.and_then(|s| s.code())
    }
}

/// A QEMU invocation for the `xlnx-zcu102` machine (or any other, via
/// [`Qemu::machine`]).
#[derive(Debug, Clone)]
pub struct Qemu {
    binary: Option<PathBuf>,
    machine: String,
    args: Vec<String>,
    serials: usize,
    timeout: Duration,
    dir: PathBuf,
}

impl Qemu {
    /// A run of `-M xlnx-zcu102` with no display, no audio, no monitor and
    /// one captured serial port, its files under `dir` (created if needed).
    pub fn zcu102(dir: impl Into<PathBuf>) -> Qemu {
        Qemu {
            binary: None,
            machine: "xlnx-zcu102".into(),
            args: Vec::new(),
            serials: 1,
            timeout: Duration::from_secs(60),
            dir: dir.into(),
        }
    }

    /// Replaces the `-M` value (for example `xlnx-zcu102,secure=on`).
    pub fn machine(mut self, m: &str) -> Qemu {
        self.machine = m.into();
        self
    }

    /// Runs this binary instead of [`qemu_binary`] (e.g. [`router_qemu`]).
    pub fn binary(mut self, path: impl Into<PathBuf>) -> Qemu {
        self.binary = Some(path.into());
        self
    }

    /// The `-M` value.
    pub fn machine_spec(&self) -> &str {
        &self.machine
    }

    /// The run directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Appends raw arguments.
    pub fn args<I, S>(mut self, args: I) -> Qemu
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.args.extend(args.into_iter().map(|a| a.as_ref().to_string()));
        self
    }

    /// Number of serial ports captured (UART0, UART1, ...).
    pub fn serials(mut self, n: usize) -> Qemu {
        self.serials = n;
        self
    }

    pub fn timeout(mut self, t: Duration) -> Qemu {
        self.timeout = t;
        self
    }

    fn command_line(&self) -> Vec<String> {
        let mut v = vec![
            "-M".to_string(),
            self.machine.clone(),
            "-display".into(),
            "none".into(),
            "-monitor".into(),
            "none".into(),
            "-audiodev".into(),
            "none,id=snd0".into(),
        ];
        for n in 0..self.serials {
            v.push("-serial".into());
            v.push(format!("file:{}", self.serial_path(n).display()));
        }
        v.extend(self.args.iter().cloned());
        v
    }

    fn serial_path(&self, n: usize) -> PathBuf {
        serial_file(&self.dir, n)
    }

    /// Prepares the run directory (stale serial captures removed, the
    /// command line recorded in `command.txt`) and starts QEMU with its
    /// stdout and stderr going to `out`.
    fn start(&self, out: fn() -> Stdio) -> Result<Child, QemuError> {
        let io = |what: String| move |source| QemuError::Io { what, source };
        std::fs::create_dir_all(&self.dir).map_err(io(format!("create {}", self.dir.display())))?;
        for n in 0..self.serials {
            // A stale file from an earlier run must not pass for this one's output.
            let _ = std::fs::remove_file(self.serial_path(n));
        }
        let args = self.command_line();
        let binary = self.binary.clone().unwrap_or_else(qemu_binary);
        let shown = format!("{} {}", binary.display(), args.iter().map(|a| shell_quote(a)).collect::<Vec<_>>().join(" "));
        std::fs::write(self.dir.join("command.txt"), &shown)
            .map_err(io(format!("write {}", self.dir.display())))?;
        Command::new(&binary)
            .args(&args)
            .env("QEMU_AUDIO_DRV", "none")
            .stdin(Stdio::null())
            .stdout(out())
            .stderr(out())
            .spawn()
            .map_err(|source| QemuError::NotFound { binary, source })
    }

    /// Runs QEMU to completion or to the deadline, whichever comes first.
    pub fn run(&self) -> Result<QemuRun, QemuError> {
        let io = |what: String| move |source| QemuError::Io { what, source };
        let mut child = self.start(Stdio::piped)?;
        let start = Instant::now();
        let (out, err) = drain(&mut child);
        let (status, timed_out) = loop {
            if let Some(s) = child.try_wait().map_err(io("wait for qemu".into()))? {
                break (Some(s), false);
            }
            if start.elapsed() >= self.timeout {
                let _ = child.kill();
                let _ = child.wait();
                break (None, true);
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        let elapsed = start.elapsed();
        let serial = (0..self.serials)
            .map(|n| std::fs::read(self.serial_path(n)).unwrap_or_default())
            .collect();
        Ok(QemuRun {
            status,
            timed_out,
            elapsed,
            serial,
            stdout: out.join().unwrap_or_default(),
            stderr: err.join().unwrap_or_default(),
            dir: self.dir.clone(),
        })
    }
}

/// A QEMU started by [`Qemu::spawn`] for a caller that talks to it while it
/// runs (e.g. through `-gdb`). Killed when dropped.
pub struct Running {
    child: Child,
    dir: PathBuf,
    serials: usize,
}

impl Running {
    /// What serial port `n` has received so far (lossy text).
    pub fn serial_text(&self, n: usize) -> String {
        assert!(n < self.serials, "serial {n} is not captured");
        String::from_utf8_lossy(&std::fs::read(serial_file(&self.dir, n)).unwrap_or_default())
            .into_owned()
    }

    /// Whether QEMU is still running.
    pub fn is_running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Qemu {
    /// Starts QEMU and returns at once; the caller bounds its own waits and
    /// QEMU is killed when the handle is dropped. QEMU's own output is
    /// discarded (serial ports are captured as with [`Qemu::run`]).
    pub fn spawn(&self) -> Result<Running, QemuError> {
        let child = self.start(Stdio::null)?;
        Ok(Running { child, dir: self.dir.clone(), serials: self.serials })
    }
}

/// `a` as one shell word, so `command.txt` can be pasted into a shell.
fn shell_quote(a: &str) -> String {
    if !a.is_empty() && a.chars().all(|c| c.is_ascii_alphanumeric() || "-_=.,:/+@%".contains(c)) {
        a.to_string()
    } else {
        format!("'{}'", a.replace('\'', "'\\''"))
    }
}

/// Where serial port `n` of a run in `dir` is captured.
fn serial_file(dir: &Path, n: usize) -> PathBuf {
    dir.join(format!("serial{n}.out"))
}

type Reader = std::thread::JoinHandle<String>;

/// Reads QEMU's stdout and stderr on threads so a chatty QEMU cannot block
/// on a full pipe.
fn drain(child: &mut Child) -> (Reader, Reader) {
    fn spawn(mut r: impl Read + Send + 'static) -> Reader {
        std::thread::spawn(move || {
            let mut v = Vec::new();
            let _ = r.read_to_end(&mut v);
            String::from_utf8_lossy(&v).into_owned()
        })
    }
    let out = child.stdout.take().expect("stdout piped");
    let err = child.stderr.take().expect("stderr piped");
    (spawn(out), spawn(err))
}

#[cfg(feature = "bridge")]
pub mod router;

/// A per-test scratch directory under the workspace's `target/`, so that the
/// serial captures of a failed run are easy to find.
pub fn scratch_dir(test: &str) -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/qemu-runs");
    root.join(test)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_qemu_is_a_clear_error() {
        let dir = std::env::temp_dir().join(format!("qemu-run-missing-{}", std::process::id()));
        // Run in-process with an override that cannot exist.
        std::env::set_var("QEMU_SYSTEM_AARCH64", "/nonexistent/qemu-system-aarch64");
        let err = Qemu::zcu102(&dir).run().unwrap_err();
        std::env::remove_var("QEMU_SYSTEM_AARCH64");
        let msg = err.to_string();
        assert!(msg.contains("qemu-system-arm") && msg.contains("/nonexistent"), "{msg}");
    }

    #[test]
    fn recorded_command_lines_quote_what_the_shell_would_split() {
        assert_eq!(shell_quote("-append"), "-append");
        assert_eq!(shell_quote("console=ttyPS0 rdinit=/init"), "'console=ttyPS0 rdinit=/init'");
        assert_eq!(shell_quote("it's"), "'it'\\''s'");
        assert_eq!(shell_quote(""), "''");
    }

    #[test]
    fn command_line_captures_each_serial_to_a_file() {
        let q = Qemu::zcu102("/tmp/x").serials(2).args(["-kernel", "fw.elf"]);
        let cl = q.command_line().join(" ");
        assert!(cl.contains("-M xlnx-zcu102"), "{cl}");
        assert!(cl.contains("-serial file:/tmp/x/serial0.out -serial file:/tmp/x/serial1.out"), "{cl}");
        assert!(cl.ends_with("-kernel fw.elf"), "{cl}");
    }
}
