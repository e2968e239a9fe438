//! Discovery: search and the global charts are public (the same for
//! everyone, so cacheable); compatibility, listeners like you,
//! recommendations and the friends' charts are personal.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use chorus_domain::search::MAX_PER_KIND;
use chorus_domain::{ChartPeriod, ChartScope, Username};
use serde::{Deserialize, Serialize};

use crate::auth::{signed_in, AuthSession};
use crate::clock::now_ms_signed as now;
use crate::http::cache::{personal, public_json};
use crate::http::error::ApiError;
use crate::http::query::ApiQuery;
use crate::state::AppState;

/// Most listeners like you listed.
const LISTENERS_LIKE_YOU: usize = 10;

#[derive(Debug, Deserialize)]
pub struct SearchParams {
    q: Option<String>,
    limit: Option<u32>,
}

/// `GET /api/search?q=TEXT&limit=N` → `{"artists", "albums", "tracks",
/// "users"}`, each best first (at most `limit`, default and cap 20): names
/// with a word starting with every term, case and accents ignored.
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

#[derive(Debug, Deserialize)]
pub struct ChartParams {
    #[serde(default)]
    scope: ChartScope,
    #[serde(default)]
    period: ChartPeriod,
}

/// `GET /api/charts?scope=global|friends&period=week|month` → the chart:
/// `{"scope", "period", "computed_at", "tracks": [{"rank", "track",
/// "plays"}], "artists": [{"rank", "artist", "plays"}]}`. The global one is
/// public; the friends' one needs a session (401).
pub async fn charts(
    State(state): State<AppState>,
    auth: AuthSession,
    ApiQuery(params): ApiQuery<ChartParams>,
) -> Result<Response, ApiError> {
    match params.scope {
        ChartScope::Global => {
            let chart = state
                .discovery
                .chart(ChartScope::Global, params.period, None, now())
                .await?;
            Ok(public_json(chart))
        }
        ChartScope::Friends => {
            let me = signed_in(&auth)?;
            let chart = state
                .discovery
                .chart(ChartScope::Friends, params.period, Some(me.id), now())
                .await?;
            Ok(personal(StatusCode::OK, Json(chart)))
        }
    }
}

/// `GET /api/users/{username}/compatibility` → the signed-in viewer's
/// `{"score", "shared_artists", "basis"}` with that listener; 401 signed
/// out, 404 for nobody, 400 for oneself.
pub async fn compatibility(
    State(state): State<AppState>,
    auth: AuthSession,
    Path(name): Path<String>,
) -> Result<Response, ApiError> {
    let me = signed_in(&auth)?;
    let name = Username::parse(&name).map_err(|_| ApiError::NotFound)?;
    let found = state.discovery.compatibility(me.id, &name, now()).await?;
    Ok(personal(StatusCode::OK, Json(found)))
}

#[derive(Serialize)]
struct Items<T> {
    items: Vec<T>,
}

/// `GET /api/listeners-like-you` → `{"items": [{"user", "score",
/// "shared_artists", "shared_friends"}]}`: friends of friends first.
pub async fn listeners_like_you(
    State(state): State<AppState>,
    auth: AuthSession,
) -> Result<Response, ApiError> {
    let me = signed_in(&auth)?;
    let items = state
        .discovery
        .listeners_like_you(me.id, now(), LISTENERS_LIKE_YOU)
        .await?;
    Ok(personal(StatusCode::OK, Json(Items { items })))
}

/// `GET /api/recommendations` → `{"items": [{"track": {...}, "reason":
/// {...}} | {"artist": {...}, "reason": {...}}]}`.
pub async fn recommendations(
    State(state): State<AppState>,
    auth: AuthSession,
) -> Result<Response, ApiError> {
    let me = signed_in(&auth)?;
    let found = state.discovery.recommendations(me.id, now()).await?;
    Ok(personal(StatusCode::OK, Json(found)))
}
