//! A QEMU run with the Verilated irq router on its bus: the router bridge
//! (host-tools/router-bridge) serves the run on a thread of this process,
//! and [`router_qemu`](crate::router_qemu) runs with
//! `router-socket=` added to the machine.

use crate::{router_qemu, Qemu, QemuError, QemuRun};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

pub use router_bridge::{Options, Outcome};

/// A finished run: QEMU's side and the bridge's (its record of every access,
/// sync, source event and line change, also written to
/// `bridge-record.txt` in the run directory).
#[derive(Debug)]
pub struct RouterRun {
    pub qemu: QemuRun,
    pub bridge: Outcome,
}

/// A short socket path (sun_path holds 108 bytes; run directories can be
/// deep), unique per run in this process.
fn socket_path() -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    std::env::temp_dir().join(format!("zip-router-{}-{}.sock", std::process::id(), N.fetch_add(1, Ordering::Relaxed)))
}

/// Runs `qemu` (its machine gets `,router-socket=...`; the binary becomes
/// the router QEMU) with a bridge serving `opts`. Errors name what failed:
/// the build, QEMU, or the bridge (whose message QEMU's stderr completes).
pub fn run(qemu: Qemu, opts: Options) -> Result<RouterRun, String> {
    let binary = router_qemu().map_err(|e| e.to_string())?;
    let sock = socket_path();
    let bridge = router_bridge::spawn(&sock, opts, Duration::from_secs(120))?;
    let machine = format!("{},router-socket={}", qemu.machine_spec(), sock.display());
    let q = qemu.binary(binary).machine(&machine).run();
    // A QEMU that never connected leaves the bridge waiting: connecting and
    // hanging up ends its wait at once (the file is gone once QEMU connected).
    drop(std::os::unix::net::UnixStream::connect(&sock));
    let outcome = bridge.join().map_err(|_| "the router bridge panicked".to_string())?;
    let _ = std::fs::remove_file(&sock);
    let q = q.map_err(|e: QemuError| e.to_string())?;
    match outcome {
        Ok(bridge) => {
            // Left beside the serial captures, for a failed test's reader.
            let _ = std::fs::write(q.dir.join("bridge-record.txt"), bridge.record.to_text());
            Ok(RouterRun { qemu: q, bridge })
        }
        Err(e) => Err(format!("router bridge: {e}\nQEMU stderr:\n{}", q.stderr)),
    }
}
