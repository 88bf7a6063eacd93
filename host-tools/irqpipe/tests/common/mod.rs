//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

/// Builds the defmt fixture program (tests/fixtures/defmt-app) for
/// aarch64-unknown-none once per test binary and returns its ELF path.
pub fn defmt_app_elf() -> PathBuf {
    static ELF: OnceLock<PathBuf> = OnceLock::new();
    ELF.get_or_init(|| build_defmt_app(&[], "defmt-app.elf"))
        .clone()
}

/// The same program built with `--features variant`: another build whose
/// string table does not fit the first one's log.
pub fn defmt_app_variant_elf() -> PathBuf {
    static ELF: OnceLock<PathBuf> = OnceLock::new();
    ELF.get_or_init(|| build_defmt_app(&["--features", "variant"], "defmt-app-variant.elf"))
        .clone()
}

fn build_defmt_app(args: &[&str], copy_as: &str) -> PathBuf {
    // Both builds share one target directory (and its compiled
    // dependencies) and produce the same file name: one at a time, each
    // copied out before the next.
    static BUILD: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _one_at_a_time = BUILD.lock().unwrap_or_else(|e| e.into_inner());
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/defmt-app");
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("defmt-app");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .current_dir(&dir)
        .args(["build", "--release", "--quiet", "--locked"])
        .args(args)
        .env("CARGO_TARGET_DIR", &target)
        // The outer test run's flags are for the host, not this target.
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .env_remove("CARGO_BUILD_TARGET")
        .env_remove("DEFMT_LOG")
        .output()
        .expect("run cargo for the defmt fixture");
    assert!(
        out.status.success(),
        "building tests/fixtures/defmt-app failed (is the aarch64-unknown-none target installed? \
         `rustup target add aarch64-unknown-none`):\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let copy = target.join(copy_as);
    std::fs::copy(target.join("aarch64-unknown-none/release/defmt-app"), &copy).unwrap();
    copy
}

/// A fresh scratch directory for one test.
pub fn scratch(name: &str) -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("irqpipe-tests")
        .join(name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Writes `bytes` to `dir/name` and returns the path.
pub fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

/// Every hidden temporary or backup file irqpipe may have left in `dir`.
pub fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-") || n.contains(".previous-"))
        .collect()
}

/// The irqpipe binary under test.
pub fn irqpipe() -> Command {
    Command::new(env!("CARGO_BIN_EXE_irqpipe"))
}

/// `irqpipe ARGS... FILE`, run to completion.
pub fn irqpipe_on(args: &[&str], file: &Path) -> Output {
    irqpipe().args(args).arg(file).output().unwrap()
}

/// Asserts that the tool exited with `code` and said `msg` on stderr.
pub fn assert_exit(out: &Output, code: u8, msg: &str) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(i32::from(code)), "{err}");
    assert!(err.contains(msg), "expected {msg:?} on stderr: {err}");
}

/// Repository root.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A .bit file as Vivado lays it out, around `payload`.
pub fn make_bit(design: &str, part: &str, date: &str, time: &str, payload: &[u8]) -> Vec<u8> {
    let mut v = irqpipe::bitfile::MAGIC.to_vec();
    for (key, s) in [('a', design), ('b', part), ('c', date), ('d', time)] {
        v.push(key as u8);
        v.extend_from_slice(&((s.len() + 1) as u16).to_be_bytes());
        v.extend_from_slice(s.as_bytes());
        v.push(0);
    }
    v.push(b'e');
    v.extend_from_slice(&(payload.len() as u32).to_be_bytes());
    v.extend_from_slice(payload);
    v
}

/// A payload that starts like a real UltraScale+ bitstream (UG570's
/// configuration sequence: 16 dummy words, the bus-width detection pattern
/// 000000BB 11220044, two dummies, the sync word AA995566, NOOPs), then
/// `extra` words of counting data so that byte order mistakes show.
pub fn zynqmp_payload(extra: u32) -> Vec<u8> {
    let mut words: Vec<u32> = vec![0xffff_ffff; 16];
    words.extend([
        0x0000_00bb,
        0x1122_0044,
        0xffff_ffff,
        0xffff_ffff,
        0xaa99_5566,
        0x2000_0000,
    ]);
    words.extend((0..extra).map(|i| 0x0102_0304u32.wrapping_mul(i + 1)));
    words.iter().flat_map(|w| w.to_be_bytes()).collect()
}

/// A plausible ZCU102 bitstream.
pub fn zcu102_bit() -> Vec<u8> {
    make_bit(
        "irq_router_bd_wrapper;UserID=0XFFFFFFFF;Version=2023.2",
        "xczu9eg-ffvb1156-2-e",
        "2026/11/29",
        "18:00:00",
        &zynqmp_payload(1000),
    )
}

/// A fresh directory under the system temp dir that any user can enter,
/// for tests that run the tool as an unprivileged user (the build tree may
/// sit under a directory such a user cannot traverse).
pub fn world_dir(name: &str) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let d = std::env::temp_dir().join(format!("irqpipe-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    std::fs::set_permissions(&d, std::fs::Permissions::from_mode(0o755)).unwrap();
    d
}

/// True when the tests run as root (permission checks do not apply).
pub fn is_root() -> bool {
    extern "C" {
        fn geteuid() -> u32;
    }
    // SAFETY: geteuid has no preconditions.
    unsafe { geteuid() == 0 }
}

/// The irqpipe binary run as an unprivileged user: as root, a copy in a
/// world-readable directory under `setpriv` as `nobody`; otherwise the
/// binary itself.
pub fn irqpipe_unprivileged(dir: &Path) -> Command {
    if !is_root() {
        return irqpipe();
    }
    use std::os::unix::fs::PermissionsExt;
    let copy = dir.join("irqpipe");
    std::fs::copy(env!("CARGO_BIN_EXE_irqpipe"), &copy).unwrap();
    std::fs::set_permissions(&copy, std::fs::Permissions::from_mode(0o755)).unwrap();
    let mut c = Command::new("setpriv");
    c.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
        .arg(copy);
    c
}
