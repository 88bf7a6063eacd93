//! The .bit parser on published real headers, on files laid out like
//! Vivado's, and on every kind of damage; `bit info` / `bit convert` exit
//! codes; the ZynqMP .bin byte order.

mod common;

use irqpipe::bitfile::{self, BitError};
use irqpipe::exit;

/// The first 0x50 bytes of a real .bit file (design "xform.ncd" for a
/// Virtex v1000efg860), as published in the FPGA FAQ entry 0026 "Tell me
/// about bit files" (Alan Nishioka, 2001,
/// fpga-faq.com/FAQ_Pages/0026_Tell_me_about_bit_files.htm) and reproduced
/// in xc3sprog's `bitfile.h` (github.com/matrix-io/xc3sprog). The file
/// continues with 0x000c2818 payload bytes that the dump does not show.
const PUBLISHED_XFORM: [u8; 0x50] = [
    0x00, 0x09, 0x0f, 0xf0, 0x0f, 0xf0, 0x0f, 0xf0, 0x0f, 0xf0, 0x00, 0x00, 0x01, 0x61, 0x00, 0x0a,
    0x78, 0x66, 0x6f, 0x72, 0x6d, 0x2e, 0x6e, 0x63, 0x64, 0x00, 0x62, 0x00, 0x0c, 0x76, 0x31, 0x30,
    0x30, 0x30, 0x65, 0x66, 0x67, 0x38, 0x36, 0x30, 0x00, 0x63, 0x00, 0x0b, 0x32, 0x30, 0x30, 0x31,
    0x2f, 0x30, 0x38, 0x2f, 0x31, 0x30, 0x00, 0x64, 0x00, 0x09, 0x30, 0x36, 0x3a, 0x35, 0x35, 0x3a,
    0x30, 0x34, 0x00, 0x65, 0x00, 0x0c, 0x28, 0x18, 0xff, 0xff, 0xff, 0xff, 0xaa, 0x99, 0x55, 0x66,
];

#[test]
fn published_real_header_parses_field_by_field() {
    let h = bitfile::parse_header(&PUBLISHED_XFORM).unwrap();
    assert_eq!(h.design, "xform.ncd");
    assert_eq!(h.part, "v1000efg860");
    assert_eq!(h.date, "2001/08/10");
    assert_eq!(h.time, "06:55:04");
    assert_eq!(h.payload_len, 0x000c_2818);
    assert_eq!(h.payload_offset, 0x48);
    assert_eq!(
        &PUBLISHED_XFORM[h.payload_offset..][4..8],
        &bitfile::SYNC_WORD
    );
    // Only the first 8 payload bytes were published: the whole-file check
    // must call it truncated, naming how much is missing.
    assert_eq!(
        bitfile::parse(&PUBLISHED_XFORM),
        Err(BitError::Truncated {
            what: "the payload",
            needed: 0x000c_2818,
            available: 8
        })
    );
}

/// A U-Boot `fpga loadb` log in a public Zynq-7000 bring-up note (found
/// through a code search; Vivado 2018.3 output) reports,
/// for one real file, its size (4045676 bytes read) and its header fields
/// (design "design_1_wrapper;UserID=0XFFFFFFFF;Version=2018.3", part
/// 7z020clg400, date 2024/08/22, time 11:38:50, 4045564 bytes in
/// bitstream). The layout we write and parse must account for exactly the
/// 112 bytes between the two numbers.
#[test]
fn header_size_matches_a_published_vivado_file() {
    let design = "design_1_wrapper;UserID=0XFFFFFFFF;Version=2018.3";
    let header = common::make_bit(design, "7z020clg400", "2024/08/22", "11:38:50", &[]);
    assert_eq!(header.len(), 4_045_676 - 4_045_564);
    let h = bitfile::parse_header(&header).unwrap();
    assert_eq!(
        (h.design.as_str(), h.part.as_str()),
        (design, "7z020clg400")
    );
    assert_eq!(h.payload_offset, header.len());
}

#[test]
fn vivado_style_zynqmp_file_parses_and_reports_its_device() {
    let bit = common::zcu102_bit();
    let f = bitfile::parse(&bit).unwrap();
    assert_eq!(f.header.part, "xczu9eg-ffvb1156-2-e");
    assert_eq!(f.header.device(), "xczu9eg");
    assert_eq!(bitfile::device_of("XCK26-SFVC784-2LV-C"), "xck26");
    assert_eq!(bitfile::sync_offset(f.payload), Some(80));
    assert_eq!(f.payload.len(), f.header.payload_len as usize);
}

#[test]
fn zynqmp_bin_swaps_every_word_and_keeps_nothing_of_the_header() {
    let bit = common::zcu102_bit();
    let f = bitfile::parse(&bit).unwrap();
    let bin = bitfile::to_zynqmp_bin(&f);
    assert_eq!(bin.len(), f.payload.len());
    // The words U-Boot's zynqmppl.c looks for in a .bin, in .bin order.
    assert_eq!(&bin[64..72], &[0xbb, 0, 0, 0, 0x44, 0x00, 0x22, 0x11]);
    assert_eq!(&bin[80..84], &[0x66, 0x55, 0x99, 0xaa]);
    for (b, p) in bin.chunks(4).zip(f.payload.chunks(4)) {
        assert_eq!(
            u32::from_le_bytes(b.try_into().unwrap()),
            u32::from_be_bytes(p.try_into().unwrap())
        );
    }
}

#[test]
fn every_truncation_is_reported_as_truncated_never_as_success() {
    let bit = common::zcu102_bit();
    for cut in 1..bit.len() {
        match bitfile::parse(&bit[..cut]) {
            Err(BitError::Truncated { .. }) => {}
            other => panic!("cut at {cut}: {other:?}"),
        }
    }
    assert_eq!(bitfile::parse(&[]), Err(BitError::NotABitFile));
}

#[test]
fn corrupted_files_are_told_apart() {
    let bit = common::zcu102_bit();
    let h = bitfile::parse_header(&bit).unwrap();

    let mut not_bit = bit.clone();
    not_bit[3] = 0x00;
    assert_eq!(bitfile::parse(&not_bit), Err(BitError::NotABitFile));

    let mut bad_key = bit.clone();
    bad_key[13] = b'z';
    assert_eq!(
        bitfile::parse(&bad_key),
        Err(BitError::UnexpectedField {
            expected: 'a',
            found: b'z',
            offset: 13
        })
    );

    let mut no_nul = bit.clone();
    let a_len = u16::from_be_bytes([bit[14], bit[15]]) as usize;
    no_nul[16 + a_len - 1] = b'x';
    assert_eq!(
        bitfile::parse(&no_nul),
        Err(BitError::BadString { field: 'a' })
    );

    // Up to PADDING_LIMIT bytes after the payload are padding; one more is
    // a corrupted length field or an appended file.
    let mut padded = bit.clone();
    padded.extend_from_slice(&[0; 8]);
    let p = bitfile::parse(&padded).unwrap();
    assert_eq!((p.padding, p.payload), (8, &bit[h.payload_offset..]));
    assert!(p.padding_warning().unwrap().contains("8 byte(s)"));
    padded.resize(bit.len() + bitfile::PADDING_LIMIT, 0x0a);
    assert_eq!(
        bitfile::parse(&padded).map(|p| p.padding),
        Ok(bitfile::PADDING_LIMIT)
    );
    padded.push(0);
    assert_eq!(
        bitfile::parse(&padded),
        Err(BitError::TrailingBytes {
            count: bitfile::PADDING_LIMIT + 1
        })
    );
    assert_eq!(bitfile::parse(&bit).unwrap().padding_warning(), None);

    let mut no_sync = bit.clone();
    let s = h.payload_offset + 80;
    no_sync[s..s + 4].copy_from_slice(&[0, 0, 0, 0]);
    assert_eq!(bitfile::parse(&no_sync), Err(BitError::NoSyncWord));

    let odd = common::make_bit(
        "d",
        "xczu9eg-ffvb1156-2-e",
        "x",
        "y",
        &common::zynqmp_payload(1)[..87],
    );
    assert_eq!(bitfile::parse(&odd), Err(BitError::Unaligned { len: 87 }));
}

#[test]
fn bit_info_reports_the_header_and_exits_zero() {
    let dir = common::scratch("bit-info");
    let f = common::write(&dir, "router.bit", &common::zcu102_bit());
    let out = common::irqpipe_on(&["bit", "info"], &f);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    for want in [
        "design:   irq_router_bd_wrapper;UserID=0XFFFFFFFF;Version=2023.2",
        "part:     xczu9eg-ffvb1156-2-e (device xczu9eg)",
        "board:    zcu102",
        "date:     2026/11/29",
        "time:     18:00:00",
        "payload:  4088 bytes",
        "family:   Zynq UltraScale+",
    ] {
        assert!(text.contains(want), "missing {want:?} in:\n{text}");
    }
    assert!(out.stderr.is_empty());
}

#[test]
fn a_few_padding_bytes_are_accepted_with_a_warning() {
    let dir = common::scratch("bit-padding");
    let bit = common::zcu102_bit();
    let f = common::write(
        &dir,
        "padded.bit",
        &[bit.clone(), b"\r\n".to_vec()].concat(),
    );
    let out = common::irqpipe_on(&["bit", "info"], &f);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains("warning") && err.contains("2 byte(s) after the payload ignored as padding"),
        "{err}"
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("padding:  2 bytes"));
    // Converted, the padding is left out: the .bin is that of the clean file.
    let out = common::irqpipe_on(&["bit", "convert"], &f);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("padding"));
    assert_eq!(
        std::fs::read(dir.join("padded.bin")).unwrap(),
        bitfile::to_zynqmp_bin(&bitfile::parse(&bit).unwrap())
    );
}

#[test]
fn bit_info_on_bad_files_gives_distinct_codes_and_clear_messages() {
    let dir = common::scratch("bit-info-bad");
    let bit = common::zcu102_bit();
    let cases: Vec<(&str, Vec<u8>, u8, &str)> = vec![
        (
            "trunc.bit",
            bit[..bit.len() - 100].to_vec(),
            exit::BIT_TRUNCATED,
            "truncated",
        ),
        (
            "header-cut.bit",
            bit[..20].to_vec(),
            exit::BIT_TRUNCATED,
            "field 'a'",
        ),
        (
            "text.bit",
            b"hello, not a bitstream".to_vec(),
            exit::BIT_CORRUPT,
            "not a Xilinx .bit",
        ),
        (
            "extra.bit",
            [bit.clone(), vec![1; bitfile::PADDING_LIMIT + 1]].concat(),
            exit::BIT_CORRUPT,
            "65 bytes follow the payload",
        ),
    ];
    for (name, bytes, code, msg) in cases {
        let f = common::write(&dir, name, &bytes);
        let out = common::irqpipe_on(&["bit", "info"], &f);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(i32::from(code)), "{name}: {err}");
        assert!(err.contains(msg), "{name}: {err}");
    }
    let out = common::irqpipe()
        .args(["bit", "info"])
        .arg(dir.join("missing.bit"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(i32::from(exit::IO)));
}

#[test]
fn bit_convert_writes_the_bin_and_nothing_on_failure() {
    let dir = common::scratch("bit-convert");
    let bit = common::zcu102_bit();
    let f = common::write(&dir, "router.bit", &bit);
    let out = common::irqpipe_on(&["bit", "convert"], &f);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bin = std::fs::read(dir.join("router.bin")).unwrap();
    assert_eq!(bin, bitfile::to_zynqmp_bin(&bitfile::parse(&bit).unwrap()));

    // Wrong board: refused, no output file.
    let out = common::irqpipe()
        .args(["bit", "convert", "--board", "kv260", "-o"])
        .arg(dir.join("kv.bin"))
        .arg(&f)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(i32::from(exit::WRONG_PART)));
    assert!(String::from_utf8_lossy(&out.stderr).contains("xck26"));

    // Truncated input: refused; an existing output stays as it was and no
    // temporary file is left behind.
    let t = common::write(&dir, "trunc.bit", &bit[..bit.len() / 2]);
    std::fs::write(dir.join("trunc.bin"), b"previous").unwrap();
    let out = common::irqpipe_on(&["bit", "convert"], &t);
    assert_eq!(out.status.code(), Some(i32::from(exit::BIT_TRUNCATED)));
    assert_eq!(std::fs::read(dir.join("trunc.bin")).unwrap(), b"previous");
    assert!(!dir.join("kv.bin").exists());
    assert_eq!(common::leftovers(&dir), Vec::<String>::new());
}

#[test]
fn output_into_a_missing_directory_is_an_io_error() {
    let dir = common::scratch("bit-convert-io");
    let f = common::write(&dir, "router.bit", &common::zcu102_bit());
    let out = common::irqpipe()
        .args(["bit", "convert", "-o"])
        .arg(dir.join("no/such/dir/x.bin"))
        .arg(&f)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(i32::from(exit::IO)));
}
