//! Directed tests of the same-edge rules of spec §4, §6, §7, §9: a read and a
//! write executing at one edge, events at the claim edge, clears at the
//! update edge. Lockstep with the reference model plus explicit values.

#[path = "directed_common.rs"]
mod common;

use common::g;
use common::*;
use router_sim::{ReadOpts, WriteOpts};

/// Write issued with the read so that its execute edge (AW/W at the first
/// edge, execute at the second) is the AR edge (ar_delay 1).
fn same_edge() -> (WriteOpts, ReadOpts) {
    (WriteOpts::default(), ReadOpts { ar_delay: 1, ..ReadOpts::default() })
}

#[test]
fn read_returns_state_from_before_a_same_edge_write() {
    let mut d = Dut::c32();
    d.cfg(5, true, INB, EDGE, 1, 1);
    let old = d.read_cfg(5);
    let new = d.m.cfg_value(true, OOB, LEVEL, 3, 2);
    let (wo, ro) = same_edge();
    let a = d.m.src_cfg(5);
    let (w, r) = d.bus.write_read(a, new, &wo, a, &ro);
    assert_eq!(w.bvalid_edge, r.ar_edge);
    assert_eq!(r.data, old);
    assert_eq!(d.read_cfg(5), new);
}

#[test]
fn claim_and_complete_of_same_source_at_one_edge_claim_wins() {
    let mut d = Dut::c32();
    d.cfg(0, true, INB, EDGE, 0, 0);
    d.pulse(1);
    assert_eq!(d.claim(0, INB), 0);
    d.pulse(1); // logged again while active
    let (wo, ro) = same_edge();
    let (w, r) = d.bus.write_read(
        d.pa(0, INB, g::PAGE_COMPLETE_OFFSET),
        0,
        &wo,
        d.pa(0, INB, g::PAGE_CLAIM_OFFSET),
        &ro,
    );
    assert_eq!(w.bvalid_edge, r.ar_edge);
    assert_eq!(r.data, 0);
    assert_eq!(d.r(d.src_active(0)), 1, "claim wins: active stays 1");
    assert_eq!(d.r(d.src_pend(0)), 0);
    assert_eq!(d.err(), 0, "the complete was valid (source active before the edge)");
}

#[test]
fn edge_event_at_claim_edge_relogs_without_overrun() {
    let mut d = Dut::c32();
    d.cfg(3, true, INB, EDGE, 0, 2);
    d.pulse(1 << 3);
    // Source rises at the AR edge of the claim (first edge of the read).
    d.src_on(1 << 3);
    let rd = d.read_full(d.pa(2, INB, g::PAGE_CLAIM_OFFSET), ReadOpts::default());
    assert_eq!(d.at(rd.ar_edge).inp.src >> 3 & 1, 1);
    assert_eq!(d.at(rd.ar_edge).before.rvalid, false);
    assert_eq!(rd.data, 3);
    assert_eq!(d.r(d.src_pend(0)), 1 << 3, "pend set again by the same-edge event");
    assert_eq!(d.r(d.src_active(0)), 1 << 3);
    assert_eq!(d.overrun_byte(3), 0, "not a coalesce");
    // Its timestamp is the claim edge: claimed k edges later, latency k.
    let rd2 = d.read_full(d.pa(2, INB, g::PAGE_CLAIM_OFFSET), ReadOpts { ar_delay: 4, ..ReadOpts::default() });
    assert_eq!(rd2.data, 3);
    assert_eq!(d.lat_last(2, INB) as u64, rd2.ar_edge - rd.ar_edge);
}

#[test]
fn ipi_send_at_claim_edge_relogs_without_ipi_overrun() {
    let mut d = Dut::c32();
    d.ipi_send(0, INB, 1 << 1, 4, OOB);
    let (wo, ro) = same_edge();
    let (w, r) = d.bus.write_read(
        d.pa(0, INB, g::PAGE_IPI_SEND_OFFSET),
        d.ipi_send_value(1 << 1, 4, OOB),
        &wo,
        d.pa(1, OOB, g::PAGE_CLAIM_OFFSET),
        &ro,
    );
    assert_eq!(w.bvalid_edge, r.ar_edge);
    assert_eq!(r.data, IPI_BASE + 4);
    assert_eq!(d.ipi_pend(1, OOB), 1 << 4);
    assert_eq!(d.ipi_overrun(1, OOB), 0);
    assert_eq!(d.claim(1, OOB), IPI_BASE + 4);
    assert_eq!(d.claim(1, OOB), NONE);
}

#[test]
fn lat_max_clear_at_claim_edge_applies_first() {
    let mut d = Dut::c32();
    d.cfg(1, true, OOB, EDGE, 0, 3);
    d.src_on(1 << 1);
    let r = d.read_full(d.pa(3, OOB, g::PAGE_CLAIM_OFFSET), ReadOpts { ar_delay: 50, ..ReadOpts::default() });
    assert_eq!(r.data, 1);
    assert_eq!(d.lat_max(3, OOB), 50);
    d.src_off(1 << 1);
    d.bus.tick();
    d.src_on(1 << 1);
    d.bus.tick();
    let m = d.edges();
    d.bus.idle(5);
    let (wo, ro) = same_edge();
    let (w, r) = d.bus.write_read(
        d.pa(3, OOB, g::PAGE_LAT_MAX_OFFSET),
        0,
        &wo,
        d.pa(3, OOB, g::PAGE_CLAIM_OFFSET),
        &ro,
    );
    assert_eq!(w.bvalid_edge, r.ar_edge);
    assert_eq!(r.data, 1);
    let l = (r.ar_edge - m) as u32;
    assert_eq!(l, 7);
    assert_eq!(d.lat_max(3, OOB), l, "cleared, then the claim's latency");
    assert_eq!(d.lat_last(3, OOB), l);
}

#[test]
fn lat_max_clear_one_edge_after_a_claim_applies_before_its_record() {
    // A claim's statistics are recorded one edge after it (spec §6); a
    // LAT_MAX clear executing at that edge applies first.
    let mut d = Dut::c32();
    d.cfg(1, true, OOB, EDGE, 0, 3);
    d.src_on(1 << 1);
    d.bus.tick();
    let m = d.edges();
    d.src_off(1 << 1);
    d.bus.idle(9);
    let (w, r) = d.bus.write_read(
        d.pa(3, OOB, g::PAGE_LAT_MAX_OFFSET),
        0,
        &WriteOpts::default(),
        d.pa(3, OOB, g::PAGE_CLAIM_OFFSET),
        &ReadOpts::default(),
    );
    assert_eq!(w.bvalid_edge, r.ar_edge + 1, "the clear executes one edge after the claim");
    assert_eq!(r.data, 1);
    let l = (r.ar_edge - m) as u32;
    assert_eq!(d.lat_max(3, OOB), l, "cleared, then the claim's latency");
    assert_eq!(d.lat_last(3, OOB), l);
}

#[test]
fn level_source_claimed_counts_active_at_claim_edge() {
    let mut d = Dut::c32();
    d.cfg(9, true, OOB, LEVEL, 0, 0);
    d.src_on(1 << 9);
    d.bus.idle(3);
    let rd = d.read_full(d.pa(0, OOB, g::PAGE_CLAIM_OFFSET), ReadOpts::default());
    assert_eq!(rd.data, 9);
    assert_eq!(d.r(d.src_pend(0)), 0, "the level is consumed by the claim, not re-logged");
    assert_eq!(d.overrun_byte(9), 0);
}

#[test]
fn tas_and_stall_write_same_edge_on_other_stage_are_independent() {
    let mut d = Dut::c32();
    let (wo, ro) = same_edge();
    let (_, r) = d.bus.write_read(
        d.pa(0, INB, g::PAGE_STALL_OFFSET),
        0,
        &wo,
        d.pa(0, OOB, g::PAGE_STALL_TAS_OFFSET),
        &ro,
    );
    assert_eq!(r.data, 1);
    assert_eq!(d.stall(0, INB), 0);
    assert_eq!(d.stall(0, OOB), 1);
}
