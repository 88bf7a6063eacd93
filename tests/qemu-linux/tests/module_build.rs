//! The linux-glue module compiled for arm64 with the cross gcc against the
//! headers of Debian's current arm64 kernel, with W=1: any warning fails.

use qemu_linux::{build_module, cache_root, diagnostics, glue_module, Kernel};

#[test]
fn module_builds_warning_free_with_w1() {
    let k = Kernel::get().unwrap_or_else(|e| panic!("{e}"));
    let m = glue_module().unwrap_or_else(|e| panic!("{e}"));
    eprintln!(
        "kernel {} headers {}\n{}",
        k.abi,
        k.headers.display(),
        m.log
    );
    let diags = diagnostics(&m.log);
    assert!(
        diags.is_empty(),
        "W=1 build is not clean:\n{}",
        diags.join("\n")
    );
    // The module must be for this kernel: same release, arm64 flavour.
    let ko = std::fs::read(&m.ko).unwrap();
    let want = format!("vermagic={}-arm64 SMP", k.abi);
    assert!(
        ko.windows(want.len()).any(|w| w == want.as_bytes()),
        "{} has no `{want}`",
        m.ko.display()
    );
    let machine = u16::from_le_bytes([ko[18], ko[19]]);
    assert_eq!(
        machine,
        183,
        "{} is not an AArch64 ELF (e_machine {machine})",
        m.ko.display()
    );
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
        diags
            .iter()
            .any(|d| d.contains("canary_missing") && d.contains("-Wmissing-prototypes")),
        "W=1 warning not detected; build log:\n{}",
        m.log
    );
    assert!(
        !diags.iter().any(|d| d.contains("canary_no_prototype")),
        "{diags:?}"
    );
}

/// The Dovetail patch cannot be applied here (no Dovetail tree; CI fetches
/// nothing but packages): linux-glue/patches/README.md says how it was
/// checked against one. What can be checked without it: the patch parses as
/// a patch, it calls exactly the mirror hooks the driver's header defines
/// (and only under the Kconfig symbol it adds), and the driver's code for
/// that symbol compiles (`kernel_style::sparse_and_w1_are_clean_with_and_
/// without_the_mirror` builds it with the mirror at W=1 and C=2).
#[test]
fn the_patch_calls_what_the_header_defines() {
    let root = qemu_linux::workspace_root();
    let dir = root.join("linux-glue/patches");
    let patch = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|x| x == "patch"))
        .expect("a .patch in linux-glue/patches");
    // Outside the repository: inside it, git apply ignores the paths that
    // are not under its working directory.
    let stat = qemu_linux::run(
        std::process::Command::new("git")
            .args(["apply", "--numstat"])
            .arg(&patch)
            .current_dir(std::env::temp_dir()),
    )
    .unwrap_or_else(|e| panic!("the patch does not parse: {e}"));
    let touched: Vec<&str> = stat.lines().filter_map(|l| l.split('\t').nth(2)).collect();
    assert_eq!(
        touched,
        [
            "drivers/irqchip/Kconfig",
            "drivers/irqchip/Makefile",
            "include/linux/irqstage.h",
            "kernel/irq/pipeline.c"
        ],
        "{stat}"
    );
    let text = std::fs::read_to_string(&patch).unwrap();
    let header =
        std::fs::read_to_string(root.join("linux-glue/include/linux/irqchip/irq-router.h")).unwrap();
    let driver = std::fs::read_to_string(root.join("linux-glue/driver/irq-router.c")).unwrap();
    let added: Vec<&str> = text.lines().filter_map(|l| l.strip_prefix('+')).collect();
    // Every irq_router_* call the patch adds is an inline of the header.
    let mut calls: Vec<&str> = added
        .iter()
        .flat_map(|l| l.match_indices("irq_router_").map(move |(i, _)| &l[i..]))
        .map(|s| &s[..s.find('(').unwrap_or(s.len())])
        .filter(|s| !s.contains('.') && !s.contains('/') && !s.contains('>'))
        .collect();
    calls.sort();
    calls.dedup();
    assert_eq!(
        calls,
        ["irq_router_mirror_idle_wake", "irq_router_mirror_stall", "irq_router_mirror_unstall", "irq_router_mirror_write"],
        "calls added by the patch"
    );
    for c in &calls {
        assert!(
            header.contains(&format!("static __always_inline void {c}(")),
            "{c} is not an inline of irq-router.h"
        );
    }
    // The Kconfig symbols it adds are the ones the driver and header test.
    for sym in ["IRQ_ROUTER", "IRQ_ROUTER_STALL_MIRROR"] {
        assert!(added.contains(&format!("config {sym}").as_str()), "config {sym}");
    }
    assert!(header.contains("#ifdef CONFIG_IRQ_ROUTER_STALL_MIRROR"));
    assert!(driver.contains("#ifdef CONFIG_IRQ_ROUTER_STALL_MIRROR"));
    assert!(added.iter().any(|l| l.contains("obj-$(CONFIG_IRQ_ROUTER)") && l.contains("irq-router.o")));
    // apply.sh copies the files the Makefile line and the includes need.
    let apply = std::fs::read_to_string(dir.join("apply.sh")).unwrap();
    for f in [
        "driver/irq-router.c",
        "include/irq_router_regs.h",
        "include/linux/irqchip/irq-router.h",
    ] {
        assert!(apply.contains(f), "apply.sh does not copy {f}");
    }
}
