//! `cosim`: the README's main job. Runs a scenario through the hardware
//! pipeline (Verilated router + firmware driver and real-time core + in-band
//! load) and through a software Dovetail-style pipeline, prints the report,
//! writes it and the plots, and fails if an event was lost, delivered twice,
//! or the router's statistics disagree with what the software saw.

use clap::Parser;
use cosim::kernel::Mode;
use cosim::report::{checks, render};
use cosim::run::{parse_window, run, RunOptions};
use cosim::scenario::Scenario;
use cosim::stimulus::generate;
use indicatif::{ProgressBar, ProgressStyle};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
    version,
    about = "Whole-system co-simulation of the hardware interrupt pipeline, with a latency report"
)]
struct Args {
    /// Scenario file (TOML); defaults to scenarios/default.toml of the repository.
    scenario: Option<PathBuf>,
    /// Where the report (report.md) and plots go.
    #[arg(long, default_value = "target/cosim")]
    out: PathBuf,
    /// Dump the router's waveforms (VCD) of the hardware run to this file...
    #[arg(long)]
    vcd: Option<PathBuf>,
    /// ...for this window of cycles from the start of the load, START:END.
    #[arg(long, default_value = "0:20000", value_parser = parse_window)]
    window: (u64, u64),
    /// No progress bar.
    #[arg(long)]
    quiet: bool,
    /// A prediction, not the design: the hardware pipeline with the oob
    /// side's accesses on a PS-PL port of their own (issue 13; see
    /// hdl/doc/second-port.md). The report says so at its top.
    #[arg(long)]
    second_port: bool,
    /// The glue before its lazy rule, for comparison: the stall mirror also
    /// writes the stall changes arm64 Dovetail's IRQ entry and exit code
    /// make and undo with hard IRQs off (see hdl/doc/second-port.md §1).
    /// The report says so.
    #[arg(long)]
    eager_mirror: bool,
    /// Also run the scenario with seeds 1..=N (nothing else changed) and
    /// add issue 13's goal table over them to the report (about 2 s a seed
    /// on the default scenario; off by default).
    #[arg(long, default_value_t = 0)]
    seeds: u64,
}

/// Exit statuses: 0 all checks passed, 1 a check failed (lost event, double
/// delivery, disagreement), 2 bad scenario or arguments, 3 the simulation
/// could not run.
fn main() -> ExitCode {
    let args = Args::parse();
    let path = args.scenario.clone().unwrap_or_else(|| {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../scenarios/default.toml")
    });
    let sc = match Scenario::load(&path) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("cosim: {e}");
            return ExitCode::from(2);
        }
    };
    let events = generate(&sc);
    let mut results = Vec::new();
    for mode in [Mode::Hardware, Mode::Software] {
        let bar = if args.quiet {
            ProgressBar::hidden()
        } else {
            ProgressBar::new(sc.duration)
        };
        bar.set_style(
            ProgressStyle::with_template("{msg:>9} [{bar:40}] {pos}/{len} cycles ({eta})")
                .expect("template")
                .progress_chars("=> "),
        );
        bar.set_message(if mode == Mode::Hardware {
            "hardware"
        } else {
            "software"
        });
        let opts = RunOptions {
            vcd: args.vcd.clone().map(|p| (p, args.window.0, args.window.1)),
            second_port: args.second_port,
            eager_mirror: args.eager_mirror,
        };
        let r = run(&sc, mode, &events, &opts, |c| {
            bar.set_position(c.min(sc.duration))
        });
        bar.finish_and_clear();
        match r {
            Ok(r) => results.push(r),
            Err(e) => {
                eprintln!("cosim: {e}");
                return ExitCode::from(3);
            }
        }
    }
    let (hw, sw) = (&results[0], &results[1]);
    let mut all = checks(&sc, hw);
    all.extend(checks(&sc, sw));
    let plots = match cosim::plot::write_cdfs(&sc, hw, sw, &args.out) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("cosim: plots: {e}");
            return ExitCode::from(3);
        }
    };
    let names: Vec<String> = plots.iter().map(|p| p.display().to_string()).collect();
    let mut extra = String::new();
    if args.seeds > 0 {
        let opts = RunOptions {
            second_port: args.second_port,
            eager_mirror: args.eager_mirror,
            ..RunOptions::default()
        };
        match cosim::seeds::run_seeds(&sc, 1..=args.seeds, &opts) {
            Ok(rows) => {
                let bad: Vec<String> = rows
                    .iter()
                    .filter(|r| !r.checks_ok)
                    .map(|r| r.seed.to_string())
                    .collect();
                all.push(cosim::report::Check {
                    name: format!("the runs of seeds 1..={} pass their checks", args.seeds),
                    ok: bad.is_empty(),
                    detail: if bad.is_empty() {
                        "every seed".into()
                    } else {
                        format!("failed: seeds {}", bad.join(", "))
                    },
                });
                extra = cosim::seeds::section(&rows, &opts);
            }
            Err(e) => {
                eprintln!("cosim: {e}");
                return ExitCode::from(3);
            }
        }
    }
    let text = render(&sc, hw, sw, &all, &names) + &extra;
    println!("{text}");
    let report = args.out.join("report.md");
    if let Err(e) = std::fs::write(&report, &text) {
        eprintln!("cosim: cannot write {}: {e}", report.display());
        return ExitCode::from(3);
    }
    println!("Report written to {}", report.display());
    if let Some(v) = &args.vcd {
        println!(
            "Waveforms of cycles {}..{} of the load written to {}",
            args.window.0,
            args.window.1,
            v.display()
        );
    }
    if all.iter().all(|c| c.ok) {
        ExitCode::SUCCESS
    } else {
        eprintln!("cosim: a check failed (see the Checks section)");
        ExitCode::from(1)
    }
}
