// SPDX-License-Identifier: GPL-2.0
/*
 * irqr-consumer: a test consumer of the irq router's interrupt domain, for
 * tests/qemu-linux with the Verilated router on QEMU's bus.
 *
 * Binds "irqpipe,test-consumer" nodes whose `interrupts` name router
 * sources (interrupt-parent = the router) and whose `reg` is the router
 * bridge's source device, the stand-in for the PL peripherals that raise
 * those sources (host-tools/router-bridge/src/sources.rs). Each interrupt
 * is counted; a level-triggered one is acknowledged at the device (ACK
 * register) before the handler returns, as a real driver clears its
 * peripheral's status, so the router's COMPLETE does not log it again.
 *
 * Optional "irqpipe,affinity": one CPU node per interrupt; the consumer
 * sets each interrupt's affinity to that CPU (the router driver then
 * routes the source to that CPU's router page) and refuses to bind if it
 * cannot.
 *
 * debugfs irqr-consumer/<device>/counts: one line per interrupt,
 * "<router source> <count> <trigger: edge|level> <cpu of last call>".
 */
#include <linux/debugfs.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/irq.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/cpu.h>
#include <linux/platform_device.h>
#include <linux/property.h>
#include <linux/seq_file.h>

#define SRCDEV_ACK 0x00c

struct consumer_irq {
	struct consumer *c;
	unsigned int irq;
	unsigned long src;
	bool level;
	atomic_t count;
	int last_cpu;
};

struct consumer {
	void __iomem *dev;
	struct dentry *dir;
	unsigned int n;
	struct consumer_irq irqs[];
};

static struct dentry *consumer_root;

static irqreturn_t consumer_handler(int irq, void *data)
{
	struct consumer_irq *ci = data;

	atomic_inc(&ci->count);
	WRITE_ONCE(ci->last_cpu, smp_processor_id());
	if (ci->level)
		writel(ci->src, ci->c->dev + SRCDEV_ACK);
	return IRQ_HANDLED;
}

static int consumer_counts_show(struct seq_file *s, void *unused)
{
	struct consumer *c = s->private;
	unsigned int i;

	for (i = 0; i < c->n; i++)
		seq_printf(s, "%lu %d %s %d\n", c->irqs[i].src,
			   atomic_read(&c->irqs[i].count),
			   c->irqs[i].level ? "level" : "edge",
			   READ_ONCE(c->irqs[i].last_cpu));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(consumer_counts);

static void consumer_remove_debugfs(void *data)
{
	debugfs_remove_recursive(data);
}

/* Interrupt i goes to the CPU of the i-th node of "irqpipe,affinity". */
/*
 * Pinned through the affinity hint: irq_set_affinity() is exported to
 * modules only from Linux 5.14 on, and this consumer is also built against
 * a Dovetail 5.13 tree by hand (tests/dovetail.rs). A hint must be gone
 * before free_irq(), so clearing them is a devm action registered after
 * the requests (devm undoes in reverse).
 */
static void consumer_clear_hints(void *data)
{
	struct consumer *c = data;
	unsigned int i;

	for (i = 0; i < c->n; i++)
		irq_set_affinity_hint(c->irqs[i].irq, NULL);
}

static int consumer_set_affinity(struct device *dev, struct consumer *c)
{
	unsigned int i;
	int ret;

	ret = devm_add_action_or_reset(dev, consumer_clear_hints, c);
	if (ret)
		return ret;

	for (i = 0; i < c->n; i++) {
		struct consumer_irq *ci = &c->irqs[i];
		struct device_node *np;
		int cpu;

		np = of_parse_phandle(dev->of_node, "irqpipe,affinity", i);
		if (!np)
			return dev_err_probe(dev, -EINVAL, "no affinity for interrupt %u\n", i);
		cpu = of_cpu_node_to_id(np);
		of_node_put(np);
		if (cpu < 0 || !cpu_online(cpu))
			return dev_err_probe(dev, -EINVAL, "interrupt %u: no online CPU\n", i);
		ret = irq_set_affinity_hint(ci->irq, cpumask_of(cpu));
		if (ret)
			return dev_err_probe(dev, ret, "source %lu to CPU %d\n", ci->src, cpu);
		dev_info(dev, "source %lu on CPU %d\n", ci->src, cpu);
	}
	return 0;
}

static int consumer_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct resource *res;
	struct consumer *c;
	int n, i, ret;

	n = platform_irq_count(pdev);
	if (n <= 0)
		return dev_err_probe(dev, n ? n : -EINVAL, "no interrupts\n");
	c = devm_kzalloc(dev, struct_size(c, irqs, n), GFP_KERNEL);
	if (!c)
		return -ENOMEM;
	c->n = n;
	res = platform_get_resource(pdev, IORESOURCE_MEM, 0);
	if (!res)
		return dev_err_probe(dev, -EINVAL, "no reg\n");
	/* Not requested: the test's /init starts the load through /dev/mem. */
	c->dev = devm_ioremap(dev, res->start, resource_size(res));
	if (!c->dev)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		struct consumer_irq *ci = &c->irqs[i];
		int irq = platform_get_irq(pdev, i);

		if (irq < 0)
			return irq;
		ci->c = c;
		ci->irq = irq;
		ci->src = irqd_to_hwirq(irq_get_irq_data(irq));
		ci->level = irq_get_trigger_type(irq) & IRQ_TYPE_LEVEL_MASK;
		ci->last_cpu = -1;
		ret = devm_request_irq(dev, irq, consumer_handler, 0, dev_name(dev), ci);
		if (ret)
			return dev_err_probe(dev, ret, "request source %lu\n", ci->src);
	}
	if (device_property_present(dev, "irqpipe,affinity")) {
		ret = consumer_set_affinity(dev, c);
		if (ret)
			return ret;
	}
	c->dir = debugfs_create_dir(dev_name(dev), consumer_root);
	debugfs_create_file("counts", 0444, c->dir, c, &consumer_counts_fops);
	ret = devm_add_action_or_reset(dev, consumer_remove_debugfs, c->dir);
	if (ret)
		return ret;
	dev_info(dev, "%u router interrupts\n", n);
	return 0;
}

static const struct of_device_id consumer_of_match[] = {
	{ .compatible = "irqpipe,test-consumer" },
	{ }
};
MODULE_DEVICE_TABLE(of, consumer_of_match);

static struct platform_driver consumer_driver = {
	.probe = consumer_probe,
	.driver = {
		.name = "irqr-consumer",
		.of_match_table = consumer_of_match,
	},
};

static int __init consumer_init(void)
{
	int ret;

	consumer_root = debugfs_create_dir("irqr-consumer", NULL);
	ret = platform_driver_register(&consumer_driver);
	if (ret)
		debugfs_remove_recursive(consumer_root);
	return ret;
}
module_init(consumer_init);

static void __exit consumer_exit(void)
{
	platform_driver_unregister(&consumer_driver);
	debugfs_remove_recursive(consumer_root);
}
module_exit(consumer_exit);

MODULE_DESCRIPTION("Test consumer of the irq router's interrupt domain (zynq-irq-pipeline tests)");
MODULE_LICENSE("GPL");
