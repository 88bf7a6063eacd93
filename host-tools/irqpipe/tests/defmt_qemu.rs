//! The defmt decoder on real frames: the fixture program runs on QEMU's
//! xlnx-zcu102 and logs over Cadence UART0; we decode the capture with its
//! ELF. No frame here is made on the host.

mod common;

use std::sync::OnceLock;
use std::time::Duration;

use irqpipe::defmt_log::{decode_all, Decoder, Event, LogError, LogLine};

/// (ELF bytes, UART0 capture), produced once per test binary.
fn capture() -> &'static (Vec<u8>, Vec<u8>) {
    static CAP: OnceLock<(Vec<u8>, Vec<u8>)> = OnceLock::new();
    CAP.get_or_init(|| {
        let elf = common::defmt_app_elf();
        let run = qemu_run::Qemu::zcu102(common::scratch("defmt-qemu"))
            .args(["-semihosting", "-kernel", elf.to_str().unwrap()])
            .timeout(Duration::from_secs(30))
            .run()
            .expect("run qemu");
        assert_eq!(
            run.code(),
            Some(0),
            "fixture did not exit cleanly: {}",
            run.stderr
        );
        (std::fs::read(&elf).unwrap(), run.serial[0].clone())
    })
}

fn line(level: Option<&str>, ts: &str, msg: &str) -> (Option<String>, Option<String>, String) {
    (
        level.map(str::to_string),
        Some(ts.to_string()),
        msg.to_string(),
    )
}

#[test]
fn decodes_every_line_of_the_fixture_with_level_timestamp_and_location() {
    let (elf, bytes) = capture();
    let lines = decode_all(elf, bytes).expect("decode");
    let got: Vec<_> = lines
        .iter()
        .map(|l| (l.level.clone(), l.timestamp.clone(), l.message.clone()))
        .collect();
    // The fixture's timestamp advances 1000 µs per statement.
    assert_eq!(
        got,
        vec![
            line(Some("info"), "0.000000", "defmt-app up"),
            line(Some("debug"), "0.001000", "router id 0x49525152"),
            line(
                Some("warn"),
                "0.002000",
                "claimed Irq { cpu: 1, source: 42 }"
            ),
            line(Some("trace"), "0.003000", "latency 17 cycles"),
            line(Some("error"), "0.004000", "stall lost on cpu 3"),
            line(None, "0.005000", "done"),
        ]
    );
    let loc = lines[0]
        .location
        .as_deref()
        .expect("debug info gives locations");
    assert!(loc.contains("main.rs:"), "{loc}");
}

#[test]
fn streaming_in_small_chunks_gives_the_same_lines() {
    let (elf, bytes) = capture();
    let whole = decode_all(elf, bytes).unwrap();
    let dec = Decoder::new(elf).unwrap();
    let mut s = dec.stream();
    let mut got: Vec<LogLine> = Vec::new();
    for chunk in bytes.chunks(3) {
        s.feed(chunk);
        while let Some(ev) = s.next_line() {
            match ev {
                Event::Line(l) => got.push(l),
                Event::Malformed => panic!("malformed frame in a clean capture"),
            }
        }
    }
    assert_eq!(got, whole);
    assert!(!s.has_partial_frame());
}

#[test]
fn a_corrupted_frame_is_reported_and_the_stream_resynchronises() {
    let (elf, bytes) = capture();
    let whole = decode_all(elf, bytes).unwrap();
    // Frames end at zero bytes (the capture may start with idle zeros).
    // defmt has no checksum, so damage that still decodes cannot be seen;
    // overwrite the whole second frame so its string index is not in the
    // table.
    let start = bytes.iter().position(|&b| b != 0).unwrap();
    let first_end = start + bytes[start..].iter().position(|&b| b == 0).unwrap();
    let mut bad = bytes.clone();
    let second_end = first_end + 1 + bad[first_end + 1..].iter().position(|&b| b == 0).unwrap();
    bad[first_end + 1..second_end].fill(0xff);
    assert_eq!(decode_all(elf, &bad), Err(LogError::Malformed { frame: 1 }));

    let dec = Decoder::new(elf).unwrap();
    let mut s = dec.stream();
    s.feed(&bad);
    let mut lines = Vec::new();
    while let Some(ev) = s.next_line() {
        if let Event::Line(l) = ev {
            lines.push(l);
        }
    }
    assert_eq!(s.malformed(), 1);
    assert_eq!(lines.len(), whole.len() - 1);
    assert_eq!(lines[0], whole[0]);
    assert_eq!(lines[1..], whole[2..]);
}

#[test]
fn a_capture_cut_inside_a_frame_is_truncated() {
    let (elf, bytes) = capture();
    let cut = &bytes[..bytes.len() - 2];
    assert_eq!(decode_all(elf, cut), Err(LogError::Truncated { frames: 5 }));
}

#[test]
fn an_elf_without_defmt_is_refused_clearly() {
    // The host test binary itself is an ELF with no .defmt section.
    let me = std::fs::read(std::env::current_exe().unwrap()).unwrap();
    assert_eq!(decode_all(&me, b"").unwrap_err(), LogError::NoDefmt);
    let err = decode_all(b"not an elf", b"").unwrap_err();
    assert!(matches!(err, LogError::Elf(_)), "{err:?}");
}

// ---- the `log` subcommand on the same capture ----

fn write_capture(name: &str, bytes: &[u8]) -> (std::path::PathBuf, std::path::PathBuf) {
    let dir = common::scratch(name);
    let (elf, _) = capture();
    let e = dir.join("defmt-app.elf");
    std::fs::write(&e, elf).unwrap();
    let c = dir.join("uart0.bin");
    std::fs::write(&c, bytes).unwrap();
    (e, c)
}

#[test]
fn log_subcommand_decodes_a_file_with_timestamps_levels_and_locations() {
    let (_, bytes) = capture();
    let (elf, cap) = write_capture("log-file", bytes);
    let out = log_file(&elf, &cap);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 6, "{text}");
    assert!(
        lines[0].starts_with("0.000000 INFO  defmt-app up  ("),
        "{}",
        lines[0]
    );
    assert!(
        lines[0].ends_with("main.rs:113)") || lines[0].contains("main.rs:"),
        "{}",
        lines[0]
    );
    assert!(
        lines[2].starts_with("0.002000 WARN  claimed Irq { cpu: 1, source: 42 }"),
        "{}",
        lines[2]
    );
    assert!(lines[5].starts_with("0.005000       done"), "{}", lines[5]);
}

#[test]
fn log_subcommand_reads_stdin_and_filters_by_level() {
    use std::io::Write;
    let (_, bytes) = capture();
    let (elf, _) = write_capture("log-stdin", bytes);
    let mut child = common::irqpipe()
        .args(["log", "--level", "warn", "--no-location", "--elf"])
        .arg(&elf)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(bytes).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "0.002000 WARN  claimed Irq { cpu: 1, source: 42 }\n\
         0.004000 ERROR stall lost on cpu 3\n\
         0.005000       done\n"
    );
}

#[test]
fn log_subcommand_fails_with_its_exit_code_on_damaged_input() {
    let (_, bytes) = capture();
    let mut bad = bytes.clone();
    let start = bad.iter().position(|&b| b != 0).unwrap();
    let end = start + bad[start..].iter().position(|&b| b == 0).unwrap();
    bad[start..end].fill(0xff);
    let (elf, cap) = write_capture("log-bad", &bad);
    let out = log_file(&elf, &cap);
    assert_eq!(
        out.status.code(),
        Some(i32::from(irqpipe::exit::LOG_DECODE))
    );
    // The good frames are still printed; the damage is reported.
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 5);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("1 malformed frame(s) skipped (5 decoded)")
    );

    let (elf, cap) = write_capture("log-cut", &bytes[..bytes.len() - 2]);
    let out = log_file(&elf, &cap);
    common::assert_exit(&out, irqpipe::exit::LOG_DECODE, "ends inside a frame");

    let out = log_file(&cap, &cap);
    common::assert_exit(
        &out,
        irqpipe::exit::LOG_DECODE,
        "cannot use the firmware ELF",
    );
}

/// `irqpipe log --elf ELF CAPTURE`.
fn log_file(elf: &std::path::Path, capture: &std::path::Path) -> std::process::Output {
    common::irqpipe()
        .args(["log", "--elf"])
        .arg(elf)
        .arg(capture)
        .output()
        .unwrap()
}

/// A pseudo-terminal stands in for the board's USB serial port: the tool
/// opens it as a tty (raw mode, baud rate) and stops when it hangs up.
#[test]
fn log_subcommand_reads_a_serial_device() {
    use std::ffi::CStr;
    use std::io::{BufRead, Write};
    use std::os::fd::FromRawFd;
    let (_, bytes) = capture();
    let (elf, _) = write_capture("log-tty", bytes);
    // SAFETY: plain pty setup; every fd is owned by a File below.
    let (mut master, slave_path, slave) = unsafe {
        let (mut m, mut s) = (-1, -1);
        let rc = libc::openpty(
            &mut m,
            &mut s,
            std::ptr::null_mut(),
            std::ptr::null(),
            std::ptr::null(),
        );
        assert_eq!(rc, 0, "openpty");
        let mut buf = [0 as libc::c_char; 128];
        assert_eq!(libc::ttyname_r(s, buf.as_mut_ptr(), buf.len()), 0);
        let path = CStr::from_ptr(buf.as_ptr()).to_str().unwrap().to_string();
        // Keep the slave open in raw mode so no byte is cooked before the
        // tool has opened it; neither end may leak into the child.
        let mut t: libc::termios = std::mem::zeroed();
        assert_eq!(libc::tcgetattr(s, &mut t), 0);
        libc::cfmakeraw(&mut t);
        assert_eq!(libc::tcsetattr(s, libc::TCSANOW, &t), 0);
        libc::fcntl(m, libc::F_SETFD, libc::FD_CLOEXEC);
        libc::fcntl(s, libc::F_SETFD, libc::FD_CLOEXEC);
        (
            std::fs::File::from_raw_fd(m),
            path,
            std::fs::File::from_raw_fd(s),
        )
    };
    let mut child = common::irqpipe()
        .args(["log", "--baud", "115200", "--elf"])
        .arg(&elf)
        .arg(&slave_path)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    master.write_all(bytes).unwrap();
    let mut lines = Vec::new();
    let mut reader = std::io::BufReader::new(child.stdout.take().unwrap());
    while lines.len() < 6 {
        let mut l = String::new();
        if reader.read_line(&mut l).unwrap() == 0 {
            break;
        }
        lines.push(l);
    }
    drop(slave);
    drop(master);
    let status = child.wait().unwrap();
    assert_eq!(lines.len(), 6, "{lines:?}");
    assert!(
        lines[1].starts_with("0.001000 DEBUG router id 0x49525152"),
        "{lines:?}"
    );
    assert_eq!(status.code(), Some(0));
}

/// stderr's lines, for checking that a failure says one thing once.
fn stderr_lines(out: &std::process::Output) -> Vec<String> {
    String::from_utf8_lossy(&out.stderr)
        .lines()
        .map(str::to_string)
        .collect()
}

/// The run failed with `code`, showed no line, and said every one of `msgs`
/// in a single line on stderr.
fn fails_once_showing_nothing(out: &std::process::Output, code: u8, msgs: &[&str]) {
    for m in msgs {
        common::assert_exit(out, code, m);
    }
    assert_eq!(String::from_utf8_lossy(&out.stdout), "", "lines shown");
    assert_eq!(stderr_lines(out).len(), 1, "{:?}", stderr_lines(out));
}

#[test]
fn an_empty_log_says_so_and_exits_with_log_empty() {
    use std::io::Write;
    let (elf, empty) = write_capture("log-empty", b"");
    let (_, idle) = write_capture("log-idle", &[0u8; 64]);
    for cap in [&empty, &idle] {
        let out = log_file(&elf, cap);
        fails_once_showing_nothing(
            &out,
            irqpipe::exit::LOG_EMPTY,
            &["the log holds no defmt frame"],
        );
    }
    // Nothing on stdin either.
    let mut child = common::irqpipe()
        .args(["log", "--elf"])
        .arg(&elf)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"").unwrap();
    let out = child.wait_with_output().unwrap();
    common::assert_exit(&out, irqpipe::exit::LOG_EMPTY, "no defmt frame");
}

/// The log of one build decoded with the ELF of another: one clear error,
/// no bogus line, no warning per frame.
#[test]
fn a_log_decoded_with_another_builds_elf_gives_one_clear_error() {
    let (_, bytes) = capture();
    let variant = std::fs::read(common::defmt_app_variant_elf()).unwrap();
    let (elf, _) = capture();
    assert_ne!(&variant, elf, "the variant build is the same ELF");
    let dir = common::scratch("log-wrong-elf");
    let e = common::write(&dir, "other-build.elf", &variant);
    let c = common::write(&dir, "uart0.bin", bytes);
    let out = log_file(&e, &c);
    fails_once_showing_nothing(
        &out,
        irqpipe::exit::LOG_DECODE,
        &["do not decode with this ELF, so none is shown", "wrong ELF"],
    );
    // The library says the same.
    let dec = Decoder::new(&variant).unwrap();
    let mut s = irqpipe::defmt_log::CheckedStream::new(dec.stream());
    s.feed(bytes);
    let mut shown = Vec::new();
    let err = loop {
        match s.next_checked() {
            Ok(Some(l)) => shown.push(l),
            Ok(None) => break s.finish().unwrap_err(),
            Err(e) => break e,
        }
    };
    assert!(matches!(err, LogError::Mismatch { .. }), "{err:?}");
    assert!(shown.is_empty(), "{shown:?}");
}

/// A frame with a byte its format string does not use is malformed: with
/// another build's ELF that is how most frames fail. (defmt-decoder's own
/// stream decoder ignores such bytes and prints the line.)
#[test]
fn a_frame_with_bytes_left_over_is_malformed() {
    let (elf, bytes) = capture();
    let start = bytes.iter().position(|&b| b != 0).unwrap();
    let end = start + bytes[start..].iter().position(|&b| b == 0).unwrap();
    let table = defmt_decoder::Table::parse(elf).unwrap().unwrap();
    // The frame exactly as the firmware wrote it: rzcobs may add zeros.
    let mut raw = rzcobs::decode(&bytes[start..end]).unwrap();
    let used = table.decode(&raw).unwrap().1;
    raw.truncate(used);
    let decode = |raw: &[u8]| {
        let mut framed = rzcobs::encode(raw);
        framed.push(0);
        let dec = Decoder::new(elf).unwrap();
        let mut s = dec.stream();
        s.feed(&framed);
        s.next_line()
    };
    assert!(matches!(decode(&raw), Some(Event::Line(_))));
    raw.push(0x5a);
    assert_eq!(decode(&raw), Some(Event::Malformed));
    // What the stock stream decoder would have done with it.
    let mut stock = table.new_stream_decoder();
    let mut framed = rzcobs::encode(&raw);
    framed.push(0);
    stock.received(&framed);
    assert!(
        stock.decode().is_ok(),
        "defmt-decoder now rejects it itself"
    );
}

/// The Linux console read instead of the defmt UART: text, no frames.
#[test]
fn console_text_instead_of_defmt_frames_gives_one_clear_error() {
    let text = b"[    0.000000] Booting Linux on physical CPU 0x0000000000 [0x410fd034]\r\n\
                 [    0.000000] Linux version 6.1.0-18-arm64\r\n\r\nxilinx-zcu102 login: ";
    let (elf, cap) = write_capture("log-console", text);
    let out = log_file(&elf, &cap);
    fails_once_showing_nothing(
        &out,
        irqpipe::exit::LOG_DECODE,
        &["without a single frame end", "wrong UART"],
    );
    // Text with line ends that happen to be NULs (a terminal's padding) is
    // cut into "frames" that do not decode: the same verdict, once.
    let nul_text: Vec<u8> = text
        .iter()
        .map(|&b| if b == b'\n' { 0 } else { b })
        .collect();
    let (elf, cap) = write_capture("log-console-nul", &nul_text);
    let out = log_file(&elf, &cap);
    fails_once_showing_nothing(&out, irqpipe::exit::LOG_DECODE, &["wrong UART"]);
}

/// Damage after a good start: the good lines are shown, the bad frames are
/// one count with the hint, not a warning each.
#[test]
fn many_bad_frames_in_a_good_log_are_one_counted_message() {
    let (_, bytes) = capture();
    // The capture six times over, then every frame of the last three
    // copies overwritten (18 frames that do not decode).
    let mut log: Vec<u8> = bytes.repeat(6);
    let half = bytes.len() * 3;
    for b in &mut log[half..] {
        if *b != 0 {
            *b = 0xff;
        }
    }
    let (elf, cap) = write_capture("log-many-bad", &log);
    let out = log_file(&elf, &cap);
    common::assert_exit(
        &out,
        irqpipe::exit::LOG_DECODE,
        "malformed frame(s) skipped (18 decoded)",
    );
    common::assert_exit(&out, irqpipe::exit::LOG_DECODE, "wrong ELF");
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 18);
    assert_eq!(stderr_lines(&out).len(), 1, "{:?}", stderr_lines(&out));
}
