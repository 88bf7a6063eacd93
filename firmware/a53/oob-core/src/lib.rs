//! Shared pieces of the oob-core image (src/main.rs) and its QEMU test
//! programs (src/bin): interrupt plan, per-core bring-up, router probe.
#![no_std]

pub mod irqs;
pub mod lateness;
pub mod linux_channel;
pub mod router;
pub mod rt;

use zynqmp_hal::gic::{Gic, SecurityView};
use zynqmp_hal::BootInfo;

/// Core 0 bring-up after the HAL's boot: GIC distributor and this core's CPU
/// interface. Refuses to run where group 0 (FIQ) is out of reach. Under an
/// EL3 monitor the distributor is the monitor's and Linux's (group 1): only
/// this core's banked state is set up, and each oob interrupt is moved to
/// group 0 as it is configured.
pub fn init_primary(info: &BootInfo) {
    if info.security == SecurityView::NonSecure {
        // Group 0 / FIQ are Secure-only with the Security Extensions: an oob
        // core cannot run in the Non-secure world of such a GIC.
        defmt::panic!("oob core entered Non-secure on a GIC with Security Extensions");
    }
    if !info.under_monitor {
        Gic::init_distributor();
    }
    Gic::init_cpu_interface();
    defmt::info!(
        "gic: {=usize} interrupt IDs, {}, cpu interface {=u32}",
        Gic::lines(),
        info.security,
        Gic::cpu_interface_id()
    );
}

/// Bring-up of a secondary core's banked GIC state.
pub fn init_secondary() {
    Gic::init_cpu_interface();
}
