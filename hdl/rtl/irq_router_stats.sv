// Latency statistics of the irq_router (spec §6, §10), instantiated only
// with STATS = 1: the IPI timestamps, the claim's timestamp, and per page
// LAT_LAST, LAT_MAX and the log2 histogram.
//
// A claim at edge n registers its entry's timestamp and the cycle counter;
// the latency, LAT_MAX comparison and histogram increment happen at edge
// n+1 from those registers, so none of it sits behind the claim arbiter.
module irq_router_stats #(
    parameter int NSRC = 32,
    parameter int NCPU = 4,
    parameter int NIPI = 8,
    parameter int TSW  = 16
) (
    input  logic                clk,
    input  logic                rst_n,
    input  logic [TSW-1:0]      now,          // cycle counter before this edge, low bits
    input  logic [TSW*NSRC-1:0] ts,           // source timestamps, bit-sliced
    // IPI_SEND: vector `ipi_vec` newly logged on the pages in `ipi_stamp`.
    input  logic [2*NCPU-1:0]   ipi_stamp,
    input  logic [3:0]          ipi_vec,
    // The claim executing at this edge.
    input  logic                claim,
    input  logic [$clog2(2*NCPU)-1:0] claim_cs,  // (cpu, stage) index: 2*cpu + stage
    input  logic [NSRC-1:0]     claim_src,    // one-hot source claimed, 0 for an IPI
    input  logic [3:0]          claim_vec,    // IPI vector claimed
    input  logic [2*NCPU-1:0]   lat_clr,      // accepted LAT_MAX writes, per page
    // Read port: page `rd_cs`, histogram bucket `rd_bucket`.
    input  logic [$clog2(2*NCPU)-1:0] rd_cs,
    input  logic [3:0]          rd_bucket,
    output logic [TSW-1:0]      rd_lat_last,
    output logic [TSW-1:0]      rd_lat_max,
    output logic [31:0]         rd_hist,
    // Every page's LAT_MAX, for the isolation proof (hdl/rtl/irq_router_props.svh).
    output logic [2*NCPU*TSW-1:0] lat_max
);
    localparam int NCS  = 2 * NCPU;
    localparam int CSW  = $clog2(NCS);
    localparam int CW   = (NCPU > 1) ? $clog2(NCPU) : 1;
    localparam int NH   = NCS * 16;      // histogram counters
    localparam int HAW  = $clog2(NH);

    // ---- the claimed entry's timestamp ----------------------------------
    // IPI timestamps: per CPU a (2*NIPI)-entry RAM indexed by (stage, vector)
    // (one IPI_SEND may log the same vector on several CPUs at one edge).
    logic [NCPU*TSW-1:0] its_rd;
    for (genvar c = 0; c < NCPU; c++) begin : g_its
        logic [TSW-1:0] mem [2*NIPI];
        always_ff @(posedge clk) begin
            if (rst_n && (ipi_stamp[2*c] || ipi_stamp[2*c + 1]))
                mem[ipi_stamp[2*c + 1] ? NIPI + 32'(ipi_vec) : 32'(ipi_vec)] <= now;
        end
        assign its_rd[TSW*c +: TSW] = mem[claim_cs[0] ? NIPI + 32'(claim_vec) : 32'(claim_vec)];
    end

    logic [TSW-1:0] ipi_ts, claim_ts;
    irq_router_mux #(.N(NCPU), .W(TSW)) u_its (
        .in(its_rd), .sel(CW'(claim_cs >> 1)), .out(ipi_ts)
    );
    always_comb begin
        for (int k = 0; k < TSW; k++) claim_ts[k] = |(ts[k*NSRC +: NSRC] & claim_src);
        if (claim_src == '0) claim_ts = ipi_ts;
    end

    logic           stat_v;
    logic [CSW-1:0] stat_cs;
    logic [TSW-1:0] stat_ts, stat_now;
    always_ff @(posedge clk) begin
        stat_v   <= rst_n && claim;
        stat_cs  <= claim_cs;
        stat_ts  <= claim_ts;
        stat_now <= now;
    end

    // ---- per page LAT_LAST / LAT_MAX --------------------------------------
    logic [NCS*TSW-1:0] lat_last_q, lat_max_q;
    logic [TSW-1:0]     lat, stat_max, max_next;
    logic [3:0]         bucket;

    irq_router_mux #(.N(NCS), .W(TSW)) u_stat_max (
        .in(lat_max_q), .sel(stat_cs), .out(stat_max)
    );

    always_comb begin
        lat      = '0;
        max_next = '0;
        bucket   = '0;
        if (stat_v) begin
            // L = cycle at the claim - timestamp, mod 2^TSW (spec §6).
            lat      = stat_now - stat_ts;
            // A LAT_MAX clear at the recording edge applies first (spec §4).
            max_next = (lat_clr[stat_cs] || lat > stat_max) ? lat : stat_max;
            // Bucket 0 holds 0..1, bucket k holds [2^k, 2^(k+1)), 15 the rest.
            for (int b = 1; b < TSW; b++) begin
                if (lat[b]) bucket = (b < 16) ? 4'(b) : 4'd15;
            end
        end
    end

    for (genvar cs = 0; cs < NCS; cs++) begin : g_cs
        always_ff @(posedge clk) begin
            if (!rst_n) begin
                lat_last_q[TSW*cs +: TSW] <= '0;
                lat_max_q[TSW*cs +: TSW]  <= '0;
            end else if (stat_v && stat_cs == CSW'(cs)) begin
                lat_last_q[TSW*cs +: TSW] <= lat;
                lat_max_q[TSW*cs +: TSW]  <= max_next;
            end else if (lat_clr[cs]) begin
                lat_max_q[TSW*cs +: TSW]  <= '0;
            end
        end
    end

    irq_router_mux #(.N(NCS), .W(TSW)) u_rd_last (
        .in(lat_last_q), .sel(rd_cs), .out(rd_lat_last)
    );
    irq_router_mux #(.N(NCS), .W(TSW)) u_rd_max (
        .in(lat_max_q), .sel(rd_cs), .out(rd_lat_max)
    );
    assign lat_max = lat_max_q;

    // ---- histogram: a LUTRAM cleared by a sweep after reset (spec §10) ------
    // One counter is written per edge: zeroed by the sweep for the first NH
    // edges, then incremented by the recorded claim. No valid bit per counter.
    logic [31:0]    hist_mem [NH];
    logic [HAW-1:0] sweep_q;
    logic           swept_q;
    logic [HAW-1:0] rec_addr;
    assign rec_addr = HAW'({stat_cs, bucket});

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            sweep_q <= '0;
            swept_q <= 1'b0;
        end else if (!swept_q) begin
            sweep_q <= sweep_q + 1'b1;
            swept_q <= 32'(sweep_q) == NH - 1;
        end
    end

    always_ff @(posedge clk) begin
        if (rst_n && !swept_q)
            hist_mem[sweep_q] <= 32'd0;
        else if (rst_n && stat_v)
            hist_mem[rec_addr] <= hist_mem[rec_addr] + 32'd1;
    end

    assign rd_hist = swept_q ? hist_mem[HAW'({rd_cs, rd_bucket})] : 32'd0;
endmodule
