/* SPDX-License-Identifier: GPL-2.0 */
/*
 * In-band interface of the Zynq UltraScale+ irq router (linux-glue/driver).
 *
 * Hand-written; the register layout itself comes from the generated
 * <irq_router_regs.h>. Two parts:
 *
 *  - what any kernel gets from the driver, built in or as a module: the
 *    Linux IRQ of an in-band IPI vector from the firmware, and oob IPIs to
 *    the firmware;
 *  - on a Dovetail kernel, with the driver built in and
 *    CONFIG_IRQ_ROUTER_STALL_MIRROR, the stall mirror: Dovetail's in-band
 *    stall primitives (<linux/irqstage.h>, patched by linux-glue/patches)
 *    call irq_router_mirror_stall()/_unstall() so that the router holds
 *    the CPU's in-band line low while its in-band stage is stalled, and
 *    its idle gate calls irq_router_mirror_idle_wake() so that the
 *    router's log still wakes a CPU that waits for an interrupt stalled.
 */
#ifndef _LINUX_IRQCHIP_IRQ_ROUTER_H
#define _LINUX_IRQCHIP_IRQ_ROUTER_H

#include <linux/compiler.h>
#include <linux/types.h>

/*
 * The Linux IRQ of in-band IPI @vector arriving on Linux CPU @cpu, from
 * the router that serves the CPUs (the first one bound). It is a per-CPU
 * interrupt: it is only ever taken on @cpu, so request it once per CPU.
 * Process context. Returns a negative errno when no router is bound
 * (-ENODEV), @cpu owns no router line (-ENXIO) or @vector is out of range
 * (-EINVAL).
 */
int irq_router_inband_ipi(unsigned int cpu, unsigned int vector);

/*
 * Log oob IPI @vector in the oob stage of every router CPU whose bit is
 * set in @router_cpus. Router CPUs, not Linux CPUs: the firmware may run
 * on a core Linux does not know. Any context.
 */
int irq_router_send_oob_ipi(unsigned long router_cpus, unsigned int vector);

#ifdef CONFIG_IRQ_ROUTER_STALL_MIRROR
#include <linux/jump_label.h>

/* Off until the router that serves the CPUs has probed. */
DECLARE_STATIC_KEY_FALSE(irq_router_mirror_key);

/* Write @stalled to the calling CPU's in-band STALL; hard irqs off or not. */
void irq_router_mirror(bool stalled);

/* Arm the calling CPU's idle wake; hard irqs off, stage stalled. */
void irq_router_mirror_idle(void);

/*
 * Called after the in-band stall bit is set, and after it is cleared
 * (never before: see linux-glue/patches/README.md for why this order
 * survives an interrupt or NMI between the two steps).
 */
static __always_inline void irq_router_mirror_write(bool stalled)
{
	if (static_branch_unlikely(&irq_router_mirror_key))
		irq_router_mirror(stalled);
}

/*
 * Called when the idle path has decided to wait for an interrupt with the
 * in-band stage stalled: the router's log must still wake the CPU.
 */
static __always_inline void irq_router_mirror_idle_wake(void)
{
	if (static_branch_unlikely(&irq_router_mirror_key))
		irq_router_mirror_idle();
}
#else
static __always_inline void irq_router_mirror_write(bool stalled)
{
}

static __always_inline void irq_router_mirror_idle_wake(void)
{
}
#endif

static __always_inline void irq_router_mirror_stall(void)
{
	irq_router_mirror_write(true);
}

static __always_inline void irq_router_mirror_unstall(void)
{
	irq_router_mirror_write(false);
}

#endif /* _LINUX_IRQCHIP_IRQ_ROUTER_H */
