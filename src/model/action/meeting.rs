//! The standup's own actions: opening a record, noting decisions and parked
//! topics, timing the speakers and closing it. They change one list, the
//! board's standup records, so their undo is that list as it was.

use super::{ActionError, Txn};
use crate::model::board::{Decision, Event, Parked, SpeakerTime, StandupOrder, StandupRecord};
use crate::model::time::format_timestamp;

impl Txn<'_> {
    pub(super) fn standups_mut(&mut self) -> &mut Vec<StandupRecord> {
        if self.patch.standups.is_none() {
            self.patch.standups = Some(self.board.standups.clone());
        }
        &mut self.board.standups
    }

    /// The position of the open standup record.
    fn open_standup(&self) -> Result<usize, ActionError> {
        self.board.open_standup_at().ok_or(ActionError::NoStandup)
    }

    pub(super) fn start_standup(&mut self, order: StandupOrder) -> Result<(), ActionError> {
        if let Some(open) = self.board.open_standup() {
            return Err(ActionError::StandupOpen(format_timestamp(&open.started)));
        }
        let now = self.now;
        self.standups_mut().push(StandupRecord {
            date: now.date_naive(),
            order,
            started: now,
            ended: None,
            speakers: Vec::new(),
            notes: String::new(),
            decisions: Vec::new(),
            parked: Vec::new(),
        });
        self.log(
            Event::Start,
            "standup".into(),
            Some("order"),
            None,
            Some(order.as_str().into()),
        );
        Ok(())
    }

    pub(super) fn decide(&mut self, decision: &Decision) -> Result<(), ActionError> {
        let at = self.open_standup()?;
        let text = decision.text.trim().to_string();
        if text.is_empty() {
            return Err(ActionError::EmptyDecision);
        }
        let owner = self.resolve_owner(decision.owner.as_deref())?;
        let clean = Decision {
            text: text.clone(),
            owner,
            due: decision.due,
        };
        self.standups_mut()[at].decisions.push(clean);
        self.log(Event::Decide, "standup".into(), None, None, Some(text));
        Ok(())
    }

    pub(super) fn park(&mut self, parked: &Parked) -> Result<(), ActionError> {
        let at = self.open_standup()?;
        let topic = parked.topic.trim().to_string();
        if topic.is_empty() {
            return Err(ActionError::EmptyTopic);
        }
        let owner = self.resolve_owner(parked.owner.as_deref())?;
        self.standups_mut()[at].parked.push(Parked {
            topic: topic.clone(),
            owner,
        });
        self.log(Event::Park, "standup".into(), None, None, Some(topic));
        Ok(())
    }

    pub(super) fn time_speakers(&mut self, speakers: &[SpeakerTime]) -> Result<(), ActionError> {
        let at = self.open_standup()?;
        if self.board.standups[at].speakers != speakers {
            self.standups_mut()[at].speakers = speakers.to_vec();
        }
        Ok(())
    }

    pub(super) fn end_standup(
        &mut self,
        speakers: Option<&[SpeakerTime]>,
    ) -> Result<(), ActionError> {
        let at = self.open_standup()?;
        let now = self.now;
        let record = &mut self.standups_mut()[at];
        // A clock set back cannot end a meeting before it began.
        record.ended = Some(now.max(record.started));
        if let Some(speakers) = speakers {
            record.speakers = speakers.to_vec();
        }
        let minutes = (now - record.started).num_minutes().max(0);
        self.log(
            Event::End,
            "standup".into(),
            Some("minutes"),
            None,
            Some(minutes.to_string()),
        );
        Ok(())
    }
}
