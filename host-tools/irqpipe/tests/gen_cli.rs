//! `gen` is regmap-gen's library behind the CLI: it writes exactly what
//! `regmap_gen::generate_all` produces, `--check` reports stale trees, and
//! a broken SVD gets its own exit code. Runs in a scratch copy of the
//! repository layout so the real tree is never written.

mod common;

use std::path::{Path, PathBuf};

use irqpipe::exit;

fn scratch_root(name: &str) -> PathBuf {
    let root = common::scratch(&format!("gen-{name}"));
    let svd = root.join(regmap_gen::SVD_PATH);
    std::fs::create_dir_all(svd.parent().unwrap()).unwrap();
    std::fs::copy(common::repo_root().join(regmap_gen::SVD_PATH), &svd).unwrap();
    root
}

fn gen(root: &Path, check: bool) -> std::process::Output {
    let mut c = common::irqpipe();
    c.arg("gen").arg("--root").arg(root);
    if check {
        c.arg("--check");
    }
    c.output().unwrap()
}

#[test]
fn gen_writes_what_regmap_gen_generates_and_check_then_passes() {
    let root = scratch_root("write");
    let out = gen(&root, true);
    assert_eq!(
        out.status.code(),
        Some(i32::from(exit::GEN_STALE)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("stale:    hdl/doc/registers.md"));

    let out = gen(&root, false);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("wrote   hdl/rtl/irq_router_regs_pkg.sv"));
    let expected = regmap_gen::generate_all(&root.join(regmap_gen::SVD_PATH)).unwrap();
    assert!(expected.len() >= 5);
    for f in &expected {
        let on_disk = std::fs::read_to_string(root.join(&f.path)).unwrap();
        assert!(
            on_disk == f.contents,
            "{} differs from regmap-gen's output",
            f.path.display()
        );
    }

    let out = gen(&root, true);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("generated files are current"));
}

#[test]
fn a_broken_or_missing_svd_is_reported_and_nothing_is_written() {
    let root = scratch_root("broken");
    let svd = root.join(regmap_gen::SVD_PATH);
    let text = std::fs::read_to_string(&svd).unwrap();
    std::fs::write(&svd, &text[..text.len() / 2]).unwrap();
    let out = gen(&root, false);
    assert_eq!(
        out.status.code(),
        Some(i32::from(exit::GEN_FAILED)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot parse the SVD"));
    assert!(!root.join(regmap_gen::DOC_PATH).exists());

    std::fs::remove_file(&svd).unwrap();
    let out = gen(&root, true);
    assert_eq!(
        out.status.code(),
        Some(i32::from(exit::IO)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
