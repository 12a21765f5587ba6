//! Export: figures (PNG, rendered offscreen by the same layout and painting code as the screen;
//! SVG, the same painting written as vector shapes and text) and spreadsheets (CSV).

pub mod figure;
pub mod png;
pub mod svg;
