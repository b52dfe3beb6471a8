//! Timestamps as the board file writes them: RFC 3339, whole seconds, with the
//! offset of the place they were made in.

use chrono::{DateTime, FixedOffset, SecondsFormat};
use serde::{Deserialize, Deserializer, Serializer};

/// A moment, with the UTC offset it was recorded in.
pub type Timestamp = DateTime<FixedOffset>;

/// Formats a timestamp the one way the file and the CLI write it.
pub fn format_timestamp(t: &Timestamp) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, false)
}

/// serde helpers for `Timestamp` fields, so that every timestamp in the file
/// has the same shape whatever chrono's defaults are.
pub mod serde_ts {
    use super::*;

    pub fn serialize<S: Serializer>(t: &Timestamp, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format_timestamp(t))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Timestamp, D::Error> {
        // Borrowed from the file's text when it can be: no allocation for
        // each of a large board's many timestamps.
        let text = std::borrow::Cow::<'de, str>::deserialize(d)?;
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
