//! The GIC-400's Secure-only setup for two worlds (Arm IHI 0048B §4.3, §4.4;
//! addresses: UG1085, TOOLCHAIN.md). Only a Secure access can change an
//! interrupt's group, so the monitor does what TF-A's GICv2 driver does on a
//! board:
//!
//! * distributor (CPU 0, once): every SPI group 1 (Linux's, Non-secure), both
//!   groups enabled. The oob core later moves its own interrupts to group 0;
//!   Linux's Non-secure accesses to group-0 interrupts are RAZ/WI, so Linux's
//!   GIC driver cannot take them back.
//! * each CPU (banked SGI/PPI state): SGIs and PPIs group 1 (the oob core
//!   moves CPU 0's to group 0 itself); Secure GICC_PMR = 0xFF, because a
//!   Non-secure write of GICC_PMR is ignored while the Secure value sits in
//!   the lower half (IHI 0048B §4.4.2), which would leave Linux deaf;
//!   GICD_NSACR's field for [`map::DOORBELL_TO_OOB_SGI`] = 0b01, so Linux may
//!   raise that group-0 SGI at the oob core (the channel's doorbell).

use core::ptr::{read_volatile, write_volatile};
use partition_map as map;

const GICD: usize = 0xF901_0000;
const GICC: usize = 0xF902_0000;
const GICD_CTLR: usize = 0x000;
const GICD_TYPER: usize = 0x004;
const GICD_IGROUPR: usize = 0x080;
const GICD_NSACR: usize = 0xE00;
const GICC_PMR: usize = 0x004;

fn rd(a: usize) -> u32 {
    // SAFETY: GIC registers, Device memory in the EL3 map.
    unsafe { read_volatile(a as *const u32) }
}
fn wr(a: usize, v: u32) {
    // SAFETY: as above.
    unsafe { write_volatile(a as *mut u32, v) }
}

pub fn init_distributor() {
    let lines = 32 * ((rd(GICD + GICD_TYPER) & 0x1f) as usize + 1);
    for n in (32..lines).step_by(32) {
        wr(GICD + GICD_IGROUPR + n / 8, !0);
    }
    // Secure GICD_CTLR: EnableGrp0 | EnableGrp1.
    wr(GICD + GICD_CTLR, 0b11);
}

pub fn init_cpu(cpu: usize) {
    if cpu != map::OOB_CPU {
        wr(GICD + GICD_IGROUPR, !0);
    }
    let sgi = map::DOORBELL_TO_OOB_SGI as usize;
    let reg = GICD + GICD_NSACR + sgi / 16 * 4;
    let shift = (sgi % 16) * 2;
    wr(reg, (rd(reg) & !(0b11 << shift)) | (0b01 << shift));
    wr(GICC + GICC_PMR, 0xFF);
}
