//! `irqpipe`: see `irqpipe --help`. All logic lives in the library.
fn main() -> std::process::ExitCode {
    // Rust ignores SIGPIPE, so a closed stdout (`irqpipe regs list | head`)
    // would turn every print into a panic. Restore the default: the process
    // ends quietly, killed by SIGPIPE, like other Unix tools.
    // SAFETY: setting a signal's disposition to its default has no
    // preconditions; no handler runs.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    // A bug must not masquerade as one of the documented failures: report
    // it and exit with FAILURE (Rust's default for a panic would be 101).
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        default_hook(info);
        eprintln!("irqpipe: internal error; please report it");
        std::process::exit(i32::from(irqpipe::exit::FAILURE));
    }));
    std::process::ExitCode::from(irqpipe::cli::main())
}
