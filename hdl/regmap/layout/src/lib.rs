//! The router's register map as plain `u32` constants: offsets relative to
//! the router's base, field positions and widths, and the few fixed values
//! (keys, "none" codes) software needs. The names are those of the
//! SystemVerilog package `irq_router_regs_pkg`.
//!
//! This is for code that reaches the registers through something other than
//! a pointer (the firmware's register-access trait, the AXI masters of the
//! test benches and the co-simulation, the QEMU bridge). The pointer-based
//! API is the svd2rust PAC, `irq-router-pac`. Both are generated from the
//! one SVD by `cargo run -p regmap-gen`; a test fails when either is stale.
#![no_std]

mod layout;
pub use layout::*;
