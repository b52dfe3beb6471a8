//! The Chinese catalogue is complete: every text the code passes to
//! `t`, `f` or `mark` has a translation, each translation keeps its
//! places, and no English text is listed twice.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use standup::i18n::{self, Lang};
use standup::tui::app::Pane;
use standup::tui::keymap::Command;

/// The string literal starting at `text` (just after its opening quote),
/// with Rust's escapes undone.
fn literal(text: &str) -> Option<String> {
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Some(out),
            '\\' => match chars.next()? {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                '\\' => out.push('\\'),
                '"' => out.push('"'),
                '\'' => out.push('\''),
                '\n' => {
                    while chars.peek().is_some_and(|c| c.is_whitespace()) {
                        chars.next();
                    }
                }
                other => {
                    out.push('\\');
                    out.push(other);
                }
            },
            c => out.push(c),
        }
    }
    None
}

/// Every text passed to `.t(`, `.f(` or `mark(` in the sources.
fn texts_in_sources() -> BTreeSet<(String, String)> {
    let mut found = BTreeSet::new();
    let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("src is readable") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") || path.ends_with("i18n/zh.rs") {
                continue;
            }
            let source = std::fs::read_to_string(&path).expect("a source file");
            // `.n(count, "{0} task", "{0} tasks")`: both texts.
            for (at, _) in source.match_indices(".n(") {
                let call = &source[at + 3..];
                let Some(open) = call.find('"').filter(|&o| o < 80) else {
                    continue;
                };
                let Some(one) = literal(&call[open + 1..]) else {
                    continue;
                };
                let after = &call[open + 1..];
                // Past the first literal's closing quote: the next quote
                // that is not escaped.
                let mut end = 0;
                let bytes = after.as_bytes();
                while end < bytes.len()
                    && !(bytes[end] == b'"' && (end == 0 || bytes[end - 1] != b'\\'))
                {
                    end += 1;
                }
                let rest = after[end + 1..]
                    .trim_start()
                    .trim_start_matches(',')
                    .trim_start();
                let file = path.file_name().map(|n| n.to_string_lossy().to_string());
                found.insert((one, file.clone().unwrap_or_default()));
                if let Some(many) = rest.strip_prefix('"').and_then(literal) {
                    found.insert((many, file.unwrap_or_default()));
                }
            }
            for call in [".t(", ".f(", "mark("] {
                for (at, _) in source.match_indices(call) {
                    let rest = source[at + call.len()..].trim_start();
                    if let Some(text) = rest.strip_prefix('"').and_then(literal) {
                        let file = path.file_name().map(|n| n.to_string_lossy().to_string());
                        found.insert((text, file.unwrap_or_default()));
                    }
                }
            }
        }
    }
    found
}

#[test]
fn the_scanner_finds_texts() {
    let texts = texts_in_sources();
    assert!(texts.len() > 100, "only {} texts found", texts.len());
}

#[test]
fn every_text_in_the_sources_is_translated() {
    let catalogue: HashMap<&str, &str> = i18n::catalogue().iter().copied().collect();
    let missing: Vec<String> = texts_in_sources()
        .into_iter()
        .filter(|(text, _)| !catalogue.contains_key(text.as_str()))
        .map(|(text, file)| format!("{file}: {text:?}"))
        .collect();
    assert!(
        missing.is_empty(),
        "{} texts lack a Chinese translation:\n{}",
        missing.len(),
        missing.join("\n")
    );
}

#[test]
fn every_command_description_is_translated() {
    let mut missing = Vec::new();
    for (command, _) in Command::NAMED {
        for pane in Pane::ALL {
            let text = command.describe(pane);
            if !text.is_empty() && Lang::Zh.t(text) == text {
                missing.push(text);
            }
        }
    }
    missing.sort_unstable();
    missing.dedup();
    assert!(missing.is_empty(), "untranslated: {missing:#?}");
}

#[test]
fn translations_keep_their_places_and_are_listed_once() {
    let mut seen = BTreeSet::new();
    for (en, zh) in i18n::catalogue() {
        assert!(seen.insert(*en), "{en:?} is listed twice");
        assert_eq!(
            i18n::places(en),
            i18n::places(zh),
            "{en:?} → {zh:?} changes its places"
        );
        assert!(!zh.is_empty(), "{en:?} has an empty translation");
    }
}
