//! Xilinx `.bit` files: header parsing and conversion to the `.bin` that
//! the Zynq UltraScale+ FPGA manager loads.
//!
//! Layout (the community description of the format, e.g. the comment in
//! xc3sprog's `bitfile.h` derived from the FPGA FAQ "Tell me about bit
//! files"): a 2-byte big-endian length 9 and 9 fixed bytes, a 2-byte
//! length 1, then key/value fields: `a` design name, `b` part, `c` date,
//! `d` time, each a 2-byte big-endian length and a NUL-terminated string,
//! and finally `e` with a 4-byte big-endian length followed by that many
//! bytes of configuration data (the payload).
//!
//! The parser never panics and never reads past the input, whatever the
//! bytes (a proptest in `tests/bit_fuzz.rs` feeds it arbitrary input).

use std::fmt;

/// The 13 bytes every .bit file starts with: length 9, nine fixed bytes,
/// length 1.
pub const MAGIC: [u8; 13] = [
    0x00, 0x09, 0x0f, 0xf0, 0x0f, 0xf0, 0x0f, 0xf0, 0x0f, 0xf0, 0x00, 0x00, 0x01,
];

/// The configuration sync word as it appears, big-endian, in a .bit payload.
pub const SYNC_WORD: [u8; 4] = [0xaa, 0x99, 0x55, 0x66];

/// What the header says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BitHeader {
    /// Field `a`: design name, with Vivado's `;UserID=...;Version=...` tail.
    pub design: String,
    /// Field `b`: part, e.g. `xczu9eg-ffvb1156-2-e`.
    pub part: String,
    /// Field `c`: date, `YYYY/MM/DD`.
    pub date: String,
    /// Field `d`: time, `HH:MM:SS`.
    pub time: String,
    /// Field `e`: payload length in bytes.
    pub payload_len: u32,
    /// Offset of the payload's first byte in the file.
    pub payload_offset: usize,
}

impl BitHeader {
    /// The device without package, speed grade and temperature
    /// (`xczu9eg-ffvb1156-2-e` → `xczu9eg`), lower case.
    pub fn device(&self) -> String {
        device_of(&self.part)
    }
}

/// The device part of a part name, lower case (`XCK26-SFVC784-2LV-C` → `xck26`).
pub fn device_of(part: &str) -> String {
    part.split('-').next().unwrap_or("").to_ascii_lowercase()
}

/// Why bytes are not a usable .bit file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BitError {
    /// The file does not start with the .bit magic.
    NotABitFile,
    /// The input ends before `what` is complete.
    Truncated {
        what: &'static str,
        needed: u64,
        available: u64,
    },
    /// A field key other than the one the format puts there.
    UnexpectedField {
        expected: char,
        found: u8,
        offset: usize,
    },
    /// A header string without its NUL terminator or not ASCII text.
    BadString { field: char },
    /// Bytes after the declared payload: the length field is corrupted or
    /// the file was concatenated with something.
    TrailingBytes { count: usize },
    /// The payload has no configuration sync word: not a bitstream.
    NoSyncWord,
    /// The payload is not a whole number of 32-bit words.
    Unaligned { len: u32 },
}

impl fmt::Display for BitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BitError::NotABitFile => write!(
                f,
                "not a Xilinx .bit file (the first 13 bytes are not the .bit magic 00 09 0f f0 ... 00 00 01)"
            ),
            BitError::Truncated { what, needed, available } => write!(
                f,
                "truncated .bit file: {what} needs {needed} bytes but only {available} are left"
            ),
            BitError::UnexpectedField { expected, found, offset } => write!(
                f,
                "corrupted .bit header: expected field '{expected}' at byte {offset}, found {}",
                describe_byte(*found)
            ),
            BitError::BadString { field } => write!(
                f,
                "corrupted .bit header: field '{field}' is not a NUL-terminated ASCII string"
            ),
            BitError::TrailingBytes { count } => write!(
                f,
                "corrupted .bit file: {count} bytes follow the payload whose length field 'e' declares"
            ),
            BitError::NoSyncWord => write!(
                f,
                "corrupted .bit payload: no configuration sync word AA995566"
            ),
            BitError::Unaligned { len } => write!(
                f,
                "corrupted .bit payload: {len} bytes is not a whole number of 32-bit words"
            ),
        }
    }
}

impl std::error::Error for BitError {}

fn describe_byte(b: u8) -> String {
    if b.is_ascii_graphic() {
        format!("'{}'", b as char)
    } else {
        format!("byte 0x{b:02x}")
    }
}

/// A bounds-checked reader: every read says what it was reading, so a
/// truncation error names the field.
struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize, what: &'static str) -> Result<&'a [u8], BitError> {
        let left = self.bytes.len() - self.pos;
        if n > left {
            return Err(BitError::Truncated {
                what,
                needed: n as u64,
                available: left as u64,
            });
        }
        let s = &self.bytes[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }

    fn u16(&mut self, what: &'static str) -> Result<u16, BitError> {
        let b = self.take(2, what)?;
        Ok(u16::from_be_bytes([b[0], b[1]]))
    }

    fn u32(&mut self, what: &'static str) -> Result<u32, BitError> {
        let b = self.take(4, what)?;
        Ok(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn key(&mut self, expected: char) -> Result<(), BitError> {
        let offset = self.pos;
        let k = self.take(1, "a field key")?[0];
        if k != expected as u8 {
            return Err(BitError::UnexpectedField {
                expected,
                found: k,
                offset,
            });
        }
        Ok(())
    }

    /// A `key`, 2-byte length, NUL-terminated string field.
    fn string_field(&mut self, key: char, what: &'static str) -> Result<String, BitError> {
        self.key(key)?;
        let len = self.u16(what)? as usize;
        let raw = self.take(len, what)?;
        let text = match raw.split_last() {
            Some((0, text)) => text,
            _ => return Err(BitError::BadString { field: key }),
        };
        if !text.iter().all(|b| (0x20..0x7f).contains(b) || *b == b'\t') {
            return Err(BitError::BadString { field: key });
        }
        Ok(String::from_utf8_lossy(text).into_owned())
    }
}

/// Parses the header only. Succeeds on a file cut inside its payload (so
/// `bit info` can still say what a damaged file was meant to be); use
/// [`parse`] to check the whole file.
pub fn parse_header(bytes: &[u8]) -> Result<BitHeader, BitError> {
    let mut c = Cursor { bytes, pos: 0 };
    let magic = c.take(MAGIC.len(), "the .bit magic").map_err(|e| {
        // A short file that starts like a .bit is truncated; anything else
        // (an empty file too) is not one.
        if !bytes.is_empty() && bytes.iter().zip(MAGIC.iter()).all(|(a, b)| a == b) {
            e
        } else {
            BitError::NotABitFile
        }
    })?;
    if magic != MAGIC {
        return Err(BitError::NotABitFile);
    }
    let design = c.string_field('a', "field 'a' (design name)")?;
    let part = c.string_field('b', "field 'b' (part)")?;
    let date = c.string_field('c', "field 'c' (date)")?;
    let time = c.string_field('d', "field 'd' (time)")?;
    c.key('e')?;
    let payload_len = c.u32("field 'e' (payload length)")?;
    Ok(BitHeader {
        design,
        part,
        date,
        time,
        payload_len,
        payload_offset: c.pos,
    })
}

/// A whole, checked .bit file: header and the payload it declares.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BitFile<'a> {
    pub header: BitHeader,
    pub payload: &'a [u8],
}

/// Parses and checks a complete .bit file: the payload must be exactly as
/// long as field `e` says, a whole number of words, and contain the sync word.
pub fn parse(bytes: &[u8]) -> Result<BitFile<'_>, BitError> {
    let header = parse_header(bytes)?;
    let rest = &bytes[header.payload_offset..];
    let len = header.payload_len as usize;
    if rest.len() < len {
        return Err(BitError::Truncated {
            what: "the payload",
            needed: u64::from(header.payload_len),
            available: rest.len() as u64,
        });
    }
    if rest.len() > len {
        return Err(BitError::TrailingBytes {
            count: rest.len() - len,
        });
    }
    let payload = &rest[..len];
    if len % 4 != 0 {
        return Err(BitError::Unaligned {
            len: header.payload_len,
        });
    }
    if sync_offset(payload).is_none() {
        return Err(BitError::NoSyncWord);
    }
    Ok(BitFile { header, payload })
}

/// Offset of the sync word in a .bit-order payload, searched word-aligned
/// in the preamble (dummy words and the bus-width pattern come first).
pub fn sync_offset(payload: &[u8]) -> Option<usize> {
    const PREAMBLE_WORDS: usize = 64;
    payload
        .chunks_exact(4)
        .take(PREAMBLE_WORDS)
        .position(|w| w == SYNC_WORD)
        .map(|i| i * 4)
}

/// The `.bin` for the Zynq UltraScale+ FPGA manager: the payload without
/// the header, every 32-bit word byte-swapped (the sync word becomes
/// `66 55 99 AA`).
///
/// Why swapped: Xilinx's documented path to a loadable file is
/// `bootgen -arch zynqmp -process_bitstream bin`, whose output is the
/// payload in this order; U-Boot's `drivers/fpga/zynqmppl.c`
/// (`check_header`) states that "bitstreams in binary format are swapped
/// compared to regular bitstream", and PMU firmware up to v1.0 accepts only
/// this order (barebox's ZynqMP loader swaps for it unless the firmware
/// reports `ZYNQMP_PM_FEATURE_BYTE_ORDER_IRREL`, PMUFW ≥ 1.1). The Linux
/// `zynqmp-fpga` driver passes the file to the PMU firmware unchanged, so
/// the swapped order is the one that works with every firmware version.
pub fn to_zynqmp_bin(bit: &BitFile<'_>) -> Vec<u8> {
    let mut out = Vec::with_capacity(bit.payload.len());
    for w in bit.payload.chunks_exact(4) {
        out.extend_from_slice(&[w[3], w[2], w[1], w[0]]);
    }
    out
}
