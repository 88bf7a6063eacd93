// irq_router: Dovetail's per-CPU, per-stage interrupt logs and stall bits in
// fabric. The behaviour and cycle timing of every rule are in
// hdl/doc/spec.md (section numbers below refer to it); offsets and field
// positions come from the SVD through the generated irq_router_regs_pkg.
//
// Structure: irq_router_axil_slave does the AXI handshakes and hands over at
// most one executing write and one executing read per edge, each with its
// TrustZone state; the rest of this module decodes them into effects (a
// second port would hand over its accesses the same way). The sources'
// state is kept as whole vectors in irq_router_srcs; each (cpu, stage) pair
// keeps its IPI log, stall and wake bits in a g_cs block; one arbiter
// (irq_router_pick) serves the CLAIM of whichever page is being read, since
// only one read executes per edge; irq_router_stats (STATS = 1) keeps the
// latency statistics.
module irq_router #(
    parameter int NSRC  = 32,  // 8..128 external sources
    parameter int NCPU  = 4,   // 1..8 CPUs, each with an in-band and an oob stage
    parameter int NIPI  = 8,   // 1..16 IPI vectors per stage
    parameter int TSW   = 16,  // 8..32 bits of timestamp / latency
    parameter int STATS = 1,   // 1: latency statistics, 0: none
    parameter int OVRW  = 8    // overrun counters: 8 bits, or 1 (sticky bits)
) (
    input  logic              clk,
    input  logic              rst_n,
    input  logic [NSRC-1:0]   src_i,
    output logic [NCPU-1:0]   irq_oob_o,
    output logic [NCPU-1:0]   irq_inb_o,

    input  logic [16:0]       s_axil_awaddr,
    input  logic [2:0]        s_axil_awprot,
    input  logic              s_axil_awvalid,
    output logic              s_axil_awready,
    input  logic [31:0]       s_axil_wdata,
    input  logic [3:0]        s_axil_wstrb,
    input  logic              s_axil_wvalid,
    output logic              s_axil_wready,
    output logic [1:0]        s_axil_bresp,
    output logic              s_axil_bvalid,
    input  logic              s_axil_bready,
    input  logic [16:0]       s_axil_araddr,
    input  logic [2:0]        s_axil_arprot,
    input  logic              s_axil_arvalid,
    output logic              s_axil_arready,
    output logic [31:0]       s_axil_rdata,
    output logic [1:0]        s_axil_rresp,
    output logic              s_axil_rvalid,
    input  logic              s_axil_rready
);
    // ------------------------------------------------------------------
    // Constants
    // ------------------------------------------------------------------
    localparam int AW    = irq_router_regs_pkg::REGMAP_ADDR_WIDTH;
    localparam int NCS   = 2 * NCPU;             // (cpu, stage) pairs, cs = 2*c + s
    localparam int CSW   = $clog2(NCS);
    localparam int CW    = (NCPU > 1) ? $clog2(NCPU) : 1;
    localparam int SIW   = $clog2(NSRC);
    localparam int NSW   = (NSRC + 31) / 32;     // 32-bit words of source bits
    localparam int NSWW  = (NSW > 1) ? $clog2(NSW) : 1;
    localparam int NOW   = (NSRC + 3) / 4;       // OVERRUN words
    localparam int NOWW  = (NOW > 1) ? $clog2(NOW) : 1;
    localparam int NHIST = irq_router_regs_pkg::PAGE_HIST_COUNT;
    localparam int NCAND = NSRC + NIPI;          // claim candidates: sources, then IPIs
    localparam int CIW   = $clog2(NCAND);

    localparam logic [1:0] OKAY = 2'b00, SLVERR = 2'b10, DECERR = 2'b11;
    localparam logic [9:0] ID_NONE     = 10'(irq_router_regs_pkg::PAGE_CLAIM_ID_NONE);
    localparam logic [9:0] ID_IPI_BASE = 10'(irq_router_regs_pkg::PAGE_CLAIM_ID_IPI_BASE);

    localparam int CFG_EN    = irq_router_regs_pkg::GLOBAL_SRC_CFG_EN_LSB;
    localparam int CFG_STAGE = irq_router_regs_pkg::GLOBAL_SRC_CFG_STAGE_LSB;
    localparam int CFG_TRIG  = irq_router_regs_pkg::GLOBAL_SRC_CFG_TRIG_LSB;
    localparam int CFG_PRIO  = irq_router_regs_pkg::GLOBAL_SRC_CFG_PRIO_LSB;
    localparam int CFG_CPU   = irq_router_regs_pkg::GLOBAL_SRC_CFG_CPU_LSB;
    localparam int WE_EN     = irq_router_regs_pkg::GLOBAL_SRC_CFG_WE_EN_LSB;
    localparam int WE_STAGE  = irq_router_regs_pkg::GLOBAL_SRC_CFG_WE_STAGE_LSB;
    localparam int WE_TRIG   = irq_router_regs_pkg::GLOBAL_SRC_CFG_WE_TRIG_LSB;
    localparam int WE_PRIO   = irq_router_regs_pkg::GLOBAL_SRC_CFG_WE_PRIO_LSB;
    localparam int WE_CPU    = irq_router_regs_pkg::GLOBAL_SRC_CFG_WE_CPU_LSB;
    localparam int IPI_MASK  = irq_router_regs_pkg::PAGE_IPI_SEND_CPUMASK_LSB;
    localparam int IPI_VEC   = irq_router_regs_pkg::PAGE_IPI_SEND_VECTOR_LSB;
    localparam int IPI_STAGE = irq_router_regs_pkg::PAGE_IPI_SEND_STAGE_LSB;
    localparam int PSET_PRIO  = irq_router_regs_pkg::GLOBAL_IPI_PRIO_SET_PRIO_LSB;
    localparam int PSET_VEC   = irq_router_regs_pkg::GLOBAL_IPI_PRIO_SET_VECTOR_LSB;
    localparam int PSET_STAGE = irq_router_regs_pkg::GLOBAL_IPI_PRIO_SET_STAGE_LSB;
    localparam int ST_STALL  = irq_router_regs_pkg::PAGE_STALL_STALL_LSB;
    localparam int ST_WAKE   = irq_router_regs_pkg::PAGE_STALL_WAKE_LSB;
    localparam int ERR_BAD_CPU      = irq_router_regs_pkg::GLOBAL_ERR_BAD_CPU_LSB;
    localparam int ERR_BAD_VECTOR   = irq_router_regs_pkg::GLOBAL_ERR_BAD_VECTOR_LSB;
    localparam int ERR_LOCKED       = irq_router_regs_pkg::GLOBAL_ERR_LOCKED_LSB;
    localparam int ERR_BAD_COMPLETE = irq_router_regs_pkg::GLOBAL_ERR_BAD_COMPLETE_LSB;
    localparam int ERR_BAD_KEY      = irq_router_regs_pkg::GLOBAL_ERR_BAD_KEY_LSB;
    localparam int ERR_DENIED       = irq_router_regs_pkg::GLOBAL_ERR_DENIED_LSB;
    localparam int NERR             = 6;
    localparam logic [31:0] LOCK_KEY = irq_router_regs_pkg::GLOBAL_LOCK_KEY_KEY;

    localparam logic [31:0] HWCFG =
        (32'(NSRC)  << irq_router_regs_pkg::GLOBAL_HWCFG_NSRC_LSB) |
        (32'(NCPU)  << irq_router_regs_pkg::GLOBAL_HWCFG_NCPU_LSB) |
        (32'(NIPI)  << irq_router_regs_pkg::GLOBAL_HWCFG_NIPI_LSB) |
        (32'(TSW)   << irq_router_regs_pkg::GLOBAL_HWCFG_TSW_LSB) |
        (32'(STATS) << irq_router_regs_pkg::GLOBAL_HWCFG_STATS_LSB) |
        (32'(OVRW)  << irq_router_regs_pkg::GLOBAL_HWCFG_OVRW_LSB);

    // ------------------------------------------------------------------
    // State (the per-source flops live in irq_router_srcs, the statistics in
    // irq_router_stats, the rest in g_cs and the global block below)
    // ------------------------------------------------------------------
    logic [NSRC-1:0]        en_q, stage_q, trig_q, p1_q, p0_q, pend_q, active_q;
    logic [CW*NSRC-1:0]     cpu_q;    // bit k of every source's CPU at [k*NSRC +: NSRC]
    logic [NCS*NSRC-1:0]    rt_q;     // sources routed to page cs at [cs*NSRC +: NSRC]
    logic [OVRW*NSRC-1:0]   ovr_q;    // bit-sliced like cpu_q
    logic [TSW*NSRC-1:0]    ts_q;     // bit-sliced like cpu_q
    logic [NCS-1:0]         stall_q, wake_q;
    logic [NCS*NIPI-1:0]    ipend_q;
    logic [OVRW*NCS-1:0]    iovr_q;   // bit-sliced: bit k of every page's counter
    logic [NCPU-1:0]        line_oob_q, line_inb_q;
    logic                   lock_q;
    logic [NERR-1:0]        err_q;
    logic [2*NIPI-1:0]      ipr1_q, ipr0_q;  // IPI priority bits: in-band [NIPI-1:0], oob above
    logic [NIPI-1:0]        ipi_ns_q;  // oob vectors Non-secure masters may send (§8)
    logic [31:0]            cyc_lo_q, cyc_hi_q;
    logic                   cyc_wrap_q;  // cyc_lo_q is all ones: cyc_hi_q increments next
    logic [31:0]            cyc_sh_s_q, cyc_sh_ns_q;  // CYCLE_HI shadow per world (§10)

    // ------------------------------------------------------------------
    // AXI-lite slave and address decode
    // ------------------------------------------------------------------
    logic          wr_exec, rd_exec, wr_ns, rd_ns;
    logic [AW-1:0] wr_addr, rd_addr;
    logic [31:0]   wr_data, rd_data;
    logic [3:0]    wr_strb;
    logic [1:0]    wr_resp, rd_resp;

    irq_router_axil_slave #(.AW(AW)) u_axil (
        .clk, .rst_n,
        .s_axil_awaddr, .s_axil_awprot, .s_axil_awvalid, .s_axil_awready,
        .s_axil_wdata, .s_axil_wstrb, .s_axil_wvalid, .s_axil_wready,
        .s_axil_bresp, .s_axil_bvalid, .s_axil_bready,
        .s_axil_araddr, .s_axil_arprot, .s_axil_arvalid, .s_axil_arready,
        .s_axil_rdata, .s_axil_rresp, .s_axil_rvalid, .s_axil_rready,
        .wr_exec, .wr_addr, .wr_data, .wr_strb, .wr_ns, .wr_resp,
        .rd_exec, .rd_addr, .rd_ns, .rd_data, .rd_resp
    );

    logic        ra_glb, ra_stage, ra_decerr, wa_glb, wa_stage, wa_decerr;
    logic [2:0]  ra_cpu, wa_cpu;
    logic [11:0] ra_off, wa_off;

    irq_router_addr_dec #(.NCPU(NCPU)) u_rdec (
        .addr(rd_addr), .glb(ra_glb), .cpu(ra_cpu), .stage(ra_stage), .off(ra_off),
        .decerr(ra_decerr)
    );
    irq_router_addr_dec #(.NCPU(NCPU)) u_wdec (
        .addr(wr_addr), .glb(wa_glb), .cpu(wa_cpu), .stage(wa_stage), .off(wa_off),
        .decerr(wa_decerr)
    );

    // (cpu, stage) index of the page a read or write addresses.
    logic [CSW-1:0] ra_cs, wa_cs;
    assign ra_cs = CSW'({ra_cpu, ra_stage});
    assign wa_cs = CSW'({wa_cpu, wa_stage});

    // Sources routed to (cpu, stage): a whole-vector compare of the
    // bit-sliced routing (the read path's PEND and CLAIM).
    function automatic logic [NSRC-1:0] routed(input logic [NSRC-1:0] stages,
                                               input logic [CW*NSRC-1:0] cpus,
                                               input logic [2:0] cpu, input logic stage);
        routed = stage ? stages : ~stages;
        for (int k = 0; k < CW; k++)
            routed = routed & (cpu[k] ? cpus[k*NSRC +: NSRC] : ~cpus[k*NSRC +: NSRC]);
    endfunction


    // ------------------------------------------------------------------
    // Claim arbitration for the page being read (§6)
    // ------------------------------------------------------------------
    logic [NSRC-1:0]  ra_log;   // log bits of the sources routed to the read page
    logic [NIPI-1:0]  ra_ipend;
    logic [NCAND-1:0] cand_onehot;
    logic             cand_valid;
    logic [CIW-1:0]   cand_idx;

    assign ra_log = pend_q & routed(stage_q, cpu_q, ra_cpu, ra_stage);

    irq_router_mux #(.N(NCS), .W(NIPI)) u_ra_ipend (
        .in(ipend_q), .sel(ra_cs), .out(ra_ipend)
    );

    irq_router_pick #(.N(NCAND), .IW(CIW)) u_pick (
        .req({ra_ipend, ra_log & en_q}),
        .p1({ra_stage ? ipr1_q[NIPI +: NIPI] : ipr1_q[0 +: NIPI], p1_q}),
        .p0({ra_stage ? ipr0_q[NIPI +: NIPI] : ipr0_q[0 +: NIPI], p0_q}),
        .valid(cand_valid), .idx(cand_idx), .onehot(cand_onehot)
    );

    logic       claim_is_src;
    logic [3:0] claim_vec;
    logic [9:0] claim_id;
    assign claim_is_src = cand_idx < CIW'(NSRC);
    assign claim_vec    = 4'(cand_idx - CIW'(NSRC));
    assign claim_id     = !cand_valid  ? ID_NONE
                        : claim_is_src ? 10'(cand_idx) : ID_IPI_BASE + 10'(claim_vec);

    // ------------------------------------------------------------------
    // Read decode: data, response and side effects (§8-§11)
    // ------------------------------------------------------------------
    logic [SIW-1:0]  ra_src;   // SRC_CFG entry read
    logic [CW-1:0]   ra_c;
    logic            ra_hidden;  // Non-secure read of an oob page: reads 0, no effect
    logic            rd_claim, rd_tas, rd_cyclo;  // side effects of the executing read
    logic [TSW-1:0]  st_lat_last, st_lat_max;
    logic [31:0]     st_hist;
    logic [NCS*TSW-1:0] st_lat_max_all;  // every page's LAT_MAX (the proofs read it)
    logic [NCS-1:0]  deliv;

    assign ra_src    = SIW'(word_index(ra_off, irq_router_regs_pkg::GLOBAL_SRC_CFG_OFFSET));
    assign ra_c      = CW'(ra_cpu);
    assign ra_hidden = rd_ns && !ra_glb && ra_stage;

    // Word arrays of per-source bits (SRC_RAW, SRC_PEND, SRC_ACTIVE, PEND):
    // the vector the read addresses, then one word mux for all of them.
    logic [NSRC-1:0]  sw_vec;
    logic [NSWW-1:0]  sw_idx;
    logic [31:0]      sw_word;
    always_comb begin
        logic [31:0] o;
        o      = {20'b0, ra_off};
        sw_vec = ra_log;
        sw_idx = NSWW'(word_index(ra_off, irq_router_regs_pkg::PAGE_PEND_OFFSET));
        if (ra_glb) begin
            if (in_array(o, irq_router_regs_pkg::GLOBAL_SRC_RAW_OFFSET, NSW)) begin
                sw_vec = src_i;
                sw_idx = NSWW'(word_index(ra_off, irq_router_regs_pkg::GLOBAL_SRC_RAW_OFFSET));
            end else if (in_array(o, irq_router_regs_pkg::GLOBAL_SRC_PEND_OFFSET, NSW)) begin
                sw_vec = pend_q;
                sw_idx = NSWW'(word_index(ra_off, irq_router_regs_pkg::GLOBAL_SRC_PEND_OFFSET));
            end else begin
                sw_vec = active_q;
                sw_idx = NSWW'(word_index(ra_off, irq_router_regs_pkg::GLOBAL_SRC_ACTIVE_OFFSET));
            end
        end
    end
    irq_router_mux #(.N(NSW), .W(32)) u_sw (
        .in((32*NSW)'(sw_vec)), .sel(sw_idx), .out(sw_word)
    );

    // OVERRUN word: the four counters of sources 4n..4n+3, bit k of each.
    logic [4*OVRW-1:0] ovr_four;  // bit k of counter j at [4*k + j]
    for (genvar k = 0; k < OVRW; k++) begin : g_ovr_rd
        irq_router_mux #(.N(NOW), .W(4)) u_four (
            .in((4*NOW)'(ovr_q[k*NSRC +: NSRC])),
            .sel(NOWW'(word_index(ra_off, irq_router_regs_pkg::GLOBAL_OVERRUN_OFFSET))),
            .out(ovr_four[4*k +: 4])
        );
    end

    // Which register the read selects (decoded from the offset alone), then
    // its data: one parallel multiplexer over the registers' values rather
    // than a priority chain through every compare.
    localparam int R_SLVERR = 0, R_ZERO = 1, R_ID = 2, R_VERSION = 3, R_HWCFG = 4,
                   R_ERR = 5, R_GSTATUS = 6, R_CYCLE_LO = 7, R_CYCLE_HI = 8, R_IPI_PRIO = 9,
                   R_IPI_OOB_NS = 10, R_SRC_WORD = 11, R_SRC_CFG = 12, R_OVERRUN = 13,
                   R_CLAIM = 14, R_STALL = 15, R_STALL_TAS = 16, R_PSTATUS = 17,
                   R_IPI_PEND = 18, R_IPI_OVERRUN = 19, R_LAT_LAST = 20, R_LAT_MAX = 21,
                   R_HIST = 22;
    logic [4:0] rreg;

    always_comb begin
        logic [31:0] o;
        o    = {20'b0, ra_off};
        rreg = 5'(R_SLVERR);  // no page, hole, or write-only register: reads 0
        if (ra_decerr || o[1:0] != 2'b00) begin
            rreg = 5'(R_SLVERR);
        end else if (ra_glb) begin
            if (o == irq_router_regs_pkg::GLOBAL_ID_OFFSET)           rreg = 5'(R_ID);
            else if (o == irq_router_regs_pkg::GLOBAL_VERSION_OFFSET) rreg = 5'(R_VERSION);
            else if (o == irq_router_regs_pkg::GLOBAL_HWCFG_OFFSET)   rreg = 5'(R_HWCFG);
            else if (o == irq_router_regs_pkg::GLOBAL_ERR_OFFSET)     rreg = 5'(R_ERR);
            else if (o == irq_router_regs_pkg::GLOBAL_STATUS_OFFSET)  rreg = 5'(R_GSTATUS);
            else if (o == irq_router_regs_pkg::GLOBAL_CYCLE_LO_OFFSET) rreg = 5'(R_CYCLE_LO);
            else if (o == irq_router_regs_pkg::GLOBAL_CYCLE_HI_OFFSET) rreg = 5'(R_CYCLE_HI);
            else if (o == irq_router_regs_pkg::GLOBAL_IPI_PRIO_INB_OFFSET
                  || o == irq_router_regs_pkg::GLOBAL_IPI_PRIO_OOB_OFFSET) rreg = 5'(R_IPI_PRIO);
            else if (o == irq_router_regs_pkg::GLOBAL_IPI_OOB_NS_OFFSET) rreg = 5'(R_IPI_OOB_NS);
            else if (in_array(o, irq_router_regs_pkg::GLOBAL_SRC_RAW_OFFSET, NSW)
                  || in_array(o, irq_router_regs_pkg::GLOBAL_SRC_PEND_OFFSET, NSW)
                  || in_array(o, irq_router_regs_pkg::GLOBAL_SRC_ACTIVE_OFFSET, NSW))
                rreg = 5'(R_SRC_WORD);
            else if (in_array(o, irq_router_regs_pkg::GLOBAL_SRC_CFG_OFFSET, NSRC)) rreg = 5'(R_SRC_CFG);
            else if (in_array(o, irq_router_regs_pkg::GLOBAL_OVERRUN_OFFSET, NOW))  rreg = 5'(R_OVERRUN);
        end else begin
            if (o == irq_router_regs_pkg::PAGE_CLAIM_OFFSET)            rreg = 5'(R_CLAIM);
            else if (o == irq_router_regs_pkg::PAGE_STALL_OFFSET)       rreg = 5'(R_STALL);
            else if (o == irq_router_regs_pkg::PAGE_STALL_TAS_OFFSET)   rreg = 5'(R_STALL_TAS);
            else if (o == irq_router_regs_pkg::PAGE_STATUS_OFFSET)      rreg = 5'(R_PSTATUS);
            else if (o == irq_router_regs_pkg::PAGE_IPI_PEND_OFFSET)    rreg = 5'(R_IPI_PEND);
            else if (o == irq_router_regs_pkg::PAGE_IPI_OVERRUN_OFFSET) rreg = 5'(R_IPI_OVERRUN);
            else if (in_array(o, irq_router_regs_pkg::PAGE_PEND_OFFSET, NSW)) rreg = 5'(R_SRC_WORD);
            else if (o == irq_router_regs_pkg::PAGE_LAT_LAST_OFFSET)    rreg = 5'(R_LAT_LAST);
            else if (o == irq_router_regs_pkg::PAGE_LAT_MAX_OFFSET)     rreg = 5'(R_LAT_MAX);
            else if (in_array(o, irq_router_regs_pkg::PAGE_HIST_OFFSET, NHIST)) rreg = 5'(R_HIST);
            // A Non-secure read of an oob page answers zero and does nothing (§8).
            if (ra_hidden && rreg != 5'(R_SLVERR)) rreg = 5'(R_ZERO);
        end
    end

    always_comb begin
        logic [31:0]     d;
        logic [NCS-1:0]  iovr_k;
        logic [NSRC-1:0] cpu_k;
        d      = '0;
        iovr_k = '0;
        cpu_k  = '0;
        case (rreg)
            5'(R_ID):       d = irq_router_regs_pkg::GLOBAL_ID_RESET;
            5'(R_VERSION):  d = irq_router_regs_pkg::GLOBAL_VERSION_RESET;
            5'(R_HWCFG):    d = HWCFG;
            5'(R_ERR):      d = 32'(err_q);
            5'(R_GSTATUS): begin
                d[irq_router_regs_pkg::GLOBAL_STATUS_LOCKED_LSB] = lock_q;
                d[irq_router_regs_pkg::GLOBAL_STATUS_SECURE_LSB] = !rd_ns;
            end
            5'(R_CYCLE_LO): d = cyc_lo_q;
            5'(R_CYCLE_HI): d = rd_ns ? cyc_sh_ns_q : cyc_sh_s_q;
            5'(R_IPI_PRIO): begin
                for (int v = 0; v < NIPI; v++) begin
                    d[2*v]     = ra_off[2] ? ipr0_q[NIPI + v] : ipr0_q[v];
                    d[2*v + 1] = ra_off[2] ? ipr1_q[NIPI + v] : ipr1_q[v];
                end
            end
            5'(R_IPI_OOB_NS): d = 32'(ipi_ns_q);
            5'(R_SRC_WORD):   d = sw_word;
            5'(R_SRC_CFG): begin
                d[CFG_EN]       = en_q[ra_src];
                d[CFG_STAGE]    = stage_q[ra_src];
                d[CFG_TRIG]     = trig_q[ra_src];
                d[CFG_PRIO]     = p0_q[ra_src];
                d[CFG_PRIO + 1] = p1_q[ra_src];
                for (int k = 0; k < CW; k++) begin
                    cpu_k          = cpu_q[k*NSRC +: NSRC];
                    d[CFG_CPU + k] = cpu_k[ra_src];
                end
            end
            5'(R_OVERRUN): begin
                // Counter j of the word is source 4n+j, in bits 8j+OVRW-1..8j.
                for (int k = 0; k < OVRW; k++)
                    for (int j = 0; j < 4; j++) d[8*j + k] = ovr_four[4*k + j];
            end
            5'(R_CLAIM):     d = 32'(claim_id);
            5'(R_STALL): begin
                d[ST_STALL] = stall_q[ra_cs];
                d[ST_WAKE]  = wake_q[ra_cs];
            end
            5'(R_STALL_TAS): d[0] = stall_q[ra_cs];
            5'(R_PSTATUS): begin
                d[irq_router_regs_pkg::PAGE_STATUS_LINE_LSB] =
                    ra_stage ? line_oob_q[ra_c] : line_inb_q[ra_c];
                d[irq_router_regs_pkg::PAGE_STATUS_DELIVERABLE_LSB] = deliv[ra_cs];
                d[irq_router_regs_pkg::PAGE_STATUS_STALLED_LSB]     = stall_q[ra_cs];
                d[irq_router_regs_pkg::PAGE_STATUS_OOB_STALLED_LSB] = stall_q[CSW'({ra_c, 1'b1})];
                d[irq_router_regs_pkg::PAGE_STATUS_WAKE_LSB]        = wake_q[ra_cs];
            end
            5'(R_IPI_PEND):  d = 32'(ra_ipend);
            5'(R_IPI_OVERRUN): begin
                for (int k = 0; k < OVRW; k++) begin
                    iovr_k = iovr_q[k*NCS +: NCS];
                    d[k]   = iovr_k[ra_cs];
                end
            end
            5'(R_LAT_LAST):  d = 32'(st_lat_last);
            5'(R_LAT_MAX):   d = 32'(st_lat_max);
            5'(R_HIST):      d = st_hist;
            default:         d = '0;
        endcase
        rd_data  = d;
        rd_resp  = ra_decerr ? DECERR : (rreg == 5'(R_SLVERR)) ? SLVERR : OKAY;
        rd_claim = rreg == 5'(R_CLAIM) && cand_valid;
        rd_tas   = rreg == 5'(R_STALL_TAS);
        rd_cyclo = rreg == 5'(R_CYCLE_LO);
    end

    logic do_claim, do_tas;
    assign do_claim = rd_exec && rd_claim && rd_resp == OKAY;
    assign do_tas   = rd_exec && rd_tas && rd_resp == OKAY;

    // ------------------------------------------------------------------
    // Write decode: response, rules and error flags (§6-§9). Every rule that
    // refuses the write raises its flag; the write acts only if none did.
    // ------------------------------------------------------------------
    logic            w_cfg, w_lock, w_err, w_iprio_inb, w_iprio_oob, w_iprio_set, w_ipi_ns;
    logic            w_ovr_clr, w_complete, w_stall, w_ipi, w_iovr, w_latmax;
    logic [NERR-1:0] err_set;
    logic [NSRC-1:0] cfg_sel, comp_sel, clr_vec;
    logic [4:0]      cfg_we;   // fields the SRC_CFG write changes: {cpu, prio, trig, stage, en}
    logic [NCS-1:0]  cfg_rt;   // (cpu, stage) of the written source after the write, one-hot
    logic [SIW-1:0]  wa_src;   // SRC_CFG entry written
    logic [CW-1:0]   wa_c;

    assign wa_src = SIW'(word_index(wa_off, irq_router_regs_pkg::GLOBAL_SRC_CFG_OFFSET));
    assign wa_c   = CW'(wa_cpu);
    logic [7:0]      ipi_mask;
    logic [3:0]      ipi_vec, pset_vec;
    logic            ipi_stage, pset_stage;

    assign ipi_mask   = wr_data[IPI_MASK +: 8];
    assign ipi_vec    = wr_data[IPI_VEC +: 4];
    assign ipi_stage  = wr_data[IPI_STAGE];
    assign pset_vec   = wr_data[PSET_VEC +: 4];
    assign pset_stage = wr_data[PSET_STAGE];

    // IPI_OOB_NS allows the vector of the IPI_SEND being written.
    logic ipi_ns_ok;
    assign ipi_ns_ok = |(ipi_ns_q & (NIPI'(1) << ipi_vec));

    always_comb begin
        logic [31:0]     o;
        logic            we_any, cur_oob, new_oob, touches_oob, comp_ok;
        logic [CW-1:0]   cur_cpu, new_cpu, id_cpu;
        logic [NSRC-1:0] cpu_k;
        logic [9:0]      id;
        logic [SIW-1:0]  ids;
        o = {20'b0, wa_off};
        {w_cfg, w_lock, w_err, w_iprio_inb, w_iprio_oob, w_iprio_set, w_ipi_ns} = '0;
        {w_ovr_clr, w_complete, w_stall, w_ipi, w_iovr, w_latmax} = '0;
        err_set = '0;
        wr_resp = OKAY;
        // SRC_CFG: the entry, its field write-enables (none = every field)
        // and whether it touches the oob stage, before or after the write.
        // Single-source lookups are index muxes, not decoder-and-OR trees.
        cfg_sel = NSRC'(1) << wa_src;
        we_any  = |{wr_data[WE_EN], wr_data[WE_STAGE], wr_data[WE_TRIG], wr_data[WE_PRIO],
                    wr_data[WE_CPU]};
        cfg_we  = we_any ? {wr_data[WE_CPU], wr_data[WE_PRIO], wr_data[WE_TRIG],
                            wr_data[WE_STAGE], wr_data[WE_EN]} : 5'b11111;
        for (int k = 0; k < CW; k++) begin
            cpu_k      = cpu_q[k*NSRC +: NSRC];
            cur_cpu[k] = cpu_k[wa_src];
        end
        cur_oob = stage_q[wa_src];
        new_oob = cfg_we[1] ? wr_data[CFG_STAGE] : cur_oob;
        new_cpu = cfg_we[4] ? wr_data[CFG_CPU +: CW] : cur_cpu;
        cfg_rt  = NCS'(1) << {new_cpu, new_oob};
        touches_oob = cur_oob || new_oob;
        // OVERRUN_CLR: the sources whose counters the write clears.
        clr_vec = NSRC'((32*NSW)'(wr_data)
                        << (32 * NSWW'(word_index(wa_off, irq_router_regs_pkg::GLOBAL_OVERRUN_CLR_OFFSET))));
        // COMPLETE: the source named, valid if active and routed to this page.
        id       = wr_data[9:0];
        ids      = id[SIW-1:0];
        comp_sel = NSRC'(1) << ids;
        for (int k = 0; k < CW; k++) begin
            cpu_k     = cpu_q[k*NSRC +: NSRC];
            id_cpu[k] = cpu_k[ids];
        end
        comp_ok  = 32'(id) < NSRC && active_q[ids] && stage_q[ids] == wa_stage && id_cpu == wa_c;
        if (wa_decerr) begin
            wr_resp = DECERR;
        end else if (o[1:0] != 2'b00 || wr_strb != 4'hF) begin
            wr_resp = SLVERR;
        end else if (wa_glb) begin
            if (o == irq_router_regs_pkg::GLOBAL_LOCK_OFFSET) begin
                // Once locked, Secure LOCK writes are ignored without a flag.
                w_lock = 1'b1;
                err_set[ERR_BAD_KEY] = !lock_q && wr_data != LOCK_KEY;
                err_set[ERR_DENIED]  = wr_ns;
            end else if (o == irq_router_regs_pkg::GLOBAL_ERR_OFFSET) begin
                w_err = 1'b1;
            end else if (o == irq_router_regs_pkg::GLOBAL_IPI_PRIO_INB_OFFSET) begin
                w_iprio_inb = 1'b1;
            end else if (o == irq_router_regs_pkg::GLOBAL_IPI_PRIO_OOB_OFFSET) begin
                w_iprio_oob = 1'b1;
                err_set[ERR_LOCKED] = lock_q;
                err_set[ERR_DENIED] = wr_ns;
            end else if (o == irq_router_regs_pkg::GLOBAL_IPI_PRIO_SET_OFFSET) begin
                w_iprio_set = 1'b1;
                err_set[ERR_BAD_VECTOR] = 32'(pset_vec) >= NIPI;
                err_set[ERR_LOCKED]     = pset_stage && lock_q;
                err_set[ERR_DENIED]     = pset_stage && wr_ns;
            end else if (o == irq_router_regs_pkg::GLOBAL_IPI_OOB_NS_OFFSET) begin
                w_ipi_ns = 1'b1;
                err_set[ERR_LOCKED] = lock_q;
                err_set[ERR_DENIED] = wr_ns;
            end else if (in_array(o, irq_router_regs_pkg::GLOBAL_OVERRUN_CLR_OFFSET, NSW)) begin
                w_ovr_clr = 1'b1;
                err_set[ERR_DENIED] = wr_ns && |(clr_vec & stage_q);
            end else if (in_array(o, irq_router_regs_pkg::GLOBAL_SRC_CFG_OFFSET, NSRC)) begin
                w_cfg = 1'b1;
                err_set[ERR_BAD_CPU] = cfg_we[4] && 32'(wr_data[CFG_CPU +: 3]) >= NCPU;
                err_set[ERR_LOCKED]  = lock_q && touches_oob;
                err_set[ERR_DENIED]  = wr_ns && touches_oob;
            end else begin
                wr_resp = SLVERR;  // hole or read-only register
            end
        end else begin
            // Non-secure masters have no business on an oob page (§8).
            err_set[ERR_DENIED] = wr_ns && wa_stage;
            if (o == irq_router_regs_pkg::PAGE_COMPLETE_OFFSET) begin
                // Only the owner of an in-service source may complete it (§6, §8).
                w_complete = 1'b1;
                err_set[ERR_BAD_COMPLETE] = !comp_ok;
            end else if (o == irq_router_regs_pkg::PAGE_STALL_OFFSET) begin
                w_stall = 1'b1;
            end else if (o == irq_router_regs_pkg::PAGE_IPI_SEND_OFFSET) begin
                w_ipi = 1'b1;
                err_set[ERR_BAD_CPU]    = (32'(ipi_mask) >> NCPU) != 0;
                err_set[ERR_BAD_VECTOR] = 32'(ipi_vec) >= NIPI;
                err_set[ERR_DENIED]     = err_set[ERR_DENIED]
                                       || (wr_ns && ipi_stage && !ipi_ns_ok);
            end else if (o == irq_router_regs_pkg::PAGE_IPI_OVERRUN_OFFSET) begin
                w_iovr = 1'b1;
            end else if (o == irq_router_regs_pkg::PAGE_LAT_MAX_OFFSET) begin
                w_latmax = 1'b1;
            end else begin
                wr_resp = SLVERR;  // hole or read-only register
                err_set = '0;
            end
        end
    end

    // The write acts: it executes, decodes to a register and no rule refused it.
    logic w_ok;
    assign w_ok = wr_exec && wr_resp == OKAY && err_set == '0;

    // ------------------------------------------------------------------
    // Sources (§4, §6)
    // ------------------------------------------------------------------
    irq_router_srcs #(.NSRC(NSRC), .NCS(NCS), .CW(CW), .TSW(TSW), .STATS(STATS), .OVRW(OVRW)) u_srcs (
        .clk, .rst_n,
        .src       (src_i),
        .now       (cyc_lo_q[TSW-1:0]),
        .cfg_sel   ((w_ok && w_cfg) ? cfg_sel : '0),
        .cfg_we,
        .cfg_en    (wr_data[CFG_EN]),
        .cfg_stage (wr_data[CFG_STAGE]),
        .cfg_trig  (wr_data[CFG_TRIG]),
        .cfg_prio  (wr_data[CFG_PRIO +: 2]),
        .cfg_cpu   (wr_data[CFG_CPU +: CW]),
        .cfg_rt,
        .claim     (do_claim ? cand_onehot[NSRC-1:0] : '0),
        .complete  ((w_ok && w_complete) ? comp_sel : '0),
        .ovr_clr   ((w_ok && w_ovr_clr) ? clr_vec : '0),
        .en        (en_q),
        .stage     (stage_q),
        .trig      (trig_q),
        .p1        (p1_q),
        .p0        (p0_q),
        .cpu       (cpu_q),
        .rt        (rt_q),
        .pend      (pend_q),
        .active    (active_q),
        .ovr       (ovr_q),
        .ts        (ts_q)
    );

    // ------------------------------------------------------------------
    // Per (cpu, stage): IPI log and overruns, stall and wake bits (§5, §7,
    // §11), and whether anything is deliverable before this edge.
    // ------------------------------------------------------------------
    logic [NCS-1:0] stall_d, wake_d, icoal, iovr_clr, its_stamp, lat_clr;

    for (genvar cs = 0; cs < NCS; cs++) begin : g_cs
        logic [NIPI-1:0] sent, claimed;
        logic            wr_here;

        always_comb begin
            wr_here = w_ok && wa_cs == CSW'(cs);
            sent = '0;
            if (w_ok && w_ipi && ipi_mask[cs / 2] && ipi_stage == cs[0])
                sent = NIPI'(1) << ipi_vec;
            claimed = (do_claim && ra_cs == CSW'(cs)) ? cand_onehot[NSRC +: NIPI] : '0;
            // A send wins over a claim of the same vector at the same edge.
            its_stamp[cs] = |(sent & (~ipend_q[cs*NIPI +: NIPI] | claimed));
            icoal[cs]     = |(sent & ipend_q[cs*NIPI +: NIPI] & ~claimed);
            iovr_clr[cs]  = wr_here && w_iovr;
            lat_clr[cs]   = wr_here && w_latmax;
            // Test-and-stall wins over a STALL write at the same edge.
            stall_d[cs] = (do_tas && ra_cs == CSW'(cs)) ? 1'b1
                        : (wr_here && w_stall) ? wr_data[ST_STALL] : stall_q[cs];
            wake_d[cs]  = (wr_here && w_stall) ? wr_data[ST_WAKE] : wake_q[cs];
            deliv[cs]   = (|ipend_q[cs*NIPI +: NIPI]) || (|(pend_q & en_q & rt_q[cs*NSRC +: NSRC]));
        end

        always_ff @(posedge clk) begin
            if (!rst_n) begin
                ipend_q[cs*NIPI +: NIPI] <= '0;
                stall_q[cs]              <= 1'b1;
                wake_q[cs]               <= 1'b0;
            end else begin
                ipend_q[cs*NIPI +: NIPI] <= (ipend_q[cs*NIPI +: NIPI] & ~claimed) | sent;
                stall_q[cs]              <= stall_d[cs];
                wake_q[cs]               <= wake_d[cs];
            end
        end
    end

    irq_router_satcnt #(.N(NCS), .W(OVRW)) u_iovr (
        .clk, .rst_n, .clr(iovr_clr), .inc(icoal), .cnt(iovr_q)
    );

    // Lines (§5): the log as it stood before the edge, stall and wake after
    // it. So a line never shows while its stage is stalled (unless woken),
    // and an event reaches the line two edges after it is sampled.
    always_ff @(posedge clk) begin
        for (int c = 0; c < NCPU; c++) begin
            line_oob_q[c] <= rst_n && deliv[2*c + 1] && (!stall_d[2*c + 1] || wake_d[2*c + 1]);
            line_inb_q[c] <= rst_n && deliv[2*c] && (!stall_d[2*c] || wake_d[2*c])
                          && !stall_d[2*c + 1];
        end
    end
    assign irq_oob_o = line_oob_q;
    assign irq_inb_o = line_inb_q;

    // ------------------------------------------------------------------
    // Statistics (§6, §10)
    // ------------------------------------------------------------------
    if (STATS != 0) begin : g_stats
        irq_router_stats #(.NSRC(NSRC), .NCPU(NCPU), .NIPI(NIPI), .TSW(TSW)) u_stats (
            .clk, .rst_n,
            .now        (cyc_lo_q[TSW-1:0]),
            .ts         (ts_q),
            .ipi_stamp  (its_stamp),
            .ipi_vec,
            .claim      (do_claim),
            .claim_cs   (ra_cs),
            .claim_src  (claim_is_src ? cand_onehot[NSRC-1:0] : '0),
            .claim_vec,
            .lat_clr,
            .rd_cs      (ra_cs),
            .rd_bucket  (4'(word_index(ra_off, irq_router_regs_pkg::PAGE_HIST_OFFSET))),
            .rd_lat_last(st_lat_last),
            .rd_lat_max (st_lat_max),
            .rd_hist    (st_hist),
            .lat_max    (st_lat_max_all)
        );
    end else begin : g_no_stats
        assign st_lat_last = '0;
        assign st_lat_max  = '0;
        assign st_hist     = '0;
        assign st_lat_max_all = '0;
        logic unused_stats;
        assign unused_stats = ^{ts_q, its_stamp, lat_clr};
    end

    // ------------------------------------------------------------------
    // Global state
    // ------------------------------------------------------------------
    always_ff @(posedge clk) begin
        if (!rst_n) begin
            lock_q     <= 1'b0;
            err_q      <= '0;
            ipr1_q     <= '0;
            ipr0_q     <= '0;
            ipi_ns_q   <= '0;
            cyc_lo_q   <= '0;
            cyc_hi_q   <= '0;
            cyc_wrap_q <= 1'b0;
            cyc_sh_s_q <= '0;
            cyc_sh_ns_q <= '0;
        end else begin
            if (w_ok && w_lock) lock_q <= 1'b1;
            // Flags raised at this edge win over a write-1-to-clear; only a
            // Secure write clears DENIED (§8).
            err_q <= ((w_ok && w_err)
                      ? err_q & ~(wr_data[NERR-1:0] & ~(NERR'(wr_ns) << ERR_DENIED))
                      : err_q)
                   | (wr_exec ? err_set : '0);
            if (w_ok && (w_iprio_inb || w_iprio_oob)) begin
                for (int v = 0; v < NIPI; v++) begin
                    if (w_iprio_oob) begin
                        ipr0_q[NIPI + v] <= wr_data[2*v];
                        ipr1_q[NIPI + v] <= wr_data[2*v + 1];
                    end else begin
                        ipr0_q[v] <= wr_data[2*v];
                        ipr1_q[v] <= wr_data[2*v + 1];
                    end
                end
            end
            for (int v = 0; v < NIPI; v++) begin
                if (w_ok && w_iprio_set && pset_vec == 4'(v)) begin
                    if (pset_stage) begin
                        ipr0_q[NIPI + v] <= wr_data[PSET_PRIO];
                        ipr1_q[NIPI + v] <= wr_data[PSET_PRIO + 1];
                    end else begin
                        ipr0_q[v] <= wr_data[PSET_PRIO];
                        ipr1_q[v] <= wr_data[PSET_PRIO + 1];
                    end
                end
            end
            if (w_ok && w_ipi_ns) ipi_ns_q <= wr_data[NIPI-1:0];
            // The 64-bit counter as two halves: the high one increments at
            // the edge after which the low one wraps, from a flag registered
            // one edge earlier, so no 64-bit carry chain.
            cyc_lo_q   <= cyc_lo_q + 32'd1;
            cyc_wrap_q <= cyc_lo_q == 32'hFFFF_FFFE;
            cyc_hi_q   <= cyc_hi_q + 32'(cyc_wrap_q);
            if (rd_exec && rd_cyclo && rd_resp == OKAY) begin
                if (rd_ns) cyc_sh_ns_q <= cyc_hi_q;
                else       cyc_sh_s_q  <= cyc_hi_q;
            end
        end
    end

    // ------------------------------------------------------------------
    // Helpers
    // ------------------------------------------------------------------
    // Offset o is entry 0..n-1 of a word array based at `base`.
    function automatic logic in_array(input logic [31:0] o, input int unsigned base, input int n);
        in_array = o >= base && o < base + 4 * n;
    endfunction

    // Entry of a word array based at `base` that page offset `off` addresses.
    function automatic logic [9:0] word_index(input logic [11:0] off, input logic [31:0] base);
        word_index = 10'(({20'b0, off} - base) >> 2);
    endfunction

    // Elaboration-time checks of the parameter ranges (spec §1). Yosys
    // (which defines SYNTHESIS) has no elaboration-time $fatal, so it gets
    // the same checks in an initial block.
`ifndef SYNTHESIS
    if (NSRC < 8 || NSRC > 128) begin : g_bad_nsrc
        $fatal(1, "irq_router: NSRC=%0d outside 8..128", NSRC);
    end
    if (NCPU < 1 || NCPU > 8) begin : g_bad_ncpu
        $fatal(1, "irq_router: NCPU=%0d outside 1..8", NCPU);
    end
    if (NIPI < 1 || NIPI > 16) begin : g_bad_nipi
        $fatal(1, "irq_router: NIPI=%0d outside 1..16", NIPI);
    end
    if (TSW < 8 || TSW > 32) begin : g_bad_tsw
        $fatal(1, "irq_router: TSW=%0d outside 8..32", TSW);
    end
    if (STATS != 0 && STATS != 1) begin : g_bad_stats
        $fatal(1, "irq_router: STATS=%0d is neither 0 nor 1", STATS);
    end
    if (OVRW != 1 && OVRW != 8) begin : g_bad_ovrw
        $fatal(1, "irq_router: OVRW=%0d is neither 1 nor 8", OVRW);
    end
`else
    initial begin
        if (NSRC < 8 || NSRC > 128) $fatal(1, "irq_router: NSRC=%0d outside 8..128", NSRC);
        if (NCPU < 1 || NCPU > 8)   $fatal(1, "irq_router: NCPU=%0d outside 1..8", NCPU);
        if (NIPI < 1 || NIPI > 16)  $fatal(1, "irq_router: NIPI=%0d outside 1..16", NIPI);
        if (TSW < 8 || TSW > 32)    $fatal(1, "irq_router: TSW=%0d outside 8..32", TSW);
        if (STATS != 0 && STATS != 1) $fatal(1, "irq_router: STATS=%0d is neither 0 nor 1", STATS);
        if (OVRW != 1 && OVRW != 8) $fatal(1, "irq_router: OVRW=%0d is neither 1 nor 8", OVRW);
    end
`endif

`ifdef FORMAL
`include "irq_router_props.svh"
`else
    logic unused_formal;  // read by the properties only
    assign unused_formal = ^st_lat_max_all;
`endif
endmodule
