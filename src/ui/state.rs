//! What the app remembers between runs (eframe storage): panels and the side panel's tab, theme,
//! recent files, the last view and the lanes' arrangement of each dataset, and the export
//! settings.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::export::figure::Look;
use crate::timeline::TimeView;
use crate::timeline::arrange::LaneArrangement;
use crate::timeline::counts::BinChoice;
use crate::timeline::second_row::SecondCalendar;

/// How many recent files the File menu lists.
pub const MAX_RECENT: usize = 8;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Persisted {
    pub show_filters: bool,
    /// The side panel on the right (Details and Export tabs) is shown.
    pub show_details: bool,
    /// The side panel's tab.
    pub side_tab: SideTab,
    pub show_overview: bool,
    /// Draw every link in view as an arrow, not only the selected and hovered events'.
    pub show_all_links: bool,
    /// The calendar of the row under the axis, also given in the details and tooltips.
    pub second_calendar: SecondCalendar,
    /// Labels have a second line with the events' names in their own scripts.
    pub names_on_labels: bool,
    /// The chart of counts over time (View ▸ Chart) is shown.
    pub show_chart: bool,
    pub chart: ChartSettings,
    pub dark: bool,
    pub recent: Vec<PathBuf>,
    /// The last view of each dataset, by [`crate::ui::document::Document::key`].
    pub views: BTreeMap<String, TimeView>,
    /// How the lanes of each dataset are arranged, by [`crate::ui::document::Document::key`];
    /// datasets nobody arranged are not listed.
    pub lanes: BTreeMap<String, LaneArrangement>,
    pub export: ExportSettings,
}

impl Default for Persisted {
    fn default() -> Self {
        Self {
            show_filters: true,
            show_details: true,
            side_tab: SideTab::Details,
            show_overview: true,
            show_all_links: false,
            second_calendar: SecondCalendar::None,
            names_on_labels: false,
            show_chart: false,
            chart: ChartSettings::default(),
            dark: false,
            recent: Vec::new(),
            views: BTreeMap::new(),
            lanes: BTreeMap::new(),
            export: ExportSettings::default(),
        }
    }
}

impl Persisted {
    /// Puts a file at the top of the recent list.
    pub fn remember(&mut self, path: PathBuf) {
        self.recent.retain(|p| *p != path);
        self.recent.insert(0, path);
        self.recent.truncate(MAX_RECENT);
    }
}

/// How the chart draws its counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChartMode {
    /// A bar per period, the lanes stacked.
    #[default]
    Bars,
    /// A line per lane.
    Lines,
}

/// The chart's settings, remembered between runs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ChartSettings {
    pub mode: ChartMode,
    /// The periods: following the view (`Auto`), or years, decades or centuries.
    pub bin: BinChoice,
}

/// The tabs of the side panel on the right.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum SideTab {
    /// The selected event.
    #[default]
    Details,
    /// A preview of the figure, its settings, and the PNG and CSV exports.
    Export,
}

/// What part of the time axis a figure shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FigureRange {
    CurrentView,
    WholeTimeline,
    DateRange,
}

/// Which events a CSV export holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CsvScope {
    Everything,
    Shown,
    VisibleRange,
}

/// The export settings, remembered between runs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExportSettings {
    pub range: FigureRange,
    pub from: String,
    pub to: String,
    pub figure: Look,
    pub csv: CsvScope,
}

impl Default for ExportSettings {
    fn default() -> Self {
        Self {
            range: FigureRange::CurrentView,
            from: String::new(),
            to: String::new(),
            figure: Look::default(),
            csv: CsvScope::Shown,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_side_tab_is_remembered_and_defaults_to_details() -> serde_json::Result<()> {
        // State saved before there were tabs opens at the details.
        let old: Persisted = serde_json::from_str(r#"{"show_details": true, "dark": true}"#)?;
        assert_eq!((old.side_tab, old.dark), (SideTab::Details, true));
        let export = Persisted {
            side_tab: SideTab::Export,
            ..Persisted::default()
        };
        let again: Persisted = serde_json::from_str(&serde_json::to_string(&export)?)?;
        assert_eq!(again, export);
        Ok(())
    }
}
