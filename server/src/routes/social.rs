//! Friends and likes over JSON (`/api/friends...`, `/api/.../like`,
//! `/api/me/likes`). All personal: never cached, 401 when signed out.

use axum::extract::{Path, State};
use axum::http::{Method, StatusCode};
use axum::response::Response;
use axum::Json;
use chorus_domain::{ArtistId, SurrogateKey, TrackId, UserId, Username};
use serde::Deserialize;
use serde_json::json;

use crate::auth::{signed_in, AuthSession, SessionUser};
use crate::http::cache::personal;
use crate::http::error::ApiError;
use crate::http::query::ApiQuery;
use crate::state::AppState;

/// The other listener named in the path, never oneself.
async fn other(
    state: &AppState,
    me: &SessionUser,
    username: &str,
) -> Result<(UserId, Username), ApiError> {
    let nobody = || ApiError::NoSuchListener(username.to_owned());
    let parsed = Username::parse(username).map_err(|_| nobody())?;
    let user = state
        .users
        .user_by_username(&parsed)
        .await?
        .ok_or_else(nobody)?;
    if user.id == me.id {
        return Err(ApiError::BadRequest("you cannot befriend yourself".into()));
    }
    Ok((user.id, parsed))
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
    befriend_named(&state, &auth, &username).await
}

/// `DELETE /api/friends/{username}`: declines, cancels or unfriends → 204.
pub async fn unfriend(
    State(state): State<AppState>,
    auth: AuthSession,
    Path(username): Path<String>,
) -> Result<Response, ApiError> {
    unfriend_named(&state, &auth, &username).await
}

/// `suggestions` is a username too: `POST|DELETE /api/friends/suggestions`
/// (a path of its own, next to `GET`) befriend or unfriend that listener.
pub const SUGGESTIONS: &str = "suggestions";

pub async fn befriend_suggestions(
    State(state): State<AppState>,
    auth: AuthSession,
) -> Result<Response, ApiError> {
    befriend_named(&state, &auth, SUGGESTIONS).await
}

pub async fn unfriend_suggestions(
    State(state): State<AppState>,
    auth: AuthSession,
) -> Result<Response, ApiError> {
    unfriend_named(&state, &auth, SUGGESTIONS).await
}

async fn befriend_named(
    state: &AppState,
    auth: &AuthSession,
    username: &str,
) -> Result<Response, ApiError> {
    let me = signed_in(auth)?;
    let (them, name) = other(state, me, username).await?;
    let (status, recorded) = state.social.befriend(me.id, them).await?;
    state.announce(recorded);
    // Perhaps friends now: each side's sockets read the other's presence.
    state.announce_friendships([me.id, them]);
    purge_profiles(state, &me.me.username, &name);
    Ok(personal(StatusCode::OK, Json(json!({ "status": status }))))
}

async fn unfriend_named(
    state: &AppState,
    auth: &AuthSession,
    username: &str,
) -> Result<Response, ApiError> {
    let me = signed_in(auth)?;
    let (them, name) = other(state, me, username).await?;
    state.social.unfriend(me.id, them).await?;
    // Each side's sockets drop the other.
    state.announce_friendships([me.id, them]);
    purge_profiles(state, &me.me.username, &name);
    Ok(personal(StatusCode::NO_CONTENT, ()))
}

/// Both profiles show a friends count.
fn purge_profiles(state: &AppState, me: &Username, them: &Username) {
    state
        .purger
        .purge([SurrogateKey::user(me), SurrogateKey::user(them)]);
}

/// Suggestions per page when the client does not say, and at most.
const DEFAULT_SUGGESTIONS: u32 = 10;
const MAX_SUGGESTIONS: u32 = 50;

#[derive(Debug, Deserialize)]
pub struct SuggestionsQuery {
    limit: Option<u32>,
}

/// `GET /api/friends/suggestions?limit=N` → `{"suggestions": [{"user",
/// "shared_friends"}]}`: friends of friends, most shared friends first.
pub async fn suggestions(
    State(state): State<AppState>,
    auth: AuthSession,
    ApiQuery(query): ApiQuery<SuggestionsQuery>,
) -> Result<Response, ApiError> {
    let me = signed_in(&auth)?;
    let limit = query
        .limit
        .unwrap_or(DEFAULT_SUGGESTIONS)
        .clamp(1, MAX_SUGGESTIONS);
    let suggestions = state.social.friend_suggestions(me.id, limit).await?;
    Ok(personal(
        StatusCode::OK,
        Json(json!({ "suggestions": suggestions })),
    ))
}

/// `GET /api/me/likes` → `{"tracks": [id], "artists": [id]}`, newest first.
pub async fn my_likes(
    State(state): State<AppState>,
    auth: AuthSession,
) -> Result<Response, ApiError> {
    let me = signed_in(&auth)?;
    Ok(personal(
        StatusCode::OK,
        Json(state.social.liked_ids(me.id).await?),
    ))
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
    // The profile lists liked artists.
    state.purger.purge([SurrogateKey::user(&me.me.username)]);
    Ok(personal(StatusCode::OK, Json(json!({ "liked": like }))))
}
