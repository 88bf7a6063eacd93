//! The boards the project supports, as the CLI needs them: the device a
//! bitstream must be built for. Everything else about a board lives in
//! `boards/<name>/` (overlay, probe-rs description, memory map, Tcl).

/// One supported board.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Board {
    /// Folder name under `boards/` and the `--board` value.
    pub name: &'static str,
    pub title: &'static str,
    /// Device as it appears at the start of a .bit part field, lower case.
    pub device: &'static str,
    /// The full Vivado part the board's Tcl builds for.
    pub vivado_part: &'static str,
}

/// ZCU102 (XCZU9EG), KV260 (K26 SOM, XCK26), Ultra96-V2 (XCZU3EG).
pub const BOARDS: &[Board] = &[
    Board {
        name: "zcu102",
        title: "AMD Zynq UltraScale+ MPSoC ZCU102",
        device: "xczu9eg",
        vivado_part: "xczu9eg-ffvb1156-2-e",
    },
    Board {
        name: "kv260",
        title: "AMD Kria KV260 (K26 SOM)",
        device: "xck26",
        vivado_part: "xck26-sfvc784-2LV-c",
    },
    Board {
        name: "ultra96v2",
        title: "Avnet Ultra96-V2",
        device: "xczu3eg",
        vivado_part: "xczu3eg-sbva484-1-i",
    },
];

/// Looks a board up by folder name, case-insensitively.
pub fn find(name: &str) -> Option<&'static Board> {
    BOARDS.iter().find(|b| b.name.eq_ignore_ascii_case(name))
}

/// Every board of `table` built around `device` (several boards can share
/// one part: a bitstream for it fits each of them).
pub fn with_device<'a>(table: &'a [Board], device: &str) -> Vec<&'a Board> {
    table
        .iter()
        .filter(|b| b.device.eq_ignore_ascii_case(device))
        .collect()
}

/// The names, for error messages.
pub fn names() -> String {
    BOARDS.iter().map(|b| b.name).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_board_sharing_a_device_is_named() {
        // Today each supported board has its own part; the K26 SOM alone
        // sits on several carriers (KV260, KR260), so the lookup must return
        // them all, in table order.
        let kr260 = Board {
            name: "kr260",
            title: "AMD Kria KR260 (K26 SOM)",
            device: "xck26",
            vivado_part: "xck26-sfvc784-2LV-c",
        };
        let table = [BOARDS[0], BOARDS[1], kr260, BOARDS[2]];
        let names: Vec<_> = with_device(&table, "XCK26")
            .iter()
            .map(|b| b.name)
            .collect();
        assert_eq!(names, ["kv260", "kr260"]);
        assert_eq!(with_device(BOARDS, "xczu9eg").len(), 1);
        assert!(with_device(BOARDS, "7z020clg400").is_empty());
    }
}
