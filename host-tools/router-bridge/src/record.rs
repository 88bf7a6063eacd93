//! What the router saw during a run, in the order it happened: the read-back
//! interface of the bridge (`--record FILE`, and [`crate::Outcome::record`]
//! for in-process users such as the QEMU tests).
//!
//! Text format, one entry a line, fields separated by single spaces,
//! numbers in decimal except addresses and data (hex, `0x`):
//!
//! ```text
//! # router-bridge record 1
//! hello <ns> <window-bytes>
//! access <cycle> <ns> <r|w> <addr> <data> <okay|slverr|decerr> <prot>
//! sync <cycle> <ns>
//! start <cycle>
//! event <cycle> <source>
//! lines <cycle> <levels>
//! ```
//!
//! `access`: the cycle the transaction started at (after catching up with
//! QEMU's time `ns`), the window offset, the data read or written, the AXI
//! response and AxPROT. `event`: a source input rose at the edge after
//! `cycle` (the router timestamps it `cycle`). `lines`: the eight lines
//! after the edge that made the counter read `cycle`, bit i =
//! `pl_ps_irq0[i]` (oob line of CPU c = bit c, in-band line = bit 4 + c).

use crate::protocol::AxiResp;
use std::fmt::Write as _;

pub const HEADER: &str = "# router-bridge record 1";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Access {
    pub cycle: u64,
    pub ns: u64,
    pub write: bool,
    pub addr: u32,
    pub data: u32,
    pub resp: AxiResp,
    pub prot: u8,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Entry {
    Hello { ns: u64, window: u64 },
    Access(Access),
    Sync { cycle: u64, ns: u64 },
    Start { cycle: u64 },
    Event { cycle: u64, src: u16 },
    Lines { cycle: u64, levels: u8 },
}

/// The entries of one run.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Record {
    pub entries: Vec<Entry>,
}

fn resp_name(r: AxiResp) -> &'static str {
    match r {
        AxiResp::Okay => "okay",
        AxiResp::SlvErr => "slverr",
        AxiResp::DecErr => "decerr",
    }
}

impl Record {
    pub fn push(&mut self, e: Entry) {
        self.entries.push(e);
    }

    pub fn accesses(&self) -> impl Iterator<Item = &Access> {
        self.entries.iter().filter_map(|e| match e {
            Entry::Access(a) => Some(a),
            _ => None,
        })
    }

    /// (cycle, source) of every assertion driven.
    pub fn events(&self) -> impl Iterator<Item = (u64, u16)> + '_ {
        self.entries.iter().filter_map(|e| match *e {
            Entry::Event { cycle, src } => Some((cycle, src)),
            _ => None,
        })
    }

    /// (cycle, levels) of every change of the lines.
    pub fn line_changes(&self) -> impl Iterator<Item = (u64, u8)> + '_ {
        self.entries.iter().filter_map(|e| match *e {
            Entry::Lines { cycle, levels } => Some((cycle, levels)),
            _ => None,
        })
    }

    pub fn to_text(&self) -> String {
        let mut s = String::from(HEADER);
        s.push('\n');
        for e in &self.entries {
            let _ = match *e {
                Entry::Hello { ns, window } => writeln!(s, "hello {ns} {window}"),
                Entry::Access(a) => writeln!(
                    s,
                    "access {} {} {} {:#x} {:#x} {} {}",
                    a.cycle,
                    a.ns,
                    if a.write { "w" } else { "r" },
                    a.addr,
                    a.data,
                    resp_name(a.resp),
                    a.prot
                ),
                Entry::Sync { cycle, ns } => writeln!(s, "sync {cycle} {ns}"),
                Entry::Start { cycle } => writeln!(s, "start {cycle}"),
                Entry::Event { cycle, src } => writeln!(s, "event {cycle} {src}"),
                Entry::Lines { cycle, levels } => writeln!(s, "lines {cycle} {levels:#04x}"),
            };
        }
        s
    }

    /// Parses [`Record::to_text`]'s output (for tools reading a recorded run).
    pub fn parse(text: &str) -> Result<Record, String> {
        let mut lines = text.lines().enumerate();
        match lines.next() {
            Some((_, h)) if h == HEADER => {}
            _ => return Err(format!("not a router-bridge record (first line must be `{HEADER}`)")),
        }
        let mut r = Record::default();
        for (n, line) in lines {
            let bad = |what: &str| format!("line {}: {what}: `{line}`", n + 1);
            let f: Vec<&str> = line.split(' ').collect();
            let num = |i: usize| -> Result<u64, String> {
                let t = f.get(i).ok_or_else(|| bad("missing field"))?;
                match t.strip_prefix("0x") {
                    Some(h) => u64::from_str_radix(h, 16),
                    None => t.parse(),
                }
                .map_err(|_| bad("bad number"))
            };
            let e = match f[0] {
                "hello" => Entry::Hello { ns: num(1)?, window: num(2)? },
                "access" => Entry::Access(Access {
                    cycle: num(1)?,
                    ns: num(2)?,
                    write: match f.get(3) {
                        Some(&"w") => true,
                        Some(&"r") => false,
                        _ => return Err(bad("r or w expected")),
                    },
                    addr: num(4)? as u32,
                    data: num(5)? as u32,
                    resp: match f.get(6) {
                        Some(&"okay") => AxiResp::Okay,
                        Some(&"slverr") => AxiResp::SlvErr,
                        Some(&"decerr") => AxiResp::DecErr,
                        _ => return Err(bad("AXI response expected")),
                    },
                    prot: num(7)? as u8,
                }),
                "sync" => Entry::Sync { cycle: num(1)?, ns: num(2)? },
                "start" => Entry::Start { cycle: num(1)? },
                "event" => Entry::Event { cycle: num(1)?, src: num(2)? as u16 },
                "lines" => Entry::Lines { cycle: num(1)?, levels: num(2)? as u8 },
                _ => return Err(bad("unknown entry")),
            };
            r.push(e);
        }
        Ok(r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_round_trips() {
        let mut r = Record::default();
        r.push(Entry::Hello { ns: 0, window: 0x40000 });
        r.push(Entry::Access(Access { cycle: 5, ns: 50, write: true, addr: 0x1_0008, data: 1, resp: AxiResp::Okay, prot: 0 }));
        r.push(Entry::Start { cycle: 9 });
        r.push(Entry::Event { cycle: 10, src: 3 });
        r.push(Entry::Lines { cycle: 12, levels: 0x81 });
        r.push(Entry::Sync { cycle: 14, ns: 140 });
        assert_eq!(Record::parse(&r.to_text()).unwrap(), r);
    }

    #[test]
    fn garbage_is_refused_with_its_line() {
        let e = Record::parse(&format!("{HEADER}\nevent 1\n")).unwrap_err();
        assert!(e.contains("line 2") && e.contains("missing field"), "{e}");
        assert!(Record::parse("hello 0 0\n").is_err());
    }
}
