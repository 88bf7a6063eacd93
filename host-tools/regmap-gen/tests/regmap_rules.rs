//! Layout rules of the register map, checked on the real SVD, and clear
//! errors (never panics) on malformed ones.

mod common;

use std::collections::BTreeSet;

use regmap_gen::model::{Item, RegMap};
use regmap_gen::Error;

fn map() -> RegMap {
    regmap_gen::load(&common::svd_path()).expect("the SVD loads")
}

#[test]
fn every_register_offset_is_unique_and_aligned() {
    let map = map();
    let inst = map.instances();
    // 15 GLOBAL registers (arrays expanded) plus 2 × 8 pages.
    assert!(inst.len() > 200, "only {} register copies", inst.len());
    let mut seen = BTreeSet::new();
    for (addr, name) in &inst {
        assert_eq!(addr % 4, 0, "{name} at {addr:#x} is not 4-byte aligned");
        assert!(seen.insert(*addr), "{name} at {addr:#x} shares its address");
    }
    // Also within each scope, before base addresses are added.
    for p in &map.peripherals {
        for item in &p.items {
            let regs = match item {
                Item::Register(r) => vec![r],
                Item::Cluster(c) => c.registers.iter().collect(),
            };
            for r in regs {
                assert_eq!(r.offset % 4, 0, "{}.{}", p.name, r.name);
                assert_eq!(r.size, 32, "{}.{}", p.name, r.name);
                if let Some(a) = r.array {
                    assert_eq!(a.stride % 4, 0, "{}.{} stride", p.name, r.name);
                }
            }
        }
    }
}

#[test]
fn arrays_fit_inside_their_block() {
    let map = map();
    for p in &map.peripherals {
        for item in &p.items {
            match item {
                Item::Register(r) => assert!(
                    r.offset + r.span() <= p.size,
                    "{}.{} ends at {:#x}, beyond the {:#x}-byte block",
                    p.name,
                    r.name,
                    r.offset + r.span(),
                    p.size
                ),
                Item::Cluster(c) => {
                    let stride = c.stride();
                    assert!(c.element_size() <= stride, "{}.{} element", p.name, c.name);
                    let end = c.offset + stride * u64::from(c.count());
                    assert!(end <= p.size, "{}.{} ends at {end:#x}", p.name, c.name);
                    for r in &c.registers {
                        assert!(
                            r.offset + r.span() <= stride,
                            "{}.{}.{} leaves its page",
                            p.name,
                            c.name,
                            r.name
                        );
                    }
                }
            }
        }
    }
    // Source arrays cover the 128 sources NSRC may reach.
    let global = map.peripheral("GLOBAL").unwrap();
    let count = |n: &str| global.registers().find(|r| r.name == n).unwrap().count();
    assert_eq!(count("SRC_CFG"), 128);
    assert_eq!(count("OVERRUN") * 4, 128);
    assert_eq!(count("SRC_RAW") * 32, 128);
}

#[test]
fn pages_are_4k_and_the_inband_window_is_one_aligned_32k_block() {
    let map = map();
    let base = map.base();
    let global = map.peripheral("GLOBAL").unwrap();
    assert_eq!(global.base - base, 0);
    assert_eq!(global.size, 0x1000, "GLOBAL is one 4 KiB page");

    for name in ["INBAND", "OOB"] {
        let p = map.peripheral(name).unwrap();
        let rel = p.base - base;
        assert_eq!(p.size, 0x8000, "{name} window size");
        assert_eq!(
            rel % 0x8000,
            0,
            "{name} window is not 32 KiB-aligned in the router"
        );
        assert_eq!(
            p.base % 0x8000,
            0,
            "{name} window is not 32 KiB-aligned in the SVD"
        );
        let page = p.clusters().next().expect("per-CPU page cluster");
        assert_eq!(page.name, "PAGE");
        assert_eq!(page.offset, 0);
        assert_eq!(page.stride(), 0x1000, "{name} pages are 4 KiB");
        assert_eq!(
            u64::from(page.count()) * page.stride(),
            p.size,
            "8 pages fill the window"
        );
        assert!(
            p.registers().next().is_none(),
            "{name}: registers outside the pages"
        );
    }
    let inband = map.peripheral("INBAND").unwrap();
    let oob = map.peripheral("OOB").unwrap();
    assert_eq!(oob.derived_from.as_deref(), Some("INBAND"));
    assert_eq!(oob.items, inband.items, "OOB has the INBAND layout");
    // No oob register inside the 32 KiB block Linux may map.
    for (addr, name) in map.instances() {
        let inside = (inband.base..inband.base + 0x8000).contains(&addr);
        assert_eq!(inside, name.starts_with("INBAND."), "{name} at {addr:#x}");
    }
    assert_eq!(map.addr_width(), 17);
}

fn expect_err(svd: &str, what: &str) -> String {
    let r = std::panic::catch_unwind(|| RegMap::from_svd(svd, "test.svd"));
    let r =
        r.unwrap_or_else(|_| panic!("{what}: the parser panicked instead of returning an error"));
    match r {
        Ok(_) => panic!("{what}: accepted"),
        Err(e) => {
            let msg = e.to_string();
            println!("{what}: {msg}");
            assert!(
                msg.contains("test.svd"),
                "{what}: error does not name the input: {msg}"
            );
            msg
        }
    }
}

#[test]
fn truncated_svd_is_a_parse_error() {
    let text = common::svd_text();
    for cut in [0, 10, text.len() / 3, text.len() / 2, text.len() - 20] {
        let msg = expect_err(&text[..cut], "truncated SVD");
        assert!(
            msg.starts_with("cannot parse the SVD"),
            "cut at {cut}: {msg}"
        );
    }
}

#[test]
fn overlapping_fields_are_rejected() {
    let text = common::svd_text();
    // SRC_CFG.PRIO grows down onto TRIG (bit 2).
    let bad = text.replacen(
        "<bitRange>[5:4]</bitRange>",
        "<bitRange>[5:2]</bitRange>",
        1,
    );
    assert_ne!(bad, text);
    let msg = expect_err(&bad, "overlapping fields");
    assert!(msg.contains("overlaps"), "{msg}");
    assert!(
        msg.contains("SRC_CFG") && msg.contains("PRIO") && msg.contains("TRIG"),
        "{msg}"
    );
}

#[test]
fn other_layout_errors_are_rejected() {
    let text = common::svd_text();
    // A misaligned register.
    let bad = text.replacen(
        "<addressOffset>0x014</addressOffset>",
        "<addressOffset>0x015</addressOffset>",
        1,
    );
    let msg = expect_err(&bad, "misaligned register");
    assert!(msg.contains("aligned") || msg.contains("overlaps"), "{msg}");
    // Two registers at one offset.
    let bad = text.replacen(
        "<addressOffset>0x01C</addressOffset>",
        "<addressOffset>0x018</addressOffset>",
        1,
    );
    let msg = expect_err(&bad, "shared offset");
    assert!(
        msg.contains("CYCLE_HI") && msg.contains("CYCLE_LO"),
        "{msg}"
    );
    // An array running past the end of its address block.
    let bad = text.replacen("<dim>32</dim>", "<dim>1024</dim>", 1);
    let msg = expect_err(&bad, "array beyond block");
    assert!(msg.contains("OVERRUN") && msg.contains("outside"), "{msg}");
    // A field beyond bit 31.
    let bad = text.replacen(
        "<bitRange>[22:17]</bitRange>",
        "<bitRange>[33:17]</bitRange>",
        1,
    );
    expect_err(&bad, "field beyond the register");
    // An enumerated value wider than its field.
    let bad = text.replacen("<value>0x3FF</value>", "<value>0x7FF</value>", 1);
    let msg = expect_err(&bad, "enum too wide");
    assert!(msg.contains("CLAIM") && msg.contains("ID"), "{msg}");
    // derivedFrom a peripheral that does not exist.
    let bad = text.replacen("derivedFrom=\"INBAND\"", "derivedFrom=\"NOPE\"", 1);
    let msg = expect_err(&bad, "unknown derivedFrom");
    assert!(msg.contains("NOPE"), "{msg}");
}

#[test]
fn generate_all_reports_bad_input_without_panicking() {
    let tmp = common::scratch("bad-svd");
    let missing = tmp.join("missing.svd");
    match regmap_gen::generate_all(&missing) {
        Err(Error::Io { path, .. }) => assert_eq!(path, missing),
        other => panic!("expected an I/O error, got {other:?}"),
    }
    let truncated = tmp.join("truncated.svd");
    let text = common::svd_text();
    std::fs::write(&truncated, &text[..text.len() / 2]).unwrap();
    match regmap_gen::generate_all(&truncated) {
        Err(e @ Error::Parse(_)) => assert!(e.to_string().contains("truncated.svd"), "{e}"),
        other => panic!("expected a parse error, got {other:?}"),
    }
    let _ = std::fs::remove_dir_all(&tmp);
}
