//! Which path goes to which handler, and the layers around them.
//!
//! - `/media/{file}`: content-addressed audio and covers (Range, immutable,
//!   never compressed).
//! - `/api/...`: the JSON API; `/_fn/...`: Leptos server functions.
//! - `/pkg/...` and public files: the built site; everything else: pages.
//!
//! Outside the routes, [`public_page`] makes the pages that name surrogate
//! keys CDN-cacheable and every other page private; outermost, every
//! request gets an `x-request-id` (kept if the load balancer set one),
//! logged in its span and returned in the response.
//!
//! `/healthz`, `/readyz` and `/metrics` are for load balancers and
//! operators (the shipped VCL answers `/metrics` 404 from outside).
//!
//! The API, the media files, the health checks and the feed socket are
//! registered through utoipa-axum (`OpenApiRouter`, `routes!`): each
//! handler's `#[utoipa::path]` gives both its route and its operation in
//! the OpenAPI document served at `/api/openapi.json` ([`crate::api_doc`]).

use axum::routing::get;
use axum::Extension;
use axum_login::AuthManagerLayerBuilder;
use tower_governor::GovernorLayer;
use tower_http::csrf::CsrfLayer;
use tower_sessions::SessionManagerLayer;

use crate::api_doc::{self, Served};
use crate::auth::rate_limit::{per_ip_config, AuthLimits};
use crate::auth::AuthBackend;
use crate::http::cache::CachePolicy;
use crate::http::error::ApiError;
use crate::http::public_page;
use axum::Router;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;
use utoipa_axum::router::{OpenApiRouter, UtoipaMethodRouterExt};
use utoipa_axum::routes;

use crate::routes::{
    activity, api, auth, discovery, health, media, openapi, profiles, site, social,
};
use crate::state::AppState;

pub fn router(
    state: AppState,
    sessions: SessionManagerLayer<crate::auth::session_store::DatabaseSessions>,
    limits: AuthLimits,
    page_policy: CachePolicy,
) -> Router {
    let (media, mut document) = OpenApiRouter::with_openapi(api_doc::base())
        .routes(routes!(media::serve_media))
        .split_for_parts();

    let served = Served::default();
    let (documented, rest) = OpenApiRouter::default()
        .nest("/api", api_routes(limits, &served))
        .routes(routes!(health::healthz))
        .routes(routes!(health::readyz))
        .routes(routes!(crate::live::feed_socket))
        .split_for_parts();
    document.merge(rest);
    api_doc::finish(&mut document);
    served.publish(document);

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
        .merge(documented)
        .route("/metrics", get(crate::telemetry::metrics_endpoint))
        .merge(site::assets(&state.leptos))
        .fallback(site::not_found)
        .layer(CompressionLayer::new());

    let auth_layer =
        AuthManagerLayerBuilder::new(AuthBackend::new(state.users.clone()), sessions).build();
    Router::new()
        .merge(media)
        .merge(pages)
        .layer(axum::middleware::from_fn(crate::telemetry::track_requests))
        .layer(auth_layer)
        .layer(CsrfLayer::new().with_rejection_response(csrf_rejection))
        .layer(axum::middleware::from_fn_with_state(
            page_policy,
            public_page::public_pages,
        ))
        .layer(TraceLayer::new_for_http().make_span_with(crate::telemetry::request_span))
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        .with_state(state)
}

/// The JSON API, nested at `/api`: every route, and so every operation
/// of the document, is added here with `routes!` (handlers sharing a path
/// in one call).
fn api_routes(limits: AuthLimits, served: &Served) -> OpenApiRouter<AppState> {
    OpenApiRouter::default()
        .routes(routes!(api::list_tracks))
        .routes(routes!(api::get_track))
        .routes(routes!(api::list_albums))
        .routes(routes!(api::get_album))
        .routes(routes!(api::list_artists))
        .routes(routes!(api::get_artist))
        .merge(auth_routes(limits))
        .routes(routes!(auth::me))
        .routes(routes!(auth::change_password))
        .routes(routes!(auth::set_privacy))
        .routes(routes!(auth::set_private_session))
        .routes(routes!(social::my_likes))
        .routes(routes!(activity::now_playing))
        .routes(routes!(activity::feed))
        .routes(routes!(social::list))
        .routes(routes!(
            social::suggestions,
            social::befriend_suggestions,
            social::unfriend_suggestions
        ))
        .routes(routes!(social::befriend, social::unfriend))
        .routes(routes!(profiles::profile))
        .routes(routes!(profiles::plays))
        .routes(routes!(discovery::compatibility))
        .routes(routes!(discovery::listeners_like_you))
        .routes(routes!(discovery::recommendations))
        .routes(routes!(discovery::charts))
        .routes(routes!(discovery::search))
        .routes(routes!(social::like_track, social::unlike_track))
        .routes(routes!(social::like_artist, social::unlike_artist))
        .routes(routes!(openapi::openapi_json).layer(Extension(served.clone())))
        .fallback(api::not_found)
}

/// Sign-up and log-in, rate limited per client IP (429 in the API's error
/// format); log-out.
fn auth_routes(limits: AuthLimits) -> OpenApiRouter<AppState> {
    OpenApiRouter::default()
        .routes(routes!(auth::signup))
        .routes(routes!(auth::login))
        .layer(
            GovernorLayer::new(per_ip_config(limits))
                .error_handler(|e| axum::response::IntoResponse::into_response(ApiError::from(e))),
        )
        .routes(routes!(auth::logout))
}

/// A cross-origin state change: 403 in the API's error format.
fn csrf_rejection(_: tower_http::csrf::ProtectionError) -> axum::response::Response {
    use axum::response::IntoResponse;
    let mut response = ApiError::Forbidden("cross-origin request refused").into_response();
    response.headers_mut().insert(
        http::header::VARY,
        http::HeaderValue::from_static("origin, sec-fetch-site"),
    );
    response
}
