# Block design for ultra96v2: the Zynq UltraScale+ PS with the board preset, the
# irq router on M_AXI_HPM0_FPD at 0xA000_0000 (128 KiB), its lines on
# pl_ps_irq0 (oob lines of CPUs 0..3 on bits 0..3, in-band lines on bits
# 4..7), then synthesis, implementation and irq_router.bit.
#
# NOT RUN IN THIS REPOSITORY'S TESTS: Vivado is not installed here and cannot
# be. Written for Vivado 2023.2 with the board files for avnet.com:ultra96v2:part0:1.2
# installed; check it on a machine with Vivado:
#
#   vivado -mode batch -source boards/ultra96v2/build_bd.tcl
#
# Output: build/ultra96v2/irq_router.bit; then
#   irqpipe bit info build/ultra96v2/irq_router.bit       (part must be xczu3eg-sbva484-1-i)
#   irqpipe bit convert --board ultra96v2 build/ultra96v2/irq_router.bit

set board      ultra96v2
set part       xczu3eg-sbva484-1-i
set board_part avnet.com:ultra96v2:part0:1.2

source [file join [file dirname [file normalize [info script]]] ../common/block_design.tcl]
