//! Spec §5: lines and stall.

use super::*;
use crate::regs::pstatus;

#[test]
fn everything_stalled_after_reset() {
    let mut b = bus();
    for c in 0..4 {
        for s in [INB, OOB] {
            assert!(b.dut.stall(c, s));
            assert_eq!(
                rd(&mut b, pa(c, s, p::STATUS)),
                pstatus::STALLED | pstatus::OOB_STALLED
            );
            assert_eq!(rd(&mut b, pa(c, s, p::STALL)), 1);
        }
    }
    // An event while stalled is logged, the line stays low.
    set_cfg(&mut b, 0, cfgw(true, true, true, 0, 0));
    pulse(&mut b, 0);
    b.ticks(3);
    assert!(b.dut.pending(0));
    assert_eq!(b.out.irq_oob, 0);
}

#[test]
fn unstall_write_has_latency_2_from_handshake() {
    let mut b = bus();
    set_cfg(&mut b, 1, cfgw(true, true, true, 0, 1));
    pulse(&mut b, 1);
    settle(&mut b);
    b.post_write(pa(1, OOB, p::STALL), 0);
    b.tick();
    let h = b.edge; // AW and W handshake
    assert_eq!(b.out.irq_oob, 0);
    assert!(b.dut.stall(1, OOB));
    b.tick();
    assert_eq!(b.edge, h + 1);
    assert_eq!(
        b.writes.last().unwrap().edge,
        h + 1,
        "executes at the edge after the handshake"
    );
    assert!(!b.dut.stall(1, OOB));
    assert_eq!(b.out.irq_oob, 1 << 1, "line visible at the execution edge");
}

#[test]
fn unstall_with_aw_before_w() {
    let mut b = bus();
    set_cfg(&mut b, 1, cfgw(true, true, true, 0, 0));
    pulse(&mut b, 1);
    settle(&mut b);
    b.inp.awvalid = true;
    b.inp.awaddr = pa(0, OOB, p::STALL);
    b.tick();
    assert!(!b.out.awready && b.out.wready);
    b.ticks(3);
    b.inp.wvalid = true;
    b.inp.wdata = 0;
    b.tick();
    let h = b.edge; // the later handshake
    assert_eq!(b.out.irq_oob, 0);
    b.tick();
    assert_eq!(b.writes.last().unwrap().edge, h + 1);
    assert_eq!(b.out.irq_oob, 1);
}

#[test]
fn stall_write_drops_line_at_its_execution_edge() {
    let mut b = bus();
    unstall_cpu(&mut b, 0);
    set_cfg(&mut b, 1, cfgw(true, true, true, 0, 0));
    pulse(&mut b, 1);
    b.tick();
    assert_eq!(b.out.irq_oob, 1);
    let e = set_stall(&mut b, 0, OOB, true);
    assert_eq!(b.edge, e);
    assert_eq!(b.out.irq_oob, 0, "stall' is the stall after the edge");
    assert!(b.dut.pending(1), "stalling never changes the log");
}

#[test]
fn replay_on_unstall() {
    let mut b = bus();
    unstall_cpu(&mut b, 0);
    set_stall(&mut b, 0, INB, true);
    set_cfg(&mut b, 3, cfgw(true, false, true, 2, 0));
    set_cfg(&mut b, 4, cfgw(true, false, false, 1, 0));
    pulse(&mut b, 3);
    b.inp.src |= 1 << 4;
    b.ticks(10);
    assert_eq!(b.out.irq_inb, 0);
    let e = set_stall(&mut b, 0, INB, false);
    assert_eq!(b.edge, e);
    assert_eq!(b.out.irq_inb, 1, "replay at the edge the unstall executes");
    assert_eq!(claim(&mut b, 0, INB), 3);
    assert_eq!(claim(&mut b, 0, INB), 4);
}

#[test]
fn inband_line_is_gated_by_oob_stall() {
    let mut b = bus();
    set_stall(&mut b, 2, INB, false);
    set_cfg(&mut b, 8, cfgw(true, false, true, 0, 2));
    pulse(&mut b, 8);
    b.ticks(3);
    assert!(b.dut.deliverable(2, INB));
    assert_eq!(b.out.irq_inb, 0, "oob stage of CPU 2 still stalled");
    assert_eq!(
        rd(&mut b, pa(2, INB, p::STATUS)),
        pstatus::DELIVERABLE | pstatus::OOB_STALLED
    );
    let e = set_stall(&mut b, 2, OOB, false);
    assert_eq!(b.edge, e);
    assert_eq!(b.out.irq_inb, 1 << 2);
    assert_eq!(
        rd(&mut b, pa(2, INB, p::STATUS)),
        pstatus::DELIVERABLE | pstatus::LINE
    );
    // oob firmware stalls its stage: the in-band line drops at that edge.
    let e = set_stall(&mut b, 2, OOB, true);
    assert_eq!(b.edge, e);
    assert_eq!(b.out.irq_inb, 0);
    // Another CPU's oob stall does not matter.
    set_stall(&mut b, 2, OOB, false);
    set_stall(&mut b, 1, OOB, true);
    assert_eq!(b.out.irq_inb, 1 << 2);
}

#[test]
fn oob_line_ignores_inband_stall() {
    let mut b = bus();
    set_stall(&mut b, 0, OOB, false);
    set_cfg(&mut b, 0, cfgw(true, true, true, 0, 0));
    pulse(&mut b, 0);
    b.tick();
    assert!(b.dut.stall(0, INB));
    assert_eq!(b.out.irq_oob, 1);
}

#[test]
fn claim_emptying_the_log_drops_line_one_edge_later() {
    let mut b = bus();
    unstall_cpu(&mut b, 1);
    set_cfg(&mut b, 6, cfgw(true, false, true, 0, 1));
    pulse(&mut b, 6);
    b.ticks(2);
    assert_eq!(b.out.irq_inb, 1 << 1);
    b.post_read(pa(1, INB, p::CLAIM));
    b.tick();
    let n = b.edge;
    assert!(
        b.out.rvalid,
        "data visible at the AR handshake edge (latency 1)"
    );
    assert_eq!(b.out.rdata, 6);
    assert_eq!(b.out.irq_inb, 1 << 1, "line still high at n");
    b.tick();
    assert_eq!(b.edge, n + 1);
    assert_eq!(b.out.irq_inb, 0, "drops at n+1");
}

#[test]
fn test_and_stall() {
    let mut b = bus();
    unstall_cpu(&mut b, 0);
    set_cfg(&mut b, 1, cfgw(true, true, true, 0, 0));
    pulse(&mut b, 1);
    b.tick();
    assert_eq!(b.out.irq_oob, 1);
    b.post_read(pa(0, OOB, p::STALL_TAS));
    b.tick();
    assert_eq!(b.out.rdata, 0, "WAS_STALLED = 0");
    assert!(b.dut.stall(0, OOB));
    assert_eq!(b.out.irq_oob, 0, "line drops at the test-and-stall edge");
    assert_eq!(b.out.irq_inb, 0);
    assert_eq!(rd(&mut b, pa(0, OOB, p::STALL_TAS)), 1, "WAS_STALLED = 1");
    assert!(b.dut.stall(0, OOB));
    assert!(!b.dut.stall(0, INB));
}

#[test]
fn test_and_stall_wins_over_stall_write_at_same_edge() {
    let mut b = bus();
    set_stall(&mut b, 0, OOB, false);
    settle(&mut b);
    // STALL <- 0 on an already unstalled stage, with test-and-stall at the same edge.
    b.post_write(pa(0, OOB, p::STALL), 0);
    b.tick();
    b.post_read(pa(0, OOB, p::STALL_TAS));
    b.tick();
    assert_eq!(b.writes.last().unwrap().edge, b.edge);
    assert_eq!(b.reads.last().unwrap().edge, b.edge);
    assert_eq!(b.out.rdata, 0);
    assert!(b.dut.stall(0, OOB), "test-and-stall wins");
    // And a STALL <- 0 from the stalled state: TAS reads 1, stall stays 1.
    settle(&mut b);
    b.post_write(pa(0, OOB, p::STALL), 0);
    b.tick();
    b.post_read(pa(0, OOB, p::STALL_TAS));
    b.tick();
    assert_eq!(b.out.rdata, 1);
    assert!(b.dut.stall(0, OOB));
}

#[test]
fn ipi_only_log_drives_line() {
    let mut b = bus();
    unstall_cpu(&mut b, 3);
    let e = wr(
        &mut b,
        pa(0, INB, p::IPI_SEND),
        ipi_send_word(1 << 3, 2, INB),
    );
    assert_eq!(b.dut.ipi_pending(3, INB), 1 << 2);
    assert_eq!(b.out.irq_inb, 0);
    b.tick();
    assert_eq!(b.edge, e + 1);
    assert_eq!(b.out.irq_inb, 1 << 3);
}
