//! Listeners as others see them: the public profile (the same for every
//! viewer, so cacheable like the catalog) and what a listener played
//! (personal: only they and their friends see it).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use chorus_domain::{api, FeedPage, Profile, UserId, Username};
use serde::Deserialize;

use crate::auth::{signed_in, AuthSession};
use crate::http::cache::{personal, public_json};
use crate::http::error::{ApiError, ErrorBody};
use crate::http::query::ApiQuery;
use crate::routes::in_api;
use crate::state::AppState;

/// Plays per page when the client does not say, and at most.
const DEFAULT_PLAYS_PAGE: u32 = 30;
const MAX_PLAYS_PAGE: u32 = 100;

/// A username in a path: one that cannot exist is simply not found.
fn username(raw: &str) -> Result<Username, ApiError> {
    Username::parse(raw).map_err(|_| ApiError::NotFound)
}

/// `GET /api/users/{username}` → the profile: `{"user", "friends_count",
/// "liked_artists", "joined_at"}`; 404 for nobody by that name.
#[utoipa::path(
    get,
    path = "/users/{username}",
    summary = "A listener's public profile",
    tag = "profiles",
    params(("username" = String, Path, description = "The listener")),
    responses(
        (status = 200, description = "The public profile, the same for every viewer; `liked_artists` (newest first, at most 50) is empty when the listener's activity is private", body = Profile),
        (status = 404, description = "Nobody has this username", body = ErrorBody),
    )
)]
pub async fn profile(
    State(state): State<AppState>,
    Path(name): Path<String>,
) -> Result<Response, ApiError> {
    let profile = state
        .social
        .profile(&username(&name)?)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(public_json(profile))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PlaysQuery {
    /// The `next` of the previous page: only plays older than this id.
    before: Option<i64>,
    /// Page size, 1–100 (default 30); values outside are clamped.
    #[param(minimum = 1, maximum = 100)]
    limit: Option<u32>,
}

/// `GET /api/users/{username}/plays?before=ID&limit=N` → a feed page of the
/// listener's plays, newest first: all of them for the listener, those
/// shared with friends for a friend, 403 for anyone else.
#[utoipa::path(
    get,
    path = in_api(api::PLAYS),
    summary = "What a listener played",
    description = "Their `played` events as feed pages: all of them for the listener themself, those shared with friends for a friend; anyone else gets 403.",
    tag = "profiles",
    security(("session" = [])),
    params(("username" = String, Path, description = "The listener"), PlaysQuery),
    responses(
        (status = 200, description = "`played` events, newest first, as feed pages: all of them for the listener, those shared with friends for a friend", body = FeedPage),
        (status = 400, description = "A malformed parameter", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "`only friends of <username> see what they play`", body = ErrorBody),
        (status = 404, description = "Nobody has this username", body = ErrorBody),
    )
)]
pub async fn plays(
    State(state): State<AppState>,
    auth: AuthSession,
    Path(name): Path<String>,
    ApiQuery(query): ApiQuery<PlaysQuery>,
) -> Result<Response, ApiError> {
    let me = signed_in(&auth)?;
    let name = username(&name)?;
    let user = state
        .users
        .user_by_username(&name)
        .await?
        .ok_or(ApiError::NotFound)?;
    if user.id != me.id && !is_friend(&state, me.id, user.id).await? {
        return Err(ApiError::FriendsOnly(name));
    }
    let limit = query
        .limit
        .unwrap_or(DEFAULT_PLAYS_PAGE)
        .clamp(1, MAX_PLAYS_PAGE);
    let page = state
        .activity
        .plays(me.id, user.id, query.before, limit)
        .await?;
    Ok(personal(StatusCode::OK, Json(page)))
}

async fn is_friend(state: &AppState, me: UserId, them: UserId) -> Result<bool, ApiError> {
    Ok(state.social.friend_ids(me).await?.contains(&them))
}
