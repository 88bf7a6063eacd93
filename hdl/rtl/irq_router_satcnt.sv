// N saturating W-bit counters kept bit-sliced: bit k of every counter is the
// N-bit vector at [k*N +: N] (spec §4: a clear at an edge applies first,
// then the edge's increment; W = 1 makes each counter a sticky bit).
module irq_router_satcnt #(
    parameter int N = 8,
    parameter int W = 8
) (
    input  logic           clk,
    input  logic           rst_n,
    input  logic [N-1:0]   clr,   // counters cleared at this edge
    input  logic [N-1:0]   inc,   // counters incremented at this edge (after the clear)
    output logic [W*N-1:0] cnt
);
`ifdef IRQR_FAST_SIM
    // Fast simulation (router-sim defines IRQR_FAST_SIM): W whole-vector
    // steps whatever N.
    always_ff @(posedge clk) begin
        logic [N-1:0] full, carry, base;
        full = ~clr;
        for (int k = 0; k < W; k++) full = full & cnt[k*N +: N];
        carry = inc & ~full;
        for (int k = 0; k < W; k++) begin
            base = cnt[k*N +: N] & ~clr;
            cnt[k*N +: N] <= rst_n ? base ^ carry : '0;
            carry = carry & base;
        end
    end
`else
    // Synthesis and the other builds (same function): one counter at a
    // time, so that the clear becomes the flops' synchronous reset, the
    // increment their clock enable and `+ 1` a carry chain, instead of about
    // two LUTs per counter bit.
    for (genvar i = 0; i < N; i++) begin : g_cnt
        logic [W-1:0] c;
        always_ff @(posedge clk) begin
            if (!rst_n)                 c <= '0;
            else if (clr[i])            c <= W'(inc[i]);
            else if (inc[i] && c != '1) c <= c + 1'b1;
        end
        for (genvar k = 0; k < W; k++) begin : g_bit
            assign cnt[k*N + i] = c[k];
        end
    end
`endif
endmodule
