//! Calendar-aware ticks for the time axis: steps from ten billion years down to single days,
//! line strength fading in with spacing, labels only at a level whose spacing fits them (so
//! they never collide), BCE years written `55 BC` and `10,000 BC`, and deep time in years ago
//! (`65 million years ago`, `13.8 billion years ago`).

use crate::model::AxisTime;
use crate::model::date::{
    CivilDate, DEEP_YEARS, MONTH_NAMES, axis_from_year, year_in_words, years_ago_in_words,
};

use super::view::TimeMapping;

/// A step between ticks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Days(i64),
    Months(i64),
    Years(i64),
}

impl Step {
    /// Average length in days, for spacing.
    pub fn days(self) -> f64 {
        match self {
            Self::Days(n) => n as f64,
            Self::Months(n) => n as f64 * 365.2425 / 12.0,
            Self::Years(n) => n as f64 * 365.2425,
        }
    }

    /// The steps from finest to coarsest.
    pub fn all() -> Vec<Step> {
        let mut v = vec![
            Self::Days(1),
            Self::Days(7),
            Self::Months(1),
            Self::Months(3),
            Self::Months(6),
        ];
        let mut y = 1;
        while y <= 10_000_000_000 {
            v.extend([Self::Years(y), Self::Years(y * 2), Self::Years(y * 5)]);
            y *= 10;
        }
        // Days(7) is only a faint grid: weeks are not aligned to months.
        v
    }

    /// Ticks of this step in `[from, to]`, at most `limit` of them.
    pub fn times(self, from: AxisTime, to: AxisTime, limit: usize) -> Vec<(AxisTime, CivilDate)> {
        let mut out = Vec::new();
        match self {
            Self::Days(n) => {
                let first = (from / n as f64).ceil() as i64 * n;
                let mut d = first;
                while (d as f64) <= to && out.len() < limit {
                    out.push((d as f64, CivilDate::from_days(d)));
                    d += n;
                }
            }
            Self::Months(n) => {
                let c = CivilDate::from_axis(from);
                let mut index = c.year * 12 + i64::from(c.month) - 1;
                index = index.div_euclid(n) * n;
                loop {
                    let (year, month) = (index.div_euclid(12), index.rem_euclid(12) as u8 + 1);
                    let date = CivilDate::new(year, month, 1);
                    let t = date.axis();
                    if t > to || out.len() >= limit {
                        break;
                    }
                    if t >= from {
                        out.push((t, date));
                    }
                    index += n;
                }
            }
            Self::Years(n) => {
                let first = CivilDate::from_axis(from).year;
                let last = CivilDate::from_axis(to).year;
                let mut years = Vec::new();
                // BC years on round BC numbers (100 BC is year -99), latest BC number first.
                let mut bc = (1 - first).div_euclid(n) * n;
                while bc >= n && 1 - bc <= last && years.len() < limit {
                    years.push(1 - bc);
                    bc -= n;
                }
                // AD years on multiples of n.
                let mut y = (first.max(1) + n - 1).div_euclid(n) * n;
                while y <= last && years.len() < limit {
                    years.push(y);
                    y += n;
                }
                for y in years {
                    let t = axis_from_year(y);
                    if t >= from && t <= to {
                        out.push((t, CivilDate::new(y, 1, 1)));
                    }
                }
            }
        }
        out
    }

    /// The label of a tick at this step. Ticks a million years apart or more, before year 1,
    /// are in years ago (`65 million years ago`): the two thousand years between "BC" and
    /// "ago" are far below a pixel there.
    pub fn label(self, d: CivilDate) -> String {
        let month = MONTH_NAMES[usize::from(d.month.clamp(1, 12) - 1)];
        match self {
            Self::Years(n) if n >= DEEP_YEARS && d.year < 1 => {
                years_ago_in_words((1 - d.year).unsigned_abs(), None)
            }
            Self::Years(_) => year_in_words(d.year),
            Self::Months(_) => format!("{} {}", &month[..3], year_in_words(d.year)),
            Self::Days(_) => format!("{} {} {}", d.day, &month[..3], year_in_words(d.year)),
        }
    }

    fn labels_allowed(self) -> bool {
        !matches!(self, Self::Days(n) if n != 1)
    }
}

/// One grid line, and its label when it has one.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    pub time: AxisTime,
    /// 0 (invisible) to 1 (strongest line).
    pub strength: f32,
    pub label: Option<String>,
}

/// Spacing in points below which a level's lines are not drawn.
pub const MIN_LINE_SPACING: f32 = 5.0;
/// Spacing in points at which a level's lines reach full strength.
pub const FULL_LINE_SPACING: f32 = 120.0;

/// The step whose labels are shown: the finest one whose spacing fits a label of
/// `label_chars` characters at `char_width` points each, with room to spare.
pub fn label_step(mapping: &TimeMapping, char_width: f32) -> Step {
    let steps = Step::all();
    let (first, last) = (
        CivilDate::from_axis(mapping.view.start),
        CivilDate::from_axis(mapping.view.end()),
    );
    for s in &steps {
        if !s.labels_allowed() {
            continue;
        }
        // As wide as the widest label of a tick near either end of the view, at least as wide
        // as a year BC when the view reaches before year 1.
        let chars = match s {
            Step::Days(_) => 11.0,
            Step::Months(_) => 8.0,
            Step::Years(n) => [first, last]
                .iter()
                .map(|d| {
                    let year = if d.year < 1 {
                        1 - (1 - d.year).div_euclid(*n) * n
                    } else {
                        d.year.div_euclid(*n) * n
                    };
                    s.label(CivilDate::new(year, 1, 1)).chars().count()
                })
                .max()
                .unwrap_or(4)
                .max(if first.year < 1 { 7 } else { 4 }) as f32,
        };
        // Shortest month is ~28 days: ask the average spacing for a little more.
        if mapping.points_from_days(s.days()) * 0.9 >= chars * char_width + 16.0 {
            return *s;
        }
    }
    steps[steps.len() - 1]
}

/// The ticks of the visible range, coarsest level winning where levels coincide.
pub fn ticks(mapping: &TimeMapping, char_width: f32) -> Vec<Tick> {
    let (from, to) = (mapping.view.start, mapping.view.end());
    let labelled = label_step(mapping, char_width);
    let mut out: Vec<Tick> = Vec::new();
    let limit = (mapping.width / MIN_LINE_SPACING) as usize + 2;
    for step in Step::all() {
        let spacing = mapping.points_from_days(step.days());
        if spacing < MIN_LINE_SPACING {
            continue;
        }
        let strength = ((spacing - MIN_LINE_SPACING) / (FULL_LINE_SPACING - MIN_LINE_SPACING))
            .clamp(0.05, 1.0);
        let label_here = step == labelled;
        for (t, date) in step.times(from, to, limit) {
            let label = label_here.then(|| step.label(date));
            match out.iter_mut().find(|k| k.time == t) {
                Some(k) => {
                    k.strength = k.strength.max(strength);
                    if label.is_some() {
                        k.label = label;
                    }
                }
                None => out.push(Tick {
                    time: t,
                    strength,
                    label,
                }),
            }
        }
        if spacing > mapping.width {
            break;
        }
    }
    out.sort_by(|a, b| a.time.total_cmp(&b.time));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::view::TimeView;

    const CHAR: f32 = 7.0;

    fn around(year: i64, month: u8, day: u8, span_days: f64) -> TimeMapping {
        let c = CivilDate::new(year, month, day).axis();
        TimeMapping::new(TimeView::new(c - span_days / 2.0, span_days), 0.0, 1200.0)
    }

    fn labels(m: &TimeMapping) -> Vec<String> {
        ticks(m, CHAR).into_iter().filter_map(|t| t.label).collect()
    }

    fn assert_no_collisions(m: &TimeMapping) {
        let ts: Vec<_> = ticks(m, CHAR)
            .into_iter()
            .filter(|t| t.label.is_some())
            .collect();
        for w in ts.windows(2) {
            let gap = m.x_from_time(w[1].time) - m.x_from_time(w[0].time);
            let width = w[0].label.as_ref().map_or(0, |l| l.chars().count()) as f32 * CHAR;
            assert!(gap > width, "{:?} and {:?} collide", w[0].label, w[1].label);
        }
    }

    #[test]
    fn two_thousand_years_gives_centuries_and_bc() {
        let m = around(0, 1, 1, 2000.0 * 365.25);
        let l = labels(&m);
        assert!(l.contains(&"200 BC".to_owned()), "{l:?}");
        assert!(l.contains(&"200".to_owned()), "{l:?}");
        assert!(l.len() >= 4 && l.len() <= 25, "{l:?}");
        assert!(l.iter().all(|s| !s.contains('-')), "{l:?}");
        assert_no_collisions(&m);
    }

    #[test]
    fn one_hundred_fifty_years_gives_decades() {
        let m = around(1850, 1, 1, 150.0 * 365.25);
        let l = labels(&m);
        assert!(
            l.contains(&"1850".to_owned()) && l.contains(&"1860".to_owned()),
            "{l:?}"
        );
        assert!(!l.contains(&"1851".to_owned()), "{l:?}");
        assert_no_collisions(&m);
    }

    #[test]
    fn three_years_gives_months_or_quarters() {
        let m = around(1905, 1, 1, 3.0 * 365.25);
        let l = labels(&m);
        assert!(l.contains(&"Jan 1905".to_owned()), "{l:?}");
        assert!(l.iter().all(|s| s.len() <= 9), "{l:?}");
        assert_no_collisions(&m);
    }

    #[test]
    fn two_months_gives_days_or_months() {
        let m = around(1905, 9, 5, 61.0);
        let l = labels(&m);
        assert!(
            l.contains(&"1 Sep 1905".to_owned()) || l.contains(&"Sep 1905".to_owned()),
            "{l:?}"
        );
        assert_no_collisions(&m);
        // Day lines are drawn even when only months carry labels.
        assert!(ticks(&m, CHAR).len() >= 50);
    }

    #[test]
    fn five_days_gives_each_day() {
        let m = around(1905, 9, 5, 5.0);
        let l = labels(&m);
        assert!(
            l.contains(&"5 Sep 1905".to_owned()) && l.contains(&"4 Sep 1905".to_owned()),
            "{l:?}"
        );
        assert_no_collisions(&m);
    }

    #[test]
    fn lines_fade_in_with_spacing() {
        let m = around(1850, 1, 1, 150.0 * 365.25);
        let ts = ticks(&m, CHAR);
        let at = |y: i64| {
            ts.iter()
                .find(|t| t.time == axis_from_year(y))
                .map(|t| t.strength)
        };
        let (Some(decade), Some(fifty)) = (at(1870), at(1850)) else {
            panic!("missing ticks");
        };
        assert!(fifty > decade);
        assert!(ts.iter().all(|t| t.strength > 0.0 && t.strength <= 1.0));
    }

    #[test]
    fn years_step_over_year_zero() {
        let times = Step::Years(1).times(axis_from_year(-3), axis_from_year(3), 100);
        let years: Vec<i64> = times.iter().map(|(_, d)| d.year).collect();
        assert_eq!(years, vec![-3, -2, -1, 0, 1, 2, 3]);
        let hundreds = Step::Years(100).times(axis_from_year(-350), axis_from_year(350), 100);
        let labels: Vec<String> = hundreds
            .iter()
            .map(|(_, d)| year_in_words(d.year))
            .collect();
        assert_eq!(
            labels,
            vec!["300 BC", "200 BC", "100 BC", "100", "200", "300"]
        );
    }

    /// A view of `span_years` years centred on an astronomical year.
    fn years_around(year: i64, span_years: f64) -> TimeMapping {
        let span = span_years * 365.2425;
        let c = axis_from_year(year);
        TimeMapping::new(TimeView::new(c - span / 2.0, span), 0.0, 1200.0)
    }

    #[test]
    fn deep_time_is_labelled_in_years_ago() {
        // From before the Big Bang to today.
        let today = CivilDate::new(2025, 1, 1).axis();
        let start = axis_from_year(-15_000_000_000);
        let m = TimeMapping::new(TimeView::new(start, today - start), 0.0, 1200.0);
        let l = labels(&m);
        assert!(l.contains(&"10 billion years ago".to_owned()), "{l:?}");
        assert!(l.iter().all(|s| s.ends_with("billion years ago")), "{l:?}");
        assert_no_collisions(&m);
        // Zoomed in on the Big Bang.
        let m = years_around(-13_800_000_000, 1.0e9);
        let l = labels(&m);
        assert!(l.contains(&"13.8 billion years ago".to_owned()), "{l:?}");
        assert_no_collisions(&m);
        // The end of the dinosaurs.
        let m = years_around(-65_000_000, 2.0e7);
        let l = labels(&m);
        assert!(l.contains(&"65 million years ago".to_owned()), "{l:?}");
        assert_no_collisions(&m);
        // The last ice age: years BC, with thousands separated.
        let m = years_around(-9999, 20_000.0);
        let l = labels(&m);
        assert!(l.contains(&"10,000 BC".to_owned()), "{l:?}");
        assert_no_collisions(&m);
    }

    #[test]
    fn a_day_at_the_big_bang_has_day_ticks() {
        let c = CivilDate::new(-13_799_999_999, 3, 7).axis();
        let m = TimeMapping::new(TimeView::new(c - 1.0, 3.0), 0.0, 1200.0);
        let l = labels(&m);
        assert!(l.contains(&"7 Mar 13,800,000,000 BC".to_owned()), "{l:?}");
        assert_no_collisions(&m);
        let t = ticks(&m, CHAR);
        assert!(
            t.iter().all(|k| k.time.fract() == 0.0),
            "ticks on whole days"
        );
    }
}
