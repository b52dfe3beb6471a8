//! Driving the TUI in tests: an app on a board, keys typed as a person
//! would, and the screen drawn into ratatui's TestBackend.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use standup::model::Board;
use standup::tui::keymap::Key;
use standup::tui::{App, Effect, Theme};

/// The app on `board` at the pinned moment, in colour.
pub fn app(board: Board) -> App {
    App::new(
        board,
        super::now(),
        "~/.local/share/standup/board.json".into(),
        Theme::colored(),
    )
}

/// Types keys the way a person would: `"jjl"`, with named keys in angle
/// brackets: `<tab>`, `<enter>`, `<bs>`, `<s-right>` (shift), `<c-r>` (ctrl).
/// Returns what the keys asked of the event loop, in order (nothing for
/// the keys that asked nothing).
pub fn press(app: &mut App, keys: &str) -> Vec<Effect> {
    let mut effects = Vec::new();
    let mut rest = keys;
    while let Some(c) = rest.chars().next() {
        let (code, modifiers, len) = if let Some(stripped) = rest.strip_prefix('<') {
            let end = stripped.find('>').expect("closing >");
            let name = &stripped[..end];
            // The test shorthand, in the config file's key notation.
            let written = match name {
                "bs" => "backspace".to_string(),
                "del" => "delete".to_string(),
                "lt" => "<".to_string(),
                "gt" => ">".to_string(),
                other => match (other.strip_prefix("s-"), other.strip_prefix("c-")) {
                    (Some(base), _) => format!("shift-{base}"),
                    (_, Some(base)) => format!("ctrl-{base}"),
                    _ => other.to_string(),
                },
            };
            let key = Key::parse(&written).unwrap_or_else(|e| panic!("<{name}>: {e}"));
            let (code, modifiers) = (key.code, key.modifiers);
            (code, modifiers, end + 2)
        } else {
            let modifiers = if c.is_ascii_uppercase() {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            };
            (KeyCode::Char(c), modifiers, c.len_utf8())
        };
        let effect = app.handle_key(&KeyEvent::new(code, modifiers));
        if effect != Effect::None {
            effects.push(effect);
        }
        rest = &rest[len..];
    }
    effects
}

/// Puts the cursor on row `row` of the pane's list, as a person would:
/// to the top, then down.
pub fn select_row(app: &mut App, row: usize) {
    press(app, &format!("g{}", "j".repeat(row)));
}

/// Types text into whatever field is open, character by character (so
/// that `<` and the like are typed, not read as key names).
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        let effect = app.handle_key(&KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        assert_eq!(
            effect,
            Effect::None,
            "typing {c:?} asked the loop for something"
        );
    }
}

/// Draws a frame at `width`×`height`, scrolling first as the event loop does.
pub fn draw(app: &mut App, width: u16, height: u16) -> Buffer {
    app.follow_selection(Rect::new(0, 0, width, height));
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal
        .draw(|frame| frame.render_widget(&*app, frame.area()))
        .expect("draw");
    terminal.backend().buffer().clone()
}

/// The buffer as plain lines (wide characters once, their trailing cell skipped).
pub fn text(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut skip = 0;
        for x in 0..buf.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buf[(x, y)].symbol();
            out.push_str(symbol);
            skip = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
        }
        out.push('\n');
    }
    out
}

/// The buffer as text with, under every line that has any, a line marking
/// the cells drawn in red (`E`, errors), yellow (`W`, warnings), green
/// (`G`) or reversed (`#`, the cursor): what a colour-blind snapshot misses.
pub fn marked(buf: &Buffer) -> String {
    use ratatui::style::{Color, Modifier};
    let screen = text(buf);
    let mut out = String::new();
    for (y, line) in screen.lines().enumerate() {
        out.push_str(line);
        out.push('\n');
        let mut marks = String::new();
        for x in 0..buf.area.width {
            let cell = &buf[(x, y as u16)];
            marks.push(if cell.modifier.contains(Modifier::REVERSED) {
                '#'
            } else {
                match cell.fg {
                    Color::Red => 'E',
                    Color::Yellow => 'W',
                    Color::Green => 'G',
                    _ => ' ',
                }
            });
        }
        if marks.trim().is_empty() {
            continue;
        }
        out.push_str(marks.trim_end());
        out.push('\n');
    }
    out
}
