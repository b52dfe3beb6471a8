//! The standup's timers: the speaker's and the meeting's, with the pace
//! they are on, large enough to read across a room.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::i18n::mark;
use crate::model::StandupOrder;
use crate::tui::app::App;
use crate::tui::draw::{put, put_spans};
use crate::tui::layout::BIG_TIMER_HEIGHT;
use crate::tui::meeting::{Meeting, Pace};
use crate::tui::theme::Theme;

/// The speaker's and the meeting's timers: big digits when there is room.
pub(super) fn timers(app: &App, meeting: &Meeting, area: Rect, buf: &mut Buffer) {
    if area.height == 0 {
        return;
    }
    let t = &app.theme;
    let l = app.locale.lang;
    let timing = app.board.settings.standup;
    let speaker = meeting.spoken(meeting.current, app.now);
    let total = meeting.elapsed(app.now);
    let speaker_pace = Pace::of(speaker, timing.speaker_minutes);
    let meeting_pace = Pace::of(total, timing.timebox_minutes);
    let who = meeting
        .stop()
        .map(|s| s.label(&app.board, l))
        .unwrap_or_default();
    let turn = format!("{}/{}", meeting.current + 1, meeting.stops.len().max(1));
    let paused = if meeting.paused() {
        l.t("  PAUSED (Space)")
    } else {
        ""
    };
    if area.height < BIG_TIMER_HEIGHT {
        let spans = vec![
            (format!(" {who} {turn} "), t.title),
            (
                format!("{}/{}:00", mmss(speaker), timing.speaker_minutes),
                pace_style(t, speaker_pace),
            ),
            (format!("  {} ", l.t("meeting")), t.dim),
            (
                format!("{}/{}:00", mmss(total), timing.timebox_minutes),
                pace_style(t, meeting_pace),
            ),
            (paused.into(), t.warning),
        ];
        put_spans(buf, area, area.x, area.y, &spans, usize::from(area.width));
        return;
    }
    let half = area.width / 2;
    let left = Rect::new(area.x, area.y, half, area.height);
    let right = Rect::new(area.x + half, area.y, area.width - half, area.height);
    big_timer(
        buf,
        left,
        &format!("{} {turn}: {who}", l.t(turn_word(meeting))),
        &format!("{}{paused}", l.f("of {0}:00", &[&timing.speaker_minutes])),
        speaker,
        pace_style(t, speaker_pace),
        t,
    );
    big_timer(
        buf,
        right,
        l.t("Meeting"),
        &l.f("of {0}:00", &[&timing.timebox_minutes]),
        total,
        pace_style(t, meeting_pace),
        t,
    );
}

/// What a turn is called: a party speaks; walking the board, a column is
/// the subject.
pub(super) fn turn_word(meeting: &Meeting) -> &'static str {
    match meeting.order {
        StandupOrder::Party => mark("Speaker"),
        StandupOrder::Board => mark("Column"),
    }
}

/// A label, three rows of block digits, and a note beside them.
pub(super) fn big_timer(
    buf: &mut Buffer,
    area: Rect,
    label: &str,
    note: &str,
    seconds: i64,
    style: Style,
    t: &Theme,
) {
    put(
        buf,
        area,
        area.x + 2,
        area.y,
        label,
        usize::from(area.width.saturating_sub(2)),
        t.title,
    );
    let digits = mmss(seconds);
    let glyphs: Vec<[&str; 3]> = digits.chars().map(glyph).collect();
    let mut x = area.x + 2;
    for g in &glyphs {
        for (row, line) in g.iter().enumerate() {
            put(buf, area, x, area.y + 1 + row as u16, line, 3, style);
        }
        x += crate::text::width(g[0]) as u16 + 1;
    }
    put(
        buf,
        area,
        x + 1,
        area.y + 3,
        note,
        usize::from(area.right().saturating_sub(x + 1)),
        t.dim,
    );
}

/// A digit (or `:`) three cells high.
pub(super) fn glyph(c: char) -> [&'static str; 3] {
    match c {
        '0' => ["█▀█", "█ █", "▀▀▀"],
        '1' => ["▀█ ", " █ ", "▀▀▀"],
        '2' => ["▀▀█", "█▀▀", "▀▀▀"],
        '3' => ["▀▀█", " ▀█", "▀▀▀"],
        '4' => ["█ █", "▀▀█", "  ▀"],
        '5' => ["█▀▀", "▀▀█", "▀▀▀"],
        '6' => ["█▀▀", "█▀█", "▀▀▀"],
        '7' => ["▀▀█", "  █", "  ▀"],
        '8' => ["█▀█", "█▀█", "▀▀▀"],
        '9' => ["█▀█", "▀▀█", "▀▀▀"],
        _ => [" ", "▀", "▀"],
    }
}

/// `2:05`.
pub(super) fn mmss(seconds: i64) -> String {
    let s = seconds.max(0);
    format!("{}:{:02}", s / 60, s % 60)
}

pub(super) fn pace_style(t: &Theme, pace: Pace) -> Style {
    match pace {
        Pace::Fine => t.ok,
        Pace::Late => t.wip_at,
        Pace::Over => t.wip_over,
    }
}
