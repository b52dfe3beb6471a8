//! The panes of the board, as keys, config and the interface name them.

use crate::i18n::Lang;

/// The panes, in `Tab` order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Board,
    Raci,
    Issues,
    Standup,
    Timeline,
}

impl Pane {
    pub const ALL: [Pane; 5] = [
        Pane::Board,
        Pane::Raci,
        Pane::Issues,
        Pane::Standup,
        Pane::Timeline,
    ];

    /// The pane's name on its tab.
    pub fn title(self, l: Lang) -> &'static str {
        match self {
            Pane::Board => l.t("Board"),
            Pane::Raci => l.t("RACI"),
            Pane::Issues => l.t("Issues"),
            Pane::Standup => l.t("Standup"),
            Pane::Timeline => l.t("Timeline"),
        }
    }

    pub(crate) fn index(self) -> usize {
        Pane::ALL.iter().position(|p| *p == self).unwrap_or(0)
    }
}
