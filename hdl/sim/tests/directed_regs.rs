//! Directed tests of spec §6 (latency statistics, test-and-stall), §7 (IPIs),
//! §8 (isolation, LOCK), §9 (AXI slave, bad input) and §10 (observability),
//! in lockstep with the reference model and with explicit expected values.

#[path = "directed_common.rs"]
mod common;

use common::g;
use common::*;
use router_sim::{Config, ReadOpts, Resp, WriteOpts};

// ---------------------------------------------------------------- identity

#[test]
fn id_version_hwcfg_values() {
    for cfg in Config::ALL {
        let mut d = Dut::new(cfg);
        let p = d.p;
        assert_eq!(d.r(d.ga(g::GLOBAL_ID_OFFSET)), 0x4952_5152, "ID reads \"IRQR\"");
        assert_eq!(d.r(d.ga(g::GLOBAL_ID_OFFSET)), g::GLOBAL_ID_RESET);
        assert_eq!(d.r(d.ga(g::GLOBAL_VERSION_OFFSET)), g::GLOBAL_VERSION_RESET);
        assert_eq!(d.r(d.ga(g::GLOBAL_VERSION_OFFSET)), 0x0001_0001, "version 1.1");
        let want = p.nsrc << g::GLOBAL_HWCFG_NSRC_LSB
            | p.ncpu << g::GLOBAL_HWCFG_NCPU_LSB
            | p.nipi << g::GLOBAL_HWCFG_NIPI_LSB
            | p.tsw << g::GLOBAL_HWCFG_TSW_LSB
            | (p.stats as u32) << g::GLOBAL_HWCFG_STATS_LSB
            | p.ovrw << g::GLOBAL_HWCFG_OVRW_LSB;
        assert_eq!(d.r(d.ga(g::GLOBAL_HWCFG_OFFSET)), want, "{cfg:?}");
    }
    // Literal values of the default configuration, full and lean.
    let mut d = Dut::c32();
    assert_eq!(d.r(d.ga(g::GLOBAL_HWCFG_OFFSET)), 32 | 4 << 8 | 8 << 12 | 16 << 17 | 1 << 23 | 8 << 24);
    let mut d = Dut::new(Config::C32x4x8Lean);
    assert_eq!(d.r(d.ga(g::GLOBAL_HWCFG_OFFSET)), 32 | 4 << 8 | 8 << 12 | 16 << 17 | 1 << 24);
}

#[test]
fn reset_values_of_global_and_page_registers() {
    let mut d = Dut::c32();
    assert_eq!(d.err(), 0);
    assert_eq!(d.r(d.ga(g::GLOBAL_STATUS_OFFSET)), GST_SECURE, "unlocked; the bus is Secure");
    assert_eq!(d.r(d.m.ipi_prio_inb), 0);
    assert_eq!(d.r(d.m.ipi_prio_oob), 0);
    for i in 0..32 {
        assert_eq!(d.read_cfg(i), 0, "SRC_CFG[{i}] resets to 0");
    }
    for c in 0..4 {
        for s in [INB, OOB] {
            assert_eq!(d.stall(c, s), 1);
            assert_eq!(d.status(c, s), ST_STALLED | ST_OOB_STALLED);
            assert_eq!(d.ipi_pend(c, s), 0);
            assert_eq!(d.ipi_overrun(c, s), 0);
            assert_eq!(d.pend(c, s, 0), 0);
            assert_eq!(d.lat_last(c, s), 0);
            assert_eq!(d.lat_max(c, s), 0);
        }
    }
}

// ---------------------------------------------------------------- SRC_CFG

#[test]
fn src_cfg_reads_back_and_reserved_bits_read_zero() {
    let mut d = Dut::c32();
    let fields = (1 << g::GLOBAL_SRC_CFG_EN_LSB)
        | (1 << g::GLOBAL_SRC_CFG_STAGE_LSB)
        | (1 << g::GLOBAL_SRC_CFG_TRIG_LSB)
        | (3 << g::GLOBAL_SRC_CFG_PRIO_LSB)
        | (7 << g::GLOBAL_SRC_CFG_CPU_LSB);
    assert_eq!(fields, 0x737);
    // All ones except the CPU field, which must name a CPU < 4.
    let v = !(7 << g::GLOBAL_SRC_CFG_CPU_LSB) | (3 << g::GLOBAL_SRC_CFG_CPU_LSB);
    d.w(d.m.src_cfg(3), v);
    assert_eq!(d.read_cfg(3), 0x337, "EN|STAGE|TRIG|PRIO=3|CPU=3, reserved bits 0");
    assert_eq!(d.err(), 0);
    for (i, (en, st, tr, pr, cpu)) in
        [(true, INB, LEVEL, 0, 0), (false, OOB, EDGE, 2, 1), (true, OOB, LEVEL, 1, 2)].into_iter().enumerate()
    {
        let i = i as u32 + 10;
        d.cfg(i, en, st, tr, pr, cpu);
        assert_eq!(d.read_cfg(i), d.m.cfg_value(en, st, tr, pr, cpu));
    }
    // Last entry (NSRC-1) exists; NSRC does not (SLVERR).
    d.cfg(31, true, INB, EDGE, 3, 3);
    assert_eq!(d.read_cfg(31), 0x335 & !2);
}

#[test]
fn src_cfg_cpu_beyond_ncpu_is_rejected_with_bad_cpu() {
    let mut d = Dut::c32();
    d.cfg(4, true, INB, EDGE, 1, 2);
    let before = d.read_cfg(4);
    for cpu in 4..8 {
        d.w(d.m.src_cfg(4), d.m.cfg_value(true, INB, EDGE, 1, cpu));
        assert_eq!(d.err(), ERR_BAD_CPU);
        assert_eq!(d.read_cfg(4), before, "rejected write changes nothing");
        d.clear_err();
    }
}

// ---------------------------------------------------------------- STALL

#[test]
fn stall_tas_returns_old_value_and_sets_stall() {
    let mut d = Dut::c32();
    assert_eq!(d.tas(2, INB), 1, "stall resets to 1");
    d.unstall(2, INB);
    assert_eq!(d.stall(2, INB), 0);
    assert_eq!(d.tas(2, INB), 0);
    assert_eq!(d.stall(2, INB), 1);
    assert_eq!(d.tas(2, INB), 1);
    // Other stages untouched.
    d.unstall(2, OOB);
    assert_eq!(d.tas(2, INB), 1);
    assert_eq!(d.stall(2, OOB), 0);
    assert_eq!(d.stall(1, INB), 1);
}

#[test]
fn stall_register_keeps_only_stall_and_wake() {
    let mut d = Dut::c32();
    d.set_stall(0, INB, 0xFFFF_FFFC);
    assert_eq!(d.stall(0, INB), 0);
    d.set_stall(0, INB, 0xFFFF_FFFF);
    assert_eq!(d.stall(0, INB), 0b11, "STALL and WAKE");
    d.set_stall(0, INB, 0xFFFF_FFFD);
    assert_eq!(d.stall(0, INB), 1);
}

#[test]
fn test_and_stall_wins_over_same_edge_stall_write() {
    let mut d = Dut::c32();
    d.unstall(1, OOB);
    // Write STALL=0 executing at the edge of a STALL_TAS AR handshake:
    // AW/W at edge 1, execute at edge 2 = AR edge (ar_delay 1).
    let st = d.pa(1, OOB, g::PAGE_STALL_OFFSET);
    let tas = d.pa(1, OOB, g::PAGE_STALL_TAS_OFFSET);
    let (w, r) = d.bus.write_read(st, 0, &WriteOpts::default(), tas, &ReadOpts { ar_delay: 1, ..ReadOpts::default() });
    assert_eq!(w.bvalid_edge, r.ar_edge);
    assert_eq!(r.data, 0);
    assert_eq!(d.stall(1, OOB), 1, "test-and-stall wins");
}

// ---------------------------------------------------------------- IPIs §7

#[test]
fn ipi_send_to_several_cpus_sets_each_log() {
    let mut d = Dut::c32();
    d.ipi_send(0, INB, 0b1011, 3, INB);
    assert_eq!(d.ipi_pend(0, INB), 1 << 3);
    assert_eq!(d.ipi_pend(1, INB), 1 << 3);
    assert_eq!(d.ipi_pend(2, INB), 0);
    assert_eq!(d.ipi_pend(3, INB), 1 << 3);
    for c in 0..4 {
        assert_eq!(d.ipi_pend(c, OOB), 0);
    }
    assert_eq!(d.err(), 0);
    assert_eq!(d.claim(3, INB), IPI_BASE + 3);
    assert_eq!(d.ipi_pend(3, INB), 0);
    assert_eq!(d.ipi_pend(1, INB), 1 << 3);
    // The line of an IPI.
    d.unstall(1, OOB);
    d.unstall(1, INB);
    d.bus.idle(1);
    assert!(d.line(1, INB));
    assert_eq!(d.status(1, INB), ST_LINE | ST_DELIV);
}

#[test]
fn inband_page_may_send_oob_ipi() {
    let mut d = Dut::c32();
    d.ipi_send(2, INB, 1 << 3, 7, OOB);
    assert_eq!(d.ipi_pend(3, OOB), 1 << 7);
    assert_eq!(d.err(), 0);
    d.unstall(3, OOB);
    d.bus.idle(1);
    assert!(d.line(3, OOB));
    assert_eq!(d.claim(3, OOB), IPI_BASE + 7);
}

#[test]
fn ipi_coalescing_counts_ipi_overrun_saturating_and_write_clears() {
    let mut d = Dut::c32();
    d.ipi_send(0, OOB, 1, 1, INB);
    d.ipi_send(0, OOB, 1, 1, INB);
    d.ipi_send(0, OOB, 1, 2, INB); // new vector: not an overrun
    d.ipi_send(0, OOB, 1, 1, INB);
    assert_eq!(d.ipi_overrun(0, INB), 2);
    assert_eq!(d.ipi_overrun(0, OOB), 0);
    assert_eq!(d.ipi_pend(0, INB), 0b110);
    d.w(d.pa(0, INB, g::PAGE_IPI_OVERRUN_OFFSET), 0xDEAD);
    assert_eq!(d.ipi_overrun(0, INB), 0);
    for _ in 0..260 {
        d.ipi_send(1, INB, 1, 1, INB);
    }
    assert_eq!(d.ipi_overrun(0, INB), 255);
    // Claimed, then sent again: logged, no overrun.
    assert_eq!(d.claim(0, INB), IPI_BASE + 1);
    d.w(d.pa(0, INB, g::PAGE_IPI_OVERRUN_OFFSET), 0);
    d.ipi_send(1, INB, 1, 1, INB);
    assert_eq!(d.ipi_overrun(0, INB), 0);
    assert_eq!(d.ipi_pend(0, INB), 0b110);
}

#[test]
fn ipi_send_bad_cpu_or_vector_rejects_whole_write() {
    let mut d = Dut::c32();
    d.ipi_send(0, INB, 0b1_0001, 4, INB);
    assert_eq!(d.err(), ERR_BAD_CPU);
    assert_eq!(d.ipi_pend(0, INB), 0, "CPU0 of the mask not set either");
    d.clear_err();
    d.ipi_send(0, INB, 0b1000_0010, 4, OOB);
    assert_eq!(d.err(), ERR_BAD_CPU);
    assert_eq!(d.ipi_pend(1, OOB), 0);
    d.clear_err();
    d.ipi_send(0, INB, 0b0011, 8, INB);
    assert_eq!(d.err(), ERR_BAD_VECTOR);
    d.clear_err();
    d.ipi_send(0, INB, 0b0011, 15, INB);
    assert_eq!(d.err(), ERR_BAD_VECTOR);
    d.clear_err();
    d.ipi_send(0, INB, 0b1_0001, 9, INB);
    assert_eq!(d.err(), ERR_BAD_CPU | ERR_BAD_VECTOR, "every flag that applies");
    for c in 0..4 {
        assert_eq!(d.ipi_pend(c, INB), 0);
        assert_eq!(d.ipi_pend(c, OOB), 0);
    }
    d.clear_err();
    // Empty CPUMASK: nothing, no flag.
    d.ipi_send(0, INB, 0, 2, INB);
    assert_eq!(d.err(), 0);
    assert_eq!(d.ipi_pend(0, INB), 0);
}

#[test]
fn ipi_prio_fields_beyond_nipi_read_zero() {
    let mut d = Dut::c32();
    d.w(d.m.ipi_prio_inb, 0xFFFF_FFFF);
    assert_eq!(d.r(d.m.ipi_prio_inb), 0xFFFF, "8 vectors x 2 bits");
    d.w(d.m.ipi_prio_oob, 0x5555_5555);
    assert_eq!(d.r(d.m.ipi_prio_oob), 0x5555);
    let mut d = Dut::new(Config::C128x8x16);
    d.w(d.m.ipi_prio_inb, 0xFFFF_FFFF);
    assert_eq!(d.r(d.m.ipi_prio_inb), 0xFFFF_FFFF);
}

// ---------------------------------------------------------------- LOCK §8

#[test]
fn lock_wrong_key_sets_bad_key_right_key_locks() {
    let mut d = Dut::c32();
    let gst = d.ga(g::GLOBAL_STATUS_OFFSET);
    d.w(d.m.lock, 0x4C4F_434C);
    assert_eq!(d.err(), ERR_BAD_KEY);
    assert_eq!(d.r(gst) & GST_LOCKED, 0, "wrong key changes nothing");
    d.clear_err();
    d.w(d.m.lock, KEY);
    assert_eq!(d.m.lock_key, KEY);
    assert_eq!(d.err(), 0);
    assert_eq!(d.r(gst), GST_LOCKED | GST_SECURE);
    // Once locked, every Secure LOCK write is ignored and flags nothing.
    d.w(d.m.lock, 0);
    d.w(d.m.lock, KEY);
    assert_eq!(d.err(), 0);
    assert_eq!(d.r(gst) & GST_LOCKED, GST_LOCKED);
}

#[test]
fn locked_rejects_oob_src_cfg_and_ipi_prio_oob_but_not_inband() {
    let mut d = Dut::c32();
    d.cfg(1, true, OOB, EDGE, 2, 1);
    d.cfg(2, true, INB, EDGE, 1, 2);
    d.w(d.m.ipi_prio_oob, 0x3);
    d.w(d.m.lock, KEY);
    let c1 = d.read_cfg(1);
    // Current stage oob: any write rejected, even one moving it in-band.
    d.cfg(1, true, INB, EDGE, 2, 1);
    assert_eq!(d.err(), ERR_LOCKED);
    assert_eq!(d.read_cfg(1), c1);
    d.clear_err();
    d.cfg(1, false, OOB, EDGE, 2, 1);
    assert_eq!(d.err(), ERR_LOCKED);
    assert_eq!(d.read_cfg(1), c1);
    d.clear_err();
    // New stage oob: rejected.
    d.cfg(2, true, OOB, EDGE, 1, 2);
    assert_eq!(d.err(), ERR_LOCKED);
    assert_eq!(d.read_cfg(2), d.m.cfg_value(true, INB, EDGE, 1, 2));
    d.clear_err();
    // Locked and bad CPU: both flags.
    d.w(d.m.src_cfg(2), d.m.cfg_value(true, OOB, EDGE, 1, 5));
    assert_eq!(d.err(), ERR_LOCKED | ERR_BAD_CPU);
    d.clear_err();
    // IPI_PRIO_OOB rejected.
    d.w(d.m.ipi_prio_oob, 0xF0);
    assert_eq!(d.err(), ERR_LOCKED);
    assert_eq!(d.r(d.m.ipi_prio_oob), 0x3);
    d.clear_err();
    // In-band sources and IPI_PRIO_INB stay configurable.
    d.cfg(2, false, INB, LEVEL, 3, 3);
    assert_eq!(d.err(), 0);
    assert_eq!(d.read_cfg(2), d.m.cfg_value(false, INB, LEVEL, 3, 3));
    d.w(d.m.ipi_prio_inb, 0xC);
    assert_eq!(d.err(), 0);
    assert_eq!(d.r(d.m.ipi_prio_inb), 0xC);
}

// ---------------------------------------------------------------- isolation

#[test]
fn inband_page_cannot_claim_complete_or_stall_oob() {
    let mut d = Dut::c32();
    d.past_sweep();
    d.cfg(5, true, OOB, EDGE, 3, 0);
    d.pulse(1 << 5);
    assert_eq!(d.pend(0, INB, 0), 0, "in-band page sees only its log");
    assert_eq!(d.pend(0, OOB, 0), 1 << 5);
    assert_eq!(d.claim(0, INB), NONE);
    assert_eq!(d.r(d.src_pend(0)), 1 << 5, "oob event untouched");
    assert_eq!(d.claim(0, OOB), 5);
    d.complete(0, INB, 5);
    assert_eq!(d.err(), ERR_BAD_COMPLETE);
    assert_eq!(d.r(d.src_active(0)), 1 << 5);
    d.clear_err();
    // In-band STALL / STALL_TAS only touch the in-band stage.
    d.unstall(0, OOB);
    d.set_stall(0, INB, 1);
    assert_eq!(d.stall(0, OOB), 0);
    d.tas(0, INB);
    assert_eq!(d.stall(0, OOB), 0);
    d.unstall(0, INB);
    assert_eq!(d.stall(0, OOB), 0);
    assert_eq!(d.status(0, OOB), 0);
    // Statistics of the oob claim are on the oob page only.
    assert_eq!(d.hist(0, INB), vec![0; 16]);
    assert_eq!(d.hist(0, OOB).iter().sum::<u32>(), 1);
    d.complete(0, OOB, 5);
    assert_eq!(d.err(), 0);
}

// ---------------------------------------------------------------- §9 decode

#[test]
fn decerr_for_pages_of_absent_cpus_and_outside_windows() {
    let mut d = Dut::c32();
    let addrs = [
        d.pa(4, INB, g::PAGE_CLAIM_OFFSET),
        d.pa(4, INB, g::PAGE_STALL_OFFSET),
        d.pa(7, INB, g::PAGE_STATUS_OFFSET),
        d.pa(5, OOB, g::PAGE_CLAIM_OFFSET),
        d.pa(7, OOB, g::PAGE_STALL_OFFSET),
        g::OOB_BASE + 8 * g::PAGE_STRIDE,
        0x1_FFFC,
    ];
    for a in addrs {
        assert_eq!(d.rresp(a), Resp::DecErr, "read 0x{a:05x}");
        assert_eq!(d.wresp(a, 0), Resp::DecErr, "write 0x{a:05x}");
    }
    assert_eq!(d.err(), 0);
    // The same offsets on a present CPU are fine; the 8-CPU build has them.
    assert_eq!(d.rresp(d.pa(3, OOB, g::PAGE_STALL_OFFSET)), Resp::Okay);
    let mut d8 = Dut::new(Config::C128x8x16);
    assert_eq!(d8.rresp(d8.pa(7, OOB, g::PAGE_STALL_OFFSET)), Resp::Okay);
    assert_eq!(d8.rresp(d8.pa(7, INB, g::PAGE_CLAIM_OFFSET)), Resp::Okay);
}

#[test]
fn slverr_for_holes_and_entries_beyond_params() {
    let mut d = Dut::c32();
    let holes = [
        d.ga(0x30),                                              // gap after IPI_OOB_NS
        d.m.src_cfg(32),                                         // SRC_CFG[NSRC]
        d.m.src_cfg(127),
        d.m.overrun(8),                                          // sources 32..35
        d.src_raw(1),
        d.src_pend(1),
        d.src_active(3),
        d.m.pend(0, INB, 1),                                     // PEND word beyond NSRC
        d.pa(0, INB, g::PAGE_LAT_MAX_OFFSET + 4),                // gap after LAT_MAX
        d.pa(1, OOB, g::PAGE_HIST_OFFSET + 16 * g::PAGE_HIST_STRIDE), // after HIST[15]
    ];
    for a in holes {
        assert_eq!(d.rresp(a), Resp::SlvErr, "read 0x{a:05x}");
        assert_eq!(d.wresp(a, 0xFFFF_FFFF), Resp::SlvErr, "write 0x{a:05x}");
    }
    assert_eq!(d.err(), 0, "SLVERR never sets ERR");
    for i in 0..32 {
        assert_eq!(d.read_cfg(i), 0);
    }
}

#[test]
fn slverr_for_misaligned_access_with_no_side_effect() {
    let mut d = Dut::c32();
    d.cfg(3, true, INB, EDGE, 0, 0);
    d.pulse(1 << 3);
    for k in 1..4 {
        let a = d.pa(0, INB, g::PAGE_CLAIM_OFFSET + k);
        assert_eq!(d.rresp(a), Resp::SlvErr);
        assert_eq!(d.rresp(d.pa(0, INB, g::PAGE_STALL_TAS_OFFSET + k)), Resp::SlvErr);
        assert_eq!(d.wresp(d.pa(0, INB, g::PAGE_STALL_OFFSET + k), 0), Resp::SlvErr);
        assert_eq!(d.wresp(d.m.src_cfg(3) + k, 0), Resp::SlvErr);
    }
    assert_eq!(d.r(d.src_pend(0)), 1 << 3, "misaligned CLAIM claimed nothing");
    assert_eq!(d.stall(0, INB), 1);
    assert_eq!(d.read_cfg(3), d.m.cfg_value(true, INB, EDGE, 0, 0));
    assert_eq!(d.claim(0, INB), 3);
}

#[test]
fn slverr_for_ro_writes_and_wo_reads_with_no_side_effect() {
    let mut d = Dut::c32();
    d.cfg(0, true, INB, EDGE, 0, 0);
    d.pulse(1);
    for off in [g::GLOBAL_ID_OFFSET, g::GLOBAL_VERSION_OFFSET, g::GLOBAL_HWCFG_OFFSET, g::GLOBAL_STATUS_OFFSET, g::GLOBAL_CYCLE_LO_OFFSET, g::GLOBAL_CYCLE_HI_OFFSET] {
        assert_eq!(d.wresp(d.ga(off), 0), Resp::SlvErr, "RO global 0x{off:x}");
    }
    assert_eq!(d.wresp(d.src_pend(0), 0), Resp::SlvErr);
    assert_eq!(d.wresp(d.src_active(0), 0), Resp::SlvErr);
    assert_eq!(d.wresp(d.src_raw(0), 0), Resp::SlvErr);
    assert_eq!(d.r(d.ga(g::GLOBAL_ID_OFFSET)), 0x4952_5152);
    assert_eq!(d.r(d.src_pend(0)), 1);
    // Page RO registers.
    for off in [g::PAGE_CLAIM_OFFSET, g::PAGE_STALL_TAS_OFFSET, g::PAGE_STATUS_OFFSET, g::PAGE_IPI_PEND_OFFSET, g::PAGE_PEND_OFFSET, g::PAGE_LAT_LAST_OFFSET, g::PAGE_HIST_OFFSET] {
        assert_eq!(d.wresp(d.pa(0, INB, off), 0), Resp::SlvErr, "RO page 0x{off:x}");
    }
    assert_eq!(d.stall(0, INB), 1);
    assert_eq!(d.r(d.src_pend(0)), 1, "CLAIM write claims nothing");
    // Write-only registers.
    assert_eq!(d.rresp(d.m.lock), Resp::SlvErr);
    assert_eq!(d.rresp(d.pa(0, INB, g::PAGE_COMPLETE_OFFSET)), Resp::SlvErr);
    assert_eq!(d.rresp(d.pa(2, OOB, g::PAGE_IPI_SEND_OFFSET)), Resp::SlvErr);
    assert_eq!(d.err(), 0);
    assert_eq!(d.claim(0, INB), 0);
}

#[test]
fn slverr_for_partial_wstrb_with_no_side_effect() {
    let mut d = Dut::c32();
    d.cfg(6, true, INB, EDGE, 0, 1);
    d.pulse(1 << 6);
    assert_eq!(d.claim(1, INB), 6);
    for strb in [0x0, 0x1, 0x7, 0xE, 0x3] {
        assert_eq!(d.wstrb(d.m.src_cfg(6), 0, strb), Resp::SlvErr);
        assert_eq!(d.wstrb(d.m.lock, KEY, strb), Resp::SlvErr);
        assert_eq!(d.wstrb(d.pa(0, INB, g::PAGE_IPI_SEND_OFFSET), d.ipi_send_value(1, 1, INB), strb), Resp::SlvErr);
        assert_eq!(d.wstrb(d.pa(1, INB, g::PAGE_COMPLETE_OFFSET), 6, strb), Resp::SlvErr);
        assert_eq!(d.wstrb(d.pa(1, INB, g::PAGE_STALL_OFFSET), 0, strb), Resp::SlvErr);
        assert_eq!(d.wstrb(d.ga(g::GLOBAL_ERR_OFFSET), 0, strb), Resp::SlvErr);
    }
    assert_eq!(d.read_cfg(6), d.m.cfg_value(true, INB, EDGE, 0, 1));
    assert_eq!(d.r(d.ga(g::GLOBAL_STATUS_OFFSET)) & GST_LOCKED, 0, "not locked");
    assert_eq!(d.ipi_pend(0, INB), 0);
    assert_eq!(d.r(d.src_active(0)), 1 << 6, "not completed");
    assert_eq!(d.stall(1, INB), 1);
    assert_eq!(d.err(), 0, "no BAD_KEY, no flag at all");
}

#[test]
fn err_is_write_one_to_clear_per_bit() {
    let mut d = Dut::c32();
    d.w(d.m.lock, 1);
    d.ipi_send(0, INB, 1 << 6, 9, INB);
    d.complete(0, INB, NONE);
    assert_eq!(d.err(), ERR_BAD_KEY | ERR_BAD_CPU | ERR_BAD_VECTOR | ERR_BAD_COMPLETE);
    d.w(d.m.err, 0);
    assert_eq!(d.err(), ERR_BAD_KEY | ERR_BAD_CPU | ERR_BAD_VECTOR | ERR_BAD_COMPLETE);
    d.w(d.m.err, ERR_BAD_KEY);
    assert_eq!(d.err(), ERR_BAD_CPU | ERR_BAD_VECTOR | ERR_BAD_COMPLETE);
    d.w(d.m.err, ERR_BAD_CPU | ERR_BAD_COMPLETE | 0xFFFF_FF00);
    assert_eq!(d.err(), ERR_BAD_VECTOR);
    d.w(d.m.err, 0xFFFF_FFFF);
    assert_eq!(d.err(), 0);
}

// ---------------------------------------------------------------- §9 AXI

#[test]
fn write_executes_after_later_of_aw_and_w() {
    let mut d = Dut::c32();
    let a = d.m.src_cfg(9);
    for (k, (aw_delay, w_delay)) in [(0, 0), (0, 4), (4, 0), (2, 5)].into_iter().enumerate() {
        let v = d.m.cfg_value(true, INB, EDGE, k as u32, 1);
        let start = d.edges();
        let wd = d.write_full(a, v, WriteOpts { aw_delay, w_delay, ..WriteOpts::default() });
        assert_eq!(wd.resp, Resp::Okay);
        assert_eq!(wd.aw_edge, start + 1 + aw_delay as u64);
        assert_eq!(wd.w_edge, start + 1 + w_delay as u64);
        assert_eq!(wd.bvalid_edge, wd.aw_edge.max(wd.w_edge) + 1);
        assert_eq!(wd.b_edge, wd.bvalid_edge + 1);
        // AW (W) not ready again until the write executes.
        if aw_delay < w_delay {
            assert!(!d.at(wd.aw_edge).after.awready);
            assert!(d.at(wd.aw_edge).after.wready);
        }
        assert_eq!(d.read_cfg(9), v);
    }
}

#[test]
fn b_response_held_under_back_pressure() {
    let mut d = Dut::c32();
    let wd = d.write_full(d.ga(g::GLOBAL_ID_OFFSET), 0, WriteOpts { b_delay: 5, ..WriteOpts::default() });
    assert_eq!(wd.resp, Resp::SlvErr);
    assert_eq!(wd.b_edge, wd.bvalid_edge + 6);
    for n in wd.bvalid_edge..wd.b_edge {
        let e = d.at(n);
        assert!(e.after.bvalid, "edge {n}");
        assert_eq!(e.after.bresp, Resp::SlvErr.bits(), "edge {n}");
    }
    assert!(!d.at(wd.b_edge).after.bvalid);
    // Same with an OKAY write that has an effect: applied exactly once.
    d.cfg(0, true, INB, EDGE, 0, 0);
    d.ipi_send(0, INB, 1, 0, INB);
    let wd = d.write_full(d.pa(0, INB, g::PAGE_IPI_SEND_OFFSET), d.ipi_send_value(1, 1, INB), WriteOpts { b_delay: 4, w_delay: 2, ..WriteOpts::default() });
    assert_eq!(wd.resp, Resp::Okay);
    for n in wd.bvalid_edge..wd.b_edge {
        assert_eq!(d.at(n).after.bresp, 0);
        assert!(d.at(n).after.bvalid);
    }
    assert_eq!(d.ipi_overrun(0, INB), 0);
    assert_eq!(d.ipi_pend(0, INB), 0b11);
}

#[test]
fn r_response_held_under_back_pressure_and_claim_happens_once() {
    let mut d = Dut::c32();
    d.cfg(4, true, INB, EDGE, 1, 2);
    d.cfg(8, true, INB, EDGE, 0, 2);
    d.pulse(1 << 4 | 1 << 8);
    let a = d.pa(2, INB, g::PAGE_CLAIM_OFFSET);
    let rd = d.read_full(a, ReadOpts { r_delay: 6, ar_delay: 2, ..ReadOpts::default() });
    assert_eq!((rd.data, rd.resp), (4, Resp::Okay));
    assert_eq!(rd.r_edge, rd.ar_edge + 7);
    for n in rd.ar_edge..rd.r_edge {
        let e = d.at(n).after;
        assert!(e.rvalid && !e.arready, "edge {n}: RVALID held, ARREADY low");
        assert_eq!((e.rdata, e.rresp), (4, 0), "edge {n}");
    }
    assert!(d.at(rd.r_edge).after.arready);
    assert_eq!(d.claim(2, INB), 8);
    assert_eq!(d.claim(2, INB), NONE);
    // SLVERR read held the same way.
    let rd = d.read_full(d.m.lock, ReadOpts { r_delay: 3, ..ReadOpts::default() });
    assert_eq!(rd.resp, Resp::SlvErr);
    for n in rd.ar_edge..rd.r_edge {
        assert_eq!(d.at(n).after.rresp, Resp::SlvErr.bits());
    }
}

/// AxPROT[1] decides (spec §8); AxPROT[0] and AxPROT[2] are ignored.
#[test]
fn only_prot_bit_1_matters() {
    let mut d = Dut::c32();
    let gst = d.ga(g::GLOBAL_STATUS_OFFSET);
    for prot in 0..8u8 {
        let ns = prot & 2 != 0;
        let (v, r) = d.bus.read_with(gst, &ReadOpts { prot, ..ReadOpts::default() });
        assert_eq!((v, r), (if ns { 0 } else { GST_SECURE }, Resp::Okay), "prot {prot:#05b}");
        // An oob STALL write: done when Secure, refused (OKAY + DENIED) when not.
        let want = prot as u32 & 1;
        let r = d.bus.write_with(d.pa(0, OOB, g::PAGE_STALL_OFFSET), want, &WriteOpts { prot, ..WriteOpts::default() });
        assert_eq!(r, Resp::Okay);
        if ns {
            assert_eq!(d.err(), ERR_DENIED);
            d.clear_err();
        } else {
            assert_eq!(d.stall(0, OOB), want);
        }
    }
}

// ---------------------------------------------------------------- §10

#[test]
fn cycle_lo_returns_cycle_before_ar_edge_and_hi_latches() {
    let mut d = Dut::c32();
    let lo = d.ga(g::GLOBAL_CYCLE_LO_OFFSET);
    let hi = d.ga(g::GLOBAL_CYCLE_HI_OFFSET);
    let rd = d.read_full(lo, ReadOpts::default());
    // Master edge k is edge k after reset; cycle before edge k is k-1.
    assert_eq!(rd.data as u64, rd.ar_edge - 1);
    assert_eq!(rd.ar_edge, 1);
    d.bus.idle(1000);
    let rd = d.read_full(lo, ReadOpts { ar_delay: 3, ..ReadOpts::default() });
    assert_eq!(rd.data as u64, rd.ar_edge - 1);
    assert_eq!(d.r(hi), 0);
    let a = d.read_full(lo, ReadOpts::default());
    let b = d.read_full(lo, ReadOpts::default());
    assert_eq!(b.data - a.data, (b.ar_edge - a.ar_edge) as u32);
}

#[test]
fn latency_stats_record_claim_minus_event_edge() {
    let mut d = Dut::c32();
    d.past_sweep();
    d.cfg(0, true, INB, EDGE, 0, 1);
    let claim = d.pa(1, INB, g::PAGE_CLAIM_OFFSET);
    let mut expect_hist = [0u32; 16];
    let mut max = 0;
    // (edges between the sampling edge and the AR edge) -> latency
    for lat in [1u64, 2, 3, 5, 100, 7, 1000] {
        // Sampling edge m = first edge of the read; AR at m + lat.
        d.src_on(1);
        let rd = d.read_full(claim, ReadOpts { ar_delay: lat as u32, ..ReadOpts::default() });
        d.src_off(1);
        d.bus.tick();
        let m = rd.ar_edge - lat;
        assert_eq!(d.at(m).inp.src & 1, 1);
        assert_eq!(d.at(m).before.irq_inb, 0);
        assert_eq!(rd.data, 0);
        let l = lat as u32;
        assert_eq!(d.lat_last(1, INB), l, "LAT_LAST for latency {l}");
        max = max.max(l);
        assert_eq!(d.lat_max(1, INB), max);
        let b = if l < 2 { 0 } else { (31 - l.leading_zeros()).min(15) } as usize;
        expect_hist[b] += 1;
        assert_eq!(d.hist(1, INB), expect_hist.to_vec());
        d.complete(1, INB, 0);
    }
    // Explicit buckets from the spec's rule.
    assert_eq!(expect_hist[0], 1); // L=1
    assert_eq!(expect_hist[1], 2); // L=2,3
    assert_eq!(expect_hist[2], 2); // L=5,7
    assert_eq!(expect_hist[6], 1); // L=100
    assert_eq!(expect_hist[9], 1); // L=1000
    // Any write clears LAT_MAX; LAT_LAST and HIST stay.
    d.w(d.pa(1, INB, g::PAGE_LAT_MAX_OFFSET), 0x1234);
    assert_eq!(d.lat_max(1, INB), 0);
    assert_eq!(d.lat_last(1, INB), 1000);
    assert_eq!(d.hist(1, INB), expect_hist.to_vec());
    // Other pages untouched.
    assert_eq!(d.hist(1, OOB), vec![0; 16]);
    assert_eq!(d.hist(0, INB), vec![0; 16]);
}

#[test]
fn latency_bucket_15_collects_two_pow_15_and_more() {
    let mut d = Dut::c32();
    d.cfg(2, true, OOB, LEVEL, 0, 0);
    d.src_on(1 << 2);
    d.bus.tick();
    let m = d.edges();
    d.bus.idle(33_000);
    let rd = d.read_full(d.pa(0, OOB, g::PAGE_CLAIM_OFFSET), ReadOpts::default());
    assert_eq!(rd.data, 2);
    let l = (rd.ar_edge - m) as u32;
    assert!(l >= 1 << 15);
    assert_eq!(d.lat_last(0, OOB), l);
    assert_eq!(d.lat_max(0, OOB), l);
    let h = d.hist(0, OOB);
    assert_eq!(h[15], 1);
    assert_eq!(h.iter().sum::<u32>(), 1);
}

#[test]
fn latency_wraps_modulo_two_pow_tsw() {
    // TSW = 8 on the minimal build: a 300-cycle wait reads as 300 - 256 = 44.
    let mut d = Dut::new(Config::C8x1x1);
    d.cfg(1, true, INB, EDGE, 0, 0);
    d.src_on(1 << 1);
    let rd = d.read_full(d.pa(0, INB, g::PAGE_CLAIM_OFFSET), ReadOpts { ar_delay: 300, ..ReadOpts::default() });
    assert_eq!(rd.data, 1);
    assert_eq!(d.lat_last(0, INB), 44);
    assert_eq!(d.lat_max(0, INB), 44);
    let h = d.hist(0, INB);
    assert_eq!(h[5], 1, "44 is in [32, 64)");
}

#[test]
fn ipi_latency_uses_send_edge() {
    let mut d = Dut::c32();
    let wd = d.write_full(d.pa(1, INB, g::PAGE_IPI_SEND_OFFSET), d.ipi_send_value(1 << 2, 5, OOB), WriteOpts::default());
    d.bus.idle(10);
    let rd = d.read_full(d.pa(2, OOB, g::PAGE_CLAIM_OFFSET), ReadOpts::default());
    assert_eq!(rd.data, IPI_BASE + 5);
    assert_eq!(d.lat_last(2, OOB), (rd.ar_edge - wd.bvalid_edge) as u32);
    assert_eq!(d.lat_last(2, OOB), 12);
}

#[test]
fn src_raw_pend_active_and_page_pend_contents() {
    let mut d = Dut::new(Config::C128x8x16);
    d.bus.set_src(0x8000_0005 | 1 << 100);
    d.bus.tick();
    assert_eq!(d.r(d.src_raw(0)), 0x8000_0005);
    assert_eq!(d.r(d.src_raw(3)), 1 << 4);
    assert_eq!(d.r(d.src_raw(1)), 0);
    d.bus.set_src(0);
    d.cfg(33, true, INB, EDGE, 0, 5);
    d.cfg(100, true, OOB, LEVEL, 1, 7);
    d.cfg(127, true, OOB, EDGE, 2, 7);
    d.pulse(1 << 33 | 1 << 100 | 1 << 127);
    assert_eq!(d.r(d.src_pend(1)), 1 << 1);
    assert_eq!(d.r(d.src_pend(3)), 1 << 4 | 1 << 31);
    assert_eq!(d.pend(5, INB, 1), 1 << 1);
    assert_eq!(d.pend(7, OOB, 3), 1 << 4 | 1 << 31);
    assert_eq!(d.pend(7, INB, 3), 0);
    assert_eq!(d.claim(7, OOB), 127);
    assert_eq!(d.r(d.src_active(3)), 1 << 31);
    assert_eq!(d.r(d.src_pend(3)), 1 << 4);
    d.ipi_send(0, OOB, 0x80, 15, OOB);
    assert_eq!(d.ipi_pend(7, OOB), 1 << 15);
    assert_eq!(d.status(7, OOB), ST_DELIV | ST_STALLED | ST_OOB_STALLED);
}

#[test]
fn status_reports_line_deliverable_and_stalls() {
    let mut d = Dut::c32();
    assert_eq!(d.status(1, INB), ST_STALLED | ST_OOB_STALLED);
    d.cfg(0, true, INB, EDGE, 0, 1);
    d.pulse(1);
    assert_eq!(d.status(1, INB), ST_DELIV | ST_STALLED | ST_OOB_STALLED);
    d.unstall(1, INB);
    assert_eq!(d.status(1, INB), ST_DELIV | ST_OOB_STALLED);
    d.unstall(1, OOB);
    assert_eq!(d.status(1, OOB), 0);
    assert_eq!(d.status(1, INB), ST_LINE | ST_DELIV);
    assert_eq!(d.claim(1, INB), 0);
    assert_eq!(d.status(1, INB), 0);
}
