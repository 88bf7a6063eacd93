// SPDX-License-Identifier: GPL-2.0
/*
 * Zynq UltraScale+ irq router: in-band (Linux) side.
 *
 * The router lives in the PL. It keeps, per router CPU and per stage (oob,
 * in-band), a log of pending events and a stall bit, and raises one line
 * per (router CPU, stage) while the log is non-empty and the stage
 * unstalled. The oob lines go to the firmware core; the in-band line of
 * each router CPU Linux owns is a GIC SPI that Linux handles here. Linux
 * only ever maps the GLOBAL page and the in-band window: the oob pages are
 * not ours to touch.
 *
 * Router CPU numbers are the router's (its pages and lines); the device
 * tree ties each in-band line to the Linux CPU that owns it, so Linux may
 * own a subset of the router CPUs, numbered as it likes.
 *
 * What this driver provides:
 *  - an irq_domain of the router's sources 0..NSRC-1;
 *  - in-band IPI vectors from the firmware as per-CPU interrupts, one per
 *    (CPU, vector), handed out by irq_router_inband_ipi();
 *  - a chained handler per in-band line: claim, dispatch, complete;
 *  - oob IPIs to the firmware, debugfs statistics, suspend/resume;
 *  - built into a Dovetail kernel with CONFIG_IRQ_ROUTER_STALL_MIRROR, the
 *    mirror of each CPU's in-band stall bit into its router page.
 *
 * Behaviour of the hardware: hdl/doc/spec.md; registers: the generated
 * irq_router_regs.h.
 */

#define pr_fmt(fmt) "irq-router: " fmt

#include <linux/bitfield.h>
#include <linux/bitmap.h>
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
#include <linux/pm.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/spinlock.h>
#include <linux/uaccess.h>

#ifdef CONFIG_IRQ_PIPELINE
#include <linux/irqstage.h>
#endif

#include "irq_router_regs.h"

#define ROUTER_ID_NONE		IRQ_ROUTER_PAGE_CLAIM_ID_NONE
#define ROUTER_ID_IPI_BASE	IRQ_ROUTER_PAGE_CLAIM_ID_IPI_BASE
#define ROUTER_NR_HIST		IRQ_ROUTER_PAGE_HIST_COUNT
#define ROUTER_MAX_CPUS		IRQ_ROUTER_PAGE_COUNT
#define ROUTER_GLOBAL_SIZE	SZ_4K
/* IPI_PEND is as wide as the largest NIPI. */
#define ROUTER_MAX_IPIS		IRQ_ROUTER_PAGE_IPI_PEND_PENDING_WIDTH

/*
 * Domain hwirqs: sources are their claim IDs; in-band IPI vector v claimed
 * on router CPU c is its own hwirq, so that a vector claimed on two CPUs
 * at once runs two descriptors, each on its own CPU.
 */
#define ROUTER_HWIRQ_IPI(rcpu, v)	(ROUTER_ID_IPI_BASE + (rcpu) * ROUTER_MAX_IPIS + (v))
#define ROUTER_NR_HWIRQ			ROUTER_HWIRQ_IPI(ROUTER_MAX_CPUS, 0)

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
	unsigned long foreign;	/* entries on a CPU other than the owner: nothing claimed */
	unsigned long budget;	/* entries that hit ROUTER_CLAIM_BUDGET */
};

struct irq_router;

/* One in-band line: a router CPU's page and GIC SPI, and its Linux CPU. */
struct router_line {
	struct irq_router *rt;
	void __iomem *page;
	unsigned int rcpu;	/* router CPU: the page, the line */
	unsigned int cpu;	/* the Linux CPU that owns them */
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
	struct router_line lines[ROUTER_MAX_CPUS];
	/* The line of each Linux CPU, NULL for CPUs that own none. */
	struct router_line **cpu_line;
	/*
	 * Serialises updates of the shadow below (each with its masked
	 * SRC_CFG write, so the two agree), from any CPU and, on a Dovetail
	 * kernel, from pipeline entry (the pipelined flow masks there), where
	 * only a lock that really disables interrupts is safe. The router
	 * itself needs no lock: SRC_CFG writes name their fields (1.1).
	 */
#ifdef CONFIG_IRQ_PIPELINE
	hard_spinlock_t cfg_lock;
#else
	raw_spinlock_t cfg_lock;
#endif
	/*
	 * SRC_CFG of every source Linux maps, as last written, and the router
	 * CPU it routes to: restored on resume (the PL may have been reset),
	 * and the page that COMPLETE must go to.
	 */
	unsigned long *linux_srcs;
	u32 *cfg_shadow;
	/*
	 * Sources claimed and not yet completed, as the router sees them: eoi
	 * completes only these, so a software resend of a lazily disabled
	 * edge interrupt (whose event the router already delivered) does not
	 * write COMPLETE for an inactive source.
	 */
	unsigned long *active;
	atomic_t wake_srcs;
	struct dentry *debugfs;
	struct hlist_node cpuhp_node;
};

/*
 * The router that serves the CPUs' IPIs and holds the stall mirror: the
 * first one bound. A second instance works as an irqchip only.
 */
static struct irq_router *router_primary;

/*
 * The calling CPU's in-band STALL register in the primary router (NULL
 * while the CPU is offline or owns no line), and the value the stall
 * mirror last wrote there (it writes only changes). Only the CPU itself
 * writes its page's STALL, with hard interrupts off or from the mirror.
 */
struct router_stall {
	void __iomem *reg;
	u32 last;
};

static DEFINE_PER_CPU(struct router_stall, router_stall);

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

static inline void __iomem *router_page(struct irq_router *rt, unsigned int rcpu)
{
	return rt->inband + rcpu * IRQ_ROUTER_PAGE_STRIDE;
}

/* ---- the stall mirror (Dovetail, built in) ------------------------------ */

#ifdef CONFIG_IRQ_ROUTER_STALL_MIRROR
/*
 * DEFINE_STATIC_KEY_FALSE() spelt out, so that checkpatch sees what the
 * export follows. Exported, as the mirror: modules inline Dovetail's stall
 * primitives too.
 */
struct static_key_false irq_router_mirror_key = STATIC_KEY_FALSE_INIT;
EXPORT_SYMBOL_GPL(irq_router_mirror_key);

/*
 * Called from Dovetail's stall primitives after each change of the in-band
 * stall bit (from the entry code, the log-sync path, lockdep's raw ops and
 * idle as well as local_irq_*()), so it must be safe where instrumentation
 * is not: per-CPU loads and one posted store, nothing traceable. With the
 * CPU's in-band stage stalled the router keeps that CPU's in-band events
 * in its log and the line low. The write is posted: an event that wins the
 * race is taken and logged by Dovetail as usual.
 *
 * An interrupt (or NMI) between the caller's bit change and this write
 * leaves the pair consistent: the nested code's own changes write their
 * values, and this write, last, matches the bit the caller left.
 *
 * A write of STALL also disarms the idle wake (spec §11: it sets both
 * bits), so the first stall change after idling ends the wake.
 *
 * Lazy: a stall made with hard IRQs off is not written. No interrupt can
 * be taken until hard IRQs come back on, and most such stalls are undone
 * before that (each in-band IRQ's entry and exit code stalls and unstalls
 * the stage around the handler: four writes per IRQ saved, writes that
 * also delayed the IRQ's own CLAIM read behind them on the bus). One that
 * is still in force when hard IRQs come back on leaves the page open, so
 * its events are taken and logged by Dovetail as on a kernel without the
 * mirror: never stuck. The unstall is always written when the router
 * holds a stall, so the router can never hold back events of an
 * unstalled stage.
 */
noinstr void irq_router_mirror(bool stalled)
{
	struct router_stall *st = raw_cpu_ptr(&router_stall);

	if (!st->reg || st->last == stalled || (stalled && hard_irqs_disabled()))
		return;
	st->last = stalled;
	__raw_writel((__force u32)cpu_to_le32(stalled), st->reg);
}
EXPORT_SYMBOL_GPL(irq_router_mirror);

/*
 * Called by Dovetail's idle gate, irq_cpuidle_enter(), once it lets the CPU
 * idle: hard irqs off, in-band stage stalled, nothing in Dovetail's log.
 * The router holds a stalled page's line low, so the CPU would sleep
 * through an event in the router's log; arming the page's wake (spec §11)
 * lets the line follow the log although the page stays stalled, and WFI
 * returns on it, also for an event logged before this write. No STATUS
 * read: the posted write lands before WFI (the idle code's DSB), and a
 * line already high makes WFI return at once. What wakes is taken and
 * logged by Dovetail as on a kernel without the mirror, until the next
 * stall change disarms the wake.
 */
noinstr void irq_router_mirror_idle(void)
{
	struct router_stall *st = raw_cpu_ptr(&router_stall);
	const u32 armed = IRQ_ROUTER_PAGE_STALL_STALL_MASK | IRQ_ROUTER_PAGE_STALL_WAKE_MASK;

	/* An open page wakes the CPU anyway; an armed one is armed. */
	if (!st->reg || st->last != IRQ_ROUTER_PAGE_STALL_STALL_MASK)
		return;
	st->last = armed;
	__raw_writel((__force u32)cpu_to_le32(armed), st->reg);
}
EXPORT_SYMBOL_GPL(irq_router_mirror_idle);

/* Opening a page: the stage's state (hard irqs off), recorded as written. */
static u32 router_mirror_open_state(void)
{
	u32 stalled = static_branch_unlikely(&irq_router_mirror_key) &&
		      test_inband_stall();

	raw_cpu_write(router_stall.last, stalled);
	return stalled;
}

static void router_mirror_enable(struct irq_router *rt)
{
	static_branch_enable(&irq_router_mirror_key);
	dev_info(rt->dev, "in-band stall bits now mirrored into the router\n");
}

static bool router_mirror_enabled(void)
{
	return static_branch_unlikely(&irq_router_mirror_key);
}
#else
static u32 router_mirror_open_state(void)
{
	return 0;
}

static void router_mirror_enable(struct irq_router *rt)
{
}

static bool router_mirror_enabled(void)
{
	return false;
}
#endif

/* ---- errors ---------------------------------------------------------- */

static const char *const router_err_names[] = {
	[IRQ_ROUTER_GLOBAL_ERR_BAD_CPU_SHIFT]		= "BAD_CPU",
	[IRQ_ROUTER_GLOBAL_ERR_BAD_VECTOR_SHIFT]	= "BAD_VECTOR",
	[IRQ_ROUTER_GLOBAL_ERR_LOCKED_SHIFT]		= "LOCKED",
	[IRQ_ROUTER_GLOBAL_ERR_BAD_COMPLETE_SHIFT]	= "BAD_COMPLETE",
	[IRQ_ROUTER_GLOBAL_ERR_BAD_KEY_SHIFT]		= "BAD_KEY",
	[IRQ_ROUTER_GLOBAL_ERR_DENIED_SHIFT]		= "DENIED",
};

/* ERR decoded into @buf, e.g. "BAD_CPU LOCKED", or "none". */
static const char *router_err_decode(u32 err, char *buf, size_t len)
{
	size_t n = 0;
	unsigned int b;

	buf[0] = '\0';
	for (b = 0; b < 32 && n < len; b++) {
		if (!(err & BIT(b)))
			continue;
		if (b < ARRAY_SIZE(router_err_names) && router_err_names[b])
			n += scnprintf(buf + n, len - n, "%s%s", n ? " " : "",
				       router_err_names[b]);
		else
			n += scnprintf(buf + n, len - n, "%sbit%u", n ? " " : "", b);
	}
	return n ? buf : "none";
}

static u32 router_read_err(struct irq_router *rt)
{
	return readl(rt->global + IRQ_ROUTER_GLOBAL_ERR_OFFSET);
}

/* ---- sources: the irq_chip ------------------------------------------ */

/*
 * Changes fields of SRC_CFG[@src] with one masked write (interface 1.1):
 * the write names the fields it changes in SRC_CFG's write-enable bits, so
 * the router keeps every other field as it is. No read-modify-write of the
 * router: a field the oob firmware changed meanwhile is never put back.
 * Linux owns in-band sources only and never writes STAGE; the router itself
 * refuses (OKAY + ERR.DENIED, spec §8) a Non-secure write to a source the
 * oob stage owns. Linux's own record of each source it maps (the shadow,
 * under cfg_lock) follows the fields written, so that a router reset behind
 * Linux's back (a PL reset in suspend) loses nothing resume cannot put
 * back. With @verify, read back: a refused write (oob source, locked, bad
 * CPU) answers OKAY, so a read-back is the only way to notice. Mask/unmask
 * skip it: they sit on the interrupt path of a pipelined kernel.
 */
/* Every field of SRC_CFG (bits 31:16 are its write-enables). */
#define ROUTER_CFG_FIELDS \
	(IRQ_ROUTER_GLOBAL_SRC_CFG_EN_MASK | IRQ_ROUTER_GLOBAL_SRC_CFG_STAGE_MASK | \
	 IRQ_ROUTER_GLOBAL_SRC_CFG_TRIG_MASK | IRQ_ROUTER_GLOBAL_SRC_CFG_PRIO_MASK | \
	 IRQ_ROUTER_GLOBAL_SRC_CFG_CPU_MASK)

static int router_cfg_update(struct irq_router *rt, unsigned int src, u32 clear, u32 set,
			     bool verify)
{
	void __iomem *reg = rt->global + IRQ_ROUTER_GLOBAL_SRC_CFG(src);
	u32 touched = clear | set, fields = 0, we = 0, val, now = 0;
	unsigned long flags;
	int ret = 0;

	if (touched & IRQ_ROUTER_GLOBAL_SRC_CFG_EN_MASK) {
		fields |= IRQ_ROUTER_GLOBAL_SRC_CFG_EN_MASK;
		we |= IRQ_ROUTER_GLOBAL_SRC_CFG_WE_EN_MASK;
	}
	if (touched & IRQ_ROUTER_GLOBAL_SRC_CFG_TRIG_MASK) {
		fields |= IRQ_ROUTER_GLOBAL_SRC_CFG_TRIG_MASK;
		we |= IRQ_ROUTER_GLOBAL_SRC_CFG_WE_TRIG_MASK;
	}
	if (touched & IRQ_ROUTER_GLOBAL_SRC_CFG_PRIO_MASK) {
		fields |= IRQ_ROUTER_GLOBAL_SRC_CFG_PRIO_MASK;
		we |= IRQ_ROUTER_GLOBAL_SRC_CFG_WE_PRIO_MASK;
	}
	if (touched & IRQ_ROUTER_GLOBAL_SRC_CFG_CPU_MASK) {
		fields |= IRQ_ROUTER_GLOBAL_SRC_CFG_CPU_MASK;
		we |= IRQ_ROUTER_GLOBAL_SRC_CFG_WE_CPU_MASK;
	}
	if (!we)
		return 0;
	val = set & fields;

	raw_spin_lock_irqsave(&rt->cfg_lock, flags);
	writel_relaxed(we | val, reg);
	if (verify) {
		now = readl(reg);
		if (now & IRQ_ROUTER_GLOBAL_SRC_CFG_STAGE_MASK)
			ret = -EPERM;
		else if ((now & fields) != val)
			ret = -EIO;
	}
	if (!ret)
		rt->cfg_shadow[src] = (rt->cfg_shadow[src] & ~fields) | val;
	raw_spin_unlock_irqrestore(&rt->cfg_lock, flags);

	if (ret == -EIO) {
		char buf[64];
		u32 err = router_read_err(rt);

		dev_err_ratelimited(rt->dev,
				    "SRC_CFG[%u]: write %#x refused (reads %#x), ERR %#x (%s)\n",
				    src, we | val, now, err,
				    router_err_decode(err, buf, sizeof(buf)));
	} else if (ret == -EPERM) {
		dev_err_ratelimited(rt->dev, "source %u was taken for the oob stage; not changed\n",
				    src);
	}
	return ret;
}

static void router_src_mask(struct irq_data *d)
{
	struct irq_router *rt = irq_data_get_irq_chip_data(d);

	/* A disabled source keeps its pending bit; unmasking delivers it. */
	router_cfg_update(rt, irqd_to_hwirq(d), IRQ_ROUTER_GLOBAL_SRC_CFG_EN_MASK, 0, false);
}

static void router_src_unmask(struct irq_data *d)
{
	struct irq_router *rt = irq_data_get_irq_chip_data(d);

	router_cfg_update(rt, irqd_to_hwirq(d), 0, IRQ_ROUTER_GLOBAL_SRC_CFG_EN_MASK, false);
}

static void router_src_eoi(struct irq_data *d)
{
	struct irq_router *rt = irq_data_get_irq_chip_data(d);
	unsigned int src = irqd_to_hwirq(d);
	unsigned int rcpu;

	/*
	 * Only an event the router delivered is active there: the software
	 * resend of a lazily disabled edge source runs this flow again for
	 * an event already completed.
	 */
	if (!test_and_clear_bit(src, rt->active))
		return;
	/*
	 * COMPLETE is only accepted on the page the source is routed to now;
	 * set_affinity changes the routing under the descriptor lock that we
	 * hold here too.
	 */
	rcpu = FIELD_GET(IRQ_ROUTER_GLOBAL_SRC_CFG_CPU_MASK, READ_ONCE(rt->cfg_shadow[src]));
	writel(src, router_page(rt, rcpu) + IRQ_ROUTER_PAGE_COMPLETE_OFFSET);
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
	if (router_cfg_update(rt, src, IRQ_ROUTER_GLOBAL_SRC_CFG_TRIG_MASK,
			      FIELD_PREP(IRQ_ROUTER_GLOBAL_SRC_CFG_TRIG_MASK, trig), true))
		return -EIO;
	return IRQ_SET_MASK_OK;
}

#ifdef CONFIG_SMP
static int router_src_set_affinity(struct irq_data *d, const struct cpumask *mask,
				   bool force)
{
	struct irq_router *rt = irq_data_get_irq_chip_data(d);
	const struct cpumask *allowed = force ? cpu_possible_mask : cpu_online_mask;
	struct router_line *line = NULL;
	unsigned int cpu;

	/* Only a CPU that owns one of our lines can receive a source. */
	for_each_cpu_and(cpu, mask, allowed) {
		line = rt->cpu_line[cpu];
		if (line)
			break;
	}
	if (!line)
		return -EINVAL;

	/* The router moves a pending event with the source (spec §3). */
	if (router_cfg_update(rt, irqd_to_hwirq(d), IRQ_ROUTER_GLOBAL_SRC_CFG_CPU_MASK,
			      FIELD_PREP(IRQ_ROUTER_GLOBAL_SRC_CFG_CPU_MASK, line->rcpu), true))
		return -EIO;
	irq_data_update_effective_affinity(d, cpumask_of(line->cpu));
	return IRQ_SET_MASK_OK_DONE;
}
#endif

/*
 * A source can wake the system if its in-band line can: forward to every
 * line (a source may be re-routed to any of them) while any source asks.
 */
static int router_src_set_wake(struct irq_data *d, unsigned int on)
{
	struct irq_router *rt = irq_data_get_irq_chip_data(d);
	unsigned int l;

	if (on ? atomic_inc_return(&rt->wake_srcs) != 1 : !atomic_dec_and_test(&rt->wake_srcs))
		return 0;
	for (l = 0; l < rt->nlines; l++)
		irq_set_irq_wake(rt->lines[l].parent_irq, on);
	return 0;
}

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
#define ROUTER_PIPELINE_FLAGS	IRQCHIP_PIPELINE_SAFE
#else
#define ROUTER_PIPELINE_FLAGS	0
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
	.irq_set_wake		= router_src_set_wake,
	.irq_request_resources	= router_request_resources,
	.irq_release_resources	= router_release_resources,
	.flags			= IRQCHIP_MASK_ON_SUSPEND | ROUTER_PIPELINE_FLAGS,
};

/*
 * In-band IPI vectors from the firmware, one descriptor per (CPU, vector),
 * taken only on that CPU. The router cannot mask them and a claim already
 * consumed the event: the chip has nothing to do.
 */
static struct irq_chip router_ipi_chip = {
	.name			= "irq-router-ipi",
	.irq_request_resources	= router_request_resources,
	.irq_release_resources	= router_release_resources,
	.flags			= ROUTER_PIPELINE_FLAGS,
};

static bool router_id_is_src(struct irq_router *rt, irq_hw_number_t id)
{
	return id < rt->nsrc;
}

static bool router_id_is_ipi(struct irq_router *rt, irq_hw_number_t id)
{
	return id >= ROUTER_ID_IPI_BASE && id < ROUTER_ID_IPI_BASE + rt->nipi;
}

/* Lockdep: set_wake takes a parent line's descriptor lock under ours. */
static struct lock_class_key router_irq_lock_class, router_irq_request_class;

static int router_map_ipi(struct irq_router *rt, unsigned int virq, irq_hw_number_t hw)
{
	unsigned int rcpu = (hw - ROUTER_ID_IPI_BASE) / ROUTER_MAX_IPIS;
	unsigned int v = (hw - ROUTER_ID_IPI_BASE) % ROUTER_MAX_IPIS;
	unsigned int l;

	if (v >= rt->nipi)
		return -EINVAL;
	for (l = 0; l < rt->nlines; l++)
		if (rt->lines[l].rcpu == rcpu)
			break;
	if (l == rt->nlines)
		return -ENXIO;

	irq_set_chip_and_handler(virq, &router_ipi_chip, handle_simple_irq);
	irq_set_chip_data(virq, rt);
	irq_set_status_flags(virq, IRQ_PER_CPU | IRQ_NOPROBE);
	irq_data_update_effective_affinity(irq_get_irq_data(virq), cpumask_of(rt->lines[l].cpu));
	return 0;
}

static int router_domain_map(struct irq_domain *domain, unsigned int virq,
			     irq_hw_number_t hw)
{
	struct irq_router *rt = domain->host_data;
	struct router_line *first = &rt->lines[0];
	unsigned long flags;
	u32 cfg;

	irq_set_lockdep_class(virq, &router_irq_lock_class, &router_irq_request_class);
	if (hw >= ROUTER_ID_IPI_BASE)
		return router_map_ipi(rt, virq, hw);
	if (!router_id_is_src(rt, hw))
		return -EINVAL;

	cfg = readl_relaxed(rt->global + IRQ_ROUTER_GLOBAL_SRC_CFG(hw));
	if (FIELD_GET(IRQ_ROUTER_GLOBAL_SRC_CFG_STAGE_MASK, cfg) ==
	    IRQ_ROUTER_GLOBAL_SRC_CFG_STAGE_OOB) {
		dev_err(rt->dev, "source %lu is routed to the oob stage; Linux may not use it\n",
			hw);
		return -EPERM;
	}

	/* Linux's record starts from what the router holds (trigger, priority). */
	raw_spin_lock_irqsave(&rt->cfg_lock, flags);
	rt->cfg_shadow[hw] = cfg & ROUTER_CFG_FIELDS;
	raw_spin_unlock_irqrestore(&rt->cfg_lock, flags);
	/*
	 * Start disabled, on the first line's CPU; the core then applies the
	 * default affinity through set_affinity at startup.
	 */
	if (router_cfg_update(rt, hw, IRQ_ROUTER_GLOBAL_SRC_CFG_EN_MASK |
			      IRQ_ROUTER_GLOBAL_SRC_CFG_CPU_MASK,
			      FIELD_PREP(IRQ_ROUTER_GLOBAL_SRC_CFG_CPU_MASK, first->rcpu), true))
		return -EIO;
	raw_spin_lock_irqsave(&rt->cfg_lock, flags);
	set_bit(hw, rt->linux_srcs);
	raw_spin_unlock_irqrestore(&rt->cfg_lock, flags);

	irq_set_chip_and_handler(virq, &router_src_chip, handle_fasteoi_irq);
	irq_set_chip_data(virq, rt);
	irq_set_noprobe(virq);
	irq_data_update_effective_affinity(irq_get_irq_data(virq), cpumask_of(first->cpu));
	return 0;
}

static void router_domain_unmap(struct irq_domain *domain, unsigned int virq)
{
	struct irq_router *rt = domain->host_data;
	irq_hw_number_t hw = irqd_to_hwirq(irq_get_irq_data(virq));
	unsigned long flags;

	if (router_id_is_src(rt, hw)) {
		router_cfg_update(rt, hw, IRQ_ROUTER_GLOBAL_SRC_CFG_EN_MASK, 0, false);
		raw_spin_lock_irqsave(&rt->cfg_lock, flags);
		clear_bit(hw, rt->linux_srcs);
		raw_spin_unlock_irqrestore(&rt->cfg_lock, flags);
	}
	irq_set_chip_and_handler(virq, NULL, NULL);
	irq_set_chip_data(virq, NULL);
}

/* Device-tree specifiers name sources only; IPIs come from irq_router_inband_ipi(). */
static int router_domain_xlate(struct irq_domain *domain, struct device_node *node,
			       const u32 *spec, unsigned int size,
			       irq_hw_number_t *hwirq, unsigned int *type)
{
	struct irq_router *rt = domain->host_data;

	if (size != 2)
		return -EINVAL;
	if (!router_id_is_src(rt, spec[0])) {
		pr_err("%pOF: interrupt %u names no source (0..%u)\n", node, spec[0],
		       rt->nsrc - 1);
		return -EINVAL;
	}
	*type = spec[1] & IRQ_TYPE_SENSE_MASK;
	if (*type != IRQ_TYPE_EDGE_RISING && *type != IRQ_TYPE_LEVEL_HIGH) {
		pr_err("%pOF: source %u: trigger type %u unsupported (rising edge or high level only)\n",
		       node, spec[0], spec[1]);
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
 * Claim and dispatch until the log is empty or the budget is spent, on
 * the CPU owning @line, hard interrupts off. Returns the number of claims.
 */
static unsigned int router_drain(struct router_line *line)
{
	struct irq_router *rt = line->rt;
	irq_hw_number_t hw;
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
			set_bit(id, rt->active);
			hw = id;
		} else if (router_id_is_ipi(rt, id)) {
			hw = ROUTER_HWIRQ_IPI(line->rcpu, id - ROUTER_ID_IPI_BASE);
		} else {
			/* Not an ID this router can return: count, never loop on it. */
			line->stats.spurious++;
			continue;
		}
		if (generic_handle_domain_irq(rt->domain, hw)) {
			line->stats.spurious++;
			/*
			 * Nobody maps this source: complete it ourselves, or a
			 * level source would stay active (and silent) forever.
			 */
			if (router_id_is_src(rt, id) && test_and_clear_bit(id, rt->active))
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
	if (unlikely(raw_smp_processor_id() != line->cpu)) {
		/*
		 * The line belongs to another CPU: its IPIs are that CPU's,
		 * and the line is pinned there (no balancing). We only get
		 * here late, when its CPU went offline (its page is stalled
		 * then, so the line is low) or just as it came back.
		 */
		line->stats.foreign++;
	} else if (!router_drain(line)) {
		/* Raised, but nothing to claim by the time we looked. */
		line->stats.none++;
	}
	chained_irq_exit(chip, desc);
}

/*
 * Opens the calling CPU's page (its owner's) and makes it that CPU's stall
 * mirror target; called on the CPU, from the hotplug state and on resume.
 * Hard interrupts off: the page's STALL gets the stage's state, which no
 * interrupt can change in between.
 */
static void router_line_open(struct router_line *line)
{
	void __iomem *reg = line->page + IRQ_ROUTER_PAGE_STALL_OFFSET;
	unsigned long flags;

	flags = router_hard_save();
	if (line->rt == router_primary) {
		raw_cpu_write(router_stall.reg, reg);
		writel_relaxed(router_mirror_open_state(), reg);
	} else {
		writel_relaxed(0, reg);
	}
	router_hard_restore(flags);
}

/*
 * The line's handler drains its owner's page and dispatches that CPU's
 * IPIs: keep each line on its CPU. The CPU opens its page once the line
 * targets it, and stalls it before going offline, so that the GIC never
 * moves a raised line elsewhere.
 */
static int router_cpu_online(unsigned int cpu, struct hlist_node *node)
{
	struct irq_router *rt = hlist_entry_safe(node, struct irq_router, cpuhp_node);
	struct router_line *line = rt->cpu_line[cpu];
	int ret;

	if (!line)
		return 0;
	ret = irq_set_affinity(line->parent_irq, cpumask_of(cpu));
	if (ret) {
		/* Leave the page stalled: the line must not rise elsewhere. */
		dev_err(rt->dev, "in-band line of router CPU%u (irq %d) not pinned to CPU%u: %d\n",
			line->rcpu, line->parent_irq, cpu, ret);
		return 0;
	}
	router_line_open(line);
	return 0;
}

static int router_cpu_offline(unsigned int cpu, struct hlist_node *node)
{
	struct irq_router *rt = hlist_entry_safe(node, struct irq_router, cpuhp_node);
	struct router_line *line = rt->cpu_line[cpu];
	unsigned long flags;

	if (!line)
		return 0;
	/* Events for this CPU wait in the router's log until it returns. */
	flags = router_hard_save();
	if (rt == router_primary)
		raw_cpu_write(router_stall.reg, NULL);
	writel_relaxed(1, line->page + IRQ_ROUTER_PAGE_STALL_OFFSET);
	router_hard_restore(flags);
	return 0;
}

/* ---- IPIs ------------------------------------------------------------- */

int irq_router_inband_ipi(unsigned int cpu, unsigned int vector)
{
	struct irq_router *rt = READ_ONCE(router_primary);
	struct router_line *line;
	unsigned int virq;

	if (!rt)
		return -ENODEV;
	if (vector >= rt->nipi)
		return -EINVAL;
	if (cpu >= nr_cpu_ids || !rt->cpu_line[cpu])
		return -ENXIO;
	line = rt->cpu_line[cpu];
	virq = irq_create_mapping(rt->domain, ROUTER_HWIRQ_IPI(line->rcpu, vector));
	return virq ? virq : -ENOMEM;
}
EXPORT_SYMBOL_GPL(irq_router_inband_ipi);

static int router_send_oob_ipi(struct irq_router *rt, unsigned long mask, unsigned int vector)
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

int irq_router_send_oob_ipi(unsigned long router_cpus, unsigned int vector)
{
	struct irq_router *rt = READ_ONCE(router_primary);

	return rt ? router_send_oob_ipi(rt, router_cpus, vector) : -ENODEV;
}
EXPORT_SYMBOL_GPL(irq_router_send_oob_ipi);

/* ---- suspend and resume ---------------------------------------------- */

static void router_line_reopen(void *data)
{
	router_line_open(data);
}

/*
 * The PL may have been reset while the system slept (SRC_CFG and STALL
 * back to their reset values: sources disabled, pages stalled). Put back
 * what Linux had: the configuration of its sources, and each online
 * CPU's page, opened by that CPU. Before the interrupts are resumed.
 */
static int router_resume_noirq(struct device *dev)
{
	struct irq_router *rt = dev_get_drvdata(dev);
	unsigned int src, l;
	unsigned long flags;
	u32 id;

	id = readl(rt->global + IRQ_ROUTER_GLOBAL_ID_OFFSET);
	if (id != IRQ_ROUTER_GLOBAL_ID_RESET) {
		dev_err(dev, "router gone after resume (ID reads %#010x); is the PL configured?\n",
			id);
		return 0;
	}
	raw_spin_lock_irqsave(&rt->cfg_lock, flags);
	for_each_set_bit(src, rt->linux_srcs, rt->nsrc)
		writel_relaxed(rt->cfg_shadow[src],
			       rt->global + IRQ_ROUTER_GLOBAL_SRC_CFG(src));
	raw_spin_unlock_irqrestore(&rt->cfg_lock, flags);
	for (l = 0; l < rt->nlines; l++)
		if (cpu_online(rt->lines[l].cpu))
			smp_call_function_single(rt->lines[l].cpu, router_line_reopen,
						 &rt->lines[l], 1);
	dev_dbg(dev, "resumed: %u sources restored, pages reopened\n",
		bitmap_weight(rt->linux_srcs, rt->nsrc));
	return 0;
}

static const struct dev_pm_ops router_pm_ops = {
	NOIRQ_SYSTEM_SLEEP_PM_OPS(NULL, router_resume_noirq)
};

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

	seq_puts(s, "rcpu cpu irq stall status ipi_pend ipi_ovr  entries   claims     none spurious  foreign   budget\n");
	for (l = 0; l < rt->nlines; l++) {
		struct router_line *line = &rt->lines[l];
		struct router_line_stats *st = &line->stats;

		seq_printf(s, "%4u %3u %3d %5u 0x%04x   0x%04x %7u %8lu %8lu %8lu %8lu %8lu %8lu\n",
			   line->rcpu, line->cpu, line->parent_irq,
			   readl_relaxed(line->page + IRQ_ROUTER_PAGE_STALL_OFFSET) &
				IRQ_ROUTER_PAGE_STALL_STALL_MASK,
			   readl_relaxed(line->page + IRQ_ROUTER_PAGE_STATUS_OFFSET),
			   readl_relaxed(line->page + IRQ_ROUTER_PAGE_IPI_PEND_OFFSET),
			   readl_relaxed(line->page + IRQ_ROUTER_PAGE_IPI_OVERRUN_OFFSET) &
				IRQ_ROUTER_PAGE_IPI_OVERRUN_CNT_MASK,
			   READ_ONCE(st->entries), READ_ONCE(st->claims), READ_ONCE(st->none),
			   READ_ONCE(st->spurious), READ_ONCE(st->foreign),
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
	seq_puts(s, "rcpu     last      max");
	for (b = 0; b < ROUTER_NR_HIST; b++)
		seq_printf(s, "       h%-2u", b);
	seq_putc(s, '\n');
	for (l = 0; l < rt->nlines; l++) {
		void __iomem *page = rt->lines[l].page;

		seq_printf(s, "%4u %8u %8u", rt->lines[l].rcpu,
			   readl_relaxed(page + IRQ_ROUTER_PAGE_LAT_LAST_OFFSET),
			   readl_relaxed(page + IRQ_ROUTER_PAGE_LAT_MAX_OFFSET));
		for (b = 0; b < ROUTER_NR_HIST; b++)
			seq_printf(s, " %9u", readl_relaxed(page + IRQ_ROUTER_PAGE_HIST(b)));
		seq_putc(s, '\n');
	}
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(router_latency);

/* The router's sticky error flags (spec §9), set by anyone's rejected writes. */
static int router_errors_show(struct seq_file *s, void *unused)
{
	struct irq_router *rt = s->private;
	u32 err = router_read_err(rt);
	char buf[64];

	seq_printf(s, "%#010x %s\n", err, router_err_decode(err, buf, sizeof(buf)));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(router_errors);

/* "echo <router-cpumask-hex> <vector> > ipi_oob": an oob IPI to the firmware. */
static ssize_t router_ipi_oob_write(struct file *file, const char __user *ubuf,
				    size_t len, loff_t *ppos)
{
	struct irq_router *rt = file->private_data;
	unsigned int mask, vector;
	char buf[32];
	u32 denied;
	int ret;

	if (len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';
	if (sscanf(buf, "%x %u", &mask, &vector) != 2 || !mask)
		return -EINVAL;
	/*
	 * Process context, so unlike the posted API this can tell the writer
	 * that the router refused the vector (not in IPI_OOB_NS): the read of
	 * ERR reaches the router after the write. A DENIED already flagged
	 * hides a new one; ERR is the firmware's to clear.
	 */
	denied = router_read_err(rt) & IRQ_ROUTER_GLOBAL_ERR_DENIED_MASK;
	ret = router_send_oob_ipi(rt, mask, vector);
	if (ret)
		return ret;
	if (!denied && (router_read_err(rt) & IRQ_ROUTER_GLOBAL_ERR_DENIED_MASK))
		return -EACCES;
	return len;
}

static const struct file_operations router_ipi_oob_fops = {
	.owner	= THIS_MODULE,
	.open	= simple_open,
	.write	= router_ipi_oob_write,
	.llseek	= no_llseek,
};

/*
 * "stall": write 1 or 0 to stall or open the router page of the CPU the
 * writer runs on (pin it with taskset); reading shows which page that is.
 * A hardware experiment for kernels without the stall mirror: stall, raise
 * sources, see them pending and the line low, open, see them delivered.
 * With the mirror the stage owns STALL and this is refused.
 */
static ssize_t router_stall_write(struct file *file, const char __user *ubuf,
				  size_t len, loff_t *ppos)
{
	unsigned long flags;
	void __iomem *reg;
	bool stall;
	int ret;

	ret = kstrtobool_from_user(ubuf, len, &stall);
	if (ret)
		return ret;
	if (router_mirror_enabled())
		return -EBUSY;
	flags = router_hard_save();
	reg = raw_cpu_read(router_stall.reg);
	if (reg)
		writel_relaxed(stall, reg);
	router_hard_restore(flags);
	return reg ? len : -ENXIO;
}

static int router_stall_show(struct seq_file *s, void *unused)
{
	struct irq_router *rt = s->private;
	unsigned int l;

	seq_puts(s, "cpu rcpu stall\n");
	for (l = 0; l < rt->nlines; l++)
		seq_printf(s, "%3u %4u %5u\n", rt->lines[l].cpu, rt->lines[l].rcpu,
			   readl_relaxed(rt->lines[l].page + IRQ_ROUTER_PAGE_STALL_OFFSET) &
				IRQ_ROUTER_PAGE_STALL_STALL_MASK);
	return 0;
}

static int router_stall_open(struct inode *inode, struct file *file)
{
	return single_open(file, router_stall_show, inode->i_private);
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

	/* API callers are modules that depend on this one: none is left. */
	cmpxchg(&router_primary, rt, NULL);
}

static void router_remove_domain(void *data)
{
	struct irq_router *rt = data;
	irq_hw_number_t hw;

	/* Requested IRQs pin the module, so what is left here is only mapped. */
	for (hw = 0; hw < ROUTER_NR_HWIRQ; hw++) {
		unsigned int virq = irq_find_mapping(rt->domain, hw);

		if (virq)
			irq_dispose_mapping(virq);
	}
	irq_domain_remove(rt->domain);
}

static void router_unhook_line(void *data)
{
	struct router_line *line = data;

	irq_set_chained_handler_and_data(line->parent_irq, NULL, NULL);
	irq_clear_status_flags(line->parent_irq, IRQ_NO_BALANCING);
}

static void router_remove_cpuhp(void *data)
{
	struct irq_router *rt = data;

	/* Runs router_cpu_offline() on every online CPU: all pages stalled. */
	cpuhp_state_remove_instance(router_cpuhp_state, &rt->cpuhp_node);
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
	    rt->ncpu < 1 || rt->ncpu > ROUTER_MAX_CPUS ||
	    rt->nipi < 1 || rt->nipi > ROUTER_MAX_IPIS ||
	    rt->tsw < 8 || rt->tsw > 32)
		return dev_err_probe(rt->dev, -ENODEV,
				     "HWCFG %#010x out of range (%u sources, %u CPUs, %u IPIs, %u-bit timestamps)\n",
				     hwcfg, rt->nsrc, rt->ncpu, rt->nipi, rt->tsw);
	return 0;
}

/*
 * In-band line @i of the node: its router CPU from interrupt-names
 * ("inband<c>"), its owner from interrupt-affinity. Returns 0, -ENOENT for
 * a line whose CPU Linux does not run (skipped), or an error.
 */
static int router_parse_line(struct irq_router *rt, unsigned int i, struct router_line *line)
{
	struct device_node *np = rt->dev->of_node, *cpu_np;
	const char *name;
	unsigned int rcpu;
	char tail;
	int cpu, ret;

	ret = of_property_read_string_index(np, "interrupt-names", i, &name);
	if (ret)
		return dev_err_probe(rt->dev, ret,
				     "interrupts entry %u has no interrupt-names entry\n", i);
	if (sscanf(name, "inband%u%c", &rcpu, &tail) != 1 || rcpu >= rt->ncpu)
		return dev_err_probe(rt->dev, -EINVAL,
				     "interrupt \"%s\" names no in-band line of router CPUs 0..%u\n",
				     name, rt->ncpu - 1);
	cpu_np = of_parse_phandle(np, "interrupt-affinity", i);
	if (!cpu_np)
		return dev_err_probe(rt->dev, -EINVAL,
				     "line \"%s\" has no interrupt-affinity entry\n", name);
	cpu = of_cpu_node_to_id(cpu_np);
	if (cpu < 0) {
		dev_info(rt->dev, "line \"%s\": %pOF is not a CPU Linux runs; line unused\n",
			 name, cpu_np);
		of_node_put(cpu_np);
		return -ENOENT;
	}
	of_node_put(cpu_np);
	line->rcpu = rcpu;
	line->cpu = cpu;
	return 0;
}

static int router_parse_lines(struct irq_router *rt, struct platform_device *pdev)
{
	struct device_node *np = rt->dev->of_node;
	unsigned long rcpus = 0;
	unsigned int i, l;
	int nirq, ret;

	nirq = platform_irq_count(pdev);
	if (nirq < 0)
		return nirq;
	if (!nirq)
		return dev_err_probe(rt->dev, -EINVAL, "no in-band lines in \"interrupts\"\n");
	if (nirq > ROUTER_MAX_CPUS ||
	    of_property_count_strings(np, "interrupt-names") != nirq ||
	    of_count_phandle_with_args(np, "interrupt-affinity", NULL) != nirq)
		return dev_err_probe(rt->dev, -EINVAL,
				     "%d in-band lines: need as many interrupt-names and interrupt-affinity entries (at most %u)\n",
				     nirq, ROUTER_MAX_CPUS);

	for (i = 0, l = 0; i < (unsigned int)nirq; i++) {
		struct router_line *line = &rt->lines[l];

		ret = router_parse_line(rt, i, line);
		if (ret == -ENOENT)
			continue;
		if (ret)
			return ret;
		if (test_and_set_bit(line->rcpu, &rcpus))
			return dev_err_probe(rt->dev, -EINVAL, "router CPU %u named twice\n",
					     line->rcpu);
		if (rt->cpu_line[line->cpu])
			return dev_err_probe(rt->dev, -EINVAL,
					     "CPU%u given the lines of router CPUs %u and %u\n",
					     line->cpu, rt->cpu_line[line->cpu]->rcpu, line->rcpu);
		ret = platform_get_irq(pdev, i);
		if (ret < 0)
			return ret;
		line->parent_irq = ret;
		line->rt = rt;
		rt->cpu_line[line->cpu] = line;
		l++;
	}
	if (!l)
		return dev_err_probe(rt->dev, -ENODEV,
				     "no in-band line belongs to a CPU Linux runs\n");
	rt->nlines = l;
	return 0;
}

static int router_map_windows(struct irq_router *rt, struct platform_device *pdev)
{
	struct resource *res;
	unsigned int l, pages = 0;
	int ret;

	res = platform_get_resource_byname(pdev, IORESOURCE_MEM, "global");
	if (!res)
		return dev_err_probe(rt->dev, -EINVAL, "no \"global\" register window\n");
	/* The driver reads the whole GLOBAL page; past a short window lies a fault. */
	if (resource_size(res) < ROUTER_GLOBAL_SIZE)
		return dev_err_probe(rt->dev, -EINVAL,
				     "\"global\" window %pR smaller than %u bytes\n",
				     res, ROUTER_GLOBAL_SIZE);
	rt->global = devm_ioremap_resource(rt->dev, res);
	if (IS_ERR(rt->global))
		return PTR_ERR(rt->global);
	ret = router_read_hwcfg(rt);
	if (ret)
		return ret;
	ret = router_parse_lines(rt, pdev);
	if (ret)
		return ret;

	/* Pages of router CPUs Linux does not own are never touched. */
	for (l = 0; l < rt->nlines; l++)
		pages = max(pages, rt->lines[l].rcpu + 1);
	res = platform_get_resource_byname(pdev, IORESOURCE_MEM, "inband");
	if (!res)
		return dev_err_probe(rt->dev, -EINVAL, "no \"inband\" register window\n");
	if (resource_size(res) < pages * IRQ_ROUTER_PAGE_STRIDE)
		return dev_err_probe(rt->dev, -EINVAL,
				     "\"inband\" window %pR too small for router CPU %u\n",
				     res, pages - 1);
	rt->inband = devm_ioremap_resource(rt->dev, res);
	if (IS_ERR(rt->inband))
		return PTR_ERR(rt->inband);
	for (l = 0; l < rt->nlines; l++)
		rt->lines[l].page = router_page(rt, rt->lines[l].rcpu);
	return 0;
}

static int router_hook_line(struct irq_router *rt, struct router_line *line)
{
	u32 status;
	int ret;

	line->src_count = devm_kcalloc(rt->dev, rt->nsrc, sizeof(*line->src_count), GFP_KERNEL);
	if (!line->src_count)
		return -ENOMEM;

	irq_set_chained_handler_and_data(line->parent_irq, router_line_handler, line);
	/* Its handler serves one CPU: irqbalance and /proc must not move it. */
	irq_set_status_flags(line->parent_irq, IRQ_NO_BALANCING);
	ret = devm_add_action_or_reset(rt->dev, router_unhook_line, line);
	if (ret)
		return ret;

	status = readl(line->page + IRQ_ROUTER_PAGE_STATUS_OFFSET);
	if (status & IRQ_ROUTER_PAGE_STATUS_OOB_STALLED_MASK)
		dev_warn(rt->dev,
			 "in-band line of router CPU %u is held low while its oob stage is stalled; the firmware must unstall it\n",
			 line->rcpu);
	return 0;
}

static int router_alloc_state(struct irq_router *rt)
{
	rt->cpu_line = devm_kcalloc(rt->dev, nr_cpu_ids, sizeof(*rt->cpu_line), GFP_KERNEL);
	rt->linux_srcs = devm_bitmap_zalloc(rt->dev, IRQ_ROUTER_GLOBAL_SRC_CFG_COUNT, GFP_KERNEL);
	rt->active = devm_bitmap_zalloc(rt->dev, IRQ_ROUTER_GLOBAL_SRC_CFG_COUNT, GFP_KERNEL);
	rt->cfg_shadow = devm_kcalloc(rt->dev, IRQ_ROUTER_GLOBAL_SRC_CFG_COUNT,
				      sizeof(*rt->cfg_shadow), GFP_KERNEL);
	return rt->cpu_line && rt->linux_srcs && rt->active && rt->cfg_shadow ? 0 : -ENOMEM;
}

static void router_add_debugfs(struct irq_router *rt)
{
	rt->debugfs = debugfs_create_dir(dev_name(rt->dev), router_debugfs_root);
	debugfs_create_file("sources", 0444, rt->debugfs, rt, &router_sources_fops);
	debugfs_create_file("lines", 0444, rt->debugfs, rt, &router_lines_fops);
	debugfs_create_file("latency", 0444, rt->debugfs, rt, &router_latency_fops);
	debugfs_create_file("errors", 0444, rt->debugfs, rt, &router_errors_fops);
	debugfs_create_file("ipi_oob", 0200, rt->debugfs, rt, &router_ipi_oob_fops);
	debugfs_create_file("stall", 0600, rt->debugfs, rt, &router_stall_fops);
}

static int router_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct irq_router *rt;
	bool primary;
	unsigned int l;
	char buf[64];
	u32 err;
	int ret;

	rt = devm_kzalloc(dev, sizeof(*rt), GFP_KERNEL);
	if (!rt)
		return -ENOMEM;
	rt->dev = dev;
	raw_spin_lock_init(&rt->cfg_lock);
	ret = router_alloc_state(rt);
	if (ret)
		return ret;
	ret = router_map_windows(rt, pdev);
	if (ret)
		return ret;

	/* Flags left by the firmware or an earlier driver: say so, leave them. */
	err = router_read_err(rt);
	if (err)
		dev_warn(dev, "ERR reads %#010x (%s) before Linux wrote anything\n", err,
			 router_err_decode(err, buf, sizeof(buf)));

	rt->domain = irq_domain_add_linear(dev->of_node, ROUTER_NR_HWIRQ, &router_domain_ops, rt);
	if (!rt->domain)
		return dev_err_probe(dev, -ENOMEM, "cannot create irq domain\n");
	ret = devm_add_action_or_reset(dev, router_remove_domain, rt);
	if (ret)
		return ret;

	for (l = 0; l < rt->nlines; l++) {
		ret = router_hook_line(rt, &rt->lines[l]);
		if (ret)
			return dev_err_probe(dev, ret, "in-band line of router CPU %u\n",
					     rt->lines[l].rcpu);
	}

	/* One router serves the CPUs' IPIs and stall bits; a second one is irqchip only. */
	primary = !cmpxchg(&router_primary, NULL, rt);
	if (primary) {
		ret = devm_add_action_or_reset(dev, router_unpublish, rt);
		if (ret)
			return ret;
	} else {
		dev_info(dev, "another router serves the CPUs' IPIs and stall bits\n");
	}
	platform_set_drvdata(pdev, rt);

	/*
	 * Pages reset stalled (spec §3). Each online CPU pins its line and
	 * opens its own page now, and every CPU again whenever it comes
	 * online; it stalls it before going offline.
	 */
	ret = cpuhp_state_add_instance(router_cpuhp_state, &rt->cpuhp_node);
	if (ret)
		return dev_err_probe(dev, ret, "cannot follow CPU hotplug\n");
	ret = devm_add_action_or_reset(dev, router_remove_cpuhp, rt);
	if (ret)
		return ret;

	if (router_debugfs_root) {
		router_add_debugfs(rt);
		ret = devm_add_action_or_reset(dev, router_remove_debugfs, rt);
		if (ret)
			return ret;
	}

	if (primary)
		router_mirror_enable(rt);

	dev_info(dev, "IRQR v%u.%u: %u sources, %u CPUs (%u in-band lines), %u IPI vectors, %u-bit timestamps\n",
		 FIELD_GET(IRQ_ROUTER_GLOBAL_VERSION_MAJOR_MASK, rt->version),
		 FIELD_GET(IRQ_ROUTER_GLOBAL_VERSION_MINOR_MASK, rt->version),
		 rt->nsrc, rt->ncpu, rt->nlines, rt->nipi, rt->tsw);
	for (l = 0; l < rt->nlines; l++)
		dev_dbg(dev, "in-band line of router CPU %u: irq %d, CPU%u\n", rt->lines[l].rcpu,
			rt->lines[l].parent_irq, rt->lines[l].cpu);
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
		.pm			= pm_sleep_ptr(&router_pm_ops),
		/* Unbinding under live consumers would pull their irq_desc away. */
		.suppress_bind_attrs	= true,
	},
};

static int __init router_init(void)
{
	int ret;

	ret = cpuhp_setup_state_multi(CPUHP_AP_ONLINE_DYN, "irqchip/irq-router:online",
				      router_cpu_online, router_cpu_offline);
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

MODULE_DESCRIPTION("Zynq UltraScale+ irq router: in-band irqchip, IPIs and stall mirror");
MODULE_LICENSE("GPL");
