//! Browser entry point: the WebAssembly module cargo-leptos builds calls
//! `hydrate`, which attaches the Leptos app to the server-rendered HTML.
// The app's view types nest deeply (Leptos 0.8 is statically typed);
// computing their layouts needs more than the default 128 levels.
#![recursion_limit = "256"]

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
}
