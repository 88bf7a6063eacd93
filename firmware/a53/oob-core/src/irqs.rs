//! The interrupt plan: which GIC interrupt carries what, in which group, at
//! which priority. oob (group 0, FIQ) priorities are all more urgent than
//! in-band (group 1, IRQ) ones; steps of 0x10 survive the 5 priority bits
//! of the ZynqMP GIC-400.

use rt_core::ipi::OobIpi;
use zynqmp_hal::gic::{Gic, Group};

/// SGIs, following Dovetail's arm64 layout (DOVETAIL-NOTES.md §3): in-band
/// IPIs multiplexed on SGI 0, oob IPIs on their own SGIs. With the router
/// present, oob IPIs go through its IPI_SEND instead; on QEMU (no PL) these
/// SGIs are the transport.
pub const SGI_INBAND: u32 = 0;
pub const SGI_OOB_TIMER: u32 = 1;
pub const SGI_OOB_RESCHEDULE: u32 = 2;
pub const SGI_OOB_CALL_FUNCTION: u32 = 3;
pub const SGI_OOB_CHANNEL: u32 = 4;

/// The SGI that carries an rt-core oob IPI when there is no router.
pub const fn sgi_for(ipi: OobIpi) -> u32 {
    match ipi {
        OobIpi::Reschedule => SGI_OOB_RESCHEDULE,
        OobIpi::Timer => SGI_OOB_TIMER,
        OobIpi::CallFunction => SGI_OOB_CALL_FUNCTION,
        OobIpi::Channel => SGI_OOB_CHANNEL,
    }
}

/// Sends an oob IPI to the cores in `cpus` (bit c = core c) as a group-0 SGI.
pub fn send_oob_ipi(ipi: OobIpi, cpus: u8) {
    Gic::send_sgi(sgi_for(ipi), cpus, Group::Oob);
}

/// Rings the in-band side's doorbell on `cpus` (group-1 SGI 0).
pub fn send_inband_ipi(cpus: u8) {
    Gic::send_sgi(SGI_INBAND, cpus, Group::InBand);
}

/// The router's lines, if the PL is wired as boards/ describes: per CPU c,
/// oob line on PL_PS_IRQ0[c] and in-band line on PL_PS_IRQ0[4 + c].
/// PL_PS_IRQ0[0..7] are GIC SPIs 121..128 (UG1085, "System Interrupts").
pub const fn router_oob_spi(cpu: u32) -> u32 {
    121 + cpu
}
pub const fn router_inband_spi(cpu: u32) -> u32 {
    125 + cpu
}

pub const PRIO_OOB_TIMER: u8 = 0x10;
pub const PRIO_OOB_ROUTER: u8 = 0x20;
pub const PRIO_OOB_IPI: u8 = 0x30;
pub const PRIO_INBAND: u8 = 0xA0;

/// Routes this core's oob tick (timer PPI `intid`) as a group-0 (FIQ)
/// interrupt at the oob timer's priority to `handler`, and enables it.
pub fn setup_tick(intid: u32, handler: zynqmp_hal::gic::Handler) {
    Gic::configure(intid, Group::Oob, PRIO_OOB_TIMER, None);
    Gic::set_handler(intid, handler);
    Gic::enable(intid);
}

/// Configures this core's SGIs (banked, so on every core): oob IPIs in
/// group 0, the in-band IPI in group 1, all enabled.
pub fn setup_sgis() {
    for sgi in [SGI_OOB_TIMER, SGI_OOB_RESCHEDULE, SGI_OOB_CALL_FUNCTION, SGI_OOB_CHANNEL] {
        Gic::configure(sgi, Group::Oob, PRIO_OOB_IPI, None);
        Gic::enable(sgi);
    }
    Gic::configure(SGI_INBAND, Group::InBand, PRIO_INBAND, None);
    Gic::enable(SGI_INBAND);
}
