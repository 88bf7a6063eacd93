//! The svd2rust PAC and the SV package agree on where registers are.
//!
//! svd2rust accessors take `&RegisterBlock`, so the register blocks are laid
//! over an ordinary zeroed buffer (never over the real addresses, which do not
//! exist on the host) and only addresses are compared.

mod common;

use std::collections::BTreeMap;

use irq_router_pac as pac;

/// A zeroed, 4-byte aligned buffer as large as the biggest window (32 KiB).
fn buffer() -> Vec<u32> {
    vec![0u32; 0x8000 / 4]
}

fn offset<T, U>(base: &T, reg: &U) -> u64 {
    (reg as *const U as usize - base as *const T as usize) as u64
}

fn sv(c: &BTreeMap<String, u64>, name: &str) -> u64 {
    *c.get(name)
        .unwrap_or_else(|| panic!("{name} missing from the SV package"))
}

#[test]
fn pac_offsets_match_the_sv_package() {
    let c = common::sv_constants();
    let buf = buffer();

    // Bases: the PAC's absolute addresses differ as the SV bases do.
    let global = pac::Global::PTR as u64;
    assert_eq!(
        pac::Inband::PTR as u64 - global,
        sv(&c, "INBAND_BASE") - sv(&c, "GLOBAL_BASE")
    );
    assert_eq!(
        pac::Oob::PTR as u64 - global,
        sv(&c, "OOB_BASE") - sv(&c, "GLOBAL_BASE")
    );

    // GLOBAL.SRC_CFG[5].
    let g: &pac::global::RegisterBlock = unsafe { &*(buf.as_ptr() as *const _) };
    assert!(std::mem::size_of::<pac::global::RegisterBlock>() <= buf.len() * 4);
    assert_eq!(
        offset(g, g.src_cfg(5)),
        sv(&c, "GLOBAL_SRC_CFG_OFFSET") + 5 * sv(&c, "GLOBAL_SRC_CFG_STRIDE")
    );
    assert_eq!(
        offset(g, g.overrun(31)),
        sv(&c, "GLOBAL_OVERRUN_OFFSET") + 31 * sv(&c, "GLOBAL_OVERRUN_STRIDE")
    );
    assert_eq!(offset(g, g.cycle_hi()), sv(&c, "GLOBAL_CYCLE_HI_OFFSET"));

    // OOB PAGE[3].CLAIM (the OOB block is the INBAND layout).
    let o: &pac::oob::RegisterBlock = unsafe { &*(buf.as_ptr() as *const _) };
    let page3 = o.page(3);
    assert_eq!(offset(o, page3), 3 * sv(&c, "PAGE_STRIDE"));
    assert_eq!(
        offset(o, page3.claim()),
        3 * sv(&c, "PAGE_STRIDE") + sv(&c, "PAGE_CLAIM_OFFSET")
    );
    // The absolute address a firmware would use, computed both ways.
    assert_eq!(
        pac::Oob::PTR as u64 + offset(o, page3.claim()),
        global + sv(&c, "OOB_BASE") + 3 * sv(&c, "PAGE_STRIDE") + sv(&c, "PAGE_CLAIM_OFFSET")
    );
    assert_eq!(
        offset(o, o.page(7).hist(15)),
        7 * sv(&c, "PAGE_STRIDE") + sv(&c, "PAGE_HIST_OFFSET") + 15 * sv(&c, "PAGE_HIST_STRIDE")
    );
    assert_eq!(sv(&c, "PAGE_COUNT"), 8);
    assert_eq!(o.page_iter().count(), 8);
}

#[test]
fn pac_reset_and_enum_values_match_the_sv_package() {
    use pac::generic::Resettable;
    use pac::inband::page;
    let c = common::sv_constants();
    assert_eq!(
        u64::from(<page::stall::StallSpec as Resettable>::RESET_VALUE),
        sv(&c, "PAGE_STALL_RESET")
    );
    assert_eq!(
        u64::from(<pac::global::id::IdSpec as Resettable>::RESET_VALUE),
        sv(&c, "GLOBAL_ID_RESET")
    );
    assert_eq!(
        page::claim::ClaimId::None as u64,
        sv(&c, "PAGE_CLAIM_ID_NONE")
    );
    assert_eq!(
        page::claim::ClaimId::IpiBase as u64,
        sv(&c, "PAGE_CLAIM_ID_IPI_BASE")
    );
    assert_eq!(
        pac::global::lock::LockKey::Key as u64,
        sv(&c, "GLOBAL_LOCK_KEY_KEY")
    );
    assert_eq!(
        pac::global::src_cfg::SrcTrig::Edge as u64,
        sv(&c, "GLOBAL_SRC_CFG_TRIG_EDGE")
    );
}

/// Field writers put bits where the SV package says.
#[test]
fn pac_field_positions_match_the_sv_package() {
    let c = common::sv_constants();
    let mut buf = buffer();
    let g: &pac::global::RegisterBlock = unsafe { &*(buf.as_mut_ptr() as *const _) };
    g.src_cfg(0)
        .write(|w| w.en().set_bit().prio().set(3).cpu().set(5));
    let word = u64::from(g.src_cfg(0).read().bits());
    let expected = (1 << sv(&c, "GLOBAL_SRC_CFG_EN_LSB"))
        | (3 << sv(&c, "GLOBAL_SRC_CFG_PRIO_LSB"))
        | (5 << sv(&c, "GLOBAL_SRC_CFG_CPU_LSB"));
    assert_eq!(word, expected);

    g.ipi_prio_oob().write(|w| w.p(7).set(2));
    let word = u64::from(g.ipi_prio_oob().read().bits());
    let lsb = sv(&c, "GLOBAL_IPI_PRIO_OOB_P_LSB") + 7 * sv(&c, "GLOBAL_IPI_PRIO_OOB_P_STRIDE");
    assert_eq!(word, 2 << lsb);

    let o: &pac::oob::RegisterBlock = unsafe { &*(buf.as_mut_ptr() as *const _) };
    o.page(2)
        .ipi_send()
        .write(|w| w.cpumask().set(0x0A).vector().set(9).stage().oob());
    // IPI_SEND is write-only: read the word back from the buffer.
    let at = offset(o, o.page(2).ipi_send()) as usize / 4;
    let word = u64::from(buf[at]);
    let expected = (0x0A << sv(&c, "PAGE_IPI_SEND_CPUMASK_LSB"))
        | (9 << sv(&c, "PAGE_IPI_SEND_VECTOR_LSB"))
        | (sv(&c, "PAGE_IPI_SEND_STAGE_OOB") << sv(&c, "PAGE_IPI_SEND_STAGE_LSB"));
    assert_eq!(word, expected);
}
