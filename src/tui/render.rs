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
    let a = app.view.alerts;
    let mut alerts: Vec<(String, Style)> = Vec::new();
    // Unsettled conflicts come first: until they are, the board may show
    // the value someone else did not mean.
    let conflicts = app.board.conflicts.len();
    if conflicts > 0 {
        let s = if conflicts == 1 { "" } else { "s" };
        alerts.push((format!("{conflicts} conflict{s} (C)"), t.error));
    }
    for (n, word) in [
        (a.overdue, "overdue"),
        (a.blocked, "blocked"),
        (a.breached, "breached"),
    ] {
        if n > 0 {
            if !alerts.is_empty() {
                alerts.push((" · ".into(), t.dim));
            }
            let style = if word == "blocked" {
                t.blocked
            } else {
                t.overdue
            };
            alerts.push((format!("{n} {word}"), style));
        }
    }
    if alerts.is_empty() && !app.board.tasks.is_empty() {
        alerts.push(("all clear".into(), t.ok));
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
        "Untitled board"
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
                    format!(" {} {} ", i + 1, pane.title())
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
    let when = match (s.since.standup, tier) {
        (Some(_), 0) => format!("Since standup {}:", s.since.from.format("%a %H:%M")),
        (Some(_), 1) => format!("Since {}:", s.since.from.format("%a %H:%M")),
        (Some(_), _) => "Since standup:".to_string(),
        (None, _) => "Last 24h:".to_string(),
    };
    let finished = if tier == 0 { "finished" } else { "done" };
    let mut spans = vec![(when, t.dim)];
    let mut any = false;
    for (n, word, style) in [
        (s.moved, "moved", Style::new()),
        (s.finished, finished, t.ok),
        (s.raised, "raised", Style::new()),
        (s.breached, "breached", t.breached),
    ] {
        if n == 0 {
            continue;
        }
        spans.push((if any { " · " } else { " " }.to_string(), t.dim));
        spans.push((format!("{n} {word}"), style));
        any = true;
    }
    if !any {
        spans.push((" no changes".into(), t.dim));
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
            &format!("NOT SAVED: {reason}"),
            usize::from(area.width.saturating_sub(1)),
            t.error,
        );
        return;
    }
    let key = |c: Command| app.keymap.key_for(app.pane, c).unwrap_or_default();
    // `HL`: the first keys of two commands that go together.
    let pair = |a: Command, b: Command| format!("{}{}", key(a), key(b));
    let mut hints: Vec<(String, &str)> = vec![
        (key(Command::Help), "help"),
        (key(Command::Quit), "quit"),
        (key(Command::NextPane), "pane"),
    ];
    match app.pane {
        Pane::Board => {
            hints.push((key(Command::NewCard), "new"));
            hints.push((key(Command::Edit), "edit"));
            hints.push((pair(Command::MoveCardLeft, Command::MoveCardRight), "move"));
            hints.push((key(Command::Filter), "filter"));
            hints.push((key(Command::Undo), "undo"));
        }
        Pane::Raci => {
            hints.push(("r a c i R".to_string(), "set"));
            hints.push((key(Command::ClearRole), "clear"));
            hints.push((key(Command::Details), "explain"));
            hints.push((key(Command::Filter), "filter"));
            hints.push((key(Command::AddParty), "party"));
            hints.push((key(Command::Undo), "undo"));
        }
        Pane::Issues => {
            hints.push((key(Command::NewCard), "raise"));
            hints.push((key(Command::Details), "details"));
            hints.push((key(Command::Acknowledge), "ack"));
            hints.push((key(Command::Resolve), "resolve"));
            hints.push((key(Command::CloseIssue), "close"));
            hints.push((key(Command::Reopen), "reopen"));
            hints.push((key(Command::SetIssueOwner), "owner"));
            hints.push((key(Command::Escalate), "escalate"));
            hints.push((key(Command::Undo), "undo"));
        }
        Pane::Timeline => {
            hints.push((pair(Command::Left, Command::Right), "scroll"));
            hints.push((pair(Command::ZoomIn, Command::ZoomOut), "zoom"));
            hints.push((key(Command::Lanes), "group"));
            hints.push((key(Command::Today), "today"));
            hints.push((key(Command::FlowView), "flow"));
            hints.push((pair(Command::MoveCardLeft, Command::MoveCardRight), "move"));
            hints.push((key(Command::Undo), "undo"));
        }
        Pane::Standup if app.meeting.is_none() => {
            hints.push((key(Command::StartByParty), "start by party"));
            hints.push((key(Command::StartWalk), "walk the board"));
        }
        Pane::Standup => {
            hints.push((key(Command::NextSpeaker), "next"));
            hints.push((key(Command::PrevSpeaker), "back"));
            hints.push((key(Command::Pause), "pause"));
            hints.push((key(Command::Decide), "decision"));
            hints.push((key(Command::Park), "park"));
            hints.push((pair(Command::MoveCardLeft, Command::MoveCardRight), "move"));
            hints.push((key(Command::EndStandup), "end"));
            hints.push((key(Command::Undo), "undo"));
        }
    }
    let mut spans = Vec::new();
    for (k, what) in hints {
        spans.push((format!(" {k}"), t.key));
        spans.push((format!(" {what} "), t.dim));
    }
    put_spans(buf, area, area.x, area.y, &spans, usize::from(area.width));
}
