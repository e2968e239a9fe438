//! Browser entry point: the WebAssembly module cargo-leptos builds calls
//! `hydrate`, which attaches the Leptos app to the server-rendered HTML.

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
}
