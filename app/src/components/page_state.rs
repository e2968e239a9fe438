//! What a page shows while loading, when it is not found, when it was asked
//! for wrongly, or when loading failed. The not-found and invalid views also
//! set the HTTP status during SSR.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::error::AppError;

/// Shown instead of a page's content when its data failed to load.
#[component]
pub fn ErrorView(error: AppError) -> impl IntoView {
    match error {
        AppError::NotFound => view! { <NotFound/> }.into_any(),
        AppError::Invalid(message) => view! { <Invalid message/> }.into_any(),
        AppError::Failed(message) => view! {
            <Title text="Something went wrong"/>
            <section class="page-message" role="alert">
                <h1>"Something went wrong"</h1>
                <p>{message}</p>
                <a class="button" href="/">"Back to home"</a>
            </section>
        }
        .into_any(),
    }
}

/// The not-found page (HTTP 404).
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text="Not found"/>
        <Meta name="robots" content="noindex"/>
        <section class="page-message">
            <h1>"Not found"</h1>
            <p>"We couldn't find that page. It may have been moved or removed."</p>
            <a class="button" href="/">"Back to home"</a>
        </section>
    }
}

/// A request that cannot be answered as asked (HTTP 400), with the reason.
#[component]
pub fn Invalid(message: String) -> impl IntoView {
    bad_request();
    view! {
        <Title text="Can't show that"/>
        <Meta name="robots" content="noindex"/>
        <section class="page-message" role="alert">
            <h1>"Can't show that"</h1>
            <p>{message}</p>
            <a class="button" href="/">"Back to home"</a>
        </section>
    }
}

/// Makes the page being rendered on the server a 400 (its request could
/// not be answered as asked); nothing in the browser.
pub fn bad_request() {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::BAD_REQUEST);
    }
}

/// Placeholder while a page's data loads (only seen on client navigation;
/// the server renders pages complete).
#[component]
pub fn Loading() -> impl IntoView {
    view! { <div class="loading" aria-busy="true" aria-live="polite">"Loading…"</div> }
}
