//! Keys as data: the panes, the commands a key can mean in each, and the
//! keymap from keys to commands (its help text comes from the same table).
//! Plain data that the config reads and the terminal side uses, outside
//! `tui`, so that the config needs nothing from the terminal side.

mod command;
mod key;
mod keymap;
mod pane;

pub use command::Command;
pub use key::Key;
pub use keymap::*;
pub use pane::Pane;
