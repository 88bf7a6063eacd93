// Claim arbiter (spec §6): among the requesting entries, the highest 2-bit
// priority wins, ties go to the lowest index.
//
// Whole-vector logic, no per-entry loop: the priority is bit-sliced (p1, p0
// per entry), the winning level is picked by four OR-reductions, and the
// lowest set bit is isolated with a log-step prefix OR instead of x & -x, so
// synthesis builds shallow LUT trees rather than an N-bit carry chain, and
// the simulator computes a few word operations per edge.
module irq_router_pick #(
    parameter int N  = 40,
    parameter int IW = (N > 1) ? $clog2(N) : 1
) (
    input  logic [N-1:0]  req,
    input  logic [N-1:0]  p1,      // priority bit 1 of each entry
    input  logic [N-1:0]  p0,      // priority bit 0 of each entry
    output logic          valid,
    output logic [IW-1:0] idx,
    output logic [N-1:0]  onehot   // the winner as a one-hot vector (0 if none)
);
    // Bit i of idx_mask(b) is bit b of i: idx[b] = |(onehot & idx_mask(b)).
    function automatic logic [N-1:0] idx_mask(input int b);
        for (int i = 0; i < N; i++) idx_mask[i] = ((i >> b) & 1) == 1;
    endfunction

    logic [N-1:0] l3, l2, l1, l0, win, below;

    always_comb begin
        l3 = req & p1 & p0;
        l2 = req & p1 & ~p0;
        l1 = req & ~p1 & p0;
        l0 = req & ~p1 & ~p0;
        if (|l3)      win = l3;
        else if (|l2) win = l2;
        else if (|l1) win = l1;
        else          win = l0;
        // below[i] = |win[i-1:0]: a prefix OR in log2(N) steps.
        below = win << 1;
        for (int s = 1; s < N; s = s * 2) below = below | (below << s);
        onehot = win & ~below;
        valid  = |req;
    end

    for (genvar b = 0; b < IW; b++) begin : g_idx
        localparam logic [N-1:0] MASK = idx_mask(b);
        assign idx[b] = |(onehot & MASK);
    end
endmodule
