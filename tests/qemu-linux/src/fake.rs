//! The register image of the stand-in router used on QEMU (OCM at
//! 0xFFFC_0000, see dt/router-fake.dtsi): what a router would read as after
//! some traffic, frozen. RAM keeps whatever is written and never clears on
//! a claim, which the test uses on purpose: the CLAIM word of each in-band
//! page is chosen to drive one path of the driver's line handler.

/// Physical address the image is loaded at (`-device loader`).
pub const BASE: u64 = 0xfffc_0000;
/// The same image again, for nodes whose probe must fail.
pub const BASE_SMALL_WINDOW: u64 = 0xfffe_0000;
pub const BASE_NO_LINES: u64 = 0xfffd_0000;
/// An image claiming register interface 2.0 ([`image_v2`]).
pub const BASE_V2: u64 = 0xffff_0000;
/// A second GLOBAL page inside the [`BASE_NO_LINES`] copy ([`image_no_lines`]),
/// for the node naming a router CPU that HWCFG does not have.
pub const BASE_BAD_NAME: u64 = 0xfffd_2000;
const INBAND: usize = 0x8000;
const PAGE: usize = 0x1000;

pub const NSRC: u32 = 32;
pub const NCPU: u32 = 4;
pub const NIPI: u32 = 8;
pub const TSW: u32 = 16;

/// CLAIM of each CPU's in-band page: CPU0 nothing pending (a "none" entry),
/// CPU1 source 5 for ever (the claim budget must stop the loop), CPU2 an
/// ID no router returns (0xFF), CPU3 in-band IPI vector 2, which a
/// consumer has requested.
pub const CLAIM: [u32; 4] = [0x3ff, 5, 0xff, 0x102];

/// CLAIM of each page in [`image_remap`]: page 0, which Linux does not own,
/// source 5 (nobody may claim it); pages 1 and 2 IPI vector 2, claimed on
/// two CPUs at once; page 3 source 6.
pub const CLAIM_REMAP: [u32; 4] = [5, 0x102, 0x102, 6];

/// Overrun count of source 5 and the source routed to the oob stage.
pub const SRC5_OVERRUN: u32 = 3;
pub const OOB_SRC: usize = 7;

/// ERR as "the firmware" left it: BAD_COMPLETE.
pub const ERR: u32 = 0x8;

/// STATUS of each page: reset value (stalled, oob stage stalled) on page 0,
/// oob stage open elsewhere, as the firmware leaves the pages of Linux's CPUs.
pub const STATUS: [u32; 4] = [0xc, 0x4, 0x4, 0x4];

fn put(img: &mut [u8], off: usize, v: u32) {
    img[off..off + 4].copy_from_slice(&v.to_le_bytes());
}

/// Latency statistics of CPU `c`'s page: LAT_LAST, LAT_MAX, HIST[b].
pub fn lat_last(c: u32) -> u32 {
    100 + c
}
pub fn lat_max(c: u32) -> u32 {
    1000 + c
}
pub fn hist(c: u32, b: u32) -> u32 {
    c * 16 + b
}

/// The image, 64 KiB: GLOBAL page at 0, the in-band window at 0x8000.
pub fn image() -> Vec<u8> {
    image_with(&CLAIM, &STATUS, ERR)
}

/// The image of the remapped-CPU test: see [`CLAIM_REMAP`]; no ERR flag,
/// every oob stage open.
pub fn image_remap() -> Vec<u8> {
    image_with(&CLAIM_REMAP, &[0x4; 4], 0)
}

/// [`image`] with its GLOBAL page again at [`BASE_BAD_NAME`] (QEMU's
/// loader refuses overlapping images).
pub fn image_no_lines() -> Vec<u8> {
    let mut img = image();
    let off = (BASE_BAD_NAME - BASE_NO_LINES) as usize;
    img.copy_within(..PAGE, off);
    img
}

fn image_with(claim: &[u32; 4], status: &[u32; 4], err: u32) -> Vec<u8> {
    let mut img = vec![0u8; 0x10000];
    put(&mut img, 0x000, 0x4952_5152); // ID "IRQR"
    put(&mut img, 0x004, 0x0001_0001); // VERSION 1.1
    put(&mut img, 0x008, NSRC | NCPU << 8 | NIPI << 12 | TSW << 17); // HWCFG
    put(&mut img, 0x010, err); // ERR
    put(&mut img, 0x050, 1 << 5); // SRC_PEND[0]: source 5 pending
    put(&mut img, 0x100 + 4 * OOB_SRC, 0b11); // SRC_CFG[7]: enabled, oob
    put(&mut img, 0x300 + 4, SRC5_OVERRUN << 8); // OVERRUN[1], byte 1 = source 5
    for (c, (&claim, &status)) in claim.iter().zip(status).enumerate() {
        let p = INBAND + c * PAGE;
        put(&mut img, p, claim);
        put(&mut img, p + 0x008, 1); // STALL: reset value, stalled
        put(&mut img, p + 0x014, status);
        put(&mut img, p + 0x040, lat_last(c as u32));
        put(&mut img, p + 0x044, lat_max(c as u32));
        for b in 0..16 {
            put(&mut img, p + 0x080 + 4 * b as usize, hist(c as u32, b));
        }
    }
    img
}

/// The same image with VERSION 2.0, an interface this driver predates.
pub fn image_v2() -> Vec<u8> {
    let mut img = image();
    put(&mut img, 0x004, 0x0002_0000);
    img
}
