//! `regs` against a memory-backed file standing in for the router's
//! register space (offset 0 = the SVD's base, 0xA000_0000): names, field
//! decoding and encoding from the SVD, refusals, and permission errors.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use irqpipe::exit;

const SPAN: usize = 0x18000;
const ID: u32 = 0x4952_5152;
/// NSRC 32, NCPU 4, NIPI 8, TSW 16 in GLOBAL.HWCFG's layout.
const HWCFG: u32 = 32 | (4 << 8) | (8 << 12) | (16 << 17);

fn word(bytes: &[u8], off: usize) -> u32 {
    u32::from_le_bytes(bytes[off..off + 4].try_into().unwrap())
}

fn put(bytes: &mut [u8], off: usize, v: u32) {
    bytes[off..off + 4].copy_from_slice(&v.to_le_bytes());
}

/// A register file as a running router would show it.
fn router_file(name: &str) -> PathBuf {
    let dir = common::scratch(&format!("regs-{name}"));
    let mut b = vec![0u8; SPAN];
    put(&mut b, 0x000, ID);
    put(&mut b, 0x004, 0x0001_0000);
    put(&mut b, 0x008, HWCFG);
    put(&mut b, 0x100 + 4 * 3, 0x213); // SRC_CFG[3]: EN, STAGE=OOB, PRIO 1, CPU 2
    put(&mut b, 0x100 + 4 * 5, 0x3 | (1 << 4) | (2 << 8));
    put(&mut b, 0x010, 0b1_0001); // ERR: BAD_CPU, BAD_KEY
    put(&mut b, 0x8000 + 0x1000 + 0x08, 1); // INBAND.PAGE[1].STALL
    let p = dir.join("router.mem");
    std::fs::write(&p, &b).unwrap();
    p
}

fn regs(file: &Path, args: &[&str]) -> Output {
    common::irqpipe()
        .arg("regs")
        .args(args)
        .arg("--file")
        .arg(file)
        .output()
        .unwrap()
}

fn ok(o: &Output) -> String {
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn fails(o: &Output, code: u8, msg: &str) {
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(i32::from(code)), "{err}");
    assert!(err.contains(msg), "want {msg:?} in: {err}");
}

#[test]
fn list_names_every_register_copy_with_its_address() {
    let f = router_file("list");
    let out = ok(&regs(&f, &["list"]));
    assert!(
        out.contains("GLOBAL.ID                    0xa0000000  RO"),
        "{out}"
    );
    assert!(
        out.contains("GLOBAL.SRC_CFG[127]          0xa00002fc  RW"),
        "{out}"
    );
    assert!(
        out.contains("OOB.PAGE[7].HIST[15]         0xa00170bc  RO"),
        "{out}"
    );
    assert!(
        out.contains("INBAND.PAGE[0].CLAIM         0xa0008000  RO, read has side effects"),
        "{out}"
    );
    // A different physical base shifts every address.
    let out = ok(&regs(&f, &["list", "--base", "0xB0000000"]));
    assert!(
        out.contains("GLOBAL.ID                    0xb0000000"),
        "{out}"
    );
}

#[test]
fn dump_decodes_fields_and_skips_side_effects_and_absent_instances() {
    let f = router_file("dump");
    let o = regs(&f, &["dump"]);
    let out = ok(&o);
    assert!(
        out.contains("GLOBAL.ID                    @ 0xa0000000 = 0x49525152"),
        "{out}"
    );
    assert!(out.contains("NSRC         [7:0]    = 0x20"), "{out}");
    assert!(out.contains("NCPU         [11:8]   = 0x4"), "{out}");
    assert!(out.contains("GLOBAL.SRC_CFG[3]"), "{out}");
    assert!(out.contains("STAGE        [1]      = 0x1 (OOB)"), "{out}");
    assert!(out.contains("GLOBAL.SRC_CFG[31]"), "{out}");
    assert!(out.contains("INBAND.PAGE[3].STALL"), "{out}");
    // Not read: write-only, read side effects, beyond NSRC = 32 / NCPU = 4.
    for absent in [
        "GLOBAL.LOCK",
        "CLAIM",
        "STALL_TAS",
        "CYCLE_LO",
        "GLOBAL.SRC_CFG[32]",
        "INBAND.PAGE[4]",
        "GLOBAL.SRC_RAW[1]",
        "GLOBAL.OVERRUN[8]",
    ] {
        assert!(!out.contains(absent), "dump read {absent}");
    }
    assert!(String::from_utf8_lossy(&o.stderr).contains("registers not read"));
    // --all goes beyond the instance's size (still never side effects).
    let out = ok(&regs(&f, &["dump", "--all"]));
    assert!(
        out.contains("GLOBAL.SRC_CFG[127]") && out.contains("OOB.PAGE[7].STALL"),
        "{out}"
    );
    assert!(!out.contains("CLAIM"));
}

#[test]
fn read_decodes_a_register_or_one_field_by_name() {
    let f = router_file("read");
    let out = ok(&regs(&f, &["read", "GLOBAL.SRC_CFG[3]"]));
    assert!(
        out.starts_with("GLOBAL.SRC_CFG[3]            @ 0xa000010c = 0x00000213"),
        "{out}"
    );
    assert!(out.contains("EN           [0]      = 0x1"), "{out}");
    assert!(out.contains("TRIG         [2]      = 0x0 (LEVEL)"), "{out}");
    assert!(out.contains("PRIO         [5:4]    = 0x1"), "{out}");
    assert!(out.contains("CPU          [10:8]   = 0x2"), "{out}");
    assert_eq!(
        ok(&regs(&f, &["read", "global.src_cfg[3].cpu"])).trim(),
        "GLOBAL.SRC_CFG[3].CPU = 0x2"
    );
    assert_eq!(
        ok(&regs(&f, &["read", "GLOBAL.SRC_CFG[3].STAGE"])).trim(),
        "GLOBAL.SRC_CFG[3].STAGE = 0x1 (OOB)"
    );
    assert_eq!(
        ok(&regs(&f, &["read", "INBAND.PAGE[1].STALL.STALL"])).trim(),
        "INBAND.PAGE[1].STALL.STALL = 0x1"
    );
}

#[test]
fn reads_with_side_effects_need_to_be_asked_for() {
    let f = router_file("side");
    fails(
        &regs(&f, &["read", "OOB.PAGE[0].CLAIM"]),
        exit::REG_ACCESS,
        "--side-effects",
    );
    let out = ok(&regs(&f, &["read", "OOB.PAGE[0].CLAIM", "--side-effects"]));
    assert!(out.contains("OOB.PAGE[0].CLAIM"), "{out}");
    fails(
        &regs(&f, &["read", "GLOBAL.LOCK"]),
        exit::REG_ACCESS,
        "write-only",
    );
}

#[test]
fn writes_store_whole_registers_or_merge_one_field() {
    let f = router_file("write");
    ok(&regs(&f, &["write", "GLOBAL.SRC_CFG[7]", "0x0000_0113"]));
    let b = std::fs::read(&f).unwrap();
    assert_eq!(word(&b, 0x11c), 0x113);

    // SRC_CFG[5] = EN | STAGE=OOB | PRIO 1 | CPU 2; change only STAGE, then CPU.
    ok(&regs(&f, &["write", "GLOBAL.SRC_CFG[5].STAGE", "inband"]));
    assert_eq!(
        word(&std::fs::read(&f).unwrap(), 0x114),
        0x1 | (1 << 4) | (2 << 8)
    );
    ok(&regs(&f, &["write", "GLOBAL.SRC_CFG[5].CPU", "3"]));
    assert_eq!(
        word(&std::fs::read(&f).unwrap(), 0x114),
        0x1 | (1 << 4) | (3 << 8)
    );
    // ERR's flags are write-1-to-clear: clearing one writes only its bit,
    // never the others' (a read-modify-write would clear every set flag).
    ok(&regs(&f, &["write", "GLOBAL.ERR.BAD_KEY", "1"]));
    assert_eq!(word(&std::fs::read(&f).unwrap(), 0x10), 0b1_0000);
    // An element of a field array (IPI_PRIO_OOB.P2 = bits 5:4).
    ok(&regs(&f, &["write", "GLOBAL.IPI_PRIO_OOB.P2", "0b11"]));
    assert_eq!(word(&std::fs::read(&f).unwrap(), 0x24), 0b11 << 4);
}

#[test]
fn refused_writes_leave_the_registers_untouched() {
    let f = router_file("refuse");
    let before = std::fs::read(&f).unwrap();
    fails(
        &regs(&f, &["write", "GLOBAL.ID", "0"]),
        exit::REG_ACCESS,
        "read-only",
    );
    fails(
        &regs(&f, &["write", "GLOBAL.SRC_CFG[5].CPU", "9"]),
        exit::REG_ACCESS,
        "does not fit in GLOBAL.SRC_CFG[5].CPU (3 bits)",
    );
    fails(
        &regs(&f, &["write", "GLOBAL.SRC_CFG[5]", "0x1_0000_0000"]),
        exit::REG_ACCESS,
        "32 bits",
    );
    // A value that is neither a number nor a name is a usage error.
    for bad in ["SIDEWAYS", "0xZZ", "12abc", ""] {
        fails(
            &regs(&f, &["write", "GLOBAL.SRC_CFG[5].STAGE", bad]),
            exit::USAGE,
            "not a value",
        );
    }
    fails(
        &regs(&f, &["write", "GLOBAL.SRC_CFG[5]", "many"]),
        exit::USAGE,
        "not a value",
    );
    // OVERRUN is read-only since interface 1.1 (cleared through OVERRUN_CLR).
    fails(
        &regs(&f, &["write", "GLOBAL.OVERRUN[0].CNT1", "0"]),
        exit::REG_ACCESS,
        "is read-only",
    );
    fails(
        &regs(&f, &["write", "OOB.PAGE[0].STALL_TAS", "1"]),
        exit::REG_ACCESS,
        "read-only",
    );
    assert_eq!(std::fs::read(&f).unwrap(), before);
}

#[test]
fn unknown_names_get_their_own_exit_code_and_suggestions() {
    let f = router_file("unknown");
    fails(
        &regs(&f, &["read", "GLOBAL.SRC_CONFIG[3]"]),
        exit::UNKNOWN_REGISTER,
        "no register or field named \"GLOBAL.SRC_CONFIG[3]\"",
    );
    fails(
        &regs(&f, &["read", "GLOBAL.SRC_CFG"]),
        exit::UNKNOWN_REGISTER,
        "did you mean GLOBAL.SRC_CFG[n]",
    );
    fails(
        &regs(&f, &["read", "GLOBAL.SRC_CFG[128]"]),
        exit::UNKNOWN_REGISTER,
        "no register",
    );
    fails(
        &regs(&f, &["write", "GLOBAL.SRC_CFG[3].COLOUR", "1"]),
        exit::UNKNOWN_REGISTER,
        "no register or field",
    );
    fails(
        &regs(&f, &["read", "OOB.PAGE[8].STALL"]),
        exit::UNKNOWN_REGISTER,
        "no register",
    );
}

/// `--mem` maps the device at the router's physical base, as /dev/mem is
/// used on a board: a sparse file the size of the 32-bit address space
/// stands in for it. `--uio` maps from offset 0 like `--file`.
#[test]
fn mem_maps_at_the_physical_base_and_uio_at_offset_zero() {
    let dir = common::scratch("regs-mem");
    let mem = dir.join("mem");
    let f = std::fs::File::create(&mem).unwrap();
    f.set_len(0xA000_0000 + SPAN as u64).unwrap();
    drop(f);
    use std::os::unix::fs::FileExt;
    let f = std::fs::OpenOptions::new().write(true).open(&mem).unwrap();
    f.write_all_at(&ID.to_le_bytes(), 0xA000_0000).unwrap();
    f.write_all_at(&HWCFG.to_le_bytes(), 0xA000_0008).unwrap();
    f.write_all_at(&0x213u32.to_le_bytes(), 0xA000_010C)
        .unwrap();
    drop(f);
    let run = |args: &[&str]| common::irqpipe().arg("regs").args(args).output().unwrap();
    let out = ok(&run(&["read", "GLOBAL.ID", "--mem", mem.to_str().unwrap()]));
    assert!(
        out.starts_with("GLOBAL.ID                    @ 0xa0000000 = 0x49525152"),
        "{out}"
    );
    ok(&run(&[
        "write",
        "GLOBAL.SRC_CFG[3].CPU",
        "5",
        "--mem",
        mem.to_str().unwrap(),
    ]));
    let mut w = [0u8; 4];
    std::fs::File::open(&mem)
        .unwrap()
        .read_exact_at(&mut w, 0xA000_010C)
        .unwrap();
    assert_eq!(u32::from_le_bytes(w), 0x513);
    // A base that is not page-aligned cannot be mapped.
    fails(
        &run(&[
            "read",
            "GLOBAL.ID",
            "--mem",
            mem.to_str().unwrap(),
            "--base",
            "0xA0000004",
        ]),
        exit::USAGE,
        "page-aligned",
    );

    let uio = router_file("uio");
    let out = ok(&run(&[
        "read",
        "GLOBAL.SRC_CFG[3].STAGE",
        "--uio",
        uio.to_str().unwrap(),
    ]));
    assert_eq!(out.trim(), "GLOBAL.SRC_CFG[3].STAGE = 0x1 (OOB)");
}

#[test]
fn a_device_that_cannot_be_opened_or_is_too_small_is_reported() {
    let dir = common::scratch("regs-io");
    fails(
        &regs(&dir.join("missing"), &["dump"]),
        exit::IO,
        "No such file",
    );
    let small = dir.join("small.mem");
    std::fs::write(&small, vec![0u8; 4096]).unwrap();
    fails(
        &regs(&small, &["read", "GLOBAL.ID"]),
        exit::IO,
        "span 0x18000",
    );
}

#[test]
fn permission_denied_on_the_device_has_its_own_exit_code() {
    use std::os::unix::fs::PermissionsExt;
    let dir = common::world_dir("regs-perm");
    let f = dir.join("router.mem");
    std::fs::copy(router_file("perm"), &f).unwrap();
    // Readable and writable by its owner only, as /dev/mem is (root); as
    // root we run the tool as `nobody`, otherwise we take our own access away.
    let mode = if common::is_root() { 0o600 } else { 0o000 };
    std::fs::set_permissions(&f, std::fs::Permissions::from_mode(mode)).unwrap();
    let out = common::irqpipe_unprivileged(&dir)
        .args(["regs", "read", "GLOBAL.ID", "--file"])
        .arg(&f)
        .output()
        .expect("setpriv (util-linux)");
    let _ = std::fs::remove_dir_all(&dir);
    fails(&out, exit::PERMISSION, "permission denied opening");
}

/// The router instance in the file reports NSRC 32, NCPU 4, NIPI 8: what
/// lies beyond would answer SLVERR/DECERR on silicon (an SError through
/// /dev/mem) or be ignored, so it is refused unless asked for explicitly.
#[test]
fn reads_and_writes_beyond_hwcfg_are_refused_without_the_override() {
    let f = router_file("beyond");
    let before = std::fs::read(&f).unwrap();
    for (args, what) in [
        (
            &["write", "GLOBAL.SRC_CFG[99].EN", "1"][..],
            "GLOBAL.SRC_CFG[99].EN",
        ),
        (
            &["write", "GLOBAL.SRC_CFG[32]", "0x13"],
            "GLOBAL.SRC_CFG[32]",
        ),
        (&["read", "GLOBAL.SRC_PEND[1]"], "GLOBAL.SRC_PEND[1]"),
        (&["read", "GLOBAL.OVERRUN[8]"], "GLOBAL.OVERRUN[8]"),
        (&["read", "OOB.PAGE[4].STALL"], "OOB.PAGE[4].STALL"),
        (
            &["write", "INBAND.PAGE[7].STALL", "1"],
            "INBAND.PAGE[7].STALL",
        ),
        (
            &["write", "GLOBAL.IPI_PRIO_OOB.P8", "3"],
            "GLOBAL.IPI_PRIO_OOB.P8",
        ),
        (
            &["read", "GLOBAL.IPI_PRIO_INB.P15"],
            "GLOBAL.IPI_PRIO_INB.P15",
        ),
    ] {
        let o = regs(&f, args);
        fails(
            &o,
            exit::REG_ACCESS,
            &format!("{what} is beyond this router instance"),
        );
        fails(&o, exit::REG_ACCESS, "NSRC = 32, NCPU = 4, NIPI = 8");
        fails(&o, exit::REG_ACCESS, "--beyond-hwcfg");
    }
    assert_eq!(std::fs::read(&f).unwrap(), before, "a refused access wrote");
    // The last element inside the instance is fine.
    ok(&regs(&f, &["write", "GLOBAL.SRC_CFG[31].EN", "1"]));
    ok(&regs(&f, &["read", "OOB.PAGE[3].STALL"]));
    ok(&regs(&f, &["write", "GLOBAL.IPI_PRIO_OOB.P7", "3"]));
    // The explicit override goes through (a test file has no bus errors).
    ok(&regs(
        &f,
        &["write", "GLOBAL.SRC_CFG[99].EN", "1", "--beyond-hwcfg"],
    ));
    assert_eq!(word(&std::fs::read(&f).unwrap(), 0x100 + 4 * 99), 1);
    let out = ok(&regs(&f, &["read", "OOB.PAGE[4].STALL", "--beyond-hwcfg"]));
    assert!(out.contains("OOB.PAGE[4].STALL"), "{out}");
}

/// Without "IRQR" in GLOBAL.ID, or with HWCFG reading 0, the bounds are
/// unknown: per-source/CPU/IPI registers are refused, global ones are not.
#[test]
fn an_unknown_instance_size_refuses_what_depends_on_it() {
    for (name, id, hwcfg, says) in [
        ("no-router", 0u32, HWCFG, "GLOBAL.ID reads 0x00000000"),
        ("no-hwcfg", ID, 0, "GLOBAL.HWCFG 0x00000000"),
    ] {
        let f = router_file(name);
        let mut b = std::fs::read(&f).unwrap();
        put(&mut b, 0, id);
        put(&mut b, 8, hwcfg);
        std::fs::write(&f, &b).unwrap();
        fails(
            &regs(&f, &["write", "GLOBAL.SRC_CFG[3].EN", "0"]),
            exit::REG_ACCESS,
            says,
        );
        fails(
            &regs(&f, &["read", "INBAND.PAGE[0].STATUS"]),
            exit::REG_ACCESS,
            "cannot check INBAND.PAGE[0].STATUS against the router's size",
        );
        assert_eq!(std::fs::read(&f).unwrap(), b);
        ok(&regs(&f, &["read", "GLOBAL.VERSION"]));
        ok(&regs(
            &f,
            &["write", "GLOBAL.SRC_CFG[3].EN", "0", "--beyond-hwcfg"],
        ));
    }
}
