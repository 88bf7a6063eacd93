//! The oob core of the main job on QEMU (`scripts/run-main.sh --qemu`):
//! a program beside the main `oob-core` image, which runs partitioned mode
//! too but neither routes sources nor acknowledges them at the bridge's
//! source device. Partitioned mode: CPU 0 at Secure EL1 under
//! `el3-monitor`, Linux on CPUs 1-3, the Verilated router on QEMU's bus,
//! its sources driven by the router bridge from a scenario.
//!
//! 1. Route the scenario's oob sources, as the bridge's source device
//!    describes them (PLAN_SRC, host-tools/router-bridge/src/sources.rs),
//!    to this core's oob stage with their trigger and priority, and LOCK.
//!    Partitioned mode has one oob core: a scenario's `cpu` of an oob
//!    source is not followed (the report says so).
//! 2. Open every CPU's oob stage: the router holds a CPU's in-band line
//!    while its oob stage is stalled (spec §5), and Linux's CPUs have no
//!    oob code of their own here.
//! 3. Serve CPU 0's oob line on FIQ with the driver's claim loop; a level
//!    source is acknowledged at the device before COMPLETE, as a handler
//!    clears its peripheral. Then sleep in WFI: Linux starts the load and
//!    ends the run; the host computes the latencies from the bridge's
//!    record of every CLAIM read.
#![no_std]
#![no_main]
use core::cell::RefCell;
use core::sync::atomic::{AtomicU32, Ordering::Relaxed};
use critical_section::Mutex;
use oob_core::irqs;
use router_driver::{Claim, Mmio, Page, Priority, SourceConfig, Stage, Trigger};
use zynqmp_hal::{self as hal, gic::{Gic, Group, IrqCtx, Trigger as GicTrigger}};

hal::entry!(main);

/// The bridge's source device and its PLAN_SRC fields (sources.rs).
const SRCDEV: usize = oob_core::router::ROUTER_BASE + 0x2_0000;
const SRCDEV_ACK: usize = 0x00C;
const SRCDEV_PLAN_SRC: usize = 0x200;
const PLAN_USED: u32 = 1 << 0;
const PLAN_OOB: u32 = 1 << 1;
const PLAN_LEVEL: u32 = 1 << 2;
const PLAN_PRIO_LSB: u32 = 4;
const NSRC: usize = 32;
const NCPU: u8 = 4;
const BUDGET: u32 = 32;

static OOB_PAGE: Mutex<RefCell<Option<Page<Mmio>>>> = Mutex::new(RefCell::new(None));
/// Bit i: source i is level-triggered (acknowledged at the device).
static LEVEL: AtomicU32 = AtomicU32::new(0);

fn srcdev(off: usize) -> *mut u32 {
    (SRCDEV + off) as *mut u32
}

/// CPU 0's oob line (FIQ): the driver's claim loop.
extern "C" fn on_oob_line(_ctx: IrqCtx) {
    let mut p = critical_section::with(|cs| OOB_PAGE.borrow_ref(cs).clone()).expect("oob page set before the line is enabled");
    let level = LEVEL.load(Relaxed);
    p.service(BUDGET, |c| {
        if let Claim::Source(s) = c {
            if level >> (s as u32 % 32) & 1 != 0 {
                // SAFETY: the PL window is device memory (mmu.rs); ACK is the
                // device's write-only register.
                unsafe { core::ptr::write_volatile(srcdev(SRCDEV_ACK), s as u32) };
            }
        }
    });
}

fn main(info: hal::BootInfo) -> ! {
    if !info.under_monitor {
        defmt::panic!("mainjob: must be entered at Secure EL1 by el3-monitor (entered at EL{=u8})", info.entry_el);
    }
    oob_core::init_primary(&info);
    // As the main image does beside Linux: Linux owns group 1, whatever it
    // targets at this CPU stays pending here.
    Gic::disable_inband_signalling();
    let mut router = match oob_core::router::probe() {
        Ok(r) => r,
        Err(_) => defmt::panic!("mainjob: no router on the bus (is QEMU run with router-socket?)"),
    };
    let (mut oob, mut level) = (0u32, 0u32);
    for id in 0..NSRC as u16 {
        // SAFETY: as in on_oob_line; PLAN_SRC is read-only.
        let plan = unsafe { core::ptr::read_volatile(srcdev(SRCDEV_PLAN_SRC + 4 * id as usize)) };
        if plan & (PLAN_USED | PLAN_OOB) != PLAN_USED | PLAN_OOB {
            continue;
        }
        let is_level = plan & PLAN_LEVEL != 0;
        let cfg = SourceConfig {
            enabled: true,
            stage: Stage::Oob,
            cpu: 0,
            trigger: if is_level { Trigger::Level } else { Trigger::Edge },
            priority: Priority::new((plan >> PLAN_PRIO_LSB & 3) as u8).expect("2-bit priority"),
        };
        router.configure_source(id, cfg).expect("route oob source");
        oob |= 1 << id;
        level |= (is_level as u32) << id;
    }
    LEVEL.store(level, Relaxed);
    router.lock().expect("lock");
    let page = router.page(0, Stage::Oob).expect("cpu 0");
    critical_section::with(|cs| OOB_PAGE.replace(cs, Some(page.clone())));

    let line = irqs::router_oob_spi(0);
    Gic::configure(line, Group::Oob, irqs::PRIO_OOB_ROUTER, Some((1 << 0, GicTrigger::Level)));
    Gic::set_handler(line, on_oob_line);
    Gic::enable(line);
    hal::enable_interrupts();
    for cpu in 0..NCPU {
        router.page(cpu, Stage::Oob).expect("cpu in range").unstall();
    }
    defmt::info!("mainjob: oob sources={=u32:#x} level={=u32:#x} locked={=bool}, serving", oob, level, router.is_locked());
    loop {
        // Idle: drains the defmt rings (frames leave them only here), then
        // sleeps until the next interrupt.
        hal::wfi_unless(|| false);
    }
}
