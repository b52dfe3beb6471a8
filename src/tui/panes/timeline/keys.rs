//! The timeline's keys: zoom, scroll to today, group the rows, switch to
//! the flow charts; what is done to the selected card.

use crate::tui::app::{App, Tone};
use crate::tui::effect::Effect;
use crate::tui::form::TaskForm;
use crate::tui::keymap::Command;
use crate::tui::overlays::Overlay;
use crate::tui::timeline::{Grouping, Mode, Zoom};

impl App {
    /// What a command does in the timeline.
    pub(in crate::tui) fn timeline_command(&mut self, command: Command) -> Effect {
        if self.card_command(command) || self.card_filter_command(command) {
            return Effect::None;
        }
        match command {
            Command::Details => self.card_details(),
            Command::NewCard => {
                if let Some(first) = self.board.columns.first() {
                    self.overlay = Some(Overlay::Form(Box::new(TaskForm::new_card(&first.id))));
                }
            }
            Command::Lanes => {
                let s = &mut self.timeline_state;
                s.grouping = match s.grouping {
                    Grouping::Owner => Grouping::Column,
                    Grouping::Column => Grouping::Owner,
                };
                let by = match s.grouping {
                    Grouping::Owner => self.locale.t("Grouped by owner"),
                    Grouping::Column => self.locale.t("Grouped by column"),
                };
                self.say(Tone::Info, by);
            }
            Command::ZoomIn | Command::ZoomOut => {
                let s = &mut self.timeline_state;
                let old = s.zoom;
                s.zoom = if command == Command::ZoomIn {
                    old.zoom_in()
                } else {
                    old.zoom_out()
                };
                // A day scrolled to stays in the middle of the chart.
                if let Some(origin) = s.origin {
                    let half = i64::from(s.cells / 2);
                    let middle = origin + chrono::Duration::days(old.days(half));
                    s.origin = Some(middle - chrono::Duration::days(s.zoom.days(half)));
                }
                let said = match self.timeline_state.zoom {
                    Zoom::Day => self.locale.t("Zoom: a day view"),
                    Zoom::Week => self.locale.t("Zoom: a week view"),
                    Zoom::Month => self.locale.t("Zoom: a month view"),
                };
                self.say(Tone::Info, said);
            }
            Command::Today => {
                self.timeline_state.origin = None;
                self.say(Tone::Info, self.locale.t("Back to today"));
            }
            Command::FlowView => {
                let s = &mut self.timeline_state;
                s.mode = match s.mode {
                    Mode::Gantt => Mode::Flow,
                    Mode::Flow => Mode::Gantt,
                };
            }
            _ => {}
        }
        Effect::None
    }
}
