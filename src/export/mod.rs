//! Export: figures (PNG, rendered offscreen by the same layout and painting code as the screen;
//! SVG and PDF, the same painting written as vector shapes and text) and spreadsheets (CSV).

pub mod figure;
pub mod pdf;
mod pdf_text;
pub mod png;
pub mod svg;
pub mod vector;
