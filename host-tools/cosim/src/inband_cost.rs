//! The in-band side's cost on the bus (issue 13 item 4): how many PL
//! transactions the in-band side's stall handling makes, of which kind,
//! how long they hold the CPU and the master, counted from the kernel's
//! bus log, not from the code. The model's in-band side is the glue's
//! stall mirror on a Dovetail kernel (`crate::agent`): posted STALL writes
//! on each change of the stall bit, no reads.

use crate::attribution::reg_name;
use crate::kernel::BusTxn;
use crate::proto::World;
use crate::run::RunResult;
use router_driver::layout as l;
use std::collections::BTreeMap;
use std::fmt::Write;

/// One kind of stall access and what the run's accesses of that kind cost.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Kind {
    pub count: u64,
    /// Cycles the CPUs were blocked in them (asked → answered; 0 for a
    /// posted write), cycles from asked to executed at the router, of
    /// which waiting for the master, and cycles they held the master.
    pub blocked: u64,
    pub to_router: u64,
    pub waiting: u64,
    pub held: u64,
}

/// The kind of an in-band stall access, or None for any other access.
pub fn kind_of(t: &BusTxn) -> Option<&'static str> {
    if t.world != World::NonSecure {
        return None;
    }
    let stall = 1 << l::PAGE_STALL_STALL_LSB;
    Some(match (reg_name(t.addr), t.write) {
        ("STALL_TAS", false) => "STALL_TAS read (test-and-stall)",
        ("STALL", true) if t.data & stall != 0 => "STALL write of 1 (stall)",
        ("STALL", true) => "STALL write of 0 (unstall, restore)",
        ("STALL", false) => "STALL read (read-back)",
        _ => return None,
    })
}

/// The in-band stall accesses asked for once the load began (the load
/// phase and the drain; not the set-up's), by kind.
pub fn stall_accesses(r: &RunResult) -> BTreeMap<&'static str, Kind> {
    let mut m: BTreeMap<&'static str, Kind> = BTreeMap::new();
    for t in r.kernel.bus.iter().filter(|t| !t.setup) {
        if let Some(k) = kind_of(t) {
            let e = m.entry(k).or_default();
            e.count += 1;
            if !t.posted {
                e.blocked += t.done - t.queued;
            }
            e.to_router += t.edge - t.queued;
            e.waiting += t.granted - t.queued;
            e.held += t.done - t.granted;
        }
    }
    m
}

/// The report's section (hardware pipeline).
pub fn section(r: &RunResult) -> String {
    let mut o = String::new();
    let sum = |f: &dyn Fn(&crate::agent::AgentLog) -> u64| r.agents.iter().map(f).sum::<u64>();
    let cs = sum(&|a| a.critical_sections);
    let syncs = sum(&|a| a.inband_syncs);
    let flips = sum(&|a| a.entry_flips);
    let raced = sum(&|a| a.entries_to_log_only);
    let m = stall_accesses(r);
    let _ = writeln!(
        o,
        "\n## In-band stall traffic on the bus (hardware pipeline)\n"
    );
    let _ = writeln!(
        o,
        "The in-band side is the glue's stall mirror on a Dovetail kernel (`linux-glue/driver/irq-router.c`, \
         `irq_router_mirror()`): Dovetail's stall bit in memory changes first, then one posted STALL write if \
         the bit differs from the value last written; no read, no read-back (`hdl/doc/spec.md` §5, \"Posting \
         the STALL write\"). Once the load began: {cs} in-band critical sections (`local_irq_save()`/`restore()`, \
         never nested here) and {syncs} syncs of Dovetail's in-band log (each stalls and unstalls around the \
         handlers: on the exit of an in-band IRQ over unstalled code, and on an unstall that found entries \
         logged), and {flips} stall/unstall pairs of arm64 Dovetail's IRQ entry and exit code (`__el1_irq()`: \
         one around the entry prologue, one around `exit_to_kernel_mode()`, for each in-band IRQ over \
         unstalled code{}). {raced} in-band IRQs found the stage stalled in memory (the line won the race with a posted \
         stall, or came during a sync's handlers): the glue claimed and logged their entries for the unstall. \
         Their accesses to the in-band pages' stall registers, counted in the kernel's bus log; a posted write \
         blocks no CPU but holds the master like any transaction. Bus cycles are the master's, out of {} busy.\n",
        if r.eager_mirror {
            "; all written: `--eager-mirror`"
        } else {
            "; not written: stalls made with hard IRQs off, the glue's lazy rule"
        },
        r.kernel.bus_cycles
    );
    let _ = writeln!(
        o,
        "| access | count | per critical section | CPU blocked per access | asked → executed at the router, per access | of which waiting for the master | bus cycles held |\n|---|---:|---:|---:|---:|---:|---:|"
    );
    let per = |n: u64, d: u64| if d == 0 { 0.0 } else { n as f64 / d as f64 };
    let mut total = Kind::default();
    for v in m.values() {
        total.count += v.count;
        total.blocked += v.blocked;
        total.to_router += v.to_router;
        total.waiting += v.waiting;
        total.held += v.held;
    }
    for (k, v) in m.iter().map(|(k, v)| (*k, v)).chain([("all", &total)]) {
        let _ = writeln!(
            o,
            "| {k} | {} | {:.2} | {:.1} | {:.1} | {:.1} | {} ({:.1}% of busy) |",
            v.count,
            per(v.count, cs),
            per(v.blocked, v.count),
            per(v.to_router, v.count),
            per(v.waiting, v.count),
            v.held,
            100.0 * per(v.held, r.kernel.bus_cycles)
        );
    }
    let deepest = r.kernel.max_posted.iter().copied().max().unwrap_or(0);
    let _ = writeln!(
        o,
        "\nPosted writes (all of them, not only STALL) waiting in a CPU's write buffer at once: at most {deepest} \
         (per CPU: {:?}). The model gives the buffer no depth limit; a run needing more entries than the \
         A53's buffer holds would overstate what posting buys.",
        r.kernel.max_posted
    );
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    fn txn(addr: u32, write: bool, data: u32, world: World) -> BusTxn {
        BusTxn {
            cpu: 0,
            port: 0,
            addr,
            world,
            write,
            data,
            queued: 0,
            granted: 0,
            edge: 0,
            done: 0,
            chan_wait: 0,
            chan_behind: None,
            posted: write,
            setup: false,
        }
    }

    #[test]
    fn stall_accesses_are_told_apart() {
        let p = l::INBAND_BASE + 2 * l::PAGE_STRIDE;
        let ns = World::NonSecure;
        assert_eq!(
            kind_of(&txn(p + l::PAGE_STALL_TAS_OFFSET, false, 0, ns)),
            Some("STALL_TAS read (test-and-stall)")
        );
        assert_eq!(
            kind_of(&txn(p + l::PAGE_STALL_OFFSET, true, 1, ns)),
            Some("STALL write of 1 (stall)")
        );
        assert_eq!(
            kind_of(&txn(p + l::PAGE_STALL_OFFSET, true, 0, ns)),
            Some("STALL write of 0 (unstall, restore)")
        );
        assert_eq!(
            kind_of(&txn(p + l::PAGE_STALL_OFFSET, false, 0, ns)),
            Some("STALL read (read-back)")
        );
        assert_eq!(kind_of(&txn(p + l::PAGE_CLAIM_OFFSET, false, 0, ns)), None);
        // The oob firmware's own stall accesses are not the in-band side's.
        assert_eq!(
            kind_of(&txn(
                l::OOB_BASE + l::PAGE_STALL_OFFSET,
                true,
                0,
                World::Secure
            )),
            None
        );
    }
}
