// SPDX-License-Identifier: GPL-2.0
/*
 * Zynq UltraScale+ irq router: in-band (Linux) side.
 *
 * The router lives in the PL. It keeps, per CPU and per stage (oob,
 * in-band), a log of pending events and a stall bit, and raises one line
 * per (CPU, stage) while the log is non-empty and the stage unstalled.
 * The oob lines go to the firmware core; the in-band line of each CPU is a
 * GIC SPI that Linux handles here. Linux only ever maps the GLOBAL page
 * and the in-band window: the oob pages are not ours to touch.
 *
 * What this driver provides:
 *  - an irq_domain whose hwirqs are the router's claim IDs: sources
 *    0..NSRC-1, and in-band IPI vectors at IRQ_ROUTER_PAGE_CLAIM_ID_IPI_BASE + v;
 *  - a chained handler per in-band line: claim, dispatch, complete;
 *  - the in-band stall backend of <linux/irqchip/irq-router.h>;
 *  - oob IPIs to the firmware, and debugfs statistics.
 *
 * Behaviour of the hardware: hdl/doc/spec.md; registers: the generated
 * irq_router_regs.h.
 */

#define pr_fmt(fmt) "irq-router: " fmt

#include <linux/bitfield.h>
#include <linux/cpuhotplug.h>
#include <linux/cpumask.h>
#include <linux/debugfs.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/irq.h>
#include <linux/irqchip/chained_irq.h>
#include <linux/irqchip/irq-router.h>
#include <linux/irqdomain.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/percpu.h>
#include <linux/platform_device.h>
#include <linux/rcupdate.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/uaccess.h>

#include "irq_router_regs.h"

#define ROUTER_ID_NONE		IRQ_ROUTER_PAGE_CLAIM_ID_NONE
#define ROUTER_ID_IPI_BASE	IRQ_ROUTER_PAGE_CLAIM_ID_IPI_BASE
#define ROUTER_NR_HIST		IRQ_ROUTER_PAGE_HIST_COUNT

/*
 * Claims per entry of the chained handler. A router that keeps answering
 * (a stuck level source, or a PL that is not a router) must not hold the
 * CPU forever: after this many we return, and the still-asserted line
 * brings us back after the GIC has had a chance to run anything else.
 */
#define ROUTER_CLAIM_BUDGET	32

struct router_line_stats {
	unsigned long entries;	/* chained handler runs */
	unsigned long claims;	/* IDs dispatched */
	unsigned long none;	/* entries whose first claim found nothing */
	unsigned long spurious;	/* IDs no Linux IRQ was mapped to, or invalid */
	unsigned long deferred;	/* entries taken while the stage was stalled */
	unsigned long budget;	/* entries that hit ROUTER_CLAIM_BUDGET */
};

struct irq_router;

/* One CPU's in-band interface: its page and the GIC SPI of its line. */
struct router_line {
	struct irq_router *rt;
	void __iomem *page;
	unsigned int cpu;
	int parent_irq;
	struct router_line_stats stats;
	/* Per-source dispatch counts; only this line's handler writes them. */
	unsigned long *src_count;
};

struct irq_router {
	struct device *dev;
	void __iomem *global;
	void __iomem *inband;
	struct irq_domain *domain;
	unsigned int nsrc, ncpu, nipi, tsw;
	u32 version;
	unsigned int nlines;
	struct dentry *debugfs;
	struct hlist_node cpuhp_node;
	struct router_line lines[IRQ_ROUTER_PAGE_COUNT];
};

/*
 * The router that holds the in-band stall bits; NULL until one probes.
 * Readers run with hard interrupts off, which RCU counts as a read-side
 * section, so teardown clears it and waits for a grace period. No
 * rcu_read_lock() on these paths: on Dovetail they sit under
 * local_irq_*(), which rcu_read_unlock() may call back into.
 */
static struct irq_router *inband_router;

/*
 * Software copy of this CPU's in-band stall bit. It is the authority on
 * whether in-band handlers may run now; the router's bit only decides
 * whether the line may be raised. See irq_router_inband_stall().
 */
static DEFINE_PER_CPU(unsigned int, inband_stalled);

static struct dentry *router_debugfs_root;
static enum cpuhp_state router_cpuhp_state;

/* Hard (CPU) interrupt masking; on Dovetail the plain ops are virtual. */
static __always_inline unsigned long router_hard_save(void)
{
	unsigned long flags;

#ifdef CONFIG_IRQ_PIPELINE
	flags = hard_local_irq_save();
#else
	local_irq_save(flags);
#endif
	return flags;
}

static __always_inline void router_hard_restore(unsigned long flags)
{
#ifdef CONFIG_IRQ_PIPELINE
	hard_local_irq_restore(flags);
#else
	local_irq_restore(flags);
#endif
}

static __always_inline bool router_hard_irqs_disabled(void)
{
#ifdef CONFIG_IRQ_PIPELINE
	return hard_irqs_disabled();
#else
	return irqs_disabled();
#endif
}

static inline struct router_line *router_this_line(struct irq_router *rt)
{
	/* Callers hold hard irqs off, so the CPU cannot change under us. */
	unsigned int cpu = raw_smp_processor_id();

	return cpu < rt->nlines ? &rt->lines[cpu] : NULL;
}

static inline void __iomem *router_page(struct irq_router *rt, unsigned int cpu)
{
	return rt->inband + cpu * IRQ_ROUTER_PAGE_STRIDE;
}

/* ---- sources: the irq_chip ------------------------------------------ */

/*
 * Clears the bits `clear` and sets the bits `set` of a source's SRC_CFG in
 * one masked write (interface 1.1): the write-enable of every field it
 * touches is set, so the other fields keep whatever they hold, no read and
 * no lock are needed, and a field the firmware changed meanwhile is never
 * put back. Linux owns in-band sources only; the router refuses (and flags
 * ERR.DENIED for) a Non-secure write to a source the oob stage owns, or one
 * that would set STAGE=oob, which this never writes.
 */
static void router_cfg_update(struct irq_router *rt, unsigned int src,
			      u32 clear, u32 set)
{
	u32 touched = clear | set, we = 0;

	if (touched & IRQ_ROUTER_GLOBAL_SRC_CFG_EN_MASK)
		we |= IRQ_ROUTER_GLOBAL_SRC_CFG_WE_EN_MASK;
	if (touched & IRQ_ROUTER_GLOBAL_SRC_CFG_TRIG_MASK)
		we |= IRQ_ROUTER_GLOBAL_SRC_CFG_WE_TRIG_MASK;
	if (touched & IRQ_ROUTER_GLOBAL_SRC_CFG_PRIO_MASK)
		we |= IRQ_ROUTER_GLOBAL_SRC_CFG_WE_PRIO_MASK;
	if (touched & IRQ_ROUTER_GLOBAL_SRC_CFG_CPU_MASK)
		we |= IRQ_ROUTER_GLOBAL_SRC_CFG_WE_CPU_MASK;
	if (!we)
		return;
	writel_relaxed(we | (set & ~IRQ_ROUTER_GLOBAL_SRC_CFG_STAGE_MASK),
		       rt->global + IRQ_ROUTER_GLOBAL_SRC_CFG(src));
}

static void router_src_mask(struct irq_data *d)
{
	struct irq_router *rt = irq_data_get_irq_chip_data(d);

	/* A disabled source keeps its pending bit; unmasking delivers it. */
	router_cfg_update(rt, irqd_to_hwirq(d), IRQ_ROUTER_GLOBAL_SRC_CFG_EN_MASK, 0);
}

static void router_src_unmask(struct irq_data *d)
{
	struct irq_router *rt = irq_data_get_irq_chip_data(d);

	router_cfg_update(rt, irqd_to_hwirq(d), 0, IRQ_ROUTER_GLOBAL_SRC_CFG_EN_MASK);
}

static void router_src_eoi(struct irq_data *d)
{
	struct irq_router *rt = irq_data_get_irq_chip_data(d);
	unsigned int src = irqd_to_hwirq(d);
	/* Our record of SRC_CFG.CPU: no bus read on the hot path. */
	unsigned int cpu = cpumask_first(irq_data_get_effective_affinity_mask(d));

	/*
	 * COMPLETE is only accepted on the page the source is routed to now,
	 * which is what the effective affinity records; set_affinity changes
	 * both under the descriptor lock that we hold here too.
	 */
	writel(src, router_page(rt, cpu) + IRQ_ROUTER_PAGE_COMPLETE_OFFSET);
}

static int router_src_set_type(struct irq_data *d, unsigned int type)
{
	struct irq_router *rt = irq_data_get_irq_chip_data(d);
	unsigned int src = irqd_to_hwirq(d);
	u32 trig;

	/* The router detects rising edges and high levels, nothing else. */
	switch (type & IRQ_TYPE_SENSE_MASK) {
	case IRQ_TYPE_EDGE_RISING:
		trig = IRQ_ROUTER_GLOBAL_SRC_CFG_TRIG_EDGE;
		break;
	case IRQ_TYPE_LEVEL_HIGH:
		trig = IRQ_ROUTER_GLOBAL_SRC_CFG_TRIG_LEVEL;
		break;
	default:
		return -EINVAL;
	}
	router_cfg_update(rt, src, IRQ_ROUTER_GLOBAL_SRC_CFG_TRIG_MASK,
			  FIELD_PREP(IRQ_ROUTER_GLOBAL_SRC_CFG_TRIG_MASK, trig));
	return IRQ_SET_MASK_OK;
}

#ifdef CONFIG_SMP
static int router_src_set_affinity(struct irq_data *d, const struct cpumask *mask,
				   bool force)
{
	struct irq_router *rt = irq_data_get_irq_chip_data(d);
	unsigned int cpu;

	/* Only CPUs whose in-band line we handle (0..nlines-1) can receive a source. */
	cpu = cpumask_first_and(mask, force ? cpu_possible_mask : cpu_online_mask);
	if (cpu >= rt->nlines)
		return -EINVAL;

	/* The router moves a pending event with the source (spec §3). */
	router_cfg_update(rt, irqd_to_hwirq(d), IRQ_ROUTER_GLOBAL_SRC_CFG_CPU_MASK,
			  FIELD_PREP(IRQ_ROUTER_GLOBAL_SRC_CFG_CPU_MASK, cpu));
	irq_data_update_effective_affinity(d, cpumask_of(cpu));
	return IRQ_SET_MASK_OK_DONE;
}
#endif

/*
 * A requested IRQ pins the module: the domain and its descriptors must
 * outlive every handler a consumer installed.
 */
static int router_request_resources(struct irq_data *d)
{
	return try_module_get(THIS_MODULE) ? 0 : -ENODEV;
}

static void router_release_resources(struct irq_data *d)
{
	module_put(THIS_MODULE);
}

#ifdef CONFIG_IRQ_PIPELINE
#define ROUTER_CHIP_FLAGS	(IRQCHIP_SKIP_SET_WAKE | IRQCHIP_PIPELINE_SAFE)
#else
#define ROUTER_CHIP_FLAGS	IRQCHIP_SKIP_SET_WAKE
#endif

static struct irq_chip router_src_chip = {
	.name			= "irq-router",
	.irq_mask		= router_src_mask,
	.irq_unmask		= router_src_unmask,
	.irq_eoi		= router_src_eoi,
	.irq_set_type		= router_src_set_type,
#ifdef CONFIG_SMP
	.irq_set_affinity	= router_src_set_affinity,
#endif
	.irq_request_resources	= router_request_resources,
	.irq_release_resources	= router_release_resources,
	.flags			= ROUTER_CHIP_FLAGS,
};

/*
 * In-band IPI vectors from the firmware. The router cannot mask them and a
 * claim already consumed the event, so there is nothing to ack; the edge
 * flow reruns the handler if the vector arrives on two CPUs at once.
 * (Per-CPU "devid" IRQs would fit better but their helpers are not
 * exported to modules.)
 */
static void router_ipi_noop(struct irq_data *d)
{
}

static struct irq_chip router_ipi_chip = {
	.name			= "irq-router-ipi",
	.irq_ack		= router_ipi_noop,
	.irq_mask		= router_ipi_noop,
	.irq_unmask		= router_ipi_noop,
	.irq_request_resources	= router_request_resources,
	.irq_release_resources	= router_release_resources,
	.flags			= ROUTER_CHIP_FLAGS,
};

static bool router_id_is_src(struct irq_router *rt, irq_hw_number_t id)
{
	return id < rt->nsrc;
}

static bool router_id_is_ipi(struct irq_router *rt, irq_hw_number_t id)
{
	return id >= ROUTER_ID_IPI_BASE && id < ROUTER_ID_IPI_BASE + rt->nipi;
}

static int router_domain_map(struct irq_domain *domain, unsigned int virq,
			     irq_hw_number_t hw)
{
	struct irq_router *rt = domain->host_data;
	u32 cfg;

	if (router_id_is_ipi(rt, hw)) {
		irq_set_chip_and_handler(virq, &router_ipi_chip, handle_edge_irq);
		irq_set_chip_data(virq, rt);
		irq_set_noprobe(virq);
		return 0;
	}
	if (!router_id_is_src(rt, hw))
		return -EINVAL;

	cfg = readl_relaxed(rt->global + IRQ_ROUTER_GLOBAL_SRC_CFG(hw));
	if (FIELD_GET(IRQ_ROUTER_GLOBAL_SRC_CFG_STAGE_MASK, cfg) ==
	    IRQ_ROUTER_GLOBAL_SRC_CFG_STAGE_OOB) {
		dev_err(rt->dev, "source %lu is routed to the oob stage; Linux may not use it\n",
			hw);
		return -EPERM;
	}

	/*
	 * Start disabled, on CPU0, which always has a line; the core then
	 * applies the default affinity through set_affinity at startup.
	 */
	router_cfg_update(rt, hw, IRQ_ROUTER_GLOBAL_SRC_CFG_EN_MASK |
			  IRQ_ROUTER_GLOBAL_SRC_CFG_CPU_MASK, 0);

	irq_set_chip_and_handler(virq, &router_src_chip, handle_fasteoi_irq);
	irq_set_chip_data(virq, rt);
	irq_set_noprobe(virq);
	irq_data_update_effective_affinity(irq_get_irq_data(virq), cpumask_of(0));
	return 0;
}

static void router_domain_unmap(struct irq_domain *domain, unsigned int virq)
{
	struct irq_router *rt = domain->host_data;
	irq_hw_number_t hw = irqd_to_hwirq(irq_get_irq_data(virq));

	if (router_id_is_src(rt, hw))
		router_cfg_update(rt, hw, IRQ_ROUTER_GLOBAL_SRC_CFG_EN_MASK, 0);
	irq_set_chip_and_handler(virq, NULL, NULL);
	irq_set_chip_data(virq, NULL);
}

static int router_domain_xlate(struct irq_domain *domain, struct device_node *node,
			       const u32 *spec, unsigned int size,
			       irq_hw_number_t *hwirq, unsigned int *type)
{
	struct irq_router *rt = domain->host_data;

	if (size != 2)
		return -EINVAL;
	if (router_id_is_src(rt, spec[0])) {
		*type = spec[1] & IRQ_TYPE_SENSE_MASK;
		if (*type != IRQ_TYPE_EDGE_RISING && *type != IRQ_TYPE_LEVEL_HIGH) {
			pr_err("%pOF: source %u: trigger type %u unsupported (rising edge or high level only)\n",
			       node, spec[0], spec[1]);
			return -EINVAL;
		}
	} else if (router_id_is_ipi(rt, spec[0])) {
		*type = IRQ_TYPE_NONE;
	} else {
		pr_err("%pOF: interrupt %#x names no source (0..%u) nor IPI vector (%#x..%#x)\n",
		       node, spec[0], rt->nsrc - 1, ROUTER_ID_IPI_BASE,
		       ROUTER_ID_IPI_BASE + rt->nipi - 1);
		return -EINVAL;
	}
	*hwirq = spec[0];
	return 0;
}

static const struct irq_domain_ops router_domain_ops = {
	.map	= router_domain_map,
	.unmap	= router_domain_unmap,
	.xlate	= router_domain_xlate,
};

/* ---- the in-band lines ---------------------------------------------- */

/*
 * Claim and dispatch until the log is empty or the budget is spent.
 * Called with hard interrupts off, on the CPU owning @line in the normal
 * case. Returns the number of claims.
 */
static unsigned int router_drain(struct router_line *line)
{
	struct irq_router *rt = line->rt;
	unsigned int n;
	u32 id;

	for (n = 0; n < ROUTER_CLAIM_BUDGET; n++) {
		/* readl: the handler must see data written before the event. */
		id = readl(line->page + IRQ_ROUTER_PAGE_CLAIM_OFFSET) &
		     IRQ_ROUTER_PAGE_CLAIM_ID_MASK;
		if (id == ROUTER_ID_NONE)
			return n;
		line->stats.claims++;
		if (router_id_is_src(rt, id)) {
			line->src_count[id]++;
		} else if (!router_id_is_ipi(rt, id)) {
			/* Not an ID this router can return: count, never loop on it. */
			line->stats.spurious++;
			continue;
		}
		if (generic_handle_domain_irq(rt->domain, id)) {
			line->stats.spurious++;
			/*
			 * Nobody maps this source: complete it ourselves, or a
			 * level source would stay active (and silent) forever.
			 */
			if (router_id_is_src(rt, id))
				writel(id, line->page + IRQ_ROUTER_PAGE_COMPLETE_OFFSET);
		}
	}
	line->stats.budget++;
	return n;
}

static void router_line_handler(struct irq_desc *desc)
{
	struct router_line *line = irq_desc_get_handler_data(desc);
	struct irq_chip *chip = irq_desc_get_chip(desc);

	chained_irq_enter(chip, desc);
	line->stats.entries++;
	if (unlikely(__this_cpu_read(inband_stalled))) {
		struct router_line *mine = router_this_line(line->rt);

		/*
		 * The late interrupt of irq_router_inband_stall(): software has
		 * stalled the stage, so leave the event in the router's log,
		 * where the unstall replays it. If our page still reads open,
		 * the stall write is in flight (or the stall predates this
		 * router): write it again so the line drops. Until it has, the
		 * GIC may bring us back here, and we defer again: bounded by
		 * the bus, never a claim.
		 */
		line->stats.deferred++;
		if (mine && !(readl(mine->page + IRQ_ROUTER_PAGE_STALL_OFFSET) &
			      IRQ_ROUTER_PAGE_STALL_STALL_MASK))
			writel(1, mine->page + IRQ_ROUTER_PAGE_STALL_OFFSET);
	} else if (!router_drain(line)) {
		/* Raised, but nothing to claim by the time we looked. */
		line->stats.none++;
	}
	chained_irq_exit(chip, desc);
}

/* ---- the in-band stall backend ------------------------------------------ */

/*
 * The stall bit has two copies: the per-CPU software one (inband_stalled)
 * and the router's STALL register of this CPU's in-band page. Software is
 * the authority; the router's copy only keeps the line down so that
 * events wait in its log at no CPU cost.
 *
 * The race. A stall is a posted write: the CPU goes on as soon as the
 * store leaves it, and the router executes it some bus cycles later. If
 * the log is non-empty and the line high, the GIC may deliver the
 * interrupt after local_irq_disable() "returned": before the router
 * executes the write, or after it but before the line's fall has reached
 * the GIC and the CPU. Making the write non-posted (nGnRnE plus a DSB)
 * would cost a bus round trip on every local_irq_disable() and still
 * leave the GIC's latency. Instead:
 *   - stall sets the software bit first, then posts the write;
 *   - the line handler checks the software bit on entry and, if set,
 *     neither claims nor dispatches: the event stays logged in the router
 *     and nothing is lost or run early (router_line_handler());
 *   - unstall clears the router's bit last, so a line can only rise once
 *     software already allows handlers; if the log is non-empty the line
 *     rises in a fixed number of cycles (spec §5), which is the replay.
 * Both copies are changed with hard interrupts off, so the CPU, and hence
 * the page, cannot change under us.
 */
void irq_router_inband_stall(void)
{
	struct irq_router *rt;
	struct router_line *line;
	unsigned long flags;

	flags = router_hard_save();
	__this_cpu_write(inband_stalled, 1);
	barrier();	/* the handler must see the bit before the write can matter */
	rt = READ_ONCE(inband_router);
	line = rt ? router_this_line(rt) : NULL;
	if (line)
		writel_relaxed(1, line->page + IRQ_ROUTER_PAGE_STALL_OFFSET);
	router_hard_restore(flags);
}
EXPORT_SYMBOL_GPL(irq_router_inband_stall);

void irq_router_inband_unstall(void)
{
	struct irq_router *rt;
	struct router_line *line;
	unsigned long flags;

	flags = router_hard_save();
	__this_cpu_write(inband_stalled, 0);
	barrier();
	rt = READ_ONCE(inband_router);
	line = rt ? router_this_line(rt) : NULL;
	if (line)
		writel_relaxed(0, line->page + IRQ_ROUTER_PAGE_STALL_OFFSET);
	router_hard_restore(flags);
}
EXPORT_SYMBOL_GPL(irq_router_inband_unstall);

bool irq_router_inband_test_and_stall(void)
{
	struct irq_router *rt;
	struct router_line *line;
	unsigned long flags;
	bool was;

	flags = router_hard_save();
	was = __this_cpu_read(inband_stalled);
	__this_cpu_write(inband_stalled, 1);
	barrier();
	rt = READ_ONCE(inband_router);
	line = rt ? router_this_line(rt) : NULL;
	/*
	 * STALL_TAS is a read, so unlike stall() it returns only once the
	 * router has stalled the stage: callers that need the line down now
	 * pay one bus round trip for it.
	 */
	if (line)
		readl(line->page + IRQ_ROUTER_PAGE_STALL_TAS_OFFSET);
	router_hard_restore(flags);
	return was;
}
EXPORT_SYMBOL_GPL(irq_router_inband_test_and_stall);

bool irq_router_inband_stalled(void)
{
	return raw_cpu_read(inband_stalled);
}
EXPORT_SYMBOL_GPL(irq_router_inband_stalled);

bool irq_router_inband_pending(void)
{
	struct irq_router *rt;
	struct router_line *line;
	unsigned long flags;
	bool pending = false;

	flags = router_hard_save();
	rt = READ_ONCE(inband_router);
	line = rt ? router_this_line(rt) : NULL;
	if (line)
		pending = readl_relaxed(line->page + IRQ_ROUTER_PAGE_STATUS_OFFSET) &
			  IRQ_ROUTER_PAGE_STATUS_DELIVERABLE_MASK;
	router_hard_restore(flags);
	return pending;
}
EXPORT_SYMBOL_GPL(irq_router_inband_pending);

void irq_router_inband_sync(void)
{
	struct irq_router *rt;
	struct router_line *line;

	/* Dovetail syncs with hard irqs off; anything else is a caller bug. */
	if (WARN_ON_ONCE(!router_hard_irqs_disabled()))
		return;
	rt = READ_ONCE(inband_router);
	line = rt ? router_this_line(rt) : NULL;
	if (line)
		router_drain(line);
}
EXPORT_SYMBOL_GPL(irq_router_inband_sync);

/* Router CPU c is Linux CPU c: the ZynqMP A53s are numbered by MPIDR.Aff0. */
static int router_send_oob_ipi(struct irq_router *rt, u32 mask, unsigned int vector)
{
	/* The router would reject these too, but only by a flag in ERR. */
	if (vector >= rt->nipi || mask >= BIT(rt->ncpu))
		return -EINVAL;
	if (!mask)
		return 0;
	/* Any in-band page may send; the write is checked again by the router. */
	writel(FIELD_PREP(IRQ_ROUTER_PAGE_IPI_SEND_CPUMASK_MASK, mask) |
	       FIELD_PREP(IRQ_ROUTER_PAGE_IPI_SEND_VECTOR_MASK, vector) |
	       FIELD_PREP(IRQ_ROUTER_PAGE_IPI_SEND_STAGE_MASK,
			  IRQ_ROUTER_PAGE_IPI_SEND_STAGE_OOB),
	       rt->lines[0].page + IRQ_ROUTER_PAGE_IPI_SEND_OFFSET);
	return 0;
}

int irq_router_send_oob_ipi(const struct cpumask *cpus, unsigned int vector)
{
	struct irq_router *rt;
	unsigned int cpu;
	u32 mask = 0;
	int ret = -ENODEV;

	unsigned long flags;

	for_each_cpu(cpu, cpus) {
		if (cpu >= IRQ_ROUTER_PAGE_COUNT)
			return -EINVAL;
		mask |= BIT(cpu);
	}
	flags = router_hard_save();
	rt = READ_ONCE(inband_router);
	if (rt)
		ret = router_send_oob_ipi(rt, mask, vector);
	router_hard_restore(flags);
	return ret;
}
EXPORT_SYMBOL_GPL(irq_router_send_oob_ipi);

#ifdef ARM64_INBAND_STALL_HOOK
/*
 * A Dovetail arm64 kernel with linux-glue/patches applied: arch_local_irq_*()
 * mirror the in-band stall bit through this hook. The arch side pins the
 * module from here on, since it cannot prove a CPU is not about to call us.
 */
static const struct inband_stall_hook router_stall_hook = {
	.stall		= irq_router_inband_stall,
	.unstall	= irq_router_inband_unstall,
	.owner		= THIS_MODULE,
};

static int router_hook_irqflags(struct irq_router *rt)
{
	int ret = register_inband_stall_hook(&router_stall_hook);

	if (ret)
		return dev_err_probe(rt->dev, ret, "cannot hook the in-band irqflags\n");
	dev_info(rt->dev, "in-band stall bits now mirrored into the router\n");
	return 0;
}
#else
static int router_hook_irqflags(struct irq_router *rt)
{
	return 0;
}
#endif

/* ---- debugfs ----------------------------------------------------------- */

static int router_sources_show(struct seq_file *s, void *unused)
{
	struct irq_router *rt = s->private;
	unsigned int src, l;

	seq_puts(s, "src en stage  trig  prio cpu pend active   count overrun\n");
	for (src = 0; src < rt->nsrc; src++) {
		u32 cfg = readl_relaxed(rt->global + IRQ_ROUTER_GLOBAL_SRC_CFG(src));
		u32 pend = readl_relaxed(rt->global + IRQ_ROUTER_GLOBAL_SRC_PEND(src / 32));
		u32 act = readl_relaxed(rt->global + IRQ_ROUTER_GLOBAL_SRC_ACTIVE(src / 32));
		u32 ovr = readl_relaxed(rt->global + IRQ_ROUTER_GLOBAL_OVERRUN(src / 4));
		unsigned long count = 0;

		for (l = 0; l < rt->nlines; l++)
			count += READ_ONCE(rt->lines[l].src_count[src]);
		seq_printf(s, "%3u %2u %-6s %-5s %4u %3u %4u %6u %7lu %7u\n", src,
			   FIELD_GET(IRQ_ROUTER_GLOBAL_SRC_CFG_EN_MASK, cfg),
			   FIELD_GET(IRQ_ROUTER_GLOBAL_SRC_CFG_STAGE_MASK, cfg) ? "oob" : "inband",
			   FIELD_GET(IRQ_ROUTER_GLOBAL_SRC_CFG_TRIG_MASK, cfg) ? "edge" : "level",
			   FIELD_GET(IRQ_ROUTER_GLOBAL_SRC_CFG_PRIO_MASK, cfg),
			   FIELD_GET(IRQ_ROUTER_GLOBAL_SRC_CFG_CPU_MASK, cfg),
			   (pend >> (src % 32)) & 1, (act >> (src % 32)) & 1, count,
			   (ovr & IRQ_ROUTER_GLOBAL_OVERRUN_CNT_MASK(src % 4)) >>
				IRQ_ROUTER_GLOBAL_OVERRUN_CNT_SHIFT(src % 4));
	}
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(router_sources);

static int router_lines_show(struct seq_file *s, void *unused)
{
	struct irq_router *rt = s->private;
	unsigned int l;

	seq_puts(s, "cpu irq stall status ipi_pend ipi_ovr  entries   claims     none spurious deferred   budget\n");
	for (l = 0; l < rt->nlines; l++) {
		struct router_line *line = &rt->lines[l];
		struct router_line_stats *st = &line->stats;

		seq_printf(s, "%3u %3d %5u 0x%04x   0x%04x %7u %8lu %8lu %8lu %8lu %8lu %8lu\n",
			   line->cpu, line->parent_irq,
			   readl_relaxed(line->page + IRQ_ROUTER_PAGE_STALL_OFFSET) &
				IRQ_ROUTER_PAGE_STALL_STALL_MASK,
			   readl_relaxed(line->page + IRQ_ROUTER_PAGE_STATUS_OFFSET),
			   readl_relaxed(line->page + IRQ_ROUTER_PAGE_IPI_PEND_OFFSET),
			   readl_relaxed(line->page + IRQ_ROUTER_PAGE_IPI_OVERRUN_OFFSET) &
				IRQ_ROUTER_PAGE_IPI_OVERRUN_CNT_MASK,
			   READ_ONCE(st->entries), READ_ONCE(st->claims), READ_ONCE(st->none),
			   READ_ONCE(st->spurious), READ_ONCE(st->deferred),
			   READ_ONCE(st->budget));
	}
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(router_lines);

/* Hardware latency of the in-band pages: event to claim, in router cycles. */
static int router_latency_show(struct seq_file *s, void *unused)
{
	struct irq_router *rt = s->private;
	unsigned int l, b;

	seq_printf(s, "# cycles, %u-bit; bucket 0: <2, bucket b: [2^b, 2^(b+1)), bucket %u: >=2^%u\n",
		   rt->tsw, ROUTER_NR_HIST - 1, ROUTER_NR_HIST - 1);
	seq_puts(s, "cpu     last      max");
	for (b = 0; b < ROUTER_NR_HIST; b++)
		seq_printf(s, "       h%-2u", b);
	seq_putc(s, '\n');
	for (l = 0; l < rt->nlines; l++) {
		void __iomem *page = rt->lines[l].page;

		seq_printf(s, "%3u %8u %8u", l,
			   readl_relaxed(page + IRQ_ROUTER_PAGE_LAT_LAST_OFFSET),
			   readl_relaxed(page + IRQ_ROUTER_PAGE_LAT_MAX_OFFSET));
		for (b = 0; b < ROUTER_NR_HIST; b++)
			seq_printf(s, " %9u", readl_relaxed(page + IRQ_ROUTER_PAGE_HIST(b)));
		seq_putc(s, '\n');
	}
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(router_latency);

/* "echo <cpumask> <vector> > ipi_oob": send an oob IPI to the firmware. */
static ssize_t router_ipi_oob_write(struct file *file, const char __user *ubuf,
				    size_t len, loff_t *ppos)
{
	struct irq_router *rt = file->private_data;
	unsigned int mask, vector;
	char buf[32];
	int ret;

	if (len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';
	if (sscanf(buf, "%x %u", &mask, &vector) != 2 || !mask)
		return -EINVAL;
	ret = router_send_oob_ipi(rt, mask, vector);
	return ret ? ret : len;
}

static const struct file_operations router_ipi_oob_fops = {
	.owner	= THIS_MODULE,
	.open	= simple_open,
	.write	= router_ipi_oob_write,
	.llseek	= no_llseek,
};

/*
 * "stall": read the software stall bit of every CPU; write 1 or 0 to stall
 * or unstall the in-band stage of the CPU the writer runs on (pin it with
 * taskset). On a board this shows the log at work: stall, raise sources,
 * see them pending and undelivered, unstall, see them replayed.
 */
static int router_stall_show(struct seq_file *s, void *unused)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu)
		seq_printf(s, "%u %u\n", cpu, per_cpu(inband_stalled, cpu));
	return 0;
}

static int router_stall_open(struct inode *inode, struct file *file)
{
	return single_open(file, router_stall_show, inode->i_private);
}

static ssize_t router_stall_write(struct file *file, const char __user *ubuf,
				  size_t len, loff_t *ppos)
{
	bool stall;
	int ret;

	ret = kstrtobool_from_user(ubuf, len, &stall);
	if (ret)
		return ret;
	if (stall)
		irq_router_inband_stall();
	else
		irq_router_inband_unstall();
	return len;
}

static const struct file_operations router_stall_fops = {
	.owner		= THIS_MODULE,
	.open		= router_stall_open,
	.read		= seq_read,
	.write		= router_stall_write,
	.llseek		= seq_lseek,
	.release	= single_release,
};

/* ---- probe and teardown ------------------------------------------------ */

static void router_remove_debugfs(void *data)
{
	struct irq_router *rt = data;

	debugfs_remove_recursive(rt->debugfs);
}

static void router_unpublish(void *data)
{
	struct irq_router *rt = data;

	if (READ_ONCE(inband_router) != rt)
		return;
	WRITE_ONCE(inband_router, NULL);
	/* Every user runs with hard irqs off: a grace period waits for them. */
	synchronize_rcu();
}

static void router_remove_domain(void *data)
{
	struct irq_router *rt = data;
	irq_hw_number_t hw;

	/* Requested IRQs pin the module, so what is left here is only mapped. */
	for (hw = 0; hw < ROUTER_ID_IPI_BASE + rt->nipi; hw++) {
		unsigned int virq = irq_find_mapping(rt->domain, hw);

		if (virq)
			irq_dispose_mapping(virq);
	}
	irq_domain_remove(rt->domain);
}

static void router_unhook_line(void *data)
{
	struct router_line *line = data;

	/* Back to the reset state: stalled, so the line stays low. */
	writel(1, line->page + IRQ_ROUTER_PAGE_STALL_OFFSET);
	irq_set_chained_handler_and_data(line->parent_irq, NULL, NULL);
}

static int router_read_hwcfg(struct irq_router *rt)
{
	u32 id = readl(rt->global + IRQ_ROUTER_GLOBAL_ID_OFFSET);
	u32 ver, hwcfg;

	if (id != IRQ_ROUTER_GLOBAL_ID_RESET)
		return dev_err_probe(rt->dev, -ENODEV,
				     "no irq router here: ID reads %#010x, expected %#010x (\"IRQR\"); is the PL configured?\n",
				     id, IRQ_ROUTER_GLOBAL_ID_RESET);

	ver = readl(rt->global + IRQ_ROUTER_GLOBAL_VERSION_OFFSET);
	rt->version = ver;
	/* Same major, and at least our minor: 1.1 brought the masked SRC_CFG writes. */
	if (FIELD_GET(IRQ_ROUTER_GLOBAL_VERSION_MAJOR_MASK, ver) !=
	    FIELD_GET(IRQ_ROUTER_GLOBAL_VERSION_MAJOR_MASK, IRQ_ROUTER_GLOBAL_VERSION_RESET) ||
	    FIELD_GET(IRQ_ROUTER_GLOBAL_VERSION_MINOR_MASK, ver) <
	    FIELD_GET(IRQ_ROUTER_GLOBAL_VERSION_MINOR_MASK, IRQ_ROUTER_GLOBAL_VERSION_RESET))
		return dev_err_probe(rt->dev, -ENODEV,
				     "register interface version %u.%u unsupported (driver: %u.%u and later %u.x)\n",
				     FIELD_GET(IRQ_ROUTER_GLOBAL_VERSION_MAJOR_MASK, ver),
				     FIELD_GET(IRQ_ROUTER_GLOBAL_VERSION_MINOR_MASK, ver),
				     FIELD_GET(IRQ_ROUTER_GLOBAL_VERSION_MAJOR_MASK,
					       IRQ_ROUTER_GLOBAL_VERSION_RESET),
				     FIELD_GET(IRQ_ROUTER_GLOBAL_VERSION_MINOR_MASK,
					       IRQ_ROUTER_GLOBAL_VERSION_RESET),
				     FIELD_GET(IRQ_ROUTER_GLOBAL_VERSION_MAJOR_MASK,
					       IRQ_ROUTER_GLOBAL_VERSION_RESET));

	hwcfg = readl(rt->global + IRQ_ROUTER_GLOBAL_HWCFG_OFFSET);
	rt->nsrc = FIELD_GET(IRQ_ROUTER_GLOBAL_HWCFG_NSRC_MASK, hwcfg);
	rt->ncpu = FIELD_GET(IRQ_ROUTER_GLOBAL_HWCFG_NCPU_MASK, hwcfg);
	rt->nipi = FIELD_GET(IRQ_ROUTER_GLOBAL_HWCFG_NIPI_MASK, hwcfg);
	rt->tsw = FIELD_GET(IRQ_ROUTER_GLOBAL_HWCFG_TSW_MASK, hwcfg);
	/* The ranges of spec §1, as far as the register map can hold them. */
	if (rt->nsrc < 8 || rt->nsrc > IRQ_ROUTER_GLOBAL_SRC_CFG_COUNT ||
	    rt->ncpu < 1 || rt->ncpu > IRQ_ROUTER_PAGE_COUNT ||
	    rt->nipi < 1 || rt->nipi > IRQ_ROUTER_PAGE_IPI_PEND_PENDING_WIDTH ||
	    rt->tsw < 8 || rt->tsw > 32)
		return dev_err_probe(rt->dev, -ENODEV,
				     "HWCFG %#010x out of range (%u sources, %u CPUs, %u IPIs, %u-bit timestamps)\n",
				     hwcfg, rt->nsrc, rt->ncpu, rt->nipi, rt->tsw);
	return 0;
}

static int router_hook_line(struct irq_router *rt, struct platform_device *pdev,
			    unsigned int cpu)
{
	struct router_line *line = &rt->lines[cpu];
	int irq, ret;

	line->rt = rt;
	line->cpu = cpu;
	line->page = router_page(rt, cpu);
	line->src_count = devm_kcalloc(rt->dev, rt->nsrc, sizeof(*line->src_count),
				       GFP_KERNEL);
	if (!line->src_count)
		return -ENOMEM;

	irq = platform_get_irq(pdev, cpu);
	if (irq < 0)
		return irq;
	line->parent_irq = irq;

	irq_set_chained_handler_and_data(irq, router_line_handler, line);
	ret = devm_add_action_or_reset(rt->dev, router_unhook_line, line);
	if (ret)
		return ret;

	return 0;
}

/*
 * The line's handler drains its CPU's page and checks that CPU's stall
 * state: keep each line on its CPU. While the CPU is offline the GIC
 * moves the line elsewhere, where the handler still claims the right
 * page; this puts it back when the CPU returns (and at probe, for every
 * online CPU).
 */
static int router_cpu_online(unsigned int cpu, struct hlist_node *node)
{
	struct irq_router *rt = hlist_entry_safe(node, struct irq_router, cpuhp_node);
	int ret;

	if (cpu >= rt->nlines)
		return 0;
	ret = irq_set_affinity(rt->lines[cpu].parent_irq, cpumask_of(cpu));
	if (ret)
		dev_warn(rt->dev, "in-band line of CPU%u (irq %d) not pinned: %d\n",
			 cpu, rt->lines[cpu].parent_irq, ret);
	return 0;
}

static void router_remove_cpuhp(void *data)
{
	struct irq_router *rt = data;

	cpuhp_state_remove_instance_nocalls(router_cpuhp_state, &rt->cpuhp_node);
}

static int router_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct irq_router *rt;
	struct resource *res;
	unsigned int cpu;
	int nirq, ret;

	rt = devm_kzalloc(dev, sizeof(*rt), GFP_KERNEL);
	if (!rt)
		return -ENOMEM;
	rt->dev = dev;

	rt->global = devm_platform_ioremap_resource_byname(pdev, "global");
	if (IS_ERR(rt->global))
		return PTR_ERR(rt->global);
	ret = router_read_hwcfg(rt);
	if (ret)
		return ret;

	res = platform_get_resource_byname(pdev, IORESOURCE_MEM, "inband");
	if (!res)
		return dev_err_probe(dev, -EINVAL, "no \"inband\" register window\n");
	if (resource_size(res) < rt->ncpu * IRQ_ROUTER_PAGE_STRIDE)
		return dev_err_probe(dev, -EINVAL, "\"inband\" window %pR too small for %u CPUs\n",
				     res, rt->ncpu);
	rt->inband = devm_ioremap_resource(dev, res);
	if (IS_ERR(rt->inband))
		return PTR_ERR(rt->inband);

	nirq = platform_irq_count(pdev);
	if (nirq < 0)
		return nirq;
	if (!nirq)
		return dev_err_probe(dev, -EINVAL, "no in-band lines in \"interrupts\"\n");
	rt->nlines = min3((unsigned int)nirq, rt->ncpu, nr_cpu_ids);
	if (rt->nlines < (unsigned int)nirq)
		dev_warn(dev, "%d in-band lines given, %u used (%u router CPUs, %u Linux CPUs)\n",
			 nirq, rt->nlines, rt->ncpu, nr_cpu_ids);

	rt->domain = irq_domain_add_linear(dev->of_node, ROUTER_ID_IPI_BASE + rt->nipi,
					   &router_domain_ops, rt);
	if (!rt->domain)
		return dev_err_probe(dev, -ENOMEM, "cannot create irq domain\n");
	ret = devm_add_action_or_reset(dev, router_remove_domain, rt);
	if (ret)
		return ret;

	for (cpu = 0; cpu < rt->nlines; cpu++) {
		ret = router_hook_line(rt, pdev, cpu);
		if (ret)
			return dev_err_probe(dev, ret, "in-band line of CPU%u\n", cpu);
	}
	/* Pins the lines of the online CPUs now, and of the others as they come. */
	ret = cpuhp_state_add_instance(router_cpuhp_state, &rt->cpuhp_node);
	if (ret)
		return dev_err_probe(dev, ret, "cannot follow CPU hotplug\n");
	ret = devm_add_action_or_reset(dev, router_remove_cpuhp, rt);
	if (ret)
		return ret;

	if (router_debugfs_root) {
		rt->debugfs = debugfs_create_dir(dev_name(dev), router_debugfs_root);
		debugfs_create_file("sources", 0444, rt->debugfs, rt, &router_sources_fops);
		debugfs_create_file("lines", 0444, rt->debugfs, rt, &router_lines_fops);
		debugfs_create_file("latency", 0444, rt->debugfs, rt, &router_latency_fops);
		debugfs_create_file("ipi_oob", 0200, rt->debugfs, rt, &router_ipi_oob_fops);
		debugfs_create_file("stall", 0600, rt->debugfs, rt, &router_stall_fops);
		ret = devm_add_action_or_reset(dev, router_remove_debugfs, rt);
		if (ret)
			return ret;
	}

	/*
	 * Pages reset stalled (spec §3). Open them now that the handlers are
	 * in place, and before the stall backend goes live: from then on only
	 * each CPU writes its own page. Open while software says stalled is
	 * the safe disagreement: the line handler then defers.
	 */
	for (cpu = 0; cpu < rt->nlines; cpu++)
		writel(0, rt->lines[cpu].page + IRQ_ROUTER_PAGE_STALL_OFFSET);

	/* One router holds the CPUs' stall bits; a second one is irqchip only. */
	/* cmpxchg: probes may run in parallel; it also orders our setup first. */
	if (!cmpxchg(&inband_router, NULL, rt)) {
		ret = devm_add_action_or_reset(dev, router_unpublish, rt);
		if (ret)
			return ret;
		ret = router_hook_irqflags(rt);
		if (ret)
			return ret;
	} else {
		dev_info(dev, "another router holds the in-band stall bits\n");
	}

	platform_set_drvdata(pdev, rt);
	dev_info(dev, "IRQR v%u.%u: %u sources, %u CPUs (%u in-band lines), %u IPI vectors, %u-bit timestamps\n",
		 FIELD_GET(IRQ_ROUTER_GLOBAL_VERSION_MAJOR_MASK, rt->version),
		 FIELD_GET(IRQ_ROUTER_GLOBAL_VERSION_MINOR_MASK, rt->version),
		 rt->nsrc, rt->ncpu, rt->nlines, rt->nipi, rt->tsw);
	return 0;
}

static const struct of_device_id router_of_match[] = {
	{ .compatible = "irqpipe,irq-router-1.0" },
	{ }
};
MODULE_DEVICE_TABLE(of, router_of_match);

static struct platform_driver router_driver = {
	.probe	= router_probe,
	.driver	= {
		.name			= "irq-router",
		.of_match_table		= router_of_match,
		/* Unbinding under live consumers would pull their irq_desc away. */
		.suppress_bind_attrs	= true,
	},
};

static int __init router_init(void)
{
	int ret;

	ret = cpuhp_setup_state_multi(CPUHP_AP_ONLINE_DYN, "irqchip/irq-router:online",
				      router_cpu_online, NULL);
	if (ret < 0)
		return ret;
	router_cpuhp_state = ret;

	router_debugfs_root = debugfs_create_dir("irq-router", NULL);
	if (IS_ERR(router_debugfs_root))
		router_debugfs_root = NULL;
	ret = platform_driver_register(&router_driver);
	if (ret) {
		debugfs_remove(router_debugfs_root);
		cpuhp_remove_multi_state(router_cpuhp_state);
	}
	return ret;
}
module_init(router_init);

static void __exit router_exit(void)
{
	platform_driver_unregister(&router_driver);
	debugfs_remove(router_debugfs_root);
	cpuhp_remove_multi_state(router_cpuhp_state);
}
module_exit(router_exit);

MODULE_DESCRIPTION("Zynq UltraScale+ irq router: in-band irqchip, stall backend and IPIs");
MODULE_LICENSE("GPL");
