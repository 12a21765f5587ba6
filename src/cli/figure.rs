//! Figures from the command line: `chronolane export png`, `export svg` and `export pdf`, which
//! take the same options (size, scale, look, filters, the selected event); `export pdf` also
//! takes the page (`--paper a4|a3|letter`, `--landscape`).

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use crate::export::pdf::{PageSize, Paper};
use crate::model::{Dataset, Filter};
use crate::timeline::arrange::LaneArrangement;

use super::{DataArgs, Failure, FilterArgs};

#[derive(Args, Debug)]
pub struct PngArgs {
    #[command(flatten)]
    pub input: DataArgs,
    /// The file to write (atomically).
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    pub output: PathBuf,
    /// Width in pixels.
    #[arg(long, value_name = "W", default_value_t = 2400)]
    pub width: u32,
    /// Height in pixels, or `auto`: as tall as the lanes need to show their labels.
    #[arg(long, value_name = "H|auto", default_value = "1200")]
    pub height: Height,
    /// Pixels per point: 2 doubles the size of text and lines (crisp on print).
    #[arg(long, value_name = "S", default_value_t = 2.0)]
    pub scale: f32,
    /// Dark background.
    #[arg(long)]
    pub dark: bool,
    /// Leave out the title.
    #[arg(long)]
    pub no_title: bool,
    /// Leave out the legend of themes.
    #[arg(long)]
    pub no_legend: bool,
    /// Leave out the caption with the dataset's sources.
    #[arg(long)]
    pub no_caption: bool,
    /// Which links between events to draw as arrows: every link in view, the links of the
    /// event given by --select, or none.
    #[arg(long, value_name = "all|selected|none", default_value = "selected")]
    pub links: LinksArg,
    /// Emphasise the event with this id (and draw its links).
    #[arg(long, value_name = "ID")]
    pub select: Option<String>,
    /// The figure shows --from to --to (the whole dataset when absent) and these filters.
    #[command(flatten)]
    pub filter: FilterArgs,
}

/// Which links a figure draws (`--links`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LinksArg(pub crate::timeline::paint_links::LinkMode);

impl std::str::FromStr for LinksArg {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        use crate::timeline::paint_links::LinkMode;
        [LinkMode::All, LinkMode::Selected, LinkMode::None]
            .into_iter()
            .find(|m| m.name().eq_ignore_ascii_case(s.trim()))
            .map(LinksArg)
            .ok_or_else(|| format!("{s:?}: give all, selected or none"))
    }
}

/// A figure's height: pixels, or as tall as its content.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Height {
    Pixels(u32),
    Auto,
}

impl std::str::FromStr for Height {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.trim().eq_ignore_ascii_case("auto") {
            return Ok(Self::Auto);
        }
        s.trim()
            .parse()
            .map(Self::Pixels)
            .map_err(|_| format!("{s:?}: give a number of pixels or \"auto\""))
    }
}

/// `export pdf`: the options of `export png`, and the page.
#[derive(Args, Debug)]
pub struct PdfArgs {
    #[command(flatten)]
    pub figure: PngArgs,
    /// Print on a sheet of paper, the figure fitted in its margins (without it the page is the
    /// figure's size: a pixel is ¾ of a PDF point).
    #[arg(long, value_name = "a4|a3|letter")]
    pub paper: Option<PaperArg>,
    /// The paper on its side (with --paper).
    #[arg(long, requires = "paper")]
    pub landscape: bool,
}

/// A sheet of paper (`--paper`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum PaperArg {
    A4,
    A3,
    Letter,
}

impl PdfArgs {
    /// The page asked for.
    pub fn page(&self) -> PageSize {
        PageSize {
            paper: self.paper.map(|p| match p {
                PaperArg::A4 => Paper::A4,
                PaperArg::A3 => Paper::A3,
                PaperArg::Letter => Paper::Letter,
            }),
            landscape: self.landscape,
        }
    }
}

/// `chronolane export png`.
pub fn export_png(args: &PngArgs) -> Result<(), Failure> {
    export_figure(args, "", crate::export::png::export_png)
}

/// `chronolane export svg`: the figure of `export png`, as vector shapes and text.
pub fn export_svg(args: &PngArgs) -> Result<(), Failure> {
    export_figure(args, "SVG ", crate::export::svg::export_svg)
}

/// `chronolane export pdf`: the figure of `export png`, as vector shapes and text, on a page of
/// its own size or on paper.
pub fn export_pdf(args: &PdfArgs) -> Result<(), Failure> {
    let page = args.page();
    let kind = match page.paper {
        None => "PDF ".to_owned(),
        Some(paper) if page.landscape => format!("PDF ({} landscape) ", paper.name()),
        Some(paper) => format!("PDF ({}) ", paper.name()),
    };
    export_figure(&args.figure, &kind, |path, dataset, filter, opts| {
        crate::export::pdf::export_pdf(path, dataset, filter, opts, page)
    })
}

/// Writes the figure the arguments ask for with `write` (PNG, SVG or PDF), and says what it
/// wrote.
fn export_figure(
    args: &PngArgs,
    kind: &str,
    write: impl Fn(
        &Path,
        &Dataset,
        &Filter,
        &crate::export::figure::FigureOptions,
    ) -> Result<usize, crate::export::png::ExportError>,
) -> Result<(), Failure> {
    use crate::export::png::ExportError;
    let (dataset, filter, opts) = figure_of(args)?;
    match write(&args.output, dataset, &filter, &opts) {
        Ok(bytes) => {
            eprintln!(
                "wrote a {} × {} {kind}figure to {} ({bytes} bytes)",
                opts.look.width,
                opts.look.height,
                args.output.display()
            );
            Ok(())
        }
        Err(e @ ExportError::BadSize(..)) => Err(Failure::usage(e.to_string())),
        Err(e) => Err(Failure::data(vec![e.to_string()])),
    }
}

/// The dataset, filter and figure that the arguments of `export png`, `svg` and `pdf` ask for.
fn figure_of(
    args: &PngArgs,
) -> Result<
    (
        &'static Dataset,
        Filter,
        crate::export::figure::FigureOptions,
    ),
    Failure,
> {
    use crate::export::figure::{FigureOptions, Look};
    use crate::export::png::MAX_SIDE;
    use crate::timeline::TimeView;

    let dataset = args.input.load()?;
    let filter = args.filter.to_filter(dataset)?;
    let height = match args.height {
        Height::Pixels(h) => h,
        Height::Auto => MAX_SIDE,
    };
    for (name, v) in [("--width", args.width), ("--height", height)] {
        if !(16..=MAX_SIDE).contains(&v) {
            return Err(Failure::usage(format!(
                "{name} {v}: give 16 to {MAX_SIDE} pixels"
            )));
        }
    }
    if !(0.25..=8.0).contains(&args.scale) {
        return Err(Failure::usage(format!(
            "--scale {}: give 0.25 to 8",
            args.scale
        )));
    }
    let (data_from, data_to) = dataset.time_range().unwrap_or((0.0, 365.0));
    let from = filter
        .from
        .as_ref()
        .map_or(data_from, crate::model::HistDate::axis_start);
    let to = filter
        .to
        .as_ref()
        .map_or(data_to, crate::model::HistDate::axis_end);
    if to <= from {
        return Err(Failure::usage("--to is before --from"));
    }
    let view = match (&filter.from, &filter.to) {
        (None, None) => TimeView::fit(from, to),
        _ => TimeView::new(from, to - from),
    };
    let look = Look {
        width: args.width,
        height,
        auto_height: args.height == Height::Auto,
        scale: args.scale,
        dark: args.dark,
        title: !args.no_title,
        legend: !args.no_legend,
        caption: !args.no_caption,
        links: args.links.0,
    };
    let selected = match &args.select {
        Some(id) => Some(
            dataset
                .index_of(id)
                .ok_or_else(|| Failure::usage(format!("--select {id:?}: no event has this id")))?,
        ),
        None => None,
    };
    let mut opts = FigureOptions {
        view,
        look,
        lanes: LaneArrangement::default(),
        selected,
    };
    if opts.look.auto_height {
        opts = crate::export::png::with_auto_height(dataset, &filter, &opts);
    }
    if let Some(message) = crate::fonts::missing_font_message(dataset) {
        eprintln!("note: {message}");
    }
    Ok((dataset, filter, opts))
}
