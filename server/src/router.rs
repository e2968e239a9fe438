//! Which path goes to which handler, and the layers around them.
//!
//! - `/media/{file}`: content-addressed audio and covers (Range, immutable,
//!   never compressed); `/media/{hash}/{variant}`: covers resized for
//!   pages, made on first request when missing.
//! - `/api/...`: the JSON API; `/_fn/...`: Leptos server functions.
//! - `/pkg/...` and public files: the built site; everything else: pages.
//!
//! Every route but the streams (`/media/...` and the feed socket) answers
//! within the request timeout ([`timeout`]). Sign-up and log-in are limited
//! per client address ([`per_address`]).
//!
//! Outside the routes, [`public_page`] makes the pages that name surrogate
//! keys CDN-cacheable and every other page private; every response gets
//! the security headers; every request gets its client's address (behind
//! trusted proxies, the forwarded one: [`client_addr`]) and an
//! `x-request-id` (kept if the load balancer set one), both logged in its
//! span, the id returned in the response.
//!
//! `/healthz`, `/readyz` and `/metrics` are for load balancers and
//! operators (the shipped VCL answers `/metrics` 404 from outside).
//!
//! The API, the media files, the health checks and the feed socket are
//! registered through utoipa-axum (`OpenApiRouter`, `routes!`): each
//! handler's `#[utoipa::path]` gives both its route and its operation in
//! the OpenAPI document served at `/api/openapi.json` ([`crate::api_doc`]).
//! The API's paths that the browser calls are those of
//! [`chorus_domain::api`], shared with it ([`crate::routes::in_api`]).

use std::time::Duration;

use axum::middleware::{from_fn, from_fn_with_state};
use axum::routing::get;
use axum::Extension;
use axum_login::AuthManagerLayerBuilder;
use tower_http::csrf::CsrfLayer;
use tower_sessions::SessionManagerLayer;

use crate::api_doc::{self, Served};
use crate::auth::per_address::{self, AddressLimiter};
use crate::auth::rate_limit::AuthLimits;
use crate::auth::sessions::{self, SessionSettings};
use crate::auth::AuthBackend;
use crate::http::cache::CachePolicy;
use crate::http::client_addr::{self, TrustedProxies};
use crate::http::error::ApiError;
use crate::http::{page_head, public_page, security_headers, timeout};
use axum::Router;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;
use utoipa_axum::router::{OpenApiRouter, UtoipaMethodRouterExt};
use utoipa_axum::routes;

use crate::routes::{
    activity, api, auth, cover, discovery, embed, health, media, notifications, openapi, playlists,
    profiles, service_worker, share, site, sitemap, social,
};
use crate::state::AppState;

/// What the router's layers are set with.
#[derive(Debug, Clone)]
pub struct RouterSettings {
    pub limits: AuthLimits,
    /// The policy of public pages (their CDN freshness).
    pub page_policy: CachePolicy,
    pub trusted_proxies: TrustedProxies,
    pub request_timeout: Duration,
    pub sessions: SessionSettings,
}

pub fn router(
    state: AppState,
    session_layer: SessionManagerLayer<crate::auth::session_store::DatabaseSessions>,
    settings: RouterSettings,
) -> Router {
    // Long by nature: no request timeout.
    let (streams, mut document) = OpenApiRouter::with_openapi(api_doc::base())
        .routes(routes!(media::serve_media))
        .routes(routes!(cover::serve_cover_variant))
        .routes(routes!(crate::live::feed_socket))
        .split_for_parts();

    let served = Served::default();
    let (documented, rest) = OpenApiRouter::default()
        .nest(
            chorus_domain::api::ROOT,
            api_routes(settings.limits, &served),
        )
        .routes(routes!(health::healthz))
        .routes(routes!(health::readyz))
        .routes(routes!(share::share))
        .split_for_parts();
    document.merge(rest);
    api_doc::finish(&mut document);
    served.publish(document);

    let context = site::context(&state);
    let pages = Router::new()
        .leptos_routes_with_context(
            &state,
            page_routes(),
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
        .route("/robots.txt", get(sitemap::robots))
        .route("/sitemap.xml", get(sitemap::index))
        .route("/sitemaps/{file}", get(sitemap::sitemap))
        .route("/embed/tracks/{id}", get(embed::track))
        .route("/embed/albums/{id}", get(embed::album))
        .route("/embed/playlists/{id}", get(embed::playlist))
        .route("/sw.js", {
            let worker = service_worker::ServiceWorker::of(&state.leptos);
            get(move || service_worker::script(worker.clone()))
        })
        .merge(site::assets(&state.leptos))
        .fallback(site::not_found)
        .layer(from_fn(page_head::preview_tags))
        .layer(from_fn_with_state(
            settings.request_timeout,
            timeout::request_timeout,
        ))
        .layer(CompressionLayer::new());

    let auth_layer = AuthManagerLayerBuilder::new(
        AuthBackend::new(state.users.clone(), state.services.clone()),
        session_layer,
    )
    .build();
    let clock = state.services.clock().clone();
    Router::new()
        .merge(streams)
        .merge(pages)
        .layer(from_fn(crate::telemetry::track_requests))
        .layer(from_fn_with_state(
            (settings.sessions, clock),
            sessions::keep_alive,
        ))
        .layer(auth_layer)
        .layer(CsrfLayer::new().with_rejection_response(csrf_rejection))
        .layer(from_fn_with_state(
            settings.page_policy,
            public_page::public_pages,
        ))
        .layer(from_fn(security_headers::security_headers))
        .layer(TraceLayer::new_for_http().make_span_with(crate::telemetry::request_span))
        .layer(from_fn_with_state(
            settings.trusted_proxies,
            client_addr::client_addr,
        ))
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
        .routes(routes!(embed::oembed))
        .routes(routes!(playlists::list, playlists::create))
        .routes(routes!(
            playlists::get,
            playlists::update,
            playlists::delete
        ))
        .routes(routes!(playlists::add_tracks))
        .routes(routes!(playlists::remove_entry))
        .routes(routes!(playlists::move_entry))
        .routes(routes!(playlists::duplicate))
        .routes(routes!(playlists::invite, playlists::uninvite))
        .routes(routes!(notifications::list))
        .routes(routes!(notifications::mark_read))
        .routes(routes!(notifications::dedicate))
        .routes(routes!(social::like_track, social::unlike_track))
        .routes(routes!(social::like_artist, social::unlike_artist))
        .routes(routes!(social::like_album, social::unlike_album))
        .routes(routes!(social::library))
        .routes(routes!(openapi::openapi_json).layer(Extension(served.clone())))
        .fallback(api::not_found)
}

/// Sign-up and log-in, rate limited per client address (429 in the API's
/// error format); log-out.
fn auth_routes(limits: AuthLimits) -> OpenApiRouter<AppState> {
    let per_client = AddressLimiter::new(limits.per_ip_per_minute);
    OpenApiRouter::default()
        .routes(routes!(auth::signup))
        .routes(routes!(auth::login))
        .layer(from_fn_with_state(
            per_client,
            per_address::limit_per_address,
        ))
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

/// The pages' routes, generated once per process. Generating them renders
/// the app with resource loading suppressed for the whole process
/// (leptos_server's `SuppressResourceLoad`, a global flag): a resource
/// first polled meanwhile by a page render of another [`Application`] in
/// the same process (the tests build many) would wait forever. Generated
/// before the first router exists, no render can overlap it.
///
/// [`Application`]: crate::startup::Application
fn page_routes() -> Vec<AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<AxumRouteListing>> = std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(app::App)).clone()
}
