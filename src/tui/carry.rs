//! What the loop does for a key's [`Effect`]: the things that need the
//! files and the saver, which the keys themselves cannot touch.

use std::path::Path;

use super::app::{self, App};
use super::poster::Poster;
use super::saver::Saver;
use super::{Effect, board_choice, finished, location, publisher, save_now};
use crate::clock::Clock;
use crate::store::{self, BoardFile};

/// Does what a key asked of the loop (see [`Effect`]); returns whether to
/// quit.
pub(super) fn carry_out(
    effect: Effect,
    app: &mut App,
    saver: &mut Saver,
    clock: &Clock,
    path: &mut std::path::PathBuf,
    poster: &mut Poster,
) -> bool {
    match effect {
        Effect::None => {}
        Effect::Quit => return true,
        Effect::ListBoards => {
            let listed = store::paths::data_dir()
                .map(|dir| store::boards::list(&dir, app.now))
                .unwrap_or_default();
            app.show_boards(listed, path);
        }
        Effect::OpenBoard(next) => {
            *path = switch_board(app, saver, path, &next);
            app.board_choice = board_choice(path);
        }
        Effect::CreateBoard(name) => {
            *path = create_board(app, saver, path, &name);
            app.board_choice = board_choice(path);
        }
        Effect::WriteMinutes(started) => {
            // The minutes say when they were written: now, not at the
            // loop's last tick.
            app.set_now(clock.now());
            write_minutes(app, path, started);
            offer_to_post(app, started);
        }
        Effect::PostMinutes(started) => post_minutes(app, poster, started),
    }
    false
}

/// Creates the board `name` under `boards/` and switches to it (just
/// switches, when it exists). The new board is named and written at once,
/// so that `B` and `standup boards` list it from now on.
fn create_board(app: &mut App, saver: &mut Saver, here: &Path, name: &str) -> std::path::PathBuf {
    let next = match store::paths::board_path(Some(name)) {
        Ok(next) => next,
        Err(e) => {
            app.say(app::Tone::Error, e.to_string());
            return here.to_path_buf();
        }
    };
    let existed = next.exists();
    let path = switch_board(app, saver, here, &next);
    if path != next {
        return path;
    }
    if existed {
        let said = app.locale.f("{0} exists already: opened it", &[&name]);
        app.say(app::Tone::Info, said);
        return path;
    }
    app.config.shape_new_board(app.board.get_mut());
    app.refresh();
    let _ = app.perform(&crate::model::Action::SetInfo {
        name: Some(name.to_string()),
        goal: None,
    });
    if let Some(mut file) = saver.file() {
        save_now(app, &mut file);
    }
    if !app.dirty {
        let said = app
            .locale
            .f("Created board {0} in {1}", &[&name, &location(&next)]);
        app.say(app::Tone::Info, said);
    }
    path
}

/// Saves the board open now and carries on with the one at `next`. Stays
/// on this board, saying why, when it cannot be saved or `next` not read.
fn switch_board(app: &mut App, saver: &mut Saver, here: &Path, next: &Path) -> std::path::PathBuf {
    app.keep_speaking_times();
    if let Some(done) = saver.wait() {
        finished(app, done);
    }
    if app.dirty
        && let Some(mut file) = saver.file()
    {
        save_now(app, &mut file);
    }
    let here = here.to_path_buf();
    if app.dirty {
        let said = app
            .locale
            .t("This board could not be saved, so it stays open: see the message above");
        app.say(app::Tone::Error, said);
        return here;
    }
    match BoardFile::open(next) {
        Ok((file, board)) => {
            *saver = Saver::new(file, publisher(app));
            app.switch_board(board, location(next));
            next.to_path_buf()
        }
        Err(e) => {
            app.say(app::Tone::Error, e.to_string());
            here
        }
    }
}

/// Writes the minutes of the standup that just ended beside the board and
/// says where.
fn write_minutes(app: &mut App, path: &Path, started: crate::model::Timestamp) {
    let Some(i) = app.board.standup_at(started) else {
        return;
    };
    match store::minutes::write(path, &app.board, i, app.now, &app.locale) {
        Ok((written, length)) => {
            let said = app.locale.f(
                "Standup ended ({0} min). Minutes written to {1}",
                &[&length, &location(&written)],
            );
            app.say(app::Tone::Info, said);
        }
        Err(e) => {
            let said = app.locale.f(
                "The standup ended, but its minutes could not be written ({0}): `standup report` prints them",
                &[&e],
            );
            app.say(app::Tone::Error, said);
        }
    }
}

/// After a standup ends: one key posts its minutes to the chats in
/// config.toml (never without asking).
fn offer_to_post(app: &mut App, started: crate::model::Timestamp) {
    if app.config.chats.is_empty() || app.board.standup_at(started).is_none() {
        return;
    }
    let names: Vec<String> = app
        .config
        .chats
        .iter()
        .map(|t| format!("[chat.{}] ({})", t.name, t.kind.name()))
        .collect();
    let question = app
        .locale
        .f("Post the minutes to {0}?", &[&names.join(", ")]);
    app.ask_to_post(question, started);
}

/// Starts posting the minutes of the standup that started at `started`.
fn post_minutes(app: &mut App, poster: &mut Poster, started: crate::model::Timestamp) {
    let Some(i) = app.board.standup_at(started) else {
        return;
    };
    let l = app.locale.clone();
    let post = match crate::chat::minutes_post(&app.board, i, app.now, &l) {
        Ok(post) => post,
        Err(e) => {
            app.say(app::Tone::Error, e.to_string());
            return;
        }
    };
    poster.start(
        app.config.chats.clone(),
        post,
        app.now.timestamp_millis(),
        l.lang,
    );
    app.say(app::Tone::Info, l.t("Posting the minutes…"));
}
