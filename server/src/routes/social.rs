//! Friends and likes over JSON (`/api/friends...`, `/api/.../like`,
//! `/api/me/likes`). All personal: never cached, 401 when signed out.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use chorus_domain::api::{self, FriendshipStatus, Liked, Suggestions};
use chorus_domain::{FriendList, LikedIds, UserId, Username};
use chorus_services::Party;
use chorus_storage::LikeOf;
use serde::Deserialize;

use crate::auth::{signed_in, AuthSession, SessionUser};
use crate::http::cache::personal;
use crate::http::error::{ApiError, ErrorBody};
use crate::http::query::ApiQuery;
use crate::routes::{id_in_path, in_api};
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
#[utoipa::path(
    get,
    path = in_api(api::FRIENDS),
    summary = "Friends and friend requests",
    operation_id = "list_friends",
    tag = "friends",
    security(("session" = [])),
    responses(
        (status = 200, description = "Friends, requests received and requests sent", body = FriendList),
        (status = 401, description = "Not signed in", body = ErrorBody),
    )
)]
pub async fn list(State(state): State<AppState>, auth: AuthSession) -> Result<Response, ApiError> {
    let me = signed_in(&auth)?;
    Ok(personal(
        StatusCode::OK,
        Json(state.social.friends(me.id).await?),
    ))
}

/// `POST /api/friends/{username}`: sends a request, or accepts theirs →
/// `{"status": "requested"|"friends"}`.
#[utoipa::path(
    post,
    path = in_api(api::FRIEND),
    summary = "Send a friend request, or accept theirs",
    description = "Friendship is mutual: a request becomes a friendship when the other listener sends one back.",
    tag = "friends",
    security(("session" = [])),
    params(("username" = String, Path, description = "The other listener")),
    responses(
        (status = 200, description = "`requested` (waiting for them) or `friends`", body = FriendshipStatus),
        (status = 400, description = "`you cannot befriend yourself`", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "`there is no listener named <username>`", body = ErrorBody),
    )
)]
pub async fn befriend(
    State(state): State<AppState>,
    auth: AuthSession,
    Path(username): Path<String>,
) -> Result<Response, ApiError> {
    befriend_named(&state, &auth, &username).await
}

/// `DELETE /api/friends/{username}`: declines, cancels or unfriends → 204.
#[utoipa::path(
    delete,
    path = in_api(api::FRIEND),
    summary = "Decline, cancel or unfriend",
    tag = "friends",
    security(("session" = [])),
    params(("username" = String, Path, description = "The other listener")),
    responses(
        (status = 204, description = "Declined their request, cancelled yours, or unfriended (also when there was nothing to undo)"),
        (status = 400, description = "`you cannot befriend yourself`", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "`there is no listener named <username>`", body = ErrorBody),
    )
)]
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

/// `POST /api/friends/suggestions`: [`befriend`] the listener named `suggestions`.
#[utoipa::path(
    post,
    path = in_api(api::FRIEND_SUGGESTIONS),
    summary = "Befriend the listener named `suggestions`",
    tag = "friends",
    security(("session" = [])),
    responses(
        (status = 200, description = "`requested` or `friends`", body = FriendshipStatus),
        (status = 400, description = "`you cannot befriend yourself`", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "`there is no listener named suggestions`", body = ErrorBody),
    )
)]
pub async fn befriend_suggestions(
    State(state): State<AppState>,
    auth: AuthSession,
) -> Result<Response, ApiError> {
    befriend_named(&state, &auth, SUGGESTIONS).await
}

/// `DELETE /api/friends/suggestions`: [`unfriend`] the listener named `suggestions`.
#[utoipa::path(
    delete,
    path = in_api(api::FRIEND_SUGGESTIONS),
    summary = "Decline, cancel or unfriend the listener named `suggestions`",
    tag = "friends",
    security(("session" = [])),
    responses(
        (status = 204, description = "Declined, cancelled or unfriended"),
        (status = 400, description = "`you cannot befriend yourself`", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "`there is no listener named suggestions`", body = ErrorBody),
    )
)]
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
    let (status, _recorded) = state
        .services
        .befriend(
            party(me),
            Party {
                id: them,
                username: &name,
            },
        )
        .await?;
    Ok(personal(StatusCode::OK, Json(FriendshipStatus { status })))
}

async fn unfriend_named(
    state: &AppState,
    auth: &AuthSession,
    username: &str,
) -> Result<Response, ApiError> {
    let me = signed_in(auth)?;
    let (them, name) = other(state, me, username).await?;
    state
        .services
        .unfriend(
            party(me),
            Party {
                id: them,
                username: &name,
            },
        )
        .await?;
    Ok(personal(StatusCode::NO_CONTENT, ()))
}

/// The signed-in listener as a party to a friendship change.
fn party(me: &SessionUser) -> Party<'_> {
    Party {
        id: me.id,
        username: &me.me.username,
    }
}

/// Suggestions per page when the client does not say, and at most.
const DEFAULT_SUGGESTIONS: u32 = 10;
const MAX_SUGGESTIONS: u32 = 50;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SuggestionsQuery {
    /// Most suggestions, 1–50 (default 10); values outside are clamped.
    #[param(minimum = 1, maximum = 50)]
    limit: Option<u32>,
}

/// `GET /api/friends/suggestions?limit=N` → `{"suggestions": [{"user",
/// "shared_friends"}]}`: friends of friends, most shared friends first.
#[utoipa::path(
    get,
    path = in_api(api::FRIEND_SUGGESTIONS),
    summary = "People you may know",
    operation_id = "friend_suggestions",
    tag = "friends",
    security(("session" = [])),
    params(SuggestionsQuery),
    responses(
        (status = 200, description = "Friends of friends who are not friends and not asked yet, most shared friends first", body = Suggestions),
        (status = 400, description = "A malformed parameter", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
    )
)]
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
    Ok(personal(StatusCode::OK, Json(Suggestions { suggestions })))
}

/// `GET /api/me/likes` → `{"tracks": [id], "artists": [id]}`, newest first.
#[utoipa::path(
    get,
    path = in_api(api::MY_LIKES),
    summary = "What the signed-in listener likes",
    tag = "likes",
    security(("session" = [])),
    responses(
        (status = 200, description = "Ids of the liked tracks and artists, newest like first", body = LikedIds),
        (status = 401, description = "Not signed in", body = ErrorBody),
    )
)]
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

/// `PUT /api/tracks/{id}/like` → `{"liked": true}`.
#[utoipa::path(
    put,
    path = in_api(api::TRACK_LIKE),
    summary = "Like a track",
    tag = "likes",
    security(("session" = [])),
    params(("id" = i64, Path, description = "The track's id", minimum = 1)),
    responses(
        (status = 200, description = "Liked (also when it already was)", body = Liked),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No track has this id", body = ErrorBody),
    )
)]
pub async fn like_track(
    State(state): State<AppState>,
    auth: AuthSession,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    set_like(&state, &auth, LikeOf::Track(id_in_path(&id)?), true).await
}

/// `DELETE /api/tracks/{id}/like` → `{"liked": false}`.
#[utoipa::path(
    delete,
    path = in_api(api::TRACK_LIKE),
    summary = "Unlike a track",
    tag = "likes",
    security(("session" = [])),
    params(("id" = i64, Path, description = "The track's id", minimum = 1)),
    responses(
        (status = 200, description = "Not liked (also when it was not)", body = Liked),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No track has this id", body = ErrorBody),
    )
)]
pub async fn unlike_track(
    State(state): State<AppState>,
    auth: AuthSession,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    set_like(&state, &auth, LikeOf::Track(id_in_path(&id)?), false).await
}

/// Likes (`liked`) or unlikes what `like` names: `{"liked": liked}`.
async fn set_like(
    state: &AppState,
    auth: &AuthSession,
    like: LikeOf,
    liked: bool,
) -> Result<Response, ApiError> {
    let me = signed_in(auth)?;
    state
        .services
        .set_like(me.id, &me.me.username, like, liked)
        .await?;
    Ok(personal(StatusCode::OK, Json(Liked { liked })))
}

/// `PUT /api/artists/{id}/like` → `{"liked": true}`.
#[utoipa::path(
    put,
    path = in_api(api::ARTIST_LIKE),
    summary = "Like an artist",
    tag = "likes",
    security(("session" = [])),
    params(("id" = i64, Path, description = "The artist's id", minimum = 1)),
    responses(
        (status = 200, description = "Liked (also when it already was)", body = Liked),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No artist has this id", body = ErrorBody),
    )
)]
pub async fn like_artist(
    State(state): State<AppState>,
    auth: AuthSession,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    set_like(&state, &auth, LikeOf::Artist(id_in_path(&id)?), true).await
}

/// `DELETE /api/artists/{id}/like` → `{"liked": false}`.
#[utoipa::path(
    delete,
    path = in_api(api::ARTIST_LIKE),
    summary = "Unlike an artist",
    tag = "likes",
    security(("session" = [])),
    params(("id" = i64, Path, description = "The artist's id", minimum = 1)),
    responses(
        (status = 200, description = "Not liked (also when it was not)", body = Liked),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No artist has this id", body = ErrorBody),
    )
)]
pub async fn unlike_artist(
    State(state): State<AppState>,
    auth: AuthSession,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    set_like(&state, &auth, LikeOf::Artist(id_in_path(&id)?), false).await
}

/// `PUT /api/albums/{id}/like` → `{"liked": true}`.
#[utoipa::path(
    put,
    path = in_api(api::ALBUM_LIKE),
    summary = "Like an album",
    description = "It joins your library (`GET /api/library`); an album like makes no feed event.",
    tag = "likes",
    security(("session" = [])),
    params(("id" = i64, Path, description = "The album's id", minimum = 1)),
    responses(
        (status = 200, description = "Liked (also when it already was)", body = Liked),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No album has this id", body = ErrorBody),
    )
)]
pub async fn like_album(
    State(state): State<AppState>,
    auth: AuthSession,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    set_like(&state, &auth, LikeOf::Album(id_in_path(&id)?), true).await
}

/// `DELETE /api/albums/{id}/like` → `{"liked": false}`.
#[utoipa::path(
    delete,
    path = in_api(api::ALBUM_LIKE),
    summary = "Unlike an album",
    tag = "likes",
    security(("session" = [])),
    params(("id" = i64, Path, description = "The album's id", minimum = 1)),
    responses(
        (status = 200, description = "Not liked (also when it was not)", body = Liked),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No album has this id", body = ErrorBody),
    )
)]
pub async fn unlike_album(
    State(state): State<AppState>,
    auth: AuthSession,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    set_like(&state, &auth, LikeOf::Album(id_in_path(&id)?), false).await
}

/// `GET /api/library` → your playlists, liked songs, albums and artists.
#[utoipa::path(
    get,
    path = in_api(api::LIBRARY),
    summary = "Your library",
    description = "Your playlists (last changed first); *Liked songs*, every track you like \
(newest like first, at most 10,000): an automatic playlist; the albums and the artists you like.",
    tag = "likes",
    security(("session" = [])),
    responses(
        (status = 200, description = "Your library", body = chorus_domain::Library),
        (status = 401, description = "Not signed in", body = ErrorBody),
    )
)]
pub async fn library(
    State(state): State<AppState>,
    auth: AuthSession,
) -> Result<Response, ApiError> {
    let me = signed_in(&auth)?;
    Ok(personal(
        StatusCode::OK,
        Json(state.libraries.of(me.id).await?),
    ))
}
