//! Listening reports and the friends' feed over HTTP. Personal: never
//! cached, 401 when signed out.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use chorus_domain::ListenReport;
use serde::Deserialize;

use crate::auth::{signed_in, AuthSession};
use crate::clock::now_ms;
use crate::http::cache::personal;
use crate::http::error::ApiError;
use crate::http::json::ApiJson;
use crate::http::query::ApiQuery;
use crate::state::AppState;

/// Largest feed page.
const MAX_FEED_PAGE: u32 = 100;
const DEFAULT_FEED_PAGE: u32 = 30;

/// `POST /api/now-playing {track_id, position_ms, paused}` → 204. The
/// player sends it on play, pause, seek and track change, and as a
/// heartbeat while playing; the server turns the reports into now-playing,
/// paused and played events, and tells friends' sockets that the
/// listener's presence (what they play, where in it) may have changed.
pub async fn now_playing(
    State(state): State<AppState>,
    auth: AuthSession,
    ApiJson(report): ApiJson<ListenReport>,
) -> Result<Response, ApiError> {
    let me = signed_in(&auth)?;
    let recorded = state
        .activity
        .report_listening(me.id, report, now_ms())
        .await?;
    state.announce(recorded);
    state.announce_presence([me.id]);
    Ok(personal(StatusCode::NO_CONTENT, ()))
}

#[derive(Debug, Deserialize)]
pub struct FeedQuery {
    before: Option<i64>,
    limit: Option<u32>,
}

/// `GET /api/feed?before=ID&limit=N` → `{"items": [...], "next": ID|null}`:
/// friends' activity, newest first.
pub async fn feed(
    State(state): State<AppState>,
    auth: AuthSession,
    ApiQuery(query): ApiQuery<FeedQuery>,
) -> Result<Response, ApiError> {
    let me = signed_in(&auth)?;
    let limit = query
        .limit
        .unwrap_or(DEFAULT_FEED_PAGE)
        .clamp(1, MAX_FEED_PAGE);
    let page = state.activity.feed(me.id, query.before, limit).await?;
    Ok(personal(StatusCode::OK, Json(page)))
}
