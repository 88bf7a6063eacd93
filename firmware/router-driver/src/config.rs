//! Typed values of the router's configuration fields.

use irq_router_layout as l;

/// The two interrupt stages of a CPU (Dovetail's oob and in-band stages).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Stage {
    Inband,
    Oob,
}

impl Stage {
    /// Encoding in SRC_CFG.STAGE and IPI_SEND.STAGE (the same values).
    pub(crate) fn bits(self) -> u32 {
        match self {
            Stage::Inband => l::GLOBAL_SRC_CFG_STAGE_INBAND,
            Stage::Oob => l::GLOBAL_SRC_CFG_STAGE_OOB,
        }
    }

    /// Base of this stage's window of per-CPU pages.
    pub(crate) fn window(self) -> u32 {
        match self {
            Stage::Inband => l::INBAND_BASE,
            Stage::Oob => l::OOB_BASE,
        }
    }
}

/// How a source's input becomes an event (spec §4).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Trigger {
    /// High level: one event per assertion, re-logged after COMPLETE while still high.
    Level,
    /// Rising edge: every edge is an event; edges while pending are counted as overruns.
    Edge,
}

/// Claim priority, 0 (lowest) to 3 (highest).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Priority(u8);

impl Priority {
    pub const LOWEST: Priority = Priority(0);
    pub const HIGHEST: Priority = Priority(3);

    /// `None` for values the 2-bit field cannot hold.
    pub const fn new(p: u8) -> Option<Priority> {
        if p <= 3 {
            Some(Priority(p))
        } else {
            None
        }
    }

    pub const fn get(self) -> u8 {
        self.0
    }
}

/// Routing of one external source (SRC_CFG).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SourceConfig {
    pub enabled: bool,
    pub stage: Stage,
    pub cpu: u8,
    pub trigger: Trigger,
    pub priority: Priority,
}

impl SourceConfig {
    /// The reset value: disabled, in-band, level, priority 0, CPU 0.
    pub const RESET: SourceConfig = SourceConfig {
        enabled: false,
        stage: Stage::Inband,
        cpu: 0,
        trigger: Trigger::Level,
        priority: Priority::LOWEST,
    };

    pub(crate) fn encode(&self) -> u32 {
        let trig = match self.trigger {
            Trigger::Level => l::GLOBAL_SRC_CFG_TRIG_LEVEL,
            Trigger::Edge => l::GLOBAL_SRC_CFG_TRIG_EDGE,
        };
        (self.enabled as u32) << l::GLOBAL_SRC_CFG_EN_LSB
            | self.stage.bits() << l::GLOBAL_SRC_CFG_STAGE_LSB
            | trig << l::GLOBAL_SRC_CFG_TRIG_LSB
            | (self.priority.0 as u32) << l::GLOBAL_SRC_CFG_PRIO_LSB
            | (self.cpu as u32) << l::GLOBAL_SRC_CFG_CPU_LSB
    }

    pub(crate) fn decode(v: u32) -> SourceConfig {
        let f = |lsb: u32, width: u32| (v >> lsb) & ((1 << width) - 1);
        SourceConfig {
            enabled: f(l::GLOBAL_SRC_CFG_EN_LSB, l::GLOBAL_SRC_CFG_EN_WIDTH) != 0,
            stage: if f(l::GLOBAL_SRC_CFG_STAGE_LSB, l::GLOBAL_SRC_CFG_STAGE_WIDTH)
                == l::GLOBAL_SRC_CFG_STAGE_OOB
            {
                Stage::Oob
            } else {
                Stage::Inband
            },
            trigger: if f(l::GLOBAL_SRC_CFG_TRIG_LSB, l::GLOBAL_SRC_CFG_TRIG_WIDTH)
                == l::GLOBAL_SRC_CFG_TRIG_EDGE
            {
                Trigger::Edge
            } else {
                Trigger::Level
            },
            priority: Priority(f(l::GLOBAL_SRC_CFG_PRIO_LSB, l::GLOBAL_SRC_CFG_PRIO_WIDTH) as u8),
            cpu: f(l::GLOBAL_SRC_CFG_CPU_LSB, l::GLOBAL_SRC_CFG_CPU_WIDTH) as u8,
        }
    }
}

/// Some fields of a source's routing, for a masked SRC_CFG write
/// ([`crate::Router::update_source`]): `None` leaves a field as it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct SourceUpdate {
    pub enabled: Option<bool>,
    pub stage: Option<Stage>,
    pub cpu: Option<u8>,
    pub trigger: Option<Trigger>,
    pub priority: Option<Priority>,
}

impl SourceUpdate {
    /// Changes nothing.
    pub const NONE: SourceUpdate =
        SourceUpdate { enabled: None, stage: None, cpu: None, trigger: None, priority: None };

    /// The SRC_CFG write (field values and their write-enables) and the
    /// configuration it leaves, given the entry's current one `old`.
    pub(crate) fn encode(&self, old: SourceConfig) -> (u32, SourceConfig) {
        let new = SourceConfig {
            enabled: self.enabled.unwrap_or(old.enabled),
            stage: self.stage.unwrap_or(old.stage),
            cpu: self.cpu.unwrap_or(old.cpu),
            trigger: self.trigger.unwrap_or(old.trigger),
            priority: self.priority.unwrap_or(old.priority),
        };
        let we = |set: bool, lsb: u32| if set { 1 << lsb } else { 0 };
        let mask = we(self.enabled.is_some(), l::GLOBAL_SRC_CFG_WE_EN_LSB)
            | we(self.stage.is_some(), l::GLOBAL_SRC_CFG_WE_STAGE_LSB)
            | we(self.trigger.is_some(), l::GLOBAL_SRC_CFG_WE_TRIG_LSB)
            | we(self.priority.is_some(), l::GLOBAL_SRC_CFG_WE_PRIO_LSB)
            | we(self.cpu.is_some(), l::GLOBAL_SRC_CFG_WE_CPU_LSB);
        // The values of the fields not enabled are don't-care; a mask of
        // zero would write every field, so an empty update writes EN = old.
        let mask = if mask == 0 { 1 << l::GLOBAL_SRC_CFG_WE_EN_LSB } else { mask };
        (new.encode() | mask, new)
    }
}

/// A set of CPUs (bit c = CPU c), as IPI_SEND.CPUMASK takes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct CpuMask(pub u8);

impl CpuMask {
    pub const fn one(cpu: u8) -> CpuMask {
        CpuMask(1 << cpu)
    }
}

/// The synthesis parameters of one router instance (GLOBAL.HWCFG).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct HwConfig {
    /// External sources (8..128).
    pub nsrc: u16,
    /// CPUs served (1..8).
    pub ncpu: u8,
    /// IPI vectors per stage (1..16).
    pub nipi: u8,
    /// Timestamp / latency width in bits (8..32).
    pub tsw: u8,
    /// Latency statistics kept (LAT_LAST, LAT_MAX, HIST; else they read 0).
    pub stats: bool,
    /// Width of the overrun counters: 8, or 1 (sticky bits).
    pub ovrw: u8,
}

impl HwConfig {
    /// Decodes HWCFG; `None` when a field is outside the range the RTL accepts
    /// (then what answered is not a router of this interface version).
    pub fn decode(v: u32) -> Option<HwConfig> {
        let f = |lsb: u32, width: u32| (v >> lsb) & ((1 << width) - 1);
        // An 8-bit NSRC field holds 128 as 0x80; 0 would mean 256, out of range.
        let hw = HwConfig {
            nsrc: f(l::GLOBAL_HWCFG_NSRC_LSB, l::GLOBAL_HWCFG_NSRC_WIDTH) as u16,
            ncpu: f(l::GLOBAL_HWCFG_NCPU_LSB, l::GLOBAL_HWCFG_NCPU_WIDTH) as u8,
            nipi: f(l::GLOBAL_HWCFG_NIPI_LSB, l::GLOBAL_HWCFG_NIPI_WIDTH) as u8,
            tsw: f(l::GLOBAL_HWCFG_TSW_LSB, l::GLOBAL_HWCFG_TSW_WIDTH) as u8,
            stats: f(l::GLOBAL_HWCFG_STATS_LSB, l::GLOBAL_HWCFG_STATS_WIDTH) != 0,
            ovrw: f(l::GLOBAL_HWCFG_OVRW_LSB, l::GLOBAL_HWCFG_OVRW_WIDTH) as u8,
        };
        let ok = (8..=128).contains(&hw.nsrc)
            && (1..=8).contains(&hw.ncpu)
            && (1..=16).contains(&hw.nipi)
            && (8..=32).contains(&hw.tsw)
            && (hw.ovrw == 1 || hw.ovrw == 8);
        ok.then_some(hw)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_config_round_trips() {
        for bits in 0..(1u32 << 11) {
            let c = SourceConfig::decode(bits);
            assert_eq!(SourceConfig::decode(c.encode()), c);
        }
        let c = SourceConfig {
            enabled: true,
            stage: Stage::Oob,
            cpu: 5,
            trigger: Trigger::Edge,
            priority: Priority::HIGHEST,
        };
        assert_eq!(SourceConfig::decode(c.encode()), c);
        assert_eq!(SourceConfig::RESET.encode(), 0);
    }

    #[test]
    fn hwcfg_rejects_impossible_instances() {
        assert_eq!(HwConfig::decode(0), None, "a bus reading zero is not a router");
        let v = 32 | 4 << 8 | 8 << 12 | 16 << 17 | 1 << 23 | 8 << 24;
        assert_eq!(
            HwConfig::decode(v),
            Some(HwConfig { nsrc: 32, ncpu: 4, nipi: 8, tsw: 16, stats: true, ovrw: 8 })
        );
        assert_eq!(HwConfig::decode(v & !0xff | 7), None);
        assert_eq!(HwConfig::decode(v | 9 << 8), None);
        assert_eq!(HwConfig::decode(v & !(0xF << 24) | 3 << 24), None, "OVRW is 1 or 8");
        let lean = 32 | 4 << 8 | 8 << 12 | 16 << 17 | 1 << 24;
        assert_eq!(HwConfig::decode(lean).map(|h| (h.stats, h.ovrw)), Some((false, 1)));
    }

    #[test]
    fn source_update_writes_only_its_fields() {
        let old = SourceConfig { enabled: true, cpu: 2, ..SourceConfig::RESET };
        let (w, new) = SourceUpdate { enabled: Some(false), ..SourceUpdate::NONE }.encode(old);
        assert_eq!(new, SourceConfig { enabled: false, ..old });
        assert_eq!(w >> 16, 1 << (l::GLOBAL_SRC_CFG_WE_EN_LSB - 16), "EN alone");
        let (w, new) = SourceUpdate { cpu: Some(3), trigger: Some(Trigger::Edge), ..SourceUpdate::NONE }
            .encode(old);
        assert_eq!(new.cpu, 3);
        assert_eq!(
            w & 0xFFFF_0000,
            1 << l::GLOBAL_SRC_CFG_WE_CPU_LSB | 1 << l::GLOBAL_SRC_CFG_WE_TRIG_LSB
        );
    }
}
