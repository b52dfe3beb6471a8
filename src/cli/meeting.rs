//! `standup standup …` and `standup report`: a standup held outside the
//! TUI, and its minutes.

use anyhow::{Result, anyhow};

use super::args::{OrderArg, ReportFormat, StandupCommand};
use super::{Outcome, Session};
use crate::cli::Cli;
use crate::i18n::Locale;
use crate::model::dates::parse_date;
use crate::model::{Action, Decision, Parked, StandupOrder};
use crate::report::{self, Which, markdown};
use crate::store;

pub(super) fn standup(cli: &Cli, cmd: &StandupCommand) -> Result<Outcome> {
    let mut s = Session::open(cli)?;
    match cmd {
        StandupCommand::Start { order } => {
            let order = match order {
                OrderArg::Party => StandupOrder::Party,
                OrderArg::Board => StandupOrder::Board,
            };
            s.apply(&Action::StartStandup { order })?;
            s.save()?;
            let stops = s.board.stops(order, s.now);
            let names: Vec<String> = stops
                .iter()
                .map(|st| st.label(&s.board, s.l.lang))
                .collect();
            let order = if names.is_empty() {
                s.l.t("nobody has anything to report").to_string()
            } else {
                names.join(", ")
            };
            let said = s.l.f(
                "Standup started at {0}. Speaking order: {1}.",
                &[&s.l.time(&s.now), &order],
            );
            outln!("{said}");
        }
        StandupCommand::Decide { text, owner, due } => {
            let due = due
                .as_deref()
                .map(|d| crate::model::dates::read_date(d, s.today(), &s.l))
                .transpose()
                .map_err(|e| anyhow!("--due: {e}"))?;
            s.apply(&Action::Decide(Decision {
                text: text.clone(),
                owner: owner.clone(),
                due,
            }))?;
            s.save()?;
            outln!("{}", s.l.t("Decision recorded."));
        }
        StandupCommand::Park { topic, owner } => {
            s.apply(&Action::Park(Parked {
                topic: topic.clone(),
                owner: owner.clone(),
            }))?;
            s.save()?;
            outln!("{}", s.l.t("Parked."));
        }
        StandupCommand::End => {
            let started = s.board.open_standup().map(|r| r.started);
            s.apply(&Action::EndStandup { speakers: None })?;
            s.save()?;
            let i = started
                .and_then(|t| s.board.standup_at(t))
                .ok_or_else(|| anyhow!("the ended standup is not on the board any more"))?;
            let locale = super::config::locale(cli);
            let written = store::minutes::write(s.file.path(), &s.board, i, s.now, &locale);
            let (path, length) = written.map_err(|e| {
                anyhow!(
                    "the standup was ended and saved, but its minutes could not be written ({e}): `standup report` prints them"
                )
            })?;
            let said = s.l.f(
                "Standup ended ({0} min). Minutes written to {1}.",
                &[&length, &path.display()],
            );
            outln!("{said}");
        }
    }
    Ok(Outcome::Done)
}

/// The language a report is written in: the user's for Markdown; English
/// for JSON, which scripts read.
fn report_locale(cli: &Cli, format: ReportFormat) -> Locale {
    match format {
        ReportFormat::Md => super::config::locale(cli),
        ReportFormat::Json => Locale::default(),
    }
}

pub(super) fn report(cli: &Cli, date: Option<&str>, format: ReportFormat) -> Result<Outcome> {
    let s = Session::open(cli)?;
    let which = match date {
        Some(d) => Which::Date(parse_past_date(d, s.today()).map_err(|e| anyhow!("--date: {e}"))?),
        None => Which::Latest,
    };
    let locale = report_locale(cli, format);
    let minutes = report::minutes(&s.board, which, s.now, locale.lang)?;
    match format {
        ReportFormat::Md => out!("{}", markdown::render(&minutes, &locale)),
        ReportFormat::Json => outln!("{}", super::terminal::json(&minutes)),
    }
    Ok(Outcome::Done)
}

pub(super) fn week_report(cli: &Cli, date: &str, format: ReportFormat) -> Result<Outcome> {
    let s = Session::open(cli)?;
    let date = parse_past_date(date, s.today()).map_err(|e| anyhow!("--week: {e}"))?;
    let first_day = super::config::load(cli).week_start;
    let locale = report_locale(cli, format);
    let report = report::week::week(&s.board, date, s.now, first_day, locale.lang)?;
    match format {
        ReportFormat::Md => out!("{}", report::week_markdown::render(&report, &locale)),
        ReportFormat::Json => outln!("{}", super::terminal::json(&report)),
    }
    Ok(Outcome::Done)
}

/// A report date: as any date, except that a weekday name means the last
/// one (`mon` on a Wednesday is two days ago: reports look back).
fn parse_past_date(
    text: &str,
    today: chrono::NaiveDate,
) -> Result<chrono::NaiveDate, crate::model::dates::DateError> {
    let date = parse_date(text, today)?;
    let t = text.trim();
    let is_weekday = (t.chars().all(|c| c.is_ascii_alphabetic())
        && !matches!(t.to_lowercase().as_str(), "today" | "tomorrow"))
        || ["周", "星期", "礼拜"].iter().any(|p| t.starts_with(p));
    if is_weekday && date > today {
        Ok(date - chrono::Duration::days(7))
    } else {
        Ok(date)
    }
}
