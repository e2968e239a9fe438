//! Playlists over JSON (`/api/playlists…`). Every answer is personal (it
//! says what the viewer may do), so none is cached; a playlist the viewer
//! may not see is a 404, as if it did not exist.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use chorus_domain::api::{
    self, AddTracksBody, MoveEntryBody, NewPlaylistBody, PlaylistChangesBody, PlaylistList,
};
use chorus_domain::{
    PlaylistDescription, PlaylistDetail, PlaylistEntryId, PlaylistId, PlaylistName, Username,
};
use chorus_storage::{NewPlaylist, PlaylistChanges};

use crate::auth::{signed_in, AuthSession};
use crate::http::cache::personal;
use crate::http::error::{ApiError, ErrorBody};
use crate::http::json::ApiJson;
use crate::routes::{id_in_path, in_api};
use crate::state::AppState;

fn rule(e: chorus_domain::PlaylistError) -> ApiError {
    ApiError::BadRequest(e.to_string())
}

fn detail(status: StatusCode, detail: PlaylistDetail) -> Response {
    personal(status, Json(detail))
}

/// `GET /api/playlists` → `{"playlists": [...]}`.
#[utoipa::path(
    get,
    path = in_api(api::PLAYLISTS),
    summary = "Your playlists",
    description = "Those you own and those you were invited to edit, last changed first.",
    tag = "playlists",
    security(("session" = [])),
    responses(
        (status = 200, description = "Your playlists", body = PlaylistList),
        (status = 401, description = "Not signed in", body = ErrorBody),
    )
)]
pub async fn list(State(state): State<AppState>, auth: AuthSession) -> Result<Response, ApiError> {
    let me = signed_in(&auth)?;
    let playlists = state.playlists.of(me.id).await?;
    Ok(personal(StatusCode::OK, Json(PlaylistList { playlists })))
}

/// `POST /api/playlists` → 201 with the playlist.
#[utoipa::path(
    post,
    path = in_api(api::PLAYLISTS),
    summary = "Create a playlist",
    description = "With a name, and optionally a description, a visibility (`friends` when left \
out) and its first tracks in order (to save the queue as a playlist).",
    tag = "playlists",
    security(("session" = [])),
    request_body = NewPlaylistBody,
    responses(
        (status = 201, description = "Created; you own it", body = PlaylistDetail),
        (status = 400, description = "A name or description breaking its rule, a track that does not exist, or not the JSON asked for", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 409, description = "More tracks than a playlist holds (10,000)", body = ErrorBody),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    auth: AuthSession,
    ApiJson(body): ApiJson<NewPlaylistBody>,
) -> Result<Response, ApiError> {
    let me = signed_in(&auth)?;
    let playlist = NewPlaylist {
        name: PlaylistName::parse(&body.name).map_err(rule)?,
        description: PlaylistDescription::parse(&body.description).map_err(rule)?,
        visibility: body.visibility,
    };
    let created = state
        .playlists
        .create(me.id, playlist, &body.track_ids)
        .await?;
    Ok(detail(StatusCode::CREATED, created))
}

/// `GET /api/playlists/{id}` → the playlist, its tracks and your role.
#[utoipa::path(
    get,
    path = in_api(api::PLAYLIST),
    summary = "A playlist with its tracks",
    description = "Public playlists are for everyone; friends-only ones for the owner's friends and \
its collaborators; private ones for its owner and collaborators. `role` says what you may do.",
    tag = "playlists",
    params(("id" = i64, Path, description = "The playlist's id", minimum = 1)),
    responses(
        (status = 200, description = "The playlist", body = PlaylistDetail),
        (status = 404, description = "No playlist you may see has this id", body = ErrorBody),
    )
)]
pub async fn get(
    State(state): State<AppState>,
    auth: AuthSession,
    Path(raw): Path<String>,
) -> Result<Response, ApiError> {
    let viewer = auth.user.as_ref().map(|u| u.id);
    let playlist = state.playlists.detail(id_in_path(&raw)?, viewer).await?;
    Ok(detail(StatusCode::OK, playlist))
}

/// `PATCH /api/playlists/{id}` → the playlist.
#[utoipa::path(
    patch,
    path = in_api(api::PLAYLIST),
    summary = "Rename, describe or change who sees a playlist",
    description = "Fields left out stay as they are. The owner only.",
    tag = "playlists",
    security(("session" = [])),
    params(("id" = i64, Path, description = "The playlist's id", minimum = 1)),
    request_body = PlaylistChangesBody,
    responses(
        (status = 200, description = "Changed", body = PlaylistDetail),
        (status = 400, description = "A name or description breaking its rule, or not the JSON asked for", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "You are not its owner", body = ErrorBody),
        (status = 404, description = "No playlist you may see has this id", body = ErrorBody),
    )
)]
pub async fn update(
    State(state): State<AppState>,
    auth: AuthSession,
    Path(raw): Path<String>,
    ApiJson(body): ApiJson<PlaylistChangesBody>,
) -> Result<Response, ApiError> {
    let me = signed_in(&auth)?;
    let id = id_in_path(&raw)?;
    let changes = PlaylistChanges {
        name: body
            .name
            .as_deref()
            .map(PlaylistName::parse)
            .transpose()
            .map_err(rule)?,
        description: body
            .description
            .as_deref()
            .map(PlaylistDescription::parse)
            .transpose()
            .map_err(rule)?,
        visibility: body.visibility,
    };
    let playlist = state.playlists.update(me.id, id, changes).await?;
    Ok(detail(StatusCode::OK, playlist))
}

/// `DELETE /api/playlists/{id}` → 204.
#[utoipa::path(
    delete,
    path = in_api(api::PLAYLIST),
    summary = "Delete a playlist",
    description = "The owner only.",
    tag = "playlists",
    security(("session" = [])),
    params(("id" = i64, Path, description = "The playlist's id", minimum = 1)),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "You are not its owner", body = ErrorBody),
        (status = 404, description = "No playlist you may see has this id", body = ErrorBody),
    )
)]
pub async fn delete(
    State(state): State<AppState>,
    auth: AuthSession,
    Path(raw): Path<String>,
) -> Result<Response, ApiError> {
    let me = signed_in(&auth)?;
    state.playlists.delete(me.id, id_in_path(&raw)?).await?;
    Ok(personal(StatusCode::NO_CONTENT, ()))
}

/// `POST /api/playlists/{id}/tracks` → the playlist.
#[utoipa::path(
    post,
    path = in_api(api::PLAYLIST_TRACKS),
    summary = "Add tracks to a playlist",
    description = "Appended in the order given, all or none. Its owner and collaborators only.",
    tag = "playlists",
    security(("session" = [])),
    params(("id" = i64, Path, description = "The playlist's id", minimum = 1)),
    request_body = AddTracksBody,
    responses(
        (status = 200, description = "Added", body = PlaylistDetail),
        (status = 400, description = "A track that does not exist, or not the JSON asked for", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "You may see it but not edit it", body = ErrorBody),
        (status = 404, description = "No playlist you may see has this id", body = ErrorBody),
        (status = 409, description = "They would take it past 10,000 tracks; none was added", body = ErrorBody),
    )
)]
pub async fn add_tracks(
    State(state): State<AppState>,
    auth: AuthSession,
    Path(raw): Path<String>,
    ApiJson(body): ApiJson<AddTracksBody>,
) -> Result<Response, ApiError> {
    let me = signed_in(&auth)?;
    let playlist = state
        .playlists
        .add(me.id, id_in_path(&raw)?, &body.track_ids)
        .await?;
    Ok(detail(StatusCode::OK, playlist))
}

/// `DELETE /api/playlists/{id}/entries/{entry_id}` → the playlist.
#[utoipa::path(
    delete,
    path = in_api(api::PLAYLIST_ENTRY),
    summary = "Remove a track from a playlist",
    description = "One entry (a track may be in a playlist twice). Removing one already removed \
changes nothing. Its owner and collaborators only.",
    tag = "playlists",
    security(("session" = [])),
    params(
        ("id" = i64, Path, description = "The playlist's id", minimum = 1),
        ("entry_id" = i64, Path, description = "The entry's id", minimum = 1),
    ),
    responses(
        (status = 200, description = "Removed", body = PlaylistDetail),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "You may see it but not edit it", body = ErrorBody),
        (status = 404, description = "No playlist you may see has this id", body = ErrorBody),
    )
)]
pub async fn remove_entry(
    State(state): State<AppState>,
    auth: AuthSession,
    Path((raw, entry)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let me = signed_in(&auth)?;
    let entry: PlaylistEntryId = id_in_path(&entry)?;
    let playlist = state
        .playlists
        .remove(me.id, id_in_path(&raw)?, entry)
        .await?;
    Ok(detail(StatusCode::OK, playlist))
}

/// `PUT /api/playlists/{id}/entries/{entry_id}/position` → the playlist.
#[utoipa::path(
    put,
    path = in_api(api::PLAYLIST_ENTRY_POSITION),
    summary = "Move a track within a playlist",
    description = "Puts the entry right after `after` (`null`: at the top), between it and \
whatever follows it now; no other entry moves. Its owner and collaborators only.",
    tag = "playlists",
    security(("session" = [])),
    params(
        ("id" = i64, Path, description = "The playlist's id", minimum = 1),
        ("entry_id" = i64, Path, description = "The entry's id", minimum = 1),
    ),
    request_body = MoveEntryBody,
    responses(
        (status = 200, description = "Moved", body = PlaylistDetail),
        (status = 400, description = "Not the JSON asked for", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "You may see it but not edit it", body = ErrorBody),
        (status = 404, description = "No playlist you may see has this id, or it has no such entry", body = ErrorBody),
        (status = 409, description = "The entry to put it after was removed meanwhile; nothing moved", body = ErrorBody),
    )
)]
pub async fn move_entry(
    State(state): State<AppState>,
    auth: AuthSession,
    Path((raw, entry)): Path<(String, String)>,
    ApiJson(body): ApiJson<MoveEntryBody>,
) -> Result<Response, ApiError> {
    let me = signed_in(&auth)?;
    let entry: PlaylistEntryId = id_in_path(&entry)?;
    let playlist = state
        .playlists
        .reorder(me.id, id_in_path(&raw)?, entry, body.after)
        .await?;
    Ok(detail(StatusCode::OK, playlist))
}

/// `POST /api/playlists/{id}/duplicate` → 201 with the copy.
#[utoipa::path(
    post,
    path = in_api(api::PLAYLIST_DUPLICATE),
    summary = "Copy a playlist into one of your own",
    description = "Any playlist you may see: its tracks in order, named \"Copy of …\", visible to your friends.",
    tag = "playlists",
    security(("session" = [])),
    params(("id" = i64, Path, description = "The playlist's id", minimum = 1)),
    responses(
        (status = 201, description = "The copy; you own it", body = PlaylistDetail),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No playlist you may see has this id", body = ErrorBody),
    )
)]
pub async fn duplicate(
    State(state): State<AppState>,
    auth: AuthSession,
    Path(raw): Path<String>,
) -> Result<Response, ApiError> {
    let me = signed_in(&auth)?;
    let copy = state.playlists.duplicate(me.id, id_in_path(&raw)?).await?;
    Ok(detail(StatusCode::CREATED, copy))
}

/// `PUT /api/playlists/{id}/collaborators/{username}` → the playlist.
#[utoipa::path(
    put,
    path = in_api(api::PLAYLIST_COLLABORATOR),
    summary = "Invite a friend to edit a playlist",
    description = "The owner only; only friends can be invited. They may then add, remove and reorder its tracks.",
    tag = "playlists",
    security(("session" = [])),
    params(
        ("id" = i64, Path, description = "The playlist's id", minimum = 1),
        ("username" = String, Path, description = "The friend to invite"),
    ),
    responses(
        (status = 200, description = "Invited (also when they already were)", body = PlaylistDetail),
        (status = 400, description = "`only friends can be invited to edit a playlist`, or the owner named", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "You are not its owner", body = ErrorBody),
        (status = 404, description = "No playlist you may see has this id, or no listener has this name", body = ErrorBody),
    )
)]
pub async fn invite(
    State(state): State<AppState>,
    auth: AuthSession,
    Path((raw, username)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    collaborator(&state, &auth, &raw, &username, true).await
}

/// `DELETE /api/playlists/{id}/collaborators/{username}` → the playlist,
/// or 204 when you left it.
#[utoipa::path(
    delete,
    path = in_api(api::PLAYLIST_COLLABORATOR),
    summary = "Remove a collaborator, or leave a playlist",
    description = "The owner removes anyone; a collaborator may remove themselves.",
    tag = "playlists",
    security(("session" = [])),
    params(
        ("id" = i64, Path, description = "The playlist's id", minimum = 1),
        ("username" = String, Path, description = "The collaborator"),
    ),
    responses(
        (status = 200, description = "Removed (also when they were not one)", body = PlaylistDetail),
        (status = 204, description = "You left the playlist"),
        (status = 400, description = "The owner named", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "You are not its owner", body = ErrorBody),
        (status = 404, description = "No playlist you may see has this id, or no listener has this name", body = ErrorBody),
    )
)]
pub async fn uninvite(
    State(state): State<AppState>,
    auth: AuthSession,
    Path((raw, username)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    collaborator(&state, &auth, &raw, &username, false).await
}

async fn collaborator(
    state: &AppState,
    auth: &AuthSession,
    raw: &str,
    username: &str,
    invite: bool,
) -> Result<Response, ApiError> {
    let me = signed_in(auth)?;
    let id: PlaylistId = id_in_path(raw)?;
    let username =
        Username::parse(username).map_err(|_| ApiError::NoSuchListener(username.to_owned()))?;
    let changed = state
        .playlists
        .set_collaborator(me.id, id, &username, invite)
        .await?;
    Ok(match changed {
        Some(playlist) => detail(StatusCode::OK, playlist),
        None => personal(StatusCode::NO_CONTENT, ()),
    })
}
