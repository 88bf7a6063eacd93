//! The board build's defmt transport, run on QEMU: the oob-core image built
//! with `--features rtt` (no UART1 frames, no semihosting) drains its
//! per-core rings into the SEGGER RTT up channel `_SEGGER_RTT`. Read here
//! through QEMU's gdbstub the way a probe reads it through the debug port
//! (control block, buffer pointer, write offset, bytes), and decoded with
//! the ELF. What QEMU cannot show: probe-rs itself, and the cache cleaning a
//! probe on silicon needs (QEMU has no caches).
use object::{Object, ObjectSymbol};
use qemu_firmware::gdb::Gdb;
use qemu_firmware::*;
use std::time::Duration;

fn symbol(elf: &[u8], name: &str) -> u64 {
    let f = object::File::parse(elf).expect("ELF");
    let s = f.symbols().find(|s| s.name() == Ok(name));
    s.unwrap_or_else(|| panic!("no {name} in the ELF")).address()
}

fn u64_at(b: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(b[at..at + 8].try_into().unwrap())
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(b[at..at + 4].try_into().unwrap())
}

#[test]
fn rtt_build_logs_through_the_rtt_up_channel() {
    let target = repo_root().join("target/firmware-a53-rtt");
    let args = ["-p", "oob-core", "--bin", "oob-core", "--no-default-features", "--features", "rtt"];
    let dir = build_firmware_with(&target, &[], &args).unwrap_or_else(|e| panic!("{e}"));
    let elf_path = dir.join("oob-core");
    let elf = std::fs::read(&elf_path).expect("rtt ELF");
    let cb = symbol(&elf, "_SEGGER_RTT");
    let port = std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("free port").port();
    let qemu = qemu_run::Qemu::zcu102(qemu_run::scratch_dir("fw-rtt"))
        .machine(SECURE)
        .serials(2)
        .args(["-kernel", elf_path.to_str().expect("utf-8 path"), "-gdb", &format!("tcp:127.0.0.1:{port}")])
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    let mut gdb = Gdb::connect(port).expect("gdbstub");

    // The heartbeat task logs once a second of guest time: look, bounded,
    // until it has (each look stops the guest, reads, lets it run on).
    let mut log = Vec::new();
    for _ in 0..60 {
        std::thread::sleep(Duration::from_millis(500));
        gdb.interrupt().expect("stop");
        // Control block: "SEGGER RTT" id, up/down channel counts, then up
        // channel 0: name, buffer (64-bit pointers), size, write, read, flags.
        let h = gdb.read(cb, 56).expect("control block");
        assert_eq!(&h[..16], b"SEGGER RTT\0\0\0\0\0\0");
        assert_eq!((u32_at(&h, 16), u32_at(&h, 20)), (1, 0), "one up channel, no down channel");
        let name = gdb.read(u64_at(&h, 24), 6).expect("channel name");
        assert_eq!(&name, b"defmt\0");
        let (buf, size, write) = (u64_at(&h, 32), u32_at(&h, 40) as usize, u32_at(&h, 44) as usize);
        assert!(write < size, "write offset {write} of {size}");
        // Nobody reads: the stream starts at offset 0 and has not wrapped
        // while it is far from full.
        let bytes = gdb.read(buf, write).expect("up buffer");
        log = irqpipe::defmt_log::decode_all(&elf, &bytes).unwrap_or_else(|e| panic!("RTT bytes do not decode: {e:?}"));
        if log.iter().any(|l| l.message.starts_with("oob-core: heartbeat 1:")) {
            break;
        }
        gdb.resume().expect("continue");
    }
    assert_eq!(qemu.serial_text(1), "", "the RTT build must leave UART1 alone");
    drop(qemu);
    let msgs: Vec<&str> = log.iter().map(|l| l.message.as_str()).collect();
    assert_eq!(msgs.first().copied(), Some("oob-core: entered at EL3, running at EL1, Secure"), "{msgs:#?}");
    assert!(msgs.contains(&"oob-core: running"), "{msgs:#?}");
    assert!(
        msgs.iter().any(|m| m.starts_with("oob-core: heartbeat 1: router sources 0, ipis 0")),
        "no heartbeat in the RTT channel: {msgs:#?}"
    );
}
