//! Profiling, behind the cargo feature `profile` (`cargo run --release --features profile`).
//!
//! The code marks its costly steps with `profiling::scope!` and `profiling::function_scope!`
//! (layout, level of detail, painting, loading, export). Without the feature those macros expand
//! to nothing and every function here does nothing. With it, the scopes are recorded by
//! [puffin](https://crates.io/crates/puffin), egui's, eframe's and wgpu's own scopes with them
//! (they use the same `profiling` crate, whose features are shared), and served by `puffin_http`
//! on [`ADDRESS`]; `puffin_viewer --url 127.0.0.1:8585` shows them as a flame graph, frame by
//! frame (`cargo install puffin_viewer`), and is started on them when the window opens, if it is
//! installed. `puffin_egui`, which would draw the flame graph inside
//! the window, is not yet released for egui 0.37.
//!
//! eframe marks puffin's frames itself (`profiling::finish_frame!`, once per frame), so nothing
//! here starts a frame: a second mark each frame would split every frame in two.

/// Where the profile is served.
pub const ADDRESS: &str = "127.0.0.1:8585";

/// Starts recording scopes and serving them on [`ADDRESS`], once per process; later calls do
/// nothing. The window calls it before it opens.
pub fn start() {
    #[cfg(feature = "profile")]
    on::start();
}

/// Called by the window once per frame, before its panels: makes sure the profiler is started
/// (one atomic load once it is). Frames themselves are marked by eframe.
pub fn frame_start() {
    #[cfg(feature = "profile")]
    on::start();
}

/// A small window (collapsed at first) that tells where the profile is served and how many
/// viewers are connected, with a switch to pause recording. Called once per frame.
pub fn window_ui(ctx: &egui::Context) {
    #[cfg(feature = "profile")]
    on::window_ui(ctx);
    #[cfg(not(feature = "profile"))]
    let _ = ctx;
}

#[cfg(feature = "profile")]
mod on {
    use std::sync::OnceLock;

    use profiling::puffin;

    use super::ADDRESS;

    /// The server, or why it could not start; kept for the life of the process.
    static SERVER: OnceLock<Result<puffin_http::Server, String>> = OnceLock::new();

    fn server() -> &'static Result<puffin_http::Server, String> {
        SERVER.get_or_init(|| {
            puffin::set_scopes_on(true);
            match puffin_http::Server::new(ADDRESS) {
                Ok(server) => {
                    eprintln!("Profiling: serving puffin data on {ADDRESS}.");
                    match open_viewer() {
                        Ok(()) => eprintln!("Profiling: puffin_viewer opened."),
                        Err(e) => eprintln!("Profiling: {e}"),
                    }
                    Ok(server)
                }
                Err(e) => {
                    eprintln!("Profiling: cannot serve on {ADDRESS}: {e:#}");
                    Err(format!("{e:#}"))
                }
            }
        })
    }

    pub(super) fn start() {
        server();
    }

    /// Starts `puffin_viewer` connected to [`ADDRESS`], as a process of its own that outlives
    /// nothing of ours; or says how to get it.
    fn open_viewer() -> Result<(), String> {
        match std::process::Command::new("puffin_viewer")
            .args(["--url", ADDRESS])
            .spawn()
        {
            Ok(_child) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(format!(
                "puffin_viewer is not installed (cargo install puffin_viewer); \
                 then run `puffin_viewer --url {ADDRESS}`."
            )),
            Err(e) => Err(format!("cannot start puffin_viewer: {e}")),
        }
    }

    pub(super) fn window_ui(ctx: &egui::Context) {
        egui::Window::new("Profiler")
            .default_open(false)
            .resizable(false)
            .show(ctx, |ui| {
                match server() {
                    Ok(server) => {
                        ui.label(format!("Serving on {ADDRESS}"));
                        ui.monospace(format!("puffin_viewer --url {ADDRESS}"));
                        if ui
                            .button("Open puffin_viewer")
                            .on_hover_text("Starts puffin_viewer connected to this window")
                            .clicked()
                            && let Err(e) = open_viewer()
                        {
                            eprintln!("Profiling: {e}");
                        }
                        ui.label(format!("Viewers connected: {}", server.num_clients()));
                    }
                    Err(e) => {
                        ui.label(format!("Cannot serve on {ADDRESS}: {e}"));
                    }
                }
                let mut on = puffin::are_scopes_on();
                if ui.checkbox(&mut on, "Record scopes").changed() {
                    puffin::set_scopes_on(on);
                }
            });
    }
}
