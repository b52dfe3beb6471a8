//! The words of the interface in the user's language: English, or
//! Simplified Chinese. The English text is the key (as gettext does), so
//! the code reads as it always has and a missing translation shows English
//! rather than nothing; a test reads the sources and fails on any text
//! passed to [`Lang::t`] or [`Lang::f`] that the catalogue lacks. The
//! board's own content (titles, names, notes) is never translated.

mod dates;
mod units;
mod zh;

pub use dates::{Locale, without_year};

use std::fmt::Display;

/// The interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    /// Reads a language as the config file or a locale variable writes it:
    /// `en`, `zh`, `zh_CN.UTF-8`, `zh-Hans`, `en_GB`, `C`, `POSIX`.
    pub fn from_code(code: &str) -> Option<Lang> {
        let code = code.trim().to_ascii_lowercase();
        let base = code.split(['_', '-', '.', '@']).next().unwrap_or_default();
        match base {
            "zh" | "chinese" => Some(Lang::Zh),
            "en" | "english" | "c" | "posix" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language of the user's locale, as `LC_ALL`, `LC_MESSAGES` and
    /// `LANG` give it (the first that is set wins, as for every other
    /// program); English for any language we do not speak.
    pub fn from_env() -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|name| std::env::var(name).ok())
            .find(|value| !value.is_empty())
            .and_then(|value| Lang::from_code(&value))
            .unwrap_or_default()
    }

    /// The code the config file takes.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// `en` in this language.
    pub fn t(self, en: &'static str) -> &'static str {
        match self {
            Lang::En => en,
            Lang::Zh => zh::lookup(en).unwrap_or(en),
        }
    }

    /// `{0} task` or `{0} tasks`, as `n` asks, in this language.
    pub fn n(self, n: usize, one: &'static str, many: &'static str) -> String {
        self.f(if n == 1 { one } else { many }, &[&n])
    }

    /// `en` in this language with its places `{0}`, `{1}`, … filled from
    /// `args` (a translation may put them in another order).
    pub fn f(self, en: &'static str, args: &[&dyn Display]) -> String {
        fill(self.t(en), args)
    }
}

/// Gives each type with a `localized(Lang) -> String` its English as
/// `Display`: what the CLI, logs and error chains show.
macro_rules! english_display {
    ($($ty:ty),+ $(,)?) => {$(
        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.localized($crate::i18n::Lang::En))
            }
        }
    )+};
}
pub(crate) use english_display;

/// A message made before the language it will be shown in is known, in
/// every language we speak. The config file's mistakes are found while the
/// file is read, and the same file may set the language they are shown in.
/// English is its [`Display`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    en: String,
    zh: String,
}

impl Text {
    /// The message as `render` writes it in each language.
    pub fn new(render: impl Fn(Lang) -> String) -> Text {
        Text {
            en: render(Lang::En),
            zh: render(Lang::Zh),
        }
    }

    /// The message in `l`.
    pub fn get(&self, l: Lang) -> &str {
        match l {
            Lang::En => &self.en,
            Lang::Zh => &self.zh,
        }
    }
}

impl std::fmt::Display for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.en)
    }
}

/// Marks text that is translated where it is shown rather than where it is
/// written (a label in a table), so that the catalogue test finds it.
pub const fn mark(en: &'static str) -> &'static str {
    en
}

/// Fills `{0}`…`{9}` in `template`; `{{` and `}}` are braces.
pub fn fill(template: &str, args: &[&dyn Display]) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(template.len() + 16);
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                out.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                out.push('}');
            }
            '{' => {
                let mut index = String::new();
                for d in chars.by_ref() {
                    if d == '}' {
                        break;
                    }
                    index.push(d);
                }
                match index.parse::<usize>().ok().and_then(|i| args.get(i)) {
                    Some(arg) => {
                        let _ = write!(out, "{arg}");
                    }
                    None => {
                        out.push('{');
                        out.push_str(&index);
                        out.push('}');
                    }
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// The places a template uses, sorted, for checking that a translation
/// keeps them.
pub fn places(template: &str) -> Vec<usize> {
    let mut found = Vec::new();
    let mut rest = template.replace("{{", "").replace("}}", "");
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        if let Ok(i) = rest[open + 1..open + close].parse::<usize>() {
            found.push(i);
        }
        rest = rest[open + close + 1..].to_string();
    }
    found.sort_unstable();
    found.dedup();
    found
}

/// Every English text the catalogue translates, for the catalogue test.
pub fn catalogue() -> &'static [(&'static str, &'static str)] {
    zh::ENTRIES
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_locale_names_are_read() {
        assert_eq!(Lang::from_code("zh_CN.UTF-8"), Some(Lang::Zh));
        assert_eq!(Lang::from_code("zh-Hans"), Some(Lang::Zh));
        assert_eq!(Lang::from_code("ZH"), Some(Lang::Zh));
        assert_eq!(Lang::from_code("en_GB.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::from_code("C.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::from_code("fr_FR"), None);
    }

    #[test]
    fn places_are_filled_in_the_translation_s_order() {
        assert_eq!(fill("{1} before {0}", &[&"a", &2]), "2 before a");
        assert_eq!(fill("{{literal}} {0}", &[&"x"]), "{literal} x");
        assert_eq!(fill("{3} stays", &[&"x"]), "{3} stays");
        assert_eq!(places("{1} and {0} and {1}"), vec![0, 1]);
    }

    #[test]
    fn a_text_is_made_in_every_language() {
        let text = Text::new(|l| l.f("{0} tasks", &[&3]));
        assert_eq!(text.to_string(), "3 tasks");
        assert_eq!(text.get(Lang::Zh), Lang::Zh.f("{0} tasks", &[&3]));
        assert_ne!(text.get(Lang::Zh), text.get(Lang::En));
    }

    #[test]
    fn english_is_the_key_and_chinese_its_value() {
        assert_eq!(Lang::En.t("Board"), "Board");
        assert_eq!(Lang::Zh.t("Board"), "看板");
        let unknown = "not in the catalogue";
        assert_eq!(Lang::Zh.t(unknown), unknown);
    }
}
