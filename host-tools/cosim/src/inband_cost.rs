//! The in-band side's cost on the bus (issue 13 item 4): how many PL
//! transactions each in-band critical section of the model makes, of which
//! kind, how long they hold the CPU and the master, counted from the
//! kernel's bus log, not from the code.

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
    /// Cycles the CPUs were blocked in them (asked → answered), of which
    /// waiting for the master, and cycles they held the master.
    pub blocked: u64,
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

/// The in-band stall accesses of the load phase, by kind.
pub fn stall_accesses(r: &RunResult) -> BTreeMap<&'static str, Kind> {
    let mut m: BTreeMap<&'static str, Kind> = BTreeMap::new();
    for t in r
        .kernel
        .bus
        .iter()
        .filter(|t| t.granted >= r.kernel.load_start)
    {
        if let Some(k) = kind_of(t) {
            let e = m.entry(k).or_default();
            e.count += 1;
            e.blocked += t.done - t.queued;
            e.waiting += t.granted - t.queued;
            e.held += t.done - t.granted;
        }
    }
    m
}

/// The report's section (hardware pipeline).
pub fn section(r: &RunResult) -> String {
    let mut o = String::new();
    let cs: u64 = r.agents.iter().map(|a| a.critical_sections).sum();
    let m = stall_accesses(r);
    let _ = writeln!(
        o,
        "\n## In-band critical sections on the bus (hardware pipeline)\n"
    );
    let _ = writeln!(
        o,
        "{cs} in-band critical sections in the load phase (the model's `local_irq_save()`/`restore()`: \
         test-and-stall, compute, restore). Their accesses to the in-band pages' stall registers, counted in the \
         kernel's bus log; the model's CPU waits for each, read or write, until its answer. Bus cycles are the \
         master's, out of {} busy.\n",
        r.kernel.bus_cycles
    );
    let _ = writeln!(
        o,
        "| access | count | per critical section | CPU blocked per access | of which waiting for the master | bus cycles held |\n|---|---:|---:|---:|---:|---:|"
    );
    let per = |n: u64, d: u64| if d == 0 { 0.0 } else { n as f64 / d as f64 };
    let mut total = Kind::default();
    for v in m.values() {
        total.count += v.count;
        total.blocked += v.blocked;
        total.waiting += v.waiting;
        total.held += v.held;
    }
    for (k, v) in m.iter().map(|(k, v)| (*k, v)).chain([("all", &total)]) {
        let _ = writeln!(
            o,
            "| {k} | {} | {:.2} | {:.1} | {:.1} | {} ({:.1}% of busy) |",
            v.count,
            per(v.count, cs),
            per(v.blocked, v.count),
            per(v.waiting, v.count),
            v.held,
            100.0 * per(v.held, r.kernel.bus_cycles)
        );
    }
    let _ = writeln!(
        o,
        "\nThe kernel glue's stall mirror (`linux-glue/driver/irq-router.c`, `irq_router_mirror()`) does \
         otherwise: it keeps Dovetail's stall bit in memory and writes STALL only when the bit changes, posted, \
         never reading back (two writes per outermost section, none for nested ones or in the idle task); \
         `hdl/doc/spec.md` §5 states when that is safe."
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
