//! The committed outputs must be exactly what the generator produces now.

mod common;

use std::process::Command;

#[test]
fn generated_files_are_current() {
    let root = common::root();
    let files = regmap_gen::generate_all(&common::svd_path()).expect("generate from the SVD");
    let status = regmap_gen::check(&root, &files).expect("compare with the tree");
    assert!(
        status.is_clean(),
        "generated files do not match {}:\n{status}",
        regmap_gen::SVD_PATH
    );
}

#[test]
fn generation_is_deterministic() {
    let a = regmap_gen::generate_all(&common::svd_path()).unwrap();
    let b = regmap_gen::generate_all(&common::svd_path()).unwrap();
    assert_eq!(a, b);
    let paths: Vec<String> = a.iter().map(|f| f.path.display().to_string()).collect();
    for expected in [
        regmap_gen::SV_PATH,
        regmap_gen::C_HEADER_PATH,
        regmap_gen::DOC_PATH,
        "firmware/router-pac/src/lib.rs",
    ] {
        assert!(
            paths.iter().any(|p| p == expected),
            "{expected} not generated: {paths:?}"
        );
    }
    for f in &a {
        assert!(
            !f.contents.contains('\r'),
            "{}: CR in output",
            f.path.display()
        );
        assert!(
            f.contents.ends_with('\n'),
            "{}: no final newline",
            f.path.display()
        );
        assert!(
            f.contents.contains("DO NOT EDIT") && f.contents.contains(regmap_gen::REGEN_COMMAND),
            "{}: missing the generated-file banner",
            f.path.display()
        );
    }
}

/// The binary on a scratch tree: --check fails and lists files, a plain run
/// writes them, --check then passes; a leftover PAC file is reported and
/// removed.
#[test]
fn cli_check_and_write() {
    let exe = env!("CARGO_BIN_EXE_regmap-gen");
    let tmp = common::scratch("cli");
    let svd = tmp.join(regmap_gen::SVD_PATH);
    std::fs::create_dir_all(svd.parent().unwrap()).unwrap();
    std::fs::copy(common::svd_path(), &svd).unwrap();

    let run = |args: &[&str]| {
        Command::new(exe)
            .args(args)
            .arg("--root")
            .arg(&tmp)
            .output()
            .expect("run regmap-gen")
    };

    let out = run(&["--check"]);
    assert!(!out.status.success(), "--check on an empty tree must fail");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(regmap_gen::SV_PATH), "{err}");
    assert!(err.contains(regmap_gen::REGEN_COMMAND), "{err}");

    let out = run(&[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = run(&["--check"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let leftover = tmp.join(regmap_gen::PAC_SRC_DIR).join("old_module.rs");
    std::fs::write(&leftover, "// stale\n").unwrap();
    let out = run(&["--check"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("old_module.rs"));
    let out = run(&[]);
    assert!(out.status.success());
    assert!(!leftover.exists(), "leftover PAC file not removed");

    let out = run(&["--bogus"]);
    assert_eq!(out.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&tmp);
}
