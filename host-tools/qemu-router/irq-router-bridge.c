/*
 * irq-router-bridge: the PL window of xlnx-zcu102 forwarded to a simulator.
 *
 * Every 32-bit access to the window is sent, blocking and in order, to a
 * simulator process over a Unix stream socket (host-tools/router-bridge,
 * which runs the Verilated irq router), stamped with the current
 * QEMU_CLOCK_VIRTUAL time and the access's TrustZone/privilege state
 * (AXI AxPROT). Each reply carries the data, the AXI response and the level
 * of the simulator's 8 interrupt lines, which drive this device's 8 GPIO
 * outputs (the board wires them to pl_ps_irq0[7:0]). A reply also names the
 * virtual time at which the simulator wants to be asked again (a SYNC), so
 * it can raise lines while the guest does not touch the window.
 *
 * The wire format is specified in host-tools/router-bridge/README.md
 * (section "Protocol") and in host-tools/router-bridge/src/protocol.rs;
 * a test there checks the constants below against it.
 *
 * A simulator that does not answer within timeout-ms ends QEMU with an
 * error instead of hanging it (the request holds QEMU's global lock).
 *
 * Part of zynq-irq-pipeline (MIT OR Apache-2.0 for this file's own code;
 * it is compiled into QEMU, GPL-2.0-or-later, as part of that program).
 */

#include "qemu/osdep.h"
#include "qemu/error-report.h"
#include "qemu/log.h"
#include "qemu/module.h"
#include "qemu/sockets.h"
#include "qemu/timer.h"
#include "qapi/error.h"
#include "hw/sysbus.h"
#include "hw/irq.h"
#include "hw/qdev-properties.h"
#include "qom/object.h"

#define TYPE_IRQ_ROUTER_BRIDGE "irq-router-bridge"
OBJECT_DECLARE_SIMPLE_TYPE(IrqRouterBridge, IRQ_ROUTER_BRIDGE)

/* Protocol constants (host-tools/router-bridge/src/protocol.rs). */
#define RB_PROTOCOL_VERSION 1
#define RB_FRAME_SIZE 32
#define RB_HELLO 1
#define RB_READ 2
#define RB_WRITE 3
#define RB_SYNC 4
#define RB_RESP_OKAY 0
#define RB_RESP_SLVERR 2
#define RB_RESP_DECERR 3
#define RB_NO_SYNC UINT64_MAX
#define RB_NUM_LINES 8
#define RB_PROT_PRIVILEGED 1
#define RB_PROT_NONSECURE 2

struct IrqRouterBridge {
    SysBusDevice parent_obj;

    MemoryRegion mmio;
    qemu_irq lines[RB_NUM_LINES];
    QEMUTimer *sync_timer;
    int fd;
    uint8_t level;

    char *socket_path;
    uint32_t size;
    uint32_t timeout_ms;
};

static void put_u32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++) {
        p[i] = v >> (8 * i);
    }
}

static void put_u64(uint8_t *p, uint64_t v)
{
    for (int i = 0; i < 8; i++) {
        p[i] = v >> (8 * i);
    }
}

static uint32_t get_u32(const uint8_t *p)
{
    uint32_t v = 0;
    for (int i = 3; i >= 0; i--) {
        v = (v << 8) | p[i];
    }
    return v;
}

static uint64_t get_u64(const uint8_t *p)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--) {
        v = (v << 8) | p[i];
    }
    return v;
}

/* A broken or silent simulator ends the run: nothing sensible can go on. */
static void G_NORETURN bridge_fail(IrqRouterBridge *s, const char *what, int err)
{
    if (err == EAGAIN || err == EWOULDBLOCK) {
        error_report("irq-router-bridge: the simulator at %s did not answer "
                     "within %u ms (%s); is router-bridge still running?",
                     s->socket_path, s->timeout_ms, what);
    } else if (err == 0) {
        error_report("irq-router-bridge: the simulator at %s closed the "
                     "connection (%s)", s->socket_path, what);
    } else {
        error_report("irq-router-bridge: %s on %s: %s", what, s->socket_path,
                     strerror(err));
    }
    exit(1);
}

static void send_all(IrqRouterBridge *s, const uint8_t *buf, size_t len)
{
    while (len) {
        ssize_t n = send(s->fd, buf, len, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            bridge_fail(s, "sending a request", n < 0 ? errno : 0);
        }
        buf += n;
        len -= n;
    }
}

static void recv_all(IrqRouterBridge *s, uint8_t *buf, size_t len)
{
    while (len) {
        ssize_t n = recv(s->fd, buf, len, 0);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            bridge_fail(s, "waiting for a reply", n < 0 ? errno : 0);
        }
        buf += n;
        len -= n;
    }
}

/*
 * One request and its reply. Updates the output lines and re-arms the sync
 * timer from the reply; returns the reply's data and AXI response.
 */
static uint8_t bridge_call(IrqRouterBridge *s, uint8_t kind, uint8_t prot,
                           uint32_t addr, uint64_t data, uint32_t *rdata)
{
    uint8_t req[RB_FRAME_SIZE] = { 0 };
    uint8_t rep[RB_FRAME_SIZE];
    uint64_t now = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);

    req[0] = kind;
    req[1] = 4;
    req[2] = prot;
    put_u32(req + 4, addr);
    put_u64(req + 8, now);
    put_u64(req + 16, data);
    put_u64(req + 24, kind == RB_HELLO ? s->size : 0);
    send_all(s, req, sizeof(req));
    recv_all(s, rep, sizeof(rep));
    if (rep[0] != kind) {
        error_report("irq-router-bridge: reply kind %u to a request of kind "
                     "%u: protocol mismatch with the simulator at %s",
                     rep[0], kind, s->socket_path);
        exit(1);
    }

    uint8_t level = rep[2];
    for (int i = 0; i < RB_NUM_LINES; i++) {
        if ((level ^ s->level) & (1u << i)) {
            qemu_set_irq(s->lines[i], (level >> i) & 1);
        }
    }
    s->level = level;

    uint64_t next = get_u64(rep + 8);
    if (next == RB_NO_SYNC) {
        timer_del(s->sync_timer);
    } else {
        timer_mod(s->sync_timer, MAX(next, now + 1));
    }
    if (rdata) {
        *rdata = get_u32(rep + 4);
    }
    return rep[1];
}

static uint8_t axprot(MemTxAttrs attrs)
{
    return (attrs.user ? 0 : RB_PROT_PRIVILEGED)
         | (attrs.secure ? 0 : RB_PROT_NONSECURE);
}

static MemTxResult axi_result(uint8_t resp)
{
    switch (resp) {
    case RB_RESP_OKAY:
        return MEMTX_OK;
    case RB_RESP_DECERR:
        return MEMTX_DECODE_ERROR;
    default:
        return MEMTX_ERROR;
    }
}

static MemTxResult bridge_read(void *opaque, hwaddr addr, uint64_t *data,
                               unsigned size, MemTxAttrs attrs)
{
    IrqRouterBridge *s = opaque;
    uint32_t v = 0;
    uint8_t resp = bridge_call(s, RB_READ, axprot(attrs), addr, 0, &v);

    *data = v;
    return axi_result(resp);
}

static MemTxResult bridge_write(void *opaque, hwaddr addr, uint64_t data,
                                unsigned size, MemTxAttrs attrs)
{
    IrqRouterBridge *s = opaque;

    return axi_result(bridge_call(s, RB_WRITE, axprot(attrs), addr, data, NULL));
}

static const MemoryRegionOps bridge_ops = {
    .read_with_attrs = bridge_read,
    .write_with_attrs = bridge_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    /* An AXI4-Lite slave with a 32-bit data bus; no narrow or wide access. */
    .valid.min_access_size = 4,
    .valid.max_access_size = 4,
    .impl.min_access_size = 4,
    .impl.max_access_size = 4,
};

static void bridge_sync(void *opaque)
{
    IrqRouterBridge *s = opaque;

    bridge_call(s, RB_SYNC, 0, 0, 0, NULL);
}

static void bridge_realize(DeviceState *dev, Error **errp)
{
    IrqRouterBridge *s = IRQ_ROUTER_BRIDGE(dev);
    struct timeval tv = {
        .tv_sec = s->timeout_ms / 1000,
        .tv_usec = (s->timeout_ms % 1000) * 1000,
    };

    if (!s->socket_path || !*s->socket_path) {
        error_setg(errp, "irq-router-bridge: no simulator socket given");
        return;
    }
    if (s->timeout_ms == 0) {
        error_setg(errp, "irq-router-bridge: timeout-ms must be positive");
        return;
    }
    s->fd = unix_connect(s->socket_path, errp);
    if (s->fd < 0) {
        error_prepend(errp, "irq-router-bridge: cannot reach the simulator "
                      "(start host-tools/router-bridge first): ");
        return;
    }
    qemu_socket_set_block(s->fd);
    if (setsockopt(s->fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) < 0 ||
        setsockopt(s->fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv)) < 0) {
        error_setg_errno(errp, errno, "irq-router-bridge: socket timeout");
        return;
    }

    memory_region_init_io(&s->mmio, OBJECT(s), &bridge_ops, s,
                          TYPE_IRQ_ROUTER_BRIDGE, s->size);
    sysbus_init_mmio(SYS_BUS_DEVICE(dev), &s->mmio);
    for (int i = 0; i < RB_NUM_LINES; i++) {
        sysbus_init_irq(SYS_BUS_DEVICE(dev), &s->lines[i]);
    }
    s->sync_timer = timer_new_ns(QEMU_CLOCK_VIRTUAL, bridge_sync, s);
    /* The simulator learns the protocol version and window size. */
    bridge_call(s, RB_HELLO, 0, 0, RB_PROTOCOL_VERSION, NULL);
}

static Property bridge_properties[] = {
    DEFINE_PROP_STRING("socket", IrqRouterBridge, socket_path),
    DEFINE_PROP_UINT32("size", IrqRouterBridge, size, 0x40000),
    DEFINE_PROP_UINT32("timeout-ms", IrqRouterBridge, timeout_ms, 60000),
    DEFINE_PROP_END_OF_LIST(),
};

static void bridge_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->realize = bridge_realize;
    dc->desc = "PL window forwarded to an RTL simulator (zynq-irq-pipeline)";
    /* Created by the machine (router-socket=...), never by -device. */
    dc->user_creatable = false;
    device_class_set_props(dc, bridge_properties);
}

static const TypeInfo bridge_info = {
    .name = TYPE_IRQ_ROUTER_BRIDGE,
    .parent = TYPE_SYS_BUS_DEVICE,
    .instance_size = sizeof(IrqRouterBridge),
    .class_init = bridge_class_init,
};

static void bridge_register_types(void)
{
    type_register_static(&bridge_info);
}

type_init(bridge_register_types)
