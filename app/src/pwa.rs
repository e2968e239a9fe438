//! Browser-side start-up: marks the document hydrated (tests and CSS wait for
//! it) and registers the service worker that makes Chorus installable and
//! shows an offline page when the server cannot be reached.

use leptos::prelude::*;

/// Runs once in the browser after hydration; nothing on the server.
pub fn on_hydrated() {
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        {
            let Some(window) = web_sys::window() else {
                return;
            };
            if let Some(root) = window.document().and_then(|d| d.document_element()) {
                let _ = root.set_attribute("data-hydrated", "true");
            }
            let _ = window.navigator().service_worker().register("/sw.js");
        }
    });
}
