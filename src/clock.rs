//! The one place the application reads the time.
//!
//! `STANDUP_NOW` (RFC 3339) pins it, so that demos, tests and reports are
//! reproducible; otherwise it is the system clock in the local offset.

use chrono::{DateTime, Local, Timelike};

use crate::model::Timestamp;

/// The name of the environment variable that pins the time.
pub const ENV: &str = "STANDUP_NOW";

/// Where "now" comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    /// The system clock.
    System,
    /// A fixed moment.
    Pinned(Timestamp),
}

/// `STANDUP_NOW` is set but is not a timestamp.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{ENV}=`{0}` is not an RFC 3339 timestamp (e.g. 2026-11-23T09:00:00+08:00)")]
pub struct BadNow(pub String);

impl Clock {
    /// The clock the environment asks for.
    pub fn from_env() -> Result<Clock, BadNow> {
        match std::env::var(ENV) {
            Ok(text) if !text.trim().is_empty() => DateTime::parse_from_rfc3339(text.trim())
                .map(|t| Clock::Pinned(whole_seconds(t)))
                .map_err(|_| BadNow(text)),
            _ => Ok(Clock::System),
        }
    }

    /// Now, to the second (the file stores whole seconds).
    pub fn now(&self) -> Timestamp {
        match self {
            Clock::System => whole_seconds(Local::now().fixed_offset()),
            Clock::Pinned(t) => *t,
        }
    }
}

fn whole_seconds(t: Timestamp) -> Timestamp {
    t.with_nanosecond(0).unwrap_or(t)
}
