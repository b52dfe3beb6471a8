//! The board as one self-contained web page, for the departments that do
//! not open a terminal: the progress board, the RACI grid, the issue
//! queue, the timeline, the latest minutes and the weekly report, in the
//! interface's language. No script, no external font, image or style: it
//! opens from a file, an attachment or a shared drive, offline. Every text
//! from the board is escaped, so a title is always text, never markup.
//!
//! Pure: built from a board at a moment; the caller writes it.

mod board;
mod gantt;
mod markdown;
mod queue;

use std::fmt::Write;

use chrono::Weekday;

use crate::i18n::{Locale, mark};
use crate::model::{Board, Timestamp};

/// How many items of a list in the minutes and the weekly report the page
/// shows; a longer list ends with how many more there are and the command
/// that lists them all. Twelve is what a manager reads of a department's
/// week; the page of a large board stays a page.
const LIST_LIMIT: usize = 12;

/// The page of `board` at `now`, in `l`; the week starts on `first_day`.
pub fn page(board: &Board, now: Timestamp, l: &Locale, first_day: Weekday) -> String {
    let mut out = String::with_capacity(64 * 1024);
    let lang = match l.lang {
        crate::i18n::Lang::En => "en",
        crate::i18n::Lang::Zh => "zh-CN",
    };
    let title = if board.name.is_empty() {
        l.t("Board").to_string()
    } else {
        board.name.clone()
    };
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        esc(&title)
    );
    header(&mut out, board, now, l, &title);
    let sections = [
        ("board", l.t("Progress board")),
        ("raci", l.t("RACI grid")),
        ("issues", l.t("Issue queue")),
        ("timeline", l.t("Timeline")),
        ("minutes", l.t("Minutes")),
        ("week", l.t("Weekly report")),
    ];
    out.push_str("<nav>");
    for (id, name) in sections {
        let _ = write!(out, "<a href=\"#{id}\">{}</a>", esc(name));
    }
    out.push_str("</nav>\n<main>\n");
    section(&mut out, sections[0], |o| board::progress(o, board, now, l));
    section(&mut out, sections[1], |o| board::raci(o, board, l));
    section(&mut out, sections[2], |o| queue::issues(o, board, now, l));
    section(&mut out, sections[3], |o| gantt::timeline(o, board, now, l));
    section(&mut out, sections[4], |o| {
        match super::minutes(board, super::Which::Latest, now, l.lang) {
            Ok(m) => {
                let fold = super::markdown::Fold {
                    limit: LIST_LIMIT,
                    all: "standup report",
                };
                markdown::to_html(o, &super::markdown::render_folded(&m, l, fold));
            }
            Err(e) => {
                let _ = write!(o, "<p class=\"dim\">{}</p>", esc(&e.to_string()));
            }
        }
    });
    section(&mut out, sections[5], |o| {
        match super::week::week(board, now.date_naive(), now, first_day, l.lang) {
            Ok(r) => {
                let fold = super::markdown::Fold {
                    limit: LIST_LIMIT,
                    all: "standup report --week",
                };
                markdown::to_html(o, &super::week_markdown::render_folded(&r, l, fold));
            }
            Err(e) => {
                let _ = write!(o, "<p class=\"dim\">{}</p>", esc(&e.to_string()));
            }
        }
    });
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// The board's name and goal, when the page was made, and today's alerts.
fn header(out: &mut String, board: &Board, now: Timestamp, l: &Locale, title: &str) {
    let alerts = board.alerts(now);
    let _ = writeln!(out, "<header>\n<h1>{}</h1>", esc(title));
    if !board.goal.is_empty() {
        let _ = writeln!(out, "<p class=\"goal\">{}</p>", esc(&board.goal));
    }
    let made = format!("{} ({})", l.moment(&now), now.format("UTC%:z"));
    let _ = write!(
        out,
        "<p class=\"dim\">{}</p>\n<ul class=\"alerts\">",
        esc(&l.f("Generated {0}", &[&made]))
    );
    let raci = if alerts.raci_errors == 1 {
        mark("{0} RACI error")
    } else {
        mark("{0} RACI errors")
    };
    let counts = [
        (alerts.overdue, mark("{0} overdue"), "late"),
        (alerts.blocked, mark("{0} blocked"), "blocked"),
        (alerts.breached, mark("{0} breached"), "late"),
        (alerts.raci_errors, raci, "late"),
    ];
    for (n, words, class) in counts {
        let said = esc(&l.f(words, &[&n]));
        let class = if n > 0 { class } else { "ok" };
        let _ = write!(out, "<li class=\"{class}\">{said}</li>");
    }
    out.push_str("</ul>\n</header>\n");
}

/// A section with its anchor and heading, its body written by `body`.
fn section(out: &mut String, (id, name): (&str, &str), body: impl FnOnce(&mut String)) {
    let _ = writeln!(out, "<section id=\"{id}\">\n<h2>{}</h2>", esc(name));
    body(out);
    out.push_str("</section>\n");
}

/// Text made safe for HTML, in an element or an attribute: the five
/// characters HTML reads as markup become entities, and controls (bidi
/// overrides included) are dropped, so text can neither become markup nor
/// turn the page's writing direction.
pub(crate) fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' => {}
            c if c.is_control() && c != '\n' => {}
            c => out.push(c),
        }
    }
    out
}

/// The page's look: system fonts (CJK ones named), marks as well as
/// colours, columns that stack on a phone, A4 landscape in print.
const STYLE: &str = r#"
:root { --ink:#1d2430; --dim:#5d6675; --line:#d6dbe3; --late:#b3261e; --warn:#8a5a00; --ok:#1b6e3a; --bg:#f6f7f9; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff;
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", "PingFang SC", "Hiragino Sans GB",
    "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", sans-serif; }
header, nav, main { max-width: 1200px; margin: 0 auto; padding: 0 16px; }
header h1 { margin: 20px 0 4px; font-size: 24px; }
.goal { margin: 0 0 4px; }
.dim { color: var(--dim); }
.alerts { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 8px; }
.alerts li { border: 1px solid var(--line); border-radius: 12px; padding: 2px 10px; }
.alerts li.late { border-color: var(--late); color: var(--late); font-weight: 600; }
.alerts li.late::before, .late-mark::before { content: "▲ "; }
.alerts li.blocked { border-color: var(--warn); color: var(--warn); font-weight: 600; }
.alerts li.blocked::before { content: "⊘ "; }
nav { display: flex; flex-wrap: wrap; gap: 12px; padding-top: 4px; padding-bottom: 8px; border-bottom: 1px solid var(--line); }
nav a { color: var(--ink); }
section { margin: 24px 0; }
h2 { font-size: 19px; border-bottom: 2px solid var(--ink); padding-bottom: 2px; }
.columns { display: flex; gap: 12px; overflow-x: auto; align-items: flex-start; }
.column { flex: 1 0 220px; background: var(--bg); border-radius: 6px; padding: 8px; min-width: 220px; }
.column h3 { margin: 0 0 8px; font-size: 15px; }
.column h3 .over { color: var(--late); }
.card { background: #fff; border: 1px solid var(--line); border-radius: 4px; padding: 6px 8px; margin-bottom: 6px; break-inside: avoid; }
.card .id { color: var(--dim); font-size: 13px; }
.card .meta { color: var(--dim); font-size: 13px; }
.card .late { color: var(--late); font-weight: 600; }
.card .blocked { color: var(--warn); font-weight: 600; }
.card.is-blocked { border-left: 4px solid var(--warn); }
.card.is-late { border-left: 4px solid var(--late); }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
.scroll { overflow-x: auto; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 6px; text-align: left; vertical-align: top; }
td.role { text-align: center; font-weight: 600; }
td.problem { color: var(--late); }
td.problem::before { content: "▲ "; }
.clock.breached, .clock.missed { color: var(--late); font-weight: 600; }
.clock.breached::before { content: "▲ "; }
.clock.at-risk { color: var(--warn); }
.clock.at-risk::before { content: "△ "; }
svg { max-width: 100%; height: auto; }
.report h1 { font-size: 18px; } .report h2 { font-size: 16px; border-bottom: 1px solid var(--line); }
details summary { cursor: pointer; color: var(--dim); }
@media (max-width: 700px) {
  .columns { flex-direction: column; }
  .column { width: 100%; min-width: 0; flex-basis: auto; }
}
@media print {
  @page { size: A4 landscape; margin: 12mm; }
  nav { display: none; }
  .columns { flex-wrap: wrap; overflow: visible; }
  section { break-before: page; } section:first-of-type { break-before: auto; }
  details > * { display: block; }
}
"#;

#[cfg(test)]
mod tests {
    use super::esc;

    #[test]
    fn hostile_text_is_text() {
        assert_eq!(
            esc("<script>alert(1)</script>\"'&"),
            "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;"
        );
        assert_eq!(esc("a\u{202e}b\u{2066}c"), "abc");
    }
}
