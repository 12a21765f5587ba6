//! The command line (clap): `chronolane [FILE]`, `chronolane validate FILE`,
//! `chronolane export csv …`, `chronolane export png|svg|pdf …` (figures: `cli/figure.rs`),
//! `chronolane export counts …`, `chronolane generate …`. Exit codes: 0 success, 1 bad data, 2 bad usage.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::io::{self, LoadError};
use crate::model::{Dataset, Filter, HistDate};
use crate::timeline::counts::{self, BinChoice};

mod figure;

pub use figure::{
    Height, LinksArg, PaperArg, PdfArgs, PngArgs, export_pdf, export_png, export_svg,
};

/// Exit code for bad data.
pub const EXIT_BAD_DATA: u8 = 1;
/// Exit code for bad usage.
pub const EXIT_USAGE: u8 = 2;

#[derive(Parser, Debug)]
#[command(
    name = "chronolane",
    version,
    about = "A timeline visualizer for historians: zoomable swimlanes from millennia to days.",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// A dataset to open in the window (JSON or CSV); the embedded Japan–Russia dataset otherwise.
    pub file: Option<PathBuf>,
    #[command(flatten)]
    pub map: MapArg,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check a dataset file: prints a summary, or every problem with its line.
    Validate {
        /// The file to check (JSON or CSV).
        file: PathBuf,
        #[command(flatten)]
        map: MapArg,
    },
    /// Write the dataset (or part of it) to a file.
    #[command(subcommand)]
    Export(ExportCommand),
    /// Write a synthetic dataset (seeded, so the same every time), to try Chronolane at scale.
    Generate(GenerateArgs),
}

#[derive(Args, Debug)]
pub struct GenerateArgs {
    /// How many events.
    #[arg(long, default_value_t = 100_000)]
    pub events: usize,
    /// The seed: the same seed and count give the same file.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Where to write: `.json` writes JSON, anything else CSV.
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
}

#[derive(Subcommand, Debug)]
pub enum ExportCommand {
    /// Export events as CSV (stdout unless -o is given).
    Csv(CsvArgs),
    /// Render a figure of the timeline to a PNG file, with no window.
    Png(PngArgs),
    /// The same figure as `export png`, as an SVG file: shapes as vector paths, text as text.
    Svg(PngArgs),
    /// The same figure as `export png`, as a PDF file: vector paths, text as searchable text
    /// with its fonts embedded; the page is the figure's size, or --paper.
    Pdf(PdfArgs),
    /// How many events start in each period, per lane, as CSV (stdout unless -o is given).
    Counts(CountsArgs),
}

#[derive(Args, Debug)]
pub struct CountsArgs {
    #[command(flatten)]
    pub input: DataArgs,
    /// The periods: year, decade, century, or auto (years, decades, centuries, millennia… so
    /// that there are at most 150 periods).
    #[arg(long, value_name = "year|decade|century|auto", default_value = "auto")]
    pub bin: BinChoice,
    /// Write to this file (atomically) instead of stdout.
    #[arg(short = 'o', long = "output", value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Counts the events `export csv` would write with these filters.
    #[command(flatten)]
    pub filter: FilterArgs,
}

#[derive(Args, Debug)]
pub struct CsvArgs {
    #[command(flatten)]
    pub input: DataArgs,
    /// Write to this file (atomically) instead of stdout.
    #[arg(short = 'o', long = "output", value_name = "PATH")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub filter: FilterArgs,
}

/// Columns of a CSV file chosen by hand.
#[derive(Args, Debug, Default)]
pub struct MapArg {
    /// CSV columns for fields whose column Chronolane does not recognise by name, e.g.
    /// `title=label,start=hdate,end=hdate_end`.
    #[arg(long, value_name = "FIELD=COLUMN,...")]
    pub map: Option<String>,
}

impl MapArg {
    pub fn columns(&self) -> Result<io::ColumnMap, Failure> {
        match &self.map {
            None => Ok(io::ColumnMap::default()),
            Some(text) => {
                io::ColumnMap::parse(text).map_err(|e| Failure::usage(format!("--map: {e}")))
            }
        }
    }
}

/// Filters shared by the export commands.
#[derive(Args, Debug, Default)]
pub struct FilterArgs {
    /// Only this theme (repeat for several).
    #[arg(long = "theme", value_name = "ID")]
    pub themes: Vec<String>,
    /// Only events reaching into or past this EDTF date (e.g. 1855, 1904-02-08).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Only events starting by the end of this EDTF date.
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Only events whose title, description, place or tags contain every word of TEXT.
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
}

/// A command-line failure and its exit code.
#[derive(Debug)]
pub struct Failure {
    pub code: u8,
    pub lines: Vec<String>,
}

impl Failure {
    pub fn usage(msg: impl Into<String>) -> Self {
        Self {
            code: EXIT_USAGE,
            lines: vec![msg.into()],
        }
    }
    pub fn data(lines: Vec<String>) -> Self {
        Self {
            code: EXIT_BAD_DATA,
            lines,
        }
    }
}

impl From<LoadError> for Failure {
    fn from(e: LoadError) -> Self {
        Self::data(e.lines())
    }
}

/// Parses the arguments and runs; the binary's whole `main`.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Validate { file, map }) => validate(&file, &map),
        Some(Command::Export(ExportCommand::Csv(args))) => export_csv(&args),
        Some(Command::Export(ExportCommand::Png(args))) => export_png(&args),
        Some(Command::Export(ExportCommand::Svg(args))) => export_svg(&args),
        Some(Command::Export(ExportCommand::Pdf(args))) => export_pdf(&args),
        Some(Command::Export(ExportCommand::Counts(args))) => export_counts(&args),
        Some(Command::Generate(args)) => generate(&args),
        None => run_window(cli.file.as_deref(), &cli.map),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            let mut err = std::io::stderr().lock();
            for line in &f.lines {
                let _ = writeln!(err, "{line}");
            }
            ExitCode::from(f.code)
        }
    }
}

fn run_window(file: Option<&Path>, map: &MapArg) -> Result<(), Failure> {
    let columns = map.columns()?;
    if let Some(f) = file
        && !f.exists()
    {
        return Err(Failure::usage(format!("{}: no such file", f.display())));
    }
    // Lists the system's fonts while the window is being created.
    crate::fonts::preload();
    crate::ui::run(file.map(Path::to_path_buf), columns).map_err(|e| {
        Failure::data(vec![format!(
            "cannot open a window: {e} (is there a display? `chronolane validate` and `chronolane export` work without one)"
        )])
    })
}

/// `chronolane generate --events N -o FILE`.
pub fn generate(args: &GenerateArgs) -> Result<(), Failure> {
    let dataset = crate::synth::dataset(args.events, args.seed);
    let is_json = args
        .output
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    let text = if is_json {
        io::json::to_string(&dataset)
    } else {
        io::csv::dataset_to_string(&dataset)
    };
    io::atomic::write(&args.output, text.as_bytes()).map_err(|e| {
        Failure::data(vec![format!(
            "{}: cannot write: {e}; nothing was written",
            args.output.display()
        )])
    })?;
    println!("{}: {}", args.output.display(), dataset.summary());
    Ok(())
}

/// `chronolane validate FILE`.
pub fn validate(file: &Path, map: &MapArg) -> Result<(), Failure> {
    let loaded = io::load_path_with(file, &map.columns()?)?;
    let mut err = std::io::stderr().lock();
    for note in &loaded.notes {
        let _ = writeln!(err, "note: {note}");
    }
    let dataset = kept_until_exit(loaded.dataset);
    println!("{}: {}", file.display(), dataset.summary());
    Ok(())
}

/// Which dataset a command works on, and how to read it.
#[derive(Args, Debug)]
pub struct DataArgs {
    /// Read this dataset instead of the embedded one.
    #[arg(long, value_name = "FILE")]
    pub data: Option<PathBuf>,
    #[command(flatten)]
    pub map: MapArg,
    /// When some rows (events) of --data have problems: print them on stderr and go on with the
    /// others (exit 0 when at least one event was read). Problems of the file itself still stop.
    #[arg(long)]
    pub skip_invalid: bool,
}

impl DataArgs {
    /// The dataset: `--data FILE` read with `--map`, or the embedded one. It lives until the
    /// command's process exits ([`kept_until_exit`]).
    pub fn load(&self) -> Result<&'static Dataset, Failure> {
        load_data(self.data.as_deref(), &self.map, self.skip_invalid).map(kept_until_exit)
    }
}

/// A dataset a command reads until its process exits, which is not freed: the system takes the
/// process's memory back at once, where freeing ten million events one by one took half a
/// second.
fn kept_until_exit(dataset: Dataset) -> &'static Dataset {
    Box::leak(Box::new(dataset))
}

/// The dataset a command works on: `--data FILE`, or the embedded one. With `skip_invalid`, a
/// file some of whose rows have problems gives its other rows, and the problems go to stderr.
pub fn load_data(
    data: Option<&Path>,
    map: &MapArg,
    skip_invalid: bool,
) -> Result<Dataset, Failure> {
    let columns = map.columns()?;
    let Some(path) = data else {
        return Ok(io::default_dataset());
    };
    match io::load_path_with(path, &columns) {
        Ok(loaded) => Ok(loaded.dataset),
        Err(LoadError::Partial { path, partial }) if skip_invalid => {
            let mut err = std::io::stderr().lock();
            for problem in &partial.problems {
                let _ = writeln!(err, "{}", problem.located(&path));
            }
            let _ = writeln!(
                err,
                "{path}: skipped {} of {} rows for their problems; read {} events",
                partial.skipped,
                partial.rows,
                partial.loaded.dataset.events().len()
            );
            Ok(partial.loaded.dataset)
        }
        Err(e) => Err(e.into()),
    }
}

impl FilterArgs {
    /// The filter these arguments describe, checked against the dataset's themes.
    pub fn to_filter(&self, dataset: &Dataset) -> Result<Filter, Failure> {
        let date = |flag: &str, s: &Option<String>| -> Result<Option<HistDate>, Failure> {
            s.as_deref()
                .map(|s| {
                    HistDate::parse(s)
                        .map_err(|e| Failure::usage(format!("--{flag} \"{s}\" is not a date: {e}")))
                })
                .transpose()
        };
        let mut filter = Filter {
            from: date("from", &self.from)?,
            to: date("to", &self.to)?,
            search: self.search.clone().unwrap_or_default(),
            ..Filter::default()
        };
        if !self.themes.is_empty() {
            let ids: Vec<&str> = dataset.themes().iter().map(|t| t.id.as_str()).collect();
            for t in &self.themes {
                if !ids.contains(&t.as_str()) {
                    return Err(Failure::usage(format!(
                        "--theme \"{t}\" is not a theme of this dataset (themes: {})",
                        ids.join(", ")
                    )));
                }
            }
            filter.hidden_themes = ids
                .iter()
                .filter(|id| !self.themes.iter().any(|t| t == *id))
                .map(|s| (*s).to_owned())
                .collect();
        }
        Ok(filter)
    }
}

/// `chronolane export csv`.
pub fn export_csv(args: &CsvArgs) -> Result<(), Failure> {
    let dataset = args.input.load()?;
    let filter = args.filter.to_filter(dataset)?;
    let events: Vec<_> = dataset
        .events()
        .iter()
        .filter(|e| filter.accepts(e))
        .collect();
    let text = io::csv::to_string(events.iter().copied());
    write_out(
        args.output.as_deref(),
        &text,
        &format!("{} events", events.len()),
    )
}

/// Writes `text` to stdout, or atomically to `path` saying what it wrote (`what`) on stderr.
fn write_out(path: Option<&Path>, text: &str, what: &str) -> Result<(), Failure> {
    match path {
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())
                .and_then(|()| out.flush())
                .map_err(|e| Failure::data(vec![format!("cannot write to stdout: {e}")]))
        }
        Some(path) => {
            io::atomic::write(path, text.as_bytes()).map_err(|e| {
                Failure::data(vec![format!("{}: cannot write: {e}", path.display())])
            })?;
            eprintln!("wrote {what} to {} ({} bytes)", path.display(), text.len());
            Ok(())
        }
    }
}

/// `chronolane export counts`.
pub fn export_counts(args: &CountsArgs) -> Result<(), Failure> {
    let dataset = args.input.load()?;
    let filter = args.filter.to_filter(dataset)?;
    let table = counts::table(dataset, &filter, args.bin).ok_or_else(|| {
        Failure::usage(format!(
            "--bin {}: more than {} periods; choose longer periods",
            args.bin.label().to_lowercase(),
            counts::MAX_PERIODS
        ))
    })?;
    let periods = table.edges.len().saturating_sub(1);
    write_out(
        args.output.as_deref(),
        &table.to_csv(),
        &format!("{periods} periods × {} lanes", table.lanes.len()),
    )
}
