//! The status bar: events shown, the visible range in words, the last message.

use egui::Ui;

use crate::model::CivilDate;
use crate::model::date::{MONTH_NAMES, day_in_words, year_in_words};
use crate::timeline::TimeView;
use crate::ui::app::App;

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
        format!("{} – {}", year_in_words(a.year), year_in_words(b.year))
    } else if view.span > 60.0 {
        format!("{} – {}", month(a), month(b))
    } else {
        format!("{} – {}", day_in_words(a), day_in_words(b))
    }
}

pub fn status_ui(ui: &mut Ui, app: &mut App) {
    ui.horizontal(|ui| {
        let total = app.doc.dataset.events().len();
        ui.label(format!("{} of {} events in view", app.visible_count, total))
            .on_hover_text("Events in the visible range that pass the filters, of all events");
        ui.separator();
        ui.label(range_in_words(&app.view))
            .on_hover_text("The visible range");
        ui.separator();
        ui.add(egui::Label::new(&app.message).truncate());
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::date::axis_from_year;

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
}
