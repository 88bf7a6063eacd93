// SPDX-License-Identifier: GPL-2.0
/*
 * Test consumer of the irq router's in-band IPIs (tests/qemu-linux): on
 * load, asks irq_router_inband_ipi() for vector @vector on every online
 * CPU and requests each IRQ; its handler counts the runs and those on a
 * CPU other than the one the IRQ belongs to. On unload it reports both,
 * per CPU, to the kernel log, where the test reads them. It also reports
 * what the API answers for a bad vector and a CPU that does not exist.
 */
#include <linux/cpumask.h>
#include <linux/interrupt.h>
#include <linux/irqchip/irq-router.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/smp.h>

static unsigned int vector = 2;
module_param(vector, uint, 0444);
MODULE_PARM_DESC(vector, "in-band IPI vector to request on every CPU");

struct ipi_slot {
	unsigned int cpu;
	int irq;
	char name[24];
	unsigned long runs;
	unsigned long wrong_cpu;
};

static struct ipi_slot *slots;

static irqreturn_t ipi_consumer_handler(int irq, void *data)
{
	struct ipi_slot *slot = data;

	slot->runs++;
	if (raw_smp_processor_id() != slot->cpu)
		slot->wrong_cpu++;
	return IRQ_HANDLED;
}

static int __init ipi_consumer_init(void)
{
	unsigned int cpu;
	int ret;

	slots = kcalloc(nr_cpu_ids, sizeof(*slots), GFP_KERNEL);
	if (!slots)
		return -ENOMEM;
	pr_info("ipi-consumer: bad vector: %d, bad CPU: %d\n",
		irq_router_inband_ipi(0, 99), irq_router_inband_ipi(nr_cpu_ids, vector));
	for_each_online_cpu(cpu) {
		struct ipi_slot *slot = &slots[cpu];

		slot->cpu = cpu;
		slot->irq = irq_router_inband_ipi(cpu, vector);
		pr_info("ipi-consumer: CPU%u vector %u: irq %d\n", cpu, vector, slot->irq);
		if (slot->irq <= 0)
			continue;
		snprintf(slot->name, sizeof(slot->name), "router-ipi%u-cpu%u", vector, cpu);
		ret = request_irq(slot->irq, ipi_consumer_handler, 0, slot->name, slot);
		if (ret) {
			pr_err("ipi-consumer: CPU%u: request_irq(%d): %d\n", cpu, slot->irq, ret);
			slot->irq = ret;
		}
	}
	return 0;
}
module_init(ipi_consumer_init);

static void __exit ipi_consumer_exit(void)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu) {
		struct ipi_slot *slot = &slots[cpu];

		if (slot->irq <= 0)
			continue;
		free_irq(slot->irq, slot);
		pr_info("ipi-consumer: CPU%u irq %d runs %lu wrong-cpu %lu\n", cpu, slot->irq,
			slot->runs, slot->wrong_cpu);
	}
	kfree(slots);
}
module_exit(ipi_consumer_exit);

MODULE_DESCRIPTION("irq router in-band IPI test consumer");
MODULE_LICENSE("GPL");
