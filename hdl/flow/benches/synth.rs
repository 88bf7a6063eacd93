//! `cargo bench -p router-flow`: synthesis numbers for UltraScale+
//! (LUT/FF/CARRY/RAM and logic depth, see router_flow::synth) of the full
//! (STATS=1, OVRW=8) and lean (STATS=0, OVRW=1) configurations at 32x4 and
//! 128x4, then a sizing table: LUT and FF per source and per CPU, the slopes
//! between 32x4 and 64x4 (sources) and 32x2 and 32x4 (CPUs), so users can
//! size other configurations. Other sizes can be given as NSRCxNCPU
//! arguments (`-lean` suffix for the lean one), e.g.
//! `cargo bench -p router-flow -- 64x2 64x2-lean`; then no sizing table.
//! `mappers` (an argument like the sizes, e.g. `cargo bench -p router-flow
//! -- mappers`) adds the 32x4 and 128x4 figures under the two other LUT
//! mappers (`-nowidelut`, `-abc9`; router_flow::synth::Mapper), for
//! comparison only: the targets are judged on the reference mapper.

use router_flow::synth::{synth, synth_with, Mapper, SynthReport};
use router_flow::{Params, RtlSources};

/// Targets of issue 12 (spec §13): LUT at 32x4 full and lean, 128x4 full;
/// logic depth at 32x4.
const TARGET_32X4_FULL: u64 = 3_000;
const TARGET_32X4_LEAN: u64 = 1_500;
const TARGET_128X4_FULL: u64 = 8_000;
const TARGET_DEPTH: u64 = 20;

fn parse(arg: &str) -> Option<Params> {
    let (size, lean) = match arg.strip_suffix("-lean") {
        Some(s) => (s, true),
        None => (arg, false),
    };
    let (s, c) = size.split_once('x')?;
    let p = Params::new(s.parse().ok()?, c.parse().ok()?, 8, 16);
    Some(if lean { p.lean() } else { p })
}

fn main() {
    let extra: Vec<Params> = std::env::args().skip(1).filter_map(|a| parse(&a)).collect();
    let mappers = std::env::args().skip(1).any(|a| a == "mappers");
    let src = RtlSources::project().unwrap_or_else(|e| panic!("{e}"));
    match router_flow::tools::versions() {
        Ok(v) => println!("{v}"),
        Err(e) => panic!("{e}"),
    }
    let run = |p: Params| -> SynthReport {
        let r = synth(&src, &p).unwrap_or_else(|e| panic!("{e}"));
        println!("{r}");
        r
    };
    println!("{}", SynthReport::table_header());
    if !extra.is_empty() {
        for p in extra {
            run(p);
        }
        return;
    }
    let full32 = run(Params::DEFAULT);
    let lean32 = run(Params::DEFAULT.lean());
    let full128 = run(Params::new(128, 4, 8, 16));
    run(Params::new(128, 4, 8, 16).lean());
    let full64 = run(Params::new(64, 4, 8, 16));
    let lean64 = run(Params::new(64, 4, 8, 16).lean());
    let full32x2 = run(Params::new(32, 2, 8, 16));
    let lean32x2 = run(Params::new(32, 2, 8, 16).lean());

    println!("\nSizing (NIPI=8, TSW=16): slopes 32x4 -> 64x4 per source, 32x2 -> 32x4 per CPU");
    println!(
        "{:<6} {:>12} {:>12} {:>12} {:>12}",
        "config", "LUT/source", "FF/source", "LUT/CPU", "FF/CPU"
    );
    for (name, a, b, c) in [("full", &full32, &full64, &full32x2), ("lean", &lean32, &lean64, &lean32x2)] {
        let per = |hi: u64, lo: u64, n: f64| (hi as f64 - lo as f64) / n;
        println!(
            "{:<6} {:>12.1} {:>12.1} {:>12.1} {:>12.1}",
            name,
            per(b.lut_total(), a.lut_total(), 32.0),
            per(b.ff, a.ff, 32.0),
            per(a.lut_total(), c.lut_total(), 2.0),
            per(a.ff, c.ff, 2.0),
        );
    }

    println!("\nTargets (issue 12)");
    let verdict = |v: u64, max: u64| if v <= max { "met" } else { "MISSED" };
    for (what, v, max) in [
        ("LUT 32x4 full", full32.lut_total(), TARGET_32X4_FULL),
        ("LUT 32x4 lean", lean32.lut_total(), TARGET_32X4_LEAN),
        ("LUT 128x4 full", full128.lut_total(), TARGET_128X4_FULL),
        ("depth 32x4 full", full32.depth, TARGET_DEPTH),
        ("depth 32x4 lean", lean32.depth, TARGET_DEPTH),
    ] {
        println!("{what:<18} {v:>6}  (target <= {max}: {})", verdict(v, max));
    }

    if mappers {
        for m in Mapper::ALL.into_iter().skip(1) {
            println!("\nLUT mapper {m} (comparison only)");
            println!("{}", SynthReport::table_header());
            for p in [
                Params::DEFAULT,
                Params::DEFAULT.lean(),
                Params::new(128, 4, 8, 16),
                Params::new(128, 4, 8, 16).lean(),
            ] {
                let r = synth_with(&src, &p, m).unwrap_or_else(|e| panic!("{e}"));
                println!("{r}");
            }
        }
    }
}
