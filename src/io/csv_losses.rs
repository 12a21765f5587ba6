//! What saving a dataset as CSV leaves out: CSV holds events only, so eras, the lanes' names,
//! colours (beyond the built-in ones) and order, empty lanes and the dataset's title, description
//! and sources are lost. Found by writing the CSV and reading it back, as it would be opened.

use crate::model::Dataset;

/// What a CSV file of `d` named `stem` would not hold, each in words (`2 eras`, `the colours
/// of 3 lanes`, `the dataset's description`); empty when it holds everything.
pub fn csv_losses(d: &Dataset, stem: &str) -> Vec<String> {
    let mut lost = Vec::new();
    let plural = |n: usize, one: &str, many: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {many}")
        }
    };
    if !d.eras().is_empty() {
        lost.push(plural(d.eras().len(), "era", "eras"));
    }
    let text = super::csv::dataset_to_string(d);
    let back = super::csv::parse(&text, stem).map(|(b, _)| b).ok();
    let back_themes = back.as_ref().map_or(&[][..], Dataset::themes);
    let (mut colours, mut names, mut empty) = (0, 0, 0);
    for t in d.themes() {
        match back_themes.iter().find(|b| b.id == t.id) {
            None => empty += 1,
            Some(b) => {
                colours += usize::from(b.color != t.color);
                names += usize::from(b.label != t.label);
            }
        }
    }
    if colours > 0 {
        lost.push(format!(
            "the colours of {}",
            plural(colours, "lane", "lanes")
        ));
    }
    if names > 0 {
        lost.push(format!("the names of {}", plural(names, "lane", "lanes")));
    }
    if empty > 0 {
        lost.push(plural(empty, "empty lane", "empty lanes"));
    }
    // CSV has no list of lanes: they come back in an order of its own (lanes reordered in
    // Lanes & eras, say).
    let kept: Vec<&str> = d
        .themes()
        .iter()
        .map(|t| t.id.as_str())
        .filter(|id| back_themes.iter().any(|b| b.id == *id))
        .collect();
    let back_order: Vec<&str> = back_themes
        .iter()
        .map(|b| b.id.as_str())
        .filter(|id| kept.contains(id))
        .collect();
    if kept != back_order {
        lost.push("the order of the lanes".to_owned());
    }
    if !d.meta.description.trim().is_empty() {
        lost.push("the dataset's description".to_owned());
    }
    if !d.meta.sources.is_empty() {
        lost.push("the dataset's sources".to_owned());
    }
    if d.meta.title.trim() != stem {
        lost.push(format!("the title \"{}\"", d.meta.title.trim()));
    }
    lost
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_dataset_loses_its_eras_description_and_title_in_csv() {
        let d = crate::io::default_dataset();
        let lost = csv_losses(&d, "japan-russia");
        assert_eq!(lost[0], format!("{} eras", d.eras().len()));
        assert!(
            lost.contains(&"the dataset's description".to_owned()),
            "{lost:?}"
        );
        assert!(
            !lost.iter().any(|l| l.contains("colours")),
            "the built-in lanes keep their colours: {lost:?}"
        );
    }

    #[test]
    fn events_alone_in_built_in_lanes_lose_nothing_but_a_title() {
        let d = crate::io::default_dataset();
        let (plain, _) = Dataset::new(
            crate::model::Meta {
                title: "events".into(),
                ..Default::default()
            },
            d.themes().to_vec(),
            Vec::new(),
            d.events().to_vec(),
        );
        assert_eq!(csv_losses(&plain, "events"), Vec::<String>::new());
        // The lanes reordered: CSV cannot keep their order.
        let mut themes = d.themes().to_vec();
        themes.swap(0, 1);
        let (reordered, _) = Dataset::new(
            plain.meta.clone(),
            themes,
            Vec::new(),
            plain.events().to_vec(),
        );
        assert_eq!(
            csv_losses(&reordered, "events"),
            vec!["the order of the lanes".to_owned()]
        );
    }
}
