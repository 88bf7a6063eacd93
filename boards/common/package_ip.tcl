# Packages hdl/rtl as a Vivado IP (irqpipe.dev:user:irq_router:1.1) with an
# AXI4-Lite slave (s_axil, AxPROT included: router 1.1 enforces TrustZone on
# it), an active-low reset (rst_n), its clock (clk), and the two vectors of
# output lines as level-high interrupt interfaces.
#
# NOT RUN IN THIS REPOSITORY'S TESTS: Vivado is not installed here and cannot
# be. Written for Vivado 2023.2 batch mode; check it on a machine with Vivado:
#
#   vivado -mode batch -source boards/common/package_ip.tcl -tclargs <part> <out-dir>
#
# The build_bd.tcl of each board calls it.

set part    [lindex $argv 0]
set ip_dir  [file normalize [lindex $argv 1]]
set here    [file dirname [file normalize [info script]]]
set rtl_dir [file normalize "$here/../../hdl/rtl"]

create_project -in_memory -part $part
# The generated package first: the other files use irq_router_regs_pkg::NAME.
add_files -norecurse [list \
    "$rtl_dir/irq_router_regs_pkg.sv" \
    "$rtl_dir/irq_router_mux.sv" \
    "$rtl_dir/irq_router_pick.sv" \
    "$rtl_dir/irq_router_satcnt.sv" \
    "$rtl_dir/irq_router_srcs.sv" \
    "$rtl_dir/irq_router_stats.sv" \
    "$rtl_dir/irq_router_addr_dec.sv" \
    "$rtl_dir/irq_router_axil_slave.sv" \
    "$rtl_dir/irq_router.sv"]
set_property file_type SystemVerilog [get_files *.sv]
set_property top irq_router [current_fileset]
update_compile_order -fileset sources_1

ipx::package_project -root_dir $ip_dir -vendor irqpipe.dev -library user \
    -taxonomy /UserIP -import_files -set_current true
set core [ipx::current_core]
set_property name         irq_router $core
set_property version      1.1 $core
set_property display_name "irqpipe interrupt router (Dovetail stages in fabric)" $core
set_property supported_families {zynquplus Production} $core

# s_axil_* follows the AXI4-Lite signal names, so Vivado infers the bus; say
# which clock and reset belong to it.
ipx::infer_bus_interfaces xilinx.com:interface:aximm_rtl:1.0 $core
ipx::associate_bus_interfaces -busif s_axil -clock clk $core
set_property value ACTIVE_LOW \
    [ipx::get_bus_parameters POLARITY -of_objects [ipx::get_bus_interfaces rst_n -of_objects $core]]

# The router's lines are levels: high while a log entry is deliverable.
foreach line {irq_oob_o irq_inb_o} {
    ipx::infer_bus_interface $line xilinx.com:signal:interrupt_rtl:1.0 $core
    set bi [ipx::get_bus_interfaces $line -of_objects $core]
    ipx::add_bus_parameter SENSITIVITY $bi
    set_property value LEVEL_HIGH [ipx::get_bus_parameters SENSITIVITY -of_objects $bi]
}

# 17 address bits: GLOBAL 0x0_0000, INBAND 0x0_8000, OOB 0x1_0000 (128 KiB).
set mm [ipx::get_memory_maps s_axil -of_objects $core]
set_property range 131072 [ipx::get_address_blocks -of_objects $mm]

# STATS and OVRW size the design (hdl/doc/spec.md §13).
foreach p {NSRC NCPU NIPI TSW STATS OVRW} {
    set_property enablement_value true [ipx::get_user_parameters $p -of_objects $core]
}

ipx::create_xgui_files $core
ipx::update_checksums $core
ipx::check_integrity $core
ipx::save_core $core
close_project
puts "packaged irq_router into $ip_dir"
