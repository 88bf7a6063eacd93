/* SPDX-License-Identifier: GPL-2.0 */
/*
 * In-band interface of the Zynq UltraScale+ irq router (linux-glue/driver).
 *
 * Hand-written; the register layout itself comes from the generated
 * <irq_router_regs.h>. These are the hooks an arm64 Dovetail kernel calls
 * to keep the in-band stage's stall bit in the router instead of in memory
 * (see linux-glue/patches/), plus the IPI path to the oob firmware.
 *
 * Every function acts on the calling CPU's in-band page and is safe to
 * call with hard interrupts on or off. Before a router is bound they only
 * track the stall state in software, so a caller never needs to test for
 * the driver first.
 */
#ifndef _LINUX_IRQCHIP_IRQ_ROUTER_H
#define _LINUX_IRQCHIP_IRQ_ROUTER_H

#include <linux/cpumask.h>
#include <linux/types.h>

/* Set the calling CPU's in-band stall bit (posted write: cheap). */
void irq_router_inband_stall(void);
/* Clear it; a non-empty log re-asserts the line, which is the replay. */
void irq_router_inband_unstall(void);
/* Stall and return the previous state; the stall has reached the router on return. */
bool irq_router_inband_test_and_stall(void);
/* The calling CPU's in-band stall state, as software last set it. */
bool irq_router_inband_stalled(void);
/* Whether the calling CPU's in-band log holds a deliverable entry. */
bool irq_router_inband_pending(void);
/*
 * Drain the calling CPU's in-band log now, with hard interrupts off and the
 * caller providing the IRQ context (Dovetail's sync_current_irq_stage()
 * does); the stall bit is left as it was.
 */
void irq_router_inband_sync(void);
/* Log oob IPI @vector in the oob stage of every CPU in @cpus. */
int irq_router_send_oob_ipi(const struct cpumask *cpus, unsigned int vector);

#endif /* _LINUX_IRQCHIP_IRQ_ROUTER_H */
