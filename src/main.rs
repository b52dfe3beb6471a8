use std::process::ExitCode;

use clap::Parser;
use standup::cli::{self, Cli};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args = Cli::parse();
    match &args.command {
        Some(command) => {
            restore_sigpipe();
            cli::run(&args, command)
        }
        None => standup::tui::main(&args),
    }
}

/// Commands piped into `head` or `grep -q` end quietly when the reader goes
/// away, as other shell tools do, instead of failing to print.
fn restore_sigpipe() {
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to its default at start-up,
    // before any thread exists, has no memory-safety preconditions.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
