//! Dates as the user's language writes them: `Wed 4 Mar 2026` in English,
//! `2026年3月4日 周三` in Chinese, or the user's own `date_format`.

use std::fmt::{Display, Write};

use chrono::{Datelike, NaiveDate, Timelike};

use super::{Lang, Text};
/// A moment as the board records it (`model::Timestamp`), named here
/// without the model, which needs this module for its words.
type Timestamp = chrono::DateTime<chrono::FixedOffset>;

/// The interface language with the user's date format: what every piece
/// of text on screen or in a report is written with.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Locale {
    pub lang: Lang,
    /// A chrono `strftime` pattern for dates written in full, checked when
    /// the config was read.
    date_format: Option<String>,
}

const WEEKDAYS_ZH: [&str; 7] = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];

impl Locale {
    pub fn new(lang: Lang, date_format: Option<String>) -> Locale {
        Locale { lang, date_format }
    }

    /// Whether `pattern` can write a date: chrono knows every field and
    /// none of them needs a time of day. The message says what is wrong.
    pub fn check_date_format(pattern: &str) -> Result<(), Text> {
        use chrono::format::{Item, StrftimeItems};
        if StrftimeItems::new(pattern).any(|item| matches!(item, Item::Error)) {
            return Err(Text::new(|l| {
                l.f(
                    "`{0}` is not a date format chrono knows (use e.g. \"%Y-%m-%d\", \"%d/%m/%Y\", \"%-d %b %Y\")",
                    &[&pattern],
                )
            }));
        }
        let mut out = String::new();
        let sample = NaiveDate::from_ymd_opt(2026, 3, 4).unwrap_or_default();
        if write!(out, "{}", sample.format(pattern)).is_err() {
            return Err(Text::new(|l| {
                l.f(
                    "`{0}` asks for a time of day or a zone, which a date does not have",
                    &[&pattern],
                )
            }));
        }
        if out.trim().is_empty() {
            return Err(Text::new(|l| {
                l.t("an empty date format would hide every date").into()
            }));
        }
        Ok(())
    }

    pub fn t(&self, en: &'static str) -> &'static str {
        self.lang.t(en)
    }

    pub fn f(&self, en: &'static str, args: &[&dyn Display]) -> String {
        self.lang.f(en, args)
    }

    pub fn n(&self, n: usize, one: &'static str, many: &'static str) -> String {
        self.lang.n(n, one, many)
    }

    /// The user's format, if it writes this date.
    fn configured(&self, date: NaiveDate) -> Option<String> {
        let pattern = self.date_format.as_deref()?;
        let mut out = String::new();
        write!(out, "{}", date.format(pattern)).ok()?;
        Some(out)
    }

    /// `Wed`, `周三`.
    pub fn weekday(&self, date: NaiveDate) -> String {
        match self.lang {
            Lang::En => date.format("%a").to_string(),
            Lang::Zh => WEEKDAYS_ZH[date.weekday().num_days_from_monday() as usize].to_string(),
        }
    }

    /// `4 Mar`, `3月4日`: compact, for chart axes and labels.
    pub fn month_day(&self, date: NaiveDate) -> String {
        match self.lang {
            Lang::En => date.format("%-d %b").to_string(),
            Lang::Zh => format!("{}月{}日", date.month(), date.day()),
        }
    }

    /// `4 Mar 2026`, `2026年3月4日`.
    pub fn month_day_year(&self, date: NaiveDate) -> String {
        match self.lang {
            Lang::En => date.format("%-d %b %Y").to_string(),
            Lang::Zh => format!("{}年{}月{}日", date.year(), date.month(), date.day()),
        }
    }

    /// `Mar`, `3月`.
    pub fn month(&self, date: NaiveDate) -> String {
        match self.lang {
            Lang::En => date.format("%b").to_string(),
            Lang::Zh => format!("{}月", date.month()),
        }
    }

    /// `Mar 2026`, `2026年3月`.
    pub fn month_year(&self, date: NaiveDate) -> String {
        match self.lang {
            Lang::En => date.format("%b %Y").to_string(),
            Lang::Zh => format!("{}年{}月", date.year(), date.month()),
        }
    }

    /// A date in full, with its weekday: `Wed 4 Mar 2026`,
    /// `2026年3月4日 周三`, or the user's format.
    pub fn day(&self, date: NaiveDate) -> String {
        if let Some(text) = self.configured(date) {
            return text;
        }
        match self.lang {
            Lang::En => date.format("%a %-d %b %Y").to_string(),
            Lang::Zh => format!("{} {}", self.month_day_year(date), self.weekday(date)),
        }
    }

    /// A date this year, with its weekday: `Wed 4 Mar`, `3月4日 周三`, or
    /// the user's format.
    pub fn day_short(&self, date: NaiveDate) -> String {
        if let Some(text) = self.configured(date) {
            return text;
        }
        match self.lang {
            Lang::En => date.format("%a %-d %b").to_string(),
            Lang::Zh => format!("{} {}", self.month_day(date), self.weekday(date)),
        }
    }

    /// A date in the fewest cells, this year's, for cards and chart axes:
    /// `12-03` (month first, as everywhere a date is written in digits),
    /// or the user's format without its year.
    pub fn short_date(&self, date: NaiveDate) -> String {
        let pattern = self.date_format.as_deref().map(without_year);
        let pattern = pattern.as_deref().unwrap_or("%m-%d");
        let mut out = String::new();
        match write!(out, "{}", date.format(pattern)) {
            Ok(()) => out,
            Err(_) => date.format("%m-%d").to_string(),
        }
    }

    /// The user's date format, if they set one: dates typed in it are read
    /// back.
    pub fn date_format(&self) -> Option<&str> {
        self.date_format.as_deref()
    }

    /// `09:15`.
    pub fn time(&self, at: &Timestamp) -> String {
        format!("{:02}:{:02}", at.hour(), at.minute())
    }

    /// `Wed 4 Mar 09:15`, `3月4日 周三 09:15`.
    pub fn moment(&self, at: &Timestamp) -> String {
        format!("{} {}", self.day_short(at.date_naive()), self.time(at))
    }

    /// `Wed 09:15`, `周三 09:15`: a moment of this week.
    pub fn weekday_time(&self, at: &Timestamp) -> String {
        format!("{} {}", self.weekday(at.date_naive()), self.time(at))
    }
}

/// `pattern` without its year and the separator that went with it:
/// `%d/%m/%Y` → `%d/%m`, `%Y年%m月%d日` → `%m月%d日`, `%-d %b %Y` → `%-d %b`.
pub fn without_year(pattern: &str) -> String {
    let Some(at) = ["%Y", "%y", "%C", "%G"]
        .iter()
        .find_map(|y| pattern.find(y))
    else {
        return pattern.to_string();
    };
    let separators = ['-', '/', '.', ' ', ',', '年'];
    let before = &pattern[..at];
    let after = &pattern[at + 2..];
    let after_trimmed = after.trim_start_matches(separators);
    if after_trimmed.len() < after.len() || before.is_empty() {
        format!("{before}{after_trimmed}")
    } else {
        format!("{}{after}", before.trim_end_matches(separators))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 4).expect("a date")
    }

    #[test]
    fn each_language_writes_dates_its_usual_way() {
        let en = Locale::default();
        let zh = Locale::new(Lang::Zh, None);
        assert_eq!(en.day(date()), "Wed 4 Mar 2026");
        assert_eq!(zh.day(date()), "2026年3月4日 周三");
        assert_eq!(en.day_short(date()), "Wed 4 Mar");
        assert_eq!(zh.day_short(date()), "3月4日 周三");
        assert_eq!(zh.month_year(date()), "2026年3月");
        assert_eq!(zh.month(date()), "3月");
    }

    #[test]
    fn a_date_format_replaces_dates_written_in_full() {
        let mine = Locale::new(Lang::En, Some("%d/%m/%Y".into()));
        assert_eq!(mine.day(date()), "04/03/2026");
        assert_eq!(mine.day_short(date()), "04/03/2026");
        // Compact forms keep their shape: they must fit an axis.
        assert_eq!(mine.month_day(date()), "4 Mar");
    }

    #[test]
    fn date_formats_are_checked() {
        assert!(Locale::check_date_format("%Y-%m-%d").is_ok());
        assert!(Locale::check_date_format("%Q").is_err());
        let time = Locale::check_date_format("%H:%M").unwrap_err();
        assert!(time.to_string().contains("time of day"), "{time}");
        assert!(Locale::check_date_format("").is_err());
    }
}
