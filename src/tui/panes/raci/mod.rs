//! The RACI grid: tasks down, parties across, role letters in the cells, a
//! rule column on the right and each party's load along the bottom. Task
//! titles and party headers stay put while the grid scrolls.

mod keys;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::model::raci::{Load, Rule, Severity};
use crate::text::width;
use crate::tui::app::App;
use crate::tui::draw::{put, put_bottom, put_spans, style_row};
use crate::tui::layout::{load_text, raci_areas, raci_rows, raci_rule_width, raci_title_width};

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    let t = &app.theme;
    let l = app.locale.lang;
    if app.board.tasks.is_empty() || app.board.parties.is_empty() {
        let lines = [
            l.t("The RACI grid needs tasks and parties.").to_string(),
            l.f(
                "Add a party:  press n here, or  {0} party add mkt Marketing",
                &[&app.hint()],
            ),
            l.f(
                "Add a task:   press n on the board (1), or  {0} task add \"Campaign page\"",
                &[&app.hint()],
            ),
        ];
        for (i, line) in lines.iter().enumerate() {
            put(
                buf,
                area,
                area.x + 2,
                area.y + 1 + i as u16,
                line,
                usize::from(area.width),
                t.dim,
            );
        }
        return;
    }
    let areas = raci_areas(area, !app.filter.is_empty());
    if let Some(line) = areas.filter {
        let shown = app.view.raci_rows.len();
        super::board::filter_line(app, line, shown, app.locale.t("{0} of {1} tasks"), buf);
    }
    let area = areas.grid;
    let s = &app.raci_state;
    let title_w = raci_title_width(area.width);
    let rule_w = raci_rule_width(area.width);
    let parties = crate::tui::layout::party_columns(app, area);
    let x = parties
        .last()
        .map_or(area.x + title_w, |&(_, px, w)| px + w);

    // Header: frozen party names.
    let y = area.y;
    put(
        buf,
        area,
        area.x,
        y,
        l.t("Task"),
        usize::from(title_w),
        t.heading,
    );
    for &(i, px, w) in &parties {
        let name = &app.board.parties[i].name;
        let style = if i == s.party { t.heading } else { t.title };
        let shown = crate::text::fit(name, usize::from(w - 1));
        let pad = (w - 1).saturating_sub(width(&shown) as u16) / 2;
        put(buf, area, px + pad, y, &shown, usize::from(w - 1), style);
        if s.header && i == s.party {
            style_row(buf, area, px, y, w - 1, t.selected);
        }
    }
    if s.first_party > 0 {
        put(buf, area, area.x + title_w - 1, y, "◀", 1, t.key);
    }
    if parties
        .last()
        .is_some_and(|(i, _, _)| i + 1 < app.board.parties.len())
    {
        put(buf, area, x, y, "▶", 1, t.key);
    }
    // The rule column follows the last party shown.
    let rules_x = x + 2;
    if rule_w > 0 {
        put(
            buf,
            area,
            rules_x,
            y,
            l.t("Rules"),
            usize::from(rule_w - 1),
            t.heading,
        );
    }

    // Task rows.
    let rows = raci_rows(area.height);
    let visible = app
        .view
        .raci_rows
        .iter()
        .enumerate()
        .skip(s.first_row)
        .take(rows);
    for (slot, (row, id)) in visible.enumerate() {
        let Some(task) = app.board.tasks.get(id) else {
            continue;
        };
        let y = area.y + 1 + slot as u16;
        let selected_row = row == s.row && !s.header;
        let title_style = if selected_row { t.title } else { Style::new() };
        put_spans(
            buf,
            area,
            area.x,
            y,
            &[
                (format!("{} ", task.id), t.dim),
                (task.title.clone(), title_style),
            ],
            usize::from(title_w.saturating_sub(1)),
        );
        for &(i, px, w) in &parties {
            let code = &app.board.parties[i].code;
            let (letter, style) = match task.raci.get(code) {
                Some(role) => (role.as_str(), t.title),
                None => ("·", t.dim),
            };
            let pad = (w - 1).saturating_sub(width(letter) as u16) / 2;
            put(buf, area, px + pad, y, letter, usize::from(w - 1), style);
            if selected_row && i == s.party {
                style_row(buf, area, px, y, w - 1, t.selected);
            }
        }
        if rule_w > 0 {
            let rules = app
                .view
                .raci_rules
                .get(id)
                .map(Vec::as_slice)
                .unwrap_or(&[]);
            let (text, style) = rule_text(app, task.raci.is_empty(), rules);
            put(buf, area, rules_x, y, &text, usize::from(rule_w - 1), style);
        }
    }

    // Load footer and summary.
    let load_y = area.bottom().saturating_sub(2);
    if area.height >= 4 {
        put(
            buf,
            area,
            area.x,
            load_y,
            l.t("Load R·A·C·I"),
            usize::from(title_w),
            t.heading,
        );
        let limits = &app.board.settings.raci;
        for &(i, px, w) in &parties {
            let Some((_, load)) = app.view.loads.get(i) else {
                continue;
            };
            let (text, style) = if *load == Load::default() {
                (l.t("idle").to_string(), t.dim)
            } else {
                let text = load_text(load);
                if load.r > limits.overload_r || load.a > limits.overload_a {
                    (text, t.warning)
                } else {
                    (text, Style::new())
                }
            };
            let shown = crate::text::fit(&text, usize::from(w - 1));
            let pad = (w - 1).saturating_sub(width(&shown) as u16) / 2;
            put(
                buf,
                area,
                px + pad,
                load_y,
                &shown,
                usize::from(w - 1),
                style,
            );
        }
    }
    if area.height >= 3 {
        summary(app, area, buf);
    }
}

/// The rule column's text for one row.
fn rule_text(app: &App, unplanned: bool, rules: &[Rule]) -> (String, Style) {
    let t = &app.theme;
    let l = app.locale.lang;
    if unplanned {
        return (l.t("not planned").into(), t.dim);
    }
    if rules.is_empty() {
        return (l.t("ok").into(), t.ok);
    }
    let text = rules
        .iter()
        .map(|r| l.t(r.short()))
        .collect::<Vec<_>>()
        .join(", ");
    let style = if rules.iter().any(|r| r.severity() == Severity::Error) {
        t.error
    } else {
        t.warning
    };
    (text, style)
}

/// `17 tasks · 16 planned · 1 error · 2 warnings · overloaded: 市场部 · idle: Legal`.
fn summary(app: &App, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let total = app.board.tasks.len();
    let planned = app.view.planned;
    let (errors, mut warnings) = (app.view.rule_errors, app.view.rule_warnings);
    // Party rules (overloaded, idle) are warnings too, named at the end.
    let limits = &app.board.settings.raci;
    let name = |code: &str| app.board.party_name(code).to_string();
    let overloaded: Vec<String> = app
        .view
        .loads
        .iter()
        .filter(|(_, l)| l.r > limits.overload_r || l.a > limits.overload_a)
        .map(|(code, _)| name(code))
        .collect();
    let idle: Vec<String> = app
        .view
        .loads
        .iter()
        .filter(|(_, l)| *l == Load::default())
        .map(|(code, _)| name(code))
        .collect();
    warnings += overloaded.len() + idle.len();
    let l = app.locale.lang;
    let mut spans = vec![
        (
            format!(
                "{} · {} · ",
                l.n(total, "{0} task", "{0} tasks"),
                l.f("{0} planned", &[&planned])
            ),
            t.dim,
        ),
        (
            l.n(errors, "{0} error", "{0} errors"),
            if errors > 0 { t.error } else { t.dim },
        ),
        (" · ".into(), t.dim),
        (
            l.n(warnings, "{0} warning", "{0} warnings"),
            if warnings > 0 { t.warning } else { t.dim },
        ),
    ];
    if !overloaded.is_empty() {
        spans.push((format!(" · {} ", l.t("overloaded:")), t.dim));
        spans.push((overloaded.join(", "), t.warning));
    }
    if !idle.is_empty() {
        spans.push((format!(" · {} ", l.t("idle:")), t.dim));
        spans.push((idle.join(", "), t.warning));
    }
    put_bottom(buf, area, &spans);
}

/// Selection and scroll of the RACI grid.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RaciState {
    /// The cursor is on the party header row (above the first task).
    pub header: bool,
    pub row: usize,
    pub party: usize,
    pub first_row: usize,
    pub first_party: usize,
}
