//! Router registers by name: the register model comes from the SVD through
//! regmap-gen's parser (`regmap_gen::model`), so names, offsets, access
//! rights, side effects and fields are exactly those of the generated code.
//!
//! Access goes through a [`Bus`]: a shared memory mapping of `/dev/mem`, a
//! UIO device, or an ordinary file standing in for the router in tests.

use std::fmt;

use regmap_gen::model::{Access, Field, Item, RegMap, Register, WriteEffect};

/// One register copy: `GLOBAL.SRC_CFG[3]`, `OOB.PAGE[1].CLAIM`.
#[derive(Clone, Debug)]
pub struct RegInstance<'m> {
    pub path: String,
    /// Absolute address as given by the SVD.
    pub addr: u64,
    pub reg: &'m Register,
    /// Index of the register within its array, if any.
    pub index: Option<u32>,
    /// Index of the enclosing cluster (the CPU of a PAGE), if any.
    pub cluster_index: Option<u32>,
}

/// Every register copy of the map, in address order.
pub fn instances(map: &RegMap) -> Vec<RegInstance<'_>> {
    let mut out = Vec::new();
    for p in &map.peripherals {
        for item in &p.items {
            match item {
                Item::Register(r) => push(&mut out, r, p.base, &format!("{}.", p.name), None),
                Item::Cluster(c) => {
                    for ci in 0..c.count() {
                        let base =
                            p.base + c.offset + u64::from(ci) * c.array.map_or(0, |a| a.stride);
                        let prefix = match c.array {
                            Some(_) => format!("{}.{}[{ci}].", p.name, c.name),
                            None => format!("{}.{}.", p.name, c.name),
                        };
                        let cidx = c.array.map(|_| ci);
                        for r in &c.registers {
                            push(&mut out, r, base, &prefix, cidx);
                        }
                    }
                }
            }
        }
    }
    out.sort_by_key(|i| i.addr);
    out
}

fn push<'m>(
    out: &mut Vec<RegInstance<'m>>,
    r: &'m Register,
    base: u64,
    prefix: &str,
    cluster_index: Option<u32>,
) {
    for i in 0..r.count() {
        let (path, index) = match r.array {
            Some(_) => (format!("{prefix}{}[{i}]", r.name), Some(i)),
            None => (format!("{prefix}{}", r.name), None),
        };
        out.push(RegInstance {
            path,
            addr: base + r.offset_of(i),
            reg: r,
            index,
            cluster_index,
        });
    }
}

/// A name the map does not define, with the closest names it does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownName {
    pub name: String,
    pub suggestions: Vec<String>,
}

impl fmt::Display for UnknownName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "no register or field named \"{}\" in the SVD", self.name)?;
        if !self.suggestions.is_empty() {
            write!(f, "; did you mean {}?", self.suggestions.join(", "))?;
        }
        write!(f, " (`irqpipe regs list` shows every name)")
    }
}

/// A register, or one element of a field of it.
#[derive(Clone, Debug)]
pub struct Target<'m> {
    pub inst: RegInstance<'m>,
    pub field: Option<(&'m Field, u32)>,
}

/// Finds `GLOBAL.SRC_CFG[3]` or `GLOBAL.SRC_CFG[3].CPU` (or `...P3` for an
/// element of a field array), case-insensitively.
pub fn lookup<'m>(all: &[RegInstance<'m>], name: &str) -> Result<Target<'m>, UnknownName> {
    let want = name.trim().to_ascii_uppercase();
    if let Some(i) = all.iter().find(|i| i.path == want) {
        return Ok(Target {
            inst: i.clone(),
            field: None,
        });
    }
    if let Some((reg, field)) = want.rsplit_once('.') {
        if let Some(i) = all.iter().find(|i| i.path == reg) {
            if let Some(f) = field_element(i.reg, field) {
                return Ok(Target {
                    inst: i.clone(),
                    field: Some(f),
                });
            }
        }
    }
    Err(UnknownName {
        name: name.to_string(),
        suggestions: suggest(all, &want),
    })
}

fn field_element<'m>(reg: &'m Register, name: &str) -> Option<(&'m Field, u32)> {
    for f in &reg.fields {
        match f.array {
            None if f.name == name => return Some((f, 0)),
            Some(a) => {
                if let Some(idx) = name.strip_prefix(f.name.as_str()) {
                    if let Ok(i) = idx.parse::<u32>() {
                        if i < a.count && idx == i.to_string() {
                            return Some((f, i));
                        }
                    }
                }
            }
            None => {}
        }
    }
    None
}

/// Up to three names sharing the last path component or a prefix.
fn suggest(all: &[RegInstance<'_>], want: &str) -> Vec<String> {
    let strip = |s: &str| -> String { s.split('[').next().unwrap_or(s).to_string() };
    let last = want.rsplit('.').next().unwrap_or(want);
    let last = strip(last);
    let mut out: Vec<String> = Vec::new();
    for i in all {
        let plast = strip(i.path.rsplit('.').next().unwrap_or(&i.path));
        let close = plast == last || (last.len() >= 3 && plast.contains(&last));
        let generic = match i.index {
            Some(_) => format!(
                "{}[n]",
                i.path.rsplit_once('[').map_or(i.path.as_str(), |x| x.0)
            ),
            None => i.path.clone(),
        };
        if close && !out.contains(&generic) {
            out.push(generic);
        }
        if out.len() == 3 {
            break;
        }
    }
    out
}

/// One decoded field element of a value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldValue {
    pub name: String,
    pub msb: u32,
    pub lsb: u32,
    pub value: u64,
    /// The enumerated value's name, if the SVD names this value.
    pub meaning: Option<String>,
}

/// Splits a register value into its fields.
pub fn decode(reg: &Register, value: u32) -> Vec<FieldValue> {
    let mut out = Vec::new();
    for f in &reg.fields {
        for i in 0..f.count() {
            let lsb = f.lsb_of(i);
            let v = (u64::from(value) >> lsb) & f.value_mask();
            out.push(FieldValue {
                name: match f.array {
                    Some(_) => format!("{}{i}", f.name),
                    None => f.name.clone(),
                },
                msb: lsb + f.width - 1,
                lsb,
                value: v,
                meaning: f
                    .enums
                    .iter()
                    .find(|e| e.value == v)
                    .map(|e| e.name.clone()),
            });
        }
    }
    out
}

/// Renders a register read the way `regs read` and `regs dump` print it.
pub fn render(inst: &RegInstance<'_>, phys: u64, value: u32) -> String {
    let mut s = format!("{:<28} @ {phys:#010x} = {value:#010x}\n", inst.path);
    for fv in decode(inst.reg, value) {
        let bits = if fv.msb == fv.lsb {
            format!("[{}]", fv.lsb)
        } else {
            format!("[{}:{}]", fv.msb, fv.lsb)
        };
        let meaning = fv.meaning.map(|m| format!(" ({m})")).unwrap_or_default();
        s.push_str(&format!(
            "    {:<12} {bits:<8} = {:#x}{meaning}\n",
            fv.name, fv.value
        ));
    }
    s
}

/// Why an access is refused before touching the bus.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    WriteOnly(String),
    ReadOnly(String),
    ReadSideEffect(String),
    /// Read-modify-write of a field would write back other fields that have
    /// write side effects (write-1-to-clear, ...), or needs a read that has
    /// side effects.
    UnsafeFieldWrite {
        reg: String,
        reason: String,
    },
    TooWide {
        name: String,
        value: u64,
        bits: u32,
    },
    BadValue {
        name: String,
        text: String,
    },
    /// The register (or field element) lies beyond the router instance's
    /// size as GLOBAL.HWCFG reports it.
    BeyondInstance {
        name: String,
        hw: HwCfg,
    },
    /// The instance's size could not be read (no router there, or HWCFG
    /// reads 0), so an access that depends on it cannot be checked.
    SizeUnknown {
        name: String,
        id: u32,
        hwcfg: u32,
    },
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::WriteOnly(n) => write!(f, "{n} is write-only; it cannot be read"),
            Refusal::ReadOnly(n) => write!(f, "{n} is read-only; it cannot be written"),
            Refusal::ReadSideEffect(n) => write!(
                f,
                "reading {n} has side effects (it changes router state); pass --side-effects to read it anyway"
            ),
            Refusal::UnsafeFieldWrite { reg, reason } => write!(
                f,
                "cannot write one field of {reg}: {reason}; write the whole register instead"
            ),
            Refusal::TooWide { name, value, bits } => {
                write!(f, "{value:#x} does not fit in {name} ({bits} bits)")
            }
            Refusal::BadValue { name, text } => write!(
                f,
                "\"{text}\" is not a value for {name} (use decimal, 0x.., 0b.. or an enumerated name)"
            ),
            Refusal::BeyondInstance { name, hw } => write!(
                f,
                "{name} is beyond this router instance (GLOBAL.HWCFG: NSRC = {}, NCPU = {}, NIPI = {}): \
                 on silicon the access answers SLVERR/DECERR, a bus error (SError), or is ignored; \
                 pass --beyond-hwcfg to access it anyway",
                hw.nsrc, hw.ncpu, hw.nipi
            ),
            Refusal::SizeUnknown { name, id, hwcfg } => write!(
                f,
                "cannot check {name} against the router's size: GLOBAL.ID reads {id:#010x} (\"IRQR\" is \
                 0x49525152) and GLOBAL.HWCFG {hwcfg:#010x}; no router at this address? \
                 pass --beyond-hwcfg to access it anyway"
            ),
        }
    }
}

/// Checks that `t` may be read (with or without accepted side effects).
pub fn check_read(t: &Target<'_>, side_effects_ok: bool) -> Result<(), Refusal> {
    let r = t.inst.reg;
    if !r.access.can_read() {
        return Err(Refusal::WriteOnly(t.inst.path.clone()));
    }
    if r.read_effect.is_some() && !side_effects_ok {
        return Err(Refusal::ReadSideEffect(t.inst.path.clone()));
    }
    Ok(())
}

/// Parses a number or, for a field, one of its enumerated names.
pub fn parse_value(t: &Target<'_>, text: &str) -> Result<u64, Refusal> {
    let name = target_name(t);
    let bad = || Refusal::BadValue {
        name: name.clone(),
        text: text.to_string(),
    };
    let s = text.trim().replace('_', "");
    let parsed = if let Some(h) = s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        u64::from_str_radix(h, 16).ok()
    } else if let Some(b) = s.strip_prefix("0b").or_else(|| s.strip_prefix("0B")) {
        u64::from_str_radix(b, 2).ok()
    } else {
        s.parse::<u64>().ok()
    };
    if let Some(v) = parsed {
        return Ok(v);
    }
    if let Some((f, _)) = t.field {
        if let Some(e) = f
            .enums
            .iter()
            .find(|e| e.name.eq_ignore_ascii_case(text.trim()))
        {
            return Ok(e.value);
        }
    }
    Err(bad())
}

pub fn target_name(t: &Target<'_>) -> String {
    match t.field {
        Some((f, i)) => match f.array {
            Some(_) => format!("{}.{}{i}", t.inst.path, f.name),
            None => format!("{}.{}", t.inst.path, f.name),
        },
        None => t.inst.path.clone(),
    }
}

/// What a write will do: the full 32-bit value to store, and whether it
/// needs the current value first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WritePlan {
    /// Store this value.
    Whole(u32),
    /// Read, clear `mask`, or in `bits`, store.
    Field { mask: u32, bits: u32 },
}

/// Checks a write of `value` to `t` and plans it.
pub fn plan_write(t: &Target<'_>, value: u64) -> Result<WritePlan, Refusal> {
    let r = t.inst.reg;
    if !r.access.can_write() {
        return Err(Refusal::ReadOnly(t.inst.path.clone()));
    }
    match t.field {
        None => {
            if value > u64::from(u32::MAX) {
                return Err(Refusal::TooWide {
                    name: t.inst.path.clone(),
                    value,
                    bits: 32,
                });
            }
            Ok(WritePlan::Whole(value as u32))
        }
        Some((f, i)) => {
            if f.access == Access::ReadOnly {
                return Err(Refusal::ReadOnly(target_name(t)));
            }
            if value > f.value_mask() {
                return Err(Refusal::TooWide {
                    name: target_name(t),
                    value,
                    bits: f.width,
                });
            }
            let lsb = f.lsb_of(i);
            let mask = (f.value_mask() << lsb) as u32;
            let bits = (value << lsb) as u32;
            let only_field = r.fields.len() == 1 && f.count() == 1;
            // Where every field ignores written zeros (write-1-to-clear flags
            // and the like), writing just this field's bits is exact and
            // needs no read.
            let zeros_ignored = r.fields.iter().all(|o| {
                matches!(
                    o.write_effect,
                    Some(
                        WriteEffect::OneToClear | WriteEffect::OneToSet | WriteEffect::OneToToggle
                    )
                )
            });
            if only_field || zeros_ignored {
                return Ok(WritePlan::Whole(bits));
            }
            let effect = r.fields.iter().find_map(|o| o.write_effect.map(|w| (o, w)));
            let unsafe_reason = if !r.access.can_read() {
                Some(
                    "the register is write-only, so its other fields cannot be preserved"
                        .to_string(),
                )
            } else if r.read_effect.is_some() {
                Some("reading it has side effects".to_string())
            } else {
                effect.map(|(o, w)| format!("writing back field {} would {}", o.name, w.describe()))
            };
            match unsafe_reason {
                Some(reason) => Err(Refusal::UnsafeFieldWrite {
                    reg: t.inst.path.clone(),
                    reason,
                }),
                None => Ok(WritePlan::Field { mask, bits }),
            }
        }
    }
}

/// 32-bit register access at an offset from the router's base.
pub trait Bus {
    fn read32(&mut self, offset: u64) -> u32;
    fn write32(&mut self, offset: u64, value: u32);
}

/// GLOBAL.ID of every router: "IRQR".
pub const ROUTER_ID: u32 = 0x4952_5152;

/// Sizes the router instance reports in HWCFG: the bounds beyond which an
/// access answers SLVERR/DECERR (a bus error on silicon) or is ignored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HwCfg {
    pub nsrc: u32,
    pub ncpu: u32,
    pub nipi: u32,
}

impl HwCfg {
    /// From GLOBAL.HWCFG (NSRC in bits 7:0, NCPU in 11:8, NIPI in 16:12);
    /// `None` for 0, which no synthesised router reads (the SVD's
    /// placeholder reset).
    pub fn from_word(w: u32) -> Option<HwCfg> {
        (w != 0).then_some(HwCfg {
            nsrc: w & 0xff,
            ncpu: (w >> 8) & 0xf,
            nipi: (w >> 12) & 0x1f,
        })
    }

    /// True if reading `i` stays within the instance. The rules are the
    /// router's (hdl/doc/spec.md via the SVD descriptions): per-source
    /// arrays end at NSRC, 32-source words at ceil(NSRC/32), overrun words
    /// (4 sources each) at ceil(NSRC/4), CPU pages at NCPU.
    pub fn covers(&self, i: &RegInstance<'_>) -> bool {
        if let Some(c) = i.cluster_index {
            if c >= self.ncpu {
                return false;
            }
        }
        let Some(n) = i.index else { return true };
        match per_element(i) {
            Some(per) => n * per < self.nsrc,
            None => true,
        }
    }

    /// [`HwCfg::covers`] for a register or one field element: the
    /// per-vector IPI priority fields end at NIPI (beyond it they read as
    /// zero and ignore writes).
    pub fn covers_target(&self, t: &Target<'_>) -> bool {
        if !self.covers(&t.inst) {
            return false;
        }
        match t.field {
            Some((f, i)) if per_ipi_field(t.inst.reg, f) => i < self.nipi,
            _ => true,
        }
    }
}

/// Sources per array element of the registers whose arrays end at NSRC.
fn per_element(i: &RegInstance<'_>) -> Option<u32> {
    match i.reg.name.as_str() {
        "SRC_CFG" => Some(1),
        "SRC_RAW" | "SRC_PEND" | "SRC_ACTIVE" | "PEND" => Some(32),
        "OVERRUN" => Some(4),
        _ => None,
    }
}

/// The field arrays with one element per IPI vector.
fn per_ipi_field(reg: &Register, f: &Field) -> bool {
    reg.name.starts_with("IPI_PRIO") && f.array.is_some()
}

/// True when an access to `t` needs the instance's size to be known to be
/// safe (anything per source, per CPU or per IPI vector).
pub fn depends_on_size(t: &Target<'_>) -> bool {
    t.inst.cluster_index.is_some()
        || (t.inst.index.is_some() && per_element(&t.inst).is_some())
        || t.field.is_some_and(|(f, _)| per_ipi_field(t.inst.reg, f))
}

/// What GLOBAL.ID and GLOBAL.HWCFG say about the instance at the bus.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Instance {
    pub id: u32,
    pub hwcfg: u32,
}

impl Instance {
    /// Reads ID and HWCFG (offsets 0 and 8: present in every instance).
    pub fn read(bus: &mut dyn Bus) -> Instance {
        let id = bus.read32(0);
        let hwcfg = if id == ROUTER_ID { bus.read32(8) } else { 0 };
        Instance { id, hwcfg }
    }

    /// The bounds, when a router is there and reports them.
    pub fn size(&self) -> Option<HwCfg> {
        if self.id == ROUTER_ID {
            HwCfg::from_word(self.hwcfg)
        } else {
            None
        }
    }

    /// Refuses an access to `t` beyond this instance, or one whose bounds
    /// are unknown; `beyond_ok` is the user's explicit override.
    pub fn check(&self, t: &Target<'_>, beyond_ok: bool) -> Result<(), Refusal> {
        if beyond_ok || !depends_on_size(t) {
            return Ok(());
        }
        let name = target_name(t);
        match self.size() {
            Some(hw) if hw.covers_target(t) => Ok(()),
            Some(hw) => Err(Refusal::BeyondInstance { name, hw }),
            None => Err(Refusal::SizeUnknown {
                name,
                id: self.id,
                hwcfg: self.hwcfg,
            }),
        }
    }
}

/// [`Instance::check`] for the router at `bus`, reading ID and HWCFG only
/// when the access depends on the instance's size.
pub fn check_bounds(bus: &mut dyn Bus, t: &Target<'_>, beyond_ok: bool) -> Result<(), Refusal> {
    if beyond_ok || !depends_on_size(t) {
        return Ok(());
    }
    Instance::read(bus).check(t, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map() -> RegMap {
        RegMap::from_svd(crate::cli::EMBEDDED_SVD, "built-in").unwrap()
    }

    #[test]
    fn hwcfg_bounds_follow_nsrc_and_ncpu() {
        let m = map();
        let all = instances(&m);
        let hw = HwCfg::from_word(20 | (2 << 8) | (3 << 12)).unwrap();
        assert_eq!(hw.nipi, 3);
        let find = |n: &str| all.iter().find(|i| i.path == n).unwrap();
        assert!(hw.covers(find("GLOBAL.SRC_CFG[19]")));
        assert!(!hw.covers(find("GLOBAL.SRC_CFG[20]")));
        assert!(hw.covers(find("GLOBAL.SRC_PEND[0]")));
        assert!(!hw.covers(find("GLOBAL.SRC_PEND[1]")));
        assert!(hw.covers(find("GLOBAL.OVERRUN[4]")));
        assert!(!hw.covers(find("GLOBAL.OVERRUN[5]")));
        assert!(hw.covers(find("OOB.PAGE[1].STALL")));
        assert!(!hw.covers(find("OOB.PAGE[2].STALL")));
        assert!(!hw.covers(find("INBAND.PAGE[0].PEND[1]")));
        assert_eq!(HwCfg::from_word(0), None);
        let t = |n: &str| lookup(&all, n).unwrap();
        assert!(hw.covers_target(&t("GLOBAL.IPI_PRIO_OOB.P2")));
        assert!(!hw.covers_target(&t("GLOBAL.IPI_PRIO_OOB.P3")));
        assert!(!hw.covers_target(&t("GLOBAL.SRC_CFG[20].EN")));
        assert!(depends_on_size(&t("GLOBAL.IPI_PRIO_INB.P0")));
        assert!(!depends_on_size(&t("GLOBAL.IPI_PRIO_INB")));
        assert!(!depends_on_size(&t("GLOBAL.HWCFG.NSRC")));
        assert!(depends_on_size(&t("OOB.PAGE[0].STALL")));
    }

    #[test]
    fn instances_cover_the_whole_map_once() {
        let m = map();
        let all = instances(&m);
        let from_model = m.instances();
        assert_eq!(all.len(), from_model.len());
        for (i, (addr, path)) in all.iter().zip(from_model.iter()) {
            assert_eq!((i.addr, &i.path), (*addr, path));
        }
    }
}
