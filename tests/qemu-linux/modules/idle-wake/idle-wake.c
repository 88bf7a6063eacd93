// SPDX-License-Identifier: GPL-2.0
/*
 * The stall mirror's idle wake on the real router (tests/qemu-linux,
 * tests/router.rs): what Dovetail's idle gate does, done by hand on a stock
 * kernel, where the CPU's interrupt mask stands for the in-band stage.
 * CPU 0 stalls (mask + irq_router_mirror_stall(), as the patched primitive
 * does), optionally arms the wake (irq_router_mirror_idle_wake(), as the
 * patched irq_cpuidle_enter() does) and waits in WFI; router source @src,
 * routed to CPU 0's in-band stage by the test consumer, is raised at the
 * bridge's source device either before the wait or, by a thread on CPU 1,
 * during it. Then CPU 0 unstalls and unmasks, and the consumer takes the
 * event. Four rounds: {event before, event during} x {not armed, armed}.
 *
 * The test host reads what happened from the bridge's record (STALL
 * writes, the event, the in-band line of CPU 0); this module reports how
 * long each WFI lasted (virtual time, -icount shift=0: 1 ns per
 * instruction, CNTVCT at 62.5 MHz).
 */
#include <linux/atomic.h>
#include <linux/delay.h>
#include <linux/io.h>
#include <linux/irqchip/irq-router.h>
#include <linux/irqflags.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/workqueue.h>
#include <asm/barrier.h>
#include <asm/sysreg.h>

static ulong srcdev = 0xa0020000;
module_param(srcdev, ulong, 0444);
MODULE_PARM_DESC(srcdev, "physical base of the bridge's source device");
static uint src = 14;
module_param(src, uint, 0444);
MODULE_PARM_DESC(src, "router source routed to CPU 0's in-band stage");

#define SRCDEV_RAISE	0x018
#define NS_PER_TICK	16
/* Long enough for the router to log the event and settle its line. */
#define SETTLE_US	20
/* CPU 1 raises this long after CPU 0 announced its WFI. */
#define DURING_US	100

static void __iomem *raise_reg;
/* CPU 0 → CPU 1: raise the source now (1), stop (2). */
static atomic_t during_cmd = ATOMIC_INIT(0);

static u64 now_ticks(void)
{
	isb();
	return read_sysreg(cntvct_el0);
}

static int during_thread(void *unused)
{
	while (!kthread_should_stop()) {
		if (atomic_cmpxchg(&during_cmd, 1, 0) == 1) {
			udelay(DURING_US);
			writel(src, raise_reg);
		}
		cpu_relax();
	}
	return 0;
}

/* One round on CPU 0; returns the WFI's length in ns. */
static u64 idle_round(bool during, bool armed)
{
	u64 t0, t1;

	local_irq_disable();
	irq_router_mirror_stall();
	if (!during) {
		writel(src, raise_reg);
		udelay(SETTLE_US);
	}
	if (armed)
		irq_router_mirror_idle_wake();
	if (during)
		atomic_set(&during_cmd, 1);
	t0 = now_ticks();
	dsb(sy);
	wfi();
	t1 = now_ticks();
	/* A WFI ended by something else than the event: wait for the event. */
	while (during && atomic_read(&during_cmd))
		cpu_relax();
	if (during)
		udelay(DURING_US + SETTLE_US);
	irq_router_mirror_unstall();
	local_irq_enable();
	return (t1 - t0) * NS_PER_TICK;
}

static long idle_rounds(void *unused)
{
	static const char *const when[] = { "before", "during" };
	unsigned int d, a;

	for (d = 0; d < 2; d++)
		for (a = 0; a < 2; a++) {
			u64 ns = idle_round(d, a);

			pr_info("idle-wake: event %s wfi, %s: wfi lasted %llu ns\n",
				when[d], a ? "armed" : "not armed", ns);
			msleep(20);
		}
	return 0;
}

static int __init idle_wake_init(void)
{
	struct task_struct *t;

	if (!static_key_enabled(&irq_router_mirror_key)) {
		pr_err("idle-wake: the stall mirror is off (no router bound)\n");
		return -ENODEV;
	}
	raise_reg = ioremap(srcdev + SRCDEV_RAISE, 4);
	if (!raise_reg)
		return -ENOMEM;
	t = kthread_create_on_cpu(during_thread, NULL, 1, "idle-wake/%u");
	if (IS_ERR(t)) {
		iounmap(raise_reg);
		return PTR_ERR(t);
	}
	wake_up_process(t);
	work_on_cpu(0, idle_rounds, NULL);
	kthread_stop(t);
	iounmap(raise_reg);
	pr_info("idle-wake: done\n");
	return 0;
}
module_init(idle_wake_init);

/* Loaded once, removed by the test: an init that failed would be retried. */
static void __exit idle_wake_exit(void)
{
}
module_exit(idle_wake_exit);

MODULE_DESCRIPTION("irq router: the stall mirror's idle wake, by hand");
MODULE_LICENSE("GPL");
