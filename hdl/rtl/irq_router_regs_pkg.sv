// SPDX-License-Identifier: MIT OR Apache-2.0
//
// GENERATED FILE - DO NOT EDIT.
// Generated from hdl/regmap/irq_router.svd by `cargo run -p regmap-gen`;
// change the SVD and regenerate.
//
// Register map of IRQ_ROUTER version 1.1 for the RTL. _OFFSET values are byte
// offsets within the peripheral (or within one element of a cluster array),
// _RESET the reset value of the register, _STRIDE/_COUNT the layout of an
// array (bytes for registers, bits for fields), _LSB/_WIDTH a field's position
// (element 0 of a field array), and <REG>_<FIELD>_<NAME> an enumerated field
// value, unshifted.

package irq_router_regs_pkg;

    /* verilator lint_off UNUSEDPARAM */

    // Address map: peripheral bases relative to the lowest one (0xA0000000 in
    // the SVD).
    localparam int unsigned REGMAP_ADDR_WIDTH                = 17;
    localparam logic [31:0] GLOBAL_BASE                      = 32'h0000_0000;
    localparam logic [31:0] INBAND_BASE                      = 32'h0000_8000;
    localparam logic [31:0] OOB_BASE                         = 32'h0001_0000;

    // GLOBAL ID (RO): Identification word that reads as the ASCII characters
    // "IRQR", so software can check that a router answers at this address.
    localparam logic [31:0] GLOBAL_ID_OFFSET                 = 32'h0000_0000;
    localparam logic [31:0] GLOBAL_ID_RESET                  = 32'h4952_5152;
    localparam int unsigned GLOBAL_ID_VALUE_LSB              = 0;
    localparam int unsigned GLOBAL_ID_VALUE_WIDTH            = 32;

    // GLOBAL VERSION (RO): Version of this register interface.
    localparam logic [31:0] GLOBAL_VERSION_OFFSET            = 32'h0000_0004;
    localparam logic [31:0] GLOBAL_VERSION_RESET             = 32'h0001_0001;
    localparam int unsigned GLOBAL_VERSION_MINOR_LSB         = 0;
    localparam int unsigned GLOBAL_VERSION_MINOR_WIDTH       = 16;
    localparam int unsigned GLOBAL_VERSION_MAJOR_LSB         = 16;
    localparam int unsigned GLOBAL_VERSION_MAJOR_WIDTH       = 16;

    // GLOBAL HWCFG (RO): Synthesis parameters of this router instance; its real
    // value depends on the NSRC, NCPU, NIPI, TSW, STATS and OVRW parameters, so
    // the reset value given here (0) is only a placeholder.
    localparam logic [31:0] GLOBAL_HWCFG_OFFSET              = 32'h0000_0008;
    localparam logic [31:0] GLOBAL_HWCFG_RESET               = 32'h0000_0000;
    localparam int unsigned GLOBAL_HWCFG_NSRC_LSB            = 0;
    localparam int unsigned GLOBAL_HWCFG_NSRC_WIDTH          = 8;
    localparam int unsigned GLOBAL_HWCFG_NCPU_LSB            = 8;
    localparam int unsigned GLOBAL_HWCFG_NCPU_WIDTH          = 4;
    localparam int unsigned GLOBAL_HWCFG_NIPI_LSB            = 12;
    localparam int unsigned GLOBAL_HWCFG_NIPI_WIDTH          = 5;
    localparam int unsigned GLOBAL_HWCFG_TSW_LSB             = 17;
    localparam int unsigned GLOBAL_HWCFG_TSW_WIDTH           = 6;
    localparam int unsigned GLOBAL_HWCFG_STATS_LSB           = 23;
    localparam int unsigned GLOBAL_HWCFG_STATS_WIDTH         = 1;
    localparam int unsigned GLOBAL_HWCFG_OVRW_LSB            = 24;
    localparam int unsigned GLOBAL_HWCFG_OVRW_WIDTH          = 4;

    // GLOBAL LOCK (WO): Write-once lock: writing the key freezes the oob
    // configuration (oob SRC_CFG entries, oob IPI priorities and IPI_OOB_NS)
    // until reset, any other value sets ERR.BAD_KEY while unlocked, and writes
    // after locking are ignored; Non-secure writes are refused (ERR.DENIED).
    localparam logic [31:0] GLOBAL_LOCK_OFFSET               = 32'h0000_000C;
    localparam logic [31:0] GLOBAL_LOCK_RESET                = 32'h0000_0000;
    localparam int unsigned GLOBAL_LOCK_KEY_LSB              = 0;
    localparam int unsigned GLOBAL_LOCK_KEY_WIDTH            = 32;
    localparam logic [31:0] GLOBAL_LOCK_KEY_KEY              = 32'h4C4F_434B;

    // GLOBAL ERR (RW): Sticky error flags, each set when the router rejects or
    // ignores a write by a rule of the specification; writing 1 to a flag clears
    // it, and a flag set at the same edge wins over the clear.
    localparam logic [31:0] GLOBAL_ERR_OFFSET                = 32'h0000_0010;
    localparam logic [31:0] GLOBAL_ERR_RESET                 = 32'h0000_0000;
    localparam int unsigned GLOBAL_ERR_BAD_CPU_LSB           = 0;
    localparam int unsigned GLOBAL_ERR_BAD_CPU_WIDTH         = 1;
    localparam int unsigned GLOBAL_ERR_BAD_VECTOR_LSB        = 1;
    localparam int unsigned GLOBAL_ERR_BAD_VECTOR_WIDTH      = 1;
    localparam int unsigned GLOBAL_ERR_LOCKED_LSB            = 2;
    localparam int unsigned GLOBAL_ERR_LOCKED_WIDTH          = 1;
    localparam int unsigned GLOBAL_ERR_BAD_COMPLETE_LSB      = 3;
    localparam int unsigned GLOBAL_ERR_BAD_COMPLETE_WIDTH    = 1;
    localparam int unsigned GLOBAL_ERR_BAD_KEY_LSB           = 4;
    localparam int unsigned GLOBAL_ERR_BAD_KEY_WIDTH         = 1;
    localparam int unsigned GLOBAL_ERR_DENIED_LSB            = 5;
    localparam int unsigned GLOBAL_ERR_DENIED_WIDTH          = 1;

    // GLOBAL STATUS (RO): Global status of the router.
    localparam logic [31:0] GLOBAL_STATUS_OFFSET             = 32'h0000_0014;
    localparam logic [31:0] GLOBAL_STATUS_RESET              = 32'h0000_0000;
    localparam int unsigned GLOBAL_STATUS_LOCKED_LSB         = 0;
    localparam int unsigned GLOBAL_STATUS_LOCKED_WIDTH       = 1;
    localparam int unsigned GLOBAL_STATUS_SECURE_LSB         = 1;
    localparam int unsigned GLOBAL_STATUS_SECURE_WIDTH       = 1;

    // GLOBAL CYCLE_LO (RO): Low half of the free-running 64-bit cycle counter;
    // reading it also copies the high half into the reading world's shadow that
    // CYCLE_HI returns.
    localparam logic [31:0] GLOBAL_CYCLE_LO_OFFSET           = 32'h0000_0018;
    localparam logic [31:0] GLOBAL_CYCLE_LO_RESET            = 32'h0000_0000;
    localparam int unsigned GLOBAL_CYCLE_LO_VALUE_LSB        = 0;
    localparam int unsigned GLOBAL_CYCLE_LO_VALUE_WIDTH      = 32;

    // GLOBAL CYCLE_HI (RO): High half of the cycle counter as latched by the
    // last CYCLE_LO read of the same TrustZone world (the shadow is banked by
    // AxPROT[1]), so that reading LO then HI gives one consistent 64-bit sample.
    localparam logic [31:0] GLOBAL_CYCLE_HI_OFFSET           = 32'h0000_001C;
    localparam logic [31:0] GLOBAL_CYCLE_HI_RESET            = 32'h0000_0000;
    localparam int unsigned GLOBAL_CYCLE_HI_VALUE_LSB        = 0;
    localparam int unsigned GLOBAL_CYCLE_HI_VALUE_WIDTH      = 32;

    // GLOBAL IPI_PRIO_INB (RW): Claim priority of each in-band IPI vector, two
    // bits per vector; fields of vectors at or beyond NIPI read as zero.
    localparam logic [31:0] GLOBAL_IPI_PRIO_INB_OFFSET       = 32'h0000_0020;
    localparam logic [31:0] GLOBAL_IPI_PRIO_INB_RESET        = 32'h0000_0000;
    localparam int unsigned GLOBAL_IPI_PRIO_INB_P_LSB        = 0;
    localparam int unsigned GLOBAL_IPI_PRIO_INB_P_WIDTH      = 2;
    localparam int unsigned GLOBAL_IPI_PRIO_INB_P_STRIDE     = 2;
    localparam int unsigned GLOBAL_IPI_PRIO_INB_P_COUNT      = 16;

    // GLOBAL IPI_PRIO_OOB (RW): Claim priority of each oob IPI vector, two bits
    // per vector; writes are rejected with ERR.LOCKED once the lock is set, and
    // Non-secure writes with ERR.DENIED.
    localparam logic [31:0] GLOBAL_IPI_PRIO_OOB_OFFSET       = 32'h0000_0024;
    localparam logic [31:0] GLOBAL_IPI_PRIO_OOB_RESET        = 32'h0000_0000;
    localparam int unsigned GLOBAL_IPI_PRIO_OOB_P_LSB        = 0;
    localparam int unsigned GLOBAL_IPI_PRIO_OOB_P_WIDTH      = 2;
    localparam int unsigned GLOBAL_IPI_PRIO_OOB_P_STRIDE     = 2;
    localparam int unsigned GLOBAL_IPI_PRIO_OOB_P_COUNT      = 16;

    // GLOBAL IPI_PRIO_SET (WO): Sets the claim priority of one IPI vector of one
    // stage without touching the others (no read-modify-write); VECTOR at or
    // beyond NIPI (ERR.BAD_VECTOR), STAGE oob while locked (ERR.LOCKED) or from
    // a Non-secure master (ERR.DENIED) rejects the write.
    localparam logic [31:0] GLOBAL_IPI_PRIO_SET_OFFSET       = 32'h0000_0028;
    localparam logic [31:0] GLOBAL_IPI_PRIO_SET_RESET        = 32'h0000_0000;
    localparam int unsigned GLOBAL_IPI_PRIO_SET_PRIO_LSB     = 0;
    localparam int unsigned GLOBAL_IPI_PRIO_SET_PRIO_WIDTH   = 2;
    localparam int unsigned GLOBAL_IPI_PRIO_SET_VECTOR_LSB   = 16;
    localparam int unsigned GLOBAL_IPI_PRIO_SET_VECTOR_WIDTH = 4;
    localparam int unsigned GLOBAL_IPI_PRIO_SET_STAGE_LSB    = 24;
    localparam int unsigned GLOBAL_IPI_PRIO_SET_STAGE_WIDTH  = 1;
    localparam logic [31:0] GLOBAL_IPI_PRIO_SET_STAGE_INBAND = 32'h0000_0000;
    localparam logic [31:0] GLOBAL_IPI_PRIO_SET_STAGE_OOB    = 32'h0000_0001;

    // GLOBAL IPI_OOB_NS (RW): Oob IPI vectors that Non-secure masters (Linux)
    // may send with IPI_SEND; an oob IPI of any other vector from a Non-secure
    // master is refused with ERR.DENIED. Written only by Secure masters
    // (ERR.DENIED otherwise), frozen by LOCK (ERR.LOCKED).
    localparam logic [31:0] GLOBAL_IPI_OOB_NS_OFFSET         = 32'h0000_002C;
    localparam logic [31:0] GLOBAL_IPI_OOB_NS_RESET          = 32'h0000_0000;
    localparam int unsigned GLOBAL_IPI_OOB_NS_ALLOW_LSB      = 0;
    localparam int unsigned GLOBAL_IPI_OOB_NS_ALLOW_WIDTH    = 16;

    // GLOBAL SRC_RAW[n] (RO): Input levels of sources 32n to 32n+31, n being the
    // array index; words wholly at or beyond NSRC answer SLVERR and bits of
    // sources at or beyond NSRC read as zero.
    localparam logic [31:0] GLOBAL_SRC_RAW_OFFSET            = 32'h0000_0040;
    localparam logic [31:0] GLOBAL_SRC_RAW_RESET             = 32'h0000_0000;
    localparam logic [31:0] GLOBAL_SRC_RAW_STRIDE            = 32'h0000_0004;
    localparam int unsigned GLOBAL_SRC_RAW_COUNT             = 4;
    localparam int unsigned GLOBAL_SRC_RAW_VALUE_LSB         = 0;
    localparam int unsigned GLOBAL_SRC_RAW_VALUE_WIDTH       = 32;

    // GLOBAL SRC_PEND[n] (RO): Pending (logged, not yet claimed) bits of sources
    // 32n to 32n+31, n being the array index, whatever their routing and enable.
    localparam logic [31:0] GLOBAL_SRC_PEND_OFFSET           = 32'h0000_0050;
    localparam logic [31:0] GLOBAL_SRC_PEND_RESET            = 32'h0000_0000;
    localparam logic [31:0] GLOBAL_SRC_PEND_STRIDE           = 32'h0000_0004;
    localparam int unsigned GLOBAL_SRC_PEND_COUNT            = 4;
    localparam int unsigned GLOBAL_SRC_PEND_VALUE_LSB        = 0;
    localparam int unsigned GLOBAL_SRC_PEND_VALUE_WIDTH      = 32;

    // GLOBAL SRC_ACTIVE[n] (RO): Active (claimed and not yet completed) bits of
    // sources 32n to 32n+31, n being the array index.
    localparam logic [31:0] GLOBAL_SRC_ACTIVE_OFFSET         = 32'h0000_0060;
    localparam logic [31:0] GLOBAL_SRC_ACTIVE_RESET          = 32'h0000_0000;
    localparam logic [31:0] GLOBAL_SRC_ACTIVE_STRIDE         = 32'h0000_0004;
    localparam int unsigned GLOBAL_SRC_ACTIVE_COUNT          = 4;
    localparam int unsigned GLOBAL_SRC_ACTIVE_VALUE_LSB      = 0;
    localparam int unsigned GLOBAL_SRC_ACTIVE_VALUE_WIDTH    = 32;

    // GLOBAL OVERRUN_CLR[n] (WO): Clears overrun counters of sources 32n to
    // 32n+31, n being the array index, without touching the others; words wholly
    // at or beyond NSRC answer SLVERR, and a Non-secure write with a 1 in the
    // bit of an oob source is refused whole (ERR.DENIED).
    localparam logic [31:0] GLOBAL_OVERRUN_CLR_OFFSET        = 32'h0000_0070;
    localparam logic [31:0] GLOBAL_OVERRUN_CLR_RESET         = 32'h0000_0000;
    localparam logic [31:0] GLOBAL_OVERRUN_CLR_STRIDE        = 32'h0000_0004;
    localparam int unsigned GLOBAL_OVERRUN_CLR_COUNT         = 4;
    localparam int unsigned GLOBAL_OVERRUN_CLR_CLR_LSB       = 0;
    localparam int unsigned GLOBAL_OVERRUN_CLR_CLR_WIDTH     = 32;

    // GLOBAL SRC_CFG[n] (RW): Routing and trigger configuration of source n, n
    // being the array index; entries at or beyond NSRC answer SLVERR. A write
    // changes the fields whose WE bit is set, or every field when bits 31:16 are
    // all zero, so no read-modify-write is needed; a write naming a CPU at or
    // beyond NCPU (ERR.BAD_CPU), touching an oob source while locked
    // (ERR.LOCKED) or touching an oob source from a Non-secure master
    // (ERR.DENIED) is rejected whole.
    localparam logic [31:0] GLOBAL_SRC_CFG_OFFSET            = 32'h0000_0100;
    localparam logic [31:0] GLOBAL_SRC_CFG_RESET             = 32'h0000_0000;
    localparam logic [31:0] GLOBAL_SRC_CFG_STRIDE            = 32'h0000_0004;
    localparam int unsigned GLOBAL_SRC_CFG_COUNT             = 128;
    localparam int unsigned GLOBAL_SRC_CFG_EN_LSB            = 0;
    localparam int unsigned GLOBAL_SRC_CFG_EN_WIDTH          = 1;
    localparam int unsigned GLOBAL_SRC_CFG_STAGE_LSB         = 1;
    localparam int unsigned GLOBAL_SRC_CFG_STAGE_WIDTH       = 1;
    localparam logic [31:0] GLOBAL_SRC_CFG_STAGE_INBAND      = 32'h0000_0000;
    localparam logic [31:0] GLOBAL_SRC_CFG_STAGE_OOB         = 32'h0000_0001;
    localparam int unsigned GLOBAL_SRC_CFG_TRIG_LSB          = 2;
    localparam int unsigned GLOBAL_SRC_CFG_TRIG_WIDTH        = 1;
    localparam logic [31:0] GLOBAL_SRC_CFG_TRIG_LEVEL        = 32'h0000_0000;
    localparam logic [31:0] GLOBAL_SRC_CFG_TRIG_EDGE         = 32'h0000_0001;
    localparam int unsigned GLOBAL_SRC_CFG_PRIO_LSB          = 4;
    localparam int unsigned GLOBAL_SRC_CFG_PRIO_WIDTH        = 2;
    localparam int unsigned GLOBAL_SRC_CFG_CPU_LSB           = 8;
    localparam int unsigned GLOBAL_SRC_CFG_CPU_WIDTH         = 3;
    localparam int unsigned GLOBAL_SRC_CFG_WE_EN_LSB         = 16;
    localparam int unsigned GLOBAL_SRC_CFG_WE_EN_WIDTH       = 1;
    localparam int unsigned GLOBAL_SRC_CFG_WE_STAGE_LSB      = 17;
    localparam int unsigned GLOBAL_SRC_CFG_WE_STAGE_WIDTH    = 1;
    localparam int unsigned GLOBAL_SRC_CFG_WE_TRIG_LSB       = 18;
    localparam int unsigned GLOBAL_SRC_CFG_WE_TRIG_WIDTH     = 1;
    localparam int unsigned GLOBAL_SRC_CFG_WE_PRIO_LSB       = 20;
    localparam int unsigned GLOBAL_SRC_CFG_WE_PRIO_WIDTH     = 1;
    localparam int unsigned GLOBAL_SRC_CFG_WE_CPU_LSB        = 24;
    localparam int unsigned GLOBAL_SRC_CFG_WE_CPU_WIDTH      = 1;

    // GLOBAL OVERRUN[n] (RO): Overrun counters of sources 4n to 4n+3, n being
    // the array index, one byte each; cleared through OVERRUN_CLR.
    localparam logic [31:0] GLOBAL_OVERRUN_OFFSET            = 32'h0000_0300;
    localparam logic [31:0] GLOBAL_OVERRUN_RESET             = 32'h0000_0000;
    localparam logic [31:0] GLOBAL_OVERRUN_STRIDE            = 32'h0000_0004;
    localparam int unsigned GLOBAL_OVERRUN_COUNT             = 32;
    localparam int unsigned GLOBAL_OVERRUN_CNT_LSB           = 0;
    localparam int unsigned GLOBAL_OVERRUN_CNT_WIDTH         = 8;
    localparam int unsigned GLOBAL_OVERRUN_CNT_STRIDE        = 8;
    localparam int unsigned GLOBAL_OVERRUN_CNT_COUNT         = 4;

    // INBAND/OOB PAGE[c]: Interface page of CPU c (c being the array index) for
    // this stage; pages of CPUs at or beyond NCPU answer DECERR.
    localparam logic [31:0] PAGE_STRIDE                      = 32'h0000_1000;
    localparam int unsigned PAGE_COUNT                       = 8;

    // INBAND/OOB PAGE[c] CLAIM (RO): Reading claims the highest-priority
    // deliverable entry of this page's log (ties: lowest ID), removes it from
    // the log, marks a source active and records its latency.
    localparam logic [31:0] PAGE_CLAIM_OFFSET                = 32'h0000_0000;
    localparam logic [31:0] PAGE_CLAIM_RESET                 = 32'h0000_03FF;
    localparam int unsigned PAGE_CLAIM_ID_LSB                = 0;
    localparam int unsigned PAGE_CLAIM_ID_WIDTH              = 10;
    localparam logic [31:0] PAGE_CLAIM_ID_NONE               = 32'h0000_03FF;
    localparam logic [31:0] PAGE_CLAIM_ID_IPI_BASE           = 32'h0000_0100;

    // INBAND/OOB PAGE[c] COMPLETE (WO): Writing the ID of an active source
    // routed to this page ends its service, so a level source still high logs a
    // new event; any other ID is ignored and sets ERR.BAD_COMPLETE.
    localparam logic [31:0] PAGE_COMPLETE_OFFSET             = 32'h0000_0004;
    localparam logic [31:0] PAGE_COMPLETE_RESET              = 32'h0000_0000;
    localparam int unsigned PAGE_COMPLETE_ID_LSB             = 0;
    localparam int unsigned PAGE_COMPLETE_ID_WIDTH           = 10;

    // INBAND/OOB PAGE[c] STALL (RW): Stall and wake bits of this page's stage:
    // while STALL is set and WAKE clear the line stays low (an in-band line also
    // stays low while the CPU's oob stage is stalled) and events are still
    // logged; clearing STALL (or setting WAKE) re-asserts the line at once if
    // the log holds a deliverable entry.
    localparam logic [31:0] PAGE_STALL_OFFSET                = 32'h0000_0008;
    localparam logic [31:0] PAGE_STALL_RESET                 = 32'h0000_0001;
    localparam int unsigned PAGE_STALL_STALL_LSB             = 0;
    localparam int unsigned PAGE_STALL_STALL_WIDTH           = 1;
    localparam int unsigned PAGE_STALL_WAKE_LSB              = 1;
    localparam int unsigned PAGE_STALL_WAKE_WIDTH            = 1;

    // INBAND/OOB PAGE[c] STALL_TAS (RO): Test-and-stall: reading returns the
    // stall bit and sets it at the same edge, winning over a STALL write that
    // executes at that edge; WAKE is left as it is.
    localparam logic [31:0] PAGE_STALL_TAS_OFFSET            = 32'h0000_000C;
    localparam logic [31:0] PAGE_STALL_TAS_RESET             = 32'h0000_0001;
    localparam int unsigned PAGE_STALL_TAS_WAS_STALLED_LSB   = 0;
    localparam int unsigned PAGE_STALL_TAS_WAS_STALLED_WIDTH = 1;

    // INBAND/OOB PAGE[c] IPI_SEND (WO): Writing logs IPI vector VECTOR in stage
    // STAGE of every CPU in CPUMASK; a CPU at or beyond NCPU (ERR.BAD_CPU), a
    // vector at or beyond NIPI (ERR.BAD_VECTOR), or an oob vector that
    // IPI_OOB_NS does not allow to a Non-secure master (ERR.DENIED) rejects the
    // whole write.
    localparam logic [31:0] PAGE_IPI_SEND_OFFSET             = 32'h0000_0010;
    localparam logic [31:0] PAGE_IPI_SEND_RESET              = 32'h0000_0000;
    localparam int unsigned PAGE_IPI_SEND_CPUMASK_LSB        = 0;
    localparam int unsigned PAGE_IPI_SEND_CPUMASK_WIDTH      = 8;
    localparam int unsigned PAGE_IPI_SEND_VECTOR_LSB         = 16;
    localparam int unsigned PAGE_IPI_SEND_VECTOR_WIDTH       = 4;
    localparam int unsigned PAGE_IPI_SEND_STAGE_LSB          = 24;
    localparam int unsigned PAGE_IPI_SEND_STAGE_WIDTH        = 1;
    localparam logic [31:0] PAGE_IPI_SEND_STAGE_INBAND       = 32'h0000_0000;
    localparam logic [31:0] PAGE_IPI_SEND_STAGE_OOB          = 32'h0000_0001;

    // INBAND/OOB PAGE[c] STATUS (RO): Line and stall state of this page's CPU
    // and stage.
    localparam logic [31:0] PAGE_STATUS_OFFSET               = 32'h0000_0014;
    localparam logic [31:0] PAGE_STATUS_RESET                = 32'h0000_000C;
    localparam int unsigned PAGE_STATUS_LINE_LSB             = 0;
    localparam int unsigned PAGE_STATUS_LINE_WIDTH           = 1;
    localparam int unsigned PAGE_STATUS_DELIVERABLE_LSB      = 1;
    localparam int unsigned PAGE_STATUS_DELIVERABLE_WIDTH    = 1;
    localparam int unsigned PAGE_STATUS_STALLED_LSB          = 2;
    localparam int unsigned PAGE_STATUS_STALLED_WIDTH        = 1;
    localparam int unsigned PAGE_STATUS_OOB_STALLED_LSB      = 3;
    localparam int unsigned PAGE_STATUS_OOB_STALLED_WIDTH    = 1;
    localparam int unsigned PAGE_STATUS_WAKE_LSB             = 4;
    localparam int unsigned PAGE_STATUS_WAKE_WIDTH           = 1;

    // INBAND/OOB PAGE[c] IPI_PEND (RO): Pending IPI vectors of this page's log.
    localparam logic [31:0] PAGE_IPI_PEND_OFFSET             = 32'h0000_0018;
    localparam logic [31:0] PAGE_IPI_PEND_RESET              = 32'h0000_0000;
    localparam int unsigned PAGE_IPI_PEND_PENDING_LSB        = 0;
    localparam int unsigned PAGE_IPI_PEND_PENDING_WIDTH      = 16;

    // INBAND/OOB PAGE[c] IPI_OVERRUN (RW): Overrun counter of the IPIs of this
    // page's log; any write clears it.
    localparam logic [31:0] PAGE_IPI_OVERRUN_OFFSET          = 32'h0000_001C;
    localparam logic [31:0] PAGE_IPI_OVERRUN_RESET           = 32'h0000_0000;
    localparam int unsigned PAGE_IPI_OVERRUN_CNT_LSB         = 0;
    localparam int unsigned PAGE_IPI_OVERRUN_CNT_WIDTH       = 8;

    // INBAND/OOB PAGE[c] PEND[n] (RO): Pending sources of this page's log among
    // sources 32n to 32n+31, n being the array index; words wholly at or beyond
    // NSRC answer SLVERR.
    localparam logic [31:0] PAGE_PEND_OFFSET                 = 32'h0000_0020;
    localparam logic [31:0] PAGE_PEND_RESET                  = 32'h0000_0000;
    localparam logic [31:0] PAGE_PEND_STRIDE                 = 32'h0000_0004;
    localparam int unsigned PAGE_PEND_COUNT                  = 4;
    localparam int unsigned PAGE_PEND_VALUE_LSB              = 0;
    localparam int unsigned PAGE_PEND_VALUE_WIDTH            = 32;

    // INBAND/OOB PAGE[c] LAT_LAST (RO): Latency, in cycles from event to claim,
    // of the last entry claimed from this page; reads zero without statistics
    // (HWCFG.STATS = 0).
    localparam logic [31:0] PAGE_LAT_LAST_OFFSET             = 32'h0000_0040;
    localparam logic [31:0] PAGE_LAT_LAST_RESET              = 32'h0000_0000;
    localparam int unsigned PAGE_LAT_LAST_VALUE_LSB          = 0;
    localparam int unsigned PAGE_LAT_LAST_VALUE_WIDTH        = 32;

    // INBAND/OOB PAGE[c] LAT_MAX (RW): Largest claim latency seen on this page
    // since reset or the last clear; any write clears it; reads zero without
    // statistics (HWCFG.STATS = 0).
    localparam logic [31:0] PAGE_LAT_MAX_OFFSET              = 32'h0000_0044;
    localparam logic [31:0] PAGE_LAT_MAX_RESET               = 32'h0000_0000;
    localparam int unsigned PAGE_LAT_MAX_VALUE_LSB           = 0;
    localparam int unsigned PAGE_LAT_MAX_VALUE_WIDTH         = 32;

    // INBAND/OOB PAGE[c] HIST[n] (RO): Log2 latency histogram of the claims on
    // this page: bucket 0 counts latencies below 2 cycles, bucket b the
    // latencies in [2^b, 2^(b+1)), and bucket 15 everything from 2^15 on;
    // cleared only by reset (a sweep of the first 32 x NCPU edges, during which
    // it reads zero and counts nothing); reads zero without statistics
    // (HWCFG.STATS = 0).
    localparam logic [31:0] PAGE_HIST_OFFSET                 = 32'h0000_0080;
    localparam logic [31:0] PAGE_HIST_RESET                  = 32'h0000_0000;
    localparam logic [31:0] PAGE_HIST_STRIDE                 = 32'h0000_0004;
    localparam int unsigned PAGE_HIST_COUNT                  = 16;
    localparam int unsigned PAGE_HIST_COUNT_LSB              = 0;
    localparam int unsigned PAGE_HIST_COUNT_WIDTH            = 32;

    /* verilator lint_on UNUSEDPARAM */

endpackage
