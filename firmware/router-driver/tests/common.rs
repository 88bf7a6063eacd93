//! The driver's register access on the host: AXI transactions on the
//! Verilated router, run in lockstep with the reference model (any output
//! difference panics). A response other than OKAY panics too: the driver
//! promises never to make an access the router refuses.
#![allow(dead_code)]

use router_driver::RegAccess;
use router_model::RouterModel;
use router_sim::{AxiMaster, Config, Lockstep, PinsOut, ReadOpts, Resp, RouterRtl, WriteOpts};
use std::cell::RefCell;
use std::rc::Rc;

pub type Dut = AxiMaster<Lockstep<RouterRtl, RouterModel>>;

/// A cloneable handle on one simulated router; each [`router_driver::Page`]
/// gets a clone, as each CPU has its own path to the device. Its accesses
/// are Secure (the oob core) unless made with [`SimBus::non_secure`] (Linux).
#[derive(Clone)]
pub struct SimBus(pub Rc<RefCell<Dut>>, pub u8);

/// AxPROT of a Non-secure data access.
const NS: u8 = 0b010;

impl SimBus {
    pub fn new(cfg: Config) -> SimBus {
        let p = cfg.params();
        let rtl = RouterRtl::new(p).expect("configuration built into router-sim");
        let model = RouterModel::new(p).expect("model accepts the parameters");
        SimBus(Rc::new(RefCell::new(AxiMaster::new(Lockstep::new(rtl, model)))), 0)
    }

    /// The same router seen from the Non-secure world.
    pub fn non_secure(&self) -> SimBus {
        SimBus(self.0.clone(), NS)
    }

    pub fn set_src(&self, bits: u128) {
        self.0.borrow_mut().set_src(bits)
    }

    pub fn src(&self) -> u128 {
        self.0.borrow().src()
    }

    /// Sets one source input.
    pub fn drive(&self, src: u16, high: bool) {
        let v = self.src();
        let bit = 1u128 << src;
        self.set_src(if high { v | bit } else { v & !bit });
    }

    /// A rising edge on `src`: high for `width` edges, then low.
    pub fn pulse(&self, src: u16, width: u32) {
        self.drive(src, true);
        self.idle(width);
        self.drive(src, false);
    }

    pub fn idle(&self, n: u32) -> PinsOut {
        self.0.borrow_mut().idle(n)
    }

    pub fn outputs(&self) -> PinsOut {
        self.0.borrow().outputs()
    }

    pub fn edges(&self) -> u64 {
        self.0.borrow().edges()
    }
}

impl RegAccess for SimBus {
    fn read(&mut self, offset: u32) -> u32 {
        let opts = ReadOpts { prot: self.1, ..ReadOpts::default() };
        let (v, r) = self.0.borrow_mut().read_with(offset, &opts);
        assert_eq!(r, Resp::Okay, "driver read {offset:#x} answered {r:?}");
        v
    }

    fn write(&mut self, offset: u32, value: u32) {
        let opts = WriteOpts { prot: self.1, ..WriteOpts::default() };
        let r = self.0.borrow_mut().write_with(offset, value, &opts);
        assert_eq!(r, Resp::Okay, "driver write {value:#x} to {offset:#x} answered {r:?}");
    }
}

/// A bus that answers every read with a fixed function of the offset and
/// records writes: for probe failures, where no router must be touched.
pub struct FakeBus<F: FnMut(u32) -> u32> {
    pub read: F,
    pub writes: Vec<(u32, u32)>,
}

impl<F: FnMut(u32) -> u32> RegAccess for FakeBus<F> {
    fn read(&mut self, offset: u32) -> u32 {
        (self.read)(offset)
    }
    fn write(&mut self, offset: u32, value: u32) {
        self.writes.push((offset, value));
    }
}
