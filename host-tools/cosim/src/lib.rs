//! The main job: the whole system on the embedded default, under load.
//!
//! - [`scenario`]: the load, from a TOML file.
//! - [`stimulus`]: source events drawn from the scenario's seed.
//! - [`kernel`]: the cycle-level simulation: the Verilated router (or the
//!   software pipeline's GIC), one AXI-lite master, and the CPUs' threads.
//! - [`agent`]: one A53 running the oob firmware's driver and real-time core
//!   and a Linux-like in-band side.
//! - [`analysis`]: matching claims to events; latencies, losses, agreement
//!   with the router's own histogram.
//! - [`attribution`]: where each oob event's latency went, on the run's
//!   own timeline (line, CPU busy, entry, bus wait and behind what, claim).
//! - [`inband_cost`]: the in-band critical sections' stall accesses on the
//!   bus, counted.
//! - [`report`], [`plot`]: the tables and the pictures.
//! - [`seeds`]: issue 13's goal judged over several seeds.

pub mod agent;
pub mod analysis;
pub mod attribution;
pub mod inband_cost;
pub mod kernel;
pub mod plot;
pub mod proto;
pub mod report;
pub mod run;
pub mod scenario;
pub mod seeds;
pub mod stimulus;
