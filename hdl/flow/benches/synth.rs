//! `cargo bench -p router-flow`: synthesis numbers for UltraScale+ of the
//! default configuration and of 128 sources x 4 CPUs (LUT/FF/CARRY/RAM and
//! logic depth, see router_flow::synth). Extra configurations can be given
//! as NSRCxNCPU arguments, e.g. `cargo bench -p router-flow -- 64x2`.

use router_flow::synth::{synth, SynthReport};
use router_flow::{Params, RtlSources};

fn main() {
    let mut configs = vec![Params::DEFAULT, Params::new(128, 4, 8, 16)];
    let extra: Vec<Params> = std::env::args()
        .skip(1)
        .filter_map(|a| {
            let (s, c) = a.split_once('x')?;
            Some(Params::new(s.parse().ok()?, c.parse().ok()?, 8, 16))
        })
        .collect();
    if !extra.is_empty() {
        configs = extra;
    }
    let src = RtlSources::project().unwrap_or_else(|e| panic!("{e}"));
    match router_flow::tools::versions() {
        Ok(v) => println!("{v}"),
        Err(e) => panic!("{e}"),
    }
    println!("{}", SynthReport::table_header());
    for p in configs {
        let r = synth(&src, &p).unwrap_or_else(|e| panic!("{e}"));
        println!("{r}");
    }
}
