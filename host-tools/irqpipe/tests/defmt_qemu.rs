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
        assert_eq!(run.code(), Some(0), "fixture did not exit cleanly: {}", run.stderr);
        (std::fs::read(&elf).unwrap(), run.serial[0].clone())
    })
}

fn line(level: Option<&str>, ts: &str, msg: &str) -> (Option<String>, Option<String>, String) {
    (level.map(str::to_string), Some(ts.to_string()), msg.to_string())
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
            line(Some("warn"), "0.002000", "claimed Irq { cpu: 1, source: 42 }"),
            line(Some("trace"), "0.003000", "latency 17 cycles"),
            line(Some("error"), "0.004000", "stall lost on cpu 3"),
            line(None, "0.005000", "done"),
        ]
    );
    let loc = lines[0].location.as_deref().expect("debug info gives locations");
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
