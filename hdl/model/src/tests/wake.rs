//! Spec §11: the idle wake bit (STALL.WAKE).

use super::*;
use crate::regs::{pstatus, stall};

#[test]
fn wake_lets_a_stalled_stage_raise_its_line() {
    let mut b = bus();
    set_cfg(&mut b, 3, cfgw(true, false, true, 0, 1));
    set_stall(&mut b, 1, OOB, false);
    pulse(&mut b, 3);
    b.ticks(2);
    assert!(!b.out.line(1, INB), "stalled: logged, line low");
    // Arm the wake: the line rises at the write's execution edge (latency 2).
    let e = wr(&mut b, pa(1, INB, p::STALL), stall::STALL | stall::WAKE);
    assert!(b.dut.stall(1, INB) && b.dut.wake(1, INB));
    let hs = b.writes.last().unwrap().edge;
    assert_eq!(hs, e);
    b.tick();
    assert!(b.out.line(1, INB));
    assert_eq!(
        rd(&mut b, pa(1, INB, p::STATUS)),
        pstatus::LINE | pstatus::DELIVERABLE | pstatus::STALLED | pstatus::WAKE
    );
    assert_eq!(rd(&mut b, pa(1, INB, p::STALL)), stall::STALL | stall::WAKE);
    // Disarm, stay stalled: the line drops.
    wr(&mut b, pa(1, INB, p::STALL), stall::STALL);
    b.tick();
    assert!(!b.out.line(1, INB));
    assert!(b.dut.pending(3), "the log is untouched");
}

#[test]
fn wake_of_an_empty_log_raises_at_the_next_event() {
    let mut b = bus();
    set_cfg(&mut b, 0, cfgw(true, false, true, 0, 0));
    set_stall(&mut b, 0, OOB, false);
    wr(&mut b, pa(0, INB, p::STALL), stall::STALL | stall::WAKE);
    b.ticks(5);
    assert!(!b.out.line(0, INB));
    let n = pulse(&mut b, 0);
    assert!(!b.out.line(0, INB), "latency 2: not at the sampling edge");
    b.tick();
    assert_eq!(b.edge, n + 1);
    assert!(b.out.line(0, INB));
}

#[test]
fn wake_of_the_inband_stage_still_waits_for_the_oob_stage() {
    let mut b = bus();
    set_cfg(&mut b, 0, cfgw(true, false, true, 0, 0));
    pulse(&mut b, 0);
    wr(&mut b, pa(0, INB, p::STALL), stall::STALL | stall::WAKE);
    b.ticks(3);
    assert!(!b.out.line(0, INB), "oob stage of CPU 0 still stalled");
    // An oob page may use its own wake bit the same way.
    set_cfg(&mut b, 1, cfgw(true, true, true, 0, 0));
    pulse(&mut b, 1);
    wr(&mut b, pa(0, OOB, p::STALL), stall::STALL | stall::WAKE);
    b.tick();
    assert!(b.out.line(0, OOB));
    assert!(!b.out.line(0, INB), "oob stall still holds the in-band line");
}

#[test]
fn tas_keeps_wake_and_a_one_zero_stall_write_clears_it() {
    let mut b = bus();
    wr(&mut b, pa(2, INB, p::STALL), stall::WAKE); // unstalled, wake set
    assert_eq!(rd(&mut b, pa(2, INB, p::STALL_TAS)), 0);
    assert!(b.dut.stall(2, INB) && b.dut.wake(2, INB), "TAS stalls, wake unchanged");
    // A 1.0 driver writes 0 or 1: wake ends at 0.
    wr(&mut b, pa(2, INB, p::STALL), 1);
    assert!(!b.dut.wake(2, INB));
    wr(&mut b, pa(2, INB, p::STALL), stall::WAKE);
    wr(&mut b, pa(2, INB, p::STALL), 0);
    assert!(!b.dut.wake(2, INB) && !b.dut.stall(2, INB));
    // Reset clears it.
    wr(&mut b, pa(2, INB, p::STALL), stall::STALL | stall::WAKE);
    b.reset();
    assert!(!b.dut.wake(2, INB));
}
