//! The command line: clap arguments → Actions → the same `Board::apply` the
//! TUI uses → an atomic save → text or `--json` output.
//!
//! Exit codes: 0 success; 1 a check found problems; 2 bad input or an
//! unreadable board (message on stderr, board unchanged).

#[macro_use]
mod terminal;
mod args;
mod config;
mod issue;
mod meeting;
mod output;
mod share;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, anyhow, bail};
use chrono::NaiveDate;

pub use args::{
    Cli, ColumnCommand, Command, ExportFormat, KindArg, MatrixFormat, PartyCommand, RaciCommand,
    TaskCommand, TaskFields,
};

use crate::clock::Clock;
use crate::model::action::parse_risk;
use crate::model::dates::parse_date;
use crate::model::{
    Action, Applied, Board, NewTask, PartyKind, Risk, TaskEdit, TaskFilter, TaskId, Timestamp,
};
use crate::store::{self, BoardFile};

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
            errln!("standup: {e:#}");
            ExitCode::from(2)
        }
    }
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
            errln!("standup: warning: {warning}");
        }
        Ok(applied)
    }

    fn save(&mut self) -> Result<()> {
        if self.changed || !self.file.exists() {
            // Another window or script may have saved since we read the
            // file: merge into its version rather than overwrite it.
            let saved = self.file.save_merging(&self.board);
            for warning in self.file.take_warnings() {
                errln!("standup: warning: {warning}");
            }
            if let store::Saved::Merged(merged) = saved? {
                for note in &merged.notes {
                    errln!("standup: merged with a change made meanwhile: {note}");
                }
                self.board = merged.board.clone();
            }
        }
        Ok(())
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
        Command::Export { format } => {
            let s = Session::open(cli)?;
            match format {
                ExportFormat::Json => out!("{}", terminal::escape_json(&store::to_json(&s.board))),
            }
            Ok(Outcome::Done)
        }
        Command::Boards { json } => boards(*json),
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
                outln!("removed {repeated} repeated log entries");
            }
            let repeated = if *repair { 0 } else { repeated };
            // A board that loaded keeps its invariants; the RACI rules are
            // what is left to report.
            let problems = crate::model::raci::check(&s.board);
            let errors: Vec<_> = problems
                .iter()
                .filter(|p| p.severity == crate::model::raci::Severity::Error)
                .collect();
            outln!(
                "{}: {} tasks, {} issues",
                s.file.path().display(),
                s.board.tasks.len(),
                s.board.issues.len()
            );
            for p in &errors {
                let what = p
                    .task
                    .map(|t| t.to_string())
                    .or(p.party.clone())
                    .unwrap_or_default();
                outln!("  error  {what}  {}: {}", p.rule.name(), p.message);
            }
            for c in &s.board.conflicts {
                outln!("  conflict  {}", share::describe(c));
            }
            let id_problems = s.board.id_problems();
            for p in &id_problems {
                outln!("  error  ids  {p}");
            }
            if repeated > 0 {
                outln!(
                    "  error  log  {repeated} log entries repeat others (an older merge copied them): \
                     `standup check --repair` removes them"
                );
            }
            if !s.board.conflicts.is_empty() {
                outln!(
                    "settle each with `standup conflict keep|take RECORD FIELD`, or C in the board"
                );
            }
            if errors.is_empty()
                && s.board.conflicts.is_empty()
                && id_problems.is_empty()
                && repeated == 0
            {
                outln!("no problems found");
                Ok(Outcome::Done)
            } else {
                Ok(Outcome::Problems)
            }
        }
    }
}

/// `boards`: every board in the data directory with its alert counts; a
/// board that does not open is listed with the reason.
fn boards(json: bool) -> Result<Outcome> {
    let now = Clock::from_env()?.now();
    let dir = store::paths::data_dir()?;
    let list = store::boards::list(&dir, now);
    if json {
        let rows: Vec<serde_json::Value> = list
            .iter()
            .map(|b| {
                let mut row = serde_json::json!({
                    "name": b.name,
                    "path": b.path.display().to_string(),
                });
                match &b.state {
                    Ok(s) => {
                        row["title"] = s.title.clone().into();
                        row["tasks"] = s.tasks.into();
                        row["overdue"] = s.alerts.overdue.into();
                        row["blocked"] = s.alerts.blocked.into();
                        row["breached"] = s.alerts.breached.into();
                        row["raci_errors"] = s.alerts.raci_errors.into();
                    }
                    Err(e) => row["error"] = e.clone().into(),
                }
                row
            })
            .collect();
        outln!("{}", terminal::json(&serde_json::json!({ "boards": rows })));
        return Ok(Outcome::Done);
    }
    if list.is_empty() {
        outln!(
            "No boards yet in {}: `standup` starts one, `standup --board NAME` starts a named one.",
            dir.display()
        );
        return Ok(Outcome::Done);
    }
    let width = list
        .iter()
        .map(|b| crate::text::width(&b.label()))
        .max()
        .unwrap_or(0);
    for b in &list {
        let label = crate::text::pad(&b.label(), width);
        match &b.state {
            Ok(s) => outln!(
                "{label}  {:>5} tasks  {:>3} overdue  {:>3} blocked  {:>3} breached  {}",
                s.tasks,
                s.alerts.overdue,
                s.alerts.blocked,
                s.alerts.breached,
                s.title
            ),
            Err(e) => {
                let restore = match &b.name {
                    Some(name) => format!("standup --board {name} restore"),
                    None => "standup restore".into(),
                };
                outln!("{label}  does not open: {e} (`{restore}` lists its backups)");
            }
        }
    }
    Ok(Outcome::Done)
}

fn init(cli: &Cli, name: Option<&str>, goal: Option<&str>) -> Result<Outcome> {
    let mut s = Session::open(cli)?;
    let existed = s.file.exists();
    if name.is_some() || goal.is_some() {
        s.apply(&Action::SetInfo {
            name: name.map(str::to_string),
            goal: goal.map(str::to_string),
        })?;
    }
    s.save()?;
    let path = s.file.path().display();
    if existed {
        outln!("Board {path} is ready");
    } else {
        outln!("Created board {path}");
    }
    Ok(Outcome::Done)
}

/// `restore`: lists the kept versions; `restore N` puts version N back,
/// keeping the board it replaces as the newest backup. Works on a board
/// that no longer opens, which is what it is for.
fn restore(cli: &Cli, number: Option<usize>, rescued: bool) -> Result<Outcome> {
    use crate::store::backups;
    // A linked board keeps its versions beside the file it links to.
    let path = store::file::through_links(&board_path(cli)?);
    if rescued {
        return restore_rescued(&path, number);
    }
    let kept = backups::list(&path)
        .with_context(|| format!("cannot read {}", backups::folder(&path).display()))?;
    let Some(number) = number else {
        if kept.is_empty() {
            outln!(
                "No versions of {} are kept yet: each save keeps the one it replaces.",
                path.display()
            );
            return Ok(Outcome::Done);
        }
        for b in &kept {
            let when = b
                .modified
                .map(|m| {
                    chrono::DateTime::<chrono::Local>::from(m)
                        .format("%Y-%m-%d %H:%M:%S")
                        .to_string()
                })
                .unwrap_or_default();
            outln!(
                "{:>2}  {when}  {:>9} bytes  {}",
                b.number,
                b.len,
                b.path.display()
            );
        }
        outln!("`standup restore N` puts version N back (1 is the newest).");
        return Ok(Outcome::Done);
    };
    let Some(backup) = kept.iter().find(|b| b.number == number) else {
        bail!(
            "there is no version {number}: {} kept (see `standup restore`)",
            kept.len()
        );
    };
    let bytes = std::fs::read(&backup.path)
        .with_context(|| format!("cannot read {}", backup.path.display()))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| anyhow!("{} is not UTF-8 text: not restored", backup.path.display()))?;
    store::from_json(&text).with_context(|| {
        format!(
            "{} is not a board this version can read: not restored",
            backup.path.display()
        )
    })?;
    let replaced_opens = opens(&path);
    store::file::replace(&path, text.as_bytes())
        .with_context(|| format!("cannot restore version {number} to {}", path.display()))?;
    outln!(
        "{}",
        restored(&format!("version {number}"), &path, replaced_opens)
    );
    Ok(Outcome::Done)
}

/// Whether the board at `path` opens (or there is none): what `restore 1`
/// can put back afterwards.
fn opens(path: &Path) -> bool {
    match std::fs::read(path) {
        Ok(bytes) => String::from_utf8(bytes).is_ok_and(|t| store::from_json(&t).is_ok()),
        Err(_) => true,
    }
}

/// What a restore says it did, true to what `restore 1` can undo: a board
/// it replaced that did not open is kept, but cannot be put back by it.
fn restored(what: &str, path: &Path, replaced_opens: bool) -> String {
    if replaced_opens {
        format!(
            "Restored {what} to {}. The board it replaced is now version 1: `standup restore 1` undoes this.",
            path.display()
        )
    } else {
        let kept = store::backups::list(path)
            .ok()
            .and_then(|k| k.first().map(|b| b.path.display().to_string()))
            .unwrap_or_default();
        format!(
            "Restored {what} to {}. The board it replaced did not open; it is kept as it was in {kept} \
             to repair by hand (`standup restore 1` refuses a version that does not open).",
            path.display()
        )
    }
}

/// `restore --rescued [N]`: the copies kept when the board could not be
/// saved, newest first; N puts one back.
fn restore_rescued(path: &Path, number: Option<usize>) -> Result<Outcome> {
    let found = store::rescue::list(path);
    let Some(number) = number else {
        if found.is_empty() {
            outln!("No rescued copies of {} were found.", path.display());
        }
        for (i, r) in found.iter().enumerate() {
            outln!("{:>2}  {}", i + 1, r.path.display());
        }
        if !found.is_empty() {
            outln!("`standup restore --rescued N` puts copy N back (1 is the newest).");
        }
        return Ok(Outcome::Done);
    };
    let Some(copy) = number.checked_sub(1).and_then(|i| found.get(i)) else {
        bail!(
            "there is no rescued copy {number}: {} found (see `standup restore --rescued`)",
            found.len()
        );
    };
    let text = std::fs::read_to_string(&copy.path)
        .with_context(|| format!("cannot read {}", copy.path.display()))?;
    store::from_json(&text).with_context(|| {
        format!(
            "{} is not a board this version can read: not restored",
            copy.path.display()
        )
    })?;
    let replaced_opens = opens(path);
    store::file::replace(path, text.as_bytes()).with_context(|| {
        format!(
            "cannot restore {} to {}",
            copy.path.display(),
            path.display()
        )
    })?;
    outln!(
        "{}",
        restored(&copy.path.display().to_string(), path, replaced_opens)
    );
    Ok(Outcome::Done)
}

/// `size`: a generated board of that size instead of the campaign.
fn demo(cli: &Cli, force: bool, size: Option<crate::scale::Size>) -> Result<Outcome> {
    let now = Clock::from_env()?.now();
    let path = board_path(cli)?;
    if path.exists() && !force {
        bail!(
            "{} exists already: `standup demo --force` replaces it, or pass --board to write the demo elsewhere",
            path.display()
        );
    }
    let board = match size {
        Some(size) => crate::scale::board(now, size),
        None => crate::demo::board(now),
    }
    .context("building the demo board")?;
    // --force is the user's explicit word to replace the file, even one we
    // cannot read; the write is still atomic, and the file replaced is kept.
    store::file::replace(&path, store::to_json(&board).as_bytes())
        .with_context(|| format!("cannot write {}", path.display()))?;
    outln!(
        "Wrote the demo board to {} ({} tasks, {} issues). Open it with `standup{}`.",
        path.display(),
        board.tasks.len(),
        board.issues.len(),
        cli.board
            .as_deref()
            .map(|b| format!(" --board {b}"))
            .unwrap_or_default()
    );
    Ok(Outcome::Done)
}

fn party(cli: &Cli, cmd: &PartyCommand) -> Result<Outcome> {
    let mut s = Session::open(cli)?;
    match cmd {
        PartyCommand::Add {
            code,
            name,
            kind,
            department,
        } => {
            let kind = match kind {
                KindArg::Department => PartyKind::Department,
                KindArg::Person => PartyKind::Person,
            };
            s.apply(&Action::AddParty {
                code: code.clone(),
                name: name.clone(),
                kind,
                department: department.clone(),
            })?;
            s.save()?;
            outln!("Added party {} ({})", code.trim(), name.trim());
        }
        PartyCommand::List { json } => {
            if *json {
                outln!("{}", output::parties_json(&s.board));
            } else {
                out!("{}", output::parties_table(&s.board));
            }
        }
        PartyCommand::Rename { party, name } => {
            let code = s.board.resolve_party(party)?;
            s.apply(&Action::RenameParty {
                party: code.clone(),
                name: name.clone(),
            })?;
            s.save()?;
            outln!("Renamed {code} to {}", name.trim());
        }
        PartyCommand::Move { party, position } => {
            if *position == 0 {
                bail!("positions start at 1 (the first party)");
            }
            s.apply(&Action::MoveParty {
                party: party.clone(),
                position: position - 1,
            })?;
            s.save()?;
            let order: Vec<&str> = s.board.parties.iter().map(|p| p.code.as_str()).collect();
            outln!("Parties: {}", order.join(", "));
        }
        PartyCommand::Rm { party, force } => {
            let code = s.board.resolve_party(party)?;
            let uses = s.board.party_uses(&code);
            if !force && !uses.is_empty() {
                bail!(
                    "party `{code}` {}: to remove it anyway, and those with it, add --force",
                    uses.describe(crate::i18n::Lang::En)
                );
            }
            s.apply(&Action::RemoveParty {
                party: code.clone(),
                cascade: *force,
            })?;
            s.save()?;
            if uses.is_empty() {
                outln!("Removed party {code}");
            } else {
                outln!(
                    "Removed party {code}, which {}",
                    uses.describe(crate::i18n::Lang::En)
                );
            }
        }
    }
    Ok(Outcome::Done)
}

/// `-` (or `none`) clears an optional field on edit.
fn is_clear(text: &str) -> bool {
    matches!(text.trim(), "-" | "none")
}

fn due_arg(s: &Session, text: &str) -> Result<Option<NaiveDate>> {
    if is_clear(text) {
        return Ok(None);
    }
    Ok(Some(parse_date(text, s.today()).context("--due")?))
}

fn risk_arg(text: &str) -> Result<Option<Risk>> {
    if is_clear(text) {
        return Ok(None);
    }
    parse_risk(text).map(Some).ok_or_else(|| {
        anyhow!(
            "--risk: `{}` is not a risk (use low, medium or high)",
            text.trim()
        )
    })
}

fn depends_arg(text: &str) -> Result<Vec<TaskId>> {
    if is_clear(text) {
        return Ok(Vec::new());
    }
    text.split(',')
        .filter(|t| !t.trim().is_empty())
        .map(|t| t.parse::<TaskId>().context("--depends"))
        .collect()
}

fn task(cli: &Cli, cmd: &TaskCommand) -> Result<Outcome> {
    let mut s = Session::open(cli)?;
    match cmd {
        TaskCommand::Add {
            title,
            column,
            fields,
        } => {
            let new = NewTask {
                title: title.clone(),
                column: column.clone(),
                owner: fields.owner.clone(),
                due: fields
                    .due
                    .as_deref()
                    .map(|d| due_arg(&s, d))
                    .transpose()?
                    .flatten(),
                risk: fields.risk.as_deref().map(risk_arg).transpose()?.flatten(),
                note: fields.note.clone().unwrap_or_default(),
                depends_on: fields
                    .depends
                    .as_deref()
                    .map(depends_arg)
                    .transpose()?
                    .unwrap_or_default(),
            };
            let applied = s.apply(&Action::AddTask(new))?;
            s.save()?;
            let id = applied.created.unwrap_or_default();
            let column = id
                .parse::<TaskId>()
                .ok()
                .and_then(|t| s.board.tasks.get(&t))
                .and_then(|t| s.board.column(&t.column))
                .map(|c| c.name.clone())
                .unwrap_or_default();
            outln!("Added {id} to {column}");
        }
        TaskCommand::Move { id, column } => {
            let id = s.task_id(id)?;
            s.apply(&Action::MoveTask {
                id,
                column: column.clone(),
                position: None,
            })?;
            s.save()?;
            outln!("Moved {id} to {}", column_name(&s.board, id));
        }
        TaskCommand::Done { id } => {
            let id = s.task_id(id)?;
            let last = s
                .board
                .last_column()
                .map(|c| c.id.clone())
                .unwrap_or_default();
            s.apply(&Action::MoveTask {
                id,
                column: last,
                position: None,
            })?;
            s.save()?;
            outln!("Moved {id} to {}", column_name(&s.board, id));
        }
        TaskCommand::Rm { id } => {
            let id = s.task_id(id)?;
            s.apply(&Action::DeleteTask { id })?;
            s.save()?;
            outln!("Deleted {id}");
        }
        TaskCommand::Edit { id, title, fields } => {
            let id = s.task_id(id)?;
            let edit = TaskEdit {
                title: title.clone(),
                owner: fields
                    .owner
                    .as_deref()
                    .map(|o| (!is_clear(o)).then(|| o.to_string())),
                due: fields.due.as_deref().map(|d| due_arg(&s, d)).transpose()?,
                risk: fields.risk.as_deref().map(risk_arg).transpose()?,
                note: fields.note.clone(),
                depends_on: fields.depends.as_deref().map(depends_arg).transpose()?,
            };
            let applied = s.apply(&Action::EditTask { id, edit })?;
            let changed = !applied.patch.is_noop(&s.board);
            s.save()?;
            if changed {
                outln!("Updated {id}");
            } else {
                outln!("{id} unchanged");
            }
        }
        TaskCommand::Block { id, reason } => {
            let id = s.task_id(id)?;
            s.apply(&Action::BlockTask {
                id,
                reason: reason.clone(),
            })?;
            s.save()?;
            outln!("Blocked {id}: {}", reason.trim());
        }
        TaskCommand::Unblock { id } => {
            let id = s.task_id(id)?;
            s.apply(&Action::UnblockTask { id })?;
            s.save()?;
            outln!("Unblocked {id}");
        }
        TaskCommand::List {
            column,
            owner,
            overdue,
            blocked,
            at_risk,
            text,
            json,
        } => {
            let filter = TaskFilter {
                text: text.clone().unwrap_or_default(),
                column: column
                    .as_deref()
                    .map(|c| s.board.resolve_column(c))
                    .transpose()?,
                owner: owner
                    .as_deref()
                    .map(|o| s.board.resolve_party(o))
                    .transpose()?,
                overdue: *overdue,
                blocked: *blocked,
                at_risk: *at_risk,
            };
            let tasks = output::select_tasks(&s.board, &filter, s.today());
            if *json {
                outln!("{}", output::tasks_json(&s.board, &tasks, s.today()));
            } else {
                out!("{}", output::tasks_table(&s.board, &tasks, s.today()));
            }
        }
    }
    Ok(Outcome::Done)
}

fn column(cli: &Cli, cmd: &ColumnCommand) -> Result<Outcome> {
    let mut s = Session::open(cli)?;
    let name_of = |board: &Board, text: &str| {
        board
            .find_column(text)
            .map_or_else(|| text.trim().to_string(), |c| c.name.clone())
    };
    match cmd {
        ColumnCommand::Add { name, wip } => {
            let applied = s.apply(&Action::AddColumn {
                name: name.clone(),
                wip: *wip,
            })?;
            s.save()?;
            outln!(
                "Added column {} ({})",
                name.trim(),
                applied.created.unwrap_or_default()
            );
        }
        ColumnCommand::Wip { column, limit } => {
            let wip = if is_clear(limit) {
                None
            } else {
                Some(limit.trim().parse::<u32>().map_err(|_| {
                    anyhow!(
                        "`{}` is not a WIP limit (use a number of cards, or - for none)",
                        limit.trim()
                    )
                })?)
            };
            s.apply(&Action::SetWip {
                column: column.clone(),
                wip,
            })?;
            s.save()?;
            let name = name_of(&s.board, column);
            match wip {
                Some(n) => outln!("{name}: WIP limit {n}"),
                None => outln!("{name}: no WIP limit"),
            }
        }
        ColumnCommand::Rename { column, name } => {
            let old = name_of(&s.board, column);
            s.apply(&Action::RenameColumn {
                column: column.clone(),
                name: name.clone(),
            })?;
            s.save()?;
            outln!("Renamed column {old} to {}", name.trim());
        }
        ColumnCommand::Move { column, position } => {
            if *position == 0 {
                bail!("positions start at 1 (the leftmost column)");
            }
            s.apply(&Action::MoveColumn {
                column: column.clone(),
                position: position - 1,
            })?;
            s.save()?;
            let order: Vec<String> = s.board.columns.iter().map(|c| c.name.clone()).collect();
            outln!("Columns: {}", order.join(" → "));
        }
        ColumnCommand::Rm { column } => {
            let name = name_of(&s.board, column);
            s.apply(&Action::DeleteColumn {
                column: column.clone(),
            })?;
            s.save()?;
            outln!("Deleted column {name}");
        }
        ColumnCommand::List { json } => {
            if *json {
                outln!("{}", output::columns_json(&s.board));
            } else {
                out!("{}", output::columns_table(&s.board));
            }
        }
    }
    Ok(Outcome::Done)
}

fn raci(cli: &Cli, cmd: &RaciCommand) -> Result<Outcome> {
    use crate::model::matrix;
    use crate::model::raci::{Severity, check};
    let mut s = Session::open(cli)?;
    match cmd {
        RaciCommand::Set { task, party, role } => {
            let id = s.task_id(task)?;
            let role = if is_clear(role) {
                None
            } else {
                Some(crate::model::Role::parse(role).ok_or_else(|| {
                    anyhow!(
                        "`{}` is not a role (use R, A, C, I, A/R, or - to clear)",
                        role.trim()
                    )
                })?)
            };
            s.apply(&Action::SetRole {
                task: id,
                party: party.clone(),
                role,
            })?;
            s.save()?;
            let code = s.board.resolve_party(party)?;
            match role {
                Some(r) => outln!("{id}: {code} is {r}"),
                None => outln!("{id}: {code} has no role"),
            }
        }
        RaciCommand::Show {
            party: Some(party),
            json,
        } => {
            let code = s.board.resolve_party(party)?;
            if *json {
                outln!("{}", output::focus_json(&s.board, &code, s.today()));
            } else {
                out!("{}", output::focus_table(&s.board, &code, s.today()));
            }
        }
        RaciCommand::Show { party: None, json } => {
            if *json {
                outln!("{}", output::raci_json(&s.board));
            } else {
                out!("{}", output::raci_table(&s.board));
            }
        }
        RaciCommand::Check { json } => {
            let problems = check(&s.board);
            if *json {
                outln!("{}", output::problems_json(&problems));
            } else if problems.is_empty() {
                outln!("No RACI problems.");
            } else {
                out!("{}", output::problems_table(&problems));
            }
            if problems.iter().any(|p| p.severity == Severity::Error) {
                return Ok(Outcome::Problems);
            }
        }
        RaciCommand::Import { file } => {
            let bytes =
                std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
            let text = String::from_utf8(bytes)
                .map_err(|_| anyhow!("{}: the file is not UTF-8 text", file.display()))?;
            let table = matrix::parse(&text).with_context(|| format!("{}", file.display()))?;
            let actions = matrix::import_actions(&s.board, &table);
            let (parties, tasks) = (s.board.parties.len(), s.board.tasks.len());
            for action in &actions {
                s.apply(action)
                    .with_context(|| format!("{}: import refused", file.display()))?;
            }
            s.save()?;
            outln!(
                "Imported {} rows: {} new parties, {} new tasks, {} cells changed",
                table.rows.len(),
                s.board.parties.len() - parties,
                s.board.tasks.len() - tasks,
                actions
                    .iter()
                    .filter(|a| matches!(a, Action::SetRole { .. }))
                    .count()
            );
        }
        RaciCommand::Limits {
            responsible,
            consulted,
            overload_r,
            overload_a,
        } => {
            let old = s.board.settings.raci;
            let limits = crate::model::settings::RaciLimits {
                responsible_warn: responsible.unwrap_or(old.responsible_warn),
                consulted_max: consulted.unwrap_or(old.consulted_max),
                overload_r: overload_r.unwrap_or(old.overload_r),
                overload_a: overload_a.unwrap_or(old.overload_a),
            };
            s.apply(&Action::SetRaciLimits(limits))?;
            s.save()?;
            let l = s.board.settings.raci;
            outln!(
                "RACI limits: warn at {} R or more on a task, more than {} C; \
                 a party is overloaded above {} R or {} A",
                l.responsible_warn,
                l.consulted_max,
                l.overload_r,
                l.overload_a
            );
        }
        RaciCommand::Export { format } => match format {
            MatrixFormat::Csv => out!("{}", matrix::to_csv(&s.board)),
            MatrixFormat::Md => out!("{}", matrix::to_markdown(&s.board)),
        },
    }
    Ok(Outcome::Done)
}

fn column_name(board: &Board, id: TaskId) -> String {
    board
        .tasks
        .get(&id)
        .and_then(|t| board.column(&t.column))
        .map(|c| c.name.clone())
        .unwrap_or_default()
}
