// Splits an AXI address into page and offset (spec §8, §9).
// The windows come from the SVD through irq_router_regs_pkg.
module irq_router_addr_dec #(
    parameter int NCPU = 4,
    parameter int AW   = irq_router_regs_pkg::REGMAP_ADDR_WIDTH
) (
    input  logic [AW-1:0] addr,
    output logic          glb,     // GLOBAL page
    output logic [2:0]    cpu,
    output logic          stage,   // 0 in-band, 1 oob
    output logic [11:0]   off,     // byte offset inside the page
    output logic          decerr   // selects no page
);
    localparam int unsigned STRIDE = irq_router_regs_pkg::PAGE_STRIDE;
    localparam int unsigned WINDOW = irq_router_regs_pkg::PAGE_COUNT * STRIDE;
    localparam int unsigned INB    = irq_router_regs_pkg::INBAND_BASE;
    localparam int unsigned OOB    = irq_router_regs_pkg::OOB_BASE;
    localparam int unsigned GLB    = irq_router_regs_pkg::GLOBAL_BASE;

    localparam int PAGE_BITS = $clog2(STRIDE);
    localparam int WIN_BITS  = $clog2(WINDOW);  // windows are aligned (checked by regmap-gen)

    logic [31:0] a, rel, cpu_full;
    logic in_inb, in_oob;

    always_comb begin
        a      = {{(32-AW){1'b0}}, addr};
        in_inb = (a >> WIN_BITS) == (INB >> WIN_BITS);
        in_oob = (a >> WIN_BITS) == (OOB >> WIN_BITS);
        // Offset inside the in-band or oob window: the windows are aligned
        // to their size, so a mask rather than a subtraction (no carry
        // chain on the address path). Outside both windows the CPU field
        // is meaningless (as before) and no register uses it.
        rel    = a & (WINDOW - 1);
        cpu_full = rel >> PAGE_BITS;
        cpu    = cpu_full[2:0];
        stage  = in_oob;
        off    = a[11:0];
        glb    = (a >> PAGE_BITS) == (GLB >> PAGE_BITS);
        decerr = !(glb || ((in_inb || in_oob) && cpu_full < NCPU));
    end
endmodule
