// Claim arbiter (spec §6): among the requesting entries, the highest 2-bit
// priority wins, ties go to the lowest index.
//
// Written as "mask by level, then isolate the lowest set bit with x & -x and
// OR-encode it" so synthesis gets one carry chain and shallow OR trees
// instead of an N-deep priority mux chain.
module irq_router_pick #(
    parameter int N  = 40,
    parameter int IW = (N > 1) ? $clog2(N) : 1
) (
    input  logic [N-1:0]   req,
    input  logic [2*N-1:0] prio,   // prio of entry i at [2i +: 2]
    output logic           valid,
    output logic [IW-1:0]  idx,
    output logic [N-1:0]   onehot  // the winner as a one-hot vector (0 if none)
);
    logic [N-1:0] lvl0, lvl1, lvl2, lvl3, winners, lowest;

    always_comb begin
        for (int i = 0; i < N; i++) begin
            lvl0[i] = req[i] && (prio[2*i +: 2] == 2'd0);
            lvl1[i] = req[i] && (prio[2*i +: 2] == 2'd1);
            lvl2[i] = req[i] && (prio[2*i +: 2] == 2'd2);
            lvl3[i] = req[i] && (prio[2*i +: 2] == 2'd3);
        end
        if (|lvl3)      winners = lvl3;
        else if (|lvl2) winners = lvl2;
        else if (|lvl1) winners = lvl1;
        else            winners = lvl0;

        lowest = winners & (~winners + 1'b1);
        for (int b = 0; b < IW; b++) begin
            idx[b] = 1'b0;
            for (int i = 0; i < N; i++) begin
                if (((i >> b) & 1) == 1) idx[b] = idx[b] | lowest[i];
            end
        end
        valid  = |req;
        onehot = lowest;
    end
endmodule
