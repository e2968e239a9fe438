//! Which path goes to which handler, and the layers around them.
//!
//! - `/media/{file}`: content-addressed audio and covers (Range, immutable,
//!   never compressed).
//! - `/api/...`: the JSON API; `/_fn/...`: Leptos server functions.
//! - `/pkg/...` and public files: the built site; everything else: pages.

use axum::routing::get;
use axum::Router;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};
use tower_http::compression::CompressionLayer;
use tower_http::trace::TraceLayer;

use crate::routes::{api, health, media, site};
use crate::state::AppState;

pub fn router(state: AppState) -> Router {
    let media = Router::new().route("/media/{file}", get(media::serve_media));

    let api = Router::new()
        .route("/tracks", get(api::list_tracks))
        .route("/tracks/{id}", get(api::get_track))
        .route("/albums", get(api::list_albums))
        .route("/albums/{id}", get(api::get_album))
        .route("/artists", get(api::list_artists))
        .route("/artists/{id}", get(api::get_artist))
        .fallback(api::not_found);

    let context = site::context(&state);
    let pages = Router::new()
        .leptos_routes_with_context(
            &state,
            generate_route_list(app::App),
            {
                let context = context.clone();
                move || provide_context(context.clone())
            },
            {
                let options = state.leptos.clone();
                move || app::shell(options.clone())
            },
        )
        .route("/_fn/{*name}", get(site::server_fn).post(site::server_fn))
        .nest("/api", api)
        .route("/healthz", get(health::healthz))
        .merge(site::assets(&state.leptos))
        .fallback(site::not_found)
        .layer(CompressionLayer::new());

    Router::new()
        .merge(media)
        .merge(pages)
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}
