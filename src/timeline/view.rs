//! The persisted view of the time axis ([`TimeView`]: start and span, in axis days) and the
//! per-frame mapping between time and screen x ([`TimeMapping`]). All in f64, which stays exact
//! to far below a day at any zoom this app allows.

use serde::{Deserialize, Serialize};

use crate::model::date::{MONTH_NAMES, day_in_words, rough_year_in_words, year_in_words};
use crate::model::{AxisTime, CivilDate};

/// The smallest span a view may show: about a day.
pub const MIN_SPAN_DAYS: f64 = 1.0;
/// How much room a fitted view leaves on each side of the data, as a fraction of its span.
pub const FIT_MARGIN: f64 = 0.04;

/// What part of the time axis is on screen.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimeView {
    /// Axis time at the left edge.
    pub start: AxisTime,
    /// Axis time from the left edge to the right edge (days).
    pub span: f64,
}

impl Default for TimeView {
    fn default() -> Self {
        Self {
            start: 0.0,
            span: 365.25 * 100.0,
        }
    }
}

impl TimeView {
    pub fn new(start: AxisTime, span: f64) -> Self {
        Self { start, span }
    }

    pub fn end(&self) -> AxisTime {
        self.start + self.span
    }

    pub fn center(&self) -> AxisTime {
        self.start + self.span * 0.5
    }

    /// A view showing `[from, to)` with a margin on each side.
    pub fn fit(from: AxisTime, to: AxisTime) -> Self {
        let span = (to - from).max(MIN_SPAN_DAYS);
        let margin = span * FIT_MARGIN;
        Self {
            start: from - margin,
            span: span + 2.0 * margin,
        }
    }

    /// Zooms by `factor` (> 1 zooms in) keeping `anchor` at the same place on screen.
    #[must_use]
    pub fn zoom_at(self, anchor: AxisTime, factor: f64) -> Self {
        if !factor.is_finite() || factor <= 0.0 {
            return self;
        }
        let span = self.span / factor;
        let frac = (anchor - self.start) / self.span;
        Self {
            start: anchor - frac * span,
            span,
        }
    }

    /// Moves the view by `dt` days (positive moves later in time).
    #[must_use]
    pub fn pan(self, dt: f64) -> Self {
        Self {
            start: self.start + dt,
            ..self
        }
    }

    /// Keeps the view inside `limits` (the data plus a margin): the span between a day and the
    /// whole limited range, and the view inside it. Zooming that hits a span limit keeps the
    /// view's center where the zoom put it.
    #[must_use]
    pub fn clamped(self, limits: Limits) -> Self {
        let max_span = limits.max_span();
        let span = self.span.clamp(MIN_SPAN_DAYS, max_span);
        let center = self.center();
        let mut start = center - span * 0.5;
        if start < limits.lo {
            start = limits.lo;
        }
        if start + span > limits.hi {
            start = limits.hi - span;
        }
        Self { start, span }
    }

    /// Clamps a zoom so the anchor stays put when the span is limited.
    #[must_use]
    pub fn zoom_at_clamped(self, anchor: AxisTime, factor: f64, limits: Limits) -> Self {
        let wanted = self.span / factor;
        let span = wanted.clamp(MIN_SPAN_DAYS, limits.max_span());
        let zoomed = self.zoom_at(anchor, self.span / span);
        let clamped = zoomed.clamped(limits);
        if clamped == zoomed { zoomed } else { clamped }
    }
}

/// The time a zoom gesture holds under the pointer, kept from one step to the next while the
/// pointer stays where it was and the view is the one the last step made: read again from the
/// view at every step, the time would take the view's rounding each time, and at the Big Bang,
/// where an `f64` steps by 84 seconds, a gesture from the whole universe down to a day would
/// wander by several minutes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ZoomAnchor {
    pub x: f32,
    pub time: AxisTime,
    pub view: TimeView,
}

impl TimeView {
    /// Zooms by `factor` keeping the time under screen x `x` (of `mapping`, this view's
    /// mapping) where it is, within `limits`; `anchor` carries that time from step to step.
    #[must_use]
    pub fn zoom_at_x(
        self,
        mapping: &TimeMapping,
        x: f32,
        factor: f64,
        limits: Limits,
        anchor: &mut Option<ZoomAnchor>,
    ) -> Self {
        let time = match *anchor {
            Some(a) if a.x == x && a.view == self => a.time,
            _ => mapping.time_from_x(x),
        };
        let view = self.zoom_at_clamped(time, factor, limits);
        // A zoom the limits moved has no time under the pointer to keep.
        let held = TimeMapping::new(view, mapping.x_min, mapping.width).x_from_time(time);
        *anchor = ((held - x).abs() < 1.0).then_some(ZoomAnchor { x, time, view });
        view
    }
}

/// The range a view may move within: the data and a margin.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Limits {
    pub lo: AxisTime,
    pub hi: AxisTime,
}

impl Limits {
    /// Limits for data spanning `[from, to)`: a fifth of the span (and at least a year) either side.
    pub fn around(from: AxisTime, to: AxisTime) -> Self {
        let span = (to - from).max(MIN_SPAN_DAYS);
        let margin = (span * 0.2).max(366.0);
        Self {
            lo: from - margin,
            hi: to + margin,
        }
    }

    pub fn max_span(&self) -> f64 {
        (self.hi - self.lo).max(MIN_SPAN_DAYS)
    }
}

/// The mapping between time and screen x for one frame.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TimeMapping {
    pub view: TimeView,
    /// Screen x of the view's start.
    pub x_min: f32,
    /// Width in points of the view.
    pub width: f32,
}

impl TimeMapping {
    pub fn new(view: TimeView, x_min: f32, width: f32) -> Self {
        Self {
            view,
            x_min,
            width: width.max(1.0),
        }
    }

    pub fn x_from_time(&self, t: AxisTime) -> f32 {
        let x =
            f64::from(self.x_min) + (t - self.view.start) / self.view.span * f64::from(self.width);
        // Far off-screen positions are clamped so that f32 painting stays well-behaved.
        x.clamp(-1.0e7, 1.0e7) as f32
    }

    pub fn time_from_x(&self, x: f32) -> AxisTime {
        self.view.start + f64::from(x - self.x_min) / f64::from(self.width) * self.view.span
    }

    /// Days covered by one point.
    pub fn days_per_point(&self) -> f64 {
        self.view.span / f64::from(self.width)
    }

    /// Points covered by a number of days.
    pub fn points_from_days(&self, days: f64) -> f32 {
        (days / self.days_per_point()) as f32
    }
}

/// The visible range in words, at a precision that suits the span.
pub fn range_in_words(view: &TimeView) -> String {
    let a = CivilDate::from_axis(view.start);
    let b = CivilDate::from_axis(view.end() - 1e-6);
    let month = |d: CivilDate| {
        format!(
            "{} {}",
            &MONTH_NAMES[usize::from(d.month - 1)][..3],
            year_in_words(d.year)
        )
    };
    if view.span > 3.0 * 365.25 {
        format!(
            "{} – {}",
            rough_year_in_words(a.year),
            rough_year_in_words(b.year)
        )
    } else if view.span > 60.0 {
        format!("{} – {}", month(a), month(b))
    } else {
        format!("{} – {}", day_in_words(a), day_in_words(b))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::date::axis_from_year;

    #[test]
    fn mapping_round_trips_within_half_a_pixel_at_every_zoom() {
        let center = axis_from_year(1855);
        let width = 1600.0;
        let mut span = 365.25 * 2000.0;
        while span >= MIN_SPAN_DAYS {
            let view = TimeView::new(center - span / 2.0, span);
            let m = TimeMapping::new(view, 120.0, width);
            for i in 0..=32 {
                let x = 120.0 + width * i as f32 / 32.0;
                let t = m.time_from_x(x);
                assert!((m.x_from_time(t) - x).abs() <= 0.5, "span {span} x {x}");
                // And time -> x -> time within half a pixel's worth of days.
                let back = m.time_from_x(m.x_from_time(t));
                assert!((back - t).abs() <= m.days_per_point() * 0.5);
            }
            span /= 1.7;
        }
    }

    #[test]
    fn zoom_keeps_the_anchor_fixed() {
        let view = TimeView::new(axis_from_year(1778), 365.25 * 150.0);
        let m = TimeMapping::new(view, 0.0, 1000.0);
        let anchor_x = 731.0;
        let anchor = m.time_from_x(anchor_x);
        for factor in [1.1, 2.0, 10.0, 0.5, 0.9] {
            let z = view.zoom_at(anchor, factor);
            let mz = TimeMapping::new(z, 0.0, 1000.0);
            assert!((mz.x_from_time(anchor) - anchor_x).abs() < 1e-3);
            assert!((z.span - view.span / factor).abs() < 1e-6);
        }
    }

    #[test]
    fn repeated_zoom_in_and_out_does_not_drift() {
        let view = TimeView::new(axis_from_year(1778), 365.25 * 150.0);
        let anchor = axis_from_year(1855) + 37.0;
        let mut v = view;
        for _ in 0..100 {
            v = v.zoom_at(anchor, 1.1);
        }
        assert!(v.span < 5.0);
        for _ in 0..100 {
            v = v.zoom_at(anchor, 1.0 / 1.1);
        }
        assert!((v.start - view.start).abs() < 1e-6 && (v.span - view.span).abs() < 1e-6);
    }

    #[test]
    fn clamping_limits_span_and_position() {
        let limits = Limits::around(axis_from_year(1778), axis_from_year(1923));
        let tiny = TimeView::new(axis_from_year(1855), 0.01).clamped(limits);
        assert_eq!(tiny.span, MIN_SPAN_DAYS);
        let huge = TimeView::new(axis_from_year(0), 365.25 * 5000.0).clamped(limits);
        assert!((huge.span - limits.max_span()).abs() < 1e-9 && huge.start == limits.lo);
        let late = TimeView::new(axis_from_year(3000), 3650.0).clamped(limits);
        assert!((late.end() - limits.hi).abs() < 1e-6);
    }

    #[test]
    fn clamped_zoom_at_the_limit_keeps_the_anchor_when_possible() {
        let limits = Limits::around(axis_from_year(1778), axis_from_year(1923));
        let v = TimeView::new(axis_from_year(1855), 2.0);
        let anchor = v.start + 0.5;
        let z = v.zoom_at_clamped(anchor, 100.0, limits);
        assert_eq!(z.span, MIN_SPAN_DAYS);
        assert!(((anchor - z.start) / z.span - 0.25).abs() < 1e-9);
    }

    #[test]
    fn fit_shows_everything() {
        let (a, b) = (axis_from_year(1778), axis_from_year(1923));
        let v = TimeView::fit(a, b);
        assert!(v.start < a && v.end() > b);
    }

    #[test]
    fn range_precision_follows_the_span() {
        let v = TimeView::new(
            axis_from_year(1778),
            axis_from_year(1923) - axis_from_year(1778),
        );
        assert_eq!(range_in_words(&v), "1778 – 1922");
        let v = TimeView::new(axis_from_year(1905), 180.0);
        assert_eq!(range_in_words(&v), "Jan 1905 – Jun 1905");
        let v = TimeView::new(axis_from_year(1905), 5.0);
        assert_eq!(range_in_words(&v), "1 January 1905 – 5 January 1905");
    }

    /// Zooms with the wheel from the whole age of the universe to one day, the pointer held
    /// where `towards` is on screen, as the window does (with a [`ZoomAnchor`] when `hold`,
    /// else reading the time under the pointer from the view before each step). Returns the
    /// final mapping, the pointer's x, the time under it at first, and the largest move of
    /// that time on screen in one step, in points.
    fn zoom_in_from_the_big_bang(towards: AxisTime, hold: bool) -> (TimeMapping, f32, f64, f32) {
        let big_bang = CivilDate::new(-13_800_000_000, 1, 1).axis();
        let today = CivilDate::new(2025, 6, 1).axis();
        let limits = Limits::around(big_bang, today);
        let mut m = TimeMapping::new(TimeView::fit(big_bang, today).clamped(limits), 0.0, 1600.0);
        let x = m.x_from_time(towards);
        let first = m.time_from_x(x);
        let mut anchor = None;
        let mut worst: f32 = 0.0;
        while m.view.span > MIN_SPAN_DAYS {
            if !hold {
                anchor = None;
            }
            let view = m.view.zoom_at_x(&m, x, 1.1, limits, &mut anchor);
            m = TimeMapping::new(view, 0.0, 1600.0);
            worst = worst.max((m.x_from_time(first) - x).abs());
        }
        (m, x, first, worst)
    }

    #[test]
    fn zoom_from_the_big_bang_to_a_day_keeps_the_pointer_time_near_today() {
        let (m, x, first, worst) = zoom_in_from_the_big_bang(0.0, true);
        assert_eq!(m.view.span, MIN_SPAN_DAYS);
        // Near 1970 an f64 holds a time to 10⁻¹² of a day: the time under the pointer stays
        // under it to a millionth of a point, all the way down.
        assert!(worst < 1e-6, "moved {worst} points");
        assert!((m.time_from_x(x) - first).abs() < 1e-9);
        // Read again from the view at every step, it takes the rounding of the views five
        // trillion days wide at first (a thousandth of a day), and ends within a point.
        let (m, x, first, worst) = zoom_in_from_the_big_bang(0.0, false);
        assert!(worst < 1.0, "moved {worst} points");
        assert_eq!(
            CivilDate::from_axis(m.time_from_x(x)),
            CivilDate::from_axis(first)
        );
    }

    #[test]
    fn zoom_from_the_big_bang_to_a_day_keeps_the_pointer_time_at_the_big_bang() {
        let day = CivilDate::new(-13_799_999_999, 3, 7).axis();
        let (m, x, first, worst) = zoom_in_from_the_big_bang(day, true);
        assert_eq!(m.view.span, MIN_SPAN_DAYS);
        // Five trillion days from 1970 an f64 steps by 2⁻¹⁰ of a day (84 seconds, 1.6 points
        // on a 1600-point view of one day): the view's start is rounded to such a step, so
        // the time under the pointer stays within one of them, about a point.
        assert!(worst <= 1.0, "moved {worst} points");
        let step = 2f64.powi(-10);
        assert!((m.time_from_x(x) - first).abs() <= step);
        assert_eq!(
            CivilDate::from_axis(m.time_from_x(x)),
            CivilDate::from_axis(first)
        );
        // Neighbouring days are a view's width apart on screen, to the point.
        let d = CivilDate::from_axis(first).axis();
        assert!((m.x_from_time(d + 1.0) - m.x_from_time(d) - 1600.0).abs() < 1.0);
        // Without the anchor the rounding adds up over the steps, yet stays within the day.
        let (m, x, first, _) = zoom_in_from_the_big_bang(day, false);
        assert!((m.time_from_x(x) - first).abs() < 32.0 * step);
    }

    #[test]
    fn deep_ranges_in_words() {
        let a = CivilDate::new(-13_800_000_000, 1, 1).axis();
        let b = CivilDate::new(2025, 1, 1).axis();
        assert_eq!(
            range_in_words(&TimeView::new(a, b - a)),
            "13.8 billion years ago – 2024"
        );
        let a = axis_from_year(-9999);
        assert_eq!(
            range_in_words(&TimeView::new(a, 365.25 * 5000.0)),
            "10,000 BC – 5000 BC"
        );
    }
}
