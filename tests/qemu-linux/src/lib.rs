//! Support for the linux-glue system tests: Debian's arm64 kernel (image,
//! headers, device trees) fetched with `apt-get download` and unpacked with
//! `dpkg-deb -x` into a cache under the workspace's `target/`, the module
//! built against those headers with the cross gcc, and the pieces of a QEMU
//! boot (device tree, initramfs, fake router image).
//!
//! The kernel ABI is resolved at run time from the `linux-headers-arm64`
//! meta-package, because old ABIs leave the archive. Everything downloaded
//! or unpacked is keyed by that ABI, so a second run reuses it.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

pub mod fake;

pub type Result<T> = std::result::Result<T, String>;

/// The repository root.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("workspace root")
}

/// Where downloads, unpacked packages and build products are kept.
pub fn cache_root() -> PathBuf {
    workspace_root().join("target/qemu-linux")
}

/// Runs a command; on failure the error says what ran and what it printed.
pub fn run(cmd: &mut Command) -> Result<String> {
    let shown = format!("{cmd:?}");
    let out = cmd
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run {shown}: {e} (run `bash scripts/setup.sh`)"))?;
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    if !out.status.success() {
        return Err(format!("{shown} failed ({}):\n{text}", out.status));
    }
    Ok(text)
}

/// Debian's arm64 kernel, unpacked.
#[derive(Debug, Clone)]
pub struct Kernel {
    /// e.g. `6.1.0-57`
    pub abi: String,
    /// Root the packages were unpacked into.
    pub root: PathBuf,
    /// `usr/src/linux-headers-<abi>-arm64`, ready for `make M=`.
    pub headers: PathBuf,
    /// Raw arm64 Image (Debian's vmlinuz is not compressed).
    pub image: PathBuf,
    pub modules: PathBuf,
    pub dtbs: PathBuf,
    pub busybox: PathBuf,
}

impl Kernel {
    /// The first call in a test binary fetches and unpacks; later calls
    /// (and later runs, through the on-disk cache) reuse the result.
    pub fn get() -> Result<&'static Kernel> {
        static K: OnceLock<Result<Kernel>> = OnceLock::new();
        K.get_or_init(fetch_kernel).as_ref().map_err(Clone::clone)
    }
}

fn need_arm64_apt() -> Result<()> {
    let archs = run(Command::new("dpkg").arg("--print-foreign-architectures"))?;
    if !archs.lines().any(|l| l.trim() == "arm64") {
        return Err(
            "apt has no arm64 architecture, so Debian's arm64 kernel cannot be \
                    downloaded: run `bash scripts/setup.sh` (it runs, as root, \
                    `dpkg --add-architecture arm64 && apt-get update`)"
                .into(),
        );
    }
    Ok(())
}

/// The single dependency of a meta-package, e.g. `linux-image-6.1.0-57-arm64`.
fn meta_dependency(meta: &str) -> Result<String> {
    let out = run(Command::new("apt-cache").args(["depends", meta])).map_err(|e| {
        format!("{e}\n(is `apt-get update` done since `dpkg --add-architecture arm64`? run `bash scripts/setup.sh`)")
    })?;
    out.lines()
        .filter_map(|l| l.trim().strip_prefix("Depends: "))
        .map(|d| d.trim_end_matches(":arm64").to_string())
        .next()
        .ok_or_else(|| format!("apt-cache depends {meta}: no dependency in:\n{out}"))
}

/// Resolves the current ABI from the meta-packages, checking that image and
/// headers agree.
pub fn resolve_abi() -> Result<String> {
    let image = meta_dependency("linux-image-arm64:arm64")?;
    let headers = meta_dependency("linux-headers-arm64:arm64")?;
    let abi = image
        .strip_prefix("linux-image-")
        .and_then(|s| s.strip_suffix("-arm64"))
        .ok_or_else(|| format!("unexpected image package name {image}"))?;
    if headers != format!("linux-headers-{abi}-arm64") {
        return Err(format!(
            "image {image} and headers {headers} disagree on the ABI"
        ));
    }
    Ok(abi.to_string())
}

/// The package names a header package depends on (common headers, kbuild).
fn header_deps(pkg: &str) -> Result<Vec<String>> {
    let out = run(Command::new("apt-cache").args(["show", "--no-all-versions", pkg]))?;
    let deps = out
        .lines()
        .find_map(|l| l.strip_prefix("Depends: "))
        .ok_or_else(|| format!("apt-cache show {pkg}: no Depends"))?;
    Ok(deps
        .split(',')
        .map(|d| d.split_whitespace().next().unwrap_or("").to_string())
        .filter(|d| d.starts_with("linux-headers-") || d.starts_with("linux-kbuild-"))
        .collect())
}

fn fetch_kernel() -> Result<Kernel> {
    need_arm64_apt()?;
    let abi = resolve_abi()?;
    let root = cache_root().join(format!("kernel-{abi}"));
    let stamp = root.join(".unpacked");
    if !stamp.exists() {
        let headers_pkg = format!("linux-headers-{abi}-arm64:arm64");
        let mut pkgs = vec![
            format!("linux-image-{abi}-arm64:arm64"),
            headers_pkg.clone(),
        ];
        // The amd64 kbuild: its host tools (fixdep, modpost) run here; the
        // arm64 one's do not.
        pkgs.extend(header_deps(&headers_pkg)?);
        pkgs.push("busybox-static:arm64".into());
        let debs = cache_root().join("debs");
        std::fs::create_dir_all(&debs).map_err(|e| format!("{}: {e}", debs.display()))?;
        eprintln!("qemu-linux: downloading {}", pkgs.join(" "));
        run(Command::new("apt-get")
            .arg("download")
            .args(&pkgs)
            .current_dir(&debs))?;
        // Unpack into a fresh directory and rename it at the end, so an
        // interrupted run never leaves a cache that looks complete.
        let tmp = cache_root().join(format!("kernel-{abi}.tmp"));
        let _ = std::fs::remove_dir_all(&tmp);
        std::fs::create_dir_all(&tmp).map_err(|e| e.to_string())?;
        for p in &pkgs {
            let name = p.split(':').next().unwrap();
            let deb = newest_deb(&debs, name)?;
            run(Command::new("dpkg-deb").arg("-x").arg(&deb).arg(&tmp))?;
        }
        std::fs::write(tmp.join(".unpacked"), pkgs.join("\n")).map_err(|e| e.to_string())?;
        let _ = std::fs::remove_dir_all(&root);
        std::fs::rename(&tmp, &root).map_err(|e| format!("rename to {}: {e}", root.display()))?;
    }
    point_headers_at_common(&root, &abi)?;
    let k = Kernel {
        headers: root.join(format!("usr/src/linux-headers-{abi}-arm64")),
        image: root.join(format!("boot/vmlinuz-{abi}-arm64")),
        modules: root.join(format!("lib/modules/{abi}-arm64")),
        dtbs: root.join(format!("usr/lib/linux-image-{abi}-arm64")),
        busybox: root.join("bin/busybox"),
        abi,
        root,
    };
    for p in [&k.headers, &k.image, &k.modules, &k.dtbs, &k.busybox] {
        if !p.exists() {
            return Err(format!(
                "{} missing after unpacking; delete {} and retry",
                p.display(),
                k.root.display()
            ));
        }
    }
    Ok(k)
}

/// The arm64 headers' Makefile includes the common tree by absolute path
/// (`/usr/src/...`): point it into our unpacked copy, wherever the
/// workspace is now (done on every run, so a moved checkout still works).
fn point_headers_at_common(root: &Path, abi: &str) -> Result<()> {
    let mk = root.join(format!("usr/src/linux-headers-{abi}-arm64/Makefile"));
    let text = std::fs::read_to_string(&mk).map_err(|e| format!("{}: {e}", mk.display()))?;
    let tail = format!("/usr/src/linux-headers-{abi}-common/Makefile");
    let want = format!("include {}{tail}", root.display());
    let mut found = false;
    let fixed: Vec<String> = text
        .lines()
        .map(|l| {
            if l.starts_with("include ") && l.ends_with(&tail) {
                found = true;
                want.clone()
            } else {
                l.to_string()
            }
        })
        .collect();
    if !found {
        return Err(format!(
            "{}: no `include .../linux-headers-{abi}-common/Makefile` line:\n{text}",
            mk.display()
        ));
    }
    let fixed = fixed.join("\n") + "\n";
    if fixed != text {
        std::fs::write(&mk, fixed).map_err(|e| format!("{}: {e}", mk.display()))?;
    }
    Ok(())
}

/// The newest `<name>_*.deb` in `dir` (older versions stay in the cache).
fn newest_deb(dir: &Path, name: &str) -> Result<PathBuf> {
    let prefix = format!("{name}_");
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| e.to_string())?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|f| f.to_str())
                .is_some_and(|f| f.starts_with(&prefix) && f.ends_with(".deb"))
        })
        .collect();
    found.sort_by_key(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok());
    found
        .pop()
        .ok_or_else(|| format!("no {name}_*.deb in {}", dir.display()))
}

/// Result of building the module.
#[derive(Debug)]
pub struct ModuleBuild {
    pub ko: PathBuf,
    /// Everything make printed.
    pub log: String,
}

/// Compiler and modpost diagnostics in a kbuild log: anything that is a
/// warning or an error, whatever tool said it.
pub fn diagnostics(log: &str) -> Vec<&str> {
    log.lines()
        .filter(|l| {
            let low = l.to_ascii_lowercase();
            low.contains("warning:") || low.contains("error:") || low.contains("*** ")
        })
        .collect()
}

/// Builds the kernel module in `src` (a directory with a Kbuild file whose
/// `-I$(src)/../include` must resolve) for arm64 with W=1, in a copy under
/// `target/qemu-linux/build/<name>`, so the source tree stays clean.
pub fn build_module(k: &Kernel, name: &str, src: &Path, include: &Path) -> Result<ModuleBuild> {
    build_module_with(k, name, src, include, &[])
}

/// [`build_module`] with more `make` arguments (e.g. `C=2`, or
/// `KBUILD_EXTRA_SYMBOLS=` for a module that uses another's exports).
pub fn build_module_with(
    k: &Kernel,
    name: &str,
    src: &Path,
    include: &Path,
    make_args: &[String],
) -> Result<ModuleBuild> {
    build_module_in(&k.headers, name, src, include, make_args)
}

/// [`build_module_with`] against any prepared kernel build tree `kbuild`
/// (e.g. a Dovetail tree built by hand).
pub fn build_module_in(
    kbuild: &Path,
    name: &str,
    src: &Path,
    include: &Path,
    make_args: &[String],
) -> Result<ModuleBuild> {
    let top = cache_root().join("build").join(name);
    let _ = std::fs::remove_dir_all(&top);
    copy_dir(src, &top.join("driver"))?;
    copy_dir(include, &top.join("include"))?;
    let dir = top.join("driver");
    let out = Command::new("make")
        .arg("-C")
        .arg(kbuild)
        .arg(format!("M={}", dir.display()))
        .args([
            "ARCH=arm64",
            "CROSS_COMPILE=aarch64-linux-gnu-",
            "W=1",
            "modules",
        ])
        .args(make_args)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run make: {e}"))?;
    let log = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    if !out.status.success() {
        return Err(format!("module build failed ({}):\n{log}", out.status));
    }
    let ko = std::fs::read_dir(&dir)
        .map_err(|e| e.to_string())?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|x| x == "ko"))
        .ok_or_else(|| format!("no .ko produced:\n{log}"))?;
    Ok(ModuleBuild { ko, log })
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    for e in std::fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))? {
        let e = e.map_err(|e| e.to_string())?;
        let dst = to.join(e.file_name());
        if e.file_type().map_err(|e| e.to_string())?.is_dir() {
            copy_dir(&e.path(), &dst)?;
        } else {
            std::fs::copy(e.path(), &dst)
                .map_err(|er| format!("copy {}: {er}", e.path().display()))?;
        }
    }
    Ok(())
}

/// The linux-glue driver built once per test binary.
pub fn glue_module() -> Result<&'static ModuleBuild> {
    static M: OnceLock<Result<ModuleBuild>> = OnceLock::new();
    M.get_or_init(|| {
        let k = Kernel::get()?;
        let glue = workspace_root().join("linux-glue");
        build_module(k, "irq-router", &glue.join("driver"), &glue.join("include"))
    })
    .as_ref()
    .map_err(Clone::clone)
}

/// The test consumer of the driver's in-band IPI API
/// (`tests/qemu-linux/modules/ipi-consumer`), built against the driver's
/// exports.
pub fn ipi_consumer_module() -> Result<&'static ModuleBuild> {
    static M: OnceLock<Result<ModuleBuild>> = OnceLock::new();
    M.get_or_init(|| {
        let k = Kernel::get()?;
        let glue = glue_module()?;
        let symvers = glue.ko.with_file_name("Module.symvers");
        build_module_with(
            k,
            "ipi-consumer",
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("modules/ipi-consumer"),
            &workspace_root().join("linux-glue/include"),
            &[format!("KBUILD_EXTRA_SYMBOLS={}", symvers.display())],
        )
    })
    .as_ref()
    .map_err(Clone::clone)
}

/// The test consumer of router sources (consumer/), built once per test
/// binary like the glue module.
pub fn consumer_module() -> Result<&'static ModuleBuild> {
    static M: OnceLock<Result<ModuleBuild>> = OnceLock::new();
    M.get_or_init(|| {
        let k = Kernel::get()?;
        let here = Path::new(env!("CARGO_MANIFEST_DIR"));
        build_module(k, "irqr-consumer", &here.join("consumer"), &workspace_root().join("linux-glue/include"))
    })
    .as_ref()
    .map_err(Clone::clone)
}

/// The driver with the stall mirror compiled in, for a stock kernel
/// (`modules/stock-mirror.h` supplies the one Dovetail call it needs), for
/// the test modules that call its hooks by hand: the mirror's cost
/// (`mirror-bench`) and its idle wake on the real router (`idle-wake`).
pub fn mirror_module() -> Result<&'static ModuleBuild> {
    static M: OnceLock<Result<ModuleBuild>> = OnceLock::new();
    M.get_or_init(|| {
        let k = Kernel::get()?;
        let glue = workspace_root().join("linux-glue");
        let forced = Path::new(env!("CARGO_MANIFEST_DIR")).join("modules/stock-mirror.h");
        build_module_with(
            k,
            "irq-router-mirror",
            &glue.join("driver"),
            &glue.join("include"),
            &[format!("KCFLAGS=-include {}", forced.display())],
        )
    })
    .as_ref()
    .map_err(Clone::clone)
}

/// The mirror benchmark module (`modules/mirror-bench`), against [`mirror_module`].
pub fn mirror_bench_module() -> Result<&'static ModuleBuild> {
    static M: OnceLock<Result<ModuleBuild>> = OnceLock::new();
    M.get_or_init(|| mirror_client_module("mirror-bench")).as_ref().map_err(Clone::clone)
}

/// The idle-wake module (`modules/idle-wake`), against [`mirror_module`].
pub fn idle_wake_module() -> Result<&'static ModuleBuild> {
    static M: OnceLock<Result<ModuleBuild>> = OnceLock::new();
    M.get_or_init(|| mirror_client_module("idle-wake")).as_ref().map_err(Clone::clone)
}

/// A test module in `modules/<name>` that calls the stall mirror's hooks,
/// built like [`mirror_module`] and against its exports.
fn mirror_client_module(name: &str) -> Result<ModuleBuild> {
    let k = Kernel::get()?;
    let driver = mirror_module()?;
    let forced = Path::new(env!("CARGO_MANIFEST_DIR")).join("modules/stock-mirror.h");
    build_module_with(
        k,
        name,
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("modules").join(name),
        &workspace_root().join("linux-glue/include"),
        &[
            format!("KCFLAGS=-include {}", forced.display()),
            format!("KBUILD_EXTRA_SYMBOLS={}", driver.ko.with_file_name("Module.symvers").display()),
        ],
    )
}

/// Debian's `linux-source-6.1` (the kernel tree with scripts/checkpatch.pl),
/// unpacked once per package version under
/// `~/.cache/zynq-irq-pipeline/linux-source-<version>/` (shared by clones:
/// 140 MB download, ~30 s to unpack). Returns the tree's root.
pub fn linux_source() -> Result<&'static Path> {
    static S: OnceLock<Result<PathBuf>> = OnceLock::new();
    S.get_or_init(fetch_linux_source)
        .as_ref()
        .map(PathBuf::as_path)
        .map_err(Clone::clone)
}

const LINUX_SOURCE: &str = "linux-source-6.1";

fn fetch_linux_source() -> Result<PathBuf> {
    let show = run(Command::new("apt-cache").args(["show", "--no-all-versions", LINUX_SOURCE]))
        .map_err(|e| format!("{e}\n(run `bash scripts/setup.sh`, which runs apt-get update)"))?;
    let version = show
        .lines()
        .find_map(|l| l.strip_prefix("Version: "))
        .ok_or_else(|| format!("apt-cache show {LINUX_SOURCE}: no Version"))?
        .trim()
        .to_string();
    let home = std::env::var_os("HOME").ok_or("HOME is not set")?;
    let cache = PathBuf::from(home).join(format!(
        ".cache/zynq-irq-pipeline/{LINUX_SOURCE}-{version}"
    ));
    let tree = cache.join(LINUX_SOURCE);
    if cache.join(".unpacked").exists() {
        return Ok(tree);
    }
    // Unpack beside the cache and rename at the end: an interrupted run
    // never leaves a tree that looks complete.
    let tmp = cache.with_extension("tmp");
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp).map_err(|e| format!("{}: {e}", tmp.display()))?;
    eprintln!("qemu-linux: downloading and unpacking {LINUX_SOURCE} {version}");
    run(Command::new("apt-get")
        .args(["download", &format!("{LINUX_SOURCE}={version}")])
        .current_dir(&tmp))?;
    let deb = newest_deb(&tmp, LINUX_SOURCE)?;
    run(Command::new("dpkg-deb").arg("-x").arg(&deb).arg(tmp.join("pkg")))?;
    let tarball = tmp.join(format!("pkg/usr/src/{LINUX_SOURCE}.tar.xz"));
    run(Command::new("tar").arg("-C").arg(&tmp).arg("-xJf").arg(&tarball))?;
    let _ = std::fs::remove_dir_all(tmp.join("pkg"));
    let _ = std::fs::remove_file(&deb);
    std::fs::write(tmp.join(".unpacked"), &version).map_err(|e| e.to_string())?;
    let _ = std::fs::remove_dir_all(&cache);
    std::fs::rename(&tmp, &cache).map_err(|e| format!("rename to {}: {e}", cache.display()))?;
    Ok(tree)
}

/// Debian's ZCU102 device tree with the given fragments (files under
/// tests/qemu-linux/dt) appended, compiled to `out`.
pub fn make_dtb(k: &Kernel, fragments: &[&str], out: &Path) -> Result<()> {
    let frag_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("dt");
    let mut text = String::new();
    for f in fragments {
        let _ = writeln!(text, "\n/include/ \"{}\"", frag_dir.join(f).display());
    }
    make_dtb_with(k, &text, out)
}

/// Debian's ZCU102 device tree with `dtsi` (device-tree source: nodes,
/// overrides, `/include/`s) appended, compiled to `out`; the source is
/// kept next to it (`out` with extension `dts`).
pub fn make_dtb_with(k: &Kernel, dtsi: &str, out: &Path) -> Result<()> {
    let base = k.dtbs.join("xilinx/zynqmp-zcu102-rev1.0.dtb");
    let dir = out.parent().unwrap();
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    let dts = out.with_extension("dts");
    let mut text = run(Command::new("dtc")
        .args(["-q", "-I", "dtb", "-O", "dts"])
        .arg(&base))?;
    text.push('\n');
    text.push_str(dtsi);
    std::fs::write(&dts, text).map_err(|e| e.to_string())?;
    run(Command::new("dtc")
        .args(["-q", "-I", "dts", "-O", "dtb", "-o"])
        .arg(out)
        .arg(&dts))?;
    Ok(())
}

/// An uncompressed newc initramfs: busybox, the test /init, and `modules`
/// under /lib/modules.
pub fn make_initramfs(k: &Kernel, modules: &[&Path], out: &Path) -> Result<()> {
    let init = Path::new(env!("CARGO_MANIFEST_DIR")).join("initramfs/init");
    let files: Vec<(&Path, String)> = modules
        .iter()
        .map(|m| (*m, format!("lib/modules/{}", m.file_name().unwrap().to_string_lossy())))
        .collect();
    make_initramfs_with(k, &init, &files, out)
}

/// An uncompressed newc initramfs: busybox, `init` as /init, and each
/// `(file, path in the image)` of `files`.
pub fn make_initramfs_with(k: &Kernel, init: &Path, files: &[(&Path, String)], out: &Path) -> Result<()> {
    let stage = out.with_extension("d");
    let _ = std::fs::remove_dir_all(&stage);
    for d in ["bin", "lib/modules", "proc", "sys", "dev"] {
        std::fs::create_dir_all(stage.join(d)).map_err(|e| e.to_string())?;
    }
    std::fs::copy(&k.busybox, stage.join("bin/busybox")).map_err(|e| e.to_string())?;
    std::fs::copy(init, stage.join("init")).map_err(|e| format!("{}: {e}", init.display()))?;
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(stage.join("init"), std::fs::Permissions::from_mode(0o755))
            .map_err(|e| e.to_string())?;
    }
    for (f, dest) in files {
        let to = stage.join(dest);
        std::fs::create_dir_all(to.parent().unwrap()).map_err(|e| e.to_string())?;
        std::fs::copy(f, &to).map_err(|e| format!("{}: {e}", f.display()))?;
    }
    let mut names = String::new();
    list_tree(&stage, Path::new("."), &mut names)?;
    // The same files give the same bytes: every mtime fixed (the copies
    // above are new files), inodes renumbered and device numbers dropped
    // (`--reproducible`). A run's inputs must not depend on when or where
    // the image was made (the main job's runs are compared byte for byte).
    run(Command::new("find").arg(&stage).args(["-exec", "touch", "-h", "-d", "@0", "{}", "+"]))?;
    let mut child = Command::new("cpio")
        .args(["-o", "-H", "newc", "-R", "0:0", "--reproducible", "--quiet"])
        .current_dir(&stage)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run cpio: {e} (run `bash scripts/setup.sh`)"))?;
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        stdin
            .write_all(names.as_bytes())
            .map_err(|e| e.to_string())?;
    }
    let o = child.wait_with_output().map_err(|e| e.to_string())?;
    if !o.status.success() {
        return Err(format!(
            "cpio failed: {}",
            String::from_utf8_lossy(&o.stderr)
        ));
    }
    std::fs::write(out, o.stdout).map_err(|e| e.to_string())
}

fn list_tree(root: &Path, rel: &Path, out: &mut String) -> Result<()> {
    let _ = writeln!(out, "{}", rel.display());
    let full = root.join(rel);
    if full.is_dir() {
        let mut entries: Vec<_> = std::fs::read_dir(&full)
            .map_err(|e| e.to_string())?
            .filter_map(|e| e.ok().map(|e| e.file_name()))
            .collect();
        entries.sort();
        for e in entries {
            list_tree(root, &rel.join(e), out)?;
        }
    }
    Ok(())
}

/// Kernel log lines that mean the kernel hit a bug, however it recovered.
pub fn kernel_trouble(log: &str) -> Vec<&str> {
    const BAD: &[&str] = &[
        "Oops",
        "BUG:",
        "WARNING:",
        "Call trace:",
        "Unable to handle kernel",
        "Kernel panic",
        "kernel BUG",
        "general protection",
        "SError",
        "refcount_t:",
        "list_del corruption",
        "UBSAN:",
    ];
    log.lines()
        .filter(|l| BAD.iter().any(|b| l.contains(b)))
        .collect()
}

/// How long a test boot may take before QEMU is killed.
pub const BOOT_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(240);

/// The QEMU invocation that boots Debian's kernel on `-M xlnx-zcu102 -m 2G`
/// with Debian's ZCU102 tree plus `fragments` (dt/), and a busybox
/// initramfs holding the glue module, `extra_modules` and the test /init,
/// which runs its scenario `name` (`irqr.scenario=` on the command line).
/// The run directory is `target/qemu-runs/qemu-linux-<name>`.
pub fn linux_qemu(name: &str, fragments: &[&str], extra_modules: &[&Path], qemu_args: &[String]) -> qemu_run::Qemu {
    let m = glue_module().unwrap_or_else(|e| panic!("{e}"));
    linux_qemu_with(name, &m.ko, fragments, extra_modules, "", qemu_args)
}

/// [`linux_qemu`] with another build of the driver (`driver`, e.g. with the
/// stall mirror) and more kernel command line (`cmdline`).
pub fn linux_qemu_with(
    name: &str,
    driver: &Path,
    fragments: &[&str],
    extra_modules: &[&Path],
    cmdline: &str,
    qemu_args: &[String],
) -> qemu_run::Qemu {
    let k = Kernel::get().unwrap_or_else(|e| panic!("{e}"));
    let mut mods: Vec<&Path> = vec![driver];
    mods.extend_from_slice(extra_modules);
    linux_qemu_on(name, &k.image, fragments, &mods, cmdline, qemu_args)
}

/// [`linux_qemu`] booting another kernel `image` (e.g. a Dovetail kernel
/// built by hand, the driver built in), with `modules` in the initramfs.
pub fn linux_qemu_on(
    name: &str,
    image: &Path,
    fragments: &[&str],
    modules: &[&Path],
    cmdline: &str,
    qemu_args: &[String],
) -> qemu_run::Qemu {
    let k = Kernel::get().unwrap_or_else(|e| panic!("{e}"));
    let dir = linux_run_dir(name);
    std::fs::create_dir_all(&dir).unwrap();
    let dtb = dir.join("zcu102-router.dtb");
    make_dtb(k, fragments, &dtb).unwrap_or_else(|e| panic!("{e}"));
    let initrd = dir.join("initramfs.cpio");
    make_initramfs(k, modules, &initrd).unwrap_or_else(|e| panic!("{e}"));
    let append = format!(
        "earlycon=cdns,mmio,0xff000000,115200n8 keep_bootcon console=ttyPS0 \
         printk.devkmsg=on rdinit=/init irqr.scenario={name} {cmdline}"
    );
    qemu_run::Qemu::zcu102(&dir)
        .args(["-m", "2G", "-kernel"])
        .args([image.display().to_string()])
        .args(["-initrd".to_string(), initrd.display().to_string()])
        .args(["-dtb".to_string(), dtb.display().to_string()])
        .args(["-append".to_string(), append.trim_end().to_string()])
        .args(qemu_args)
        .timeout(BOOT_TIMEOUT)
}

/// The run directory of scenario `name` (captures, DTB, initramfs).
pub fn linux_run_dir(name: &str) -> PathBuf {
    qemu_run::scratch_dir(&format!("qemu-linux-{name}"))
}

/// Checks a finished boot of [`linux_qemu`] (powered off in time, /init
/// finished, no kernel trouble) and returns its serial log.
pub fn boot_log(name: &str, run: &qemu_run::QemuRun) -> String {
    let log = run.serial_text(0);
    eprintln!(
        "--- {name}: {:?} in {:.1?}, serial in {} ---\n{}",
        run.status,
        run.elapsed,
        run.dir.display(),
        test_lines(&log).join("\n")
    );
    assert!(!run.timed_out, "QEMU did not power off within {BOOT_TIMEOUT:?}; log:\n{log}");
    check_finished(&log, &run.stderr);
    log
}

/// Checks the log of a boot that has ended (however it was run): the test
/// /init finished and the kernel reported no trouble.
pub fn check_finished(log: &str, qemu_stderr: &str) {
    assert!(
        test_lines(log).contains(&"done"),
        "the test /init did not finish; QEMU stderr:\n{qemu_stderr}\nlog:\n{log}"
    );
    let trouble = kernel_trouble(log);
    assert!(trouble.is_empty(), "kernel reported trouble:\n{}\n\nlog:\n{log}", trouble.join("\n"));
}

/// The messages the test /init reported (the text after "IRQR-TEST: ").
pub fn test_lines(log: &str) -> Vec<&str> {
    log.lines()
        .filter_map(|l| l.find("IRQR-TEST: ").map(|i| &l[i + "IRQR-TEST: ".len()..]))
        .map(|l| l.trim_end_matches('\r'))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trouble_and_test_lines_are_found() {
        let log = "[    1.0] IRQR-TEST: ok: insmod x\r\n[    1.1] Unable to handle kernel paging request\n\
                   [    1.2] WARNING: CPU: 0 PID: 1 at kernel/irq/x.c:1\n[    1.3] fine\n";
        assert_eq!(kernel_trouble(log).len(), 2);
        assert_eq!(test_lines(log), ["ok: insmod x"]);
        assert!(kernel_trouble("[ 1.0] irq-router: probe ok\n").is_empty());
    }

    #[test]
    fn diagnostics_catch_compiler_modpost_and_make_errors() {
        let log = "  CC [M]  a.o\na.c:1:5: warning: no previous prototype [-Wmissing-prototypes]\n\
                   WARNING: modpost: missing MODULE_LICENSE() in a.o\nmake[1]: *** [a.o] Error 1\n\
                   Skipping BTF generation for a.ko due to unavailability of vmlinux\n";
        assert_eq!(diagnostics(log).len(), 3, "{:?}", diagnostics(log));
    }
}
