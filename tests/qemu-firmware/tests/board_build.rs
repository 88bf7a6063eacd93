//! The board build of the image: defmt over RTT (probe-rs) instead of
//! UART1, and no semihosting (`hlt` undefined-traps on a board without a
//! debugger). Checked on the ELF here; `rtt.rs` runs it and reads the RTT
//! channel through QEMU's gdbstub.
use object::{Object, ObjectSection, ObjectSymbol};
use qemu_firmware::*;
use std::process::Command;

/// `hlt #0xf000`, the semihosting trap (A64 HLT: 0xd4400000 | imm16 << 5).
const HLT_SEMIHOSTING: u32 = 0xd440_0000 | (0xf000 << 5);

fn has_semihosting_trap(elf: &[u8]) -> bool {
    let f = object::File::parse(elf).expect("ELF");
    let text = f.section_by_name(".text").expect(".text").data().expect("text bytes");
    text.chunks_exact(4).any(|w| u32::from_le_bytes(w.try_into().unwrap()) == HLT_SEMIHOSTING)
}

fn has_symbol(elf: &[u8], name: &str) -> bool {
    object::File::parse(elf).expect("ELF").symbols().any(|s| s.name() == Ok(name))
}

#[test]
fn rtt_board_build_has_an_rtt_control_block_and_no_semihosting() {
    let target = repo_root().join("target/firmware-a53-rtt");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut cmd = Command::new(cargo);
    cmd.args(["build", "--release", "--locked", "-p", "oob-core", "--bin", "oob-core"])
        .args(["--no-default-features", "--features", "rtt"])
        .current_dir(firmware_dir())
        .env("CARGO_TARGET_DIR", &target);
    for v in ["RUSTFLAGS", "CARGO_ENCODED_RUSTFLAGS", "CARGO_BUILD_RUSTFLAGS", "CARGO_BUILD_TARGET", "DEFMT_LOG"] {
        cmd.env_remove(v);
    }
    let out = cmd.output().expect("run cargo");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let board = std::fs::read(target.join(FIRMWARE_TARGET).join("release/oob-core")).expect("board ELF");
    assert!(has_symbol(&board, "_SEGGER_RTT"), "no RTT control block");
    assert!(!has_semihosting_trap(&board), "board build still traps to semihosting");
    // The QEMU build is the opposite on both counts, so the checks can fail.
    let qemu = std::fs::read(elf_path("oob-core")).expect("QEMU ELF");
    assert!(!has_symbol(&qemu, "_SEGGER_RTT"));
    assert!(has_semihosting_trap(&qemu));
}
