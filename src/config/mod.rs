//! The user's `config.toml`: key bindings, theme, what a new board starts
//! with, and the first day of the week. A missing file means defaults. A
//! file with mistakes still configures everything it got right: each
//! mistake is a [`Problem`] naming its line and key, and that one setting
//! keeps its default (the TUI says so on its first screen, the CLI on
//! stderr).

pub mod chat;
mod parse;
mod show;

use std::path::{Path, PathBuf};

use chrono::Weekday;
use ratatui::style::Style;

use crate::i18n::{Lang, Locale, Text};
use crate::keys::Pane;
use crate::keys::{Command, Key, Keymap};
use crate::model::Board;
use crate::model::board::Column;
use crate::model::settings::{SlaTargets, StandupTiming};
use crate::theme::Theme;

pub use show::{show, template};

/// One rebinding: `command` to `keys`, in `pane` or (`None`) wherever it is
/// bound by default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rebinding {
    pub pane: Option<Pane>,
    pub command: Command,
    pub keys: Vec<Key>,
}

/// A setting that could not be used, and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based; 0 when the file as a whole is at fault.
    pub line: usize,
    /// The dotted key (`keys.board.move_card_left`).
    pub key: String,
    /// In every language: the file being read may set the one to show it in.
    pub message: Text,
}

impl Problem {
    /// The problem with its line and key, in `l`.
    pub fn localized(&self, l: Lang) -> String {
        let message = self.message.get(l);
        match (self.line, self.key.is_empty()) {
            (0, _) => message.to_string(),
            (line, true) => l.f("line {0}: {1}", &[&line, &message]),
            (line, false) => l.f("line {0}, {1}: {2}", &[&line, &self.key, &message]),
        }
    }
}

crate::i18n::english_display!(Problem);

/// The effective configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// The file it was read from, if one was.
    pub source: Option<PathBuf>,
    /// `theme.name`, when set.
    pub theme_name: Option<String>,
    /// `theme.<style>` settings in file order: the style's name, the text
    /// that set it, and the style.
    pub styles: Vec<(String, String, Style)>,
    pub keys: Vec<Rebinding>,
    /// Columns (name, WIP limit) of a new board.
    pub columns: Option<Vec<(String, Option<u32>)>>,
    /// SLA targets of a new board.
    pub sla: Option<SlaTargets>,
    /// Standup timing of a new board.
    pub standup: Option<StandupTiming>,
    /// For weekly reports and the flow charts.
    pub week_start: Weekday,
    /// The interface language, when the file sets it (else the locale's).
    pub language: Option<Lang>,
    /// How dates are written in full, when the file sets it.
    pub date_format: Option<String>,
    /// `[publish] dir`: where every save also writes the board's web page.
    pub publish_dir: Option<PathBuf>,
    /// `[chat.NAME]`: the groups the record is posted to, in file order.
    pub chats: Vec<chat::ChatTarget>,
    /// `[alerts]`.
    pub alerts: chat::AlertRules,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            source: None,
            theme_name: None,
            styles: Vec::new(),
            keys: Vec::new(),
            columns: None,
            publish_dir: None,
            chats: Vec::new(),
            alerts: chat::AlertRules::default(),
            sla: None,
            standup: None,
            week_start: Weekday::Mon,
            language: None,
            date_format: None,
        }
    }
}

/// Where the config file is read from: `--config`, else
/// `$XDG_CONFIG_HOME/standup/config.toml` (or the platform's equivalent).
pub fn path(explicit: Option<&Path>) -> Option<PathBuf> {
    if let Some(p) = explicit {
        return Some(p.to_path_buf());
    }
    directories::ProjectDirs::from("", "", "standup").map(|d| d.config_dir().join("config.toml"))
}

/// Why the file could not be read at all (not its mistakes, which are
/// [`Problem`]s).
#[derive(Debug, thiserror::Error)]
#[error("{}", self.localized(Lang::En))]
pub struct Unreadable {
    pub path: PathBuf,
    pub cause: std::io::Error,
}

impl Unreadable {
    /// The message in `l` (the cause is the system's, in its own words).
    pub fn localized(&self, l: Lang) -> String {
        l.f(
            "cannot read the config file {0}: {1}",
            &[&self.path.display(), &self.cause],
        )
    }
}

/// Reads the config at `path`. A file that does not exist is the
/// defaults, unless it was named with `--config` (`explicit`): then the
/// user meant a file that is not there, which is a mistake to report.
pub fn load(path: Option<&Path>, explicit: bool) -> Result<(Config, Vec<Problem>), Unreadable> {
    let Some(path) = path else {
        return Ok((Config::default(), Vec::new()));
    };
    match std::fs::read_to_string(path) {
        Ok(text) => {
            let (mut config, mut problems) = parse::parse(&text);
            config.source = Some(path.to_path_buf());
            guard_secrets(&mut config, path, &mut problems);
            Ok((config, problems))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !explicit => {
            Ok((Config::default(), Vec::new()))
        }
        Err(cause) => Err(Unreadable {
            path: path.to_path_buf(),
            cause,
        }),
    }
}

/// A signing secret written in the file is only used when the file is
/// its owner's alone (mode 0600): otherwise anyone on the machine could
/// post as the team's bot. Such a target is left out, and said.
fn guard_secrets(config: &mut Config, path: &Path, problems: &mut Vec<Problem>) {
    use std::os::unix::fs::PermissionsExt;
    let open = std::fs::metadata(path).is_ok_and(|m| m.permissions().mode() & 0o077 != 0);
    if !open {
        return;
    }
    config.chats.retain(|target| {
        let inline = matches!(target.secret, Some(chat::Secret::Inline(_)));
        if inline {
            let name = target.name.clone();
            problems.push(Problem {
                line: 0,
                key: format!("chat.{name}.secret"),
                message: Text::new(move |l| {
                    l.f(
                        "a secret in a file others can read: run chmod 600 on the config, or use secret_env; [chat.{0}] is left out",
                        &[&name],
                    )
                }),
            });
        }
        !inline
    });
}

/// The config for a run, from `--config` (`explicit`) or the default
/// place. A file that cannot be read at all is one problem (line 0) and
/// every default, so that callers have one list to tell the user.
pub fn read(explicit: Option<&Path>) -> (Config, Vec<Problem>) {
    let path = path(explicit);
    match load(path.as_deref(), explicit.is_some()) {
        Ok(loaded) => loaded,
        Err(e) => (
            Config::default(),
            vec![Problem {
                line: 0,
                key: String::new(),
                message: Text::new(|l| l.f("{0}; using the defaults", &[&e.localized(l)])),
            }],
        ),
    }
}

impl Problem {
    /// The problem with the file it is in, for a message on its own.
    pub fn located(&self, config: &Config) -> String {
        match &config.source {
            Some(path) if self.line > 0 => format!("{}: {self}", path.display()),
            _ => self.to_string(),
        }
    }
}

/// Reads the config text directly (for tests and `config show --file`).
pub fn from_text(text: &str) -> (Config, Vec<Problem>) {
    parse::parse(text)
}

impl Config {
    /// The language and date format to write with: the file's language,
    /// else the locale's (`from_env`, given by the caller so that the
    /// environment is read at the edge).
    pub fn locale(&self, from_env: Lang) -> Locale {
        Locale::new(self.language.unwrap_or(from_env), self.date_format.clone())
    }

    /// The key table with this config's rebindings; the notes say which
    /// default keys were taken over.
    pub fn keymap(&self) -> (Keymap, Vec<Text>) {
        let mut map = Keymap::default();
        let mut notes = Vec::new();
        for r in &self.keys {
            notes.extend(map.rebind(r.pane, r.command, &r.keys));
        }
        (map, notes)
    }

    /// The theme: the named one (else monochrome under `NO_COLOR`, else the
    /// default), with this config's styles over it. A theme named in the
    /// file wins over `NO_COLOR`, as that convention asks.
    pub fn theme(&self, no_color: bool) -> Theme {
        let mut theme = match self.theme_name.as_deref().and_then(Theme::named) {
            Some(theme) => theme,
            None if no_color => Theme::monochrome(),
            None => Theme::colored(),
        };
        for (field, _, style) in &self.styles {
            theme.set(field, *style);
        }
        theme
    }

    /// Gives a board that does not exist yet this config's columns, SLA
    /// targets and standup timing.
    pub fn shape_new_board(&self, board: &mut Board) {
        if let Some(columns) = &self.columns {
            board.columns.clear();
            for (name, wip) in columns {
                let id = Column::fresh_id(name, &board.columns);
                board.columns.push(Column {
                    id,
                    name: name.clone(),
                    wip: *wip,
                });
            }
            board.reindex();
        } else {
            // The default columns, named in the board's language: a Chinese
            // team's first board reads 待办 进行中 评审 已完成.
            let l = self.locale(crate::i18n::Lang::from_env()).lang;
            for column in &mut board.columns {
                let name = match column.id.as_str() {
                    "todo" => crate::i18n::mark("To do"),
                    "doing" => crate::i18n::mark("Doing"),
                    "review" => crate::i18n::mark("Review"),
                    "done" => crate::i18n::mark("Done"),
                    _ => continue,
                };
                column.name = l.t(name).to_string();
            }
        }
        if let Some(sla) = &self.sla {
            board.settings.sla = *sla;
        }
        if let Some(standup) = &self.standup {
            board.settings.standup = *standup;
        }
    }
}
