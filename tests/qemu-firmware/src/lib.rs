//! Helpers of the QEMU firmware tests: build the A53 image (its own cargo
//! workspace, firmware/a53), boot one of its programs on `xlnx-zcu102`,
//! and decode the defmt log captured from UART1 with the project's CLI
//! library (`irqpipe::defmt_log`). UART0 carries plain text.

pub mod figures;
pub mod gdb;
pub mod linux_irq;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::time::Duration;

pub use irqpipe::defmt_log::LogLine;
pub use qemu_run::QemuRun;

/// The machine configuration that matches silicon: EL3 entry, GIC-400 with
/// the Security Extensions.
pub const SECURE: &str = "xlnx-zcu102,secure=on";
/// QEMU's default: EL1 entry, Non-secure, GIC without Security Extensions.
pub const DEFAULT_EL1: &str = "xlnx-zcu102";
/// EL2 entry (Non-secure).
pub const EL2: &str = "xlnx-zcu102,virtualization=on";

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The firmware workspace.
pub fn firmware_dir() -> PathBuf {
    repo_root().join("firmware/a53")
}

/// The Rust target the image is built for (firmware/a53/.cargo/config.toml):
/// soft-float, so no compiled code touches an FP/SIMD register.
pub const FIRMWARE_TARGET: &str = "aarch64-unknown-none-softfloat";

/// Its own target dir under the root `target/`, so the inner cargo never
/// waits on the outer one's lock.
pub fn firmware_target_dir() -> PathBuf {
    repo_root().join("target/firmware-a53")
}

/// Builds every firmware program (`cargo build --release --locked`) once per
/// test process and returns the directory holding the ELFs.
pub fn build_firmware() -> &'static Path {
    static BUILT: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    match BUILT.get_or_init(|| build_firmware_with(&firmware_target_dir(), &[], &[])) {
        Ok(p) => p,
        Err(e) => panic!("{e}"),
    }
}

/// `cargo build --release --locked` of the firmware workspace into
/// `target_dir` with extra environment `env` (e.g. `ZYNQMP_MEMORY_X`) and
/// cargo arguments `args` (e.g. `-p`, `--bin`); returns the directory
/// holding the ELFs.
pub fn build_firmware_with(target_dir: &Path, env: &[(&str, &std::ffi::OsStr)], args: &[&str]) -> Result<PathBuf, String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut cmd = Command::new(cargo);
    cmd.args(["build", "--release", "--locked"])
        .args(args)
        .current_dir(firmware_dir())
        .env("CARGO_TARGET_DIR", target_dir);
    // The firmware's .cargo/config.toml carries the target; outer flags
    // would replace its settings.
    for v in ["RUSTFLAGS", "CARGO_ENCODED_RUSTFLAGS", "CARGO_BUILD_RUSTFLAGS", "CARGO_BUILD_TARGET", "DEFMT_LOG"] {
        cmd.env_remove(v);
    }
    cmd.envs(env.iter().copied());
    let out = cmd.output().map_err(|e| format!("cannot run cargo: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "firmware build failed ({}):\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(target_dir.join(FIRMWARE_TARGET).join("release"))
}

/// Path of firmware program `bin`.
pub fn elf_path(bin: &str) -> PathBuf {
    build_firmware().join(bin)
}

/// One boot of a firmware program.
pub struct FwRun {
    pub qemu: QemuRun,
    /// Decoded defmt log (UART1).
    pub log: Vec<LogLine>,
    /// UART0 text.
    pub text: String,
    pub elf: Vec<u8>,
}

impl FwRun {
    /// The exit code; fails the test with the captures if QEMU timed out.
    pub fn code(&self) -> i32 {
        assert!(!self.qemu.timed_out, "QEMU timed out\n{}", self.dump());
        self.qemu.code().unwrap_or_else(|| panic!("QEMU killed by a signal\n{}", self.dump()))
    }

    pub fn messages(&self) -> Vec<&str> {
        self.log.iter().map(|l| l.message.as_str()).collect()
    }

    /// The one log line whose message starts with `prefix`.
    pub fn line(&self, prefix: &str) -> &LogLine {
        let v: Vec<_> = self.log.iter().filter(|l| l.message.starts_with(prefix)).collect();
        assert_eq!(v.len(), 1, "expected one line starting with {prefix:?}\n{}", self.dump());
        v[0]
    }

    /// Everything captured, for failure messages.
    pub fn dump(&self) -> String {
        let log: Vec<String> = self.log.iter().map(|l| l.to_string()).collect();
        format!(
            "--- defmt log ---\n{}\n--- UART0 ---\n{}\n--- QEMU stderr ---\n{}\n(run dir {})",
            log.join("\n"),
            self.text,
            self.qemu.stderr,
            self.qemu.dir.display()
        )
    }
}

/// Boots program `bin` on `machine` (with `-semihosting` for the exit code
/// and two captured UARTs) and decodes its defmt log. `tag` names the run
/// directory under target/qemu-runs.
pub fn run(bin: &str, machine: &str, tag: &str, extra: &[&str]) -> FwRun {
    boot(bin, machine, tag, extra, Duration::from_secs(60), false)
}

/// Boots a program that never exits (the oob-core image) for `time`, then
/// kills QEMU. The defmt capture is cut after its last complete frame
/// (rzcobs frames end in a zero byte): a frame the kill interrupted is not
/// a decoding error.
pub fn run_for(bin: &str, machine: &str, tag: &str, time: Duration) -> FwRun {
    boot(bin, machine, tag, &[], time, true)
}

/// The QEMU invocation of program `bin`: `-semihosting` for the exit code,
/// two captured UARTs, run directory `target/qemu-runs/fw-<bin>-<tag>`.
pub fn invocation(bin: &str, machine: &str, tag: &str, extra: &[&str], timeout: Duration) -> qemu_run::Qemu {
    let elf_path = elf_path(bin);
    qemu_run::Qemu::zcu102(qemu_run::scratch_dir(&format!("fw-{bin}-{tag}")))
        .machine(machine)
        .serials(2)
        .args(["-semihosting", "-kernel"])
        .args([elf_path.to_str().expect("utf-8 path")])
        .args(extra)
        .timeout(timeout)
}

fn boot(bin: &str, machine: &str, tag: &str, extra: &[&str], timeout: Duration, killed: bool) -> FwRun {
    let qemu = invocation(bin, machine, tag, extra, timeout).run().unwrap_or_else(|e| panic!("{e}"));
    decode(bin, qemu, killed)
}

/// A firmware run with the Verilated router on QEMU's bus, and what the
/// router bridge recorded of it.
pub struct RouterFwRun {
    pub fw: FwRun,
    pub bridge: qemu_run::router::Outcome,
}

/// Deterministic timing for runs with the router: one instruction per ns
/// of virtual time, idle time skipped (TOOLCHAIN.md). Without it, QEMU's
/// virtual time follows the host clock and every blocking access to the
/// simulator costs the guest tens of microseconds.
pub const ICOUNT: [&str; 2] = ["-icount", "shift=0,sleep=off"];

/// Boots program `bin` on the router QEMU (`scripts/build-qemu.sh`) with
/// the router bridge serving `scenario` (a path under the repository),
/// under [`ICOUNT`].
pub fn run_with_router(bin: &str, machine: &str, tag: &str, scenario: &str, extra: &[&str]) -> RouterFwRun {
    run_with_bridge(bin, machine, tag, router_options(scenario), extra)
}

/// The bridge options for `scenario` (a path under the repository).
pub fn router_options(scenario: &str) -> qemu_run::router::Options {
    qemu_run::router::Options::from_scenario_file(&repo_root().join(scenario)).unwrap_or_else(|e| panic!("{e}"))
}

/// [`run_with_router`] with the bridge's options spelt out.
pub fn run_with_bridge(bin: &str, machine: &str, tag: &str, opts: qemu_run::router::Options, extra: &[&str]) -> RouterFwRun {
    let mut args: Vec<&str> = ICOUNT.to_vec();
    args.extend_from_slice(extra);
    let q = invocation(bin, machine, tag, &args, Duration::from_secs(300));
    let r = qemu_run::router::run(q, opts).unwrap_or_else(|e| panic!("{e}"));
    RouterFwRun { fw: decode(bin, r.qemu, false), bridge: r.bridge }
}

/// Decodes the captures of a run of program `bin` (`killed`: QEMU was
/// stopped, so a last partial defmt frame is dropped).
pub fn decode(bin: &str, qemu: QemuRun, killed: bool) -> FwRun {
    let elf_path = elf_path(bin);
    let elf = std::fs::read(&elf_path).unwrap_or_else(|e| panic!("read {}: {e}", elf_path.display()));
    let text = qemu.serial_text(0);
    let mut bytes: &[u8] = &qemu.serial[1];
    if killed {
        let end = bytes.iter().rposition(|&b| b == 0).map_or(0, |i| i + 1);
        bytes = &bytes[..end];
    }
    let log = match irqpipe::defmt_log::decode_all(&elf, bytes) {
        Ok(l) => l,
        Err(e) => panic!(
            "defmt log of {bin} does not decode: {e:?}\nUART0:\n{text}\nstderr:\n{}",
            qemu.stderr
        ),
    };
    FwRun { qemu, log, text, elf }
}

/// Address range `[start, end)` of function symbol `name` in an ELF.
pub fn symbol_range(elf: &[u8], name: &str) -> Option<(u64, u64)> {
    use object::{Object, ObjectSymbol};
    let f = object::File::parse(elf).ok()?;
    let s = f.symbols().find(|s| s.name() == Ok(name))?;
    Some((s.address(), s.address() + s.size()))
}

/// Parses `key=0x...` (or decimal) out of a log message.
pub fn field(msg: &str, key: &str) -> Option<u64> {
    let at = msg.find(&format!("{key}="))? + key.len() + 1;
    let v: String = msg[at..].chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
    match v.strip_prefix("0x") {
        Some(h) => u64::from_str_radix(h, 16).ok(),
        None => v.parse().ok(),
    }
}
