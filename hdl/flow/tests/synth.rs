//! Yosys synthesis of the default configuration (32 sources x 4 CPUs) for
//! UltraScale+. The larger configurations are in `cargo bench -p router-flow`.

use router_flow::synth::{synth, SynthReport};
use router_flow::{Params, RtlSources};

#[test]
fn synth_xcup_32x4() {
    let src = RtlSources::project().unwrap_or_else(|e| panic!("{e}"));
    let r = synth(&src, &Params::DEFAULT).unwrap_or_else(|e| panic!("{e}"));
    println!("{}\n{r}", SynthReport::table_header());
    // Broad sanity bounds: they catch a design that was optimised away or a
    // blow-up (e.g. a mux rebuilt as barrel shifters), not small drifts.
    // The state is ~1.9 k flops (32 x (config, log, ovr, ts) + 8 x stage
    // state + AXI + 64-bit cycle counter).
    assert!(
        (1_500..=2_500).contains(&r.ff),
        "FF count {} out of range",
        r.ff
    );
    assert!(
        (2_000..=12_000).contains(&r.lut_total()),
        "LUT count {} out of range",
        r.lut_total()
    );
    assert!(r.carry > 0 && r.carry < 1_000, "CARRY count {}", r.carry);
    assert!(
        r.lutram > 0,
        "histogram / IPI timestamp RAMs not mapped to LUTRAM: {:?}",
        r.cells
    );
    assert_eq!(r.bram, 0, "unexpected block RAM: {:?}", r.cells);
    assert!((5..=200).contains(&r.depth), "logic depth {}", r.depth);
}
