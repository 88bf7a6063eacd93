//! The C header compiles warning-free with the host C compiler, and its
//! macros agree with the register map (static assertions generated from the
//! model, plus a few written out by hand).

mod common;

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::Command;

use regmap_gen::model::Item;

/// `$CC`, else the first of cc, gcc, clang that runs.
fn find_cc() -> Option<PathBuf> {
    let mut candidates: Vec<PathBuf> = Vec::new();
    if let Some(cc) = std::env::var_os("CC") {
        candidates.push(cc.into());
    }
    candidates.extend(["cc", "gcc", "clang"].map(PathBuf::from));
    candidates.into_iter().find(|c| {
        Command::new(c)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

fn model_asserts() -> String {
    let map = regmap_gen::load(&common::svd_path()).unwrap();
    let mut s = String::new();
    let mut check = |expr: String, value: u64| {
        let _ = writeln!(s, "_Static_assert(({expr}) == {value}ULL, \"{expr}\");");
    };
    let base = map.base();
    for p in &map.peripherals {
        check(format!("IRQ_ROUTER_{}_BASE", p.name), p.base - base);
        if p.derived_from.is_some() {
            continue;
        }
        for item in &p.items {
            let (prefix, regs) = match item {
                Item::Register(r) => (p.name.clone(), vec![r]),
                Item::Cluster(c) => (c.name.clone(), c.registers.iter().collect()),
            };
            for r in regs {
                let rp = format!("IRQ_ROUTER_{prefix}_{}", r.name);
                check(format!("{rp}_OFFSET"), r.offset);
                check(format!("{rp}_RESET"), r.reset);
                if let Some(a) = r.array {
                    check(format!("{rp}({})", a.count - 1), r.offset_of(a.count - 1));
                    check(format!("{rp}_COUNT"), u64::from(a.count));
                }
                for f in &r.fields {
                    let fp = format!("{rp}_{}", f.name);
                    match f.array {
                        None => {
                            check(format!("{fp}_SHIFT"), u64::from(f.lsb));
                            check(format!("{fp}_MASK"), f.value_mask() << f.lsb);
                        }
                        Some(a) => {
                            let last = a.count - 1;
                            check(format!("{fp}_SHIFT({last})"), u64::from(f.lsb_of(last)));
                            check(
                                format!("{fp}_MASK({last})"),
                                f.value_mask() << f.lsb_of(last),
                            );
                        }
                    }
                    check(format!("{fp}_WIDTH"), u64::from(f.width));
                    for e in &f.enums {
                        check(format!("{fp}_{}", e.name), e.value);
                    }
                }
            }
        }
    }
    s
}

const HAND_WRITTEN: &str = r#"
_Static_assert(IRQ_ROUTER_GLOBAL_SRC_CFG(5) == 0x114, "SRC_CFG[5]");
_Static_assert(IRQ_ROUTER_OOB_PAGE(3) + IRQ_ROUTER_PAGE_CLAIM_OFFSET == 0x13000, "OOB PAGE[3].CLAIM");
_Static_assert(IRQ_ROUTER_INBAND_PAGE(1) + IRQ_ROUTER_PAGE_STALL_OFFSET == 0x9008, "INBAND PAGE[1].STALL");
_Static_assert(IRQ_ROUTER_PAGE_CLAIM_ID_NONE == 0x3FF, "NONE");
_Static_assert(IRQ_ROUTER_GLOBAL_LOCK_KEY_KEY == 0x4C4F434BU, "LOCK key");
_Static_assert(IRQ_ROUTER_GLOBAL_OVERRUN_CNT_MASK(3) == 0xFF000000U, "CNT3");
_Static_assert(IRQ_ROUTER_PAGE_IPI_SEND_STAGE_MASK == (1U << 24), "IPI_SEND.STAGE");

/* Typical driver use, so that the macros are exercised as expressions. */
unsigned int src_cfg_word(unsigned int prio, unsigned int cpu);
unsigned int src_cfg_word(unsigned int prio, unsigned int cpu)
{
	return IRQ_ROUTER_GLOBAL_SRC_CFG_EN_MASK |
	       (IRQ_ROUTER_GLOBAL_SRC_CFG_TRIG_EDGE << IRQ_ROUTER_GLOBAL_SRC_CFG_TRIG_SHIFT) |
	       ((prio << IRQ_ROUTER_GLOBAL_SRC_CFG_PRIO_SHIFT) & IRQ_ROUTER_GLOBAL_SRC_CFG_PRIO_MASK) |
	       ((cpu << IRQ_ROUTER_GLOBAL_SRC_CFG_CPU_SHIFT) & IRQ_ROUTER_GLOBAL_SRC_CFG_CPU_MASK);
}
"#;

#[test]
fn c_header_compiles_and_matches_the_register_map() {
    let Some(cc) = find_cc() else {
        eprintln!(
            "SKIPPED c_header_compiles_and_matches_the_register_map: no C compiler found \
             (tried $CC, cc, gcc, clang); install gcc to run this check"
        );
        return;
    };
    let tmp = common::scratch("c-header");
    let src = tmp.join("check_header.c");
    let text = format!(
        "#include \"irq_router_regs.h\"\n#include \"irq_router_regs.h\" /* include guard */\n\n{}\n{HAND_WRITTEN}",
        model_asserts()
    );
    std::fs::write(&src, text).unwrap();
    let include = common::root().join("linux-glue/include");
    for std in ["-std=c11", "-std=gnu11"] {
        let out = Command::new(&cc)
            .args([std, "-Wall", "-Wextra", "-Werror", "-pedantic"])
            .arg("-I")
            .arg(&include)
            .arg("-c")
            .arg(&src)
            .arg("-o")
            .arg(tmp.join("check_header.o"))
            .output()
            .expect("run the C compiler");
        assert!(
            out.status.success(),
            "{} {std} failed on {}:\n{}",
            cc.display(),
            src.display(),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let _ = std::fs::remove_dir_all(&tmp);
}
