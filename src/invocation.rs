//! How to run a command the way this program was started, for the hints a
//! new user reads: `cargo run --release -- demo` right after `cargo run
//! --release`, `standup demo` once installed, `./standup demo` for a copied
//! binary, each with the `--board` in use. A hint that names a command the
//! user cannot run is worse than none.

use std::path::Path;

/// The words that run a command as this program was started.
pub fn command(exe: &str, under_cargo: bool) -> String {
    if under_cargo {
        let release = Path::new(exe)
            .components()
            .any(|c| c.as_os_str() == "release");
        return if release {
            "cargo run --release --".into()
        } else {
            "cargo run --".into()
        };
    }
    // Found on the PATH: its name is enough.
    if !exe.contains(std::path::MAIN_SEPARATOR) && !exe.contains('/') {
        return exe.to_string();
    }
    quoted(exe)
}

/// The command for this process: from its first argument and whether
/// `cargo run` started it (cargo sets `CARGO_MANIFEST_DIR` for the run).
pub fn current() -> String {
    let exe = std::env::args().next().unwrap_or_else(|| "standup".into());
    let under_cargo =
        std::env::var_os("CARGO").is_some() && std::env::var_os("CARGO_MANIFEST_DIR").is_some();
    command(&exe, under_cargo)
}

/// `command` with `--board CHOICE` when a board other than the default is
/// open.
pub fn with_board(command: &str, board: Option<&str>) -> String {
    match board {
        Some(b) => format!("{command} --board {}", quoted(b)),
        None => command.to_string(),
    }
}

/// A word as a POSIX shell reads it back.
fn quoted(word: &str) -> String {
    let plain = |c: char| c.is_alphanumeric() || "-_./~=+:,@".contains(c);
    if !word.is_empty() && word.chars().all(plain) {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_name_a_command_that_works_as_the_app_was_started() {
        assert_eq!(
            command("/src/standup/target/release/standup", true),
            "cargo run --release --"
        );
        assert_eq!(command("target/debug/standup", true), "cargo run --");
        assert_eq!(command("standup", false), "standup");
        assert_eq!(command("./standup", false), "./standup");
        assert_eq!(
            command("/opt/my tools/standup", false),
            "'/opt/my tools/standup'"
        );
        assert_eq!(
            with_board("cargo run --release --", Some("campaign")),
            "cargo run --release -- --board campaign"
        );
        assert_eq!(with_board("standup", None), "standup");
    }
}
