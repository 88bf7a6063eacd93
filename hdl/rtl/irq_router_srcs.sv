// Every external source of the irq_router (spec §3, §4, §6): configuration,
// edge detector, log bit, in-service bit, overrun counter and the timestamp
// of the event that set the log bit.
//
// The state is kept as whole vectors, one bit per source (multi-bit fields
// bit-sliced: bit k of every source's field is one NSRC-bit vector), and every
// rule is written as vector logic. Synthesis gets the same per-source gates
// as a per-source module would give; Verilator gets a handful of word
// operations per edge instead of a loop over the sources.
module irq_router_srcs #(
    parameter int NSRC  = 32,
    parameter int NCS   = 8,    // (cpu, stage) pairs: 2 * NCPU
    parameter int CW    = 2,    // bits of the CPU field kept (clog2 NCPU)
    parameter int TSW   = 16,
    parameter int STATS = 1,
    parameter int OVRW  = 8
) (
    input  logic              clk,
    input  logic              rst_n,
    input  logic [NSRC-1:0]   src,        // the inputs, synchronous
    input  logic [TSW-1:0]    now,        // cycle counter, low bits
    // Effects of the executing AXI accesses, already qualified.
    input  logic [NSRC-1:0]   cfg_sel,    // the source an accepted SRC_CFG write changes
    input  logic [4:0]        cfg_we,     // fields it writes: {cpu, prio, trig, stage, en}
    input  logic              cfg_en, cfg_stage, cfg_trig,
    input  logic [1:0]        cfg_prio,
    input  logic [CW-1:0]     cfg_cpu,
    input  logic [NCS-1:0]    cfg_rt,     // its (cpu, stage) after the write, one-hot
    input  logic [NSRC-1:0]   claim,      // the source CLAIM returns (one-hot or 0)
    input  logic [NSRC-1:0]   complete,   // the source an accepted COMPLETE ends
    input  logic [NSRC-1:0]   ovr_clr,    // overrun counters cleared (OVERRUN_CLR)

    output logic [NSRC-1:0]   en, stage, trig, p1, p0,
    output logic [CW*NSRC-1:0] cpu,       // bit k of every source's CPU at [k*NSRC +: NSRC]
    // The routing once more, one-hot: the sources routed to page cs at
    // [cs*NSRC +: NSRC]. Flops with the SRC_CFG write as enable and a value
    // shared by all sources, so the pages' deliverable test is an AND-OR
    // instead of a CPU compare per page and source.
    output logic [NCS*NSRC-1:0] rt,
    output logic [NSRC-1:0]   pend, active,
    output logic [OVRW*NSRC-1:0] ovr,     // bit-sliced like cpu
    output logic [TSW*NSRC-1:0]  ts       // bit-sliced like cpu; 0 without STATS
);
    logic [NSRC-1:0] prev, ev_edge, ev, coalesced;

    // Bitwise `sel ? a : b`. The same function written twice: as 1-bit muxes
    // for synthesis, where Yosys turns a mux between a flop's output and a
    // new value into the flop's clock enable (no LUT per bit), and as word
    // logic for fast simulation (router-sim defines IRQR_FAST_SIM), which
    // would otherwise loop over the bits.
    function automatic logic [NSRC-1:0] vsel(input logic [NSRC-1:0] sel,
                                             input logic [NSRC-1:0] a, input logic [NSRC-1:0] b);
`ifdef IRQR_FAST_SIM
        vsel = (a & sel) | (b & ~sel);
`else
        for (int i = 0; i < NSRC; i++) vsel[i] = sel[i] ? a[i] : b[i];
`endif
    endfunction

    // Field f of the source selected by cfg_sel takes the written value.
    function automatic logic [NSRC-1:0] upd(input logic [NSRC-1:0] q, input logic we,
                                            input logic v);
        upd = vsel(we ? cfg_sel : '0, {NSRC{v}}, q);
    endfunction

    always_comb begin
        // Events use the configuration before the edge; a level source
        // claimed at this edge counts as active (spec §4).
        ev_edge   = en & trig & src & ~prev;
        ev        = ev_edge | (en & ~trig & src & ~(active | claim));
        // Only an edge is a new event worth counting; a level that stays
        // high is one event.
        coalesced = ev_edge & pend & ~claim;
    end

    irq_router_satcnt #(.N(NSRC), .W(OVRW)) u_ovr (
        .clk, .rst_n, .clr(ovr_clr), .inc(coalesced), .cnt(ovr)
    );

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            {en, stage, trig, p1, p0} <= '0;
            cpu    <= '0;
            // Reset: every source in-band, CPU 0.
            rt     <= {{(NCS-1)*NSRC{1'b0}}, {NSRC{1'b1}}};
            prev   <= '0;
            pend   <= '0;
            active <= '0;
        end else begin
            en    <= upd(en, cfg_we[0], cfg_en);
            stage <= upd(stage, cfg_we[1], cfg_stage);
            trig  <= upd(trig, cfg_we[2], cfg_trig);
            p0    <= upd(p0, cfg_we[3], cfg_prio[0]);
            p1    <= upd(p1, cfg_we[3], cfg_prio[1]);
            for (int k = 0; k < CW; k++)
                cpu[k*NSRC +: NSRC] <= upd(cpu[k*NSRC +: NSRC], cfg_we[4], cfg_cpu[k]);
            for (int cs = 0; cs < NCS; cs++)
                rt[cs*NSRC +: NSRC] <= upd(rt[cs*NSRC +: NSRC], 1'b1, cfg_rt[cs]);
            prev   <= src;
            // A claimed bit is set again by an event at the same edge.
            pend   <= ev | (pend & ~claim);
            active <= claim | (active & ~complete);
        end
    end

    if (STATS != 0) begin : g_ts
        logic [NSRC-1:0] stamp;  // log bits newly set: their timestamp is now
        assign stamp = ev & (~pend | claim);
        always_ff @(posedge clk) begin
            if (!rst_n) begin
                ts <= '0;
            end else begin
                for (int k = 0; k < TSW; k++)
                    ts[k*NSRC +: NSRC] <= vsel(stamp, {NSRC{now[k]}}, ts[k*NSRC +: NSRC]);
            end
        end
    end else begin : g_no_ts
        assign ts = '0;
        logic unused_now;
        assign unused_now = ^now;
    end
endmodule
