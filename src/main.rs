use std::process::ExitCode;

use clap::Parser;
use standup::cli::{self, Cli};

fn main() -> ExitCode {
    let args = Cli::parse();
    match &args.command {
        Some(command) => cli::run(&args, command),
        None => standup::tui::main(&args),
    }
}
