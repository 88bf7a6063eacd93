//! The report's section on oob latency attribution: the worst events part
//! by part, mean parts with the in-band stage running and stalled, what
//! stood in the way, and the verdict on issue 13's explanation, every
//! figure computed from the run's attribution.

use super::*;
use crate::report::Dist;
use std::fmt::Write;

/// How many worst events the report's tables list.
pub const WORST: usize = 20;

fn what(sc: &Scenario, s: &Sample) -> String {
    crate::report::class_of(sc, s)
}

/// One table row of an attributed event: `| # | CPU | class | event edge |
/// in-band | total | parts... | behind |`.
fn row(sc: &Scenario, rank: usize, a: &Attributed) -> String {
    let cols: Vec<String> = a.parts.columns().iter().map(|c| c.to_string()).collect();
    // Same part and transactions merged, in the order of the parts.
    let mut behind: BTreeMap<(Where, Option<Txn>, Option<Txn>), u64> = BTreeMap::new();
    for b in &a.behind {
        *behind.entry((b.part, b.own, b.txn)).or_default() += b.cycles;
    }
    let notes: Vec<String> = behind
        .iter()
        .map(|((w, own, t), n)| {
            let label = |t: &Option<Txn>| t.map_or(String::new(), |t| t.label());
            match w {
                Where::BusWait => format!("bus wait behind {} {n}", label(t)),
                Where::OwnAccessWaiting => format!(
                    "CPU busy: own {} waiting behind {} {n}",
                    label(own),
                    label(t)
                ),
                Where::OwnAccess => format!("CPU busy: own {} {n}", label(t)),
                Where::Masked => format!("CPU busy: oob code, FIQ masked {n}"),
            }
        })
        .collect();
    format!(
        "| {rank} | {} | {} | {} | {} | {} | {} | {} |",
        a.sample.cpu,
        what(sc, &a.sample),
        a.sample.event,
        if a.stalled { "stalled" } else { "running" },
        a.parts.total(),
        cols.join(" | "),
        notes.join("; ")
    )
}

fn header() -> String {
    format!(
        "| # | CPU | class | event edge | in-band | total | {} | behind what |\n|---:|---:|---|---:|---|---:|{}---|\n",
        COLUMNS.join(" | "),
        "---:|".repeat(COLUMNS.len())
    )
}

/// Mean parts of a set of events, one decimal each, and its size.
fn mean_row(label: &str, v: &[Attributed]) -> String {
    let p = sum(v);
    let n = v.len().max(1) as f64;
    let cols: Vec<String> = p
        .columns()
        .iter()
        .map(|&c| format!("{:.1}", c as f64 / n))
        .collect();
    format!(
        "| {label} | {} | {:.1} | {} |",
        v.len(),
        p.total() as f64 / n,
        cols.join(" | ")
    )
}

/// The report's section: the worst oob events of each pipeline, part by
/// part, the mean parts with the in-band stage running and stalled, what
/// stood in the way, and what issue 13's explanation comes to.
pub fn section(sc: &Scenario, hw: &RunResult, sw: &RunResult) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "\n## Where the worst oob latencies go\n");
    let _ = writeln!(
        o,
        "Each oob event (claims; the oob tick is not one) followed through what the simulation did for it, \
         in fabric cycles: *line* source edge to the CPU's line seen high (hardware: the router's oob line; \
         software: the GIC holds the event pending from its own edge); *CPU busy* line up but the exception not \
         taken (the CPU blocked in its own bus read, or in oob code with FIQ masked); *entry + IAR* exception \
         entry and the GIC acknowledge, one computation in the model (software: \
         with the pipeline's prologue); *earlier claims* behind earlier claims and handlers of the same \
         exception; *bus wait* the CLAIM read waiting for the one AXI master (behind other CPUs' accesses or \
         its own CPU's posted writes); *claim read* the read on the bus, \
         PS-side path included (software: the IAR access); *to handler* decode and dispatch. Every part is the \
         difference of two moments the run logged (kernel bus log, line changes, the agent's exception and claim \
         times), so they sum to the latency; *behind what* names the transactions in the way (CPU, in-band = \
         Non-secure Linux code or oob = Secure firmware, register, read/write) with their cycles. \
         Writes are posted (the A53's write buffer): the CPU goes on, the write still takes the master in its \
         turn, and a CPU's later read waits behind it. One modelling choice weighs on the waits: a master \
         carries one transaction at a time, its PS-side path included (the cost table's PL read and write \
         cycles), where an HPM port can pipeline several.\n"
    );
    let mut runs = Vec::new();
    for r in [hw, sw] {
        let name = if r.mode == Mode::Hardware {
            "hardware"
        } else {
            "software"
        };
        let all = attribute(r);
        let _ = writeln!(o, "### The {WORST} worst oob events, {name} pipeline\n");
        o.push_str(&header());
        for (k, a) in worst(&all, WORST).iter().enumerate() {
            let _ = writeln!(o, "{}", row(sc, k + 1, a));
        }
        let _ = writeln!(o);
        runs.push((name, all));
    }
    let _ = writeln!(o, "### Mean parts per event\n");
    let _ = writeln!(
        o,
        "| events | n | total | {} |\n|---|---:|---:|{}",
        COLUMNS.join(" | "),
        "---:|".repeat(COLUMNS.len())
    );
    let split = |all: &[Attributed], stalled: bool| -> Vec<Attributed> {
        all.iter()
            .filter(|a| a.stalled == stalled)
            .cloned()
            .collect()
    };
    for (name, all) in &runs {
        let _ = writeln!(
            o,
            "{}",
            mean_row(&format!("{name}: worst {WORST}"), &worst(all, WORST))
        );
        let _ = writeln!(
            o,
            "{}",
            mean_row(&format!("{name}: all, in-band running"), &split(all, false))
        );
        let _ = writeln!(
            o,
            "{}",
            mean_row(&format!("{name}: all, in-band stalled"), &split(all, true))
        );
    }
    let (_, hw_all) = &runs[0];
    let hw_worst = worst(hw_all, WORST);
    let way = in_the_way_sum(&hw_worst);
    let way_total: u64 = way.values().sum();
    let mut lat: Vec<u64> = hw_all.iter().map(|a| a.sample.handler_latency()).collect();
    lat.sort_unstable();
    let p50 = Dist::of(lat).map_or(0, |d| d.p50);
    let excess: u64 = hw_worst
        .iter()
        .map(|a| a.parts.total().saturating_sub(p50))
        .sum();
    let _ = writeln!(o, "\n### What stood in the way, hardware pipeline\n");
    let _ = writeln!(
        o,
        "Cycles of the {WORST} worst oob events' *bus wait* (the transaction ahead of the claim), *CPU busy* (the \
         CPU's own read, whoever it waited behind, or masked code) and *earlier claims*, by cause; and per \
         event on average over all oob events with the in-band stage running and stalled.\n"
    );
    let _ = writeln!(
        o,
        "| cause | worst {WORST}: claim waiting | worst {WORST}: CPU busy or earlier | worst {WORST}: share | all, running: per event | all, stalled: per event |\n|---|---:|---:|---:|---:|---:|"
    );
    let (run, st) = (split(hw_all, false), split(hw_all, true));
    let (run_way, st_way) = (in_the_way_sum(&run), in_the_way_sum(&st));
    for c in Cause::ALL {
        let get = |m: &BTreeMap<(Cause, bool), u64>, w: bool| m.get(&(c, w)).copied().unwrap_or(0);
        let per =
            |m: &BTreeMap<(Cause, bool), u64>, n: usize| cause_total(m, c) as f64 / n.max(1) as f64;
        let _ = writeln!(
            o,
            "| {} | {} | {} | {:.0}% | {:.2} | {:.2} |",
            c.label(),
            get(&way, true),
            get(&way, false),
            100.0 * cause_total(&way, c) as f64 / way_total.max(1) as f64,
            per(&run_way, run.len()),
            per(&st_way, st.len())
        );
    }
    let _ = writeln!(o, "\n### The p99.9 events, in-band running and stalled\n");
    o.push_str(&header());
    for (name, all) in &runs {
        for (label, stalled) in [("running", false), ("stalled", true)] {
            if let Some(a) = p999_event(&split(all, stalled)) {
                let _ = writeln!(
                    o,
                    "{}",
                    row(sc, 0, &a).replacen("| 0 |", &format!("| {name}, {label} |"), 1)
                );
            }
        }
    }
    let ratio = |all: &[Attributed], f: fn(&[Attributed]) -> Option<u64>| -> String {
        match (f(&split(all, true)), f(&split(all, false))) {
            (Some(s), Some(r)) if r > 0 => format!("{:.2}", s as f64 / r as f64),
            _ => "n/a".into(),
        }
    };
    let p999 = |v: &[Attributed]| p999_event(v).map(|a| a.sample.handler_latency());
    let max = |v: &[Attributed]| v.iter().map(|a| a.sample.handler_latency()).max();
    let _ = writeln!(o, "\nIn-band stalled / running, oob claims (the latency table's \"all oob\" rows without the tick):\n");
    for (name, all) in &runs {
        let _ = writeln!(
            o,
            "- {name}: p99.9 {}, max {}",
            ratio(all, p999),
            ratio(all, max)
        );
    }
    let inband = cause_total(&way, Cause::InbandStall) + cause_total(&way, Cause::InbandOther);
    let top = largest(&way);
    let st_top = p999_event(&st).and_then(|a| largest(&in_the_way(&a)));
    let name_of = |x: Option<(Cause, u64)>| {
        x.map_or("nothing (uncontended)".to_string(), |(c, n)| {
            format!("{} ({n} cycles)", c.label())
        })
    };
    let _ = writeln!(o, "\n### Issue 13's explanation\n");
    let _ = writeln!(
        o,
        "Hardware pipeline, the {WORST} worst oob events: {} cycles of latency, {excess} above the oob p50 ({p50}); \
         {way_total} cycles in the way, of which in-band stall traffic {} ({:.0}%), in-band accesses of every kind \
         {inband} ({:.0}%). Largest cause: {}. In-band-stalled p99.9 event, largest cause: {}.\n",
        hw_worst.iter().map(|a| a.parts.total()).sum::<u64>(),
        cause_total(&way, Cause::InbandStall),
        100.0 * cause_total(&way, Cause::InbandStall) as f64 / way_total.max(1) as f64,
        100.0 * inband as f64 / way_total.max(1) as f64,
        name_of(top),
        name_of(st_top),
    );
    let _ = writeln!(
        o,
        "Verdict: \"in-band stall/unstall traffic queues in front of oob claims\" is **{}** by this run (it \
         would need to be the largest cause for the worst events and for the in-band-stalled p99.9 event).",
        if stall_traffic_explains(hw_all) { "confirmed" } else { "refuted" }
    );
    let wait_inband = way.get(&(Cause::InbandStall, true)).copied().unwrap_or(0)
        + way.get(&(Cause::InbandOther, true)).copied().unwrap_or(0);
    let own_inband = inband - wait_inband;
    let _ = writeln!(
        o,
        "\nShared-port contention in general: the worst events' claims waited {wait_inband} cycles ({:.0}% of what \
         was in the way) for the master behind in-band accesses (other CPUs', and their own CPU's posted writes), \
         which a second port for the oob side would remove; their CPUs were blocked {own_inband} cycles ({:.0}%) \
         in their own in-band reads (a Device load blocks the A53), which it would not.",
        100.0 * wait_inband as f64 / way_total.max(1) as f64,
        100.0 * own_inband as f64 / way_total.max(1) as f64
    );
    o
}
