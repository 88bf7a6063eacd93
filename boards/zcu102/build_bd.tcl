# Block design for zcu102: the Zynq UltraScale+ PS with the board preset, the
# irq router on M_AXI_HPM0_FPD at 0xA000_0000 (128 KiB), its lines on
# pl_ps_irq0 (oob lines of CPUs 0..3 on bits 0..3, in-band lines on bits
# 4..7), then synthesis, implementation and irq_router.bit.
#
# NOT RUN IN THIS REPOSITORY'S TESTS: Vivado is not installed here and cannot
# be. Written for Vivado 2023.2 with the board files for xilinx.com:zcu102:part0:3.4
# installed; check it on a machine with Vivado:
#
#   vivado -mode batch -source boards/zcu102/build_bd.tcl
#
# Output: build/zcu102/irq_router.bit; then
#   irqpipe bit info build/zcu102/irq_router.bit       (part must be xczu9eg-ffvb1156-2-e)
#   irqpipe bit convert --board zcu102 build/zcu102/irq_router.bit

set board      zcu102
set part       xczu9eg-ffvb1156-2-e
set board_part xilinx.com:zcu102:part0:3.4

source [file join [file dirname [file normalize [info script]]] ../common/block_design.tcl]
