//! The register map as the generators see it: parsed from the SVD, with
//! `derivedFrom` resolved and default properties applied, but arrays kept as
//! arrays (so that the outputs can describe them as base + stride × index).
//!
//! [`RegMap::from_svd`] also checks everything the outputs rely on (alignment,
//! no overlaps, arrays inside their block, fields inside their register, enum
//! values that fit their field), and reports violations as [`Error::Invalid`]
//! with the path of the offending element.

use std::collections::{BTreeMap, BTreeSet};

use svd_parser::svd::{self, DeriveFrom};

use crate::Error;

/// Access rights of a register or field, as the SVD names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    ReadOnly,
    WriteOnly,
    ReadWrite,
    WriteOnce,
    ReadWriteOnce,
}

impl Access {
    fn from_svd(a: svd::Access) -> Self {
        match a {
            svd::Access::ReadOnly => Access::ReadOnly,
            svd::Access::WriteOnly => Access::WriteOnly,
            svd::Access::ReadWrite => Access::ReadWrite,
            svd::Access::WriteOnce => Access::WriteOnce,
            svd::Access::ReadWriteOnce => Access::ReadWriteOnce,
        }
    }

    /// The SVD spelling (`read-only`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Access::ReadOnly => "read-only",
            Access::WriteOnly => "write-only",
            Access::ReadWrite => "read-write",
            Access::WriteOnce => "writeOnce",
            Access::ReadWriteOnce => "read-writeOnce",
        }
    }

    /// Short form for tables: RO, WO, RW, W1, RW1.
    pub fn short(self) -> &'static str {
        match self {
            Access::ReadOnly => "RO",
            Access::WriteOnly => "WO",
            Access::ReadWrite => "RW",
            Access::WriteOnce => "W1",
            Access::ReadWriteOnce => "RW1",
        }
    }

    pub fn can_read(self) -> bool {
        !matches!(self, Access::WriteOnly | Access::WriteOnce)
    }

    pub fn can_write(self) -> bool {
        !matches!(self, Access::ReadOnly)
    }
}

/// What a write does to a field other than storing the value (SVD
/// `modifiedWriteValues`); `None` in [`Field::write_effect`] means "stores".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WriteEffect {
    OneToClear,
    OneToSet,
    OneToToggle,
    ZeroToClear,
    ZeroToSet,
    ZeroToToggle,
    Clear,
    Set,
}

impl WriteEffect {
    fn from_svd(m: svd::ModifiedWriteValues) -> Option<Self> {
        use svd::ModifiedWriteValues as M;
        Some(match m {
            M::OneToClear => WriteEffect::OneToClear,
            M::OneToSet => WriteEffect::OneToSet,
            M::OneToToggle => WriteEffect::OneToToggle,
            M::ZeroToClear => WriteEffect::ZeroToClear,
            M::ZeroToSet => WriteEffect::ZeroToSet,
            M::ZeroToToggle => WriteEffect::ZeroToToggle,
            M::Clear => WriteEffect::Clear,
            M::Set => WriteEffect::Set,
            M::Modify => return None,
        })
    }

    /// Human wording for the docs.
    pub fn describe(self) -> &'static str {
        match self {
            WriteEffect::OneToClear => "write 1 to clear",
            WriteEffect::OneToSet => "write 1 to set",
            WriteEffect::OneToToggle => "write 1 to toggle",
            WriteEffect::ZeroToClear => "write 0 to clear",
            WriteEffect::ZeroToSet => "write 0 to set",
            WriteEffect::ZeroToToggle => "write 0 to toggle",
            WriteEffect::Clear => "any write clears",
            WriteEffect::Set => "any write sets",
        }
    }
}

/// What a read does besides returning the value (SVD `readAction`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReadEffect {
    Clear,
    Set,
    Modify,
    ModifyExternal,
}

impl ReadEffect {
    fn from_svd(r: svd::ReadAction) -> Self {
        match r {
            svd::ReadAction::Clear => ReadEffect::Clear,
            svd::ReadAction::Set => ReadEffect::Set,
            svd::ReadAction::Modify => ReadEffect::Modify,
            svd::ReadAction::ModifyExternal => ReadEffect::ModifyExternal,
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            ReadEffect::Clear => "read clears",
            ReadEffect::Set => "read sets",
            ReadEffect::Modify => "read has side effects",
            ReadEffect::ModifyExternal => "read affects other state",
        }
    }
}

/// `count` copies, `stride` apart (bytes for registers and clusters, bits for
/// fields).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Array {
    pub count: u32,
    pub stride: u64,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnumValue {
    pub name: String,
    pub description: String,
    pub value: u64,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    /// Name without the `%s` placeholder of a field array (`P` for `P%s`).
    pub name: String,
    pub description: String,
    /// Bit position of the field (of element 0 for an array).
    pub lsb: u32,
    pub width: u32,
    pub array: Option<Array>,
    pub access: Access,
    pub write_effect: Option<WriteEffect>,
    pub read_effect: Option<ReadEffect>,
    pub enums: Vec<EnumValue>,
}

impl Field {
    /// Unshifted mask of one element: `(1 << width) - 1`.
    pub fn value_mask(&self) -> u64 {
        if self.width >= 64 {
            u64::MAX
        } else {
            (1u64 << self.width) - 1
        }
    }

    /// LSB of element `i` (i = 0 for a plain field).
    pub fn lsb_of(&self, i: u32) -> u32 {
        self.lsb + i * self.array.map_or(0, |a| a.stride as u32)
    }

    /// Number of elements (1 for a plain field).
    pub fn count(&self) -> u32 {
        self.array.map_or(1, |a| a.count)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Register {
    /// Name without the `[%s]` of an array.
    pub name: String,
    pub description: String,
    /// Byte offset (of element 0) within the enclosing peripheral or cluster.
    pub offset: u64,
    pub array: Option<Array>,
    /// Width in bits.
    pub size: u32,
    pub access: Access,
    pub reset: u64,
    pub write_effect: Option<WriteEffect>,
    pub read_effect: Option<ReadEffect>,
    pub fields: Vec<Field>,
}

impl Register {
    pub fn count(&self) -> u32 {
        self.array.map_or(1, |a| a.count)
    }

    pub fn offset_of(&self, i: u32) -> u64 {
        self.offset + u64::from(i) * self.array.map_or(0, |a| a.stride)
    }

    /// Bytes from the register's first byte to the end of its last element.
    pub fn span(&self) -> u64 {
        self.offset_of(self.count() - 1) + u64::from(self.size / 8) - self.offset
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cluster {
    /// Name without the `[%s]` of an array.
    pub name: String,
    pub description: String,
    pub offset: u64,
    pub array: Option<Array>,
    pub registers: Vec<Register>,
}

impl Cluster {
    pub fn count(&self) -> u32 {
        self.array.map_or(1, |a| a.count)
    }

    /// Bytes used by one element (end of its last register).
    pub fn element_size(&self) -> u64 {
        self.registers
            .iter()
            .map(|r| r.offset + r.span())
            .max()
            .unwrap_or(0)
    }

    /// Bytes reserved per element: the stride of an array, else the used size.
    pub fn stride(&self) -> u64 {
        self.array.map_or(self.element_size(), |a| a.stride)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    Register(Register),
    Cluster(Cluster),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Peripheral {
    pub name: String,
    pub description: String,
    /// Absolute base address from the SVD.
    pub base: u64,
    /// Size of the peripheral's address block (end of its last block).
    pub size: u64,
    /// The peripheral whose registers this one copies, if any.
    pub derived_from: Option<String>,
    /// The registers and clusters (copied from the base peripheral if derived).
    pub items: Vec<Item>,
}

impl Peripheral {
    pub fn registers(&self) -> impl Iterator<Item = &Register> {
        self.items.iter().filter_map(|i| match i {
            Item::Register(r) => Some(r),
            Item::Cluster(_) => None,
        })
    }

    pub fn clusters(&self) -> impl Iterator<Item = &Cluster> {
        self.items.iter().filter_map(|i| match i {
            Item::Cluster(c) => Some(c),
            Item::Register(_) => None,
        })
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegMap {
    pub name: String,
    pub version: String,
    pub description: String,
    pub width: u32,
    pub peripherals: Vec<Peripheral>,
}

impl RegMap {
    /// Parses and validates SVD text. `origin` names the input in errors.
    pub fn from_svd(text: &str, origin: &str) -> Result<RegMap, Error> {
        let config = svd_parser::Config::default()
            .validate_level(svd::ValidateLevel::Strict)
            .expand_properties(true);
        let device = svd_parser::parse_with_config(text, &config)
            .map_err(|e| Error::Parse(format!("{origin}: {e:#}")))?;
        let map = convert(&device).map_err(|m| Error::Invalid(format!("{origin}: {m}")))?;
        map.validate()
            .map_err(|m| Error::Invalid(format!("{origin}: {m}")))?;
        Ok(map)
    }

    /// Lowest peripheral base: the origin of the router's own address space.
    pub fn base(&self) -> u64 {
        self.peripherals.iter().map(|p| p.base).min().unwrap_or(0)
    }

    /// Bytes from [`RegMap::base`] to the end of the highest address block.
    pub fn span(&self) -> u64 {
        self.peripherals
            .iter()
            .map(|p| p.base + p.size)
            .max()
            .unwrap_or(0)
            - self.base()
    }

    /// Address bits needed to decode [`RegMap::span`].
    pub fn addr_width(&self) -> u32 {
        let span = self.span();
        let mut w = 0;
        while (1u64 << w) < span {
            w += 1;
        }
        w
    }

    pub fn peripheral(&self, name: &str) -> Option<&Peripheral> {
        self.peripherals.iter().find(|p| p.name == name)
    }

    /// Every register copy as (absolute address, display path), including
    /// every element of register and cluster arrays, in address order.
    pub fn instances(&self) -> Vec<(u64, String)> {
        let mut out = Vec::new();
        for p in &self.peripherals {
            for (off, path) in peripheral_instances(p) {
                out.push((p.base + off, format!("{}.{}", p.name, path)));
            }
        }
        out.sort();
        out
    }

    fn validate(&self) -> Result<(), String> {
        if self.peripherals.is_empty() {
            return Err("the device has no peripherals".into());
        }
        if self.width != 32 {
            return Err(format!(
                "device width is {}, only 32-bit buses are supported",
                self.width
            ));
        }
        // Peripheral windows must not overlap.
        let mut windows: Vec<(u64, u64, &str)> = self
            .peripherals
            .iter()
            .map(|p| (p.base, p.base + p.size, p.name.as_str()))
            .collect();
        windows.sort();
        for w in windows.windows(2) {
            if w[1].0 < w[0].1 {
                return Err(format!(
                    "peripheral {} [{:#x}, {:#x}) overlaps peripheral {} [{:#x}, {:#x})",
                    w[1].2, w[1].0, w[1].1, w[0].2, w[0].0, w[0].1
                ));
            }
        }
        for p in &self.peripherals {
            validate_peripheral(p)?;
        }
        Ok(())
    }
}

fn peripheral_instances(p: &Peripheral) -> Vec<(u64, String)> {
    let mut out = Vec::new();
    for item in &p.items {
        match item {
            Item::Register(r) => push_register_instances(&mut out, r, 0, ""),
            Item::Cluster(c) => {
                for ci in 0..c.count() {
                    let coff = c.offset + u64::from(ci) * c.array.map_or(0, |a| a.stride);
                    let cname = match c.array {
                        Some(_) => format!("{}[{ci}].", c.name),
                        None => format!("{}.", c.name),
                    };
                    for r in &c.registers {
                        push_register_instances(&mut out, r, coff, &cname);
                    }
                }
            }
        }
    }
    out
}

fn push_register_instances(out: &mut Vec<(u64, String)>, r: &Register, base: u64, prefix: &str) {
    for i in 0..r.count() {
        let name = match r.array {
            Some(_) => format!("{prefix}{}[{i}]", r.name),
            None => format!("{prefix}{}", r.name),
        };
        out.push((base + r.offset_of(i), name));
    }
}

fn validate_peripheral(p: &Peripheral) -> Result<(), String> {
    if p.items.is_empty() {
        return Err(format!("peripheral {} has no registers", p.name));
    }
    if p.size == 0 {
        return Err(format!("peripheral {} has no addressBlock", p.name));
    }
    let mut names = BTreeSet::new();
    for item in &p.items {
        let name = match item {
            Item::Register(r) => &r.name,
            Item::Cluster(c) => &c.name,
        };
        if !names.insert(name.clone()) {
            return Err(format!("peripheral {}: two elements named {name}", p.name));
        }
        match item {
            Item::Register(r) => validate_register(r, &p.name)?,
            Item::Cluster(c) => {
                let path = format!("{}.{}", p.name, c.name);
                let mut rnames = BTreeSet::new();
                for r in &c.registers {
                    if !rnames.insert(r.name.clone()) {
                        return Err(format!("cluster {path}: two registers named {}", r.name));
                    }
                    validate_register(r, &path)?;
                }
                if let Some(a) = c.array {
                    if c.element_size() > a.stride {
                        return Err(format!(
                            "cluster {path}: its registers need {:#x} bytes but the array stride is {:#x}",
                            c.element_size(),
                            a.stride
                        ));
                    }
                }
                // Registers of one cluster element must not overlap.
                let mut inst = Vec::new();
                for r in &c.registers {
                    push_register_instances(&mut inst, r, 0, "");
                }
                check_overlaps(&mut inst, &path, u64::MAX)?;
            }
        }
    }
    let mut inst = peripheral_instances(p);
    check_overlaps(&mut inst, &p.name, p.size)
}

/// Sorts register copies by offset and reports the first pair that shares a
/// byte, or a copy that ends beyond `limit`.
fn check_overlaps(inst: &mut [(u64, String)], scope: &str, limit: u64) -> Result<(), String> {
    inst.sort();
    for w in inst.windows(2) {
        if w[1].0 < w[0].0 + 4 {
            return Err(format!(
                "{scope}: register {} at offset {:#x} overlaps register {} at offset {:#x}",
                w[1].1, w[1].0, w[0].1, w[0].0
            ));
        }
    }
    if let Some((off, name)) = inst.last() {
        if off + 4 > limit {
            return Err(format!(
                "{scope}: register {name} at offset {off:#x} lies outside the {limit:#x}-byte address block"
            ));
        }
    }
    Ok(())
}

fn validate_register(r: &Register, scope: &str) -> Result<(), String> {
    let path = format!("{scope}.{}", r.name);
    if r.size != 32 {
        return Err(format!(
            "register {path}: size {} (only 32 is supported)",
            r.size
        ));
    }
    if r.offset % 4 != 0 {
        return Err(format!(
            "register {path}: offset {:#x} is not 4-byte aligned",
            r.offset
        ));
    }
    if let Some(a) = r.array {
        if a.count == 0 {
            return Err(format!("register {path}: array of 0 elements"));
        }
        if a.stride % 4 != 0 || a.stride < 4 {
            return Err(format!(
                "register {path}: array stride {:#x} is not a non-zero multiple of 4",
                a.stride
            ));
        }
    }
    if r.reset >> r.size != 0 {
        return Err(format!(
            "register {path}: reset value {:#x} does not fit in {} bits",
            r.reset, r.size
        ));
    }
    if r.fields.is_empty() {
        return Err(format!("register {path}: no fields"));
    }
    // Every field bit of every element, to find overlaps.
    let mut owner: BTreeMap<u32, String> = BTreeMap::new();
    let mut fnames = BTreeSet::new();
    for f in &r.fields {
        let fpath = format!("{path}.{}", f.name);
        if !fnames.insert(f.name.clone()) {
            return Err(format!("register {path}: two fields named {}", f.name));
        }
        if f.width == 0 {
            return Err(format!("field {fpath}: zero width"));
        }
        if let Some(a) = f.array {
            if a.count == 0 || (a.stride as u32) < f.width {
                return Err(format!(
                    "field {fpath}: array of {} elements with stride {} bits is not valid for a {}-bit field",
                    a.count, a.stride, f.width
                ));
            }
        }
        let top = f.lsb_of(f.count() - 1) + f.width;
        if top > r.size {
            return Err(format!(
                "field {fpath}: bits up to {} do not fit in the {}-bit register",
                top - 1,
                r.size
            ));
        }
        for i in 0..f.count() {
            let ename = match f.array {
                Some(_) => format!("{}{i}", f.name),
                None => f.name.clone(),
            };
            let lsb = f.lsb_of(i);
            for bit in lsb..lsb + f.width {
                if let Some(other) = owner.insert(bit, ename.clone()) {
                    return Err(format!(
                        "register {path}: field {ename} [{}:{}] overlaps field {other} at bit {bit}",
                        lsb + f.width - 1,
                        lsb
                    ));
                }
            }
        }
        let mut enames = BTreeSet::new();
        for e in &f.enums {
            if !enames.insert(e.name.clone()) {
                return Err(format!(
                    "field {fpath}: two enumerated values named {}",
                    e.name
                ));
            }
            if e.value > f.value_mask() {
                return Err(format!(
                    "field {fpath}: enumerated value {} = {:#x} does not fit in {} bits",
                    e.name, e.value, f.width
                ));
            }
        }
        if f.access.can_write() && !r.access.can_write() {
            return Err(format!(
                "field {fpath}: writable field in a read-only register"
            ));
        }
        if f.access.can_read() && !r.access.can_read() {
            return Err(format!(
                "field {fpath}: readable field in a write-only register"
            ));
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// svd-rs → model
// ---------------------------------------------------------------------------

fn text(s: &Option<String>) -> String {
    // SVD descriptions may be wrapped over several lines: join them.
    s.as_deref()
        .unwrap_or("")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn array_of(dim: &svd::DimElement, what: &str) -> Result<Array, String> {
    if let Some(idx) = &dim.dim_index {
        let default: Vec<String> = (0..dim.dim).map(|i| i.to_string()).collect();
        if *idx != default {
            return Err(format!(
                "{what}: only the default dimIndex 0..{} is supported",
                dim.dim
            ));
        }
    }
    Ok(Array {
        count: dim.dim,
        stride: u64::from(dim.dim_increment),
    })
}

/// Strips the `[%s]` (register/cluster arrays) or `%s` (field arrays)
/// placeholder from an array name.
fn array_name(name: &str, suffix: &str, what: &str) -> Result<String, String> {
    match name.strip_suffix(suffix) {
        Some(base) if !base.contains("%s") && !base.is_empty() => Ok(base.to_string()),
        _ => Err(format!(
            "{what} {name}: array names must end in `{suffix}` (and contain no other %s)"
        )),
    }
}

fn plain_name(name: &str, what: &str) -> Result<String, String> {
    if name.contains("%s") || name.contains('[') {
        return Err(format!(
            "{what} {name}: %s in the name of an element that is not an array"
        ));
    }
    Ok(name.to_string())
}

fn convert(d: &svd::Device) -> Result<RegMap, String> {
    let mut by_name: BTreeMap<&str, &svd::PeripheralInfo> = BTreeMap::new();
    for p in &d.peripherals {
        let info = match p {
            svd::Peripheral::Single(info) => info,
            svd::Peripheral::Array(info, _) => {
                return Err(format!(
                    "peripheral {}: peripheral arrays are not supported",
                    info.name
                ))
            }
        };
        if by_name.insert(&info.name, info).is_some() {
            return Err(format!("two peripherals named {}", info.name));
        }
    }
    let mut peripherals = Vec::new();
    for p in &d.peripherals {
        let info: &svd::PeripheralInfo = p;
        // Resolve derivedFrom: registers and (absent its own) address blocks
        // come from the base peripheral.
        let mut regs_from = info;
        let mut blocks = info.address_block.as_ref();
        if let Some(base) = &info.derived_from {
            let b = by_name.get(base.as_str()).ok_or_else(|| {
                format!(
                    "peripheral {}: derivedFrom unknown peripheral {base}",
                    info.name
                )
            })?;
            if b.derived_from.is_some() {
                return Err(format!(
                    "peripheral {}: derived from {base}, which is itself derived (not supported)",
                    info.name
                ));
            }
            if info.registers.is_some() {
                return Err(format!(
                    "peripheral {}: a derived peripheral must not list registers of its own",
                    info.name
                ));
            }
            regs_from = b;
            if blocks.is_none() {
                blocks = b.address_block.as_ref();
            }
        }
        let size = blocks
            .map(|bs| {
                bs.iter()
                    .map(|b| u64::from(b.offset) + u64::from(b.size))
                    .max()
                    .unwrap_or(0)
            })
            .unwrap_or(0);
        // Default register properties: device, then the peripheral that owns
        // the registers (svd-parser's expand_properties already did this for
        // non-derived peripherals, so this only matters for derived ones).
        let defaults = regs_from
            .default_register_properties
            .derive_from(&d.default_register_properties);
        let mut items = Vec::new();
        for rc in regs_from.registers.as_deref().unwrap_or(&[]) {
            let scope = &info.name;
            match rc {
                svd::RegisterCluster::Register(r) => {
                    items.push(Item::Register(convert_register(r, &defaults, scope)?))
                }
                svd::RegisterCluster::Cluster(c) => {
                    items.push(Item::Cluster(convert_cluster(c, &defaults, scope)?))
                }
            }
        }
        peripherals.push(Peripheral {
            name: plain_name(&info.name, "peripheral")?,
            description: text(&info.description),
            base: info.base_address,
            size,
            derived_from: info.derived_from.clone(),
            items,
        });
    }
    Ok(RegMap {
        name: d.name.clone(),
        version: d.version.clone(),
        description: d
            .description
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
        width: d.width,
        peripherals,
    })
}

fn convert_cluster(
    c: &svd::Cluster,
    defaults: &svd::RegisterProperties,
    scope: &str,
) -> Result<Cluster, String> {
    let info: &svd::ClusterInfo = c;
    let what = format!("cluster {scope}.{}", info.name);
    if info.derived_from.is_some() {
        return Err(format!("{what}: derivedFrom on clusters is not supported"));
    }
    let (name, array) = match c {
        svd::Cluster::Single(_) => (plain_name(&info.name, "cluster")?, None),
        svd::Cluster::Array(_, dim) => (
            array_name(&info.name, "[%s]", "cluster")?,
            Some(array_of(dim, &what)?),
        ),
    };
    let defaults = info.default_register_properties.derive_from(defaults);
    let mut registers = Vec::new();
    for rc in &info.children {
        match rc {
            svd::RegisterCluster::Register(r) => {
                registers.push(convert_register(r, &defaults, &format!("{scope}.{name}"))?)
            }
            svd::RegisterCluster::Cluster(inner) => {
                return Err(format!(
                    "{what}: nested cluster {} is not supported",
                    inner.name
                ))
            }
        }
    }
    Ok(Cluster {
        name,
        description: text(&info.description),
        offset: u64::from(info.address_offset),
        array,
        registers,
    })
}

fn convert_register(
    r: &svd::Register,
    defaults: &svd::RegisterProperties,
    scope: &str,
) -> Result<Register, String> {
    let info: &svd::RegisterInfo = r;
    let what = format!("register {scope}.{}", info.name);
    if info.derived_from.is_some() {
        return Err(format!("{what}: derivedFrom on registers is not supported"));
    }
    let (name, array) = match r {
        svd::Register::Single(_) => (plain_name(&info.name, "register")?, None),
        svd::Register::Array(_, dim) => (
            array_name(&info.name, "[%s]", "register")?,
            Some(array_of(dim, &what)?),
        ),
    };
    let props = info.properties.derive_from(defaults);
    let size = props.size.ok_or_else(|| format!("{what}: no size"))?;
    let access = Access::from_svd(props.access.ok_or_else(|| format!("{what}: no access"))?);
    let reset = props.reset_value.unwrap_or(0);
    let write_effect = info.modified_write_values.and_then(WriteEffect::from_svd);
    let read_effect = info.read_action.map(ReadEffect::from_svd);
    let mut fields = Vec::new();
    for f in info.fields() {
        fields.push(convert_field(
            f,
            access,
            write_effect,
            &format!("{scope}.{name}"),
        )?);
    }
    fields.sort_by_key(|f| f.lsb);
    Ok(Register {
        name,
        description: text(&info.description),
        offset: u64::from(info.address_offset),
        array,
        size,
        access,
        reset,
        write_effect,
        read_effect,
        fields,
    })
}

fn convert_field(
    f: &svd::Field,
    reg_access: Access,
    reg_write: Option<WriteEffect>,
    scope: &str,
) -> Result<Field, String> {
    let info: &svd::FieldInfo = f;
    let what = format!("field {scope}.{}", info.name);
    if info.derived_from.is_some() {
        return Err(format!("{what}: derivedFrom on fields is not supported"));
    }
    let (name, array) = match f {
        svd::Field::Single(_) => (plain_name(&info.name, "field")?, None),
        svd::Field::Array(_, dim) => (
            array_name(&info.name, "%s", "field")?,
            Some(array_of(dim, &what)?),
        ),
    };
    let mut enums = Vec::new();
    for ev in &info.enumerated_values {
        if ev.derived_from.is_some() {
            return Err(format!(
                "{what}: derivedFrom on enumeratedValues is not supported"
            ));
        }
        for v in &ev.values {
            let value = v.value.ok_or_else(|| {
                format!(
                    "{what}: enumerated value {} has no value (isDefault is not supported)",
                    v.name
                )
            })?;
            // A field may list read and write enums separately; keep one copy.
            if enums
                .iter()
                .any(|e: &EnumValue| e.name == v.name && e.value == value)
            {
                continue;
            }
            enums.push(EnumValue {
                name: v.name.clone(),
                description: text(&v.description),
                value,
            });
        }
    }
    Ok(Field {
        name,
        description: text(&info.description),
        lsb: info.bit_range.offset,
        width: info.bit_range.width,
        array,
        access: info.access.map(Access::from_svd).unwrap_or(reg_access),
        write_effect: match info.modified_write_values {
            Some(m) => WriteEffect::from_svd(m),
            None => reg_write,
        },
        read_effect: info.read_action.map(ReadEffect::from_svd),
        enums,
    })
}
