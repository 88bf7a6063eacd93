//! A posted STALL write (no read-back) raced by a claim on the same page,
//! the rule of spec §5 "Posting the STALL write": from the edge the write
//! executes — the edge its B response becomes visible — the in-band line is
//! low, whatever arrives; the claim that races the write, before, at or
//! after that edge, takes the event that was pending (CLAIM ignores the
//! stall, so nothing is stranded); events logged meanwhile wait and are
//! replayed by the unstall. Swept over the claim's and a new event's
//! timing against the write, RTL and model in lockstep at every edge.

#[path = "directed_common.rs"]
mod common;

use common::g;
use common::*;
use router_sim::PinsIn;

/// Linux's accesses are Non-secure (AxPROT[1] = 1).
const NS: u8 = 0b010;
const CPU: u32 = 1;
/// Pending before the store: the event the raced handler claims.
const OLD: u32 = 4;
/// Arrives around the store: must be held, then replayed.
const NEW: u32 = 5;

/// What one race did: the in-band line of `CPU` after each edge, the edge
/// (index) the write executed at, the claim's AR edge and its data.
struct Race {
    line: Vec<bool>,
    exec: usize,
    ar: usize,
    claim: u32,
}

/// Edge by edge from t = 0: AW and W of STALL = 1 on the in-band page at
/// t = 0 (executing at the edge after both handshakes, spec §9), AR of
/// CLAIM on the same page from `ar_at`, source NEW high for two edges from
/// `event_at`; `edges` edges in all.
fn race(d: &mut Dut, ar_at: usize, event_at: usize, edges: usize) -> Race {
    let stall = d.pa(CPU, INB, g::PAGE_STALL_OFFSET);
    let claim = d.pa(CPU, INB, g::PAGE_CLAIM_OFFSET);
    let (mut aw, mut w, mut ar_done) = (false, false, false);
    let mut r = Race {
        line: Vec::new(),
        exec: usize::MAX,
        ar: usize::MAX,
        claim: u32::MAX,
    };
    for t in 0..edges {
        let mut inp = PinsIn::idle();
        if (event_at..event_at + 2).contains(&t) {
            inp.src = 1 << NEW;
        }
        if !aw {
            (inp.awvalid, inp.awaddr, inp.awprot) = (true, stall, NS);
        }
        if !w {
            (inp.wvalid, inp.wdata) = (true, 1 << g::PAGE_STALL_STALL_LSB);
        }
        if t >= ar_at && !ar_done {
            (inp.arvalid, inp.araddr, inp.arprot) = (true, claim, NS);
        }
        let before = d.out();
        let after = d.bus.step_with(&inp);
        aw |= inp.awvalid && before.awready;
        w |= inp.wvalid && before.wready;
        if inp.arvalid && before.arready {
            ar_done = true;
            r.ar = t;
        }
        if after.bvalid && r.exec == usize::MAX {
            assert_eq!(after.bresp, 0, "the in-band page takes Linux's STALL write");
            r.exec = t;
        }
        if after.rvalid && r.claim == u32::MAX {
            r.claim = after.rdata;
        }
        r.line.push(after.irq_inb >> CPU & 1 != 0);
    }
    assert!(
        r.exec != usize::MAX && r.claim != u32::MAX,
        "both finished in {edges} edges"
    );
    r
}

#[test]
fn posted_stall_raced_by_a_claim_holds_the_line_from_its_b_response() {
    let mut races = 0;
    // How the sweep lined things up: the line still up the edge before the
    // stall executed; the claim before, at and after that edge.
    let (mut up_before, mut ar_before, mut ar_same, mut ar_after) = (0, 0, 0, 0);
    for ar_at in 0..=5 {
        for event_at in 0..=7 {
            let mut d = Dut::c32();
            d.cfg(OLD, true, INB, EDGE, 1, CPU);
            d.cfg(NEW, true, INB, EDGE, 1, CPU);
            d.unstall(CPU, OOB);
            d.nw(d.pa(CPU, INB, g::PAGE_STALL_OFFSET), 0);
            d.pulse(1 << OLD);
            d.bus.idle(2);
            assert_ne!(d.out().irq_inb >> CPU & 1, 0, "the line is up when the store is posted");
            let at = format!("claim from edge {ar_at}, event at edge {event_at}");

            let r = race(&mut d, ar_at, event_at, 14);
            races += 1;
            up_before += (r.exec > 0 && r.line[r.exec - 1]) as u32;
            match r.ar.cmp(&r.exec) {
                std::cmp::Ordering::Less => ar_before += 1,
                std::cmp::Ordering::Equal => ar_same += 1,
                std::cmp::Ordering::Greater => ar_after += 1,
            }
            // B visible at the execution edge: from there the line is low.
            if let Some(t) = (r.exec..r.line.len()).find(|&t| r.line[t]) {
                panic!(
                    "{at}: line up at edge {t}, the stall executed at {}: {:?}",
                    r.exec, r.line
                );
            }
            // The racing claim takes the old event, before, at or after the
            // store's execution (CLAIM ignores the stall).
            assert_eq!(r.claim, OLD, "{at}: AR at {}, stall at {}", r.ar, r.exec);
            // NEW is held: logged, stalled, line low.
            let st = d.nr(d.pa(CPU, INB, g::PAGE_STATUS_OFFSET));
            assert_eq!(
                st & (ST_STALLED | ST_DELIV | ST_LINE),
                ST_STALLED | ST_DELIV,
                "{at}: STATUS {st:#x}"
            );
            // The unstall replays it: the line is up from its execution.
            let wd = d.bus.write_full(
                d.pa(CPU, INB, g::PAGE_STALL_OFFSET),
                0,
                &router_sim::WriteOpts {
                    prot: NS,
                    ..Default::default()
                },
            );
            assert_eq!(wd.resp, router_sim::Resp::Okay);
            assert_ne!(d.out().irq_inb >> CPU & 1, 0, "{at}: replay");
            // Each event exactly once.
            assert_eq!(d.nr(d.pa(CPU, INB, g::PAGE_CLAIM_OFFSET)), NEW, "{at}");
            assert_eq!(d.nr(d.pa(CPU, INB, g::PAGE_CLAIM_OFFSET)), NONE, "{at}");
            for s in [OLD, NEW] {
                d.nw(d.pa(CPU, INB, g::PAGE_COMPLETE_OFFSET), s);
            }
            assert_eq!(d.overrun_byte(NEW), 0, "{at}");
            assert_eq!(d.err(), 0, "{at}: nothing refused or flagged");
            d.bus.idle(2);
            assert_eq!(d.out().irq_inb >> CPU & 1, 0, "{at}");
        }
    }
    assert_eq!(races, 48);
    assert!(
        up_before > 0 && ar_before > 0 && ar_same > 0 && ar_after > 0,
        "{up_before} {ar_before} {ar_same} {ar_after}"
    );
}
