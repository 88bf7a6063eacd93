//! Boot/log test program: reports the entry and running levels, the MMU
//! state, the GIC's security view and the router probe through defmt (UART1)
//! and a text line (UART0), then exits with status 0.
#![no_std]
#![no_main]
use zynqmp_hal as hal;

hal::entry!(main);

fn main(info: hal::BootInfo) -> ! {
    hal::println!("boot: entered at EL{}, running at EL{} ({:?})", info.entry_el, info.run_el, info.security);
    defmt::info!(
        "boot: entered at EL{=u8}, running at EL{=u8}, {}",
        info.entry_el,
        info.run_el,
        info.security
    );
    defmt::info!("mmu: enabled={=bool}", hal::mmu::enabled());
    oob_core::init_primary(&info);
    defmt::info!("timer: {=u64} Hz, oob tick on {}", hal::timer::frequency(), info.tick_timer().kind);
    let found = oob_core::router::probe().is_ok();
    defmt::debug!("boot: router present={=bool}", found);
    defmt::info!("boot: done");
    hal::exit(0)
}
