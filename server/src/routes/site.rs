//! The built site around the Leptos pages: server functions, the WASM/CSS
//! bundle under `/pkg`, public files (service worker, manifest, icons) and
//! the not-found page.

use std::path::PathBuf;

use axum::extract::{Request, State};
use axum::response::{IntoResponse, Response};
use axum::Router;
use http::header::{CACHE_CONTROL, VARY};
use http::HeaderValue;
use http::Uri;
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::http::cache::CachePolicy;
use crate::state::AppState;

/// What server functions and pages reach on the server.
pub fn context(state: &AppState) -> app::ServerContext {
    app::ServerContext {
        catalog: state.catalog.clone(),
        social: state.social.clone(),
        discovery: state.discovery.clone(),
        playlists: state.playlists.clone(),
        public_url: state.public_url.clone(),
    }
}

/// Runs a Leptos server function.
pub async fn server_fn(State(state): State<AppState>, request: Request) -> impl IntoResponse {
    let context = context(&state);
    leptos_axum::handle_server_fns_with_context(move || provide_context(context.clone()), request)
        .await
}

/// `/pkg`: the WASM, JS and CSS bundle cargo-leptos built: the main module
/// and, with `--split`, the lazy routes' chunks (`split_*.wasm`,
/// `chunk_*.wasm`, `application/wasm` like the main one) and their loader
/// (`__wasm_split.*.js`). Its file names carry a content hash in release
/// builds (`hash-files`, the chunks each their own), so they are immutable; without hashes (a build without them, tests) they are
/// revalidated. The build also writes each file compressed beside it
/// (`.br` at brotli's best, `.gz`: `scripts/lib.sh`, `precompress_site`),
/// served to browsers that accept them, with `Vary: Accept-Encoding`; a
/// file without them is compressed on the fly as any response.
pub fn assets(options: &LeptosOptions) -> Router<AppState> {
    let pkg = PathBuf::from(&*options.site_root).join(&*options.site_pkg_dir);
    let policy = if options.hash_files {
        CachePolicy::Immutable
    } else {
        CachePolicy::Revalidate
    };
    Router::new()
        .nest_service(
            &format!("/{}", options.site_pkg_dir),
            ServeDir::new(pkg).precompressed_br().precompressed_gzip(),
        )
        .layer(SetResponseHeaderLayer::overriding(
            CACHE_CONTROL,
            policy.header_value(),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            VARY,
            HeaderValue::from_static("accept-encoding"),
        ))
}

/// Anything else: a public file of the site if one has that name, else the
/// app's not-found page (status 404).
pub async fn not_found(State(state): State<AppState>, uri: Uri, request: Request) -> Response {
    let context = context(&state);
    let handler = leptos_axum::file_and_error_handler_with_context(
        move || provide_context(context.clone()),
        app::shell,
    );
    let mut response = handler(uri, State(state), request).await;
    CachePolicy::Revalidate.apply(response.headers_mut());
    response
}
