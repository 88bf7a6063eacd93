// Safety properties of irq_router, included at the end of the module body
// under `ifdef FORMAL (hdl/rtl/irq_router.sv). Immediate assertions in
// clocked always blocks, so Yosys 0.23 can prove them (hdl/formal/, run by the
// router-flow crate) and Verilator --assert can check them in simulation.
//
// Each assertion samples the values just before a rising edge. A register
// f_was_x, loaded with x at every edge, holds x as it was before the previous
// edge, so "f_was_a -> b" relates the state and inputs before edge n-1 to the
// state that edge n-1 produced (spec §2). No $past(): in Verilator 5.006 it
// samples a combinational expression after the edge's updates in some builds
// (untraced ones), so plain flops are used, with one meaning in every tool.
//
// Property groups, one proof each. By default every group is compiled in; a
// proof defines IRQR_PROPS_SELECT and the macro of the group(s) it checks.
//   IRQR_P_NO_LOSS          P_no_loss                 (spec §4-§6)
//   IRQR_P_NO_DELIVERY      P_no_delivery_when_stalled (spec §5)
//   IRQR_P_ISOLATION        P_inband_isolation        (spec §8)
//   IRQR_P_AXI_HOLD         P_axi_hold                (spec §9)
//   IRQR_P_STALL_OPS        P_stall_ops               (spec §5, §9)
// Addresses are decoded here from the package constants, independently of
// irq_router_addr_dec: "an access to register R of page (c, s)" means the
// executing access has exactly that byte address.

`ifndef IRQR_PROPS_SELECT
`define IRQR_P_NO_LOSS
`define IRQR_P_NO_DELIVERY
`define IRQR_P_ISOLATION
`define IRQR_P_AXI_HOLD
`define IRQR_P_STALL_OPS
`endif

// ---------------------------------------------------------------------------
// Common: when the sampled state is meaningful
// ---------------------------------------------------------------------------
// f_reset_done: a reset edge happened before, so the state is a reset state
// or one reached from it. f_prev_ok: in addition the previous edge was a
// normal (rst_n high) edge from such a state, so the f_was_* values are
// valid and the current state is what that edge computed.
logic f_reset_done = 1'b0;
logic f_prev_ok    = 1'b0;
logic f_was_reset;  // the previous edge was a reset edge
always @(posedge clk) begin
    if (!rst_n) f_reset_done <= 1'b1;
    f_prev_ok   <= f_reset_done && rst_n;
    f_was_reset <= !rst_n;
end

// Byte address of register `off` of the page of (cpu, stage), spec §8.
function automatic logic [31:0] f_page_reg(input logic stage, input logic [2:0] cpu,
                                           input logic [31:0] off);
    f_page_reg = (stage ? 32'(irq_router_regs_pkg::OOB_BASE) : 32'(irq_router_regs_pkg::INBAND_BASE))
               + 32'(cpu) * 32'(irq_router_regs_pkg::PAGE_STRIDE) + off;
endfunction

wire [31:0] f_raddr = 32'(s_axil_araddr);  // the executing read's address
wire [31:0] f_waddr = 32'(wr_addr);        // the executing write's address
wire        f_wfull = wr_strb == 4'hF;     // partial writes have no effect (§9)

// Per (cpu, stage) pair cs = 2*c + s: which accesses execute on its page now.
logic [NCS-1:0] f_rd_claim, f_rd_tas, f_wr_stall;
for (genvar cs = 0; cs < NCS; cs++) begin : g_f_cs
    assign f_rd_claim[cs] = rd_exec && f_raddr == f_page_reg(cs[0], 3'(cs / 2),
                                32'(irq_router_regs_pkg::PAGE_CLAIM_OFFSET));
    assign f_rd_tas[cs]   = rd_exec && f_raddr == f_page_reg(cs[0], 3'(cs / 2),
                                32'(irq_router_regs_pkg::PAGE_STALL_TAS_OFFSET));
    assign f_wr_stall[cs] = wr_exec && f_wfull && f_waddr == f_page_reg(cs[0], 3'(cs / 2),
                                32'(irq_router_regs_pkg::PAGE_STALL_OFFSET));
end

// The decodes above and the state bits compared over an edge, as they were
// before the previous edge.
logic [NCS-1:0]      f_was_rd_tas, f_was_wr_stall, f_was_stall;
logic                f_was_wdata0;
logic [NSRC-1:0]     f_was_pend;
logic [NCS*NIPI-1:0] f_was_ipend;
always @(posedge clk) begin
    f_was_rd_tas   <= f_rd_tas;
    f_was_wr_stall <= f_wr_stall;
    f_was_stall    <= stall_q;
    f_was_wdata0   <= wr_data[0];
    f_was_pend     <= pend_q;
    f_was_ipend    <= ipend_q;
end

// ---------------------------------------------------------------------------
// P_no_loss: a log bit goes from 1 to 0 only at an edge where that very entry
// is claimed: a CLAIM read executes on the page the entry belongs to and the
// arbiter picks it. Stalling, unstalling, re-routing, disabling never clear it.
// ---------------------------------------------------------------------------
`ifdef IRQR_P_NO_LOSS
for (genvar i = 0; i < NSRC; i++) begin : g_p_no_loss_src
    // CLAIM register of the page source i is routed to (before the edge).
    wire f_claimed = rd_exec && cand_onehot[i]
        && f_raddr == f_page_reg(stage_q[i], cpu_q[3*i +: 3],
                                 32'(irq_router_regs_pkg::PAGE_CLAIM_OFFSET));
    logic f_was_claimed;
    always @(posedge clk) begin
        f_was_claimed <= f_claimed;
        if (f_prev_ok && f_was_pend[i] && !pend_q[i]) assert (f_was_claimed);
    end
end
for (genvar k = 0; k < NCS * NIPI; k++) begin : g_p_no_loss_ipi
    // ipend_q[k] is vector k % NIPI of pair k / NIPI.
    wire f_claimed = f_rd_claim[k / NIPI] && cand_onehot[NSRC + k % NIPI];
    logic f_was_claimed;
    always @(posedge clk) begin
        f_was_claimed <= f_claimed;
        if (f_prev_ok && f_was_ipend[k] && !ipend_q[k]) assert (f_was_claimed);
    end
end
`endif

// ---------------------------------------------------------------------------
// P_no_delivery_when_stalled: line(c, s) = 1 implies stall(c, s) = 0, and the
// in-band line also implies that the oob stage of that CPU is unstalled, at
// all times (checked on the output pins).
// ---------------------------------------------------------------------------
`ifdef IRQR_P_NO_DELIVERY
always @(posedge clk) begin
    if (f_reset_done) begin
        for (int c = 0; c < NCPU; c++) begin
            assert (!(irq_oob_o[c] && stall_q[2*c + 1]));
            assert (!(irq_inb_o[c] && (stall_q[2*c] || stall_q[2*c + 1])));
        end
    end
end
`endif

// ---------------------------------------------------------------------------
// P_inband_isolation: nothing outside a CPU's OOB page changes its oob state.
//  (a) stall(c, oob) changes only at an edge where a STALL write or a
//      STALL_TAS read executes on OOB page c;
//  (b) an oob IPI log bit is cleared only by a CLAIM read on its OOB page;
//  (c) a source routed to oob has its active bit cleared only by a COMPLETE
//      write of its ID on its own OOB page;
//  (d) after a LOCK write with the key has executed, a source routed to oob
//      keeps its whole configuration (EN, STAGE, TRIG, PRIO, CPU).
// Strengthening invariant for (d): the RTL lock flag equals f_locked, the
// lock state computed from the executed writes (spec §8).
// ---------------------------------------------------------------------------
`ifdef IRQR_P_ISOLATION
logic f_locked;
always @(posedge clk) begin
    if (!rst_n) f_locked <= 1'b0;
    else if (wr_exec && f_wfull && f_waddr == 32'(irq_router_regs_pkg::GLOBAL_LOCK_OFFSET)
             && wr_data == irq_router_regs_pkg::GLOBAL_LOCK_KEY_KEY)
        f_locked <= 1'b1;
end

always @(posedge clk) begin
    if (f_reset_done) assert (lock_q == f_locked);
end

for (genvar c = 0; c < NCPU; c++) begin : g_p_iso_cpu
    always @(posedge clk) begin
        if (f_prev_ok && stall_q[2*c + 1] != f_was_stall[2*c + 1])
            assert (f_was_wr_stall[2*c + 1] || f_was_rd_tas[2*c + 1]);
    end
    logic f_was_claim_oob;  // a CLAIM read on OOB page c at the previous edge
    always @(posedge clk) f_was_claim_oob <= f_rd_claim[2*c + 1];
    for (genvar v = 0; v < NIPI; v++) begin : g_vec
        always @(posedge clk) begin
            if (f_prev_ok && f_was_ipend[(2*c + 1)*NIPI + v] && !ipend_q[(2*c + 1)*NIPI + v])
                assert (f_was_claim_oob);
        end
    end
end

for (genvar i = 0; i < NSRC; i++) begin : g_p_iso_src
    wire f_completed = wr_exec && f_wfull && wr_data[9:0] == 10'(i)
        && f_waddr == f_page_reg(1'b1, cpu_q[3*i +: 3],
                                 32'(irq_router_regs_pkg::PAGE_COMPLETE_OFFSET));
    wire [7:0] f_cfg = {en_q[i], stage_q[i], trig_q[i], prio_q[2*i +: 2], cpu_q[3*i +: 3]};
    logic       f_was_active_oob, f_was_completed, f_was_locked_oob;
    logic [7:0] f_was_cfg;
    always @(posedge clk) begin
        f_was_active_oob <= active_q[i] && stage_q[i];
        f_was_completed  <= f_completed;
        f_was_locked_oob <= f_locked && stage_q[i];
        f_was_cfg        <= f_cfg;
        if (f_prev_ok && f_was_active_oob && !active_q[i]) assert (f_was_completed);
        if (f_prev_ok && f_was_locked_oob) assert (f_cfg == f_was_cfg);
    end
end
`endif

// ---------------------------------------------------------------------------
// P_axi_hold: the AXI4-Lite channels follow spec §9.
//  - BVALID stays high with BRESP stable until BREADY; RVALID stays high with
//    RDATA and RRESP stable until RREADY;
//  - AWREADY, WREADY, ARREADY, BVALID, RVALID equal functions of the state
//    f_* below (a model of §9 fed from the pins), so the readies depend on
//    state only, never combinationally on an input;
//  - a write executes exactly when §9 says, with the address, data and
//    strobes of its own handshakes; a read executes at its AR handshake.
// ---------------------------------------------------------------------------
`ifdef IRQR_P_AXI_HOLD
// A response left waiting at the previous edge, and its payload then.
logic        f_was_b_wait, f_was_r_wait;
logic [1:0]  f_was_bresp, f_was_rresp;
logic [31:0] f_was_rdata;
always @(posedge clk) begin
    f_was_b_wait <= s_axil_bvalid && !s_axil_bready;
    f_was_r_wait <= s_axil_rvalid && !s_axil_rready;
    f_was_bresp  <= s_axil_bresp;
    f_was_rresp  <= s_axil_rresp;
    f_was_rdata  <= s_axil_rdata;
end
logic          f_aw_full, f_w_full, f_b_valid, f_r_valid;
logic [AW-1:0] f_awaddr;
logic [31:0]   f_wdata;
logic [3:0]    f_wstrb;
wire           f_wexec = f_aw_full && f_w_full && !f_b_valid;

always @(posedge clk) begin
    if (!rst_n) begin
        f_aw_full <= 1'b0;
        f_w_full  <= 1'b0;
        f_b_valid <= 1'b0;
        f_r_valid <= 1'b0;
    end else begin
        if (s_axil_awvalid && !f_aw_full) begin
            f_aw_full <= 1'b1;
            f_awaddr  <= s_axil_awaddr;
        end
        if (s_axil_wvalid && !f_w_full) begin
            f_w_full <= 1'b1;
            f_wdata  <= s_axil_wdata;
            f_wstrb  <= s_axil_wstrb;
        end
        if (f_wexec) begin
            f_aw_full <= 1'b0;
            f_w_full  <= 1'b0;
            f_b_valid <= 1'b1;
        end else if (s_axil_bready) begin
            f_b_valid <= 1'b0;
        end
        if (s_axil_arvalid && !f_r_valid) f_r_valid <= 1'b1;
        else if (s_axil_rready)           f_r_valid <= 1'b0;
    end
end

always @(posedge clk) begin
    if (f_reset_done) begin
        assert (s_axil_awready == !f_aw_full);
        assert (s_axil_wready  == !f_w_full);
        assert (s_axil_arready == !f_r_valid);
        assert (s_axil_bvalid  == f_b_valid);
        assert (s_axil_rvalid  == f_r_valid);
        assert (wr_exec == f_wexec);
        assert (rd_exec == (s_axil_arvalid && !f_r_valid));
        if (f_aw_full) assert (wr_addr == f_awaddr);
        if (f_w_full)  assert (wr_data == f_wdata && wr_strb == f_wstrb);
    end
    if (f_prev_ok && f_was_b_wait)
        assert (s_axil_bvalid && s_axil_bresp == f_was_bresp);
    if (f_prev_ok && f_was_r_wait)
        assert (s_axil_rvalid && s_axil_rdata == f_was_rdata && s_axil_rresp == f_was_rresp);
end
`endif

// ---------------------------------------------------------------------------
// P_stall_ops: every stall bit follows its own page exactly (spec §5, §9):
// reset sets it; a STALL_TAS read on the page sets it (and wins over a STALL
// write at the same edge); otherwise a STALL write on the page loads bit 0 of
// its data; otherwise it keeps its value.
// ---------------------------------------------------------------------------
`ifdef IRQR_P_STALL_OPS
for (genvar cs = 0; cs < NCS; cs++) begin : g_p_stall_ops
    always @(posedge clk) begin
        if (f_reset_done && f_was_reset) assert (stall_q[cs]);
        if (f_prev_ok)
            assert (stall_q[cs] == (f_was_rd_tas[cs] ? 1'b1
                                    : f_was_wr_stall[cs] ? f_was_wdata0 : f_was_stall[cs]));
    end
end
`endif

`ifndef IRQR_PROPS_SELECT
`undef IRQR_P_NO_LOSS
`undef IRQR_P_NO_DELIVERY
`undef IRQR_P_ISOLATION
`undef IRQR_P_AXI_HOLD
`undef IRQR_P_STALL_OPS
`endif
