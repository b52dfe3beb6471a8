//! The config as text: the commented file `standup config init` writes,
//! and the effective settings `standup config show` prints (in the file's
//! own syntax, so that it can be pasted back).

use std::fmt::Write;

use super::Config;
use crate::i18n::Lang;
use crate::keys::Pane;
use crate::keys::{Command, Keymap};
use crate::model::Board;
use crate::model::settings::{SlaTargets, StandupTiming};
use crate::theme::Theme;

/// A TOML string, quoted.
fn quote(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A key as the file writes it: `Ctrl-r` → `ctrl-r`, `Shift-←` →
/// `shift-left`, `PgUp` → `pgup`; a lone character stays as it is (`H` is
/// not `h`).
fn key_text(label: &str) -> String {
    let arrow = match label {
        "←" => Some("left"),
        "→" => Some("right"),
        "↑" => Some("up"),
        "↓" => Some("down"),
        _ => None,
    };
    if let Some(arrow) = arrow {
        return arrow.to_string();
    }
    if label.chars().count() == 1 {
        return label.to_string();
    }
    let (mods, base) = match label.rfind('-') {
        Some(at) if at + 1 < label.len() => (&label[..=at], &label[at + 1..]),
        _ => ("", label),
    };
    let base = match base {
        "←" => "left".to_string(),
        "→" => "right".to_string(),
        "↑" => "up".to_string(),
        "↓" => "down".to_string(),
        "Bksp" => "backspace".to_string(),
        b if b.chars().count() == 1 => b.to_string(),
        b => b.to_lowercase(),
    };
    format!("{}{base}", mods.to_lowercase())
}

/// The keys of `command` in one place of the table, as the file writes them.
fn keys_of(map: &Keymap, pane: Option<Pane>, command: Command) -> Vec<String> {
    map.bindings()
        .iter()
        .filter(|b| b.pane == pane && b.command == command)
        .map(|b| quote(&key_text(&b.key.label())))
        .collect()
}

fn key_tables(out: &mut String, map: &Keymap, commented: bool) {
    let hash = if commented { "# " } else { "" };
    let scopes: [(Option<Pane>, &str); 6] = [
        (None, "keys"),
        (Some(Pane::Board), "keys.board"),
        (Some(Pane::Raci), "keys.raci"),
        (Some(Pane::Issues), "keys.issues"),
        (Some(Pane::Standup), "keys.standup"),
        (Some(Pane::Timeline), "keys.timeline"),
    ];
    for (pane, table) in scopes {
        let _ = writeln!(out, "\n[{table}]");
        for (command, _) in Command::NAMED {
            let keys = keys_of(map, pane, command);
            if keys.is_empty() {
                continue;
            }
            let what = command.describe(pane.unwrap_or(Pane::Board));
            let value = if keys.len() == 1 {
                keys[0].clone()
            } else {
                format!("[{}]", keys.join(", "))
            };
            let _ = writeln!(out, "{hash}{} = {value}  # {what}", command.name());
        }
    }
}

/// The commented default config: every setting at its default, commented
/// out, so that uncommenting one line changes one thing.
pub fn template() -> String {
    let board = Board::default();
    let columns: Vec<String> = board.columns.iter().map(|c| quote(&c.name)).collect();
    let sla = SlaTargets::default();
    let timing = StandupTiming::default();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# standup configuration. Every line is commented out: it shows the default.\n\
         # Uncomment and change what you want; a mistake is reported with its line\n\
         # and only that setting keeps its default.\n\
         \n\
         # The first day of the week, for `report --week` and the flow charts.\n\
         # week_start = \"monday\"\n\
         \n\
         # The language of the interface and reports: \"en\" or \"zh\" (Simplified\n\
         # Chinese). Unset, it follows LC_ALL, LC_MESSAGES or LANG. The board's own\n\
         # content is never translated.\n\
         # language = \"en\"\n\
         \n\
         # How a date is written in full (details, forms, standup, reports), as a\n\
         # chrono strftime pattern. Unset, the language's usual form: Wed 4 Mar 2026,\n\
         # 2026年3月4日 周三. Cards and chart axes keep their short forms.\n\
         # date_format = \"%Y-%m-%d\"\n\
         \n\
         [theme]\n\
         # name = \"dark\"  # dark, light (for light backgrounds), high-contrast, mono\n\
         # Any style can be set: a colour (red, lightblue, #ff8800, 208), `on` and a\n\
         # background, and bold, dim, italic, underlined, reversed; `plain` for none.\n\
         # Styles: {}\n\
         # overdue = \"bold red\"\n\
         \n\
         # What a new board starts with (existing boards keep their own).\n\
         [board]\n\
         # columns = [{}]  # left to right; the last one means finished\n\
         # wip = {{}}  # limits by column name, e.g. {{ Doing = 5, Review = 3 }}\n\
         # sla = \"{sla}\"  # respond/resolve for P1 … P5 (m, h, d, w)\n\
         \n\
         [standup]\n\
         # timebox_minutes = {}\n\
         # speaker_minutes = {}\n\
         \n\
         [publish]\n\
         # dir = \"~/Shared/standup\"  # every save also writes <board>.html there\n\
         \n\
         # Group chats for `standup post` and `standup alerts` (see the README):\n\
         # a table [chat.NAME] per group, with kind (feishu, dingtalk, wecom,\n\
         # slack or webhook), url (the bot's webhook), secret_env (the variable\n\
         # that holds its signing secret) and timeout_seconds (15).\n\
         \n\
         [alerts]\n\
         # sla = true  # an SLA clock in its last quarter, breached, or missed\n\
         # overdue = true\n\
         # ready = true  # a card whose dependencies are all finished\n\
         # stale = true  # a blocked card with no change for stale_days\n\
         # stale_days = 2\n\
         # quiet = \"21:00-08:00\"  # or \"off\"\n\
         \n\
         # Keys: [keys] changes a command wherever it is bound; [keys.board],\n\
         # [keys.raci], [keys.issues], [keys.standup] and [keys.timeline] change it\n\
         # in that pane only. A key is a character (H, x, +) or ctrl-, alt-, shift-\n\
         # before enter, esc, tab, space, backspace, delete, up, down, left, right,\n\
         # home, end, pgup, pgdn, f1 … f12. A list gives a command several keys.",
        Theme::FIELDS.join(", "),
        columns.join(", "),
        timing.timebox_minutes,
        timing.speaker_minutes,
    );
    key_tables(&mut out, &Keymap::default(), true);
    out
}

/// The effective settings, as a config file would give them.
pub fn show(config: &Config) -> String {
    let mut out = String::new();
    let source = config.source.as_ref().map_or_else(
        || "none (defaults)".to_string(),
        |p| p.display().to_string(),
    );
    let _ = writeln!(out, "# read from: {source}");
    let day = match config.week_start {
        chrono::Weekday::Mon => "monday",
        chrono::Weekday::Tue => "tuesday",
        chrono::Weekday::Wed => "wednesday",
        chrono::Weekday::Thu => "thursday",
        chrono::Weekday::Fri => "friday",
        chrono::Weekday::Sat => "saturday",
        chrono::Weekday::Sun => "sunday",
    };
    let _ = writeln!(out, "week_start = {}", quote(day));
    match config.language {
        Some(lang) => {
            let _ = writeln!(out, "language = {}", quote(lang.code()));
        }
        None => {
            let _ = writeln!(
                out,
                "# language: from the locale ({})",
                Lang::from_env().code()
            );
        }
    }
    match &config.date_format {
        Some(format) => {
            let _ = writeln!(out, "date_format = {}", quote(format));
        }
        None => {
            let _ = writeln!(out, "# date_format: the language's usual form");
        }
    }
    let _ = writeln!(out, "\n[theme]");
    let _ = writeln!(
        out,
        "name = {}",
        quote(config.theme_name.as_deref().unwrap_or("dark"))
    );
    for (field, text, _) in &config.styles {
        let _ = writeln!(out, "{field} = {}", quote(text));
    }
    let board = {
        let mut b = Board::default();
        config.shape_new_board(&mut b);
        b
    };
    let _ = writeln!(out, "\n[board]");
    let names: Vec<String> = board.columns.iter().map(|c| quote(&c.name)).collect();
    let _ = writeln!(out, "columns = [{}]", names.join(", "));
    let limits: Vec<String> = board
        .columns
        .iter()
        .filter_map(|c| c.wip.map(|w| format!("{} = {w}", quote(&c.name))))
        .collect();
    if limits.is_empty() {
        let _ = writeln!(out, "wip = {{}}");
    } else {
        let _ = writeln!(out, "wip = {{ {} }}", limits.join(", "));
    }
    let _ = writeln!(out, "sla = {}", quote(&board.settings.sla.to_string()));
    let _ = writeln!(out, "\n[standup]");
    let _ = writeln!(
        out,
        "timebox_minutes = {}\nspeaker_minutes = {}",
        board.settings.standup.timebox_minutes, board.settings.standup.speaker_minutes
    );
    if let Some(dir) = &config.publish_dir {
        let _ = writeln!(
            out,
            "\n[publish]\ndir = {}",
            quote(&dir.display().to_string())
        );
    }
    for chat in &config.chats {
        // The address and the secret grant access: shown hidden.
        let secret = match &chat.secret {
            Some(crate::config::chat::Secret::Env(var)) => format!("\nsecret_env = {}", quote(var)),
            Some(crate::config::chat::Secret::Inline(_)) => "\nsecret = \"…\"".to_string(),
            None => String::new(),
        };
        let _ = writeln!(
            out,
            "\n[chat.{}]\nkind = {}\nurl = {}{secret}\ntimeout_seconds = {}",
            chat.name,
            quote(chat.kind.name()),
            quote(&crate::config::chat::masked_url(&chat.url)),
            chat.timeout_ms / 1000
        );
    }
    let a = &config.alerts;
    let quiet = a.quiet.map_or_else(
        || "off".to_string(),
        |(f, t)| format!("{}-{}", f.format("%H:%M"), t.format("%H:%M")),
    );
    let _ = writeln!(
        out,
        "\n[alerts]\nsla = {}\noverdue = {}\nready = {}\nstale = {}\nstale_days = {}\nquiet = {}",
        a.sla,
        a.overdue,
        a.ready,
        a.stale,
        a.stale_days,
        quote(&quiet)
    );
    let (map, _) = config.keymap();
    key_tables(&mut out, &map, false);
    out
}
