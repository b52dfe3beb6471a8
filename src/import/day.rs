//! Dates as the other tools write them: ISO (`2026-12-10`), with slashes
//! or dots (`2026/12/10`), in Chinese (`2026年12月10日`), Jira's
//! `05/Dec/26 10:15 AM`, taskwarrior's `20261210T090000Z`, RFC 3339
//! (Trello), and Excel's day numbers when a sheet stores a date as one.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime};

/// The day `text` names, in `offset` when it names a moment in UTC.
pub fn read_day(text: &str, offset: FixedOffset) -> Option<NaiveDate> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Some(t.with_timezone(&offset).date_naive());
    }
    if let Ok(t) = NaiveDateTime::parse_from_str(text, "%Y%m%dT%H%M%SZ") {
        return Some(t.and_utc().with_timezone(&offset).date_naive());
    }
    if let Some(day) = chinese(text) {
        return Some(day);
    }
    // The day part of `2026-12-10 09:00`, `2026/12/10 9:00:00`.
    let first = text.split([' ', 'T']).next().unwrap_or(text);
    for format in [
        "%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%d/%b/%y", "%d/%b/%Y", "%d-%b-%Y",
    ] {
        if let Ok(day) = NaiveDate::parse_from_str(first, format) {
            return Some(day);
        }
    }
    excel_serial(text)
}

/// `2026年12月10日`, `2026年12月10号`, with or without the day's mark.
fn chinese(text: &str) -> Option<NaiveDate> {
    let (year, rest) = text.split_once('年')?;
    let (month, rest) = rest.split_once('月')?;
    let day = rest.trim_end_matches(['日', '号']).trim();
    NaiveDate::from_ymd_opt(
        year.trim().parse().ok()?,
        month.trim().parse().ok()?,
        day.split_whitespace().next()?.parse().ok()?,
    )
}

/// Excel's day number (1900 date system: day 1 is 1900-01-01, and it
/// counts a 29 February 1900 that never was), for the years a plan lives
/// in: 1990 to 2100.
fn excel_serial(text: &str) -> Option<NaiveDate> {
    let number: f64 = text.parse().ok()?;
    if !(32_874.0..=73_051.0).contains(&number) {
        return None;
    }
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    epoch.checked_add_signed(chrono::Duration::days(number.floor() as i64))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Option<String> {
        let east8 = FixedOffset::east_opt(8 * 3600).unwrap();
        read_day(text, east8).map(|d| d.to_string())
    }

    #[test]
    fn every_way_the_tools_write_a_day() {
        for text in [
            "2026-12-10",
            "2026/12/10",
            "2026.12.10",
            "2026/12/10 9:30",
            "2026年12月10日",
            "2026年12月10号",
            "10/Dec/26 10:15 AM",
            "10/Dec/26",
            "20261210T020000Z",
            "2026-12-10T02:00:00.000Z",
            "46366",
        ] {
            assert_eq!(day(text).as_deref(), Some("2026-12-10"), "{text}");
        }
    }

    #[test]
    fn a_moment_in_utc_is_read_in_the_boards_zone() {
        // 20:00 UTC on the 9th is the 10th in Beijing.
        assert_eq!(day("2026-12-09T20:00:00Z").as_deref(), Some("2026-12-10"));
        assert_eq!(day("20261209T200000Z").as_deref(), Some("2026-12-10"));
    }

    #[test]
    fn what_is_no_day_is_none() {
        for text in ["", "next week", "2026-02-30", "12", "2026年13月1日", "3.5"] {
            assert_eq!(day(text), None, "{text}");
        }
    }
}
