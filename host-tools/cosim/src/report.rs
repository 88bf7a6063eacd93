//! The report: latency tables side by side for the two pipelines, the
//! account of every event, and the agreement between the router's own
//! latency statistics and what the software observed.

use crate::agent::What;
use crate::analysis::{bucket, Account, Sample};
use crate::kernel::Mode;
use crate::run::RunResult;
use crate::scenario::{Scenario, StageSel, NCPU, NSRC};
use router_driver::vectors;
use std::fmt::Write;

/// Latency distribution of one class of events, in cycles.
#[derive(Clone, Debug, PartialEq)]
pub struct Dist {
    pub n: usize,
    pub p50: u64,
    pub p99: u64,
    pub p999: u64,
    pub max: u64,
}

impl Dist {
    pub fn of(mut v: Vec<u64>) -> Option<Dist> {
        if v.is_empty() {
            return None;
        }
        v.sort_unstable();
        let q = |p: f64| v[((p * v.len() as f64).ceil() as usize).clamp(1, v.len()) - 1];
        Some(Dist {
            n: v.len(),
            p50: q(0.5),
            p99: q(0.99),
            p999: q(0.999),
            max: *v.last().unwrap(),
        })
    }
}

/// The class an event belongs to in the tables.
pub fn class_of(sc: &Scenario, s: &Sample) -> String {
    match s.what {
        What::Source(id) => sc.source(id).map_or("?".into(), |x| x.class.clone()),
        What::Ipi(v) => match (s.stage, v) {
            (StageSel::Oob, vectors::OOB_CALL_FUNCTION) => "ipi call-function".into(),
            (StageSel::Oob, vectors::OOB_RESCHEDULE) => "ipi reschedule".into(),
            (StageSel::Inband, vectors::INBAND_CHANNEL) => "ipi channel doorbell".into(),
            (_, v) => format!("ipi vector {v}"),
        },
    }
}

/// Whether CPU `cpu`'s in-band stage was in a critical section at cycle `t`.
pub fn stalled_at(r: &RunResult, cpu: u8, t: u64) -> bool {
    let iv = &r.agents[cpu as usize].stalled;
    let k = iv.partition_point(|(a, _)| *a <= t);
    k > 0 && iv[k - 1].1 > t
}

/// Rows of the latency table: (stage, class) → latencies (event → handler).
pub fn latency_rows(sc: &Scenario, r: &RunResult) -> Vec<((StageSel, String), Vec<u64>)> {
    let mut rows: std::collections::BTreeMap<(StageSel, String), Vec<u64>> = Default::default();
    for s in &r.analysis.samples {
        let class = class_of(sc, s);
        rows.entry((s.stage, class.clone()))
            .or_default()
            .push(s.handler_latency());
        if s.stage == StageSel::Oob {
            let tag = if stalled_at(r, s.cpu, s.event) {
                "all oob, in-band stalled"
            } else {
                "all oob, in-band running"
            };
            rows.entry((StageSel::Oob, tag.into()))
                .or_default()
                .push(s.handler_latency());
        }
    }
    for &(_, due, start) in &r.analysis.timers {
        rows.entry((StageSel::Oob, "oob timer tick".into()))
            .or_default()
            .push(start - due);
    }
    rows.into_iter().collect()
}

/// One check of the run; the run fails if any fails.
#[derive(Clone, Debug)]
pub struct Check {
    pub name: String,
    pub ok: bool,
    pub detail: String,
}

/// Checks of one run: nothing lost or delivered twice, logs drained, and
/// in hardware mode the router's statistics equal to the software's.
pub fn checks(sc: &Scenario, r: &RunResult) -> Vec<Check> {
    let mut out = Vec::new();
    let t = &r.analysis.total;
    let tag = if r.mode == Mode::Hardware {
        "hardware"
    } else {
        "software"
    };
    out.push(Check {
        name: format!("{tag}: no event lost"),
        ok: t.lost == 0,
        detail: format!(
            "{} events: {} delivered, {} coalesced, {} lost",
            t.events, t.delivered, t.coalesced, t.lost
        ),
    });
    out.push(Check {
        name: format!("{tag}: no event delivered twice"),
        ok: t.phantom == 0,
        detail: format!("{} claims without an event", t.phantom),
    });
    out.push(Check {
        name: format!("{tag}: every log drained after the load"),
        ok: r.kernel.drained,
        detail: format!("{} cycles of drain", r.kernel.edges - r.kernel.load_end),
    });
    if let Some(st) = &r.router {
        // Software-observed claim latencies, as the router computes them
        // (TSW = 16 bits: values wrap at 2^16).
        let mut sw_hist = vec![[[0u32; 16]; 2]; NCPU as usize];
        let mut sw_max = vec![[0u64; 2]; NCPU as usize];
        for s in r.analysis.samples.iter().chain(&r.analysis.merged) {
            let l = s.claim_latency() & 0xFFFF;
            let st_i = (s.stage == StageSel::Oob) as usize;
            sw_hist[s.cpu as usize][st_i][bucket(l)] += 1;
            sw_max[s.cpu as usize][st_i] = sw_max[s.cpu as usize][st_i].max(l);
        }
        let mut diffs = Vec::new();
        for cpu in 0..NCPU as usize {
            for (si, name) in [(0, "in-band"), (1, "oob")] {
                if st.hist[cpu][si] != sw_hist[cpu][si] {
                    diffs.push(format!(
                        "CPU {cpu} {name}: router {:?} vs software {:?}",
                        st.hist[cpu][si], sw_hist[cpu][si]
                    ));
                }
                if st.lat_max[cpu][si] as u64 != sw_max[cpu][si] {
                    diffs.push(format!(
                        "CPU {cpu} {name}: LAT_MAX {} vs software {}",
                        st.lat_max[cpu][si], sw_max[cpu][si]
                    ));
                }
            }
        }
        out.push(Check {
            name: "router latency histograms and maxima = software-observed claim latencies".into(),
            ok: diffs.is_empty(),
            detail: if diffs.is_empty() {
                format!(
                    "all {} (CPU, stage) pages agree bucket for bucket",
                    2 * NCPU
                )
            } else {
                diffs.join("; ")
            },
        });
        // Claims the glue merged into Dovetail's log (claimed again while
        // logged): their events were coalesced by software, not the router.
        let mut merged = vec![0u64; NSRC as usize];
        for c in r
            .agents
            .iter()
            .flat_map(|a| &a.claims)
            .filter(|c| !c.delivered)
        {
            if let What::Source(s) = c.what {
                merged[s as usize] += 1;
            }
        }
        let mut odiffs = Vec::new();
        for (e, acc) in &r.analysis.accounts {
            if let crate::analysis::Entry::Source(s) = e {
                let hw = st.overruns[*s as usize] as u64;
                // Level sources never count overruns (spec §4).
                let level = sc.source(*s).is_some_and(|x| x.level);
                let by_router = acc.coalesced - merged[*s as usize].min(acc.coalesced);
                if !level && hw != by_router.min(255) {
                    odiffs.push(format!(
                        "source {s}: OVERRUN {hw} vs {} coalesced",
                        acc.coalesced
                    ));
                }
            }
        }
        out.push(Check {
            name: "router overrun counters = coalesced events seen by software".into(),
            ok: odiffs.is_empty(),
            detail: if odiffs.is_empty() {
                "every edge source agrees".into()
            } else {
                odiffs.join("; ")
            },
        });
        out.push(Check {
            name: "router logs empty after the drain".into(),
            ok: st.pending_after == 0,
            detail: format!("SRC_PEND = {:#x}", st.pending_after),
        });
        out.push(Check {
            name: "no access refused (Linux Non-secure, the oob firmware Secure)".into(),
            ok: st.err == 0,
            detail: format!("ERR = {:#x}", st.err),
        });
    }
    out
}

/// One latency table row, `| stage | class | pipeline | events | p50 | p99 |
/// p99.9 | max |`, in cycles and (ns) at the scenario's fabric clock; an
/// empty `v` gives a row of no events. Every main-job report (the thread
/// model's, and the one on QEMU) uses it, so their tables line up.
pub fn latency_row(
    sc: &Scenario,
    stage: StageSel,
    class: &str,
    pipeline: &str,
    v: &[u64],
) -> String {
    let st = if stage == StageSel::Oob {
        "oob"
    } else {
        "in-band"
    };
    let cn = |c: u64| format!("{c} ({:.0})", sc.ns(c as f64));
    match Dist::of(v.to_vec()) {
        Some(d) => format!(
            "| {st} | {class} | {pipeline} | {} | {} | {} | {} | {} |",
            d.n,
            cn(d.p50),
            cn(d.p99),
            cn(d.p999),
            cn(d.max)
        ),
        None => format!("| {st} | {class} | {pipeline} | 0 | | | | |"),
    }
}

/// The accounting table: its header and one row per (pipeline, account).
pub fn accounting_table(rows: &[(&str, &Account)]) -> String {
    let mut o = String::from(
        "| pipeline | events | delivered | coalesced | lost | delivered twice |\n|---|---:|---:|---:|---:|---:|\n",
    );
    for (name, a) in rows {
        let _ = writeln!(
            o,
            "| {name} | {} | {} | {} | {} | {} |",
            a.events, a.delivered, a.coalesced, a.lost, a.phantom
        );
    }
    o
}

fn us(sc: &Scenario, cycles: u64) -> String {
    format!("{:.2}", sc.ns(cycles as f64) / 1000.0)
}

/// The whole report as Markdown.
pub fn render(
    sc: &Scenario,
    hw: &RunResult,
    sw: &RunResult,
    checks: &[Check],
    plots: &[String],
) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "# Co-simulation report: {}\n", sc.name);
    if hw.kernel.ports == 2 {
        let _ = writeln!(
            o,
            "**Prediction, not the design:** this hardware run gives the oob side's (Secure) accesses a PS-PL port of \
             their own (`--second-port`, `hdl/doc/second-port.md`): a second master with its own PS-side path, the \
             router's one read and one write at a time taken by the oob port first. The RTL has one port; the \
             router's lockstep model still checks every edge.\n"
        );
    }
    if hw.eager_mirror {
        let _ = writeln!(
            o,
            "**Not the glue as it is:** in this hardware run the stall mirror also writes the stall changes \
             arm64 Dovetail's IRQ entry and exit code make and undo with hard IRQs off (`--eager-mirror`, \
             `hdl/doc/second-port.md` §1), as `linux-glue/` did before its lazy rule.\n"
        );
    }
    if !sc.description.is_empty() {
        let _ = writeln!(o, "{}\n", sc.description.trim());
    }
    let _ = writeln!(
        o,
        "Fabric clock {} MHz (1 cycle = {:.1} ns), A53 at {} MHz; load of {} cycles ({} µs) on {} CPUs, seed {}. \
         Hardware pipeline: the Verilated irq_router (32 sources, 4 CPUs, 8 IPI vectors) driven by the firmware's \
         router driver and real-time core, stepped in lockstep with the Rust reference model (their outputs \
         agreed at all {} edges); software pipeline: the same load through a GIC and a Dovetail-style \
         log kept in memory, with the costs below.\n",
        sc.clocks.fabric_mhz,
        1000.0 / sc.clocks.fabric_mhz,
        sc.clocks.cpu_mhz,
        sc.duration,
        us(sc, sc.duration),
        NCPU,
        sc.seed,
        hw.kernel.edges
    );
    let _ = writeln!(
        o,
        "## Latency, event to the handler's first line\n\nFabric cycles, and in brackets ns at {} MHz.\n",
        sc.clocks.fabric_mhz
    );
    let _ = writeln!(
        o,
        "| stage | class | pipeline | events | p50 | p99 | p99.9 | max |"
    );
    let _ = writeln!(o, "|---|---|---|---:|---:|---:|---:|---:|");
    let hw_rows = latency_rows(sc, hw);
    let sw_rows = latency_rows(sc, sw);
    let mut keys: Vec<_> = hw_rows
        .iter()
        .map(|r| r.0.clone())
        .chain(sw_rows.iter().map(|r| r.0.clone()))
        .collect();
    keys.sort();
    keys.dedup();
    for key in &keys {
        for (name, rows) in [("hardware", &hw_rows), ("software", &sw_rows)] {
            let v = rows
                .iter()
                .find(|r| &r.0 == key)
                .map_or(&[][..], |r| &r.1[..]);
            let _ = writeln!(o, "{}", latency_row(sc, key.0, &key.1, name, v));
        }
    }
    let name = |r: &RunResult| {
        if r.mode == Mode::Hardware {
            "hardware"
        } else {
            "software"
        }
    };
    let _ = write!(
        o,
        "\n## Every event accounted for\n\n{}",
        accounting_table(&[
            (name(hw), &hw.analysis.total),
            (name(sw), &sw.analysis.total)
        ])
    );
    if let Some(st) = &hw.router {
        let _ = writeln!(
            o,
            "\n## The router's own latency histogram beside the software's view\n"
        );
        let _ = writeln!(
            o,
            "Claim latency (event edge to CLAIM read edge) summed over all CPUs; the router counts it in \
             hardware at no software cost, the software column is what the co-simulation observed for the \
             same claims. Bucket b holds latencies in [2^b, 2^(b+1)).\n"
        );
        let _ = writeln!(o, "| bucket | cycles | oob: router | oob: software | in-band: router | in-band: software |");
        let _ = writeln!(o, "|---:|---|---:|---:|---:|---:|");
        let mut sw = [[0u64; 16]; 2];
        for s in &hw.analysis.samples {
            sw[(s.stage == StageSel::Oob) as usize][bucket(s.claim_latency() & 0xFFFF)] += 1;
        }
        for b in 0..16 {
            let hwsum = |si: usize| st.hist.iter().map(|h| h[si][b] as u64).sum::<u64>();
            if hwsum(0) + hwsum(1) + sw[0][b] + sw[1][b] == 0 {
                continue;
            }
            let range = if b == 0 {
                "0..1".to_string()
            } else if b == 15 {
                "32768..".into()
            } else {
                format!("{}..{}", 1u64 << b, (1u64 << (b + 1)) - 1)
            };
            let _ = writeln!(
                o,
                "| {b} | {range} | {} | {} | {} | {} |",
                hwsum(1),
                sw[1][b],
                hwsum(0),
                sw[0][b]
            );
        }
    }
    let _ = writeln!(o, "\n## Checks\n");
    for c in checks {
        let _ = writeln!(
            o,
            "- [{}] {}: {}",
            if c.ok { "ok" } else { "FAILED" },
            c.name,
            c.detail
        );
    }
    let _ = writeln!(o, "\n## Activity\n");
    let _ = writeln!(
        o,
        "Exceptions taken by the CPUs; \"only to log\" counts the entries the software pipeline takes while \
         the in-band stage is stalled just to record an in-band event for later, CPU time the router saves by \
         holding the event itself; in the hardware pipeline only an in-band line that won the race with a \
         posted stall write (or came while a sync ran handlers) does that.\n"
    );
    let _ = writeln!(o, "| pipeline | exceptions | of which only to log | in-band critical sections | spurious IRQs | oob calls posted/run | messages sent/received | bus transactions | bus busy |");
    let _ = writeln!(o, "|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for r in [hw, sw] {
        let sum = |f: &dyn Fn(&crate::agent::AgentLog) -> u64| r.agents.iter().map(f).sum::<u64>();
        let name = if r.mode == Mode::Hardware {
            "hardware"
        } else {
            "software"
        };
        let busy = if r.kernel.edges > 0 {
            100.0 * r.kernel.bus_cycles as f64 / r.kernel.edges as f64
        } else {
            0.0
        };
        let _ = writeln!(
            o,
            "| {name} | {} | {} | {} | {} | {}/{} | {}/{} | {} | {:.1}% |",
            sum(&|a| a.entries),
            sum(&|a| a.entries_to_log_only),
            sum(&|a| a.critical_sections),
            sum(&|a| a.spurious as u64),
            sum(&|a| a.calls_posted),
            sum(&|a| a.calls_run),
            sum(&|a| a.messages_sent),
            sum(&|a| a.messages_received),
            r.kernel.bus_ops,
            busy
        );
    }
    o.push_str(&crate::attribution::section(sc, hw, sw));
    o.push_str(&crate::inband_cost::section(hw));
    let c = &sc.costs;
    let _ = writeln!(o, "\n## Costs assumed (A53 cycles unless stated)\n");
    let _ = writeln!(o, "| cost | value | where it applies and why this value |");
    let _ = writeln!(o, "|---|---:|---|");
    for (name, v, why) in [
        ("exception entry", c.exception_entry, "both, one estimate: Linux's vector saves 31 GPRs, ELR, SPSR (~35 stores, stp pairs) plus pipeline refill; the oob core's FIQ vector saves x0-x18 and x30 only (firmware/a53/README.md), so this over-charges the oob side"),
        ("exception exit", c.exception_exit, "both: restore + eret; estimate"),
        ("GIC CPU-interface access", c.gic_access, "both: IAR read / EOIR write (the router's lines are GIC SPIs too), software: also SGIR writes; a device access to the APU's GIC-400 (~50 ns); estimate"),
        ("pipeline entry", c.sw_pipeline_entry, "software: handle_irq_pipelined prologue/epilogue (stage switch, preempt count, rcu_nmi_enter/exit); estimate from the code path in DOVETAIL-NOTES §2"),
        ("log one IRQ", c.sw_log, "both: irq_post_stage, two-level bitmap set with hard IRQs off (hardware: each entry the glue's chained handler claims); estimate"),
        ("replay one IRQ", c.sw_sync_per_irq, "both: pull_next_irq + hard enable/disable around the handler; estimate"),
        ("stall / unstall", c.sw_stall, "both: Dovetail's per-CPU stall bit in memory; hardware: then mirrored into the router (next row); estimate"),
        ("oob dispatch", c.hw_dispatch, "hardware: decoding the CLAIM value before the handler; estimate"),
        ("stall mirror, when it writes", c.hw_mirror, "hardware: the glue's irq_router_mirror() (per-CPU loads, compare, one posted STALL store; the store's bus transaction is simulated); half the +37 instructions per save/restore pair measured on Dovetail 5.13 under QEMU -icount (linux-glue/patches/README.md), one cycle per instruction assumed"),
    ] {
        let _ = writeln!(o, "| {name} | {v} | {why} |");
    }
    let _ = writeln!(
        o,
        "| PL register read | {} fabric cycles + the router's own | hardware: PS→HPM0→PL and back, on top of the AXI handshakes the simulation counts exactly; estimate for a 100 MHz HPM port |",
        sc.bus.read_cycles
    );
    let _ = writeln!(
        o,
        "| PL register write | {} fabric cycles + the router's own | hardware: as above, one way |",
        sc.bus.write_cycles
    );
    let _ = writeln!(
        o,
        "\nEstimates are stated as such: they are not measured on a board (none is available here). \
         Replace them in the scenario's `[costs]` and `[bus]` tables with figures measured on a ZCU102."
    );
    if !plots.is_empty() {
        let _ = writeln!(o, "\n## Plots\n");
        for p in plots {
            let _ = writeln!(o, "- {p}");
        }
    }
    o
}
