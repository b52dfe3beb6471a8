//! Reading `config.toml` setting by setting, so that one mistake costs one
//! setting and is reported with its line and key. toml_edit keeps where
//! each key and value is in the text, which a plain deserialiser forgets.

mod chat;

use std::ops::Range;

use chrono::Weekday;
use toml_edit::{ImDocument, Item, TableLike};

use super::{Config, Problem, Rebinding};
use crate::i18n::{Lang, Locale, Text};
use crate::keys::Pane;
use crate::keys::{Command, Key};
use crate::model::settings::StandupTiming;
use crate::theme::{Theme, parse_style};

/// The settings at the top of the file, before any `[table]`.
const ROOT_SETTINGS: [&str; 3] = ["week_start", "language", "date_format"];

/// The config in `text`, and what in it could not be used.
pub fn parse(text: &str) -> (Config, Vec<Problem>) {
    let mut reader = Reader {
        text,
        config: Config::default(),
        problems: Vec::new(),
    };
    // A line TOML cannot read (a number too large for it, a stray quote)
    // is blanked and the rest read again, so that it costs that setting
    // alone; line numbers stay those of the file.
    let mut lines: Vec<&str> = text.split('\n').collect();
    for _ in 0..MAX_BAD_LINES {
        let current = lines.join("\n");
        match ImDocument::parse(current.as_str()) {
            Ok(doc) => {
                reader.root(doc.as_table());
                return (reader.config, reader.problems);
            }
            Err(e) => {
                let line = e.span().map_or(0, |s| reader.line(s.start));
                let Some(bad) = line.checked_sub(1).filter(|i| *i < lines.len()) else {
                    break;
                };
                let key = lines[bad]
                    .split('=')
                    .next()
                    .unwrap_or("")
                    .trim()
                    .to_string();
                let why = e.message().trim().to_string();
                reader.problems.push(Problem {
                    line,
                    key,
                    message: Text::new(move |l| {
                        l.f(
                            "{0} (this line was ignored; the rest of the file is in effect)",
                            &[&why],
                        )
                    }),
                });
                lines[bad] = "";
            }
        }
    }
    reader.problems.push(Problem {
        line: 0,
        key: String::new(),
        message: Text::new(|l| {
            l.t("the file could not be read (the whole file was ignored: every setting has its default)")
                .into()
        }),
    });
    reader.config = Config::default();
    (reader.config, reader.problems)
}

/// How many unreadable lines are set aside before the file is given up.
const MAX_BAD_LINES: usize = 20;

struct Reader<'t> {
    text: &'t str,
    config: Config,
    problems: Vec<Problem>,
}

/// The panes as `[keys.<pane>]` names them.
const PANES: [(&str, Pane); 5] = [
    ("board", Pane::Board),
    ("raci", Pane::Raci),
    ("issues", Pane::Issues),
    ("standup", Pane::Standup),
    ("timeline", Pane::Timeline),
];

impl Reader<'_> {
    fn line(&self, offset: usize) -> usize {
        let end = offset.min(self.text.len());
        self.text.as_bytes()[..end]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1
    }

    /// A mistake at `span`; `message` writes it in a given language.
    fn problem(&mut self, span: Option<Range<usize>>, key: &str, message: impl Fn(Lang) -> String) {
        self.mistake(span, key, Text::new(message));
    }

    fn mistake(&mut self, span: Option<Range<usize>>, key: &str, message: Text) {
        self.problems.push(Problem {
            line: span.map_or(0, |s| self.line(s.start)),
            key: key.to_string(),
            message,
        });
    }

    /// A name the table `table` does not know. A top-level setting written
    /// below a `[table]` header is read by TOML as part of that table (as
    /// when a line is added at the end of the file), which a user does not
    /// expect: that is said instead of the table's list of names.
    fn unknown(
        &mut self,
        span: Option<Range<usize>>,
        table: &str,
        name: &str,
        known: impl Fn(Lang) -> String,
    ) {
        let key = format!("{table}.{name}");
        if ROOT_SETTINGS.contains(&name) {
            self.problem(span, &key, |l| {
                l.f(
                    "`{0}` is a top-level setting: move it above the first [table] (here it is read as part of [{1}])",
                    &[&name, &table],
                )
            });
        } else {
            self.problem(span, &key, known);
        }
    }

    /// Each entry of a table with where its key is, for the caller to read.
    fn entries(table: &dyn TableLike) -> Vec<(&str, Option<Range<usize>>, &Item)> {
        table
            .iter()
            .map(|(name, item)| {
                let span = table
                    .key(name)
                    .and_then(|k| k.span())
                    .or_else(|| item.span());
                (name, span, item)
            })
            .collect()
    }

    fn root(&mut self, root: &dyn TableLike) {
        for (name, span, item) in Self::entries(root) {
            match name {
                "week_start" => self.week_start(span, item),
                "language" => self.language(span, item),
                "date_format" => self.date_format(span, item),
                "theme" => self.section(span, name, item, Self::theme),
                "board" => self.section(span, name, item, Self::board),
                "standup" => self.section(span, name, item, Self::standup),
                "keys" => self.section(span, name, item, Self::keys),
                "publish" => self.section(span, name, item, Self::publish),
                "chat" => self.section(span, name, item, Self::chats),
                "alerts" => self.section(span, name, item, Self::alerts),
                other => self.problem(span, other, |l| {
                    l.f(
                        "not a setting (known: {0}, [theme], [board], [standup], [publish], [chat.NAME], [alerts], [keys])",
                        &[&ROOT_SETTINGS.join(", ")],
                    )
                }),
            }
        }
    }

    fn section(
        &mut self,
        span: Option<Range<usize>>,
        name: &str,
        item: &Item,
        read: fn(&mut Self, &dyn TableLike),
    ) {
        match item.as_table_like() {
            Some(table) => read(self, table),
            None => self.problem(span, name, |l| l.f("should be a table: [{0}]", &[&name])),
        }
    }

    fn week_start(&mut self, span: Option<Range<usize>>, item: &Item) {
        let day = item
            .as_str()
            .and_then(|s| s.trim().to_lowercase().parse::<Weekday>().ok());
        match day {
            Some(day) => self.config.week_start = day,
            None => self.problem(span, "week_start", |l| {
                l.t("should be a day's name: \"monday\", \"sunday\", …")
                    .into()
            }),
        }
    }

    fn language(&mut self, span: Option<Range<usize>>, item: &Item) {
        match item.as_str().and_then(Lang::from_code) {
            Some(lang) => self.config.language = Some(lang),
            None => self.problem(span, "language", |l| {
                l.t("should be \"en\" (English) or \"zh\" (Simplified Chinese)")
                    .into()
            }),
        }
    }

    fn date_format(&mut self, span: Option<Range<usize>>, item: &Item) {
        let Some(pattern) = item.as_str() else {
            return self.problem(span, "date_format", |l| {
                l.t("should be a string such as \"%Y-%m-%d\"").into()
            });
        };
        match Locale::check_date_format(pattern) {
            Ok(()) => self.config.date_format = Some(pattern.to_string()),
            Err(why) => self.mistake(span, "date_format", why),
        }
    }

    fn theme(&mut self, table: &dyn TableLike) {
        for (name, span, item) in Self::entries(table) {
            let key = format!("theme.{name}");
            let Some(text) = item.as_str() else {
                self.problem(span, &key, |l| l.t("should be a string").into());
                continue;
            };
            if name == "name" {
                if Theme::named(text).is_some() {
                    self.config.theme_name = Some(text.to_string());
                } else {
                    let names = Theme::NAMES.join(", ");
                    self.problem(span, &key, |l| {
                        l.f("`{0}` is not a theme (known: {1})", &[&text, &names])
                    });
                }
                continue;
            }
            if !Theme::FIELDS.contains(&name) {
                let fields = Theme::FIELDS.join(", ");
                self.unknown(span, "theme", name, |l| {
                    l.f("not a style (known: name, {0})", &[&fields])
                });
                continue;
            }
            match parse_style(text) {
                Ok(style) => self
                    .config
                    .styles
                    .push((name.to_string(), text.to_string(), style)),
                Err(e) => self.mistake(span, &key, e),
            }
        }
    }

    fn board(&mut self, table: &dyn TableLike) {
        let mut wip: Vec<(String, u32, Option<Range<usize>>)> = Vec::new();
        for (name, span, item) in Self::entries(table) {
            let key = format!("board.{name}");
            match name {
                "columns" => {
                    let names: Option<Vec<String>> = item.as_array().map(|a| {
                        a.iter()
                            .filter_map(|v| v.as_str().map(|s| s.trim().to_string()))
                            .collect()
                    });
                    let count = item.as_array().map_or(0, |a| a.len());
                    match names {
                        Some(names)
                            if !names.is_empty()
                                && names.len() == count
                                && names.iter().all(|n| !n.is_empty()) =>
                        {
                            let mut lower: Vec<String> =
                                names.iter().map(|n| n.to_lowercase()).collect();
                            lower.sort();
                            lower.dedup();
                            if lower.len() != names.len() {
                                self.problem(span, &key, |l| l.t("names a column twice").into());
                            } else {
                                self.config.columns =
                                    Some(names.into_iter().map(|n| (n, None)).collect());
                            }
                        }
                        _ => self.problem(span, &key, |l| {
                            l.t("should be a list of column names, left to right: [\"To do\", \"Doing\", \"Done\"]")
                                .into()
                        }),
                    }
                }
                "wip" => match item.as_table_like() {
                    Some(limits) => {
                        for (column, span, item) in Self::entries(limits) {
                            match item.as_integer() {
                                Some(n) if (1..=999).contains(&n) => {
                                    wip.push((column.to_string(), n as u32, span))
                                }
                                _ => self.problem(span, &format!("board.wip.{column}"), |l| {
                                    l.t("a WIP limit is a whole number from 1 to 999").into()
                                }),
                            }
                        }
                    }
                    None => self.problem(span, &key, |l| {
                        l.t("should be a table of limits by column name: { Doing = 5 }")
                            .into()
                    }),
                },
                "sla" => match item.as_str().map(|s| s.parse()) {
                    Some(Ok(targets)) => self.config.sla = Some(targets),
                    Some(Err(e)) => self.problem(span, &key, |l| e.localized(l)),
                    None => self.problem(span, &key, |l| {
                        l.t("should be a string: \"30m/2h 2h/1d 1d/3d 3d/10d 1w/30d\"")
                            .into()
                    }),
                },
                other => self.unknown(span, "board", other, |l| {
                    l.f("not a setting (known: {0})", &[&"columns, wip, sla"])
                }),
            }
        }
        // Limits name columns: those of the file, else the default ones.
        let mut columns = self.config.columns.clone().unwrap_or_else(|| {
            crate::model::Board::default()
                .columns
                .into_iter()
                .map(|c| (c.name, None))
                .collect()
        });
        let mut any = false;
        for (column, limit, span) in wip {
            match columns
                .iter_mut()
                .find(|(name, _)| name.to_lowercase() == column.to_lowercase())
            {
                Some(slot) => {
                    slot.1 = Some(limit);
                    any = true;
                }
                None => {
                    let known: Vec<&str> = columns.iter().map(|(n, _)| n.as_str()).collect();
                    let known = known.join(", ");
                    self.problem(span, &format!("board.wip.{column}"), |l| {
                        l.f("no such column (the columns are: {0})", &[&known])
                    })
                }
            }
        }
        if any || self.config.columns.is_some() {
            self.config.columns = Some(columns);
        }
    }

    /// `[publish] dir = "…"`: a folder (`~` is the home folder).
    fn publish(&mut self, table: &dyn TableLike) {
        for (name, span, item) in Self::entries(table) {
            if name != "dir" {
                self.unknown(span, "publish", name, |l| {
                    l.f("not a setting (known: {0})", &[&"dir"])
                });
                continue;
            }
            match item.as_str().map(str::trim).filter(|d| !d.is_empty()) {
                Some(dir) => {
                    let home = std::env::var_os("HOME").map(std::path::PathBuf::from);
                    let path = match (dir.strip_prefix("~/"), home) {
                        (Some(rest), Some(home)) => home.join(rest),
                        _ => std::path::PathBuf::from(dir),
                    };
                    self.config.publish_dir = Some(path);
                }
                None => self.problem(span, "publish.dir", |l| {
                    l.t("should be a folder, such as \"~/Shared/standup\"")
                        .into()
                }),
            }
        }
    }

    fn standup(&mut self, table: &dyn TableLike) {
        let mut timing = self.config.standup.unwrap_or_default();
        let mut any = false;
        for (name, span, item) in Self::entries(table) {
            let key = format!("standup.{name}");
            let slot = match name {
                "timebox_minutes" => &mut timing.timebox_minutes,
                "speaker_minutes" => &mut timing.speaker_minutes,
                _ => {
                    self.unknown(span, "standup", name, |l| {
                        l.f(
                            "not a setting (known: {0})",
                            &[&"timebox_minutes, speaker_minutes"],
                        )
                    });
                    continue;
                }
            };
            match item.as_integer() {
                Some(n) if (1..=240).contains(&n) => {
                    *slot = n as u32;
                    any = true;
                }
                _ => self.problem(span, &key, |l| {
                    l.t("should be a whole number of minutes, 1 to 240").into()
                }),
            }
        }
        if timing.speaker_minutes > timing.timebox_minutes {
            self.problem(None, "standup.speaker_minutes", |l| {
                l.t("is longer than the whole standup: both kept at their defaults")
                    .into()
            });
            return;
        }
        if any {
            self.config.standup = Some(StandupTiming { ..timing });
        }
    }

    fn keys(&mut self, table: &dyn TableLike) {
        for (name, span, item) in Self::entries(table) {
            if let Some((_, pane)) = PANES.iter().find(|(n, _)| *n == name) {
                match item.as_table_like() {
                    Some(t) => self.bindings(t, Some(*pane), &format!("keys.{name}")),
                    None => self.problem(span, &format!("keys.{name}"), |l| {
                        l.f("should be a table: [{0}]", &[&format!("keys.{name}")])
                    }),
                }
                continue;
            }
            self.binding(name, span, item, None, "keys");
        }
    }

    fn bindings(&mut self, table: &dyn TableLike, pane: Option<Pane>, prefix: &str) {
        for (name, span, item) in Self::entries(table) {
            self.binding(name, span, item, pane, prefix);
        }
    }

    fn binding(
        &mut self,
        name: &str,
        span: Option<Range<usize>>,
        item: &Item,
        pane: Option<Pane>,
        prefix: &str,
    ) {
        let key = format!("{prefix}.{name}");
        let Some(command) = Command::from_name(name) else {
            self.unknown(span, prefix, name, |l| {
                l.t("not a command (`standup config init` writes every command's name)")
                    .into()
            });
            return;
        };
        let texts: Option<Vec<&str>> = match (item.as_str(), item.as_array()) {
            (Some(one), _) => Some(vec![one]),
            (None, Some(list)) => list.iter().map(|v| v.as_str()).collect(),
            _ => None,
        };
        let Some(texts) = texts.filter(|t| !t.is_empty()) else {
            self.problem(span, &key, |l| {
                l.t("should be a key or a list of keys: \"H\", [\"H\", \"shift-left\"]")
                    .into()
            });
            return;
        };
        let mut keys = Vec::new();
        for text in texts {
            match Key::parse(text) {
                Ok(k) => keys.push(k),
                Err(e) => {
                    self.mistake(span, &key, e);
                    return;
                }
            }
        }
        self.config.keys.push(Rebinding {
            pane,
            command,
            keys,
        });
    }
}
