//! Spec §1: parameter ranges.

use crate::{Params, RouterModel, RouterPins};

#[test]
fn ranges() {
    let d = Params::default();
    assert!(RouterModel::new(d).is_ok());
    let bad = [
        Params { nsrc: 7, ..d },
        Params { nsrc: 129, ..d },
        Params { ncpu: 0, ..d },
        Params { ncpu: 9, ..d },
        Params { nipi: 0, ..d },
        Params { nipi: 17, ..d },
        Params { tsw: 7, ..d },
        Params { tsw: 33, ..d },
    ];
    for p in bad {
        let e = RouterModel::new(p).unwrap_err();
        assert!(e.to_string().contains("outside"), "{e}");
    }
    let edges = [
        Params::new(8, 1, 1, 8),
        Params::new(128, 8, 16, 32),
    ];
    for p in edges {
        let m = RouterModel::new(p).unwrap();
        assert_eq!(m.params(), p);
    }
}
