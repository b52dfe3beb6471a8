//! Three-way merge of two versions of a board against their common base:
//! what a save does when the file changed on disk since it was read (another
//! window, a script, a `git pull`).
//!
//! Records are matched by id and merged field by field: a field changed on
//! one side only takes that change; a field changed on both sides to
//! different values keeps ours and records theirs as a [`Conflict`] in the
//! board, for a person to settle. New records both sides gave the same id
//! are kept apart by renumbering ours. The log keeps every entry of both
//! sides. Nothing either side wrote is dropped silently: every choice the
//! merge had to make comes back as a note for the user.

mod recode;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::board::{Board, Column, LogEntry, Party, StandupRecord};
use super::conflict::Conflict;
use super::ids::{IssueId, TaskId};

/// A merged board and what the user should know about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    pub board: Board,
    /// One sentence per choice made: a field changed on both sides, a
    /// record edited on one side and deleted on the other, a renumbered id.
    pub notes: Vec<String>,
    /// Our new records that took another id (`T-17` → `T-18`), so that
    /// what pointed at them can follow.
    pub renumbered: HashMap<String, String>,
}

/// Merges `ours` and `theirs`, both descended from `base`.
pub fn merge(base: &Board, ours: &Board, theirs: &Board) -> Merged {
    // A party recoded on one side is recoded on the other before the
    // records are compared: a copy still using the old code merges.
    match recode::align(base, ours, theirs) {
        None => merge_records(base, ours, theirs),
        Some(aligned) => {
            let mut merged = merge_records(&aligned.base, &aligned.ours, &aligned.theirs);
            merged.notes.extend(aligned.notes);
            merged
        }
    }
}

fn merge_records(base: &Board, ours: &Board, theirs: &Board) -> Merged {
    let mut out = Report::default();
    let (ours, renumbered) = renumber_new_ids(base, ours, theirs, &mut out.notes);
    let mut board = theirs.clone();
    board.name = pick(&base.name, &ours.name, &theirs.name, "name", &mut out);
    board.goal = pick(&base.goal, &ours.goal, &theirs.goal, "goal", &mut out);
    board.settings = pick(
        &base.settings,
        &ours.settings,
        &theirs.settings,
        "settings",
        &mut out,
    );
    board.parties = merge_list(
        &base.parties,
        &ours.parties,
        &theirs.parties,
        |p: &Party| format!("party:{}", p.code),
        &mut out,
    );
    board.columns = merge_list(
        &base.columns,
        &ours.columns,
        &theirs.columns,
        |c: &Column| format!("column:{}", c.id),
        &mut out,
    );
    board.tasks = merge_map(&base.tasks, &ours.tasks, &theirs.tasks, &mut out);
    board.issues = merge_map(&base.issues, &ours.issues, &theirs.issues, &mut out);
    // A standup is known by the moment it started.
    board.standups = merge_list(
        &base.standups,
        &ours.standups,
        &theirs.standups,
        |s: &StandupRecord| format!("standup:{}", super::time::format_timestamp(&s.started)),
        &mut out,
    );
    board.log = merge_log(&base.log, &ours.log, &theirs.log);
    repair(&mut board, &mut out.notes);
    board.conflicts = merge_conflicts(base, &ours, theirs, out.conflicts, &board);
    board.recompute_from_log();
    board.reindex();
    Merged {
        board,
        notes: out.notes,
        renumbered,
    }
}

/// What a merge found on the way: notes for the user, and the fields both
/// sides changed to different values.
#[derive(Default)]
struct Report {
    notes: Vec<String>,
    conflicts: Vec<Conflict>,
}

impl Report {
    /// Records that `field` of `record` was set to `kept` here and to
    /// `other` elsewhere.
    fn clash(&mut self, record: &str, field: &str, kept: Option<&Value>, other: Option<&Value>) {
        self.conflicts.push(Conflict {
            record: record.to_string(),
            field: field.to_string(),
            kept: kept.cloned().unwrap_or(Value::Null),
            other: other.cloned().unwrap_or(Value::Null),
            also: Vec::new(),
        });
    }
}

/// A field of the board itself: the side that changed it; both changed to
/// different values: ours, with theirs kept as a conflict.
fn pick<T: Clone + PartialEq + Serialize>(
    base: &T,
    ours: &T,
    theirs: &T,
    field: &str,
    out: &mut Report,
) -> T {
    if ours == base {
        return theirs.clone();
    }
    if theirs != base && theirs != ours {
        let json = |v: &T| serde_json::to_value(v).ok();
        out.clash("board", field, json(ours).as_ref(), json(theirs).as_ref());
        out.notes.push(format!(
            "the board's {field} was changed both here and elsewhere: kept yours, the other is in the conflicts"
        ));
    }
    ours.clone()
}

/// The conflicts after a merge: those either side still had (one settled
/// on a side is settled), then the ones this merge found, each replacing an
/// older one on the same field.
fn merge_conflicts(
    base: &Board,
    ours: &Board,
    theirs: &Board,
    found: Vec<Conflict>,
    merged_board: &Board,
) -> Vec<Conflict> {
    let key = |c: &Conflict| format!("{}\u{0}{}", c.record, c.field);
    let mut old = Report::default();
    let mut merged = merge_list(
        &base.conflicts,
        &ours.conflicts,
        &theirs.conflicts,
        key,
        &mut old,
    );
    // Every value any version of a conflict holds, and any clash found now
    // on the same field, is one conflict: the value the board keeps (the
    // clash found now says it, else the version carried over), and every
    // other value any side wrote. Three sides' three titles stay three.
    let versions: Vec<&Conflict> = ours
        .conflicts
        .iter()
        .chain(&theirs.conflicts)
        .chain(&found)
        .collect();
    for conflict in found.iter() {
        if !merged.iter().any(|c| key(c) == key(conflict)) {
            merged.push(conflict.clone());
        }
    }
    merged
        .into_iter()
        .filter_map(|c| {
            // What the merged board holds now: a side may have changed the
            // field since the conflict was recorded; the value it replaced
            // stays among the others.
            let kept = merged_board
                .field_value(&c.record, &c.field)
                .or_else(|| {
                    found
                        .iter()
                        .find(|f| key(f) == key(&c))
                        .map(|f| f.kept.clone())
                })
                .unwrap_or_else(|| c.kept.clone());
            // Settled on a side (gone from it while the base had it): the
            // list merge already dropped it; versions of it elsewhere are
            // not brought back.
            let values = versions
                .iter()
                .filter(|v| key(v) == key(&c))
                .flat_map(|v| std::iter::once(&v.kept).chain(v.alternatives()))
                .cloned();
            Conflict::of_values(&c.record, &c.field, kept, values)
        })
        .collect()
}

/// Renumbers the tasks and issues ours created whose ids the other side
/// handed out too, rewriting every reference to them in ours.
fn renumber_new_ids(
    base: &Board,
    ours: &Board,
    theirs: &Board,
    notes: &mut Vec<String>,
) -> (Board, HashMap<String, String>) {
    let mut ours = ours.clone();
    let mut next_task = ours.high_water.task.max(theirs.high_water.task);
    let task_map: HashMap<TaskId, TaskId> = ours
        .tasks
        .keys()
        .filter(|id| !base.tasks.contains_key(id) && id.number() <= theirs.high_water.task)
        .filter(|id| theirs.tasks.get(id) != ours.tasks.get(id))
        .map(|id| {
            next_task = next_task.saturating_add(1);
            (*id, TaskId::from_number(next_task))
        })
        .collect();
    let mut next_issue = ours.high_water.issue.max(theirs.high_water.issue);
    let issue_map: HashMap<IssueId, IssueId> = ours
        .issues
        .keys()
        .filter(|id| !base.issues.contains_key(id) && id.number() <= theirs.high_water.issue)
        .filter(|id| theirs.issues.get(id) != ours.issues.get(id))
        .map(|id| {
            next_issue = next_issue.saturating_add(1);
            (*id, IssueId::from_number(next_issue))
        })
        .collect();
    if task_map.is_empty() && issue_map.is_empty() {
        return (ours, HashMap::new());
    }
    let tasks = std::mem::take(&mut ours.tasks);
    for (id, mut task) in tasks {
        task.id = *task_map.get(&id).unwrap_or(&id);
        for dep in &mut task.depends_on {
            *dep = *task_map.get(dep).unwrap_or(dep);
        }
        task.depends_on.sort();
        ours.tasks.insert(task.id, task);
    }
    let issues = std::mem::take(&mut ours.issues);
    for (id, mut issue) in issues {
        issue.id = *issue_map.get(&id).unwrap_or(&id);
        if let Some(t) = issue.task {
            issue.task = Some(*task_map.get(&t).unwrap_or(&t));
        }
        ours.issues.insert(issue.id, issue);
    }
    let renamed: HashMap<String, String> = task_map
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .chain(
            issue_map
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string())),
        )
        .collect();
    // Only our own entries name the new records: base entries cannot (the
    // ids are newer than the base's).
    let in_base: HashSet<&LogEntry> = base.log.iter().collect();
    let ours_only: Vec<bool> = ours.log.iter().map(|e| !in_base.contains(e)).collect();
    for (entry, ours_only) in ours.log.iter_mut().zip(ours_only) {
        if ours_only && let Some(new) = renamed.get(&entry.record) {
            entry.record = new.clone();
        }
    }
    let mut pairs: Vec<(&String, &String)> = renamed.iter().collect();
    pairs.sort();
    for (old, new) in pairs {
        notes.push(format!(
            "{old} was also created elsewhere: yours is now {new}"
        ));
    }
    ours.high_water.task = next_task;
    ours.high_water.issue = next_issue;
    (ours, renamed)
}

/// Merges records keyed by id, field by field.
fn merge_map<K, V>(
    base: &BTreeMap<K, V>,
    ours: &BTreeMap<K, V>,
    theirs: &BTreeMap<K, V>,
    out: &mut Report,
) -> BTreeMap<K, V>
where
    K: Ord + Copy + std::fmt::Display,
    V: Clone + PartialEq + Serialize + DeserializeOwned,
{
    let keys: BTreeSet<K> = base
        .keys()
        .chain(ours.keys())
        .chain(theirs.keys())
        .copied()
        .collect();
    let mut merged = BTreeMap::new();
    for key in keys {
        let record = merge_record(
            base.get(&key),
            ours.get(&key),
            theirs.get(&key),
            &key.to_string(),
            out,
        );
        if let Some(v) = record {
            merged.insert(key, v);
        }
    }
    merged
}

/// Three-way merge of one record that may be missing on any side.
fn merge_record<V>(
    base: Option<&V>,
    ours: Option<&V>,
    theirs: Option<&V>,
    name: &str,
    out: &mut Report,
) -> Option<V>
where
    V: Clone + PartialEq + Serialize + DeserializeOwned,
{
    if ours == theirs {
        return ours.cloned();
    }
    if ours == base {
        return theirs.cloned();
    }
    if theirs == base {
        return ours.cloned();
    }
    match (base, ours, theirs) {
        (Some(b), Some(o), Some(t)) => Some(merge_fields(Some(b), o, t, name, out)),
        // Edited on one side, deleted on the other: keep the edit, since a
        // deletion is easier to repeat than lost work is to retype.
        (_, Some(o), None) => {
            out.notes.push(format!(
                "{name} was deleted elsewhere but changed here: kept"
            ));
            Some(o.clone())
        }
        (_, None, Some(t)) => {
            out.notes.push(format!(
                "{name} was deleted here but changed elsewhere: kept"
            ));
            Some(t.clone())
        }
        // Created on both sides with different content (ids the renumbering
        // left alone, such as column ids or party codes): every field that
        // differs is a conflict.
        (None, Some(o), Some(t)) => Some(merge_fields(None, o, t, name, out)),
        _ => ours.cloned(),
    }
}

/// Field-by-field merge through the records' JSON form, so that every
/// record type merges with the same rule and new fields need no code here.
/// A field both sides changed to different values keeps ours and becomes a
/// conflict; `updated`, a stamp of the last edit, takes ours quietly.
fn merge_fields<V>(base: Option<&V>, ours: &V, theirs: &V, name: &str, report: &mut Report) -> V
where
    V: Clone + Serialize + DeserializeOwned,
{
    let as_object = |v: &V| match serde_json::to_value(v) {
        Ok(Value::Object(map)) => Some(map),
        _ => None,
    };
    let b = match base {
        Some(base) => as_object(base),
        None => Some(serde_json::Map::new()),
    };
    let (Some(b), Some(o), Some(t)) = (b, as_object(ours), as_object(theirs)) else {
        return ours.clone();
    };
    let mut out = t.clone();
    let keys: BTreeSet<&String> = b.keys().chain(o.keys()).chain(t.keys()).collect();
    let mut clashed = Vec::new();
    for key in keys {
        let (bv, ov, tv) = (b.get(key), o.get(key), t.get(key));
        if ov == tv || ov == bv {
            continue;
        }
        if tv != bv && key != "updated" {
            clashed.push(key.clone());
            report.clash(name, key, ov, tv);
        }
        match ov {
            Some(v) => out.insert(key.clone(), v.clone()),
            None => out.remove(key),
        };
    }
    if !clashed.is_empty() {
        report.notes.push(format!(
            "{name}: {} changed both here and elsewhere: kept yours, the other is in the conflicts",
            clashed.join(", ")
        ));
    }
    serde_json::from_value(Value::Object(out)).unwrap_or_else(|_| ours.clone())
}

/// Merges an ordered list of records keyed by `key`: theirs' order, with
/// records only ours added placed after their left neighbour in ours.
fn merge_list<T, F>(base: &[T], ours: &[T], theirs: &[T], key: F, out: &mut Report) -> Vec<T>
where
    T: Clone + PartialEq + Serialize + DeserializeOwned,
    F: Fn(&T) -> String,
{
    if ours == base {
        return theirs.to_vec();
    }
    if theirs == base || ours == theirs {
        return ours.to_vec();
    }
    let find = |list: &[T], k: &str| list.iter().find(|r| key(r) == k).cloned();
    // Both changed: start from whichever side reordered (ours if both did).
    let base_keys: Vec<String> = base.iter().map(&key).collect();
    let order_of = |list: &[T]| -> Vec<String> {
        list.iter()
            .map(&key)
            .filter(|k| base_keys.contains(k))
            .collect()
    };
    let base_order = order_of(base);
    let mut order: Vec<String> = if order_of(ours) != base_order {
        order_of(ours)
    } else {
        order_of(theirs)
    };
    for (list, _) in [(ours, 0), (theirs, 1)] {
        for (i, record) in list.iter().enumerate() {
            let k = key(record);
            if base_keys.contains(&k) || order.contains(&k) {
                continue;
            }
            let after = (0..i)
                .rev()
                .map(|j| key(&list[j]))
                .find(|p| order.contains(p));
            let at = after
                .and_then(|p| order.iter().position(|o| *o == p))
                .map_or(0, |p| p + 1);
            order.insert(at, k);
        }
    }
    order
        .iter()
        .filter_map(|k| {
            merge_record(
                find(base, k).as_ref(),
                find(ours, k).as_ref(),
                find(theirs, k).as_ref(),
                k,
                out,
            )
        })
        .collect()
}

/// The log: every entry either side holds, once, in time order. Entries
/// are known by what they say, not where they stand: a log merged before
/// is sorted by time, so neither side's log need start with the base's,
/// and an entry both sides carry (from an earlier merge) is one entry. A
/// base entry one side took back (undo removes entries) stays out; an
/// entry one side holds twice (two identical steps in one second) stays
/// twice.
fn merge_log(base: &[LogEntry], ours: &[LogEntry], theirs: &[LogEntry]) -> Vec<LogEntry> {
    fn counts(log: &[LogEntry]) -> HashMap<&LogEntry, usize> {
        let mut counts = HashMap::with_capacity(log.len());
        for entry in log {
            *counts.entry(entry).or_default() += 1;
        }
        counts
    }
    let (b, o, t) = (counts(base), counts(ours), counts(theirs));
    let mut out = Vec::with_capacity(ours.len().max(theirs.len()));
    let mut done: HashSet<&LogEntry> = HashSet::with_capacity(out.capacity());
    for entry in base.iter().chain(theirs).chain(ours) {
        if !done.insert(entry) {
            continue;
        }
        let n = |c: &HashMap<&LogEntry, usize>| c.get(entry).copied().unwrap_or(0);
        let (nb, no, nt) = (n(&b), n(&o), n(&t));
        let keep = if no < nb || nt < nb {
            no.min(nt)
        } else {
            no.max(nt)
        };
        out.extend(std::iter::repeat_n(entry, keep).cloned());
    }
    // Stable: entries of one moment keep the order they were logged in.
    out.sort_by_key(|e| e.at);
    out
}

/// Log entries that appear more than once: copies an older merge made.
/// Returns the log without them, and how many there were.
pub fn without_repeats(log: &[LogEntry]) -> (Vec<LogEntry>, usize) {
    let mut seen = HashSet::with_capacity(log.len());
    let kept: Vec<LogEntry> = log.iter().filter(|e| seen.insert(*e)).cloned().collect();
    let dropped = log.len() - kept.len();
    (kept, dropped)
}

/// Fixes what two individually valid sides can break together: a card in a
/// column the other side deleted, an owner who was removed, a dependency
/// cycle closed from both ends.
fn repair(board: &mut Board, notes: &mut Vec<String>) {
    let columns: BTreeSet<String> = board.columns.iter().map(|c| c.id.clone()).collect();
    let parties: BTreeSet<String> = board.parties.iter().map(|p| p.code.clone()).collect();
    let task_ids: BTreeSet<TaskId> = board.tasks.keys().copied().collect();
    let first = board.columns.first().map(|c| c.id.clone());
    for party in &mut board.parties {
        if party
            .department
            .as_ref()
            .is_some_and(|d| !parties.contains(d))
        {
            party.department = None;
        }
    }
    for task in board.tasks.values_mut() {
        if !columns.contains(&task.column)
            && let Some(first) = &first
        {
            notes.push(format!(
                "{}: its column {} was deleted elsewhere: moved to {first}",
                task.id, task.column
            ));
            task.column = first.clone();
        }
        if task.owner.as_ref().is_some_and(|o| !parties.contains(o)) {
            task.owner = None;
        }
        task.raci.retain(|code, _| parties.contains(code));
        task.depends_on
            .retain(|d| task_ids.contains(d) && *d != task.id);
    }
    for issue in board.issues.values_mut() {
        if issue.task.is_some_and(|t| !task_ids.contains(&t)) {
            issue.task = None;
        }
        for code in [&mut issue.owner, &mut issue.reporter] {
            if code.as_ref().is_some_and(|o| !parties.contains(o)) {
                *code = None;
            }
        }
        issue.parties.retain(|p| parties.contains(p));
    }
    while let Some(cycle) = board.dependency_cycle() {
        let Some(first) = cycle.first().copied() else {
            break;
        };
        let next = cycle.get(1).copied().unwrap_or(first);
        if let Some(task) = board.tasks.get_mut(&first) {
            task.depends_on.retain(|d| *d != next);
        }
        notes.push(format!(
            "{first} and {next} waited on each other after the merge: {first} no longer waits on {next}"
        ));
    }
}
