//! The command line: argument definitions (clap) and what each subcommand
//! does with the library. `main.rs` only calls [`main`].

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};

use crate::cli_errors::{io, CliError};
use crate::{bitfile, boards, defmt_log, exit, fpga, regs};

/// The SVD compiled into the tool, so it works on a board without the repo.
pub const EMBEDDED_SVD: &str = include_str!("../../../hdl/regmap/irq_router.svd");

#[derive(Parser, Debug)]
#[command(
    name = "irqpipe",
    version,
    about = "Bitstreams, defmt logs, router registers and code generation for the Zynq UltraScale+ interrupt pipeline",
    long_about = "Bitstreams, defmt logs, router registers and code generation for the Zynq UltraScale+ \
interrupt pipeline.\n\nOn a development host: inspect and convert bitstreams, decode the firmware's \
defmt log, regenerate the register map. On the board's Linux: load the bitstream and inspect the \
router's registers."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Inspect, convert and load Xilinx .bit files
    #[command(subcommand)]
    Bit(BitCmd),
    /// Decode the firmware's defmt log from a serial device, a file or stdin
    Log(LogArgs),
    /// List, dump, read and write router registers by name (fields decoded from the SVD)
    Regs(RegsArgs),
    /// Regenerate (or check) every file derived from the register map's SVD
    Gen(GenArgs),
    /// Print a shell completion script (e.g. `irqpipe completions bash >
    /// ~/.local/share/bash-completion/completions/irqpipe`)
    Completions {
        /// bash, zsh, fish, elvish or powershell
        shell: clap_complete::Shell,
    },
}

#[derive(Subcommand, Debug)]
pub enum BitCmd {
    /// Print .bit file headers: design, part, family, boards, date, time,
    /// payload length (every file is reported; the exit code is the first
    /// failure's)
    Info {
        /// The .bit files
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// One JSON array on stdout, an object per file (errors included)
        #[arg(long)]
        json: bool,
    },
    /// Write the .bin that the Zynq UltraScale+ FPGA manager loads (header
    /// removed, each 32-bit word byte-swapped)
    Convert {
        /// The .bit file
        file: PathBuf,
        /// Output file [default: FILE with the extension .bin]; never the
        /// input itself
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Refuse a bitstream built for another board's part
        #[arg(long)]
        board: Option<String>,
        /// Replace an existing output file
        #[arg(long)]
        force: bool,
    },
    /// Load a .bit into the PL from the board's Linux (FPGA manager or overlay)
    Load(LoadArgs),
}

#[derive(Args, Debug)]
pub struct LoadArgs {
    /// The .bit file
    pub file: PathBuf,
    /// The board (zcu102, kv260, ultra96v2); the bitstream's part must match
    #[arg(long)]
    pub board: String,
    /// Load by applying this compiled overlay (.dtbo) through configfs
    /// instead of the manager's `firmware` attribute
    #[arg(long)]
    pub overlay: Option<PathBuf>,
    /// Name of the .bin installed in the firmware directory (an overlay's
    /// firmware-name must match it)
    #[arg(long, default_value = "irq_router.bin")]
    pub firmware_name: String,
    /// FPGA manager under /sys/class/fpga_manager
    #[arg(long, default_value = "fpga0")]
    pub manager: String,
    /// Partial reconfiguration (flags = 1) instead of a full one
    #[arg(long)]
    pub partial: bool,
    /// Seconds to wait for the manager to reach `operating`
    #[arg(long, default_value_t = 10.0)]
    pub timeout: f64,
    /// Where sysfs is mounted (tests point this at a fake tree)
    #[arg(long, default_value = "/sys")]
    pub sysfs_root: PathBuf,
    /// Where configfs is mounted
    #[arg(long, default_value = "/sys/kernel/config")]
    pub configfs_root: PathBuf,
    /// The kernel's firmware directory
    #[arg(long, default_value = "/lib/firmware")]
    pub firmware_dir: PathBuf,
    /// Replace a different firmware file of the same name (it is put back,
    /// byte for byte, if the load fails)
    #[arg(long)]
    pub force: bool,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Level {
    Trace,
    Debug,
    Info,
    Warn,
    Error,
}

#[derive(Args, Debug)]
pub struct LogArgs {
    /// The firmware ELF (its .defmt section decodes the frames)
    #[arg(long)]
    pub elf: PathBuf,
    /// Where the frames come from: a serial device, a file, or - for stdin
    #[arg(default_value = "-")]
    pub source: PathBuf,
    /// Show only lines at this level or above (println! lines always show)
    #[arg(long, value_enum)]
    pub level: Option<Level>,
    /// Baud rate set on a serial device
    #[arg(long, default_value_t = 115_200)]
    pub baud: u32,
    /// Leave out the file:line of each statement
    #[arg(long)]
    pub no_location: bool,
}

#[derive(Args, Debug)]
pub struct RegsArgs {
    #[command(subcommand)]
    pub action: RegsAction,
    /// Register map to use [default: the SVD built into this tool]
    #[arg(long, global = true)]
    pub svd: Option<PathBuf>,
    /// Physical memory device; the router is mapped at --base
    #[arg(long, global = true, default_value = "/dev/mem", conflicts_with_all = ["uio", "file"])]
    pub mem: PathBuf,
    /// A UIO device whose map 0 is the router (no --base needed)
    #[arg(long, global = true, conflicts_with = "file")]
    pub uio: Option<PathBuf>,
    /// A file standing in for the router's register space (offset 0 = base)
    #[arg(long, global = true)]
    pub file: Option<PathBuf>,
    /// Physical base of the router for /dev/mem [default: the SVD's, 0xA0000000]
    #[arg(long, global = true, value_parser = parse_u64)]
    pub base: Option<u64>,
}

#[derive(Subcommand, Debug)]
pub enum RegsAction {
    /// List every register with its address and access
    List,
    /// Read and decode every register that can be read without side effects
    Dump {
        /// Also registers beyond the instance's NSRC/NCPU (bus errors on silicon)
        #[arg(long, visible_alias = "beyond-hwcfg")]
        all: bool,
    },
    /// Read one register (e.g. GLOBAL.SRC_CFG[3]) or field (GLOBAL.SRC_CFG[3].CPU)
    Read {
        name: String,
        /// Allow reads that change router state (CLAIM, STALL_TAS, CYCLE_LO)
        #[arg(long)]
        side_effects: bool,
        /// Allow a register beyond the NSRC/NCPU/NIPI that GLOBAL.HWCFG
        /// reports (a bus error on silicon)
        #[arg(long)]
        beyond_hwcfg: bool,
    },
    /// Write a register, or one field (read-modify-write) by name
    Write {
        name: String,
        /// Decimal, 0x.., 0b.., or a field's enumerated name (e.g. OOB)
        value: String,
        /// Allow a register beyond the NSRC/NCPU/NIPI that GLOBAL.HWCFG
        /// reports (a bus error on silicon)
        #[arg(long)]
        beyond_hwcfg: bool,
    },
}

#[derive(Args, Debug)]
pub struct GenArgs {
    /// Write nothing; exit with GEN_STALE (13) if a generated file is out of date
    #[arg(long)]
    pub check: bool,
    /// Repository root [default: the repository this tool was built from]
    #[arg(long)]
    pub root: Option<PathBuf>,
}

fn parse_u64(s: &str) -> Result<u64, String> {
    let t = s.trim().replace('_', "");
    let r = match t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        Some(h) => u64::from_str_radix(h, 16),
        None => t.parse(),
    };
    r.map_err(|e| format!("{s}: {e}"))
}

/// The full command definition, help texts included (also what the shell
/// completions are generated from).
pub fn command() -> clap::Command {
    Cli::command()
        .after_long_help(exit::help_text())
        .after_help(
            "Exit codes are distinct per failure; see `irqpipe --help` (long help) for the table.",
        )
}

/// Parses the command line and runs it; returns the exit code.
pub fn main() -> u8 {
    let matches = command().get_matches();
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(c) => c,
        Err(e) => e.exit(),
    };
    match run(cli) {
        Ok(()) => exit::OK,
        Err(e) => {
            if !e.message.is_empty() {
                eprintln!("irqpipe: error: {}", e.message);
            }
            e.code
        }
    }
}

pub fn run(cli: Cli) -> Result<(), CliError> {
    match cli.command {
        Command::Bit(BitCmd::Info { files, json }) => bit_info(&files, json),
        Command::Bit(BitCmd::Convert {
            file,
            output,
            board,
            force,
        }) => bit_convert(&file, output, board, force),
        Command::Bit(BitCmd::Load(a)) => bit_load(a),
        Command::Log(a) => log(a),
        Command::Regs(a) => regs_cmd(a),
        Command::Gen(a) => gen(a),
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut command(), "irqpipe", &mut std::io::stdout());
            Ok(())
        }
    }
}

fn warn(msg: impl std::fmt::Display) {
    eprintln!("irqpipe: warning: {msg}");
}

fn read(path: &Path) -> Result<Vec<u8>, CliError> {
    std::fs::read(path).map_err(|e| io(path, e))
}

fn board(name: &str) -> Result<&'static boards::Board, CliError> {
    boards::find(name).ok_or_else(|| {
        CliError::new(
            exit::USAGE,
            format!(
                "unknown board \"{name}\"; known boards: {}",
                boards::names()
            ),
        )
    })
}

fn bit_info(files: &[PathBuf], json: bool) -> Result<(), CliError> {
    let mut first_failure: Option<u8> = None;
    let mut reports = Vec::new();
    for (n, file) in files.iter().enumerate() {
        let info = crate::bitinfo::inspect(file);
        if json {
            reports.push(info.to_json());
        } else {
            if n > 0 {
                println!();
            }
            print!("{}", info.to_text());
        }
        for w in &info.warnings {
            warn(w);
        }
        if let Some(e) = &info.error {
            eprintln!("irqpipe: error: {}: {}", file.display(), e.message);
            first_failure.get_or_insert(e.code);
        }
    }
    if json {
        let text = serde_json::to_string_pretty(&serde_json::Value::Array(reports))
            .expect("JSON values always serialise");
        println!("{text}");
    }
    match first_failure {
        // Each failure was reported above; only the code is left to give.
        Some(code) => Err(CliError::reported(code)),
        None => Ok(()),
    }
}

/// A byte-count progress bar on stderr; invisible when stderr is not a terminal.
fn bytes_bar(total: u64, what: &str) -> ProgressBar {
    let pb = ProgressBar::new(total);
    if let Ok(style) = ProgressStyle::with_template("{msg} [{bar:30}] {bytes}/{total_bytes}") {
        pb.set_style(style.progress_chars("=> "));
    }
    pb.set_message(what.to_string());
    pb
}

fn bit_convert(
    file: &Path,
    output: Option<PathBuf>,
    board_name: Option<String>,
    force: bool,
) -> Result<(), CliError> {
    let bytes = read(file)?;
    let bit = bitfile::parse(&bytes)?;
    if let Some(b) = board_name {
        let b = board(&b)?;
        if bit.header.device() != b.device {
            return Err(fpga::LoadError::WrongPart {
                part: bit.header.part.clone(),
                board: b.name,
                expected: b.device,
            }
            .into());
        }
    }
    let out = output.unwrap_or_else(|| file.with_extension("bin"));
    if out == file || crate::atomic::same_file(&out, file) {
        return Err(CliError::new(
            exit::USAGE,
            format!(
                "the output {} is the input file itself; name another with -o",
                out.display()
            ),
        ));
    }
    if let Some(w) = bit.padding_warning() {
        warn(format_args!("{}: {w}", file.display()));
    }
    let family = bitfile::family_of(&bit.header.part);
    let family_warning = family.conversion_warning(&bit.header.part);
    if let Some(w) = &family_warning {
        warn(w);
    }
    let bin = bitfile::to_zynqmp_bin(&bit);
    let existing = if force {
        crate::atomic::Existing::Replace
    } else {
        crate::atomic::Existing::Keep
    };
    let pb = bytes_bar(bin.len() as u64, "writing");
    let written = crate::atomic::write_file(&out, &bin, existing, |n| pb.inc(n));
    pb.finish_and_clear();
    written.map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => CliError::new(
            exit::USAGE,
            format!(
                "{} already exists; pass --force to replace it, or -o to write elsewhere",
                out.display()
            ),
        ),
        _ => io(&out, e),
    })?;
    let what = match family_warning {
        None => format!("{} → ZynqMP .bin", bit.header.part),
        Some(_) => format!(
            "{} is a {} part, see the warning",
            bit.header.part,
            family.name()
        ),
    };
    println!(
        "wrote {} ({} bytes, {what}, words byte-swapped)",
        out.display(),
        bin.len(),
    );
    Ok(())
}

/// Shows the install as a byte bar and the manager's state as a spinner.
struct LoadProgress {
    bar: Option<ProgressBar>,
    last_state: String,
}

impl fpga::Progress for LoadProgress {
    fn installing(&mut self, total: u64) {
        self.bar = Some(bytes_bar(total, "installing firmware"));
    }
    fn installed_bytes(&mut self, n: u64) {
        if let Some(b) = &self.bar {
            b.inc(n);
        }
    }
    fn waiting(&mut self, state: &str) {
        if state != self.last_state {
            if let Some(b) = self.bar.take() {
                b.finish_and_clear();
            }
            let sp = ProgressBar::new_spinner();
            sp.set_message(format!("FPGA: {state}"));
            sp.tick();
            self.bar = Some(sp);
            self.last_state = state.to_string();
        }
    }
}

fn bit_load(a: LoadArgs) -> Result<(), CliError> {
    let b = board(&a.board)?;
    if !(a.timeout.is_finite() && a.timeout > 0.0) {
        return Err(CliError::new(
            exit::USAGE,
            "--timeout must be a positive number of seconds",
        ));
    }
    let bytes = read(&a.file)?;
    if let Some(w) = bitfile::parse(&bytes)
        .ok()
        .and_then(|b| b.padding_warning())
    {
        warn(format_args!("{}: {w}", a.file.display()));
    }
    let opts = fpga::LoadOptions {
        sysfs_root: a.sysfs_root,
        configfs_root: a.configfs_root,
        firmware_dir: a.firmware_dir,
        manager: a.manager,
        overlay_name: a.firmware_name.trim_end_matches(".bin").to_string(),
        firmware_name: a.firmware_name,
        partial: a.partial,
        timeout: Duration::from_secs_f64(a.timeout),
        method: match a.overlay {
            Some(dtbo) => fpga::Method::Overlay { dtbo },
            None => fpga::Method::Manager,
        },
        replace_firmware: a.force,
    };
    let mut progress = LoadProgress {
        bar: None,
        last_state: String::new(),
    };
    let result = fpga::load(&bytes, b, &opts, &mut progress);
    if let Some(bar) = progress.bar.take() {
        bar.finish_and_clear();
    }
    let report = result?;
    println!("part:     {} (board {})", report.part, b.name);
    println!("firmware: {}", report.firmware.display());
    if let Some(n) = &report.manager_name {
        println!("manager:  {n}");
    }
    if let Some(s) = &report.overlay_status {
        println!("overlay:  {s}");
    }
    match &report.state {
        Some(s) => println!("state:    {s}"),
        None => println!("state:    (no FPGA manager visible to report a state)"),
    }
    Ok(())
}

/// Puts a serial device in raw mode at `baud` (a no-op for non-terminals).
fn configure_serial(f: &std::fs::File, baud: u32) -> Result<bool, std::io::Error> {
    use std::os::fd::AsRawFd;
    let fd = f.as_raw_fd();
    // SAFETY: plain termios calls on an fd we own.
    unsafe {
        if libc::isatty(fd) != 1 {
            return Ok(false);
        }
        let mut t: libc::termios = std::mem::zeroed();
        if libc::tcgetattr(fd, &mut t) != 0 {
            return Err(std::io::Error::last_os_error());
        }
        libc::cfmakeraw(&mut t);
        let speed = match baud {
            9600 => libc::B9600,
            19200 => libc::B19200,
            38400 => libc::B38400,
            57600 => libc::B57600,
            115_200 => libc::B115200,
            230_400 => libc::B230400,
            460_800 => libc::B460800,
            921_600 => libc::B921600,
            other => {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    format!("unsupported baud rate {other}"),
                ))
            }
        };
        libc::cfsetspeed(&mut t, speed);
        if libc::tcsetattr(fd, libc::TCSANOW, &t) != 0 {
            return Err(std::io::Error::last_os_error());
        }
    }
    Ok(true)
}

fn log(a: LogArgs) -> Result<(), CliError> {
    let elf = read(&a.elf)?;
    let decoder = defmt_log::Decoder::new(&elf)?;
    let min = a.level.map(|l| defmt_log::LEVELS[l as usize]);
    let mut tty = false;
    let (mut input, total): (Box<dyn Read>, Option<u64>) = if a.source == Path::new("-") {
        (Box::new(std::io::stdin().lock()), None)
    } else {
        let f = std::fs::File::open(&a.source).map_err(|e| io(&a.source, e))?;
        tty = configure_serial(&f, a.baud).map_err(|e| io(&a.source, e))?;
        let len = f.metadata().ok().filter(|m| m.is_file()).map(|m| m.len());
        if tty {
            eprintln!(
                "irqpipe: reading {} at {} baud; Ctrl-C stops",
                a.source.display(),
                a.baud
            );
        }
        (Box::new(f), len)
    };
    let bar = total.map(|t| bytes_bar(t, "decoding"));
    let mut stream = defmt_log::CheckedStream::new(decoder.stream());
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut show = |mut l: defmt_log::LogLine| {
        if min.is_some_and(|m| !defmt_log::passes(&l, m)) {
            return;
        }
        if a.no_location {
            l.location = None;
        }
        // A closed stdout ends the process through SIGPIPE (see main.rs).
        let _ = writeln!(out, "{l}");
    };
    let mut buf = vec![0u8; 4096];
    loop {
        let n = match input.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            // A serial port that goes away (USB unplugged, pty closed) ends
            // the stream like EOF does.
            Err(e) if tty && e.raw_os_error() == Some(libc::EIO) => break,
            Err(e) => return Err(io(&a.source, e)),
        };
        if let Some(b) = &bar {
            b.inc(n as u64);
        }
        stream.feed(&buf[..n]);
        while let Some(ev) = stream.next_checked()? {
            match ev {
                defmt_log::Checked::Line(l) => show(l),
                // On a live port say so early, but only at 1, 2, 4, 8, ...
                // skipped frames; a file gets one summary at the end.
                defmt_log::Checked::Skipped => {
                    let k = stream.malformed();
                    if tty && k.is_power_of_two() {
                        warn(format_args!(
                            "{k} frame(s) did not decode so far: {}",
                            defmt_log::MISMATCH_HINT
                        ));
                    }
                }
            }
        }
        let _ = std::io::stdout().flush();
    }
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    let held = stream.finish()?;
    for l in held {
        show(l);
    }
    match stream.problem() {
        Some(e) => Err(e.into()),
        None => Ok(()),
    }
}

fn regs_cmd(a: RegsArgs) -> Result<(), CliError> {
    let text = match &a.svd {
        Some(p) => std::fs::read_to_string(p).map_err(|e| io(p, e))?,
        None => EMBEDDED_SVD.to_string(),
    };
    let origin = a
        .svd
        .as_ref()
        .map_or("built-in SVD".to_string(), |p| p.display().to_string());
    let map = regmap_gen::model::RegMap::from_svd(&text, &origin)?;
    let all = regs::instances(&map);
    let svd_base = map.base();
    let span = map.span();
    let phys_base = a.base.unwrap_or(svd_base);
    let phys = |addr: u64| addr - svd_base + phys_base;

    // Checks come before the device is opened: a bad name never maps anything.
    let open = |writable: bool| -> Result<crate::mmio::Mapping, CliError> {
        let (path, offset) = match (&a.file, &a.uio) {
            (Some(f), _) => (f.clone(), 0),
            (None, Some(u)) => (u.clone(), 0),
            (None, None) => (a.mem.clone(), phys_base),
        };
        if offset % 4096 != 0 {
            return Err(CliError::new(
                exit::USAGE,
                format!("--base {offset:#x} is not page-aligned"),
            ));
        }
        Ok(crate::mmio::Mapping::open(&path, offset, span, writable)?)
    };
    use regs::Bus;
    match a.action {
        RegsAction::List => {
            for i in &all {
                let side = match i.reg.read_effect {
                    Some(e) => format!(", {}", e.describe()),
                    None => String::new(),
                };
                println!(
                    "{:<28} {:#010x}  {}{side}",
                    i.path,
                    phys(i.addr),
                    i.reg.access.short()
                );
            }
        }
        RegsAction::Dump { all: everything } => {
            let mut bus = open(false)?;
            let instance = regs::Instance::read(&mut bus);
            if instance.id != regs::ROUTER_ID {
                warn(format_args!(
                    "GLOBAL.ID reads {:#010x}, not \"IRQR\": no router at this address?",
                    instance.id
                ));
            }
            let hw = instance.size();
            let mut skipped = 0;
            for i in &all {
                let t = regs::Target {
                    inst: i.clone(),
                    field: None,
                };
                let in_range = everything || hw.map_or(true, |h| h.covers(i));
                if !in_range || regs::check_read(&t, false).is_err() {
                    skipped += 1;
                    continue;
                }
                let v = bus.read32(i.addr - svd_base);
                print!("{}", regs::render(i, phys(i.addr), v));
            }
            eprintln!(
                "irqpipe: {skipped} registers not read (write-only, read side effects{})",
                if everything {
                    ""
                } else {
                    ", or beyond this instance's NSRC/NCPU"
                }
            );
        }
        RegsAction::Read {
            name,
            side_effects,
            beyond_hwcfg,
        } => {
            let t = regs::lookup(&all, &name)?;
            regs::check_read(&t, side_effects)?;
            let mut bus = open(false)?;
            regs::check_bounds(&mut bus, &t, beyond_hwcfg)?;
            let v = bus.read32(t.inst.addr - svd_base);
            match t.field {
                None => print!("{}", regs::render(&t.inst, phys(t.inst.addr), v)),
                Some((f, i)) => {
                    let fv = (u64::from(v) >> f.lsb_of(i)) & f.value_mask();
                    let meaning = f
                        .enums
                        .iter()
                        .find(|e| e.value == fv)
                        .map(|e| format!(" ({})", e.name));
                    println!(
                        "{} = {fv:#x}{}",
                        regs::target_name(&t),
                        meaning.unwrap_or_default()
                    );
                }
            }
        }
        RegsAction::Write {
            name,
            value,
            beyond_hwcfg,
        } => {
            let t = regs::lookup(&all, &name)?;
            let v = regs::parse_value(&t, &value)?;
            let plan = regs::plan_write(&t, v)?;
            let mut bus = open(true)?;
            regs::check_bounds(&mut bus, &t, beyond_hwcfg)?;
            let off = t.inst.addr - svd_base;
            let word = match plan {
                regs::WritePlan::Whole(w) => w,
                regs::WritePlan::Field { mask, bits } => (bus.read32(off) & !mask) | bits,
            };
            bus.write32(off, word);
            println!(
                "{} @ {:#010x} <- {word:#010x}",
                t.inst.path,
                phys(t.inst.addr)
            );
        }
    }
    Ok(())
}

fn gen(a: GenArgs) -> Result<(), CliError> {
    let root = a
        .root
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../.."));
    match crate::gen::run(&root, a.check)? {
        crate::gen::GenOutcome::Current { files } => {
            println!("all {files} generated files are current");
            Ok(())
        }
        crate::gen::GenOutcome::Stale { report } => Err(CliError::new(
            exit::GEN_STALE,
            format!("generated files are out of date:\n{report}"),
        )),
        crate::gen::GenOutcome::Written {
            files,
            updated,
            removed,
        } => {
            for p in &updated {
                println!("wrote   {p}");
            }
            for p in &removed {
                println!("removed {p}");
            }
            println!(
                "{files} files generated, {} updated, {} removed",
                updated.len(),
                removed.len()
            );
            Ok(())
        }
    }
}
