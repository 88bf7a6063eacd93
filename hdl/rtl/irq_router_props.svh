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
//   IRQR_P_NO_DELIVERY      P_no_delivery_when_stalled (spec §5, §11)
//   IRQR_P_ISOLATION        P_isolation               (spec §8)
//   IRQR_P_AXI_HOLD         P_axi_hold                (spec §9)
//   IRQR_P_STALL_OPS        P_stall_ops               (spec §5, §9, §11)
// Addresses are decoded here from the package constants, independently of
// irq_router_addr_dec: "an access to register R of page (c, s)" means the
// executing access has exactly that byte address; "Secure" means its
// AxPROT[1] is 0 (the read's ARPROT, the write's AWPROT as its AW handshake
// carried it).

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

// The CPU field of source i, from its bit slices.
function automatic logic [2:0] f_src_cpu(input int i);
    f_src_cpu = '0;
    for (int k = 0; k < CW; k++) f_src_cpu[k] = cpu_q[k*NSRC + i];
endfunction

wire unused_f_lat = ^st_lat_max_all;  // P_isolation checks the oob pages' LAT_MAX only
wire [31:0] f_raddr = 32'(s_axil_araddr);  // the executing read's address
wire [31:0] f_waddr = 32'(wr_addr);        // the executing write's address
wire        f_wfull = wr_strb == 4'hF;     // partial writes have no effect (§9)
wire        f_rsec  = rd_exec && !s_axil_arprot[1];     // a Secure read executes
wire        f_wsec  = wr_exec && !wr_ns && f_wfull;     // a full Secure write executes
wire        f_wany  = wr_exec && f_wfull;                // any full write executes

// Writes to GLOBAL register `off` executing now, Secure only or any.
function automatic logic f_gw(input logic sec, input logic [31:0] off);
    f_gw = (sec ? f_wsec : f_wany) && f_waddr == 32'(irq_router_regs_pkg::GLOBAL_BASE) + off;
endfunction

// Per (cpu, stage) pair cs = 2*c + s: which accesses execute on its page now.
// The _s forms are Secure accesses only; the rest any master's.
logic [NCS-1:0] f_rd_claim, f_rd_claim_s, f_rd_tas, f_rd_tas_s, f_wr_stall, f_wr_stall_s;
logic [NCS-1:0] f_wr_iovr_s, f_wr_latmax_s;
for (genvar cs = 0; cs < NCS; cs++) begin : g_f_cs
    wire [31:0] claim_a = f_page_reg(cs[0], 3'(cs / 2), 32'(irq_router_regs_pkg::PAGE_CLAIM_OFFSET));
    wire [31:0] tas_a   = f_page_reg(cs[0], 3'(cs / 2), 32'(irq_router_regs_pkg::PAGE_STALL_TAS_OFFSET));
    wire [31:0] stall_a = f_page_reg(cs[0], 3'(cs / 2), 32'(irq_router_regs_pkg::PAGE_STALL_OFFSET));
    assign f_rd_claim[cs]   = rd_exec && f_raddr == claim_a;
    assign f_rd_claim_s[cs] = f_rsec && f_raddr == claim_a;
    assign f_rd_tas[cs]     = rd_exec && f_raddr == tas_a;
    assign f_rd_tas_s[cs]   = f_rsec && f_raddr == tas_a;
    assign f_wr_stall[cs]   = f_wany && f_waddr == stall_a;
    assign f_wr_stall_s[cs] = f_wsec && f_waddr == stall_a;
    assign f_wr_iovr_s[cs]  = f_wsec && f_waddr == f_page_reg(cs[0], 3'(cs / 2),
                                  32'(irq_router_regs_pkg::PAGE_IPI_OVERRUN_OFFSET));
    assign f_wr_latmax_s[cs] = f_wsec && f_waddr == f_page_reg(cs[0], 3'(cs / 2),
                                  32'(irq_router_regs_pkg::PAGE_LAT_MAX_OFFSET));
end

// The decodes above and the state bits compared over an edge, as they were
// before the previous edge.
logic [NCS-1:0]      f_was_rd_tas, f_was_rd_tas_s, f_was_wr_stall, f_was_wr_stall_s;
logic [NCS-1:0]      f_was_stall, f_was_wake;
logic [1:0]          f_was_wdata_sw;  // bits STALL and WAKE of the write data
logic [NSRC-1:0]     f_was_pend;
logic [NCS*NIPI-1:0] f_was_ipend;
always @(posedge clk) begin
    f_was_rd_tas     <= f_rd_tas;
    f_was_rd_tas_s   <= f_rd_tas_s;
    f_was_wr_stall   <= f_wr_stall;
    f_was_wr_stall_s <= f_wr_stall_s;
    f_was_stall      <= stall_q;
    f_was_wake       <= wake_q;
    f_was_wdata_sw   <= {wr_data[ST_WAKE], wr_data[ST_STALL]};
    f_was_pend       <= pend_q;
    f_was_ipend      <= ipend_q;
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
        && f_raddr == f_page_reg(stage_q[i], f_src_cpu(i),
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
// P_no_delivery_when_stalled: line(c, s) = 1 implies stall(c, s) = 0 or
// wake(c, s) = 1 (the idle wake, spec §11), and the in-band line also implies
// that the oob stage of that CPU is unstalled, at all times (on the pins).
// ---------------------------------------------------------------------------
`ifdef IRQR_P_NO_DELIVERY
always @(posedge clk) begin
    if (f_reset_done) begin
        for (int c = 0; c < NCPU; c++) begin
            assert (!(irq_oob_o[c] && stall_q[2*c + 1] && !wake_q[2*c + 1]));
            assert (!(irq_inb_o[c] && ((stall_q[2*c] && !wake_q[2*c]) || stall_q[2*c + 1])));
        end
    end
end
`endif

// ---------------------------------------------------------------------------
// P_isolation: Non-secure inputs never change oob state (spec §8). Each
// clause says that a piece of oob state changes only at an edge where a
// Secure access that may change it executes (an oob IPI of an allowed vector
// being the one door the oob side opens):
//  (a) stall(c, oob): a Secure STALL write or STALL_TAS read on OOB page c;
//  (b) wake(c, oob): a Secure STALL write on OOB page c;
//  (c) a falling oob IPI log bit: a Secure CLAIM on OOB page c;
//  (d) a rising oob IPI log bit (c, v): an IPI_SEND of v to the oob stage
//      that is Secure or allowed by IPI_OOB_NS;
//  (e) a source routed to oob loses its log bit only at a Secure CLAIM on
//      its OOB page;
//  (f) ... and its active bit only at a Secure COMPLETE of its ID there;
//  (g) a source routed to oob keeps its configuration (EN, STAGE, TRIG,
//      PRIO, CPU) except at a Secure SRC_CFG write to it, and always once
//      LOCK is set (with the invariant lock_q == f_locked);
//  (h) a source becomes oob only at a Secure SRC_CFG write to it;
//  (i) the oob IPI priorities change only at a Secure IPI_PRIO_OOB or
//      IPI_PRIO_SET write;
//  (j) IPI_OOB_NS changes only at a Secure IPI_OOB_NS write;
//  (k) the lock is set only by a Secure LOCK write;
//  (l) the overrun counter of an oob source falls only at a Secure
//      OVERRUN_CLR write;
//  (m) the IPI overrun counter of OOB page c falls only at a Secure
//      IPI_OVERRUN write there;
//  (n) LAT_MAX of OOB page c falls only at a Secure LAT_MAX write there;
//  (o) ERR.DENIED falls only at a Secure ERR write;
//  (p) the Secure CYCLE_HI shadow changes only at a Secure CYCLE_LO read.
// ---------------------------------------------------------------------------
`ifdef IRQR_P_ISOLATION
logic f_locked;
always @(posedge clk) begin
    if (!rst_n) f_locked <= 1'b0;
    else if (f_gw(1'b1, 32'(irq_router_regs_pkg::GLOBAL_LOCK_OFFSET))
             && wr_data == irq_router_regs_pkg::GLOBAL_LOCK_KEY_KEY)
        f_locked <= 1'b1;
end

// Previous-edge values of the global decodes and state.
logic                f_was_lock, f_was_wr_lock_s, f_was_wr_prio_s, f_was_wr_ipins_s;
logic                f_was_wr_err_s, f_was_rd_cyclo_s, f_was_err_denied;
logic [NIPI-1:0]     f_was_ipr1, f_was_ipr0;  // the oob halves
logic [NIPI-1:0]     f_was_ipi_ns;
logic [31:0]         f_was_cyc_sh_s;
always @(posedge clk) begin
    f_was_lock        <= lock_q;
    f_was_wr_lock_s   <= f_gw(1'b1, 32'(irq_router_regs_pkg::GLOBAL_LOCK_OFFSET));
    f_was_wr_prio_s   <= f_gw(1'b1, 32'(irq_router_regs_pkg::GLOBAL_IPI_PRIO_OOB_OFFSET))
                      || f_gw(1'b1, 32'(irq_router_regs_pkg::GLOBAL_IPI_PRIO_SET_OFFSET));
    f_was_wr_ipins_s  <= f_gw(1'b1, 32'(irq_router_regs_pkg::GLOBAL_IPI_OOB_NS_OFFSET));
    f_was_wr_err_s    <= f_gw(1'b1, 32'(irq_router_regs_pkg::GLOBAL_ERR_OFFSET));
    f_was_rd_cyclo_s  <= f_rsec && f_raddr == 32'(irq_router_regs_pkg::GLOBAL_CYCLE_LO_OFFSET);
    f_was_err_denied  <= err_q[ERR_DENIED];
    f_was_ipr1        <= ipr1_q[NIPI +: NIPI];
    f_was_ipr0        <= ipr0_q[NIPI +: NIPI];
    f_was_ipi_ns      <= ipi_ns_q;
    f_was_cyc_sh_s    <= cyc_sh_s_q;
end

always @(posedge clk) begin
    if (f_reset_done) assert (lock_q == f_locked);
    if (f_prev_ok) begin
        // (i) the oob half of the IPI priorities
        if (ipr1_q[NIPI +: NIPI] != f_was_ipr1 || ipr0_q[NIPI +: NIPI] != f_was_ipr0)
            assert (f_was_wr_prio_s);
        if (ipi_ns_q != f_was_ipi_ns) assert (f_was_wr_ipins_s);                       // (j)
        if (lock_q && !f_was_lock) assert (f_was_wr_lock_s);                           // (k)
        if (f_was_err_denied && !err_q[ERR_DENIED]) assert (f_was_wr_err_s);           // (o)
        if (cyc_sh_s_q != f_was_cyc_sh_s) assert (f_was_rd_cyclo_s);                   // (p)
    end
end

for (genvar c = 0; c < NCPU; c++) begin : g_p_iso_cpu
    localparam int CS = 2*c + 1;  // the oob page of CPU c
    logic f_was_claim_s, f_was_iovr_s, f_was_latmax_s;
    logic [OVRW-1:0] f_iovr, f_was_iovr;
    logic [TSW-1:0]  f_latmax, f_was_latmax;
    always_comb begin
        for (int k = 0; k < OVRW; k++) f_iovr[k] = iovr_q[k*NCS + CS];
        f_latmax = st_lat_max_all[CS*TSW +: TSW];
    end
    always @(posedge clk) begin
        f_was_claim_s  <= f_rd_claim_s[CS];
        f_was_iovr_s   <= f_wr_iovr_s[CS];
        f_was_latmax_s <= f_wr_latmax_s[CS];
        f_was_iovr     <= f_iovr;
        f_was_latmax   <= f_latmax;
        if (f_prev_ok) begin
            if (stall_q[CS] != f_was_stall[CS])                                    // (a)
                assert (f_was_wr_stall_s[CS] || f_was_rd_tas_s[CS]);
            if (wake_q[CS] != f_was_wake[CS]) assert (f_was_wr_stall_s[CS]);       // (b)
            if (f_iovr < f_was_iovr) assert (f_was_iovr_s);                         // (m)
            if (f_latmax < f_was_latmax) assert (f_was_latmax_s);                   // (n)
        end
    end
    for (genvar v = 0; v < NIPI; v++) begin : g_vec
        // An IPI_SEND of v to the oob stage of CPU c executes, and is Secure
        // or allowed to Non-secure senders.
        wire f_send_ok = f_wany && wr_data[IPI_MASK + c] && wr_data[IPI_STAGE]
            && wr_data[IPI_VEC +: 4] == 4'(v) && (!wr_ns || ipi_ns_q[v])
            && f_waddr >= 32'(irq_router_regs_pkg::INBAND_BASE)
            && f_waddr[11:0] == 12'(irq_router_regs_pkg::PAGE_IPI_SEND_OFFSET);
        logic f_was_send_ok;
        always @(posedge clk) begin
            f_was_send_ok <= f_send_ok;
            if (f_prev_ok && f_was_ipend[CS*NIPI + v] && !ipend_q[CS*NIPI + v])
                assert (f_was_claim_s);                                             // (c)
            if (f_prev_ok && !f_was_ipend[CS*NIPI + v] && ipend_q[CS*NIPI + v])
                assert (f_was_send_ok);                                             // (d)
        end
    end
end

for (genvar i = 0; i < NSRC; i++) begin : g_p_iso_src
    wire [2:0] f_cpu = f_src_cpu(i);
    wire f_claimed_s = f_rsec && f_raddr == f_page_reg(1'b1, f_cpu,
                                 32'(irq_router_regs_pkg::PAGE_CLAIM_OFFSET));
    wire f_completed_s = f_wsec && wr_data[9:0] == 10'(i)
        && f_waddr == f_page_reg(1'b1, f_cpu, 32'(irq_router_regs_pkg::PAGE_COMPLETE_OFFSET));
    wire f_cfg_s = f_gw(1'b1, 32'(irq_router_regs_pkg::GLOBAL_SRC_CFG_OFFSET) + 32'(4 * i));
    wire f_clr_s = f_gw(1'b1, 32'(irq_router_regs_pkg::GLOBAL_OVERRUN_CLR_OFFSET) + 32'(4 * (i / 32)))
        && wr_data[i % 32];
    wire [7:0] f_cfg = {en_q[i], stage_q[i], trig_q[i], p1_q[i], p0_q[i], f_cpu};
    logic [OVRW-1:0] f_ovr;
    always_comb for (int k = 0; k < OVRW; k++) f_ovr[k] = ovr_q[k*NSRC + i];
    logic f_was_oob, f_was_pend_oob, f_was_active_oob, f_was_claimed_s, f_was_completed_s;
    logic f_was_cfg_s, f_was_clr_s, f_was_locked_oob;
    logic [7:0] f_was_cfg;
    logic [OVRW-1:0] f_was_ovr;
    always @(posedge clk) begin
        f_was_oob         <= stage_q[i];
        f_was_pend_oob    <= pend_q[i] && stage_q[i];
        f_was_active_oob  <= active_q[i] && stage_q[i];
        f_was_claimed_s   <= f_claimed_s;
        f_was_completed_s <= f_completed_s;
        f_was_cfg_s       <= f_cfg_s;
        f_was_clr_s       <= f_clr_s;
        f_was_locked_oob  <= f_locked && stage_q[i];
        f_was_cfg         <= f_cfg;
        f_was_ovr         <= f_ovr;
        if (f_prev_ok) begin
            if (f_was_pend_oob && !pend_q[i]) assert (f_was_claimed_s);              // (e)
            if (f_was_active_oob && !active_q[i]) assert (f_was_completed_s);        // (f)
            if (f_was_oob && f_cfg != f_was_cfg) assert (f_was_cfg_s);               // (g)
            if (f_was_locked_oob) assert (f_cfg == f_was_cfg);                       // (g)
            if (!f_was_oob && stage_q[i]) assert (f_was_cfg_s);                      // (h)
            if (f_was_oob && f_ovr < f_was_ovr) assert (f_was_clr_s);                // (l)
        end
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
//  - a write executes exactly when §9 says, with the address, AWPROT[1],
//    data and strobes of its own handshakes; a read executes at its AR
//    handshake.
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
logic          f_awns;
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
            f_awns    <= s_axil_awprot[1];
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
        if (f_aw_full) assert (wr_addr == f_awaddr && wr_ns == f_awns);
        if (f_w_full)  assert (wr_data == f_wdata && wr_strb == f_wstrb);
    end
    if (f_prev_ok && f_was_b_wait)
        assert (s_axil_bvalid && s_axil_bresp == f_was_bresp);
    if (f_prev_ok && f_was_r_wait)
        assert (s_axil_rvalid && s_axil_rdata == f_was_rdata && s_axil_rresp == f_was_rresp);
end
`endif

// ---------------------------------------------------------------------------
// P_stall_ops: every stall and wake bit follows its own page exactly (spec
// §5, §9, §11): reset sets stall and clears wake; a STALL_TAS read on the
// page sets stall (winning over a STALL write at the same edge); otherwise a
// STALL write on the page loads bit 0 into stall; a STALL write loads bit 1
// into wake; otherwise both keep their values. On an oob page only Secure
// accesses count (spec §8).
// ---------------------------------------------------------------------------
`ifdef IRQR_P_STALL_OPS
for (genvar cs = 0; cs < NCS; cs++) begin : g_p_stall_ops
    // Accesses that take effect on this page.
    wire f_tas = cs[0] ? f_was_rd_tas_s[cs] : f_was_rd_tas[cs];
    wire f_wr  = cs[0] ? f_was_wr_stall_s[cs] : f_was_wr_stall[cs];
    always @(posedge clk) begin
        if (f_reset_done && f_was_reset) assert (stall_q[cs] && !wake_q[cs]);
        if (f_prev_ok) begin
            assert (stall_q[cs] == (f_tas ? 1'b1 : f_wr ? f_was_wdata_sw[0] : f_was_stall[cs]));
            assert (wake_q[cs] == (f_wr ? f_was_wdata_sw[1] : f_was_wake[cs]));
        end
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
