//! Spec §8: LOCK and ERR.

use super::*;
use crate::regs::{err, gstatus};

#[test]
fn lock_key_rules() {
    let mut b = bus();
    // The bus is Secure: STATUS.SECURE reads 1.
    assert_eq!(rd(&mut b, g::STATUS), gstatus::SECURE);
    wr(&mut b, g::LOCK, 0x4C4F_434C);
    assert_eq!(b.dut.err(), err::BAD_KEY);
    assert!(!b.dut.locked());
    wr(&mut b, g::LOCK, regs::LOCK_KEY);
    assert!(b.dut.locked());
    assert_eq!(rd(&mut b, g::STATUS), gstatus::LOCKED | gstatus::SECURE);
    wr(&mut b, g::ERR, err::BAD_KEY);
    // Once locked, every LOCK write is ignored and flags nothing.
    wr(&mut b, g::LOCK, 0);
    wr(&mut b, g::LOCK, regs::LOCK_KEY);
    assert_eq!(b.dut.err(), 0);
    assert!(b.dut.locked());
    // Until reset.
    b.reset();
    assert!(!b.dut.locked());
    assert_eq!(rd(&mut b, g::STATUS), gstatus::SECURE);
}

#[test]
fn lock_freezes_oob_routing_only() {
    let mut b = bus();
    set_cfg(&mut b, 1, cfgw(true, true, true, 2, 1));
    set_cfg(&mut b, 2, cfgw(true, false, true, 0, 0));
    wr(&mut b, g::IPI_PRIO_OOB, 0x5);
    wr(&mut b, g::LOCK, regs::LOCK_KEY);
    // Current stage oob: rejected, even to disable it.
    wr(&mut b, g::SRC_CFG + 4, 0);
    assert_eq!(b.dut.err(), err::LOCKED);
    assert_eq!(b.dut.src_cfg(1).bits(), cfgw(true, true, true, 2, 1));
    wr(&mut b, g::ERR, err::LOCKED);
    // New stage oob: rejected.
    wr(&mut b, g::SRC_CFG + 8, cfgw(true, true, true, 0, 0));
    assert_eq!(b.dut.err(), err::LOCKED);
    assert_eq!(b.dut.src_cfg(2).bits(), cfgw(true, false, true, 0, 0));
    wr(&mut b, g::ERR, err::LOCKED);
    // In-band to in-band: allowed (mask, unmask, move).
    set_cfg(&mut b, 2, cfgw(false, false, false, 3, 3));
    set_cfg(&mut b, 2, cfgw(true, false, false, 3, 2));
    assert_eq!(b.dut.err(), 0);
    // IPI priorities: in-band yes, oob no.
    wr(&mut b, g::IPI_PRIO_OOB, 0xF);
    assert_eq!(b.dut.err(), err::LOCKED);
    assert_eq!(rd(&mut b, g::IPI_PRIO_OOB), 0x5);
    wr(&mut b, g::ERR, err::LOCKED);
    wr(&mut b, g::IPI_PRIO_INB, 0xF);
    assert_eq!(rd(&mut b, g::IPI_PRIO_INB), 0xF);
    assert_eq!(b.dut.err(), 0);
    // Stalls, claims and IPIs on oob pages still work.
    set_stall(&mut b, 1, OOB, false);
    wr(&mut b, pa(0, INB, p::IPI_SEND), ipi_send_word(0b10, 0, OOB));
    assert_eq!(claim(&mut b, 1, OOB), 0x100);
    assert_eq!(b.dut.err(), 0);
}

#[test]
fn src_cfg_bad_cpu_and_multiple_flags() {
    let mut b = bus(); // NCPU = 4
    wr(&mut b, g::SRC_CFG, cfgw(true, false, true, 1, 4));
    assert_eq!(b.dut.err(), err::BAD_CPU);
    assert_eq!(b.dut.src_cfg(0).bits(), 0, "rejected write changes nothing");
    wr(&mut b, g::LOCK, regs::LOCK_KEY);
    wr(&mut b, g::SRC_CFG, cfgw(true, true, true, 1, 7));
    assert_eq!(b.dut.err(), err::BAD_CPU | err::LOCKED);
    assert_eq!(rd(&mut b, g::ERR), err::BAD_CPU | err::LOCKED);
}

#[test]
fn err_is_write_one_to_clear() {
    let mut b = bus();
    wr(&mut b, g::LOCK, 1); // BAD_KEY
    wr(&mut b, g::SRC_CFG, cfgw(true, false, true, 1, 5)); // BAD_CPU
    complete(&mut b, 0, INB, 0); // BAD_COMPLETE
    wr(&mut b, pa(0, INB, p::IPI_SEND), ipi_send_word(1, 8, INB)); // BAD_VECTOR
    let all = err::BAD_KEY | err::BAD_CPU | err::BAD_COMPLETE | err::BAD_VECTOR;
    assert_eq!(rd(&mut b, g::ERR), all);
    wr(&mut b, g::ERR, 0);
    assert_eq!(rd(&mut b, g::ERR), all, "writing 0 clears nothing");
    wr(&mut b, g::ERR, err::BAD_CPU | err::BAD_KEY | 0xFFFF_FF00);
    assert_eq!(rd(&mut b, g::ERR), err::BAD_COMPLETE | err::BAD_VECTOR);
    // Sticky: a second error sets again.
    complete(&mut b, 0, INB, 0);
    wr(&mut b, g::ERR, err::BAD_COMPLETE);
    assert_eq!(b.dut.err(), err::BAD_VECTOR);
}
