//! `main-qemu`: `scripts/run-main.sh --qemu`. Runs a scenario on the real
//! binaries (tests/qemu-partitioned's `mainjob`: el3-monitor, the oob
//! core's `mainjob` image, Debian's Linux, the Verilated router on QEMU's
//! bus), prints the report and writes it to `<out>/report-qemu.md`. The
//! recipe lives in the test crate that checks it, so the command and the
//! test run the same code.

use clap::Parser;
use qemu_partitioned::mainjob;
use std::path::PathBuf;
use std::process::ExitCode;
use mainjob::Progress;
use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

#[derive(Parser, Debug)]
#[command(version, about = "The main job on QEMU with the real firmware, Linux and the Verilated router")]
struct Args {
    /// Scenario file (TOML).
    scenario: PathBuf,
    /// Where the report (report-qemu.md) and the run's captures go.
    #[arg(long, default_value = "target/cosim")]
    out: PathBuf,
    /// Wall-time limit of the QEMU run, seconds.
    #[arg(long, default_value_t = 3600)]
    timeout_s: u64,
    /// Virtual-time quantum, µs: the bridge syncs QEMU at least this often,
    /// bounding each vCPU's round-robin slice (0: none; see
    /// qemu_partitioned::mainjob::run).
    #[arg(long, default_value_t = mainjob::DEFAULT_QUANTUM_NS as f64 / 1000.0)]
    quantum_us: f64,
    /// Skip the thread model's prediction.
    #[arg(long)]
    no_model: bool,
}

/// Exit statuses as `cosim`'s: 0 every check passed, 1 an event lost or
/// delivered twice, the router's own statistics disagreeing with the
/// record, or an oob timer expiry, call or message of the scenario not
/// accounted for, 2 a bad scenario or argument, 3 the run failed.
fn main() -> ExitCode {
    let a = Args::parse();
    let sc = match cosim_scenario(&a.scenario) {
        Ok(sc) => sc,
        Err(e) => {
            eprintln!("main-qemu: {e}");
            return ExitCode::from(2);
        }
    };
    if let Err(e) = mainjob::placement(&sc) {
        eprintln!("main-qemu: {}: {e}", a.scenario.display());
        return ExitCode::from(2);
    }
    if !(a.quantum_us >= 0.0 && a.quantum_us.is_finite()) {
        eprintln!("main-qemu: --quantum-us {} must be 0 (none) or positive", a.quantum_us);
        return ExitCode::from(2);
    }
    let quantum_ns = (a.quantum_us > 0.0).then(|| (a.quantum_us * 1000.0).round().max(1.0) as u64);
    let dir = a.out.join("qemu-run");
    eprintln!("main-qemu: running {} on QEMU (captures in {}) ...", a.scenario.display(), dir.display());
    let bar = Bar::start_if_terminal();
    let run = mainjob::run(&a.scenario, &dir, Duration::from_secs(a.timeout_s), quantum_ns, bar.as_ref().map(|b| b.progress.clone()));
    drop(bar);
    let m = match run {
        Ok(m) => m,
        Err(e) => {
            eprintln!("main-qemu: {e}");
            return ExitCode::from(3);
        }
    };
    let model = if a.no_model {
        None
    } else {
        match mainjob::model_prediction(&sc) {
            Ok(p) => Some(p),
            Err(e) => {
                eprintln!("main-qemu: the thread model failed: {e}");
                return ExitCode::from(3);
            }
        }
    };
    let report = mainjob::report(&m, model.as_ref());
    println!("{report}");
    let path = a.out.join("report-qemu.md");
    if let Err(e) = std::fs::write(&path, &report) {
        eprintln!("main-qemu: cannot write {}: {e}", path.display());
        return ExitCode::from(3);
    }
    let (_, stats_diffs) = m.router_stats();
    let problems = m.problems();
    if !m.claims.clean() {
        eprintln!("main-qemu: FAILED: events lost, delivered twice or claimed on the wrong stage");
        ExitCode::from(1)
    } else if !stats_diffs.is_empty() {
        eprintln!("main-qemu: FAILED: the router's statistics disagree with the record: {}", stats_diffs.join("; "));
        ExitCode::from(1)
    } else if !problems.is_empty() {
        eprintln!("main-qemu: FAILED: the scenario's timers, calls or messages are not all accounted for: {}", problems.join("; "));
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// A progress bar on stderr while QEMU runs, when stderr is a terminal:
/// scenario events driven (they start at the START write, after Linux's
/// boot) and QEMU's virtual time, from the bridge's [`Progress`].
struct Bar {
    progress: Arc<Progress>,
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Bar {
    fn start_if_terminal() -> Option<Bar> {
        if !std::io::stderr().is_terminal() {
            return None;
        }
        let progress = Arc::new(Progress::default());
        let stop = Arc::new(AtomicBool::new(false));
        let (p, s) = (progress.clone(), stop.clone());
        let thread = std::thread::spawn(move || {
            let t0 = Instant::now();
            while !s.load(Ordering::Relaxed) {
                let (done, total) = (p.events_done.load(Ordering::Relaxed), p.events_total.load(Ordering::Relaxed));
                let frac = if total == 0 { 0.0 } else { done as f64 / total as f64 };
                let width = 30;
                let full = (frac * width as f64).round() as usize;
                eprint!(
                    "\r[{}{}] {done}/{total} events, guest {:.3} s, wall {:.0} s ",
                    "#".repeat(full.min(width)),
                    ".".repeat(width - full.min(width)),
                    p.guest_ns.load(Ordering::Relaxed) as f64 / 1e9,
                    t0.elapsed().as_secs_f64()
                );
                std::thread::sleep(Duration::from_millis(500));
            }
            eprintln!();
        });
        Some(Bar { progress, stop, thread: Some(thread) })
    }
}

impl Drop for Bar {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn cosim_scenario(p: &std::path::Path) -> Result<mainjob::Scenario, String> {
    mainjob::Scenario::load(p).map_err(|e| e.0)
}
