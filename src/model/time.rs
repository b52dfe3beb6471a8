//! Timestamps as the board file writes them: RFC 3339, whole seconds, with the
//! offset of the place they were made in.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, SecondsFormat, Timelike};
use serde::{Deserialize, Deserializer, Serializer};

/// A moment, with the UTC offset it was recorded in.
pub type Timestamp = DateTime<FixedOffset>;

/// Formats a timestamp the one way the file and the CLI write it.
pub fn format_timestamp(t: &Timestamp) -> String {
    match canonical(t) {
        Some(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        None => t.to_rfc3339_opts(SecondsFormat::Secs, false),
    }
}

/// Appends `t` as [`format_timestamp`] writes it, without allocating when
/// it can. The text never needs escaping in JSON.
pub fn push_timestamp(out: &mut Vec<u8>, t: &Timestamp) {
    match canonical(t) {
        Some(bytes) => out.extend_from_slice(&bytes),
        None => out.extend_from_slice(format_timestamp(t).as_bytes()),
    }
}

/// `2026-10-24T09:00:00+08:00`, as chrono writes it (seconds whole), for a
/// timestamp of a four-digit year, no leap second and a whole-minute offset
/// (every one this program makes); `None` for any other, which chrono then
/// writes. A board
/// file holds one or more per log entry, and chrono's general formatter,
/// with a string allocated for each, was a sixth of a save.
fn canonical(t: &Timestamp) -> Option<[u8; 25]> {
    let local = t.naive_local();
    let offset = t.offset().local_minus_utc();
    let year = local.year();
    if !(0..=9999).contains(&year) || offset % 60 != 0 || local.nanosecond() >= 1_000_000_000 {
        return None;
    }
    let mut out = *b"0000-00-00T00:00:00+00:00";
    let mut put = |at: usize, value: u32, digits: usize| {
        let mut value = value;
        for i in (at..at + digits).rev() {
            out[i] = b'0' + (value % 10) as u8;
            value /= 10;
        }
    };
    put(0, year as u32, 4);
    put(5, local.month(), 2);
    put(8, local.day(), 2);
    put(11, local.hour(), 2);
    put(14, local.minute(), 2);
    put(17, local.second(), 2);
    let minutes = offset.unsigned_abs() / 60;
    put(20, minutes / 60, 2);
    put(23, minutes % 60, 2);
    if offset < 0 {
        out[19] = b'-';
    }
    Some(out)
}

/// Reads a timestamp as [`canonical`] writes it without chrono's general
/// RFC 3339 parser; `None` for any other text (which chrono then reads,
/// and explains if it must). Loading a large board reads tens of
/// thousands.
fn parse_canonical(text: &str) -> Option<Timestamp> {
    let b = text.as_bytes();
    if b.len() != 25
        || [4, 7].iter().any(|&i| b[i] != b'-')
        || [13, 16, 22].iter().any(|&i| b[i] != b':')
        || b[10] != b'T'
        || !matches!(b[19], b'+' | b'-')
    {
        return None;
    }
    let number = |at: usize, digits: usize| -> Option<u32> {
        b[at..at + digits].iter().try_fold(0u32, |n, d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    let date = NaiveDate::from_ymd_opt(number(0, 4)? as i32, number(5, 2)?, number(8, 2)?)?;
    let local = date.and_hms_opt(number(11, 2)?, number(14, 2)?, number(17, 2)?)?;
    let (hours, minutes) = (number(20, 2)?, number(23, 2)?);
    if minutes > 59 {
        return None;
    }
    let seconds = (hours * 3600 + minutes * 60) as i32;
    let offset = FixedOffset::east_opt(if b[19] == b'-' { -seconds } else { seconds })?;
    local.and_local_timezone(offset).single()
}

/// serde helpers for `Timestamp` fields, so that every timestamp in the file
/// has the same shape whatever chrono's defaults are.
pub mod serde_ts {
    use super::*;

    pub fn serialize<S: Serializer>(t: &Timestamp, s: S) -> Result<S::Ok, S::Error> {
        match canonical(t) {
            // ASCII digits and signs only.
            Some(bytes) => s.serialize_str(std::str::from_utf8(&bytes).unwrap_or_default()),
            None => s.serialize_str(&format_timestamp(t)),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Timestamp, D::Error> {
        // Borrowed from the file's text when it can be: no allocation for
        // each of a large board's many timestamps.
        let text = std::borrow::Cow::<'de, str>::deserialize(d)?;
        if let Some(t) = parse_canonical(&text) {
            return Ok(t);
        }
        DateTime::parse_from_rfc3339(&text).map_err(|e| {
            serde::de::Error::custom(format!("`{text}` is not an RFC 3339 timestamp ({e})"))
        })
    }
}

/// serde helpers for optional `Timestamp` fields.
pub mod serde_opt_ts {
    use super::*;

    pub fn serialize<S: Serializer>(t: &Option<Timestamp>, s: S) -> Result<S::Ok, S::Error> {
        match t {
            Some(t) => serde_ts::serialize(t, s),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Timestamp>, D::Error> {
        #[derive(Deserialize)]
        struct Wrap(#[serde(with = "serde_ts")] Timestamp);
        Ok(Option::<Wrap>::deserialize(d)?.map(|w| w.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn chrono_writes(t: &Timestamp) -> String {
        t.to_rfc3339_opts(SecondsFormat::Secs, false)
    }

    proptest! {
        /// The fast path writes and reads exactly what chrono does.
        #[test]
        fn timestamps_are_written_and_read_as_chrono_does(
            secs in -62_000_000_000i64..253_402_300_799,
            offset_minutes in -1439i32..=1439,
        ) {
            let offset = FixedOffset::east_opt(offset_minutes * 60).expect("in range");
            let t = DateTime::from_timestamp(secs, 0).expect("in range").with_timezone(&offset);
            let written = format_timestamp(&t);
            prop_assert_eq!(&written, &chrono_writes(&t));
            let read = parse_canonical(&written).or_else(|| DateTime::parse_from_rfc3339(&written).ok());
            prop_assert_eq!(read, Some(t));
            if let Some(fast) = parse_canonical(&written) {
                prop_assert_eq!(fast, t);
            }
        }

        /// Any text: the fast reader agrees with chrono or leaves it to it.
        #[test]
        fn the_fast_reader_never_disagrees_with_chrono(
            text in "[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}([+-][0-9]{2}:[0-9]{2}|Z)",
        ) {
            if let Some(fast) = parse_canonical(&text) {
                prop_assert_eq!(Ok(fast), DateTime::parse_from_rfc3339(&text));
            }
        }
    }

    #[test]
    fn unusual_timestamps_are_left_to_chrono() {
        for text in [
            "2026-10-24T09:00:00Z",
            "2026-10-24t09:00:00+08:00",
            "2026-02-30T09:00:00+08:00",
            "2026-10-24T23:59:60+08:00",
        ] {
            assert_eq!(parse_canonical(text), None, "{text}");
        }
        let leap =
            DateTime::parse_from_rfc3339("2026-12-31T23:59:60+00:00").expect("a leap second");
        assert_eq!(format_timestamp(&leap), chrono_writes(&leap));
        let t = parse_canonical("2026-10-24T09:00:00-03:30").expect("canonical");
        assert_eq!(
            t,
            DateTime::parse_from_rfc3339("2026-10-24T09:00:00-03:30").expect("valid")
        );
    }
}
