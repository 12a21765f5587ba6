//! What the app remembers between runs (eframe storage): panels, theme, recent files and the
//! last view of each dataset.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::timeline::TimeView;
use crate::ui::panels::export::ExportSettings;

/// How many recent files the File menu lists.
pub const MAX_RECENT: usize = 8;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Persisted {
    pub show_filters: bool,
    pub show_details: bool,
    pub show_overview: bool,
    pub dark: bool,
    pub recent: Vec<PathBuf>,
    /// The last view of each dataset, by [`crate::ui::app::Document::key`].
    pub views: BTreeMap<String, TimeView>,
    pub export: ExportSettings,
}

impl Default for Persisted {
    fn default() -> Self {
        Self {
            show_filters: true,
            show_details: true,
            show_overview: true,
            dark: false,
            recent: Vec::new(),
            views: BTreeMap::new(),
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
