//! Directed tests of the 1.1 additions on the RTL, in lockstep with the
//! reference model and with explicit expected values: TrustZone isolation
//! (spec §8), RMW-free writes (§8), the idle wake (§11) and the lean
//! configuration (§1, §10).

#[path = "directed_common.rs"]
mod common;

use common::g;
use common::*;
use router_sim::{Config, WriteOpts};


#[test]
fn linux_cannot_claim_stall_or_complete_oob_events() {
    let mut d = Dut::c32();
    d.cfg(4, true, OOB, EDGE, 1, 2);
    d.unstall(2, OOB);
    d.pulse(1 << 4);
    d.bus.tick();
    assert!(d.line(2, OOB));
    // Non-secure reads of the oob page answer zero and take nothing.
    for off in [g::PAGE_CLAIM_OFFSET, g::PAGE_STALL_TAS_OFFSET, g::PAGE_STATUS_OFFSET, g::PAGE_PEND_OFFSET] {
        assert_eq!(d.nr(d.pa(2, OOB, off)), 0, "offset {off:#x}");
    }
    assert!(d.line(2, OOB), "still pending, still unstalled");
    // Non-secure writes to it are refused with DENIED.
    d.nw(d.pa(2, OOB, g::PAGE_STALL_OFFSET), 1);
    assert_eq!(d.err(), ERR_DENIED);
    assert_eq!(d.stall(2, OOB), 0);
    // The Secure side claims; Linux cannot complete it.
    assert_eq!(d.claim(2, OOB), 4);
    d.nw(d.pa(2, OOB, g::PAGE_COMPLETE_OFFSET), 4);
    assert_eq!(d.r(d.src_active(0)), 1 << 4);
    // Linux cannot clear DENIED; the Secure side can.
    d.nw(d.m.err, ERR_DENIED);
    assert_eq!(d.err(), ERR_DENIED);
    d.clear_err();
    d.complete(2, OOB, 4);
    assert_eq!(d.err(), 0);
}

#[test]
fn linux_configures_inband_sources_only_and_without_rmw() {
    let mut d = Dut::c32();
    d.cfg(1, true, OOB, LEVEL, 3, 0);
    d.cfg(2, true, INB, EDGE, 1, 3);
    // An oob source, whole or masked: refused.
    d.nw(d.m.src_cfg(1), 0);
    d.nw(d.m.src_cfg(1), d.m.cfg_we(1));
    assert_eq!(d.err(), ERR_DENIED);
    d.clear_err();
    assert_eq!(d.read_cfg(1), d.m.cfg_value(true, OOB, LEVEL, 3, 0));
    // Linux masks its source without reading it: only EN changes.
    d.nw(d.m.src_cfg(2), d.m.cfg_we(1));
    assert_eq!(d.read_cfg(2), d.m.cfg_value(false, INB, EDGE, 1, 3));
    // ... while the Secure side changes the priority of the same source.
    d.w(d.m.src_cfg(2), d.m.cfg_we(1 << 3) | d.m.cfg_value(false, 0, 0, 2, 0));
    d.nw(d.m.src_cfg(2), d.m.cfg_we(1 << 4 | 1) | d.m.cfg_value(true, 0, 0, 0, 1));
    assert_eq!(d.read_cfg(2), d.m.cfg_value(true, INB, EDGE, 2, 1), "no field undone");
    // Linux cannot take it to the oob stage.
    d.nw(d.m.src_cfg(2), d.m.cfg_we(1 << 1) | d.m.cfg_value(false, OOB, 0, 0, 0));
    assert_eq!(d.err(), ERR_DENIED);
    assert_eq!(d.read_cfg(2), d.m.cfg_value(true, INB, EDGE, 2, 1));
}

#[test]
fn linux_sends_only_the_oob_ipis_the_oob_side_allows() {
    let mut d = Dut::c32();
    let send = d.pa(1, INB, g::PAGE_IPI_SEND_OFFSET);
    d.nw(send, d.ipi_send_value(0b1, 2, OOB));
    assert_eq!(d.err(), ERR_DENIED);
    d.clear_err();
    assert_eq!(d.ipi_pend(0, OOB), 0);
    d.nw(d.m.ipi_oob_ns, 1 << 2);
    assert_eq!(d.err(), ERR_DENIED, "Linux cannot allow itself");
    d.clear_err();
    d.w(d.m.ipi_oob_ns, 1 << 2);
    d.nw(send, d.ipi_send_value(0b1, 2, OOB));
    assert_eq!((d.ipi_pend(0, OOB), d.err()), (1 << 2, 0));
    // IPI priorities: one vector at a time; Linux only in-band ones.
    d.w(d.m.ipi_prio_set, d.m.ipi_prio_set_value(3, 2, OOB));
    d.nw(d.m.ipi_prio_set, d.m.ipi_prio_set_value(1, 2, OOB));
    assert_eq!(d.err(), ERR_DENIED);
    d.clear_err();
    d.nw(d.m.ipi_prio_set, d.m.ipi_prio_set_value(2, 5, INB));
    assert_eq!(d.r(d.m.ipi_prio_oob), Dut::ipi_prio_field(2, 3));
    assert_eq!(d.r(d.m.ipi_prio_inb), Dut::ipi_prio_field(5, 2));
}

#[test]
fn wake_raises_the_line_of_a_stalled_stage_within_two_cycles() {
    let mut d = Dut::c32();
    d.cfg(0, true, INB, EDGE, 0, 1);
    d.unstall(1, OOB);
    d.pulse(1);
    d.bus.idle(3);
    assert!(!d.line(1, INB), "logged, stage stalled");
    // STALL = STALL | WAKE: the line is visible at the write's execution
    // edge, 2 cycles from the AW/W handshake edge (spec §5, §11).
    let w = d.write_full(d.pa(1, INB, g::PAGE_STALL_OFFSET), 0b11, WriteOpts::default());
    assert_eq!(w.bvalid_edge, w.aw_edge.max(w.w_edge) + 1);
    assert!(!d.line_after(w.bvalid_edge - 1, 1, INB));
    assert!(d.line_after(w.bvalid_edge, 1, INB));
    assert_eq!(d.status(1, INB), ST_LINE | ST_DELIV | ST_STALLED | ST_WAKE);
    // Test-and-stall leaves the wake alone; disarming drops the line.
    assert_eq!(d.tas(1, INB), 1);
    assert!(d.line(1, INB));
    d.set_stall(1, INB, 1);
    d.bus.tick();
    assert!(!d.line(1, INB));
    assert_eq!(d.claim(1, INB), 0, "the log was never touched");
}

#[test]
fn lean_configuration_keeps_no_statistics_and_sticky_overruns() {
    let mut d = Dut::new(Config::C32x4x8Lean);
    d.past_sweep();
    d.cfg(3, true, OOB, EDGE, 0, 0);
    for _ in 0..4 {
        d.pulse(1 << 3);
    }
    assert_eq!(d.overrun_byte(3), 1, "a sticky bit");
    d.bus.idle(20);
    assert_eq!(d.claim(0, OOB), 3);
    assert_eq!((d.lat_last(0, OOB), d.lat_max(0, OOB)), (0, 0));
    assert_eq!(d.hist(0, OOB), vec![0; 16]);
    d.w(d.m.overrun_clr(0), 1 << 3);
    assert_eq!(d.overrun_byte(3), 0);
}
