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
    for row in &rows {
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
                // Ids and titles only: the rest is for the lead's screen.
                let calm: Vec<(String, Style)> = spans.into_iter().take(2).collect();
                put_spans(buf, area, x + 2, y, &calm, w.saturating_sub(2));
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
