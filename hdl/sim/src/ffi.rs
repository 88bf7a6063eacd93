//! The C ABI of csrc/wrapper.cpp. Layouts mirror `RsIn` / `RsOut` in
//! csrc/rs_sim.h; a test checks the sizes agree.

use router_model::Params;
use std::os::raw::{c_char, c_int};

/// Opaque `RsSimBase`.
#[repr(C)]
pub(crate) struct RawSim {
    _private: [u8; 0],
}

#[repr(C)]
#[derive(Clone, Copy, Default, Debug)]
pub(crate) struct RawIn {
    pub src: [u32; 4],
    pub awaddr: u32,
    pub wdata: u32,
    pub araddr: u32,
    pub rst_n: u8,
    pub awprot: u8,
    pub awvalid: u8,
    pub wstrb: u8,
    pub wvalid: u8,
    pub bready: u8,
    pub arprot: u8,
    pub arvalid: u8,
    pub rready: u8,
    pub pad: [u8; 3],
}

#[repr(C)]
#[derive(Clone, Copy, Default, Debug)]
pub(crate) struct RawOut {
    pub rdata: u32,
    pub irq_oob: u8,
    pub irq_inb: u8,
    pub awready: u8,
    pub wready: u8,
    pub bvalid: u8,
    pub bresp: u8,
    pub arready: u8,
    pub rvalid: u8,
    pub rresp: u8,
    pub pad: [u8; 3],
}

pub(crate) type Ctor = unsafe extern "C" fn(*const c_char, *mut c_char, usize) -> *mut RawSim;

/// One configuration compiled into the crate.
pub(crate) struct Built {
    pub params: Params,
    /// The fast build variant (no properties, word-level RTL forms).
    pub fast: bool,
    /// Built from ROUTER_SIM_REF_RTL (another RTL version, for benchmarks).
    pub reference: bool,
    pub new: Ctor,
}

extern "C" {
    pub(crate) fn rs_step(sim: *mut RawSim, inp: *const RawIn, out: *mut RawOut) -> c_int;
    pub(crate) fn rs_outputs(sim: *mut RawSim, out: *mut RawOut);
    pub(crate) fn rs_error(sim: *mut RawSim) -> *const c_char;
    pub(crate) fn rs_clear_error(sim: *mut RawSim);
    pub(crate) fn rs_set_tracing(sim: *mut RawSim, on: c_int);
    pub(crate) fn rs_skip_idle(sim: *mut RawSim, n: u64);
    pub(crate) fn rs_free(sim: *mut RawSim);
    #[cfg(test)]
    pub(crate) fn rs_in_size() -> usize;
    #[cfg(test)]
    pub(crate) fn rs_out_size() -> usize;
}

include!(concat!(env!("OUT_DIR"), "/configs.rs"));
