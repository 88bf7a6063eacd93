#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Builds the irq router into a Dovetail kernel tree: applies the patch (the
# stall mirror's hooks in Dovetail's stage primitives and idle gate,
# Kconfig, Makefile) unless the tree has it already, and copies the driver
# and its two headers from linux-glue, their only home. Then configure
# with CONFIG_IRQ_ROUTER=y (and, on a Dovetail kernel,
# CONFIG_IRQ_ROUTER_STALL_MIRROR=y).
#   sh linux-glue/patches/apply.sh <kernel tree>
set -eu
tree=${1:?usage: apply.sh <kernel tree>}
glue=$(cd "$(dirname "$0")/.." && pwd)
[ -f "$tree/include/linux/irqstage.h" ] ||
	{ echo "apply.sh: $tree is not a Dovetail tree (no include/linux/irqstage.h)" >&2; exit 1; }
for p in "$glue"/patches/*.patch; do
	if git -C "$tree" apply --check "$p" 2>/dev/null; then
		git -C "$tree" apply --verbose "$p"
	elif git -C "$tree" apply --reverse --check "$p" 2>/dev/null; then
		echo "apply.sh: $(basename "$p") is applied already"
	else
		echo "apply.sh: $(basename "$p") does not apply to $tree (another version applied? start from a clean tree)" >&2
		exit 1
	fi
done
cp "$glue/driver/irq-router.c" "$tree/drivers/irqchip/irq-router.c"
cp "$glue/include/irq_router_regs.h" "$tree/drivers/irqchip/irq_router_regs.h"
cp "$glue/include/linux/irqchip/irq-router.h" "$tree/include/linux/irqchip/irq-router.h"
echo "apply.sh: irq router added to $tree"
