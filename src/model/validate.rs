//! The invariants every board keeps. The store refuses a file that breaks
//! them (naming the record), `standup check` reports them, and the property
//! tests assert them after random sequences of actions.

use std::collections::{HashMap, HashSet};

use super::board::Board;
use super::ids::TaskId;

impl Board {
    /// Every broken invariant, each as a sentence naming the record.
    pub fn integrity_problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        if !self.index_is_consistent() {
            // A bug, not a bad file: the loader builds the index itself.
            problems.push("the column index is out of step with the tasks".to_string());
        }
        problems.extend(self.record_problems());
        problems
    }

    /// The broken invariants of the records themselves: what a file can
    /// get wrong. The loader checks these alone, having just built the
    /// column index it would otherwise check too.
    pub fn record_problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        if self.columns.is_empty() {
            problems.push("the board has no columns".to_string());
        }
        let mut column_ids = HashSet::new();
        for c in &self.columns {
            if c.id.trim().is_empty() {
                problems.push(format!("column `{}` has an empty id", c.name));
            }
            if !column_ids.insert(c.id.as_str()) {
                problems.push(format!("column id `{}` is used twice", c.id));
            }
            if c.wip == Some(0) {
                problems.push(format!("column `{}` has a WIP limit of 0", c.id));
            }
        }
        let mut codes = HashSet::new();
        for p in &self.parties {
            if p.code.trim().is_empty() {
                problems.push(format!("party `{}` has an empty code", p.name));
            }
            if !codes.insert(p.code.as_str()) {
                problems.push(format!("party code `{}` is used twice", p.code));
            }
        }
        for p in &self.parties {
            if let Some(d) = &p.department
                && !codes.contains(d.as_str())
            {
                problems.push(format!(
                    "party `{}`: department `{d}` is not a party",
                    p.code
                ));
            }
        }
        let party = |code: &str| codes.contains(code);
        for (id, task) in &self.tasks {
            if *id != task.id {
                problems.push(format!("task {} is stored under {id}", task.id));
            }
            if task.title.trim().is_empty() {
                problems.push(format!("task {id} has an empty title"));
            }
            if !column_ids.contains(task.column.as_str()) {
                problems.push(format!(
                    "task {id}: column `{}` does not exist",
                    task.column
                ));
            }
            if let Some(owner) = &task.owner
                && !party(owner)
            {
                problems.push(format!("task {id}: owner `{owner}` is not a party"));
            }
            for code in task.raci.keys() {
                if !party(code) {
                    problems.push(format!(
                        "task {id}: RACI names `{code}`, which is not a party"
                    ));
                }
            }
            for dep in &task.depends_on {
                if dep == id {
                    problems.push(format!("task {id} depends on itself"));
                } else if !self.tasks.contains_key(dep) {
                    problems.push(format!("task {id} depends on {dep}, which does not exist"));
                }
            }
            if id.number() > self.high_water.task {
                problems.push(format!("task {id} is above the id high-water mark"));
            }
        }
        if let Some(cycle) = self.dependency_cycle() {
            let shown: Vec<String> = cycle.iter().map(ToString::to_string).collect();
            problems.push(format!("dependencies form a cycle: {}", shown.join(" → ")));
        }
        for (id, issue) in &self.issues {
            if *id != issue.id {
                problems.push(format!("issue {} is stored under {id}", issue.id));
            }
            if issue.title.trim().is_empty() {
                problems.push(format!("issue {id} has an empty title"));
            }
            for (what, code) in [("owner", &issue.owner), ("reporter", &issue.reporter)] {
                if let Some(code) = code
                    && !party(code)
                {
                    problems.push(format!("issue {id}: {what} `{code}` is not a party"));
                }
            }
            for code in &issue.parties {
                if !party(code) {
                    problems.push(format!(
                        "issue {id}: involved party `{code}` is not a party"
                    ));
                }
            }
            if let Some(task) = issue.task
                && !self.tasks.contains_key(&task)
            {
                problems.push(format!("issue {id} links {task}, which does not exist"));
            }
            if id.number() > self.high_water.issue {
                problems.push(format!("issue {id} is above the id high-water mark"));
            }
        }
        problems
    }

    /// One dependency cycle, if any (iterative depth-first search, so that a
    /// deep chain cannot overflow the stack).
    pub fn dependency_cycle(&self) -> Option<Vec<TaskId>> {
        #[derive(Clone, Copy, PartialEq)]
        enum Mark {
            Active,
            Done,
        }
        let mut marks: HashMap<TaskId, Mark> = HashMap::new();
        for (start, task) in &self.tasks {
            // A card that waits on nothing closes no cycle: most cards.
            if task.depends_on.is_empty() || marks.contains_key(start) {
                continue;
            }
            // (task, index of the next dependency to visit)
            let mut path: Vec<(TaskId, usize)> = vec![(*start, 0)];
            marks.insert(*start, Mark::Active);
            while let Some((id, next)) = path.last().copied() {
                let deps = self
                    .tasks
                    .get(&id)
                    .map(|t| t.depends_on.as_slice())
                    .unwrap_or(&[]);
                if let Some(dep) = deps.get(next) {
                    if let Some(top) = path.last_mut() {
                        top.1 += 1;
                    }
                    match marks.get(dep) {
                        Some(Mark::Active) => {
                            let from = path.iter().position(|(t, _)| t == dep).unwrap_or(0);
                            let mut cycle: Vec<TaskId> =
                                path[from..].iter().map(|(t, _)| *t).collect();
                            cycle.push(*dep);
                            return Some(cycle);
                        }
                        Some(Mark::Done) => {}
                        None => {
                            if self.tasks.contains_key(dep) {
                                marks.insert(*dep, Mark::Active);
                                path.push((*dep, 0));
                            }
                        }
                    }
                } else {
                    marks.insert(id, Mark::Done);
                    path.pop();
                }
            }
        }
        None
    }
}
