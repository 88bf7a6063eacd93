//! Property: through the driver, every edge event on the Verilated router is
//! either handled exactly once on the page it is routed to, or counted as an
//! overrun — whatever the interleaving of stalls, unstalls and service passes.

mod common;

use common::SimBus;
use proptest::prelude::*;
use router_driver::{Claim, Page, Priority, Router, SourceConfig, Stage, Trigger};
use router_sim::Config;

const NSRC: u16 = 32;
const NCPU: u8 = 4;

#[derive(Clone, Debug)]
enum Op {
    Pulse(u16),
    Stall(u8, bool),
    Unstall(u8, bool),
    Service(u8, bool, u32),
    Idle(u32),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0..NSRC).prop_map(Op::Pulse),
        1 => (0..NCPU, any::<bool>()).prop_map(|(c, o)| Op::Stall(c, o)),
        1 => (0..NCPU, any::<bool>()).prop_map(|(c, o)| Op::Unstall(c, o)),
        2 => (0..NCPU, any::<bool>(), 1..6u32).prop_map(|(c, o, b)| Op::Service(c, o, b)),
        1 => (1..20u32).prop_map(Op::Idle),
    ]
}

fn stage(oob: bool) -> Stage {
    if oob {
        Stage::Oob
    } else {
        Stage::Inband
    }
}

fn idx(cpu: u8, oob: bool) -> usize {
    cpu as usize * 2 + oob as usize
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn every_edge_event_is_handled_once_or_counted(
        routes in proptest::collection::vec((0..NCPU, any::<bool>(), 0..4u8), NSRC as usize),
        ops in proptest::collection::vec(op(), 50..250),
    ) {
        let bus = SimBus::new(Config::C32x4x8);
        let mut r = Router::probe(bus.clone()).unwrap();
        for (s, &(cpu, oob, prio)) in routes.iter().enumerate() {
            let cfg = SourceConfig {
                enabled: true,
                stage: stage(oob),
                cpu,
                trigger: Trigger::Edge,
                priority: Priority::new(prio).unwrap(),
            };
            r.configure_source(s as u16, cfg).unwrap();
        }
        let mut pages: Vec<Page<SimBus>> = (0..NCPU)
            .flat_map(|c| [false, true].map(|o| r.page(c, stage(o)).unwrap()))
            .collect();
        let mut pulses = [0u32; NSRC as usize];
        let mut handled = [0u32; NSRC as usize];
        let serve = |p: &mut Page<SimBus>, budget: u32, handled: &mut [u32; NSRC as usize]| {
            let (cpu, st) = (p.cpu(), p.stage());
            p.service(budget, |c| match c {
                Claim::Source(s) => {
                    let (rc, ro, _) = routes[s as usize];
                    assert_eq!((rc, stage(ro)), (cpu, st), "source {} claimed on the wrong page", s);
                    handled[s as usize] += 1;
                }
                other => panic!("unexpected claim {other:?}"),
            });
        };
        for op in &ops {
            match *op {
                Op::Pulse(s) => {
                    bus.pulse(s, 1);
                    bus.idle(1);
                    pulses[s as usize] += 1;
                }
                Op::Stall(c, o) => pages[idx(c, o)].stall(),
                Op::Unstall(c, o) => pages[idx(c, o)].unstall(),
                Op::Service(c, o, b) => serve(&mut pages[idx(c, o)], b, &mut handled),
                Op::Idle(n) => {
                    bus.idle(n);
                }
            }
            // Safety, checked at every step: no line to a stalled stage.
            let out = bus.outputs();
            for c in 0..NCPU {
                if out.irq_oob >> c & 1 != 0 {
                    prop_assert!(!pages[idx(c, true)].is_stalled());
                }
            }
        }
        // Drain: unstall everything (oob first, as the in-band line needs it).
        for c in 0..NCPU {
            pages[idx(c, true)].unstall();
            pages[idx(c, false)].unstall();
        }
        bus.idle(3);
        for p in pages.iter_mut() {
            serve(p, 64, &mut handled);
        }
        bus.idle(3);
        prop_assert_eq!(bus.outputs().irq_oob | bus.outputs().irq_inb, 0, "all lines low once drained");
        for s in 0..NSRC {
            let ovr = r.overruns(s).unwrap() as u32;
            prop_assert_eq!(
                handled[s as usize] + ovr, pulses[s as usize],
                "source {}: {} handled + {} coalesced != {} events", s, handled[s as usize], ovr, pulses[s as usize]
            );
            prop_assert!(handled[s as usize] <= pulses[s as usize]);
        }
    }
}
