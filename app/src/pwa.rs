//! Browser-side start-up: marks the document hydrated (tests and CSS wait for
//! it) and registers the service worker that makes Chorus installable and
//! shows an offline page when the server cannot be reached; and the app
//! badge ([`show_friend_requests`]).

/// Runs once in the browser when hydration is complete, the lazy route of
/// the page included (the browser entry calls it then; an effect could run
/// before a lazy route's chunk has arrived).
#[cfg(feature = "hydrate")]
pub fn hydrated() {
    let Some(window) = web_sys::window() else {
        return;
    };
    if let Some(root) = window.document().and_then(|d| d.document_element()) {
        let _ = root.set_attribute("data-hydrated", "true");
    }
    let _ = window.navigator().service_worker().register("/sw.js");
}

/// The browser's `navigator`, if it has the Badging API
/// (`navigator.setAppBadge`): only then is there a badge to keep up.
#[cfg(feature = "hydrate")]
fn badging_navigator() -> Option<wasm_bindgen::JsValue> {
    use wasm_bindgen::JsValue;
    let navigator = JsValue::from(web_sys::window()?.navigator());
    let method = js_sys::Reflect::get(&navigator, &JsValue::from_str("setAppBadge")).ok()?;
    method.is_function().then_some(navigator)
}

/// Shows `count` pending friend requests on the installed app's icon (the
/// Badging API: `navigator.setAppBadge`, or `clearAppBadge` for none).
/// Does nothing where the browser has no such API.
#[cfg(feature = "hydrate")]
pub fn show_friend_requests(count: usize) {
    use wasm_bindgen::{JsCast, JsValue};
    let Some(navigator) = badging_navigator() else {
        return;
    };
    let (name, args) = if count > 0 {
        (
            "setAppBadge",
            js_sys::Array::of1(&JsValue::from(count as f64)),
        )
    } else {
        ("clearAppBadge", js_sys::Array::new())
    };
    let Ok(method) = js_sys::Reflect::get(&navigator, &JsValue::from_str(name)) else {
        return;
    };
    if let Some(method) = method.dyn_ref::<js_sys::Function>() {
        // A promise; a refusal (not installed, no permission) changes nothing.
        let _ = method.apply(&navigator, &args);
    }
}
