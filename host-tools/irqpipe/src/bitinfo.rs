//! `bit info`: what a file is, as text for people and as JSON for scripts.
//! A damaged file still gets every field its header could give, next to the
//! error, so one run over many files reports on each of them.

use std::path::{Path, PathBuf};

use serde_json::{json, Value};

use crate::bitfile::{self, BitHeader, Family, Recognised};
use crate::boards::{self, Board};
use crate::cli_errors::CliError;
use crate::exit;

/// Everything `bit info` found out about one file.
#[derive(Debug)]
pub struct Info {
    pub file: PathBuf,
    pub header: Option<BitHeader>,
    /// Boards built around the header's device (several may share one).
    pub boards: Vec<&'static Board>,
    /// Sync word offset in the payload, when the whole file checked out.
    pub sync: Option<usize>,
    /// Padding bytes accepted after the payload.
    pub padding: usize,
    /// What the file is when it is not a .bit file but recognisable.
    pub recognised: Option<Recognised>,
    pub warnings: Vec<String>,
    pub error: Option<CliError>,
}

/// Reads and checks `file`; never fails, the outcome is in [`Info::error`].
pub fn inspect(file: &Path) -> Info {
    let mut info = Info {
        file: file.to_path_buf(),
        header: None,
        boards: Vec::new(),
        sync: None,
        padding: 0,
        recognised: None,
        warnings: Vec::new(),
        error: None,
    };
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => {
            let code = if e.kind() == std::io::ErrorKind::PermissionDenied {
                exit::PERMISSION
            } else {
                exit::IO
            };
            info.error = Some(CliError::new(code, e.to_string()));
            return info;
        }
    };
    match bitfile::parse_header(&bytes) {
        Ok(h) => {
            info.boards = boards::with_device(boards::BOARDS, &h.device());
            info.header = Some(h);
        }
        Err(e) => {
            if let bitfile::BitError::Recognised(r) = e {
                info.recognised = Some(r);
            }
            info.error = Some(e.into());
            return info;
        }
    }
    // The header alone may be fine while the rest is not: say so, and fail.
    match bitfile::parse(&bytes) {
        Ok(full) => {
            info.sync = bitfile::sync_offset(full.payload);
            info.padding = full.padding;
            if let Some(w) = full.padding_warning() {
                info.warnings.push(format!("{}: {w}", file.display()));
            }
        }
        Err(e) => info.error = Some(e.into()),
    }
    info
}

impl Info {
    fn family(&self) -> Option<Family> {
        self.header.as_ref().map(|h| bitfile::family_of(&h.part))
    }

    /// A short name of the file's format, for JSON.
    fn format(&self) -> &'static str {
        match (&self.header, self.recognised) {
            (Some(_), _) => "bit",
            (None, Some(Recognised::Gzip)) => "gzip",
            (None, Some(Recognised::BootImage)) => "boot-image",
            (None, Some(Recognised::SwappedBin { .. })) => "zynqmp-bin",
            (None, Some(Recognised::HeaderlessBit { .. })) => "headerless-bit",
            (None, None) => "unknown",
        }
    }

    /// The human-readable report (errors go to stderr separately).
    pub fn to_text(&self) -> String {
        let mut s = format!("file:     {}\n", self.file.display());
        if let Some(r) = self.recognised {
            s += &format!("format:   {}\n", self.format());
            if let Recognised::SwappedBin { sync } | Recognised::HeaderlessBit { sync } = r {
                s += &format!("sync:     at byte {sync}\n");
            }
        }
        let Some(h) = &self.header else { return s };
        s += &format!("design:   {}\n", h.design);
        s += &format!("part:     {} (device {})\n", h.part, h.device());
        if let Some(f) = self.family() {
            s += &format!("family:   {}\n", f.name());
        }
        if self.boards.is_empty() {
            s += &format!("board:    none of {}\n", boards::names());
        }
        for b in &self.boards {
            s += &format!("board:    {} ({})\n", b.name, b.title);
        }
        s += &format!("date:     {}\n", h.date);
        s += &format!("time:     {}\n", h.time);
        s += &format!(
            "payload:  {} bytes at offset {}\n",
            h.payload_len, h.payload_offset
        );
        if let Some(sync) = self.sync {
            s += &format!("sync:     AA995566 at payload byte {sync}\n");
        }
        if self.padding > 0 {
            s += &format!("padding:  {} bytes after the payload\n", self.padding);
        }
        s
    }

    /// The JSON object of one file; fields the file could not give are null.
    pub fn to_json(&self) -> Value {
        let h = self.header.as_ref();
        let error = self.error.as_ref().map(|e| {
            json!({
                "code": e.code,
                "name": exit::TABLE.iter().find(|t| t.0 == e.code).map(|t| t.1),
                "message": e.message,
            })
        });
        json!({
            "file": self.file.display().to_string(),
            "ok": self.error.is_none(),
            "format": self.format(),
            "design": h.map(|h| h.design.clone()),
            "part": h.map(|h| h.part.clone()),
            "device": h.map(|h| h.device()),
            "family": self.family().map(Family::name),
            "boards": self.boards.iter().map(|b| json!({"name": b.name, "title": b.title})).collect::<Vec<_>>(),
            "date": h.map(|h| h.date.clone()),
            "time": h.map(|h| h.time.clone()),
            "payload_length": h.map(|h| h.payload_len),
            "payload_offset": h.map(|h| h.payload_offset),
            "sync_offset": self.sync,
            "padding": self.padding,
            "warnings": self.warnings,
            "error": error,
        })
    }
}
