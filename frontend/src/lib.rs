//! Browser entry point: the WebAssembly module cargo-leptos builds calls
//! `hydrate`, which attaches the Leptos app to the server-rendered HTML.
// The app's view types nest deeply (Leptos 0.8 is statically typed);
// computing their layouts needs more than the default 128 levels.
#![recursion_limit = "256"]

mod executor;
mod input_guard;

/// Hydrates the lazy-aware way (what `leptos::mount::hydrate_lazy` does):
/// the lazy routes' code is in WASM chunks of its own (`cargo leptos build
/// --split`); the chunk of the page being shown is loaded first
/// (`app::preload_lazy_route`), so hydration never waits on the network,
/// only at its planned breaks (`app`'s `HydrationBreak`). Only once all of
/// it is hydrated is the document marked so (`app::hydrated`): until then
/// the app's handlers see no input (`input_guard`).
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Before anything spawns: effects then start after hydration, in tasks
    // of their own (see `executor`).
    let starts = executor::TaskPerFuture::install();
    wasm_bindgen_futures::spawn_local(async move {
        if let Some(path) = web_sys::window().and_then(|w| w.location().pathname().ok()) {
            app::preload_lazy_route(&path).await;
        }
        // Hydration yields to the browser between the page's parts; nothing
        // spawned meanwhile starts, and no handler of the app sees the
        // user's input, before all of it is hydrated.
        let quiet = (
            starts.as_ref().map(executor::Starts::hold),
            input_guard::InputGuard::install(),
        );
        let body = leptos::tachys::dom::body();
        let handle = leptos::mount::hydrate_from_async(body, app::App).await;
        handle.forget();
        drop(quiet);
        app::hydrated();
    });
}
