//! `hdl/rtl/irq_router_regs_pkg.sv`: a package of `localparam`s only, in the
//! subset that both Verilator and Yosys parse.
//!
//! Naming (P = peripheral name for registers placed directly in a peripheral,
//! cluster name for registers of a cluster):
//!
//! | constant | meaning |
//! |---|---|
//! | `REGMAP_ADDR_WIDTH` | address bits spanning every peripheral |
//! | `<PERIPH>_BASE` | peripheral base relative to the lowest one |
//! | `<CLUSTER>_STRIDE`, `_COUNT` | cluster array layout |
//! | `P_<REG>_OFFSET`, `_RESET` | offset in the peripheral / cluster element; reset value |
//! | `P_<REG>_STRIDE`, `_COUNT` | register array layout |
//! | `P_<REG>_<FIELD>_LSB`, `_WIDTH` | field position (element 0 of a field array) |
//! | `P_<REG>_<FIELD>_STRIDE`, `_COUNT` | field array layout (in bits) |
//! | `P_<REG>_<FIELD>_<ENUM>` | enumerated value (unshifted) |
//!
//! Byte addresses, reset and enumerated values are `logic [31:0]` in hex; bit
//! positions and counts are `int unsigned`.

use std::fmt::Write;

use crate::model::RegMap;
use crate::names::{self, Scope};
use crate::{Error, REGEN_COMMAND, SVD_PATH};

pub(crate) enum Kind {
    /// `logic [31:0]`, printed in hex.
    Word(u64),
    /// `int unsigned`, printed in decimal.
    Int(u64),
}

pub(crate) struct Const {
    pub(crate) name: String,
    pub(crate) kind: Kind,
}

/// A group of constants under one comment.
pub(crate) struct Group {
    pub(crate) comment: String,
    pub(crate) consts: Vec<Const>,
}

fn word(name: String, v: u64) -> Const {
    Const {
        name,
        kind: Kind::Word(v),
    }
}

fn int(name: String, v: u64) -> Const {
    Const {
        name,
        kind: Kind::Int(v),
    }
}

/// The constants of the SV package, also used by [`crate::rust_consts`].
pub(crate) fn groups(map: &RegMap, scopes: &[Scope<'_>]) -> Vec<Group> {
    let mut out = Vec::new();
    let base = map.base();
    let mut top = vec![int("REGMAP_ADDR_WIDTH".into(), u64::from(map.addr_width()))];
    for p in &map.peripherals {
        top.push(word(format!("{}_BASE", p.name), p.base - base));
    }
    out.push(Group {
        comment: format!(
            "Address map: peripheral bases relative to the lowest one ({:#010X} in the SVD).",
            base
        ),
        consts: top,
    });
    for s in scopes {
        if let Some(c) = s.cluster {
            if let Some(a) = c.array {
                out.push(Group {
                    comment: format!("{}: {}", s.location(), c.description),
                    consts: vec![
                        word(format!("{}_STRIDE", s.prefix), a.stride),
                        int(format!("{}_COUNT", s.prefix), u64::from(a.count)),
                    ],
                });
            }
        }
        for r in &s.registers {
            let rp = format!("{}_{}", s.prefix, r.name);
            let mut consts = vec![
                word(format!("{rp}_OFFSET"), r.offset),
                word(format!("{rp}_RESET"), r.reset),
            ];
            if let Some(a) = r.array {
                consts.push(word(format!("{rp}_STRIDE"), a.stride));
                consts.push(int(format!("{rp}_COUNT"), u64::from(a.count)));
            }
            for f in &r.fields {
                let fp = format!("{rp}_{}", f.name);
                consts.push(int(format!("{fp}_LSB"), u64::from(f.lsb)));
                consts.push(int(format!("{fp}_WIDTH"), u64::from(f.width)));
                if let Some(a) = f.array {
                    consts.push(int(format!("{fp}_STRIDE"), a.stride));
                    consts.push(int(format!("{fp}_COUNT"), u64::from(a.count)));
                }
                for e in &f.enums {
                    consts.push(word(format!("{fp}_{}", e.name), e.value));
                }
            }
            let arr = if r.array.is_some() { "[n]" } else { "" };
            out.push(Group {
                comment: format!(
                    "{} {}{arr} ({}): {}",
                    s.location(),
                    r.name,
                    r.access.short(),
                    r.description
                ),
                consts,
            });
        }
    }
    out
}

/// Wraps `text` into `//` comment lines of at most ~`width` columns.
pub(crate) fn wrap(text: &str, width: usize, prefix: &str) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for w in text.split_whitespace() {
        if !line.is_empty() && line.len() + 1 + w.len() > width {
            out.push_str(prefix);
            out.push_str(&line);
            out.push('\n');
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(w);
    }
    if !line.is_empty() || out.is_empty() {
        out.push_str(prefix);
        out.push_str(&line);
        out.push('\n');
    }
    out
}

pub fn generate(map: &RegMap, scopes: &[Scope<'_>]) -> Result<String, Error> {
    let groups = groups(map, scopes);
    names::unique(
        groups
            .iter()
            .flat_map(|g| g.consts.iter().map(|c| c.name.clone())),
    )?;
    for c in groups.iter().flat_map(|g| &g.consts) {
        if let Kind::Word(v) = c.kind {
            if v > u64::from(u32::MAX) {
                return Err(Error::Invalid(format!(
                    "{} = {v:#x} does not fit in 32 bits",
                    c.name
                )));
            }
        }
    }
    let name_w = groups
        .iter()
        .flat_map(|g| &g.consts)
        .map(|c| c.name.len())
        .max()
        .unwrap_or(0);

    let mut s = String::new();
    s.push_str("// SPDX-License-Identifier: MIT OR Apache-2.0\n");
    let _ = writeln!(s, "//");
    let _ = writeln!(s, "// GENERATED FILE - DO NOT EDIT.");
    let _ = writeln!(s, "// Generated from {SVD_PATH} by `{REGEN_COMMAND}`;");
    let _ = writeln!(s, "// change the SVD and regenerate.");
    let _ = writeln!(s, "//");
    s.push_str(&wrap(
        &format!(
            "Register map of {} version {} for the RTL. _OFFSET values are byte offsets within \
             the peripheral (or within one element of a cluster array), _RESET the reset value \
             of the register, _STRIDE/_COUNT the layout of an array (bytes for registers, bits \
             for fields), _LSB/_WIDTH a field's position (element 0 of a field array), and \
             <REG>_<FIELD>_<NAME> an enumerated field value, unshifted.",
            map.name, map.version
        ),
        76,
        "// ",
    ));
    s.push('\n');
    s.push_str("package irq_router_regs_pkg;\n");
    // A module uses only some of the constants: keep `verilator -Wall` quiet
    // about the others.
    s.push_str("\n    /* verilator lint_off UNUSEDPARAM */\n");
    for g in &groups {
        s.push('\n');
        s.push_str(&wrap(&g.comment, 74, "    // "));
        for c in &g.consts {
            match c.kind {
                Kind::Word(v) => {
                    let _ = writeln!(
                        s,
                        "    localparam logic [31:0] {:<name_w$} = 32'h{:04X}_{:04X};",
                        c.name,
                        v >> 16,
                        v & 0xFFFF
                    );
                }
                Kind::Int(v) => {
                    let _ = writeln!(s, "    localparam int unsigned {:<name_w$} = {v};", c.name);
                }
            }
        }
    }
    s.push_str("\n    /* verilator lint_on UNUSEDPARAM */\n");
    s.push_str("\nendpackage\n");
    Ok(s)
}
