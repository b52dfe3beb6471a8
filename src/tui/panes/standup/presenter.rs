//! The presenter view (`f` during a standup): the speaker, their timer
//! and their cards and issues, large and plain, for a shared screen.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use super::timers::{mmss, pace_style};
use super::{Row, row_spans, rows};
use crate::tui::app::App;
use crate::tui::draw::{put, put_spans};
use crate::tui::meeting::{Meeting, Pace};

/// What the room needs under a card or an issue in the presenter view.
fn facts(app: &App, row: &Row) -> Vec<(String, Style)> {
    let t = &app.theme;
    let l = &app.locale;
    let board = &app.board;
    let mut facts = Vec::new();
    let mut push = |text: String, style: Style| {
        if !facts.is_empty() {
            facts.push(("  ·  ".to_string(), t.dim));
        }
        facts.push((text, style));
    };
    match row {
        Row::Card(id) => {
            let Some(task) = board.tasks.get(id) else {
                return facts;
            };
            if let Some(due) = task.due {
                let late = board.is_overdue(task, app.now.date_naive());
                let style = if late { t.overdue } else { t.dim };
                push(l.f("due {0}", &[&l.day_short(due)]), style);
            }
            if let Some(b) = &task.blocked {
                push(l.f("blocked: {0}", &[&b.reason]), t.blocked);
            } else if board.is_blocked(task) {
                let waits: Vec<String> =
                    board.waits_on(task).iter().map(|w| w.to_string()).collect();
                push(l.f("waits on {0}", &[&waits.join(", ")]), t.blocked);
            }
        }
        Row::Issue(id) => {
            if let Some(issue) = board.issues.get(id) {
                let (clock, state) = app.clock(issue);
                let style = match state {
                    crate::model::triage::ClockState::Breached => t.breached,
                    crate::model::triage::ClockState::AtRisk => t.at_risk,
                    _ => t.dim,
                };
                push(clock, style);
            }
        }
        _ => {}
    }
    facts
}

/// The presenter view: the current turn's cards in large, calm type, for
/// a shared screen. No keys, no chrome.
pub(super) fn presenter(app: &App, meeting: &Meeting, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let who = meeting
        .stop()
        .map(|s| s.label(&app.board, app.locale.lang))
        .unwrap_or_else(|| app.locale.t("Standup").into());
    let speaker = meeting.spoken(meeting.current, app.now);
    let pace = Pace::of(speaker, app.board.settings.standup.speaker_minutes);
    let margin = (area.width / 10).min(8);
    let x = area.x + margin;
    let w = usize::from(area.width.saturating_sub(2 * margin));
    let title = Style::new().add_modifier(Modifier::BOLD);
    put(buf, area, x, area.y + 1, &who, w, title);
    let clock = mmss(speaker);
    let cw = crate::text::width(&clock) as u16;
    put(
        buf,
        area,
        area.right().saturating_sub(margin + cw),
        area.y + 1,
        &clock,
        usize::from(cw),
        pace_style(t, pace),
    );
    if area.height >= 4 {
        let total = meeting.elapsed(app.now);
        let meeting_pace = Pace::of(total, app.board.settings.standup.timebox_minutes);
        let bottom = format!(
            "{}/{} · {} {}",
            meeting.current + 1,
            meeting.stops.len().max(1),
            app.locale.t("meeting"),
            mmss(total)
        );
        let bw = crate::text::width(&bottom) as u16;
        let style = if meeting_pace == Pace::Fine {
            t.dim
        } else {
            pace_style(t, meeting_pace)
        };
        put(
            buf,
            area,
            area.right().saturating_sub(margin + bw),
            area.bottom() - 1,
            &bottom,
            usize::from(bw),
            style,
        );
    }
    let mut y = area.y + 3;
    let rows = rows(app);
    for row in rows {
        if y + 2 >= area.bottom() {
            break;
        }
        match row {
            Row::Heading(text) => {
                put(buf, area, x, y, text, w, t.dim);
                y += 2;
            }
            Row::Card(_) | Row::Issue(_) | Row::Change(_) => {
                let spans = row_spans(app, row);
                // The id and title, and under them only what the room acts
                // on: a card's due date and why it is blocked, an issue's
                // SLA clock. The rest is for the lead's screen.
                let calm: Vec<(String, Style)> = spans.into_iter().take(2).collect();
                put_spans(buf, area, x + 2, y, &calm, w.saturating_sub(2));
                let facts = facts(app, row);
                if !facts.is_empty() && y + 3 < area.bottom() {
                    put_spans(buf, area, x + 4, y + 1, &facts, w.saturating_sub(4));
                    y += 1;
                }
                y += 2;
            }
            Row::Note(text) => {
                put(buf, area, x, y, text, w, t.dim);
                y += 2;
            }
            Row::Blank => {}
        }
    }
}
