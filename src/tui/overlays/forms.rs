//! The card form and the issue form: every field of a card or an issue
//! on one screen, checked as it is typed.

use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::prompt::party_preview;
use super::{Overlay, boxed, hint_line};
use crate::tui::app::{App, Tone};
use crate::tui::draw::{put, style_row};
use crate::tui::effect::Effect;
use crate::tui::form::{Field, FormOutcome, TaskForm};
use crate::tui::issue_form::{IssueField, IssueForm};
use crate::tui::line::LineEditor;

impl App {
    /// A key while a form is open; `overlay` is the form.
    pub(super) fn form_key(&mut self, overlay: Overlay, key: &KeyEvent) -> Effect {
        match overlay {
            Overlay::IssueForm(mut form) => match form.handle_key(key, &self.board) {
                FormOutcome::Continue => self.overlay = Some(Overlay::IssueForm(form)),
                FormOutcome::Cancel => self.say(Tone::Info, self.locale.t("Cancelled")),
                FormOutcome::Submit => {
                    match form.to_actions(&self.board, self.now, self.locale.lang) {
                        Ok(actions) => {
                            let raised = form.target.is_none();
                            match actions.iter().try_for_each(|a| self.perform(a)) {
                                Ok(()) if raised => self.select_issue_created(),
                                Ok(()) => {}
                                Err(why) => {
                                    form.error = Some(why);
                                    self.overlay = Some(Overlay::IssueForm(form));
                                }
                            }
                        }
                        Err((field, why)) => {
                            form.focus = field;
                            form.error = Some(why);
                            self.overlay = Some(Overlay::IssueForm(form));
                        }
                    }
                }
            },
            Overlay::Form(mut form) => match form.handle_key(key, &self.board) {
                FormOutcome::Continue => self.overlay = Some(Overlay::Form(form)),
                FormOutcome::Cancel => self.say(Tone::Info, self.locale.t("Cancelled")),
                FormOutcome::Submit => {
                    match form.to_action(&self.board, self.now.date_naive(), &self.locale) {
                        Ok(action) => {
                            if let Err(why) = self.perform(&action) {
                                form.error = Some(why);
                                self.overlay = Some(Overlay::Form(form));
                            }
                        }
                        Err((field, why)) => {
                            form.focus = field;
                            form.error = Some(why);
                            self.overlay = Some(Overlay::Form(form));
                        }
                    }
                }
            },
            other => self.overlay = Some(other),
        }
        Effect::None
    }
}

/// The card form.
pub(super) fn card(app: &App, form: &TaskForm, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let l = &app.locale;
    let column = app
        .board
        .column(&form.column)
        .map_or(form.column.as_str(), |c| c.name.as_str());
    let title = match form.target {
        Some(id) => l.f(" Edit {0} ", &[&id]),
        None => l.f(" New card in {0} ", &[&column]),
    };
    let Some(inner) = boxed(area, 76, 11, &title, buf) else {
        return;
    };
    let today = app.now.date_naive();
    let label_w: u16 = 10;
    let x0 = inner.x + 1 + label_w;
    let full = inner.right().saturating_sub(x0 + 1);
    let short = full.min(16);
    let preview_x = x0 + short + 1;
    let preview_w = usize::from(inner.right().saturating_sub(preview_x));
    for (i, field) in Field::ALL.iter().enumerate() {
        let y = inner.y + i as u16;
        let focused = form.focus == *field;
        let label_style = if focused { t.key } else { t.dim };
        put(
            buf,
            inner,
            inner.x + 1,
            y,
            field.label(l.lang),
            usize::from(label_w),
            label_style,
        );
        match field {
            Field::Title => line_field(
                app,
                &form.title,
                inner,
                Rect::new(x0, y, full, 1),
                focused,
                buf,
            ),
            Field::Note => line_field(
                app,
                &form.note,
                inner,
                Rect::new(x0, y, full, 1),
                focused,
                buf,
            ),
            Field::Owner => {
                line_field(
                    app,
                    &form.owner.line,
                    inner,
                    Rect::new(x0, y, short, 1),
                    focused,
                    buf,
                );
                let (text, style) = party_preview(
                    app,
                    &form.owner.line,
                    form.owner.choice,
                    l.t("nobody (type to pick a party)"),
                );
                put(buf, inner, preview_x, y, &text, preview_w, style);
            }
            Field::Due => {
                line_field(
                    app,
                    &form.due,
                    inner,
                    Rect::new(x0, y, short, 1),
                    focused,
                    buf,
                );
                let (text, style) = match form.due_date(today, l) {
                    Ok(None) => (
                        l.t("none (2026-12-01, +3d, fri, tomorrow…)").to_string(),
                        t.dim,
                    ),
                    Ok(Some(d)) => (format!("→ {}", l.day(d)), Style::new()),
                    Err(e) => (e, t.error),
                };
                put(buf, inner, preview_x, y, &text, preview_w, style);
            }
            Field::Risk => {
                let style = if focused { t.heading } else { Style::new() };
                put(
                    buf,
                    inner,
                    x0,
                    y,
                    &format!("‹ {} ›", l.t(form.risk_text())),
                    usize::from(short),
                    style,
                );
                if focused {
                    put(
                        buf,
                        inner,
                        preview_x,
                        y,
                        l.t("←→ or l m h, - for none"),
                        preview_w,
                        t.dim,
                    );
                }
            }
            Field::Depends => {
                line_field(
                    app,
                    &form.depends,
                    inner,
                    Rect::new(x0, y, short, 1),
                    focused,
                    buf,
                );
                let (text, style) = match form.dependencies(&app.board, l.lang) {
                    Ok(ids) if ids.is_empty() => {
                        (l.t("nothing (card ids: T-1 T-4)").to_string(), t.dim)
                    }
                    Ok(ids) => {
                        let titles: Vec<String> = ids
                            .iter()
                            .filter_map(|id| app.board.tasks.get(id))
                            .map(|d| format!("{} {}", d.id, d.title))
                            .collect();
                        (format!("→ {}", titles.join(", ")), Style::new())
                    }
                    Err(e) => (e, t.error),
                };
                put(buf, inner, preview_x, y, &text, preview_w, style);
            }
        }
    }
    form_footer(
        app,
        inner,
        inner.y + Field::ALL.len() as u16 + 1,
        form.error.as_deref(),
        buf,
    );
}

/// The issue form.
pub(super) fn issue(app: &App, form: &IssueForm, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let l = &app.locale;
    let title = match form.target {
        Some(id) => l.f(" Edit {0} ", &[&id]),
        None => l.t(" Raise an issue ").to_string(),
    };
    let h = IssueField::ALL.len() as u16 + 5;
    let Some(inner) = boxed(area, 80, h, &title, buf) else {
        return;
    };
    let label_w: u16 = 10;
    let x0 = inner.x + 1 + label_w;
    let full = inner.right().saturating_sub(x0 + 1);
    let short = full.min(18);
    let preview_x = x0 + short + 1;
    let preview_w = usize::from(inner.right().saturating_sub(preview_x));
    for (i, field) in IssueField::ALL.iter().enumerate() {
        let y = inner.y + i as u16;
        let focused = form.focus == *field;
        put(
            buf,
            inner,
            inner.x + 1,
            y,
            field.label(l.lang),
            usize::from(label_w),
            if focused { t.key } else { t.dim },
        );
        let line = |editor: &LineEditor, w: u16, buf: &mut Buffer| {
            line_field(app, editor, inner, Rect::new(x0, y, w, 1), focused, buf)
        };
        let preview: Option<(String, Style)> = match field {
            IssueField::Title => {
                line(&form.title, full, buf);
                None
            }
            IssueField::Support => {
                line(&form.support, full, buf);
                None
            }
            IssueField::Detail => {
                line(&form.detail, full, buf);
                None
            }
            IssueField::Proposal => {
                line(&form.proposal, full, buf);
                None
            }
            IssueField::Impact | IssueField::Urgency => {
                let level = if *field == IssueField::Impact {
                    form.impact
                } else {
                    form.urgency
                };
                let style = if focused { t.heading } else { Style::new() };
                put(
                    buf,
                    inner,
                    x0,
                    y,
                    &format!("‹ {} ›", l.t(level.as_str())),
                    usize::from(short),
                    style,
                );
                (*field == IssueField::Urgency).then(|| {
                    (
                        l.f("→ {0} (←→ or h m l)", &[&form.priority().as_str()]),
                        t.title,
                    )
                })
            }
            IssueField::Owner => {
                line(&form.owner.line, short, buf);
                Some(party_preview(
                    app,
                    &form.owner.line,
                    form.owner.choice,
                    l.t("nobody (type to pick a party)"),
                ))
            }
            IssueField::Parties => {
                line(&form.parties, short, buf);
                Some(match form.chosen_parties(&app.board, l.lang) {
                    Ok(codes) if codes.is_empty() => (l.t("none (mkt, tech)").to_string(), t.dim),
                    Ok(codes) => (format!("→ {}", codes.join(", ")), Style::new()),
                    Err(e) => (e, t.error),
                })
            }
            IssueField::RespondBy | IssueField::ResolveBy => {
                let editor = if *field == IssueField::RespondBy {
                    &form.respond_by
                } else {
                    &form.resolve_by
                };
                line(editor, short, buf);
                Some(match form.deadline(*field, app.now, l.lang) {
                    Ok(None) => (
                        l.t("the SLA target (18:00, +2h, fri 12:00…)").to_string(),
                        t.dim,
                    ),
                    Ok(Some(m)) => (format!("→ {}", l.moment(&m)), Style::new()),
                    Err(e) => (e, t.error),
                })
            }
            IssueField::Task => {
                line(&form.task, short, buf);
                Some(match form.chosen_task(&app.board, l.lang) {
                    Ok(None) => (l.t("none (a card id: T-4)").to_string(), t.dim),
                    Ok(Some(id)) => (
                        format!(
                            "→ {}",
                            app.board.tasks.get(&id).map_or("", |t| t.title.as_str())
                        ),
                        Style::new(),
                    ),
                    Err(e) => (e, t.error),
                })
            }
        };
        if let Some((text, style)) = preview {
            put(buf, inner, preview_x, y, &text, preview_w, style);
        }
    }
    form_footer(
        app,
        inner,
        inner.bottom().saturating_sub(2),
        form.error.as_deref(),
        buf,
    );
}

/// Draws a line editor in the one-line `at` (clipped to `area`), the cursor shown as a
/// reversed cell when `focused`.
pub(in crate::tui::overlays) fn line_field(
    app: &App,
    line: &LineEditor,
    area: Rect,
    at: Rect,
    focused: bool,
    buf: &mut Buffer,
) {
    let (x, y, w) = (at.x, at.y, at.width);
    let t = &app.theme;
    let field_style = if focused { t.heading } else { Style::new() };
    let (shown, cursor) = line.view(usize::from(w));
    style_row(buf, area, x, y, w, t.dim);
    let blank = " ".repeat(usize::from(w));
    put(buf, area, x, y, &blank, usize::from(w), field_style);
    // A selected value is drawn selected: the next key typed replaces it.
    let text_style = if line.is_selected() {
        t.selected
    } else {
        field_style
    };
    put(buf, area, x, y, &shown, usize::from(w), text_style);
    if focused && (cursor as u16) < w {
        style_row(buf, area, x + cursor as u16, y, 1, t.selected);
    }
}

/// Under a form's fields: why it was refused (at line `error_y`), and the
/// keys every form answers to.
fn form_footer(app: &App, inner: Rect, error_y: u16, error: Option<&str>, buf: &mut Buffer) {
    if let Some(error) = error {
        put(
            buf,
            inner,
            inner.x + 1,
            error_y,
            error,
            usize::from(inner.width.saturating_sub(2)),
            app.theme.error,
        );
    }
    hint_line(
        app,
        inner,
        &[
            ("Enter", app.locale.t("save")),
            ("Tab ↑↓", app.locale.t("field")),
            ("Esc", app.locale.t("cancel")),
        ],
        buf,
    );
}
