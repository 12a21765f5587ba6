//! The Export tab of the side panel: a live preview of the figure (the PNG's own layout and
//! painting, drawn small), Export PNG…, SVG…, PDF… and CSV… under it, then the figure's settings
//! (what, size, light or dark, title, legend, caption, links, the PDF's page) and the
//! spreadsheet's (everything, what is shown, or the visible range).

use egui::emath::TSTransform;
use egui::{Painter, Pos2, Rect, RichText, Sense, Ui, WidgetInfo};

use crate::export::figure::{FigureOptions, auto_height, paint_figure};
use crate::export::pdf::{PageSize, Paper};
use crate::export::png::MAX_SIDE;
use crate::model::{Dataset, Filter};
use crate::ui::command::{Command, Commands};
use crate::ui::files::{ExportJob, FigureRangeError};
use crate::ui::state::{CsvScope, ExportSettings, FigureRange};

/// The tallest the preview grows, in points, however narrow the figure.
pub const PREVIEW_MAX_HEIGHT: f32 = 260.0;

/// The accessible name of the preview starts with this.
pub const PREVIEW_LABEL: &str = "Preview of the figure";

/// What the Export tab reads.
pub struct ExportTab<'a> {
    pub settings: &'a ExportSettings,
    /// The timeline's size on screen, for figures of 1×, 2× or 4× the view.
    pub view_size: egui::Vec2,
    pub job: Option<&'a ExportJob>,
    pub dataset: &'a Dataset,
    pub filter: &'a Filter,
    /// The figure the settings describe, or why they describe none.
    pub figure: &'a Result<FigureOptions, FigureRangeError>,
}

/// The Export tab. The settings are edited as a copy, sent back when they changed.
pub fn export_tab_ui(ui: &mut Ui, tab: &ExportTab<'_>, cmds: &mut Commands) {
    let mut s = tab.settings.clone();
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            match tab.figure {
                Ok(opts) => preview_ui(ui, tab.dataset, tab.filter, opts),
                Err(e) => no_preview_ui(ui, tab.settings, e),
            }
            ui.add_space(4.0);
            buttons_ui(ui, tab.job, cmds);
            ui.separator();
            png_ui(ui, &mut s, tab.view_size);
            ui.separator();
            csv_ui(ui, &mut s);
        });
    if s != *tab.settings {
        cmds.push(Command::SetExportSettings(s));
    }
}

/// The figure as the PNG will be, scaled down to the panel's width: painted by
/// [`paint_figure`] at its size in points, then shrunk by a transform of its shapes, so the
/// layout (which labels fit, the rows of each lane) is the PNG's, not that of a small figure.
pub fn preview_ui(ui: &mut Ui, dataset: &Dataset, filter: &Filter, opts: &FigureOptions) {
    profiling::function_scope!();
    let with_height;
    let opts = if opts.look.auto_height {
        with_height = auto_height_of(ui, dataset, filter, opts);
        &with_height
    } else {
        opts
    };
    let figure = opts.size_points();
    let k = preview_scale(ui, figure);
    let (rect, response) = ui.allocate_exact_size(figure * k, Sense::hover());
    let pixels = (figure * opts.look.scale).round();
    let label = format!("{PREVIEW_LABEL}, {} × {} px", pixels.x, pixels.y);
    response.widget_info(|| WidgetInfo::labeled(egui::Role::Image, true, &label));
    let shown = rect.intersect(ui.clip_rect());
    if !ui.is_rect_visible(rect) || k <= 0.0 {
        return;
    }
    let to_screen = TSTransform::new(rect.min.to_vec2(), k);
    ui.with_visual_transform(to_screen, |ui| {
        // In the figure's own points: the transform maps them onto `rect`.
        let painter = Painter::new(ui.ctx().clone(), ui.layer_id(), to_screen.inverse() * shown);
        paint_figure(
            &painter,
            Rect::from_min_size(Pos2::ZERO, figure),
            dataset,
            filter,
            opts,
        );
    });
    ui.painter().rect_stroke(
        rect,
        0.0,
        ui.visuals().widgets.noninteractive.bg_stroke,
        egui::StrokeKind::Outside,
    );
}

/// The figure with the height its content needs (Auto), measured with the window's fonts.
fn auto_height_of(
    ui: &Ui,
    dataset: &Dataset,
    filter: &Filter,
    opts: &FigureOptions,
) -> FigureOptions {
    let font = crate::timeline::paint::Style::new(opts.look.dark).label_font;
    let painter = ui.painter();
    let mut measure = |s: &str| {
        painter
            .layout_no_wrap(s.to_owned(), font.clone(), egui::Color32::PLACEHOLDER)
            .size()
            .x
    };
    let mut out = opts.clone();
    out.look.height = auto_height(dataset, filter, opts, &mut measure);
    out
}

/// How much the preview shrinks a figure of `figure` points: to the panel's width, and no
/// taller than [`PREVIEW_MAX_HEIGHT`].
fn preview_scale(ui: &Ui, figure: egui::Vec2) -> f32 {
    let k = (ui.available_width() / figure.x).min(PREVIEW_MAX_HEIGHT / figure.y);
    if k.is_finite() { k.max(0.0) } else { 0.0 }
}

/// Where the preview would be, why there is none (a date range that is not one); the same
/// size, so that the buttons under it stay where they are.
fn no_preview_ui(ui: &mut Ui, settings: &ExportSettings, why: &FigureRangeError) {
    // The size of the figure does not depend on its time range.
    let figure = FigureOptions {
        view: crate::timeline::TimeView::new(0.0, 1.0),
        look: settings.figure.clone(),
        lanes: crate::timeline::arrange::LaneArrangement::default(),
        selected: None,
    }
    .size_points();
    let (rect, _) = ui.allocate_exact_size(figure * preview_scale(ui, figure), Sense::hover());
    let empty = settings.from.trim().is_empty() || settings.to.trim().is_empty();
    let text = if empty {
        egui::RichText::new("Type the figure's dates (From and To, below) to see it")
            .color(ui.visuals().weak_text_color())
    } else {
        egui::RichText::new(why.to_string()).color(ui.visuals().warn_fg_color)
    };
    ui.painter().rect_stroke(
        rect,
        0.0,
        ui.visuals().widgets.noninteractive.bg_stroke,
        egui::StrokeKind::Outside,
    );
    ui.put(rect.shrink(8.0), egui::Label::new(text).wrap());
}

/// Export PNG…, SVG…, PDF… and CSV…, under the preview where they are seen without scrolling,
/// and the progress of a figure being rendered.
fn buttons_ui(ui: &mut Ui, job: Option<&ExportJob>, cmds: &mut Commands) {
    ui.horizontal_wrapped(|ui| {
        if ui
            .add_enabled(job.is_none(), egui::Button::new("Export PNG…"))
            .on_hover_text("Save this figure as a PNG image")
            .on_disabled_hover_text("An export is running")
            .clicked()
        {
            cmds.push(Command::SavePng);
        }
        if ui
            .add_enabled(job.is_none(), egui::Button::new("Export SVG…"))
            .on_hover_text("Save this figure as SVG: shapes as vector paths, text as text")
            .on_disabled_hover_text("An export is running")
            .clicked()
        {
            cmds.push(Command::SaveSvg);
        }
        if ui
            .add_enabled(job.is_none(), egui::Button::new("Export PDF…"))
            .on_hover_text(
                "Save this figure as PDF: vector shapes, and text you can select and search \
                 (page below)",
            )
            .on_disabled_hover_text("An export is running")
            .clicked()
        {
            cmds.push(Command::SavePdf);
        }
        if ui
            .button("Export CSV…")
            .on_hover_text("Save the events as a CSV spreadsheet (which ones: below)")
            .clicked()
        {
            cmds.push(Command::SaveCsv);
        }
    });
    if let Some(job) = job {
        ui.add(
            egui::ProgressBar::new(job.fraction())
                .text(job.stage())
                .animate(true),
        );
    }
}

fn png_ui(ui: &mut Ui, s: &mut ExportSettings, view: egui::Vec2) {
    ui.label(RichText::new("Figure (PNG, SVG, PDF)").strong());
    ui.horizontal_wrapped(|ui| {
        ui.radio_value(&mut s.range, FigureRange::CurrentView, "Current view");
        ui.radio_value(&mut s.range, FigureRange::WholeTimeline, "Whole timeline");
        ui.radio_value(&mut s.range, FigureRange::DateRange, "Date range");
    });
    if s.range == FigureRange::DateRange {
        ui.horizontal(|ui| {
            let l = ui.label("From");
            ui.add(
                egui::TextEdit::singleline(&mut s.from)
                    .desired_width(90.0)
                    .hint_text("1850"),
            )
            .labelled_by(l.id);
            let l = ui.label("To");
            ui.add(
                egui::TextEdit::singleline(&mut s.to)
                    .desired_width(90.0)
                    .hint_text("1910"),
            )
            .labelled_by(l.id);
        });
    }
    size_ui(ui, s, view);
    ui.horizontal(|ui| {
        let l = ui.label("Text and lines");
        ui.add(
            egui::DragValue::new(&mut s.figure.scale)
                .range(0.5..=8.0)
                .speed(0.05)
                .suffix("×"),
        )
        .labelled_by(l.id);
    });
    ui.horizontal(|ui| {
        ui.radio_value(&mut s.figure.dark, false, "Light");
        ui.radio_value(&mut s.figure.dark, true, "Dark");
    });
    ui.horizontal_wrapped(|ui| {
        ui.checkbox(&mut s.figure.title, "Title");
        ui.checkbox(&mut s.figure.legend, "Legend");
        ui.checkbox(&mut s.figure.caption, "Caption");
    });
    ui.horizontal_wrapped(|ui| {
        use crate::timeline::paint_links::LinkMode;
        ui.label("Arrows:");
        ui.radio_value(
            &mut s.figure.links,
            LinkMode::Selected,
            "Selected event's links",
        )
        .on_hover_text("The links from and to the selected event");
        ui.radio_value(&mut s.figure.links, LinkMode::All, "All links");
        ui.radio_value(&mut s.figure.links, LinkMode::None, "No links");
    });
    page_ui(ui, &mut s.page);
}

/// The page of a PDF: the figure's own size, or paper (upright or on its side).
fn page_ui(ui: &mut Ui, page: &mut PageSize) {
    ui.horizontal_wrapped(|ui| {
        ui.label("PDF page:");
        ui.radio_value(&mut page.paper, None, "Figure's size")
            .on_hover_text("As large as the figure: a pixel is ¾ of a PDF point");
        for paper in [Paper::A4, Paper::A3, Paper::Letter] {
            ui.radio_value(&mut page.paper, Some(paper), paper.name());
        }
        ui.add_enabled(
            page.paper.is_some(),
            egui::Checkbox::new(&mut page.landscape, "Landscape"),
        );
    });
}

/// The figure's size in pixels, or 1×, 2× or 4× the timeline's size on screen.
fn size_ui(ui: &mut Ui, s: &mut ExportSettings, view: egui::Vec2) {
    ui.horizontal(|ui| {
        let l = ui.label("Size");
        ui.add(
            egui::DragValue::new(&mut s.figure.width)
                .range(16..=MAX_SIDE)
                .suffix(" px"),
        )
        .labelled_by(l.id);
        ui.label("×");
        ui.add_enabled(
            !s.figure.auto_height,
            egui::DragValue::new(&mut s.figure.height)
                .range(16..=MAX_SIDE)
                .suffix(" px"),
        )
        .labelled_by(l.id);
        ui.checkbox(&mut s.figure.auto_height, "Auto")
            .on_hover_text("As tall as the lanes need to show their labels");
    });
    ui.horizontal(|ui| {
        ui.label("Of the view:");
        for k in [1u32, 2, 4] {
            let w = ((view.x * k as f32) as u32).clamp(16, MAX_SIDE);
            let h = ((view.y * k as f32) as u32).clamp(16, MAX_SIDE);
            if ui
                .button(format!("{k}×"))
                .on_hover_text(format!("{w} × {h} px, text at {k}×"))
                .clicked()
            {
                s.figure.width = w;
                s.figure.height = h;
                s.figure.auto_height = false;
                s.figure.scale = k as f32;
            }
        }
    });
}

fn csv_ui(ui: &mut Ui, s: &mut ExportSettings) {
    ui.label(RichText::new("Spreadsheet (CSV)").strong());
    ui.radio_value(&mut s.csv, CsvScope::Everything, "Every event");
    ui.radio_value(
        &mut s.csv,
        CsvScope::Shown,
        "What is shown (filters applied)",
    );
    ui.radio_value(
        &mut s.csv,
        CsvScope::VisibleRange,
        "What is shown in the visible range",
    );
}
