//! The bridge against a stand-in for QEMU's device speaking the socket
//! protocol (no QEMU needed): the router answers, the scenario's events
//! raise lines in virtual time, syncs are asked for where they matter,
//! level sources wait for the device ACK, bad input is refused, and the
//! device's C constants match `protocol.rs`.

use irq_router_layout as l;
use router_bridge::protocol::{AxiResp, Kind, Reply, Request, FRAME, NO_SYNC, PROT_NONSECURE, PROT_PRIVILEGED, VERSION};
use router_bridge::sources::{self, DEVICE_BASE};
use router_bridge::{Options, Outcome};
use cosim::scenario::Scenario;
use std::io::{Read, Write};
use std::os::unix::net::UnixStream;
use std::path::PathBuf;
use std::time::Duration;

const SCENARIO: &str = r#"
name = "protocol test"
duration_us = 40
[inband]
gap = { kind = "fixed", us = 10 }
critical_section = { kind = "fixed", us = 1 }
handler_cycles = 100
[[sources]]
class = "tick"
ids = [3]
stage = "oob"
cpu = 0
handler_cycles = 10
rate = { kind = "periodic", period_us = 10 }
[[sources]]
class = "uart"
ids = [5]
stage = "inband"
cpu = 1
trigger = "level"
handler_cycles = 10
rate = { kind = "periodic", period_us = 20 }
"#;

struct FakeQemu {
    s: UnixStream,
    next_sync: u64,
    lines: u8,
}

impl FakeQemu {
    fn call(&mut self, kind: Kind, prot: u8, addr: u32, ns: u64, data: u64) -> Reply {
        let req = Request { kind, size: 4, prot, addr, time_ns: ns, data, extra: 0x40000 };
        self.s.write_all(&req.encode()).unwrap();
        let mut b = [0u8; FRAME];
        self.s.read_exact(&mut b).unwrap();
        let r = Reply::decode(&b).unwrap();
        assert_eq!(r.kind, kind);
        self.next_sync = r.next_sync_ns;
        self.lines = r.lines;
        r
    }
    fn read(&mut self, addr: u32, ns: u64) -> (u32, AxiResp) {
        let r = self.call(Kind::Read, PROT_PRIVILEGED, addr, ns, 0);
        (r.data, r.resp)
    }
    fn write(&mut self, addr: u32, v: u32, ns: u64) -> AxiResp {
        self.call(Kind::Write, PROT_PRIVILEGED, addr, ns, v as u64).resp
    }
}

fn socket(name: &str) -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    d.join(format!("{name}-{}.sock", std::process::id()))
}

fn start(name: &str) -> (FakeQemu, std::thread::JoinHandle<Result<Outcome, String>>) {
    start_with(name, Options::new(Scenario::from_toml(SCENARIO).unwrap()))
}

fn start_with(name: &str, opts: Options) -> (FakeQemu, std::thread::JoinHandle<Result<Outcome, String>>) {
    let path = socket(name);
    let h = router_bridge::spawn(&path, opts, Duration::from_secs(30)).unwrap();
    let s = UnixStream::connect(&path).unwrap();
    let mut q = FakeQemu { s, next_sync: 0, lines: 0 };
    let r = q.call(Kind::Hello, 0, 0, 0, VERSION);
    assert_eq!((r.resp, r.lines, r.next_sync_ns), (AxiResp::Okay, 0, NO_SYNC), "nothing scheduled before START");
    (q, h)
}

const OOB0: u32 = l::OOB_BASE;
const INB1: u32 = l::INBAND_BASE + l::PAGE_STRIDE;

fn src_cfg(oob: bool, edge: bool, cpu: u32) -> u32 {
    1 << l::GLOBAL_SRC_CFG_EN_LSB
        | (oob as u32) << l::GLOBAL_SRC_CFG_STAGE_LSB
        | (edge as u32) << l::GLOBAL_SRC_CFG_TRIG_LSB
        | cpu << l::GLOBAL_SRC_CFG_CPU_LSB
}

#[test]
fn events_raise_lines_in_virtual_time_and_are_claimed_once() {
    let (mut q, h) = start("events");
    let mut ns = 1_000;
    assert_eq!(q.read(l::GLOBAL_ID_OFFSET, ns), (l::GLOBAL_ID_RESET, AxiResp::Okay));
    assert_eq!(q.write(l::GLOBAL_SRC_CFG_OFFSET + 4 * 3, src_cfg(true, true, 0), ns), AxiResp::Okay);
    assert_eq!(q.write(l::GLOBAL_SRC_CFG_OFFSET + 4 * 5, src_cfg(false, false, 1), ns), AxiResp::Okay);
    assert_eq!(q.write(OOB0 + l::PAGE_STALL_OFFSET, 0, ns), AxiResp::Okay);
    assert_eq!(q.write(l::OOB_BASE + l::PAGE_STRIDE + l::PAGE_STALL_OFFSET, 0, ns), AxiResp::Okay);
    assert_eq!(q.write(INB1 + l::PAGE_STALL_OFFSET, 0, ns), AxiResp::Okay);
    ns = 2_000;
    assert_eq!(q.write(DEVICE_BASE + sources::REG_START, 1, ns), AxiResp::Okay);
    assert_ne!(q.next_sync, NO_SYNC, "the load has events: a sync must be asked for");

    // Follow QEMU's loop: sync when asked, serve a line when it is high.
    let (mut oob_claims, mut inb_claims) = (0, 0);
    for _ in 0..200 {
        if q.lines & 1 != 0 {
            let (id, _) = q.read(OOB0 + l::PAGE_CLAIM_OFFSET, ns);
            assert_eq!(id, 3);
            oob_claims += 1;
            q.write(OOB0 + l::PAGE_COMPLETE_OFFSET, 3, ns);
            assert_eq!(q.lines & 1, 0, "the line falls before the claim's reply");
        } else if q.lines & (1 << 5) != 0 {
            let (id, _) = q.read(INB1 + l::PAGE_CLAIM_OFFSET, ns);
            assert_eq!(id, 5);
            inb_claims += 1;
            // The handler clears the device, then completes: no re-log.
            q.write(DEVICE_BASE + sources::REG_ACK, 5, ns);
            q.write(INB1 + l::PAGE_COMPLETE_OFFSET, 5, ns);
            assert_eq!(q.lines & (1 << 5), 0);
        } else if q.next_sync == NO_SYNC {
            break;
        } else {
            ns = q.next_sync.max(ns);
            q.call(Kind::Sync, 0, 0, ns, 0);
        }
        ns += 100;
    }
    let (status, _) = q.read(DEVICE_BASE + sources::REG_STATUS, ns);
    assert_eq!(status, sources::STATUS_STARTED | sources::STATUS_DONE);
    let (driven3, _) = q.read(DEVICE_BASE + sources::REG_DRIVEN_SRC + 4 * 3, ns);
    let (driven5, _) = q.read(DEVICE_BASE + sources::REG_DRIVEN_SRC + 4 * 5, ns);
    assert_eq!((oob_claims, inb_claims), (driven3, driven5));
    assert_eq!((driven3, driven5), (4, 2), "40 µs of a 10 µs and a 20 µs source");
    drop(q);
    let out = h.join().unwrap().unwrap();
    assert_eq!(out.counters.late_line_changes, 0);
    assert_eq!(out.counters.error_responses, 0);
    assert!(out.counters.edges_skipped > out.counters.edges_evaluated, "{:?}", out.counters);
    let events: Vec<_> = out.record.events().collect();
    assert_eq!(events.len(), 6);
    // Every event's line rose within two edges of its cycle (spec §5).
    for (cycle, src) in events {
        let bit = if src == 3 { 0x01 } else { 0x20 };
        let rise = out.record.line_changes().find(|&(c, l)| c > cycle && l & bit != 0).expect("line rose");
        assert_eq!(rise.0, cycle + 2, "source {src} at {cycle}");
    }
}

/// QEMU's MemTxAttrs.secure reaches the router as AxPROT[1] (spec §8): a
/// Non-secure master (Linux) is refused on an oob page and its reads there
/// answer zero, while the same accesses from the Secure world act.
#[test]
fn a_quantum_from_start_leaves_the_time_before_the_load_alone() {
    let mut opts = Options::new(Scenario::from_toml(SCENARIO).unwrap());
    opts.quantum_ns = Some(500);
    opts.quantum_from_start = true;
    // start_with checks that the Hello asks for no sync.
    let (mut q, h) = start_with("quantum-from-start", opts);
    assert_eq!(q.read(l::GLOBAL_ID_OFFSET, 1_000).1, AxiResp::Okay);
    assert_eq!(q.next_sync, NO_SYNC, "before START: no quantum");
    assert_eq!(q.write(DEVICE_BASE + sources::REG_START, 1, 2_000), AxiResp::Okay);
    assert!(q.next_sync <= 2_500, "after START a sync within the quantum, asked for {}", q.next_sync);
    q.call(Kind::Sync, 0, 0, q.next_sync, 0);
    assert!(q.next_sync <= 3_000, "and again from there, asked for {}", q.next_sync);
    drop(q);
    h.join().unwrap().unwrap();
}

#[test]
fn the_security_state_of_each_access_reaches_the_router() {
    let (mut q, h) = start("trustzone");
    let ns_prot = PROT_NONSECURE | PROT_PRIVILEGED;
    let ns = 1_000;
    let stall = OOB0 + l::PAGE_STALL_OFFSET;
    // Non-secure: the oob page reads as zero (STALL is 1 at reset) and a
    // write to it is refused with OKAY + ERR.DENIED.
    assert_eq!(q.call(Kind::Read, ns_prot, stall, ns, 0).data, 0);
    assert_eq!(q.call(Kind::Write, ns_prot, stall, ns, 0).resp, AxiResp::Okay);
    assert_eq!(q.read(stall, ns), (1 << l::PAGE_STALL_STALL_LSB, AxiResp::Okay), "still stalled");
    let denied = 1 << l::GLOBAL_ERR_DENIED_LSB;
    assert_eq!(q.read(l::GLOBAL_ERR_OFFSET, ns).0, denied);
    // GLOBAL.STATUS.SECURE tells each world which one it is.
    let secure_bit = 1 << l::GLOBAL_STATUS_SECURE_LSB;
    assert_eq!(q.read(l::GLOBAL_STATUS_OFFSET, ns).0 & secure_bit, secure_bit);
    assert_eq!(q.call(Kind::Read, ns_prot, l::GLOBAL_STATUS_OFFSET, ns, 0).data & secure_bit, 0);
    // Secure: the same write acts, and only Secure clears DENIED.
    assert_eq!(q.write(stall, 0, ns), AxiResp::Okay);
    assert_eq!(q.read(stall, ns).0, 0);
    q.call(Kind::Write, ns_prot, l::GLOBAL_ERR_OFFSET, ns, denied as u64);
    assert_eq!(q.read(l::GLOBAL_ERR_OFFSET, ns).0, denied);
    q.write(l::GLOBAL_ERR_OFFSET, denied, ns);
    assert_eq!(q.read(l::GLOBAL_ERR_OFFSET, ns).0, 0);
    drop(q);
    let out = h.join().unwrap().unwrap();
    let prots: Vec<u8> = out.record.accesses().map(|a| a.prot).collect();
    assert!(prots.contains(&ns_prot) && prots.contains(&PROT_PRIVILEGED), "{prots:?}");
}

#[test]
fn accesses_are_served_at_qemu_time_and_never_go_back() {
    let (mut q, h) = start("time");
    // 10 ns a cycle at 100 MHz: CYCLE_LO at 1 ms reads 100 000 + the few
    // edges the read takes to reach the router.
    let (c1, _) = q.read(l::GLOBAL_CYCLE_LO_OFFSET, 1_000_000);
    assert!((100_000..100_004).contains(&c1), "{c1}");
    // An access stamped earlier than the router's time runs at once.
    let (c2, _) = q.read(l::GLOBAL_CYCLE_LO_OFFSET, 5);
    assert!(c2 > c1 && c2 < c1 + 20, "{c1} {c2}");
    drop(q);
    let out = h.join().unwrap().unwrap();
    let a: Vec<_> = out.record.accesses().collect();
    assert_eq!(a[0].cycle, 100_000);
    assert!(a[1].cycle > a[0].cycle);
}

#[test]
fn the_window_decodes_router_device_and_nothing() {
    let (mut q, h) = start("decode");
    assert_eq!(q.read(l::OOB_BASE + 7 * l::PAGE_STRIDE, 10).1, AxiResp::DecErr, "router: no page 7 with NCPU 4");
    assert_eq!(q.read(DEVICE_BASE, 10), (sources::ID, AxiResp::Okay));
    assert_eq!(q.read(DEVICE_BASE + 0x800, 10).1, AxiResp::SlvErr);
    assert_eq!(q.read(0x3_0000, 10).1, AxiResp::DecErr, "nothing decodes there");
    assert_eq!(q.write(0x3_0000, 1, 10), AxiResp::DecErr);
    // AxPROT is carried to the router (RTL 1.0 ignores it: spec §1).
    assert_eq!(q.call(Kind::Read, PROT_NONSECURE, 0, 10, 0).data, l::GLOBAL_ID_RESET);
    drop(q);
    let out = h.join().unwrap().unwrap();
    assert_eq!(out.counters.error_responses, 4);
    let prots: Vec<u8> = out.record.accesses().map(|a| a.prot).collect();
    assert_eq!(prots.last(), Some(&PROT_NONSECURE));
}

#[test]
fn a_wrong_protocol_version_is_refused_with_a_message() {
    let path = socket("version");
    let opts = Options::new(Scenario::from_toml(SCENARIO).unwrap());
    let h = router_bridge::spawn(&path, opts, Duration::from_secs(30)).unwrap();
    let mut s = UnixStream::connect(&path).unwrap();
    let req = Request { kind: Kind::Hello, size: 4, prot: 0, addr: 0, time_ns: 0, data: VERSION + 1, extra: 0 };
    s.write_all(&req.encode()).unwrap();
    let err = h.join().unwrap().unwrap_err();
    assert!(err.contains("protocol 2") && err.contains("build-qemu.sh"), "{err}");
    // QEMU then sees the connection closed.
    let mut b = [0u8; FRAME];
    assert_eq!(s.read(&mut b).unwrap(), 0);
}

#[test]
fn no_qemu_connecting_is_an_error_not_a_hang() {
    let path = socket("noconnect");
    let opts = Options::new(Scenario::from_toml(SCENARIO).unwrap());
    let h = router_bridge::spawn(&path, opts, Duration::from_millis(300)).unwrap();
    let err = h.join().unwrap().unwrap_err();
    assert!(err.contains("no QEMU connected"), "{err}");
}

#[test]
fn record_text_round_trips_a_real_run() {
    let (mut q, h) = start("record");
    q.read(0, 100);
    q.write(DEVICE_BASE + sources::REG_START, 1, 200);
    let t = q.next_sync;
    q.call(Kind::Sync, 0, 0, t, 0);
    drop(q);
    let out = h.join().unwrap().unwrap();
    let text = out.record.to_text();
    assert_eq!(router_bridge::Record::parse(&text).unwrap(), out.record);
    assert!(text.contains("\nstart ") && text.contains("\nsync ") && text.contains("\nevent "), "{text}");
}

/// The QEMU device (C) and this crate agree on the wire format.
#[test]
fn the_qemu_device_uses_these_constants() {
    let c = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../qemu-router/irq-router-bridge.c")).unwrap();
    let define = |name: &str| -> String {
        let line = c
            .lines()
            .find(|l| l.starts_with(&format!("#define {name} ")))
            .unwrap_or_else(|| panic!("{name} not defined in irq-router-bridge.c"));
        line.split_whitespace().nth(2).unwrap().to_string()
    };
    assert_eq!(define("RB_PROTOCOL_VERSION"), VERSION.to_string());
    assert_eq!(define("RB_FRAME_SIZE"), FRAME.to_string());
    assert_eq!(define("RB_HELLO"), (Kind::Hello as u8).to_string());
    assert_eq!(define("RB_READ"), (Kind::Read as u8).to_string());
    assert_eq!(define("RB_WRITE"), (Kind::Write as u8).to_string());
    assert_eq!(define("RB_SYNC"), (Kind::Sync as u8).to_string());
    assert_eq!(define("RB_RESP_OKAY"), (AxiResp::Okay as u8).to_string());
    assert_eq!(define("RB_RESP_SLVERR"), (AxiResp::SlvErr as u8).to_string());
    assert_eq!(define("RB_RESP_DECERR"), (AxiResp::DecErr as u8).to_string());
    assert_eq!(define("RB_NO_SYNC"), "UINT64_MAX");
    assert_eq!(NO_SYNC, u64::MAX);
    assert_eq!(define("RB_PROT_PRIVILEGED"), PROT_PRIVILEGED.to_string());
    assert_eq!(define("RB_PROT_NONSECURE"), PROT_NONSECURE.to_string());
}
