//! The channel's byte layout has one definition per language: the Rust one
//! (rt-core's `Ring`, partition-map's `shm`) and the C header the kernel
//! module includes (linux-glue/include/irq_router_chan.h). This test reads
//! the header and fails on any value that differs.

use partition_map::shm;
use rt_core::channel::{Ring, MAX_PAYLOAD, SLOT};

fn defines() -> Vec<(String, u64)> {
    let h = qemu_linux::workspace_root().join("linux-glue/include/irq_router_chan.h");
    let text = std::fs::read_to_string(&h).unwrap();
    text.lines()
        .filter_map(|l| {
            let mut w = l.split_whitespace();
            (w.next() == Some("#define")).then_some(())?;
            let name = w.next()?.to_string();
            let v = w.next()?.trim_end_matches("ULL");
            let v = match v.strip_prefix("0x") {
                Some(h) => u64::from_str_radix(h, 16).ok()?,
                None => v.parse().ok()?,
            };
            Some((name, v))
        })
        .collect()
}

#[test]
fn c_header_matches_rt_core_and_partition_map() {
    let d = defines();
    let get = |n: &str| d.iter().find(|(k, _)| k == n).unwrap_or_else(|| panic!("{n} not in the header")).1;
    type R = Ring<{ shm::RING_SLOTS }>;
    let want: [(&str, u64); 13] = [
        ("OOBCHAN_MAGIC", shm::MAGIC),
        ("OOBCHAN_VERSION", shm::VERSION as u64),
        ("OOBCHAN_HDR_MAGIC", shm::HEADER_MAGIC as u64),
        ("OOBCHAN_HDR_VERSION", shm::HEADER_VERSION as u64),
        ("OOBCHAN_HDR_SLOTS", shm::HEADER_SLOTS as u64),
        ("OOBCHAN_HDR_TO_LINUX", shm::HEADER_TO_LINUX as u64),
        ("OOBCHAN_HDR_TO_OOB", shm::HEADER_TO_OOB as u64),
        ("OOBCHAN_RING_HEAD", 0),
        ("OOBCHAN_RING_TAIL", 64),
        // rt-core's ring: two 64-byte index lines, then the slots.
        ("OOBCHAN_RING_SLOT0", (core::mem::size_of::<R>() - shm::RING_SLOTS * SLOT) as u64),
        ("OOBCHAN_SLOT_SIZE", SLOT as u64),
        ("OOBCHAN_MAX_PAYLOAD", MAX_PAYLOAD as u64),
        ("OOBCHAN_MAGIC", u64::from_le_bytes(*b"OOBCHAN1")),
    ];
    for (name, v) in want {
        assert_eq!(get(name), v, "{name}");
    }
    assert_eq!(d.len(), 12, "a define this test does not check: {d:?}");
    // The rings fit their places in the region and do not overlap.
    let size = core::mem::size_of::<R>();
    assert!(shm::TO_LINUX >= 64 && shm::TO_LINUX + size <= shm::TO_OOB);
    assert!(shm::TO_OOB + size <= partition_map::SHARED.size as usize);
}
