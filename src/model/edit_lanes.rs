//! The edits of lanes (themes) and eras: add, rename, recolour, reorder and delete a lane (its
//! events moved to another lane, never deleted with it); add, change and delete an era. Each is
//! built from the dataset as it is, named as its undo step (`Rename lane 'War'`), and undone
//! exactly, the order of lanes and of eras with equal starts included. Pure: no egui.

use super::dataset::Dataset;
use super::edit::{Edit, EditError};
use super::event::{Era, Event, Rgb, Theme};

/// An edit and the name of its step.
#[derive(Clone, Debug, PartialEq)]
pub struct Named {
    pub name: String,
    pub edit: Edit,
}

impl Named {
    fn new(name: String, edit: Edit) -> Self {
        Self { name, edit }
    }
}

/// Where an era goes in a list sorted by start: at `index` when that keeps the list sorted (so
/// that undo puts an era back among others starting the same day where it was), else after
/// every era starting no later.
pub fn era_slot(eras: &[Era], index: usize, era: &Era) -> usize {
    let t = era.start.axis_start();
    let fits = index <= eras.len()
        && (index == 0 || eras[index - 1].start.axis_start() <= t)
        && (index == eras.len() || t <= eras[index].start.axis_start());
    if fits {
        index
    } else {
        eras.partition_point(|e| e.start.axis_start() <= t)
    }
}

/// Lower-case letters and digits of `text` joined by `-` (any script's letters kept), or
/// `fallback` when it has none: `Trade routes` → `trade-routes`.
pub fn slug(text: &str, fallback: &str) -> String {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let s: String = words.join("-").chars().take(60).collect();
    if s.is_empty() { fallback.to_owned() } else { s }
}

/// A theme named `label`, with an id made from it that no theme has and the first colour of the
/// colour-blind-safe palette that no lane uses (then generated ones).
pub fn new_theme(dataset: &Dataset, label: &str) -> Theme {
    let base = slug(label, "theme");
    let mut id = base.clone();
    let mut n = 2;
    while dataset.lane_of(&id).is_some() {
        id = format!("{base}-{n}");
        n += 1;
    }
    let taken: Vec<_> = dataset.themes().iter().map(|t| t.color).collect();
    Theme {
        label: label.to_owned(),
        ..Theme::generated(&id, &taken)
    }
}

/// The label a lane may take: trimmed, not empty, not another lane's (`except` may keep its own).
fn free_label(dataset: &Dataset, label: &str, except: Option<&str>) -> Result<String, EditError> {
    let label = label.trim();
    if label.is_empty() {
        return Err(EditError::NoThemeLabel);
    }
    let taken = dataset
        .themes()
        .iter()
        .any(|t| t.label == label && Some(t.id.as_str()) != except);
    if taken {
        return Err(EditError::LabelTaken(label.to_owned()));
    }
    Ok(label.to_owned())
}

fn theme_at<'a>(dataset: &'a Dataset, id: &str) -> Result<(usize, &'a Theme), EditError> {
    let i = dataset
        .lane_of(id)
        .ok_or_else(|| EditError::NoSuchTheme(id.to_owned()))?;
    Ok((i, &dataset.themes()[i]))
}

/// A new lane named `label`, after the others: `New lane 'Trade'`.
pub fn add_lane(dataset: &Dataset, label: &str) -> Result<Named, EditError> {
    let label = free_label(dataset, label, None)?;
    let theme = new_theme(dataset, &label);
    let edit = Edit::AddTheme {
        index: dataset.themes().len(),
        theme,
    };
    Ok(Named::new(format!("New lane '{label}'"), edit))
}

/// The lane `id` named `label`: `Rename lane 'War'`.
pub fn rename_lane(dataset: &Dataset, id: &str, label: &str) -> Result<Named, EditError> {
    changed_lane(dataset, id, "Rename", |t| {
        t.label = free_label(dataset, label, Some(id))?;
        Ok(())
    })
}

/// The lane `id` changed by `change` (which may refuse), one step named `{verb} lane 'War'`.
fn changed_lane(
    dataset: &Dataset,
    id: &str,
    verb: &str,
    change: impl FnOnce(&mut Theme) -> Result<(), EditError>,
) -> Result<Named, EditError> {
    let (index, before) = theme_at(dataset, id)?;
    let mut after = before.clone();
    change(&mut after)?;
    Ok(Named::new(
        format!("{verb} lane '{}'", before.label),
        Edit::ReplaceTheme {
            index,
            before: before.clone(),
            after,
        },
    ))
}

/// The lane `id` in another colour: `Recolour lane 'War'`.
pub fn recolour_lane(dataset: &Dataset, id: &str, color: Rgb) -> Result<Named, EditError> {
    changed_lane(dataset, id, "Recolour", |t| {
        t.color = color;
        Ok(())
    })
}

/// The lane `id` moved to place `to` in the dataset's list of lanes (the order saved in the
/// file): `Move lane 'War' up`. `None` when it is there already or `to` is past the end.
pub fn move_lane(dataset: &Dataset, id: &str, to: usize) -> Result<Option<Named>, EditError> {
    let (from, theme) = theme_at(dataset, id)?;
    if from == to || to >= dataset.themes().len() {
        return Ok(None);
    }
    let way = if to < from { "up" } else { "down" };
    let name = format!("Move lane '{}' {way}", theme.label);
    Ok(Some(Named::new(name, Edit::MoveTheme { from, to })))
}

/// Deletes the lane `id`, its events moved to the lane `to` first (in the same step):
/// `Delete lane 'War'`. A lane with events and no `to` is refused: events are never deleted
/// with their lane.
pub fn delete_lane(dataset: &Dataset, id: &str, to: Option<&str>) -> Result<Named, EditError> {
    let (index, theme) = theme_at(dataset, id)?;
    let moved: Vec<&Event> = dataset.events().iter().filter(|e| e.theme == id).collect();
    let mut edits = Vec::with_capacity(moved.len() + 1);
    if !moved.is_empty() {
        let to = match to {
            Some(t) if t != id => theme_at(dataset, t)?.1.id.clone(),
            _ => return Err(EditError::ThemeInUse(id.to_owned())),
        };
        for e in moved {
            let mut after = e.clone();
            after.theme = to.as_str().into();
            edits.push(Edit::ReplaceEvent {
                before: Box::new(e.clone()),
                after: Box::new(after),
            });
        }
    }
    edits.push(Edit::RemoveTheme {
        index,
        theme: theme.clone(),
    });
    let edit = if edits.len() == 1 {
        edits.remove(0)
    } else {
        Edit::Group(edits)
    };
    Ok(Named::new(format!("Delete lane '{}'", theme.label), edit))
}

/// An era as it may be added: named, ending after it starts. (Checked here rather than when
/// the edit applies, so that undoing the deletion of any era a file held puts it back.)
fn check_era(era: &Era) -> Result<(), EditError> {
    if era.label.trim().is_empty() {
        return Err(EditError::NoEraLabel);
    }
    if era.end.axis_end() <= era.start.axis_start() {
        return Err(EditError::EraEndBeforeStart(era.label.clone()));
    }
    Ok(())
}

/// A new era, in its place by start: `New era 'Meiji'`.
pub fn add_era(dataset: &Dataset, era: Era) -> Result<Named, EditError> {
    check_era(&era)?;
    let eras = dataset.eras();
    let index = era_slot(eras, eras.len(), &era);
    let name = format!("New era '{}'", era.label);
    Ok(Named::new(name, Edit::AddEra { index, era }))
}

/// The era at `index` changed to `after` (moved to its place by start): `Edit era 'Meiji'`.
pub fn replace_era(dataset: &Dataset, index: usize, after: Era) -> Result<Named, EditError> {
    check_era(&after)?;
    let before = dataset
        .eras()
        .get(index)
        .ok_or_else(|| EditError::NoSuchEra(after.label.clone()))?;
    let mut rest = dataset.eras().to_vec();
    rest.remove(index);
    let to = era_slot(&rest, index, &after);
    let edit = Edit::Group(vec![
        Edit::RemoveEra {
            index,
            era: before.clone(),
        },
        Edit::AddEra {
            index: to,
            era: after,
        },
    ]);
    Ok(Named::new(format!("Edit era '{}'", before.label), edit))
}

/// Deletes the era at `index`: `Delete era 'Meiji'`.
pub fn delete_era(dataset: &Dataset, index: usize) -> Result<Named, EditError> {
    let era = dataset
        .eras()
        .get(index)
        .ok_or_else(|| EditError::NoSuchEra(format!("#{}", index + 1)))?;
    let name = format!("Delete era '{}'", era.label);
    Ok(Named::new(
        name,
        Edit::RemoveEra {
            index,
            era: era.clone(),
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{HistDate, History, Meta};

    fn date(s: &str) -> HistDate {
        HistDate::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    fn era(label: &str, start: &str, end: &str) -> Era {
        Era {
            label: label.into(),
            start: date(start),
            end: date(end),
            color: None,
        }
    }

    fn event(id: &str, start: &str, theme: &str) -> Event {
        let mut e = Event::new(id, id, date(start));
        e.theme = theme.into();
        e.set_importance(3);
        e
    }

    fn dataset() -> Dataset {
        Dataset::new(
            Meta::default(),
            Theme::defaults(),
            vec![
                era("Edo", "1603", "1868"),
                era("Meiji", "1868", "1912"),
                era("Boshin", "1868", "1869"),
            ],
            vec![
                event("shimoda", "1855-02-07", "diplomacy"),
                event("war", "1904-02-08", "war"),
                event("sakhalin", "1875", "territory"),
            ],
        )
        .0
    }

    fn ok<T>(r: Result<T, EditError>) -> T {
        r.unwrap_or_else(|e| panic!("{e}"))
    }

    /// Makes each step in turn, then undoes them all: back to `d0` exactly.
    fn undo_all(d0: &Dataset, h: &mut History, mut d: Dataset) {
        while let Some(step) = h.undo(&d) {
            d = ok(step).0;
        }
        assert_eq!(&d, d0);
    }

    #[test]
    fn a_lane_is_added_renamed_recoloured_moved_and_deleted_and_all_undone() {
        let d0 = dataset();
        let mut h = History::default();
        let add = ok(add_lane(&d0, " Trade "));
        assert_eq!(add.name, "New lane 'Trade'");
        let d1 = ok(h.apply(&d0, add.name, add.edit, None));
        let trade = &d1.themes()[3];
        assert_eq!(
            (trade.id.as_str(), trade.label.as_str()),
            ("trade", "Trade")
        );
        assert_eq!(
            trade.color,
            crate::model::event::LANE_PALETTE[3],
            "palette first"
        );
        assert_eq!(
            add_lane(&d1, "trade ").map(|_| ()).ok(),
            Some(()),
            "labels are compared as written"
        );
        assert_eq!(
            add_lane(&d1, "War").map(|n| n.name),
            Err(EditError::LabelTaken("War".into()))
        );
        assert_eq!(
            add_lane(&d1, "  ").map(|n| n.name),
            Err(EditError::NoThemeLabel)
        );

        let r = ok(rename_lane(&d1, "war", "Wars"));
        assert_eq!(r.name, "Rename lane 'War'");
        let d2 = ok(h.apply(&d1, r.name, r.edit, None));
        assert_eq!(d2.themes()[1].label, "Wars");
        let c = ok(recolour_lane(&d2, "war", Rgb([1, 2, 3])));
        let d3 = ok(h.apply(&d2, c.name, c.edit, None));
        assert_eq!(d3.themes()[1].color, Rgb([1, 2, 3]));
        let m = ok(move_lane(&d3, "trade", 0)).unwrap_or_else(|| panic!("moves"));
        assert_eq!(m.name, "Move lane 'Trade' up");
        let d4 = ok(h.apply(&d3, m.name, m.edit, None));
        let ids: Vec<_> = d4.themes().iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["trade", "diplomacy", "war", "territory"]);
        assert_eq!(ok(move_lane(&d4, "trade", 0)), None, "there already");
        undo_all(&d0, &mut h, d4);
    }

    #[test]
    fn deleting_a_lane_with_events_moves_them_and_never_deletes_them() {
        let d0 = dataset();
        assert_eq!(
            delete_lane(&d0, "war", None).map(|n| n.name),
            Err(EditError::ThemeInUse("war".into()))
        );
        assert_eq!(
            delete_lane(&d0, "war", Some("war")).map(|n| n.name),
            Err(EditError::ThemeInUse("war".into()))
        );
        let mut h = History::default();
        let del = ok(delete_lane(&d0, "war", Some("territory")));
        assert_eq!(del.name, "Delete lane 'War'");
        let d1 = ok(h.apply(&d0, del.name, del.edit, None));
        assert_eq!(d1.themes().len(), 2);
        assert_eq!(d1.events().len(), 3, "no event deleted");
        assert_eq!(d1.by_id("war").map(|e| e.theme.as_str()), Some("territory"));
        undo_all(&d0, &mut h, d1);

        // An empty lane goes without asking.
        let add = ok(add_lane(&d0, "Trade"));
        let d1 = ok(h.apply(&d0, add.name, add.edit, None));
        let del = ok(delete_lane(&d1, "trade", None));
        let d2 = ok(h.apply(&d1, del.name, del.edit, None));
        assert_eq!(d2, d0);
    }

    #[test]
    fn eras_are_added_changed_and_deleted_in_start_order_and_undone_exactly() {
        let d0 = dataset();
        let labels =
            |d: &Dataset| -> Vec<String> { d.eras().iter().map(|e| e.label.clone()).collect() };
        assert_eq!(labels(&d0), ["Edo", "Meiji", "Boshin"]);
        let mut h = History::default();
        let add = ok(add_era(&d0, era("Taishō", "1912-07-30", "1926-12-25")));
        assert_eq!(add.name, "New era 'Taishō'");
        let d1 = ok(h.apply(&d0, add.name, add.edit, None));
        assert_eq!(labels(&d1), ["Edo", "Meiji", "Boshin", "Taishō"]);
        // Meiji made to start later: it moves after Boshin.
        let edit = ok(replace_era(
            &d1,
            1,
            era("Meiji", "1868-10-23", "1912-07-30"),
        ));
        assert_eq!(edit.name, "Edit era 'Meiji'");
        let d2 = ok(h.apply(&d1, edit.name, edit.edit, None));
        assert_eq!(labels(&d2), ["Edo", "Boshin", "Meiji", "Taishō"]);
        let del = ok(delete_era(&d2, 0));
        assert_eq!(del.name, "Delete era 'Edo'");
        let d3 = ok(h.apply(&d2, del.name, del.edit, None));
        assert_eq!(labels(&d3), ["Boshin", "Meiji", "Taishō"]);
        // Undone, Meiji is back before Boshin (both start in 1868).
        undo_all(&d0, &mut h, d3);

        let bad = add_era(&d0, era("Backwards", "1900", "1890"));
        assert_eq!(
            bad.map(|n| n.name),
            Err(EditError::EraEndBeforeStart("Backwards".into()))
        );
        let unnamed = add_era(&d0, era(" ", "1900", "1910"));
        assert_eq!(unnamed.map(|n| n.name), Err(EditError::NoEraLabel));
    }

    #[test]
    fn an_era_slot_keeps_the_list_sorted() {
        let eras = dataset().eras().to_vec();
        let late = era("Late", "1900", "1950");
        assert_eq!(era_slot(&eras, 0, &late), 3);
        assert_eq!(era_slot(&eras, 3, &late), 3);
        let same = era("Same", "1868", "1870");
        assert_eq!(era_slot(&eras, 1, &same), 1, "among equals, where asked");
        assert_eq!(era_slot(&eras, 9, &same), 3);
    }
}
