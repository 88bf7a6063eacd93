// AXI4-Lite slave handshake for the irq_router (spec §9).
//
// AW (address and AWPROT[1]) and W are captured independently (either
// order); a write executes one edge after both are held and the B channel is
// free. A read executes at its AR handshake edge, so the register file must
// present read data for the *current* AR address combinationally. One read
// and one write can be in flight at once; B and R are held until the master
// accepts them. This module only does handshakes: it hands the register
// file one executing write and one executing read per edge (with their
// TrustZone state), so a second port is another instance of it.
module irq_router_axil_slave #(
    parameter int AW = 17
) (
    input  logic          clk,
    input  logic          rst_n,

    input  logic [AW-1:0] s_axil_awaddr,
    input  logic [2:0]    s_axil_awprot,
    input  logic          s_axil_awvalid,
    output logic          s_axil_awready,
    input  logic [31:0]   s_axil_wdata,
    input  logic [3:0]    s_axil_wstrb,
    input  logic          s_axil_wvalid,
    output logic          s_axil_wready,
    output logic [1:0]    s_axil_bresp,
    output logic          s_axil_bvalid,
    input  logic          s_axil_bready,
    input  logic [AW-1:0] s_axil_araddr,
    input  logic [2:0]    s_axil_arprot,
    input  logic          s_axil_arvalid,
    output logic          s_axil_arready,
    output logic [31:0]   s_axil_rdata,
    output logic [1:0]    s_axil_rresp,
    output logic          s_axil_rvalid,
    input  logic          s_axil_rready,

    // Register-file side.
    output logic          wr_exec,   // a write executes at this edge
    output logic [AW-1:0] wr_addr,
    output logic [31:0]   wr_data,
    output logic [3:0]    wr_strb,
    output logic          wr_ns,     // Non-secure: AWPROT[1] of its AW handshake
    input  logic [1:0]    wr_resp,   // response for the executing write
    output logic          rd_exec,   // a read executes at this edge
    output logic [AW-1:0] rd_addr,
    output logic          rd_ns,     // Non-secure: ARPROT[1]
    input  logic [31:0]   rd_data,   // for rd_addr, state before the edge
    input  logic [1:0]    rd_resp
);
    logic aw_full_q, w_full_q, b_valid_q, r_valid_q;
    logic [AW-1:0] aw_addr_q;
    logic aw_ns_q;
    logic [31:0] w_data_q, r_data_q;
    logic [3:0] w_strb_q;
    logic [1:0] b_resp_q, r_resp_q;

    assign s_axil_awready = !aw_full_q;
    assign s_axil_wready  = !w_full_q;
    assign s_axil_arready = !r_valid_q;
    assign s_axil_bvalid  = b_valid_q;
    assign s_axil_bresp   = b_resp_q;
    assign s_axil_rvalid  = r_valid_q;
    assign s_axil_rdata   = r_data_q;
    assign s_axil_rresp   = r_resp_q;

    assign wr_exec = aw_full_q && w_full_q && !b_valid_q;
    assign wr_addr = aw_addr_q;
    assign wr_data = w_data_q;
    assign wr_strb = w_strb_q;
    assign wr_ns   = aw_ns_q;
    assign rd_exec = s_axil_arvalid && !r_valid_q;
    assign rd_addr = s_axil_araddr;
    assign rd_ns   = s_axil_arprot[1];

    // AxPROT[0] (privileged) and AxPROT[2] (instruction) mean nothing here.
    logic unused_prot;
    assign unused_prot = ^{s_axil_awprot[2], s_axil_awprot[0], s_axil_arprot[2], s_axil_arprot[0]};

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            aw_full_q <= 1'b0;
            w_full_q  <= 1'b0;
            b_valid_q <= 1'b0;
            r_valid_q <= 1'b0;
            aw_addr_q <= '0;
            aw_ns_q   <= 1'b0;
            w_data_q  <= '0;
            w_strb_q  <= '0;
            b_resp_q  <= '0;
            r_data_q  <= '0;
            r_resp_q  <= '0;
        end else begin
            if (s_axil_awvalid && !aw_full_q) begin
                aw_full_q <= 1'b1;
                aw_addr_q <= s_axil_awaddr;
                aw_ns_q   <= s_axil_awprot[1];
            end
            if (s_axil_wvalid && !w_full_q) begin
                w_full_q <= 1'b1;
                w_data_q <= s_axil_wdata;
                w_strb_q <= s_axil_wstrb;
            end
            if (wr_exec) begin
                // aw/w cannot be captured at this edge: both were full.
                aw_full_q <= 1'b0;
                w_full_q  <= 1'b0;
                b_valid_q <= 1'b1;
                b_resp_q  <= wr_resp;
            end else if (b_valid_q && s_axil_bready) begin
                b_valid_q <= 1'b0;
            end
            if (rd_exec) begin
                r_valid_q <= 1'b1;
                r_data_q  <= rd_data;
                r_resp_q  <= rd_resp;
            end else if (r_valid_q && s_axil_rready) begin
                r_valid_q <= 1'b0;
            end
        end
    end
endmodule
