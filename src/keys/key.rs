//! A key as the keymap holds it and the config file writes it
//! (`shift-left`, `ctrl-r`, `?`), and how it matches a key press.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::i18n::Text;

/// A key as the table holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

impl Key {
    pub(super) const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            modifiers: KeyModifiers::NONE,
        }
    }

    pub(super) const fn shift(code: KeyCode) -> Key {
        Key {
            code,
            modifiers: KeyModifiers::SHIFT,
        }
    }

    pub(super) const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            modifiers: KeyModifiers::CONTROL,
        }
    }

    /// Whether a pressed key is this one. Shift is implied by the character
    /// itself (`H` is shift-h), so it is ignored for characters.
    pub fn matches(&self, event: &KeyEvent) -> bool {
        let mods =
            |m: KeyModifiers| m & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        match (self.code, event.code) {
            (KeyCode::Char(a), KeyCode::Char(b)) => {
                a == b
                    && mods(self.modifiers) - KeyModifiers::SHIFT
                        == mods(event.modifiers) - KeyModifiers::SHIFT
            }
            // Terminals report Shift-Tab as BackTab, with or without Shift.
            (KeyCode::BackTab, KeyCode::BackTab) => {
                mods(self.modifiers) - KeyModifiers::SHIFT
                    == mods(event.modifiers) - KeyModifiers::SHIFT
            }
            (a, b) => a == b && mods(self.modifiers) == mods(event.modifiers),
        }
    }

    /// Reads a key as a config file writes it: `H`, `x`, `+`, `ctrl-r`,
    /// `shift-left`, `alt-j`, `enter`, `esc`, `tab`, `shift-tab`, `space`,
    /// `backspace`, `home`, `pgdn`, `f5`. Case matters for letters only.
    pub fn parse(text: &str) -> Result<Key, Text> {
        let text = text.trim();
        let unknown = || {
            Text::new(|l| {
                l.f(
                    "`{0}` is not a key (write a character, or ctrl-, alt-, shift- before enter, esc, tab, space, backspace, delete, up, down, left, right, home, end, pgup, pgdn, f1…f12)",
                    &[&text],
                )
            })
        };
        if text.chars().count() == 1 {
            let c = text.chars().next().ok_or_else(unknown)?;
            return if c.is_control() {
                Err(unknown())
            } else {
                Ok(Key::plain(KeyCode::Char(c)))
            };
        }
        let mut modifiers = KeyModifiers::NONE;
        let mut rest = text;
        loop {
            let lower = rest.to_ascii_lowercase();
            let (m, len) = if lower.starts_with("ctrl-") {
                (KeyModifiers::CONTROL, 5)
            } else if lower.starts_with("alt-") {
                (KeyModifiers::ALT, 4)
            } else if lower.starts_with("shift-") && rest.len() > 6 {
                (KeyModifiers::SHIFT, 6)
            } else {
                break;
            };
            modifiers |= m;
            rest = &rest[len..];
        }
        let code = if rest.chars().count() == 1 {
            let c = rest.chars().next().ok_or_else(unknown)?;
            // `ctrl-R` is `ctrl-r`: terminals do not tell them apart.
            if modifiers.contains(KeyModifiers::CONTROL) {
                KeyCode::Char(c.to_ascii_lowercase())
            } else {
                KeyCode::Char(c)
            }
        } else {
            match rest.to_ascii_lowercase().as_str() {
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                // Terminals send Shift-Tab as BackTab: the shift is in the code.
                "tab" if modifiers.contains(KeyModifiers::SHIFT) => {
                    modifiers -= KeyModifiers::SHIFT;
                    KeyCode::BackTab
                }
                "tab" => KeyCode::Tab,
                "backtab" => KeyCode::BackTab,
                "space" => KeyCode::Char(' '),
                "backspace" | "bksp" => KeyCode::Backspace,
                "delete" | "del" => KeyCode::Delete,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "pgup" | "pageup" => KeyCode::PageUp,
                "pgdn" | "pagedown" => KeyCode::PageDown,
                f if f.starts_with('f') => match f[1..].parse::<u8>() {
                    Ok(n @ 1..=12) => KeyCode::F(n),
                    _ => return Err(unknown()),
                },
                _ => return Err(unknown()),
            }
        };
        Ok(Key { code, modifiers })
    }

    /// How the key is written in help and hints.
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Backspace => "Bksp".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            format!("Ctrl-{base}")
        } else if self.modifiers.contains(KeyModifiers::SHIFT)
            && !matches!(self.code, KeyCode::Char(_))
        {
            format!("Shift-{base}")
        } else {
            base
        }
    }
}
