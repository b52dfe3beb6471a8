//! Per-board settings: RACI thresholds, SLA targets, aging and standup timing.
//!
//! Every key has a default, so that a board written by an older version (or
//! by hand, without `settings`) still loads.

use crate::i18n::Lang;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::triage::Priority;

/// The board's settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    pub raci: RaciLimits,
    pub sla: SlaTargets,
    pub aging: Aging,
    pub standup: StandupTiming,
}

/// When the RACI check warns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RaciLimits {
    /// A task with this many R or more gets `too-many-responsible`.
    pub responsible_warn: u32,
    /// A task with more than this many C gets `too-many-consulted`.
    pub consulted_max: u32,
    /// A party that is R on more than this many tasks is `overloaded`.
    pub overload_r: u32,
    /// A party that is A on more than this many tasks is `overloaded`.
    pub overload_a: u32,
}

impl Default for RaciLimits {
    fn default() -> Self {
        RaciLimits {
            responsible_warn: 3,
            consulted_max: 3,
            overload_r: 5,
            overload_a: 3,
        }
    }
}

impl fmt::Display for RaciLimits {
    /// `3 R, 3 C, overload 5 R / 3 A`: the thresholds in the order
    /// [`RaciLimits::from_str`] reads them.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} R, {} C, overload {} R / {} A",
            self.responsible_warn, self.consulted_max, self.overload_r, self.overload_a
        )
    }
}

/// Why the text of RACI limits or SLA targets was not understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BadSettings {
    /// RACI limits need four numbers; this many were given.
    LimitCount(usize),
    /// A number too large to be a limit.
    TooLarge(String),
    /// SLA targets need five pairs; this many were given.
    PairCount(usize),
    /// A priority's target is not `respond/resolve`.
    NotAPair {
        priority: &'static str,
        pair: String,
    },
    Span(BadSpan),
}

impl BadSettings {
    /// The message in `l`.
    pub fn localized(&self, l: Lang) -> String {
        match self {
            BadSettings::LimitCount(n) => l.f(
                "give four numbers (R warn, C max, overload R, overload A), like `3 3 5 3`; got {0}",
                &[n],
            ),
            BadSettings::TooLarge(n) => l.f("`{0}` is too large", &[n]),
            BadSettings::PairCount(n) => l.f(
                "give five respond/resolve pairs, P1 to P5, like `30m/2h 2h/1d 1d/3d 3d/10d 1w/30d`; got {0}",
                &[n],
            ),
            BadSettings::NotAPair { priority, pair } => {
                l.f("{0}: `{1}` is not respond/resolve", &[priority, pair])
            }
            BadSettings::Span(span) => span.localized(l),
        }
    }
}

crate::i18n::english_display!(BadSettings);

impl std::error::Error for BadSettings {}

impl FromStr for RaciLimits {
    type Err = BadSettings;

    /// Four numbers in [`Display`](fmt::Display) order, separated by
    /// anything that is not a digit: `3 3 5 3`, `3,3,5,3` or the display form.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let numbers: Vec<&str> = text
            .split(|c: char| !c.is_ascii_digit())
            .filter(|n| !n.is_empty())
            .collect();
        if numbers.len() != 4 {
            return Err(BadSettings::LimitCount(numbers.len()));
        }
        let n = |i: usize| -> Result<u32, BadSettings> {
            numbers[i]
                .parse()
                .map_err(|_| BadSettings::TooLarge(numbers[i].to_string()))
        };
        Ok(RaciLimits {
            responsible_warn: n(0)?,
            consulted_max: n(1)?,
            overload_r: n(2)?,
            overload_a: n(3)?,
        })
    }
}

/// Respond and resolve targets for one priority.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Target {
    pub respond: Span,
    pub resolve: Span,
}

/// SLA targets for P1 … P5 (PRODUCT.md section 5 gives the defaults).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SlaTargets {
    pub p1: Target,
    pub p2: Target,
    pub p3: Target,
    pub p4: Target,
    pub p5: Target,
}

impl SlaTargets {
    /// The target for one priority.
    pub fn for_priority(&self, p: Priority) -> Target {
        match p {
            Priority::P1 => self.p1,
            Priority::P2 => self.p2,
            Priority::P3 => self.p3,
            Priority::P4 => self.p4,
            Priority::P5 => self.p5,
        }
    }
}

impl SlaTargets {
    /// The target for one priority, to change it.
    pub fn for_priority_mut(&mut self, p: Priority) -> &mut Target {
        match p {
            Priority::P1 => &mut self.p1,
            Priority::P2 => &mut self.p2,
            Priority::P3 => &mut self.p3,
            Priority::P4 => &mut self.p4,
            Priority::P5 => &mut self.p5,
        }
    }
}

impl fmt::Display for SlaTargets {
    /// `30m/2h 2h/1d 1d/3d 3d/10d 1w/30d`: respond/resolve for P1 to P5,
    /// the form [`SlaTargets::from_str`] reads.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pairs: Vec<String> = Priority::ALL
            .iter()
            .map(|p| {
                let t = self.for_priority(*p);
                format!("{}/{}", t.respond, t.resolve)
            })
            .collect();
        f.write_str(&pairs.join(" "))
    }
}

impl FromStr for SlaTargets {
    type Err = BadSettings;

    /// Five respond/resolve pairs, P1 first: `30m/2h 2h/1d 1d/3d 3d/10d 1w/30d`.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let pairs: Vec<&str> = text.split_whitespace().collect();
        if pairs.len() != 5 {
            return Err(BadSettings::PairCount(pairs.len()));
        }
        let mut targets = SlaTargets::default();
        for (priority, pair) in Priority::ALL.iter().zip(pairs) {
            let (respond, resolve) = pair.split_once('/').ok_or_else(|| BadSettings::NotAPair {
                priority: priority.as_str(),
                pair: pair.to_string(),
            })?;
            let target = targets.for_priority_mut(*priority);
            target.respond = respond.parse().map_err(BadSettings::Span)?;
            target.resolve = resolve.parse().map_err(BadSettings::Span)?;
        }
        Ok(targets)
    }
}

impl Default for SlaTargets {
    fn default() -> Self {
        const H: u32 = 60;
        const D: u32 = 24 * H;
        let t = |respond, resolve| Target {
            respond: Span(respond),
            resolve: Span(resolve),
        };
        SlaTargets {
            p1: t(30, 2 * H),
            p2: t(2 * H, D),
            p3: t(D, 3 * D),
            p4: t(3 * D, 10 * D),
            p5: t(7 * D, 30 * D),
        }
    }
}

/// When a card's age in its column turns yellow, then red.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Aging {
    pub warn_days: u32,
    pub alert_days: u32,
}

impl Default for Aging {
    fn default() -> Self {
        Aging {
            warn_days: 3,
            alert_days: 7,
        }
    }
}

/// The standup's timebox.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct StandupTiming {
    pub timebox_minutes: u32,
    pub speaker_minutes: u32,
}

impl Default for StandupTiming {
    fn default() -> Self {
        StandupTiming {
            timebox_minutes: 15,
            speaker_minutes: 2,
        }
    }
}

/// A length of time in whole minutes, written as people say it: `30m`,
/// `2h`, `1d`, `1w`, or combined (`1d4h`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span(pub u32);

impl Span {
    /// The span in minutes.
    pub fn minutes(self) -> u32 {
        self.0
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 == 0 {
            return f.write_str("0m");
        }
        let mut rest = self.0;
        // Whole weeks read as weeks; anything else counts days (10d, not 1w3d).
        let week = 7 * 24 * 60;
        let units: &[(&str, u32)] = if rest.is_multiple_of(week) {
            &[("w", week)]
        } else {
            &[("d", 24 * 60), ("h", 60), ("m", 1)]
        };
        for &(unit, size) in units {
            if rest >= size {
                write!(f, "{}{unit}", rest / size)?;
                rest %= size;
            }
        }
        Ok(())
    }
}

/// Why a span was not understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadSpan(pub String);

impl BadSpan {
    /// The message in `l`.
    pub fn localized(&self, l: Lang) -> String {
        l.f(
            "`{0}` is not a length of time (use e.g. 30m, 2h, 1d, 1w or 1d4h)",
            &[&self.0],
        )
    }
}

crate::i18n::english_display!(BadSpan);

impl std::error::Error for BadSpan {}

impl FromStr for Span {
    type Err = BadSpan;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || BadSpan(s.to_string());
        let mut total: u64 = 0;
        let mut number = String::new();
        for c in s.trim().chars() {
            if c.is_ascii_digit() {
                number.push(c);
                continue;
            }
            let size: u64 = match c {
                'm' => 1,
                'h' => 60,
                'd' => 24 * 60,
                'w' => 7 * 24 * 60,
                _ => return Err(bad()),
            };
            let n: u64 = number.parse().map_err(|_| bad())?;
            total = total.saturating_add(n.saturating_mul(size));
            number.clear();
        }
        if !number.is_empty() || total == 0 || total > u64::from(u32::MAX) {
            return Err(bad());
        }
        Ok(Span(total as u32))
    }
}

impl Serialize for Span {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Span {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_read_and_write_as_people_say_them() {
        for (text, minutes) in [
            ("30m", 30),
            ("2h", 120),
            ("1d", 1440),
            ("1w", 10080),
            ("1d4h", 1680),
        ] {
            let span: Span = text.parse().unwrap();
            assert_eq!(span.minutes(), minutes);
            assert_eq!(span.to_string(), text);
        }
        assert_eq!("90m".parse::<Span>().unwrap().to_string(), "1h30m");
    }

    #[test]
    fn bad_spans_are_refused() {
        for text in ["", "0m", "5", "h", "3x", "-1d", "1.5h"] {
            assert!(text.parse::<Span>().is_err(), "{text}");
        }
    }

    #[test]
    fn default_targets_match_the_product() {
        let t = SlaTargets::default();
        assert_eq!(t.p1.respond.to_string(), "30m");
        assert_eq!(t.p1.resolve.to_string(), "2h");
        assert_eq!(t.p3.resolve.to_string(), "3d");
        assert_eq!(t.p5.respond.to_string(), "1w");
        assert_eq!(t.p5.resolve.to_string(), "30d");
        assert_eq!(t.p4.resolve.to_string(), "10d");
    }
}
