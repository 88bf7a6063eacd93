/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * IRQ_ROUTER register map, version 1.1.
 *
 * GENERATED FILE - DO NOT EDIT. Generated from hdl/regmap/irq_router.svd
 * by `cargo run -p regmap-gen`; change the SVD and regenerate.
 *
 * _OFFSET values are byte offsets within the peripheral (or within one
 * element of a cluster array such as a per-CPU page). Field _MASK values are
 * already shifted; enumerated values are unshifted. Only plain C is used so
 * that the header also builds in userspace.
 */

#ifndef IRQ_ROUTER_REGS_H
#define IRQ_ROUTER_REGS_H

/*
 * Address map: peripheral bases relative to the lowest one (0xA0000000 in
 * the SVD).
 */
#define IRQ_ROUTER_REGMAP_ADDR_WIDTH                17
#define IRQ_ROUTER_GLOBAL_BASE                      0x00000000U
#define IRQ_ROUTER_INBAND_BASE                      0x00008000U
#define IRQ_ROUTER_OOB_BASE                         0x00010000U

/*
 * GLOBAL ID (RO): Identification word that reads as the ASCII characters
 * "IRQR", so software can check that a router answers at this address.
 */
#define IRQ_ROUTER_GLOBAL_ID_OFFSET                 0x000U
#define IRQ_ROUTER_GLOBAL_ID_RESET                  0x49525152U
#define IRQ_ROUTER_GLOBAL_ID_VALUE_SHIFT            0
#define IRQ_ROUTER_GLOBAL_ID_VALUE_WIDTH            32
#define IRQ_ROUTER_GLOBAL_ID_VALUE_MASK             0xFFFFFFFFU

/* GLOBAL VERSION (RO): Version of this register interface. */
#define IRQ_ROUTER_GLOBAL_VERSION_OFFSET            0x004U
#define IRQ_ROUTER_GLOBAL_VERSION_RESET             0x00010001U
#define IRQ_ROUTER_GLOBAL_VERSION_MINOR_SHIFT       0
#define IRQ_ROUTER_GLOBAL_VERSION_MINOR_WIDTH       16
#define IRQ_ROUTER_GLOBAL_VERSION_MINOR_MASK        0x0000FFFFU
#define IRQ_ROUTER_GLOBAL_VERSION_MAJOR_SHIFT       16
#define IRQ_ROUTER_GLOBAL_VERSION_MAJOR_WIDTH       16
#define IRQ_ROUTER_GLOBAL_VERSION_MAJOR_MASK        0xFFFF0000U

/*
 * GLOBAL HWCFG (RO): Synthesis parameters of this router instance; its
 * real value depends on the NSRC, NCPU, NIPI, TSW, STATS and OVRW
 * parameters, so the reset value given here (0) is only a placeholder.
 */
#define IRQ_ROUTER_GLOBAL_HWCFG_OFFSET              0x008U
#define IRQ_ROUTER_GLOBAL_HWCFG_RESET               0x00000000U
#define IRQ_ROUTER_GLOBAL_HWCFG_NSRC_SHIFT          0
#define IRQ_ROUTER_GLOBAL_HWCFG_NSRC_WIDTH          8
#define IRQ_ROUTER_GLOBAL_HWCFG_NSRC_MASK           0x000000FFU
#define IRQ_ROUTER_GLOBAL_HWCFG_NCPU_SHIFT          8
#define IRQ_ROUTER_GLOBAL_HWCFG_NCPU_WIDTH          4
#define IRQ_ROUTER_GLOBAL_HWCFG_NCPU_MASK           0x00000F00U
#define IRQ_ROUTER_GLOBAL_HWCFG_NIPI_SHIFT          12
#define IRQ_ROUTER_GLOBAL_HWCFG_NIPI_WIDTH          5
#define IRQ_ROUTER_GLOBAL_HWCFG_NIPI_MASK           0x0001F000U
#define IRQ_ROUTER_GLOBAL_HWCFG_TSW_SHIFT           17
#define IRQ_ROUTER_GLOBAL_HWCFG_TSW_WIDTH           6
#define IRQ_ROUTER_GLOBAL_HWCFG_TSW_MASK            0x007E0000U
#define IRQ_ROUTER_GLOBAL_HWCFG_STATS_SHIFT         23
#define IRQ_ROUTER_GLOBAL_HWCFG_STATS_WIDTH         1
#define IRQ_ROUTER_GLOBAL_HWCFG_STATS_MASK          0x00800000U
#define IRQ_ROUTER_GLOBAL_HWCFG_OVRW_SHIFT          24
#define IRQ_ROUTER_GLOBAL_HWCFG_OVRW_WIDTH          4
#define IRQ_ROUTER_GLOBAL_HWCFG_OVRW_MASK           0x0F000000U

/*
 * GLOBAL LOCK (WO): Write-once lock: writing the key freezes the oob
 * configuration (oob SRC_CFG entries, oob IPI priorities and IPI_OOB_NS)
 * until reset, any other value sets ERR.BAD_KEY while unlocked, and writes
 * after locking are ignored; Non-secure writes are refused (ERR.DENIED).
 */
#define IRQ_ROUTER_GLOBAL_LOCK_OFFSET               0x00CU
#define IRQ_ROUTER_GLOBAL_LOCK_RESET                0x00000000U
#define IRQ_ROUTER_GLOBAL_LOCK_KEY_SHIFT            0
#define IRQ_ROUTER_GLOBAL_LOCK_KEY_WIDTH            32
#define IRQ_ROUTER_GLOBAL_LOCK_KEY_MASK             0xFFFFFFFFU
#define IRQ_ROUTER_GLOBAL_LOCK_KEY_KEY              0x4C4F434BU

/*
 * GLOBAL ERR (RW): Sticky error flags, each set when the router rejects or
 * ignores a write by a rule of the specification; writing 1 to a flag
 * clears it, and a flag set at the same edge wins over the clear.
 */
#define IRQ_ROUTER_GLOBAL_ERR_OFFSET                0x010U
#define IRQ_ROUTER_GLOBAL_ERR_RESET                 0x00000000U
#define IRQ_ROUTER_GLOBAL_ERR_BAD_CPU_SHIFT         0
#define IRQ_ROUTER_GLOBAL_ERR_BAD_CPU_WIDTH         1
#define IRQ_ROUTER_GLOBAL_ERR_BAD_CPU_MASK          0x00000001U
#define IRQ_ROUTER_GLOBAL_ERR_BAD_VECTOR_SHIFT      1
#define IRQ_ROUTER_GLOBAL_ERR_BAD_VECTOR_WIDTH      1
#define IRQ_ROUTER_GLOBAL_ERR_BAD_VECTOR_MASK       0x00000002U
#define IRQ_ROUTER_GLOBAL_ERR_LOCKED_SHIFT          2
#define IRQ_ROUTER_GLOBAL_ERR_LOCKED_WIDTH          1
#define IRQ_ROUTER_GLOBAL_ERR_LOCKED_MASK           0x00000004U
#define IRQ_ROUTER_GLOBAL_ERR_BAD_COMPLETE_SHIFT    3
#define IRQ_ROUTER_GLOBAL_ERR_BAD_COMPLETE_WIDTH    1
#define IRQ_ROUTER_GLOBAL_ERR_BAD_COMPLETE_MASK     0x00000008U
#define IRQ_ROUTER_GLOBAL_ERR_BAD_KEY_SHIFT         4
#define IRQ_ROUTER_GLOBAL_ERR_BAD_KEY_WIDTH         1
#define IRQ_ROUTER_GLOBAL_ERR_BAD_KEY_MASK          0x00000010U
#define IRQ_ROUTER_GLOBAL_ERR_DENIED_SHIFT          5
#define IRQ_ROUTER_GLOBAL_ERR_DENIED_WIDTH          1
#define IRQ_ROUTER_GLOBAL_ERR_DENIED_MASK           0x00000020U

/* GLOBAL STATUS (RO): Global status of the router. */
#define IRQ_ROUTER_GLOBAL_STATUS_OFFSET             0x014U
#define IRQ_ROUTER_GLOBAL_STATUS_RESET              0x00000000U
#define IRQ_ROUTER_GLOBAL_STATUS_LOCKED_SHIFT       0
#define IRQ_ROUTER_GLOBAL_STATUS_LOCKED_WIDTH       1
#define IRQ_ROUTER_GLOBAL_STATUS_LOCKED_MASK        0x00000001U
#define IRQ_ROUTER_GLOBAL_STATUS_SECURE_SHIFT       1
#define IRQ_ROUTER_GLOBAL_STATUS_SECURE_WIDTH       1
#define IRQ_ROUTER_GLOBAL_STATUS_SECURE_MASK        0x00000002U

/*
 * GLOBAL CYCLE_LO (RO): Low half of the free-running 64-bit cycle counter;
 * reading it also copies the high half into the reading world's shadow
 * that CYCLE_HI returns.
 */
#define IRQ_ROUTER_GLOBAL_CYCLE_LO_OFFSET           0x018U
#define IRQ_ROUTER_GLOBAL_CYCLE_LO_RESET            0x00000000U
#define IRQ_ROUTER_GLOBAL_CYCLE_LO_VALUE_SHIFT      0
#define IRQ_ROUTER_GLOBAL_CYCLE_LO_VALUE_WIDTH      32
#define IRQ_ROUTER_GLOBAL_CYCLE_LO_VALUE_MASK       0xFFFFFFFFU

/*
 * GLOBAL CYCLE_HI (RO): High half of the cycle counter as latched by the
 * last CYCLE_LO read of the same TrustZone world (the shadow is banked by
 * AxPROT[1]), so that reading LO then HI gives one consistent 64-bit
 * sample.
 */
#define IRQ_ROUTER_GLOBAL_CYCLE_HI_OFFSET           0x01CU
#define IRQ_ROUTER_GLOBAL_CYCLE_HI_RESET            0x00000000U
#define IRQ_ROUTER_GLOBAL_CYCLE_HI_VALUE_SHIFT      0
#define IRQ_ROUTER_GLOBAL_CYCLE_HI_VALUE_WIDTH      32
#define IRQ_ROUTER_GLOBAL_CYCLE_HI_VALUE_MASK       0xFFFFFFFFU

/*
 * GLOBAL IPI_PRIO_INB (RW): Claim priority of each in-band IPI vector, two
 * bits per vector; fields of vectors at or beyond NIPI read as zero.
 */
#define IRQ_ROUTER_GLOBAL_IPI_PRIO_INB_OFFSET       0x020U
#define IRQ_ROUTER_GLOBAL_IPI_PRIO_INB_RESET        0x00000000U
#define IRQ_ROUTER_GLOBAL_IPI_PRIO_INB_P_WIDTH      2
#define IRQ_ROUTER_GLOBAL_IPI_PRIO_INB_P_STRIDE     2
#define IRQ_ROUTER_GLOBAL_IPI_PRIO_INB_P_COUNT      16
#define IRQ_ROUTER_GLOBAL_IPI_PRIO_INB_P_SHIFT(n)   (0 + (n) * IRQ_ROUTER_GLOBAL_IPI_PRIO_INB_P_STRIDE)
#define IRQ_ROUTER_GLOBAL_IPI_PRIO_INB_P_MASK(n)    (0x003U << IRQ_ROUTER_GLOBAL_IPI_PRIO_INB_P_SHIFT(n))

/*
 * GLOBAL IPI_PRIO_OOB (RW): Claim priority of each oob IPI vector, two
 * bits per vector; writes are rejected with ERR.LOCKED once the lock is
 * set, and Non-secure writes with ERR.DENIED.
 */
#define IRQ_ROUTER_GLOBAL_IPI_PRIO_OOB_OFFSET       0x024U
#define IRQ_ROUTER_GLOBAL_IPI_PRIO_OOB_RESET        0x00000000U
#define IRQ_ROUTER_GLOBAL_IPI_PRIO_OOB_P_WIDTH      2
#define IRQ_ROUTER_GLOBAL_IPI_PRIO_OOB_P_STRIDE     2
#define IRQ_ROUTER_GLOBAL_IPI_PRIO_OOB_P_COUNT      16
#define IRQ_ROUTER_GLOBAL_IPI_PRIO_OOB_P_SHIFT(n)   (0 + (n) * IRQ_ROUTER_GLOBAL_IPI_PRIO_OOB_P_STRIDE)
#define IRQ_ROUTER_GLOBAL_IPI_PRIO_OOB_P_MASK(n)    (0x003U << IRQ_ROUTER_GLOBAL_IPI_PRIO_OOB_P_SHIFT(n))

/*
 * GLOBAL IPI_PRIO_SET (WO): Sets the claim priority of one IPI vector of
 * one stage without touching the others (no read-modify-write); VECTOR at
 * or beyond NIPI (ERR.BAD_VECTOR), STAGE oob while locked (ERR.LOCKED) or
 * from a Non-secure master (ERR.DENIED) rejects the write.
 */
#define IRQ_ROUTER_GLOBAL_IPI_PRIO_SET_OFFSET       0x028U
#define IRQ_ROUTER_GLOBAL_IPI_PRIO_SET_RESET        0x00000000U
#define IRQ_ROUTER_GLOBAL_IPI_PRIO_SET_PRIO_SHIFT   0
#define IRQ_ROUTER_GLOBAL_IPI_PRIO_SET_PRIO_WIDTH   2
#define IRQ_ROUTER_GLOBAL_IPI_PRIO_SET_PRIO_MASK    0x00000003U
#define IRQ_ROUTER_GLOBAL_IPI_PRIO_SET_VECTOR_SHIFT 16
#define IRQ_ROUTER_GLOBAL_IPI_PRIO_SET_VECTOR_WIDTH 4
#define IRQ_ROUTER_GLOBAL_IPI_PRIO_SET_VECTOR_MASK  0x000F0000U
#define IRQ_ROUTER_GLOBAL_IPI_PRIO_SET_STAGE_SHIFT  24
#define IRQ_ROUTER_GLOBAL_IPI_PRIO_SET_STAGE_WIDTH  1
#define IRQ_ROUTER_GLOBAL_IPI_PRIO_SET_STAGE_MASK   0x01000000U
#define IRQ_ROUTER_GLOBAL_IPI_PRIO_SET_STAGE_INBAND 0x000U
#define IRQ_ROUTER_GLOBAL_IPI_PRIO_SET_STAGE_OOB    0x001U

/*
 * GLOBAL IPI_OOB_NS (RW): Oob IPI vectors that Non-secure masters (Linux)
 * may send with IPI_SEND; an oob IPI of any other vector from a Non-secure
 * master is refused with ERR.DENIED. Written only by Secure masters
 * (ERR.DENIED otherwise), frozen by LOCK (ERR.LOCKED).
 */
#define IRQ_ROUTER_GLOBAL_IPI_OOB_NS_OFFSET         0x02CU
#define IRQ_ROUTER_GLOBAL_IPI_OOB_NS_RESET          0x00000000U
#define IRQ_ROUTER_GLOBAL_IPI_OOB_NS_ALLOW_SHIFT    0
#define IRQ_ROUTER_GLOBAL_IPI_OOB_NS_ALLOW_WIDTH    16
#define IRQ_ROUTER_GLOBAL_IPI_OOB_NS_ALLOW_MASK     0x0000FFFFU

/*
 * GLOBAL SRC_RAW[n] (RO): Input levels of sources 32n to 32n+31, n being
 * the array index; words wholly at or beyond NSRC answer SLVERR and bits
 * of sources at or beyond NSRC read as zero.
 */
#define IRQ_ROUTER_GLOBAL_SRC_RAW_OFFSET            0x040U
#define IRQ_ROUTER_GLOBAL_SRC_RAW_RESET             0x00000000U
#define IRQ_ROUTER_GLOBAL_SRC_RAW_STRIDE            0x004U
#define IRQ_ROUTER_GLOBAL_SRC_RAW_COUNT             4U
#define IRQ_ROUTER_GLOBAL_SRC_RAW(i)                (IRQ_ROUTER_GLOBAL_SRC_RAW_OFFSET + (i) * IRQ_ROUTER_GLOBAL_SRC_RAW_STRIDE)
#define IRQ_ROUTER_GLOBAL_SRC_RAW_VALUE_SHIFT       0
#define IRQ_ROUTER_GLOBAL_SRC_RAW_VALUE_WIDTH       32
#define IRQ_ROUTER_GLOBAL_SRC_RAW_VALUE_MASK        0xFFFFFFFFU

/*
 * GLOBAL SRC_PEND[n] (RO): Pending (logged, not yet claimed) bits of
 * sources 32n to 32n+31, n being the array index, whatever their routing
 * and enable.
 */
#define IRQ_ROUTER_GLOBAL_SRC_PEND_OFFSET           0x050U
#define IRQ_ROUTER_GLOBAL_SRC_PEND_RESET            0x00000000U
#define IRQ_ROUTER_GLOBAL_SRC_PEND_STRIDE           0x004U
#define IRQ_ROUTER_GLOBAL_SRC_PEND_COUNT            4U
#define IRQ_ROUTER_GLOBAL_SRC_PEND(i)               (IRQ_ROUTER_GLOBAL_SRC_PEND_OFFSET + (i) * IRQ_ROUTER_GLOBAL_SRC_PEND_STRIDE)
#define IRQ_ROUTER_GLOBAL_SRC_PEND_VALUE_SHIFT      0
#define IRQ_ROUTER_GLOBAL_SRC_PEND_VALUE_WIDTH      32
#define IRQ_ROUTER_GLOBAL_SRC_PEND_VALUE_MASK       0xFFFFFFFFU

/*
 * GLOBAL SRC_ACTIVE[n] (RO): Active (claimed and not yet completed) bits
 * of sources 32n to 32n+31, n being the array index.
 */
#define IRQ_ROUTER_GLOBAL_SRC_ACTIVE_OFFSET         0x060U
#define IRQ_ROUTER_GLOBAL_SRC_ACTIVE_RESET          0x00000000U
#define IRQ_ROUTER_GLOBAL_SRC_ACTIVE_STRIDE         0x004U
#define IRQ_ROUTER_GLOBAL_SRC_ACTIVE_COUNT          4U
#define IRQ_ROUTER_GLOBAL_SRC_ACTIVE(i)             (IRQ_ROUTER_GLOBAL_SRC_ACTIVE_OFFSET + (i) * IRQ_ROUTER_GLOBAL_SRC_ACTIVE_STRIDE)
#define IRQ_ROUTER_GLOBAL_SRC_ACTIVE_VALUE_SHIFT    0
#define IRQ_ROUTER_GLOBAL_SRC_ACTIVE_VALUE_WIDTH    32
#define IRQ_ROUTER_GLOBAL_SRC_ACTIVE_VALUE_MASK     0xFFFFFFFFU

/*
 * GLOBAL OVERRUN_CLR[n] (WO): Clears overrun counters of sources 32n to
 * 32n+31, n being the array index, without touching the others; words
 * wholly at or beyond NSRC answer SLVERR, and a Non-secure write with a 1
 * in the bit of an oob source is refused whole (ERR.DENIED).
 */
#define IRQ_ROUTER_GLOBAL_OVERRUN_CLR_OFFSET        0x070U
#define IRQ_ROUTER_GLOBAL_OVERRUN_CLR_RESET         0x00000000U
#define IRQ_ROUTER_GLOBAL_OVERRUN_CLR_STRIDE        0x004U
#define IRQ_ROUTER_GLOBAL_OVERRUN_CLR_COUNT         4U
#define IRQ_ROUTER_GLOBAL_OVERRUN_CLR(i)            (IRQ_ROUTER_GLOBAL_OVERRUN_CLR_OFFSET + (i) * IRQ_ROUTER_GLOBAL_OVERRUN_CLR_STRIDE)
#define IRQ_ROUTER_GLOBAL_OVERRUN_CLR_CLR_SHIFT     0
#define IRQ_ROUTER_GLOBAL_OVERRUN_CLR_CLR_WIDTH     32
#define IRQ_ROUTER_GLOBAL_OVERRUN_CLR_CLR_MASK      0xFFFFFFFFU

/*
 * GLOBAL SRC_CFG[n] (RW): Routing and trigger configuration of source n, n
 * being the array index; entries at or beyond NSRC answer SLVERR. A write
 * changes the fields whose WE bit is set, or every field when bits 31:16
 * are all zero, so no read-modify-write is needed; a write naming a CPU at
 * or beyond NCPU (ERR.BAD_CPU), touching an oob source while locked
 * (ERR.LOCKED) or touching an oob source from a Non-secure master
 * (ERR.DENIED) is rejected whole.
 */
#define IRQ_ROUTER_GLOBAL_SRC_CFG_OFFSET            0x100U
#define IRQ_ROUTER_GLOBAL_SRC_CFG_RESET             0x00000000U
#define IRQ_ROUTER_GLOBAL_SRC_CFG_STRIDE            0x004U
#define IRQ_ROUTER_GLOBAL_SRC_CFG_COUNT             128U
#define IRQ_ROUTER_GLOBAL_SRC_CFG(i)                (IRQ_ROUTER_GLOBAL_SRC_CFG_OFFSET + (i) * IRQ_ROUTER_GLOBAL_SRC_CFG_STRIDE)
#define IRQ_ROUTER_GLOBAL_SRC_CFG_EN_SHIFT          0
#define IRQ_ROUTER_GLOBAL_SRC_CFG_EN_WIDTH          1
#define IRQ_ROUTER_GLOBAL_SRC_CFG_EN_MASK           0x00000001U
#define IRQ_ROUTER_GLOBAL_SRC_CFG_STAGE_SHIFT       1
#define IRQ_ROUTER_GLOBAL_SRC_CFG_STAGE_WIDTH       1
#define IRQ_ROUTER_GLOBAL_SRC_CFG_STAGE_MASK        0x00000002U
#define IRQ_ROUTER_GLOBAL_SRC_CFG_STAGE_INBAND      0x000U
#define IRQ_ROUTER_GLOBAL_SRC_CFG_STAGE_OOB         0x001U
#define IRQ_ROUTER_GLOBAL_SRC_CFG_TRIG_SHIFT        2
#define IRQ_ROUTER_GLOBAL_SRC_CFG_TRIG_WIDTH        1
#define IRQ_ROUTER_GLOBAL_SRC_CFG_TRIG_MASK         0x00000004U
#define IRQ_ROUTER_GLOBAL_SRC_CFG_TRIG_LEVEL        0x000U
#define IRQ_ROUTER_GLOBAL_SRC_CFG_TRIG_EDGE         0x001U
#define IRQ_ROUTER_GLOBAL_SRC_CFG_PRIO_SHIFT        4
#define IRQ_ROUTER_GLOBAL_SRC_CFG_PRIO_WIDTH        2
#define IRQ_ROUTER_GLOBAL_SRC_CFG_PRIO_MASK         0x00000030U
#define IRQ_ROUTER_GLOBAL_SRC_CFG_CPU_SHIFT         8
#define IRQ_ROUTER_GLOBAL_SRC_CFG_CPU_WIDTH         3
#define IRQ_ROUTER_GLOBAL_SRC_CFG_CPU_MASK          0x00000700U
#define IRQ_ROUTER_GLOBAL_SRC_CFG_WE_EN_SHIFT       16
#define IRQ_ROUTER_GLOBAL_SRC_CFG_WE_EN_WIDTH       1
#define IRQ_ROUTER_GLOBAL_SRC_CFG_WE_EN_MASK        0x00010000U
#define IRQ_ROUTER_GLOBAL_SRC_CFG_WE_STAGE_SHIFT    17
#define IRQ_ROUTER_GLOBAL_SRC_CFG_WE_STAGE_WIDTH    1
#define IRQ_ROUTER_GLOBAL_SRC_CFG_WE_STAGE_MASK     0x00020000U
#define IRQ_ROUTER_GLOBAL_SRC_CFG_WE_TRIG_SHIFT     18
#define IRQ_ROUTER_GLOBAL_SRC_CFG_WE_TRIG_WIDTH     1
#define IRQ_ROUTER_GLOBAL_SRC_CFG_WE_TRIG_MASK      0x00040000U
#define IRQ_ROUTER_GLOBAL_SRC_CFG_WE_PRIO_SHIFT     20
#define IRQ_ROUTER_GLOBAL_SRC_CFG_WE_PRIO_WIDTH     1
#define IRQ_ROUTER_GLOBAL_SRC_CFG_WE_PRIO_MASK      0x00100000U
#define IRQ_ROUTER_GLOBAL_SRC_CFG_WE_CPU_SHIFT      24
#define IRQ_ROUTER_GLOBAL_SRC_CFG_WE_CPU_WIDTH      1
#define IRQ_ROUTER_GLOBAL_SRC_CFG_WE_CPU_MASK       0x01000000U

/*
 * GLOBAL OVERRUN[n] (RO): Overrun counters of sources 4n to 4n+3, n being
 * the array index, one byte each; cleared through OVERRUN_CLR.
 */
#define IRQ_ROUTER_GLOBAL_OVERRUN_OFFSET            0x300U
#define IRQ_ROUTER_GLOBAL_OVERRUN_RESET             0x00000000U
#define IRQ_ROUTER_GLOBAL_OVERRUN_STRIDE            0x004U
#define IRQ_ROUTER_GLOBAL_OVERRUN_COUNT             32U
#define IRQ_ROUTER_GLOBAL_OVERRUN(i)                (IRQ_ROUTER_GLOBAL_OVERRUN_OFFSET + (i) * IRQ_ROUTER_GLOBAL_OVERRUN_STRIDE)
#define IRQ_ROUTER_GLOBAL_OVERRUN_CNT_WIDTH         8
#define IRQ_ROUTER_GLOBAL_OVERRUN_CNT_STRIDE        8
#define IRQ_ROUTER_GLOBAL_OVERRUN_CNT_COUNT         4
#define IRQ_ROUTER_GLOBAL_OVERRUN_CNT_SHIFT(n)      (0 + (n) * IRQ_ROUTER_GLOBAL_OVERRUN_CNT_STRIDE)
#define IRQ_ROUTER_GLOBAL_OVERRUN_CNT_MASK(n)       (0x0FFU << IRQ_ROUTER_GLOBAL_OVERRUN_CNT_SHIFT(n))

/*
 * INBAND/OOB PAGE[c]: Interface page of CPU c (c being the array index)
 * for this stage; pages of CPUs at or beyond NCPU answer DECERR.
 */
#define IRQ_ROUTER_PAGE_STRIDE                      0x1000U
#define IRQ_ROUTER_PAGE_COUNT                       8U
#define IRQ_ROUTER_INBAND_PAGE(i)                   (IRQ_ROUTER_INBAND_BASE + (i) * IRQ_ROUTER_PAGE_STRIDE)
#define IRQ_ROUTER_OOB_PAGE(i)                      (IRQ_ROUTER_OOB_BASE + (i) * IRQ_ROUTER_PAGE_STRIDE)

/*
 * INBAND/OOB PAGE[c] CLAIM (RO): Reading claims the highest-priority
 * deliverable entry of this page's log (ties: lowest ID), removes it from
 * the log, marks a source active and records its latency.
 */
#define IRQ_ROUTER_PAGE_CLAIM_OFFSET                0x000U
#define IRQ_ROUTER_PAGE_CLAIM_RESET                 0x000003FFU
#define IRQ_ROUTER_PAGE_CLAIM_ID_SHIFT              0
#define IRQ_ROUTER_PAGE_CLAIM_ID_WIDTH              10
#define IRQ_ROUTER_PAGE_CLAIM_ID_MASK               0x000003FFU
#define IRQ_ROUTER_PAGE_CLAIM_ID_NONE               0x3FFU
#define IRQ_ROUTER_PAGE_CLAIM_ID_IPI_BASE           0x100U

/*
 * INBAND/OOB PAGE[c] COMPLETE (WO): Writing the ID of an active source
 * routed to this page ends its service, so a level source still high logs
 * a new event; any other ID is ignored and sets ERR.BAD_COMPLETE.
 */
#define IRQ_ROUTER_PAGE_COMPLETE_OFFSET             0x004U
#define IRQ_ROUTER_PAGE_COMPLETE_RESET              0x00000000U
#define IRQ_ROUTER_PAGE_COMPLETE_ID_SHIFT           0
#define IRQ_ROUTER_PAGE_COMPLETE_ID_WIDTH           10
#define IRQ_ROUTER_PAGE_COMPLETE_ID_MASK            0x000003FFU

/*
 * INBAND/OOB PAGE[c] STALL (RW): Stall and wake bits of this page's stage:
 * while STALL is set and WAKE clear the line stays low (an in-band line
 * also stays low while the CPU's oob stage is stalled) and events are
 * still logged; clearing STALL (or setting WAKE) re-asserts the line at
 * once if the log holds a deliverable entry.
 */
#define IRQ_ROUTER_PAGE_STALL_OFFSET                0x008U
#define IRQ_ROUTER_PAGE_STALL_RESET                 0x00000001U
#define IRQ_ROUTER_PAGE_STALL_STALL_SHIFT           0
#define IRQ_ROUTER_PAGE_STALL_STALL_WIDTH           1
#define IRQ_ROUTER_PAGE_STALL_STALL_MASK            0x00000001U
#define IRQ_ROUTER_PAGE_STALL_WAKE_SHIFT            1
#define IRQ_ROUTER_PAGE_STALL_WAKE_WIDTH            1
#define IRQ_ROUTER_PAGE_STALL_WAKE_MASK             0x00000002U

/*
 * INBAND/OOB PAGE[c] STALL_TAS (RO): Test-and-stall: reading returns the
 * stall bit and sets it at the same edge, winning over a STALL write that
 * executes at that edge; WAKE is left as it is.
 */
#define IRQ_ROUTER_PAGE_STALL_TAS_OFFSET            0x00CU
#define IRQ_ROUTER_PAGE_STALL_TAS_RESET             0x00000001U
#define IRQ_ROUTER_PAGE_STALL_TAS_WAS_STALLED_SHIFT 0
#define IRQ_ROUTER_PAGE_STALL_TAS_WAS_STALLED_WIDTH 1
#define IRQ_ROUTER_PAGE_STALL_TAS_WAS_STALLED_MASK  0x00000001U

/*
 * INBAND/OOB PAGE[c] IPI_SEND (WO): Writing logs IPI vector VECTOR in
 * stage STAGE of every CPU in CPUMASK; a CPU at or beyond NCPU
 * (ERR.BAD_CPU), a vector at or beyond NIPI (ERR.BAD_VECTOR), or an oob
 * vector that IPI_OOB_NS does not allow to a Non-secure master
 * (ERR.DENIED) rejects the whole write.
 */
#define IRQ_ROUTER_PAGE_IPI_SEND_OFFSET             0x010U
#define IRQ_ROUTER_PAGE_IPI_SEND_RESET              0x00000000U
#define IRQ_ROUTER_PAGE_IPI_SEND_CPUMASK_SHIFT      0
#define IRQ_ROUTER_PAGE_IPI_SEND_CPUMASK_WIDTH      8
#define IRQ_ROUTER_PAGE_IPI_SEND_CPUMASK_MASK       0x000000FFU
#define IRQ_ROUTER_PAGE_IPI_SEND_VECTOR_SHIFT       16
#define IRQ_ROUTER_PAGE_IPI_SEND_VECTOR_WIDTH       4
#define IRQ_ROUTER_PAGE_IPI_SEND_VECTOR_MASK        0x000F0000U
#define IRQ_ROUTER_PAGE_IPI_SEND_STAGE_SHIFT        24
#define IRQ_ROUTER_PAGE_IPI_SEND_STAGE_WIDTH        1
#define IRQ_ROUTER_PAGE_IPI_SEND_STAGE_MASK         0x01000000U
#define IRQ_ROUTER_PAGE_IPI_SEND_STAGE_INBAND       0x000U
#define IRQ_ROUTER_PAGE_IPI_SEND_STAGE_OOB          0x001U

/*
 * INBAND/OOB PAGE[c] STATUS (RO): Line and stall state of this page's CPU
 * and stage.
 */
#define IRQ_ROUTER_PAGE_STATUS_OFFSET               0x014U
#define IRQ_ROUTER_PAGE_STATUS_RESET                0x0000000CU
#define IRQ_ROUTER_PAGE_STATUS_LINE_SHIFT           0
#define IRQ_ROUTER_PAGE_STATUS_LINE_WIDTH           1
#define IRQ_ROUTER_PAGE_STATUS_LINE_MASK            0x00000001U
#define IRQ_ROUTER_PAGE_STATUS_DELIVERABLE_SHIFT    1
#define IRQ_ROUTER_PAGE_STATUS_DELIVERABLE_WIDTH    1
#define IRQ_ROUTER_PAGE_STATUS_DELIVERABLE_MASK     0x00000002U
#define IRQ_ROUTER_PAGE_STATUS_STALLED_SHIFT        2
#define IRQ_ROUTER_PAGE_STATUS_STALLED_WIDTH        1
#define IRQ_ROUTER_PAGE_STATUS_STALLED_MASK         0x00000004U
#define IRQ_ROUTER_PAGE_STATUS_OOB_STALLED_SHIFT    3
#define IRQ_ROUTER_PAGE_STATUS_OOB_STALLED_WIDTH    1
#define IRQ_ROUTER_PAGE_STATUS_OOB_STALLED_MASK     0x00000008U
#define IRQ_ROUTER_PAGE_STATUS_WAKE_SHIFT           4
#define IRQ_ROUTER_PAGE_STATUS_WAKE_WIDTH           1
#define IRQ_ROUTER_PAGE_STATUS_WAKE_MASK            0x00000010U

/*
 * INBAND/OOB PAGE[c] IPI_PEND (RO): Pending IPI vectors of this page's
 * log.
 */
#define IRQ_ROUTER_PAGE_IPI_PEND_OFFSET             0x018U
#define IRQ_ROUTER_PAGE_IPI_PEND_RESET              0x00000000U
#define IRQ_ROUTER_PAGE_IPI_PEND_PENDING_SHIFT      0
#define IRQ_ROUTER_PAGE_IPI_PEND_PENDING_WIDTH      16
#define IRQ_ROUTER_PAGE_IPI_PEND_PENDING_MASK       0x0000FFFFU

/*
 * INBAND/OOB PAGE[c] IPI_OVERRUN (RW): Overrun counter of the IPIs of this
 * page's log; any write clears it.
 */
#define IRQ_ROUTER_PAGE_IPI_OVERRUN_OFFSET          0x01CU
#define IRQ_ROUTER_PAGE_IPI_OVERRUN_RESET           0x00000000U
#define IRQ_ROUTER_PAGE_IPI_OVERRUN_CNT_SHIFT       0
#define IRQ_ROUTER_PAGE_IPI_OVERRUN_CNT_WIDTH       8
#define IRQ_ROUTER_PAGE_IPI_OVERRUN_CNT_MASK        0x000000FFU

/*
 * INBAND/OOB PAGE[c] PEND[n] (RO): Pending sources of this page's log
 * among sources 32n to 32n+31, n being the array index; words wholly at or
 * beyond NSRC answer SLVERR.
 */
#define IRQ_ROUTER_PAGE_PEND_OFFSET                 0x020U
#define IRQ_ROUTER_PAGE_PEND_RESET                  0x00000000U
#define IRQ_ROUTER_PAGE_PEND_STRIDE                 0x004U
#define IRQ_ROUTER_PAGE_PEND_COUNT                  4U
#define IRQ_ROUTER_PAGE_PEND(i)                     (IRQ_ROUTER_PAGE_PEND_OFFSET + (i) * IRQ_ROUTER_PAGE_PEND_STRIDE)
#define IRQ_ROUTER_PAGE_PEND_VALUE_SHIFT            0
#define IRQ_ROUTER_PAGE_PEND_VALUE_WIDTH            32
#define IRQ_ROUTER_PAGE_PEND_VALUE_MASK             0xFFFFFFFFU

/*
 * INBAND/OOB PAGE[c] LAT_LAST (RO): Latency, in cycles from event to
 * claim, of the last entry claimed from this page; reads zero without
 * statistics (HWCFG.STATS = 0).
 */
#define IRQ_ROUTER_PAGE_LAT_LAST_OFFSET             0x040U
#define IRQ_ROUTER_PAGE_LAT_LAST_RESET              0x00000000U
#define IRQ_ROUTER_PAGE_LAT_LAST_VALUE_SHIFT        0
#define IRQ_ROUTER_PAGE_LAT_LAST_VALUE_WIDTH        32
#define IRQ_ROUTER_PAGE_LAT_LAST_VALUE_MASK         0xFFFFFFFFU

/*
 * INBAND/OOB PAGE[c] LAT_MAX (RW): Largest claim latency seen on this page
 * since reset or the last clear; any write clears it; reads zero without
 * statistics (HWCFG.STATS = 0).
 */
#define IRQ_ROUTER_PAGE_LAT_MAX_OFFSET              0x044U
#define IRQ_ROUTER_PAGE_LAT_MAX_RESET               0x00000000U
#define IRQ_ROUTER_PAGE_LAT_MAX_VALUE_SHIFT         0
#define IRQ_ROUTER_PAGE_LAT_MAX_VALUE_WIDTH         32
#define IRQ_ROUTER_PAGE_LAT_MAX_VALUE_MASK          0xFFFFFFFFU

/*
 * INBAND/OOB PAGE[c] HIST[n] (RO): Log2 latency histogram of the claims on
 * this page: bucket 0 counts latencies below 2 cycles, bucket b the
 * latencies in [2^b, 2^(b+1)), and bucket 15 everything from 2^15 on;
 * cleared only by reset (a sweep of the first 32 x NCPU edges, during
 * which it reads zero and counts nothing); reads zero without statistics
 * (HWCFG.STATS = 0).
 */
#define IRQ_ROUTER_PAGE_HIST_OFFSET                 0x080U
#define IRQ_ROUTER_PAGE_HIST_RESET                  0x00000000U
#define IRQ_ROUTER_PAGE_HIST_STRIDE                 0x004U
#define IRQ_ROUTER_PAGE_HIST_COUNT                  16U
#define IRQ_ROUTER_PAGE_HIST(i)                     (IRQ_ROUTER_PAGE_HIST_OFFSET + (i) * IRQ_ROUTER_PAGE_HIST_STRIDE)
#define IRQ_ROUTER_PAGE_HIST_COUNT_SHIFT            0
#define IRQ_ROUTER_PAGE_HIST_COUNT_WIDTH            32
#define IRQ_ROUTER_PAGE_HIST_COUNT_MASK             0xFFFFFFFFU

#endif /* IRQ_ROUTER_REGS_H */
