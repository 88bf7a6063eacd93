/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Forced into the measurement build of the driver (tests/qemu-linux,
 * mirror_cost): the stall mirror compiled into a module for a stock
 * kernel, whose only missing pieces are Dovetail's stall-bit test and its
 * hard interrupt mask. On a stock kernel the in-band stage is the CPU's
 * interrupt mask; the hooks are taken as Dovetail's local_irq_*() call
 * them, with hard interrupts on (the mirror's lazy rule does not apply).
 */
#define CONFIG_IRQ_ROUTER_STALL_MIRROR 1
#define test_inband_stall() irqs_disabled()
#define hard_irqs_disabled() false
