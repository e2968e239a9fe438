//! Discovery: search and the global charts are public (the same for
//! everyone, so cacheable); compatibility, listeners like you,
//! recommendations and the friends' charts are personal.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use chorus_domain::api::{self, Items};
use chorus_domain::search::MAX_PER_KIND;
use chorus_domain::{
    Chart, ChartPeriod, ChartScope, Compatibility, ListenerLikeYou, Recommendations, SearchResults,
    Username,
};
use serde::Deserialize;

use crate::auth::{signed_in, AuthSession};
use crate::http::cache::{personal, public_json};
use crate::http::error::{ApiError, ErrorBody};
use crate::http::query::ApiQuery;
use crate::routes::in_api;
use crate::state::AppState;

/// Most listeners like you listed.
const LISTENERS_LIKE_YOU: usize = 10;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// What to look for: every word must start a word of the name, case
    /// and accents ignored; 1–100 characters with a letter or digit.
    #[param(required = true, min_length = 1, max_length = 100)]
    q: Option<String>,
    /// Most results of each kind, 1–20 (default 20); values outside are clamped.
    #[param(minimum = 1, maximum = 20)]
    limit: Option<u32>,
}

/// `GET /api/search?q=TEXT&limit=N` → `{"artists", "albums", "tracks",
/// "users"}`, each best first (at most `limit`, default and cap 20): names
/// with a word starting with every term, case and accents ignored.
#[utoipa::path(
    get,
    path = in_api(api::SEARCH),
    summary = "Search artists, albums, tracks and listeners",
    description = "Every word of `q` must start a word of the name; case and accents are ignored. At most `limit` results of each kind, best first.",
    tag = "discovery",
    params(SearchParams),
    responses(
        (status = 200, description = "Artists, albums, tracks and listeners, best first in each group", body = SearchResults),
        (status = 400, description = "An empty query (nothing but spaces and punctuation), one over 100 characters, or a malformed parameter", body = ErrorBody),
    )
)]
pub async fn search(
    State(state): State<AppState>,
    ApiQuery(params): ApiQuery<SearchParams>,
) -> Result<Response, ApiError> {
    let limit = params.limit.unwrap_or(MAX_PER_KIND).clamp(1, MAX_PER_KIND);
    let results = state
        .discovery
        .search(params.q.as_deref().unwrap_or_default(), limit)
        .await?;
    Ok(public_json(results))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ChartParams {
    /// Whose plays: everyone's (default) or the signed-in listener's friends'.
    #[serde(default)]
    #[param(inline)]
    scope: ChartScope,
    /// The last 7 days (default) or 30 days, today included.
    #[serde(default)]
    #[param(inline)]
    period: ChartPeriod,
}

/// `GET /api/charts?scope=global|friends&period=week|month` → the chart:
/// `{"scope", "period", "computed_at", "tracks": [{"rank", "track",
/// "plays"}], "artists": [{"rank", "artist", "plays"}]}`. The global one is
/// public; the friends' one needs a session (401).
#[utoipa::path(
    get,
    path = in_api(api::CHARTS),
    summary = "The most played tracks and artists",
    description = "Over the last week or month, recomputed periodically (`computed_at`). The global chart is public and cacheable; the friends' chart needs a session and is personal.",
    tag = "discovery",
    security((), ("session" = [])),
    params(ChartParams),
    responses(
        (status = 200, description = "The top 50 tracks and artists, as of the last recomputation", body = Chart),
        (status = 400, description = "An unknown scope or period", body = ErrorBody),
        (status = 401, description = "The friends' chart without a session", body = ErrorBody),
    )
)]
pub async fn charts(
    State(state): State<AppState>,
    auth: AuthSession,
    ApiQuery(params): ApiQuery<ChartParams>,
) -> Result<Response, ApiError> {
    match params.scope {
        ChartScope::Global => {
            let chart = state
                .discovery
                .chart(ChartScope::Global, params.period, None, now(&state))
                .await?;
            Ok(public_json(chart))
        }
        ChartScope::Friends => {
            let me = signed_in(&auth)?;
            let chart = state
                .discovery
                .chart(ChartScope::Friends, params.period, Some(me.id), now(&state))
                .await?;
            Ok(personal(StatusCode::OK, Json(chart)))
        }
    }
}

/// `GET /api/users/{username}/compatibility` → the signed-in viewer's
/// `{"score", "shared_artists", "basis"}` with that listener; 401 signed
/// out, 404 for nobody, 400 for oneself.
#[utoipa::path(
    get,
    path = in_api(api::COMPATIBILITY),
    summary = "Taste compatibility with a listener",
    description = "0-100 from the artists both like and play, newer signals counting more; plays count only between friends (docs/discovery.md).",
    tag = "discovery",
    security(("session" = [])),
    params(("username" = String, Path, description = "The other listener")),
    responses(
        (status = 200, description = "Taste compatibility 0–100, the artists both like, and what the score rests on (docs/discovery.md)", body = Compatibility),
        (status = 400, description = "Compatibility with oneself", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "Nobody has this username", body = ErrorBody),
    )
)]
pub async fn compatibility(
    State(state): State<AppState>,
    auth: AuthSession,
    Path(name): Path<String>,
) -> Result<Response, ApiError> {
    let me = signed_in(&auth)?;
    let name = Username::parse(&name).map_err(|_| ApiError::NotFound)?;
    let found = state
        .discovery
        .compatibility(me.id, &name, now(&state))
        .await?;
    Ok(personal(StatusCode::OK, Json(found)))
}

/// `GET /api/listeners-like-you` → `{"items": [{"user", "score",
/// "shared_artists", "shared_friends"}]}`: friends of friends first.
#[utoipa::path(
    get,
    path = in_api(api::LISTENERS_LIKE_YOU),
    summary = "Listeners with a taste like yours",
    tag = "discovery",
    security(("session" = [])),
    responses(
        (status = 200, description = "At most 10 listeners who are not friends yet, friends of friends first", body = Items<ListenerLikeYou>),
        (status = 401, description = "Not signed in", body = ErrorBody),
    )
)]
pub async fn listeners_like_you(
    State(state): State<AppState>,
    auth: AuthSession,
) -> Result<Response, ApiError> {
    let me = signed_in(&auth)?;
    let items = state
        .discovery
        .listeners_like_you(me.id, now(&state), LISTENERS_LIKE_YOU)
        .await?;
    Ok(personal(StatusCode::OK, Json(Items { items })))
}

/// `GET /api/recommendations` → `{"items": [{"track": {...}, "reason":
/// {...}} | {"artist": {...}, "reason": {...}}]}`.
#[utoipa::path(
    get,
    path = in_api(api::RECOMMENDATIONS),
    summary = "Tracks and artists for you",
    tag = "discovery",
    security(("session" = [])),
    responses(
        (status = 200, description = "Tracks and artists, each with the reason it is there", body = Recommendations),
        (status = 401, description = "Not signed in", body = ErrorBody),
    )
)]
pub async fn recommendations(
    State(state): State<AppState>,
    auth: AuthSession,
) -> Result<Response, ApiError> {
    let me = signed_in(&auth)?;
    let found = state.discovery.recommendations(me.id, now(&state)).await?;
    Ok(personal(StatusCode::OK, Json(found)))
}

/// Now, in the discovery layer's milliseconds, from the services' clock.
fn now(state: &AppState) -> i64 {
    state.services.clock().now().as_ms_i64()
}
