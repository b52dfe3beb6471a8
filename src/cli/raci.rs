//! `standup party …` and `standup raci …`: who is on the board and who is
//! Responsible, Accountable, Consulted and Informed for each task.

use anyhow::{Context, Result, anyhow, bail};

use super::{
    Cli, KindArg, MatrixFormat, Outcome, PartyCommand, RaciCommand, Session, is_clear, output,
};
use crate::model::{Action, PartyKind};

pub(super) fn party(cli: &Cli, cmd: &PartyCommand) -> Result<Outcome> {
    let mut s = Session::open(cli)?;
    match cmd {
        PartyCommand::Add {
            code,
            name,
            kind,
            department,
        } => {
            let kind = match kind {
                KindArg::Department => PartyKind::Department,
                KindArg::Person => PartyKind::Person,
            };
            let (code, name) = match name {
                Some(name) => (code.trim().to_string(), name.clone()),
                None => {
                    let taken: Vec<String> =
                        s.board.parties.iter().map(|p| p.code.clone()).collect();
                    (crate::model::matrix::fresh_code(code, &taken), code.clone())
                }
            };
            s.apply(&Action::AddParty {
                code: code.clone(),
                name: name.clone(),
                kind,
                department: department.clone(),
            })?;
            s.save()?;
            outln!("{}", s.l.f("Added party {0} ({1})", &[&code, &name.trim()]));
        }
        PartyCommand::List { json } => {
            if *json {
                outln!("{}", output::parties_json(&s.board));
            } else {
                out!("{}", output::parties_table(&s.board, s.l.lang));
            }
        }
        PartyCommand::Rename { party, name } => {
            let code = s.board.resolve_party(party)?;
            s.apply(&Action::RenameParty {
                party: code.clone(),
                name: name.clone(),
            })?;
            s.save()?;
            outln!("{}", s.l.f("Renamed {0} to {1}", &[&code, &name.trim()]));
        }
        PartyCommand::Recode { party, code } => {
            let old = s.board.resolve_party(party)?;
            s.apply(&Action::RecodeParty {
                party: old.clone(),
                code: code.clone(),
            })?;
            s.save()?;
            outln!("{}", s.l.f("{0} is now {1}", &[&old, &code.trim()]));
        }
        PartyCommand::Move { party, position } => {
            if *position == 0 {
                bail!("positions start at 1 (the first party)");
            }
            s.apply(&Action::MoveParty {
                party: party.clone(),
                position: position - 1,
            })?;
            s.save()?;
            let order: Vec<&str> = s.board.parties.iter().map(|p| p.code.as_str()).collect();
            outln!("{}", s.l.f("Parties: {0}", &[&order.join(", ")]));
        }
        PartyCommand::Rm { party, force } => {
            let code = s.board.resolve_party(party)?;
            let uses = s.board.party_uses(&code);
            if !force && !uses.is_empty() {
                bail!(
                    "party `{code}` {}: to remove it anyway, and those with it, add --force",
                    uses.describe(crate::i18n::Lang::En)
                );
            }
            s.apply(&Action::RemoveParty {
                party: code.clone(),
                cascade: *force,
            })?;
            s.save()?;
            if uses.is_empty() {
                outln!("{}", s.l.f("Removed party {0}", &[&code]));
            } else {
                let which = uses.describe(s.l.lang);
                outln!(
                    "{}",
                    s.l.f("Removed party {0}, which {1}", &[&code, &which])
                );
            }
        }
    }
    Ok(Outcome::Done)
}

pub(super) fn raci(cli: &Cli, cmd: &RaciCommand) -> Result<Outcome> {
    use crate::model::matrix;
    use crate::model::raci::{Severity, check};
    let mut s = Session::open(cli)?;
    match cmd {
        RaciCommand::Set { task, party, role } => {
            let id = s.task_id(task)?;
            let role = if is_clear(role) {
                None
            } else {
                Some(crate::model::Role::parse(role).ok_or_else(|| {
                    anyhow!(
                        "`{}` is not a role (use R, A, C, I, A/R, or - to clear)",
                        role.trim()
                    )
                })?)
            };
            s.apply(&Action::SetRole {
                task: id,
                party: party.clone(),
                role,
            })?;
            s.save()?;
            let code = s.board.resolve_party(party)?;
            match role {
                Some(r) => outln!("{}", s.l.f("{0}: {1} is {2}", &[&id, &code, &r])),
                None => outln!("{}", s.l.f("{0}: {1} has no role", &[&id, &code])),
            }
        }
        RaciCommand::Show {
            party: Some(party),
            json,
        } => {
            let code = s.board.resolve_party(party)?;
            if *json {
                outln!("{}", output::focus_json(&s.board, &code, s.today()));
            } else {
                out!("{}", output::focus_table(&s.board, &code, s.today()));
            }
        }
        RaciCommand::Show { party: None, json } => {
            if *json {
                outln!("{}", output::raci_json(&s.board));
            } else {
                out!("{}", output::raci_table(&s.board));
            }
        }
        RaciCommand::Check { json } => {
            let problems = check(&s.board);
            if *json {
                outln!("{}", output::problems_json(&problems));
            } else if !problems.is_empty() {
                let said = crate::model::raci::check_in(&s.board, s.l.lang);
                out!("{}", output::problems_table(&said, s.l.lang));
            } else {
                outln!("{}", s.l.t("No RACI problems."));
            }
            if problems.iter().any(|p| p.severity == Severity::Error) {
                return Ok(Outcome::Problems);
            }
        }
        RaciCommand::Import { file } => {
            let bytes =
                std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
            let text = String::from_utf8(bytes)
                .map_err(|_| anyhow!("{}: the file is not UTF-8 text", file.display()))?;
            let table = matrix::parse(&text).with_context(|| format!("{}", file.display()))?;
            let actions = matrix::import_actions(&s.board, &table);
            let (parties, tasks) = (s.board.parties.len(), s.board.tasks.len());
            for action in &actions {
                s.apply(action)
                    .with_context(|| format!("{}: import refused", file.display()))?;
            }
            s.save()?;
            let cells = actions
                .iter()
                .filter(|a| matches!(a, Action::SetRole { .. }))
                .count();
            let said = s.l.f(
                "Imported {0} rows: {1} new parties, {2} new tasks, {3} cells changed",
                &[
                    &table.rows.len(),
                    &(s.board.parties.len() - parties),
                    &(s.board.tasks.len() - tasks),
                    &cells,
                ],
            );
            outln!("{said}");
        }
        RaciCommand::Limits {
            responsible,
            consulted,
            overload_r,
            overload_a,
        } => {
            let old = s.board.settings.raci;
            let limits = crate::model::settings::RaciLimits {
                responsible_warn: responsible.unwrap_or(old.responsible_warn),
                consulted_max: consulted.unwrap_or(old.consulted_max),
                overload_r: overload_r.unwrap_or(old.overload_r),
                overload_a: overload_a.unwrap_or(old.overload_a),
            };
            s.apply(&Action::SetRaciLimits(limits))?;
            s.save()?;
            let l = s.board.settings.raci;
            let said = s.l.f(
                "RACI limits: warn at {0} R or more on a task, more than {1} C; a party is overloaded above {2} R or {3} A",
                &[&l.responsible_warn, &l.consulted_max, &l.overload_r, &l.overload_a],
            );
            outln!("{said}");
        }
        RaciCommand::Export { format } => match format {
            MatrixFormat::Csv => out!("{}", matrix::to_csv(&s.board)),
            MatrixFormat::Md => out!("{}", matrix::to_markdown(&s.board, s.l.lang)),
        },
    }
    Ok(Outcome::Done)
}
