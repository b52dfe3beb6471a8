//! A one-line text editor for form fields and prompts: cursor keys,
//! Home/End, Backspace/Delete, word jumps and deletes, pasted text, and wide
//! characters measured by display width.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use unicode_width::UnicodeWidthChar;

/// The text and a cursor, counted in characters (never inside one).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineEditor {
    chars: Vec<char>,
    cursor: usize,
    /// The whole text is selected, as a prompt's current value is: the
    /// first character typed replaces it, a cursor key starts editing it.
    selected: bool,
}

impl LineEditor {
    /// An editor holding `text`, the cursor at its end.
    pub fn new(text: &str) -> LineEditor {
        let chars: Vec<char> = clean(text).collect();
        let cursor = chars.len();
        LineEditor {
            chars,
            cursor,
            selected: false,
        }
    }

    /// An editor holding `text` selected, as a browser's address bar holds
    /// the address: typing replaces it, `←` `→` edit it.
    pub fn prefilled(text: &str) -> LineEditor {
        let mut editor = LineEditor::new(text);
        editor.selected = !editor.chars.is_empty();
        editor
    }

    /// Whether the whole text is selected (see [`LineEditor::prefilled`]).
    pub fn is_selected(&self) -> bool {
        self.selected
    }

    pub fn text(&self) -> String {
        self.chars.iter().collect()
    }

    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    /// The cursor's position in characters.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// Inserts text at the cursor (typed or pasted). Line breaks and tabs
    /// become spaces: every field is one line.
    pub fn insert(&mut self, text: &str) {
        if std::mem::take(&mut self.selected) {
            self.chars.clear();
            self.cursor = 0;
        }
        let new: Vec<char> = clean(text).collect();
        let n = new.len();
        self.chars.splice(self.cursor..self.cursor, new);
        self.cursor += n;
    }

    /// Applies an editing key; false when the key is not an editing key (so
    /// the caller may give it another meaning).
    pub fn handle(&mut self, key: &KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        if self.selected {
            match key.code {
                // Deleting a selection deletes all of it.
                KeyCode::Backspace | KeyCode::Delete => {
                    self.selected = false;
                    self.chars.clear();
                    self.cursor = 0;
                    return true;
                }
                // Typing replaces it (in `insert`); anything else edits it.
                KeyCode::Char(_) if !ctrl && !alt => {}
                _ => self.selected = false,
            }
        }
        match key.code {
            KeyCode::Left if ctrl || alt => self.cursor = self.word_left(),
            KeyCode::Right if ctrl || alt => self.cursor = self.word_right(),
            KeyCode::Left => self.cursor = self.cursor.saturating_sub(1),
            KeyCode::Right => self.cursor = (self.cursor + 1).min(self.chars.len()),
            KeyCode::Home => self.cursor = 0,
            KeyCode::End => self.cursor = self.chars.len(),
            KeyCode::Backspace if ctrl || alt => self.delete_to(self.word_left()),
            KeyCode::Backspace => self.delete_to(self.cursor.saturating_sub(1)),
            KeyCode::Delete if ctrl || alt => self.delete_to(self.word_right()),
            KeyCode::Delete => self.delete_to((self.cursor + 1).min(self.chars.len())),
            KeyCode::Char('a') if ctrl => self.cursor = 0,
            KeyCode::Char('e') if ctrl => self.cursor = self.chars.len(),
            KeyCode::Char('b') if alt => self.cursor = self.word_left(),
            KeyCode::Char('f') if alt => self.cursor = self.word_right(),
            KeyCode::Char('w') if ctrl => self.delete_to(self.word_left()),
            KeyCode::Char('d') if alt => self.delete_to(self.word_right()),
            KeyCode::Char('u') if ctrl => self.delete_to(0),
            KeyCode::Char('k') if ctrl => self.delete_to(self.chars.len()),
            KeyCode::Char(c) if !ctrl && !alt => self.insert(&c.to_string()),
            _ => return false,
        }
        true
    }

    /// Deletes between the cursor and `to` (either side), leaving the cursor
    /// at the start of the gap.
    fn delete_to(&mut self, to: usize) {
        let (a, b) = if to < self.cursor {
            (to, self.cursor)
        } else {
            (self.cursor, to)
        };
        self.chars.drain(a..b);
        self.cursor = a;
    }

    /// The start of the word before the cursor.
    fn word_left(&self) -> usize {
        let mut i = self.cursor;
        while i > 0 && self.chars[i - 1].is_whitespace() {
            i -= 1;
        }
        while i > 0 && !self.chars[i - 1].is_whitespace() {
            i -= 1;
        }
        i
    }

    /// The end of the word after the cursor.
    fn word_right(&self) -> usize {
        let n = self.chars.len();
        let mut i = self.cursor;
        while i < n && self.chars[i].is_whitespace() {
            i += 1;
        }
        while i < n && !self.chars[i].is_whitespace() {
            i += 1;
        }
        i
    }

    /// What fits in `cells` columns with the cursor visible: the text shown,
    /// and the cursor's column within it. The window keeps as much text as
    /// possible left of the cursor.
    pub fn view(&self, cells: usize) -> (String, usize) {
        if cells == 0 {
            return (String::new(), 0);
        }
        let w = |c: &char| {
            c.width()
                .unwrap_or(0)
                .max(if c.is_control() { 1 } else { 0 })
        };
        // Room for the cursor cell itself at the end of the line.
        let room = cells.saturating_sub(1).max(1);
        let mut start = self.cursor;
        let mut used = 0;
        while start > 0 && used + w(&self.chars[start - 1]) <= room {
            used += w(&self.chars[start - 1]);
            start -= 1;
        }
        let cursor_col = used;
        let mut shown = String::new();
        let mut total = 0;
        for c in &self.chars[start..] {
            if total + w(c) > cells {
                break;
            }
            total += w(c);
            shown.push(*c);
        }
        (shown, cursor_col)
    }
}

/// Text as one line: breaks and tabs become spaces, other controls go.
fn clean(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars().filter_map(|c| match c {
        '\n' | '\r' | '\t' => Some(' '),
        c if c.is_control() => None,
        c => Some(c),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn edits_like_a_shell_line() {
        let mut e = LineEditor::new("launch page");
        assert!(e.handle(&key(KeyCode::Char('w'), KeyModifiers::CONTROL)));
        assert_eq!(e.text(), "launch ");
        e.insert("市场部");
        assert_eq!(e.text(), "launch 市场部");
        e.handle(&key(KeyCode::Home, KeyModifiers::NONE));
        e.handle(&key(KeyCode::Right, KeyModifiers::CONTROL));
        assert_eq!(e.cursor(), 6);
        e.handle(&key(KeyCode::Delete, KeyModifiers::NONE));
        assert_eq!(e.text(), "launch市场部");
        e.handle(&key(KeyCode::End, KeyModifiers::NONE));
        e.handle(&key(KeyCode::Backspace, KeyModifiers::NONE));
        assert_eq!(e.text(), "launch市场");
        e.handle(&key(KeyCode::Char('u'), KeyModifiers::CONTROL));
        assert_eq!(e.text(), "");
        assert!(!e.handle(&key(KeyCode::Enter, KeyModifiers::NONE)));
    }

    #[test]
    fn pasted_lines_become_one_line_without_controls() {
        let mut e = LineEditor::new("");
        e.insert("a\nb\tc\u{1b}[31m");
        assert_eq!(e.text(), "a b c[31m");
    }

    #[test]
    fn the_view_keeps_the_cursor_visible_and_wide_characters_whole() {
        let e = LineEditor::new("市场部活动预热");
        let (shown, col) = e.view(7);
        // Six cells of text left of the cursor: three wide characters.
        assert_eq!(shown, "动预热");
        assert_eq!(col, 6);
        let mut e = LineEditor::new("abc");
        e.handle(&key(KeyCode::Home, KeyModifiers::NONE));
        assert_eq!(e.view(2), ("ab".to_string(), 0));
    }
}
