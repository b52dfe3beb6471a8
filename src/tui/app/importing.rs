//! Importing from the board pane (`I`): the file read and its import
//! worked out before anything changes, so that the lead sees the counts
//! and says yes; then it is one change, undone with one `u`.

use std::path::PathBuf;

use super::App;
use crate::import::{self, Options, Rules};
use crate::model::action::Import;

/// A path as typed: `~/` is the home directory; a relative path is from
/// where standup was started.
fn typed_path(text: &str) -> PathBuf {
    match text.strip_prefix("~/") {
        Some(rest) => std::env::var_os("HOME")
            .map(PathBuf::from)
            .unwrap_or_default()
            .join(rest),
        None => PathBuf::from(text),
    }
}

impl App {
    /// Reads the file `text` names and works out its import into this
    /// board: the sentence that says what it would do, and the action.
    pub(crate) fn plan_import(&self, text: &str) -> Result<(String, Import), String> {
        let l = self.locale.lang;
        let text = text.trim().trim_matches(['"', '\'']);
        if text.is_empty() {
            return Err(l.t("type the file's path (Esc cancels)").into());
        }
        let path = typed_path(text);
        let cannot = |e: std::io::Error| l.f("cannot read {0}: {1}", &[&path.display(), &e]);
        let size = std::fs::metadata(&path).map_err(cannot)?.len();
        if size > import::MAX_BYTES {
            let too_big = import::ImportError::TooBig {
                size,
                limit: import::MAX_BYTES,
            };
            return Err(too_big.localized(l));
        }
        let bytes = std::fs::read(&path).map_err(cannot)?;
        let name = path
            .file_name()
            .map_or_else(|| text.to_string(), |n| n.to_string_lossy().into_owned());
        let source = import::read(&bytes, &name, &Options::default(), *self.now.offset(), l)
            .map_err(|e| e.localized(l))?;
        let plan = import::plan(
            &self.board,
            &source,
            &Rules::default(),
            self.now.date_naive(),
        )
        .map_err(|e| e.localized(l))?;
        let summary = import::summary(&plan.import.from, &plan.import.counts, true, l);
        if plan.import.steps.is_empty() {
            return Err(l.f("{0}: nothing to change", &[&summary]));
        }
        Ok((summary, plan.import))
    }
}
