//! Mechanics of the harness against the real RTL: bus access, reset, trace
//! files, bus timeouts, lockstep reports. The router's behaviour itself is
//! tested elsewhere.

use router_sim::axi_check::AxiChecker;
use router_sim::{AxiMaster, Config, Lockstep, Params, PinsIn, PinsOut, ReadOpts, Resp, RouterPins, RouterRtl, WriteOpts};
use std::path::PathBuf;

const GLOBAL_ID: u32 = 0x0;
const ID_VALUE: u32 = 0x4952_5152;

#[test]
fn global_id_reads_okay_in_every_config() {
    for cfg in Config::ALL {
        let mut m = AxiMaster::new(RouterRtl::new(cfg).unwrap());
        assert_eq!(m.read(GLOBAL_ID), (ID_VALUE, Resp::Okay), "{cfg:?}");
    }
}

/// The master's back-pressure options, checked edge by edge by the AXI
/// protocol checker (master and slave obligations).
#[test]
fn master_options_keep_the_protocol() {
    let mut m = AxiMaster::new(RouterRtl::new(Config::C32x4x8).unwrap());
    let mut check = AxiChecker::new();
    m.on_edge(move |e| {
        if let Err(v) = check.edge(&e.inp, &e.before, &e.after) {
            panic!("{v}");
        }
    });
    let d = m.read_full(GLOBAL_ID, &ReadOpts { ar_delay: 2, r_delay: 5, ..ReadOpts::default() });
    assert_eq!((d.data, d.resp), (ID_VALUE, Resp::Okay));
    assert_eq!(d.ar_edge, 3);
    assert!(d.r_edge >= d.ar_edge + 6, "{d:?}");
    // ID is read-only: SLVERR, whichever of AW and W comes first.
    for (aw_delay, w_delay) in [(0, 0), (3, 0), (0, 3)] {
        let o = WriteOpts { aw_delay, w_delay, b_delay: 2, ..WriteOpts::default() };
        let w = m.write_full(GLOBAL_ID, 0, &o);
        assert_eq!(w.resp, Resp::SlvErr, "{o:?}");
        assert!(w.b_edge >= w.bvalid_edge + 2, "{w:?}");
    }
    let (w, r) = m.write_read(GLOBAL_ID, 0, &WriteOpts::default(), GLOBAL_ID, &ReadOpts::default());
    assert_eq!((w.resp, r.data, r.resp), (Resp::SlvErr, ID_VALUE, Resp::Okay));
    m.set_src(0xFFFF_0000);
    assert_eq!(m.read(GLOBAL_ID), (ID_VALUE, Resp::Okay));
}

#[test]
fn lockstep_with_the_reference_model_in_every_config() {
    for cfg in Config::ALL {
        let p = cfg.params();
        let pair = Lockstep::new(RouterRtl::new(p).unwrap(), router_model::RouterModel::new(p).unwrap());
        let mut m = AxiMaster::new(pair);
        m.set_src(0x5A5A);
        m.reset();
        assert_eq!(m.read(GLOBAL_ID), (ID_VALUE, Resp::Okay), "{cfg:?}");
        m.idle(20);
    }
}

#[test]
fn reset_leaves_lines_low_and_the_bus_idle() {
    let idle = |o: &PinsOut| {
        o.irq_oob == 0 && o.irq_inb == 0 && o.awready && o.wready && o.arready && !o.bvalid && !o.rvalid
    };
    let mut rtl = RouterRtl::new(Config::C32x4x8).unwrap();
    assert!(idle(&rtl.outputs()), "after new(): {:?}", rtl.outputs());
    // Sources toggling, a read left half-done, then reset again.
    for k in 0..20u32 {
        let inp = PinsIn { src: u128::from(k.wrapping_mul(0x9E37_79B9)), arvalid: k == 3, ..PinsIn::idle() };
        rtl.step(&PinsIn { rready: false, ..inp });
    }
    rtl.reset();
    assert!(idle(&rtl.outputs()), "after reset(): {:?}", rtl.outputs());
    let out = rtl.step(&PinsIn::idle());
    assert!(idle(&out), "one edge after reset: {out:?}");
}

fn tmp_path(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("router-sim-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

/// Child half of `router_trace_env_var_writes_a_waveform`: runs only when
/// that test starts this binary again with ROUTER_TRACE set.
#[test]
#[ignore]
fn trace_child() {
    if std::env::var_os("ROUTER_TRACE").is_none() {
        return;
    }
    let mut m = AxiMaster::new(RouterRtl::new(Config::C8x1x1).unwrap());
    m.set_src(0b1010);
    assert_eq!(m.read(GLOBAL_ID).1, Resp::Okay);
    m.idle(10);
    // A second model in the same process writes a numbered file.
    let second = RouterRtl::new(Config::C8x1x1).unwrap();
    assert!(second.trace_path().unwrap().to_string_lossy().contains(".1."));
}

#[test]
fn router_trace_env_var_writes_a_waveform() {
    let ext = router_sim::TRACE_EXT;
    let path = tmp_path(&format!("env.{ext}"));
    let _ = std::fs::remove_file(&path);
    let child = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--ignored", "--exact", "trace_child", "--test-threads=1"])
        .env("ROUTER_TRACE", &path)
        .output()
        .unwrap();
    assert!(
        child.status.success(),
        "child test failed:\n{}{}",
        String::from_utf8_lossy(&child.stdout),
        String::from_utf8_lossy(&child.stderr)
    );
    let text = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(text.len() > 1000, "{} is only {} bytes", path.display(), text.len());
    if ext == "vcd" {
        let s = String::from_utf8_lossy(&text);
        assert!(s.contains("$enddefinitions") && s.contains("s_axil_araddr"), "not a VCD of the router");
        // 1 reset edge + the read + 10 idle edges, two samples per edge.
        assert!(s.matches("\n#").count() >= 2 * 12, "too few time steps");
    }
    let second = PathBuf::from(format!("{}", path.with_extension(format!("1.{ext}")).display()));
    assert!(second.exists(), "{} missing", second.display());
    let _ = std::fs::remove_dir_all(path.parent().unwrap());
}

/// Passes everything through but never shows ARREADY: a slave that hangs.
struct NoArready(RouterRtl);

impl RouterPins for NoArready {
    fn params(&self) -> Params {
        self.0.params()
    }
    fn reset(&mut self) {
        self.0.reset()
    }
    fn step(&mut self, inp: &PinsIn) -> PinsOut {
        // The slave never sees ARVALID either, so it stays consistent.
        let out = self.0.step(&PinsIn { arvalid: false, ..*inp });
        PinsOut { arready: false, ..out }
    }
    fn outputs(&self) -> PinsOut {
        PinsOut { arready: false, ..self.0.outputs() }
    }
}

#[test]
#[should_panic(expected = "AR channel timed out")]
fn a_hung_bus_panics_with_the_channel_name() {
    let mut m = AxiMaster::new(NoArready(RouterRtl::new(Config::C32x4x8).unwrap()));
    m.timeout = 50;
    m.read(GLOBAL_ID);
}

/// Adds one to RDATA whenever RVALID is high: a wrong implementation.
struct OffByOne(RouterRtl);

impl RouterPins for OffByOne {
    fn params(&self) -> Params {
        self.0.params()
    }
    fn reset(&mut self) {
        self.0.reset()
    }
    fn step(&mut self, inp: &PinsIn) -> PinsOut {
        let mut o = self.0.step(inp);
        o.rdata = o.rdata.wrapping_add(o.rvalid as u32);
        o
    }
    fn outputs(&self) -> PinsOut {
        let mut o = self.0.outputs();
        o.rdata = o.rdata.wrapping_add(o.rvalid as u32);
        o
    }
}

#[test]
fn lockstep_agrees_with_itself_and_reports_a_difference_precisely() {
    let same = Lockstep::new(RouterRtl::new(Config::C8x1x1).unwrap(), RouterRtl::new(Config::C8x1x1).unwrap());
    let mut m = AxiMaster::new(same);
    m.set_src(0xA5);
    assert_eq!(m.read(GLOBAL_ID), (ID_VALUE, Resp::Okay));

    let pair = Lockstep::new(RouterRtl::new(Config::C8x1x1).unwrap(), OffByOne(RouterRtl::new(Config::C8x1x1).unwrap()));
    let mut m = AxiMaster::new(pair);
    let err = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| m.read(GLOBAL_ID))).unwrap_err();
    let msg = err.downcast_ref::<String>().cloned().unwrap_or_default();
    assert!(msg.contains("lockstep mismatch"), "{msg}");
    assert!(msg.contains("rdata: RouterRtl = 0x49525152, OffByOne = 0x49525153"), "{msg}");
    assert!(msg.contains("edge 1 since creation"), "{msg}");
}
