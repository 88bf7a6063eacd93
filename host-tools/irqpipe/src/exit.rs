//! Exit codes: the one place they are defined. Scripts may rely on them;
//! they are listed in `irqpipe --help` and the crate README, and a test
//! checks that they are distinct.

/// Everything worked.
pub const OK: u8 = 0;
/// An unexpected failure that none of the codes below describes.
pub const FAILURE: u8 = 1;
/// Bad command line (clap uses 2 for usage errors too).
pub const USAGE: u8 = 2;
/// A file or device could not be read or written.
pub const IO: u8 = 3;
/// A .bit file ends before its header or payload does.
pub const BIT_TRUNCATED: u8 = 4;
/// A .bit file is not one, or its header or payload is corrupted.
pub const BIT_CORRUPT: u8 = 5;
/// The bitstream is for another part than the board's.
pub const WRONG_PART: u8 = 6;
/// No FPGA manager (or no configfs overlay support) where the load expects one.
pub const NO_FPGA_MANAGER: u8 = 7;
/// The FPGA manager ended in an error state, or the overlay was not applied.
pub const FPGA_ERROR: u8 = 8;
/// The FPGA manager did not reach a final state in time.
pub const FPGA_TIMEOUT: u8 = 9;
/// Permission denied (for example /dev/mem or sysfs without root).
pub const PERMISSION: u8 = 10;
/// A register or field name that the SVD does not define.
pub const UNKNOWN_REGISTER: u8 = 11;
/// The defmt log could not be decoded (bad ELF, malformed or cut frames).
pub const LOG_DECODE: u8 = 12;
/// `gen --check`: generated files are out of date.
pub const GEN_STALE: u8 = 13;
/// A register access that the map forbids or that would have side effects
/// not asked for (write-only read, read-to-clear in a dump, value too wide).
pub const REG_ACCESS: u8 = 14;
/// The SVD or the register generator failed.
pub const GEN_FAILED: u8 = 15;
/// The defmt log held no frame at all (empty input, or only idle zero
/// bytes): the firmware printed nothing, or the capture missed it.
pub const LOG_EMPTY: u8 = 16;

/// (code, name, meaning) for help texts and the README.
pub const TABLE: &[(u8, &str, &str)] = &[
    (OK, "OK", "success"),
    (FAILURE, "FAILURE", "unexpected failure"),
    (USAGE, "USAGE", "bad command line"),
    (IO, "IO", "cannot read or write a file or device"),
    (BIT_TRUNCATED, "BIT_TRUNCATED", ".bit file truncated"),
    (BIT_CORRUPT, "BIT_CORRUPT", "not a .bit file, or corrupted"),
    (
        WRONG_PART,
        "WRONG_PART",
        "bitstream part does not match the board",
    ),
    (
        NO_FPGA_MANAGER,
        "NO_FPGA_MANAGER",
        "no fpga_manager / configfs overlays",
    ),
    (
        FPGA_ERROR,
        "FPGA_ERROR",
        "manager ended in an error state / overlay not applied",
    ),
    (
        FPGA_TIMEOUT,
        "FPGA_TIMEOUT",
        "manager did not finish in time",
    ),
    (PERMISSION, "PERMISSION", "permission denied"),
    (
        UNKNOWN_REGISTER,
        "UNKNOWN_REGISTER",
        "no such register or field",
    ),
    (LOG_DECODE, "LOG_DECODE", "defmt log cannot be decoded"),
    (
        GEN_STALE,
        "GEN_STALE",
        "generated files are stale (gen --check)",
    ),
    (
        REG_ACCESS,
        "REG_ACCESS",
        "register access refused (access rights, side effects, width)",
    ),
    (GEN_FAILED, "GEN_FAILED", "SVD or generator error"),
    (LOG_EMPTY, "LOG_EMPTY", "defmt log holds no frame"),
];

/// What a closed stdout does (`irqpipe regs list | head -1`): irqpipe ends
/// as other Unix tools do, killed quietly by SIGPIPE, which a shell reports
/// as status 128 + 13.
pub const SIGPIPE_NOTE: &str =
    "A closed output pipe ends irqpipe quietly through SIGPIPE (shell status 141), as it does other tools.";

/// The table as text for `--help`.
pub fn help_text() -> String {
    let mut s = String::from("Exit codes:\n");
    for (code, name, what) in TABLE {
        s.push_str(&format!("  {code:>2}  {name:<17} {what}\n"));
    }
    s.push_str(SIGPIPE_NOTE);
    s.push('\n');
    s
}
