//! Dates as people type them, in English and in Chinese: the words
//! (`today`, `明天`, `后天`), offsets (`+3d`, `+2w`, `3天后`), weekdays
//! (`fri`, `周五`, `星期五`, `下周一`), and every form the app itself shows
//! (`2026-12-10`, `12-10`, `12/10`, `12月10日`, `10号`, `Thu 10 Dec 2026`,
//! `2026年12月10日 周四`), so that whatever is shown can be typed back.
//!
//! A date without its year is this year's, or next year's when this
//! year's passed more than half a year ago; a day of the month alone is
//! this month's, or next month's when this month's passed more than half
//! a month ago.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use super::{DateError, parse_iso};

/// Reads `text` (see the module docs) relative to `today`.
pub fn read(text: &str, today: NaiveDate) -> Result<NaiveDate, DateError> {
    let original = text.trim();
    let t = normalize(original);
    let unknown = || DateError::Unknown(original.to_string());
    if let Some(days) = word(&t) {
        return Ok(today + Duration::days(days));
    }
    if let Some(days) = offset(&t) {
        return today
            .checked_add_signed(Duration::days(days))
            .ok_or_else(unknown);
    }
    if let Some(date) = weekday_phrase(&t, today) {
        return Ok(date);
    }
    if let Some(found) = numeric(&t, original, today) {
        return found;
    }
    if let Some(found) = chinese(&t, original, today) {
        return found;
    }
    if let Some(found) = named_month(&t, original, today) {
        return found;
    }
    Err(unknown())
}

/// `text` in a chrono `pattern`, with or without its year (then this
/// year's or next, as for any date without one).
pub fn in_format(text: &str, pattern: &str, today: NaiveDate) -> Option<NaiveDate> {
    if let Ok(date) = NaiveDate::parse_from_str(text, pattern) {
        return Some(date);
    }
    let year = today.year();
    let with_year = NaiveDate::parse_from_str(&format!("{text} {year}"), &format!("{pattern} %Y"))
        .or_else(|_| {
            NaiveDate::parse_from_str(
                &format!("{text} {year}"),
                &format!("{} %Y", crate::i18n::without_year(pattern)),
            )
        })
        .ok()?;
    this_year("", today, with_year.month(), with_year.day()).ok()
}

/// Lower case, one space between words, full-width digits, letters and
/// separators made plain (an IME types `１２／１０`).
fn normalize(text: &str) -> String {
    let plain: String = text
        .chars()
        .map(|c| match c {
            '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' | '＋' | '－' | '／' | '．' => {
                char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
            }
            '，' | ',' => ' ',
            '　' => ' ',
            c => c,
        })
        .collect::<String>()
        .to_lowercase();
    plain.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Days from today that a word means.
fn word(t: &str) -> Option<i64> {
    Some(match t {
        "today" | "今天" | "今日" => 0,
        "tomorrow" | "明天" | "明日" => 1,
        "yesterday" | "昨天" | "昨日" => -1,
        "后天" => 2,
        "大后天" => 3,
        "前天" => -2,
        _ => return None,
    })
}

/// Days from today that an offset means: `+3d`, `-1d`, `+2w`, `3天后`,
/// `2周后`, `2个星期后`, `5日后`.
fn offset(t: &str) -> Option<i64> {
    if let Some((sign, rest)) = match t.as_bytes().first() {
        Some(b'+') => Some((1, &t[1..])),
        Some(b'-') => Some((-1, &t[1..])),
        _ => None,
    } {
        let (number, unit) = rest.split_at(rest.len().checked_sub(1)?);
        let n = small_number(number)?;
        return match unit {
            "d" => Some(sign * n),
            "w" => Some(sign * n * 7),
            _ => None,
        };
    }
    let rest = t.strip_suffix('后')?;
    for (unit, days) in [("个星期", 7), ("星期", 7), ("周", 7), ("天", 1), ("日", 1)] {
        if let Some(number) = rest.strip_suffix(unit) {
            return Some(small_number(number)? * days);
        }
    }
    None
}

/// A count of at most five digits.
fn small_number(text: &str) -> Option<i64> {
    if text.is_empty() || text.len() > 5 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// A weekday: the next one after today (`fri`, `周五`, `星期五`,
/// `next fri`); `下周一` / `下星期一` the one in next week; `本周五` /
/// `这周五` the one in this week.
fn weekday_phrase(t: &str, today: NaiveDate) -> Option<NaiveDate> {
    let monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
    let in_week = |week_start: NaiveDate, day: Weekday| {
        week_start + Duration::days(i64::from(day.num_days_from_monday()))
    };
    for prefix in ["下个", "下"] {
        if let Some(rest) = t.strip_prefix(prefix)
            && let Some(day) = chinese_weekday(rest)
        {
            return Some(in_week(monday + Duration::days(7), day));
        }
    }
    for prefix in ["本", "这个", "这"] {
        if let Some(rest) = t.strip_prefix(prefix)
            && let Some(day) = chinese_weekday(rest)
        {
            return Some(in_week(monday, day));
        }
    }
    let t = t.strip_prefix("next ").unwrap_or(t);
    let day = chinese_weekday(t).or_else(|| english_weekday(t))?;
    let ahead = (7 + i64::from(day.num_days_from_monday())
        - i64::from(today.weekday().num_days_from_monday()))
        % 7;
    Some(today + Duration::days(if ahead == 0 { 7 } else { ahead }))
}

/// `周五`, `星期五`, `礼拜五`, `周日`, `星期天`.
fn chinese_weekday(t: &str) -> Option<Weekday> {
    let rest = ["星期", "礼拜", "周"]
        .iter()
        .find_map(|p| t.strip_prefix(p))?;
    Some(match rest {
        "一" => Weekday::Mon,
        "二" => Weekday::Tue,
        "三" => Weekday::Wed,
        "四" => Weekday::Thu,
        "五" => Weekday::Fri,
        "六" => Weekday::Sat,
        "日" | "天" | "七" => Weekday::Sun,
        _ => return None,
    })
}

/// `fri`, `friday`: three letters at least.
fn english_weekday(t: &str) -> Option<Weekday> {
    const NAMES: [(Weekday, &str); 7] = [
        (Weekday::Mon, "monday"),
        (Weekday::Tue, "tuesday"),
        (Weekday::Wed, "wednesday"),
        (Weekday::Thu, "thursday"),
        (Weekday::Fri, "friday"),
        (Weekday::Sat, "saturday"),
        (Weekday::Sun, "sunday"),
    ];
    if t.len() < 3 {
        return None;
    }
    NAMES
        .iter()
        .find(|(_, name)| name.starts_with(t))
        .map(|(day, _)| *day)
}

/// Digits and separators: `2026-12-10`, `2026/12/10`, `2026.12.10`,
/// `12-10`, `12/10`, `12.10` (month first, as the cards show it).
fn numeric(t: &str, original: &str, today: NaiveDate) -> Option<Result<NaiveDate, DateError>> {
    let sep = ['-', '/', '.'].into_iter().find(|s| t.contains(*s))?;
    let parts: Vec<&str> = t.split(sep).collect();
    if !parts
        .iter()
        .all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let n = |s: &str| s.parse::<u32>().ok();
    Some(match parts.as_slice() {
        [y, m, d] if y.len() == 4 => {
            if sep == '-' && m.len() == 2 && d.len() == 2 {
                return Some(parse_iso(t).map_err(|e| renamed(e, original)));
            }
            exact(original, y.parse().ok()?, n(m)?, n(d)?)
        }
        [m, d] if m.len() <= 2 && d.len() <= 2 => this_year(original, today, n(m)?, n(d)?),
        _ => return None,
    })
}

/// `2026年12月10日`, `12月10日`, `12月10号`, `12月10`, `10号`, `10日`; a
/// weekday after it (`3月4日 周三`, as the app shows it) is let through.
fn chinese(t: &str, original: &str, today: NaiveDate) -> Option<Result<NaiveDate, DateError>> {
    let t = match t.split_once(' ') {
        Some((date, day)) if chinese_weekday(day).is_some() => date,
        _ => t,
    };
    let t = t.trim_end_matches(['日', '号']);
    let number = |s: &str| -> Option<u32> {
        (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    if let Some((year, rest)) = t.split_once('年') {
        let (m, d) = rest.split_once('月')?;
        let year = i32::try_from(number(year)?).ok()?;
        return Some(exact(original, year, number(m)?, number(d)?));
    }
    if let Some((m, d)) = t.split_once('月') {
        return Some(this_year(original, today, number(m)?, number(d)?));
    }
    let ends_as_day = original.ends_with(['日', '号']);
    let day = number(t).filter(|_| ends_as_day)?;
    Some(this_month(original, today, day))
}

/// `Dec 10`, `10 Dec`, `December 10 2026`, `Thu 10 Dec 2026` (a weekday
/// before it is let through, as the app shows it).
fn named_month(t: &str, original: &str, today: NaiveDate) -> Option<Result<NaiveDate, DateError>> {
    let mut words: Vec<&str> = t.split(' ').collect();
    if words.len() > 2 && english_weekday(words[0]).is_some() {
        words.remove(0);
    }
    let month_at = words.iter().position(|w| month_number(w).is_some())?;
    let month = month_number(words[month_at])?;
    let numbers: Vec<&str> = words
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != month_at)
        .map(|(_, w)| *w)
        .collect();
    let value = |s: &str| s.parse::<u32>().ok();
    Some(match numbers.as_slice() {
        [d] if d.len() <= 2 => this_year(original, today, month, value(d)?),
        [d, y] if d.len() <= 2 && y.len() == 4 => {
            exact(original, y.parse().ok()?, month, value(d)?)
        }
        _ => return None,
    })
}

/// `dec`, `december` (three letters at least).
fn month_number(word: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    if word.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| m.starts_with(word))
        .and_then(|i| u32::try_from(i + 1).ok())
}

/// The day `month`/`day` of `year`, or why there is none.
fn exact(original: &str, year: i32, month: u32, day: u32) -> Result<NaiveDate, DateError> {
    if !(1..=12).contains(&month) {
        return Err(DateError::NoMonth {
            text: original.to_string(),
            month,
        });
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| DateError::ShortMonth {
        text: original.to_string(),
        year,
        month,
        days: super::days_in_month(year, month),
    })
}

/// `month`/`day` this year, or next year when this year's passed more
/// than half a year ago.
fn this_year(
    original: &str,
    today: NaiveDate,
    month: u32,
    day: u32,
) -> Result<NaiveDate, DateError> {
    let date = exact(original, today.year(), month, day).or_else(|e| {
        // 29 February is next year's when this year has none.
        exact(original, today.year() + 1, month, day).map_err(|_| e)
    })?;
    if date < today - Duration::days(183) {
        return exact(original, today.year() + 1, month, day);
    }
    Ok(date)
}

/// `day` of this month, or of next month when this month's passed more
/// than half a month ago.
fn this_month(original: &str, today: NaiveDate, day: u32) -> Result<NaiveDate, DateError> {
    let date = exact(original, today.year(), today.month(), day)?;
    if date < today - Duration::days(15) {
        let next =
            today + Duration::days(i64::from(super::days_in_month(today.year(), today.month())));
        return exact(original, next.year(), next.month(), day);
    }
    Ok(date)
}

/// A strict ISO reading's error, naming the text as typed.
fn renamed(error: DateError, original: &str) -> DateError {
    match error {
        DateError::NoMonth { month, .. } => DateError::NoMonth {
            text: original.to_string(),
            month,
        },
        DateError::ShortMonth {
            year, month, days, ..
        } => DateError::ShortMonth {
            text: original.to_string(),
            year,
            month,
            days,
        },
        DateError::Unknown(_) => DateError::Unknown(original.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        parse_iso(s).expect("a date")
    }

    /// Sunday 6 December 2026.
    fn today() -> NaiveDate {
        day("2026-12-06")
    }

    fn reads(text: &str) -> NaiveDate {
        read(text, today()).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    #[test]
    fn every_form_the_issue_lists() {
        let cases = [
            ("2026-12-10", "2026-12-10"),
            ("12-10", "2026-12-10"),
            ("12/10", "2026-12-10"),
            ("12.10", "2026-12-10"),
            ("2026/12/10", "2026-12-10"),
            ("12月10日", "2026-12-10"),
            ("12月10号", "2026-12-10"),
            ("2026年12月10日", "2026-12-10"),
            ("10号", "2026-12-10"),
            ("10日", "2026-12-10"),
            ("today", "2026-12-06"),
            ("今天", "2026-12-06"),
            ("tomorrow", "2026-12-07"),
            ("明天", "2026-12-07"),
            ("后天", "2026-12-08"),
            ("fri", "2026-12-11"),
            ("周五", "2026-12-11"),
            ("星期五", "2026-12-11"),
            ("下周一", "2026-12-07"),
            ("下星期三", "2026-12-09"),
            // This week's Friday: on a Sunday, two days ago.
            ("本周五", "2026-12-04"),
            ("+3d", "2026-12-09"),
            ("+2w", "2026-12-20"),
            ("3天后", "2026-12-09"),
            ("2周后", "2026-12-20"),
            ("Dec 10", "2026-12-10"),
            ("10 Dec", "2026-12-10"),
            ("December 10, 2026", "2026-12-10"),
            ("Thu 10 Dec 2026", "2026-12-10"),
            ("Thu 10 Dec", "2026-12-10"),
            ("2026年12月10日 周四", "2026-12-10"),
            ("12月10日 周四", "2026-12-10"),
            ("１２／１０", "2026-12-10"),
        ];
        for (text, want) in cases {
            assert_eq!(reads(text), day(want), "{text}");
        }
    }

    #[test]
    fn a_day_long_past_is_next_years_and_a_day_of_month_next_months() {
        // 1 March passed nine months ago: next year's. 1 August passed four
        // months ago: this year's.
        assert_eq!(reads("03-01"), day("2027-03-01"));
        assert_eq!(reads("8/1"), day("2026-08-01"));
        // The 1st passed five days ago: this month's. On the 20th, the 1st
        // is next month's.
        assert_eq!(reads("1号"), day("2026-12-01"));
        assert_eq!(read("1号", day("2026-12-20")), Ok(day("2027-01-01")));
    }

    #[test]
    fn impossible_days_say_why_in_every_form() {
        for text in ["13-01", "13月1日", "2026/13/01"] {
            assert!(
                matches!(
                    read(text, today()),
                    Err(DateError::NoMonth { month: 13, .. })
                ),
                "{text}"
            );
        }
        for text in ["11-31", "11月31日", "Nov 31"] {
            assert!(
                matches!(
                    read(text, today()),
                    Err(DateError::ShortMonth { days: 30, .. })
                ),
                "{text}"
            );
        }
        for text in ["soon", "12-10-11-1", "周八", "+3x", "ma"] {
            assert!(
                matches!(read(text, today()), Err(DateError::Unknown(_))),
                "{text}"
            );
        }
    }
}
