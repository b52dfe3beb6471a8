//! The terminal UI: set-up and tear-down, and the event loop: it wakes the
//! moment a key arrives, takes every key already waiting before drawing,
//! and saves on another thread once typing pauses, so that neither drawing
//! nor saving ever holds up a key.

pub mod app;
mod draw;
pub mod effect;
pub mod form;
mod input;
pub mod issue_form;
pub use crate::keys as keymap;
mod carry;
pub mod layout;
pub mod line;
pub mod meeting;
mod mouse;
pub mod overlays;
mod panes;
mod poster;
mod render;
mod saver;
pub mod shared;
mod signals;
pub use crate::theme;
pub mod timeline;
pub mod view;

use std::io::{self, IsTerminal};
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use crossterm::event::{self, Event, KeyEventKind};
use ratatui::DefaultTerminal;

pub use app::{App, Pane};
pub use effect::Effect;
pub use theme::Theme;

use crate::cli::{self, Cli};
use crate::clock::Clock;
use crate::store::{self, BoardFile, Saved};
use carry::carry_out;
use saver::{Done, Saver};

/// Opens the board named on the command line in the terminal UI.
pub fn main(args: &Cli) -> ExitCode {
    let fail = |message: String| {
        say(&message);
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
    // The log, most of a long-lived board's file, is read after the first
    // frame is drawn.
    let (mut file, mut board, log) = match BoardFile::open_without_log(&path) {
        Ok(opened) => opened,
        Err(e) => return fail(e.to_string()),
    };
    let (config, locale, config_said) = read_config(args);
    if !file.exists() {
        config.shape_new_board(&mut board);
    }
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        return fail(
            "the board needs a terminal; for scripts use a command (standup --help)".into(),
        );
    }
    let theme = config.theme(theme::no_color());
    let mut app = App::new(board, clock.now(), location(&path), theme);
    app.command = crate::invocation::current();
    app.board_choice = board_choice(&path);
    let (keymap, taken) = config.keymap();
    app.keymap = keymap;
    app.locale = locale;
    app.config = config;
    let taken = (!taken.is_empty()).then(|| {
        let notes: Vec<&str> = taken.iter().map(|t| t.get(app.locale.lang)).collect();
        app.locale.f("Config: {0}", &[&notes.join("; ")])
    });
    if let Some(said) = config_said.or(taken) {
        app.say(app::Tone::Warning, said);
    }
    signals::install();
    restore_terminal_on_panic();
    let mut terminal = match ratatui::try_init() {
        Ok(terminal) => terminal,
        Err(e) => {
            let _ = ratatui::try_restore();
            return fail(format!("cannot set up the terminal: {e}"));
        }
    };
    if log.is_some() {
        // Nothing may change or save the board before its log is in place:
        // the loop, which does both, starts after this.
        app.await_log();
        let _ = draw(&mut terminal, &mut app);
    }
    // After the first frame, before the file's text goes (in `read_log`),
    // while this is the one thread: see the function.
    crate::allocator::give_back_freed_memory_at_once();
    if let Some(log) = log {
        match file.read_log(&log) {
            Ok(log) => app.log_read(log),
            Err(e) => {
                let _ = ratatui::try_restore();
                return fail(e.to_string());
            }
        }
    }
    let mut saver = Saver::new(file, publisher(&app));
    // A bug must not cost the user their morning: on a panic the terminal
    // is restored (by the hook) and what was unsaved is still written.
    let looped = panic::catch_unwind(AssertUnwindSafe(|| {
        event_loop(&mut terminal, &mut app, &mut saver, &clock, &path)
    }));
    let panicked = looped.is_err();
    // Saved before the terminal is touched again: on a terminal that hung
    // up, that is the one thing that still matters.
    let saved = save_before_exit(&mut app, &mut saver, &clock, panicked);
    // After a panic the hook has restored the terminal already; restoring
    // twice would put the cursor back over the panic's message.
    if !panicked {
        let _ = ratatui::try_restore();
    }
    match (looped, saved) {
        (_, Err(e)) | (Ok(Err(e)), Ok(_)) => fail(e.to_string()),
        (_, Ok(Some(said))) => {
            say(&said);
            ExitCode::from(101)
        }
        (_, Ok(None)) => ExitCode::SUCCESS,
    }
}

/// The config, the language it sets (or the locale's), and what the first
/// screen should say about the config's mistakes.
fn read_config(args: &Cli) -> (crate::config::Config, crate::i18n::Locale, Option<String>) {
    let (config, problems) = crate::config::read(args.config.as_deref());
    let l = config.locale(crate::i18n::Lang::from_env());
    // The count first: a long message is cut at the screen's edge.
    let said = problems.first().map(|first| {
        let told = first.localized(l.lang);
        match problems.len() {
            1 if first.line == 0 => told,
            1 => l.f("Config {0}; that setting keeps its default", &[&told]),
            n => l.f(
                "Config has {0} mistakes (`standup config show` lists them), the first: {1}",
                &[&n, &told],
            ),
        }
    });
    (config, l, said)
}

/// Tells the user on stderr; a terminal that is gone is not an error here.
fn say(message: &str) {
    use std::io::Write;
    let _ = writeln!(io::stderr(), "standup: {message}");
}

/// Gives the terminal back before a panic's message is printed, so that it
/// is readable and the shell usable. Never itself fails: a failing hook
/// would abort before the unsaved changes are written.
fn restore_terminal_on_panic() {
    let hook = panic::take_hook();
    panic::set_hook(Box::new(move |info| {
        let _ = crossterm::execute!(
            io::stdout(),
            crossterm::event::DisableBracketedPaste,
            crossterm::event::DisableMouseCapture
        );
        let _ = ratatui::try_restore();
        hook(info);
    }));
}

/// The board's path as shown in the tab bar, with the home folder as `~`.
/// What `--board` names the board at `path` by, for hints: nothing for
/// the default board, a named board's name, else the path.
fn board_choice(path: &Path) -> Option<String> {
    if store::paths::board_path(None).is_ok_and(|default| default == path) {
        return None;
    }
    let named = store::paths::data_dir().ok().map(|d| d.join("boards"));
    match (named, path.parent(), path.file_stem()) {
        (Some(boards), Some(parent), Some(stem)) if boards == parent => {
            Some(stem.to_string_lossy().into_owned())
        }
        _ => Some(path.display().to_string()),
    }
}

fn location(path: &Path) -> String {
    let shown = path.display().to_string();
    match std::env::var("HOME") {
        Ok(home) if !home.is_empty() && shown.starts_with(&home) => {
            format!("~{}", &shown[home.len()..])
        }
        _ => shown,
    }
}

/// How long typing must pause before a save starts.
const SAVE_PAUSE: Duration = Duration::from_millis(150);
/// How long changes may wait unsaved while typing goes on without a pause.
const SAVE_AT_LEAST_EVERY: Duration = Duration::from_secs(1);
/// How long the board must be idle before the file is checked for outside
/// changes.
const IDLE_CHECK: Duration = Duration::from_secs(2);
/// The longest the loop waits for a key before looking again at signals,
/// saves and the clock.
const TICK: Duration = Duration::from_millis(250);

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    saver: &mut Saver,
    clock: &Clock,
    path: &Path,
) -> io::Result<()> {
    // Pasted text arrives as one event instead of a storm of key presses.
    // The mouse selects, scrolls and switches panes; the keyboard does all
    // of it too.
    let _ = crossterm::execute!(
        io::stdout(),
        crossterm::event::EnableBracketedPaste,
        crossterm::event::EnableMouseCapture
    );
    let result = run(terminal, app, saver, clock, path);
    let _ = crossterm::execute!(
        io::stdout(),
        crossterm::event::DisableBracketedPaste,
        crossterm::event::DisableMouseCapture
    );
    result
}

/// Writes what is unsaved once the loop is over, however it ended: the
/// save under way, then one last save of what came after it; a board that
/// cannot be saved goes beside the file as a rescue file. After a panic,
/// returns what to tell the user (the panic message itself was printed by
/// the panic hook).
fn save_before_exit(
    app: &mut App,
    saver: &mut Saver,
    clock: &Clock,
    panicked: bool,
) -> io::Result<Option<String>> {
    // A standup left running keeps its speakers' times for when it resumes.
    app.set_now(clock.now());
    if !panicked {
        app.keep_speaking_times();
    }
    if let Some(done) = saver.wait() {
        finished(app, done);
    }
    let Some(mut file) = saver.file() else {
        return Err(io::Error::other("the saving thread is still busy"));
    };
    let shown = file.path().display().to_string();
    // A panic may have struck halfway through a change: a board that no
    // longer holds together is not written over the good one.
    let whole = !panicked || app.board.integrity_problems().is_empty();
    if app.dirty && whole {
        save_now(app, &mut file);
    }
    if !app.dirty {
        return Ok(panicked.then(|| {
            format!("standup stopped on an internal error; your board was saved to {shown}")
        }));
    }
    // It could not be saved: keep the board where it can be written (beside
    // the file, else the state, home or temp directory) rather than lose it.
    let rescue = store::rescue::write(
        file.path(),
        clock.now(),
        store::to_json(&app.board).as_bytes(),
    )?;
    let why = if whole {
        format!("the board could not be saved to {shown}")
    } else {
        format!("standup stopped on an internal error; the board in {shown} was left as it was")
    };
    let said = format!(
        "{why}; your changes are in {} (`standup restore --rescued` lists it, \
         `standup restore --rescued 1` puts it back)",
        rescue.display()
    );
    if panicked {
        Ok(Some(said))
    } else {
        Err(io::Error::other(said))
    }
}

/// Prepares what the selection shows at the terminal's size, and draws;
/// returns the screen's area.
fn draw(terminal: &mut DefaultTerminal, app: &mut App) -> io::Result<ratatui::layout::Rect> {
    let size = terminal.size()?;
    let screen = ratatui::layout::Rect::new(0, 0, size.width, size.height);
    app.follow_selection(screen);
    terminal.draw(|frame| frame.render_widget(&*app, frame.area()))?;
    Ok(screen)
}

/// Draws, waits for input, applies every key waiting, and saves once
/// typing pauses. While idle, notices when another program changed the
/// file and shows its version.
fn run(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    saver: &mut Saver,
    clock: &Clock,
    path: &Path,
) -> io::Result<()> {
    // The board open now: `B` may switch to another.
    let mut path = path.to_path_buf();
    let mut last_input = Instant::now();
    let mut dirty_since: Option<Instant> = None;
    // The change count whose save failed: not retried until another change.
    let mut failed_at: Option<u64> = None;
    let fault = Fault::from_env();
    let mut poster = poster::Poster::default();
    // What was last drawn: the screen clock then, and the area. A frame is
    // drawn only when something changed or the clock on screen moved on,
    // so an idle board writes nothing to the terminal.
    let mut shown: Option<(i64, ratatui::layout::Rect)> = None;
    let mut changed = true;
    loop {
        let screen = match shown {
            Some((clock, screen)) if !changed && clock == app.screen_clock() => screen,
            _ => {
                let screen = draw(terminal, app)?;
                shown = Some((app.screen_clock(), screen));
                changed = false;
                screen
            }
        };
        let wait = if app.dirty || saver.busy() {
            Duration::from_millis(50)
        } else {
            TICK
        };
        // Events the terminal library already holds come first; then the
        // terminal is watched for more (or for hanging up).
        let ready =
            !signals::stopping() && (event::poll(Duration::ZERO)? || signals::input_ready(wait));
        let mut quit = false;
        if ready && event::poll(Duration::ZERO)? {
            // Every key already waiting, each effect carried out before the
            // next key is read (a key after `B` lands in the picker).
            loop {
                let effect = handle(app, event::read()?, fault, screen);
                quit = carry_out(effect, app, saver, clock, &mut path, &mut poster);
                if quit || !event::poll(Duration::ZERO)? {
                    break;
                }
            }
            last_input = Instant::now();
            changed = true;
        } else if !app.dirty
            && last_input.elapsed() >= IDLE_CHECK
            && let Some(mut file) = saver.file()
            && file.changed_on_disk().unwrap_or(false)
        {
            match file.reload() {
                Ok(board) => app.reloaded(board),
                Err(e) => app.say(app::Tone::Error, e.to_string()),
            }
            changed = true;
        }
        if signals::stop_requested() {
            // Stopped from outside (or the terminal closed): like `q`,
            // keeping what a form holds.
            app.submit_open_form();
            quit = true;
        }
        app.set_now(clock.now());
        for answer in poster.poll() {
            changed = true;
            match answer {
                Ok(said) => app.say(app::Tone::Info, said),
                Err(said) => app.say(app::Tone::Error, said),
            }
        }
        if let Some(done) = saver.poll() {
            changed = true;
            if done.result.is_err() {
                failed_at = Some(done.upto);
            }
            finished(app, done);
        }
        if !app.dirty {
            dirty_since = None;
        } else {
            let since = *dirty_since.get_or_insert_with(Instant::now);
            let due = last_input.elapsed() >= SAVE_PAUSE || since.elapsed() >= SAVE_AT_LEAST_EVERY;
            if due && failed_at != Some(app.changes) && !quit {
                saver.start(app.board.lend(), app.changes, app.now);
                changed = true;
            }
        }
        if quit {
            return Ok(());
        }
    }
}

/// A deliberate crash for the tests of what a crash does (the board saved,
/// the terminal given back): `STANDUP_TEST_PANIC_KEY=<char>` makes that
/// key panic. Nothing else reads it.
#[derive(Clone, Copy)]
struct Fault {
    panic_key: Option<char>,
}

impl Fault {
    fn from_env() -> Fault {
        let panic_key = std::env::var("STANDUP_TEST_PANIC_KEY")
            .ok()
            .and_then(|v| v.chars().next());
        Fault { panic_key }
    }
}

fn handle(app: &mut App, event: Event, fault: Fault, screen: ratatui::layout::Rect) -> Effect {
    if let Event::Key(key) = &event
        && fault.panic_key.is_some()
        && key.code == crossterm::event::KeyCode::Char(fault.panic_key.unwrap_or_default())
    {
        panic!("STANDUP_TEST_PANIC_KEY was pressed");
    }
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => return app.handle_key(&key),
        Event::Paste(text) => app.handle_paste(&text),
        Event::Mouse(mouse) => app.handle_mouse(&mouse, screen),
        _ => {}
    }
    Effect::None
}

/// Where every save also writes the board's web page (`[publish] dir`).
fn publisher(app: &App) -> Option<store::publish::Publish> {
    Some(store::publish::Publish {
        dir: app.config.publish_dir.clone()?,
        locale: app.locale.clone(),
        first_day: app.config.week_start,
    })
}

/// Tells the app how a save on the saving thread went.
fn finished(app: &mut App, done: Done) {
    match done.result {
        Ok(Saved::Written) => app.saved_up_to(done.upto),
        Ok(Saved::Merged(merged)) => match done.snapshot {
            Some(snapshot) => app.merged_up_to(*merged, &snapshot, done.upto),
            None => app.merged(*merged),
        },
        Err(e) => app.save_failed(e.to_string()),
    }
    for warning in done.warnings {
        app.save_warning(&warning);
    }
}

/// Saves the board now, on this thread, merging with changes made
/// elsewhere meanwhile.
fn save_now(app: &mut App, file: &mut BoardFile) {
    let saved = match file.save_merging(&app.board) {
        Ok(Saved::Written) => {
            app.saved();
            true
        }
        Ok(Saved::Merged(merged)) => {
            app.merged(*merged);
            true
        }
        Err(e) => {
            app.save_failed(e.to_string());
            false
        }
    };
    for warning in file.take_warnings() {
        app.save_warning(&warning);
    }
    if saved
        && let Some(publish) = publisher(app)
        && let Err(said) = publish.publish(app.board(), file.path(), app.now)
    {
        app.save_warning(&said);
    }
}
