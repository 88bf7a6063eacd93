//! SMP bring-up and SGI IPIs: core 0 releases cores 1..3 from the spin
//! table, then plays ROUNDS rounds of ping-pong with each: an oob IPI
//! (group 0 SGI, Dovetail's RESCHEDULE_OOB slot) core 0 -> core c, answered
//! by an in-band IPI (group 1 SGI 0) core c -> core 0, whose handler checks
//! the sender's CPU ID from GICC_IAR. Counts are logged for the host test.
#![no_std]
#![no_main]
use core::sync::atomic::{AtomicBool, AtomicU32, Ordering::*};
use oob_core::irqs::{self, SGI_INBAND, SGI_OOB_RESCHEDULE};
use zynqmp_hal::{self as hal, boot::MAX_CORES, gic::{Gic, Group, IrqCtx}, timer};

hal::entry!(main);

const ROUNDS: u32 = 20;

static ONLINE: [AtomicBool; MAX_CORES] = [const { AtomicBool::new(false) }; MAX_CORES];
static ENTRY_IFACE: [AtomicU32; MAX_CORES] = [const { AtomicU32::new(99) }; MAX_CORES];
static PINGS: [AtomicU32; MAX_CORES] = [const { AtomicU32::new(0) }; MAX_CORES];
static PONGS: [AtomicU32; MAX_CORES] = [const { AtomicU32::new(0) }; MAX_CORES];
static WRONG_CORE: AtomicU32 = AtomicU32::new(0);

/// oob IPI on core c: count, answer core 0 with an in-band IPI.
fn on_ping(ctx: IrqCtx) {
    if ctx.source_cpu != 0 || ctx.core == 0 {
        WRONG_CORE.fetch_add(1, Relaxed);
    }
    PINGS[ctx.core].fetch_add(1, Relaxed);
    Gic::send_sgi(SGI_INBAND, 1 << 0, Group::InBand);
}

/// in-band IPI on core 0: count per sender.
fn on_pong(ctx: IrqCtx) {
    if ctx.core != 0 {
        WRONG_CORE.fetch_add(1, Relaxed);
    }
    PONGS[ctx.source_cpu as usize % MAX_CORES].fetch_add(1, Relaxed);
}

fn secondary(core: usize) -> ! {
    oob_core::init_secondary();
    irqs::setup_sgis();
    ENTRY_IFACE[core].store(Gic::cpu_interface_id(), Relaxed);
    ONLINE[core].store(true, Release);
    hal::enable_interrupts();
    loop {
        hal::wfi();
    }
}

fn wait_for(cond: impl Fn() -> bool) -> bool {
    let give_up = timer::now() + timer::frequency() / 2;
    while !cond() {
        if timer::now() > give_up {
            return false;
        }
        core::hint::spin_loop();
    }
    true
}

fn main(info: hal::BootInfo) -> ! {
    oob_core::init_primary(&info);
    irqs::setup_sgis();
    Gic::set_handler(SGI_OOB_RESCHEDULE, on_ping);
    Gic::set_handler(SGI_INBAND, on_pong);
    hal::enable_interrupts();
    for c in 1..MAX_CORES {
        hal::smp::start_core(c, secondary);
    }
    for c in 1..MAX_CORES {
        let up = wait_for(|| ONLINE[c].load(Acquire));
        defmt::info!("smp: core {=usize} online={=bool} gic cpu interface {=u32}", c, up, ENTRY_IFACE[c].load(Relaxed));
    }
    for round in 0..ROUNDS {
        for c in 1..MAX_CORES {
            if !ONLINE[c].load(Acquire) {
                continue;
            }
            Gic::send_sgi(SGI_OOB_RESCHEDULE, 1 << c, Group::Oob);
            if !wait_for(|| PONGS[c].load(Relaxed) > round) {
                defmt::error!("smp: core {=usize} did not answer round {=u32}", c, round);
            }
        }
    }
    for c in 1..MAX_CORES {
        defmt::info!(
            "smp: core {=usize} pings={=u32} pongs={=u32}",
            c,
            PINGS[c].load(Relaxed),
            PONGS[c].load(Relaxed)
        );
    }
    defmt::info!("smp: misdelivered={=u32} spurious={=u32}", WRONG_CORE.load(Relaxed), hal::gic::SPURIOUS_COUNT.load(Relaxed));
    hal::exit(0)
}
