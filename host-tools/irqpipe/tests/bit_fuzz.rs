//! Property tests over arbitrary bytes: the .bit parser never panics, and
//! whatever it accepts is self-consistent. Runs in the normal test command.

mod common;

use irqpipe::bitfile;
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig { cases: 4000, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = bitfile::parse_header(&bytes);
        if let Ok(f) = bitfile::parse(&bytes) {
            prop_assert_eq!(f.payload.len(), f.header.payload_len as usize);
            let _ = bitfile::to_zynqmp_bin(&f);
        }
    }

    /// Arbitrary bytes after the magic reach the field parsers, which plain
    /// random bytes almost never do.
    #[test]
    fn arbitrary_fields_after_the_magic_never_panic(tail in proptest::collection::vec(any::<u8>(), 0..512)) {
        let mut bytes = bitfile::MAGIC.to_vec();
        bytes.extend_from_slice(&tail);
        let _ = bitfile::parse(&bytes);
    }

    /// Damage to a valid file (a byte changed, the file cut or grown) is
    /// either still a valid parse or an error, never a panic; and a change
    /// in the header is never silently accepted with the same fields.
    #[test]
    fn mutated_valid_files_never_panic(pos in 0usize..4200, byte in any::<u8>(), cut in 0usize..4200, grow in 0usize..8) {
        let good = common::zcu102_bit();
        let mut b = good.clone();
        let pos = pos % b.len();
        b[pos] = byte;
        let res = bitfile::parse(&b);
        if pos < bitfile::parse_header(&good).unwrap().payload_offset && byte != good[pos] {
            prop_assert_ne!(res.map(|f| f.header), bitfile::parse(&good).map(|f| f.header));
        }
        let _ = bitfile::parse(&good[..cut.min(good.len())]);
        let mut longer = good.clone();
        longer.extend(std::iter::repeat(0xa5).take(grow));
        let _ = bitfile::parse(&longer);
    }
}
