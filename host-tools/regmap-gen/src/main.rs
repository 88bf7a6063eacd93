//! `regmap-gen [--check] [--root DIR]`: regenerates every file derived from
//! `hdl/regmap/irq_router.svd`, or with `--check` only reports stale ones
//! (exit status 1).

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: regmap-gen [--check] [--root DIR]

Regenerates, from hdl/regmap/irq_router.svd, the SystemVerilog package, the C
header, the register table and the svd2rust PAC sources.

  --check     write nothing; list stale files and exit with status 1 if any
  --root DIR  repository root (default: the workspace this tool was built in)";

fn main() -> ExitCode {
    let mut check = false;
    // CARGO_MANIFEST_DIR is host-tools/regmap-gen.
    let mut root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--check" => check = true,
            "--root" => match args.next() {
                Some(d) => root = PathBuf::from(d),
                None => {
                    eprintln!("regmap-gen: --root needs a directory\n\n{USAGE}");
                    return ExitCode::from(2);
                }
            },
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            other => {
                eprintln!("regmap-gen: unknown argument `{other}`\n\n{USAGE}");
                return ExitCode::from(2);
            }
        }
    }

    let files = match regmap_gen::generate_all(&root.join(regmap_gen::SVD_PATH)) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("regmap-gen: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = if check {
        regmap_gen::check(&root, &files)
    } else {
        regmap_gen::write(&root, &files)
    };
    match result {
        Err(e) => {
            eprintln!("regmap-gen: {e}");
            ExitCode::FAILURE
        }
        Ok(s) if check && !s.is_clean() => {
            eprintln!("regmap-gen: generated files are out of date:\n{s}");
            ExitCode::FAILURE
        }
        Ok(s) if check => {
            println!(
                "regmap-gen: all {} generated files are current",
                files.len()
            );
            let _ = s;
            ExitCode::SUCCESS
        }
        Ok(s) => {
            for p in &s.stale {
                println!("wrote   {}", p.display());
            }
            for p in &s.extra {
                println!("removed {}", p.display());
            }
            println!(
                "regmap-gen: {} files generated, {} updated, {} removed",
                files.len(),
                s.stale.len(),
                s.extra.len()
            );
            ExitCode::SUCCESS
        }
    }
}
