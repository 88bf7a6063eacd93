//! Spec §6 latency and §10 statistics.

use super::*;

#[test]
fn latency_is_claim_edge_minus_event_edge() {
    let mut b = bus();
    skip_sweep(&mut b);
    set_cfg(&mut b, 0, cfgw(true, true, true, 0, 0));
    for (wait, bucket) in [(0u64, 0usize), (1, 1), (2, 1), (7, 3), (100, 6)] {
        let m = pulse(&mut b, 0);
        b.ticks(wait);
        b.post_read(pa(0, OOB, p::CLAIM));
        b.tick();
        let n = b.edge;
        assert_eq!(b.out.rdata, 0);
        let l = (n - m) as u32;
        assert_eq!(l as u64, wait + 1);
        let s = b.dut.lat_stats(0, OOB);
        assert_eq!(s.last, l);
        assert_eq!(crate::stats::bucket(l), bucket);
        assert_eq!(rd(&mut b, pa(0, OOB, p::LAT_LAST)), l);
        assert_eq!(
            rd(&mut b, pa(0, OOB, p::HIST + 4 * bucket as u32)),
            s.hist[bucket]
        );
    }
    assert_eq!(rd(&mut b, pa(0, OOB, p::LAT_MAX)), 101);
    let h: Vec<u32> = (0..16)
        .map(|k| rd(&mut b, pa(0, OOB, p::HIST + 4 * k)))
        .collect();
    assert_eq!(h, [1, 2, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    // Other pages untouched.
    assert_eq!(b.dut.lat_stats(0, INB), Default::default());
    // LAT_MAX: any write clears; HIST is read-only.
    wr(&mut b, pa(0, OOB, p::LAT_MAX), 0xDEAD);
    assert_eq!(rd(&mut b, pa(0, OOB, p::LAT_MAX)), 0);
    assert_eq!(rd(&mut b, pa(0, OOB, p::LAT_LAST)), 101);
}

#[test]
fn lat_max_clear_then_same_edge_claim() {
    let mut b = bus();
    set_cfg(&mut b, 0, cfgw(true, false, true, 0, 0));
    let m = pulse(&mut b, 0);
    b.ticks(50);
    assert_eq!(claim(&mut b, 0, INB), 0);
    assert_eq!(b.dut.lat_stats(0, INB).max, 51);
    let m2 = pulse(&mut b, 0);
    assert!(m2 > m);
    settle(&mut b);
    b.post_write(pa(0, INB, p::LAT_MAX), 0);
    b.tick();
    b.post_read(pa(0, INB, p::CLAIM));
    b.tick();
    let n = b.edge;
    assert_eq!(b.writes.last().unwrap().edge, n);
    let s = b.dut.lat_stats(0, INB);
    assert_eq!(s.last as u64, n - m2);
    assert_eq!(
        s.max as u64,
        n - m2,
        "cleared first, then the edge's own latency"
    );
    assert!(s.max < 51);
}

#[test]
fn lat_max_clear_one_edge_after_a_claim_still_applies_first() {
    // The claim's statistics land one edge after it (spec §6); a clear that
    // executes at that edge applies first, so LAT_MAX ends at the latency.
    let mut b = bus();
    set_cfg(&mut b, 0, cfgw(true, false, true, 0, 0));
    let m = pulse(&mut b, 0);
    b.ticks(20);
    b.post_read(pa(0, INB, p::CLAIM));
    b.post_write(pa(0, INB, p::LAT_MAX), 0);
    b.tick();
    let n = b.edge;
    assert_eq!(b.out.rdata, 0);
    b.tick();
    assert_eq!(b.writes.last().unwrap().edge, n + 1, "the clear executes one edge after the claim");
    let s = b.dut.lat_stats(0, INB);
    assert_eq!(s.last as u64, n - m);
    assert_eq!(s.max as u64, n - m, "cleared first, then the recorded latency");
    assert_eq!(rd(&mut b, pa(0, INB, p::LAT_MAX)) as u64, n - m);
}

#[test]
fn latency_wraps_at_tsw() {
    let mut b = bus_with(Params {
        tsw: 8,
        ..Params::default()
    });
    set_cfg(&mut b, 0, cfgw(true, false, true, 0, 0));
    let m = pulse(&mut b, 0);
    assert!(b.dut.timestamp(0) < 256);
    b.ticks(299);
    b.post_read(pa(0, INB, p::CLAIM));
    b.tick();
    assert_eq!(b.edge - m, 300);
    assert_eq!(b.dut.lat_stats(0, INB).last, 300 % 256);
    assert_eq!(b.dut.lat_stats(0, INB).hist[5], 1);
}

#[test]
fn timestamps_are_tsw_bits() {
    let mut b = bus_with(Params {
        tsw: 12,
        ..Params::default()
    });
    b.dut.st.cycle = 0xABCD_0000_1234_5678;
    set_cfg(&mut b, 0, cfgw(true, false, true, 0, 0));
    let m = pulse(&mut b, 0);
    assert_eq!(b.edge, m);
    let before = b.dut.cycle() - 1; // the value of cycle before edge m
    assert_eq!(before >> 32, 0xABCD_0000);
    assert_eq!(b.dut.timestamp(0) as u64, before & 0xFFF);
}

#[test]
fn histogram_counts_wrap_at_32_bits() {
    let mut b = bus();
    skip_sweep(&mut b);
    b.dut.st.cs[0][INB].lat.hist[0] = u32::MAX;
    set_cfg(&mut b, 0, cfgw(true, false, true, 0, 0));
    pulse(&mut b, 0);
    assert_eq!(claim(&mut b, 0, INB), 0);
    assert_eq!(rd(&mut b, pa(0, INB, p::HIST)), 0);
}

#[test]
fn histogram_is_swept_after_reset() {
    // 2 * NCPU * 16 edges: HIST reads 0 and counts nothing, LAT_* do count.
    let mut b = bus_with(Params::new(8, 2, 1, 8));
    b.dut.st.cs[1][OOB].lat.hist[3] = 77; // left over from before the reset
    set_cfg(&mut b, 0, cfgw(true, true, true, 0, 1));
    pulse(&mut b, 0);
    b.ticks(5);
    assert_eq!(claim(&mut b, 1, OOB), 0);
    assert!(b.edge < 64 && !b.dut.hist_ready());
    assert_eq!(rd(&mut b, pa(1, OOB, p::LAT_LAST)), 6);
    assert_eq!(rd(&mut b, pa(1, OOB, p::HIST + 12)), 0, "reads 0 while sweeping");
    while b.edge < 63 {
        b.tick();
    }
    assert!(!b.dut.hist_ready());
    b.tick();
    assert!(b.dut.hist_ready(), "done after 2 * 2 * 16 = 64 edges");
    let h: Vec<u32> = (0..16).map(|k| rd(&mut b, pa(1, OOB, p::HIST + 4 * k))).collect();
    assert_eq!(h, [0; 16], "the claim during the sweep was not counted");
    pulse(&mut b, 0);
    assert_eq!(claim(&mut b, 1, OOB), 0);
    assert_eq!(rd(&mut b, pa(1, OOB, p::HIST)), 1, "latency 1: bucket 0");
}

#[test]
fn lean_has_no_statistics_and_sticky_overruns() {
    let mut b = bus_with(Params::default().lean());
    skip_sweep(&mut b);
    set_cfg(&mut b, 3, cfgw(true, true, true, 0, 0));
    let m = pulse(&mut b, 3);
    for _ in 0..5 {
        pulse(&mut b, 3);
    }
    assert_eq!(b.dut.overrun(3), 1, "a sticky bit");
    assert_eq!(rd(&mut b, g::OVERRUN), 1 << 24);
    b.ticks(30);
    let n = b.edge + 1;
    assert_eq!(claim(&mut b, 0, OOB), 3);
    assert!(n > m + 30);
    for off in [p::LAT_LAST, p::LAT_MAX, p::HIST, p::HIST + 4 * 6] {
        assert_eq!(rd(&mut b, pa(0, OOB, off)), 0, "offset {off:#x}");
    }
    // LAT_MAX writes are accepted and change nothing.
    wr(&mut b, pa(0, OOB, p::LAT_MAX), 0);
    assert_eq!(b.dut.err(), 0);
    // IPI overruns are sticky bits too.
    let w = ipi_send_word(1, 0, INB);
    for _ in 0..3 {
        wr(&mut b, pa(0, INB, p::IPI_SEND), w);
    }
    assert_eq!(rd(&mut b, pa(0, INB, p::IPI_OVERRUN)), 1);
}
