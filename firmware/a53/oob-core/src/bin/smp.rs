//! SMP bring-up and SGI IPIs: core 0 releases cores 1..3 from the spin
//! table, then plays ROUNDS rounds of ping-pong with each: an oob IPI
//! (group 0 SGI, Dovetail's RESCHEDULE_OOB slot) core 0 -> core c, answered
//! by an in-band IPI (group 1 SGI 0) core c -> core 0, whose handler checks
//! the sender's CPU ID from GICC_IAR. Counts are logged for the host test.
#![no_std]
#![no_main]
use core::sync::atomic::{AtomicBool, AtomicU32, Ordering::*};
use oob_core::irqs::{self, SGI_INBAND, SGI_OOB_RESCHEDULE};
use zynqmp_hal::{self as hal, boot::MAX_CORES, gic::{Gic, Group, IrqCtx, Trigger}, timer};

hal::entry!(main);

const ROUNDS: u32 = 20;

static ONLINE: [AtomicBool; MAX_CORES] = [const { AtomicBool::new(false) }; MAX_CORES];
static ENTRY_IFACE: [AtomicU32; MAX_CORES] = [const { AtomicU32::new(99) }; MAX_CORES];
static PINGS: [AtomicU32; MAX_CORES] = [const { AtomicU32::new(0) }; MAX_CORES];
static PONGS: [AtomicU32; MAX_CORES] = [const { AtomicU32::new(0) }; MAX_CORES];
static WRONG_CORE: AtomicU32 = AtomicU32::new(0);
/// Per SPI test: bit 0 = taken by the target core, bit 1 = through the FIQ
/// vector, bit 2 = through the IRQ vector, bit 16 = taken by another core.
static SPI_SEEN: [AtomicU32; 2] = [const { AtomicU32::new(0) }; 2];
const SPI_CORE: usize = 2;

/// oob IPI on core c: count, answer core 0 with an in-band IPI.
extern "C" fn on_ping(ctx: IrqCtx) {
    if ctx.source_cpu() != 0 || ctx.core() == 0 {
        WRONG_CORE.fetch_add(1, Relaxed);
    }
    PINGS[ctx.core()].fetch_add(1, Relaxed);
    Gic::send_sgi(SGI_INBAND, 1 << 0, Group::InBand);
}

/// in-band IPI on core 0: count per sender.
extern "C" fn on_pong(ctx: IrqCtx) {
    if ctx.core() != 0 {
        WRONG_CORE.fetch_add(1, Relaxed);
    }
    PONGS[ctx.source_cpu() as usize % MAX_CORES].fetch_add(1, Relaxed);
}

/// The router's lines of CPU SPI_CORE, pended from software (QEMU has no
/// PL): the oob line must arrive as FIQ (group 0), the in-band one as IRQ
/// (group 1), both only on their target core.
extern "C" fn on_router_line(ctx: IrqCtx) {
    let i = if ctx.intid() == irqs::router_oob_spi(SPI_CORE as u32) { 0 } else { 1 };
    let g = if ctx.via_fiq() { 2 } else { 4 };
    let mine = if ctx.core() == SPI_CORE { 1 } else { 1 << 16 };
    SPI_SEEN[i].fetch_or(g | mine, Relaxed);
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
    // SPIs: group, priority, target, trigger, as the router's lines use them.
    let (oob, inband) = (irqs::router_oob_spi(SPI_CORE as u32), irqs::router_inband_spi(SPI_CORE as u32));
    Gic::configure(oob, Group::Oob, irqs::PRIO_OOB_ROUTER, Some((1 << SPI_CORE, Trigger::Edge)));
    Gic::configure(inband, Group::InBand, irqs::PRIO_INBAND, Some((1 << SPI_CORE, Trigger::Edge)));
    for id in [oob, inband] {
        Gic::set_handler(id, on_router_line);
        Gic::enable(id);
        Gic::set_pending(id);
    }
    wait_for(|| SPI_SEEN[0].load(Relaxed) & 1 != 0 && SPI_SEEN[1].load(Relaxed) & 1 != 0);
    for (name, id, seen) in [("oob", oob, &SPI_SEEN[0]), ("in-band", inband, &SPI_SEEN[1])] {
        let v = seen.load(Relaxed);
        defmt::info!(
            "smp: {=str} line SPI {=u32}: on core {=usize}={=bool}, via FIQ={=bool}, via IRQ={=bool}, elsewhere={=bool}",
            name,
            id,
            SPI_CORE,
            v & 1 != 0,
            v & 2 != 0,
            v & 4 != 0,
            v & (1 << 16) != 0
        );
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
