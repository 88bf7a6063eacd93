//! Driver for the irq_router: the FPGA block that keeps Dovetail's per-CPU,
//! per-stage interrupt logs and stall bits in hardware
//! (`hdl/doc/spec.md` is the contract this driver relies on).
//!
//! The driver's logic is generic over [`RegAccess`], one 32-bit read or write
//! at a byte offset of the router, so the same code runs on the A53 through
//! [`Mmio`] and on the host against the Verilated RTL (see `tests/`). Every
//! offset and field position comes from the register map's generated
//! constants ([`irq_router_layout`]); none is written here.
//!
//! - [`Router`]: probe (identity and version check), global configuration
//!   (routing, IPI priorities, which oob IPIs Linux may send, LOCK, error
//!   flags, cycle counter, statistics). Every configuration write names the
//!   fields it changes (no read-modify-write), so the oob side and Linux can
//!   both configure the router (spec §8, "Ownership").
//! - [`Page`]: one CPU's interface to one stage: claim/complete and the
//!   service loop, stall/unstall/test-and-stall (the virtualized irqflags),
//!   IPIs, latency statistics.
//!
//! The driver never issues an access the router answers with SLVERR or
//! DECERR (an SError on the A53): every index is checked against the
//! instance's parameters (GLOBAL.HWCFG) before it reaches the bus.
//!
//! TrustZone: the router decides what an access may do from its AxPROT[1],
//! which the CPU's security state sets, not the driver. The same code runs
//! on the oob core (Secure: every register) and in Linux's world
//! (Non-secure: oob pages read as zero, writes touching oob state are
//! refused and flagged ERR.DENIED, spec §8); [`Router::is_secure`] tells
//! which one this access path is.
#![no_std]

mod access;
mod config;
mod error;
mod id;
mod page;
mod router;
pub mod vectors;

pub use access::{Mmio, RegAccess};
pub use config::{CpuMask, HwConfig, Priority, SourceConfig, SourceUpdate, Stage, Trigger};
pub use error::{Error, ErrFlags, ProbeError};
pub use id::Claim;
pub use page::{Page, PageStatus, ServiceStats};
pub use router::Router;

/// The register map's constants, for code that needs a raw offset.
pub use irq_router_layout as layout;
