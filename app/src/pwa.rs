//! Browser-side start-up: marks the document hydrated (tests and CSS wait for
//! it) and registers the service worker that makes Chorus installable and
//! shows an offline page when the server cannot be reached; words to that
//! worker ([`ask_service_worker`], [`cache_app`]); and the app badge
//! ([`show_friend_requests`]).

/// How long after start-up the page asks the service worker to cache the
/// rest of the app (the lazy parts' chunks, `public/sw.js`): not while a
/// first visit's Play is fetching its track.
#[cfg(feature = "hydrate")]
const CACHE_APP_AFTER: std::time::Duration = std::time::Duration::from_secs(5);

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
    leptos::prelude::set_timeout(
        || {
            // Not yet controlled (a first visit's worker still installing):
            // the next start asks.
            if let Some(worker) = controller() {
                let _ = worker.post_message(&message("cache-app"));
            }
        },
        CACHE_APP_AFTER,
    );
}

/// The service worker controlling this page, if any.
#[cfg(feature = "hydrate")]
fn controller() -> Option<web_sys::ServiceWorker> {
    web_sys::window()?.navigator().service_worker().controller()
}

/// The message `{type: kind}`.
#[cfg(feature = "hydrate")]
fn message(kind: &str) -> js_sys::Object {
    use wasm_bindgen::JsValue;
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(
        &message,
        &JsValue::from_str("type"),
        &JsValue::from_str(kind),
    );
    message
}

/// Has the worker controlling this page cache the whole app, so every page
/// opens offline; waits until it has, or `wait_ms`.
#[cfg(feature = "hydrate")]
pub async fn cache_app(wait_ms: i32) {
    ask_service_worker("cache-app", wait_ms).await;
}

/// Sends the worker controlling this page the message `{type: kind}` with a
/// port, and waits until it answers on that port (it does once done), or
/// `wait_ms`; at once when no worker controls the page.
#[cfg(feature = "hydrate")]
pub async fn ask_service_worker(kind: &str, wait_ms: i32) {
    let (Some(worker), Ok(channel)) = (controller(), web_sys::MessageChannel::new()) else {
        return;
    };
    let answered = js_sys::Promise::new(&mut |resolve, _| {
        channel.port1().set_onmessage(Some(&resolve));
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, wait_ms);
        }
    });
    let ports = js_sys::Array::of1(&channel.port2());
    if worker
        .post_message_with_transferable(&message(kind), &ports)
        .is_ok()
    {
        let _ = wasm_bindgen_futures::JsFuture::from(answered).await;
    }
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
