//! Spec §6: claim and complete.

use super::*;
use crate::regs::err;

#[test]
fn claim_order_is_priority_then_id_ipis_lose_ties() {
    let mut b = bus();
    for (i, prio) in [(2, 1), (7, 3), (4, 3), (9, 0), (31, 1)] {
        set_cfg(&mut b, i, cfgw(true, false, true, prio, 0));
    }
    // IPI prio in-band: v0 = 1, v1 = 3.
    wr(&mut b, g::IPI_PRIO_INB, 0b11_01);
    for v in [0, 1] {
        wr(&mut b, pa(2, OOB, p::IPI_SEND), ipi_send_word(1, v, INB));
    }
    b.inp.src = 1 << 2 | 1 << 7 | 1 << 4 | 1 << 9 | 1 << 31;
    b.ticks(2);
    let mut got = vec![];
    loop {
        let id = claim(&mut b, 0, INB);
        got.push(id);
        if id == regs::ID_NONE {
            break;
        }
    }
    assert_eq!(got, [4, 7, 0x101, 2, 31, 0x100, 9, 0x3FF]);
    assert_eq!(b.dut.pending_mask(), 0);
    assert_eq!(b.dut.ipi_pending(0, INB), 0);
    assert_eq!(
        rd(&mut b, g::SRC_ACTIVE),
        1 << 2 | 1 << 7 | 1 << 4 | 1 << 9 | 1 << 31
    );
}

#[test]
fn claim_works_while_stalled_and_only_on_own_page() {
    let mut b = bus();
    set_cfg(&mut b, 1, cfgw(true, true, true, 0, 0));
    set_cfg(&mut b, 2, cfgw(true, false, true, 0, 0));
    b.inp.src = 0b110;
    b.ticks(2);
    assert!(b.dut.stall(0, OOB) && b.dut.stall(0, INB));
    assert_eq!(rd(&mut b, pa(0, INB, p::PEND)), 1 << 2);
    assert_eq!(rd(&mut b, pa(0, OOB, p::PEND)), 1 << 1);
    assert_eq!(claim(&mut b, 1, INB), regs::ID_NONE);
    assert_eq!(claim(&mut b, 0, INB), 2);
    assert_eq!(claim(&mut b, 0, INB), regs::ID_NONE);
    assert_eq!(claim(&mut b, 0, OOB), 1);
}

#[test]
fn empty_claim_has_no_side_effect() {
    let mut b = bus();
    let before = b.dut.lat_stats(0, INB);
    assert_eq!(claim(&mut b, 0, INB), 0x3FF);
    assert_eq!(b.dut.lat_stats(0, INB), before);
    assert_eq!(b.dut.err(), 0);
}

#[test]
fn complete_rules() {
    let mut b = bus_with(Params {
        nsrc: 40,
        ..Params::default()
    });
    set_cfg(&mut b, 3, cfgw(true, false, true, 0, 1));
    set_cfg(&mut b, 39, cfgw(true, true, false, 0, 1));
    pulse(&mut b, 3);
    b.inp.src |= 1 << 39;
    b.tick();
    b.tick();
    assert_eq!(claim(&mut b, 1, INB), 3);
    assert_eq!(claim(&mut b, 1, OOB), 39);
    let bad = |b: &mut B, cpu: usize, stage: usize, id: u32| {
        complete(b, cpu, stage, id);
        assert_eq!(
            b.dut.err(),
            err::BAD_COMPLETE,
            "complete {id:#x} on ({cpu},{stage})"
        );
        wr(b, g::ERR, err::ALL);
        assert_eq!(b.dut.err(), 0);
    };
    bad(&mut b, 1, OOB, 3); // routed elsewhere (wrong stage)
    bad(&mut b, 0, INB, 3); // routed elsewhere (wrong CPU)
    bad(&mut b, 1, INB, 4); // not active
    bad(&mut b, 1, INB, 40); // >= NSRC
    bad(&mut b, 1, INB, 0x100); // an IPI ID
    bad(&mut b, 1, INB, 0x3FF); // NONE
    assert!(b.dut.active(3) && b.dut.active(39));
    complete(&mut b, 1, INB, 3 | 0xFFFF_FC00); // bits above ID[9:0] are ignored
    assert_eq!(b.dut.err(), 0);
    assert!(!b.dut.active(3));
    bad(&mut b, 1, INB, 3); // twice
                            // A disabled but active source can still be completed.
    set_cfg(&mut b, 39, cfgw(false, true, false, 0, 1));
    complete(&mut b, 1, OOB, 39);
    assert_eq!(b.dut.err(), 0);
    assert!(!b.dut.active(39));
    assert_eq!(rd(&mut b, g::SRC_ACTIVE + 4), 0);
}

#[test]
fn claim_wins_over_complete_at_same_edge() {
    let mut b = bus();
    set_cfg(&mut b, 5, cfgw(true, false, true, 0, 0));
    pulse(&mut b, 5);
    assert_eq!(claim(&mut b, 0, INB), 5);
    pulse(&mut b, 5); // pending again while active
    settle(&mut b);
    b.post_write(pa(0, INB, p::COMPLETE), 5);
    b.tick();
    b.post_read(pa(0, INB, p::CLAIM));
    b.tick();
    assert_eq!(b.writes.last().unwrap().edge, b.edge);
    assert_eq!(
        b.reads.last().unwrap(),
        &crate::txn::Resp {
            data: 5,
            resp: 0,
            edge: b.edge
        }
    );
    assert!(b.dut.active(5), "claim wins: active stays 1");
    assert!(!b.dut.pending(5));
    assert_eq!(
        b.dut.err(),
        0,
        "the complete was valid on the pre-edge state"
    );
}

#[test]
fn complete_of_inactive_source_claimed_at_same_edge_is_bad() {
    // Interpretation: COMPLETE is checked against the state before the edge.
    let mut b = bus();
    set_cfg(&mut b, 5, cfgw(true, false, true, 0, 0));
    pulse(&mut b, 5);
    settle(&mut b);
    b.post_write(pa(0, INB, p::COMPLETE), 5);
    b.tick();
    b.post_read(pa(0, INB, p::CLAIM));
    b.tick();
    assert_eq!(b.out.rdata, 5);
    assert!(b.dut.active(5));
    assert_eq!(b.dut.err(), err::BAD_COMPLETE);
}

#[test]
fn claim_sees_routing_before_a_same_edge_cfg_write() {
    let mut b = bus();
    set_cfg(&mut b, 12, cfgw(true, false, true, 0, 0));
    let m = pulse(&mut b, 12);
    settle(&mut b);
    // Move source 12 to (1, oob) at the same edge as a CLAIM on (0, in-band).
    b.post_write(g::SRC_CFG + 4 * 12, cfgw(true, true, true, 0, 1));
    b.tick();
    b.post_read(pa(0, INB, p::CLAIM));
    b.tick();
    let n = b.edge;
    assert_eq!(b.writes.last().unwrap().edge, n);
    assert_eq!(b.out.rdata, 12, "the read sees the routing before the edge");
    assert!(!b.dut.pending(12) && b.dut.active(12));
    assert_eq!(b.dut.src_cfg(12).cpu, 1);
    assert_eq!(
        b.dut.lat_stats(0, INB).last as u64,
        n - m,
        "accounted to the claiming page"
    );
    assert_eq!(b.dut.lat_stats(1, OOB).hist, [0; 16]);
    // Completing now needs the new page.
    complete(&mut b, 1, OOB, 12);
    assert_eq!(b.dut.err(), 0);
}

#[test]
fn claim_and_disable_at_same_edge() {
    let mut b = bus();
    set_cfg(&mut b, 0, cfgw(true, false, true, 0, 0));
    pulse(&mut b, 0);
    settle(&mut b);
    b.post_write(g::SRC_CFG, cfgw(false, false, true, 0, 0));
    b.tick();
    b.post_read(pa(0, INB, p::CLAIM));
    b.tick();
    assert_eq!(b.out.rdata, 0);
    assert!(!b.dut.pending(0) && b.dut.active(0));
}
