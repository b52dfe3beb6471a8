//! Small drawing helpers that clip to an area, so that no size of terminal
//! can make a write land outside the buffer.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::text::{fit, width};

/// Writes `text` at (`x`, `y`), sanitized and cut to `max` cells and to the
/// area's right edge. Returns the cells used.
pub fn put(
    buf: &mut Buffer,
    area: Rect,
    x: u16,
    y: u16,
    text: &str,
    max: usize,
    style: Style,
) -> u16 {
    let area = area.intersection(buf.area);
    if y < area.top() || y >= area.bottom() || x < area.left() || x >= area.right() {
        return 0;
    }
    let room = usize::from(area.right() - x).min(max);
    let shown = fit(text, room);
    buf.set_stringn(x, y, &shown, room, style);
    width(&shown) as u16
}

/// Writes a sequence of styled pieces left to right, stopping at `max` cells.
pub fn put_spans(
    buf: &mut Buffer,
    area: Rect,
    x: u16,
    y: u16,
    spans: &[(String, Style)],
    max: usize,
) -> u16 {
    let mut used: u16 = 0;
    for (text, style) in spans {
        let left = max.saturating_sub(usize::from(used));
        if left == 0 {
            break;
        }
        used += put(buf, area, x.saturating_add(used), y, text, left, *style);
    }
    used
}

/// Writes styled pieces along the last line of `area` (footers, summaries).
pub fn put_bottom(buf: &mut Buffer, area: Rect, spans: &[(String, Style)]) {
    if area.height > 0 {
        put_spans(
            buf,
            area,
            area.x,
            area.bottom() - 1,
            spans,
            usize::from(area.width),
        );
    }
}

/// Applies a style to one row of an area (e.g. a selected line).
pub fn style_row(buf: &mut Buffer, area: Rect, x: u16, y: u16, w: u16, style: Style) {
    let row = Rect::new(x, y, w, 1)
        .intersection(area)
        .intersection(buf.area);
    if !row.is_empty() {
        buf.set_style(row, style);
    }
}
