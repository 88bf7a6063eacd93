//! The Verilated irq router on QEMU's bus.
//!
//! A QEMU built by `scripts/build-qemu.sh` (Debian's QEMU 7.2 with
//! `host-tools/qemu-router` applied) forwards every access to the PL window
//! at 0xA000_0000 of `-M xlnx-zcu102,router-socket=PATH` to this process,
//! which runs it as an AXI4-Lite transaction on the Verilated router, in
//! QEMU's virtual time, and returns the data and the router's eight lines
//! (wired to `pl_ps_irq0[7:0]`, GIC IDs 121..128). The router's sources are
//! driven from a scenario, the main job's TOML (`scenarios/`).
//!
//! - [`protocol`]: the socket's frames (also in the README).
//! - [`time`]: router cycles ↔ QEMU virtual ns, the one mapping.
//! - [`sources`]: the PL peripherals replaying the scenario, and their
//!   register block (start the load, acknowledge level interrupts, counts).
//! - [`fabric`]: router + sources + AXI master, advanced on demand.
//! - [`record`]: what the router saw, for tests and tools.
//! - [`claims`]: a scenario's events matched to the CLAIM reads in a record:
//!   latency per stage and class, and the account of every event.
//! - [`server`]: one QEMU connection.
//!
//! ```no_run
//! use router_bridge::{Bridge, Options};
//! let opts = Options::from_scenario_file("scenarios/default.toml".as_ref())?;
//! let bridge = Bridge::bind("/tmp/router.sock".as_ref())?;
//! // now start qemu-system-aarch64 -M xlnx-zcu102,router-socket=/tmp/router.sock ...
//! let outcome = bridge.serve(opts.fabric()?, opts.quantum_ns, opts.quantum_from_start, None)?;
//! println!("{} accesses", outcome.counters.accesses);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod claims;
pub mod fabric;
pub mod protocol;
pub mod record;
pub mod server;
pub mod sources;
pub mod time;

pub use fabric::{Counters, Fabric, VcdWindow};
pub use record::Record;
pub use server::{Bridge, BridgeError, Outcome, PageStats, Progress};

use cosim::scenario::{Scenario, ScenarioError};
use std::path::{Path, PathBuf};

/// How to run a bridge.
#[derive(Clone, Debug)]
pub struct Options {
    pub scenario: Scenario,
    /// Start the load at cycle 0 instead of at the guest's START write.
    pub start_now: bool,
    /// Waveforms of a cycle window.
    pub vcd: Option<(PathBuf, VcdWindow)>,
    /// Longest virtual time between syncs (none: syncs only at events).
    pub quantum_ns: Option<u64>,
    /// Apply `quantum_ns` only once the load has started (the guest's START
    /// write, or reset with `start_now`): a boot before it then runs without
    /// a sync every quantum, which under `-icount` costs a socket round trip
    /// each.
    pub quantum_from_start: bool,
    /// Open every oob stage at reset, standing in for an oob firmware
    /// (see [`Fabric::open_oob_stages`]).
    pub oob_stand_in: bool,
    /// Where the run reports how far it has got (a progress display).
    pub progress: Option<std::sync::Arc<Progress>>,
}

impl Options {
    pub fn new(scenario: Scenario) -> Options {
        Options { scenario, start_now: false, vcd: None, quantum_ns: None, quantum_from_start: false, oob_stand_in: false, progress: None }
    }

    pub fn from_scenario_file(path: &Path) -> Result<Options, ScenarioError> {
        Ok(Options::new(Scenario::load(path)?))
    }

    /// A router out of reset at cycle 0 with the scenario's sources.
    pub fn fabric(&self) -> Result<Fabric, router_sim::SimError> {
        let mut src = sources::Sources::new(&self.scenario);
        if self.start_now {
            src.start(0);
        }
        let time = time::TimeMap::new(self.scenario.clocks.fabric_mhz);
        let mut f = Fabric::new(src, time, self.vcd.as_ref().map(|(p, w)| (p.as_path(), *w)))?;
        if self.oob_stand_in {
            f.open_oob_stages();
        }
        Ok(f)
    }
}

/// Binds `socket` and serves one QEMU run on a thread (the QEMU system
/// tests' way in); join the handle once QEMU has exited. Gives up if no
/// QEMU connects within `accept_timeout`.
pub fn spawn(
    socket: &Path,
    opts: Options,
    accept_timeout: std::time::Duration,
) -> Result<std::thread::JoinHandle<Result<Outcome, String>>, String> {
    let bridge = Bridge::bind(socket).map_err(|e| e.to_string())?;
    Ok(std::thread::spawn(move || {
        let fabric = opts.fabric().map_err(|e| e.to_string())?;
        let stream = bridge.accept(Some(accept_timeout)).map_err(|e| e.to_string())?;
        server::serve_stream(stream, fabric, opts.quantum_ns, opts.quantum_from_start, opts.progress.as_deref()).map_err(|e| e.to_string())
    }))
}
