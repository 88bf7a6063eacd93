// SPDX-License-Identifier: GPL-2.0
/*
 * Cost of the irq router's stall mirror (tests/qemu-linux): instructions
 * per local_irq_save()/local_irq_restore() pair, measured under QEMU's
 * -icount shift=0, where each guest instruction advances virtual time by
 * 1 ns and CNTVCT counts that time at 62.5 MHz (16 instructions a tick).
 * Each figure is the smallest of several batches, so that a batch a timer
 * interrupt fell into does not count. Reported on load, to the kernel log.
 *
 *  plain:             the pair as this kernel has it: on a Dovetail kernel
 *                     with the mirror built in, that includes the mirror;
 *  mirror:            the pair with irq_router_mirror_stall() after the
 *                     save and irq_router_mirror_unstall() after the
 *                     restore, as the patched primitives call them: on a
 *                     stock kernel (the driver built with the mirror, see
 *                     stock-mirror.h) the native pair plus the instructions
 *                     the patch adds to Dovetail's;
 *  plain-key-off,
 *  mirror-key-off:    the same two with the mirror's static key off, as on
 *                     a kernel whose router has not probed.
 *
 * Then the module unloads itself (init returns -EAGAIN after reporting).
 */
#include <linux/irqchip/irq-router.h>
#include <linux/irqflags.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/preempt.h>
#include <asm/barrier.h>
#include <asm/sysreg.h>

#define BENCH_PAIRS	4096
#define BENCH_BATCHES	24
/* Instructions per CNTVCT tick: 1 ns each (shift=0) at 62.5 MHz. */
#define INSNS_PER_TICK	16

static u64 bench_now(void)
{
	isb();
	return read_sysreg(cntvct_el0);
}

static noinline void bench_plain(void)
{
	unsigned long flags;
	unsigned int i;

	for (i = 0; i < BENCH_PAIRS; i++) {
		local_irq_save(flags);
		local_irq_restore(flags);
	}
}

#ifdef CONFIG_IRQ_ROUTER_STALL_MIRROR
static noinline void bench_mirror(void)
{
	unsigned long flags;
	unsigned int i;

	for (i = 0; i < BENCH_PAIRS; i++) {
		local_irq_save(flags);
		irq_router_mirror_stall();
		local_irq_restore(flags);
		irq_router_mirror_unstall();
	}
}
#endif

/* Smallest batch, in thousandths of an instruction per pair. */
static u64 bench_run(void (*batch)(void))
{
	u64 best = U64_MAX, t;
	unsigned int b;

	preempt_disable();
	for (b = 0; b < BENCH_BATCHES; b++) {
		t = bench_now();
		batch();
		t = bench_now() - t;
		best = min(best, t);
	}
	preempt_enable();
	return best * INSNS_PER_TICK * 1000 / BENCH_PAIRS;
}

static void bench_report(const char *what, u64 milli)
{
	pr_info("mirror-bench: %s %llu.%03llu instructions per pair\n", what,
		milli / 1000, milli % 1000);
}

static int __init mirror_bench_init(void)
{
	bench_report("plain", bench_run(bench_plain));
#ifdef CONFIG_IRQ_ROUTER_STALL_MIRROR
	if (static_key_enabled(&irq_router_mirror_key)) {
		bench_report("mirror", bench_run(bench_mirror));
		static_branch_disable(&irq_router_mirror_key);
		bench_report("plain-key-off", bench_run(bench_plain));
		bench_report("mirror-key-off", bench_run(bench_mirror));
		static_branch_enable(&irq_router_mirror_key);
	} else {
		pr_info("mirror-bench: the mirror is off (no router bound)\n");
	}
#endif
	return -EAGAIN;
}
module_init(mirror_bench_init);

MODULE_DESCRIPTION("irq router stall mirror: instructions per irqflags pair");
MODULE_LICENSE("GPL");
