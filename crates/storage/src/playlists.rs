//! The playlist store: playlists, their entries in order, and their
//! collaborators. Order is a rank between neighbours, made by the store
//! inside the edit's transaction while it holds the playlist: an edit
//! never rewrites other entries' places, so two people editing one
//! playlist at once both keep their changes. Who may do what is the
//! services' rule, not the store's.

use async_trait::async_trait;
use chorus_domain::{
    PlaylistDescription, PlaylistEntry, PlaylistEntryId, PlaylistId, PlaylistName, PlaylistSummary,
    PlaylistVisibility, PublicUser, Timestamp, TrackId, UserId,
};

use crate::StorageResult;

/// A playlist as stored: what lists show, and whose it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredPlaylist {
    pub summary: PlaylistSummary,
    pub owner: UserId,
    /// Friends the owner invited to edit it, by display name.
    pub collaborators: Vec<(UserId, PublicUser)>,
}

/// A playlist to create.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPlaylist {
    pub name: PlaylistName,
    pub description: PlaylistDescription,
    pub visibility: PlaylistVisibility,
}

/// Changes to a playlist's details; `None` leaves that one as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlaylistChanges {
    pub name: Option<PlaylistName>,
    pub description: Option<PlaylistDescription>,
    pub visibility: Option<PlaylistVisibility>,
}

/// Why tracks were not added (nothing of the request was).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntriesRefused {
    /// They would take the playlist past `limit`; it holds `has`.
    Full { has: u32, limit: u32 },
    /// No such track in the catalog.
    UnknownTrack(TrackId),
}

/// Stores playlists.
#[async_trait]
pub trait PlaylistStore: Send + Sync {
    /// Creates `owner`'s playlist holding `tracks` in that order (none
    /// is fine), all or nothing.
    async fn create_playlist(
        &self,
        owner: UserId,
        playlist: &NewPlaylist,
        tracks: &[TrackId],
        limit: u32,
        now: Timestamp,
    ) -> StorageResult<Result<PlaylistId, EntriesRefused>>;

    /// The playlist, if it exists.
    async fn playlist(&self, id: PlaylistId) -> StorageResult<Option<StoredPlaylist>>;

    /// The playlist's entries in order (rank, then entry id).
    async fn playlist_entries(&self, id: PlaylistId) -> StorageResult<Vec<PlaylistEntry>>;

    /// Changes its details. [`crate::StorageError::NotFound`] when it
    /// does not exist.
    async fn update_playlist(
        &self,
        id: PlaylistId,
        changes: &PlaylistChanges,
        now: Timestamp,
    ) -> StorageResult<()>;

    /// Deletes it with its entries. `NotFound` when it does not exist.
    async fn delete_playlist(&self, id: PlaylistId) -> StorageResult<()>;

    /// Appends `tracks` in that order, added by `by`, all or nothing.
    /// `NotFound` when the playlist does not exist.
    async fn add_entries(
        &self,
        id: PlaylistId,
        tracks: &[TrackId],
        by: UserId,
        limit: u32,
        now: Timestamp,
    ) -> StorageResult<Result<(), EntriesRefused>>;

    /// Moves `entry` to right after `after` (`None`: to the top), between
    /// `after` and whatever follows it now. `NotFound` when the playlist
    /// or the entry does not exist; `false`, moving nothing, when `after`
    /// is no longer in the playlist.
    async fn move_entry(
        &self,
        id: PlaylistId,
        entry: PlaylistEntryId,
        after: Option<PlaylistEntryId>,
        now: Timestamp,
    ) -> StorageResult<bool>;

    /// Removes `entry`; whether it was there. `NotFound` when the
    /// playlist does not exist.
    async fn remove_entry(
        &self,
        id: PlaylistId,
        entry: PlaylistEntryId,
        now: Timestamp,
    ) -> StorageResult<bool>;

    /// Makes `user` a collaborator (`true`) or not.
    async fn set_collaborator(
        &self,
        id: PlaylistId,
        user: UserId,
        collaborator: bool,
        now: Timestamp,
    ) -> StorageResult<()>;

    /// The playlists `user` owns or collaborates on, last changed first.
    async fn playlists_of(&self, user: UserId) -> StorageResult<Vec<PlaylistSummary>>;
}
