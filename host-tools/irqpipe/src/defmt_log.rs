//! Decoding the firmware's defmt log (frames on a UART, in a file, on stdin)
//! with the firmware ELF, through the `defmt-decoder` crate.
//!
//! [`decode_all`] is the one-shot form the QEMU tests use: it insists that
//! every byte belongs to a well-formed frame, so a corrupted capture fails a
//! test instead of silently losing lines. [`LogStream`] is the incremental
//! form the `log` subcommand uses on a live serial port: it skips a damaged
//! frame (rzcobs resynchronises on the next zero byte), counts it and goes on.

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
}

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
            inner: self.table.new_stream_decoder(),
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
    inner: Box<dyn StreamDecoder + Send + Sync + 'a>,
    frames: usize,
    malformed: usize,
    /// The last byte fed was not a frame end (see [`LogStream::feed`]).
    partial: bool,
}

impl LogStream<'_> {
    pub fn feed(&mut self, bytes: &[u8]) {
        // rzcobs ends every frame with a zero byte, so an unfinished frame is
        // buffered exactly when the last byte seen is not zero.
        if let Some(&last) = bytes.last() {
            self.partial = last != 0;
        }
        self.inner.received(bytes);
    }

    /// The next decoded event, or `None` when more bytes are needed.
    pub fn next_line(&mut self) -> Option<Event> {
        match self.inner.decode() {
            Ok(frame) => {
                let line = self.decoder.line(&frame);
                self.frames += 1;
                Some(Event::Line(line))
            }
            Err(DecodeError::UnexpectedEof) => None,
            Err(DecodeError::Malformed) => {
                self.malformed += 1;
                Some(Event::Malformed)
            }
        }
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
