//! The timeline pane's flow view: the cumulative flow diagram of the last
//! weeks (one band per column, finished work at the bottom), throughput per
//! week, cycle-time percentiles and the cards aging past them. Drawn from
//! figures prepared when the board or the day changed
//! ([`crate::tui::timeline::FlowCache`]), never computed per frame.

use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::Line;
use ratatui::widgets::{
    Axis, Bar, BarChart, BarGroup, Block, Chart, Dataset, GraphType, LegendPosition, Widget,
};

use crate::model::flow::{Flow, short};
use crate::tui::app::App;
use crate::tui::draw::{put, put_spans};
use crate::tui::timeline::FLOW_WEEKS;

/// Below this, the charts would be unreadable: the figures are given as text.
const CHART_MIN_HEIGHT: u16 = 14;
const CHART_MIN_WIDTH: u16 = 60;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(cache) = &app.flow else {
        return;
    };
    let flow = &cache.flow;
    let t = &app.theme;
    if area.height == 0 {
        return;
    }
    let title = app.locale.f(
        " Flow · last {0} weeks · from the activity log",
        &[&FLOW_WEEKS],
    );
    put(
        buf,
        area,
        area.x,
        area.y,
        &title,
        usize::from(area.width),
        t.title,
    );
    let body = Rect::new(
        area.x,
        area.y + 1,
        area.width,
        area.height.saturating_sub(1),
    );
    if body.height < CHART_MIN_HEIGHT || body.width < CHART_MIN_WIDTH {
        figures(app, flow, body, buf);
        return;
    }
    let charts_h = body.height * 3 / 5;
    let top = Rect::new(body.x, body.y, body.width, charts_h);
    let bottom = Rect::new(
        body.x,
        body.y + charts_h,
        body.width,
        body.height - charts_h,
    );
    let bars_w = (u16::try_from(flow.weeks.len()).unwrap_or(8) * 7 + 4).min(top.width / 2);
    let cfd_area = Rect::new(top.x, top.y, top.width - bars_w, top.height);
    let bars_area = Rect::new(top.x + top.width - bars_w, top.y, bars_w, top.height);
    cumulative(app, flow, cfd_area, buf);
    throughput(app, flow, bars_area, buf);
    figures(app, flow, bottom, buf);
}

/// The stacked bands: each column's line is its count plus those of the
/// columns after it, drawn from the top band down so that each fills over
/// the one above it.
fn cumulative(app: &App, flow: &Flow, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    // A young board starts where its first card does (a week at least),
    // rather than squeezed against the right edge.
    let first = (0..flow.days.len())
        .find(|i| flow.bands.iter().any(|b| b.counts[*i] > 0))
        .unwrap_or(0)
        .min(flow.days.len().saturating_sub(7));
    let days = &flow.days[first..];
    let n = days.len();
    let mut stacked: Vec<Vec<(f64, f64)>> = Vec::with_capacity(flow.bands.len());
    let mut running = vec![0usize; n];
    for band in flow.bands.iter().rev() {
        for (sum, count) in running.iter_mut().zip(&band.counts[first..]) {
            *sum += count;
        }
        stacked.push(
            running
                .iter()
                .enumerate()
                .map(|(i, v)| (i as f64, *v as f64))
                .collect(),
        );
    }
    stacked.reverse();
    let top = running.iter().copied().max().unwrap_or(0).max(1);
    let last = flow.bands.len().saturating_sub(1);
    let datasets: Vec<Dataset> = flow
        .bands
        .iter()
        .zip(&stacked)
        .enumerate()
        .map(|(i, (band, points))| {
            // Finished work is green, as it is everywhere else.
            let style = if i == last {
                t.series[5]
            } else {
                t.series[i % 5]
            };
            let name = if band.removed {
                app.locale.f("{0} (removed)", &[&band.name])
            } else {
                band.name.clone()
            };
            Dataset::default()
                .name(name)
                .marker(Marker::Braille)
                .graph_type(if t.fill_charts {
                    GraphType::Area
                } else {
                    GraphType::Line
                })
                .style(style)
                .data(points)
        })
        .collect();
    let day = |d: Option<&NaiveDate>| d.map(|d| app.locale.month_day(*d)).unwrap_or_default();
    let x_labels = vec![
        Line::from(day(days.first())),
        Line::from(day(days.get(n / 2))),
        Line::from(day(days.last())),
    ];
    let chart = Chart::new(datasets)
        .block(Block::bordered().title(format!(" {} ", app.locale.t("Cumulative flow"))))
        .x_axis(
            Axis::default()
                .bounds([0.0, n.saturating_sub(1).max(1) as f64])
                .labels(x_labels)
                .style(t.dim),
        )
        .y_axis(
            Axis::default()
                .bounds([0.0, top as f64])
                .labels(vec![Line::from("0"), Line::from(top.to_string())])
                .style(t.dim),
        )
        .legend_position(Some(LegendPosition::TopLeft))
        .hidden_legend_constraints((Constraint::Ratio(1, 2), Constraint::Ratio(2, 3)));
    chart.render(area, buf);
}

/// Cards finished per week, this week last.
fn throughput(app: &App, flow: &Flow, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let inner = area.width.saturating_sub(2);
    let count = u16::try_from(flow.weeks.len()).unwrap_or(1).max(1);
    let bar_width = (inner / count).saturating_sub(1).clamp(1, 6);
    // `11-16` (as the cards write a date) when it fits under a bar, else
    // the week number.
    let short = bar_width >= 5;
    let bars: Vec<Bar> = flow
        .weeks
        .iter()
        .map(|w| {
            Bar::default()
                .value(w.finished as u64)
                .label(Line::from(if short {
                    app.locale.short_date(w.start)
                } else {
                    w.start.format("W%V").to_string()
                }))
                .text_value(w.finished.to_string())
        })
        .collect();
    BarChart::default()
        .block(Block::bordered().title(format!(" {} ", app.locale.t("Finished per week"))))
        .data(BarGroup::default().bars(&bars))
        .bar_width(bar_width)
        .bar_gap(1)
        .bar_style(t.series[5])
        .value_style(t.key)
        .label_style(t.dim)
        .render(area, buf);
}

/// Cycle-time percentiles, throughput in words and the aging cards.
fn figures(app: &App, flow: &Flow, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let w = usize::from(area.width);
    let mut y = area.y;
    let mut line = |spans: &[(String, Style)], buf: &mut Buffer| {
        if y < area.bottom() {
            put_spans(buf, area, area.x + 1, y, spans, w.saturating_sub(1));
            y += 1;
        }
    };
    let l = app.locale.lang;
    let finished: usize = flow.weeks.iter().map(|w| w.finished).sum();
    let per_week: Vec<String> = flow.weeks.iter().map(|w| w.finished.to_string()).collect();
    line(
        &[
            (format!("{} ", l.t("Throughput")), t.heading),
            (
                l.f(
                    "{0} finished; per week {1}",
                    &[&finished, &per_week.join(" ")],
                ),
                Style::new(),
            ),
        ],
        buf,
    );
    match &flow.cycle {
        Some(p) => {
            line(
                &[
                    (format!("{} ", l.t("Cycle time")), t.heading),
                    (
                        l.f(
                            "50% within {0} · 85% within {1} · 95% within {2} ({3} cards)",
                            &[&short(p.p50), &short(p.p85), &short(p.p95), &p.count],
                        ),
                        Style::new(),
                    ),
                ],
                buf,
            );
            if let Some(lead) = flow.lead_median {
                line(
                    &[
                        (format!("{} ", l.t("Lead time")), t.heading),
                        (
                            l.f("median {0} from created to finished", &[&short(lead)]),
                            Style::new(),
                        ),
                    ],
                    buf,
                );
            }
        }
        None => line(
            &[
                (format!("{} ", l.t("Cycle time")), t.heading),
                (
                    l.f(
                        "none yet: no card finished in the last {0} weeks",
                        &[&FLOW_WEEKS],
                    ),
                    t.dim,
                ),
            ],
            buf,
        ),
    }
    if flow.aging.is_empty() {
        if flow.cycle.is_some() {
            line(
                &[(
                    l.t("No card in progress is older than half the finished ones took.")
                        .into(),
                    t.ok,
                )],
                buf,
            );
        }
        return;
    }
    line(
        &[(
            l.f(
                "Aging: {0} in progress longer than most took",
                &[&flow.aging.len()],
            ),
            t.heading,
        )],
        buf,
    );
    // No more than the area has lines: a large board may have thousands,
    // and a frame must not cost more for them.
    for a in flow.aging.iter().take(usize::from(area.height)) {
        let Some(task) = app.board.tasks.get(&a.task) else {
            continue;
        };
        let style = match a.past {
            95 => t.overdue,
            85 => t.at_risk,
            _ => Style::new(),
        };
        line(
            &[
                (format!("{} ", a.task), t.key),
                (task.title.clone(), Style::new()),
                (
                    l.f(
                        " — {0} since it started, past the {1}th",
                        &[&short(a.age), &a.past],
                    ),
                    style,
                ),
            ],
            buf,
        );
    }
}
