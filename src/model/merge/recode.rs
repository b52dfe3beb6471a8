//! Recodes made on one side of a merge, applied to the other sides first,
//! so that the records compare under one code per party.

use super::super::board::Board;
use super::super::records::LogEntry;

/// The three boards with every party under the code it has after the
/// merge, and what to tell the user about recodes that could not stand.
pub(super) struct Aligned {
    pub base: Board,
    pub ours: Board,
    pub theirs: Board,
    pub notes: Vec<String>,
}

/// `None` when neither side recoded a party.
pub(super) fn align(base: &Board, ours: &Board, theirs: &Board) -> Option<Aligned> {
    let (ours_new, theirs_new) = (recodes(base, ours), recodes(base, theirs));
    if ours_new.is_empty() && theirs_new.is_empty() {
        return None;
    }
    let (mut base, mut ours, mut theirs) = (base.clone(), ours.clone(), theirs.clone());
    // A party recoded here that was recoded elsewhere too, or a code taken
    // there: the code written first (elsewhere) stays, and ours goes back
    // before anything else is renamed.
    let mut notes = Vec::new();
    let mut kept = Vec::new();
    for (old, new) in ours_new.iter().rev() {
        let theirs_code = theirs_new
            .iter()
            .rev()
            .find(|(o, _)| o == old)
            .map(|(_, n)| n);
        if theirs_code.is_some() || theirs.party(new).is_some() {
            super::super::parties::rename_code(&mut ours, new, old);
            notes.push(format!(
                "the code `{new}` given here to `{old}` was not kept: it is `{}` elsewhere",
                theirs_code.unwrap_or(old)
            ));
        } else {
            kept.push((old, new));
        }
    }
    for (old, new) in &theirs_new {
        // A party added here under the code given elsewhere takes a code
        // of its own. (A code once used is never given again: see
        // `recode_party`.)
        if ours.party(new).is_some() && base.party(new).is_none() {
            let own = free_code(new, [&base, &ours, &theirs]);
            notes.push(format!(
                "the party added here as `{new}` is now `{own}`: `{new}` is `{old}`'s code elsewhere"
            ));
            super::super::parties::rename_code(&mut ours, new, &own);
        }
        super::super::parties::rename_code(&mut base, old, new);
        super::super::parties::rename_code(&mut ours, old, new);
    }
    for (old, new) in kept.into_iter().rev() {
        if theirs.party(new).is_some() && base.party(new).is_none() {
            let own = free_code(new, [&base, &ours, &theirs]);
            super::super::parties::rename_code(&mut theirs, new, &own);
        }
        super::super::parties::rename_code(&mut base, old, new);
        super::super::parties::rename_code(&mut theirs, old, new);
    }
    Some(Aligned {
        base,
        ours,
        theirs,
        notes,
    })
}

/// A code like `code` that no party of `boards` has.
fn free_code(code: &str, boards: [&Board; 3]) -> String {
    let taken: Vec<String> = boards
        .iter()
        .flat_map(|b| b.parties.iter().map(|p| p.code.clone()))
        .collect();
    super::super::matrix::fresh_code(code, &taken)
}

/// The recodes `side` made since `base`: (old code, new code), in order.
fn recodes(base: &Board, side: &Board) -> Vec<(String, String)> {
    let known: std::collections::HashSet<&LogEntry> = base.log.iter().collect();
    side.log
        .iter()
        .filter(|e| e.field.as_deref() == Some("code") && e.record.starts_with("party:"))
        .filter(|e| !known.contains(e))
        .filter_map(|e| Some((e.from.clone()?, e.to.clone()?)))
        .collect()
}
