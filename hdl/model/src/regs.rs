//! Register offsets, field positions and magic values of the router.
//!
//! This is the model's only copy of the register map. It is written by hand
//! from the address table given to the model's author, so that the model does
//! not depend on the generated PAC; a test elsewhere in the project checks
//! these numbers against hdl/regmap/irq_router.svd (the single source of
//! truth). Keep the names close to the SVD names.

/// Width of the AXI address ports (`s_axil_awaddr`, `s_axil_araddr`).
pub const ADDR_BITS: u32 = 17;
pub const ADDR_MASK: u32 = (1 << ADDR_BITS) - 1;

/// Size of one register page.
pub const PAGE_SIZE: u32 = 0x1000;
/// GLOBAL page.
pub const GLOBAL_BASE: u32 = 0x0_0000;
/// In-band page of CPU c is at `INBAND_BASE + c * PAGE_SIZE`.
pub const INBAND_BASE: u32 = 0x0_8000;
/// Oob page of CPU c is at `OOB_BASE + c * PAGE_SIZE`.
pub const OOB_BASE: u32 = 0x1_0000;

/// Address of register `off` in the page of (cpu, stage); stage 0 = in-band, 1 = oob.
pub const fn page_addr(cpu: u32, stage: u32, off: u32) -> u32 {
    let base = if stage == 0 { INBAND_BASE } else { OOB_BASE };
    base + cpu * PAGE_SIZE + off
}

/// Offsets in the GLOBAL page.
pub mod global {
    pub const ID: u32 = 0x000;
    pub const VERSION: u32 = 0x004;
    pub const HWCFG: u32 = 0x008;
    pub const LOCK: u32 = 0x00C;
    pub const ERR: u32 = 0x010;
    pub const STATUS: u32 = 0x014;
    pub const CYCLE_LO: u32 = 0x018;
    pub const CYCLE_HI: u32 = 0x01C;
    pub const IPI_PRIO_INB: u32 = 0x020;
    pub const IPI_PRIO_OOB: u32 = 0x024;
    pub const IPI_PRIO_SET: u32 = 0x028;
    pub const IPI_OOB_NS: u32 = 0x02C;
    /// Arrays of ceil(NSRC/32) words, stride 4.
    pub const SRC_RAW: u32 = 0x040;
    pub const SRC_PEND: u32 = 0x050;
    pub const SRC_ACTIVE: u32 = 0x060;
    /// ceil(NSRC/32) words, stride 4, one clear bit per source.
    pub const OVERRUN_CLR: u32 = 0x070;
    /// NSRC words, stride 4.
    pub const SRC_CFG: u32 = 0x100;
    /// ceil(NSRC/4) words, stride 4, four 8-bit counters each.
    pub const OVERRUN: u32 = 0x300;
}

/// Offsets in a per-CPU page (same layout for INBAND and OOB pages).
pub mod page {
    pub const CLAIM: u32 = 0x000;
    pub const COMPLETE: u32 = 0x004;
    pub const STALL: u32 = 0x008;
    pub const STALL_TAS: u32 = 0x00C;
    pub const IPI_SEND: u32 = 0x010;
    pub const STATUS: u32 = 0x014;
    pub const IPI_PEND: u32 = 0x018;
    pub const IPI_OVERRUN: u32 = 0x01C;
    /// ceil(NSRC/32) words, stride 4.
    pub const PEND: u32 = 0x020;
    pub const LAT_LAST: u32 = 0x040;
    pub const LAT_MAX: u32 = 0x044;
    /// 16 words, stride 4.
    pub const HIST: u32 = 0x080;
}

/// Fixed values.
pub const ID_VALUE: u32 = 0x4952_5152;
pub const VERSION_VALUE: u32 = 0x0001_0001;
pub const LOCK_KEY: u32 = 0x4C4F_434B;
/// CLAIM of an empty log.
pub const ID_NONE: u32 = 0x3FF;
/// CLAIM ID of IPI vector v is `ID_IPI_BASE + v`.
pub const ID_IPI_BASE: u32 = 0x100;
/// CLAIM.ID / COMPLETE.ID field mask.
pub const ID_MASK: u32 = 0x3FF;

/// HWCFG fields.
pub mod hwcfg {
    pub const NSRC_SHIFT: u32 = 0;
    pub const NCPU_SHIFT: u32 = 8;
    pub const NIPI_SHIFT: u32 = 12;
    pub const TSW_SHIFT: u32 = 17;
    pub const STATS_SHIFT: u32 = 23;
    pub const OVRW_SHIFT: u32 = 24;
}

/// ERR bits (RW1C).
pub mod err {
    pub const BAD_CPU: u32 = 1 << 0;
    pub const BAD_VECTOR: u32 = 1 << 1;
    pub const LOCKED: u32 = 1 << 2;
    pub const BAD_COMPLETE: u32 = 1 << 3;
    pub const BAD_KEY: u32 = 1 << 4;
    pub const DENIED: u32 = 1 << 5;
    pub const ALL: u32 = 0x3F;
}

/// GLOBAL STATUS bits.
pub mod gstatus {
    pub const LOCKED: u32 = 1 << 0;
    pub const SECURE: u32 = 1 << 1;
}

/// SRC_CFG fields.
pub mod cfg {
    pub const EN: u32 = 1 << 0;
    /// 1 = oob.
    pub const STAGE: u32 = 1 << 1;
    /// 1 = edge.
    pub const TRIG: u32 = 1 << 2;
    pub const PRIO_SHIFT: u32 = 4;
    pub const PRIO_MASK: u32 = 0x3;
    pub const CPU_SHIFT: u32 = 8;
    pub const CPU_MASK: u32 = 0x7;
    /// Field write-enables: a field is written if its WE bit is set, or
    /// every field if none is.
    pub const WE_EN: u32 = 1 << 16;
    pub const WE_STAGE: u32 = 1 << 17;
    pub const WE_TRIG: u32 = 1 << 18;
    pub const WE_PRIO: u32 = 1 << 20;
    pub const WE_CPU: u32 = 1 << 24;
    pub const WE_ALL: u32 = WE_EN | WE_STAGE | WE_TRIG | WE_PRIO | WE_CPU;
}

/// IPI_PRIO_SET fields (VECTOR and STAGE as in IPI_SEND).
pub mod ipi_prio_set {
    pub const PRIO_MASK: u32 = 0x3;
}

/// Per-CPU page STALL bits.
pub mod stall {
    pub const STALL: u32 = 1 << 0;
    pub const WAKE: u32 = 1 << 1;
}

/// IPI_SEND fields.
pub mod ipi_send {
    pub const CPUMASK_SHIFT: u32 = 0;
    pub const CPUMASK_MASK: u32 = 0xFF;
    pub const VECTOR_SHIFT: u32 = 16;
    pub const VECTOR_MASK: u32 = 0xF;
    pub const STAGE_SHIFT: u32 = 24;
}

/// Per-CPU page STATUS bits.
pub mod pstatus {
    pub const LINE: u32 = 1 << 0;
    pub const DELIVERABLE: u32 = 1 << 1;
    pub const STALLED: u32 = 1 << 2;
    pub const OOB_STALLED: u32 = 1 << 3;
    pub const WAKE: u32 = 1 << 4;
}

/// AXI response codes.
pub mod resp {
    pub const OKAY: u8 = 0b00;
    pub const SLVERR: u8 = 0b10;
    pub const DECERR: u8 = 0b11;
}

/// Number of latency histogram buckets.
pub const HIST_BUCKETS: usize = 16;
