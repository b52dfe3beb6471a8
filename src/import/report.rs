//! What an import did, or would do with `--dry-run`, in words: the counts,
//! then one line per card added, updated, skipped or gone, so that the
//! lead can check a re-import before it touches the board.

use super::plan::{Line, Plan};
use super::source::Why;
use crate::i18n::{Lang, mark};
use crate::model::action::ImportCounts;
use crate::text::fit;

/// The counts in one sentence: what was done, or what would be.
pub fn summary(from: &str, n: &ImportCounts, dry_run: bool, l: Lang) -> String {
    let en = if dry_run {
        "{0}: would add {1}, update {2}; {3} unchanged, {4} skipped, {5} gone from the source"
    } else {
        "{0}: added {1}, updated {2}; {3} unchanged, {4} skipped, {5} gone from the source"
    };
    l.f(
        en,
        &[
            &from,
            &n.added,
            &n.updated,
            &n.unchanged,
            &n.skipped,
            &n.gone,
        ],
    )
}

fn field_word(field: &str) -> &'static str {
    match field {
        "title" => mark("title"),
        "owner" => mark("owner"),
        "due" => mark("due"),
        "risk" => mark("risk"),
        "note" => mark("note"),
        "column" => mark("column"),
        "blocked" => mark("blocked"),
        _ => mark("depends on"),
    }
}

fn why(why: &Why, l: Lang) -> String {
    match why {
        Why::Archived => l.t("archived").into(),
        Why::Deleted => l.t("deleted").into(),
        Why::Recurring => l.t("the template of a recurring task").into(),
        Why::NoTitle => l.t("no title").into(),
        Why::Repeated(first) => l.f("the same key as {0}", &[first]),
    }
}

/// A value as one short line.
fn shown(value: &str) -> String {
    fit(&value.replace(['\n', '\r'], " / "), 40)
}

/// The summary, the new columns and parties, then a line per card.
pub fn described(plan: &Plan, dry_run: bool, l: Lang) -> String {
    let mut out = summary(&plan.import.from, &plan.import.counts, dry_run, l);
    out.push('\n');
    if !plan.new_columns.is_empty() {
        out.push_str(&l.f("New columns: {0}", &[&plan.new_columns.join(l.punct(", "))]));
        out.push('\n');
    }
    if !plan.new_parties.is_empty() {
        out.push_str(&l.f("New parties: {0}", &[&plan.new_parties.join(l.punct(", "))]));
        out.push('\n');
    }
    let key = |k: &str| {
        if k.is_empty() {
            String::new()
        } else {
            format!("[{k}] ")
        }
    };
    for line in &plan.lines {
        let said = match line {
            Line::Add {
                key: k,
                title,
                column,
            } if k == title => format!("  + “{}” → {column}", fit(title, 50)),
            Line::Add {
                key: k,
                title,
                column,
            } => format!("  + {}“{}” → {column}", key(k), fit(title, 50)),
            Line::SameKeys { earlier } => l.f(
                "Cards imported from {0} have the same keys: if this file is a newer export of it, import it with --as \"{0}\" to update them.",
                &[earlier],
            ),
            Line::Update {
                id,
                key: k,
                changes,
            } => {
                let changes: Vec<String> = changes
                    .iter()
                    .map(|c| {
                        format!(
                            "{}{}{} → {}",
                            l.t(field_word(c.field)),
                            l.punct(": "),
                            shown(&c.from),
                            shown(&c.to)
                        )
                    })
                    .collect();
                format!("  ~ {id} {}{}", key(k), changes.join(l.punct("; ")))
            }
            Line::Skip(skipped) => {
                let said = l.f("skipped {0}: {1}", &[&skipped.what, &why(&skipped.why, l)]);
                format!("  - {said}")
            }
            Line::Gone { id, key: k, title } => {
                let said = l.f(
                    "{0} {1}“{2}” is no longer in the source (kept on the board)",
                    &[id, &key(k), &fit(title, 50)],
                );
                format!("  ? {said}")
            }
            Line::Unlinked { key, dependency } => {
                let said = l.f(
                    "{0} depends on {1}, which is neither in the file nor on the board: left out",
                    &[key, dependency],
                );
                format!("  ! {said}")
            }
        };
        out.push_str(&said);
        out.push('\n');
    }
    if dry_run {
        out.push_str(l.t("Dry run: the board is unchanged."));
        out.push('\n');
    }
    out
}
