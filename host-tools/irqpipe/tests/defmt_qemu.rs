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
