//! The linux-glue module compiled for arm64 with the cross gcc against the
//! headers of Debian's current arm64 kernel, with W=1: any warning fails.

use qemu_linux::{build_module, cache_root, diagnostics, glue_module, Kernel};

#[test]
fn module_builds_warning_free_with_w1() {
    let k = Kernel::get().unwrap_or_else(|e| panic!("{e}"));
    let m = glue_module().unwrap_or_else(|e| panic!("{e}"));
    eprintln!("kernel {} headers {}\n{}", k.abi, k.headers.display(), m.log);
    let diags = diagnostics(&m.log);
    assert!(diags.is_empty(), "W=1 build is not clean:\n{}", diags.join("\n"));
    // The module must be for this kernel: same release, arm64 flavour.
    let ko = std::fs::read(&m.ko).unwrap();
    let want = format!("vermagic={}-arm64 SMP", k.abi);
    assert!(
        ko.windows(want.len()).any(|w| w == want.as_bytes()),
        "{} has no `{want}`",
        m.ko.display()
    );
    let machine = u16::from_le_bytes([ko[18], ko[19]]);
    assert_eq!(machine, 183, "{} is not an AArch64 ELF (e_machine {machine})", m.ko.display());
}

/// The check above can fail: a module with a W=1-only warning
/// (-Wmissing-prototypes) is caught by the same build and parser.
#[test]
fn w1_warning_is_detected() {
    let k = Kernel::get().unwrap_or_else(|e| panic!("{e}"));
    let src = cache_root().join("canary-src");
    let _ = std::fs::remove_dir_all(&src);
    std::fs::create_dir_all(src.join("driver")).unwrap();
    std::fs::create_dir_all(src.join("include")).unwrap();
    std::fs::write(src.join("driver/Kbuild"), "obj-m := canary.o\n").unwrap();
    std::fs::write(
        src.join("driver/canary.c"),
        "// SPDX-License-Identifier: GPL-2.0\n#include <linux/module.h>\n\
         int canary_no_prototype(void);\nint canary_no_prototype(void) { return 0; }\n\
         int canary_missing(void) { return 1; }\nMODULE_LICENSE(\"GPL\");\n",
    )
    .unwrap();
    let m = build_module(k, "canary", &src.join("driver"), &src.join("include"))
        .unwrap_or_else(|e| panic!("{e}"));
    let diags = diagnostics(&m.log);
    assert!(
        diags.iter().any(|d| d.contains("canary_missing") && d.contains("-Wmissing-prototypes")),
        "W=1 warning not detected; build log:\n{}",
        m.log
    );
    assert!(!diags.iter().any(|d| d.contains("canary_no_prototype")), "{diags:?}");
}
