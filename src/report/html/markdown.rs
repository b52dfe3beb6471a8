//! The minutes and the weekly report, written as Markdown for chat, shown
//! on the page as HTML: the few forms those writers use (headings, list
//! items, paragraphs, `code` and **bold**), every character escaped first.

use std::fmt::Write;

use super::esc;

pub(super) fn to_html(out: &mut String, markdown: &str) {
    out.push_str("<div class=\"report\">\n");
    let mut list = false;
    for line in markdown.lines() {
        let item = line.strip_prefix("- ");
        if list && item.is_none() {
            out.push_str("</ul>\n");
            list = false;
        }
        if let Some(text) = line.strip_prefix("## ") {
            let _ = writeln!(out, "<h4>{}</h4>", inline(text));
        } else if let Some(text) = line.strip_prefix("# ") {
            let _ = writeln!(out, "<h3>{}</h3>", inline(text));
        } else if let Some(text) = item {
            if !list {
                out.push_str("<ul>\n");
                list = true;
            }
            let _ = writeln!(out, "<li>{}</li>", inline(text));
        } else if !line.trim().is_empty() {
            let _ = writeln!(out, "<p>{}</p>", inline(line));
        }
    }
    if list {
        out.push_str("</ul>\n");
    }
    out.push_str("</div>\n");
}

/// A line's text escaped, with `code` and **bold** made so.
fn inline(text: &str) -> String {
    let escaped = esc(text);
    let mut out = String::with_capacity(escaped.len());
    let (mut code, mut bold) = (false, false);
    let mut rest = escaped.as_str();
    while let Some(c) = rest.chars().next() {
        if rest.starts_with("**") {
            out.push_str(if bold { "</strong>" } else { "<strong>" });
            bold = !bold;
            rest = &rest[2..];
            continue;
        }
        if c == '`' {
            out.push_str(if code { "</code>" } else { "<code>" });
            code = !code;
        } else {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    if code {
        out.push_str("</code>");
    }
    if bold {
        out.push_str("</strong>");
    }
    out
}
