# Block design for kv260: the Zynq UltraScale+ PS with the board preset, the
# irq router on M_AXI_HPM0_FPD at 0xA000_0000 (128 KiB), its lines on
# pl_ps_irq0 (oob lines of CPUs 0..3 on bits 0..3, in-band lines on bits
# 4..7), then synthesis, implementation and irq_router.bit.
#
# NOT RUN IN THIS REPOSITORY'S TESTS: Vivado is not installed here and cannot
# be. Written for Vivado 2023.2 with the board files for xilinx.com:kv260_som:part0:1.4
# installed; check it on a machine with Vivado:
#
#   vivado -mode batch -source boards/kv260/build_bd.tcl
#
# Output: build/kv260/irq_router.bit; then
#   irqpipe bit info build/kv260/irq_router.bit       (part must be xck26-sfvc784-2LV-c)
#   irqpipe bit convert --board kv260 build/kv260/irq_router.bit

set board      kv260
set part       xck26-sfvc784-2LV-c
set board_part xilinx.com:kv260_som:part0:1.4

source [file join [file dirname [file normalize [info script]]] ../common/block_design.tcl]
