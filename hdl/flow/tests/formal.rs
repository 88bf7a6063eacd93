//! Formal proofs of hdl/rtl/irq_router_props.svh (one test per property
//! group) and the mutants of hdl/formal/mutants (each must make its proof
//! fail with a counterexample from reset).

use router_flow::formal::{
    check, check_mutant, load_mutants, mutants_dir, Mode, Property, Verdict,
};
use router_flow::{default_jobs, run_parallel, Params, RtlSources};

fn src() -> RtlSources {
    RtlSources::project().unwrap_or_else(|e| panic!("{e}"))
}

fn prove(p: Property) {
    let run = check(&src(), p, &Params::FORMAL, Mode::PROVE).unwrap_or_else(|e| panic!("{e}"));
    println!("{run}");
    assert!(
        matches!(run.verdict, Verdict::Proven { .. }),
        "{p} is not proven: {:?}; log kept at {:?}",
        run.verdict,
        run.log
    );
}

#[test]
fn p_no_loss() {
    prove(Property::NoLoss);
}

#[test]
fn p_no_delivery_when_stalled() {
    prove(Property::NoDeliveryWhenStalled);
}

#[test]
fn p_isolation() {
    prove(Property::Isolation);
}

#[test]
fn p_axi_hold() {
    prove(Property::AxiHold);
}

#[test]
fn p_stall_ops() {
    prove(Property::StallOps);
}

/// Every property has at least one mutant, and every mutant file parses.
#[test]
fn every_property_has_a_mutant() {
    let mutants = load_mutants(&mutants_dir()).unwrap_or_else(|e| panic!("{e}"));
    for p in Property::ALL {
        assert!(mutants.iter().any(|m| m.property == p), "no mutant for {p}");
    }
}

/// Every mutant applies (its text is found exactly once) and its proof finds
/// a counterexample from reset.
#[test]
fn every_mutant_is_caught() {
    let mutants = load_mutants(&mutants_dir()).unwrap_or_else(|e| panic!("{e}"));
    let src = src();
    // The longest test of the binary: use every core (the other tests
    // finish early and leave it running alone).
    let jobs = default_jobs();
    let results = run_parallel(&mutants, jobs, |m| {
        check_mutant(&src, m, &Params::FORMAL, Mode::MUTANT)
    });
    let mut problems = Vec::new();
    for (m, r) in mutants.iter().zip(results) {
        match r {
            Ok(run) => {
                println!("{:<34} {run}", m.name);
                match &run.verdict {
                    Verdict::Counterexample { .. } => {}
                    v => problems.push(format!(
                        "mutant {} survived {}: {v:?} (log kept at {:?})",
                        m.name, m.property, run.log
                    )),
                }
            }
            Err(e) => problems.push(format!("mutant {}: {e}", m.name)),
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The same five proofs on the RTL's default configuration (32 sources,
/// 4 CPUs, 8 IPIs, 16-bit timestamps): about 2 min of CPU, so the shipped
/// configuration is proven too, not only the small one.
#[test]
fn all_properties_default_config() {
    let src = src();
    let mut problems = Vec::new();
    for p in Property::ALL {
        match check(&src, p, &Params::DEFAULT, Mode::PROVE) {
            Ok(run) => {
                println!("{run}");
                if !matches!(run.verdict, Verdict::Proven { .. }) {
                    problems.push(format!("{p}: {:?}, log kept at {:?}", run.verdict, run.log));
                }
            }
            Err(e) => problems.push(format!("{p}: {e}")),
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
