//! Decoding the firmware's defmt log (frames on a UART, in a file, on stdin)
//! with the firmware ELF, through the `defmt-decoder` crate.
//!
//! [`decode_all`] is the one-shot form the QEMU tests use: it insists that
//! every byte belongs to a well-formed frame, so a corrupted capture fails a
//! test instead of silently losing lines. [`LogStream`] is the incremental
//! form the `log` subcommand uses on a live serial port: it skips a damaged
//! frame (rzcobs resynchronises on the next zero byte), counts it and goes on.
//! [`Checked`] wraps it for users: it holds the first lines back until the
//! first frames show that the ELF and the source fit each other, so a wrong
//! ELF or the wrong UART gives one clear error instead of bogus lines and a
//! warning per frame.

use std::fmt;

use defmt_decoder::{DecodeError, Encoding, Frame, Locations, StreamDecoder, Table};

/// One decoded log statement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogLine {
    /// `"trace"`, `"debug"`, `"info"`, `"warn"`, `"error"`; `None` for
    /// `defmt::println!`.
    pub level: Option<String>,
    /// The firmware's `defmt::timestamp!` rendered as text, if it has one.
    pub timestamp: Option<String>,
    /// The formatted message.
    pub message: String,
    /// `file:line` of the statement, when the ELF carries debug info.
    pub location: Option<String>,
}

impl fmt::Display for LogLine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(t) = &self.timestamp {
            write!(f, "{t} ")?;
        }
        match &self.level {
            Some(l) => write!(f, "{:<5} ", l.to_uppercase())?,
            None => write!(f, "      ")?,
        }
        f.write_str(&self.message)?;
        if let Some(l) = &self.location {
            write!(f, "  ({l})")?;
        }
        Ok(())
    }
}

/// Why a log could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LogError {
    /// The ELF could not be read, or its defmt table is unusable (for
    /// example built with another defmt wire-format version).
    Elf(String),
    /// The ELF has no `.defmt` section: not a defmt firmware.
    NoDefmt,
    /// A frame did not decode against this ELF's table (corrupted bytes, or
    /// a log produced by a different build).
    Malformed {
        /// 0-based count of frames decoded before it.
        frame: usize,
    },
    /// The input ended inside a frame.
    Truncated {
        /// Frames decoded before the incomplete one.
        frames: usize,
    },
    /// Most of the first frames do not decode: the log was not written by
    /// this build, or the bytes are not a defmt stream at all.
    Mismatch { decoded: usize, malformed: usize },
    /// Some frames did not decode in a log that otherwise fits the ELF.
    Skipped { decoded: usize, malformed: usize },
    /// Not a single frame: empty input, or only idle zero bytes.
    Empty,
    /// Bytes, but not one frame end (rzcobs ends every frame with a zero
    /// byte): text from a console, or another protocol.
    NoFrameEnd { bytes: u64 },
}

/// What to suspect when frames do not decode.
pub const MISMATCH_HINT: &str =
    "wrong ELF (not the build that wrote this log)? wrong UART (the Linux console instead of the defmt one)?";

impl fmt::Display for LogError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LogError::Elf(m) => write!(f, "cannot use the firmware ELF: {m}"),
            LogError::NoDefmt => write!(
                f,
                "the ELF has no .defmt section: it was not built with defmt (or was stripped)"
            ),
            LogError::Malformed { frame } => write!(
                f,
                "defmt frame {frame} is malformed: the bytes are corrupted or come from a different build of the firmware"
            ),
            LogError::Truncated { frames } => write!(
                f,
                "the log ends inside a frame (after {frames} complete frames)"
            ),
            LogError::Mismatch { decoded, malformed } => write!(
                f,
                "{malformed} of the first {} frames do not decode with this ELF, so none is shown: {MISMATCH_HINT}",
                decoded + malformed
            ),
            LogError::Skipped { decoded, malformed } => write!(
                f,
                "{malformed} malformed frame(s) skipped ({decoded} decoded): corrupted input, or {MISMATCH_HINT}"
            ),
            LogError::NoFrameEnd { bytes } => write!(
                f,
                "{bytes} bytes without a single frame end (defmt frames end with a zero byte): not a defmt stream; \
                 {MISMATCH_HINT}"
            ),
            LogError::Empty => write!(
                f,
                "the log holds no defmt frame (empty input, or only idle zero bytes): did the firmware run, \
                 and is this its defmt UART?"
            ),
        }
    }
}

impl std::error::Error for LogError {}

/// The firmware's defmt table and, when available, source locations.
pub struct Decoder {
    table: Table,
    locations: Option<Locations>,
}

impl Decoder {
    /// Reads the defmt table from an ELF. Locations are optional: a release
    /// build without debug info still decodes, only without `file:line`.
    pub fn new(elf: &[u8]) -> Result<Decoder, LogError> {
        let table = Table::parse(elf)
            .map_err(|e| LogError::Elf(format!("{e:#}")))?
            .ok_or(LogError::NoDefmt)?;
        let locations = table.get_locations(elf).ok().filter(|l| !l.is_empty());
        Ok(Decoder { table, locations })
    }

    /// True when the firmware frames its log with rzcobs (defmt's default),
    /// which can resynchronise after damage; raw encoding cannot.
    pub fn is_rzcobs(&self) -> bool {
        matches!(self.table.encoding(), Encoding::Rzcobs)
    }

    /// Starts incremental decoding.
    pub fn stream(&self) -> LogStream<'_> {
        LogStream {
            decoder: self,
            framing: if self.is_rzcobs() {
                Framing::Rzcobs(Vec::new())
            } else {
                Framing::Raw(self.table.new_stream_decoder())
            },
            frames: 0,
            malformed: 0,
            partial: false,
        }
    }

    fn line(&self, frame: &Frame<'_>) -> LogLine {
        LogLine {
            level: frame.level().map(|l| l.as_str().to_string()),
            timestamp: frame.display_timestamp().map(|t| t.to_string()),
            message: frame.display_message().to_string(),
            location: self
                .locations
                .as_ref()
                .and_then(|l| l.get(&frame.index()))
                .map(|l| format!("{}:{}", l.file.display(), l.line)),
        }
    }
}

/// One result of [`LogStream::next_line`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    Line(LogLine),
    /// A frame was skipped because it did not decode.
    Malformed,
}

/// Incremental decoder: push bytes with [`LogStream::feed`] as they arrive,
/// then drain lines with [`LogStream::next_line`].
pub struct LogStream<'a> {
    decoder: &'a Decoder,
    framing: Framing<'a>,
    frames: usize,
    malformed: usize,
    /// The last byte fed was not a frame end (see [`LogStream::feed`]).
    partial: bool,
}

/// How frames are cut out of the byte stream.
enum Framing<'a> {
    /// rzcobs (defmt's default): bytes up to the next zero are one frame.
    /// Framed here rather than by defmt-decoder's stream decoder, which
    /// ignores bytes a frame has beyond what its format string consumes:
    /// with another build's ELF most frames would then decode into
    /// plausible, wrong lines instead of being malformed.
    Rzcobs(Vec<u8>),
    /// Raw encoding has no frame ends: defmt-decoder's own stream decoder.
    Raw(Box<dyn StreamDecoder + Send + Sync + 'a>),
}

/// rzcobs may append up to six zero bytes to a frame when decoding (the
/// rzcobs crate's README): a frame is whole if only such zeros are left.
const RZCOBS_PADDING: usize = 6;

impl LogStream<'_> {
    pub fn feed(&mut self, bytes: &[u8]) {
        // rzcobs ends every frame with a zero byte, so an unfinished frame is
        // buffered exactly when the last byte seen is not zero.
        if let Some(&last) = bytes.last() {
            self.partial = last != 0;
        }
        match &mut self.framing {
            Framing::Rzcobs(buf) => buf.extend_from_slice(bytes),
            Framing::Raw(d) => d.received(bytes),
        }
    }

    /// The next decoded event, or `None` when more bytes are needed.
    pub fn next_line(&mut self) -> Option<Event> {
        let decoded = match &mut self.framing {
            Framing::Raw(d) => match d.decode() {
                Ok(frame) => Ok(self.decoder.line(&frame)),
                Err(DecodeError::UnexpectedEof) => return None,
                Err(DecodeError::Malformed) => Err(()),
            },
            Framing::Rzcobs(buf) => {
                let encoded = next_rzcobs_frame(buf)?;
                decode_whole(&self.decoder.table, &encoded).map(|f| self.decoder.line(&f))
            }
        };
        Some(match decoded {
            Ok(line) => {
                self.frames += 1;
                Event::Line(line)
            }
            Err(()) => {
                self.malformed += 1;
                Event::Malformed
            }
        })
    }

    /// Frames decoded so far.
    pub fn frames(&self) -> usize {
        self.frames
    }

    /// Frames skipped as malformed so far.
    pub fn malformed(&self) -> usize {
        self.malformed
    }

    /// True when bytes of an unfinished frame are buffered. Exact for rzcobs
    /// (defmt's default); raw encoding has no frame ends, so it says false.
    pub fn has_partial_frame(&self) -> bool {
        self.partial && self.decoder.is_rzcobs()
    }
}

/// Takes the next complete rzcobs frame (without its zero end) off `buf`;
/// zeros between frames are idle line and skipped.
fn next_rzcobs_frame(buf: &mut Vec<u8>) -> Option<Vec<u8>> {
    let start = buf.iter().position(|&b| b != 0)?;
    let end = start + buf[start..].iter().position(|&b| b == 0)?;
    let frame = buf[start..end].to_vec();
    buf.drain(..end);
    Some(frame)
}

/// Decodes one rzcobs frame with `table`, insisting that the format string
/// accounts for every byte of it.
fn decode_whole<'t>(table: &'t Table, encoded: &[u8]) -> Result<Frame<'t>, ()> {
    let raw = rzcobs::decode(encoded).map_err(|_| ())?;
    let (frame, used) = table.decode(&raw).map_err(|_| ())?;
    let rest = &raw[used.min(raw.len())..];
    if rest.len() <= RZCOBS_PADDING && rest.iter().all(|&b| b == 0) {
        Ok(frame)
    } else {
        Err(())
    }
}

/// Decodes a complete capture. Fails on the first malformed frame and on a
/// capture that ends inside a frame, so that tests never pass on a damaged
/// log.
pub fn decode_all(elf: &[u8], bytes: &[u8]) -> Result<Vec<LogLine>, LogError> {
    let decoder = Decoder::new(elf)?;
    let mut stream = decoder.stream();
    stream.feed(bytes);
    let mut out = Vec::new();
    while let Some(ev) = stream.next_line() {
        match ev {
            Event::Line(l) => out.push(l),
            Event::Malformed => return Err(LogError::Malformed { frame: out.len() }),
        }
    }
    if stream.has_partial_frame() {
        return Err(LogError::Truncated { frames: out.len() });
    }
    Ok(out)
}

/// Good frames in a row that let [`CheckedStream`] show lines. A log from
/// another build of the firmware still decodes some frames (string indices
/// and argument layouts can coincide, and rzcobs pads frames with zeros a
/// wrong format string may consume), so a few good frames prove little
/// unless no bad one came with them.
pub const CHECK_FRAMES: usize = 3;

/// Whether the frames seen so far fit the ELF.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fit {
    Undecided,
    Fits,
    Mismatch,
}

/// The verdict on `decoded` good and `malformed` bad frames. A bad first
/// frame is excused (`first_bad`): a serial port opened in the middle of a
/// frame starts with one. Then: [`CHECK_FRAMES`] good frames and no bad one
/// fit; one bad frame needs twice as many good ones; two bad frames before
/// that are a mismatch. `ended`: no more frames will come, decide now.
pub fn judge(decoded: usize, malformed: usize, first_bad: bool, ended: bool) -> Fit {
    let bad = malformed - usize::from(first_bad && malformed > 0);
    let enough = match bad {
        0 => CHECK_FRAMES,
        1 => 2 * CHECK_FRAMES,
        _ => return Fit::Mismatch,
    };
    if decoded >= enough || (ended && decoded > malformed) {
        Fit::Fits
    } else if ended {
        Fit::Mismatch
    } else {
        Fit::Undecided
    }
}

/// One result of [`CheckedStream::next_checked`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Checked {
    Line(LogLine),
    /// A malformed frame after the log was judged to fit (count or warn).
    Skipped,
}

/// A [`LogStream`] for users: lines are held back until [`judge`] says the
/// frames fit the ELF; a mismatch is an error and the held lines (possibly
/// bogus) are dropped.
pub struct CheckedStream<'a> {
    inner: LogStream<'a>,
    held: std::collections::VecDeque<LogLine>,
    fit: Fit,
    bytes: u64,
    /// Whether the first frame was malformed (`None` before the first).
    first_bad: Option<bool>,
}

impl<'a> CheckedStream<'a> {
    pub fn new(inner: LogStream<'a>) -> CheckedStream<'a> {
        CheckedStream {
            inner,
            held: Default::default(),
            fit: Fit::Undecided,
            bytes: 0,
            first_bad: None,
        }
    }

    pub fn feed(&mut self, bytes: &[u8]) {
        self.bytes += bytes.len() as u64;
        self.inner.feed(bytes);
    }

    /// The next thing to show, `Ok(None)` when more bytes are needed, or
    /// the mismatch error.
    pub fn next_checked(&mut self) -> Result<Option<Checked>, LogError> {
        loop {
            if self.fit == Fit::Fits {
                if let Some(l) = self.held.pop_front() {
                    return Ok(Some(Checked::Line(l)));
                }
            }
            let ev = self.inner.next_line();
            if self.fit == Fit::Fits {
                return Ok(ev.map(|e| match e {
                    Event::Line(l) => Checked::Line(l),
                    Event::Malformed => Checked::Skipped,
                }));
            }
            match ev {
                None => return Ok(None),
                Some(Event::Line(l)) => {
                    self.first_bad.get_or_insert(false);
                    self.held.push_back(l);
                }
                Some(Event::Malformed) => {
                    self.first_bad.get_or_insert(true);
                }
            }
            self.decide(false)?;
        }
    }

    /// The input has ended: the held lines, if the frames fit, or why not.
    /// Also reports frames that were skipped or cut, and an empty log.
    pub fn finish(&mut self) -> Result<Vec<LogLine>, LogError> {
        let (decoded, malformed) = (self.inner.frames(), self.inner.malformed());
        if decoded + malformed == 0 {
            return Err(if self.inner.has_partial_frame() {
                LogError::NoFrameEnd { bytes: self.bytes }
            } else {
                LogError::Empty
            });
        }
        self.decide(true)?;
        Ok(self.held.drain(..).collect())
    }

    /// What is wrong with a finished log whose held lines have been shown.
    pub fn problem(&self) -> Option<LogError> {
        let (decoded, malformed) = (self.inner.frames(), self.inner.malformed());
        if malformed > 0 {
            Some(LogError::Skipped { decoded, malformed })
        } else if self.inner.has_partial_frame() {
            Some(LogError::Truncated { frames: decoded })
        } else {
            None
        }
    }

    /// Frames skipped as malformed so far.
    pub fn malformed(&self) -> usize {
        self.inner.malformed()
    }

    fn decide(&mut self, ended: bool) -> Result<(), LogError> {
        if self.fit == Fit::Undecided {
            let (decoded, malformed) = (self.inner.frames(), self.inner.malformed());
            self.fit = judge(decoded, malformed, self.first_bad == Some(true), ended);
            if self.fit == Fit::Mismatch {
                self.held.clear();
                return Err(LogError::Mismatch { decoded, malformed });
            }
        }
        Ok(())
    }
}

/// Log levels in increasing severity, for `--level` filtering.
pub const LEVELS: [&str; 5] = ["trace", "debug", "info", "warn", "error"];

/// True when `line` passes a minimum level. Lines without a level
/// (`println!`) always pass: they were printed unconditionally.
pub fn passes(line: &LogLine, min_level: &str) -> bool {
    let rank = |l: &str| LEVELS.iter().position(|x| *x == l);
    match (&line.level, rank(min_level)) {
        (Some(l), Some(min)) => rank(l).is_some_and(|r| r >= min),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(level: Option<&str>) -> LogLine {
        LogLine {
            level: level.map(str::to_string),
            timestamp: None,
            message: "m".into(),
            location: None,
        }
    }

    #[test]
    fn level_filter_keeps_the_level_and_above_and_every_println() {
        assert!(passes(&line(Some("warn")), "warn"));
        assert!(passes(&line(Some("error")), "warn"));
        assert!(!passes(&line(Some("info")), "warn"));
        assert!(passes(&line(None), "error"));
    }

    #[test]
    fn judging_wants_clean_frames_and_excuses_only_a_bad_start() {
        let (no, yes) = (false, true);
        assert_eq!(judge(0, 0, no, no), Fit::Undecided);
        assert_eq!(judge(2, 0, no, no), Fit::Undecided);
        assert_eq!(judge(3, 0, no, no), Fit::Fits);
        // A serial port opened mid-frame: one bad frame first, then good ones.
        assert_eq!(judge(3, 1, yes, no), Fit::Fits);
        // One bad frame later on needs twice the evidence; two are a mismatch.
        assert_eq!(judge(3, 1, no, no), Fit::Undecided);
        assert_eq!(judge(6, 1, no, no), Fit::Fits);
        assert_eq!(judge(2, 2, no, no), Fit::Mismatch);
        assert_eq!(judge(5, 3, yes, no), Fit::Mismatch);
        assert_eq!(judge(0, 1, yes, no), Fit::Undecided);
        // At the end, whatever there is decides.
        assert_eq!(judge(1, 0, no, yes), Fit::Fits);
        assert_eq!(judge(2, 1, no, yes), Fit::Fits);
        assert_eq!(judge(1, 1, yes, yes), Fit::Mismatch);
        assert_eq!(judge(0, 1, yes, yes), Fit::Mismatch);
    }

    #[test]
    fn display_puts_timestamp_level_message_location_in_order() {
        let l = LogLine {
            level: Some("info".into()),
            timestamp: Some("1.5".into()),
            message: "hi".into(),
            location: Some("a.rs:3".into()),
        };
        assert_eq!(l.to_string(), "1.5 INFO  hi  (a.rs:3)");
    }
}
