//! Offscreen rendering of a figure to PNG: egui runs headless, egui-wgpu renders into a texture
//! on whatever adapter exists (Vulkan, else GL: Mesa's lavapipe/llvmpipe on a machine without a
//! GPU), the pixels are read back and encoded. No window is needed.

use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use egui_wgpu::{RenderState, ScreenDescriptor, wgpu};

use crate::io::atomic;
use crate::model::{Dataset, Filter};

use super::figure::{FigureOptions, paint_figure};

/// The largest width or height a figure may have (the renderer's texture limit).
pub const MAX_SIDE: u32 = 8192;
const WAIT: Duration = Duration::from_secs(60);

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
        let (w, h) = (opts.look.width, opts.look.height);
        if !(16..=MAX_SIDE).contains(&w) || !(16..=MAX_SIDE).contains(&h) {
            return Err(ExportError::BadSize(w, h));
        }
        let ctx = egui::Context::default();
        ctx.set_theme(if opts.look.dark {
            egui::Theme::Dark
        } else {
            egui::Theme::Light
        });
        let size = opts.size_points();
        let mut input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, size)),
            ..Default::default()
        };
        input
            .viewports
            .entry(egui::ViewportId::ROOT)
            .or_default()
            .native_pixels_per_point = Some(opts.look.scale);
        let mut output = ctx.run_ui(input, |ui| {
            let rect = egui::Rect::from_min_size(egui::Pos2::ZERO, size);
            paint_figure(ui.painter(), rect, dataset, filter, opts);
        });
        let ppp = output.pixels_per_point;
        let jobs = ctx.tessellate(output.shapes, ppp);
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
            pixels_per_point: ppp,
        };
        let mut encoder = device.create_command_encoder(&wgpu::CommandEncoderDescriptor {
            label: Some("figure"),
        });
        let user_buffers = renderer.update_buffers(device, queue, &mut encoder, &jobs, &screen);
        let texture = device.create_texture(&wgpu::TextureDescriptor {
            label: Some("figure"),
            size: wgpu::Extent3d {
                width: w,
                height: h,
                depth_or_array_layers: 1,
            },
            mip_level_count: 1,
            sample_count: 1,
            dimension: wgpu::TextureDimension::D2,
            format: self.state.target_format,
            usage: wgpu::TextureUsages::RENDER_ATTACHMENT | wgpu::TextureUsages::COPY_SRC,
            view_formats: &[],
        });
        let view = texture.create_view(&wgpu::TextureViewDescriptor::default());
        {
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
            renderer.render(&mut pass, &jobs, &screen);
        }
        // Read back, rows padded to wgpu's alignment.
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
            wgpu::Extent3d {
                width: w,
                height: h,
                depth_or_array_layers: 1,
            },
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
        let bgra = matches!(
            self.state.target_format,
            wgpu::TextureFormat::Bgra8Unorm | wgpu::TextureFormat::Bgra8UnormSrgb
        );
        let mut rgba = Vec::with_capacity(row * h as usize);
        for line in data.chunks_exact(padded) {
            for px in line[..row].chunks_exact(4) {
                if bgra {
                    rgba.extend_from_slice(&[px[2], px[1], px[0], 255]);
                } else {
                    rgba.extend_from_slice(&[px[0], px[1], px[2], 255]);
                }
            }
        }
        drop(data);
        buffer.unmap();
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

/// Renders a figure and writes it as PNG, atomically. Returns the number of bytes written.
pub fn export_png(
    path: &Path,
    dataset: &Dataset,
    filter: &Filter,
    opts: &FigureOptions,
) -> Result<usize, ExportError> {
    let image = OffscreenRenderer::new()?.render(dataset, filter, opts)?;
    let png = image.to_png()?;
    atomic::write(path, &png).map_err(|source| ExportError::Write {
        path: path.display().to_string(),
        source,
    })?;
    Ok(png.len())
}
