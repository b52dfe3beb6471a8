//! What a key asks of the event loop beyond the app's own state: what
//! only the loop can do, as it holds the files, the saver and the
//! terminal. Keys return it; the loop carries it out in one place.

use std::path::PathBuf;

use crate::model::Timestamp;

/// See the module docs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Effect {
    /// Nothing beyond what the key changed in the app.
    #[default]
    None,
    /// Save what is unsaved and leave.
    Quit,
    /// List the boards for the picker (`B`): listing reads the data folder.
    ListBoards,
    /// Save this board and carry on with the one at this path.
    OpenBoard(PathBuf),
    /// Create a board by this name under `boards/` and open it.
    CreateBoard(String),
    /// Write the minutes of the standup that started at this moment.
    WriteMinutes(Timestamp),
    /// Post the minutes of the standup that started at this moment to
    /// the configured chats.
    PostMinutes(Timestamp),
}
