//! What the real binaries did with a scenario's events, from the bridge's
//! [`Record`] alone: each source event (the cycle the router timestamps it)
//! matched to the CLAIM reads that returned that source, on whichever page
//! (the record has every access, so nothing depends on what the guest
//! chose to log). Latency is event to CLAIM read, in fabric cycles: the
//! quantity the router's own LAT_* statistics measure and the thread
//! model's `Sample::claim_latency`.
//!
//! Accounting per source, in time order: a claim takes every event pending
//! since the previous claim of that source (events of earlier edges than
//! the claim's); the first is *delivered* (its
//! latency counts), the others *coalesced* (the router logs one pending bit
//! per source, spec §3), as are level events the device merged before they
//! reached the router. A claim with nothing pending is a *phantom* (an event delivered twice);
//! an event never claimed is *lost*.

use crate::record::Record;
use cosim::scenario::{Scenario, StageSel, NSRC};
use irq_router_layout as l;
use std::collections::BTreeMap;
use std::fmt::Write;

/// The account of one source, or of all: the thread model's, so both
/// reports count alike (`phantom`: a claim with nothing pending, an event
/// delivered twice).
pub use cosim::analysis::Account;

/// The analysis of one run.
#[derive(Clone, Debug, Default)]
pub struct Claims {
    /// (stage, class) → delivered events' latencies, event to CLAIM read.
    pub latency: BTreeMap<(StageSel, String), Vec<u64>>,
    pub per_source: BTreeMap<u16, Account>,
    pub total: Account,
    /// Claims on a page of the other stage than the scenario's.
    pub wrong_stage: u64,
    /// (stage of the page, router CPU) → the latencies of the delivered
    /// claims read there as the router measures them, which its own
    /// statistics of that page must show (spec §6). They differ from
    /// `latency` (from the device's assertion) for a level event that came
    /// while its source was active: the router logs it only at the
    /// COMPLETE ([`RELOG_DELAY`]) and times it from there.
    pub per_page: BTreeMap<(StageSel, u32), Vec<u64>>,
    /// Delivered claims whose router latency is counted from a COMPLETE
    /// (the case above).
    pub relogged: u64,
    /// IPIs, accounted as sources are: each IPI_SEND write the router took
    /// is an event on every (stage, CPU) it names, each CLAIM read that
    /// returned the vector there a claim. Key: (stage, router CPU, vector).
    pub ipis: BTreeMap<(StageSel, u32, u8), Account>,
    pub ipi_total: Account,
    /// Source → (stage, router CPU) of the page → delivered claims there:
    /// where each source was really served.
    pub claimed_on: BTreeMap<u16, BTreeMap<(StageSel, u32), u64>>,
}

/// The class of an IPI in the tables, as the thread model's report names it
/// (cosim::report::class_of).
pub fn ipi_class(stage: StageSel, vector: u8) -> String {
    use router_driver::vectors as v;
    match (stage, vector) {
        (StageSel::Oob, v::OOB_CALL_FUNCTION) => "ipi call-function".into(),
        (StageSel::Oob, v::OOB_RESCHEDULE) => "ipi reschedule".into(),
        (StageSel::Inband, v::INBAND_CHANNEL) => "ipi channel doorbell".into(),
        (_, v) => format!("ipi vector {v}"),
    }
}

/// Router cycles from a COMPLETE's recorded cycle to the timestamp of the
/// event the router logs itself when the completed source is level and
/// still high (spec §6; measured in tests/relog.rs).
pub const RELOG_DELAY: u64 = 2;

/// Router cycles from an IPI_SEND write's recorded cycle to the timestamp
/// the router gives the IPI it logs (measured in tests/relog.rs).
pub const IPI_SEND_DELAY: u64 = 1;

/// The stage and CPU of a router page access, and its offset in the page.
fn page_of(addr: u32) -> Option<(StageSel, u32, u32)> {
    for (base, stage) in [(l::INBAND_BASE, StageSel::Inband), (l::OOB_BASE, StageSel::Oob)] {
        if let Some(off) = addr.checked_sub(base).filter(|&o| o < 4 * l::PAGE_STRIDE) {
            return Some((stage, off / l::PAGE_STRIDE, off % l::PAGE_STRIDE));
        }
    }
    None
}

/// Matches the record's events and claims; `merged[i]`: level events the
/// source device merged on source i (they never reached the router).
pub fn analyse(sc: &Scenario, rec: &Record, merged: &[u32]) -> Claims {
    let n = NSRC as usize;
    let mut events: Vec<Vec<u64>> = vec![Vec::new(); n];
    for (c, s) in rec.events() {
        events[s as usize % n].push(c);
    }
    let mut claims: Vec<Vec<(u64, StageSel, u32)>> = vec![Vec::new(); n];
    let mut completes: Vec<Vec<u64>> = vec![Vec::new(); n];
    for a in rec.accesses() {
        if let Some((stage, cpu, off)) = page_of(a.addr) {
            if !a.write && off == l::PAGE_CLAIM_OFFSET && (a.data as usize) < n {
                claims[a.data as usize].push((a.cycle, stage, cpu));
            }
            if a.write && off == l::PAGE_COMPLETE_OFFSET && (a.data as usize) < n {
                completes[a.data as usize].push(a.cycle);
            }
        }
    }
    let mut out = Claims::default();
    analyse_ipis(rec, &mut out);
    for id in 0..n as u16 {
        let (ev, cl) = (&events[id as usize], &claims[id as usize]);
        let m = merged.get(id as usize).copied().unwrap_or(0) as u64;
        if ev.is_empty() && cl.is_empty() && m == 0 {
            continue;
        }
        let src = sc.source(id);
        let stage = src.map_or(StageSel::Inband, |s| s.stage);
        let class = src.map_or_else(|| format!("source {id} (not in the scenario)"), |s| s.class.clone());
        let level = src.is_some_and(|s| s.level);
        let done = &completes[id as usize];
        let mut acc = Account { events: ev.len() as u64 + m, coalesced: m, ..Account::default() };
        let mut next = 0;
        for &(cycle, on, cpu) in cl {
            out.wrong_stage += (on != stage) as u64;
            let Some(first) = take(ev, &mut next, cycle, &mut acc) else { continue };
            *out.claimed_on.entry(id).or_default().entry((on, cpu)).or_default() += 1;
            out.latency.entry((stage, class.clone())).or_default().push(cycle - ev[first]);
            // The last COMPLETE of this source before the claim: a level
            // event at or before it waited for it to be logged.
            let last_complete = done[..done.partition_point(|&c| c < cycle)].last().copied();
            let logged = match last_complete {
                Some(c) if level && ev[first] <= c => {
                    out.relogged += 1;
                    c + RELOG_DELAY
                }
                _ => ev[first],
            };
            out.per_page.entry((on, cpu)).or_default().push(cycle.saturating_sub(logged));
        }
        acc.lost = (ev.len() - next) as u64;
        out.total.add(&acc);
        out.per_source.insert(id, acc);
    }
    out
}

/// One claim at `cycle` of events `ev` (in time order, those before `next`
/// already taken): it takes every event before its cycle and counts them
/// in `acc` (the first delivered, the rest coalesced, none a phantom).
/// Returns the index of the delivered event. A claim executing at edge n
/// reads the log from before that edge: it takes the events of edges
/// m < n; an event at n itself sets the bit again after the claim (spec §6).
fn take(ev: &[u64], next: &mut usize, cycle: u64, acc: &mut Account) -> Option<usize> {
    let first = *next;
    while *next < ev.len() && ev[*next] < cycle {
        *next += 1;
    }
    if *next == first {
        acc.phantom += 1;
        return None;
    }
    acc.delivered += 1;
    acc.coalesced += (*next - first - 1) as u64;
    Some(first)
}

/// IPI_SEND writes matched to the CLAIM reads of their vector, as
/// [`analyse`] matches source events (a claim takes the sends of earlier
/// cycles; two sends before one claim are one delivery and one coalesced,
/// the router keeps one pending bit per vector).
fn analyse_ipis(rec: &Record, out: &mut Claims) {
    let field = |v: u32, lsb: u32, width: u32| v >> lsb & ((1 << width) - 1);
    let mut sends: BTreeMap<(StageSel, u32, u8), Vec<u64>> = BTreeMap::new();
    let mut claims: BTreeMap<(StageSel, u32, u8), Vec<u64>> = BTreeMap::new();
    for a in rec.accesses() {
        let Some((stage, cpu, off)) = page_of(a.addr) else { continue };
        if a.write && off == l::PAGE_IPI_SEND_OFFSET && a.resp == crate::protocol::AxiResp::Okay {
            let mask = field(a.data, l::PAGE_IPI_SEND_CPUMASK_LSB, l::PAGE_IPI_SEND_CPUMASK_WIDTH);
            let vector = field(a.data, l::PAGE_IPI_SEND_VECTOR_LSB, l::PAGE_IPI_SEND_VECTOR_WIDTH) as u8;
            let to = if field(a.data, l::PAGE_IPI_SEND_STAGE_LSB, l::PAGE_IPI_SEND_STAGE_WIDTH) == l::PAGE_IPI_SEND_STAGE_OOB {
                StageSel::Oob
            } else {
                StageSel::Inband
            };
            for c in (0..l::PAGE_IPI_SEND_CPUMASK_WIDTH).filter(|c| mask >> c & 1 != 0) {
                sends.entry((to, c, vector)).or_default().push(a.cycle);
            }
        }
        let ipi = l::PAGE_CLAIM_ID_IPI_BASE..l::PAGE_CLAIM_ID_IPI_BASE + (1 << l::PAGE_IPI_SEND_VECTOR_WIDTH);
        if !a.write && off == l::PAGE_CLAIM_OFFSET && ipi.contains(&a.data) {
            claims.entry((stage, cpu, (a.data - l::PAGE_CLAIM_ID_IPI_BASE) as u8)).or_default().push(a.cycle);
        }
    }
    let keys: std::collections::BTreeSet<_> = sends.keys().chain(claims.keys()).copied().collect();
    for key in keys {
        let (stage, cpu, vector) = key;
        let ev = sends.get(&key).map_or(&[][..], |v| v.as_slice());
        let mut acc = Account { events: ev.len() as u64, ..Account::default() };
        let mut next = 0;
        for &cycle in claims.get(&key).map_or(&[][..], |v| v.as_slice()) {
            let Some(first) = take(ev, &mut next, cycle, &mut acc) else { continue };
            out.latency.entry((stage, ipi_class(stage, vector))).or_default().push(cycle - ev[first]);
            out.per_page.entry((stage, cpu)).or_default().push(cycle.saturating_sub(ev[first] + IPI_SEND_DELAY));
        }
        acc.lost = (ev.len() - next) as u64;
        out.ipi_total.add(&acc);
        out.ipis.insert(key, acc);
    }
}

/// The firmware's TRACE words ([`crate::sources::trace`]) in the record.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Traces {
    /// Generic-timer frequency the firmware reported, Hz.
    pub counter_hz: Option<u64>,
    /// Scenario timer index → lateness of each expiry, counter ticks.
    pub timer_late: BTreeMap<u32, Vec<u64>>,
    pub messages_posted: u64,
    pub messages_refused: u64,
    pub calls_run: u64,
    /// Words of no known kind, or out of order (a sequence number that
    /// does not follow): the trace protocol broken.
    pub bad: Vec<u32>,
}

/// Reads the TRACE writes of a record.
pub fn traces(rec: &Record) -> Traces {
    use crate::sources::{trace, DEVICE_BASE, REG_TRACE};
    let mut t = Traces::default();
    for a in rec.accesses().filter(|a| a.write && a.addr == DEVICE_BASE + REG_TRACE) {
        let v = trace::value(a.data) as u64;
        match trace::kind(a.data) {
            trace::TIMER => t.timer_late.entry(trace::timer(a.data)).or_default().push(v),
            trace::MESSAGE if v == t.messages_posted + t.messages_refused => t.messages_posted += 1,
            trace::MESSAGE_FULL if v == t.messages_posted => t.messages_refused += 1,
            trace::CALL if v == t.calls_run + 1 => t.calls_run += 1,
            trace::COUNTER_KHZ => t.counter_hz = Some(v * 1000),
            _ => t.bad.push(a.data),
        }
    }
    t
}

impl Claims {
    /// Lost and phantom are 0 (sources and IPIs), every claim was on its
    /// source's stage, and the account adds up.
    pub fn clean(&self) -> bool {
        let (t, i) = (&self.total, &self.ipi_total);
        t.lost == 0
            && t.phantom == 0
            && i.lost == 0
            && i.phantom == 0
            && self.wrong_stage == 0
            && t.delivered + t.coalesced + t.lost == t.events
    }
}

/// The router's own statistics of each page beside the record's claims on
/// it: a markdown table (page, claims, LAT_MAX, agreement) and the pages
/// that disagree (empty: every page agrees bucket for bucket and in its
/// maximum). Latencies are compared as the router computes them, modulo
/// 2^TSW (its timestamp width).
pub fn router_stats_table(c: &Claims, stats: &[crate::PageStats]) -> (String, Vec<String>) {
    let mut o = String::from("| page | claims (router / record) | LAT_MAX (router / record) | histogram |\n|---|---:|---:|---|\n");
    let mut diffs = Vec::new();
    for p in stats {
        let stage = if p.oob { StageSel::Oob } else { StageSel::Inband };
        let mask = (1u64 << p.tsw.min(63)) - 1;
        let mut hist = [0u32; 16];
        let mut max = 0u64;
        for &l in c.per_page.get(&(stage, p.cpu)).map_or(&[][..], |v| v.as_slice()) {
            let l = l & mask;
            hist[cosim::analysis::bucket(l)] += 1;
            max = max.max(l);
        }
        let hw: u64 = p.hist.iter().map(|&h| h as u64).sum();
        let sw: u64 = hist.iter().map(|&h| h as u64).sum();
        if hw == 0 && sw == 0 {
            continue;
        }
        let name = format!("{} CPU {}", if p.oob { "oob" } else { "in-band" }, p.cpu);
        let same = p.hist == hist && p.lat_max as u64 == max;
        if !same {
            diffs.push(format!("{name}: router HIST {:?} LAT_MAX {} vs record {:?} max {}", p.hist, p.lat_max, hist, max));
        }
        let _ = writeln!(o, "| {name} | {hw} / {sw} | {} / {max} | {} |", p.lat_max, if same { "equal, bucket for bucket" } else { "DIFFERS" });
    }
    (o, diffs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{Access, Entry};
    use crate::protocol::AxiResp;

    const SC: &str = r#"
name = "t"
duration_us = 100
[inband]
gap = { kind = "fixed", us = 10 }
critical_section = { kind = "fixed", us = 1 }
handler_cycles = 100
[[sources]]
class = "enc"
ids = [3]
stage = "oob"
handler_cycles = 10
rate = { kind = "periodic", period_us = 10 }
"#;

    fn claim(cycle: u64, data: u32) -> Entry {
        Entry::Access(Access { cycle, ns: cycle * 10, write: false, addr: l::OOB_BASE + l::PAGE_CLAIM_OFFSET, data, resp: AxiResp::Okay, prot: 0 })
    }

    #[test]
    fn events_are_matched_to_claims_and_accounted() {
        let sc = Scenario::from_toml(SC).unwrap();
        let mut rec = Record::default();
        for e in [Entry::Event { cycle: 100, src: 3 }, claim(130, 3), Entry::Event { cycle: 200, src: 3 }, Entry::Event { cycle: 210, src: 3 }, claim(250, 3), claim(260, l::PAGE_CLAIM_ID_NONE)] {
            rec.push(e);
        }
        let c = analyse(&sc, &rec, &[]);
        assert_eq!(c.latency[&(StageSel::Oob, "enc".into())], [30, 50]);
        assert_eq!(c.total, Account { events: 3, delivered: 2, coalesced: 1, ..Account::default() });
        assert_eq!(c.per_page[&(StageSel::Oob, 0)], [30, 50]);
        assert_eq!(c.claimed_on[&3], BTreeMap::from([((StageSel::Oob, 0), 2)]));
        assert!(c.clean());
        // A claim with nothing pending, then an event never claimed.
        rec.push(claim(300, 3));
        rec.push(Entry::Event { cycle: 400, src: 3 });
        let c = analyse(&sc, &rec, &[]);
        assert_eq!((c.total.phantom, c.total.lost), (1, 1));
        assert!(!c.clean());
    }

    #[test]
    fn a_level_event_while_active_is_timed_by_the_router_from_the_complete() {
        let sc = Scenario::from_toml(&SC.replace("stage = \"oob\"", "stage = \"oob\"\ntrigger = \"level\"")).unwrap();
        assert!(sc.source(3).unwrap().level);
        let complete = |cycle| Entry::Access(Access { cycle, ns: cycle * 10, write: true, addr: l::OOB_BASE + l::PAGE_COMPLETE_OFFSET, data: 3, resp: AxiResp::Okay, prot: 0 });
        let mut rec = Record::default();
        for e in [Entry::Event { cycle: 100, src: 3 }, claim(110, 3), Entry::Event { cycle: 150, src: 3 }, complete(160), claim(170, 3)] {
            rec.push(e);
        }
        let c = analyse(&sc, &rec, &[]);
        assert_eq!(c.latency[&(StageSel::Oob, "enc".into())], [10, 20], "from the device's assertions");
        assert_eq!(c.per_page[&(StageSel::Oob, 0)], [10, 170 - (160 + RELOG_DELAY)], "as the router times them");
        assert_eq!(c.relogged, 1);
    }

    #[test]
    fn ipis_are_matched_to_their_claims_per_cpu_and_vector() {
        let sc = Scenario::from_toml(SC).unwrap();
        let send = |cycle, resp| {
            let data = 1 << l::PAGE_IPI_SEND_CPUMASK_LSB | 2 << l::PAGE_IPI_SEND_VECTOR_LSB | l::PAGE_IPI_SEND_STAGE_OOB << l::PAGE_IPI_SEND_STAGE_LSB;
            Entry::Access(Access { cycle, ns: cycle * 10, write: true, addr: l::INBAND_BASE + l::PAGE_STRIDE + l::PAGE_IPI_SEND_OFFSET, data, resp, prot: 2 })
        };
        let ipi = l::PAGE_CLAIM_ID_IPI_BASE + 2;
        let mut rec = Record::default();
        // Two sends before one claim (one coalesced), a refused send, one
        // more claimed; then a claim with nothing sent.
        for e in [send(100, AxiResp::Okay), send(110, AxiResp::Okay), claim(150, ipi), send(160, AxiResp::SlvErr), send(200, AxiResp::Okay), claim(230, ipi)] {
            rec.push(e);
        }
        let c = analyse(&sc, &rec, &[]);
        assert_eq!(c.latency[&(StageSel::Oob, "ipi call-function".into())], [50, 30]);
        assert_eq!(c.ipis[&(StageSel::Oob, 0, 2)], Account { events: 3, delivered: 2, coalesced: 1, ..Account::default() });
        assert_eq!(c.per_page[&(StageSel::Oob, 0)], [50 - IPI_SEND_DELAY, 30 - IPI_SEND_DELAY]);
        assert_eq!(c.total.events, 0, "IPIs are not source events");
        assert!(c.clean());
        rec.push(claim(300, ipi));
        assert_eq!(analyse(&sc, &rec, &[]).ipi_total.phantom, 1);
    }

    #[test]
    fn an_event_at_the_claims_own_edge_is_left_for_the_next_claim() {
        let sc = Scenario::from_toml(SC).unwrap();
        let mut rec = Record::default();
        // Seen on QEMU: the second event on the edge of the first claim.
        for e in [Entry::Event { cycle: 100, src: 3 }, Entry::Event { cycle: 140, src: 3 }, claim(140, 3), claim(190, 3)] {
            rec.push(e);
        }
        let c = analyse(&sc, &rec, &[]);
        assert_eq!(c.latency[&(StageSel::Oob, "enc".into())], [40, 50]);
        assert_eq!(c.total, Account { events: 2, delivered: 2, ..Account::default() });
    }
}
