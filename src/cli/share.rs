//! Sharing a board through git (PRODUCT.md section 7): git's merge driver,
//! the set-up that installs it in a repository, and settling from the shell
//! the conflicts a merge left.

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use anyhow::{Context, Result, bail};

use super::args::ConflictCommand;
use super::{Outcome, Session, board_path};
use crate::cli::Cli;
use crate::model::{Action, Board, Conflict, merge};
use crate::store;

/// `T-3 title: this board "…", other side "…"`; with several other
/// values, each numbered as `conflict take` takes them.
pub(super) fn describe(c: &Conflict) -> String {
    let others: Vec<&serde_json::Value> = c.alternatives().collect();
    let others = if others.len() == 1 {
        format!("other side {}", quoted(others[0]))
    } else {
        others
            .iter()
            .enumerate()
            .map(|(i, v)| format!("other {} {}", i + 1, quoted(v)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    format!("{}: this board {}, {others}", c.name(), quoted(&c.kept))
}

fn quoted(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => format!("\"{}\"", crate::text::fit(s, 60)),
        other => Conflict::show(other),
    }
}

pub(super) fn conflict(cli: &Cli, cmd: &ConflictCommand) -> Result<Outcome> {
    let mut s = Session::open(cli)?;
    let (record, field, take) = match cmd {
        ConflictCommand::List { json } => {
            if *json {
                let rows = serde_json::json!({ "conflicts": s.board.conflicts });
                outln!("{}", super::terminal::json(&rows));
            } else if s.board.conflicts.is_empty() {
                outln!("{}", s.l.t("No conflicts."));
            } else {
                for c in &s.board.conflicts {
                    outln!("{}", describe(c));
                }
            }
            return Ok(Outcome::Done);
        }
        ConflictCommand::Keep { record, field } => (record, field, None),
        ConflictCommand::Take {
            record,
            field,
            number,
        } => (record, field, Some(number.saturating_sub(1))),
    };
    s.apply(&Action::SettleConflict {
        record: record.clone(),
        field: field.clone(),
        take,
    })?;
    s.save()?;
    let left = s.board.conflicts.len();
    let l = &s.l;
    let how = if take.is_some() {
        l.t("took the other side's value")
    } else {
        l.t("kept the board's value")
    };
    let left = l.n(left, "{0} conflict left.", "{0} conflicts left.");
    let left = if s.board.conflicts.is_empty() {
        l.t("No conflicts left.").to_string()
    } else {
        left
    };
    outln!(
        "{}",
        l.f("Settled {0} {1}: {2}. {3}", &[record, field, &how, &left])
    );
    Ok(Outcome::Done)
}

/// Reads one of the merge's three versions. Git gives an empty base when
/// the two sides share no ancestor version of the file.
fn version(path: &Path, which: &str) -> Result<Board> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    if which == "BASE" && bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(Board::default());
    }
    let text = String::from_utf8(bytes)
        .map_err(|_| anyhow::anyhow!("{which} ({}) is not UTF-8 text", path.display()))?;
    store::from_json(&text).with_context(|| format!("{which} ({}) is not a board", path.display()))
}

/// `merge-driver BASE OURS THEIRS`: writes the merge into OURS, notes on
/// stderr. Exits 0 only with a valid board in OURS; on any failure OURS is
/// left as it was and git reports a conflict, as it would without us.
pub(super) fn merge_driver(base: &Path, ours: &Path, theirs: &Path) -> Result<Outcome> {
    let merged = merge(
        &version(base, "BASE")?,
        &version(ours, "OURS")?,
        &version(theirs, "THEIRS")?,
    );
    let problems = merged.board.integrity_problems();
    if !problems.is_empty() {
        bail!(
            "the merged board would not hold together ({}): left for you to merge by hand",
            problems.join("; ")
        );
    }
    // A driver killed mid-write earlier left its temp file (10 MB for a
    // large board) where git keeps its own: tidy those up first.
    let folder = ours
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    store::atomic::remove_dead_merge_temp_files(folder);
    store::atomic::write_atomic(ours, store::to_json(&merged.board).as_bytes())
        .with_context(|| format!("cannot write {}", ours.display()))?;
    for note in &merged.notes {
        errln!("standup merge: {note}");
    }
    let open = merged.board.conflicts.len();
    if open > 0 {
        errln!(
            "standup merge: {open} conflict(s) recorded in the board: settle them with C in the board or `standup conflict list`"
        );
    }
    Ok(Outcome::Done)
}

/// `git-setup`: the board's path in its repository's `.gitattributes`,
/// and the driver in the repository's config.
pub(super) fn git_setup(cli: &Cli) -> Result<Outcome> {
    let board = absolute(&board_path(cli)?)?;
    let folder = board.parent().unwrap_or(Path::new("/")).to_path_buf();
    if !folder.is_dir() {
        bail!(
            "{} does not exist yet: create the board first (`standup --board {} init`)",
            folder.display(),
            board.display()
        );
    }
    let found = Process::new("git")
        .args(["rev-parse", "--show-toplevel"])
        .current_dir(&folder)
        .output()
        .context("cannot run git: is it installed?")?;
    if !found.status.success() {
        bail!(
            "{} is not inside a git repository: pass --board with the board's file in your repository",
            board.display()
        );
    }
    let root = String::from_utf8_lossy(&found.stdout).into_owned();
    let root = PathBuf::from(root.trim());
    let root = root.canonicalize().unwrap_or(root);
    let folder = folder.canonicalize().unwrap_or(folder);
    let name = board.file_name().map(|n| n.to_string_lossy().into_owned());
    let relative = folder
        .strip_prefix(&root)
        .ok()
        .zip(name)
        .map(|(dir, name)| dir.join(name))
        .context("the board is not inside the repository")?;
    let pattern = relative.to_string_lossy().replace(' ', "[[:space:]]");
    let line = format!("{pattern} merge=standup");
    let attributes = root.join(".gitattributes");
    let existing = std::fs::read_to_string(&attributes).unwrap_or_default();
    if existing.lines().any(|l| l.trim() == line) {
        outln!(".gitattributes already has: {line}");
    } else {
        let mut text = existing;
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(&line);
        text.push('\n');
        std::fs::write(&attributes, text)
            .with_context(|| format!("cannot write {}", attributes.display()))?;
        outln!("Added to .gitattributes: {line}");
    }
    // What standup keeps beside the board is this clone's own business.
    let dir = relative.parent().map(Path::to_path_buf).unwrap_or_default();
    let file = relative
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let own = [
        dir.join("backups/"),
        dir.join(format!(".{file}.lock")),
        dir.join(format!("{file}.rescue-*")),
    ];
    let ignore = root.join(".gitignore");
    let mut ignored = std::fs::read_to_string(&ignore).unwrap_or_default();
    // The merge driver's temp files stand where git keeps its own, at the
    // top of the repository.
    let missing: Vec<String> = own
        .iter()
        .map(|p| format!("/{}", p.to_string_lossy()))
        .chain(["/..merge_file_*.tmp".to_string()])
        .filter(|p| !ignored.lines().any(|l| l.trim() == p))
        .collect();
    if !missing.is_empty() {
        if !ignored.is_empty() && !ignored.ends_with('\n') {
            ignored.push('\n');
        }
        for p in &missing {
            ignored.push_str(p);
            ignored.push('\n');
        }
        std::fs::write(&ignore, ignored)
            .with_context(|| format!("cannot write {}", ignore.display()))?;
        outln!("Added to .gitignore: {}", missing.join(" "));
    }
    let exe = std::env::current_exe().context("cannot tell where standup is installed")?;
    let driver = format!(
        "'{}' merge-driver %O %A %B",
        exe.display().to_string().replace('\'', r"'\''")
    );
    git(
        &root,
        &["config", "merge.standup.name", "standup board merge"],
    )?;
    git(&root, &["config", "merge.standup.driver", &driver])?;
    outln!("Set in this clone's git config: merge.standup.driver = {driver}");
    outln!(
        "Commit .gitattributes and .gitignore; each teammate runs `standup --board {} git-setup` once in their clone.",
        relative.display()
    );
    Ok(Outcome::Done)
}

fn absolute(path: &Path) -> Result<PathBuf> {
    if path.is_absolute() {
        Ok(path.to_path_buf())
    } else {
        Ok(std::env::current_dir()?.join(path))
    }
}

/// Runs git in `dir`; its output, or its own message as the error.
fn git(dir: &Path, args: &[&str]) -> Result<String> {
    let out = Process::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .context("cannot run git: is it installed?")?;
    if !out.status.success() {
        bail!(
            "git {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}
