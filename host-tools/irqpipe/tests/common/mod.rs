//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// Builds the defmt fixture program (tests/fixtures/defmt-app) for
/// aarch64-unknown-none once per test binary and returns its ELF path.
pub fn defmt_app_elf() -> PathBuf {
    static ELF: OnceLock<PathBuf> = OnceLock::new();
    ELF.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/defmt-app");
        let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("defmt-app");
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let out = Command::new(cargo)
            .current_dir(&dir)
            .args(["build", "--release", "--quiet"])
            .env("CARGO_TARGET_DIR", &target)
            // The outer test run's flags are for the host, not this target.
            .env_remove("RUSTFLAGS")
            .env_remove("CARGO_ENCODED_RUSTFLAGS")
            .output()
            .expect("run cargo for the defmt fixture");
        assert!(
            out.status.success(),
            "building tests/fixtures/defmt-app failed (is the aarch64-unknown-none target installed? \
             `rustup target add aarch64-unknown-none`):\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        target.join("aarch64-unknown-none/release/defmt-app")
    })
    .clone()
}

/// A fresh scratch directory for one test.
pub fn scratch(name: &str) -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join("irqpipe-tests").join(name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// The irqpipe binary under test.
pub fn irqpipe() -> Command {
    Command::new(env!("CARGO_BIN_EXE_irqpipe"))
}

/// Repository root.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}
