//! Offscreen rendering of a figure to PNG: egui runs headless, egui-wgpu renders into a texture
//! on whatever adapter exists (Vulkan, else GL: Mesa's lavapipe/llvmpipe on a machine without a
//! GPU), the pixels are read back and encoded. No window is needed.

use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use egui_wgpu::{RenderState, ScreenDescriptor, wgpu};

use crate::io::atomic;
use crate::model::{Dataset, Filter};

use super::figure::{FigureOptions, auto_height, paint_figure};

/// The largest width or height a figure may have (the renderer's texture limit).
pub const MAX_SIDE: u32 = 8192;
const WAIT: Duration = Duration::from_mins(1);

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("no renderer is available for drawing the figure: {0}")]
    NoRenderer(String),
    #[error("a figure must be between 16 and {MAX_SIDE} pixels on each side, not {0} × {1}")]
    BadSize(u32, u32),
    #[error("rendering failed: {0}")]
    Render(String),
    #[error("{path}: cannot write: {source}")]
    Write {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

/// An RGBA image, row by row.
#[derive(Clone, Debug)]
pub struct Image {
    pub width: u32,
    pub height: u32,
    pub rgba: Vec<u8>,
}

impl Image {
    pub fn pixel(&self, x: u32, y: u32) -> [u8; 4] {
        let i = ((y * self.width + x) * 4) as usize;
        let p = self.rgba.get(i..i + 4).unwrap_or(&[0, 0, 0, 0]);
        [p[0], p[1], p[2], p[3]]
    }

    /// The image as PNG bytes.
    pub fn to_png(&self) -> Result<Vec<u8>, ExportError> {
        profiling::function_scope!();
        let mut out = Vec::new();
        let encoder = image::codecs::png::PngEncoder::new(&mut out);
        image::ImageEncoder::write_image(
            encoder,
            &self.rgba,
            self.width,
            self.height,
            image::ExtendedColorType::Rgba8,
        )
        .map_err(|e| ExportError::Render(format!("PNG encoding: {e}")))?;
        Ok(out)
    }
}

/// A headless egui renderer, reusable across figures.
pub struct OffscreenRenderer {
    state: RenderState,
}

impl OffscreenRenderer {
    /// Finds an adapter (Vulkan first, GL otherwise; software ones included) and sets up egui-wgpu.
    pub fn new() -> Result<Self, ExportError> {
        let mut setup = egui_wgpu::WgpuSetupCreateNew::without_display_handle();
        // Vulkan, GL (the fallback where no Vulkan driver exists), Metal, DX12; `WGPU_BACKEND`
        // (e.g. `gl`) narrows the choice.
        setup.instance_descriptor.backends = wgpu::Backends::from_env().unwrap_or(
            wgpu::Backends::VULKAN
                | wgpu::Backends::GL
                | wgpu::Backends::METAL
                | wgpu::Backends::DX12,
        );
        let setup = egui_wgpu::WgpuSetup::CreateNew(setup);
        let instance = pollster::block_on(setup.new_instance());
        let config = egui_wgpu::WgpuConfiguration {
            wgpu_setup: setup,
            ..Default::default()
        };
        let state = pollster::block_on(RenderState::create(
            &config,
            &instance,
            None,
            egui_wgpu::RendererOptions::default(),
        ))
        .map_err(|e| ExportError::NoRenderer(e.to_string()))?;
        Ok(Self { state })
    }

    /// Renders a figure of the dataset.
    pub fn render(
        &mut self,
        dataset: &Dataset,
        filter: &Filter,
        opts: &FigureOptions,
    ) -> Result<Image, ExportError> {
        profiling::function_scope!();
        let opts = &*resolved(dataset, filter, opts);
        let size = opts.size_points();
        self.render_ui(
            [opts.look.width, opts.look.height],
            opts.look.scale,
            opts.look.dark,
            |ui| {
                let rect = egui::Rect::from_min_size(egui::Pos2::ZERO, size);
                paint_figure(ui.painter(), rect, dataset, filter, opts);
            },
        )
    }

    /// Renders what `paint` draws on a headless egui screen of `size` pixels at `scale` pixels
    /// per point, light or dark: a figure, or the chart.
    pub fn render_ui(
        &mut self,
        size: [u32; 2],
        scale: f32,
        dark: bool,
        paint: impl FnOnce(&mut egui::Ui),
    ) -> Result<Image, ExportError> {
        let [w, h] = size;
        check_size(w, h)?;
        let points = egui::vec2(w as f32, h as f32) / scale.max(0.1);
        let (mut output, jobs) = headless_ui(points, scale, dark, paint);
        let device = &self.state.device;
        let queue = &self.state.queue;
        let mut renderer = self.state.renderer.write();
        for (id, deltas) in output.textures_delta.set.drain() {
            for delta in &deltas {
                renderer.update_texture(device, queue, id, delta);
            }
        }
        let screen = ScreenDescriptor {
            size_in_pixels: [w, h],
            pixels_per_point: output.pixels_per_point,
        };
        let mut encoder = device.create_command_encoder(&wgpu::CommandEncoderDescriptor {
            label: Some("figure"),
        });
        let user_buffers = renderer.update_buffers(device, queue, &mut encoder, &jobs, &screen);
        let texture = target_texture(device, self.state.target_format, w, h);
        draw(&renderer, &mut encoder, &texture, &jobs, &screen);
        let rgba = read_back(device, queue, encoder, user_buffers, &texture)?;
        for id in output.textures_delta.free.drain() {
            renderer.free_texture(&id);
        }
        Ok(Image {
            width: w,
            height: h,
            rgba,
        })
    }
}

/// Refuses a figure smaller than 16 or larger than [`MAX_SIDE`] pixels on a side.
pub fn check_size(w: u32, h: u32) -> Result<(), ExportError> {
    if (16..=MAX_SIDE).contains(&w) && (16..=MAX_SIDE).contains(&h) {
        Ok(())
    } else {
        Err(ExportError::BadSize(w, h))
    }
}

/// The options as drawn: with the height Auto gives when Auto is asked for.
pub fn resolved<'a>(
    dataset: &Dataset,
    filter: &Filter,
    opts: &'a FigureOptions,
) -> std::borrow::Cow<'a, FigureOptions> {
    if opts.look.auto_height {
        std::borrow::Cow::Owned(with_auto_height(dataset, filter, opts))
    } else {
        std::borrow::Cow::Borrowed(opts)
    }
}

/// An egui context with the app's fonts, light or dark, and the input of a headless screen
/// `size` points large at `scale` pixels per point: where figures are painted and measured.
pub fn headless(size: egui::Vec2, scale: f32, dark: bool) -> (egui::Context, egui::RawInput) {
    let ctx = egui::Context::default();
    crate::fonts::install(&ctx);
    ctx.set_theme(if dark {
        egui::Theme::Dark
    } else {
        egui::Theme::Light
    });
    let mut input = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, size)),
        ..Default::default()
    };
    input
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .native_pixels_per_point = Some(scale);
    (ctx, input)
}

/// The options with the height that fits the figure's content (see [`auto_height`]): measured
/// with the fonts of a throwaway egui context.
pub fn with_auto_height(dataset: &Dataset, filter: &Filter, opts: &FigureOptions) -> FigureOptions {
    profiling::function_scope!();
    // Text measured at the figure's scale, as it will be painted.
    let size = egui::vec2(opts.size_points().x, 100.0);
    let (ctx, input) = headless(size, opts.look.scale, opts.look.dark);
    let mut height = opts.look.height;
    let font = crate::timeline::paint::Style::new(opts.look.dark).label_font;
    let mut output = ctx.run_ui(input, |ui| {
        let painter = ui.painter();
        let mut measure = |s: &str| {
            painter
                .layout_no_wrap(s.to_owned(), font.clone(), egui::Color32::PLACEHOLDER)
                .size()
                .x
        };
        height = auto_height(dataset, filter, opts, &mut measure);
    });
    output.textures_delta.clear();
    let mut out = opts.clone();
    out.look.height = height;
    out.look.auto_height = false;
    out
}

/// Runs egui headless over a screen of `size` points and tessellates what `paint` painted: the
/// frame's output (textures to upload and free) and its triangles.
fn headless_ui(
    size: egui::Vec2,
    scale: f32,
    dark: bool,
    paint: impl FnOnce(&mut egui::Ui),
) -> (egui::FullOutput, Vec<egui::ClippedPrimitive>) {
    profiling::function_scope!();
    let (ctx, input) = headless(size, scale, dark);
    let mut paint = Some(paint);
    let mut output = ctx.run_ui(input, |ui| {
        if let Some(paint) = paint.take() {
            paint(ui);
        }
    });
    let jobs = ctx.tessellate(std::mem::take(&mut output.shapes), output.pixels_per_point);
    (output, jobs)
}

/// The texture a figure is drawn into and copied out of.
fn target_texture(
    device: &wgpu::Device,
    format: wgpu::TextureFormat,
    w: u32,
    h: u32,
) -> wgpu::Texture {
    device.create_texture(&wgpu::TextureDescriptor {
        label: Some("figure"),
        size: wgpu::Extent3d {
            width: w,
            height: h,
            depth_or_array_layers: 1,
        },
        mip_level_count: 1,
        sample_count: 1,
        dimension: wgpu::TextureDimension::D2,
        format,
        usage: wgpu::TextureUsages::RENDER_ATTACHMENT | wgpu::TextureUsages::COPY_SRC,
        view_formats: &[],
    })
}

/// Records the render pass that clears the texture to white and draws the triangles on it.
fn draw(
    renderer: &egui_wgpu::Renderer,
    encoder: &mut wgpu::CommandEncoder,
    texture: &wgpu::Texture,
    jobs: &[egui::ClippedPrimitive],
    screen: &ScreenDescriptor,
) {
    profiling::function_scope!();
    let view = texture.create_view(&wgpu::TextureViewDescriptor::default());
    let mut pass = encoder
        .begin_render_pass(&wgpu::RenderPassDescriptor {
            label: Some("figure"),
            color_attachments: &[Some(wgpu::RenderPassColorAttachment {
                view: &view,
                resolve_target: None,
                ops: wgpu::Operations {
                    load: wgpu::LoadOp::Clear(wgpu::Color::WHITE),
                    store: wgpu::StoreOp::Store,
                },
                depth_slice: None,
            })],
            ..Default::default()
        })
        .forget_lifetime();
    renderer.render(&mut pass, jobs, screen);
}

/// Copies the texture into a buffer, submits the frame's commands, waits for the GPU and
/// returns the pixels as RGBA rows.
fn read_back(
    device: &wgpu::Device,
    queue: &wgpu::Queue,
    mut encoder: wgpu::CommandEncoder,
    user_buffers: Vec<wgpu::CommandBuffer>,
    texture: &wgpu::Texture,
) -> Result<Vec<u8>, ExportError> {
    profiling::function_scope!();
    let (w, h) = (texture.width(), texture.height());
    // Rows padded to wgpu's alignment.
    let row = w as usize * 4;
    let align = wgpu::COPY_BYTES_PER_ROW_ALIGNMENT as usize;
    let padded = row.div_ceil(align) * align;
    let buffer = device.create_buffer(&wgpu::BufferDescriptor {
        label: Some("figure readback"),
        size: (padded * h as usize) as u64,
        usage: wgpu::BufferUsages::MAP_READ | wgpu::BufferUsages::COPY_DST,
        mapped_at_creation: false,
    });
    encoder.copy_texture_to_buffer(
        texture.as_image_copy(),
        wgpu::TexelCopyBufferInfo {
            buffer: &buffer,
            layout: wgpu::TexelCopyBufferLayout {
                offset: 0,
                bytes_per_row: Some(padded as u32),
                rows_per_image: None,
            },
        },
        texture.size(),
    );
    let index = queue.submit(
        user_buffers
            .into_iter()
            .chain(std::iter::once(encoder.finish())),
    );
    let slice = buffer.slice(..);
    let (tx, rx) = mpsc::channel();
    slice.map_async(wgpu::MapMode::Read, move |r| drop(tx.send(r)));
    device
        .poll(wgpu::PollType::Wait {
            submission_index: Some(index),
            timeout: Some(WAIT),
        })
        .map_err(|e| ExportError::Render(e.to_string()))?;
    rx.recv_timeout(WAIT)
        .map_err(|e| ExportError::Render(e.to_string()))?
        .map_err(|e| ExportError::Render(e.to_string()))?;
    let data = slice
        .get_mapped_range()
        .map_err(|e| ExportError::Render(e.to_string()))?;
    let rgba = to_rgba(&data, row, padded, texture.format());
    drop(data);
    buffer.unmap();
    Ok(rgba)
}

/// Opaque RGBA rows from the texture's padded rows (`row` bytes of pixels in each `padded`),
/// swizzled when the texture is BGRA.
fn to_rgba(data: &[u8], row: usize, padded: usize, format: wgpu::TextureFormat) -> Vec<u8> {
    let bgra = matches!(
        format,
        wgpu::TextureFormat::Bgra8Unorm | wgpu::TextureFormat::Bgra8UnormSrgb
    );
    let mut rgba = Vec::with_capacity(row * (data.len() / padded));
    for line in data.chunks_exact(padded) {
        for px in line[..row].chunks_exact(4) {
            if bgra {
                rgba.extend_from_slice(&[px[2], px[1], px[0], 255]);
            } else {
                rgba.extend_from_slice(&[px[0], px[1], px[2], 255]);
            }
        }
    }
    rgba
}

/// Renders a figure and writes it as PNG, atomically. Returns the number of bytes written.
pub fn export_png(
    path: &Path,
    dataset: &Dataset,
    filter: &Filter,
    opts: &FigureOptions,
) -> Result<usize, ExportError> {
    profiling::function_scope!();
    let image = OffscreenRenderer::new()?.render(dataset, filter, opts)?;
    let png = image.to_png()?;
    atomic::write(path, &png).map_err(|source| ExportError::Write {
        path: path.display().to_string(),
        source,
    })?;
    Ok(png.len())
}
