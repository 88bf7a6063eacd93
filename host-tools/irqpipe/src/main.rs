fn main() {
    eprintln!("irqpipe: not built yet (host CLI issue)");
    std::process::exit(2);
}
