//! The simulator's end of the socket: one QEMU connection, served request
//! by request until QEMU closes it.

use crate::fabric::Fabric;
use crate::protocol::{AxiResp, Kind, Reply, Request, NO_SYNC, VERSION};
use crate::record::{Entry, Record};
use crate::fabric::Counters;
use std::fmt;
use std::io::{self, BufWriter, Write};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// Why a run ended badly.
#[derive(Debug)]
pub enum BridgeError {
    Io { what: String, source: io::Error },
    /// QEMU spoke a different protocol (or something else connected).
    Protocol(String),
}

impl fmt::Display for BridgeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BridgeError::Io { what, source } => write!(f, "{what}: {source}"),
            BridgeError::Protocol(m) => write!(f, "protocol error: {m}"),
        }
    }
}

impl std::error::Error for BridgeError {}

fn io_err(what: impl Into<String>) -> impl FnOnce(io::Error) -> BridgeError {
    let what = what.into();
    move |source| BridgeError::Io { what, source }
}

/// What a finished run leaves behind.
#[derive(Debug)]
pub struct Outcome {
    pub record: Record,
    pub counters: Counters,
    /// Assertions driven per source, and level events the device merged.
    pub driven: Vec<u32>,
    pub merged: Vec<u32>,
    /// Events the scenario holds in all (driven or not).
    pub scenario_events: usize,
    /// Wall time spent serving requests (simulation and socket writes),
    /// and the whole connection's wall time.
    pub busy: Duration,
    pub wall: Duration,
    /// The router cycle when QEMU disconnected.
    pub final_cycle: u64,
    /// The router's own statistics of every page, read when QEMU had
    /// disconnected ([`PageStats`]).
    pub page_stats: Vec<PageStats>,
    /// Wall time since the connection of each access's reply, in the order
    /// of `record.accesses()` (for benchmarks; not part of the record,
    /// which stays reproducible).
    pub access_wall: Vec<Duration>,
}

/// One page's latency statistics as the router kept them (spec §6):
/// LAT_MAX and the log2 histogram HIST[0..16], all zero without statistics.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageStats {
    pub oob: bool,
    pub cpu: u32,
    pub lat_max: u32,
    pub hist: [u32; 16],
    /// HWCFG.TSW: latencies are counted modulo 2^tsw.
    pub tsw: u32,
}

/// Every page's statistics, read behind the guest's back (not recorded).
fn page_stats(fabric: &mut Fabric) -> Vec<PageStats> {
    use irq_router_layout as l;
    let hwcfg = fabric.peek_router(l::GLOBAL_HWCFG_OFFSET);
    let field = |lsb: u32, width: u32| (hwcfg >> lsb) & ((1 << width) - 1);
    let (ncpu, tsw) = (field(l::GLOBAL_HWCFG_NCPU_LSB, l::GLOBAL_HWCFG_NCPU_WIDTH), field(l::GLOBAL_HWCFG_TSW_LSB, l::GLOBAL_HWCFG_TSW_WIDTH));
    let mut out = Vec::new();
    for (oob, base) in [(false, l::INBAND_BASE), (true, l::OOB_BASE)] {
        for cpu in 0..ncpu {
            let page = base + cpu * l::PAGE_STRIDE;
            let hist = core::array::from_fn(|b| fabric.peek_router(page + l::PAGE_HIST_OFFSET + b as u32 * l::PAGE_HIST_STRIDE));
            out.push(PageStats { oob, cpu, lat_max: fabric.peek_router(page + l::PAGE_LAT_MAX_OFFSET), hist, tsw });
        }
    }
    out
}

/// How far a run has got, for a progress display on another thread:
/// updated every [`Progress::EVERY`] requests and at the end.
#[derive(Debug, Default)]
pub struct Progress {
    /// Scenario events driven or merged so far, and in all.
    pub events_done: AtomicU64,
    pub events_total: AtomicU64,
    /// QEMU's virtual time of the latest request, ns.
    pub guest_ns: AtomicU64,
}

impl Progress {
    pub const EVERY: u64 = 1024;

    fn update(&self, fabric: &Fabric, ns: u64) {
        let s = fabric.sources();
        let done: u64 = s.driven().iter().chain(s.merged().iter()).map(|&n| n as u64).sum();
        self.events_done.store(done, Ordering::Relaxed);
        self.events_total.store(s.total_events() as u64, Ordering::Relaxed);
        self.guest_ns.store(ns, Ordering::Relaxed);
    }
}

/// A listening bridge; [`Bridge::serve`] takes the first connection.
pub struct Bridge {
    listener: UnixListener,
    path: PathBuf,
}

impl Bridge {
    /// Binds `path` (a stale socket file there is replaced).
    pub fn bind(path: &Path) -> Result<Bridge, BridgeError> {
        if path.exists() {
            std::fs::remove_file(path).map_err(io_err(format!("remove stale {}", path.display())))?;
        }
        let listener = UnixListener::bind(path).map_err(io_err(format!("listen on {}", path.display())))?;
        Ok(Bridge { listener, path: path.to_path_buf() })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Accepts QEMU and serves it until it disconnects.
    pub fn serve(
        self,
        fabric: Fabric,
        quantum_ns: Option<u64>,
        quantum_from_start: bool,
        progress: Option<&Progress>,
    ) -> Result<Outcome, BridgeError> {
        let stream = self.accept(None)?;
        serve_stream(stream, fabric, quantum_ns, quantum_from_start, progress)
    }

    /// Waits for QEMU to connect, at most `timeout` if given (a QEMU that
    /// failed to start must not leave the bridge waiting for ever).
    pub fn accept(&self, timeout: Option<Duration>) -> Result<UnixStream, BridgeError> {
        let deadline = timeout.map(|t| Instant::now() + t);
        self.listener.set_nonblocking(deadline.is_some()).map_err(io_err("socket"))?;
        let stream = loop {
            match self.listener.accept() {
                Ok((s, _)) => break s,
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                    if deadline.is_some_and(|d| Instant::now() >= d) {
                        return Err(BridgeError::Io {
                            what: format!("no QEMU connected to {} within {:?}", self.path.display(), timeout.unwrap()),
                            source: e,
                        });
                    }
                    std::thread::sleep(Duration::from_millis(10));
                }
                Err(e) => return Err(BridgeError::Io { what: "accept".into(), source: e }),
            }
        };
        stream.set_nonblocking(false).map_err(io_err("socket"))?;
        let _ = std::fs::remove_file(&self.path);
        Ok(stream)
    }
}

/// Serves one connection. `quantum_ns` caps the time between syncs (none:
/// a sync only where the scenario has an event); with `quantum_from_start`
/// only once the load has started.
pub fn serve_stream(
    stream: UnixStream,
    mut fabric: Fabric,
    quantum_ns: Option<u64>,
    quantum_from_start: bool,
    progress: Option<&Progress>,
) -> Result<Outcome, BridgeError> {
    let mut requests = 0u64;
    let start = Instant::now();
    let mut busy = Duration::ZERO;
    let mut reader = stream.try_clone().map_err(io_err("socket"))?;
    let mut writer = BufWriter::new(stream);
    let mut hello = false;
    // Accesses made before QEMU connected (the oob stand-in's) count as 0.
    let mut access_wall = vec![Duration::ZERO; fabric.record().accesses().count()];
    while let Some(req) = Request::read_from(&mut reader).map_err(io_err("read request"))? {
        let t0 = Instant::now();
        if !hello && req.kind != Kind::Hello {
            return Err(BridgeError::Protocol(format!("first request is {:?}, not Hello", req.kind)));
        }
        let (data, resp) = match req.kind {
            Kind::Hello => {
                if hello {
                    return Err(BridgeError::Protocol("a second Hello".into()));
                }
                if req.data != VERSION {
                    return Err(BridgeError::Protocol(format!(
                        "QEMU's device speaks protocol {}, this bridge {VERSION}: rebuild QEMU (scripts/build-qemu.sh)",
                        req.data
                    )));
                }
                hello = true;
                fabric.record_mut().push(Entry::Hello { ns: req.time_ns, window: req.extra });
                fabric.sync(req.time_ns);
                (0, AxiResp::Okay)
            }
            Kind::Sync => {
                fabric.sync(req.time_ns);
                (0, AxiResp::Okay)
            }
            Kind::Read | Kind::Write if req.size != 4 => {
                return Err(BridgeError::Protocol(format!("a {}-byte access (only 4 exist)", req.size)));
            }
            Kind::Read => fabric.access(false, req.addr, 0, req.prot, req.time_ns),
            Kind::Write => fabric.access(true, req.addr, req.data as u32, req.prot, req.time_ns),
        };
        let now_ns = fabric.time().ns_at(fabric.now()).max(req.time_ns);
        let quantum = quantum_ns.filter(|_| !quantum_from_start || fabric.sources().started_at().is_some());
        let next = match (fabric.next_sync_ns(), quantum) {
            (Some(e), Some(q)) => e.min(now_ns.saturating_add(q)),
            (Some(e), None) => e,
            (None, Some(q)) => now_ns.saturating_add(q),
            (None, None) => NO_SYNC,
        };
        let reply = Reply {
            kind: req.kind,
            resp,
            lines: fabric.levels(),
            data,
            next_sync_ns: next,
            cycle: fabric.now(),
        };
        reply.write_to(&mut writer).and_then(|_| writer.flush()).map_err(io_err("write reply"))?;
        busy += t0.elapsed();
        if matches!(req.kind, Kind::Read | Kind::Write) {
            access_wall.push(start.elapsed());
        }
        requests += 1;
        if let Some(p) = progress.filter(|_| requests % Progress::EVERY == 0) {
            p.update(&fabric, req.time_ns);
        }
    }
    if let Some(p) = progress {
        p.update(&fabric, fabric.time().ns_at(fabric.now()));
    }
    let s = fabric.sources();
    let mut out = Outcome {
        page_stats: Vec::new(),
        driven: s.driven().to_vec(),
        merged: s.merged().to_vec(),
        scenario_events: s.total_events(),
        record: fabric.record().clone(),
        counters: fabric.counters(),
        busy,
        wall: start.elapsed(),
        final_cycle: fabric.now(),
        access_wall,
    };
    // Last: these reads take router cycles, which the run's figures above
    // must not include.
    out.page_stats = page_stats(&mut fabric);
    Ok(out)
}
