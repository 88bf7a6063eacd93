//! Reference model of the irq_router, written from hdl/doc/spec.md alone
//! (never from the RTL), to be run in lockstep with the Verilated RTL.
//!
//! [`RouterModel`] implements [`RouterPins`]: one `step` is one rising edge.
//! Module map: `regs` (register map), `decode` (address decoding), `axi`
//! (slave handshakes), `state` (architectural state), `claim` (priority
//! selection), `stats` (latency statistics), `regio` (register semantics),
//! `router` (the edge and its same-edge ordering), `inspect` (read-only
//! accessors), `txn` (a small AXI master for tests).
//!
//! # Readings of the spec where it is silent or open
//!
//! Each is also commented where it is implemented.
//!
//! 1. Events at edge n use the configuration from before edge n: a SRC_CFG
//!    write that enables a source executing at the same edge as its rising
//!    edge loses that edge (prev still follows the input).
//! 2. An edge event and a claim of the same source at one edge: pend stays
//!    1, ts = cycle before the edge, no overrun, active = 1. Same for an
//!    IPI_SEND and a claim of the same vector (ipend stays 1, new its, no
//!    IPI overrun).
//! 3. CLAIM selects on the state before its edge: a same-edge SRC_CFG write
//!    that re-routes / disables / re-prioritises does not affect the claim;
//!    the claimed source's pend is cleared and active set wherever it is now
//!    routed, and the latency is recorded on the page that claimed.
//! 4. CLAIM works whether or not the stage is stalled (stall only gates the
//!    line). An empty CLAIM (0x3FF) has no side effect (no statistics).
//! 5. COMPLETE validity is judged on the state before the edge; a COMPLETE
//!    of a source that was not active but is claimed at the same edge sets
//!    BAD_COMPLETE, and the source ends active. A disabled but active source
//!    routed to the page can be completed.
//! 6. Test-and-stall and a STALL write at one edge: TAS returns the old
//!    stall, stall ends 1 (spec §9).
//! 7. IPI_SEND checks CPUMASK and VECTOR even when CPUMASK is empty.
//! 8. SRC_RAW returns `src_i` as sampled at the read's edge.
//! 9. A logged level event stays pending after the input drops (only a claim
//!    clears a log bit).
//! 10. Address decoding: only the 17 port bits of AWADDR/ARADDR exist (higher
//!     bits of the u32 are ignored), only the 4 bits of WSTRB; DECERR is
//!     decided before alignment, so a misaligned address outside every page
//!     answers DECERR.
//! 11. BRESP / RRESP / RDATA keep their last value while BVALID / RVALID are
//!     low (compare [`PinsOut::canonical`] in lockstep).
//! 12. STATUS.LINE reads the registered line before the read's edge;
//!     STATUS.DELIVERABLE is deliverable() on the state before the edge.
//! 13. SRC_CFG bits 31:16 other than the five WE bits are reserved: they are
//!     ignored, so a write with only reserved bits there writes every field.
//! 14. IPI_OOB_NS keeps only its bits below NIPI; an NS oob IPI_SEND of a
//!     vector >= NIPI is both BAD_VECTOR and DENIED.
//! 15. The histogram sweep clears counter b of (c, s) at sweep position
//!     (2c + s) * 16 + b; only the clearing of leftovers shows it.
pub mod axi;
pub mod claim;
pub mod decode;
mod inspect;
pub mod pins;
mod regio;
pub mod regs;
mod router;
pub mod state;
pub mod stats;
pub mod txn;

pub use decode::{INB, OOB};
pub use pins::{ParamError, Params, PinsIn, PinsOut, RouterPins};
pub use router::RouterModel;

#[cfg(test)]
mod tests;
