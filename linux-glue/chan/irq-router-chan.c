// SPDX-License-Identifier: GPL-2.0
/*
 * The Linux end of the oob core's message channel (partitioned mode).
 *
 * The oob core (Secure EL1 on its own CPU) and Linux share a region that
 * both map Normal, Inner Shareable, Non-secure. It holds two
 * single-producer single-consumer rings whose layout is rt-core's
 * (include/irq_router_chan.h). This module maps the region from the
 * node's memory-region, checks the header the oob core writes, and
 * exposes the rings as /dev/oob-chan:
 *
 *  - read() returns one message (at least OOBCHAN_MAX_PAYLOAD bytes of
 *    buffer), blocking until one arrives unless O_NONBLOCK (-EAGAIN);
 *  - write() posts one message of 0..OOBCHAN_MAX_PAYLOAD bytes (longer:
 *    -EMSGSIZE); a full ring gives -EAGAIN with O_NONBLOCK and blocks
 *    otherwise; nothing is ever overwritten;
 *  - poll() reports EPOLLIN / EPOLLOUT.
 *
 * Doorbells: the oob core sets the node's interrupt (a spare SPI) pending
 * when it posts to an empty ring; Linux raises a group-0 SGI at the oob
 * CPU through GICD_SGIR (the node's "sgir" register) when it posts to an
 * empty ring, which the EL3 monitor allows through GICD_NSACR. Each side
 * rings only when the other may be asleep; the fences that close the
 * lost-wakeup race are those of rt-core's channel.rs. A writer blocked on
 * a full ring is woken by the next doorbell or, at the latest, after
 * OOBCHAN_FULL_RETRY_MS (the oob core does not ring when it frees a slot).
 *
 * Nothing from the oob side is trusted: a slot whose length exceeds
 * OOBCHAN_MAX_PAYLOAD is counted and dropped, a producer index more than
 * a ring ahead is counted and the ring treated as empty.
 */

#include <linux/debugfs.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/of.h>
#include <linux/of_address.h>
#include <linux/platform_device.h>
#include <linux/poll.h>
#include <linux/seq_file.h>
#include <linux/uaccess.h>
#include <linux/wait.h>

#include <asm/unaligned.h>

#include "irq_router_chan.h"

#define OOBCHAN_FULL_RETRY_MS	10

struct oobchan_ring {
	void *base;
	u32 slots;
};

struct oobchan {
	struct device *dev;
	void *shm;
	resource_size_t shm_size;
	struct oobchan_ring rx;	/* oob -> Linux: we consume */
	struct oobchan_ring tx;	/* Linux -> oob: we produce */
	void __iomem *sgir;
	u32 sgir_value;
	wait_queue_head_t rx_wq;
	wait_queue_head_t tx_wq;
	struct mutex rx_lock;	/* single consumer */
	struct mutex tx_lock;	/* single producer */
	struct miscdevice misc;
	struct dentry *debugfs;
	atomic64_t rx_msgs, tx_msgs, malformed, doorbells_in, doorbells_out;
	atomic64_t tx_full, injected;
};

static u32 *oobchan_index(struct oobchan_ring *r, unsigned int off)
{
	return r->base + off;
}

static u8 *oobchan_slot(struct oobchan_ring *r, u32 index)
{
	return r->base + OOBCHAN_RING_SLOT0 +
	       (index & (r->slots - 1)) * OOBCHAN_SLOT_SIZE;
}

/* Messages waiting in @r, or -EIO if its producer index cannot be true. */
static int oobchan_pending(struct oobchan_ring *r)
{
	/* Pairs with the producer's release of head: slots before head. */
	u32 head = smp_load_acquire(oobchan_index(r, OOBCHAN_RING_HEAD));
	u32 tail = READ_ONCE(*oobchan_index(r, OOBCHAN_RING_TAIL));

	if (head - tail > r->slots)
		return -EIO;
	return head - tail;
}

/*
 * Takes one message from the oob core into @buf. Returns its length,
 * -EAGAIN if the ring is empty, -EIO if the producer index is corrupt.
 * Malformed slots are counted and skipped.
 */
static int oobchan_recv(struct oobchan *c, u8 *buf)
{
	struct oobchan_ring *r = &c->rx;
	u32 *tailp = oobchan_index(r, OOBCHAN_RING_TAIL);

	for (;;) {
		u32 tail = READ_ONCE(*tailp);
		/* Pairs with the producer's release: the slot is written. */
		u32 head = smp_load_acquire(oobchan_index(r, OOBCHAN_RING_HEAD));
		u8 *slot;
		u16 len;

		if (head == tail)
			return -EAGAIN;
		if (head - tail > r->slots) {
			atomic64_inc(&c->malformed);
			return -EIO;
		}
		slot = oobchan_slot(r, tail);
		len = get_unaligned_le16(slot);
		if (len <= OOBCHAN_MAX_PAYLOAD)
			memcpy(buf, slot + 2, len);
		/* The slot is read before the producer may reuse it. */
		smp_store_release(tailp, tail + 1);
		if (len <= OOBCHAN_MAX_PAYLOAD) {
			atomic64_inc(&c->rx_msgs);
			return len;
		}
		atomic64_inc(&c->malformed);
	}
}

static void oobchan_ring_oob(struct oobchan *c)
{
	/* The message is visible before the SGI (GICv2 SGIR is Device memory). */
	wmb();
	writel_relaxed(c->sgir_value, c->sgir);
	atomic64_inc(&c->doorbells_out);
}

/*
 * Posts @len bytes under the length word @claimed (@len for every real
 * message); -EAGAIN if the ring is full. Caller holds tx_lock.
 */
static int oobchan_post(struct oobchan *c, const u8 *msg, size_t len,
			u16 claimed)
{
	struct oobchan_ring *r = &c->tx;
	u32 *headp = oobchan_index(r, OOBCHAN_RING_HEAD);
	u32 *tailp = oobchan_index(r, OOBCHAN_RING_TAIL);
	u32 head = READ_ONCE(*headp);
	/* Pairs with the consumer's release: its read of the slot is done. */
	u32 tail = smp_load_acquire(tailp);
	u8 *slot;

	if (head - tail >= r->slots)
		return -EAGAIN;
	slot = oobchan_slot(r, head);
	put_unaligned_le16(claimed, slot);
	if (len)
		memcpy(slot + 2, msg, len);
	/* The slot is written before the consumer can see head move. */
	smp_store_release(headp, head + 1);
	/* Publish head, then look at tail: rt-core's doorbell protocol. */
	smp_mb();
	if (READ_ONCE(*tailp) == head)
		oobchan_ring_oob(c);
	return 0;
}

/* Posts one message; -EAGAIN if the ring is full. Caller holds tx_lock. */
static int oobchan_send(struct oobchan *c, const u8 *msg, size_t len)
{
	int ret = oobchan_post(c, msg, len, len);

	if (!ret)
		atomic64_inc(&c->tx_msgs);
	return ret;
}

static bool oobchan_tx_room(struct oobchan *c)
{
	struct oobchan_ring *r = &c->tx;
	u32 head = READ_ONCE(*oobchan_index(r, OOBCHAN_RING_HEAD));
	/* Pairs with the consumer's release of tail. */
	u32 tail = smp_load_acquire(oobchan_index(r, OOBCHAN_RING_TAIL));

	return head - tail < r->slots;
}

static bool oobchan_rx_ready(struct oobchan *c)
{
	/* Our tail is published; order it before reading head (see above). */
	smp_mb();
	return oobchan_pending(&c->rx) != 0;
}

static irqreturn_t oobchan_doorbell(int irq, void *data)
{
	struct oobchan *c = data;

	atomic64_inc(&c->doorbells_in);
	wake_up_interruptible(&c->rx_wq);
	wake_up_interruptible(&c->tx_wq);
	return IRQ_HANDLED;
}

static struct oobchan *oobchan_of(struct file *f)
{
	return container_of(f->private_data, struct oobchan, misc);
}

static ssize_t oobchan_read(struct file *f, char __user *ubuf, size_t count,
			    loff_t *ppos)
{
	struct oobchan *c = oobchan_of(f);
	u8 buf[OOBCHAN_MAX_PAYLOAD];
	int len;

	if (count < OOBCHAN_MAX_PAYLOAD)
		return -EINVAL;
	if (mutex_lock_interruptible(&c->rx_lock))
		return -ERESTARTSYS;
	for (;;) {
		len = oobchan_recv(c, buf);
		if (len != -EAGAIN || (f->f_flags & O_NONBLOCK))
			break;
		mutex_unlock(&c->rx_lock);
		if (wait_event_interruptible(c->rx_wq, oobchan_rx_ready(c)))
			return -ERESTARTSYS;
		if (mutex_lock_interruptible(&c->rx_lock))
			return -ERESTARTSYS;
	}
	mutex_unlock(&c->rx_lock);
	if (len < 0)
		return len;
	if (copy_to_user(ubuf, buf, len))
		return -EFAULT;
	return len;
}

static ssize_t oobchan_write(struct file *f, const char __user *ubuf,
			     size_t count, loff_t *ppos)
{
	struct oobchan *c = oobchan_of(f);
	u8 buf[OOBCHAN_MAX_PAYLOAD];
	int ret;

	if (count > OOBCHAN_MAX_PAYLOAD)
		return -EMSGSIZE;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	if (mutex_lock_interruptible(&c->tx_lock))
		return -ERESTARTSYS;
	for (;;) {
		ret = oobchan_send(c, buf, count);
		if (ret != -EAGAIN)
			break;
		atomic64_inc(&c->tx_full);
		if (f->f_flags & O_NONBLOCK)
			break;
		ret = wait_event_interruptible_timeout(c->tx_wq,
						       oobchan_tx_room(c),
						       msecs_to_jiffies(OOBCHAN_FULL_RETRY_MS));
		if (ret < 0)
			break;
	}
	mutex_unlock(&c->tx_lock);
	return ret < 0 ? ret : count;
}

static __poll_t oobchan_poll(struct file *f, poll_table *wait)
{
	struct oobchan *c = oobchan_of(f);
	__poll_t mask = 0;

	poll_wait(f, &c->rx_wq, wait);
	poll_wait(f, &c->tx_wq, wait);
	if (oobchan_rx_ready(c))
		mask |= EPOLLIN | EPOLLRDNORM;
	if (oobchan_tx_room(c))
		mask |= EPOLLOUT | EPOLLWRNORM;
	return mask;
}

static const struct file_operations oobchan_fops = {
	.owner = THIS_MODULE,
	.read = oobchan_read,
	.write = oobchan_write,
	.poll = oobchan_poll,
	.llseek = noop_llseek,
};

static int oobchan_stats_show(struct seq_file *s, void *unused)
{
	struct oobchan *c = s->private;

	seq_printf(s, "rx %lld\ntx %lld\nmalformed %lld\ntx_full %lld\n",
		   atomic64_read(&c->rx_msgs), atomic64_read(&c->tx_msgs),
		   atomic64_read(&c->malformed), atomic64_read(&c->tx_full));
	seq_printf(s, "doorbells_in %lld\ndoorbells_out %lld\ninjected %lld\n",
		   atomic64_read(&c->doorbells_in),
		   atomic64_read(&c->doorbells_out),
		   atomic64_read(&c->injected));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(oobchan_stats);

/*
 * Test hook, debugfs "inject_bad_length": writing a number N greater than
 * OOBCHAN_MAX_PAYLOAD posts one message whose length word is N (payload
 * empty), so a test can check end to end that the oob core counts and
 * drops a malformed message instead of trusting it. The message goes
 * through the ordinary producer path, in order with the others.
 */
static ssize_t oobchan_inject_write(struct file *f, const char __user *ubuf,
				    size_t count, loff_t *ppos)
{
	struct oobchan *c = f->private_data;
	u16 claimed;
	int ret;

	ret = kstrtou16_from_user(ubuf, count, 0, &claimed);
	if (ret)
		return ret;
	if (claimed <= OOBCHAN_MAX_PAYLOAD)
		return -EINVAL;
	if (mutex_lock_interruptible(&c->tx_lock))
		return -ERESTARTSYS;
	ret = oobchan_post(c, NULL, 0, claimed);
	mutex_unlock(&c->tx_lock);
	if (ret)
		return ret;
	atomic64_inc(&c->injected);
	return count;
}

static const struct file_operations oobchan_inject_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = oobchan_inject_write,
	.llseek = noop_llseek,
};

/* Checks the header the oob core wrote and sets up one ring from it. */
static int oobchan_ring_at(struct oobchan *c, unsigned int hdr_off,
			   u32 slots, struct oobchan_ring *r)
{
	u32 off = READ_ONCE(*(u32 *)(c->shm + hdr_off));
	resource_size_t size = OOBCHAN_RING_SLOT0 +
			       (resource_size_t)slots * OOBCHAN_SLOT_SIZE;

	if (off % 64 || off < 64 || off > c->shm_size ||
	    size > c->shm_size - off)
		return dev_err_probe(c->dev, -EINVAL,
				     "ring at %#x (%u slots) outside the %pa byte region\n",
				     off, slots, &c->shm_size);
	r->base = c->shm + off;
	r->slots = slots;
	return 0;
}

static int oobchan_map_header(struct oobchan *c)
{
	/* The oob core writes the magic last, with release semantics. */
	u64 magic = smp_load_acquire((u64 *)(c->shm + OOBCHAN_HDR_MAGIC));
	u32 version, slots;
	int ret;

	if (magic != OOBCHAN_MAGIC)
		return dev_err_probe(c->dev, -ENODEV,
				     "no channel laid out by the oob core (magic %#llx)\n",
				     magic);
	version = READ_ONCE(*(u32 *)(c->shm + OOBCHAN_HDR_VERSION));
	slots = READ_ONCE(*(u32 *)(c->shm + OOBCHAN_HDR_SLOTS));
	if (version != OOBCHAN_VERSION)
		return dev_err_probe(c->dev, -EINVAL,
				     "channel layout version %u, expected %u\n",
				     version, OOBCHAN_VERSION);
	if (!slots || slots & (slots - 1) || slots > 65536)
		return dev_err_probe(c->dev, -EINVAL,
				     "ring size %u is not a power of two\n", slots);
	ret = oobchan_ring_at(c, OOBCHAN_HDR_TO_LINUX, slots, &c->rx);
	if (ret)
		return ret;
	return oobchan_ring_at(c, OOBCHAN_HDR_TO_OOB, slots, &c->tx);
}

static int oobchan_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct device_node *mem;
	struct resource res;
	struct oobchan *c;
	u32 sgi, cpu;
	int irq, ret;

	c = devm_kzalloc(dev, sizeof(*c), GFP_KERNEL);
	if (!c)
		return -ENOMEM;
	c->dev = dev;
	mem = of_parse_phandle(dev->of_node, "memory-region", 0);
	if (!mem)
		return dev_err_probe(dev, -EINVAL, "no memory-region\n");
	ret = of_address_to_resource(mem, 0, &res);
	of_node_put(mem);
	if (ret)
		return dev_err_probe(dev, ret, "memory-region has no reg\n");
	c->shm_size = resource_size(&res);
	/* Normal write-back, inner shareable: the oob core's mapping too. */
	c->shm = devm_memremap(dev, res.start, c->shm_size, MEMREMAP_WB);
	if (IS_ERR(c->shm))
		return dev_err_probe(dev, PTR_ERR(c->shm), "cannot map %pR\n",
				     &res);
	ret = oobchan_map_header(c);
	if (ret)
		return ret;

	if (of_property_read_u32(dev->of_node, "irqpipe,oob-sgi", &sgi) ||
	    sgi > 15 ||
	    of_property_read_u32(dev->of_node, "irqpipe,oob-cpu", &cpu) ||
	    cpu > 7)
		return dev_err_probe(dev, -EINVAL,
				     "irqpipe,oob-sgi (0..15) and irqpipe,oob-cpu (0..7) are required\n");
	/* GICD_SGIR: target list = the oob CPU, NSATT = 0 (group 0), SGI. */
	c->sgir_value = BIT(16 + cpu) | sgi;
	c->sgir = devm_platform_ioremap_resource_byname(pdev, "sgir");
	if (IS_ERR(c->sgir))
		return PTR_ERR(c->sgir);

	init_waitqueue_head(&c->rx_wq);
	init_waitqueue_head(&c->tx_wq);
	mutex_init(&c->rx_lock);
	mutex_init(&c->tx_lock);
	irq = platform_get_irq(pdev, 0);
	if (irq < 0)
		return irq;
	ret = devm_request_irq(dev, irq, oobchan_doorbell, 0, "oob-chan", c);
	if (ret)
		return dev_err_probe(dev, ret, "cannot request doorbell IRQ\n");

	c->misc.minor = MISC_DYNAMIC_MINOR;
	c->misc.name = "oob-chan";
	c->misc.fops = &oobchan_fops;
	c->misc.parent = dev;
	ret = misc_register(&c->misc);
	if (ret)
		return ret;
	c->debugfs = debugfs_create_dir("oob-chan", NULL);
	debugfs_create_file("stats", 0444, c->debugfs, c, &oobchan_stats_fops);
	debugfs_create_file("inject_bad_length", 0200, c->debugfs, c,
			    &oobchan_inject_fops);
	platform_set_drvdata(pdev, c);
	dev_info(dev, "%u-slot rings at %pR, doorbell in IRQ %d, out SGI %u to CPU %u\n",
		 c->rx.slots, &res, irq, sgi, cpu);
	return 0;
}

static int oobchan_remove(struct platform_device *pdev)
{
	struct oobchan *c = platform_get_drvdata(pdev);

	debugfs_remove_recursive(c->debugfs);
	misc_deregister(&c->misc);
	return 0;
}

static const struct of_device_id oobchan_of_match[] = {
	{ .compatible = "irqpipe,oob-channel-1.0" },
	{ }
};
MODULE_DEVICE_TABLE(of, oobchan_of_match);

static struct platform_driver oobchan_driver = {
	.probe = oobchan_probe,
	.remove = oobchan_remove,
	.driver = {
		.name = "irq-router-chan",
		.of_match_table = oobchan_of_match,
	},
};
module_platform_driver(oobchan_driver);

MODULE_DESCRIPTION("Message channel to the oob core (partitioned mode)");
MODULE_LICENSE("GPL");
