//! GIC-400 (GICv2) driver: distributor and CPU interface.
//!
//! Register offsets and bit positions: Arm GICv2 Architecture Specification
//! (IHI 0048B) §4.3/§4.4, GIC-400 TRM (DDI 0471B). Addresses on ZynqMP
//! (UG1085, and measured on QEMU, TOOLCHAIN.md): GICD 0xF901_0000,
//! GICC 0xF902_0000.
//!
//! Policy: the router's oob line (and every oob source: timer tick, oob IPIs)
//! is **group 0**, signalled as FIQ; in-band sources are **group 1**,
//! signalled as IRQ. With the Security Extensions (always present on
//! silicon; `secure=on` in QEMU) group 0 and GICC_CTLR.FIQEn are Secure-only,
//! which is why the oob core runs in Secure EL1 (see boot.rs).
//!
//! Priority and target fields are written with byte accesses (GICv2 makes
//! IPRIORITYR/ITARGETSR byte-accessible), so setting one interrupt never
//! touches its neighbours. Priorities are used in steps of 8: the ZynqMP
//! GIC-400 implements 5 priority bits (QEMU 8), so only the top 5 bits count.

use core::ptr::{read_volatile, write_volatile};
use core::sync::atomic::{compiler_fence, AtomicPtr, AtomicU32, AtomicU8, Ordering};

pub const GICD_BASE: usize = 0xF901_0000;
pub const GICC_BASE: usize = 0xF902_0000;

const GICD_CTLR: usize = 0x000;
const GICD_TYPER: usize = 0x004;
const GICD_IGROUPR: usize = 0x080;
const GICD_ISENABLER: usize = 0x100;
const GICD_ICENABLER: usize = 0x180;
const GICD_ISPENDR: usize = 0x200;
const GICD_ICPENDR: usize = 0x280;
const GICD_ICACTIVER: usize = 0x380;
const GICD_IPRIORITYR: usize = 0x400;
const GICD_ITARGETSR: usize = 0x800;
const GICD_ICFGR: usize = 0xC00;
const GICD_SGIR: usize = 0xF00;

const GICC_CTLR: usize = 0x00;
const GICC_PMR: usize = 0x04;
const GICC_BPR: usize = 0x08;
pub(crate) const GICC_IAR: usize = 0x0C;
pub(crate) const GICC_EOIR: usize = 0x10;
// The vectors load GICC_BASE with one `mov` (MOVZ, 16 bits shifted by 16).
const _: () = assert!(GICC_BASE & 0xFFFF == 0 && GICC_BASE >> 32 == 0);

/// GICC_CTLR (Secure copy): EnableGrp0 | EnableGrp1 | AckCtl | FIQEn.
/// AckCtl lets a Secure read of GICC_IAR acknowledge group 1 too (without
/// it a pending group-1 interrupt reads as 1022).
const GICC_CTLR_VALUE: u32 = 0b1111;

/// GICD_TYPER.SecurityExtn (bit 10).
const TYPER_SECURITY_EXTN: u32 = 1 << 10;

/// Interrupt IDs 1020..1023 are special (IHI 0048B §3.2.5): 1022 = a group-1
/// interrupt is pending but this read may not acknowledge it, 1023 = none.
pub const SPURIOUS_GROUP1: u32 = 1022;
pub const SPURIOUS: u32 = 1023;

/// ZynqMP implements 192 interrupt IDs (GICD_TYPER.ITLinesNumber = 5).
pub const MAX_IRQS: usize = 192;

/// Interrupt group, which decides FIQ or IRQ delivery.
#[derive(Clone, Copy, PartialEq, Eq, Debug, defmt::Format)]
pub enum Group {
    /// Group 0: FIQ, Secure, the oob stage.
    Oob,
    /// Group 1: IRQ, Non-secure, the in-band stage.
    InBand,
}

/// Trigger of an SPI (SGIs are always edge, PPIs fixed by the design).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Trigger {
    Level,
    Edge,
}

/// Which security state this core's GIC accesses are made in.
#[derive(Clone, Copy, PartialEq, Eq, Debug, defmt::Format)]
pub enum SecurityView {
    /// The GIC has no Security Extensions (QEMU without `secure=on`):
    /// groups and FIQ work from any state.
    NoExtensions,
    /// Security Extensions present and we are Secure: the silicon setup.
    Secure,
    /// Security Extensions present and we are Non-secure: group 0 and FIQ
    /// are out of reach, so an oob core cannot run here.
    NonSecure,
}

/// What an interrupt handler is told: the GICC_IAR value the vector read
/// (one register, so the vector passes it as is), plus bit 31 when the
/// interrupt came through the IRQ vector. Everything else is derived on
/// demand, off the path of handlers that do not ask.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(transparent)]
pub struct IrqCtx(u32);

/// [`IrqCtx`] bit: taken through the IRQ vector (else the FIQ vector).
pub const VIA_IRQ: u32 = 1 << 31;

impl IrqCtx {
    /// A context as the vectors build it (for tests and direct calls).
    pub const fn new(iar: u32, via_irq: bool) -> IrqCtx {
        IrqCtx(iar | if via_irq { VIA_IRQ } else { 0 })
    }
    pub const fn intid(self) -> u32 {
        self.0 & 0x3ff
    }
    /// For SGIs, the CPU interface number that sent it.
    pub const fn source_cpu(self) -> u32 {
        (self.0 >> 10) & 7
    }
    /// The raw GICC_IAR value (what GICC_EOIR takes).
    pub const fn iar(self) -> u32 {
        self.0 & !VIA_IRQ
    }
    /// Taken through the FIQ vector (else the IRQ vector).
    pub const fn via_fiq(self) -> bool {
        self.0 & VIA_IRQ == 0
    }
    /// The core taking the interrupt.
    pub fn core(self) -> usize {
        crate::core_id()
    }
    pub fn group(self) -> Group {
        if Gic::is_group0(self.intid()) {
            Group::Oob
        } else {
            Group::InBand
        }
    }
}

impl defmt::Format for IrqCtx {
    fn format(&self, f: defmt::Formatter) {
        defmt::write!(f, "irq {=u32} from cpu {=u32} via {=str}", self.intid(), self.source_cpu(), if self.via_fiq() { "FIQ" } else { "IRQ" })
    }
}

/// An interrupt handler. `extern "C"` because the vectors call it from
/// assembly with the [`IrqCtx`] in w0.
pub type Handler = extern "C" fn(IrqCtx);

/// The handler of every ID; the vectors index it directly (no null check:
/// unregistered entries hold [`unhandled`]).
pub(crate) static HANDLERS: [AtomicPtr<()>; MAX_IRQS] =
    [const { AtomicPtr::new(unhandled as Handler as *mut ()) }; MAX_IRQS];
/// Bit i set: interrupt i is group 0 (mirrors GICD_IGROUPR as configured);
/// the IRQ vector reads it to keep a group-0 interrupt it acknowledged masked.
pub(crate) static GROUP0: [AtomicU32; MAX_IRQS / 32] = [const { AtomicU32::new(0) }; MAX_IRQS / 32];
/// Spurious acknowledges seen (1022 and 1023), for tests and statistics.
pub static SPURIOUS_COUNT: AtomicU32 = AtomicU32::new(0);
/// Acknowledged IDs with no handler registered (they are EOId and counted).
pub static UNHANDLED_COUNT: AtomicU32 = AtomicU32::new(0);

extern "C" fn unhandled(_: IrqCtx) {
    UNHANDLED_COUNT.fetch_add(1, Ordering::Relaxed);
}

/// The vectors' path for an acknowledge outside the handler table: the
/// special IDs 1020..1023 (nothing was acknowledged, so no EOI is owed,
/// IHI 0048B §3.2.5) are counted as spurious; any other ID (none exists on
/// this GIC) is ended and counted as unhandled.
pub(crate) extern "C" fn acknowledged_outside_table(iar: u32) {
    if iar & 0x3ff >= 1020 {
        SPURIOUS_COUNT.fetch_add(1, Ordering::Relaxed);
    } else {
        UNHANDLED_COUNT.fetch_add(1, Ordering::Relaxed);
        Gic::end_of_interrupt(iar);
    }
}

/// This core's GICC_PMR as last written (the register is banked per CPU
/// interface); kept in memory so a ceiling needs no device read.
static PMR: [AtomicU8; crate::boot::MAX_CORES] = [const { AtomicU8::new(0xFF) }; crate::boot::MAX_CORES];

/// A priority ceiling on this core (RTIC's Stack Resource Policy on the
/// GIC): while it lives, GICC_PMR holds off every interrupt of priority
/// `ceiling` or less urgent, and more urgent ones still preempt. Use it for
/// state shared with an interrupt handler of priority `ceiling`; masking FIQ
/// would hold off every oob interrupt instead.
///
/// Ordering: an interrupt taken after the PMR write is acknowledged by a
/// GICC_IAR read, a Device access to the same CPU interface, so it is
/// ordered after the write and sees the new mask: an interrupt held off by
/// the ceiling reads as spurious (1023) and runs no handler, even if the
/// signal to the core dropped late. The guarded accesses need only a
/// compiler fence, which `raise` and `drop` place.
pub struct Ceiling {
    prev: u8,
    core: usize,
    /// Not Send: the mask is this core's.
    _local: core::marker::PhantomData<*const ()>,
}

impl Ceiling {
    /// Raises this core's mask to `ceiling` (lower values are more urgent;
    /// a ceiling already as high or higher is kept).
    #[inline]
    pub fn raise(ceiling: u8) -> Ceiling {
        let core = crate::core_id();
        let prev = PMR[core].load(Ordering::Relaxed);
        if ceiling < prev {
            PMR[core].store(ceiling, Ordering::Relaxed);
            wr(GICC_BASE, GICC_PMR, ceiling as u32);
        }
        compiler_fence(Ordering::SeqCst);
        Ceiling { prev, core, _local: core::marker::PhantomData }
    }
}

impl Drop for Ceiling {
    #[inline]
    fn drop(&mut self) {
        compiler_fence(Ordering::SeqCst);
        if PMR[self.core].load(Ordering::Relaxed) != self.prev {
            PMR[self.core].store(self.prev, Ordering::Relaxed);
            wr(GICC_BASE, GICC_PMR, self.prev as u32);
        }
    }
}

#[inline(always)]
fn rd(base: usize, off: usize) -> u32 {
    // SAFETY: GIC registers are mapped as device memory; reads of these
    // offsets have no side effect except GICC_IAR, used on purpose.
    unsafe { read_volatile((base + off) as *const u32) }
}
#[inline(always)]
fn wr(base: usize, off: usize, v: u32) {
    // SAFETY: as above, device memory owned by this driver.
    unsafe { write_volatile((base + off) as *mut u32, v) }
}
#[inline(always)]
fn wr8(base: usize, off: usize, v: u8) {
    // SAFETY: IPRIORITYR/ITARGETSR are byte-accessible (IHI 0048B §4.3.11/12).
    unsafe { write_volatile((base + off) as *mut u8, v) }
}
#[inline(always)]
fn rd8(base: usize, off: usize) -> u8 {
    // SAFETY: as for wr8.
    unsafe { read_volatile((base + off) as *const u8) }
}

/// The GIC-400 of the APU.
pub struct Gic;

impl Gic {
    /// Number of interrupt IDs the distributor implements.
    pub fn lines() -> usize {
        32 * ((rd(GICD_BASE, GICD_TYPER) & 0x1f) as usize + 1)
    }

    /// Finds out whether our accesses are Secure: with the Security
    /// Extensions, GICD_IGROUPRn is RAZ/WI to Non-secure accesses, so a bit
    /// we set sticks only for a Secure access (IHI 0048B §4.3.4). SGI 15's
    /// banked bit is used and restored.
    pub fn security_view() -> SecurityView {
        if rd(GICD_BASE, GICD_TYPER) & TYPER_SECURITY_EXTN == 0 {
            return SecurityView::NoExtensions;
        }
        let old = rd(GICD_BASE, GICD_IGROUPR);
        wr(GICD_BASE, GICD_IGROUPR, old | (1 << 15));
        let stuck = rd(GICD_BASE, GICD_IGROUPR) & (1 << 15) != 0;
        wr(GICD_BASE, GICD_IGROUPR, old);
        if stuck {
            SecurityView::Secure
        } else {
            SecurityView::NonSecure
        }
    }

    /// Distributor setup, once, on core 0: everything disabled, inactive,
    /// not pending, group 1 (in-band) at the lowest priority, targeted at
    /// core 0, then both groups enabled.
    pub fn init_distributor() {
        wr(GICD_BASE, GICD_CTLR, 0);
        let lines = Self::lines().min(MAX_IRQS);
        for n in (32..lines).step_by(32) {
            let i = n / 32 * 4;
            wr(GICD_BASE, GICD_ICENABLER + i, !0);
            wr(GICD_BASE, GICD_ICPENDR + i, !0);
            wr(GICD_BASE, GICD_ICACTIVER + i, !0);
            wr(GICD_BASE, GICD_IGROUPR + i, !0);
            GROUP0[n / 32].store(0, Ordering::Relaxed);
        }
        for id in 32..lines {
            wr8(GICD_BASE, GICD_IPRIORITYR + id, 0xF0);
            wr8(GICD_BASE, GICD_ITARGETSR + id, 0x01);
        }
        // EnableGrp0 | EnableGrp1 (Secure copy of GICD_CTLR).
        wr(GICD_BASE, GICD_CTLR, 0b11);
    }

    /// Per-core setup of the banked SGI/PPI registers and the CPU interface.
    /// SGIs/PPIs start disabled, group 1, lowest priority.
    pub fn init_cpu_interface() {
        wr(GICD_BASE, GICD_ICENABLER, !0);
        wr(GICD_BASE, GICD_ICPENDR, !0);
        wr(GICD_BASE, GICD_ICACTIVER, !0);
        wr(GICD_BASE, GICD_IGROUPR, !0);
        for id in 0..32 {
            wr8(GICD_BASE, GICD_IPRIORITYR + id, 0xF0);
        }
        wr(GICC_BASE, GICC_PMR, 0xFF); // let every priority through
        PMR[crate::core_id()].store(0xFF, Ordering::Relaxed);
        wr(GICC_BASE, GICC_BPR, 0); // finest grouping: all preemption by priority
        wr(GICC_BASE, GICC_CTLR, GICC_CTLR_VALUE);
    }

    /// Stops this core's CPU interface from signalling group-1 (in-band)
    /// interrupts, for a core that runs only oob code beside an OS that
    /// owns group 1 (partitioned mode): whatever that OS targets at this
    /// core stays pending and never interrupts it. Secure access only.
    pub fn disable_inband_signalling() {
        wr(GICC_BASE, GICC_CTLR, GICC_CTLR_VALUE & !0b10);
    }

    /// This core's CPU interface number: GICD_ITARGETSR0..7 read back the
    /// reading core's own bit (IHI 0048B §4.3.12).
    pub fn cpu_interface_id() -> u32 {
        (rd8(GICD_BASE, GICD_ITARGETSR) as u32).trailing_zeros()
    }

    /// Configures interrupt `id`: group, priority (multiple of 8; lower is
    /// more urgent; oob should stay below in-band), and, for SPIs, the target
    /// CPU mask and trigger. SGI/PPI settings are banked: call on each core.
    pub fn configure(id: u32, group: Group, priority: u8, spi: Option<(u8, Trigger)>) {
        let id = id as usize;
        assert!(id < MAX_IRQS, "interrupt ID out of range");
        let bank = GICD_IGROUPR + id / 32 * 4;
        let bit = 1u32 << (id % 32);
        let g = rd(GICD_BASE, bank);
        match group {
            Group::Oob => {
                wr(GICD_BASE, bank, g & !bit);
                GROUP0[id / 32].fetch_or(bit, Ordering::Relaxed);
            }
            Group::InBand => {
                wr(GICD_BASE, bank, g | bit);
                GROUP0[id / 32].fetch_and(!bit, Ordering::Relaxed);
            }
        }
        wr8(GICD_BASE, GICD_IPRIORITYR + id, priority & 0xF8);
        if let Some((targets, trigger)) = spi {
            assert!(id >= 32, "targets and trigger apply to SPIs only");
            wr8(GICD_BASE, GICD_ITARGETSR + id, targets);
            let reg = GICD_ICFGR + id / 16 * 4;
            let shift = (id % 16) * 2 + 1;
            let v = rd(GICD_BASE, reg) & !(1 << shift);
            let edge = matches!(trigger, Trigger::Edge) as u32;
            wr(GICD_BASE, reg, v | (edge << shift));
        }
    }

    pub fn enable(id: u32) {
        wr(GICD_BASE, GICD_ISENABLER + (id as usize / 32) * 4, 1 << (id % 32));
    }

    /// Sets interrupt `id` pending from software (GICD_ISPENDR), as a
    /// device line would; QEMU tests use it to stand in for the PL.
    pub fn set_pending(id: u32) {
        wr(GICD_BASE, GICD_ISPENDR + (id as usize / 32) * 4, 1 << (id % 32));
    }

    pub fn disable(id: u32) {
        wr(GICD_BASE, GICD_ICENABLER + (id as usize / 32) * 4, 1 << (id % 32));
    }

    /// Registers the handler of `id` (shared by all cores; SGIs and PPIs
    /// are per core, so a handler that cares asks [`IrqCtx::core`]).
    pub fn set_handler(id: u32, h: Handler) {
        HANDLERS[id as usize].store(h as *mut (), Ordering::Release);
    }

    /// Sends SGI `sgi` (0..15) to the CPU interfaces in `targets`. A Secure
    /// write of GICD_SGIR forwards the SGI only if its group at the target
    /// matches NSATT (IHI 0048B §4.3.15), so the group is named explicitly.
    pub fn send_sgi(sgi: u32, targets: u8, group: Group) {
        assert!(sgi < 16);
        let nsatt = matches!(group, Group::InBand) as u32;
        // Order earlier normal-memory writes (messages) before the SGI.
        aarch64_cpu::asm::barrier::dsb(aarch64_cpu::asm::barrier::ISHST);
        wr(GICD_BASE, GICD_SGIR, ((targets as u32) << 16) | (nsatt << 15) | sgi);
    }

    /// Sends SGI `sgi` to the calling core only (TargetListFilter = 0b10).
    pub fn send_sgi_self(sgi: u32, group: Group) {
        let nsatt = matches!(group, Group::InBand) as u32;
        aarch64_cpu::asm::barrier::dsb(aarch64_cpu::asm::barrier::ISHST);
        wr(GICD_BASE, GICD_SGIR, (0b10 << 24) | (nsatt << 15) | sgi);
    }

    /// Raw address of GICD_SGIR, for the benchmark's hand-written trigger.
    pub const SGIR_ADDR: usize = GICD_BASE + GICD_SGIR;

    /// Acknowledges the highest-priority pending interrupt (GICC_IAR):
    /// `None` for the special IDs 1020..1023 (nothing to acknowledge, no EOI
    /// owed; counted in [`SPURIOUS_COUNT`]), else the raw IAR value to pass
    /// to [`Gic::end_of_interrupt`].
    #[inline(always)]
    pub fn acknowledge() -> Option<u32> {
        let iar = rd(GICC_BASE, GICC_IAR);
        if iar & 0x3ff >= 1020 {
            SPURIOUS_COUNT.fetch_add(1, Ordering::Relaxed);
            None
        } else {
            Some(iar)
        }
    }

    /// Priority drop and deactivation (GICC_EOIR, EOImode 0) of an
    /// acknowledged interrupt.
    #[inline(always)]
    pub fn end_of_interrupt(iar: u32) {
        wr(GICC_BASE, GICC_EOIR, iar);
    }

    pub fn is_group0(id: u32) -> bool {
        (id as usize) < MAX_IRQS && GROUP0[id as usize / 32].load(Ordering::Relaxed) & (1 << (id % 32)) != 0
    }
}
