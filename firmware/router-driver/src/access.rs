//! How the driver reaches the router's registers.

/// One 32-bit register access at a byte offset from the router's base.
///
/// Implementations must perform exactly one bus access per call, in program
/// order: CLAIM and STALL_TAS reads have side effects, so an access may never
/// be merged, repeated or speculated.
pub trait RegAccess {
    fn read(&mut self, offset: u32) -> u32;
    fn write(&mut self, offset: u32, value: u32);
}

/// Memory-mapped access for the A53 (and for Linux through /dev/mem or UIO).
///
/// The mapping must be Device-nGnRE (or stronger) so that reads with side
/// effects are never speculated and writes are not gathered.
#[derive(Clone, Copy, Debug)]
pub struct Mmio {
    base: usize,
}

impl Mmio {
    /// # Safety
    /// `base` must be the address of a router's register window (the full
    /// 2^REGMAP_ADDR_WIDTH bytes), mapped as device memory, for as long as
    /// this value or a copy of it is used.
    pub const unsafe fn new(base: usize) -> Mmio {
        Mmio { base }
    }

    /// The router at the register map's default address (the SVD's base).
    ///
    /// # Safety
    /// As [`Mmio::new`]: a router must answer at that address.
    pub unsafe fn at_svd_base() -> Mmio {
        Mmio::new(irq_router_pac::Global::PTR as usize)
    }

    pub fn base(&self) -> usize {
        self.base
    }
}

impl RegAccess for Mmio {
    #[inline]
    fn read(&mut self, offset: u32) -> u32 {
        // SAFETY: `new`'s contract; offsets come from the generated layout and
        // are checked against the instance's parameters by the callers.
        unsafe { core::ptr::read_volatile((self.base + offset as usize) as *const u32) }
    }

    #[inline]
    fn write(&mut self, offset: u32, value: u32) {
        // SAFETY: as for `read`.
        unsafe { core::ptr::write_volatile((self.base + offset as usize) as *mut u32, value) }
    }
}

/// Borrowed access: a driver object can work on a bus it does not own.
impl<T: RegAccess + ?Sized> RegAccess for &mut T {
    fn read(&mut self, offset: u32) -> u32 {
        (**self).read(offset)
    }
    fn write(&mut self, offset: u32, value: u32) {
        (**self).write(offset, value)
    }
}
