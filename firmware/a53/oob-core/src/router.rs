//! The router at its PL address. QEMU's xlnx-zcu102 has no PL: the window
//! at 0xA000_0000 reads as zero and ignores writes (TOOLCHAIN.md), so the
//! probe's three side-effect-free reads (ID, VERSION, HWCFG) return
//! "not a router" there, and the firmware runs without it. On silicon the
//! bitstream must be loaded before this runs: an unconfigured PL does not
//! answer and the read hangs or raises an SError.

use router_driver::{Mmio, ProbeError, Router};

pub const ROUTER_BASE: usize = 0xA000_0000;

/// Probes the router and logs the outcome.
pub fn probe() -> Result<Router<Mmio>, ProbeError> {
    // SAFETY: the 128 KiB router window is mapped as device memory (mmu.rs);
    // the probe reads only ID, VERSION and HWCFG.
    let r = Router::probe(unsafe { Mmio::new(ROUTER_BASE) });
    match &r {
        Ok(router) => defmt::info!("router: found at {=u64:#x}, {}", ROUTER_BASE as u64, defmt::Debug2Format(&router.hw())),
        Err(e) => defmt::warn!("router: none at {=u64:#x}: {}", ROUTER_BASE as u64, defmt::Display2Format(e)),
    }
    r
}
