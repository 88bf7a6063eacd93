// N-way, W-bit multiplexer built as an explicit binary tree on the select
// bits. Entries at or beyond N read as zero.
//
// Why not `in[sel*W +: W]`: Yosys turns a variable part-select into a
// barrel shifter over all N*W bits; a tree maps to LUT6/MUXF7/MUXF8 at about
// N/4 LUTs per output bit. Verilator, on the contrary, computes the
// part-select as one shift but the tree as 2N nodes, so it gets the former.
module irq_router_mux #(
    parameter int N  = 8,
    parameter int W  = 1,
    parameter int SW = (N > 1) ? $clog2(N) : 1
) (
    input  logic [N*W-1:0] in,
    input  logic [SW-1:0]  sel,
    output logic [W-1:0]   out
);
`ifdef IRQR_FAST_SIM
    // Fast simulation builds (router-sim defines IRQR_FAST_SIM): one shift.
    // Synthesis and the other builds get the tree below (same function).
    assign out = (32'(sel) < N) ? in[32'(sel)*W +: W] : '0;
`else
    localparam int P = 1 << SW;  // leaves, N padded to a power of two

    // Heap layout: node k has children 2k+1 and 2k+2; leaf j is node P-1+j.
    logic [(2*P-1)*W-1:0] t /* verilator split_var */;

    for (genvar j = 0; j < P; j++) begin : g_leaf
        if (j < N) begin : g_in
            assign t[(P-1+j)*W +: W] = in[j*W +: W];
        end else begin : g_pad
            assign t[(P-1+j)*W +: W] = '0;
        end
    end

    for (genvar k = 0; k < P - 1; k++) begin : g_node
        localparam int DEPTH = $clog2(k + 2) - 1;  // floor(log2(k + 1))
        assign t[k*W +: W] = sel[SW-1-DEPTH] ? t[(2*k+2)*W +: W] : t[(2*k+1)*W +: W];
    end

    assign out = t[0 +: W];
`endif
endmodule
