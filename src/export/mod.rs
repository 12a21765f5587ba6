//! Export: figures (PNG, rendered offscreen by the same layout and painting code as the screen)
//! and spreadsheets (CSV).

pub mod figure;
pub mod png;
