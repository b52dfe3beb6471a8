//! Alerts sent: one log entry each, so that `standup alerts` sends each
//! once, and a teammate's copy, merged, knows it was sent.

use super::*;

impl Txn<'_> {
    pub(super) fn record_alerts(&mut self, sent: &[String]) -> Result<(), ActionError> {
        for key in sent {
            self.log(Event::Alert, "alerts".into(), None, None, Some(key.clone()));
        }
        Ok(())
    }
}
