//! Text as the terminal shows it: measured by display width (CJK and emoji
//! take two cells), cut at character boundaries, and with control characters
//! made harmless so that a title can never drive the terminal.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The ellipsis that marks cut text.
pub const ELLIPSIS: char = '…';

/// Whether a character must not reach the terminal as it is: C0/C1 controls
/// (ESC starts escape sequences) and the bidirectional overrides that can
/// make text read differently from what it holds.
fn is_hazard(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
}

/// The text with every hazardous character replaced by a visible `?` and
/// line breaks and tabs turned into spaces.
pub fn sanitize(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\n' | '\r' | '\t' => ' ',
            c if is_hazard(c) => '?',
            c => c,
        })
        .collect()
}

/// Display width of (sanitized) text.
pub fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// Sanitizes and cuts `text` to at most `max` cells, ending with `…` when
/// cut. Never splits a wide character.
pub fn fit(text: &str, max: usize) -> String {
    let clean = sanitize(text);
    if width(&clean) <= max {
        return clean;
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in clean.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push(ELLIPSIS);
    out
}

/// Sanitizes, cuts and pads `text` to exactly `cells` cells.
pub fn pad(text: &str, cells: usize) -> String {
    let mut out = fit(text, cells);
    let w = width(&out);
    out.extend(std::iter::repeat_n(' ', cells.saturating_sub(w)));
    out
}

/// The sentence case of a phrase: `move T-3` → `Move T-3`.
pub fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The characters that make a spreadsheet read a cell as a formula (CSV
/// injection, as OWASP names it): a title typed as `=HYPERLINK(…)` must
/// open as text.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A cell for a spreadsheet: one that would start a formula gets a leading
/// `'`, which [`unguarded`] takes off again.
pub fn guarded(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(FORMULA_STARTS) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// A cell as it was before [`guarded`].
pub fn unguarded(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_would_be_formula_is_guarded_and_read_back() {
        for cell in ["=SUM(A1)", "+1", "-2", "@x", "\tx"] {
            assert_eq!(guarded(cell), format!("'{cell}"));
            assert_eq!(unguarded(&guarded(cell)), cell);
        }
        assert_eq!(guarded("plain"), "plain");
        assert_eq!(unguarded("'quoted"), "'quoted");
    }

    #[test]
    fn escape_sequences_are_defused() {
        assert_eq!(sanitize("a\u{1b}[31mred\u{7}"), "a?[31mred?");
        assert_eq!(sanitize("evil\u{202E}txt.exe"), "evil?txt.exe");
        assert_eq!(sanitize("two\nlines"), "two lines");
    }

    #[test]
    fn wide_characters_are_never_cut_in_half() {
        assert_eq!(fit("市场部活动", 5), "市场…");
        assert_eq!(width(&fit("市场部活动", 5)), 5);
        assert_eq!(fit("市场部活动", 4), "市…");
        assert_eq!(width(&fit("市场部活动", 4)), 3);
        assert_eq!(pad("市场部活动", 4), "市… ");
        assert_eq!(fit("short", 10), "short");
        assert_eq!(fit("anything", 0), "");
        assert_eq!(fit("ab", 1), "…");
    }
}

/// A short ASCII id made from a name, for codes people type: its letters
/// and digits in lower case, other runs as one `-` (`In review` →
/// `in-review`), at most `max` characters; empty for a name with no ASCII
/// letters or digits (`评审`).
pub fn slug(name: &str, max: usize) -> String {
    let mut slug = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let cut: String = slug.chars().take(max).collect();
    cut.trim_end_matches('-').to_string()
}

/// A duration as people say it in a standup: `18m`, `5h`, `1d 3h`, `2w`.
pub fn human_duration(d: chrono::Duration) -> String {
    crate::i18n::Lang::En.duration(d)
}

#[cfg(test)]
mod duration_tests {
    use super::human_duration;
    use chrono::Duration;

    #[test]
    fn durations_read_as_spoken() {
        assert_eq!(human_duration(Duration::minutes(18)), "18m");
        assert_eq!(human_duration(Duration::minutes(120)), "2h");
        assert_eq!(human_duration(Duration::minutes(150)), "2h 30m");
        assert_eq!(human_duration(Duration::minutes(27 * 60 + 5)), "1d 3h");
        assert_eq!(human_duration(Duration::days(14)), "2w");
        assert_eq!(human_duration(Duration::days(-3)), "3d");
    }
}
