//! Spec §7: IPIs.

use super::*;
use crate::regs::err;

#[test]
fn ipi_send_logs_on_every_target_and_claims_as_0x100_plus_v() {
    let mut b = bus();
    // An in-band page may send oob IPIs.
    let e = wr(
        &mut b,
        pa(1, INB, p::IPI_SEND),
        ipi_send_word(0b0101, 3, OOB),
    );
    for c in 0..4 {
        let want = if c == 0 || c == 2 { 1 << 3 } else { 0 };
        assert_eq!(b.dut.ipi_pending(c, OOB), want);
        assert_eq!(b.dut.ipi_pending(c, INB), 0);
    }
    assert_eq!(b.dut.ipi_timestamp(0, OOB, 3), (e - 1) as u32);
    assert_eq!(rd(&mut b, pa(2, OOB, p::IPI_PEND)), 1 << 3);
    assert_eq!(rd(&mut b, pa(2, INB, p::IPI_PEND)), 0);
    assert_eq!(claim(&mut b, 2, INB), regs::ID_NONE);
    assert_eq!(claim(&mut b, 2, OOB), 0x103);
    assert_eq!(claim(&mut b, 2, OOB), regs::ID_NONE);
    assert_eq!(b.dut.ipi_pending(0, OOB), 1 << 3);
    // IPI IDs cannot be completed.
    complete(&mut b, 2, OOB, 0x103);
    assert_eq!(b.dut.err(), err::BAD_COMPLETE);
}

#[test]
fn ipi_coalescing_counts_overruns() {
    let mut b = bus();
    let send = ipi_send_word(0b10, 0, INB);
    for k in 0..3u32 {
        wr(&mut b, pa(0, OOB, p::IPI_SEND), send);
        assert_eq!(b.dut.ipi_overrun(1, INB) as u32, k);
    }
    assert_eq!(rd(&mut b, pa(1, INB, p::IPI_OVERRUN)), 2);
    assert_eq!(rd(&mut b, pa(1, OOB, p::IPI_OVERRUN)), 0);
    // A different vector is a different bit.
    wr(&mut b, pa(0, OOB, p::IPI_SEND), ipi_send_word(0b10, 7, INB));
    assert_eq!(b.dut.ipi_overrun(1, INB), 2);
    assert_eq!(b.dut.ipi_pending(1, INB), 0x81);
    wr(&mut b, pa(1, INB, p::IPI_OVERRUN), 0x1234);
    assert_eq!(b.dut.ipi_overrun(1, INB), 0);
    for _ in 0..300 {
        wr(&mut b, pa(0, OOB, p::IPI_SEND), send);
    }
    assert_eq!(b.dut.ipi_overrun(1, INB), 255, "saturates");
}

#[test]
fn ipi_send_validation() {
    let mut b = bus(); // NCPU = 4, NIPI = 8
    wr(
        &mut b,
        pa(0, INB, p::IPI_SEND),
        ipi_send_word(0b1_0001, 1, INB),
    );
    assert_eq!(b.dut.err(), err::BAD_CPU);
    assert_eq!(b.dut.ipi_pending(0, INB), 0, "the whole write is rejected");
    wr(&mut b, g::ERR, err::BAD_CPU);
    wr(&mut b, pa(0, INB, p::IPI_SEND), ipi_send_word(0b1, 8, INB));
    assert_eq!(b.dut.err(), err::BAD_VECTOR);
    assert_eq!(b.dut.ipi_pending(0, INB), 0);
    wr(
        &mut b,
        pa(0, INB, p::IPI_SEND),
        ipi_send_word(0x80, 15, OOB),
    );
    assert_eq!(
        b.dut.err(),
        err::BAD_VECTOR | err::BAD_CPU,
        "every flag that applies"
    );
    wr(&mut b, g::ERR, 0xFFFF_FFFF);
    // Empty mask: nothing, no flag.
    wr(&mut b, pa(0, INB, p::IPI_SEND), ipi_send_word(0, 3, INB));
    assert_eq!(b.dut.err(), 0);
    // Interpretation: an empty mask with a bad vector still flags BAD_VECTOR.
    wr(&mut b, pa(0, INB, p::IPI_SEND), ipi_send_word(0, 9, INB));
    assert_eq!(b.dut.err(), err::BAD_VECTOR);
    // Reserved bits are ignored.
    wr(&mut b, g::ERR, err::ALL);
    wr(
        &mut b,
        pa(0, INB, p::IPI_SEND),
        ipi_send_word(0b1000, 7, OOB) | 0xFE00_FF00,
    );
    assert_eq!(b.dut.err(), 0);
    assert_eq!(b.dut.ipi_pending(3, OOB), 0x80);
    for c in 0..4 {
        for s in [INB, OOB] {
            if (c, s) != (3, OOB) {
                assert_eq!(b.dut.ipi_pending(c, s), 0);
            }
        }
    }
}

#[test]
fn ipi_send_and_claim_of_same_vector_at_same_edge() {
    let mut b = bus();
    let send = ipi_send_word(1, 4, OOB);
    wr(&mut b, pa(0, OOB, p::IPI_SEND), send);
    b.ticks(20);
    let old = b.dut.ipi_timestamp(0, OOB, 4);
    settle(&mut b);
    b.post_write(pa(0, OOB, p::IPI_SEND), send);
    b.tick();
    b.post_read(pa(0, OOB, p::CLAIM));
    b.tick();
    let n = b.edge;
    assert_eq!(b.writes.last().unwrap().edge, n);
    assert_eq!(b.out.rdata, 0x104);
    assert_eq!(b.dut.ipi_pending(0, OOB), 1 << 4, "bit stays set");
    assert_eq!(
        b.dut.ipi_timestamp(0, OOB, 4),
        (n - 1) as u32,
        "new timestamp"
    );
    assert_ne!(old, (n - 1) as u32);
    assert_eq!(b.dut.ipi_overrun(0, OOB), 0, "no overrun");
    assert_eq!(b.dut.lat_stats(0, OOB).last, (n - 1) as u32 - old);
}

#[test]
fn ipi_latency_is_claim_edge_minus_send_edge() {
    let mut b = bus();
    let m = wr(
        &mut b,
        pa(3, INB, p::IPI_SEND),
        ipi_send_word(0b1000, 0, INB),
    );
    b.ticks(37);
    b.post_read(pa(3, INB, p::CLAIM));
    b.tick();
    let n = b.edge;
    assert_eq!(b.out.rdata, 0x100);
    assert_eq!(b.dut.lat_stats(3, INB).last as u64, n - m);
    assert_eq!(rd(&mut b, pa(3, INB, p::LAT_LAST)) as u64, n - m);
}

#[test]
fn ipi_priorities_per_stage() {
    let mut b = bus_with(Params {
        nipi: 16,
        ..Params::default()
    });
    wr(&mut b, g::IPI_PRIO_OOB, 3 << 30); // v15 = 3 in the oob stage only
    for v in [2, 15] {
        for s in [INB, OOB] {
            wr(&mut b, pa(0, OOB, p::IPI_SEND), ipi_send_word(1, v, s));
        }
    }
    assert_eq!(claim(&mut b, 0, OOB), 0x10F);
    assert_eq!(claim(&mut b, 0, INB), 0x102);
    assert_eq!(b.dut.ipi_prio(OOB, 15), 3);
    assert_eq!(b.dut.ipi_prio(INB, 15), 0);
}
