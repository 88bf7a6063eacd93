//! `router-bridge`: serves the PL window of a QEMU built by
//! `scripts/build-qemu.sh` with the Verilated irq router (see README.md).
//!
//! ```sh
//! router-bridge --socket /tmp/router.sock scenarios/default.toml &
//! qemu-system-aarch64 -M xlnx-zcu102,secure=on,router-socket=/tmp/router.sock ...
//! ```

use clap::Parser;
use cosim::run::parse_window;
use router_bridge::{Bridge, Options, VcdWindow};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(version, about = "The Verilated irq router on QEMU's bus (xlnx-zcu102, router-socket=PATH)")]
struct Args {
    /// Scenario (the main job's TOML): the router's source traffic and clock.
    scenario: PathBuf,
    /// Unix socket to listen on; give the same path to QEMU's `router-socket`.
    #[arg(long)]
    socket: PathBuf,
    /// Write what the router saw (accesses, syncs, events, line changes) here.
    #[arg(long)]
    record: Option<PathBuf>,
    /// Dump the router's waveforms (VCD) to this file...
    #[arg(long)]
    vcd: Option<PathBuf>,
    /// ...for this window of router cycles (since reset), START:END.
    #[arg(long, default_value = "0:20000", value_parser = parse_window)]
    window: (u64, u64),
    /// Start the load at once instead of at the guest's START write.
    #[arg(long)]
    start_now: bool,
    /// Stand in for the oob firmware: open every CPU's oob stage at reset
    /// (the router holds a CPU's in-band line while its oob stage is
    /// stalled), for running Linux alone.
    #[arg(long)]
    oob_stand_in: bool,
    /// Ask QEMU for a sync at least this often (µs of virtual time); by
    /// default only where the scenario has an event.
    #[arg(long)]
    quantum_us: Option<f64>,
    /// Apply --quantum-us only once the load has started (the guest's START
    /// write): the boot before it runs without the extra syncs.
    #[arg(long, requires = "quantum_us")]
    quantum_from_start: bool,
}

/// Exit statuses: 0 QEMU ran and disconnected, 2 bad scenario or
/// arguments, 3 the bridge could not run (socket, protocol, simulator).
fn main() -> ExitCode {
    let args = Args::parse();
    let mut opts = match Options::from_scenario_file(&args.scenario) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("router-bridge: {e}");
            return ExitCode::from(2);
        }
    };
    opts.start_now = args.start_now;
    opts.oob_stand_in = args.oob_stand_in;
    opts.quantum_from_start = args.quantum_from_start;
    opts.vcd = args.vcd.clone().map(|p| (p, VcdWindow { from: args.window.0, to: args.window.1 }));
    if let Some(q) = args.quantum_us {
        if !(q > 0.0 && q.is_finite()) {
            eprintln!("router-bridge: --quantum-us {q} must be positive");
            return ExitCode::from(2);
        }
        opts.quantum_ns = Some((q * 1000.0).round().max(1.0) as u64);
    }
    let run = || -> Result<router_bridge::Outcome, String> {
        let fabric = opts.fabric().map_err(|e| e.to_string())?;
        let bridge = Bridge::bind(&args.socket).map_err(|e| e.to_string())?;
        eprintln!("router-bridge: listening on {}", args.socket.display());
        bridge.serve(fabric, opts.quantum_ns, opts.quantum_from_start, None).map_err(|e| e.to_string())
    };
    let out = match run() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("router-bridge: {e}");
            return ExitCode::from(3);
        }
    };
    if let Some(path) = &args.record {
        if let Err(e) = std::fs::write(path, out.record.to_text()) {
            eprintln!("router-bridge: write {}: {e}", path.display());
            return ExitCode::from(3);
        }
    }
    let c = out.counters;
    eprintln!(
        "router-bridge: QEMU disconnected at cycle {}: {} accesses ({} error responses), {} syncs, \
         {} of {} events driven, {} edges evaluated, {} skipped, {} late line changes; {:.2} s busy of {:.2} s",
        out.final_cycle,
        c.accesses,
        c.error_responses,
        c.syncs,
        out.driven.iter().sum::<u32>(),
        out.scenario_events,
        c.edges_evaluated,
        c.edges_skipped,
        c.late_line_changes,
        out.busy.as_secs_f64(),
        out.wall.as_secs_f64()
    );
    ExitCode::SUCCESS
}
