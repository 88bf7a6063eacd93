//! irqpipe never loses a user's file: `bit convert` never writes over its
//! own input (however it is named), replaces an existing output only with
//! `--force`, always through a temporary file; and no module but
//! `src/atomic.rs` creates files.

mod common;

use std::path::Path;
use std::process::Output;

use irqpipe::bitfile;
use irqpipe::exit;

fn convert(args: &[&str], file: &Path) -> Output {
    common::irqpipe_on(&[&["bit", "convert"][..], args].concat(), file)
}

fn zynqmp_bin() -> Vec<u8> {
    bitfile::to_zynqmp_bin(&bitfile::parse(&common::zcu102_bit()).unwrap())
}

/// Real repositories ship .bit files named .bin: converting one would, by
/// the default name, write over the only copy.
#[test]
fn a_bit_file_named_bin_is_never_overwritten_by_its_own_conversion() {
    let dir = common::scratch("safety-self");
    let bit = common::zcu102_bit();
    let f = common::write(&dir, "design.bin", &bit);
    let link = dir.join("alias.bin");
    std::os::unix::fs::symlink(&f, &link).unwrap();
    let hard = dir.join("hard.bit");
    std::fs::hard_link(&f, &hard).unwrap();
    // Default output name, -o with the same path, another spelling of it, a
    // symlink to it, a hard link to it; --force changes nothing.
    let dotted = dir.join(".").join("design.bin");
    let cases: Vec<(Vec<&str>, &Path)> = vec![
        (vec![], &f),
        (vec!["--force"], &f),
        (vec!["-o", f.to_str().unwrap(), "--force"], &f),
        (vec!["-o", dotted.to_str().unwrap()], &f),
        (vec!["-o", link.to_str().unwrap(), "--force"], &f),
        (vec!["-o", hard.to_str().unwrap(), "--force"], &f),
        (vec!["--force"], &link),
    ];
    for (args, input) in cases {
        let out = convert(&args, input);
        common::assert_exit(&out, exit::USAGE, "is the input file itself");
        assert_eq!(std::fs::read(&f).unwrap(), bit, "{args:?}: input changed");
    }
    assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
    assert_eq!(common::leftovers(&dir), Vec::<String>::new());
    // Given another name, the same file converts.
    let out = convert(&["-o", dir.join("out.bin").to_str().unwrap()], &f);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(std::fs::read(dir.join("out.bin")).unwrap(), zynqmp_bin());
}

#[test]
fn an_existing_output_is_replaced_only_with_force() {
    let dir = common::scratch("safety-force");
    let f = common::write(&dir, "router.bit", &common::zcu102_bit());
    let out_path = common::write(&dir, "router.bin", b"the user's own file");
    let out = convert(&[], &f);
    common::assert_exit(&out, exit::USAGE, "router.bin already exists; pass --force");
    assert_eq!(std::fs::read(&out_path).unwrap(), b"the user's own file");
    // A dangling symlink is an existing name too.
    let dangling = dir.join("dangling.bin");
    std::os::unix::fs::symlink(dir.join("nowhere"), &dangling).unwrap();
    let out = convert(&["-o", dangling.to_str().unwrap()], &f);
    common::assert_exit(&out, exit::USAGE, "already exists");
    assert!(!dir.join("nowhere").exists());

    let out = convert(&["--force"], &f);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(std::fs::read(&out_path).unwrap(), zynqmp_bin());
    assert_eq!(common::leftovers(&dir), Vec::<String>::new());
}

/// The replacement goes through a new file renamed into place: a reader
/// holding the old file keeps the old bytes (an in-place write would change
/// them under it), and the directory entry's inode changes.
#[test]
fn a_forced_replacement_is_a_rename_not_an_in_place_write() {
    use std::os::unix::fs::MetadataExt;
    let dir = common::scratch("safety-rename");
    let f = common::write(&dir, "router.bit", &common::zcu102_bit());
    let out_path = common::write(&dir, "router.bin", b"old content");
    let held = std::fs::File::open(&out_path).unwrap();
    let inode = held.metadata().unwrap().ino();
    let out = convert(&["--force"], &f);
    assert_eq!(out.status.code(), Some(0));
    assert_ne!(std::fs::metadata(&out_path).unwrap().ino(), inode);
    use std::io::Read;
    let mut old = String::new();
    (&held).read_to_string(&mut old).unwrap();
    assert_eq!(old, "old content");
}

#[test]
fn the_library_writer_refuses_existing_files_and_restores_backups() {
    use irqpipe::atomic::{write_file, Backup, Existing};
    let dir = common::scratch("safety-lib");
    let p = dir.join("f");
    write_file(&p, b"one", Existing::Keep, |_| {}).unwrap();
    let e = write_file(&p, b"two", Existing::Keep, |_| {}).unwrap_err();
    assert_eq!(e.kind(), std::io::ErrorKind::AlreadyExists);
    assert_eq!(std::fs::read(&p).unwrap(), b"one");
    // A backup survives the replacement and comes back byte for byte.
    let b = Backup::take(&p).unwrap();
    write_file(&p, b"two", Existing::Replace, |_| {}).unwrap();
    assert_eq!(std::fs::read(&p).unwrap(), b"two");
    b.restore().unwrap();
    assert_eq!(std::fs::read(&p).unwrap(), b"one");
    // Without a previous file, restoring removes the new one.
    let q = dir.join("new");
    let b = Backup::take(&q).unwrap();
    write_file(&q, b"x", Existing::Keep, |_| {}).unwrap();
    b.restore().unwrap();
    assert!(!q.exists());
    // Discarding keeps the new content and cleans up.
    let b = Backup::take(&p).unwrap();
    write_file(&p, b"three", Existing::Replace, |_| {}).unwrap();
    b.discard();
    assert_eq!(std::fs::read(&p).unwrap(), b"three");
    assert_eq!(common::leftovers(&dir), Vec::<String>::new());
}

/// The rule as code: the calls that create or truncate files appear only in
/// src/atomic.rs. (fpga.rs opens existing sysfs attributes for writing and
/// mmio.rs maps an existing device; neither creates anything.)
#[test]
fn no_module_but_atomic_creates_files() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let creating = [
        "File::create",
        "fs::write(",
        "fs::copy(",
        ".create(true)",
        ".create_new(true)",
        "fs::rename(",
    ];
    let mut offenders = Vec::new();
    for e in std::fs::read_dir(&src).unwrap() {
        let path = e.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name == "atomic.rs" || !name.ends_with(".rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        for c in creating {
            if text.contains(c) {
                offenders.push(format!("{name}: {c}"));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "files created outside atomic.rs: {offenders:?}"
    );
    // And the check itself sees a creation where there is one.
    let atomic = std::fs::read_to_string(src.join("atomic.rs")).unwrap();
    assert!(creating.iter().any(|c| atomic.contains(c)));
}
