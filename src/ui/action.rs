//! One table of the user's actions: each [`Action`] has its label, tooltip, keyboard shortcuts,
//! whether it can run now (and why not), and the [`Command`] it pushes. The menus, the toolbar,
//! the key handling, Help ▸ Keyboard shortcuts and the command palette are all generated from
//! it, so an action is defined once (after rerun's `UICommand`).

use egui::{Key, KeyboardShortcut, Modifiers};

use super::command::{Command, Dialog, LaneCommand, Panel};
use super::lanes_form::LanesOpen;
use super::state::SideTab;
use crate::timeline::second_row::SecondCalendar;

/// How much one step of Zoom in / Zoom out zooms.
pub const ZOOM_STEP: f64 = 1.5;
/// How far one step of the arrow keys pans, as a share of the visible span.
pub const PAN_STEP: f64 = 0.15;

/// What the actions' enabled and checked states depend on, read once per frame.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ActionState {
    /// The dataset on screen came from a file.
    pub file: bool,
    /// That file is CSV.
    pub csv: bool,
    /// Rows of that file were skipped for their problems.
    pub skipped: bool,
    /// There are notes on how it was read.
    pub notes: bool,
    pub selection: bool,
    /// A file is being read in the background.
    pub loading: bool,
    /// There is search text.
    pub searching: bool,
    pub dark: bool,
    pub filters: bool,
    /// Some lanes are hidden.
    pub lanes_hidden: bool,
    /// The user arranged the lanes (order, collapsed, heights).
    pub lanes_arranged: bool,
    /// The side panel is shown at its Details tab.
    pub details: bool,
    pub overview: bool,
    /// Every link in view is drawn.
    pub all_links: bool,
    /// The calendar of the row under the axis.
    pub second_calendar: SecondCalendar,
    /// Labels have a line with the events' names.
    pub names_on_labels: bool,
    pub chart: bool,
    /// There is a step to undo, to redo.
    pub can_undo: bool,
    pub can_redo: bool,
    /// The event form is open.
    pub editing: bool,
    /// A text field has the keyboard: Ctrl+Z and Ctrl+Y undo and redo the typing there.
    pub typing: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Action {
    NewTimeline,
    Open,
    OpenEmbedded,
    Reload,
    CsvColumns,
    SkippedRows,
    FileNotes,
    ExportPng,
    ExportCsv,
    Save,
    SaveAs,
    Properties,
    Quit,
    Undo,
    Redo,
    NewEvent,
    EditEvent,
    DuplicateEvent,
    DeleteEvent,
    LanesEditor,
    NewLane,
    NewEra,
    ZoomToFit,
    ZoomIn,
    ZoomOut,
    PanLeft,
    PanRight,
    ZoomToSelected,
    NextEvent,
    PreviousEvent,
    NextMatch,
    /// Before [`Action::ClearSelection`]: Esc stops a load first.
    CancelLoad,
    ClearSelection,
    FiltersPanel,
    DetailsPanel,
    ExportPanel,
    OverviewStrip,
    ShowAllLinks,
    NamesOnLabels,
    SecondCalendarNone,
    SecondCalendarJulian,
    SecondCalendarJapanese,
    Chart,
    ShowAllLanes,
    ResetLanes,
    DarkMode,
    CommandPalette,
    KeyboardShortcuts,
    About,
}

/// A constant list of shortcuts.
macro_rules! keys {
    ($($k:expr),*) => {{
        const KEYS: &[KeyboardShortcut] = &[$($k),*];
        KEYS
    }};
}

const fn key(k: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::NONE, k)
}

const fn ctrl(k: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND, k)
}

const fn ctrl_shift(k: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), k)
}

impl Action {
    /// Every action, in the order of the help window and the palette.
    pub const ALL: [Self; 49] = [
        Self::NewTimeline,
        Self::Open,
        Self::OpenEmbedded,
        Self::Reload,
        Self::CsvColumns,
        Self::SkippedRows,
        Self::FileNotes,
        Self::ExportPng,
        Self::ExportCsv,
        Self::Save,
        Self::SaveAs,
        Self::Properties,
        Self::Quit,
        Self::Undo,
        Self::Redo,
        Self::NewEvent,
        Self::EditEvent,
        Self::DuplicateEvent,
        Self::DeleteEvent,
        Self::LanesEditor,
        Self::NewLane,
        Self::NewEra,
        Self::ZoomToFit,
        Self::ZoomIn,
        Self::ZoomOut,
        Self::PanLeft,
        Self::PanRight,
        Self::ZoomToSelected,
        Self::NextEvent,
        Self::PreviousEvent,
        Self::NextMatch,
        Self::CancelLoad,
        Self::ClearSelection,
        Self::FiltersPanel,
        Self::DetailsPanel,
        Self::ExportPanel,
        Self::OverviewStrip,
        Self::ShowAllLinks,
        Self::NamesOnLabels,
        Self::SecondCalendarNone,
        Self::SecondCalendarJulian,
        Self::SecondCalendarJapanese,
        Self::Chart,
        Self::ShowAllLanes,
        Self::ResetLanes,
        Self::DarkMode,
        Self::CommandPalette,
        Self::KeyboardShortcuts,
        Self::About,
    ];

    /// The name in menus, buttons and the palette.
    pub fn label(self) -> &'static str {
        match self {
            Self::Open => "Open…",
            Self::OpenEmbedded => "Open the Japan–Russia dataset",
            Self::Reload => "Reload",
            Self::CsvColumns => "CSV columns…",
            Self::SkippedRows => "Rows skipped…",
            Self::FileNotes => "Notes on the file…",
            Self::ExportPng => "Export PNG…",
            Self::ExportCsv => "Export CSV…",
            Self::Quit => "Quit",
            Self::NewTimeline => "New timeline",
            Self::Save => "Save",
            Self::SaveAs => "Save As…",
            Self::Properties => "Properties…",
            Self::Undo => "Undo",
            Self::Redo => "Redo",
            Self::NewEvent => "New event",
            Self::EditEvent => "Edit event",
            Self::DuplicateEvent => "Duplicate event",
            Self::DeleteEvent => "Delete event",
            Self::LanesEditor => "Lanes & eras…",
            Self::NewLane => "New lane…",
            Self::NewEra => "New era…",
            Self::ZoomToFit => "Zoom to fit",
            Self::ZoomIn => "Zoom in",
            Self::ZoomOut => "Zoom out",
            Self::PanLeft => "Pan earlier",
            Self::PanRight => "Pan later",
            Self::ZoomToSelected => "Zoom to selected",
            Self::NextEvent => "Next event",
            Self::PreviousEvent => "Previous event",
            Self::NextMatch => "Next match",
            Self::CancelLoad => "Stop opening the file",
            Self::ClearSelection => "Clear the selection",
            Self::FiltersPanel => "Filters panel",
            Self::DetailsPanel => "Details panel",
            Self::ExportPanel => "Export panel",
            Self::OverviewStrip => "Overview strip",
            Self::ShowAllLinks => "Show all links",
            Self::NamesOnLabels => "Names under labels",
            Self::SecondCalendarNone => "Second calendar: none",
            Self::SecondCalendarJulian => "Second calendar: Julian (O.S.)",
            Self::SecondCalendarJapanese => "Second calendar: Japanese eras",
            Self::Chart => "Chart",
            Self::ShowAllLanes => "Show all lanes",
            Self::ResetLanes => "Lanes as in the file",
            Self::DarkMode => "Dark mode",
            Self::CommandPalette => "Command palette…",
            Self::KeyboardShortcuts => "Keyboard shortcuts",
            Self::About => "About this dataset",
        }
    }

    /// What the action does, for tooltips and the help window.
    pub fn tooltip(self) -> &'static str {
        match self {
            Self::Open => "Open a timeline file (JSON or CSV)",
            Self::OpenEmbedded => "Show the embedded Japan–Russia dataset again",
            Self::Reload => "Read the file again",
            Self::CsvColumns => "Choose which column holds each field, and open the file again",
            Self::SkippedRows => "The rows of the file left out for their problems",
            Self::FileNotes => "How the file was read: columns read under another name or not read",
            Self::ExportPng => "A figure of the timeline",
            Self::ExportCsv => "A spreadsheet of the events",
            Self::Quit => "Close the window",
            Self::NewTimeline => "An empty timeline with the three default lanes",
            Self::Save => "Save to the file the timeline came from (asks where for a new one)",
            Self::SaveAs => "Save to another file: JSON, or CSV for the events only",
            Self::Properties => "The dataset's title, description and sources",
            Self::Undo => "Undo the last change",
            Self::Redo => "Make the change undone again",
            Self::NewEvent => "Make a new event with the form in the side panel",
            Self::EditEvent => "Change the selected event with the form in the side panel",
            Self::DuplicateEvent => "Make a copy of the selected event",
            Self::DeleteEvent => "Delete the selected event (Undo brings it back)",
            Self::LanesEditor => {
                "Add, rename, recolour, reorder and delete lanes; add, change and delete eras"
            }
            Self::NewLane => "Add a lane, named in the Lanes & eras window",
            Self::NewEra => "Add an era (a named span behind the lanes) in the Lanes & eras window",
            Self::ZoomToFit => "Show all the data (or double-click the timeline)",
            Self::ZoomIn => "Zoom in around the center",
            Self::ZoomOut => "Zoom out around the center",
            Self::PanLeft => "Move the view earlier in time",
            Self::PanRight => "Move the view later in time",
            Self::ZoomToSelected => "Zoom to the selected event",
            Self::NextEvent => "Select the next event in time",
            Self::PreviousEvent => "Select the previous event in time",
            Self::NextMatch => "Select the next event that matches the search",
            Self::CancelLoad => "Stop opening a file; the dataset on screen stays",
            Self::ClearSelection => "Clear the selection",
            Self::FiltersPanel => "Show or hide the filters panel",
            Self::DetailsPanel => "Show or hide the details panel",
            Self::ExportPanel => "Open the Export tab: a preview of the figure, PNG and CSV",
            Self::OverviewStrip => "Show or hide the overview strip",
            Self::ShowAllLinks => {
                "Draw every link between events in view as an arrow, not only the selected event's"
            }
            Self::NamesOnLabels => {
                "A second line under each label with the event's names in their own scripts \
                 (日露戦争 · Русско-японская война), where it has them"
            }
            Self::SecondCalendarNone => "Only the Gregorian calendar on the axis",
            Self::SecondCalendarJulian => {
                "A row of Julian (Old Style) dates under the axis, as Russia dated until February \
                 1918; details and tooltips give every earlier date in Old Style too"
            }
            Self::SecondCalendarJapanese => {
                "A row of Japanese eras and their years under the axis; details and tooltips \
                 give every date's era year too"
            }
            Self::Chart => "Show or hide the chart: how many events start in each period, per lane",
            Self::ShowAllLanes => {
                "Show the lanes hidden by the filters or by \"Show only this lane\""
            }
            Self::ResetLanes => {
                "Put the lanes back in the file's order, expanded, each as tall as it needs"
            }
            Self::DarkMode => "Switch between dark and light",
            Self::CommandPalette => "Search every action by name and run it",
            Self::KeyboardShortcuts => "List every keyboard shortcut",
            Self::About => "The dataset's description and sources",
        }
    }

    /// The calendar a View ▸ Second calendar action chooses.
    pub fn second_calendar(self) -> Option<SecondCalendar> {
        match self {
            Self::SecondCalendarNone => Some(SecondCalendar::None),
            Self::SecondCalendarJulian => Some(SecondCalendar::Julian),
            Self::SecondCalendarJapanese => Some(SecondCalendar::JapaneseEras),
            _ => None,
        }
    }

    /// Its keyboard shortcuts, the first one shown in menus.
    pub fn shortcuts(self) -> &'static [KeyboardShortcut] {
        match self {
            Self::Open => keys!(ctrl(Key::O)),
            Self::Reload => keys!(ctrl(Key::R)),
            Self::ExportPanel => keys!(ctrl(Key::E)),
            Self::Chart => keys!(ctrl(Key::J)),
            Self::Quit => keys!(ctrl(Key::Q)),
            Self::Save => keys!(ctrl(Key::S)),
            Self::SaveAs => keys!(ctrl_shift(Key::S)),
            Self::Undo => keys!(ctrl(Key::Z)),
            Self::Redo => keys!(ctrl_shift(Key::Z), ctrl(Key::Y)),
            Self::NewEvent => keys!(ctrl(Key::N)),
            Self::EditEvent => keys!(key(Key::Enter), key(Key::E)),
            Self::DuplicateEvent => keys!(ctrl(Key::D)),
            Self::DeleteEvent => keys!(key(Key::Delete)),
            Self::ZoomToFit => keys!(key(Key::Home)),
            Self::ZoomIn => keys!(key(Key::Plus), key(Key::Equals)),
            Self::ZoomOut => keys!(key(Key::Minus)),
            Self::PanLeft => keys!(key(Key::ArrowLeft)),
            Self::PanRight => keys!(key(Key::ArrowRight)),
            Self::ZoomToSelected => keys!(key(Key::F)),
            Self::NextEvent => keys!(key(Key::N), key(Key::CloseBracket)),
            Self::PreviousEvent => keys!(key(Key::P), key(Key::OpenBracket)),
            Self::CancelLoad | Self::ClearSelection => keys!(key(Key::Escape)),
            Self::CommandPalette => keys!(ctrl(Key::K), ctrl_shift(Key::P)),
            _ => keys!(),
        }
    }

    /// Why the action cannot run now, or `None` when it can.
    pub fn disabled_reason(self, s: &ActionState) -> Option<&'static str> {
        match self {
            Self::Reload if !s.file => Some("The embedded dataset has no file"),
            Self::CsvColumns if !s.csv => Some("The dataset on screen is not a CSV file"),
            Self::SkippedRows if !s.skipped => Some("No row of the file on screen was skipped"),
            Self::FileNotes if !s.notes => Some("There are no notes on the file on screen"),
            Self::ZoomToSelected if !s.selection => Some("Select an event first"),
            Self::ClearSelection if !s.selection => Some("Nothing is selected"),
            Self::NextMatch if !s.searching => Some("Type a search first"),
            Self::CancelLoad if !s.loading => Some("No file is being opened"),
            Self::ShowAllLanes if !s.lanes_hidden => Some("Every lane is shown"),
            Self::ResetLanes if !s.lanes_arranged => Some("The lanes are as in the file"),
            Self::Undo | Self::Redo if s.typing => Some("Typing: the field undoes its own text"),
            Self::Undo if !s.can_undo => Some("Nothing to undo"),
            Self::Redo if !s.can_redo => Some("Nothing to redo"),
            Self::NewEvent | Self::EditEvent | Self::DuplicateEvent | Self::DeleteEvent
                if s.editing =>
            {
                Some("Apply or cancel the form first (Enter or Esc)")
            }
            Self::EditEvent | Self::DuplicateEvent | Self::DeleteEvent if !s.selection => {
                Some("Select an event first")
            }
            _ => None,
        }
    }

    /// Whether a toggle is on; `None` for actions that are not toggles.
    pub fn checked(self, s: &ActionState) -> Option<bool> {
        match self {
            Self::FiltersPanel => Some(s.filters),
            Self::DetailsPanel => Some(s.details),
            Self::OverviewStrip => Some(s.overview),
            Self::ShowAllLinks => Some(s.all_links),
            Self::NamesOnLabels => Some(s.names_on_labels),
            Self::SecondCalendarNone
            | Self::SecondCalendarJulian
            | Self::SecondCalendarJapanese => {
                Some(self.second_calendar() == Some(s.second_calendar))
            }
            Self::Chart => Some(s.chart),
            Self::DarkMode => Some(s.dark),
            _ => None,
        }
    }

    /// The command that runs the action now.
    pub fn command(self, s: &ActionState) -> Command {
        match self {
            Self::Open => Command::ShowOpenDialog,
            Self::OpenEmbedded => Command::OpenEmbedded,
            Self::Reload => Command::Reload,
            Self::CsvColumns => Command::AskColumns,
            Self::SkippedRows => Command::Show(Dialog::Skipped),
            Self::FileNotes => Command::Show(Dialog::Notes),
            Self::ExportPng | Self::ExportCsv | Self::ExportPanel => {
                Command::ShowTab(SideTab::Export)
            }
            Self::Quit => Command::Quit,
            Self::NewTimeline => Command::NewTimeline,
            Self::Save => Command::Save,
            Self::SaveAs => Command::SaveAs,
            Self::Properties => Command::ShowProperties,
            Self::Undo => Command::Undo,
            Self::Redo => Command::Redo,
            Self::NewEvent => Command::NewEvent,
            Self::EditEvent => Command::EditSelected,
            Self::DuplicateEvent => Command::DuplicateSelected,
            Self::DeleteEvent => Command::DeleteSelected,
            Self::LanesEditor => Command::Lanes(LaneCommand::Show(LanesOpen::Editor)),
            Self::NewLane => Command::Lanes(LaneCommand::Show(LanesOpen::NewLane)),
            Self::NewEra => Command::Lanes(LaneCommand::Show(LanesOpen::NewEra)),
            Self::ZoomToFit => Command::ZoomToFit,
            Self::ZoomIn => Command::Zoom(ZOOM_STEP),
            Self::ZoomOut => Command::Zoom(1.0 / ZOOM_STEP),
            Self::PanLeft => Command::Pan(-PAN_STEP),
            Self::PanRight => Command::Pan(PAN_STEP),
            Self::ZoomToSelected => Command::ZoomToSelected,
            Self::NextEvent => Command::Step(1),
            Self::PreviousEvent => Command::Step(-1),
            Self::NextMatch => Command::NextMatch,
            Self::CancelLoad => Command::CancelLoad,
            Self::ClearSelection => Command::Select(None),
            Self::FiltersPanel => Command::ShowPanel(Panel::Filters, !s.filters),
            Self::DetailsPanel if s.details => Command::ShowPanel(Panel::Details, false),
            Self::DetailsPanel => Command::ShowTab(SideTab::Details),
            Self::OverviewStrip => Command::ShowPanel(Panel::Overview, !s.overview),
            Self::ShowAllLinks => Command::ShowAllLinks(!s.all_links),
            Self::NamesOnLabels => Command::ShowNamesOnLabels(!s.names_on_labels),
            Self::SecondCalendarNone
            | Self::SecondCalendarJulian
            | Self::SecondCalendarJapanese => {
                Command::SetSecondCalendar(self.second_calendar().unwrap_or_default())
            }
            Self::Chart => Command::ShowPanel(Panel::Chart, !s.chart),
            Self::ShowAllLanes => Command::ShowAllLanes,
            Self::ResetLanes => Command::ResetLanes,
            Self::DarkMode => Command::SetDark(!s.dark),
            Self::CommandPalette => Command::Show(Dialog::Palette),
            Self::KeyboardShortcuts => Command::Show(Dialog::Shortcuts),
            Self::About => Command::Show(Dialog::About),
        }
    }
}

/// Whether shortcuts read as on a Mac (Cmd rather than Ctrl).
pub fn is_mac(ctx: &egui::Context) -> bool {
    ctx.os() == egui::os::OperatingSystem::Mac
}

/// A shortcut as people read it: `Ctrl+K`, `Ctrl+Shift+P`, `Home`, `Left`, `+`.
pub fn shortcut_text(shortcut: &KeyboardShortcut, is_mac: bool) -> String {
    let key = match shortcut.logical_key {
        // Arrows by name: their symbols are not in every font.
        k @ (Key::ArrowLeft | Key::ArrowRight | Key::ArrowUp | Key::ArrowDown) => k.name(),
        k => k.symbol_or_name(),
    };
    let mods = egui::ModifierNames::NAMES.format(&shortcut.modifiers, is_mac);
    if mods.is_empty() {
        key.to_owned()
    } else {
        format!("{mods}+{key}")
    }
}

/// Every shortcut of an action, `Ctrl+K / Ctrl+Shift+P`; `None` when it has none.
pub fn shortcuts_text(action: Action, is_mac: bool) -> Option<String> {
    let all: Vec<String> = action
        .shortcuts()
        .iter()
        .map(|s| shortcut_text(s, is_mac))
        .collect();
    (!all.is_empty()).then(|| all.join(" / "))
}

/// The commands of this frame's shortcuts. Shortcuts with Ctrl work always; plain keys only
/// when `plain_keys` (no text field has the focus and no dialog takes keys). A key runs the
/// first enabled action it is bound to, and shortcuts with more modifiers are tried first, so
/// Ctrl+Shift+P is never read as P.
pub fn pressed(input: &mut egui::InputState, s: &ActionState, plain_keys: bool) -> Vec<Command> {
    let mut bound: Vec<(KeyboardShortcut, Action)> = Action::ALL
        .iter()
        .flat_map(|&a| a.shortcuts().iter().map(move |&k| (k, a)))
        .filter(|(k, a)| a.disabled_reason(s).is_none() && (plain_keys || !k.modifiers.is_none()))
        .collect();
    bound.sort_by_key(|(k, _)| std::cmp::Reverse(modifier_count(k.modifiers)));
    let mut commands = Vec::new();
    for (shortcut, action) in bound {
        if input.consume_shortcut(&shortcut) {
            commands.push(action.command(s));
        }
    }
    commands
}

fn modifier_count(m: Modifiers) -> u8 {
    u8::from(m.command || m.ctrl) + u8::from(m.shift) + u8::from(m.alt)
}

#[cfg(test)]
#[path = "action_tests.rs"]
mod tests;
