//! Phases for the router-bridge benchmark (tests/qemu-firmware/benches/
//! router_bridge.rs), each ended by a read of the bridge's source-device ID
//! (the marker the benchmark finds in the bridge's record):
//! 1. ACCESSES reads of the router's ID, back to back;
//! 2. IDLE_MS of virtual time in WFI, woken once by the oob tick.
#![no_std]
#![no_main]
use core::sync::atomic::{AtomicBool, Ordering::*};
use oob_core::irqs;
use router_driver::{layout, RegAccess};
use zynqmp_hal::{self as hal, gic::IrqCtx, timer};

hal::entry!(main);

const ACCESSES: u32 = 20_000;
const IDLE_MS: u64 = 20;
const SRCDEV_ID: usize = oob_core::router::ROUTER_BASE + 0x2_0000;

static WOKEN: AtomicBool = AtomicBool::new(false);

fn marker() -> u32 {
    // SAFETY: the PL window is device memory (mmu.rs); the bridge's source
    // device answers there.
    unsafe { core::ptr::read_volatile(SRCDEV_ID as *const u32) }
}

extern "C" fn on_tick(_: IrqCtx) {
    timer::tick().stop();
    WOKEN.store(true, Release);
}

fn main(info: hal::BootInfo) -> ! {
    oob_core::init_primary(&info);
    let Ok(mut router) = oob_core::router::probe() else { defmt::panic!("bench: no router") };
    marker();
    let mut x = 0;
    for _ in 0..ACCESSES {
        x ^= router.access().read(layout::GLOBAL_ID_OFFSET);
    }
    marker();
    let t = info.tick_timer();
    irqs::setup_tick(t.kind.intid(), on_tick);
    hal::enable_interrupts();
    t.arm_at(timer::now() + timer::frequency() * IDLE_MS / 1000);
    while !hal::wfi_unless(|| WOKEN.load(Acquire)) {}
    marker();
    defmt::info!("bench: {=u32} reads (xor {=u32:#x}), {=u64} ms idle", ACCESSES, x, IDLE_MS);
    hal::exit(0)
}
