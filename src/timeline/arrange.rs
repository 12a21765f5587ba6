//! How a user arranged the lanes of one dataset: their order, the collapsed ones, the heights set
//! by dragging a lane's lower edge, and the lanes hidden ("Show only this lane"). Kept by theme
//! id, so that it survives a reload, themes added later and themes that went away; the window
//! remembers one per dataset. Pure: the layout reads it through [`LaneArrangement::ordered`] and
//! [`LaneArrangement::rows`].

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::model::Theme;

/// The lanes' order, collapsed lanes, fixed heights and hidden lanes.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LaneArrangement {
    /// Theme ids in the order chosen; themes not listed follow in the dataset's order.
    pub order: Vec<String>,
    /// Lanes shown as one row of markers (or a density graph).
    pub collapsed: BTreeSet<String>,
    /// Lanes given a height, in sub-rows, by dragging their lower edge.
    pub heights: BTreeMap<String, usize>,
    /// Lanes hidden (the filter's lanes).
    pub hidden: BTreeSet<String>,
}

/// The arrangement of a dataset nobody arranged: the dataset's order, every lane shown and sized
/// by need.
pub static NO_ARRANGEMENT: LaneArrangement = LaneArrangement {
    order: Vec::new(),
    collapsed: BTreeSet::new(),
    heights: BTreeMap::new(),
    hidden: BTreeSet::new(),
};

/// How many sub-rows a lane may take.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rows {
    /// As many as it needs, sharing the height with the others.
    Auto,
    /// The fewest it can show (one row of markers, or the density graph).
    Collapsed,
    /// This many, set by the user.
    Fixed(usize),
}

impl LaneArrangement {
    /// Whether nothing was arranged.
    pub fn is_default(&self) -> bool {
        *self == NO_ARRANGEMENT
    }

    /// Theme indices in display order: the ids of [`Self::order`] that exist, then the other
    /// themes in the dataset's order.
    pub fn ordered(&self, themes: &[Theme]) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::with_capacity(themes.len());
        for id in &self.order {
            if let Some(i) = themes.iter().position(|t| &t.id == id)
                && !out.contains(&i)
            {
                out.push(i);
            }
        }
        let rest: Vec<usize> = (0..themes.len()).filter(|i| !out.contains(i)).collect();
        out.extend(rest);
        out
    }

    /// How many rows the lane of theme `id` may take; collapsed wins over a fixed height.
    pub fn rows(&self, id: &str) -> Rows {
        if self.collapsed.contains(id) {
            Rows::Collapsed
        } else {
            self.heights.get(id).map_or(Rows::Auto, |&n| Rows::Fixed(n))
        }
    }

    /// Moves the lane of theme `id` just before the lane of theme `before` (to the end when
    /// `None`). Unknown ids change nothing.
    pub fn move_lane(&mut self, themes: &[Theme], id: &str, before: Option<&str>) {
        let mut ids: Vec<&str> = self
            .ordered(themes)
            .into_iter()
            .map(|i| themes[i].id.as_str())
            .collect();
        let Some(from) = ids.iter().position(|&t| t == id) else {
            return;
        };
        if before.is_some_and(|b| b == id || !ids.contains(&b)) {
            return;
        }
        let moved = ids.remove(from);
        let to = before
            .and_then(|b| ids.iter().position(|&t| t == b))
            .unwrap_or(ids.len());
        ids.insert(to, moved);
        self.order = ids.into_iter().map(str::to_owned).collect();
    }

    /// Collapses or expands the lane of theme `id`.
    pub fn set_collapsed(&mut self, id: &str, collapsed: bool) {
        if collapsed {
            self.collapsed.insert(id.to_owned());
        } else {
            self.collapsed.remove(id);
        }
    }

    /// Gives the lane of theme `id` a height of `rows` sub-rows, or (`None`) the rows it needs.
    /// Expands it too: a height is for seeing the rows.
    pub fn set_height(&mut self, id: &str, rows: Option<usize>) {
        self.collapsed.remove(id);
        match rows {
            Some(n) => {
                self.heights.insert(id.to_owned(), n.max(1));
            }
            None => {
                self.heights.remove(id);
            }
        }
    }

    /// Lets every lane take what it needs again: no collapsed lane and no fixed height.
    pub fn unconstrain(&mut self, id: &str) {
        self.collapsed.remove(id);
        self.heights.remove(id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Rgb;

    fn themes(ids: &[&str]) -> Vec<Theme> {
        ids.iter()
            .map(|id| Theme {
                id: (*id).to_owned(),
                label: id.to_uppercase(),
                color: Rgb([0, 0, 0]),
            })
            .collect()
    }

    fn ids(a: &LaneArrangement, t: &[Theme]) -> Vec<String> {
        a.ordered(t).into_iter().map(|i| t[i].id.clone()).collect()
    }

    #[test]
    fn nobody_arranged_means_the_datasets_order_and_lanes_by_need() {
        let t = themes(&["diplomacy", "war", "territory"]);
        let a = LaneArrangement::default();
        assert!(a.is_default());
        assert_eq!(a.ordered(&t), vec![0, 1, 2]);
        assert_eq!(a.rows("war"), Rows::Auto);
    }

    #[test]
    fn a_lane_moves_before_another_or_to_the_end() {
        let t = themes(&["diplomacy", "war", "territory"]);
        let mut a = LaneArrangement::default();
        a.move_lane(&t, "territory", Some("diplomacy"));
        assert_eq!(ids(&a, &t), ["territory", "diplomacy", "war"]);
        a.move_lane(&t, "territory", None);
        assert_eq!(ids(&a, &t), ["diplomacy", "war", "territory"]);
        a.move_lane(&t, "diplomacy", Some("territory"));
        assert_eq!(ids(&a, &t), ["war", "diplomacy", "territory"]);
    }

    #[test]
    fn moving_to_itself_or_unknown_lanes_changes_nothing() {
        let t = themes(&["a", "b"]);
        let mut a = LaneArrangement::default();
        a.move_lane(&t, "a", Some("a"));
        a.move_lane(&t, "zzz", Some("a"));
        a.move_lane(&t, "b", Some("zzz"));
        assert!(a.is_default(), "{a:?}");
    }

    #[test]
    fn the_order_survives_themes_that_come_and_go() {
        let mut a = LaneArrangement::default();
        a.move_lane(&themes(&["a", "b", "c"]), "c", Some("a"));
        // "b" went away and "d" came: "c" still comes before "a", "d" follows.
        let later = themes(&["a", "c", "d"]);
        assert_eq!(ids(&a, &later), ["c", "a", "d"]);
    }

    #[test]
    fn collapsed_wins_over_a_height_and_a_new_height_expands() {
        let mut a = LaneArrangement::default();
        a.set_height("war", Some(4));
        assert_eq!(a.rows("war"), Rows::Fixed(4));
        a.set_collapsed("war", true);
        assert_eq!(a.rows("war"), Rows::Collapsed);
        a.set_height("war", Some(0));
        assert_eq!(a.rows("war"), Rows::Fixed(1), "at least one row");
        a.unconstrain("war");
        assert_eq!(a.rows("war"), Rows::Auto);
        assert!(a.is_default());
    }

    #[test]
    fn it_is_remembered_as_json_and_old_files_without_it_read_as_default() {
        let mut a = LaneArrangement::default();
        a.move_lane(&themes(&["a", "b"]), "b", Some("a"));
        a.set_collapsed("a", true);
        a.hidden.insert("c".into());
        let json = serde_json::to_string(&a).unwrap_or_default();
        let back: LaneArrangement = serde_json::from_str(&json).unwrap_or_default();
        assert_eq!(back, a);
        let empty: LaneArrangement = serde_json::from_str("{}").unwrap_or_default();
        assert!(empty.is_default());
    }
}
