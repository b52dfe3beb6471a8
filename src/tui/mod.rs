//! The terminal UI: set-up and tear-down, and a synchronous event loop that
//! wakes the moment a key arrives (and once a minute for the clocks).

pub mod app;
mod draw;
pub mod form;
mod input;
pub mod keymap;
pub mod layout;
pub mod line;
pub mod overlay;
mod panes;
mod popups;
mod render;
pub mod theme;
pub mod view;

use std::io::{self, IsTerminal};
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use crossterm::event::{self, Event, KeyEventKind};
use ratatui::DefaultTerminal;

pub use app::{App, Pane};
pub use theme::Theme;

use crate::cli::{self, Cli};
use crate::clock::Clock;
use crate::store::{self, BoardFile, Saved};

/// Opens the board named on the command line in the terminal UI.
pub fn main(args: &Cli) -> ExitCode {
    let fail = |message: String| {
        eprintln!("standup: {message}");
        ExitCode::from(2)
    };
    let clock = match Clock::from_env() {
        Ok(c) => c,
        Err(e) => return fail(e.to_string()),
    };
    let path = match cli::board_path(args) {
        Ok(p) => p,
        Err(e) => return fail(format!("{e:#}")),
    };
    // Refuse an unreadable board before touching the terminal, so the
    // message stays on screen and nothing is drawn over the user's shell.
    let (file, board) = match BoardFile::open(&path) {
        Ok(opened) => opened,
        Err(e) => return fail(e.to_string()),
    };
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        return fail(
            "the board needs a terminal; for scripts use a command (standup --help)".into(),
        );
    }
    let mut app = App::new(board, clock.now(), location(&path), Theme::from_env());
    let mut terminal = ratatui::init();
    let result = event_loop(&mut terminal, &mut app, file, clock);
    ratatui::restore();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(e.to_string()),
    }
}

/// The board's path as shown in the tab bar, with the home folder as `~`.
fn location(path: &Path) -> String {
    let shown = path.display().to_string();
    match std::env::var("HOME") {
        Ok(home) if !home.is_empty() && shown.starts_with(&home) => {
            format!("~{}", &shown[home.len()..])
        }
        _ => shown,
    }
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    mut file: BoardFile,
    clock: Clock,
) -> io::Result<()> {
    // Pasted text arrives as one event instead of a storm of key presses.
    let _ = crossterm::execute!(io::stdout(), crossterm::event::EnableBracketedPaste);
    let result = run(terminal, app, &mut file, &clock);
    let _ = crossterm::execute!(io::stdout(), crossterm::event::DisableBracketedPaste);
    result?;
    if app.dirty {
        // The last save failed: try once more, then keep the board beside
        // the file rather than lose it.
        save(app, &mut file);
        if app.dirty {
            let rescue = rescue_path(file.path(), clock.now());
            store::file::write_atomic(&rescue, store::to_json(&app.board).as_bytes())?;
            return Err(io::Error::other(format!(
                "the board could not be saved to {}; your changes are in {}",
                file.path().display(),
                rescue.display()
            )));
        }
    }
    Ok(())
}

/// Draws, waits for input, applies it, saves at once. While idle, notices
/// when another program changed the file and shows its version.
fn run(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    file: &mut BoardFile,
    clock: &Clock,
) -> io::Result<()> {
    loop {
        let size = terminal.size()?;
        app.follow_selection(ratatui::layout::Rect::new(0, 0, size.width, size.height));
        terminal.draw(|frame| frame.render_widget(&*app, frame.area()))?;
        if event::poll(Duration::from_secs(2))? {
            match event::read()? {
                Event::Key(key) if key.kind != KeyEventKind::Release => app.handle_key(&key),
                Event::Paste(text) => app.handle_paste(&text),
                _ => {}
            }
        } else if !app.dirty && file.changed_on_disk().unwrap_or(false) {
            match file.reload() {
                Ok(board) => app.reloaded(board),
                Err(e) => app.say(app::Tone::Error, e.to_string()),
            }
        }
        app.set_now(clock.now());
        if app.dirty {
            save(app, file);
        }
        if app.quit {
            return Ok(());
        }
    }
}

/// Saves the board now, merging with changes made elsewhere meanwhile.
fn save(app: &mut App, file: &mut BoardFile) {
    match file.save_merging(&app.board) {
        Ok(Saved::Written) => app.saved(),
        Ok(Saved::Merged(merged)) => app.merged(*merged),
        Err(e) => app.save_failed(e.to_string()),
    }
}

/// Where a board that cannot be saved is kept: beside the file, named for
/// the moment, so that nothing is overwritten.
fn rescue_path(path: &Path, now: crate::model::Timestamp) -> std::path::PathBuf {
    let stamp = now.format("%Y%m%d-%H%M%S");
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "board.json".into());
    path.with_file_name(format!("{name}.rescue-{stamp}.json"))
}
