//! Draws the open overlay over the pane: help, the card form, a prompt, a
//! yes/no question, card details, the filter menu. Reads state only.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Block, Borders, Clear, Widget};

use super::app::{App, Shown};
use super::draw::{put, put_bottom, put_spans, style_row};
use super::form::{Field, TaskForm, matching_columns, matching_parties};
use super::issue_form::{IssueField, IssueForm};
use super::layout;
use super::line::LineEditor;
use super::overlay::{Confirm, Overlay, Prompt, Purpose, Subject};
use super::panes::details;
use crate::text::{fit, width};

/// Draws whatever overlay is open.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let l = app.locale.lang;
    match &app.overlay {
        None => {}
        Some(Overlay::Help) => help(app, area, buf),
        Some(Overlay::Form(form)) => task_form(app, form, area, buf),
        Some(Overlay::IssueForm(form)) => issue_form(app, form, area, buf),
        Some(Overlay::Prompt(prompt)) => prompt_bar(app, prompt, area, buf),
        Some(Overlay::Confirm(confirm)) => question(app, confirm, area, buf),
        Some(Overlay::Details { task, scroll }) => {
            let title = format!(" {} ", l.t("Card"));
            let Some(inner) = boxed(area, DETAILS_WIDTH, details_height(area), &title, buf) else {
                return;
            };
            let body = details_text(inner);
            let lines = app.prepared(Shown::Card(*task), usize::from(body.width));
            let scroll = (*scroll).min(lines.len().saturating_sub(usize::from(body.height)));
            details::draw(&lines, scroll, body, buf);
            hint_line(
                app,
                inner,
                &[
                    ("e", l.t("edit")),
                    ("↑↓", l.t("scroll")),
                    (l.t("any key"), l.t("close")),
                ],
                buf,
            );
        }
        Some(Overlay::Conflicts { selected }) => conflicts(app, *selected, area, buf),
        Some(Overlay::Boards {
            entries,
            selected,
            current,
        }) => boards(app, entries, *selected, *current, area, buf),
        Some(Overlay::FilterMenu) => filter_menu(app, area, buf),
        Some(Overlay::IssueFilterMenu) => issue_filter_menu(app, area, buf),
        Some(Overlay::Explain { subject, scroll }) => {
            let title = match subject {
                Subject::Task(_) => l.t("RACI rules"),
                Subject::Party(_) => l.t("On the hook"),
                Subject::Issue(_) => l.t("Issue"),
            };
            let title = format!(" {title} ");
            // As tall as the text needs (borders and the hint line included).
            let lines = app.prepared(Shown::Explained(subject.clone()), explain_width(area));
            let h = (lines.len() as u16 + 4).min(area.height.saturating_sub(2));
            let Some(inner) = boxed(area, EXPLAIN_WIDTH, h, &title, buf) else {
                return;
            };
            let body = Rect::new(
                inner.x + 1,
                inner.y,
                inner.width.saturating_sub(2),
                inner.height.saturating_sub(1),
            );
            let scroll = (*scroll).min(lines.len().saturating_sub(usize::from(body.height)));
            details::draw(&lines, scroll, body, buf);
            hint_line(
                app,
                inner,
                &[("↑↓", l.t("scroll")), (l.t("any key"), l.t("close"))],
                buf,
            );
        }
    }
}

/// A bordered box of at most `w`×`h` centred in `area`, cleared; returns
/// its inside, or `None` when the terminal is too small for one.
fn boxed(area: Rect, w: u16, h: u16, title: &str, buf: &mut Buffer) -> Option<Rect> {
    let popup = centered(area, w, h)?;
    let (w, h) = (popup.width, popup.height);
    clear(popup, buf);
    Block::new()
        .borders(Borders::ALL)
        .title(fit(title, usize::from(w.saturating_sub(2))))
        .render(popup, buf);
    Some(Rect::new(popup.x + 1, popup.y + 1, w - 2, h - 2))
}

/// Where a box `w`×`h` (cut to `area`) goes: centred; `None` when too
/// small to hold anything.
fn centered(area: Rect, w: u16, h: u16) -> Option<Rect> {
    let w = w.min(area.width);
    let h = h.min(area.height);
    if w < 4 || h < 3 {
        return None;
    }
    Some(Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    ))
}

/// The card details box: this wide, nearly as tall as the screen.
const DETAILS_WIDTH: u16 = 72;
const EXPLAIN_WIDTH: u16 = 84;

fn details_height(area: Rect) -> u16 {
    area.height.saturating_sub(2)
}

/// The details text inside the box: a column of margin each side, the
/// hint line below.
fn details_text(inner: Rect) -> Rect {
    Rect::new(
        inner.x + 1,
        inner.y,
        inner.width.saturating_sub(2),
        inner.height.saturating_sub(1),
    )
}

/// Where the card details overlay puts its text on a screen of `area`, so
/// that its lines can be prepared before the frame is drawn.
/// How wide the explanation overlay's text is on a screen of `area`.
pub(super) fn explain_width(area: Rect) -> usize {
    usize::from(EXPLAIN_WIDTH.min(area.width).saturating_sub(4))
}

pub(super) fn details_body(area: Rect) -> Option<Rect> {
    let popup = centered(area, DETAILS_WIDTH, details_height(area))?;
    let inner = Rect::new(popup.x + 1, popup.y + 1, popup.width - 2, popup.height - 2);
    Some(details_text(inner))
}

/// Blanks `area`, and any wide character just left of it whose right half
/// would otherwise lie under the area's left edge and hide it.
fn clear(area: Rect, buf: &mut Buffer) {
    let area = area.intersection(buf.area);
    Clear.render(area, buf);
    if area.x == buf.area.x {
        return;
    }
    for y in area.top()..area.bottom() {
        if let Some(cell) = buf.cell_mut((area.x - 1, y))
            && crate::text::width(cell.symbol()) > 1
        {
            cell.set_symbol(" ");
        }
    }
}

/// Key hints on the last line of `area`.
fn hint_line(app: &App, area: Rect, hints: &[(&str, &str)], buf: &mut Buffer) {
    if area.height == 0 {
        return;
    }
    let t = &app.theme;
    let mut spans = Vec::new();
    for (key, what) in hints {
        spans.push((format!(" {key}"), t.key));
        spans.push((format!(" {what} "), t.dim));
    }
    put_bottom(buf, area, &spans);
}

/// Every key of the current pane, from the keymap; in two columns when one
/// does not fit the height.
fn help(app: &App, area: Rect, buf: &mut Buffer) {
    let l = app.locale.lang;
    let rows: Vec<(String, &str)> = app
        .keymap
        .help(app.pane)
        .into_iter()
        .map(|(keys, what)| (keys, l.t(what)))
        .collect();
    let key_width = rows.iter().map(|(k, _)| width(k)).max().unwrap_or(0);
    let text_width = rows.iter().map(|(_, d)| width(d)).max().unwrap_or(0);
    let room = usize::from(area.height.saturating_sub(2)).max(1);
    let columns = if rows.len() > room { 2 } else { 1 };
    // Two columns share the width; descriptions are cut before keys are.
    let entry =
        (key_width + text_width + 4).min(usize::from(area.width.saturating_sub(2)) / columns);
    let text_width = entry.saturating_sub(key_width + 4);
    let per_column = rows.len().div_ceil(columns);
    let w = (entry * columns + 2) as u16;
    let h = per_column as u16 + 2;
    let title = app
        .locale
        .f(" Keys: {0} ", &[&app.pane.title(app.locale.lang)]);
    let Some(inner) = boxed(area, w, h, &title, buf) else {
        return;
    };
    let t = &app.theme;
    for (i, (keys, what)) in rows.iter().enumerate() {
        let (col, row) = (i / per_column, i % per_column);
        if row >= usize::from(inner.height) {
            continue;
        }
        let x = inner.x + (col * entry) as u16 + 1;
        let y = inner.y + row as u16;
        put(buf, inner, x, y, keys, key_width, t.key);
        let x = x + key_width as u16 + 2;
        put(buf, inner, x, y, what, text_width, Style::new());
    }
}

/// Draws a line editor in the one-line `at` (clipped to `area`), the cursor shown as a
/// reversed cell when `focused`.
fn line_field(app: &App, line: &LineEditor, area: Rect, at: Rect, focused: bool, buf: &mut Buffer) {
    let (x, y, w) = (at.x, at.y, at.width);
    let t = &app.theme;
    let field_style = if focused { t.heading } else { Style::new() };
    let (shown, cursor) = line.view(usize::from(w));
    style_row(buf, area, x, y, w, t.dim);
    let blank = " ".repeat(usize::from(w));
    put(buf, area, x, y, &blank, usize::from(w), field_style);
    put(buf, area, x, y, &shown, usize::from(w), field_style);
    if focused && (cursor as u16) < w {
        style_row(buf, area, x + cursor as u16, y, 1, t.selected);
    }
}

fn task_form(app: &App, form: &TaskForm, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let l = &app.locale;
    let column = app
        .board
        .column(&form.column)
        .map_or(form.column.as_str(), |c| c.name.as_str());
    let title = match form.target {
        Some(id) => l.f(" Edit {0} ", &[&id]),
        None => l.f(" New card in {0} ", &[&column]),
    };
    let Some(inner) = boxed(area, 76, 11, &title, buf) else {
        return;
    };
    let today = app.now.date_naive();
    let label_w: u16 = 10;
    let x0 = inner.x + 1 + label_w;
    let full = inner.right().saturating_sub(x0 + 1);
    let short = full.min(16);
    let preview_x = x0 + short + 1;
    let preview_w = usize::from(inner.right().saturating_sub(preview_x));
    for (i, field) in Field::ALL.iter().enumerate() {
        let y = inner.y + i as u16;
        let focused = form.focus == *field;
        let label_style = if focused { t.key } else { t.dim };
        put(
            buf,
            inner,
            inner.x + 1,
            y,
            field.label(l.lang),
            usize::from(label_w),
            label_style,
        );
        match field {
            Field::Title => line_field(
                app,
                &form.title,
                inner,
                Rect::new(x0, y, full, 1),
                focused,
                buf,
            ),
            Field::Note => line_field(
                app,
                &form.note,
                inner,
                Rect::new(x0, y, full, 1),
                focused,
                buf,
            ),
            Field::Owner => {
                line_field(
                    app,
                    &form.owner.line,
                    inner,
                    Rect::new(x0, y, short, 1),
                    focused,
                    buf,
                );
                let (text, style) = party_preview(
                    app,
                    &form.owner.line,
                    form.owner.choice,
                    l.t("nobody (type to pick a party)"),
                );
                put(buf, inner, preview_x, y, &text, preview_w, style);
            }
            Field::Due => {
                line_field(
                    app,
                    &form.due,
                    inner,
                    Rect::new(x0, y, short, 1),
                    focused,
                    buf,
                );
                let (text, style) = match form.due_date(today, l.lang) {
                    Ok(None) => (
                        l.t("none (2026-12-01, +3d, fri, tomorrow…)").to_string(),
                        t.dim,
                    ),
                    Ok(Some(d)) => (format!("→ {}", l.day(d)), Style::new()),
                    Err(e) => (e, t.error),
                };
                put(buf, inner, preview_x, y, &text, preview_w, style);
            }
            Field::Risk => {
                let style = if focused { t.heading } else { Style::new() };
                put(
                    buf,
                    inner,
                    x0,
                    y,
                    &format!("‹ {} ›", l.t(form.risk_text())),
                    usize::from(short),
                    style,
                );
                if focused {
                    put(
                        buf,
                        inner,
                        preview_x,
                        y,
                        l.t("←→ or l m h, - for none"),
                        preview_w,
                        t.dim,
                    );
                }
            }
            Field::Depends => {
                line_field(
                    app,
                    &form.depends,
                    inner,
                    Rect::new(x0, y, short, 1),
                    focused,
                    buf,
                );
                let (text, style) = match form.dependencies(&app.board, l.lang) {
                    Ok(ids) if ids.is_empty() => {
                        (l.t("nothing (card ids: T-1 T-4)").to_string(), t.dim)
                    }
                    Ok(ids) => {
                        let titles: Vec<String> = ids
                            .iter()
                            .filter_map(|id| app.board.tasks.get(id))
                            .map(|d| format!("{} {}", d.id, d.title))
                            .collect();
                        (format!("→ {}", titles.join(", ")), Style::new())
                    }
                    Err(e) => (e, t.error),
                };
                put(buf, inner, preview_x, y, &text, preview_w, style);
            }
        }
    }
    form_footer(
        app,
        inner,
        inner.y + Field::ALL.len() as u16 + 1,
        form.error.as_deref(),
        buf,
    );
}

/// A prompt: one line at the bottom of the body, the answer being typed,
/// and under it the reason it was refused or the parties it matches.
fn prompt_bar(app: &App, prompt: &Prompt, area: Rect, buf: &mut Buffer) {
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

fn question(app: &App, confirm: &Confirm, area: Rect, buf: &mut Buffer) {
    let w = (width(&confirm.question) + 6).clamp(30, 64) as u16;
    let text_w = usize::from(w.min(area.width).saturating_sub(4));
    let lines = details::wrap(&confirm.question, text_w);
    let h = lines.len() as u16 + 4;
    let l = app.locale.lang;
    let title = format!(" {} ", l.t("Confirm"));
    let Some(inner) = boxed(area, w, h, &title, buf) else {
        return;
    };
    for (i, line) in lines.iter().enumerate() {
        put(
            buf,
            inner,
            inner.x + 1,
            inner.y + i as u16,
            line,
            usize::from(inner.width.saturating_sub(2)),
            app.theme.title,
        );
    }
    hint_line(
        app,
        inner,
        &[
            ("y", l.t("yes")),
            ("n", l.t("no")),
            ("u", l.t("undoes it later")),
        ],
        buf,
    );
}

fn filter_menu(app: &App, area: Rect, buf: &mut Buffer) {
    let f = &app.filter;
    let l = app.locale.lang;
    let on = |b: bool| if b { l.t("on") } else { l.t("off") }.to_string();
    let owner = f
        .owner
        .as_deref()
        .map(|o| app.board.party_name(o).to_string())
        .unwrap_or_else(|| l.t("anyone").into());
    let text = if f.text.is_empty() {
        "—".to_string()
    } else {
        format!("\"{}\"", f.text)
    };
    let column = f
        .column
        .as_deref()
        .map(|c| {
            app.board
                .column(c)
                .map_or(c.to_string(), |c| c.name.clone())
        })
        .unwrap_or_else(|| l.t("any").into());
    let rows = [
        ("t", l.t("text"), text),
        ("l", l.t("column"), column),
        ("o", l.t("owner"), owner),
        ("d", l.t("overdue"), on(f.overdue)),
        ("b", l.t("blocked"), on(f.blocked)),
        ("r", l.t("at risk"), on(f.at_risk)),
        ("c", l.t("clear all"), String::new()),
    ];
    menu(app, area, &format!(" {} ", l.t("Filter cards")), &rows, buf);
}

/// The board picker: each board's name, what needs attention on it (the
/// header's counts) and its title; the open one marked.
fn boards(
    app: &App,
    entries: &[crate::store::boards::BoardEntry],
    selected: usize,
    current: Option<usize>,
    area: Rect,
    buf: &mut Buffer,
) {
    let t = &app.theme;
    let l = app.locale.lang;
    let title = format!(" {} ", l.t("Boards"));
    let Some(inner) = boxed(area, 84, entries.len().max(1) as u16 + 3, &title, buf) else {
        return;
    };
    if entries.is_empty() {
        put(
            buf,
            inner,
            inner.x + 1,
            inner.y,
            l.t("No board saved yet: n creates a named one"),
            usize::from(inner.width),
            t.dim,
        );
    }
    let rows = usize::from(inner.height.saturating_sub(1)).max(1);
    let first = selected.saturating_sub(rows - 1);
    let name_w = entries
        .iter()
        .map(|e| width(&e.label()))
        .max()
        .unwrap_or(0)
        .min(20);
    for (row, (i, e)) in entries
        .iter()
        .enumerate()
        .skip(first)
        .take(rows)
        .enumerate()
    {
        let y = inner.y + row as u16;
        let style = if i == selected {
            t.selected
        } else {
            Style::new()
        };
        let digit = if i < 9 {
            format!("{}", i + 1)
        } else {
            " ".into()
        };
        let mark = if Some(i) == current { "●" } else { " " };
        let mut spans = vec![
            (format!(" {digit} "), t.key),
            (format!("{mark} "), t.ok),
            (
                format!("{}  ", crate::text::pad(&fit(&e.label(), name_w), name_w)),
                style,
            ),
        ];
        match &e.state {
            Ok(s) => {
                let a = s.alerts;
                for (n, word, hot) in [
                    (a.overdue, l.t("overdue"), t.overdue),
                    (a.blocked, l.t("blocked"), t.blocked),
                    (a.breached, l.t("breached"), t.breached),
                ] {
                    let style = if n > 0 { hot } else { t.dim };
                    spans.push((format!("{n:>3} {word}  "), style));
                }
                spans.push((s.title.clone(), t.dim));
            }
            Err(why) => spans.push((l.f("does not open: {0}", &[why]), t.error)),
        }
        put_spans(buf, inner, inner.x, y, &spans, usize::from(inner.width));
    }
    hint_line(
        app,
        inner,
        &[
            ("Enter", l.t("open")),
            ("1-9", l.t("open that one")),
            ("n", l.t("new board")),
            ("↑↓", l.t("move")),
            ("Esc", l.t("close")),
        ],
        buf,
    );
}

/// The conflicts a merge left: per field, what the board holds and every
/// value other sides wrote (numbered when there are several), scrolled to
/// keep the selected one in view.
fn conflicts(app: &App, selected: usize, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let list = &app.board.conflicts;
    let l = app.locale.lang;
    // Every line of the list, and where each conflict's lines start.
    let mut lines: Vec<(u16, String, String, Style)> = Vec::new();
    let mut starts = Vec::with_capacity(list.len());
    for (i, c) in list.iter().enumerate() {
        starts.push(lines.len());
        let mark = if i == selected { "▸ " } else { "  " };
        let style = if i == selected { t.selected } else { t.title };
        let what = match crate::model::RecordRef::parse(&c.record) {
            Some(crate::model::RecordRef::Task(id)) => app.board.tasks.get(&id).map(|x| &x.title),
            Some(crate::model::RecordRef::Issue(id)) => app.board.issues.get(&id).map(|x| &x.title),
            _ => None,
        };
        let head = match what {
            Some(title) => format!("{mark}{} {title} · {}", c.record, c.field),
            None => format!("{mark}{}", c.name()),
        };
        lines.push((1, head, String::new(), style));
        let shown = crate::model::Conflict::show;
        lines.push((4, l.t("this board").into(), shown(&c.kept), Style::new()));
        let others: Vec<&serde_json::Value> = c.alternatives().collect();
        for (n, value) in others.iter().enumerate() {
            let label = if others.len() == 1 {
                l.t("other side").to_string()
            } else {
                l.f("other {0}", &[&(n + 1)])
            };
            lines.push((4, label, shown(value), t.warning));
        }
    }
    let h = (lines.len() as u16 + 3).min(area.height.saturating_sub(2));
    let title = l.n(list.len(), " {0} conflict ", " {0} conflicts ");
    let Some(inner) = boxed(area, 90, h, &title, buf) else {
        return;
    };
    let body = usize::from(inner.height.saturating_sub(1));
    // The selected conflict's lines in view, its head first if they fit.
    let from = starts.get(selected).copied().unwrap_or(0);
    let to = starts.get(selected + 1).copied().unwrap_or(lines.len());
    let first = if to <= body {
        0
    } else {
        from.min(to.saturating_sub(body))
    };
    let label_w = 12;
    for (row, (x, label, value, style)) in lines.iter().skip(first).take(body).enumerate() {
        let y = inner.y + row as u16;
        if value.is_empty() && *x == 1 {
            put(
                buf,
                inner,
                inner.x + 1,
                y,
                label,
                usize::from(inner.width),
                *style,
            );
            continue;
        }
        put(buf, inner, inner.x + x, y, label, label_w, t.dim);
        put(
            buf,
            inner,
            inner.x + x + label_w as u16,
            y,
            value,
            usize::MAX,
            *style,
        );
    }
    let several = list
        .get(selected)
        .is_some_and(|c| c.alternatives().nth(1).is_some());
    let mut hints = vec![("o", l.t("take the other"))];
    if several {
        hints.push(("1-9", l.t("take that one")));
    }
    hints.extend([
        ("x", l.t("keep this board's")),
        ("↑↓", l.t("move")),
        ("Esc", l.t("close")),
    ]);
    hint_line(app, inner, &hints, buf);
}

/// A menu of toggles and pickers: key, what, and its current state.
fn menu(app: &App, area: Rect, title: &str, rows: &[(&str, &str, String)], buf: &mut Buffer) {
    let t = &app.theme;
    let Some(inner) = boxed(area, 40, rows.len() as u16 + 3, title, buf) else {
        return;
    };
    for (i, (key, what, state)) in rows.iter().enumerate() {
        let y = inner.y + i as u16;
        put(buf, inner, inner.x + 1, y, key, 2, t.key);
        put(buf, inner, inner.x + 4, y, what, 10, Style::new());
        put(
            buf,
            inner,
            inner.x + 15,
            y,
            state,
            usize::from(inner.width.saturating_sub(16)),
            t.message,
        );
    }
    let l = app.locale.lang;
    hint_line(app, inner, &[(l.t("any other key"), l.t("close"))], buf);
}

fn issue_form(app: &App, form: &IssueForm, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let l = &app.locale;
    let title = match form.target {
        Some(id) => l.f(" Edit {0} ", &[&id]),
        None => l.t(" Raise an issue ").to_string(),
    };
    let h = IssueField::ALL.len() as u16 + 5;
    let Some(inner) = boxed(area, 80, h, &title, buf) else {
        return;
    };
    let label_w: u16 = 10;
    let x0 = inner.x + 1 + label_w;
    let full = inner.right().saturating_sub(x0 + 1);
    let short = full.min(18);
    let preview_x = x0 + short + 1;
    let preview_w = usize::from(inner.right().saturating_sub(preview_x));
    for (i, field) in IssueField::ALL.iter().enumerate() {
        let y = inner.y + i as u16;
        let focused = form.focus == *field;
        put(
            buf,
            inner,
            inner.x + 1,
            y,
            field.label(l.lang),
            usize::from(label_w),
            if focused { t.key } else { t.dim },
        );
        let line = |editor: &LineEditor, w: u16, buf: &mut Buffer| {
            line_field(app, editor, inner, Rect::new(x0, y, w, 1), focused, buf)
        };
        let preview: Option<(String, Style)> = match field {
            IssueField::Title => {
                line(&form.title, full, buf);
                None
            }
            IssueField::Support => {
                line(&form.support, full, buf);
                None
            }
            IssueField::Detail => {
                line(&form.detail, full, buf);
                None
            }
            IssueField::Proposal => {
                line(&form.proposal, full, buf);
                None
            }
            IssueField::Impact | IssueField::Urgency => {
                let level = if *field == IssueField::Impact {
                    form.impact
                } else {
                    form.urgency
                };
                let style = if focused { t.heading } else { Style::new() };
                put(
                    buf,
                    inner,
                    x0,
                    y,
                    &format!("‹ {} ›", l.t(level.as_str())),
                    usize::from(short),
                    style,
                );
                (*field == IssueField::Urgency).then(|| {
                    (
                        l.f("→ {0} (←→ or h m l)", &[&form.priority().as_str()]),
                        t.title,
                    )
                })
            }
            IssueField::Owner => {
                line(&form.owner.line, short, buf);
                Some(party_preview(
                    app,
                    &form.owner.line,
                    form.owner.choice,
                    l.t("nobody (type to pick a party)"),
                ))
            }
            IssueField::Parties => {
                line(&form.parties, short, buf);
                Some(match form.chosen_parties(&app.board, l.lang) {
                    Ok(codes) if codes.is_empty() => (l.t("none (mkt, tech)").to_string(), t.dim),
                    Ok(codes) => (format!("→ {}", codes.join(", ")), Style::new()),
                    Err(e) => (e, t.error),
                })
            }
            IssueField::RespondBy | IssueField::ResolveBy => {
                let editor = if *field == IssueField::RespondBy {
                    &form.respond_by
                } else {
                    &form.resolve_by
                };
                line(editor, short, buf);
                Some(match form.deadline(*field, app.now, l.lang) {
                    Ok(None) => (
                        l.t("the SLA target (18:00, +2h, fri 12:00…)").to_string(),
                        t.dim,
                    ),
                    Ok(Some(m)) => (format!("→ {}", l.moment(&m)), Style::new()),
                    Err(e) => (e, t.error),
                })
            }
            IssueField::Task => {
                line(&form.task, short, buf);
                Some(match form.chosen_task(&app.board, l.lang) {
                    Ok(None) => (l.t("none (a card id: T-4)").to_string(), t.dim),
                    Ok(Some(id)) => (
                        format!(
                            "→ {}",
                            app.board.tasks.get(&id).map_or("", |t| t.title.as_str())
                        ),
                        Style::new(),
                    ),
                    Err(e) => (e, t.error),
                })
            }
        };
        if let Some((text, style)) = preview {
            put(buf, inner, preview_x, y, &text, preview_w, style);
        }
    }
    form_footer(
        app,
        inner,
        inner.bottom().saturating_sub(2),
        form.error.as_deref(),
        buf,
    );
}

/// Under a form's fields: why it was refused (at line `error_y`), and the
/// keys every form answers to.
fn form_footer(app: &App, inner: Rect, error_y: u16, error: Option<&str>, buf: &mut Buffer) {
    if let Some(error) = error {
        put(
            buf,
            inner,
            inner.x + 1,
            error_y,
            error,
            usize::from(inner.width.saturating_sub(2)),
            app.theme.error,
        );
    }
    hint_line(
        app,
        inner,
        &[
            ("Enter", app.locale.t("save")),
            ("Tab ↑↓", app.locale.t("field")),
            ("Esc", app.locale.t("cancel")),
        ],
        buf,
    );
}

fn issue_filter_menu(app: &App, area: Rect, buf: &mut Buffer) {
    let f = &app.issue_filter;
    let l = app.locale.lang;
    let on = |b: bool| if b { l.t("on") } else { l.t("off") }.to_string();
    let party = |code: &Option<String>| {
        code.as_deref()
            .map(|c| app.board.party_name(c).to_string())
            .unwrap_or_else(|| l.t("anyone").into())
    };
    let text = if f.text.is_empty() {
        "—".to_string()
    } else {
        format!("\"{}\"", f.text)
    };
    let rows = [
        ("t", l.t("text"), text),
        ("o", l.t("open only"), on(f.active)),
        ("b", l.t("breached"), on(f.breached)),
        ("w", l.t("owner"), party(&f.owner)),
        ("p", l.t("involving"), party(&f.party)),
        ("c", l.t("clear all"), String::new()),
    ];
    menu(
        app,
        area,
        &format!(" {} ", l.t("Filter issues")),
        &rows,
        buf,
    );
}

/// Under a party picker: the party `choice` picks among those matching the
/// text, with how many match; `empty` while nothing is typed; in red when
/// nothing matches.
fn party_preview(app: &App, line: &LineEditor, choice: usize, empty: &str) -> (String, Style) {
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
