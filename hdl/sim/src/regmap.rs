//! Register addresses and field encodings for test benches, built from the
//! constants that regmap-gen writes from the SVD (`irq_router_layout`), so the
//! benches never carry a second copy of the map.

use irq_router_layout as g;

/// A register of a per-CPU page, or of the GLOBAL page, before a page is chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reg {
    Global(u32),
    Page(u32),
}

#[derive(Clone, Debug)]
pub struct RegMap {
    pub addr_width: u32,
    pub id_none: u32,
    pub id_ipi_base: u32,
    pub lock: u32,
    pub lock_key: u32,
    pub err: u32,
    pub ipi_prio_inb: u32,
    pub ipi_prio_oob: u32,
    pub ipi_prio_set: u32,
    pub ipi_oob_ns: u32,
    // Offsets inside a per-CPU page.
    pub claim: u32,
    pub complete: u32,
    pub stall: u32,
    pub stall_tas: u32,
    pub ipi_send: u32,
    pub ipi_overrun: u32,
    pub lat_max: u32,
    /// Every readable register (array entries included), for random reads.
    pub readable: Vec<Reg>,
}

fn array(base: u32, count: u32, stride: u32) -> impl Iterator<Item = u32> {
    (0..count).map(move |k| base + k * stride)
}

impl RegMap {
    pub fn get() -> Self {
        let mut readable: Vec<Reg> = [
            g::GLOBAL_ID_OFFSET,
            g::GLOBAL_VERSION_OFFSET,
            g::GLOBAL_HWCFG_OFFSET,
            g::GLOBAL_ERR_OFFSET,
            g::GLOBAL_STATUS_OFFSET,
            g::GLOBAL_CYCLE_LO_OFFSET,
            g::GLOBAL_CYCLE_HI_OFFSET,
            g::GLOBAL_IPI_PRIO_INB_OFFSET,
            g::GLOBAL_IPI_PRIO_OOB_OFFSET,
            g::GLOBAL_IPI_OOB_NS_OFFSET,
        ]
        .into_iter()
        .chain(array(g::GLOBAL_SRC_RAW_OFFSET, g::GLOBAL_SRC_RAW_COUNT, g::GLOBAL_SRC_RAW_STRIDE))
        .chain(array(g::GLOBAL_SRC_PEND_OFFSET, g::GLOBAL_SRC_PEND_COUNT, g::GLOBAL_SRC_PEND_STRIDE))
        .chain(array(g::GLOBAL_SRC_ACTIVE_OFFSET, g::GLOBAL_SRC_ACTIVE_COUNT, g::GLOBAL_SRC_ACTIVE_STRIDE))
        .chain(array(g::GLOBAL_SRC_CFG_OFFSET, g::GLOBAL_SRC_CFG_COUNT, g::GLOBAL_SRC_CFG_STRIDE).step_by(3))
        .chain(array(g::GLOBAL_OVERRUN_OFFSET, g::GLOBAL_OVERRUN_COUNT, g::GLOBAL_OVERRUN_STRIDE))
        .map(Reg::Global)
        .collect();
        readable.extend(
            [
                g::PAGE_STALL_OFFSET,
                g::PAGE_STATUS_OFFSET,
                g::PAGE_IPI_PEND_OFFSET,
                g::PAGE_IPI_OVERRUN_OFFSET,
                g::PAGE_LAT_LAST_OFFSET,
                g::PAGE_LAT_MAX_OFFSET,
            ]
            .into_iter()
            .chain(array(g::PAGE_PEND_OFFSET, g::PAGE_PEND_COUNT, g::PAGE_PEND_STRIDE))
            .chain(array(g::PAGE_HIST_OFFSET, g::PAGE_HIST_COUNT, g::PAGE_HIST_STRIDE))
            .map(Reg::Page),
        );
        RegMap {
            addr_width: g::REGMAP_ADDR_WIDTH,
            id_none: g::PAGE_CLAIM_ID_NONE,
            id_ipi_base: g::PAGE_CLAIM_ID_IPI_BASE,
            lock: g::GLOBAL_BASE + g::GLOBAL_LOCK_OFFSET,
            lock_key: g::GLOBAL_LOCK_KEY_KEY,
            err: g::GLOBAL_BASE + g::GLOBAL_ERR_OFFSET,
            ipi_prio_inb: g::GLOBAL_BASE + g::GLOBAL_IPI_PRIO_INB_OFFSET,
            ipi_prio_oob: g::GLOBAL_BASE + g::GLOBAL_IPI_PRIO_OOB_OFFSET,
            ipi_prio_set: g::GLOBAL_BASE + g::GLOBAL_IPI_PRIO_SET_OFFSET,
            ipi_oob_ns: g::GLOBAL_BASE + g::GLOBAL_IPI_OOB_NS_OFFSET,
            claim: g::PAGE_CLAIM_OFFSET,
            complete: g::PAGE_COMPLETE_OFFSET,
            stall: g::PAGE_STALL_OFFSET,
            stall_tas: g::PAGE_STALL_TAS_OFFSET,
            ipi_send: g::PAGE_IPI_SEND_OFFSET,
            ipi_overrun: g::PAGE_IPI_OVERRUN_OFFSET,
            lat_max: g::PAGE_LAT_MAX_OFFSET,
            readable,
        }
    }

    /// Address of `off` in the page of (cpu, stage), stage 1 = oob.
    pub fn page(&self, cpu: u32, stage: u32, off: u32) -> u32 {
        let base = if stage == 1 { g::OOB_BASE } else { g::INBAND_BASE };
        base + cpu * g::PAGE_STRIDE + off
    }

    pub fn global(&self, off: u32) -> u32 {
        g::GLOBAL_BASE + off
    }

    pub fn resolve(&self, r: Reg, cpu: u32, stage: u32) -> u32 {
        match r {
            Reg::Global(off) => self.global(off),
            Reg::Page(off) => self.page(cpu, stage, off),
        }
    }

    pub fn src_cfg(&self, i: u32) -> u32 {
        self.global(g::GLOBAL_SRC_CFG_OFFSET + i * g::GLOBAL_SRC_CFG_STRIDE)
    }

    pub fn overrun(&self, k: u32) -> u32 {
        self.global(g::GLOBAL_OVERRUN_OFFSET + k * g::GLOBAL_OVERRUN_STRIDE)
    }

    pub fn overrun_clr(&self, k: u32) -> u32 {
        self.global(g::GLOBAL_OVERRUN_CLR_OFFSET + k * g::GLOBAL_OVERRUN_CLR_STRIDE)
    }

    pub fn pend(&self, cpu: u32, stage: u32, k: u32) -> u32 {
        self.page(cpu, stage, g::PAGE_PEND_OFFSET + k * g::PAGE_PEND_STRIDE)
    }

    pub fn hist(&self, cpu: u32, stage: u32, k: u32) -> u32 {
        self.page(cpu, stage, g::PAGE_HIST_OFFSET + k * g::PAGE_HIST_STRIDE)
    }

    /// SRC_CFG value: enable, stage (1 = oob), trigger (1 = edge), priority, CPU.
    pub fn cfg_value(&self, en: bool, stage: u32, trig: u32, prio: u32, cpu: u32) -> u32 {
        (u32::from(en) << g::GLOBAL_SRC_CFG_EN_LSB)
            | (stage << g::GLOBAL_SRC_CFG_STAGE_LSB)
            | (trig << g::GLOBAL_SRC_CFG_TRIG_LSB)
            | (prio << g::GLOBAL_SRC_CFG_PRIO_LSB)
            | (cpu << g::GLOBAL_SRC_CFG_CPU_LSB)
    }

    /// SRC_CFG field write-enable bits: `fields` is a mask over
    /// (EN, STAGE, TRIG, PRIO, CPU) as bits 0..5.
    pub fn cfg_we(&self, fields: u32) -> u32 {
        [
            g::GLOBAL_SRC_CFG_WE_EN_LSB,
            g::GLOBAL_SRC_CFG_WE_STAGE_LSB,
            g::GLOBAL_SRC_CFG_WE_TRIG_LSB,
            g::GLOBAL_SRC_CFG_WE_PRIO_LSB,
            g::GLOBAL_SRC_CFG_WE_CPU_LSB,
        ]
        .iter()
        .enumerate()
        .filter(|(k, _)| fields >> k & 1 != 0)
        .map(|(_, lsb)| 1 << lsb)
        .sum()
    }

    /// IPI_PRIO_SET value.
    pub fn ipi_prio_set_value(&self, prio: u32, vector: u32, stage: u32) -> u32 {
        (prio << g::GLOBAL_IPI_PRIO_SET_PRIO_LSB)
            | (vector << g::GLOBAL_IPI_PRIO_SET_VECTOR_LSB)
            | (stage << g::GLOBAL_IPI_PRIO_SET_STAGE_LSB)
    }

    pub fn ipi_send_value(&self, cpumask: u32, vector: u32, stage: u32) -> u32 {
        (cpumask << g::PAGE_IPI_SEND_CPUMASK_LSB)
            | (vector << g::PAGE_IPI_SEND_VECTOR_LSB)
            | (stage << g::PAGE_IPI_SEND_STAGE_LSB)
    }
}
