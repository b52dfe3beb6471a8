use std::process::ExitCode;

use clap::Parser;
use standup::cli::{self, Cli};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    no_huge_pages();
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

/// Keeps the kernel from backing the allocator's memory with 2 MB pages.
/// A board is many small records, and huge pages hold a large board in
/// pages it only partly fills: a 10,000-task board took 51-55 MB open
/// instead of 38, for a first frame about 8 ms sooner.
fn no_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes plain integers and changes only how
    // the kernel backs this process's memory, never what it holds.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}
