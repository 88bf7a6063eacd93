// irq_router: Dovetail's per-CPU, per-stage interrupt logs and stall bits in
// fabric. The behaviour and cycle timing of every rule are in
// hdl/doc/spec.md (section numbers below refer to it); offsets and field
// positions come from the SVD through the generated irq_router_regs_pkg.
//
// Structure: irq_router_axil_slave executes at most one read and one write
// per edge; this module decodes them into effects. Each source keeps its own
// state in an irq_router_src; each (cpu, stage) pair keeps its IPI log, stall
// bit and statistics in a g_cs block. One arbiter (irq_router_pick) serves the
// CLAIM of whichever page is being read, since only one read executes per edge.
module irq_router #(
    parameter int NSRC = 32,  // 8..128 external sources
    parameter int NCPU = 4,   // 1..8 CPUs, each with an in-band and an oob stage
    parameter int NIPI = 8,   // 1..16 IPI vectors per stage
    parameter int TSW  = 16   // 8..32 bits of timestamp / latency
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
    localparam int HBW   = $clog2(NHIST);
    localparam int NCAND = NSRC + NIPI;          // claim candidates: sources, then IPIs
    localparam int CIW   = $clog2(NCAND);
    localparam int CSVW  = NIPI + 8 + 2*TSW + 1; // width of one (cpu, stage) read view

    localparam logic [1:0] OKAY = 2'b00, SLVERR = 2'b10, DECERR = 2'b11;
    localparam logic [9:0] ID_NONE     = 10'(irq_router_regs_pkg::PAGE_CLAIM_ID_NONE);
    localparam logic [9:0] ID_IPI_BASE = 10'(irq_router_regs_pkg::PAGE_CLAIM_ID_IPI_BASE);

    localparam int CFG_EN    = irq_router_regs_pkg::GLOBAL_SRC_CFG_EN_LSB;
    localparam int CFG_STAGE = irq_router_regs_pkg::GLOBAL_SRC_CFG_STAGE_LSB;
    localparam int CFG_TRIG  = irq_router_regs_pkg::GLOBAL_SRC_CFG_TRIG_LSB;
    localparam int CFG_PRIO  = irq_router_regs_pkg::GLOBAL_SRC_CFG_PRIO_LSB;
    localparam int CFG_CPU   = irq_router_regs_pkg::GLOBAL_SRC_CFG_CPU_LSB;
    localparam int IPI_MASK  = irq_router_regs_pkg::PAGE_IPI_SEND_CPUMASK_LSB;
    localparam int IPI_VEC   = irq_router_regs_pkg::PAGE_IPI_SEND_VECTOR_LSB;
    localparam int IPI_STAGE = irq_router_regs_pkg::PAGE_IPI_SEND_STAGE_LSB;
    localparam int ERR_BAD_CPU      = irq_router_regs_pkg::GLOBAL_ERR_BAD_CPU_LSB;
    localparam int ERR_BAD_VECTOR   = irq_router_regs_pkg::GLOBAL_ERR_BAD_VECTOR_LSB;
    localparam int ERR_LOCKED       = irq_router_regs_pkg::GLOBAL_ERR_LOCKED_LSB;
    localparam int ERR_BAD_COMPLETE = irq_router_regs_pkg::GLOBAL_ERR_BAD_COMPLETE_LSB;
    localparam int ERR_BAD_KEY      = irq_router_regs_pkg::GLOBAL_ERR_BAD_KEY_LSB;
    localparam logic [31:0] LOCK_KEY = irq_router_regs_pkg::GLOBAL_LOCK_KEY_KEY;

    localparam logic [31:0] HWCFG =
        (32'(NSRC) << irq_router_regs_pkg::GLOBAL_HWCFG_NSRC_LSB) |
        (32'(NCPU) << irq_router_regs_pkg::GLOBAL_HWCFG_NCPU_LSB) |
        (32'(NIPI) << irq_router_regs_pkg::GLOBAL_HWCFG_NIPI_LSB) |
        (32'(TSW)  << irq_router_regs_pkg::GLOBAL_HWCFG_TSW_LSB);

    // ------------------------------------------------------------------
    // State (the flops live in g_src, g_cs and the global block below)
    // ------------------------------------------------------------------
    logic [NSRC-1:0]     en_q, stage_q, trig_q, pend_q, active_q;
    logic [2*NSRC-1:0]   prio_q;
    logic [3*NSRC-1:0]   cpu_q;
    logic [8*NSRC-1:0]   ovr_q;
    logic [TSW*NSRC-1:0] ts_q;
    logic [NCS-1:0]      stall_q;
    logic [NCS*NIPI-1:0] ipend_q;
    logic [8*NCS-1:0]    iovr_q;
    logic [TSW*NCS-1:0]  lat_last_q, lat_max_q;
    logic [NCPU-1:0]     line_oob_q, line_inb_q;
    // Histogram counters live in a small RAM (LUTRAM on UltraScale+): one
    // claim updates one counter per edge. hvalid_q makes reset clear them.
    logic [31:0]          hist_mem [NCS*NHIST];
    logic [NCS*NHIST-1:0] hvalid_q;
    logic                 lock_q;
    logic [4:0]           err_q;
    logic [4*NIPI-1:0]    iprio_q;   // stage s, vector v at [(s*NIPI + v)*2 +: 2]
    logic [63:0]          cycle_q;
    logic [31:0]          cycle_hi_q;

    // ------------------------------------------------------------------
    // AXI-lite slave and address decode
    // ------------------------------------------------------------------
    logic          wr_exec, rd_exec;
    logic [AW-1:0] wr_addr, rd_addr;
    logic [31:0]   wr_data, rd_data;
    logic [3:0]    wr_strb;
    logic [1:0]    wr_resp, rd_resp;

    irq_router_axil_slave #(.AW(AW)) u_axil (
        .clk, .rst_n,
        .s_axil_awaddr, .s_axil_awvalid, .s_axil_awready,
        .s_axil_wdata, .s_axil_wstrb, .s_axil_wvalid, .s_axil_wready,
        .s_axil_bresp, .s_axil_bvalid, .s_axil_bready,
        .s_axil_araddr, .s_axil_arvalid, .s_axil_arready,
        .s_axil_rdata, .s_axil_rresp, .s_axil_rvalid, .s_axil_rready,
        .wr_exec, .wr_addr, .wr_data, .wr_strb, .wr_resp,
        .rd_exec, .rd_addr, .rd_data, .rd_resp
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

    // ------------------------------------------------------------------
    // Claim arbitration for the page being read (§6)
    // ------------------------------------------------------------------
    logic [NSRC-1:0]    ra_routed;  // sources routed to the read page's (c, s)
    logic [NSRC-1:0]    ra_log;     // their log bits (PEND of the page)
    logic [NIPI-1:0]    ra_ipend;
    logic [NCAND-1:0]   cand, cand_onehot;
    logic [2*NCAND-1:0] cand_prio;
    logic               cand_valid;
    logic [CIW-1:0]     cand_idx;

    always_comb begin
        for (int i = 0; i < NSRC; i++) begin
            ra_routed[i] = (cpu_q[3*i +: 3] == ra_cpu) && (stage_q[i] == ra_stage);
        end
        ra_log    = pend_q & ra_routed;
        cand      = {ra_ipend, ra_log & en_q};
        cand_prio = {(ra_stage ? iprio_q[2*NIPI +: 2*NIPI] : iprio_q[0 +: 2*NIPI]), prio_q};
    end

    irq_router_pick #(.N(NCAND), .IW(CIW)) u_pick (
        .req(cand), .prio(cand_prio), .valid(cand_valid), .idx(cand_idx), .onehot(cand_onehot)
    );

    logic                claim_is_src;
    logic [CIW-1:0]      claim_vec;
    logic [9:0]          claim_id;
    logic [TSW-1:0]      src_ts, ipi_ts, claim_lat;
    logic [HBW-1:0]      claim_bucket;
    logic [NCPU*TSW-1:0] its_rd;    // per CPU: timestamp at (ra_stage, claim_vec)

    assign claim_is_src = cand_idx < CIW'(NSRC);
    assign claim_vec    = cand_idx - CIW'(NSRC);
    assign claim_id     = !cand_valid  ? ID_NONE
                        : claim_is_src ? 10'(cand_idx) : ID_IPI_BASE + 10'(claim_vec);

    irq_router_mux #(.N(NSRC), .W(TSW)) u_src_ts (
        .in(ts_q), .sel(SIW'(cand_idx)), .out(src_ts)
    );
    irq_router_mux #(.N(NCPU), .W(TSW)) u_ipi_ts (
        .in(its_rd), .sel(CW'(ra_cpu)), .out(ipi_ts)
    );

    assign claim_lat = cycle_q[TSW-1:0] - (claim_is_src ? src_ts : ipi_ts);

    // The statistics of a claim are recorded one edge later (§6), from these
    // registers: the comparator, bucket encoder and histogram increment then
    // sit off the AR-address -> arbiter -> timestamp path. Software cannot
    // tell: the next read executes two edges after a claim at the earliest.
    logic           stat_v;
    logic [CSW-1:0] stat_cs;
    logic [TSW-1:0] stat_lat;

    always_ff @(posedge clk) begin
        stat_v   <= rst_n && do_claim;
        stat_cs  <= ra_cs;
        stat_lat <= claim_lat;
    end

    always_comb begin
        // Bucket 0 holds latencies 0..1, bucket k holds [2^k, 2^(k+1)),
        // the last bucket everything above.
        claim_bucket = '0;
        for (int b = 1; b < TSW; b++) begin
            if (stat_lat[b]) claim_bucket = (b < NHIST) ? HBW'(b) : HBW'(NHIST - 1);
        end
    end

    // ------------------------------------------------------------------
    // Read views: every array register the read address can select, muxed
    // once by a tree (irq_router_mux) instead of per register.
    // ------------------------------------------------------------------
    logic [NCS*CSVW-1:0] cs_view;
    logic [NCPU*3-1:0]   cpu_view;
    logic [NSRC*32-1:0]  cfg_words;
    logic [7:0]          ra_iovr;
    logic [TSW-1:0]      ra_lat_last, ra_lat_max;
    logic                ra_stall, ra_oob_stall, ra_line_oob, ra_line_inb;
    logic [31:0]         ra_cfg, ra_ovr, ra_raw, ra_spend, ra_sactive, ra_ppend;

    always_comb begin
        for (int cs = 0; cs < NCS; cs++) begin
            cs_view[cs*CSVW +: CSVW] = {ipend_q[cs*NIPI +: NIPI], iovr_q[8*cs +: 8],
                lat_last_q[TSW*cs +: TSW], lat_max_q[TSW*cs +: TSW], stall_q[cs]};
        end
        for (int c = 0; c < NCPU; c++) begin
            cpu_view[3*c +: 3] = {stall_q[2*c + 1], line_oob_q[c], line_inb_q[c]};
        end
        for (int i = 0; i < NSRC; i++) begin
            cfg_words[32*i +: 32] = (32'(en_q[i])          << CFG_EN)
                                  | (32'(stage_q[i])       << CFG_STAGE)
                                  | (32'(trig_q[i])        << CFG_TRIG)
                                  | (32'(prio_q[2*i +: 2]) << CFG_PRIO)
                                  | (32'(cpu_q[3*i +: 3])  << CFG_CPU);
        end
    end

    irq_router_mux #(.N(NCS), .W(CSVW)) u_ra_cs (
        .in(cs_view), .sel(ra_cs), .out({ra_ipend, ra_iovr, ra_lat_last, ra_lat_max, ra_stall})
    );
    irq_router_mux #(.N(NCPU), .W(3)) u_ra_cpu (
        .in(cpu_view), .sel(CW'(ra_cpu)), .out({ra_oob_stall, ra_line_oob, ra_line_inb})
    );
    irq_router_mux #(.N(NSRC), .W(32)) u_ra_cfg (
        .in(cfg_words), .sel(SIW'(word_index(ra_off, irq_router_regs_pkg::GLOBAL_SRC_CFG_OFFSET))),
        .out(ra_cfg)
    );
    irq_router_mux #(.N(NOW), .W(32)) u_ra_ovr (
        .in((32*NOW)'(ovr_q)),
        .sel(NOWW'(word_index(ra_off, irq_router_regs_pkg::GLOBAL_OVERRUN_OFFSET))),
        .out(ra_ovr)
    );
    irq_router_mux #(.N(NSW), .W(32)) u_ra_raw (
        .in((32*NSW)'(src_i)),
        .sel(NSWW'(word_index(ra_off, irq_router_regs_pkg::GLOBAL_SRC_RAW_OFFSET))), .out(ra_raw)
    );
    irq_router_mux #(.N(NSW), .W(32)) u_ra_spend (
        .in((32*NSW)'(pend_q)),
        .sel(NSWW'(word_index(ra_off, irq_router_regs_pkg::GLOBAL_SRC_PEND_OFFSET))), .out(ra_spend)
    );
    irq_router_mux #(.N(NSW), .W(32)) u_ra_sactive (
        .in((32*NSW)'(active_q)),
        .sel(NSWW'(word_index(ra_off, irq_router_regs_pkg::GLOBAL_SRC_ACTIVE_OFFSET))),
        .out(ra_sactive)
    );
    irq_router_mux #(.N(NSW), .W(32)) u_ra_ppend (
        .in((32*NSW)'(ra_log)),
        .sel(NSWW'(word_index(ra_off, irq_router_regs_pkg::PAGE_PEND_OFFSET))), .out(ra_ppend)
    );

    // ------------------------------------------------------------------
    // Read decode: data, response and side effects (§9, §10)
    // ------------------------------------------------------------------
    logic rd_claim, rd_tas, rd_cyclo;  // side effects of the executing read

    always_comb begin
        logic [31:0] o;
        o        = {20'b0, ra_off};
        rd_data  = '0;
        rd_resp  = OKAY;
        rd_claim = 1'b0;
        rd_tas   = 1'b0;
        rd_cyclo = 1'b0;
        if (ra_decerr) begin
            rd_resp = DECERR;
        end else if (o[1:0] != 2'b00) begin
            rd_resp = SLVERR;
        end else if (ra_glb) begin
            if (o == irq_router_regs_pkg::GLOBAL_ID_OFFSET) begin
                rd_data = irq_router_regs_pkg::GLOBAL_ID_RESET;
            end else if (o == irq_router_regs_pkg::GLOBAL_VERSION_OFFSET) begin
                rd_data = irq_router_regs_pkg::GLOBAL_VERSION_RESET;
            end else if (o == irq_router_regs_pkg::GLOBAL_HWCFG_OFFSET) begin
                rd_data = HWCFG;
            end else if (o == irq_router_regs_pkg::GLOBAL_ERR_OFFSET) begin
                rd_data = 32'(err_q);
            end else if (o == irq_router_regs_pkg::GLOBAL_STATUS_OFFSET) begin
                rd_data = 32'(lock_q);
            end else if (o == irq_router_regs_pkg::GLOBAL_CYCLE_LO_OFFSET) begin
                rd_data  = cycle_q[31:0];
                rd_cyclo = 1'b1;
            end else if (o == irq_router_regs_pkg::GLOBAL_CYCLE_HI_OFFSET) begin
                rd_data = cycle_hi_q;
            end else if (o == irq_router_regs_pkg::GLOBAL_IPI_PRIO_INB_OFFSET) begin
                rd_data = 32'(iprio_q[0 +: 2*NIPI]);
            end else if (o == irq_router_regs_pkg::GLOBAL_IPI_PRIO_OOB_OFFSET) begin
                rd_data = 32'(iprio_q[2*NIPI +: 2*NIPI]);
            end else if (in_array(o, irq_router_regs_pkg::GLOBAL_SRC_RAW_OFFSET, NSW)) begin
                rd_data = ra_raw;
            end else if (in_array(o, irq_router_regs_pkg::GLOBAL_SRC_PEND_OFFSET, NSW)) begin
                rd_data = ra_spend;
            end else if (in_array(o, irq_router_regs_pkg::GLOBAL_SRC_ACTIVE_OFFSET, NSW)) begin
                rd_data = ra_sactive;
            end else if (in_array(o, irq_router_regs_pkg::GLOBAL_SRC_CFG_OFFSET, NSRC)) begin
                rd_data = ra_cfg;
            end else if (in_array(o, irq_router_regs_pkg::GLOBAL_OVERRUN_OFFSET, NOW)) begin
                rd_data = ra_ovr;
            end else begin
                rd_resp = SLVERR;  // hole, or the write-only LOCK
            end
        end else begin
            // Per-CPU page (c, s) = (ra_cpu, ra_stage).
            if (o == irq_router_regs_pkg::PAGE_CLAIM_OFFSET) begin
                rd_data  = 32'(claim_id);
                rd_claim = cand_valid;
            end else if (o == irq_router_regs_pkg::PAGE_STALL_OFFSET) begin
                rd_data = 32'(ra_stall);
            end else if (o == irq_router_regs_pkg::PAGE_STALL_TAS_OFFSET) begin
                rd_data = 32'(ra_stall);
                rd_tas  = 1'b1;
            end else if (o == irq_router_regs_pkg::PAGE_STATUS_OFFSET) begin
                rd_data[irq_router_regs_pkg::PAGE_STATUS_LINE_LSB] =
                    ra_stage ? ra_line_oob : ra_line_inb;
                rd_data[irq_router_regs_pkg::PAGE_STATUS_DELIVERABLE_LSB] = cand_valid;
                rd_data[irq_router_regs_pkg::PAGE_STATUS_STALLED_LSB]     = ra_stall;
                rd_data[irq_router_regs_pkg::PAGE_STATUS_OOB_STALLED_LSB] = ra_oob_stall;
            end else if (o == irq_router_regs_pkg::PAGE_IPI_PEND_OFFSET) begin
                rd_data = 32'(ra_ipend);
            end else if (o == irq_router_regs_pkg::PAGE_IPI_OVERRUN_OFFSET) begin
                rd_data = 32'(ra_iovr);
            end else if (in_array(o, irq_router_regs_pkg::PAGE_PEND_OFFSET, NSW)) begin
                rd_data = ra_ppend;
            end else if (o == irq_router_regs_pkg::PAGE_LAT_LAST_OFFSET) begin
                rd_data = 32'(ra_lat_last);
            end else if (o == irq_router_regs_pkg::PAGE_LAT_MAX_OFFSET) begin
                rd_data = 32'(ra_lat_max);
            end else if (in_array(o, irq_router_regs_pkg::PAGE_HIST_OFFSET, NHIST)) begin
                rd_data = hvalid_q[hist_rd_addr] ? hist_mem[hist_rd_addr] : 32'd0;
            end else begin
                rd_resp = SLVERR;  // hole, or write-only COMPLETE / IPI_SEND
            end
        end
    end

    logic [CSW+HBW-1:0] hist_rd_addr;
    assign hist_rd_addr = {ra_cs, HBW'(word_index(ra_off, irq_router_regs_pkg::PAGE_HIST_OFFSET))};

    // ------------------------------------------------------------------
    // Write decode: response, effects and error flags (§6-§9)
    // ------------------------------------------------------------------
    logic            w_cfg, w_lock, w_err, w_iprio, w_ovr, w_complete;
    logic            w_stall, w_ipi, w_iovr, w_latmax;
    logic [SIW-1:0]  w_src;       // source addressed by SRC_CFG or COMPLETE
    logic [NOWW-1:0] w_ovr_word;
    logic [4:0]      err_set;
    logic [7:0]      ipi_mask;
    logic [3:0]      ipi_vec;
    logic [9:0]      w_id;
    logic            w_src_active, w_src_stage;
    logic [2:0]      w_src_cpu;
    logic            w_is_cfg;

    assign w_id     = wr_data[9:0];
    assign ipi_mask = wr_data[IPI_MASK +: 8];
    assign ipi_vec  = wr_data[IPI_VEC +: 4];
    assign w_is_cfg = wa_glb && in_array({20'b0, wa_off}, irq_router_regs_pkg::GLOBAL_SRC_CFG_OFFSET, NSRC);
    assign w_src    = w_is_cfg ? SIW'(word_index(wa_off, irq_router_regs_pkg::GLOBAL_SRC_CFG_OFFSET))
                               : SIW'(w_id);
    assign w_ovr_word = NOWW'(word_index(wa_off, irq_router_regs_pkg::GLOBAL_OVERRUN_OFFSET));

    // State of the addressed source, for the LOCK and COMPLETE checks.
    logic [5*NSRC-1:0] src_view;
    always_comb begin
        for (int i = 0; i < NSRC; i++) begin
            src_view[5*i +: 5] = {active_q[i], stage_q[i], cpu_q[3*i +: 3]};
        end
    end
    irq_router_mux #(.N(NSRC), .W(5)) u_wa_src (
        .in(src_view), .sel(w_src), .out({w_src_active, w_src_stage, w_src_cpu})
    );

    always_comb begin
        logic [31:0] o;
        logic        bad_cpu, locked;
        o = {20'b0, wa_off};
        w_cfg = 1'b0; w_lock = 1'b0; w_err = 1'b0; w_iprio = 1'b0; w_ovr = 1'b0;
        w_complete = 1'b0; w_stall = 1'b0; w_ipi = 1'b0; w_iovr = 1'b0; w_latmax = 1'b0;
        err_set = '0;
        bad_cpu = 1'b0;
        locked  = 1'b0;
        wr_resp = OKAY;
        if (wa_decerr) begin
            wr_resp = DECERR;
        end else if (o[1:0] != 2'b00 || wr_strb != 4'hF) begin
            wr_resp = SLVERR;
        end else if (wa_glb) begin
            if (o == irq_router_regs_pkg::GLOBAL_LOCK_OFFSET) begin
                // Once locked, LOCK writes are ignored without a flag.
                w_lock = !lock_q && wr_data == LOCK_KEY;
                err_set[ERR_BAD_KEY] = !lock_q && wr_data != LOCK_KEY;
            end else if (o == irq_router_regs_pkg::GLOBAL_ERR_OFFSET) begin
                w_err = 1'b1;
            end else if (o == irq_router_regs_pkg::GLOBAL_IPI_PRIO_INB_OFFSET) begin
                w_iprio = 1'b1;
            end else if (o == irq_router_regs_pkg::GLOBAL_IPI_PRIO_OOB_OFFSET) begin
                w_iprio = !lock_q;
                err_set[ERR_LOCKED] = lock_q;
            end else if (w_is_cfg) begin
                bad_cpu = 32'(wr_data[CFG_CPU +: 3]) >= NCPU;
                locked  = lock_q && (w_src_stage || wr_data[CFG_STAGE]);
                w_cfg   = !bad_cpu && !locked;
                err_set[ERR_BAD_CPU] = bad_cpu;
                err_set[ERR_LOCKED]  = locked;
            end else if (in_array(o, irq_router_regs_pkg::GLOBAL_OVERRUN_OFFSET, NOW)) begin
                w_ovr = 1'b1;
            end else begin
                wr_resp = SLVERR;  // hole or read-only register
            end
        end else begin
            if (o == irq_router_regs_pkg::PAGE_COMPLETE_OFFSET) begin
                // Only the owner of an in-service source may complete it (§6, §8).
                w_complete = 32'(w_id) < NSRC && w_src_active
                          && w_src_cpu == wa_cpu && w_src_stage == wa_stage;
                err_set[ERR_BAD_COMPLETE] = !w_complete;
            end else if (o == irq_router_regs_pkg::PAGE_STALL_OFFSET) begin
                w_stall = 1'b1;
            end else if (o == irq_router_regs_pkg::PAGE_IPI_SEND_OFFSET) begin
                bad_cpu = (32'(ipi_mask) >> NCPU) != 0;
                err_set[ERR_BAD_CPU]    = bad_cpu;
                err_set[ERR_BAD_VECTOR] = 32'(ipi_vec) >= NIPI;
                w_ipi = !bad_cpu && 32'(ipi_vec) < NIPI;
            end else if (o == irq_router_regs_pkg::PAGE_IPI_OVERRUN_OFFSET) begin
                w_iovr = 1'b1;
            end else if (o == irq_router_regs_pkg::PAGE_LAT_MAX_OFFSET) begin
                w_latmax = 1'b1;
            end else begin
                wr_resp = SLVERR;  // hole or read-only register
            end
        end
    end

    logic do_claim, do_tas, do_write;
    assign do_claim = rd_exec && rd_claim && rd_resp == OKAY;
    assign do_tas   = rd_exec && rd_tas && rd_resp == OKAY;
    assign do_write = wr_exec && wr_resp == OKAY;

    // ------------------------------------------------------------------
    // Sources (§4, §6)
    // ------------------------------------------------------------------
    for (genvar i = 0; i < NSRC; i++) begin : g_src
        irq_router_src #(.TSW(TSW)) u_src (
            .clk, .rst_n,
            .src       (src_i[i]),
            .now       (cycle_q[TSW-1:0]),
            .cfg_we    (do_write && w_cfg && w_src == SIW'(i)),
            .cfg_en    (wr_data[CFG_EN]),
            .cfg_stage (wr_data[CFG_STAGE]),
            .cfg_trig  (wr_data[CFG_TRIG]),
            .cfg_prio  (wr_data[CFG_PRIO +: 2]),
            .cfg_cpu   (wr_data[CFG_CPU +: 3]),
            .claim     (do_claim && cand_onehot[i]),
            .complete  (do_write && w_complete && w_src == SIW'(i)),
            .ovr_clr   (do_write && w_ovr && w_ovr_word == NOWW'(i / 4)),
            .en        (en_q[i]),
            .stage     (stage_q[i]),
            .trig      (trig_q[i]),
            .prio      (prio_q[2*i +: 2]),
            .cpu       (cpu_q[3*i +: 3]),
            .pend      (pend_q[i]),
            .active    (active_q[i]),
            .ovr       (ovr_q[8*i +: 8]),
            .ts        (ts_q[TSW*i +: TSW])
        );
    end

    // ------------------------------------------------------------------
    // Per (cpu, stage): IPI log and overruns, stall bit, latency statistics
    // (§5-§7, §10), and whether anything is deliverable before this edge.
    // ------------------------------------------------------------------
    logic [NCS-1:0] stall_d, deliv;
    logic [NCS-1:0] its_we_cs;      // an IPI_SEND newly logs a vector here
    logic [TSW-1:0] lat_max_next;   // LAT_MAX of the recording page after the record
    logic [TSW-1:0] stat_max;

    // One comparator serves every page: one claim is recorded per edge. A
    // LAT_MAX clear at the recording edge applies first (§4).
    irq_router_mux #(.N(NCS), .W(TSW)) u_stat_max (
        .in(lat_max_q), .sel(stat_cs), .out(stat_max)
    );
    always_comb begin
        logic [TSW-1:0] base;
        base = (do_write && w_latmax && wa_cs == stat_cs) ? '0 : stat_max;
        lat_max_next = (stat_lat > base) ? stat_lat : base;
    end

    for (genvar cs = 0; cs < NCS; cs++) begin : g_cs
        logic [NIPI-1:0] sent, claimed;
        logic            claim_here, record_here, coalesced, iovr_clr, lat_clr;
        logic [7:0]      iovr_base;
        logic [NSRC-1:0] routed;

        always_comb begin
            for (int v = 0; v < NIPI; v++) begin
                sent[v] = do_write && w_ipi && ipi_mask[cs / 2] && wr_data[IPI_STAGE] == cs[0]
                       && ipi_vec == 4'(v);
            end
            claim_here  = do_claim && ra_cs == CSW'(cs);
            record_here = stat_v && stat_cs == CSW'(cs);
            claimed    = claim_here ? cand_onehot[NSRC +: NIPI] : '0;
            // A send wins over a claim of the same vector at the same edge.
            its_we_cs[cs] = |(sent & (~ipend_q[cs*NIPI +: NIPI] | claimed));
            coalesced  = |(sent & ipend_q[cs*NIPI +: NIPI] & ~claimed);
            iovr_clr   = do_write && w_iovr && wa_cs == CSW'(cs);
            iovr_base  = iovr_clr ? 8'd0 : iovr_q[8*cs +: 8];
            lat_clr    = do_write && w_latmax && wa_cs == CSW'(cs);
            // Test-and-stall wins over a STALL write at the same edge.
            if (do_tas && ra_cs == CSW'(cs))                   stall_d[cs] = 1'b1;
            else if (do_write && w_stall && wa_cs == CSW'(cs)) stall_d[cs] = wr_data[0];
            else                                               stall_d[cs] = stall_q[cs];
            for (int i = 0; i < NSRC; i++) begin
                routed[i] = cpu_q[3*i +: 3] == 3'(cs / 2) && stage_q[i] == cs[0];
            end
            deliv[cs] = (|ipend_q[cs*NIPI +: NIPI]) || (|(pend_q & en_q & routed));
        end

        always_ff @(posedge clk) begin
            if (!rst_n) begin
                ipend_q[cs*NIPI +: NIPI]  <= '0;
                iovr_q[8*cs +: 8]         <= '0;
                stall_q[cs]               <= 1'b1;
                lat_last_q[TSW*cs +: TSW] <= '0;
                lat_max_q[TSW*cs +: TSW]  <= '0;
            end else begin
                ipend_q[cs*NIPI +: NIPI] <= (ipend_q[cs*NIPI +: NIPI] & ~claimed) | sent;
                iovr_q[8*cs +: 8] <= (coalesced && iovr_base != 8'hFF) ? iovr_base + 8'd1 : iovr_base;
                stall_q[cs] <= stall_d[cs];
                if (record_here) begin
                    lat_last_q[TSW*cs +: TSW] <= stat_lat;
                    lat_max_q[TSW*cs +: TSW]  <= lat_max_next;
                end else if (lat_clr) begin
                    lat_max_q[TSW*cs +: TSW]  <= '0;
                end
            end
        end
    end

    // Lines (§5): the log as it stood before the edge, the stall bits after
    // it. So a line never shows while its stage is stalled, and an event
    // reaches the line two edges after it is sampled.
    always_ff @(posedge clk) begin
        for (int c = 0; c < NCPU; c++) begin
            line_oob_q[c] <= rst_n && deliv[2*c + 1] && !stall_d[2*c + 1];
            line_inb_q[c] <= rst_n && deliv[2*c] && !stall_d[2*c] && !stall_d[2*c + 1];
        end
    end
    assign irq_oob_o = line_oob_q;
    assign irq_inb_o = line_inb_q;

    // IPI timestamps: per CPU a (2*NIPI)-entry RAM indexed by (stage, vector).
    for (genvar c = 0; c < NCPU; c++) begin : g_its
        logic [TSW-1:0] mem [2*NIPI];
        always_ff @(posedge clk) begin
            if (rst_n && (wr_data[IPI_STAGE] ? its_we_cs[2*c + 1] : its_we_cs[2*c]))
                mem[wr_data[IPI_STAGE] ? NIPI + 32'(ipi_vec) : 32'(ipi_vec)] <= cycle_q[TSW-1:0];
        end
        assign its_rd[TSW*c +: TSW] = mem[ra_stage ? NIPI + 32'(claim_vec) : 32'(claim_vec)];
    end

    // Histogram: read-modify-write of one RAM word per recorded claim (§6).
    logic [CSW+HBW-1:0] hist_addr;
    assign hist_addr = {stat_cs, claim_bucket};

    always_ff @(posedge clk) begin
        if (rst_n && stat_v)
            hist_mem[hist_addr] <= (hvalid_q[hist_addr] ? hist_mem[hist_addr] : 32'd0) + 32'd1;
    end

    // ------------------------------------------------------------------
    // Global state
    // ------------------------------------------------------------------
    logic iprio_oob;  // the write addresses IPI_PRIO_OOB (else IPI_PRIO_INB)
    assign iprio_oob = 32'(wa_off) == irq_router_regs_pkg::GLOBAL_IPI_PRIO_OOB_OFFSET;

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            hvalid_q   <= '0;
            lock_q     <= 1'b0;
            err_q      <= '0;
            iprio_q    <= '0;
            cycle_q    <= '0;
            cycle_hi_q <= '0;
        end else begin
            if (stat_v) hvalid_q[hist_addr] <= 1'b1;
            if (do_write && w_lock) lock_q <= 1'b1;
            // Flags raised at this edge win over a write-1-to-clear.
            err_q <= ((do_write && w_err) ? err_q & ~wr_data[4:0] : err_q)
                   | (wr_exec ? err_set : 5'd0);
            if (do_write && w_iprio) begin
                if (iprio_oob) iprio_q[2*NIPI +: 2*NIPI] <= wr_data[2*NIPI-1:0];
                else           iprio_q[0 +: 2*NIPI]      <= wr_data[2*NIPI-1:0];
            end
            cycle_q <= cycle_q + 64'd1;
            if (rd_exec && rd_cyclo && rd_resp == OKAY) cycle_hi_q <= cycle_q[63:32];
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
    function automatic logic [31:0] word_index(input logic [11:0] off, input int unsigned base);
        word_index = ({20'b0, off} - base) >> 2;
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
`else
    initial begin
        if (NSRC < 8 || NSRC > 128) $fatal(1, "irq_router: NSRC=%0d outside 8..128", NSRC);
        if (NCPU < 1 || NCPU > 8)   $fatal(1, "irq_router: NCPU=%0d outside 1..8", NCPU);
        if (NIPI < 1 || NIPI > 16)  $fatal(1, "irq_router: NIPI=%0d outside 1..16", NIPI);
        if (TSW < 8 || TSW > 32)    $fatal(1, "irq_router: TSW=%0d outside 8..32", TSW);
    end
`endif

    // AXI protection bits are accepted and ignored: isolation is by page (§1).
    logic unused_prot;
    assign unused_prot = ^{s_axil_awprot, s_axil_arprot};

`ifdef FORMAL
`include "irq_router_props.svh"
`endif
endmodule
