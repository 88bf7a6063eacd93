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

/// The `+` lines of the first run of added lines in `file`'s part of a
/// unified diff that contains `marker`.
fn added_block(patch: &str, file: &str, marker: &str) -> String {
    let mut in_file = false;
    let mut run: Vec<&str> = Vec::new();
    for l in patch.lines() {
        if let Some(p) = l.strip_prefix("+++ b/") {
            in_file = p == file;
            run.clear();
            continue;
        }
        if !in_file {
            continue;
        }
        if let Some(added) = l.strip_prefix('+') {
            run.push(added);
        } else {
            if run.iter().any(|a| a.contains(marker)) {
                return run.join("\n") + "\n";
            }
            run.clear();
        }
    }
    if run.iter().any(|a| a.contains(marker)) {
        return run.join("\n") + "\n";
    }
    panic!("no added block with `{marker}` in {file} of the patch");
}

/// The Dovetail patch cannot be built here (no Dovetail tree), but the code
/// it adds can: its hook declarations (header) and registration (C file),
/// taken from the patch text, are compiled with W=1 against the real arm64
/// headers together with the driver, whose `#ifdef ARM64_INBAND_STALL_HOOK`
/// branch they switch on (and its `CONFIG_IRQ_PIPELINE` branches, with
/// stand-ins for the Dovetail hard-irq calls).
#[test]
fn dovetail_patch_code_compiles_with_the_driver() {
    let k = Kernel::get().unwrap_or_else(|e| panic!("{e}"));
    let root = qemu_linux::workspace_root();
    let patches = root.join("linux-glue/patches");
    let patch = std::fs::read_dir(&patches)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|x| x == "patch"))
        .expect("a .patch in linux-glue/patches");
    let text = std::fs::read_to_string(&patch).unwrap();
    let header = added_block(
        &text,
        "arch/arm64/include/asm/irq_pipeline.h",
        "#define ARM64_INBAND_STALL_HOOK",
    );
    let source = added_block(
        &text,
        "arch/arm64/kernel/irq_pipeline.c",
        "int register_inband_stall_hook(",
    );

    let src = cache_root().join("dovetail-src");
    let _ = std::fs::remove_dir_all(&src);
    std::fs::create_dir_all(src.join("driver")).unwrap();
    std::fs::copy(
        root.join("linux-glue/driver/irq-router.c"),
        src.join("driver/irq-router.c"),
    )
    .unwrap();
    std::fs::write(
        src.join("driver/dovetail_hook.h"),
        format!(
            "/* From {} */\n#include <linux/jump_label.h>\nstruct module;\n{header}\n\
             /* Stand-ins for Dovetail's hard irq API and chip flag, which the stock\n \
             * headers lack, so that the driver's CONFIG_IRQ_PIPELINE branches build. */\n\
             #define CONFIG_IRQ_PIPELINE 1\n\
             #define hard_local_irq_save() arch_local_irq_save()\n\
             #define hard_local_irq_restore(f) arch_local_irq_restore(f)\n\
             #define hard_irqs_disabled() arch_irqs_disabled()\n\
             #define IRQCHIP_PIPELINE_SAFE 0\n",
            patch.display()
        ),
    )
    .unwrap();
    std::fs::write(
        src.join("driver/dovetail_hook.c"),
        format!(
            "// SPDX-License-Identifier: GPL-2.0\n#include <linux/module.h>\n#include <linux/mutex.h>\n{source}"
        ),
    )
    .unwrap();
    std::fs::write(
        src.join("driver/Kbuild"),
        "obj-m := irq-router-dovetail.o\nirq-router-dovetail-y := irq-router.o dovetail_hook.o\n\
         ccflags-y := -I$(src)/../include -include $(src)/dovetail_hook.h\n",
    )
    .unwrap();
    let m = build_module(
        k,
        "dovetail",
        &src.join("driver"),
        &root.join("linux-glue/include"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let diags = diagnostics(&m.log);
    assert!(
        diags.is_empty(),
        "patch code + driver, W=1:\n{}\n{}",
        diags.join("\n"),
        m.log
    );
    // The driver's hook branch really was compiled in.
    let ko = std::fs::read(&m.ko).unwrap();
    let needle = b"in-band stall bits now mirrored into the router";
    assert!(
        ko.windows(needle.len()).any(|w| w == needle),
        "hook branch not compiled"
    );
}
