// One external interrupt source of the irq_router (spec §3, §4, §6):
// its configuration, edge detector, log bit, in-service bit, overrun counter
// and the timestamp of the event that set the log bit.
module irq_router_src #(
    parameter int TSW = 16
) (
    input  logic           clk,
    input  logic           rst_n,
    input  logic           src,         // the source input, synchronous
    input  logic [TSW-1:0] now,         // cycle counter, low bits
    // Effects of the executing AXI accesses, already qualified.
    input  logic           cfg_we,      // accepted SRC_CFG write
    input  logic           cfg_en, cfg_stage, cfg_trig,
    input  logic [1:0]     cfg_prio,
    input  logic [2:0]     cfg_cpu,
    input  logic           claim,       // CLAIM returned this source
    input  logic           complete,    // accepted COMPLETE of this source
    input  logic           ovr_clr,     // write to this source's OVERRUN word

    output logic           en, stage, trig,
    output logic [1:0]     prio,
    output logic [2:0]     cpu,
    output logic           pend, active,
    output logic [7:0]     ovr,
    output logic [TSW-1:0] ts
);
    logic prev, pend_d, active_d, ev, log_new, coalesced;
    logic [7:0] ovr_base;

    always_comb begin
        // A level claimed at this edge is consumed by that claim (spec §4).
        ev        = en && src && (trig ? !prev : !(active || claim));
        log_new   = ev && (!pend || claim);
        coalesced = ev && pend && !claim;
        pend_d    = log_new || (pend && !claim);
        active_d  = claim || (active && !complete);
        // A clear and an overrun at the same edge: clear first, then count.
        ovr_base  = ovr_clr ? 8'd0 : ovr;
    end

    always_ff @(posedge clk) begin
        if (!rst_n) begin
            {en, stage, trig, prio, cpu} <= '0;
            {prev, pend, active} <= '0;
            ovr <= '0;
            ts  <= '0;
        end else begin
            prev   <= src;
            pend   <= pend_d;
            active <= active_d;
            if (cfg_we) {en, stage, trig, prio, cpu} <= {cfg_en, cfg_stage, cfg_trig, cfg_prio, cfg_cpu};
            if (log_new) ts <= now;
            // Only an edge is a new event worth counting; a level that stays
            // high is one event.
            ovr <= (coalesced && trig && ovr_base != 8'hFF) ? ovr_base + 8'd1 : ovr_base;
        end
    end
endmodule
