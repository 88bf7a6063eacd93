//! Spec §10 and the register table: read values and field packing.

use super::*;

#[test]
fn id_version_hwcfg() {
    let mut b = bus();
    assert_eq!(rd(&mut b, g::ID), 0x4952_5152);
    assert_eq!(rd(&mut b, g::VERSION), 0x0001_0001, "version 1.1");
    let full = 1 << 23 | 8 << 24;
    assert_eq!(rd(&mut b, g::HWCFG), 32 | 4 << 8 | 8 << 12 | 16 << 17 | full);
    let mut b = bus_with(Params::new(128, 8, 16, 32));
    assert_eq!(rd(&mut b, g::HWCFG), 0x80 | 8 << 8 | 16 << 12 | 32 << 17 | full);
    let mut b = bus_with(Params::new(8, 1, 1, 8));
    assert_eq!(rd(&mut b, g::HWCFG), 8 | 1 << 8 | 1 << 12 | 8 << 17 | full);
    // Lean: no statistics, 1-bit overrun counters.
    let mut b = bus_with(Params::new(32, 4, 8, 16).lean());
    assert_eq!(rd(&mut b, g::HWCFG), 32 | 4 << 8 | 8 << 12 | 16 << 17 | 1 << 24);
}

#[test]
fn cycle_lo_latches_hi() {
    let mut b = bus();
    b.ticks(5);
    let r = b.read(g::CYCLE_LO);
    assert_eq!(r.data as u64, r.edge - 1, "cycle before the read edge");
    // Jump close to a carry into bit 32.
    settle(&mut b);
    b.dut.st.cycle = 0x1_FFFF_FFF0;
    let lo = rd(&mut b, g::CYCLE_LO);
    assert_eq!(
        lo, 0xFFFF_FFF0,
        "the AR handshake is the first edge after the jump"
    );
    b.ticks(40); // cycle[63:32] is now 2
    assert_eq!(
        rd(&mut b, g::CYCLE_HI),
        1,
        "HI returns the value latched by LO"
    );
    assert_eq!(rd(&mut b, g::CYCLE_HI), 1);
    let lo = rd(&mut b, g::CYCLE_LO);
    assert!(lo < 0x100);
    assert_eq!(rd(&mut b, g::CYCLE_HI), 2);
    // The shadow resets to 0.
    b.reset();
    assert_eq!(rd(&mut b, g::CYCLE_HI), 0);
}

#[test]
fn src_cfg_fields_and_reserved_bits() {
    let mut b = bus_with(Params {
        ncpu: 8,
        ..Params::default()
    });
    wr(&mut b, g::SRC_CFG + 4 * 31, 0xFFFF_FFFF);
    assert_eq!(rd(&mut b, g::SRC_CFG + 4 * 31), 0x737);
    let c = b.dut.src_cfg(31);
    assert!(c.en && c.oob && c.edge);
    assert_eq!((c.prio, c.cpu), (3, 7));
    assert_eq!(
        rd(&mut b, g::SRC_CFG),
        0,
        "reset: disabled, in-band, level, prio 0, CPU 0"
    );
}

#[test]
fn ipi_prio_only_nipi_fields() {
    let mut b = bus(); // NIPI = 8
    wr(&mut b, g::IPI_PRIO_INB, 0xFFFF_FFFF);
    assert_eq!(rd(&mut b, g::IPI_PRIO_INB), 0x0000_FFFF);
    assert_eq!(rd(&mut b, g::IPI_PRIO_OOB), 0);
    wr(&mut b, g::IPI_PRIO_OOB, 0x1B1B);
    assert_eq!(rd(&mut b, g::IPI_PRIO_OOB), 0x1B1B);
    assert_eq!(b.dut.ipi_prio(OOB, 0), 3);
    assert_eq!(b.dut.ipi_prio(OOB, 3), 0);
}

#[test]
fn src_raw_pend_active_words() {
    let mut b = bus_with(Params {
        nsrc: 40,
        ..Params::default()
    });
    set_cfg(&mut b, 33, cfgw(true, false, true, 0, 0));
    set_cfg(&mut b, 1, cfgw(true, false, true, 0, 0));
    // Bits >= NSRC of the input do not exist.
    b.inp.src = 1 << 1 | 1 << 33 | 1 << 45 | 1 << 100;
    b.tick();
    assert_eq!(rd(&mut b, g::SRC_RAW), 1 << 1);
    assert_eq!(rd(&mut b, g::SRC_RAW + 4), 1 << 1);
    assert_eq!(rd(&mut b, g::SRC_PEND + 4), 1 << 1);
    assert_eq!(claim(&mut b, 0, INB), 1);
    assert_eq!(rd(&mut b, g::SRC_ACTIVE), 1 << 1);
    assert_eq!(rd(&mut b, g::SRC_PEND), 0);
    // Interpretation: SRC_RAW returns src_i as sampled at the read's edge.
    b.post_read(g::SRC_RAW + 4);
    b.inp.src = 0;
    b.tick();
    assert_eq!(b.out.rdata, 0);
}

#[test]
fn overrun_word_of_partial_group() {
    let mut b = bus_with(Params {
        nsrc: 42,
        ..Params::default()
    });
    for i in [40, 41] {
        set_cfg(&mut b, i, cfgw(true, false, true, 0, 0));
    }
    for _ in 0..3 {
        pulse(&mut b, 40);
    }
    for _ in 0..2 {
        pulse(&mut b, 41);
    }
    assert_eq!(rd(&mut b, g::OVERRUN + 40), 2 | 1 << 8);
    assert_eq!(b.read(g::OVERRUN + 44).resp, resp::SLVERR);
}

#[test]
fn page_status_bits() {
    use crate::regs::pstatus::*;
    let mut b = bus();
    set_cfg(&mut b, 2, cfgw(true, true, true, 0, 1));
    pulse(&mut b, 2);
    b.tick();
    assert_eq!(
        rd(&mut b, pa(1, OOB, p::STATUS)),
        DELIVERABLE | STALLED | OOB_STALLED
    );
    assert_eq!(rd(&mut b, pa(1, INB, p::STATUS)), STALLED | OOB_STALLED);
    // LINE reads the line as it stands before the read's edge: a STATUS read
    // at the edge where an unstall executes still sees LINE = 0.
    settle(&mut b);
    b.post_write(pa(1, OOB, p::STALL), 0);
    b.tick();
    b.post_read(pa(1, OOB, p::STATUS));
    b.tick();
    assert_eq!(b.writes.last().unwrap().edge, b.edge);
    assert_eq!(b.out.rdata, DELIVERABLE | STALLED | OOB_STALLED);
    assert_eq!(b.out.irq_oob, 1 << 1);
    assert_eq!(rd(&mut b, pa(1, OOB, p::STATUS)), DELIVERABLE | LINE);
    assert_eq!(rd(&mut b, pa(1, INB, p::STATUS)), STALLED);
    assert_eq!(claim(&mut b, 1, OOB), 2);
    // The next read can only handshake two edges after the claim; the line
    // dropped one edge after it.
    assert_eq!(rd(&mut b, pa(1, OOB, p::STATUS)), 0);
}

#[test]
fn pend_words_split_per_page() {
    let mut b = bus_with(Params::new(128, 8, 16, 32));
    set_cfg(&mut b, 127, cfgw(true, true, false, 0, 7));
    set_cfg(&mut b, 64, cfgw(false, true, false, 0, 7));
    set_cfg(&mut b, 65, cfgw(true, false, false, 0, 7));
    b.inp.src = 1 << 127 | 1 << 65;
    b.tick();
    assert_eq!(rd(&mut b, pa(7, OOB, p::PEND + 12)), 1 << 31);
    assert_eq!(rd(&mut b, pa(7, OOB, p::PEND + 8)), 0);
    assert_eq!(rd(&mut b, pa(7, INB, p::PEND + 8)), 1 << 1);
    assert_eq!(claim(&mut b, 7, OOB), 127);
}
