//! `hdl/regmap/layout/src/layout.rs` (crate `irq-router-layout`): the SV package's constants as Rust
//! `u32`s, with the same names, for code where the PAC's pointer-based API
//! does not fit: the router driver (generic over how registers are reached,
//! so it also drives the Verilated router) and the pin-level test benches.

use std::fmt::Write;

use crate::model::RegMap;
use crate::names::Scope;
use crate::sv::{groups, wrap, Kind};
use crate::{Error, REGEN_COMMAND, SVD_PATH};

pub fn generate(map: &RegMap, scopes: &[Scope<'_>]) -> Result<String, Error> {
    let mut s = String::new();
    let _ = writeln!(s, "// SPDX-License-Identifier: MIT OR Apache-2.0");
    let _ = writeln!(s, "// GENERATED FILE - DO NOT EDIT.");
    let _ = writeln!(s, "// Generated from {SVD_PATH} by `{REGEN_COMMAND}`.");
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "//! Register offsets and field positions as plain constants (same names and"
    );
    let _ = writeln!(
        s,
        "//! meaning as irq_router_regs_pkg.sv), for register access not through pointers."
    );
    for g in groups(map, scopes) {
        s.push('\n');
        s.push_str(&wrap(&g.comment, 90, "// "));
        for c in &g.consts {
            let v = match c.kind {
                Kind::Word(v) => format!("{v:#010x}"),
                Kind::Int(v) => v.to_string(),
            };
            let _ = writeln!(s, "pub const {}: u32 = {v};", c.name);
        }
    }
    Ok(s)
}
