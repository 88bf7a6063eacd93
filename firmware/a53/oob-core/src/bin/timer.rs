//! Periodic oob timer test: the tick timer is programmed for TICKS periods of
//! PERIOD_US through its FIQ; each expiry re-arms at the previous deadline +
//! period. The handler only records; the results are logged afterwards, then
//! the program checks that no expiry happens once the timer is stopped.
#![no_std]
#![no_main]
use core::sync::atomic::{AtomicU32, AtomicU64, Ordering::*};
use oob_core::irqs;
use zynqmp_hal::{self as hal, gic::IrqCtx, timer};

hal::entry!(main);

const TICKS: u32 = 50;
const PERIOD_US: u64 = 1000;

static FIRED: AtomicU32 = AtomicU32::new(0);
static PERIOD: AtomicU64 = AtomicU64::new(0);
static DEADLINE: [AtomicU64; TICKS as usize] = [const { AtomicU64::new(0) }; TICKS as usize];
static ENTRY: [AtomicU64; TICKS as usize] = [const { AtomicU64::new(0) }; TICKS as usize];

extern "C" fn on_tick(_: IrqCtx) {
    let now = timer::now();
    let t = timer::tick();
    let deadline = t.deadline();
    let n = FIRED.fetch_add(1, Relaxed);
    if n < TICKS {
        DEADLINE[n as usize].store(deadline, Relaxed);
        ENTRY[n as usize].store(now, Relaxed);
    }
    if n + 1 < TICKS {
        t.arm_at(deadline + PERIOD.load(Relaxed));
    } else {
        t.stop();
    }
}

fn main(info: hal::BootInfo) -> ! {
    oob_core::init_primary(&info);
    let t = info.tick_timer();
    let period = timer::frequency() * PERIOD_US / 1_000_000;
    PERIOD.store(period, Relaxed);
    irqs::setup_tick(t.kind.intid(), on_tick);
    defmt::info!("timer: {} (PPI {=u32}), {=u32} periods of {=u64} ticks", t.kind, t.kind.intid(), TICKS, period);
    hal::enable_interrupts();
    t.arm_at(timer::now() + period);
    // Bounded wait: twice the programmed time.
    let give_up = timer::now() + 2 * period * TICKS as u64;
    while timer::now() < give_up && !hal::wfi_unless(|| FIRED.load(Relaxed) >= TICKS) {}
    let fired = FIRED.load(Relaxed);
    for i in 0..fired.min(TICKS) as usize {
        let d = DEADLINE[i].load(Relaxed);
        let e = ENTRY[i].load(Relaxed);
        let prev = if i == 0 { d - period } else { DEADLINE[i - 1].load(Relaxed) };
        defmt::info!("tick {=usize} deadline+{=u64} late {=u64}", i + 1, d - prev, e.wrapping_sub(d));
    }
    // After the last period the timer is stopped: five more periods must
    // pass without an expiry.
    let quiet_until = timer::now() + 5 * period;
    while timer::now() < quiet_until {
        core::hint::spin_loop();
    }
    defmt::info!("timer: fired {=u32} times, {=u32} after stop", fired, FIRED.load(Relaxed) - fired);
    hal::exit(if FIRED.load(Relaxed) == TICKS { 0 } else { 1 })
}
