//! Kanban flow, read from the activity log (PRODUCT.md section 5): where each
//! card was at the end of each day (the cumulative flow diagram), how many
//! finished each week (throughput), how long they took (cycle and lead
//! time), and which unfinished ones are already older than most finished
//! ones took (aging).
//!
//! Columns are followed by id, so a renamed column keeps its history under
//! its new name, a column added later starts at zero, and a column deleted
//! since keeps its band under its last name. "Finished" means in the board's
//! last column; "started" means the card first left the first column (or
//! was created past it). A card deleted while finished stays finished: that
//! is how boards are tidied, and the work was done. A card deleted anywhere
//! else leaves the diagram when it was deleted.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, Duration, NaiveDate, TimeZone, Weekday};

use super::board::{Board, Event, LogEntry};
use super::ids::TaskId;
use super::time::Timestamp;

/// One card's life on the board, as the log tells it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Path {
    pub created: Timestamp,
    /// The column it was created in.
    pub initial: String,
    /// Every change of column, oldest first: when, and to which column.
    pub moves: Vec<(Timestamp, String)>,
    /// When it was deleted.
    pub gone: Option<Timestamp>,
}

impl Path {
    /// The column it ended in: now, or when it was deleted.
    pub fn last(&self) -> &str {
        self.moves.last().map_or(&self.initial, |(_, c)| c)
    }

    /// Each stay in a column: the column and the moment it entered it.
    fn stays(&self) -> impl Iterator<Item = (&str, Timestamp)> {
        std::iter::once((self.initial.as_str(), self.created))
            .chain(self.moves.iter().map(|(at, c)| (c.as_str(), *at)))
    }

    /// When it entered `done` for the last time, if it is still there
    /// (or was deleted from there).
    pub fn finished(&self, done: &str) -> Option<Timestamp> {
        if self.last() != done {
            return None;
        }
        self.stays().last().map(|(_, at)| at)
    }

    /// When it first left `first`; its creation when it began past it.
    pub fn started(&self, first: &str) -> Option<Timestamp> {
        if self.initial != first {
            return Some(self.created);
        }
        self.moves.first().map(|(at, _)| *at)
    }

    /// Each stay as a span of time: the column, from when, and until when
    /// (`None`: still there). A card deleted outside `done` leaves when it
    /// was deleted; one deleted from `done` stays finished.
    fn spans<'a>(
        &'a self,
        done: &'a str,
    ) -> impl Iterator<Item = (&'a str, Timestamp, Option<Timestamp>)> {
        let starts: Vec<(&str, Timestamp)> = self.stays().collect();
        (0..starts.len()).map(move |i| {
            let (column, from) = starts[i];
            let next = starts.get(i + 1).map(|(_, at)| *at);
            let gone = self.gone.filter(|_| column != done);
            let until = match (next, gone) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            (column, from.max(self.created), until)
        })
    }
}

/// A card that finished: when it started and finished, and how long it took.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finish {
    pub task: TaskId,
    pub created: Timestamp,
    pub started: Timestamp,
    pub finished: Timestamp,
}

impl Finish {
    /// Started to finished.
    pub fn cycle(&self) -> Duration {
        self.finished - self.started
    }

    /// Created to finished.
    pub fn lead(&self) -> Duration {
        self.finished - self.created
    }
}

/// The 50th, 85th and 95th percentile of cycle times (nearest rank: the
/// time that many of the cards finished within).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Percentiles {
    pub p50: Duration,
    pub p85: Duration,
    pub p95: Duration,
    /// How many finished cards they are taken over.
    pub count: usize,
}

impl Percentiles {
    /// `None` when there is nothing to take them over.
    pub fn of(mut times: Vec<Duration>) -> Option<Percentiles> {
        if times.is_empty() {
            return None;
        }
        times.sort();
        let n = times.len();
        let rank = |p: usize| times[(p * n).div_ceil(100).clamp(1, n) - 1];
        Some(Percentiles {
            p50: rank(50),
            p85: rank(85),
            p95: rank(95),
            count: n,
        })
    }

    /// The highest percentile `age` is past (50, 85 or 95), if any.
    pub fn passed(&self, age: Duration) -> Option<u8> {
        [(95, self.p95), (85, self.p85), (50, self.p50)]
            .into_iter()
            .find(|(_, limit)| age > *limit)
            .map(|(p, _)| p)
    }
}

/// One column's band of the cumulative flow diagram.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Band {
    pub column: String,
    pub name: String,
    /// The column no longer exists.
    pub removed: bool,
    /// Cards in the column at the end of each day of [`Flow::days`].
    pub counts: Vec<usize>,
}

/// Cards finished in one week.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Week {
    pub start: NaiveDate,
    pub finished: usize,
}

/// An unfinished card older than most finished ones took.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Aging {
    pub task: TaskId,
    /// Since it started.
    pub age: Duration,
    /// The highest percentile it is past: 50, 85 or 95.
    pub past: u8,
}

/// The board's flow over the last weeks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flow {
    /// The days the diagram samples, oldest first (the last one is today).
    pub days: Vec<NaiveDate>,
    /// In the board's column order (a deleted column before the last one).
    pub bands: Vec<Band>,
    /// Oldest first; the last one is this week, so far.
    pub weeks: Vec<Week>,
    /// Over the cards finished in these weeks.
    pub cycle: Option<Percentiles>,
    /// Median lead time of the same cards.
    pub lead_median: Option<Duration>,
    /// Oldest first.
    pub aging: Vec<Aging>,
}

/// The first day of the week `day` is in.
pub fn week_start(day: NaiveDate, first: Weekday) -> NaiveDate {
    let back = (7 + day.weekday().num_days_from_monday() - first.num_days_from_monday()) % 7;
    day - Duration::days(i64::from(back))
}

/// Midnight starting `day`, in the offset `now` is in.
pub fn day_start(day: NaiveDate, now: Timestamp) -> Timestamp {
    let midnight = day.and_hms_opt(0, 0, 0).unwrap_or_default();
    now.offset()
        .from_local_datetime(&midnight)
        .single()
        .unwrap_or(now)
}

/// The path of `id` in the slots (one per id number) or, for a board
/// whose ids are sparse, the map; a fresh one from `created` if new.
fn path_in<'a>(
    slots: &'a mut [Option<Path>],
    sparse: &'a mut BTreeMap<TaskId, Path>,
    dense: bool,
    id: TaskId,
    created: Timestamp,
) -> &'a mut Path {
    let fresh = || Path {
        created,
        initial: String::new(),
        moves: Vec::new(),
        gone: None,
    };
    if dense {
        slots[id.number() as usize].get_or_insert_with(fresh)
    } else {
        sparse.entry(id).or_insert_with(fresh)
    }
}

impl Board {
    /// Every card's path, deleted ones included, from one pass over the log.
    /// Cards the log does not know (a board written by hand) start in
    /// their column when they were created.
    pub fn paths(&self) -> BTreeMap<TaskId, Path> {
        let first = self.columns.first().map_or("", |c| c.id.as_str());
        // The log's card entries, their ids read once. An entry that
        // changes no path (a role, an edit) only matters as the first seen
        // of its card; one right after another entry of the same card, as
        // an action's entries are, is passed over.
        let mut last: Option<TaskId> = None;
        let mut seen: Vec<(TaskId, &LogEntry)> = Vec::new();
        for entry in &self.log {
            if !entry.record.starts_with("T-") {
                continue;
            }
            let Ok(id) = entry.record.parse::<TaskId>() else {
                continue;
            };
            let shapes = matches!(entry.what, Event::Create | Event::Move | Event::Delete);
            if shapes || last != Some(id) {
                seen.push((id, entry));
            }
            last = Some(id);
        }
        // Ids are numbered from 1 without gaps to speak of: a slot per id
        // number is cheaper than a search per entry. A board whose ids run
        // far past its cards (written by hand) keeps the map.
        let top = seen
            .iter()
            .map(|(id, _)| id.number())
            .chain(self.tasks.keys().map(|id| id.number()))
            .max()
            .unwrap_or(0) as usize;
        let dense = top <= 4 * (seen.len() + self.tasks.len()) + 1024;
        let mut slots: Vec<Option<Path>> = Vec::new();
        let mut sparse: BTreeMap<TaskId, Path> = BTreeMap::new();
        if dense {
            slots.resize_with(top + 1, || None);
        }
        // `initial` stays empty until known: the column of a card's first
        // move, else (never moved) its column now, else the first column.
        for (id, entry) in seen {
            let path = path_in(&mut slots, &mut sparse, dense, id, entry.at);
            match entry.what {
                Event::Create => path.created = entry.at,
                Event::Move => {
                    if path.moves.is_empty()
                        && path.initial.is_empty()
                        && let Some(from) = &entry.from
                    {
                        path.initial.clone_from(from);
                    }
                    if let Some(to) = &entry.to {
                        path.moves.push((entry.at, to.clone()));
                    }
                }
                Event::Delete => path.gone = Some(entry.at),
                _ => {}
            }
        }
        for (id, task) in &self.tasks {
            let path = path_in(&mut slots, &mut sparse, dense, *id, task.created);
            // A card deleted and brought back by undo is on the board.
            path.gone = None;
            if path.moves.is_empty() && path.initial.is_empty() {
                path.initial.clone_from(&task.column);
            }
        }
        let mut paths: BTreeMap<TaskId, Path> = if dense {
            slots
                .into_iter()
                .enumerate()
                .filter_map(|(n, p)| Some((TaskId::from_number(n as u32), p?)))
                .collect()
        } else {
            sparse
        };
        for path in paths.values_mut() {
            path.moves.sort_by_key(|(at, _)| *at);
            if path.initial.is_empty() {
                path.initial = first.to_string();
            }
        }
        paths
    }

    /// Every card that is finished, with its times.
    pub fn finishes(&self, paths: &BTreeMap<TaskId, Path>) -> Vec<Finish> {
        let (Some(first), Some(done)) = (self.columns.first(), self.columns.last()) else {
            return Vec::new();
        };
        paths
            .iter()
            .filter_map(|(id, path)| {
                let finished = path.finished(&done.id)?;
                let started = path.started(&first.id).unwrap_or(finished).min(finished);
                Some(Finish {
                    task: *id,
                    created: path.created,
                    started,
                    finished,
                })
            })
            .collect()
    }

    /// The flow of the `weeks` weeks up to `now` (this one included), weeks
    /// starting on `first_day`.
    pub fn flow(&self, now: Timestamp, weeks: u32, first_day: Weekday) -> Flow {
        let today = now.date_naive();
        let from = week_start(today, first_day) - Duration::weeks(i64::from(weeks.max(1)) - 1);
        let days: Vec<NaiveDate> = from.iter_days().take_while(|d| *d <= today).collect();
        // Each day is sampled at its end (today: now).
        let samples: Vec<Timestamp> = days
            .iter()
            .map(|d| day_start(*d + Duration::days(1), now).min(now))
            .collect();
        let paths = self.paths();
        let done = self.columns.last().map_or("", |c| c.id.as_str());

        let mut bands: Vec<Band> = self
            .columns
            .iter()
            .map(|c| Band {
                column: c.id.clone(),
                name: c.name.clone(),
                removed: false,
                counts: vec![0; days.len()],
            })
            .collect();
        let mut at: HashMap<String, usize> = bands
            .iter()
            .enumerate()
            .map(|(i, b)| (b.column.clone(), i))
            .collect();
        // Each stay adds one to its column on the days it covers: found by
        // binary search, so the work follows the stays, not stays × days.
        for path in paths.values() {
            for (column, from, until) in path.spans(done) {
                let first = samples.partition_point(|s| *s < from);
                let last = until.map_or(samples.len(), |u| samples.partition_point(|s| *s < u));
                if first >= last {
                    continue;
                }
                let band = match at.get(column) {
                    Some(band) => *band,
                    None => {
                        let name = self.removed_column_name(column);
                        let before_last = bands.len().saturating_sub(1);
                        bands.insert(
                            before_last,
                            Band {
                                column: column.to_string(),
                                name,
                                removed: true,
                                counts: vec![0; days.len()],
                            },
                        );
                        at = bands
                            .iter()
                            .enumerate()
                            .map(|(i, b)| (b.column.clone(), i))
                            .collect();
                        before_last
                    }
                };
                for count in &mut bands[band].counts[first..last] {
                    *count += 1;
                }
            }
        }

        let finishes = self.finishes(&paths);
        let window_start = day_start(from, now);
        let recent: Vec<&Finish> = finishes
            .iter()
            .filter(|f| f.finished >= window_start && f.finished <= now)
            .collect();
        let weeks: Vec<Week> = (0..weeks.max(1))
            .map(|w| {
                let start = from + Duration::weeks(i64::from(w));
                let (a, b) = (
                    day_start(start, now),
                    day_start(start + Duration::weeks(1), now),
                );
                Week {
                    start,
                    finished: recent
                        .iter()
                        .filter(|f| f.finished >= a && f.finished < b)
                        .count(),
                }
            })
            .collect();
        let cycle = Percentiles::of(recent.iter().map(|f| f.cycle()).collect());
        let lead_median = Percentiles::of(recent.iter().map(|f| f.lead()).collect()).map(|p| p.p50);
        let aging = match &cycle {
            Some(p) => self.aging(&paths, p, now),
            None => Vec::new(),
        };
        Flow {
            days,
            bands,
            weeks,
            cycle,
            lead_median,
            aging,
        }
    }

    /// Cards in progress that have been going longer than half of the
    /// finished ones took, oldest first.
    pub fn aging(
        &self,
        paths: &BTreeMap<TaskId, Path>,
        cycle: &Percentiles,
        now: Timestamp,
    ) -> Vec<Aging> {
        let Some(first) = self.columns.first() else {
            return Vec::new();
        };
        let mut aging: Vec<Aging> = self
            .tasks
            .values()
            .filter(|t| !self.is_finished(t))
            .filter_map(|t| {
                let started = paths.get(&t.id)?.started(&first.id)?;
                let age = now - started;
                cycle.passed(age).map(|past| Aging {
                    task: t.id,
                    age,
                    past,
                })
            })
            .collect();
        aging.sort_by(|a, b| b.age.cmp(&a.age).then(a.task.cmp(&b.task)));
        aging
    }

    /// The name a deleted column had, from the log.
    fn removed_column_name(&self, id: &str) -> String {
        self.logged_name(&format!("column:{id}"))
            .unwrap_or_else(|| id.to_string())
    }
}

/// A duration as a lead reads it: `3.5d`, `6h`, `<1h`.
pub fn short(d: Duration) -> String {
    let hours = d.num_minutes() as f64 / 60.0;
    if hours < 1.0 {
        "<1h".into()
    } else if hours < 24.0 {
        format!("{}h", hours.round() as i64)
    } else {
        format!("{:.1}d", hours / 24.0)
    }
}
