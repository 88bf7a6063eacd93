// SPDX-License-Identifier: MIT OR Apache-2.0
// GENERATED FILE - DO NOT EDIT.
// Generated from hdl/regmap/irq_router.svd by `cargo run -p regmap-gen`.

//! Register offsets and field positions as plain constants (same names and
//! meaning as irq_router_regs_pkg.sv), for register access not through pointers.

// Address map: peripheral bases relative to the lowest one (0xA0000000 in the SVD).
pub const REGMAP_ADDR_WIDTH: u32 = 17;
pub const GLOBAL_BASE: u32 = 0x00000000;
pub const INBAND_BASE: u32 = 0x00008000;
pub const OOB_BASE: u32 = 0x00010000;

// GLOBAL ID (RO): Identification word that reads as the ASCII characters "IRQR", so software
// can check that a router answers at this address.
pub const GLOBAL_ID_OFFSET: u32 = 0x00000000;
pub const GLOBAL_ID_RESET: u32 = 0x49525152;
pub const GLOBAL_ID_VALUE_LSB: u32 = 0;
pub const GLOBAL_ID_VALUE_WIDTH: u32 = 32;

// GLOBAL VERSION (RO): Version of this register interface.
pub const GLOBAL_VERSION_OFFSET: u32 = 0x00000004;
pub const GLOBAL_VERSION_RESET: u32 = 0x00010001;
pub const GLOBAL_VERSION_MINOR_LSB: u32 = 0;
pub const GLOBAL_VERSION_MINOR_WIDTH: u32 = 16;
pub const GLOBAL_VERSION_MAJOR_LSB: u32 = 16;
pub const GLOBAL_VERSION_MAJOR_WIDTH: u32 = 16;

// GLOBAL HWCFG (RO): Synthesis parameters of this router instance; its real value depends on
// the NSRC, NCPU, NIPI, TSW, STATS and OVRW parameters, so the reset value given here (0) is
// only a placeholder.
pub const GLOBAL_HWCFG_OFFSET: u32 = 0x00000008;
pub const GLOBAL_HWCFG_RESET: u32 = 0x00000000;
pub const GLOBAL_HWCFG_NSRC_LSB: u32 = 0;
pub const GLOBAL_HWCFG_NSRC_WIDTH: u32 = 8;
pub const GLOBAL_HWCFG_NCPU_LSB: u32 = 8;
pub const GLOBAL_HWCFG_NCPU_WIDTH: u32 = 4;
pub const GLOBAL_HWCFG_NIPI_LSB: u32 = 12;
pub const GLOBAL_HWCFG_NIPI_WIDTH: u32 = 5;
pub const GLOBAL_HWCFG_TSW_LSB: u32 = 17;
pub const GLOBAL_HWCFG_TSW_WIDTH: u32 = 6;
pub const GLOBAL_HWCFG_STATS_LSB: u32 = 23;
pub const GLOBAL_HWCFG_STATS_WIDTH: u32 = 1;
pub const GLOBAL_HWCFG_OVRW_LSB: u32 = 24;
pub const GLOBAL_HWCFG_OVRW_WIDTH: u32 = 4;

// GLOBAL LOCK (WO): Write-once lock: writing the key freezes the oob configuration (oob
// SRC_CFG entries, oob IPI priorities and IPI_OOB_NS) until reset, any other value sets
// ERR.BAD_KEY while unlocked, and writes after locking are ignored; Non-secure writes are
// refused (ERR.DENIED).
pub const GLOBAL_LOCK_OFFSET: u32 = 0x0000000c;
pub const GLOBAL_LOCK_RESET: u32 = 0x00000000;
pub const GLOBAL_LOCK_KEY_LSB: u32 = 0;
pub const GLOBAL_LOCK_KEY_WIDTH: u32 = 32;
pub const GLOBAL_LOCK_KEY_KEY: u32 = 0x4c4f434b;

// GLOBAL ERR (RW): Sticky error flags, each set when the router rejects or ignores a write
// by a rule of the specification; writing 1 to a flag clears it, and a flag set at the same
// edge wins over the clear.
pub const GLOBAL_ERR_OFFSET: u32 = 0x00000010;
pub const GLOBAL_ERR_RESET: u32 = 0x00000000;
pub const GLOBAL_ERR_BAD_CPU_LSB: u32 = 0;
pub const GLOBAL_ERR_BAD_CPU_WIDTH: u32 = 1;
pub const GLOBAL_ERR_BAD_VECTOR_LSB: u32 = 1;
pub const GLOBAL_ERR_BAD_VECTOR_WIDTH: u32 = 1;
pub const GLOBAL_ERR_LOCKED_LSB: u32 = 2;
pub const GLOBAL_ERR_LOCKED_WIDTH: u32 = 1;
pub const GLOBAL_ERR_BAD_COMPLETE_LSB: u32 = 3;
pub const GLOBAL_ERR_BAD_COMPLETE_WIDTH: u32 = 1;
pub const GLOBAL_ERR_BAD_KEY_LSB: u32 = 4;
pub const GLOBAL_ERR_BAD_KEY_WIDTH: u32 = 1;
pub const GLOBAL_ERR_DENIED_LSB: u32 = 5;
pub const GLOBAL_ERR_DENIED_WIDTH: u32 = 1;

// GLOBAL STATUS (RO): Global status of the router.
pub const GLOBAL_STATUS_OFFSET: u32 = 0x00000014;
pub const GLOBAL_STATUS_RESET: u32 = 0x00000000;
pub const GLOBAL_STATUS_LOCKED_LSB: u32 = 0;
pub const GLOBAL_STATUS_LOCKED_WIDTH: u32 = 1;
pub const GLOBAL_STATUS_SECURE_LSB: u32 = 1;
pub const GLOBAL_STATUS_SECURE_WIDTH: u32 = 1;

// GLOBAL CYCLE_LO (RO): Low half of the free-running 64-bit cycle counter; reading it also
// copies the high half into the reading world's shadow that CYCLE_HI returns.
pub const GLOBAL_CYCLE_LO_OFFSET: u32 = 0x00000018;
pub const GLOBAL_CYCLE_LO_RESET: u32 = 0x00000000;
pub const GLOBAL_CYCLE_LO_VALUE_LSB: u32 = 0;
pub const GLOBAL_CYCLE_LO_VALUE_WIDTH: u32 = 32;

// GLOBAL CYCLE_HI (RO): High half of the cycle counter as latched by the last CYCLE_LO read
// of the same TrustZone world (the shadow is banked by AxPROT[1]), so that reading LO then
// HI gives one consistent 64-bit sample.
pub const GLOBAL_CYCLE_HI_OFFSET: u32 = 0x0000001c;
pub const GLOBAL_CYCLE_HI_RESET: u32 = 0x00000000;
pub const GLOBAL_CYCLE_HI_VALUE_LSB: u32 = 0;
pub const GLOBAL_CYCLE_HI_VALUE_WIDTH: u32 = 32;

// GLOBAL IPI_PRIO_INB (RW): Claim priority of each in-band IPI vector, two bits per vector;
// fields of vectors at or beyond NIPI read as zero.
pub const GLOBAL_IPI_PRIO_INB_OFFSET: u32 = 0x00000020;
pub const GLOBAL_IPI_PRIO_INB_RESET: u32 = 0x00000000;
pub const GLOBAL_IPI_PRIO_INB_P_LSB: u32 = 0;
pub const GLOBAL_IPI_PRIO_INB_P_WIDTH: u32 = 2;
pub const GLOBAL_IPI_PRIO_INB_P_STRIDE: u32 = 2;
pub const GLOBAL_IPI_PRIO_INB_P_COUNT: u32 = 16;

// GLOBAL IPI_PRIO_OOB (RW): Claim priority of each oob IPI vector, two bits per vector;
// writes are rejected with ERR.LOCKED once the lock is set, and Non-secure writes with
// ERR.DENIED.
pub const GLOBAL_IPI_PRIO_OOB_OFFSET: u32 = 0x00000024;
pub const GLOBAL_IPI_PRIO_OOB_RESET: u32 = 0x00000000;
pub const GLOBAL_IPI_PRIO_OOB_P_LSB: u32 = 0;
pub const GLOBAL_IPI_PRIO_OOB_P_WIDTH: u32 = 2;
pub const GLOBAL_IPI_PRIO_OOB_P_STRIDE: u32 = 2;
pub const GLOBAL_IPI_PRIO_OOB_P_COUNT: u32 = 16;

// GLOBAL IPI_PRIO_SET (WO): Sets the claim priority of one IPI vector of one stage without
// touching the others (no read-modify-write); VECTOR at or beyond NIPI (ERR.BAD_VECTOR),
// STAGE oob while locked (ERR.LOCKED) or from a Non-secure master (ERR.DENIED) rejects the
// write.
pub const GLOBAL_IPI_PRIO_SET_OFFSET: u32 = 0x00000028;
pub const GLOBAL_IPI_PRIO_SET_RESET: u32 = 0x00000000;
pub const GLOBAL_IPI_PRIO_SET_PRIO_LSB: u32 = 0;
pub const GLOBAL_IPI_PRIO_SET_PRIO_WIDTH: u32 = 2;
pub const GLOBAL_IPI_PRIO_SET_VECTOR_LSB: u32 = 16;
pub const GLOBAL_IPI_PRIO_SET_VECTOR_WIDTH: u32 = 4;
pub const GLOBAL_IPI_PRIO_SET_STAGE_LSB: u32 = 24;
pub const GLOBAL_IPI_PRIO_SET_STAGE_WIDTH: u32 = 1;
pub const GLOBAL_IPI_PRIO_SET_STAGE_INBAND: u32 = 0x00000000;
pub const GLOBAL_IPI_PRIO_SET_STAGE_OOB: u32 = 0x00000001;

// GLOBAL IPI_OOB_NS (RW): Oob IPI vectors that Non-secure masters (Linux) may send with
// IPI_SEND; an oob IPI of any other vector from a Non-secure master is refused with
// ERR.DENIED. Written only by Secure masters (ERR.DENIED otherwise), frozen by LOCK
// (ERR.LOCKED).
pub const GLOBAL_IPI_OOB_NS_OFFSET: u32 = 0x0000002c;
pub const GLOBAL_IPI_OOB_NS_RESET: u32 = 0x00000000;
pub const GLOBAL_IPI_OOB_NS_ALLOW_LSB: u32 = 0;
pub const GLOBAL_IPI_OOB_NS_ALLOW_WIDTH: u32 = 16;

// GLOBAL SRC_RAW[n] (RO): Input levels of sources 32n to 32n+31, n being the array index;
// words wholly at or beyond NSRC answer SLVERR and bits of sources at or beyond NSRC read as
// zero.
pub const GLOBAL_SRC_RAW_OFFSET: u32 = 0x00000040;
pub const GLOBAL_SRC_RAW_RESET: u32 = 0x00000000;
pub const GLOBAL_SRC_RAW_STRIDE: u32 = 0x00000004;
pub const GLOBAL_SRC_RAW_COUNT: u32 = 4;
pub const GLOBAL_SRC_RAW_VALUE_LSB: u32 = 0;
pub const GLOBAL_SRC_RAW_VALUE_WIDTH: u32 = 32;

// GLOBAL SRC_PEND[n] (RO): Pending (logged, not yet claimed) bits of sources 32n to 32n+31,
// n being the array index, whatever their routing and enable.
pub const GLOBAL_SRC_PEND_OFFSET: u32 = 0x00000050;
pub const GLOBAL_SRC_PEND_RESET: u32 = 0x00000000;
pub const GLOBAL_SRC_PEND_STRIDE: u32 = 0x00000004;
pub const GLOBAL_SRC_PEND_COUNT: u32 = 4;
pub const GLOBAL_SRC_PEND_VALUE_LSB: u32 = 0;
pub const GLOBAL_SRC_PEND_VALUE_WIDTH: u32 = 32;

// GLOBAL SRC_ACTIVE[n] (RO): Active (claimed and not yet completed) bits of sources 32n to
// 32n+31, n being the array index.
pub const GLOBAL_SRC_ACTIVE_OFFSET: u32 = 0x00000060;
pub const GLOBAL_SRC_ACTIVE_RESET: u32 = 0x00000000;
pub const GLOBAL_SRC_ACTIVE_STRIDE: u32 = 0x00000004;
pub const GLOBAL_SRC_ACTIVE_COUNT: u32 = 4;
pub const GLOBAL_SRC_ACTIVE_VALUE_LSB: u32 = 0;
pub const GLOBAL_SRC_ACTIVE_VALUE_WIDTH: u32 = 32;

// GLOBAL OVERRUN_CLR[n] (WO): Clears overrun counters of sources 32n to 32n+31, n being the
// array index, without touching the others; words wholly at or beyond NSRC answer SLVERR,
// and a Non-secure write with a 1 in the bit of an oob source is refused whole (ERR.DENIED).
pub const GLOBAL_OVERRUN_CLR_OFFSET: u32 = 0x00000070;
pub const GLOBAL_OVERRUN_CLR_RESET: u32 = 0x00000000;
pub const GLOBAL_OVERRUN_CLR_STRIDE: u32 = 0x00000004;
pub const GLOBAL_OVERRUN_CLR_COUNT: u32 = 4;
pub const GLOBAL_OVERRUN_CLR_CLR_LSB: u32 = 0;
pub const GLOBAL_OVERRUN_CLR_CLR_WIDTH: u32 = 32;

// GLOBAL SRC_CFG[n] (RW): Routing and trigger configuration of source n, n being the array
// index; entries at or beyond NSRC answer SLVERR. A write changes the fields whose WE bit is
// set, or every field when bits 31:16 are all zero, so no read-modify-write is needed; a
// write naming a CPU at or beyond NCPU (ERR.BAD_CPU), touching an oob source while locked
// (ERR.LOCKED) or touching an oob source from a Non-secure master (ERR.DENIED) is rejected
// whole.
pub const GLOBAL_SRC_CFG_OFFSET: u32 = 0x00000100;
pub const GLOBAL_SRC_CFG_RESET: u32 = 0x00000000;
pub const GLOBAL_SRC_CFG_STRIDE: u32 = 0x00000004;
pub const GLOBAL_SRC_CFG_COUNT: u32 = 128;
pub const GLOBAL_SRC_CFG_EN_LSB: u32 = 0;
pub const GLOBAL_SRC_CFG_EN_WIDTH: u32 = 1;
pub const GLOBAL_SRC_CFG_STAGE_LSB: u32 = 1;
pub const GLOBAL_SRC_CFG_STAGE_WIDTH: u32 = 1;
pub const GLOBAL_SRC_CFG_STAGE_INBAND: u32 = 0x00000000;
pub const GLOBAL_SRC_CFG_STAGE_OOB: u32 = 0x00000001;
pub const GLOBAL_SRC_CFG_TRIG_LSB: u32 = 2;
pub const GLOBAL_SRC_CFG_TRIG_WIDTH: u32 = 1;
pub const GLOBAL_SRC_CFG_TRIG_LEVEL: u32 = 0x00000000;
pub const GLOBAL_SRC_CFG_TRIG_EDGE: u32 = 0x00000001;
pub const GLOBAL_SRC_CFG_PRIO_LSB: u32 = 4;
pub const GLOBAL_SRC_CFG_PRIO_WIDTH: u32 = 2;
pub const GLOBAL_SRC_CFG_CPU_LSB: u32 = 8;
pub const GLOBAL_SRC_CFG_CPU_WIDTH: u32 = 3;
pub const GLOBAL_SRC_CFG_WE_EN_LSB: u32 = 16;
pub const GLOBAL_SRC_CFG_WE_EN_WIDTH: u32 = 1;
pub const GLOBAL_SRC_CFG_WE_STAGE_LSB: u32 = 17;
pub const GLOBAL_SRC_CFG_WE_STAGE_WIDTH: u32 = 1;
pub const GLOBAL_SRC_CFG_WE_TRIG_LSB: u32 = 18;
pub const GLOBAL_SRC_CFG_WE_TRIG_WIDTH: u32 = 1;
pub const GLOBAL_SRC_CFG_WE_PRIO_LSB: u32 = 20;
pub const GLOBAL_SRC_CFG_WE_PRIO_WIDTH: u32 = 1;
pub const GLOBAL_SRC_CFG_WE_CPU_LSB: u32 = 24;
pub const GLOBAL_SRC_CFG_WE_CPU_WIDTH: u32 = 1;

// GLOBAL OVERRUN[n] (RO): Overrun counters of sources 4n to 4n+3, n being the array index,
// one byte each; cleared through OVERRUN_CLR.
pub const GLOBAL_OVERRUN_OFFSET: u32 = 0x00000300;
pub const GLOBAL_OVERRUN_RESET: u32 = 0x00000000;
pub const GLOBAL_OVERRUN_STRIDE: u32 = 0x00000004;
pub const GLOBAL_OVERRUN_COUNT: u32 = 32;
pub const GLOBAL_OVERRUN_CNT_LSB: u32 = 0;
pub const GLOBAL_OVERRUN_CNT_WIDTH: u32 = 8;
pub const GLOBAL_OVERRUN_CNT_STRIDE: u32 = 8;
pub const GLOBAL_OVERRUN_CNT_COUNT: u32 = 4;

// INBAND/OOB PAGE[c]: Interface page of CPU c (c being the array index) for this stage;
// pages of CPUs at or beyond NCPU answer DECERR.
pub const PAGE_STRIDE: u32 = 0x00001000;
pub const PAGE_COUNT: u32 = 8;

// INBAND/OOB PAGE[c] CLAIM (RO): Reading claims the highest-priority deliverable entry of
// this page's log (ties: lowest ID), removes it from the log, marks a source active and
// records its latency.
pub const PAGE_CLAIM_OFFSET: u32 = 0x00000000;
pub const PAGE_CLAIM_RESET: u32 = 0x000003ff;
pub const PAGE_CLAIM_ID_LSB: u32 = 0;
pub const PAGE_CLAIM_ID_WIDTH: u32 = 10;
pub const PAGE_CLAIM_ID_NONE: u32 = 0x000003ff;
pub const PAGE_CLAIM_ID_IPI_BASE: u32 = 0x00000100;

// INBAND/OOB PAGE[c] COMPLETE (WO): Writing the ID of an active source routed to this page
// ends its service, so a level source still high logs a new event; any other ID is ignored
// and sets ERR.BAD_COMPLETE.
pub const PAGE_COMPLETE_OFFSET: u32 = 0x00000004;
pub const PAGE_COMPLETE_RESET: u32 = 0x00000000;
pub const PAGE_COMPLETE_ID_LSB: u32 = 0;
pub const PAGE_COMPLETE_ID_WIDTH: u32 = 10;

// INBAND/OOB PAGE[c] STALL (RW): Stall and wake bits of this page's stage: while STALL is
// set and WAKE clear the line stays low (an in-band line also stays low while the CPU's oob
// stage is stalled) and events are still logged; clearing STALL (or setting WAKE) re-asserts
// the line at once if the log holds a deliverable entry.
pub const PAGE_STALL_OFFSET: u32 = 0x00000008;
pub const PAGE_STALL_RESET: u32 = 0x00000001;
pub const PAGE_STALL_STALL_LSB: u32 = 0;
pub const PAGE_STALL_STALL_WIDTH: u32 = 1;
pub const PAGE_STALL_WAKE_LSB: u32 = 1;
pub const PAGE_STALL_WAKE_WIDTH: u32 = 1;

// INBAND/OOB PAGE[c] STALL_TAS (RO): Test-and-stall: reading returns the stall bit and sets
// it at the same edge, winning over a STALL write that executes at that edge; WAKE is left
// as it is.
pub const PAGE_STALL_TAS_OFFSET: u32 = 0x0000000c;
pub const PAGE_STALL_TAS_RESET: u32 = 0x00000001;
pub const PAGE_STALL_TAS_WAS_STALLED_LSB: u32 = 0;
pub const PAGE_STALL_TAS_WAS_STALLED_WIDTH: u32 = 1;

// INBAND/OOB PAGE[c] IPI_SEND (WO): Writing logs IPI vector VECTOR in stage STAGE of every
// CPU in CPUMASK; a CPU at or beyond NCPU (ERR.BAD_CPU), a vector at or beyond NIPI
// (ERR.BAD_VECTOR), or an oob vector that IPI_OOB_NS does not allow to a Non-secure master
// (ERR.DENIED) rejects the whole write.
pub const PAGE_IPI_SEND_OFFSET: u32 = 0x00000010;
pub const PAGE_IPI_SEND_RESET: u32 = 0x00000000;
pub const PAGE_IPI_SEND_CPUMASK_LSB: u32 = 0;
pub const PAGE_IPI_SEND_CPUMASK_WIDTH: u32 = 8;
pub const PAGE_IPI_SEND_VECTOR_LSB: u32 = 16;
pub const PAGE_IPI_SEND_VECTOR_WIDTH: u32 = 4;
pub const PAGE_IPI_SEND_STAGE_LSB: u32 = 24;
pub const PAGE_IPI_SEND_STAGE_WIDTH: u32 = 1;
pub const PAGE_IPI_SEND_STAGE_INBAND: u32 = 0x00000000;
pub const PAGE_IPI_SEND_STAGE_OOB: u32 = 0x00000001;

// INBAND/OOB PAGE[c] STATUS (RO): Line and stall state of this page's CPU and stage.
pub const PAGE_STATUS_OFFSET: u32 = 0x00000014;
pub const PAGE_STATUS_RESET: u32 = 0x0000000c;
pub const PAGE_STATUS_LINE_LSB: u32 = 0;
pub const PAGE_STATUS_LINE_WIDTH: u32 = 1;
pub const PAGE_STATUS_DELIVERABLE_LSB: u32 = 1;
pub const PAGE_STATUS_DELIVERABLE_WIDTH: u32 = 1;
pub const PAGE_STATUS_STALLED_LSB: u32 = 2;
pub const PAGE_STATUS_STALLED_WIDTH: u32 = 1;
pub const PAGE_STATUS_OOB_STALLED_LSB: u32 = 3;
pub const PAGE_STATUS_OOB_STALLED_WIDTH: u32 = 1;
pub const PAGE_STATUS_WAKE_LSB: u32 = 4;
pub const PAGE_STATUS_WAKE_WIDTH: u32 = 1;

// INBAND/OOB PAGE[c] IPI_PEND (RO): Pending IPI vectors of this page's log.
pub const PAGE_IPI_PEND_OFFSET: u32 = 0x00000018;
pub const PAGE_IPI_PEND_RESET: u32 = 0x00000000;
pub const PAGE_IPI_PEND_PENDING_LSB: u32 = 0;
pub const PAGE_IPI_PEND_PENDING_WIDTH: u32 = 16;

// INBAND/OOB PAGE[c] IPI_OVERRUN (RW): Overrun counter of the IPIs of this page's log; any
// write clears it.
pub const PAGE_IPI_OVERRUN_OFFSET: u32 = 0x0000001c;
pub const PAGE_IPI_OVERRUN_RESET: u32 = 0x00000000;
pub const PAGE_IPI_OVERRUN_CNT_LSB: u32 = 0;
pub const PAGE_IPI_OVERRUN_CNT_WIDTH: u32 = 8;

// INBAND/OOB PAGE[c] PEND[n] (RO): Pending sources of this page's log among sources 32n to
// 32n+31, n being the array index; words wholly at or beyond NSRC answer SLVERR.
pub const PAGE_PEND_OFFSET: u32 = 0x00000020;
pub const PAGE_PEND_RESET: u32 = 0x00000000;
pub const PAGE_PEND_STRIDE: u32 = 0x00000004;
pub const PAGE_PEND_COUNT: u32 = 4;
pub const PAGE_PEND_VALUE_LSB: u32 = 0;
pub const PAGE_PEND_VALUE_WIDTH: u32 = 32;

// INBAND/OOB PAGE[c] LAT_LAST (RO): Latency, in cycles from event to claim, of the last
// entry claimed from this page; reads zero without statistics (HWCFG.STATS = 0).
pub const PAGE_LAT_LAST_OFFSET: u32 = 0x00000040;
pub const PAGE_LAT_LAST_RESET: u32 = 0x00000000;
pub const PAGE_LAT_LAST_VALUE_LSB: u32 = 0;
pub const PAGE_LAT_LAST_VALUE_WIDTH: u32 = 32;

// INBAND/OOB PAGE[c] LAT_MAX (RW): Largest claim latency seen on this page since reset or
// the last clear; any write clears it; reads zero without statistics (HWCFG.STATS = 0).
pub const PAGE_LAT_MAX_OFFSET: u32 = 0x00000044;
pub const PAGE_LAT_MAX_RESET: u32 = 0x00000000;
pub const PAGE_LAT_MAX_VALUE_LSB: u32 = 0;
pub const PAGE_LAT_MAX_VALUE_WIDTH: u32 = 32;

// INBAND/OOB PAGE[c] HIST[n] (RO): Log2 latency histogram of the claims on this page: bucket
// 0 counts latencies below 2 cycles, bucket b the latencies in [2^b, 2^(b+1)), and bucket 15
// everything from 2^15 on; cleared only by reset (a sweep of the first 32 x NCPU edges,
// during which it reads zero and counts nothing); reads zero without statistics (HWCFG.STATS
// = 0).
pub const PAGE_HIST_OFFSET: u32 = 0x00000080;
pub const PAGE_HIST_RESET: u32 = 0x00000000;
pub const PAGE_HIST_STRIDE: u32 = 0x00000004;
pub const PAGE_HIST_COUNT: u32 = 16;
pub const PAGE_HIST_COUNT_LSB: u32 = 0;
pub const PAGE_HIST_COUNT_WIDTH: u32 = 32;
