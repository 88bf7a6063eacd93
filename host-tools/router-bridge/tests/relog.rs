//! When the router timestamps a level source's re-log: a level source
//! still high at COMPLETE produces a new event at the next edge (spec §6),
//! which the router timestamps itself; the bridge's record has no event
//! there (the device asserted earlier). `claims::RELOG_DELAY` is the
//! distance from the COMPLETE's recorded cycle to that timestamp, which
//! the claims analysis needs to say what the router's own statistics must
//! show. Measured here on the RTL through the bridge's fabric.

use cosim::scenario::Scenario;
use irq_router_layout as l;
use router_bridge::claims::RELOG_DELAY;
use router_bridge::protocol::PROT_PRIVILEGED;
use router_bridge::Options;

const SCENARIO: &str = r#"
name = "relog"
duration_us = 100
[inband]
gap = { kind = "fixed", us = 10 }
critical_section = { kind = "fixed", us = 1 }
handler_cycles = 100
[[sources]]
class = "uart"
ids = [5]
stage = "inband"
cpu = 1
trigger = "level"
handler_cycles = 10
rate = { kind = "periodic", period_us = 50 }
"#;

#[test]
fn a_level_source_high_at_complete_is_timestamped_relog_delay_after_it() {
    let mut opts = Options::new(Scenario::from_toml(SCENARIO).unwrap());
    opts.start_now = true;
    let mut f = opts.fabric().unwrap();
    let page = l::INBAND_BASE + l::PAGE_STRIDE;
    let cfg = 1 << l::GLOBAL_SRC_CFG_EN_LSB | 1 << l::GLOBAL_SRC_CFG_CPU_LSB; // in-band, level, CPU 1
    f.access(true, l::GLOBAL_SRC_CFG_OFFSET + 4 * 5, cfg, PROT_PRIVILEGED, 0);
    f.access(true, l::OOB_BASE + l::PAGE_STRIDE + l::PAGE_STALL_OFFSET, 0, PROT_PRIVILEGED, 0);
    f.access(true, page + l::PAGE_STALL_OFFSET, 0, PROT_PRIVILEGED, 0);
    // Past the first event; claim it and leave the device unacknowledged.
    let ev = f.next_sync_ns().expect("the scenario has an event");
    f.sync(ev + 100);
    let cycle = |f: &router_bridge::Fabric| f.record().accesses().last().unwrap().cycle;
    assert_eq!(f.access(false, page + l::PAGE_CLAIM_OFFSET, 0, PROT_PRIVILEGED, ev + 200).0, 5);
    f.access(true, page + l::PAGE_COMPLETE_OFFSET, 5, PROT_PRIVILEGED, ev + 1_000);
    let complete = cycle(&f);
    assert_eq!(f.access(false, page + l::PAGE_CLAIM_OFFSET, 0, PROT_PRIVILEGED, ev + 3_000).0, 5, "re-logged");
    let claim = cycle(&f);
    let lat = f.peek_router(page + l::PAGE_LAT_LAST_OFFSET) as u64;
    assert_eq!(claim - lat, complete + RELOG_DELAY, "claim {claim}, LAT_LAST {lat}, complete {complete}");
}

/// An oob IPI sent by the oob core of CPU 1 to its own oob stage: the
/// router timestamps it `claims::IPI_SEND_DELAY` cycles after the
/// IPI_SEND write's recorded cycle (its LAT_LAST at the claim says when).
#[test]
fn an_ipi_is_timestamped_ipi_send_delay_after_its_send() {
    use router_bridge::claims::IPI_SEND_DELAY;
    let mut opts = Options::new(Scenario::from_toml(SCENARIO).unwrap());
    opts.start_now = true;
    let mut f = opts.fabric().unwrap();
    let page = l::OOB_BASE + l::PAGE_STRIDE;
    f.access(true, page + l::PAGE_STALL_OFFSET, 0, PROT_PRIVILEGED, 0);
    let send = 1 << 1 << l::PAGE_IPI_SEND_CPUMASK_LSB
        | 2 << l::PAGE_IPI_SEND_VECTOR_LSB
        | l::PAGE_IPI_SEND_STAGE_OOB << l::PAGE_IPI_SEND_STAGE_LSB;
    f.access(true, page + l::PAGE_IPI_SEND_OFFSET, send, PROT_PRIVILEGED, 100);
    let cycle = |f: &router_bridge::Fabric| f.record().accesses().last().unwrap().cycle;
    let sent = cycle(&f);
    assert_eq!(f.access(false, page + l::PAGE_CLAIM_OFFSET, 0, PROT_PRIVILEGED, 2_000).0, l::PAGE_CLAIM_ID_IPI_BASE + 2);
    let claim = cycle(&f);
    let lat = f.peek_router(page + l::PAGE_LAT_LAST_OFFSET) as u64;
    assert_eq!(claim - lat, sent + IPI_SEND_DELAY, "claim {claim}, LAT_LAST {lat}, send {sent}");
}
