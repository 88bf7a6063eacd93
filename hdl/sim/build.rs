//! Verilates `irq_router` in several parameter configurations and links them,
//! with Verilator's runtime and the C++ wrapper in `csrc/`, into this crate.
//!
//! Flow per configuration (in parallel threads): `verilator --cc` into
//! `$OUT_DIR/<prefix>/`, read the generated file list from
//! `<prefix>_classes.mk`, then compile everything with the `cc` crate (its
//! `parallel` feature spreads the files over the jobserver's CPUs).
//!
//! Environment (all optional):
//! - `VERILATOR`: the verilator binary (default: `verilator` on PATH).
//! - `ROUTER_RTL_DIR`: directory whose `*.sv` files are the RTL (default
//!   `../rtl`). Files named `*_pkg.sv` are passed first.
//! - `ROUTER_RTL_EXTRA`: `:`-separated extra `.sv` files passed before the
//!   directory's files; a directory file with the same name is skipped. For
//!   stand-ins kept outside the repository while the RTL is incomplete.
//! - `ROUTER_SIM_CONFIGS`: comma-separated list that replaces the built
//!   configurations, each `NSRCxNCPUxNIPIxTSW` with optional suffixes
//!   `-lean` (STATS=0, OVRW=1) and `-fast` (the fast build variant below),
//!   e.g. `32x4x8x16,32x4x8x16-fast` for a quick loop.
//! - `ROUTER_SIM_OPT`: C++ optimisation level (`0`..`3`, `g`, `s`) of the hot
//!   model code (default `1`).
//! - `ROUTER_SIM_REF_RTL`: a directory holding another version of the RTL
//!   (e.g. the 1.0 router, which `scripts/bench-compare.sh` exports from
//!   git), built once more as the *reference* 32x4x8x16 configuration
//!   ([`RouterRtl::reference`]) so a benchmark can measure before and after
//!   in one run. Its own register package and parameters are used as found.
//! - `ROUTER_SIM_FORMAL`: `1`/`0` forces the RTL's `ifdef FORMAL` properties
//!   on/off in the checked builds (default: on when `irq_router_props.svh`
//!   exists in the RTL dir).
//!
//! Two build variants of a configuration:
//! - *checked*: the RTL as synthesis sees it, with the formal properties
//!   (`+define+FORMAL`) and `--assert`, so every edge of a test also checks
//!   them. Built for test and dev profiles only.
//! - *fast*: `+define+IRQR_FAST_SIM` (the RTL's word-level simulation forms
//!   of its bitwise muxes and counters), no properties, no `--assert`: for
//!   long random runs, benchmarks and the co-simulation. Built for every
//!   profile; release and bench profiles build only these.
//! The lockstep tests run both variants against the model, so both forms of
//! the RTL are checked.

use std::collections::BTreeSet;
use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::thread;

/// The configurations built by default: (NSRC, NCPU, NIPI, TSW, lean, fast).
/// The Rust `Config` enum in src/lib.rs names them. Checked builds (fast =
/// false) are left out of release and bench profiles.
const DEFAULT_CONFIGS: &[(u32, u32, u32, u32, bool, bool)] = &[
    (32, 4, 8, 16, false, false),  // the default parameters of spec §1
    (32, 4, 8, 16, true, false),   // the same, lean
    (8, 1, 1, 8, false, false),    // every parameter at its minimum
    (128, 8, 16, 32, false, false), // every parameter at its maximum
    (32, 4, 8, 16, false, true),   // fast builds of the default, full and lean
    (32, 4, 8, 16, true, true),
];

#[derive(Clone, Debug)]
struct Cfg {
    nsrc: u32,
    ncpu: u32,
    nipi: u32,
    tsw: u32,
    /// STATS = 0, OVRW = 1 (else STATS = 1, OVRW = 8).
    lean: bool,
    /// The fast variant (see the module comment).
    fast: bool,
    /// Built from ROUTER_SIM_REF_RTL (the reference RTL) instead.
    reference: bool,
}

impl Cfg {
    /// Suffix used for the Verilator prefix and the C constructor name.
    fn ident(&self) -> String {
        format!(
            "{}r{}x{}x{}t{}{}{}",
            if self.reference { "ref_" } else { "" },
            self.nsrc,
            self.ncpu,
            self.nipi,
            self.tsw,
            if self.lean { "l" } else { "f" },
            if self.fast { "_fast" } else { "" }
        )
    }
    fn prefix(&self) -> String {
        format!("V{}", self.ident())
    }
    fn describe(&self) -> String {
        format!(
            "NSRC={} NCPU={} NIPI={} TSW={} {}{}",
            self.nsrc,
            self.ncpu,
            self.nipi,
            self.tsw,
            if self.lean { "lean" } else { "full" },
            if self.fast { " (fast build)" } else { "" }
        )
    }
}

fn main() {
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    let out = PathBuf::from(env::var("OUT_DIR").unwrap());
    let fst = env::var_os("CARGO_FEATURE_FST").is_some();

    for var in [
        "VERILATOR",
        "VERILATOR_ROOT",
        "ROUTER_RTL_DIR",
        "ROUTER_RTL_EXTRA",
        "ROUTER_SIM_CONFIGS",
        "ROUTER_SIM_OPT",
        "ROUTER_SIM_FORMAL",
        "ROUTER_SIM_REF_RTL",
    ] {
        println!("cargo:rerun-if-env-changed={var}");
    }
    println!("cargo:rerun-if-changed=build.rs");
    for f in ["csrc/wrapper.cpp", "csrc/rs_sim.h", "csrc/rs_hooks.h"] {
        println!("cargo:rerun-if-changed={f}");
    }

    let verilator = env::var("VERILATOR").unwrap_or_else(|_| "verilator".into());
    let vroot = verilator_root(&verilator);
    let vinc = vroot.join("include");

    // ---- RTL sources -------------------------------------------------------
    let rtl_dir = env::var_os("ROUTER_RTL_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest.join("../rtl"));
    let rtl_dir = rtl_dir.canonicalize().unwrap_or_else(|e| {
        fail(&format!("RTL directory {} not found: {e}", rtl_dir.display()))
    });
    let extra: Vec<PathBuf> = env::var("ROUTER_RTL_EXTRA")
        .ok()
        .map(|s| s.split(':').filter(|p| !p.is_empty()).map(PathBuf::from).collect())
        .unwrap_or_default();
    let sources = rtl_sources(&rtl_dir, &extra);
    // A props include the RTL pulls in under `ifdef FORMAL` (immediate
    // assertions): simulate them when the file is there.
    // ROUTER_SIM_FORMAL=0/1 forces it off/on.
    let formal = match env::var("ROUTER_SIM_FORMAL").as_deref() {
        Ok("0") => false,
        Ok("1") => true,
        _ => rtl_dir.join("irq_router_props.svh").exists(),
    };

    // ---- configurations ----------------------------------------------------
    // Checked builds only where tests run: release and bench profiles (the
    // long runs, benchmarks, the co-simulation) get the fast builds alone.
    let release = env::var("PROFILE").as_deref() == Ok("release");
    println!("cargo:rerun-if-env-changed=PROFILE");
    let mut cfgs: Vec<Cfg> = configs().into_iter().filter(|c| c.fast || !release).collect();
    let ref_sources = env::var_os("ROUTER_SIM_REF_RTL").filter(|d| !d.is_empty()).map(|d| {
        let d = PathBuf::from(d).canonicalize().unwrap_or_else(|e| fail(&format!("ROUTER_SIM_REF_RTL: {e}")));
        rtl_sources(&d, &[])
    });
    if ref_sources.is_some() {
        cfgs.push(Cfg { nsrc: 32, ncpu: 4, nipi: 8, tsw: 16, lean: false, fast: true, reference: true });
    }
    if cfgs.is_empty() {
        fail("no configuration to build (a release build needs a `-fast` one in ROUTER_SIM_CONFIGS)");
    }
    let jobs: Vec<_> = cfgs
        .iter()
        .cloned()
        .map(|c| {
            let dir = out.join(c.prefix());
            let verilator = verilator.clone();
            let (sources, flags) = match (&ref_sources, c.reference) {
                (Some(r), true) => {
                    let dir = r[0].parent().unwrap().to_path_buf();
                    (r.clone(), verilator_flags(&dir, &[], false, true, fst))
                }
                _ => (sources.clone(), verilator_flags(&rtl_dir, &extra, formal && !c.fast, c.fast, fst)),
            };
            thread::spawn(move || verilate(&verilator, &c, &dir, &flags, &sources))
        })
        .collect();
    let mut generated = Vec::new();
    for (c, j) in cfgs.iter().zip(jobs) {
        let (fast, slow, global) = j.join().unwrap_or_else(|_| fail("verilator thread panicked"));
        generated.push((c.clone(), fast, slow, global));
    }

    // ---- C++ ---------------------------------------------------------------
    let mut runtime: BTreeSet<String> = BTreeSet::new();
    for (_, _, _, g) in &generated {
        runtime.extend(g.iter().cloned());
    }
    // Always present, whatever the .mk says.
    runtime.insert("verilated".into());
    runtime.insert("verilated_threads".into());
    runtime.insert(if fst { "verilated_fst_c" } else { "verilated_vcd_c" }.into());

    let csrc = manifest.join("csrc");
    let opt_hot = env::var("ROUTER_SIM_OPT").unwrap_or_else(|_| "1".into());

    // Unity builds: Verilator's files are many and each one re-parses the
    // same big headers (~1 s per file), so the files of one configuration
    // and kind are concatenated into a few translation units (as Verilator's
    // own makefile does without VM_PARALLEL_BUILDS), split by size so that
    // both cores stay busy. Hot code (eval) is optimised; code that runs once
    // (constructors, initial settle, trace declarations) or only while
    // tracing (trace dumps) is compiled at -O0, which halves the build time.
    // (file, opt level, hash of what it includes besides the system and
    // Verilator headers): the key of the object cache below.
    let mut units: Vec<(PathBuf, String, u128)> = Vec::new();
    let mut dir_hashes = std::collections::HashMap::new();
    for (c, fast, slow, _) in &generated {
        let dir = out.join(c.prefix());
        let ctor = dir.join(format!("rs_{}.cpp", c.ident()));
        let arm = if one_eval_ok(&dir, &c.prefix()) {
            format!(
                "#include \"{p}___024root.h\"\n\
                 // build.rs checked: the only trigger is posedge clk, as clk & !__Vtrigrprev__TOP__clk\n\
                 struct RsArm_{id} {{\n\
                 \tstatic constexpr bool ok = true;\n\
                 \tstatic void arm({p}& m) {{ m.rootp->__Vtrigrprev__TOP__clk = 0; }}\n}};\n",
                p = c.prefix(),
                id = c.ident()
            )
        } else {
            format!("typedef RsNoArm RsArm_{};\n", c.ident())
        };
        let text = format!(
            "// generated by router-sim's build.rs\n#include \"{p}.h\"\n#include \"{p}___024root.h\"\n#include \"rs_sim.h\"\n{arm}\
             extern \"C\" RsSimBase* rs_new_{id}(const char* trace, char* err, size_t errlen) {{\n\
             \treturn rs_make<{p}, RsArm_{id}>(trace, err, errlen);\n}}\n",
            p = c.prefix(),
            id = c.ident()
        );
        write_if_changed(&ctor, &text);
        dir_hashes.insert(dir.clone(), hash_sources(&dir));
        let cpp = |names: &[String]| -> Vec<PathBuf> {
            names.iter().map(|n| dir.join(format!("{n}.cpp"))).collect()
        };
        let (trace_fast, hot): (Vec<PathBuf>, Vec<PathBuf>) =
            cpp(fast).into_iter().partition(|p| p.to_string_lossy().contains("__Trace__"));
        let mut hot = hot;
        hot.push(ctor);
        let mut cold = cpp(slow);
        cold.extend(trace_fast);
        for (kind, files, opt, limit) in
            [("hot", hot, opt_hot.as_str(), 2_000_000u64), ("cold", cold, "0", 3_000_000)]
        {
            for (k, group) in chunk_by_size(files, limit).into_iter().enumerate() {
                let unit = dir.join(format!("rs_unity_{kind}_{k}.cpp"));
                let mut text = String::from("// generated by router-sim's build.rs\n");
                for f in &group {
                    // By name (same directory): no OUT_DIR path in the text,
                    // so the object cache can share it between profiles.
                    writeln!(text, "#include \"{}\"", f.file_name().unwrap().to_string_lossy()).unwrap();
                }
                write_if_changed(&unit, &text);
                units.push((unit, opt.to_string(), dir_hashes[&dir]));
            }
        }
    }
    for name in &runtime {
        units.push((vinc.join(format!("{name}.cpp")), "1".into(), 0));
    }
    let wrapper_hash = fnv128(&fs::read(csrc.join("wrapper.cpp")).unwrap_or_default());
    units.push((csrc.join("wrapper.cpp"), "1".into(), wrapper_hash));

    let base = |opt_level: &str| {
        let mut b = cc::Build::new();
        b.cpp(true)
            .std("c++17")
            .opt_level_str(opt_level)
            .debug(false)
            .warnings(false)
            .cargo_metadata(false)
            .include(&vinc)
            .include(vinc.join("vltstd"))
            .include(&csrc)
            .define("VM_COVERAGE", "0")
            .define("VM_SC", "0")
            .define("VM_TRACE", "1")
            .define("VM_TRACE_FST", if fst { "1" } else { "0" })
            .define("VM_TRACE_VCD", if fst { "0" } else { "1" })
            .define("VL_USER_STOP", None)
            .define("VL_USER_FATAL", None)
            .define("VL_USER_FINISH", None)
            .define("VL_PRINTF", "rs_vl_printf")
            .flag("-include")
            .flag(csrc.join("rs_hooks.h").to_str().unwrap())
            // Verilator's CFG_CXXFLAGS_NO_UNUSED (gcc and clang accept them).
            .flag("-faligned-new")
            .flag("-Wno-sign-compare")
            .flag("-Wno-uninitialized")
            .flag("-Wno-unused-parameter")
            .flag("-Wno-unused-variable")
            .flag("-Wno-shadow");
        for (c, ..) in &generated {
            b.include(out.join(c.prefix()));
        }
        b
    };

    // Object cache shared by every profile (dev, test, release, clippy each
    // run this script in their own OUT_DIR) and kept across RTL edits (the
    // runtime does not change): objects are stored under a hash of the
    // compiler command line (minus OUT_DIR paths), the Verilator version,
    // the csrc headers and the unit's own sources.
    let cache = object_cache_dir(&out);
    let mut common = String::new();
    let _ = write!(common, "{:?}|{}|", verilator_version(&verilator), vroot.display());
    for h in ["rs_sim.h", "rs_hooks.h"] {
        common += &String::from_utf8_lossy(&fs::read(csrc.join(h)).unwrap_or_default());
    }
    let out_str = out.to_string_lossy().into_owned();
    let tool_key = |b: &cc::Build| -> String {
        let t = b.get_compiler();
        let args: Vec<String> = t
            .args()
            .iter()
            .map(|a| a.to_string_lossy().into_owned())
            .filter(|a| !a.contains(&out_str))
            .collect();
        format!("{}|{args:?}", t.path().display())
    };

    // One cc::Build per optimisation level for the units not in the cache,
    // biggest first, all builds at once (cc's parallel feature shares
    // cargo's jobserver between them).
    let mut objs: Vec<PathBuf> = Vec::new();
    let mut todo: Vec<(String, Vec<(PathBuf, PathBuf)>)> = Vec::new(); // opt -> (src, cache obj)
    let mut keys: Vec<(String, String)> = Vec::new();
    for (file, opt, content) in units {
        let tk = match keys.iter().find(|(o, _)| *o == opt) {
            Some((_, k)) => k.clone(),
            None => {
                let k = tool_key(&base(&opt));
                keys.push((opt.clone(), k.clone()));
                k
            }
        };
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let key = fnv128(format!("{common}|{tk}|{name}|{content:032x}").as_bytes());
        let cached = cache.as_ref().map(|d| d.join(format!("{key:032x}.o")));
        match cached {
            Some(c) if c.exists() => objs.push(c),
            _ => {
                let dst = cached.unwrap_or_default();
                match todo.iter_mut().find(|(o, _)| *o == opt) {
                    Some((_, v)) => v.push((file, dst)),
                    None => todo.push((opt, vec![(file, dst)])),
                }
            }
        }
    }
    let mut compiled = 0;
    let builds: Vec<(cc::Build, Vec<PathBuf>)> = todo
        .into_iter()
        .map(|(opt, mut files)| {
            files.sort_by_key(|(f, _)| std::cmp::Reverse(unit_size(f)));
            compiled += files.len();
            let mut b = base(&opt);
            b.files(files.iter().map(|(f, _)| f));
            (b, files.into_iter().map(|(_, d)| d).collect())
        })
        .collect();
    thread::scope(|s| {
        let hs: Vec<_> = builds
            .iter()
            .map(|(b, dsts)| s.spawn(move || (b.try_compile_intermediates(), dsts)))
            .collect();
        for h in hs {
            let (res, dsts) = h.join().unwrap();
            let made = res.unwrap_or_else(|e| fail(&format!("C++ compilation failed: {e}")));
            assert_eq!(made.len(), dsts.len());
            for (obj, dst) in made.into_iter().zip(dsts) {
                objs.push(if dst.as_os_str().is_empty() { obj } else { store(&obj, dst.clone()) });
            }
        }
    });
    if let Some(c) = &cache {
        prune_cache(c, &objs);
    }
    let mut lib = base("0");
    lib.cargo_metadata(true).objects(&objs);
    lib.compile("router_sim_verilated");
    let _ = fs::write(
        out.join("build-summary.txt"),
        format!("{} C++ units compiled, {} from the cache {:?}\n", compiled, objs.len() - compiled, cache),
    );
    println!("cargo:rustc-link-lib=pthread");
    if fst {
        println!("cargo:rustc-link-lib=z");
    }

    // ---- Rust table of configurations --------------------------------------
    let mut rs = String::from("// generated by build.rs\n");
    rs.push_str("extern \"C\" {\n");
    for (c, ..) in &generated {
        writeln!(
            rs,
            "    fn rs_new_{}(trace: *const c_char, err: *mut c_char, errlen: usize) -> *mut RawSim;",
            c.ident()
        )
        .unwrap();
    }
    rs.push_str("}\n\n/// The configurations compiled into this crate.\npub(crate) static BUILT: &[Built] = &[\n");
    for (c, ..) in &generated {
        writeln!(
            rs,
            "    Built {{ params: Params {{ nsrc: {}, ncpu: {}, nipi: {}, tsw: {}, stats: {}, ovrw: {} }}, fast: {}, reference: {}, new: rs_new_{} }},",
            c.nsrc,
            c.ncpu,
            c.nipi,
            c.tsw,
            !c.lean,
            if c.lean { 1 } else { 8 },
            c.fast,
            c.reference,
            c.ident()
        )
        .unwrap();
    }
    rs.push_str("];\n");
    write_if_changed(&out.join("configs.rs"), &rs);
}

fn fail(msg: &str) -> ! {
    eprintln!("\nrouter-sim build error: {msg}\n");
    std::process::exit(1);
}

fn write_if_changed(path: &Path, text: &str) {
    if fs::read_to_string(path).ok().as_deref() != Some(text) {
        fs::write(path, text).unwrap_or_else(|e| fail(&format!("writing {}: {e}", path.display())));
    }
}

fn verilator_root(verilator: &str) -> PathBuf {
    if let Some(r) = env::var_os("VERILATOR_ROOT") {
        return PathBuf::from(r);
    }
    let out = Command::new(verilator).arg("--getenv").arg("VERILATOR_ROOT").output();
    match out {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            fail("verilator not found: run scripts/setup.sh or apt-get install verilator")
        }
        Err(e) => fail(&format!("cannot run {verilator}: {e}")),
        Ok(o) if !o.status.success() => fail(&format!(
            "`{verilator} --getenv VERILATOR_ROOT` failed: {}",
            String::from_utf8_lossy(&o.stderr)
        )),
        Ok(o) => {
            let root = PathBuf::from(String::from_utf8_lossy(&o.stdout).trim());
            if !root.join("include/verilated.cpp").exists() {
                fail(&format!("VERILATOR_ROOT {} has no include/verilated.cpp", root.display()));
            }
            root
        }
    }
}

fn configs() -> Vec<Cfg> {
    match env::var("ROUTER_SIM_CONFIGS") {
        Ok(s) if !s.trim().is_empty() => s
            .split(',')
            .map(|item| {
                let mut parts = item.trim().split('-');
                let n: Vec<u32> =
                    parts.next().unwrap_or("").split('x').filter_map(|v| v.parse().ok()).collect();
                if n.len() != 4 {
                    fail(&format!(
                        "ROUTER_SIM_CONFIGS entry `{item}` is not NSRCxNCPUxNIPIxTSW[-lean][-fast]"
                    ));
                }
                let (mut lean, mut fast) = (false, false);
                for p in parts {
                    match p {
                        "lean" => lean = true,
                        "fast" => fast = true,
                        other => fail(&format!("ROUTER_SIM_CONFIGS entry `{item}`: unknown suffix `-{other}`")),
                    }
                }
                Cfg { nsrc: n[0], ncpu: n[1], nipi: n[2], tsw: n[3], lean, fast, reference: false }
            })
            .collect(),
        _ => DEFAULT_CONFIGS
            .iter()
            .map(|&(nsrc, ncpu, nipi, tsw, lean, fast)| Cfg { nsrc, ncpu, nipi, tsw, lean, fast, reference: false })
            .collect(),
    }
}

/// `*.sv` of the RTL directory (packages first, then by name) after the
/// extra files; every file of the directory is watched for changes.
fn rtl_sources(dir: &Path, extra: &[PathBuf]) -> Vec<PathBuf> {
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| fail(&format!("reading {}: {e}", dir.display())))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
    }
    for f in extra {
        if !f.exists() {
            fail(&format!("ROUTER_RTL_EXTRA file {} does not exist", f.display()));
        }
        println!("cargo:rerun-if-changed={}", f.display());
    }
    let extra_names: Vec<_> = extra.iter().filter_map(|p| p.file_name()).collect();
    let mut sv: Vec<PathBuf> = files
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "sv"))
        .filter(|p| !extra_names.contains(&p.file_name().unwrap()))
        .collect();
    let is_pkg = |p: &PathBuf| p.file_stem().unwrap().to_string_lossy().ends_with("_pkg");
    sv.sort_by_key(|p| (!is_pkg(p), p.clone()));
    let mut all: Vec<PathBuf> = extra.to_vec();
    all.sort_by_key(|p| !is_pkg(p));
    all.extend(sv);
    if !all.iter().any(|p| p.file_name().is_some_and(|n| n == "irq_router.sv")) {
        fail(&format!("no irq_router.sv among the RTL sources in {}", dir.display()));
    }
    all
}

fn verilator_flags(rtl_dir: &Path, extra: &[PathBuf], formal: bool, fast: bool, fst: bool) -> Vec<String> {
    let mut f: Vec<String> = [
        "--cc",
        "-O3",
        "--x-assign",
        "fast",
        "--x-initial",
        "fast",
        if fst { "--trace-fst" } else { "--trace" },
        "--top-module",
        "irq_router",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    f.push(format!("-I{}", rtl_dir.display()));
    for e in extra {
        if let Some(d) = e.parent() {
            f.push(format!("-I{}", d.display()));
        }
    }
    if formal {
        f.push("+define+FORMAL".into());
    }
    if fast {
        f.push("+define+IRQR_FAST_SIM".into());
    } else {
        f.push("--assert".into());
    }
    f
}

/// Runs verilator for one configuration; returns the generated fast and slow
/// file stems and the runtime files the model needs.
fn verilate(
    verilator: &str,
    c: &Cfg,
    dir: &Path,
    common: &[String],
    sources: &[PathBuf],
) -> (Vec<String>, Vec<String>, Vec<String>) {
    let prefix = c.prefix();
    // Stale files of an earlier run would be compiled too: start clean.
    let _ = fs::remove_dir_all(dir);
    fs::create_dir_all(dir).unwrap();
    let mut cmd = Command::new(verilator);
    cmd.args(common)
        .arg(format!("-GNSRC={}", c.nsrc))
        .arg(format!("-GNCPU={}", c.ncpu))
        .arg(format!("-GNIPI={}", c.nipi))
        .arg(format!("-GTSW={}", c.tsw))
        .args(if c.reference {
            vec![]
        } else {
            vec![format!("-GSTATS={}", if c.lean { 0 } else { 1 }), format!("-GOVRW={}", if c.lean { 1 } else { 8 })]
        })
        .arg("--prefix")
        .arg(&prefix)
        .arg("-Mdir")
        .arg(dir)
        .args(sources);
    let out = cmd.output().unwrap_or_else(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            fail("verilator not found: run scripts/setup.sh or apt-get install verilator")
        }
        fail(&format!("cannot run {verilator}: {e}"))
    });
    if !out.status.success() {
        fail(&format!(
            "verilator failed for {}:\n{:?}\n{}{}",
            c.describe(),
            cmd,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let mk_path = dir.join(format!("{prefix}_classes.mk"));
    let mk = fs::read_to_string(&mk_path)
        .unwrap_or_else(|e| fail(&format!("reading {}: {e}", mk_path.display())));
    let var = |name: &str| mk_list(&mk, name);
    let mut fast = var("VM_CLASSES_FAST");
    fast.extend(var("VM_SUPPORT_FAST"));
    let mut slow = var("VM_CLASSES_SLOW");
    slow.extend(var("VM_SUPPORT_SLOW"));
    let mut global = var("VM_GLOBAL_FAST");
    global.extend(var("VM_GLOBAL_SLOW"));
    if fast.is_empty() {
        fail(&format!("{} lists no VM_CLASSES_FAST", mk_path.display()));
    }
    (fast, slow, global)
}

/// True if the model's only scheduling trigger is `posedge clk`, in the form
/// Verilator 5.006 generates (`clk & ~__Vtrigrprev__TOP__clk`): then one eval
/// with clk high and that memory forced low takes exactly one rising edge.
fn one_eval_ok(dir: &Path, prefix: &str) -> bool {
    let header = fs::read_to_string(dir.join(format!("{prefix}___024root.h"))).unwrap_or_default();
    if !header.contains("__Vtrigrprev__TOP__clk;") {
        return false;
    }
    let mut code = String::new();
    for e in fs::read_dir(dir).unwrap().flatten() {
        if e.path().extension().is_some_and(|x| x == "cpp") {
            code.extend(fs::read_to_string(e.path()).unwrap_or_default().chars().filter(|c| !c.is_whitespace()));
        }
    }
    let posedge = "vlSelf->__VactTriggered.at(0U)=((IData)(vlSelf->clk)&(~(IData)(vlSelf->__Vtrigrprev__TOP__clk)));";
    // One trigger, posedge clk, and no other edge memory (no other clock).
    code.contains(posedge)
        && !code.contains("__VactTriggered.at(1U)")
        && code.matches("__Vtrigrprev__").count() == code.matches("__Vtrigrprev__TOP__clk").count()
}

/// 128-bit FNV-1a (two 64-bit lanes with different offsets): a stable,
/// dependency-free content hash for the object cache.
fn fnv128(data: &[u8]) -> u128 {
    let (mut a, mut b): (u64, u64) = (0xcbf2_9ce4_8422_2325, 0x6c62_272e_07bb_0142);
    for &x in data {
        a = (a ^ x as u64).wrapping_mul(0x0000_0100_0000_01b3);
        b = (b ^ x as u64).wrapping_mul(0x0000_0100_0000_01b3).rotate_left(5);
    }
    (a as u128) << 64 | b as u128
}

/// Hash of every C++ source and header of one Verilator output directory
/// (names and contents), which is everything its units include besides the
/// Verilator runtime headers and csrc/.
fn hash_sources(dir: &Path) -> u128 {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "cpp" || x == "h"))
        .filter(|p| !p.file_name().unwrap().to_string_lossy().starts_with("rs_unity_"))
        .collect();
    files.sort();
    let mut all = Vec::new();
    for f in files {
        all.extend_from_slice(f.file_name().unwrap().as_encoded_bytes());
        all.push(0);
        all.extend(fs::read(&f).unwrap_or_default());
        all.push(0);
    }
    fnv128(&all)
}

fn verilator_version(verilator: &str) -> String {
    Command::new(verilator)
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default()
}

/// `ROUTER_SIM_CACHE`, else `<target dir>/router-sim-cache` (found from
/// OUT_DIR = <target>/[<triple>/]<profile>/build/<pkg>-<hash>/out); None
/// (no caching) if it cannot be created. `ROUTER_SIM_CACHE=off` disables it.
fn object_cache_dir(out: &Path) -> Option<PathBuf> {
    println!("cargo:rerun-if-env-changed=ROUTER_SIM_CACHE");
    let dir = match env::var_os("ROUTER_SIM_CACHE") {
        Some(v) if v == "off" => return None,
        Some(v) => PathBuf::from(v),
        None => {
            let build = out.parent()?.parent()?;
            if build.file_name()? != "build" {
                return None;
            }
            build.parent()?.parent()?.join("router-sim-cache")
        }
    };
    fs::create_dir_all(&dir).ok()?;
    Some(dir)
}

/// Copies a fresh object into the cache (atomically: several build scripts
/// may run at once) and returns the cached path.
fn store(obj: &Path, dst: PathBuf) -> PathBuf {
    let tmp = dst.with_extension(format!("{}.tmp", std::process::id()));
    if fs::copy(obj, &tmp).is_ok() && fs::rename(&tmp, &dst).is_ok() {
        dst
    } else {
        let _ = fs::remove_file(&tmp);
        obj.to_path_buf()
    }
}

/// Marks the objects in use as fresh and removes cache entries unused for a
/// week, so RTL edits do not fill the disk.
fn prune_cache(dir: &Path, used: &[PathBuf]) {
    let now = std::time::SystemTime::now();
    for u in used.iter().filter(|u| u.starts_with(dir)) {
        if let Ok(f) = fs::File::options().write(true).open(u) {
            let _ = f.set_modified(now);
        }
    }
    let week = std::time::Duration::from_secs(7 * 24 * 3600);
    for e in fs::read_dir(dir).into_iter().flatten().flatten() {
        let old = e
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| now.duration_since(t).ok())
            .is_some_and(|age| age > week);
        if old {
            let _ = fs::remove_file(e.path());
        }
    }
}

/// Size in bytes of a source file, or of all files a unity file includes.
fn unit_size(f: &Path) -> u64 {
    let own = fs::metadata(f).map(|m| m.len()).unwrap_or(0);
    if !f.file_name().is_some_and(|n| n.to_string_lossy().starts_with("rs_unity_")) {
        return own;
    }
    fs::read_to_string(f)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| l.strip_prefix("#include \"")?.strip_suffix('"').map(PathBuf::from))
        .map(|p| fs::metadata(f.with_file_name(p)).map(|m| m.len()).unwrap_or(0))
        .sum()
}

/// Groups files (in order) into runs of at most `limit` bytes; a bigger
/// file gets a group of its own.
fn chunk_by_size(files: Vec<PathBuf>, limit: u64) -> Vec<Vec<PathBuf>> {
    let mut groups: Vec<Vec<PathBuf>> = Vec::new();
    let mut size = 0;
    for f in files {
        let n = fs::metadata(&f).map(|m| m.len()).unwrap_or(0);
        match groups.last_mut() {
            Some(g) if size + n <= limit => {
                g.push(f);
                size += n;
            }
            _ => {
                groups.push(vec![f]);
                size = n;
            }
        }
    }
    groups
}

/// Values of `NAME += \` continuation lists in a Verilator `_classes.mk`.
fn mk_list(mk: &str, name: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut inside = false;
    for line in mk.lines() {
        let t = line.trim();
        if !inside {
            if let Some(rest) = t.strip_prefix(name) {
                let rest = rest.trim_start();
                if let Some(rest) = rest.strip_prefix("+=").or_else(|| rest.strip_prefix('=')) {
                    let rest = rest.trim().trim_end_matches('\\').trim();
                    out.extend(rest.split_whitespace().map(String::from));
                    inside = t.ends_with('\\');
                }
            }
        } else {
            out.extend(t.trim_end_matches('\\').split_whitespace().map(String::from));
            inside = t.ends_with('\\');
        }
    }
    out
}
