//! `irqpipe`: see `irqpipe --help`. All logic lives in the library.
fn main() -> std::process::ExitCode {
    std::process::ExitCode::from(irqpipe::cli::main())
}
