//! Runs one flow step by hand:
//!
//! ```text
//! cargo run -p router-flow --example flow -- prove   [P_name|all] [NSRC NCPU NIPI TSW]
//! cargo run -p router-flow --example flow -- mutants [NSRC NCPU NIPI TSW]
//! cargo run -p router-flow --example flow -- lint    [NSRC NCPU NIPI TSW]
//! cargo run -p router-flow --example flow -- synth   [NSRC NCPU NIPI TSW]
//! ```
//! Parameters default to the formal configuration for prove/mutants and to
//! the RTL defaults for lint/synth. `ROUTER_FLOW_KEEP=1` keeps every work
//! directory (scripts, logs, counterexample VCDs) under the temp dir.

use router_flow::formal::{check, check_mutant, load_mutants, mutants_dir, Mode, Property};
use router_flow::synth::{synth, SynthReport};
use router_flow::{default_jobs, lint, run_parallel, Params, RtlSources};

fn params(args: &[String], default: Params) -> Params {
    let n: Vec<u32> = args.iter().filter_map(|a| a.parse().ok()).collect();
    match n.as_slice() {
        [] => default,
        [s, c, i, t] => Params::new(*s, *c, *i, *t),
        _ => panic!("give all four parameters: NSRC NCPU NIPI TSW"),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let src = RtlSources::project().unwrap_or_else(|e| panic!("{e}"));
    let cmd = args.first().map(String::as_str).unwrap_or("");
    let rest = &args[1.min(args.len())..];
    match cmd {
        "prove" => {
            let props: Vec<Property> = match rest.first().map(String::as_str) {
                Some(n) if n.starts_with("P_") => vec![Property::from_name(n).expect("unknown property")],
                _ => Property::ALL.to_vec(),
            };
            let p = params(rest, Params::FORMAL);
            for r in run_parallel(&props, default_jobs(), |&prop| check(&src, prop, &p, Mode::PROVE)) {
                match r {
                    Ok(run) => println!("{run} log={:?}", run.log),
                    Err(e) => println!("error: {e}"),
                }
            }
        }
        "mutants" => {
            let p = params(rest, Params::FORMAL);
            let ms = load_mutants(&mutants_dir()).unwrap_or_else(|e| panic!("{e}"));
            let rs = run_parallel(&ms, default_jobs(), |m| check_mutant(&src, m, &p, Mode::MUTANT));
            for (m, r) in ms.iter().zip(rs) {
                match r {
                    Ok(run) => println!("{:<34} {run}", m.name),
                    Err(e) => println!("{:<34} error: {e}", m.name),
                }
            }
        }
        "lint" => {
            let p = params(rest, Params::DEFAULT);
            let out = lint::lint(&src, &p, &[]).unwrap_or_else(|e| panic!("{e}"));
            println!("{}\nclean: {}\n{}", out.command, out.clean(), out.output);
        }
        "synth" => {
            let p = params(rest, Params::DEFAULT);
            let r = synth(&src, &p).unwrap_or_else(|e| panic!("{e}"));
            println!("{}\n{r}\n{:?}", SynthReport::table_header(), r.cells);
        }
        _ => eprintln!("usage: flow prove [P_name] [NSRC NCPU NIPI TSW] | mutants | lint | synth [NSRC NCPU NIPI TSW]"),
    }
}
