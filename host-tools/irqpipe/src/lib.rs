//! irqpipe: the project's command-line tool as a library, so other crates
//! (the firmware's QEMU tests, the co-simulation) call the same code.
//!
//! - [`bitfile`]: .bit header parsing and the ZynqMP `.bin` conversion;
//!   [`bitinfo`]: `bit info`'s report, as text or JSON;
//! - [`atomic`]: the one way files are written (temp file + rename, no
//!   silent replacement, backups);
//! - [`fpga`]: loading through the FPGA manager or a configfs overlay;
//! - [`defmt_log`]: decoding the firmware's defmt frames;
//! - [`regs`], [`mmio`]: router registers by name from the SVD;
//! - [`gen`]: register-map generation via regmap-gen;
//! - [`boards`]: the supported boards; [`exit`]: the exit codes.

pub mod atomic;
pub mod bitfile;
pub mod bitinfo;
pub mod boards;
pub mod cli;
pub mod cli_errors;
pub mod defmt_log;
pub mod exit;
pub mod fpga;
pub mod gen;
pub mod mmio;
pub mod regs;
