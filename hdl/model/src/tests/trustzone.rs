//! Spec §8: TrustZone isolation on AxPROT[1], and the RMW-free writes that
//! let both sides configure the router (SRC_CFG write-enables, IPI_PRIO_SET,
//! OVERRUN_CLR).

use super::*;
use crate::regs::{err, gstatus, stall};

/// A write from a Non-secure master; returns the execution edge.
fn ns_wr(b: &mut B, addr: u32, data: u32) -> u64 {
    b.ns = true;
    let e = wr(b, addr, data);
    b.ns = false;
    e
}

fn ns_rd(b: &mut B, addr: u32) -> u32 {
    b.ns = true;
    let d = rd(b, addr);
    b.ns = false;
    d
}

fn take_err(b: &mut B) -> u32 {
    let e = b.dut.err();
    wr(b, g::ERR, err::ALL);
    assert_eq!(b.dut.err(), 0);
    e
}

/// Source 1 routed oob to CPU 0, logged; oob stage 0 unstalled.
fn oob_source_pending(b: &mut B) {
    set_cfg(b, 1, cfgw(true, true, true, 2, 0));
    set_stall(b, 0, OOB, false);
    pulse(b, 1);
    b.tick();
    assert!(b.out.line(0, OOB));
}

#[test]
fn ns_reads_of_oob_pages_answer_zero_without_effect() {
    let mut b = bus();
    oob_source_pending(&mut b);
    for off in [p::CLAIM, p::STALL, p::STALL_TAS, p::STATUS, p::PEND, p::IPI_PEND] {
        assert_eq!(ns_rd(&mut b, pa(0, OOB, off)), 0, "offset {off:#x}");
    }
    assert!(b.dut.pending(1), "the NS CLAIM claimed nothing");
    assert!(!b.dut.stall(0, OOB), "the NS STALL_TAS stalled nothing");
    assert!(b.out.line(0, OOB));
    // Address errors do not depend on AxPROT.
    b.ns = true;
    assert_eq!(b.read(pa(0, OOB, 0x30 + 2)).resp, resp::SLVERR);
    assert_eq!(b.read(pa(0, OOB, p::COMPLETE)).resp, resp::SLVERR);
    assert_eq!(b.read(pa(5, OOB, p::CLAIM)).resp, resp::DECERR);
    b.ns = false;
    // The same reads from the Secure side see the page.
    assert_eq!(rd(&mut b, pa(0, OOB, p::PEND)), 1 << 1);
    assert_eq!(claim(&mut b, 0, OOB), 1);
    assert_eq!(b.dut.err(), 0);
}

#[test]
fn ns_writes_to_oob_pages_are_refused() {
    let mut b = bus();
    oob_source_pending(&mut b);
    assert_eq!(claim(&mut b, 0, OOB), 1);
    wr(&mut b, pa(0, OOB, p::IPI_SEND), ipi_send_word(1, 0, OOB));
    wr(&mut b, pa(0, OOB, p::IPI_SEND), ipi_send_word(1, 0, OOB)); // one overrun
    b.tick();
    let before = (b.dut.stall(0, OOB), b.dut.active(1), b.dut.ipi_overrun(0, OOB));
    assert_eq!(before, (false, true, 1));
    let lat = b.dut.lat_stats(0, OOB).max;
    assert!(lat > 0);
    for (off, data) in [
        (p::STALL, 1),
        (p::STALL, stall::WAKE),
        (p::COMPLETE, 1),
        (p::IPI_SEND, ipi_send_word(1, 1, INB)),
        (p::IPI_OVERRUN, 0),
        (p::LAT_MAX, 0),
    ] {
        ns_wr(&mut b, pa(0, OOB, off), data);
        assert_eq!(take_err(&mut b), err::DENIED, "offset {off:#x}");
    }
    assert_eq!((b.dut.stall(0, OOB), b.dut.active(1), b.dut.ipi_overrun(0, OOB)), before);
    assert!(!b.dut.wake(0, OOB));
    assert_eq!(b.dut.lat_stats(0, OOB).max, lat);
    assert_eq!(b.dut.ipi_pending(0, INB), 0, "the IPI_SEND through the oob page was refused");
    // A refused write sets every flag that applies.
    ns_wr(&mut b, pa(0, OOB, p::COMPLETE), 7);
    assert_eq!(take_err(&mut b), err::DENIED | err::BAD_COMPLETE);
    // The in-band page of the same CPU is Linux's.
    ns_wr(&mut b, pa(0, INB, p::STALL), 0);
    assert!(!b.dut.stall(0, INB));
    assert_eq!(b.dut.err(), 0);
}

#[test]
fn ns_cannot_lock_or_touch_oob_configuration() {
    let mut b = bus();
    set_cfg(&mut b, 1, cfgw(true, true, true, 2, 1));
    set_cfg(&mut b, 2, cfgw(true, false, true, 1, 0));
    ns_wr(&mut b, g::LOCK, regs::LOCK_KEY);
    assert!(!b.dut.locked());
    assert_eq!(take_err(&mut b), err::DENIED);
    ns_wr(&mut b, g::LOCK, 0x1234);
    assert_eq!(take_err(&mut b), err::DENIED | err::BAD_KEY);
    // SRC_CFG of an oob source, whole or masked.
    ns_wr(&mut b, g::SRC_CFG + 4, 0);
    ns_wr(&mut b, g::SRC_CFG + 4, cfg::WE_EN);
    assert_eq!(take_err(&mut b), err::DENIED);
    assert_eq!(b.dut.src_cfg(1).bits(), cfgw(true, true, true, 2, 1));
    // Moving an in-band source to oob.
    ns_wr(&mut b, g::SRC_CFG + 8, cfgw(true, true, true, 1, 0));
    ns_wr(&mut b, g::SRC_CFG + 8, cfg::WE_STAGE | cfg::STAGE);
    assert_eq!(take_err(&mut b), err::DENIED);
    assert!(!b.dut.src_cfg(2).oob);
    // With a bad CPU too: both flags.
    ns_wr(&mut b, g::SRC_CFG + 4, cfgw(true, true, true, 2, 6));
    assert_eq!(take_err(&mut b), err::DENIED | err::BAD_CPU);
    // In-band sources are Linux's to configure.
    ns_wr(&mut b, g::SRC_CFG + 8, cfgw(false, false, false, 3, 3));
    assert_eq!(b.dut.src_cfg(2).bits(), cfgw(false, false, false, 3, 3));
    assert_eq!(b.dut.err(), 0);
    // Oob IPI priorities and the NS IPI allowance.
    ns_wr(&mut b, g::IPI_PRIO_OOB, 0xFFFF);
    ns_wr(&mut b, g::IPI_PRIO_SET, 3 | 2 << 16 | 1 << 24);
    ns_wr(&mut b, g::IPI_OOB_NS, 0xFF);
    assert_eq!(take_err(&mut b), err::DENIED);
    assert_eq!((b.dut.ipi_prio(OOB, 2), b.dut.ipi_ns()), (0, 0));
    ns_wr(&mut b, g::IPI_PRIO_INB, 0x3 << 4);
    ns_wr(&mut b, g::IPI_PRIO_SET, 1 | 5 << 16);
    assert_eq!((b.dut.ipi_prio(INB, 2), b.dut.ipi_prio(INB, 5)), (3, 1));
    assert_eq!(b.dut.err(), 0);
    // Once locked, the Secure side is refused too (LOCKED), NS gets both flags.
    wr(&mut b, g::LOCK, regs::LOCK_KEY);
    ns_wr(&mut b, g::SRC_CFG + 4, cfgw(true, true, true, 2, 1));
    assert_eq!(take_err(&mut b), err::DENIED | err::LOCKED);
    ns_wr(&mut b, g::LOCK, regs::LOCK_KEY);
    assert_eq!(take_err(&mut b), err::DENIED, "locked: LOCK writes flag only DENIED");
}

#[test]
fn ns_overrun_clear_only_of_inband_sources() {
    let mut b = bus();
    set_cfg(&mut b, 1, cfgw(true, true, true, 0, 0));
    set_cfg(&mut b, 2, cfgw(true, false, true, 0, 0));
    for _ in 0..3 {
        pulse(&mut b, 1);
        pulse(&mut b, 2);
    }
    assert_eq!((b.dut.overrun(1), b.dut.overrun(2)), (2, 2));
    ns_wr(&mut b, g::OVERRUN_CLR, 0b110);
    assert_eq!(take_err(&mut b), err::DENIED);
    assert_eq!((b.dut.overrun(1), b.dut.overrun(2)), (2, 2), "refused whole");
    ns_wr(&mut b, g::OVERRUN_CLR, 0b100);
    assert_eq!((b.dut.overrun(1), b.dut.overrun(2)), (2, 0));
    wr(&mut b, g::OVERRUN_CLR, 0b010);
    assert_eq!(b.dut.overrun(1), 0);
    assert_eq!(b.dut.err(), 0);
}

#[test]
fn ns_oob_ipis_only_of_allowed_vectors() {
    let mut b = bus();
    let send = |b: &mut B, v: u32| ns_wr(b, pa(1, INB, p::IPI_SEND), ipi_send_word(0b11, v, OOB));
    send(&mut b, 2);
    assert_eq!(take_err(&mut b), err::DENIED, "nothing allowed at reset");
    assert_eq!(b.dut.ipi_pending(0, OOB), 0);
    wr(&mut b, g::IPI_OOB_NS, 1 << 2 | 0xFF00);
    assert_eq!(rd(&mut b, g::IPI_OOB_NS), 1 << 2, "bits at or beyond NIPI read zero");
    send(&mut b, 2);
    assert_eq!((b.dut.ipi_pending(0, OOB), b.dut.ipi_pending(1, OOB)), (1 << 2, 1 << 2));
    send(&mut b, 3);
    assert_eq!(take_err(&mut b), err::DENIED);
    // In-band IPIs and Secure senders are not restricted.
    ns_wr(&mut b, pa(1, INB, p::IPI_SEND), ipi_send_word(1, 3, INB));
    wr(&mut b, pa(1, INB, p::IPI_SEND), ipi_send_word(1, 3, OOB));
    assert_eq!(b.dut.ipi_pending(0, OOB), 1 << 2 | 1 << 3);
    assert_eq!(b.dut.err(), 0);
    // LOCK freezes the allowance.
    wr(&mut b, g::LOCK, regs::LOCK_KEY);
    wr(&mut b, g::IPI_OOB_NS, 0);
    assert_eq!(take_err(&mut b), err::LOCKED);
    assert_eq!(b.dut.ipi_ns(), 1 << 2);
}

#[test]
fn denied_is_cleared_only_by_the_secure_side() {
    let mut b = bus();
    ns_wr(&mut b, pa(0, OOB, p::STALL), 0);
    ns_wr(&mut b, g::SRC_CFG, cfgw(false, false, false, 0, 7));
    assert_eq!(b.dut.err(), err::DENIED | err::BAD_CPU);
    ns_wr(&mut b, g::ERR, err::ALL);
    assert_eq!(b.dut.err(), err::DENIED, "NS clears its other flags, not DENIED");
    wr(&mut b, g::ERR, err::DENIED);
    assert_eq!(b.dut.err(), 0);
}

#[test]
fn status_secure_and_banked_cycle_hi() {
    let mut b = bus();
    assert_eq!(rd(&mut b, g::STATUS), gstatus::SECURE);
    assert_eq!(ns_rd(&mut b, g::STATUS), 0);
    settle(&mut b);
    b.dut.st.cycle = 0x7_0000_0000;
    rd(&mut b, g::CYCLE_LO); // Secure shadow <- 7
    b.dut.st.cycle = 0x9_0000_0000;
    ns_rd(&mut b, g::CYCLE_LO); // NS shadow <- 9
    assert_eq!(rd(&mut b, g::CYCLE_HI), 7, "the NS read did not disturb the Secure sample");
    assert_eq!(ns_rd(&mut b, g::CYCLE_HI), 9);
}

#[test]
fn src_cfg_write_enables_change_only_their_fields() {
    let mut b = bus();
    set_cfg(&mut b, 4, cfgw(true, false, true, 2, 3));
    // A value whose other fields are nonsense: only EN is taken.
    wr(&mut b, g::SRC_CFG + 16, cfg::WE_EN | 0x7FF & !cfg::EN);
    assert_eq!(b.dut.src_cfg(4).bits(), cfgw(false, false, true, 2, 3));
    wr(&mut b, g::SRC_CFG + 16, cfg::WE_CPU | 1 << cfg::CPU_SHIFT);
    wr(&mut b, g::SRC_CFG + 16, cfg::WE_PRIO | cfg::WE_TRIG | 1 << cfg::PRIO_SHIFT);
    assert_eq!(b.dut.src_cfg(4).bits(), cfgw(false, false, false, 1, 1));
    wr(&mut b, g::SRC_CFG + 16, cfg::WE_STAGE | cfg::WE_EN | cfg::STAGE | cfg::EN);
    assert_eq!(b.dut.src_cfg(4).bits(), cfgw(true, true, false, 1, 1));
    assert_eq!(b.dut.err(), 0);
    // BAD_CPU only when the CPU field is written; reserved mask bits ignored.
    wr(&mut b, g::SRC_CFG + 16, cfg::WE_CPU | 6 << cfg::CPU_SHIFT);
    assert_eq!(take_err(&mut b), err::BAD_CPU);
    wr(&mut b, g::SRC_CFG + 16, 1 << 30 | cfgw(false, false, true, 0, 2));
    assert_eq!(b.dut.src_cfg(4).bits(), cfgw(false, false, true, 0, 2), "no WE bit: every field");
    assert_eq!(rd(&mut b, g::SRC_CFG + 16), cfgw(false, false, true, 0, 2), "WE bits read 0");
}

#[test]
fn ipi_prio_set_changes_one_vector() {
    let mut b = bus();
    wr(&mut b, g::IPI_PRIO_OOB, 0x5555);
    wr(&mut b, g::IPI_PRIO_SET, 3 | 6 << 16 | 1 << 24);
    assert_eq!(rd(&mut b, g::IPI_PRIO_OOB), 0x5555 & !(3 << 12) | 3 << 12);
    wr(&mut b, g::IPI_PRIO_SET, 2 | 8 << 16);
    assert_eq!(take_err(&mut b), err::BAD_VECTOR);
    wr(&mut b, g::LOCK, regs::LOCK_KEY);
    wr(&mut b, g::IPI_PRIO_SET, 0 | 6 << 16 | 1 << 24);
    assert_eq!(take_err(&mut b), err::LOCKED);
    wr(&mut b, g::IPI_PRIO_SET, 2 | 6 << 16);
    assert_eq!(b.dut.ipi_prio(INB, 6), 2, "in-band priorities stay open");
    assert_eq!(b.read(g::IPI_PRIO_SET).resp, resp::SLVERR, "write-only");
}
