//! The commands about whole boards: list them, create one, bring back a
//! backup or a rescued copy, write the demo board.

use std::path::Path;

use anyhow::{Context, Result, anyhow, bail};

use super::{Cli, Outcome, Session, board_path, terminal};
use crate::clock::Clock;
use crate::model::Action;
use crate::store;

/// `boards`: every board in the data directory with its alert counts; a
/// board that does not open is listed with the reason.
pub(super) fn boards(cli: &Cli, json: bool) -> Result<Outcome> {
    let l = super::config::locale(cli);
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
        let said = l.f(
            "No boards yet in {0}: `standup` starts one, `standup --board NAME` starts a named one.",
            &[&dir.display()],
        );
        outln!("{said}");
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
            Ok(s) => {
                let counts = l.f(
                    "{0} tasks  {1} overdue  {2} blocked  {3} breached",
                    &[
                        &format!("{:>5}", s.tasks),
                        &format!("{:>3}", s.alerts.overdue),
                        &format!("{:>3}", s.alerts.blocked),
                        &format!("{:>3}", s.alerts.breached),
                    ],
                );
                outln!("{label}  {counts}  {}", s.title);
            }
            Err(e) => {
                let restore = match &b.name {
                    Some(name) => format!("standup --board {name} restore"),
                    None => "standup restore".into(),
                };
                let said = l.f(
                    "does not open: {0} (`{1}` lists its backups)",
                    &[e, &restore],
                );
                outln!("{label}  {said}");
            }
        }
    }
    Ok(Outcome::Done)
}

pub(super) fn init(cli: &Cli, name: Option<&str>, goal: Option<&str>) -> Result<Outcome> {
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
        outln!("{}", s.l.f("Board {0} is ready", &[&path]));
    } else {
        outln!("{}", s.l.f("Created board {0}", &[&path]));
    }
    Ok(Outcome::Done)
}

/// `restore`: lists the kept versions; `restore N` puts version N back,
/// keeping the board it replaces as the newest backup. Works on a board
/// that no longer opens, which is what it is for.
pub(super) fn restore(cli: &Cli, number: Option<usize>, rescued: bool) -> Result<Outcome> {
    use crate::store::backups;
    // A linked board keeps its versions beside the file it links to.
    let path = store::file::through_links(&board_path(cli)?);
    let l = super::config::locale(cli);
    if rescued {
        return restore_rescued(&path, number, &l);
    }
    let kept = backups::list(&path)
        .with_context(|| format!("cannot read {}", backups::folder(&path).display()))?;
    let Some(number) = number else {
        if kept.is_empty() {
            let said = l.f(
                "No versions of {0} are kept yet: each save keeps the one it replaces.",
                &[&path.display()],
            );
            outln!("{said}");
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
        outln!(
            "{}",
            l.t("`standup restore N` puts version N back (1 is the newest).")
        );
        return Ok(Outcome::Done);
    };
    let Some(backup) = kept.iter().find(|b| b.number == number) else {
        bail!(
            "{}",
            l.f(
                "there is no version {0}: {1} kept (see `standup restore`)",
                &[&number, &kept.len()]
            )
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
    store::atomic::replace(&path, text.as_bytes())
        .with_context(|| format!("cannot restore version {number} to {}", path.display()))?;
    outln!(
        "{}",
        restored(&l.f("version {0}", &[&number]), &path, replaced_opens, &l)
    );
    Ok(Outcome::Done)
}

/// Whether the board at `path` opens (or there is none): what `restore 1`
/// can put back afterwards.
pub(super) fn opens(path: &Path) -> bool {
    match std::fs::read(path) {
        Ok(bytes) => String::from_utf8(bytes).is_ok_and(|t| store::from_json(&t).is_ok()),
        Err(_) => true,
    }
}

/// What a restore says it did, true to what `restore 1` can undo: a board
/// it replaced that did not open is kept, but cannot be put back by it.
pub(super) fn restored(
    what: &str,
    path: &Path,
    replaced_opens: bool,
    l: &crate::i18n::Locale,
) -> String {
    if replaced_opens {
        l.f(
            "Restored {0} to {1}. The board it replaced is now version 1: `standup restore 1` undoes this.",
            &[&what, &path.display()],
        )
    } else {
        let kept = store::backups::list(path)
            .ok()
            .and_then(|k| k.first().map(|b| b.path.display().to_string()))
            .unwrap_or_default();
        l.f(
            "Restored {0} to {1}. The board it replaced did not open; it is kept as it was in {2} to repair by hand (`standup restore 1` refuses a version that does not open).",
            &[&what, &path.display(), &kept],
        )
    }
}

/// `restore --rescued [N]`: the copies kept when the board could not be
/// saved, newest first; N puts one back.
pub(super) fn restore_rescued(
    path: &Path,
    number: Option<usize>,
    l: &crate::i18n::Locale,
) -> Result<Outcome> {
    let found = store::rescue::list(path);
    let Some(number) = number else {
        if found.is_empty() {
            let said = l.f("No rescued copies of {0} were found.", &[&path.display()]);
            outln!("{said}");
        }
        for (i, r) in found.iter().enumerate() {
            outln!("{:>2}  {}", i + 1, r.path.display());
        }
        if !found.is_empty() {
            let said = l.t("`standup restore --rescued N` puts copy N back (1 is the newest).");
            outln!("{said}");
        }
        return Ok(Outcome::Done);
    };
    let Some(copy) = number.checked_sub(1).and_then(|i| found.get(i)) else {
        bail!(
            "{}",
            l.f(
                "there is no rescued copy {0}: {1} found (see `standup restore --rescued`)",
                &[&number, &found.len()]
            )
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
    store::atomic::replace(path, text.as_bytes()).with_context(|| {
        format!(
            "cannot restore {} to {}",
            copy.path.display(),
            path.display()
        )
    })?;
    outln!(
        "{}",
        restored(&copy.path.display().to_string(), path, replaced_opens, l)
    );
    Ok(Outcome::Done)
}

/// `size`: a generated board of that size instead of the campaign.
pub(super) fn demo(cli: &Cli, force: bool, size: Option<crate::scale::Size>) -> Result<Outcome> {
    let now = Clock::from_env()?.now();
    let path = board_path(cli)?;
    let l = super::config::locale(cli);
    if path.exists() && !force {
        bail!(
            "{}",
            l.f(
                "{0} exists already: `standup demo --force` replaces it, or pass --board to write the demo elsewhere",
                &[&path.display()]
            )
        );
    }
    let board = match size {
        Some(size) => crate::scale::board(now, size),
        None => crate::demo::board(now),
    }
    .context("building the demo board")?;
    // --force is the user's explicit word to replace the file, even one we
    // cannot read; the write is still atomic, and the file replaced is kept.
    store::atomic::replace(&path, store::to_json(&board).as_bytes())
        .with_context(|| format!("cannot write {}", path.display()))?;
    let open = cli
        .board
        .as_deref()
        .map(|b| format!(" --board {b}"))
        .unwrap_or_default();
    let said = l.f(
        "Wrote the demo board to {0} ({1} tasks, {2} issues). Open it with `standup{3}`.",
        &[
            &path.display(),
            &board.tasks.len(),
            &board.issues.len(),
            &open,
        ],
    );
    outln!("{said}");
    Ok(Outcome::Done)
}
