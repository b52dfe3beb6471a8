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
use super::overlays;
use super::panes;
use crate::i18n::mark;
use crate::text::width;

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if self.pane == Pane::Standup && self.standup_state.presenter && self.meeting.is_some() {
            // A shared screen shows the turn alone: no editing chrome.
            panes::standup::render(self, area, buf);
            overlays::render(self, area, buf);
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
        overlays::render(self, area, buf);
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
        let text = l.n(conflicts, "{0} conflict (C)", "{0} conflicts (C)");
        alerts.push((text, t.error));
    }
    for (n, text, style) in [
        (a.overdue, l.t("{0} overdue"), t.overdue),
        (a.blocked, l.t("{0} blocked"), t.blocked),
        (a.breached, l.t("{0} breached"), t.overdue),
        (
            a.raci_errors,
            if a.raci_errors == 1 {
                l.t("{0} RACI error")
            } else {
                l.t("{0} RACI errors")
            },
            t.overdue,
        ),
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
    // Too long for the line: the least pressing counts go first (each
    // with its separator), so a narrow screen still shows the first.
    let fits = |alerts: &[(String, Style)]| {
        alerts.iter().map(|(s, _)| width(s)).sum::<usize>() + 2 <= usize::from(area.width)
    };
    while alerts.len() > 2 && !fits(&alerts) {
        alerts.truncate(alerts.len() - 2);
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

/// The tab labels and the "since the last standup" summary beside them.
/// The summary wins over the tabs' names: a lead reads it every morning,
/// while the digits switch panes without the names. So the tabs show every
/// name when the summary still fits beside them, else their digits and the
/// current pane's name; the summary takes the longest wording that fits,
/// and on a narrow screen its shortest one cut by whole items.
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
    let room_after =
        |labels: &[String]| usize::from(area.width.saturating_sub(used(labels)).saturating_sub(1));
    let Some(since) = app.view.since.as_ref() else {
        return (labels(false), None);
    };
    let tiers: Vec<Vec<(String, Style)>> =
        (0..3).map(|tier| since_spans(app, since, tier)).collect();
    let wide = |spans: &[(String, Style)]| spans.iter().map(|(s, _)| width(s)).sum::<usize>();
    let fitting = |room: usize| tiers.iter().find(|spans| wide(spans) < room).cloned();
    let full = labels(false);
    if let Some(spans) = fitting(room_after(&full)) {
        return (full, Some(spans));
    }
    let compact = labels(true);
    let room = room_after(&compact);
    let spans = fitting(room).or_else(|| {
        let shortest = tiers.last()?;
        cut_spans(shortest, room.checked_sub(1)?)
    });
    // No summary fits even so: every name, if all of them fit whole.
    if spans.is_none() && used(&full) <= area.width {
        return (full, None);
    }
    (compact, spans)
}

/// `spans` (a label, then items each after a separator) cut to `max`
/// cells by whole items, a `…` saying that some were left out; `None`
/// when not even one item fits.
fn cut_spans(spans: &[(String, Style)], max: usize) -> Option<Vec<(String, Style)>> {
    let (label, rest) = spans.split_first()?;
    let mut out = vec![label.clone()];
    let mut used = width(&label.0);
    for pair in rest.chunks(2) {
        let w: usize = pair.iter().map(|(s, _)| width(s)).sum();
        if used + w + 1 > max {
            break;
        }
        out.extend(pair.iter().cloned());
        used += w;
    }
    if out.len() == 1 {
        return None;
    }
    if out.len() < spans.len() {
        out.push(("…".to_string(), label.1));
    }
    Some(out)
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
    let mut items = [
        (s.moved, l.t("{0} moved"), Style::new()),
        (s.finished, finished, t.ok),
        (s.raised, l.t("{0} raised"), Style::new()),
        (s.breached, l.t("{0} breached"), t.breached),
        (s.changed, l.t("{0} changed"), Style::new()),
    ];
    // The shortest wording leads with what needs acting on: breaches, then
    // new issues; the rest as room allows (see `cut_spans`).
    if tier >= 2 {
        items.sort_by_key(|(_, text, _)| {
            [l.t("{0} breached"), l.t("{0} raised")]
                .iter()
                .position(|t| t == text)
                .unwrap_or(2)
        });
    }
    let mut spans = vec![(when, t.dim)];
    let mut any = false;
    for (n, text, style) in items {
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
    let l = app.locale.lang;
    let mut spans = Vec::new();
    for (keys, what) in FOOTER_EVERYWHERE.iter().chain(footer_hints(app)) {
        let keys = match keys {
            Keys::One(c) => key(*c),
            Keys::Pair(a, b) => format!("{}{}", key(*a), key(*b)),
            Keys::Text(text) => text.to_string(),
        };
        spans.push((format!(" {keys}"), t.key));
        spans.push((format!(" {} ", l.t(what)), t.dim));
    }
    put_spans(buf, area, area.x, area.y, &spans, usize::from(area.width));
}

/// The keys a footer hint names.
enum Keys {
    One(Command),
    /// Two commands that go together, by their first keys: `HL`.
    Pair(Command, Command),
    Text(&'static str),
}

/// The hints of every footer, before the pane's own.
const FOOTER_EVERYWHERE: &[(Keys, &str)] = &[
    (Keys::One(Command::Help), mark("help")),
    (Keys::One(Command::Quit), mark("quit")),
    (Keys::One(Command::NextPane), mark("pane")),
];

/// The keys the current pane's footer names, as configured.
fn footer_hints(app: &App) -> &'static [(Keys, &'static str)] {
    use Command as C;
    const MOVE: Keys = Keys::Pair(C::MoveCardLeft, C::MoveCardRight);
    const BOARD: &[(Keys, &str)] = &[
        (Keys::One(C::NewCard), mark("new")),
        (Keys::One(C::Edit), mark("edit")),
        (MOVE, mark("move")),
        (Keys::One(C::Filter), mark("filter")),
        (Keys::One(C::Undo), mark("undo")),
    ];
    const RACI: &[(Keys, &str)] = &[
        (Keys::Text("r a c i R"), mark("set")),
        (Keys::One(C::ClearRole), mark("clear")),
        (Keys::One(C::Details), mark("explain")),
        (Keys::One(C::Filter), mark("filter")),
        (Keys::One(C::AddParty), mark("party")),
        (Keys::One(C::Undo), mark("undo")),
    ];
    const ISSUES: &[(Keys, &str)] = &[
        (Keys::One(C::NewCard), mark("raise")),
        (Keys::One(C::Details), mark("details")),
        (Keys::One(C::Acknowledge), mark("ack")),
        (Keys::One(C::Resolve), mark("resolve")),
        (Keys::One(C::CloseIssue), mark("close")),
        (Keys::One(C::Reopen), mark("reopen")),
        (Keys::One(C::SetIssueOwner), mark("owner")),
        (Keys::One(C::Escalate), mark("escalate")),
        (Keys::One(C::Undo), mark("undo")),
    ];
    const TIMELINE: &[(Keys, &str)] = &[
        (Keys::Pair(C::Left, C::Right), mark("scroll")),
        (Keys::Pair(C::ZoomIn, C::ZoomOut), mark("zoom")),
        (Keys::One(C::Lanes), mark("group")),
        (Keys::One(C::Today), mark("today")),
        (Keys::One(C::FlowView), mark("flow")),
        (MOVE, mark("move")),
        (Keys::One(C::Undo), mark("undo")),
    ];
    const BEFORE_STANDUP: &[(Keys, &str)] = &[
        (Keys::One(C::StartByParty), mark("start by party")),
        (Keys::One(C::StartWalk), mark("walk the board")),
    ];
    const STANDUP: &[(Keys, &str)] = &[
        (Keys::One(C::NextSpeaker), mark("next")),
        (Keys::One(C::PrevSpeaker), mark("back")),
        (Keys::One(C::Pause), mark("pause")),
        (Keys::One(C::Decide), mark("decision")),
        (Keys::One(C::Park), mark("park")),
        (MOVE, mark("move")),
        (Keys::One(C::EndStandup), mark("end")),
        (Keys::One(C::Undo), mark("undo")),
    ];
    match app.pane {
        Pane::Board => BOARD,
        Pane::Raci => RACI,
        Pane::Issues => ISSUES,
        Pane::Timeline => TIMELINE,
        Pane::Standup if app.meeting.is_none() => BEFORE_STANDUP,
        Pane::Standup => STANDUP,
    }
}
