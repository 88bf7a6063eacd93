//! One run of a scenario through one pipeline: threads up, kernel, threads
//! joined, the router's own statistics read back, the analysis.

use crate::agent::{Agent, AgentLog, Shared};
use crate::analysis::{analyse, Analysis};
use crate::kernel::{channel, Kernel, KernelLog, Mode};
use crate::scenario::{Scenario, NCPU, NSRC};
use crate::stimulus::Event;
use router_driver::layout as l;
use std::path::PathBuf;
use std::sync::Arc;

/// What the router itself measured (hardware mode), per (CPU, stage).
#[derive(Debug, Default, Clone)]
pub struct RouterStats {
    /// `[cpu][stage]` with stage 0 = in-band, 1 = oob.
    pub hist: Vec<[[u32; 16]; 2]>,
    pub lat_max: Vec<[u32; 2]>,
    pub ipi_overruns: Vec<[u32; 2]>,
    pub overruns: Vec<u32>,
    /// SRC_PEND after the drain: must be empty.
    pub pending_after: u128,
    /// GLOBAL.ERR after the run: nothing the router refused (ERR.DENIED
    /// would mean Linux's Non-secure accesses reached for oob state).
    pub err: u32,
}

pub struct RunResult {
    pub mode: Mode,
    pub kernel: KernelLog,
    pub agents: Vec<AgentLog>,
    pub analysis: Analysis,
    pub router: Option<RouterStats>,
    /// The run used the glue before its lazy rule, `RunOptions::eager_mirror`.
    pub eager_mirror: bool,
}

/// Options of a run.
#[derive(Clone, Debug, Default)]
pub struct RunOptions {
    /// Waveform file and window [start, end) in cycles from the load's start.
    pub vcd: Option<(PathBuf, u64, u64)>,
    /// Hardware pipeline: model the oob side's accesses on a PS-PL port of
    /// their own (a prediction for issue 13's second port, `hdl/doc/second-port.md`).
    pub second_port: bool,
    /// Hardware pipeline: the glue before its lazy rule (`Shared::eager_mirror`).
    pub eager_mirror: bool,
}

/// Parses a `--window START:END` argument (cycles, START < END); shared by
/// the command lines that dump a window of waveforms.
pub fn parse_window(s: &str) -> Result<(u64, u64), String> {
    let (a, b) = s.split_once(':').ok_or("expected START:END")?;
    let a: u64 = a.parse().map_err(|e| format!("START: {e}"))?;
    let b: u64 = b.parse().map_err(|e| format!("END: {e}"))?;
    if a >= b {
        return Err("START must be below END".into());
    }
    Ok((a, b))
}

pub fn run(
    sc: &Scenario,
    mode: Mode,
    events: &[Event],
    opts: &RunOptions,
    progress: impl FnMut(u64),
) -> Result<RunResult, String> {
    let sc_arc = Arc::new(sc.clone());
    let shared = Arc::new(Shared {
        eager_mirror: opts.eager_mirror,
        ..Shared::new(NCPU as usize)
    });
    let mut conns = Vec::new();
    let mut threads = Vec::new();
    for id in 0..NCPU {
        let (port, conn) = channel();
        conns.push(conn);
        let (sc, shared) = (sc_arc.clone(), shared.clone());
        threads.push(
            std::thread::Builder::new()
                .name(format!("cpu{id}"))
                .spawn(move || Agent::new(id, mode, sc, shared, port).run())
                .map_err(|e| format!("cannot start CPU thread: {e}"))?,
        );
    }
    let vcd = if mode == Mode::Hardware {
        opts.vcd.clone()
    } else {
        None
    };
    let ports = if mode == Mode::Hardware && opts.second_port {
        2
    } else {
        1
    };
    let mut kernel = Kernel::new(sc, mode, conns, vcd, ports)?;
    // A generous bound for the drain: everything pending is handled within
    // a few milliseconds of fabric time unless something is stuck.
    kernel.run(events, &shared.stopping, 2_000_000, progress);
    let mut agents = Vec::new();
    for (id, t) in threads.into_iter().enumerate() {
        agents.push(t.join().map_err(|e| {
            let msg = e
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()));
            format!("CPU {id} failed: {}", msg.unwrap_or_default())
        })?);
    }
    let router = (mode == Mode::Hardware).then(|| router_stats(&mut kernel));
    let kernel_log = std::mem::take(&mut kernel.log);
    resolve_posted(&kernel_log, &mut agents);
    let analysis = analyse(sc, mode, &kernel_log, &agents);
    Ok(RunResult {
        mode,
        kernel: kernel_log,
        agents,
        analysis,
        router,
        eager_mirror: opts.eager_mirror && mode == Mode::Hardware,
    })
}

/// The edges of the CPUs' posted writes that the analysis needs (IPI_SEND:
/// the IPI's event; COMPLETE: when a level source may log again), from the
/// kernel's record: a CPU does not wait for its writes, so it never learns
/// them itself. A write no master took (a run cut short before the drain
/// ended) never happened: its IPI was not sent, its COMPLETE not made.
fn resolve_posted(k: &KernelLog, agents: &mut [AgentLog]) {
    for a in agents {
        a.ipis.retain_mut(|s| match s.post {
            None => true,
            Some(p) => k.posted_edge(p).map(|e| s.edge = e).is_some(),
        });
        let done: Vec<(u16, u64)> = a
            .completes_posted
            .iter()
            .filter_map(|&(src, p)| k.posted_edge(p).map(|e| (src, e)))
            .collect();
        a.completes.extend(done);
        a.completes.sort_by_key(|c| c.1);
    }
}

fn router_stats(k: &mut Kernel) -> RouterStats {
    let mut st = RouterStats::default();
    for cpu in 0..NCPU as u32 {
        let mut hist = [[0; 16]; 2];
        let mut lat_max = [0; 2];
        let mut iovr = [0; 2];
        for (s, window) in [(0, l::INBAND_BASE), (1, l::OOB_BASE)] {
            let page = window + cpu * l::PAGE_STRIDE;
            for (b, slot) in hist[s].iter_mut().enumerate() {
                *slot = k.read_reg(page + l::PAGE_HIST_OFFSET + b as u32 * l::PAGE_HIST_STRIDE);
            }
            lat_max[s] = k.read_reg(page + l::PAGE_LAT_MAX_OFFSET);
            iovr[s] = k.read_reg(page + l::PAGE_IPI_OVERRUN_OFFSET);
        }
        st.hist.push(hist);
        st.lat_max.push(lat_max);
        st.ipi_overruns.push(iovr);
    }
    for w in 0..(NSRC as u32).div_ceil(4) {
        let v = k.read_reg(l::GLOBAL_OVERRUN_OFFSET + w * l::GLOBAL_OVERRUN_STRIDE);
        for b in 0..4 {
            st.overruns.push(v >> (8 * b) & 0xFF);
        }
    }
    for w in 0..(NSRC as u32).div_ceil(32) {
        st.pending_after |= (k.read_reg(l::GLOBAL_SRC_PEND_OFFSET + 4 * w) as u128) << (32 * w);
    }
    st.err = k.read_reg(l::GLOBAL_ERR_OFFSET);
    st
}
