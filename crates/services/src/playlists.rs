//! Playlists' rules, each written once: who sees a playlist (public: all;
//! friends: the owner's friends and its collaborators; private: its owner
//! and collaborators), who edits its tracks (owner and collaborators), who
//! changes its details, invites or deletes it (the owner), whom the owner
//! may invite (friends), and how many tracks it holds
//! ([`MAX_PLAYLIST_TRACKS`]). Anyone who may not see a playlist is told it
//! does not exist. A friend invited to edit one is notified.

use std::sync::Arc;

use chorus_domain::{
    ActivityKind, Clock, NotificationKind, PlaylistDetail, PlaylistEntryId, PlaylistId,
    PlaylistRole, PlaylistSummary, PlaylistVisibility, Sent, SurrogateKey, TrackId, UserId,
    Username, MAX_PLAYLIST_TRACKS,
};
use chorus_storage::{
    EntriesRefused, NewNotification, NewPlaylist, NotificationStore, PlaylistChanges,
    PlaylistStore, SocialStore, StoredPlaylist, Transactions, UserStore,
};

use crate::{Announcer, Purges, ServiceError, ServiceResult};

/// The playlist use cases. Cheap to clone.
#[derive(Clone)]
pub struct Playlists {
    store: Arc<dyn PlaylistStore>,
    social: Arc<dyn SocialStore>,
    users: Arc<dyn UserStore>,
    notifications: Arc<dyn NotificationStore>,
    pub(crate) transactions: Arc<dyn Transactions>,
    pub(crate) announcer: Announcer,
    purges: Arc<dyn Purges>,
    pub(crate) clock: Arc<dyn Clock>,
}

/// The stores playlists use: their own, the friendships (who may see and
/// be invited), accounts, notifications (invitations) and units of work
/// (feed events).
pub struct PlaylistStores {
    pub playlists: Arc<dyn PlaylistStore>,
    pub social: Arc<dyn SocialStore>,
    pub users: Arc<dyn UserStore>,
    pub notifications: Arc<dyn NotificationStore>,
    pub transactions: Arc<dyn Transactions>,
}

impl Playlists {
    pub fn new(
        stores: PlaylistStores,
        announcer: Announcer,
        purges: Arc<dyn Purges>,
        clock: Arc<dyn Clock>,
    ) -> Self {
        Self {
            store: stores.playlists,
            social: stores.social,
            users: stores.users,
            notifications: stores.notifications,
            transactions: stores.transactions,
            announcer,
            purges,
            clock,
        }
    }

    /// After a change of `stored`: its cached page goes (whatever its
    /// visibility, which may just have changed), and those who edit it
    /// (and `also`) are told.
    async fn changed(&self, stored: &StoredPlaylist, also: Option<UserId>) {
        let id = stored.summary.id;
        self.purges.purge(vec![SurrogateKey::playlist(id)]).await;
        let editors = std::iter::once(stored.owner)
            .chain(stored.collaborators.iter().map(|(id, _)| *id))
            .chain(also);
        self.announcer.playlist_changed(id, editors);
    }

    /// Creates `owner`'s playlist holding `tracks` (a saved queue, or
    /// none).
    pub async fn create(
        &self,
        owner: UserId,
        playlist: NewPlaylist,
        tracks: &[TrackId],
    ) -> ServiceResult<PlaylistDetail> {
        let public = playlist.visibility == PlaylistVisibility::Public;
        let created = self
            .store
            .create_playlist(
                owner,
                &playlist,
                tracks,
                MAX_PLAYLIST_TRACKS,
                self.clock.now(),
            )
            .await?;
        let id = created.map_err(refused)?;
        if public {
            self.purges.purge(vec![SurrogateKey::sitemap()]).await;
        }
        let detail = self.detail(id, Some(owner)).await?;
        self.record_event(
            owner,
            ActivityKind::CreatedPlaylist,
            &detail.playlist,
            owner,
        )
        .await;
        Ok(detail)
    }

    /// The playlist as `viewer` (`None`: signed out) may see it.
    pub async fn detail(
        &self,
        id: PlaylistId,
        viewer: Option<UserId>,
    ) -> ServiceResult<PlaylistDetail> {
        let (stored, role) = self.seen_by(id, viewer).await?;
        let entries = self.store.playlist_entries(id).await?;
        Ok(PlaylistDetail {
            playlist: stored.summary,
            entries,
            collaborators: stored.collaborators.into_iter().map(|(_, c)| c).collect(),
            role,
        })
    }

    /// The playlists `user` owns or edits, last changed first.
    pub async fn of(&self, user: UserId) -> ServiceResult<Vec<PlaylistSummary>> {
        Ok(self.store.playlists_of(user).await?)
    }

    /// Changes its details: the owner only.
    pub async fn update(
        &self,
        user: UserId,
        id: PlaylistId,
        changes: PlaylistChanges,
    ) -> ServiceResult<PlaylistDetail> {
        let stored = self.owned_by(id, user).await?;
        self.store
            .update_playlist(id, &changes, self.clock.now())
            .await?;
        let was_public = stored.summary.visibility == PlaylistVisibility::Public;
        if changes
            .visibility
            .is_some_and(|v| (v == PlaylistVisibility::Public) != was_public)
        {
            self.purges.purge(vec![SurrogateKey::sitemap()]).await;
        }
        self.changed(&stored, None).await;
        self.detail(id, Some(user)).await
    }

    /// Deletes it: the owner only.
    pub async fn delete(&self, user: UserId, id: PlaylistId) -> ServiceResult<()> {
        let stored = self.owned_by(id, user).await?;
        self.store.delete_playlist(id).await?;
        if stored.summary.visibility == PlaylistVisibility::Public {
            self.purges.purge(vec![SurrogateKey::sitemap()]).await;
        }
        self.changed(&stored, None).await;
        Ok(())
    }

    /// Appends `tracks`: an editor only.
    pub async fn add(
        &self,
        user: UserId,
        id: PlaylistId,
        tracks: &[TrackId],
    ) -> ServiceResult<PlaylistDetail> {
        let stored = self.edited_by(id, user).await?;
        self.store
            .add_entries(id, tracks, user, MAX_PLAYLIST_TRACKS, self.clock.now())
            .await?
            .map_err(refused)?;
        self.changed(&stored, None).await;
        if !tracks.is_empty() {
            self.record_event(
                user,
                ActivityKind::AddedToPlaylist,
                &stored.summary,
                stored.owner,
            )
            .await;
        }
        self.detail(id, Some(user)).await
    }

    /// Moves `entry` right after `after` (`None`: to the top): an editor
    /// only. A conflict when `after` was removed meanwhile.
    pub async fn reorder(
        &self,
        user: UserId,
        id: PlaylistId,
        entry: PlaylistEntryId,
        after: Option<PlaylistEntryId>,
    ) -> ServiceResult<PlaylistDetail> {
        let stored = self.edited_by(id, user).await?;
        let moved = self
            .store
            .move_entry(id, entry, after, self.clock.now())
            .await?;
        if !moved {
            return Err(ServiceError::Conflict(
                "the track to move it after was removed meanwhile; reload the playlist".into(),
            ));
        }
        self.changed(&stored, None).await;
        self.detail(id, Some(user)).await
    }

    /// Removes `entry` (already gone is fine): an editor only.
    pub async fn remove(
        &self,
        user: UserId,
        id: PlaylistId,
        entry: PlaylistEntryId,
    ) -> ServiceResult<PlaylistDetail> {
        let stored = self.edited_by(id, user).await?;
        if self.store.remove_entry(id, entry, self.clock.now()).await? {
            self.changed(&stored, None).await;
        }
        self.detail(id, Some(user)).await
    }

    /// A copy, owned by `user`, of a playlist they may see: its tracks in
    /// order, "Copy of" its name, visible to their friends.
    pub async fn duplicate(&self, user: UserId, id: PlaylistId) -> ServiceResult<PlaylistDetail> {
        let original = self.detail(id, Some(user)).await?;
        let name = format!("Copy of {}", original.playlist.name.as_str());
        let name: String = name
            .chars()
            .take(chorus_domain::playlist::MAX_PLAYLIST_NAME)
            .collect();
        let copy = NewPlaylist {
            name: chorus_domain::PlaylistName::parse(&name)
                .map_err(|e| ServiceError::Internal(e.to_string()))?,
            description: original.playlist.description,
            visibility: PlaylistVisibility::Friends,
        };
        let tracks: Vec<TrackId> = original.entries.iter().map(|e| e.track.id).collect();
        self.create(user, copy, &tracks).await
    }

    /// Invites (`true`) or removes the collaborator `username`. The owner
    /// invites friends and removes anyone; a collaborator may remove
    /// themselves (leave).
    pub async fn set_collaborator(
        &self,
        user: UserId,
        id: PlaylistId,
        username: &Username,
        collaborator: bool,
    ) -> ServiceResult<Option<PlaylistDetail>> {
        let (stored, _) = self.seen_by(id, Some(user)).await?;
        let other = self
            .users
            .user_by_username(username)
            .await?
            .ok_or(ServiceError::NotFound)?
            .id;
        let leaving = !collaborator && other == user;
        if stored.owner != user && !leaving {
            return Err(ServiceError::Forbidden(
                "only the playlist's owner invites and removes collaborators",
            ));
        }
        if other == stored.owner {
            return Err(ServiceError::Invalid(
                "the owner edits the playlist already",
            ));
        }
        if collaborator && !self.social.friend_ids(user).await?.contains(&other) {
            return Err(ServiceError::Invalid(
                "only friends can be invited to edit a playlist",
            ));
        }
        let invited = collaborator && !stored.collaborators.iter().any(|(c, _)| *c == other);
        let now = self.clock.now();
        self.store
            .set_collaborator(id, other, collaborator, now)
            .await?;
        if invited {
            let invitation = NewNotification {
                user: other,
                kind: NotificationKind::PlaylistInvite,
                from: user,
                subject: Some(Sent::Playlist(id)),
                message: None,
            };
            self.notifications.notify(&invitation, now).await?;
            self.announcer.notifications([other]);
        }
        self.changed(&stored, Some(other)).await;
        if leaving {
            // They may no longer see it.
            return Ok(None);
        }
        self.detail(id, Some(user)).await.map(Some)
    }

    /// The playlist, when `viewer` may see it; `NotFound` when not.
    pub async fn visible_to(
        &self,
        id: PlaylistId,
        viewer: UserId,
    ) -> ServiceResult<PlaylistSummary> {
        Ok(self.seen_by(id, Some(viewer)).await?.0.summary)
    }

    /// The playlist and the viewer's role, or `NotFound` when they may not
    /// see it.
    async fn seen_by(
        &self,
        id: PlaylistId,
        viewer: Option<UserId>,
    ) -> ServiceResult<(StoredPlaylist, PlaylistRole)> {
        let stored = self
            .store
            .playlist(id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let role = match viewer {
            Some(v) if v == stored.owner => PlaylistRole::Owner,
            Some(v) if stored.collaborators.iter().any(|(c, _)| *c == v) => {
                PlaylistRole::Collaborator
            }
            _ => PlaylistRole::Viewer,
        };
        let visible = match (stored.summary.visibility, role, viewer) {
            (PlaylistVisibility::Public, _, _) => true,
            (_, PlaylistRole::Owner | PlaylistRole::Collaborator, _) => true,
            (PlaylistVisibility::Friends, _, Some(viewer)) => self
                .social
                .friend_ids(stored.owner)
                .await?
                .contains(&viewer),
            _ => false,
        };
        if !visible {
            return Err(ServiceError::NotFound);
        }
        Ok((stored, role))
    }

    async fn edited_by(&self, id: PlaylistId, user: UserId) -> ServiceResult<StoredPlaylist> {
        let (stored, role) = self.seen_by(id, Some(user)).await?;
        if !role.can_edit_tracks() {
            return Err(ServiceError::Forbidden(
                "only the playlist's owner and collaborators change its tracks",
            ));
        }
        Ok(stored)
    }

    async fn owned_by(&self, id: PlaylistId, user: UserId) -> ServiceResult<StoredPlaylist> {
        let (stored, role) = self.seen_by(id, Some(user)).await?;
        if role != PlaylistRole::Owner {
            return Err(ServiceError::Forbidden(
                "only the playlist's owner changes its details or deletes it",
            ));
        }
        Ok(stored)
    }
}

/// Tracks not added, as the client is told.
fn refused(refused: EntriesRefused) -> ServiceError {
    match refused {
        EntriesRefused::Full { has, limit } => ServiceError::Conflict(format!(
            "a playlist holds at most {limit} tracks; this one has {has}, so these do not fit"
        )),
        EntriesRefused::UnknownTrack(track) => ServiceError::NoSuchTrack(track),
    }
}
