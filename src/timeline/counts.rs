//! Counts over time: how many events start in each period (a year, a decade, a century, or a
//! step of the axis ticks), per lane, for the chart and `chronolane export counts`. Pure: each
//! period of each lane is counted by binary search in the lane's index ([`LaneIndex`]), so the
//! cost depends on the number of periods, not of events.
//!
//! An event counts where it starts, and only when it passes the filter as `export csv` reads it:
//! its theme shown, important enough, overlapping the date range (so an event that starts before
//! the range's start and reaches into it counts, in the period where it starts) and, while
//! searching, matching the search.

use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::model::date::{
    CivilDate, MONTH_NAMES, axis_from_year, day_in_words, edtf_year, year_in_words,
};
use crate::model::{AxisTime, Dataset, EventList, Filter, HistDate, LaneIndex, Search, Theme};

use super::ticks::Step;
use super::view::TimeMapping;

/// The length of the periods counted: chosen, or (`Auto`) following the view or the data.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum BinChoice {
    #[default]
    Auto,
    Year,
    Decade,
    Century,
}

impl BinChoice {
    pub const ALL: [Self; 4] = [Self::Auto, Self::Year, Self::Decade, Self::Century];

    /// The step of a fixed choice; `None` for `Auto`.
    pub fn step(self) -> Option<Step> {
        match self {
            Self::Auto => None,
            Self::Year => Some(Step::Years(1)),
            Self::Decade => Some(Step::Years(10)),
            Self::Century => Some(Step::Years(100)),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Auto => "Auto",
            Self::Year => "Year",
            Self::Decade => "Decade",
            Self::Century => "Century",
        }
    }
}

impl FromStr for BinChoice {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "auto" => Ok(Self::Auto),
            "year" => Ok(Self::Year),
            "decade" => Ok(Self::Decade),
            "century" => Ok(Self::Century),
            _ => Err(format!("{s:?}: give year, decade, century or auto")),
        }
    }
}

/// Most periods [`period_edges`] gives.
pub const MAX_PERIODS: usize = 100_000;

/// The edges of the calendar periods of `step` that cover `[from, to)`: the first edge at or
/// before `from`, the last at or after `to`. Years step on the axis ticks' round numbers (100,
/// 200, …; 100 BC, 200 BC, …) with an edge at AD 1, so no period spans the change of era.
/// `None` when more than [`MAX_PERIODS`] periods would be needed.
pub fn period_edges(step: Step, from: AxisTime, to: AxisTime) -> Option<Vec<AxisTime>> {
    let to = to.max(from);
    let pad = step.days() * 1.5 + 31.0;
    let estimate = (to - from) / step.days();
    if !estimate.is_finite() || estimate > MAX_PERIODS as f64 {
        return None;
    }
    let mut edges: Vec<AxisTime> = step
        .times(from - pad, to + pad, MAX_PERIODS + 8)
        .into_iter()
        .map(|(t, _)| t)
        .collect();
    if let Step::Years(_) = step {
        let year_one = axis_from_year(1);
        if from - pad <= year_one && year_one <= to + pad {
            edges.push(year_one);
        }
    }
    edges.sort_by(f64::total_cmp);
    edges.dedup();
    let first = edges.iter().rposition(|&t| t <= from)?;
    let last = first + edges[first..].iter().position(|&t| t >= to)?;
    let mut edges = edges[first..=last].to_vec();
    if edges.len() < 2 {
        // `from == to` on an edge: one period from there.
        edges.push(edges[0] + step.days());
    }
    Some(edges)
}

/// The period length for the chart at this view: the finest step of the axis ticks whose
/// periods are at least `min_points` wide.
pub fn auto_step(mapping: &TimeMapping, min_points: f32) -> Step {
    let steps = Step::all();
    steps
        .iter()
        .copied()
        .find(|s| mapping.points_from_days(s.days()) >= min_points)
        .unwrap_or(steps[steps.len() - 1])
}

/// The period length for `[from, to)` on the command line: years, decades, centuries, millennia
/// and so on by powers of ten, the finest giving at most `max_periods` periods.
pub fn auto_years(from: AxisTime, to: AxisTime, max_periods: usize) -> Step {
    let years = ((to - from) / 365.2425).max(1.0);
    let mut n: i64 = 1;
    while years / n as f64 > max_periods as f64 && n < 10_000_000_000 {
        n *= 10;
    }
    Step::Years(n)
}

/// A period's first and last day, month or year as EDTF (both inclusive): `1900` and `1909`
/// for a decade, `1904-02` for a month, `1904-02-08` for a day.
pub fn period_edtf(step: Step, t0: AxisTime, t1: AxisTime) -> (String, String) {
    let (a, b) = (CivilDate::from_axis(t0), CivilDate::from_axis(t1 - 0.5));
    let write = |d: CivilDate| match step {
        Step::Years(_) => edtf_year(d.year),
        Step::Months(_) => format!("{}-{:02}", edtf_year(d.year), d.month),
        Step::Days(_) => format!("{}-{:02}-{:02}", edtf_year(d.year), d.month, d.day),
    };
    (write(a), write(b))
}

/// A period as people read it: `1904`, `1900–1909`, `Feb 1904`, `8 February 1904 – 14
/// February 1904`.
pub fn period_in_words(step: Step, t0: AxisTime, t1: AxisTime) -> String {
    let (a, b) = (CivilDate::from_axis(t0), CivilDate::from_axis(t1 - 0.5));
    let month = |d: CivilDate| {
        let name = MONTH_NAMES[usize::from(d.month.clamp(1, 12) - 1)];
        format!("{} {}", &name[..3], year_in_words(d.year))
    };
    match step {
        Step::Years(_) if a.year == b.year => year_in_words(a.year),
        Step::Years(_) => format!("{}–{}", year_in_words(a.year), year_in_words(b.year)),
        Step::Months(_) if (a.year, a.month) == (b.year, b.month) => month(a),
        Step::Months(_) => format!("{} – {}", month(a), month(b)),
        Step::Days(_) if (a.year, a.month, a.day) == (b.year, b.month, b.day) => day_in_words(a),
        Step::Days(_) => format!("{} – {}", day_in_words(a), day_in_words(b)),
    }
}

/// Per-lane indices of the events matching a search (`matches[i]` for event `i`), in the
/// dataset's lane order: counted like the dataset's own lanes while searching.
pub fn matching_lanes(dataset: &Dataset, matches: &[bool]) -> Vec<LaneIndex> {
    dataset
        .lanes()
        .iter()
        .map(|lane| {
            let kept = lane
                .events()
                .filter(|&i| matches.get(i).copied().unwrap_or(false))
                .collect();
            LaneIndex::new(dataset.events(), kept)
        })
        .collect()
}

/// Which events a count takes: the lanes to count in (the dataset's, or those of a search's
/// matches), the events they index, the themes (in lane order) and the filter.
#[derive(Clone, Copy)]
pub struct Source<'a> {
    pub lanes: &'a [LaneIndex],
    pub events: &'a EventList,
    pub themes: &'a [Theme],
    pub filter: &'a Filter,
}

impl<'a> Source<'a> {
    /// The dataset's own lanes (no search).
    pub fn dataset(dataset: &'a Dataset, filter: &'a Filter) -> Self {
        Self {
            lanes: dataset.lanes(),
            events: dataset.events(),
            themes: dataset.themes(),
            filter,
        }
    }
}

/// How many events start in each period between neighbouring `edges`, per lane (in theme order;
/// a hidden lane counts nothing): `counts[lane][i]` for `[edges[i], edges[i + 1])`.
pub fn count(source: &Source<'_>, edges: &[AxisTime]) -> Vec<Vec<u32>> {
    profiling::function_scope!();
    source
        .lanes
        .iter()
        .enumerate()
        .map(|(lane, index)| {
            let hidden = source
                .themes
                .get(lane)
                .is_none_or(|t| source.filter.hidden_themes.contains(&t.id));
            if hidden {
                vec![0; edges.len().saturating_sub(1)]
            } else {
                lane_counts(index, source.events, source.filter, edges)
            }
        })
        .collect()
}

/// One lane's counts (see [`count`]).
fn lane_counts(
    lane: &LaneIndex,
    events: &EventList,
    filter: &Filter,
    edges: &[AxisTime],
) -> Vec<u32> {
    let periods = edges.len().saturating_sub(1);
    let lo = filter
        .from
        .as_ref()
        .map_or(f64::NEG_INFINITY, HistDate::axis_start);
    let hi = filter.to.as_ref().map_or(f64::INFINITY, HistDate::axis_end);
    if lo >= hi {
        return vec![0; periods];
    }
    // Events starting in the date range: the periods' edges clipped to it.
    let clipped: Vec<AxisTime> = edges.iter().map(|&t| t.clamp(lo, hi)).collect();
    let mut counts: Vec<u32> = lane
        .counts_between(&clipped, filter.min_importance)
        .into_iter()
        .map(|c| u32::try_from(c).unwrap_or(u32::MAX))
        .collect();
    // Events starting before the range and reaching into it, where they start.
    if lo.is_finite() {
        for i in lane.reaching_into(lo) {
            let Some(e) = events.get(i) else { continue };
            if e.importance() < filter.min_importance {
                continue;
            }
            let s = e.axis_start();
            let k = edges.partition_point(|&t| t <= s);
            if k >= 1 && k < edges.len() {
                counts[k - 1] = counts[k - 1].saturating_add(1);
            }
        }
    }
    counts
}

/// The counts of `export counts`: every event the filter (and its search) accepts, in periods
/// of `step` (chosen, or by [`auto_years`]) from the first event's start to the last one's.
pub struct Table {
    pub step: Step,
    pub edges: Vec<AxisTime>,
    /// Theme ids of the lanes shown, and their counts.
    pub lanes: Vec<(String, Vec<u32>)>,
}

/// Periods at most for `--bin auto`.
pub const AUTO_PERIODS: usize = 150;

/// Counts every event of `dataset` that `filter` accepts; `None` when `bin` would need more
/// than [`MAX_PERIODS`] periods.
pub fn table(dataset: &Dataset, filter: &Filter, bin: BinChoice) -> Option<Table> {
    let search = Search::new(&filter.search);
    let matches: Vec<bool> = dataset.events().iter().map(|e| search.matches(e)).collect();
    let (from, to) = dataset
        .events()
        .iter()
        .zip(&matches)
        .filter(|(e, m)| **m && filter.passes(e))
        .map(|(e, _)| e.axis_start())
        .fold(None, |acc: Option<(f64, f64)>, s| match acc {
            None => Some((s, s)),
            Some((a, b)) => Some((a.min(s), b.max(s))),
        })
        .map_or((0.0, 0.0), |(a, b)| (a, b + 1.0));
    let step = bin
        .step()
        .unwrap_or_else(|| auto_years(from, to, AUTO_PERIODS));
    let empty = from >= to;
    let edges = if empty {
        Vec::new()
    } else {
        period_edges(step, from, to)?
    };
    let searched;
    let lanes = if search.is_empty() {
        dataset.lanes()
    } else {
        searched = matching_lanes(dataset, &matches);
        &searched[..]
    };
    let source = Source {
        lanes,
        ..Source::dataset(dataset, filter)
    };
    let counts = count(&source, &edges);
    let lanes = dataset
        .themes()
        .iter()
        .zip(counts)
        .filter(|(t, _)| !filter.hidden_themes.contains(&t.id))
        .map(|(t, c)| (t.id.clone(), c))
        .collect();
    Some(Table { step, edges, lanes })
}

impl Table {
    /// `period_start,period_end,<one column per lane, named by theme id>`, a row per period.
    pub fn to_csv(&self) -> String {
        let mut w = csv::Writer::from_writer(Vec::new());
        let mut header = vec!["period_start".to_owned(), "period_end".to_owned()];
        header.extend(self.lanes.iter().map(|(id, _)| id.clone()));
        // Writing to memory cannot fail.
        let _ = w.write_record(&header);
        for (i, pair) in self.edges.windows(2).enumerate() {
            let (a, b) = period_edtf(self.step, pair[0], pair[1]);
            let mut row = vec![a, b];
            row.extend(self.lanes.iter().map(|(_, c)| c[i].to_string()));
            let _ = w.write_record(&row);
        }
        w.into_inner()
            .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn year(y: i64) -> AxisTime {
        axis_from_year(y)
    }

    #[test]
    fn decades_cover_the_range_on_round_years() {
        let edges = period_edges(Step::Years(10), year(1853), year(1905) + 10.0);
        assert_eq!(
            edges,
            Some((185..=191).map(|d| year(d * 10)).collect::<Vec<_>>())
        );
        let (a, b) = period_edtf(Step::Years(10), year(1900), year(1910));
        assert_eq!((a.as_str(), b.as_str()), ("1900", "1909"));
        let (a, b) = period_edtf(
            Step::Months(1),
            CivilDate::new(1904, 2, 1).axis(),
            CivilDate::new(1904, 3, 1).axis(),
        );
        assert_eq!((a.as_str(), b.as_str()), ("1904-02", "1904-02"));
        assert_eq!(
            period_in_words(Step::Years(10), year(1900), year(1910)),
            "1900–1909"
        );
        assert_eq!(
            period_in_words(Step::Years(1), year(1904), year(1905)),
            "1904"
        );
    }

    #[test]
    fn centuries_break_at_the_change_of_era() {
        let Some(edges) = period_edges(Step::Years(100), year(-150), year(150)) else {
            panic!("no edges");
        };
        // 200 BC, 100 BC, AD 1, 100, 200.
        assert_eq!(
            edges,
            vec![year(-199), year(-99), year(1), year(100), year(200)]
        );
        assert_eq!(
            period_edges(Step::Years(1), year(-1_000_000), year(1)),
            None
        );
    }

    #[test]
    fn auto_steps_by_powers_of_ten_years() {
        assert_eq!(auto_years(year(1778), year(1923), 150), Step::Years(1));
        assert_eq!(auto_years(year(1000), year(2000), 150), Step::Years(10));
        assert_eq!(auto_years(year(-3000), year(2000), 150), Step::Years(100));
    }

    /// Counts from the index agree with a pass over the events, under every kind of filter.
    #[test]
    fn counts_agree_with_the_filter_event_by_event() {
        let dataset = crate::io::default_dataset();
        let date = |s: &str| HistDate::parse(s).ok();
        let filters = [
            Filter::default(),
            Filter {
                from: date("1855"),
                to: date("1905-06"),
                ..Filter::default()
            },
            Filter {
                min_importance: 4,
                from: date("1904-02-08"),
                ..Filter::default()
            },
            Filter {
                hidden_themes: [String::from("war")].into(),
                to: date("1860"),
                ..Filter::default()
            },
        ];
        for filter in &filters {
            let Some(edges) = period_edges(Step::Years(5), year(1700), year(1950)) else {
                panic!("no edges");
            };
            let counts = count(&Source::dataset(&dataset, filter), &edges);
            for (lane, theme) in dataset.themes().iter().enumerate() {
                let mut expected = vec![0u32; edges.len() - 1];
                for e in dataset.events().iter().filter(|e| e.theme == theme.id) {
                    if filter.accepts(e) {
                        let k = edges.partition_point(|&t| t <= e.axis_start());
                        expected[k - 1] += 1;
                    }
                }
                assert_eq!(counts[lane], expected, "{} with {filter:?}", theme.id);
            }
        }
    }

    #[test]
    fn a_search_counts_its_matches_only() {
        let dataset = crate::io::default_dataset();
        let filter = Filter {
            search: "treaty".into(),
            ..Filter::default()
        };
        let Some(t) = table(&dataset, &filter, BinChoice::Century) else {
            panic!("no table");
        };
        let total: u32 = t.lanes.iter().flat_map(|(_, c)| c).sum();
        let expected = dataset
            .events()
            .iter()
            .filter(|e| filter.accepts(e))
            .count();
        assert!(expected > 0);
        assert_eq!(total as usize, expected);
    }

    #[test]
    fn the_table_writes_one_column_per_shown_lane() {
        let dataset = crate::io::default_dataset();
        let mut filter = Filter::default();
        filter.hidden_themes.insert("war".into());
        let Some(t) = table(&dataset, &filter, BinChoice::Decade) else {
            panic!("no table");
        };
        let csv = t.to_csv();
        let header = csv.lines().next().unwrap_or_default();
        let ids: Vec<&str> = dataset
            .themes()
            .iter()
            .map(|t| t.id.as_str())
            .filter(|id| *id != "war")
            .collect();
        assert_eq!(header, format!("period_start,period_end,{}", ids.join(",")));
        assert!(
            csv.lines()
                .nth(1)
                .is_some_and(|l| l.starts_with("1770,1779,")),
            "{csv}"
        );
    }
}
