//! The command line: clap arguments → Actions → the same `Board::apply` the
//! TUI uses → an atomic save → text or `--json` output.
//!
//! Exit codes: 0 success; 1 a check found problems; 2 bad input or an
//! unreadable board (message on stderr, board unchanged).

#[macro_use]
mod terminal;
mod args;
mod boards;
mod chat;
mod config;
mod import;
mod issue;
mod meeting;
mod output;
mod raci;
mod share;
mod tasks;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use chrono::NaiveDate;

pub use args::{
    Cli, ColumnCommand, Command, ExportFormat, KindArg, MatrixFormat, PartyCommand, RaciCommand,
    TaskCommand, TaskFields,
};

use crate::clock::Clock;
use crate::model::{Action, Applied, Board, TaskId, Timestamp};
use crate::store::{self, BoardFile};
use boards::{boards, demo, init, restore};
use raci::{party, raci};
use tasks::is_clear;
use tasks::{column, task};

/// What a command found, beyond success.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Done,
    /// A check found problems: exit 1.
    Problems,
}

/// Runs one command and turns the result into the process's exit code.
pub fn run(cli: &Cli, command: &Command) -> ExitCode {
    match execute(cli, command) {
        Ok(Outcome::Done) => ExitCode::SUCCESS,
        Ok(Outcome::Problems) => ExitCode::from(1),
        Err(e) => {
            errln!("standup: {}", localized(&e, config::loaded_lang()));
            ExitCode::from(2)
        }
    }
}

/// An error as the user reads it: its context (which option, which file)
/// as written, then its cause in `l` when the cause knows how to say it.
fn localized(e: &anyhow::Error, l: crate::i18n::Lang) -> String {
    use crate::model::dates::DateError;
    use crate::model::settings::BadSettings;
    let cause = e.root_cause();
    let said = if let Some(a) = cause.downcast_ref::<crate::model::ActionError>() {
        a.localized(l)
    } else if let Some(d) = cause.downcast_ref::<DateError>() {
        d.localized(l)
    } else if let Some(b) = cause.downcast_ref::<BadSettings>() {
        b.localized(l)
    } else if let Some(i) = cause.downcast_ref::<crate::import::ImportError>() {
        i.localized(l)
    } else if let Some(u) = cause.downcast_ref::<crate::chat::Unusable>() {
        u.localized(l)
    } else {
        return format!("{e:#}");
    };
    let contexts: Vec<String> = e.chain().map(ToString::to_string).collect();
    let mut parts: Vec<&str> = contexts[..contexts.len().saturating_sub(1)]
        .iter()
        .map(String::as_str)
        .collect();
    parts.push(&said);
    parts.join(": ")
}

/// The board file the command line names.
pub fn board_path(cli: &Cli) -> Result<PathBuf> {
    Ok(store::paths::board_path(cli.board.as_deref())?)
}

/// An open board for one command: load, apply, save.
struct Session {
    file: BoardFile,
    board: Board,
    now: Timestamp,
    changed: bool,
    /// The language messages are said in (config or LANG); JSON is not.
    l: crate::i18n::Locale,
    /// Where every save also writes the board's web page (`[publish]`).
    publish: Option<store::publish::Publish>,
}

impl Session {
    fn open(cli: &Cli) -> Result<Session> {
        let now = Clock::from_env()?.now();
        let path = board_path(cli)?;
        let (file, mut board) = BoardFile::open(&path)?;
        if !file.exists() {
            config::load(cli).shape_new_board(&mut board);
        }
        Ok(Session {
            file,
            board,
            now,
            changed: false,
            l: config::locale(cli),
            publish: config::publish(cli),
        })
    }

    fn today(&self) -> NaiveDate {
        self.now.date_naive()
    }

    /// Applies one action; warnings go to stderr.
    fn apply(&mut self, action: &Action) -> Result<Applied> {
        let applied = self.board.apply(action, self.now)?;
        self.changed |= !applied.patch.is_noop(&self.board);
        for warning in &applied.warnings {
            let said = self.l.f("warning: {0}", &[&warning.localized(self.l.lang)]);
            errln!("standup: {said}");
        }
        Ok(applied)
    }

    fn save(&mut self) -> Result<()> {
        if self.changed || !self.file.exists() {
            // Another window or script may have saved since we read the
            // file: merge into its version rather than overwrite it.
            let saved = self.file.save_merging(&self.board);
            for warning in self.file.take_warnings() {
                let said = self.l.f("warning: {0}", &[&warning]);
                errln!("standup: {said}");
            }
            if let store::Saved::Merged(merged) = saved? {
                for note in &merged.notes {
                    let said = self
                        .l
                        .f("merged with a change made meanwhile: {0}", &[note]);
                    errln!("standup: {said}");
                }
                self.board = merged.board.clone();
            }
            self.publish();
        }
        Ok(())
    }

    /// Writes the board's web page where `[publish]` says, after a save;
    /// a page that cannot be written is said, and the save stands.
    fn publish(&self) -> Option<std::path::PathBuf> {
        let publish = self.publish.as_ref()?;
        match publish.publish(&self.board, self.file.path(), self.now) {
            Ok(target) => Some(target),
            Err(said) => {
                errln!("standup: {said}");
                None
            }
        }
    }

    /// Reads a task id; whether the task exists is for `Board::apply` to say.
    fn task_id(&self, text: &str) -> Result<TaskId> {
        Ok(text.parse()?)
    }
}

fn execute(cli: &Cli, command: &Command) -> Result<Outcome> {
    // Every command that works on a board says what is wrong in the config
    // (once); those about the config itself, or run by git, do not.
    let about_config = matches!(
        command,
        Command::Config(_)
            | Command::Completions { .. }
            | Command::Man
            | Command::MergeDriver { .. }
    );
    if !about_config {
        config::load(cli);
    }
    match command {
        Command::Init { name, goal } => init(cli, name.as_deref(), goal.as_deref()),
        Command::Demo {
            force,
            tasks,
            issues,
            parties,
        } => {
            let size = tasks.map(|tasks| crate::scale::Size {
                tasks,
                issues: issues.unwrap_or(tasks / 10),
                parties: *parties,
            });
            demo(cli, *force, size)
        }
        Command::Party(cmd) => party(cli, cmd),
        Command::Task(cmd) => task(cli, cmd),
        Command::Column(cmd) => column(cli, cmd),
        Command::Raci(cmd) => raci(cli, cmd),
        Command::Issue(cmd) => issue::issue(cli, cmd),
        Command::Standup(cmd) => meeting::standup(cli, cmd),
        Command::Report {
            week: Some(week),
            format,
            ..
        } => meeting::week_report(cli, week, *format),
        Command::Report { date, format, .. } => meeting::report(cli, date.as_deref(), *format),
        Command::Restore { number, rescued } => restore(cli, *number, *rescued),
        Command::Import(args) => import::import(cli, args),
        Command::Post(args) => chat::post(cli, args),
        Command::Alerts(args) => chat::alerts(cli, args),
        Command::Export {
            format,
            what,
            encoding,
            out,
        } => {
            let s = Session::open(cli)?;
            if *format != ExportFormat::Csv && (what.is_some() || encoding.is_some()) {
                anyhow::bail!("{}", s.l.t("--what and --encoding go with --format csv"));
            }
            let text = match format {
                ExportFormat::Csv => {
                    let (bytes, text) = import::csv(&s, *what, encoding.as_deref())?;
                    import::write_export(&s, out.as_deref(), &bytes, &text)?;
                    return Ok(Outcome::Done);
                }
                ExportFormat::Json => store::to_json(&s.board),
                ExportFormat::Html => {
                    let first_day = config::load(cli).week_start;
                    crate::report::html::page(&s.board, s.now, &s.l, first_day)
                }
            };
            match out {
                Some(path) => {
                    store::atomic::write_atomic(path, text.as_bytes())
                        .with_context(|| format!("cannot write {}", path.display()))?;
                    outln!("{}", s.l.f("Wrote {0}", &[&path.display()]));
                }
                None if *format == ExportFormat::Json => out!("{}", terminal::escape_json(&text)),
                None => out!("{text}"),
            }
            Ok(Outcome::Done)
        }
        Command::Boards { json } => boards(cli, *json),
        Command::Publish => {
            let s = Session::open(cli)?;
            if s.publish.is_none() {
                anyhow::bail!(
                    "{}",
                    s.l.t("no [publish] dir in config.toml: set one, or use `standup export --format html --out FILE`")
                );
            }
            match s.publish() {
                Some(target) => {
                    outln!("{}", s.l.f("Published {0}", &[&target.display()]));
                    Ok(Outcome::Done)
                }
                None => Ok(Outcome::Problems),
            }
        }
        Command::Config(cmd) => config::command(cli, cmd),
        Command::Completions { shell } => {
            let mut command = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(*shell, &mut command, "standup", &mut std::io::stdout());
            Ok(Outcome::Done)
        }
        Command::Man => {
            let command = <Cli as clap::CommandFactory>::command();
            clap_mangen::Man::new(command)
                .render(&mut std::io::stdout())
                .context("cannot write the manual page")?;
            Ok(Outcome::Done)
        }
        Command::Conflict(cmd) => share::conflict(cli, cmd),
        Command::MergeDriver { base, ours, theirs } => share::merge_driver(base, ours, theirs),
        Command::GitSetup => share::git_setup(cli),
        Command::Check { repair } => {
            let mut s = Session::open(cli)?;
            let (log, repeated) = crate::model::merge::without_repeats(&s.board.log);
            if *repair && repeated > 0 {
                s.board.log = log;
                s.changed = true;
                s.save()?;
                outln!(
                    "{}",
                    s.l.f("removed {0} repeated log entries", &[&repeated])
                );
            }
            let repeated = if *repair { 0 } else { repeated };
            // A board that loaded keeps its invariants; the RACI rules are
            // what is left to report.
            let problems = crate::model::raci::check_in(&s.board, s.l.lang);
            let errors: Vec<_> = problems
                .iter()
                .filter(|p| p.severity == crate::model::raci::Severity::Error)
                .collect();
            let said = s.l.f(
                "{0}: {1} tasks, {2} issues",
                &[
                    &s.file.path().display(),
                    &s.board.tasks.len(),
                    &s.board.issues.len(),
                ],
            );
            outln!("{said}");
            let error = s.l.t("error");
            for p in &errors {
                let what = p
                    .task
                    .map(|t| t.to_string())
                    .or(p.party.clone())
                    .unwrap_or_default();
                outln!("  {error}  {what}  {}: {}", p.rule.name(), p.message);
            }
            for c in &s.board.conflicts {
                outln!("  {}  {}", s.l.t("conflict"), share::describe(c));
            }
            let id_problems = s.board.id_problems();
            for p in &id_problems {
                outln!("  {error}  ids  {p}");
            }
            if repeated > 0 {
                let said = s.l.f(
                    "{0} log entries repeat others (an older merge copied them): `standup check --repair` removes them",
                    &[&repeated],
                );
                outln!("  {error}  log  {said}");
            }
            if !s.board.conflicts.is_empty() {
                let said = s.l.t(
                    "settle each with `standup conflict keep|take RECORD FIELD`, or C in the board",
                );
                outln!("{said}");
            }
            if errors.is_empty()
                && s.board.conflicts.is_empty()
                && id_problems.is_empty()
                && repeated == 0
            {
                outln!("{}", s.l.t("no problems found"));
                Ok(Outcome::Done)
            } else {
                Ok(Outcome::Problems)
            }
        }
    }
}
