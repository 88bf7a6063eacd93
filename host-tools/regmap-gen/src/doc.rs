//! `hdl/doc/registers.md`: the register tables for people.

use std::fmt::Write;

use crate::model::{Field, Peripheral, RegMap, Register};
use crate::{REGEN_COMMAND, SVD_PATH};

/// `0xA000_8000`-style hex, grouped by 16 bits, at least `digits` digits.
fn hex(v: u64, digits: usize) -> String {
    let raw = format!("{v:0digits$X}");
    let mut out = String::new();
    for (i, c) in raw.chars().enumerate() {
        if i > 0 && (raw.len() - i) % 4 == 0 {
            out.push('_');
        }
        out.push(c);
    }
    format!("0x{out}")
}

/// Table cells must not contain `|` or line breaks.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

fn register_name(r: &Register) -> String {
    match r.array {
        Some(a) => format!("{}[0..{}]", r.name, a.count - 1),
        None => r.name.clone(),
    }
}

fn register_offset(r: &Register) -> String {
    match r.array {
        Some(a) => format!("{} + {:#x}·n", hex(r.offset, 3), a.stride),
        None => hex(r.offset, 3),
    }
}

fn access_notes(r: &Register) -> String {
    let mut notes = vec![r.access.short().to_string()];
    if let Some(e) = r.read_effect {
        notes.push(e.describe().to_string());
    }
    if let Some(e) = r.write_effect {
        notes.push(e.describe().to_string());
    }
    notes.join(", ")
}

fn bits(f: &Field) -> String {
    match f.array {
        None if f.width == 1 => format!("{}", f.lsb),
        None => format!("{}:{}", f.lsb + f.width - 1, f.lsb),
        Some(a) => {
            let term = |k: u32| {
                if k == 0 {
                    format!("{}i", a.stride)
                } else {
                    format!("{}i+{k}", a.stride)
                }
            };
            if f.width == 1 {
                term(f.lsb)
            } else {
                format!("{}:{}", term(f.lsb + f.width - 1), term(f.lsb))
            }
        }
    }
}

fn field_reset(r: &Register, f: &Field) -> String {
    let values: Vec<u64> = (0..f.count())
        .map(|i| (r.reset >> f.lsb_of(i)) & f.value_mask())
        .collect();
    if values.iter().all(|v| *v == values[0]) {
        format!("0x{:X}", values[0])
    } else {
        "varies".into()
    }
}

fn field_row(s: &mut String, r: &Register, f: &Field) {
    let name = match f.array {
        Some(a) => format!("{}i (i = 0..{})", f.name, a.count - 1),
        None => f.name.clone(),
    };
    let mut access = f.access.short().to_string();
    if let Some(e) = f.write_effect {
        access = format!("{access}, {}", e.describe());
    }
    if let Some(e) = f.read_effect {
        access = format!("{access}, {}", e.describe());
    }
    let mut desc = f.description.clone();
    if !f.enums.is_empty() {
        let values: Vec<String> = f
            .enums
            .iter()
            .map(|e| {
                format!(
                    "`{}` = 0x{:X}: {}",
                    e.name,
                    e.value,
                    e.description.trim_end_matches('.')
                )
            })
            .collect();
        desc = format!("{desc} Values: {}.", values.join("; "));
    }
    let _ = writeln!(
        s,
        "| {} | {} | {} | {} | {} |",
        bits(f),
        name,
        access,
        field_reset(r, f),
        cell(&desc)
    );
}

fn register_section(s: &mut String, scope: &str, r: &Register) {
    let _ = writeln!(s, "\n### {scope}.{}\n", register_name(r));
    let _ = writeln!(
        s,
        "Offset {}, {}, reset {}.\n",
        register_offset(r),
        access_notes(r),
        hex(r.reset, 8)
    );
    let _ = writeln!(s, "{}\n", r.description);
    s.push_str("| bits | field | access | reset | description |\n");
    s.push_str("|---|---|---|---|---|\n");
    for f in &r.fields {
        field_row(s, r, f);
    }
}

fn register_table(s: &mut String, regs: &[&Register]) {
    s.push_str("| offset | register | access | reset | description |\n");
    s.push_str("|---|---|---|---|---|\n");
    for r in regs {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} |",
            register_offset(r),
            register_name(r),
            access_notes(r),
            hex(r.reset, 8),
            cell(&r.description)
        );
    }
}

fn contents(p: &Peripheral) -> String {
    if let Some(base) = &p.derived_from {
        return format!("same layout as {base}");
    }
    let mut parts = Vec::new();
    let nregs = p.registers().count();
    if nregs > 0 {
        parts.push(format!("{nregs} registers"));
    }
    for c in p.clusters() {
        match c.array {
            Some(a) => parts.push(format!(
                "{}[0..{}], {:#x} bytes apart",
                c.name,
                a.count - 1,
                a.stride
            )),
            None => parts.push(c.name.clone()),
        }
    }
    parts.join("; ")
}

pub fn generate(map: &RegMap) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# {} register map\n", map.name);
    let _ = writeln!(
        s,
        "<!-- GENERATED FILE - DO NOT EDIT. Generated from {SVD_PATH} by `{REGEN_COMMAND}`; change the SVD and regenerate. -->\n"
    );
    let _ = writeln!(
        s,
        "{}. Register interface version {}. All registers are {} bits wide; \
         offsets are in bytes. Behaviour is specified in [spec.md](spec.md); \
         this page is generated from [the SVD](../regmap/irq_router.svd).\n",
        map.description, map.version, map.width
    );
    s.push_str(
        "Access: RO read-only, WO write-only, RW read-write. Reserved bits read as \
         zero and are ignored on write.\n",
    );

    s.push_str("\n## Address map\n\n");
    let _ = writeln!(
        s,
        "The router decodes {} address bits; \"router offset\" is the address within \
         that space, \"base\" the address given in the SVD.\n",
        map.addr_width()
    );
    s.push_str("| peripheral | base | router offset | size | contents | description |\n");
    s.push_str("|---|---|---|---|---|---|\n");
    let base = map.base();
    for p in &map.peripherals {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {:#x} | {} | {} |",
            p.name,
            hex(p.base, 8),
            hex(p.base - base, 5),
            p.size,
            contents(p),
            cell(&p.description)
        );
    }

    for p in &map.peripherals {
        if p.derived_from.is_some() {
            continue;
        }
        let derived: Vec<&Peripheral> = map
            .peripherals
            .iter()
            .filter(|d| d.derived_from.as_deref() == Some(p.name.as_str()))
            .collect();
        let regs: Vec<&Register> = p.registers().collect();
        if !regs.is_empty() {
            let _ = writeln!(s, "\n## {}\n", p.name);
            let _ = writeln!(s, "{}. Base {}.\n", p.description, hex(p.base, 8));
            register_table(&mut s, &regs);
            for r in &regs {
                register_section(&mut s, &p.name, r);
            }
        }
        for c in p.clusters() {
            let mut owners = vec![p];
            owners.extend(derived.iter().copied());
            let names: Vec<&str> = owners.iter().map(|o| o.name.as_str()).collect();
            let _ = writeln!(s, "\n## {} {}\n", names.join(" and "), c.name);
            let _ = writeln!(s, "{}\n", c.description);
            for o in &owners {
                match c.array {
                    Some(a) => {
                        let _ = writeln!(
                            s,
                            "- {}: {}[c] at {} + {:#x}·c (router offset {} + {:#x}·c), c = 0..{}. {}.",
                            o.name,
                            c.name,
                            hex(o.base + c.offset, 8),
                            a.stride,
                            hex(o.base - base + c.offset, 5),
                            a.stride,
                            a.count - 1,
                            o.description
                        );
                    }
                    None => {
                        let _ = writeln!(
                            s,
                            "- {}: at {}. {}.",
                            o.name,
                            hex(o.base + c.offset, 8),
                            o.description
                        );
                    }
                }
            }
            s.push('\n');
            let _ = writeln!(s, "Offsets below are within one {}.\n", c.name);
            let regs: Vec<&Register> = c.registers.iter().collect();
            register_table(&mut s, &regs);
            for r in &regs {
                register_section(&mut s, &c.name, r);
            }
        }
    }
    s
}
