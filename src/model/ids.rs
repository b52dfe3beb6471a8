//! Record identifiers: `T-12` for tasks, `I-3` for issues.
//!
//! They are short so that they can be said aloud in a standup, and numeric
//! underneath so that `T-2` sorts before `T-10` in the file and on screen.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An id with a one-letter prefix (`T` or `I`) and a number from 1 up.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct Id<const PREFIX: char>(pub u32);

/// A task's id, `T-n`.
pub type TaskId = Id<'T'>;
/// An issue's id, `I-n`.
pub type IssueId = Id<'I'>;

impl<const P: char> Id<P> {
    /// The number behind the prefix.
    pub fn number(self) -> u32 {
        self.0
    }
}

impl<const P: char> fmt::Display for Id<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{P}-{}", self.0)
    }
}

/// Why a piece of text is not an id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadId {
    pub text: String,
    pub prefix: char,
}

impl BadId {
    /// The message in `l`.
    pub fn localized(&self, l: crate::i18n::Lang) -> String {
        let text = match self.prefix {
            'I' => l.t("`{0}` is not an issue id (expected {1}-1, {1}-2, …)"),
            _ => l.t("`{0}` is not a task id (expected {1}-1, {1}-2, …)"),
        };
        crate::i18n::fill(text, &[&self.text, &self.prefix])
    }
}

crate::i18n::english_display!(BadId);

impl std::error::Error for BadId {}

impl<const P: char> FromStr for Id<P> {
    type Err = BadId;

    /// Accepts `T-12`, `t-12`, `T12` and a bare `12`: people type ids from
    /// memory during a meeting, and all of these mean one thing.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        // The form the file and the log write (`T-12`), read without the
        // allowances made for typing: the log reads one per entry.
        if let Some(digits) = s.strip_prefix(P).and_then(|r| r.strip_prefix('-'))
            && (1..=9).contains(&digits.len())
            && digits.bytes().all(|b| b.is_ascii_digit())
            && !digits.starts_with('0')
        {
            let n = digits
                .bytes()
                .fold(0u32, |n, b| n * 10 + u32::from(b - b'0'));
            return Ok(Id(n));
        }
        let bad = || BadId {
            text: s.to_string(),
            prefix: P,
        };
        let t = s.trim();
        let digits = match t.chars().next() {
            Some(c) if c.eq_ignore_ascii_case(&P) => {
                let rest = &t[c.len_utf8()..];
                rest.strip_prefix('-').unwrap_or(rest)
            }
            _ => t,
        };
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        match digits.parse::<u32>() {
            Ok(n) if n > 0 => Ok(Id(n)),
            _ => Err(bad()),
        }
    }
}

impl<const P: char> Serialize for Id<P> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de, const P: char> Deserialize<'de> for Id<P> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        // The file is strict: the canonical form only, so that a hand edit
        // that writes `12` is caught instead of silently normalised.
        let canonical = text.strip_prefix(P).and_then(|r| r.strip_prefix('-'));
        match canonical.map(|_| text.parse::<Id<P>>()) {
            Some(Ok(id)) if id.to_string() == text => Ok(id),
            _ => Err(serde::de::Error::custom(format!(
                "`{text}` is not a valid id (expected {P}-<number>)"
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_sort_by_number_not_text() {
        let mut ids: Vec<TaskId> = vec![Id(10), Id(2), Id(1)];
        ids.sort();
        let shown: Vec<String> = ids.iter().map(ToString::to_string).collect();
        assert_eq!(shown, ["T-1", "T-2", "T-10"]);
    }

    #[test]
    fn parsing_accepts_what_people_type() {
        for text in ["T-12", "t-12", "T12", "12", " T-12 "] {
            assert_eq!(text.parse::<TaskId>(), Ok(Id(12)), "{text}");
        }
        assert_eq!("I-3".parse::<IssueId>(), Ok(Id(3)));
    }

    #[test]
    fn parsing_refuses_other_prefixes_zero_and_junk() {
        for text in ["I-3", "T-0", "T-", "", "T-1x", "T--1", "99999999999"] {
            assert!(text.parse::<TaskId>().is_err(), "{text}");
        }
        let err = "X-1".parse::<IssueId>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "`X-1` is not an issue id (expected I-1, I-2, …)"
        );
    }

    #[test]
    fn file_form_is_strict() {
        let ok: TaskId = serde_json::from_str("\"T-7\"").unwrap();
        assert_eq!(ok, Id(7));
        for bad in ["\"7\"", "\"t-7\"", "\"T-07\"", "\"T7\""] {
            assert!(serde_json::from_str::<TaskId>(bad).is_err(), "{bad}");
        }
    }
}
