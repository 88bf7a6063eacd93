/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Forced into the driver's compilation by the by-hand Dovetail check
 * (tests/qemu-linux/tests/dovetail.rs) on trees older than 5.17 only: the
 * three helpers the driver uses that Linux 5.13 lacks. Not part of the
 * driver; never shipped.
 */
/* The driver's own, defined before <linux/printk.h> would define another. */
#define pr_fmt(fmt) "irq-router: " fmt
#include <linux/irq.h>
#include <linux/irqdesc.h>
#include <linux/irqdomain.h>
#include <linux/pm.h>
#include <linux/version.h>

#if LINUX_VERSION_CODE < KERNEL_VERSION(5, 15, 0)
static inline int generic_handle_domain_irq(struct irq_domain *d, unsigned int hw)
{
	return generic_handle_irq(irq_find_mapping(d, hw));
}
#endif
/* As 5.17 defines them: the callbacks stay referenced without PM_SLEEP. */
#ifndef pm_sleep_ptr
#define pm_sleep_ptr(p) (IS_ENABLED(CONFIG_PM_SLEEP) ? (p) : NULL)
#endif
#ifndef NOIRQ_SYSTEM_SLEEP_PM_OPS
#define NOIRQ_SYSTEM_SLEEP_PM_OPS(s, r) \
	.suspend_noirq = pm_sleep_ptr(s), .resume_noirq = pm_sleep_ptr(r), \
	.freeze_noirq = pm_sleep_ptr(s), .thaw_noirq = pm_sleep_ptr(r), \
	.poweroff_noirq = pm_sleep_ptr(s), .restore_noirq = pm_sleep_ptr(r)
#endif
