/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Forced into the measurement build of the driver (tests/qemu-linux,
 * mirror_cost): the stall mirror compiled into a module for a stock
 * kernel, whose only missing piece is Dovetail's stall-bit test. On a
 * stock kernel the in-band stage is the CPU's interrupt mask.
 */
#define CONFIG_IRQ_ROUTER_STALL_MIRROR 1
#define test_inband_stall() irqs_disabled()
