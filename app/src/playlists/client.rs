//! Browser calls to the playlist API. Errors are the server's own
//! messages, ready to show.

use chorus_domain::api::{
    self, AddTracksBody, MoveEntryBody, NewPlaylistBody, PlaylistChangesBody,
};
use chorus_domain::{PlaylistDetail, PlaylistEntryId, PlaylistId, PlaylistSummary, TrackId};

use crate::json_api::call;

pub async fn mine() -> Result<Vec<PlaylistSummary>, String> {
    call::<api::GetPlaylists>(api::PLAYLISTS, &())
        .await
        .map(|list| list.playlists)
}

pub async fn create(body: NewPlaylistBody) -> Result<PlaylistDetail, String> {
    call::<api::CreatePlaylist>(api::PLAYLISTS, &body).await
}

pub async fn get(id: PlaylistId) -> Result<PlaylistDetail, String> {
    call::<api::GetPlaylist>(&api::playlist(id), &()).await
}

pub async fn update(
    id: PlaylistId,
    changes: PlaylistChangesBody,
) -> Result<PlaylistDetail, String> {
    call::<api::UpdatePlaylist>(&api::playlist(id), &changes).await
}

pub async fn delete(id: PlaylistId) -> Result<(), String> {
    call::<api::DeletePlaylist>(&api::playlist(id), &()).await
}

pub async fn add(id: PlaylistId, track_ids: Vec<TrackId>) -> Result<PlaylistDetail, String> {
    call::<api::AddPlaylistTracks>(&api::playlist_tracks(id), &AddTracksBody { track_ids }).await
}

pub async fn remove(id: PlaylistId, entry: PlaylistEntryId) -> Result<PlaylistDetail, String> {
    call::<api::RemovePlaylistEntry>(&api::playlist_entry(id, entry), &()).await
}

pub async fn reorder(
    id: PlaylistId,
    entry: PlaylistEntryId,
    after: Option<PlaylistEntryId>,
) -> Result<PlaylistDetail, String> {
    let path = api::playlist_entry_position(id, entry);
    call::<api::MovePlaylistEntry>(&path, &MoveEntryBody { after }).await
}

pub async fn duplicate(id: PlaylistId) -> Result<PlaylistDetail, String> {
    call::<api::DuplicatePlaylist>(&api::playlist_duplicate(id), &()).await
}

pub async fn invite(id: PlaylistId, username: &str) -> Result<PlaylistDetail, String> {
    call::<api::InviteCollaborator>(&api::playlist_collaborator(id, username), &()).await
}

pub async fn uninvite(id: PlaylistId, username: &str) -> Result<PlaylistDetail, String> {
    call::<api::RemoveCollaborator>(&api::playlist_collaborator(id, username), &()).await
}

pub async fn leave(id: PlaylistId, username: &str) -> Result<(), String> {
    call::<api::LeavePlaylist>(&api::playlist_collaborator(id, username), &()).await
}
