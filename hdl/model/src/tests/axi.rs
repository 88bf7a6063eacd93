//! Spec §9: the AXI4-Lite slave and bad accesses.

use super::*;
use crate::PinsIn;

#[test]
fn reset_outputs() {
    let mut b = bus();
    let o = b.dut.outputs();
    assert_eq!((o.irq_oob, o.irq_inb), (0, 0));
    assert!(o.awready && o.wready && o.arready);
    assert!(!o.bvalid && !o.rvalid);
    // Reset in the middle of everything.
    unstall_cpu(&mut b, 0);
    set_cfg(&mut b, 0, cfgw(true, true, false, 0, 0));
    b.inp.src = 1;
    b.ticks(3);
    b.inp.rready = false;
    b.inp.bready = false;
    b.post_read(g::ID);
    b.post_write(pa(0, INB, p::STALL), 1);
    b.ticks(3);
    let o = b.out;
    assert!(o.rvalid && o.bvalid && o.irq_oob == 1);
    b.dut.reset();
    let o = b.dut.outputs();
    assert_eq!(
        o.canonical(),
        crate::PinsOut {
            awready: true,
            wready: true,
            arready: true,
            ..Default::default()
        }
    );
    assert_eq!(b.dut.cycle(), 0);
    assert!(b.dut.stall(0, OOB));
    assert_eq!(b.dut.src_cfg(0).bits(), 0);
    assert_eq!(b.dut.pending_mask(), 0);
}

#[test]
fn write_handshake_timing_and_backpressure() {
    let mut b = bus();
    b.inp.bready = false;
    // W first, AW three edges later.
    b.inp.wvalid = true;
    b.inp.wdata = 0;
    b.inp.wstrb = 0xF;
    b.tick();
    assert!(!b.out.wready && b.out.awready);
    b.ticks(2);
    b.inp.awvalid = true;
    b.inp.awaddr = pa(0, OOB, p::STALL);
    b.tick();
    let h = b.edge;
    assert!(!b.out.awready && !b.out.wready && !b.out.bvalid);
    assert!(b.dut.stall(0, OOB));
    b.tick();
    assert!(b.out.bvalid && b.out.awready && b.out.wready);
    assert_eq!(b.writes.last().unwrap().edge, h + 1);
    assert!(!b.dut.stall(0, OOB));
    // A second write is accepted but cannot execute while B waits.
    b.post_write(pa(0, OOB, p::STALL), 1);
    b.tick();
    assert!(!b.out.awready && !b.out.wready);
    b.ticks(5);
    assert!(b.out.bvalid);
    assert_eq!(b.out.bresp, resp::OKAY);
    assert!(!b.dut.stall(0, OOB), "not executed while BVALID waits");
    b.inp.bready = true;
    b.tick(); // B handshake
    assert!(!b.out.bvalid);
    assert!(!b.dut.stall(0, OOB));
    b.tick(); // the second write executes
    assert!(b.out.bvalid);
    assert!(b.dut.stall(0, OOB));
}

#[test]
fn read_backpressure_holds_data() {
    let mut b = bus();
    b.inp.rready = false;
    b.post_read(g::ID);
    b.tick();
    assert!(b.out.rvalid && !b.out.arready);
    assert_eq!(b.out.rdata, regs::ID_VALUE);
    b.post_read(g::VERSION);
    b.ticks(4);
    assert_eq!(
        b.out.rdata,
        regs::ID_VALUE,
        "RDATA holds while RREADY is low"
    );
    assert!(b.inp.arvalid, "AR not accepted");
    b.inp.rready = true;
    b.tick(); // R handshake; AR not ready at this edge
    assert!(!b.out.rvalid && b.out.arready);
    b.tick(); // AR handshake
    assert!(b.out.rvalid);
    assert_eq!(b.out.rdata, regs::VERSION_VALUE);
    // Back-to-back reads with RREADY high: one every two edges.
    let r1 = b.read(g::ID);
    let r2 = b.read(g::ID);
    assert_eq!(r2.edge - r1.edge, 2);
}

#[test]
fn decerr() {
    let mut b = bus(); // NCPU = 4
    for addr in [
        0x0_1000, 0x0_4000, 0x0_7FFC, 0x0_C000, 0x0_F000, 0x1_4000, 0x1_7FFC, 0x1_8000, 0x1_FFFC,
        0x0_1002, 0x1_C001,
    ] {
        let r = b.read(addr);
        assert_eq!((r.data, r.resp), (0, resp::DECERR), "read {addr:#x}");
        let r = b.write(addr, 0);
        assert_eq!(r.resp, resp::DECERR, "write {addr:#x}");
    }
    // CLAIM of a page of a CPU >= NCPU has no effect.
    let mut b = bus_with(Params {
        ncpu: 1,
        ..Params::default()
    });
    let r = b.read(pa(1, OOB, p::CLAIM));
    assert_eq!(r.resp, resp::DECERR);
    assert_eq!(b.read(pa(0, OOB, p::CLAIM)).resp, resp::OKAY);
    assert_eq!(b.dut.err(), 0);
}

#[test]
fn slverr_reads() {
    let mut b = bus_with(Params {
        nsrc: 40,
        nipi: 8,
        ..Params::default()
    });
    let bad = [
        0x028,
        0x03C,
        g::LOCK,
        g::SRC_RAW + 8, // ceil(40/32) = 2 words
        g::SRC_PEND + 8,
        g::SRC_ACTIVE + 0xC,
        0x070,
        g::SRC_CFG + 4 * 40,
        0x2FC,
        g::OVERRUN + 4 * 10, // ceil(40/4) = 10 words
        0x380,
        0xFFC,
        0x002,
        0x101,
        pa(0, INB, p::COMPLETE),
        pa(0, INB, p::IPI_SEND),
        pa(0, INB, p::PEND + 8),
        pa(0, INB, 0x030),
        pa(0, INB, 0x048),
        pa(0, INB, 0x07C),
        pa(0, INB, p::HIST + 64),
        pa(0, INB, 0xFFC),
        pa(3, OOB, 0x002),
        pa(3, OOB, p::CLAIM + 1),
    ];
    for addr in bad {
        let r = b.read(addr);
        assert_eq!((r.data, r.resp), (0, resp::SLVERR), "read {addr:#x}");
    }
    for addr in [
        g::SRC_RAW + 4,
        g::SRC_CFG + 4 * 39,
        g::OVERRUN + 36,
        pa(0, INB, p::PEND + 4),
        pa(0, OOB, p::HIST + 60),
    ] {
        assert_eq!(b.read(addr).resp, resp::OKAY, "read {addr:#x}");
    }
}

#[test]
fn slverr_writes_have_no_effect() {
    let mut b = bus();
    set_cfg(&mut b, 0, cfgw(true, false, true, 0, 0));
    pulse(&mut b, 0);
    let snapshot = |b: &B| {
        (
            b.dut.pending_mask(),
            b.dut.err(),
            b.dut.stall(0, INB),
            b.dut.src_cfg(0),
        )
    };
    let before = snapshot(&b);
    for addr in [
        g::ID,
        g::VERSION,
        g::HWCFG,
        g::STATUS,
        g::CYCLE_LO,
        g::CYCLE_HI,
        g::SRC_RAW,
        g::SRC_PEND,
        g::SRC_ACTIVE,
        pa(0, INB, p::CLAIM),
        pa(0, INB, p::STALL_TAS),
        pa(0, INB, p::STATUS),
        pa(0, INB, p::IPI_PEND),
        pa(0, INB, p::PEND),
        pa(0, INB, p::LAT_LAST),
        pa(0, INB, p::HIST),
        pa(0, INB, p::STALL + 2),
        g::SRC_CFG + 4 * 32,
    ] {
        assert_eq!(b.write(addr, 0).resp, resp::SLVERR, "write {addr:#x}");
    }
    // Partial strobes are refused, even on RW registers.
    for strb in [0x0, 0x1, 0x7, 0xE] {
        assert_eq!(
            b.write_strb(pa(0, INB, p::STALL), 0, strb).resp,
            resp::SLVERR
        );
        assert_eq!(b.write_strb(g::LOCK, 0, strb).resp, resp::SLVERR);
        assert_eq!(b.write_strb(g::SRC_CFG, 0, strb).resp, resp::SLVERR);
    }
    assert_eq!(snapshot(&b), before);
    // A misaligned CLAIM read does not claim.
    assert_eq!(b.read(pa(0, INB, p::CLAIM + 2)).resp, resp::SLVERR);
    assert!(b.dut.pending(0));
}

#[test]
fn address_bits_above_16_are_ignored() {
    // Interpretation: the ports are 17 bits wide, so higher bits of the
    // model's u32 address do not exist.
    let mut b = bus();
    assert_eq!(rd(&mut b, 0x8_0000 | g::ID), regs::ID_VALUE);
    wr(&mut b, 0xFFFE_0000 | pa(0, OOB, p::STALL), 0);
    assert!(!b.dut.stall(0, OOB));
}

#[test]
fn read_and_write_at_same_edge_read_sees_old_state() {
    let mut b = bus();
    b.post_write(g::SRC_CFG + 4, cfgw(true, true, true, 3, 2));
    b.tick();
    b.post_read(g::SRC_CFG + 4);
    b.tick();
    assert_eq!(b.writes.last().unwrap().edge, b.edge);
    assert_eq!(b.reads.last().unwrap().data, 0);
    assert_eq!(rd(&mut b, g::SRC_CFG + 4), cfgw(true, true, true, 3, 2));
}

#[test]
fn idle_pins_do_nothing() {
    let mut m = RouterModel::new(Params::default()).unwrap();
    let o0 = m.outputs();
    for _ in 0..1000 {
        assert_eq!(m.step(&PinsIn::default()), o0);
    }
    assert_eq!(m.cycle(), 1000);
}
