//! Long messages cut where a reader expects a break: at a section (a line
//! starting `#`), else at a line, never inside a character, each part at
//! most `limit` bytes with its `(2/3)` mark, and every line kept.

/// `text` in parts of at most `limit` bytes, numbered `(1/3)` … when there
/// is more than one.
pub fn split(text: &str, limit: usize) -> Vec<String> {
    if text.len() <= limit {
        return vec![text.to_string()];
    }
    // Room for the mark `(99/99)\n` on each part.
    let room = limit.saturating_sub(16).max(64);
    let mut parts: Vec<String> = Vec::new();
    let mut current = String::new();
    for section in sections(text) {
        if current.len() + section.len() <= room {
            current.push_str(section);
            continue;
        }
        if !current.is_empty() {
            parts.push(std::mem::take(&mut current));
        }
        if section.len() <= room {
            current.push_str(section);
            continue;
        }
        // A section longer than a part: by lines, and a line longer than
        // a part by characters.
        for line in section.split_inclusive('\n') {
            if current.len() + line.len() > room && !current.is_empty() {
                parts.push(std::mem::take(&mut current));
            }
            let mut rest = line;
            while rest.len() > room {
                let mut cut = room;
                while !rest.is_char_boundary(cut) {
                    cut -= 1;
                }
                parts.push(rest[..cut].to_string());
                rest = &rest[cut..];
            }
            current.push_str(rest);
        }
    }
    if !current.is_empty() {
        parts.push(current);
    }
    let n = parts.len();
    parts
        .into_iter()
        .enumerate()
        .map(|(i, p)| format!("({}/{n})\n{}", i + 1, p.trim_end_matches('\n')))
        .collect()
}

/// The text in sections: each begins at a heading line (`# …`).
fn sections(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        if line.starts_with('#') && at > start {
            out.push(&text[start..at]);
            start = at;
        }
        at += line.len();
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(sections: usize, lines: usize) -> String {
        let mut text = String::from("# 周报 Week 48\n");
        for s in 0..sections {
            text.push_str(&format!("\n## 部门 {s}\n"));
            for l in 0..lines {
                text.push_str(&format!("- T-{l} 活动页面设计 campaign page #{s}-{l}\n"));
            }
        }
        text
    }

    #[test]
    fn short_text_is_one_part_without_a_mark() {
        assert_eq!(split("# hi\n- a\n", 4096), vec!["# hi\n- a\n".to_string()]);
    }

    #[test]
    fn every_line_is_kept_in_order_within_the_limit() {
        let text = report(12, 40);
        let parts = split(&text, 4096);
        assert!(parts.len() > 2);
        let n = parts.len();
        let mut lines = Vec::new();
        for (i, part) in parts.iter().enumerate() {
            assert!(part.len() <= 4096, "part {i} is {} bytes", part.len());
            let mark = format!("({}/{n})", i + 1);
            let mut it = part.lines();
            assert_eq!(it.next(), Some(mark.as_str()));
            lines.extend(it.filter(|l| !l.is_empty()).map(str::to_string));
        }
        let want: Vec<String> = text
            .lines()
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect();
        assert_eq!(lines, want);
    }

    #[test]
    fn parts_break_at_sections_when_they_fit() {
        let parts = split(&report(6, 20), 4096);
        for part in &parts[1..] {
            let first = part.lines().nth(1).unwrap_or_default();
            assert!(first.starts_with("## ") || first.is_empty(), "{first}");
        }
    }

    #[test]
    fn a_line_longer_than_a_part_is_cut_between_characters() {
        let text = format!("# x\n{}\n", "长".repeat(3000));
        let parts = split(&text, 4096);
        assert!(parts.iter().all(|p| p.len() <= 4096));
        let joined: String = parts
            .iter()
            .map(|p| p.split_once('\n').map_or("", |(_, b)| b))
            .collect();
        assert_eq!(joined.matches('长').count(), 3000);
    }
}
