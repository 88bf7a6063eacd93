// SPDX-License-Identifier: GPL-2.0
/*
 * Test module for partitioned mode: floods interrupts while the oob core's
 * tick lateness is measured (tests/qemu-partitioned).
 *
 * It binds to the DT node "irqpipe,test-irq-flood": a spare SPI (edge),
 * the GIC distributor's registers and the oob CPU's number. On load, one
 * kthread per online CPU sets the SPI pending again and again through
 * GICD_ISPENDR, as a storming device would, and the SPI's handler counts
 * what Linux takes: an in-band interrupt flood on Linux's CPUs.
 *
 * With hostile=1 Linux aims at the oob CPU instead: the SPI is retargeted
 * there with a raw GICD_ITARGETSR write (Linux's irqchip would refuse that
 * CPU), and each kthread also raises group-1 SGI 0 and the oob core's
 * doorbell (group-0 SGI "irqpipe,oob-sgi") at it through GICD_SGIR. The oob
 * core must take the doorbells as channel work and nothing else.
 *
 * On unload it prints one line, "IRQ-FLOOD: ...", with the counts.
 */
#include <linux/cpumask.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/irq.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/platform_device.h>
#include <linux/sched.h>

#define GICD_ISPENDR	0x200
#define GICD_ITARGETSR	0x800
#define GICD_SGIR	0xf00

static bool hostile;
module_param(hostile, bool, 0444);
MODULE_PARM_DESC(hostile, "aim the flood at the oob CPU instead of Linux's");
static unsigned int irq_cpu = 1;
module_param(irq_cpu, uint, 0444);
MODULE_PARM_DESC(irq_cpu, "Linux CPU that takes the flood's SPI");

struct flood {
	void __iomem *gicd;
	unsigned int irq, hwirq, oob_cpu, oob_sgi;
	u8 linux_target;
	struct task_struct *threads[NR_CPUS];
	atomic64_t raised, handled;
};

static irqreturn_t flood_irq(int irq, void *data)
{
	struct flood *f = data;

	atomic64_inc(&f->handled);
	return IRQ_HANDLED;
}

static int flood_thread(void *data)
{
	struct flood *f = data;
	u32 pend = BIT(f->hwirq % 32);
	void __iomem *ispendr = f->gicd + GICD_ISPENDR + f->hwirq / 32 * 4;
	u32 to_oob = BIT(16 + f->oob_cpu);
	unsigned long n = 0;

	while (!kthread_should_stop()) {
		writel_relaxed(pend, ispendr);
		if (hostile) {
			writel_relaxed(to_oob | 0, f->gicd + GICD_SGIR);
			writel_relaxed(to_oob | f->oob_sgi, f->gicd + GICD_SGIR);
		}
		atomic64_inc(&f->raised);
		if (!(++n % 64))
			cond_resched();
	}
	return 0;
}

static int flood_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct resource *res;
	struct flood *f;
	unsigned int cpu;
	int ret;

	f = devm_kzalloc(dev, sizeof(*f), GFP_KERNEL);
	if (!f)
		return -ENOMEM;
	res = platform_get_resource(pdev, IORESOURCE_MEM, 0);
	if (!res)
		return -EINVAL;
	/* Not requested: the GIC driver and the channel own parts of it. */
	f->gicd = devm_ioremap(dev, res->start, resource_size(res));
	if (!f->gicd)
		return -ENOMEM;
	if (of_property_read_u32(dev->of_node, "irqpipe,oob-cpu", &f->oob_cpu) ||
	    f->oob_cpu > 7 ||
	    of_property_read_u32(dev->of_node, "irqpipe,oob-sgi", &f->oob_sgi) ||
	    f->oob_sgi > 15)
		return dev_err_probe(dev, -EINVAL, "irqpipe,oob-cpu and irqpipe,oob-sgi are required\n");
	ret = platform_get_irq(pdev, 0);
	if (ret < 0)
		return ret;
	f->irq = ret;
	f->hwirq = irqd_to_hwirq(irq_get_irq_data(f->irq));
	ret = devm_request_irq(dev, f->irq, flood_irq, 0, "irq-flood", f);
	if (ret)
		return ret;
	if (irq_cpu >= nr_cpu_ids || !cpu_online(irq_cpu))
		return dev_err_probe(dev, -EINVAL, "irq_cpu %u is not online\n", irq_cpu);
	ret = irq_set_affinity(f->irq, cpumask_of(irq_cpu));
	if (ret)
		return ret;
	f->linux_target = readb(f->gicd + GICD_ITARGETSR + f->hwirq);
	if (hostile)
		writeb(BIT(f->oob_cpu), f->gicd + GICD_ITARGETSR + f->hwirq);
	for_each_online_cpu(cpu) {
		struct task_struct *t;

		t = kthread_create_on_cpu(flood_thread, f, cpu, "irq-flood/%u");
		if (IS_ERR(t))
			return PTR_ERR(t);
		f->threads[cpu] = t;
		wake_up_process(t);
	}
	platform_set_drvdata(pdev, f);
	dev_info(dev, "flooding GIC ID %u (%s), oob CPU %u\n", f->hwirq,
		 hostile ? "at the oob CPU" : "at Linux's CPUs", f->oob_cpu);
	return 0;
}

static int flood_remove(struct platform_device *pdev)
{
	struct flood *f = platform_get_drvdata(pdev);
	unsigned int cpu;

	for_each_possible_cpu(cpu)
		if (f->threads[cpu])
			kthread_stop(f->threads[cpu]);
	/* Back to Linux's CPU: a pending SPI is then delivered and counted. */
	writeb(f->linux_target, f->gicd + GICD_ITARGETSR + f->hwirq);
	pr_info("IRQ-FLOOD: hostile=%d raised=%lld handled=%lld\n", hostile,
		atomic64_read(&f->raised), atomic64_read(&f->handled));
	return 0;
}

static const struct of_device_id flood_of_match[] = {
	{ .compatible = "irqpipe,test-irq-flood" },
	{ }
};
MODULE_DEVICE_TABLE(of, flood_of_match);

static struct platform_driver flood_driver = {
	.probe = flood_probe,
	.remove = flood_remove,
	.driver = {
		.name = "irq-flood",
		.of_match_table = flood_of_match,
	},
};
module_platform_driver(flood_driver);

MODULE_DESCRIPTION("Floods interrupts on Linux's CPUs or at the oob CPU (test)");
MODULE_LICENSE("GPL");
