//! Draws a frame from `&App`: header, tabs, the current pane, footer and the
//! help overlay. Reads state; never changes it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;

use super::app::{App, Pane, SaveState, Tone};
use super::draw::{put, put_spans};
use super::keymap::Command;
use super::layout;
use super::panes;
use super::popups;
use crate::text::width;

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if self.pane == Pane::Standup && self.standup_state.presenter && self.meeting.is_some() {
            // A shared screen shows the turn alone: no editing chrome.
            panes::standup::render(self, area, buf);
            popups::render(self, area, buf);
            return;
        }
        let screen = layout::screen(area);
        header(self, screen.header, buf);
        tabs(self, screen.tabs, buf);
        match self.pane {
            Pane::Board => panes::board::render(self, screen.body, buf),
            Pane::Raci => panes::raci::render(self, screen.body, buf),
            Pane::Issues => panes::issues::render(self, screen.body, buf),
            Pane::Standup => panes::standup::render(self, screen.body, buf),
            Pane::Timeline => panes::timeline::render(self, screen.body, buf),
        }
        footer(self, screen.footer, buf);
        popups::render(self, area, buf);
    }
}

/// Board name and goal on the left, today's alert counts on the right.
fn header(app: &App, area: Rect, buf: &mut Buffer) {
    if area.height == 0 {
        return;
    }
    let t = &app.theme;
    let l = app.locale.lang;
    let a = app.view.alerts;
    let mut alerts: Vec<(String, Style)> = Vec::new();
    // Unsettled conflicts come first: until they are, the board may show
    // the value someone else did not mean.
    let conflicts = app.board.conflicts.len();
    if conflicts > 0 {
        let text = if conflicts == 1 {
            l.f("{0} conflict (C)", &[&conflicts])
        } else {
            l.f("{0} conflicts (C)", &[&conflicts])
        };
        alerts.push((text, t.error));
    }
    for (n, text, style) in [
        (a.overdue, l.t("{0} overdue"), t.overdue),
        (a.blocked, l.t("{0} blocked"), t.blocked),
        (a.breached, l.t("{0} breached"), t.overdue),
    ] {
        if n > 0 {
            if !alerts.is_empty() {
                alerts.push((" · ".into(), t.dim));
            }
            alerts.push((crate::i18n::fill(text, &[&n]), style));
        }
    }
    if alerts.is_empty() && !app.board.tasks.is_empty() {
        alerts.push((l.t("all clear").into(), t.ok));
    }
    let alerts_width: u16 = alerts.iter().map(|(s, _)| width(s) as u16).sum();
    // The alerts win over the goal when space is short: they are the point.
    let right = if alerts_width + 2 <= area.width {
        alerts_width
    } else {
        0
    };
    let left_room = usize::from(area.width.saturating_sub(right).saturating_sub(3));
    let name = if app.board.name.is_empty() {
        l.t("Untitled board")
    } else {
        app.board.name.as_str()
    };
    let mut left = vec![(format!(" {name}"), t.title)];
    if !app.board.goal.is_empty() {
        left.push((format!("  {}", app.board.goal), t.dim));
    }
    put_spans(buf, area, area.x, area.y, &left, left_room);
    if right > 0 {
        put_spans(
            buf,
            area,
            area.right() - right - 1,
            area.y,
            &alerts,
            usize::from(right),
        );
    }
}

/// `1 Board  2 RACI  3 Issues`, the current one highlighted, then what
/// happened since the last standup. When both do not fit, the other panes'
/// tabs shrink to their digits: the summary is what a lead looks at.
fn tabs(app: &App, area: Rect, buf: &mut Buffer) {
    if area.height == 0 {
        return;
    }
    let t = &app.theme;
    let (labels, since) = tab_layout(app, area);
    let mut x = area.x;
    for (label, pane) in labels.iter().zip(Pane::ALL) {
        let style = if pane == app.pane {
            t.tab_active
        } else {
            t.tab
        };
        x += put(
            buf,
            area,
            x,
            area.y,
            label,
            usize::from(area.right().saturating_sub(x)),
            style,
        );
        x += put(buf, area, x, area.y, " ", 1, t.tab);
    }
    let mut room = area.right().saturating_sub(x).saturating_sub(1);
    if let Some(spans) = since {
        let w: usize = spans.iter().map(|(s, _)| width(s)).sum();
        x += 1 + put_spans(buf, area, x + 1, area.y, &spans, w);
        room = area.right().saturating_sub(x).saturating_sub(1);
    }
    let location = &app.location;
    if usize::from(room) > width(location) + 2 {
        let w = width(location) as u16;
        put(
            buf,
            area,
            area.right() - w - 1,
            area.y,
            location,
            usize::from(w),
            t.dim,
        );
    }
}

/// The tabs' labels (shrunk to digits when the since-standup summary would
/// not fit beside them) and that summary, for drawing and for clicks.
fn tab_layout(app: &App, area: Rect) -> (Vec<String>, Option<Vec<(String, Style)>>) {
    let labels = |compact: bool| -> Vec<String> {
        Pane::ALL
            .iter()
            .enumerate()
            .map(|(i, pane)| {
                if compact && *pane != app.pane {
                    format!(" {} ", i + 1)
                } else {
                    format!(" {} {} ", i + 1, pane.title(app.locale.lang))
                }
            })
            .collect()
    };
    let used = |labels: &[String]| -> u16 {
        let w: usize = labels.iter().map(|l| width(l) + 1).sum();
        u16::try_from(w).unwrap_or(u16::MAX)
    };
    // The longest wording of the summary that fits in `room`.
    let fitting = |room: u16| {
        let since = app.view.since.as_ref()?;
        (0..3)
            .map(|tier| since_spans(app, since, tier))
            .find(|spans| spans.iter().map(|(s, _)| width(s)).sum::<usize>() < usize::from(room))
    };
    let room_after = |labels: &[String]| area.width.saturating_sub(used(labels)).saturating_sub(1);
    let full = labels(false);
    let (labels, since) = match fitting(room_after(&full)) {
        Some(spans) => (full, Some(spans)),
        None if app.view.since.is_some() => {
            let compact = labels(true);
            let spans = fitting(room_after(&compact));
            if spans.is_some() {
                (compact, spans)
            } else {
                (full, None)
            }
        }
        None => (full, None),
    };
    (labels, since)
}

/// The pane whose tab is at column `x` of the tab bar `area`.
pub(super) fn tab_at(app: &App, area: Rect, x: u16) -> Option<Pane> {
    let (labels, _) = tab_layout(app, area);
    let mut left = area.x;
    for (label, pane) in labels.iter().zip(Pane::ALL) {
        let right = left + width(label) as u16;
        if (left..right).contains(&x) {
            return Some(pane);
        }
        left = right + 1;
    }
    None
}

/// `Since standup Sun 09:13: 1 moved · 1 finished · 2 raised · 1
/// breached`: what happened since the last standup (or in the last day,
/// before the first). Tiers 1 and 2 say it shorter, for narrow screens.
fn since_spans(
    app: &App,
    s: &crate::model::standup::SinceSummary,
    tier: u8,
) -> Vec<(String, Style)> {
    let t = &app.theme;
    let l = &app.locale;
    let from = l.weekday_time(&s.since.from);
    let when = match (s.since.standup, tier) {
        (Some(_), 0) => l.f("Since standup {0}:", &[&from]),
        (Some(_), 1) => l.f("Since {0}:", &[&from]),
        (Some(_), _) => l.t("Since standup:").to_string(),
        (None, _) => l.t("Last 24h:").to_string(),
    };
    let finished = if tier == 0 {
        l.t("{0} finished")
    } else {
        l.t("{0} done")
    };
    let mut spans = vec![(when, t.dim)];
    let mut any = false;
    for (n, text, style) in [
        (s.moved, l.t("{0} moved"), Style::new()),
        (s.finished, finished, t.ok),
        (s.raised, l.t("{0} raised"), Style::new()),
        (s.breached, l.t("{0} breached"), t.breached),
    ] {
        if n == 0 {
            continue;
        }
        spans.push((if any { " · " } else { " " }.to_string(), t.dim));
        spans.push((crate::i18n::fill(text, &[&n]), style));
        any = true;
    }
    if !any {
        spans.push((format!(" {}", l.t("no changes")), t.dim));
    }
    spans
}

/// The last message, or the keys that work here (from the keymap).
fn footer(app: &App, area: Rect, buf: &mut Buffer) {
    if area.height == 0 {
        return;
    }
    let t = &app.theme;
    if let Some(message) = &app.message {
        let style = match message.tone {
            Tone::Info => t.message,
            Tone::Warning => t.warning,
            Tone::Error => t.error,
        };
        put(
            buf,
            area,
            area.x + 1,
            area.y,
            &message.text,
            usize::from(area.width.saturating_sub(1)),
            style,
        );
        return;
    }
    if let SaveState::Failed(reason) = &app.save_state {
        put(
            buf,
            area,
            area.x + 1,
            area.y,
            &app.locale.f("NOT SAVED: {0}", &[reason]),
            usize::from(area.width.saturating_sub(1)),
            t.error,
        );
        return;
    }
    let key = |c: Command| app.keymap.key_for(app.pane, c).unwrap_or_default();
    // `HL`: the first keys of two commands that go together.
    let pair = |a: Command, b: Command| format!("{}{}", key(a), key(b));
    let l = app.locale.lang;
    let mut hints: Vec<(String, &str)> = vec![
        (key(Command::Help), l.t("help")),
        (key(Command::Quit), l.t("quit")),
        (key(Command::NextPane), l.t("pane")),
    ];
    match app.pane {
        Pane::Board => {
            hints.push((key(Command::NewCard), l.t("new")));
            hints.push((key(Command::Edit), l.t("edit")));
            hints.push((
                pair(Command::MoveCardLeft, Command::MoveCardRight),
                l.t("move"),
            ));
            hints.push((key(Command::Filter), l.t("filter")));
            hints.push((key(Command::Undo), l.t("undo")));
        }
        Pane::Raci => {
            hints.push(("r a c i R".to_string(), l.t("set")));
            hints.push((key(Command::ClearRole), l.t("clear")));
            hints.push((key(Command::Details), l.t("explain")));
            hints.push((key(Command::Filter), l.t("filter")));
            hints.push((key(Command::AddParty), l.t("party")));
            hints.push((key(Command::Undo), l.t("undo")));
        }
        Pane::Issues => {
            hints.push((key(Command::NewCard), l.t("raise")));
            hints.push((key(Command::Details), l.t("details")));
            hints.push((key(Command::Acknowledge), l.t("ack")));
            hints.push((key(Command::Resolve), l.t("resolve")));
            hints.push((key(Command::CloseIssue), l.t("close")));
            hints.push((key(Command::Reopen), l.t("reopen")));
            hints.push((key(Command::SetIssueOwner), l.t("owner")));
            hints.push((key(Command::Escalate), l.t("escalate")));
            hints.push((key(Command::Undo), l.t("undo")));
        }
        Pane::Timeline => {
            hints.push((pair(Command::Left, Command::Right), l.t("scroll")));
            hints.push((pair(Command::ZoomIn, Command::ZoomOut), l.t("zoom")));
            hints.push((key(Command::Lanes), l.t("group")));
            hints.push((key(Command::Today), l.t("today")));
            hints.push((key(Command::FlowView), l.t("flow")));
            hints.push((
                pair(Command::MoveCardLeft, Command::MoveCardRight),
                l.t("move"),
            ));
            hints.push((key(Command::Undo), l.t("undo")));
        }
        Pane::Standup if app.meeting.is_none() => {
            hints.push((key(Command::StartByParty), l.t("start by party")));
            hints.push((key(Command::StartWalk), l.t("walk the board")));
        }
        Pane::Standup => {
            hints.push((key(Command::NextSpeaker), l.t("next")));
            hints.push((key(Command::PrevSpeaker), l.t("back")));
            hints.push((key(Command::Pause), l.t("pause")));
            hints.push((key(Command::Decide), l.t("decision")));
            hints.push((key(Command::Park), l.t("park")));
            hints.push((
                pair(Command::MoveCardLeft, Command::MoveCardRight),
                l.t("move"),
            ));
            hints.push((key(Command::EndStandup), l.t("end")));
            hints.push((key(Command::Undo), l.t("undo")));
        }
    }
    let mut spans = Vec::new();
    for (k, what) in hints {
        spans.push((format!(" {k}"), t.key));
        spans.push((format!(" {what} "), t.dim));
    }
    put_spans(buf, area, area.x, area.y, &spans, usize::from(area.width));
}
