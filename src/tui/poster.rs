//! Posting the minutes to the team's chat from the TUI, on a thread of its
//! own: a bot that takes 15 s to answer must not freeze the board. The
//! loop asks for what came back on each tick and says it in the footer.

use std::sync::mpsc::{Receiver, channel};

use crate::chat::{self, Post};
use crate::config::chat::ChatTarget;
use crate::i18n::Lang;

/// The posting under way, if any.
#[derive(Default)]
pub struct Poster {
    answers: Option<Receiver<Result<String, String>>>,
}

impl Poster {
    /// Sends `post` to every target, one after the other; each answer
    /// comes back as a sentence.
    pub fn start(&mut self, targets: Vec<ChatTarget>, post: Post, now_ms: i64, l: Lang) {
        let (tell, answers) = channel();
        std::thread::spawn(move || {
            for target in targets {
                let said = deliver(&target, &post, now_ms, l);
                if tell.send(said).is_err() {
                    return;
                }
            }
        });
        self.answers = Some(answers);
    }

    /// The answers that came back since the last call.
    pub fn poll(&mut self) -> Vec<Result<String, String>> {
        let Some(answers) = &self.answers else {
            return Vec::new();
        };
        let got: Vec<_> = answers.try_iter().collect();
        if got.is_empty()
            && let Err(std::sync::mpsc::TryRecvError::Disconnected) = answers.try_recv()
        {
            self.answers = None;
        }
        got
    }
}

fn deliver(target: &ChatTarget, post: &Post, now_ms: i64, l: Lang) -> Result<String, String> {
    let secret = chat::secret(target).map_err(|e| e.localized(l))?;
    for request in chat::requests(target.kind, &target.url, post, now_ms, secret.as_deref()) {
        let hide = |text: &str| chat::hide(text, &request.url, secret.as_deref());
        chat::send(target.kind, &request, target.timeout_ms, &hide).map_err(|f| {
            l.f(
                "post to [chat.{0}] ({1}) failed after {2} attempt(s): {3}",
                &[&target.name, &target.kind.name(), &f.attempts, &f.why],
            )
        })?;
    }
    Ok(l.f(
        "Posted to [chat.{0}] ({1})",
        &[&target.name, &target.kind.name()],
    ))
}
