//! Playlists: one's own, one playlist, its tracks and its collaborators.

use serde::{Deserialize, Serialize};

use super::{endpoint, fill};
use crate::{
    PlaylistDetail, PlaylistEntryId, PlaylistId, PlaylistSummary, PlaylistVisibility, TrackId,
};

pub const PLAYLISTS: &str = "/api/playlists";
pub const PLAYLIST: &str = "/api/playlists/{id}";
pub const PLAYLIST_TRACKS: &str = "/api/playlists/{id}/tracks";
pub const PLAYLIST_ENTRY: &str = "/api/playlists/{id}/entries/{entry_id}";
pub const PLAYLIST_ENTRY_POSITION: &str = "/api/playlists/{id}/entries/{entry_id}/position";
pub const PLAYLIST_DUPLICATE: &str = "/api/playlists/{id}/duplicate";
pub const PLAYLIST_COLLABORATOR: &str = "/api/playlists/{id}/collaborators/{username}";

/// Where playlist `id` is read (`GET`), changed (`PATCH`) and deleted.
pub fn playlist(id: PlaylistId) -> String {
    fill(PLAYLIST, "id", &id.to_string())
}

/// Where tracks are appended to playlist `id`.
pub fn playlist_tracks(id: PlaylistId) -> String {
    fill(PLAYLIST_TRACKS, "id", &id.to_string())
}

/// Where an entry of playlist `id` is removed.
pub fn playlist_entry(id: PlaylistId, entry: PlaylistEntryId) -> String {
    let path = fill(PLAYLIST_ENTRY, "id", &id.to_string());
    fill(&path, "entry_id", &entry.to_string())
}

/// Where an entry of playlist `id` is moved.
pub fn playlist_entry_position(id: PlaylistId, entry: PlaylistEntryId) -> String {
    let path = fill(PLAYLIST_ENTRY_POSITION, "id", &id.to_string());
    fill(&path, "entry_id", &entry.to_string())
}

/// Where playlist `id` is copied into one of one's own.
pub fn playlist_duplicate(id: PlaylistId) -> String {
    fill(PLAYLIST_DUPLICATE, "id", &id.to_string())
}

/// Where `username` is invited to edit playlist `id` (`PUT`) or removed.
pub fn playlist_collaborator(id: PlaylistId, username: &str) -> String {
    fill(
        &fill(PLAYLIST_COLLABORATOR, "id", &id.to_string()),
        "username",
        username,
    )
}

/// `{"playlists": [...]}`: one's own and those one edits, last changed
/// first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlaylistList {
    pub playlists: Vec<PlaylistSummary>,
}

/// A new playlist: its name, and optionally a description, a visibility
/// (`friends` when left out) and its first tracks (saving the queue).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewPlaylistBody {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub name: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 1000))]
    pub description: String,
    #[serde(default)]
    pub visibility: PlaylistVisibility,
    #[serde(default)]
    pub track_ids: Vec<TrackId>,
}

/// Changes to a playlist's details; a field left out stays as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlaylistChangesBody {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 1000))]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visibility: Option<PlaylistVisibility>,
}

/// `{"track_ids": [...]}`: tracks to append, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AddTracksBody {
    pub track_ids: Vec<TrackId>,
}

/// `{"after": entry_id | null}`: the entry to put it right after (`null`:
/// the top), between that entry and whatever follows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MoveEntryBody {
    pub after: Option<PlaylistEntryId>,
}

endpoint!(
    /// One's playlists.
    GetPlaylists: Get PLAYLISTS, () => PlaylistList
);
endpoint!(
    /// Creates a playlist: 201.
    CreatePlaylist: Post PLAYLISTS, NewPlaylistBody => PlaylistDetail
);
endpoint!(
    /// A playlist with its tracks.
    GetPlaylist: Get PLAYLIST, () => PlaylistDetail
);
endpoint!(
    /// Renames, describes or changes the visibility of a playlist.
    UpdatePlaylist: Patch PLAYLIST, PlaylistChangesBody => PlaylistDetail
);
endpoint!(
    /// Deletes a playlist: 204.
    DeletePlaylist: Delete PLAYLIST, () => ()
);
endpoint!(
    /// Appends tracks to a playlist.
    AddPlaylistTracks: Post PLAYLIST_TRACKS, AddTracksBody => PlaylistDetail
);
endpoint!(
    /// Removes one entry from a playlist.
    RemovePlaylistEntry: Delete PLAYLIST_ENTRY, () => PlaylistDetail
);
endpoint!(
    /// Moves one entry of a playlist.
    MovePlaylistEntry: Put PLAYLIST_ENTRY_POSITION, MoveEntryBody => PlaylistDetail
);
endpoint!(
    /// Copies a playlist into one of one's own: 201.
    DuplicatePlaylist: Post PLAYLIST_DUPLICATE, () => PlaylistDetail
);
endpoint!(
    /// Invites a friend to edit a playlist.
    InviteCollaborator: Put PLAYLIST_COLLABORATOR, () => PlaylistDetail
);
endpoint!(
    /// The owner removes a collaborator.
    RemoveCollaborator: Delete PLAYLIST_COLLABORATOR, () => PlaylistDetail
);
endpoint!(
    /// A collaborator leaves a playlist: 204.
    LeavePlaylist: Delete PLAYLIST_COLLABORATOR, () => ()
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_filled_in() {
        let id = PlaylistId(7);
        assert_eq!(playlist(id), "/api/playlists/7");
        assert_eq!(
            playlist_entry_position(id, PlaylistEntryId(9)),
            "/api/playlists/7/entries/9/position"
        );
        assert_eq!(
            playlist_collaborator(id, "bo b"),
            "/api/playlists/7/collaborators/bo%20b"
        );
    }
}
