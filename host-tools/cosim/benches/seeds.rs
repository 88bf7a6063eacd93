//! `cargo bench -p cosim`: issue 13's goal over eight seeds, on the two
//! scenarios the issue names, with the design's one PS-PL port and with the
//! second port the model predicts (`--second-port`, a prediction, not RTL),
//! each with the glue as it is and as it was before its lazy rule
//! (`--eager-mirror`): one
//! table per case (a line per seed, median and worst ratios), and the wall
//! time it took. The same table is in the report with `cosim --seeds 8`.

use cosim::run::RunOptions;
use cosim::scenario::Scenario;
use cosim::seeds::{run_seeds, table};
use std::path::PathBuf;
use std::time::Instant;

const SEEDS: u64 = 8;

fn main() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../scenarios");
    for name in ["default.toml", "inband-storm.toml"] {
        let sc = Scenario::load(&dir.join(name)).expect("shipped scenario");
        for eager_mirror in [false, true] {
            for second_port in [false, true] {
                let t0 = Instant::now();
                let opts = RunOptions {
                    second_port,
                    eager_mirror,
                    ..RunOptions::default()
                };
                let rows = run_seeds(&sc, 1..=SEEDS, &opts).expect("runs");
                println!(
                    "\n## {name}, {}, {} (seeds 1..={SEEDS}, both pipelines; {:.1} s wall)\n",
                    if second_port {
                        "second port (prediction)"
                    } else {
                        "one port (the design)"
                    },
                    if eager_mirror {
                        "the glue before its lazy rule (--eager-mirror)"
                    } else {
                        "the glue"
                    },
                    t0.elapsed().as_secs_f64()
                );
                print!("{}", table(&rows));
            }
        }
    }
}
