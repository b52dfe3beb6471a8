//! What the command line writes. To a terminal, text goes through the
//! TUI's rule: control characters and bidirectional overrides a teammate
//! can plant in a board (through `git pull`) are shown as `?`, never sent
//! to the terminal, where an escape sequence could retitle the window or
//! set the clipboard. To a file or a pipe, the data goes as it is, so that
//! an export holds what the board holds; JSON escapes those characters as
//! JSON does (`\u009b`), which every reader turns back into the same text.

use std::io::{self, IsTerminal, Write};

use serde::Serialize;

/// A character that must not reach a terminal as it is.
fn hazard(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
}

/// `text` for a terminal: lines and tabs kept, every other hazard `?`.
pub fn for_terminal(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\n' | '\t' => c,
            c if hazard(c) => '?',
            c => c,
        })
        .collect()
}

/// JSON text with the hazards serde leaves as they are (DEL, C1 controls,
/// bidirectional marks) escaped as `\uXXXX`. They can only stand inside
/// strings, where the escape means the same character.
pub fn escape_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if u32::from(c) >= 0x7f && hazard(c) {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// `value` as pretty JSON, hazards escaped.
pub fn json<T: Serialize>(value: &T) -> String {
    escape_json(&serde_json::to_string_pretty(value).unwrap_or_default())
}

/// Writes `text` to stdout, made harmless when stdout is a terminal. A
/// reader that went away (`standup task list | head`) is not an error.
pub fn out(text: &str) {
    write(&mut io::stdout().lock(), io::stdout().is_terminal(), text);
}

/// Writes an export's `bytes` to stdout as they are (a byte-order mark,
/// GBK), or `text`, made harmless, when stdout is a terminal.
pub fn out_bytes(bytes: &[u8], text: &str) {
    if io::stdout().is_terminal() {
        out(text);
    } else {
        let _ = io::stdout().lock().write_all(bytes);
    }
}

/// Writes `text` to stderr, made harmless when stderr is a terminal.
pub fn err(text: &str) {
    write(&mut io::stderr().lock(), io::stderr().is_terminal(), text);
}

fn write(to: &mut dyn Write, terminal: bool, text: &str) {
    let text = if terminal {
        std::borrow::Cow::Owned(for_terminal(text))
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    let _ = to.write_all(text.as_bytes());
}

/// `println!` for the command line's output (see [`out`]).
macro_rules! outln {
    () => { $crate::cli::terminal::out("\n") };
    ($($arg:tt)*) => { $crate::cli::terminal::out(&format!("{}\n", format_args!($($arg)*))) };
}

/// `print!` for the command line's output.
macro_rules! out {
    ($($arg:tt)*) => { $crate::cli::terminal::out(&format!($($arg)*)) };
}

/// `eprintln!` for the command line's messages.
macro_rules! errln {
    ($($arg:tt)*) => { $crate::cli::terminal::err(&format!("{}\n", format_args!($($arg)*))) };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_terminal_gets_no_escape_sequence_and_json_keeps_the_data() {
        let planted = "Ops\u{1b}]0;owned\u{7}\u{9b}31m\u{202e}board\nnext line";
        assert_eq!(for_terminal(planted), "Ops?]0;owned??31m?board\nnext line");
        let json = json(&serde_json::json!({ "name": planted }));
        assert!(
            json.contains("\\u001b]0;owned\\u0007\\u009b31m\\u202eboard\\nnext line"),
            "{json}"
        );
        let back: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
        assert_eq!(back["name"], planted);
    }
}
