//! Public pages tell the CDN what they show. While a public page renders on
//! the server it names the things on it as surrogate keys; the server makes
//! a page with keys a public, CDN-cacheable response (and a page without
//! them private), and purges the keys of whatever changes. In the browser
//! this does nothing.

use chorus_domain::SurrogateKey;

/// The response header the keys travel in, space-separated.
pub const SURROGATE_KEY_HEADER: &str = "surrogate-key";

/// Marks the page being rendered as public, showing `keys`.
pub fn shows(keys: impl IntoIterator<Item = SurrogateKey>) {
    #[cfg(feature = "ssr")]
    {
        use leptos::prelude::use_context;
        let Some(response) = use_context::<leptos_axum::ResponseOptions>() else {
            return;
        };
        let value = chorus_domain::surrogate::header_value(keys);
        if let Ok(value) = http::HeaderValue::from_str(&value) {
            response.append_header(http::HeaderName::from_static(SURROGATE_KEY_HEADER), value);
        }
    }
    #[cfg(not(feature = "ssr"))]
    drop(keys.into_iter());
}
