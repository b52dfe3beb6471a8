//! How a prompt is drawn: the question, the answer being typed, and under
//! it what the answer will do (the party a picker picks, the date a date
//! means, the limit a number sets) or why it cannot.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::{Prompt, Purpose, column_choices, due_date, picked_column, wip_limit};
use crate::model::settings::RaciLimits;
use crate::tui::app::App;
use crate::tui::draw::put;
use crate::tui::form::{matching_columns, matching_parties};
use crate::tui::layout;
use crate::tui::line::LineEditor;
use crate::tui::overlays::clear;
use crate::tui::overlays::forms::line_field;

/// A prompt: one line at the bottom of the body, the answer being typed,
/// and under it the reason it was refused or the parties it matches.
pub(in crate::tui::overlays) fn draw(app: &App, prompt: &Prompt, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let body = layout::screen(area).body;
    if body.height == 0 {
        return;
    }
    let h = body.height.min(2);
    let bar = Rect::new(body.x, body.bottom() - h, body.width, h);
    clear(bar, buf);
    let used = put(
        buf,
        bar,
        bar.x + 1,
        bar.y,
        &prompt.label,
        usize::from(bar.width.saturating_sub(2)),
        t.key,
    );
    let x = bar.x + 2 + used;
    let w = bar.right().saturating_sub(x + 1);
    line_field(app, &prompt.line, bar, Rect::new(x, bar.y, w, 1), true, buf);
    if h < 2 {
        return;
    }
    let l = &app.locale;
    let (text, style) = if let Some(error) = &prompt.error {
        (error.clone(), t.error)
    } else if let Some(understood) = understood(app, prompt) {
        match understood {
            Ok(text) => (format!("→ {text}"), Style::new()),
            Err(why) => (why, t.error),
        }
    } else if prompt.purpose.picks_party() {
        let empty = match prompt.purpose.default_party() {
            Some(code) => l.f(
                "Enter: {0} · - for nobody · type to pick a party",
                &[&app.board.party_label(code)],
            ),
            None if prompt.purpose.empty_is_nobody() => {
                l.t("Enter: nobody · type to pick a party").to_string()
            }
            None => l.t("Enter: anyone · type to pick a party").to_string(),
        };
        if prompt.line.text().trim() == "-" {
            (format!("→ {}", l.t("nobody")), Style::new())
        } else {
            party_preview(app, &prompt.line, prompt.choice, &empty)
        }
    } else if prompt.purpose == Purpose::FilterColumn {
        let matches = matching_columns(&app.board, &prompt.line.text());
        if prompt.line.is_empty() {
            (
                l.t("Enter: every column · type to pick one").to_string(),
                t.dim,
            )
        } else if matches.is_empty() {
            (l.t("no column matches").to_string(), t.error)
        } else {
            let i = prompt.choice.min(matches.len() - 1);
            (
                format!("→ {}  ↑↓ {}/{}", matches[i].name, i + 1, matches.len()),
                Style::new(),
            )
        }
    } else {
        (l.t("Enter to confirm · Esc to cancel").to_string(), t.dim)
    };
    put(
        buf,
        bar,
        bar.x + 1,
        bar.y + 1,
        &text,
        usize::from(bar.width.saturating_sub(2)),
        style,
    );
}

/// Under a party picker: the party `choice` picks among those matching the
/// text, with how many match; `empty` while nothing is typed; in red when
/// nothing matches.
pub(in crate::tui::overlays) fn party_preview(
    app: &App,
    line: &LineEditor,
    choice: usize,
    empty: &str,
) -> (String, Style) {
    let t = &app.theme;
    if line.is_empty() {
        return (empty.to_string(), t.dim);
    }
    let matches = matching_parties(&app.board, &line.text());
    if matches.is_empty() {
        return (
            app.locale
                .f("no party matches \"{0}\"", &[&line.text().trim()]),
            t.error,
        );
    }
    let i = choice.min(matches.len() - 1);
    let more = if matches.len() > 1 {
        format!("  ↑↓ {}/{}", i + 1, matches.len())
    } else {
        String::new()
    };
    (
        format!("→ {} ({}){more}", matches[i].name, matches[i].code),
        Style::new(),
    )
}

/// What an answer that must be parsed means, as it will be taken on
/// `Enter` (or why it cannot be): shown as it is typed, so that `7` in a
/// WIP prompt reads "at most 7 cards" before it is set. `None` for a
/// prompt whose answer is taken as typed.
fn understood(app: &App, prompt: &Prompt) -> Option<Result<String, String>> {
    let l = &app.locale;
    let text = prompt.line.text();
    let t = text.trim();
    Some(match &prompt.purpose {
        Purpose::SetWip(column) => wip_limit(&text, l).map(|wip| match wip {
            None => l.t("no WIP limit").to_string(),
            Some(n) => {
                let now = app.board.column_tasks(column).len();
                l.f("at most {0} cards (it holds {1})", &[&n, &now])
            }
        }),
        Purpose::DecisionDue { .. } => due_date(&text, app.now.date_naive(), l)
            .map(|due| due.map_or_else(|| l.t("no date").to_string(), |d| l.day(d))),
        Purpose::SlaTargets => t
            .parse::<crate::model::settings::SlaTargets>()
            .map(|targets| {
                crate::model::Priority::ALL
                    .iter()
                    .map(|p| {
                        let target = targets.for_priority(*p);
                        format!("{} {}/{}", p.as_str(), target.respond, target.resolve)
                    })
                    .collect::<Vec<_>>()
                    .join(" · ")
            })
            .map_err(|e| e.localized(l.lang)),
        Purpose::RaciLimits => t
            .parse::<RaciLimits>()
            .map(|limits| {
                l.f(
                    "warn at {0} R · at most {1} C · overloaded past {2} R or {3} A",
                    &[
                        &limits.responsible_warn,
                        &limits.consulted_max,
                        &limits.overload_r,
                        &limits.overload_a,
                    ],
                )
            })
            .map_err(|e| e.localized(l.lang)),
        Purpose::DeleteColumnInto { column, .. } => {
            picked_column(&app.board, prompt, l).map(|into| {
                let choices = column_choices(&app.board, &prompt.purpose, &text).len();
                let more = if choices > 1 {
                    format!("  ↑↓ {}/{}", prompt.choice.min(choices - 1) + 1, choices)
                } else {
                    String::new()
                };
                let count = app.board.column_tasks(column).len();
                let name = app.board.column_name(column);
                let template = if count == 1 {
                    crate::i18n::mark("move its card to {1}, then delete {2}")
                } else {
                    crate::i18n::mark("move its {0} cards to {1}, then delete {2}")
                };
                l.f(template, &[&count, &into.name, &name]) + &more
            })
        }
        Purpose::NewBoard => crate::store::paths::check_board_name(t, l.lang)
            .map(|()| l.f("a new board “{0}” under boards/", &[&t])),
        _ => return None,
    })
}
