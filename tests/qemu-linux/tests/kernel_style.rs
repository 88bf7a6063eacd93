//! The linux-glue C code held to drivers/irqchip's standard: the kernel's
//! own `checkpatch.pl --strict` (from Debian's linux-source-6.1) on the
//! driver, the channel module, their headers, the test modules and the
//! Dovetail patch, and sparse (`C=2`, every file checked) with W=1 on the
//! driver as shipped and with the stall mirror compiled in, and on the
//! channel module. Each check is shown to bite on a canary.

use std::path::{Path, PathBuf};
use std::process::Command;

use qemu_linux::{build_module_with, cache_root, diagnostics, linux_source, workspace_root, Kernel};

fn checkpatch(args: &[&str], files: &[PathBuf]) -> String {
    let tree = linux_source().unwrap_or_else(|e| panic!("{e}"));
    let out = Command::new("perl")
        .arg(tree.join("scripts/checkpatch.pl"))
        .args(["--strict", "--no-tree", "--no-color", "--show-types"])
        .args(args)
        .args(files)
        .output()
        .expect("run perl");
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Every "total:" line of a checkpatch run says zero of everything.
fn clean(report: &str, expected_files: usize) -> bool {
    let totals: Vec<&str> = report.lines().filter(|l| l.starts_with("total:")).collect();
    totals.len() == expected_files
        && totals
            .iter()
            .all(|l| l.starts_with("total: 0 errors, 0 warnings, 0 checks"))
}

fn glue_sources() -> Vec<PathBuf> {
    let root = workspace_root();
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let modules = here.join("modules");
    vec![
        root.join("linux-glue/driver/irq-router.c"),
        root.join("linux-glue/include/linux/irqchip/irq-router.h"),
        root.join("linux-glue/chan/irq-router-chan.c"),
        root.join("linux-glue/include/irq_router_chan.h"),
        modules.join("ipi-consumer/ipi-consumer.c"),
        modules.join("mirror-bench/mirror-bench.c"),
        modules.join("idle-wake/idle-wake.c"),
        modules.join("stock-mirror.h"),
        here.join("consumer/irqr-consumer.c"),
    ]
}

fn patches() -> Vec<PathBuf> {
    let dir = workspace_root().join("linux-glue/patches");
    let mut p: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "patch"))
        .collect();
    p.sort();
    assert!(!p.is_empty(), "no .patch in {}", dir.display());
    p
}

#[test]
fn checkpatch_strict_is_clean_on_the_glue_and_the_patch() {
    let files = glue_sources();
    let report = checkpatch(&["-f"], &files);
    assert!(clean(&report, files.len()), "checkpatch --strict -f:\n{report}");
    let p = patches();
    let report = checkpatch(&[], &p);
    assert!(clean(&report, p.len()), "checkpatch --strict on the patch:\n{report}");
}

/// The check bites: a file with a style fault of each kind is reported.
#[test]
fn checkpatch_reports_a_faulty_file() {
    let dir = cache_root().join("checkpatch-canary");
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("canary.c");
    std::fs::write(
        &bad,
        "// SPDX-License-Identifier: GPL-2.0\n#include <linux/module.h>\n\n\
         static int canary(int a){\n\tif (a == NULL) return 1;\n\treturn a ;\n}\n",
    )
    .unwrap();
    let report = checkpatch(&["-f"], &[bad]);
    for kind in ["OPEN_BRACE", "TRAILING_STATEMENTS", "SPACING"] {
        assert!(report.contains(kind), "checkpatch missed {kind}:\n{report}");
    }
    assert!(!clean(&report, 1));
}

fn sparse_build(name: &str, src: &Path, make_args: &[String]) -> String {
    let k = Kernel::get().unwrap_or_else(|e| panic!("{e}"));
    let mut args = vec!["C=2".to_string()];
    args.extend_from_slice(make_args);
    let m = build_module_with(k, name, src, &workspace_root().join("linux-glue/include"), &args)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        m.log.contains("CHECK "),
        "sparse did not run (is Debian's sparse installed? `bash scripts/setup.sh`):\n{}",
        m.log
    );
    m.log
}

#[test]
fn sparse_and_w1_are_clean_with_and_without_the_mirror() {
    let driver = workspace_root().join("linux-glue/driver");
    let chan = workspace_root().join("linux-glue/chan");
    let forced = Path::new(env!("CARGO_MANIFEST_DIR")).join("modules/stock-mirror.h");
    for (name, src, args) in [
        ("sparse-driver", &driver, vec![]),
        (
            "sparse-driver-mirror",
            &driver,
            vec![format!("KCFLAGS=-include {}", forced.display())],
        ),
        ("sparse-chan", &chan, vec![]),
    ] {
        let log = sparse_build(name, src, &args);
        let diags = diagnostics(&log);
        assert!(diags.is_empty(), "{name}: C=2 W=1 not clean:\n{}", diags.join("\n"));
    }
}

/// The check bites: an `__iomem` pointer dereferenced directly is reported.
#[test]
fn sparse_reports_an_address_space_fault() {
    let dir = cache_root().join("sparse-canary-src");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("Kbuild"), "obj-m := sparse-canary.o\n").unwrap();
    std::fs::write(
        dir.join("sparse-canary.c"),
        "// SPDX-License-Identifier: GPL-2.0\n#include <linux/io.h>\n#include <linux/module.h>\n\
         void canary_poke(void __iomem *reg);\n\
         void canary_poke(void __iomem *reg)\n{\n\t*(u32 *)reg = 1;\n}\n\
         EXPORT_SYMBOL_GPL(canary_poke);\nMODULE_LICENSE(\"GPL\");\n",
    )
    .unwrap();
    let log = sparse_build("sparse-canary", &dir, &[]);
    assert!(
        log.contains("sparse-canary.c") && log.contains("address space"),
        "sparse missed the __iomem dereference:\n{log}"
    );
}
