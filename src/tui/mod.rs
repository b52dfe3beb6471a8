//! The terminal UI: set-up and tear-down, and a synchronous event loop that
//! wakes the moment a key arrives (and once a minute for the clocks).

pub mod app;
mod draw;
pub mod keymap;
pub mod layout;
mod panes;
mod render;
pub mod theme;

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
use crate::store::BoardFile;

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
    loop {
        let size = terminal.size()?;
        app.follow_selection(ratatui::layout::Rect::new(0, 0, size.width, size.height));
        terminal.draw(|frame| frame.render_widget(&*app, frame.area()))?;
        // Sleep until a key, or until the next minute for the SLA clocks.
        if event::poll(Duration::from_secs(30))? {
            match event::read()? {
                Event::Key(key) if key.kind != KeyEventKind::Release => app.handle_key(&key),
                _ => {}
            }
        }
        app.set_now(clock.now());
        if app.quit {
            if app.dirty {
                file.save(&app.board).map_err(io::Error::other)?;
            }
            return Ok(());
        }
    }
}
