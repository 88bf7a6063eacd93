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
//! Files that are not `.bit` files but are often taken for one (gzip, a
//! bootgen boot image, a `.bin` already converted) are named as such
//! ([`Recognised`]).

use std::fmt;

/// The 13 bytes every .bit file starts with: length 9, nine fixed bytes,
/// length 1.
pub const MAGIC: [u8; 13] = [
    0x00, 0x09, 0x0f, 0xf0, 0x0f, 0xf0, 0x0f, 0xf0, 0x0f, 0xf0, 0x00, 0x00, 0x01,
];

/// The configuration sync word as it appears, big-endian, in a .bit payload.
pub const SYNC_WORD: [u8; 4] = [0xaa, 0x99, 0x55, 0x66];

/// The sync word as it appears in a ZynqMP `.bin` (each word byte-swapped).
pub const SWAPPED_SYNC_WORD: [u8; 4] = [0x66, 0x55, 0x99, 0xaa];

/// Most bytes after the declared payload accepted as padding (with a
/// warning). Transfers and flash dumps pad files to 4-, 16- or 64-byte
/// boundaries and editors add a newline; more than this means the length
/// field is wrong or another file was appended, and stays an error.
pub const PADDING_LIMIT: usize = 64;

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
    /// Not a .bit file, but something recognisable that is often taken for one.
    Recognised(Recognised),
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
    /// More than [`PADDING_LIMIT`] bytes after the declared payload: the
    /// length field is corrupted or the file was concatenated with something.
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
            BitError::Recognised(r) => r.fmt(f),
            BitError::TrailingBytes { count } => write!(
                f,
                "corrupted .bit file: {count} bytes follow the payload whose length field 'e' declares \
                 (up to {PADDING_LIMIT} are accepted as padding)"
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
    let not_bit = || match recognise(bytes) {
        Some(r) => BitError::Recognised(r),
        None => BitError::NotABitFile,
    };
    let magic = c.take(MAGIC.len(), "the .bit magic").map_err(|e| {
        // A short file that starts like a .bit is truncated; anything else
        // (an empty file too) is not one.
        if !bytes.is_empty() && bytes.iter().zip(MAGIC.iter()).all(|(a, b)| a == b) {
            e
        } else {
            not_bit()
        }
    })?;
    if magic != MAGIC {
        return Err(not_bit());
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
    /// Bytes after the payload accepted as padding (at most
    /// [`PADDING_LIMIT`]); callers should warn when it is not 0.
    pub padding: usize,
}

impl BitFile<'_> {
    /// The warning a user should see about accepted padding, if any.
    pub fn padding_warning(&self) -> Option<String> {
        (self.padding > 0).then(|| {
            format!(
                "{} byte(s) after the payload ignored as padding (at most {PADDING_LIMIT} are accepted)",
                self.padding
            )
        })
    }
}

/// Parses and checks a complete .bit file: the payload must be as long as
/// field `e` says (followed by at most [`PADDING_LIMIT`] bytes of padding),
/// a whole number of words, and contain the sync word.
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
    let padding = rest.len() - len;
    if padding > PADDING_LIMIT {
        return Err(BitError::TrailingBytes { count: padding });
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
    Ok(BitFile {
        header,
        payload,
        padding,
    })
}

/// Offset of the sync word in a .bit-order payload, searched word-aligned
/// in the preamble (dummy words and the bus-width pattern come first).
pub fn sync_offset(payload: &[u8]) -> Option<usize> {
    find_word(payload, SYNC_WORD)
}

fn find_word(data: &[u8], word: [u8; 4]) -> Option<usize> {
    const PREAMBLE_WORDS: usize = 64;
    data.chunks_exact(4)
        .take(PREAMBLE_WORDS)
        .position(|w| w == word)
        .map(|i| i * 4)
}

/// Files that are not `.bit` files but end up where one is expected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Recognised {
    /// gzip data (magic 1F 8B): a compressed .bit, as some repositories ship.
    Gzip,
    /// A Zynq / Zynq UltraScale+ boot image (bootgen's BOOT.BIN): boot
    /// header with the width-detection word AA995566 (stored little-endian)
    /// at 0x20 and the identification "XNLX" at 0x24 (UG1085's boot-header
    /// table; U-Boot's `tools/zynqmpimage.h` uses the same two constants).
    BootImage,
    /// Configuration data without a header in ZynqMP `.bin` byte order
    /// (each word swapped; `bit convert` and bootgen write these).
    SwappedBin { sync: usize },
    /// Configuration data without a header in `.bit` byte order (Vivado's
    /// `write_bitstream -bin_file`).
    HeaderlessBit { sync: usize },
}

impl fmt::Display for Recognised {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Recognised::Gzip => write!(
                f,
                "gzip-compressed data, not a .bit file: decompress it first (gunzip -k FILE)"
            ),
            Recognised::BootImage => write!(
                f,
                "a Zynq boot image (bootgen's BOOT.BIN: boot header \"XNLX\" at byte 0x24), not a .bit file: \
                 the bitstream is one partition inside it; use the .bit that went into it"
            ),
            Recognised::SwappedBin { sync } => write!(
                f,
                "already a ZynqMP .bin (no header, words byte-swapped: sync word 66 55 99 AA at byte {sync}): \
                 nothing to convert, and no header names its part; use the .bit it was made from"
            ),
            Recognised::HeaderlessBit { sync } => write!(
                f,
                "a bitstream without the .bit header (sync word AA 99 55 66 at byte {sync}, as Vivado's \
                 write_bitstream -bin_file writes): no header names its part; use the .bit file"
            ),
        }
    }
}

/// Names what `bytes` are when they are not a `.bit` file but one of the
/// formats in [`Recognised`].
pub fn recognise(bytes: &[u8]) -> Option<Recognised> {
    if bytes.starts_with(&[0x1f, 0x8b]) {
        return Some(Recognised::Gzip);
    }
    if bytes.len() >= 0x28
        && bytes[0x20..0x24] == SWAPPED_SYNC_WORD
        && &bytes[0x24..0x28] == b"XNLX"
    {
        return Some(Recognised::BootImage);
    }
    if let Some(sync) = find_word(bytes, SWAPPED_SYNC_WORD) {
        return Some(Recognised::SwappedBin { sync });
    }
    find_word(bytes, SYNC_WORD).map(|sync| Recognised::HeaderlessBit { sync })
}

/// The device family a part belongs to, as far as the `.bin` conversion
/// cares: only Zynq UltraScale+ parts are what the ZynqMP byte order is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    /// Zynq UltraScale+ MPSoC / RFSoC and the Kria SOMs (xczu*, xck2*).
    ZynqUltraScalePlus,
    /// Zynq-7000 (Vivado writes `7z020clg400`, without "xc").
    Zynq7000,
    /// Spartan-6 (ISE writes `6slx9tqg144`): 16-bit configuration words.
    Spartan6,
    /// Anything else (Artix, Kintex, Virtex, ...): no processing system.
    Other,
}

impl Family {
    pub fn name(self) -> &'static str {
        match self {
            Family::ZynqUltraScalePlus => "Zynq UltraScale+",
            Family::Zynq7000 => "Zynq-7000",
            Family::Spartan6 => "Spartan-6",
            Family::Other => "not a Zynq",
        }
    }

    /// Why a ZynqMP `.bin` of such a part deserves a warning, if it does.
    pub fn conversion_warning(self, part: &str) -> Option<String> {
        let why = match self {
            Family::ZynqUltraScalePlus => return None,
            Family::Zynq7000 => {
                "a Zynq-7000 part, not Zynq UltraScale+: the word-swapped .bin is also the layout \
                 Linux's zynq-fpga driver requires, but none of this project's boards takes it"
            }
            Family::Spartan6 => {
                "a Spartan-6 part: its configuration words are 16 bits wide and it has no processing \
                 system, so a 32-bit-word-swapped .bin of it is of no use to any FPGA manager"
            }
            Family::Other => {
                "not a Zynq part: no FPGA manager of a processing system will load this .bin"
            }
        };
        Some(format!("{part} is {why}"))
    }
}

/// The family of a part name as a .bit header gives it.
pub fn family_of(part: &str) -> Family {
    let p = part.to_ascii_lowercase();
    let p = p.strip_prefix("xc").unwrap_or(&p);
    if p.starts_with("zu") || p.starts_with("k26") || p.starts_with("k24") {
        Family::ZynqUltraScalePlus
    } else if p.starts_with("7z") {
        Family::Zynq7000
    } else if p.starts_with("6s") {
        Family::Spartan6
    } else {
        Family::Other
    }
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
