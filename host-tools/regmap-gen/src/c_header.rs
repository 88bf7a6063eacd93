//! `linux-glue/include/irq_router_regs.h`: the register map for C, in the
//! style of a Linux driver header but free of kernel-only macros (no
//! `GENMASK`/`BIT`), so that it also builds in userspace.
//!
//! Naming follows the SV package with an `IRQ_ROUTER_` prefix, except that
//! fields are described by `_SHIFT`, `_WIDTH` and `_MASK` (already shifted).
//! Arrays also get function-like macros: `IRQ_ROUTER_GLOBAL_SRC_CFG(i)` is the
//! offset of element i, `IRQ_ROUTER_INBAND_PAGE(c)` the base of page c, and a
//! field array `F` has `F_SHIFT(n)` / `F_MASK(n)`.

use std::fmt::Write;

use crate::model::RegMap;
use crate::names::{self, Scope};
use crate::sv::wrap;
use crate::{Error, REGEN_COMMAND, SVD_PATH};

const P: &str = "IRQ_ROUTER_";

enum Line {
    Comment(String),
    Define(String, String),
    Blank,
}

fn hex(v: u64) -> String {
    format!("0x{v:08X}U")
}

fn hex_short(v: u64) -> String {
    format!("0x{v:03X}U")
}

fn lines(map: &RegMap, scopes: &[Scope<'_>]) -> Vec<Line> {
    use Line::*;
    let mut out = Vec::new();
    let base = map.base();
    out.push(Comment(format!(
        "Address map: peripheral bases relative to the lowest one ({:#010X} in the SVD).",
        base
    )));
    out.push(Define(
        format!("{P}REGMAP_ADDR_WIDTH"),
        map.addr_width().to_string(),
    ));
    for p in &map.peripherals {
        out.push(Define(format!("{P}{}_BASE", p.name), hex(p.base - base)));
    }
    for s in scopes {
        if let Some(c) = s.cluster {
            if let Some(a) = c.array {
                out.push(Blank);
                out.push(Comment(format!("{}: {}", s.location(), c.description)));
                out.push(Define(format!("{P}{}_STRIDE", c.name), hex_short(a.stride)));
                out.push(Define(
                    format!("{P}{}_COUNT", c.name),
                    format!("{}U", a.count),
                ));
                for pname in &s.peripherals {
                    out.push(Define(
                        format!("{P}{pname}_{}(i)", c.name),
                        format!("({P}{pname}_BASE + (i) * {P}{}_STRIDE)", c.name),
                    ));
                }
            }
        }
        for r in &s.registers {
            let rp = format!("{P}{}_{}", s.prefix, r.name);
            out.push(Blank);
            let arr = if r.array.is_some() { "[n]" } else { "" };
            out.push(Comment(format!(
                "{} {}{arr} ({}): {}",
                s.location(),
                r.name,
                r.access.short(),
                r.description
            )));
            out.push(Define(format!("{rp}_OFFSET"), hex_short(r.offset)));
            out.push(Define(format!("{rp}_RESET"), hex(r.reset)));
            if let Some(a) = r.array {
                out.push(Define(format!("{rp}_STRIDE"), hex_short(a.stride)));
                out.push(Define(format!("{rp}_COUNT"), format!("{}U", a.count)));
                out.push(Define(
                    format!("{rp}(i)"),
                    format!("({rp}_OFFSET + (i) * {rp}_STRIDE)"),
                ));
            }
            for f in &r.fields {
                let fp = format!("{rp}_{}", f.name);
                match f.array {
                    None => {
                        out.push(Define(format!("{fp}_SHIFT"), f.lsb.to_string()));
                        out.push(Define(format!("{fp}_WIDTH"), f.width.to_string()));
                        out.push(Define(format!("{fp}_MASK"), hex(f.value_mask() << f.lsb)));
                    }
                    Some(a) => {
                        out.push(Define(format!("{fp}_WIDTH"), f.width.to_string()));
                        out.push(Define(format!("{fp}_STRIDE"), a.stride.to_string()));
                        out.push(Define(format!("{fp}_COUNT"), a.count.to_string()));
                        out.push(Define(
                            format!("{fp}_SHIFT(n)"),
                            format!("({} + (n) * {fp}_STRIDE)", f.lsb),
                        ));
                        out.push(Define(
                            format!("{fp}_MASK(n)"),
                            format!("({} << {fp}_SHIFT(n))", hex_short(f.value_mask())),
                        ));
                    }
                }
                for e in &f.enums {
                    out.push(Define(format!("{fp}_{}", e.name), hex_short(e.value)));
                }
            }
        }
    }
    out
}

pub fn generate(map: &RegMap, scopes: &[Scope<'_>]) -> Result<String, Error> {
    let lines = lines(map, scopes);
    names::unique(lines.iter().filter_map(|l| match l {
        // `F_SHIFT(n)` and `F_SHIFT` are the same macro name.
        Line::Define(n, _) => Some(n.split('(').next().unwrap_or(n).to_string()),
        _ => None,
    }))?;
    let name_w = lines
        .iter()
        .filter_map(|l| match l {
            Line::Define(n, _) => Some(n.len()),
            _ => None,
        })
        .max()
        .unwrap_or(0);

    let mut s = String::new();
    s.push_str("/* SPDX-License-Identifier: GPL-2.0 OR MIT */\n");
    s.push_str("/*\n");
    let _ = writeln!(s, " * {} register map, version {}.", map.name, map.version);
    s.push_str(" *\n");
    let _ = writeln!(
        s,
        " * GENERATED FILE - DO NOT EDIT. Generated from {SVD_PATH}"
    );
    let _ = writeln!(s, " * by `{REGEN_COMMAND}`; change the SVD and regenerate.");
    s.push_str(" *\n");
    s.push_str(&wrap(
        "_OFFSET values are byte offsets within the peripheral (or within one element of a \
         cluster array such as a per-CPU page). Field _MASK values are already shifted; \
         enumerated values are unshifted. Only plain C is used so that the header also \
         builds in userspace.",
        74,
        " * ",
    ));
    s.push_str(" */\n\n");
    s.push_str("#ifndef IRQ_ROUTER_REGS_H\n#define IRQ_ROUTER_REGS_H\n\n");
    for l in &lines {
        match l {
            Line::Blank => s.push('\n'),
            Line::Comment(c) => {
                let body = wrap(&c.replace("*/", "* /"), 72, " * ");
                if body.lines().count() == 1 {
                    let _ = writeln!(s, "/* {} */", body.trim_start_matches(" * ").trim_end());
                } else {
                    s.push_str("/*\n");
                    s.push_str(&body);
                    s.push_str(" */\n");
                }
            }
            Line::Define(n, v) => {
                let _ = writeln!(s, "#define {n:<name_w$} {v}");
            }
        }
    }
    s.push_str("\n#endif /* IRQ_ROUTER_REGS_H */\n");
    Ok(s)
}
