//! An import: many changes as one. Each step is an ordinary action, checked
//! and logged as if typed, so that replay, merge and the standup's "what
//! changed" see every card; one entry more says what the import was.

use super::*;

/// What an import does to the board, worked out beforehand from the
/// source (see the `import` module): the steps in order and their counts.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Import {
    /// The source as the log names it: `jira:PROJ`, `csv:tasks.csv`.
    pub from: String,
    pub steps: Vec<Action>,
    pub counts: ImportCounts,
}

/// How many cards an import adds, updates, leaves as they are, skips, and
/// finds gone from the source (kept, never deleted).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ImportCounts {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub skipped: usize,
    pub gone: usize,
}

impl ImportCounts {
    /// The counts as logged: `added=3 updated=1 unchanged=0 skipped=2 gone=0`.
    pub fn logged(&self) -> String {
        format!(
            "added={} updated={} unchanged={} skipped={} gone={}",
            self.added, self.updated, self.unchanged, self.skipped, self.gone
        )
    }

    /// Reads counts back from [`ImportCounts::logged`]; missing ones are 0.
    pub fn from_logged(text: &str) -> ImportCounts {
        let mut counts = ImportCounts::default();
        for pair in text.split_whitespace() {
            let Some((name, n)) = pair.split_once('=') else {
                continue;
            };
            let n = n.parse().unwrap_or(0);
            match name {
                "added" => counts.added = n,
                "updated" => counts.updated = n,
                "unchanged" => counts.unchanged = n,
                "skipped" => counts.skipped = n,
                "gone" => counts.gone = n,
                _ => {}
            }
        }
        counts
    }
}

impl Txn<'_> {
    pub(super) fn import(&mut self, import: &Import) -> Result<(), ActionError> {
        self.log(
            Event::Import,
            import.from.clone(),
            None,
            None,
            Some(import.counts.logged()),
        );
        for step in &import.steps {
            if matches!(step, Action::Import(_)) {
                return Err(ActionError::NestedImport);
            }
            self.run(step)?;
        }
        // The steps' own `created` would name the last card; an import
        // names no one record.
        self.created = None;
        Ok(())
    }
}
