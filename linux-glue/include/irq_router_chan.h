/* SPDX-License-Identifier: (GPL-2.0 OR MIT) */
/*
 * The shared-memory channel between the oob core and Linux in partitioned
 * mode: the byte layout both sides follow. The oob side is Rust
 * (firmware/rt-core/src/channel.rs: struct Ring; firmware/partition-map:
 * the region's header and ring offsets); tests/qemu-partitioned checks
 * every value below against those definitions, so this header cannot drift.
 *
 * Region: a header at 0, then one ring per direction at the offsets the
 * header gives. Ring: producer index (u32) at 0, consumer index (u32) at
 * 64 (their own cache lines), then SLOTS slots of 64 bytes, each a
 * little-endian u16 length and up to 62 payload bytes. Indices count
 * messages and wrap at 2^32; a slot is index % SLOTS.
 */
#ifndef IRQ_ROUTER_CHAN_H
#define IRQ_ROUTER_CHAN_H

#define OOBCHAN_MAGIC		0x314e414843424f4fULL	/* "OOBCHAN1" */
#define OOBCHAN_VERSION		1

#define OOBCHAN_HDR_MAGIC	0
#define OOBCHAN_HDR_VERSION	8
#define OOBCHAN_HDR_SLOTS	12
#define OOBCHAN_HDR_TO_LINUX	16
#define OOBCHAN_HDR_TO_OOB	20

#define OOBCHAN_RING_HEAD	0
#define OOBCHAN_RING_TAIL	64
#define OOBCHAN_RING_SLOT0	128
#define OOBCHAN_SLOT_SIZE	64
#define OOBCHAN_MAX_PAYLOAD	62

#endif /* IRQ_ROUTER_CHAN_H */
