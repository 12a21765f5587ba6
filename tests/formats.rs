//! The formats people keep, each from a small file made for the test under `tests/formats/`:
//! `TimelineJS` JSON as found in the wild (events without headlines, HTML, media, display dates, a
//! cosmological scale), vis-timeline with HTML, `TimelineJS`'s Google Sheets template, Wikidata
//! query results, and people's lives.

use std::path::Path;

use chronolane::io::{Loaded, load_path};
use chronolane::model::{Dataset, Event, Source};

fn load(name: &str) -> Loaded {
    let path = format!("tests/formats/{name}");
    load_path(Path::new(&path)).unwrap_or_else(|e| panic!("{path} should load: {e}"))
}

fn event<'a>(d: &'a Dataset, title: &str) -> &'a Event {
    d.events()
        .iter()
        .find(|e| e.title() == title)
        .unwrap_or_else(|| {
            let titles: Vec<&str> = d
                .events()
                .iter()
                .map(chronolane::model::Event::title)
                .collect();
            panic!("no event titled {title:?} among {titles:?}")
        })
}

fn source(title: &str, url: &str) -> Source {
    Source {
        title: title.into(),
        url: Some(url.into()),
    }
}

/// No text Chronolane keeps from a file shows a tag.
fn assert_no_tags(d: &Dataset) {
    for e in d.events() {
        for text in [e.title(), e.description()] {
            assert!(!text.contains('<') && !text.contains('>'), "{text:?}");
        }
        for s in e.sources() {
            assert!(!s.title.contains('<'), "{s:?}");
        }
    }
}

#[test]
fn timelinejs_json_from_the_wild() {
    let Loaded { dataset: d, notes } = load("timelinejs-wild.json");
    assert_eq!(d.meta.title, "Harbour town");
    assert_eq!(
        d.meta.description,
        "A made-up town\u{2019}s history, as TimelineJS files are found."
    );
    assert_eq!(d.events().len(), 4);
    assert_no_tags(&d);

    let pier = event(&d, "The old pier");
    assert_eq!(pier.id(), "pier");
    assert_eq!(
        pier.description(),
        "Built in 1855 by the builders' guild.\n\nRebuilt twice."
    );
    assert_eq!(
        pier.sources(),
        [
            source("the builders' guild", "https://example.org/builders"),
            source(
                "The pier c. 1860 (Town archive)",
                "https://example.org/pier.jpg"
            ),
            source("Town archive", "https://example.org/archive"),
        ]
    );
    assert_eq!(pier.theme, "buildings");

    let frozen = event(&d, "Spring 1861");
    assert_eq!(frozen.display_date(), Some("Spring 1861"));
    assert_eq!(frozen.start().edtf(), "1861-04");
    assert_eq!(frozen.description(), "The harbour froze.");
    event(
        &d,
        "A storm took the lighthouse roof and half of the fishing…",
    );
    let market = event(&d, "The new market hall");
    assert_eq!(
        market.sources(),
        [source(
            "The new market hall",
            "https://example.org/market.jpg"
        )]
    );

    assert_eq!(
        notes,
        [
            "tests/formats/timelinejs-wild.json:23: an event without a headline is titled \"Spring 1861\" after its display date",
            "tests/formats/timelinejs-wild.json:29: an event without a headline is titled \"A storm took the lighthouse roof and half of the fishing…\" after the first words of its text",
            "tests/formats/timelinejs-wild.json:33: an event without a headline is titled \"The new market hall\" after its media caption",
        ]
    );
}

#[test]
fn timelinejs_saved_as_native_json_keeps_the_display_date() {
    let d = load("timelinejs-wild.json").dataset;
    let text = chronolane::io::json::to_string(&d);
    assert!(text.contains("\"display_date\": \"Spring 1861\""), "{text}");
    let (again, _) = chronolane::io::json::parse(&text).unwrap_or_else(|p| panic!("{p:?}"));
    assert_eq!(again.events(), d.events());
    let csv = chronolane::io::csv::dataset_to_string(&d);
    assert!(
        csv.starts_with(
            "id,title,start,end,theme,importance,place,description,sources,tags,display_date\n"
        ),
        "{csv}"
    );
    let (again, _) = chronolane::io::csv::parse(&csv, "x").unwrap_or_else(|p| panic!("{p:?}"));
    assert_eq!(again.events(), d.events());
}

#[test]
fn timelinejs_cosmological_scale_with_html() {
    let Loaded { dataset: d, notes } = load("timelinejs-cosmological.json");
    assert_no_tags(&d);
    let big_bang = event(&d, "The Big Bang");
    assert_eq!(big_bang.description(), "Everything, at once.");
    let earth = event(&d, "The Earth forms from the disc around the young Sun.");
    assert!(earth.axis_start() < event(&d, "A day on the Moon").axis_start());
    assert!(big_bang.axis_start() < earth.axis_start());
    let moon = event(&d, "A day on the Moon");
    assert_eq!(moon.display_date(), Some("20 July 1969, 20:17 UTC"));
    assert!(
        notes
            .iter()
            .any(|n| n.ends_with("after the first words of its text")),
        "{notes:?}"
    );
}

#[test]
fn vis_timeline_html_is_text_and_links_are_sources() {
    let d = load("vis-html.json").dataset;
    assert_no_tags(&d);
    let treaty = event(&d, "Treaty of Portsmouth");
    assert_eq!(
        treaty.description(),
        "Signed in Portsmouth, New Hampshire.\n\nEnds the war."
    );
    assert_eq!(
        treaty.sources(),
        [source(
            "Portsmouth",
            "https://en.wikipedia.org/wiki/Treaty_of_Portsmouth"
        )]
    );
    assert_eq!(d.themes()[0].label, "Diplomacy");
}

#[test]
fn timelinejs_google_sheet_csv_with_title_and_era_rows() {
    let Loaded { dataset: d, notes } = load("timelinejs-sheet.csv");
    assert_eq!(d.meta.title, "A harbour town");
    assert_eq!(
        d.meta.description,
        "A made-up town, kept in TimelineJS's sheet."
    );
    let eras: Vec<String> = d
        .eras()
        .iter()
        .map(|e| format!("{} {}/{}", e.label, e.start, e.end))
        .collect();
    assert_eq!(
        eras,
        ["The sailing years 1850/1869", "The steam years 1870/1899"]
    );
    assert_eq!(d.events().len(), 4);
    assert_no_tags(&d);
    let pier = event(&d, "The pier opens");
    assert!(
        pier.start().edtf().starts_with("1855-02-07"),
        "{}",
        pier.start()
    );
    assert_eq!(
        pier.description(),
        "Opened by the mayor.\n\nSee the pier's page."
    );
    assert_eq!(
        pier.sources(),
        [
            source("the pier's page", "https://example.org/pier"),
            source(
                "The pier on its first day (Town archive)",
                "https://example.org/pier.jpg"
            ),
        ]
    );
    let frozen = event(&d, "Spring 1861");
    assert_eq!(frozen.display_date(), Some("Spring 1861"));
    assert_eq!(frozen.start().edtf(), "1861-04");
    let lanes: Vec<&str> = d.themes().iter().map(|t| t.label.as_str()).collect();
    assert_eq!(lanes, ["Buildings", "Weather", "Events"]);
    assert_eq!(event(&d, "The lighthouse").when_in_words(), "1881–1883");
    assert_eq!(event(&d, "Caesar sails past").start().in_words(), "55 BC");
    assert!(
        notes.iter().any(|n| n
            == "tests/formats/timelinejs-sheet.csv: column \"Background\" is not used: Chronolane draws no background colors or images (2 rows have one)"),
        "{notes:?}"
    );
}

#[test]
fn timelinejs_google_sheet_tsv() {
    let d = load("timelinejs-sheet.tsv").dataset;
    assert_eq!(d.meta.title, "Tabbed");
    let war = event(&d, "Russo-Japanese War");
    assert_eq!(war.when_in_words(), "8 February 1904 – 5 September 1905");
    assert_eq!(war.description(), "From Port Arthur to Portsmouth.");
    assert_eq!(d.themes()[0].label, "War");
}

#[test]
fn wikidata_query_results_as_json_csv_and_tsv() {
    let Loaded { dataset: d, notes } = load("wikidata-query.json");
    assert_eq!(d.meta.title, "wikidata-query");
    let treaty = event(&d, "A treaty is signed");
    assert_eq!(treaty.start().in_words(), "7 February 1855");
    assert_eq!(
        treaty.sources(),
        [source(
            "Wikidata Q1000001",
            "http://www.wikidata.org/entity/Q1000001"
        )]
    );
    assert_eq!(
        event(&d, "A war").when_in_words(),
        "8 February 1904 – 5 September 1905"
    );
    assert!(
        notes.contains(
            &"tests/formats/wikidata-query.json: variable \"itemLabel\" is read as title"
                .to_owned()
        ),
        "{notes:?}"
    );

    let d = load("wikidata-query.csv").dataset;
    // The CSV and TSV downloads give no type: the date readers keep the midnight of a date-time
    // that is valid EDTF.
    let day = |e: &Event| e.start().edtf().get(..10).map(str::to_owned);
    assert_eq!(
        day(event(&d, "A harbour opens")).as_deref(),
        Some("1871-05-01")
    );
    let master = event(&d, "A harbour master");
    assert_eq!(day(master).as_deref(), Some("1820-03-04"));
    assert!(
        master
            .end
            .as_ref()
            .is_some_and(|e| e.edtf().starts_with("1890-11-30"))
    );
    assert_eq!(master.sources()[0].title, "Wikidata Q1000004");

    let d = load("wikidata-query.tsv").dataset;
    assert_eq!(day(event(&d, "A strike")).as_deref(), Some("1912-06-01"));

    // The SPARQL TSV download: `?variables` and RDF terms.
    let d = load("wikidata-query-sparql.tsv").dataset;
    let fire = event(&d, "A \"great\" fire");
    assert_eq!(fire.start().in_words(), "4 July 1866");
    assert_eq!(fire.sources()[0].title, "Wikidata Q1000006");
}

#[test]
fn lifespans_are_dates_or_a_life_beside_them() {
    let d = load("lives.csv").dataset;
    let composer = event(&d, "A composer");
    assert_eq!(composer.when_in_words(), "1 March 1810 – 17 October 1849");
    assert!(composer.life().is_none());
    let poet = event(&d, "A poet who died young");
    assert_eq!(poet.when_in_words(), "23 February 1821");
    let king = event(&d, "A king's reign");
    assert_eq!(king.when_in_words(), "871 – 26 October 899");
    let life = king.life().map(chronolane::model::Life::in_words);
    assert_eq!(
        life.as_deref(),
        Some("born c. 849, died 26 October 899, aged about 50")
    );
    assert!(event(&d, "A bridge").life().is_none());

    // Kept through a save as CSV and as native JSON.
    let csv = chronolane::io::csv::dataset_to_string(&d);
    assert!(
        csv.starts_with(
            "id,title,start,end,theme,importance,place,description,sources,tags,born,died\n"
        ),
        "{csv}"
    );
    let (again, _) = chronolane::io::csv::parse(&csv, "x").unwrap_or_else(|p| panic!("{p:?}"));
    assert_eq!(again.events(), d.events());
    let json = chronolane::io::json::to_string(&d);
    assert!(json.contains("\"born\": \"0849~\""), "{json}");
    let (again, _) = chronolane::io::json::parse(&json).unwrap_or_else(|p| panic!("{p:?}"));
    assert_eq!(again.events(), d.events());
}

#[test]
fn a_life_is_drawn_as_a_thin_line_behind_the_bar() {
    use chronolane::export::figure::{FigureOptions, Look};
    use chronolane::export::png::OffscreenRenderer;
    use chronolane::model::{Filter, HistDate, Meta};
    use chronolane::timeline::TimeView;
    use chronolane::timeline::arrange::LaneArrangement;

    let d = load("lives.csv").dataset;
    let king = event(&d, "A king's reign").clone();
    let mut without = king.clone();
    without.more_mut().life = None;
    let date = |s: &str| HistDate::parse(s).unwrap_or_else(|e| panic!("{e}"));
    let opts = FigureOptions {
        view: TimeView::fit(date("0830").axis_start(), date("0910").axis_end()),
        look: Look {
            width: 800,
            height: 300,
            scale: 1.0,
            ..Look::default()
        },
        lanes: LaneArrangement::default(),
        selected: None,
    };
    let mut renderer = OffscreenRenderer::new().unwrap_or_else(|e| panic!("{e}"));
    let mut draw = |e: Event| {
        let (one, _) = Dataset::new(Meta::default(), vec![], vec![], vec![e]);
        renderer
            .render(&one, &Filter::default(), &opts)
            .unwrap_or_else(|e| panic!("{e}"))
    };
    let (a, b) = (draw(king), draw(without));
    let mut changed = Vec::new();
    for y in 0..a.height {
        for x in 0..a.width {
            if a.pixel(x, y) != b.pixel(x, y) {
                changed.push((x, y));
            }
        }
    }
    assert!(changed.len() > 50, "{} pixels changed", changed.len());
    let (x0, x1) = (
        changed.iter().map(|p| p.0).min().unwrap_or(0),
        changed.iter().map(|p| p.0).max().unwrap_or(0),
    );
    let (y0, y1) = (
        changed.iter().map(|p| p.1).min().unwrap_or(0),
        changed.iter().map(|p| p.1).max().unwrap_or(0),
    );
    // A line about 22 years long (849 to 871) of 80 across 800 pixels, a few pixels high.
    assert!(x1 - x0 > 150, "{x0}..{x1}");
    assert!(y1 - y0 <= 10, "{y0}..{y1}");
}

/// The window, showing `file` with the event titled `title` selected (the import dialog asks
/// about the columns of `lives.csv` only, and is answered with the columns it recognised).
fn window_with_selected(
    file: &str,
    title: &str,
) -> egui_kittest::Harness<'static, chronolane::ui::App> {
    use chronolane::io::ColumnMap;
    use chronolane::ui::App;
    use chronolane::ui::command::Command;
    use chronolane::ui::state::Persisted;
    let mut h = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1400.0, 800.0))
        .with_max_steps(12)
        .build_eframe(|_cc| App::with_state(Persisted::default()));
    h.run();
    let path = std::path::PathBuf::from(format!("tests/formats/{file}"));
    h.state_mut().push(Command::Open(path.clone()));
    h.run();
    let asked = h.state().probe().import.is_some();
    assert_eq!(asked, file == "lives.csv", "import dialog for {file}");
    if asked {
        // A CSV of other names: the import dialog asks first; its choice is the loader's own.
        h.state_mut()
            .push(Command::Import(path, ColumnMap::default()));
        h.run();
    }
    let index = h
        .state()
        .probe()
        .dataset
        .events()
        .iter()
        .position(|e| e.title() == title);
    assert!(index.is_some(), "{title} is not on screen");
    h.state_mut().push(Command::Select(index));
    h.run();
    h
}

#[test]
fn the_details_show_the_display_date_and_the_life() {
    use egui_kittest::kittest::Queryable;
    let h = window_with_selected("timelinejs-wild.json", "Spring 1861");
    h.get_by_label("Shown as \u{201c}Spring 1861\u{201d} in the file");
    let h = window_with_selected("lives.csv", "A king's reign");
    h.get_by_label("born c. 849, died 26 October 899, aged about 50");
}

#[test]
fn the_timelinejs_sheet_opens_in_the_window_without_questions() {
    use egui_kittest::kittest::Queryable;
    let h = window_with_selected("timelinejs-sheet.csv", "The pier opens");
    assert_eq!(h.state().probe().dataset.meta.title, "A harbour town");
    h.get_by_label("The pier opens");
}
