//! Directed tests of spec §4 (the log), §5 (lines and stall) and §6 (claim
//! and complete), in lockstep with the reference model and with explicit
//! expected values taken from the spec.

#[path = "directed_common.rs"]
mod common;

use common::*;
use router_sim::{Config, ReadOpts, Resp, WriteOpts};

// ------------------------------------------------------------------ §4 log

#[test]
fn edge_source_logs_one_event_per_rising_edge() {
    let mut d = Dut::c32();
    d.cfg(2, true, INB, EDGE, 0, 0);
    // Held high: one rising edge, one event.
    d.src_on(1 << 2);
    d.bus.idle(5);
    assert_eq!(d.r(d.src_pend(0)), 1 << 2);
    assert_eq!(d.claim(0, INB), 2);
    assert_eq!(d.r(d.src_pend(0)), 0);
    d.complete(0, INB, 2);
    // Still high after complete: no new rising edge, so no event.
    d.bus.idle(5);
    assert_eq!(d.r(d.src_pend(0)), 0);
    assert_eq!(d.claim(0, INB), NONE);
    assert_eq!(d.overrun_byte(2), 0);
    // A new rising edge logs again.
    d.src_off(1 << 2);
    d.bus.tick();
    d.pulse(1 << 2);
    assert_eq!(d.r(d.src_pend(0)), 1 << 2);
    assert_eq!(d.err(), 0);
}

#[test]
fn level_source_relogs_only_after_complete() {
    let mut d = Dut::c32();
    d.cfg(6, true, INB, LEVEL, 1, 0);
    d.src_on(1 << 6);
    d.bus.idle(3);
    assert_eq!(d.r(d.src_pend(0)), 1 << 6);
    assert_eq!(d.claim(0, INB), 6);
    assert_eq!(d.r(d.src_pend(0)), 0, "claim consumes the level it reports");
    assert_eq!(d.r(d.src_active(0)), 1 << 6);
    d.bus.idle(10);
    // Still high, but active: no new event, no overrun.
    assert_eq!(d.r(d.src_pend(0)), 0);
    assert_eq!(d.claim(0, INB), NONE);
    assert_eq!(d.overrun_byte(6), 0);
    // COMPLETE executes at edge n; the level is an event at n+1 (the B
    // handshake edge, the last edge of the write).
    d.complete(0, INB, 6);
    assert_eq!(d.err(), 0);
    assert_eq!(d.r(d.src_active(0)), 0);
    assert_eq!(d.r(d.src_pend(0)), 1 << 6);
    assert_eq!(d.claim(0, INB), 6);
    // Dropped before the complete: nothing more.
    d.src_off(1 << 6);
    d.complete(0, INB, 6);
    d.bus.idle(5);
    assert_eq!(d.r(d.src_pend(0)), 0);
    assert_eq!(d.r(d.src_active(0)), 0);
    assert_eq!(d.claim(0, INB), NONE);
}

#[test]
fn level_event_stays_logged_after_input_drops() {
    let mut d = Dut::c32();
    d.cfg(1, true, INB, LEVEL, 0, 0);
    d.pulse(1 << 1);
    d.bus.idle(4);
    assert_eq!(d.r(d.src_pend(0)), 1 << 1);
    assert_eq!(d.claim(0, INB), 1);
}

#[test]
fn disabled_source_produces_no_event() {
    let mut d = Dut::c32();
    d.cfg(3, false, INB, EDGE, 0, 0);
    d.cfg(4, false, INB, LEVEL, 0, 0);
    d.pulse(1 << 3);
    d.src_on(1 << 4);
    d.bus.idle(4);
    assert_eq!(d.r(d.src_pend(0)), 0);
    assert_eq!(d.overrun_byte(3), 0);
    assert_eq!(d.claim(0, INB), NONE);
}

#[test]
fn enabling_edge_source_already_high_gives_no_event() {
    let mut d = Dut::c32();
    d.src_on(1 << 9);
    d.bus.idle(3);
    d.cfg(9, true, INB, EDGE, 0, 0);
    d.bus.idle(4);
    assert_eq!(d.r(d.src_pend(0)), 0);
    d.src_off(1 << 9);
    d.bus.tick();
    d.pulse(1 << 9);
    assert_eq!(d.r(d.src_pend(0)), 1 << 9);
}

#[test]
fn disabling_keeps_pending_bit_and_reenabling_delivers() {
    let mut d = Dut::c32();
    d.unstall(0, OOB);
    d.unstall(0, INB);
    d.cfg(5, true, INB, EDGE, 2, 0);
    d.pulse(1 << 5);
    assert!(d.line(0, INB));
    d.cfg(5, false, INB, EDGE, 2, 0);
    d.bus.idle(2);
    assert!(!d.line(0, INB), "a disabled pending source is not deliverable");
    assert_eq!(d.r(d.src_pend(0)), 1 << 5, "pend kept while disabled");
    assert_eq!(d.claim(0, INB), NONE, "disabled source cannot be claimed");
    assert_eq!(d.status(0, INB) & ST_DELIV, 0);
    d.cfg(5, true, INB, EDGE, 2, 0);
    d.bus.idle(2);
    assert!(d.line(0, INB));
    assert_eq!(d.claim(0, INB), 5);
}

#[test]
fn rerouting_moves_pending_event_to_new_log() {
    let mut d = Dut::c32();
    d.cfg(7, true, INB, EDGE, 0, 1);
    d.pulse(1 << 7);
    assert_eq!(d.pend(1, INB, 0), 1 << 7);
    d.cfg(7, true, OOB, EDGE, 0, 2);
    assert_eq!(d.pend(1, INB, 0), 0);
    assert_eq!(d.pend(2, OOB, 0), 1 << 7);
    assert_eq!(d.claim(1, INB), NONE);
    assert_eq!(d.claim(2, OOB), 7);
}

#[test]
fn edge_coalescing_counts_overrun_and_level_does_not() {
    let mut d = Dut::c32();
    d.cfg(2, true, INB, EDGE, 0, 0);
    d.cfg(1, true, INB, LEVEL, 0, 0);
    d.cfg(13, true, OOB, EDGE, 0, 3);
    for _ in 0..3 {
        d.pulse(1 << 2);
    }
    for _ in 0..5 {
        d.pulse(1 << 13);
    }
    d.src_on(1 << 1);
    d.bus.idle(20);
    assert_eq!(d.overrun_byte(2), 2, "3 edges while pending: 1 logged, 2 coalesced");
    assert_eq!(d.overrun_byte(1), 0, "a level held high while pending is one event");
    assert_eq!(d.overrun_byte(13), 4);
    // Byte layout: source i is byte i%4 of OVERRUN[i/4].
    assert_eq!(d.r(d.m.overrun(0)), 2 << 16);
    assert_eq!(d.r(d.m.overrun(3)), 4 << 8);
    // Coalesced: the timestamp is the first event's, only one claim.
    assert_eq!(d.claim(0, INB), 1);
    assert_eq!(d.claim(0, INB), 2);
    assert_eq!(d.claim(0, INB), NONE);
}

#[test]
fn overrun_saturates_at_255_and_overrun_clr_clears_per_source() {
    let mut d = Dut::c32();
    d.cfg(0, true, INB, EDGE, 0, 0);
    d.cfg(3, true, INB, EDGE, 0, 0);
    d.pulse(1 << 3);
    d.pulse(1 << 3);
    for _ in 0..300 {
        d.pulse(1);
    }
    assert_eq!(d.overrun_byte(0), 255);
    assert_eq!(d.r(d.m.overrun(0)), 255 | 1 << 24);
    // OVERRUN is read-only (1.1); OVERRUN_CLR clears the counters of its 1 bits.
    assert_eq!(d.wresp(d.m.overrun(0), 0), Resp::SlvErr);
    d.w(d.m.overrun_clr(0), 1 << 3);
    assert_eq!(d.r(d.m.overrun(0)), 255, "only source 3 cleared");
    d.w(d.m.overrun_clr(0), 1);
    assert_eq!(d.r(d.m.overrun(0)), 0);
    d.pulse(1);
    assert_eq!(d.overrun_byte(0), 1);
}

/// Spec §4: an OVERRUN_CLR write at the edge of a coalesced edge event clears
/// first, then counts: the counter ends at 1.
#[test]
fn overrun_clear_and_count_at_same_edge_ends_at_one() {
    let mut d = Dut::c32();
    d.cfg(0, true, INB, EDGE, 0, 0);
    d.pulse(1);
    d.pulse(1);
    d.pulse(1);
    assert_eq!(d.overrun_byte(0), 2);
    let a = d.m.overrun_clr(0);
    // Edge 1: AW and W handshakes (source low). Edge 2: the write executes
    // and the source's rising edge is sampled. Edge 3: B handshake.
    let mut inp = d.bus.pins;
    inp.awvalid = true;
    inp.awaddr = a;
    inp.wvalid = true;
    inp.wdata = 1;
    inp.wstrb = 0xF;
    inp.bready = false;
    d.bus.step_with(&inp);
    let mut inp2 = d.bus.pins;
    inp2.src |= 1;
    inp2.bready = false;
    let o = d.bus.step_with(&inp2);
    assert!(o.bvalid);
    let mut inp3 = d.bus.pins;
    inp3.bready = true;
    d.bus.step_with(&inp3);
    assert_eq!(d.overrun_byte(0), 1);
}

// ---------------------------------------------------------- §5 lines, stall

#[test]
fn line_latency_is_two_edges_from_source_sample() {
    let mut d = Dut::c32();
    d.cfg(4, true, INB, EDGE, 0, 1);
    d.cfg(5, true, OOB, LEVEL, 0, 2);
    d.unstall(1, OOB);
    d.unstall(1, INB);
    d.unstall(2, OOB);
    d.bus.idle(3);
    assert_eq!(d.out().irq_inb, 0);
    assert_eq!(d.out().irq_oob, 0);
    // Edge n samples the source: log bit set at n, line visible at n+1.
    d.src_on(1 << 4);
    let o1 = d.bus.tick();
    assert!(!o1.line(1, 0), "line must not react at the sampling edge");
    let o2 = d.bus.tick();
    assert!(o2.line(1, 0), "line visible at edge n+1 (latency 2)");
    assert_eq!(o2.irq_inb, 1 << 1);
    d.src_on(1 << 5);
    let o1 = d.bus.tick();
    assert!(!o1.line(2, 1));
    let o2 = d.bus.tick();
    assert!(o2.line(2, 1));
    assert_eq!(o2.irq_oob, 1 << 2);
}

#[test]
fn line_stays_low_while_stalled_at_reset() {
    let mut d = Dut::c32();
    assert_eq!(d.stall(0, INB), 1, "stall resets to 1");
    assert_eq!(d.stall(0, OOB), 1);
    d.cfg(0, true, INB, EDGE, 0, 0);
    d.cfg(1, true, OOB, EDGE, 0, 0);
    d.pulse(0b11);
    d.bus.idle(5);
    assert_eq!(d.out().irq_inb, 0);
    assert_eq!(d.out().irq_oob, 0);
    assert_eq!(d.pend(0, INB, 0), 1);
    assert_eq!(d.pend(0, OOB, 0), 2);
}

#[test]
fn unstall_write_raises_line_at_its_execute_edge() {
    for (aw_delay, w_delay) in [(0, 0), (0, 3), (3, 0)] {
        let mut d = Dut::c32();
        d.cfg(8, true, OOB, EDGE, 0, 3);
        d.pulse(1 << 8);
        d.bus.idle(2);
        assert!(!d.line(3, OOB));
        let a = d.pa(3, OOB, common::g::PAGE_STALL_OFFSET);
        let wd = d.write_full(a, 0, WriteOpts { aw_delay, w_delay, ..WriteOpts::default() });
        let hs = wd.aw_edge.max(wd.w_edge);
        assert_eq!(wd.bvalid_edge, hs + 1, "write executes at the edge after the later handshake");
        assert!(!d.line_after(hs, 3, OOB));
        assert!(d.line_after(wd.bvalid_edge, 3, OOB), "line visible at the execute edge (latency 2)");
    }
}

#[test]
fn stall_write_drops_line_at_execute_edge_and_keeps_log() {
    let mut d = Dut::c32();
    d.unstall(0, OOB);
    d.unstall(0, INB);
    d.cfg(10, true, INB, EDGE, 1, 0);
    d.cfg(11, true, INB, LEVEL, 2, 0);
    d.pulse(1 << 10);
    assert!(d.line(0, INB));
    let a = d.pa(0, INB, common::g::PAGE_STALL_OFFSET);
    let wd = d.write_full(a, 1, WriteOpts::default());
    assert!(d.line_after(wd.bvalid_edge - 1, 0, INB));
    assert!(!d.line_after(wd.bvalid_edge, 0, INB), "stall' (after the edge) gates the line at once");
    // Events while stalled are logged as usual.
    d.pulse(1 << 11);
    d.bus.idle(5);
    assert!(!d.line(0, INB));
    assert_eq!(d.pend(0, INB, 0), 1 << 10 | 1 << 11);
    assert_eq!(d.status(0, INB), ST_DELIV | ST_STALLED);
    // Unstall replays.
    let wd = d.write_full(a, 0, WriteOpts::default());
    assert!(d.line_after(wd.bvalid_edge, 0, INB));
    assert_eq!(d.claim(0, INB), 11);
    assert_eq!(d.claim(0, INB), 10);
    assert_eq!(d.claim(0, INB), NONE);
}

#[test]
fn inband_line_gated_by_oob_stall_of_same_cpu() {
    let mut d = Dut::c32();
    d.cfg(0, true, INB, EDGE, 0, 1);
    d.cfg(1, true, INB, EDGE, 0, 2);
    d.cfg(2, true, OOB, EDGE, 0, 1);
    d.unstall(1, INB);
    d.unstall(2, INB);
    d.unstall(2, OOB);
    d.pulse(0b11);
    d.bus.idle(2);
    assert!(!d.line(1, INB), "CPU1 oob stalled holds its in-band line");
    assert!(d.line(2, INB), "CPU2's oob stage is not stalled");
    assert_eq!(d.status(1, INB), ST_DELIV | ST_OOB_STALLED);
    // Unstalling CPU1's oob stage raises the in-band line at that edge.
    let a = d.pa(1, OOB, common::g::PAGE_STALL_OFFSET);
    let wd = d.write_full(a, 0, WriteOpts::default());
    assert!(!d.line_after(wd.bvalid_edge - 1, 1, INB));
    assert!(d.line_after(wd.bvalid_edge, 1, INB));
    assert_eq!(d.status(1, INB), ST_LINE | ST_DELIV);
    // Test-and-stall of the oob stage drops the in-band line at its AR edge.
    let ta = d.pa(1, OOB, common::g::PAGE_STALL_TAS_OFFSET);
    let rd = d.read_full(ta, ReadOpts::default());
    assert_eq!(rd.data, 0);
    assert!(!d.line_after(rd.ar_edge, 1, INB));
    // The in-band stall never gates the oob line.
    d.set_stall(1, INB, 1);
    d.unstall(1, OOB);
    d.pulse(1 << 2);
    assert!(d.line(1, OOB));
    assert!(!d.line(1, INB));
}

#[test]
fn claim_that_empties_log_drops_line_next_edge() {
    let mut d = Dut::c32();
    d.unstall(0, OOB);
    d.cfg(3, true, OOB, EDGE, 0, 0);
    d.pulse(1 << 3);
    assert!(d.line(0, OOB));
    let a = d.pa(0, OOB, common::g::PAGE_CLAIM_OFFSET);
    let rd = d.read_full(a, ReadOpts { r_delay: 3, ..ReadOpts::default() });
    assert_eq!(rd.data, 3);
    // RVALID visible from n = AR edge, line still high at n, low at n+1.
    assert!(d.at(rd.ar_edge).after.rvalid);
    assert!(d.line_after(rd.ar_edge, 0, OOB));
    assert!(!d.line_after(rd.ar_edge + 1, 0, OOB));
}

// ---------------------------------------------------------- §6 claim/complete

#[test]
fn claim_picks_highest_priority_then_lowest_id() {
    let mut d = Dut::c32();
    d.cfg(3, true, INB, EDGE, 1, 0);
    d.cfg(5, true, INB, EDGE, 2, 0);
    d.cfg(7, true, INB, EDGE, 2, 0);
    d.cfg(9, true, INB, EDGE, 0, 0);
    d.cfg(4, true, INB, EDGE, 3, 1); // other CPU: never claimed here
    let prio = Dut::ipi_prio_field(2, 2) | Dut::ipi_prio_field(0, 3);
    d.w(d.m.ipi_prio_inb, prio);
    assert_eq!(d.r(d.m.ipi_prio_inb), prio);
    d.pulse(1 << 3 | 1 << 4 | 1 << 5 | 1 << 7 | 1 << 9);
    d.ipi_send(0, INB, 1, 2, INB);
    d.ipi_send(0, INB, 1, 0, INB);
    let order: Vec<u32> = (0..7).map(|_| d.claim(0, INB)).collect();
    assert_eq!(order, vec![IPI_BASE, 5, 7, IPI_BASE + 2, 3, 9, NONE]);
    assert_eq!(d.claim(1, INB), 4);
}

#[test]
fn ipi_loses_priority_tie_to_source() {
    let mut d = Dut::c32();
    d.cfg(31, true, OOB, EDGE, 1, 2);
    d.w(d.m.ipi_prio_oob, Dut::ipi_prio_field(0, 1));
    d.ipi_send(0, OOB, 1 << 2, 0, OOB);
    d.pulse(1 << 31);
    assert_eq!(d.claim(2, OOB), 31);
    assert_eq!(d.claim(2, OOB), IPI_BASE);
    assert_eq!(d.claim(2, OOB), NONE);
}

#[test]
fn empty_claim_returns_none_without_statistics() {
    let mut d = Dut::c32();
    for c in 0..4 {
        for s in [INB, OOB] {
            assert_eq!(d.claim(c, s), NONE);
        }
    }
    assert_eq!(d.lat_last(0, INB), 0);
    assert_eq!(d.hist(0, INB), vec![0; 16]);
}

#[test]
fn claim_works_while_stalled() {
    let mut d = Dut::c32();
    d.cfg(12, true, INB, EDGE, 0, 0);
    d.pulse(1 << 12);
    assert_eq!(d.claim(0, INB), 12);
    assert_eq!(d.r(d.src_active(0)), 1 << 12);
}

#[test]
fn complete_of_active_source_routed_here_clears_active() {
    let mut d = Dut::c32();
    d.cfg(20, true, OOB, EDGE, 0, 3);
    d.pulse(1 << 20);
    assert_eq!(d.claim(3, OOB), 20);
    assert_eq!(d.r(d.src_active(0)), 1 << 20);
    d.complete(3, OOB, 20);
    assert_eq!(d.r(d.src_active(0)), 0);
    assert_eq!(d.err(), 0);
}

#[test]
fn bad_complete_cases_are_ignored_and_flagged() {
    let mut d = Dut::c32();
    d.cfg(6, true, INB, EDGE, 0, 1);
    d.pulse(1 << 6);
    assert_eq!(d.claim(1, INB), 6);
    let cases: [(u32, u32, u32, &str); 7] = [
        (2, INB, 6, "wrong CPU page"),
        (1, OOB, 6, "wrong stage page"),
        (1, INB, 7, "source not active"),
        (1, INB, IPI_BASE, "IPI id"),
        (1, INB, IPI_BASE + 3, "IPI id"),
        (1, INB, NONE, "NONE id"),
        (1, INB, 32, "id >= NSRC"),
    ];
    for (c, s, id, why) in cases {
        d.complete(c, s, id);
        assert_eq!(d.err(), ERR_BAD_COMPLETE, "{why}");
        assert_eq!(d.r(d.src_active(0)), 1 << 6, "{why}: nothing changes");
        d.clear_err();
    }
    // IPIs are never active: completing a claimed IPI is also bad.
    d.ipi_send(0, INB, 1 << 1, 3, INB);
    assert_eq!(d.claim(1, INB), IPI_BASE + 3);
    d.complete(1, INB, IPI_BASE + 3);
    assert_eq!(d.err(), ERR_BAD_COMPLETE);
    d.clear_err();
    // Re-routed after the claim: completing on the old page is bad, on the
    // new one fine.
    d.cfg(6, true, INB, EDGE, 0, 2);
    d.complete(1, INB, 6);
    assert_eq!(d.err(), ERR_BAD_COMPLETE);
    d.clear_err();
    d.complete(2, INB, 6);
    assert_eq!(d.err(), 0);
    assert_eq!(d.r(d.src_active(0)), 0);
    // Completing twice: the second is bad.
    d.complete(2, INB, 6);
    assert_eq!(d.err(), ERR_BAD_COMPLETE);
}

#[test]
fn edge_event_during_active_is_logged_again() {
    let mut d = Dut::c32();
    d.cfg(0, true, INB, EDGE, 0, 0);
    d.pulse(1);
    assert_eq!(d.claim(0, INB), 0);
    d.pulse(1);
    assert_eq!(d.r(d.src_pend(0)), 1, "edge sources re-log while active");
    assert_eq!(d.r(d.src_active(0)), 1);
    assert_eq!(d.overrun_byte(0), 0);
}

#[test]
fn minimal_config_claims_and_ids() {
    let mut d = Dut::new(Config::C8x1x1);
    d.unstall(0, OOB);
    d.unstall(0, INB);
    d.cfg(7, true, INB, LEVEL, 3, 0);
    d.ipi_send(0, INB, 1, 0, INB);
    d.src_on(1 << 7);
    d.bus.idle(2);
    assert!(d.line(0, INB));
    assert_eq!(d.claim(0, INB), 7);
    assert_eq!(d.claim(0, INB), IPI_BASE);
    assert_eq!(d.claim(0, INB), NONE);
    d.bus.idle(1);
    assert!(!d.line(0, INB));
    d.complete(0, INB, 8);
    assert_eq!(d.err(), ERR_BAD_COMPLETE, "id 8 >= NSRC=8");
}
