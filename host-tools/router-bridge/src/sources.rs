//! The PL peripherals that raise the router's sources, driven by the
//! scenario, and their small register block ("source device") that the
//! guest uses to start the load and to acknowledge level interrupts.
//!
//! On a board these are the user's own IP blocks; here they replay the
//! scenario's events (`cosim::stimulus`, the main job's traffic from the
//! same TOML): an edge source pulses high for [`PULSE`] cycles per event,
//! a level source goes high and stays high until the guest writes its ID to
//! `ACK` (the handler's "clear the device's status" write). A level event
//! while the line is still high is merged by the device (counted in
//! `MERGED`), as a real peripheral's status bit would.
//!
//! Register block at window offset [`DEVICE_BASE`] (32-bit, any AxPROT):
//!
//! | offset | name | access | meaning |
//! |---|---|---|---|
//! | 0x000 | ID | RO | `0x5352_4344` ("SRCD") |
//! | 0x004 | START | WO | writing 1 starts the load at this cycle (later writes: ignored) |
//! | 0x008 | STATUS | RO | bit 0 started, bit 1 done (every event driven, every pulse over), bit 2 the load's duration has passed since START |
//! | 0x00C | ACK | WO | source ID: the device lowers that level source |
//! | 0x010 | EVENTS | RO | events in the scenario, all sources |
//! | 0x014 | DRIVEN | RO | events driven so far (merged ones excluded) |
//! | 0x018 | RAISE | WO | source ID: an event on that source now, besides the scenario's (a peripheral's "test interrupt" bit) |
//! | 0x01C | TRACE | WO | any value: kept only in the bridge's record (the firmware's trace port, [`trace`]) |
//! | 0x020 | FABRIC_KHZ | RO | the fabric clock, kHz (the unit of the PLAN_* times below) |
//! | 0x024 | PLAN_LOAD | RO | the load's duration, fabric cycles |
//! | 0x028 | PLAN_CALL_GAP | RO | mean gap of in-band → oob calls per CPU, fabric cycles (0: none) |
//! | 0x02C | PLAN_CALL_COST | RO | cost of one oob call, fabric cycles |
//! | 0x030 | PLAN_MSG_COST | RO | cost of one channel message, fabric cycles |
//! | 0x034 | SEED | RO | the scenario's seed, low 32 bits |
//! | 0x038 | PLAN_TIMERS | RO | oob timers in the scenario (PLAN_TIMER holds the first [`MAX_TIMERS`]) |
//! | 0x100 + 4i | DRIVEN_SRC\[i\] | RO | assertions driven on source i so far |
//! | 0x180 + 4i | MERGED_SRC\[i\] | RO | level events on source i merged by the device |
//! | 0x200 + 4i | PLAN_SRC\[i\] | RO | how the scenario wires source i ([`plan_word`]): the firmware routes its oob sources from it |
//! | 0x280 + 16k | PLAN_TIMER\[k\] | RO | oob timer k: +0 period, +4 task cost (fabric cycles), +8 message every n-th period (0: never), +0xC bit 31 used, bits 0..1 CPU |
//!
//! Anything else answers SLVERR.

use cosim::scenario::Scenario;
use cosim::stimulus::{generate, Event};
pub use cosim::stimulus::PULSE;

pub use bridge_device::*;

/// Source IDs the device has (the router instance's NSRC).
pub const NSRC: usize = cosim::scenario::NSRC as usize;

/// The PLAN_SRC word of source `id`: on a board, what the bitstream's
/// build tells the firmware about its peripherals (here, the scenario).
pub fn plan_word(sc: &Scenario, id: u16) -> u32 {
    sc.source(id).map_or(0, |s| {
        PLAN_USED
            | if s.stage == cosim::scenario::StageSel::Oob { PLAN_OOB } else { 0 }
            | if s.level { PLAN_LEVEL } else { 0 }
            | (s.priority as u32 & 3) << PLAN_PRIO_LSB
            | (s.cpu as u32 & 3) << PLAN_CPU_LSB
    })
}

/// The PLAN_* values of the scenario's cross-stage load (the registers
/// at 0x020..0x038 and PLAN_TIMER).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadPlan {
    pub fabric_khz: u32,
    pub load: u32,
    pub call_gap: u32,
    pub call_cost: u32,
    pub msg_cost: u32,
    pub seed: u32,
    pub timers: u32,
    /// (period, task, message_every, cpu | used) of each PLAN_TIMER slot.
    pub timer: [[u32; 4]; MAX_TIMERS],
}

impl LoadPlan {
    pub fn of(sc: &Scenario) -> LoadPlan {
        let sat = |v: u64| v.min(u32::MAX as u64) as u32;
        let mut timer = [[0; 4]; MAX_TIMERS];
        for (slot, t) in timer.iter_mut().zip(&sc.timers) {
            *slot = [sat(t.period), sat(t.task), t.message_every, PLAN_TIMER_USED | t.cpu as u32];
        }
        LoadPlan {
            fabric_khz: (sc.clocks.fabric_mhz * 1000.0).round() as u32,
            load: sat(sc.duration),
            call_gap: sc.call_oob_gap.map_or(0, |g| sat(g.round().max(1.0) as u64)),
            call_cost: sat(sc.call),
            msg_cost: sat(sc.message),
            seed: sc.seed as u32,
            timers: sc.timers.len() as u32,
            timer,
        }
    }
}

/// What a device register access did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeviceResult {
    Ok(u32),
    SlvErr,
}

/// The source inputs over time.
#[derive(Debug)]
pub struct Sources {
    events: Vec<Event>,
    next: usize,
    level: [bool; NSRC],
    start: Option<u64>,
    bits: u128,
    pulse_end: [u64; NSRC],
    driven: [u32; NSRC],
    merged: [u32; NSRC],
    plan: [u32; NSRC],
    /// RAISE writes not yet presented to the router.
    raised: Vec<u16>,
    load: LoadPlan,
    duration: u64,
}

impl Sources {
    /// The scenario's events; nothing happens before [`Sources::start`].
    pub fn new(sc: &Scenario) -> Sources {
        let mut level = [false; NSRC];
        for s in &sc.sources {
            level[s.id as usize] = s.level;
        }
        Sources {
            events: generate(sc),
            next: 0,
            level,
            start: None,
            bits: 0,
            pulse_end: [0; NSRC],
            driven: [0; NSRC],
            merged: [0; NSRC],
            plan: core::array::from_fn(|i| plan_word(sc, i as u16)),
            raised: Vec::new(),
            load: LoadPlan::of(sc),
            duration: sc.duration,
        }
    }

    /// Starts the load: event `at` happens at cycle `cycle + at`.
    pub fn start(&mut self, cycle: u64) {
        if self.start.is_none() {
            self.start = Some(cycle);
        }
    }

    pub fn started_at(&self) -> Option<u64> {
        self.start
    }

    /// The source levels presented to the router while its counter reads
    /// `now` (sampled at the edge that follows), and the events that rise
    /// there. Calls must come with non-decreasing `now`, never beyond
    /// [`Sources::next_change`] without a call at it.
    pub fn inputs_at(&mut self, now: u64, risen: &mut Vec<u16>) -> u128 {
        for i in 0..NSRC {
            if !self.level[i] && self.bits >> i & 1 != 0 && now >= self.pulse_end[i] {
                self.bits &= !(1u128 << i);
            }
        }
        let mut due: Vec<u16> = std::mem::take(&mut self.raised);
        if let Some(start) = self.start {
            while let Some(e) = self.events.get(self.next).copied().filter(|e| start + e.at <= now) {
                self.next += 1;
                due.push(e.src);
            }
        }
        for src in due {
            let i = src as usize;
            if self.bits >> i & 1 != 0 {
                // Still high: a level source not yet acknowledged (edge
                // events of the scenario are spaced wider than a pulse).
                self.merged[i] += 1;
                continue;
            }
            self.bits |= 1u128 << i;
            self.pulse_end[i] = now + PULSE;
            self.driven[i] += 1;
            risen.push(src);
        }
        self.bits
    }

    /// The cycle at which an input next changes by itself (an event, or the
    /// end of a pulse); at or before `now` if a change is due and not yet
    /// presented, so the caller must evaluate that edge.
    pub fn next_change(&self) -> Option<u64> {
        let pulse = (0..NSRC)
            .filter(|&i| !self.level[i] && self.bits >> i & 1 != 0)
            .map(|i| self.pulse_end[i])
            .min();
        let event = self.next_event();
        let raised = (!self.raised.is_empty()).then_some(0);
        [pulse, event, raised].into_iter().flatten().min()
    }

    /// Cycle of the next scenario event, once started.
    pub fn next_event(&self) -> Option<u64> {
        let start = self.start?;
        self.events.get(self.next).map(|e| start + e.at)
    }

    /// Every event driven and every pulse over.
    pub fn done(&self) -> bool {
        self.start.is_some()
            && self.next == self.events.len()
            && self.raised.is_empty()
            && (0..NSRC).all(|i| self.level[i] || self.bits >> i & 1 == 0)
    }

    /// Assertions driven per source so far.
    pub fn driven(&self) -> &[u32; NSRC] {
        &self.driven
    }

    /// Level events merged by the device per source so far.
    pub fn merged(&self) -> &[u32; NSRC] {
        &self.merged
    }

    pub fn total_events(&self) -> usize {
        self.events.len()
    }

    /// A read of the register block at router cycle `now`: STATUS's
    /// LOAD_OVER bit depends on it, the rest is [`Sources::read`].
    pub fn read_at(&self, off: u32, now: u64) -> DeviceResult {
        match (off, self.read(off)) {
            (REG_STATUS, DeviceResult::Ok(v)) => {
                let over = self.start.is_some_and(|s| now >= s + self.duration);
                DeviceResult::Ok(v | if over { STATUS_LOAD_OVER } else { 0 })
            }
            (_, r) => r,
        }
    }

    /// A read of the register block; `off` is relative to [`DEVICE_BASE`].
    pub fn read(&self, off: u32) -> DeviceResult {
        let per_src = |base: u32, v: &[u32; NSRC]| {
            let i = ((off - base) / 4) as usize;
            if off % 4 == 0 && i < NSRC {
                DeviceResult::Ok(v[i])
            } else {
                DeviceResult::SlvErr
            }
        };
        match off {
            REG_ID => DeviceResult::Ok(ID),
            REG_STATUS => DeviceResult::Ok(
                if self.start.is_some() { STATUS_STARTED } else { 0 } | if self.done() { STATUS_DONE } else { 0 },
            ),
            REG_EVENTS => DeviceResult::Ok(self.events.len() as u32),
            REG_DRIVEN => DeviceResult::Ok(self.driven.iter().sum()),
            o if (REG_DRIVEN_SRC..REG_MERGED_SRC).contains(&o) => per_src(REG_DRIVEN_SRC, &self.driven),
            o if (REG_MERGED_SRC..REG_PLAN_SRC).contains(&o) => per_src(REG_MERGED_SRC, &self.merged),
            o if (REG_PLAN_SRC..REG_PLAN_SRC + 4 * NSRC as u32).contains(&o) => per_src(REG_PLAN_SRC, &self.plan),
            REG_FABRIC_KHZ => DeviceResult::Ok(self.load.fabric_khz),
            REG_PLAN_LOAD => DeviceResult::Ok(self.load.load),
            REG_PLAN_CALL_GAP => DeviceResult::Ok(self.load.call_gap),
            REG_PLAN_CALL_COST => DeviceResult::Ok(self.load.call_cost),
            REG_PLAN_MSG_COST => DeviceResult::Ok(self.load.msg_cost),
            REG_SEED => DeviceResult::Ok(self.load.seed),
            REG_PLAN_TIMERS => DeviceResult::Ok(self.load.timers),
            o if o % 4 == 0 && (REG_PLAN_TIMER..REG_PLAN_TIMER + 16 * MAX_TIMERS as u32).contains(&o) => {
                let k = ((o - REG_PLAN_TIMER) / 16) as usize;
                DeviceResult::Ok(self.load.timer[k][((o - REG_PLAN_TIMER) % 16 / 4) as usize])
            }
            _ => DeviceResult::SlvErr,
        }
    }

    /// A write to the register block at router cycle `now`; it takes effect
    /// on the inputs from the next edge on.
    pub fn write(&mut self, off: u32, value: u32, now: u64) -> DeviceResult {
        match off {
            REG_START if value == 1 => {
                self.start(now);
                DeviceResult::Ok(0)
            }
            REG_RAISE if (value as usize) < NSRC => {
                self.raised.push(value as u16);
                DeviceResult::Ok(0)
            }
            REG_TRACE => DeviceResult::Ok(0),
            REG_ACK if (value as usize) < NSRC => {
                let i = value as usize;
                if self.level[i] {
                    self.bits &= !(1u128 << i);
                }
                DeviceResult::Ok(0)
            }
            _ => DeviceResult::SlvErr,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SC: &str = r#"
name = "t"
duration_us = 100
[inband]
gap = { kind = "fixed", us = 10 }
critical_section = { kind = "fixed", us = 1 }
handler_cycles = 100
[[sources]]
class = "e"
ids = [3]
stage = "oob"
handler_cycles = 10
rate = { kind = "periodic", period_us = 10 }
[[sources]]
class = "l"
ids = [4]
stage = "inband"
trigger = "level"
handler_cycles = 10
rate = { kind = "periodic", period_us = 5 }
"#;

    fn walk(s: &mut Sources, to: u64) -> Vec<(u64, u16)> {
        let mut out = Vec::new();
        let mut now = 0;
        let mut r = Vec::new();
        while now < to {
            s.inputs_at(now, &mut r);
            out.extend(r.drain(..).map(|x| (now, x)));
            now = s.next_change().unwrap_or(to).clamp(now + 1, to);
        }
        out
    }

    #[test]
    fn nothing_happens_before_start_then_the_scenario_plays() {
        let sc = Scenario::from_toml(SC).unwrap();
        let mut s = Sources::new(&sc);
        assert_eq!(s.next_change(), None);
        assert_eq!(s.read(REG_STATUS), DeviceResult::Ok(0));
        s.write(REG_START, 1, 500);
        let risen = walk(&mut s, 500 + 10_000 + 10);
        let edge: Vec<_> = risen.iter().filter(|r| r.1 == 3).collect();
        assert_eq!(edge.len(), 10, "{risen:?}");
        assert!(edge.iter().all(|r| r.0 >= 500));
        // The level source is never acknowledged: one assertion, the rest merged.
        assert_eq!(s.driven()[4], 1);
        assert_eq!(s.merged()[4] + 1, 20);
        assert_eq!(s.read(REG_DRIVEN), DeviceResult::Ok(11));
        assert_eq!(s.read(REG_EVENTS), DeviceResult::Ok(30));
        assert_eq!(s.read(REG_STATUS), DeviceResult::Ok(STATUS_STARTED | STATUS_DONE));
        assert_eq!(s.read_at(REG_STATUS, 500 + 9_999), DeviceResult::Ok(STATUS_STARTED | STATUS_DONE));
        assert_eq!(s.read_at(REG_STATUS, 500 + 10_000), DeviceResult::Ok(STATUS_STARTED | STATUS_DONE | STATUS_LOAD_OVER));
    }

    #[test]
    fn plan_registers_describe_the_scenario_sources() {
        let sc = Scenario::from_toml(SC).unwrap();
        let s = Sources::new(&sc);
        assert_eq!(s.read(REG_PLAN_SRC + 4 * 3), DeviceResult::Ok(PLAN_USED | PLAN_OOB));
        assert_eq!(s.read(REG_PLAN_SRC + 4 * 4), DeviceResult::Ok(PLAN_USED | PLAN_LEVEL));
        assert_eq!(s.read(REG_PLAN_SRC), DeviceResult::Ok(0), "a source the scenario does not name");
        assert_eq!(s.read(0x0FC), DeviceResult::SlvErr);
        assert_eq!(s.read(REG_MERGED_SRC + 4 * NSRC as u32 - 4), DeviceResult::Ok(0));
    }

    #[test]
    fn plan_registers_describe_the_timers_and_calls() {
        let text = format!("{SC}\n[oob]\ncall_cycles = 1200\n[[oob.timers]]\ncpu = 2\nperiod_us = 250\ntask_cycles = 2400\nmessage_every = 4\n")
            .replace("handler_cycles = 100\n", "handler_cycles = 100\ncall_oob_hz = 1000\n");
        let sc = Scenario::from_toml(&text).unwrap();
        let s = Sources::new(&sc);
        assert_eq!(s.read(REG_FABRIC_KHZ), DeviceResult::Ok(100_000));
        assert_eq!(s.read(REG_PLAN_LOAD), DeviceResult::Ok(10_000));
        assert_eq!(s.read(REG_PLAN_CALL_GAP), DeviceResult::Ok(100_000), "1 kHz at 100 MHz");
        assert_eq!(s.read(REG_PLAN_CALL_COST), DeviceResult::Ok(100), "1200 A53 cycles at 1.2 GHz");
        assert_eq!(s.read(REG_PLAN_TIMERS), DeviceResult::Ok(1));
        let t: Vec<_> = (0..4).map(|w| s.read(REG_PLAN_TIMER + 4 * w)).collect();
        assert_eq!(t, [25_000, 200, 4, PLAN_TIMER_USED | 2].map(DeviceResult::Ok));
        assert_eq!(s.read(REG_PLAN_TIMER + 16 + 12), DeviceResult::Ok(0), "an unused slot");
        assert_eq!(s.read(REG_SEED), DeviceResult::Ok(1));
        let mut s = s;
        assert_eq!(s.write(REG_TRACE, 0x1234_5678, 0), DeviceResult::Ok(0));
        assert_eq!(trace::kind(0x1234_5678), 1);
        assert_eq!((trace::timer(0x1234_5678), trace::value(0x1234_5678)), (2, 0x34_5678));
    }

    #[test]
    fn ack_lowers_a_level_source_only() {
        let sc = Scenario::from_toml(SC).unwrap();
        let mut s = Sources::new(&sc);
        s.start(0);
        let mut r = Vec::new();
        let first = s.next_event().unwrap();
        let bits = s.inputs_at(first, &mut r);
        assert_ne!(bits, 0);
        let id = r[0] as u32;
        s.write(REG_ACK, id, first);
        let after = s.inputs_at(first, &mut r);
        assert_eq!(after >> id & 1, if id == 4 { 0 } else { 1 });
    }

    #[test]
    fn raise_drives_an_event_now_even_before_start() {
        let sc = Scenario::from_toml(SC).unwrap();
        let mut s = Sources::new(&sc);
        assert_eq!(s.write(REG_RAISE, 9, 100), DeviceResult::Ok(0));
        assert_eq!(s.next_change(), Some(0), "a raise is due at once");
        let mut r = Vec::new();
        assert_eq!(s.inputs_at(101, &mut r), 1 << 9);
        assert_eq!(r, [9]);
        assert_eq!(s.driven()[9], 1);
        assert_eq!(s.next_change(), Some(101 + PULSE), "then the pulse ends");
        assert_eq!(s.inputs_at(101 + PULSE, &mut r), 0);
    }

    #[test]
    fn bad_register_accesses_answer_slverr() {
        let sc = Scenario::from_toml(SC).unwrap();
        let mut s = Sources::new(&sc);
        assert_eq!(s.read(0x0), DeviceResult::Ok(ID));
        assert_eq!(s.read(0x2), DeviceResult::SlvErr);
        assert_eq!(s.read(0x102), DeviceResult::SlvErr);
        assert_eq!(s.read(0x03C), DeviceResult::SlvErr);
        assert_eq!(s.read(0x282), DeviceResult::SlvErr);
        assert_eq!(s.read(REG_PLAN_TIMER + 16 * MAX_TIMERS as u32), DeviceResult::SlvErr);
        assert_eq!(s.read(REG_TRACE), DeviceResult::SlvErr, "write-only");
        assert_eq!(s.write(REG_ID, 1, 0), DeviceResult::SlvErr);
        assert_eq!(s.write(REG_START, 2, 0), DeviceResult::SlvErr);
        assert_eq!(s.write(REG_ACK, NSRC as u32, 0), DeviceResult::SlvErr);
        assert_eq!(s.write(REG_RAISE, NSRC as u32, 0), DeviceResult::SlvErr);
        assert_eq!(s.started_at(), None);
    }
}
