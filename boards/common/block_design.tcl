# The block design every board shares, sourced by boards/<board>/build_bd.tcl
# after it sets `board`, `part` and `board_part`: the Zynq UltraScale+ PS with
# the board preset, the irq router on M_AXI_HPM0_FPD at 0xA000_0000 (128 KiB),
# its lines on pl_ps_irq0 (oob lines of CPUs 0..3 on bits 0..3, in-band lines
# on bits 4..7), then synthesis, implementation and irq_router.bit.
#
# NOT RUN IN THIS REPOSITORY'S TESTS: Vivado is not installed here and cannot
# be. Written for Vivado 2023.2.

set here  [file dirname [file normalize [info script]]]
set build [file normalize "$here/../../build/$board"]
file mkdir $build

# 1. The router as an IP.
exec vivado -mode batch -nojournal -nolog \
    -source "$here/package_ip.tcl" -tclargs $part "$build/ip/irq_router"

# 2. Project and block design.
create_project irqpipe_$board "$build/project" -part $part -force
set_property board_part $board_part [current_project]
set_property ip_repo_paths [list "$build/ip"] [current_project]
update_ip_catalog
create_bd_design system

set ps [create_bd_cell -type ip -vlnv xilinx.com:ip:zynq_ultra_ps_e zynq_ultra_ps_e_0]
apply_bd_automation -rule xilinx.com:bd_rule:zynq_ultra_ps_e \
    -config {apply_board_preset "1"} $ps
# HPM0_FPD on (the router's window), the other masters off; PL-to-PS
# interrupt group 0 (pl_ps_irq0[7:0]) on.
set_property -dict [list \
    CONFIG.PSU__USE__M_AXI_GP0 {1} \
    CONFIG.PSU__MAXIGP0__DATA_WIDTH {32} \
    CONFIG.PSU__USE__M_AXI_GP1 {0} \
    CONFIG.PSU__USE__M_AXI_GP2 {0} \
    CONFIG.PSU__USE__IRQ0 {1} \
    CONFIG.PSU__FPGA_PL0_ENABLE {1} \
    CONFIG.PSU__CRL_APB__PL0_REF_CTRL__FREQMHZ {100}] $ps

set router [create_bd_cell -type ip -vlnv irqpipe.dev:user:irq_router:1.1 irq_router_0]
set_property -dict [list CONFIG.NSRC {32} CONFIG.NCPU {4} CONFIG.NIPI {8} CONFIG.TSW {16}] $router

apply_bd_automation -rule xilinx.com:bd_rule:axi4 -config [list \
    Master {/zynq_ultra_ps_e_0/M_AXI_HPM0_FPD} Slave {/irq_router_0/s_axil} \
    Clk_master {/zynq_ultra_ps_e_0/pl_clk0 (100 MHz)} \
    Clk_slave {/zynq_ultra_ps_e_0/pl_clk0 (100 MHz)} \
    Clk_xbar {/zynq_ultra_ps_e_0/pl_clk0 (100 MHz)} \
    intc_ip {New AXI SmartConnect} master_apm {0}] [get_bd_intf_pins irq_router_0/s_axil]
set_property offset 0xA0000000 [get_bd_addr_segs {zynq_ultra_ps_e_0/Data/SEG_irq_router_0_reg0}]
set_property range 128K        [get_bd_addr_segs {zynq_ultra_ps_e_0/Data/SEG_irq_router_0_reg0}]

# Lines -> pl_ps_irq0: In0 (bits 3:0) = oob lines, In1 (bits 7:4) = in-band.
set cat [create_bd_cell -type ip -vlnv xilinx.com:ip:xlconcat xlconcat_irq]
set_property -dict [list CONFIG.NUM_PORTS {2} CONFIG.IN0_WIDTH {4} CONFIG.IN1_WIDTH {4}] $cat
connect_bd_net [get_bd_pins irq_router_0/irq_oob_o] [get_bd_pins xlconcat_irq/In0]
connect_bd_net [get_bd_pins irq_router_0/irq_inb_o] [get_bd_pins xlconcat_irq/In1]
connect_bd_net [get_bd_pins xlconcat_irq/dout] [get_bd_pins zynq_ultra_ps_e_0/pl_ps_irq0]

# Sources: tied low here (IPIs need no pins); a design with real sources
# replaces this constant and adds their pins to a constraints file.
set zero [create_bd_cell -type ip -vlnv xilinx.com:ip:xlconstant src_none]
set_property -dict [list CONFIG.CONST_WIDTH {32} CONFIG.CONST_VAL {0}] $zero
connect_bd_net [get_bd_pins src_none/dout] [get_bd_pins irq_router_0/src_i]

validate_bd_design
save_bd_design
make_wrapper -files [get_files system.bd] -top -import
set_property top system_wrapper [current_fileset]

# 3. Bitstream.
launch_runs impl_1 -to_step write_bitstream -jobs 4
wait_on_run impl_1
if {[get_property PROGRESS [get_runs impl_1]] ne "100%"} {
    error "implementation failed; see $build/project"
}
file copy -force [glob "$build/project/irqpipe_$board.runs/impl_1/*.bit"] "$build/irq_router.bit"
puts "wrote $build/irq_router.bit"
