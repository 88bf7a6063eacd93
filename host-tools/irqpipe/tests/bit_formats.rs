//! What `bit` makes of files that users hand it: compressed .bit files,
//! boot images made by an independent tool (U-Boot's mkimage), .bin files
//! already converted, bitstreams of other device families; `bit info` on
//! several files at once and as JSON.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use irqpipe::bitfile::{self, Family, Recognised};
use irqpipe::exit;

fn info(args: &[&Path], json: bool) -> Output {
    let mut c = common::irqpipe();
    c.args(["bit", "info"]);
    if json {
        c.arg("--json");
    }
    c.args(args).output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A real boot image: U-Boot's `mkimage -T zynqmpimage` (Debian package
/// u-boot-tools) wraps a payload in the ZynqMP boot header that bootgen
/// writes too.
fn mkimage_boot_image(dir: &Path) -> Vec<u8> {
    let payload = common::write(dir, "fsbl.bin", &[0x14u8; 4096]);
    let image = dir.join("BOOT.BIN");
    let out = Command::new("mkimage")
        .args(["-T", "zynqmpimage", "-d"])
        .arg(&payload)
        .arg(&image)
        .output()
        .expect("mkimage (Debian package u-boot-tools)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::read(&image).unwrap()
}

#[test]
fn files_often_taken_for_a_bit_file_are_named_with_advice() {
    let dir = common::scratch("formats");
    let bit = common::zcu102_bit();
    let bin = bitfile::to_zynqmp_bin(&bitfile::parse(&bit).unwrap());
    let payload = bitfile::parse(&bit).unwrap().payload.to_vec();

    let plain = common::write(&dir, "router.bit", &bit);
    let gz = Command::new("gzip")
        .args(["-k", "-f"])
        .arg(&plain)
        .status()
        .unwrap();
    assert!(gz.success());
    let cases: Vec<(&str, Vec<u8>, Recognised, &str)> = vec![
        (
            "router.bit.gz",
            std::fs::read(dir.join("router.bit.gz")).unwrap(),
            Recognised::Gzip,
            "gzip-compressed data, not a .bit file: decompress it first",
        ),
        (
            "BOOT.BIN",
            mkimage_boot_image(&dir),
            Recognised::BootImage,
            "a Zynq boot image (bootgen's BOOT.BIN",
        ),
        (
            "router.bin",
            bin,
            Recognised::SwappedBin { sync: 80 },
            "already a ZynqMP .bin (no header, words byte-swapped: sync word 66 55 99 AA at byte 80)",
        ),
        (
            "headerless.bin",
            payload,
            Recognised::HeaderlessBit { sync: 80 },
            "a bitstream without the .bit header (sync word AA 99 55 66 at byte 80",
        ),
    ];
    for (name, bytes, what, msg) in cases {
        assert_eq!(bitfile::recognise(&bytes), Some(what), "{name}");
        assert_eq!(
            bitfile::parse(&bytes),
            Err(bitfile::BitError::Recognised(what)),
            "{name}"
        );
        let f = common::write(&dir, name, &bytes);
        for cmd in [
            &["bit", "info"][..],
            &["bit", "convert", "-o", "/dev/null/x"],
        ] {
            let out = common::irqpipe_on(cmd, &f);
            common::assert_exit(&out, exit::BIT_CORRUPT, msg);
        }
    }
    // Unrecognisable bytes stay "not a .bit file".
    assert_eq!(bitfile::recognise(b"hello, not a bitstream"), None);
}

/// The header of a Zynq-7000 file as Vivado 2018.3 wrote it (the published
/// U-Boot log cited in tests/bit_header.rs), and a Spartan-6 one as ISE
/// names its parts (`6slx9tqg144`, no "xc").
fn other_family_bits() -> Vec<(&'static str, Vec<u8>, Family, &'static str)> {
    let payload = common::zynqmp_payload(100);
    vec![
        (
            "zynq7000.bit",
            common::make_bit(
                "design_1_wrapper;UserID=0XFFFFFFFF;Version=2018.3",
                "7z020clg400",
                "2024/08/22",
                "11:38:50",
                &payload,
            ),
            Family::Zynq7000,
            "7z020clg400 is a Zynq-7000 part, not Zynq UltraScale+",
        ),
        (
            "spartan6.bit",
            common::make_bit(
                "top.ncd;UserID=0xFFFFFFFF",
                "6slx9tqg144",
                "2013/05/02",
                "10:00:00",
                &payload,
            ),
            Family::Spartan6,
            "6slx9tqg144 is a Spartan-6 part",
        ),
    ]
}

#[test]
fn converting_another_family_warns_instead_of_claiming_a_zynqmp_bin() {
    let dir = common::scratch("families");
    assert_eq!(
        bitfile::family_of("xczu9eg-ffvb1156-2-e"),
        Family::ZynqUltraScalePlus
    );
    assert_eq!(
        bitfile::family_of("xck26-sfvc784-2LV-c"),
        Family::ZynqUltraScalePlus
    );
    assert_eq!(bitfile::family_of("xc7a35tcsg324-1"), Family::Other);
    for (name, bytes, family, warning) in other_family_bits() {
        let part = bitfile::parse(&bytes).unwrap().header.part;
        assert_eq!(bitfile::family_of(&part), family);
        let f = common::write(&dir, name, &bytes);
        let out = common::irqpipe_on(&["bit", "convert"], &f);
        let text = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert!(
            stderr(&out).contains(&format!("irqpipe: warning: {warning}")),
            "{name}: {}",
            stderr(&out)
        );
        assert!(!text.contains("ZynqMP"), "{name}: {text}");
        assert!(
            text.contains(&format!("is a {} part", family.name())),
            "{text}"
        );
        // bit info names the family and says no board takes it.
        let out = info(&[&f], false);
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.contains(&format!("family:   {}", family.name())),
            "{text}"
        );
        assert!(
            text.contains("board:    none of zcu102, kv260, ultra96v2"),
            "{text}"
        );
    }
    // A ZynqMP file converts without a warning.
    let f = common::write(&dir, "zu9.bit", &common::zcu102_bit());
    let out = common::irqpipe_on(&["bit", "convert"], &f);
    assert!(out.stderr.is_empty(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("xczu9eg-ffvb1156-2-e → ZynqMP .bin"));
}

#[test]
fn info_reports_on_every_file_and_exits_with_the_first_failure() {
    let dir = common::scratch("info-many");
    let bit = common::zcu102_bit();
    let good = common::write(&dir, "good.bit", &bit);
    let trunc = common::write(&dir, "trunc.bit", &bit[..bit.len() - 8]);
    let text = common::write(&dir, "notes.txt", b"not a bitstream");
    let out = info(&[&good, &trunc, &text], false);
    let stdout = String::from_utf8_lossy(&out.stdout);
    common::assert_exit(&out, exit::BIT_TRUNCATED, "trunc.bit: truncated .bit file");
    assert!(stderr(&out).contains("notes.txt: not a Xilinx .bit file"));
    // Each file has its block, the truncated one with its header fields.
    assert_eq!(stdout.matches("file:     ").count(), 3, "{stdout}");
    assert_eq!(stdout.matches("part:     xczu9eg").count(), 2, "{stdout}");
    assert_eq!(stdout.matches("sync:     AA995566").count(), 1, "{stdout}");
}

#[test]
fn info_json_is_one_array_with_an_object_per_file() {
    let dir = common::scratch("info-json");
    let good = common::write(&dir, "good.bit", &common::zcu102_bit());
    let bin = common::write(
        &dir,
        "good.bin",
        &bitfile::to_zynqmp_bin(&bitfile::parse(&common::zcu102_bit()).unwrap()),
    );
    let out = info(&[&good, &bin, &dir.join("missing.bit")], true);
    assert_eq!(out.status.code(), Some(i32::from(exit::BIT_CORRUPT)));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let a = v.as_array().unwrap();
    assert_eq!(a.len(), 3);
    assert_eq!(a[0]["ok"], true);
    assert_eq!(a[0]["format"], "bit");
    assert_eq!(a[0]["part"], "xczu9eg-ffvb1156-2-e");
    assert_eq!(a[0]["device"], "xczu9eg");
    assert_eq!(a[0]["family"], "Zynq UltraScale+");
    assert_eq!(a[0]["boards"][0]["name"], "zcu102");
    assert_eq!(a[0]["payload_length"], 4088);
    assert_eq!(a[0]["sync_offset"], 80);
    assert_eq!(a[0]["error"], serde_json::Value::Null);
    assert_eq!(a[1]["ok"], false);
    assert_eq!(a[1]["format"], "zynqmp-bin");
    assert_eq!(a[1]["part"], serde_json::Value::Null);
    assert_eq!(a[1]["error"]["name"], "BIT_CORRUPT");
    assert_eq!(a[1]["error"]["code"], exit::BIT_CORRUPT);
    assert_eq!(a[2]["error"]["name"], "IO");
    // The text report is not mixed into the JSON.
    assert!(!String::from_utf8_lossy(&out.stdout).contains("file:     "));
}
