//! Listening reports and the friends' feed over HTTP. Personal: never
//! cached, 401 when signed out.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use chorus_domain::{api, FeedPage, ListenReport};
use serde::Deserialize;

use crate::auth::{signed_in, AuthSession};
use crate::http::cache::personal;
use crate::http::error::{ApiError, ErrorBody};
use crate::http::json::ApiJson;
use crate::http::query::ApiQuery;
use crate::routes::in_api;
use crate::state::AppState;

/// Largest feed page.
const MAX_FEED_PAGE: u32 = 100;
const DEFAULT_FEED_PAGE: u32 = 30;

/// `POST /api/now-playing {track_id, position_ms, paused, at_ms?}` → 204.
/// The player sends it on play, pause, seek and track change, and as a
/// heartbeat while playing (a report made offline is sent later with its
/// `at_ms`); the server turns the reports into now-playing, paused and
/// played events at the time they were made, and tells friends' sockets
/// that the listener's presence (what they play, where in it) may have
/// changed.
#[utoipa::path(
    post,
    path = in_api(api::NOW_PLAYING),
    summary = "Report what the player does",
    description = "The player sends it on play, pause, seek and track change, and as a heartbeat while playing. The server turns reports into `now_playing`, `paused` and `played` events for friends (unless the listener's activity is private or a private session is on). A report made offline carries `at_ms`, the time it was made (up to a week back): its events count at that time, and a report older than the last one applied (a retry) counts nothing twice.",
    tag = "activity",
    security(("session" = [])),
    request_body = ListenReport,
    responses(
        (status = 204, description = "Recorded: a play counts after half the track or 4 minutes (tracks of 30 s and more)"),
        (status = 400, description = "The body is not the JSON asked for, or its `at_ms` is more than a week old or in the future", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No track has this id", body = ErrorBody),
    )
)]
pub async fn now_playing(
    State(state): State<AppState>,
    auth: AuthSession,
    ApiJson(report): ApiJson<ListenReport>,
) -> Result<Response, ApiError> {
    let me = signed_in(&auth)?;
    state.services.report_listening(me.id, report).await?;
    Ok(personal(StatusCode::NO_CONTENT, ()))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FeedQuery {
    /// The `next` of the previous page: only events older than this id.
    before: Option<i64>,
    /// Page size, 1–100 (default 30); values outside are clamped.
    #[param(minimum = 1, maximum = 100)]
    limit: Option<u32>,
}

/// `GET /api/feed?before=ID&limit=N` → `{"items": [...], "next": ID|null}`:
/// friends' activity, newest first.
#[utoipa::path(
    get,
    path = in_api(api::FEED),
    summary = "Friends' activity, newest first",
    description = "Events of friends who share their activity: `now_playing`, `paused`, `played`, `liked_track`, `liked_artist`, `friended`. Page backwards with `before` = the previous page's `next`; live updates come over `/ws/feed`.",
    tag = "activity",
    security(("session" = [])),
    params(FeedQuery),
    responses(
        (status = 200, description = "Friends' events, newest first; `next` is the `before` of the next page, or null", body = FeedPage),
        (status = 400, description = "A malformed parameter", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
    )
)]
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
