//! Notifications and dedications over JSON (`/api/notifications…`,
//! `/api/dedications`). Every answer is personal, so none is cached.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use chorus_domain::api::{self, DedicationBody, MarkReadBody};
use chorus_domain::{DedicationMessage, Notification, NotificationList, Username};
use chorus_services::ServiceError;

use crate::auth::{signed_in, AuthSession};
use crate::http::cache::personal;
use crate::http::error::{ApiError, ErrorBody};
use crate::http::json::ApiJson;
use crate::routes::in_api;
use crate::state::AppState;

/// `GET /api/notifications` → the unread count and the newest 50.
#[utoipa::path(
    get,
    path = in_api(api::NOTIFICATIONS),
    summary = "Your notifications",
    description = "Friend requests, accepted requests, music friends sent you and invitations to \
edit playlists: the newest 50, newest first, and how many of all are unread. The feed socket \
sends `{\"type\":\"notifications\",\"unread\":N}` whenever that count changes.",
    tag = "notifications",
    security(("session" = [])),
    responses(
        (status = 200, description = "Your notifications", body = NotificationList),
        (status = 401, description = "Not signed in", body = ErrorBody),
    )
)]
pub async fn list(State(state): State<AppState>, auth: AuthSession) -> Result<Response, ApiError> {
    let me = signed_in(&auth)?;
    let list = state.notifications.list(me.id).await?;
    Ok(personal(StatusCode::OK, Json(list)))
}

/// `POST /api/notifications/read` → 204.
#[utoipa::path(
    post,
    path = in_api(api::NOTIFICATIONS_READ),
    summary = "Mark notifications read",
    description = "Every notification up to `up_to` (those you were shown); newer ones stay unread.",
    tag = "notifications",
    security(("session" = [])),
    request_body = MarkReadBody,
    responses(
        (status = 204, description = "Marked read (also when they were already)"),
        (status = 400, description = "Not the JSON asked for", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
    )
)]
pub async fn mark_read(
    State(state): State<AppState>,
    auth: AuthSession,
    ApiJson(body): ApiJson<MarkReadBody>,
) -> Result<Response, ApiError> {
    let me = signed_in(&auth)?;
    state.notifications.mark_read(me.id, body.up_to).await?;
    Ok(personal(StatusCode::NO_CONTENT, ()))
}

/// `POST /api/dedications` → 201 with the notification the friend gets.
#[utoipa::path(
    post,
    path = in_api(api::DEDICATIONS),
    summary = "Send a friend a track, an album or a playlist",
    description = "With a message of at most 280 characters (may be empty): iLike's dedication. \
To friends only, and a playlist only when you both may see it. At most 30 an hour.",
    tag = "notifications",
    security(("session" = [])),
    request_body = DedicationBody,
    responses(
        (status = 201, description = "Sent: the notification your friend gets", body = Notification),
        (status = 400, description = "Not exactly one of `track_id`, `album_id` and `playlist_id`, \
nothing with that id, a playlist one of you may not see, yourself named, a message too long, or \
not the JSON asked for", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "`music can be sent to friends only`", body = ErrorBody),
        (status = 404, description = "`there is no listener named <to>`", body = ErrorBody),
        (status = 429, description = "30 sent in the last hour", body = ErrorBody,
            headers(("Retry-After" = u64, description = "Seconds until the next may go"))),
    )
)]
pub async fn dedicate(
    State(state): State<AppState>,
    auth: AuthSession,
    ApiJson(body): ApiJson<DedicationBody>,
) -> Result<Response, ApiError> {
    let me = signed_in(&auth)?;
    let sent = body.sent().ok_or_else(|| {
        ApiError::BadRequest("name exactly one of track_id, album_id and playlist_id".into())
    })?;
    let message =
        DedicationMessage::parse(&body.message).map_err(|e| ApiError::BadRequest(e.to_string()))?;
    let nobody = || ApiError::NoSuchListener(body.to.clone());
    let to = Username::parse(body.to.trim()).map_err(|_| nobody())?;
    let sent = state
        .notifications
        .dedicate(me.id, &to, sent, message)
        .await
        .map_err(|e| match e {
            ServiceError::NotFound => nobody(),
            other => other.into(),
        })?;
    Ok(personal(StatusCode::CREATED, Json(sent)))
}
