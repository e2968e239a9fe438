//! Which path goes to which handler, and the layers around them.
//!
//! - `/media/{file}`: content-addressed audio and covers (Range, immutable,
//!   never compressed).
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

use std::time::Duration;

use axum::middleware::{from_fn, from_fn_with_state};
use axum::routing::{get, post, put};
use axum_login::AuthManagerLayerBuilder;
use tower_http::csrf::CsrfLayer;
use tower_sessions::SessionManagerLayer;

use crate::auth::per_address::{self, AddressLimiter};
use crate::auth::rate_limit::AuthLimits;
use crate::auth::sessions::{self, SessionSettings};
use crate::auth::AuthBackend;
use crate::http::cache::CachePolicy;
use crate::http::client_addr::{self, TrustedProxies};
use crate::http::error::ApiError;
use crate::http::{public_page, security_headers, timeout};
use axum::Router;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;

use crate::routes::{activity, api, auth, discovery, health, media, profiles, site, social};
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
    let streams = Router::new()
        .route("/media/{file}", get(media::serve_media))
        .route("/ws/feed", get(crate::live::feed_socket));

    let api = Router::new()
        .route("/tracks", get(api::list_tracks))
        .route("/tracks/{id}", get(api::get_track))
        .route("/albums", get(api::list_albums))
        .route("/albums/{id}", get(api::get_album))
        .route("/artists", get(api::list_artists))
        .route("/artists/{id}", get(api::get_artist))
        .merge(auth_routes(settings.limits))
        .route("/me", get(auth::me))
        .route("/me/password", put(auth::change_password))
        .route("/me/privacy", put(auth::set_privacy))
        .route("/me/private-session", put(auth::set_private_session))
        .route("/me/likes", get(social::my_likes))
        .route("/now-playing", post(activity::now_playing))
        .route("/feed", get(activity::feed))
        .route("/friends", get(social::list))
        .route(
            "/friends/suggestions",
            get(social::suggestions)
                .post(social::befriend_suggestions)
                .delete(social::unfriend_suggestions),
        )
        .route(
            "/friends/{username}",
            post(social::befriend).delete(social::unfriend),
        )
        .route("/users/{username}", get(profiles::profile))
        .route("/users/{username}/plays", get(profiles::plays))
        .route(
            "/users/{username}/compatibility",
            get(discovery::compatibility),
        )
        .route("/listeners-like-you", get(discovery::listeners_like_you))
        .route("/recommendations", get(discovery::recommendations))
        .route("/charts", get(discovery::charts))
        .route("/search", get(discovery::search))
        .route(
            "/tracks/{id}/like",
            put(social::track_like).delete(social::track_like),
        )
        .route(
            "/artists/{id}/like",
            put(social::artist_like).delete(social::artist_like),
        )
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
        .route("/readyz", get(health::readyz))
        .route("/metrics", get(crate::telemetry::metrics_endpoint))
        .merge(site::assets(&state.leptos))
        .fallback(site::not_found)
        .layer(from_fn_with_state(
            settings.request_timeout,
            timeout::request_timeout,
        ))
        .layer(CompressionLayer::new());

    let auth_layer =
        AuthManagerLayerBuilder::new(AuthBackend::new(state.users.clone()), session_layer).build();
    Router::new()
        .merge(streams)
        .merge(pages)
        .layer(from_fn(crate::telemetry::track_requests))
        .layer(from_fn_with_state(settings.sessions, sessions::keep_alive))
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

/// Sign-up and log-in, rate limited per client address; log-out.
fn auth_routes(limits: AuthLimits) -> Router<AppState> {
    let per_client = AddressLimiter::new(limits.per_ip_per_minute);
    Router::new()
        .route("/auth/signup", post(auth::signup))
        .route("/auth/login", post(auth::login))
        .layer(from_fn_with_state(
            per_client,
            per_address::limit_per_address,
        ))
        .route("/auth/logout", post(auth::logout))
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
