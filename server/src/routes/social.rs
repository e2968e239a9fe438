//! Friends and likes over JSON (`/api/friends...`, `/api/.../like`). All
//! personal: never cached, 401 when signed out.

use axum::extract::{Path, State};
use axum::http::{Method, StatusCode};
use axum::response::Response;
use axum::Json;
use chorus_domain::{ArtistId, TrackId, UserId, Username};
use serde_json::json;

use crate::auth::{signed_in, AuthSession, SessionUser};
use crate::http::cache::personal;
use crate::http::error::ApiError;
use crate::state::AppState;

/// The other listener named in the path, never oneself.
async fn other(state: &AppState, me: &SessionUser, username: &str) -> Result<UserId, ApiError> {
    let username = Username::parse(username).map_err(|_| ApiError::NotFound)?;
    let user = state
        .users
        .user_by_username(&username)
        .await?
        .ok_or(ApiError::NotFound)?;
    if user.id == me.id {
        return Err(ApiError::BadRequest("you cannot befriend yourself".into()));
    }
    Ok(user.id)
}

/// `GET /api/friends` → `{"friends": [...], "incoming": [...], "outgoing": [...]}`.
pub async fn list(State(state): State<AppState>, auth: AuthSession) -> Result<Response, ApiError> {
    let me = signed_in(&auth)?;
    Ok(personal(
        StatusCode::OK,
        Json(state.social.friends(me.id).await?),
    ))
}

/// `POST /api/friends/{username}`: sends a request, or accepts theirs →
/// `{"status": "requested"|"friends"}`.
pub async fn befriend(
    State(state): State<AppState>,
    auth: AuthSession,
    Path(username): Path<String>,
) -> Result<Response, ApiError> {
    let me = signed_in(&auth)?;
    let them = other(&state, me, &username).await?;
    let (status, recorded) = state.social.befriend(me.id, them).await?;
    state.announce(recorded);
    Ok(personal(StatusCode::OK, Json(json!({ "status": status }))))
}

/// `DELETE /api/friends/{username}`: declines, cancels or unfriends → 204.
pub async fn unfriend(
    State(state): State<AppState>,
    auth: AuthSession,
    Path(username): Path<String>,
) -> Result<Response, ApiError> {
    let me = signed_in(&auth)?;
    let them = other(&state, me, &username).await?;
    state.social.unfriend(me.id, them).await?;
    Ok(personal(StatusCode::NO_CONTENT, ()))
}

/// `PUT` likes, `DELETE` unlikes; the answer is `{"liked": bool}`.
fn wants_like(method: &Method) -> bool {
    method == Method::PUT
}

/// `PUT|DELETE /api/tracks/{id}/like` → `{"liked": true|false}`.
pub async fn track_like(
    State(state): State<AppState>,
    auth: AuthSession,
    method: Method,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let me = signed_in(&auth)?;
    let like = wants_like(&method);
    let id: TrackId = id.parse().map_err(|_| ApiError::NotFound)?;
    state.announce(state.social.set_track_like(me.id, id, like).await?);
    Ok(personal(StatusCode::OK, Json(json!({ "liked": like }))))
}

/// `PUT|DELETE /api/artists/{id}/like` → `{"liked": true|false}`.
pub async fn artist_like(
    State(state): State<AppState>,
    auth: AuthSession,
    method: Method,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let me = signed_in(&auth)?;
    let like = wants_like(&method);
    let id: ArtistId = id.parse().map_err(|_| ApiError::NotFound)?;
    state.announce(state.social.set_artist_like(me.id, id, like).await?);
    Ok(personal(StatusCode::OK, Json(json!({ "liked": like }))))
}
