//! Dates and moments as people type them (see `typed` for every form a
//! date is read in), and why one was not understood.

use chrono::{Duration, NaiveDate, NaiveTime, TimeZone};

mod typed;

use super::settings::Span;
use super::time::Timestamp;
use crate::i18n::{Lang, Locale};

/// Why a date was not understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// `2026-13-01`.
    NoMonth {
        text: String,
        month: u32,
    },
    /// `2026-02-30`: the month has fewer days.
    ShortMonth {
        text: String,
        year: i32,
        month: u32,
        days: u32,
    },
    Unknown(String),
}

impl DateError {
    /// The message in `l`.
    pub fn localized(&self, l: Lang) -> String {
        match self {
            DateError::NoMonth { text, month } => {
                l.f("`{0}` is not a date: there is no month {1}", &[text, month])
            }
            DateError::ShortMonth {
                text,
                year,
                month,
                days,
            } => {
                let first = NaiveDate::from_ymd_opt(*year, *month, 1).unwrap_or_default();
                let month = match l {
                    Lang::En => first.format("%B %Y").to_string(),
                    Lang::Zh => Locale::new(l, None).month_year(first),
                };
                l.f("`{0}` is not a date: {1} has {2} days", &[text, &month, days])
            }
            DateError::Unknown(text) => l.f(
                "`{0}` is not a date (use 2026-12-10, 12-10, 12月10日, today, 明天, +3d, +2w, fri or 周五)",
                &[text],
            ),
        }
    }
}

crate::i18n::english_display!(DateError);

impl std::error::Error for DateError {}

/// Reads a date relative to `today`. A weekday name means the next such day
/// after today, so `fri` on a Friday is a week away.
pub fn parse_date(text: &str, today: NaiveDate) -> Result<NaiveDate, DateError> {
    typed::read(text, today)
}

/// [`parse_date`], first reading `text` in the user's own date format (in
/// full, or without its year as cards show it), so that a date shown in
/// it can be typed back.
pub fn read_date(text: &str, today: NaiveDate, locale: &Locale) -> Result<NaiveDate, DateError> {
    if let Some(pattern) = locale.date_format()
        && let Some(date) = typed::in_format(text.trim(), pattern, today)
    {
        return Ok(date);
    }
    parse_date(text, today)
}

/// Reads `YYYY-MM-DD` strictly, naming what is wrong with a day that does
/// not exist (`2026-02-30`).
pub fn parse_iso(text: &str) -> Result<NaiveDate, DateError> {
    let unknown = || DateError::Unknown(text.to_string());
    let parts: Vec<&str> = text.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return Err(unknown());
    };
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return Err(unknown());
    }
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !(digits(y) && digits(m) && digits(d)) {
        return Err(unknown());
    }
    let (year, month, day): (i32, u32, u32) = (
        y.parse().map_err(|_| unknown())?,
        m.parse().map_err(|_| unknown())?,
        d.parse().map_err(|_| unknown())?,
    );
    if !(1..=12).contains(&month) {
        return Err(DateError::NoMonth {
            text: text.to_string(),
            month,
        });
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| DateError::ShortMonth {
        text: text.to_string(),
        year,
        month,
        days: days_in_month(year, month),
    })
}

fn days_in_month(year: i32, month: u32) -> u32 {
    (28..=31)
        .rev()
        .find(|d| NaiveDate::from_ymd_opt(year, month, *d).is_some())
        .unwrap_or(28)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        parse_iso(s).unwrap()
    }

    #[test]
    fn relative_words() {
        let today = day("2026-11-23"); // a Monday
        assert_eq!(parse_date("today", today), Ok(today));
        assert_eq!(parse_date("Tomorrow", today), Ok(day("2026-11-24")));
        assert_eq!(parse_date("+3d", today), Ok(day("2026-11-26")));
        assert_eq!(parse_date("+2w", today), Ok(day("2026-12-07")));
        assert_eq!(parse_date("-1d", today), Ok(day("2026-11-22")));
    }

    #[test]
    fn weekdays_are_the_next_one() {
        let monday = day("2026-11-23");
        assert_eq!(parse_date("fri", monday), Ok(day("2026-11-27")));
        assert_eq!(parse_date("friday", monday), Ok(day("2026-11-27")));
        assert_eq!(parse_date("mon", monday), Ok(day("2026-11-30")));
    }

    #[test]
    fn impossible_days_say_why() {
        let err = parse_date("2026-02-30", day("2026-01-01")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "`2026-02-30` is not a date: February 2026 has 28 days"
        );
        let err = parse_iso("2026-13-01").unwrap_err();
        assert_eq!(
            err.to_string(),
            "`2026-13-01` is not a date: there is no month 13"
        );
        assert_eq!(
            parse_iso("2028-02-29"),
            Ok(NaiveDate::from_ymd_opt(2028, 2, 29).unwrap())
        );
    }

    #[test]
    fn junk_is_refused() {
        let today = day("2026-11-23");
        for text in ["", "soon", "+3", "+d", "26-01-01", "fr", "+99999999w"] {
            assert!(parse_date(text, today).is_err(), "{text}");
        }
    }
}

/// Text that is not a moment a deadline can be set to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotAMoment(pub String);

impl NotAMoment {
    /// The message in `l`.
    pub fn localized(&self, l: Lang) -> String {
        l.f(
            "`{0}` is not a moment (use 18:00, 2026-11-25 18:00, +2h, fri, or RFC 3339)",
            &[&self.0],
        )
    }
}

crate::i18n::english_display!(NotAMoment);

impl std::error::Error for NotAMoment {}

/// Reads a moment as people type a deadline, in the offset of `now`:
/// RFC 3339; `YYYY-MM-DD HH:MM`; `HH:MM` (today); `+30m`, `+2h`, `+1d`
/// (from now); or a date as [`parse_date`] reads it, meaning the end of
/// that working day (18:00).
pub fn parse_moment(text: &str, now: Timestamp) -> Result<Timestamp, NotAMoment> {
    let t = text.trim();
    let bad = || NotAMoment(t.to_string());
    if let Ok(m) = chrono::DateTime::parse_from_rfc3339(t) {
        return Ok(m);
    }
    let at = |date: NaiveDate, time: NaiveTime| {
        now.offset()
            .from_local_datetime(&date.and_time(time))
            .single()
            .ok_or_else(bad)
    };
    if let Some(rest) = t.strip_prefix('+')
        && let Ok(span) = rest.parse::<Span>()
    {
        return Ok(now + Duration::minutes(i64::from(span.minutes())));
    }
    if let Ok(time) = NaiveTime::parse_from_str(t, "%H:%M") {
        return at(now.date_naive(), time);
    }
    if let Some((day, time)) = t.rsplit_once(' ')
        && let Ok(time) = NaiveTime::parse_from_str(time, "%H:%M")
    {
        let date = parse_date(day, now.date_naive()).map_err(|_| bad())?;
        return at(date, time);
    }
    let date = parse_date(t, now.date_naive()).map_err(|_| bad())?;
    at(date, NaiveTime::from_hms_opt(18, 0, 0).ok_or_else(bad)?)
}

#[cfg(test)]
mod moment_tests {
    use super::*;

    #[test]
    fn deadlines_read_as_people_type_them() {
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-23T09:00:00+08:00").unwrap();
        let read = |t: &str| parse_moment(t, now).map(|m| m.to_rfc3339());
        assert_eq!(read("+2h").unwrap(), "2026-11-23T11:00:00+08:00");
        assert_eq!(read("18:30").unwrap(), "2026-11-23T18:30:00+08:00");
        assert_eq!(
            read("2026-11-25 10:00").unwrap(),
            "2026-11-25T10:00:00+08:00"
        );
        assert_eq!(read("fri").unwrap(), "2026-11-27T18:00:00+08:00");
        assert_eq!(
            read("2026-11-24T12:00:00Z").unwrap(),
            "2026-11-24T12:00:00+00:00"
        );
        assert!(read("25:00").is_err());
        assert!(
            read("someday")
                .unwrap_err()
                .to_string()
                .contains("not a moment")
        );
    }
}
