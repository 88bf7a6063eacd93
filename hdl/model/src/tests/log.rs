//! Spec §4: events, the log, coalescing and overruns.

use super::*;

fn ts(n: u64) -> u32 {
    (n & 0xFFFF) as u32
}

#[test]
fn edge_event_logs_at_n_line_at_n_plus_1() {
    let mut b = bus();
    set_cfg(&mut b, 3, cfgw(true, false, true, 1, 0));
    unstall_cpu(&mut b, 0);
    settle(&mut b);
    let n = b.edge + 1;
    b.inp.src = 1 << 3;
    b.tick();
    assert_eq!(b.edge, n);
    assert!(b.dut.pending(3));
    assert_eq!(b.dut.timestamp(3), ts(n - 1), "ts = cycle before edge n");
    assert!(b.dut.deliverable(0, INB));
    assert_eq!(b.out.irq_inb, 0, "line not yet at edge n");
    b.tick();
    assert_eq!(b.out.irq_inb, 1, "line visible at edge n+1 (latency 2)");
    assert_eq!(b.out.irq_oob, 0);
    // Staying high is not another event.
    b.ticks(5);
    assert_eq!(b.dut.overrun(3), 0);
    assert_eq!(b.dut.timestamp(3), ts(n - 1));
}

#[test]
fn level_event_logs_at_n_line_at_n_plus_1() {
    let mut b = bus();
    set_cfg(&mut b, 0, cfgw(true, true, false, 0, 2));
    unstall_cpu(&mut b, 2);
    settle(&mut b);
    let n = b.edge + 1;
    b.inp.src = 1;
    b.tick();
    assert!(b.dut.pending(0));
    assert_eq!(b.dut.timestamp(0), ts(n - 1));
    assert_eq!(b.out.irq_oob, 0);
    b.tick();
    assert_eq!(b.out.irq_oob, 1 << 2);
    assert_eq!(b.out.irq_inb, 0);
}

#[test]
fn disabled_source_logs_nothing_and_prev_tracks_input() {
    let mut b = bus();
    set_cfg(&mut b, 5, cfgw(false, false, true, 0, 0));
    set_cfg(&mut b, 6, cfgw(false, false, false, 0, 0));
    b.inp.src = 1 << 5 | 1 << 6;
    b.ticks(3);
    assert_eq!(b.dut.pending_mask(), 0);
    // Enabling an edge source whose input is already high: no event.
    set_cfg(&mut b, 5, cfgw(true, false, true, 0, 0));
    b.ticks(3);
    assert!(!b.dut.pending(5));
    // A level source already high logs at the edge after the enabling write.
    b.inp.src = 1 << 6;
    let e = wr(&mut b, g::SRC_CFG + 4 * 6, cfgw(true, false, false, 0, 0));
    assert!(!b.dut.pending(6), "event uses cfg from before the edge");
    b.tick();
    assert!(b.dut.pending(6));
    assert_eq!(b.dut.timestamp(6), ts(e));
    // A new rising edge on 5 logs.
    pulse(&mut b, 5);
    assert!(b.dut.pending(5));
}

#[test]
fn enable_write_and_rising_edge_at_same_edge_is_lost() {
    // Interpretation: the event at edge n uses EN from before edge n.
    let mut b = bus();
    b.post_write(g::SRC_CFG + 4 * 2, cfgw(true, false, true, 0, 0));
    b.tick(); // handshake
    b.inp.src = 1 << 2;
    b.tick(); // the write executes; src rises at the same edge
    assert_eq!(b.writes.last().unwrap().edge, b.edge);
    assert!(!b.dut.pending(2));
    b.ticks(3);
    assert!(!b.dut.pending(2));
}

#[test]
fn edge_coalescing_counts_overruns_and_saturates() {
    let mut b = bus();
    set_cfg(&mut b, 5, cfgw(true, false, true, 0, 0));
    let n = pulse(&mut b, 5);
    assert_eq!(b.dut.timestamp(5), ts(n - 1));
    for k in 1..=3u8 {
        pulse(&mut b, 5);
        assert_eq!(b.dut.overrun(5), k);
    }
    assert_eq!(b.dut.timestamp(5), ts(n - 1), "coalesced events keep ts");
    assert_eq!(
        rd(&mut b, g::OVERRUN + 4),
        3 << 8,
        "source 5 = OVERRUN[1].CNT1"
    );
    for _ in 0..300 {
        pulse(&mut b, 5);
    }
    assert_eq!(b.dut.overrun(5), 255);
    assert_eq!(rd(&mut b, g::OVERRUN + 4), 255 << 8);
    // OVERRUN is read-only; OVERRUN_CLR clears the counters of its 1 bits.
    assert_eq!(b.write(g::OVERRUN + 4, 0).resp, resp::SLVERR);
    assert_eq!(b.dut.overrun(5), 255);
    wr(&mut b, g::OVERRUN_CLR, 1 << 4);
    assert_eq!(b.dut.overrun(5), 255, "a 1 for another source");
    wr(&mut b, g::OVERRUN_CLR, 1 << 5);
    assert_eq!(b.dut.overrun(5), 0);
    assert!(b.dut.pending(5), "clearing overruns does not touch the log");
}

#[test]
fn level_source_high_while_pending_is_one_event() {
    let mut b = bus();
    set_cfg(&mut b, 9, cfgw(true, false, false, 0, 0));
    b.inp.src = 1 << 9;
    b.tick();
    let n = b.edge;
    b.ticks(50);
    assert_eq!(b.dut.overrun(9), 0);
    assert_eq!(b.dut.timestamp(9), ts(n - 1));
    // Going low does not remove the logged event.
    b.inp.src = 0;
    b.ticks(3);
    assert!(b.dut.pending(9));
}

#[test]
fn overrun_write_clears_before_the_edges_own_overrun() {
    let mut b = bus();
    set_cfg(&mut b, 1, cfgw(true, false, true, 0, 0));
    set_cfg(&mut b, 2, cfgw(true, false, true, 0, 0));
    pulse(&mut b, 1);
    pulse(&mut b, 1);
    pulse(&mut b, 1);
    pulse(&mut b, 2);
    pulse(&mut b, 2);
    assert_eq!((b.dut.overrun(1), b.dut.overrun(2)), (2, 1));
    settle(&mut b);
    b.post_write(g::OVERRUN_CLR, 0xFFFF_FFFF);
    b.tick(); // handshake, src 1 low
    b.inp.src = 1 << 1;
    b.tick(); // write executes with a coalesced event of source 1
    assert_eq!(b.writes.last().unwrap().edge, b.edge);
    assert_eq!(b.dut.overrun(1), 1, "clear first, then count");
    assert_eq!(b.dut.overrun(2), 0);
}

#[test]
fn edge_event_and_claim_at_same_edge() {
    let mut b = bus();
    set_cfg(&mut b, 4, cfgw(true, false, true, 0, 0));
    pulse(&mut b, 4);
    b.ticks(10);
    let old = b.dut.timestamp(4);
    b.post_read(pa(0, INB, p::CLAIM));
    b.inp.src = 1 << 4; // rising at the same edge as the AR handshake
    b.tick();
    let n = b.edge;
    assert_eq!(b.reads.last().unwrap().data, 4);
    assert!(b.dut.pending(4), "the bit stays set");
    assert!(b.dut.active(4));
    assert_ne!(b.dut.timestamp(4), old);
    assert_eq!(b.dut.timestamp(4), ts(n - 1), "new timestamp");
    assert_eq!(b.dut.overrun(4), 0, "no overrun");
    assert_eq!(b.dut.lat_stats(0, INB).last, 10 + 1);
}

#[test]
fn level_claimed_at_n_counts_as_active_at_n() {
    let mut b = bus();
    set_cfg(&mut b, 7, cfgw(true, false, false, 0, 0));
    b.inp.src = 1 << 7;
    b.ticks(3);
    assert_eq!(claim(&mut b, 0, INB), 7);
    assert!(!b.dut.pending(7), "no re-log at the claim edge");
    assert!(b.dut.active(7));
    b.ticks(20);
    assert!(!b.dut.pending(7), "no re-log while active");
    // COMPLETE executes at e: active cleared at e, the event comes at e+1.
    let e = complete(&mut b, 0, INB, 7);
    assert!(!b.dut.active(7));
    assert!(!b.dut.pending(7));
    assert_eq!(b.dut.err(), 0);
    b.tick();
    assert!(b.dut.pending(7), "level re-logs at the edge after COMPLETE");
    assert_eq!(b.dut.timestamp(7), ts(e));
    // Claim again, drop the input, complete: nothing more.
    assert_eq!(claim(&mut b, 0, INB), 7);
    b.inp.src = 0;
    complete(&mut b, 0, INB, 7);
    b.ticks(5);
    assert!(!b.dut.pending(7) && !b.dut.active(7));
}

#[test]
fn edge_source_relogs_while_active() {
    let mut b = bus();
    set_cfg(&mut b, 3, cfgw(true, false, true, 0, 0));
    pulse(&mut b, 3);
    assert_eq!(claim(&mut b, 0, INB), 3);
    let n = pulse(&mut b, 3);
    assert!(b.dut.pending(3) && b.dut.active(3));
    assert_eq!(b.dut.timestamp(3), ts(n - 1));
    assert_eq!(b.dut.overrun(3), 0);
}

#[test]
fn disable_keeps_pending_and_reenable_delivers() {
    let mut b = bus();
    unstall_cpu(&mut b, 0);
    set_cfg(&mut b, 2, cfgw(true, false, true, 0, 0));
    pulse(&mut b, 2);
    b.tick();
    assert_eq!(b.out.irq_inb, 1);
    let e = wr(&mut b, g::SRC_CFG + 8, cfgw(false, false, true, 0, 0));
    // Line at e still used deliverable from before e.
    assert_eq!(b.out.irq_inb, 1);
    b.tick();
    assert_eq!(b.edge, e + 1);
    assert_eq!(
        b.out.irq_inb, 0,
        "disabled pending source is not deliverable"
    );
    assert!(b.dut.pending(2));
    assert_eq!(
        rd(&mut b, pa(0, INB, p::PEND)),
        1 << 2,
        "PEND shows it, enabled or not"
    );
    assert_eq!(rd(&mut b, g::SRC_PEND), 1 << 2);
    assert_eq!(claim(&mut b, 0, INB), regs::ID_NONE, "not claimable");
    assert!(b.dut.pending(2));
    let e = wr(&mut b, g::SRC_CFG + 8, cfgw(true, false, true, 0, 0));
    assert_eq!(b.out.irq_inb, 0);
    b.tick();
    assert_eq!(b.edge, e + 1);
    assert_eq!(b.out.irq_inb, 1);
}

#[test]
fn rerouting_moves_the_pending_event() {
    let mut b = bus();
    set_cfg(&mut b, 10, cfgw(true, false, true, 0, 0));
    pulse(&mut b, 10);
    assert_eq!(rd(&mut b, pa(0, INB, p::PEND)), 1 << 10);
    set_cfg(&mut b, 10, cfgw(true, true, true, 0, 3));
    assert_eq!(rd(&mut b, pa(0, INB, p::PEND)), 0);
    assert_eq!(rd(&mut b, pa(3, OOB, p::PEND)), 1 << 10);
    assert_eq!(claim(&mut b, 0, INB), regs::ID_NONE);
    assert_eq!(claim(&mut b, 3, OOB), 10);
    // COMPLETE must come from the page the source is routed to now.
    set_cfg(&mut b, 10, cfgw(true, false, true, 0, 1));
    complete(&mut b, 3, OOB, 10);
    assert_eq!(b.dut.err(), regs::err::BAD_COMPLETE);
    assert!(b.dut.active(10));
    complete(&mut b, 1, INB, 10);
    assert!(!b.dut.active(10));
}
